"""Helpers for the probe tests: lab accounts, loopback-only options, a scenario cache.

Every option that could point at the internet is overridden here: the system and
reference resolvers are the lab's, the web URLs are the lab's, ``allowed_networks`` is
loopback only (a probe that tries anything else raises NetworkNotAllowed), and proxy
variables are read from an empty environment.
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
from collections.abc import Iterable
from typing import Any

import attrs

from mailexpert.account import Account, ServerSetting
from mailexpert.collect import LOOPBACK_NETWORKS, CollectResult, ProbeOptions, collect_sync
from mailexpert.facts import Fact
from mailexpert.lab import Lab

#: Short timeouts keep the suite fast; every fault still ends well inside them on loopback.
STEP_TIMEOUT = 1.0
DEADLINE = 5.0


def account_for(target: Any, **overrides: Any) -> Account:
    """The lab's simulated account, as the user configured it (scenario auth choices included)."""
    settings = {}
    for protocol in ("imap", "pop3", "smtp"):
        text = getattr(target, protocol)
        if text is None:
            continue
        setting = ServerSetting.parse(protocol, text)
        auth = target.smtp_auth if protocol == "smtp" else target.auth
        setting = attrs.evolve(setting, auth_method=auth if auth != "password" else None,
                               mechanism=target.auth_mechanism)
        settings[protocol] = setting
    uses_oauth = target.auth == "oauth" or target.smtp_auth == "oauth"
    fields: dict[str, Any] = dict(email=target.email, username=target.username, password=target.password,
                                  oauth_token=target.oauth_token if uses_oauth else None, **settings)
    fields.update(overrides)
    return Account(**fields)


def options_for(target: Any, **overrides: Any) -> ProbeOptions:
    """Loopback-only options for a lab target."""
    fields: dict[str, Any] = dict(
        dns_servers=target.dns_servers, reference_dns=target.reference_dns, connect_to=target.connect_to,
        ca_file=target.ca_file, web_urls=target.web_urls, proxy=target.proxy_url, timeout=STEP_TIMEOUT,
        deadline=DEADLINE, allowed_networks=LOOPBACK_NETWORKS, environ={}, local_zones=(),
        bogon_networks=("127.0.0.99/32", "0.0.0.0/32"), hosts_file=target.hosts_file or None,
    )
    fields.update(overrides)
    return ProbeOptions(**fields)


@attrs.frozen
class Run:
    """One collection against one lab, with what the lab saw."""

    scenario: str
    result: CollectResult
    logins: dict[str, int]
    password: str = attrs.field(repr=False)
    elapsed: float = 0.0

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.result.facts


def run_lab(scenario: str | None = None, faults: Iterable[Any] = (), *, account: dict | None = None,
            **options: Any) -> Run:
    with Lab(scenario=scenario, faults=tuple(faults)) as lab:
        target = lab.target
        start = time.monotonic()
        result = collect_sync(account_for(target, **(account or {})), options_for(target, **options))
        elapsed = time.monotonic() - start
        logins = {name: server.login_attempts for name, server in lab.servers.items()}
    return Run(scenario or "healthy", result, logins, target.password, elapsed)


class ScenarioCache:
    """Runs each lab scenario once per session, several at a time (each lab has its own loop)."""

    def __init__(self) -> None:
        self._runs: dict[str, concurrent.futures.Future[Run]] = {}
        self._lock = threading.Lock()
        # Two at a time: the machine has two cores, and with more labs competing for the
        # GIL a 1 s step timeout was occasionally exceeded inside a healthy session.
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)

    def prefetch(self, ids: Iterable[str]) -> None:
        for sid in ids:
            self._future(sid)

    def _future(self, sid: str) -> concurrent.futures.Future[Run]:
        with self._lock:
            fut = self._runs.get(sid)
            if fut is None:
                fut = self._pool.submit(run_lab, sid)
                self._runs[sid] = fut
            return fut

    def get(self, sid: str) -> Run:
        return self._future(sid).result(timeout=120)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def find(facts: Iterable[Fact], kind: str, **fields: Any) -> list[Fact]:
    """The facts of ``kind`` whose fields equal ``fields`` (a callable value is a predicate)."""
    out = []
    for f in facts:
        if f.kind != kind:
            continue
        ok = True
        for name, want in fields.items():
            have = f.get(name)
            if callable(want):
                if have is None or not want(have):
                    ok = False
                    break
            elif have != want:
                ok = False
                break
        if ok:
            out.append(f)
    return out


def one(facts: Iterable[Fact], kind: str, **fields: Any) -> Fact:
    found = find(facts, kind, **fields)
    assert found, f"no {kind} with {fields} among:\n" + "\n".join(repr(f) for f in facts if f.kind == kind)
    return found[0]


def none_of(facts: Iterable[Fact], kind: str, **fields: Any) -> None:
    found = find(facts, kind, **fields)
    assert not found, f"unexpected {kind}: {found}"


class RawServer:
    """A loopback TCP server whose every connection is handled by ``behaviour(sock)`` in a thread.

    For hostile behaviours the lab does not have (RST on accept, TLS junk, injection...).
    """

    def __init__(self, behaviour: Any, address: str = "127.0.0.1") -> None:
        import socket

        self.behaviour = behaviour
        self.sock = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((address, 0))
        self.sock.listen(16)
        self.address = address
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: Any) -> None:
        try:
            conn.settimeout(10)
            self.behaviour(conn)
        except Exception:  # noqa: BLE001 - a hostile script may stumble over what the probe sent; that is fine
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> RawServer:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def run_session(protocol: str, security: str, server: RawServer, logical_port: int, **options: Any) -> tuple[list[Fact], float, Any]:
    """Only the session probe, against a raw server reached as 127.0.0.1:logical_port."""
    from mailexpert.collect import FollowUpRunner

    account = Account(email="alice@example.test", password="CANARY-hostile-Pw-31337")
    opts = dict(dns_servers=(), reference_dns=(), connect_to=[("127.0.0.1", logical_port, "127.0.0.1", server.port)],
                web_urls=(), timeout=STEP_TIMEOUT, deadline=DEADLINE, allowed_networks=LOOPBACK_NETWORKS, environ={})
    opts.update(options)
    runner = FollowUpRunner(account, ProbeOptions(**opts))
    start = time.monotonic()
    facts = runner({"name": "session", "args": {"protocol": protocol, "host": "127.0.0.1", "port": logical_port,
                                                 "security": security}})
    return facts, time.monotonic() - start, runner
