"""Relevance and explanatory power: which settings a diagnosis concerns, what it explains.

The user asks about the settings they gave (on the command line or in their client's
file): those are the *subject* of the diagnosis. Settings mailexpert found itself
(SRV records, autoconfig, the provider table) or guessed are *alternatives*, unless the
user gave nothing but the address: then the discovered settings are the subject (and the
guesses, when nothing was discovered either).

A *failing observation* is a probe result (or a pasted text) that shows something not
working on a subject setting: a name that does not resolve, a connect that fails, a TLS
handshake, greeting, STARTTLS or login that fails. A diagnosis *explains* an observation
when the observation is part of its evidence (derived facts are followed back to what
they were derived from), or when its evidence shows a failure at a lower layer of the
same setting (a port that does not connect explains the login that never happened).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from mailexpert import template
from mailexpert.facts import CUT_BY_DEADLINE, Fact
from mailexpert.reasoning import TraceEntry

GIVEN_ORIGINS = ("option", "client-config")
#: How a setting that was not given was found, in the user's words, by discovery method.
SOURCE_WORDS = {
    "option": "given",
    "client-config": "client configuration",
    "srv": "SRV record",
    "autoconfig": "autoconfig",
    "provider-table": "provider table",
    "mx": "MX record",
    "guess": "guess",
}
#: The protocol a well-known port speaks: ties an observation on an alternative port to a setting.
PORT_PROTOCOL = {25: "smtp", 465: "smtp", 587: "smtp", 143: "imap", 993: "imap", 110: "pop3", 995: "pop3"}
#: Layers of one setting's path, bottom up; a failure explains the failures above it.
LAYER = {"dns.answer": 0, "tcp.connect": 1, "tls.handshake": 2, "service.greeting": 2,
         "service.capabilities": 2, "starttls.result": 2, "login.result": 3, "envelope.result": 3}
#: The layer of each step a server can break (a ``service.failure``) or refuse (a failing
#: ``server.reply`` of the probe): it explains what fails at that step and above it on the
#: same setting.
STEP_LAYER = {"greeting": 2, "capability": 2, "starttls": 2, "login": 3, "auth": 3, "mailbox": 3, "mail": 3, "rcpt": 3,
              "data": 3, "data-end": 3, "reset": 3}
#: A web page that fails directly shows the shared path failing at this layer (for every server).
WEB_LAYER = {"dns-failed": 0, "refused": 1, "timeout": 1, "reset": 1, "tls-error": 2}
#: How a check the diagnosis's deadline cut short (:func:`cut_short`) is said.
_CUT_WORDS = "cut short by the diagnosis's deadline"
_DNS_FAILED = ("nxdomain", "servfail", "refused", "timeout", "error")
_LOGIN_FAILED = ("rejected", "temporary", "timeout", "closed", "reset", "error")


@attrs.frozen
class Setting:
    """One server setting of the diagnosis, with how it was obtained."""

    protocol: str
    host: str
    port: int
    security: str
    origin: str
    source: str  # a SOURCE_WORDS key
    subject: bool

    @property
    def label(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.protocol} {host}:{self.port}/{self.security}"

    @property
    def source_words(self) -> str:
        return SOURCE_WORDS.get(self.source, self.source)


def settings(facts: Iterable[Fact]) -> tuple[Setting, ...]:
    """The account's settings with their source and whether each is the subject."""
    facts = list(facts)
    found = [f for f in facts if f.kind == "account.setting" and f.get("source") != "pasted"]
    methods: dict[tuple[str, str, int], str] = {}
    for f in facts:
        if f.kind == "discovery.server":
            methods.setdefault((f["protocol"], f["host"], f["port"]), f["method"])
    origins = {f["origin"] for f in found}
    if origins & set(GIVEN_ORIGINS):
        subject_origins: tuple[str, ...] = GIVEN_ORIGINS
    elif "discovered" in origins:
        subject_origins = ("discovered",)
    else:
        subject_origins = ("default",)
    out = []
    for f in found:
        origin = f["origin"]
        if origin in GIVEN_ORIGINS:
            source = origin
        elif origin == "discovered":
            source = methods.get((f["protocol"], f["host"], f["port"]), "srv")
        else:
            source = "guess"
        out.append(Setting(f["protocol"], f["host"], f["port"], f["security"], origin, source,
                           origin in subject_origins))
    return tuple(dict.fromkeys(out))


def provenance(trace: Sequence[TraceEntry], derived: Iterable[Fact]) -> dict[Fact, tuple[Fact, ...]]:
    """Each derived fact -> the facts the rule that derived it matched."""
    by_repr = {repr(f): f for f in derived}
    sources: dict[Fact, tuple[Fact, ...]] = {}
    for entry in trace:
        fact = by_repr.get(entry.result) if entry.consequence == "derive" else None
        if fact is not None and fact not in sources:
            sources[fact] = entry.matched
    return sources


def base_facts(evidence: Iterable[Fact], sources: Mapping[Fact, tuple[Fact, ...]]) -> tuple[Fact, ...]:
    """The evidence with every derived fact replaced by the facts it rests on, recursively."""
    out: dict[Fact, None] = {}
    stack = list(evidence)
    seen: set[Fact] = set()
    while stack:
        fact = stack.pop()
        if fact in seen:
            continue
        seen.add(fact)
        if fact in sources:
            stack.extend(sources[fact])
        else:
            out[fact] = None
    return tuple(out)


def is_failing(fact: Fact, resolved: frozenset[str] = frozenset()) -> bool:
    """Whether the observation shows something that does not work (``resolved``: the names
    that have an address, for which a missing record of one type is normal)."""
    kind = fact.kind
    if kind == "dns.answer":
        failed = _DNS_FAILED if fact.get("name") in resolved else (*_DNS_FAILED, "nodata", CUT_BY_DEADLINE)
        return bool(fact.get("role") == "system" and fact.get("rrtype") in ("A", "AAAA")
                    and fact.get("outcome") in failed and not fact.get("variant_of"))
    if kind == "tcp.connect":
        return bool(fact.get("outcome") != "connected")
    if kind == "tls.handshake":
        return bool(fact.get("outcome") != "ok")
    if kind == "service.greeting":
        return fact.get("spoken") != fact.get("protocol") or fact.get("status") not in (None, "ok")
    if kind == "starttls.result":
        return fact.get("outcome") not in ("accepted", None)
    if kind == "login.result":
        # A session the diagnosis's own deadline cancelled: not the server's failure, but a
        # check that did not finish must show, never pass for a healthy account.
        return fact.get("outcome") in _LOGIN_FAILED or cut_short(fact)
    if kind == "envelope.result":  # no answer before the deadline is ours (see the fact kind)
        return fact.get("outcome") not in ("accepted", "timeout")
    if kind == "server.reply" and fact.get("source") == "pasted":  # what the user's client showed
        return fact.get("status") not in ("positive", "intermediate")
    return False


def cut_short(fact: Fact) -> bool:
    """Whether the observation is of a check the diagnosis's global deadline cut short: a
    session it cancelled (mailexpert/collect.py) or one of whose steps it cut, or a look-up,
    connect or handshake whose time it had capped and that ran out (ProbeContext.ran_out).
    A check that did not finish, not a failure of the server or the network."""
    if fact.get("source") == "pasted":
        return False
    field = "skipped_reason" if fact.kind == "login.result" else "outcome"
    return bool(fact.get(field) == CUT_BY_DEADLINE)


def on_setting(fact: Fact, setting: Setting) -> bool:
    """Whether an observation is about exactly this setting (its name, or its host and port)."""
    if fact.kind == "dns.answer":
        return bool(fact.get("name") == setting.host)
    return bool(fact.get("host") == setting.host and fact.get("port") == setting.port)


def concerned(evidence: Iterable[Fact], all_settings: Sequence[Setting]) -> tuple[Setting, ...]:
    """The settings a diagnosis concerns: those named in its evidence (account.setting facts),
    else those whose host and port, host and usual protocol, or host its facts are about."""
    evidence = list(evidence)
    named = [s for s in all_settings for f in evidence if f.kind == "account.setting"
             and (f["protocol"], f["host"], f["port"]) == (s.protocol, s.host, s.port)]
    named += [s for s in all_settings if s.origin == "client-config" and _damaged_config(evidence)]
    if named:
        return tuple(dict.fromkeys(named))
    out: dict[Setting, None] = {}
    for f in evidence:
        host = f.get("name") if f.kind == "dns.answer" else f.get("host")
        if not isinstance(host, str):
            continue
        same_host = [s for s in all_settings if s.host == host]
        port = f.get("port")
        exact = [s for s in same_host if s.port == port]
        protocol = f.get("protocol") if f.get("protocol") in PORT_PROTOCOL.values() else PORT_PROTOCOL.get(port)
        usual = [s for s in same_host if s.protocol == protocol]
        for s in exact or usual or same_host:
            out[s] = None
    return tuple(out)


def resolved_names(facts: Iterable[Fact]) -> frozenset[str]:
    return frozenset(f["name"] for f in facts if f.kind == "dns.answer" and f.get("outcome") == "answer"
                     and f.get("rrtype") in ("A", "AAAA"))


def failing_observations(facts: Iterable[Fact], subjects: Sequence[Setting]) -> tuple[Fact, ...]:
    """Every failing observation on a subject setting, and every pasted failure. A DNS failure
    for a name the hosts file maps is none: the mail program never asks DNS for that name."""
    facts = list(facts)
    resolved = resolved_names(facts)
    mapped = frozenset(f["name"] for f in facts if f.kind == "dns.hosts-entry")
    out = []
    for f in facts:
        if not is_failing(f, resolved):
            continue
        if f.kind == "dns.answer" and f.get("name") in mapped and f.get("source") != "pasted":
            continue
        if f.get("source") == "pasted" or any(on_setting(f, s) for s in subjects):
            out.append(f)
    return tuple(dict.fromkeys(out))


def explained(base: Sequence[Fact], failing: Sequence[Fact], subjects: Sequence[Setting],
              facts: Sequence[Fact] = ()) -> tuple[Fact, ...]:
    """The failing observations a diagnosis with this (base) evidence explains: those in its
    evidence, and those above a layer of the same setting that its evidence is about (a
    failure there, or the same stage), or above a layer where the shared path fails."""
    own = set(base)
    lowest: dict[Setting, int] = {}  # the lowest failing layer of each setting in the evidence
    stages: dict[Setting, set[int]] = {}  # the layers of each setting the evidence is about
    shared = 9
    for f in base:
        if f.kind == "web.fetch" and f.get("via", "direct") == "direct":
            shared = min(shared, WEB_LAYER.get(f.get("outcome"), 9))
        refused = f.kind == "server.reply" and f.get("source") == "probe" \
            and f.get("status") not in ("positive", "intermediate")
        if f.kind == "service.failure" or refused:
            for s in subjects:
                if on_setting(f, s):
                    layer = STEP_LAYER.get(f.get("step" if f.kind == "service.failure" else "stage"), 9)
                    lowest[s] = min(lowest.get(s, 9), layer)
                    stages.setdefault(s, set()).add(layer)
            continue
        if f.kind not in LAYER:
            continue
        for s in subjects:
            if not on_setting(f, s):
                continue
            if is_failing(f):
                lowest[s] = min(lowest.get(s, 9), LAYER[f.kind])
            if is_failing(f) or f.kind == "service.capabilities":  # what a server offers is no pass/fail
                stages.setdefault(s, set()).add(LAYER[f.kind])
    if _damaged_config(base):  # a damaged file explains whatever fails on what was read from it
        username_from_file = any(f.kind == "account.identity" and f.get("username_origin") == "client-config"
                                 for f in facts)
        for s in subjects:
            if s.origin == "client-config":
                lowest[s] = -1
            elif username_from_file:
                lowest[s] = min(lowest.get(s, 9), LAYER["login.result"] - 1)
    out = []
    for f in failing:
        at = LAYER.get(f.kind)
        if f in own or (at is not None and (shared <= at or any(
                on_setting(f, s) and (lowest.get(s, 9) < at or at in stages.get(s, ()))
                for s in subjects))):
            out.append(f)
    return tuple(out)


def _damaged_config(facts: Iterable[Fact]) -> bool:
    return any(f.kind == "client.config" and f.get("status") in ("corrupt", "inconsistent") for f in facts)


def describe(fact: Fact) -> str:
    """A failing observation in words (for the list of unexplained observations)."""
    where = template.place(fact.get("host"), fact.get("port"))[0]
    address = f" at {fact['address']} ({fact.get('family') or 'address'})" if fact.get("address") else ""
    kind = fact.kind
    if kind == "dns.answer":
        name, unsaid = template.reads("host", fact["name"])
        resolver = fact.get("resolver")
        at = "" if not resolver else " by the system resolver" if resolver == "system" else f" at {resolver}"
        if cut_short(fact):
            return f"{'the server name' if unsaid else name}: the {fact['rrtype']} lookup{at} was {_CUT_WORDS}"
        return f"{'the server name' if unsaid else name}: the {fact['rrtype']} lookup{at} gave {fact['outcome']}"
    if kind == "tcp.connect":
        if cut_short(fact):
            return f"{where}{address}: the TCP connection was {_CUT_WORDS}"
        if fact.get("source") == "pasted" and fact.get("outcome") == "error":
            # A program's words for a failure that give no reason ("Could not connect to SMTP host",
            # "Failed to send some messages"): they say nothing of TCP, so the line does not either.
            return f"{where}: the mail program reports a failure without its reason"
        return f"{where}{address}: the TCP connection gave {fact['outcome']}"
    if kind == "tls.handshake":
        if cut_short(fact):
            return f"{where}: the TLS handshake ({fact['mode']}) was {_CUT_WORDS}"
        verdict = f" ({fact['verify']})" if fact.get("verify") not in (None, "ok", "unchecked") else ""
        return f"{where}: the TLS handshake ({fact['mode']}) gave {fact['outcome']}{verdict}"
    if kind == "service.greeting":
        status = f", status {fact['status']}" if fact.get("status") else ""
        return f"{where}: expected a {template.reads('protocol', fact['protocol'])[0]} greeting, got {fact['spoken']}{status}"
    if kind == "starttls.result":
        return f"{where}: STARTTLS gave {fact['outcome']}"
    if kind == "login.result":
        protocol = template.reads('protocol', fact['protocol'])[0]
        if cut_short(fact):
            return f"{where}: the {protocol} session was {_CUT_WORDS}, before its login"
        return f"{where}: the {protocol} login gave {fact['outcome']}"
    if kind == "envelope.result":
        said = f": {fact.get('code') or ''} {fact.get('text') or ''}".rstrip() if fact.get("code") else ""
        command = "MAIL FROM" if fact["stage"] == "mail" else "RCPT TO"
        return f"{where}: {command} for {fact['sender']} after the login gave {fact['outcome']}{said}"
    text = fact.get("text") or fact.get("error") or ""
    return f"{kind}: {text}".strip()
