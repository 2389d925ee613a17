"""Providers named by their servers' own words, so that their documented policy decides a refused login: iCloud's
IMAP greeting (app-specific passwords), GMX's and WEB.DE's front ends (POP3/IMAP off until enabled), Yahoo's
reply code in K-9's error retyped by hand (app passwords); and K-9's retyped responses read as the reply they
are (mailexpert/data/providers.yaml ``replies``; mailexpert/replies.py ``_IMAP_K9_RETYPED``)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, named_provider_facts


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


ICLOUD_LOG = (
    "* OK [CAPABILITY st11p00mm-iscream022 15E205 XAPPLEPUSHSERVICE IMAP4 IMAP4rev1 SASL-IR AUTH=ATOKEN AUTH=PLAIN]"
    " iSCREAM ready to rumble (15E205-0982aaf890fd:18514) st11p00mm-iscream022 [04:19:14:31:21:53]\n"
    "1001 LOGIN \"jo\" *\n"
    "1001 NO [AUTHENTICATIONFAILED] Authentication failed")
GMX_POP3_LOG = (
    "+OK POP server ready H migmx027 0M8Bvu-1XYRm80CF0-00vllf\n"
    "USER jo@gmx.example\n"
    "+OK password required for user jo\n"
    "PASS xxx\n"
    "-ERR authentication failed")
WEBDE_IMAP_LOG = (
    "* OK [CAPABILITY IMAP4rev1 CHILDREN ENABLE ID IDLE AUTH=LOGIN AUTH=PLAIN] IMAP server ready H miweb111"
    " 2651323638 IMAP-0MTLMM-1bTdBH3nBH-00SFx2\n"
    "1 AUTHENTICATE PLAIN\n"
    "1 NO authentication failed")

CASES = [
    # iCloud: mail programs sign in with an app-specific password (support.apple.com/HT204397); its IMAP
    # greeting names it (lefcha/imapfilter#125, MailCore/mailcore2#1651).
    (ICLOUD_LOG, "app-password-required"),
    # GMX and WEB.DE keep POP3/IMAP off until enabled in the mailbox's settings (support.gmx.com pop-imap,
    # hilfe.web.de pop-imap): their front ends' names in a greeting name the provider.
    (GMX_POP3_LOG, "protocol-disabled-for-account"),
    (WEBDE_IMAP_LOG, "protocol-disabled-for-account"),
    # Yahoo's "#MBR1212" in K-9's response retyped by hand (thunderbird/thunderbird-android#1742): app passwords.
    ("Authenticate plain; response#1#no, authenticationfailed,mbr1212", "app-password-required"),
    # The same retyped form of an AUTHENTICATE mechanism the server does not take (k9mail/k9mail.app#80).
    ("command continuation aborted #2# no, authentication mechanism not supported, mate k9 plain failed",
     "auth-mechanism-unsupported"),
    # K-9's own form, its status in mixed case and without spaces, with Gmail's older web sign-in alert
    # (thunderbird/thunderbird-android#2381).
    ("username or password incorrect (command: *sensitive*; response: #3# [No,[ALERT],Please login via web browser:"
     " http://support.google.com/mail/accounts/answer/78754(Failure)])", "web-login-required"),
]


@pytest.mark.parametrize(("text", "cause"), CASES, ids=[f"case#{i}" for i in range(len(CASES))])
def test_provider_policy_decides_the_refused_login(text: str, cause: str) -> None:
    assert top(text) == cause, text


@pytest.mark.parametrize(("text", "provider"), [
    (ICLOUD_LOG, "iCloud Mail"),
    (GMX_POP3_LOG, "GMX"),
    (WEBDE_IMAP_LOG, "WEB.DE"),
    ("220 gmx.net (mrgmx004) Nemesis ESMTP Service ready", "GMX"),
    ("220 smtp.web.de (mrweb105) Nemesis ESMTP Service ready", "WEB.DE"),
])
def test_servers_words_name_the_provider(text: str, provider: str) -> None:
    assert [f.get("provider") for f in named_provider_facts(text)] == [provider]


@pytest.mark.parametrize("text", [
    # GMX's inbound MX hosts (mxgmx...) refuse mail from other servers: no account at GMX is named.
    "550 5.7.1 mxgmx117 Nemesis ESMTP Service not available; Requested action aborted: IP address blocked",
    # A plain refusal from a server that is neither.
    "1 NO authentication failed",
])
def test_other_words_name_no_provider(text: str) -> None:
    assert named_provider_facts(text) == []


def test_retyped_k9_form_needs_its_tag() -> None:
    """Without K-9's "#tag#" the same lower-case words are prose, not an IMAP status."""
    from mailexpert.replies import parse_reply

    assert parse_reply("no, authenticationfailed").get("status") is None
    assert parse_reply("response#1#no, authenticationfailed").get("status") == "no"
