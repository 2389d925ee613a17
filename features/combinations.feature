Feature: Two faults at once — the root cause comes first
  When one fault hides another, mailexpert reports the one to fix first and still lists
  what else it found.

  Scenario: I re-typed the server and my password, and nothing works
    Given I re-typed the server and my password and nothing works, as in the lab case "combo-typo-wrong-password"
    When I diagnose my account
    Then the most likely cause is "server-host-typo"
    And the advice names "mail.example.test"

  Scenario: Nothing resolves, and sending never worked here
    Given nothing resolves and sending never worked here, as in the lab case "combo-dns-misconfigured-port25"
    When I diagnose my account
    Then the most likely cause is "dns-server-misconfigured"

  Scenario: A certificate warning, and after accepting it my password fails
    Given a certificate warning, and after accepting it my password fails, as in the lab case "combo-expired-cert-app-password"
    When I diagnose my account
    Then the most likely cause is "cert-expired"
    And the report also finds "app-password-required"
