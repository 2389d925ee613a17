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
    And the advice names "update"

  Scenario: My mail program's account settings look garbled
    Given my mail program's account settings look garbled, as in the lab case "client-config-corrupt"
    And my mail client's configuration file is "thunderbird/prefs-damaged.js"
    When I diagnose my account
    Then the most likely cause is "client-config-corrupt"
    And the evidence shows "client.config status=corrupt"
    And the advice names "prefs-damaged.js"

  Scenario: Mail fails since I installed an add-on
    Given mail fails since I installed an add-on, as in the lab case "client-plugin-conflict"
    And I answer "client-still-fails" with "yes"
    And I answer "safe-mode-works" with "yes"
    When I diagnose my account
    Then the most likely cause is "client-plugin-conflict"
    And the advice names "add-on"

  Scenario: A new profile works; my old one does not
    Given a new profile works and my old one does not, as in the lab case "client-profile-corrupt"
    And I answer "client-still-fails" with "yes"
    And I answer "new-profile-works" with "yes"
    When I diagnose my account
    Then the most likely cause is "client-profile-corrupt"
    And the advice names "profile"
