"""Failures on the FAR side of the mail path: the recipient's server, mailbox or domain, or a remote server a
bounce or a mail server's delivery log quotes -- against the user's own path (the account, the submission
server, the mail program's settings).

A catalogue of real wordings, each checked at its source (the server's code, the provider's published page,
or a public paste of the report where a program fills in hosts and addresses), pasted as users paste them: a
bounce, a delivery log line, a mail program's dialog, a library's exception. The catalogue has no cause for a
recipient that does not exist, a full mailbox or a recipient domain without mail servers: the honest reading
is the reply's class (server-reply-permanent, -transient), still an error for a permanent failure, never a
cause about the user's own configuration. The differential: "unknown user" in a recipient's refusal is no
refused login; greylisting or a refusal to relay that a mail server quotes from the next server, or from a
server in the recipient's own domain, is no mail program sending to an MX or without its login; while the
same words from the user's own submission server keep their user-side cause (the controls at the end).

Where the words alone cannot decide, every honest reading is listed: a mail server's delivery that timed out
connecting to a remote MX's port 25 is this server's outbound port 25 blocked (smtp-port25-blocked, as
tests/test_explain_server_logs.py reads it) or that MX down; a remote MX that refuses connections is nothing
listening there (port-closed) whoever's server it is; a remote refusal of the sender's own domain (DMARC, SPF,
a domain that does not exist, a failed sender verification) is the sender address's cause."""

from __future__ import annotations

import pytest
from helpers import Case

from mailexpert.classify import error_texts
from mailexpert.errors import InputError
from mailexpert.explain import explain, explain_facts

PERMANENT = ("server-reply-permanent",)
TRANSIENT = ("server-reply-transient",)
SENDER = ("sender-address-not-allowed", "server-reply-permanent")

# A far-side failure is never one of these: they are about the user's own account, server or settings.
USER_SIDE = {"password-rejected", "username-wrong", "smtp-auth-not-enabled", "mx-host-used-for-submission",
             "server-host-unknown", "server-host-typo", "account-locked", "app-password-required"}

_PF_LOG = "Mar  3 09:14:22 mail postfix/smtp[4421]: 3F2A1C0123: "
_PF_BOUNCE = ("This is the mail system at host mail.example.org.\n\n"
              "I'm sorry to have to inform you that your message could not\n"
              "be delivered to one or more recipients. It's attached below.\n\n"
              "                   The mail system\n\n")
_EXIM_BOUNCE = ("This message was created automatically by mail delivery software.\n\n"
                "A message that you sent could not be delivered to one or more of its recipients. This is a "
                "permanent error. The following address(es) failed:\n\n")
_EXCHANGE_NDR = ("Delivery has failed to these recipients or groups:\n\nbob@example.com\n"
                 "The email address you entered couldn't be found. Please check the recipient's email address and "
                 "try to resend the message. If the problem continues, please contact your helpdesk.\n\n"
                 "Diagnostic information for administrators:\n\nGenerating server: MAIL01.example.org\n\n"
                 "bob@example.com\n")
_THUNDERBIRD_RCPT = ("An error occurred while sending mail. The mail server responded:\n    {reply}.\n"
                     "    Please check the message recipient \"bob@example.org\" and try again.")
_SRC_TB = ("Thunderbird's smtp-error-sending-recipient-command (mozilla/releases-comm-central:"
           "mail/locales/en-US/messenger/messengercompose/messengercompose.ftl)")
_SRC_PF_SAID = "vdukhovni/postfix:postfix/src/smtp/smtp_proto.c ('host %s said: %s (in reply to %s)')"
_SRC_EXIM_SAID = "Exim/exim:src/src/transports/smtp.c ('SMTP error from remote mail server after RCPT TO:<%s>: ')"

CASES = [
    # --- the recipient does not exist ----------------------------------------------------------------------------
    Case("postfix-bounce-local-recipient-table",
         _PF_BOUNCE + "<bob@example.net>: host mx.example.net[203.0.113.9] said: 550 5.1.1 <bob@example.net>:\n"
         "    Recipient address rejected: User unknown in local recipient table (in reply to\n    RCPT TO command)",
         PERMANENT, "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c ('<%s>: %s rejected: User unknown%s', "
         "' in local recipient table'); " + _SRC_PF_SAID),
    Case("postfix-log-virtual-mailbox-table",
         _PF_LOG + "to=<bob@example.net>, relay=mx.example.net[203.0.113.9]:25, delay=1.2, delays=0.1/0/0.6/0.5, "
         "dsn=5.1.1, status=bounced (host mx.example.net[203.0.113.9] said: 550 5.1.1 <bob@example.net>: Recipient "
         "address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))",
         PERMANENT, "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (' in virtual mailbox table'); " + _SRC_PF_SAID),
    Case("thunderbird-virtual-mailbox-table",
         _THUNDERBIRD_RCPT.format(reply="5.1.1 <bob@example.org>: Recipient address rejected: User unknown in "
                                  "virtual mailbox table"),
         PERMANENT, _SRC_TB + "; the same paste in a Postfixadmin user's forum post (found by find_string "
         "'Please check the message recipient')"),
    Case("postfix-unverified-recipient-unknown-user-thunderbird",
         _THUNDERBIRD_RCPT.format(reply="4.1.1 <bob@example.org>: Recipient address rejected: undeliverable "
                                  "address: unknown user: \"bob\""),
         TRANSIENT, "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (reject_unverified_recipient: '<%s>: %s "
         "rejected: undeliverable address: %s', 4.1.1, unverified_recipient_reject_code 450) with local(8)'s "
         "reason postfix/src/local/unknown.c ('unknown user: \"%s\"'); " + _SRC_TB),
    Case("postfix-unverified-recipient-unknown-user-reply",
         "450 4.1.1 <bob@example.org>: Recipient address rejected: undeliverable address: unknown user: \"bob\"",
         TRANSIENT, "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (reject_unverified_recipient); "
         "postfix/src/local/unknown.c"),
    Case("postfix-unverified-recipient-dotnet",
         "System.Net.Mail.SmtpFailedRecipientException: Mailbox unavailable. The server response was: 5.1.1 "
         "<bob@example.org>: Recipient address rejected: undeliverable address: unknown user: \"bob\"",
         PERMANENT, "dotnet/runtime:src/libraries/System.Net.Mail/src/Resources/Strings.resx (SmtpMailboxUnavailable "
         "'Mailbox unavailable. The server response was: {0}'); vdukhovni/postfix smtpd_check.c, local/unknown.c"),
    Case("postfix-local-bounce-unknown-user",
         _PF_BOUNCE + "<bob@example.org>: unknown user: \"bob\"",
         PERMANENT, "vdukhovni/postfix:postfix/src/local/unknown.c (deliver_unknown: dsb_simple(why, '5.1.1', "
         "'unknown user: \"%s\"'))"),
    Case("postfix-local-log-unknown-user",
         "Mar  3 09:14:22 mx postfix/local[4421]: 3F2A1C0123: to=<bob@example.org>, relay=local, delay=0.05, "
         "delays=0.02/0/0/0.03, dsn=5.1.1, status=bounced (unknown user: \"bob\")",
         PERMANENT, "vdukhovni/postfix:postfix/src/local/unknown.c; postfix/src/virtual/unknown.c (the same words)"),
    Case("exim-bounce-unrouteable",
         _EXIM_BOUNCE + "  bob@example.org\n    Unrouteable address",
         PERMANENT, "Exim/exim:src/src/route.c ('Unrouteable address')"),
    Case("exim-bounce-no-such-user-here",
         _EXIM_BOUNCE + "  bob@example.net\n    host mx.example.net [203.0.113.9]\n    SMTP error from remote mail "
         "server after RCPT TO:<bob@example.net>:\n    550 No Such User Here",
         PERMANENT, "RFC 5321 appendix D.2 / RFC 821 ('550 No such user here'); " + _SRC_EXIM_SAID),
    Case("exim-log-remote-user-unknown",
         "2024-01-01 10:00:02 1rK2aB-000123-4x ** bob@example.net R=dnslookup T=remote_smtp H=mx.example.net "
         "[203.0.113.9]: SMTP error from remote mail server after RCPT TO:<bob@example.net>: 550 5.1.1 "
         "<bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
         PERMANENT, _SRC_EXIM_SAID + "; src/src/deliver.c (the '**' log line)"),
    Case("exchange-ndr-recipnotfound",
         _EXCHANGE_NDR + "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'",
         PERMANENT, "an Exchange NDR's words and diagnostic line as posted (pastebin.com/eGKLASCC, pastebin.com/e6yfDi5v)"),
    Case("exchange-2007-ndr-recipnotfound-hashes",
         "Delivery has failed to these recipients or distribution lists:\n\nbob@hotmail.com\nThe recipient's e-mail "
         "address was not found in the recipient's e-mail system. Microsoft Exchange will not try to redeliver this "
         "message for you.\n\nSent by Microsoft Exchange Server 2007\n\nDiagnostic information for administrators:\n\n"
         "Generating server: mail.example.org\n\nbob@hotmail.com\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
         PERMANENT, "Exchange Server 2007's NDR as posted (pastebin.com/2SNHTj4Y)"),
    Case("exchange-exrecipnotfound",
         "Remote Server returned '550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found'",
         PERMANENT, "Exchange's NDR for a legacy X.500 recipient (pastebin.com/JHaPQHk7, pastebin.com/zJNvt8hM)"),
    Case("m365-5-1-10-recipientnotfound",
         "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient bob@example.com not found by "
         "SMTP address lookup'",
         PERMANENT, "pastebin.com/4NLVeuUu; spamresource.com/2023/09/microsoft-multiple-types-of-invalid.html"),
    Case("outlook-com-5-5-0-mailbox-unavailable",
         "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [HE1EUR01FT020.eop-EUR01.prod."
         "protection.outlook.com 2023-09-19T15:05:34.324Z 08DBB71928CA8F8E]",
         PERMANENT, "spamresource.com/2023/09/microsoft-multiple-types-of-invalid.html (Outlook.com's user unknown)"),
    Case("m365-5-4-1-directory-edge-blocking",
         _PF_BOUNCE + "<bob@example.com>: host example-com.mail.protection.outlook.com[52.101.40.6] said: 550 5.4.1 "
         "Recipient address rejected: Access denied. [CY4PEPF0000EE3C.namprd03.prod.outlook.com "
         "2023-09-18T12:48:32.808Z 08DBB45899852BA7] (in reply to RCPT TO command)",
         PERMANENT, "spamresource.com/2023/09/microsoft-multiple-types-of-invalid.html (Microsoft 365's directory "
         "lookup of the recipient)"),
    Case("gmail-no-such-user",
         "550-5.1.1 The email account that you tried to reach does not exist. Please try\n550-5.1.1 double-checking "
         "the recipient's email address for typos or\n550-5.1.1 unnecessary spaces. For more information, go to\n"
         "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1si123.45 - gsmtp",
         PERMANENT, "https://support.google.com/a/answer/3726730 (550 5.1.1 'The email account that you tried to "
         "reach does not exist')"),
    Case("gmail-notice-address-not-found",
         "Address not found\nYour message wasn't delivered to bob@example.com because the address couldn't be found, "
         "or is unable to receive mail.\nThe response from the remote server was:\n550 5.1.1 <bob@example.com>: "
         "Recipient address rejected: User unknown in virtual mailbox table",
         PERMANENT, "Gmail's notice (dwyl/learn-to-send-email-via-google-script-html-no-server#371: 'Your message "
         "wasn't delivered to ... because the address couldn't be found, or is unable to receive mail'); its "
         "'The response from the remote server was:' (tests/test_explain_bounces.py GMAIL_NOTICE)"),
    Case("yahoo-dd-no-account",
         "554 delivery error: dd This user doesn't have a yahoo.com account (bob@yahoo.com) [0] - "
         "mta1234.mail.gq1.yahoo.com",
         PERMANENT, "help.yahoo.com/l/in/yahoo/mail/original/abuse/abuse-57.html ('554 delivery error: dd This user "
         "doesn't have a yahoo.com account'); help.yahoo.com/kb/mail-for-desktop/SLN3444.html"),
    Case("yahoo-dd-via-qmail",
         "Hi. This is the qmail-send program at mail.example.org.\nI'm afraid I wasn't able to deliver your message "
         "to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n"
         "<bob@yahoo.com>:\n67.195.228.94 failed after I sent the message.\nRemote host said: 554 delivery error: dd "
         "This user doesn't have a yahoo.com account (bob@yahoo.com) [-5] - mta1234.mail.gq1.yahoo.com",
         PERMANENT, "help.yahoo.com/kb/mail-for-desktop/sln3275.html (the qmail-send failure notice it quotes)"),
    Case("sendmail-dsn-user-unknown",
         "   ----- The following addresses had permanent fatal errors -----\n<bob@example.net>\n    (reason: 550 5.1.1 "
         "<bob@example.net>... User unknown)\n\n   ----- Transcript of session follows -----\n... while talking to "
         "mx.example.net.:\n>>> RCPT To:<bob@example.net>\n<<< 550 5.1.1 <bob@example.net>... User unknown\n"
         "550 5.1.1 <bob@example.net>... User unknown",
         PERMANENT, "Sendmail's bounce as the bounce parsers match it ('----- The following addresses had permanent "
         "fatal errors -----', '... while talking to %s:': sisimai's Sendmail parser, PHPMailer-BMH's rules, "
         "SparkPost's out-of-band bounce template); its 'User unknown' 5.1.1"),
    Case("dsn-diagnostic-code-user-unknown",
         "Reporting-MTA: dns; mail.example.org\nArrival-Date: Sun, 3 Mar 2024 09:14:20 +0100\n\n"
         "Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.example.net\n"
         "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual "
         "mailbox table",
         PERMANENT, "RFC 3464 sections 2.3.2-2.3.6 (Final-Recipient, Action, Status, Remote-MTA, Diagnostic-Code); "
         "vdukhovni/postfix smtpd_check.c"),

    # --- the recipient's mailbox is full ---------------------------------------------------------------------------
    Case("postfix-bounce-quota-dovecot-lmtp",
         _PF_BOUNCE + "<bob@example.org>: host mail.example.org[private/dovecot-lmtp] said: 552 5.2.2\n"
         "    <bob@example.org> Quota exceeded (mailbox for user is full) (in reply to end of\n    DATA command)",
         PERMANENT, "dovecot/core:src/plugins/quota/quota-settings.c (quota_exceeded_message 'Quota exceeded "
         "(mailbox for user is full)'); " + _SRC_PF_SAID),
    Case("dovecot-lmtp-log-quota",
         "Mar  3 09:14:22 mx dovecot: lmtp(bob@example.org)<4422><a1b2>: Error: msgid=<abc@example.net>: save "
         "failed to open mailbox INBOX: Quota exceeded (mailbox for user is full)",
         PERMANENT, "dovecot/core:src/plugins/quota/quota-settings.c"),
    Case("exim-bounce-mailbox-full",
         _EXIM_BOUNCE + "  bob@example.net\n    mailbox is full: retry timeout exceeded",
         PERMANENT, "Exim/exim:src/src/transports/appendfile.c ('mailbox is full'), src/src/retry.c ('%s: retry "
         "timeout exceeded')"),
    Case("gmail-over-quota",
         "452-4.2.2 The email account that you tried to reach is over quota. Please direct\n452-4.2.2 the recipient "
         "to\n452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp a1si123.45 - gsmtp",
         TRANSIENT, "https://support.google.com/a/answer/3726730 (452 4.2.2 'The email account that you tried to "
         "reach is over quota')"),

    # --- the recipient's domain has no mail servers ----------------------------------------------------------------
    Case("postfix-log-recipient-domain-not-found",
         _PF_LOG + "to=<bob@examp1e.com>, relay=none, delay=0.1, delays=0.05/0/0.05/0, dsn=5.4.4, status=bounced "
         "(Host or domain name not found. Name service error for name=examp1e.com type=A: Host not found)",
         PERMANENT, "vdukhovni/postfix:postfix/src/dns/dns_lookup.c ('Host or domain name not found. Name service "
         "error for name=%s type=%s: %s'), dns_strerror.c (HOST_NOT_FOUND 'Host not found'), smtp/smtp_addr.c "
         "(dsn 5.4.4; a domain without MX records is looked up as a host, type=A)"),
    Case("postfix-bounce-recipient-domain-not-found",
         _PF_BOUNCE + "<bob@examp1e.com>: Host or domain name not found. Name service error for\n    name=examp1e.com "
         "type=A: Host not found",
         PERMANENT, "vdukhovni/postfix:postfix/src/dns/dns_lookup.c, dns_strerror.c (as above)"),
    Case("exim-bounce-mx-non-existent-hosts",
         _EXIM_BOUNCE + "  bob@example.org\n    all relevant MX records point to non-existent hosts",
         PERMANENT, "Exim/exim:src/src/routers/dnslookup.c (af_pass_message; 'all relevant MX records point to "
         "non-existent hosts')"),
    Case("exim-log-mx-non-existent-hosts",
         "2024-01-01 10:00:02 1rK2aB-000123-4x ** bob@example.org R=dnslookup: all relevant MX records point to "
         "non-existent hosts",
         PERMANENT, "Exim/exim:src/src/routers/dnslookup.c; src/src/deliver.c (the '**' log line)"),
    Case("m365-5-4-310-domain-does-not-exist",
         "No se pudo entregar a estos destinatarios o grupos:\n\nbob@example.net (bob@example.net)\nEl mensaje no se "
         "pudo entregar. El sistema de nombres de dominio (DNS) ha informado que el dominio del destinatario no "
         "existe.\n\nInformación de diagnóstico para los administradores:\n\nGenerando servidor: "
         "AM5EUR03HT127.mail.protection.outlook.com\n\nbob@example.net\nRemote Server returned '550 5.4.310 DNS "
         "domain example.net does not exist [Message=InfoDomainNonexistent] [LastAttemptedServerName=example.net] "
         "[VE1EUR03FT026.eop-EUR03.prod.protection.outlook.com]'",
         PERMANENT, "Microsoft 365's Spanish NDR as posted (pastebin.com/VQWvQ0TH); crisp-oss/email-bounce-parser "
         "files/13538404/outlook.txt (the English one)"),

    # --- a message too big for the recipient's server --------------------------------------------------------------
    Case("postfix-bounce-message-size",
         _PF_BOUNCE + "<bob@example.net>: host mx.example.net[203.0.113.9] said: 552 5.3.4 Message size exceeds "
         "fixed limit (in reply to end of DATA command)",
         PERMANENT, "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (smtpd_check_size, '552 5.3.4 Message size "
         "exceeds fixed limit'); " + _SRC_PF_SAID),

    # --- the recipient's server greylists or defers the sending server ---------------------------------------------
    Case("postfix-bounce-postgrey",
         _PF_BOUNCE + "<bob@example.net>: host mx.example.net[203.0.113.9] said: 450 4.2.0 <bob@example.net>: "
         "Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.net.html (in reply "
         "to RCPT TO command)",
         TRANSIENT, "postgrey's refusal as Postfix sends it ('450 4.2.0 <ADDR>: Recipient address rejected: "
         "Greylisted, see http://postgrey.schweikert.ch/help/DOMAIN.html', in public Postfix logs); " + _SRC_PF_SAID),
    Case("postfix-log-deferred-greylisted-elsewhere",
         _PF_LOG + "to=<bob@example.com>, relay=mx.example.com[198.51.100.20]:25, delay=1, delays=0.1/0/0.5/0.4, "
         "dsn=4.7.1, status=deferred (host mx.example.com[198.51.100.20] said: 451 4.7.1 Greylisted, try again "
         "after some time (in reply to RCPT TO command))",
         TRANSIENT, "sisimai/p5-sisimai:lib/Sisimai/Rhost/Zoho.pm ('451 4.7.1 Greylisted, try again after some "
         "time'); " + _SRC_PF_SAID),
    Case("postfix-log-deferred-421",
         _PF_LOG + "to=<bob@example.net>, relay=mx.example.net[203.0.113.9]:25, delay=2, delays=0.1/0/1/0.9, "
         "dsn=4.7.0, status=deferred (host mx.example.net[203.0.113.9] said: 421 4.7.0 Try again later, closing "
         "connection. (in reply to MAIL FROM command))",
         TRANSIENT, "https://support.google.com/a/answer/3726730 ('421 4.7.0 Try again later, closing "
         "connection.'); " + _SRC_PF_SAID),

    # --- a remote server refuses to relay for its own domain ----------------------------------------------------------
    Case("exim-bounce-relay-denied-by-recipient-domain-host",
         _EXIM_BOUNCE + "  user@example.co.za\n    host mail.example.co.za [51.159.102.174]\n    SMTP error from "
         "remote mail server after RCPT TO:<user@example.co.za>:\n    554 5.7.1 <user@example.co.za>: Relay access "
         "denied",
         PERMANENT, "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (reject_unauth_destination: '<%s>: Relay "
         "access denied'); " + _SRC_EXIM_SAID),
    Case("postfix-bounce-relay-denied-by-recipient-mx",
         _PF_BOUNCE + "<bob@example.net>: host mx.example.net[203.0.113.9] said: 554 5.7.1 <bob@example.net>: Relay "
         "access denied (in reply to RCPT TO command)",
         PERMANENT, "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (reject_unauth_destination); " + _SRC_PF_SAID),
    Case("dsn-relay-denied-by-recipient-mx",
         "Reporting-MTA: dns; mail.example.org\n\nFinal-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: "
         "5.7.1\nRemote-MTA: dns; mx.example.net\nDiagnostic-Code: smtp; 554 5.7.1 <bob@example.net>: Relay access "
         "denied",
         PERMANENT, "RFC 3464 sections 2.3.2, 2.3.5 (Final-Recipient, Remote-MTA); vdukhovni/postfix smtpd_check.c"),

    # --- the recipient's server refuses the sender's own domain: the sender address's cause ---------------------------
    Case("postfix-bounce-remote-sender-domain-does-not-exist",
         _PF_BOUNCE + "<bob@example.com>: host\n    mxb-00070601.gslb.pphosted.com[67.231.151.6] said: 553 5.1.8 "
         "Domain of\n    sender address does not exist (in reply to MAIL FROM command)",
         SENDER, "an Emailsrvr bounce as posted (pastebin.com/ZZzdk8Vg); " + _SRC_PF_SAID),
    Case("postfix-bounce-gmail-dmarc",
         _PF_BOUNCE + "<bob@gmail.com>: host gmail-smtp-in.l.google.com[142.250.27.26] said: 550-5.7.26 "
         "Unauthenticated email from example.org is not accepted due to domain's DMARC policy. (in reply to end of "
         "DATA command)",
         SENDER, "https://support.google.com/a/answer/3726730 (550 5.7.26); " + _SRC_PF_SAID),
    Case("exim-bounce-remote-sender-verify",
         _EXIM_BOUNCE + "  bob@example.net\n    host mx.example.net [203.0.113.9]\n    SMTP error from remote mail "
         "server after RCPT TO:<bob@example.net>:\n    550 Sender verify failed",
         SENDER, "Exim/exim:src/src/acl.c (verify = sender: 'Sender verify failed'); " + _SRC_EXIM_SAID),
    Case("postfix-bounce-remote-sender-access-denied",
         _PF_BOUNCE + "<bob@example.net>: host mx.example.net[203.0.113.9] said: 554 5.7.1 <alice@example.org>: "
         "Sender address rejected: Access denied (in reply to RCPT TO command)",
         SENDER, "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (check_table_result: '<%s>: %s rejected: Access "
         "denied'); " + _SRC_PF_SAID),

    # --- a mail server's delivery that could not reach the remote MX: words that cannot decide -----------------------
    Case("postfix-log-deferred-connect-timeout",
         _PF_LOG + "to=<bob@example.net>, relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred "
         "(connect to mx.example.net[203.0.113.9]:25: Connection timed out)",
         ("smtp-port25-blocked", "server-reply-transient"),
         "vdukhovni/postfix:postfix/src/smtp/smtp_connect.c (dsb_simple(why, '4.4.1', 'connect to %s[%s]:%d: %m'))"),
    Case("postfix-log-deferred-connect-refused",
         _PF_LOG + "to=<bob@example.net>, relay=none, delay=0.3, delays=0.1/0/0.2/0, dsn=4.4.1, status=deferred "
         "(connect to mx.example.net[203.0.113.9]:25: Connection refused)",
         ("port-closed", "server-reply-transient"),
         "vdukhovni/postfix:postfix/src/smtp/smtp_connect.c (as above)"),
]

# The same words from the user's own submission server, or a refused login: they keep their user-side cause.
CONTROLS = [
    Case("thunderbird-own-server-relay-access-denied",
         "An error occurred while sending mail. The mail server responded: 5.7.1 <bob@example.net>: Relay access "
         "denied. Please check the message recipients and try again.",
         ("smtp-auth-not-enabled",), "Thunderbird's MK_ERROR_SENDING_RCPT_COMMAND ('Please check the message "
         "recipients and try again'); vdukhovni/postfix smtpd_check.c (reject_unauth_destination)"),
    Case("postfix-relayhost-530-authentication-required",
         "Dec 02 11:53:42 client postfix/smtp[26419]: E10AB2885C3: to=<bob@example.org>, relay=smtp.example.net"
         "[192.0.2.10]:587, delay=0.06, delays=0.02/0.03/0.01/0, dsn=5.7.0, status=bounced (host smtp.example.net"
         "[192.0.2.10] said: 530 5.7.0 Authentication required (in reply to MAIL FROM command))",
         ("smtp-auth-not-enabled",), "a relay host that wants a login (RFC 4954 section 6, 530 5.7.0); " + _SRC_PF_SAID),
    Case("gmail-535-bad-credentials",
         "535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  "
         "https://support.google.com/mail/?p=BadCredentials a1sm123.45 - gsmtp",
         ("password-rejected", "app-password-required"),
         "https://support.google.com/a/answer/3726730 (535 5.7.8 BadCredentials)"),
    Case("dovecot-auth-log-unknown-user",
         "Mar  3 09:14:21 mx dovecot: auth: passwd-file(bob,203.0.113.5,<Yx8a>): unknown user",
         ("username-wrong",), "dovecot/core:src/auth/auth-request.c (auth_request_log_unknown_user)"),
    Case("postfix-relayhost-name-not-found",
         _PF_LOG + "to=<bob@example.net>, relay=none, delay=1, dsn=5.4.4, status=bounced (Host or domain name not "
         "found. Name service error for name=smtp.isp.example type=A: Host not found)",
         ("server-host-unknown",), "vdukhovni/postfix:postfix/src/dns/dns_lookup.c (the relayhost's name, not the "
         "recipient's domain)"),
    Case("client-greylisted-on-port-25",
         "Sending through mx.example.org:25 failed: 450 4.2.0 <bob@example.org>: Recipient address rejected: "
         "Greylisted, see http://postgrey.schweikert.ch/help/example.org.html",
         ("mx-host-used-for-submission",), "postgrey's refusal (as above), pasted from the mail program's own "
         "session on port 25 (rules/server-address/mx-host-used-for-submission.yaml; without the port it is a "
         "deferral, RFC 6647)"),
]


def _read(text: str) -> tuple[list[str], bool]:
    """The causes ``explain`` names, first first, and whether it calls the text an error."""
    try:
        report = explain(text)
    except InputError:
        return [], False
    return [d.cause for d in report.diagnoses], report.has_errors


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_far_side_failure_reads_as_its_honest_reading(case: Case) -> None:
    found, _ = _read(case.text)
    assert found and found[0] in case.causes, (found, case.source)


@pytest.mark.parametrize("case", [c for c in CASES if not set(c.causes) & USER_SIDE],
                         ids=[c.name for c in CASES if not set(c.causes) & USER_SIDE])
def test_a_far_side_failure_is_no_cause_of_the_users_own_path(case: Case) -> None:
    found, _ = _read(case.text)
    assert not set(found[:1]) & USER_SIDE, (found, case.source)


@pytest.mark.parametrize("case", [c for c in CASES if c.causes[0] != "server-reply-transient"],
                         ids=[c.name for c in CASES if c.causes[0] != "server-reply-transient"])
def test_a_permanent_far_side_failure_is_still_an_error(case: Case) -> None:
    _, error = _read(case.text)
    assert error, case.source


@pytest.mark.parametrize("case", CONTROLS, ids=[c.name for c in CONTROLS])
def test_the_users_own_server_keeps_its_cause(case: Case) -> None:
    found, _ = _read(case.text)
    assert found and found[0] in case.causes, (found, case.source)


_GREYLISTED = ("450 4.2.0 <bob@example.org>: Recipient address rejected: Greylisted, see "
               "http://postgrey.schweikert.ch/help/example.org.html")


@pytest.mark.parametrize("row", error_texts()["next_hop_server"], ids=lambda r: r["match"].strip())
def test_every_next_hop_wording_marks_the_reply_as_a_mail_servers_quote(row) -> None:
    # A mail server's report quoting the next server's greylisting: that server retries by itself.
    text = f"Delivery to bob@example.org failed:\n host mx.example.net [203.0.113.9]{row['match']}\n{_GREYLISTED}\n"
    reply = next(f for f in explain_facts(text) if f.kind == "server.reply")
    assert reply.fields.get("relayed") is True, row["source"]
    assert _read(text)[0][:1] == ["server-reply-transient"]


def test_a_next_hop_in_the_recipients_domain_is_the_recipients_server() -> None:
    # The same relay refusal from a server of another domain may be the sending server's own relay host (a
    # Postfix null client's, which wants a login): the words do not decide, the refusal keeps its reading.
    text = (_PF_BOUNCE + "<bob@example.net>: host {host}[203.0.113.9] said: 554 5.7.1 <bob@example.net>: Relay "
            "access denied (in reply to RCPT TO command)")
    assert _read(text.format(host="mx1.example.net"))[0][:1] == ["server-reply-permanent"]
    assert _read(text.format(host="smtp.relay.example"))[0][:1] == ["smtp-auth-not-enabled"]
    # A submission port is the sender's own server, in whatever domain (RFC 6409).
    log = (_PF_LOG + "to=<bob@example.net>, relay=mail.example.net[203.0.113.9]:587, dsn=5.7.1, status=bounced (host "
           "mail.example.net[203.0.113.9] said: 554 5.7.1 <bob@example.net>: Relay access denied (in reply to RCPT TO "
           "command))")
    assert _read(log)[0][:1] == ["smtp-auth-not-enabled"]
