"""Differential diagnosis offline: the subject settings, alternatives, explanatory power, the
unexplained observations, and how the report shows them (text, JSON, Markdown)."""

from __future__ import annotations

import json

import pytest

from mailexpert import diagnose_facts, fact
from mailexpert.render import render_markdown, render_text
from mailexpert.report import render_json
from tests.cli.cli_helpers import report_validator

HOST = "mail.example.test"


def setting(protocol: str, port: int, security: str, origin: str, host: str = HOST):
    return fact("account.setting", protocol=protocol, host=host, port=port, security=security, origin=origin)


def healthy_imap(origin: str = "option") -> list:
    return [
        setting("imap", 993, "ssl", origin),
        fact("dns.answer", name=HOST, rrtype="A", resolver="192.0.2.53:53", role="system", outcome="answer"),
        fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=993, outcome="connected"),
        fact("tls.handshake", host=HOST, port=993, mode="implicit", outcome="ok", verify="ok"),
        fact("service.greeting", host=HOST, port=993, protocol="imap", mode="implicit", spoken="imap", status="ok"),
        fact("login.result", host=HOST, port=993, protocol="imap", outcome="success"),
    ]


def smtp_465_refused(origin: str) -> list:
    return [
        setting("smtp", 465, "ssl", origin),
        fact("discovery.server", domain="example.test", protocol="smtp", host=HOST, port=465, security="ssl",
             method="srv"),
        fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=465, outcome="refused"),
    ]


def test_a_discovered_setting_that_fails_never_outranks_a_healthy_given_one() -> None:
    report = diagnose_facts([*healthy_imap("option"), *smtp_465_refused("discovered")])
    assert report.exit_status == 0 and report.root_causes == ()
    (noticed,) = report.alternatives
    assert noticed.cause == "port-closed" and noticed.severity == "warning" and noticed.alternative
    assert noticed.concerns == ("smtp mail.example.test:465/ssl",) and noticed.sources == ("SRV record",)
    text = render_text(report)
    assert "No problem found with the settings given." in text
    assert "Also noticed on other servers of this domain" in text and "found by SRV record" in text
    assert "Also noticed on other servers of this domain" in render_markdown(report)
    data = json.loads(render_json(report))
    report_validator().validate(data)
    assert data["status"] == "ok" and data["subject"] == ["imap mail.example.test:993/ssl"]
    assert data["diagnoses"][0]["relevance"] == "alternative" and data["diagnoses"][0]["rank"] == 1


def test_when_only_the_address_is_given_the_discovered_settings_are_the_subject() -> None:
    report = diagnose_facts([*healthy_imap("discovered"), *smtp_465_refused("discovered")])
    assert report.top.cause == "port-closed" and report.top.severity == "error" and not report.top.alternative
    assert report.exit_status == 1 and len(report.top.explains) == 1


def test_a_given_setting_that_fails_comes_first_with_what_it_explains() -> None:
    report = diagnose_facts([*healthy_imap("discovered"), *smtp_465_refused("option")])
    assert report.top.cause == "port-closed" and report.top.rank == 1 and report.exit_status == 1
    assert [f.kind for f in report.top.explains] == ["tcp.connect"]
    assert report.subject == ("smtp mail.example.test:465/ssl",)


def test_a_guessed_host_that_does_not_exist_is_no_server_found() -> None:
    facts = [
        fact("account.identity", email="alice@example.test", domain="example.test", username_is_address=True),
        *healthy_imap("option"),
        setting("smtp", 587, "starttls", "default", host="smtp.example.test"),
        fact("dns.answer", name="smtp.example.test", rrtype="A", resolver="192.0.2.53:53", role="system",
             outcome="nxdomain"),
        fact("tcp.connect", host="smtp.example.test", port=587, outcome="dns-failed"),
    ]
    report = diagnose_facts(facts)
    assert report.exit_status == 0 and report.root_causes == ()
    (noticed,) = report.alternatives
    assert noticed.sources == ("guess",) and noticed.severity != "error"
    assert "No SMTP server found for example.test" in noticed.summary


def test_the_cause_that_explains_more_of_what_fails_ranks_first() -> None:
    # Port 587 of the given server never greets: one cause explains the silence and the
    # failed TLS attempt; nothing else explains anything the user meets.
    facts = [
        setting("smtp", 587, "starttls", "option"),
        fact("dns.answer", name=HOST, rrtype="A", resolver="192.0.2.53:53", role="system", outcome="answer"),
        fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=587, outcome="connected"),
        fact("service.greeting", host=HOST, port=587, protocol="smtp", mode="plain", spoken="silence"),
        fact("tls.handshake", host=HOST, port=587, mode="implicit", outcome="timeout"),
    ]
    report = diagnose_facts(facts)
    assert report.top.cause == "server-unavailable" and report.top.rank == 1
    assert len(report.top.explains) == 2 and report.unexplained == ()


def test_a_failing_observation_no_rule_explains_is_listed_never_silence() -> None:
    facts = [
        *healthy_imap("option"),
        fact("login.result", host=HOST, port=993, protocol="imap", outcome="error", text="odd"),
    ]
    report = diagnose_facts(facts)
    assert report.exit_status == 1
    assert [f["outcome"] for f in report.unexplained] == ["error"]
    text = render_text(report)
    assert "No problem found" not in text and "the IMAP login gave error" in text
    data = json.loads(render_json(report))
    report_validator().validate(data)
    assert data["status"] == "problems" and data["unexplained"][0]["fact"]["kind"] == "login.result"


def test_ipv6_refused_while_ipv4_answers_is_server_ip_blocked_as_a_warning() -> None:
    """Clients move on to the next address after a refusal (RFC 8305): mail works over IPv4."""
    facts = [
        *healthy_imap("option"),
        fact("tcp.connect", host=HOST, address="2001:db8::10", family="ipv6", port=993, outcome="refused"),
    ]
    report = diagnose_facts(facts)
    assert report.top.cause == "server-ip-blocked" and "ipv6" in report.top.summary
    assert report.top.severity == "warning" and report.exit_status == 0
    assert report.unexplained == ()


def test_ipv6_refused_and_the_ipv4_session_breaking_too_is_an_error() -> None:
    facts = [
        *[f for f in healthy_imap("option") if f.kind != "login.result"],
        fact("login.result", host=HOST, port=993, protocol="imap", outcome="reset"),
        fact("tcp.connect", host=HOST, address="2001:db8::10", family="ipv6", port=993, outcome="refused"),
    ]
    report = diagnose_facts(facts)
    blocked = [d for d in report.diagnoses if d.cause == "server-ip-blocked"]
    assert [d.severity for d in blocked] == ["error"] and report.exit_status == 1


def _receive_and_send_fail() -> list:
    """IMAP: the password is rejected; SMTP: nothing listens on 465 (both given)."""
    return [
        setting("imap", 993, "ssl", "option"),
        fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=993, outcome="connected"),
        fact("tls.handshake", host=HOST, port=993, mode="implicit", outcome="ok", verify="ok"),
        fact("service.greeting", host=HOST, port=993, protocol="imap", mode="implicit", spoken="imap", status="ok"),
        fact("login.result", host=HOST, port=993, protocol="imap", outcome="rejected", response_code="AUTHENTICATIONFAILED",
             text="NO [AUTHENTICATIONFAILED] Authentication failed."),
        setting("smtp", 465, "ssl", "option"),
        fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=465, outcome="refused"),
    ]


@pytest.mark.parametrize("symptom,first", [("send", "port-closed"), ("receive", "password-rejected"),
                                           ("password-prompt", "password-rejected")])
def test_the_top_cause_fits_the_symptom(symptom: str, first: str) -> None:
    report = diagnose_facts([*_receive_and_send_fail(), fact("user.symptom", symptom=symptom)])
    assert report.top.cause == first and report.top.fits_symptom
    assert {d.cause for d in report.root_causes} >= {"port-closed", "password-rejected"}
    assert not next(d for d in report.root_causes if d.cause != first).fits_symptom


@pytest.mark.parametrize("bad", ["sending", "", "SEND!"])
def test_an_unknown_symptom_names_the_accepted_values(bad: str) -> None:
    from mailexpert.errors import SettingsError
    from mailexpert.symptoms import check_symptom

    with pytest.raises(SettingsError, match="accepted values: receive, send, both, password-prompt, "
                                            "certificate-warning, timeout"):
        check_symptom(bad)


def test_port_25_dropped_while_the_server_refuses_elsewhere_is_a_port_25_block() -> None:
    web = fact("web.fetch", url="https://www.example.test/", host="www.example.test", via="direct", outcome="ok",
               status=200)
    facts = [
        setting("smtp", 25, "starttls", "option"),
        fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=25, outcome="timeout"),
        web,
        fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=587, outcome="refused"),
        fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=465, outcome="refused"),
    ]
    assert diagnose_facts(facts).top.cause == "smtp-port25-blocked"
    # Every SMTP port dropped: a generic block, not a port-25 policy.
    generic = [*facts[:3], *(fact("tcp.connect", host=HOST, address="192.0.2.10", family="ipv4", port=p,
                                  outcome="timeout") for p in (587, 465))]
    assert diagnose_facts(generic).top.cause == "port-blocked-outbound"


def test_a_damaged_client_file_that_gave_the_user_name_explains_the_refused_logins() -> None:
    damaged = fact("client.config", path="prefs.js", format="thunderbird", status="corrupt",
                   problem="prefs.js:27: port 70000 is out of range")
    login = fact("login.result", host=HOST, port=993, protocol="imap", outcome="rejected",
                 response_code="AUTHENTICATIONFAILED", text="NO [AUTHENTICATIONFAILED] Authentication failed.")
    identity = {"email": "alice@example.test", "domain": "example.test", "username_is_address": True,
                "username_matches_address": False}
    from_file = diagnose_facts([*healthy_imap()[:-1], login, damaged,
                                fact("account.identity", **identity, username_origin="client-config")])
    assert from_file.top.cause == "client-config-corrupt" and login in from_file.top.explains
    given = diagnose_facts([*healthy_imap()[:-1], login, damaged, fact("account.identity", **identity)])
    assert given.top.cause != "client-config-corrupt"
