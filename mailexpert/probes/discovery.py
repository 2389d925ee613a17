"""Discovery probe: what the right server settings for the account's domain would be.

Four independent sources, each a ``discovery.server`` with its ``method``:

* ``srv``: RFC 6186 / RFC 8314 SRV records (target ``.`` means "not offered");
* ``autoconfig``: the Mozilla ISP files, ``https://autoconfig.<domain>/mail/config-v1.1.xml``
  and ``https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml`` (fetched together;
  the first in that order that parses wins), through the same resolver and connect-to map;
* ``provider-table``: the offline table, by the address domain;
* ``mx``: the offline table, by the domain's most preferred MX host.

A recognised provider also gives a ``provider.policy`` (match domain, mx or host) and the
``provider.refused-login`` order of what a bare refused login there means (see
:mod:`mailexpert.refusalorder`).
:func:`choose` picks a setting per protocol for an account that lacks one.
"""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import attrs

from mailexpert.account import ServerSetting
from mailexpert.errors import SettingsError
from mailexpert.facts import Fact
from mailexpert.probes import http
from mailexpert.probes.autoconfig_xml import parse_autoconfig
from mailexpert.probes.context import ProbeContext
from mailexpert.providers import Provider, ProviderTable

#: SRV service -> (protocol, security).
SRV_SETTINGS = {
    "_submissions._tcp": ("smtp", "ssl"),
    "_submission._tcp": ("smtp", "starttls"),
    "_imaps._tcp": ("imap", "ssl"),
    "_imap._tcp": ("imap", "starttls"),
    "_pop3s._tcp": ("pop3", "ssl"),
    "_pop3._tcp": ("pop3", "starttls"),
}
#: How much each method is trusted when settings must be chosen (FairEmail's scoring).
METHOD_RANK = {"provider-table": 0, "srv": 1, "autoconfig": 2, "mx": 3, "guess": 4}
SECURITY_RANK = {"ssl": 0, "starttls": 1, "plain": 2}


@attrs.frozen
class Candidate:
    method: str
    setting: ServerSetting
    provider: str | None = None


@attrs.frozen
class Discovery:
    facts: tuple[Fact, ...]
    candidates: tuple[Candidate, ...]


def autoconfig_urls(domain: str, email: str) -> tuple[str, str]:
    return (f"https://autoconfig.{domain}/mail/config-v1.1.xml?emailaddress={quote(email, safe='@')}",
            f"https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml")


async def _srv(ctx: ProbeContext) -> list[Candidate]:
    domain = ctx.account.domain
    names = list(SRV_SETTINGS)
    results = await asyncio.gather(*(ctx.dns.query(f"{n}.{domain}", "SRV") for n in names))
    found = []
    for name, r in zip(names, results, strict=True):
        protocol, security = SRV_SETTINGS[name]
        for target, _priority, port in sorted(r.records, key=lambda rec: (rec[1] or 0)):
            if target in (".", "") or not port:
                continue  # RFC 2782: "." means the service is decidedly not available
            try:
                setting = ServerSetting(protocol=protocol, host=target, port=port, security=security,
                                        origin="discovered")
            except (SettingsError, ValueError):
                continue
            found.append(Candidate("srv", setting))
    return found


async def _autoconfig(ctx: ProbeContext) -> list[Candidate]:
    email = ctx.account.email
    urls = autoconfig_urls(ctx.account.domain, email)
    results = await asyncio.gather(*(http.get(ctx, u, body=True) for u in urls))
    for url, r in zip(urls, results, strict=True):
        if r.outcome != "ok" or r.status != 200:
            ctx.note("autoconfig", f"{url}: {r.outcome} {r.status or ''}")
            continue
        try:
            servers = parse_autoconfig(r.body, email=email)
        except SettingsError as exc:
            ctx.note("autoconfig", f"{url}: {exc}")
            continue
        return [Candidate("autoconfig", s.setting()) for s in servers]
    return []


async def _mx_provider(ctx: ProbeContext, table: ProviderTable) -> Provider | None:
    r = await ctx.dns.query(ctx.account.domain, "MX")
    if not r.records:
        return None
    best = min(r.records, key=lambda rec: rec[1] if rec[1] is not None else 65535)
    return table.by_mx(best[0])


async def discover(ctx: ProbeContext) -> Discovery:
    """Run every method; the facts and the candidate settings in preference order."""
    table = ProviderTable.load(ctx.options.provider_tables)
    domain = ctx.account.domain
    srv, auto, mx_provider = await asyncio.gather(_srv(ctx), _autoconfig(ctx), _mx_provider(ctx, table))
    candidates: list[Candidate] = []
    facts: list[Fact] = []
    policies: dict[str, str] = {}
    by_domain = table.by_domain(domain)
    if by_domain is not None:
        candidates += [Candidate("provider-table", s, by_domain.id) for s in by_domain.servers]
        policies[by_domain.id] = "domain"
    candidates += srv + auto
    if mx_provider is not None and mx_provider is not by_domain:
        candidates += [Candidate("mx", s, mx_provider.id) for s in mx_provider.servers]
        policies.setdefault(mx_provider.id, "mx")
    for s in ctx.settings:
        p = table.by_host(s.host)
        if p is not None:
            policies.setdefault(p.id, "host")
    for c in dict.fromkeys(candidates):
        s = c.setting
        facts.append(ctx.fact("discovery.server", domain=domain, protocol=s.protocol, host=s.host, port=s.port,
                              security=s.security, method=c.method, provider=c.provider))
    for pid, match in policies.items():
        provider = next(p for p in table.providers if p.id == pid)
        facts += provider.facts(ctx.fact, domain=domain, match=match)
    return Discovery(tuple(facts), tuple(candidates))


def choose(candidates: tuple[Candidate, ...], protocol: str) -> ServerSetting | None:
    """The most trusted candidate for ``protocol`` (method first, then implicit TLS)."""
    pool = [c for c in candidates if c.setting.protocol == protocol]
    if not pool:
        return None
    def rank(item: tuple[int, Candidate]) -> tuple[int, int, int]:
        index, c = item
        return METHOD_RANK[c.method], SECURITY_RANK[c.setting.security], index

    best = min(enumerate(pool), key=rank)
    return attrs.evolve(best[1].setting, origin="discovered")


#: How long discovery waits for candidates to answer: a refusal or an unknown host comes at
#: once; a silent (filtered) port is a network matter that waiting would not settle.
LIVE_CHECK_SECONDS = 1.0


async def choose_live(ctx: ProbeContext, candidates: tuple[Candidate, ...], protocol: str) -> ServerSetting | None:
    """Like :func:`choose`, but skipping candidates that are plainly dead (refused, no
    address), as a mail program's automatic set-up tries the published servers in turn: a
    stale record (a service that no longer runs) must not hide one that works. A candidate
    that has not answered within a moment counts as alive; when all are dead, the most
    trusted one."""
    from mailexpert.probes.tcp import connect_once

    pool = [c for c in candidates if c.setting.protocol == protocol]
    if len(pool) < 2:
        return choose(candidates, protocol)
    ordered = sorted(enumerate(pool), key=lambda item: (METHOD_RANK[item[1].method],
                                                         SECURITY_RANK[item[1].setting.security], item[0]))
    endpoints = list(dict.fromkeys((c.setting.host, c.setting.port) for _, c in ordered))

    async def dead(host: str, port: int) -> bool:
        resolved = await ctx.dns.addresses(host)
        addresses = resolved.addresses or ((None,) if ctx.override(host, None, port) else ())
        for address in addresses:
            outcome, _ms, _error = await connect_once(ctx, host, address, port)
            if outcome not in ("refused", "unreachable", "dns-failed"):
                return False
        return True

    tasks = {endpoint: asyncio.ensure_future(dead(*endpoint)) for endpoint in endpoints}
    await asyncio.wait(tasks.values(), timeout=min(LIVE_CHECK_SECONDS, ctx.options.timeout))
    known_dead = set()
    for endpoint, task in tasks.items():
        if task.done() and not task.cancelled():
            if task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
            if task.result():
                known_dead.add(endpoint)
        else:
            task.cancel()
    await asyncio.gather(*tasks.values(), return_exceptions=True)
    for _, c in ordered:
        if (c.setting.host, c.setting.port) not in known_dead:
            return attrs.evolve(c.setting, origin="discovered")
    return choose(candidates, protocol)


async def collect(ctx: ProbeContext) -> list[Fact]:
    return list((await discover(ctx)).facts)
