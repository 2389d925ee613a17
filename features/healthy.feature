Feature: A healthy account — nothing is wrong, and mailexpert says so
  When every check passes, mailexpert must not invent a problem: no diagnosis of
  error severity, exit status 0, and the password never appears in the report.

  Scenario: Everything works
    Given everything should work and I just want to check my settings, as in the lab case "healthy"
    When I diagnose my account
    Then no error is reported
    And the report never shows the password

  Scenario: Checking without logging in
    Given everything should work, as in the lab case "healthy"
    And I do not let mailexpert log in
    When I diagnose my account
    Then no error is reported
