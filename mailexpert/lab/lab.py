"""The :class:`Lab`: every lab server started together, with faults, as a context manager.

::

    with Lab(scenario="cert-expired") as lab:
        target = lab.target          # what a diagnosis needs (LabTarget)
        lab.servers["imaps"].login_attempts

Each logical host of :mod:`mailexpert.lab.plan` gets its own 127.0.0.x address; every
service listens on an ephemeral port there, and ``lab.target.connect_to`` maps
(resolved address, logical port) to it. A logical port without a server, or with the
``closed`` fault, maps to a socket that is bound but not listening (connection refused);
with ``filtered`` it maps to a socket whose one-slot accept queue is kept full, so SYNs
are dropped and connects time out (lab-recipes §2(a)). No root is needed.
"""

from __future__ import annotations

import secrets
import shutil
import socket
import ssl
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

import dns.resolver

from mailexpert import tlsprofiles
from mailexpert.errors import LabError
from mailexpert.lab import faults as faultmod
from mailexpert.lab import scenarios
from mailexpert.lab.auth import Account
from mailexpert.lab.certs import CRL_PATH, CertStore
from mailexpert.lab.dns import DNSServer, ZoneData
from mailexpert.lab.faults import Fault, FaultSet
from mailexpert.lab.loop import LoopThread
from mailexpert.lab.plan import (
    EMAIL,
    FORMER_ADDRESS,
    HOSTS,
    IPV6_ADDRESS,
    LOGICAL_PORTS,
    PORT_ROLES,
    PROVIDER_EMAIL,
    PROVIDER_ZONE,
    PROXY_HOST,
    PROXY_PORT,
    REFERENCE_DNS_ADDRESS,
    SERVICE_NAMES,
    SINKHOLE_ADDRESS,
    SRV_SERVICES,
    SYSTEM_DNS_ADDRESS,
    ZONE,
    HostPlan,
    certificate_names,
    zone_records,
)
from mailexpert.lab.scenarios import Scenario
from mailexpert.lab.server import LabServer, ServerEnv
from mailexpert.lab.target import LabTarget
from mailexpert.lab.tlsctx import TLSContexts
from mailexpert.lab.web import PROXY_PASSWORD, PROXY_USER

#: The CRL Distribution Point of the lab CA's certificates: the lab's web host (plan "web"),
#: port 80, which the lab's DNS and connect-to map send to its loopback server (never another address).
LAB_CRL_URL = f"http://web.{ZONE}{CRL_PATH}"


def _family(address: str) -> str:
    return "v6" if ":" in address else "v4"


class _PathSockets:
    """The refused and filtered sockets, one of each per address, made on demand."""

    def __init__(self) -> None:
        self._closed: dict[str, socket.socket] = {}
        self._filtered: dict[str, tuple[socket.socket, socket.socket]] = {}

    @staticmethod
    def _socket(address: str) -> socket.socket:
        return socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM)

    def closed(self, address: str) -> tuple[str, int]:
        if address not in self._closed:
            sock = self._socket(address)
            sock.bind((address, 0))  # bound, never listening: SYN -> RST
            self._closed[address] = sock
        return address, self._closed[address].getsockname()[1]

    def filtered(self, address: str) -> tuple[str, int]:
        if address not in self._filtered:
            sock = self._socket(address)
            sock.bind((address, 0))
            sock.listen(0)  # never accepted: one queued connection fills it
            filler = socket.create_connection(sock.getsockname()[:2], timeout=2.0)
            self._filtered[address] = (sock, filler)
        return address, self._filtered[address][0].getsockname()[1]

    def close(self) -> None:
        for sock in self._closed.values():
            sock.close()
        for sock, filler in self._filtered.values():
            filler.close()
            sock.close()
        self._closed.clear()
        self._filtered.clear()


#: DNS worlds: what the domain publishes against what runs. In both named worlds the mail
#: host is dual-stack (an AAAA record, servers on ::1 too) and its implicit-TLS submission
#: (465) does not run. "exact": SRV records only for the
#: services that run (a service a fault takes down loses its record too); "stale": SRV
#: records for every service, also those that do not run. None: the lab's usual world,
#: where everything runs and is published.
WORLDS: dict[str | None, tuple[Fault, ...]] = {
    None: (),
    "exact": (Fault("ipv6", "mail"), Fault("closed", "mail:465")),
    "stale": (Fault("ipv6", "mail"), Fault("closed", "mail:465")),
}


class Lab:
    """A loopback lab of real servers with injectable faults.

    ``scenario`` is a scenario id (or :class:`Scenario`); ``faults`` are added to the
    scenario's. Without a scenario the account is the healthy one.
    """

    def __init__(self, scenario: str | Scenario | None = None, faults: Iterable[Fault] = (), *, seed: int = 0,
                 world: str | None = None) -> None:
        if isinstance(scenario, str):
            scenario = scenarios.get(scenario)
        if world not in WORLDS:
            raise LabError(f"unknown DNS world {world!r} (known: {', '.join(w for w in WORLDS if w)})")
        self.scenario: Scenario = scenario or scenarios.SCENARIOS["healthy"]
        self.world = world
        self.faults: tuple[Fault, ...] = tuple(self.scenario.faults) + tuple(faults) + WORLDS[world]
        for fault in self.faults:
            if not isinstance(fault, Fault):
                raise LabError(f"not a Fault: {fault!r}")
        self.seed = seed
        self.servers: dict[str, LabServer] = {}
        self.resolvers: dict[str, DNSServer] = {}
        self._accounts = {
            ZONE: Account(EMAIL, "lab-" + secrets.token_urlsafe(12), secrets.token_urlsafe(24)),
            PROVIDER_ZONE: Account(PROVIDER_EMAIL, "lab-" + secrets.token_urlsafe(12), secrets.token_urlsafe(24)),
        }
        self._loop: LoopThread | None = None
        self._paths = _PathSockets()
        self._folder: Path | None = None
        self._target: LabTarget | None = None
        self._ipv6_label = faultmod.ipv6_host(self.faults)
        self._ipv6_only = faultmod.ipv6_only(self.faults)
        self.zone = ZoneData(zone_records(self._ipv6_label, self._unpublished(), ipv6_only=self._ipv6_only))
        self.certs: CertStore | None = None

    def _unpublished(self) -> frozenset[int]:
        """The mail host's ports without an SRV record: in the "exact" world, every service that
        does not run (refused on every address); elsewhere none."""
        if self.world != "exact":
            return frozenset()
        return frozenset(p for p in SRV_SERVICES
                         if all(faultmod.path_fault(self.faults, "mail", p, family) == "closed" for family in ("v4", "v6")))

    def __repr__(self) -> str:
        state = "running" if self._target else "stopped"
        return f"<Lab {self.scenario.id} {state} faults={len(self.faults)}>"

    # -- lifecycle ---------------------------------------------------------------------
    def __enter__(self) -> Lab:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def start(self) -> None:
        if self._loop is not None:
            raise LabError("the lab is already running")
        try:
            self._folder = Path(tempfile.mkdtemp(prefix="mailexpert-lab-"))
            self.certs = CertStore(self._folder / "certs", certificate_names(), crl_url=LAB_CRL_URL)
            self._write_hosts_file(self._folder / "hosts")
            env = ServerEnv(TLSContexts(self.certs), self._accounts, self.seed, upstream=self._upstream)
            self._build_servers(env)
            self._loop = LoopThread()
            self._loop.run(self._start_all(), timeout=10.0)
            self._target = self._build_target()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop every server, join the loop thread, close sockets, remove the temp folder."""
        errors: list[str] = []
        if self._loop is not None:
            try:
                self._loop.run(self._stop_all(), timeout=10.0)
            except LabError as exc:
                errors.append(str(exc))
            try:
                self._loop.close()
            except LabError as exc:
                errors.append(str(exc))
            self._loop = None
        self._paths.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self._target = None
        if errors:
            raise LabError("; ".join(errors))

    def _write_hosts_file(self, path: Path) -> None:
        """The lab computer's own hosts file (never the real one): the ``hosts-entry`` faults'
        lines, after the entries every system has."""
        lines = ["# the lab computer's hosts file", "127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost",
                 *faultmod.hosts_lines(self.faults, HOSTS[0].name or ZONE)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _build_servers(self, env: ServerEnv) -> None:
        for plan in HOSTS:
            for port in plan.ports:
                protocol, tls_mode = PORT_ROLES[port]
                name = SERVICE_NAMES[port] if plan.label == "mail" else f"{plan.label}:{SERVICE_NAMES[port]}"
                server_faults = faultmod.for_server(self.faults, plan.label, port)
                if plan.label == "sinkhole":
                    # A block page presents a certificate for some other name.
                    server_faults = FaultSet((("cert", "wrong-host"), *server_faults.values))
                self.servers[name] = LabServer(
                    name=name, plan=plan, port=port, protocol=protocol, tls_mode=tls_mode,
                    faults=server_faults, env=env,
                )
        proxy_faults = FaultSet((("proxy", faultmod.proxy_mode(self.faults)),))
        self.servers["proxy"] = LabServer(
            name="proxy", plan=PROXY_HOST, port=PROXY_PORT, protocol="proxy", tls_mode="none",
            faults=proxy_faults, env=env,
        )
        for name, address in (("dns", SYSTEM_DNS_ADDRESS), ("dns-reference", REFERENCE_DNS_ADDRESS)):
            self.resolvers[name] = DNSServer(name, address, self.zone, faultmod.for_resolver(self.faults, name))

    def _addresses(self, plan: HostPlan) -> dict[str, str]:
        if plan.label != self._ipv6_label:
            return {"v4": plan.address}
        return {"v6": IPV6_ADDRESS} if self._ipv6_only else {"v4": plan.address, "v6": IPV6_ADDRESS}

    async def _start_all(self) -> None:
        for server in self.servers.values():
            await server.start(self._addresses(server.plan))
        for resolver in self.resolvers.values():
            await resolver.start()

    async def _stop_all(self) -> None:
        for server in self.servers.values():
            await server.stop()
        for resolver in self.resolvers.values():
            await resolver.stop()

    # -- the path map ------------------------------------------------------------------
    def _server_at(self, plan: HostPlan, port: int) -> LabServer | None:
        for server in self.servers.values():
            if server.plan == plan and server.logical_port == port:
                return server
        return None

    def _connect_to(self) -> list[tuple[str, int, str, int]]:
        entries: list[tuple[str, int, str, int]] = []
        for plan in HOSTS:
            for family, address in self._addresses(plan).items():
                for port in LOGICAL_PORTS:
                    server = self._server_at(plan, port)
                    fault = faultmod.path_fault(self.faults, plan.label, port, family)
                    if fault == "filtered":
                        real = self._paths.filtered(address)
                    elif fault == "closed" or server is None:
                        real = self._paths.closed(address)
                    else:
                        real = server.endpoints[family]
                    entries.append((address, port, *real))
        # The "unspecified" sinkhole answer: refused everywhere, never the real 0.0.0.0; and the
        # mail host's former address, where nothing listens any more (unless the old server runs on).
        for port in LOGICAL_PORTS:
            entries.append(("0.0.0.0", port, *self._paths.closed(SINKHOLE_ADDRESS)))
            entries.append((FORMER_ADDRESS, port, *self._former(port)))
        proxy = self.servers["proxy"]
        entries.append((PROXY_HOST.address, PROXY_PORT, *proxy.endpoints["v4"]))
        return entries

    def _former(self, port: int) -> tuple[str, int]:
        """What the former address serves on ``port``: the host's own server where the fault
        ``former-serves`` says the old server still runs, else nothing."""
        for plan in HOSTS:
            server = self._server_at(plan, port)
            if (server is not None and "v4" in server.endpoints
                    and faultmod.path_fault(self.faults, plan.label, port, "v4") == "former-serves"):
                return server.endpoints["v4"]
        return self._paths.closed(FORMER_ADDRESS)

    def _upstream(self, host: str, port: int) -> tuple[str, int] | None:
        """Where the proxy reaches (host, logical port): the real server, past any filtering."""
        addresses = [host] if _is_address(host) else self.zone.addresses(host, "A")
        for address in addresses:
            for plan in HOSTS:
                if address not in self._addresses(plan).values():
                    continue
                server = self._server_at(plan, port)
                if server is None or faultmod.path_fault(self.faults, plan.label, port, _family(address)) == "closed":
                    return None
                return server.endpoints[_family(address)]
        return None

    def _build_target(self) -> LabTarget:
        sc = self.scenario
        account = self._accounts[ZONE]
        password = account.password if sc.password == "right" else "wrong-" + secrets.token_urlsafe(6)
        web = next(p for p in HOSTS if p.label == "web")
        proxy_url = f"http://{PROXY_HOST.address}:{self.servers['proxy'].port}" if sc.proxy else None
        assert self.certs is not None
        return LabTarget(
            email=sc.sender or EMAIL,
            username=sc.username or EMAIL,
            password=password,
            imap=sc.imap,
            pop3=sc.pop3,
            smtp=sc.smtp,
            dns_servers=(self.resolvers["dns"].endpoint,),
            reference_dns=(self.resolvers["dns-reference"].endpoint,),
            connect_to=tuple(self._connect_to()),
            ca_file=str(self.certs.ca_file),
            web_urls=(f"https://{web.name}/", f"https://{web.address}/"),
            proxy_url=proxy_url,
            answers=dict(sc.answers),
            auth=sc.auth,
            smtp_auth=sc.smtp_auth,
            auth_mechanism=sc.auth_mechanism,
            oauth_token=(account.oauth_token if sc.password == "right" else "expired-" + secrets.token_urlsafe(12))
            if sc.auth == "oauth" or sc.smtp_auth == "oauth" else None,
            hosts_file=str(self._folder / "hosts") if self._folder is not None else "",
        )

    # -- what callers use --------------------------------------------------------------
    @property
    def target(self) -> LabTarget:
        if self._target is None:
            raise LabError("the lab is not running")
        return self._target

    @property
    def ca_file(self) -> str:
        return self.target.ca_file

    @property
    def account_password(self) -> str:
        """The password the lab's server accepts (the target's may be wrong on purpose)."""
        return self._accounts[ZONE].password

    @property
    def oauth_token(self) -> str:
        """The bearer token the lab's XOAUTH2/OAUTHBEARER accept for alice@example.test."""
        return self._accounts[ZONE].oauth_token

    @property
    def proxy_url(self) -> str:
        """The proxy's URL, whether or not the scenario configures it."""
        return f"http://{PROXY_HOST.address}:{self.servers['proxy'].port}"

    @property
    def proxy_credentials(self) -> tuple[str, str]:
        return PROXY_USER, PROXY_PASSWORD

    def login_attempts(self, protocol: str | None = None) -> int:
        """Login attempts over all servers (of one protocol: smtp, imap or pop3)."""
        return sum(s.login_attempts for s in self.servers.values() if protocol in (None, s.protocol))

    def resolver(self, *, reference: bool = False, timeout: float = 1.0, lifetime: float = 2.0) -> dns.resolver.Resolver:
        """A dnspython resolver pointed at the lab's system (or reference) resolver only."""
        address, port = self.target.dns_endpoint(reference)
        res = dns.resolver.Resolver(configure=False)
        res.nameservers = [address]
        res.port = port
        res.timeout = timeout
        res.lifetime = lifetime
        res.cache = None
        return res

    def endpoint(self, host: str, port: int, *, family: str = "v4") -> tuple[str, int]:
        """The real (address, port) for logical ``host``:``port``, resolved through the lab data.

        Uses the lab's own DNS data (not a query, never the system resolver) and the
        ``connect_to`` map, so a filtered or closed path is returned as such.
        """
        if _is_address(host):
            address = host
        else:
            found = self.zone.addresses(host, "AAAA" if family == "v6" else "A")
            if not found:
                raise LabError(f"{host} has no {'AAAA' if family == 'v6' else 'A'} record in the lab")
            address = found[0]
        real = self.target.real_endpoint(address, port)
        if real is None:
            raise LabError(f"no lab path for {address}:{port}")
        return real

    def connect(self, host: str, port: int, *, timeout: float = 2.0, family: str = "v4") -> socket.socket:
        """A TCP connection to logical ``host``:``port`` (for tests and rule authors)."""
        return socket.create_connection(self.endpoint(host, port, family=family), timeout=timeout)

    def client_context(self) -> ssl.SSLContext:
        """A fresh client TLS context of the ``mail-client`` profile that trusts the lab's CA
        file and nothing else (explicit, so that every Python build sees the same lab)."""
        return tlsprofiles.new_context("mail-client", verify=True, ca_file=self.target.ca_file, system_store=False)


def _is_address(text: str) -> bool:
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in text else socket.AF_INET, text)
    except OSError:
        return False
    return True
