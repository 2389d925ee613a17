"""Certificate failures, stack by stack: the words that tell a self-signed certificate, an unknown
issuer and a name mismatch apart (mailexpert/data/error-texts.yaml's tls rows), and the readings
of a server's log of a client that refused its certificate (rules/tls/cert-*.yaml, data/priors.yaml)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def _ranked(text: str) -> list[tuple[str, str]]:
    return [(d.cause, d.confidence) for d in explain(text).diagnoses]


# Each stack's own words for each verdict, as the stacks print them: the cause comes first, and for
# a verdict the words state (not an unknown issuer, which a self-signed certificate gets too) it is
# the only certificate cause.
@pytest.mark.parametrize(("text", "cause"), [
    # OpenSSL (Python, PHP, curl): verify codes 18/19 vs 20/21 vs 62
    ("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed "
     "certificate (_ssl.c:1006)", "cert-self-signed"),
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1129)",
     "cert-untrusted-issuer"),
    ("error:0A000086:SSL routines::certificate verify failed (verify error 62: hostname mismatch)",
     "cert-hostname-mismatch"),
    # NSS (Thunderbird)
    ("SEC_ERROR_UNKNOWN_ISSUER", "cert-untrusted-issuer"),
    ("MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT", "cert-self-signed"),
    ("SSL_ERROR_BAD_CERT_DOMAIN", "cert-hostname-mismatch"),
    # a CA certificate served as the server's own: what `openssl req -x509` makes by default
    ("Error code: MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY", "cert-self-signed"),
    # GnuTLS
    ("gnutls_handshake: The certificate is NOT trusted. The certificate issuer is unknown.", "cert-untrusted-issuer"),
    ("The certificate is NOT trusted. The name in the certificate does not match the expected.",
     "cert-hostname-mismatch"),
    # Go crypto/x509
    ("x509: certificate signed by unknown authority", "cert-untrusted-issuer"),
    ("x509: certificate is valid for mx.example.net, not mail.example.com", "cert-hostname-mismatch"),
    # Node.js
    ("Error: self-signed certificate\n  code: 'DEPTH_ZERO_SELF_SIGNED_CERT'", "cert-self-signed"),
    ("Error: unable to verify the first certificate\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'", "cert-untrusted-issuer"),
    ("code: 'ERR_TLS_CERT_ALTNAME_INVALID'", "cert-hostname-mismatch"),
    # .NET
    ("The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch",
     "cert-hostname-mismatch"),
    ("The remote certificate is invalid because of errors in the certificate chain: PartialChain",
     "cert-untrusted-issuer"),
    # rustls
    ("invalid peer certificate: UnknownIssuer", "cert-untrusted-issuer"),
    ("invalid peer certificate: NotValidForName", "cert-hostname-mismatch"),
    # Java
    ("javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
     "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to "
     "requested target", "cert-untrusted-issuer"),
    ("java.security.cert.CertificateException: No subject alternative DNS name matching mail.example.com found.",
     "cert-hostname-mismatch"),
    # Schannel
    ("CERT_E_CN_NO_MATCH", "cert-hostname-mismatch"),
])
def test_each_stacks_words_for_each_verdict(text: str, cause: str) -> None:
    ranked = _ranked(text)
    assert ranked and ranked[0][0] == cause, ranked
    if cause != "cert-untrusted-issuer":
        assert [c for c, _ in ranked if c.startswith("cert-")] == [cause], ranked


# Postfix's SMTP client says why it did not trust a server's certificate (vdukhovni/postfix:
# postfix/src/tls/tls_verify.c, src/smtp/smtp_proto.c).
def test_postfixs_untrusted_issuer_line_is_an_unknown_issuer_and_no_self_signed_certificate() -> None:
    text = ("postfix/smtp[123]: certificate verification failed for mx.example.com[192.0.2.1]:25: untrusted issuer "
            "/C=US/O=Example/CN=Example CA\npostfix/smtp[123]: 1A2B3C: to=<a@example.com>, relay=mx.example.com[192.0.2.1]:25, "
            "status=deferred (Server certificate not verified)")
    ranked = _ranked(text)
    assert ranked[0] == ("cert-untrusted-issuer", "confirmed")
    assert "cert-self-signed" not in [c for c, _ in ranked]


def test_postfixs_self_signed_line_stays_self_signed() -> None:
    ranked = _ranked("postfix/smtp[123]: certificate verification failed for mx.example.com[192.0.2.1]:25: "
                     "self-signed certificate")
    assert ranked[0] == ("cert-self-signed", "confirmed")


def test_postfix_before_3_6_deferred_an_untrusted_chain_as_not_trusted() -> None:
    ranked = _ranked("Diagnostic-Code: X-Postfix; Server certificate not trusted")
    assert ranked[0] == ("cert-untrusted-issuer", "confirmed")


# A server's log of a client's unknown_ca alert: OpenSSL sends it for a self-signed certificate and for
# an unknown issuer alike; the self-signed reading comes first (data/priors.yaml cert-refused-server-log).
@pytest.mark.parametrize("text", [
    "postfix/submission/smtpd[21308]: warning: TLS library problem: error:14094418:SSL routines:ssl3_read_bytes:"
    "tlsv1 alert unknown ca:s3_pkt.c:1256:SSL alert number 48:",
    "dovecot: imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=192.0.2.1, lip=192.0.2.2, TLS "
    "handshaking: SSL_accept() failed: error:0A000418:SSL routines::tlsv1 alert unknown ca: SSL alert number 48",
    "TLS error on connection from (client) [192.0.2.1] (gnutls_handshake): rxd alert: CA is unknown",
])
def test_a_server_log_of_unknown_ca_reads_self_signed_then_unknown_issuer(text: str) -> None:
    causes = [c for c, _ in _ranked(text)]
    assert causes[:2] == ["cert-self-signed", "cert-untrusted-issuer"], causes


def test_a_server_log_of_certificate_unknown_is_no_self_signed_reading() -> None:
    # certificate_unknown is the catch-all of Java and Windows clients: no self-signed reading of its own
    text = ("dovecot: imap-login: Disconnected: Connection closed: SSL_accept() failed: error:0A000416:SSL "
            "routines::sslv3 alert certificate unknown: SSL alert number 46, user=<>, rip=192.0.2.1, lip=192.0.2.2")
    causes = [c for c, _ in _ranked(text)]
    assert causes[0] == "cert-untrusted-issuer"
    assert "cert-self-signed" not in causes


def test_the_clients_own_unknown_ca_is_no_server_log() -> None:
    # there the server refused the client's certificate: no reading of the server's certificate
    causes = [c for c, _ in _ranked("ssl.SSLError: [SSL: TLSV1_ALERT_UNKNOWN_CA] tlsv1 alert unknown ca (_ssl.c:1129)")]
    assert "cert-self-signed" not in causes


# A server reached by an IP address that is not this machine's, with words that say only that the
# certificate was not accepted: the name check fails whatever the issuer (rules/tls/cert-hostname-mismatch.yaml).
@pytest.mark.parametrize("text", [
    "Unable to connect to 203.0.113.5:993: The remote certificate is invalid according to the validation procedure.",
    "Connection to IMAP at 192.168.1.20:993 failed. Unacceptable TLS certificate",
])
def test_an_unspecified_refusal_on_an_ip_address_reads_a_name_mismatch_first(text: str) -> None:
    assert _ranked(text)[0] == ("cert-hostname-mismatch", "likely")


@pytest.mark.parametrize("text", [
    "Connection to IMAP at mail.example.com:993 failed. Unacceptable TLS certificate",
    "Connection to IMAP at 127.0.0.1:1143 failed. Unacceptable TLS certificate",
])
def test_a_host_name_or_this_machine_is_no_ip_address_reading(text: str) -> None:
    assert _ranked(text)[0][0] != "cert-hostname-mismatch"
