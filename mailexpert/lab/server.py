"""The TCP server all lab services share: listening, connection-level faults, implicit TLS.

A :class:`LabServer` is one service (say IMAPS) of one logical host. It listens on an
ephemeral port of each of the host's loopback addresses, and for every connection
applies the faults that act *before* the protocol (lossy, silent, garbage, HTTP reply,
slow start, implicit TLS or its failure, a 1 MB line), then hands the connection to the
protocol's :class:`~mailexpert.lab.session.Session`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import ssl
from typing import TYPE_CHECKING

import attrs

from mailexpert.errors import LabError
from mailexpert.lab import replies
from mailexpert.lab.auth import Account
from mailexpert.lab.conn import LINE_LIMIT, Conn, SessionEnd
from mailexpert.lab.faults import FaultSet
from mailexpert.lab.imap import IMAPSession
from mailexpert.lab.loop import close_server
from mailexpert.lab.plan import HostPlan
from mailexpert.lab.pop3 import POP3Session
from mailexpert.lab.session import Session
from mailexpert.lab.smtp import SMTPSession
from mailexpert.lab.tlsctx import TLSContexts
from mailexpert.lab.web import HTTPSession, ProxySession

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger("mailexpert.lab")

SESSION_LIMIT = 300.0  # seconds one connection may last at most


@attrs.define
class ServerEnv:
    """What every server of one lab shares."""

    tls: TLSContexts
    accounts: dict[str, Account]  # realm (mail domain) -> account
    seed: int = 0
    # (host name or address, logical port) -> real (address, port) of the working server;
    # used by the proxy, which sits "beyond" any filtering of the client's path.
    upstream: Callable[[str, int], tuple[str, int] | None] | None = None


class LabServer:
    """One service of one logical host, listening on every address of the host."""

    def __init__(
        self, *, name: str, plan: HostPlan, port: int, protocol: str, tls_mode: str, faults: FaultSet, env: ServerEnv
    ) -> None:
        self.name = name
        self.plan = plan
        self.host_name = plan.name or plan.address
        self.logical_port = port
        self.protocol = protocol
        self.tls_mode = tls_mode  # implicit | starttls | none
        self.faults = faults
        self.env = env
        self.login_attempts = 0
        self.cleartext_logins = 0  # logins whose credentials crossed the wire unencrypted
        self.endpoints: dict[str, tuple[str, int]] = {}  # family -> (address, real port)
        self._servers: list[asyncio.base_events.Server] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._rng = random.Random(f"{env.seed}:{name}")
        self._lossy_count = 0

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.endpoints} logins={self.login_attempts}>"

    @property
    def account(self) -> Account:
        return self.env.accounts[self.plan.realm]

    @property
    def address(self) -> str:
        return self.endpoints["v4"][0]

    @property
    def port(self) -> int:
        """The real port on the host's IPv4 address."""
        return self.endpoints["v4"][1]

    async def start(self, addresses: dict[str, str]) -> None:
        for family, address in addresses.items():
            try:
                server = await asyncio.start_server(self._on_client, host=address, port=0, limit=LINE_LIMIT)
            except OSError as exc:
                raise LabError(f"{self.name}: cannot listen on {address}: {exc}") from exc
            self._servers.append(server)
            sockname = server.sockets[0].getsockname()
            self.endpoints[family] = (address, int(sockname[1]))

    async def stop(self) -> None:
        for server in self._servers:
            await close_server(server, self._tasks)
        self._servers.clear()

    def count_login(self, conn: Conn) -> None:
        self.login_attempts += 1
        if not conn.tls:
            self.cleartext_logins += 1

    # -- one connection ----------------------------------------------------------------
    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        conn = Conn(reader, writer, self.faults)
        implicit = self.implicit_tls
        try:
            await asyncio.wait_for(self._serve(conn, implicit), SESSION_LIMIT)
        except (SessionEnd, TimeoutError, ConnectionError, OSError, ssl.SSLError, asyncio.IncompleteReadError):
            pass
        except asyncio.CancelledError:
            conn.abort()
            raise
        except Exception:  # a bug in the lab: log it, never kill the loop
            log.exception("lab server %s failed", self.name)
        finally:
            self._tasks.discard(task)
            await conn.close()

    @property
    def implicit_tls(self) -> bool:
        if self.faults.has("speak-tls"):
            return True
        return self.tls_mode == "implicit" and not self.faults.has("speak-plain")

    async def _serve(self, conn: Conn, implicit: bool) -> None:
        f = self.faults
        if f.has("lossy") and self._rng.random() < float(f.get("lossy") or 0):
            self._lossy_count += 1
            # Alternate the two ways a lossy path shows: a hang, and a reset.
            if self._lossy_count % 2:
                await conn.hang()
            else:
                conn.reset()
            return
        if f.has("silent"):
            await conn.hang()
            return
        if f.has("garbage"):
            junk = bytearray(self._rng.randbytes(int(f.get("garbage") or 512)))
            junk[0] = 0xFF  # never looks like text or a TLS record
            await conn.send(bytes(junk))
            await conn.hang(5.0)
            return
        if f.has("http"):
            await conn.send(replies.HTTP_400)
            return
        if f.has("nul"):
            await conn.send_bulk(b"\0" * int(f.get("nul") or 0))
            await conn.hang(5.0)
            return
        if f.has("slow"):
            await asyncio.sleep(float(f.get("slow") or 0))
        if implicit:
            if f.has("reset-handshake"):
                await self.reset_mid_handshake(conn)
                return
            if f.has("tls-stall"):
                await conn.stall_tls(self.tls_context())
                return
            if not await conn.start_tls(self.tls_context()):
                return
        if f.has("flood"):
            await conn.send_bulk(self.line_prefix().encode() + b"A" * int(f.get("flood") or 0))
            await conn.hang(5.0)
            return
        if f.has("long-line"):
            size = int(f.get("long-line") or 1 << 20)
            await conn.send(self.line_prefix().encode() + b"A" * size + b"\r\n")
            await conn.hang(5.0)
            return
        protocol = str(f.get("speak") or self.protocol)
        session = session_class(protocol)(self, conn)
        await session.run()

    def tls_context(self) -> ssl.SSLContext:
        return self.env.tls.for_faults(self.faults)

    async def reset_mid_handshake(self, conn: Conn) -> None:
        """Read the start of the ClientHello, then send an RST."""
        await conn.read_some(64, timeout=10.0)
        conn.reset()

    def line_prefix(self) -> str:
        return {"smtp": "220 ", "imap": "* OK ", "pop3": "+OK "}.get(self.protocol, "")


#: The conversation each protocol's connections get.
SESSION_CLASSES: dict[str, type[Session]] = {
    "smtp": SMTPSession,
    "imap": IMAPSession,
    "pop3": POP3Session,
    "http": HTTPSession,
    "proxy": ProxySession,
}


def session_class(protocol: str) -> type[Session]:
    try:
        return SESSION_CLASSES[protocol]
    except KeyError:
        raise LabError(f"no lab session for protocol {protocol!r}") from None
