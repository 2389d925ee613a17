Feature: Two faults at once — the root cause comes first
  When one fault hides another, mailexpert reports the one to fix first and still lists
  what else it found.

  Scenario: I re-typed the server and my password, and nothing works
    Given I re-typed the server and my password and nothing works, as in the lab case "combo-typo-wrong-password"
    When I diagnose my account
    Then the most likely cause is "server-host-typo"
    And mailexpert says "server mial.example.test does not exist, but mail.example.test does"
    And the first thing to do is "Change the imap server from mial.example.test to mail.example.test (keep port 993 and"

  Scenario: Nothing resolves, and sending never worked here
    Given nothing resolves and sending never worked here, as in the lab case "combo-dns-misconfigured-port25"
    When I diagnose my account
    Then the most likely cause is "dns-server-misconfigured"
    And mailexpert says "gives no answer (timeout), while"
    And the first thing to do is "Fix the DNS server setting (network settings, router or /etc/resolv.conf): use the"

  Scenario: A certificate warning, and after accepting it my password fails
    Given a certificate warning, and after accepting it my password fails, as in the lab case "combo-expired-cert-app-password"
    When I diagnose my account
    Then the most likely cause is "cert-expired"
    And mailexpert says "The certificate of mail.example.test:993 expired on"
    And the first thing to do is "The provider or administrator of mail.example.test must renew the certificate (it ended"
    And the report also finds "app-password-required"
