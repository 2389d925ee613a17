"""Web probe: does HTTPS work from here, directly and through the configured proxy?

GETs each reference URL (configurable; tests use the lab's) directly and, when a proxy is
configured (option or environment, unless NO_PROXY exempts the host), through it with
HTTP CONNECT. Each attempt is a ``web.fetch``; the first HTTP ``Date`` header gives a
``clock.skew`` (local minus server time). Proxy settings appear as ``proxy.setting``
(from :mod:`mailexpert.probes.environment`), without credentials.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from urllib.parse import urlsplit

from mailexpert.facts import Fact
from mailexpert.probes import http
from mailexpert.probes.context import ProbeContext
from mailexpert.probes.environment import effective_proxy, no_proxy_matches


def _fetch_fact(ctx: ProbeContext, url: str, via: str, r: http.HttpResult) -> Fact:
    host = (urlsplit(url).hostname or "").lower()
    return ctx.fact("web.fetch", url=url, host=host, via=via, outcome=r.outcome, status=r.status,
                    elapsed_ms=r.elapsed_ms, error=r.error)


def skew_seconds(date_header: str, now: float | None = None) -> int | None:
    """Local time minus the time in an HTTP ``Date`` header, in whole seconds."""
    try:
        server = email.utils.parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        return None
    if server is None or server.tzinfo is None:
        return None
    # The header has whole seconds (truncated), so compare whole seconds: an exact clock gives 0.
    return int(time.time() if now is None else now) - int(server.timestamp())


async def fetch_facts(ctx: ProbeContext, url: str) -> tuple[list[Fact], list[http.HttpResult]]:
    host = (urlsplit(url).hostname or "").lower()
    proxy = effective_proxy(ctx)
    if proxy is not None and not ctx.options.proxy and no_proxy_matches(host, ctx.environ()):
        proxy = None
    jobs = [http.get(ctx, url)]
    if proxy is not None:
        jobs.append(http.get(ctx, url, proxy=proxy))
    results = await asyncio.gather(*jobs)
    facts = [_fetch_fact(ctx, url, "direct", results[0])]
    if proxy is not None:
        facts.append(_fetch_fact(ctx, url, "proxy", results[1]))
    return facts, list(results)


async def collect(ctx: ProbeContext) -> list[Fact]:
    groups = await asyncio.gather(*(fetch_facts(ctx, u) for u in ctx.options.web_urls))
    facts = [f for g, _ in groups for f in g]
    dated = next((r for _, results in groups for r in results if r.header("date")), None)
    if dated is None:
        # A wrong clock makes every certificate look invalid, and then no verified reply
        # carries a Date. Ask once more without verifying, only to read the Date header.
        failed = [u for u, (_, results) in zip(ctx.options.web_urls, groups, strict=True)
                  if results[0].outcome == "tls-error"]
        if failed:
            dated = await http.get(ctx, failed[0], verify=False)
    if dated is not None and dated.header("date"):
        skew = skew_seconds(dated.header("date") or "")
        if skew is not None:
            facts.append(ctx.fact("clock.skew", source=dated.peer or "web", skew_s=skew))
    return facts
