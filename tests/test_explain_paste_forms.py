"""A text read right in the form it was printed stays right in the forms a user pastes it in
(benchmarks/corpus_perturb.py measures this over the whole working corpus)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain
from mailexpert.pastetext import normalise
from mailexpert.replies import find_reply

NBSP = "\u00a0"

# Copied from a web page or a forum: no-break spaces and typographic quotes the program never
# printed (the texts are working-corpus texts in that form).
COPIED_FROM_A_PAGE = [
    (f"530 Must issue{NBSP}a{NBSP}STARTTLS{NBSP}command first.", "auth-requires-tls"),
    (f"NOQUEUE: reject: RCPT from server.example.de[192.0.2.7]: 553{NBSP}5.7.1 <user@example.de>: Sender{NBSP}address "
     f"rejected:{NBSP}not owned by{NBSP}user user@example.de; from=<user@example.de>{NBSP}to=<other@example.org> "
     "proto=ESMTP helo=<server.example.de>", "sender-address-not-allowed"),
    (f"*** Remote{NBSP}host closed connection unexpectedly.\n<** 421 4.7.0{NBSP}mail.example.test Error: "
     f"too{NBSP}many{NBSP}connections{NBSP}from 192.0.2.7", "too-many-connections"),
    (f"rake aborted!\n\nNet::SMTPFatalError: 550 Unauthenticated senders{NBSP}not{NBSP}allowed", "smtp-auth-not-enabled"),
    ("Expected response code 250 but got code \u201c530\u201d, with message \u201c530 5.7.1 Authentication "
     "required\u201d", "smtp-auth-not-enabled"),
]


@pytest.mark.parametrize(("text", "cause"), COPIED_FROM_A_PAGE)
def test_no_break_spaces_and_typographic_quotes_read_as_plain_ones(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


def test_normalise_keeps_one_character_for_each() -> None:
    text = f"530{NBSP}5.7.0 \u201cAuthentication required\u201d, can\u2019t send"
    assert normalise(text) == '530 5.7.0 "Authentication required", can\'t send'


# Wrapped at 72-80 columns (a mail client's dialog, a forum, a terminal): the reply's words that
# went onto the next lines are read with it (texts of the working corpus in that form).
WRAPPED = [
    # Thunderbird's send-failure dialog (collected-batch35b.yaml, ubuntuforums.org).
    ("An error occurred while sending mail. The server responded: 5.7.1 <user@example.com>:\n"
     "Relay access denied. Please check the message recipients and try again.",
     "5.7.1 <user@example.com>: Relay access denied. Please check the message recipients and try again."),
    # Roundcube's SMTP error, wrapped after the colon.
    ("SMTP Error (553) - 5.7.1 <user@otherdomain.de>: Sender address rejected:\nnot owned by user sender@domain.de",
     "5.7.1 <user@otherdomain.de>: Sender address rejected: not owned by user sender@domain.de"),
    # JavaMail's exception, wrapped right after the reply's codes.
    ("Caused by: javax.mail.SendFailedException: Invalid Addresses;\n  nested exception is:\n"
     "        com.sun.mail.smtp.SMTPAddressFailedException: 454 4.7.1\n<user@example.com>: Relay access denied\n;\n"
     "        at com.sun.mail.smtp.SMTPTransport.rcptTo(SMTPTransport.java:1294)",
     "4.7.1 <user@example.com>: Relay access denied"),
    ("553 5.7.1\n<user@example.com>: Sender address rejected: not owned by user",
     "5.7.1 <user@example.com>: Sender address rejected: not owned by user"),
    # Laravel's (SwiftMailer's) quoted reply, wrapped right after its codes.
    ('Expected response code 250 but got code "530", with message "530 5.7.1\nAuthentication required"\n',
     "5.7.1 Authentication required"),
]


@pytest.mark.parametrize(("text", "words"), WRAPPED)
def test_a_wrapped_reply_is_read_whole(text: str, words: str) -> None:
    reply, _ = find_reply(normalise(text))
    assert reply["text"] == words


@pytest.mark.parametrize("text", [
    # A reply whose words end with a sentence stays as it is: the client's next line is its own.
    "553 5.7.1 <user@example.com>: Sender address rejected: not owned by user.\nMessage could not be sent.",
    # A log's next record, after a colon, is not the reply's words.
    "454 4.7.1 <user@example.com>: Relay access denied:\nDec 02 11:54:41 client postfix/smtp[28643]: connect",
    "530 5.7.1\n\nAuthentication required",
])
def test_lines_of_their_own_do_not_go_on_a_wrapped_reply(text: str) -> None:
    reply, _ = find_reply(normalise(text))
    assert "Message could not" not in reply["text"] and "postfix" not in reply["text"]
    assert "Authentication required" not in reply["text"]


# Wrapped at 72-80 columns where a client's, a library's or a TLS stack's sentence is split: the
# wording tables read it whole (working-corpus texts in that form).
SOFT_WRAPPED = [
    # msmtp / mpop (GnuTLS's verification status), wrapped inside the sentence.
    ("mpop: TLS certificate verification failed: The certificate is NOT trusted. The\n"
     "name in the certificate does not match the expected.\nmpop: error during mail retrieval",
     "cert-hostname-mismatch"),
    # Outlook's 0x800CCC80.
    ("0x800CCC80 - None of the authentication methods supported by this client are\n"
     "supported by your server.", "auth-mechanism-unsupported"),
    # Ruby's OpenSSL error, "wrong" / "version number".
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: wrong\nversion number",
     "tls-on-plaintext-port"),
    # Thunderbird's string for a server that takes no plain passwords.
    ("The Outgoing server (SMTP) smtp.example.com does not allow plaintext\npasswords. Please try changing the "
     "'Authentication method' in 'Account\nSettings | Outgoing server (SMTP)' to 'Encrypted password'.",
     "auth-mechanism-unsupported"),
    # A reply's words wrapped after an address in brackets (NeoMutt), and onto a line that begins
    # like a label ("Error: too many connections", Jakarta Mail's bad greeting).
    ("SMTP session failed: 554 5.7.1 Service unavailable; Client host [127.0.0.1]\nblocked using zen.spamhaus.org\n\n"
     "Could not send the message", "client-ip-blocklisted"),
    ("jakarta.mail.MessagingException: Got bad greeting from SMTP host:\nmail.example.test, port: 37337, response: "
     "421 4.7.0 mail.example.test\nError: too many connections from 127.0.0.1", "too-many-connections"),
    # A log record's line wrapped: its reply goes on over the wrap for the wording tables.
    ("Dec 02 11:54:41 client postfix/smtp[28643]: E01B0288715:\nto=<bob@example.org>, "
     "relay=mail.example.test[127.0.0.10]:33615,\ndelay=1.6, delays=0.07/1.6/0/0, dsn=4.7.0, status=deferred (host\n"
     "mail.example.test[127.0.0.10] refused to talk to me: 421 4.7.0\nmail.example.test Error: too many connections "
     "from 127.0.0.1)", "too-many-connections"),
    # Working-corpus texts wrapped at 72-80 columns (benchmarks/corpus_perturb.py wrap-72, wrap-80):
    # a reply's line that goes on with an IPv4 address (sisimai/p5-sisimai#469),
    ("host smtp.example.com[192.0.2.43] refused to talk to me: 554 IP address\n"
     "198.51.100.5 rejected [IP reputation fail]", "client-ip-blocklisted"),
    # a multiline reply's escaped break after a real wrap and a lone "at" (kootenpv/yagmail#111),
    ("5.7.9 Please log in with your web browser and then try again. Learn more\n"
     "at\\n5.7.9  https://support.google.com/mail/?p=WebLoginRequired", "web-login-required"),
    # Gmail's multiline reply Postfix wrote on one line, wrapped where its enhanced code repeats (iredmail/iRedMail#264),
    ("Sep  2 14:20:09 redmail postfix/smtp[1093692]: 4Wy9rQ2dx2dz8vdt:\nto=<user@gmail.com>, "
     "relay=aspmx.l.google.com[1.123.123.123]:25, delay=3.3,\ndelays=0.13/0.08/1.6/1.5, dsn=5.7.1, status=bounced (host\n"
     "aspmx.l.google.com[71.123.123.123] said: 550-5.7.1 [1.123.123.123] The IP\nyou're using to send mail is not "
     "authorized to 550-5.7.1 send email directly to\nour servers. Please use the SMTP relay at your 550-5.7.1 service "
     "provider\ninstead. For more information, go to 550 5.7.1\nhttps://support.google.com/mail/?p=NotAuthorizedError\n"
     "d2e1a72fcca58-715e57a0f50si1104d2710b3a.328 - gsmtp (in reply to end of DATA\ncommand))", "client-ip-blocklisted"),
]


@pytest.mark.parametrize(("text", "joined"), [
    # a line shorter than a wrap's whose next word would not have fitted at 72 columns
    ("Authentication results: DKIM = FAILURE - SPF\nDOMAINDIFFERENTFROMEMAILADDRESS with ip 209.85.215.170",
     "Authentication results: DKIM = FAILURE - SPF DOMAINDIFFERENTFROMEMAILADDRESS with ip 209.85.215.170"),
    # a short line whose next word would have fitted stays; so does a traceback's line of code before the exception
    ("    self.sock = context.wrap_socket(self.sock,\nssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED]", None),
    # a short line whose next word would have fitted stays
    ("Authentication results: DKIM = FAILURE - SPF\nfail with ip 209.85.215.170", None),
    # a line that goes on the reply whose enhanced code it repeats
    ("said: 550-5.7.1 [192.0.2.1] The IP you are using to send mail is not\nauthorized to 550-5.7.1 send email",
     "said: 550-5.7.1 [192.0.2.1] The IP you are using to send mail is not authorized to 550-5.7.1 send email"),
    # another reply's enhanced code after a long line is a line of its own
    ("Completed 500 Internal Server Error in 892ms (ActiveRecord: 0.0ms | Allocations: 19634)\n"
     "Net::SMTPAuthenticationError (530-5.7.0 Authentication Required. Learn more at", None),
])
def test_where_a_wrap_is_told_by_the_next_word_and_the_reply(text: str, joined: str | None) -> None:
    assert normalise(text, unwrap=True) == (joined or normalise(text))


def test_an_escaped_break_before_a_replys_code_is_a_break() -> None:
    # A multiline reply a program escaped, in a text a paste also wrapped (real breaks outnumber escaped ones).
    text = "smtp: '530-5.5.1 Authentication\nRequired. Learn more at\\n530 5.5.1\nhttp://support.google.com/mail\n"
    assert "at\n530 5.5.1" in normalise(text)
    assert "C:\\new" in normalise("path C:\\new\nline two\nline three")  # elsewhere a path's


@pytest.mark.parametrize(("text", "cause"), SOFT_WRAPPED)
def test_a_sentence_a_paste_wrapped_is_read_whole(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


@pytest.mark.parametrize("text", [
    # The next line of a log (a timestamp, "program[pid]:"), a session log's arrow, a reply's own
    # code, a stack frame, a list of fields: lines of their own after a long line.
    "2018-12-15 08:19:28 SMTP ERROR: Failed to connect to server: Connection timed out (110) and\n"
    "2018-12-15 08:19:28 SMTP connect() failed.",
    "Feb 17 21:53:28 mxbt1 haraka[48106]: recipient <user@example.org> was rejected by the server\n"
    "mxbt1 haraka[48106]: delivery failed",
    "2: SERVER -> CLIENT: 220 smtp.example.com ESMTP ready for the next command from you\n"
    "CLIENT -> SERVER: EHLO example.com",
    # curl's verbose log: "< " the server's line, "> " the client's.
    "* Connected to smtp.example.com (203.0.113.5) port 587 (#0) after a long wait\n< 220 smtp.example.com ESMTP",
    # A program's prefix on each of its lines.
    "fetchmail: Server certificate verification error: certificate is not yet valid and\n"
    "fetchmail: OpenSSL reported: error",
    "Diagnostic-Code: smtp; 550 5.7.1 Requested action not taken because of the policy\n"
    "550 5.7.1 more of the same reply",
    "ErrorInfo: SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting\n"
    "Host: abc\nPort: 25",
    "java.net.SocketTimeoutException: Read timed out while talking to the remote mail server\n"
    "at java.base/java.net.SocketInputStream.socketRead0(Native Method)",
    # A sentence that ended, and a short line (no wrap at 72-80 columns made it).
    "The server closed the connection before it answered the greeting of the client.\nplease check it",
    "Could not connect\nto the server",
])
def test_lines_of_their_own_are_not_joined(text: str) -> None:
    assert normalise(text, unwrap=True) == normalise(text)


def test_a_soft_wrap_is_joined_one_character_for_one() -> None:
    text = "TLS certificate verification failed: The certificate is NOT trusted. The\nname in the certificate"
    assert normalise(text, unwrap=True) == text.replace("\n", " ")


@pytest.mark.parametrize("width", [None, 60, 64, 72, 76, 80])
def test_a_reply_a_paste_wrapped_inside_a_log_record_is_read_as_unwrapped(width: int | None) -> None:
    # OpenSMTPD's relay log (github.com/OpenSMTPD/OpenSMTPD/issues/195): where the paste wrapped the
    # record's line, inside the reply's words or not, the reply is "451 Temporary failure, please
    # try again later." and reads the same.
    import textwrap

    line = ("66251a4092099e2d: from=user@example.com, to=friend@example.org, relay=88.190.237.114 (mx1.poolp.org), "
            "delay=12s, stat=451 Temporary failure, please try again later.")
    text = "\n".join(textwrap.wrap(line, width)) if width else line
    assert explain(text).top.cause == explain(line).top.cause == "server-unavailable", text


def test_a_log_record_after_a_wrapped_reply_is_not_read_into_it() -> None:
    text = ("66251a4092099e2d: from=user@example.com, to=friend@example.org, relay=88.190.237.114 (mx1.poolp.org),\n"
            "delay=12s, stat=451 Temporary failure, please try again later\n"
            "Dec  3 10:11:12 mailhost smtpd[1234]: 66251a4092099e2d: account locked out")
    reply, _ = find_reply(normalise(text, unwrap=True))
    assert "locked" not in reply["text"]
    assert explain(text).top.cause == "server-unavailable"


# One message whose lines a log wrote as records of their own, each with the same head (syslog's
# "Mon DD hh:mm:ss host program[pid]: ", an application logger's "timestamp LEVEL [logger] "): the
# message is read as one (working-corpus texts in that form).
ONE_HEAD_ON_EACH_LINE = [
    ("Dec  3 10:11:12 mailhost postfix/smtp[1234]: host\n"
     "Dec  3 10:11:12 mailhost postfix/smtp[1234]:     email-smtp.ap-southeast-1.amazonaws.com[18.138.111.200] said: 530\n"
     "Dec  3 10:11:12 mailhost postfix/smtp[1234]:     Authentication required (in reply to MAIL FROM command)",
     "smtp-auth-not-enabled"),
    ("2024-03-02 10:11:12,345 ERROR [mailer] Verify the email address in your account properties. Server responded: 530\n"
     "2024-03-02 10:11:12,345 ERROR [mailer] 5.7.0. Issue a STARTTLS command first.", "auth-requires-tls"),
    ("2024-03-02T10:11:12.345Z ERROR mail.sender - 250-ENHANCEDSTATUSCODES\n"
     "2024-03-02T10:11:12.345Z ERROR mail.sender - 250 DSN\n"
     "2024-03-02T10:11:12.345Z ERROR mail.sender - STARTTLS\n"
     "2024-03-02T10:11:12.345Z ERROR mail.sender - 502 5.5.1 Error: command not implemented", "starttls-not-offered"),
]


@pytest.mark.parametrize(("text", "cause"), ONE_HEAD_ON_EACH_LINE)
def test_a_log_head_on_each_line_of_one_message_is_read_once(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


def test_a_repeated_log_head_is_written_once_on_a_line_of_its_own() -> None:
    text = ("Mar 14 08:02:59 web01 worker[88]: said: 550 5.7.1 Unfortunately, messages weren't sent.\n"
            "Mar 14 08:02:59 web01 worker[88]:     Please contact your Internet service provider\n"
            "Mar 14 08:02:59 web01 worker[88]:\n"
            "Mar 14 08:03:00 web01 worker[88]: next record")
    assert normalise(text) == ("Mar 14 08:02:59 web01 worker[88]:\nsaid: 550 5.7.1 Unfortunately, messages weren't "
                               "sent. Please contact your Internet service provider\n\n"
                               "Mar 14 08:03:00 web01 worker[88]: next record")


@pytest.mark.parametrize("text", [
    # Heads that differ (another second, another process), a head on one line only, and a program's
    # own prefix without a log record's shape (no time, no "[pid]:"): left as they are.
    "Mar 14 08:02:59 web01 worker[88]: one\nMar 14 08:03:00 web01 worker[88]: two",
    "Mar 14 08:02:59 web01 worker[88]: one\nMar 14 08:02:59 web01 worker[89]: two",
    "Mar 14 08:02:59 web01 worker[88]: one\nsaid: 550 5.7.1 two",
    "mpop: error one\nmpop: error two",
    "CLIENT -> SERVER: EHLO a\nCLIENT -> SERVER: AUTH LOGIN",
])
def test_lines_without_a_shared_log_head_keep_their_heads(text: str) -> None:
    assert normalise(text) == text


# A text a program printed as one escaped string (JSON, a Python repr, PHP's var_export): its line
# breaks, tabs and quotes escaped, the string's own quotes around it (working-corpus texts in that form).
ESCAPED = [
    ('mailer: {"error": "2022-01-03 13:18:42\\tSERVER -> CLIENT: 220 mysmtp.example.org Microsoft ESMTP MAIL Service'
     '\\r\\n2022-01-03 13:18:42\\tCLIENT -> SERVER: AUTH LOGIN\\r\\n2022-01-03 13:18:42\\tSERVER -> CLIENT: '
     '334 VXNlcm5hbWU6\\r\\n2022-01-03 13:18:42\\tCLIENT -> SERVER: [credentials hidden]\\r\\n'
     '2022-01-03 13:18:42\\tSERVER -> CLIENT: 535 5.7.8 Error: authentication failed"}', "password-rejected"),
    ("ERROR [mailer] 'curl: (8) Got unexpected smtp-server response: 421'", "server-unavailable"),
    ("ERROR [mailer] b'530 5.7.0 Must issue a STARTTLS command first.\\r\\n'", "auth-requires-tls"),
    ("Verify the email address in your account properties. Server responded: 530 5.7.0. Issue a STARTTLS command "
     "first. &lt;user@example.com&gt; &quot;quoted&quot; &#39;single&#39;", "auth-requires-tls"),
]


@pytest.mark.parametrize(("text", "cause"), ESCAPED)
def test_a_text_printed_as_an_escaped_string_reads_as_printed(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


def test_escaped_tabs_are_decoded_only_in_an_escaped_string() -> None:
    assert normalise("a\\tb\\nc\\nd") == "a\tb\nc\nd"
    # A Windows path's "\t" in a text whose line breaks are real is left as it is.
    assert normalise("cannot open C:\\temp\\mail.log\nsecond line") == "cannot open C:\\temp\\mail.log\nsecond line"


def test_a_reply_wrapped_right_after_its_code_is_read_whole() -> None:
    # "Server responded: 530 5.7.0. Issue ..." wrapped at 72 columns (a working-corpus text).
    text = "Verify the email address in your account properties. Server responded:\n530\n5.7.0. Issue a STARTTLS command first."
    assert explain(text).top.cause == "auth-requires-tls"
    # Not when the next line's enhanced code is of another class, or is no enhanced code.
    assert normalise("530\n4.7.0 x\n250\n2.0.0.1 ok") == "530\n4.7.0 x\n250\n2.0.0.1 ok"


@pytest.mark.parametrize(("text", "cause"), [
    # smtplib's "(554, '...')" form on a log line that opens with its date: the date's digits are
    # no reply line (working-corpus texts in that form).
    ("2024-03-02 10:11:12,345 ERROR [mailer] smtplib.SMTPSenderRefused: (552, b'the from address and the "
     "authenticated user must be the same email. #ERR_AUTH_FAIL', 'webmaster@localhost')", "sender-address-not-allowed"),
    ("2024-03-02 10:11:12,345 ERROR [mailer] KO: (501, b': sender address must contain a domain', 'user')",
     "sender-address-not-allowed"),
])
def test_smtplibs_form_is_read_on_a_log_line_that_opens_with_a_date(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


def test_a_text_that_opens_with_a_reply_line_is_read_as_replies() -> None:
    reply, _ = find_reply("535 5.7.8 Error: authentication failed\nsmtplib: (250, b'OK')")
    assert reply["code"] == 535


# A log pasted where its line breaks were lost (a one-line field, a forum paragraph): its records run
# together on one line, and are read as the lines they were (pastetext._split_records).
RUN_TOGETHER = [
    (["Mar  3 09:14:02 mx postfix/submission/smtpd[881]: connect from client.example.org[192.0.2.40]",
      "Mar  3 09:14:02 mx postfix/submission/smtpd[881]: SSL_accept error from client.example.org[192.0.2.40]: -1",
      "Mar  3 09:14:02 mx postfix/submission/smtpd[881]: warning: TLS library problem: error:0A000418:SSL "
      "routines::tlsv1 alert unknown ca:ssl/record/rec_layer_s3.c:1605:SSL alert number 48:",
      "Mar  3 09:14:02 mx postfix/submission/smtpd[881]: lost connection after STARTTLS from "
      "client.example.org[192.0.2.40]"], "cert-self-signed"),
    (["2025-03-03 09:14:02 1tXyZa-000ABC-1Q plain authenticator failed H=client.example.org [192.0.2.40] 535 5.7.8 "
      "Incorrect authentication data",
      "2025-03-03 09:14:02 1tXyZa-000ABC-1Q ** bob@example.net R=smarthost T=remote_smtp H=relay.example.net "
      "[192.0.2.25]: SMTP error from remote mail server after MAIL FROM:<alice@example.org>: 530 5.7.0 "
      "Authentication required"], "password-rejected"),
    (["<bob@example.net>: connect to mx.example.net[192.0.2.25]:25: Connection timed out", "Action: delayed",
      "Status: 4.4.1", "Diagnostic-Code: X-Postfix; connect to mx.example.net[192.0.2.25]:25: Connection timed out"],
     "smtp-port25-blocked"),
]


@pytest.mark.parametrize(("lines", "cause"), RUN_TOGETHER)
def test_a_log_whose_records_run_together_reads_as_its_lines(lines: list[str], cause: str) -> None:
    assert explain("\n".join(lines)).top.cause == cause
    assert explain(" ".join(lines)).top.cause == cause


@pytest.mark.parametrize("lines", [
    ["C: A1 CAPABILITY", "S: * CAPABILITY IMAP4rev1 AUTH=PLAIN", "S: A1 OK CAPABILITY completed",
     "C: A2 LOGIN ******** ********", "S: A2 NO [AUTHENTICATIONFAILED] Authentication failed."],
    ["2025-03-03 09:14:02 SERVER -> CLIENT: 220 smtp.example.net ESMTP",
     "2025-03-03 09:14:02 CLIENT -> SERVER: EHLO web.example.org",
     "2025-03-03 09:14:02 SERVER -> CLIENT: 250 8BITMIME"],
])
def test_run_together_records_are_put_back_on_their_lines(lines: list[str]) -> None:
    assert normalise(" ".join(lines)) == "\n".join(lines)


@pytest.mark.parametrize("text", [
    # One record that names two times, and a sentence that does: no record's head begins the second.
    "2025-03-03 09:14:02 certificate for mail.example.net expired at 2025-03-01 00:00:00 (now "
    "2025-03-03 09:14:02); renew it before the clients refuse the connection, as the server warned",
    "The certificate expired on 2025-03-01 00:00:00 and the server was renewed on 2025-03-02 10:00:00, but the "
    "client still says the connection failed",
    # One direction's marks only, and a drive letter: no transcript.
    "S: * OK ready S: * BYE Autologout; idle for too long, the server closed the connection before the client "
    "sent anything at all after C: was mapped",
    # One delivery status field named in a sentence.
    "The bounce said Status: 5.1.1 and nothing else that a reader of the message could make sense of, so the "
    "user asked the administrator",
])
def test_a_long_line_that_is_one_record_stays_one_line(text: str) -> None:
    assert normalise(text) == text


# Retyped in lower case: IMAP's atoms (statuses, response codes) and POP3's status are case-insensitive (RFC 9051
# section 9, RFC 1939 section 3), so a reply a user lowered says what it said in capitals (replies.py). Texts made
# for this test.
LOWERED = [
    ("a7 no [cannot] password logins are not allowed here; use oauth 2.0", "oauth-required"),
    ("imaplib.imap4.error: b'[cannot] password logins are not allowed here; use oauth 2.0'", "oauth-required"),
    ("fetchmail: unexpected data: -err [auth] plain-text logins are disabled; use oauth 2.0", "oauth-required"),
    ("sync failed: #<net::imap::byeresponseerror: too many simultaneous connections for this user>",
     "too-many-connections"),
    ("login returned an error: no [authenticationfailed] invalid credentials", "password-rejected"),
]


@pytest.mark.parametrize(("text", "cause"), LOWERED)
def test_a_reply_in_lower_case_reads_as_in_capitals(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


@pytest.mark.parametrize("text", [
    "1 no such user here",  # a sentence's "no" after a number: no IMAP status without a response code's bracket
    "step 2 ok, step 3 bad luck",
])
def test_a_sentences_lower_case_no_is_no_imap_status(text: str) -> None:
    assert find_reply(text)[0].get("protocol") != "imap"


def test_an_untagged_status_in_lower_case_before_its_code() -> None:
    """A client's quote of the server's status without its tag, lowered: the status is read as in capitals."""
    reply = find_reply("error: no [alert] your account is not enabled for imap use.")[0]
    assert (reply.get("protocol"), reply.get("status")) == ("imap", "no")

