Feature: Account credentials — the wrong user name, an expired password, a locked account
  The login reply tells which: a user name that is not the full address, an expired
  password, a lockout after too many failures, or too many parallel connections.

  Scenario: I log in with my name and the password is refused
    Given I log in with my name and the password is refused, as in the lab case "username-wrong"
    When I diagnose my account
    Then the most likely cause is "username-wrong"
    And the server said:
      """
      NO [AUTHENTICATIONFAILED] Authentication failed.
      """
    And mailexpert says "login was refused"
    And the first thing to do is "Set the user name to the full address alice@example.test for both the incoming and the"
    And the report never shows the password

  Scenario: The server says my password expired
    Given the server says my password expired, as in the lab case "password-expired"
    When I diagnose my account
    Then the most likely cause is "password-expired"
    And the server said:
      """
      NO [EXPIRED] That password isn't valid any more
      """
    And mailexpert says "The server says the password has expired"
    And the first thing to do is "Sign in to the provider's webmail or account page (or your organisation's password"
    And the report never shows the password

  Scenario: After trying a few times it says too many attempts
    Given after trying a few times it says too many attempts, as in the lab case "account-locked"
    When I diagnose my account
    Then the most likely cause is "account-locked"
    And the server said:
      """
      NO [CONTACTADMIN] Account locked after too many failed login attempts.
      """
    And mailexpert says "The server says the account is locked or disabled"
    And the first thing to do is "Stop every client and device that uses this account (phones, tablets, other computers)"
    And the report never shows the password

  Scenario: It says too many connections
    Given it says too many connections, as in the lab case "too-many-connections"
    When I diagnose my account
    Then the most likely cause is "too-many-connections"
    And the server said:
      """
      NO [LIMIT] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)
      """
    And mailexpert says "The server refuses another connection for this user"
    And the first thing to do is "Close the mail clients you do not need (other computers, phones, tablets on the same"
    And the report never shows the password
