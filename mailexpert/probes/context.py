"""The shared state every probe runs with: options, deadline, guards, transcript, login budget.

A :class:`ProbeContext` is made once per diagnosis (by :mod:`mailexpert.collect`) and
handed to every collector. It holds what is shared between concurrent probes:

* the options (:class:`ProbeOptions`) and the effective server settings;
* the time budget: a per-step timeout clamped to the global deadline (a step whose clamped
  time runs out is cut by the deadline, not timed out: :meth:`ProbeContext.ran_out`);
* the network guard: every address a probe is about to contact is checked against
  ``allowed_networks`` first, so a mistake raises :class:`NetworkNotAllowed` instead of
  sending traffic;
* the connect-to map (logical host/address and port -> real address and port);
* the DNS cache (so a name is resolved once for all probes) and the login budget (at
  most one login per protocol per diagnosis, follow-ups included);
* the redacted transcript and the facts recorded so far (kept even when a probe is
  cancelled at the global deadline).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import threading
import time
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import Any

import attrs

from mailexpert.account import Account, ConnectTo, ResolverAddress, ServerSetting, format_host_port
from mailexpert.classify import clean_text
from mailexpert.errors import DeadlineReached, NetworkNotAllowed, SettingsError
from mailexpert.facts import CUT_BY_DEADLINE, Fact, fact
from mailexpert.redact import Scrubber

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: The loopback networks: what tests pass as ``allowed_networks``.
LOOPBACK_NETWORKS: tuple[IPNetwork, ...] = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))

#: Public resolvers used as the "second opinion" when none is configured.
DEFAULT_REFERENCE_DNS = ("1.1.1.1", "9.9.9.9")
#: Reference URLs for "does the web work": stable, TLS-only, tiny.
DEFAULT_WEB_URLS = ("https://www.wikipedia.org/", "https://example.com/")

#: Address ranges a public name should never resolve to (sinkhole / poisoned answers).
DEFAULT_BOGON_NETWORKS = (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
    "203.0.113.0/24", "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "2001:db8::/32",
)
#: Zones whose names are private by nature: a private address there is no sinkhole.
DEFAULT_LOCAL_ZONES = ("localhost", "local", "lan", "home", "internal", "intranet", "corp", "localdomain",
                       "home.arpa", "test", "invalid", "example")



def _networks(value: Iterable[str | IPNetwork] | None) -> tuple[IPNetwork, ...] | None:
    if value is None:
        return None
    out = []
    for item in value:
        try:
            out.append(ipaddress.ip_network(item, strict=False) if isinstance(item, str) else item)
        except ValueError:
            raise SettingsError(f"allowed network {item!r} is not a network (e.g. 127.0.0.0/8)") from None
    return tuple(out)


def _resolvers(value: Iterable[str | ResolverAddress] | None) -> tuple[ResolverAddress, ...] | None:
    if value is None:
        return None
    return tuple(v if isinstance(v, ResolverAddress) else ResolverAddress.parse(v) for v in value)


def _reference_resolvers(value: Iterable[str | ResolverAddress] | None) -> tuple[ResolverAddress, ...]:
    return _resolvers(value) or ()


def _connect_to(value: Iterable[str | tuple[str, int, str, int] | ConnectTo]) -> tuple[ConnectTo, ...]:
    out = []
    for v in value:
        if isinstance(v, ConnectTo):
            out.append(v)
        elif isinstance(v, str):
            out.append(ConnectTo.parse(v))
        else:
            out.append(ConnectTo.from_tuple(v))
    return tuple(out)


@attrs.frozen
class ProbeOptions:
    """How to probe. Every default that points at the internet can be overridden (tests do).

    ``dns_servers``: the "system" resolvers (None: read /etc/resolv.conf).
    ``reference_dns``: the second-opinion resolvers (empty: no reference queries).
    ``connect_to``: ``HOST:PORT:ADDR:PORT`` overrides (strings, tuples or ConnectTo).
    ``timeout``: seconds per step; ``deadline``: seconds for the whole collection.
    ``allowed_networks``: None allows any address; tests pass loopback only.
    ``environ``: where proxy variables are read (None: ``os.environ``).
    ``hosts_file``: the hosts file names are looked up in first (None: the OS's own).
    """

    dns_servers: tuple[ResolverAddress, ...] | None = attrs.field(default=None, converter=_resolvers)
    reference_dns: tuple[ResolverAddress, ...] = attrs.field(
        default=DEFAULT_REFERENCE_DNS, converter=_reference_resolvers
    )
    connect_to: tuple[ConnectTo, ...] = attrs.field(default=(), converter=_connect_to)
    ca_file: str | None = None
    web_urls: tuple[str, ...] = attrs.field(default=DEFAULT_WEB_URLS, converter=tuple)
    proxy: str | None = attrs.field(default=None, repr=False)  # may carry credentials
    timeout: float = attrs.field(default=5.0)
    deadline: float = attrs.field(default=30.0)
    no_login: bool = False
    allow_insecure_login: bool = False
    #: After an SMTP login the server took, MAIL FROM and RCPT TO the account's own address,
    #: then RSET: whether the server takes mail from that sender (never DATA).
    envelope_test: bool = True
    #: Check each server certificate against its CA's revocation list (mailexpert.probes.revocation).
    revocation_check: bool = True
    allowed_networks: tuple[IPNetwork, ...] | None = attrs.field(default=None, converter=_networks)
    quality_attempts: int = 5
    environ: Mapping[str, str] | None = attrs.field(default=None, repr=False)
    resolv_conf: str = "/etc/resolv.conf"
    #: The hosts file the probes read before DNS, as getaddrinfo does (None: the OS's own,
    #: :func:`mailexpert.probes.hostsfile.default_path`); tests give their own file.
    hosts_file: str | None = None
    bogon_networks: tuple[IPNetwork, ...] = attrs.field(default=DEFAULT_BOGON_NETWORKS, converter=_networks)
    local_zones: tuple[str, ...] = attrs.field(default=DEFAULT_LOCAL_ZONES, converter=tuple)
    discovery: bool = True
    provider_tables: tuple[str, ...] = attrs.field(default=(), converter=tuple)  # extra tables, tried first
    #: The EHLO argument; None: the address literal of the connection's own address
    #: (``[192.0.2.1]``, ``[IPv6:2001:db8::1]``), as RFC 5321 4.1.4 asks of a client without a
    #: name in the DNS. A made-up name fails ``reject_unknown_helo_hostname`` and its kin.
    ehlo_name: str | None = None

    @timeout.validator
    def _timeout_ok(self, _a: attrs.Attribute[float], value: float) -> None:
        if not value > 0:
            raise SettingsError(f"the step timeout must be positive, not {value!r}")

    @deadline.validator
    def _deadline_ok(self, _a: attrs.Attribute[float], value: float) -> None:
        if not value > 0:
            raise SettingsError(f"the deadline must be positive, not {value!r}")


class LoginBudget:
    """At most one login per protocol per diagnosis, shared by the collection and its follow-ups."""

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._attempts: dict[str, int] = {}
        self._lock = threading.Lock()

    def take(self, protocol: str) -> bool:
        """Claim the one login of ``protocol``; False when it was already spent."""
        with self._lock:
            if protocol in self._used:
                return False
            self._used.add(protocol)
            self._attempts[protocol] = self._attempts.get(protocol, 0) + 1
            return True

    def spent(self, protocol: str) -> bool:
        with self._lock:
            return protocol in self._used

    @property
    def attempts(self) -> dict[str, int]:
        with self._lock:
            return dict(self._attempts)

    def __repr__(self) -> str:
        return f"LoginBudget(spent={sorted(self._used)})"


def secrets(account: Account, options: ProbeOptions) -> list[str]:
    """Every secret a diagnosis holds: the account's password and OAuth token, the proxy's password."""
    candidates = (account.password, account.oauth_token, _proxy_password(options.proxy))
    return [s for s in candidates if s]


class Transcript:
    """The protocol conversation, redacted: secrets are never written, and scrubbed if they were."""

    MAX_LINES = 5000
    MAX_LINE = 400

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._lines: list[str] = []
        self.scrub = Scrubber(secrets)
        self._start = time.monotonic()

    def add(self, label: str, direction: str, text: str) -> None:
        """Record one line; ``direction`` is ``C`` (we sent), ``S`` (server) or ``*`` (a note)."""
        if len(self._lines) >= self.MAX_LINES:
            return
        line = f"{time.monotonic() - self._start:7.3f} [{label}] {direction}: {clean_text(text, self.MAX_LINE)}"
        # Belt and braces: the session code never passes a secret, but a server may echo one.
        self._lines.append(self.scrub(line))

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self._lines)

    def __repr__(self) -> str:
        return f"Transcript({len(self._lines)} lines)"


class StepTime(float):
    """A step's time limit (seconds, or an event-loop time) that knows whether the global
    deadline capped it below the step timeout. A plain float (as from
    :meth:`ProbeContext.patient_deadline`, whose limit is the global deadline by design) is
    never capped: running out of it stays ``timeout``."""

    capped: bool

    def __new__(cls, value: float, *, capped: bool = False) -> StepTime:
        made = super().__new__(cls, value)
        made.capped = capped
        return made


@attrs.define(repr=False, eq=False)
class ProbeContext:
    """Everything a probe needs; one per diagnosis (see the module docstring)."""

    account: Account
    options: ProbeOptions
    settings: tuple[ServerSetting, ...]
    deadline: float  # event-loop time at which everything must have ended
    budget: LoginBudget = attrs.Factory(LoginBudget)
    transcript: Transcript | None = None
    recorded: list[Fact] = attrs.Factory(list)
    timings: dict[str, float] = attrs.Factory(dict)
    dns: Any = None  # probes.resolve.DnsCache, set by make_context

    def __attrs_post_init__(self) -> None:
        if self.transcript is None:
            self.transcript = Transcript(secrets(self.account, self.options))

    # -- time ------------------------------------------------------------------------
    def remaining(self) -> float:
        return self.deadline - asyncio.get_running_loop().time()

    def step_timeout(self, limit: float | None = None) -> StepTime:
        """The time one step may take: the step timeout, never past the global deadline. The
        result knows whether the global deadline capped it (:meth:`ran_out`)."""
        step = self.options.timeout if limit is None else min(limit, self.options.timeout)
        remaining = self.remaining()
        return StepTime(max(0.0, min(step, remaining)), capped=remaining < step)

    def step_deadline(self, limit: float | None = None) -> StepTime:
        """The event-loop time by which one step must end (:meth:`step_timeout` from now)."""
        timeout = self.step_timeout(limit)
        return StepTime(asyncio.get_running_loop().time() + timeout, capped=timeout.capped)

    @staticmethod
    def ran_out(limit: float) -> str:
        """The outcome of a step whose time ``limit`` (a :meth:`step_timeout` or
        :meth:`step_deadline`) ran out: :data:`~mailexpert.facts.CUT_BY_DEADLINE` when the
        global deadline had capped it -- the diagnosis's clock ran out, not the server's or the
        network's time -- else ``timeout``. Every probe decides it here."""
        return CUT_BY_DEADLINE if getattr(limit, "capped", False) else "timeout"

    @staticmethod
    @contextlib.asynccontextmanager
    async def within(limit: float) -> AsyncIterator[None]:
        """``asyncio.timeout(limit)`` for a :meth:`step_timeout`; when the time ran out and the
        global deadline had capped it, the TimeoutError is :class:`DeadlineReached`."""
        try:
            if limit <= 0:
                raise TimeoutError("no time left")
            async with asyncio.timeout(limit):
                yield
        except TimeoutError as exc:
            if isinstance(exc, DeadlineReached) or ProbeContext.ran_out(limit) != CUT_BY_DEADLINE:
                raise
            raise DeadlineReached("cut by the diagnosis's deadline") from exc

    def patient_deadline(self) -> float:
        """The deadline of a step a server drags out on purpose after it has shown it is alive:
        the rest of a greeting that has begun (postscreen sends "220-" and the rest only after
        its pregreet wait, 6 s by default) and the answer to a login (servers delay failed
        logins: Dovecot 2 s, and up to 15 s more for an address with recent failures). Mail
        clients wait minutes there (RFC 5321 4.5.3.2 gives the greeting 5 minutes), so such a
        step may use what is left of the global deadline, not only the step timeout."""
        return asyncio.get_running_loop().time() + max(0.0, self.remaining())

    # -- network guard and overrides ---------------------------------------------------
    def guard(self, address: str, port: int | None = None) -> None:
        """Raise NetworkNotAllowed unless ``address`` is inside ``allowed_networks``."""
        allowed = self.options.allowed_networks
        if allowed is None:
            return
        try:
            ip: IPAddress | None = ipaddress.ip_address(address)
        except ValueError:
            ip = None
        if ip is None or not any(ip in net for net in allowed):
            where = format_host_port(address, port) if port is not None else address
            raise NetworkNotAllowed(f"refusing to contact {where}: outside the allowed networks",
                                    address=address, port=port)

    def override(self, host: str, address: str | None, port: int) -> tuple[str, int] | None:
        """The connect-to target for (resolved address or host, logical port), if any.

        The resolved address is looked up first (the lab maps addresses), then the name.
        """
        for key in (address, host):
            if key is None:
                continue
            for c in self.options.connect_to:
                if c.host == key and c.port == port:
                    return c.address, c.real_port
        return None

    # -- facts -------------------------------------------------------------------------
    def fact(self, kind: str, **fields: Any) -> Fact:
        """Build a validated fact and record it (so it survives a cancelled probe). Every text
        is scrubbed of secrets first: a server may echo the password in a reply or greeting."""
        assert self.transcript is not None
        scrub = self.transcript.scrub
        if scrub:
            fields = {k: scrub(v) if isinstance(v, str) else v for k, v in fields.items()}
        made = fact(kind, **fields)
        self.recorded.append(made)
        return made

    def note(self, label: str, text: str) -> None:
        assert self.transcript is not None
        self.transcript.add(label, "*", text)

    def environ(self) -> Mapping[str, str]:
        return os.environ if self.options.environ is None else self.options.environ


def _proxy_password(proxy: str | None) -> str | None:
    if not proxy:
        return None
    from urllib.parse import unquote, urlsplit

    try:
        password = urlsplit(proxy).password
    except ValueError:
        return None
    return unquote(password) if password else None


def elapsed_ms(start: float) -> int:
    """Milliseconds since ``start`` (a ``time.monotonic()`` value)."""
    return max(0, round((time.monotonic() - start) * 1000))
