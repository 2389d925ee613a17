"""General readings behind the misses of blind batch 60 (mail clients' texts), each from the program that
prints the words:

- K-9 Mail / Thunderbird for Android rethrows every SSLException of its connection as a
  CertificateValidationException with the same message (thunderbird/thunderbird-android:
  k9mail-library/src/main/java/com/fsck/k9/mail/transport/smtp/SmtpTransport.java, open: catch (SSLException e)
  -> new CertificateValidationException(e.getMessage(), e); the IMAP and POP3 open() do the same). Its
  "Handshake failed" is Conscrypt's SSLHandshakeException message for any protocol error of the handshake
  (google/conscrypt:common/src/main/java/org/conscrypt/ConscryptFileDescriptorSocket.java, startHandshake):
  a handshake failure, no verdict on a certificate. Where the text (or the setting) names a port that starts
  in plaintext, implicit TLS spoken to it is the first reading (RFC 8314 section 3).
- Mailspring's account test log prints MailCore's lastLibetpanError after a failed SMTP check
  (Foundry376/Mailspring-Sync:MailSync/main.cpp, runTestAuth: "mailsmtp Last Error Code: "), libetpan's
  MAILSMTP_ERROR_* numbering (dinhvh/libetpan: include/libetpan/mailsmtp_types.h; src/low-level/smtp/mailsmtp.c:
  auth_map_errors, mailesmtp_auth_sasl). 17 (AUTH_LOGIN) is a 535 or the client's own SASL library failing
  to run the mechanism; with the server's last reply a 250 no refusal came.
"""

from __future__ import annotations

import pytest

from mailexpert.account import ServerSetting
from mailexpert.explain import explain

HANDSHAKE = {"tls-no-shared-cipher", "tls-on-plaintext-port", "tls-version-server-outdated"}
CERTIFICATE = {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}

K9_LOGCAT = (
    "06-11 13:03:26.598 15101 15117 E MessagingController: Failed to send message\n"
    "06-11 13:03:26.598 15101 15117 E MessagingController: com.fsck.k9.mail.CertificateValidationException: "
    "Handshake failed\n"
    "06-11 13:03:26.598 15101 15117 E MessagingController: \tat "
    "com.fsck.k9.mail.transport.smtp.SmtpTransport.open(SmtpTransport.java:320)")

MAILSPRING_EHLO = (
    "----------SMTP----------\n"
    "220 mail.example.com ESMTP Exim 4.89\n"
    "EHLO laptop\n"
    "250-mail.example.com Hello client.example.com [192.0.2.67]\n"
    "250-SIZE 52428800\n"
    "250-PIPELINING\n"
    "250-STARTTLS\n"
    "250 HELP\n"
    "STARTTLS\n"
    "220 TLS go ahead\n"
    "EHLO laptop\n"
    "250-mail.example.com Hello client.example.com [192.0.2.67]\n"
    "250-AUTH PLAIN LOGIN GSSAPI\n"
    "250 HELP\n")


def _top(text: str, setting: ServerSetting | None = None) -> str | None:
    report = explain(text, setting=setting)
    return report.top.cause if report.top is not None else None


# (text, the causes the top diagnosis may be, the server setting given beside it)
CASES = [
    # K-9's wrap of a bare handshake failure: the handshake, not the certificate
    ("com.fsck.k9.mail.CertificateValidationException: Handshake failed", HANDSHAKE, None),
    (K9_LOGCAT, HANDSHAKE, None),
    # the same with the account's SMTP setting SSL/TLS on the submission port 587 (or IMAP on 143)
    ("com.fsck.k9.mail.CertificateValidationException: Handshake failed", {"tls-on-plaintext-port"},
     "smtp smtp.example.com:587/ssl"),
    ("javax.net.ssl.SSLHandshakeException: Handshake failed", {"tls-on-plaintext-port"},
     "smtp smtp.example.com:587/ssl"),
    ("com.fsck.k9.mail.CertificateValidationException: Handshake failed", {"tls-on-plaintext-port"},
     "imap imap.example.com:143/ssl"),
    # a text that names the port itself
    ("smtp.example.com:587: javax.net.ssl.SSLHandshakeException: Handshake failed", {"tls-on-plaintext-port"}, None),
    # neighbours: the implicit-TLS port, a server's alert, a bare Conscrypt failure keep their readings
    ("javax.net.ssl.SSLHandshakeException: Handshake failed", {"tls-no-shared-cipher"}, None),
    ("com.fsck.k9.mail.CertificateValidationException: Handshake failed", {"tls-no-shared-cipher"},
     "smtp smtp.example.com:465/ssl"),
    ("smtp.example.com:587 [SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure",
     {"tls-no-shared-cipher", "tls-version-server-outdated"}, None),
    # neighbours: K-9's wrap of a certificate verdict stays that verdict
    ("com.fsck.k9.mail.CertificateValidationException: java.security.cert.CertPathValidatorException: "
     "Trust anchor for certification path not found.", {"cert-untrusted-issuer"}, None),
    ("com.fsck.k9.mail.CertificateValidationException: javax.net.ssl.SSLPeerUnverifiedException: "
     "Hostname smtp.example.com not verified", {"cert-hostname-mismatch"}, None),
    # Mailspring: libetpan's 17 after the EHLO that offered AUTH (no refusal came): the mechanism, not the password
    (MAILSPRING_EHLO + "\nSMTP Last Response Code: 250\n\nSMTP Last Response: mail.example.com Hello\n"
     "AUTH PLAIN LOGIN GSSAPI\nHELP\n\nmailsmtp Last Error Code: 17\n\nmailsmtp Last Error Location: 10",
     {"auth-mechanism-unsupported", "client-outdated"}, None),
    # neighbour: the server's 535 before the same 17 is the refused login
    (MAILSPRING_EHLO + "AUTH PLAIN AGFsaWNlAHNlY3JldA==\n535 Incorrect authentication data\n\n"
     "SMTP Last Response Code: 535\n\nSMTP Last Response: Incorrect authentication data\n\n"
     "mailsmtp Last Error Code: 17\n\nmailsmtp Last Error Location: 10", {"password-rejected"}, None),
    # libetpan's other numbers that name a reason
    ("mailsmtp Last Error Code: 16", {"auth-mechanism-unsupported"}, None),
    ("mailsmtp Last Error Code: 24", {"starttls-not-offered", "starttls-stripped"}, None),
    ("mailsmtp Last Error Code: 26", {"password-rejected"}, None),
]


@pytest.mark.parametrize(("text", "causes", "setting"), CASES)
def test_the_reading_names_the_cause(text: str, causes: set[str], setting: str | None) -> None:
    given = ServerSetting.parse(*setting.split()) if setting else None
    assert _top(text, given) in causes, text


def test_k9_s_wrapped_handshake_failure_is_no_certificate_verdict() -> None:
    roots = {d.cause for d in explain(K9_LOGCAT).diagnoses}
    assert not roots & CERTIFICATE, roots


def test_libetpan_s_failed_connect_stays_a_failure_without_a_specific_cause() -> None:
    # 25, MAILSMTP_ERROR_CONNECTION_REFUSED: the TCP connect failed, however it failed.
    report = explain("mailsmtp Last Error Code: 25")
    assert report.top is not None
    assert report.top.confidence != "confirmed"
    assert report.top.cause in {"port-blocked-outbound", "port-closed", "server-down", "no-internet"}


def test_a_bare_handshake_failure_lists_implicit_tls_on_a_plaintext_port_among_its_readings() -> None:
    causes = [d.cause for d in explain(K9_LOGCAT).diagnoses]
    assert causes[0] == "tls-no-shared-cipher" and "tls-on-plaintext-port" in causes, causes
    # a server's alert says it spoke TLS: no such reading beside it
    alert = [d.cause for d in explain("[SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure").diagnoses]
    assert "tls-on-plaintext-port" not in alert, alert
