Feature: Email client — the servers are fine; the mail program is the problem
  An outdated client, a damaged configuration file, an add-on that interferes, a damaged
  profile. Only the user (or the client's own files) can tell; mailexpert asks, imports the
  configuration and checks the same settings itself.

  Scenario: I use a very old mail program
    Given I use a very old mail program, as in the lab case "client-outdated"
    And I answer "client-name" with "thunderbird"
    And I answer "client-version" with "38"
    When I diagnose my account
    Then the most likely cause is "client-outdated"
    And mailexpert says "The mail client is thunderbird 38, a long-outdated version"
    And the first thing to do is "Update the mail client to a current, supported version (Thunderbird: Help > About > Check"

  Scenario: My mail program's account settings look garbled
    Given my mail program's account settings look garbled, as in the lab case "client-config-corrupt"
    And my mail client's configuration file is "thunderbird/prefs-damaged.js"
    When I diagnose my account
    Then the most likely cause is "client-config-corrupt"
    And mailexpert says "prefs-damaged.js:27: mail.smtpserver.smtp1.port 70000 is out of range (1-65535)"
    And the first thing to do is "Close the client, keep a backup copy of"

  Scenario: Mail fails since I installed an add-on
    Given mail fails since I installed an add-on, as in the lab case "client-plugin-conflict"
    And I answer "client-still-fails" with "yes"
    And I answer "safe-mode-works" with "yes"
    When I diagnose my account
    Then the most likely cause is "client-plugin-conflict"
    And mailexpert says "The mail client works when started without add-ons (safe/troubleshoot mode)"
    And the first thing to do is "Start the client normally, disable the add-ons one at a time (Thunderbird: Tools >"

  Scenario: I paste Thunderbird's send failure and say it fails only while an add-on is on
    # Extended-Thunder/send-later#674's words above Thunderbird's sendFailed dialog: the user's statement
    # decides over the dialog's words, which say no reason (data/add-ons.yaml named-addon-breaks-it).
    When I paste the server's reply "I'm having this error only when Send later plug-in is active. Sending of the message failed."
    Then the most likely cause is "client-plugin-conflict"
    And mailexpert says "An add-on of the mail client is in the failure: 'only when Send later plug-in is active'"
    And the first thing to do is "Start the client normally and disable the add-ons one at a time"

  Scenario: A new profile works; my old one does not
    Given a new profile works and my old one does not, as in the lab case "client-profile-corrupt"
    And I answer "client-still-fails" with "yes"
    And I answer "new-profile-works" with "yes"
    When I diagnose my account
    Then the most likely cause is "client-profile-corrupt"
    And the server said:
      """
      235 2.7.0 Authentication successful
      """
    And mailexpert says "The same account works in a new profile (or another client) but not in the old profile"
    And the first thing to do is "Move to the new profile (Thunderbird: thunderbird -P or about:profiles, then import or"
