"""The wrong TLS mode on a port, read from the setting a text shows beside the error (a second pass
after test_explain_portproto.py, which catalogues the error words alone).

Users paste a library's options with its error: Django's settings, nodemailer's createTransport
object, Rails' smtp_settings, JavaMail's or Spring's properties, .NET's SmtpClient with EnableSsl,
PowerShell's Send-MailMessage, PHPMailer's debug line "Connection: opening to HOST:PORT", Python's
plaintext classes on an implicit-TLS port. Each library's words mean what its documentation says
(Django's EMAIL_USE_TLS is STARTTLS, EMAIL_USE_SSL TLS at once; nodemailer's secure: false is
STARTTLS; .NET's EnableSsl is STARTTLS on any port), so the port and the option decide more than
the error words: a timeout or a close with STARTTLS on 465 is the setting, and the same silence on
587 is not. Each case names its sources (the option's documentation, the error's code); the first
cause `explain` names must be one of the causes listed."""

from __future__ import annotations

import pytest
from helpers import Case, top_cause

from mailexpert.explain import named_setting

TLS_ON_PLAIN = ("tls-on-plaintext-port",)
PLAIN_ON_TLS = ("plaintext-on-tls-port",)

DJANGO = "django/django:docs/ref/settings.txt (EMAIL_USE_TLS: explicit TLS, generally on 587; EMAIL_USE_SSL: implicit TLS, 465)"
NODEMAILER = ("nodemailer.com/smtp ('secure – if true the connection will use TLS when connecting to server. If false (the "
              "default) then TLS is used if server supports the STARTTLS extension')")
RAILS = ("rails/rails:guides/source/configuring.md (smtp_settings: ':enable_starttls_auto', ':ssl/:tls - Enables the SMTP "
         "connection to use SMTP/TLS (SMTPS: SMTP over direct TLS connection)')")
JAVAMAIL = ("jakartaee/mail-api:com/sun/mail/smtp/package.html (mail.smtp.port, mail.smtp.ssl.enable, mail.smtp.starttls.enable, "
            "mail.smtp.socketFactory.class)")
JAVAMAIL_CONNECT = ("jakartaee/mail-api:SMTPTransport.java (openServer: 'Could not connect to SMTP host: %s, port: %d' with the "
                    "cause); javax.mail.MessagingException.toString ('nested exception is:')")
DOTNET = ("dotnet/dotnet-api-docs:xml/System.Net.Mail/SmtpClient.xml (EnableSsl: only RFC 3207 STARTTLS; 'This alternate "
          "connection method using SSL is not currently supported')")
POWERSHELL = ("PowerShell/PowerShell:src/Microsoft.PowerShell.Commands.Utility/commands/utility/Send-MailMessage.cs "
              "('if (UseSsl) _mSmtpClient.EnableSsl = true')")
PHPMAILER = ("PHPMailer/PHPMailer:src/SMTP.php (connect: 'Connection: opening to %s:%s, timeout=%s, options=%s', 'Connection: "
             "opened'), src/PHPMailer.php (smtpConnect: the 'ssl://' prefix for SMTPSecure 'ssl' only)")
MSMTP = ("marlam/msmtp:doc/msmtp.1 ('tls_starttls [(on|off)] Choose the TLS variant: start TLS from within the session "
         "(on, default), or tunnel the session through TLS (off)')")
SYMFONY = ("symfony/mailer:Transport/Smtp/Stream/SocketStream.php (initialize: 'ssl://' before host:port when TLS starts "
           "at once; 'Connection could not be established with host \"%s\": ')")
PHP_CONNECT = ("php/php-src:ext/standard/streamsfuncs.c (stream_socket_client: 'Unable to connect to %s (%s)', 'Unknown error' "
               "when no error string was set)")

CASES = [
    # --- STARTTLS or plain text on an implicit-TLS port: the client waits for a greeting -----------------
    Case("django-tls-on-465",
         "EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\nEMAIL_HOST = 'smtp.gmail.com'\nEMAIL_PORT = 465\n"
         "EMAIL_USE_TLS = True\n\nsmtplib.SMTPServerDisconnected: Connection unexpectedly closed", PLAIN_ON_TLS,
         DJANGO + "; python/cpython:Lib/smtplib.py (getreply: 'Connection unexpectedly closed')"),
    Case("nodemailer-secure-false-465",
         "const transporter = nodemailer.createTransport({\n  host: 'smtp.gmail.com',\n  port: 465,\n  secure: false,\n"
         "  auth: { user: 'me@gmail.com', pass: '...' }\n});\n\nError: Greeting never received\n"
         "    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/smtp-connection/index.js:790:19) {\n"
         "  code: 'ETIMEDOUT',\n  command: 'CONN'\n}", PLAIN_ON_TLS,
         NODEMAILER + "; nodemailer/nodemailer:lib/smtp-connection/index.js (greetingTimeout: 'Greeting never received')"),
    Case("nodemailer-json-465",
         "{\"host\": \"smtp.zoho.com\", \"port\": 465, \"secure\": false, \"auth\": {\"user\": \"me@example.com\"}}\n"
         "Error: Greeting never received", PLAIN_ON_TLS, NODEMAILER + " (the same options as JSON)"),
    Case("rails-starttls-465",
         "config.action_mailer.smtp_settings = {\n  address: 'smtp.gmail.com',\n  port: 465,\n  enable_starttls_auto: true\n}\n\n"
         "Net::ReadTimeout: Net::ReadTimeout", PLAIN_ON_TLS, RAILS + "; ruby/net-protocol:lib/net/protocol.rb (Net::ReadTimeout)"),
    Case("rails-old-hash-465",
         "ActionMailer::Base.smtp_settings = {\n  :address => \"smtp.gmail.com\",\n  :port => 465,\n"
         "  :enable_starttls_auto => true\n}\nEOFError: end of file reached", PLAIN_ON_TLS,
         RAILS + " (Ruby's old hash syntax); ruby/ruby:io.c (EOFError 'end of file reached')"),
    Case("spring-starttls-465",
         "spring.mail.host=smtp.gmail.com\nspring.mail.port=465\nspring.mail.properties.mail.smtp.starttls.enable=true\n\n"
         "org.springframework.mail.MailSendException: Mail server connection failed; nested exception is "
         "javax.mail.MessagingException: Could not connect to SMTP host: smtp.gmail.com, port: 465, response: -1",
         PLAIN_ON_TLS, JAVAMAIL + "; Spring Boot's spring.mail.port and spring.mail.properties.*; jakartaee/mail-api:"
         "SMTPTransport.java (openServer: 'response: -1' when no greeting came)"),
    # JavaMail's own property name holds "starttls": a setting, no STARTTLS that failed (concepts.yaml labels).
    Case("javamail-props-starttls-465-read-timeout",
         "props.put(\"mail.smtp.host\", \"smtp.gmail.com\");\nprops.put(\"mail.smtp.port\", \"465\");\n"
         "props.put(\"mail.smtp.starttls.enable\", \"true\");\n\njavax.mail.MessagingException: Could not connect to SMTP "
         "host: smtp.gmail.com, port: 465;\n  nested exception is:\n\tjava.net.SocketTimeoutException: Read timed out",
         PLAIN_ON_TLS, JAVAMAIL + "; " + JAVAMAIL_CONNECT),
    Case("dotnet-enablessl-465-timeout",
         "var client = new SmtpClient(\"smtp.gmail.com\", 465);\nclient.EnableSsl = true;\n\n"
         "System.Net.Mail.SmtpException: The operation has timed out.", PLAIN_ON_TLS,
         DOTNET + "; dotnet/runtime:System.Net.Mail (SmtpException net_timeout 'The operation has timed out.')"),
    Case("dotnet-initializer-465-closed",
         "SmtpClient smtp = new SmtpClient { Host = \"smtp.gmail.com\", Port = 465, EnableSsl = true };\n"
         "System.Net.Mail.SmtpException: Failure sending mail. ---> System.IO.IOException: Unable to read data from the "
         "transport connection: net_io_connectionclosed.", PLAIN_ON_TLS,
         DOTNET + "; dotnet/runtime:System.Net.Mail SmtpReplyReader (net_io_connectionclosed)"),
    Case("powershell-usessl-465",
         "PS C:\\> Send-MailMessage -From me@example.com -To you@example.com -Subject test -SmtpServer smtp.example.com "
         "-Port 465 -UseSsl -Credential $cred\nSend-MailMessage : The operation has timed out.", PLAIN_ON_TLS,
         POWERSHELL + "; " + DOTNET),
    Case("phpmailer-bare-host-465",
         "2024-01-01 10:00:00 Connection: opening to smtp.gmail.com:465, timeout=300, options=array()\n"
         "2024-01-01 10:00:00 Connection: opened\n2024-01-01 10:05:00 SERVER -> CLIENT: \n"
         "2024-01-01 10:05:00 Connection: closing due to error\n2024-01-01 10:05:00 SMTP Error: Could not connect to SMTP host.\n"
         "Mailer Error: SMTP Error: Could not connect to SMTP host.", PLAIN_ON_TLS,
         PHPMAILER + " (connect: any greeting but 220, here none: 'Connection: closing due to error'); its wiki's Troubleshooting "
         "('SMTPS on port 587 or SMTP+STARTTLS on port 465 will not work')"),
    # msmtp's "tls_starttls on" (the default) on 465: it waits for a greeting; the option's name is no STARTTLS that failed.
    Case("msmtp-starttls-465-read-timeout",
         "account default\nhost smtp.gmail.com\nport 465\nauth on\ntls on\ntls_starttls on\n\n"
         "msmtp: network read error: the operation timed out\nmsmtp: could not send mail (account default from "
         "/home/jo/.msmtprc)", PLAIN_ON_TLS,
         MSMTP + "; marlam/msmtp:src/net.c (net_recv: 'network read error: %s' with 'the operation timed out' for EAGAIN)"),
    Case("imaplib-plain-class-993", "M = imaplib.IMAP4('imap.gmail.com', 993)\nimaplib.IMAP4.abort: socket error: EOF",
         PLAIN_ON_TLS, "docs.python.org/3/library/imaplib.html (IMAP4: no TLS; IMAP4_SSL for 993); python/cpython:Lib/imaplib.py "
         "(_get_line: 'socket error: EOF')"),
    Case("poplib-plain-class-995", "server = poplib.POP3('pop.gmail.com', 995)\npoplib.error_proto: -ERR EOF", PLAIN_ON_TLS,
         "docs.python.org/3/library/poplib.html (POP3: no TLS; POP3_SSL for 995); python/cpython:Lib/poplib.py (_getline)"),

    # --- TLS at once on a port that speaks plain text first ----------------------------------------------
    Case("phpmailer-ssl-prefix-587-errno-0",
         "2024-01-01 10:00:00 Connection: opening to ssl://smtp.gmail.com:587, timeout=300, options=array()\n"
         "2024-01-01 10:00:00 SMTP ERROR: Failed to connect to server:  (0)\nSMTP Error: Could not connect to SMTP host.",
         TLS_ON_PLAIN, PHPMAILER + "; SMTP.php (connect: 'Failed to connect to server' with the stream's errno and errstr, "
         "none for a handshake that failed)"),
    Case("nodemailer-secure-true-587",
         "transporter = nodemailer.createTransport({\n  host: \"smtp.office365.com\",\n  port: 587,\n  secure: true\n});\n"
         "[Error: 140207006615424:error:1408F10B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/"
         "record/ssl3_record.c:332:\n] { library: 'SSL routines', function: 'ssl3_get_record', reason: 'wrong version number', "
         "code: 'ESOCKET', command: 'CONN' }", TLS_ON_PLAIN,
         NODEMAILER + "; openssl/openssl 1.1.1:ssl/ssl_err.c (SSL_R_WRONG_VERSION_NUMBER)"),
    Case("django-ssl-587",
         "EMAIL_HOST = 'smtp.office365.com'\nEMAIL_PORT = 587\nEMAIL_USE_SSL = True\n\n"
         "ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)", TLS_ON_PLAIN,
         DJANGO + "; python/cpython:Modules/_ssl.c"),
    Case("rails-ssl-587",
         "config.action_mailer.smtp_settings = { address: 'smtp.gmail.com', port: 587, ssl: true }\n"
         "OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: wrong version number", TLS_ON_PLAIN,
         RAILS + "; ruby/openssl:ext/openssl/ossl_ssl.c (ossl_start_ssl)"),
    Case("javamail-socketfactory-587",
         "props.put(\"mail.smtp.host\", \"smtp.gmail.com\");\nprops.put(\"mail.smtp.port\", \"587\");\n"
         "props.put(\"mail.smtp.socketFactory.class\", \"javax.net.ssl.SSLSocketFactory\");\n"
         "javax.mail.MessagingException: Could not connect to SMTP host: smtp.gmail.com, port: 587;\n  nested exception is:\n"
         "\tjavax.net.ssl.SSLException: Unrecognized SSL message, plaintext connection?", TLS_ON_PLAIN,
         JAVAMAIL + "; " + JAVAMAIL_CONNECT + "; openjdk/jdk:SSLSocketInputRecord.java"),
    Case("spring-ssl-enable-587-handshake",
         "spring.mail.host=smtp.office365.com\nspring.mail.port=587\nspring.mail.properties.mail.smtp.ssl.enable=true\n"
         "org.springframework.mail.MailSendException: Mail server connection failed; nested exception is "
         "javax.mail.MessagingException: Could not connect to SMTP host: smtp.office365.com, port: 587;\n  nested exception is:\n"
         "\tjavax.net.ssl.SSLHandshakeException: Remote host terminated the handshake", TLS_ON_PLAIN,
         JAVAMAIL + "; " + JAVAMAIL_CONNECT + "; the JDK's SSLHandshakeException 'Remote host terminated the handshake' "
         "(the server closed during the handshake), as pasted in public logs"),
    Case("mailkit-sslonconnect-587", "client.Connect(\"smtp.office365.com\", 587, true);\n"
         "MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS connection.",
         TLS_ON_PLAIN, "jstedfast/MailKit:MailKit/MailService.cs (Connect(host, port, bool useSsl): true is SslOnConnect), "
         "MailKit/Security/SslHandshakeException.cs"),
    Case("msmtp-tunnel-587",
         "account default\nhost smtp.office365.com\nport 587\ntls on\ntls_starttls off\n\n"
         "msmtp: TLS handshake failed: An unexpected TLS packet was received.\nmsmtp: could not send mail (account default "
         "from /home/jo/.msmtprc)", TLS_ON_PLAIN,
         MSMTP + "; marlam/msmtp:src/tls.c ('TLS handshake failed: %s' with gnutls_strerror); gnutls/gnutls:lib/errors.c "
         "(GNUTLS_E_UNEXPECTED_PACKET)"),
    # Symfony names the stream it opened; PHP's warning says "Unknown error" where no socket error was set.
    Case("symfony-ssl-stream-587-unknown-error",
         "Symfony\\Component\\Mailer\\Exception\\TransportException: Connection could not be established with host "
         "\"ssl://smtp.office365.com:587\": stream_socket_client(): Unable to connect to ssl://smtp.office365.com:587 "
         "(Unknown error)", TLS_ON_PLAIN, SYMFONY + "; " + PHP_CONNECT),
    Case("curl-smtps-587",
         "$ curl --url 'smtps://smtp.gmail.com:587' --mail-from me@gmail.com --mail-rcpt you@example.com -T mail.txt\n"
         "curl: (35) error:0A00010B:SSL routines::wrong version number", TLS_ON_PLAIN,
         "curl/curl:docs (smtps:// is SMTP over implicit TLS); openssl/openssl:include/openssl/sslerr.h"),
    Case("dotnet-linux-openssl",
         "System.Security.Authentication.AuthenticationException: The SSL connection could not be established, see inner "
         "exception.\n ---> Interop+OpenSsl+SslException: SSL Handshake failed with OpenSSL error - SSL_ERROR_SSL.\n"
         " ---> Interop+Crypto+OpenSslCryptographicException: error:0A00010B:SSL routines::wrong version number",
         TLS_ON_PLAIN, "dotnet/runtime's SslStream on Linux (Interop.OpenSsl: 'SSL Handshake failed with OpenSSL error - "
         "SSL_ERROR_SSL.' with OpenSSL's reason as the inner exception), as pasted in public logs"),
    # A server's log of a client that sent a TLS record before the greeting: TLS at once on a plaintext port.
    Case("exim-sync-error-tls-record",
         "2024-01-01 10:00:00 SMTP protocol synchronization error (input sent without waiting for greeting): rejected "
         "connection from H=[192.0.2.10] input=\"\\026\\003\\001\\002\\000\\001\\000\\001\\374\\003\\003\"", TLS_ON_PLAIN,
         "Exim/exim:src/src/smtp_in.c (check_sync: 'SMTP protocol synchronization error (input sent without waiting for "
         "greeting): rejected connection from %s input=\"%s\"', string_printing's octal escapes)"),
    Case("postscreen-pregreet-tls-record",
         "postfix/postscreen[1234]: PREGREET 517 after 0.04 from [192.0.2.10]:51234: \\026\\003\\001\\002\\000\\001\\000"
         "\\001\\374\\003\\003", TLS_ON_PLAIN,
         "vdukhovni/postfix:postfix/src/postscreen/postscreen_early.c (msg_info('PREGREET %d after %s from [%s]:%s: %.100s'))"),

    # --- the right mode for the port: the setting is no cause, the error's own words decide -------------
    # nodemailer's default (STARTTLS) on 587 with no greeting: no implicit-TLS port, so not the setting.
    Case("nodemailer-secure-false-587-no-greeting",
         "const transporter = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, secure: false });\n"
         "Error: Greeting never received", ("server-unavailable", "port-blocked-outbound", "tls-interception"),
         NODEMAILER + "; nodemailer/nodemailer:lib/smtp-connection/index.js (greetingTimeout)"),
    Case("django-ssl-465-bad-password",
         "EMAIL_HOST = 'smtp.gmail.com'\nEMAIL_PORT = 465\nEMAIL_USE_SSL = True\n\nsmtplib.SMTPAuthenticationError: (535, "
         "b'5.7.8 Username and Password not accepted. Learn more at\\n5.7.8  https://support.google.com/mail/?p=BadCredentials')",
         ("app-password-required", "password-rejected"),
         DJANGO + "; python/cpython:Lib/smtplib.py (SMTPAuthenticationError); Gmail's 535 5.7.8 reply"),
    Case("phpmailer-bare-host-587-refused",
         "2024-01-01 10:00:00 Connection: opening to smtp.example.com:587, timeout=300, options=array()\n"
         "2024-01-01 10:00:00 Connection failed. Error #2: stream_socket_client(): Unable to connect to smtp.example.com:587 "
         "(Connection refused) [/var/www/vendor/phpmailer/phpmailer/src/SMTP.php line 388]\n"
         "2024-01-01 10:00:00 SMTP ERROR: Failed to connect to server: Connection refused (111)\n"
         "SMTP Error: Could not connect to SMTP host.", ("port-closed", "port-blocked-outbound"),
         PHPMAILER + " (connect: 'Failed to connect to server' with the stream's errstr and errno); PHP's stream_socket_client "
         "warning ('Unable to connect to %s (%s)')"),
    # The DSN says smtp://, but Symfony starts TLS at once on 465 and names that stream: a TCP timeout there is
    # the network's, not a plaintext session.
    Case("symfony-dsn-smtp-465-tcp-timeout",
         "MAILER_DSN=smtp://me:secret@smtp.gmail.com:465\nConnection could not be established with host "
         "\"ssl://smtp.gmail.com:465\": stream_socket_client(): Unable to connect to ssl://smtp.gmail.com:465 "
         "(Connection timed out)", ("port-blocked-outbound", "port-closed"),
         SYMFONY + " (EsmtpTransport: a null tls on port 465 is TLS at once); " + PHP_CONNECT),
    Case("dotnet-enablessl-587-not-authenticated",
         "var client = new SmtpClient(\"smtp.office365.com\", 587) { EnableSsl = true };\n"
         "System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated. "
         "The server response was: 5.7.57 Client not authenticated to send mail.",
         ("smtp-auth-not-enabled", "auth-requires-tls", "password-rejected"),
         DOTNET + "; dotnet/runtime:System.Net.Mail (SmtpException 'The SMTP server requires a secure connection or the "
         "client was not authenticated. The server response was: %s'); Office 365's 5.7.57 reply"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_setting_beside_the_error_decides(case: Case) -> None:
    assert case.source
    assert len({c.name for c in CASES}) == len(CASES)
    found = top_cause(case.text)
    assert found in case.causes, (case.name, found, case.causes)


@pytest.mark.parametrize(("text", "setting"), [
    ("EMAIL_PORT = 465\nEMAIL_USE_TLS = True", "smtp unknown:465/starttls"),
    ("EMAIL_PORT=587\nEMAIL_USE_TLS=False\nEMAIL_USE_SSL=True", "smtp unknown:587/ssl"),
    ("{ host: 'smtp.example.com', port: 465, secure: true }", "smtp unknown:465/ssl"),
    ("props.put(\"mail.imap.port\", \"993\");\nprops.put(\"mail.imap.ssl.enable\", \"true\");", "imap unknown:993/ssl"),
    ("new SmtpClient(\"smtp.example.com\", 587) { EnableSsl = false }", "smtp smtp.example.com:587/plain"),
    ("Send-MailMessage -SmtpServer smtp.example.com -Port 25", "smtp unknown:25/plain"),
    ("Connection: opening to tls://smtp.example.com:465, timeout=300", "smtp smtp.example.com:465/ssl"),
    ("port 465\ntls on\ntls_starttls off", "smtp unknown:465/ssl"),
    ("Connection to \"smtp.example.com:465\" has been closed unexpectedly.", "smtp smtp.example.com:465/starttls"),
    ("port 25\ntls off\ntls_starttls on", "smtp unknown:25/plain"),
    ("M = imaplib.IMAP4('imap.example.com', 993)", "imap imap.example.com:993/plain"),
])
def test_a_librarys_options_name_the_setting(text: str, setting: str) -> None:
    found = named_setting(text)
    assert found is not None
    assert f"{found.protocol} {found.host}:{found.port}/{found.security}" == setting
    assert found.origin == "option"


@pytest.mark.parametrize("text", [
    # A port alone says no security: no setting.
    "EMAIL_PORT = 465",
    "{ host: 'smtp.example.com', port: 465 }",
    # Python's plaintext class on a port where the code may go on with starttls().
    "server = smtplib.SMTP('smtp.example.com', 587)",
])
def test_a_port_without_its_security_option_gives_no_setting(text: str) -> None:
    assert named_setting(text) is None
