"""Server and provider refusals that batch 78 found read as bare refusals: an IP address "blocked by" a named list
(Vade Secure's Threat Network List, code _101), a sending rate worded "sent too many messages in a short amount of
time" (DNN's SMTP relay) and an attachment refused because it can carry executable code (Ghent University's outgoing
server, Gmail's blocked file types). Each is read as the cause its vendor documents, and the words that only look
alike stay with their own causes."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


CASES = [
    # Vade Secure's code _101: the sending address is on the Vade Threat Network List
    # (postmaster-earthlink.vadesecure.com/outbound_error_codes).
    ("550 5.7.1 IP 198.51.100.23 blocked by Vade Threat List (OXSUS002_101)", "client-ip-blocklisted"),
    ("550 5.7.1 Connection refused: your sending address is listed on the Vade Threat Network List",
     "client-ip-blocklisted"),
    # An IP address "blocked by" a list of any name is the connecting address listed (RFC 5782).
    ("554 5.7.1 Your IP 203.0.113.9 was blocked by our local reputation list", "client-ip-blocklisted"),
    # DNN's SMTP relay: a rate worded as a short window (teamdotnetnuke.kayako.com article 220).
    ("451 This account has sent too many emails in a short period of time, please slow down", "sending-limit-exceeded"),
    ("450 4.7.1 You have sent too many messages in a short time", "sending-limit-exceeded"),
    # An attachment refused because it can carry executable code (helpdesk.ugent.be/email/faq.php;
    # support.google.com/mail/answer/6590).
    ("550 5.6.0 A suspicious file was found in the attached archive", "content-filtered"),
    ("554 5.7.1 Message refused: executable attachments are not accepted", "content-filtered"),
]


@pytest.mark.parametrize(("text", "cause"), CASES)
def test_read_as_the_vendor_documents(text: str, cause: str) -> None:
    assert top(text) == cause


SILENT = [
    # A domain list refuses the sender's domain, not the client's address.
    ("550 5.7.1 Sender domain example.com blocked by our domain block list", "client-ip-blocklisted"),
    # Receiving too many messages is the recipient's rate, not the account's sending limit.
    ("450 4.2.1 The user you are trying to contact is receiving too many messages in a short amount of time",
     "sending-limit-exceeded"),
    # A login refused as suspicious is the account's, not a suspicious file in the message.
    ("535 5.7.8 Suspicious login attempt blocked, sign in through the web first", "content-filtered"),
]


@pytest.mark.parametrize(("text", "cause"), SILENT)
def test_look_alikes_keep_their_own_causes(text: str, cause: str) -> None:
    assert top(text) != cause
