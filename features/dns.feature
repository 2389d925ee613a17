Feature: DNS resolution — names do not resolve, or resolve to the wrong place
  A broken resolver setting, a resolver outage, DNS blocked on the network, and a resolver
  that answers with a sinkhole address. mailexpert asks the system resolver and a reference
  resolver and compares them.

  Scenario: Since I changed my DNS setting nothing resolves
    Given since I changed my DNS setting nothing resolves, as in the lab case "dns-server-misconfigured"
    When I diagnose my account
    Then the most likely cause is "dns-server-misconfigured"
    And mailexpert says "gives no answer (timeout), while"
    And the first thing to do is "Fix the DNS server setting (network settings, router or /etc/resolv.conf): use the"

  Scenario: Names do not resolve right now
    Given names do not resolve right now, as in the lab case "dns-outage"
    When I diagnose my account
    Then the most likely cause is "dns-outage"
    And mailexpert says "fail to resolve mail.example.test (SERVFAIL)"
    And the first thing to do is "Retry later; if it lasts, tell the mail provider that the DNS of mail.example.test fails"

  Scenario: DNS fails, but the hosts file gives the mail server's address: mail works
    A name the hosts file maps is never asked of DNS, so a DNS outage does not stop mail to
    it: the outage is worth a warning (other names fail), not the cause of a mail failure.
    Given names do not resolve right now, as in the lab case "dns-outage"
    And the hosts file of this computer has the line "127.0.0.10  mail.example.test"
    When I diagnose my account
    Then no error is reported
    And the most likely cause is "dns-outage"
    And mailexpert says "the hosts file"
    And mailexpert says "so mail does not depend on DNS here"

  Scenario: Websites work but the mail server name never resolves
    Given websites work but the mail server name never resolves, as in the lab case "dns-blocked"
    When I diagnose my account
    Then the most likely cause is "dns-blocked"
    And mailexpert says "Every DNS server times out"
    And the first thing to do is "Use the DNS server this network hands out (DHCP) instead of a fixed one, or ask the"

  Scenario: The mail server name points to a strange address
    Given the mail server name points to a strange address, as in the lab case "dns-poisoned"
    When I diagnose my account
    Then the most likely cause is "dns-poisoned"
    And mailexpert says "This computer's resolver answers 127.0.0.99 for mail.example.test"
    And the first thing to do is "Flush the DNS cache and switch this computer to a trusted resolver (the one that answered"

  Scenario: Since the provider moved the mail server, mail fails on this computer only
    A resolver keeps an answer until its time to live runs out: after a move, this computer's
    resolver may still send the name to the old address, where nothing answers any more,
    while other resolvers already give the new one. The server is not down: the cached
    answer is stale.
    Given since my provider moved the mail server, mail fails on this computer only, as in the lab case "dns-stale"
    When I diagnose my account
    Then the most likely cause is "dns-poisoned"
    And the evidence shows "dns.compare system=127.0.0.12 reference=127.0.0.10"
    And mailexpert says "This computer's resolver answers 127.0.0.12 for mail.example.test, another resolver 127.0.0.10"
    And the first thing to do is "Flush the DNS cache"

  Scenario: Since the provider moved the mail server, new mail stopped arriving, and nothing shows an error
    After a move the old server often runs on for a while: a resolver that still caches the
    old address sends the mail program there, the connection works, the old server even
    takes the login, so no error shows, but new mail arrives at the new server. Other
    resolvers already give the new address; that difference is all there is to see, so it
    is a warning (large providers also answer differently by location), never "no problem".
    Given since my provider moved the mail server, new mail stopped arriving here, as in the lab case "dns-stale-old-server"
    When I diagnose my account
    Then the most likely cause is "dns-poisoned"
    And mailexpert is only "possible" sure of it
    And no error is reported
    And the evidence shows "dns.compare system=127.0.0.12 reference=127.0.0.10"
    And mailexpert says "This computer's resolver answers 127.0.0.12 for mail.example.test, other resolvers 127.0.0.10; the IMAP server at 127.0.0.12 still answers, but may be the old one"
    And the first thing to do is "Flush the DNS cache"
    And the advice names "Ask the provider whether mail.example.test moved from 127.0.0.12 to 127.0.0.10"

  Scenario: Mail stopped on this computer only: a line of the hosts file sends the server's name elsewhere
    Mail programs look names up in the hosts file before DNS (getaddrinfo), so a line left
    from a server move, a test or an ad blocker wins over DNS. mailexpert reads the file,
    connects where the mail program would, and names the line.
    Given mail stopped working on this computer only while webmail works, as in the lab case "hosts-file-override"
    When I diagnose my account
    Then the most likely cause is "hosts-file-override"
    And mailexpert says "line 4) sends mail.example.test to 127.0.0.99, where port"
    And the first thing to do is "Remove line 4 of"

  Scenario: A hosts-file line that repeats the server's own address changes nothing
    Given everything should work, as in the lab case "healthy"
    And the hosts file of this computer has the line "127.0.0.10  mail.example.test imap.example.test  # pinned"
    When I diagnose my account
    Then no error is reported
