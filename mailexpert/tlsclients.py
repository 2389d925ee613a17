"""Which common clients can talk TLS to a server, from their published defaults.

The table is ``mailexpert/data/tls_clients.yaml``: per client, the TLS versions and cipher
classes it enables by default and, where a source states them, its limits on DH groups,
RSA keys, SHA-1 signatures and certificates without an Authority Key Identifier. A
server is described by its ``tls.offer`` fields (what the permissive handshakes learnt)
and its ``tls.certificate`` fields; :func:`verdicts` gives one row per client: ``ok``,
``fails`` (with the first thing the client refuses) or ``unknown`` (the probes could not
tell, e.g. the weaker classes were not asked about). The verdicts are made when a report
is built, not asserted as facts: the rules do not need them, and a saved fact bundle
replayed later is judged by the table of that day.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from mailexpert import rulecache
from mailexpert.errors import ClientTableError, SourceError
from mailexpert.facts import Fact, fact
from mailexpert.redact import names_scan
from mailexpert.wordfold import caseless, may_hold

DATA_FILE = Path(__file__).resolve().parent / "data" / "tls_clients.yaml"
#: Longest part of a pasted text searched for platform names, from its start: a user names the
#: platform in the first lines of a report, and the search stays fast on a large log.
MAX_PLATFORM_SCAN = 20_000
#: Longest stretch of the text quoted as the words that name a platform.
MAX_SAID = 80


@attrs.frozen
class Client:
    id: str
    name: str
    versions: tuple[str, ...]
    classes: tuple[str, ...]
    sources: tuple[str, ...]
    min_dh_bits: int | None = None
    min_rsa_bits: int | None = None
    sha1_signatures: bool | None = None
    requires_aki: bool = False


@functools.cache
def clients() -> tuple[Client, ...]:
    from mailexpert import tlsprofiles  # and so ssl: only for a report with TLS offers (explain has none)

    try:
        raw = rulecache.data_file(DATA_FILE)
        rows = tuple(Client(id=r["id"], name=r["name"], versions=tuple(r["versions"]), classes=tuple(r["classes"]),
                            sources=tuple(r["sources"]), min_dh_bits=r.get("min_dh_bits"),
                            min_rsa_bits=r.get("min_rsa_bits"), sha1_signatures=r.get("sha1_signatures"),
                            requires_aki=bool(r.get("requires_aki", False)))
                     for r in raw["clients"])
    except (OSError, SourceError, KeyError, TypeError) as exc:
        raise ClientTableError(f"{DATA_FILE}: {exc}") from exc
    known = set(tlsprofiles.table().classes)
    for row in rows:
        if set(row.versions) - set(tlsprofiles.VERSIONS) or set(row.classes) - known or not row.sources:
            raise ClientTableError(f"{DATA_FILE}: client {row.id}: unknown version or class, or no source")
    return rows


@attrs.frozen
class OldPlatform:
    """A row of ``old_platforms``: a platform whose defaults offer no TLS 1.2, as texts name it."""

    id: str
    name: str
    side: str
    max_tls: str
    names: re.Pattern[str] = attrs.field(hash=False)
    fix: str
    sources: tuple[str, ...]
    #: What the limit depends on, when not every installation has it.
    depends: str | None = None
    #: Words beside which the name does not say which TLS is used (a program with a TLS of its own).
    not_with: re.Pattern[str] | None = attrs.field(default=None, hash=False)


@functools.cache
def old_platforms() -> tuple[OldPlatform, ...]:
    """The ``old_platforms`` table; a broken row is refused at its place in the file."""
    try:
        raw = rulecache.data_file(DATA_FILE)
        table = raw["old_platforms"]
        rows = []
        for n, r in enumerate(table):
            rows.append(OldPlatform(
                id=r["id"], name=r["name"], side=r["side"], max_tls=r["max_tls"],
                names=rulecache.data_pattern(DATA_FILE, raw, "old_platforms", n, "names", flags=re.IGNORECASE),
                fix=r["fix"], sources=tuple(r["sources"]), depends=r.get("depends"),
                not_with=(rulecache.data_pattern(DATA_FILE, raw, "old_platforms", n, "not_with", flags=re.IGNORECASE)
                          if "not_with" in r else None)))
    except (OSError, SourceError, KeyError, TypeError) as exc:
        raise ClientTableError(f"{DATA_FILE}: old_platforms: {exc}") from exc
    for row in rows:
        if (row.side not in ("client", "server") or row.max_tls not in ("TLSv1", "TLSv1.1")
                or not row.sources or not all(s.startswith("https://") for s in row.sources)):
            raise ClientTableError(f"{DATA_FILE}: old platform {row.id}: unknown side or TLS version, or no https source")
    return tuple(rows)


@functools.cache
def _range_words() -> re.Pattern[str]:
    """``old_platform_range``: words after a name that make it the oldest of a range."""
    try:
        raw = rulecache.data_file(DATA_FILE)
        return rulecache.data_pattern(DATA_FILE, raw, "old_platform_range", flags=re.IGNORECASE)
    except (OSError, SourceError) as exc:
        raise ClientTableError(f"{DATA_FILE}: old_platform_range: {exc}") from exc


def named_platforms(text: str) -> list[Fact]:
    """A ``platform.named`` fact for each old platform the text names (its first mention), unless
    the text also names a program that brings its own TLS where the row says so."""
    scanned = names_scan(text, MAX_PLATFORM_SCAN)
    low = caseless(scanned)
    found = []
    for row in old_platforms():
        if not may_hold(row.names, low):
            continue
        m = next((m for m in row.names.finditer(scanned) if not _range_words().match(scanned, m.end())), None)
        if m is None or (row.not_with is not None and row.not_with.search(scanned)):
            continue
        fields = {"platform": row.id, "name": row.name, "said": m.group(0)[:MAX_SAID],
                  "side": row.side, "max_tls": row.max_tls, "fix": row.fix, "reference": row.sources[0]}
        if row.depends:
            fields["depends"] = row.depends
        found.append(fact("platform.named", **fields))
    return found


def _words(value: object) -> list[str]:
    return str(value).split() if value else []


def verdict(client: Client, offer: Mapping[str, Any], cert: Mapping[str, Any] | None) -> tuple[str, str | None]:
    """``(verdict, reason)`` of one client against one server."""
    if not offer.get("accepted"):
        return "fails", "the server completes no TLS handshake at all"
    versions = _words(offer.get("versions"))
    common = [v for v in versions if v in client.versions]
    if not common:
        return "fails", (f"it needs {' or '.join(client.versions)}; the server offers only {' '.join(versions)}")
    if "TLSv1.3" not in common:
        from mailexpert.tlsprofiles import TLS13_CLASS

        offered = [c for c in _words(offer.get("classes")) if c != TLS13_CLASS]
        usable = [c for c in offered if c in client.classes]
        weak_dh = offer.get("dh_2048") is False
        if usable == ["dhe"] and weak_dh:
            if client.min_dh_bits is None:
                return "unknown", "the server offers only DHE with a group below 2048 bits"
            if client.min_dh_bits >= 2048:
                return "fails", "the server's Diffie-Hellman group has fewer than 2048 bits"
        if not usable:
            if not offer.get("classes_complete"):
                return "unknown", None
            return "fails", f"it refuses every cipher class the server offers ({', '.join(offered) or 'none'})"
    if cert:
        bits = cert.get("key_bits")
        if cert.get("key_type") == "rsa" and client.min_rsa_bits and bits is not None and bits < client.min_rsa_bits:
            return "fails", f"the certificate's RSA key has {bits} bits; it needs {client.min_rsa_bits}"
        if client.sha1_signatures is False and cert.get("signature_hash") == "sha1":
            return "fails", "the certificate is signed with SHA-1"
        if client.requires_aki and cert.get("has_aki") is False:
            return "fails", "the certificate has no Authority Key Identifier"
    return "ok", None


def verdicts(offer: Mapping[str, Any], cert: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """One row per client in the table: client, name, verdict, reason, source."""
    out = []
    for client in clients():
        result, reason = verdict(client, offer, cert)
        out.append({"client": client.id, "name": client.name, "verdict": result, "reason": reason,
                    "source": client.sources[0]})
    return out


def servers(facts: Any) -> list[dict[str, Any]]:
    """The report's ``tls_clients`` section: per TLS server (host, port, mode), what it offers
    (its ``tls.offer`` fields) and, per client, whether it can connect (with its certificate)."""
    certs = {(f.get("host"), f.get("port")): f.fields for f in facts if f.kind == "tls.certificate"}
    out = []
    for f in facts:
        if f.kind != "tls.offer" or f.get("source") == "pasted":
            continue
        offer = {k: v for k, v in sorted(f.fields.items()) if k not in ("host", "port", "mode")}
        clients_ = verdicts(f.fields, certs.get((f.get("host"), f.get("port")))) if f.get("accepted") else []
        out.append({"host": f.get("host"), "port": f.get("port"), "mode": f.get("mode"), "offer": offer,
                    "clients": clients_})
    return out


def text_lines(facts: Any) -> list[str]:
    """The text report's lines: per server, the clients that fail (and why), or that all connect."""
    lines = []
    for entry in servers(facts):
        where = f"{entry['host']}:{entry['port']}" + (" (STARTTLS)" if entry["mode"] == "starttls" else "")
        offer = entry["offer"]
        if not offer.get("accepted"):
            lines.append(f"{where}: no client can connect (no TLS handshake succeeds: {offer.get('failure')})")
            continue
        offered = f"offers {offer.get('versions')}; cipher classes {offer.get('classes') or 'unknown'}"
        failing = [c for c in entry["clients"] if c["verdict"] == "fails"]
        unknown = [c for c in entry["clients"] if c["verdict"] == "unknown"]
        if not failing and not unknown:
            lines.append(f"{where} {offered}: all {len(entry['clients'])} common clients can connect")
            continue
        lines.append(f"{where} {offered}:")
        for c in failing:
            lines.append(f"  ✗ {c['name']}: {c['reason']}  ({c['source']})")
        for c in unknown:
            lines.append(f"  ? {c['name']}: {c['reason'] or 'cannot tell'}  ({c['source']})")
        ok = [c["name"] for c in entry["clients"] if c["verdict"] == "ok"]
        if ok:
            lines.append(f"  ✓ can connect: {', '.join(ok)}")
    return lines
