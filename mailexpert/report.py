"""Reports: ranked diagnoses with evidence, open questions and the trace, and the JSON form.

The engine says which rules fired on which facts; this module turns that into what a
person or a support tool reads: one :class:`Diagnosis` per cause (several firings of the
same cause are merged, their evidence joined), ranked as a differential diagnosis (see
:mod:`mailexpert.relevance`): root causes before the symptoms they supersede; causes on
the settings the user gave before causes seen only on other servers of the domain; then
by how many failing observations on the given settings each explains, then severity,
confidence and specificity (how much evidence it rests on), except that among the readings
of a bare refused login at a known provider the provider's documented order decides (see
:mod:`mailexpert.refusalorder`). A failing observation that no
diagnosis explains is listed as such, never passed over.
:func:`render_json` gives the published ``report.schema.json`` form; the text and Markdown
renderers for people are in :mod:`mailexpert.render`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from mailexpert import order, priors, refusalorder, relevance, template, tlsclients
from mailexpert.causes import cause_catalogue
from mailexpert.facts import Fact
from mailexpert.reasoning import Firing, Question, Reasoning, TraceEntry
from mailexpert.rulemodel import DiagnosisSpec
from mailexpert.textsafe import escape

REPORT_SCHEMA = "mailexpert.report/1"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
CONFIDENCE_ORDER = {"confirmed": 0, "likely": 1, "possible": 2}


@attrs.frozen
class Diagnosis:
    """One cause found, with the facts that show it and how to fix it."""

    cause: str
    rule: str
    title: str
    area: str
    severity: str
    confidence: str
    summary: str
    explanation: str
    fix: tuple[str, ...]
    references: tuple[str, ...]
    evidence: tuple[Fact, ...]
    rule_file: str
    supersedes: tuple[str, ...] = ()
    superseded_by: str | None = None
    instances: tuple[str, ...] = ()  # every summary when the cause was found more than once
    rank: int = 0  # 1 = most likely; 0 before ranking
    #: The settings it concerns ("smtp mail.example.org:465/ssl"), and where each came from.
    concerns: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    #: True when every setting it concerns is an alternative (discovered or guessed), none
    #: the user gave: it cannot be what the user meets, so it is never an error.
    alternative: bool = False
    #: The failing observations on the subject settings it explains.
    explains: tuple[Fact, ...] = ()
    #: False when it does not fit what the user said they see (``--symptom``).
    fits_symptom: bool = True

    @property
    def is_root(self) -> bool:
        return self.superseded_by is None


@attrs.frozen
class Report:
    """The outcome of one diagnosis."""

    diagnoses: tuple[Diagnosis, ...]
    questions: tuple[Question, ...]
    facts: tuple[Fact, ...]
    derived: tuple[Fact, ...]
    trace: tuple[TraceEntry, ...]
    timings: Mapping[str, int] = attrs.field(factory=dict)
    notes: tuple[str, ...] = ()
    account: Mapping[str, Any] | None = None
    rounds: int = 1
    schema: str = REPORT_SCHEMA
    #: Failing observations on the subject settings that no diagnosis explains.
    unexplained: tuple[Fact, ...] = ()
    #: The settings diagnosed ("smtp mail.example.org:587/starttls") that are the subject.
    subject: tuple[str, ...] = ()

    @property
    def root_causes(self) -> tuple[Diagnosis, ...]:
        """Root causes on the subject settings (or on none in particular), most likely first."""
        return tuple(d for d in self.diagnoses if d.is_root and not d.alternative)

    @property
    def alternatives(self) -> tuple[Diagnosis, ...]:
        """Root causes seen only on other servers of the domain (discovered or guessed)."""
        return tuple(d for d in self.diagnoses if d.is_root and d.alternative)

    @property
    def top(self) -> Diagnosis | None:
        return self.diagnoses[0] if self.diagnoses else None

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnoses) or bool(self.unexplained)

    @property
    def exit_status(self) -> int:
        """0: no error-severity diagnosis and nothing unexplained failing; 1: otherwise."""
        return 1 if self.has_errors else 0

    def to_dict(self) -> dict[str, Any]:
        return report_to_dict(self)


def render_summary(firing: Firing) -> str:
    assert isinstance(firing.rule.consequence, DiagnosisSpec)
    return template.render(firing.rule.consequence.summary, firing.bindings)


Standing = Callable[[Diagnosis], tuple[int, int, int]]


def _own_standing(d: Diagnosis) -> tuple[int, int]:
    return CONFIDENCE_ORDER[d.confidence], -len(d.evidence)


def _standing(merged: Sequence[Diagnosis], bare: Mapping[str, refusalorder.Order]) -> Standing:
    """A diagnosis -> its confidence, specificity (evidence) and place in a provider's order of a
    bare refusal (:mod:`mailexpert.refusalorder`; ``bare``: cause -> the order that lists it): the
    bare readings an order lists stand together where the most certain of them would stand, in the
    order's sequence; every other diagnosis stands by its own confidence and evidence."""
    groups: dict[refusalorder.Order, list[Diagnosis]] = {}
    for d in merged:
        if d.cause in bare:
            groups.setdefault(bare[d.cause], []).append(d)
    lifted: dict[str, tuple[int, int, int]] = {}
    for order_, members in groups.items():
        if len(members) > 1:  # one reading alone has nothing to be ordered against
            best = min(_own_standing(d) for d in members)
            lifted.update({d.cause: (*best, order_.index(d.cause)) for d in members})
    return lambda d: lifted.get(d.cause) or (*_own_standing(d), 0)


def _base_key(d: Diagnosis, prior: Callable[[str], int], standing: Standing) -> tuple[Any, ...]:
    """The differential order: relevant first, then explanatory power, severity, confidence,
    specificity (evidence), where a provider's order of a bare refusal may decide among the
    causes it lists (``standing``, see :func:`_standing`); then, for a pasted text that names only
    the kind of failure, how often each cause is found behind it (:mod:`mailexpert.priors`), and
    the cause id for a stable order."""
    return (d.alternative, not d.fits_symptom, -len(d.explains), SEVERITY_ORDER[d.severity],
            *standing(d), prior(d.cause), d.cause)


def _firing_key(f: Firing, position: Callable[[Fact], order.Position],
                forms: dict[tuple[Any, ...], tuple[Any, ...]] | None = None) -> tuple[Any, ...]:
    """The order of one cause's firings: the most severe, then the most specific (most evidence),
    then the most certain (confidence) speaks for the cause; then the rule id, for a stable
    order (a cause's rules are different readings, and which one speaks is the rule set's
    choice, not the observations'). Firings of one rule are instances of one reading: the one
    whose evidence stands first in the plan leads (the setting the user gave before an
    alternative, its own port, then the preferred port, the mail host before the web's; see
    :mod:`mailexpert.order`), its earliest fact first, then its facts in the rule's order;
    then the evidence as text. Never the order the facts arrived
    in or the engine fired: probes finish in their own time, and a report reads the same every
    time."""
    placed = tuple(position(e) for e in f.evidence)
    return (SEVERITY_ORDER[f.rule.severity or "info"], -len(f.evidence),
            CONFIDENCE_ORDER[f.rule.confidence or "possible"], f.rule.id, min(placed, default=()),
            placed, tuple(order.natural(e, forms) for e in f.evidence))


def build_report(
    reasoning: Reasoning,
    *,
    account: Mapping[str, Any] | None = None,
    timings: Mapping[str, int] | None = None,
    notes: Sequence[str] = (),
) -> Report:
    """Merge firings per cause, rank them and resolve supersession."""
    sources = relevance.provenance(reasoning.trace, reasoning.outcome.derived)
    all_settings = relevance.settings(reasoning.facts)
    subjects = [s for s in all_settings if s.subject]
    failing = relevance.failing_observations(reasoning.facts, subjects)
    position = order.positions(reasoning.facts, sources)
    forms: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # order.natural's memo for this report
    by_cause: dict[str, list[Firing]] = {}
    for firing in reasoning.outcome.firings:
        by_cause.setdefault(firing.rule.cause or firing.rule.id, []).append(firing)
    merged: list[Diagnosis] = []
    for cause, firings in by_cause.items():
        if len(firings) > 1:  # most causes have one firing: nothing to order
            firings.sort(key=lambda f: _firing_key(f, position, forms))
        lead = firings[0]
        spec = lead.rule.consequence
        assert isinstance(spec, DiagnosisSpec)
        evidence = tuple(dict.fromkeys(fact for f in firings for fact in f.evidence))
        # Each instance of the leading reading speaks; another reading of the same cause only
        # where it rests on something the leading one did not see, so that three readings of
        # one expired certificate do not say it three times per port.
        seen = {fact for f in firings if f.rule.id == lead.rule.id for fact in f.evidence}
        summaries = tuple(dict.fromkeys(render_summary(f) for f in firings
                                        if f.rule.id == lead.rule.id or not seen.issuperset(f.evidence)))
        merged.append(
            Diagnosis(
                cause=cause,
                rule=lead.rule.id,
                title=lead.rule.title,
                area=lead.rule.area,
                severity=lead.rule.severity or "info",
                confidence=lead.rule.confidence or "possible",
                summary=summaries[0],
                explanation=" ".join(template.render(spec.explanation, lead.bindings).split()),
                fix=tuple(template.render(step, lead.bindings) for step in spec.fix),
                references=spec.references,
                evidence=evidence,
                rule_file=lead.rule.path,
                supersedes=tuple(dict.fromkeys(s for f in firings for s in f.rule.supersedes)),
                instances=summaries if len(summaries) > 1 else (),
            )
        )
    merged = _relevance(merged, reasoning, sources, all_settings, subjects, failing)
    prior = priors.ranker(reasoning.facts)
    standing = _standing(merged, refusalorder.bare_readings(by_cause, reasoning.facts, sources))
    merged.sort(key=lambda d: _base_key(d, prior, standing))
    # A fallback cause only names the kind of failure a reply reports: it is for when nothing
    # specific is found, and adds nothing beside a specific finding -- on the same settings: a
    # refusal by one server is not explained by a finding about another one.
    fallbacks = {c.id for c in cause_catalogue().values() if c.fallback}
    specific = [set(d.concerns) for d in merged if d.cause not in fallbacks and d.severity != "info"]
    merged = [d for d in merged if d.cause not in fallbacks
              or not any(not d.concerns or not c or c & set(d.concerns) for c in specific)]
    superseded: dict[str, str] = {}
    for d in merged:
        for e in merged:
            if e.cause != d.cause and d.cause in e.supersedes and superseded.get(e.cause) != d.cause:
                superseded[d.cause] = e.cause
                break
    # A root cause explains what the symptoms it supersedes explain, and concerns their settings.
    merged = [_absorb(d, [e for e in merged if superseded.get(e.cause) == d.cause]) for d in merged]
    merged = _fit_symptoms(merged, reasoning.facts)
    ranked = sorted(
        (attrs.evolve(d, superseded_by=superseded.get(d.cause)) for d in merged),
        key=lambda d: (d.superseded_by is not None, *_base_key(d, prior, standing)),
    )
    ranked = [attrs.evolve(d, rank=n) for n, d in enumerate(ranked, 1)]
    covered = {f for d in ranked for f in d.explains}
    return Report(
        diagnoses=tuple(ranked),
        questions=reasoning.outcome.questions,
        facts=reasoning.facts,
        derived=reasoning.outcome.derived,
        trace=reasoning.trace,
        timings={**(timings or {}), "reasoning_ms": reasoning.elapsed_ms},
        notes=(*reasoning.notes, *notes),
        account=account,
        rounds=reasoning.rounds,
        unexplained=tuple(f for f in failing if f not in covered),
        subject=tuple(s.label for s in subjects),
    )


def _relevance(merged: list[Diagnosis], reasoning: Reasoning, sources: Mapping[Fact, tuple[Fact, ...]],
               all_settings: Sequence[relevance.Setting], subjects: Sequence[relevance.Setting],
               failing: Sequence[Fact]) -> list[Diagnosis]:
    """Each diagnosis with the settings it concerns and the failing observations it explains
    (``sources``, ``all_settings``, ``subjects``, ``failing``: the report's provenance, settings,
    the settings it is about and failing observations); a finding only on alternative settings
    is at most a warning."""
    out = []
    for d in merged:
        base = relevance.base_facts(d.evidence, sources)
        concerns = relevance.concerned(base, all_settings)
        alternative = bool(concerns) and not any(s.subject for s in concerns)
        explains = relevance.explained(base, failing, subjects, reasoning.facts)
        severity = "warning" if alternative and d.severity == "error" else d.severity
        out.append(attrs.evolve(
            d, severity=severity, alternative=alternative, explains=explains,
            concerns=tuple(s.label for s in concerns),
            sources=tuple(dict.fromkeys(s.source_words for s in concerns if not s.subject)),
        ))
    return out


def _fit_symptoms(merged: list[Diagnosis], facts: Sequence[Fact]) -> list[Diagnosis]:
    """Whether each diagnosis fits every symptom the user reported (user.symptom facts)."""
    from mailexpert.symptoms import fits, observation_outcomes, symptoms

    known = symptoms()
    said = [known[f["symptom"]] for f in facts if f.kind == "user.symptom" and f["symptom"] in known]
    if not said:
        return merged
    out = []
    for d in merged:
        protocols = {c.split(" ", 1)[0] for c in d.concerns}
        outcomes = observation_outcomes(d.explains or d.evidence)
        ok = all(fits(s, protocols=protocols, area=d.area, outcomes=outcomes) for s in said)
        out.append(attrs.evolve(d, fits_symptom=ok))
    return out


def _absorb(root: Diagnosis, symptoms: Sequence[Diagnosis]) -> Diagnosis:
    if not symptoms:
        return root
    explains = tuple(dict.fromkeys([*root.explains, *(f for e in symptoms for f in e.explains)]))
    concerns = tuple(dict.fromkeys([*root.concerns, *(c for e in symptoms for c in e.concerns)]))
    alternative = root.alternative and all(e.alternative for e in symptoms)
    return attrs.evolve(root, explains=explains, concerns=concerns, alternative=alternative)


# --- JSON -------------------------------------------------------------------------


def _fact_json(fact: Fact) -> dict[str, Any]:
    return fact.as_dict()


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": report.schema,
        "account": dict(report.account) if report.account else None,
        "status": "problems" if report.has_errors else "ok",
        "diagnoses": [
            {
                "cause": d.cause,
                "rule": d.rule,
                "title": d.title,
                "area": d.area,
                "severity": d.severity,
                "confidence": d.confidence,
                "summary": d.summary,
                "instances": list(d.instances),
                "explanation": d.explanation,
                "fix": list(d.fix),
                "references": list(d.references),
                "evidence": [_fact_json(f) for f in d.evidence],
                "rule_file": d.rule_file,
                "supersedes": list(d.supersedes),
                "superseded_by": d.superseded_by,
                "rank": d.rank,
                "relevance": "alternative" if d.alternative else "subject",
                "concerns": list(d.concerns),
                "sources": list(d.sources),
                "explains": [_fact_json(f) for f in d.explains],
                "fits_symptom": d.fits_symptom,
            }
            for d in report.diagnoses
        ],
        "subject": list(report.subject),
        "unexplained": [
            {"observation": escape(relevance.describe(f)), "fact": _fact_json(f)} for f in report.unexplained
        ],
        "questions": [
            {"id": q.id, "text": q.text, "choices": list(q.choices), "rule": q.rule_id, "why": q.why}
            for q in report.questions
        ],
        "tls_clients": tlsclients.servers(report.facts),
        "facts": [_fact_json(f) for f in report.facts],
        "derived": [_fact_json(f) for f in report.derived],
        "trace": [
            {
                "round": t.round,
                "rule": t.rule_id,
                "consequence": t.consequence,
                "result": t.result,
                "matched": [_fact_json(f) for f in t.matched],
            }
            for t in report.trace
        ],
        "timings": dict(report.timings),
        "rounds": report.rounds,
        "notes": list(report.notes),
    }


def render_json(report: Report) -> str:
    # ensure_ascii keeps control characters from servers as \u escapes in the JSON text.
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=True) + "\n"
