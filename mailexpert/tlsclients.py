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
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from mailexpert import rulecache
from mailexpert.errors import ClientTableError, SourceError

DATA_FILE = Path(__file__).resolve().parent / "data" / "tls_clients.yaml"



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
