Feature: Hostile and broken servers — never reported healthy
  A server that stalls, breaks off or leaves its protocol at some step is named with the
  failing service and step; a setting that would send the password in clear text is an
  error even though mailexpert itself never sends it.

  Scenario: Receiving hangs after connecting and never gets to the login
    Given receiving hangs after connecting and never gets to the login, as in the lab case "server-protocol-error"
    When I diagnose my account
    Then the most likely cause is "server-protocol-error"
    And the evidence shows "service.failure step=capability failure=too-many-lines"
    And mailexpert says "The IMAP session with mail.example.test:993 fails at the capability step (too-many-lines)"
    And the first thing to do is "Tell the provider or administrator of mail.example.test:993 that its imap service fails at the capability step"

  Scenario: I turned encryption off and everything works
    Given I turned encryption off and everything works, as in the lab case "cleartext-auth-exposed"
    When I diagnose my account
    Then the most likely cause is "cleartext-auth-exposed"
    And the evidence shows "service.capabilities tls=false password_auth=true"
    And mailexpert says "without encryption would send the password in clear text"
    And the first thing to do is "Set the connection security to SSL/TLS (SMTP 465, IMAP 993, POP3 995) or STARTTLS"
