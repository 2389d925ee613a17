"""Discovery fills in missing settings; provider policy; proxy use; Dovecot for real."""

from __future__ import annotations

import pytest
from probe_helpers import account_for, find, one, options_for

from mailexpert.account import Account
from mailexpert.collect import FollowUpRunner, collect_sync
from mailexpert.lab import Fault, Lab
from mailexpert.lab.dovecot import DovecotServer, dovecot_available


def test_discovery_fills_missing_settings():
    with Lab() as lab:
        t = lab.target
        result = collect_sync(Account(email=t.email, password=t.password), options_for(t))
    f = result.facts
    # SRV is trusted over autoconfig, and implicit TLS is preferred (RFC 8314)
    one(f, "account.setting", protocol="imap", host="mail.example.test", port=993, security="ssl", origin="discovered")
    one(f, "account.setting", protocol="smtp", host="mail.example.test", port=465, security="ssl", origin="discovered")
    one(f, "login.result", protocol="imap", outcome="success")
    one(f, "login.result", protocol="smtp", port=465, outcome="success")
    assert result.account.imap is not None and result.account.imap.origin == "discovered"


def test_default_guess_without_discovery():
    with Lab() as lab:
        t = lab.target
        result = collect_sync(Account(email=t.email, password=t.password), options_for(t, discovery=False))
    one(result.facts, "account.setting", protocol="imap", host="mail.example.test", port=993, origin="default")
    one(result.facts, "account.setting", protocol="smtp", port=587, origin="default")
    assert not find(result.facts, "discovery.server")


def test_provider_policy_by_mx_and_host(tmp_path):
    table = tmp_path / "providers.yaml"
    table.write_text("providers:\n  - id: bigmail\n    name: BigMail\n    domains: [bigmail.test]\n"
                     "    mx: [bigmail.test]\n    servers: {imap: [imap.bigmail.test:993/ssl],"
                     " smtp: [smtp.bigmail.test:587/starttls]}\n    oauth_required: true\n"
                     "    basic_auth_disabled_since: '2024-09-16'\n    docs: https://help.bigmail.test/\n"
                     "    refused_login: {imap: [basic-auth-disabled, password-rejected]}\n")
    with Lab(scenario="wrong-provider-host") as lab:
        t = lab.target
        result = collect_sync(account_for(t), options_for(t, provider_tables=[str(table)]))
    one(result.facts, "provider.policy", provider="BigMail", domain="example.test", match="host",
        oauth_required=True, basic_auth_disabled_since="2024-09-16")
    # and the table's order of what a bare refused login there means, one fact a place (mailexpert/refusalorder.py)
    one(result.facts, "provider.refused-login", provider="BigMail", protocol="imap", cause="basic-auth-disabled", place=1)
    one(result.facts, "provider.refused-login", provider="BigMail", protocol="imap", cause="password-rejected", place=2)
    with Lab() as lab:
        t = lab.target
        acct = Account(email="bob@bigmail.test", password="x", imap="imap.bigmail.test", smtp="smtp.bigmail.test")
        result = collect_sync(acct, options_for(t, provider_tables=[str(table)], no_login=True))
    one(result.facts, "provider.policy", provider="BigMail", match="domain")
    one(result.facts, "discovery.server", method="provider-table", provider="bigmail", host="imap.bigmail.test")
    one(result.facts, "discovery.server", method="srv", domain="bigmail.test", port=993)


def test_proxy_from_environment_and_407():
    with Lab(scenario="proxy-only-web", faults=[Fault("proxy", "proxy", "auth")]) as lab:
        t = lab.target
        user, password = lab.proxy_credentials
        env = {"HTTPS_PROXY": t.proxy_url.replace("://", f"://{user}:{password}@")}
        good = collect_sync(account_for(t), options_for(t, proxy=None, environ=env))
        bad = collect_sync(account_for(t), options_for(t, proxy=t.proxy_url))
    one(good.facts, "web.fetch", via="proxy", outcome="ok", url="https://web.example.test/")
    one(good.facts, "proxy.setting", source="environment", variable="HTTPS_PROXY")
    one(bad.facts, "web.fetch", via="proxy", outcome="proxy-error", status=407)
    for result in (good, bad):
        assert not any(password in repr(f) for f in result.facts)
        assert not any(password in line for line in result.transcript)


@pytest.fixture(scope="module")
def dovecot():
    if not dovecot_available():
        pytest.skip("dovecot is not installed")
    with DovecotServer() as server:
        yield server


def _runner(server, password):
    from mailexpert.collect import LOOPBACK_NETWORKS, ProbeOptions

    host = server.address
    connect_to = [(host, 993, host, server.ports["imaps"]), (host, 143, host, server.ports["imap"]),
                  (host, 995, host, server.ports["pop3s"]), (host, 110, host, server.ports["pop3"])]
    options = ProbeOptions(dns_servers=(), reference_dns=(), connect_to=connect_to, ca_file=server.ca_file,
                           web_urls=(), timeout=2.0, deadline=8.0, allowed_networks=LOOPBACK_NETWORKS, environ={})
    return FollowUpRunner(Account(email=server.username, password=password), options)


@pytest.mark.dovecot
@pytest.mark.parametrize("protocol,port,security", [("imap", 993, "ssl"), ("imap", 143, "starttls"),
                                                    ("pop3", 995, "ssl"), ("pop3", 110, "starttls")])
def test_dovecot_login(dovecot, protocol, port, security):
    args = {"protocol": protocol, "host": dovecot.address, "port": port, "security": security}
    good = _runner(dovecot, dovecot.password)({"name": "session", "args": args})
    one(good, "login.result", protocol=protocol, outcome="success")
    one(good, "tls.handshake", outcome="ok", verify="ok")
    bad = _runner(dovecot, "CANARY-dovecot-wrong")({"name": "session", "args": args})
    if protocol == "imap":
        one(bad, "login.result", outcome="rejected", response_code="AUTHENTICATIONFAILED",
            text="NO [AUTHENTICATIONFAILED] Authentication failed.")
    else:
        one(bad, "login.result", outcome="rejected", response_code="AUTH",
            text="-ERR [AUTH] Authentication failed.")
    assert not any("CANARY-dovecot-wrong" in repr(f) for f in bad)
