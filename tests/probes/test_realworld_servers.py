"""Servers that behave as real, if old or strict, servers do, diagnosed through the command line.

Each case puts a scripted server (tests/probes/hostile_servers.py) in place of one port of
the lab's mail host and runs ``mailexpert diagnose`` on it, as test_hostile_servers.py does.
Unlike the hostile servers there, these keep to their protocol: what they do is allowed,
mail programs cope with it, and the diagnosis must not call the server broken.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest
from hostile_servers import (
    HostileServer,
    Peer,
    imap_over_tls,
    server_context,
    smtp_server,
    smtp_without_extensions,
    starttls_with,
)
from test_hostile_servers import (
    IMAPS,
    LIMIT,
    SUBMISSION,
    assert_no_cleartext_password,
    diagnose_cli,
    root_diagnoses,
)

from mailexpert.lab import Fault, Lab
from mailexpert.lab.plan import FORMER_ADDRESS

pytestmark = pytest.mark.usefixtures("rulebase_loaded")  # conftest.py: its first load is not timed

RELAY = "mail.example.test:25/plain"
#: What servers without SMTP extensions answer to EHLO (RFC 5321 section 4.1.4 allows 500,
#: 501, 502 and 550; an old Sendmail says 500, Postfix's words for an unknown command are 502).
EHLO_REFUSALS = [b"502 5.5.2 Error: command not recognized", b"500 Command unrecognized: \"EHLO [127.0.0.1]\""]


@pytest.mark.parametrize("refusal", EHLO_REFUSALS, ids=["502", "500"])
def test_a_relay_without_smtp_extensions_is_healthy(refusal: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """An old relay on port 25 that knows only HELO, used without a login and without
    encryption (a printer's or a LAN's relay): the client falls back from EHLO to HELO
    (RFC 5321 section 3.2), so the refused EHLO is no failure."""
    with Lab() as lab, HostileServer(smtp_without_extensions(refusal)) as server:
        status, out, elapsed = diagnose_cli(lab, server, RELAY, monkeypatch, "--no-login", "--format", "json")
        sent = server.cleartext()
    assert elapsed <= LIMIT, elapsed
    report = json.loads(out)
    assert status == 0, [(d["cause"], d["summary"]) for d in report["diagnoses"]]
    assert not [d for d in report["diagnoses"] if d["severity"] == "error"], report["diagnoses"]
    assert report["unexplained"] == [], report["unexplained"]
    assert b"HELO " in sent  # the fallback really happened


@pytest.mark.parametrize("refusal", EHLO_REFUSALS, ids=["502", "500"])
def test_a_relay_without_smtp_extensions_and_no_password_is_healthy(refusal: bytes,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The same relay with no password given: the mail program sends without a login, as
    the relay expects of its network."""
    with Lab() as lab, HostileServer(smtp_without_extensions(refusal)) as server:
        status, out, elapsed = diagnose_cli(lab, server, RELAY, monkeypatch, "--format", "json", password=False)
        sent = server.cleartext()
    assert elapsed <= LIMIT, elapsed
    report = json.loads(out)
    assert status == 0, [(d["cause"], d["summary"]) for d in report["diagnoses"]]
    assert not [d for d in report["diagnoses"] if d["severity"] == "error"], report["diagnoses"]
    assert b"HELO " in sent and b"RCPT TO:" in sent  # it takes the message without a login


@pytest.mark.parametrize("refusal", EHLO_REFUSALS, ids=["502", "500"])
def test_a_relay_without_smtp_extensions_fails_a_client_set_to_log_in(refusal: bytes,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The same relay, with the password given: the mail program is set to log in, and a
    server without SMTP extensions has no AUTH (RFC 4954 is an EHLO extension). Thunderbird
    stops with "It does not support authentication (SMTP-AUTH) but you have chosen to use
    authentication", smtplib with SMTPNotSupportedError: sending fails, never "no problem"."""
    with Lab() as lab, HostileServer(smtp_without_extensions(refusal)) as server:
        target = lab.target
        status, out, elapsed = diagnose_cli(lab, server, RELAY, monkeypatch, "--format", "json")
    assert elapsed <= LIMIT, elapsed
    assert status == 1, out
    report = json.loads(out)
    roots = root_diagnoses(report)
    assert roots and roots[0]["cause"] == "smtp-auth-not-enabled", [(d["cause"], d["summary"]) for d in roots]
    assert "mail program is set to log in" in roots[0]["summary"], roots[0]["summary"]
    assert any("'None'" in step for step in roots[0]["fix"]), roots[0]["fix"]
    assert_no_cleartext_password(target, server, out)


@pytest.mark.parametrize("refusal", EHLO_REFUSALS, ids=["502", "500"])
def test_submission_without_smtp_extensions_lacks_starttls(refusal: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same server set as a submission server with STARTTLS: a server that has no
    extensions has no STARTTLS either, and that is what the mail program trips on; the
    refused EHLO is no protocol error and no permanent refusal of its own."""
    with Lab() as lab, HostileServer(smtp_without_extensions(refusal)) as server:
        target = lab.target
        status, out, elapsed = diagnose_cli(lab, server, SUBMISSION, monkeypatch, "--format", "json")
    assert elapsed <= LIMIT, elapsed
    assert status == 1, out
    report = json.loads(out)
    roots = root_diagnoses(report)
    assert roots and roots[0]["cause"] == "starttls-not-offered", [(d["cause"], d["summary"]) for d in roots]
    causes = {d["cause"] for d in report["diagnoses"]}
    assert not causes & {"server-reply-permanent", "server-protocol-error"}, causes
    assert_no_cleartext_password(target, server, out)


def test_a_stale_address_whose_old_server_refuses_the_login(monkeypatch: pytest.MonkeyPatch) -> None:
    """The provider moved the server; this computer's resolver still answers the old address,
    where the old server still runs IMAP, with a valid certificate, and refuses the login of
    an account it no longer has; its other mail ports are gone. The stale answer comes
    first, and the refused login is named as happening at that address: the password is
    not what to change."""
    with Lab(faults=[Fault("dns-stale", "dns", name="mail.example.test")]) as lab:
        target = lab.target
        with HostileServer(imap_over_tls()(lab)) as old:
            status, out, elapsed = diagnose_cli(lab, old, IMAPS, monkeypatch, "--format", "json",
                                                address=FORMER_ADDRESS)
    assert elapsed <= LIMIT, elapsed
    assert status == 1, out
    report = json.loads(out)
    roots = root_diagnoses(report)
    assert roots and roots[0]["cause"] == "dns-poisoned", [(d["cause"], d["summary"]) for d in roots]
    assert any(f"IMAP login was refused at {FORMER_ADDRESS}" in line and "another resolver gives 127.0.0.10" in line
               for line in roots[0]["instances"]), roots[0]["instances"]
    assert "password-rejected" in {d["cause"] for d in roots}  # what the old server said stays in view
    assert_no_cleartext_password(target, old, out)


def test_a_stale_address_whose_old_server_still_takes_the_login(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same move, but the old server still runs IMAP and still takes the login: the mail
    program shows no error while new mail arrives at the new server. The answer only this
    computer's resolver gives is named, with both addresses and what to do: never "no
    problem found"."""
    accepted = imap_over_tls(login=lambda tag: tag + b" OK [CAPABILITY IMAP4rev1] Logged in\r\n")
    with Lab(faults=[Fault("dns-stale", "dns", name="mail.example.test")]) as lab:
        target = lab.target
        with HostileServer(accepted(lab)) as old:
            _status, out, elapsed = diagnose_cli(lab, old, IMAPS, monkeypatch, "--format", "json",
                                                address=FORMER_ADDRESS)
    assert elapsed <= LIMIT, elapsed
    report = json.loads(out)
    stale = [line for d in report["diagnoses"] if d["cause"] == "dns-poisoned" for line in d["instances"]
             if "IMAP server at" in line]
    assert stale == [f"This computer's resolver answers {FORMER_ADDRESS} for mail.example.test, other resolvers "
                     f"127.0.0.10; the IMAP server at {FORMER_ADDRESS} still answers, but may be the old one"], \
        [(d["cause"], d["instances"]) for d in report["diagnoses"]]
    assert {d["severity"] for d in report["diagnoses"] if d["cause"] == "dns-poisoned"} <= {"warning", "error"}
    assert not {"password-rejected", "server-unavailable"} & {d["cause"] for d in report["diagnoses"]}
    assert_no_cleartext_password(target, old, out)


def test_submission_with_only_challenge_response_mechanisms_is_not_passed_as_healthy(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A submission server that refuses plaintext mechanisms (Postfix with Cyrus SASL and
    smtpd_sasl_security_options = noplaintext) and has only DIGEST-MD5 offers just that after
    STARTTLS: a mail program set to "Normal password" (Thunderbird's usual setting; Outlook
    has none of them) cannot log in, and the probe (PLAIN, LOGIN, CRAM-MD5) could not check
    the password either, so "every check passed" would be false; programs that pick
    DIGEST-MD5 still log in, so a warning. (With CRAM-MD5 offered the probe logs in with it:
    tests/lab/test_real_cram_md5.py.)"""
    ehlo = b"250-mail.example.test\r\n250-STARTTLS\r\n250 AUTH DIGEST-MD5\r\n"
    with Lab() as lab:
        target = lab.target
        with HostileServer(smtp_server(ehlo=ehlo, on_starttls=starttls_with(server_context(lab)))) as server:
            status, out, elapsed = diagnose_cli(lab, server, SUBMISSION, monkeypatch, "--format", "json")
    assert elapsed <= LIMIT, elapsed
    report = json.loads(out)
    assert status == 0, [(d["cause"], d["summary"]) for d in report["diagnoses"]]
    found = [d for d in report["diagnoses"] if d["cause"] == "auth-mechanism-unsupported"]
    assert [d["severity"] for d in found] == ["warning"], [(d["cause"], d["summary"]) for d in report["diagnoses"]]
    assert "offers only DIGEST-MD5" in found[0]["summary"] and "Normal password" in found[0]["summary"]
    assert_no_cleartext_password(target, server, out)


def test_a_cram_md5_answer_echoed_by_the_server_is_scrubbed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that offers only CRAM-MD5 and repeats the client's answer in its refusal, in
    base64 and as the bare digest (as a debugging server might): the answer is derived from
    the password and would let anyone guess it offline, so the report shows neither."""
    ehlo = b"250-mail.example.test\r\n250-STARTTLS\r\n250 AUTH CRAM-MD5\r\n"
    challenge = base64.b64encode(b"<4711.1700000000@mail.example.test>")
    answers: list[bytes] = []

    def echo(peer: Peer) -> None:
        peer.send(b"334 " + challenge + b"\r\n")
        answer = next(peer.lines())
        answers.append(answer)
        digest = base64.b64decode(answer).rpartition(b" ")[2]
        peer.send(b"535 5.7.8 bad answer " + answer + b" digest " + digest + b"\r\n")
        peer.hold(2.0)

    with Lab() as lab:
        target = lab.target
        behaviour = smtp_server(ehlo=ehlo, on_starttls=starttls_with(server_context(lab)), on_auth=echo)
        with HostileServer(behaviour) as server:
            status, out, elapsed = diagnose_cli(lab, server, SUBMISSION, monkeypatch, "--format", "json")
    assert elapsed <= LIMIT, elapsed
    user, _, digest = base64.b64decode(answers[0]).decode().partition(" ")
    expected = hmac.new(target.password.encode(), base64.b64decode(challenge), hashlib.md5).hexdigest()
    assert (user, digest) == (target.username, expected)  # RFC 2195's answer
    report = json.loads(out)
    assert status == 1, report["diagnoses"]  # the refusal is a failure (the lab's IMAP takes the password)
    login = next(f for f in report["facts"] if f["kind"] == "login.result" and f["protocol"] == "smtp")
    assert (login["mechanism"], login["outcome"], login["code"]) == ("CRAM-MD5", "rejected", 535)
    assert "<redacted>" in login["text"], login
    for secret in (answers[0].decode(), digest, target.password):
        assert secret not in out
