"""A mail program's own Cyrus SASL library failing the login before the server answered: a mechanism
plugin asks for a callback the program never registered (cyrus-sasl lib/common.c, _sasl_getcallback:
"Unable to find a callback: <id>", SASL_FAIL). The program and its SASL plugins do not fit, so the
program's build is to update or replace; the server refused nothing."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str:
    report = explain(text)
    assert report.top is not None
    return report.top.cause


@pytest.mark.parametrize("text", [
    "Logging in...\nAuthenticating with SASL mechanism XOAUTH2...\n"
    "Error performing SASL authentication step: SASL(-1): generic failure: Unable to find a callback: 32775",
    "neomutt: SASL authentication failed: SASL(-1): generic failure: Unable to find a callback: 18948",
])
def test_a_sasl_plugin_the_program_cannot_drive_is_the_programs_build(text: str) -> None:
    assert top(text) == "client-outdated"


def test_a_servers_own_sasl_failure_stays_the_servers() -> None:
    # Cyrus IMAP's badlogin line: the server's SASL_FAIL (saslauthd did not answer), not the client's library.
    text = "imap[2231]: badlogin: client.example.net [192.0.2.7] plain [SASL(-1): generic failure: checkpass failed]"
    assert top(text) != "client-outdated"
