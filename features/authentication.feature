Feature: Authentication — the server is reached but refuses to let me in
  A rejected password, basic authentication switched off, OAuth required, app passwords,
  blocked sign-ins, unsupported mechanisms, authentication before encryption, SMTP without
  authentication and protocols switched off for the account. mailexpert makes one login
  and reads the exact reply: codes, enhanced status codes, response codes, provider texts.

  Scenario Outline: <situation>
    Given <situation>, as in the lab case "<case>"
    When I diagnose my account
    Then the most likely cause is "<case>"
    And the evidence shows "<evidence>"
    And the advice names "<correction>"
    And the report never shows the password

    Examples:
      | situation                                                   | case                          | evidence                               | correction        |
      | it keeps asking for my password                             | password-rejected             | login.result outcome=rejected          | password          |
      | since last week my Outlook account refuses my password      | basic-auth-disabled           | login.result outcome=rejected          | OAuth             |
      | the server will not take my password at all                 | oauth-required                | service.capabilities oauth_only=true   | OAuth             |
      | after I turned on two-step sign-in, mail stopped working    | app-password-required         | login.result outcome=rejected          | app password      |
      | my provider says the sign-in was blocked                    | web-login-required            | login.result outcome=rejected          | browser           |
      | I chose 'encrypted password' and now login fails            | auth-mechanism-unsupported    | service.capabilities                   | PLAIN             |
      | I turned encryption off and now my password is refused      | auth-requires-tls             | account.setting security=plain         | STARTTLS          |
      | I can receive but cannot send: authentication required      | smtp-auth-not-enabled         | server.reply stage=mail                | authentication    |
      | my password works on the web but not in the mail program    | protocol-disabled-for-account | login.result outcome=rejected          | enable            |
