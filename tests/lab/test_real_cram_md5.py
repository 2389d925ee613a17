"""CRAM-MD5 logins (RFC 2195) against a real Dovecot that offers nothing else
(``auth_mechanisms = cram-md5``) for IMAP and POP3, and a real Postfix that logs in
through it (AUTH CRAM-MD5 is all its EHLO offers).

A client set to "Encrypted password" logs in with CRAM-MD5: a right password is healthy, a
wrong one is password-rejected. A client left to "Normal password" cannot log in there;
the probe still checks the password with CRAM-MD5, and the report says what that client
needs. The answer to the challenge is derived from the password: neither ever appears in
the transcript or the report.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import poplib
import re
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from mailexpert.account import Account
from mailexpert.collect import LOOPBACK_NETWORKS, CollectResult, ProbeOptions, collect_sync
from mailexpert.lab import Lab, Scenario
from mailexpert.lab.dovecot import DovecotServer, dovecot_available
from mailexpert.lab.plan import certificate_names
from mailexpert.lab.postfix import PostfixServer, postfix_unavailable
from mailexpert.lab.realmap import real_connect_to
from mailexpert.lab.target import LabTarget
from mailexpert.pipeline import diagnose
from mailexpert.report import Report

_WHY_NOT = postfix_unavailable() or (None if dovecot_available() else "/usr/sbin/dovecot is not installed")

pytestmark = [
    pytest.mark.postfix,
    pytest.mark.dovecot,
    pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or ""),
]

IMAPS, POP3S, SUBMISSIONS, SUBMISSION = ("mail.example.test:993/ssl", "mail.example.test:995/ssl",
                                         "mail.example.test:465/ssl", "mail.example.test:587/starttls")
WRONG = "wrong-cram-password-42"
#: A server challenge in the transcript: SMTP "334 <base64>", IMAP and POP3 "+ <base64>".
_CHALLENGE = re.compile(r"\] S: (?:334|\+) ([A-Za-z0-9+/=]{8,})$")


@pytest.fixture(scope="module")
def dovecot() -> Iterator[DovecotServer]:
    with DovecotServer(address="127.0.0.80", sasl_socket=True, settings={"auth_mechanisms": "cram-md5"}) as server:
        yield server


@pytest.fixture(scope="module")
def postfix(dovecot: DovecotServer) -> Iterator[PostfixServer]:
    with PostfixServer(address="127.0.0.81", sasl_path=dovecot.sasl_path, names=certificate_names()) as server:
        yield server


@attrs.frozen
class Setup:
    target: LabTarget
    postfix: PostfixServer
    password: str = attrs.field(repr=False)


@pytest.fixture
def lab_on_real(dovecot: DovecotServer, postfix: PostfixServer, tmp_path: Path):
    """A lab whose mail host is the real Dovecot and Postfix, for one account."""
    def make(lab: Lab, *, mechanism: str | None, password: str) -> Setup:
        trust = tmp_path / "ca.pem"
        trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, dovecot.ca_file)))
        target = attrs.evolve(lab.target, password=password, auth_mechanism=mechanism, ca_file=str(trust),
                              connect_to=real_connect_to(lab.target, postfix, dovecot))
        return Setup(target, postfix, password)
    return make


def _scenario(**servers: str | None) -> Scenario:
    return Scenario("cram-md5", "A server that offers only CRAM-MD5.", None,
                    imap=servers.get("imap"), pop3=servers.get("pop3"), smtp=servers.get("smtp"))


def _collect(setup: Setup) -> CollectResult:
    target = setup.target
    account = Account(email=target.email, username=target.username, password=setup.password,
                      **target.server_settings())
    options = ProbeOptions(dns_servers=target.dns_servers, reference_dns=target.reference_dns,
                           connect_to=target.connect_to, ca_file=target.ca_file, web_urls=target.web_urls,
                           timeout=3.0, deadline=15.0, allowed_networks=LOOPBACK_NETWORKS, environ={},
                           local_zones=(), hosts_file=target.hosts_file or None)
    return collect_sync(account, options)


def _diagnose(setup: Setup) -> Report:
    return diagnose(setup.target.email, **setup.target.diagnose_options(timeout=3.0, password=setup.password))


def _logins(facts: Any) -> dict[str, Any]:
    found = [f for f in facts if f.kind == "login.result"]
    assert len({f.get("protocol") for f in found}) == len(found), found  # one login per protocol
    return {f.get("protocol"): f for f in found}


def _assert_secrets_hidden(result: CollectResult, password: str, username: str) -> None:
    """No password and no CRAM-MD5 answer anywhere: each challenge the servers sent is
    answered here as the probe did, and that answer must not be in the transcript or a fact."""
    lines = list(result.transcript)
    challenges = [m.group(1) for line in lines if (m := _CHALLENGE.search(line))]
    assert challenges, lines
    answers = []
    for challenge in challenges:
        digest = hmac.new(password.encode(), base64.b64decode(challenge), hashlib.md5).hexdigest()
        answers += [digest, base64.b64encode(f"{username} {digest}".encode()).decode()]
    blobs = lines + [repr(f) for f in result.facts] + [repr(result), repr(result.account)]
    for secret in (password, base64.b64encode(password.encode()).decode(), *answers):
        assert not any(secret in blob for blob in blobs), secret
    sent = [line for line in lines if "] C: " in line]
    assert sum(line.endswith("] C: <redacted>") for line in sent) == len(challenges), sent


@pytest.mark.parametrize("smtp", [SUBMISSIONS, SUBMISSION])
def test_encrypted_password_logs_in_with_cram_md5(lab_on_real, dovecot, postfix, smtp: str) -> None:
    with Lab(scenario=_scenario(imap=IMAPS, pop3=POP3S, smtp=smtp)) as lab:
        setup = lab_on_real(lab, mechanism="CRAM-MD5", password=dovecot.password)
        mark = len(postfix.log_text)
        result = _collect(setup)
    assert postfix.auth_attempts(since=mark) == 1
    logins = _logins(result.facts)
    assert {p: (f.get("mechanism"), f.get("mechanism_pinned"), f.get("outcome")) for p, f in logins.items()} == {
        p: ("CRAM-MD5", True, "success") for p in ("imap", "pop3", "smtp")}
    _assert_secrets_hidden(result, dovecot.password, setup.target.username)


def test_a_wrong_password_is_refused_and_never_shown(lab_on_real, postfix) -> None:
    with Lab(scenario=_scenario(imap=IMAPS, pop3=POP3S, smtp=SUBMISSIONS)) as lab:
        setup = lab_on_real(lab, mechanism="CRAM-MD5", password=WRONG)
        mark = len(postfix.log_text)
        result = _collect(setup)
    assert postfix.auth_attempts(since=mark) == 1
    logins = _logins(result.facts)
    assert {p: (f.get("mechanism"), f.get("outcome")) for p, f in logins.items()} == {
        p: ("CRAM-MD5", "rejected") for p in ("imap", "pop3", "smtp")}
    assert logins["imap"].get("response_code") == "AUTHENTICATIONFAILED"
    assert (logins["smtp"].get("code"), logins["smtp"].get("enhanced")) == (535, "5.7.8")
    _assert_secrets_hidden(result, WRONG, setup.target.username)


def _errors(report: Report) -> list[str]:
    return [f"{d.cause}: {d.summary}" for d in report.diagnoses if d.severity == "error"]


def test_encrypted_password_on_a_cram_only_server_is_healthy(lab_on_real, dovecot) -> None:
    with Lab(scenario=_scenario(imap=IMAPS, pop3=POP3S, smtp=SUBMISSION)) as lab:
        report = _diagnose(lab_on_real(lab, mechanism="CRAM-MD5", password=dovecot.password))
    assert report.exit_status == 0 and not _errors(report), _errors(report)
    assert not [d for d in report.diagnoses if d.cause == "auth-mechanism-unsupported"], report.diagnoses
    assert not report.unexplained, report.unexplained
    assert [f.get("outcome") for f in _logins(report.facts).values()] == ["success"] * 3


def test_encrypted_password_that_is_wrong_is_password_rejected(lab_on_real) -> None:
    with Lab(scenario=_scenario(imap=IMAPS, smtp=SUBMISSION)) as lab:
        report = _diagnose(lab_on_real(lab, mechanism="CRAM-MD5", password=WRONG))
    assert report.exit_status == 1
    assert report.top is not None and report.top.cause == "password-rejected", report.top
    assert not [d for d in report.diagnoses if d.cause == "auth-mechanism-unsupported"], report.diagnoses
    assert WRONG not in str(report.to_dict())


def test_normal_password_on_a_cram_only_server_is_warned_and_the_password_checked(lab_on_real, dovecot) -> None:
    """A client left to pick (or set to "Normal password"): the probe logs in with CRAM-MD5,
    the only mechanism offered, and the report says a "Normal password" client cannot --
    on POP3 too, where Dovecot still lists USER but refuses PASS."""
    with Lab(scenario=_scenario(imap=IMAPS, pop3=POP3S, smtp=SUBMISSION)) as lab:
        report = _diagnose(lab_on_real(lab, mechanism=None, password=dovecot.password))
    assert report.exit_status == 0 and not _errors(report), _errors(report)
    logins = _logins(report.facts)
    assert {p: (f.get("mechanism"), f.get("mechanism_pinned"), f.get("outcome")) for p, f in logins.items()} == {
        p: ("CRAM-MD5", False, "success") for p in ("imap", "pop3", "smtp")}
    found = [d for d in report.diagnoses if d.cause == "auth-mechanism-unsupported"]
    assert [d.severity for d in found] == ["warning"], report.diagnoses
    assert "Normal password" in found[0].summary and "Encrypted password" in found[0].fix[0]
    assert sorted(found[0].concerns) == ["imap mail.example.test:993/ssl", "pop3 mail.example.test:995/ssl",
                                         "smtp mail.example.test:587/starttls"]


def _pass_refused(dovecot: DovecotServer) -> str:
    """What this Dovecot answers a "Normal password" POP3 client (USER/PASS) inside TLS."""
    context = ssl.create_default_context(cafile=dovecot.ca_file)
    context.check_hostname = False
    client = poplib.POP3_SSL(dovecot.address, dovecot.ports["pop3s"], context=context, timeout=5)
    try:
        assert "USER" in client.capa()
        client.user(dovecot.username)
        with pytest.raises(poplib.error_proto) as refused:
            client.pass_(dovecot.password)
    finally:
        client.close()
    return refused.value.args[0].decode()


@pytest.mark.parametrize("mechanism", [None, "USER"])
def test_normal_password_pop3_on_a_cram_only_server_wants_encrypted_password(
        lab_on_real, dovecot, mechanism: str | None) -> None:
    """Dovecot lists USER and refuses PASS: the report says to use "Encrypted password", and
    the probe logs in once, with CRAM-MD5, not with USER/PASS as well."""
    assert "Unsupported authentication mechanism" in _pass_refused(dovecot)
    with Lab(scenario=_scenario(pop3=POP3S)) as lab:
        setup = lab_on_real(lab, mechanism=mechanism, password=dovecot.password)
        mark = len(dovecot.log_text)
        report = _diagnose(setup)
        log = dovecot.log_text[mark:]
    assert report.exit_status == 0 and not _errors(report), _errors(report)
    logins = _logins(report.facts)
    assert (logins["pop3"].get("mechanism"), logins["pop3"].get("outcome")) == ("CRAM-MD5", "success")
    pop3 = [line for line in log.splitlines() if "pop3-login: " in line]
    assert [line for line in pop3 if "Login: " in line or "auth failed" in line] == \
        [line for line in pop3 if re.search(r"Login: .*method=CRAM-MD5", line)] != [], pop3
    assert len([line for line in pop3 if "Login: " in line]) == 1, pop3
    found = [d for d in report.diagnoses if d.cause == "auth-mechanism-unsupported"]
    assert [d.severity for d in found] == ["warning"] and "pop3 mail.example.test:995/ssl" in found[0].concerns, found
    assert "\"Encrypted password\" (CRAM-MD5)" in found[0].summary and "Normal password" in found[0].summary
    assert "Encrypted password" in found[0].fix[0]
    assert dovecot.password not in str(report.to_dict())


def test_normal_password_that_is_wrong_on_a_cram_only_server_is_password_rejected(lab_on_real) -> None:
    """The warning about the mechanism does not explain a refused password away."""
    with Lab(scenario=_scenario(imap=IMAPS, smtp=SUBMISSION)) as lab:
        report = _diagnose(lab_on_real(lab, mechanism=None, password=WRONG))
    assert report.exit_status == 1
    assert report.top is not None and report.top.cause == "password-rejected", report.top
    assert report.top.superseded_by is None
    assert [d.severity for d in report.diagnoses if d.cause == "auth-mechanism-unsupported"] == ["warning"]


def test_plain_set_for_pop3_on_a_cram_only_server_is_told_to_use_encrypted_password(lab_on_real, dovecot) -> None:
    """A client pinned to AUTH PLAIN: Dovecot's POP3 lists USER but SASL offers only CRAM-MD5,
    so PLAIN is not offered, and the advice is "Encrypted password", never "Normal password"."""
    with Lab(scenario=_scenario(pop3=POP3S)) as lab:
        report = _diagnose(lab_on_real(lab, mechanism="PLAIN", password=dovecot.password))
    found = [d for d in report.diagnoses if d.cause == "auth-mechanism-unsupported"]
    assert report.exit_status == 1 and found and found[0].severity == "error", report.diagnoses
    said = found[0].instances or (found[0].summary,)
    pop3 = [s for s in said if "mail.example.test:995" in s]
    assert pop3 == ["mail.example.test:995 does not offer PLAIN; it offers only CRAM-MD5, no PLAIN or LOGIN: set the "
                    "mail program to \"Encrypted password\" (CRAM-MD5)"], said
    assert "Encrypted password" in found[0].fix[0] and "\"Normal password\" (PLAIN/LOGIN) is safe" not in found[0].fix[0]
    assert [f.get("outcome") for f in report.facts if f.kind == "login.result" and f.get("protocol") == "pop3"] == [
        "skipped"]
