"""The wrong TLS mode on a port and a login refused for want of TLS, a third pass: the error texts alone, as
each stack prints them with no setting quoted beside them (test_explain_portproto.py, portproto2.py and
starttlsdiff.py have the first passes; this one adds the wordings and directions they do not have).

A catalogue of real messages, each checked at its source (the program's or library's own code, or a public
issue that quotes it where the program fills in a host or a file), with the causes it may honestly read as;
the first cause `explain` names must be one of them. The differentials:

- implicit TLS against a plaintext port: the answer to the ClientHello is no TLS record ("wrong version
  number", rustls's InvalidContentType, Schannel's SEC_E_INVALID_TOKEN): tls-on-plaintext-port. A server's
  log that shows the client's ClientHello bytes where an SMTP command was awaited says the same from the
  other side;
- the same "wrong version number" after STARTTLS was answered 220 (Symfony's "Unable to connect with
  STARTTLS: ...", the words say which handshake it was) is the server, or a device on the way, going on in
  plaintext: starttls-failed, not a mode mixed up;
- a reset during the handshake after STARTTLS cannot be decided by its words: a filter on the way, the
  server's TLS set-up or an interception are all honest;
- a login refused because the session is not encrypted (LOGINDISABLED, no AUTH before TLS) is
  auth-requires-tls, never a wrong password; a client that found no AUTH at all cannot tell it from a port
  that takes no logins.

Nothing here may read as fine."""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

TLS_ON_PLAIN = ("tls-on-plaintext-port",)
STARTTLS_BROKEN = ("starttls-failed",)
# A reset in the handshake after STARTTLS: the words do not say who cut it.
STARTTLS_RESET = ("starttls-failed", "port-blocked-outbound", "tls-interception")
REQUIRES_TLS = ("auth-requires-tls",)
# A server that lists no AUTH on this connection: it offers AUTH only after TLS, or none on this port at all.
NO_AUTH_BEFORE_TLS = ("auth-requires-tls", "smtp-auth-not-enabled", "mx-host-used-for-submission")

CASES = [
    # --- implicit TLS on a plaintext port, as each stack words the plaintext answer -------------------------
    Case("postfix-smtp-wrappermode-587",
         "postfix/smtp[1234]: SSL_connect error to smtp.office365.com[52.97.1.2]:587: -1\n"
         "postfix/smtp[1234]: warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:"
         "ssl/record/ssl3_record.c:354:",
         TLS_ON_PLAIN,
         "vdukhovni/postfix@17830e5c:postfix/src/tls/tls_client.c ('SSL_connect error to %s: %d'), "
         "postfix/src/tls/tls_misc.c ('TLS library problem: %s'): the relay client with smtp_tls_wrappermode=yes"),
    Case("lettre-rustls-invalid-content-type",
         "Connection error: received corrupt message of type InvalidContentType",
         TLS_ON_PLAIN,
         "lettre/lettre@fa402db5:src/transport/smtp/error.rs (Kind::Connection => 'Connection error', then "
         "': ' and the source); rustls/rustls@6868ee84:rustls/src/error/mod.rs ('received corrupt message of "
         "type {typ:?}')"),
    Case("node-err-ssl-code",
         "[Error: 13308:error:1408F10B:SSL routines:ssl3_get_record:wrong version number:"
         "c:\\ws\\deps\\openssl\\openssl\\ssl\\record\\ssl3_record.c:332:\n] {\n  library: 'SSL routines',\n"
         "  function: 'ssl3_get_record',\n  reason: 'wrong version number',\n  code: 'ERR_SSL_WRONG_VERSION_NUMBER'\n}",
         TLS_ON_PLAIN,
         "xpepermint/smtp-client#6 (Node's TLS error with its library/function/reason/code properties)"),
    Case("php-fsockopen-tls-587",
         "Warning: fsockopen(): SSL operation failed with code 1. OpenSSL Error messages: error:1408F10B:SSL "
         "routines:SSL3_GET_RECORD:wrong version number in E:\\www\\exp\\test_email.php on line 49\n\n"
         "Warning: fsockopen(): Failed to enable crypto in E:\\www\\exp\\test_email.php on line 49\n\n"
         "Warning: fsockopen(): unable to connect to tls://mail.example.com:587 (Unknown error) in "
         "E:\\www\\exp\\test_email.php on line 49",
         TLS_ON_PLAIN,
         "swiftmailer/swiftmailer#106 (PHP's stream warnings for tls:// -- implicit TLS -- to port 587)"),
    Case("webklex-php-imap-tls-587",
         "PHP Warning:  stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages:\n"
         "error:0A00010B:SSL routines::wrong version number in C:\\phpimap\\vendor\\webklex\\php-imap\\src\\"
         "Connection\\Protocols\\Protocol.php on line 244\n"
         "PHP Warning:  stream_socket_client(): Failed to enable crypto in C:\\phpimap\\vendor\\webklex\\php-imap"
         "\\src\\Connection\\Protocols\\Protocol.php on line 244\n"
         "PHP Warning:  stream_socket_client(): Unable to connect to tls://mail.example.com:587 (Unknown error) in "
         "C:\\phpimap\\vendor\\webklex\\php-imap\\src\\Connection\\Protocols\\Protocol.php on line 244",
         # An IMAP client on the SMTP submission port, with implicit TLS: both mistakes are in the setting.
         ("tls-on-plaintext-port", "wrong-protocol-on-port"),
         "Webklex/php-imap#581 (encryption 'tls' is PHP's tls://, implicit TLS, to port 587)"),
    Case("curl-schannel-invalid-token",
         "curl: (35) schannel: next InitializeSecurityContext failed: SEC_E_INVALID_TOKEN (0x80090308) - "
         "The token supplied to the function is invalid",
         TLS_ON_PLAIN,
         "curl/curl@5c61e168:lib/vtls/schannel.c ('schannel: next InitializeSecurityContext failed: %s'); Windows "
         "SDK winerror.h (SEC_E_INVALID_TOKEN 0x80090308)"),
    Case("python-packet-length-too-long",
         "ssl.SSLError: [SSL: PACKET_LENGTH_TOO_LONG] packet length too long (_ssl.c:1000)",
         TLS_ON_PLAIN,
         "python/cpython Modules/_ssl.c (fill_and_set_sslerror: '[%s: %s] %s (%s:%d)'); openssl "
         "include/openssl/sslerr.h (SSL_R_PACKET_LENGTH_TOO_LONG)"),
    Case("msmtp-gnutls-bare",
         "msmtp: TLS handshake failed: An unexpected TLS packet was received.\n"
         "msmtp: could not send mail (account default from /home/alice/.msmtprc)",
         TLS_ON_PLAIN,
         "marlam/msmtp src/tls.c ('TLS handshake failed: %s' with gnutls_strerror); gnutls/gnutls lib/errors.c "
         "(GNUTLS_E_UNEXPECTED_PACKET)"),
    Case("evolution-gnutls",
         "Failed to connect to SMTP server smtp.office365.com in secure mode: Error performing TLS handshake: "
         "An unexpected TLS packet was received.",
         TLS_ON_PLAIN,
         "GNOME/evolution-data-server src/camel/providers/smtp/camel-smtp-transport.c ('Failed to connect to SMTP "
         "server %s in secure mode: '); GNOME/glib-networking tls/gnutls/gtlsconnection-gnutls.c ('Error performing "
         "TLS handshake')"),
    Case("aiosmtplib-connect-wrong-version",
         "aiosmtplib.errors.SMTPConnectError: Error connecting to smtp.office365.com on port 587: "
         "[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)",
         TLS_ON_PLAIN,
         "cole/aiosmtplib src/aiosmtplib/smtp.py ('Error connecting to {hostname} on port {port}: {exc}'), "
         "use_tls=True to the STARTTLS port"),
    Case("spring-javamail-unrecognized",
         "org.springframework.mail.MailSendException: Mail server connection failed; nested exception is "
         "javax.mail.MessagingException: Could not connect to SMTP host: smtp.office365.com, port: 587;\n"
         "  nested exception is:\n\tjavax.net.ssl.SSLException: Unsupported or unrecognized SSL message",
         TLS_ON_PLAIN,
         "spring-projects/spring-framework spring-context-support JavaMailSenderImpl ('Mail server connection "
         "failed'); openjdk SSLSocketInputRecord.java (JDK 11+ 'Unsupported or unrecognized SSL message')"),
    # The server's side of the same mistake: Postfix's smtpd on a plaintext port reads the client's TLS
    # ClientHello (\026\003\001: a handshake record) where it awaited a command, before it sent its greeting.
    Case("postfix-smtpd-pipelining-clienthello",
         "postfix/submission/smtpd[1234]: improper command pipelining after CONNECT from unknown[192.0.2.10]: "
         "\\026\\003\\001\\002\\000\\001\\000\\001\\374\\003\\003",
         TLS_ON_PLAIN,
         "vdukhovni/postfix@17830e5c:postfix/src/smtpd/smtpd.c ('improper command pipelining after %s from %s: %s', "
         "the bytes escaped), smtpd.h (SMTPD_AFTER_CONNECT 'CONNECT')"),

    # --- a plaintext answer, or a cut, after STARTTLS was accepted -----------------------------------------
    Case("symfony-starttls-wrong-version",
         "Symfony\\Component\\Mailer\\Exception\\TransportException: Unable to connect with STARTTLS: "
         "stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error messages:\n"
         "error:0A00010B:SSL routines::wrong version number",
         STARTTLS_BROKEN,
         "symfony/mailer@eb0c3187:Transport/Smtp/Stream/SocketStream.php (startTLS: 'Unable to connect with "
         "STARTTLS: '.$msg, after EsmtpTransport sent STARTTLS and got 220); openssl/openssl#13063 (the server "
         "answers go-ahead to STARTTLS, then wrong version number)"),
    Case("symfony-starttls-wrong-version-bare",
         "Unable to connect with STARTTLS: stream_socket_enable_crypto(): SSL operation failed with code 1. "
         "OpenSSL Error messages:\nerror:1408F10B:SSL routines:ssl3_get_record:wrong version number",
         STARTTLS_BROKEN,
         "symfony/mailer@eb0c3187:Transport/Smtp/Stream/SocketStream.php (the same, OpenSSL 1.1's code)"),
    # PHPMailer calls stream_socket_enable_crypto() only in SMTP::startTLS, after the server's 220 to STARTTLS
    # (implicit TLS is stream_socket_client() with ssl://); its error handler prints "Connection failed.".
    Case("phpmailer-enable-crypto-wrong-version",
         "Connection failed. Error #2: stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL "
         "Error messages:error:1408F10B:SSL routines:SSL3_GET_RECORD:wrong version number",
         STARTTLS_BROKEN,
         "openssl/openssl#13063 (PHPMailer; the server answered go-ahead to STARTTLS first); PHPMailer/PHPMailer "
         "src/SMTP.php (startTLS: stream_socket_enable_crypto; errorHandler: 'Connection failed. Error #%d: %s')"),
    Case("symfony-starttls-reset",
         "Unable to connect with STARTTLS: stream_socket_enable_crypto(): SSL: Connection reset by peer",
         STARTTLS_RESET,
         "symfony/mailer@eb0c3187:Transport/Smtp/Stream/SocketStream.php (startTLS with PHP's own warning)"),
    Case("nodemailer-etls-close",
         "Error: Connection closed unexpectedly\n"
         "    at SMTPConnection._onClose (/app/node_modules/nodemailer/lib/smtp-connection/index.js:990:34) {\n"
         "  code: 'ETLS',\n  response: undefined,\n  command: 'CONN'\n}",
         STARTTLS_BROKEN,
         "nodemailer/nodemailer@2f667f42:lib/smtp-connection/index.js (_onClose: this.upgrading -> 'Connection "
         "closed unexpectedly' with code 'ETLS')"),

    # --- a login refused for want of TLS -------------------------------------------------------------------
    Case("node-imap-logging-disabled-exchange",
         "<= '* CAPABILITY IMAP4 IMAP4rev1 LOGINDISABLED STARTTLS UIDPLUS MOVE ID CHILDREN IDLE NAMESPACE LITERAL+'\n"
         "<= 'A0 OK CAPABILITY completed.'\n"
         "{ Error: Logging in is disabled on this server\n"
         "    at Connection.<anonymous> (/srv/app/node_modules/imap/lib/Connection.js:1655:15)",
         REQUIRES_TLS,
         "mscdex/node-imap#685 (lib/Connection.js: LOGINDISABLED and no usable AUTH; mscdex: LOGINDISABLED is "
         "advertised 'typically due to a required STARTTLS', #675)"),
    Case("smtp-server-538",
         "538 Error: Must issue a STARTTLS command first",
         REQUIRES_TLS,
         "nodemailer/smtp-server@58af498b:lib/smtp-connection.js (AUTH before TLS when the server requires it: "
         "this.send(538, 'Error: Must issue a STARTTLS command first'))"),
    Case("python-smtplib-no-auth",
         "smtplib.SMTPNotSupportedError: SMTP AUTH extension not supported by server.",
         NO_AUTH_BEFORE_TLS,
         "python/cpython Lib/smtplib.py (SMTP.login: not self.has_extn('auth'))"),
    Case("mailkit-smtp-no-auth",
         "System.NotSupportedException: The SMTP server does not support authentication.\n"
         "   at MailKit.Net.Smtp.SmtpClient.Authenticate(Encoding encoding, ICredentials credentials, "
         "CancellationToken cancellationToken)",
         # MailKit starts TLS itself whenever STARTTLS is offered, so this is the capability list after TLS.
         ("smtp-auth-not-enabled", "mx-host-used-for-submission", "auth-requires-tls"),
         "jstedfast/MailKit@d1f7aa76:MailKit/Net/Smtp/SmtpClient.cs (Authenticate: NotSupportedException 'The SMTP "
         "server does not support authentication.')"),
    Case("mailkit-imap-login-disabled-traceback",
         "MailKit.Security.AuthenticationException: The LOGIN command is disabled.\n"
         "   at MailKit.Net.Imap.ImapClient.Authenticate(Encoding encoding, ICredentials credentials, "
         "CancellationToken cancellationToken)",
         REQUIRES_TLS,
         "jstedfast/MailKit@d1f7aa76:MailKit/Net/Imap/ImapClient.cs (CheckCanLogin: LOGINDISABLED -> "
         "AuthenticationException 'The LOGIN command is disabled.')"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_message_reads_as_its_cause(case: Case) -> None:
    found = causes_of(case.text)
    assert found and found[0] in case.causes, (found, case.source)


def test_the_catalogue_names_each_case_once() -> None:
    assert len({c.name for c in CASES}) == len(CASES)
    assert len({c.text for c in CASES}) == len(CASES)
