Feature: Port configuration — the right server, but the wrong port or security mode
  SSL/TLS on a plaintext port, plaintext on an implicit-TLS port, a port that speaks another
  protocol, or a port where nothing listens. mailexpert reads what each port really speaks
  and names the port and security mode to use.

  Scenario Outline: <situation>
    Given <situation>, as in the lab case "<case>"
    When I diagnose my account
    Then the most likely cause is "<case>"
    And the evidence shows "<evidence>"
    And the advice names "<correction>"

    Examples:
      | situation                                                   | case                   | evidence                                       | correction |
      | receiving fails with an SSL error                           | tls-on-plaintext-port  | tls.handshake outcome=wrong-version-number     | STARTTLS   |
      | receiving just hangs and then times out                     | plaintext-on-tls-port  | port.speaks port=993 transport=implicit-tls    | SSL/TLS    |
      | my mail program says it got a bad greeting from the server  | wrong-protocol-on-port | port.speaks protocol=pop3                      | 993        |
      | the server refuses the connection                           | port-closed            | tcp.connect port=993 outcome=refused           | 143        |

  Scenario: My home server is not reachable from outside
    Given my home server works inside the house but not from outside, as in the lab case "port-forwarding-missing"
    And I answer "server-self-hosted" with "yes"
    And I answer "works-from-inside-network" with "yes"
    When I diagnose my account
    Then the most likely cause is "port-forwarding-missing"
    And the advice names "forward"
