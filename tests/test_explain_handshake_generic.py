"""A TLS handshake failure whose words give no reason: it must read as a failed handshake with the
candidates such a failure allows (no version or cipher shared with the server, implicit TLS on a port
that starts in plaintext), never declined and never one made-up cause stated as the reason; and the
NSS names of the alerts a peer sends (SSL_ERROR_*_ALERT) each read as the alert they name.

Sources of the wordings:
- msmtp: marlam/msmtp:src/mtls-gnutls.c (mtls_start: "TLS handshake failed: %s")
- Dovecot: dovecot/core:src/lib-http/http-server-connection.c ("SSL handshake failed: %s")
- K-9 Mail: thunderbird/thunderbird-android (strings: account_setup_failed_dlg_server_message_fmt)
- Conscrypt (Android): google/conscrypt:common/src/main/java/org/conscrypt/ConscryptFileDescriptorSocket.java
  (startHandshake: SSLHandshakeException "Handshake failed")
- GnuTLS: gnutls/gnutls:lib/errors.c ("The TLS connection was non-properly terminated.")
- NSS: nss-dev/nss:lib/ssl/SSLerrs.h (SSL_ERROR_*_ALERT), each alert's meaning RFC 8446 section 6.2
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

# What a bare handshake failure allows: the server shares no version or cipher with the client, or
# the client speaks TLS at once to a port that starts in plaintext.
_HANDSHAKE_CANDIDATES = {"tls-no-shared-cipher", "tls-version-server-outdated", "tls-on-plaintext-port"}
# Words a summary may not use for a text that names no reason.
_CLAIMS = ("most likely share no cipher",)

BARE = [
    "Error: TLS handshake failed",                      # msmtp's words, with no reason after them
    "TLS handshake failed",                             # marlam/msmtp:src/mtls-gnutls.c
    "msmtp: TLS handshake failed",                      # marlam/msmtp:src/mtls-gnutls.c
    "SSL handshake failed",                             # dovecot/core:src/lib-http/http-server-connection.c
    "Cannot connect to server.\n(Handshake failed)",    # thunderbird/thunderbird-android (account_setup_failed_dlg_server_message_fmt)
    "TLS/SSL handshake failed",                         # the same words, both names given
    "javax.net.ssl.SSLHandshakeException: Handshake failed",  # google/conscrypt
    "handshake failure",                                # the words of TLS's handshake_failure alert, no more
]


def _explained(text: str):
    """The report; a text declined fails the test (a failure must never be declined)."""
    try:
        return explain(text)
    except InputError as exc:
        pytest.fail(f"declined: {exc}")


def _roots(text: str) -> list:
    return [d for d in _explained(text).diagnoses if d.is_root]


@pytest.mark.parametrize("text", BARE)
def test_a_bare_handshake_failure_reads_as_a_failed_handshake(text: str) -> None:
    roots = _roots(text)
    assert roots and roots[0].severity == "error", [(d.cause, d.severity) for d in roots]
    assert roots[0].cause in _HANDSHAKE_CANDIDATES, [d.cause for d in roots]
    assert not any(c in roots[0].summary for c in _CLAIMS), roots[0].summary


# A text that names the server's handshake_failure alert says the server refused what the client
# offered: no shared cipher (the server's "no shared cipher") keeps the lead and its words.
NAMED_ALERT = [
    "[SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure (_ssl.c:1006)",  # openssl:ssl/ssl_err.c
    "remote error: tls: handshake failure",                                              # golang/go:src/crypto/tls/alert.go
    "SSL_ERROR_NO_CYPHER_OVERLAP",                                                       # nss-dev/nss:lib/ssl/SSLerrs.h
]


@pytest.mark.parametrize("text", NAMED_ALERT)
def test_a_named_refusal_keeps_no_shared_cipher(text: str) -> None:
    roots = _roots(text)
    assert roots[0].cause == "tls-no-shared-cipher", [d.cause for d in roots]


# NSS names each alert a peer sent (nss-dev/nss:lib/ssl/SSLerrs.h); what it means, RFC 8446 section 6.2.
NSS_ALERTS = [
    # internal_error: the server could not go on with this hello (no certificate to use for this name)
    ("SSL_ERROR_INTERNAL_ERROR_ALERT", _HANDSHAKE_CANDIDATES),
    ("Peer reports it experienced an internal error. Error code: SSL_ERROR_INTERNAL_ERROR_ALERT", _HANDSHAKE_CANDIDATES),
    # handshake_failure / insufficient_security / illegal_parameter: nothing acceptable offered
    ("SSL_ERROR_HANDSHAKE_FAILURE_ALERT", {"tls-no-shared-cipher"}),
    ("SSL_ERROR_INSUFFICIENT_SECURITY_ALERT", {"tls-no-shared-cipher"}),
    ("SSL_ERROR_ILLEGAL_PARAMETER_ALERT", _HANDSHAKE_CANDIDATES),
    # protocol_version: no version shared
    ("SSL_ERROR_PROTOCOL_VERSION_ALERT", {"tls-version-server-outdated", "tls-version-client-outdated"}),
    # unrecognized_name: the server serves no certificate for the name asked
    ("SSL_ERROR_UNRECOGNIZED_NAME_ALERT", {"cert-hostname-mismatch"}),
]


@pytest.mark.parametrize(("text", "causes"), NSS_ALERTS)
def test_nss_alert_names_read_as_their_alert(text: str, causes: set) -> None:
    roots = _roots(text)
    assert roots and roots[0].cause in causes, [d.cause for d in roots]


# Alerts that say the peer gave up without a reason of a version or cipher must still read as a failure.
NSS_ALERTS_FAILING = [
    "SSL_ERROR_INAPPROPRIATE_FALLBACK_ALERT",
    "SSL_ERROR_DECODE_ERROR_ALERT",
    "SSL_ERROR_DECRYPT_ERROR_ALERT",
    "SSL_ERROR_UNSUPPORTED_EXTENSION_ALERT",
    "SSL_ERROR_ACCESS_DENIED_ALERT",
]


@pytest.mark.parametrize("text", NSS_ALERTS_FAILING)
def test_other_nss_alerts_are_failures(text: str) -> None:
    report = _explained(text)
    # A failure (exit status 1): a diagnosis of severity error, or the failing handshake left unexplained.
    assert report.has_errors and report.exit_status == 1, [(d.cause, d.severity) for d in report.diagnoses]


# Neighbours keep their readings: a plaintext answer, a certificate verdict; SMTP's own "handshake" is no TLS.
NEIGHBOURS = [
    ("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1007)", "tls-on-plaintext-port"),   # openssl:ssl/ssl_err.c
    ("msmtp: TLS handshake failed: An unexpected TLS packet was received.", "tls-on-plaintext-port"),  # gnutls/gnutls:lib/errors.c
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)", "cert-expired"),
    ("SSL handshake failed: SSL_ERROR_BAD_CERT_DOMAIN", "cert-hostname-mismatch"),                   # nss-dev/nss:lib/ssl/SSLerrs.h
    ("TLS handshake failed: tlsv1 alert protocol version", "tls-version-server-outdated"),           # openssl:ssl/ssl_err.c
]


@pytest.mark.parametrize(("text", "cause"), NEIGHBOURS)
def test_neighbours_keep_their_reading(text: str, cause: str) -> None:
    roots = _roots(text)
    assert roots[0].cause == cause, [d.cause for d in roots]


# A handshake closed without an answer stays a failure with its candidates, not declined.
CLOSED = [
    "javax.net.ssl.SSLHandshakeException: Connection closed by peer",        # google/conscrypt native_crypto.cc
    "[SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol (_ssl.c:1006)",  # cpython:Modules/_ssl.c
    "The TLS connection was non-properly terminated.",                        # gnutls/gnutls:lib/errors.c
]


@pytest.mark.parametrize("text", CLOSED)
def test_a_handshake_closed_is_a_failure_with_candidates(text: str) -> None:
    roots = _roots(text)
    causes = {d.cause for d in roots}
    assert {"tls-version-server-outdated", "tls-interception"} <= causes, causes


def test_a_generic_failure_stays_a_failure_without_a_specific_cause() -> None:
    # A program's own failure around words that say only that the handshake failed: never fine.
    roots = _roots("Connection failed: TLS handshake failed")
    assert roots and all(d.severity == "error" for d in roots[:1])
    assert not any(c in roots[0].summary for c in _CLAIMS), roots[0].summary


def test_an_smtp_handshake_is_no_tls_handshake() -> None:
    # The greeting and EHLO exchange some programs call the SMTP handshake: no TLS reading.
    try:
        roots = _roots("SMTP handshake failed")
    except InputError:
        return
    assert not {"tls-no-shared-cipher", "tls-version-server-outdated"} & {d.cause for d in roots}


def test_androids_connection_closed_by_peer_leads_with_the_server_tls() -> None:
    # google/conscrypt native_crypto.cc: the handshake read the end of the stream; M66B/FairEmail:FAQ.md (22):
    # a server not updated (its link: an old Windows server without SHA-2), so no algorithms in common first, its
    # TLS versions beside it. Something on the way that drops TLS stays listed.
    roots = _roots("javax.net.ssl.SSLHandshakeException: Connection closed by peer")
    assert roots[0].cause == "tls-no-shared-cipher", [d.cause for d in roots]
    assert {"tls-interception", "tls-version-server-outdated"} <= {d.cause for d in roots}


def test_nodes_socket_disconnected_before_tls_leads_with_no_algorithms_in_common() -> None:
    # nodejs/node lib/_tls_wrap.js onConnectEnd: the server ended the socket before the handshake finished; a mailer
    # that forces old ciphers (tls: {ciphers: 'SSLv3'}) against a current server, or the reverse, ends so.
    text = ("Error: Client network socket disconnected before secure TLS connection was established\n"
            "    at connResetException (node:internal/errors:705:14)\n    at TLSSocket.onConnectEnd (node:_tls_wrap:1594:19)")
    causes = [d.cause for d in _roots(text)]
    assert causes[0] == "tls-no-shared-cipher" and "tls-interception" in causes, causes
