Feature: Network connectivity — the link itself is lossy, slow, proxied, tunnelled or down
  Intermittent loss, high latency, a network where only the web proxy gets out, a VPN that
  swallows mail, and no internet at all. mailexpert measures repeated connects and compares
  direct and proxied web access.

  Scenario: Mail works sometimes and fails other times
    Given mail works sometimes and fails other times, as in the lab case "packet-loss"
    When I diagnose my account
    Then the most likely cause is "packet-loss"
    And mailexpert says "connection attempts to mail.example.test:587 failed"
    And the first thing to do is "Move closer to the Wi-Fi access point or use a cable, restart the router, and retry."

  Scenario: At work the web works but mail never connects
    Given at work the web works but mail never connects, as in the lab case "proxy-only-web"
    When I diagnose my account
    Then the most likely cause is "proxy-only-web"
    And mailexpert says "The web works only through the proxy"
    And the first thing to do is "is (or the administrator offers) a SOCKS proxy, set it in the mail client (Thunderbird"

  Scenario: Nothing works, not even websites
    Given nothing works, not even websites, as in the lab case "no-internet"
    When I diagnose my account
    Then the most likely cause is "no-internet"
    And mailexpert says "The web fails too (https://web.example.test/"
    And the first thing to do is "Check that Wi-Fi or the cable is connected and that websites open in a browser; restart"

  Scenario: Mail fails whenever my VPN is on
    Given mail fails whenever my VPN is on, as in the lab case "vpn-interference"
    And I answer "vpn-active" with "yes"
    When I diagnose my account
    Then the most likely cause is "vpn-interference"
    And mailexpert says "A VPN is connected, and mail.example.test:587 gets timeout"
    And the first thing to do is "Disconnect the VPN and retry. If mail then works, exclude mail.example.test from the VPN"

  Scenario: Saying that a VPN is on turns "every mail port is blocked" into "the VPN is in the way"
    Given mail fails whenever my VPN is on, as in the lab case "vpn-interference"
    When I diagnose my account
    Then the most likely cause is "all-mail-ports-blocked"
    And mailexpert asks "vpn-active"
    When I answer "vpn-active" with "yes" and diagnose again
    Then the most likely cause is "vpn-interference"
    And the first thing to do is "Disconnect the VPN and retry."

  Scenario: Sending is refused at once: the server says my address is on a block list
    The submission server checks the connecting address against a DNS block list as soon as
    it connects, and answers with Postfix's DNSBL refusal in place of its greeting. Neither
    the password nor the message is at fault: the address is.
    Given sending is refused at once: the server says my address is on a block list, as in the lab case "client-ip-blocklisted"
    When I diagnose my account
    Then the most likely cause is "client-ip-blocklisted"
    And the evidence shows "server.client-ip-refused stage=greeting code=554"
    And mailexpert says "The server refuses mail from the sending IP address"
    And the first thing to do is "Send through your provider's submission server with a login"
    And the report never shows the password
