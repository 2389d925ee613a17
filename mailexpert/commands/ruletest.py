"""Running each rule's own examples: the facts on which it must fire, and stay silent.

Examples run against the whole rule base, not the rule alone, so that an example may
rely on facts other rules derive (``web.works``, ...) exactly as a real diagnosis does.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import attrs

from mailexpert.engine import RuleBase
from mailexpert.facts import Fact
from mailexpert.reasoning import SessionOutcome, superseded
from mailexpert.rulemodel import DiagnosisSpec, Example, FieldTest, Pattern, Ref, Rule


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
        """``file:line:column`` of the example (of the rule, for an example without a position)."""
        if self.example.line is not None:
            return f"{self.rule.path}:{self.example.line}:{self.example.column or 1}"
        return f"{self.rule.path}:{self.rule.line}:{self.rule.column}"

    @property
    def label(self) -> str:
        """The rule, as lint names it, and which of its examples."""
        name = f" ({self.example.name})" if self.example.name else ""
        return f"[{self.rule.id}] {self.expectation}[{self.index}]{name}"


def fired(rule: Rule, outcome: SessionOutcome) -> list[str]:
    """What this rule concluded in the outcome, in words (empty: it stayed silent, or what it
    concluded was withdrawn because another cause superseded the cause it serves)."""
    return [entry.result for entry in outcome.trace if entry.rule_id == rule.id and entry.withdrawn_by is None]


def run_examples(rulebase: RuleBase) -> Iterator[ExampleResult]:
    for rule in rulebase.rules:
        for expectation, examples in (("fires", rule.fires), ("silent", rule.silent)):
            for index, example in enumerate(examples):
                yield check_example(rulebase, rule, expectation, index, example)


def check_example(rulebase: RuleBase, rule: Rule, expectation: str, index: int, example: Example) -> ExampleResult:
    outcome = rulebase.run(example.facts)
    results = fired(rule, outcome)
    if expectation == "silent":
        # A diagnosis that a cause found beside it supersedes is that cause's symptom: the
        # more specific cause wins, which is what a near miss of this kind says.
        by = superseded(outcome.firings).get(rule.cause or rule.id) if rule.kind == "diagnosis" else None
        passed = not results or by is not None
        detail = ("stayed silent" if not results else f"superseded by {by}") if passed else f"fired: {'; '.join(results)}"
    else:
        passed = bool(results)
        detail = f"fired: {'; '.join(results)}" if passed else "did not fire: " + why_silent(
            rule, (*example.facts, *outcome.derived))
        if passed and example.summary_contains is not None and isinstance(rule.consequence, DiagnosisSpec):
            from mailexpert.report import render_summary

            summaries = [render_summary(f) for f in outcome.firings if f.rule.id == rule.id]
            if not any(example.summary_contains in s for s in summaries):
                passed = False
                detail = f"summary {summaries!r} lacks {example.summary_contains!r}"
    return ExampleResult(rule, expectation, index, example, passed, detail)


# --- why an example did not fire ---------------------------------------------------------

def _passes(test: FieldTest, f: Fact, bound: Mapping[str, Fact]) -> bool:
    operand = None
    if isinstance(test.value, Ref):
        other = bound.get(test.value.alias)
        operand = other.get(test.value.field) if other is not None else None
    return test.holds(f.get(test.field), operand)


def why_silent(rule: Rule, facts: Sequence[Fact]) -> str:
    """The first condition no fact satisfied, and the fact that came closest (fewest failed tests)."""
    reasons = [_why_branch(rule, branch, facts) for branch in rule.when.branches()]
    return reasons[0] if len(reasons) == 1 else " | ".join(f"branch {i + 1}: {r}" for i, r in enumerate(reasons))


def _why_branch(rule: Rule, branch: Sequence[Pattern], facts: Sequence[Fact]) -> str:
    bound: dict[str, Fact] = {}
    for n, pattern in enumerate(branch, 1):
        candidates = [f for f in facts if f.kind == pattern.kind]
        match = next((f for f in candidates if all(_passes(t, f, bound) for t in pattern.tests)), None)
        if match is not None:
            if pattern.alias:
                bound[pattern.alias] = match
            continue
        where = f"condition {n} ({pattern}) matched no fact"
        if not candidates:
            kinds = sorted({f.kind for f in facts})
            return f"{where}: there is no {pattern.kind} fact (there are: {', '.join(kinds) or 'none'})"
        failed = {f: [t for t in pattern.tests if not _passes(t, f, bound)] for f in candidates}
        closest = min(candidates, key=lambda f: len(failed[f]))
        misses = "; ".join(f"{t}, but it is {closest.get(t.field)!r}" for t in failed[closest])
        return f"{where}; closest: {closest!r}: {misses}"
    for pattern in rule.when.none:
        hit = next((f for f in facts if f.kind == pattern.kind
                    and all(_passes(t, f, bound) for t in pattern.tests)), None)
        if hit is not None:
            return f"'none' condition ({pattern}) is met by {hit!r}"
    return "every condition is met in isolation; the rule base did not fire it (a cycle or an action error?)"
