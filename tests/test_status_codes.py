"""What a status code means (mailexpert/data/status-codes.yaml): the IANA registry first, then
what a vendor documents for the codes the registry lacks (Microsoft 365's 5.7.708)."""

from __future__ import annotations

import re

import pytest

from mailexpert.explain import explain, explain_facts
from mailexpert.facts import default_catalog
from mailexpert.replies import status_codes, status_meaning, status_reading, vendor_detail

VENDOR = status_codes()["vendor_details"]


def test_every_vendor_code_is_sourced_and_not_in_the_registry() -> None:
    for key, row in VENDOR.items():
        assert re.fullmatch(r"[45]\.\d{1,3}\.\d{1,3}(-\d{1,3})?", key), key
        assert row["vendor"] and row["meaning"] and row["source"].startswith("https://"), key
        _, subject, detail = key.split(".")
        first, _, last = detail.partition("-")
        assert not last or int(first) < int(last), key
        # The registry's meaning is stated once and wins: a vendor row never repeats a registered code.
        assert all(f"{subject}.{d}" not in status_codes()["details"] for d in (first, last) if d), key


@pytest.mark.parametrize(("code", "words"), [
    ("5.7.708", "not accepted"),                # exactly
    ("5.7.705", "spam or bulk"),                # in the documented range 5.7.700-749
    ("4.7.520", "throttled"),                   # 4.7.500-699, a temporary refusal
    ("5.7.620", "banned"),                      # 5.7.606-649, the permanent one
    ("5.7.139", "authentication policy"),       # SMTP client submission's refused sign-in
    ("4.7.66", "TLS 1.2"),                      # legacy TLS refused at submission
])
def test_a_vendor_code_gets_its_documented_meaning(code: str, words: str) -> None:
    meaning = status_meaning({"status": "permanent" if code[0] == "5" else "transient", "enhanced": code})
    assert words in meaning and "Microsoft 365" in meaning


@pytest.mark.parametrize("code", ["5.1.8", "5.2.2", "5.7.650", "5.7.999", "4.7.700"])
def test_a_registered_or_undocumented_code_keeps_the_registry_s_meaning(code: str) -> None:
    assert vendor_detail(code) is None
    assert "Microsoft" not in status_meaning({"status": "permanent", "enhanced": code})


def test_a_pasted_microsoft_refusal_carries_the_meaning() -> None:
    facts = explain_facts("550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.")
    reply = next(f for f in facts if f.kind == "server.reply")
    assert "poor reputation" in reply.fields["meaning"]


@pytest.mark.parametrize(("code", "reading"), [
    ("5.7.606", "client-ip-refused"), ("5.7.649", "client-ip-refused"), ("5.7.708", "client-ip-refused"),
    ("5.7.57", "auth-required"),
    ("5.7.650", None),      # outside the documented range
    ("5.7.703", None),      # a vendor row without a reading
    ("5.7.705", "sending-limit"), ("5.1.90", "sending-limit"),     # Microsoft's outgoing block and recipient limit
    ("5.7.1", None),        # the registry's code
    ("5.7.25", "client-ip-reverse-dns"), ("4.7.25", "client-ip-reverse-dns"),     # RFC 7372's, by the registry
    ("5.7.23", "sender-domain-unauthorised"), ("5.7.26", "sender-domain-unauthorised"),
    ("5.7.509", "sender-domain-unauthorised"),  # Microsoft's DMARC reject
    ("5.7.501", "sender-banned"),       # Microsoft: the sending account banned for its spam
    ("5.7.502", "sender-banned"), ("5.7.503", "sender-banned"),     # Microsoft's "banned sender", documented as 5.7.501
    ("5.7.504", None),      # Microsoft's recipient address rejected: outside that row
    ("5.7.511", "client-ip-refused"),   # Microsoft: "The IP that you are attempting to send from has been banned"
    ("5.1.8", None),        # the registry's (bad sender's system address): Microsoft's words, not its code, say more
])
def test_a_registry_or_vendor_code_gives_the_reply_its_reading(code: str, reading: str | None) -> None:
    assert status_reading({"status": "permanent", "enhanced": code}) == reading


def test_every_reading_is_a_value_of_the_reply_fact() -> None:
    allowed = default_catalog().kinds["server.reply"].fields["reading"].values
    rows = [*VENDOR.values(), *status_codes()["details"].values()]
    readings = {row["reading"] for row in rows if "reading" in row}
    assert readings and readings <= set(allowed), readings - set(allowed)


def test_a_banned_address_is_read_by_its_code_whatever_its_words() -> None:
    # The words name no ban: the code alone says the client's address is refused.
    text = "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP."
    reply = next(f for f in explain_facts(text) if f.kind == "server.reply")
    assert reply.get("reading") == "client-ip-refused"
    found = [d.cause for d in explain(text).diagnoses]
    assert found[0] == "client-ip-blocklisted", found


@pytest.mark.parametrize("text", ["550 5.7.502 Access denied, banned sender", "550 5.7.503 Access denied, banned sender"])
def test_microsoft_s_banned_sender_codes_read_as_the_banned_account(text: str) -> None:
    # Microsoft documents 5.7.502 and 5.7.503 as 5.7.501: the sending account banned for its spam.
    found = [d.cause for d in explain(text).diagnoses]
    assert found[0] == "sending-limit-exceeded", found
