"""The general layer for servers' logs and providers' refusals whose sentence nobody collected
(data/concepts.yaml, the groups and readings marked "unseen-servers"): each form is the words
of at least two programs or providers, checked both as the concept reading the words give
(concepts.read, the layer a held-out text meets) and as the cause ``explain`` names.

Sources of the wordings (their formats; names and addresses are the documentation ranges):
- Dovecot's auth process, "<passdb>(<user>,<ip>,<session>): unknown user":
  dovecot/core:src/auth/auth-request.c (auth_request_log_unknown_user); its login processes'
  "Disconnected (auth failed, N attempts in M secs)": src/login-common/client-common.c.
- Cyrus SASL's SASL_NOUSER "user not found" as Postfix logs it ("SASL %s authentication failed:
  %s"): vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c; Linux-PAM's PAM_USER_UNKNOWN
  "User not known to the underlying authentication module": libpam/pam_strerror.c.
- Postfix's "(reason unavailable)" where Dovecot's FAIL gave no reason:
  vdukhovni/postfix:postfix/src/xsasl/xsasl_dovecot_server.c.
- "Connection concurrency limit exceeded": vdukhovni/postfix:postfix/src/smtpd/smtpd.c (anvil),
  haraka/Haraka:plugins/limit.js.
- Dovecot's "Timeout waiting for handshake from auth server": dovecot/core:
  src/lib-auth/auth-client-connection.c; Postfix's "Can't connect to authentication server",
  "Connection lost to authentication server": postfix/src/xsasl/xsasl_dovecot_server.c.
- Postfix's "delivery temporarily suspended: %s": vdukhovni/postfix:postfix/src/qmgr/qmgr_defer.c;
  "TLS is required, but was not offered by host": postfix/src/smtp/smtp_proto.c.
- A sending rate: Amazon SES "Maximum sending rate exceeded"
  (https://docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas-errors.html), Exchange's
  MessageRateLimit "Message submission rate for this client has exceeded the configured limit"
  (https://learn.microsoft.com/en-us/exchange/mail-flow/message-rate-limits).
- A relay refused: vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c ("Relay access denied"),
  Exim/exim:src/src/configure.default ("relay not permitted"), freebsd/freebsd-src:contrib/sendmail/cf/m4/proto.m4
  ("Relaying denied").
- Amazon SES "Email address is not verified. The following identities failed the check in region
  ...": getmoto/moto's SES emulation; MailFromDomainNotVerifiedException ("the sending domain isn't
  verified"); Emailit "530 From/Sender domain is not verified for this workspace":
  https://emailit.com/docs/kb/smtp-530-from-domain-not-verified/.
- A suppressed recipient: Postmark's ErrorCode 406 "You tried to send to recipient(s) that have been
  marked as inactive" (https://postmarkapp.com/developer/webhooks/smtp-api-error), Amazon SES's
  account-level suppression list (https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list.html).
- A protocol switched off for the account: Brevo "Your SMTP account is not yet activated"
  (https://help.sendinblue.com/hc/en-us/articles/115000188150-Troubleshooting-issues-with-the-SMTP), Gmail "Your account is not enabled for
  IMAP use" (https://support.google.com/mail/answer/7126229), GMX "POP3/IMAP ... deaktiviert"
  (https://hilfe.gmx.net/pop-imap/einschalten.html), FairEmail's German "IMAP/SMTP vom
  Systemverwalter deaktiviert" (M66B/FairEmail:app/src/main/res/values-de-rDE/strings.xml).
"""

from __future__ import annotations

import pytest

from mailexpert import concepts
from mailexpert.explain import explain

GENERIC = {"server-reply-permanent", "server-reply-transient"}


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


def reading(text: str) -> tuple[str, ...] | None:
    found = concepts.read(text)
    return found.reading.all if found else None


# text, the concept reading its words give, the cause explain names
CASES = [
    # the passdb has no such user: the user name is wrong
    ("Mar 3 10:01:02 mx dovecot: auth: passwd-file(bob,203.0.113.5,<Yx8aQ85h>): unknown user\n"
     "Mar 3 10:01:02 mx dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<bob>, method=PLAIN, "
     "rip=203.0.113.5, lip=192.0.2.1, TLS, session=<Yx8aQ85h>",
     ("login-user-unknown", "credentials"), {"username-wrong"}),
    ("Mar 3 10:01:02 mx dovecot: auth-worker(4201): sql(bob,203.0.113.5): unknown user\n"
     "Mar 3 10:01:04 mx dovecot: pop3-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<bob>, method=LOGIN, "
     "rip=203.0.113.5, lip=192.0.2.1, session=<Fhuct4Vy>",
     ("login-user-unknown", "credentials"), {"username-wrong"}),
    ("Mar 3 10:01:02 mx postfix/submission/smtpd[812]: warning: unknown[203.0.113.5]: SASL PLAIN authentication failed: "
     "user not found",
     ("login-user-unknown", "credentials"), {"username-wrong"}),
    ("Mar 3 10:01:02 mx dovecot: auth: pam(jo,203.0.113.5): pam_authenticate() failed: User not known to the underlying "
     "authentication module",
     ("login-user-unknown", "credentials"), {"username-wrong"}),
    # Postfix's stand-in for a reason Dovecot withheld: a refused login, no mechanism unsupported
    ("Mar 3 10:01:02 mx postfix/submission/smtpd[23786]: warning: unknown[203.0.113.5]: SASL LOGIN authentication failed: "
     "(reason unavailable), sasl_username=bob@example.org",
     ("credentials", "wrong"), {"password-rejected", "username-wrong"}),
    ("Mar 3 10:01:02 mx postfix/smtps/smtpd[23921]: warning: mail.example.net[198.51.100.7]: SASL PLAIN authentication "
     "failed: (reason unavailable)",
     ("credentials", "wrong"), {"password-rejected", "username-wrong"}),
    # a per-client connection limit
    ("Mar 3 10:01:02 mx postfix/smtpd[26899]: warning: Connection concurrency limit exceeded: 12 from "
     "unknown[203.0.113.5] for service smtp",
     ("too-many", "connections"), {"too-many-connections"}),
    ("[NOTICE] [core] SMTP connection from 203.0.113.5: 451 connection concurrency limit exceeded",
     ("too-many", "connections"), {"too-many-connections"}),
    # the login process cannot reach the server's own authentication service
    ("Mar 3 10:01:02 mx dovecot: pop3-login: Error: Timeout waiting for handshake from auth server. my pid=10780, "
     "input bytes=0",
     ("credentials", "server-fault"), {"server-unavailable"}),
    ("Mar 3 10:01:02 mx postfix/smtpd[1002]: warning: unknown[203.0.113.5]: SASL LOGIN authentication failed: "
     "Connection lost to authentication server",
     ("credentials", "server-fault"), {"server-unavailable"}),
    # Postfix's frame of a deferred destination: the reason after it decides
    ("Mar 3 10:01:02 mx postfix/error[30183]: 987D910A524: to=<bob@example.net>, relay=none, delay=2315, "
     "delays=2315/0.39/0/0, dsn=4.7.4, status=deferred (delivery temporarily suspended: TLS is required, but was not "
     "offered by host mx.example.net[192.0.2.25])",
     ("tls", "not-supported"), {"starttls-not-offered"}),
    # a sender address or domain the sending provider never verified
    ("SimpleEmailService::sendRawEmail(): Sender - MessageRejected: Email address is not verified. The following "
     "identities failed the check in region US-EAST-1: bob@example.org",
     ("unverified", "sent-from"), {"sender-address-not-allowed"}),
    ("Error sending email: MessageRejected: Email address is not verified. The following identities failed the check in "
     "region EU-WEST-1: alice@example.net",
     ("unverified", "sent-from"), {"sender-address-not-allowed"}),
    ("Failed to send mail: the sending domain isn't verified (example.org)",
     ("unverified", "sent-from"), {"sender-address-not-allowed"}),
    # a sending rate, messages per second or minute
    ("Aws\\Ses\\Exception\\SesException: Error executing \"SendRawEmail\": Throttling: Maximum sending rate exceeded.",
     ("too-many", "per-period"), {"sending-limit-exceeded"}),
    ("Failed to send email: Message submission rate for this client has exceeded the configured limit",
     ("too-many", "per-period"), {"sending-limit-exceeded"}),
    # a relay refused in a server's own words
    ("SMTP error from remote server after RCPT: relay not permitted for bob@example.net",
     ("relaying", "refusal"), {"smtp-auth-not-enabled"}),
    ("Mail could not be sent: Relaying denied for <bob@example.net>",
     ("relaying", "refusal"), {"smtp-auth-not-enabled"}),
    # a recipient the sending provider suppresses: a refused recipient, nothing of the sender's setup
    ("Postmark::InactiveRecipientError: You tried to send to recipient(s) that have been marked as inactive. Found "
     "inactive addresses: bob@example.net. Inactive recipients are ones that have generated a hard bounce, a spam "
     "complaint, or a manual suppression.",
     ("suppressed",), GENERIC),
    ("Message not sent: the recipient bob@example.net is on the account's suppression list",
     ("suppressed",), GENERIC),
    # a protocol switched off for the account (the account named: the reading that names it, before a login's words)
    ("Unable to send email. Your SMTP account is not yet activated. Please contact us to request activation",
     ("protocol-off", "protocol-named", "account"), {"protocol-disabled-for-account"}),
    ("Die für E-Mail-Programme benötigten Protokolle POP3/IMAP sind standardmäßig zu Ihrer Sicherheit deaktiviert.",
     ("protocol-off", "protocol-named"), {"protocol-disabled-for-account"}),
]


@pytest.mark.parametrize(("text", "concept", "cause"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_general_reading(text: str, concept: tuple[str, ...], cause: set[str]) -> None:
    assert reading(text) == concept
    assert top(text) in cause


# Neighbours that must keep their own cause: the same words in another sense.
@pytest.mark.parametrize(("text", "cause"), [
    # a wrong password, logged by the same passdb
    ("Mar 3 10:01:02 mx dovecot: auth: passwd-file(bob@example.org,203.0.113.5): Password mismatch\n"
     "Mar 3 10:01:02 mx dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<bob@example.org>, "
     "method=PLAIN, rip=203.0.113.5", {"password-rejected"}),
    # Exchange's refusal names both: no reason to single out the user name
    ("-ERR Logon failure: unknown user name or bad password.", {"password-rejected"}),
    # an unknown recipient, no login
    ("550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
     {"recipient-rejected", "server-reply-permanent"}),
    # a certificate that could not be verified is no sender's address
    ("The certificate of the server could not be verified: certificate not verified for mail.example.org",
     {"cert-untrusted-issuer", "cert-hostname-mismatch", "tls-interception", "cert-self-signed"}),
    # Postfix's delivery log names the next hop "relay=": no relay refused
    ("Mar 3 10:01:02 mx postfix/smtp[3011]: 5A1B2C3D4E: to=<bob@example.net>, relay=none, delay=30, status=deferred "
     "(connect to mx.example.net[192.0.2.25]:25: Connection refused)",
     {"port-closed", "server-ip-blocked", "smtp-port25-blocked", "port-blocked-outbound", "server-unavailable"}),
    # a whole account switched off: account-locked's, not one protocol's
    ("a1 NO [ALERT] Your account has been disabled. Contact support.", {"account-locked"}),
    # a deferred delivery whose reason is a timeout stays a timeout
    ("Mar 3 10:01:02 mx postfix/error[30183]: 987D910A524: to=<bob@example.net>, relay=none, delay=2315, "
     "status=deferred (delivery temporarily suspended: connect to mx.example.net[192.0.2.25]:25: Connection timed out)",
     {"smtp-port25-blocked", "port-blocked-outbound", "server-ip-blocked"}),
])
def test_neighbours_keep_their_cause(text: str, cause: set[str]) -> None:
    assert top(text) in cause


def test_a_failure_that_says_no_reason_stays_a_failure_without_a_specific_cause() -> None:
    report = explain("Mar 3 10:01:02 mx postfix/smtpd[1002]: warning: unknown[203.0.113.5]: SASL LOGIN authentication "
                     "failed: (reason unavailable)\n550 5.7.1 Message rejected")
    assert report.has_errors
    generic = explain("Error: the message could not be delivered by the mail server")
    assert generic.has_errors
    assert generic.top is None or generic.top.cause in GENERIC | {"server-unavailable"}
