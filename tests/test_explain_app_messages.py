"""Applications' own mail-error messages as users paste them: the application's words, and the
library's error or the server's reply after them. The nested text says more than the wrapper
(a reply code, a TLS stack's verdict, a socket's errno, a resolver's words) and must win; the
application's own words decide only where they say something themselves. Each case names the
source of the application's words (the rows are in mailexpert/data/library-messages.yaml).
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

GMAIL_535 = ("535-5.7.8 Username and Password not accepted. For more information, go to\n"
             "535 5.7.8  https://support.google.com/mail/?p=BadCredentials x1-20020a - gsmtp")
CERT_UNTRUSTED = {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}


@pytest.mark.parametrize(("text", "causes"), [
    # WP Mail SMTP: awesomemotive/WP-Mail-SMTP:src/Admin/Pages/TestTab.php (get_debug_messages): the title
    # of its known-error table over PHPMailer's ErrorInfo and the SMTP debug log.
    ("Could not authenticate your SMTP account.", {"password-rejected"}),
    ("Could not authenticate your SMTP account.\nSMTP Error: Could not authenticate.\n"
     "SERVER -> CLIENT: 534-5.7.9 Application-specific password required. Learn more at\n"
     "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor - gsmtp", {"app-password-required"}),
    ("Could not connect to the SMTP host.\nSMTP Error: Could not connect to SMTP host.\n"
     # a refusal in a web application's mailer's words: the host's block first (connect-refused-web-app)
     "SMTP ERROR: Failed to connect to server: Connection refused (111)", {"port-blocked-outbound"}),
    ("Misconfigured server certificate.\nSMTP Error: Could not connect to SMTP host.\n"
     "Connection failed. Error #2: stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error "
     "messages:\nerror:14090086:SSL routines:ssl3_get_server_certificate:certificate verify failed", CERT_UNTRUSTED),
    ("Misconfigured server certificate.", CERT_UNTRUSTED | {"cert-expired", "cert-hostname-mismatch"}),
    # Laravel (Symfony Mailer's TransportException): symfony/mailer:Transport/Smtp/Stream/SocketStream.php
    ("Symfony\\Component\\Mailer\\Exception\\TransportException: Connection could not be established with host "
     "\"ssl://mail.example.com:465\": stream_socket_client(): Unable to connect to ssl://mail.example.com:465 "
     "(Connection refused)", {"port-closed"}),
    ("Connection could not be established with host \"ssl://smtp.office365.com:587\": stream_socket_client(): "
     "SSL operation failed with code 1. OpenSSL Error messages:\nerror:0A00010B:SSL routines::wrong version number",
     {"tls-on-plaintext-port"}),
    # Nextcloud server: nextcloud/server:apps/settings/lib/Controller/MailSettingsController.php (sendTestMail)
    ("A problem occurred while sending the email. Please revise your settings. (Error: Failed to authenticate on SMTP "
     "server with username \"nc@example.com\" using the following authenticators: \"LOGIN\", \"PLAIN\". Authenticator "
     "\"LOGIN\" returned \"Expected response code \"235\" but got code \"535\", with message \"535 5.7.8 Error: "
     "authentication failed: UGFzc3dvcmQ6\".\".)", {"password-rejected"}),
    ("A problem occurred while sending the email. Please revise your settings. (Error: Connection could not be "
     "established with host \"ssl://mail.example.com:587\": stream_socket_client(): SSL operation failed with code 1. "
     "OpenSSL Error messages:\nerror:0A00010B:SSL routines::wrong version number)", {"tls-on-plaintext-port"}),
    # Odoo: odoo/odoo:odoo/addons/base/models/ir_mail_server.py (test_smtp_connection, connect)
    ("An SSL exception occurred. Check connection security type.\n [SSL: WRONG_VERSION_NUMBER] wrong version number "
     "(_ssl.c:1131)", {"tls-on-plaintext-port"}),
    ("No response received. Check server address and port number.\n [Errno -2] Name or service not known",
     {"server-host-unknown", "server-host-typo"}),
    ("The server has closed the connection unexpectedly. Check configuration served on this port number.\n "
     "Connection unexpectedly closed", {"plaintext-on-tls-port", "server-unavailable"}),
    ("Connection Test Failed! Here is what we got instead:\n (535, b'5.7.8 Username and Password not accepted. Learn "
     "more at\\n5.7.8  https://support.google.com/mail/?p=BadCredentials t1sm1 - gsmtp')",
     {"password-rejected", "app-password-required"}),
    ("The server refused the sender address (odoo@example.com) with error b'5.7.1 Sender address rejected: not owned "
     "by user jo@example.com'", {"sender-address-not-allowed"}),
    ("Missing SMTP Server\nPlease define at least one SMTP server, or provide the SMTP parameters explicitly.",
     {"client-config-corrupt"}),
    ("An SMTP exception occurred. Check port number and connection security type.\n SMTP AUTH extension not "
     "supported by server.", {"auth-requires-tls", "smtp-auth-not-enabled"}),
    # Gitea: go-gitea/gitea:services/mailer/sender/smtp.go, services/mailer/mailer.go; its admin page's test mail.
    ("Failed to send a testing email to jo@example.com: SMTP server does not support AUTH, but credentials provided",
     {"auth-requires-tls", "smtp-auth-not-enabled"}),
    ("failed to authenticate SMTP: 535 5.7.8 Error: authentication failed: authentication failure",
     {"password-rejected"}),
    ("Failed to send a testing email to jo@example.com: failed to send message via SMTP: dial failed: tls: failed to "
     "verify certificate: x509: certificate signed by unknown authority", CERT_UNTRUSTED),
    # Home Assistant: home-assistant/core:homeassistant/components/smtp/notify.py (connection_is_valid),
    # logged with the exception's traceback after it.
    ("[homeassistant.components.smtp.notify] Login not possible. Please check your setting and/or your credentials\n"
     "smtplib.SMTPAuthenticationError: (535, b'5.7.8 Error: authentication failed: authentication failure')",
     {"password-rejected"}),
    ("[homeassistant.components.smtp.notify] SMTP server not found or refused connection (192.168.1.5:25). Please "
     "check the IP address, hostname, and availability of your SMTP server\nConnectionRefusedError: [Errno 111] "
     "Connection refused", {"port-closed"}),
    ("[homeassistant.components.smtp.notify] SMTP server not found or refused connection (smtp.example.com:587). "
     "Please check the IP address, hostname, and availability of your SMTP server\nsocket.gaierror: [Errno -2] Name "
     "or service not known", {"server-host-unknown", "server-host-typo"}),
    # Spring: spring-projects/spring-framework:spring-context-support/.../javamail/JavaMailSenderImpl.java (doSend)
    ("org.springframework.mail.MailSendException: Mail server connection failed; nested exception is "
     "com.sun.mail.util.MailConnectException: Couldn't connect to host, port: localhost, 25; timeout -1;\n"
     "  nested exception is:\n\tjava.net.ConnectException: Connection refused (Connection refused). Failed messages: "
     "com.sun.mail.util.MailConnectException: Couldn't connect to host, port: localhost, 25; timeout -1", {"port-closed"}),
    ("org.springframework.mail.MailAuthenticationException: Authentication failed; nested exception is "
     "javax.mail.AuthenticationFailedException: " + GMAIL_535, {"password-rejected", "app-password-required"}),
    ("org.springframework.mail.MailAuthenticationException: Authentication failed", {"password-rejected"}),
    ("org.springframework.mail.MailSendException: Mail server connection failed; nested exception is "
     "javax.mail.MessagingException: Could not convert socket to TLS;\n  nested exception is:\n\t"
     "javax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is disabled or cipher suites are "
     "inappropriate)", {"tls-version-client-outdated", "tls-version-server-outdated"}),
    # Keycloak: keycloak/keycloak:services/src/main/java/org/keycloak/email/DefaultEmailSenderProvider.java (send)
    ("ERROR [org.keycloak.services] KC-SERVICES0029: Failed to send email: org.keycloak.email.EmailException: Error "
     "when attempting to send the email to the server. More information is available in the server log.\nCaused by: "
     "jakarta.mail.MessagingException: Could not convert socket to TLS;\n  nested exception is:\n\t"
     "javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath."
     "SunCertPathBuilderException: unable to find valid certification path to requested target", CERT_UNTRUSTED),
])
def test_the_nested_text_wins_over_the_application_s_words(text: str, causes: set[str]) -> None:
    report = explain(text)
    assert report.top is not None, text
    assert report.top.cause in causes, (text, report.top.cause)


@pytest.mark.parametrize(("text", "causes"), [
    # Zammad: zammad/zammad:lib/email_helper/probe.rb (translations): its reading over the library's error.
    ("Authentication failed, invalid credentials!", {"password-rejected"}),
    ("Authentication failed, username incorrect!", {"username-wrong", "password-rejected"}),
    ("Hostname not found!", {"server-host-unknown", "server-host-typo"}),
    ("Host not reachable!\nexecution expired", {"port-blocked-outbound", "smtp-port25-blocked", "plaintext-on-tls-port",
                                                "all-mail-ports-blocked"}),
    ("Connection refused!\nConnection refused - connect(2) for \"mail.example.com\" port 465", {"port-closed"}),
    # Zabbix: zabbix/zabbix:src/libs/zbxmedia/email.c (send_email_plain; send_email_curl gives curl's words).
    ("cannot connect to SMTP server \"mail.example.com\": cannot connect to [[mail.example.com]:25]: [111] Connection "
     "refused", {"port-closed"}),
    ("error receiving initial string from SMTP server: Interrupted system call", {"plaintext-on-tls-port",
                                                                                   "server-unavailable"}),
    ("no welcome message 220* from SMTP server \"554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked "
     "using zen.spamhaus.org\"", {"client-ip-blocklisted"}),
    ("wrong answer on MAIL FROM \"530 5.7.0 Must issue a STARTTLS command first.\"", {"auth-requires-tls",
                                                                                    "starttls-not-offered"}),
    ("Cannot send email: SSL connect error: error:1408F10B:SSL routines:ssl3_get_record:wrong version number",
     {"tls-on-plaintext-port"}),
    # PowerShell: PowerShell/PowerShell:.../utility/Send-MailMessage.cs (the SmtpException's inner message).
    ("Send-MailMessage : The operation has timed out.\nAt line:1 char:1\n    + CategoryInfo          : "
     "InvalidOperation: (System.Net.Mail.SmtpClient:SmtpClient) [Send-MailMessage], SmtpException",
     {"plaintext-on-tls-port"}),
    ("Send-MailMessage : The SMTP server requires a secure connection or the client was not authenticated. The server "
     "response was: 5.7.57 Client not authenticated to send mail. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]",
     {"password-rejected", "basic-auth-disabled", "smtp-auth-not-enabled", "auth-requires-tls"}),
    ("Send-MailMessage : The remote name could not be resolved: 'smtp.offce365.com'",
     {"server-host-typo", "server-host-unknown"}),
    # Jenkins: jenkinsci/mailer-plugin:src/main/java/hudson/tasks/Mailer.java (doSendTestMail: Messages
    # Mailer.FailedToSendEmail "Failed to send out e-mail" over the JavaMail exception's stack).
    ("Failed to send out e-mail\ncom.sun.mail.smtp.SMTPSendFailedException: 530 5.7.0 Must issue a STARTTLS command "
     "first. d2sm1 - gsmtp", {"auth-requires-tls", "starttls-not-offered"}),
    # A test-mail wrapper as many applications word it ("Failed to send test email: " and the library's error):
    # Go's crypto/x509 verdict after it decides.
    ("Failed to send test email: x509: certificate is valid for *.mailgun.org, not smtp.example.com",
     {"cert-hostname-mismatch"}),
    # osTicket over PEAR Mail: the reply in PEAR's brackets decides.
    ("Unable to send email: authentication failure [SMTP: Invalid response code received from server (code: 535, "
     "response: 5.7.8 Username and Password not accepted.)]", {"password-rejected", "app-password-required"}),
    # Redmine: redmine/redmine:config/locales/en.yml (notice_email_error, app/controllers/admin_controller.rb
    # test_email) over Ruby's Errno.
    ("An error occurred while sending mail (Connection refused - connect(2) for \"localhost\" port 25)", {"port-closed"}),
    # A reply quoted by its enhanced code without its reply code, after a program's "email failed": RFC 4954
    # section 6 gives 5.7.8 (and 5.7.9, 5.7.11) to the AUTH command alone, so it is the login's verdict, not
    # one on MAIL FROM (motionEye's test-mail message over smtplib's error, as motioneye-project/motioneyeos#2419
    # quotes it).
    ("Notification email failed: 5.7.8 Username and Password not accepted. Learn more at 5.7.8 "
     "https://support.google.com/mail/?p=BadCredentials b23-20020a17sm2369523pls.167 - gsmtp!",
     {"password-rejected", "app-password-required"}),
    ("Sending email failed: 5.7.9 Application-specific password required. Learn more at "
     "https://support.google.com/mail/?p=InvalidSecondFactor - gsmtp", {"app-password-required"}),
    # Exchange ActiveSync's status 126 UserDisabledForSync ([MS-ASCMD] 2.2.2 Common Status Codes: "this user is
    # not allowed to use ActiveSync"), as TbSync quotes it (jobisoft/EAS-4-TbSync _locales/en-US/eas.strings,
    # status.global.clientdenied): the protocol is off for the user, not a locked account.
    ("The EAS server reports <UserDisabledForSync> (status 126) and does not allow TbSync to access your account.",
     {"protocol-disabled-for-account"}),
])
def test_more_applications_as_pasted(text: str, causes: set[str]) -> None:
    report = explain(text)
    assert report.top is not None, text
    assert report.top.cause in causes, (text, report.top.cause)


@pytest.mark.parametrize(("text", "causes"), [
    # ImapFlow: postalsys/imapflow:lib/imap-flow.js (connect: GREETING_TIMEOUT, with its hint on a plain-text
    # connection) as Node prints the error; once read as a failed STARTTLS.
    ("Error: Failed to receive greeting from server in required time. Maybe should use TLS?\n    at Timeout."
     "_onTimeout (/app/node_modules/imapflow/lib/imap-flow.js:2231:35) {\n  code: 'GREETING_TIMEOUT'\n}",
     {"plaintext-on-tls-port"}),
    ("Error: No matching authentication method", {"auth-mechanism-unsupported"}),
    # go-imap v1: emersion/go-imap:client/cmd_noauth.go (ErrLoginDisabled: LOGINDISABLED before TLS);
    # once read as a server without SMTP authentication.
    ("2024/05/01 10:00:00 Login is disabled in current state", {"auth-requires-tls"}),
    # rust-imap and async-imap: jonhoo/rust-imap:src/error.rs (Display of No, Bye, StartTlsNotAvailable): the
    # server's own words after the library's.
    ("Error: No Response: [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
     {"password-rejected", "app-password-required"}),
    ("Error: Bye Response: Too many simultaneous connections. (Failure)", {"too-many-connections"}),
    ("Error: StartTls is not available on the server", {"starttls-not-offered", "starttls-stripped"}),
])
def test_imap_libraries_as_pasted(text: str, causes: set[str]) -> None:
    report = explain(text)
    assert report.top is not None, text
    assert report.top.cause in causes, (text, report.top.cause)


# The Nylas sync engine's account check (N1, Nylas Mail): nylas/sync-engine:inbox/auth/generic.py (verify_account). A
# name that does not resolve and a timeout have their own sentence before the last; the last alone stands for any
# other failed SMTP session (a refused connection, a TLS or certificate error, a refused login): a failure, reason
# unsaid, never a text about nothing.
@pytest.mark.parametrize(("text", "causes"), [
    ("Couldn't resolve the SMTP server domain name. Please check that your SMTP settings are correct.",
     {"server-host-unknown", "server-host-typo"}),
    ("Connection timeout when connecting to SMTP server. Please check that your SMTP settings are correct.",
     {"port-blocked-outbound"}),
])
def test_the_nylas_account_checks_own_reasons(text: str, causes: set[str]) -> None:
    report = explain(text)
    assert report.top is not None, text
    assert report.top.cause in causes, (text, report.top.cause)


def test_the_nylas_account_checks_last_sentence_alone_is_a_failure_of_the_smtp_session() -> None:
    report = explain("Account setup: Please check that your SMTP settings are correct.")
    assert report.has_errors and report.top is not None
    assert report.top.cause not in {"server-host-unknown", "server-host-typo"}, report.top.cause
