"""Connections and bounded reads: the only place probes touch sockets.

:func:`open_connection` connects to a *literal* address (after the connect-to override and
the network guard) with a timeout, optionally followed by a TLS handshake; facts always
carry the logical host and port. :class:`Conn` reads lines from an untrusted server with
hard limits -- line length, total bytes, continuation lines -- and a deadline per step, so
silence, a slow drip, a megabyte line or endless continuation lines all end in a
:class:`ReadFailure` with what was received so far, never in a hang.
"""

from __future__ import annotations

import asyncio
import logging
import re
import socket
import ssl
import warnings

from mailexpert import tlsprofiles
from mailexpert.account import format_host_port
from mailexpert.classify import SMTP_REPLY_CODE
from mailexpert.errors import ReadFailure
from mailexpert.probes.context import ProbeContext


class _QuietSslEof(logging.Filter):
    """asyncio logs "returning true from eof_received() has no effect when using ssl" each
    time a TLS peer half-closes; that is an observation for the probe, not a warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "eof_received()" not in record.getMessage()


logging.getLogger("asyncio").addFilter(_QuietSslEof())

# The read limits, documented in facts/service.yaml (service.failure) and the README.
MAX_LINE = 8 * 1024  # bytes per line
MAX_TOTAL = 64 * 1024  # bytes per connection: a healthy session up to the login reads a few KiB
MAX_LINES = 200  # lines per reply (continuation lines, untagged lines, CAPA lines)
MAX_LITERAL = 64 * 1024  # bytes per IMAP literal
READ_GRACE = 0.2  # seconds of one more look for an answer when a read's deadline has passed
_IMAP_LITERAL = re.compile(rb"\{(\d+)\+?\}$")



def _make_socket(address: str) -> socket.socket:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setblocking(False)
    return sock


async def connect_socket(ctx: ProbeContext, host: str, address: str | None, port: int,
                         timeout: float | None = None) -> socket.socket:
    """A connected non-blocking socket to (``address`` or the override), or the OS error.

    ``host``/``address``/``port`` are logical; the connect-to map decides where to go.
    Raises TimeoutError when the connect does not finish in time (SYNs dropped), and its
    subclass DeadlineReached when that time was cut by the global deadline.
    """
    target = ctx.override(host, address, port)
    real_addr, real_port = target if target else (address, port)
    if real_addr is None:
        raise OSError(f"no address for {host}")
    ctx.guard(real_addr, real_port)
    sock = _make_socket(real_addr)
    loop = asyncio.get_running_loop()
    try:
        async with ctx.within(ctx.step_timeout(timeout)):
            await loop.sock_connect(sock, (real_addr, real_port))
    except TimeoutError:
        if _established(sock):
            # In a busy process (or after a suspend) the timer can fire in the same turn of the
            # event loop as the kernel's "connected": the connection is made, only this loop
            # was late to see it (as READ_GRACE for reads). A timeout here would be read as
            # SYNs dropped on the way (packet-loss, port-blocked-outbound).
            return sock
        sock.close()
        raise
    except BaseException:
        sock.close()
        raise
    return sock


def _established(sock: socket.socket) -> bool:
    """Whether a non-blocking connect has completed: the kernel has a peer and no error."""
    try:
        sock.getpeername()
        return sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0
    except OSError:
        return False  # ENOTCONN: still connecting (or never started)


class Conn:
    """A connection to one server with bounded, deadline-limited reads and a transcript label."""

    def __init__(self, ctx: ProbeContext, label: str, reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter) -> None:
        self.ctx = ctx
        self.label = label
        self.reader = reader
        self.writer = writer
        self.buffer = b""
        self.total = 0
        self.tls = False
        self.closed = False

    @classmethod
    async def open(cls, ctx: ProbeContext, label: str, host: str, address: str | None, port: int) -> Conn:
        sock = await connect_socket(ctx, host, address, port)
        try:
            reader, writer = await asyncio.open_connection(sock=sock, limit=MAX_TOTAL)
        except BaseException:
            sock.close()
            raise
        return cls(ctx, label, reader, writer)

    async def start_tls(self, context: ssl.SSLContext, server_hostname: str | None) -> None:
        """Upgrade in place (implicit TLS right after connect, or after STARTTLS)."""
        if self.buffer:
            # Bytes that arrived before the handshake would be mistaken for TLS records;
            # RFC 3207 forbids them (a STARTTLS injection attack), so refuse to go on.
            raise ReadFailure("tls", self.buffer, "data before the TLS handshake")
        limit = self.ctx.step_timeout()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            async with self.ctx.within(limit):
                await self.writer.start_tls(context, server_hostname=server_hostname,
                                            ssl_handshake_timeout=limit + 1.0)
        self.tls = True

    @property
    def ssl_object(self) -> ssl.SSLObject | None:
        obj: ssl.SSLObject | None = self.writer.get_extra_info("ssl_object")
        return obj

    def send_bytes(self, data: bytes, shown: str) -> None:
        """Send ``data`` as it is (no line end); the transcript shows ``shown``."""
        assert self.ctx.transcript is not None
        self.ctx.transcript.add(self.label, "C", shown)
        self.writer.write(data)

    def send(self, line: str, shown: str | None = None) -> None:
        """Send one command line; ``shown`` replaces it in the transcript (for secrets)."""
        assert self.ctx.transcript is not None
        self.ctx.transcript.add(self.label, "C", line if shown is None else shown)
        self.writer.write(line.encode("utf-8") + b"\r\n")

    async def drain(self) -> None:
        async with self.ctx.within(self.ctx.step_timeout()):
            await self.writer.drain()

    async def read_line(self, deadline: float) -> bytes:
        """One line (without CR LF) before ``deadline`` (loop time), or ReadFailure (of reason
        ``deadline`` when the global deadline had capped it: ProbeContext.ran_out)."""
        loop = asyncio.get_running_loop()
        while True:
            nl = self.buffer.find(b"\n")
            if nl >= 0:
                line, self.buffer = self.buffer[:nl], self.buffer[nl + 1 :]
                if len(line) > MAX_LINE:
                    raise ReadFailure("too-long", line[:MAX_LINE])
                if self.total > MAX_TOTAL:
                    raise ReadFailure("too-much", line[:MAX_LINE])
                line = line.rstrip(b"\r")
                assert self.ctx.transcript is not None
                self.ctx.transcript.add(self.label, "S", line.decode("utf-8", "backslashreplace"))
                return line
            if len(self.buffer) > MAX_LINE:
                raise ReadFailure("too-long", self.buffer[:MAX_LINE])
            if self.total > MAX_TOTAL:
                raise ReadFailure("too-much", self.buffer[:MAX_LINE])
            if deadline - loop.time() <= 0:
                raise ReadFailure(self.ctx.ran_out(deadline), self.buffer)
            await self._fill(deadline)

    async def _fill(self, deadline: float) -> None:
        """Read what arrives before ``deadline`` (loop time) into the buffer, or ReadFailure."""
        left = deadline - asyncio.get_running_loop().time()
        try:
            try:
                async with asyncio.timeout(left):
                    chunk = await self.reader.read(4096)
            except TimeoutError:
                # In a busy process the timer can fire while the answer already waits behind
                # other work of this event loop: one short look more before calling it silence.
                async with asyncio.timeout(READ_GRACE):
                    chunk = await self.reader.read(4096)
        except TimeoutError:
            raise ReadFailure(self.ctx.ran_out(deadline), self.buffer) from None
        except ssl.SSLError as exc:
            raise ReadFailure("tls", self.buffer, str(exc)) from None
        except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError):
            raise ReadFailure("reset", self.buffer) from None
        except OSError as exc:
            raise ReadFailure("reset", self.buffer, str(exc)) from None
        if not chunk:
            raise ReadFailure("closed", self.buffer)
        self.total += len(chunk)
        self.buffer += chunk

    async def read_first(self, deadline: float) -> tuple[bytes, bool, str | None]:
        """The first bytes a server sends: ``(data, complete, failure)``.

        ``complete`` is True for a whole line. Otherwise ``data`` is whatever arrived before
        the failure (``timeout``, ``closed``, ``reset``, ``too-long`` ...), possibly nothing,
        so that binary junk or a TLS alert can still be fingerprinted.
        """
        try:
            return await self.read_line(deadline), True, None
        except ReadFailure as exc:
            self.buffer = b""
            return exc.partial, False, exc.reason

    async def read_smtp_reply(self, deadline: float, first: bytes | None = None) -> list[str]:
        """One SMTP reply: ``ddd-`` continuation lines up to the ``ddd `` line (bounded)."""
        lines: list[str] = []
        line = first if first is not None else await self.read_line(deadline)
        while True:
            text = line.decode("utf-8", "backslashreplace")
            if not SMTP_REPLY_CODE.match(text):
                raise ReadFailure("bad-reply", line[:MAX_LINE])
            lines.append(text)
            if text[3:4] != "-":
                return lines
            if len(lines) >= MAX_LINES:
                raise ReadFailure("too-many-lines", b"\n".join(x.encode() for x in lines[:3]))
            line = await self.read_line(deadline)

    async def read_until_tagged(self, tag: str, deadline: float) -> list[str]:
        """IMAP: untagged lines up to and including the line tagged ``tag`` (bounded)."""
        lines: list[str] = []
        while True:
            text = (await self.read_imap_line(deadline)).decode("utf-8", "backslashreplace")
            lines.append(text)
            if text.startswith(tag + " ") or text.startswith("+"):
                return lines
            if len(lines) >= MAX_LINES:
                raise ReadFailure("too-many-lines", b"")

    async def read_imap_line(self, deadline: float) -> bytes:
        """One IMAP response line with its literals (``{N}`` then N bytes) inlined, bounded:
        a literal over :data:`MAX_LITERAL` ends the read instead of being waited for."""
        line = await self.read_line(deadline)
        for _ in range(MAX_LINES):
            match = _IMAP_LITERAL.search(line)
            if not match:
                return line
            size = int(match.group(1)) if len(match.group(1)) <= 9 else MAX_LITERAL + 1
            if size > MAX_LITERAL:
                raise ReadFailure("literal-too-large", line[:MAX_LINE])
            while len(self.buffer) < size:
                if self.total > MAX_TOTAL:
                    raise ReadFailure("too-much", line[:MAX_LINE])
                await self._fill(deadline)
            literal, self.buffer = self.buffer[:size], self.buffer[size:]
            line = line[: match.start()] + b'"' + literal.replace(b"\r\n", b" ") + b'"' + await self.read_line(deadline)
            if len(line) > MAX_TOTAL:
                raise ReadFailure("too-much", line[:MAX_LINE])
        raise ReadFailure("too-many-lines", line[:MAX_LINE])

    async def read_pop3_multiline(self, deadline: float) -> list[str]:
        """POP3: the lines of a multi-line answer up to the ``.`` line (bounded)."""
        lines: list[str] = []
        while True:
            text = (await self.read_line(deadline)).decode("utf-8", "backslashreplace")
            if text == ".":
                return lines
            lines.append(text[1:] if text.startswith("..") else text)
            if len(lines) >= MAX_LINES:
                raise ReadFailure("too-many-lines", b"")

    async def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self.writer.close()
            async with asyncio.timeout(0.2):
                await self.writer.wait_closed()
        except BaseException as exc:  # closing a broken connection may fail in many ways
            self._abort()
            if isinstance(exc, asyncio.CancelledError):
                raise

    def _abort(self) -> None:
        try:
            self.writer.transport.abort()
        except AttributeError:
            # Python before 3.11.4 (Debian 12's 3.11.2): aborting a TLS transport that is
            # already closed fails on the protocol it has let go of; there is nothing left to abort.
            pass


def verifying_context(ca_file: str | None) -> ssl.SSLContext:
    """The client's view: the ``mail-client`` profile, verifying against the system store plus
    ``ca_file``. Cached (loading the system store takes ~40 ms, more than a loopback session)."""
    return tlsprofiles.client_context("mail-client", verify=True, ca_file=ca_file)


def unverified_context(profile: str = "mail-client", version: str | None = None) -> ssl.SSLContext:
    """A context of ``profile`` (optionally pinned to one version) that accepts any certificate:
    to look, not to trust."""
    return tlsprofiles.client_context(profile, version=version)


def client_hello(host: str) -> bytes:
    """The first flight of a TLS client (its ClientHello records) for ``host``, as the
    mail-client profile sends it: made in memory, for a look at what a port answers to it."""
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = unverified_context().wrap_bio(incoming, outgoing, server_hostname=host)
    try:
        tls.do_handshake()
    except ssl.SSLWantReadError:
        pass  # it waits for the ServerHello: the hello is written
    return outgoing.read()


def label_for(protocol: str, host: str, port: int) -> str:
    return f"{protocol} {format_host_port(host, port)}"
