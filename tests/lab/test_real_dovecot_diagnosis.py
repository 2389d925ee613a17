"""Diagnoses against a real Dovecot set up as many are: TLS 1.3 only, IMAP only (no POP3
listener), its own greeting, and a low limit of connections per user and address; and a
Dovecot and Postfix reachable over IPv6 only (on ::1).

Each diagnosis is its own engine session against its own lab, whose mail host is sent to this
Dovecot (and the Postfix that logs in through it) by :func:`mailexpert.lab.realmap.real_connect_to`.
The settings the user gives are healthy unless the test says otherwise: then no error may be
reported; where something is broken, it must come first and nothing may call it healthy.
"""

from __future__ import annotations

import imaplib
import socket
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailexpert.lab import Fault, Lab, Scenario
from mailexpert.lab.dovecot import DovecotServer, dovecot_available
from mailexpert.lab.plan import certificate_names
from mailexpert.lab.postfix import HELO_CHECKS, PostfixServer, helo_checks_unavailable, postfix_unavailable
from mailexpert.lab.realmap import real_connect_to
from mailexpert.pipeline import diagnose
from mailexpert.report import Report

_WHY_NOT = postfix_unavailable() or (None if dovecot_available() else "/usr/sbin/dovecot is not installed")

pytestmark = [
    pytest.mark.postfix,
    pytest.mark.dovecot,
    pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or ""),
]

#: A current Dovecot as a careful administrator leaves it.
MODERN = {
    "ssl_min_protocol": "TLSv1.3",
    "protocols": "imap",
    "login_greeting": "Example Mail ready.",
    "mail_max_userip_connections": "1",
}


@pytest.fixture(scope="module")
def dovecot() -> Iterator[DovecotServer]:
    with DovecotServer(address="127.0.0.64", sasl_socket=True, settings=MODERN) as server:
        yield server


@pytest.fixture(scope="module")
def postfix(dovecot: DovecotServer) -> Iterator[PostfixServer]:
    with PostfixServer(address="127.0.0.65", sasl_path=dovecot.sasl_path, names=certificate_names()) as server:
        yield server


@pytest.fixture
def run(dovecot: DovecotServer, postfix: PostfixServer, tmp_path: Path):
    def diagnosis(*faults: Fault, submissions: str = "submissions", **settings: str) -> Report:
        account = Scenario("real-dovecot", "Receiving from a real Dovecot.", None,
                           imap=settings.get("imap"), pop3=settings.get("pop3"), smtp=settings.get("smtp"))
        with Lab(scenario=account, faults=faults) as lab:
            trust = tmp_path / "ca.pem"
            trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, dovecot.ca_file)))
            options = lab.target.diagnose_options(timeout=3.0, ca_file=str(trust), password=dovecot.password,
                                                  connect_to=real_connect_to(lab.target, postfix, dovecot,
                                                                             submissions=submissions))
            return diagnose(lab.target.email, **options)
    return diagnosis


def _healthy(report: Report) -> None:
    errors = [f"{d.cause}: {d.summary}" for d in report.diagnoses if d.severity == "error"]
    assert report.exit_status == 0 and not errors, errors
    assert not report.unexplained, report.unexplained


@pytest.mark.parametrize("imap", ["mail.example.test:993/ssl", "mail.example.test:143/starttls"])
def test_tls13_only_imap_only_with_its_own_greeting_is_healthy(run, imap):
    report = run(imap=imap)
    _healthy(report)
    logins = [f.get("outcome") for f in report.facts if f.kind == "login.result" and f.get("protocol") == "imap"]
    assert logins == ["success"]
    greeting = next(f for f in report.facts if f.kind == "service.greeting" and f.get("protocol") == "imap")
    assert "Example Mail ready." in greeting.get("text")


def test_tls13_only_is_summed_up_and_outdated_clients_named(run):
    report = run(imap="mail.example.test:993/ssl")
    offers = [f for f in report.facts if f.kind == "tls.offer" and f.get("port") == 993]
    assert [f.get("versions") for f in offers] == ["TLSv1.3"]
    verdicts = {c["client"]: c["verdict"] for t in report.to_dict()["tls_clients"] if t["port"] == 993
                for c in t["clients"]}
    # Outlook on Windows 10 (Schannel without TLS 1.3) cannot connect; current clients can.
    assert verdicts["outlook-windows10"] == "fails"
    assert verdicts["thunderbird"] == verdicts["android"] == verdicts["python313"] == "ok"


def test_address_alone_finds_imap_and_no_pop3_fault(run):
    _healthy(run())


def test_pop3_on_an_imap_only_server_is_a_closed_port(run):
    report = run(pop3="mail.example.test:995/ssl")
    assert report.exit_status == 1
    assert report.top is not None and report.top.cause == "port-closed", report.top


def test_every_connection_taken_by_another_device(run, dovecot):
    """mail_max_userip_connections: a phone keeps the one allowed IMAP session open."""
    phone = imaplib.IMAP4_SSL(dovecot.address, dovecot.ports["imaps"], timeout=5,
                              ssl_context=ssl.create_default_context(cafile=dovecot.ca_file))
    try:
        phone.login(dovecot.username, dovecot.password)
        report = run(imap="mail.example.test:993/ssl")
    finally:
        phone.logout()
    assert report.exit_status == 1
    assert report.top is not None and report.top.cause == "too-many-connections", report.top
    assert "mail_max_userip_connections=1" in report.top.summary


def test_ipv6_refused_while_ipv4_works_is_a_warning(run):
    """The name also has AAAA ::1, where nothing listens (a service bound to IPv4 only): the
    connect is refused at once, and clients go on to IPv4 (RFC 8305), where the real servers
    greet and the logins succeed."""
    report = run(Fault("ipv6", "mail"), Fault("closed", "mail/v6:*"),
                 imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")
    assert any(f.kind == "tcp.connect" and f.get("family") == "ipv6" and f.get("outcome") == "refused"
               for f in report.facts)
    assert sorted(f.get("outcome") for f in report.facts if f.kind == "login.result") == ["success", "success"]
    _healthy(report)
    blocked = [d for d in report.diagnoses if d.cause == "server-ip-blocked"]
    assert blocked and {d.severity for d in blocked} == {"warning"}, blocked
    assert "::1 (ipv6) is refused" in blocked[0].summary


def test_a_connection_limit_on_the_implicit_tls_port_is_no_tls_fault(run, postfix):
    """Postfix in wrapper mode (465) counts a client's connections once TLS is up and refuses
    the one too many with "421 4.7.0 ... too many connections" inside TLS: the handshakes of
    the version probes succeed, and the refusal is named, not a TLS version."""
    context = ssl.create_default_context(cafile=postfix.ca_file)
    context.check_hostname = False
    held = [context.wrap_socket(socket.create_connection(postfix.endpoint("submissions-limited"), timeout=5))
            for _ in range(postfix.connection_limit)]
    try:
        assert all(sock.recv(200).startswith(b"220 ") for sock in held)
        report = run(smtp="mail.example.test:465/ssl", submissions="submissions-limited")
    finally:
        for sock in held:
            sock.close()
    assert report.exit_status == 1
    assert report.top is not None and report.top.cause == "too-many-connections", report.top
    assert any(f.kind == "tls.version" and f.get("port") == 465 and f.get("accepted") for f in report.facts)
    tls = {d.cause for d in report.diagnoses if d.area == "tls" and not d.superseded_by}
    assert not tls, tls


# -- a server reachable only over IPv6 -------------------------------------------------------

@pytest.fixture(scope="module")
def servers_v6() -> Iterator[tuple[DovecotServer, PostfixServer]]:
    """Dovecot and Postfix on ::1 alone: every connection of the diagnosis goes over IPv6."""
    with DovecotServer(address="::1", sasl_socket=True) as dovecot, \
            PostfixServer(address="::1", sasl_path=dovecot.sasl_path, names=certificate_names(),
                          helo_checks=helo_checks_unavailable() is None) as postfix:
        yield dovecot, postfix


def _run_v6(servers: tuple[DovecotServer, PostfixServer], tmp_path: Path, mx: str = "smtp", **settings: str) -> Report:
    dovecot, postfix = servers
    account = Scenario("real-v6", "A mail server reachable over IPv6 only.", None,
                       imap=settings.get("imap"), smtp=settings.get("smtp"))
    with Lab(scenario=account) as lab:
        trust = tmp_path / "ca.pem"
        trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, dovecot.ca_file)))
        options = lab.target.diagnose_options(timeout=3.0, ca_file=str(trust), password=dovecot.password,
                                              connect_to=real_connect_to(lab.target, postfix, dovecot, mx=mx))
        return diagnose(lab.target.email, **options)


def test_ipv6_only_server_is_healthy(servers_v6, tmp_path):
    report = _run_v6(servers_v6, tmp_path, imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")
    _healthy(report)
    assert sorted(f.get("outcome") for f in report.facts if f.kind == "login.result") == ["success", "success"]


@pytest.mark.skipif(helo_checks_unavailable() is not None, reason=helo_checks_unavailable() or "")
def test_ipv6_literal_passes_helo_checks_and_the_mx_fault_shows(servers_v6, tmp_path):
    report = _run_v6(servers_v6, tmp_path, mx=HELO_CHECKS, smtp="mail.example.test:25/starttls")
    assert report.top is not None and report.top.cause == "mx-host-used-for-submission", report.top
    # The probe names itself "[IPv6:::1]" (RFC 5321 4.1.3), which the checks at EHLO accept:
    # the session gets as far as RCPT TO and its relay refusal.
    rcpt = [f for f in report.facts if f.kind == "server.reply" and f.get("stage") == "rcpt"]
    assert [f.get("code") for f in rcpt] == [554]


# -- a certificate from an intermediate CA, with and without its intermediate -----------------

@pytest.mark.parametrize("kind", ["chained", "chain-missing"])
def test_a_certificate_sent_without_its_intermediate(kind, tmp_path):
    """Dovecot's ssl_cert with the full chain, or with the certificate alone (cert.pem instead
    of fullchain.pem); Postfix, beside it, sends a certificate of the same CA that verifies."""
    with DovecotServer(address="127.0.0.66", sasl_socket=True, certificate=kind) as dovecot, \
            PostfixServer(address="127.0.0.67", sasl_path=dovecot.sasl_path, names=certificate_names()) as postfix:
        account = Scenario("real-chain", "A certificate from an intermediate CA.", None,
                           imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")
        with Lab(scenario=account) as lab:
            trust = tmp_path / "ca.pem"
            trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, dovecot.ca_file)))
            options = lab.target.diagnose_options(timeout=3.0, ca_file=str(trust), password=dovecot.password,
                                                  connect_to=real_connect_to(lab.target, postfix, dovecot))
            report = diagnose(lab.target.email, **options)
    if kind == "chained":
        _healthy(report)
        return
    assert report.exit_status == 1
    top = report.top
    assert top is not None and top.cause == "cert-untrusted-issuer", top
    assert "without the intermediate certificate" in top.summary
    assert "tls-interception" not in {d.cause for d in report.diagnoses if not d.superseded_by}


# -- a failed login answered later than the diagnosis waits ------------------------------------

@pytest.fixture(scope="module")
def slow_servers() -> Iterator[tuple[DovecotServer, PostfixServer]]:
    """Dovecot answers a failed login 15 s late (auth_failure_delay; its penalty for an address
    with recent failures reaches as far), for IMAP and for Postfix's SASL alike."""
    with DovecotServer(address="127.0.0.68", sasl_socket=True, auth_penalty=True,
                       settings={"auth_failure_delay": "15 secs"}) as dovecot, \
            PostfixServer(address="127.0.0.69", sasl_path=dovecot.sasl_path, names=certificate_names()) as postfix:
        yield dovecot, postfix


@pytest.mark.parametrize("password", ["right", "wrong"])
def test_a_failed_login_delayed_past_the_deadline_reads_as_a_possible_wrong_password(slow_servers, tmp_path,
                                                                                   password):
    dovecot, postfix = slow_servers
    account = Scenario("real-slow", "Every login times out.", None,
                       imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")
    with Lab(scenario=account) as lab:
        trust = tmp_path / "ca.pem"
        trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, dovecot.ca_file)))
        options = lab.target.diagnose_options(
            timeout=2.0, deadline=6.0, ca_file=str(trust),
            password=dovecot.password if password == "right" else "stale-password",
            connect_to=real_connect_to(lab.target, postfix, dovecot))
        report = diagnose(lab.target.email, **options)
    logins = sorted(f.get("outcome") for f in report.facts if f.kind == "login.result")
    if password == "right":
        assert logins == ["success", "success"]
        _healthy(report)
        return
    assert logins == ["timeout", "timeout"]  # the greetings and capabilities came at once
    top = report.top
    assert top is not None and (top.cause, top.rule, top.confidence) == (
        "password-rejected", "password-rejected-login-unanswered", "possible"), top
    assert "the password may be wrong" in top.summary
    assert any("webmail" in step for step in top.fix)
    protocol_errors = [d for d in report.diagnoses if d.cause == "server-protocol-error"]
    assert all(d.superseded_by == "password-rejected" for d in protocol_errors), protocol_errors


@pytest.mark.parametrize("setting", ["imap=mail.example.test:993/ssl", "pop3=mail.example.test:995/ssl"])
def test_a_login_taken_by_a_server_that_cannot_open_the_mailbox_is_not_healthy(postfix, tmp_path, setting):
    """Dovecot checks the password, then opens the user's mail store only for the next
    command: with a mail_location it cannot use (here a path under a plain file), the login
    succeeds and EXAMINE INBOX answers "NO [SERVERBUG] Internal error occurred" (POP3: STAT,
    "-ERR [SYS/TEMP]"). A mail program gets no mail; the diagnosis must say so, and that the
    password is right."""
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("")
    protocol, server = setting.split("=")
    with DovecotServer(address="127.0.0.71", settings={"mail_location": f"maildir:{not_a_folder}/%u"}) as broken:
        account = Scenario("real-dovecot", "Receiving from a Dovecot whose mail store fails.", None, **{protocol: server})
        with Lab(scenario=account) as lab:
            trust = tmp_path / "ca.pem"
            trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, broken.ca_file)))
            options = lab.target.diagnose_options(timeout=3.0, ca_file=str(trust), password=broken.password,
                                                  connect_to=real_connect_to(lab.target, postfix, broken))
            report = diagnose(lab.target.email, **options)
    roots = report.root_causes
    assert report.exit_status == 1 and roots, [f"{d.cause}: {d.summary}" for d in report.diagnoses]
    assert roots[0].cause == "server-unavailable" and roots[0].rule == "server-unavailable-mailbox", \
        [f"{d.cause}/{d.rule}: {d.summary}" for d in roots]
    assert "Internal error occurred" in roots[0].summary
    assert "password-rejected" not in {d.cause for d in report.diagnoses}
    logins = [f for f in report.facts if f.kind == "login.result" and f.get("protocol") == protocol]
    assert [f.get("outcome") for f in logins] == ["success"], logins
