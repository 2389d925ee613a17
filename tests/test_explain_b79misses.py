"""Batch 79's working misses (devices and appliances that send mail), read by general knowledge.

1. msmtp's own check of an account before it connects (marlam/msmtp:src/conf.c check_account), the rest of its
   catalogue beside the three conflicts already known: TLS turned on with no way to check the server's certificate
   ('tls requires either tls_trust_file (highly recommended) or tls_fingerprint or a disabled tls_certcheck', and its
   older form without the fingerprint), a key or CRL file without the file it needs, and sendmail mode without a
   sender ('envelope-from address is missing'). Routers and NAS boxes write msmtprc files for their owners (OpenWrt's
   and Gargoyle's e-mail pages), so their owners meet these: the account's settings, not a server, stop the mail
   (client-config-corrupt). Texts here are written in msmtp's form ('account <id> from <file>: <message>').
2. A sending client that quotes a mailbox server's greeting is tested in tests/test_explain_quoted_greeting.py.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

CONFLICT_RULE = "client-config-corrupt-settings-conflict"


@pytest.mark.parametrize("text", [
    "sendmail: account default from /etc/msmtprc: tls requires either tls_trust_file (highly recommended) or "
    "tls_fingerprint or a disabled tls_certcheck",
    "msmtp: account nas from /usr/local/etc/msmtprc: tls requires either tls_trust_file (highly recommended) or a "
    "disabled tls_certcheck",
    "msmtp: account default from /root/.msmtprc: tls_key_file requires tls_cert_file",
    "msmtp: account default from /root/.msmtprc: tls_cert_file requires tls_key_file",
    "msmtp: account backup from /etc/msmtprc: tls_crl_file requires tls_trust_file",
])
def test_an_msmtp_account_whose_tls_settings_lack_a_file_is_a_settings_conflict(text: str) -> None:
    top = explain(text).top
    assert top is not None, "declined or called fine"
    assert (top.cause, top.rule) == ("client-config-corrupt", CONFLICT_RULE), top


def test_msmtp_in_sendmail_mode_without_a_sender_is_the_configuration() -> None:
    top = explain("sendmail: account default from /etc/msmtprc: envelope-from address is missing").top
    assert top is not None and top.cause == "client-config-corrupt", top


def test_a_certificate_msmtp_could_not_verify_is_no_settings_conflict() -> None:
    # The server's certificate checked against a trust file and refused: a certificate, not the account's settings.
    top = explain("msmtp: TLS certificate verification failed: the certificate hasn't got a known issuer").top
    assert top is not None and top.cause != "client-config-corrupt", top


# 3. wneessen/go-mail's Msg.GetSender and GetRecipients (msg.go ErrNoFromAddress, ErrNoRcptAddresses) as its send
#    wraps them (senderror.go ErrGetSender, ErrGetRcpts): a message with no sender or no recipient set, stopped
#    before MAIL FROM (client-config-corrupt), not a connection that failed.
@pytest.mark.parametrize("text", [
    'level=warning msg="notification failed" error="send failed: getting sender address: no FROM address set"',
    "send failed: getting recipient addresses: no recipient addresses set",
])
def test_go_mail_without_a_sender_or_recipient_is_the_configuration(text: str) -> None:
    report = explain(text)
    top = report.top
    assert top is not None and top.cause == "client-config-corrupt", top
    assert "port-blocked-outbound" not in [d.cause for d in report.diagnoses if d.is_root]
