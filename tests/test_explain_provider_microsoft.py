"""Microsoft's documented replies (Exchange Online / Microsoft 365, Outlook.com), with their codes and as a mail
program shows the words alone ("The server responded: ..."): each must name the cause Microsoft's own page gives.
The words alone are read through mailexpert/data/server-replies.yaml (its Microsoft 365 / Exchange section), the
codes through status-codes.yaml vendor_details and the rules."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

NDR = "learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online"
F700 = "learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/fix-error-code-5-7-700-through-5-7-750"
SUBMISSION = "learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission"

CASES = [
    # NDR: 5.1.8 'Access denied, bad outbound sender' (the account is blocked for sending spam).
    ("550 5.1.8 Access denied, bad outbound sender", "sending-limit-exceeded"),
    ("Access denied, bad outbound sender", "sending-limit-exceeded"),
    # NDR: 5.7.501 'Access denied, spam abuse detected' (the account is banned for the spam it sent).
    ("550 5.7.501 Access denied, spam abuse detected", "sending-limit-exceeded"),
    ("The server responded: Access denied, spam abuse detected", "sending-limit-exceeded"),
    # F700: 5.7.705 'Access denied, tenant has exceeded threshold' (the organisation's outgoing mail is blocked).
    ("550 5.7.705 Access denied, tenant has exceeded threshold", "sending-limit-exceeded"),
    ("Access denied, tenant has exceeded threshold", "sending-limit-exceeded"),
    # F700: 5.7.708 'Access denied, traffic not accepted from this IP' (a low-reputation sending address).
    ("550 5.7.708 Access denied, traffic not accepted from this IP", "client-ip-blocklisted"),
    ("Access denied, traffic not accepted from this IP", "client-ip-blocklisted"),
    # F700 and NDR: 5.7.750 'Service unavailable. Client blocked from sending from unregistered domains' (add and
    # validate every domain the tenant sends from).
    ("550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains", "sender-address-not-allowed"),
    ("Service unavailable. Client blocked from sending from unregistered domains", "sender-address-not-allowed"),
    # NDR: 5.1.90 'Your message can't be sent because you've reached your daily limit for message recipients'.
    ("550 5.1.90 Your message can't be sent because you've reached your daily limit for message recipients",
     "sending-limit-exceeded"),
    ("Your message can't be sent because you've reached your daily limit for message recipients", "sending-limit-exceeded"),
    # NDR: 5.2.2 'Submission quota exceeded' (the recipient or message rate limit; the registry's 5.2.2 is a full
    # mailbox, so only the words say it).
    ("554 5.2.2 Submission quota exceeded", "sending-limit-exceeded"),
    ("Submission quota exceeded", "sending-limit-exceeded"),
    # learn.microsoft.com .../fix-error-for-submission-quota-exceeded-in-exchange-online.
    ("The message can't be submitted because the sender's submission quota was exceeded", "sending-limit-exceeded"),
    # SUBMISSION: 5.7.139 with security defaults, which block basic authentication.
    ("535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy."
     " Contact your administrator.", "basic-auth-disabled"),
    ("Authentication unsuccessful, user is locked by your organization's security defaults policy."
     " Contact your administrator.", "basic-auth-disabled"),
    # SUBMISSION: 5.7.139 refused by a Conditional Access policy.
    ("535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully."
     " Contact your administrator.", "basic-auth-disabled"),
    ("Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully."
     " Contact your administrator.", "basic-auth-disabled"),
    # Microsoft 365 (aka.ms/concurrent_sending): too many SMTP connections open at once for one mailbox.
    ("432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information.",
     "too-many-connections"),
    ("Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information.",
     "too-many-connections"),
    # Outlook.com S775, as sisimai/p5-sisimai:lib/Sisimai/Rhost/Microsoft.pm quotes it: the sending address is
    # throttled for its reputation, not a login.
    ("451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation. For e-mail"
     " delivery information, see https://postmaster.live.com (S775)", "client-ip-blocklisted"),
    ("The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation. For e-mail delivery"
     " information, see https://postmaster.live.com (S775)", "client-ip-blocklisted"),
    # NDR: 5.7.520 'Access denied, Your organization does not allow external forwarding' (no specific cause: the
    # words must still be read as Microsoft's refusal, not declined).
    ("550 5.7.520 Access denied, Your organization does not allow external forwarding. Please contact your"
     " administrator for further assistance. AS(7555)", "server-reply-permanent"),
    ("Access denied, Your organization does not allow external forwarding. Please contact your administrator for"
     " further assistance.", "server-reply-permanent"),
    # NDR: 5.7.1 'Unable to relay' (Exchange: a client that may not relay, as an anonymous one).
    ("550 5.7.1 Unable to relay", "smtp-auth-not-enabled"),
    ("The server responded: Unable to relay", "smtp-auth-not-enabled"),
    # NDR: 5.7.506 'Access Denied, Bad HELO' (the client names itself as the server it connects to).
    ("550 5.7.506 Access Denied, Bad HELO", "helo-name-rejected"),
    ("Access Denied, Bad HELO", "helo-name-rejected"),
    # NDR: 5.7.507 'Access denied, rejected by recipient' and 5.7.513 '... using Customer Block list': the
    # recipient's organisation blocks the sending IP address.
    ("550 5.7.507 Access denied, rejected by recipient", "client-ip-blocklisted"),
    ("550 5.7.513 Service unavailable, Client host [192.0.2.1] blocked by contoso.com using Customer Block list"
     " (AS16012607)", "client-ip-blocklisted"),
    # NDR: 5.7.508, an IPv6 range over its rate.
    ("550 5.7.508 Access denied, [2001:db8::1] has exceeded permitted limits within /64 range", "sending-limit-exceeded"),
    # NDR: 5.2.121, too many messages from one sender to one recipient in an hour.
    ("550 5.2.121 Recipient's per hour message receive limit from specific sender exceeded", "sending-limit-exceeded"),
    ("Recipient's per hour message receive limit from specific sender exceeded", "sending-limit-exceeded"),
    # NDR: 5.7.512, no valid From header (no specific cause; the words are still Microsoft's refusal).
    ("Access denied, message must be RFC 5322 section 3.6.2 compliant", "server-reply-permanent"),
    # The recipient's own restrictions (NDR 5.7.12, 5.7.124, 5.7.133), read as the recipient's refusal, with their
    # codes or without.
    ("550 5.7.12 RESOLVER.RST.SenderNotAuthenticatedForOrganization; Sender was not authenticated by organization",
     "server-reply-permanent"),
    ("Sender was not authenticated by organization", "server-reply-permanent"),
    ("Sender not authenticated for group", "server-reply-permanent"),
    ("Sender not in allowed-senders list", "server-reply-permanent"),
]


@pytest.mark.parametrize(("text", "cause"), CASES)
def test_microsofts_documented_reply_names_its_cause(text: str, cause: str) -> None:
    report = explain(text)
    assert report.top is not None, text
    assert report.top.cause == cause, (text, report.top.cause, report.top.rule)


@pytest.mark.parametrize(("words", "code"), [
    ("Access denied, tenant has exceeded threshold", "5.7.705"),
    ("Submission quota exceeded", "5.2.2"),
    ("Access denied, Your organization does not allow external forwarding.", "5.7.520"),
])
def test_the_words_alone_carry_microsofts_code(words: str, code: str) -> None:
    # The words are read as the reply they come from, so the report names the code Microsoft sends them with.
    report = explain(words)
    assert report.top is not None
    assert any(code in (fact.get("enhanced") or "") for fact in report.top.evidence), report.top.evidence
