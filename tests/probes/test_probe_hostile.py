"""Hostile and broken servers: every behaviour ends in a fact within the deadline.

Never a hang, a crash or an unbounded read: silence, slow drips, megabyte lines, binary
junk, ANSI escapes, TLS junk, resets mid-handshake, endless continuation lines, HTTP on a
mail port and more, from the lab's fault switches and from raw sockets made here.
"""

from __future__ import annotations

import os
import socket
import struct
import time

import pytest
from probe_helpers import DEADLINE, RawServer, account_for, one, options_for, run_lab, run_session

from mailexpert.collect import collect_sync
from mailexpert.lab import Fault, Lab

LIMIT = DEADLINE + 1.0  # generous upper bound for any single run
IMAP_SETTING = dict(imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")


def _check(run):
    assert run.result.errors == (), run.result.errors
    assert run.elapsed <= LIMIT, run.elapsed
    for f in run.facts:
        for value in f.fields.values():
            if isinstance(value, str):
                assert "\x1b" not in value and "\x00" not in value
    return run.facts


# (id, faults, expected (kind, fields)) -- driven through a full collection against the lab
LAB_CASES = [
    ("silence", [Fault("silent", "mail:587")], ("service.greeting", dict(port=587, spoken="silence"))),
    ("slow-greeting", [Fault("slow", "mail:587", 3.0)], ("service.greeting", dict(port=587, spoken="silence"))),
    ("slow-drip", [Fault("drip", "mail:587", 0.3)],
     ("service.greeting", dict(port=587, spoken=lambda s: s in ("smtp", "unknown"), status=None))),
    ("binary-garbage", [Fault("garbage", "mail:587", 4096)], ("service.greeting", dict(port=587, spoken="garbage"))),
    ("one-megabyte-line", [Fault("long-line", "mail:587")],
     ("service.greeting", dict(port=587, text=lambda t: len(t) <= 2000))),
    ("http-on-mail-port", [Fault("http", "mail:587")], ("service.greeting", dict(port=587, spoken="http"))),
    ("imap-on-smtp-port", [Fault("speak", "mail:587", "imap")],
     ("service.greeting", dict(port=587, protocol="smtp", spoken="imap"))),
    ("tls-on-plaintext-port", [Fault("speak-tls", "mail:587")],
     ("tls.handshake", dict(port=587, mode="implicit", outcome="ok"))),
    ("plaintext-on-tls-port", [Fault("speak-plain", "mail:993")],
     ("tls.handshake", dict(port=993, outcome="wrong-version-number"))),
    ("reset-mid-handshake", [Fault("reset-handshake", "mail:993")],
     ("tls.handshake", dict(port=993, mode="implicit", outcome=lambda o: o in ("reset", "unexpected-eof")))),
    ("reset-mid-starttls-handshake", [Fault("reset-handshake", "mail:587")],
     ("tls.handshake", dict(port=587, mode="starttls", outcome=lambda o: o in ("reset", "unexpected-eof")))),
    ("ansi-escapes", [Fault("ansi", "mail:587")],
     ("service.greeting", dict(port=587, text=lambda t: "\\x1b" in t))),
    ("endless-smtp-continuation", [Fault("endless", "mail:587")],
     ("login.result", dict(port=587, outcome="skipped", skipped_reason="session-failed"))),
    ("endless-imap-untagged", [Fault("endless", "mail:993")],
     ("login.result", dict(port=993, outcome="skipped", skipped_reason="session-failed"))),
    ("busy-greeting", [Fault("busy", "mail:993")], ("service.greeting", dict(port=993, status="bye"))),
    ("starttls-then-close", [Fault("starttls", "mail:587", "close")],
     ("tls.handshake", dict(port=587, mode="starttls", outcome=lambda o: o in ("unexpected-eof", "reset")))),
    ("starttls-then-plaintext", [Fault("starttls", "mail:587", "plaintext")],
     ("tls.handshake", dict(port=587, mode="starttls", outcome=lambda o: o in ("wrong-version-number", "error")))),
    ("starttls-then-hang", [Fault("starttls", "mail:587", "hang")],
     ("tls.handshake", dict(port=587, mode="starttls", outcome="timeout"))),
    ("latency-beyond-timeout", [Fault("latency", "mail:993", 2.0)],
     ("service.greeting", dict(port=993, spoken="silence"))),
    ("dns-slower-than-timeout", [Fault("dns-slow", "*", 3.0)],
     ("dns.answer", dict(name="mail.example.test", rrtype="A", role="system", outcome="timeout"))),
]


@pytest.mark.parametrize("case", LAB_CASES, ids=[c[0] for c in LAB_CASES])
def test_lab_hostile(case):
    _, faults, (kind, fields) = case
    facts = _check(run_lab(None, faults))
    one(facts, kind, **fields)


def test_proxy_that_hangs_ends_in_a_fact():
    with Lab(faults=[Fault("proxy", "proxy", "hang")]) as lab:
        t = lab.target
        start = time.monotonic()
        result = collect_sync(account_for(t), options_for(t, proxy=lab.proxy_url))
        assert time.monotonic() - start <= LIMIT
    one(result.facts, "web.fetch", via="proxy", outcome="proxy-error")


# ---- raw servers for what the lab cannot do -------------------------------------------

def _rst(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def reset_on_accept(sock):
    _rst(sock)


def close_on_accept(sock):
    sock.shutdown(socket.SHUT_RDWR)


def nul_and_binary_line(sock):
    sock.sendall(b"220 \x00\x01\x02\xff\xfe ok\x1b[31m red\r\n")
    time.sleep(2)


def half_line_then_close(sock):
    sock.sendall(b"* OK [CAPABILITY IMAP4rev1")


def tls_garbage(sock):
    sock.recv(4096)  # the ClientHello
    sock.sendall(os.urandom(2048))


def tls_alert_bytes(sock):
    sock.recv(4096)
    sock.sendall(bytes([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]))  # fatal handshake_failure


def starttls_injection(sock):
    sock.sendall(b"* OK ready\r\n")
    buf = b""
    while b"\n" not in buf:
        buf += sock.recv(1024)
    tag = buf.split()[0]
    if b"CAPABILITY" in buf:
        sock.sendall(b"* CAPABILITY IMAP4rev1 STARTTLS\r\n" + tag + b" OK done\r\n")
        buf = b""
        while b"\n" not in buf:
            buf += sock.recv(1024)
        tag = buf.split()[0]
    # A reply to STARTTLS plus injected bytes that must never be taken as TLS or as commands.
    sock.sendall(tag + b" OK Begin TLS\r\n* BYE injected\r\n")
    time.sleep(2)


def endless_pop3_capa(sock):
    sock.sendall(b"+OK ready\r\n")
    sock.recv(1024)
    sock.sendall(b"+OK\r\n")
    try:
        for i in range(100000):
            sock.sendall(b"X-CAP-%d\r\n" % i)
    except OSError:
        pass


def endless_imap_login(sock):
    sock.sendall(b"* OK ready\r\n")
    while True:
        data = sock.recv(4096)
        if not data:
            return
        line = data.split(b"\r\n")[0]
        tag = line.split()[0]
        if b"CAPABILITY" in line:
            sock.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK\r\n")
        else:
            try:
                for _ in range(100000):
                    sock.sendall(b"* NO still thinking\r\n")
            except OSError:
                return


def smtp_drip_ehlo(sock):
    sock.sendall(b"220 hi\r\n")
    sock.recv(1024)
    for ch in b"250-hi\r\n" * 100:
        sock.sendall(bytes([ch]))
        time.sleep(0.05)


RAW_CASES = [
    ("reset-on-accept", reset_on_accept, "smtp", "starttls", 587,
     ("service.greeting", dict(spoken=lambda s: s in ("reset", "closed")))),
    ("close-on-accept", close_on_accept, "imap", "starttls", 143, ("service.greeting", dict(spoken="closed"))),
    ("nul-and-ansi-in-greeting", nul_and_binary_line, "smtp", "starttls", 587,
     ("service.greeting", dict(text=lambda t: "\\x00" in t and "\\x1b" in t))),
    ("half-line-then-close", half_line_then_close, "imap", "starttls", 143,
     ("service.greeting", dict(spoken="imap", status=None))),
    ("tls-garbage", tls_garbage, "imap", "ssl", 993,
     ("tls.handshake", dict(outcome=lambda o: o in ("wrong-version-number", "error", "alert", "unexpected-eof")))),
    ("tls-alert-record", tls_alert_bytes, "imap", "ssl", 993,
     ("tls.handshake", dict(outcome=lambda o: o in ("handshake-failure", "alert")))),
    ("data-injected-after-starttls", starttls_injection, "imap", "starttls", 143,
     ("tls.handshake", dict(mode="starttls", outcome="error"))),
    ("endless-pop3-capa", endless_pop3_capa, "pop3", "starttls", 110,
     ("login.result", dict(outcome="skipped", skipped_reason="session-failed"))),
    ("endless-untagged-during-login", endless_imap_login, "imap", "plain", 143,
     ("login.result", dict(outcome=lambda o: o in ("error", "timeout")))),
    ("ehlo-slow-drip", smtp_drip_ehlo, "smtp", "starttls", 587,
     ("login.result", dict(outcome="skipped", skipped_reason="session-failed"))),
]


@pytest.mark.parametrize("case", RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_raw_hostile(case):
    _, behaviour, protocol, security, port, (kind, fields) = case
    with RawServer(behaviour) as server:
        facts, elapsed, runner = run_session(protocol, security, server, port, allow_insecure_login=True)
    assert elapsed <= LIMIT
    one(facts, kind, **fields)
    for f in facts:
        for value in f.fields.values():
            if isinstance(value, str):
                assert "\x1b" not in value and "\x00" not in value
                assert "CANARY-hostile-Pw-31337" not in value
    assert not any("CANARY-hostile-Pw-31337" in line for line in runner.transcript.lines)


def test_garbage_dns_server_times_out_cleanly():
    """A resolver that answers junk: dnspython ignores it, the query ends as a timeout."""
    import threading

    from mailexpert.account import Account
    from mailexpert.collect import LOOPBACK_NETWORKS, FollowUpRunner, ProbeOptions

    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))

    def serve():
        while True:
            try:
                _, peer = udp.recvfrom(4096)
                udp.sendto(os.urandom(64), peer)
            except OSError:
                return

    threading.Thread(target=serve, daemon=True).start()
    try:
        opts = ProbeOptions(dns_servers=[f"127.0.0.1:{udp.getsockname()[1]}"], reference_dns=(), web_urls=(),
                            timeout=0.6, deadline=3, allowed_networks=LOOPBACK_NETWORKS, environ={})
        runner = FollowUpRunner(Account(email="alice@example.test"), opts)
        start = time.monotonic()
        facts = runner({"name": "dns", "args": {"name": "mail.example.test", "rrtype": "A"}})
        assert time.monotonic() - start <= 3 + 1
    finally:
        udp.close()
    one(facts, "dns.answer", name="mail.example.test", outcome=lambda o: o in ("timeout", "error"))
