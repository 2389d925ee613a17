"""Hostile mail servers made of real loopback sockets, for what the lab's fault switches lack.

Each behaviour is a function of one accepted connection (``behaviour(peer)``), run in a
thread of a :class:`HostileServer` on 127.0.0.1 with an ephemeral port. ``peer`` wraps the
socket and keeps every byte the client sent, so a test can show that no password ever
crossed the wire in clear text. TLS behaviours take the lab's certificates (a factory of
the running lab returns the behaviour).
"""

from __future__ import annotations

import random
import socket
import ssl
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from probe_helpers import RawServer

#: How long a behaviour that stalls or trickles keeps the connection open: far beyond any
#: test's deadline, so that a read without one would show as a wait of this length.
HOLD = 30.0


class Peer:
    """One accepted connection, with what the client sent (plaintext only) kept."""

    def __init__(self, sock: socket.socket, received: list[bytes]) -> None:
        self.sock = sock
        self.received = received
        self._buffer = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def recv(self, size: int = 4096) -> bytes:
        data = self.sock.recv(size)
        self.received.append(data)
        return data

    def lines(self) -> Iterator[bytes]:
        """The client's lines (without CR LF) until it closes."""
        while True:
            while b"\n" in self._buffer:
                line, self._buffer = self._buffer.split(b"\n", 1)
                yield line.rstrip(b"\r")
            data = self.recv()
            if not data:
                return
            self._buffer += data

    def hold(self, seconds: float = HOLD) -> None:
        """Keep the connection open, reading (and keeping) whatever arrives, until EOF."""
        end = time.monotonic() + seconds
        self.sock.settimeout(0.2)
        while time.monotonic() < end:
            try:
                if not self.recv():
                    return
            except TimeoutError:
                continue
            except OSError:
                return

    def close(self) -> None:
        self.sock.shutdown(socket.SHUT_RDWR)

    def reset(self) -> None:
        """Close with an RST (SO_LINGER 0)."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()

    def start_tls(self, context: ssl.SSLContext) -> Peer:
        """The server side of a TLS handshake; a Peer over the TLS socket (its bytes are not kept:
        they are no clear text)."""
        self.sock.settimeout(5)
        return Peer(context.wrap_socket(self.sock, server_side=True), [])


class HostileServer(RawServer):
    """A :class:`RawServer` whose behaviours get a :class:`Peer` and whose received bytes are kept."""

    def __init__(self, behaviour: Callable[[Peer], Any]) -> None:
        self.received: list[bytes] = []
        self._lock = threading.Lock()
        super().__init__(lambda sock: behaviour(Peer(sock, self.received)))

    def cleartext(self) -> bytes:
        with self._lock:
            return b"".join(self.received)


def send_then_hold(data: bytes) -> Callable[[Peer], None]:
    def run(peer: Peer) -> None:
        peer.send(data)
        peer.hold()
    return run


def smtp_server(*, greeting: bytes = b"220 mail.example.test ESMTP", ehlo: bytes | None = None,
                after_ehlo: Callable[[Peer], None] | None = None,
                on_starttls: Callable[[Peer], Peer | None] | None = None,
                auth_reply: bytes = b"535 5.7.8 Authentication credentials invalid",
                on_auth: Callable[[Peer], None] | None = None) -> Callable[[Peer], None]:
    """A scripted SMTP server: the greeting, the EHLO reply, what STARTTLS does (returns the
    TLS peer to go on with, or None to stop) and the answer to AUTH (or what ``on_auth`` does)."""
    default_ehlo = b"250-mail.example.test\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n"

    def session(peer: Peer, *, secure: bool) -> None:
        """One session, in plaintext or after STARTTLS (no STARTTLS offered again, ``on_auth`` there)."""
        for line in peer.lines():
            verb = line.split(b" ", 1)[0].upper()
            if verb in (b"EHLO", b"HELO"):
                if after_ehlo is not None and not secure:
                    after_ehlo(peer)
                    return
                reply = ehlo if ehlo is not None else default_ehlo
                peer.send(reply.replace(b"250-STARTTLS\r\n", b"") if secure else reply)
            elif verb == b"STARTTLS" and on_starttls is not None and not secure:
                upgraded = on_starttls(peer)
                if upgraded is not None:
                    session(upgraded, secure=True)
                return
            elif verb == b"AUTH" and on_auth is not None and secure:
                on_auth(peer)
                return
            elif verb == b"AUTH":
                peer.send(auth_reply + b"\r\n")
            elif verb == b"QUIT":
                peer.send(b"221 2.0.0 Bye\r\n")
                return
            else:
                peer.send(b"502 5.5.2 Error: command not recognized\r\n")

    def run(peer: Peer) -> None:
        peer.send(greeting + b"\r\n")
        session(peer, secure=False)

    return run


def smtp_without_extensions(ehlo_refusal: bytes = b"502 5.5.2 Error: command not recognized") -> Callable[[Peer], None]:
    """An SMTP server of before RFC 1869 (an old relay, an appliance): EHLO is an unknown
    command, HELO works, and a message is taken without a login (MAIL, RCPT)."""
    def run(peer: Peer) -> None:
        peer.send(b"220 relay.example.test SMTP ready\r\n")
        for line in peer.lines():
            verb = line.split(b" ", 1)[0].upper()
            if verb == b"HELO":
                peer.send(b"250 relay.example.test\r\n")
            elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                peer.send(b"250 Ok\r\n")
            elif verb == b"QUIT":
                peer.send(b"221 Bye\r\n")
                return
            elif verb == b"EHLO":
                peer.send(ehlo_refusal + b"\r\n")
            else:
                peer.send(b"500 5.5.2 Error: command not recognized\r\n")
    return run


def starttls_with(context: ssl.SSLContext) -> Callable[[Peer], Peer | None]:
    def upgrade(peer: Peer) -> Peer:
        peer.send(b"220 2.0.0 Ready to start TLS\r\n")
        return peer.start_tls(context)
    return upgrade


def starttls_refused(peer: Peer) -> None:
    peer.send(b"454 4.7.0 TLS not available due to local problem\r\n")
    peer.hold(2.0)


def starttls_closed(peer: Peer) -> None:
    peer.close()


def starttls_go_ahead_then_close(peer: Peer) -> None:
    peer.send(b"220 2.0.0 Ready to start TLS\r\n")
    peer.close()


def close_after_greeting(peer: Peer) -> None:
    peer.send(b"220 mail.example.test ESMTP\r\n")
    peer.close()


def slowloris(prefix: bytes, interval: float = 0.3) -> Callable[[Peer], None]:
    """A greeting that begins, then trickles one byte at a time and never ends."""
    def run(peer: Peer) -> None:
        peer.send(prefix)
        end = time.monotonic() + HOLD
        while time.monotonic() < end:
            peer.send(b"A")
            time.sleep(interval)
    return run


def server_context(lab: Any, extra_chain: bytes = b"") -> ssl.SSLContext:
    """A TLS server context with the lab's certificate for mail.example.test (and more PEM
    certificates appended to its chain)."""
    path = lab.certs.path("good")
    if extra_chain:
        bigger = path.with_name(f"good-plus-{len(extra_chain)}.pem")
        bigger.write_bytes(path.read_bytes() + extra_chain)
        path = bigger
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(path)
    return context


def huge_chain(lab: Any) -> Callable[[Peer], None]:
    """An implicit-TLS server whose certificate chain is some 400 KB (the CA, 400 times)."""
    ca = Path(lab.target.ca_file).read_bytes()
    context = server_context(lab, ca * 400)

    def run(peer: Peer) -> None:
        tls = peer.start_tls(context)
        tls.send(b"* OK ready\r\n")
        tls.hold()
    return run


def junk_after_server_hello(lab: Any) -> Callable[[Peer], None]:
    """Answer the ClientHello with a real ServerHello record, then with bytes that are no TLS."""
    context = server_context(lab)
    junk = bytes(random.Random(7).randbytes(3000))

    def run(peer: Peer) -> None:
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = context.wrap_bio(incoming, outgoing, server_side=True)
        incoming.write(peer.recv(16384))
        try:
            tls.do_handshake()
        except ssl.SSLError:
            pass
        flight = outgoing.read()
        first = 5 + struct.unpack("!H", flight[3:5])[0]  # the first record: header and body
        peer.send(flight[:first] + junk)
        peer.hold()
    return run


def smtp_auth_reply_over_tls(reply: bytes = b"", on_auth: Callable[[Peer], None] | None = None,
                             ) -> Callable[[Any], Callable[[Peer], None]]:
    """An SMTP server with working STARTTLS whose answer to AUTH is ``reply`` (or ``on_auth``)."""
    def factory(lab: Any) -> Callable[[Peer], None]:
        return smtp_server(on_starttls=starttls_with(server_context(lab)), auth_reply=reply, on_auth=on_auth)
    return factory


def imap_over_tls(*, capability: Callable[[bytes], bytes] | None = None,
                  login: Callable[[bytes], bytes] | None = None) -> Callable[[Any], Callable[[Peer], None]]:
    """An implicit-TLS IMAP server whose answers to CAPABILITY and to the login are
    ``capability(tag)`` and ``login(tag)`` (healthy ones by default)."""
    def factory(lab: Any) -> Callable[[Peer], None]:
        context = server_context(lab)

        def run(peer: Peer) -> None:
            tls = peer.start_tls(context)
            tls.send(b"* OK IMAP4rev1 ready\r\n")
            for line in tls.lines():
                tag, _, rest = line.partition(b" ")
                command = rest.split(b" ", 1)[0].upper()
                if command == b"CAPABILITY":
                    tls.send(capability(tag) if capability else
                             b"* CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR\r\n" + tag + b" OK done\r\n")
                elif command in (b"AUTHENTICATE", b"LOGIN"):
                    tls.send(login(tag) if login else tag + b" NO [AUTHENTICATIONFAILED] Authentication failed.\r\n")
                elif command in (b"SELECT", b"EXAMINE"):
                    tls.send(b"* 0 EXISTS\r\n" + tag + b" OK [READ-ONLY] Examine completed.\r\n")
                elif command == b"LOGOUT":
                    tls.send(b"* BYE\r\n" + tag + b" OK\r\n")
                    return
                else:
                    tls.send(tag + b" BAD unknown command\r\n")
        return run
    return factory


def pop3_over_tls(*, capa: bytes = b"+OK\r\nUSER\r\n.\r\n",
                  password_reply: bytes = b"-ERR [AUTH] Authentication failed.\r\n") -> Callable[[Any], Callable[[Peer], None]]:
    """An implicit-TLS POP3 server with USER/PASS whose answers to CAPA and PASS are given."""
    def factory(lab: Any) -> Callable[[Peer], None]:
        context = server_context(lab)

        def run(peer: Peer) -> None:
            tls = peer.start_tls(context)
            tls.send(b"+OK POP3 ready\r\n")
            for line in tls.lines():
                command = line.split(b" ", 1)[0].upper()
                if command == b"CAPA":
                    tls.send(capa)
                elif command == b"USER":
                    tls.send(b"+OK\r\n")
                elif command == b"PASS":
                    tls.send(password_reply)
                elif command == b"STAT":
                    tls.send(b"+OK 0 0\r\n")
                elif command == b"QUIT":
                    tls.send(b"+OK bye\r\n")
                    return
                else:
                    tls.send(b"-ERR unknown command\r\n")
        return run
    return factory
