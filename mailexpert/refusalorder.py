"""Which cause ranks first when a password login at a known provider is refused in words that name no cause.

A provider that refuses account passwords from mail programs (app passwords only, OAuth2 only, access
off until enabled) answers the right password with the same generic refusal as a wrong one
("authentication failed", 535 5.7.8, NO [AUTHENTICATIONFAILED]). The rules read each cause the
provider's policy allows into such a refusal, each rule with its own confidence; which of them is the
most likely is no rule's to say but the provider's documented order: ``refused_login`` in
``data/providers.yaml``, which reaches the session as ``provider.refused-login`` facts (one a place,
per protocol). The report (:mod:`mailexpert.report`) ranks by it:

* a *bare reading* is a diagnosis each of whose firings rests on nothing of its own but a refusal the
  rules read as the generic one (:data:`REFUSAL`) and what the table says of the provider
  (:data:`PROVIDER`): no wording, host, answer or other observation that names one cause;
* the bare readings whose causes the provider's order lists (for the protocol of the refusal they
  read) stand together where the most certain of them would stand, in the order's sequence;
* every other diagnosis keeps its own standing: a reply's own words for a cause (Gmail's
  "Application-specific password required") still outrank the order.

Where the text names two providers whose orders differ, or a refusal of no known protocol at a
provider whose orders differ per protocol (Microsoft 365: IMAP and POP against SMTP), no order applies
and the rules' confidences decide as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from mailexpert.facts import Fact
from mailexpert.reasoning import Firing

#: The fact the rules derive from a refusal in the generic "bad user name or password" words
#: (rules/shared/auth-reply.yaml): what a bare reading reads.
REFUSAL = "auth.credentials-refused"
#: What the provider table says of the provider (mailexpert/providers.py ``Provider.facts``): a reading
#: of the refusal through the provider's policy adds no observation to it.
PROVIDER = frozenset({"provider.policy", "provider.refused-login"})
ORDER = "provider.refused-login"

Order = tuple[str, ...]


def orders(facts: Iterable[Fact]) -> dict[str, Order]:
    """Protocol -> the order of the causes of a bare refusal there, from the session's
    ``provider.refused-login`` facts; a protocol two named providers order differently has none, and
    "unknown" has the order every protocol shares, if they share one."""
    by_provider: dict[str, dict[str, list[tuple[int, str]]]] = {}
    for f in facts:
        if f.kind == ORDER:
            by_provider.setdefault(f["provider"], {}).setdefault(f["protocol"], []).append((f["place"], f["cause"]))
    found: dict[str, set[Order]] = {}
    for protocols in by_provider.values():
        ranked = {p: tuple(c for _, c in sorted(places)) for p, places in protocols.items()}
        shared = set(ranked.values())
        for protocol, order in [*ranked.items(), *([("unknown", next(iter(shared)))] if len(shared) == 1 else [])]:
            found.setdefault(protocol, set()).add(order)
    return {p: next(iter(o)) for p, o in found.items() if len(o) == 1}


def _own(evidence: Sequence[Fact], sources: Mapping[Fact, tuple[Fact, ...]]) -> list[Fact]:
    """The facts a firing matched itself: its evidence without what its derived facts rest on."""
    below: set[Fact] = set()
    stack = [s for e in evidence for s in sources.get(e, ())]
    while stack:
        f = stack.pop()
        if f not in below:
            below.add(f)
            stack.extend(sources.get(f, ()))
    return [e for e in evidence if e not in below]


def bare_readings(by_cause: Mapping[str, Sequence[Firing]], facts: Iterable[Fact],
                  sources: Mapping[Fact, tuple[Fact, ...]]) -> dict[str, Order]:
    """Each cause whose every firing is a bare reading of a refusal -> the provider's order that
    lists it for that refusal's protocol (causes the order does not list, or whose refusals' protocols
    have different orders, are left out)."""
    known = orders(facts)
    if not known:
        return {}
    out: dict[str, Order] = {}
    for cause, firings in by_cause.items():
        found: set[Order | None] = set()
        for firing in firings:
            own = _own(firing.evidence, sources)
            refusals = [f for f in own if f.kind == REFUSAL]
            if not refusals or any(f.kind != REFUSAL and f.kind not in PROVIDER for f in own):
                found.add(None)
                break
            found.update(known.get(f.get("protocol") or "unknown") for f in refusals)
        if len(found) == 1 and (order := found.pop()) is not None and cause in order:
            out[cause] = order
    return out
