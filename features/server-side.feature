Feature: Server-side states — nothing is wrong on my side
  The server or its authentication backend fails for a while, another POP3 session holds
  the mailbox, or my own clock makes every certificate look wrong.

  Scenario Outline: <situation>
    Given <situation>, as in the lab case "<case>"
    When I diagnose my account
    Then the most likely cause is "<case>"
    And the evidence shows "<evidence>"
    And the advice names "<correction>"

    Examples:
      | situation                                                  | case               | evidence                                | correction  |
      | the server says to try again later                         | server-unavailable | login.result outcome=temporary          | later       |
      | my POP mailbox says it is locked                           | mailbox-in-use     | login.result response_code=IN-USE       | other       |
      | every site and mail server shows certificate date errors   | clock-skew         | tls.handshake verify=not-yet-valid      | date        |
