"""A mail server's log of a client that broke off the handshake: Postfix writes OpenSSL's error queue as
"TLS library problem: ..." (postfix/src/tls/tls_misc.c) from its SMTP server and its SMTP client alike, and an
alert that refuses a certificate came from the side the certificate went to -- the server's, since Postfix's
client sends one only when smtp_tls_cert_file is set. Such a line, with or without the postfix/smtpd tag a
log view may drop, is the server's log of a client that did not accept the server's certificate."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, recognise


@pytest.mark.parametrize("text", [
    # github.com/Mailu/Mailu/issues/181 (OpenSSL 1.0's wording, the log line without its tag)
    "warning: TLS library problem: error:14094418:SSL routines:SSL3_READ_BYTES:tlsv1 alert unknown ca:"
    "s3_pkt.c:1153:SSL alert number 48:",
    # OpenSSL 1.1's wording with the tag
    "postfix/smtpd[123]: warning: TLS library problem: error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert "
    "unknown ca:../ssl/record/rec_layer_s3.c:1399:SSL alert number 48:",
])
def test_postfix_logging_a_client_that_refused_its_certificate(text: str) -> None:
    handshake = next(f for f in recognise(text).facts if f.kind == "tls.handshake")
    assert handshake.get("seen_by") == "server"
    causes = [d.cause for d in explain(text).diagnoses]
    assert causes and causes[0] in ("cert-untrusted-issuer", "cert-self-signed")


def test_postfix_logging_its_own_failed_handshake_is_no_client_refusing_a_certificate() -> None:
    # The SMTP client's own handshake: a plain-text answer where TLS was expected, no certificate refused.
    text = ("postfix/smtp[1]: warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:"
            "ssl/record/ssl3_record.c:354:")
    handshake = next(f for f in recognise(text).facts if f.kind == "tls.handshake")
    assert handshake.get("seen_by") != "server"
