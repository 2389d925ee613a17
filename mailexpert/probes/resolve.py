"""Name resolution for all probes, through dnspython only, each query asked once.

Never ``getaddrinfo``: the system resolver would send lab names (and anything else) off
this machine. The "system" role uses the resolvers given in the options, or the ones the OS is
configured with (:func:`system_resolvers`; only when no resolver was given). The "reference" role
uses the reference resolvers. Every nameserver address passes the network guard before
a query is sent.

A name the hosts file maps (:mod:`mailexpert.probes.hostsfile`) has the file's addresses, as
``getaddrinfo`` gives a mail program: the connection probes reach what the client reaches.
The DNS probe still asks DNS about it, and :meth:`DnsCache.dns_addresses` gives DNS's answer.

Results are cached as futures, so the DNS probe, the TCP probe, the sessions and
discovery all share one query per (name, type, role), even when they ask concurrently.
"""

from __future__ import annotations

import asyncio
import ipaddress
import sys
import time
from collections.abc import Sequence
from typing import Any

import attrs
import dns.asyncresolver
import dns.exception
import dns.nameserver
import dns.rdatatype
import dns.resolver

from mailexpert.account import ResolverAddress, is_ip
from mailexpert.classify import classify_dns_error, clean_text
from mailexpert.probes import hostsfile
from mailexpert.probes.context import ProbeContext


@attrs.frozen
class DnsResult:
    """The outcome of one query: ``answer`` with records, or the failure outcome."""

    name: str
    rrtype: str
    role: str
    resolver: str
    outcome: str
    records: tuple[tuple[str, int | None, int | None], ...] = ()  # (value, priority, port)
    elapsed_ms: int = 0
    error: str | None = None

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(r[0] for r in self.records)


@attrs.frozen
class Addresses:
    """The addresses of one host (A then AAAA) and why there are none, if so."""

    host: str
    addresses: tuple[str, ...]
    outcome: str  # answer, or the A query's failure outcome
    source: str = "dns"  # dns, or hosts: the hosts file maps the name


def system_resolvers(resolv_conf: str = "/etc/resolv.conf") -> tuple[tuple[ResolverAddress, ...], str]:
    """The resolvers the OS is configured with, and where that was read: dnspython reads
    ``resolv_conf`` on Unix (macOS keeps /etc/resolv.conf up to date too) and the registry on
    Windows (source "system"). Nothing is sent."""
    source = "system" if sys.platform == "win32" else "resolv.conf"
    try:
        resolver = dns.resolver.Resolver(filename=resolv_conf, configure=True)
    except dns.resolver.NoResolverConfiguration:
        return (), source
    except (ValueError, OSError, NotImplementedError, dns.exception.DNSException):
        # An entry dnspython refuses must not hide the others: read the file line by line.
        return (read_resolv_conf(resolv_conf) if source == "resolv.conf" else ()), source
    found: list[ResolverAddress] = []
    for server in resolver.nameservers:
        if isinstance(server, dns.nameserver.Do53Nameserver):
            address, port = server.address, server.port
        elif isinstance(server, str) and is_ip(server.split("%")[0]):
            address, port = server, resolver.nameserver_ports.get(server, resolver.port)
        else:
            continue  # DNS over HTTPS and the like: not a Do53 server the probes can ask
        found.append(ResolverAddress(ip=str(ipaddress.ip_address(address.split("%")[0])), port=port))
    return tuple(found), source


def read_resolv_conf(path: str) -> tuple[ResolverAddress, ...]:
    """The ``nameserver`` lines of a resolv.conf file (reading a file sends no traffic)."""
    found: list[ResolverAddress] = []
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[0] == "nameserver":
                    try:
                        found.append(ResolverAddress(ip=str(ipaddress.ip_address(parts[1].split("%")[0])), port=53))
                    except ValueError:
                        continue
    except OSError:
        return ()
    return tuple(found)


def _rdata_record(rrtype: str, rdata: object) -> tuple[str, int | None, int | None]:
    if rrtype == "MX":
        return (str(rdata.exchange).rstrip("."), int(rdata.preference), None)  # type: ignore[attr-defined]
    if rrtype == "SRV":
        return (str(rdata.target).rstrip(".") or ".", int(rdata.priority), int(rdata.port))  # type: ignore[attr-defined]
    if rrtype in ("CNAME", "NS"):
        return (str(rdata.target).rstrip("."), None, None)  # type: ignore[attr-defined]
    if rrtype == "TXT":
        return (clean_text(b"".join(rdata.strings).decode("utf-8", "replace"), 500), None, None)  # type: ignore[attr-defined]
    return (str(rdata), None, None)


#: Seconds before a query without an answer is sent again: a lost UDP datagram costs one
#: interval, not the whole step timeout (stub resolvers retry too: glibc after its timeout,
#: Windows after 1 s). Earlier copies keep listening, so a slow answer still counts.
RETRY_INTERVAL = 1.0
#: Copies of one query at most (the first and two retries), all within the step timeout.
MAX_TRIES = 3


def _resolver(servers: Sequence[ResolverAddress], lifetime: float) -> dns.asyncresolver.Resolver:
    resolver = dns.asyncresolver.Resolver(configure=False)
    resolver.nameservers = [dns.nameserver.Do53Nameserver(s.ip, s.port) for s in servers]
    # Give each nameserver its share so that a dead first server leaves time for the next.
    resolver.timeout = max(0.2, lifetime / len(servers))
    resolver.lifetime = max(0.05, lifetime)
    resolver.retry_servfail = False
    return resolver


async def resolve_with_retries(name: str, rrtype: str, servers: Sequence[ResolverAddress],
                               lifetime: float) -> dns.resolver.Answer:
    """The first answer to up to :data:`MAX_TRIES` copies of one query, sent
    :data:`RETRY_INTERVAL` apart (shorter when the lifetime is short), each on its own socket
    and all ending with ``lifetime``. A definitive failure (NXDOMAIN, no data, SERVFAIL,
    REFUSED, a dead server) ends the wait at once; only a timeout waits for the others."""
    loop = asyncio.get_running_loop()
    end = loop.time() + lifetime
    interval = max(0.2, min(RETRY_INTERVAL, lifetime / MAX_TRIES))

    async def attempt(i: int) -> dns.resolver.Answer:
        await asyncio.sleep(i * interval)
        left = end - loop.time()
        if i and left <= 0.05:  # a retry with no time left to be answered; the first copy always goes
            raise dns.exception.Timeout(timeout=lifetime)  # type: ignore[no-untyped-call]  # dnspython's __init__ is untyped
        resolver = _resolver(servers, left)
        return await resolver.resolve(name, rrtype, search=False, lifetime=resolver.lifetime)

    tasks = [asyncio.ensure_future(attempt(i)) for i in range(MAX_TRIES)]
    pending: set[asyncio.Future[dns.resolver.Answer]] = set(tasks)
    timeout: BaseException | None = None
    try:
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                exc = task.exception()
                if exc is None:
                    return task.result()
                if not isinstance(exc, dns.exception.Timeout):
                    raise exc
                timeout = timeout or exc
        assert timeout is not None
        raise timeout
    finally:
        for task in tasks:
            if not task.done():
                # A copy whose answer is already on its way may still end with it rather than
                # with the cancellation: its error is retrieved then too, never logged.
                task.cancel()
                task.add_done_callback(_retrieve)
            elif not task.cancelled():
                task.exception()  # a copy that failed beside the one that decided: retrieved, not logged


def _retrieve(task: asyncio.Future[dns.resolver.Answer]) -> None:
    if not task.cancelled():
        task.exception()


class DnsCache:
    """One query per (name, type, role) per diagnosis, shared by all probes."""

    def __init__(self, ctx: ProbeContext) -> None:
        self.ctx = ctx
        opts = ctx.options
        system = opts.dns_servers if opts.dns_servers is not None else system_resolvers(opts.resolv_conf)[0]
        self.servers: dict[str, tuple[ResolverAddress, ...]] = {
            "system": tuple(system), "reference": opts.reference_dns}
        self._queries: dict[tuple[str, str, str], asyncio.Future[DnsResult]] = {}
        self._addresses: dict[str, asyncio.Future[Addresses]] = {}
        self.hosts = hostsfile.read(opts.hosts_file or hostsfile.default_path())

    def roles(self) -> tuple[str, ...]:
        return tuple(role for role in ("system", "reference") if self.servers[role])

    def label(self, role: str) -> str:
        return ",".join(str(s) for s in self.servers[role]) or role

    async def query(self, name: str, rrtype: str, role: str = "system") -> DnsResult:
        name = name.rstrip(".").lower()
        key = (name, rrtype, role)
        fut = self._queries.get(key)
        if fut is None:
            fut = asyncio.ensure_future(self._query(name, rrtype, role))
            self._queries[key] = fut
        return await asyncio.shield(fut)

    def cancel_all(self) -> None:
        """Cancel queries still running (at the global deadline) so no task outlives the run."""
        futures: list[asyncio.Future[Any]] = [*self._queries.values(), *self._addresses.values()]
        for fut in futures:
            if not fut.done():
                fut.cancel()

    async def _query(self, name: str, rrtype: str, role: str) -> DnsResult:
        servers = self.servers.get(role, ())
        label = self.label(role)
        if not servers:
            return DnsResult(name, rrtype, role, label, "error", error="no resolver configured")
        for s in servers:
            self.ctx.guard(s.ip, s.port)
        lifetime = self.ctx.step_timeout()
        start = time.monotonic()
        self.ctx.note(f"dns {role}", f"{name} {rrtype} @ {label}")
        try:
            answer = await resolve_with_retries(name, rrtype, servers, lifetime)
        except Exception as exc:  # noqa: BLE001 - dnspython's tree, translated once below
            outcome = classify_dns_error(exc)
            if outcome == "timeout":  # no answer in time: in the server's time, or cut by ours?
                outcome = self.ctx.ran_out(lifetime)
            elapsed = int((time.monotonic() - start) * 1000)
            self.ctx.note(f"dns {role}", f"{name} {rrtype}: {outcome}")
            return DnsResult(name, rrtype, role, label, outcome, elapsed_ms=elapsed,
                             error=clean_text(str(exc) or type(exc).__name__, 300))
        elapsed = int((time.monotonic() - start) * 1000)
        rdtype = dns.rdatatype.from_text(rrtype)
        records: list[tuple[str, int | None, int | None]] = []
        for rrset in answer.response.answer:
            if rrset.rdtype == rdtype:
                records.extend(_rdata_record(rrtype, rd) for rd in rrset)
        answered_by = f"{answer.nameserver}:{answer.port}" if answer.nameserver else label
        if ":" in str(answer.nameserver or ""):
            answered_by = f"[{answer.nameserver}]:{answer.port}"
        self.ctx.note(f"dns {role}", f"{name} {rrtype}: {', '.join(r[0] for r in records)}")
        return DnsResult(name, rrtype, role, answered_by, "answer", tuple(records), elapsed)

    async def addresses(self, host: str) -> Addresses:
        """The addresses a mail program reaches ``host`` at: the hosts file's when it maps the
        name (getaddrinfo then asks no DNS server), else the system role's (A first, then
        AAAA); a literal is itself."""
        if is_ip(host):
            return Addresses(host, (host,), "answer")
        mapped = self.hosts.lookup(host)
        if mapped:
            return Addresses(host, tuple(e.address for e in mapped), "answer", source="hosts")
        return await self.dns_addresses(host)

    async def dns_addresses(self, host: str) -> Addresses:
        """The system role's addresses of ``host``, whatever the hosts file says."""
        if is_ip(host):
            return Addresses(host, (host,), "answer")
        fut = self._addresses.get(host)
        if fut is None:
            fut = asyncio.ensure_future(self._addresses_of(host))
            self._addresses[host] = fut
        return await asyncio.shield(fut)

    async def _addresses_of(self, host: str) -> Addresses:
        a, aaaa = await asyncio.gather(self.query(host, "A"), self.query(host, "AAAA"))
        found = a.values + aaaa.values
        if found:
            return Addresses(host, tuple(dict.fromkeys(found)), "answer")
        outcome = a.outcome if a.outcome != "answer" else "nodata"
        if outcome == "nodata" and aaaa.outcome not in ("answer", "nodata"):
            outcome = aaaa.outcome
        return Addresses(host, (), outcome)


def ordered_addresses(addresses: Sequence[str]) -> list[str]:
    """IPv4 before IPv6 (the order the session probe tries them)."""
    return sorted(addresses, key=lambda a: ":" in a)
