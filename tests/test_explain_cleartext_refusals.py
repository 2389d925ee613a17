"""A mail program that refuses on its own to send the password on a session without TLS: Go's net/smtp
PlainAuth ("unencrypted connection", golang/go:src/net/smtp/auth.go plainAuth.Start) and msmtp's choice of
a method with 'auth on' ("cannot use a secure authentication method", marlam/msmtp:src/smtp.c smtp_auth).
No password was sent and the server refused nothing: the setting without TLS is the cause
(cleartext-auth-exposed), unless the setting asks for STARTTLS, when the server offered none."""

from __future__ import annotations

import pytest
from helpers import causes_of

from mailexpert.explain import explain


@pytest.mark.parametrize("text", [
    "unencrypted connection",
    'level=error msg="Notify for alerts failed" err="*smtp.plainAuth failed: unencrypted connection"',
    "failed to send mail: smtp authentication failed: unencrypted connection",
    "msmtp: cannot use a secure authentication method\nmsmtp: could not send mail (account default from /etc/msmtprc)",
    # msmtp's German catalogue (po/de.po)
    "msmtp: sichere Authentifizierungsmethode kann nicht benutzt werden",
])
def test_a_refusal_to_send_the_password_in_clear_is_the_setting(text: str) -> None:
    top = explain(text).top
    assert top is not None
    assert (top.cause, top.rule) == ("cleartext-auth-exposed", "cleartext-auth-exposed-refused"), (top.cause, top.rule)


def test_with_tls_active_msmtp_says_another_thing() -> None:
    # "cannot find a usable authentication method" is the same case inside TLS: no mechanism in common.
    assert causes_of("msmtp: cannot find a usable authentication method")[:1] == ["auth-mechanism-unsupported"]


def test_set_to_starttls_the_server_offered_none() -> None:
    assert causes_of("unencrypted connection", "smtp mail.example.org:587/starttls")[:1] == ["starttls-not-offered"]


def test_set_to_no_encryption() -> None:
    assert causes_of("unencrypted connection", "smtp mail.example.org:25/plain")[:1] == ["cleartext-auth-exposed"]
