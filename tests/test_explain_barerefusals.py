"""A server's refusal of a recipient quoted without its reply code or reason: the words a user or a mail
program keeps of it ("Recipient address rejected", "recipient rejected") must read as a
permanent refusal at RCPT TO whose reason the text does not give -- a failure with the candidates such a
refusal allows, as the client's own "The recipient was rejected by the server" reads -- never declined.
Sources of the wordings: vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c ('<%s>: %s rejected: %s', class
'Recipient address'), davidel/xmail:SMTPSvr.cpp ('550 Recipient rejected'),
RFC 5321
section 4.2.3 (550 and 553 at RCPT). The neighbours keep their readings: a reason or a code, where the text
keeps one, decides."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

#: The candidates of a RCPT refusal without a reason (Outlook's 0x800CCC79 words read so today).
UNSAID = {"smtp-auth-not-enabled"}

BARE = [
    "Recipient address rejected",
    "recipient address rejected",
    "Recipient rejected",
    "Sending failed: Recipient address rejected",
    # the client's own words, which already read so (the reading the bare refusals join)
    "The recipient was rejected by the server",
]


def _roots(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


@pytest.mark.parametrize("text", BARE)
def test_a_bare_recipient_refusal_is_a_failure_at_rcpt(text: str) -> None:
    report = explain(text)
    assert report.diagnoses, "declined or called fine"
    assert all(d.severity == "error" for d in report.diagnoses if d.is_root)
    assert set(_roots(text)) == UNSAID, _roots(text)


# Neighbours: the reason or the code in the text decides, as before.
NEIGHBOURS = [
    ("550 5.7.1 <x@example.com>: Recipient address rejected", {"server-reply-permanent"}),
    # with its reply code the reply itself is read (the code's class), as before
    ("550 Recipient rejected", {"server-reply-permanent"}),
    # "invalid recipient" says why (the address), so it is no bare refusal: Thunderbird's frame around
    # Proton's reply keeps its reading (test_explain_provider_catalogues2)
    ("An error occurred while sending mail. The mail server responded: Error: transaction failed: "
     "invalid recipient. Please check the message and try again.", {"server-reply-permanent"}),
    ("Recipient address rejected: User unknown in virtual mailbox table", {"server-reply-permanent"}),
    ("Recipient address rejected: Access denied", {"server-reply-permanent"}),
    ("554 5.7.1 <bob@example.org>: Relay access denied", {"smtp-auth-not-enabled"}),
    ("553 5.7.1 <a@example.org>: Sender address rejected: not owned by user b@example.org",
     {"sender-address-not-allowed"}),
    # a program's own check of the addresses (nothing sent), client-messages.yaml's row
    ("Cannot send message: one or more invalid recipients", {"client-config-corrupt"}),
]


@pytest.mark.parametrize(("text", "causes"), NEIGHBOURS)
def test_the_neighbours_keep_their_readings(text: str, causes: set[str]) -> None:
    assert set(_roots(text)) == causes, _roots(text)


def test_a_generic_failure_stays_a_failure_without_a_recipient_cause() -> None:
    report = explain("Sending failed")
    assert report.diagnoses
    assert "smtp-auth-not-enabled" not in _roots("Sending failed")
