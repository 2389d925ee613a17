Feature: Account credentials — the wrong user name, an expired password, a locked account
  The login reply tells which: a user name that is not the full address, an expired
  password, a lockout after too many failures, or too many parallel connections.

  Scenario Outline: <situation>
    Given <situation>, as in the lab case "<case>"
    When I diagnose my account
    Then the most likely cause is "<case>"
    And the evidence shows "<evidence>"
    And the advice names "<correction>"
    And the report never shows the password

    Examples:
      | situation                                             | case                 | evidence                                   | correction         |
      | I log in with my name and the password is refused     | username-wrong       | account.identity username_is_address=false | alice@example.test |
      | the server says my password expired                   | password-expired     | login.result outcome=rejected              | change             |
      | after trying a few times it says too many attempts    | account-locked       | login.result                               | wait               |
      | it says too many connections                          | too-many-connections | login.result                               | close              |
