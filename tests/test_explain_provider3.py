"""The big providers' own refusals and deferrals as the bounce classifier sisimai collects them, each with the page it
cites: Gmail's SMTP error reference, Yahoo's and AOL's Sender Hub codes, iCloud Mail's, Exchange Online's NDR codes and
QQ Mail's reply list; and Yahoo's refusal of a From address the account has not verified for sending.

Each case is (provider, source, the reply as quoted, the causes it may read as). The causes are what the provider's own
words decide: a reply about the sender's domain (SPF, DKIM, DMARC) or identity is the sender address's; a reply about the
sending address's reputation or reverse name is the client's address's; a verdict on the message is the content's; a
refusal of a recipient or of a recipient's full or closed mailbox is the far side's and keeps the generic reading
(server-reply-permanent or -transient), never a cause of the user's own. Where the words leave two readings open (a size
limit: a content filter or the generic refusal), both are accepted; where they decide nothing (Gmail's "the user or
domain that you are sending to (or from) has a policy that prohibited the mail"), only the generic one.

sisimai's modules (sisimai/rb-sisimai at v5.1.0p3: lib/sisimai/rhost/google.rb, yahooinc.rb, apple.rb, microsoft.rb,
tencent.rb) quote each reply in a comment above the fragment they match, and name the provider's page; a line that
sisimai wrapped with a hyphen is joined. Exchange Online's module lists each NDR code with the words it matches, in lower
case; those cases give the code after 550 (or 451 for a 4.x.x code) and the words as sisimai lists them.
"""

from __future__ import annotations

import pytest
from helpers import in_outlooks_error, top_cause

SISIMAI = 'sisimai/rb-sisimai@v5.1.0p3:lib/sisimai/rhost/'
G = SISIMAI + 'google.rb, quoting https://support.google.com/a/answer/3726730 (Gmail SMTP errors and codes)'
Y = SISIMAI + 'yahooinc.rb, quoting https://senders.yahooinc.com/smtp-error-codes'
A = SISIMAI + 'apple.rb, quoting https://support.apple.com/en-us/102322 (iCloud Mail delivery errors)'
M = (SISIMAI + 'microsoft.rb, quoting https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/'
     'non-delivery-reports-in-exchange-online')
Q = SISIMAI + 'tencent.rb, quoting QQ Mail\'s reply pages https://service.mail.qq.com/detail/122/NNN'
YSF = ('Yahoo\'s (and AT&T\'s Yahoo-run) submission servers: a Spring JavaMailSender trace of'
       ' com.sun.mail.smtp.SMTPSendFailedException in public code, a 2010 bounce from smtp.att.yahoo.com, and'
       ' PHPMailer/PHPMailer#444 (Yahoo refuses a From that is not the account\'s own: "From email ID not verified")')

OL = ('Outlook.com\'s submission server (a new or unverified account): an Evolution user\'s and a .NET sender\'s'
      ' quotes of it in public text, and a blog on a new outlook.com account ("your account is not verified"; sign out and'
      ' in on the web)')
SFR = ('SFR: sisimai/rb-sisimai@v5.1.0p3:lib/sisimai/reason/blocked.rb (\'client host rejected: abus detecte gu_eib_02\','
       ' \'_04\', SFR) and a Postfix log of it in a grok pattern test')
FREE = ('Free.fr: sisimai/rb-sisimai@v5.1.0p3:lib/sisimai/reason/blocked.rb (\'too many spams from your ip\', free.fr), in'
        ' the form a bounce classifier\'s provider table quotes it with http://postmaster.free.fr/')
REP = ('sisimai\'s BadReputation test vectors (lib/sisimai/reason/badreputation.rb: \'a poor email reputation score\')')

SENDER = 'sender-address-not-allowed'
IP = 'client-ip-blocklisted'
CONTENT = 'content-filtered'
LIMIT = 'sending-limit-exceeded'
PERM = 'server-reply-permanent'
TRANS = 'server-reply-transient'

CASES = [
    # --- Gmail: the sender domain's authentication (SPF, DKIM, DMARC, From alignment)
    ('gmail', G, '550 5.7.24 The SPF record of the sending domain has one or more suspicious entries. For more'
     ' information, go to Email sender guidelines.', (SENDER,)),
    # The domain's SPF record and the sending address's rate limit, both named: either reading is the words'.
    ('gmail', G, '451 4.7.24 The SPF record of the sending domain has one or more suspicious entries. To protect our'
     ' users from spam, mail sent from your IP address has been temporarily rate limited. For more information, go to'
     ' Email sender guidelines. https://support.google.com/mail/answer/81126#authentication', (SENDER, IP)),
    ('gmail', G, '421 4.7.26 This mail has been rate limited because it is unauthenticated. Gmail requires all senders'
     ' to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF domain-name with ip:'
     ' ip-address = did not pass. To resolve this issue, go to Email sender guidelines.', (SENDER,)),
    ('gmail', G, '550 5.7.26 This message fails to pass SPF checks for an SPF record with a hard fail policy (-all). To'
     ' best protect our users from spam and phishing, the message has been blocked. Please visit'
     ' https://support.google.com/mail/answer/81126 for more information.', (SENDER,)),
    ('gmail', G, '550 5.7.26 The MAIL FROM domain [domain-name] has an SPF record with a hard fail policy (-all) but it'
     ' fails to pass SPF checks with the ip: [ip-address]. To best protect our users from spam and phishing, the message'
     ' has been blocked. For more information, go to Email sender guidelines.', (SENDER,)),
    # DMARC could not be checked for DNS failures: for now, and the words say the failure is temporary.
    ('gmail', G, "451 4.7.26 Unauthenticated email from domain-name is not accepted due to domain's DMARC policy, but"
     ' temporary DNS failures prevent authentication. Please contact the administrator of domain-name domain if this'
     ' was a legitimate mail. To learn about the DMARC initiative, go to https://support.google.com/mail/?p=DmarcRejection',
     (TRANS, SENDER)),
    ('gmail', G, "550 5.7.26 Unauthenticated email from domain-name is not accepted due to domain's DMARC policy. Please"
     ' contact the administrator of domain-name domain.', (SENDER,)),
    ('gmail', G, '550 5.7.26 This message does not have authentication information or fails to pass authentication'
     ' checks (SPF or DKIM). To best protect our users from spam, the message has been blocked. Please visit'
     ' https://support.google.com/mail/answer/81126 for more information.', (SENDER,)),
    ('gmail', G, "421 4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message."
     ' Gmail requires all bulk email senders to authenticate their emaili with SPF. Authentication results: SPF'
     ' domain-name with IP address: ip-address = Did not pass.', (SENDER,)),
    ('gmail', G, "421 4.7.30 Your email has been rate limited because DKIM authentication didn't pass for this message."
     ' Gmail requires all email bulk senders to authenticate their email with DKIM. Authentication results: DKIM = Did'
     ' not pass.', (SENDER,)),
    ('gmail', G, '550 5.7.30 This mail has been blocked because DKIM does not pass. Gmail requires all large senders to'
     ' authenticate with DKIM. Authentication results: DKIM = did not pass.', (SENDER,)),
    ('gmail', G, "421 4.7.32 Your email has been rate limited because the From: header (RFC5322) in this message isn't"
     ' aligned with either the authenticated SPF or DKIM organizational domain.', (SENDER,)),

    # --- Gmail: the sending address (reputation, reverse name, an unusual rate, not allowed by the domain)
    ('gmail', G, '421 4.7.0 This message is suspicious due to the very low reputation of the sending IP address/domain.'
     ' To protect our users from spam, mail sent from your IP address has been temporarily rate limited. For more'
     ' information, go to Why has Gmail blocked my messages?. https://support.google.com/mail/answer/188131', (IP,)),
    ('gmail', G, '550 5.7.1 Our system has detected that this message is likely suspicious due to the very low'
     ' reputation of the sending IP address/domain. To best protect our users from spam, the message has been blocked.'
     ' Please visit https://support.google.com/mail/answer/188131 for more information.', (IP,)),
    ('gmail', G, '421 4.7.0 IP not in whitelist for RCPT domain, closing connection. For more information, go to'
     ' Allowlists, denylists, and approved senders. https://support.google.com/a/answer/60752', (IP,)),
    ('gmail', G, '550 5.7.1 Our system has detected an unusual rate of unsolicited mail originating from your IP'
     ' address. To protect our users from spam, mail sent from your IP address has been blocked. Review'
     ' https://support.google.com/mail/answer/81126', (IP,)),
    ('gmail', G, '550 5.7.28 There is an unusual rate of unsolicited mail originating from your IP address. To protect'
     ' our users from spam, mail sent from your IP address has been blocked.', (IP,)),
    ('gmail', G, '550 5.7.1 This message does not meet IPv6 sending guidelines regarding PTR records and authentication.'
     ' For more information, go to Email sender guidelines. https://support.google.com/mail/?p=IPv6AuthError', (IP,)),
    ('gmail', G, "421 4.7.23 The sending IP address for this message doesn't have a PTR record, or the PTR record's"
     " forward DNS entry doesn't match the sending IP address. To protect users from spam, your email has been"
     ' temporarily rate limited.', (IP,)),
    ('gmail', G, '550 5.7.25 The IP address sending this message does not have a PTR record setup, or the corresponding'
     ' forward DNS entry does not point to the sending IP. As a policy, Gmail does not accept messages from IPs with'
     ' missing PTR records.', (IP,)),
    # A home connection sending straight to Gmail's MX: the address is not let through, or the program uses an MX.
    ('gmail', G, "550 7.7.1 The IP you're using to send mail is not authorized to send email directly to our servers."
     ' Use the SMTP relay at your service provider instead.', (IP, 'mx-host-used-for-submission')),

    # --- Gmail: the message itself
    ('gmail', G, '550 5.7.1 Our system has detected that this message is likely unsolicited mail. To reduce the amount'
     ' of spam sent to Gmail, this message has been blocked. For more information, visit'
     ' https://support.google.com/mail/answer/188131', (CONTENT,)),
    # A deferral whose words name the content and links of the message as the reason: not the address, not for now.
    ('gmail', G, '421 4.7.0 This message is suspicious due to the nature of the content or the links within. To best'
     ' protect our users from spam, the message has been blocked. For more information, go to Why has Gmail blocked my'
     ' messages?. https://support.google.com/mail/answer/188131', (CONTENT,)),
    ('gmail', G, '552 5.7.0 Our system detected an illegal attachment on your message. Please visit'
     ' http://mail.google.com/support/bin/answer.py?answer=6590 to review our attachment guidelines.', (CONTENT,)),
    ('gmail', G, '552 5.7.0 This message was blocked because its content presents a potential security issue. Please'
     ' visit https://support.google.com/mail/?p=BlockedMessage to review our message content and attachment content'
     ' guidelines.', (CONTENT,)),
    ('gmail', G, '550 5.7.1 This message is not RFC 5322 compliant because it has duplicate headers. To reduce the'
     ' amount of spam sent to Gmail, this message has been blocked.', (CONTENT, PERM)),
    ('gmail', G, "552 5.3.4 Your message exceeded Google's message size limits. To view our message size guidelines, go"
     ' to Send attachments with your Gmail message.', (CONTENT, PERM)),
    ('gmail', G, "552 5.2.3 Your message exceeded Google's message size limits. For more information, visit"
     ' https://support.google.com/mail/answer/6584', (CONTENT, PERM)),
    # To or from: the words cannot say whose policy, nor what it objects to.
    ('gmail', G, '550 5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail'
     ' that you sent. Please contact your domain administrator for further details. For more information, visit'
     ' https://support.google.com/a/answer/172179', (PERM,)),

    # --- Gmail: the account and the SMTP relay's limits
    ('gmail', G, '450 4.2.1 Peak SMTP relay limit exceeded for customer. This is a temporary error. For more'
     ' information on SMTP relay limits, please contact your administrator or visit'
     ' https://support.google.com/a/answer/6140680', (LIMIT,)),
    ('gmail', G, '550 5.4.5 Daily SMTP relay limit exceeded for user. For more information on SMTP relay sending limits'
     ' please contact your administrator or visit SMTP relay service error messages.'
     ' https://support.google.com/a/answer/6140680', (LIMIT,)),
    ('gmail', G, "452 4.5.3 Your message has too many recipients. For more information regarding Google's sending"
     ' limits, visit https://support.google.com/mail/answer/6592', (LIMIT,)),
    # A disabled account, or one not in the Workspace domain: the account's state or the sender's identity.
    ('gmail', G, '550 5.7.0, Mail Sending denied. This error occurs if the sender account is disabled or not registered'
     ' within your Google Workspace domain.', ('account-locked', SENDER)),
    ('gmail', G, '454 4.7.0 Too many login attempts, please try again later. For more information, go to Add Gmail to'
     ' another email client. https://support.google.com/mail/answer/7126229', ('account-locked',)),
    ('gmail', G, '530 5.5.1 Authentication Required. For more information, visit'
     ' https://support.google.com/accounts/troubleshooter/2402620', ('smtp-auth-not-enabled',)),

    # --- Gmail: the far side's recipient, whose state the sender cannot change
    ('gmail', G, "452 4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to"
     ' https://support.google.com/mail/?p=OverQuotaTemp', (TRANS,)),
    ('gmail', G, '450 4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your'
     ' message at a later time.', (TRANS,)),
    ('gmail', G, '550 5.2.1 The email account that you tried to reach is inactive. For more information, go to'
     ' https://support.google.com/mail/?p=DisabledUser', (PERM,)),
    ('gmail', G, "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the"
     " recipient's email address for typos or unnecessary spaces.", (PERM,)),
    ('gmail', G, "553 5.1.2 We weren't able to find the recipient domain. Please check for any spelling errors, and make"
     " sure you didn't enter any spaces, periods, or other punctuation after the recipient's email address.", (PERM,)),

    # --- Yahoo and AOL
    ('yahoo', Y, '550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all'
     ' senders to authenticate with either SPF or DKIM.', (SENDER,)),
    ('yahoo', Y, "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.25, because the ip is in Spamhaus's"
     ' list; see http://postmaster.yahoo.com/550-bl23.html', (IP,)),
    ('yahoo', Y, '421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to unexpected volume or user'
     ' complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes', (IP,)),
    ('yahoo', Y, '553 5.7.2 [TSS09] All messages from 192.0.2.25 will be permanently deferred; Retrying will NOT'
     ' succeed. See https://postmaster.yahooinc.com/error-codes', (IP,)),
    ('yahoo', Y, '554 Message not allowed - [PH01] Email not accepted for policy reasons. Please visit'
     ' https://postmaster.yahooinc.com/error-codes', (CONTENT,)),
    ('yahoo', Y, '421 Max message per connection reached, closing transmission channel', (LIMIT, 'too-many-connections')),
    ('yahoo', Y, "554 delivery error: dd This user doesn't have a yahoo.com account (someone@yahoo.com)", (PERM,)),
    ('yahoo', Y, '554 30 Sorry, your message to someone@aol.jp cannot be delivered. This mailbox is disabled (554.30)',
     (PERM,)),
    # The From address is not one the Yahoo account has verified as its own ("sendfrom"): the sender identity.
    ('yahoo', YSF, '553 From address not verified - see'
     ' http://help.yahoo.com/l/us/yahoo/mail/original/manage/sendfrom-07.html', (SENDER,)),

    # --- Outlook.com: a new or unverified account must sign in on the web before it may send
    ('outlook', OL, '550 5.3.4 Requested action not taken; To continue sending messages, please sign in to your'
     ' account.', ('web-login-required',)),

    # --- SFR, Free.fr and others: the sending host refused for its abuse or reputation, in the provider's words
    ('sfr', SFR, '554 5.7.1 <mail.example.org[192.0.2.1]>: Client host rejected: Abus detecte GU_EIB_02', (IP,)),
    ('sfr', SFR, '554 5.7.1 <mail.example.org[192.0.2.1]>: Client host rejected: Abus detecte GU_EIB_04', (IP,)),
    ('free', FREE, '421 Too many spams from your IP (192.0.2.1), please visit http://postmaster.free.fr/', (IP,)),
    ('other', REP, '550 Connections from mx.example.jp (192.0.2.2) are being rejected due to a poor email reputation'
     ' score.', (IP,)),

    # --- iCloud Mail
    ('icloud', A, "554 5.7.1 Your message was rejected due to example.jp's DMARC policy. See"
     ' https://support.apple.com/en-us/HT204137 for', (SENDER,)),
    ('icloud', A, '550 5.7.1 Mail from IP 192.0.2.1 was rejected due to listing in Spamhaus SBL. For details please see'
     ' http://www.spamhaus.org/query/bl?ip=192.0.2.1', (IP,)),
    ('icloud', A, '550 5.7.1 [CS01] Message rejected due to local policy. Please visit'
     ' https://support.apple.com/en-us/HT204137', (CONTENT,)),
    ('icloud', A, '450 4.1.8 <kijitora@example.jp>: Sender address rejected: Domain not found', (SENDER,)),
    ('icloud', A, '421 4.7.1 Messages to someone@icloud.com deferred due to excessive volume. Try again later -'
     ' https://support.apple.com/en-us/HT204137', (TRANS, LIMIT)),
    ('icloud', A, '552 5.2.2 <someone@icloud.com>: user is over quota', (PERM,)),
    ('icloud', A, '550 5.1.1 <someone@icloud.com>: inactive email address', (PERM,)),
    ('icloud', A, '550 5.1.6 recipient no longer on server: someone@icloud.com', (PERM,)),

    # --- Exchange Online (Microsoft 365, Outlook.com)
    ('microsoft', M, '550 5.7.23 the message was rejected because of sender policy framework violation', (SENDER,)),
    ('microsoft', M, '550 5.7.509 does not pass dmarc verification', (SENDER,)),
    ('microsoft', M, '550 5.7.750 service unavailable. client blocked from sending from unregistered domains', (SENDER,)),
    ('microsoft', M, '451 4.7.650 has been temporarily rate limited due to ip reputation', (IP,)),
    ('microsoft', M, '550 5.7.511 access denied, banned sender', (IP,)),
    ('microsoft', M, '550 5.7.513 using customer block list', (IP,)),
    ('microsoft', M, '550 5.7.1 part of their network is on our block list (s3150)', (IP,)),
    ('microsoft', M, '550 5.1.8 access denied, bad outbound sender', (LIMIT, 'account-locked')),
    ('microsoft', M, "550 5.1.90 your message can't be sent because you've reached your daily limit for message"
     ' recipients', (LIMIT,)),
    ('microsoft', M, '550 5.2.2 submission quota exceeded', (LIMIT,)),
    ('microsoft', M, '550 5.7.57 client was not authenticated to send anonymous mail during mail from',
     ('smtp-auth-not-enabled',)),
    ('microsoft', M, '550 5.2.1 content filter agent quarantined this message', (CONTENT,)),
    # The recipient is banned, or accepts mail only from its own organisation (a group, a mailbox, a public folder):
    # the far side's setting, which its administrator alone changes -- not this account's state nor its login.
    ('microsoft', M, '550 5.7.505 access denied, banned recipient', (PERM,)),
    ('microsoft', M, '550 5.7.12 sender was not authenticated by organization', (PERM,)),
    ('microsoft', M, '550 5.7.13 sender was not authenticated for public folder', (PERM,)),
    ('microsoft', M, '550 5.7.133 sender not authenticated for group', (PERM,)),
    ('microsoft', M, '550 5.7.134 sender was not authenticated for mailbox', (PERM,)),
    ('microsoft', M, '550 5.7.124 sender not in allowed-senders list', (PERM,)),
    ('microsoft', M, "550 5.2.122 recipient's per hour message receive limit exceeded", (PERM,)),
    ('microsoft', M, '550 5.1.10 recipient not found', (PERM,)),

    # --- QQ Mail (Tencent)
    ('qq', Q, '550 Mail content denied.', (CONTENT,)),
    ('qq', Q, '550 Suspected spam ip', (IP,)),
    ('qq', Q, '550 Domain frequency limited', (LIMIT,)),
    ('qq', Q, '550 Sender frequency limited', (LIMIT,)),
    ('qq', Q, '550 Mail is rejected by recipients.', (PERM,)),
]


def _id(case: tuple) -> str:
    return f"{case[0]}: {case[2][:70]}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_provider_reply_reads_as_its_words_say(case: tuple) -> None:
    _provider, _source, reply, causes = case
    assert top_cause(reply) in causes


# The same reply inside Outlook's sending error, as users paste it: the dialog's words add nothing that decides.
@pytest.mark.parametrize("case", CASES, ids=_id)
def test_provider_reply_in_outlooks_error(case: tuple) -> None:
    _provider, _source, reply, causes = case
    assert top_cause(in_outlooks_error(reply)) in causes
