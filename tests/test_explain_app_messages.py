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
     "SMTP ERROR: Failed to connect to server: Connection refused (111)", {"port-closed"}),
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
