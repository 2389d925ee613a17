"""A connection limiter in front of an implicit-TLS port: it answers the client's TLS handshake
with a plaintext refusal ("421 ... too many connections") and closes. The TLS probes meet
plaintext ('wrong version number'), and the plaintext session reads the refusal: the
diagnosis names the refusal, not a port without TLS or a TLS version."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from mailexpert.lab import Lab, Scenario
from mailexpert.lab.plan import host
from mailexpert.pipeline import diagnose

REFUSAL = b"421 4.7.0 mail.example.test Error: too many connections from 127.0.0.1\r\n"


@pytest.fixture
def refuser() -> Iterator[tuple[str, int]]:
    """A loopback listener that sends the refusal on every connection and closes it."""
    server = socket.create_server(("127.0.0.70", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                conn.sendall(REFUSAL)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[:2]
    finally:
        stop.set()
        server.close()
        thread.join(timeout=5)


def test_a_plaintext_421_on_the_implicit_tls_port_is_too_many_connections(refuser):
    account = Scenario("limiter", "Sending fails at once.", None, smtp="mail.example.test:465/ssl")
    with Lab(scenario=account) as lab:
        mail = host("mail").address
        connect_to = [(address, port, *(refuser if (address, port) == (mail, 465) else (real, real_port)))
                      for address, port, real, real_port in lab.target.connect_to]
        report = diagnose(lab.target.email, **lab.target.diagnose_options(timeout=2.0, connect_to=connect_to))
    handshakes = [f.get("outcome") for f in report.facts if f.kind == "tls.handshake" and f.get("port") == 465]
    assert handshakes == ["wrong-version-number"]
    assert report.top is not None and report.top.cause == "too-many-connections", report.top
    assert "too many connections" in report.top.summary
    named = {d.cause for d in report.diagnoses if not d.superseded_by}
    assert "tls-on-plaintext-port" not in named and not any(c.startswith("tls-") for c in named), named
