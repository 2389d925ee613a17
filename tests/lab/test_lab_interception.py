"""Interception or the server's own certificate: an interceptor re-signs with one issuer
everything it scans, the mail server and the web alike; a server's private CA signs only the
server (tests/lab/test_real_misconfig.py: a private CA on one service of a real server)."""

from __future__ import annotations

import pytest

from mailexpert.lab import Fault, Lab
from mailexpert.pipeline import diagnose
from mailexpert.report import Report


def _diagnose(*faults: Fault) -> Report:
    with Lab(faults=list(faults)) as lab:
        return diagnose(lab.target.email, **lab.target.diagnose_options(timeout=3.0))


def _roots(report: Report) -> list[str]:
    return [f"{d.cause}/{d.rule}" for d in report.diagnoses if d.is_root and d.severity == "error"]


def test_one_untrusted_issuer_on_the_mail_server_and_the_web_is_interception() -> None:
    report = _diagnose(Fault("cert", "*:*", "untrusted"))
    assert report.exit_status == 1
    top = report.top
    assert top is not None and (top.cause, top.rule) == ("tls-interception", "tls-interception-same-issuer-web"), \
        _roots(report)
    assert "signs both mail.example.test:" in top.summary and "the web site web.example.test" in top.summary
    assert [d.superseded_by for d in report.diagnoses if d.cause == "cert-untrusted-issuer"] == ["tls-interception"]


@pytest.mark.parametrize("where", ["mail:*", "mail:993"])
def test_an_untrusted_issuer_on_the_mail_server_only_is_its_own_certificate(where: str) -> None:
    report = _diagnose(Fault("cert", where, "untrusted"))
    assert report.exit_status == 1
    assert report.top is not None and report.top.cause == "cert-untrusted-issuer", _roots(report)
    assert "tls-interception" not in {d.cause for d in report.diagnoses if d.is_root}
