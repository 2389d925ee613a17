"""A text reads the same after the perturbations benchmarks/corpus_perturb.py found unstable in its second round
(tests/corpus/perturbations.py makes them; the texts are of this module's own making, each worded as its program
prints it):

- the asker's own sentences around the paste (data/error-texts.yaml ``user_framing``): a first line that
  introduces it, a last line that asks about it or thanks, a greeting; a program's own first-person sentence or
  question stays;
- an IMAP status lowered with its whole line (IMAP's atoms are case-insensitive, RFC 9051 section 9) after an
  untagged "*" or a tag of letters and digits; a tag of digits alone stays a number in a sentence;
- a log whose first line opens with a year ("2024-05-01 10:22:13 ERROR") holding smtplib's (code, 'text') form;
- a lowered syslog month and Postfix event, which keep the session's times;
- a line one tab indents (a copy that made a bounce's indentation a tab): the rest of the line before it, unless it
  opens with a program's class name (JavaMail's nested exception).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import top_cause

from mailexpert import pastetext, sessionlog
from mailexpert.errors import InputError
from mailexpert.replies import parse_reply

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))

import perturbations  # noqa: E402

#: Replies and errors as their programs print them, each one explain names a cause for.
RELAY = "550 5.7.1 <bob@example.org>: Relay access denied"
SENDER = "553 5.7.1 <alice@example.net>: Sender address rejected: not owned by user bob@example.net"
IMAP_BYE = "* BYE Too many invalid IMAP commands."


@pytest.mark.parametrize("framed", [
    perturbations.with_sentences(SENDER),
    f"Hi all,\nWe keep getting this error from our mail server:\n{SENDER}\n\nThanks in advance!",
    f"Here is the error I get:\n{SENDER}\nWhat am I doing wrong?",
    f"When I send a message I get:\n{RELAY}\nCan anyone help?",
    f"{IMAP_BYE}\nAny ideas?",
])
def test_the_askers_sentences_around_a_paste_are_not_read(framed: str) -> None:
    plain = top_cause(pastetext.without_framing(framed))
    assert plain is not None
    assert pastetext.without_framing(framed) != framed
    assert top_cause(framed) == plain


def test_a_framed_text_of_no_cause_is_not_made_a_connection_failure() -> None:
    # "send" in the asker's sentence and "not allowed" in the program's words once read as a failed send.
    text = "Account is not allowed"
    framed = perturbations.with_sentences(text)
    assert framed is not None
    assert top_cause(framed) == top_cause(text)


@pytest.mark.parametrize("text", [
    # qmail-send's bounce speaks in the first person; its sentences end in a full stop.
    "Hi. This is the qmail-send program at example.org.\nI'm not going to try again; this message has been in the "
    "queue too long.",
    # offlineimap's and Outlook's own questions.
    "LOGIN: IMAP LOGIN is disabled by server.\nNeed to use SSL?",
    "The server you are connected to is using a security certificate that cannot be verified.\n"
    "Do you want to continue using this server?",
    # A program's label before its message, in the first person of nobody.
    "Connection Test Failed! Here is what we got instead:\n[Errno 101] Network is unreachable",
    # The asker's sentence alone: nothing else to read.
    "I get this when I try to send:",
])
def test_a_programs_own_lines_are_kept(text: str) -> None:
    assert pastetext.without_framing(text) == text


@pytest.mark.parametrize("text", [
    IMAP_BYE,
    "S: A0001 BAD Error in IMAP command received by server.",
    "a1 NO [AUTHENTICATIONFAILED] Authentication failed.",
])
def test_an_imap_status_lowered_with_its_line_is_read(text: str) -> None:
    lowered = perturbations.lowered(text)
    assert lowered is not None
    plain = parse_reply(text)
    assert plain
    got = parse_reply(lowered)
    assert (got.get("protocol"), got.get("status")) == (plain["protocol"], plain["status"])


@pytest.mark.parametrize("text", ["1 no such user", "network unreachable (ipv6 no route)", "* no idea why"])
def test_a_number_or_a_bullet_before_a_lowered_word_is_no_imap_status(text: str) -> None:
    assert parse_reply(text) == {}


def test_a_log_that_opens_with_a_year_keeps_smtplibs_reply_code() -> None:
    error = "smtplib.SMTPSenderRefused: (553, b'5.1.8 <a@b.example>: Sender address rejected: Domain not found', " \
            "'a@b.example')"
    plain = parse_reply(error)
    assert plain.get("code") == 553
    logged = perturbations.log_prefixed(f"Traceback (most recent call last):\n{error}")
    assert logged is not None
    assert parse_reply(logged).get("code") == 553
    assert top_cause(logged) == top_cause(error)


def test_a_lowered_server_log_keeps_its_session_times() -> None:
    log = ("Dec 04 12:46:49 mail postfix/submissions/smtpd[2545]: connect from unknown[192.0.2.9]\n"
           "Dec 04 12:46:57 mail postfix/submissions/smtpd[2545]: SSL_accept error from unknown[192.0.2.9]: "
           "lost connection")
    assert sessionlog.server_wait_ms(log) == 8000
    assert sessionlog.server_wait_ms(log.lower()) == 8000


BOUNCE = ("<bob@example.org>: host mx1.example.org[192.0.2.5] said: 550 5.7.1\n"
          "    Service unavailable; client [198.51.100.7] blocked using zen.spamhaus.org\n"
          "    (in reply to RCPT TO command)")


def test_a_bounce_indented_with_tabs_reads_as_with_blanks() -> None:
    tabbed = perturbations.tabs(BOUNCE)
    assert tabbed is not None and "\n\t" in tabbed
    assert top_cause(BOUNCE) is not None
    assert top_cause(tabbed) == top_cause(BOUNCE)
    assert "\n" not in pastetext.finished(tabbed)


def test_a_nested_exception_a_tab_indents_stays_a_line_of_its_own() -> None:
    text = "nested exception is:\n\tjavax.mail.MessagingException: Exception reading response"
    assert pastetext.finished(text) == text


@pytest.mark.parametrize("text", [
    # A client quoting the greeting it could not read.
    "Establishing connection to imap.example.org:993\n"
    "unrecognised server welcome message: '* BYE Fatal error: tls_start_servertls() failed'",
    # A protocol log whose tagged BAD answers a command sent before the login.
    "Connected to imaps://mail.example.org:993/\nS: * OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE "
    "AUTH=PLAIN] Dovecot ready.\nC: B00000000 COMPRESS DEFLATE\nS: B00000000 BAD Error in IMAP command received by "
    "server.",
    # A Java exception's class name, which its capitals no longer split once lowered.
    "[6.400] CertPathValidatorException\nSince 6.400 the mail app throws a CertPathValidatorException for my "
    "provider's IMAP server",
])
def test_a_lowered_text_reads_as_its_plain_form(text: str) -> None:
    lowered = perturbations.lowered(text)
    assert lowered is not None
    plain = top_cause(text)
    assert plain is not None
    assert top_cause(lowered) == plain


@pytest.mark.parametrize("text", [
    "a1 NO LOGIN failed.",
    "error:1409442E:SSL routines:SSL3_READ_BYTES:tlsv1 alert protocol version",
])
def test_a_text_whose_capitals_are_its_meaning_is_not_lowered(text: str) -> None:
    assert perturbations.lowered(text) is None


def test_a_base64_run_keeps_its_capitals_when_the_text_is_lowered() -> None:
    assert perturbations.lowered("334 VXNlcm5hbWU6 Username Required") == "334 VXNlcm5hbWU6 username required"


@pytest.mark.parametrize("text", [
    # A server's own notice of a client's pipelining: no failure of the user's mail.
    "postfix/smtpd[6827]: improper command pipelining after DATA from client.example.com[192.0.2.14]",
    # Postfix warns that a host greeted it with its own name, and the message bounced for a loop.
    "mail postfix/smtp[2848]: warning: host mail.example.org[192.0.2.1]:25 greeted me with my own hostname "
    "mail.example.org",
])
def test_a_loggers_level_is_not_a_word_of_the_message(text: str) -> None:
    logged = perturbations.log_prefixed(text)
    assert logged is not None and " ERROR " in logged
    # Neither names a failure: explain declines both, the logged line too.
    for said in (text, logged):
        with pytest.raises(InputError):
            top_cause(said)


@pytest.mark.parametrize("text", [
    "NO SELECT Unsafe Login. Please contact kefu@188.com for help",
    "Forged sender domain from this server",
])
def test_a_reply_after_a_one_line_loggers_head_reads_as_alone(text: str) -> None:
    logged = perturbations.log_prefixed(text)
    assert logged is not None
    assert pastetext.decoded(logged) == f"{perturbations.LOG_HEAD.rstrip()}\n{text}"
    plain = top_cause(text)
    assert plain is not None
    assert top_cause(logged) == plain
