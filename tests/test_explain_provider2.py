"""Providers' replies the other provider catalogues did not hold: GoDaddy's bounce codes beyond those already read,
Yahoo's and AOL's older and newer deferrals, Zoho Mail's and iCloud Mail's filter verdicts, Amazon SES, Mailgun's
sandbox and free plan, Free.fr, WP.pl / o2.pl, Interia, STRATO, WEB.DE, IONOS, Comcast, freenet.de, NetEase, OVH,
Tiscali and the POP3 refusal Yahoo sends until the account is verified on the web. Each case quotes the reply as the
provider's page (or a public issue, a log or a library that quotes the server) gives it, with the causes its words
leave open, the source, and whether its words alone (as Thunderbird shows them, without the codes) say as much.

Sisimai's per-provider modules (sisimai/p5-sisimai:lib/Sisimai/Rhost/*.pm) quote the providers' replies beside the
provider's own page; where a case cites one, the page it names is given too.
"""

from __future__ import annotations

import pytest
from helpers import in_outlooks_error, in_thunderbirds_error, top_cause

GD = ('https://www.godaddy.com/help/what-does-my-email-bounceback-mean-3568, as'
      ' sisimai/p5-sisimai:lib/Sisimai/Rhost/GoDaddy.pm quotes it')
YH = 'https://senders.yahooinc.com/smtp-error-codes, as sisimai/p5-sisimai:lib/Sisimai/Rhost/YahooInc.pm quotes it'
ZO = ('https://www.zoho.com/mail/help/spam-reason.html and https://smtpfieldmanual.com/provider/zoho, as'
      ' sisimai/p5-sisimai:lib/Sisimai/Rhost/Zoho.pm quotes them')
AP = 'https://support.apple.com/en-us/102322, as sisimai/p5-sisimai:lib/Sisimai/Rhost/Apple.pm quotes it'
SG = 'sendgrid/docs, "Email Error Messages" (its 421, 451 and 554 examples)'

# (provider, source, the reply as documented, the causes it may read as, its words alone say as much)
CASES = [
    # --- GoDaddy (secureserver.net): its sender, content and rate-limit bounces
    ('godaddy', GD, '421 Temporarily rejected. Reverse DNS for this IP failed. IB108',
     ('client-ip-blocklisted',), True),
    # Recipients in one message over GoDaddy's limit: a sending limit, fixed by fewer recipients per message.
    ('godaddy', GD, '452 This message contains too many recipients. Reduce the number of recipients and retry. IB605',
     ('sending-limit-exceeded',), True),
    ('godaddy', GD, '421 Server temporarily unavailable. Try again later. IB101',
     ('server-unavailable', 'server-reply-transient'), True),
    ('godaddy', GD, '552 Virus infected message rejected. IB705', ('content-filtered',), True),
    ('godaddy', GD, '552 This message has been rejected due to content judged to be spam by the internet community.'
     ' IB212', ('content-filtered',), True),
    ('godaddy', GD, '552 Message rejected for spam or virus content', ('content-filtered',), True),
    # GoDaddy's own block list refused the connecting address ("This IP address was blocked from our internal RBL").
    ('godaddy', GD, '554 RBL Reject.', ('client-ip-blocklisted',), True),
    ('godaddy', GD, '421 Connection refused, too many sessions from This IP. Lower the number of concurrent sessions.'
     ' IB007', ('too-many-connections',), True),
    ('godaddy', GD, '554 Connection refused. This IP address is listed on the Spamhaus Block List (SBL). IB104',
     ('client-ip-blocklisted',), True),

    # --- Yahoo / AOL (Yahoo Inc.)
    ('yahoo', YH, '421 Max message per connection reached, closing transmission channel',
     ('sending-limit-exceeded', 'too-many-connections'), True),
    # The envelope sender's domain does not resolve: the sender's domain, not Yahoo, must be fixed.
    ('yahoo', YH, '451 Message temporarily deferred due to unresolvable RFC.5321 from domain. See'
     ' https://senders.yahooinc.com/error-codes#unresolvable-from-domain', ('sender-address-not-allowed',), False),
    ('yahoo', YH, '450 User is receiving mail too quickly', ('server-reply-transient',), True),
    ('yahoo', YH, '550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all'
     ' senders to authenticate with either SPF or DKIM.', ('sender-address-not-allowed',), True),
    # Yahoo's older deferral of the connecting address (postmaster-21), as SendGrid's page quotes it.
    ('yahoo', SG, '421 4.7.0 [GL01] Message from (192.0.2.1) temporarily deferred - 4.16.50. Please refer to'
     ' http://postmaster.yahoo.com/errors/postmaster-21.html', ('client-ip-blocklisted',), True),
    ('yahoo', SG, '451 mta1012.mail.gq1.yahoo.com Resources temporarily unavailable. Please try again later'
     ' [#4.16.1].', ('server-unavailable', 'server-reply-transient'), True),
    ('yahoo', SG, '554 5.7.1 [P4] Message blocked due to spam content in the message.', ('content-filtered',), True),

    # --- Zoho Mail
    # A greylisting reply is what an MX sends: a mail program that meets it submits to the MX (mailexpert reads it so),
    # or it is a deferral to wait out; the words cannot say which.
    ('zoho', ZO, '451 4.7.1 Greylisted, try again after some time',
     ('mx-host-used-for-submission', 'server-reply-transient'), True),
    ('zoho', ZO, '554 5.7.1 Email cannot be delivered. Reason: Email flagged as Spam.', ('content-filtered',), True),
    ('zoho', ZO, '554 5.7.7 Email policy violation detected', ('content-filtered',), True),
    ('zoho', ZO, '552 5.7.1 virus Eicar-Test-Signature detected by Zoho Mail', ('content-filtered',), True),
    ('zoho', ZO, '550 5.7.1 Email rejected per DMARC policy for example.com', ('sender-address-not-allowed',), True),
    ('zoho', ZO, '452 4.3.1 Temporary System Error', ('server-reply-transient', 'server-unavailable'), False),

    # --- iCloud Mail
    ('icloud', AP, '554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication checks.'
     ' See https://support.apple.com/en-us/HT204137 for mailing best practices', ('sender-address-not-allowed',), True),
    ('icloud', AP, '550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.1',
     ('client-ip-blocklisted',), True),
    # A domain in Spamhaus' DBL may be the sender's or a link's in the message: the words cannot say which, so the
    # generic refusal stands (never the client's address: rules/shared/client-ip-refused.yaml).
    ('icloud', AP, '550 5.7.1 Your email was rejected due to having a domain present in the Spamhaus DBL -- see'
     ' https://www.spamhaus.org/dbl/', ('server-reply-permanent', 'content-filtered', 'sender-address-not-allowed'),
     True),
    ('icloud', AP, '550 5.7.1 [CS01] Message rejected due to local policy. Please visit'
     ' https://support.apple.com/en-us/HT204137', ('content-filtered',), True),
    ('icloud', AP, '550 5.7.1 Mail from IP 192.0.2.1 was rejected due to listing in Spamhaus SBL. For details please'
     ' see http://www.spamhaus.org/query/bl?ip=192.0.2.1', ('client-ip-blocklisted',), True),

    # --- Amazon SES (docs.aws.amazon.com/ses/latest/dg/troubleshoot-error-messages.html, as the issues quote it)
    ('ses', 'mageplaza/magento-2-smtp#152, magepal/magento2-gmail-smtp-app#17',
     '554 Message rejected: Email address is not verified. The following identities failed the check in region'
     ' US-EAST-1: me@example.com', ('sender-address-not-allowed',), True),
    ('ses', 'jhuckaby/Cronicle#265 (the SES page: the application did not try to log in)',
     '530 Authentication required', ('smtp-auth-not-enabled',), False),
    ('ses', 'sandstorm-io/sandstorm#2734, mautic/mautic#3704', '535 Authentication Credentials Invalid',
     ('password-rejected',), True),

    # --- Mailgun: a sandbox domain, or a Free account without a card, sends only to authorised recipients
    # (help.mailgun.com 217531258). The words name two fixes (the sender's own domain, or the recipient authorised),
    # and mailexpert/data/server-replies.yaml reads it as a refusal of the recipient that no cause names: the generic
    # permanent refusal stands, never a login or address problem.
    ('mailgun', 'zonque/AlRide#7 (Net::SMTPFatalError)', '554 Sandbox subdomains are for test purposes only. Please'
     ' add your own domain or add the address to authorized recipients in domain settings.',
     ('server-reply-permanent',), True),
    ('mailgun', 'mailgun/wordpress-plugin#68', '554 Domain example.com is not allowed to send: Free accounts are for'
     ' test purposes only. Please upgrade or add the address to authorized recipients in Account Settings.',
     ('server-reply-permanent',), True),

    # --- Free.fr
    ('free', 'iredmail/iRedMail#156 (mx1.free.fr refused to talk)', '421 Refused. Your reverse DNS entry does not'
     ' resolve to an IP.', ('client-ip-blocklisted',), True),
    ('free', 'JamBrain/JamBrain#270 (mx1.free.fr, at the end of DATA)', '550 spam detected', ('content-filtered',),
     True),

    # --- WP.pl / o2.pl (Wirtualna Polska), Interia
    ('wp.pl', 'geokrety/geokrety-website#1047 (o2.pl, wp.pl; pomoc.wp.pl/polityka-antyspamowa)',
     "554 (#5.3.0) Nie przyjmiemy tej wiadomosci poniewaz jest to spam - zobacz strone:"
     " https://pomoc.wp.pl/polityka-antyspamowa / We can't accept this message because it is spam - see:"
     " https://pomoc.wp.pl/polityka-antyspamowa [127]", ('content-filtered',), True),
    ('interia', 'allegro/allegro-api#2054 (mx.interia.pl)', '550 5.7.0 [SPF] host 192.0.2.1 is not allowed to send'
     ' mail from domain example.com', ('sender-address-not-allowed',), True),

    # --- STRATO: its filter names what it found in the message, B-URL a suspicious link
    # (https://strato.de/faq/mail/fehlermeldungen-bei-e-mails).
    ('strato', 'https://strato.de/faq/mail/fehlermeldungen-bei-e-mails', '550 Refused by local policy. No SPAM please!'
     ' (B-URL)', ('content-filtered',), True),
    # --- WEB.DE / GMX (United Internet): the sending server is not in the sender domain's SPF record
    # (https://postmaster.web.de/error-messages; its wording as https://smtp.codes/unitedinternet/ lists it), and IONOS'
    # 450 form of its block of a sending address (or of a changing HELO name) for too many unknown recipients
    # (new-faq.comservice-ffo.de/smtp-fehlermeldungen-e-mail-fehler, the IONOS list).
    ('web.de', 'https://postmaster.web.de/error-messages', '550 <me@example.com>: Reject due to SPF policy. The'
     ' originating IP of the message is not permitted by the domain owner', ('sender-address-not-allowed',), True),
    ('ionos', 'new-faq.comservice-ffo.de/smtp-fehlermeldungen-e-mail-fehler', '450 Reject due to policy violations.',
     ('client-ip-blocklisted', 'helo-name-rejected'), True),

    # --- Comcast (Xfinity): its MX refuses an address without a reverse name, or one it blocks for spam
    # (ActiveCampaign/smtp-field-manual#65); smtp.comcast.net refuses a login (byalextran/southwest-checkin#5).
    ('comcast', 'ActiveCampaign/smtp-field-manual#65', '554 resimta-po-02v.sys.comcast.net comcast 192.0.2.1 Comcast'
     ' requires that all mail servers must have a PTR record with a valid Reverse DNS entry.',
     ('client-ip-blocklisted',), True),
    ('comcast', 'ActiveCampaign/smtp-field-manual#65', '554 imta14.emeryville.ca.mail.comcast.net comcast 192.0.2.2'
     ' Comcast block for spam.', ('client-ip-blocklisted',), True),
    ('comcast', 'byalextran/southwest-checkin#5 (smtp.comcast.net)', '535 5.7.0 ...authentication rejected (1)',
     ('password-rejected',), True),
    # --- freenet.de: no reverse name for the connecting address (badoux/checkmail#5).
    ('freenet', 'badoux/checkmail#5', '550 inconsistent or no DNS PTR record for 192.0.2.1',
     ('client-ip-blocklisted',), True),

    # --- Tiscali: the login refused until the password is changed to a stronger one.
    ('tiscali', 'MailCore/mailcore2#1517 (mail.tiscali.it)', '535 5.7.0 authentication rejected: your password is'
     ' too simple', ('password-expired',), True),
]

# Texts as the program around the reply shows them: each names its source.
PASTED = [
    # Yahoo's POP3 server until the account is verified at login.yahoo.com: a web sign-in is needed, not a new
    # password (a POP3 account checker tells it apart from '-ERR Invalid login or password', id 26145100371 in the
    # code index: "if '-ERR Authentication failed. Please verify your account by going to' in rs_str").
    ("poplib.error_proto: b'-ERR Authentication failed. Please verify your account by going to'",
     ('web-login-required', 'account-locked')),
    # Amazon SES's refusal through Magento's transport (magepal/magento2-gmail-smtp-app#17).
    ("Zend_Mail_Protocol_Exception: Message rejected: Email address is not verified. The following identities failed"
     " the check in region US-EAST-1: abc@example.com", ('sender-address-not-allowed',)),
    # Amazon SES's refusal of an invalid SMTP credential in SwiftMailer's words (mautic/mautic#3704).
    ('Expected response code 235 but got code "535", with message "535 Authentication Credentials Invalid "',
     ('password-rejected',)),
    # Mailgun's sandbox refusal as Ruby's Net::SMTP raises it (zonque/AlRide#7).
    ("Net::SMTPFatalError (554 Sandbox subdomains are for test purposes only. Please add your own domain or add the"
     " address to authorized recipients in domain settings.", ('server-reply-permanent',)),
    # Free.fr's MX refusing an address without a matching reverse name, in Postfix's log (iredmail/iRedMail#156).
    ("Jan 23 05:33:49 host postfix/smtp[26267]: 4JfcKV3f3Bz1bwc: host mx2.free.fr[212.27.42.58] refused to talk to"
     " me: 421 Refused. Your reverse DNS entry does not resolve to an IP.", ('client-ip-blocklisted',)),
    # NetEase (163.com) with SMTP not switched on for the account (testerSunshine/12306#62: "登录邮箱设置一下开启smtp").
    ("SMTPAuthenticationError(550, 'User has no permission')",
     ('protocol-disabled-for-account', 'smtp-auth-not-enabled')),
    # OVH's hosted mail over its sending limit (aschroder/Magento-SMTP-Pro-Email-Extension#94, OVH Spain).
    ("Exception message was: sorry, too many emails (#5.7.1)", ('sending-limit-exceeded',)),
]


def _id(case: tuple) -> str:
    return f"{case[0]}: {case[2][:60]}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_documented_reply_with_its_codes(case: tuple) -> None:
    _provider, _source, reply, causes, _words_too = case
    assert top_cause(reply) in causes


@pytest.mark.parametrize("case", [c for c in CASES if c[2][:1].isdigit()], ids=_id)
def test_documented_reply_in_outlooks_error(case: tuple) -> None:
    _provider, _source, reply, causes, _words_too = case
    assert top_cause(in_outlooks_error(reply)) in causes


@pytest.mark.parametrize("case", [c for c in CASES if c[4]], ids=_id)
def test_documented_words_alone_in_thunderbirds_error(case: tuple) -> None:
    _provider, _source, reply, causes, _words_too = case
    assert top_cause(in_thunderbirds_error(reply)) in causes


@pytest.mark.parametrize(("text", "causes"), PASTED, ids=lambda v: v[:60] if isinstance(v, str) else None)
def test_pasted_provider_reply(text: str, causes: tuple) -> None:
    assert top_cause(text) in causes
