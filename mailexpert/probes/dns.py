"""DNS probe: A/AAAA of every configured and web host, MX and mail SRV of the domain, per role.

Each query goes to the "system" resolvers and, when configured, to the "reference"
resolvers (a second opinion), and yields a ``dns.answer``; each record a ``dns.record``
(addresses flagged ``bogon`` when a public name points into a sinkhole range); each host's
addresses are compared between the two roles in ``dns.compare``. Each line of the hosts file
that maps a configured host's name is a ``dns.hosts-entry`` (the hosts file overrides DNS).
"""

from __future__ import annotations

import asyncio
import ipaddress
from urllib.parse import urlsplit

from mailexpert.account import is_ip
from mailexpert.facts import Fact
from mailexpert.probes import variants
from mailexpert.probes.context import ProbeContext
from mailexpert.probes.resolve import DnsResult

#: RFC 6186 names plus RFC 8314's ``_submissions``.
SRV_SERVICES = ("_submission._tcp", "_submissions._tcp", "_imap._tcp", "_imaps._tcp", "_pop3._tcp", "_pop3s._tcp")


def web_hosts(urls: tuple[str, ...]) -> list[str]:
    hosts = []
    for url in urls:
        host = urlsplit(url).hostname
        if host:
            hosts.append(host.lower())
    return list(dict.fromkeys(hosts))


def probe_names(ctx: ProbeContext) -> list[tuple[str, str]]:
    """(name, rrtype) pairs the DNS probe asks about."""
    hosts = [s.host for s in ctx.settings] + web_hosts(ctx.options.web_urls)
    names: list[tuple[str, str]] = []
    for host in dict.fromkeys(hosts):
        if not is_ip(host):
            names += [(host, "A"), (host, "AAAA")]
    domain = ctx.account.domain
    names.append((domain, "MX"))
    names += [(f"{svc}.{domain}", "SRV") for svc in SRV_SERVICES]
    return names


def is_bogon(ctx: ProbeContext, name: str, address: str) -> bool:
    """A sinkhole answer: unspecified always; a private/reserved range only for a public name."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.is_unspecified:
        return True
    name = name.lower().rstrip(".")
    local = any(name == z or name.endswith("." + z) for z in ctx.options.local_zones)
    return not local and any(ip in net for net in ctx.options.bogon_networks)


def result_facts(ctx: ProbeContext, r: DnsResult, variant_of: str | None = None) -> list[Fact]:
    """``dns.answer`` and ``dns.record`` facts of one query."""
    out = [ctx.fact("dns.answer", name=r.name, rrtype=r.rrtype, resolver=r.resolver, role=r.role,
                    outcome=r.outcome, count=len(r.records), elapsed_ms=r.elapsed_ms, source="probe",
                    variant_of=variant_of)]
    for value, priority, port in r.records:
        bogon = is_bogon(ctx, r.name, value) if r.rrtype in ("A", "AAAA") else None
        out.append(ctx.fact("dns.record", name=r.name, rrtype=r.rrtype, resolver=r.resolver, role=r.role,
                            value=value, priority=priority, port=port, bogon=bogon))
    return out


def compare_facts(ctx: ProbeContext, results: list[DnsResult]) -> list[Fact]:
    by_key = {(r.name, r.rrtype, r.role): r for r in results}
    out = []
    for (name, rrtype, role), sysr in by_key.items():
        if role != "system" or rrtype not in ("A", "AAAA"):
            continue
        ref = by_key.get((name, rrtype, "reference"))
        if ref is None or (sysr.outcome != "answer" and ref.outcome != "answer"):
            continue
        a, b = sorted(set(sysr.values)), sorted(set(ref.values))
        out.append(ctx.fact("dns.compare", name=name, rrtype=rrtype, same=a == b,
                            system=",".join(a), reference=",".join(b)))
    return out


async def collect(ctx: ProbeContext) -> list[Fact]:
    """Ask every name of :func:`probe_names` at every configured role."""
    pairs = [(n, t, role) for role in ctx.dns.roles() for n, t in probe_names(ctx)]
    results = list(await asyncio.gather(*(ctx.dns.query(n, t, role) for n, t, role in pairs)))
    facts: list[Fact] = []
    for r in results:
        facts += result_facts(ctx, r)
    facts += compare_facts(ctx, results)
    return facts + hosts_file_facts(ctx) + await _variant_facts(ctx, results)


def hosts_file_facts(ctx: ProbeContext) -> list[Fact]:
    """``dns.hosts-file`` (which file was read, and how), and ``dns.hosts-entry`` for each line
    of it that maps a configured server's name: a mail program reaches that address, whatever
    DNS answers."""
    hosts = ctx.dns.hosts
    names = dict.fromkeys(s.host.rstrip(".").lower() for s in ctx.settings if not is_ip(s.host))
    entries = [ctx.fact("dns.hosts-entry", name=e.name, address=e.address, family=e.family, file=hosts.path,
                        line=e.line) for name in names for e in hosts.lookup(name)]
    return [ctx.fact("dns.hosts-file", file=hosts.path, outcome=hosts.outcome, truncated=hosts.truncated,
                     mapped=len({f["name"] for f in entries})), *entries]


async def _variant_facts(ctx: ProbeContext, results: list[DnsResult]) -> list[Fact]:
    """For each configured host that does not exist, look up its near variants (see
    :mod:`mailexpert.probes.variants`): the answers name the host they would correct."""
    from mailexpert.providers import default_table

    configured = {s.host.lower() for s in ctx.settings}
    missing = {r.name.lower() for r in results if r.outcome == "nxdomain" and r.name.lower() in configured}
    known = [*variants.conventional_hosts(ctx.account.domain), *(h for p in default_table().providers for h in p.hosts)]
    queries = [(v, host) for host in sorted(missing) for v in variants.near_variants(host, known)[:5]]
    facts: list[Fact] = []
    for candidate, host in queries:
        facts += await query_facts(ctx, candidate, "A", variant_of=host)
    return facts


async def query_facts(ctx: ProbeContext, name: str, rrtype: str, role: str | None = None,
                      variant_of: str | None = None) -> list[Fact]:
    """One follow-up query (both roles unless ``role`` is given). ``variant_of`` is recorded
    only when ``name`` really is a near variant of that host."""
    if variant_of is not None and not variants.is_near_variant(name, variant_of):
        variant_of = None
    roles = [role] if role else list(ctx.dns.roles())
    results = list(await asyncio.gather(*(ctx.dns.query(name, rrtype, r) for r in roles)))
    facts: list[Fact] = []
    for r in results:
        facts += result_facts(ctx, r, variant_of)
    return facts + compare_facts(ctx, results)
