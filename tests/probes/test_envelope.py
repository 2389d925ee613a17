"""After an SMTP login the server took, the mail program's own transaction: MAIL FROM and RCPT
TO the account's address, then RSET, never DATA (envelope.result), against the lab's SMTP
server with its ``sender`` fault; the real Postfix's check is in features/postfix.feature and
tests/lab/test_lab_postfix.py."""

from __future__ import annotations

import re

import pytest
from probe_helpers import STEP_TIMEOUT, find, none_of, one, run_lab

import mailexpert
from mailexpert.lab import Fault, Lab

SUBMISSION = "mail.example.test:587/starttls"


def _commands(transcript: tuple[str, ...], port: int = 587) -> list[str]:
    """What the client sent on the SMTP session of ``port``, in order."""
    return [line.split(" C: ", 1)[1] for line in transcript if f":{port}] C: " in line]


def test_own_address_is_taken_and_no_message_is_sent():
    run = run_lab(None)
    envelope = one(run.facts, "envelope.result", port=587, outcome="accepted", stage="rcpt", code=250)
    address = run.result.account.email
    assert envelope["sender"] == envelope["recipient"] == address
    sent = _commands(run.result.transcript)
    auth = next(i for i, c in enumerate(sent) if c.startswith("AUTH "))
    assert sent[auth:] == ["AUTH PLAIN <redacted>", f"MAIL FROM:<{address}>", f"RCPT TO:<{address}>", "RSET", "QUIT"]
    assert not any(c.upper().startswith(("DATA", "BDAT")) for c in sent), sent
    assert run.logins["submission"] == 1 and run.result.login_attempts["smtp"] == 1  # no second login
    blobs = [repr(f) for f in run.facts] + list(run.result.transcript)
    assert not any(run.password in b for b in blobs)
    none_of(run.facts, "server.reply", stage="rcpt")  # an accepted transaction is no refusal


def test_the_address_the_login_does_not_own_is_refused_at_rcpt():
    run = run_lab(None, [Fault("sender", "mail:587")],
                  account={"email": "bob@example.test"})
    login = run.result.account.username
    assert login != "bob@example.test"
    one(run.facts, "login.result", protocol="smtp", outcome="success")
    envelope = one(run.facts, "envelope.result", outcome="rejected", stage="rcpt", code=553, enhanced="5.7.1")
    assert envelope["text"] == f"5.7.1 <bob@example.test>: Sender address rejected: not owned by user {login}"
    one(run.facts, "server.reply", stage="rcpt", status="permanent", code=553, source="probe")
    assert "RSET" in _commands(run.result.transcript)


@pytest.mark.parametrize(("value", "outcome", "code"), [("greylist", "temporary", 450),
                                                         ("user-unknown", "rejected", 550),
                                                         ("closing", "temporary", 421)])
def test_other_refusals_at_rcpt(value, outcome, code):
    run = run_lab(None, [Fault("sender", "mail:587", value)], account={})
    one(run.facts, "envelope.result", outcome=outcome, stage="rcpt", code=code)
    one(run.facts, "server.reply", stage="rcpt", code=code)
    none_of(run.facts, "service.failure")  # after 421 the server closes: no RSET is sent into it
    assert ("RSET" in _commands(run.result.transcript)) == (code != 421)


def test_no_answer_to_mail_from_waits_at_most_the_deadline_and_is_no_failure():
    """Mail programs wait minutes for an answer to MAIL FROM; running out of the diagnosis's
    deadline first is no service failure (as opening the mailbox); the rules warn of it."""
    run = run_lab(None, [Fault("sender", "mail:587", "silent")], account={}, deadline=3 * STEP_TIMEOUT)
    assert run.elapsed < 3 * STEP_TIMEOUT + 2
    assert [f["outcome"] for f in find(run.facts, "envelope.result")] in ([], ["timeout"])
    none_of(run.facts, "service.failure")


def test_a_connection_closed_at_mail_from_is_a_failure_of_the_mail_step():
    run = run_lab(None, [Fault("sender", "mail:587", "drop")], account={})
    one(run.facts, "envelope.result", outcome="closed", stage="mail", code=None)
    one(run.facts, "service.failure", port=587, step="mail", failure="closed")


@pytest.mark.parametrize("options", [{"envelope_test": False}, {"no_login": True}])
def test_not_without_a_login_nor_when_turned_off(options):
    run = run_lab(None, [Fault("sender", "mail:587")],
                  account={"email": "bob@example.test"}, **options)
    none_of(run.facts, "envelope.result")
    assert not any(c.startswith("MAIL FROM") for c in _commands(run.result.transcript))


def test_not_without_a_password():
    run = run_lab(None, account={"password": None})
    none_of(run.facts, "envelope.result")
    assert not find(run.facts, "login.result", outcome="success")


# The whole diagnosis: the refusal is named by the rules that read replies, and a refusal
# for now is not called a permanent one.
@pytest.mark.parametrize(("value", "email", "cause", "severity"), [
    ("not-owned", "bob@example.test", "sender-address-not-allowed", "error"),
    ("not-owned", None, None, None),  # the login owns its own address: healthy
    ("greylist", None, "server-reply-transient", "warning"),
    ("closing", None, "server-reply-transient", "warning"),
    ("user-unknown", None, "server-reply-permanent", "error"),
    ("drop", None, "server-protocol-error", "error"),  # "fails at the mail step (closed)"
    # No answer before the deadline: a warning, not an error (mail programs wait minutes).
    ("silent", None, "server-unavailable", "warning"),
])
def test_diagnosis(value, email, cause, severity):
    with Lab(scenario="healthy", faults=[Fault("sender", "mail:587", value)]) as lab:
        options = lab.target.diagnose_options(imap=None, timeout=STEP_TIMEOUT)
        report = mailexpert.diagnose(email or lab.target.email, **options)
    errors = [d for d in report.diagnoses if d.severity == "error"]
    if cause is None:
        assert report.exit_status == 0 and not errors and not report.unexplained, report.diagnoses
        return
    top = report.diagnoses[0]
    assert (top.cause, top.severity) == (cause, severity), [(d.cause, d.severity, d.summary) for d in report.diagnoses]
    if severity == "warning":
        assert not errors and report.exit_status == 0, [(d.cause, d.summary) for d in errors]
    assert not report.unexplained
    if value == "not-owned":
        assert re.search(r"not owned by user \S+@example\.test", top.summary)
        assert "client-still-fails" not in {q.id for q in report.questions}


def test_the_sender_and_the_login_come_from_the_mail_programs_file(tmp_path):
    """msmtp sends from its 'from' address and logs in as its 'user': the address diagnosed is
    the sender, the login name comes from the file, and the server's refusal of that sender
    is found without any --username."""
    with Lab(scenario="healthy", faults=[Fault("sender", "mail:587")]) as lab:
        t = lab.target
        rc = tmp_path / "msmtprc"
        rc.write_text("account work\nhost mail.example.test\nport 587\ntls on\ntls_starttls on\nauth on\n"
                      f"user {t.username}\nfrom bob@example.test\naccount default : work\n")
        options = t.diagnose_options(imap=None, smtp=None, username=None, timeout=STEP_TIMEOUT,
                                     client_config=[str(rc)])
        report = mailexpert.diagnose("bob@example.test", **options)
    envelope = [f for f in report.facts if f.kind == "envelope.result"]
    assert [(f["sender"], f["outcome"]) for f in envelope] == [("bob@example.test", "rejected")], envelope
    assert report.diagnoses[0].cause == "sender-address-not-allowed", [d.cause for d in report.diagnoses]
    assert f"not owned by user {t.username}" in report.diagnoses[0].summary
