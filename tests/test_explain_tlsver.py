"""A TLS handshake that fails because the two ends share no protocol version, no cipher suite or no
acceptable key or signature, read with the side that is out of date first.

Direction decides: the same reason printed by a mail program or library ("unsupported protocol" from
OpenSSL's ssl_choose_client_version, Go's "server selected unsupported protocol version 301") blames
the server, printed by a server's log (Dovecot "TLS handshaking: SSL_accept() failed", Postfix's
smtpd "TLS library problem", Exim "TLS error on connection from", Sendmail "STARTTLS=server", a Go
or Java server's words for the client's offer) it blames the client. Where the words cannot tell
which side is old (a protocol_version alert received, Windows' "no common algorithm"), either
reading is accepted; a cipher or key the client refuses reads as tls-no-shared-cipher.

Each case is a real text (its issue thread named) or a message's wording checked at its source (the
file named; OpenSSL's reason strings and codes checked with ERR_reason_error_string in OpenSSL
3.0.19), pasted as a user would, with the prefix the program adds where it adds one."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

SERVER = "tls-version-server-outdated"
CLIENT = "tls-version-client-outdated"
CIPHER = "tls-no-shared-cipher"
EITHER = (SERVER, CLIENT)  # the words do not say which side is old

CASES = [
    # --- OpenSSL 1.1/3.x reasons printed by a client (openssl:ssl/ssl_err.c, include/openssl/sslerr.h) -----------
    pytest.param("ssl.SSLError: [SSL: UNSUPPORTED_PROTOCOL] unsupported protocol (_ssl.c:1000)", (SERVER,),
                 id="python-unsupported-protocol"),  # cpython:Modules/_ssl.c ([SSL: REASON] reason (_ssl.c:N))
    # github.com/pulb/mailnag/issues/176 (an Exchange server that spoke only TLS 1.0)
    pytest.param("ERROR (2018-12-14 11:12:22): Failed to connect to account 'Exchange' ([SSL: UNSUPPORTED_PROTOCOL] "
                 "unsupported protocol (_ssl.c:727)).", (SERVER,), id="mailnag-exchange"),
    pytest.param("ssl.SSLError: [SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version (_ssl.c:1006)",
                 EITHER, id="python-alert-protocol-version"),
    pytest.param("ssl.SSLError: [SSL: NO_PROTOCOLS_AVAILABLE] no protocols available (_ssl.c:1006)", EITHER,
                 id="python-no-protocols"),
    pytest.param("ssl.SSLError: [SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure (_ssl.c:1006)",
                 (CIPHER, SERVER), id="python-handshake-failure"),
    pytest.param("ssl.SSLError: [SSL: DH_KEY_TOO_SMALL] dh key too small (_ssl.c:1006)", (CIPHER,),
                 id="python-dh-key-too-small"),
    pytest.param("ssl.SSLError: [SSL: NO_CIPHERS_AVAILABLE] no ciphers available (_ssl.c:1006)", (CIPHER,),
                 id="python-no-ciphers"),
    pytest.param("error:0A000102:SSL routines::unsupported protocol", (SERVER,), id="openssl3-unsupported-protocol"),
    pytest.param("error:0A00018C:SSL routines::version too low", (SERVER,), id="openssl3-version-too-low"),
    pytest.param("error:0A00010A:SSL routines::wrong ssl version", EITHER, id="openssl3-wrong-ssl-version"),
    pytest.param("error:0A00042E:SSL routines::tlsv1 alert protocol version", EITHER, id="openssl3-alert-70"),
    pytest.param("error:0A000410:SSL routines::sslv3 alert handshake failure", (CIPHER, SERVER),
                 id="openssl3-alert-40"),
    pytest.param("error:0A00018A:SSL routines::dh key too small", (CIPHER,), id="openssl3-dh-key-too-small"),
    pytest.param("error:0A00018F:SSL routines::ee key too small", (CIPHER,), id="openssl3-ee-key-too-small"),
    pytest.param("error:0A00018E:SSL routines::ca md too weak", (CIPHER,), id="openssl3-ca-md-too-weak"),
    pytest.param("error:0A000076:SSL routines::no suitable signature algorithm", (CIPHER, SERVER),
                 id="openssl3-no-suitable-sigalg"),
    pytest.param("error:0A00014D:SSL routines::legacy sigalg disallowed or unsupported", (SERVER,),
                 id="openssl3-legacy-sigalg"),
    # a server without RFC 5746 secure renegotiation, refused by OpenSSL 3 clients by default
    pytest.param("error:0A000152:SSL routines::unsafe legacy renegotiation disabled", (SERVER,),
                 id="openssl3-unsafe-legacy-renegotiation"),
    pytest.param("error:1425F102:SSL routines:ssl_choose_client_version:unsupported protocol", (SERVER,),
                 id="openssl11-choose-client-version"),
    pytest.param("error:141A318A:SSL routines:tls_process_ske_dhe:dh key too small", (CIPHER,),
                 id="openssl11-dh-key-too-small"),
    pytest.param("error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../ssl/record/"
                 "rec_layer_s3.c:1543:SSL alert number 40", (CIPHER, SERVER), id="openssl11-alert-40"),
    pytest.param("error:1409442E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:../ssl/record/"
                 "rec_layer_s3.c:1543:SSL alert number 70", EITHER, id="openssl11-alert-70"),
    # LibreSSL's function names (libressl:ssl/ssl_err.c: ST_CONNECT)
    pytest.param("error:1404B42E:SSL routines:ST_CONNECT:tlsv1 alert protocol version", EITHER,
                 id="libressl-alert-70"),
    # github.com/imapsync/imapsync/issues/202 (the remote server's STARTTLS)
    pytest.param("Can not go to tls encryption on host1 [REMOTE SERVER]:Unable to start TLS: SSL connect attempt "
                 "failed error:1425F102:SSL routines:ssl_choose_client_version:unsupported protocol", (SERVER,),
                 id="imapsync"),
    pytest.param("curl: (35) error:0A000102:SSL routines::unsupported protocol", (SERVER,), id="curl"),
    # github.com/lefcha/imapfilter/issues/129 and /140: imapfilter pinned to SSL 3 ('ssl3', 'ssl23') against Gmail
    # and Office 365, which take TLS 1.2 and newer: the program's side
    pytest.param("imapfilter: initiating SSL connection to imap.gmail.com; error:1409442E:SSL routines:SSL3_READ_BYTES:"
                 "tlsv1 alert protocol version", (CLIENT,), id="imapfilter-gmail"),
    pytest.param("imapfilter: initiating SSL connection to outlook.office365.com; error:14077102:SSL routines:"
                 "SSL23_GET_SERVER_HELLO:unsupported protocol", (CLIENT,), id="imapfilter-office365"),

    # PHPMailer's connection error with PHP's stream_socket_enable_crypto warning (php-src:ext/openssl/xp_ssl.c)
    pytest.param("SMTP Error: Could not connect to SMTP host. Connection failed. stream_socket_enable_crypto(): SSL "
                 "operation failed with code 1. OpenSSL Error messages:\nerror:1425F102:SSL routines:"
                 "ssl_choose_client_version:unsupported protocol", (SERVER,), id="phpmailer"),
    # --- Node (nodemailer's ESOCKET wrapper) -------------------------------------------------------------------
    # github.com/nodemailer/nodemailer/issues/1076
    pytest.param("[Error: 4544038336:error:1425F102:SSL routines:ssl_choose_client_version:unsupported protocol:"
                 "../deps/openssl/openssl/ssl/statem/statem_lib.c:1929:\n] {\n  library: 'SSL routines',\n  function: "
                 "'ssl_choose_client_version',\n  reason: 'unsupported protocol',\n  code: 'ESOCKET',\n  command: 'CONN'\n}",
                 (SERVER,), id="nodemailer-1076"),
    # Node 17+ with OpenSSL 3 (nodejs/node:src/crypto/crypto_util.cc: code 'ERR_SSL_' + the reason's name)
    pytest.param("Error: C0F7A1E3B37F0000:error:0A000102:SSL routines::unsupported protocol:../deps/openssl/openssl/"
                 "ssl/statem/statem_lib.c:1986:\n {\n  library: 'SSL routines',\n  reason: 'unsupported protocol',\n  "
                 "code: 'ERR_SSL_UNSUPPORTED_PROTOCOL'\n}", (SERVER,), id="node-openssl3"),
    pytest.param("code: 'ERR_SSL_VERSION_TOO_LOW'", (SERVER,), id="node-version-too-low"),
    pytest.param("code: 'ERR_SSL_NO_PROTOCOLS_AVAILABLE'", EITHER, id="node-no-protocols"),
    # --- Android (Conscrypt over BoringSSL; google/boringssl:include/openssl/ssl.h reason names) -----------------
    pytest.param("javax.net.ssl.SSLHandshakeException: Handshake failed\nCaused by: javax.net.ssl.SSLProtocolException: "
                 "SSL handshake aborted: ssl=0x7b5a1c68: Failure in SSL library, usually a protocol error\nerror:100000f0:"
                 "SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL (external/boringssl/src/ssl/handshake_client.cc:729 "
                 "0x7a6e9c7d70:0x00000000)", (SERVER,), id="conscrypt-unsupported-protocol"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Handshake failed\nCaused by: javax.net.ssl.SSLProtocolException: "
                 "SSL handshake aborted: ssl=0x7b5a1c68: Failure in SSL library, usually a protocol error\nerror:10000410:"
                 "SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE (external/boringssl/src/ssl/tls_record.cc:"
                 "594 0x7a6e9c7d70:0x00000001)", (CIPHER, SERVER), id="conscrypt-handshake-failure"),
    # --- GnuTLS (gnutls/gnutls:lib/errors.c) ---------------------------------------------------------------------
    # GNUTLS_E_UNSUPPORTED_VERSION_PACKET: a client whose priorities do not enable the ServerHello's version
    # (lib/handshake.c read_server_hello), not plain bytes (those fail first as "An unexpected TLS packet")
    pytest.param("gnutls_handshake: A packet with illegal or unsupported version was received.", (SERVER,),
                 id="gnutls-unsupported-version"),
    pytest.param("msmtp: TLS handshake failed: A packet with illegal or unsupported version was received.", (SERVER,),
                 id="msmtp-gnutls-unsupported-version"),  # marlam/msmtp:src/tls.c ('TLS handshake failed: %s')
    pytest.param("gnutls_handshake: Could not negotiate a supported cipher suite.", (CIPHER,), id="gnutls-no-suite"),
    pytest.param("gnutls_handshake: No supported cipher suites have been found.", (CIPHER,), id="gnutls-no-suites"),
    pytest.param("gnutls_handshake: The Diffie-Hellman prime sent by the server is not acceptable (not long enough).",
                 (CIPHER,), id="gnutls-dh-prime"),
    # --- NSS as Thunderbird shows it (mozilla/gecko-dev:security/manager/locales/en-US/chrome/pipnss/nsserrors.properties)
    pytest.param("Peer using unsupported version of security protocol. (Error code: ssl_error_unsupported_version)",
                 (SERVER,), id="nss-unsupported-version"),
    pytest.param("Cannot communicate securely with peer: no common encryption algorithm(s). (Error code: "
                 "ssl_error_no_cypher_overlap)", (CIPHER,), id="nss-no-cypher-overlap"),
    pytest.param("Peer reports incompatible or unsupported protocol version. (Error code: "
                 "ssl_error_protocol_version_alert)", EITHER, id="nss-protocol-version-alert"),
    pytest.param("SSL received a weak ephemeral Diffie-Hellman key in Server Key Exchange handshake message. (Error "
                 "code: ssl_error_weak_server_ephemeral_dh_key)", (CIPHER,), id="nss-weak-dh"),
    pytest.param("SSL peer was unable to negotiate an acceptable set of security parameters. (Error code: "
                 "ssl_error_handshake_failure_alert)", (CIPHER, SERVER), id="nss-handshake-failure-alert"),
    # --- Schannel and .NET (Windows SDK:shared/winerror.h; dotnet/runtime System.Net.Security net_auth_tls_alert) --
    pytest.param("System.ComponentModel.Win32Exception (0x80090331): The client and server cannot communicate, "
                 "because they do not possess a common algorithm.", EITHER, id="schannel-algorithm-mismatch"),
    pytest.param("curl: (35) schannel: next InitializeSecurityContext failed: SEC_E_ALGORITHM_MISMATCH (0x80090331) - "
                 "The client and server cannot communicate, because they do not possess a common algorithm.", EITHER,
                 id="curl-schannel-mismatch"),
    pytest.param("System.ComponentModel.Win32Exception (0x80090302): The function requested is not supported",
                 EITHER, id="schannel-unsupported-function"),
    pytest.param("System.Net.Mail.SmtpException: Failure sending mail. ---> System.Security.Authentication."
                 "AuthenticationException: Authentication failed because the remote party sent a TLS alert: "
                 "'ProtocolVersion'.", EITHER, id="dotnet-alert-protocol-version"),
    pytest.param("System.Security.Authentication.AuthenticationException: Authentication failed because the remote "
                 "party sent a TLS alert: 'HandshakeFailure'.", (CIPHER, SERVER), id="dotnet-alert-handshake-failure"),
    pytest.param("System.Security.Authentication.AuthenticationException: A call to SSPI failed, see inner exception. "
                 "---> System.ComponentModel.Win32Exception: The message received was unexpected or badly formatted",
                 (CIPHER, SERVER, CLIENT), id="dotnet-illegal-message"),
    # --- Java / JSSE (openjdk:src/java.base/share/classes/sun/security/ssl; openjdk/jdk8u ClientHandshaker.java) -------
    pytest.param("javax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is disabled or cipher suites "
                 "are inappropriate)", EITHER, id="jsse-no-appropriate-protocol"),
    pytest.param("javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.com, port: 465;\n  nested "
                 "exception is:\n\tjavax.net.ssl.SSLHandshakeException: Received fatal alert: protocol_version", EITHER,
                 id="javamail-alert-protocol-version"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure", (CIPHER, SERVER),
                 id="jsse-alert-handshake-failure"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Server chose TLSv1, but that protocol version is not enabled or "
                 "not supported by the client.", (SERVER,), id="jsse8-server-chose-tls1"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Server chose SSLv3, but that protocol version is not enabled or "
                 "not supported by the client.", (SERVER,), id="jsse8-server-chose-sslv3"),
    # A JavaMail debug log where the program pinned TLSv1 and the server chose TLS 1.2: the program's side
    # (found in a public JavaMail example's comment, the exception as JSSE 8 words it)
    pytest.param("DEBUG SMTP: exception reading response: javax.net.ssl.SSLHandshakeException: Server chose TLSv1.2, "
                 "but that protocol version is not enabled or not supported by the client.", (CLIENT,),
                 id="javamail-server-chose-tls12"),
    # The boundary: JSSE's words for bytes that are no TLS record at all (sun/security/ssl/SSLSocketInputRecord.java)
    # are a plaintext answer to TLS, not a version either side refused
    pytest.param("javax.net.ssl.SSLException: Unsupported or unrecognized SSL message", ("tls-on-plaintext-port",),
                 id="jsse-plaintext-boundary"),
    pytest.param("javax.net.ssl.SSLHandshakeException: The server selected protocol version TLS10 is not accepted by "
                 "client preferences [TLS13, TLS12]", (SERVER,), id="jsse11-server-selected-tls10"),
    # --- Go crypto/tls (golang/go:src/crypto/tls/handshake_client.go, alert.go) ----------------------------------
    # github.com/grafana/grafana/issues/8385 (an SMTP relay offering SSL 3.0)
    pytest.param("SMTP error: tls: server selected unsupported protocol version 300", (SERVER,), id="grafana"),
    # github.com/gophish/gophish/issues/2503
    pytest.param("Max connection attempts exceeded - tls: server selected unsupported protocol version 301", (SERVER,),
                 id="gophish"),
    pytest.param("remote error: tls: protocol version not supported", EITHER, id="go-alert-70"),
    pytest.param("remote error: tls: handshake failure", (CIPHER, SERVER), id="go-alert-40"),
    # --- Apple Secure Transport (OSX/libsecurity_ssl/lib/SecureTransport.h: -9801 errSSLNegotiation, -9836
    # errSSLPeerProtocolVersion); the -9836 form against a TLS 1.0-only host in a public nscurl write-up
    pytest.param("Error Domain=NSURLErrorDomain Code=-1200 \"An SSL error has occurred and a secure connection to the "
                 "server cannot be made.\" UserInfo={_kCFStreamErrorCodeKey=-9836, _kCFStreamErrorDomainKey=3}",
                 (SERVER,), id="apple-9836"),
    pytest.param("CFNetwork SSLHandshake failed (-9801)\nNSURLSession/NSURLConnection HTTP load failed "
                 "(kCFStreamErrorDomainSSL, -9801)", (CIPHER, SERVER), id="apple-9801"),
    # --- Mbed TLS (Mbed-TLS/mbedtls:library/error.c) ----------------------------------------------------------
    pytest.param("SSL - The server has no ciphersuites in common with the client", (CIPHER,), id="mbedtls-no-suites"),
    pytest.param("SSL - Handshake protocol not within min/max boundaries", EITHER, id="mbedtls-version"),
    # --- the server's own log: the client is the old side -----------------------------------------------------
    # github.com/liuch/dmarc-srg/issues/51 (Dovecot 2.3, OpenSSL 1.1)
    pytest.param("imap-login: Disconnected: Connection closed: SSL_accept() failed: error:14209102:SSL routines:"
                 "tls_early_post_process_client_hello:unsupported protocol (no auth attempts in 0 secs): user=<>, "
                 "rip=127.0.0.1, lip=127.0.0.1, TLS handshaking: SSL_accept() failed: error:14209102:SSL routines:"
                 "tls_early_post_process_client_hello:unsupported protocol, session=<GqC79zvvFpp/AAAB>", (CLIENT,),
                 id="dovecot-dmarc-srg"),
    # github.com/docker-mailserver/docker-mailserver/issues/863 (Mac OS X 10.11 clients)
    pytest.param("Feb 26 10:00:21 mail dovecot: imap-login: Disconnected (no auth attempts in 0 secs): user=<>, "
                 "rip=192.168.5.48, lip=192.168.6.7, TLS handshaking: SSL_accept() failed: error:1417D102:SSL routines:"
                 "tls_process_client_hello:unsupported protocol, session=<HP2TSCFmzcLAqAUw>", (CLIENT,),
                 id="dovecot-el-capitan"),
    # github.com/nextcloud/server/issues/11741 (Nextcloud's IMAP login with old TLS)
    pytest.param("Oct 10 16:53:44 mail2 dovecot: imap-login: Disconnected (no auth attempts in 0 secs): user=<>, "
                 "rip=[...], lip=[...], TLS handshaking: SSL_accept() failed: error:1417A0C1:SSL routines:"
                 "tls_post_process_client_hello:no shared cipher, session=<rZVSBeF3LIs+0hlk>", (CIPHER, CLIENT),
                 id="dovecot-no-shared-cipher"),
    # github.com/Mailu/Mailu/issues/3398 (Dovecot with OpenSSL 3)
    pytest.param("Sep 10 01:14:33 imap-login: Info: Disconnected: Connection closed: SSL_accept() failed: "
                 "error:0A000102:SSL routines::unsupported protocol (no auth attempts in 0 secs): user=<>, "
                 "rip=172.104.137.47, rport=44316, lip=192.168.203.3, lport=993, TLS handshaking: SSL_accept() failed: "
                 "error:0A000102:SSL routines::unsupported protocol", (CLIENT,), id="dovecot-openssl3"),
    # github.com/trusteddomainproject/OpenDMARC/issues/156 (a mailing list host with old TLS)
    pytest.param("Apr  1 22:19:25 emp87 postfix/smtpd[1162142]: SSL_accept error from medusa.blackops.org"
                 "[208.69.40.157]: -1\nApr  1 22:19:25 emp87 postfix/smtpd[1162142]: warning: TLS library problem: "
                 "error:14209102:SSL routines:tls_early_post_process_client_hello:unsupported protocol:ssl/statem/"
                 "statem_srvr.c:1686:\nApr  1 22:19:25 emp87 postfix/smtpd[1162142]: lost connection after STARTTLS from "
                 "medusa.blackops.org[208.69.40.157]", (CLIENT,), id="postfix-opendmarc"),
    # github.com/Mailu/Mailu/issues/3398 (OpenSSL 3's server-side reason)
    pytest.param("Sep 10 01:14:31 imap-login: Info: Disconnected: Connection closed: SSL_accept() failed: "
                 "error:0A00018C:SSL routines::version too low (no auth attempts in 0 secs): user=<>, rip=172.104.137.47, "
                 "rport=41170, lip=192.168.203.3, lport=993, TLS handshaking: SSL_accept() failed: error:0A00018C:SSL "
                 "routines::version too low", (CLIENT,), id="dovecot-version-too-low"),
    # The protocol_version alert a server's log shows it RECEIVED: the client refused the server's old choice
    # (RFC 5246 appendix E.1), so the server is the old side; OpenSSL 3.0.19's 0A00042E, Postfix's tls_misc.c form
    pytest.param("postfix/smtpd[1234]: warning: TLS library problem: error:0A00042E:SSL routines::tlsv1 alert protocol "
                 "version:ssl/record/rec_layer_s3.c:1590:SSL alert number 70:", (SERVER,), id="postfix-received-alert-70"),
    pytest.param("imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=203.0.113.5, lip=192.0.2.1, TLS "
                 "handshaking: SSL_accept() failed: error:0A00042E:SSL routines::tlsv1 alert protocol version, "
                 "session=<abc>", (SERVER,), id="dovecot-received-alert-70"),
    # Exim over GnuTLS (Exim/exim:src/src/tls-gnu.c record_io_error; gnutls:lib/alert.c names alert 70)
    pytest.param("TLS error on connection from [203.0.113.5] (gnutls_handshake): A TLS fatal alert has been received: "
                 "Error in protocol version", (SERVER,), id="exim-received-alert-70"),
    # github.com/openssl/openssl/issues/22926 (Postfix with OpenSSL 3.0.11)
    pytest.param("postfix/smtpd[1920086]: warning: TLS library problem: error:0A000102:SSL routines::unsupported "
                 "protocol:../ssl/statem/statem_srvr.c:1657:", (CLIENT,), id="postfix-openssl3"),
    # github.com/docker-mailserver/docker-mailserver/issues/620 (a client offering only old ciphers)
    pytest.param("May 23 09:35:16 mail postfix/smtpd[5982]: SSL_accept error from d5152ddd0.static.telenet.be"
                 "[81.82.221.208]: -1\nMay 23 09:35:16 mail postfix/smtpd[5982]: warning: TLS library problem: "
                 "error:1408A0C1:SSL routines:ssl3_get_client_hello:no shared cipher:s3_srvr.c:1417:", (CIPHER, CLIENT),
                 id="postfix-no-shared-cipher"),
    # Exim (Exim/exim:src/src/smtp_in.c 'TLS error on %s %s', tls-openssl.c 'SSL_accept', tls-gnu.c 'gnutls_handshake')
    pytest.param("2026-12-05 10:00:00 TLS error on connection from [203.0.113.5] (SSL_accept): error:0A000102:SSL "
                 "routines::unsupported protocol", (CLIENT,), id="exim-openssl"),
    pytest.param("2026-12-05 10:00:00 TLS error on connection from [203.0.113.5] (gnutls_handshake): Could not negotiate "
                 "a supported cipher suite.", (CIPHER, CLIENT), id="exim-gnutls-cipher"),
    # GnuTLS's server side: the client's version too low (gnutls:lib/handshake.c _gnutls_negotiate_version)
    pytest.param("2026-12-05 10:00:00 TLS error on connection from [203.0.113.5] (gnutls_handshake): A packet with "
                 "illegal or unsupported version was received.", (CLIENT,), id="exim-gnutls-version"),
    # Sendmail (sendmail:sendmail/srvrsmtp.c 'STARTTLS=server, error: accept failed=%d, reason=%s, ...')
    pytest.param("sendmail[123]: STARTTLS=server, error: accept failed=-1, reason=unsupported protocol, SSL_error=1, "
                 "errno=0, retry=-1, relay=[203.0.113.5]", (CLIENT,), id="sendmail-server"),
    # github.com/nodemailer/smtp-server/issues/156 (an alarm panel's old TLS against Node's SMTP server)
    pytest.param("Error: 140063399927112:error:14209102:SSL routines:tls_early_post_process_client_hello:unsupported "
                 "protocol:../deps/openssl/openssl/ssl/statem/statem_srvr.c:1686", (CLIENT,), id="node-smtp-server"),
    # a Go server (golang/go:src/crypto/tls/handshake_server.go)
    pytest.param("tls: client offered only unsupported versions: [302 301]", (CLIENT,), id="go-server"),
    # a Java server (openjdk ClientHello.java; JDK 6-8 ServerHandshaker.java)
    pytest.param("javax.net.ssl.SSLHandshakeException: Client requested protocol TLSv1 is not enabled or supported in "
                 "server context", (CLIENT,), id="jsse11-server"),
    pytest.param("javax.net.ssl.SSLHandshakeException: The client supported protocol versions [TLSv1, TLSv1.1] are not "
                 "accepted by server preferences [TLS13, TLS12]", (CLIENT,), id="jsse11-server-supported-versions"),
    pytest.param("javax.net.ssl.SSLHandshakeException: Client requested protocol TLSv1 not enabled or not supported",
                 (CLIENT,), id="jsse8-server"),
    pytest.param("javax.net.ssl.SSLHandshakeException: no cipher suites in common", (CIPHER, CLIENT),
                 id="jsse-server-no-suites"),
    pytest.param("tls: no cipher suite supported by both client and server", (CIPHER, CLIENT), id="go-server-no-suite"),
    # Node.js: the server closed the connection on the client's hello, no TLS alert (nodejs/node:lib/_tls_wrap.js
    # onConnectEnd, the socket's end before secureConnect): a server whose TLS does not meet Node's (louislam/uptime-kuma#143;
    # polonel/trudesk#467, ciphers: 'SSLv3' forced in the client's options), before something on the way
    pytest.param("Error: Client network socket disconnected before secure TLS connection was established", (SERVER, CIPHER),
                 id="node-closed-on-hello"),
    pytest.param("SMTP Error: Client network socket disconnected before secure TLS connection was established\n"
                 "    at TLSSocket.onConnectEnd (node:_tls_wrap:1727:19)", (SERVER, CIPHER), id="node-closed-on-hello-stack"),
]


@pytest.mark.parametrize(("text", "accepted"), CASES)
def test_a_tls_version_or_cipher_failure_reads_the_outdated_side_first(text: str, accepted: tuple[str, ...]) -> None:
    try:
        causes = [d.cause for d in explain(text).diagnoses]
    except InputError:
        causes = []
    assert causes and causes[0] in accepted, causes


@pytest.mark.parametrize(("text", "logged"), [
    ("error:0A000102:SSL routines::unsupported protocol",
     ["imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=203.0.113.5, lip=192.0.2.1, TLS "
      "handshaking: SSL_accept() failed: error:0A000102:SSL routines::unsupported protocol",
      "TLS error on connection from [203.0.113.5] (SSL_accept): error:0A000102:SSL routines::unsupported protocol"]),
    ("A packet with illegal or unsupported version was received.",
     ["TLS error on connection from [203.0.113.5] (gnutls_handshake): A packet with illegal or unsupported version "
      "was received."]),
])
def test_the_same_reason_in_a_servers_log_blames_the_client(text: str, logged: list[str]) -> None:
    """The same words, first as the client's own error, then as Dovecot's (OpenSSL) and Exim's logs carry them."""
    top = explain(text).top
    assert top is not None and top.cause == SERVER
    for line in logged:
        top = explain(line).top
        assert top is not None and top.cause == CLIENT, line
