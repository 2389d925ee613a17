"""The documented replies of European mailbox providers (GMX, WEB.DE, IONOS) and of the transactional relays
apps send through (Amazon SES, SendGrid), each with its codes as the provider sends it and as the words alone
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
