"""What monitoring, devops and collaboration servers print when their mail fails: the program's own words
(a log line, a test button's message, a notification command's output) around the library's error or the
server's reply, as their admins paste them.

The innermost reason decides (a reply code, a resolver's, a socket's or a TLS stack's words, the program's
own check of its settings); the program's words alone ("failed to send email", "Notify for alerts failed")
decide nothing, and a reply code the server sent beats them: a server that answered was reached. Each case
names where its words come from: the program's source for the wrapper and its own texts, the library's for
the words inside, and the public thread whose paste it follows (addresses and host names replaced by
documentation ones).
"""

from __future__ import annotations

import pytest
from helpers import causes_of

from mailexpert.explain import explain

CERT_UNTRUSTED = {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}
BLOCKED = {"port-blocked-outbound", "smtp-port25-blocked", "all-mail-ports-blocked"}
# The generic reading of a connection failure whose words say no more (the first two candidates the priors give).
GENERIC = {"port-blocked-outbound", "port-closed"}
# A connection the server or something on the way closed without a word (Go's "EOF").
SILENT_CLOSE = {"tls-interception", "tls-on-plaintext-port", "plaintext-on-tls-port", "server-unavailable",
                "tls-version-server-outdated"}
DNS = {"server-host-unknown", "server-host-typo", "dns-server-misconfigured"}

AM = ("prometheus/alertmanager:notify/email/email.go (Email.Notify, Email.auth), notify/retry_stage.go ('%s/%s: notify "
      "retry canceled after %d attempts: %w')")
ZBX = ("zabbix/zabbix:src/libs/zbxmedia/email.c (send_email: the server log's 'failed to send email: %s'; "
       "send_email_plain's own words; send_email_curl: curl_easy_strerror and curl's error buffer)")
JENKINS_EXT = ("jenkinsci/email-ext-plugin:src/main/java/hudson/plugins/emailext/ExtendedEmailPublisher.java "
               "(sendMail: printed when the MessagingException's next exception is a java.net.ConnectException)")

CASES = [
    # --- Prometheus Alertmanager's e-mail receiver (Go's net/smtp beneath)
    (AM + "; prometheus/alertmanager#2389 (Amazon SES)",
     "Oct  8 09:51:02 ip-10-64-64-250 alertmanager[34700]: level=error ts=2020-10-08T09:51:02.908Z caller=dispatch.go:309 "
     "component=dispatcher msg=\"Notify for alerts failed\" num_alerts=2 err=\"email/email[0]: notify retry canceled "
     "after 5 attempts: *smtp.plainAuth auth: 535 Authentication Credentials Invalid\"", {"password-rejected"}),
    # Go's PlainAuth refuses to send the password on a session without TLS (smtp_require_tls: false on port 25).
    (AM + "; prometheus/alertmanager#1358; golang/go:src/net/smtp/auth.go (plainAuth.Start)",
     "level=error ts=2018-05-03T03:18:35.632974975Z caller=dispatch.go:266 component=dispatcher msg=\"Notify for alerts "
     "failed\" num_alerts=2 err=\"*smtp.plainAuth failed: unencrypted connection\"",
     {"cleartext-auth-exposed", "auth-requires-tls"}),
    (AM + "; prometheus/alertmanager#1683 (Gmail)",
     "caller=dispatch.go:309 component=dispatcher msg=\"Notify for alerts failed\" num_alerts=1 "
     "err=\"gmail-notifications/email[0]: notify retry canceled after 2 attempts: create SMTP client: EOF\"",
     SILENT_CLOSE),
    (AM + "; prometheus/alertmanager#4872 (a smarthost on a wrong port)",
     "time=2026-01-06T06:40:36.220Z level=ERROR source=dispatch.go:360 msg=\"Notify for alerts failed\" "
     "component=dispatcher num_alerts=1 err=\"email.hook/email[0]: notify retry canceled after 3 attempts: establish "
     "connection to server: dial tcp [2001:db8::25]:259: connect: connection timed out\"", BLOCKED | {"port-closed"}),
    # A user name set, no password: Alertmanager stops before AUTH, one error per mechanism the server offered.
    (AM + "; prometheus/alertmanager#1721",
     "level=error ts=2019-01-23T15:49:04.898510015Z caller=notify.go:332 component=dispatcher msg=\"Error on notify\" "
     "err=\"missing password for PLAIN auth mechanism; missing password for LOGIN auth mechanism\"",
     {"client-config-corrupt"}),
    (AM,
     "msg=\"Notify for alerts failed\" num_alerts=1 err=\"email/email[0]: notify retry canceled after 3 attempts: find "
     "auth mechanism: missing secret for CRAM-MD5 auth mechanism\"", {"client-config-corrupt"}),
    (AM + "; prometheus/alertmanager#2051 (an Exchange relay that offers NTLM only)",
     "msg=\"Notify for alerts failed\" num_alerts=1 err=\"warn/email[0]: notify retry canceled after 4 attempts: find "
     "auth mechanism: unknown auth mechanism: NTLM\"", {"auth-mechanism-unsupported"}),
    (AM + "; golang/go:src/crypto/x509/verify.go (UnknownAuthorityError)",
     "msg=\"Notify for alerts failed\" num_alerts=1 err=\"email/email[0]: notify retry canceled after 3 attempts: send "
     "STARTTLS command: tls: failed to verify certificate: x509: certificate signed by unknown authority\"",
     CERT_UNTRUSTED),
    (AM + "; Postfix's reject_unauth_destination",
     "msg=\"Notify for alerts failed\" err=\"email/email[0]: notify retry canceled after 3 attempts: send RCPT command: "
     "554 5.7.1 <ops@example.net>: Relay access denied\"", {"smtp-auth-not-enabled"}),

    # --- Grafana: grafana/grafana:pkg/services/ngalert/notifier/channels (the contact point's test) over net/smtp
    ("grafana/grafana#72261",
     "Failed to send test alert.: failed to send notification to email addresses: someone@example.com: 535 "
     "Authentication failed", {"password-rejected"}),
    ("grafana/grafana:pkg/services/notifications/smtp.go (dial over net.Dialer); golang/go:src/net (i/o timeout)",
     "failed to send test alert: failed to send notification to email addresses: someone@example.com: dial tcp "
     "192.0.2.10:465: i/o timeout", BLOCKED),
    # A name where the From address belongs: Go's net/mail refuses it under gomail's words, before any connection.
    ("grafana/grafana:pkg/services/notifications/smtp.go (sendMessage: 'failed to send email: %w' over gopkg.in/mail.v2); "
     "go-gomail/gomail:send.go (parseAddress: 'gomail: invalid address %q: %v'); golang/go:src/net/mail/message.go",
     "failed to send email: gomail: invalid address \"Grafana\": mail: missing '@' or angle-addr",
     {"client-config-corrupt"}),

    # --- Zabbix's e-mail media type: its own SMTP, or libcurl's when security or a login is set
    # curl's MAIL and RCPT refusals are CURLE_SEND_ERROR ("Failed sending data to the peer") with the code in the
    # error buffer (curl/curl:lib/smtp.c, smtp_state_mail_resp and smtp_state_rcpt_resp): a server answered.
    (ZBX + "; curl/curl:lib/smtp.c ('RCPT failed: %d')",
     "  2345:20240101:120000.123 failed to send email: Failed sending data to the peer: RCPT failed: 550",
     {"server-reply-permanent", "smtp-auth-not-enabled"}),
    (ZBX + "; curl/curl:lib/smtp.c ('MAIL failed: %d')",
     "failed to send email: Failed sending data to the peer: MAIL failed: 530",
     {"smtp-auth-not-enabled", "auth-requires-tls"}),
    (ZBX + "; zabbix/zabbix:src/libs/zbxcomms/comms.c (zbx_socket_connect: 'cannot resolve [%s]')",
     "failed to send email: cannot connect to SMTP server \"smtp.example.com\": cannot resolve [smtp.example.com]",
     DNS),
    (ZBX + "; zabbix/zabbix:src/libs/zbxcomms/comms.c (zbx_socket_connect: 'cannot connect to [[%s]:%hu]: %s')",
     "cannot connect to SMTP server \"smtp.example.com\": cannot connect to [[smtp.example.com]:25]: [111] Connection "
     "refused", GENERIC | BLOCKED),
    # The media type's From address checked before any connection (smtp_parse_mailbox).
    (ZBX, "failed to send email: no '@' in email address: Zabbix Alerts", {"client-config-corrupt"}),
    (ZBX, "failed to send email: email address local or domain part contains UTF-8 character: zabbix@exämple.com",
     {"client-config-corrupt"}),
    # A build without libcurl: security or a login set on the media type cannot be used.
    (ZBX, "failed to send email: Support for SMTP authentication was not compiled in", {"client-outdated"}),
    (ZBX + " (send_email_plain: 'wrong answer on MAIL FROM \"%s\"')",
     "wrong answer on MAIL FROM \"530 5.7.0 Must issue a STARTTLS command first\"", {"auth-requires-tls"}),
    # The session was up (greeting read, commands answered) when the answer did not come: not a blocked port.
    (ZBX + " (send_email_plain: 'error receiving answer on %s request: %s' with the errno's words)",
     "failed to send email: error receiving answer on MAIL FROM request: Connection reset by peer",
     {"server-protocol-error", "tls-interception"}),
    (ZBX + " (the media type's timeout is an alarm: the read is interrupted)",
     "failed to send email: error receiving answer on . request: Interrupted system call",
     {"server-unavailable", "packet-loss", "tls-interception"}),
    (ZBX + "; curl/curl:lib/strerror.c (CURLE_PEER_FAILED_VERIFICATION)",
     "failed to send email: SSL peer certificate or SSH remote key was not OK: SSL certificate problem: self-signed "
     "certificate", CERT_UNTRUSTED),

    # --- Jenkins: the Mailer plugin's test mail and Email Extension's build step, over JavaMail
    (JENKINS_EXT,
     "Sending email to: ops@example.com\nConnection error sending email, retrying once more in 10 seconds...\n"
     "Connection error sending email, retrying once more in 10 seconds...\nFailed after second try sending email",
     GENERIC | BLOCKED),
    ("jenkinsci/mailer-plugin:src/main/java/hudson/tasks/Mailer.java (doSendTestMail); "
     "jakartaee/mail-api (SMTPTransport: 'failed to connect, no password specified?')",
     "Failed to send out e-mail\njavax.mail.AuthenticationFailedException: failed to connect, no password specified?",
     {"client-config-corrupt"}),
    ("jenkinsci/mailer-plugin:src/main/java/hudson/tasks/Mailer.java (doSendTestMail)",
     "Failed to send out e-mail\ncom.sun.mail.smtp.SMTPSendFailedException: 530 5.7.0 Must issue a STARTTLS command "
     "first. h5sm1 - gsmtp", {"auth-requires-tls"}),

    # --- Jira (Atlassian's com.atlassian.mail over JavaMail): its outgoing mail log
    ("support.atlassian.com/jira/kb/too-many-login-attempts-error-using-google-smtp-with-jira-server/",
     "com.atlassian.mail.MailException: javax.mail.AuthenticationFailedException: 454 4.7.0 Too many login attempts, "
     "please try again later. y18sm18170739ywa.8 - gsmtp", {"account-locked"}),

    # --- GitLab, Redmine, Mastodon (Rails: the mail gem over Ruby's net-smtp)
    ("gitlabhq/gitlabhq#9236 (sidekiq's retry record)",
     "\"error_message\"=>\"SSL_connect returned=1 errno=0 state=SSLv3 read server certificate B: certificate verify "
     "failed\", \"error_class\"=>\"OpenSSL::SSL::SSLError\"", CERT_UNTRUSTED),
    # net-smtp refuses an AUTH setting with a user name and no password before it connects.
    ("redmine/redmine:app/controllers/admin_controller.rb (test_email: notice_email_error 'An error occurred while "
     "sending mail (%{value})'); ruby/net-smtp:lib/net/smtp.rb (check_auth_args)",
     "An error occurred while sending mail (SMTP-AUTH requested but missing secret phrase)",
     {"client-config-corrupt"}),
    ("mastodon/mastodon (ActionMailer::MailDeliveryJob in Sidekiq); ruby/net-smtp:lib/net/smtp.rb (tcp_socket: "
     "Net::OpenTimeout)",
     "Net::OpenTimeout: execution expired\n\tfrom /opt/mastodon/vendor/bundle/ruby/3.2.0/gems/net-smtp-0.4.0/lib/net/"
     "smtp.rb:663:in `tcp_socket'", BLOCKED),

    # --- Nagios and Icinga's notification commands: mailx, or sSMTP installed as sendmail
    # Heirloom mailx with NSS and smtp-use-starttls but no NSS database named: it stops before the handshake.
    ("heirloom mailx nss.c (nss_init)", "Missing \"nss-config-dir\" variable.\n\"/var/spool/nagios/dead.letter\" "
     "11/345\n. . . message not sent.", {"client-config-corrupt"}),
    ("heirloom mailx smtp.c (read_smtp: 'smtp-server: %s')",
     "smtp-server: 530 5.7.0 Must issue a STARTTLS command first", {"auth-requires-tls"}),
    # sSMTP's die() prefixes the name it was called by: sendmail.
    ("manios/docker-nagios#67; sSMTP ssmtp.c (die, 'Cannot open %s:%d')",
     "stderr line 01: sendmail: Cannot open mailhub:25", GENERIC | BLOCKED),

    # --- Gitea and Forgejo's test mail
    ("go-gitea/gitea:routers/web/admin/config.go (SendTestMail), services/mailer/sender/smtp.go",
     "Failed to send a testing email to someone@example.com: failed to authenticate SMTP: 535 5.7.8 Error: "
     "authentication failed: UGFzc3dvcmQ6", {"password-rejected"}),
    ("go-gitea/gitea:services/mailer/sender/smtp.go; golang/go:src/net (lookup ... no such host)",
     "Failed to send a testing email to someone@example.com: dial tcp: lookup smtp.example.com on 127.0.0.11:53: no "
     "such host", DNS),

    # --- Uptime Kuma (nodemailer beneath)
    ("louislam/uptime-kuma:server/notification-providers/smtp.js; nodemailer/nodemailer:lib/smtp-connection/index.js "
     "(ETIMEDOUT 'Greeting never received')", "Error: Greeting never received",
     {"plaintext-on-tls-port", "server-unavailable"}),
    ("louislam/uptime-kuma:server/notification-providers/smtp.js; nodemailer/nodemailer:lib/smtp-connection/index.js "
     "(_actionMAIL: 'Mail command failed')", "Error: Mail command failed: 530 5.7.0 Authentication Required.", {"smtp-auth-not-enabled"}),

    # --- Sentry and authentik (Django's smtplib backend)
    ("django/django:django/core/management/commands/sendtestemail.py (as 'sentry django sendtestemail' runs it); "
     "python/cpython:Lib/smtplib.py (login: SMTPNotSupportedError)",
     "smtplib.SMTPNotSupportedError: SMTP AUTH extension not supported by server.",
     {"auth-requires-tls", "smtp-auth-not-enabled"}),
    ("goauthentik/authentik:authentik/stages/email/management/commands/test_email.py ('ak test_email': send_mail's "
     "exception, the last line of its traceback)",
     "ConnectionRefusedError: [Errno 111] Connection refused", {"port-closed"}),
]


@pytest.mark.parametrize(("source", "text", "causes"), CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_an_ops_application_s_mail_error_reads_right(source: str, text: str, causes: set[str]) -> None:
    assert source
    report = explain(text)
    assert report.top is not None and report.top.severity == "error", (source, text)
    assert report.top.cause in causes, (source, text, report.top.cause)


@pytest.mark.parametrize(("text", "causes"), [
    # A bare code the server sent, behind words that say only that sending failed: the server was reached, so the
    # code's own reading, never a blocked connection.
    ("Error sending email: RCPT failed: 550", {"server-reply-permanent"}),
    ("Sending of the message failed. code 550", {"server-reply-permanent"}),
    ("Unable to send email, code 421", {"server-unavailable", "server-reply-transient"}),
    # Words that name the step a bare code answered still say it.
    ("STARTTLS denied, code 454", {"starttls-failed"}),
    # Zabbix's missing greeting stays the greeting's reading.
    ("error receiving initial string from SMTP server: [4] Interrupted system call",
     {"plaintext-on-tls-port", "server-unavailable"}),
    # Zabbix's connection failure itself stays a connection failure.
    ("failed to send email: cannot connect to SMTP server \"smtp.example.com\": cannot connect to "
     "[[smtp.example.com]:25]: [4] Interrupted system call", GENERIC | BLOCKED),
    # A server's refusal of the login after Alertmanager's words is the server's, not a missing password.
    ("err=\"email/email[0]: notify retry canceled after 3 attempts: *email.loginAuth auth: 535 5.7.8 Error: "
     "authentication failed: authentication failure\"", {"password-rejected"}),
])
def test_the_neighbours_keep_their_reading(text: str, causes: set[str]) -> None:
    assert causes_of(text)[:1] and causes_of(text)[0] in causes, (text, causes_of(text))


@pytest.mark.parametrize("text", [
    # Zabbix's agent checks use the same socket words: nothing of mail in them.
    "Get value from agent failed: cannot resolve [host.example.com]",
])
def test_the_same_words_about_no_mail_are_declined(text: str) -> None:
    assert causes_of(text) == []


@pytest.mark.parametrize("text", [
    # Email Extension's own words, printed for a ConnectException without its message: a failure, no reason.
    "Failed after second try sending email",
])
def test_the_program_s_words_alone_stay_a_failure_without_a_cause(text: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.severity == "error"
    assert report.top.cause in GENERIC
