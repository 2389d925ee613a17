"""TCP probe: can this machine open a connection to each mail port of each server?

For every configured host, each standard mail port (the table in mailexpert/data/knowledge.yaml)
on every resolved address (IPv4 and IPv6), plus 443 of each web host: one connect, its
outcome (connected / refused / timeout / unreachable / reset) and time, as ``tcp.connect``.
Where the configured port connects, a few more connects measure loss and latency
(``tcp.quality``). Facts carry the logical host and port, whatever connect-to says.
"""

from __future__ import annotations

import asyncio
import ssl
import statistics
import time

from mailexpert.classify import classify_socket_error, socket_error_text
from mailexpert.facts import Fact
from mailexpert.knowledge import port_numbers
from mailexpert.probes.context import NetworkNotAllowed, ProbeContext, elapsed_ms
from mailexpert.probes.dns import web_hosts
from mailexpert.probes.net import Conn, ReadFailure, connect_socket, unverified_context



def _family(address: str | None) -> str | None:
    if address is None:
        return None
    return "ipv6" if ":" in address else "ipv4"


async def connect_once(ctx: ProbeContext, host: str, address: str | None, port: int,
                       timeout: float | None = None) -> tuple[str, int, str | None]:
    """(outcome, elapsed ms, error text) of one connect; the socket is closed at once."""
    start = time.monotonic()
    try:
        sock = await connect_socket(ctx, host, address, port, timeout)
    except NetworkNotAllowed:
        raise
    except (OSError, TimeoutError) as exc:
        return classify_socket_error(exc), elapsed_ms(start), socket_error_text(exc)
    sock.close()
    return "connected", elapsed_ms(start), None


async def connect_fact(ctx: ProbeContext, host: str, address: str | None, port: int) -> Fact:
    outcome, ms, error = await connect_once(ctx, host, address, port)
    return ctx.fact("tcp.connect", host=host, address=address, family=_family(address), port=port,
                    outcome=outcome, elapsed_ms=ms, error=error, source="probe")


def greeting_mode(port: int) -> str | None:
    """What a quality attempt waits for after the connect: the server's first line on
    plaintext mail ports, a TLS handshake on implicit-TLS ports (the server speaks last)."""
    from mailexpert.knowledge import port_security

    security = port_security(port)
    return None if security is None else "tls" if security == "ssl" else "plain"


async def _attempt(ctx: ProbeContext, host: str, address: str | None, port: int, greet: str | None) -> int | None:
    """Milliseconds for connect (+ greeting or handshake), or None when the attempt failed."""
    start = time.monotonic()
    try:
        conn = await Conn.open(ctx, f"quality {host}:{port}", host, address, port)
    except NetworkNotAllowed:
        raise
    except (OSError, TimeoutError):
        return None
    try:
        if greet == "plain":
            data, complete, _ = await conn.read_first(ctx.step_deadline())
            if not data:
                return None
        elif greet == "tls":
            try:
                await conn.start_tls(unverified_context(), server_hostname=host)
            except (ssl.SSLError, OSError, TimeoutError, EOFError, ReadFailure):
                return None
        return elapsed_ms(start)
    finally:
        await conn.close()


async def quality_fact(ctx: ProbeContext, host: str, address: str | None, port: int,
                       greet: str | None = None) -> Fact:
    """Repeated connects (and greetings), staggered a little and run together so that
    loss costs one timeout, not one per attempt."""
    attempts = max(1, ctx.options.quality_attempts)

    async def attempt(i: int) -> int | None:
        await asyncio.sleep(0.005 * i)  # a few ms apart: no burst, yet no long chain
        return await _attempt(ctx, host, address, port, greet)

    results = await asyncio.gather(*(attempt(i) for i in range(attempts)))
    good = [ms for ms in results if ms is not None]
    failures = attempts - len(good)
    return ctx.fact("tcp.quality", host=host, address=address, port=port, attempts=attempts, failures=failures,
                    loss_pct=round(100 * failures / attempts),
                    median_ms=int(statistics.median(good)) if good else None,
                    max_ms=max(good) if good else None)


async def host_port_facts(ctx: ProbeContext, host: str, port: int, *, quality: bool = False,
                          greeting: str | None = None) -> list[Fact]:
    """``tcp.connect`` for every address of host:port (and ``tcp.quality`` where it connects)."""
    resolved = await ctx.dns.addresses(host)
    addresses: list[str | None] = list(resolved.addresses)
    if not addresses:
        if ctx.override(host, None, port) is None:
            return [ctx.fact("tcp.connect", host=host, port=port, outcome="dns-failed",
                             error=f"no address ({resolved.outcome})", source="probe")]
        addresses = [None]  # a connect-to for the name itself needs no address

    async def one(address: str | None) -> list[Fact]:
        first = await connect_fact(ctx, host, address, port)
        if quality and first["outcome"] == "connected":
            return [first, await quality_fact(ctx, host, address, port, greeting)]
        return [first]

    facts: list[Fact] = []
    for group in await asyncio.gather(*(one(a) for a in addresses)):
        facts += group
    return facts


async def collect(ctx: ProbeContext) -> list[Fact]:
    """Every mail port of every configured host, 443 of the web hosts, quality on configured ports."""
    configured = {(s.host, s.port): ("tls" if s.security == "ssl" else "plain") for s in ctx.settings}
    targets: dict[tuple[str, int], str | None] = {}
    for s in ctx.settings:
        for port in (*port_numbers(), s.port):
            targets[(s.host, port)] = configured.get((s.host, port))
    for host in web_hosts(ctx.options.web_urls):
        targets.setdefault((host, 443), None)
    groups = await asyncio.gather(*(host_port_facts(ctx, h, p, quality=g is not None, greeting=g)
                                    for (h, p), g in targets.items()))
    return [f for g in groups for f in g]
