Feature: Network connectivity — the link itself is lossy, slow, proxied, tunnelled or down
  Intermittent loss, high latency, a network where only the web proxy gets out, a VPN that
  swallows mail, and no internet at all. mailexpert measures repeated connects and compares
  direct and proxied web access.

  Scenario Outline: <situation>
    Given <situation>, as in the lab case "<case>"
    When I diagnose my account
    Then the most likely cause is "<case>"
    And the evidence shows "<evidence>"
    And the advice names "<correction>"

    Examples:
      | situation                                      | case           | evidence                          | correction |
      | mail works sometimes and fails other times     | packet-loss    | tcp.quality                       | Wi-Fi      |
      | everything is very slow and mail times out     | high-latency   | tcp.quality                       | timeout    |
      | at work the web works but mail never connects  | proxy-only-web | web.fetch via=proxy outcome=ok    | proxy      |
      | nothing works, not even websites               | no-internet    | web.fetch outcome=timeout         | network    |

  Scenario: Mail fails whenever my VPN is on
    Given mail fails whenever my VPN is on, as in the lab case "vpn-interference"
    And I answer "vpn-active" with "yes"
    When I diagnose my account
    Then the most likely cause is "vpn-interference"
    And the advice names "VPN"
