"""The documented replies of the transactional relays applications send through (Amazon SES, SendGrid, Mailgun,
Postmark, SparkPost, Brevo, SMTP2GO, Zoho ZeptoMail), each read as the cause the relay's own documentation gives it:
pasted alone, inside the wrapper a library puts around it (PHPMailer's "SMTP Error: ...", nodemailer's "Invalid login:
..." and "Mail command failed: ...", Python's smtplib exception tuples, Ruby's Net::SMTPFatalError, Symfony's
"Expected response code ..."), and as the words alone where they carry the meaning. Every wording is the relay's as
its page or a user's paste quotes it (the source beside each group)."""

from __future__ import annotations

import pytest
from helpers import top_cause

SES_UNVERIFIED = ("Message rejected: Email address is not verified. The following identities failed the check in region"
                  " US-EAST-1: noreply@example.org")
SENDGRID_IDENTITY = ("The from address does not match a verified Sender Identity. Mail cannot be sent until this error is"
                     " resolved. Visit https://sendgrid.com/docs/for-developers/sending-email/sender-identity/ to see the"
                     " Sender Identity requirements")
MAILGUN_SANDBOX = ("Sandbox subdomains are for test purposes only. Please add your own domain or add the address to"
                   " authorized recipients in Account Settings.")
MAILGUN_FREE = ("Domain example.org is not allowed to send: Free accounts are for test purposes only. Please upgrade or add"
                " the address to authorized recipients in Account Settings.")

CASES = [
    # --- Amazon SES (docs.aws.amazon.com/ses/latest/dg/troubleshoot-smtp.html, the SMTP response codes it returns;
    # repost.aws/knowledge-center/ses-554-400-message-rejected-error): SMTP credentials are not the AWS keys ...
    ("535 Authentication Credentials Invalid", "password-rejected"),
    ("SMTP Error: Could not authenticate. 535 Authentication Credentials Invalid", "password-rejected"),
    ("Invalid login: 535 Authentication Credentials Invalid", "password-rejected"),
    ("smtplib.SMTPAuthenticationError: (535, b'Authentication Credentials Invalid')", "password-rejected"),
    # ... the sender (and, in the sandbox, each recipient) must be a verified identity of the region ...
    ("554 " + SES_UNVERIFIED, "sender-address-not-allowed"),
    (SES_UNVERIFIED, "sender-address-not-allowed"),
    ("SMTP Error: data not accepted. SMTP server error: DATA END command failed Detail: " + SES_UNVERIFIED
     + " SMTP code: 554", "sender-address-not-allowed"),
    ("smtplib.SMTPDataError: (554, b'" + SES_UNVERIFIED + "')", "sender-address-not-allowed"),
    ("MessageRejected: " + SES_UNVERIFIED, "sender-address-not-allowed"),
    ("Message rejected: Email address is not verified.", "sender-address-not-allowed"),
    # ... the account's sending rate and daily quota (manage-sending-quotas-errors.html), and its paused sending ...
    ("454 Throttling failure: Maximum sending rate exceeded.", "sending-limit-exceeded"),
    ("smtplib.SMTPDataError: (454, b'Throttling failure: Maximum sending rate exceeded.')", "sending-limit-exceeded"),
    ("454 Throttling failure: Daily message quota exceeded.", "sending-limit-exceeded"),
    ("Throttling failure: Daily message quota exceeded.", "sending-limit-exceeded"),
    ("554 Message rejected: Sending paused for this account. For more information, please check the inbox of the email"
     " address associated with your AWS account.", "sending-limit-exceeded"),
    # ... its connection limit and its demand for TLS before AUTH.
    ("421 Too many concurrent SMTP connections", "too-many-connections"),
    ("530 Must issue a STARTTLS command first", "auth-requires-tls"),

    # --- SendGrid (twilio.com/docs/sendgrid/for-developers/sending-email/smtp-errors-and-troubleshooting): the From
    # address must match a verified Sender Identity (403, and the 550 chatwoot/chatwoot#2541 and
    # sahat/hackathon-starter#1083 quote) ...
    ("403 You are not authorized to send from that email address", "sender-address-not-allowed"),
    ("The mail server responded: You are not authorized to send from that email address", "sender-address-not-allowed"),
    ("550 " + SENDGRID_IDENTITY, "sender-address-not-allowed"),
    ("Mail command failed: 550 " + SENDGRID_IDENTITY, "sender-address-not-allowed"),
    ("SMTPSenderRefused: (550, b'" + SENDGRID_IDENTITY + "', 'noreply@example.org')", "sender-address-not-allowed"),
    # ... the plan's credits used up ...
    ("451 Authentication failed: Maximum credits exceeded", "sending-limit-exceeded"),
    ("Invalid login: 451 Authentication failed: Maximum credits exceeded", "sending-limit-exceeded"),
    # ... a wrong API key ("apikey" is the user name) ...
    ("535 Authentication failed: Bad username / password", "password-rejected"),
    ("Invalid login: 535 Authentication failed: Bad username / password", "password-rejected"),

    # --- Mailgun: "Domain D is not allowed to send: ..." -- an unverified domain sends nothing; its sandbox domain and a
    # free account send only to the authorised recipients (help.mailgun.com 217531258), a refusal of the recipient at
    # RCPT TO with 554 (swapmyvote/swapmyvote#182, domino14/Webolith#219) that no cause of the catalogue names: the
    # reply's meaning, permanent, not a password or a blocked address.
    ("Domain example.org is not allowed to send: The domain is unverified and requires DNS configuration. Log in to"
     " your control panel to view required DNS records.", "sender-address-not-allowed"),
    ("554 " + MAILGUN_SANDBOX, "server-reply-permanent"),
    ("Net::SMTPFatalError: 554 " + MAILGUN_SANDBOX, "server-reply-permanent"),
    ("smtplib.SMTPDataError: (554, b'" + MAILGUN_SANDBOX + "')", "server-reply-permanent"),
    (MAILGUN_SANDBOX, "server-reply-permanent"),
    ("554 " + MAILGUN_FREE, "server-reply-permanent"),
    (MAILGUN_FREE, "server-reply-permanent"),

    # --- The relays' common wording for a From domain not verified in the account: Plunk's SMTP relay at MAIL FROM
    # (useplunk/plunk#164), in nodemailer's wrapper.
    ("Mail command failed: 550 This domain is not associated with your account", "sender-address-not-allowed"),

    # --- Postmark: only confirmed sender signatures may be the From address
    # (postmarkapp.com/developer/user-guide/managing-your-account/managing-sender-signatures).
    ("422 Sender signature not defined for From address.", "sender-address-not-allowed"),
    # ... and refuses a recipient on its suppression list (ActiveCampaign/postmark-php#35): the recipient's doing, no
    # cause of the sender's setup, and not a connection failure.
    ("Postmark::InactiveRecipientError: You tried to send to recipient(s) that have been marked as inactive. Found"
     " inactive addresses: alice@example.org.", "server-reply-permanent"),
    ("You tried to send to a recipient that has been marked as inactive. Found inactive addresses: alice@example.org."
     " Inactive recipients are ones that have generated a hard bounce or a spam complaint.", "server-reply-permanent"),

    # --- SparkPost (support.sparkpost.com/docs/faq/error-messages-smtp): the API key needs the "Send via SMTP"
    # permission and the user name SMTP_Injection; the From domain must be a configured sending domain.
    ("535 5.7.8 Sorry. *** No authentication type succeeded", "password-rejected"),
    ("Invalid login: 535 5.7.8 Sorry. *** No authentication type succeeded", "password-rejected"),
    ("550 5.7.1 Unconfigured Sending Domain <demo.example.com>", "sender-address-not-allowed"),
    ("The mail server responded: Unconfigured Sending Domain <demo.example.com>", "sender-address-not-allowed"),

    # --- Brevo (Sendinblue): logins only from the account's authorised IPs; transactional sending switched on per
    # account.
    ("525 5.7.1 Unauthorized IP address", "client-ip-blocklisted"),
    ("502 5.7.0 Your SMTP account is not yet activated", "protocol-disabled-for-account"),

    # --- SMTP2GO (support.smtp2go.com/hc/en-gb/articles/13990494697369-Common-Sending-Errors).
    ("535 Incorrect authentication data", "password-rejected"),
    ("550 Relay access denied - please authenticate", "smtp-auth-not-enabled"),
    ("SMTP ERROR: DATA END command failed: 550-From header sender domain not verified.550-On your Settings > Sender"
     " Domains page550 verify the sender domain to be allowed to send.", "sender-address-not-allowed"),

    # --- Zoho ZeptoMail (zoho.com/zeptomail/help/api/smtp-error-codes.html).
    ("530 Must issue a STARTTLS command first.", "auth-requires-tls"),
    ("535 Authentication Failed.", "password-rejected"),
    ("553 Relaying disallowed as <noreply@example.org>.", "sender-address-not-allowed"),
]


@pytest.mark.parametrize(("text", "cause"), CASES)
def test_relay_reply_reads_as_its_documented_cause(text: str, cause: str) -> None:
    assert top_cause(text) == cause
