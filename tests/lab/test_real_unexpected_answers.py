"""Diagnoses of a mail host whose port answers in a way no healthy mail server does: a real
Postfix whose greeting comes later than the client waits or whose smtpd cannot start, a port
that takes connections and closes them, and another service where the
mail server should be (an SSH or a web server, with or without TLS, that a port forward or a
stale address leads to).

Each diagnosis is its own engine session against its own lab, whose mail host is sent to the
real servers by :func:`mailexpert.lab.realmap.real_connect_to` (or, for the port under test,
to the listener that plays the other service). In every case the client fails: the report
must not be healthy, and the cause must come first.
"""

from __future__ import annotations

import http.server
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailexpert.lab import Lab, Scenario
from mailexpert.lab.dovecot import DovecotServer, dovecot_available
from mailexpert.lab.plan import certificate_names, host
from mailexpert.lab.postfix import PostfixServer, postfix_unavailable
from mailexpert.lab.realmap import real_connect_to
from mailexpert.lab.target import ConnectTo
from mailexpert.pipeline import diagnose
from mailexpert.report import Report
from tests.lab.verdicts import top_error

_WHY_NOT = postfix_unavailable() or (None if dovecot_available() else "/usr/sbin/dovecot is not installed")

pytestmark = [
    pytest.mark.postfix,
    pytest.mark.dovecot,
    pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or ""),
]

#: Seconds Postfix waits before its greeting on "submission-slow", and the client's timeout.
GREETING_DELAY = 2
CLIENT_TIMEOUT = 1.0


@pytest.fixture(scope="module")
def dovecot() -> Iterator[DovecotServer]:
    with DovecotServer(address="127.0.0.87", sasl_socket=True) as server:
        yield server


@pytest.fixture(scope="module")
def postfix(dovecot: DovecotServer) -> Iterator[PostfixServer]:
    # A value misspelt in master.cf: each smtpd of that service exits at start ("invalid
    # smtpd_tls_security_level"), and the master, which holds the listening socket, throttles it.
    broken = {"submission-broken": (587, ("smtpd_tls_security_level=encrpyt", "smtpd_sasl_auth_enable=yes"))}
    with PostfixServer(address="127.0.0.88", sasl_path=dovecot.sasl_path, names=certificate_names(),
                       greeting_delay=GREETING_DELAY, extra_services=broken) as server:
        yield server


@pytest.fixture
def ssh_server() -> Iterator[tuple[str, int]]:
    """A listener that greets as OpenSSH does, with its identification line (RFC 4253
    section 4.2), and then waits for the client's, as sshd waits for it."""
    listener = socket.create_server(("127.0.0.89", 0))
    listener.settimeout(0.1)  # a closed listener does not wake an accept() that waits
    stop = threading.Event()
    clients: list[socket.socket] = []

    def greet(client: socket.socket) -> None:
        try:
            client.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
            client.recv(256)
        except OSError:
            pass

    def serve() -> None:
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            clients.append(client)
            threading.Thread(target=greet, args=(client,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[:2]
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()
        for client in clients:
            client.close()


@pytest.fixture
def closing_server() -> Iterator[tuple[str, int]]:
    """A port that takes each connection and closes it at once, as a container's published
    port does while the service inside is stopped (the proxy accepts, finds no back end, and
    closes)."""
    listener = socket.create_server(("127.0.0.89", 0))
    listener.settimeout(0.1)  # a closed listener does not wake an accept() that waits
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[:2]
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Python's file server without its access log on standard error (a subclass, so that the
    standard class stays as it is for the rest of the test run)."""

    def log_message(self, *args: object) -> None:  # type: ignore[override]
        pass


class _WebServer(http.server.ThreadingHTTPServer):
    """Python's threading HTTP server with a web server's listen backlog. socketserver listens
    with a backlog of 5; the probe opens more connections than that at once (the quality
    attempts and the other probes of the port), and this server's accept loop is a thread of
    the test's own process, which waits for the interpreter lock while the client runs. The
    kernel then drops the SYNs that find the accept queue full and sends them again only after
    a second, the client's whole timeout here: the client counts lost connections, packet loss
    that no real web server (nginx and Apache listen with a backlog of 511) would cause."""

    request_queue_size = 511


@pytest.fixture
def web_server() -> Iterator[tuple[str, int]]:
    """Python's own HTTP server: it waits for a request, as every web server does, and
    answers what is none (a TLS hello) with its error page ("400 Bad request")."""
    server = _WebServer(("127.0.0.90", 0), _QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[:2]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def https_server(postfix: PostfixServer) -> Iterator[tuple[str, int]]:
    """Python's HTTP server behind TLS, with a certificate the client trusts for the mail
    host's name (Postfix's own, as a web host's certificate for the same name would be). Each
    handshake runs in the request's thread, as web servers run them, not in the accept loop."""
    server = _WebServer(("127.0.0.90", 0), _QuietHandler)
    server.handle_error = lambda *args: None  # type: ignore[method-assign]  # hellos of other versions, hang-ups
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    assert postfix.cert_file is not None
    context.load_cert_chain(postfix.cert_file)
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[:2]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _diagnose(tmp_path: Path, postfix: PostfixServer, dovecot: DovecotServer, *, submission: str = "submission",
              elsewhere: dict[int, tuple[str, int]] | None = None, timeout: float = 3.0, **settings: str) -> Report:
    """Diagnose the account with the mail host on the real servers; the mail host's ports in
    ``elsewhere`` lead to the endpoints given there instead."""
    account = Scenario("real-unexpected", "A mail port answered in a way no healthy server does.", None,
                       imap=settings.get("imap"), smtp=settings.get("smtp"))
    with Lab(scenario=account) as lab:
        trust = tmp_path / "ca.pem"
        trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, dovecot.ca_file)))
        mail = host("mail").address
        connect_to: list[ConnectTo] = [
            (address, port, *(elsewhere or {}).get(port, (real, real_port))) if address == mail
            else (address, port, real, real_port)
            for address, port, real, real_port in real_connect_to(lab.target, postfix, dovecot, submission=submission)]
        options = lab.target.diagnose_options(timeout=timeout, ca_file=str(trust), password=dovecot.password,
                                              connect_to=connect_to)
        return diagnose(lab.target.email, **options)


def test_a_greeting_later_than_the_client_waits(postfix, dovecot, tmp_path):
    """Postfix sleeps before its greeting (a "sleep" client restriction evaluated at connect),
    longer than the client waits: every connection is accepted and nothing is said in time.
    The probe also looks whether the port speaks TLS instead; that handshake gets no answer
    either, which is no broken TLS: the server says nothing at all."""
    report = _diagnose(tmp_path, postfix, dovecot, submission="submission-slow", timeout=CLIENT_TIMEOUT,
                       imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")
    summary = top_error(report, "server-unavailable", "server-unavailable-no-greeting")
    assert "mail.example.test:587 accepts the TCP connection, but the SMTP server never says anything" in summary
    # The quality look waited for the greeting too, and every attempt went without one.
    quality = [f for f in report.facts if f.kind == "tcp.quality" and f.get("port") == 587]
    assert quality and all(f.get("loss_pct") == 100 for f in quality), quality
    roots = {d.cause for d in report.diagnoses if d.is_root}
    assert not {"server-protocol-error", "packet-loss"} & roots, roots


def test_a_postfix_service_whose_smtpd_cannot_start(postfix, dovecot, tmp_path):
    """The master accepts on the service's port, its smtpd exits at once on a misspelt
    setting, and the connection waits for a greeting that never comes."""
    report = _diagnose(tmp_path, postfix, dovecot, submission="submission-broken", timeout=CLIENT_TIMEOUT,
                       imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")
    summary = top_error(report, "server-unavailable", "server-unavailable-no-greeting")
    assert "mail.example.test:587 accepts the TCP connection, but the SMTP server never says anything" in summary
    assert "invalid smtpd_tls_security_level" in postfix.log_text or "bad command startup" in postfix.log_text


@pytest.mark.parametrize(("port", "smtp", "imap"), [
    (587, "mail.example.test:587/starttls", "mail.example.test:993/ssl"),
    (143, "mail.example.test:465/ssl", "mail.example.test:143/starttls"),
])
def test_a_port_that_closes_every_connection_at_once(postfix, dovecot, closing_server, tmp_path, port, smtp, imap):
    """Accepted and closed before a byte: no mail server greets there. Never healthy, and no
    loss on the way (every attempt ends alike)."""
    report = _diagnose(tmp_path, postfix, dovecot, elsewhere={port: closing_server}, timeout=CLIENT_TIMEOUT,
                       smtp=smtp, imap=imap)
    summary = top_error(report, "server-unavailable", "server-unavailable-closed-at-greeting")
    assert f"mail.example.test:{port} accepts the TCP connection and ends it at once (closed)" in summary
    assert "packet-loss" not in {d.cause for d in report.diagnoses if d.is_root}


@pytest.mark.parametrize(("port", "smtp", "imap", "words"), [
    (587, "mail.example.test:587/starttls", "mail.example.test:993/ssl", "mail.example.test:587 speaks SSH"),
    (143, "mail.example.test:465/ssl", "mail.example.test:143/starttls", "mail.example.test:143 speaks SSH"),
])
def test_an_ssh_server_where_the_mail_port_should_be(postfix, dovecot, ssh_server, tmp_path, port, smtp, imap, words):
    """The mail port leads to an SSH server (a router's port forward to the wrong service, an
    address that now belongs to another machine): its identification line is no greeting of
    any mail protocol, and the report says what answers there, not that a mail server broke."""
    report = _diagnose(tmp_path, postfix, dovecot, elsewhere={port: ssh_server}, timeout=CLIENT_TIMEOUT,
                       smtp=smtp, imap=imap)
    assert words in top_error(report, "wrong-protocol-on-port")
    greeting = next(f for f in report.facts if f.kind == "service.greeting" and f.get("port") == port)
    assert greeting.get("spoken") == "ssh" and greeting.get("text", "").startswith("SSH-2.0-OpenSSH_"), greeting
    assert "server-protocol-error" not in {d.cause for d in report.diagnoses if d.is_root}


@pytest.mark.parametrize(("port", "smtp", "imap", "words"), [
    (587, "mail.example.test:587/starttls", "mail.example.test:993/ssl", "mail.example.test:587 speaks HTTP"),
    (993, "mail.example.test:465/ssl", "mail.example.test:993/ssl", "mail.example.test:993 speaks HTTP"),
])
def test_a_web_server_where_the_mail_port_should_be(postfix, dovecot, web_server, tmp_path, port, smtp, imap, words):
    """The mail port leads to a web server. It says nothing first, as an implicit-TLS port
    does, and answers the TLS hello with an HTTP error, which the TLS library reads as
    "wrong version number": no mail server's TLS layer broke, another service answers."""
    report = _diagnose(tmp_path, postfix, dovecot, elsewhere={port: web_server}, timeout=CLIENT_TIMEOUT,
                       smtp=smtp, imap=imap)
    assert words in top_error(report, "wrong-protocol-on-port")
    answer = next(f for f in report.facts if f.kind == "service.answer" and f.get("port") == port)
    assert answer.get("spoken") == "http", answer
    roots = {d.cause for d in report.diagnoses if d.is_root}
    assert not {"server-protocol-error", "server-unavailable"} & roots, roots


@pytest.mark.parametrize(("port", "smtp", "imap", "words"), [
    (993, "mail.example.test:587/starttls", "mail.example.test:993/ssl",
     "mail.example.test:993 completes the TLS handshake, but no IMAP server ever greets inside it"),
    (465, "mail.example.test:465/ssl", "mail.example.test:143/starttls",
     "mail.example.test:465 completes the TLS handshake, but no SMTP server ever greets inside it"),
])
def test_a_web_server_with_tls_where_the_implicit_tls_port_should_be(postfix, dovecot, https_server, tmp_path, port,
                                                                     smtp, imap, words):
    """An implicit-TLS port that leads to an HTTPS server (or to a TLS front end whose mail
    server behind it is gone): the handshake and the certificate are fine, and then nothing
    is said, where a mail server greets first. That is no working port, never healthy."""
    report = _diagnose(tmp_path, postfix, dovecot, elsewhere={port: https_server}, timeout=CLIENT_TIMEOUT,
                       smtp=smtp, imap=imap)
    assert words in top_error(report, "server-unavailable", "server-unavailable-no-greeting-after-tls")
    assert any(f.kind == "tls.handshake" and f.get("port") == port and f.get("outcome") == "ok" for f in report.facts)
