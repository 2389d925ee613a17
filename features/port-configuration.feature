Feature: Port configuration — the right server, but the wrong port or security mode
  SSL/TLS on a plaintext port, plaintext on an implicit-TLS port, a port that speaks another
  protocol, or a port where nothing listens. mailexpert reads what each port really speaks
  and names the port and security mode to use.

  Scenario: Receiving fails with an SSL error
    Given receiving fails with an SSL error, as in the lab case "tls-on-plaintext-port"
    When I diagnose my account
    Then the most likely cause is "tls-on-plaintext-port"
    And the server said:
      """
      * OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] Dovecot (Debian) ready.
      """
    And mailexpert says "mail.example.test:143 speaks plaintext IMAP; SSL/TLS belongs on port 993"
    And the first thing to do is "Change the port of mail.example.test to 993 and keep SSL/TLS."

  Scenario: Receiving just hangs and then times out
    Given receiving just hangs and then times out, as in the lab case "plaintext-on-tls-port"
    When I diagnose my account
    Then the most likely cause is "plaintext-on-tls-port"
    And the server said:
      """
      * OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN AUTH=XOAUTH2 AUTH=OAUTHBEARER] Dovecot (Debian) ready.
      """
    And mailexpert says "mail.example.test:993 expects TLS at once; set SSL/TLS, or use STARTTLS on port 143"
    And the first thing to do is "Set the security of mail.example.test:993 to SSL/TLS."

  Scenario: My mail program says it got a bad greeting from the server
    Given my mail program says it got a bad greeting from the server, as in the lab case "wrong-protocol-on-port"
    When I diagnose my account
    Then the most likely cause is "wrong-protocol-on-port"
    And the server said:
      """
      +OK Dovecot (Debian) ready.
      """
    And mailexpert says "mail.example.test:995 speaks POP3; IMAP answers on port 993"
    And the first thing to do is "Set the imap port to 993 with security ssl."

  Scenario: The server refuses the connection
    Given the server refuses the connection, as in the lab case "port-closed"
    When I diagnose my account
    Then the most likely cause is "port-closed"
    And mailexpert says "mail.example.test:993 refuses the connection, but port 143 (starttls) of the same server"
    And the first thing to do is "Set the imap port to 143 with security starttls."

  Scenario: My home server is not reachable from outside
    Given my home server works inside the house but not from outside, as in the lab case "port-forwarding-missing"
    And I answer "server-self-hosted" with "yes"
    And I answer "works-from-inside-network" with "yes"
    When I diagnose my account
    Then the most likely cause is "port-forwarding-missing"
    And mailexpert says "mail.example.test works from inside its network but refuses every mail port from outside"
    And the first thing to do is "On the router in front of mail.example.test, forward the TCP ports the server uses to its internal address: for sending 465 or 587"
