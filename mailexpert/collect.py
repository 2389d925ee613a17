"""Run every probe for one account, concurrently, under one global deadline.

:func:`collect` is the one entry point for observation: it fills in missing server
settings from discovery (recording what it assumed), starts the collectors of
:mod:`mailexpert.probes` together, bounds each step by ``ProbeOptions.timeout`` and the
whole run by ``ProbeOptions.deadline``, and returns the facts, a redacted transcript and
per-probe timings. :class:`FollowUpRunner` carries out the probe requests that rules
emit, sharing the login budget (one login per protocol per diagnosis) with the run.

The collectors follow one protocol: ``async def collect(ctx: ProbeContext) -> list[Fact]``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any, TypeVar

import attrs

from mailexpert.account import PROTOCOLS, Account, ServerSetting, account_facts
from mailexpert.errors import MailexpertError, NetworkNotAllowed, SettingsError
from mailexpert.facts import Fact, fact
from mailexpert.knowledge import port_protocol, port_security
from mailexpert.probes import discovery, dns, environment, session, tcp, tls, web
from mailexpert.probes.context import (
    LOOPBACK_NETWORKS,
    LoginBudget,
    ProbeContext,
    ProbeOptions,
    Transcript,
    secrets,
)
from mailexpert.probes.resolve import DnsCache

__all__ = [
    "LOOPBACK_NETWORKS",
    "CollectResult",
    "FollowUpRunner",
    "ProbeOptions",
    "collect",
    "collect_sync",
    "PROBES",
]

Collector = Callable[[ProbeContext], Awaitable[list[Fact]]]

#: The collectors, by name, in the order their facts are listed.
PROBES: dict[str, Collector] = {
    "environment": environment.collect,
    "dns": dns.collect,
    "tcp": tcp.collect,
    "tls": tls.collect,
    "session": session.collect,
    "web": web.collect,
    "discovery": discovery.collect,
}

#: Grace after the global deadline for probes to hand back what they have.
DEADLINE_GRACE = 0.25


@attrs.frozen
class CollectResult:
    """What one collection saw. ``account`` has the settings actually probed."""

    account: Account
    facts: tuple[Fact, ...]
    transcript: tuple[str, ...]
    timings: Mapping[str, float]
    elapsed: float
    errors: tuple[str, ...] = ()
    budget: LoginBudget = attrs.field(factory=LoginBudget, repr=False, eq=False)

    @property
    def login_attempts(self) -> dict[str, int]:
        return self.budget.attempts

    def follow_ups(self, options: ProbeOptions) -> FollowUpRunner:
        """A runner for rule probe requests that shares this run's login budget. All its
        requests together get one more global deadline (``options.deadline``): a hostile
        server that drags out every look would otherwise cost a deadline per request."""
        return FollowUpRunner(self.account, options, budget=self.budget,
                              until=time.monotonic() + options.deadline)


def make_context(account: Account, options: ProbeOptions, *, deadline: float,
                 budget: LoginBudget | None = None, transcript: Transcript | None = None,
                 settings: tuple[ServerSetting, ...] | None = None) -> ProbeContext:
    """A context for one run; call inside the event loop that will run the probes."""
    ctx = ProbeContext(account=account, options=options,
                       settings=account.settings if settings is None else settings,
                       deadline=deadline, budget=budget or LoginBudget(), transcript=transcript)
    ctx.dns = DnsCache(ctx)
    return ctx


def default_setting(protocol: str, domain: str) -> ServerSetting:
    """The guess when nothing was configured or discovered: ``mail.<domain>`` on the standard port."""
    return attrs.evolve(ServerSetting.parse(protocol, f"mail.{domain}"), origin="default")


async def _fill_settings(ctx: ProbeContext, timings: dict[str, float]) -> tuple[Account, list[Fact]]:
    """Fill missing SMTP and (IMAP or POP3) settings from discovery; returns its facts too."""
    account = ctx.account
    need = []
    if account.smtp is None:
        need.append("smtp")
    if account.imap is None and account.pop3 is None:
        need.append("imap")
    if not need:
        return account, []
    facts: list[Fact] = []
    candidates: tuple[discovery.Candidate, ...] = ()
    if ctx.options.discovery:
        start = time.monotonic()
        found = await discovery.discover(ctx)
        timings["discovery"] = time.monotonic() - start
        facts, candidates = list(found.facts), found.candidates
    chosen = {}
    for protocol in need:
        chosen[protocol] = await discovery.choose_live(ctx, candidates, protocol) or default_setting(
            protocol, account.domain)
    return account.with_settings(chosen), facts


def _leaves(group: BaseExceptionGroup[Any]) -> list[Any]:
    leaves: list[Any] = []
    for exc in group.exceptions:
        leaves.extend(_leaves(exc) if isinstance(exc, BaseExceptionGroup) else [exc])
    return leaves


def _unique(facts: list[Fact]) -> tuple[Fact, ...]:
    return tuple(dict.fromkeys(facts))


async def collect(account: Account, options: ProbeOptions | None = None) -> CollectResult:
    """Observe everything about ``account``'s mail path; see the module docstring.

    Raises :class:`~mailexpert.errors.NetworkNotAllowed` (a SettingsError) when a
    probe was about to contact an address outside ``options.allowed_networks``.
    """
    options = options or ProbeOptions()
    loop = asyncio.get_running_loop()
    started = time.monotonic()
    deadline = loop.time() + options.deadline
    ctx = make_context(account, options, deadline=deadline)
    timings: dict[str, float] = {}
    errors: list[str] = []
    probe_facts: dict[str, list[Fact]] = {}

    async def timed(name: str, collector: Collector) -> None:
        start = time.monotonic()
        try:
            probe_facts[name] = await collector(ctx)
        except NetworkNotAllowed:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug in a probe must not lose the other probes' facts
            assert ctx.transcript is not None  # an exception may quote what a server sent
            errors.append(ctx.transcript.scrub(f"probe {name} failed: {type(exc).__name__}: {exc}"))
            ctx.note(name, f"probe failed: {type(exc).__name__}: {exc}")
        finally:
            timings[name] = time.monotonic() - start

    prefix: list[Fact] = []
    refused: list[NetworkNotAllowed] = []
    cut_short = False
    try:
        async with asyncio.timeout_at(deadline + DEADLINE_GRACE):
            effective, discovered = await _fill_settings(ctx, timings)
            ctx.account = effective
            ctx.settings = effective.settings
            prefix = account_facts(effective)
            names = [n for n in PROBES if not (n == "discovery" and (discovered or not options.discovery))]
            async with asyncio.TaskGroup() as group:
                for name in names:
                    group.create_task(timed(name, PROBES[name]))
    except* NetworkNotAllowed as eg:
        # Raised after the block: before 3.11.4 an exception raised inside except* comes out
        # wrapped in an ExceptionGroup.
        refused.extend(_leaves(eg))
    except* TimeoutError:
        cut_short = True
        errors.append(f"global deadline of {options.deadline:g} s reached; some probes were cut short")
        ctx.note("collect", "global deadline reached")
    finally:
        ctx.dns.cancel_all()
    if refused:
        raise refused[0]
    if not prefix:
        prefix = account_facts(ctx.account)
    # Recorded facts include those of probes cut short by the deadline.
    facts = _unique(prefix + ctx.recorded)
    if cut_short:
        facts = _unique([*facts, *_sessions_cut_short(ctx.settings, facts)])
    assert ctx.transcript is not None
    return CollectResult(account=ctx.account, facts=facts, transcript=ctx.transcript.lines, timings=dict(timings),
                         elapsed=time.monotonic() - started, errors=tuple(errors), budget=ctx.budget)


def _sessions_cut_short(settings: tuple[ServerSetting, ...], facts: tuple[Fact, ...]) -> list[Fact]:
    """A ``login.result`` skipped for "deadline" for each server setting whose session the
    global deadline cancelled before it ended (a session that ends always says how its login
    went). Without it a session cancelled before its first failing step leaves nothing that
    fails -- a greeting at most -- and the report would call a broken account healthy
    ("No problem found") when only this computer or the network was too slow to look."""
    ended = {(f.get("protocol"), f.get("host"), f.get("port")) for f in facts if f.kind == "login.result"}
    return [fact("login.result", host=s.host, port=s.port, protocol=s.protocol, outcome="skipped",
                 skipped_reason="deadline")
            for s in settings if (s.protocol, s.host, s.port) not in ended]


_T = TypeVar("_T")


def _run_sync(coro_factory: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
    """Run a coroutine to completion from sync code, even if this thread runs a loop already."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro_factory())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(coro_factory())).result()


def collect_sync(account: Account, options: ProbeOptions | None = None) -> CollectResult:
    """:func:`collect` for synchronous callers."""
    return _run_sync(lambda: collect(account, options))


def _request_parts(request: Any) -> tuple[str, dict[str, Any]]:
    if isinstance(request, Mapping):
        name, args = request.get("name"), request.get("args") or {}
    else:
        name = getattr(request, "name", None)
        args = getattr(request, "arguments", None)
        if args is None:
            args = getattr(request, "args", {}) or {}
    if isinstance(args, tuple | list):
        args = dict(args)
    if not isinstance(name, str) or not isinstance(args, Mapping):
        raise SettingsError(f"a probe request needs a name and args, got {request!r}")
    return name, dict(args)


def _port(args: Mapping[str, Any]) -> int:
    try:
        port = int(args["port"])
    except (KeyError, TypeError, ValueError):
        raise SettingsError(f"probe request: port missing or not a number in {dict(args)!r}") from None
    if not 1 <= port <= 65535:
        raise SettingsError(f"probe request: port {port} out of range")
    return port


def _host(args: Mapping[str, Any]) -> str:
    from mailexpert.account import normalise_host

    return normalise_host(str(args.get("host", "")), "probe request")


class FollowUpRunner:
    """Carries out rule probe requests; callable as the engine's ``ProbeRunner``.

    Supported names and args: ``tcp`` {host, port}; ``tls-versions`` {host, port, mode
    (implicit|starttls), protocol?}; ``dns`` {name, rrtype, role?}; ``session`` {protocol,
    host, port, security} (logs in only if that protocol has had no login yet);
    ``quality`` {host, port}.
    """

    NAMES = ("tcp", "tls-versions", "dns", "session", "quality")

    def __init__(self, account: Account, options: ProbeOptions, *, budget: LoginBudget | None = None,
                 until: float | None = None) -> None:
        self.account = account
        self.options = options
        self.budget = budget or LoginBudget()
        self.until = until  # time.monotonic() by which every request must be done (None: each has a deadline)
        self.transcript = Transcript(secrets(account, options))

    def __repr__(self) -> str:
        return f"FollowUpRunner({self.account!r}, budget={self.budget!r})"

    def __call__(self, request: Any) -> list[Fact]:
        return _run_sync(lambda: self.run(request))

    async def run(self, request: Any) -> list[Fact]:
        name, args = _request_parts(request)
        if name not in self.NAMES:
            raise SettingsError(f"unknown probe request {name!r} (known: {', '.join(self.NAMES)})")
        seconds = self.options.deadline
        if self.until is not None:
            seconds = min(seconds, self.until - time.monotonic())
            if seconds <= 0:
                raise MailexpertError(f"not run: the follow-up probes' deadline of {self.options.deadline:g} s has passed")
        loop = asyncio.get_running_loop()
        ctx = make_context(self.account, self.options, deadline=loop.time() + seconds,
                           budget=self.budget, transcript=self.transcript)
        returned: list[Fact] = []
        try:
            async with asyncio.timeout_at(ctx.deadline + DEADLINE_GRACE):
                returned = await self._dispatch(ctx, name, args)
        except TimeoutError:
            returned = []
        finally:
            ctx.dns.cancel_all()
        # Everything recorded counts, also what a probe cut short by the deadline saw.
        return list(_unique(list(returned) + ctx.recorded))

    async def _dispatch(self, ctx: ProbeContext, name: str, args: dict[str, Any]) -> list[Fact]:
        if name == "dns":
            rrtype = str(args.get("rrtype", "A")).upper()
            role = args.get("role")
            if role not in (None, "system", "reference"):
                raise SettingsError(f"probe request dns: unknown role {role!r}")
            variant_of = args.get("variant_of")
            return await dns.query_facts(ctx, str(args["name"]).rstrip("."), rrtype, role,
                                         variant_of=str(variant_of) if variant_of else None)
        host, port = _host(args), _port(args)
        if name == "tcp":
            return await tcp.host_port_facts(ctx, host, port)
        if name == "quality":
            resolved = await ctx.dns.addresses(host)
            addresses = list(resolved.addresses) or [None]
            greet = tcp.greeting_mode(port)
            measured = await asyncio.gather(*(tcp.quality_fact(ctx, host, a, port, greet) for a in addresses))
            return [f for f in measured if f is not None]
        if name == "tls-versions":
            mode = str(args.get("mode", "implicit"))
            if mode not in ("implicit", "starttls"):
                raise SettingsError(f"probe request tls-versions: unknown mode {mode!r}")
            protocol = str(args.get("protocol") or (port_protocol(port) or "smtp"))
            setting = ServerSetting(protocol=protocol, host=host, port=port,
                                    security="ssl" if mode == "implicit" else "starttls")
            return await tls.version_facts(ctx, setting, mode=mode)
        # session
        protocol = str(args.get("protocol") or (port_protocol(port) or ""))
        if protocol not in PROTOCOLS:
            raise SettingsError(f"probe request session: unknown protocol {protocol!r}")
        security = str(args.get("security") or (port_security(port) or "starttls"))
        setting = ServerSetting(protocol=protocol, host=host, port=port, security=security)
        return await session.run_setting(ctx, setting, login=not self.budget.spent(protocol))
