"""What batch 81 found unread: an IMAP server's BAD to STARTTLS quoted after a program's own words for that step
(imapsync's "Can not go to tls encryption on", MailKit's ImapCommandException naming the command, cpython imaplib's
"STARTTLS command error:"; RFC 3501 section 6.2.1: STARTTLS is answered OK or BAD), and Android's GaiException, the
exception getaddrinfo's failure throws, shown cut off after its class name. The texts are made up; the forms are the programs' own (data/error-texts.yaml
stages and the resolver tables; rules/tls/starttls-not-offered.yaml starttls-not-offered-imap-starttls-bad)."""

from __future__ import annotations

import pytest
from helpers import top_cause as top

from mailexpert.explain import explain

# --- an IMAP server's BAD to STARTTLS ------------------------------------------------------------------------------

_IMAPSYNC = """Host1: connecting and login on host1 [imap.example.org] port [143] with user [alice]
Host1 banner: * OK Example IMAP server ready
Host1 failure: Can not go to tls encryption on host1 [imap.example.org]:1 BAD Unknown command"""

_IMAPLIB = "imaplib.IMAP4.error: STARTTLS command error: BAD [b'Command unrecognized']"

_MAILKIT = ("MailKit.Net.Imap.ImapCommandException: The IMAP server replied to the 'STARTTLS' command with a 'BAD' "
            "response: Unknown command")


@pytest.mark.parametrize("text", [_IMAPSYNC, _IMAPLIB, _MAILKIT])
def test_imap_bad_to_starttls_is_starttls_not_offered(text: str) -> None:
    assert top(text) == "starttls-not-offered"


def test_imap_bad_to_another_command_is_no_starttls_refusal() -> None:
    # imaplib's same form for SELECT: the BAD answers the mailbox step, not STARTTLS.
    assert top("imaplib.IMAP4.error: SELECT command error: BAD [b'Command unrecognized']") != "starttls-not-offered"


def test_imapsync_tls_failure_without_a_bad_is_no_starttls_refusal() -> None:
    # imapsync's same words when the TLS handshake itself fails: STARTTLS was offered and accepted.
    text = ("Host1 failure: Can not go to tls encryption on host1 [imap.example.org]:Unable to start TLS: "
            "SSL connect attempt failed error:0A000086:SSL routines::certificate verify failed")
    assert top(text) != "starttls-not-offered"


# --- Android's GaiException ----------------------------------------------------------------------------------------

_DNS_CAUSES = {"dns-server-misconfigured", "dns-outage", "dns-blocked", "server-host-unknown", "no-internet"}


@pytest.mark.parametrize("text", ["GaiException: android_getaddr", "Sync error: android.system.GaiException"])
def test_gaiexception_cut_off_is_a_failed_name_lookup(text: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause in _DNS_CAUSES
