"""A world where the mail host has IPv6 addresses only: the lab's DNS servers (real servers on
loopback) answer AAAA ::1 and no A record, and the mail servers listen on ::1 alone."""

from __future__ import annotations

import pytest

from mailexpert.lab import Fault, Lab
from mailexpert.pipeline import diagnose
from mailexpert.report import Report

IPV6_ONLY = Fault("ipv6", "mail", "only")


def _diagnose(*faults: Fault) -> Report:
    with Lab(faults=(IPV6_ONLY, *faults)) as lab:
        return diagnose(lab.target.email, **lab.target.diagnose_options(timeout=2.0))


def _connects(report: Report) -> set[tuple[str | None, str | None]]:
    return {(f.get("address"), f.get("outcome")) for f in report.facts
            if f.kind == "tcp.connect" and f.get("host") == "mail.example.test"}


def test_an_ipv6_only_server_that_serves_is_healthy() -> None:
    report = _diagnose()
    assert _connects(report) == {("::1", "connected")}
    assert [f.get("outcome") for f in report.facts if f.kind == "dns.answer"
            and f.get("name") == "mail.example.test" and f.get("rrtype") == "A"] == ["nodata", "nodata"]
    assert sorted(f.get("outcome") for f in report.facts if f.kind == "login.result") == ["success", "success"]
    errors = [f"{d.cause}: {d.summary}" for d in report.diagnoses if d.severity == "error"]
    assert report.exit_status == 0 and not errors and not report.unexplained, (errors, report.unexplained)


@pytest.mark.parametrize(("fault", "cause", "rule", "words"), [
    # Nothing listens on ::1: the server refuses, the path works.
    ("closed", "port-closed", "port-closed", "refuses the connection"),
    # IPv6 is dropped on the way: the server has no other address to fall back to.
    ("filtered", "all-mail-ports-blocked", "all-mail-ports-blocked-ipv6-only", "IPv6 addresses only"),
])
def test_an_ipv6_only_server_that_does_not_serve_names_the_cause(fault: str, cause: str, rule: str,
                                                                words: str) -> None:
    report = _diagnose(Fault(fault, "mail/v6:*"))
    assert report.exit_status == 1
    top = report.top
    assert top is not None and (top.cause, top.rule) == (cause, rule), top
    assert words in top.summary
