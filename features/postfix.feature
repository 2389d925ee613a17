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

  Scenario Outline: Sending works through <smtp> while the domain's MX runs "<mx>"
    Many MX hosts run postscreen in front of smtpd, or check the EHLO name; the
    submission ports are not behind them, and an account that uses them is healthy.
    Given sending works, with a real Postfix whose port 587 is "submission" and port 25 is "<mx>"
    And my outgoing server is "<smtp>" and my password is right
    When I diagnose my account against the real Postfix
    Then no error is reported
    And mailexpert's one login to Postfix succeeds

    Examples:
      | smtp                           | mx                   |
      | mail.example.test:587/starttls | smtp-postscreen      |
      | mail.example.test:465/ssl      | smtp-postscreen-deep |
      | mail.example.test:587/starttls | smtp-helo-checks     |

  Scenario Outline: Sending on port 25 to an MX that runs "<mx>" is refused
    postscreen sends "220-" at once and the rest of the greeting only after its 6 s
    pregreet wait, longer than one step's timeout here: a mail client waits minutes for a
    greeting that has begun, and so does mailexpert, which then finds the real fault (no
    AUTH on the MX). With its after-220 tests on, postscreen's own SMTP engine refuses a
    new client for now ("450 4.3.2"); an MX that checks the EHLO name refuses made-up
    names, so mailexpert names itself by its address literal, as RFC 5321 asks.
    Given sending on port 25 is refused, with a real Postfix whose port 587 is "submission" and port 25 is "<mx>"
    And my outgoing server is "mail.example.test:25/starttls" and my password is right
    When I diagnose my account against the real Postfix
    Then the most likely cause is "mx-host-used-for-submission"
    And the evidence shows "<evidence>"

    Examples:
      | mx                   | evidence                                   |
      | smtp-postscreen      | server.reply stage=rcpt code=554           |
      | smtp-postscreen-deep | login.result skipped_reason=not-offered    |
      | smtp-helo-checks     | server.reply stage=rcpt code=554           |

  Scenario Outline: Sending through an office relay that takes no logins, when <situation>
    A relay that trusts its own network (Postfix with permit_mynetworks and no SASL, as
    offices and some ISPs run on port 25) offers no AUTH and takes a message from this
    computer without a login. A mail program that sends without a login is fine there; one
    set to log in stops with "the server does not support authentication" (Thunderbird asks
    to set the authentication method to None), so a password given means a failure.
    Given sending goes through an office relay, with a real Postfix whose port 587 is "submission" and port 25 is "smtp-relay"
    And my outgoing server is "mail.example.test:25/plain" and my password is <password>
    When I diagnose my account against the real Postfix
    Then <outcome>

    Examples:
      | situation                        | password  | outcome                                          |
      | my program sends without a login | not given | no error is reported                             |
      | my program is set to log in      | right     | the most likely cause is "smtp-auth-not-enabled" |

  Scenario: My other devices hold every connection the server allows me
    Postfix's anvil limits each client's simultaneous connections; one more is refused
    before the greeting with "421 4.7.0 ... Error: too many connections from ...".
    Given sending fails with too many connections, with a real Postfix whose port 587 is "submission-limited"
    And my outgoing server is "mail.example.test:587/starttls" and my password is right
    And my other devices hold every connection the server allows me
    When I diagnose my account against the real Postfix
    Then the most likely cause is "too-many-connections"
    And the evidence shows "service.greeting code=421"

  Scenario: The server allows me few connections, and I hold none
    mailexpert opens several connections at once (a session, one TLS handshake per
    version); those the limit refuses are asked again one at a time, so what the server
    offers is never summed up from a refused connection.
    Given sending works, with a real Postfix whose port 587 is "submission-limited"
    And my outgoing server is "mail.example.test:587/starttls" and my password is right
    When I diagnose my account against the real Postfix
    Then no error is reported
    And mailexpert's one login to Postfix succeeds
    And the TLS versions the server offers are "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3"

  Scenario Outline: My mail program kept retrying a wrong password, and the server now answers slowly
    Dovecot answers a failed login 2 s late (auth_failure_delay), and every later login
    from the same address 2, 4, 8 up to 15 s later still (its auth penalty), for IMAP and
    for Postfix's SASL alike. A slow answer to a login is the server's, on purpose: the
    cause is the password, not a timeout.
    Given <situation>, with a real Postfix whose port 587 is "submission"
    And Dovecot delays failed logins as it does by default
    And my outgoing server is "mail.example.test:587/starttls" and my password is <password>
    And my mail program already failed to log in 2 times
    When I diagnose my account against the real Postfix
    Then <outcome>

    Examples:
      | situation                                   | password | outcome                                        |
      | it keeps asking for my password             | wrong    | the most likely cause is "password-rejected"   |
      | I fixed the password after many failures    | right    | no error is reported                           |

  Scenario: The server refuses this computer's session at the greeting
    A server may answer a connection with 554 in place of its 220 greeting (RFC 5321
    section 3.1): it will not serve this client at all, and every command gets an error.
    Nothing says the server is busy, so waiting does not help: the refusal is permanent,
    aimed at this computer's address or network, and only the server's administrator
    can lift it (or another network, or the provider's other submission port, avoids it).
    Given sending is refused at once, with a real Postfix whose port 587 is "submission-refused"
    And my outgoing server is "mail.example.test:587/starttls" and my password is right
    When I diagnose my account against the real Postfix
    Then the most likely cause is "server-reply-permanent"
    And the evidence shows "service.greeting code=554"
    And the report does not find "server-unavailable"
    And mailexpert says "refuses the session for good: it answers the connection with 554 instead of a greeting"
    And the first thing to do is "Do not wait for it to pass: the refusal is permanent"

  Scenario: My mail program sends from an address my login does not own
    Postfix lets each login send only from the addresses it owns (smtpd_sender_login_maps
    with reject_sender_login_mismatch), as mailcow, docker-mailserver and many hosts do.
    The mail program logs in with the right password and sends from another address;
    what it shows is given to the diagnosis, whose own login to Postfix works.
    Given sending is refused, with a real Postfix whose port 587 is "submission-owners"
    And my outgoing server is "mail.example.test:587/starttls" and my password is right
    And my mail program logs in and sends from "bob@example.test", and shows what the server said
    When I diagnose my account against the real Postfix
    Then the most likely cause is "sender-address-not-allowed"
    And the evidence shows "server.reply code=553"
    And mailexpert says "Sender address rejected: not owned by user alice@example.test"
    And mailexpert's one login to Postfix succeeds
    And the report never shows the password

  Scenario Outline: The server takes only "Encrypted password" (CRAM-MD5), and <situation>
    Postfix offers the mechanisms its Dovecot SASL offers; with auth_mechanisms = cram-md5
    its EHLO says only "AUTH CRAM-MD5" (RFC 2195). A mail program set to "Encrypted
    password" logs in with it, and so does mailexpert, once: the right password is healthy,
    a wrong one is refused. The answer to the challenge is derived from the password and is
    never shown.
    Given sending with CRAM-MD5, with a real Postfix whose port 587 is "submission" and whose logins are CRAM-MD5 only
    And my outgoing server is "mail.example.test:587/starttls" and my password is <password>
    And my mail program's authentication method is "<method>"
    When I diagnose my account against the real Postfix
    Then <outcome>
    And mailexpert's one login to Postfix is "<login>"
    And the report never shows the password

    Examples:
      | situation                                  | password | method             | outcome                                                    | login    |
      | my program is set to "Encrypted password"  | right    | Encrypted password | the report does not find "auth-mechanism-unsupported"      | success  |
      | the password is wrong                      | wrong    | Encrypted password | the most likely cause is "password-rejected"               | rejected |
      | my program is set to "Normal password"     | right    | Normal password    | the report warns of "auth-mechanism-unsupported"           | success  |

  Scenario Outline: mailexpert asks Postfix whether my login may send from <address>
    A login that works says nothing yet about the sender address: Postfix checks it
    against the login only when a message is under way (smtpd_sender_login_maps with
    reject_sender_login_mismatch, at RCPT TO). So after its one login mailexpert starts
    the mail program's own transaction, from my address to that same address (MAIL FROM,
    RCPT TO), and abandons it with RSET: no DATA, no message is ever sent.
    Given sending <situation>, with a real Postfix whose port 587 is "submission-owners"
    And my outgoing server is "mail.example.test:587/starttls" and my password is right
    And my mail program logs in as alice@example.test and sends from "<address>"
    When I diagnose my account against the real Postfix
    Then <outcome>
    And mailexpert's one login to Postfix succeeds
    And Postfix saw MAIL FROM and RCPT TO in that session, then RSET, and no DATA
    And the report never shows the password

    Examples:
      | situation  | address            | outcome                                               |
      | is refused | bob@example.test   | the most likely cause is "sender-address-not-allowed" |
      | works      | alice@example.test | no error is reported                                  |

  Scenario: The server refuses my sender address after the login, and mailexpert finds it by itself
    Given sending is refused, with a real Postfix whose port 587 is "submission-owners"
    And my outgoing server is "mail.example.test:587/starttls" and my password is right
    And my mail program logs in as alice@example.test and sends from "bob@example.test"
    When I diagnose my account against the real Postfix
    Then the most likely cause is "sender-address-not-allowed"
    And the evidence shows "server.reply stage=rcpt code=553"
    And mailexpert says "Sender address rejected: not owned by user alice@example.test"

  Scenario Outline: The server takes TLS 1.3 only, and my mail program is Thunderbird <version>, <profile>
    An administrator who follows current advice lets port 465 take TLS 1.3 alone (Postfix's
    smtpd_tls_protocols = >=TLSv1.3, as Dovecot's ssl_min_protocol = TLSv1.3). Thunderbird
    does TLS 1.3 since version 63 unless its Config Editor caps it (security.tls.version.max
    3 is TLS 1.2); an older or capped one cannot complete the handshake, whatever mailexpert's
    own TLS can do.
    Given I send through port 465, with a real Postfix whose port 587 is "submission"
    And its port 465 takes TLS 1.3 only
    And my outgoing server is "mail.example.test:465/ssl" and my password is right
    And my mail program is Thunderbird <version>, <profile>
    When I diagnose my account against the real Postfix
    Then <outcome>
    And the TLS versions the server offers are "TLSv1.3"

    Examples:
      | version | profile                                                          | outcome                                                |
      | 115.6.1 | set up in its profile                                            | no error is reported                                   |
      | 115.6.1 | set up in its profile with "security.tls.version.max" set to 3   | the most likely cause is "tls-version-client-outdated" |
      | 52.9.1  | set up in its profile                                            | the most likely cause is "tls-version-client-outdated" |

  Scenario Outline: The server checks the name my mail program says hello with, and my mail program is msmtp <setup>
    A hardened submission port refuses an EHLO name that is not fully qualified before
    anything else (Postfix's reject_non_fqdn_helo_hostname with smtpd_delay_reject = no).
    msmtp says "EHLO localhost" unless its msmtprc sets "domain" (msmtp(1)). Given the
    msmtprc, mailexpert says hello with the same name, so it meets the same refusal; its own
    name, an address literal, would have passed.
    Given sending fails as soon as my mail program says hello, with a real Postfix whose port 587 is "submission"
    And its port 587 refuses EHLO names that are not fully qualified
    And my outgoing server is "mail.example.test:587/starttls" and my password is right
    And my mail program is msmtp, set up <setup>
    When I diagnose my account against the real Postfix
    Then <outcome>

    Examples:
      | setup                              | outcome                                         |
      | without "domain"                   | the most likely cause is "helo-name-rejected"   |
      | with "domain mail.example.test"    | no error is reported                            |

  Scenario: Dovecot's password database is down, and Postfix refuses my login as if my password were wrong
    Dovecot checks the passwords for IMAP and, over its SASL socket, for Postfix. When the
    database behind it fails (an SQL or LDAP server down), IMAP says so: "[UNAVAILABLE]
    Temporary authentication failure." Postfix only relays a refusal without a reason, "535
    5.7.8 Error: authentication failed: (reason unavailable)", as for a wrong password. The
    password is not the cause, and changing it would not help.
    Given sending and receiving fail, with a real Postfix whose port 587 is "submission"
    And Dovecot's password database is down
    And my outgoing server is "mail.example.test:587/starttls" and my password is right
    When I diagnose my account against the real Postfix
    Then the most likely cause is "server-unavailable"
    And the evidence shows "login.result outcome=temporary response_code=UNAVAILABLE"
    And mailexpert says "reports that its password check fails for now"
    And the first thing to do is "Keep the password as it is"
    And mailexpert's one login to Postfix is "rejected"
    And the report never shows the password
