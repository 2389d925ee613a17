"""A connect's error number, read once (data/error-texts.yaml ``socket_errno``): a live exception by
its name on the machine that raised it, a pasted number by Linux's or Windows' numbering; and the
route and address family a pasted "unreachable" says, which the rules read instead of words."""

from __future__ import annotations

import errno
import sys

import pytest

from mailexpert import classify
from mailexpert.explain import explain, recognise


def test_linux_and_windows_numbers_never_collide() -> None:
    rows = classify.error_texts()["socket_errno"]
    numbers = [r[system] for r in rows for system in ("linux", "windows") if system in r]
    assert len(numbers) == len(set(numbers))


@pytest.mark.parametrize("name", ["ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET"])
def test_the_linux_number_is_this_errno(name: str) -> None:
    """The Linux numbers of the table are Linux's own (checked where the tests run on Linux)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux's errno numbering is checked on Linux")
    row = next(r for r in classify.error_texts()["socket_errno"] if r["name"] == name)
    assert getattr(errno, name) == row["linux"]


@pytest.mark.parametrize(("exc", "outcome"), [
    (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "refused"),
    (OSError(errno.ENETUNREACH, "Network is unreachable"), "unreachable"),
    (OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address"), "unreachable"),
    (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), "reset"),
])
def test_a_raised_error_is_read_by_its_name_here(exc: OSError, outcome: str) -> None:
    assert classify.classify_socket_error(exc) == outcome


@pytest.mark.parametrize(("text", "route"), [
    ("OSError: [Errno 101] Network is unreachable", "network"),
    ("Socket Error: 10051, Error Number: 0x800CCC0E", "network"),
    ("Socket Error: 10050, Error Number: 0x800CCC0E", "network"),  # WSAENETDOWN: no number row before
    ("System.Net.Sockets.SocketException (10065)", "host"),
    ("Error 0x80072751", "host"),  # HRESULT_FROM_WIN32(WSAEHOSTUNREACH)
    ("[Errno 113] No route to host", "host"),
    ("connect EADDRNOTAVAIL 2a00:1450:4013:c03::6d:993 - Local (:::0)", "host"),
    # this machine's own veto: a firewall rule, SELinux, an antivirus
    ("SMTP ERROR: Failed to connect to server: Permission denied (13)", "local"),
    ("Socket Error # 10013", "local"),
    ("Error: connect EPERM 127.0.0.1:587", "local"),
])
def test_the_route_a_pasted_number_or_word_says(text: str, route: str) -> None:
    assert classify.socket_route(text) == route


def connect_fact(text: str) -> dict[str, object]:
    found = [f for f in recognise(text).facts if f.kind == "tcp.connect"]
    assert found, text
    return dict(found[0].fields)


def test_an_unreachable_line_names_its_address_and_family() -> None:
    got = connect_fact("postfix/smtp[99]: connect to mx.example.org[2001:db8:1::25]:25: Network is unreachable")
    assert (got["address"], got["family"], got["route"]) == ("2001:db8:1::25", "ipv6", "network")
    got = connect_fact("connect to mx.example.org[192.0.2.25]:25: Network is unreachable")
    assert (got["address"], got["family"]) == ("192.0.2.25", "ipv4")
    assert "family" not in connect_fact("OSError: [Errno 101] Network is unreachable")


def causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses]


def test_no_route_to_an_ipv6_address_is_that_path_first() -> None:
    """The rules tell the IPv6 path from no network by the fact's family, not by an address pattern."""
    assert causes("dial tcp [2001:db8::587]:587: connect: network is unreachable")[0] == "server-ip-blocked"
    # An IPv4 address rules the IPv6 path out: no network (or a firewall's reject) remains.
    assert "server-ip-blocked" not in causes("connect to mx.example.org[192.0.2.25]:25: Network is unreachable")


def test_windows_no_route_by_its_number_alone() -> None:
    assert causes("Socket Error: 10065, Error Number: 0x800CCC0E")[0] == "server-ip-blocked"


@pytest.mark.parametrize("text", [
    "stream_socket_client(): unable to connect to smtp.gmail.com:587 (Connection refused)",
    # the same refusal in the system's language (glibc's de.po), no number beside it
    "stream_socket_client(): unable to connect to smtp.gmail.com:587 (Verbindungsaufbau abgelehnt)",
    "SMTP ERROR: Failed to connect to server: smtp.gmail.com:587 Network is unreachable (101)",
])
def test_a_providers_server_refused_or_unreachable_is_the_way_there(text: str) -> None:
    """The provider rule reads the fact's outcome and route, so a refusal in any language counts."""
    assert causes(text)[0] == "port-blocked-outbound"


@pytest.mark.parametrize(("text", "first"), [
    ("connect to smtp.gmail.com port 587: No route to host", "server-ip-blocked"),
    ("connect to smtp.gmail.com port 587: Permission denied", "port-blocked-outbound"),
])
def test_no_route_to_the_host_and_this_machines_veto_keep_their_readings(text: str, first: str) -> None:
    got = explain(text).diagnoses
    assert got[0].cause == first
    if first == "port-blocked-outbound":
        # this machine's veto, not the way to the provider
        assert "refused to open the connection" in got[0].summary
