"""Near variants of a host name that does not resolve: candidates for "did you mean ...?".

A configured host that gets NXDOMAIN may be a typo of the right one. Two kinds of
candidate are worth one DNS query each: a fixed top-level-domain typo (``.con`` for
``.com``) and a known host name (the domain's conventional mail hosts, the provider
table's hosts) within a small edit distance. The rule language cannot compare strings,
so the probe marks such a query's answer with ``variant_of``: the configured host it
would correct.
"""

from __future__ import annotations

from collections.abc import Iterable

#: TLD typos seen in the wild, and their fix.
TLD_FIXES = {
    "con": "com", "cmo": "com", "ocm": "com", "comm": "com", "cm": "com", "vom": "com", "xom": "com",
    "nte": "net", "ne": "net", "nett": "net", "ogr": "org", "orgg": "org", "og": "org",
    "tset": "test", "tst": "test",
}
#: At most this many edits (insertions, deletions, substitutions, transpositions).
MAX_DISTANCE = 2


def distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits)."""
    if abs(len(a) - len(b)) > MAX_DISTANCE:
        return MAX_DISTANCE + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def tld_fix(host: str) -> str | None:
    label, dot, tld = host.rpartition(".")
    fixed = TLD_FIXES.get(tld.lower())
    return f"{label}.{fixed}" if dot and fixed else None


def is_near_variant(candidate: str, host: str) -> bool:
    candidate, host = candidate.lower().rstrip("."), host.lower().rstrip(".")
    return candidate != host and (tld_fix(host) == candidate or distance(candidate, host) <= MAX_DISTANCE)


def near_variants(host: str, known: Iterable[str]) -> list[str]:
    """Candidates for ``host``: its TLD fix, else the known names closest to it (all those at
    the smallest distance, so ``mial`` suggests ``mail`` and not also ``imap``)."""
    fixed = tld_fix(host)
    if fixed:
        return [fixed]
    scored: dict[str, int] = {}
    for name in known:
        name = name.lower().rstrip(".")
        if name not in scored and is_near_variant(name, host):
            scored[name] = distance(name, host.lower().rstrip("."))
    best = min(scored.values(), default=None)
    return [name for name, d in scored.items() if d == best]


#: The first labels providers give their client servers by convention (RFC 2142 section 5 names
#: MAIL and SMTP; POP, POP3 and IMAP are the protocols' own names): two hosts of one domain that
#: differ only there are two services, each published somewhere (pop.163.com and pop3.163.com are
#: both NetEase's; smtp.web.de and pop3.web.de), not a typo of each other.
SERVICE_LABELS = ("mail", "imap", "smtp", "pop", "pop3", "mx")


def is_typo_of(known: str, name: str) -> bool:
    """Whether ``name``, read from a pasted text with no query made, is a misspelling of the
    known provider host ``known``: one edit away (a swapped, missing, doubled or changed
    letter), a known top-level-domain slip or the top-level domain left off, and not the same
    domain's other service. Two edits are left out: real hosts of other providers (or of the
    same provider's other domains) stand two edits from the big ones (smtp.126.com and
    smtp.163.com, smtp.zoho.in and smtp.zoho.eu, smtp.aim.com and smtp.aol.com, as Thunderbird's
    ISPDB publishes them), and a pasted text says nothing against them. The live probe
    (near_variants) asks DNS, and may go further."""
    known, name = known.lower().rstrip("."), name.lower().rstrip(".")
    if known == name:
        return False
    head, _, rest = name.partition(".")
    khead, _, krest = known.partition(".")
    if rest == krest and head in SERVICE_LABELS and khead in SERVICE_LABELS:
        return False
    # The top-level domain left off ("smtp.gmail" for smtp.gmail.com): no name in the world ends so.
    if known.startswith(name + ".") and "." not in known[len(name) + 1:]:
        return True
    return tld_fix(name) == known or distance(known, name) <= 1


def typo_targets(name: str, known: Iterable[str]) -> list[str]:
    """The known hosts ``name`` is a misspelling of (:func:`is_typo_of`), the closest ones only."""
    close = [host for host in known if is_typo_of(host, name)]
    scored = {host: distance(host, name.lower().rstrip(".")) for host in close}
    best = min(scored.values(), default=None)
    return [host for host, d in scored.items() if d == best]


def conventional_hosts(domain: str) -> list[str]:
    """The mail host names providers conventionally use for a domain."""
    return [f"{label}.{domain}" for label in SERVICE_LABELS] + [domain]
