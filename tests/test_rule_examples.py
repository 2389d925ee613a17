"""Every rule's own examples: it fires where it says it fires, and stays silent on near misses."""

from __future__ import annotations

import pytest

from mailexpert.engine import RuleBase
from mailexpert.rulefile import lint
from mailexpert.ruletest import run_examples

RULEBASE = RuleBase.load()
RESULTS = list(run_examples(RULEBASE))


def test_builtin_rules_lint_clean() -> None:
    assert [str(e) for e in lint()] == []


@pytest.mark.parametrize("result", RESULTS, ids=[r.label for r in RESULTS])
def test_rule_example(result) -> None:
    assert result.passed, f"{result.location}: {result.label}: {result.detail}"


def test_every_rule_has_a_near_miss() -> None:
    assert all(rule.silent for rule in RULEBASE.rules)
