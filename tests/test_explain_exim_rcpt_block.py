"""Exim answers DATA after refusing every recipient with one block (src/smtp_in.c, DATA_BDAT: when all RCPT
commands got the same answer, "503-All RCPT commands were rejected with this error:", then that answer's words
as smtp_respond kept them -- without their code -- and "503 Valid RCPT command must precede DATA"). The refusal
inside the block is the cause, not the 503: the block reads as its words read alone."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def block(words: str) -> str:
    return ("503-All RCPT commands were rejected with this error:\n"
            f"503-{words}\n503 Valid RCPT command must precede DATA")


def top(text: str) -> str | None:
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    return roots[0] if roots else None


@pytest.mark.parametrize(("words", "cause"), [
    ("Please turn on SMTP Authentication in your mail client.", "smtp-auth-not-enabled"),
    ("relay not permitted", "smtp-auth-not-enabled"),
    ("Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", "client-ip-blocklisted"),
    ("<alice@example.org>: Sender address rejected: not owned by user bob@example.org", "sender-address-not-allowed"),
    ("Too many concurrent SMTP connections; please try again later.", "too-many-connections"),
])
def test_the_refusal_inside_the_block_is_read(words: str, cause: str) -> None:
    assert top(block(words)) == cause
    assert top(f"550 {words}") == cause


def test_a_refusal_of_the_recipients_own_kind_is_no_missing_login() -> None:
    # The recipient itself is unknown: no login would change it, so the bare 503's missing-login reading
    # (rules/authentication/smtp-auth-not-enabled.yaml) does not apply.
    assert top(block("Unrouteable address")) != "smtp-auth-not-enabled"
    assert top("503 Valid RCPT command must precede DATA") == "smtp-auth-not-enabled"
