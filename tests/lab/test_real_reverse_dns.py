"""A real Postfix with reject_unknown_client_hostname refuses a client whose address has no
reverse DNS name, and mailexpert reads that refusal as the refused-address cause with advice on
the PTR record, from the client's words and from the probe's parse of the same reply alike.

The lab's Postfix looks up no client names (smtpd_peername_lookup = no: every client is
"unknown"); this service turns the lookup on, and the instance resolves through its own resolver,
where every name is NXDOMAIN (a private resolv.conf in a mount namespace, as for the HELO checks),
so nothing leaves loopback. A client from 127.0.0.1 passes: the system's /etc/hosts names it
"localhost", forward and back. A client that binds another loopback address, which /etc/hosts does
not name, meets the check as a home or cloud address without a PTR record does."""

from __future__ import annotations

import smtplib
import time

import pytest

from mailexpert import diagnose_facts, fact
from mailexpert.explain import explain
from mailexpert.lab.postfix import PostfixServer, helo_checks_unavailable, postfix_unavailable
from mailexpert.replies import parse_smtp_reply

_WHY_NOT = postfix_unavailable() or helo_checks_unavailable()

pytestmark = [pytest.mark.postfix, pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or "")]

SERVER = "127.0.0.83"
#: A loopback address the system's /etc/hosts does not name (checked below).
NAMELESS_CLIENT = "127.0.0.84"
CLIENT_NAME = "client.example.test"
SERVICE = "smtp-client-name"


@pytest.fixture(scope="module")
def postfix():
    services = {SERVICE: (25, ("smtpd_tls_security_level=may", "smtpd_peername_lookup=yes",
                               "smtpd_client_restrictions=reject_unknown_client_hostname"))}
    with PostfixServer(address=SERVER, helo_checks=True, extra_services=services) as server:
        yield server


def _rcpt_reply(postfix: PostfixServer, source: str) -> tuple[int, str]:
    address, port = postfix.endpoint(SERVICE)
    with smtplib.SMTP(address, port, local_hostname=CLIENT_NAME, timeout=10,
                      source_address=(source, 0)) as client:
        client.ehlo()
        assert client.mail("alice@example.test")[0] == 250
        code, text = client.rcpt("bob@example.test")
        client.rset()
    return code, text.decode()


def test_the_nameless_client_is_not_in_the_hosts_file():
    with open("/etc/hosts", encoding="utf-8") as hosts:
        assert NAMELESS_CLIENT not in hosts.read().split()


def test_a_client_without_a_reverse_name_is_refused_and_explained(postfix):
    code, text = _rcpt_reply(postfix, NAMELESS_CLIENT)
    # Postfix's own reply (smtpd_check.c reject_unknown_client): 450 by default, RFC 7372's 4.7.25.
    assert code == 450 and text.startswith("4.7.25 Client host rejected: cannot find your hostname"), text
    found = explain(f"smtplib.SMTPRecipientsRefused: {{'bob@example.test': ({code}, b'{text}')}}").top
    assert found is not None and found.cause == "client-ip-blocklisted", found
    assert found.severity == "error" and "retrying from the same address does not help" in found.summary
    assert any("PTR" in step for step in found.fix), found.fix


def test_the_probe_reads_the_same_reply_the_same_way(postfix):
    """One parser and one table: the reply as the SMTP probe parses it carries the registry's
    reading of 4.7.25, and the rules name the same cause from the probe's fact."""
    code, text = _rcpt_reply(postfix, NAMELESS_CLIENT)
    parsed = parse_smtp_reply([f"{code} {text}"])
    assert parsed["status"] == "transient" and parsed["enhanced"] == "4.7.25"
    assert parsed["reading"] == "client-ip-reverse-dns", parsed
    fields = {k: v for k, v in parsed.items() if k in ("status", "code", "enhanced", "text", "meaning", "reading")}
    report = diagnose_facts([fact("server.reply", host="mx.example.test", port=25, protocol="smtp", stage="rcpt",
                                  source="probe", **fields)], answers={})
    roots = [d.cause for d in report.diagnoses if d.is_root]
    assert roots[:1] == ["client-ip-blocklisted"], roots


def test_a_client_the_hosts_file_names_passes(postfix):
    code, text = _rcpt_reply(postfix, "127.0.0.1")
    assert "cannot find your hostname" not in text, (code, text)


def test_the_servers_own_log_line_reads_the_same(postfix):
    """An administrator pastes Postfix's NOQUEUE line for the refusal: the same cause."""
    _rcpt_reply(postfix, NAMELESS_CLIENT)
    deadline = time.monotonic() + 5
    while True:
        lines = [line for line in postfix.log_text.splitlines()
                 if "NOQUEUE: reject" in line and f"[{NAMELESS_CLIENT}]" in line]
        if lines or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert lines, postfix.log_text[-2000:]
    found = explain(lines[-1]).top
    assert found is not None and found.cause == "client-ip-blocklisted", (found, lines[-1])
