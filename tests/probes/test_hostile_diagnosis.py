"""Hostile servers end in a diagnosis that names the failing service and step (exit 1).

Each case is a lab fault driven through the whole pipeline (probes, rules, report), as a
user would meet it: never "No problem found", never an internal error, never a hang.
"""

from __future__ import annotations

import time

import pytest
from probe_helpers import STEP_TIMEOUT

import mailexpert
from mailexpert.lab import Fault, Lab

pytestmark = pytest.mark.usefixtures("rulebase_loaded")  # conftest.py: its first load is not timed

IMAPS = "mail.example.test:993/ssl"
IMAP_STARTTLS = "mail.example.test:143/starttls"
POP3S = "mail.example.test:995/ssl"
SUBMISSION = "mail.example.test:587/starttls"
#: The global deadline of a diagnosis with this step timeout, plus the rule engine's time.
LIMIT = max(3 * STEP_TIMEOUT, STEP_TIMEOUT + 5) + 3.0

# (id, settings, faults, expected top cause (or causes), words the top summary contains)
CASES = [
    ("tls-stall-after-server-hello", dict(imap=IMAPS), [Fault("tls-stall", "mail:993")],
     ("server-protocol-error", "tls-no-shared-cipher"), ["993", "TLS handshake"]),
    ("tls-stall-after-starttls", dict(smtp=SUBMISSION), [Fault("tls-stall", "mail:587")],
     "starttls-failed", ["587", "STARTTLS", "timeout"]),
    ("smtp-closed-at-login", dict(smtp=SUBMISSION), [Fault("auth-drop", "mail:587", "close")],
     "server-protocol-error", ["smtp", "587", "login step", "closed"]),
    ("imap-reset-at-login", dict(imap=IMAPS), [Fault("auth-drop", "mail:993", "reset")],
     "server-protocol-error", ["imap", "993", "login step", "reset"]),
    ("pop3-closed-at-login", dict(pop3=POP3S), [Fault("auth-drop", "mail:995", "close")],
     "server-protocol-error", ["pop3", "995", "login step", "closed"]),
    ("smtp-334-forever", dict(smtp=SUBMISSION), [Fault("auth-loop", "mail:587")],
     "server-protocol-error", ["smtp", "login step", "endless-challenge"]),
    ("imap-challenge-forever", dict(imap=IMAPS), [Fault("auth-loop", "mail:993")],
     "server-protocol-error", ["imap", "login step", "endless-challenge"]),
    ("pop3-challenge-forever", dict(pop3=POP3S), [Fault("auth-loop", "mail:995")],
     "server-protocol-error", ["pop3", "login step", "endless-challenge"]),
    ("imap-login-referral", dict(imap=IMAPS), [Fault("auth", "mail:993", "referral")],
     "wrong-provider-host", ["REFERRAL"]),
    ("smtp-10mb-greeting-without-newline", dict(smtp=SUBMISSION), [Fault("flood", "mail:587")],
     "server-protocol-error", ["smtp", "greeting step", "too-long"]),
    ("imaps-10mb-greeting-without-newline", dict(imap=IMAPS), [Fault("flood", "mail:993")],
     "server-protocol-error", ["imap", "greeting step", "too-long"]),
    ("smtp-endless-220", dict(smtp=SUBMISSION), [Fault("endless", "mail:587", "greeting")],
     "server-protocol-error", ["greeting step", "too-many-lines"]),
    ("smtp-endless-250", dict(smtp=SUBMISSION), [Fault("endless", "mail:587", "capability")],
     "server-protocol-error", ["capability step", "too-many-lines"]),
    ("imap-endless-capability", dict(imap=IMAPS), [Fault("endless", "mail:993", "capability")],
     "server-protocol-error", ["capability step", "too-many-lines"]),
    ("imap-endless-untagged", dict(imap=IMAPS), [Fault("endless", "mail:993", "greeting")],
     "server-protocol-error", ["capability step", "too-many-lines"]),
    ("pop3-endless-capa", dict(pop3=POP3S), [Fault("endless", "mail:995")],
     "server-protocol-error", ["capability step", "too-many-lines"]),
    ("imap-literal-999999999", dict(imap=IMAPS), [Fault("literal", "mail:993")],
     "server-protocol-error", ["capability step", "literal-too-large"]),
    ("smtp-nul-only", dict(smtp=SUBMISSION), [Fault("nul", "mail:587")],
     "server-protocol-error", ["greeting step", "garbage"]),
    ("imaps-nul-only", dict(imap=IMAPS), [Fault("nul", "mail:993")],
     "tls-on-plaintext-port", ["993", "wrong version number"]),
    ("pop3-ok-to-everything", dict(pop3=POP3S), [Fault("agree", "mail:995")],
     "server-protocol-error", ["pop3", "capability step", "timeout"]),
    ("imap-ok-to-everything", dict(imap=IMAPS), [Fault("agree", "mail:993")],
     "server-protocol-error", ["imap", "capability step", "no-capability-list"]),
    ("smtp-starttls-then-plaintext", dict(smtp=SUBMISSION), [Fault("starttls", "mail:587", "plaintext")],
     "starttls-failed", ["587", "wrong-version-number"]),
    ("imap-starttls-then-plaintext", dict(imap=IMAP_STARTTLS), [Fault("starttls", "mail:143", "plaintext")],
     "starttls-failed", ["143", "wrong-version-number"]),
    ("imap-plain-setting-auth-in-clear", dict(imap="mail.example.test:143/plain"), [Fault("plaintext-auth", "mail:143")],
     "cleartext-auth-exposed", ["imap", "143", "clear text"]),
    ("smtp-plain-setting-auth-in-clear", dict(smtp="mail.example.test:587/plain"),
     [Fault("plaintext-auth", "mail:587")], "cleartext-auth-exposed", ["smtp", "587", "clear text"]),
]


def diagnose_on_lab(settings: dict, faults: list[Fault]) -> tuple[mailexpert.Report, float, Lab]:
    with Lab(faults=faults) as lab:
        t = lab.target
        start = time.monotonic()
        report = mailexpert.diagnose(
            t.email, imap=settings.get("imap"), pop3=settings.get("pop3"), smtp=settings.get("smtp"),
            username=t.username, password=t.password, dns_servers=t.dns_servers, reference_dns=t.reference_dns,
            connect_to=t.connect_to, ca_file=t.ca_file, web_urls=t.web_urls, timeout=STEP_TIMEOUT,
            allowed_networks=["127.0.0.0/8", "::1/128"])
        return report, time.monotonic() - start, lab


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_hostile_server_is_diagnosed(case):
    _, settings, faults, cause, words = case
    report, elapsed, lab = diagnose_on_lab(settings, faults)
    assert elapsed <= LIMIT, elapsed
    assert report.exit_status == 1
    top = report.top
    causes = cause if isinstance(cause, tuple) else (cause,)
    assert top is not None and top.cause in causes, [(d.cause, d.summary) for d in report.diagnoses]
    assert top.severity == "error"
    for word in words:
        assert word.casefold() in top.summary.casefold(), top.summary  # protocols read as SMTP, IMAP
    # Never the password in cleartext; at most one login per service.
    assert sum(s.cleartext_logins for s in lab.servers.values()) == 0
    assert all(lab.login_attempts(p) <= 1 for p in ("smtp", "imap", "pop3"))
