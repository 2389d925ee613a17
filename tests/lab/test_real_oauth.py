"""OAuth2 logins against a real Dovecot that offers only XOAUTH2 and OAUTHBEARER
(``auth_mechanisms = xoauth2 oauthbearer``) for IMAP, and a real Postfix that logs in through it.

Dovecot checks the bearer token through its password database, as a server with an OAuth2
passdb does through its identity provider: here the token it accepts is the account's entry.
A mail program whose token is no longer accepted (expired, revoked) meets Dovecot's XOAUTH2
error challenge and then its refusal: that is oauth-token-rejected, not a wrong password. The
same server asked with a password is oauth-required; with the right token it is healthy.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mailexpert.lab import Lab, Scenario
from mailexpert.lab.dovecot import DovecotServer, dovecot_available
from mailexpert.lab.plan import certificate_names
from mailexpert.lab.postfix import PostfixServer, postfix_unavailable
from mailexpert.lab.realmap import real_connect_to
from mailexpert.pipeline import diagnose
from mailexpert.render import render_text
from mailexpert.report import Report

_WHY_NOT = postfix_unavailable() or (None if dovecot_available() else "/usr/sbin/dovecot is not installed")

pytestmark = [
    pytest.mark.postfix,
    pytest.mark.dovecot,
    pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or ""),
]

#: The token Dovecot accepts (its passdb entry for the account).
TOKEN = "ya29.lab-real-oauth-token-7f3c"
EXPIRED = "ya29.lab-expired-token-0b9d"


@pytest.fixture(scope="module")
def dovecot() -> Iterator[DovecotServer]:
    settings = {"auth_mechanisms": "xoauth2 oauthbearer", "protocols": "imap pop3"}
    with DovecotServer(address="127.0.0.91", sasl_socket=True, password=TOKEN, settings=settings) as server:
        yield server


@pytest.fixture(scope="module")
def postfix(dovecot: DovecotServer) -> Iterator[PostfixServer]:
    with PostfixServer(address="127.0.0.92", sasl_path=dovecot.sasl_path, names=certificate_names()) as server:
        yield server


@pytest.fixture
def run(dovecot: DovecotServer, postfix: PostfixServer, tmp_path: Path):
    def diagnosis(*, token: str | None, password: str | None = None, mechanism: str | None = None) -> Report:
        auth = "oauth" if token else "password"
        account = Scenario("real-oauth", "Mail from a server that takes only OAuth2.", None,
                           imap="mail.example.test:993/ssl", pop3="mail.example.test:995/ssl",
                           smtp="mail.example.test:587/starttls",
                           auth=auth, smtp_auth=auth, auth_mechanism=mechanism)
        with Lab(scenario=account) as lab:
            trust = tmp_path / "ca.pem"
            trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, dovecot.ca_file)))
            options = lab.target.diagnose_options(timeout=3.0, ca_file=str(trust),
                                                  connect_to=real_connect_to(lab.target, postfix, dovecot))
            options.update(oauth_token=token, password=password)
            return diagnose(lab.target.email, **options)
    return diagnosis


def test_a_token_the_server_no_longer_accepts(run) -> None:
    report = run(token=EXPIRED)
    top = report.top
    assert top is not None and top.cause == "oauth-token-rejected", [d.cause for d in report.diagnoses]
    assert report.exit_status == 1
    # Every login was XOAUTH2 (or OAUTHBEARER) and refused: IMAP and POP3 at Dovecot, SMTP at Postfix through it.
    refused = {f.get("protocol"): f for f in report.facts if f.kind == "login.result"}
    assert {p: f.get("outcome") for p, f in refused.items()} == {"imap": "rejected", "pop3": "rejected", "smtp": "rejected"}
    assert {f.get("mechanism") for f in refused.values()} <= {"XOAUTH2", "OAUTHBEARER"}
    # Dovecot's error challenge before each refusal (status 401, its scope; IMAP's and POP3's "+"),
    # passed on by Postfix as a 334, is read: the token itself is invalid, as the diagnosis says.
    assert {(f.get("oauth_status"), f.get("oauth_error")) for f in refused.values()} == {("401", "invalid_token")}
    assert top.rule == "oauth-token-rejected-challenge-invalid-token" and "not valid" in top.summary, top.summary
    # Not a wrong password, nor a server that wants OAuth2: the program uses OAuth2 already.
    firsts = [d.cause for d in report.diagnoses if d.is_root and d.severity == "error"]
    assert "password-rejected" not in firsts and "oauth-required" not in firsts, firsts
    for text in (render_text(report, verbose=True), repr(report)):
        assert EXPIRED not in text and TOKEN not in text


def test_an_oauthbearer_token_the_server_no_longer_accepts(run) -> None:
    """A program set to OAUTHBEARER (RFC 7628): Dovecot's error challenge is that mechanism's
    (status invalid_token, RFC 7628 3.2.2), read by the same table as XOAUTH2's 401."""
    report = run(token=EXPIRED, mechanism="OAUTHBEARER")
    refused = [f for f in report.facts if f.kind == "login.result"]
    assert refused and {(f.get("mechanism"), f.get("outcome"), f.get("oauth_error")) for f in refused} == {
        ("OAUTHBEARER", "rejected", "invalid_token")}, [dict(f.fields) for f in refused]
    assert report.top is not None and report.top.rule == "oauth-token-rejected-challenge-invalid-token"
    assert EXPIRED not in render_text(report, verbose=True)


def test_a_password_there_is_oauth_required(run, dovecot: DovecotServer) -> None:
    report = run(token=None, password="an-account-password")
    assert report.top is not None and report.top.cause == "oauth-required", [d.cause for d in report.diagnoses]


def test_the_right_token_is_healthy(run) -> None:
    report = run(token=TOKEN)
    errors = [f"{d.cause}: {d.summary}" for d in report.diagnoses if d.severity == "error"]
    assert report.exit_status == 0 and not errors, errors
