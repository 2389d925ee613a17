"""Replies of servers not reached before -- qmail's common patches, Courier (esmtpd, imapd, pop3d, its filters),
Sendmail's own words, Kerio Connect, Exchange's own SmtpResponse texts -- each with its codes as the server sends it
and as the words alone a mail program shows ("The mail server responded: ..."): each is read as the cause its
source gives it, not as a bare refusal (mailexpert/data/server-replies.yaml, rules/shared/relay-refused.yaml,
rules/shared/auth-required.yaml, rules/authentication/sender-address-not-allowed.yaml,
rules/server-side/sending-limit-exceeded.yaml); MailEnable's and Emailit's; and providers added to
mailexpert/data/providers.yaml (Seznam)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

_SAID = "The mail server responded: {}"


def _top(text: str) -> str:
    report = explain(text)
    return report.diagnoses[0].cause if report.diagnoses else "none"


CASES = [
    # --- qmail with the jms1 combined patch (qmail.jms1.net/patches/combined.shtml, qmail-smtpd.c)
    # err_relay: a recipient outside rcpthosts from a client that did not log in
    ("553 we don't relay (#5.7.1)", "smtp-auth-not-enabled"),
    (_SAID.format("we don't relay (#5.7.1)"), "smtp-auth-not-enabled"),
    # err_authfirst: REQUIRE_AUTH set, MAIL FROM before a login
    ("503 AUTH first (#5.5.1)", "smtp-auth-not-enabled"),
    (_SAID.format("AUTH first (#5.5.1)"), "smtp-auth-not-enabled"),
    # checkpassword refused the login (the qmail-smtpd-auth patch's words, kept by jms1's)
    ("535 authorization failed (#5.7.0)", "password-rejected"),
    (_SAID.format("authorization failed (#5.7.0)"), "password-rejected"),
    ("sendEmail[9113]: ERROR => Received: \t535 authorization failed (#5.7.0)", "password-rejected"),
    # err_hmf: MFCHECK, the envelope sender's domain has no DNS records
    ("553 sorry, your envelope sender domain must exist (#5.7.1)", "sender-address-not-allowed"),
    (_SAID.format("sorry, your envelope sender domain must exist (#5.7.1)"), "sender-address-not-allowed"),

    # --- Courier: svarshavchik/courier:courier/courier/module.esmtp/courieresmtpd.C
    # ESMTP_TLS_REQUIRED: every command but RSET before STARTTLS
    ("400 STARTTLS is required first.", "auth-requires-tls"),
    (_SAID.format("STARTTLS is required first."), "auth-requires-tls"),
    # auth_required: a command before a login
    ("535 Authentication required.", "smtp-auth-not-enabled"),
    # esmtp.C: the relay refusal with Courier's own code 513
    ("513 Relaying denied.", "smtp-auth-not-enabled"),
    # filters/ratefilter.C: the sender over its messages per interval
    ("500 Number of messages exceeded administrative limit.", "sending-limit-exceeded"),
    (_SAID.format("Number of messages exceeded administrative limit."), "sending-limit-exceeded"),
    # --- Courier IMAP/POP3: svarshavchik/courier-libs:imap/pop3login.C, imaplogin.C, imapd.C, pop3dserver.C
    ("-ERR TLS required to log in.", "auth-requires-tls"),
    ("The server responded: TLS required to log in.", "auth-requires-tls"),
    ("a1 NO STARTTLS required", "auth-requires-tls"),
    ("* BYE IMAP access disabled for this account.", "protocol-disabled-for-account"),
    ("-ERR POP3 access disabled for this account.", "protocol-disabled-for-account"),
    ("-ERR Login failed.", "password-rejected"),

    # --- Sendmail: deepin-community/sendmail:sendmail/srvrsmtp.c, cf/m4/proto.m4
    # trust_auth: the MAIL FROM AUTH= identity is one the logged-in user may not act as
    ("550 5.7.1 bob@example.org not allowed to act as alice@example.org", "sender-address-not-allowed"),
    (_SAID.format("bob@example.org not allowed to act as alice@example.org"), "sender-address-not-allowed"),
    # srvrsmtp.c: a refused login, a command before a login, a mechanism the server does not offer
    ("535 5.7.0 authentication failed", "password-rejected"),
    ("530 5.7.0 Authentication required", "smtp-auth-not-enabled"),
    ("504 5.3.3 AUTH mechanism CRAM-MD5 not available", "auth-mechanism-unsupported"),
    # proto.m4 ratecontrol and conncontrol (_RATE_CONTROL_REPLY, _CONN_CONTROL_REPLY 421)
    ("421 4.3.2 Connection rate limit exceeded.", "too-many-connections"),
    ("421 4.3.2 Too many open connections.", "too-many-connections"),
    # proto.m4 check_relay with a DNS blocklist (FEATURE dnsbl)
    ("550 5.7.1 Rejected: 192.0.2.1 listed at zen.spamhaus.org", "client-ip-blocklisted"),

    # --- Kerio Connect (support.kerioconnect.gfi.com, Outbound Email Delivery Troubleshooting Article; and the
    # article on SMTP NTLM authentication failures: 5.7.1 Authentication Required, application passwords with 2FA)
    ("550 5.7.1 Relaying is denied", "smtp-auth-not-enabled"),
    (_SAID.format("Relaying is denied"), "smtp-auth-not-enabled"),
    ("Mailbox unavailable. The server response was: 5.7.1 Authentication Required", "smtp-auth-not-enabled"),
    ("Only application passwords are allowed since 2FA is enabled", "app-password-required"),

    # --- Exchange Server's Internet Mail Service: "Relaying Prohibited" to a client that did not log in
    # (Microsoft KB Q197869, XCLN: Routing Restrictions Require SMTP Authentication)
    ("550 5.7.1 Relaying prohibited", "smtp-auth-not-enabled"),
    (_SAID.format("Relaying prohibited"), "smtp-auth-not-enabled"),
    ("Server Response: '550 5.7.1 Relaying Prohibited'", "smtp-auth-not-enabled"),

    # --- Exchange Server's SmtpResponse texts (Microsoft.Exchange.Data.Transport.Smtp SmtpResponse): NotAuthenticated,
    # SubmitDenied, RequireSTARTTLSToAuth, SendOnBehalfOfDenied; and its IP Block List's default rejection response
    # (IPBlockListConfigSchema, support.microsoft.com/kb/928123)
    ("530 5.7.1 Not authenticated", "smtp-auth-not-enabled"),
    ("550 5.7.1 Client does not have permissions to submit to this server", "smtp-auth-not-enabled"),
    (_SAID.format("Client does not have permissions to submit to this server"), "smtp-auth-not-enabled"),
    ("451 5.7.3 Require STARTTLS to authenticate", "auth-requires-tls"),
    (_SAID.format("Require STARTTLS to authenticate"), "auth-requires-tls"),
    ("451 5.7.3 Require STARTTLS to do basic authentication", "auth-requires-tls"),
    ("550 5.7.1 Client does not have permissions to send on behalf of the from address", "sender-address-not-allowed"),
    (_SAID.format("Client does not have permissions to send on behalf of the from address"),
     "sender-address-not-allowed"),
    ("550 5.7.1 External client with IP address 192.0.2.1 does not have permissions to submit to this server. Visit"
     " http://support.microsoft.com/kb/928123 for more information.", "client-ip-blocklisted"),

    # --- MailEnable: a recipient elsewhere from a client that did not log in (as sisimai/rb-sisimai:
    # lib/sisimai/reason/norelaying.rb reads it)
    ("530 This mail server requires authentication when attempting to send to a non-local e-mail address. Please"
     " check your mail client settings or contact your administrator to verify that the domain or address is defined"
     " for this server.", "smtp-auth-not-enabled"),

    # --- Emailit's SMTP relay (emailit.com/docs/kb/smtp-530-from-domain-not-verified, emailit.com/docs/smtp/
    # troubleshooting): a From domain not verified for the API key's workspace, the day's messages used up
    ("530 From/Sender domain is not verified for this workspace. From: bob@example.org", "sender-address-not-allowed"),
    (_SAID.format("From/Sender domain is not verified for this workspace."), "sender-address-not-allowed"),
    ("530 API key is restricted to sending domain: example.com. From/Sender address must use this domain."
     " From: bob@example.org", "sender-address-not-allowed"),
    ("452 4.5.3 Daily message limit exceeded", "sending-limit-exceeded"),
    (_SAID.format("Daily message limit exceeded"), "sending-limit-exceeded"),

    # --- Seznam: with two-factor authentication on, mail programs need the application password
    # (o-seznam.cz/napoveda/ucet/en/dvoufazove-overeni/postovni-programy/, which quotes the first message)
    ("Login to server imap.seznam.cz failed.", "app-password-required"),
    ("smtp.seznam.cz: 535 5.7.8 Authentication credentials invalid", "app-password-required"),
]


@pytest.mark.parametrize(("text", "cause"), CASES)
def test_reply_names_its_cause(text: str, cause: str) -> None:
    assert _top(text) == cause
