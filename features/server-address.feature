Feature: Server address — the mail program is pointed at the wrong server name
  The web works, but the host name in the account settings is misspelt, does not exist,
  has no address, belongs to another provider, or is the domain's inbound MX. mailexpert
  resolves the names, compares them with what discovery finds, and names the right host.

  Scenario: Mail stopped working after I re-entered my server settings
    Given mail stopped working after I re-entered my server settings, as in the lab case "server-host-typo"
    When I diagnose my account
    Then the most likely cause is "server-host-typo"
    And mailexpert says "server mial.example.test does not exist, but mail.example.test does"
    And the first thing to do is "Change the imap server from mial.example.test to mail.example.test (keep port 993 and"

  Scenario: The mail program says it cannot find the server
    Given the mail program says it cannot find the server, as in the lab case "server-host-unknown"
    When I diagnose my account
    Then the most likely cause is "server-host-unknown"
    And mailexpert says "server post.nowhere-mail.test does not exist; example.test names"
    And the first thing to do is "Set the imap server to mail.example.test, port 993, security ssl (found by"

  Scenario: I typed my domain as the server and nothing connects
    Given I typed my domain as the server and nothing connects, as in the lab case "server-host-no-address"
    When I diagnose my account
    Then the most likely cause is "server-host-no-address"
    And mailexpert says "example.test has no address; the IMAP server of example.test is mail.example.test"
    And the first thing to do is "Set the imap server to mail.example.test, port 993, security ssl."

  Scenario: I use the big provider's server names for my own domain
    Given I use the big provider's server names for my own domain, as in the lab case "wrong-provider-host"
    When I diagnose my account
    Then the most likely cause is "wrong-provider-host"
    And the server said:
      """
      NO [AUTHENTICATIONFAILED] Authentication failed.
      """
    And mailexpert says "imap.bigmail.test rejects the login, and example.test publishes mail.example.test as its"
    And the first thing to do is "Set the imap server to mail.example.test, port 993, security ssl, then try the same"

  Scenario: I can receive, but sending says relay access denied
    Given I can receive, but sending says relay access denied, as in the lab case "mx-host-used-for-submission"
    When I diagnose my account
    Then the most likely cause is "mx-host-used-for-submission"
    And the server said:
      """
      554 5.7.1 <mailexpert-relay-test@example.invalid>: Relay access denied
      """
    And mailexpert says "The outgoing server mx.example.test:25 is the MX of example.test; its submission server"
    And the first thing to do is "Set the outgoing (SMTP) server to mail.example.test, port 465, security ssl, with"
