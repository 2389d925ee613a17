"""What the real-server tests assert of a diagnosis: a broken setting reported as broken, its cause first."""

from __future__ import annotations

from mailexpert.report import Report


def top_error(report: Report, cause: str, rule: str | None = None) -> str:
    """Assert the report is not healthy and ``cause`` (by ``rule``) comes first; its summary."""
    roots = [f"{d.cause}/{d.rule}: {d.summary}" for d in report.diagnoses if not d.superseded_by]
    assert report.exit_status == 1, roots
    top = report.top
    assert top is not None and top.severity == "error" and top.cause == cause, roots
    assert rule is None or top.rule == rule, roots
    return top.summary
