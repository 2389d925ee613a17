"""The link-quality probe (``tcp.quality``) counts as lost only what the path lost.

A wait that this machine decided is no measurement of the path: one the global deadline cut
short of a full step timeout, one whose deadline the event loop noticed late (a loaded
machine, a suspend), a connect whose timer fired while the kernel had already connected.
Under load such waits made 4 of 5 attempts "fail" against a healthy loopback server, and the
diagnosis named packet-loss (seen in test_realworld_servers.py's relay cases on a machine
with a load average of 6 to 16). A server that stays silent through a full, punctual wait
still counts as a failure.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from mailexpert.account import Account
from mailexpert.collect import LOOPBACK_NETWORKS, ProbeOptions, make_context
from mailexpert.facts import Fact
from mailexpert.probes import tcp
from mailexpert.probes.context import ProbeContext
from mailexpert.probes.net import connect_socket

#: A short step timeout keeps these tests quick; the stall below outlasts it by far.
STEP = 0.3


@pytest.fixture()
def silent_server() -> Iterator[int]:
    """A loopback port that accepts every connection and never sends a byte (no greeting,
    no ServerHello): each wait for it ends with its timeout."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for sock in held:
        sock.close()
    server.close()


def _context(port: int, logical: int, seconds: float) -> ProbeContext:
    options = ProbeOptions(dns_servers=(), reference_dns=(), connect_to=[("127.0.0.1", logical, "127.0.0.1", port)],
                           web_urls=(), timeout=STEP, deadline=10.0, allowed_networks=LOOPBACK_NETWORKS, environ={})
    loop = asyncio.get_running_loop()
    return make_context(Account(email="alice@example.test"), options, deadline=loop.time() + seconds)


def _quality(port: int, logical: int, greet: str, *, seconds: float = 10.0, stall: float = 0.0) -> Fact | None:
    async def run() -> Fact | None:
        ctx = _context(port, logical, seconds)
        if stall:
            # The event loop blocked from before the waits' deadline to well after it, as a
            # starved process or a suspended laptop is.
            asyncio.get_running_loop().call_later(STEP / 2, time.sleep, stall)
        return await tcp.quality_fact(ctx, "mail.example.test", "127.0.0.1", logical, greet)

    return asyncio.run(run())


@pytest.mark.parametrize(("logical", "greet"), [(25, "plain"), (993, "tls")])
def test_a_silent_server_fails_every_punctual_attempt(silent_server: int, logical: int, greet: str) -> None:
    """Every attempt times out. On a loaded machine a run may notice its deadlines late and
    measure nothing (None), never a partial loss; one of three runs is punctual."""
    runs = []
    for _ in range(3):
        found = _quality(silent_server, logical, greet)
        runs.append(None if found is None else (found["attempts"], found["failures"], found["loss_pct"]))
        if found is not None:
            break
    assert runs[-1] == (5, 5, 100) and set(runs[:-1]) <= {None}, runs


@pytest.mark.parametrize(("logical", "greet"), [(25, "plain"), (993, "tls")])
def test_waits_this_machine_noticed_late_measure_nothing(silent_server: int, logical: int, greet: str) -> None:
    assert _quality(silent_server, logical, greet, stall=STEP + 2 * tcp.STALL_SLACK + 0.3) is None


@pytest.mark.parametrize(("logical", "greet"), [(25, "plain"), (993, "tls")])
def test_waits_the_global_deadline_cut_short_measure_nothing(silent_server: int, logical: int, greet: str) -> None:
    assert _quality(silent_server, logical, greet, seconds=STEP / 2) is None


def test_a_connect_the_kernel_made_is_no_timeout(monkeypatch: pytest.MonkeyPatch, silent_server: int) -> None:
    """The connect's timer fires in the same turn of the event loop as the kernel's
    "connected" (here: the connect is made, and the loop sees it only after the timeout)."""

    async def late(self: asyncio.AbstractEventLoop, sock: socket.socket, address: tuple[str, int]) -> None:
        sock.setblocking(True)
        sock.connect(address)
        sock.setblocking(False)
        await asyncio.sleep(10 * STEP)

    monkeypatch.setattr(asyncio.selector_events.BaseSelectorEventLoop, "sock_connect", late)

    async def run() -> tuple[str, int]:
        ctx = _context(silent_server, 25, 10.0)
        sock = await connect_socket(ctx, "mail.example.test", "127.0.0.1", 25)
        try:
            return sock.getpeername()
        finally:
            sock.close()

    assert asyncio.run(run()) == ("127.0.0.1", silent_server)


def test_a_connect_that_was_not_made_still_times_out(monkeypatch: pytest.MonkeyPatch, silent_server: int) -> None:
    async def never(self: asyncio.AbstractEventLoop, sock: socket.socket, address: tuple[str, int]) -> None:
        await asyncio.sleep(10 * STEP)

    monkeypatch.setattr(asyncio.selector_events.BaseSelectorEventLoop, "sock_connect", never)

    async def run() -> None:
        ctx = _context(silent_server, 25, 10.0)
        await connect_socket(ctx, "mail.example.test", "127.0.0.1", 25)

    with pytest.raises(TimeoutError):
        asyncio.run(run())
