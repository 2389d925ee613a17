"""FollowUpRunner: the probe requests rules can emit."""

from __future__ import annotations

import pytest
from probe_helpers import account_for, one, options_for

from mailexpert.collect import FollowUpRunner
from mailexpert.errors import SettingsError
from mailexpert.lab import Fault, Lab


@pytest.fixture(scope="module")
def runner_and_lab():
    with Lab(faults=[Fault("filtered", "mail:25"), Fault("tls-legacy", "mail:995")]) as lab:
        t = lab.target
        yield FollowUpRunner(account_for(t), options_for(t)), lab


def test_tcp(runner_and_lab):
    runner, _ = runner_and_lab
    facts = runner({"name": "tcp", "args": {"host": "mail.example.test", "port": "25"}})
    one(facts, "tcp.connect", host="mail.example.test", port=25, outcome="timeout")


def test_tls_versions(runner_and_lab):
    runner, _ = runner_and_lab
    facts = runner({"name": "tls-versions", "args": {"host": "mail.example.test", "port": 995, "mode": "implicit"}})
    one(facts, "tls.version", port=995, version="TLSv1.1", accepted=True)
    one(facts, "tls.version", port=995, version="TLSv1.3", accepted=False)
    facts = runner({"name": "tls-versions", "args": {"host": "mail.example.test", "port": 143, "mode": "starttls"}})
    one(facts, "tls.version", port=143, mode="starttls", version="TLSv1.3", accepted=True)


def test_dns(runner_and_lab):
    runner, _ = runner_and_lab
    facts = runner({"name": "dns", "args": {"name": "mail.example.test.", "rrtype": "a"}})
    one(facts, "dns.answer", name="mail.example.test", rrtype="A", role="system", outcome="answer")
    one(facts, "dns.answer", name="mail.example.test", rrtype="A", role="reference", outcome="answer")
    one(facts, "dns.compare", name="mail.example.test", same=True)
    facts = runner({"name": "dns", "args": {"name": "example.test", "rrtype": "MX", "role": "reference"}})
    one(facts, "dns.record", rrtype="MX", role="reference", value="mx.example.test")


def test_session_and_quality(runner_and_lab):
    runner, _lab = runner_and_lab
    facts = runner({"name": "session", "args": {"protocol": "smtp", "host": "mail.example.test", "port": 465,
                                                 "security": "ssl"}})
    one(facts, "login.result", protocol="smtp", port=465, outcome="success", mode="implicit")
    one(facts, "tls.handshake", port=465, outcome="ok")
    facts = runner({"name": "quality", "args": {"host": "mail.example.test", "port": 993}})
    one(facts, "tcp.quality", port=993, attempts=5, loss_pct=0)


def test_engine_style_request_object(runner_and_lab):
    runner, _ = runner_and_lab

    class Request:  # the shape of mailexpert.engine.ProbeRequest
        name = "tcp"
        args = (("host", "mail.example.test"), ("port", 587))

        @property
        def arguments(self):
            return dict(self.args)

    one(runner(Request()), "tcp.connect", port=587, outcome="connected")


@pytest.mark.parametrize("request_", [
    {"name": "nmap", "args": {}},
    {"name": "tcp", "args": {"host": "mail.example.test", "port": 0}},
    {"name": "tcp", "args": {"host": "bad host", "port": 25}},
    {"name": "session", "args": {"protocol": "gopher", "host": "mail.example.test", "port": 70}},
    {"name": "tls-versions", "args": {"host": "mail.example.test", "port": 993, "mode": "sideways"}},
])
def test_bad_requests_raise_settings_error(runner_and_lab, request_):
    runner, _ = runner_and_lab
    with pytest.raises(SettingsError):
        runner(request_)
