Feature: A real Postfix — sending through Debian's own Postfix, logging in through Dovecot
  The lab's servers imitate real ones; here the outgoing server is a real Postfix: an MX on
  port 25 that refuses to relay, submission on 587 with STARTTLS and AUTH only after it,
  implicit TLS on 465, logins checked by a real Dovecot. The diagnoses come from what this
  Postfix really replies, read by the same rules as any other server's replies.

  Scenario Outline: Sending works through <smtp>
    Given sending works, with a real Postfix whose port 587 is "submission"
    And my outgoing server is "<smtp>" and my password is right
    When I diagnose my account against the real Postfix
    Then no error is reported
    And mailexpert's one login to Postfix succeeds
    And the report never shows the password

    Examples:
      | smtp                           |
      | mail.example.test:587/starttls |
      | mail.example.test:465/ssl      |

  Scenario Outline: <situation>
    Given <situation>, with a real Postfix whose port 587 is "<service>"
    And my outgoing server is "<smtp>" and my password is <password>
    When I diagnose my account against the real Postfix
    Then the most likely cause is "<cause>"
    And the evidence shows "<evidence>"
    And the report never shows the password

    Examples:
      | situation                                              | service          | smtp                           | password | cause                       | evidence                                       |
      | it says the server does not support encryption         | submission-notls | mail.example.test:587/starttls | right    | starttls-not-offered        | starttls.result outcome=not-offered            |
      | I turned encryption off and now sending is refused     | submission       | mail.example.test:587/plain    | right    | auth-requires-tls           | account.setting security=plain                 |
      | it keeps asking for my password when I send           | submission       | mail.example.test:587/starttls | wrong    | password-rejected           | login.result outcome=rejected                  |
      | sending to the domain's MX says relay access denied    | submission       | mx.example.test:25/plain       | right    | mx-host-used-for-submission | server.reply stage=rcpt code=554               |
      | sending on port 25 says relay access denied            | submission       | mail.example.test:25/starttls  | right    | mx-host-used-for-submission | server.reply stage=rcpt code=554               |
      | sending on port 25 without encryption is refused       | submission       | mail.example.test:25/plain     | right    | mx-host-used-for-submission | server.reply stage=rcpt code=554               |

  Scenario: The server greets slowly, on purpose
    Postfix waits 4 s before its greeting (a "sleep" client restriction, a common defence
    against spam robots); the client's timeout is far longer, so nothing is wrong with the
    network and mailexpert must not call it slow.
    Given sending works but the greeting takes 4 seconds, with a real Postfix whose port 587 is "submission-slow"
    And my outgoing server is "mail.example.test:587/starttls" and my password is right
    And my mail client waits up to 30 seconds
    When I diagnose my account against the real Postfix
    Then no error is reported
    And the report does not find "high-latency"
    And mailexpert's one login to Postfix succeeds
