"""An account the provider has taken off sending after it sent too much mail or spam (the second rule of
rules/server-side/sending-limit-exceeded.yaml): Microsoft 365's Restricted entities ("550 5.1.8 Access denied,
bad outbound sender") and its 5.7.501 ban (status-codes.yaml vendor_details, reading sender-banned) are
sending-limit-exceeded, with the provider's own way out; the look-alikes -- 5.7.511, which bans the IP
address, Zoho's outgoing block, which account-locked reads, and the registry's 5.1.8 for a sender domain
that does not exist -- are not."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str):
    report = explain(text)
    assert report.top is not None
    return report.top


@pytest.mark.parametrize("text", [
    # The NDR Microsoft quotes on its page for restricted users (Remove blocked users from the Restricted
    # entities page, learn.microsoft.com defender-office-365/outbound-spam-restore-restricted-users).
    "Your message couldn't be delivered because you weren't recognized as a valid sender. The most common reason for"
    " this is that your email address is suspected of sending spam and it's no longer allowed to send email.  Contact"
    " your email admin for assistance. Remote Server returned '550 5.1.8 Access denied, bad outbound sender.'",
    # The reply alone, as a mail program shows it.
    "550 5.1.8 Access denied, bad outbound sender",
    # 5.7.501 as Exchange Online bounced it (an NDR pasted publicly, pastebin.com/xDUr7BjE).
    "Remote Server returned '550 5.7.501 Access denied, spam abuse detected. For more information please go to"
    " http://go.microsoft.com/fwlink/?LinkId=526653'",
    # Outlook.com's submission for an account its outbound spam filter blocked (nodemailer/nodemailer#1486).
    "554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException;",
    "Error: Message failed: 554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message"
    " due to a permanent exception [Hostname=AM0PR01MB1234.eurprd01.prod.outlook.com]",
])
def test_an_account_blocked_from_sending_is_named(text: str) -> None:
    report = top(text)
    assert report.cause == "sending-limit-exceeded"
    assert report.rule == "sending-limit-exceeded-restricted-sender"


def test_the_advice_is_microsofts_own() -> None:
    fix = " ".join(top("550 5.1.8 Access denied, bad outbound sender").fix)
    assert "Restricted entities" in fix and "Defender portal" in fix
    assert "24 hours" in fix
    assert "compromise" in fix
    assert "Microsoft support" in fix  # 5.7.501's way back


def test_a_tenant_over_its_threshold_is_told_to_ask_support() -> None:
    # 5.7.705 (learn.microsoft.com fix-error-code-5-7-700-through-5-7-750): the organisation's outgoing mail.
    report = top("550 5.7.705 Access denied, tenant has exceeded threshold")
    assert report.cause == "sending-limit-exceeded"
    assert any("5.7.705" in step and "Microsoft support" in step for step in report.fix)


@pytest.mark.parametrize(("text", "cause"), [
    # 5.7.511 bans the IP address ("The IP that you are attempting to send from has been banned"), as an Exim
    # bounce quoted it (pastebin.com/JEGXAxrE).
    ("SMTP error from remote server for RCPT TO command, host: example-com.mail.protection.outlook.com"
     " (192.0.2.74) reason: 550 5.7.511 Access denied, banned sender[192.0.2.197]. To request removal from this list"
     " please forward this message to delist@messaging.microsoft.com.", "client-ip-blocklisted"),
    # Zoho blocks outgoing mail for a suspicious login or a full mailbox as well as for spam.
    ("554 5.1.8 Email Outgoing Blocked.", "account-locked"),
])
def test_look_alikes_keep_their_causes(text: str, cause: str) -> None:
    assert top(text).cause == cause


def test_the_outbound_spam_exception_with_its_verdict_asks_for_a_web_check() -> None:
    # The WASCL verdict (HipNotify: a human check) wants the owner on the web first, not a wait.
    text = ("554 5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a"
            " permanent exception with message WASCL UserAction verdict is not None. Actual verdict is HipNotify,"
            " ShowTierUpgrade. [Hostname=TY2PR06MB3117.apcprd06.prod.outlook.com]")
    assert top(text).cause == "web-login-required"
