"""The login worked, or was never asked for, and the SMTP server refuses the message at MAIL FROM, RCPT TO or DATA --
and why.

A catalogue of real refusals, each checked at its source (the server's code or shipped configuration, the
client's or library's own message catalogue, or, where a program fills in a host, an address or a number, a public
log or paste of it), with the causes each may honestly read as; the first cause `explain` names must be one of them.

The differential: a relay refused because THIS client did not log in (smtp-auth-not-enabled: Postfix's "Relay access
denied" and "not logged in", Exim's "relay not permitted", sendmail's "Relaying denied. Proper authentication
required.", qmail's rcpthosts, Exchange's "Unable to relay" and 5.7.57) is not a sender address the logged-in account
may not use (sender-address-not-allowed: Postfix's "not owned by user", its sender verification, Exchange's SendAs,
NetEase's and Yandex's own words), nor a verdict on the message's content (content-filtered: Postfix's header and body
checks, the providers' spam verdicts at the end of DATA). Who prints the reply decides as much as its words: the same
relay refusal inside an Exchange Online report that the recipient's provider rejected it is the recipient's server's,
not a login this client skipped. A permanent refusal is never read as fine.

Where the words alone cannot decide, every honest reading is listed and the generic one may stay first: qmail's
badmailfrom list (a sender the server blocks, not necessarily one the account may not use); Outlook.com's "5.7.3
Requested action aborted; user not authenticated" (a login the client did not make, or one the server did not take);
a Google Workspace administrator's "gcdp" rule (content or not); Outlook.com's WASCL verdict on the account after DATA
(a check on the web, or the account's quota, but no content filter's verdict); Postfix's sender verification with its
default temporary code."""

from __future__ import annotations

import pytest
from helpers import Case

from mailexpert.explain import explain

AUTH = ("smtp-auth-not-enabled",)
# A relay refusal on port 25 also reads as the MX used for submission; both are the client's setup.
RELAY = ("smtp-auth-not-enabled", "mx-host-used-for-submission")
SENDER = ("sender-address-not-allowed",)
CONTENT = ("content-filtered",)
PERMANENT = ("server-reply-permanent",)
TRANSIENT = ("server-reply-transient",)

POSTFIX = "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c@postfix-3.12-20260821"
THUNDERBIRD = ("mozilla/releases-comm-central:mail/locales/en-US/chrome/messenger/messengercompose/composeMsgs.properties"
               "@036140ce")
CPANEL = ("550-Please turn on SMTP Authentication in your mail client, or login to the\n"
          "550-IMAP/POP3 server before sending your message. (localhost.localdomain)\n"
          "550-[192.0.2.190]:42630 is not permitted to relay through this server without\n"
          "550 authentication.")

CASES = [
    # --- Postfix smtpd(8) ----------------------------------------------------------------------------------------------
    Case("postfix-relay-access-denied",
         "554 5.7.1 <bob@example.net>: Relay access denied",
         RELAY, POSTFIX + " (reject_unauth_destination: '<%s>: Relay access denied', relay_domains_reject_code 554)"),
    Case("postfix-not-owned-by-user",
         "553 5.7.1 <alice@example.org>: Sender address rejected: not owned by user bob@example.org",
         SENDER, POSTFIX + " (reject_sender_login_mismatch: '<%s>: Sender address rejected: not owned by user %s')"),
    Case("postfix-not-logged-in",
         "553 5.7.1 <alice@example.org>: Sender address rejected: not logged in",
         AUTH, POSTFIX + " (reject_unauth_sender_login_mismatch: '<%s>: Sender address rejected: not logged in')"),
    Case("postfix-not-owned-by-user-log",
         "NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 553 5.7.1 <alice@example.org>: Sender address rejected: not "
         "owned by user bob@example.org; from=<alice@example.org> to=<bob@example.net> proto=ESMTP helo=<[192.0.2.7]>",
         SENDER, POSTFIX + " (log_whatsup: 'NOQUEUE: reject: RCPT from HOST: REPLY; from=<> to=<> proto= helo=<>')"),
    # Sender address verification (reject_unverified_sender): the probe to the sender's own domain bounced. The code
    # is unverified_sender_reject_code (450 by default, 550 where the administrator sets it) and SND_DSN 4.1.7
    # (postfix/src/smtpd/smtpd_dsn_fix.h), 5.1.7 in a permanent reply.
    Case("postfix-unverified-sender-550",
         "550 5.1.7 <alice@example.org>: Sender address rejected: undeliverable address: host mx.example.org[192.0.2.10] "
         "said: 550 5.1.1 <alice@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in "
         "reply to RCPT TO command)",
         SENDER, POSTFIX + " (check_addr_verify: '<%s>: %s rejected: undeliverable address: %s'; the NOQUEUE sample "
         "log lines of logwatch's postfix script quote the same)"),
    Case("postfix-unverified-sender-450",
         "450 4.1.7 <alice@example.org>: Sender address rejected: undeliverable address: host mx.example.org[192.0.2.10] "
         "said: 550 5.1.1 <alice@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in "
         "reply to RCPT TO command)",
         SENDER + TRANSIENT, POSTFIX + " (check_addr_verify with the default unverified_sender_reject_code 450)"),
    # reject_unlisted_sender: a sender in the server's own domains that none of its tables holds (5.1.0 for a sender).
    Case("postfix-unlisted-sender-local",
         "550 5.1.0 <alice@example.org>: Sender address rejected: User unknown in local recipient table",
         SENDER, POSTFIX + " (check_rcpt_maps for the sender class: '<%s>: %s rejected: User unknown%s', 5.1.0)"),
    Case("postfix-unlisted-sender-virtual",
         "550 5.1.0 <alice@example.org>: Sender address rejected: User unknown in virtual mailbox table",
         SENDER, POSTFIX + " (check_rcpt_maps: ' in virtual mailbox table', virtual_mailbox_code 550)"),
    # header_checks / body_checks REJECT without text: cleanup's CLEANUP_STAT_CONT, as smtpd answers the end of DATA.
    Case("postfix-header-checks-reject",
         "550 5.7.1 Error: message content rejected",
         CONTENT, "vdukhovni/postfix:postfix/src/global/cleanup_strerror.c (CLEANUP_STAT_CONT 550 5.7.1 'message content "
         "rejected'), postfix/src/smtpd/smtpd.c (data_cmd: '%d %s Error: %s')"),
    Case("postfix-header-checks-reject-smtplib",
         "smtplib.SMTPDataError: (550, b'5.7.1 Error: message content rejected')",
         CONTENT, "as above, through cpython:Lib/smtplib.py (sendmail: SMTPDataError(code, resp) after DATA)"),

    # --- Exim: configure.default's RCPT ACL and sender verification; cPanel's own ACL text ---------------------------
    Case("exim-relay-not-permitted",
         "550 relay not permitted",
         RELAY, "Exim/exim:src/src/configure.default (acl_check_rcpt: 'require message = relay not permitted, domains = "
         "+local_domains : +relay_to_domains')"),
    Case("exim-relay-not-permitted-remote-smtp",
         "SMTP error from remote mail server after RCPT TO:<bob@example.net>: 550 relay not permitted",
         RELAY, "as above, in Exim's own transport's words (src/transports/smtp.c, 'SMTP error from remote mail server "
         "after RCPT TO:')"),
    Case("exim-sender-verify",
         "550-Verification failed for <alice@example.org>\n550-Unrouteable address\n550 Sender verify failed",
         SENDER, "Exim's verify = sender (src/src/acl.c), as a forum post and a Dockerfile's comment quote it whole"),
    # Its first line alone, as a program that keeps one line of a multi-line reply, or a user, passes it on: Exim
    # words it so for sender verification only.
    Case("exim-sender-verify-first-line",
         "550 Verification failed for <noreply@example.org>",
         SENDER, "Exim/exim:src/src/acl.c (acl_check: 'Verification failed for <%s>\\n%s' with sender_verified_failed's "
         "address and its user_message)"),
    # The same verification by the recipient's server, quoted in Exim's bounce: still the sender address.
    Case("exim-sender-verify-remote",
         "SMTP error from remote mail server after RCPT TO:<me@foo.edu>: host mx.foo.edu [192.0.2.123]: 550-Verification "
         "failed for <tripwire@myhost>\n550-Unrouteable address\n550 Sender verify failed",
         SENDER, "a public forum post quoting Exim's bounce (the sender was the bare host name, fixed by a full one)"),
    Case("cpanel-turn-on-smtp-auth",
         CPANEL,
         AUTH, "cPanel's Exim ACL, in a PHPMailer debug transcript (pastebin.com/e25g8b3J, gator4095.gator.com)"),
    Case("cpanel-turn-on-smtp-auth-phpmailer",
         "SMTP -> ERROR: RCPT not accepted from server: " + CPANEL,
         AUTH, "the same transcript: PHPMailer 5's 'SMTP -> ERROR: RCPT not accepted from server: ' before it"),
    Case("cpanel-from-must-match",
         "550 Your FROM address ( alice@example.org ) must match your authenticated email user ( bob@example.org ). "
         "Treating this as a spoofed email.",
         SENDER, "cPanel's Exim sender check (PHPMailer/PHPMailer#2661, as rules/authentication/sender-address-not-"
         "allowed.yaml records it)"),

    # --- Haraka: a recipient no plugin accepted, the client not allowed to relay ------------------------------------
    Case("haraka-cannot-deliver",
         "550 I cannot deliver mail for <bob@example.net>",
         RELAY, "haraka/Haraka:connection.js@61cdc6b9 (rcpt_respond's default: 'I cannot deliver mail for ' + "
         "rcpt.format(), after 'No plugin determined if relaying was allowed')"),
    Case("haraka-cannot-deliver-nodemailer",
         "Error: Can't send mail - all recipients were rejected: 550 I cannot deliver mail for <bob@example.net>",
         RELAY, "the same inside nodemailer's EENVELOPE error (lib/smtp-connection)"),
    # The same refusal in other words, as applications catch it from their SMTP server.
    Case("relay-rejected-for-policy-reasons",
         "SMTP server response: 554 Relay rejected for policy reasons",
         RELAY, "a public PHP mailer's comment quoting its server's answer to a message with Bcc recipients; Java mail "
         "agents that catch SendFailedException on 'relay rejected for policy reasons'"),

    # --- sendmail (cf/m4/proto.m4: confRELAY_MSG with _USE_AUTH_) ------------------------------------------------------
    Case("sendmail-relaying-denied-auth",
         "550 5.7.1 <bob@example.net>... Relaying denied. Proper authentication required.",
         RELAY, "sendmail cf/m4/proto.m4 ('\"550 Relaying denied. Proper authentication required.\"' with _USE_AUTH_)"),
    Case("sendmail-relaying-denied-outlook",
         "The message could not be sent because one of the recipients was rejected by the server. The rejected e-mail "
         "address was 'bob@example.net'. Account: 'mail.example.org', Server: 'mail.example.org', Protocol: SMTP, "
         "Server Response: '550 5.7.1 <bob@example.net>... Relaying denied. Proper authentication required.', Port: 25, "
         "Secure(SSL): No, Server Error: 550, Error Number: 0x800CCC79",
         RELAY, "Outlook's 0x800CCC79 around sendmail's refusal, as an apnscp knowledge-base article quotes it"),

    # --- qmail (qmail-smtpd.c err_nogateway, err_bmf) ------------------------------------------------------------------
    Case("qmail-rcpthosts",
         "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",
         RELAY, "qmail-smtpd.c err_nogateway (netqmail 1.06; a Go port of qmail-smtpd keeps the same err_nogateway text)"),
    # badmailfrom: the server blocks this envelope sender; the words do not say the account may not use it.
    Case("qmail-badmailfrom",
         "553 sorry, your envelope sender is in my badmailfrom list (#5.7.1)",
         SENDER + PERMANENT, "qmail-smtpd.c err_bmf"),

    # --- Microsoft Exchange / Microsoft 365 / Outlook.com ----------------------------------------------------------------
    Case("exchange-unable-to-relay",
         "550 5.7.1 Unable to relay",
         RELAY, "Exchange's Receive connector without anonymous relay (learn.microsoft.com, 'Allow anonymous relay on "
         "Exchange servers': 'If you receive the response 550 5.7.1 Unable to relay ...')"),
    Case("exchange-unable-to-relay-dotnet",
         "System.Net.Mail.SmtpFailedRecipientException: Mailbox unavailable. The server response was: 5.7.1 Unable to "
         "relay for bob@example.net",
         RELAY, "the same through .NET System.Net.Mail (a public note quoting 'Mailbox unavailable. The server response "
         "was: 5.7.1 Unable to relay for name@domain.com')"),
    Case("m365-5.7.57",
         "530 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM "
         "[BN4PR12CA0013.namprd12.prod.outlook.com]",
         AUTH, "learn.microsoft.com 'Fix NDR error 550 5.7.57 in Exchange Online' (OfficeDocs-ExchangeOnline-Troubleshoot)"),
    Case("m365-5.7.57-dotnet-es",
         "El servidor SMTP requiere una conexión segura o el cliente no se autenticó. La respuesta del servidor fue: "
         "5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM "
         "[BN4PR12CA0013.namprd12.prod.outlook.com]",
         AUTH, "Spanish .NET's SmtpException around it, as a public C# project's comment quotes it"),
    Case("m365-sendas-denied",
         "554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process "
         "message due to a permanent exception with message Cannot submit message.",
         SENDER, "Microsoft 365's SendAs check, as a Discourse setup note quotes it (the notification address must be "
         "smtp_user_name)"),
    Case("m365-sendas-denied-javamail",
         "com.sun.mail.smtp.SMTPSendFailedException: 554 5.2.252 SendAsDenied; noreply@example.org not allowed to send "
         "as alice@example.org; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed "
         "to process message due to a permanent exception with message [BeginDiagnosticData]Cannot submit message.",
         SENDER, "JavaMail around Microsoft 365's 5.2.252, as a public question quotes it"),
    Case("m365-5.7.60",
         "550 5.7.60 SMTP; Client does not have permissions to send as this sender",
         SENDER, "Microsoft 365's 5.7.60 (jstedfast/MailKit#1142, as rules/authentication/sender-address-not-allowed."
         "yaml records it)"),
    # Outlook.com's 5.7.3 through .NET: a login the client did not make or one the server did not take; the words
    # cannot tell which, and the generic reading may stay first.
    Case("outlook-5.7.3-dotnet",
         "Mailbox unavailable. The server response was: 5.7.3 Requested action aborted; user not authenticated",
         AUTH + PERMANENT, "two public projects match .NET's exception message on these words (a VB.NET Hotmail sender "
         "that reads it as a wrong account or password, and a Spanish site's error log)"),
    # The same relay refusal inside Exchange Online's report that the recipient's provider rejected it: the
    # recipient's server refused, not this client's missing login.
    Case("exchange-ndr-recipient-relay",
         "Delivery has failed to these recipients or groups:\nbob@example.net\nYour message wasn't delivered because "
         "the recipient's email provider rejected it.\n\nDiagnostic information for administrators:\nGenerating server: "
         "AB1CD23EF456.namprd02.prod.outlook.com\nbob@example.net\nRemote Server returned '550 5.7.1 Unable to relay'\n",
         PERMANENT, "Exchange Online's NDR wording (mailexpert/data/error-texts.yaml recipient_server rows) around "
         "Exchange's relay refusal"),

    # Outlook.com's outbound spam verdict on the ACCOUNT at the end of DATA (STOREDRV.Submission): the owner's check
    # on the web (the WASCL verdict, web-login-required's reading), the account's quota, or the generic refusal --
    # never a content filter's verdict on this message, whatever "OutboundSpamException" says.
    Case("outlook-wascl-refusequota-smtplib",
         "smtplib.SMTPDataError: (554, b'5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process "
         "message due to a permanent exception with message [BeginDiagnosticData]WASCL UserAction verdict is not None. "
         "Actual verdict is RefuseQuota. OutboundSpamException: WASCL UserAction verdict is not None. Actual verdict is "
         "RefuseQuota.[EndDiagnosticData] [Hostname=AM9P192MB0935.EURP192.PROD.OUTLOOK.COM]')",
         ("web-login-required", "sending-limit-exceeded", *PERMANENT),
         "a public Python trace of smtplib.SMTPDataError (find_string 'Actual verdict is RefuseQuota': a Python trace, "
         "a JavaMail comment, a Node project that reads it as 'hotmail quota exceeded')"),

    # --- Gmail: the submission server's demand for a login (support.google.com/mail/?p=WantAuthError) -----------------
    Case("gmail-want-auth-smtplib",
         "smtplib.SMTPSenderRefused: (530, b'5.7.0 Authentication Required. For more information, go to\\n5.7.0  "
         "https://support.google.com/mail/?p=WantAuthError 5b1f17b1804b1-427f941377csm117778905e9.48 - gsmtp', "
         "'webmaster@localhost')",
         AUTH, "Gmail's 530 5.7.0 through smtplib, as a public Django project's notes quote it"),
    Case("gmail-want-auth-swiftmailer",
         "Swift_TransportException [ 0 ]: Expected response code 250 but got code \"530\", with message \"530-5.5.1 "
         "Authentication Required. Learn more at\n530 5.5.1  https://support.google.com/mail/?p=WantAuthError "
         "c5sm3918967lfk.51 - gsmtp\n\"",
         AUTH, "Gmail's older 530 5.5.1 through SwiftMailer, as a public Kohana application log quotes it"),

    # --- Old hosts' words for a client that did not log in (POP before SMTP, or SMTP AUTH off) --------------------------
    Case("outlook-pop-before-smtp-0x800ccc79",
         "The message could not be sent because one of the recipients was rejected by the server. The rejected e-mail "
         "address was 'username@oceanfree.net'. Subject 'subject', Account: 'oceanfree account', Server: "
         "'smtp.oceanfree.net', Protocol: SMTP, Server Response: '553. To send mail, first check your mail with a valid "
         "POP account; this prevents unauthorized SPAM relaying. (#5.7.1)', Port: 25, Secure(SSL): No, Server Error: "
         "553, Error Number: 0x800CCC79",
         AUTH, "www.oceanfree.net/services/help/tech.html (Outlook Express's error as the ISP's help page quotes it)"),
    Case("outlook-please-authenticate-0x800ccc78",
         "The message could not be sent because the server rejected the sender's e-mail address. The sender's e-mail "
         "address was user@example.org . Subject 'Subject', Account: 'mail.example.org', Server: 'mail.example.org', "
         "Protocol: SMTP, Server Response: 451 user@example.org please authenticate before send', Port: 25, "
         "Secure(SSL): No, Server Error: 451, Error Number: 0x800CCC78",
         AUTH, "afteroffice.com/support (faq:email:smtp_error_please_authenticate_before_sending_email)"),

    # --- Zoho: a From address that is not the account's ('Relaying disallowed as ADDR') ------------------------------
    Case("zoho-relaying-disallowed-django",
         "SMTPDataError: (553, b'5.7.1 Relaying disallowed as webmaster@localhost')",
         SENDER, "www.zoho.com/zeptomail/help/api/smtp-error-codes.html ('Relaying disallowed as <emailaddress>': "
         "sending from an invalid 'from' address domain); Django's default sender as a public guide quotes it"),

    # --- Providers' verdicts on the message at the end of DATA ---------------------------------------------------------
    Case("zoho-virus-detected",
         "552 5.7.1 virus Win.Test.EICAR_HDB-1 detected by Zoho Mail",
         CONTENT, "www.zoho.com/zeptomail/help/api/smtp-error-codes.html ('5.7.1 virus Win. Test. EICAR_HDB-1 detected "
         "by Zoho Mail': virus detected in the eml file)"),
    # A Google Workspace administrator's own rule ("gcdp"): often a content rule, but the words do not say which.
    Case("gmail-gcdp-policy",
         "550 5.7.1 This message violates example.com email policy. - gcdp <sessionid> - gsmtp",
         PERMANENT + CONTENT, "support.google.com/a/answer/3726730 (Gmail SMTP errors and codes: its example of a "
         "customized rule created by the administrator)"),

    # --- Providers: their own words for a sender the login may not use ----------------------------------------------
    Case("netease-mail-from-must-equal",
         "smtplib.SMTPSenderRefused: (553, b'Mail from must equal authorized user', 'mysql-slow@example.org')",
         SENDER, "NetEase (163.com, yeah.net) through smtplib, as a public ElastAlert note quotes it"),
    Case("netease-mail-from-must-equal-javamail",
         "org.eclipse.angus.mail.smtp.SMTPSenderFailedException: 553 Mail from must equal authorized user",
         SENDER, "the same through Jakarta Mail (Angus), as a public Jenkins note quotes it"),
    Case("qq-mail-from-same-as-authorization",
         "501 mail from address must be same as authorization user",
         SENDER, "QQ Mail (the same public Jenkins note: '501 mail from address must be same as authorization user')"),
    Case("yandex-not-owned-by-auth-user",
         "553 5.7.1 Sender address rejected: not owned by auth user.",
         SENDER, "Yandex (a public aiosmtplib test: 'Sender address rejected: not owned by auth user.', code 553)"),

    # --- Client and library wrappers ------------------------------------------------------------------------------------
    Case("thunderbird-from-command",
         "An error occurred while sending mail. The mail server responded: 553 5.7.1 <alice@example.org>: Sender address "
         "rejected: not owned by user bob@example.org. Please verify that your email address is correct in your account "
         "settings and try again.",
         SENDER, THUNDERBIRD + " (errorSendingFromCommand)"),
    Case("thunderbird-rcpt-command",
         "An error occurred while sending mail. The mail server responded:  \n554 5.7.1 <bob@example.net>: Relay access "
         "denied.\n Please check the message recipient \"bob@example.net\" and try again.",
         RELAY, THUNDERBIRD + " (errorSendingRcptCommand)"),
    Case("thunderbird-rcpt-command-cpanel",
         "An error occurred while sending mail. The mail server responded:  \n" + CPANEL + ".\n Please check the message "
         "recipient \"bob@example.net\" and try again.",
         AUTH, THUNDERBIRD + " (errorSendingRcptCommand) around cPanel's refusal"),
    Case("thunderbird-data-command",
         "An error occurred while sending mail. The mail server responded:  550 5.7.1 Error: message content rejected. "
         "Please check the message and try again.",
         CONTENT, THUNDERBIRD + " (errorSendingMessage) around Postfix's header_checks REJECT"),
    Case("phpmailer-recipients-failed",
         "SMTP Error: The following recipients failed: bob@example.net: <bob@example.net>: Relay access denied",
         RELAY, "PHPMailer/PHPMailer:language (recipients_failed 'SMTP Error: The following recipients failed: ')"),
    Case("nodemailer-all-recipients-rejected",
         "Error: Can't send mail - all recipients were rejected: 553 sorry, that domain isn't in my list of allowed "
         "rcpthosts (#5.7.1)",
         RELAY, "nodemailer/nodemailer:lib/smtp-connection ('Can\\'t send mail - all recipients were rejected', EENVELOPE)"),
    Case("smtplib-recipients-refused",
         "smtplib.SMTPRecipientsRefused: {'bob@example.net': (550, b'relay not permitted')}",
         RELAY, "cpython:Lib/smtplib.py (sendmail: SMTPRecipientsRefused(senderrs)) around Exim's default refusal"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_first_cause_is_an_honest_reading(case: Case):
    assert case.source
    report = explain(case.text)
    assert report.top is not None, f"{case.name}: no cause named"
    causes = [d.cause for d in report.diagnoses]
    assert causes[0] in case.causes, f"{case.name}: {causes[:4]}"


def test_the_catalogue_names_each_wording_once():
    names = [c.name for c in CASES]
    texts = [c.text for c in CASES]
    assert len(set(names)) == len(names)
    assert len(set(texts)) == len(texts)
