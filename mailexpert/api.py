"""Diagnosing from facts: the library entry point shared by ``replay``, ``explain`` and ``diagnose``.

Builds (or reuses) a rule base, reasons over the facts with optional follow-up probes and
answers, and returns the :class:`~mailexpert.report.Report`.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from mailexpert.engine import RuleBase
from mailexpert.facts import Fact
from mailexpert.reasoning import Answerer, ProbeRunner, reason
from mailexpert.report import Report, build_report

_lock = threading.Lock()


@functools.cache
def _cached_rulebase(folders: tuple[str, ...]) -> RuleBase:
    return RuleBase.load(extra=folders)


def load_rulebase(rule_folders: Sequence[str | Path] = (), *, builtin: bool = True) -> RuleBase:
    """The built-in rules plus user rule folders. Built-in + the same folders are loaded once per
    process; call :meth:`RuleBase.load` directly to force a reload after editing rule files."""
    if not builtin:
        return RuleBase.load(list(rule_folders))
    with _lock:
        return _cached_rulebase(tuple(str(Path(f).resolve()) for f in rule_folders))


def diagnose_facts(
    facts: Iterable[Fact],
    *,
    rulebase: RuleBase | None = None,
    rule_folders: Sequence[str | Path] = (),
    runner: ProbeRunner | None = None,
    answers: Mapping[str, str] | None = None,
    answerer: Answerer | None = None,
    account: Mapping[str, Any] | None = None,
    timings: Mapping[str, int] | None = None,
    notes: Sequence[str] = (),
    max_rounds: int = 4,
) -> Report:
    """Reason over the facts (in a fresh engine session per round) and build the report."""
    rulebase = rulebase or load_rulebase(rule_folders)
    reasoning = reason(rulebase, facts, runner=runner, answers=answers, answerer=answerer, max_rounds=max_rounds)
    return build_report(reasoning, account=account, timings=timings, notes=notes)
