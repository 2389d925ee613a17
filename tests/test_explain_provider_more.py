"""The documented replies of more providers, ESPs and web hosts (cPanel's Exim, ...), each with its codes as
the provider sends it and as the words alone a client shows ("The mail server responded: ..."): each is read as
the cause the provider's own documentation gives it, not as a bare refusal or a declined text. Also: SMTP2GO,
SocketLabs, GoDaddy's IB codes, MailChannels (the outbound relay of many web hosts),
Webcentral's cPanel hosting, Yandex's spam blocks, Alibaba Mail's sending limits, Emailit's rate limit."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


CASES = [
    # cPanel's Exim: the domain's hourly sending limit and its limit of failed or deferred messages per hour
    # (https://docs.cpanel.net/whm/server-configuration/tweak-settings/, Mail: 'Max hourly emails per domain',
    # 'Maximum percentage of failed or deferred messages a domain may send per hour').
    ("Error: Mail command failed: 550 Domain example.com has exceeded the max emails per hour (100/100 (100%)) allowed."
     " Message discarded.", "sending-limit-exceeded"),
    ("Domain example.com has exceeded the max emails per hour (3/2 (150%)) allowed. Message discarded.",
     "sending-limit-exceeded"),
    ("The mail server responded: Domain example.com has exceeded the max emails per hour (2/2 (100%)) allowed. Message"
     " will be reattempted later", "sending-limit-exceeded"),
    ("550 Domain example.com has exceeded the max defers and failures per hour (5/5 (100%)) allowed. Message discarded.",
     "sending-limit-exceeded"),
    ("enforce_mail_permissions: Domain example.com has exceeded the max defers and failures per hour (5/5 (100%))"
     " allowed. Message discarded.", "sending-limit-exceeded"),
    # SMTP2GO: the From address is at a domain (or is a single sender) not verified for the account
    # (https://support.smtp2go.com/hc/en-gb/articles/13990494697369-Common-Sending-Errors; PHPMailer/PHPMailer#2683).
    ("SMTP ERROR: DATA END command failed: 550-From header sender domain not verified.550-On your Settings > Sender"
     " Domains page550 verify the sender domain to be allowed to send.", "sender-address-not-allowed"),
    ("smtplib.SMTPDataError: (550, b'From header sender domain not verified')", "sender-address-not-allowed"),
    ("The mail server responded: From header sender domain not verified. On your Settings > Sender Domains page verify"
     " the sender domain to be allowed to send.", "sender-address-not-allowed"),
    # SocketLabs: a sender address at a domain not on the account's verified Sending Domains
    # (https://help.socketlabs.com/docs/verified-sending-domains).
    ("554 5.1.0 The Sender's Address Was Not Allowed", "sender-address-not-allowed"),
    ("The server responded: The Sender's Address Was Not Allowed", "sender-address-not-allowed"),
    # SocketLabs: the connecting address refused for minutes after many errors
    # (https://help.socketlabs.com/docs/421-451-too-many-errors-you-have-been-temporarily-blacklisted).
    ("421 4.5.1 Too many errors, you have been temporarily blacklisted", "client-ip-blocklisted"),
    ("The mail server responded: Too many errors, you have been temporarily blacklisted", "client-ip-blocklisted"),
    # Emailit's SMTP relay: the account's rate limit (https://emailit.com/docs/smtp/troubleshooting).
    ("Error: Mail command failed: 452 4.4.5 Messages per second limit exceeded", "sending-limit-exceeded"),
    ("The mail server responded: Messages per second limit exceeded", "sending-limit-exceeded"),
    # GoDaddy (secureserver.net) and its IB codes (https://www.godaddy.com/help/fix-rejected-email-with-a-bounce-error-40685,
    # as sisimai/rb-sisimai:lib/sisimai/rhost/godaddy.rb lists them): IB401 a login on its inbound servers (the
    # outgoing server is smtpout.secureserver.net), not a wrong password.
    ("535 Authentication not allowed on IBSMTP Servers. IB401", "mx-host-used-for-submission"),
    ("The mail server responded: Authentication not allowed on IBSMTP Servers. IB401", "mx-host-used-for-submission"),
    # IB501, IB502, IB506: the From address is blank, an IP address, or at a domain without MX or address records.
    ("550 jane@example.com Blank From: addresses are not allowed. Provide a valid From. IB501",
     "sender-address-not-allowed"),
    ("The mail server responded: Blank From: addresses are not allowed. Provide a valid From. IB501",
     "sender-address-not-allowed"),
    ("550 jane@example.com IP addresses are not allowed as a From: Address. Provide a valid From. IB502",
     "sender-address-not-allowed"),
    ("550 example.com From: Domain is invalid. Provide a valid From: IB506", "sender-address-not-allowed"),
    ("The mail server responded: example.com From: Domain is invalid. Provide a valid From: IB506",
     "sender-address-not-allowed"),
    # IB110-IB113: the sending address blocked for an hour or the day, for spam content or invalid recipients
    # (not the message's content: every message from the address meets it).
    ("554 This IP has been temporarily blocked for attempting to send too many messages containing content judged to be"
     " spam by the Internet community. IB110", "client-ip-blocklisted"),
    ("554 This IP has been blocked for the day, for attempting to send too many messages containing content judged to"
     " be spam by the Internet community. IB111", "client-ip-blocklisted"),
    ("554 This IP has been temporarily blocked for attempting to mail too many invalid recipients. IB112",
     "client-ip-blocklisted"),
    ("The mail server responded: This IP has been blocked for the day, for attempting to mail too many invalid"
     " recipients. IB113", "client-ip-blocklisted"),
    # IB607: the most recipients an address may reach in an hour.
    ("550 This IP has sent too many to too many recipients this hour. IB607", "sending-limit-exceeded"),
    ("The mail server responded: This IP has sent too many to too many recipients this hour. IB607",
     "sending-limit-exceeded"),
    # MailChannels: the account's sending rate rose suddenly
    # (https://support.mailchannels.com/hc/en-us/articles/200897270-Fixing-the-550-5-7-1-STF-Sending-too-fast-error),
    # and the account blocked after spam or complaints, most often a stolen password
    # (https://support.mailchannels.com/hc/en-us/articles/202222810-Fixing-the-550-5-7-1-SB01-error).
    ("550 5.7.1 [STF] Sending too fast. Please see https://support.mailchannels.com/hc/en-us/articles/200897270",
     "sending-limit-exceeded"),
    ("The mail server responded: [STF] Sending too fast", "sending-limit-exceeded"),
    ("550 5.7.1 [SB01] Your email address has been blocked due to complaints", "sending-limit-exceeded"),
    ("The mail server responded: [SB01] Your email address has been blocked due to complaints",
     "sending-limit-exceeded"),
    # Webcentral's / TPP Wholesale's cPanel hosting: the mailbox's messages of the day used up
    # (https://support.webcentral.au/docs/email-sending-restrictions).
    ("550 Daily limit has been exceeded for me@example.com", "sending-limit-exceeded"),
    ("The mail server responded: Daily limit has been exceeded for me@example.com", "sending-limit-exceeded"),
    # Yandex: a source of spam refused for 24 hours (https://yandex.com/support/mail/bounces/yandex.html), and a mailbox
    # whose sending looks like spam held back (https://yandex.com/support/mail/web/letter/create/troubleshooting.html).
    ("554 5.7.1 Blocked by spam statistics", "client-ip-blocklisted"),
    ("The mail server responded: Blocked by spam statistics", "client-ip-blocklisted"),
    ("451 4.7.1 Spam limit exceeded", "sending-limit-exceeded"),
    ("The mail server responded: Spam limit exceeded", "sending-limit-exceeded"),
    # Alibaba Mail's reply list (https://help.aliyun.com/document_detail/36612.html): the recipients of the day used up
    # (a 504 that names RCPT, not an AUTH mechanism), the sending rate over its limit, the sending behaviour held back
    # as spam, a sender address that is none of the server's accounts.
    ("504 the number of RCPT attempts is achieved the maximum threshold", "sending-limit-exceeded"),
    ("smtplib.SMTPRecipientsRefused: {'bob@example.org': (504, b'the number of RCPT attempts is achieved the maximum"
     " threshold')}", "sending-limit-exceeded"),
    ("505 the total of RCPTs is achieved the maximum threshold", "sending-limit-exceeded"),
    ("The mail server responded: the total of RCPTs is achieved the maximum threshold", "sending-limit-exceeded"),
    # A provider's policy that counts recipients per 24 hours (deltachat/deltachat-core#647): the count after "limit of"
    # is no reply code.
    ("SMTP failed to set data: Transaction failed: 5.7.1 <DATA>: Data command rejected: limit of 400 rcpts per 24 hours"
     " for client alice@example.org reached", "sending-limit-exceeded"),
    ("554 5.7.1 <DATA>: Data command rejected: limit of 400 rcpts per 24 hours for client alice@example.org reached",
     "sending-limit-exceeded"),
    ("554 Reject by behaviour spam", "sending-limit-exceeded"),
    ("454 Transient reject by behaviour spam", "sending-limit-exceeded"),
    ("The mail server responded: Reject by behaviour spam", "sending-limit-exceeded"),
    ('501 "MAIL FROM" is non-local account', "sender-address-not-allowed"),
    ('The mail server responded: "MAIL FROM" is non-local account', "sender-address-not-allowed"),
]


@pytest.mark.parametrize(("text", "cause"), CASES, ids=[f"case#{i}" for i in range(len(CASES))])
def test_provider_reply_names_its_documented_cause(text: str, cause: str) -> None:
    assert top(text) == cause, text
