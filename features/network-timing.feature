Feature: Timing measures the network — not the server's think-time, not this computer's load
  Latency is the round trip of the TCP handshake as the operating system timed it. A server
  that takes its time to greet (within what mail clients wait) is not a network problem,
  and neither is a busy computer running many diagnoses at once.

  Scenario: Everything is very slow and mail times out
    When I replay the recorded case "high-latency-satellite.json"
    Then the most likely cause is "high-latency"
    And mailexpert says "A network round trip to mail.example.test:993 takes 1300 ms in the median"
    And the first thing to do is "Raise the client's connection timeout (Thunderbird: mailnews.tcptimeout in the Config Editor"

  Scenario: A slow server on a fast link is not a network problem
    Given the server takes its time to greet and to answer, as in the lab case "high-latency"
    When I diagnose my account
    Then no error is reported
