"""Providers named by their servers' own words, so that their documented policy decides a refused login: iCloud's
IMAP greeting (app-specific passwords), GMX's and WEB.DE's front ends (POP3/IMAP off until enabled), Yahoo's
reply code in K-9's error retyped by hand (app passwords); and K-9's retyped responses read as the reply they
are (mailexpert/data/providers.yaml ``replies``; mailexpert/replies.py ``_IMAP_K9_RETYPED``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from mailexpert import providers
from mailexpert.api import diagnose_facts
from mailexpert.explain import explain, named_provider_facts
from mailexpert.facts import fact
from mailexpert.providers import Provider, builtin


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
    assert [f.get("provider") for f in named_provider_facts(text) if f.kind == "provider.policy"] == [provider]


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


# One documented order per provider (mailexpert/data/providers.yaml `refused_login`): what a bare refusal of a
# password login at the provider's own server most likely means today, and what next. The report reads it
# (mailexpert/refusalorder.py): these tests hold the ranking to the data, and show that it is read from there.
# Each protocol's refusal is put in the words generic servers use, the host named as a mail program names it.
def _refusal(protocol: str, host: str) -> str:
    return {
        "imap": f"Login to {host} failed: a1 NO [AUTHENTICATIONFAILED] Authentication failed.",
        "pop3": f"Login to {host} failed: -ERR authentication failed",
        "smtp": f"SMTP login to {host} failed: 535 5.7.8 Error: authentication failed",
    }[protocol]


# The same refusal as a probe records it, for a fact bundle.
_LOGIN = {
    "imap": {"port": 993, "response_code": "AUTHENTICATIONFAILED", "text": "Authentication failed."},
    "pop3": {"port": 995, "response_code": "AUTH", "text": "Authentication failed."},
    "smtp": {"port": 587, "code": 535, "enhanced": "5.7.8", "text": "Error: authentication failed"},
}


def _orders() -> list[tuple[Provider, str, str, tuple[str, ...]]]:
    out = []
    for provider in builtin():
        hosts = {s.protocol: s.host for s in reversed(provider.servers)}  # each protocol's preferred server
        for protocol, order in provider.refused_login:
            host = hosts.get(protocol)
            if host is None or host.startswith("127."):
                continue  # no server of its own, or a local bridge: no host that names the provider
            out.append((provider, protocol, host, order))
    return out


ORDERS = _orders()
IDS = [f"{p.id}-{protocol}" for p, protocol, _, _ in ORDERS]


def test_every_provider_with_a_policy_states_its_order() -> None:
    for provider in builtin():
        if provider.oauth_required or provider.app_password_required or provider.protocols_disabled_by_default:
            assert provider.refused_login, provider.id


def test_every_order_names_known_causes_once() -> None:
    from mailexpert.causes import cause_catalogue

    known = cause_catalogue()
    for provider in builtin():
        for protocol, order in provider.refused_login:
            assert len(set(order)) == len(order) >= 2 and all(c in known for c in order), (provider.id, protocol)


@pytest.mark.parametrize(("provider", "protocol", "host", "order"), ORDERS, ids=IDS)
def test_a_bare_refusal_at_a_provider_follows_its_documented_order(provider: Provider, protocol: str, host: str,
                                                                   order: tuple[str, ...]) -> None:
    report = explain(_refusal(protocol, host))
    assert tuple(d.cause for d in report.diagnoses[:len(order)]) == order, (provider.id, protocol)


@pytest.mark.parametrize(("provider", "protocol", "host", "order"), ORDERS, ids=IDS)
def test_a_bundle_of_a_refused_login_at_a_provider_follows_its_order(provider: Provider, protocol: str, host: str,
                                                                      order: tuple[str, ...]) -> None:
    """The live path's facts: a probe's refused login and what discovery asserts of the provider."""
    login = fact("login.result", host=host, protocol=protocol, outcome="rejected", **_LOGIN[protocol])
    report = diagnose_facts([login, *provider.facts(fact, domain=host, match="host")])
    assert report.top is not None and report.top.cause == order[0], (provider.id, protocol)


@pytest.fixture
def reversed_orders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The provider table with every `refused_login` order reversed, and nothing else changed."""
    doc = yaml.safe_load(providers.DATA_FILE.read_text(encoding="utf-8"))
    for entry in doc["providers"]:
        order = entry.get("refused_login")
        if isinstance(order, dict):
            entry["refused_login"] = {protocol: causes[::-1] for protocol, causes in order.items()}
        elif order:
            entry["refused_login"] = order[::-1]
    copy = tmp_path / "providers.yaml"
    copy.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(providers, "DATA_FILE", copy)
    providers.builtin.cache_clear()
    yield
    providers.builtin.cache_clear()


@pytest.mark.parametrize(("provider", "protocol", "host", "order"), ORDERS, ids=IDS)
def test_the_ranking_is_read_from_the_order(provider: Provider, protocol: str, host: str, order: tuple[str, ...],
                                           reversed_orders: None) -> None:
    """Reversed in the data, the order is reversed in the report -- except where a rule says that the first
    cause explains the second (Microsoft's IMAP and POP: basic authentication off supersedes the password),
    which no order overrides."""
    text = _refusal(protocol, host)
    report = explain(text)
    second = next(d for d in report.diagnoses if d.cause == order[1])
    if second.superseded_by == order[0]:
        assert report.top is not None and report.top.cause == order[0]
    else:
        assert report.top is not None and report.top.cause == order[-1], (provider.id, protocol)


def test_a_reply_that_names_its_cause_outranks_the_order(reversed_orders: None) -> None:
    """Where the reply's own words name a cause, that reading stands first whatever the order says: Gmail's
    "Application-specific password required" under POP3's generic [AUTH] code, with Gmail's order reversed
    (the password first)."""
    text = ("Login to pop.gmail.com failed: -ERR [AUTH] Application-specific password required:"
            " https://support.google.com/accounts/answer/185833")
    assert top(text) == "app-password-required"


def test_microsofts_own_words_outrank_the_smtp_order() -> None:
    """Microsoft 365's SMTP order puts the password first; its 5.7.139 says SMTP AUTH is off
    (learn.microsoft.com authenticated-client-smtp-submission), and that reading stands first."""
    text = ("SMTP login to smtp.office365.com failed: 535 5.7.139 Authentication unsuccessful,"
            " SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.")
    assert top(text) == "basic-auth-disabled"


@pytest.mark.parametrize(("text", "cause"), [
    # Outlook.com's personal accounts refuse passwords on SMTP too since 16 September 2024: the address's
    # domain or the SMTP host names the provider, whatever the reply's words.
    ("smtp-mail.outlook.com: 535 5.7.3 Authentication unsuccessful [DM6PR02CA0123.namprd02.prod.outlook.com]",
     "basic-auth-disabled"),
    ("Authentication failed for jo@hotmail.com", "basic-auth-disabled"),
    # Microsoft 365's SMTP AUTH still takes passwords where the tenant allows it: the password first.
    ("smtp.office365.com: 535 5.7.3 Authentication unsuccessful", "password-rejected"),
])
def test_microsoft_consumer_and_business_smtp(text: str, cause: str) -> None:
    assert top(text) == cause, text
