"""The wrong protocol or the wrong TLS mode on a port, as the programs on either end word it.

A catalogue of real messages, each checked at its source (the program's or library's code, or a
public paste of it where the code builds the text from parts), with the causes it may honestly
read as; the first cause `explain` names must be one of them. Direction decides: a TLS stack's
"wrong version number" (or its own word for a record that is no TLS record) printed by a client
means it started TLS and met a plaintext greeting (tls-on-plaintext-port); the same reason in a
server's log means a client spoke plaintext to its implicit-TLS port (plaintext-on-tls-port). A
client that reads another protocol's greeting (SMTP's "220", IMAP's "* OK", POP3's "+OK") is on
a port of that protocol (wrong-protocol-on-port); one that connected and got no greeting at all,
or a close before it, most often spoke plaintext to an implicit-TLS port, where the server waits
for a TLS handshake (plaintext-on-tls-port; a busy or failing server, server-unavailable, says
the same words)."""

from __future__ import annotations

import pytest
from helpers import Case

from mailexpert.explain import explain

TLS_ON_PLAIN = ("tls-on-plaintext-port",)
PLAIN_ON_TLS = ("plaintext-on-tls-port",)
WRONG_PROTOCOL = ("wrong-protocol-on-port",)
# Connected, then no greeting or a close before one: the words cannot tell a TLS port spoken plainly
# from a server that hung up on its own.
NO_GREETING = ("plaintext-on-tls-port", "server-unavailable")

CASES = [
    # --- a client started TLS at once and read a plaintext greeting ------------------------------------
    Case("openssl3-wrong-version", "error:0A00010B:SSL routines::wrong version number", TLS_ON_PLAIN,
         "openssl/openssl:include/openssl/sslerr.h (SSL_R_WRONG_VERSION_NUMBER 267), ssl/ssl_err.c"),
    Case("openssl11-wrong-version", "error:1408F10B:SSL routines:ssl3_get_record:wrong version number", TLS_ON_PLAIN,
         "openssl/openssl 1.1.1:ssl/ssl_err.c (SSL_F_SSL3_GET_RECORD, SSL_R_WRONG_VERSION_NUMBER)"),
    Case("openssl10-unknown-protocol", "error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol",
         TLS_ON_PLAIN, "openssl/openssl 1.0.2:ssl/ssl_err.c (SSL23_GET_SERVER_HELLO, SSL_R_UNKNOWN_PROTOCOL 252)"),
    Case("openssl3-packet-length", "error:0A0000C6:SSL routines::packet length too long", TLS_ON_PLAIN,
         "openssl/openssl:include/openssl/sslerr.h (SSL_R_PACKET_LENGTH_TOO_LONG 198)"),
    Case("curl-openssl3", "curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number", TLS_ON_PLAIN,
         "curl 8 built with OpenSSL 3.0.13, as pasted (the TLS backend's name and version, then OpenSSL's error string)"),
    Case("python-wrong-version", "ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)",
         TLS_ON_PLAIN, "python/cpython:Modules/_ssl.c (fill_and_set_sslerror: '[%s: %s] %s (%s:%d)')"),
    Case("python-unknown-protocol", "SSLError: [SSL: UNKNOWN_PROTOCOL] unknown protocol (_ssl.c:590)", TLS_ON_PLAIN,
         "python/cpython:Modules/_ssl.c; Flask-Mail with MAIL_USE_SSL on a STARTTLS port, as pasted"),
    Case("python-record-layer", "[SSL] record layer failure (_ssl.c:1032)", TLS_ON_PLAIN,
         "python/cpython:Modules/_ssl.c with OpenSSL 3.2+ (a reason name the module's table lacks: '[%s] %s'); "
         "imap_tools MailBox (implicit TLS) on port 143, as pasted"),
    Case("gnutls-unexpected-packet", "gnutls_handshake() failed: An unexpected TLS packet was received.", TLS_ON_PLAIN,
         "gnutls/gnutls:lib/errors.c (GNUTLS_E_UNEXPECTED_PACKET); curl/curl:lib/vtls/gtls.c ('gnutls_handshake() failed: %s')"),
    Case("gnutls-old-illegal-version", "gnutls_handshake() failed: A record packet with illegal version was received.",
         TLS_ON_PLAIN, "gnutls/gnutls:lib/gnutls_errors.c before commit 6378c46c (GNUTLS_E_UNSUPPORTED_VERSION_PACKET)"),
    Case("gnutls-decoding-handshake", "curl: (35) gnutls_handshake() failed: Error decoding the received TLS packet.",
         TLS_ON_PLAIN, "gnutls/gnutls:lib/errors.c since commit 3b22f305 (GNUTLS_E_UNEXPECTED_PACKET_LENGTH); "
         "curl/curl:lib/vtls/gtls.c ('gnutls_handshake() failed: %s'), CURLE_SSL_CONNECT_ERROR 35"),
    # GnuTLS since 2014 checks a record's type before its version (lib/record.c: check_recv_type, then
    # record_check_version), so a plaintext greeting fails as "An unexpected TLS packet was received" and this
    # newer wording is the version check itself: the ServerHello's version is one the client does not enable.
    Case("gio-gnutls", "Error performing TLS handshake: A packet with illegal or unsupported version was received.",
         ("tls-version-server-outdated",), "GNOME/glib-networking:tls/gnutls/gtlsconnection-gnutls.c ('Error performing "
         "TLS handshake: %s'); gnutls/gnutls:lib/errors.c (GNUTLS_E_UNSUPPORTED_VERSION_PACKET), lib/record.c"),
    Case("gio-openssl", "Error performing TLS handshake: error:0A00010B:SSL routines::wrong version number", TLS_ON_PLAIN,
         "GNOME/glib-networking:tls/openssl/gtlsconnection-openssl.c ('Error performing TLS handshake: %s')"),
    Case("nss-code", "SSL_ERROR_RX_RECORD_TOO_LONG", TLS_ON_PLAIN, "nss-dev/nss:lib/ssl/SSLerrs.h"),
    Case("nss-words", "SSL received a record that exceeded the maximum permissible length.", TLS_ON_PLAIN,
         "nss-dev/nss:lib/ssl/SSLerrs.h (SSL_ERROR_RX_RECORD_TOO_LONG)"),
    Case("dotnet-packet-format",
         "System.Security.Authentication.AuthenticationException: The handshake failed due to an unexpected packet format.",
         TLS_ON_PLAIN, "dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx (net_ssl_io_frame)"),
    Case("dotnet-frame-size", "System.IO.IOException: Cannot determine the frame size or a corrupted frame was received.",
         TLS_ON_PLAIN, "dotnet/runtime:src/libraries/System.Net.Security/src/Resources/Strings.resx (net_frame_read_size)"),
    Case("java-unrecognized", "javax.net.ssl.SSLException: Unrecognized SSL message, plaintext connection?", TLS_ON_PLAIN,
         "openjdk/jdk:src/java.base/share/classes/sun/security/ssl/SSLSocketInputRecord.java (JDK 8)"),
    Case("java11-unsupported", "javax.net.ssl.SSLException: Unsupported or unrecognized SSL message", TLS_ON_PLAIN,
         "openjdk/jdk:src/java.base/share/classes/sun/security/ssl/SSLSocketInputRecord.java (JDK 11+)"),
    Case("javamail-nested",
         "javax.mail.MessagingException: Could not connect to SMTP host: smtp.gmail.com, port: 587;\n"
         "  nested exception is:\n\tjavax.net.ssl.SSLException: Unrecognized SSL message, plaintext connection?",
         TLS_ON_PLAIN, "jakartaee/mail-api:SMTPTransport.java (openServer: 'Could not connect to SMTP host: %s, port: %d' "
         "with the cause); javax.mail.MessagingException.toString ('nested exception is:')"),
    Case("go-first-record", "tls: first record does not look like a TLS handshake", TLS_ON_PLAIN,
         "golang/go:src/crypto/tls/conn.go (readRecordOrCCS)"),
    Case("go-oversized-imap", "tls: oversized record received with length 19232", TLS_ON_PLAIN,
         "golang/go:src/crypto/tls/conn.go (readRecordOrCCS: the length check comes first; '* OK' reads as 19232)"),
    Case("node-openssl11",
         "Error: write EPROTO 140362458601344:error:1408F10B:SSL routines:ssl3_get_record:wrong version number:"
         "../deps/openssl/openssl/ssl/record/ssl3_record.c:332:", TLS_ON_PLAIN,
         "nodejs/node: an OpenSSL error through the socket's write (EPROTO), as pasted"),
    Case("node-openssl3",
         "Error: C0D7E5B1C67F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:"
         "../deps/openssl/openssl/ssl/record/ssl3_record.c:355:", TLS_ON_PLAIN,
         "nodejs/node 18+ (OpenSSL 3's error string with file and line), as nodemailer's secure: true on 587 pastes it"),
    Case("mailkit-smtp-587",
         "An error occurred while attempting to establish an SSL or TLS connection.\n\n"
         "When connecting to an SMTP service, port 587 is typically reserved for plain-text connections. If\n"
         "you intended to connect to SMTP on the SSL port, try connecting to port 465 instead. Otherwise,\n"
         "if you intended to use STARTTLS, make sure to use the following code:\n\n"
         "client.Connect (\"smtp.gmail.com\", 587, SecureSocketOptions.StartTls);", TLS_ON_PLAIN,
         "jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs (Create: '... is typically reserved for plain-text connections')"),
    Case("mailkit-imap-143",
         "MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS connection.\n\n"
         "When connecting to an IMAP service, port 143 is typically reserved for plain-text connections. If\n"
         "you intended to connect to IMAP on the SSL port, try connecting to port 993 instead.", TLS_ON_PLAIN,
         "jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs"),
    Case("ruby-openssl",
         "OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=142.250.27.108:587 state=error: wrong version number",
         TLS_ON_PLAIN, "ruby/openssl:ext/openssl/ossl_ssl.c (ossl_start_ssl: 'SSL_connect returned=%d errno=%d peeraddr=%s state=%s')"),
    Case("symfony-ssl-587",
         "Connection could not be established with host \"ssl://smtp.gmail.com:587\": stream_socket_client(): "
         "SSL operation failed with code 1. OpenSSL Error messages:\n"
         "error:1408F10B:SSL routines:ssl3_get_record:wrong version number", TLS_ON_PLAIN,
         "symfony/mailer:Transport/Smtp/Stream/SocketStream.php (initialize: 'Connection could not be established with host "
         "\"%s\": '); php/php-src:ext/openssl/xp_ssl.c ('SSL operation failed with code %d. %s%s')"),
    Case("phpmailer-ssl-587",
         "Connection failed. Error #2: stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages:\n"
         "error:1408F10B:SSL routines:ssl3_get_record:wrong version number "
         "[/var/www/vendor/phpmailer/phpmailer/src/SMTP.php line 388]", TLS_ON_PLAIN,
         "PHPMailer/PHPMailer:src/SMTP.php (errorHandler: \"$notice Error #$errno: $errmsg [$errfile line $errline]\", "
         "getSMTPConnection's stream_socket_client)"),
    Case("android-boringssl",
         "javax.net.ssl.SSLProtocolException: SSL handshake aborted: ssl=0x7c5b4f1e08: Failure in SSL library, usually a "
         "protocol error\nerror:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER", TLS_ON_PLAIN,
         "google/boringssl:ssl/tls_record.cc (SSL_R_WRONG_VERSION_NUMBER, printed 'error:100000f7:SSL routines:"
         "OPENSSL_internal:WRONG_VERSION_NUMBER'); google/conscrypt ('SSL handshake aborted: ssl=%p: Failure in SSL library, "
         "usually a protocol error'), as Android mail apps paste it"),
    Case("perl-io-socket-ssl-client", "SSL connect attempt failed error:0A00010B:SSL routines::wrong version number",
         TLS_ON_PLAIN, "noxxi/p5-io-socket-ssl:lib/IO/Socket/SSL.pm (connect_SSL: 'SSL connect attempt failed' and the "
         "OpenSSL error)"),
    Case("neomutt", "SSL failed: error:0A00010B:SSL routines::wrong version number", TLS_ON_PLAIN,
         "neomutt/neomutt:conn/openssl.c (ssl_negotiate: mutt_error(_(\"SSL failed: %s\"), ERR_error_string(...)))"),
    Case("fetchmail",
         "fetchmail: OpenSSL reported: error:0A00010B:SSL routines::wrong version number\nfetchmail: SSL connection failed.",
         TLS_ON_PLAIN, "fetchmail:socket.c (report_SSL_errors: 'OpenSSL reported: %s')"),

    # --- a server's log: a client spoke plaintext where the server awaited its handshake ----------------
    Case("dovecot-openssl11",
         "imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=192.0.2.10, lip=198.51.100.5, "
         "TLS handshaking: SSL_accept() failed: error:1408F10B:SSL routines:ssl3_get_record:wrong version number, "
         "session=<abc>", PLAIN_ON_TLS,
         "dovecot/core:src/login-common/client-common.c (disconnect reason 'TLS handshaking: SSL_accept() failed: %s')"),
    Case("dovecot-23-openssl3",
         "dovecot: imap-login: Disconnected: Connection closed: SSL_accept() failed: error:0A00010B:SSL routines::wrong "
         "version number (no auth attempts in 0 secs): user=<>, rip=192.0.2.10, lip=198.51.100.5, TLS handshaking: "
         "SSL_accept() failed: error:0A00010B:SSL routines::wrong version number, session=<FGxMfuU9CAklYp6t>", PLAIN_ON_TLS,
         "dovecot/core 2.3.x:src/login-common/client-common.c (the same reason twice, as logged)"),
    Case("dovecot-openssl10-unknown-protocol",
         "dovecot: pop3-login: Disconnected (no auth attempts): rip=192.0.2.10, lip=198.51.100.5, TLS handshaking: "
         "SSL_accept() failed: error:150760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol", PLAIN_ON_TLS,
         "dovecot/core 2.2; openssl 1.0.x:ssl/s23_srvr.c (SSL23_GET_CLIENT_HELLO: a first record that is no TLS)"),
    Case("dovecot-http-request",
         "imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=192.0.2.10, lip=198.51.100.5, TLS "
         "handshaking: SSL_accept() failed: error:0A00009C:SSL routines::http request, session=<abc>",
         ("plaintext-on-tls-port", "wrong-protocol-on-port"),
         "openssl/openssl:ssl/record (SSL_R_HTTP_REQUEST 156: a plaintext 'GET ' where a ClientHello was due)"),
    Case("postfix-smtps",
         "postfix/smtps/smtpd[1234]: warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:"
         "ssl/record/ssl3_record.c:354:\npostfix/smtps/smtpd[1234]: SSL_accept error from unknown[192.0.2.10]: -1",
         PLAIN_ON_TLS, "vdukhovni/postfix:postfix/src/tls/tls_misc.c (tls_print_errors: 'TLS library problem: %s'), "
         "src/tls/tls_server.c ('SSL_accept error from %s: %d')"),
    Case("exim-openssl",
         "TLS error on connection from [192.0.2.10] (SSL_accept): error:0A00010B:SSL routines::wrong version number",
         PLAIN_ON_TLS, "Exim/exim:src/src/tls-openssl.c (tls_server_start: tls_error(US'SSL_accept', ...)), src/src/smtp_in.c"),
    Case("exim-gnutls",
         "TLS error on connection from [192.0.2.10] (gnutls_handshake): A TLS packet with unexpected length was received.",
         PLAIN_ON_TLS, "Exim/exim:src/src/tls-gnu.c (tls_server_start); gnutls/gnutls:lib/errors.c (GNUTLS_E_UNEXPECTED_PACKET_LENGTH)"),
    Case("exim-gnutls-decoding",
         "TLS error on connection from [192.0.2.10] (gnutls_handshake): Error decoding the received TLS packet.",
         PLAIN_ON_TLS, "Exim/exim:src/src/tls-gnu.c (tls_server_start); gnutls/gnutls:lib/errors.c since commit 3b22f305"),
    Case("sendmail-server",
         "sm-mta[1234]: STARTTLS=server, error: accept failed=-1, reason=wrong version number, SSL_error=1, errno=0, "
         "retry=-1, relay=[192.0.2.10]", PLAIN_ON_TLS,
         "sendmail:sendmail/srvrsmtp.c ('STARTTLS=server, error: accept failed=%d, reason=%s, SSL_error=%d, errno=%d, "
         "retry=%d, relay=%.100s'; the SMTPS daemon takes the same path)"),
    Case("hmailserver-5",
         "\"TCPIP\"\t1234\t\"2014-01-01 10:00:00.000\"\t\"TCPConnection - SSL handshake with client failed. "
         "Error code: 336130315, Message: wrong version number, Remote IP: 192.0.2.10\"", PLAIN_ON_TLS,
         "hmailserver/hmailserver:hmailserver/source/Server/Common/TCPIP/TCPConnection.cpp@0492b809 (HandleHandshake)"),
    Case("couriertls", "couriertls: accept: error:1408F10B:SSL routines:ssl3_get_record:wrong version number", PLAIN_ON_TLS,
         "svarshavchik/courier-libs:tcpd/libcouriertls.c (sslerror(info, 'accept', n))"),
    Case("courier-pop3d-ssl",
         "Feb 14 14:14:43 www1 pop3d-ssl: couriertls: connect: error:1408F10B:SSL routines:SSL3_GET_RECORD:wrong version "
         "number", PLAIN_ON_TLS,
         "Courier-IMAP pop3d-ssl.dist.in (SSLLOGGEROPTS=\"-name=pop3d-ssl\": couriertls -server on 995); "
         "svarshavchik/courier-libs:tcpd/libcouriertls.c (the server's first SSL_accept logged as 'connect'), as pasted"),
    Case("perl-io-socket-ssl-server",
         "SSL accept attempt failed error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol", PLAIN_ON_TLS,
         "noxxi/p5-io-socket-ssl:lib/IO/Socket/SSL.pm (accept_SSL: 'SSL accept attempt failed'); a server's test that sends "
         "plain bytes expects this very line"),
    Case("perl-io-socket-ssl-server-openssl3",
         "SSL accept attempt failed error:0A00010B:SSL routines::wrong version number", PLAIN_ON_TLS,
         "noxxi/p5-io-socket-ssl:lib/IO/Socket/SSL.pm (accept_SSL) with OpenSSL 3's error string, which names no function "
         "(no 'get_client_hello' to tell the server's side)"),
    Case("nginx-mail-proxy",
         "2024/01/01 10:00:00 [crit] 123#0: *45 SSL_do_handshake() failed (SSL: error:1408F10B:SSL routines:"
         "ssl3_get_record:wrong version number) while SSL handshaking, client: 192.0.2.10, server: 0.0.0.0:993",
         PLAIN_ON_TLS, "nginx/nginx:src/mail/ngx_mail_handler.c (action 'SSL handshaking'), src/event/ngx_event_openssl.c"),

    # --- a client read another protocol's greeting ------------------------------------------------------
    Case("imaplib-smtp-greeting", "imaplib.IMAP4.abort: unexpected response: b'220 mail.example.com ESMTP Postfix'",
         WRONG_PROTOCOL, "python/cpython:Lib/imaplib.py (_get_response: 'unexpected response: %r')"),
    Case("smtplib-imap-greeting",
         "smtplib.SMTPConnectError: (-1, b'[CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ "
         "STARTTLS AUTH=PLAIN] Dovecot ready.')", WRONG_PROTOCOL,
         "python/cpython:Lib/smtplib.py (getreply: errcode -1 for a line whose first three characters are no number, "
         "the text from its fifth; SMTP.__init__: SMTPConnectError(code, msg) for a greeting other than 220)"),
    Case("poplib-smtp-greeting", "poplib.error_proto: b'220 mail.example.com ESMTP Postfix'", WRONG_PROTOCOL,
         "python/cpython:Lib/poplib.py (_getresp: 'if not resp.startswith(b\"+\"): raise error_proto(resp)')"),
    Case("go-imap-greeting",
         "short response: * OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS "
         "AUTH=PLAIN] Dovecot ready.", WRONG_PROTOCOL, "golang/go:src/net/textproto/reader.go (parseCodeLine)"),
    Case("go-pop3-greeting", "invalid response code: +OK Dovecot ready.", WRONG_PROTOCOL,
         "golang/go:src/net/textproto/reader.go (parseCodeLine)"),
    Case("mailkit-imap-greeting",
         "MailKit.Net.Imap.ImapProtocolException: Syntax error in IMAP server greeting. Unexpected token: 220",
         WRONG_PROTOCOL, "jstedfast/MailKit:MailKit/Net/Imap/ImapEngine.cs (GreetingSyntaxErrorFormat)"),
    Case("nodemailer-pop3-greeting", "Error: Invalid greeting. response=+OK Dovecot ready.: +OK Dovecot ready.",
         WRONG_PROTOCOL, "nodemailer/nodemailer:lib/smtp-connection/index.js (_actionGreeting: 'Invalid greeting. "
         "response=' + str; _formatError appends ': ' + response)"),
    Case("symfony-pop3-greeting",
         "Symfony\\Component\\Mailer\\Exception\\TransportException: Expected response code \"220\" but got empty code, "
         "with message \"+OK Dovecot ready.\".", WRONG_PROTOCOL,
         "symfony/mailer:Transport/Smtp/SmtpTransport.php (assertResponseCode: sscanf '%3d' finds no code)"),
    Case("mbsync-smtp-greeting", "IMAP error: unexpected reply: 220 mail.example.com ESMTP Postfix", WRONG_PROTOCOL,
         "isync:src/drv_imap.c (imap_socket_read: 'IMAP error: unexpected reply: %s %s' with no command in flight)"),
    Case("mbsync-pop3-greeting", "IMAP error: unexpected reply: +OK Dovecot ready.", WRONG_PROTOCOL,
         "isync:src/drv_imap.c (imap_socket_read: the check for a command in flight comes before a '+' continuation)"),
    Case("msmtp-imap-greeting",
         "msmtp: cannot get initial OK message from server\nmsmtp: server message: * OK [CAPABILITY IMAP4rev1 SASL-IR "
         "LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot ready.", WRONG_PROTOCOL,
         "marlam/msmtp:src/smtp.c (smtp_get_greeting: status other than 220), src/msmtp.c ('server message: %s')"),
    Case("phpmailer-pop3-greeting",
         "2024-01-01 10:00:00 Connection: opening to mail.example.com:110, timeout=300, options=array()\n"
         "2024-01-01 10:00:00 Connection: opened\n"
         "2024-01-01 10:00:00 SERVER -> CLIENT: +OK Dovecot ready.\n"
         "2024-01-01 10:00:00 Connection: closing due to error\n"
         "2024-01-01 10:00:00 SMTP Error: Could not connect to SMTP host.\n"
         "Mailer Error: SMTP Error: Could not connect to SMTP host.", WRONG_PROTOCOL,
         "PHPMailer/PHPMailer:src/SMTP.php (connect: 'Connection: opened', get_lines' 'SERVER -> CLIENT: ', any greeting "
         "but 220: 'Connection: closing due to error'), src/PHPMailer.php (smtpConnect: lang('connect_host'))"),

    # --- connected, and no greeting came (or a close before it) -------------------------------------------
    Case("postfix-relay-465-greeting",
         "postfix/smtp[1234]: 1A2B3C4D5E: to=<a@example.com>, relay=smtp.gmail.com[142.250.27.108]:465, delay=300, "
         "delays=0.01/0/300/0, dsn=4.4.2, status=deferred (conversation with smtp.gmail.com[142.250.27.108] timed out "
         "while receiving the initial server greeting)", PLAIN_ON_TLS,
         "vdukhovni/postfix:postfix/src/smtp/smtp_proto.c ('receiving the initial server greeting'), smtp_trouble.c "
         "('conversation with %s timed out while %s'): a relayhost on 465 without smtp_tls_wrappermode"),
    Case("smtplib-closed", "smtplib.SMTPServerDisconnected: Connection unexpectedly closed", NO_GREETING,
         "python/cpython:Lib/smtplib.py (getreply: 'Connection unexpectedly closed')"),
    Case("smtplib-closed-timeout", "smtplib.SMTPServerDisconnected: Connection unexpectedly closed: timed out", NO_GREETING,
         "python/cpython:Lib/smtplib.py (getreply: 'Connection unexpectedly closed: ' + str(e))"),
    Case("imaplib-eof", "imaplib.IMAP4.abort: socket error: EOF", NO_GREETING,
         "python/cpython:Lib/imaplib.py (_get_line: 'socket error: EOF')"),
    Case("poplib-eof", "poplib.error_proto: -ERR EOF", NO_GREETING,
         "python/cpython:Lib/poplib.py (_getline: raise error_proto('-ERR EOF'))"),
    Case("poplib-eof-traceback",
         "Traceback (most recent call last):\n  File \"fetch.py\", line 5, in <module>\n"
         "    M = poplib.POP3('pop.example.com', 995)\n"
         "  File \"/usr/lib/python3.11/poplib.py\", line 104, in __init__\n    self.welcome = self._getresp()\n"
         "  File \"/usr/lib/python3.11/poplib.py\", line 167, in _getresp\n    resp, o = self._getline()\n"
         "  File \"/usr/lib/python3.11/poplib.py\", line 151, in _getline\n    if not line: raise error_proto('-ERR EOF')\n"
         "poplib.error_proto: -ERR EOF", PLAIN_ON_TLS,
         "python/cpython:Lib/poplib.py (POP3.__init__ reads the greeting through _getresp and _getline)"),
    Case("nodemailer-greeting", "Error: Greeting never received", NO_GREETING,
         "nodemailer/nodemailer:lib/smtp-connection/index.js (greetingTimeout: 'Greeting never received', ETIMEDOUT)"),
    Case("nodemailer-socket-close", "Error: Unexpected socket close", NO_GREETING,
         "nodemailer/nodemailer:lib/smtp-transport/index.js (send: 'end' with no error), lib/smtp-connection/index.js (_onClose)"),
    Case("mailkit-disconnected", "MailKit.Net.Smtp.SmtpProtocolException: The SMTP server has unexpectedly disconnected.",
         NO_GREETING, "jstedfast/MailKit:MailKit/Net/Smtp/SmtpStream.cs"),
    Case("javamail-response-1", "javax.mail.MessagingException: Could not connect to SMTP host: smtp.gmail.com, port: 465, "
         "response: -1", NO_GREETING, "jakartaee/mail-api:SMTPTransport.java (openServer: 'response: -1')"),
    Case("javamail-pop3-eof", "javax.mail.MessagingException: Connect failed;\n  nested exception is:\n"
         "\tjava.io.EOFException: EOF on socket", NO_GREETING,
         "jakartaee/mail-api:com/sun/mail/pop3/Protocol.java ('EOF on socket'), POP3Store ('Connect failed')"),
    Case("curl-zero-bytes", "curl: (28) Operation timed out after 300000 milliseconds with 0 bytes received", NO_GREETING,
         "curl/curl:lib/transfer.c ('Operation timed out after %ld milliseconds with %ld bytes received')"),
    Case("aiosmtplib-eof", "aiosmtplib.errors.SMTPServerDisconnected: Unexpected EOF received", NO_GREETING,
         "cole/aiosmtplib:aiosmtplib/protocol.py (read_response: IncompleteReadError with nothing read)"),
    Case("symfony-empty", "Expected response code \"220\" but got empty code.", NO_GREETING,
         "symfony/mailer:Transport/Smtp/SmtpTransport.php (assertResponseCode on an empty response)"),
    Case("dotnet-closed",
         "System.Net.Mail.SmtpException: Failure sending mail. ---> System.IO.IOException: Unable to read data from the "
         "transport connection: net_io_connectionclosed.", NO_GREETING,
         "dotnet/runtime:System.Net.Mail SmtpReplyReader (resource key net_io_connectionclosed)"),
    Case("outlook-465-no-ssl",
         "Your server has unexpectedly terminated the connection. Possible causes for this include server problems, "
         "network problems, or a long period of inactivity. Account: 'me@example.com', Server: 'smtp.example.com', "
         "Protocol: SMTP, Port: 465, Secure(SSL): No, Error Number: 0x800CCC0F", PLAIN_ON_TLS,
         "Microsoft Outlook / Outlook Express (0x800CCC0F, IXP_E_CONNECTION_DROPPED), its 'Secure(SSL): No' on an "
         "implicit-TLS port"),
    Case("outlook-993-no-ssl",
         "Your server has unexpectedly terminated the connection. Possible causes for this include server problems, "
         "network problems, or a long period of inactivity. Account: 'me@example.com', Server: 'imap.example.com', "
         "Protocol: IMAP, Port: 993, Secure(SSL): No, Error Number: 0x800CCC0F", PLAIN_ON_TLS,
         "Microsoft Outlook / Outlook Express (0x800CCC0F)"),

    # --- STARTTLS --------------------------------------------------------------------------------------
    Case("javamail-convert", "javax.mail.MessagingException: Could not convert socket to TLS", ("starttls-failed",),
         "jakartaee/mail-api:SMTPTransport.java (startTLS)"),
    Case("s-client-no-starttls",
         "CONNECTED(00000003)\nDidn't find STARTTLS in server response, trying anyway...\n"
         "40C7F1B4A87F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:354:",
         ("starttls-not-offered", "starttls-stripped"),
         "openssl/openssl:apps/s_client.c (PROTO_SMTP: 'Didn't find STARTTLS in server response, trying anyway...'; "
         "the handshake that follows reads the server's plaintext answer)"),
]


def first_cause(text: str) -> str | None:
    found = [d.cause for d in explain(text).diagnoses if d.is_root]
    return found[0] if found else None


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_message_reads_as_its_cause(case: Case) -> None:
    assert case.source
    found = first_cause(case.text)
    assert found in case.causes, (case.name, found, case.causes)


def test_the_catalogue_names_each_case_once() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
