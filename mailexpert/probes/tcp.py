"""TCP probe: can this machine open a connection to each mail port of each server?

For every configured host, each standard mail port (the table in mailexpert/data/knowledge.yaml)
on every resolved address (IPv4 and IPv6; the hosts file's and DNS's when they differ), plus 443 of each web host: one connect, its
outcome (connected / refused / timeout / unreachable / reset) and time, as ``tcp.connect``.
Where the configured port connects, a few more connects measure loss and latency
(``tcp.quality``). Facts carry the logical host and port, whatever connect-to says.

Latency is the network's round trip: the kernel's own timing of the TCP handshake (Linux
TCP_INFO), else the connect's wall time less this event loop's current lag. Neither counts
the server's think-time (a slow greeting) nor this machine's load (many diagnoses at once).
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import statistics
import struct
import time

import attrs

from mailexpert.classify import classify_socket_error, socket_error_text
from mailexpert.errors import NetworkNotAllowed, ReadFailure
from mailexpert.facts import CUT_BY_DEADLINE, Fact
from mailexpert.knowledge import port_numbers
from mailexpert.probes.context import ProbeContext, elapsed_ms
from mailexpert.probes.dns import web_hosts
from mailexpert.probes.net import READ_GRACE, Conn, connect_socket, unverified_context


def _family(address: str | None) -> str | None:
    if address is None:
        return None
    return "ipv6" if ":" in address else "ipv4"


# struct tcp_info (linux/tcp.h): 8 one-byte fields, then 32-bit fields of which the 16th
# is tcpi_rtt (smoothed round trip, microseconds) and the 24th tcpi_total_retrans.
_TCP_INFO = struct.Struct("8B24I")
_RTT, _TOTAL_RETRANS = 8 + 15, 8 + 23


def tcp_info(sock: socket.socket | None) -> tuple[int | None, int | None]:
    """(round trip in ms, retransmitted segments) as the kernel measured them on a connected
    socket, or (None, None) where TCP_INFO is not available (not Linux).

    The kernel times the SYN / SYN-ACK exchange itself, so the figure is the network's:
    neither a busy event loop nor this machine's CPU load can inflate it.
    """
    option = getattr(socket, "TCP_INFO", None)
    if sock is None or option is None:
        return None, None
    try:
        raw = sock.getsockopt(socket.IPPROTO_TCP, option, _TCP_INFO.size)
    except OSError:
        return None, None
    if len(raw) < _TCP_INFO.size:
        return None, None
    values = _TCP_INFO.unpack(raw)
    return round(values[_RTT] / 1000), values[_TOTAL_RETRANS]


async def loop_lag_ms() -> int:
    """How long a ready callback waits in this event loop right now, in ms: the baseline
    subtracted from a connect's wall time where the kernel's round trip is unavailable."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.sleep(0)
    return int((loop.time() - start) * 1000)


@attrs.frozen
class Connect:
    """One connect: outcome, wall time, error text, and the network's own figures."""

    outcome: str
    elapsed_ms: int
    error: str | None = None
    rtt_ms: int | None = None  # the round trip: kernel RTT, else wall time less the loop lag
    retransmits: int | None = None


async def connect_measured(ctx: ProbeContext, host: str, address: str | None, port: int,
                           timeout: float | None = None) -> Connect:
    """One connect, measured; the socket is closed at once."""
    start = time.monotonic()
    try:
        sock = await connect_socket(ctx, host, address, port, timeout)
    except NetworkNotAllowed:
        raise
    except (OSError, TimeoutError) as exc:
        return Connect(classify_socket_error(exc), elapsed_ms(start), socket_error_text(exc))
    ms = elapsed_ms(start)
    rtt, retransmits = tcp_info(sock)
    sock.close()
    if rtt is None:
        rtt = max(0, ms - await loop_lag_ms())
    return Connect("connected", ms, rtt_ms=rtt, retransmits=retransmits)


async def connect_once(ctx: ProbeContext, host: str, address: str | None, port: int,
                       timeout: float | None = None) -> tuple[str, int, str | None]:
    """(outcome, elapsed ms, error text) of one connect; the socket is closed at once."""
    c = await connect_measured(ctx, host, address, port, timeout)
    return c.outcome, c.elapsed_ms, c.error


async def connect_fact(ctx: ProbeContext, host: str, address: str | None, port: int) -> Fact:
    c = await connect_measured(ctx, host, address, port)
    return ctx.fact("tcp.connect", host=host, address=address, family=_family(address), port=port,
                    outcome=c.outcome, elapsed_ms=c.elapsed_ms, rtt_ms=c.rtt_ms, retransmits=c.retransmits,
                    error=c.error, source="probe")


def greeting_mode(port: int) -> str | None:
    """What a quality attempt waits for after the connect: the server's first line on
    plaintext mail ports, a TLS handshake on implicit-TLS ports (the server speaks last)."""
    from mailexpert.knowledge import port_security

    security = port_security(port)
    return None if security is None else "tls" if security == "ssl" else "plain"


#: How late after its deadline a timed-out wait may be noticed and still be the path's: later,
#: this event loop was stalled when the deadline came (a loaded machine, a suspend), and the
#: answer may have been there unread. Timers fire within milliseconds on a machine that keeps up.
STALL_SLACK = 0.25
#: What an attempt gives when it measured nothing of the path (see :func:`_attempt`).
NOT_MEASURED = "not-measured"


def _own_wait(ctx: ProbeContext, budget: float, ends: float) -> bool:
    """Whether a wait that timed out was decided by this machine rather than by the path: it had
    less than a full step timeout (the global deadline cut it short), or the event loop noticed
    its end (``ends``, loop time) more than :data:`STALL_SLACK` late."""
    return ctx.ran_out(budget) == CUT_BY_DEADLINE or asyncio.get_running_loop().time() - ends > STALL_SLACK


async def _attempt(ctx: ProbeContext, host: str, address: str | None, port: int,
                   greet: str | None) -> tuple[int, int | None] | str | None:
    """(round trip ms, retransmissions) of one connect whose greeting or handshake then
    arrived, None when the attempt failed, or :data:`NOT_MEASURED` when it timed out in a
    wait this machine decided (:func:`_own_wait`): neither loss nor success. The greeting or
    handshake decides success only: its time is the server's think-time, not the network's."""
    loop = asyncio.get_running_loop()
    start, begun, budget = time.monotonic(), loop.time(), ctx.step_timeout()
    try:
        conn = await Conn.open(ctx, f"quality {host}:{port}", host, address, port)
    except NetworkNotAllowed:
        raise
    except TimeoutError:
        return NOT_MEASURED if _own_wait(ctx, budget, begun + budget) else None
    except OSError:
        return None
    ms = elapsed_ms(start)
    rtt, retransmits = tcp_info(conn.writer.get_extra_info("socket"))
    if rtt is None:
        rtt = max(0, ms - await loop_lag_ms())
    try:
        budget = ctx.step_timeout()
        deadline = loop.time() + budget
        if greet == "plain":
            data, _complete, failure = await conn.read_first(deadline)
            if not data:
                # (a read looks once more, READ_GRACE, before it calls the silence a timeout)
                own = failure == CUT_BY_DEADLINE or (failure == "timeout"
                                                     and _own_wait(ctx, budget, deadline + READ_GRACE))
                return NOT_MEASURED if own else None
        elif greet == "tls":
            try:
                await conn.start_tls(unverified_context(), server_hostname=host)
            except TimeoutError:
                return NOT_MEASURED if _own_wait(ctx, budget, deadline) else None
            except (ssl.SSLError, OSError, EOFError, ReadFailure):
                return None
        return rtt, retransmits
    finally:
        await conn.close()


async def quality_fact(ctx: ProbeContext, host: str, address: str | None, port: int,
                       greet: str | None = None) -> Fact | None:
    """Repeated connects (and greetings), staggered a little and run together so that
    loss costs one timeout, not one per attempt; None when no attempt measured the path."""
    attempts = max(1, ctx.options.quality_attempts)

    async def attempt(i: int) -> tuple[int, int | None] | str | None:
        await asyncio.sleep(0.005 * i)  # a few ms apart: no burst, yet no long chain
        return await _attempt(ctx, host, address, port, greet)

    gathered = await asyncio.gather(*(attempt(i) for i in range(attempts)))
    results = [r for r in gathered if r != NOT_MEASURED]
    good = [r for r in results if isinstance(r, tuple)]
    rtts = [r[0] for r in good]
    counted = [r[1] for r in good if r[1] is not None]
    attempts = len(results)  # the attempts that measured the path
    if not attempts:
        return None
    failures = attempts - len(good)
    return ctx.fact("tcp.quality", host=host, address=address, port=port, attempts=attempts, failures=failures,
                    loss_pct=round(100 * failures / attempts),
                    median_ms=int(statistics.median(rtts)) if rtts else None,
                    max_ms=max(rtts) if rtts else None, retransmits=sum(counted) if counted else None)


async def host_port_facts(ctx: ProbeContext, host: str, port: int, *, quality: bool = False,
                          greeting: str | None = None) -> list[Fact]:
    """``tcp.connect`` for every address of host:port (and ``tcp.quality`` where it connects)."""
    resolved = await ctx.dns.addresses(host)
    addresses: list[str | None] = list(resolved.addresses)
    if resolved.source == "hosts":
        # The hosts file decides where the client goes; DNS's addresses are connected to as
        # well, so that a stale entry can be told from a server that is down everywhere.
        addresses += [a for a in (await ctx.dns.dns_addresses(host)).addresses if a not in addresses]
    if not addresses:
        if ctx.override(host, None, port) is None:
            # A look-up the global deadline cut short is no failed look-up: the connect was never tried.
            outcome = CUT_BY_DEADLINE if resolved.outcome == CUT_BY_DEADLINE else "dns-failed"
            return [ctx.fact("tcp.connect", host=host, port=port, outcome=outcome,
                             error=f"no address ({resolved.outcome})", source="probe")]
        addresses = [None]  # a connect-to for the name itself needs no address

    async def one(address: str | None) -> list[Fact]:
        first = await connect_fact(ctx, host, address, port)
        if quality and first["outcome"] == "connected":
            measured = await quality_fact(ctx, host, address, port, greeting)
            return [first] if measured is None else [first, measured]
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
