"""Client debug transcripts read by the stage they reached, and replies quoted by a library."""

from __future__ import annotations

import pytest

from mailexpert.replies import find_reply

# Symfony Mailer ends its message with '".' (symfony/symfony: src/Symfony/Component/Mailer/Transport/Smtp/
# SmtpTransport.php, assertResponseCode); SwiftMailer keeps the reply's CRLF inside the quotes.
QUOTED = [
    ('Expected response code "250" but got code "550", with message "550 5.7.1 Sender address "bob@example.com" '
     'is not allowed to send as "alice@example.com"".',
     550, '5.7.1 Sender address "bob@example.com" is not allowed to send as "alice@example.com"'),
    ('Expected response code "250" but got code "550", with message "550 5.1.1 "No such user" here".',
     550, '5.1.1 "No such user" here'),
    ('Authenticator "LOGIN" returned "Expected response code "235" but got code "535", with message '
     '"535 5.7.8 Error: authentication failed: bad".".',
     535, "5.7.8 Error: authentication failed: bad"),
    ('Expected response code 250 but got code "550", with message "550 No "such" user". in /var/www/x.php:12',
     550, 'No "such" user'),
    ('Swift_TransportException: Expected response code 250 but got code "554", with message "554 Message rejected\r\n"',
     554, "Message rejected"),
    ('Expected response code 250 but got code "550", with message "550 an unpaired " quote".', 550,
     'an unpaired " quote'),
]


@pytest.mark.parametrize(("text", "code", "said"), QUOTED)
def test_a_quoted_reply_keeps_the_quotes_of_its_own_text(text: str, code: int, said: str) -> None:
    reply, _ = find_reply(text)
    assert reply["code"] == code
    assert reply["text"] == said


def test_a_quoted_reply_in_a_json_log_ends_at_its_closing_quote() -> None:
    # symfony/symfony#49173: Monolog's JSON line holds Symfony's message, the reply in quotes of its own.
    text = ('{"message":"Send Mail Fail. Message: Expected response code "250" but got code "550", with message '
            '"550 "envelope sender not allowed user@yahoo.com"".","context":{},"level":600}')
    reply, _ = find_reply(text)
    assert reply["code"] == 550
    assert reply["text"] == '"envelope sender not allowed user@yahoo.com"'


# --- debug transcripts ---------------------------------------------------------------------------

from mailexpert import transcript  # noqa: E402
from mailexpert.explain import explain, recognise  # noqa: E402

# PHPMailer/PHPMailer#2652 (SMTPDebug 2): Postfix accepts STARTTLS, PHPMailer then says only that it
# could not connect.
PHPMAILER_2652 = """\
2022-03-19 04:37:18 SERVER -> CLIENT: 220 mail.inovation.tk ESMTP Postfix (@@DISTRO@@)
2022-03-19 04:37:18 CLIENT -> SERVER: EHLO theprosperous.tk
2022-03-19 04:37:18 SERVER -> CLIENT: 250-mail.inovation.tk250-PIPELINING250-SIZE 52428800250-VRFY250-ETRN250-STARTTLS250-AUTH PLAIN LOGIN250-AUTH=PLAIN LOGIN250-ENHANCEDSTATUSCODES250-8BITMIME250-DSN250-SMTPUTF8250 CHUNKING
2022-03-19 04:37:18 CLIENT -> SERVER: STARTTLS
2022-03-19 04:37:18 SERVER -> CLIENT: 220 2.0.0 Ready to start TLS
SMTP Error: Could not connect to SMTP host.
2022-03-19 04:37:18 CLIENT -> SERVER: QUIT
2022-03-19 04:37:18
2022-03-19 04:37:18
SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting
Mailer Error: SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting"""

# PHPMailer/PHPMailer#1349: the same, printed as HTML (Debugoutput 'html').
PHPMAILER_1349_HTML = """\
2018-02-01 10:31:02 SERVER -&gt; CLIENT: 220 smtp.gmail.com ESMTP 34sm9143467iom.88 - gsmtp<br>
2018-02-01 10:31:02 CLIENT -&gt; SERVER: EHLO localhost<br>
2018-02-01 10:31:02 SERVER -&gt; CLIENT: 250-smtp.gmail.com at your service, [103.199.147.126]250-SIZE 35882577250-8BITMIME250-STARTTLS250-ENHANCEDSTATUSCODES250-PIPELINING250-CHUNKING250 SMTPUTF8<br>
2018-02-01 10:31:02 CLIENT -&gt; SERVER: STARTTLS<br>
2018-02-01 10:31:03 SERVER -&gt; CLIENT: 220 2.0.0 Ready to start TLS<br>
SMTP Error: Could not connect to SMTP host.<br>
2018-02-01 10:31:03 CLIENT -&gt; SERVER: QUIT<br>
2018-02-01 10:31:03 <br>
2018-02-01 10:31:03 <br>
SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting<br>
Message could not be sent.Mailer Error: SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting"""

# PHPMailer/PHPMailer#550: Gmail; the QUIT sent after the failed handshake is answered with garbage.
PHPMAILER_550 = """\
2019-06-02 02:44:03 SERVER -> CLIENT: 220 smtp.gmail.com ESMTP c6sm21284152pfm.163 - gsmtp
2019-06-02 02:44:03 CLIENT -> SERVER: EHLO localhost
2019-06-02 02:44:04 SERVER -> CLIENT: 250-smtp.gmail.com at your service, [2001:ee0:4041:39a7:58ac:ad2c:cb28:b9b]250-SIZE 35882577250-8BITMIME250-STARTTLS250-ENHANCEDSTATUSCODES250-PIPELINING250-CHUNKING250 SMTPUTF8
2019-06-02 02:44:04 CLIENT -> SERVER: STARTTLS
2019-06-02 02:44:04 SERVER -> CLIENT: 220 2.0.0 Ready to start TLS
SMTP Error: Could not connect to SMTP host.
2019-06-02 02:44:04 CLIENT -> SERVER: QUIT
2019-06-02 02:44:04 SERVER -> CLIENT: F
2019-06-02 02:44:04 SMTP ERROR: QUIT command failed: F
SMTP Error: Could not connect to SMTP host.
Message could not be sent. Mailer Error: SMTP Error: Could not connect to SMTP host."""

CERT_READINGS = {"cert-self-signed", "cert-untrusted-issuer", "cert-hostname-mismatch"}


@pytest.mark.parametrize("text", [PHPMAILER_2652, PHPMAILER_1349_HTML, PHPMAILER_550],
                         ids=["phpmailer-2652", "phpmailer-1349-html", "phpmailer-550"])
def test_a_could_not_connect_after_an_accepted_starttls_is_the_tls_handshake(text: str) -> None:
    got = recognise(text)
    kinds = {f.kind: f for f in got.facts}
    assert "tcp.connect" not in kinds
    assert kinds["transcript.reached"].get("stage") == "starttls-accepted"
    assert kinds["transcript.reached"].get("program") == "PHPMailer"
    hs = kinds["tls.handshake"]
    assert (hs.get("mode"), hs.get("outcome"), hs.get("source")) == ("starttls", "error", "pasted")


def test_the_transcript_reading_names_a_certificate_first_not_a_blocked_port() -> None:
    from mailexpert.explain import explain

    report = explain(PHPMAILER_2652)
    causes = [d.cause for d in report.diagnoses]
    assert causes[0] in CERT_READINGS
    assert "port-blocked-outbound" not in causes


def test_tls_words_after_starttls_keep_the_tls_reading() -> None:
    # PHPMailer/PHPMailer#1405-style debug level 3: the OpenSSL words say what the handshake met.
    text = PHPMAILER_2652.replace(
        "SMTP Error: Could not connect to SMTP host.",
        "Connection failed. Error #2: stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error "
        "messages:\nerror:14090086:SSL routines:ssl3_get_server_certificate:certificate verify failed\n"
        "SMTP Error: Could not connect to SMTP host.", 1)
    got = recognise(text)
    hs = next(f for f in got.facts if f.kind == "tls.handshake")
    assert hs.get("outcome") == "cert-invalid"
    assert not any(f.kind == "transcript.reached" for f in got.facts)


def test_a_session_that_went_on_after_the_handshake_is_not_read_as_its_failure() -> None:
    # After TLS the client greets again and logs in: a later failure is not the handshake's.
    text = PHPMAILER_2652.replace(
        "SMTP Error: Could not connect to SMTP host.",
        "2022-03-19 04:37:18 CLIENT -> SERVER: EHLO theprosperous.tk\n"
        "2022-03-19 04:37:18 SERVER -> CLIENT: 250-mail.inovation.tk250 AUTH PLAIN LOGIN\n"
        "SMTP Error: Could not connect to SMTP host.", 1)
    assert transcript.read(text).stage == "tls"
    assert not any(f.kind == "transcript.reached" for f in recognise(text).facts)


# Each program's marks (data/error-texts.yaml transcript_markers), in the forms their debug output
# writes them; the stage is the last step the server answered.
PROGRAMS = [
    ("PHPMailer", "SERVER -> CLIENT: 220 mx ESMTP\nCLIENT -> SERVER: EHLO me\nSERVER -> CLIENT: 250 mx\n",
     "ehlo"),
    ("Python smtplib", "reply: b'220 mx ESMTP'\nsend: 'ehlo me\\r\\n'\nreply: b'250-mx'\nreply: b'250 STARTTLS'\n"
     "send: 'STARTTLS\\r\\n'\nreply: b'220 2.0.0 Ready to start TLS'\n", "starttls-accepted"),
    ("nodemailer", "[2024-01-01 10:00:00] DEBUG [abc] S: 220 mx ESMTP\n[2024-01-01 10:00:00] DEBUG [abc] C: EHLO me\n"
     "[2024-01-01 10:00:00] DEBUG [abc] S: 250-mx\n[2024-01-01 10:00:00] DEBUG [abc] S: 250 AUTH LOGIN\n"
     "[2024-01-01 10:00:00] DEBUG [abc] C: AUTH LOGIN\n[2024-01-01 10:00:00] DEBUG [abc] S: 334 VXNlcm5hbWU6\n",
     "auth"),
    ("curl", "* Connected to mx (192.0.2.1) port 587\n< 220 mx ESMTP\n> EHLO me\n< 250-mx\n< 250 STARTTLS\n"
     "> STARTTLS\n< 220 2.0.0 Ready to start TLS\n* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n> EHLO me\n"
     "< 250 mx\n> MAIL FROM:<a@example.com>\n< 250 2.1.0 Ok\n", "mail"),
    ("swaks", "=== Connected to mx.\n<-  220 mx ESMTP\n -> EHLO me\n<-  250 STARTTLS\n -> STARTTLS\n"
     "<-  220 2.0.0 Ready to start TLS\n=== TLS started with cipher TLSv1.3\n ~> EHLO me\n<~  250 AUTH PLAIN\n"
     " ~> AUTH PLAIN AGFiYwBkZWY=\n<~  235 2.7.0 Authentication successful\n", "authenticated"),
    ("msmtp", "<-- 220 mx ESMTP\n--> EHLO me\n<-- 250-mx\n<-- 250 AUTH PLAIN\n--> AUTH PLAIN AGFiYwBkZWY=\n"
     "<-- 535 5.7.8 Error: authentication failed\n", "auth"),
    ("Perl Net::SMTP", "Net::SMTP>>> Net::SMTP(3.11)\nNet::SMTP=GLOB(0x1d2e3f4)<<< 220 mx ESMTP\n"
     "Net::SMTP=GLOB(0x1d2e3f4)>>> EHLO me\nNet::SMTP=GLOB(0x1d2e3f4)<<< 250-mx\n"
     "Net::SMTP=GLOB(0x1d2e3f4)<<< 250 STARTTLS\n", "ehlo"),
    ("Jakarta Mail", "DEBUG SMTP: trying to connect to host \"mx\", port 587, isSSL false\n220 mx ESMTP\n"
     "DEBUG SMTP: connected to host \"mx\", port: 587\nEHLO me\n250-mx\n250 STARTTLS\nSTARTTLS\n"
     "220 2.0.0 Ready to start TLS\n", "starttls-accepted"),
]


@pytest.mark.parametrize(("program", "text", "stage"), PROGRAMS, ids=[p for p, _, _ in PROGRAMS])
def test_each_programs_transcript_gives_the_stage_it_reached(program: str, text: str, stage: str) -> None:
    got = transcript.read(text)
    assert got is not None
    assert (got.program, got.stage) == (program, stage)


@pytest.mark.parametrize("text", [
    "SMTP Error: Could not connect to SMTP host.",
    # A Windows path and a greeting quoted in prose are no transcript's lines.
    "C: \\Users\\me\\mail.log could not be opened; the server said 220 earlier",
    # Only what the client sent, nothing read: no exchange shown.
    "CLIENT -> SERVER: EHLO me\nCLIENT -> SERVER: STARTTLS",
], ids=["no-transcript", "prose", "one-side-only"])
def test_a_text_that_is_no_transcript_gives_none(text: str) -> None:
    assert transcript.read(text) is None


def test_a_starttls_refused_is_not_accepted() -> None:
    text = "SERVER -> CLIENT: 220 mx\nCLIENT -> SERVER: EHLO me\nSERVER -> CLIENT: 250 STARTTLS\n" \
           "CLIENT -> SERVER: STARTTLS\nSERVER -> CLIENT: 454 4.7.0 TLS not available due to local problem\n"
    assert transcript.read(text).stage == "ehlo"


def test_a_long_transcript_is_read_within_bounds() -> None:
    text = "SERVER -> CLIENT: 220 mx\n" + "CLIENT -> SERVER: NOOP\nSERVER -> CLIENT: 250 ok\n" * 20_000
    assert transcript.read(text).stage == "greeting"


def test_a_quoted_reply_loses_the_escaped_line_end_its_log_kept() -> None:
    text = 'Expected response code "250" but got code "550", with message "550 5.1.1 No such user\\r\\n".'
    reply, _ = find_reply(text)
    assert reply["text"] == "5.1.1 No such user"


# PHPMailer's ErrorInfo ends with the reply's code alone ("... Detail: <words> SMTP code: 550",
# PHPMailer/PHPMailer: src/PHPMailer.php setError) after its debug line quoted the whole reply.
PHPMAILER_DATA_END = (
    "2018-03-06 10:18:28 SMTP ERROR: DATA END command failed: 550 This message was classified as SPAM and may not "
    "be delivered\nSMTP Error: data not accepted.\nMessage could not be sent. Mailer Error: SMTP Error: data not "
    "accepted.SMTP server error: DATA END command failed Detail: This message was classified as SPAM and may not be "
    "delivered SMTP code: 550")


def test_a_bare_code_that_restates_a_quoted_reply_is_read_with_its_words() -> None:
    reply, _ = find_reply(PHPMAILER_DATA_END)
    assert (reply["code"], reply["text"]) == (550, "This message was classified as SPAM and may not be delivered")


def test_a_bare_code_of_another_reply_is_not_given_earlier_words() -> None:
    # The earlier worded reply has another code: the bare one is no restatement of it.
    text = ("SMTP ERROR: RCPT TO command failed: 550 Mailbox unavailable\n"
            "SMTP server error: DATA END command failed SMTP code: 554")
    reply, _ = find_reply(text)
    assert reply["code"] == 554
    assert "Mailbox" not in reply.get("text", "")


# PHPMailer's debug output (SMTP.php connect(), get_lines()): its connection steps, and a multiline reply
# whose further lines stand indented under the first, without the "SERVER -> CLIENT:" mark.
_PHPMAILER_LEFT = (
    "2017-03-28 07:14:57\tConnection: opening to localhost:25, timeout=300, options=array (\n"
    "                   \t                  )\n"
    "2017-03-28 07:14:57\tConnection: opened\n"
    "2017-03-28 07:14:57\tSERVER -> CLIENT: 220 mx.example.org ESMTP Exim 4.84_2\n"
    "2017-03-28 07:14:57\tCLIENT -> SERVER: EHLO web.example.org\n"
    "2017-03-28 07:14:57\tSERVER -> CLIENT: 250-mx.example.org Hello localhost [::1]\n"
    "                   \t                  250-SIZE 52428800\n"
    "                   \t                  250-PIPELINING\n"
    "                   \t                  250 HELP\n"
    "2017-03-28 07:14:57\tCLIENT -> SERVER: QUIT\n"
    "2017-03-28 07:14:57\tSERVER -> CLIENT: 221 mx.example.org closing connection\n"
    "2017-03-28 07:14:57\tConnection: closed\n")


def test_a_multiline_reply_s_indented_lines_are_its_own() -> None:
    got = transcript.read(_PHPMAILER_LEFT)
    assert got.offer == ("SIZE", "PIPELINING", "HELP")
    assert got.last_command == "QUIT"


def test_a_client_that_left_after_an_ehlo_answer_without_starttls() -> None:
    # PHPMailer set to STARTTLS quits when the answer lacks it; "timeout=300" is its setting, no timeout.
    found = explain(_PHPMAILER_LEFT)
    assert found.top.cause == "starttls-not-offered"
    assert not [f for f in found.facts if f.kind == "tcp.connect" and f.get("outcome") == "timeout"]
    # With STARTTLS offered the client did not leave for want of it.
    offered = _PHPMAILER_LEFT.replace("250-PIPELINING", "250-STARTTLS")
    assert explain(offered).top is None or explain(offered).top.cause != "starttls-not-offered"
    # A session that went on after the answer is no client that gave up there.
    went_on = _PHPMAILER_LEFT.replace("CLIENT -> SERVER: QUIT", "CLIENT -> SERVER: MAIL FROM:<a@example.org>\n"
                                      "2017-03-28 07:14:57\tSERVER -> CLIENT: 250 OK\n"
                                      "2017-03-28 07:14:57\tCLIENT -> SERVER: QUIT")
    assert explain(went_on).top is None or explain(went_on).top.cause != "starttls-not-offered"
