"""features/postfix.feature: diagnoses against a real Postfix (SASL through a real Dovecot).

The rest of the lab (DNS, web, discovery) is the ordinary in-process lab; its connect-to
map sends the mail host to real servers instead: 25 to Postfix's MX service (also the MX
host's 25), 465 to implicit TLS, 587 to the service the scenario names, and the IMAP and
POP3 ports to the Dovecot that checks Postfix's logins, so every server knows one password.
One Postfix and one Dovecot serve every scenario (each diagnosis is still its own engine
session against its own lab); the client trusts the lab's CA, Postfix's and Dovecot's.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import attrs
import pytest
from pytest_bdd import given, parsers, scenario, scenarios, then, when

from mailexpert.lab import Lab, Scenario
from mailexpert.lab.dovecot import DovecotServer, dovecot_available
from mailexpert.lab.plan import certificate_names, host
from mailexpert.lab.postfix import ROLES, PostfixServer, postfix_unavailable
from mailexpert.pipeline import diagnose
from mailexpert.report import Report

_WHY_NOT = postfix_unavailable() or (None if dovecot_available() else "/usr/sbin/dovecot is not installed")

pytestmark = [
    pytest.mark.postfix,
    pytest.mark.dovecot,
    pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or ""),
]


# A server that greets late on purpose is no slow network: the probes time the TCP handshake.
@scenario("postfix.feature", "The server greets slowly, on purpose")
def test_slow_greeting() -> None:
    pass


scenarios("postfix.feature")

#: Longer than the shared features' step timeout: a failed login is answered after ~0.5 s.
STEP_TIMEOUT = 3.0


@attrs.define
class PostfixSituation:
    service_587: str
    smtp: str = ""
    password_right: bool = True
    timeout: float = STEP_TIMEOUT
    password: str = ""  # the password actually sent, for "the report never shows the password"


@pytest.fixture(scope="module")
def dovecot():
    with DovecotServer(address="127.0.0.47", sasl_socket=True) as server:
        yield server


@pytest.fixture(scope="module")
def postfix(dovecot):
    with PostfixServer(address="127.0.0.48", sasl_path=dovecot.sasl_path, names=certificate_names()) as server:
        yield server


@given(parsers.re(r'(?P<words>.+?), with a real Postfix whose port 587 is "(?P<service>[a-z-]+)"'),
       target_fixture="situation")
def real_postfix(words: str, service: str) -> PostfixSituation:
    assert ROLES.get(service) == 587, f"{service!r} is not a Postfix service for port 587"
    return PostfixSituation(service)


@given(parsers.re(r'my outgoing server is "(?P<smtp>[^"]+)" and my password is (?P<password>right|wrong)'))
def outgoing_server(situation: PostfixSituation, smtp: str, password: str) -> None:
    situation.smtp = smtp
    situation.password_right = password == "right"


@given(parsers.parse("my mail client waits up to {seconds:d} seconds"))
def client_timeout(situation: PostfixSituation, seconds: int) -> None:
    situation.timeout = float(seconds)


def _connect_to(
    lab: Lab, postfix: PostfixServer, dovecot: DovecotServer, service_587: str
) -> list[tuple[str, int, str, int]]:
    """The lab's map, with the mail host's ports sent to Postfix (SMTP) and Dovecot (IMAP,
    POP3: discovery finds them, and they check the same password), and the MX's port 25 to
    Postfix's MX service."""
    mail, mx = host("mail").address, host("mx").address
    real = {
        (mail, 25): postfix.endpoint("smtp"),
        (mail, 465): postfix.endpoint("submissions"),
        (mail, 587): postfix.endpoint(service_587),
        (mx, 25): postfix.endpoint("smtp"),
        **{(mail, port): (dovecot.address, dovecot.ports[name])
           for port, name in ((143, "imap"), (993, "imaps"), (110, "pop3"), (995, "pop3s"))},
    }
    return [(address, port, *real.get((address, port), (real_address, real_port)))
            for address, port, real_address, real_port in lab.target.connect_to]


@when("I diagnose my account against the real Postfix", target_fixture="report")
def diagnose_against_postfix(
    situation: PostfixSituation, postfix: PostfixServer, dovecot: DovecotServer, tmp_path: Path
) -> Report:
    account = Scenario("real-postfix", "Sending through a real Postfix.", None, imap=None, smtp=situation.smtp)
    log_mark = len(postfix.log_text)
    situation.password = dovecot.password if situation.password_right else "wrong-" + secrets.token_urlsafe(6)
    with Lab(scenario=account) as lab:
        trust = tmp_path / "ca.pem"
        trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, dovecot.ca_file)))
        options = lab.target.diagnose_options(
            timeout=situation.timeout,
            connect_to=_connect_to(lab, postfix, dovecot, situation.service_587),
            ca_file=str(trust),
            password=situation.password,
        )
        report = diagnose(lab.target.email, **options)
    attempts = postfix.auth_attempts(since=log_mark)
    assert attempts <= 1, f"{attempts} logins to Postfix in one diagnosis"
    return report


@then(parsers.parse("mailexpert's one login to Postfix succeeds"))
def login_succeeds(report: Report) -> None:
    logins = [f for f in report.facts if f.kind == "login.result" and f.get("protocol") == "smtp"]
    assert [f.get("outcome") for f in logins] == ["success"], logins


@then(parsers.parse('the report does not find "{cause}"'))
def not_found(report: Report, cause: str) -> None:
    found = [d for d in report.diagnoses if d.cause == cause]
    assert not found, "\n".join(f"{d.cause} ({d.severity}): {d.summary}" for d in found)
