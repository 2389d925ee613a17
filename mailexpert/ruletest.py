"""Running each rule's own examples: the facts on which it must fire, and stay silent.

Examples run against the whole rule base, not the rule alone, so that an example may
rely on facts other rules derive (``web.works``, ...) exactly as a real diagnosis does.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from mailexpert.engine import RuleBase, SessionOutcome
from mailexpert.rulefile import DiagnosisSpec, Example, Rule


@attrs.frozen
class ExampleResult:
    rule: Rule
    expectation: str  # "fires" or "silent"
    index: int
    example: Example
    passed: bool
    detail: str

    @property
    def location(self) -> str:
        return f"{self.rule.path}:{self.example.line or self.rule.line}"

    @property
    def label(self) -> str:
        name = f" ({self.example.name})" if self.example.name else ""
        return f"{self.rule.id} {self.expectation}[{self.index}]{name}"


def fired(rule: Rule, outcome: SessionOutcome) -> list[str]:
    """What this rule concluded in the outcome, in words (empty: it stayed silent)."""
    return [entry.result for entry in outcome.trace if entry.rule_id == rule.id]


def run_examples(rulebase: RuleBase) -> Iterator[ExampleResult]:
    for rule in rulebase.rules:
        for expectation, examples in (("fires", rule.fires), ("silent", rule.silent)):
            for index, example in enumerate(examples):
                yield check_example(rulebase, rule, expectation, index, example)


def check_example(rulebase: RuleBase, rule: Rule, expectation: str, index: int, example: Example) -> ExampleResult:
    outcome = rulebase.run(example.facts)
    results = fired(rule, outcome)
    if expectation == "silent":
        passed = not results
        detail = "stayed silent" if passed else f"fired: {'; '.join(results)}"
    else:
        passed = bool(results)
        detail = f"fired: {'; '.join(results)}" if passed else "did not fire"
        if passed and example.summary_contains is not None and isinstance(rule.consequence, DiagnosisSpec):
            from mailexpert.report import render_summary

            summaries = [render_summary(f) for f in outcome.firings if f.rule.id == rule.id]
            if not any(example.summary_contains in s for s in summaries):
                passed = False
                detail = f"summary {summaries!r} lacks {example.summary_contains!r}"
    return ExampleResult(rule, expectation, index, example, passed, detail)
