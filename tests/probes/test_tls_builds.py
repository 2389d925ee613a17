"""The same TLS lab faults give the same TLS facts and diagnosis on every Python build.

Each case runs a full diagnosis against the lab and reduces its TLS facts to what
behaviour established (accepted versions and cipher classes, the offer, which clients
the report says fail, whether the verifying handshake succeeded) -- never an error text, which differs
between OpenSSL and Python builds. The result must equal the committed expectation in
tests/fixtures/tls_builds.json, so running this file under each supported interpreter
(CI runs Debian's /usr/bin/python3 and Python 3.13) asserts that they all see the same.

Regenerate the expectation (after a deliberate change) with
    PYTHONPATH=. python tests/probes/test_tls_builds.py > tests/fixtures/tls_builds.json
"""

from __future__ import annotations

import json
import ssl
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from probe_helpers import RawServer, account_for  # noqa: E402

import mailexpert  # noqa: E402
from mailexpert import tlsclients  # noqa: E402
from mailexpert.collect import LOOPBACK_NETWORKS  # noqa: E402
from mailexpert.lab import Fault, Lab  # noqa: E402

EXPECTED = Path(__file__).resolve().parents[1] / "fixtures" / "tls_builds.json"
MAIL = "mail.example.test"

#: case -> (lab scenario, lab faults, a raw server behaviour put in place of mail:993)
CASES: dict[str, tuple[str | None, tuple[Fault, ...], str | None]] = {
    "healthy": (None, (), None),
    "tls-version-server-outdated": ("tls-version-server-outdated", (), None),
    "tls-no-shared-cipher": ("tls-no-shared-cipher", (), None),
    "dh-small": (None, (Fault("dh-small", "mail:*"),), None),
    "reset-mid-handshake": (None, (Fault("reset-handshake", "mail:993"),), None),
    "stall-mid-handshake": (None, (Fault("tls-stall", "mail:993"),), None),
    "nothing-accepted": (None, (), "anonymous-only"),
}


def _anonymous_only(conn: Any) -> None:
    """A TLS 1.2 server with only anonymous suites: no client profile offers any of them."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers("ADH-AES128-SHA:ADH-AES256-SHA:@SECLEVEL=0")
    with context.wrap_socket(conn, server_side=True) as tls:
        tls.recv(10)


def _normalise(report: Any) -> dict[str, Any]:
    out: dict[str, list] = {"handshake": [], "version": [], "cipher": [], "offer": [], "client": []}
    for f in report.facts:
        if not f.kind.startswith("tls.") or f.get("host") != MAIL:
            continue
        key = (f.get("port"), f.get("mode"))
        if f.kind == "tls.handshake":
            out["handshake"].append([*key, f["outcome"] == "ok", f.get("version"), f.get("verify")])
        elif f.kind == "tls.version":
            out["version"].append([*key, f["version"], f["accepted"], f.get("cipher_class")])
        elif f.kind == "tls.cipher":
            out["cipher"].append([*key, f["cipher_class"], f["accepted"]])
        elif f.kind == "tls.offer":
            out["offer"].append([*key, {k: v for k, v in sorted(f.fields.items()) if k not in ("host", "port", "mode")}])
    for server in tlsclients.servers(report.facts):  # the report's "TLS clients" section
        if server["host"] == MAIL:
            out["client"] += [[server["port"], server["mode"], c["client"], c["verdict"]] for c in server["clients"]]
    result: dict[str, Any] = {k: sorted(v, key=json.dumps) for k, v in out.items()}
    result["causes"] = sorted({d.cause for d in report.diagnoses if d.severity == "error"})
    return result


# Generous step timeout: the suite shares a busy machine, and a handshake cut short by the
# timeout would be a different fact (the stall case waits it out once).
def run_case(name: str) -> dict[str, Any]:
    scenario, faults, raw = CASES[name]
    server = RawServer(_anonymous_only) if raw else None
    try:
        with Lab(scenario=scenario, faults=faults) as lab:
            t = lab.target
            acct = account_for(t)
            connect_to = list(t.connect_to)
            if server is not None:  # the lab's own address for mail:993 first, so it wins
                connect_to.insert(0, ("127.0.0.10", 993, "127.0.0.1", server.port))
            report = mailexpert.diagnose(
                acct.email, imap=acct.imap, pop3=acct.pop3, smtp=acct.smtp, username=acct.username,
                password=acct.password, dns_servers=[str(d) for d in t.dns_servers],
                reference_dns=[str(d) for d in t.reference_dns], connect_to=connect_to, ca_file=t.ca_file,
                web_urls=t.web_urls, timeout=3.0, deadline=10.0, allowed_networks=LOOPBACK_NETWORKS,
            )
    finally:
        if server is not None:
            server.close()
    return _normalise(report)


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(CASES))
def test_tls_facts_are_the_same_on_every_build(name, expected):
    got = run_case(name)
    assert got == expected[name], (
        f"{sys.version.split()[0]} / {ssl.OPENSSL_VERSION} sees other TLS facts for {name}:\n"
        + json.dumps(got, indent=1))


def test_the_cases_diagnose_what_they_should(expected):
    causes = {name: expected[name]["causes"] for name in CASES}
    assert causes["healthy"] == []
    for name in ("tls-no-shared-cipher", "dh-small", "nothing-accepted"):
        assert "tls-no-shared-cipher" in causes[name], name
    assert "tls-version-server-outdated" in causes["tls-version-server-outdated"]
    for name in ("reset-mid-handshake", "stall-mid-handshake"):  # broken, not refusing
        assert causes[name] == ["server-protocol-error"], name
        offers = {(port, mode): offer for port, mode, offer in expected[name]["offer"]}
        assert offers[(993, "implicit")]["accepted"] is False
    offers = {(port, mode): offer for port, mode, offer in expected["nothing-accepted"]["offer"]}
    assert offers[(993, "implicit")]["accepted"] is False and offers[(587, "starttls")]["accepted"] is True


if __name__ == "__main__":
    print(json.dumps({name: run_case(name) for name in CASES}, indent=1, sort_keys=True))
