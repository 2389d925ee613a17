"""A sending limit, in the words providers and mail servers answer with when an account (or a client
address) has sent more than it may for now (tests/corpus/collected-quota.yaml and the sources named in
rules/server-side/sending-limit-exceeded.yaml): it is read as sending-limit-exceeded, not as the bare
permanent or temporary refusal, a refused password or a server fault; and the near misses -- the
recipient's full mailbox, the recipient's own receiving rate, a login throttle, a temporary failure that
names no limit -- are not."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


@pytest.mark.parametrize("text", [
    # Gmail, through a Dart mailer's exception (onepub-dev/onepub#543).
    "dev.onepub.util.internet.email.EmailException: 550-5.4.5 Daily user sending limit exceeded. For more information on"
    " Gmail 550-5.4.5 sending limits go to 550 5.4.5 https://support.google.com/a/answer/166852"
    " d75a77b69052e-4535f85b3d9sm7257481cf.29 - gsmtp",
    # Microsoft 365's SMTP AUTH quota and its recipient rate limit by its code.
    "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException",
    "'550 5.1.90 Your message can't be sent because you've reached your daily limit for message recipients'",
    # Exchange's submission rate, with its codes and (Jakarta Mail's words) without them.
    'activityCould not send activity mail to: <Name Surname1 Surname2> (Expected response code 250 but got code "421",'
    ' with message "421 4.4.2 Message submission rate for this client has exceeded the configured limit")',
    'Error: "Message submission rate for this client has exceeded the configured limit - SMTPSendFailedException"',
    # Amazon SES, its rate and its daily quota.
    "Net::SMTPServerBusy: 454 Throttling failure: Maximum sending rate exceeded.",
    '<?xml version="1.0" encoding="UTF-8"?> <error> <name>Net::SMTPServerBusy</name> <message>454 Throttling failure:'
    " Daily message quota exceeded. </message> </error>",
    # Mailu's rate limit, worded as a refused login (not a wrong password).
    "SASL login name rejected: You are sending too many emails too fast.",
    # Zoho's block after unusual sending.
    'Swift_TransportException: Expected response code 250 but got code "550", with message "550 5.4.6 Unusual sending'
    " activity detected. <a href=https://www.zoho.com/mail/help/usage-policy.html target=_blank>Learn more.</a>\"",
    # A free host's daily count in Thunderbird's words; NetEase's MI:STC; rspamd's ratelimit in mailcow.
    "An Outgoing server (SMTP) error occurred while sending mail. The server responded:  5.7.1 <DATA>: Data command"
    " rejected: only 10 messages per day",
    "(ssl://smtphz.qiye.163.com:994) DATA - 554 5.5.0 MI:STC .For more information, please visit xxxxxx",
    'message sending failed: 4.7.1 Ratelimit "user" exceeded (451)',
    # Postfix's anvil limits on one client.
    "said: 450 4.7.1 Error: too much mail from 192.0.2.7 (in reply to MAIL FROM command)",
    "450 4.7.1 Error: too many recipients from 192.0.2.7",
    # Its count of recipients in one message (smtpd_recipient_limit): RFC 5321 section 4.5.3.1.10's 452 "Too many
    # recipients", the server's limit per message, which the sender meets by sending to fewer at a time.
    "452 4.5.3 Error: too many recipients",
    # The same servers' words quoted without their codes (server-replies.yaml gives them back).
    "The mail server responded: Daily user sending quota exceeded.",
    "Unusual sending activity detected. Learn more.",
    "Sending failed: Error: too many recipients from 192.0.2.1",
    # A sending rate per second or minute (Mailtrap's plans), as Symfony Mailer wraps the refusal of DATA.
    'Expected response code "354" but got code "550", with message "550 5.7.0 Too many emails per second. Please'
    ' upgrade your plan https://mailtrap.example/billing/plans/testing".',
    "451 4.7.1 Too many messages per minute from this account, try again later",
    "Throttling failure: Daily message quota exceeded.",
    # Plesk's outgoing-mail limit (zotonic/zotonic#3508).
    "554 5.7.0 Your message could not be sent. The limit on the number of allowed outgoing messages was exceeded."
    " Try again later.",
    # A daily or hourly limit named in any order, with its codes or as the client's words alone
    # (Netfabric's help page on sending problems: the account's daily recipients used up).
    "550 daily limit exceeded",
    "451 4.7.1 Hourly sending limit reached for this account",
    "MAX RCPT TO DAILY LIMIT",
])
def test_a_sending_limit_is_named(text: str) -> None:
    assert top(text) == "sending-limit-exceeded"


@pytest.mark.parametrize("text", [
    # The recipient's mailbox is full: the recipient's side.
    "452 4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to"
    " https://support.google.com/mail/?p=OverQuotaTemp",
    # The recipient receives too fast: the recipient's limit, not the sender's.
    "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages"
    " from being delivered. Please resend your message at a later time.",
    # A login throttle.
    "454 4.7.0 Too many login attempts, please try again later. - gsmtp",
    # A temporary failure that names no limit.
    "451 4.3.0 Temporary local problem, please try again later",
    # Limits per hour of connections and of login attempts: those causes', not the sending limit.
    "421 too many connections per hour from your IP",
    "Too many login attempts per hour, try again later",
    # A daily limit on attachments is about the message, not the account's sending.
    "554 Daily limit on attachments reached",
])
def test_near_misses_are_not_a_sending_limit(text: str) -> None:
    assert top(text) != "sending-limit-exceeded"


def test_the_advice_names_the_reset_and_a_bulk_service() -> None:
    report = explain("550 5.4.5 Daily user sending quota exceeded. j37sm5180744wre.54 - gsmtp")
    assert report.top is not None and report.top.cause == "sending-limit-exceeded"
    steps = " ".join(report.top.fix)
    assert "24 hours" in steps and "transactional mail service" in steps and "spam" in steps


def test_a_daily_limit_with_nothing_of_mail_is_declined() -> None:
    # A web API's quota (Google APIs' 'Daily Limit Exceeded') names no mail: not read as a mail server's limit.
    from mailexpert.errors import InputError
    with pytest.raises(InputError):
        explain("Daily Limit Exceeded")
