"""TLS probe: which TLS versions a server accepts, and the certificate it presents.

For every configured server whose security is ssl (implicit TLS) or starttls (upgrade
after STARTTLS/STLS), four handshakes that each allow exactly one version (TLSv1 ...
TLSv1.3, at ``@SECLEVEL=0`` so that old versions are possible at all) give one
``tls.version`` each. These handshakes do not verify, so the certificate is seen even
when verification fails: it is parsed into ``tls.certificate`` (names, issuer, validity,
self-signed, AKI, fingerprint). The web hosts' certificates on 443 are fetched too, to
compare issuers (an inspection proxy re-signs both).

The *verifying* handshake, with its verdict, belongs to the session probe
(:mod:`mailexpert.probes.session`), which uses the same classification.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import ipaddress
import ssl
import warnings

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import ExtensionOID, NameOID

from mailexpert.account import ServerSetting
from mailexpert.classify import classify_ssl_error, clean_text
from mailexpert.facts import Fact
from mailexpert.probes.context import NetworkNotAllowed, ProbeContext
from mailexpert.probes.dns import web_hosts
from mailexpert.probes.net import Conn, ReadFailure, label_for, unverified_context
from mailexpert.probes.resolve import ordered_addresses

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    VERSIONS: tuple[tuple[str, ssl.TLSVersion], ...] = (
        ("TLSv1", ssl.TLSVersion.TLSv1),
        ("TLSv1.1", ssl.TLSVersion.TLSv1_1),
        ("TLSv1.2", ssl.TLSVersion.TLSv1_2),
        ("TLSv1.3", ssl.TLSVersion.TLSv1_3),
    )

# Outcomes that say "this server does not do that version" (as opposed to "could not tell").
_REFUSAL = frozenset({"protocol-version", "handshake-failure", "alert", "unexpected-eof", "dh-key-too-small", "reset"})


def _names(cert: x509.Certificate) -> list[str]:
    try:
        san = cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
    except x509.ExtensionNotFound:
        return []
    names = [str(n) for n in san.get_values_for_type(x509.DNSName)]
    names += [str(ip) for ip in san.get_values_for_type(x509.IPAddress)]
    return names


def _cn(name: x509.Name) -> str | None:
    attrs_ = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attrs_[0].value) if attrs_ else None


def name_covers(pattern: str, host: str) -> bool:
    """RFC 6125 matching: exact, or one leftmost ``*`` label; IP addresses compare exactly."""
    host = host.lower().rstrip(".")
    pattern = pattern.lower().rstrip(".")
    try:
        return ipaddress.ip_address(host) == ipaddress.ip_address(pattern)
    except ValueError:
        pass
    if pattern == host:
        return True
    if pattern.startswith("*.") and "." in host:
        return host.split(".", 1)[1] == pattern[2:]
    return False


def certificate_fields(der: bytes, host: str, now: _dt.datetime | None = None) -> dict[str, object]:
    """The ``tls.certificate`` fields of a DER certificate, as seen for ``host``."""
    cert = x509.load_der_x509_certificate(der)
    now = now or _dt.datetime.now(_dt.UTC)
    names = _names(cert)
    subject = _cn(cert.subject)
    issuer_cn = _cn(cert.issuer)
    orgs = cert.issuer.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    issuer = issuer_cn or ""
    if orgs:
        issuer = f"{issuer} ({orgs[0].value})" if issuer else str(orgs[0].value)
    try:
        cert.extensions.get_extension_for_oid(ExtensionOID.AUTHORITY_KEY_IDENTIFIER)
        has_aki = True
    except x509.ExtensionNotFound:
        has_aki = False
    not_before, not_after = cert.not_valid_before_utc, cert.not_valid_after_utc
    covered = names or ([subject] if subject else [])
    return {
        "subject": clean_text(subject, 300) if subject else None,
        "names": clean_text(",".join(names), 1500) if names else None,
        "covers_host": any(name_covers(n, host) for n in covered),
        "issuer": clean_text(issuer, 300) if issuer else None,
        "not_before": not_before.isoformat().replace("+00:00", "Z"),
        "not_after": not_after.isoformat().replace("+00:00", "Z"),
        "days_left": (not_after - now).days,
        "days_valid": (now - not_before).days,
        "self_signed": cert.issuer == cert.subject,
        "has_aki": has_aki,
        "sha256": cert.fingerprint(hashes.SHA256()).hex(),
    }


async def starttls_prelude(ctx: ProbeContext, conn: Conn, protocol: str) -> bool:
    """Greeting, (EHLO,) STARTTLS/STLS: True when the server said go ahead. Never logs in."""
    try:
        first = await conn.read_line(ctx.step_deadline())
        if protocol == "smtp":
            deadline = ctx.step_deadline()
            await conn.read_smtp_reply(deadline, first=first)
            conn.send(f"EHLO {ctx.options.ehlo_name}")
            await conn.read_smtp_reply(deadline)
            conn.send("STARTTLS")
            reply = await conn.read_smtp_reply(deadline)
            return reply[-1].startswith("220")
        if protocol == "imap":
            conn.send("t1 STARTTLS")
            lines = await conn.read_until_tagged("t1", ctx.step_deadline())
            return lines[-1].upper().startswith("T1 OK")
        conn.send("STLS")
        return (await conn.read_line(ctx.step_deadline())).upper().startswith(b"+OK")
    except ReadFailure:
        return False


async def _first_address(ctx: ProbeContext, host: str, port: int) -> tuple[bool, str | None]:
    resolved = await ctx.dns.addresses(host)
    if resolved.addresses:
        return True, ordered_addresses(resolved.addresses)[0]
    return ctx.override(host, None, port) is not None, None


async def _look(ctx: ProbeContext, protocol: str, host: str, address: str | None, port: int, starttls: bool,
                context: ssl.SSLContext) -> tuple[str, ssl.SSLObject | None, bytes | None, Conn | None]:
    """One unverified handshake: (outcome, ssl object, leaf certificate DER, connection)."""
    label = label_for(protocol, host, port) + " tls-probe"
    try:
        conn = await Conn.open(ctx, label, host, address, port)
    except NetworkNotAllowed:
        raise
    except (OSError, TimeoutError):
        return "connect-failed", None, None, None
    try:
        if starttls and not await starttls_prelude(ctx, conn, protocol):
            return "starttls-failed", None, None, conn
        await conn.start_tls(context, server_hostname=host)
    except NetworkNotAllowed:
        raise
    except ReadFailure:
        return "error", None, None, conn
    except (ssl.SSLError, OSError, TimeoutError, EOFError, asyncio.IncompleteReadError) as exc:
        return classify_ssl_error(exc).outcome, None, None, conn
    obj = conn.ssl_object
    der = obj.getpeercert(binary_form=True) if obj is not None else None
    return "ok", obj, der, conn


async def version_facts(ctx: ProbeContext, setting: ServerSetting, *, certificate: bool = True,
                        mode: str | None = None) -> list[Fact]:
    """``tls.version`` for each version and the ``tls.certificate`` of one server."""
    host, port, protocol = setting.host, setting.port, setting.protocol
    mode = mode or ("starttls" if setting.security == "starttls" else "implicit")
    reachable, address = await _first_address(ctx, host, port)
    if not reachable:
        return []

    async def one(name: str, version: ssl.TLSVersion) -> tuple[str, str, str | None, bytes | None]:
        outcome, obj, der, conn = await _look(ctx, protocol, host, address, port, mode == "starttls",
                                              unverified_context(version, version))
        cipher = (obj.cipher() or (None,))[0] if obj is not None else None
        if conn is not None:
            await conn.close()
        return name, outcome, cipher, der

    results = await asyncio.gather(*(one(n, v) for n, v in VERSIONS))
    facts: list[Fact] = []
    for name, outcome, cipher, _ in results:
        if outcome == "ok" or outcome in _REFUSAL:
            facts.append(ctx.fact("tls.version", host=host, port=port, mode=mode, version=name,
                                  accepted=outcome == "ok", cipher=cipher))
    if certificate:
        der = next((d for _, o, _, d in reversed(results) if o == "ok" and d), None)
        if der:
            facts.append(ctx.fact("tls.certificate", host=host, port=port, **certificate_fields(der, host)))
    return facts


async def certificate_fact(ctx: ProbeContext, host: str, port: int, protocol: str = "https") -> list[Fact]:
    """The certificate of an implicit-TLS port (any version the default context allows)."""
    reachable, address = await _first_address(ctx, host, port)
    if not reachable:
        return []
    outcome, _, der, conn = await _look(ctx, protocol, host, address, port, False, unverified_context())
    if conn is not None:
        await conn.close()
    if outcome != "ok" or not der:
        return []
    return [ctx.fact("tls.certificate", host=host, port=port, **certificate_fields(der, host))]


async def collect(ctx: ProbeContext) -> list[Fact]:
    jobs = [version_facts(ctx, s) for s in ctx.settings if s.security in ("ssl", "starttls")]
    jobs += [certificate_fact(ctx, h, 443) for h in web_hosts(ctx.options.web_urls)]
    groups = await asyncio.gather(*jobs)
    return [f for g in groups for f in g]
