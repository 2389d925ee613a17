"""Every rule's own examples: it fires where it says it fires, and stays silent on near misses."""

from __future__ import annotations

import pytest

from mailexpert.commands.ruletest import run_examples
from mailexpert.engine import RuleBase
from mailexpert.rulefile import lint

RULEBASE = RuleBase.load()
RESULTS = list(run_examples(RULEBASE))


def test_builtin_rules_lint_clean() -> None:
    assert [str(e) for e in lint()] == []


@pytest.mark.parametrize("result", RESULTS, ids=[r.label for r in RESULTS])
def test_rule_example(result) -> None:
    assert result.passed, f"{result.location}: {result.label}: {result.detail}"


def test_every_rule_has_a_near_miss() -> None:
    """A silent example is a near miss when it has a fact of a kind the rule fires on: a
    slightly different observation, not an unrelated one (which proves nothing)."""
    far = []
    for rule in RULEBASE.rules:
        fired_kinds = [{f.kind for f in example.facts} for example in rule.fires]
        if not any({f.kind for f in s.facts} & kinds for s in rule.silent for kinds in fired_kinds):
            far.append(rule.id)
    assert far == []
