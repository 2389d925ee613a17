"""The canonical order of observations: where each fact stands in the plan of a diagnosis.

Probes run concurrently and their facts arrive in whatever order the network answers, so
arrival is no order a report may show. Each fact instead gets a position from the plan:
first the setting it concerns (settings the user gave before discovered ones before
guesses, then imap, pop3, smtp as an account lists them; facts on no setting's host, such
as the web's, after every setting), then the probe step (DNS, TCP, TLS, greeting,
capabilities, login, what the server replied), then the port (the setting's own port
first, then the standard mail ports in the knowledge table's order of preference), then
the fact's own content (numbers by value). A derived fact stands where the earliest fact it
was derived from stands. Positions are computed from the facts alone, so a live diagnosis,
the replay of its saved facts and an explained text agree, whatever the arrival order.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from mailexpert.account import ORIGINS, PROTOCOLS
from mailexpert.facts import Fact
from mailexpert.knowledge import port_numbers, port_protocol

#: The probe steps of one setting, in the order a client goes through them; a fact kind is
#: placed by the first prefix it starts with, unknown kinds after them all.
STEPS = ("account.", "client.", "discovery.", "provider.", "dns.", "tcp.", "port.", "host.", "tls.",
         "service.greeting", "service.capabilities", "starttls.", "login.", "auth.", "server.reply",
         "service.", "web.")

Position = tuple[Any, ...]
_DIGITS = re.compile(r"(\d+)")


def natural(fact: Fact) -> tuple[Any, ...]:
    """A fact as text that sorts numbers by value (port 465 before 587, line 9 before line 10)."""
    return (fact.kind, *((k, *(int(t) if t.isdigit() else t for t in _DIGITS.split(str(v)))) for k, v in fact.items))


def _step(kind: str) -> int:
    return next((n for n, prefix in enumerate(STEPS) if kind.startswith(prefix)), len(STEPS))


def _host(fact: Fact) -> str | None:
    host = fact.get("host")
    if host is None and fact.kind.startswith("dns."):
        host = fact.get("name")
    return str(host).rstrip(".").lower() if host is not None else None


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _port(fact: Fact) -> int | None:
    port = fact.get("port")
    return port if isinstance(port, int) and not isinstance(port, bool) else None


def positions(facts: Iterable[Fact], sources: Mapping[Fact, tuple[Fact, ...]] | None = None) -> Callable[[Fact], Position]:
    """The position of any fact of this diagnosis; ``sources`` maps each derived fact to the
    facts it was derived from (:func:`mailexpert.relevance.provenance`)."""
    from mailexpert.symptoms import symptoms

    facts = list(facts)
    known = symptoms()
    named = {p for f in facts if f.kind == "user.symptom" and f.get("symptom") in known
             for p in known[f["symptom"]].protocols}
    settings = sorted(
        {f for f in facts if f.kind == "account.setting"},
        key=lambda f: (ORIGINS.index(f["origin"]) if f.get("origin") in ORIGINS else len(ORIGINS),
                       bool(named) and f.get("protocol") not in named,
                       PROTOCOLS.index(f["protocol"]) if f.get("protocol") in PROTOCOLS else len(PROTOCOLS),
                       natural(f)))
    ranked = [(n, str(s.get("host", "")).rstrip(".").lower(), _port(s), s.get("protocol")) for n, s in enumerate(settings)]
    hosts = {r[1] for r in ranked}
    preference = {p: n for n, p in enumerate(port_numbers())}
    sources = sources or {}

    def setting_of(fact: Fact) -> tuple[int, int | None]:
        """The rank of the setting a fact concerns (after every setting: another service on a
        setting's host, then anything else), and that setting's port."""
        host, port = _host(fact), _port(fact)
        protocol = fact.get("protocol") or (port_protocol(port) if port is not None else None)
        same = [r for r in ranked if host is None or r[1] == host]
        # The setting on that port, else the one of that protocol (by a name: on that host).
        hit = next((r for r in same if r[2] == port and (host is not None or r[3] == protocol)), None) \
            or next((r for r in same if r[3] == protocol), None)
        if hit is not None:
            return hit[0], hit[2]
        return len(ranked) + (host not in hosts), None

    def observed(fact: Fact) -> Position:
        rank, own_port = setting_of(fact)
        port = _port(fact)
        port_rank = 0 if port is None or port == own_port else 1 + preference.get(port, len(preference) + port)
        # A server named by its name before one named by an address: the name is what people know.
        host = _host(fact)
        return (rank, _step(fact.kind), port_rank, host is not None and _is_address(host), natural(fact))

    cache: dict[Fact, Position] = {}

    def position(fact: Fact, seen: frozenset[Fact] = frozenset()) -> Position:
        if fact in cache:
            return cache[fact]
        base = [b for b in sources.get(fact, ()) if b not in seen]
        found = min((position(b, seen | {fact}) for b in base), default=None) if base else None
        cache[fact] = found if found is not None else observed(fact)
        return cache[fact]

    return position


def canonical(facts: Iterable[Fact]) -> list[Fact]:
    """The facts (without duplicates) in their canonical order."""
    unique = list(dict.fromkeys(facts))
    return sorted(unique, key=positions(unique))
