"""Hostile servers on real loopback sockets, diagnosed through the command line.

Each case puts a :class:`HostileServer` (tests/probes/hostile_servers.py) in place of one
port of the lab's mail host and runs ``mailexpert diagnose`` on it (in this process, with
its resolvers, web pages and CA): the diagnosis ends within its deadline, exits 1 with a
cause of severity error that names what broke, never "no problem found", never exit 3; the
password never crosses the wire in clear text; server text reaches no terminal unescaped.
The lab's own fault switches (floods, endless continuation lines, SASL loops, ...) are
diagnosed in test_hostile_diagnosis.py.
"""

from __future__ import annotations

import base64
import io
import json
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile_servers import (
    HostileServer,
    Peer,
    close_after_greeting,
    huge_chain,
    imap_over_tls,
    junk_after_server_hello,
    pop3_over_tls,
    send_then_hold,
    slowloris,
    smtp_auth_reply_over_tls,
    smtp_server,
    starttls_closed,
    starttls_go_ahead_then_close,
    starttls_refused,
)
from probe_helpers import STEP_TIMEOUT

from mailexpert.cli import main
from mailexpert.lab import Fault, Lab
from mailexpert.lab.target import connect_to_arg

pytestmark = pytest.mark.usefixtures("rulebase_loaded")  # conftest.py: its first load is not timed

#: The global deadline of a diagnosis with this step timeout, plus a margin for the rule
#: engine and a shared, busy machine; the servers hold their connections for far longer
#: (hostile_servers.HOLD), so a step without a deadline still shows.
LIMIT = max(3 * STEP_TIMEOUT, STEP_TIMEOUT + 5) + 6.0
PASSWORD_VAR = "MAILEXPERT_HOSTILE_PASSWORD"
IMAP_STARTTLS = "mail.example.test:143/starttls"
IMAPS = "mail.example.test:993/ssl"
POP3_STARTTLS = "mail.example.test:110/starttls"
POP3S = "mail.example.test:995/ssl"
SUBMISSION = "mail.example.test:587/starttls"
SMTPS = "mail.example.test:465/ssl"
#: A server's text with what must never reach a terminal: NUL, BEL, ESC sequences (a window
#: title, clear screen, colour), a C1 CSI both as a stray byte and as UTF-8, invalid UTF-8.
CONTROLS = b"\x00\x07\x1b]0;owned\x07\x1b[2J\x1b[31m red \x9b31m \xc2\x9b2J \xff\xfe\xc3( end"


def _by_lab(make: Callable[[Any], Callable[[Peer], None]]) -> Callable[[Any], Callable[[Peer], None]]:
    return make


def _plain(behaviour: Callable[[Peer], None]) -> Callable[[Any], Callable[[Peer], None]]:
    return lambda lab: behaviour


# (id, setting, behaviour factory, expected top cause(s), words its summary contains)
CASES = [
    # 554 in place of 220 refuses the session for good (RFC 5321 section 3.1): no "retry later".
    ("smtp-greeting-554", SUBMISSION, _plain(send_then_hold(b"554 5.3.2 No SMTP service here\r\n")),
     "server-reply-permanent", ["587", "554 5.3.2 No SMTP service here", "for good"]),
    # A refusal of the client's address by a block list: no retry helps, unlike "service unavailable".
    ("smtp-greeting-554-blocklisted", SUBMISSION, _plain(send_then_hold(
        b"554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org\r\n")),
     "client-ip-blocklisted", ["blocked using"]),
    ("imap-greeting-bye", IMAP_STARTTLS, _plain(send_then_hold(b"* BYE Server shutting down\r\n")),
     "server-unavailable", ["143", "BYE Server shutting down"]),
    # Postfix's postscreen sends a "220-" teaser first; a client it drops gets the verdict after it.
    ("smtp-greeting-teaser-then-521", SUBMISSION,
     _plain(send_then_hold(b"220-mail.example.test ESMTP\r\n521 5.3.2 Service currently unavailable\r\n")),
     "server-reply-permanent", ["587", "521 5.3.2", "for good"]),
    ("pop3-greeting-err", POP3_STARTTLS, _plain(send_then_hold(b"-ERR [SYS/TEMP] Service unavailable\r\n")),
     "server-unavailable", ["110", "-ERR"]),
    ("smtp-greeting-code-999", SUBMISSION, _plain(send_then_hold(b"999 mail.example.test ESMTP\r\n")),
     "server-protocol-error", ["smtp", "greeting step", "bad-reply"]),
    ("smtp-greeting-code-2500", SUBMISSION, _plain(send_then_hold(b"2500 mail.example.test ESMTP\r\n")),
     "server-protocol-error", ["greeting step", "bad-reply"]),
    ("smtp-greeting-code-abc", SUBMISSION, _plain(send_then_hold(b"abc mail.example.test ESMTP\r\n")),
     "server-protocol-error", ["greeting step", "bad-reply"]),
    ("smtp-greeting-continued-out-of-range", SUBMISSION,
     _plain(send_then_hold(b"220-mail.example.test ESMTP\r\n600 welcome\r\n")),
     "server-protocol-error", ["greeting step", "bad-reply"]),
    ("imap-greeting-unknown-status", IMAP_STARTTLS, _plain(send_then_hold(b"* HELLO there\r\n")),
     "server-protocol-error", ["imap", "greeting step", "bad-reply"]),
    ("smtp-ehlo-code-999", SUBMISSION, _plain(smtp_server(ehlo=b"999-mail.example.test\r\n999 STARTTLS\r\n")),
     "server-protocol-error", ["capability step", "bad-reply"]),
    # Read leniently, "2500" was a 250: a capability list without STARTTLS from a broken reply.
    ("smtp-ehlo-code-2500", SUBMISSION, _plain(smtp_server(ehlo=b"250-mail.example.test\r\n2500 AUTH PLAIN\r\n")),
     "server-protocol-error", ["capability step", "bad-reply"]),
    ("smtp-closes-after-greeting", SUBMISSION, _plain(close_after_greeting),
     "server-protocol-error", ["smtp", "capability step", "closed"]),
    ("smtp-reset-after-ehlo", SUBMISSION, _plain(smtp_server(after_ehlo=lambda peer: peer.reset())),
     "server-protocol-error", ["smtp", "capability step", "reset"]),
    ("smtp-slowloris-greeting", SUBMISSION, _plain(slowloris(b"220 mail.example.test ")),
     "server-protocol-error", ["greeting step", "timeout"]),
    # A greeting that has begun may take the rest of the deadline (postscreen), no more.
    ("smtp-slowloris-greeting-continuation", SUBMISSION, _plain(slowloris(b"220-mail.example.test\r\n220-", 0.05)),
     "server-protocol-error", ["greeting step", "timeout"]),
    ("smtp-slowloris-ehlo", SUBMISSION,
     _plain(smtp_server(after_ehlo=lambda peer: slowloris(b"250-mail.example.test\r\n250-")(peer))),
     "server-protocol-error", ["capability step", "timeout"]),
    ("smtp-starttls-454", SUBMISSION, _plain(smtp_server(on_starttls=starttls_refused)),
     "starttls-failed", ["587", "STARTTLS", "refused"]),
    ("smtp-starttls-closed", SUBMISSION, _plain(smtp_server(on_starttls=starttls_closed)),
     "starttls-failed", ["587", "STARTTLS", "closed"]),
    ("smtp-starttls-go-ahead-then-close", SUBMISSION, _plain(smtp_server(on_starttls=starttls_go_ahead_then_close)),
     "starttls-failed", ["587", "STARTTLS"]),
    ("smtp-starttls-reply-code-999", SUBMISSION,
     _plain(smtp_server(on_starttls=lambda peer: peer.send(b"999 go ahead\r\n") or peer.hold(2.0))),
     "starttls-failed", ["587", "STARTTLS"]),
    ("smtps-plaintext-banner", SMTPS, _plain(send_then_hold(b"220 mail.example.test ESMTP\r\n")),
     "tls-on-plaintext-port", ["465", "plaintext"]),
    ("imaps-plaintext-banner", IMAPS, _plain(send_then_hold(b"* OK IMAP4rev1 ready\r\n")),
     "tls-on-plaintext-port", ["993", "plaintext"]),
    ("imaps-huge-certificate-chain", IMAPS, _by_lab(huge_chain),
     "server-protocol-error", ["993", "TLS handshake"]),
    ("imaps-junk-after-server-hello", IMAPS, _by_lab(junk_after_server_hello),
     "server-protocol-error", ["993", "not TLS"]),
    # Read leniently, "2350" was a 235: a login reported as accepted.
    ("smtp-auth-reply-code-2350", SUBMISSION, _by_lab(smtp_auth_reply_over_tls(b"2350 2.7.0 Authentication successful")),
     "server-protocol-error", ["login step", "bad-reply"]),
    ("smtp-auth-reply-code-999", SUBMISSION, _by_lab(smtp_auth_reply_over_tls(b"999 authenticated")),
     "server-protocol-error", ["login step", "bad-reply"]),
    # A login answer that trickles in: the patient wait for a login ends with the deadline.
    ("smtp-auth-reply-trickle", SUBMISSION, _by_lab(smtp_auth_reply_over_tls(on_auth=slowloris(b"535 5.7.8 ", 0.5))),
     ("server-protocol-error", "password-rejected"), ["login"]),
    ("imap-capability-answered-by-continuation", IMAPS, imap_over_tls(capability=lambda tag: b"+ go on\r\n"),
     "server-protocol-error", ["imap", "capability step", "bad-reply"]),
    ("imap-capability-tag-without-status", IMAPS, imap_over_tls(capability=lambda tag: tag + b" WHATEVER\r\n"),
     "server-protocol-error", ["imap", "capability step", "bad-reply"]),
    ("imap-login-tag-without-status", IMAPS, imap_over_tls(login=lambda tag: tag + b" OKAY\r\n"),
     "server-protocol-error", ["imap", "login step", "bad-reply"]),
    ("pop3-capa-neither-ok-nor-err", POP3S, pop3_over_tls(capa=b"hello there\r\n"),
     "server-protocol-error", ["pop3", "capability step", "bad-reply"]),
    ("pop3-pass-answered-okay", POP3S, pop3_over_tls(password_reply=b"+OKAY\r\n"),
     "server-protocol-error", ["pop3", "login step", "bad-reply"]),
]


#: Readings a case must not get besides its cause: a permanent refusal at the greeting is no
#: "retry later" (server-unavailable); a server that breaks the handshake off is no server
#: that refuses every TLS version (tls-no-shared-cipher).
NOT_CAUSES = {
    "smtp-greeting-554": ("server-unavailable",),
    "smtp-greeting-teaser-then-521": ("server-unavailable",),
    "imaps-huge-certificate-chain": ("tls-no-shared-cipher", "tls-on-plaintext-port"),
    "imaps-junk-after-server-hello": ("tls-no-shared-cipher", "tls-on-plaintext-port"),
}


def diagnose_cli(lab: Lab, server: HostileServer, setting: str, monkeypatch: pytest.MonkeyPatch,
                 *extra: str, address: str | None = None, password: bool = True) -> tuple[int, str, float]:
    """``mailexpert diagnose`` of the lab's account with ``setting``, whose port is ``server``
    (at the mail host's address, or at ``address``); without ``password``, none is given."""
    t = lab.target
    protocol = {"143": "imap", "993": "imap", "110": "pop3", "995": "pop3"}.get(
        setting.split(":")[1].split("/")[0], "smtp")
    port = int(setting.split(":")[1].split("/")[0])
    mail_address = address or next(address for address, logical, _, _ in t.connect_to if logical == port)
    connect_to = [(mail_address, port, "127.0.0.1", server.port), *t.connect_to]  # the first match wins
    args = ["diagnose", t.email, f"--{protocol}", setting, "--username", t.username,
            *(["--password-env", PASSWORD_VAR] if password else []), "--no-input", "--timeout", str(STEP_TIMEOUT),
            "--allow-network", "127.0.0.0/8", "--allow-network", "::1/128", "--ca-file", t.ca_file]
    for resolver in t.dns_servers:
        args += ["--dns-server", resolver]
    for resolver in t.reference_dns:
        args += ["--reference-dns", resolver]
    for entry in connect_to:
        args += ["--connect-to", connect_to_arg(entry)]
    for url in t.web_urls:
        args += ["--web-url", url]
    monkeypatch.setenv(PASSWORD_VAR, t.password)  # the lab's own servers accept it: no finding of theirs
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    out = io.StringIO()
    start = time.monotonic()
    status = main([*args, *extra], out=out)
    return status, out.getvalue(), time.monotonic() - start


def assert_no_cleartext_password(target: Any, server: HostileServer, *outputs: str) -> None:
    sent = server.cleartext()
    password = target.password
    assert len(password) >= 8  # distinctive enough to look for
    plain = base64.b64encode(f"\0{target.username}\0{password}".encode()).decode()
    for secret in (password, base64.b64encode(password.encode()).decode(), plain):
        assert secret.encode() not in sent
        assert all(secret not in text for text in outputs)
    assert b"AUTH" not in sent.upper()  # no login at all in clear text


def root_diagnoses(report: dict) -> list[dict]:
    return [d for d in report["diagnoses"] if d["superseded_by"] is None]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_hostile_server_is_never_healthy(case, monkeypatch: pytest.MonkeyPatch) -> None:
    _, setting, make, cause, words = case
    with Lab() as lab, HostileServer(make(lab)) as server:
        target = lab.target
        status, out, elapsed = diagnose_cli(lab, server, setting, monkeypatch, "--format", "json")
    assert elapsed <= LIMIT, elapsed
    assert status == 1, out
    report = json.loads(out)
    roots = root_diagnoses(report)
    causes = cause if isinstance(cause, tuple) else (cause,)
    assert roots and roots[0]["cause"] in causes, [(d["cause"], d["summary"]) for d in roots]
    top = roots[0]
    assert top["severity"] == "error"
    for word in words:
        assert word.casefold() in top["summary"].casefold(), top["summary"]
    assert not {d["cause"] for d in report["diagnoses"]} & set(NOT_CAUSES.get(case[0], ())), \
        [(d["cause"], d["summary"]) for d in report["diagnoses"]]
    # Each failure on the setting is explained by a cause; none is left over.
    assert report["unexplained"] == [], report["unexplained"]
    assert_no_cleartext_password(target, server, out)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _raw_controls(text: str) -> list[str]:
    """Characters that could drive a terminal or hide text (line ends aside)."""
    return [ch for ch in text if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")]


def test_a_refused_session_stays_a_cause_beside_another_servers_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    """The outgoing server refuses the session for good (554 at the greeting: no rule names
    why, so the cause is the permanent refusal itself) while the incoming server's
    certificate has expired: a finding about one server does not explain away the other's."""
    with Lab(faults=[Fault("cert", "mail:993", "expired")]) as lab, \
            HostileServer(send_then_hold(b"554 No SMTP service here\r\n")) as server:
        status, out, _ = diagnose_cli(lab, server, SUBMISSION, monkeypatch, "--imap", IMAPS, "--format", "json")
    assert status == 1, out
    report = json.loads(out)
    roots = {d["cause"]: d for d in root_diagnoses(report) if d["severity"] == "error"}
    assert {"server-reply-permanent", "cert-expired"} <= set(roots), [(d["cause"], d["summary"]) for d in roots.values()]
    assert "refuses the session for good" in roots["server-reply-permanent"]["summary"]
    assert "server-unavailable" not in {d["cause"] for d in report["diagnoses"]}
    assert report["unexplained"] == [], report["unexplained"]


@pytest.mark.parametrize("place", ["greeting-refusal", "bad-greeting", "login-refusal"])
def test_control_characters_from_a_server_are_shown_escaped(place: str, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    """A server's NUL, BEL, ESC, C1 and invalid UTF-8 reach the text, Markdown and JSON reports
    escaped (\\x1b ...), in the evidence a user reads, never as the raw characters."""
    behaviour: Callable[[Any], Callable[[Peer], None]] = {
        "greeting-refusal": _plain(send_then_hold(b"554 5.3.2 " + CONTROLS + b"\r\n")),
        "bad-greeting": _plain(send_then_hold(b"ab" + CONTROLS + b"\r\n")),
        "login-refusal": _by_lab(smtp_auth_reply_over_tls(b"535 5.7.8 " + CONTROLS)),
    }[place]
    bundle = tmp_path / "facts.json"
    with Lab() as lab, HostileServer(behaviour(lab)) as server:
        target = lab.target
        status, text, _ = diagnose_cli(lab, server, SUBMISSION, monkeypatch, "-v", "--save-facts", str(bundle))
    assert status == 1
    shown = {"text": text}  # what the terminal got, live
    for fmt in ("json", "markdown"):
        out = io.StringIO()
        assert main(["replay", str(bundle), "--format", fmt, "-v"], out=out) == 1
        shown[fmt] = out.getvalue()
    report = json.loads(shown["json"])
    assert not [s for s in _strings(report) if _raw_controls(s)]
    assert any("\\x1b" in s and "\\x00" in s for s in _strings(report["diagnoses"]))
    for fmt in ("text", "markdown"):
        rendered = shown[fmt]
        assert not _raw_controls(rendered), sorted(set(_raw_controls(rendered)))
        unescaped = rendered.replace("\\\\", "\\")  # Markdown doubles a backslash
        assert "\\x1b]0;owned" in unescaped and "\\x9b" in unescaped and "\\x00" in unescaped
    assert_no_cleartext_password(target, server, *shown.values())


def test_follow_up_probes_share_one_deadline() -> None:
    """A server that drags out every look costs the follow-ups one deadline in all, not one each."""
    from mailexpert.account import Account
    from mailexpert.collect import LOOPBACK_NETWORKS, CollectResult, ProbeOptions
    from mailexpert.errors import MailexpertError

    deadline = 2.0
    with HostileServer(slowloris(b"220-mail.example.test\r\n220-", 0.05)) as server:
        options = ProbeOptions(dns_servers=(), reference_dns=(), web_urls=(), timeout=STEP_TIMEOUT, deadline=deadline,
                               connect_to=[("127.0.0.1", 587, "127.0.0.1", server.port)],
                               allowed_networks=LOOPBACK_NETWORKS, environ={})
        result = CollectResult(Account(email="alice@example.test"), (), (), {}, 0.0)
        runner = result.follow_ups(options)
        start = time.monotonic()
        first = runner({"name": "session", "args": {"protocol": "smtp", "host": "127.0.0.1", "port": 587,
                                                     "security": "starttls"}})
        with pytest.raises(MailexpertError, match="deadline"):
            runner({"name": "session", "args": {"protocol": "smtp", "host": "127.0.0.1", "port": 587,
                                                 "security": "plain"}})
        elapsed = time.monotonic() - start
    assert elapsed <= deadline + 2.0, elapsed
    assert [f["failure"] for f in first if f.kind == "service.failure"] == ["timeout"]
