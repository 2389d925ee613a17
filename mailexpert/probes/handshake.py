"""One TLS handshake on an open connection, reported as a ``tls.handshake`` fact.

Shared by the session probe (implicit TLS and after STARTTLS/STLS) and the web probe.
The handshake verifies the certificate against the default store plus ``--ca-file``;
whatever goes wrong is translated once, through :func:`mailexpert.classify.classify_ssl_error`.
"""

from __future__ import annotations

import asyncio
import ssl
import time

import attrs

from mailexpert.classify import TlsVerdict, classify_ssl_error
from mailexpert.errors import NetworkNotAllowed, ReadFailure
from mailexpert.facts import Fact
from mailexpert.probes.context import ProbeContext, elapsed_ms
from mailexpert.probes.net import Conn, unverified_context, verifying_context


@attrs.frozen
class Handshake:
    """What came of one handshake: ``ok`` or the verdict, the negotiated parameters, the fact."""

    ok: bool
    verdict: TlsVerdict | None
    version: str | None
    cipher: str | None
    fact: Fact | None


async def handshake(ctx: ProbeContext, conn: Conn, *, host: str, address: str | None, port: int,
                    protocol: str | None, mode: str, verify: bool = True, emit: bool = True) -> Handshake:
    """Run the handshake; emit ``tls.handshake`` when ``emit`` (unverified looks are not reported)."""
    context = verifying_context(ctx.options.ca_file) if verify else unverified_context()
    start = time.monotonic()
    verdict: TlsVerdict | None = None
    try:
        await conn.start_tls(context, server_hostname=host)
    except NetworkNotAllowed:
        raise
    except ReadFailure as exc:
        verdict = TlsVerdict(outcome="error", verify="unchecked", reason=exc.detail or exc.reason)
    except (ssl.SSLError, OSError, TimeoutError, EOFError, asyncio.IncompleteReadError) as exc:
        verdict = classify_ssl_error(exc)
    ms = elapsed_ms(start)
    version = cipher = None
    if verdict is None:
        obj = conn.ssl_object
        if obj is not None:
            version = obj.version()
            cipher = (obj.cipher() or (None,))[0]
    ctx.note(conn.label, f"TLS {mode}: {verdict.outcome + ' ' + verdict.reason if verdict else 'ok ' + str(version)}")
    made = None
    if emit:
        made = ctx.fact(
            "tls.handshake", host=host, address=address, port=port, protocol=protocol, mode=mode,
            outcome=verdict.outcome if verdict else "ok",
            verify=(verdict.verify if verdict else ("ok" if verify else "unchecked")),
            version=version, cipher=cipher, reason=verdict.reason if verdict else None,
            elapsed_ms=ms, source="probe",
        )
    return Handshake(ok=verdict is None, verdict=verdict, version=version, cipher=cipher, fact=made)
