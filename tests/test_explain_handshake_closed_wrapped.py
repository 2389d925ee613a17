"""Java's handshake exception whose own message says the peer closed the connection is an end of stream during the
handshake (conscrypt's "Connection closed by peer", JSSE's "Remote host terminated the handshake"), whatever a
program prints around it: K-9 Mail (Thunderbird for Android) wraps every SSLException in a
CertificateValidationException and titles it "Certificate error for <account>", so that title beside a closed
handshake is no certificate verdict (data/concepts.yaml: the handshake-exception and disconnected reading). Texts of
our own making, in words no table holds, so that the concept reading is what decides."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

CERTIFICATE_CAUSES = {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}
CLOSED_HANDSHAKE_CAUSES = {"tls-interception", "tls-no-shared-cipher", "tls-version-server-outdated",
                           "tls-on-plaintext-port"}


@pytest.mark.parametrize("text", [
    "Certificate error for Work mail\nSSLHandshakeException: the server dropped the connection",
    "Certificate error for Office\ncom.fsck.k9.mail.CertificateValidationException: SSLHandshakeException: "
    "connection reset during handshake",
    "Certificate error for Home: javax.net.ssl.SSLHandshakeException: Connection closed by the server",
])
def test_a_closed_handshake_under_a_certificate_title_reads_the_handshake(text: str) -> None:
    causes = [d.cause for d in explain(text).diagnoses]
    assert causes and causes[0] in CLOSED_HANDSHAKE_CAUSES, causes
    assert not CERTIFICATE_CAUSES & set(causes), causes


def test_a_certificate_verdict_in_the_handshake_exception_still_reads_the_certificate() -> None:
    text = ("Certificate error for Work mail\njavax.net.ssl.SSLHandshakeException: "
            "java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.")
    top = explain(text).top
    assert top is not None and top.cause in {"cert-untrusted-issuer", "cert-self-signed"}


def test_a_name_mismatch_beside_a_close_still_reads_the_name() -> None:
    text = "SSLHandshakeException: No subject alternative DNS name matching mail.example.org found; connection closed"
    top = explain(text).top
    assert top is not None and top.cause == "cert-hostname-mismatch"
