"""An IMAP client's protocol log pairs the server's tagged NO or BAD with the command sent under the same
tag (RFC 9051 section 2.2.1): the reply is read as that command's (mailexpert/sessionlog.py imap_command,
data/error-texts.yaml imap_command_stages)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain
from mailexpert.sessionlog import imap_command

_GREETING = "S: * OK [CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE COMPRESS=DEFLATE AUTH=PLAIN AUTH=LOGIN] Dovecot ready."


@pytest.mark.parametrize(("text", "line", "command"), [
    # MailKit's ProtocolLogger ("C: " / "S: ")
    (f"{_GREETING}\nC: A00000000 COMPRESS DEFLATE\nS: A00000000 BAD Error in IMAP command received by server.",
     "S: A00000000 BAD Error in IMAP command received by server.", "COMPRESS"),
    # Mail::IMAPClient's Debug ("Sending:" / "Read:"), a numeric tag
    ("Sending: 2 LOGIN alice@example.org secret words\nSent 56 bytes\nRead:   2 BAD Unexpected extra arguments to LOGIN",
     "Read:   2 BAD Unexpected extra arguments to LOGIN", "LOGIN"),
    # imaplib's debug output: the tag is the client's own ("ABCD1")
    ("  10:00.00 > b'ABCD1 ENABLE UTF8=ACCEPT'\n  10:00.00 < b'ABCD1 BAD Error in IMAP command ENABLE: Invalid arguments.'",
     "  10:00.00 < b'ABCD1 BAD Error in IMAP command ENABLE: Invalid arguments.'", "ENABLE"),
    # no line sent under the tag: no command
    ("S: A7 NO [AUTHENTICATIONFAILED] Authentication failed.", "S: A7 NO [AUTHENTICATIONFAILED] Authentication failed.",
     None),
    # an untagged answer has no tag to pair
    ("C: A1 LOGIN alice secret\nS: * BAD Too many invalid commands", "S: * BAD Too many invalid commands", None),
])
def test_the_command_a_tagged_failure_answers(text: str, line: str, command: str | None) -> None:
    assert imap_command(text, line) == command


def _reply(text: str) -> dict:
    report = explain(text)
    return next(f.as_dict() for f in report.facts if f.kind == "server.reply")


def test_a_bad_to_compress_sent_before_the_login_is_the_programs_defect() -> None:
    text = f"Connected to imaps://mail.example.org:993/\n{_GREETING}\nC: A00000000 COMPRESS DEFLATE\n" \
           "S: A00000000 BAD Error in IMAP command received by server."
    report = explain(text)
    assert report.diagnoses[0].cause == "client-outdated"
    assert _reply(text)["command"] == "COMPRESS"


def test_a_refusal_of_the_logged_login_is_the_logins() -> None:
    text = "C: A1 CAPABILITY\nS: A1 OK done\nC: A2 LOGIN alice secret\nS: A2 NO Authentication failed."
    reply = _reply(text)
    assert (reply["stage"], reply["command"]) == ("auth", "LOGIN")
    assert explain(text).diagnoses[0].cause == "password-rejected"
