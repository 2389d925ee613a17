"""A diagnosis whose global deadline cuts the mail sessions short never reports a healthy account.

The collection runs every probe under one global deadline (``DiagnoseOptions.deadline``, by
default ``max(3 * timeout, timeout + 5)`` seconds); when it passes, the probes still running
are cancelled. A session cancelled before its first failing step left nothing that fails --
at most a greeting -- so on a loaded computer the lab case "auth-requires-tls" (IMAP
LOGINDISABLED, SMTP 530 "Must issue a STARTTLS command first") once came out with no
diagnosis and nothing unexplained, which the text report prints as "No problem found".

Here the deadline is made far shorter than one session (tens of milliseconds, against a step
timeout of a second), so the sessions are cut short on any computer: each configured server
must still say how its login went or why none was made, and the report must not call the
account healthy. The lab's real servers answer on loopback; nothing is mocked.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mailexpert.lab import Lab
from mailexpert.pipeline import diagnose
from mailexpert.render import CUT_SHORT_HEADING, render_markdown, render_text
from mailexpert.report import Report


@pytest.fixture(scope="module")
def broken_lab() -> Iterator[Lab]:
    """The lab case of the flaky feature: the servers refuse any login without TLS."""
    with Lab(scenario="auth-requires-tls") as running:
        yield running


def _diagnose(lab: Lab, deadline: float) -> Report:
    options = lab.target.diagnose_options(timeout=1.0)
    options["answers"] = {}
    options["deadline"] = deadline
    return diagnose(lab.target.email, **options)


@pytest.mark.parametrize("deadline", [0.01, 0.04])
def test_sessions_cut_by_the_deadline_are_reported(broken_lab: Lab, deadline: float) -> None:
    report = _diagnose(broken_lab, deadline)
    settings = {(f["protocol"], f["host"], f["port"]) for f in report.facts if f.kind == "account.setting"}
    logins = {(f["protocol"], f["host"], f["port"]): f for f in report.facts if f.kind == "login.result"}
    assert settings == {("imap", "mail.example.test", 143), ("smtp", "mail.example.test", 587)}
    # Every session ends with its login's outcome, or why none was sent -- also one the deadline cut.
    assert settings <= set(logins), f"no login.result for {sorted(settings - set(logins))}"
    # The account is broken: whatever the sessions got to see, the report must not call it healthy.
    text = render_text(report)
    assert "No problem found" not in text, text
    assert report.has_errors and report.exit_status == 1, text
    cut = [f for f in logins.values() if f.get("skipped_reason") == "deadline"]
    for login in cut:
        # A session the deadline cut is shown as an incomplete check, or explained by a diagnosis.
        assert login in report.unexplained or any(login in d.explains for d in report.root_causes), text
        assert "cut short by the diagnosis's deadline" in text, text
    if any(f in report.unexplained for f in cut):
        # Said as a check that did not finish, not as the server's failure to report to its provider.
        assert CUT_SHORT_HEADING in text and CUT_SHORT_HEADING in render_markdown(report), text
    assert cut or any(d.cause == "auth-requires-tls" for d in report.root_causes), text


def test_a_session_that_ends_in_time_is_not_marked_cut(broken_lab: Lab) -> None:
    """The deadline's mark is for sessions it cancelled only: with time enough, none."""
    report = _diagnose(broken_lab, 6.0)
    assert not [f for f in report.facts if f.kind == "login.result" and f.get("skipped_reason") == "deadline"]
    assert report.root_causes and report.root_causes[0].cause == "auth-requires-tls"
