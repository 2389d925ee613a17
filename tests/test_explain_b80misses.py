"""Whole logs that batch 80 found read by one line only: a POP3 client's log whose -ERR answered the STLS it
shows sent just before (read at that step, RFC 1939 and RFC 2595), msmtp's and mpop's --debug print of the account
they ran with (its "name = value" lines are the setting, not a timeout, proxy or TLS event), and a relay's own reply
that carries the TLS verdict its log also prints (go-guerrilla's "554 Error: " + the error). The texts are made up;
the forms are the programs' own (data/error-texts.yaml pop3_transcript, named_settings, relayed_tls_reply)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


# --- a POP3 client's log: the -ERR is read at the step of the command sent before it --------------------------

_FETCHMAIL_STLS = """fetchmail: 6.4.37 querying pop.example.org (protocol POP3) at Tue 02 Jan 2024: poll started
fetchmail: POP3< +OK POP3 server ready
fetchmail: POP3> CAPA
fetchmail: POP3< +OK
fetchmail: POP3< USER
fetchmail: POP3< UIDL
fetchmail: POP3< .
fetchmail: POP3> STLS
fetchmail: POP3< -ERR Not allowed here
fetchmail: pop.example.org: upgrade to TLS failed."""

_CURL_STLS = """* Connected to pop.example.org (192.0.2.8) port 110
< +OK ready
> CAPA
< +OK
< USER
< .
> STLS
< -ERR Sorry, no"""

_FETCHMAIL_PASS = """fetchmail: POP3< +OK POP3 server ready
fetchmail: POP3> STLS
fetchmail: POP3< +OK Begin TLS negotiation
fetchmail: POP3> USER alice
fetchmail: POP3< +OK
fetchmail: POP3> PASS *
fetchmail: POP3< -ERR [AUTH] Authentication failed."""


@pytest.mark.parametrize("text", [_FETCHMAIL_STLS, _CURL_STLS])
def test_pop3_stls_refused_in_a_log_is_no_starttls_offered(text: str) -> None:
    assert top(text) == "starttls-not-offered"


def test_pop3_refusal_after_the_password_is_no_starttls_refusal() -> None:
    # The same log form, the -ERR after PASS: the login's step, not STLS's.
    assert top(_FETCHMAIL_PASS) != "starttls-not-offered"


# --- msmtp's and mpop's print of the account they ran with ------------------------------------------------------

_DUMP = """using account default from /home/alice/.msmtprc
host = smtp.example.org
port = {port}
source ip = (not set)
proxy host = (not set)
proxy port = 0
socket = (not set)
timeout = off
protocol = smtp
auth = on
user = alice
password = *
tls = on
tls_starttls = {starttls}
tls_trust_file = system
tls_certcheck = on
{error}"""


def test_starttls_printed_for_an_implicit_tls_port_is_read_as_the_setting() -> None:
    text = _DUMP.format(port=465, starttls="on", error="msmtp: network read error: the operation timed out")
    assert top(text) == "plaintext-on-tls-port"


def test_the_printed_settings_name_no_timeout_or_proxy() -> None:
    # A refused password after the same print: its "timeout = off" and "proxy host" lines are the settings.
    text = _DUMP.format(port=587, starttls="on",
                        error="msmtp: authentication failed (method PLAIN)\n"
                              "msmtp: server message: 535 5.7.8 Error: authentication failed: authentication failure")
    cause = top(text)
    assert cause not in ("plaintext-on-tls-port", "vpn-interference", "high-latency", "proxy-only-web")


# --- a relay's own reply that carries its TLS failure -------------------------------------------------------------

def test_a_relayed_wrong_version_verdict_is_read_by_the_verdict() -> None:
    text = ("ERRO[0012] dial error: tls: first record does not look like a TLS handshake\n"
            "554 Error: dial error: tls: first record does not look like a TLS handshake")
    assert top(text) == "tls-on-plaintext-port"


def test_a_servers_own_handshake_failure_stays_its_reply() -> None:
    # A server's "TLS handshake failed" reply is its own words about its connection, even where a log line beside
    # it says the same: only the connecting side's wrong-version verdict is read as relayed.
    text = ("sm-mta[4420]: STARTTLS=client, error: handshake failure\n"
            "403 4.7.0 TLS handshake failed.")
    assert top(text) != "tls-on-plaintext-port"
