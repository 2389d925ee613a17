"""The hosts file: parsed as the system's resolver reads it, and obeyed by the connection probes.

Mail programs resolve with getaddrinfo, which reads the hosts file before DNS; the probes
read the file themselves (never the real /etc/hosts here: every test names its own file)
and connect where the mail program would. The lab worlds run the lab's own resolvers on
loopback; hosts-file addresses are loopback addresses the lab's connect-to map routes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest
from probe_helpers import account_for, find, one, options_for

from mailexpert.account import ConnectTo
from mailexpert.api import diagnose_facts
from mailexpert.collect import collect_sync
from mailexpert.lab import Fault, Lab
from mailexpert.probes import hostsfile
from mailexpert.render import passed_checks
from mailexpert.report import Report

HOST = "mail.example.test"
DNS_ADDRESS = "127.0.0.10"  # the mail host's address in the lab's DNS
SINKHOLE = "127.0.0.99"  # refuses every mail port; serves 443 with a certificate for other names
SPARE = "127.0.0.11"  # no lab host: the tests route it with connect-to entries of their own


# --- the parser ------------------------------------------------------------------------------


def test_the_format_of_hosts_5(tmp_path: Path) -> None:
    text = (
        "# The hosts file\n"
        "127.0.0.1\tlocalhost\n"
        "192.0.2.7  Mail.Example.ORG. imap.example.org   # left from the move\n"
        "  2001:DB8::7 mail.example.org\n"
        "fe80::1%eth0 link.example.org\n"
        "not-an-address smtp.example.org\n"
        "192.0.2.8\n"
        "#192.0.2.9 smtp.example.org\n"
        "300.1.1.1 smtp.example.org\n"
        "192.0.2.10 mail.example.org\n"
        "192.0.2.7 mail.example.org\n"
        "192.0.2.11 webmail.example.org mail.example.org.example.net\n"
    )
    path = tmp_path / "hosts"
    path.write_text(text, encoding="utf-8")
    parsed = hostsfile.read(str(path))
    assert parsed.outcome == "read" and not parsed.truncated
    mail = parsed.lookup("MAIL.example.org.")
    # Every address of the name in file order; a repeated address keeps its first line.
    assert [(e.address, e.line, e.family) for e in mail] == [
        ("192.0.2.7", 3, "ipv4"), ("2001:db8::7", 4, "ipv6"), ("192.0.2.10", 10, "ipv4")]
    assert [e.address for e in parsed.lookup("imap.example.org")] == ["192.0.2.7"]
    assert [e.address for e in parsed.lookup("link.example.org")] == ["fe80::1%eth0"]
    assert parsed.lookup("smtp.example.org") == ()  # only comments and bad addresses name it
    assert parsed.lookup("example.org") == ()


def test_a_missing_or_unreadable_file_maps_nothing(tmp_path: Path) -> None:
    assert hostsfile.read(str(tmp_path / "missing")).outcome == "missing"
    folder = hostsfile.read(str(tmp_path))
    assert folder.outcome == "unreadable" and folder.lookup("localhost") == ()
    binary = tmp_path / "binary"
    binary.write_bytes(b"\x00\xff\xc3(127.0.0.1 \x00x\n192.0.2.1 ok.example.org\n")
    assert [e.address for e in hostsfile.read(str(binary)).lookup("ok.example.org")] == ["192.0.2.1"]
    wide = tmp_path / "utf16"
    wide.write_bytes("192.0.2.2 wide.example.org\r\n".encode("utf-16"))
    assert [(e.address, e.line) for e in hostsfile.read(str(wide)).lookup("wide.example.org")] == [("192.0.2.2", 1)]


def test_a_huge_file_is_read_up_to_the_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hostsfile, "MAX_BYTES", 64)
    path = tmp_path / "hosts"
    path.write_text("192.0.2.1 a.example.org\n" * 2 + "192.0.2.3 late.example.org\n", encoding="utf-8")
    parsed = hostsfile.read(str(path))
    assert parsed.truncated
    assert [e.address for e in parsed.lookup("a.example.org")] == ["192.0.2.1"]
    assert parsed.lookup("late.example.org") == ()  # cut at the last whole line, never half a name


def test_the_os_default_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hostsfile.sys, "platform", "win32")
    path = hostsfile.default_path({"SystemRoot": "D:\\Windows"})
    assert path.replace("/", "\\") == "D:\\Windows\\System32\\drivers\\etc\\hosts"
    monkeypatch.setattr(hostsfile.sys, "platform", "darwin")
    assert hostsfile.default_path() == "/etc/hosts"


# --- lab worlds ------------------------------------------------------------------------------


def _route(target: Any, address: str, like: str, port_map: dict[int, int] | None = None) -> tuple[ConnectTo, ...]:
    """Connect-to entries that route ``address`` as the lab routes ``like`` (logical port
    remapped by ``port_map``: another service of that host): a second address of a server."""
    port_map = port_map or {}
    table = {(host, port): (real, real_port) for host, port, real, real_port in target.connect_to}
    return tuple(ConnectTo(address, port, *table[(like, port_map.get(port, port))])
                 for (host, port) in table if host == like)


def _diagnose(lines: str | None, *, faults: tuple[Fault, ...] = (), scenario: str | None = None,
              route: tuple[str, dict[int, int] | None] | None = None,
              tmp_path: Path) -> tuple[tuple[Any, ...], Report]:
    with Lab(scenario=scenario, faults=faults) as lab:
        target = lab.target
        hosts = target.hosts_file
        if lines is not None:
            hosts = str(tmp_path / "hosts")
            Path(hosts).write_text(lines, encoding="utf-8")
        connect_to = tuple(target.connect_to)
        if route is not None:
            connect_to += _route(target, SPARE, *route)
        options = options_for(target, hosts_file=hosts, connect_to=connect_to)
        result = collect_sync(account_for(target), options)
    facts = result.facts
    return facts, diagnose_facts(facts)


def _errors(report: Report) -> list[str]:
    return [d.cause for d in report.root_causes if d.severity == "error"]


def test_a_stale_line_for_the_mail_host_is_the_cause(tmp_path: Path) -> None:
    """DNS answers the working server; the hosts file sends the name where nothing listens."""
    facts, report = _diagnose(f"127.0.0.1 localhost\n{SINKHOLE}   {HOST}  # old server\n", tmp_path=tmp_path)
    entry = one(facts, "dns.hosts-entry", name=HOST)
    assert (entry["address"], entry["line"], entry["file"]) == (SINKHOLE, 2, str(tmp_path / "hosts"))
    assert one(facts, "dns.hosts-file")["mapped"] == 1
    # The connection probes go where the mail program goes, and TCP also tries DNS's address.
    assert one(facts, "tcp.connect", host=HOST, port=993, address=SINKHOLE)["outcome"] == "refused"
    assert one(facts, "tcp.connect", host=HOST, port=993, address=DNS_ADDRESS)["outcome"] == "connected"
    assert not find(facts, "tls.handshake", host=HOST, address=DNS_ADDRESS)
    assert not find(facts, "login.result", outcome="success")
    top = report.diagnoses[0]
    assert (top.cause, top.severity, top.confidence) == ("hosts-file-override", "error", "confirmed")
    assert f"line 2) sends {HOST} to {SINKHOLE}" in top.summary
    assert f"Remove line 2 of {tmp_path / 'hosts'}" in top.fix[0]
    assert report.exit_status == 1
    # What the dead address explains is not reported as a cause of its own, and a connection
    # to DNS's address is no check that passed for this computer's mail program.
    assert _errors(report) == ["hosts-file-override"]
    assert not [line for line in passed_checks(facts) if line.startswith(f"TCP: {HOST} ")]


def test_a_line_to_a_server_with_another_certificate(tmp_path: Path) -> None:
    """The hosts file sends the name to another server whose certificate names other hosts
    (here the lab's block page, on the IMAPS port of a spare address)."""
    facts, report = _diagnose(f"{SPARE} {HOST}\n", route=(SINKHOLE, {993: 443}), tmp_path=tmp_path)
    handshake = one(facts, "tls.handshake", host=HOST, port=993, address=SPARE)
    assert (handshake["outcome"], handshake["verify"]) == ("cert-invalid", "hostname-mismatch")
    top = report.diagnoses[0]
    assert top.cause == "hosts-file-override" and top.severity == "error"
    assert report.exit_status == 1
    assert "cert-hostname-mismatch" not in _errors(report)


def test_a_line_with_the_servers_own_address_changes_nothing(tmp_path: Path) -> None:
    facts, report = _diagnose(f"{DNS_ADDRESS} {HOST}\n", tmp_path=tmp_path)
    assert one(facts, "dns.hosts-entry", name=HOST)["address"] == DNS_ADDRESS
    assert {f["address"] for f in find(facts, "tcp.connect", host=HOST)} == {DNS_ADDRESS}
    assert one(facts, "login.result", protocol="imap")["outcome"] == "success"
    assert "hosts-file-override" not in {d.cause for d in report.diagnoses}
    assert report.exit_status == 0, [d.cause for d in report.diagnoses]
    assert any(line.startswith(f"TCP: {HOST} ") and "hosts file" in line for line in passed_checks(facts))


def test_a_line_that_differs_but_works_is_a_warning(tmp_path: Path) -> None:
    """The hosts file pins another address of the same server: mail works, but the next
    server move breaks this computer alone."""
    facts, report = _diagnose(f"{SPARE} {HOST}\n", route=(DNS_ADDRESS, None), tmp_path=tmp_path)
    assert one(facts, "login.result", protocol="imap")["outcome"] == "success"
    assert one(facts, "tcp.connect", host=HOST, port=993, address=SPARE)["outcome"] == "connected"
    found = [d for d in report.diagnoses if d.cause == "hosts-file-override"]
    assert found and {d.severity for d in found} == {"warning"}
    assert "the server answers there for now" in found[0].summary
    assert report.exit_status == 0


def test_without_a_line_nothing_changes(tmp_path: Path) -> None:
    facts, report = _diagnose("127.0.0.1 localhost\n::1 localhost\n", tmp_path=tmp_path)
    assert not find(facts, "dns.hosts-entry")
    read = one(facts, "dns.hosts-file")
    assert (read["file"], read["outcome"], read["mapped"]) == (str(tmp_path / "hosts"), "read", 0)
    assert f"Hosts file: {tmp_path / 'hosts'} maps none of the mail servers' names" in passed_checks(facts)
    assert {f["address"] for f in find(facts, "tcp.connect", host=HOST)} == {DNS_ADDRESS}
    assert report.exit_status == 0


def test_the_lab_scenario_writes_its_own_hosts_file() -> None:
    facts, report = _diagnose(None, scenario="hosts-file-override", tmp_path=Path("/nonexistent"))
    entry = one(facts, "dns.hosts-entry", name=HOST)
    assert entry["file"] != "/etc/hosts" and entry["address"] == SINKHOLE
    assert report.diagnoses[0].cause == "hosts-file-override"


def test_a_hosts_entry_fault_must_stay_on_loopback() -> None:
    from mailexpert.errors import LabError

    with pytest.raises(LabError, match="loopback"):
        Fault("hosts-entry", "hosts", "192.0.2.7")
    assert attrs.evolve(Fault("hosts-entry"), value="::1").value == "::1"


@pytest.mark.parametrize(("fault", "cause"), [
    (Fault("dns-servfail", "*"), "dns-outage"),
    (Fault("dns-timeout", "*"), "dns-blocked"),
    (Fault("dns-down", "dns"), "dns-server-misconfigured"),
], ids=["servfail", "timeout", "resolver-down"])
def test_broken_dns_does_not_stop_a_name_the_hosts_file_maps(fault: Fault, cause: str, tmp_path: Path) -> None:
    """The mail program never asks DNS for a name the hosts file maps: a DNS failure is noted as
    a warning, never given as the cause of a mail failure, and mail that works is healthy."""
    facts, report = _diagnose(f"{DNS_ADDRESS} {HOST}\n", faults=(fault,), tmp_path=tmp_path)
    assert not find(facts, "dns.answer", name=HOST, role="system", outcome="answer")  # DNS is really broken
    assert one(facts, "login.result", protocol="imap")["outcome"] == "success"
    assert _errors(report) == []
    noted = [d for d in report.diagnoses if d.cause == cause]
    assert noted and {d.severity for d in noted} == {"warning"}, [(d.cause, d.severity) for d in report.diagnoses]
    assert f"the hosts file ({tmp_path / 'hosts'}, line 1)" in noted[0].summary
    assert report.exit_status == 0


def test_broken_dns_and_a_dead_hosts_file_address_is_still_an_error(tmp_path: Path) -> None:
    """Broken DNS is no excuse for a mail failure the hosts file causes: nothing answers at the
    address the mail program is sent to, and that is reported, not DNS."""
    facts, report = _diagnose(f"{SINKHOLE} {HOST}\n", faults=(Fault("dns-servfail", "*"),), tmp_path=tmp_path)
    assert one(facts, "tcp.connect", host=HOST, port=993, address=SINKHOLE)["outcome"] == "refused"
    errors = _errors(report)
    assert errors and "dns-outage" not in errors
    assert report.diagnoses[0].severity == "error" and report.exit_status == 1
