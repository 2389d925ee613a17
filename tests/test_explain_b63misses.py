"""Families of server and provider texts a blind batch (corpus batch63) read wrong, read by what their
sources say they mean, each in other servers' wordings too:

- RFC 4954 section 6's 534 5.7.9 "Authentication mechanism is too weak": a 534 5.7.9 whose words say
  nothing else refuses the mechanism (chasquid answers any AUTH other than PLAIN "534 5.7.9 Asmodeus
  demands 534 zorkmids for safe passage", albertito/chasquid:internal/smtpsrv/conn.go AUTH); only
  Google's words ("Application-specific password required", support.google.com/a/answer/3726730) ask
  for an app password.
- RFC 5321 section 4.5.3.1.10's 452 "Too many recipients" (RFC 3463 X.5.3): the server's limit of
  recipients in one message (Postfix smtpd_recipient_limit, "452 4.5.3 Error: too many recipients",
  vdukhovni/postfix:postfix/src/smtpd/smtpd.c rcpt_cmd): send to fewer recipients at a time, as for
  Gmail's "Your message has too many recipients".
- sendmail's delivery transcript: "<<< " quotes the remote server, and sendmail's own "451 4.4.1 reply:
  read error from HOST" after it says only that the remote closed the connection (sendmail usersmtp.c
  reply(): "if the remote end closed early, fake an error"), so the remote's refusal before it is why.
- A server's own access list refusing the client's address: Ipswitch IMail's SMTPD log "Denied access
  from ADDR" (support.ipswitch.com/kb/IM-20050718-DM01.htm), MailEnable's "530 HOST ESMTP MailEnable
  Service, Version: ... denied access at DATE" (mailenable.com/kb/content/article.asp?ID=ME020417).
"""

from __future__ import annotations

import pytest
from helpers import Case, assert_named_once, causes_of

_SENDMAIL_HEAD = "----- Transcript of session follows -----\n... while talking to mx.example.com.:\n"

CASES = [
    # --- 534 5.7.9: the mechanism, unless Google's words say app password --------------------------------
    Case("chasquid-534-unsupported-mechanism", "534 5.7.9 Asmodeus demands 534 zorkmids for safe passage",
         ("auth-mechanism-unsupported",), "albertito/chasquid:internal/smtpsrv/conn.go (AUTH: mechanism other than PLAIN)"),
    Case("rfc4954-534-too-weak", "534 5.7.9 Authentication mechanism is too weak",
         ("auth-mechanism-unsupported",), "RFC 4954 section 6"),
    Case("smtplib-534-bare", "smtplib.SMTPAuthenticationError: (534, b'5.7.9 Authentication mechanism is too weak')",
         ("auth-mechanism-unsupported",), "RFC 4954 section 6, in cpython:Lib/smtplib.py's form"),
    Case("gmail-534-app-password", "534-5.7.9 Application-specific password required. Learn more at\n"
         "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor q4sm11896087qtf.35 - gsmtp",
         ("app-password-required",), "https://support.google.com/a/answer/3726730"),
    Case("gmail-534-web-login", "534-5.7.9 Please log in with your web browser and then try again. Learn more at\n"
         "534 5.7.9 https://support.google.com/mail/?p=WebLoginRequired",
         ("web-login-required",), "https://support.google.com/a/answer/3726730"),
    Case("mailcore-error-40", "(MCOErrorDomain error 40.)", ("app-password-required",),
         "MailCore2 MCOErrorDomain 40, ErrorGmailApplicationSpecificPasswordRequired (data/client-messages.yaml)"),
    Case("kerio-application-passwords-only", "Only application passwords are allowed since 2FA is enabled", ("app-password-required",),
         "https://support.kerioconnect.gfi.com/article/130064 (GFI Kerio Connect's security log)"),
    Case("chasquid-550-579-submission-unauthenticated", "550 5.7.9 Mail to submission port must be authenticated",
         ("server-reply-permanent", "auth-required", "smtp-auth-not-enabled"),
         "albertito/chasquid:internal/smtpsrv/conn.go (MAIL on the submission port before AUTH)"),
    Case("yahoo-554-579-policy", "554 5.7.9 Message not accepted for policy reasons.  See https://help.yahoo.com/kb/postmaster/SLN7253.html",
         ("sender-address-not-allowed", "content-filtered", "server-reply-permanent"),
         "https://senders.yahooinc.com/smtp-error-codes/"),
    # --- recipients per message (RFC 5321 4.5.3.1.10) ---------------------------------------------------
    Case("rfc5321-452-too-many-recipients", "452 Too many recipients", ("sending-limit-exceeded",), "RFC 5321 section 4.5.3.1.10"),
    Case("postfix-452-453-recipient-limit", "452 4.5.3 Error: too many recipients", ("sending-limit-exceeded",),
         "vdukhovni/postfix:postfix/src/smtpd/smtpd.c (rcpt_cmd, smtpd_recipient_limit)"),
    Case("453-too-many-recipients", "452 4.5.3 Too many recipients", ("sending-limit-exceeded",), "RFC 3463 X.5.3; RFC 5321 4.5.3.1.10"),
    Case("552-too-many-recipients", "552 5.5.3 Too many recipients", ("sending-limit-exceeded",),
         "RFC 5321 4.5.3.1.10 (RFC 821 listed 552 for it; clients treat it as 452)"),
    Case("thunderbird-too-many-recipients", "An error occurred while sending mail. The mail server responded: "
         "4.5.3 Error: too many recipients. Please check the message and try again.", ("sending-limit-exceeded",),
         "Postfix smtpd.c's reply inside Thunderbird's sending error (comm-central mail/locales messengercompose.properties)"),
    Case("gmail-452-too-many-recipients", "452 4.5.3 Your message has too many recipients. For more information regarding "
         "Google's sending limits, visit https://support.google.com/mail/?p=TooManyRecipientsError - gsmtp",
         ("sending-limit-exceeded",), "https://support.google.com/a/answer/3726730"),
    # neighbours: a rate per client is the same cause; the recipient's mailbox and qmail's rcpthosts are not.
    Case("postfix-450-too-many-recipients-from", "450 4.7.1 Error: too many recipients from 192.0.2.7",
         ("sending-limit-exceeded",), "vdukhovni/postfix:postfix/src/smtpd/smtpd.c (smtpd_client_recipient_rate_limit)"),
    Case("recipient-over-quota", "452 4.2.2 The email account that you tried to reach is over quota.",
         ("none",), "https://support.google.com/a/answer/3726730 (the recipient's mailbox: no cause of the sender's)"),
    Case("qmail-chkuser-rcpthosts", "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.5.3 - chkuser)",
         ("smtp-auth-not-enabled",), "qmail chkuser (its own '#5.5.3' for a relay refused)"),
    # --- sendmail transcripts: the remote's refusal, not sendmail's read error after it ---------------------
    Case("sendmail-rbl-then-read-error",
         _SENDMAIL_HEAD + ">>> STARTTLS dialogue\n<<< 550 Service unavailable; Client Host [192.0.2.1] blocked using "
         "Trend Micro RBL+.\n451 4.4.1 reply: read error from mx.example.com.\n<alice@example.com>... Deferred",
         ("client-ip-blocklisted",), "hrs-allbsd/sendmail:sendmail/usersmtp.c (reply: '451 4.4.1 reply: read error from %s')"),
    Case("sendmail-spamhaus-then-read-error",
         _SENDMAIL_HEAD + ">>> MAIL From:<alice@example.org> SIZE=1234\n<<< 554 5.7.1 Service unavailable; Client host "
         "[192.0.2.1] blocked using zen.spamhaus.org\n451 4.4.1 reply: read error from mx.example.com.",
         ("client-ip-blocklisted",), "sendmail usersmtp.c; vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c default_rbl_reply"),
    # generic: sendmail's read error alone says only that the connection dropped, a failure with no named cause.
    Case("sendmail-read-error-alone", "451 4.4.1 reply: read error from mx.example.com.",
         ("server-reply-transient", "server-unavailable", "connection-reset"), "sendmail usersmtp.c reply()"),
    # --- a server's own access list ---------------------------------------------------------------------
    Case("imail-denied-access-from", "Denied access from 192.0.2.4", ("client-ip-blocklisted",),
         "http://support.ipswitch.com/kb/IM-20050718-DM01.htm"),
    Case("imail-smtpd-log-denied-access", "20050718 101112 127.0.0.1 SMTPD (00000A1C) Denied access from 192.0.2.4",
         ("client-ip-blocklisted",), "http://support.ipswitch.com/kb/IM-20050718-DM01.htm (in IMail's SMTPD log form)"),
    Case("mailenable-530-denied-access", "530 example.com ESMTP MailEnable Service, Version: 9.00--9.00 denied access at 01/01/17 17:00:00",
         ("client-ip-blocklisted",), "https://www.mailenable.com/kb/content/article.asp?ID=ME020417"),
    # neighbours: a login refused, a relay refused, a bare "Access denied".
    Case("access-denied-login", "535 5.7.8 Error: authentication failed: access denied", ("password-rejected", "account-disabled"),
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c"),
    Case("relay-access-denied", "554 5.7.1 <bob@example.net>: Relay access denied", ("smtp-auth-not-enabled", "relay-denied"),
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c reject_unauth_destination"),
    # --- generic stays generic ----------------------------------------------------------------------------
    Case("generic-550-failed", "550 Requested action not taken", ("server-reply-permanent",), "RFC 5321 section 4.2.2"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_b63_families(case: Case) -> None:
    causes = causes_of(case.text)
    if case.causes == ("none",):
        assert not causes or causes[0] not in {"sending-limit-exceeded", "client-ip-blocklisted"}, causes
    else:
        assert causes and causes[0] in case.causes, causes


def test_named_once() -> None:
    assert_named_once(CASES)
