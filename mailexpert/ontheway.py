"""What a pasted text names that stands between the mail program and its server.

A connection failure says how it failed, not where; the text around it often names where the
program runs (a shared host, a cloud server) or what runs beside it (a VPN app, an ad blocker,
an antivirus that scans mail). ``data/on-the-way.yaml`` holds those names, each with its role
and the ports its documented policy blocks; :func:`named` makes a ``path.named`` fact of each
row a text names, and rules join them with the failure (rules/firewall, rules/network,
rules/tls).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import attrs

from mailexpert import rulecache
from mailexpert.errors import DataTableError, SourceError
from mailexpert.facts import Fact, default_catalog, fact
from mailexpert.redact import names_scan
from mailexpert.wordfold import caseless, may_hold

DATA_FILE = Path(__file__).resolve().parent / "data" / "on-the-way.yaml"
#: Longest part of a pasted text searched for names, from its start (a user names the host or
#: the software in the first lines, around the error; a long log is not searched to its end).
MAX_SCAN = 20_000
#: Longest quotation of the words that name a row.
MAX_SAID = 80


@attrs.frozen
class Named:
    """A row of ``named``: something on the way to the mail server, as texts name it."""

    id: str
    name: str
    role: str
    ports: tuple[int, ...]  # () = any port it filters
    names: re.Pattern[str] = attrs.field(hash=False)
    sources: tuple[str, ...]


@functools.cache
def table() -> tuple[Named, ...]:
    """The ``named`` table; a broken row is refused with its place in the file."""
    try:
        raw = rulecache.data_file(DATA_FILE)
        rows = []
        for n, r in enumerate(raw["named"]):
            ports = r["ports"]
            rows.append(Named(
                id=str(r["id"]), name=str(r["name"]), role=str(r["role"]),
                ports=() if ports == "any" else tuple(int(p) for p in ports),
                names=rulecache.data_pattern(DATA_FILE, raw, "named", n, "names"),
                sources=tuple(str(s) for s in r["sources"])))
    except (OSError, SourceError, KeyError, TypeError, ValueError) as exc:
        raise DataTableError(f"{DATA_FILE}: named: {exc}") from exc
    for row in rows:
        if (row.role not in _roles() or not row.sources or not all(s.startswith("https://") for s in row.sources)
                or not all(0 < p < 65536 for p in row.ports)):
            raise DataTableError(f"{DATA_FILE}: {row.id}: unknown role, a port out of range, or no https source")
    return tuple(rows)



def _roles() -> tuple[str, ...]:
    """The roles a row may play: the path.named fact's (facts/account.yaml), stated there only."""
    return default_catalog().kinds["path.named"].fields["role"].values


def named(text: str) -> list[Fact]:
    """A ``path.named`` fact per port of each row the text names (port 0: any port), at its
    first mention; a password the text shows names nothing."""
    scanned = names_scan(text, MAX_SCAN)
    low = caseless(scanned)
    found = []
    for row in table():
        m = row.names.search(scanned) if may_hold(row.names, low) else None
        if m is None:
            continue
        found += [fact("path.named", thing=row.id, name=row.name, role=row.role, port=port,
                       said=m.group(0)[:MAX_SAID], reference=row.sources[0])
                  for port in (row.ports or (0,))]
    return found
