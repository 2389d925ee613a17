"""What a pasted text names whose certificate is self-signed by design.

Most TLS stacks say the same of a certificate from an unknown issuer and of a self-signed one,
and many programs say only that they did not accept the certificate. The text around the error
often names the server all the same: a local bridge that makes its own certificate (by its name,
or by the address and port it listens on), or a placeholder certificate a mail stack installs
until its administrator sets another (by its file or its subject). ``data/self-signed.yaml``
holds those names, each with its public source; :func:`named` makes a ``certificate.named``
fact of each row a text names, and rules/tls/cert-self-signed.yaml joins it with the failure.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import attrs

from mailexpert import rulecache
from mailexpert.errors import DataTableError, SourceError
from mailexpert.facts import Fact, fact
from mailexpert.redact import names_scan
from mailexpert.wordfold import caseless, may_hold

DATA_FILE = Path(__file__).resolve().parent / "data" / "self-signed.yaml"
#: Longest part of a pasted text searched for names, from its start (as data/on-the-way.yaml's).
MAX_SCAN = 20_000
#: Longest quotation of the words that name a row.
MAX_SAID = 80
#: This computer's own address as texts write it before a port ("127.0.0.1:1143", "localhost
#: port 1025", "[::1]:1143"); the port follows a colon, a comma or the word "port".
_LOOPBACK = r"(?<![\w.:-])(?:127\.0\.0\.1|localhost|\[::1\]|::1)(?:\s*[:,]\s*|\s+(?:port\s+)?|\s*,\s*port\s+)"
#: A source: a public page, or a repository's file (owner/repo:path).
_SOURCE = re.compile(r"https://\S+|[\w.-]+/[\w.-]+:\S+")


@attrs.frozen
class Named:
    """A row of ``named``: a server or certificate that is self-signed by design."""

    id: str
    name: str
    names: re.Pattern[str] = attrs.field(hash=False)
    loopback: re.Pattern[str] | None = attrs.field(hash=False)  # its default address on this computer
    at: str  # how that address is named ("" without one)
    sources: tuple[str, ...]


@functools.cache
def table() -> tuple[Named, ...]:
    """The ``named`` table; a broken row is refused with its place in the file."""
    try:
        raw = rulecache.data_file(DATA_FILE)
        rows = []
        for n, r in enumerate(raw["named"]):
            loopback = r.get("loopback") or {}
            ports = tuple(int(p) for p in loopback.get("ports", ()))
            if not all(0 < p < 65536 for p in ports):
                raise ValueError(f"{r['id']}: a port out of range")
            rows.append(Named(
                id=str(r["id"]), name=str(r["name"]),
                names=rulecache.data_pattern(DATA_FILE, raw, "named", n, "names"),
                loopback=re.compile(_LOOPBACK + "(?:" + "|".join(map(str, ports)) + r")(?!\d)") if ports else None,
                at=str(loopback.get("at", "")),
                sources=tuple(str(s) for s in r["sources"])))
    except (OSError, SourceError, KeyError, TypeError, ValueError) as exc:
        raise DataTableError(f"{DATA_FILE}: named: {exc}") from exc
    for row in rows:
        if not row.sources or not all(_SOURCE.fullmatch(s) for s in row.sources):
            raise DataTableError(f"{DATA_FILE}: {row.id}: no source, or one that is neither https nor owner/repo:path")
        if bool(row.loopback) != bool(row.at):
            raise DataTableError(f"{DATA_FILE}: {row.id}: loopback needs both its ports and how the address is named (at)")
    return tuple(rows)


def named(text: str) -> list[Fact]:
    """A ``certificate.named`` fact for each row the text names (by its words, else by its
    default address on this computer), at its first mention; a password the text shows names
    nothing."""
    scanned = names_scan(text, MAX_SCAN)
    low = caseless(scanned)
    found = []
    for row in table():
        m, name = (row.names.search(scanned) if may_hold(row.names, low) else None), row.name
        if m is None and row.loopback is not None and may_hold(row.loopback, low):
            m, name = row.loopback.search(scanned), row.at
        if m is not None:
            found.append(fact("certificate.named", thing=row.id, name=name, said=m.group(0)[:MAX_SAID].strip(),
                              reference=row.sources[0]))
    return found
