"""What Android mail apps show when TLS or the connection fails: the platform's own texts, which K-9 Mail /
Thunderbird for Android, FairEmail and the other Android mail apps pass on, read to the cause they mean.

The texts come from Android's code, worded as it prints them:
- Conscrypt (google/conscrypt: common/src/jni/main/cpp/conscrypt/native_crypto.cc throwSSLExceptionWithSslErrors:
  "SSL handshake aborted: ssl=0x...: " / "Read error: ssl=0x...: " then "Failure in SSL library, usually a protocol
  error" or "I/O error during system call, <strerror>", then BoringSSL's queue, one line per error:
  "error:XXXXXXXX:SSL routines:OPENSSL_internal:REASON (external/boringssl/src/ssl/FILE.cc:LINE 0x...:0x...)";
  ConscryptFileDescriptorSocket.startHandshake: "Handshake failed"; SocketTimeoutException "SSL handshake timed out";
  OpenSSLX509Certificate.checkValidity: "Certificate expired at DATE (compared to DATE)", "Certificate not valid
  until DATE (compared to DATE)"; TrustManagerImpl: "Trust anchor for certification path not found.",
  "Chain validation failed", and "Unacceptable certificate: SUBJECT" for a chain certificate ChainStrengthAnalyzer
  finds too weak). Android 5 and older built the same on OpenSSL, whose lines read
  "error:14077410:SSL routines:SSL23_GET_SERVER_HELLO:sslv3 alert handshake failure (external/openssl/ssl/s23_clnt.c:...)".
- BoringSSL's reason names (google/boringssl: include/openssl/ssl.h SSL_R_*; ssl/s3_pkt.cc puts
  HANDSHAKE_FAILURE_ON_CLIENT_HELLO after an alert received for the ClientHello, which ssl/test/runner's
  "NoSharedCipher" test expects for a server that shares no cipher).
- libcore (aosp-mirror/platform_libcore: luni/src/main/java/libcore/io/IoBridge.java "failed to connect to HOST/ADDR
  (port P) from /ADDR (port P) after MSms" and ": isConnected failed: ERRNO (strerror)"; ojluni Inet6AddressImpl
  "Unable to resolve host \"HOST\": No address associated with hostname").
- What FairEmail's FAQ (M66B/FairEmail:FAQ.md, question 41) says they mean: WRONG_VERSION_NUMBER a port without TLS
  or the other TLS mode; HANDSHAKE_FAILURE_ON_CLIENT_HELLO a server still on RC4, which Android 7 removed
  (developer.android.com/about/versions/nougat/android-7.0-changes#tls-ssl); UNSUPPORTED_PROTOCOL and
  TLSV1_ALERT_PROTOCOL_VERSION a server on SSLv3, which Android 8 removed
  (developer.android.com/about/versions/oreo/android-8.0-changes#security-all); the protocols and suites per API
  level: developer.android.com/reference/javax/net/ssl/SSLSocket.
- OkHttp's own host name check (square/okhttp: okhttp3/internal/connection/RealConnection.java "Hostname HOST not
  verified:", 1.x-2.x and Android's com.android.okhttp "Hostname 'HOST' was not verified").
- K-9 Mail's setup dialog "Cannot connect to server.\\n(MESSAGE)" (thunderbird/thunderbird-android@5437fd2:
  app/ui/legacy/src/main/res/values/strings.xml account_setup_failed_dlg_server_message_fmt).
"""

from __future__ import annotations

import pytest
from helpers import causes_of

from mailexpert.explain import explain

CONSCRYPT = "google/conscrypt:common/src/jni/main/cpp/conscrypt/native_crypto.cc (throwSSLExceptionWithSslErrors)"
SSLH = "google/boringssl:include/openssl/ssl.h"
FAQ41 = "M66B/FairEmail:FAQ.md (41)"
IOBRIDGE = "aosp-mirror/platform_libcore:luni/src/main/java/libcore/io/IoBridge.java"
X509 = "google/conscrypt:common/src/main/java/org/conscrypt/OpenSSLX509Certificate.java (checkValidity)"
TRUST = "google/conscrypt:common/src/main/java/org/conscrypt/TrustManagerImpl.java"
K9 = "thunderbird/thunderbird-android@5437fd2:app/ui/legacy/src/main/res/values/strings.xml"

ABORTED = "javax.net.ssl.SSLHandshakeException: SSL handshake aborted: ssl=0x7b5a3e1d88: Failure in SSL library, usually a protocol error\n"
PROTO = "javax.net.ssl.SSLProtocolException: SSL handshake aborted: ssl=0x7b5a3e1d88: Failure in SSL library, usually a protocol error\n"


def _bssl(code: str, reason: str, where: str = "ssl/handshake_client.cc:576") -> str:
    """One line of BoringSSL's error queue as Conscrypt prints it on Android."""
    return f"error:{code}:SSL routines:OPENSSL_internal:{reason} (external/boringssl/src/{where} 0x7b4f0c8e7f:0x00000000)"


def _ossl(code: str, func: str, reason: str, where: str = "s23_clnt.c:770") -> str:
    """One line of OpenSSL's error queue as Android 5 and older printed it."""
    return f"error:{code}:SSL routines:{func}:{reason} (external/openssl/ssl/{where} 0x9c6d5a10:0x00000000)"


def _libcore(host: str, port: int, tail: str) -> str:
    return (f"failed to connect to {host}/203.0.113.9 (port {port}) from /10.0.2.16 (port 40312) after 30000ms{tail}")


VERSION = {"tls-version-server-outdated", "tls-version-client-outdated"}
CIPHER_OR_VERSION = {"tls-no-shared-cipher", "tls-version-server-outdated"}
TLS_MODE = {"tls-on-plaintext-port", "plaintext-on-tls-port", "wrong-protocol-on-port"}
UNTRUSTED = {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}
EXPIRED = {"cert-expired", "clock-skew"}
NOT_YET = {"cert-not-yet-valid", "clock-skew"}
REFUSED = {"port-closed", "server-unavailable", "port-forwarding-missing", "wrong-protocol-on-port"}
NO_ANSWER = {"port-blocked-outbound", "vpn-interference", "no-internet", "high-latency", "all-mail-ports-blocked",
             "server-ip-blocked", "server-unavailable"}
UNREACHABLE = {"no-internet", "vpn-interference", "server-unavailable"}
NO_ROUTE = {"server-ip-blocked", "no-internet", "vpn-interference"}
NOT_RESOLVED = {"dns-server-misconfigured", "dns-outage", "dns-blocked", "server-host-unknown", "server-host-typo",
                "server-host-no-address", "vpn-interference"}
BAD_LINE = {"packet-loss", "high-latency", "vpn-interference", "no-internet", "server-unavailable", "tls-interception"}

CASES = [
    # --- no protocol version in common (SSLv3 servers; Android 8 removed SSLv3) ---
    pytest.param(ABORTED + _bssl("100000f0", "UNSUPPORTED_PROTOCOL"), VERSION, f"{CONSCRYPT}; {SSLH} (SSL_R_UNSUPPORTED_PROTOCOL); {FAQ41}", id="unsupported-protocol"),
    pytest.param(ABORTED + _bssl("1000042e", "TLSV1_ALERT_PROTOCOL_VERSION", "ssl/tls_record.cc:592"), VERSION, f"{SSLH} (SSL_R_TLSV1_ALERT_PROTOCOL_VERSION); {FAQ41}", id="alert-protocol-version"),
    pytest.param("Cannot connect to server.\n(SSL handshake aborted: ssl=0x7b5a3e1d88: Failure in SSL library, usually a protocol error\n"
                 + _bssl("100000f0", "UNSUPPORTED_PROTOCOL") + ")", VERSION, f"{K9}; {CONSCRYPT}", id="k9-unsupported-protocol"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Handshake failed ... UNSUPPORTED_PROTOCOL", VERSION, FAQ41, id="faq-unsupported-protocol"),
    pytest.param("Handshake failed SSL handshake aborted: ssl=0x7b5a3e1d88: Failure in SSL library, usually a protocol error "
                 + _bssl("1000042e", "TLSV1_ALERT_PROTOCOL_VERSION", "ssl/tls_record.cc:592"), VERSION,
                 "M66B/FairEmail:app/src/main/java/eu/faircode/email/Log.java (formatThrowable: the chain's messages joined by a space)", id="fairemail-joined"),
    pytest.param(PROTO + _ossl("1407742E", "SSL23_GET_SERVER_HELLO", "tlsv1 alert protocol version"), VERSION,
                 "openssl:ssl/ssl_err.c (SSL_R_TLSV1_ALERT_PROTOCOL_VERSION), as Android 5's external/openssl printed it", id="old-openssl-protocol-version"),
    # --- the server refused the ClientHello: no cipher in common (RC4 servers; Android 7 removed RC4) ---
    pytest.param(ABORTED + _bssl("10000410", "SSLV3_ALERT_HANDSHAKE_FAILURE", "ssl/tls_record.cc:592") + "\n"
                 + _bssl("1000009a", "HANDSHAKE_FAILURE_ON_CLIENT_HELLO", "ssl/handshake.cc:580"), CIPHER_OR_VERSION,
                 f"{SSLH} (SSL_R_HANDSHAKE_FAILURE_ON_CLIENT_HELLO); google/boringssl:ssl/test/runner (NoSharedCipher); {FAQ41}", id="alert-on-client-hello"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Handshake failed ... HANDSHAKE_FAILURE_ON_CLIENT_HELLO", CIPHER_OR_VERSION, FAQ41, id="faq-client-hello"),
    pytest.param(ABORTED + _bssl("10000410", "SSLV3_ALERT_HANDSHAKE_FAILURE", "ssl/tls_record.cc:592"), CIPHER_OR_VERSION,
                 f"{SSLH} (SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE: the server's handshake_failure alert)", id="alert-handshake-failure"),
    pytest.param(ABORTED + _bssl("100000b8", "NO_CIPHERS_AVAILABLE"), CIPHER_OR_VERSION | {"tls-version-client-outdated"},
                 f"{SSLH} (SSL_R_NO_CIPHERS_AVAILABLE)", id="no-ciphers-available"),
    pytest.param(PROTO + _ossl("14077410", "SSL23_GET_SERVER_HELLO", "sslv3 alert handshake failure"), CIPHER_OR_VERSION,
                 "openssl:ssl/ssl_err.c (SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE), as Android 5's external/openssl printed it", id="old-openssl-handshake-failure"),
    pytest.param(ABORTED + _bssl("100000fc", "UNKNOWN_CIPHER_RETURNED"), CIPHER_OR_VERSION,
                 f"{SSLH} (SSL_R_UNKNOWN_CIPHER_RETURNED: the server chose a suite the client did not offer)", id="unknown-cipher-returned"),
    # --- TLS spoken to a port without it, or the other TLS mode ---
    pytest.param(ABORTED + _bssl("100000f7", "WRONG_VERSION_NUMBER", "ssl/tls_record.cc:242"), TLS_MODE, f"{SSLH} (SSL_R_WRONG_VERSION_NUMBER); {FAQ41}", id="wrong-version-number"),
    pytest.param(PROTO + _ossl("140770FC", "SSL23_GET_SERVER_HELLO", "unknown protocol", "s23_clnt.c:794"), TLS_MODE,
                 "openssl:ssl/ssl_err.c (SSL_R_UNKNOWN_PROTOCOL), as Android 5's external/openssl printed it", id="old-openssl-unknown-protocol"),
    pytest.param("javax.net.ssl.SSLException: Read error: ssl=0x7b5a3e1d88: Failure in SSL library, usually a protocol error\n"
                 + _ossl("1408F10B", "SSL3_GET_RECORD", "wrong version number", "s3_pkt.c:339"), TLS_MODE,
                 "openssl:ssl/ssl_err.c (SSL_R_WRONG_VERSION_NUMBER)", id="old-openssl-wrong-version"),
    pytest.param("Cannot connect to server.\n(SSL handshake aborted: ssl=0x7b5a3e1d88: Failure in SSL library, usually a protocol error\n"
                 + _bssl("100000f7", "WRONG_VERSION_NUMBER", "ssl/tls_record.cc:242") + ")", TLS_MODE, f"{K9}; {SSLH}", id="k9-wrong-version"),
    # --- certificates ---
    pytest.param("javax.net.ssl.SSLHandshakeException: java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.",
                 UNTRUSTED, f"{TRUST} (verifyChain)", id="trust-anchor"),
    pytest.param("java.security.cert.CertificateException: java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.",
                 UNTRUSTED, f"{TRUST} (checkServerTrusted)", id="trust-anchor-certificateexception"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Chain validation failed", EXPIRED, f"{TRUST} (verifyChain)", id="chain-validation"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Chain validation failed\nCaused by: java.security.cert.CertPathValidatorException: "
                 "timestamp check failed\nCaused by: java.security.cert.CertificateExpiredException: Certificate expired at Sat Apr 13 23:59:59 "
                 "GMT+00:00 2024 (compared to Mon Apr 15 10:02:11 GMT+00:00 2024)", EXPIRED, f"{TRUST}; {X509}", id="expired-chain"),
    pytest.param("java.security.cert.CertificateExpiredException: Certificate expired at Sat Apr 13 23:59:59 GMT+00:00 2024 "
                 "(compared to Mon Apr 15 10:02:11 GMT+00:00 2024)", EXPIRED, X509, id="certificate-expired-at"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Chain validation failed\nCaused by: java.security.cert.CertificateNotYetValidException: "
                 "Certificate not valid until Mon Jun 10 00:00:00 GMT+00:00 2030 (compared to Mon Apr 15 10:02:11 GMT+00:00 2024)",
                 NOT_YET, X509, id="not-valid-until"),
    pytest.param("java.security.cert.CertificateNotYetValidException: Certificate not valid until Mon Jun 10 00:00:00 GMT+00:00 2030 "
                 "(compared to Mon Apr 15 10:02:11 GMT+00:00 2024)", NOT_YET, X509, id="not-valid-until-alone"),
    pytest.param("javax.net.ssl.SSLPeerUnverifiedException: Hostname mail.example.org not verified:\n    certificate: "
                 "sha256/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg=\n    DN: CN=*.hosting.example\n    subjectAltNames: [*.hosting.example, hosting.example]",
                 {"cert-hostname-mismatch"}, "square/okhttp:okhttp/src/main/java/okhttp3/internal/connection/RealConnection.java (connectTls: 'Hostname ... not verified')", id="hostname-not-verified"),
    pytest.param(ABORTED + _bssl("1000007d", "CERTIFICATE_VERIFY_FAILED", "ssl/handshake_client.cc:1359"),
                 {"cert-untrusted-issuer", "cert-self-signed", "cert-expired", "cert-hostname-mismatch", "tls-interception"},
                 f"{SSLH} (SSL_R_CERTIFICATE_VERIFY_FAILED)", id="certificate-verify-failed"),
    pytest.param("javax.net.ssl.SSLPeerUnverifiedException: Hostname mail.example.org not verified:", {"cert-hostname-mismatch"},
                 "square/okhttp:okhttp/src/main/java/okhttp3/internal/connection/RealConnection.java (the message's first line)", id="hostname-not-verified-line"),
    pytest.param("java.io.IOException: Hostname 'mail.example.org' was not verified", {"cert-hostname-mismatch"},
                 "square/okhttp 1.x/2.x, Android 4.4's com.android.okhttp Connection.upgradeToTls ('Hostname \\'HOST\\' was not verified')", id="hostname-was-not-verified"),
    pytest.param(PROTO + _bssl("1000007d", "CERTIFICATE_VERIFY_FAILED", "ssl/handshake_client.cc:1359"),
                 {"cert-untrusted-issuer", "cert-self-signed", "cert-expired", "cert-hostname-mismatch", "tls-interception"},
                 f"{SSLH} (SSL_R_CERTIFICATE_VERIFY_FAILED), in an SSLProtocolException", id="certificate-verify-failed-protocol"),
    # Conscrypt's ChainStrengthAnalyzer: a chain certificate with too weak a key or an MD5 signature.
    pytest.param("javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateException: Unacceptable certificate: "
                 "CN=Example Mail CA, O=Example\nCaused by: java.security.cert.CertificateException: RSA modulus is < 1024 bits",
                 {"tls-no-shared-cipher"}, "google/conscrypt:common/src/main/java/org/conscrypt/TrustManagerImpl.java; "
                 "google/conscrypt:common/src/main/java/org/conscrypt/ChainStrengthAnalyzer.java (checkKeyLength)", id="unacceptable-rsa"),
    pytest.param("java.security.cert.CertificateException: Signature uses an insecure hash function: 1.2.840.113549.1.1.4",
                 {"tls-no-shared-cipher"}, "google/conscrypt:common/src/main/java/org/conscrypt/ChainStrengthAnalyzer.java (checkSignatureAlgorithm)", id="insecure-hash"),
    # --- the connection ---
    pytest.param("java.net.ConnectException: " + _libcore("imap.example.org", 993, ": isConnected failed: ECONNREFUSED (Connection refused)"),
                 REFUSED, IOBRIDGE, id="econnrefused"),
    pytest.param("java.net.SocketTimeoutException: " + _libcore("smtp.example.org", 465, ""), NO_ANSWER, f"{IOBRIDGE} (connect timeout)", id="connect-timeout"),
    pytest.param("java.net.ConnectException: " + _libcore("imap.example.org", 993, ": connect failed: ENETUNREACH (Network is unreachable)"),
                 UNREACHABLE, IOBRIDGE, id="enetunreach"),
    pytest.param("java.net.NoRouteToHostException: " + _libcore("imap.example.org", 993, ": isConnected failed: EHOSTUNREACH (No route to host)"),
                 NO_ROUTE, IOBRIDGE, id="ehostunreach"),
    pytest.param("java.net.ConnectException: " + _libcore("smtp.example.org", 587, ": isConnected failed: ETIMEDOUT (Connection timed out)"),
                 NO_ANSWER, IOBRIDGE, id="etimedout"),
    pytest.param('java.net.UnknownHostException: Unable to resolve host "imap.example.org": No address associated with hostname',
                 NOT_RESOLVED, "aosp-mirror/platform_libcore:ojluni/src/main/java/java/net/Inet6AddressImpl.java", id="unable-to-resolve"),
    pytest.param("javax.net.ssl.SSLException: Read error: ssl=0x7b5a3e1d88: I/O error during system call, Connection reset by peer",
                 BAD_LINE | {"server-ip-blocked"}, CONSCRYPT, id="read-error-reset"),
    pytest.param("javax.net.ssl.SSLException: Read error: ssl=0x7b5a3e1d88: Failure in SSL library, usually a protocol error\n"
                 "error:1e000065:Cipher functions:OPENSSL_internal:BAD_DECRYPT (external/boringssl/src/crypto/fipsmodule/cipher/e_aes.c:1128 0x7b4f0c8e7f:0x00000000)",
                 BAD_LINE, f"{CONSCRYPT}; google/boringssl:include/openssl/cipher.h (CIPHER_R_BAD_DECRYPT)", id="bad-decrypt"),
]

# A handshake the connection ended or never finished: a failure whose words name no one cause.
FAILURES = [
    pytest.param("javax.net.ssl.SSLHandshakeException: Handshake failed", id="handshake-failed"),
    pytest.param(ABORTED.rstrip(), id="aborted-no-reason"),
    pytest.param("javax.net.ssl.SSLHandshakeException: SSL handshake aborted: ssl=0x7b5a3e1d88: I/O error during system call, Connection reset by peer", id="aborted-reset"),
    pytest.param("java.net.SocketTimeoutException: SSL handshake timed out", id="handshake-timed-out"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Connection closed by peer", id="closed-by-peer"),
    pytest.param("java.net.SocketException: socket failed: EACCES (Permission denied)", id="socket-eacces"),
    # An alert that names no cause the catalogue has (RFC 7507: the server refused a retry at a lower version;
    # RFC 8446 6.2: the server could not parse the hello): a failure left unexplained, never fine.
    pytest.param(ABORTED + _bssl("1000043e", "TLSV1_ALERT_INAPPROPRIATE_FALLBACK", "ssl/tls_record.cc:592"), id="inappropriate-fallback"),
    pytest.param(ABORTED + _bssl("10000432", "TLSV1_ALERT_DECODE_ERROR", "ssl/tls_record.cc:592"), id="alert-decode-error"),
]

# Neighbours: what the reason line says decides, not the words around it.
NOT = [
    pytest.param(ABORTED + _bssl("100000f7", "WRONG_VERSION_NUMBER", "ssl/tls_record.cc:242"), {"tls-version-server-outdated", "tls-no-shared-cipher"}, id="wrong-version-is-not-outdated"),
    pytest.param(ABORTED + _bssl("100000f0", "UNSUPPORTED_PROTOCOL"), TLS_MODE, id="unsupported-is-not-mode"),
    pytest.param("javax.net.ssl.SSLPeerUnverifiedException: Hostname mail.example.org not verified", {"cert-untrusted-issuer", "cert-expired"}, id="hostname-is-not-untrusted"),
    pytest.param("java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.", {"cert-hostname-mismatch", "cert-expired"}, id="anchor-is-not-hostname"),
    pytest.param(ABORTED + _bssl("1000007d", "CERTIFICATE_VERIFY_FAILED", "ssl/handshake_client.cc:1359"), {"tls-no-shared-cipher", "tls-version-server-outdated"}, id="verify-failed-is-not-cipher"),
    pytest.param("java.io.IOException: Hostname 'mail.example.org' was not verified", {"cert-untrusted-issuer", "cert-self-signed"}, id="was-not-verified-is-not-untrusted"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Handshake failed", {"cert-expired", "cert-untrusted-issuer", "cert-hostname-mismatch", "tls-on-plaintext-port"}, id="generic-is-not-specific"),
]


@pytest.mark.parametrize(("text", "causes", "source"), CASES)
def test_an_android_text_reads_as_the_cause_it_means(text: str, causes: set[str], source: str) -> None:
    assert source.strip()
    found = causes_of(text)
    assert found and found[0] in causes, (text, found)


@pytest.mark.parametrize("text", FAILURES)
def test_an_android_text_without_a_reason_reads_as_a_failure(text: str) -> None:
    assert explain(text).has_errors, text


@pytest.mark.parametrize(("text", "wrong"), NOT)
def test_an_android_text_does_not_read_as_its_neighbour(text: str, wrong: set[str]) -> None:
    found = causes_of(text)
    assert not found or found[0] not in wrong, (text, found)


# Conscrypt's end of stream in the handshake reads as Java's "Remote host terminated the handshake": the server (or
# something on the way) closed the connection before its answer; FairEmail's FAQ (22) names a server not updated.
def test_a_handshake_the_server_closed_names_the_outdated_server_among_its_candidates() -> None:
    found = causes_of("javax.net.ssl.SSLHandshakeException: Connection closed by peer")
    assert "tls-version-server-outdated" in found, found
    assert found == causes_of("javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake"), found
