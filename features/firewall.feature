Feature: Firewall — the web works, but something drops or kills mail traffic
  Port 25 blocked by the ISP, one port dropped, every mail port dropped while HTTPS works,
  cleartext logins killed by a filter, one address of the server unreachable, and content
  filters. mailexpert compares ports, addresses and the web to locate the block.

  Scenario Outline: <situation>
    Given <situation>, as in the lab case "<case>"
    When I diagnose my account
    Then the most likely cause is "<case>"
    And the evidence shows "<evidence>"
    And the advice names "<correction>"

    Examples:
      | situation                                         | case                    | evidence                              | correction |
      | I can receive, but sending times out              | smtp-port25-blocked     | tcp.connect port=25 outcome=timeout   | 587        |
      | receiving times out, but the web works            | port-blocked-outbound   | tcp.connect port=993 outcome=timeout  | 143        |
      | no mail at all on this network, but websites load | all-mail-ports-blocked  | web.fetch outcome=ok                  | webmail    |
      | mail is slow to connect and sometimes fails       | server-ip-blocked       | tcp.connect family=ipv6 outcome=timeout | IPv4     |

  Scenario: One message with an attachment is always rejected
    Given one message with an attachment is always rejected, as in the lab case "content-filtered"
    When I paste the server's reply "554 5.7.1 Message rejected: the attachment type .exe is not allowed by the content filter"
    Then the most likely cause is "content-filtered"
    And the advice names "attachment"

  Scenario: The connection drops the moment I log in
    Given the connection drops the moment I log in, as in the lab case "plaintext-auth-filtered"
    And I allow mailexpert to log in without encryption
    When I diagnose my account
    Then the most likely cause is "plaintext-auth-filtered"
    And the evidence shows "login.result outcome=reset"
    And the advice names "TLS"
