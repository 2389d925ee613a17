"""An SMTP refusal that says "authentication failed" under an enhanced code of the address class (RFC 3463
section 3.2, X.1.X: the status of a MAIL FROM or RCPT TO address) refuses an address for want of a login the
session holds: a refused login has a code of the security class and comes to AUTH (RFC 4954 section 6:
535 5.7.8). Cloudmark's gateway at Czech providers words it "550 5.1.0 <id> authentication failed" to a client
that sends without SMTP authentication (flyweb.cz's SMTP set-up page)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str:
    report = explain(text)
    assert report.top is not None
    return report.top.cause


@pytest.mark.parametrize("text", [
    "550 5.1.0 Qz81LmNo0pRs2TuV authentication failed",
    "Sending of the message failed. The mail server responded: 5.1.0 Qz81LmNo0pRs2TuV authentication failed. "
    "Please verify that your email address is correct in your account settings and try again.",
    "smtplib.SMTPSenderRefused: (550, b'5.1.0 Qz81LmNo0pRs2TuV authentication failed', 'jan@example.cz')",
])
def test_an_address_refused_with_authentication_failed_asks_for_a_login(text: str) -> None:
    assert top(text) == "smtp-auth-not-enabled"


@pytest.mark.parametrize(("text", "cause"), [
    # The login's own refusal, under its security-class code: the password.
    ("535 5.7.8 Error: authentication failed: authentication failure", "password-rejected"),
    # An address code whose words say more than a missing login.
    ("550 5.1.0 Qz81LmNo0pRs2TuV authentication rejected access disabled", "protocol-disabled-for-account"),
])
def test_other_authentication_refusals_keep_their_reading(text: str, cause: str) -> None:
    assert top(text) == cause
