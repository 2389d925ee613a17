"""Diagnosing from facts: the library entry point shared by ``replay``, ``explain`` and ``diagnose``.

Builds (or reuses) a rule base, reasons over the facts with optional follow-up probes and
answers, and returns the :class:`~mailexpert.report.Report`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from mailexpert.engine import RuleBase
from mailexpert.facts import Fact
from mailexpert.reasoning import Answerer, ProbeRunner, reason
from mailexpert.report import Report, build_report

_lock = threading.Lock()
#: The rule base of each set of user folders, with the state of their files it was loaded from.
_loaded: dict[tuple[str, ...], tuple[tuple[tuple[str, int, int], ...], RuleBase]] = {}


def _files_state(folders: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """Each rule file and causes.yaml of the folders with its size and modification time: what
    tells an edited folder (a rule changed in an editor while a program or notebook runs)."""
    from mailexpert.causes import causes_files
    from mailexpert.rulefile import rule_files

    if not folders:
        return ()
    state = []
    for path in (*rule_files(folders), *causes_files(folders)):
        try:
            st = path.stat()
        except OSError:
            state.append((str(path), -1, -1))  # loading it says what is wrong
            continue
        state.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(state)


def load_rulebase(rule_folders: Sequence[str | Path] = (), *, builtin: bool = True) -> RuleBase:
    """The built-in rules plus user rule folders. Loaded once per process for the same folders,
    and again when a file in them changed (or one was added or removed)."""
    if not builtin:
        return RuleBase.load(list(rule_folders))
    folders = tuple(str(Path(f).resolve()) for f in rule_folders)
    with _lock:
        state = _files_state(folders)
        kept = _loaded.get(folders)
        if kept is not None and kept[0] == state:
            return kept[1]
        rulebase = RuleBase.load(extra=folders)
        _loaded[folders] = (state, rulebase)
        return rulebase


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
