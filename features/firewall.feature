Feature: Firewall — the web works, but something drops or kills mail traffic
  Port 25 blocked by the ISP, one port dropped, every mail port dropped while HTTPS works,
  cleartext logins killed by a filter, one address of the server unreachable, and content
  filters. mailexpert compares ports, addresses and the web to locate the block.

  Scenario: I can receive, but sending times out
    Given I can receive, but sending times out, as in the lab case "smtp-port25-blocked"
    When I diagnose my account
    Then the most likely cause is "smtp-port25-blocked"
    And mailexpert says "mail.example.test:25 times out while mail.example.test:587 answers"
    And the first thing to do is "Set the outgoing server to mail.example.test, port 465, with authentication (587"

  Scenario: Receiving times out, but the web works
    Given receiving times out, but the web works, as in the lab case "port-blocked-outbound"
    When I diagnose my account
    Then the most likely cause is "port-blocked-outbound"
    And mailexpert says "Port 993 of mail.example.test times out, although the host answers on port 143"
    And the first thing to do is "Use another port of the same service if the provider offers one (SMTP 465 or 587, IMAP 993 or 143"

  Scenario: No mail at all on this network, but websites load
    Given no mail at all on this network, but websites load, as in the lab case "all-mail-ports-blocked"
    When I diagnose my account
    Then the most likely cause is "all-mail-ports-blocked"
    And mailexpert says "Every standard mail port of mail.example.test (SMTP, IMAP and POP3) times out, while"
    And the first thing to do is "Ask the network's administrator to allow outbound mail ports to mail.example.test (at"

  Scenario: Mail is slow to connect and sometimes fails
    Given mail is slow to connect and sometimes fails, as in the lab case "server-ip-blocked"
    When I diagnose my account
    Then the most likely cause is "server-ip-blocked"
    And mailexpert says "mail.example.test:465 at ::1 (ipv6) gets timeout, while 127.0.0.10 (ipv4) connects"
    And the first thing to do is "If the failing address is IPv6, fix IPv6 on this network (router/ISP), or make the system"

  Scenario: One message with an attachment is always rejected
    Given the user says "every message with this one attachment bounces; other mail goes out"
    When I paste what the server said:
      """
      554 5.7.1 Message rejected: the attachment type .exe is not allowed by the content filter
      """
    Then the most likely cause is "content-filtered"
    And mailexpert says "The server rejected the message for its content"
    And the first thing to do is "Remove or replace the attachment the reply names (send a link, or a different file type)"

  Scenario: The connection drops the moment I log in
    Given the connection drops the moment I log in, as in the lab case "plaintext-auth-filtered"
    And I allow mailexpert to log in without encryption
    When I diagnose my account
    Then the most likely cause is "plaintext-auth-filtered"
    And mailexpert says "was cut right after the cleartext"
    And the first thing to do is "Set the connection security to SSL/TLS (SMTP 465, IMAP 993, POP3 995) or STARTTLS (SMTP"
