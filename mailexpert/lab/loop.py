"""One asyncio event loop on a background thread, shared by every server of a lab.

The servers are coroutines; the caller (a test, ``mailexpert demo``) stays synchronous
and talks to them through :meth:`LoopThread.run`, which always has a timeout.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from mailexpert.errors import LabError

T = TypeVar("T")
log = logging.getLogger("mailexpert.lab")


def _quiet_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    # Faulty clients (and the lab's own faults) abort handshakes on purpose; asyncio would
    # print each as an error with a traceback. Keep them at debug level.
    log.debug("lab loop: %s", context.get("message"), exc_info=context.get("exception"))


async def close_server(server: asyncio.Server, tasks: set[asyncio.Task[None]], timeout: float = 2.0) -> None:
    """Stop a stream server and every connection it accepted.

    asyncio sets up an accepted connection's transport one loop iteration after the accept;
    a server closed in between leaves that transport half attached, and when the garbage
    collector finds it, Python 3.12+ raises in its ``__del__`` (CPython issue 109564). So
    the listening sockets stop accepting first, the connections already accepted get their
    iterations, and only then is the server closed, its connections' tasks cancelled and
    the transports still open aborted (Python 3.13+)."""
    loop = asyncio.get_running_loop()
    for sock in server.sockets:
        loop.remove_reader(sock.fileno())
    for _ in range(_SETTLE_ITERATIONS):
        await asyncio.sleep(0)
    server.close()
    for task in list(tasks):
        task.cancel()
    if tasks:
        await asyncio.wait(list(tasks), timeout=timeout)
    abort = getattr(server, "abort_clients", None)  # Python 3.13+
    if abort is not None:
        abort()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(server.wait_closed(), timeout)


#: Loop iterations an accepted connection needs to have its transport set up.
_SETTLE_ITERATIONS = 3


class LoopThread:
    """A started event loop on a daemon thread; ``close()`` stops and joins it."""

    def __init__(self, name: str = "mailexpert-lab") -> None:
        self.loop = asyncio.new_event_loop()
        self.loop.set_exception_handler(_quiet_handler)
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._main, name=name, daemon=True)
        self._thread.start()
        if not self._ready.wait(5):
            raise LabError("the lab event loop did not start")

    def _main(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.call_soon(self._ready.set)
        self.loop.run_forever()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
        """Run ``coro`` on the loop and wait for its result (at most ``timeout`` seconds)."""
        if not self._thread.is_alive():
            coro.close()
            raise LabError("the lab event loop is not running")
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise LabError(f"a lab operation took more than {timeout} s") from None

    def close(self, timeout: float = 5.0) -> None:
        """Cancel what is still running, stop the loop and join the thread."""
        if not self._thread.is_alive():
            return

        async def _cancel_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            if tasks:
                await asyncio.wait(tasks, timeout=timeout)

        try:
            self.run(_cancel_all(), timeout=timeout + 1)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(timeout)
            if self._thread.is_alive():
                raise LabError("the lab event loop thread did not stop")
            self.loop.close()
