"""A text reads the same after a mail client or a forum wrapped its long lines, a logger headed each of
its lines, or a user lowered it (pastetext.soft_breaks, pastetext.decoded, sessionlog's reply read over
wrapped log records, the name tables read joined, replies' IMAP codes in lower case).

Mail clients wrap a message's lines at 72-78 columns (RFC 3676 section 4.2, format=flowed; RFC 5322
section 2.1.1's 78-character guidance) and forums and terminals at about 80: a line breaks at the last
space before the width, whatever it splits -- a reply's code from its enhanced code or its words, a
provider's phrase, a log record's reply, an abbreviation from the word before it. The texts here are
made for these tests in the forms the named programs print (their sources beside them); each is read
unwrapped, wrapped at 72 and wrapped at 80, and must name the same cause each time.
"""

from __future__ import annotations

import textwrap

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain
from mailexpert.pastetext import decoded, escapes_breaks, unwrapped
from mailexpert.replies import find_reply


def _wrapped(text: str, width: int) -> str:
    """``text`` with each line longer than ``width`` broken at its last space before it, as a mail client does."""
    out: list[str] = []
    for line in text.split("\n"):
        out += textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) if len(line) > width \
            else [line]
    return "\n".join(out)


def _top(text: str) -> str:
    try:
        report = explain(text)
    except InputError:
        return "(declined)"
    return report.top.cause if report.top else "(fine)"




#: (text, the cause it names, where its form comes from)
TEXTS = [
    # A Postfix bounce line quoting Gmail's multiline refusal of an unauthorised sending address, each
    # line of the reply run together as Postfix logs it (the reply's words: Google's "SMTP errors and
    # codes" page, support.google.com/a/answer/3726730).
    ("Mar  4 09:12:44 relay postfix/smtp[4411]: 3F2A81C0: to=<someone@example.com>, "
     "relay=mx.example.com[192.0.2.25]:25, delay=1.1, dsn=5.7.1, status=bounced (host "
     "mx.example.com[192.0.2.25] said: 550-5.7.1 [198.51.100.7] The IP you're using to send mail is not "
     "authorized to 550-5.7.1 send email directly to our servers. Please use the SMTP relay at your "
     "550-5.7.1 service provider instead. (in reply to end of DATA command))",
     "client-ip-blocklisted", "postfix smtp(8) status=bounced line; Google's 550-5.7.1 reply"),
    # Symfony Mailer's TransportException: the code quoted, then the reply with its enhanced code
    # (symfony/mailer:Transport/Smtp/SmtpTransport.php assertResponseCode).
    ('Symfony\\Component\\Mailer\\Exception\\TransportException: Expected response code "250" but got code '
     '"553", with message "553 5.7.1 <sender@example.org>: Sender address rejected: not owned by user '
     'mailer@example.org".',
     "sender-address-not-allowed", "symfony/mailer SmtpTransport::assertResponseCode"),
    # Exchange Online's refusal to send as another mailbox, the reply alone (learn.microsoft.com,
    # "Fix email delivery issues for error code 5.7.60 / SendAsDenied").
    ("554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to "
     "process message due to a permanent exception with message Cannot submit message.",
     "sender-address-not-allowed", "Exchange Online's SendAsDenied reply"),
    # Gmail's IMAP answer to a refused login as Python's imaplib quotes it (b'...'), after a program's own words.
    # (The name tables read the phrase whole where a wrap split it.)
    ("Error logging into IMAP Server for inbox: b'[AUTHENTICATIONFAILED] Invalid credentials (Failure)'",
     "app-password-required", "python imaplib.IMAP4.error text; Gmail's AUTHENTICATIONFAILED reply"),
    # Roundcube's SMTP debug log (roundcube/roundcubemail:program/lib/Roundcube/rcube_smtp.php debug_handler,
    # "Recv: " before each line a server sent), a multiline refusal a record a line, each record wrapped:
    # the reply read over the wraps holds every word.
    ("[15-Aug-2024 04:28:19 -0500]: <a1b2c3d4> Recv: 550-Message rejected because [192.0.2.218]:10503 is "
     "blacklisted\n[15-Aug-2024 04:28:19 -0500]: <a1b2c3d4> Recv: 550 Too many failed logins from your address",
     "client-ip-blocklisted", "roundcube rcube_smtp debug log"),
    # A program's log, each record with its prefix, that quotes Postfix's SASL refusal (postfix
    # smtpd(8): "535 5.7.8 Error: authentication failed: <reason>"; Dovecot's reason text).
    ("mail.sender: selected authentication mechanism LOGIN for the connection to the relay\n"
     "mail.sender: authentication failed: 535 5.7.8 Error: authentication failed: Password expired\n"
     "mail.sender: cannot send message: Operation rejected by remote party",
     "password-expired", "GNU mailutils' log form; postfix smtpd 535 5.7.8"),
    # Office 365's refusal of TLS 1.0 and 1.1 quoted by a script (learn.microsoft.com, "Enable TLS 1.2
    # ... 421 4.7.66").
    ("The server answered the mail script's STARTTLS session with: 421 4.7.66 TLS 1.0 and 1.1 are not "
     "supported. Please upgrade/update your client to support TLS 1.2.",
     "tls-version-client-outdated", "Office 365's 421 4.7.66 reply"),
]


@pytest.mark.parametrize(("text", "cause", "source"), TEXTS, ids=[t[2] for t in TEXTS])
@pytest.mark.parametrize("width", [72, 80])
def test_a_wrapped_text_reads_as_the_unwrapped_one(text: str, cause: str, source: str, width: int) -> None:
    assert _top(text) == cause, source
    wrapped = _wrapped(text, width)
    assert wrapped != text
    assert _top(wrapped) == cause, (source, wrapped)


def test_an_abbreviation_a_wrap_put_down_is_no_split_word() -> None:
    # "The" / "IP": two words; a split word keeps one casing ("Theip" is Irish for "failed", in the catalogues).
    text = "550-5.7.1 [198.51.100.7] The\nIP you're using to send mail is not authorized"
    assert "TheIP" not in decoded(text)
    assert "The\nIP" in decoded(text)


@pytest.mark.parametrize(("text", "joined_form"), [
    # A code at a line's end, its enhanced code on the next.
    ('but got code "451", with message "451\n4.0.0 backend: invalid return path"',
     '"451 4.0.0 backend: invalid return path"'),
    # A code and its enhanced code at a line's end, the reply's words on the next.
    ("AUTH CRAM-MD5 not available: 535 5.7.8\nError: authentication failed: Invalid authentication mechanism",
     "535 5.7.8 Error: authentication failed"),
])
def test_a_reply_split_after_its_codes_is_one_reply(text: str, joined_form: str) -> None:
    assert joined_form in decoded(text)


@pytest.mark.parametrize("text", [
    "550-5.1.1 The email account that you tried to reach does not exist.\n550 5.1.1 Please try again.",
    "250 2.0.0\n2024-03-02 10:11:12 next record",
    "Error Code: 550\nMessage: Expected response code 250",
])
def test_a_reply_s_own_next_line_stays_a_line(text: str) -> None:
    assert decoded(text).count("\n") == text.count("\n")


@pytest.mark.parametrize(("text", "together"), [
    # "at" goes on a sentence where it names no stack frame's function.
    ("Diagnostic-Code: smtp; 421 cmsmtp blocked. Refer to Error Codes section\nat for more information.",
     "section at for more"),
    # A number and a word go on a sentence.
    ("Checking the reply of the submission server to the message: 421 4.7.66 TLS\n1.0 and 1.1 are not supported.",
     "TLS 1.0 and 1.1"),
    # A dotted number of four parts is no enhanced code; an arrow with two dashes is no debug log's.
    ("said: 421 4.7.0 [TSS04] Messages from the sending host at the address of\n"
     "192.0.2.35 temporarily deferred due to user complaints - 4.16.55.1; see",
     "address of 192.0.2.35"),
    ("rejected: 550 5.7.1 Service unavailable; Client host of the sender blocked\n"
     "[192.0.2.128 <-- example.com] using a list",
     "blocked [192.0.2.128"),
    # A wrapped line's rest is short where the next word did not fit.
    ("Connection unsuccessful: Failed to close connection to SMTP server - 554\nAccess denied: User\n"
     "`arn:aws:iam::123456789012:user/ses-smtp-user.ci-servers' is not authorized",
     "User `arn:aws"),
    # An address and its port end a sentence: the port is no time of a log record's.
    ("System.Net.Sockets.SocketException: A socket operation was attempted to an unreachable network\n"
     "192.0.2.123:25", "network 192.0.2.123:25"),
    # A line between two with a program's prefix is the first one's rest.
    ("mail.sender: authentication failed: 535 5.7.8 Error: authentication failed:\nPassword: expired now\n"
     "mail.sender: cannot send message",
     "failed: Password: expired"),
])
def test_a_soft_wrap_is_joined(text: str, together: str) -> None:
    assert together in unwrapped(text)


@pytest.mark.parametrize("text", [
    # A stack frame after a long line stays a line of its own.
    "javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.com, port\n"
    "at com.sun.mail.smtp.SMTPTransport.openServer(SMTPTransport.java:2209)",
    "Error: cannot send the message through the configured relay host, because of\n"
    "at processTicksAndRejections (node:internal/process/task_queues:95:5)",
    # A reply's line after a long one: a code and a word are no number going on a sentence.
    "The server answered the client's command in the session log as follows here\n250 ok queued as 12345",
    # A list of fields stays a list.
    "Connection settings of the account that the program tried to send with today\nHost: smtp.example.com\n"
    "Port: 587",
    # A short line before a word that fits stays a line.
    "Error:\nsee the log",
])
def test_a_line_of_its_own_is_not_joined(text: str) -> None:
    assert unwrapped(text) == decoded(text)


def test_a_wrapped_json_record_still_escapes_its_breaks() -> None:
    # Monolog's JSON line (Seldaek/monolog:src/Monolog/Formatter/JsonFormatter.php) whose message holds
    # escaped line breaks; a mail client wrapped the record at 72 columns, adding more real breaks than
    # it has escaped ones: those are the client's, and the escaped ones still the program's lines.
    record = ('{"message":"Send Mail Fail.\\nError Code: 550\\nMessage: Expected response code 250 but got code '
              '550, with message 550 envelope sender not allowed for this user","context":{},"level":600,'
              '"level_name":"EMERGENCY","channel":"app","datetime":"2023-01-31T15:07:34.046563+01:00"}')
    wrapped = _wrapped(record, 72)
    assert wrapped.count("\n") > record.count("\\n") > 0
    assert escapes_breaks(record) and escapes_breaks(wrapped)
    assert not escapes_breaks("a line of a log\nanother line\nC:\\new folder")


#: A Postfix bounce line whose reply Postfix folded onto indented lines (postfix bounce(8)), quoting Outlook.com's
#: refusal of a network on its block list (learn.microsoft.com, "Outlook.com ... AS3140" block list replies).
FOLDED = ("host mx.example.net[192.0.2.33] said: 550 5.7.1\n"
          "  Unfortunately, messages from [198.51.100.9] weren't sent. Please contact\n"
          "  your Internet service provider since part of their network is on our block\n"
          "  list (AS3140). (in reply to MAIL FROM command)")


@pytest.mark.parametrize("head", ["2024-05-01 10:22:13 ERROR ", "2024-05-01 10:22:13,511 WARNING ", "10:22:13 INFO "])
def test_a_logger_s_time_and_level_on_each_line_is_one_record_s_head(head: str) -> None:
    # Python logging's "%(asctime)s %(levelname)s %(message)s" writes its head before each line a program
    # logged line by line: the head, with no separator after the level, is written once and the lines read on.
    logged = "\n".join(head + line for line in FOLDED.split("\n"))
    assert _top(FOLDED) == "client-ip-blocklisted"
    assert _top(logged) == "client-ip-blocklisted", logged
    assert decoded(logged).startswith(head.rstrip() + "\n")


def test_a_text_lowered_whole_keeps_its_imap_response_code() -> None:
    # RFC 9051 section 9: IMAP's atoms, its response codes among them, are case-insensitive. A word code
    # ("[CANNOT]", RFC 5530) is read in lower case where the whole line lost its capitals, not elsewhere,
    # where a log's tag in brackets is no code.
    said = "imapclient.exceptions.LoginError: b'[CANNOT] Password logins are disabled; sign in with OAuth 2.0.'"
    assert _top(said) == "oauth-required"
    assert _top(said.lower()) == "oauth-required"
    assert find_reply("imapclient.exceptions.loginerror: b'[cannot] password logins are disabled'")[0].get(
        "response_code") == "CANNOT"
    assert not find_reply("2024-05-01 10:22:13 Rate check [limit] passed for the Mailer")[0].get("response_code")
