"""Credentials, login budget, the network guard and the global deadline."""

from __future__ import annotations

import time

import pytest
from probe_helpers import account_for, find, one, options_for, run_lab

from mailexpert.account import Account
from mailexpert.collect import FollowUpRunner, ProbeOptions, collect_sync
from mailexpert.errors import SettingsError
from mailexpert.lab import Fault, Lab
from mailexpert.probes.context import NetworkNotAllowed

CANARY = "CANARY-pw-9Zq-do-not-leak"
TOKEN = "CANARY-token-Xy7"


def _assert_no_canary(result, *secrets):
    blobs = [repr(f) for f in result.facts] + list(result.transcript) + [repr(result), repr(result.account)]
    for secret in secrets:
        assert not any(secret in b for b in blobs), secret


def test_canary_password_never_leaks():
    run = run_lab(None, account={"password": CANARY})
    one(run.facts, "login.result", protocol="imap", outcome="rejected")
    one(run.facts, "login.result", protocol="smtp", outcome="rejected")
    _assert_no_canary(run.result, CANARY)
    assert any("AUTH PLAIN <redacted>" in line for line in run.result.transcript)
    assert any("AUTHENTICATE PLAIN <redacted>" in line for line in run.result.transcript)


def test_canary_echoed_by_the_server_is_scrubbed():
    """A server that repeats the credentials in its failure reply (raw, PLAIN and LOGIN base64)."""
    import base64

    run = run_lab(None, [Fault("echo", "mail:*", "reply")], account={"password": CANARY})
    replies = [f for f in run.facts if f.kind in ("login.result", "auth.reply", "server.reply") and f.get("text")]
    assert any("<redacted>" in str(f.get("text")) for f in replies)
    user = run.result.account.username
    _assert_no_canary(run.result, CANARY, base64.b64encode(CANARY.encode()).decode(),
                      base64.b64encode(f"\0{user}\0{CANARY}".encode()).decode())


def test_canary_never_leaks_in_cleartext_mode():
    """Even when a cleartext login is explicitly allowed, the transcript shows only <redacted>."""
    run = run_lab("plaintext-auth-filtered", account={"password": CANARY}, allow_insecure_login=True)
    _assert_no_canary(run.result, CANARY)
    one(run.facts, "login.result", port=143, mode="plain", outcome="reset")


def test_oauth_token_never_leaks():
    account = Account(email="a@example.test", password=CANARY, oauth_token=TOKEN)
    assert CANARY not in repr(account) and TOKEN not in repr(account)
    # The token has one home, the account, like the password: probe options cannot carry one.
    with pytest.raises(TypeError):
        ProbeOptions(oauth_token=TOKEN)  # type: ignore[call-arg]
    options = ProbeOptions(proxy="http://user:proxysecret@127.0.0.1:3128")
    assert "proxysecret" not in repr(options)
    with Lab(faults=[Fault("oauth-only", "mail:*")]) as lab:
        t = lab.target
        result = collect_sync(account_for(t, oauth_token=TOKEN), options_for(t))
    one(result.facts, "login.result", protocol="smtp", mechanism="XOAUTH2")
    _assert_no_canary(result, TOKEN)


def test_one_login_per_service_including_follow_ups():
    with Lab(scenario="healthy", faults=[]) as lab:
        t = lab.target
        account = account_for(t, pop3="mail.example.test:995/ssl")
        options = options_for(t)
        result = collect_sync(account, options)
        assert result.login_attempts == {"imap": 1, "pop3": 1, "smtp": 1}
        runner = result.follow_ups(options)
        again = runner({"name": "session", "args": {"protocol": "imap", "host": "mail.example.test", "port": 143,
                                                     "security": "starttls"}})
        one(again, "login.result", protocol="imap", outcome="skipped", skipped_reason="no-login")
        counts = {name: s.login_attempts for name, s in lab.servers.items()}
    assert counts["imaps"] == 1 and counts["imap"] == 0 and counts["pop3s"] == 1 and counts["submission"] == 1
    assert all(v <= 1 for v in counts.values())


def test_follow_up_logs_in_once_when_the_service_had_no_login():
    with Lab() as lab:
        t = lab.target
        runner = FollowUpRunner(account_for(t), options_for(t))
        args = {"protocol": "pop3", "host": "mail.example.test", "port": 995, "security": "ssl"}
        first = runner({"name": "session", "args": args})
        second = runner({"name": "session", "args": args})
        assert lab.servers["pop3s"].login_attempts == 1
    one(first, "login.result", protocol="pop3", outcome="success", mechanism="PLAIN")
    one(second, "login.result", protocol="pop3", outcome="skipped", skipped_reason="no-login")


def test_no_login_option():
    run = run_lab(None, no_login=True)
    assert sum(run.logins.values()) == 0
    for f in find(run.facts, "login.result"):
        assert f["outcome"] == "skipped" and f["skipped_reason"] == "no-login"


def test_insecure_login_only_when_allowed():
    run = run_lab("cert-expired", allow_insecure_login=True)
    one(run.facts, "login.result", port=993, outcome="success", mode="implicit")
    one(run.facts, "tls.handshake", port=993, verify="expired")  # the verdict is still reported
    assert run.logins["imaps"] == 1


def test_guard_refuses_an_address_outside_loopback():
    with Lab() as lab:
        t = lab.target
        # 192.0.2.1 is TEST-NET-1: the guard must refuse before any packet is sent.
        options = options_for(t, connect_to=[("127.0.0.10", 993, "192.0.2.1", 993), *t.connect_to])
        with pytest.raises(NetworkNotAllowed):
            collect_sync(account_for(t), options)
        with pytest.raises(NetworkNotAllowed):
            collect_sync(account_for(t), options_for(t, reference_dns=["192.0.2.53"]))
    assert issubclass(NetworkNotAllowed, SettingsError)


def test_global_deadline_bounds_everything():
    with Lab(faults=[Fault("filtered", "mail:*"), Fault("silent", "web:*")]) as lab:
        t = lab.target
        start = time.monotonic()
        result = collect_sync(account_for(t), options_for(t, timeout=10.0, deadline=1.0))
        elapsed = time.monotonic() - start
    # Far below the step timeout (10 s), with room for a busy machine: the margins were 0.1 s
    # on the step and 0.5 s on the whole.
    assert elapsed <= 1.0 + 3.0
    # Each step is clamped to what is left of the deadline, so probes end on their own; a
    # connect whose clamped time ran out was cut by the deadline (our clock), no timeout of
    # the network's (tests/lab/test_deadline_capped_steps.py).
    one(result.facts, "tcp.connect", port=993, outcome="deadline", elapsed_ms=lambda ms: ms <= 1000 + 3000)
    one(result.facts, "account.identity")
    one(result.facts, "dns.answer", name="mail.example.test", rrtype="A", outcome="answer")
