"""Explaining a pasted error: a client's error message or a server's reply, turned into facts.

Users rarely have a probe's view of the failure, but they do have the text their mail
client showed: ``535 5.7.8 Username and Password not accepted``, ``NO [AUTHENTICATIONFAILED]``,
``[SSL: WRONG_VERSION_NUMBER] wrong version number``, ``[Errno 111] Connection refused``,
``NXDOMAIN: The DNS query name does not exist``. :func:`explain_facts` recognises which
kind of text it is -- through the same tables the probes use (:mod:`mailexpert.classify`) --
and returns the facts a probe would have reported, marked ``source: pasted``; :func:`explain`
reasons over them with the rule base. What the text does not say (the host, the port) can be
given as the server setting the client used; otherwise the host is ``unknown`` and the port 0.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from mailexpert.account import Account, ServerSetting, account_facts
from mailexpert.classify import (
    classify_dns_text,
    classify_socket_text,
    classify_ssl_text,
    clean_text,
    parse_reply,
)
from mailexpert.engine import Answerer
from mailexpert.errors import InputError
from mailexpert.facts import Fact, fact
from mailexpert.report import Report

#: The host of a pasted fact when neither the text nor the caller says it.
UNKNOWN_HOST = "unknown"
#: Pasted texts longer than this are refused: an error message is a few lines.
MAX_TEXT = 20000

_TLS_HINT = re.compile(r"\bssl\b|\[ssl|_ssl\.c|\btls|certificate|handshake|x509|\balert\b", re.IGNORECASE)
_DNS_HINT = re.compile(
    r"nxdomain|noanswer|nonameservers|lifetimetimeout|dns\b|query name|gaierror|getaddrinfo|name or service not known"
    r"|nodename nor servname|name resolution|no address associated", re.IGNORECASE)
_GAI_HINT = re.compile(r"gaierror|getaddrinfo|name or service not known|nodename nor servname|"
                       r"temporary failure in name resolution|no address associated", re.IGNORECASE)
_DNS_NAME = re.compile(
    r"(?:does not exist:|question:|answer the query)\s*([A-Za-z0-9_.-]+?)\.?(?:\s+IN\s+([A-Z]+))?(?:[:\s]|$)")
_DNS_SERVER = re.compile(r"Server (?:Do53:)?([0-9a-fA-F.:]+)@(\d+)")
_TLS_HOST = re.compile(r"(?:not valid for|hostname)\s+'([^']+)'")

#: Texts that Python's mail libraries make up themselves (smtplib, imaplib, poplib), with what
#: they show: (pattern, protocol, kind of evidence).
_LIBRARY_TEXTS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"STARTTLS extension not supported by server", re.I), "smtp", "starttls-not-offered"),
    (re.compile(r"TLS not supported by server", re.I), "imap", "starttls-not-offered"),
    (re.compile(r"STLS not supported by server", re.I), "pop3", "starttls-not-offered"),
    (re.compile(r"SMTP AUTH extension not supported by server", re.I), "smtp", "auth-not-offered"),
    (re.compile(r"Connection unexpectedly closed: timed out", re.I), "smtp", "no-greeting"),
)


@attrs.frozen
class Recognised:
    """What the pasted text was taken for, and the facts it gave."""

    what: str
    facts: tuple[Fact, ...]


def recognise(
    text: str,
    *,
    setting: ServerSetting | None = None,
) -> Recognised:
    """Recognise a pasted text; :class:`InputError` when it is empty or not recognised.

    ``setting`` is the server the client was talking to, when known: it gives the host,
    port and protocol of the facts."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise InputError("explain: the text is empty; paste the error message or the server's reply")
    if len(text) > MAX_TEXT:
        raise InputError(f"explain: the text is too long ({len(text)} characters; at most {MAX_TEXT})")
    host = setting.host if setting else None
    port = setting.port if setting else None
    protocol = setting.protocol if setting else None

    for pattern, proto, evidence in _LIBRARY_TEXTS:
        if pattern.search(text):
            return _library_fact(evidence, protocol or proto, host, port, setting, text)

    reply = parse_reply(text)
    if reply:
        fields = {**reply, "host": host, "port": port, "stage": "unknown", "source": "pasted"}
        what = _describe_reply(reply)
        return Recognised(what, (fact("server.reply", fields),))

    if _TLS_HINT.search(text):
        verdict = classify_ssl_text(text)
        if verdict.outcome != "error" or "[SSL" in text.upper():
            named = _TLS_HOST.search(text)
            mode = "starttls" if (setting and setting.security == "starttls") or "starttls" in text.lower() else "implicit"
            handshake = fact(
                "tls.handshake",
                host=host or (named.group(1).lower() if named else UNKNOWN_HOST),
                port=port or 0,
                protocol=protocol,
                mode=mode,
                outcome=verdict.outcome,
                verify=verdict.verify,
                reason=verdict.reason,
                source="pasted",
            )
            detail = verdict.outcome if verdict.verify in ("unchecked", "other") else f"{verdict.outcome}, {verdict.verify}"
            return Recognised(f"a TLS error ({detail})", (handshake,))

    if _DNS_HINT.search(text):
        outcome = classify_dns_text(text)
        if outcome != "error" or "nxdomain" in text.lower():
            named = _DNS_NAME.search(text)
            server = _DNS_SERVER.search(text)
            rrtype = named.group(2) if named and named.group(2) else "A"
            if rrtype not in ("A", "AAAA", "MX", "SRV", "TXT", "CNAME", "NS"):
                rrtype = "A"
            name = named.group(1).lower() if named else (host or UNKNOWN_HOST)
            facts = [fact(
                "dns.answer",
                name=name,
                rrtype=rrtype,
                resolver=f"{server.group(1)}:{server.group(2)}" if server else "system",
                role="system",
                outcome=outcome,
                source="pasted",
            )]
            if _GAI_HINT.search(text):
                facts.append(fact("tcp.connect", host=host or name, port=port or 0, outcome="dns-failed",
                                  error=clean_text(text, 200), source="pasted"))
            return Recognised(f"a DNS error ({outcome})", tuple(facts))

    outcome = classify_socket_text(text)
    if outcome != "error":
        connect = fact("tcp.connect", host=host or UNKNOWN_HOST, port=port or 0, outcome=outcome,
                       error=clean_text(text, 200), source="pasted")
        return Recognised(f"a connection error ({outcome})", (connect,))

    raise InputError(
        "explain: this text is not one mailexpert recognises (a server reply such as '535 5.7.8 ...', "
        "'a1 NO [AUTHENTICATIONFAILED] ...' or '-ERR ...', a TLS error, a connection error or a DNS error); "
        "paste the exact message, including its code")


def _describe_reply(reply: Mapping[str, object]) -> str:
    if reply.get("protocol") == "smtp":
        code = " ".join(str(reply[k]) for k in ("code", "enhanced") if reply.get(k))
        return f"an SMTP reply ({code})"
    code = f" [{reply['response_code']}]" if reply.get("response_code") else ""
    name = {"imap": "an IMAP", "pop3": "a POP3"}.get(str(reply.get("protocol")), "a")
    return f"{name} reply ({reply.get('status')}{code})"


def _library_fact(evidence: str, protocol: str, host: str | None, port: int | None,
                  setting: ServerSetting | None, text: str) -> Recognised:
    host = host or UNKNOWN_HOST
    port = port or 0
    if evidence == "starttls-not-offered":
        return Recognised("a mail library's error: the server does not offer STARTTLS", (
            fact("starttls.result", host=host, port=port, protocol=protocol, outcome="not-offered",
                 text=clean_text(text, 300)),))
    if evidence == "auth-not-offered":
        if setting is not None and setting.security in ("ssl", "starttls"):
            # The library checks the capabilities it read last: inside TLS on this setting.
            return Recognised("a mail library's error: the server offers no authentication, even with TLS", (
                fact("service.capabilities", host=host, port=port, protocol=protocol, tls=True, starttls=False,
                     auth_offered=False, raw=clean_text(text, 300)),))
        return Recognised("a mail library's error: the server offers no authentication", (
            fact("login.result", host=host, port=port, protocol=protocol, outcome="skipped",
                 skipped_reason="not-offered", text=clean_text(text, 300)),))
    # smtplib: connected, then no greeting before the timeout.
    return Recognised("a mail library's error: connected, but no greeting arrived", (
        fact("tcp.connect", host=host, port=port, outcome="connected", source="pasted"),
        fact("service.greeting", host=host, port=port, protocol=protocol, mode="plain", spoken="silence"),
    ))


def explain_facts(text: str, *, setting: ServerSetting | str | None = None, protocol: str | None = None) -> list[Fact]:
    """The facts a pasted text shows (see :func:`recognise`); ``setting`` may be given as
    ``HOST[:PORT][/ssl|/starttls|/plain]`` together with its ``protocol``."""
    if isinstance(setting, str):
        if protocol is None:
            raise InputError("explain: a server given as text needs its protocol (imap, pop3 or smtp)")
        setting = ServerSetting.parse(protocol, setting)
    return list(recognise(text, setting=setting).facts)


def provider_facts(setting: ServerSetting | None, email: str | None) -> list[Fact]:
    """What the offline provider table says about the account's provider (no network):
    recognised by the address's domain, else by the configured host."""
    from mailexpert.providers import default_table

    table = default_table()
    domain = email.rpartition("@")[2].lower() if email else None
    found = []
    if domain and (provider := table.by_domain(domain)) is not None:
        found.append((provider, "domain"))
    elif setting is not None and (provider := table.by_host(setting.host)) is not None:
        found.append((provider, "host"))
    return [fact("provider.policy", provider=p.name, domain=domain or setting.host, match=match, **p.policy())
            for p, match in found]


def explain(
    text: str,
    *,
    setting: ServerSetting | None = None,
    email: str | None = None,
    rule_folders: Sequence[str | Path] = (),
    answers: Mapping[str, str] | None = None,
    answerer: Answerer | None = None,
) -> Report:
    """Diagnose a pasted error text: recognise it, then reason over the facts it gives.

    With ``setting`` (and optionally ``email``), the server setting the client used is
    part of the facts too, so rules that compare the setting with the error can fire."""
    from mailexpert.api import diagnose_facts

    recognised = recognise(text, setting=setting)
    facts = list(recognised.facts)
    account = None
    if setting is not None:
        if email:
            acct = Account(email=email, **{setting.protocol: setting})
            facts = account_facts(acct) + facts
            account = {"email": acct.email, setting.protocol: setting.address}
        else:
            facts.insert(0, fact("account.setting", protocol=setting.protocol, host=setting.host, port=setting.port,
                                 security=setting.security, origin=setting.origin))
            account = {setting.protocol: setting.address}
    elif email:
        account = {"email": email}
    facts += provider_facts(setting, email)
    note = f"Explained from a pasted text, recognised as {recognised.what}."
    return diagnose_facts(facts, rule_folders=rule_folders, answers=answers, answerer=answerer,
                          account=account, notes=(note,))
