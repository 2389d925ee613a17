Feature: Authentication — the server is reached but refuses to let me in
  A rejected password, basic authentication switched off, OAuth required, app passwords,
  blocked sign-ins, unsupported mechanisms, authentication before encryption, SMTP without
  authentication and protocols switched off for the account. mailexpert makes one login
  and reads the exact reply: codes, enhanced status codes, response codes, provider texts.

  Scenario: It keeps asking for my password
    Given it keeps asking for my password, as in the lab case "password-rejected"
    When I diagnose my account
    Then the most likely cause is "password-rejected"
    And the server said:
      """
      535 5.7.8 Error: authentication failed: (reason unavailable)
      """
    And mailexpert says "server refused the user name or password"
    And the first thing to do is "Sign in to your provider's webmail with the same user name and password to check them."
    And the report never shows the password

  Scenario: Since last week my Outlook account refuses my password
    Given since last week my Outlook account refuses my password, as in the lab case "basic-auth-disabled"
    When I diagnose my account
    Then the most likely cause is "basic-auth-disabled"
    And the server said:
      """
      535 5.7.139 Authentication unsuccessful, basic authentication is disabled.
      """
    And mailexpert says "The server refuses password (basic) authentication"
    And the first thing to do is "Switch the account's authentication method to OAuth2 (Thunderbird: Account Settings >"
    And the report never shows the password

  Scenario: The server will not take my password at all
    Given the server will not take my password at all, as in the lab case "oauth-required"
    When I diagnose my account
    Then the most likely cause is "oauth-required"
    And the server said:
      """
      NO [CANNOT] Password logins are disabled; sign in with OAuth 2.0 (XOAUTH2).
      """
    And mailexpert says "The server refuses password logins and asks for OAuth2"
    And the first thing to do is "Set the account's authentication method to OAuth2 (Thunderbird: Server Settings >"
    And the report never shows the password

  Scenario: My mail program signs in with OAuth2, and now the server refuses it
    Given my mail program signs in with OAuth2, and now the server refuses it, as in the lab case "oauth-token-rejected"
    When I diagnose my account
    Then the most likely cause is "oauth-token-rejected"
    And mailexpert says "The server says the OAuth2 token is not valid -- expired, revoked or malformed (status 401 in its error challenge"
    And the first thing to do is "Sign in again so the program gets a new token: remove the account's saved OAuth2 sign-in"
    And the report never shows the password

  Scenario: After I turned on two-step sign-in, mail stopped working
    Given after I turned on two-step sign-in, mail stopped working, as in the lab case "app-password-required"
    When I diagnose my account
    Then the most likely cause is "app-password-required"
    And the server said:
      """
      NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)
      """
    And mailexpert says "The server wants an app password, not the account password"
    And the first thing to do is "Create an app password on the provider's security page (Google"
    And the report never shows the password

  Scenario: My provider says the sign-in was blocked
    Given my provider says the sign-in was blocked, as in the lab case "web-login-required"
    When I diagnose my account
    Then the most likely cause is "web-login-required"
    And the server said:
      """
      NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)
      """
    And mailexpert says "The provider blocked the sign-in and asks for a web login first"
    And the first thing to do is "Sign in to the provider's webmail in a browser on this computer, and confirm the blocked"
    And the report never shows the password

  Scenario: I chose 'encrypted password' and now login fails
    Given I chose 'encrypted password' and now login fails, as in the lab case "auth-mechanism-unsupported"
    When I diagnose my account
    Then the most likely cause is "auth-mechanism-unsupported"
    And mailexpert says "mail.example.test:587 does not offer CRAM-MD5; it offers PLAIN LOGIN XOAUTH2 OAUTHBEARER"
    And the first thing to do is "Set the client's authentication method to one the server offers (PLAIN LOGIN XOAUTH2"
    And the report never shows the password

  Scenario: I turned encryption off and now my password is refused
    Given I turned encryption off and now my password is refused, as in the lab case "auth-requires-tls"
    When I diagnose my account
    Then the most likely cause is "auth-requires-tls"
    And the server said:
      """
      530 5.7.0 Must issue a STARTTLS command first
      """
    And mailexpert says "mail.example.test:143 advertises LOGINDISABLED"
    And the first thing to do is "Set the incoming server's connection security to STARTTLS on port 143, or to SSL/TLS on"
    And the report never shows the password

  Scenario: I can receive but cannot send: authentication required
    Given I can receive but cannot send: authentication required, as in the lab case "smtp-auth-not-enabled"
    When I diagnose my account
    Then the most likely cause is "smtp-auth-not-enabled"
    And the server said:
      """
      530 5.7.0 Authentication required
      """
    And mailexpert says "The SMTP server wants authentication before it takes a message"
    And the first thing to do is "In the outgoing (SMTP) server settings, turn authentication on ('My outgoing server"
    And the report never shows the password

  Scenario: Sending is refused: the server says my sender address is not mine
    The mail program logs in as alice@example.test and sends from bob@example.test, an
    address that login does not own. The login works; after it, mailexpert starts the
    mail program's own transaction (MAIL FROM and RCPT TO bob@example.test, then RSET:
    no message is sent), and the server refuses the sender there.
    Given sending is refused: the server says my sender address is not mine, as in the lab case "sender-address-not-allowed"
    When I diagnose my account
    Then the most likely cause is "sender-address-not-allowed"
    And the server said:
      """
      553 5.7.1 <bob@example.test>: Sender address rejected: not owned by user alice@example.test
      """
    And mailexpert says "The server refuses to send as the message's sender address"
    And the first thing to do is "Set the sender (From) address of the mail program, application or device to the address of the account it logs in with"
    And the report never shows the password

  Scenario: My password works on the web but not in the mail program
    Given my password works on the web but not in the mail program, as in the lab case "protocol-disabled-for-account"
    When I diagnose my account
    Then the most likely cause is "protocol-disabled-for-account"
    And the server said:
      """
      NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials or IMAP is disabled
      """
    And mailexpert says "The server says this protocol is switched off for the account"
    And the first thing to do is "Sign in to the provider's webmail, open the settings for POP3/IMAP (or 'mail programs'"
    And the report never shows the password
