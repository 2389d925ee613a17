"""What mail apps say when a stored sign-in stops working, read as their sources explain it
(tests/corpus/collected-batch46.yaml): JavaMail's "OAUTH2 asked for more" (the server answered
the XOAUTH2 token with a continuation, i.e. turned it down), Super Mail's account statuses, and
iOS Mail's certificate alert in Japanese."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


@pytest.mark.parametrize(("text", "cause"), [
    # Angus Mail / JavaMail, SMTP and IMAP alike: the server's continuation to the XOAUTH2 initial response.
    ("javax.mail.AuthenticationFailedException: OAUTH2 asked for more", "oauth-token-rejected"),
    ("jakarta.mail.AuthenticationFailedException: 334 eyJzdGF0dXMiOiI0MDAifQ== OAUTH2 asked for more",
     "oauth-token-rejected"),
    # Super Mail's banners (super-mail.app troubleshooting): a Gmail OAuth grant gone stale, an app password rotated.
    ("Reauthenticate required", "oauth-token-rejected"),
    ("Sync paused: credentials expired", "password-rejected"),
])
def test_an_apps_stale_sign_in_reads_as_its_source_explains_it(text: str, cause: str) -> None:
    assert top(text) == cause


def test_ios_mails_japanese_certificate_alert_is_a_refused_certificate() -> None:
    # 'Cannot Verify Server Identity' in Japanese: the certificate was not accepted, its reason unsaid.
    report = explain("サーバの識別情報を検証できません")
    assert report.top is not None
    assert report.top.cause in {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired",
                                "tls-interception", "clock-skew"}
