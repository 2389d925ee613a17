"""Wall time of ``explain`` on big and hostile pastes (a session log, one huge line, binary).

    python3 benchmarks/explain_bench.py

Prints one line per case: its size, what explain made of it and how long it took. The goal
is under a second for a 1 MB log; anything larger than explain accepts is refused at once.
"""

from __future__ import annotations

import random
import time

from mailexpert.errors import InputError
from mailexpert.explain import MAX_TEXT, explain


def session_log(size: int) -> str:
    lines = []
    i = 0
    while sum(len(x) + 1 for x in lines) < size:
        i += 1
        lines.append(f"2024-03-02 10:{i % 60:02d}:00 SERVER -> CLIENT: 250-mail.example.org at your service, [203.0.113.{i % 250}]")
        lines.append(f"2024-03-02 10:{i % 60:02d}:00 CLIENT -> SERVER: NOOP {i}")
    lines.append("2024-03-02 11:00:00 SERVER -> CLIENT: 535 5.7.8 Error: authentication failed: authentication failure")
    lines.append("2024-03-02 11:00:00 SMTP ERROR: Password command failed: 535 5.7.8 Error: authentication failed")
    return "\n".join(lines)


def server_log(size: int) -> str:
    """A server's and a client's short log lines mixed, 18,000 of them in 1 MB: a paste of many
    lines, where per-line work shows."""
    rng = random.Random(2)
    lines: list[str] = []
    while sum(len(x) + 1 for x in lines) < size:
        i = len(lines)
        lines.append(rng.choice([
            f"Dec  2 10:{i % 60:02d}:01 mail postfix/smtpd[{i}]: connect from unknown[192.0.2.{i % 250}]",
            f"Dec  2 10:{i % 60:02d}:01 mail postfix/smtpd[{i}]: disconnect from unknown[192.0.2.{i % 250}] ehlo=1 quit=1",
            "<<< 250-SIZE 10240000", f">>> EHLO client{i}", "<<< 220 mail.example.org ESMTP",
            f"2024-01-0{i % 9 + 1} 10:00:00 INFO sending message {i} to bob@example.org",
        ]))
    lines.append("<<< 535 5.7.8 Error: authentication failed: authentication failure")
    return "\n".join(lines)


def postfix_maillog(size: int) -> str:
    """A Postfix maillog: sent and bounced deliveries and connections, 1,700 "said: 550 5.1.1 ..."
    bounces in 1 MB, then a refused login at its end."""
    rng = random.Random(1)
    lines: list[str] = []
    while sum(len(x) + 1 for x in lines) < size:
        i = len(lines) + 1
        queue, at, r = f"{rng.getrandbits(40):010X}", f"Mar  2 10:{i % 60:02d}:{i % 60:02d} mx", rng.random()
        if r < 0.5:
            lines.append(f"{at} postfix/smtp[{1000 + i % 9000}]: {queue}: to=<user{i}@example.net>, relay=mx.example.net"
                         f"[192.0.2.{i % 250}]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 OK {i} - gsmtp)")
        elif r < 0.8:
            lines.append(f"{at} postfix/smtp[{1000 + i % 9000}]: {queue}: to=<user{i}@example.org>, relay=mx.example.org"
                         f"[198.51.100.{i % 250}]:25, delay=0.3, delays=0.1/0/0.1/0.1, dsn=5.1.1, status=bounced (host "
                         f"mx.example.org[198.51.100.{i % 250}] said: 550 5.1.1 <user{i}@example.org>: Recipient address "
                         "rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))")
        else:
            lines.append(f"{at} postfix/smtpd[{1000 + i % 9000}]: connect from unknown[203.0.113.{i % 250}]")
    lines.append("Mar  2 11:00:00 mx postfix/smtp[99]: ABC: to=<a@gmail.com>, relay=smtp.gmail.com[142.250.1.1]:587, delay=1, "
                 "dsn=5.7.8, status=bounced (host smtp.gmail.com[142.250.1.1] said: 535-5.7.8 Username and Password not "
                 "accepted. (in reply to AUTH command))")
    return "\n".join(lines)


def cases() -> list[tuple[str, str]]:
    rng = random.Random(1)
    return [
        ("1 MB session log, the failure at its end", session_log(1_000_000)),
        ("1 MB log of 18,000 short lines", server_log(1_000_000)),
        # Both logs with their line breaks lost (a one-line paste): their records are put back on lines.
        ("1 MB session log run together on one line", session_log(1_000_000).replace("\n", " ")),
        ("1 MB log run together on one line", server_log(1_000_000).replace("\n", " ")),
        ("1.9 MB single line", "x" * 1_900_000 + " 535 5.7.8 Username and Password not accepted"),
        ("1 MB of binary junk", "".join(chr(rng.randrange(0, 0x2FF)) for _ in range(1_000_000))),
        ("100 kB of control characters", "\x1b[31m\x00\x07" * 25_000 + "\n-ERR [IN-USE] locked"),
        # Shapes whose every start could try every end of a long line (a certificate-names shape,
        # the EHLO-answer label of the concept table).
        ("930 kB of one repeated Go TLS prefix", "x509: certificate is valid for " * 30_000),
        ("1 MB line of EHLO-answer keywords", "SMTP ERROR: STARTTLS command failed\n" + "250-a" * 200_000 + "!"),
        # Symfony's quoted reply, whose own quotes are paired before the closing one is found.
        ("1 MB of quotes in Symfony's reply", "\n".join(['Expected response code "250" but got code "550", with message "'
                                                         + '"' * 3_000 + "x"] * 330)),
        # A debug transcript whose EHLO answer runs to 5,000 lines: its keywords are read once.
        ("1 MB transcript, an EHLO answer of 5,000 lines", "SERVER -> CLIENT: 220 mx ESMTP\nCLIENT -> SERVER: EHLO h\n"
         + "".join(f"SERVER -> CLIENT: 250-{'A' * 190}\n" for _ in range(5_000)) + "SMTP Error: Could not authenticate."),
        # Escaped line breaks and backslashes (a JSON or logfmt log line), a localized row's first words.
        ("1 MB of escaped line breaks", "535 x\\n" + "\\\\n" * 300_000),
        ("1 MB of backslashes", "\\" * 1_000_000),
        # A library's STARTTLS advice repeated before its TLS error (the advice is cut off before the
        # STARTTLS words are looked for), and Go's dial look-up with its gap across the whole text.
        ("1 MB of STARTTLS advice, then a TLS error", "if you intended to use STARTTLS " * 33_000
         + "Cannot determine the frame size or a corrupted frame was received."),
        ("1 MB of Go look-up time-outs", "dial tcp: lookup smtp.example.org: i/o timeout\n" * 21_000),
        ("1 MB of a localized row's first words", ("l'ordinateur cible l'a " * 50_000 + "由于目标计算机积极" * 20_000)[:1_000_000]),
        # Refused logins, then the refusal of a client that is not logged in: the last accepted
        # login before it is looked for once, not once per refused login.
        ("1 MB of refused logins, then a 530", "535 5.7.8 bad credentials\n" * 40_000 + "530 5.7.0 Authentication required"),
        # No-break spaces and typographic quotes (a text copied from a web page) made plain in one pass.
        ("1 MB of no-break spaces and typographic quotes", "530\u00a05.7.0 \u201cAuthentication required\u201d can\u2019t\n"
         * 20_000),
        # Many lines that repeat one reply, each of them a candidate: a reply is read once per content.
        ("1 MB Postfix maillog, 1,700 bounces, then a 535", postfix_maillog(1_000_000)),
        ("1 MB of one reply line with quotes, 60,000 times", "550 a' b=' c\" d=\n" * 60_000),
        ("1 MB of msmtp log lines, escaped breaks", "host=x smtpstatus=535 smtpmsg='535-5.7.8 bad\\n535 5.7.8 more' "
         "errormsg='auth failed' exitcode=EX_NOPERM\n" * 9_000),
        # A log that names STARTTLS on every line yet never sends it: the STARTTLS step is read back line by line.
        ("1 MB of EHLO lines offering STARTTLS, then a 454", "S: 250-STARTTLS\n" * 60_000 + "454 4.7.0 TLS not available"),
        # A reply wrapped after its code and after its colon (a dialog's or a forum's 76 columns):
        # repeated, and one reply followed by 20,000 lines that look like its words going on.
        ("1 MB of wrapped replies", "553 5.7.1\n<user@example.com>: Sender address rejected:\nnot owned by user\n"
         * 14_000),
        ("1 reply, then 20,000 continuation-like lines", "The server responded: 5.7.1 <user@example.com>:\n"
         + "relay access denied for this address <user@example.com>:\n" * 20_000),
        # Lines a paste soft-wrapped at 76 columns, each going on on the next: a megabyte joined into
        # one line; and each break looked at where every next line starts like a line of its own.
        ("1 MB of soft-wrapped prose, one sentence", ("the certificate is not trusted because the name in "
                                                      "the certificate does not match the\n" * 13_000)
         + "expected name."),
        ("1 MB of soft-wrapped lines before fields", ("a long line of a client's message that goes on past the "
                                                       "width of a dialog\nHost: abc\n" * 12_000)),
        # A log's head repeated on each line of one message (a reply split into syslog records): the
        # head written once; and heads that share 200 characters with the next line's, two kinds by turns.
        ("1 MB of one log head on every line of a reply", "".join(
            f"Dec  3 10:11:12 mx postfix/smtp[123]:     said: 550-5.7.1 line {i} of a long reply\n"
            for i in range(13_000)) + "Dec  3 10:11:12 mx postfix/smtp[123]: 550 5.7.1 end"),
        ("1 MB of log heads sharing 200 characters", "".join(
            f"Dec  3 10:11:1{i % 2} {'a: ' * 66}{i}\n" for i in range(4_500)) + "535 5.7.8 refused"),
        # Replies wrapped right after their codes: each code alone on a line, its enhanced code next.
        ("1 MB of replies wrapped after their codes", "550\n5.1.1 a\n" * 83_000),
        # A JSON-escaped log: its line breaks, tabs and quotes escaped.
        ("1 MB of a JSON-escaped log with tabs", "{\"log\": \"" + "10:11:12\\tS: 250-x \\\"y\\\"\\r\\n" * 40_000
         + "535 5.7.8 no\"}"),
        # A library's list of each mechanism it tried (Symfony Mailer): every "Authenticator ... returned" a
        # candidate for the login's mechanism, the first password one taken.
        ("1 MB of Symfony authenticator refusals", ('Authenticator "LOGIN" returned "Expected response code "235" but '
                                                   'got code "535", with message "535 5.7.8 x". ') * 9_000),
        # A name glued to a caseless script's word (Korean "%s에"), repeated: the name's end looked at once per place.
        ("1 MB of names glued to Korean words", "POP 서버 " + "a.b에" * 250_000 + "\nPOP 서버 mail.example.net에 인증하는데 실패했습니다"),
        # Short lines each before a word too long to have fitted (pastetext's wrap by the next word), and
        # a resolver error among a megabyte of dotted identifiers (each looked up in the Public Suffix List).
        ("1 MB of short lines before long words", "Authentication results: DKIM = FAILURE - SPF\n"
         "DOMAINDIFFERENTFROMEMAILADDRESS with ip 192.0.2.7\n" * 10_500 + "550 5.7.1 Client host [192.0.2.7] blocked"),
        ("1 MB of dotted identifiers, then a resolver error", "at Bit.Core.Services.SmtpMailDeliveryService.Send()\n"
         * 19_000 + "getaddrinfo failed: Name or service not known"),
        # A library's step named before the server's reply to it (go-mail's RSET after the message), on
        # every line: the step is read from the words before each reply.
        ("1 MB of go-mail RSET refusals", "sending SMTP RESET command: failed to send RSET to SMTP client: "
         "500 Expected MAIL FROM:<addr> or QUIT\n" * 9_500),
        ("20 MB line (refused)", "y" * 20_000_000),
    ]


def main() -> None:
    started = time.perf_counter()
    explain("535 5.7.8 Username and Password not accepted")  # loads the rule base once
    print(f"{'first explain (loads the rule base)':45} {'':>10}        {(time.perf_counter() - started) * 1000:8.0f} ms")
    # The common case: one pasted line, the thousands of catalogue rows looked for in it (best of 30 runs).
    for line in ("535 5.7.8 Username and Password not accepted", "Connection to server imap.example.com was reset."):
        took = []
        for i in range(30):
            started = time.perf_counter()
            explain(line + " " * (i % 9))  # another text each run: no reader's cache answers
            took.append(time.perf_counter() - started)
        print(f"{'one line: ' + line[:35]:45} {len(line):>10,} chars  {min(took) * 1000:8.1f} ms  (best of 30)")
    for name, text in cases():
        started = time.perf_counter()
        try:
            report = explain(text)
            outcome = report.top.cause if report.top else "no diagnosis"
        except InputError as exc:
            outcome = f"refused: {str(exc)[:60]}"
        took = time.perf_counter() - started
        print(f"{name:45} {len(text):>10,} chars  {took * 1000:8.0f} ms  {outcome}")
    print(f"(explain accepts at most {MAX_TEXT:,} characters)")


if __name__ == "__main__":
    main()
