"""Reasoning to a fixed point: rounds of engine sessions, follow-up probes and questions.

:func:`reason` runs the rule base (:mod:`mailexpert.engine`) over the facts, hands the probe
requests rules make to a runner and their questions to an answerer (or takes the answers
given), and reasons again over everything known, until nothing new arrives or the round
limit is reached. The values here are what a session and a whole reasoning produce; none
of them depends on durable_rules.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from mailexpert import order
from mailexpert.errors import EngineError, MailexpertError
from mailexpert.facts import Fact
from mailexpert.rulemodel import Rule

if TYPE_CHECKING:
    from mailexpert.engine import RuleBase


# --- what a session produces ----------------------------------------------------


@attrs.frozen
class Firing:
    """A rule that fired, with the facts bound to its names and every fact it matched."""

    rule: Rule
    bindings: Mapping[str, Fact]
    evidence: tuple[Fact, ...]
    round: int = 0


@attrs.frozen
class ProbeRequest:
    """A follow-up observation a rule asks for; the caller's runner carries it out."""

    name: str
    args: tuple[tuple[str, Any], ...]
    rule_id: str
    why: str = ""

    @property
    def key(self) -> tuple[str, tuple[tuple[str, Any], ...]]:
        return (self.name, self.args)

    @property
    def arguments(self) -> dict[str, Any]:
        return dict(self.args)


@attrs.frozen
class Question:
    """Something only the user knows; answered with a ``question.answer`` fact."""

    id: str
    text: str
    choices: tuple[str, ...]
    rule_id: str
    why: str = ""


@attrs.frozen
class TraceEntry:
    round: int
    rule_id: str
    consequence: str  # diagnosis, derive, probe, ask
    matched: tuple[Fact, ...]
    result: str  # cause id, derived fact, probe request or question, in words
    #: The cause that superseded the one this rule serves, so its conclusion was withdrawn.
    withdrawn_by: str | None = None


@attrs.frozen
class SessionOutcome:
    firings: tuple[Firing, ...]  # diagnosis rules only; the trace has every rule
    derived: tuple[Fact, ...]
    probe_requests: tuple[ProbeRequest, ...]
    questions: tuple[Question, ...]
    trace: tuple[TraceEntry, ...]
    notes: tuple[str, ...] = ()


@attrs.frozen
class Reasoning:
    """The result of reasoning to a fixed point, over as many follow-up rounds as needed."""

    facts: tuple[Fact, ...]  # every observed fact, follow-up results and answers included
    outcome: SessionOutcome  # the final round's conclusions
    trace: tuple[TraceEntry, ...]  # every round's firings, in order
    rounds: int
    probes_run: tuple[ProbeRequest, ...]
    notes: tuple[str, ...]
    elapsed_ms: int


ProbeRunner = Callable[[ProbeRequest], Iterable[Fact]]
Answerer = Callable[[Question], "str | None"]


def superseded(firings: Iterable[Firing], *, ignore_serving: bool = False) -> dict[str, str]:
    """Each cause that a fired cause supersedes, with the first cause that does.

    With ``ignore_serving``, a firing of a rule that itself serves the cause (``for:``) does
    not count: a finer reading of a cause replaces it, but does not explain its situation away.
    """
    out: dict[str, str] = {}
    for firing in firings:
        cause = firing.rule.cause or firing.rule.id
        for target in firing.rule.supersedes:
            if target != cause and not (ignore_serving and firing.rule.serves == target):
                out.setdefault(target, cause)
    return out


def withdraw_superseded(outcome: SessionOutcome, rules: Mapping[str, Rule]) -> SessionOutcome:
    """Withdraw what rules serving a superseded cause concluded (see ``for:`` in the README).

    A rule ``for`` cause P asks a question that tells P's variants apart, or reads P's
    situation more finely. When a cause that fired supersedes P, that cause explains the
    situation: the question is not asked and the finer diagnosis is not made. The trace
    keeps the firing, marked with the cause that superseded P.
    """
    serving = {rule_id: rule.serves for rule_id, rule in rules.items() if rule.serves}
    if not serving:
        return outcome
    by = superseded(outcome.firings, ignore_serving=True)
    gone = {rule_id: by[cause] for rule_id, cause in serving.items() if cause in by}
    if not gone:
        return outcome
    trace = tuple(
        attrs.evolve(t, withdrawn_by=gone[t.rule_id],
                     result=f"{t.result} (withdrawn: {rules[t.rule_id].serves} is explained by {gone[t.rule_id]})")
        if t.rule_id in gone else t
        for t in outcome.trace
    )
    return attrs.evolve(
        outcome,
        firings=tuple(f for f in outcome.firings if f.rule.id not in gone),
        questions=tuple(q for q in outcome.questions if q.rule_id not in gone),
        trace=trace,
    )


# --- reasoning with follow-up rounds -------------------------------------------------


def reason(
    rulebase: RuleBase,
    facts: Iterable[Fact],
    *,
    runner: ProbeRunner | None = None,
    answers: Mapping[str, str] | None = None,
    answerer: Answerer | None = None,
    max_rounds: int = 4,
) -> Reasoning:
    """Forward-chain to a fixed point; hand probe requests to ``runner`` and questions to
    ``answerer`` (or take them from ``answers``), then reason again, for at most
    ``max_rounds`` rounds. Each round is a fresh session over every fact known so far."""
    started = time.monotonic()
    known: list[Fact] = list(dict.fromkeys(facts))
    answered = {f["question"] for f in known if f.kind == "question.answer"}
    for question_id, given in (answers or {}).items():
        if question_id not in answered:
            known.append(rulebase.catalog.fact("question.answer", question=question_id, answer=str(given)))
            answered.add(question_id)
    asked: set[str] = set()
    executed: dict[tuple[Any, ...], ProbeRequest] = {}
    trace: list[TraceEntry] = []
    notes: list[str] = []
    outcome = SessionOutcome((), (), (), (), ())
    rounds = 0
    for round_ in range(max(1, max_rounds)):
        rounds = round_ + 1
        # The plan's order, not the order the facts arrived in: the engine fires in it.
        known = order.canonical(known)
        outcome = rulebase.run(known, round_=round_)
        trace.extend(outcome.trace)
        notes.extend(n for n in outcome.notes if n not in notes)
        progress = False
        if runner is not None:
            for request in outcome.probe_requests:
                if request.key in executed:
                    continue
                executed[request.key] = request
                try:
                    new = list(runner(request))
                except MailexpertError as exc:
                    notes.append(f"follow-up probe {request.name} {request.arguments} failed: {exc}")
                    continue
                for fact in new:
                    if not isinstance(fact, Fact):
                        raise EngineError(f"probe runner returned {type(fact).__name__}, not a Fact")
                    if fact not in known:
                        known.append(fact)
                        progress = True
        if answerer is not None:
            for question in outcome.questions:
                if question.id in answered or question.id in asked:
                    continue
                asked.add(question.id)  # a question the user declined stays open, unasked again
                answer = answerer(question)
                if answer is not None and str(answer).strip():
                    known.append(rulebase.catalog.fact("question.answer", question=question.id, answer=str(answer).strip()))
                    answered.add(question.id)
                    progress = True
        if not progress:
            break
    else:
        if runner is not None or answerer is not None:
            notes.append(f"stopped after {max_rounds} rounds of follow-up probes and questions")
    open_questions = tuple(q for q in outcome.questions if q.id not in answered)
    outcome = attrs.evolve(outcome, questions=open_questions)
    return Reasoning(
        facts=tuple(known),
        outcome=outcome,
        trace=tuple(trace),
        rounds=rounds,
        probes_run=tuple(executed.values()),
        notes=tuple(notes),
        elapsed_ms=int((time.monotonic() - started) * 1000),
    )
