"""Common TLS failure texts that say only that the handshake failed, or say it in words that look like a
refused login: each must read as a failed TLS handshake (never declined, never a refused password), and the
more specific words after them, when pasted, must decide.

Sources of the wordings:
- .NET SslStream: dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx (net_auth_SSPI
  "Authentication failed, see inner exception."), microsoft/referencesource (.NET Framework's net_auth_SSPI
  "A call to SSPI failed, see inner exception."), both thrown as System.Security.Authentication.AuthenticationException
  by SslStream's handshake (src/libraries/System.Net.Security/src/System/Net/Security/SslStream.IO.cs).
  Inner exceptions: Windows SDK shared/winerror.h (SEC_E_ILLEGAL_MESSAGE, SEC_E_ALGORITHM_MISMATCH, SEC_E_UNTRUSTED_ROOT
  message texts).
- MailKit: jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs (DefaultMessage and Create's long message);
  MailKit/Security/AuthenticationException.cs (a refused login: the neighbour).
- Conscrypt on Android: google/conscrypt:common/src/jni/main/cpp/conscrypt/native_crypto.cc ("SSL handshake aborted",
  "Failure in SSL library, usually a protocol error") followed by BoringSSL's reason (google/boringssl:ssl/ssl_lib.cc
  error strings: SSLV3_ALERT_HANDSHAKE_FAILURE, WRONG_VERSION_NUMBER, TLSV1_ALERT_PROTOCOL_VERSION).
- wget: mirror/wget:src/http.c ("Unable to establish SSL connection.").
- cmail: cmail-mta/cmail:cmail-dispatchd/protocol.c ("TLS negotiation failed").
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

# What a bare handshake failure allows (as tests/test_explain_handshake_generic.py).
_HANDSHAKE = {"tls-no-shared-cipher", "tls-version-server-outdated", "tls-version-client-outdated",
              "tls-on-plaintext-port", "tls-interception"}
_LOGIN = {"password-rejected", "app-password-required", "auth-mechanism-mismatch"}
_CERT = {"cert-self-signed", "cert-untrusted-issuer", "cert-expired", "cert-hostname-mismatch",
         "cert-missing-intermediate", "cert-revoked", "cert-revocation-unchecked"}

_CONSCRYPT = "javax.net.ssl.SSLHandshakeException: SSL handshake aborted: ssl=0x7b8a5c5e08: Failure in SSL library, usually a protocol error"
_MAILKIT = "MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS connection."
_MAILKIT_LONG = _MAILKIT + """

This usually means that the SSL certificate presented by the server is not trusted by the system for one or more of
the following reasons:

1. The server is using a self-signed certificate which cannot be verified.
2. The local system is missing a Root or Intermediate certificate needed to verify the server's certificate.
3. A Certificate Authority CRL server for one or more of the certificates in the chain is temporarily unavailable.
4. The certificate presented by the server is expired or invalid.

Another possibility is that you are trying to connect to a port which does not support SSL/TLS.

It is also possible that the set of SSL/TLS protocols supported by the client and server do not match.

See https://github.com/jstedfast/MailKit/blob/master/FAQ.md#SslHandshakeException for possible solutions."""

BARE = [
    "System.Security.Authentication.AuthenticationException: A call to SSPI failed, see inner exception.",
    "System.Security.Authentication.AuthenticationException: Authentication failed, see inner exception.",
    "A call to SSPI failed, see inner exception.",
    "Authentication failed, see inner exception.",
    "System.Net.Mail.SmtpException: Failure sending mail. ---> System.Security.Authentication.AuthenticationException: Authentication failed, see inner exception.",
    _MAILKIT,
    "An error occurred while attempting to establish an SSL or TLS connection.",
    _CONSCRYPT,
    "Unable to establish SSL connection.",
    "TLS negotiation failed",
]


def _roots(text: str) -> list:
    """The root diagnoses, leading first; a text declined fails the test (a failure is never declined)."""
    try:
        return [d for d in explain(text).diagnoses if d.is_root]
    except InputError as exc:
        pytest.fail(f"declined: {exc}")


@pytest.mark.parametrize("text", BARE)
def test_a_bare_handshake_failure_reads_as_one(text: str) -> None:
    causes = [(d.cause, d.severity) for d in _roots(text)]
    assert causes and causes[0] in {(c, "error") for c in _HANDSHAKE}, causes
    assert not _LOGIN & {c for c, _ in causes}, causes


# The inner exception's or the library's reason decides.
SPECIFIC = [
    ("System.Security.Authentication.AuthenticationException: A call to SSPI failed, see inner exception. ---> "
     "System.ComponentModel.Win32Exception: The client and server cannot communicate, because they do not possess a common algorithm",
     {"tls-version-client-outdated", "tls-version-server-outdated"}),
    ("System.Security.Authentication.AuthenticationException: Authentication failed, see inner exception. ---> "
     "System.ComponentModel.Win32Exception (0x80090326): The message received was unexpected or badly formatted.",
     _HANDSHAKE),
    ("System.Security.Authentication.AuthenticationException: A call to SSPI failed, see inner exception. ---> "
     "System.ComponentModel.Win32Exception: The certificate chain was issued by an authority that is not trusted",
     _CERT),
    ("System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure.",
     _CERT),
    (_MAILKIT + "\n\nThe host name did not match the name given in the server's SSL certificate.", {"cert-hostname-mismatch"}),
    (_CONSCRYPT + "\nerror:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE "
     "(external/boringssl/src/ssl/tls_record.cc:592 0x7b8a4d6e18:0x00000001)", {"tls-no-shared-cipher"}),
    (_CONSCRYPT + "\nerror:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER "
     "(external/boringssl/src/ssl/tls_record.cc:242 0x7b8a4d6e18:0x00000000)", {"tls-on-plaintext-port"}),
    (_CONSCRYPT + "\nerror:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION "
     "(external/boringssl/src/ssl/tls_record.cc:592 0x7b8a4d6e18:0x00000001)", {"tls-version-server-outdated", "tls-version-client-outdated"}),
]


@pytest.mark.parametrize(("text", "causes"), SPECIFIC)
def test_the_reason_after_it_decides(text: str, causes: set) -> None:
    roots = _roots(text)
    assert roots and roots[0].cause in causes, [d.cause for d in roots]
    assert not _LOGIN & {d.cause for d in roots}, [d.cause for d in roots]


def test_mailkits_long_message_is_a_handshake_failure_with_its_candidates() -> None:
    # jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs: its own list of the usual causes.
    roots = _roots(_MAILKIT_LONG)
    assert roots and roots[0].severity == "error"
    assert roots[0].cause in _HANDSHAKE | _CERT, [d.cause for d in roots]
    assert not _LOGIN & {d.cause for d in roots}


# Neighbours: a refused login stays a refused login, whatever exception carries it.
NEIGHBOURS = [
    ("MailKit.Security.AuthenticationException: 535: 5.7.8 Authentication failed", "password-rejected"),  # jstedfast/MailKit
    ("535 5.7.8 Authentication failed", "password-rejected"),                                            # RFC 4954
    ("System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated. "
     "The server response was: 5.7.0 Authentication Required", None),                                       # .NET SmtpClient
]


@pytest.mark.parametrize(("text", "cause"), NEIGHBOURS)
def test_neighbours_keep_their_reading(text: str, cause: str | None) -> None:
    roots = _roots(text)
    if cause is None:
        assert not _HANDSHAKE & {roots[0].cause}, [d.cause for d in roots]
    else:
        assert roots[0].cause == cause, [d.cause for d in roots]


def test_a_generic_failure_stays_a_failure_without_a_specific_cause() -> None:
    # Only that the connection failed: a failure, never fine; no TLS cause made up.
    try:
        report = explain("Connection failed")
    except InputError:
        return
    assert report.exit_status != 0
