"""The STARTTLS upgrade and what a server demands before AUTH, as the programs word it, and which
cause each reads as.

A catalogue of real messages, each checked at its source (the program's or library's own code, or a
public log or paste where the program fills in a host), with the causes it may honestly read as; the
first cause `explain` names must be one of them. Who printed it and whether the server offered
STARTTLS at all decide:

- a client that refuses because the server's EHLO/CAPABILITY lacks STARTTLS/STLS is
  starttls-not-offered (a middlebox that removed it, starttls-stripped, says the same words, so both
  are honest; nothing in the words tells them apart);
- a server that offered STARTTLS and then refuses or breaks the upgrade (454 "TLS not available",
  a handshake that fails right after 220) is starttls-failed;
- a server that refuses AUTH or MAIL before TLS ("530 5.7.0 Must issue a STARTTLS command first",
  "538 5.7.11", IMAP [PRIVACYREQUIRED], POP3 -ERR [AUTH] ...disallowed on non-secure connections) is
  auth-requires-tls, never a wrong password;
- a client library that will not send the password over the unencrypted connection it was given
  (Go's "unencrypted connection", msmtp's "cannot use a secure authentication method") says the
  setting would expose the password (cleartext-auth-exposed); the server not offering STARTTLS is
  why, so starttls-not-offered is honest too.

Nothing here may read as fine."""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

NOT_OFFERED = ("starttls-not-offered", "starttls-stripped")
FAILED = ("starttls-failed",)
UPGRADE = NOT_OFFERED + FAILED  # the words say the upgrade did not happen, not which side refused
REQUIRES_TLS = ("auth-requires-tls",)
# A server that lists no AUTH on this connection: it offers AUTH only after TLS, or none on this port at all.
NO_AUTH_BEFORE_TLS = ("auth-requires-tls", "smtp-auth-not-enabled", "mx-host-used-for-submission")
CLIENT_REFUSES_CLEARTEXT = ("cleartext-auth-exposed", "starttls-not-offered", "auth-requires-tls")

CASES = [
    # --- the client refuses: the server's EHLO / CAPABILITY lacks STARTTLS ----------------------------
    Case("python-smtplib",
         "smtplib.SMTPNotSupportedError: STARTTLS extension not supported by server.",
         NOT_OFFERED, "python/cpython Lib/smtplib.py SMTP.starttls: not self.has_extn('starttls')"),
    Case("django-smtp-backend",
         "Traceback (most recent call last):\n  File \"/usr/lib/python3.11/smtplib.py\", line 779, in starttls\n"
         "    raise SMTPNotSupportedError(\nsmtplib.SMTPNotSupportedError: STARTTLS extension not supported by server.",
         NOT_OFFERED, "python/cpython Lib/smtplib.py (the same), as a traceback"),
    Case("msmtp-no-starttls",
         "msmtp: the server does not support TLS via the STARTTLS command\n"
         "msmtp: could not send mail (account default from /home/alice/.msmtprc)",
         NOT_OFFERED, "marlam/msmtp src/msmtp.c msmtp_serverinfo/msmtp_sendmail: "
                      "'the server does not support TLS via the STARTTLS command'; 'could not send mail (account %s from %s)'"),
    Case("curl-smtp-starttls-not-supported",
         "curl: (64) STARTTLS not supported.",
         NOT_OFFERED, "curl/curl lib/smtp.c smtp_state_ehlo_resp failf 'STARTTLS not supported.' (CURLE_USE_SSL_FAILED = 64)"),
    Case("curl-imap-starttls-not-available",
         "curl: (64) STARTTLS not available.",
         NOT_OFFERED, "curl/curl lib/imap.c imap_state_capability_resp failf 'STARTTLS not available.'"),
    Case("curl-pop3-stls-not-supported",
         "curl: (64) STLS not supported.",
         NOT_OFFERED, "curl/curl lib/pop3.c pop3_state_capa_resp failf 'STLS not supported.'"),
    Case("curl-requested-ssl-level-failed",
         "curl: (64) Requested SSL level failed",
         UPGRADE, "curl/curl lib/strerror.c CURLE_USE_SSL_FAILED 'Requested SSL level failed' (no error buffer)"),
    Case("javamail-smtp-require-starttls",
         "javax.mail.MessagingException: STARTTLS is required but host does not support STARTTLS",
         NOT_OFFERED, "jakartaee/mail-api (com.sun.mail.smtp.SMTPTransport.protocolConnect, mail.smtp.starttls.required)"),
    Case("javamail-imap-require-starttls",
         "javax.mail.MessagingException: STARTTLS required but not supported by server;\n  nested exception is:\n"
         "\tcom.sun.mail.iap.ProtocolException: STARTTLS required but not supported by server",
         NOT_OFFERED, "com.sun.mail.imap.IMAPStore (mail.imap.starttls.required): ProtocolException 'STARTTLS required but not supported by server'"),
    Case("javamail-pop3-require-stls",
         "java.io.EOFException: STLS required but not supported",
         NOT_OFFERED, "com.sun.mail.pop3.POP3Store (mail.pop3.starttls.required): EOFException 'STLS required but not supported'"),
    Case("mailkit-smtp",
         "System.NotSupportedException: The SMTP server does not support the STARTTLS extension.\n"
         "   at MailKit.Net.Smtp.SmtpClient.Connect(String host, Int32 port, SecureSocketOptions options, CancellationToken cancellationToken)",
         NOT_OFFERED, "jstedfast/MailKit MailKit/Net/Smtp/SmtpClient.cs (SecureSocketOptions.StartTls, no STARTTLS capability)"),
    Case("mailkit-imap",
         "System.NotSupportedException: The IMAP server does not support the STARTTLS extension.",
         NOT_OFFERED, "jstedfast/MailKit MailKit/Net/Imap/ImapClient.cs"),
    Case("mailkit-pop3",
         "System.NotSupportedException: The POP3 server does not support the STLS extension.",
         NOT_OFFERED, "jstedfast/MailKit MailKit/Net/Pop3/Pop3Client.cs"),
    Case("dotnet-smtpclient",
         "System.Net.Mail.SmtpException: Server does not support secure connections.\n"
         "   at System.Net.Mail.SmtpConnection.GetConnection(String host, Int32 port)",
         NOT_OFFERED, "dotnet/runtime System.Net.Mail SR.MailServerDoesNotSupportStartTls 'Server does not support secure connections.'"),
    Case("thunderbird-smtp",
         "Sending of the message failed.\nAn error occurred while sending mail: Unable to establish a secure link with "
         "Outgoing server (SMTP) mail.example.com using STARTTLS since it doesn't advertise that feature. Switch off "
         "STARTTLS for that server or contact your service provider.",
         NOT_OFFERED, "Thunderbird composeMsgs.properties startTlsFailed (quoted in a public mitmproxy STARTTLS-stripping write-up)"),
    Case("k9-starttls-unavailable",
         "com.fsck.k9.mail.CertificateValidationException: STARTTLS connection security not available",
         NOT_OFFERED, "k9mail/k-9 SmtpTransport.kt / ImapConnection.java open() (older releases): 'STARTTLS connection security not available'"),
    Case("thunderbird-android-missing-capability",
         "com.fsck.k9.mail.MissingCapabilityException: Missing capability: STARTTLS",
         NOT_OFFERED, "thunderbird/thunderbird-android mail/common/.../MissingCapabilityException.kt ('Missing capability: $capabilityName'), "
                      "SmtpTransport.kt / RealImapConnection.kt (STARTTLS_REQUIRED without the capability)"),
    Case("evolution-smtp",
         "Failed to connect to SMTP server mail.example.com in secure mode: STARTTLS not supported",
         NOT_OFFERED, "GNOME/evolution-data-server src/camel/providers/smtp/camel-smtp-transport.c connect_to_server"),
    Case("evolution-imap",
         "Failed to connect to IMAP server mail.example.com in secure mode: STARTTLS not supported",
         NOT_OFFERED, "GNOME/evolution-data-server camel-imap-store.c (older IMAP provider) connect_to_server"),
    Case("evolution-pop3",
         "Failed to connect to POP server mail.example.com in secure mode: STLS not supported by server",
         NOT_OFFERED, "GNOME/evolution-data-server src/camel/providers/pop3/camel-pop3-store.c connect_to_server"),
    Case("python-imaplib",
         "imaplib.IMAP4.abort: TLS not supported by server",
         NOT_OFFERED, "python/cpython Lib/imaplib.py IMAP4.starttls: 'STARTTLS' not in self.capabilities"),
    Case("python-poplib",
         "poplib.error_proto: -ERR STLS not supported by server",
         NOT_OFFERED, "python/cpython Lib/poplib.py POP3.stls: 'STLS' not in self.capa()"),
    Case("ruby-net-smtp",
         "Net::SMTPUnsupportedCommand: STARTTLS is not supported on this server",
         NOT_OFFERED, "ruby/net-smtp lib/net/smtp.rb do_start: starttls_always? and not capable_starttls?"),
    Case("postfix-client-tls-required-not-offered",
         "postfix/smtp[4321]: 3F2A1C0D2E: to=<bob@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=0.31, "
         "delays=0.02/0.01/0.27/0, dsn=4.7.4, status=deferred (TLS is required, but was not offered by host "
         "mx.example.org[203.0.113.5])",
         NOT_OFFERED, "vdukhovni/postfix postfix/src/smtp/smtp_proto.c ('TLS is required, but was not offered by host %s', 4.7.4)"),
    Case("nodemailer-require-tls-502",
         "Error: Error upgrading connection with STARTTLS: 502 5.5.1 Unrecognized command",
         NOT_OFFERED, "nodemailer/nodemailer lib/smtp-connection/index.js (requireTLS sends STARTTLS though not advertised; "
                      "_actionSTARTTLS on a non-2xx reply)"),
    Case("phpmailer-starttls-502",
         "SMTP ERROR: STARTTLS command failed: 502 5.5.2 Error: command not recognized",
         NOT_OFFERED, "PHPMailer/PHPMailer src/PHPMailer.php smtpConnect (SMTPSecure 'tls' sends STARTTLS unconditionally), "
                      "src/SMTP.php sendCommand; Postfix's '502 5.5.2 Error: command not recognized'"),
    Case("swiftmailer-starttls-502",
         "Expected response code 220 but got code \"502\", with message \"502 5.5.1 Command not implemented\"",
         NOT_OFFERED, "swiftmailer/swiftmailer EsmtpTransport.php (STARTTLS expecting 220 whenever 'tls' is set), "
                      "AbstractSmtpTransport.php assertResponseCode; a Laravel app's note on Mailpit/MailHog without STARTTLS"),
    Case("swiftmailer-starttls-502-qmail",
         "Swift_TransportException: Expected response code 220 but got code \"502\", with message \"502 unimplemented (#5.5.1)\n\"",
         NOT_OFFERED, "swiftmailer (as above) against qmail-smtpd's err_unimpl '502 unimplemented (#5.5.1)' (a public database dump)"),
    Case("symfony-mailer-starttls-502",
         "Symfony\\Component\\Mailer\\Exception\\TransportException: Expected response code \"220\" but got code \"502\", "
         "with message \"502 5.5.2 Error: command not recognized\".",
         NOT_OFFERED, "symfony/mailer Transport/Smtp/EsmtpTransport.php (STARTTLS expecting 220), SmtpTransport.php assertResponseCode"),
    Case("curl-starttls-denied-502",
         "curl: (64) STARTTLS denied, code 502",
         UPGRADE, "curl/curl lib/smtp.c smtp_state_starttls_resp 'STARTTLS denied, code %d' (curl sends STARTTLS only "
                  "when advertised, so a 502 is a server that listed it and then refused it)"),
    Case("msmtp-starttls-502",
         "msmtp: command STARTTLS failed\nmsmtp: server message: 502 5.5.2 Error: command not recognized",
         UPGRADE, "marlam/msmtp src/smtp.c smtp_tls_init 'command %s failed'; src/msmtp.c 'server message: %s'"),
    Case("mutt-encrypted-connection-unavailable",
         "Encrypted connection unavailable",
         UPGRADE, "muttmua/mutt imap/imap.c, pop_lib.c (ssl_force_tls set, the connection stayed unencrypted)"),
    Case("outlook-express-0x800ccc7d",
         "The server does not support a SSL connection. Account: 'Postfix', Server: '192.168.171.130', Protocol: SMTP, "
         "Server Response: '250 DSN', Port: 25, Secure(SSL): Yes, Server Error: 250, Error Number: 0x800CCC7D",
         NOT_OFFERED, "a public forum paste (Outlook Express against a Postfix without TLS; its log shows 'lost connection after EHLO')"),

    # --- the server says itself that it does not offer STARTTLS -----------------------------------------
    Case("dovecot-imap-tls-not-enabled",
         "a2 BAD TLS support isn't enabled.",
         NOT_OFFERED, "dovecot/core src/login-common/client-common.c client_cmd_starttls (ssl = no), "
                      "imap-login-client.c imap_client_notify_starttls (BAD)"),
    Case("dovecot-pop3-tls-not-enabled",
         "-ERR TLS support isn't enabled.",
         NOT_OFFERED, "dovecot/core src/login-common/client-common.c client_cmd_starttls, pop3-login/client.c (-ERR)"),
    Case("exim-starttls-not-advertised",
         "503 STARTTLS command used when not advertised",
         NOT_OFFERED, "Exim/exim src/src/smtp_in.c STARTTLS_CMD (!fl.tls_advertised: synprot_error 503)"),
    Case("exim-starttls-not-advertised-phpmailer",
         "SMTP ERROR: STARTTLS command failed: 503 STARTTLS command used when not advertised",
         NOT_OFFERED, "Exim smtp_in.c (the same), through PHPMailer src/SMTP.php sendCommand"),
    Case("exim-starttls-not-advertised-log",
         "2025-01-05 10:00:01 SMTP protocol error in \"STARTTLS\" H=(laptop) [198.51.100.7]:58870 I=[203.0.113.5]:587 "
         "STARTTLS command used when not advertised",
         NOT_OFFERED, "Exim smtp_in.c synprot_error ('SMTP protocol error in \"%s\" %s %s', as fail2ban's exim filter matches it)"),

    # --- the server offered STARTTLS, then refused or broke the upgrade -------------------------------
    Case("postfix-454",
         "454 4.7.0 TLS not available due to local problem",
         FAILED, "vdukhovni/postfix postfix/src/smtpd/smtpd.c starttls_cmd"),
    Case("postfix-454-smtplib",
         "smtplib.SMTPResponseException: (454, b'4.7.0 TLS not available due to local problem')",
         FAILED, "postfix smtpd.c (the same), through Python smtplib's starttls()"),
    Case("postfix-454-mailkit",
         "MailKit.Net.Smtp.SmtpCommandException: 4.7.0 TLS not available due to local problem",
         FAILED, "postfix smtpd.c (the same), through MailKit (a public deployment note)"),
    Case("postfix-454-phpmailer",
         "SMTP ERROR: STARTTLS command failed: 454 4.7.0 TLS not available due to local problem",
         FAILED, "PHPMailer/PHPMailer src/SMTP.php sendCommand: 'SMTP ERROR: ' . '$command command failed' . ': ' . last_reply"),
    Case("postfix-454-msmtp",
         "msmtp: command STARTTLS failed\nmsmtp: server message: 454 4.7.0 TLS not available due to local problem\n"
         "msmtp: could not send mail (account default from /home/alice/.msmtprc)",
         FAILED, "marlam/msmtp src/smtp.c smtp_tls_init 'command %s failed'; src/msmtp.c 'server message: %s'"),
    Case("postfix-454-evolution",
         "Error while performing operation.\nSTARTTLS command failed: TLS not available due to local problem",
         FAILED, "GNOME/evolution-data-server camel-smtp-transport.c g_prefix_error 'STARTTLS command failed: ' (a public forum report)"),
    Case("postfix-454-nodemailer",
         "Error: Error upgrading connection with STARTTLS: 454 4.7.0 TLS not available due to local problem",
         FAILED, "nodemailer/nodemailer lib/smtp-connection/index.js _actionSTARTTLS + _formatError (message + ': ' + response)"),
    Case("curl-starttls-denied-454",
         "curl: (64) STARTTLS denied, code 454",
         FAILED, "curl/curl lib/smtp.c smtp_state_starttls_resp 'STARTTLS denied, code %d'"),
    Case("qmail-tls-missing-key",
         "454 TLS not available: missing RSA private key (#4.3.0)",
         FAILED, "qmail TLS patch qmail-smtpd.c tls_init"),
    Case("qmail-tls-missing-certificate",
         "454 TLS not available: missing certificate (#4.3.0)",
         FAILED, "qmail TLS patch qmail-smtpd.c tls_init"),
    Case("qmail-tls-ctx",
         "454 TLS not available: unable to initialize ctx (#4.3.0)",
         FAILED, "qmail TLS patch qmail-smtpd.c tls_init"),
    Case("postfix-client-refused-to-start-tls",
         "postfix/smtp[4321]: 3F2A1C0D2E: to=<bob@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=0.31, "
         "delays=0.02/0.01/0.27/0, dsn=4.7.0, status=deferred (TLS is required, but host mx.example.org[203.0.113.5] "
         "refused to start TLS: 454 4.7.0 TLS not available due to local problem)",
         FAILED, "vdukhovni/postfix postfix/src/smtp/smtp_proto.c ('TLS is required, but host %s refused to start TLS: %s')"),
    Case("exim-454",
         "454 TLS currently unavailable",
         FAILED, "Exim/exim src/src/smtp_in.c (STARTTLS: tls_server_start() DEFER -> '454 TLS currently unavailable')"),
    Case("exim-454-nodemailer",
         "Error upgrading connection with STARTTLS: 454 TLS currently unavailable",
         FAILED, "Exim smtp_in.c (the same), through nodemailer (a public incident log)"),
    Case("postfix-smtpd-key-unreadable",
         "postfix/smtpd[1234]: warning: TLS library problem: error:0200100D:system library:fopen:Permission denied:"
         "crypto/bio/bss_file.c:69:fopen('/etc/letsencrypt/live/mail.example.com/privkey.pem','r'):\n"
         "postfix/smtpd[1234]: warning: TLS library problem: error:140B0002:SSL routines:SSL_CTX_use_PrivateKey_file:"
         "system lib:ssl/ssl_rsa.c:367:\n"
         "postfix/smtpd[1234]: warning: cannot get RSA private key from file "
         "\"/etc/letsencrypt/live/mail.example.com/privkey.pem\": disabling TLS support",
         FAILED, "vdukhovni/postfix postfix/src/tls/tls_certkey.c ('cannot get %s private key from file \"%s\": disabling "
                 "TLS support'), tls_misc.c tls_print_errors ('TLS library problem: %s'); OpenSSL 1.1 error strings"),
    Case("symfony-mailer-unable-to-connect-starttls",
         "Unable to connect with STARTTLS.",
         FAILED, "symfony/mailer Transport/Smtp/EsmtpTransport.php (the server answered 220, the TLS handshake failed)"),
    Case("mutt-could-not-negotiate",
         "Could not negotiate TLS connection",
         FAILED, "muttmua/mutt smtp.c smtp_open, imap/imap.c, pop_lib.c: mutt_ssl_starttls() failed after the server accepted STARTTLS"),
    Case("dovecot-imap-tls-init",
         "* BYE [UNAVAILABLE] TLS initialization failed.",
         FAILED, "dovecot/core src/login-common/client-common.c client_start_tls; imap-login-client.c notify_disconnect (BYE [UNAVAILABLE])"),

    # --- the server refuses AUTH (or MAIL) before TLS -------------------------------------------------
    Case("postfix-530",
         "530 5.7.0 Must issue a STARTTLS command first",
         REQUIRES_TLS, "vdukhovni/postfix postfix/src/smtpd/smtpd.c (smtpd_tls_security_level = encrypt)"),
    Case("postfix-530-bounce",
         "<alice@example.ca>: host smtphm.sympatico.ca[65.54.191.190] said: 530 5.7.0\n"
         "    Must issue a STARTTLS command first (in reply to MAIL FROM command)",
         REQUIRES_TLS, "a public forum paste of a Postfix bounce quoting the remote server's RFC 3207 reply"),
    Case("gmail-530-smtplib",
         "smtplib.SMTPSenderRefused: (530, b'5.7.0 Must issue a STARTTLS command first.', 'alice@example.com')",
         REQUIRES_TLS, "mx.google.com's reply as recorded in a public smtp-reply parser test; Python smtplib's sendmail form"),
    Case("alertmanager-530",
         "email.loginAuth failed: 530 Must issue a STARTTLS command first",
         REQUIRES_TLS, "prometheus/alertmanager notify/email 'loginAuth' error wrapping (quoted in a public setup guide)"),
    Case("rfc4954-538",
         "538 5.7.11 Encryption required for requested authentication mechanism",
         REQUIRES_TLS, "RFC 4954 section 6; RFC 5248 X.7.11"),
    Case("dovecot23-imap-privacyrequired",
         "a NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
         REQUIRES_TLS, "dovecot/core 2.3 src/login-common/login-common.h AUTH_PLAINTEXT_DISABLED_MSG"),
    Case("dovecot24-imap-privacyrequired",
         "S1 NO [PRIVACYREQUIRED] Cleartext authentication disallowed on non-secure (SSL/TLS) connections.",
         REQUIRES_TLS, "dovecot/core 2.4 src/login-common/login-common.h AUTH_CLEARTEXT_DISABLED_MSG; imap-login/client-authenticate.c"),
    Case("dovecot23-pop3-auth",
         "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
         REQUIRES_TLS, "dovecot/core 2.3 pop3-login/client-authenticate.c POP3_CMD_REPLY_AUTH_ERROR"),
    Case("dovecot24-pop3-auth",
         "-ERR [AUTH] Cleartext authentication disallowed on non-secure (SSL/TLS) connections.",
         REQUIRES_TLS, "dovecot/core 2.4 pop3-login/client-authenticate.c POP3_CMD_REPLY_AUTH_ERROR"),
    Case("dovecot24-submission-530",
         "530 5.7.0 Cleartext authentication disallowed on non-secure (SSL/TLS) connections.",
         REQUIRES_TLS, "dovecot/core 2.4 submission-login/client-authenticate.c CLIENT_AUTH_RESULT_SSL_REQUIRED (530 5.7.0)"),
    Case("dovecot24-submission-523",
         "523 5.7.10 Cleartext authentication disallowed on non-secure (SSL/TLS) connections.",
         REQUIRES_TLS, "dovecot/core 2.4 submission-login/client-authenticate.c CLIENT_AUTH_RESULT_MECH_SSL_REQUIRED (523 5.7.10)"),
    Case("dovecot24-imap-alert-exposed",
         "* BAD [ALERT] cleartext authentication not allowed without SSL/TLS, but your client did it anyway. If anyone "
         "was listening, the password was exposed.\n"
         "S1 NO [PRIVACYREQUIRED] Cleartext authentication disallowed on non-secure (SSL/TLS) connections.",
         (*REQUIRES_TLS, "cleartext-auth-exposed"), "dovecot/core 2.4 src/login-common/client-common-auth.c client_check_plaintext_auth"),
    Case("dovecot23-windows-live-mail",
         "Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
         REQUIRES_TLS, "dovecot 2.3 AUTH_PLAINTEXT_DISABLED_MSG as Windows Live Mail shows it (a public forum report)"),

    Case("cyrus-login-under-a-layer",
         "a1 NO Login only available under a layer",
         REQUIRES_TLS, "cyrusimap/cyrus-imapd imap/imapd.c cmd_login (allowplaintext: no, no TLS layer)"),
    Case("dotnet-530-gmail",
         "System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not "
         "authenticated. The server response was: 5.7.0 Must issue a STARTTLS command first. x12sm1234567wrb.1 - gsmtp",
         REQUIRES_TLS, "dotnet/runtime System.Net.Mail SR.SmtpMustIssueStartTlsFirst + SR.MailServerResponse "
                       "('The server response was: {0}'); Gmail's 530 5.7.0 reply"),
    Case("dotnet-530-bare",
         "The SMTP server requires a secure connection or the client was not authenticated.",
         (*REQUIRES_TLS, "smtp-auth-not-enabled"),
         "dotnet/runtime SR.SmtpMustIssueStartTlsFirst: every 530 reads so, Gmail's '530 5.7.0 Authentication Required' too"),
    Case("nodemailer-invalid-login-530",
         "Error: Invalid login: 530 5.7.0 Must issue a STARTTLS command first.",
         REQUIRES_TLS, "nodemailer/nodemailer lib/smtp-connection/index.js _actionAUTHComplete: _formatError('Invalid login', "
                       "'EAUTH', str): the server's words, not a wrong password"),
    Case("javamail-send-failed-530",
         "com.sun.mail.smtp.SMTPSendFailedException: 530 5.7.0 Must issue a STARTTLS command first. x12sm1234567wrb.1 - gsmtp",
         REQUIRES_TLS, "JavaMail SMTPTransport (mail.smtp.starttls.enable unset) against Gmail"),
    Case("javamail-auth-failed-530",
         "javax.mail.AuthenticationFailedException: 530 5.7.0 Must issue a STARTTLS command first",
         REQUIRES_TLS, "JavaMail SMTPTransport.protocolConnect: the AUTH reply as the exception's message"),
    Case("phpmailer-auth-530",
         "SMTP ERROR: AUTH command failed: 530 5.7.0 Must issue a STARTTLS command first",
         REQUIRES_TLS, "PHPMailer/PHPMailer src/SMTP.php authenticate -> sendCommand('AUTH', ...)"),
    Case("phpmailer-mail-from-530",
         "SMTP ERROR: MAIL FROM command failed: 530 5.7.0 Must issue a STARTTLS command first",
         REQUIRES_TLS, "PHPMailer/PHPMailer src/SMTP.php mail -> sendCommand('MAIL FROM', ...)"),
    Case("symfony-mailer-530",
         "Failed to authenticate on SMTP server with username \"alice@example.com\" using the following authenticators: "
         "\"LOGIN\", \"PLAIN\". Authenticator \"LOGIN\" returned \"Expected response code \"334\" but got code \"530\", "
         "with message \"530 5.7.0 Must issue a STARTTLS command first.\"\".",
         REQUIRES_TLS, "symfony/mailer Transport/Smtp/EsmtpTransport.php handleAuth ('Failed to authenticate on SMTP server with "
                       "username \"%s\" using the following authenticators: \"%s\".', ' Authenticator \"%s\" returned \"%s\".')"),
    Case("python-imaplib-privacyrequired",
         "imaplib.IMAP4.error: b'[PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.'",
         REQUIRES_TLS, "dovecot 2.3 AUTH_PLAINTEXT_DISABLED_MSG through Python imaplib's login()"),
    Case("microsoft365-451-starttls",
         "451 5.7.3 STARTTLS is required to send mail [AM0PR02CA0001.eurprd02.prod.outlook.com]",
         REQUIRES_TLS, "smtp.office365.com's reply to MAIL FROM on an unencrypted connection (NagiosEnterprises/nagioscore#946)"),
    Case("dovecot-log-aborted-plaintext",
         "dovecot: pop3-login: Aborted login (tried to use disallowed plaintext auth): user=<>, rip=198.51.100.7, "
         "lip=203.0.113.5, session=<bs0n2KIJYQBQN9XN>",
         REQUIRES_TLS, "dovecot/core 2.3 src/login-common/client-common.c client_auth_fail_code_reasons "
                       "'tried to use disallowed plaintext auth' (public server-log pastes)"),

    # --- the client will not send the password unencrypted --------------------------------------------
    # Go's SendMail upgrades when STARTTLS is offered, then needs AUTH: a server that lists AUTH only after TLS
    # (Postfix smtpd_tls_auth_only) and a port that offers none say the same words.
    Case("go-net-smtp-no-auth",
         "smtp: server doesn't support AUTH",
         NO_AUTH_BEFORE_TLS,
         "golang/go src/net/smtp/smtp.go SendMail: c.ext has no AUTH"),
    # Exim answers AUTH it did not advertise so; Debian's exim4 advertises its password authenticators only under
    # TLS (server_advertise_condition), other set-ups have none: the words cannot decide.
    Case("exim-auth-not-advertised",
         "503 AUTH command used when not advertised",
         NO_AUTH_BEFORE_TLS,
         "Exim/exim src/src/smtp_in.c (AUTH_CMD: '503 AUTH command used when not advertised')"),
    Case("go-net-smtp-unencrypted",
         "unencrypted connection",
         CLIENT_REFUSES_CLEARTEXT, "golang/go src/net/smtp/auth.go plainAuth.Start: errors.New(\"unencrypted connection\")"),
    Case("msmtp-no-secure-auth",
         "msmtp: cannot use a secure authentication method\n"
         "msmtp: could not send mail (account default from /home/alice/.msmtprc)",
         CLIENT_REFUSES_CLEARTEXT, "marlam/msmtp src/smtp.c smtp_auth (no mechanism chosen and TLS not active)"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_message_reads_as_its_cause(case: Case) -> None:
    found = causes_of(case.text)
    assert found and found[0] in case.causes, (found, case.source)
