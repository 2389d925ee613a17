"""A pasted text of several lines is read whole, in the order it was written: a failure on an
earlier line that explains the later line's generic failure is the cause (a failed TLS handshake or
a program without TLS before AUTH or MAIL refused on a session without TLS; a certificate refused
before "login failed"; a failure named before a reply no rule reads). mailexpert/data/evidence-order.yaml
``explained_by_earlier`` states which causes explain which; mailexpert/explain.py ``_earlier_cause``
applies it."""

from __future__ import annotations

import pytest

from mailexpert import rulecache
from mailexpert.causes import cause_catalogue
from mailexpert.explain import EVIDENCE_ORDER_FILE, explain


def _top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


@pytest.mark.parametrize(("text", "cause"), [
    # A program built without TLS, then the server's refusal of AUTH on the plain session
    # (heirloom mailx / s-nail's words, Postfix's 503 where smtpd_tls_auth_only is set).
    ("s-nail: No SSL support compiled in.\n"
     "s-nail: SMTP server: 503 5.5.1 Error: authentication not enabled", "client-outdated"),
    # A certificate the client refused, then the server's demand for STARTTLS or a login.
    ("msmtp: TLS certificate verification failed: the certificate has expired\n"
     "msmtp: server message: 530 5.7.0 Must issue a STARTTLS command first", "cert-expired"),
    ("SSL routines:tls_process_server_certificate:certificate verify failed (unable to get local issuer certificate)\n"
     "530 5.7.0 Authentication required", "cert-untrusted-issuer"),
    # A server's log: the handshake failed on the TLS version, then a reply no rule reads.
    ("2024-01-01 10:00:01 TLS error on connection from client.example.net [198.51.100.7] (SSL_accept): "
     "error:0A000102:SSL routines::unsupported protocol\n"
     "2024-01-01 10:00:03 H=client.example.net [198.51.100.7] rejected MAIL <a@example.net>: 554 Security failure",
     "tls-version-client-outdated"),
])
def test_an_earlier_failure_explains_the_later_generic_one(text: str, cause: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause == cause
    assert any("earlier line" in note for note in report.notes)
    # The later line's own reading is kept, as the consequence of the earlier failure.
    later = explain(text.splitlines()[-1]).top
    assert later is not None
    kept = [d for d in report.diagnoses if d.cause == later.cause]
    assert kept and kept[0].superseded_by is not None and not kept[0].is_root


@pytest.mark.parametrize(("text", "cause"), [
    # The later line alone: no earlier line to read.
    ("s-nail: SMTP server: 503 5.5.1 Error: authentication not enabled", "smtp-auth-not-enabled"),
    # The failure named after the refusal is no earlier step: the order of the lines counts.
    ("503 5.5.1 Error: authentication not enabled\nNo SSL support compiled in.", "smtp-auth-not-enabled"),
    # A warning read only by its words (a guess: 'possible') says nothing of an earlier failure.
    ("WARNING: The command 'Send-MailMessage' is obsolete. This cmdlet does not guarantee secure connections to "
     "SMTP servers.\nThe SMTP server requires a secure connection or the client was not authenticated. The server "
     "response was: 5.7.1 Client was not authenticated", "smtp-auth-not-enabled"),
])
def test_a_later_refusal_stays_the_cause_without_an_earlier_failure_that_explains_it(text: str, cause: str) -> None:
    assert _top(text) == cause


def test_an_earlier_cause_the_table_does_not_list_does_not_override() -> None:
    # A login refused after a session that went on: a wrong password is no consequence of a name
    # that resolved late; nor is a refusal of the password explained by an earlier refused login.
    text = ("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] Dovecot ready.\n"
            "a1 NO [AUTHENTICATIONFAILED] Authentication failed.\n"
            "a2 NO [AUTHENTICATIONFAILED] Authentication failed.")
    assert _top(text) == "password-rejected"


def test_the_table_names_only_catalogued_causes_each_row_with_its_sources() -> None:
    known = set(cause_catalogue())
    rows = rulecache.data_file(EVIDENCE_ORDER_FILE)["explained_by_earlier"]
    assert rows
    for row in rows:
        assert set(row["later"]) <= known and set(row["earlier"]) <= known, row["id"]
        assert not set(row["later"]) & set(row["earlier"]), row["id"]  # a cause explains no copy of itself
        assert row["sources"], row["id"]


def test_only_the_lines_just_before_are_read_for_an_earlier_failure() -> None:
    # The session the later line belongs to stands just before it; a failure further back in a long
    # log (MAX_EARLIER_SCAN characters) is another session's.
    from mailexpert.explain import MAX_EARLIER_SCAN

    failure = "msmtp: TLS certificate verification failed: the certificate has expired\n"
    filler = "".join(f"2024-01-01 10:00:00 CLIENT -> SERVER: NOOP {i}\n" for i in range(MAX_EARLIER_SCAN // 40 + 10))
    refusal = "msmtp: server message: 530 5.7.0 Must issue a STARTTLS command first"
    assert _top(failure + refusal) == "cert-expired"
    assert _top(failure + filler + refusal) == "auth-requires-tls"
