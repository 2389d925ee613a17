"""DNS queries are retried within the step timeout: a lost datagram is not a timeout."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import dns.exception
import dns.message
import dns.rrset
import pytest

from mailexpert.account import ResolverAddress
from mailexpert.probes.resolve import resolve_with_retries


class LossyResolver:
    """A loopback UDP resolver that drops the first ``drop`` queries and delays answers; the
    first query it answers gets 127.0.0.10, the next 127.0.0.11, and so on."""

    def __init__(self, drop: int = 0, delay: float = 0.0) -> None:
        self.drop = drop
        self.delay = delay
        self.received = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.address = ResolverAddress(ip="127.0.0.1", port=self.sock.getsockname()[1])
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                data, peer = self.sock.recvfrom(4096)
            except OSError:
                return
            self.received += 1
            if self.received <= self.drop:
                continue  # the datagram is "lost"
            query = dns.message.from_wire(data)
            response = dns.message.make_response(query)
            answered = self.received - self.drop
            response.answer.append(dns.rrset.from_text(query.question[0].name, 60, "IN", "A", f"127.0.0.{9 + answered}"))
            threading.Timer(self.delay, self._send, (response.to_wire(), peer)).start()

    def _send(self, wire: bytes, peer) -> None:
        try:
            self.sock.sendto(wire, peer)
        except OSError:
            pass

    def close(self) -> None:
        self.sock.close()


def _resolve(server: LossyResolver, lifetime: float):
    async def go():
        start = time.monotonic()
        answer = await resolve_with_retries("mail.example.test", "A", [server.address], lifetime)
        return answer, time.monotonic() - start

    return asyncio.run(go())


@pytest.mark.parametrize("lost", [1, 2])
def test_a_lost_datagram_is_retried(lost):
    server = LossyResolver(drop=lost)
    try:
        answer, elapsed = _resolve(server, 3.0)
    finally:
        server.close()
    assert [str(r) for r in answer] == ["127.0.0.10"]
    assert elapsed < 3.0
    assert server.received == lost + 1


def test_a_slow_answer_to_the_first_copy_still_counts():
    server = LossyResolver(delay=1.6)  # slower than the retry interval, within the lifetime
    try:
        answer, elapsed = _resolve(server, 3.0)
    finally:
        server.close()
    # The first copy's answer (a retry, sent 1 s later, would be answered 127.0.0.11 at 2.6 s),
    # told by its address rather than by a clock that a busy machine may delay.
    assert [str(r) for r in answer] == ["127.0.0.10"]
    assert 1.5 <= elapsed < 3.0


def test_silence_is_a_timeout_within_the_lifetime():
    server = LossyResolver(drop=100)
    try:
        with pytest.raises(dns.exception.Timeout):
            _resolve(server, 1.5)
    finally:
        server.close()
    assert server.received == 3


@pytest.mark.parametrize("lifetime", [0.03, 0.05])
def test_a_short_step_timeout_still_sends_the_first_query(lifetime):
    # A user's --timeout of 0.05 s once sent no query at all (every copy gave up before
    # sending), and an unasked resolver was reported as DNS being blocked.
    server = LossyResolver(drop=100)
    try:
        with pytest.raises(dns.exception.Timeout):
            _resolve(server, lifetime)
    finally:
        server.close()
    assert server.received == 1
