"""The Lab as a whole: lifecycle, resources, the target, and the scenario catalogue."""

from __future__ import annotations

import imaplib
import ipaddress
import os
import re
import socket
import ssl
import threading
import time
from pathlib import Path

import dns.resolver
import pytest

import mailexpert.lab as lab_package
from mailexpert.errors import LabError
from mailexpert.lab import SCENARIOS, Fault, Lab, LabTarget, Scenario
from mailexpert.lab.plan import HOSTS, LOGICAL_PORTS

CAUSES_FILE = Path(__file__).resolve().parents[2] / "rules" / "causes.yaml"


def _cause_ids() -> list[str]:
    """The catalogue's causes that a lab fault reproduces (the fallbacks only name a kind of failure)."""
    from mailexpert.causes import cause_catalogue

    ids = re.findall(r"^\s+- id: ([a-z0-9-]+)\s*$", CAUSES_FILE.read_text(), re.M)
    return [i for i in ids if not cause_catalogue()[i].fallback]


def _fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_public_api():
    assert lab_package.__all__ == sorted(lab_package.__all__)
    assert {"Lab", "SCENARIOS", "Scenario", "LabTarget", "Fault"} <= set(lab_package.__all__)


def test_start_stop_fast_and_clean():
    # The lab's threads are told apart from the others by identity, not counted: a thread of
    # an earlier test (a hostile server's connection) may end while this one runs.
    threads, fds = set(threading.enumerate()), _fds()
    began = time.monotonic()
    with Lab() as lab:
        started = time.monotonic() - began
        folder = Path(lab.ca_file).parent
        assert folder.exists()
        made = set(threading.enumerate()) - threads
        assert [t.name for t in made] == ["mailexpert-lab"]  # the one loop thread
    total = time.monotonic() - began
    assert started < 1.5 and total < 3.0  # loose: no timing flakes
    assert not any(t.is_alive() for t in made)
    assert _fds() <= fds + 1
    assert not folder.exists()


def test_stop_with_open_client_connections():
    with Lab(faults=[Fault("silent", "mail:143")]) as lab:
        held = [lab.connect("mail.example.test", port) for port in (143, 993, 587)]
        began = time.monotonic()
    assert time.monotonic() - began < 3.0
    for sock in held:
        sock.close()


def test_target_shape(lab):
    t = lab.target
    assert isinstance(t, LabTarget)
    assert (t.email, t.username) == ("alice@example.test", "alice@example.test")
    assert t.password == lab.account_password and t.password not in repr(t) and t.password not in repr(lab)
    assert (t.imap, t.smtp, t.pop3) == ("mail.example.test:993/ssl", "mail.example.test:587/starttls", None)
    assert re.fullmatch(r"127\.0\.0\.2:\d+", t.dns_servers[0])
    assert re.fullmatch(r"127\.0\.0\.3:\d+", t.reference_dns[0])
    # The lab CA, the inspection CA, and the root above the intermediate of "chained" certificates.
    assert Path(t.ca_file).read_text().count("BEGIN CERTIFICATE") == 3
    assert t.proxy_url is None and t.answers == {}
    assert len(t.connect_to_args) == len(t.connect_to)
    assert t.connect_to_args[0] == ":".join(str(x) for x in t.connect_to[0])


def test_connect_to_covers_every_host_and_port_on_loopback(lab):
    keys = {(a, p) for a, p, _, _ in lab.target.connect_to}
    for plan in HOSTS:
        for port in LOGICAL_PORTS:
            assert (plan.address, port) in keys
    for address, _port, real_address, real_port in lab.target.connect_to:
        for value in (address, real_address):
            ip = ipaddress.ip_address(value)
            assert ip.is_loopback or value == "0.0.0.0"
        assert real_address != "0.0.0.0" and real_port > 1024


def test_ipv6_path_and_connect_to_args(make_lab):
    lab = make_lab(scenario="server-ip-blocked")
    assert any(arg.startswith("[::1]:993:[::1]:") for arg in lab.target.connect_to_args)
    with pytest.raises((TimeoutError, socket.timeout)):
        lab.connect("mail.example.test", 993, family="v6", timeout=0.3)
    sock = lab.connect("mail.example.test", 993)
    sock.close()


def test_two_labs_at_once():
    with Lab() as one, Lab(faults=[Fault("dns-wrong", "dns", "127.0.0.99", name="mail.example.test")]) as two:
        assert one.target.dns_servers != two.target.dns_servers
        assert one.resolver().resolve("mail.example.test", "A")[0].address == "127.0.0.10"
        assert two.resolver().resolve("mail.example.test", "A")[0].address == "127.0.0.99"
        assert one.target.ca_file != two.target.ca_file


def test_connections_arriving_at_shutdown_leave_no_half_open_transport():
    """Clients that connect while the lab stops: asyncio sets up an accepted connection's
    transport one loop iteration after the accept, and a server closed in between left it
    half attached, which Python 3.12+ reports from its __del__ when it is collected (CPython
    issue 109564; pytest shows it as PytestUnraisableExceptionWarning)."""
    import gc
    import sys

    caught: list[str] = []
    previous = sys.unraisablehook
    sys.unraisablehook = lambda args: caught.append(f"{args.exc_type.__name__}: {args.exc_value} in {args.object!r}")
    try:
        for _ in range(5):
            lab = Lab()
            lab.start()
            address, port = lab.target.real_endpoint("127.0.0.10", 143) or ("", 0)
            stop = threading.Event()

            def knock(address: str = address, port: int = port, stop: threading.Event = stop) -> None:
                while not stop.is_set():
                    try:
                        socket.create_connection((address, port), timeout=1).close()
                    except OSError:
                        return

            knockers = [threading.Thread(target=knock) for _ in range(4)]
            for thread in knockers:
                thread.start()
            time.sleep(0.05)
            lab.stop()
            stop.set()
            for thread in knockers:
                thread.join(5)
            gc.collect()
    finally:
        sys.unraisablehook = previous
    assert caught == []


def test_stopped_lab_refuses_use():
    lab = Lab()
    with pytest.raises(LabError):
        lab.target  # noqa: B018
    with pytest.raises(LabError, match="unknown lab scenario"):
        Lab(scenario="no-such-thing")


def test_one_login_per_service_is_countable(clients, lab):
    client = clients.imap(993)
    client.login(lab.target.username, lab.target.password)
    client.logout()
    assert lab.login_attempts("imap") == 1 and lab.login_attempts("smtp") == 0 and lab.login_attempts() == 1


# -- the scenario catalogue --------------------------------------------------------------
def test_every_cause_has_a_scenario():
    causes = _cause_ids()
    assert len(causes) >= 57
    assert set(causes) <= set(SCENARIOS)
    assert "healthy" in SCENARIOS and SCENARIOS["healthy"].expected_cause is None
    for sid, scenario in SCENARIOS.items():
        assert isinstance(scenario, Scenario) and scenario.id == sid and scenario.description
        if sid in causes:
            assert scenario.expected_cause == sid
        for cause in (scenario.expected_cause, *scenario.also_causes):
            assert cause is None or cause in causes, (sid, cause)
    assert sum(1 for s in SCENARIOS.values() if s.also_causes) >= 3


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_every_scenario_starts(scenario_id):
    with Lab(scenario=scenario_id) as lab:
        t = lab.target
        assert lab.scenario.id == scenario_id
        for setting in (t.imap, t.pop3, t.smtp):
            assert setting is None or re.fullmatch(r"[a-z0-9.-]+:\d+/(ssl|starttls|plain)", setting)
        assert t.answers == SCENARIOS[scenario_id].answers


def _imap_ssl(lab, host="mail.example.test", port=993):
    address, real = lab.endpoint(host, port)
    return imaplib.IMAP4_SSL(address, real, ssl_context=lab.client_context(), timeout=3)


def test_scenario_server_host_typo(make_lab):
    lab = make_lab(scenario="server-host-typo")
    with pytest.raises(dns.resolver.NXDOMAIN):
        lab.resolver().resolve("mial.example.test", "A")
    assert lab.resolver().resolve("mail.example.test", "A")[0].address == "127.0.0.10"


def test_scenario_wrong_provider_host(make_lab):
    lab = make_lab(scenario="wrong-provider-host")
    client = _imap_ssl(lab, "imap.bigmail.test")
    with pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"):
        client.login(lab.target.username, lab.target.password)
    client.shutdown()
    assert lab.servers["bigmail:imaps"].login_attempts == 1


def test_scenario_all_mail_ports_blocked_but_web_works(make_lab):
    lab = make_lab(scenario="all-mail-ports-blocked")
    for port in (25, 110, 143, 465, 587, 993, 995):
        with pytest.raises((TimeoutError, socket.timeout)):
            lab.connect("mail.example.test", port, timeout=0.2)
    lab.connect("mail.example.test", 443).close()
    lab.connect("web.example.test", 443).close()


def test_scenario_no_internet(make_lab):
    lab = make_lab(scenario="no-internet")
    with pytest.raises((TimeoutError, socket.timeout)):
        lab.connect("127.0.0.20", 443, timeout=0.2)
    with pytest.raises(dns.exception.Timeout):
        lab.resolver(timeout=0.2, lifetime=0.4).resolve("web.example.test", "A")


def test_scenario_clock_skew(make_lab):
    lab = make_lab(scenario="clock-skew")
    for host, port in (("mail.example.test", 993), ("web.example.test", 443), ("mail.example.test", 465)):
        sock = lab.connect(host, port)
        with pytest.raises(ssl.SSLCertVerificationError, match="not yet valid"):
            lab.client_context().wrap_socket(sock, server_hostname=host)
        sock.close()


def test_scenario_cert_revoked(make_lab):
    """The mail certificate verifies as such, names the lab's CRL, and is on it; the web host's is not.
    The lab's web server hands the list out at the distribution point the certificates name."""
    from cryptography import x509

    from mailexpert.lab.lab import LAB_CRL_URL

    lab = make_lab(scenario="cert-revoked")
    sock = lab.connect("web.example.test", 80)
    sock.sendall(f"GET {LAB_CRL_URL.split('example.test', 1)[1]} HTTP/1.1\r\nHost: web.example.test\r\n\r\n".encode())
    reply = b""
    while chunk := sock.recv(65536):
        reply += chunk
    sock.close()
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b"application/pkix-crl" in head
    crl = x509.load_der_x509_crl(body)
    served = {}
    for host, port in (("mail.example.test", 993), ("web.example.test", 443)):
        sock = lab.connect(host, port)
        with lab.client_context().wrap_socket(sock, server_hostname=host) as tls:  # verifies without the list
            cert = x509.load_der_x509_certificate(tls.getpeercert(binary_form=True))
        points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
        assert [n.value for p in points for n in p.full_name] == [LAB_CRL_URL]
        served[host] = crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None
    assert served == {"mail.example.test": True, "web.example.test": False}


def test_scenario_dns_server_misconfigured(make_lab):
    lab = make_lab(scenario="dns-server-misconfigured")
    with pytest.raises(dns.exception.Timeout):
        lab.resolver(timeout=0.2, lifetime=0.4).resolve("mail.example.test", "A")
    assert lab.resolver(reference=True).resolve("mail.example.test", "A")[0].address == "127.0.0.10"


def test_scenario_credentials(make_lab):
    for sid in ("password-rejected", "username-wrong"):
        lab = make_lab(scenario=sid)
        client = _imap_ssl(lab)
        with pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"):
            client.login(lab.target.username, lab.target.password)
        client.shutdown()
    assert make_lab(scenario="username-wrong").target.username == "alice"


def test_scenario_accepts_extra_faults(make_lab):
    lab = make_lab(Fault("closed", "mail:143"), scenario="cert-expired")
    assert len(lab.faults) == len(SCENARIOS["cert-expired"].faults) + 1
    with pytest.raises(ConnectionRefusedError):
        lab.connect("mail.example.test", 143, timeout=0.5)


def _lab_login() -> bool:
    with Lab() as lab:
        client = _imap_ssl(lab)
        client.login(lab.target.username, lab.target.password)
        client.logout()
        return lab.login_attempts() == 1


def test_runs_as_an_ordinary_user(as_nobody):
    """As nobody (a new process that dropped root), run a lab and log in: no root needed anywhere."""
    assert as_nobody(_lab_login) == 0
