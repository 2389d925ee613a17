"""A probe step whose time the diagnosis's global deadline capped, and that ran out of it, is
cut short by our clock: no evidence about the network or the server.

Each step may take the step timeout (``--timeout``), never past the global deadline
(``DiagnoseOptions.deadline``, by default ``max(3 * timeout, timeout + 5)``): a step that
starts with less time left than its timeout gets only what is left (ProbeContext.step_timeout).
When that shortened time runs out, the step did not get the time a mail program would give
it, so its silence says nothing: its fact reads ``deadline``, never ``timeout``, the rules that
read a timeout as a blocked port, a dead resolver, a lossy path or a silent server do not
fire on it, and the report lists it under "Not finished" with a non-zero exit status, never
"No problem found". A step whose own step timeout ran out (not capped) stays ``timeout``
and reads as before.

Here the lab's real servers and resolvers on loopback stall as a blocked network does (SYNs
dropped, DNS queries unanswered, connections that hang). With a step timeout of 5 s and a
global deadline of 1 s every step is capped, so every stall ends at the deadline; with a step
timeout of 1 s and the default deadline none is, and each case reads as its own cause.
Nothing is mocked.
"""

from __future__ import annotations

import pytest

from mailexpert.lab import SCENARIOS, Lab
from mailexpert.pipeline import diagnose
from mailexpert.render import CUT_SHORT_HEADING, render_markdown, render_text
from mailexpert.report import Report

#: Causes read from a step that got no answer in time: a blocked or lossy path, a dead
#: resolver, a silent server. None may come from steps the diagnosis's own deadline cut.
TIMEOUT_READINGS = frozenset({
    "no-internet", "packet-loss", "all-mail-ports-blocked", "port-blocked-outbound", "smtp-port25-blocked",
    "server-ip-blocked", "proxy-only-web", "vpn-interference", "high-latency", "dns-blocked", "dns-outage",
    "dns-server-misconfigured", "server-unavailable", "server-protocol-error",
})
#: The fields of probe facts that say a step got no answer in time ("silence": a greeting).
_NO_ANSWER = {"dns.answer": "outcome", "tcp.connect": "outcome", "tls.handshake": "outcome",
              "web.fetch": "outcome", "service.greeting": "spoken", "service.failure": "failure",
              "starttls.result": "outcome"}
_NO_ANSWER_VALUES = ("timeout", "silence", "no-reply")

#: Lab cases whose servers or resolvers stall: each is read from timeouts alone. (Not
#: "packet-loss": its connections also get reset, which is evidence whatever the deadline.)
STALLING = ("dns-blocked", "all-mail-ports-blocked", "port-blocked-outbound", "no-internet")


def _diagnose(lab: Lab, *, timeout: float, deadline: float | None) -> Report:
    options = lab.target.diagnose_options(timeout=timeout)
    options["answers"] = {}
    if deadline is not None:
        options["deadline"] = deadline
    return diagnose(lab.target.email, **options)


def _no_answer(report: Report) -> list[str]:
    return [repr(f) for f in report.facts if f.kind in _NO_ANSWER and f.get("source") != "pasted"
            and f.get(_NO_ANSWER[f.kind]) in _NO_ANSWER_VALUES]


@pytest.mark.parametrize("case", STALLING)
def test_steps_cut_by_the_deadline_name_no_network_cause(case: str) -> None:
    with Lab(scenario=case) as lab:
        report = _diagnose(lab, timeout=5.0, deadline=1.0)
    text = render_text(report)
    # Every step had less than its 5 s: none of them timed out in its own time.
    assert not _no_answer(report), "\n".join(_no_answer(report))
    named = [d.cause for d in report.root_causes]
    assert not TIMEOUT_READINGS & set(named), text
    cut = [f for f in report.facts if f.get("outcome") == "deadline" or f.get("skipped_reason") == "deadline"]
    assert cut, text
    # A check that did not finish: said as such, never as a healthy account.
    assert "No problem found" not in text, text
    assert report.has_errors and report.exit_status == 1, text
    assert CUT_SHORT_HEADING in text and CUT_SHORT_HEADING in render_markdown(report), text
    assert "cut short by the diagnosis's deadline" in text, text


@pytest.mark.parametrize("case", STALLING)
def test_a_stall_within_the_step_timeout_reads_as_before(case: str) -> None:
    """The same stalls with the step timeout running out first (1 s against the default
    deadline of 6 s): real timeouts, each case read as its own cause, nothing cut."""
    with Lab(scenario=case) as lab:
        report = _diagnose(lab, timeout=1.0, deadline=None)
    text = render_text(report)
    assert _no_answer(report), text
    assert not [f for f in report.facts if f.get("outcome") == "deadline" or f.get("skipped_reason") == "deadline"]
    assert report.root_causes and report.root_causes[0].cause == SCENARIOS[case].expected_cause, text
    assert CUT_SHORT_HEADING not in text, text
