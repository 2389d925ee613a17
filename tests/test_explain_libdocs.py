"""Library messages read as their makers' own troubleshooting pages say they mean.

Each case: the text as a user pastes it (the library's wording, verified at its source, in the wrapper the
library or framework adds), the causes it may honestly read as (the first of them the one the words and the
library's documentation decide; several where they cannot), the documentation that gives the meaning, and the
source of the wording. Nothing of a failed connection, handshake or login may read as fine."""

from __future__ import annotations

import pytest
from helpers import causes_of

CERT = ("cert-untrusted-issuer", "cert-self-signed", "cert-expired", "cert-hostname-mismatch", "tls-interception")
# A connection that a web host or network does not let out, or a port nothing listens on
BLOCKED = ("port-blocked-outbound", "smtp-port25-blocked", "all-mail-ports-blocked")
REFUSED = ("port-closed", *BLOCKED)
NAME = ("server-host-unknown", "server-host-typo", "server-host-no-address", "dns-server-misconfigured", "dns-outage")
PASSWORD = ("password-rejected", "app-password-required", "web-login-required", "username-wrong")
IMPLICIT_ON_PLAIN = ("tls-on-plaintext-port",)
PLAIN_ON_IMPLICIT = ("plaintext-on-tls-port",)

MAILKIT_OLD = (
    "MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS "
    "connection.\n\nOne possibility is that you are trying to connect to a port which does not support SSL/TLS.\n\n"
    "The other possibility is that the SSL certificate presented by the server is not trusted by the system for one "
    "or more of the following reasons:\n1. The server is using a self-signed certificate which cannot be verified.\n"
    "2. The local system is missing a Root or Intermediate certificate needed to verify the server's certificate.\n"
    "3. The certificate presented by the server is expired or invalid.\n\n"
    "See https://github.com/jstedfast/MailKit/blob/master/FAQ.md#InvalidSslCertificate for possible solutions.")

# MailKit 4's SslHandshakeException.Create() when its own certificate check recorded no failure (no
# SslCertificateValidationInfo): the certificate list, then "Another possibility" on SSL-on-connect only.
MAILKIT_HEAD = ("MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or "
                "TLS connection.\n\n")
MAILKIT_USUALLY = (
    "This usually means that the SSL certificate presented by the server is not trusted by the system for one or "
    "more of\nthe following reasons:\n\n1. The server is using a self-signed certificate which cannot be verified.\n"
    "2. The local system is missing a Root or Intermediate certificate needed to verify the server's certificate.\n"
    "3. A Certificate Authority CRL server for one or more of the certificates in the chain is temporarily "
    "unavailable.\n4. The certificate presented by the server is expired or invalid.\n\n")
MAILKIT_PORT = "Another possibility is that you are trying to connect to a port which does not support SSL/TLS.\n\n"
MAILKIT_TAIL = ("It is also possible that the set of SSL/TLS protocols supported by the client and server do not "
                "match.\n\nSee https://github.com/jstedfast/MailKit/blob/master/FAQ.md#SslHandshakeException for "
                "possible solutions.")
VERSIONS = ("tls-version-server-outdated", "tls-version-client-outdated", "tls-no-shared-cipher")

CASES = [
    # jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs (Create: validationInfo == null), written only
    # when MailService.DefaultServerCertificateValidationCallback refused no certificate: whatever "usually"
    # says, the certificate was not what failed. SSL on connect: a port without SSL/TLS (FAQ.md's first
    # scenario) or no version in common; STARTTLS: no version in common (FAQ.md's fourth).
    (MAILKIT_HEAD + MAILKIT_USUALLY + MAILKIT_PORT + MAILKIT_TAIL, (*IMPLICIT_ON_PLAIN, *VERSIONS)),
    (MAILKIT_HEAD + MAILKIT_USUALLY + MAILKIT_TAIL, VERSIONS),
    ("Failed to send email: " + MAILKIT_HEAD + MAILKIT_USUALLY + MAILKIT_PORT + MAILKIT_TAIL, (*IMPLICIT_ON_PLAIN, *VERSIONS)),
    # the inner exception, when pasted, still decides
    (MAILKIT_HEAD + MAILKIT_USUALLY + MAILKIT_PORT + MAILKIT_TAIL + " ---> System.IO.IOException: The handshake "
     "failed due to an unexpected packet format.", IMPLICIT_ON_PLAIN),
    (MAILKIT_HEAD + MAILKIT_USUALLY + MAILKIT_TAIL + " ---> System.Security.Authentication.AuthenticationException: "
     "Authentication failed because the remote party sent a TLS alert: 'ProtocolVersion'.",
     ("tls-version-server-outdated", "tls-version-client-outdated")),
    # a refused certificate gets its own lines instead (Create: validationInfo set)
    (MAILKIT_HEAD + "The server's SSL certificate could not be validated for the following reasons:\n"
     "\u2022 The server certificate has the following errors:\n  \u2022 The certificate chain was issued by an "
     "authority that is not trusted.\n", CERT),
    # --- JavaMail/Jakarta Mail: "[EOF]" is no greeting at all (javaee/javamail:mail/src/main/java/com/sun/mail/
    # smtp/SMTPTransport.java readServerResponse: the server closed before a line), so no other protocol's
    # server answered; on 465 it is the plain-text session on the implicit-TLS port. Spring's JavaMailSenderImpl
    # wraps it ("Mail server connection failed").
    ("org.springframework.mail.MailSendException: Mail server connection failed; nested exception is "
     "javax.mail.MessagingException: Got bad greeting from SMTP host: smtp.example.com, port: 465, response: [EOF]",
     PLAIN_ON_IMPLICIT),
    ("jakarta.mail.MessagingException: Got bad greeting from SMTP host: smtp.example.com, port: 587, response: [EOF]",
     ("server-unavailable", *PLAIN_ON_IMPLICIT, *BLOCKED)),
    # a greeting of another protocol is still the other server on the port
    ("javax.mail.MessagingException: Got bad greeting from SMTP host: mail.example.com, port: 143, response: * OK "
     "[CAPABILITY IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE STARTTLS AUTH=PLAIN] Dovecot ready.",
     ("wrong-protocol-on-port",)),
    # --- MailKit: FAQ.md "Why do I get SslHandshakeException": (1) SSL on a port without it, (2) an untrusted
    # or expired certificate, (3) a CRL server down, (4) no TLS version in common. The inner exception decides.
    # Wording: jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs (MailKit 2.x form, as logged)
    (MAILKIT_OLD + " ---> System.Security.Authentication.AuthenticationException: The remote certificate is "
     "invalid according to the validation procedure.", CERT),
    (MAILKIT_OLD + " ---> System.IO.IOException: The handshake failed due to an unexpected packet format.",
     IMPLICIT_ON_PLAIN),
    # --- PHPMailer: wiki Troubleshooting ("SMTP Error: Could not connect to SMTP host", "Connection refused",
    # hosting that blocks outbound SMTP, GoDaddy). Wording: PHPMailer/PHPMailer:src/SMTP.php (connect:
    # 'Failed to connect to server'), src/PHPMailer.php (smtp_connect_failed) with SMTPDebug's timestamps.
    ("2023-04-11 13:27:27 SMTP ERROR: Failed to connect to server: Connection refused (111)\n"
     "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting", REFUSED),
    ("2018-04-06 11:03:19 SMTP ERROR: Failed to connect to server: Connection timed out (110)\n"
     "2018-04-06 11:03:19 SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting",
     BLOCKED),
    ("2026-03-04 08:00:01 SMTP ERROR: Failed to connect to server: php_network_getaddresses: getaddrinfo failed: "
     "Name or service not known (0)\n2026-03-04 08:00:01 SMTP connect() failed. "
     "https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting", NAME),
    # wiki "Certificate verification failure" (PHP 5.6 verifies certificates; an outdated CA bundle, a
    # self-signed certificate or one for another name); the OpenSSL 1.0 wording the wiki quotes
    ("Warning: stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error messages:\n"
     "error:14090086:SSL routines:SSL3_GET_SERVER_CERTIFICATE:certificate verify failed in "
     "/var/www/vendor/phpmailer/phpmailer/src/SMTP.php on line 466\n"
     "SMTP Error: Could not connect to SMTP host.", CERT),
    # wiki "Mixed up SMTPSecure and Port": SMTPS (ssl://) on 587 fails in the TLS handshake...
    ("2026-03-04 08:00:01 Connection: opening to ssl://smtp.example.com:587, timeout=300, options=array()\n"
     "2026-03-04 08:00:01 Connection failed. Error #2: stream_socket_client(): SSL operation failed with code 1. "
     "OpenSSL Error messages:\nerror:1408F10B:SSL routines:ssl3_get_record:wrong version number "
     "[/var/www/vendor/phpmailer/phpmailer/src/SMTP.php line 388]\n"
     "2026-03-04 08:00:01 SMTP ERROR: Failed to connect to server:  (0)\n"
     "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting", IMPLICIT_ON_PLAIN),
    # ...and STARTTLS on 465 waits for a greeting that never comes (SMTP.php connected(): 'EOF caught while
    # checking if connected')
    ("2026-03-04 08:00:01 Connection: opening to smtp.example.com:465, timeout=300, options=array()\n"
     "2026-03-04 08:00:01 Connection: opened\n2026-03-04 08:05:01 SMTP INBOUND: \"\"\n"
     "2026-03-04 08:05:01 SERVER -> CLIENT: \n2026-03-04 08:05:01 SMTP NOTICE: EOF caught while checking if "
     "connected\n2026-03-04 08:05:01 SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting",
     PLAIN_ON_IMPLICIT),
    # PHPMailer/PHPMailer:src/PHPMailer.php (mailSend: PHP's mail() returned false): the site's own sendmail
    # program, which the PHP manual's mail requirements (php.net/manual/en/mail.requirements.php) name as
    # needed, is missing or not working -- no server was asked
    ("Message could not be sent. Mailer Error: Could not instantiate mail function.", ("client-config-corrupt",)),
    # wiki "Gmail, OAuth2 and 'less secure apps'": Gmail refuses a plain password (app password or OAuth2)
    ("2026-03-04 08:00:02 SERVER -> CLIENT: 535-5.7.8 Username and Password not accepted. For more information, "
     "go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials a1-20020a170902\n"
     "2026-03-04 08:00:02 SMTP ERROR: Password command failed: 535-5.7.8 Username and Password not accepted.\n"
     "SMTP Error: Could not authenticate.", PASSWORD),
    # --- nodemailer: nodemailer.com/smtp ("secure: true for port 465, false for other ports") and its error
    # codes. Wording: nodemailer/nodemailer:lib/smtp-connection/index.js
    ("Error: Greeting never received\n    at SMTPConnection._formatError "
     "(/app/node_modules/nodemailer/lib/smtp-connection/index.js:798:19) {\n  code: 'ETIMEDOUT',\n"
     "  command: 'CONN'\n}", (*PLAIN_ON_IMPLICIT, *BLOCKED)),
    # secure: true on 587: Node's OpenSSL error passed through as ESOCKET
    ("Error: C0A7E2D1F57F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:"
     "../deps/openssl/openssl/ssl/record/ssl3_record.c:355:\n\n    at SMTPConnection._onConnectionError "
     "(/app/node_modules/nodemailer/lib/smtp-connection/index.js:809:20) {\n  library: 'SSL routines',\n"
     "  reason: 'wrong version number',\n  code: 'ESOCKET',\n  command: 'CONN'\n}", IMPLICIT_ON_PLAIN),
    ("Error: connect ECONNREFUSED 127.0.0.1:587\n    at TCPConnectWrap.afterConnect [as oncomplete] "
     "(node:net:1555:16) {\n  errno: -111,\n  code: 'ESOCKET',\n  syscall: 'connect',\n  address: '127.0.0.1',\n"
     "  port: 587,\n  command: 'CONN'\n}", REFUSED),
    ("Error: Invalid login: 535-5.7.8 Username and Password not accepted. For more information, go to\n"
     "535 5.7.8  https://support.google.com/mail/?p=BadCredentials d2-20020a05600c\n"
     "    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/smtp-connection/index.js:798:19) {\n"
     "  code: 'EAUTH',\n  response: '535-5.7.8 Username and Password not accepted.',\n  responseCode: 535,\n"
     "  command: 'AUTH PLAIN'\n}", PASSWORD),
    # nodemailer.com/usage/using-gmail: an account with 2-step verification needs an app password
    ("Error: Invalid login: 534-5.7.9 Application-specific password required. Learn more at\n"
     "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor", ("app-password-required",)),
    ("Error: self-signed certificate in certificate chain\n    at TLSSocket.onConnectSecure "
     "(node:_tls_wrap:1674:34) {\n  code: 'ESOCKET',\n  command: 'CONN'\n}",
     ("cert-self-signed", "tls-interception", "cert-untrusted-issuer")),
    ("Error: getaddrinfo ENOTFOUND smtp.exmaple.com\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] "
     "(node:dns:107:26) {\n  errno: -3008,\n  code: 'EDNS',\n  syscall: 'getaddrinfo',\n"
     "  hostname: 'smtp.exmaple.com',\n  command: 'CONN'\n}", NAME),
    # --- Jakarta/JavaMail FAQ: "Unrecognized SSL message, plaintext connection?" is SSL to a port that speaks
    # plain text (mail.smtp.ssl.enable on 587: use mail.smtp.starttls.enable); "PKIX path building failed" a
    # certificate the JDK's trust store cannot verify. Wording: jakartaee/mail-api SMTPTransport.openServer.
    ("javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.com, port: 587;\n"
     "  nested exception is:\n\tjavax.net.ssl.SSLException: Unrecognized SSL message, plaintext connection?",
     IMPLICIT_ON_PLAIN),
    ("jakarta.mail.MessagingException: Could not connect to SMTP host: smtp.example.com, port: 465;\n"
     "  nested exception is:\n\tjavax.net.ssl.SSLHandshakeException: PKIX path building failed: "
     "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to "
     "requested target", CERT),
    # JavaMail FAQ: a plain connection to the SSL port reads no greeting (response -1)
    ("javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.com, port: 465, response: -1",
     PLAIN_ON_IMPLICIT),
    ("javax.mail.AuthenticationFailedException: 535-5.7.8 Username and Password not accepted. For more "
     "information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials x3-20020a17090", PASSWORD),
    ("org.springframework.mail.MailSendException: Mail server connection failed; nested exception is "
     "javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.com, port: 25;\n"
     "  nested exception is:\n\tjava.net.ConnectException: Connection timed out: connect", BLOCKED),
    # --- .NET System.Net.Mail.SmtpClient (learn.microsoft.com SmtpClient.EnableSsl remarks: STARTTLS only;
    # "the SMTP server requires a secure connection or the client was not authenticated": the reply decides)
    ("System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not "
     "authenticated. The server response was: 5.7.0 Must issue a STARTTLS command first. "
     "c12-20020a05620a0a8c00b0076d", ("auth-requires-tls",)),
    # --- Python smtplib/ssl docs: SMTP_SSL is TLS from the start (port 465), starttls() for 587
    ("Traceback (most recent call last):\n  File \"send.py\", line 9, in <module>\n"
     "    server = smtplib.SMTP_SSL(\"smtp.example.com\", 587)\n"
     "ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1129)", IMPLICIT_ON_PLAIN),
    ("smtplib.SMTPNotSupportedError: STARTTLS extension not supported by server.",
     ("starttls-not-offered", "starttls-stripped", "plaintext-on-tls-port")),
    ("smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted. For more information, go "
     "to\\n5.7.8  https://support.google.com/mail/?p=BadCredentials u9-20020a05600c')", PASSWORD),
    # --- Go: crypto/tls and crypto/x509 (tls.Dial to a plain port; a certificate not in the system roots)
    ("failed to send mail: tls: first record does not look like a TLS handshake", IMPLICIT_ON_PLAIN),
    ("dial smtp: tls: failed to verify certificate: x509: certificate signed by unknown authority", CERT),
    # --- Ruby: Action Mailer guide (enable_starttls for 587; ssl/tls: true for 465)
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.10:587 state=error: "
     "wrong version number", IMPLICIT_ON_PLAIN),
    ("Net::SMTPAuthenticationError: 535-5.7.8 Username and Password not accepted. For more information, go to",
     PASSWORD),
    # --- Symfony Mailer docs (smtp:// vs smtps:// DSN) and its TransportException wording
    # (symfony/mailer:Transport/Smtp/Stream/SocketStream.php)
    ('Connection could not be established with host "ssl://smtp.example.com:587": stream_socket_client(): SSL '
     'operation failed with code 1. OpenSSL Error messages:\nerror:0A00010B:SSL routines::wrong version number',
     IMPLICIT_ON_PLAIN),
    ('Symfony\\Component\\Mailer\\Exception\\TransportException: Connection could not be established with host '
     '"smtp.example.com:587": stream_socket_client(): Unable to connect to smtp.example.com:587 (Connection timed '
     'out)', BLOCKED),
    ('Failed to authenticate on SMTP server with username "alice@example.com" using the following authenticators: '
     '"LOGIN", "PLAIN", "XOAUTH2". Authenticator "LOGIN" returned "Expected response code "235" but got code '
     '"535", with message "535-5.7.8 Username and Password not accepted.', PASSWORD),
    # Swift Mailer (swiftmailer/swiftmailer:lib/classes/Swift/Transport/AbstractSmtpTransport.php
    # assertResponseCode): the server wants a login the program never sent
    ('Swift_TransportException: Expected response code 250 but got code "530", with message "530 5.7.1 '
     'Authentication required\r\n"', ("smtp-auth-not-enabled", "auth-requires-tls")),
    # --- more of the same documented meanings, through other wrappers
    # .NET SmtpClient (dotnet/runtime:src/libraries/System.Net.Mail/src/Resources/Strings.resx
    # SmtpMustIssueStartTlsFirst) around Gmail's "530 5.7.0 Authentication Required": no login was sent
    ("System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not "
     "authenticated. The server response was: 5.7.0 Authentication Required. Learn more at",
     ("smtp-auth-not-enabled", "auth-requires-tls")),
    # Jakarta Mail FAQ (a JDK that disables the old TLS versions a server still needs) through SMTPTransport's
    # "Could not convert socket to TLS"
    ("javax.mail.MessagingException: Could not convert socket to TLS;\n  nested exception is:\n\t"
     "javax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is disabled or cipher suites are "
     "inappropriate)", ("tls-version-server-outdated", "tls-version-client-outdated")),
    # jakartaee/mail-api:api/src/main/java/jakarta/mail/Service.java (no password given: nothing was sent)
    ("javax.mail.AuthenticationFailedException: failed to connect, no password specified?", ("client-config-corrupt",)),
    # Google's "log in via your web browser" (support.google.com/mail/?p=WebLoginRequired) through JavaMail
    ("javax.mail.AuthenticationFailedException: 534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1"
     "&scc=1&plt=AKgnsbs> Please log in via your web browser and\n534-5.7.14 then try again.",
     ("web-login-required",)),
    # Microsoft's 5.7.139 "SmtpClientAuthentication is disabled for the Tenant" (aka.ms/smtp_auth_disabled)
    # through MailKit's AuthenticationException
    ("MailKit.Security.AuthenticationException: 535: 5.7.139 Authentication unsuccessful, SmtpClientAuthentication "
     "is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.",
     ("basic-auth-disabled", "smtp-auth-not-enabled")),
    # Action Mailer's default smtp_settings are localhost:25 (guides.rubyonrails.org action_mailer_basics):
    # nothing listens there
    ('Errno::ECONNREFUSED: Connection refused - connect(2) for "localhost" port 25', ("port-closed",)),
    ("Net::SMTPAuthenticationError: 534-5.7.9 Application-specific password required. Learn more at",
     ("app-password-required",)),
]


@pytest.mark.parametrize(("text", "acceptable"), CASES)
def test_the_documented_cause_comes_first(text: str, acceptable: tuple[str, ...]) -> None:
    causes = causes_of(text)
    assert causes, "declined"
    assert causes[0] in acceptable, causes


# Texts whose words and documentation cannot decide the cause: each must still read as a failure with a
# cause, never be declined.
UNDECIDED = [
    # jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs (DefaultMessage), its first line alone: FAQ.md
    # names a port without SSL/TLS, an untrusted certificate, a CRL server out of reach, no TLS version in common
    "MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS "
    "connection.",
    # nodemailer/nodemailer:lib/smtp-transport/index.js ('end' before a result: the server closed the connection while
    # its greeting was awaited, lib/smtp-connection/index.js _onClose): no port or setting in the text decides which
    "Error: Unexpected socket close\n    at Timeout._onTimeout (/app/node_modules/nodemailer/lib/smtp-transport/"
    "index.js:190:33)\n    at listOnTimeout (node:internal/timers:581:17)",
    "Error: Unexpected socket close",
]


@pytest.mark.parametrize("text", UNDECIDED)
def test_an_undecided_failure_still_reads_as_one(text: str) -> None:
    assert causes_of(text), "declined"
