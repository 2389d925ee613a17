"""Google's (Gmail, Google Workspace and its SMTP relay service) and Yahoo's documented replies, with their codes and
as a mail program shows the words alone ("The server responded: ..."): each is read as the cause its
documentation gives (mailexpert/data/server-replies.yaml, the Gmail section; the rules named per case)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None



CASES = [
    # support.google.com/a/answer/6140680 (SMTP relay error messages): the relay's limits for the
    # organisation and the user (rules/server-side/sending-limit-exceeded.yaml).
    ("450 4.2.1 Peak SMTP relay limit exceeded for customer. This is a temporary error. - gsmtp",
     "sending-limit-exceeded"),
    ("The server responded: Peak SMTP relay limit exceeded for customer. This is a temporary error.",
     "sending-limit-exceeded"),
    ("550 5.7.1 Daily SMTP relay limit exceeded for customer. - gsmtp", "sending-limit-exceeded"),
    ("The server responded: Daily SMTP relay limit exceeded for customer.", "sending-limit-exceeded"),
    ("550 5.4.5 Daily SMTP relay limit exceeded for user. - gsmtp", "sending-limit-exceeded"),
    ("The server responded: Daily SMTP relay limit exceeded for user.", "sending-limit-exceeded"),
    # support.google.com/a/answer/3726730: '550 5.4.5 Daily sending quota exceeded.'
    ("550 5.4.5 Daily sending quota exceeded. - gsmtp", "sending-limit-exceeded"),
    ("The server responded: Daily sending quota exceeded.", "sending-limit-exceeded"),
    # support.google.com/a/answer/6140680: '550 5.7.0 Mail Sending denied', the sender account disabled or
    # not registered in the Workspace domain (rules/authentication/sender-address-not-allowed.yaml).
    ("550 5.7.0 Mail Sending denied. - gsmtp", "sender-address-not-allowed"),
    ("The server responded: Mail Sending denied.", "sender-address-not-allowed"),
    # support.google.com/a/answer/6140680: '550 5.7.1 Invalid credentials for relay', an address or domain the
    # relay setting does not register -- no password was given (rules/shared/relay-refused.yaml).
    ("550 5.7.1 Invalid credentials for relay. - gsmtp", "smtp-auth-not-enabled"),
    ("The server responded: Invalid credentials for relay.", "smtp-auth-not-enabled"),
    # support.google.com/a/answer/3726730: '421 4.7.0 IP not in whitelist for RCPT domain, closing connection.'
    # (rules/shared/client-ip-refused.yaml).
    ("421 4.7.0 IP not in whitelist for RCPT domain, closing connection. - gsmtp", "client-ip-blocklisted"),
    ("The server responded: IP not in whitelist for RCPT domain, closing connection.", "client-ip-blocklisted"),
    # support.google.com/a/answer/3726730: '421 4.7.0 TLS required for RCPT domain, closing connection.' and
    # '421 4.7.29 Your email has been rate limited because this message is not sent over TLS' -- not a login
    # throttle (rules/credentials/account-locked.yaml) but a connection without TLS.
    ("421 4.7.0 TLS required for RCPT domain, closing connection. - gsmtp", "auth-requires-tls"),
    ("The server responded: TLS required for RCPT domain, closing connection.", "auth-requires-tls"),
    ("421 4.7.29 Your email has been rate limited because this message is not sent over TLS. - gsmtp",
     "auth-requires-tls"),
    ("The server responded: Your email has been rate limited because this message is not sent over TLS.",
     "auth-requires-tls"),
    # support.google.com/a/answer/3726730: '550 5.7.25 The IP address sending this message does not have a PTR
    # record setup ...': the sending address, not the server's host name (rules/shared/client-ip-refused.yaml).
    ("550 5.7.25 [192.0.2.7] The IP address sending this message does not have a PTR record setup, or the"
     " corresponding forward DNS entry does not point to the sending IP. - gsmtp", "client-ip-blocklisted"),
    ("The server responded: The IP address sending this message does not have a PTR record setup, or the"
     " corresponding forward DNS entry does not point to the sending IP.", "client-ip-blocklisted"),
    # support.google.com/a/answer/3726730: replies no catalogued cause explains better than the bare refusal;
    # the words alone are read as the reply, not refused as unknown text.
    ("The server responded: No identity changes permitted.", "server-reply-permanent"),
    # Gmail closes a session that sends commands and no login: the client does not authenticate.
    ("The server responded: Too many unauthenticated commands.", "smtp-auth-not-enabled"),
    ("The server responded: Server busy, try again later.", "server-unavailable"),
    # The page's current wordings (support.google.com/a/answer/3726730, as updated since 2023).
    ("450 4.2.1 Peak SMTP relay limit exceeded for this customer. This is a temporary error. - gsmtp",
     "sending-limit-exceeded"),
    ("550 5.7.1 Daily SMTP relay sending limit exceeded for this customer. - gsmtp", "sending-limit-exceeded"),
    ("The server responded: Daily SMTP relay sending limit exceeded for this customer.", "sending-limit-exceeded"),
    ("550 5.7.0 Email sending denied. - gsmtp", "sender-address-not-allowed"),
    ("The server responded: Email sending denied.", "sender-address-not-allowed"),
    # The relay's spam policy: the account's sending is suspended (rules/server-side/sending-limit-exceeded.yaml),
    # not a refused relay for a client that did not log in.
    ("550 5.7.0 Email relay denied 192.0.2.7. The sending email account has been temporarily suspended due to"
     " abuse. - gsmtp", "sending-limit-exceeded"),
    ("The server responded: Email relay denied 192.0.2.7. The sending email account has been temporarily"
     " suspended due to abuse.", "sending-limit-exceeded"),
    ("421 4.7.29 Your email has been rate limited because you're not using a TLS connection. - gsmtp",
     "auth-requires-tls"),
    ("The server responded: Your email has been rate limited because you're not using a TLS connection.",
     "auth-requires-tls"),
    ("550 5.7.29 This message was blocked because it wasn't sent over a TLS connection. - gsmtp",
     "auth-requires-tls"),
    # 4.7.28 and the low-reputation refusals name the sending IP address or its netblock
    # (rules/shared/client-ip-refused.yaml).
    ("421 4.7.28 Gmail has detected an unusual rate of email originating from your IP address 192.0.2.7. To"
     " protect our users from spam, email sent from your IP address has been temporarily rate limited. - gsmtp",
     "client-ip-blocklisted"),
    ("421 4.7.28 Gmail has detected an unusual rate of unsolicited email originating from your IP Netblock"
     " 192.0.2.0. To protect our users from spam, email sent from your IP Netblock has been temporarily rate"
     " limited. - gsmtp", "client-ip-blocklisted"),
    ("550 5.7.1 This message is likely suspicious due to the very low reputation of the sending IP address. To"
     " best protect our users from spam, the message has been blocked. - gsmtp", "client-ip-blocklisted"),
    ("451 4.7.23 192.0.2.7 The sending IP address for this message doesn't have a PTR record, or the PTR record's"
     " forward DNS entry doesn't match the sending IP address. To protect users from spam, your email has been"
     " temporarily rate limited. - gsmtp", "client-ip-blocklisted"),
    # Yahoo and AOL (senders.yahooinc.com/smtp-error-codes, 'Message temporarily deferred (eg: TS* Errors)';
    # help.yahoo.com/kb/postmaster/SLN3326.html: unusual traffic from the sending IP address, its reputation):
    # the words alone are read as the temporary refusal of the sending address, as Gmail's 421 4.7.28 above.
    ("The server responded: Messages from 192.0.2.7 temporarily deferred due to unexpected volume or user"
     " complaints - 4.16.55.1", "client-ip-blocklisted"),
    ("The server responded: Messages from 192.0.2.7 temporarily deferred due to user complaints.",
     "client-ip-blocklisted"),
]


@pytest.mark.parametrize(("text", "cause"), CASES)
def test_google_reply_is_read_as_documented(text: str, cause: str) -> None:
    assert top(text) == cause


@pytest.mark.parametrize("text", [
    # 4.7.29 is no login throttle (the Gmail 454 4.7.0 'Too many login attempts' is).
    "421 4.7.29 Your email has been rate limited because this message is not sent over TLS. - gsmtp",
    # 'Invalid credentials for relay' names no password (support.google.com/a/answer/6140680).
    "The server responded: Invalid credentials for relay.",
    # The PTR words are about the sending address, not the server's name.
    "The server responded: The IP address sending this message does not have a PTR record setup.",
    # Gmail's sender-guideline deferrals rate-limit the mail, not the logins (support.google.com/a/answer/3726730).
    "421 4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message. Gmail"
    " requires all bulk email senders to authenticate their email with SPF. - gsmtp",
    "421 4.7.30 Your email has been rate limited because DKIM authentication didn't pass for this message. - gsmtp",
    "421 4.7.28 Gmail has detected an unusual rate of unsolicited email originating from your DKIM domain"
    " example.com. To protect our users from spam, email sent from your domain has been temporarily rate"
    " limited. - gsmtp",
])
def test_google_replies_are_not_misread(text: str) -> None:
    assert top(text) not in {"account-locked", "password-rejected", "server-host-unknown"}
