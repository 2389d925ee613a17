Feature: Server-side states — nothing is wrong on my side
  The server or its authentication backend fails for a while, another POP3 session holds
  the mailbox, or my own clock makes every certificate look wrong.

  Scenario: The server says to try again later
    Given the server says to try again later, as in the lab case "server-unavailable"
    When I diagnose my account
    Then the most likely cause is "server-unavailable"
    And the server said:
      """
      NO [UNAVAILABLE] Temporary authentication failure.
      """
    And mailexpert says "The server reports a temporary failure on its side"
    And the first thing to do is "Keep the password as it is and retry later (in a few minutes)."

  Scenario: My password is accepted, but the inbox never opens
    A server checks the password, then opens the user's mail store for the next command:
    when it cannot use it (permissions, a full disk, a wrong mail location) the login still
    succeeds, and opening the inbox fails with the server's own "Internal error". mailexpert
    opens the inbox read-only after its login, as a mail program does, so it does not call
    the account healthy; the password is not what to change.
    Given my password is accepted, but the inbox never opens, as in the lab case "server-unavailable-store"
    When I diagnose my account
    Then the most likely cause is "server-unavailable"
    And the evidence shows "server.reply stage=mailbox response_code=SERVERBUG"
    And mailexpert says "mail.example.test:993 takes the IMAP login but cannot open the mailbox"
    And the first thing to do is "User: nothing in the mail program or its password causes this"

  Scenario: My POP mailbox says it is locked
    Given my POP mailbox says it is locked, as in the lab case "mailbox-in-use"
    When I diagnose my account
    Then the most likely cause is "mailbox-in-use"
    And the server said:
      """
      -ERR [IN-USE] Mailbox is locked by another POP3 session.
      """
    And mailexpert says "The mailbox is locked by another session"
    And the first thing to do is "Close the other mail clients that fetch this mailbox with POP3, or give them a longer"

  Scenario: Every site and mail server shows certificate date errors
    Given every site and mail server shows certificate date errors, as in the lab case "clock-skew"
    When I diagnose my account
    Then the most likely cause is "clock-skew"
    And mailexpert says "By this computer's clock, the certificates of mail.example.test"
    And the first thing to do is "Check this computer's date, time and time zone; turn on automatic time synchronisation"

  Scenario: Receiving works, but sending fails since I mailed our whole club
    The login works; after it, mailexpert starts the mail program's own transaction (MAIL FROM
    and RCPT TO, then RSET: no message is sent), and the server answers the recipient with
    Postfix's limit on recipients per client and time (smtpd_client_recipient_rate_limit).
    Given receiving works, but sending fails since I mailed our whole club, as in the lab case "sending-limit-exceeded"
    When I diagnose my account
    Then the most likely cause is "sending-limit-exceeded"
    And the server said:
      """
      4.7.1 Error: too many recipients from
      """
    And the report never shows the password
