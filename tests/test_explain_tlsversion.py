"""Protocol-version and no-shared-cipher failures as each TLS stack words them, beyond the OpenSSL, JSSE and
Dovecot forms of test_explain_tlsver.py: rustls, GnuTLS, Go, wolfSSL, Mbed TLS, BoringSSL/Conscrypt, LibreSSL,
Node, NSS, Schannel's event log and .NET.

Direction is read from the words: the program's own refusal of what the server chose blames the server;
a server's refusal of the client's offer (a server's log, a server-side library's words) blames the client;
an alert received whose words do not say which side is old accepts either. Each text is a message's wording
checked at its source (named beside the case), with the prefix the program prints where it prints one.

Sources:
- rustls: rustls/rustls:rustls/src/error.rs (Display: "peer is incompatible: {why:?}", "received fatal alert:
  {alert:?}"; enum PeerIncompatible); rustls/src/client/hs.rs (a ServerHello below TLS 1.2 ends in
  ServerDoesNotSupportTls12Or13 with a protocol_version alert sent).
- GnuTLS: gnutls/gnutls:lib/errors.c (GNUTLS_E_NO_CIPHER_SUITES "No supported cipher suites have been found.",
  GNUTLS_E_UNKNOWN_CIPHER_SUITE "Could not negotiate a supported cipher suite.", GNUTLS_E_UNSUPPORTED_VERSION_PACKET
  "A packet with illegal or unsupported version was received.", GNUTLS_E_FATAL_ALERT_RECEIVED "A TLS fatal alert
  has been received."); lib/alert.c names alert 70 "Error in protocol version", alert 40 "Handshake failed".
- Go: golang/go:src/crypto/tls/handshake_client.go ("tls: no supported versions satisfy MinVersion and
  MaxVersion", "tls: server selected unsupported protocol version %x"); alert.go ("tls: protocol version not
  supported", "tls: handshake failure"); conn.go ("remote error: %s").
- wolfSSL: wolfSSL/wolfssl:src/internal.c wolfSSL_ERR_reason_error_string (MATCH_SUITE_ERROR -501 "can't match
  cipher suite", VERSION_ERROR -326 "record layer version error").
- Schannel: learn.microsoft.com/en-us/windows-server/security/tls/schannel-events (36887 "A fatal alert was
  received from the remote endpoint. The TLS protocol defined fatal alert code is %1.", 36874 "An TLS 1.2
  connection request was received from a remote client application, but none of the cipher suites supported by
  the client application are supported by the server.").
- Conscrypt/BoringSSL: google/boringssl:include/openssl/ssl.h (SSL_R_* reason names), as Android prints them
  (google/conscrypt:common/src/jni/main/cpp/conscrypt/native_crypto.cc throwSSLExceptionWithSslErrors).
- LibreSSL: libressl:ssl/ssl_err.c (function name CONNECT_CR_SRVR_HELLO, reason strings as OpenSSL's), as macOS
  curl prints them.
- Node: nodejs/node:src/crypto/crypto_util.cc (the "ERR_SSL_" + reason code put on TLS errors).
- mutt/neomutt: muttmua/mutt:mutt_ssl_gnutls.c, neomutt/neomutt:conn/gnutls.c tls_set_priority
  ("gnutls_priority_set_direct(%s): %s" for a priority string GnuTLS refuses; "All available protocols for
  TLS/SSL connection disabled" when every ssl_use_* version is off).
- Erlang/OTP ssl: erlang/otp:lib/ssl/src/ssl_alert.erl ("received SERVER ALERT" for an alert the peer sent,
  "generated CLIENT ALERT" for one this side sent).
- Mbed TLS: Mbed-TLS/mbedtls:include/mbedtls/ssl.h (MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE -0x7780, "A fatal alert
  message was received from our peer", which names no alert).
"""

from __future__ import annotations

import pytest
from helpers import causes_of

SERVER = "tls-version-server-outdated"
CLIENT = "tls-version-client-outdated"
CIPHER = "tls-no-shared-cipher"
EITHER = (SERVER, CLIENT)
# Conscrypt's words before BoringSSL's error queue (google/conscrypt: ConscryptFileDescriptorSocket.startHandshake,
# native_crypto.cc throwSSLExceptionWithSslErrors)
ABORTED = ("javax.net.ssl.SSLHandshakeException: Handshake failed\nCaused by: javax.net.ssl.SSLProtocolException: SSL "
           "handshake aborted: ssl=0x7b5a1c68: Failure in SSL library, usually a protocol error\n")
PLAINTEXT = ("tls-on-plaintext-port", "plaintext-on-tls-port")  # either TLS mode against the other

CASES = [
    # --- rustls (a program built on it as a client: himalaya, lettre, async-imap with rustls) ---------------------
    pytest.param("Error: peer is incompatible: ServerDoesNotSupportTls12Or13", (SERVER,), id="rustls-server-old"),
    pytest.param("TLS error: peer is incompatible: ServerTlsVersionIsDisabledByOurConfig", (CLIENT,),
                 id="rustls-own-config"),
    pytest.param("Error: received fatal alert: ProtocolVersion", EITHER, id="rustls-alert-70"),
    pytest.param("Error: received fatal alert: HandshakeFailure", (CIPHER, SERVER), id="rustls-alert-40"),
    pytest.param("Connection error: peer is incompatible: NoCipherSuitesInCommon", (CIPHER,), id="rustls-no-suites"),
    pytest.param("peer is incompatible: NoKxGroupsInCommon", (CIPHER,), id="rustls-no-groups"),
    pytest.param("peer is incompatible: NoSignatureSchemesInCommon", (CIPHER,), id="rustls-no-sigschemes"),
    # --- GnuTLS as a client (msmtp, mutt, Evolution/Geary through glib-networking, fetchmail with GnuTLS) ----------
    pytest.param("msmtp: TLS handshake failed: Could not negotiate a supported cipher suite.", (CIPHER,),
                 id="gnutls-client-cipher"),
    pytest.param("msmtp: TLS handshake failed: No supported cipher suites have been found.", (CIPHER,),
                 id="gnutls-no-cipher-suites"),
    pytest.param("gnutls_handshake: A TLS fatal alert has been received. Received alert [70]: Error in protocol "
                 "version",
                 EITHER, id="gnutls-alert-70"),
    # mutt's form of a received alert (muttmua/mutt:mutt_ssl_gnutls.c tls_negotiate: "gnutls_handshake: %s(%s)" with
    # gnutls_alert_get_name)
    pytest.param("gnutls_handshake: A TLS fatal alert has been received.(Error in protocol version)", EITHER,
                 id="mutt-gnutls-alert-70"),
    pytest.param("gnutls_handshake: A TLS fatal alert has been received.(Handshake failed)", (CIPHER, SERVER),
                 id="mutt-gnutls-alert-40"),
    pytest.param("msmtp: TLS handshake failed: A packet with illegal or unsupported version was received.", (SERVER,),
                 id="gnutls-client-version"),
    # the program's own GnuTLS priority string refused before any byte is sent (muttmua/mutt:mutt_ssl_gnutls.c
    # 'gnutls_priority_set_direct(%s): %s'; gnutls/gnutls:lib/errors.c GNUTLS_E_INVALID_REQUEST): the program's side
    # (a TLS 1.3 keyword a GnuTLS older than 3.6 does not know)
    pytest.param("gnutls_priority_set_direct(SECURE256:+VERS-TLS1.3): The request is invalid.",
                 ("client-outdated", CLIENT), id="neomutt-gnutls-priority"),
    # mutt and neomutt with every ssl_use_* version switched off (muttmua/mutt:mutt_ssl_gnutls.c tls_set_priority)
    pytest.param("All available protocols for TLS/SSL connection disabled", (CLIENT, "client-outdated"),
                 id="mutt-all-protocols-disabled"),
    # --- Go crypto/tls as a client (gophish, grafana, Go mail libraries) -----------------------------------------
    pytest.param("dial tcp: tls: server selected unsupported protocol version 302", (SERVER,), id="go-302"),
    pytest.param("tls: no supported versions satisfy MinVersion and MaxVersion", (CLIENT,), id="go-own-config"),
    pytest.param("smtp: remote error: tls: protocol version not supported", EITHER, id="go-alert-70-smtp"),
    pytest.param("remote error: tls: insufficient security level", (CIPHER, SERVER), id="go-alert-71"),
    # --- Erlang/OTP ssl (gen_smtp; erlang/otp:lib/ssl/src/ssl_alert.erl alert_txt, own_alert_txt) ------------------
    pytest.param("{tls_alert,{protocol_version,\"TLS client: In state hello received SERVER ALERT: Fatal - Protocol "
                 "Version\\n\"}}", EITHER, id="erlang-received-70"),
    # the client generated the alert: it refused the version the server chose
    pytest.param("TLS client: In state hello at tls_handshake.erl:202 generated CLIENT ALERT: Fatal - Protocol Version",
                 (SERVER,), id="erlang-generated-70"),
    pytest.param("TLS client: In state hello received SERVER ALERT: Fatal - Handshake Failure", (CIPHER, SERVER),
                 id="erlang-received-40"),
    # --- Java and Python on alert 71 (openjdk Alert.java; openssl:ssl/ssl_err.c) -------------------------------
    pytest.param("javax.net.ssl.SSLHandshakeException: Received fatal alert: insufficient_security", (CIPHER, SERVER),
                 id="jsse-alert-71"),
    pytest.param("ssl.SSLError: [SSL: TLSV1_ALERT_INSUFFICIENT_SECURITY] tlsv1 alert insufficient security "
                 "(_ssl.c:1006)", (CIPHER, SERVER), id="python-alert-71"),
    # --- wolfSSL ----------------------------------------------------------------------------------------------
    pytest.param("wolfSSL_connect error -501, can't match cipher suite", (CIPHER,), id="wolfssl-match-suite"),
    pytest.param("wolfSSL error -326: record layer version error", EITHER, id="wolfssl-version"),
    # --- BoringSSL through Conscrypt (Android: K-9 Mail / Thunderbird for Android, FairEmail) -------------------
    pytest.param(ABORTED + "error:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION", EITHER,
                 id="conscrypt-alert-70"),
    pytest.param(ABORTED + "error:1000009a:SSL routines:OPENSSL_internal:HANDSHAKE_FAILURE_ON_CLIENT_HELLO",
                 (CIPHER, SERVER),
                 id="conscrypt-failure-on-hello"),
    pytest.param("Cannot connect to server.\n(SSL handshake aborted: ssl=0x7b5a1c68: Failure in SSL library, usually a "
                 "protocol error\nerror:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL)", (SERVER,),
                 id="k9-unsupported-protocol"),
    # --- LibreSSL (macOS's curl and openssl, OpenBSD) -----------------------------------------------------------
    pytest.param("curl: (35) error:1400442E:SSL routines:CONNECT_CR_SRVR_HELLO:tlsv1 alert protocol version", EITHER,
                 id="libressl-alert-70"),
    pytest.param("curl: (35) error:14004410:SSL routines:CONNECT_CR_SRVR_HELLO:sslv3 alert handshake failure",
                 (CIPHER, SERVER), id="libressl-alert-40"),
    # --- OpenSSL 1.0 -------------------------------------------------------------------------------------------
    pytest.param("error:1407742E:SSL routines:SSL23_GET_SERVER_HELLO:tlsv1 alert protocol version", EITHER,
                 id="openssl10-alert-70"),
    pytest.param("error:14077410:SSL routines:SSL23_GET_SERVER_HELLO:sslv3 alert handshake failure", (CIPHER, SERVER),
                 id="openssl10-alert-40"),
    # --- Node --------------------------------------------------------------------------------------------------
    pytest.param("Error: write EPROTO 139776616634176:error:1425F102:SSL routines:ssl_choose_client_version:"
                 "unsupported protocol:../deps/openssl/openssl/ssl/statem/statem_lib.c:1942:", (SERVER,),
                 id="node-eproto-unsupported"),
    pytest.param("Error: write EPROTO 80B7A10C417F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert "
                 "handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert number 40",
                 (CIPHER, SERVER), id="node-eproto-alert-40"),
    pytest.param("code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION'", EITHER, id="node-code-alert-70"),
    pytest.param("code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'", (CIPHER, SERVER), id="node-code-alert-40"),
    # --- NSS by its codes alone (Thunderbird's console, certutil/tstclnt) ---------------------------------------
    pytest.param("SSL_ERROR_UNSUPPORTED_VERSION", (SERVER,), id="nss-code-version"),
    pytest.param("SSL_ERROR_NO_CYPHER_OVERLAP", (CIPHER,), id="nss-code-cypher"),
    # --- Schannel's event log and .NET --------------------------------------------------------------------------
    pytest.param("Schannel 36887: A fatal alert was received from the remote endpoint. The TLS protocol defined fatal "
                 "alert code is 70.", EITHER, id="schannel-36887-70"),
    pytest.param("Schannel 36887: A fatal alert was received from the remote endpoint. The TLS protocol defined fatal "
                 "alert code is 40.", (CIPHER, SERVER), id="schannel-36887-40"),
    pytest.param("An TLS 1.2 connection request was received from a remote client application, but none of the cipher "
                 "suites supported by the client application are supported by the server. The TLS connection request "
                 "has failed.", (CIPHER, CLIENT), id="schannel-36874"),
    pytest.param("System.Security.Authentication.AuthenticationException: Authentication failed because the remote "
                 "party sent a TLS alert: 'ProtocolVersion'.", EITHER, id="dotnet-alert-70"),
]


@pytest.mark.parametrize(("text", "accepted"), CASES)
def test_a_stacks_version_or_cipher_refusal_names_the_outdated_side(text: str, accepted: tuple[str, ...]) -> None:
    causes = causes_of(text)
    assert causes and causes[0] in accepted, causes


# The differential: a port that speaks no TLS, or the other TLS mode, is no version either side refused;
# a certificate the client refuses stays a certificate cause.
@pytest.mark.parametrize(("text", "accepted"), [
    pytest.param("ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)", PLAINTEXT,
                 id="openssl-wrong-version-number"),
    pytest.param("error:1408F10B:SSL routines:SSL3_GET_RECORD:wrong version number", PLAINTEXT,
                 id="openssl10-wrong-version-number"),
    pytest.param("error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol", PLAINTEXT,
                 id="openssl10-unknown-protocol"),
    pytest.param("error:0A0000C6:SSL routines::packet length too long", PLAINTEXT, id="openssl3-packet-length"),
    pytest.param("tls: first record does not look like a TLS handshake", PLAINTEXT, id="go-first-record"),
    pytest.param("Error: received corrupt message of type InvalidContentType", PLAINTEXT, id="rustls-corrupt-message"),
    pytest.param("System.IO.IOException: The handshake failed due to an unexpected packet format.", PLAINTEXT,
                 id="dotnet-unexpected-packet-format"),
    pytest.param("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
                 "certificate has expired (_ssl.c:1006)", ("cert-expired",), id="cert-expired"),
    pytest.param("invalid peer certificate: UnknownIssuer", ("cert-untrusted-issuer", "cert-self-signed"),
                 id="rustls-unknown-issuer"),
])
def test_neighbours_keep_their_own_cause(text: str, accepted: tuple[str, ...]) -> None:
    causes = causes_of(text)
    assert causes and causes[0] in accepted, causes
    assert not {SERVER, CLIENT} & set(causes[:1]), causes


# Words that say only that the handshake failed, or that the peer sent an alert without naming it: a failure,
# never fine, and no side named as the old one.
@pytest.mark.parametrize("text", [
    pytest.param("imaplib: TLS handshake failed", id="bare-handshake-failed"),
    # gnutls/gnutls:lib/errors.c (GNUTLS_E_FATAL_ALERT_RECEIVED), as msmtp prints it (msmtp: src/tls.c)
    pytest.param("msmtp: TLS handshake failed: A TLS fatal alert has been received.", id="gnutls-fatal-alert-bare"),
    # Mbed-TLS/mbedtls:include/mbedtls/ssl.h (MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE), as ESP32's ssl_client.cpp prints it
    pytest.param("[E][ssl_client.cpp:36] _handle_error(): (-30592) SSL - A fatal alert message was received from our "
                 "peer",
                 id="mbedtls-fatal-alert"),
])
def test_a_bare_handshake_failure_stays_a_failure_without_a_made_up_version(text: str) -> None:
    causes = causes_of(text)
    assert causes, "a failure must not read as fine or be declined"
    assert causes[0] not in (SERVER, CLIENT), causes
