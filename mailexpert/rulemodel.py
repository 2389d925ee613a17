"""The rule model: what a rule file means once it is checked, as frozen values.

:mod:`mailexpert.rulefile` makes these from YAML (checked by :mod:`mailexpert.rulecheck`),
:mod:`mailexpert.rulecache` stores them, :mod:`mailexpert.engine` compiles them. A rule is
one condition (``all`` patterns, alternatives of ``any``, ``none``) and one consequence.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Mapping
from typing import Any

import attrs

from mailexpert.facts import Fact

SEVERITIES = ("error", "warning", "info")
COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")
#: Every operator a field test may use (and ``ref``, a field of a fact bound earlier).
OPERATORS = (*COMPARISONS, "in", "not_in", "matches", "exists")


# --- the rule model -----------------------------------------------------------------


@attrs.frozen
class Ref:
    """A reference to a field of a fact bound earlier in the rule: ``{ref: alias.field}``."""

    alias: str
    field: str

    def __str__(self) -> str:
        return f"{self.alias}.{self.field}"


@attrs.frozen
class FieldTest:
    """One test of one field: ``op`` is eq, ne, lt, le, gt, ge, in, not_in, matches or exists."""

    field: str
    op: str
    value: Any  # a scalar, a Ref, a tuple (in/not_in), a regex text (matches) or a bool (exists)

    def holds(self, value: Any, operand: Any = None) -> bool:
        """The engine's meaning of this test on a field's ``value`` (None: the field is absent):
        every comparison is false on an absent field. ``operand`` is what a :class:`Ref` names
        (None: nothing bound, and the test is false); a constant operand is the test's own."""
        if self.op == "exists":
            return bool((value is not None) == self.value)
        if not isinstance(self.value, Ref):
            operand = self.value
        if value is None or operand is None:
            return False
        try:
            if self.op in _COMPARE:
                return bool(_COMPARE[self.op](value, operand))
            if self.op == "in":
                return value in operand
            if self.op == "not_in":
                return value not in operand
            return re.search(operand, str(value)) is not None
        except TypeError:
            return False

    def __str__(self) -> str:
        if self.op == "exists":
            return f"{self.field} {'present' if self.value else 'absent'}"
        if self.op in _WORDS:
            shown = str(self.value) if isinstance(self.value, Ref) else repr(self.value)
            return f"{self.field} {_WORDS[self.op]} {shown}"
        return f"{self.field} {self.op.replace('_', ' ')} {self.value!r}"


_COMPARE = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le, "gt": operator.gt,
            "ge": operator.ge}
_WORDS = {"eq": "=", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}


@attrs.frozen
class Pattern:
    kind: str
    alias: str | None
    tests: tuple[FieldTest, ...]
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.kind}" + (f" as {self.alias}" if self.alias else "") + (
            f" where {', '.join(map(str, self.tests))}" if self.tests else "")


@attrs.frozen
class Condition:
    """``all`` patterns, then one alternative of ``any`` (each a tuple of patterns), and no ``none``."""

    all: tuple[Pattern, ...]
    any: tuple[tuple[Pattern, ...], ...]
    none: tuple[Pattern, ...]

    def branches(self) -> list[tuple[Pattern, ...]]:
        """The positive patterns of each alternative (one branch when there is no ``any``)."""
        if not self.any:
            return [self.all]
        return [self.all + alternative for alternative in self.any]

    def kinds(self) -> tuple[set[str], set[str]]:
        positive = {p.kind for p in self.all} | {p.kind for alt in self.any for p in alt}
        return positive, {p.kind for p in self.none}


@attrs.frozen
class DiagnosisSpec:
    summary: str
    explanation: str
    fix: tuple[str, ...]
    references: tuple[str, ...] = ()


@attrs.frozen
class DeriveSpec:
    kind: str
    fields: Mapping[str, Any]  # scalar, template text or Ref


@attrs.frozen
class ProbeSpec:
    name: str
    args: Mapping[str, Any]
    why: str = ""


@attrs.frozen
class AskSpec:
    question: str
    text: str
    choices: tuple[str, ...] = ()
    why: str = ""


@attrs.frozen
class Example:
    facts: tuple[Fact, ...]
    name: str = ""
    summary_contains: str | None = None
    line: int | None = None
    column: int | None = None


@attrs.frozen
class Rule:
    id: str
    cause: str | None  # the catalogue cause of a diagnosis rule; None for the others
    title: str
    area: str
    severity: str | None
    confidence: str | None
    when: Condition
    consequence: DiagnosisSpec | DeriveSpec | ProbeSpec | AskSpec
    supersedes: tuple[str, ...]
    fires: tuple[Example, ...]
    silent: tuple[Example, ...]
    path: str
    line: int = 1
    column: int = 1  # where the rule starts: an item of a family's ``rules`` list is indented
    #: ``for:`` the cause whose situation this rule reasons about (a question that tells its
    #: variants apart, a finer reading of it); withdrawn when another cause supersedes that one.
    serves: str | None = None

    @property
    def kind(self) -> str:
        return {DiagnosisSpec: "diagnosis", DeriveSpec: "derive", ProbeSpec: "probe", AskSpec: "ask"}[
            type(self.consequence)
        ]

    @property
    def produces(self) -> str | None:
        """The fact kind this rule asserts, if it derives one."""
        return self.consequence.kind if isinstance(self.consequence, DeriveSpec) else None


@attrs.frozen
class Cause:
    """A cause declared in a rule folder's ``causes.yaml``: what the user reads as its name."""

    id: str
    area: str
    title: str
    fix: str
    severity: str | None = None  # the default severity of the rules that diagnose it
    path: str = ""
    line: int | None = None
    builtin: bool = False
    #: Only says what kind of failure it is: any specific cause found beside it explains it.
    fallback: bool = False
    column: int | None = None  # of the id, with ``line``: where lint points


@functools.cache
def _codec() -> Any:
    """The classes a cached rule may be made of (see :mod:`mailexpert.rulecache`)."""
    from mailexpert.rulecache import Codec

    return Codec([Ref, FieldTest, Pattern, Condition, DiagnosisSpec, DeriveSpec, ProbeSpec, AskSpec, Example, Rule, Fact])
