"""The documented replies of European and Asian mailbox providers (GMX, WEB.DE, IONOS, T-Online, QQ Mail,
NetEase) and of the transactional relays apps send through (Amazon SES, SendGrid, SparkPost, Brevo), each with its codes as the provider sends it and as the words alone
a client shows ("The mail server responded: ..."): each is read as the cause the provider's own documentation
gives it, not as a bare refusal, a wrong password or a certificate problem."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


CASES = [
    # Amazon SES: the account's sending paused or suspended for its bounce or complaint rate
    # (https://repost.aws/knowledge-center/ses-resolve-account-review-pause).
    ("554 Message rejected: Sending paused for this account. For more information, please check the inbox of the"
     " email address associated with your AWS account.", "sending-limit-exceeded"),
    ("SMTP Error: data not accepted.SMTP server error: DATA END command failed Detail: Message rejected: Sending paused"
     " for this account. For more information, please check the inbox of the email address associated with your AWS"
     " account. SMTP code: 554", "sending-limit-exceeded"),
    ("The mail server responded: Message rejected: Sending paused for this account.", "sending-limit-exceeded"),
    ("554 Message rejected: Sending suspended for this account.", "sending-limit-exceeded"),
    ("The mail server responded: Message rejected: Sending suspended for this account.", "sending-limit-exceeded"),
    # Amazon SES: the SMTP credentials' IAM user may not send as that identity
    # (https://docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html).
    ("Expected response code 250 but got code \"554\", with message \"554 Access denied: User"
     " `arn:aws:iam::123456789012:user/ses-smtp-user.20180131-111111' is not authorized to perform `ses:SendRawEmail'"
     " on resource `arn:aws:ses:us-west-2:123456789012:identity/me@example.com'\"", "sender-address-not-allowed"),
    ("The server responded: Access denied: User `arn:aws:iam::123456789012:user/ses-smtp' is not authorized to perform"
     " `ses:SendRawEmail' on resource `arn:aws:ses:us-east-1:123456789012:identity/example.com'",
     "sender-address-not-allowed"),
    # SendGrid's SMTP error table
    # (https://sendgrid.com/docs/for-developers/sending-email/smtp-errors-and-troubleshooting/).
    ("403 You are not authorized to send from that email address", "sender-address-not-allowed"),
    ("The mail server responded: You are not authorized to send from that email address",
     "sender-address-not-allowed"),
    ("451 Authentication failed: Maximum credits exceeded", "sending-limit-exceeded"),
    ("postfix/smtp[1234]: 4F1B23C04D: to=<bob@example.org>, relay=none, delay=4642, dsn=4.0.0, status=deferred"
     " (delivery temporarily suspended: SASL authentication failed; server smtp.sendgrid.net[192.0.2.9] said:"
     " 451 Authentication failed: Maximum credits exceeded)", "sending-limit-exceeded"),
    ("The mail server responded: Authentication failed: Maximum credits exceeded", "sending-limit-exceeded"),
    # IONOS's MX servers (https://www.ionos.de/hilfe/e-mail/postmaster/smtp-fehlermeldungen-der-ionos-mailserver/):
    # too many messages too fast; the sending IP blocked for its delivery rate; a sender domain without MX or A.
    ("421 Rate limit reached. Please try again later", "sending-limit-exceeded"),
    ("The mail server responded: Rate limit reached. Please try again later", "sending-limit-exceeded"),
    ("421 Reject due to policy violations", "client-ip-blocklisted"),
    ("The mail server responded: Reject due to policy violations", "client-ip-blocklisted"),
    ("550 invalid DNS MX or A/AAAA resource record", "sender-address-not-allowed"),
    ("The mail server responded: invalid DNS MX or A/AAAA resource record", "sender-address-not-allowed"),
    # GMX / WEB.DE: the connecting address has no valid reverse DNS name (https://postmaster.gmx.com/en/error-messages).
    ("554-No SMTP service 554-Bad DNS PTR resource record. 554 For explanation visit"
     " https://postmaster.gmx.net/en/case?c=r0301", "client-ip-blocklisted"),
    ("The mail server responded: Bad DNS PTR resource record.", "client-ip-blocklisted"),
    # T-Online refuses an address of bad or unknown reputation in place of its greeting
    # (https://postmaster.t-online.de/index.en.html, 4.7).
    ("host mx02.t-online.de[194.25.134.9] refused to talk to me: 554 IP=192.0.2.1 - A problem occurred. (Ask your"
     " postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)", "client-ip-blocklisted"),
    ("The mail server responded: IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact"
     " tosa@rx.t-online.de to clarify.)", "client-ip-blocklisted"),
    # SparkPost: the From domain is not a configured sending domain
    # (https://support.sparkpost.com/docs/user-guide/unconfigured-sending-domain).
    ("postfix/smtp[1234]: 4F1B23C04D: to=<bob@example.org>, relay=smtp.sparkpostmail.com[54.69.234.221]:587,"
     " delay=0.92, dsn=5.7.1, status=bounced (host smtp.sparkpostmail.com[54.69.234.221] said: 550 5.7.1"
     " Unconfigured Sending Domain <app.example.com> (in reply to end of DATA command))", "sender-address-not-allowed"),
    ("The mail server responded: Unconfigured Sending Domain <app.example.com>", "sender-address-not-allowed"),
    # Brevo: a login from an address not on the account's authorised IPs (help.brevo.com, authorized IPs).
    ("Error: Invalid login: 525 5.7.1 Unauthorized IP address", "client-ip-blocklisted"),
    ("The mail server responded: Unauthorized IP address", "client-ip-blocklisted"),
    # Orange / La Poste: code 103 after "Service refuse" refuses the connecting address (Orange's postmaster help,
    # as sisimai/p5-sisimai:lib/Sisimai/Rhost/FrancePTT.pm lists its codes).
    ("host smtp-in.orange.fr[193.252.22.65] refused to talk to me: 550 mwinf5c10 ME Service refuse. Veuillez essayer"
     " plus tard. Service refused, please try later. OFR006_103 192.0.2.1 [103]", "client-ip-blocklisted"),
    # Spectrum (Charter): its AUP codes (https://www.spectrum.net/support/internet/understanding-email-error-codes).
    ("550 5.1.0 <me@charter.net> sender rejected. Refer to Error Codes section at"
     " https://www.spectrum.net/support/internet/understanding-email-error-codes for more information. AUP#O-1010",
     "sending-limit-exceeded"),
    ("550 5.7.1 <me@charter.net>: sender rejected. Refer to Error Codes section at"
     " https://www.spectrum.net/support/internet/understanding-email-error-codes for more information. AUP#O-1500",
     "sender-address-not-allowed"),
    ("554 5.7.1 192.0.2.1 rejected. Refer to Error Codes section at"
     " https://www.spectrum.net/support/internet/understanding-email-error-codes for more information. AUP#I-1000",
     "client-ip-blocklisted"),
    # Cox: its AUP codes (https://www.cox.com/business/support/email-error-codes.html).
    ("554 5.7.1 cox.net 192.0.2.1 blocked. Refer to https://www.cox.com/internet/support/email-error-codes AUP#CXBL",
     "client-ip-blocklisted"),
    ("550 5.7.1 Email sending limited due to suspicious account activity. AUP#CXTHRT", "sending-limit-exceeded"),
    # QQ Mail's reply list (https://service.mail.qq.com/detail/122/174; sisimai/rb-sisimai:lib/sisimai/rhost/tencentqq.rb).
    ("550 Sender frequency limited [ZSmj6Bh4JxkRmF2sN2Vo==.17081S2] http://service.mail.qq.com/cgi-bin/help?subtype=1"
     "&&id=20022&&no=1000722", "sending-limit-exceeded"),
    ("The mail server responded: Sender frequency limited", "sending-limit-exceeded"),
    ("550 Suspected spam ip [192.0.2.1] http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000725",
     "client-ip-blocklisted"),
    ("The mail server responded: Suspected spam ip", "client-ip-blocklisted"),
    # AT&T's MX refusing a listed address (its error summary; the form its servers send).
    ("553 5.3.0 alph731 DNSBL:RBL 521< 192.0.2.1 >_is_blocked.For assistance forward this error to"
     " abuse_rbl@abuse-att.net", "client-ip-blocklisted"),
    # QQ Mail / NetEase (Coremail): MAIL FROM from a client that did not log in.
    ("smtplib.SMTPSenderRefused: (503, b'Error: need EHLO and AUTH first !', 'me@qq.com')", "smtp-auth-not-enabled"),
    ("The server responded: Error: need EHLO and AUTH first !", "smtp-auth-not-enabled"),
]


@pytest.mark.parametrize(("text", "cause"), CASES, ids=[f"case#{i}" for i in range(len(CASES))])
def test_provider_reply_names_its_documented_cause(text: str, cause: str) -> None:
    assert top(text) == cause, text


@pytest.mark.parametrize("text", [
    # The same words from a web API, with nothing about mail beside them, are no mail server's reply.
    "GitHub API rate limit reached. Please try again later.",
])
def test_the_words_of_other_services_are_not_read_as_mail(text: str) -> None:
    try:
        cause = top(text)
    except InputError:  # explain declines a text it does not recognise
        cause = None
    assert cause != "sending-limit-exceeded"
