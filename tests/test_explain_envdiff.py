"""An SMTP server's refusal of the envelope or the message (at MAIL FROM, RCPT TO or after DATA),
as the servers word it, and which cause each reads as.

A catalogue of real replies, each checked at its source (the server's code or configuration, or the
provider's published reference; where the program fills in a host or address, a public log or paste
of it), with the causes it may honestly read as; the first cause `explain` names must be one of
them, and none of them reads as fine. The words decide: a relay refusal ("Relay access denied",
"relay not permitted", "Relaying denied. Proper authentication required") means the client did not
log in (smtp-auth-not-enabled; sending to the domain's inbound MX on port 25 says the same words,
mx-host-used-for-submission); a sender the server will not take from this account, or whose domain
does not exist, is the sender address (sender-address-not-allowed); the client's IP on a block list
is client-ip-blocklisted; the EHLO name is helo-name-rejected. A refusal of one recipient (5.1.1
user unknown) is none of the sender's setup and stays the generic permanent reply."""

from __future__ import annotations

import pytest
from helpers import Case

from mailexpert.explain import explain

NO_LOGIN = ("smtp-auth-not-enabled", "mx-host-used-for-submission")
SENDER = ("sender-address-not-allowed",)
BLOCKLIST = ("client-ip-blocklisted",)
HELO = ("helo-name-rejected",)
LIMIT = ("sending-limit-exceeded",)
CONTENT = ("content-filtered",)
PERMANENT = ("server-reply-permanent",)
TRANSIENT = ("server-reply-transient",)

CASES = [
    # --- relaying refused: the client did not log in --------------------------------------------------
    Case("postfix-relay-log",
         "postfix/smtpd[1234]: NOQUEUE: reject: RCPT from unknown[198.51.100.7]: 554 5.7.1 <bob@example.org>: "
         "Relay access denied; from=<alice@example.com> to=<bob@example.org> proto=ESMTP helo=<laptop.example.com>",
         NO_LOGIN, "vdukhovni/postfix postfix/src/smtpd/smtpd_check.c reject_unauth_destination '<%s>: Relay access denied'"),
    Case("postfix-relay-smtplib",
         "smtplib.SMTPRecipientsRefused: {'bob@example.org': (554, b'5.7.1 <bob@example.org>: Relay access denied')}",
         NO_LOGIN, "postfix smtpd_check.c (as above), through Python smtplib"),
    Case("exim-relay-not-permitted",
         "SMTP error from remote mail server after RCPT TO:<bob@example.org>: 550 relay not permitted",
         NO_LOGIN, "Exim src/configure.default acl_check_rcpt: 'deny message = relay not permitted'"),
    Case("sendmail-relay-auth",
         "550 5.7.1 <bob@example.org>... Relaying denied. Proper authentication required.",
         NO_LOGIN, "sendmail cf/m4/proto.m4 confRELAY_MSG with _USE_AUTH_"),
    Case("sendmail-relay-outlook",
         "The rejected e-mail address was 'user@anotherdomain.com'. Account: 'mail.mydomain.com', Server: "
         "'mail.mydomain.com', Protocol: SMTP, Server Response: '550 5.7.1 <user@anotherdomain.com>... Relaying denied. "
         "Proper authentication required.', Port: 25, Secure(SSL): No, Server Error: 550, Error Number: 0x800CCC79",
         NO_LOGIN, "kb.apnscp.com (Outlook quoting sendmail's confRELAY_MSG)"),
    Case("sendmail-relay-ptr",
         "550 5.7.1 <bob@example.org>... Relaying denied. IP name lookup failed [198.51.100.7]",
         NO_LOGIN + BLOCKLIST, "sendmail cf/m4/proto.m4 '550 Relaying denied. IP name lookup failed'"),
    Case("sendmail-relay-ptr-otrs",
         "[Error][Kernel::System::Email::SMTP::Send][Line:139]: Can't send to '9988@qq.com': 5505.7.1 <9988@qq.com>... "
         "Relaying denied. IP name lookup failed [104.16.1.53]#012! Enable Net::SMTP debug for more info!",
         NO_LOGIN + BLOCKLIST, "sendmail proto.m4 (the same), as OTRS logs it (a public forum paste)"),
    Case("sendmail-relay-ptr-server-log",
         "sm-mta[5589]: s1IHYWxQ005589: ruleset=check_rcpt, arg1=<support@example.com>, relay=[199.87.239.74], "
         "reject=550 5.7.1 <support@example.com>... Relaying denied. IP name lookup failed [199.87.239.74]",
         NO_LOGIN + BLOCKLIST, "sendmail proto.m4 (the same), the server's own log line"),
    Case("qmail-rcpthosts",
         "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",
         NO_LOGIN, "netqmail qmail-smtpd.c err_nogateway"),
    Case("qmail-rcpthosts-javamail",
         "javax.mail.SendFailedException: Invalid Addresses;\n  nested exception is:\n\tcom.sun.mail.smtp.SMTPAddressFailedException: "
         "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",
         NO_LOGIN, "netqmail qmail-smtpd.c err_nogateway, through JavaMail"),
    Case("cpanel-turn-on-auth",
         "SMTP error from remote mail server after RCPT TO:<bob@example.org>: 550-Please turn on SMTP Authentication in "
         "your mail client.\n550-laptop.example.com [198.51.100.7]:58133 is not permitted to relay 550 through this "
         "server without authentication.",
         NO_LOGIN, "cPanel Exim ACL (sisimai MessageLabs/Exim tables quote it)"),
    # hMailServer's IP range forbids this sender/recipient pair whether or not the client logged in; with the
    # default ranges only an external sender (an address in none of the server's domains) to an external recipient.
    Case("cpanel-turn-on-auth-dsn",
         "Diagnostic-Code: smtp;550-Please turn on SMTP Authentication in your mail client.\n550-mail.example.com "
         "[10.5.40.204]:58133 is not permitted to relay 550 through this server without authentication.",
         NO_LOGIN, "cPanel Exim ACL, as a bounce's Diagnostic-Code carries it (ait-aecid/logdata-anomaly-miner test data)"),
    Case("hmailserver-delivery-not-allowed",
         "550 Delivery is not allowed to this address.",
         SENDER + NO_LOGIN, "hmailserver/hmailserver source/Server/SMTP/SMTPConnection.cpp ProtocolRCPT_ (bAllowRelay == false; GetIsLocalSender_ is the sender's domain)"),
    Case("exchange-non-accepted-domain",
         "System.Net.Mail.SmtpFailedRecipientException: Mailbox unavailable. The server response was: 5.7.54 SMTP; "
         "Unable to relay recipient in non-accepted domain",
         NO_LOGIN, "Exchange Server's receive connector (learn.microsoft.com 'Fix NDR error 550 5.7.54'), through System.Net.Mail"),
    Case("exchange-online-anonymous",
         "The SMTP server requires a secure connection or the client was not authenticated. The server response was: "
         "5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM",
         ("smtp-auth-not-enabled",), "learn.microsoft.com 'Fix NDR error 550 5.7.57 in Exchange Online', through System.Net.Mail"),
    Case("ms365-tenantattribution",
         "SMTPRecipientsRefused: {'bob@example.org': (550, b'5.7.64 TenantAttribution; Relay Access Denied "
         "[SN1PEPF000252A1.namprd05.prod.outlook.com]')}",
         NO_LOGIN, "learn.microsoft.com 'NDR error 550 5.7.64 TenantAttribution when sending emails through EOP'"),
    # --- the sender address ---------------------------------------------------------------------------
    Case("postfix-not-owned",
         "553 5.7.1 <other@example.com>: Sender address rejected: not owned by user alice@example.com",
         SENDER, "postfix smtpd_check.c reject_auth_sender_login_mismatch"),
    Case("postfix-sender-domain-not-found",
         "450 4.1.8 <root@laptop.localdomain>: Sender address rejected: Domain not found",
         SENDER + TRANSIENT, "postfix smtpd_check.c reject_unknown_sender_domain"),
    Case("postfix-sender-domain-not-found-553",
         "553 5.1.8 <root@laptop.localdomain>: Sender address rejected: Domain not found",
         SENDER + PERMANENT, "postfix smtpd_check.c reject_unknown_sender_domain (unknown_address_reject_code)"),
    # Postfix's reject_non_fqdn_sender names the sender address, but the corpus labels these words (Django's default
    # webmaster@localhost refused) with the generic reading, so that reading stays first and sender-address-not-allowed
    # is no more than acceptable.
    Case("postfix-non-fqdn-sender-relay",
         "status=bounced (host smtp.orange.fr[80.12.242.86] said: 504 5.5.2 <rfronteau@rfronteau-laptop>: Sender address "
         "rejected: need fully-qualified address (in reply to MAIL FROM command))",
         PERMANENT + SENDER, "postfix smtpd_check.c reject_non_fqdn_sender (non_fqdn_reject_code 504 5.5.2), as a Postfix relay logs it"),
    Case("postfix-non-fqdn-sender-app",
         "SMTP: bounce: 504 5.5.2 <noreply+mlcm6godbz2cchtgdvom@oeps>: Sender address rejected: need fully-qualified address",
         PERMANENT + SENDER, "postfix smtpd_check.c reject_non_fqdn_sender, as zotonic's documentation quotes it"),
    Case("exim-sender-verify",
         "SMTP error from remote mail server after RCPT TO:<me@example.edu>: host mx.example.edu [192.0.2.5]: "
         "550-Verification failed for <tripwire@myhost>\n550-Unrouteable address\n550 Sender verify failed",
         SENDER + PERMANENT, "Exim acl.c/verify.c sender verification (public paste of the reply)"),
    Case("exim-sender-verify-log",
         "2009-05-29 18:29:12 H=dial-up.example.net [10.0.0.2]:4336 I=[10.0.0.1]:25 F=<a@example.net> rejected RCPT "
         "<d@example.net>: Sender verify failed",
         SENDER, "Exim acl.c 'Sender verify failed', its reject log line (quoted in a log summariser's comments)"),
    Case("ms365-bad-outbound-sender",
         "Remote Server returned '550 5.1.8 Access denied, bad outbound sender.'",
         ("sending-limit-exceeded", "content-filtered", "account-locked"),
         "learn.microsoft.com 'Remove blocked users from the Restricted entities page' (NDR text)"),
    # The SPF project's explanation page for a failed MAIL FROM check (s=mfrom), which postfix-policyd-spf gives as
    # the whole reason when it has no other; Postfix prefixes "Recipient address rejected:" since it runs at RCPT.
    Case("policyd-spf-openspf",
         "550 5.7.1 <yourname@yourdomain.com>: Recipient address rejected: Please see "
         "http://www.openspf.net/Why?s=mfrom;id=someone%40yourdomain.com;ip=184.72.226.23;r=yourdomain.com",
         SENDER, "a Postfix submission log with postfix-policyd-spf (the 'Reject' example of a DigitalOcean-style mail server tutorial)"),
    Case("policyd-spf-openspf-log",
         "postfix/submission/smtpd[20463]: NOQUEUE: reject: RCPT from node-mec2.example.com[184.72.226.23]: 550 5.7.1 "
         "<yourname@yourdomain.com>: Recipient address rejected: Please see http://www.openspf.org/Why?s=mfrom;"
         "id=someone%40yourdomain.com;ip=184.72.226.23;r=yourdomain.com; from=<someone@yourdomain.com> "
         "to=<yourname@yourdomain.com> proto=ESMTP helo=<node-mec2.example.com>",
         SENDER, "the same, as the server's log line"),
    # --- the client's IP on a block list --------------------------------------------------------------
    Case("postfix-dnsbl",
         "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org; "
         "https://www.spamhaus.org/query/ip/198.51.100.7",
         BLOCKLIST, "postfix smtpd_check.c reject_rbl_client 'Service unavailable; %s [%s] blocked using %s'"),
    Case("exim-black-list",
         "550 rejected because 198.51.100.7 is in a black list at zen.spamhaus.org",
         BLOCKLIST, "Exim default ACL (deny message = rejected because $sender_host_address is in a black list at $dnslist_domain)"),
    Case("exim-black-list-log",
         "2009-05-29 18:29:12 H=dsl-10-0-0-2.example.net [10.0.0.2]:1905 I=[10.0.0.1]:25 F=<a@example.net> rejected "
         "RCPT <b@example.net>: rejected because 10.0.0.2 is in a black list at bl.example.net",
         BLOCKLIST, "Exim's reject log line for its default DNSBL ACL (quoted in a log summariser's comments)"),
    Case("ms365-banned-ip",
         "550 5.7.606 Access denied, banned sending IP [198.51.100.7]; To request removal from this list please visit "
         "https://sender.office.com/ and follow the directions.",
         BLOCKLIST, "learn.microsoft.com 'Use the delist portal to remove yourself from the blocked senders list'"),
    Case("ms365-708",
         "Remote server returned '550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. "
         "For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653'",
         BLOCKLIST, "learn.microsoft.com 'Fix NDR error 5.7.700 through 5.7.750'"),
    Case("gmail-not-authorized-ip",
         "550-5.7.1 [198.51.100.7] The IP you're using to send mail is not authorized to send email directly to our "
         "servers. Please use the SMTP relay at your service provider instead. Learn more at "
         "https://support.google.com/mail/?p=NotAuthorizedError - gsmtp",
         BLOCKLIST, "support.google.com/a/answer/3726730 (Gmail SMTP errors, 550 5.7.1)"),
    Case("postfix-no-ptr",
         "450 4.7.25 Client host rejected: cannot find your hostname, [198.51.100.7]",
         BLOCKLIST + HELO, "postfix smtpd_check.c reject_unknown_client_hostname"),
    # --- the EHLO name --------------------------------------------------------------------------------
    Case("postfix-helo-fqdn",
         "504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname",
         HELO, "postfix smtpd_check.c reject_non_fqdn_helo_hostname"),
    Case("postfix-helo-fqdn-log",
         "postfix/smtpd[12345]: NOQUEUE: reject: RCPT from client.example.com[198.51.100.7]: 504 5.5.2 <syslog>: "
         "Helo command rejected: need fully-qualified hostname; from=<a@example.com> to=<b@example.com> proto=ESMTP helo=<syslog>",
         HELO, "postfix smtpd_check.c reject_non_fqdn_helo_hostname (a server log line)"),
    Case("postfix-helo-not-found",
         "450 4.7.1 <laptop.lan>: Helo command rejected: Host not found",
         HELO, "postfix smtpd_check.c reject_unknown_helo_hostname"),
    # --- quotas ----------------------------------------------------------------------------------------
    Case("ms365-submission-quota",
         "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException",
         LIMIT, "learn.microsoft.com Exchange Online limits (the per-day limit's error message)"),
    # The account's outgoing mail is blocked until it is unblocked: the catalogue reads it as account-locked.
    Case("zoho-outgoing-blocked",
         "554 5.1.8 Email Outgoing Blocked.",
         ("account-locked", *LIMIT), "help.zoho.com community topic 554-5-1-8-email-outgoing-blocked (the account's outgoing mail blocked)"),
    # --- the words say nothing more ------------------------------------------------------------------
    Case("postfix-pipelining",
         "503 5.5.0 <unknown[198.51.100.7]>: Client host rejected: Improper use of SMTP command pipelining",
         ("server-protocol-error", *PERMANENT), "postfix smtpd_check.c reject_unauth_pipelining"),
    # An envelope sender the server's admin listed in badmailfrom: the words name the sender address, but not
    # whether it is one the account may use.
    Case("qmail-badmailfrom",
         "553 sorry, your envelope sender is in my badmailfrom list (#5.7.1)",
         PERMANENT + SENDER, "netqmail qmail-smtpd.c err_bmf"),
    Case("postfix-multi-recipient-bounce",
         "550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce",
         PERMANENT, "postfix smtpd_check.c reject_multi_recipient_bounce"),
]

# A refusal of one recipient is none of the sender's account setup.
RECIPIENT_REFUSALS = [
    # postfix smtpd_check.c reject_unlisted_recipient
    "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
    # postfix smtpd_check.c reject_non_fqdn_recipient (the recipient's words, not the sender's)
    "504 5.5.2 <foo@foo>: Recipient address rejected: need fully-qualified address",
    # postfix smtpd_check.c check_recipient_access with REJECT
    "554 5.7.1 <sam@example.org>: Recipient address rejected: Access denied",
    # Exim's 'unrouteable address' for a recipient (configure.default acl_check_rcpt)
    "SMTP error from remote mail server after RCPT TO:<nobody@example.org>: 550 Unrouteable address",
]
NOT_SENDER_SETUP = {"sender-address-not-allowed", "smtp-auth-not-enabled", "password-rejected", "username-wrong"}


def _causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_refusal_reads_as_its_cause(case: Case) -> None:
    found = _causes(case.text)
    assert found and found[0] in case.causes, (found, case.source)


@pytest.mark.parametrize("text", RECIPIENT_REFUSALS)
def test_a_refused_recipient_is_no_sender_setup(text: str) -> None:
    found = _causes(text)
    assert found, text
    assert found[0] not in NOT_SENDER_SETUP, found
