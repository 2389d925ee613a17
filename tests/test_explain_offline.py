"""Nothing broken reported as healthy: a text that says this device is offline, the network is down or the
server is offline, with no error number, once gave a connection fact with no route that no rule reads, and
the text was called fine. This device without a network reads no-internet (rules/network/no-internet.yaml
no-internet-pasted, `route: device` or `network`); a server said to be offline or down reads its outage
(rules/server-side/server-unavailable.yaml server-unavailable-said-offline); "offline" as a mode the user
chose ("Work Offline", "offline mode") is no failure and is declined, not read as one."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain, recognise


def _roots(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


DEVICE_OFFLINE = [
    "IMAP: you are offline",
    "You are offline. Please check your internet connection.",  # a web client's navigator.onLine page
    "You're offline",
    "SMTP: offline",
    "Mail: No network",
    "No internet connection, login failed.",  # Delta Chat's login_error_no_internet_connection
    "connect ENETDOWN 192.0.2.10:993",  # Node's errno name for ENETDOWN
]


@pytest.mark.parametrize("text", DEVICE_OFFLINE)
def test_this_device_without_a_network_reads_no_internet(text: str) -> None:
    (connect,) = [f for f in recognise(text).facts if f.kind == "tcp.connect"]
    assert connect.get("outcome") == "unreachable"
    assert connect.get("route") in ("device", "network")
    assert _roots(text)[0] == "no-internet", _roots(text)


def test_network_is_down_is_a_missing_route_not_a_healthy_text() -> None:
    # glibc strerror(ENETDOWN): the same missing route as "Network is unreachable", read alike.
    down, unreachable = recognise("Network is down"), recognise("Network is unreachable")
    assert [f.get("route") for f in down.facts] == [f.get("route") for f in unreachable.facts] == ["network"]
    assert _roots("Network is down")[0] == _roots("Network is unreachable")[0]


SERVER_OFFLINE = [
    "The SMTP server is offline",
    "IMAP server is down",
    "Mail server down",
    "Error: the incoming mail server is currently offline",
]


@pytest.mark.parametrize("text", SERVER_OFFLINE)
def test_a_server_said_to_be_offline_is_its_outage_not_this_network(text: str) -> None:
    roots = _roots(text)
    assert roots[0] == "server-unavailable", roots
    assert "no-internet" not in roots


@pytest.mark.parametrize("text", ["Offline mode enabled", "IMAP: working offline", "Thunderbird: Work Offline"])
def test_offline_as_a_chosen_mode_is_no_failure(text: str) -> None:
    # Declined (no failure named), never read as a connection without a network.
    with pytest.raises(InputError):
        recognise(text)
