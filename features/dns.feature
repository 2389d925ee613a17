Feature: DNS resolution — names do not resolve, or resolve to the wrong place
  A broken resolver setting, a resolver outage, DNS blocked on the network, and a resolver
  that answers with a sinkhole address. mailexpert asks the system resolver and a reference
  resolver and compares them.

  Scenario Outline: <situation>
    Given <situation>, as in the lab case "<case>"
    When I diagnose my account
    Then the most likely cause is "<case>"
    And the evidence shows "<evidence>"
    And the advice names "<correction>"

    Examples:
      | situation                                                | case                     | evidence                                  | correction |
      | since I changed my DNS setting nothing resolves          | dns-server-misconfigured | dns.answer role=system outcome=timeout    | DNS server |
      | names do not resolve right now                           | dns-outage               | dns.answer outcome=servfail               | later      |
      | websites work but the mail server name never resolves    | dns-blocked              | dns.answer role=reference outcome=timeout | admin      |
      | the mail server name points to a strange address         | dns-poisoned             | dns.compare same=false                    | resolver   |
