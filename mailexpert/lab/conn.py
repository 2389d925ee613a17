"""One accepted connection of a lab server: bounded reads, delayed writes, TLS, resets.

Every read has a size bound and a timeout; a session that hits either simply ends
(:class:`SessionEnd`), so no client can hold a lab server forever or make it buffer
without limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import struct

from mailexpert.lab.faults import FaultSet

LINE_LIMIT = 8192  # bytes per command line (RFC 5321 allows 1000; IMAP lines are longer)
LITERAL_LIMIT = 65536  # bytes per IMAP literal
IDLE_TIMEOUT = 30.0  # seconds a session may wait for the client's next line
WRITE_TIMEOUT = 10.0  # seconds a write may wait for the client to read
HANDSHAKE_TIMEOUT = 10.0
HANG_LIMIT = 120.0  # seconds a "silent" connection is held at most
TLS_INPUT_LIMIT = 8 << 20  # bytes a client may send inside one TLS session
LINGER = 2.0  # seconds a closing session waits for the client to close its side
LINGER_LIMIT = 1 << 20  # bytes a closing session reads and drops meanwhile at most


class SessionEnd(Exception):
    """The session is over: EOF, timeout, an overlong line, or a deliberate reset."""


class LineTooLong(SessionEnd):
    """The client sent a line longer than :data:`LINE_LIMIT`."""


class Conn:
    """The streams of one connection, plus what the lab's faults need to do to it."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, faults: FaultSet) -> None:
        self.reader = reader
        self.writer = writer
        self._raw_reader = reader  # the socket's own bytes, under TLS too
        self.faults = faults
        self.tls = False
        self._tls: ssl.SSLObject | None = None
        self._outgoing = ssl.MemoryBIO()
        self._pump_task: asyncio.Future[None] | None = None
        self.latency = float(faults.get("latency") or 0.0)
        peer = writer.get_extra_info("peername") or ("?", 0)
        self.peer_address: str = str(peer[0])

    # -- writing -----------------------------------------------------------------------
    async def send(self, data: bytes | str, *, drip: float = 0.0) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8", "replace")
        if self.latency:
            await asyncio.sleep(self.latency)
        if drip:
            for i in range(len(data)):
                if self.tls:
                    await self._send_tls(data[i : i + 1])
                else:
                    self.writer.write(data[i : i + 1])
                    await self._drain()
                await asyncio.sleep(drip)
            return
        if self.tls:
            await self._send_tls(data)
            return
        self.writer.write(data)
        await self._drain()

    async def send_bulk(self, data: bytes) -> None:
        """Send a large blob in chunks, stopping when the client stops reading."""
        for i in range(0, len(data), 65536):
            await self.send(data[i : i + 65536])

    async def _drain(self) -> None:
        try:
            await asyncio.wait_for(self.writer.drain(), WRITE_TIMEOUT)
        except (TimeoutError, ConnectionError, OSError) as exc:
            raise SessionEnd(f"write failed: {exc}") from exc

    # -- reading -----------------------------------------------------------------------
    async def readline(self, timeout: float = IDLE_TIMEOUT) -> bytes:
        """The next line without its line ending; raises :class:`SessionEnd` at EOF."""
        try:
            line = await asyncio.wait_for(self.reader.readuntil(b"\n"), timeout)
        except asyncio.IncompleteReadError as exc:
            raise SessionEnd("EOF") from exc
        except asyncio.LimitOverrunError as exc:
            raise LineTooLong("line too long") from exc
        except (TimeoutError, ConnectionError, OSError, ssl.SSLError) as exc:
            raise SessionEnd(str(exc)) from exc
        return line.rstrip(b"\r\n")

    async def read_exactly(self, size: int, timeout: float = IDLE_TIMEOUT) -> bytes:
        if size > LITERAL_LIMIT:
            raise LineTooLong(f"literal of {size} bytes")
        try:
            return await asyncio.wait_for(self.reader.readexactly(size), timeout)
        except (asyncio.IncompleteReadError, TimeoutError, ConnectionError, OSError, ssl.SSLError) as exc:
            raise SessionEnd(str(exc)) from exc

    async def read_some(self, size: int = 4096, timeout: float = IDLE_TIMEOUT) -> bytes:
        try:
            return await asyncio.wait_for(self.reader.read(size), timeout)
        except (TimeoutError, ConnectionError, OSError, ssl.SSLError) as exc:
            raise SessionEnd(str(exc)) from exc

    async def hang(self, limit: float = HANG_LIMIT) -> None:
        """Send nothing; swallow (bounded) whatever arrives until EOF or ``limit``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while (left := deadline - loop.time()) > 0:
            try:
                chunk = await asyncio.wait_for(self.reader.read(4096), left)
            except (TimeoutError, ConnectionError, OSError, ssl.SSLError):
                return
            if not chunk:
                return

    # -- TLS and teardown --------------------------------------------------------------
    async def start_tls(self, context: ssl.SSLContext) -> bool:
        """Do the server side of a TLS handshake; False when it failed (connection closed).

        The TLS layer runs over memory BIOs rather than asyncio's ``start_tls``: when a
        handshake fails, asyncio drops the connection without sending OpenSSL's alert,
        so a client would see an EOF where a real server sends "protocol version" or
        "handshake failure". Here the alert is flushed first.
        """
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = context.wrap_bio(incoming, outgoing, server_side=True)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + HANDSHAKE_TIMEOUT
        raw_reader = self.reader
        while True:
            try:
                tls.do_handshake()
                break
            except ssl.SSLWantReadError:
                await self._flush(outgoing)
                try:
                    data = await asyncio.wait_for(raw_reader.read(16384), max(0.0, deadline - loop.time()))
                except (TimeoutError, ConnectionError, OSError):
                    self.abort()
                    return False
                if data:
                    incoming.write(data)
                else:
                    incoming.write_eof()
            except (ssl.SSLError, ValueError):
                # Send the alert the way a real server does, then close.
                with contextlib.suppress(SessionEnd):
                    await self._flush(outgoing)
                return False
        await self._flush(outgoing)
        self._tls = tls
        self._outgoing = outgoing
        self.reader = asyncio.StreamReader(limit=LINE_LIMIT)
        self._pump_task = asyncio.ensure_future(self._pump(tls, raw_reader, incoming))
        self.tls = True
        return True

    async def stall_tls(self, context: ssl.SSLContext) -> None:
        """Answer the ClientHello with the ServerHello record alone, then send nothing more
        (a handshake that stalls half-way: the client waits for the rest of the flight)."""
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = context.wrap_bio(incoming, outgoing, server_side=True)
        data = await self.read_some(16384, timeout=HANDSHAKE_TIMEOUT)
        incoming.write(data)
        try:
            tls.do_handshake()
        except (ssl.SSLWantReadError, ssl.SSLError, ValueError):
            pass
        flight = outgoing.read()
        if len(flight) >= 5:
            # A TLS record is a 5-byte header (type, version, length) and its body.
            first = 5 + struct.unpack("!H", flight[3:5])[0]
            self.writer.write(flight[:first])
            await self._drain()
        await self.hang(HANDSHAKE_TIMEOUT * 3)

    async def _flush(self, outgoing: ssl.MemoryBIO) -> None:
        data = outgoing.read()
        if data:
            self.writer.write(data)
            await self._drain()

    async def _pump(self, tls: ssl.SSLObject, raw_reader: asyncio.StreamReader, incoming: ssl.MemoryBIO) -> None:
        """Decrypt what arrives into ``self.reader`` (bounded in total)."""
        received = 0
        first = True
        try:
            while received < TLS_INPUT_LIMIT:
                # The client may send its first command in the same segment as its Finished
                # message (TLS 1.3): decrypt what the handshake left in the BIO before waiting.
                if not first:
                    data = await raw_reader.read(65536)
                    if not data:
                        break
                    incoming.write(data)
                first = False
                while True:
                    try:
                        chunk = tls.read(65536)
                    except ssl.SSLWantReadError:
                        break
                    if not chunk:
                        raise ssl.SSLZeroReturnError("close_notify")
                    received += len(chunk)
                    self.reader.feed_data(chunk)
                await self._flush(self._outgoing)  # e.g. answers to post-handshake messages
        except (ssl.SSLError, ConnectionError, OSError, SessionEnd):
            pass
        finally:
            self.reader.feed_eof()

    async def _send_tls(self, data: bytes) -> None:
        if self._tls is None:
            raise SessionEnd("TLS write before the handshake")
        try:
            self._tls.write(data)
        except ssl.SSLError as exc:
            raise SessionEnd(f"TLS write failed: {exc}") from exc
        await self._flush(self._outgoing)

    def reset(self) -> None:
        """Close with an RST (SO_LINGER 0), as a middlebox killing the connection would."""
        sock = self.writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.abort()

    def drop(self) -> None:
        """Close at once, without a TLS close_notify, as a server that drops a client does.

        The FIN goes out first (shutdown), so the client sees a close even when bytes it sent
        are still unread here: closing over unread data makes the kernel send an RST, and an
        RST that comes after the FIN does not turn the client's EOF into a reset."""
        sock = self.writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_WR)
        self.abort()

    def abort(self) -> None:
        self.writer.transport.abort()

    async def close(self) -> None:
        """End the session politely: a close_notify under TLS, a FIN, then whatever the client
        still sends is read and dropped until it closes too (at most :data:`LINGER` seconds).

        A socket closed while bytes the client sent are unread sends an RST instead of a FIN,
        so a client whose last bytes (a ClientHello after STARTTLS, a command) arrive just
        before the close would see a reset or a close by chance; a reset is :meth:`reset`'s."""
        try:
            if self._pump_task is not None:
                self._pump_task.cancel()
                # The pump may be waiting on the socket's reader; only one coroutine may.
                await asyncio.wait([self._pump_task], timeout=LINGER)
            if self.writer.transport.is_closing():
                return
            if self._tls is not None:
                try:
                    self._tls.unwrap()  # queue a close_notify, as a polite server does
                except (ssl.SSLError, ValueError):
                    pass
                with contextlib.suppress(SessionEnd):
                    await self._flush(self._outgoing)
            await self._linger()
            self.writer.close()
            await asyncio.wait_for(self.writer.wait_closed(), 2.0)
        except (TimeoutError, ConnectionError, OSError, ssl.SSLError):
            self.abort()
        except asyncio.CancelledError:
            self.abort()
            raise

    async def _linger(self) -> None:
        """Send the FIN, then drop what arrives until the client's FIN (bounded in time and size)."""
        if self.writer.can_write_eof():
            self.writer.write_eof()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + LINGER
        dropped = 0
        while dropped < LINGER_LIMIT and (left := deadline - loop.time()) > 0:
            try:
                chunk = await asyncio.wait_for(self._raw_reader.read(65536), left)
            except (TimeoutError, ConnectionError, OSError):
                return
            if not chunk:
                return
            dropped += len(chunk)
