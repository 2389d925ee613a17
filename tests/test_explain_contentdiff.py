"""A message refused, or held, for what it CONTAINS -- against refusals for who sends it or from where.

A catalogue of real refusals, each checked at its source (the filter's code or shipped default, a provider's
published text, or a public log or bounce that quotes it whole), with the causes each may honestly read as; the
first cause `explain` names must be one of them.

The differential: a content filter's verdict on this message (rspamd's and rmilter's "Spam message rejected",
spamass-milter's "Blocked by SpamAssassin", amavisd-new's "Reject, id=... - SPAM/BANNED/BAD_HEADER", Exim's and
ZoneMTA's "This message contains a virus", Gmail's 552-5.7.0 "content presents a potential security issue",
Microsoft 365's 5.7.350 relaying a recipient server's spam verdict) is content-filtered: the user can change the
message. The sending address's reputation (Outlook.com's S3150, Spamhaus, Gmail's "unusual rate of unsolicited mail
originating from your IP address", Yahoo's TSS04) is client-ip-blocklisted or the generic reading. A verdict on the
sending DOMAIN's authentication (Gmail's 5.7.26 "sender is unauthenticated", Yahoo's 5.7.9) reads as the sender
address its domain does not authorise, or generically. A permanent refusal is never read as fine.

Where the words alone cannot decide, every honest reading is listed: Gmail's "likely unsolicited mail" (content
or reputation) and "very low reputation of the sending domain" (the domain's, though it says "spam"), Yahoo's
5.7.9 "not accepted for policy reasons" (DMARC or content), Microsoft 365's 5.7.350 around a recipient's DNSBL hit
on its own HELO name."""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

CONTENT = ("content-filtered",)
CONTENT_OR_GENERIC = ("content-filtered", "server-reply-permanent")
IP = ("client-ip-blocklisted",)
IP_OR_GENERIC = ("client-ip-blocklisted", "server-reply-permanent")
IP_OR_TRANSIENT = ("client-ip-blocklisted", "server-reply-transient")
GENERIC = ("server-reply-permanent",)
# A domain's SPF/DKIM/DMARC verdict: the project reads it as the sender address the domain does not authorise
# (rules/authentication/sender-address-not-allowed.yaml), or generically.
SENDER_DOMAIN = ("sender-address-not-allowed", "server-reply-permanent")

TB = "An error occurred while sending mail. The mail server responded:  {}. Please check the message and try again."
THUNDERBIRD = ("mozilla/releases-comm-central:mail/locales/en-US/chrome/messenger/messengercompose/composeMsgs.properties"
               " (errorSendingMessage)")
GMAIL_552 = ("552-5.7.0 This message was blocked because its content presents a potential\n"
             "552-5.7.0 security issue. Please visit\n"
             "552-5.7.0  https://support.google.com/mail/?p=BlockedMessage to review our\n"
             "552 5.7.0 message content and attachment content guidelines. v3sm20015788pfb.207 - gsmtp")

CASES = [
    # --- rspamd / rmilter --------------------------------------------------------------------------------------------
    Case("rspamd-spam-message-rejected",
         TB.format("554 5.7.1 Spam message rejected"),
         CONTENT, THUNDERBIRD + " around rspamd's milter reject ('554 5.7.1 Spam message rejected', as Hostinger's "
         "mx1.hostinger.com answers at the end of DATA, quoted in a public incident note)"),
    Case("rmilter-default-reject-message",
         "554 5.7.1 Spam message rejected; If this is not spam contact abuse team",
         CONTENT, "rspamd/rmilter:README (reject_message default 'Spam message rejected; If this is not spam contact "
         "abuse team')"),
    Case("rspamd-milter-reject-log",
         "postfix/cleanup[1873512]: 384B4762900: milter-reject: END-OF-MESSAGE from unknown[192.0.2.93]: 4.7.1 Spam "
         "message rejected; from=<a@example.org> to=<b@example.net> proto=ESMTP helo=<client.example.org>",
         (*CONTENT, "server-reply-transient"), "Postfix cleanup's milter-reject log line around rspamd's soft reject "
         "(a public log quoted in a mail-log parser's comments)"),
    # --- SpamAssassin / amavisd-new -------------------------------------------------------------------------------
    Case("spamass-milter-default",
         "550 5.7.1 Blocked by SpamAssassin",
         CONTENT, "spamass-milter:spamass-milter.cpp (rejecttext default 'Blocked by SpamAssassin', rejectcode 5.7.1)"),
    Case("spamass-milter-python",
         "smtplib.SMTPDataError: (550, b'5.7.1 Blocked by SpamAssassin')",
         CONTENT, "cpython:Lib/smtplib.py (SMTPDataError after DATA) around spamass-milter's default reject"),
    Case("amavis-spam",
         "smtp; 554 5.7.0 Reject, id=23375-02 - SPAM",
         CONTENT, "sisimai/p5-sisimai:t (amavisd-new's '554 5.7.0 Reject, id=23375-02 - SPAM'; Reason/SpamDetected.pm "
         "lists '554 5.7.0 reject, id=')"),
    Case("amavis-banned-bounce",
         "<gerald@example.com>: host 127.0.0.1[127.0.0.1] said: 554 5.7.0 Reject, id=17352-01 - BANNED:\n"
         "    application/x-ms-dos-executable,.exe,.exe-ms,p7zip.exe (in reply to end of\n    DATA command)",
         CONTENT, "amavisd-new's banned-file reject in a Postfix bounce (a public bounce quoted in a repository)"),
    Case("amavis-bad-header",
         "Diagnostic Code: smtp; 554 (Reject, id=18169-17 - BAD_HEADER: Header field occurs more than once: \"Cc\" "
         "occurs 5 times)",
         CONTENT, "amavisd-new's BAD_HEADER reject in a bounce of a linux-kernel message (public list archive)"),
    # --- virus scanners -------------------------------------------------------------------------------------------
    Case("exim-malware-acl",
         "550 This message contains a virus (Eicar-Test-Signature) and has been rejected",
         CONTENT, "Exim spec's data ACL example ('deny message = This message contains a virus ($malware_name) and has "
         "been rejected / malware = *')"),
    Case("cpanel-exim-virus",
         TB.format("550 This message contains a virus or other harmful content (Eicar-Test-Signature)"),
         CONTENT, THUNDERBIRD + " around cPanel Exim's ClamAV reject ('rejected after DATA: This message contains a "
         "virus or other harmful content (Eicar-Test-Signature)', exim_mainlog quoted publicly)"),
    Case("zonemta-virus",
         "Error: Message failed: 550 This message contains a virus and may not be delivered",
         CONTENT, "zone-mta/zonemta-wildduck plugins (app.reject(envelope, 'virus', ..., '550 This message contains a "
         "virus and may not be delivered')) in Nodemailer's 'Message failed' (EMESSAGE)"),
    # --- Postfix / OpenSMTPD --------------------------------------------------------------------------------------
    Case("opensmtpd-filter-regex",
         "554 5.7.1 Message content rejected",
         CONTENT, "OpenSMTPD filter-regex (filter_api_reject_code(id, FILTER_CLOSE, 554, '5.7.1 Message content "
         "rejected'))"),
    Case("postfix-body-checks-log",
         "postfix/cleanup[1]: 4AB1: reject: header Subject: buy now from client.example.org[192.0.2.9]; "
         "from=<a@example.org> to=<x@example.net> proto=ESMTP helo=<client>: 5.7.1 message content rejected",
         CONTENT, "vdukhovni/postfix:postfix/src/cleanup/cleanup_milter.c+cleanup_message.c (header_checks REJECT "
         "default '5.7.1 message content rejected', logged 'reject: header ...')"),
    # --- Gmail ----------------------------------------------------------------------------------------------------
    Case("gmail-552-security-issue",
         GMAIL_552,
         CONTENT, "Gmail's 552-5.7.0 (support.google.com/mail/?p=BlockedMessage; sisimai's SMTP::Error tests quote it)"),
    Case("gmail-552-python",
         "Something went wrong... (552, '5.7.0 This message was blocked because its content presents a potential\\n5.7.0"
         " security issue. Please visit\\n5.7.0  https://support.google.com/mail/?p=BlockedMessage to review our\\n5.7.0"
         " message content and attachment content guidelines. v3sm20015788pfb.207 - gsmtp')",
         CONTENT, "a Python script's print of smtplib.SMTPDataError around Gmail's 552-5.7.0 (public log)"),
    Case("gmail-illegal-attachment",
         "Diagnostic-Code: SMTP; 552-5.7.0 Our system detected an illegal attachment on your message. Please visit "
         "http://mail.google.com/support/bin/answer.py?answer=6590 to review our attachment guidelines.",
         CONTENT, "sisimai/p5-sisimai:lib/Sisimai/Rhost/Google.pm (552 5.7.0 'Our system detected an illegal attachment "
         "on your message', policyviolation)"),
    Case("gmail-likely-unsolicited",
         "550-5.7.1 [192.0.2.200 12] Gmail has detected that this message is likely unsolicited mail. To reduce the "
         "amount of spam sent to Gmail, this message has been blocked.",
         CONTENT_OR_GENERIC, "Gmail's 5.7.1 unsolicited-mail refusal (an Exim log quoted in a bounce parser's tests; "
         "CiviCRM's BouncePatternTest)"),
    Case("gmail-low-domain-reputation",
         "550-5.7.1 Gmail has detected that this message is likely suspicious due to the very low reputation of the "
         "sending domain. To best protect our users from spam, the message has been blocked.",
         ("content-filtered", "client-ip-blocklisted", "sender-address-not-allowed", "server-reply-permanent"),
         "Gmail's refusal for the sending domain's reputation (support.google.com/a/answer/3726730; public delivery "
         "reports quote it): a verdict on the domain, which its word 'spam' does not make the content's; the words "
         "do not decide, so every reading test_explain_provider_catalogues allows stands"),
    Case("gmail-unauthenticated",
         "550-5.7.26 Your email has been blocked because the sender is unauthenticated.\n"
         "550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.",
         SENDER_DOMAIN, "Gmail's 5.7.26 (support.google.com/mail/answer/81126; Exchange tracking logs quote it)"),
    Case("gmail-unusual-rate-ip",
         "421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address.",
         IP_OR_TRANSIENT, "Gmail's 421-4.7.28 (a sender's reputation guide quotes it)"),
    # --- Microsoft ------------------------------------------------------------------------------------------------
    Case("m365-5-7-350-spam-message-rejected",
         "Error: 550 5.7.350 Remote server returned message detected as spam -> 554 5.7.1 Spam message rejected\n"
         "Message rejected by: s899.loopia.se",
         CONTENT, "Exchange Online's NDR 5.7.350 (learn.microsoft.com ndr/fix-error-code-5-7-350) around rspamd's "
         "reject (public NDR)"),
    Case("m365-5-7-350-profile-spam",
         "Reported error:550 5.7.350 Remote server returned message detected as spam -> 554 5.7.1 The message from "
         "(<cert@example.gov>) with the subject of (Volunteer Hours for November) matches a profile the Internet "
         "community may consider spam. Please revise your message before resending.",
         CONTENT, "Exchange Online's NDR 5.7.350 around a recipient gateway's spam-profile verdict (public NDR)"),
    Case("m365-5-7-350-helo-dbl",
         "550 5.7.350 Remote server returned message detected as spam -> 554 5.7.1\nService unavailable; Helo command "
         "[EUR04-DB3-obe.outbound.protection.outlook.com]\nblocked using dbl.spamhaus.org; Error: open resolver;",
         IP_OR_GENERIC, "Exchange Online's 5.7.350 around a recipient's DNSBL hit on the HELO name (lore.kernel.org "
         "thread quoting the bounce): a block list, not content"),
    Case("outlook-s3150",
         "550 5.7.1 Unfortunately, messages from [203.0.113.1] weren't sent. Please contact your Internet service "
         "provider since part of their network is on our block list (S3150). You can also refer your provider to "
         "http://mail.live.com/mail/troubleshooting.aspx#errors.",
         IP, "Outlook.com's S3150 (sisimai/go-sisimai reason/blocked lists 'part of their network is on our block list'"
         "; Braze and Forward Email docs quote it)"),
    Case("m365-5-7-708",
         "Remote server returned '550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. "
         "For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(7230) "
         "[MW4PR17MB5516.namprd17.prod.outlook.com 2025-10-05T07:25:04.852Z 08DE037E8AA54260]'",
         IP_OR_GENERIC, "learn.microsoft.com Exchange Online NDR 5.7.708 ('Access denied, traffic not accepted from "
         "this IP': the tenant's sending IP pool, not the message; a public NDR)"),
    Case("exchange-content-filter-agent",
         "status=bounced (host mydomainsbs.mydomain.local[10.220.10.4] said: 550 5.7.1 Message rejected as spam by "
         "Content Filtering. (in reply to end of DATA command))",
         CONTENT, "Exchange Server's Content Filter agent (SCL over the reject threshold; Set-ContentFilterConfig), a "
         "Postfix log relaying to Small Business Server quoted in a public forum thread"),
    Case("exchange-transport-rule-default",
         "550 5.7.1 Delivery not authorized, message refused",
         CONTENT_OR_GENERIC, "Exchange transport rule's default rejection (RejectMessage.Reject(context, '550', "
         "'5.7.1', 'Delivery not authorized, message refused')); RFC 3463's X.7.1 text"),
    Case("exchange-dlp-5-7-171",
         "Reason: [{LED=550 5.7.171 Delivery not authorized, message refused};{MSG=};{FQDN=};{IP=};{LRT=}]",
         CONTENT_OR_GENERIC, "Exchange message tracking, a DLP Policy Agent rejection (public sample)"),
    # --- Mail.ru, Barracuda ----------------------------------------------------------------------------------------
    Case("mailru-spam-message-rejected",
         "host mxs.mail.ru[94.100.180.31] said: 550 spam message rejected. Please visit "
         "http://help.mail.ru/notspam-support/id?c=fhtDsnELae77cN6t9-j6dIPfAZm8McBDFOVns8DZ9Q1n62fvJQEllQsAAAAOxQEA6zMdHg~~ "
         "or  report details to abuse@corp.mail.ru. Error code: B2431B7EEE690B71ADDE70FB74FAE8F79901DF8343C031BCB367E514. "
         "ID: 0000000700000000.",
         CONTENT_OR_GENERIC, "Mail.ru's DATA refusal (a Postfix log quoted publicly; help.mail.ru/notspam-support is "
         "its review form)"),
    Case("barracuda-blocked-recipient",
         "host eu.bar.example said: 550 permanent failure for one or more recipients (dhanneke@example.com:blocked) "
         "(in reply to end of DATA command)",
         GENERIC, "Barracuda's recipient-side block (public bounce in a mail-log classifier's tests): the words do not "
         "say whether content, sender or IP"),
    # --- Yahoo ----------------------------------------------------------------------------------------------------
    Case("yahoo-5-7-9-policy",
         "host mta5.am0.yahoodns.net[67.195.204.72] said: 554 5.7.9 Message not accepted for policy reasons. See "
         "https://senders.yahooinc.com/ (in reply to end of DATA command)",
         (*SENDER_DOMAIN, *CONTENT), "help.yahoo.com/kb/SLN7253.html (554 5.7.9: the message failed DKIM, SPF or DMARC; sisimai Rhost/YahooInc.pm "
         "policyviolation 'not accepted for policy reasons')"),
    Case("yahoo-tss04",
         "421 4.7.0 [TSS04] Messages from 192.0.2.4 temporarily deferred due to unexpected volume or user complaints "
         "- 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
         IP_OR_TRANSIENT, "postmaster.yahooinc.com/error-codes ([TSS04], the sending IP's reputation)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_first_cause_is_an_honest_reading(case: Case) -> None:
    assert case.source
    causes = causes_of(case.text)
    # A refusal is never read as fine, nor declined.
    assert causes, f"{case.name}: no cause named"
    assert causes[0] in case.causes, f"{case.name}: {causes[:4]}"


@pytest.mark.parametrize("case", [c for c in CASES if "content-filtered" not in c.causes], ids=lambda c: c.name)
def test_a_verdict_on_the_sender_is_no_content_filters(case: Case) -> None:
    # The sending address's or domain's reputation, or a refusal whose words do not name the message: changing
    # the message does not get it through, so the content filter's advice is not given at all.
    assert "content-filtered" not in causes_of(case.text), case.name


def test_each_wording_is_catalogued_once() -> None:
    assert len({c.name for c in CASES}) == len({c.text for c in CASES}) == len(CASES)
