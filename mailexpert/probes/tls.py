"""TLS probe: what a server offers (versions, cipher classes, certificate), learnt by behaviour.

For every configured server whose security is ssl (implicit TLS) or starttls (upgrade
after STARTTLS/STLS), four handshakes with the ``permissive`` profile of
:mod:`mailexpert.tlsprofiles`, each pinned to one version (TLSv1 ... TLSv1.3), give one
``tls.version`` each; when the server's pick below TLS 1.3 is not a forward-secret AEAD
suite, one handshake per remaining cipher class gives ``tls.cipher``. Which versions and
classes work is what happened on the wire, not what an error text says (the texts differ
between OpenSSL and Python builds; they are kept as a second signal). ``tls.offer`` sums a
server up (the report says from it, by :mod:`mailexpert.tlsclients`, which common
clients can talk to it). These handshakes do not verify, so the certificate is seen even
when verification fails: it is parsed into ``tls.certificate`` (names, issuer, validity,
self-signed, AKI, key, signature hash, fingerprint), and, unless ``revocation_check`` is off,
checked against its CA's revocation list (``tls.revocation``, :mod:`mailexpert.probes.revocation`).
The web hosts' certificates on 443 are fetched too, to compare issuers (an inspection proxy
re-signs both).

The *verifying* handshake, with its verdict, belongs to the session probe
(:mod:`mailexpert.probes.session`), which uses the same classification.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import ipaddress
import ssl
from collections.abc import Sequence

import attrs
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.x509.oid import ExtensionOID, NameOID

from mailexpert import tlsprofiles
from mailexpert.account import ServerSetting
from mailexpert.classify import classify_ssl_error, clean_text
from mailexpert.errors import NetworkNotAllowed, ReadFailure
from mailexpert.facts import CUT_BY_DEADLINE, Fact
from mailexpert.probes.context import ProbeContext
from mailexpert.probes.dialects.smtp import ehlo_argument
from mailexpert.probes.dns import web_hosts
from mailexpert.probes.net import Conn, label_for, unverified_context
from mailexpert.probes.resolve import ordered_addresses
from mailexpert.probes.revocation import revocation_fact
from mailexpert.probes.tlslocal import local_version


def _names(cert: x509.Certificate) -> list[str]:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
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


def settable_name(names: Sequence[str]) -> str | None:
    """The first of a certificate's names a mail program can be set to: no wildcard, no IP address."""
    for name in names:
        try:
            ipaddress.ip_address(name)
        except ValueError:
            if "*" not in name:
                return name
    return None


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
        issuer = f"{issuer} ({orgs[0].value!s})" if issuer else str(orgs[0].value)
    try:
        cert.extensions.get_extension_for_oid(ExtensionOID.AUTHORITY_KEY_IDENTIFIER)
        has_aki = True
    except x509.ExtensionNotFound:
        has_aki = False
    key = cert.public_key()
    key_type = {rsa.RSAPublicKey: "rsa", ec.EllipticCurvePublicKey: "ec", dsa.DSAPublicKey: "dsa",
                ed25519.Ed25519PublicKey: "ed25519", ed448.Ed448PublicKey: "ed448"}
    kind = next((name for cls, name in key_type.items() if isinstance(key, cls)), "other")
    bits = getattr(key, "key_size", None)
    try:
        sig_hash = cert.signature_hash_algorithm.name if cert.signature_hash_algorithm else None
    except UnsupportedAlgorithm:  # a hash this cryptography does not know
        sig_hash = "other"
    not_before, not_after = cert.not_valid_before_utc, cert.not_valid_after_utc
    covered = names or ([subject] if subject else [])
    return {
        "subject": clean_text(subject, 300) if subject else None,
        "names": clean_text(", ".join(names), 1500) if names else None,
        "settable_name": clean_text(settable, 300) if (settable := settable_name(names)) else None,
        "covers_host": any(name_covers(n, host) for n in covered),
        "issuer": clean_text(issuer, 300) if issuer else None,
        "issuer_org": clean_text(str(orgs[0].value) if orgs else issuer, 300) if issuer else None,
        "not_before": not_before.isoformat().replace("+00:00", "Z"),
        "not_after": not_after.isoformat().replace("+00:00", "Z"),
        "days_left": (not_after - now).days,
        "days_expired": max(0, (now - not_after).days),
        "days_valid": (now - not_before).days,
        "self_signed": cert.issuer == cert.subject,
        "has_aki": has_aki,
        "key_type": kind,
        "key_bits": bits,
        "signature_hash": sig_hash,
        "sha256": cert.fingerprint(hashes.SHA256()).hex(),
    }


async def starttls_prelude(ctx: ProbeContext, conn: Conn, protocol: str) -> str | None:
    """Greeting, (EHLO,) STARTTLS/STLS: None when the server said go ahead, else why not
    (``greeting-refused``: it turned the connection away at once; ``starttls-failed``).
    Never logs in."""
    try:
        first = await conn.read_line(ctx.step_deadline())
        if first[:1] in _REFUSING_GREETING.get(protocol, ()) or first.upper().startswith(b"* BYE"):
            return "greeting-refused"
        if protocol == "smtp":
            # The rest of a greeting that has begun may come late on purpose (postscreen).
            await conn.read_smtp_reply(ctx.patient_deadline(), first=first)
            deadline = ctx.step_deadline()
            conn.send(f"EHLO {ehlo_argument(ctx, conn)}")
            await conn.read_smtp_reply(deadline)
            conn.send("STARTTLS")
            reply = await conn.read_smtp_reply(deadline)
            accepted = reply[-1].startswith("220")
        elif protocol == "imap":
            conn.send("t1 STARTTLS")
            lines = await conn.read_until_tagged("t1", ctx.step_deadline())
            accepted = lines[-1].upper().startswith("T1 OK")
        else:
            conn.send("STLS")
            accepted = (await conn.read_line(ctx.step_deadline())).upper().startswith(b"+OK")
    except ReadFailure:
        accepted = False
    return None if accepted else "starttls-failed"


async def _first_address(ctx: ProbeContext, host: str, port: int) -> tuple[bool, str | None]:
    resolved = await ctx.dns.addresses(host)
    if resolved.addresses:
        return True, ordered_addresses(resolved.addresses)[0]
    return ctx.override(host, None, port) is not None, None


@attrs.frozen
class Look:
    """One unverified handshake: its outcome, the negotiated version and suite, the leaf certificate."""

    outcome: str
    version: str | None = None
    cipher: str | None = None
    der: bytes | None = None
    verify: str | None = None  # when the handshake verified (the revocation check's): its verdict
    reason: str | None = None


async def _look(ctx: ProbeContext, protocol: str, host: str, address: str | None, port: int, starttls: bool,
                context: ssl.SSLContext, what: str = "") -> Look:
    """One handshake with ``context`` that sends nothing after it (never credentials)."""
    label = label_for(protocol, host, port) + f" tls-probe{' ' + what if what else ''}"
    try:
        conn = await Conn.open(ctx, label, host, address, port)
    except NetworkNotAllowed:
        raise
    except (OSError, TimeoutError):
        return Look("connect-failed")
    try:
        refused = await starttls_prelude(ctx, conn, protocol) if starttls else None
        if refused:
            return Look(refused)
        await conn.start_tls(context, server_hostname=host)
        obj = conn.ssl_object
        if obj is None:
            return Look("error")
        return Look("ok", obj.version(), (obj.cipher() or (None,))[0], obj.getpeercert(binary_form=True))
    except NetworkNotAllowed:
        raise
    except ReadFailure:
        return Look("error")
    except (ssl.SSLError, OSError, TimeoutError, EOFError, asyncio.IncompleteReadError) as exc:
        verdict = classify_ssl_error(exc)
        return Look(verdict.outcome, verify=verdict.verify, reason=verdict.reason)
    finally:
        await conn.close()


#: Seconds to wait before asking again what a connection limit refused.
_SETTLE = 0.25

#: Look outcomes that say nothing of the server's TLS: the handshake never began, or the
#: diagnosis's global deadline cut it (CUT_BY_DEADLINE: our clock, not the server's answer).
_NOT_ASKED = frozenset({"connect-failed", "starttls-failed", "greeting-refused", CUT_BY_DEADLINE})
#: The first byte of a greeting that turns the client away ("421 Too many connections",
#: "-ERR ..."; IMAP's "* BYE" is tested apart).
_REFUSING_GREETING = {"smtp": (b"4", b"5"), "pop3": (b"-",)}

#: The versions current mail clients offer (RFC 8996 deprecated TLS 1.0 and 1.1).
CURRENT_VERSIONS = frozenset({"TLSv1.2", "TLSv1.3"})
#: When no version is accepted, the failure reported for the server: the most telling first.
_FAILURE_ORDER = ("handshake-failure", "protocol-version", "alert", "dh-key-too-small", "wrong-version-number",
                  "unexpected-eof", "reset", "timeout", "error")


async def version_facts(ctx: ProbeContext, setting: ServerSetting, *, certificate: bool = True,
                        mode: str | None = None,
                        crls: dict[str, asyncio.Task[tuple[bytes | None, str]]] | None = None) -> list[Fact]:
    """What one server offers, learnt by behaviour with the ``permissive`` profile.

    One handshake per TLS version (TLS 1.0 ... 1.3, concurrently) gives ``tls.version``.
    When the best of those below TLS 1.3 did not pick a forward-secret AEAD suite, one more
    handshake per remaining cipher class (concurrently) gives ``tls.cipher`` for each;
    ``tls.offer`` sums it up, and the certificate of the newest accepted version is ``tls.certificate``. Nothing is ever sent
    after a handshake: no credentials. With ``crls`` (the lists fetched in this run, shared) and
    the ``revocation_check`` option, the certificate's revocation list is checked after the
    other handshakes (:mod:`mailexpert.probes.revocation`): ``tls.revocation``.
    """
    host, port, protocol = setting.host, setting.port, setting.protocol
    mode = mode or ("starttls" if setting.security == "starttls" else "implicit")
    reachable, address = await _first_address(ctx, host, port)
    if not reachable:
        return []
    table = tlsprofiles.table()
    starttls = mode == "starttls"

    async def look(context: ssl.SSLContext, what: str) -> Look:
        return await _look(ctx, protocol, host, address, port, starttls, context, what)

    async def looks(jobs: list[tuple[ssl.SSLContext, str]]) -> list[Look]:
        """All at once; then, one at a time, those the server turned away before a handshake:
        a server that limits each client's connections ("421 Too many connections") refuses
        some of several at once, and what it was never asked is no answer. (Not when no
        connection was made at all: a filtered port would cost a timeout each.)"""
        found = list(await asyncio.gather(*(look(c, n) for c, n in jobs)))
        again = [i for i, lk in enumerate(found) if lk.outcome == "greeting-refused"
                 or (lk.outcome == "connect-failed" and not all(x.outcome == "connect-failed" for x in found))]
        if again:
            # A refused connection still counts against the limit until the server's process
            # for it has ended (Postfix's anvil hears of it a moment later).
            await asyncio.sleep(min(_SETTLE, ctx.step_timeout()))
            for i in again:
                c, n = jobs[i]
                found[i] = await look(c, n)
        return found

    versions = list(tlsprofiles.VERSIONS)
    looks_by_version = await looks([(unverified_context("permissive", version=v), v) for v in versions])
    by_version = dict(zip(versions, looks_by_version, strict=True))
    if all(lk.outcome in _NOT_ASKED for lk in looks_by_version):
        return []  # the session and tcp probes report why; there is no TLS to speak of
    facts: list[Fact] = []
    for name, lk in by_version.items():
        if lk.outcome in _NOT_ASKED:
            continue
        facts.append(ctx.fact("tls.version", host=host, port=port, mode=mode, version=name,
                              accepted=lk.outcome == "ok", cipher=lk.cipher,
                              cipher_class=table.class_of(lk.cipher, lk.version), outcome=lk.outcome))
    accepted = [v for v in versions if by_version[v].outcome == "ok"]
    older = [v for v in accepted if v != "TLSv1.3"]
    classes: dict[str, Look] = {}
    for v in older:
        cls = table.class_of(by_version[v].cipher, v)
        if cls is not None:
            classes.setdefault(cls, by_version[v])
    complete = False
    strict_dhe: bool | None = None
    if older and "ecdhe-aead" not in classes:
        # The server picked something weaker than every current client's first choice:
        # learn which classes it has at all, one handshake each, TLS 1.0-1.2.
        top = versions.index(older[-1])
        todo = [c for c in tlsprofiles.table().profiles["permissive"].classes
                if c not in classes and versions.index(table.since[c]) <= top]
        contexts = [tlsprofiles.client_context("permissive", classes=(c,)) for c in todo]
        if "dhe" in classes:  # the server picked DHE: how big is its group (by behaviour)?
            contexts.append(tlsprofiles.client_context("dhe-2048"))
        found = await looks(list(zip(contexts, [*todo, "dhe-2048"], strict=False)))
        if len(found) > len(todo):
            strict_dhe = found[-1].outcome == "ok"
        elif "dhe" in todo and found[todo.index("dhe")].outcome == "ok":
            strict_dhe = (await look(tlsprofiles.client_context("dhe-2048"), "dhe-2048")).outcome == "ok"
        for cls, lk in zip(todo, found, strict=False):
            if lk.outcome == "ok":
                classes[cls] = lk
            elif lk.outcome not in _NOT_ASKED:
                facts.append(ctx.fact("tls.cipher", host=host, port=port, mode=mode, cipher_class=cls, accepted=False,
                                      outcome=lk.outcome))
        complete = not any(lk.outcome in _NOT_ASKED for lk in found)
    for cls, lk in classes.items():
        facts.append(ctx.fact("tls.cipher", host=host, port=port, mode=mode, cipher_class=cls, accepted=True,
                              version=lk.version, cipher=lk.cipher, outcome="ok"))
    offered = sorted(classes, key=tlsprofiles.class_names().index)
    if "TLSv1.3" in accepted:
        offered.append(tlsprofiles.TLS13_CLASS)
    failure = None
    if not accepted:
        # The versions every current client offers (TLS 1.2, 1.3) say what the server does
        # wrong; a refused TLS 1.0/1.1 says only that it wants a newer one, whatever alert it
        # sends: OpenSSL 3 servers answer TLS 1.0 with "internal error" at their default
        # security level, which has no signature algorithm left for it (OpenSSL 3.0's CHANGES:
        # SHA1 and MD5 based signatures no longer allowed at level 1). A version refused as
        # such says as little: when the others broke off in another way (a 400 KB certificate
        # chain, junk after the ServerHello), theirs is what the server does wrong.
        current = {by_version[v].outcome for v in versions if v in CURRENT_VERSIONS}
        outcomes = current or {lk.outcome for lk in looks_by_version}
        telling = outcomes - {"protocol-version"} or outcomes
        failure = next((o for o in _FAILURE_ORDER if o in telling), "error")
    # When some version was never asked, an offer summed up without it would be wrong (a
    # server reached once, for TLS 1.0, is no TLS 1.0-only server): no summary then.
    if not any(lk.outcome in _NOT_ASKED for lk in looks_by_version):
        facts.append(ctx.fact(
            "tls.offer", host=host, port=port, mode=mode, accepted=bool(accepted),
            versions=" ".join(accepted) or None, min_version=accepted[0] if accepted else None,
            max_version=accepted[-1] if accepted else None, classes=" ".join(offered) or None,
            classes_complete=(complete or not older) if accepted else None,
            forward_secret=any(c != "rsa" for c in offered) if offered else None, failure=failure,
            dh_2048=strict_dhe if "dhe" in classes else None,
        ))
    if accepted and not CURRENT_VERSIONS.intersection(accepted):
        # Only old versions: whether this computer's own library still speaks them decides
        # whether programs here can reach the server at all (in memory, in a thread: a key is made).
        for v in accepted:
            local = await asyncio.to_thread(local_version, v)
            if local is not None:
                facts.append(ctx.fact("tls.local", version=v, accepted=local.accepted, outcome=local.outcome,
                                      library=local.library, security_level=local.security_level))
    der = next((by_version[v].der for v in reversed(accepted) if by_version[v].der), None)
    if der and certificate:
        facts.append(ctx.fact("tls.certificate", host=host, port=port, **certificate_fields(der, host)))
        if crls is not None and ctx.options.revocation_check:
            facts.append(await revocation_fact(ctx, host=host, port=port, mode=mode, der=der, crls=crls,
                                               look=lambda context: look(context, "crl-check")))
    return facts


async def certificate_fact(ctx: ProbeContext, host: str, port: int, protocol: str = "https") -> list[Fact]:
    """The certificate of an implicit-TLS port (any version the default context allows)."""
    reachable, address = await _first_address(ctx, host, port)
    if not reachable:
        return []
    seen = await _look(ctx, protocol, host, address, port, False, unverified_context("permissive"))
    if seen.outcome != "ok" or not seen.der:
        return []
    return [ctx.fact("tls.certificate", host=host, port=port, **certificate_fields(seen.der, host))]


async def collect(ctx: ProbeContext) -> list[Fact]:
    crls: dict[str, asyncio.Task[tuple[bytes | None, str]]] = {}
    jobs = [version_facts(ctx, s, crls=crls) for s in ctx.settings if s.security in ("ssl", "starttls")]
    jobs += [certificate_fact(ctx, h, 443) for h in web_hosts(ctx.options.web_urls)]
    groups = await asyncio.gather(*jobs)
    return [f for g in groups for f in g]
