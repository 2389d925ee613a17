"""A real Postfix as a relay client (relayhost with SASL) against the lab's faults: what its
smtp(8) client logs is what `mailexpert explain` reads."""

from __future__ import annotations

import socket
import threading

import pytest

from mailexpert.account import ServerSetting
from mailexpert.explain import explain, recognise
from mailexpert.lab import Lab
from mailexpert.lab.relayclient import PostfixRelayClient, relay_client_unavailable

_WHY_NOT = relay_client_unavailable()

pytestmark = [pytest.mark.postfix, pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or "")]

MESSAGE = b"From: alice@example.test\nTo: bob@example.org\nSubject: test\n\nhello\n"


def _attempt(relay: PostfixRelayClient, sender: str = "alice@example.test") -> list[str]:
    with relay:
        return relay.attempt(relay.send(sender, "bob@example.org", MESSAGE))


def _through_lab(scenario: str) -> tuple[list[str], str]:
    with Lab(scenario=scenario) as lab:
        t = lab.target
        s = ServerSetting.parse("smtp", t.smtp)
        address, port = lab.endpoint(s.host, s.port)
        relay = PostfixRelayClient(relay=(s.host, port), address=address, security=s.security, ca_file=t.ca_file,
                                   login=(t.username, t.password))
        return _attempt(relay), t.password


def test_a_refused_password_in_postfixs_log_is_named() -> None:
    lines, password = _through_lab("password-rejected")
    log = "\n".join(lines)
    assert "status=deferred (SASL authentication failed; server mail.example.test[" in log, log
    assert password not in log
    report = explain(log)
    assert report.top is not None and report.top.cause == "password-rejected", [d.cause for d in report.diagnoses]


def test_a_certificate_from_an_unknown_issuer_is_named() -> None:
    lines, _ = _through_lab("cert-untrusted-issuer")
    log = "\n".join(lines)
    assert "Server certificate not verified" in log, log
    top = explain(log).top
    assert top is not None and top.cause in ("cert-untrusted-issuer", "tls-interception"), top


def test_a_server_that_hangs_up_before_greeting_is_no_greeting() -> None:
    # A listener that takes each connection and closes it at once, as an overloaded or a
    # filtering server does: Postfix's client never reads a greeting.
    listener = socket.create_server(("127.0.0.47", 0))
    listener.settimeout(0.1)
    done = threading.Event()

    def hang_up() -> None:
        while not done.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.close()

    thread = threading.Thread(target=hang_up, daemon=True)
    thread.start()
    try:
        relay = PostfixRelayClient(relay=("mail.example.test", listener.getsockname()[1]), address="127.0.0.47",
                                   security="starttls", tls_level="may")
        log = "\n".join(_attempt(relay))
    finally:
        done.set()
        thread.join(5)
        listener.close()
    assert "while receiving the initial server greeting" in log, log
    greeting = [f for f in recognise(log).facts if f.kind == "service.greeting"]
    assert greeting and greeting[0].get("spoken") == "silence", log
