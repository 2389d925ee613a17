"""Stratified negation: the order in which rules with ``none`` may be evaluated.

durable_rules evaluates an absence test (``NAME$not``) at the moment a fact arrives, and
never takes a firing back when the missing fact arrives later — even within one
``assert_facts`` batch (verified in tests/test_engine.py). So a rule that says "no
``web.works``" must not be evaluated until every rule that could derive ``web.works`` has
finished. The classic answer is stratification (as in Datalog): a rule's stratum is at
least the stratum of every kind it reads, and strictly greater than the stratum of every
kind it negates; base facts are stratum 0. The engine then releases strata one at a time.
A cycle through negation has no stratification and is a rule-base error.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mailexpert.rulemodel import Rule


class StratificationError(Exception):
    def __init__(self, message: str, rule: Rule) -> None:
        self.rule = rule
        super().__init__(message)


def stratify(rules: Sequence[Rule]) -> dict[str, int]:
    """Map each rule id to its stratum; raise StratificationError on a cycle through negation."""
    producers: dict[str, list[Rule]] = {}
    for rule in rules:
        if rule.produces:
            producers.setdefault(rule.produces, []).append(rule)
    rule_stratum = {rule.id: 0 for rule in rules}

    def kind_stratum(kind: str) -> int:
        return max((rule_stratum[r.id] for r in producers.get(kind, ())), default=0)

    limit = len(rules) + 1
    changed = True
    while changed:
        changed = False
        for rule in rules:
            positive, negative = rule.when.kinds()
            need = max((kind_stratum(k) for k in positive), default=0)
            if negative:
                need = max(need, max(kind_stratum(k) + 1 for k in negative))
            if need > rule_stratum[rule.id]:
                if need > limit:
                    raise StratificationError(
                        "rules form a cycle through 'none': a rule depends on the absence of a fact "
                        "that it (or a rule it feeds) derives",
                        rule,
                    )
                rule_stratum[rule.id] = need
                changed = True
    return rule_stratum
