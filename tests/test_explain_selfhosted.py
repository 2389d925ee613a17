"""Self-hosted server applications' mail errors as their admins paste them: the application's own wrapper
(a test-mail button's toast, a notification log line) with the library's error or the server's reply inside.

The nested text decides (a reply code, a resolver's or a socket's words, a TLS verdict); the wrapper alone
decides nothing and keeps the generic reading of a mail program that says only that it failed. Each case
names where its words come from: the application's source for the wrapper, and the public issue thread
whose paste it follows (addresses and host names replaced by documentation ones).
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

CERT_UNTRUSTED = {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}
BLOCKED = {"port-blocked-outbound", "smtp-port25-blocked", "all-mail-ports-blocked"}
# A connection the server or something on the way closed without a word (Go's and Node's "EOF"): the words
# cannot tell a wrong port or security setting from a middlebox or an old server.
SILENT_CLOSE = {"tls-interception", "tls-on-plaintext-port", "plaintext-on-tls-port", "server-unavailable",
                "tls-version-server-outdated"}
GENERIC = {"port-blocked-outbound", "port-closed"}
LOGIN = {"password-rejected", "app-password-required"}

MM = "mattermost/mattermost:server/platform/shared/mail/mail.go (ConnectToSMTPServerAdvanced, NewSMTPClientAdvanced, sendMail)"
VW = ("dani-garcia/vaultwarden:src/mail.rs@46d71107 (send_with_selected_transport: 'SMTP 5xx error: ...'), "
      "src/static/scripts/admin_settings.js ('Error sending SMTP test email' over the server's message)")

CASES = [
    # --- Mattermost: System Console > SMTP > Test Connection ("Connection unsuccessful: " over mail.go's wraps)
    (MM + "; mattermost/docker#152",
     "Connection unsuccessful: unable to connect to the SMTP server: dial tcp 203.0.113.7:587: i/o timeout", BLOCKED),
    (MM + "; mattermost/mattermost#11850",
     "Connection unsuccessful: Connection unsuccessful: SendMail: Failed to authenticate on SMTP server, 535 "
     "Authentication Credentials Invalid - undefined", {"password-rejected"}),
    # A container's resolver that cannot answer (EAI_AGAIN), not a name that does not exist.
    (MM + "; mattermost/mattermost#11850",
     "Connection unsuccessful: SendMail: Failed to open TLS connection, dial tcp: lookup dockerhost: Temporary failure "
     "in name resolution - undefined", {"dns-server-misconfigured", "dns-outage", "server-host-unknown"}),
    # Go's net/smtp refuses PLAIN on a session without TLS (connection security None on port 25).
    (MM + "; mattermost/mattermost#11326",
     "Connection unsuccessful: Connection unsuccessful: SendMail: Failed to authenticate on SMTP server, unencrypted "
     "connection - undefined", {"cleartext-auth-exposed", "auth-requires-tls"}),
    (MM + "; mattermost/mattermost#11326",
     "Connection unsuccessful: SendMail: Failed to open TLS connection, EOF", SILENT_CLOSE),
    # The docs' troubleshooting case: the notification From address (RFC 7505 5.7.27: its domain takes no mail).
    (MM + "; mattermost/docs#7678",
     "Connection unsuccessful: Failed to set the to address: 550 5.7.27 <test@example.com>",
     {"sender-address-not-allowed"}),
    # Amazon SES: the SMTP user may not send as that identity.
    (MM + "; mattermost/mattermost#6464",
     "Connection unsuccessful: Failed to close connection to SMTP server - 554 Access denied: User "
     "`arn:aws:iam::123456789012:user/ses-smtp-user.ci` is not authorized to perform `ses:SendRawEmail' on resource "
     "`arn:aws:ses:us-east-1:123456789012:identity/example.com'", {"sender-address-not-allowed"}),
    # An IMAP port set as the SMTP server: Dovecot's IMAP greeting where an SMTP one belongs.
    (MM + "; mattermost/mattermost-docker#455",
     "Failed to open a connection to SMTP server short response: * OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR "
     "LOGIN-REFERRALS ID ENABLE IDLE STARTTLS AUTH=PLAIN AUTH=LOGIN] Dovecot ready.", {"wrong-protocol-on-port"}),
    # Postfix's refusal of the client host at RCPT: its words do not say whether a login would have been let through.
    (MM + "; mattermost/docs#7678",
     "Connection unsuccessful: Failed to add to email address - 554 5.7.1 <unknown[203.0.113.5]>: Client host "
     "rejected: Access denied", {"server-reply-permanent", "smtp-auth-not-enabled"}),

    # --- Grafana: grafana/grafana:pkg/services/notifications/smtp.go (sendMessage: "failed to send email: %w"),
    # models.go (ErrSmtpNotEnabled); its alerting notifier's log lines
    ("grafana/grafana:pkg/services/notifications/models.go",
     "SMTP not configured, check your grafana.ini config file's [smtp] section", {"client-config-corrupt"}),
    ("grafana/grafana:pkg/services/notifications/notifications.go; grafana/grafana#6944",
     "lvl=eror msg=\"Failed to send alert notification email\" logger=alerting.notifier.email error=\"Grafana "
     "mailing/smtp options not configured, contact your Grafana admin\"", {"client-config-corrupt"}),
    ("grafana/grafana#8548",
     "lvl=eror msg=\"Failed to send alert notification email\" logger=alerting.notifier.email error=EOF", SILENT_CLOSE),
    ("hassio-addons/app-grafana#284",
     "failed to send test alert: failed to send notification to email addresses: someone@example.com: EOF",
     SILENT_CLOSE),

    # --- Keycloak: keycloak/keycloak:services/src/main/java/org/keycloak/email/DefaultEmailSenderProvider.java
    ("mesutpiskin/keycloak-2fa-email-authenticator#23",
     "ERROR [org.keycloak.services] (executor-thread-21) KC-SERVICES0029: Failed to send email: "
     "javax.mail.AuthenticationFailedException: 535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6",
     {"password-rejected"}),
    # The own server takes mail for its own domain only: another domain's recipient is relaying, refused to a
    # session that did not log in.
    ("keycloak/keycloak#27456",
     "org.keycloak.email.EmailException: jakarta.mail.SendFailedException: Invalid Addresses;\n  nested exception is:\n"
     "\torg.eclipse.angus.mail.smtp.SMTPAddressFailedException: 550 I cannot deliver mail for <someone@example.net>",
     {"smtp-auth-not-enabled", "server-reply-permanent"}),
    # The admin console's toast alone: nothing in it says why.
    ("keycloak/keycloak#26304 (the admin console's Test connection)", "Error! Failed to send email", GENERIC),

    # --- Vaultwarden (lettre beneath)
    (VW + "; dani-garcia/vaultwarden#6038",
     "[2025-07-07 19:40:48.918][vaultwarden::mail][ERROR] SMTP 5xx error: permanent error (535): 5.7.8 Username and "
     "Password not accepted. For more information, go to5.7.8  https://support.google.com/mail/?p=BadCredentials "
     "ffacd0b85a97d-3b47030bd4dsm10815241f8f.7 - gsmtp - Authentication credentials invalid", LOGIN),
    (VW + "; NixOS/infra#430",
     "[2024-05-23 07:28:30.393][vaultwarden::mail][ERROR] SMTP 5xx error: permanent error (535): 5.7.8 Error: "
     "authentication failed:  - Authentication credentials invalid", {"password-rejected"}),
    (VW + "; YunoHost-Apps/vaultwarden_ynh#262",
     "Error sending SMTP test email\nSMTP 5xx error: permanent error (553): 5.7.1 <vaultwarden@example.org>: Sender "
     "address rejected: not owned by user vaultwarden", {"sender-address-not-allowed"}),
    (VW + "; dani-garcia/vaultwarden#3308",
     "SMTP 5xx error: permanent error (550): Error: content rejected.http://mail.qq.com/zh_CN/help/content/"
     "rejectedmail.html", {"content-filtered"}),
    # rustls' webpki: an X.509 v1 certificate (UnsupportedCertVersion), as old self-made certificates are.
    (VW + "; dani-garcia/vaultwarden#6236",
     "SMTP error: Connection error: Connection error: invalid peer certificate: Other(OtherError("
     "UnsupportedCertVersion))", CERT_UNTRUSTED),
    # lettre's Debug of its reply code (lettre/lettre:src/transport/smtp/response.rs: Severity, Category, Detail
    # name the three digits): PermanentNegativeCompletion, Unspecified3, Five is 535, the login refused.
    (VW + "; YunoHost-Apps/vaultwarden_ynh#145",
     "SMTP 5xx error: lettre::transport::smtp::Error { kind: Permanent(Code { severity: PermanentNegativeCompletion, "
     "category: Unspecified3, detail: Five }) }", {"password-rejected"}),
    # The admin page's own words alone (the server's message missing): the generic reading.
    (VW, "Error sending SMTP test email", GENERIC),
    # Its settings check, before any server is asked (dani-garcia/vaultwarden:src/config.rs, validate_config).
    ("dani-garcia/vaultwarden:src/config.rs@46d71107",
     "Both `SMTP_HOST` and `SMTP_FROM` need to be set for email support without `USE_SENDMAIL`",
     {"client-config-corrupt"}),
    ("dani-garcia/vaultwarden:src/config.rs@46d71107",
     "Both `SMTP_USERNAME` and `SMTP_PASSWORD` need to be set to enable email authentication without `USE_SENDMAIL`",
     {"client-config-corrupt"}),
    (VW + "; lettre's Display of Kind::Connection over std's io::Error",
     "Error sending SMTP test email\nSMTP error: Connection error: Connection refused (os error 111)", {"port-closed"}),

    # --- Uptime Kuma (nodemailer beneath): louislam/uptime-kuma:server/notification-providers/smtp.js
    ("louislam/uptime-kuma#6108", "Invalid login: 535 Incorrect authentication data", {"password-rejected"}),
    # A relay without login, and Uptime Kuma sent an empty user: nodemailer refuses before asking the server.
    ("louislam/uptime-kuma#26", "Missing credentials for \"PLAIN\"", {"client-config-corrupt"}),
    ("louislam/uptime-kuma#4443",
     "Error: Connection timeout\n    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/smtp-connection/"
     "index.js:784:19)\n  code: 'ETIMEDOUT',\n  command: 'CONN'", BLOCKED),

    # --- Immich (nodemailer beneath): its admin settings' "Send test email and save"
    ("immich-app/immich#10306", "Failed to validate SMTP configuration: Error: getaddrinfo EAI_AGAIN smtp.gmail.com",
     {"dns-server-misconfigured", "dns-outage", "server-host-unknown"}),
    ("immich-app/immich#11227", "Invalid SMTP configuration: Error: connect ECONNREFUSED 0.0.0.0:587",
     {"port-closed", "client-config-corrupt"}),
    ("immich-app/immich#9638",
     "ERROR [ImmichMicroservices] [JobService] Unable to run job handler (notifications/notification-send-email): "
     "Error: Invalid login: 535-5.7.8 Username and Password not accepted. For more information, go to", LOGIN),

    # --- Paperless-ngx (Django's smtplib backend): its log over smtplib's exception
    # Postfix's reject_non_fqdn_sender (504 5.5.2, smtpd_check.c), refused at RCPT as smtpd_delay_reject has it:
    # Django's default sender webmaster@localhost has no domain of its own. The reply refuses the address's form,
    # not the account's right to it: the permanent reply's own reading, not sender-address-not-allowed.
    ("paperless-ngx/paperless-ngx#4866",
     "smtplib.SMTPRecipientsRefused: {'noreply@example.com': (504, b'5.5.2 <webmaster@localhost>: Sender address "
     "rejected: need fully-qualified address')}", {"server-reply-permanent"}),
    ("BenoitAnastay/paperless-home-assistant-addon#373",
     "[WARNING] [paperless.api] An error occurred emailing documents: [Errno -2] Name or service not known",
     {"server-host-unknown", "server-host-typo", "dns-server-misconfigured"}),

    # --- GitLab and Discourse (Rails: the mail gem over Ruby's net-smtp)
    # No greeting before net-smtp's read timeout (recv_response in do_start): a plain-text session on an
    # implicit-TLS port, or a server that does not answer.
    ("sameersbn/docker-gitlab#1005 (Notify.test_email from the Rails console)",
     "Net::ReadTimeout: Net::ReadTimeout\n\tfrom /usr/lib/ruby/2.3.0/net/protocol.rb:176:in `rbuf_fill'\n\tfrom "
     "/usr/lib/ruby/2.3.0/net/smtp.rb:955:in `recv_response'\n\tfrom /usr/lib/ruby/2.3.0/net/smtp.rb:556:in "
     "`block in do_start'", {"plaintext-on-tls-port", "server-unavailable"}),
    # net-smtp 0.5 refuses an AUTH setting without a user name before it connects.
    ("discourse/discourse#26410, #26688", "ArgumentError: SMTP-AUTH requested but missing user name",
     {"client-config-corrupt"}),
    # Microsoft 365's security defaults turn off basic authentication (SMTP AUTH with a password).
    ("discourse/discourse#27914",
     "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. "
     "Contact your administrator.", {"basic-auth-disabled"}),

    # --- Odoo: odoo/odoo:odoo/addons/base/models/ir_mail_server.py (test_smtp_connection's "Connection Test
    # Failed! Here is what we got instead:", send_email's "Mail delivery failed via SMTP server %s." over smtplib)
    ("bitnami/bitnami-docker-odoo#46",
     "Connection test failed! Here's what we have instead:\n535\n5.7.8 Error: authentication failed: UGFzc3dvcmQ6",
     {"password-rejected"}),
    # Microsoft 365 refuses MAIL FROM of a session that did not log in (no user set on the outgoing server).
    ("odoo/odoo#8021",
     "Mail delivery failed via SMTP server 'None'.\nSMTPSenderRefused: 530\n5.7.57 SMTP; Client was not "
     "authenticated to send anonymous mail during MAIL FROM [CY4PR19CA0041.namprd19.prod.outlook.com]\n"
     "bounce+5-res.users-6@example.com", {"smtp-auth-not-enabled"}),
    # Exim's sender verification of Odoo's bounce address (an IP-literal domain): the sender, not the recipient.
    ("odoo/odoo#6005",
     "Mail delivery failed via SMTP server 'box1028.bluehost.com'.\nSMTPRecipientsRefused: {'someone@example.com': "
     "(550, 'Verification failed for bounce-34-res.users-9@192.168.1.14\\nThe mail server could not deliver mail to "
     "bounce-34-res.users-9@192.168.1.14. The account or domain may not exist, they may be blacklisted, or missing the "
     "proper dns entries.\\nSender verify failed')}", {"sender-address-not-allowed"}),
    ("Yenthe666/InstallScript#115",
     "Connection Test Failed! Here is what we got instead:\n101\nNetwork is unreachable",
     {"server-ip-blocked", "no-internet"}),

    # --- Nextcloud: nextcloud/server:apps/settings/lib/Controller/MailSettingsController.php (sendTestMail)
    ("nextcloud/all-in-one#5773",
     "A problem occurred while sending the email. Please revise your settings. (Error: Email could not be sent. Check "
     "your mail server log)", GENERIC),
    # Its German translation, over Swift Mailer's refusal of a From address without a domain.
    ("nextcloud/server#11632",
     "Beim Senden der E-Mail ist ein Problem aufgetreten. Bitte überprüfe Deine Einstellungen. (Fehler: Address in "
     "mailbox given [admin@] does not comply with RFC 2822, 3.6.2.)", {"client-config-corrupt"}),

    # --- Zabbix's media type test over libcurl (curl/curl:lib/strerror.c, curl_easy_strerror)
    ("zabbix/zabbix-docker#492; curl/curl:lib/strerror.c (CURLE_LOGIN_DENIED)", "Login denied", {"password-rejected"}),
    ("zabbix/zabbix-docker#971; curl/curl:lib/strerror.c (CURLE_URL_MALFORMAT)",
     "URL using bad/illegal format or missing URL", {"client-config-corrupt"}),

    # --- Gitea with PROTOCOL=sendmail: the program's exit status (sysexits.h 78, EX_CONFIG: msmtp's own
    # configuration), in German as its admin page words the failure (locale_de-DE admin.config.test_mail_failed)
    ("go-gitea/gitea#24955; go-gitea/gitea:services/mailer/sender/sendmail.go; marlam/msmtp:src/msmtp.c (EX_CONFIG)",
     "Das Senden der Test-E-Mail an „someone@example.com“ ist fehlgeschlagen: gomail: could not send email 1: exit "
     "status 78", {"client-config-corrupt"}),
    ("go-gitea/gitea:services/mailer/sender/sendmail.go",
     "Failed to send a testing email to someone@example.com: exit status 78", {"client-config-corrupt"}),

    # --- Drupal core: drupal/drupal:core/lib/Drupal/Core/Mail/MailManager.php (doMail: the log line and the
    # message shown): neither says why.
    ("drupal/drupal:core/lib/Drupal/Core/Mail/MailManager.php",
     "Unable to send email. Contact the site administrator if the problem persists.", GENERIC),
    ("drupal/drupal:core/lib/Drupal/Core/Mail/MailManager.php",
     "Error sending email (from site@example.com to someone@example.net with reply-to not set).", GENERIC),

    # --- authentik (Django's smtplib backend): `ak test_email` with USE_TLS (STARTTLS) on the implicit-TLS port 465:
    # smtplib's getreply times out waiting for the greeting (goauthentik/authentik#8108, #8465).
    ("goauthentik/authentik#8465, #8108; python/cpython:Lib/smtplib.py (getreply)",
     "Traceback (most recent call last):\n  File \"/usr/local/lib/python3.11/smtplib.py\", line 398, in getreply\n"
     "    line = self.file.readline(_MAXLINE + 1)\n  File \"/usr/local/lib/python3.11/socket.py\", line 706, in "
     "readinto\n    return self._sock.recv_into(b)\nTimeoutError: timed out\n\nDuring handling of the above "
     "exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"/usr/local/lib/"
     "python3.11/smtplib.py\", line 401, in getreply\n    raise SMTPServerDisconnected(\"Connection unexpectedly "
     "closed: \"\nsmtplib.SMTPServerDisconnected: Connection unexpectedly closed: timed out",
     {"plaintext-on-tls-port", "server-unavailable"}),

    # --- Jenkins: jenkinsci/mailer-plugin:src/main/java/hudson/tasks/Mailer.java (doSendTestMail) over JavaMail
    ("jenkinsci/docker#1395",
     "Failed to send out e-mail\ncom.sun.mail.smtp.SMTPSendFailedException: 553 5.7.1 Sender address rejected: not "
     "owned by auth user.", {"sender-address-not-allowed"}),

    # --- Joomla (PHPMailer beneath): Global Configuration > Server > Send Test Mail
    ("joomla/joomla-cms#9517", "Test mail could not be sent.\nCould not instantiate mail function.",
     {"client-config-corrupt"}),
    ("joomla/joomla-cms#13993",
     "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting\nTest mail could not be sent.",
     BLOCKED | {"port-closed"}),
    ("joomla/joomla-cms#45334", "Erreur SMTP Error: Could not authenticate.", {"password-rejected"}),
    ("joomla/joomla-cms#31981", "SMTP Error! Could not authenticate.", LOGIN),
]


def _top(text: str) -> str | None:
    try:
        report = explain(text)
    except InputError:
        return "declined"
    return report.top.cause if report.top else None


@pytest.mark.parametrize(("source", "text", "causes"), CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_a_self_hosted_application_s_mail_error_reads_right(source: str, text: str, causes: set[str]) -> None:
    assert source
    assert _top(text) in causes, (source, text, _top(text))


@pytest.mark.parametrize("text", [
    # The wrappers' nested verdict still wins over a wrapper row: the login's 535 after Vaultwarden's words.
    "Error sending SMTP test email\nSMTP 5xx error: permanent error (535): 5.7.8 Error: authentication failed: "
    "authentication failure - Authentication credentials invalid",
])
def test_the_nested_reply_wins_over_the_wrapper(text: str) -> None:
    assert _top(text) == "password-rejected"
