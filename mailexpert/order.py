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

import collections
import functools
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


def natural(fact: Fact, memo: dict[tuple[Any, ...], tuple[Any, ...]] | None = None) -> tuple[Any, ...]:
    """A fact as text that sorts numbers by value (port 465 before 587, line 9 before line 10).

    ``memo`` keeps each field's form for the next fact with the same field and value: the
    facts of one diagnosis repeat their hosts, ports and protocols."""
    out: list[Any] = [fact.kind]
    for key, value in fact.items:
        # The type is part of the key: True, 1 and 1.0 are equal keys but read "True", "1", "1.0".
        seen = (key, type(value), value)
        form = memo.get(seen) if memo is not None else None
        if form is None:
            # Splitting on a captured group puts the runs of digits at the odd places, and only
            # there: the text between them holds none, so it stays text even when it is made of
            # other characters Python counts as digits ('²'), which int() cannot read.
            parts: list[Any] = _DIGITS.split(str(value))
            parts[1::2] = map(int, parts[1::2])
            form = (key, *parts)
            if memo is not None:
                memo[seen] = form
        out.append(form)
    return tuple(out)


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


def _placer(facts: list[Fact]) -> tuple[Callable[[Fact], tuple[int, int, int, bool]], dict[tuple[Any, ...], tuple[Any, ...]]]:
    """Where an observed fact stands before its own content is compared (its setting's rank,
    the probe step, the port's rank, whether its host is an address), and the memo of
    :func:`natural` for these facts."""
    from mailexpert.symptoms import symptoms

    known = symptoms()
    named = {p for f in facts if f.kind == "user.symptom" and f.get("symptom") in known
             for p in known[f["symptom"]].protocols}
    forms: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    settings = sorted(
        {f for f in facts if f.kind == "account.setting"},
        key=lambda f: (ORIGINS.index(f["origin"]) if f.get("origin") in ORIGINS else len(ORIGINS),
                       bool(named) and f.get("protocol") not in named,
                       PROTOCOLS.index(f["protocol"]) if f.get("protocol") in PROTOCOLS else len(PROTOCOLS),
                       natural(f, forms)))
    ranked = [(n, str(s.get("host", "")).rstrip(".").lower(), _port(s), s.get("protocol")) for n, s in enumerate(settings)]
    hosts = {r[1] for r in ranked}
    preference = {p: n for n, p in enumerate(port_numbers())}

    # Many facts share a host, a port and a kind: each of these is worked out once per
    # diagnosis (the caches live as long as this diagnosis's placer, never across diagnoses).
    is_address = functools.cache(_is_address)
    step = functools.cache(_step)

    @functools.cache
    def setting_of(host: str | None, port: int | None, protocol: Any) -> tuple[int, int | None]:
        """The rank of the setting a fact concerns (after every setting: another service on a
        setting's host, then anything else), and that setting's port."""
        protocol = protocol or (port_protocol(port) if port is not None else None)
        same = [r for r in ranked if host is None or r[1] == host]
        # The setting on that port, else the one of that protocol (by a name: on that host).
        hit = next((r for r in same if r[2] == port and (host is not None or r[3] == protocol)), None) \
            or next((r for r in same if r[3] == protocol), None)
        if hit is not None:
            return hit[0], hit[2]
        return len(ranked) + (host not in hosts), None

    def placed(fact: Fact) -> tuple[int, int, int, bool]:
        host, port = _host(fact), _port(fact)
        rank, own_port = setting_of(host, port, fact.get("protocol"))
        port_rank = 0 if port is None or port == own_port else 1 + preference.get(port, len(preference) + port)
        # A server named by its name before one named by an address: the name is what people know.
        return (rank, step(fact.kind), port_rank, host is not None and is_address(host))

    return placed, forms


def positions(facts: Iterable[Fact], sources: Mapping[Fact, tuple[Fact, ...]] | None = None) -> Callable[[Fact], Position]:
    """The position of any fact of this diagnosis; ``sources`` maps each derived fact to the
    facts it was derived from (:func:`mailexpert.relevance.provenance`)."""
    placed, forms = _placer(list(facts))
    sources = sources or {}
    cache: dict[Fact, Position] = {}

    def position(fact: Fact, seen: frozenset[Fact] = frozenset()) -> Position:
        if fact in cache:
            return cache[fact]
        base = [b for b in sources.get(fact, ()) if b not in seen]
        found = min((position(b, seen | {fact}) for b in base), default=None) if base else None
        cache[fact] = found if found is not None else (*placed(fact), natural(fact, forms))
        return cache[fact]

    return position


def canonical(facts: Iterable[Fact]) -> list[Fact]:
    """The facts (without duplicates) in their canonical order: by :func:`positions`."""
    unique = list(dict.fromkeys(facts))
    placed, forms = _placer(unique)
    # A position (rank, step, port rank, address, (kind, *fields)) orders as the flat tuple
    # (rank, step, port rank, address, kind, *fields). A fact alone with its head (all but
    # the fields) is placed by the head already; only facts that share one need their fields
    # read (about a third of a diagnosis's facts share none).
    heads = [(*placed(f), f.kind) for f in unique]
    shared = collections.Counter(heads)
    keys = [head + natural(f, forms)[1:] if shared[head] > 1 else head for head, f in zip(heads, unique, strict=True)]
    return [unique[i] for i in sorted(range(len(unique)), key=keys.__getitem__)]
