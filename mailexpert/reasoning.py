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
