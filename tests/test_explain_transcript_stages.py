"""A debug transcript's later stages: what the last EHLO answer offered, and the command left unanswered.

A transcript that shows the server's greeting (or any step answered) says a TCP connection was made,
whatever generic words the program prints after it; one that ends on a command the server never
answered says at which step the session broke; the EHLO answer it shows last says whether the port
takes logins at all or only after STARTTLS.
"""

from __future__ import annotations

import pytest

from mailexpert import transcript
from mailexpert.explain import explain, recognise

#: The readings of a connection that was never made, or of a server that never greeted.
NOT_CONNECTED = {"port-blocked-outbound", "all-mail-ports-blocked", "smtp-port25-blocked", "port-closed",
                 "server-host-unknown", "server-host-typo", "no-internet", "plaintext-on-tls-port",
                 "tls-on-plaintext-port", "server-ip-blocked", "dns-outage"}


def kinds(text: str) -> dict[str, object]:
    return {f.kind: f for f in recognise(text).facts}


# --- transcript.read: the offer and the unanswered command ------------------------------------

def test_the_last_ehlo_answer_gives_its_keywords_without_the_servers_name() -> None:
    text = ("SERVER -> CLIENT: 220 mx.example.com ESMTP\nCLIENT -> SERVER: EHLO me\n"
            "SERVER -> CLIENT: 250-mx.example.com250-PIPELINING250-SIZE 10240000250-STARTTLS250 8BITMIME\n")
    got = transcript.read(text)
    assert got.offer == ("PIPELINING", "SIZE", "STARTTLS", "8BITMIME")
    assert got.offer_tls is False
    assert got.unanswered is None


def test_an_ehlo_answer_read_line_by_line_after_starttls_is_inside_tls() -> None:
    text = ("<-- 220 mx ESMTP\n--> EHLO me\n<-- 250-mx\n<-- 250-STARTTLS\n<-- 250 8BITMIME\n--> STARTTLS\n"
            "<-- 220 2.0.0 Ready to start TLS\n--> EHLO me\n<-- 250-mx\n<-- 250-AUTH PLAIN LOGIN\n<-- 250 8BITMIME\n")
    got = transcript.read(text)
    assert got.offer == ("AUTH", "8BITMIME")
    assert got.offer_tls is True


def test_a_long_ehlo_answer_is_read_once_whole() -> None:
    # A pasted answer of thousands of lines (hostile, or a log run together): every keyword is
    # read, the last line that is no 250 is not. Read again at each line, this took minutes.
    lines = "".join(f"SERVER -> CLIENT: 250-X{i}\n" for i in range(4000))
    text = ("SERVER -> CLIENT: 220 mx ESMTP\nCLIENT -> SERVER: EHLO me\nSERVER -> CLIENT: 250-mx\n" + lines
            + "SERVER -> CLIENT: 250 AUTH PLAIN\nSERVER -> CLIENT: 421 4.4.2 timeout\n")
    got = transcript.read(text)
    assert got.offer is not None and len(got.offer) == 4001
    assert got.offer[0] == "X0" and got.offer[-1] == "AUTH"


def test_smtplibs_repr_lines_give_the_offer() -> None:
    text = ("reply: b'220 mx ESMTP\\r\\n'\nsend: 'ehlo me\\r\\n'\nreply: b'250-mx\\r\\n'\n"
            "reply: b'250-SIZE 35882577\\r\\n'\nreply: b'250 STARTTLS\\r\\n'\n"
            "reply: retcode (250); Msg: b'mx\\nSIZE 35882577\\nSTARTTLS'\n")
    got = transcript.read(text)
    assert got.offer == ("SIZE", "STARTTLS")


@pytest.mark.parametrize(("text", "unanswered"), [
    ("SERVER -> CLIENT: 220 mx\nCLIENT -> SERVER: EHLO me\n", "EHLO"),
    # PHPMailer sends QUIT after the failed step: the step is still the one left unanswered.
    ("SERVER -> CLIENT: 220 mx\nCLIENT -> SERVER: EHLO me\nCLIENT -> SERVER: QUIT\nSERVER -> CLIENT: 221 bye\n",
     "EHLO"),
    ("S: 220 mx\nC: EHLO me\nS: 250 AUTH LOGIN\nC: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\n", "AUTH"),
    ("S: 220 mx\nC: EHLO me\nS: 250 AUTH LOGIN\nC: AUTH LOGIN\nS: 535 5.7.8 no\n", None),
    ("<-- 220 mx\n--> EHLO me\n<-- 250 mx\n--> MAIL FROM:<a@example.org>\n<-- 250 ok\n--> RCPT TO:<b@example.net>\n",
     "RCPT TO"),
    ("<-- 220 mx\n--> EHLO me\n<-- 250 mx\n--> QUIT\n<-- 221 Bye\n", None),
    # A 354 asks for the message: the DATA transaction's own answer comes after its end.
    ("<-- 220 mx\n--> EHLO me\n<-- 250 mx\n--> DATA\n<-- 354 go ahead\n", "DATA"),
    ("<-- 220 mx\n--> EHLO me\n<-- 250 mx\n--> DATA\n<-- 354 go ahead\n<-- 250 2.0.0 queued\n", None),
], ids=["ehlo", "ehlo-then-quit", "auth-at-334", "auth-refused", "rcpt", "all-answered", "data-at-354",
        "data-queued"])
def test_the_command_left_unanswered(text: str, unanswered: str | None) -> None:
    assert transcript.read(text).unanswered == unanswered


# --- a greeting, then the program's generic words ------------------------------------------------

# PHPMailer (SMTPDebug 3): the greeting, EHLO, then nothing; its words are those of a failed connect
# (PHPMailer/PHPMailer:src/SMTP.php get_lines 'SMTP NOTICE: EOF caught while checking if connected').
PHPMAILER_EHLO_CUT = """\
2024-01-01 10:00:00 Connection: opening to mail.example.com:587, timeout=300, options=array()
2024-01-01 10:00:00 Connection: opened
2024-01-01 10:00:00 SERVER -> CLIENT: 220 mail.example.com ESMTP Postfix
2024-01-01 10:00:00 CLIENT -> SERVER: EHLO client.example.org
2024-01-01 10:05:00 SMTP ERROR: EHLO command failed:
2024-01-01 10:05:00 SMTP NOTICE: EOF caught while checking if connected
2024-01-01 10:05:00 Connection: closed
SMTP Error: Could not connect to SMTP host.
Mailer Error: SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting"""

# nodemailer's logger (nodemailer/nodemailer:lib/smtp-connection/index.js: 'S: '/'C: ', _onClose's
# "Connection closed unexpectedly").
NODEMAILER_EHLO_CUT = """\
[2024-01-01 10:00:00] INFO  [abc] Connection established to 203.0.113.5:587
[2024-01-01 10:00:00] DEBUG [abc] S: 220 mail.example.com ESMTP
[2024-01-01 10:00:00] DEBUG [abc] C: EHLO [127.0.0.1]
[2024-01-01 10:00:10] INFO  [abc] Connection closed
Error: Connection closed unexpectedly"""

# Python smtplib with set_debuglevel(1): getreply raises SMTPServerDisconnected("Connection
# unexpectedly closed") for whichever reply did not come (cpython:Lib/smtplib.py).
SMTPLIB_EHLO_CUT = """\
reply: b'220 mail.example.com ESMTP\\r\\n'
reply: retcode (220); Msg: b'mail.example.com ESMTP'
send: 'ehlo client.example.org\\r\\n'
Traceback (most recent call last):
  File "/usr/lib/python3.11/smtplib.py", line 405, in getreply
    raise SMTPServerDisconnected("Connection unexpectedly closed")
smtplib.SMTPServerDisconnected: Connection unexpectedly closed"""


@pytest.mark.parametrize("text", [PHPMAILER_EHLO_CUT, NODEMAILER_EHLO_CUT, SMTPLIB_EHLO_CUT],
                         ids=["phpmailer", "nodemailer", "smtplib"])
def test_a_greeting_then_no_answer_to_ehlo_is_no_blocked_port(text: str) -> None:
    got = kinds(text)
    assert got["tcp.connect"].get("outcome") == "connected"
    assert (got["service.failure"].get("step"), got["service.failure"].get("failure")) == ("capability", "closed")
    assert got["transcript.reached"].get("stage") == "greeting"
    assert got["transcript.reached"].get("unanswered") == "EHLO"
    assert "service.greeting" not in got  # no "connected, but no greeting arrived"
    report = explain(text)
    causes = [d.cause for d in report.diagnoses]
    assert causes[0] == "server-protocol-error"
    assert "no reply to EHLO" in report.top.summary
    assert not NOT_CONNECTED & set(causes)


def test_a_timeout_said_by_the_program_is_the_steps_timeout() -> None:
    text = PHPMAILER_EHLO_CUT.replace("SMTP NOTICE: EOF caught while checking if connected",
                                      "SMTP -> get_lines(): timed-out (300 sec)")
    assert kinds(text)["service.failure"].get("failure") == "timeout"


# --- AUTH sent, a 334 challenge, then a disconnect --------------------------------------------------

PHPMAILER_LOGIN_CUT = """\
2024-01-01 10:00:00 SERVER -> CLIENT: 220 mail.example.com ESMTP
2024-01-01 10:00:00 CLIENT -> SERVER: EHLO client
2024-01-01 10:00:00 SERVER -> CLIENT: 250-mail.example.com250-AUTH LOGIN PLAIN250 8BITMIME
2024-01-01 10:00:00 CLIENT -> SERVER: AUTH LOGIN
2024-01-01 10:00:00 SERVER -> CLIENT: 334 VXNlcm5hbWU6
2024-01-01 10:00:00 CLIENT -> SERVER: [credentials hidden]
2024-01-01 10:00:00 SERVER -> CLIENT: 334 UGFzc3dvcmQ6
2024-01-01 10:00:00 CLIENT -> SERVER: [credentials hidden]
2024-01-01 10:00:30 SERVER -> CLIENT:
2024-01-01 10:00:30 SMTP ERROR: Password command failed:
2024-01-01 10:00:30 SMTP NOTICE: EOF caught while checking if connected
SMTP Error: Could not authenticate."""

NODEMAILER_LOGIN_CUT = """\
[x] DEBUG [abc] S: 220 mail.example.com ESMTP
[x] DEBUG [abc] C: EHLO [127.0.0.1]
[x] DEBUG [abc] S: 250-mail.example.com
[x] DEBUG [abc] S: 250 AUTH LOGIN PLAIN
[x] DEBUG [abc] C: AUTH LOGIN
[x] DEBUG [abc] S: 334 VXNlcm5hbWU6
[x] DEBUG [abc] C: dXNlcg==
[x] DEBUG [abc] S: 334 UGFzc3dvcmQ6
[x] DEBUG [abc] C: /* secret */
[x] INFO  [abc] Connection closed
Error: Connection closed unexpectedly"""


@pytest.mark.parametrize("text", [PHPMAILER_LOGIN_CUT, NODEMAILER_LOGIN_CUT], ids=["phpmailer", "nodemailer"])
def test_a_disconnect_after_a_334_challenge_is_the_login_step(text: str) -> None:
    got = kinds(text)
    assert got["service.failure"].get("step") == "login"
    assert got["transcript.reached"].get("stage") == "auth"
    assert got["transcript.reached"].get("last_code") == 334
    assert got["transcript.reached"].get("unanswered") == "AUTH"
    report = explain(text)
    assert "broke at the login step" in report.top.summary
    assert not NOT_CONNECTED & {d.cause for d in report.diagnoses}


# --- the EHLO answer without AUTH, then "no authentication" -----------------------------------------

MSMTP_NO_AUTH_BEFORE_TLS = """\
<-- 220 mail.example.com ESMTP Postfix
--> EHLO client
<-- 250-mail.example.com
<-- 250-STARTTLS
<-- 250 8BITMIME
--> QUIT
<-- 221 Bye
msmtp: the server does not support authentication"""

MSMTP_NO_AUTH_INSIDE_TLS = """\
<-- 220 mail.example.com ESMTP Postfix
--> EHLO client
<-- 250-mail.example.com
<-- 250-STARTTLS
<-- 250 8BITMIME
--> STARTTLS
<-- 220 2.0.0 Ready to start TLS
--> EHLO client
<-- 250-mail.example.com
<-- 250 8BITMIME
--> QUIT
<-- 221 Bye
msmtp: the server does not support authentication"""

PHPMAILER_NO_AUTH_NO_STARTTLS = """\
2024-01-01 10:00:00 SERVER -> CLIENT: 220 mail.example.com ESMTP Postfix
2024-01-01 10:00:00 CLIENT -> SERVER: EHLO client.example.org
2024-01-01 10:00:00 SERVER -> CLIENT: 250-mail.example.com250-PIPELINING250-SIZE 10240000250-8BITMIME250 SMTPUTF8
SMTP Error: Could not authenticate."""

SMTPLIB_NO_AUTH_BEFORE_TLS = """\
send: 'ehlo client\\r\\n'
reply: b'250-mail.example.com\\r\\n'
reply: b'250-SIZE 10240000\\r\\n'
reply: b'250 STARTTLS\\r\\n'
reply: retcode (250); Msg: b'mail.example.com\\nSIZE 10240000\\nSTARTTLS'
smtplib.SMTPNotSupportedError: SMTP AUTH extension not supported by server."""


@pytest.mark.parametrize(("text", "tls", "starttls", "cause"), [
    (MSMTP_NO_AUTH_BEFORE_TLS, False, True, "auth-requires-tls"),
    (SMTPLIB_NO_AUTH_BEFORE_TLS, False, True, "auth-requires-tls"),
    (MSMTP_NO_AUTH_INSIDE_TLS, True, False, "smtp-auth-not-enabled"),
    (PHPMAILER_NO_AUTH_NO_STARTTLS, False, False, "smtp-auth-not-enabled"),
], ids=["msmtp-before-tls", "smtplib-before-tls", "msmtp-inside-tls", "phpmailer-no-starttls"])
def test_the_ehlo_answer_without_auth_says_which_reading(text: str, tls: bool, starttls: bool, cause: str) -> None:
    got = kinds(text)
    caps = got["service.capabilities"]
    assert (caps.get("tls"), caps.get("starttls"), caps.get("auth_offered")) == (tls, starttls, False)
    assert "login.result" not in got
    assert explain(text).top.cause == cause


def test_an_ehlo_answer_that_offers_auth_leaves_the_programs_words() -> None:
    # The program's "no mechanism" beside an answer that offers AUTH is about the mechanisms.
    text = ("<-- 220 mx ESMTP\n--> EHLO client\n<-- 250-mx\n<-- 250 AUTH XOAUTH2\n--> QUIT\n<-- 221 Bye\n"
            "msmtp: the server does not support authentication")
    assert "transcript.reached" not in kinds(text)


# --- MAIL FROM / RCPT TO refused: the reply's own reading ------------------------------------------

# PHPMailer/PHPMailer#880: MAIL FROM sent with no login though the server offered AUTH.
PHPMAILER_880 = """\
  CLIENT -> SERVER: EHLO www.megapulsesa.com
  SERVER -> CLIENT: 250-host2.axxesslocal.co.za Hello axxess33.dedicated.co.za [154.0.168.117]250-SIZE 52428800250-8BITMIME250-PIPELINING250-AUTH PLAIN LOGIN250-STARTTLS250 HELP
  CLIENT -> SERVER: MAIL FROM:<neilf@megapulsesa.com>
  SERVER -> CLIENT: 250 OK
  CLIENT -> SERVER: RCPT TO:<neilafraser@gmail.com>
  SERVER -> CLIENT: 550-Please turn on SMTP Authentication in your mail client. 550-axxess33.dedicated.co.za (www.megapulsesa.com) [154.0.168.117]:55882 is"""


@pytest.mark.parametrize(("text", "cause"), [
    (PHPMAILER_880, "smtp-auth-not-enabled"),
    ("2024-01-01 10:00:00 CLIENT -> SERVER: MAIL FROM:<a@example.org>\n"
     "2024-01-01 10:00:00 SERVER -> CLIENT: 553 5.7.1 Sender address rejected: not owned by user bob\n"
     "2024-01-01 10:00:00 SMTP ERROR: MAIL FROM command failed: 553 5.7.1 Sender address rejected: not owned by user"
     " bob\nMailer Error: Could not send", "sender-address-not-allowed"),
], ids=["phpmailer-880-rcpt", "mail-from-not-owned"])
def test_a_refused_envelope_command_reads_as_the_refusal(text: str, cause: str) -> None:
    got = kinds(text)
    assert "service.failure" not in got
    assert explain(text).top.cause == cause


# --- near misses --------------------------------------------------------------------------------------

# GLPI's PHPMailer log (PHPMailer/PHPMailer#2867): the server sent nothing at all -- no greeting, no step
# answered; the no-greeting reading stands.
GLPI_NO_GREETING = """\
2023-01-24 15:30:23 [500@s-web]
3 - Connection: opening to smtp.viry.net:8082, timeout=300, options=array()2023-01-24 15:30:23 [500@s-web]
3 - Connection: opened2023-01-24 15:30:23 [500@s-web]
2 - SERVER -> CLIENT: 2023-01-24 15:30:23 [500@s-web]
3 - Connection: closing due to error2023-01-24 15:30:23 [500@s-web]
3 - Connection: closed2023-01-24 15:30:23 [500@s-web]
3 - SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting2023-01-24 15:32:40 [500@s-web]"""


def test_no_step_answered_keeps_the_connection_reading() -> None:
    got = kinds(GLPI_NO_GREETING)
    assert "transcript.reached" not in got
    assert "service.failure" not in got


def test_every_command_answered_gives_no_step_that_broke() -> None:
    # The EHLO was answered and nothing was sent after it: the transcript does not say which step failed.
    text = ("SERVER -> CLIENT: 220 mx ESMTP\nCLIENT -> SERVER: EHLO me\nSERVER -> CLIENT: 250-mx250 AUTH PLAIN\n"
            "SMTP Error: Could not connect to SMTP host.")
    assert "service.failure" not in kinds(text)


# --- other programs' transcripts, and their own words for the close ------------------------------

# Jakarta Mail with mail.debug: the raw session beside "DEBUG SMTP:" notes; the socket's reset in
# the nested exception (jakartaee/mail-api SMTPTransport readServerResponse: "Exception reading response").
JAKARTA_LOGIN_RESET = """\
DEBUG SMTP: connected to host "smtp.example.com", port: 587
220 smtp.example.com ESMTP
EHLO client
250-smtp.example.com
250 AUTH LOGIN PLAIN
DEBUG SMTP: AUTH LOGIN command trace suppressed
AUTH LOGIN
334 VXNlcm5hbWU6
javax.mail.MessagingException: Exception reading response;
  nested exception is:
	java.net.SocketException: Connection reset"""

# MailKit's ProtocolLogger marks its lines as nodemailer's logger does; its exception names it.
MAILKIT_LOGIN_CUT = """\
S: 220 smtp.example.com ESMTP
C: EHLO [127.0.0.1]
S: 250-smtp.example.com
S: 250 AUTH LOGIN PLAIN
C: AUTH LOGIN
S: 334 VXNlcm5hbWU6
C: dXNlcg==
MailKit.Net.Smtp.SmtpProtocolException: The SMTP server has unexpectedly disconnected."""

# curl -v: '< ' and '> ' lines (curl/curl lib/curl_trc.c), then its own error for the reset.
CURL_EHLO_RESET = """\
* Connected to smtp.example.com (203.0.113.5) port 587 (#0)
< 220 smtp.example.com ESMTP
> EHLO client
* Connection died, retrying a fresh connect
curl: (56) Recv failure: Connection reset by peer"""


@pytest.mark.parametrize(("text", "program", "unanswered", "failure"), [
    (JAKARTA_LOGIN_RESET, "Jakarta Mail", "AUTH", "reset"),
    (MAILKIT_LOGIN_CUT, "MailKit", "AUTH", "closed"),
    (CURL_EHLO_RESET, "curl", "EHLO", "reset"),
], ids=["jakarta", "mailkit", "curl"])
def test_each_programs_cut_names_the_program_and_the_step(text: str, program: str, unanswered: str,
                                                           failure: str) -> None:
    got = kinds(text)
    reached = got["transcript.reached"]
    assert (reached.get("program"), reached.get("unanswered")) == (program, unanswered)
    assert got["service.failure"].get("failure") == failure
    report = explain(text)
    assert report.top.summary.startswith(f"{program}'s transcript")
    assert not NOT_CONNECTED & {d.cause for d in report.diagnoses}


def test_tls_words_of_a_handshake_keep_the_tls_reading_over_the_cut() -> None:
    # A certificate the client refused is said in TLS words: that reading, not the step's.
    text = CURL_EHLO_RESET.replace("curl: (56) Recv failure: Connection reset by peer",
                                   "curl: (60) SSL certificate problem: self signed certificate")
    assert "service.failure" not in kinds(text)


# --- the envelope and the message: the last command before the close ------------------------------

SMTPLIB_AFTER_LOGIN = """\
reply: b'220 mail.example.com ESMTP\\r\\n'
send: 'ehlo client\\r\\n'
reply: b'250-mail.example.com\\r\\n'
reply: b'250 AUTH PLAIN\\r\\n'
send: 'AUTH PLAIN AGFiYwBkZWY=\\r\\n'
reply: b'235 2.7.0 Authentication successful\\r\\n'
send: 'mail FROM:<a@example.org> size=300\\r\\n'
reply: b'250 2.1.0 Ok\\r\\n'
send: 'rcpt TO:<b@example.net>\\r\\n'
"""


@pytest.mark.parametrize(("tail", "step", "cause"), [
    ("", "mail", "server-protocol-error"),
    ("reply: b'250 2.1.5 Ok\\r\\n'\nsend: 'data\\r\\n'\nreply: b'354 End data with <CR><LF>.<CR><LF>\\r\\n'\n"
     "send: b'Subject: x\\r\\n\\r\\nbody\\r\\n.\\r\\n'\n", "data", "server-unavailable"),
], ids=["rcpt-unanswered", "message-unanswered"])
def test_the_last_command_before_the_close_names_the_step(tail: str, step: str, cause: str) -> None:
    text = SMTPLIB_AFTER_LOGIN + tail + "smtplib.SMTPServerDisconnected: Connection unexpectedly closed"
    got = kinds(text)
    assert got["service.failure"].get("step") == step
    assert explain(text).top.cause == cause


# swaks marks a server's refusal "<**" ("<~*" inside TLS) instead of "<-": the refusal answers the
# command, which is then no step the session broke at. The texts are swaks' own output as its users
# paste it: a login refused before STARTTLS, and one refused inside implicit TLS.
SWAKS_REFUSED = [
    ("=== Trying smtp.example.com:25...\n=== Connected to smtp.example.com.\n<-  220 smtp.example.com ESMTP\n"
     " -> EHLO me\n<-  250-smtp.example.com\n<-  250-8BITMIME\n<-  250-STARTTLS\n<-  250-AUTH PLAIN LOGIN\n"
     "<-  250 Ok\n -> AUTH LOGIN\n<** 530 Must issue a STARTTLS command first\n"
     "*** No authentication type succeeded\n -> QUIT\n<-  221 Bye\n=== Connection closed with remote host.\n",
     530, "auth-requires-tls"),
    ("=== Trying smtp.example.com:465...\n=== Connected to smtp.example.com.\n"
     "=== TLS started with cipher TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256\n<~  220 smtp.example.com ESMTP\n"
     " ~> EHLO me\n<~  250-smtp.example.com\n<~  250-AUTH=LOGIN PLAIN CRAM-MD5\n<~  250 AUTH LOGIN PLAIN CRAM-MD5\n"
     " ~> AUTH CRAM-MD5\n<~  334 PDI4OTEyNDk2MTQ0NjcuMTQ5NTQ2QGV4YW1wbGUuY29tPg==\n ~> dXNlciBmMDBkZmFjZQ==\n"
     "<~* 535 authentication failed\n*** No authentication type succeeded\n ~> QUIT\n<~  221 bye\n"
     "=== Connection closed with remote host.\n", 535, "password-rejected"),
]


@pytest.mark.parametrize(("text", "code", "cause"), SWAKS_REFUSED, ids=["plain-530", "tls-535"])
def test_swaks_marks_of_a_refusal_answer_the_command(text: str, code: int, cause: str) -> None:
    got = transcript.read(text)
    assert (got.program, got.stage, got.unanswered) == ("swaks", "auth", None)
    # Without QUIT's exchange, the refusal is the last reply read.
    cut = transcript.read(text.split(" -> QUIT")[0].split(" ~> QUIT")[0])
    assert (cut.last_command, cut.last_code, cut.unanswered) == ("AUTH", code, None)
    assert explain(text).top.cause == cause


# --- an empty user name: the LOGIN mechanism's "Username:" challenge answered with nothing ---------

EMPTY_USERNAME = (
    "2018-03-13 12:21:16 CLIENT -> SERVER: AUTH LOGIN\n"
    "2018-03-13 12:21:16 SERVER -> CLIENT: 334 VXNlcm5hbWU6\n"
    "2018-03-13 12:21:16 CLIENT -> SERVER: \n"
    "2018-03-13 12:21:18 SERVER -> CLIENT: 535 Incorrect authentication data\n"
    "2018-03-13 12:21:18 SMTP ERROR: Username command failed: 535 Incorrect authentication data\n"
    "SMTP Error: Could not authenticate.")


def test_a_username_challenge_answered_with_nothing_is_an_empty_user_name() -> None:
    reached = transcript.read(EMPTY_USERNAME)
    assert reached is not None and reached.empty_username
    report = explain(EMPTY_USERNAME)
    assert report.top is not None and report.top.cause == "username-wrong"
    assert "user name is empty" in report.top.summary


@pytest.mark.parametrize("text", [
    # A user name sent (base64), then the password refused: the password, as before.
    EMPTY_USERNAME.replace("CLIENT -> SERVER: \n", "CLIENT -> SERVER: am9AZXhhbXBsZS5jb20=\n", 1),
    # PHPMailer 6 hides what it sends during AUTH: nothing is known of the user name.
    EMPTY_USERNAME.replace("CLIENT -> SERVER: \n", "CLIENT -> SERVER: [credentials hidden]\n", 1),
    # The password challenge (UGFzc3dvcmQ6, "Password:") answered with nothing is no user name's fault.
    EMPTY_USERNAME.replace("334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6", 1),
])
def test_a_user_name_sent_or_hidden_is_not_read_as_empty(text: str) -> None:
    reached = transcript.read(text)
    assert reached is not None and not reached.empty_username
    report = explain(text)
    assert report.top is not None and report.top.cause != "username-wrong"


# --- the transcript is read once: every step that asks gets the same reading ------------------------

@pytest.mark.parametrize("text", [
    PHPMAILER_EHLO_CUT, NODEMAILER_EHLO_CUT, SMTPLIB_EHLO_CUT, PHPMAILER_LOGIN_CUT, NODEMAILER_LOGIN_CUT,
    MSMTP_NO_AUTH_BEFORE_TLS, MSMTP_NO_AUTH_INSIDE_TLS, PHPMAILER_NO_AUTH_NO_STARTTLS, SMTPLIB_NO_AUTH_BEFORE_TLS,
    GLPI_NO_GREETING, JAKARTA_LOGIN_RESET, MAILKIT_LOGIN_CUT, CURL_EHLO_RESET, SMTPLIB_AFTER_LOGIN, EMPTY_USERNAME,
    *SWAKS_REFUSED,
    # A program's "could not connect" beside a timeout: the transcript's stage (the cut after STARTTLS)
    # and the step a timeout came at both ask; read twice before they shared one reading.
    "SMTP Error: Could not connect to SMTP host. Connection timed out",
    "2024-01-01 10:00:00 SMTP ERROR: Failed to connect to server: Connection timed out (110)\n"
    "SMTP Error: Could not connect to SMTP host.",
])
def test_explain_reads_a_transcript_once(text: str | tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    """Steps of explain that each ask how far the session got (the cut after STARTTLS, the step left
    unanswered, the EHLO answer without AUTH, the empty user name) share one reading of the text: a
    transcript of thousands of lines is costly to read. explain may read a shorter text too (an earlier
    line's failure): each text once."""
    text = text if isinstance(text, str) else text[0]
    read = transcript.read
    seen: list[str] = []

    def counted(given: str) -> transcript.Reached | None:
        seen.append(given)
        return read(given)

    monkeypatch.setattr(transcript, "read", counted)
    explain(text)
    assert seen and max(seen.count(t) for t in seen) == 1


# Which command the server refused says what the refusal means (transcript.Reached.refused).
HASKELLNET_HELO = ('HaskellNet-SSL RECV: "220 sas1-37da021029ee.qloud-c.yandex.net SMTP\\r"\n'
                   'HaskellNet-SSL SEND: "HELO Alexanders-MacBook-Pro.local\\r\\n"\n'
                   'HaskellNet-SSL RECV: "502 5.5.1 Unrecognized command\\r"')
SMTP_CLI_MAIL_503 = ("Connection from 10.1.2.3:48402 to 59.82.44.168:25\n"
                     "[220] 'smtp.aliyun-inc.com MX AliMail Server'\n> HELO localhost\n[250] 'Ok'\n"
                     "> MAIL FROM:<user@example.com>\n[503] 'bad sequence of commands'\n"
                     "MAIL FROM <user@example.com> failed: '503 bad sequence of commands'\n> QUIT\n[221] 'Bye'")


def test_the_refused_command_is_read_past_a_later_quit() -> None:
    # HaskellNet-SSL's console log (dpwright/HaskellNet-SSL Internal.hs logToConsole) and smtp-cli --verbose
    # (mludvig/smtp-cli: "> " sent, "[code] 'text'" read); each line stays its own, the program's prefix repeated.
    helo = transcript.read(HASKELLNET_HELO)
    assert helo is not None and (helo.program, helo.refused, helo.refused_code) == ("HaskellNet-SSL", "HELO", 502)
    mail = transcript.read(SMTP_CLI_MAIL_503)
    assert mail is not None and (mail.program, mail.stage, mail.last_command) == ("smtp-cli", "ehlo", "QUIT")
    assert (mail.refused, mail.refused_code) == ("MAIL FROM", 503)


def test_helo_answered_as_unknown_is_a_server_that_takes_only_ehlo() -> None:
    top = explain(HASKELLNET_HELO).top
    assert top is not None and (top.cause, top.rule) == ("client-outdated", "client-outdated-helo-refused")


@pytest.mark.parametrize("text", [
    # EHLO answered as unknown: the client falls back to HELO (RFC 5321 3.2), nothing says the program is at fault.
    "C: EHLO client.example.org\nS: 502 5.5.2 Error: command not recognized",
    # HELO refused for the name it gives: a policy, not the command.
    "C: HELO localhost\nS: 550 5.7.1 <localhost>: Helo command rejected: need fully-qualified hostname",
])
def test_other_refusals_of_the_greeting_are_not_the_helo_command(text: str) -> None:
    top = explain(text).top
    assert top is None or top.rule != "client-outdated-helo-refused"


def test_mail_out_of_sequence_after_a_greeting_without_login_wants_a_login() -> None:
    top = explain(SMTP_CLI_MAIL_503).top
    assert top is not None and (top.cause, top.rule) == ("smtp-auth-not-enabled", "smtp-auth-not-enabled-mail-out-of-sequence")


def test_postfix_nested_mail_is_no_missing_login() -> None:
    text = ("C: EHLO client.example.org\nS: 250-mail.example.org\nS: 250 PIPELINING\n"
            "C: MAIL FROM:<a@example.org>\nS: 250 2.1.0 Ok\nC: MAIL FROM:<a@example.org>\n"
            "S: 503 5.5.1 Error: nested MAIL command")
    top = explain(text).top
    assert top is None or top.cause != "smtp-auth-not-enabled"



#: Mailspring's account test log (Mailspring-Sync's runTestAuth), pasted from the login's answer on: the session's bare
#: lines, then its "SMTP Last Response Code:" summary.
MAILSPRING_MAIL_FROM_550 = ("235 Authentication successful\nMAIL FROM:<user@example.com>\n"
                            "550 Unable to authenticate sender <user@example.com>\n\nSMTP Last Response Code: 550\n\n"
                            "SMTP Last Response: Unable to authenticate sender <user@example.com>")


def test_a_235_with_its_auth_cut_off_still_shows_the_login_taken() -> None:
    got = transcript.read(MAILSPRING_MAIL_FROM_550)
    assert (got.program, got.stage, got.refused, got.refused_code) == ("Mailspring", "authenticated", "MAIL FROM", 550)


@pytest.mark.parametrize("text", [
    MAILSPRING_MAIL_FROM_550,
    "C: EHLO me\nS: 250-mx\nS: 250 AUTH PLAIN\nC: AUTH PLAIN AGFsaWNlAHNlY3JldA==\nS: 235 2.7.0 Authentication successful\n"
    "C: MAIL FROM:<bob@example.org>\nS: 553 5.7.1 Rejected",
])
def test_mail_from_refused_for_good_after_the_login_is_the_sender_address(text: str) -> None:
    top = explain(text).top
    assert top is not None and (top.cause, top.rule) == ("sender-address-not-allowed", "sender-address-not-allowed-after-login")


@pytest.mark.parametrize("text", [
    # before any login: the server wants one
    "C: EHLO me\nS: 250-mx\nS: 250 AUTH PLAIN\nC: MAIL FROM:<bob@example.org>\nS: 550 5.7.1 Rejected",
    # after the login, a declared size the server will not take
    "C: AUTH PLAIN AGFsaWNlAHNlY3JldA==\nS: 235 2.7.0 Authentication successful\n"
    "C: MAIL FROM:<bob@example.org> SIZE=99999999\nS: 552 5.3.4 Message size exceeds fixed limit",
])
def test_other_refusals_of_mail_from_are_not_the_sender_address(text: str) -> None:
    top = explain(text).top
    assert top is None or top.rule != "sender-address-not-allowed-after-login"

# --- a QUIT right after the server accepted STARTTLS ------------------------------------------

#: Roundcube's SMTP debug log (rcube::write_log: "[date]: <session key> " before PEAR Net_SMTP's
#: "Send:"/"Recv:"), for an smtp_host of "tls://host:587" -- Roundcube's scheme for STARTTLS.
ROUNDCUBE_STARTTLS_QUIT = "\n".join(
    f"[06-Dec-2026 10:00:0{n} +0100]: <3f9a1c2e> {line}" for n, line in enumerate([
        "Connecting to tls://mail.example.org:587...",
        "Recv: 220 mail.example.org ESMTP Postfix",
        "Send: EHLO webmail.example.org",
        "Recv: 250-mail.example.org",
        "Recv: 250-STARTTLS",
        "Recv: 250 8BITMIME",
        "Send: STARTTLS",
        "Recv: 220 2.0.0 Ready to start TLS",
        "Send: QUIT",
    ]))
#: PHPMailer's SMTPDebug output for the same session, without the program's error line after it.
PHPMAILER_STARTTLS_QUIT = (
    "SERVER -> CLIENT: 220 mail.example.org ESMTP\nCLIENT -> SERVER: EHLO web.example.org\n"
    "SERVER -> CLIENT: 250-mail.example.org\n250-STARTTLS\n250 8BITMIME\nCLIENT -> SERVER: STARTTLS\n"
    "SERVER -> CLIENT: 220 2.0.0 Ready to start TLS\nCLIENT -> SERVER: QUIT\n")
CERTIFICATE = {"cert-self-signed", "cert-untrusted-issuer", "cert-hostname-mismatch", "cert-expired"}


def test_roundcubes_log_lines_are_a_net_smtp_transcript() -> None:
    got = transcript.read(ROUNDCUBE_STARTTLS_QUIT)
    assert got is not None and got.program == "PEAR Net_SMTP"
    assert (got.stage, got.last_command) == ("starttls-accepted", "QUIT")


@pytest.mark.parametrize("text", [ROUNDCUBE_STARTTLS_QUIT, PHPMAILER_STARTTLS_QUIT])
def test_a_quit_right_after_starttls_was_accepted_is_the_clients_failed_handshake(text: str) -> None:
    """The client gave up the handshake it had asked for: never fine, never a port or a TLS-on-connect
    setting (the plaintext greeting shows TLS did not begin on connecting, whatever scheme is named)."""
    report = explain(text)
    assert report.has_errors and report.top is not None
    assert report.top.cause in CERTIFICATE, report.top
    assert not NOT_CONNECTED & {d.cause for d in report.diagnoses if d.is_root}
    handshake = kinds(text)["tls.handshake"]
    assert (handshake.get("mode"), handshake.get("outcome")) == ("starttls", "error")


def test_a_quit_after_the_session_went_on_inside_tls_is_no_failed_handshake() -> None:
    text = PHPMAILER_STARTTLS_QUIT.replace(
        "CLIENT -> SERVER: QUIT\n",
        "CLIENT -> SERVER: EHLO web.example.org\nSERVER -> CLIENT: 250-mail.example.org\n250 AUTH PLAIN\n"
        "CLIENT -> SERVER: QUIT\n")
    assert transcript.read(text).stage == "tls"
    assert "tls.handshake" not in kinds(text)
