"""The rule engine: rule specs compiled to durable_rules, one isolated session per diagnosis.

This is the only module that imports durable_rules. What it wraps, and why:

* durable's ``Host`` starts two timer threads that call into the C engine every 0.2 s
  from another thread; we never use timers, and those calls would race ours, so the host
  here does not start them (:class:`_QuietHost`).
* The C engine is not documented as thread-safe; every call for one rule base happens
  under that rule base's lock. Concurrent diagnoses therefore run their probes in
  parallel and take turns only for the few milliseconds of reasoning.
* Each session has its own ``sid`` (its own working memory) and is deleted afterwards.
* Asserting an identical fact twice raises ``MessageObservedException``; facts are
  de-duplicated here and every asserted fact carries a unique ``id`` so that equal facts
  from different sources can never collide.
* Asserting a fact no rule reads raises ``MessageNotHandledException``; that is normal
  here (a probe reports more than the rules use) and is ignored. Facts are asserted one
  at a time: in an ``assert_facts`` batch, one unhandled fact aborts the whole batch and
  no action runs (tests/test_engine.py shows it).
* An exception inside an action is swallowed by durable into the session state; our
  action wrapper catches it first and the session raises :class:`RuleActionError`.
* durable's ``$mt`` regex dialect is not Python's (``\\[``, ``\\d`` and ``(?i)`` do not
  work: see tests/test_engine.py), so ``matches`` tests are evaluated in Python when a
  fact is asserted and reach durable as boolean flag fields. They run on the ``regex``
  module (the ``re`` syntax, version 0) under a time budget (:mod:`mailexpert.patterns`): a rule
  author's pattern that backtracks catastrophically on a server's text (``(a|aa)+$``) gives
  up, counts as not matching and leaves a note in the report, instead of hanging the
  diagnosis; ``re`` cannot be interrupted.
* An absence test is evaluated when facts arrive and never retracted, so rules with
  ``none`` are gated behind a per-stratum sentinel fact (see :mod:`mailexpert.strata`).
* ``delete_state`` crashes the process (double free) when the ruleset's first session
  ever held facts but never ran an action. Every rule base therefore fires one internal
  rule in a throw-away session as soon as it is built (:meth:`RuleBase._prime`).
* Within a pattern, a reference test placed after an ``$or``/``$and`` test is ignored,
  and the C engine allows only 64 pending checks per fact, counting patterns whose first
  test is not a literal equality. Tests are therefore compiled literal equalities first,
  then references, then everything else (tests/test_engine.py shows both).
* durable gives each pattern of a rule a fact of its own, its ``$not`` patterns included: a
  ``none`` pattern never saw the facts the positive patterns bound, so ``none: {fact: K,
  where: {port: {ref: b.port}, error: {exists: true}}}`` let the rule fire on the very fact
  bound as ``b`` carrying an error, in silence. Rules with ``none`` are therefore compiled
  with durable's ``dist: 0`` (a fact may match several patterns), and the action keeps a
  positive pattern's fact its own by ignoring a match where two positive patterns share one
  (tests/test_engine.py shows both).
* A ruleset name can be registered once per host; each :class:`RuleBase` gets a fresh
  host and a unique ruleset name, so rule bases can be reloaded at will.
"""

from __future__ import annotations

import datetime
import itertools
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from mailexpert import template
from mailexpert.errors import EngineError, FactError, MailexpertError, RuleActionError
from mailexpert.facts import Fact, FactCatalog, data_dir, default_catalog
from mailexpert.knowledge import knowledge_facts
from mailexpert.patterns import Searches, compile_pattern
from mailexpert.reasoning import (
    Firing,
    ProbeRequest,
    Question,
    SessionOutcome,
    TraceEntry,
    withdraw_superseded,
)
from mailexpert.rulefile import load_rules
from mailexpert.rulemodel import (
    AskSpec,
    DeriveSpec,
    DiagnosisSpec,
    Pattern,
    ProbeSpec,
    Ref,
    Rule,
)
from mailexpert.strata import stratify


def _engine_requirement() -> str:
    """The durable-rules requirement mailexpert was installed with (pyproject.toml states it)."""
    import importlib.metadata

    try:
        found = [r for r in importlib.metadata.requires("mailexpert") or () if r.startswith("durable-rules")]
    except importlib.metadata.PackageNotFoundError:
        found = []
    return found[0].split(";")[0].strip() if found else "durable-rules"


try:
    import durable.engine as _durable
except ImportError as _exc:  # typically a durable-rules build for 3.13 made without install.py's fix
    # A wheel's user has no source folder with install.py: give the command that builds the
    # engine with the same fix in this environment (the README's "A wheel").
    raise EngineError(
        f"the rule engine durable_rules cannot be loaded ({_exc}); rebuild it: in mailexpert's source "
        f"folder `{Path(sys.executable).name} install.py`, or in this environment `CPPFLAGS=-DPyEval_CallObject="
        f"PyObject_CallObject {sys.executable} -m pip install --force-reinstall --no-deps --no-cache-dir "
        f"--no-binary durable-rules '{_engine_requirement()}'`"
    ) from _exc

_UNIX_EPOCH = datetime.datetime(1970, 1, 1)


def _durable_now() -> float:
    """durable's clock for its action timeouts, with the same value as its own ``_unix_now``
    but without ``datetime.utcfromtimestamp``: from Python 3.12 on that warns on every rule
    action, and a caller that records warnings (pytest does) keeps every one of them."""
    return (datetime.datetime.now() - _UNIX_EPOCH).total_seconds()


_durable._unix_now = _durable_now

_STRATUM_KIND = "engine.stratum"
_PRIME_KIND = "engine.prime"
_OPS = {"ne": "$neq", "lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}


class _QuietHost(_durable.Host):  # type: ignore[misc]  # durable_rules ships no type information
    """A durable host without its background dispatch threads (see the module docstring)."""

    def _run(self) -> None:  # noqa: D401 - overriding durable's timer start-up
        return None


# --- the compiled rule base -------------------------------------------------------


class _Collector:
    """What one session's actions record; lives only while the session runs."""

    def __init__(self, round_: int, by_id: dict[str, Fact]) -> None:
        self.round = round_
        self.by_id = by_id
        self.by_fact = {fact: fid for fid, fact in by_id.items()}
        self.firings: list[Firing] = []
        self.derived: list[Fact] = []
        self.requests: dict[tuple[Any, ...], ProbeRequest] = {}
        self.questions: dict[str, Question] = {}
        self.trace: list[TraceEntry] = []
        self.errors: list[RuleActionError] = []
        #: Each (rule, set of facts) fired, with where its diagnosis firing stands in ``firings``.
        self.seen_firings: dict[tuple[str, tuple[str, ...]], tuple[int, tuple[Fact, ...]] | None] = {}
        #: derived fact -> the facts the rule that derived it matched (its provenance)
        self.provenance: dict[Fact, tuple[Fact, ...]] = {}
        self.searches = Searches()


class RuleBase:
    """Rules loaded, checked and compiled to one durable ruleset; reusable and thread-safe."""

    _names = itertools.count(1)

    def __init__(self, rules: Sequence[Rule], catalog: FactCatalog | None = None) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.catalog = catalog or default_catalog()
        self.by_id = {rule.id: rule for rule in self.rules}
        self.strata = stratify(self.rules)
        self._gates = sorted({self.strata[r.id] for r in self.rules if r.when.none})
        self._lock = threading.Lock()
        self._sessions = itertools.count(1)
        self._collectors: dict[str, _Collector] = {}
        self._regex: dict[tuple[str, str, str], str] = {}
        self._flags_by_kind: dict[str, list[tuple[str, str, str]]] = {}
        self._read_kinds: set[str] = {_STRATUM_KIND}
        self._knowledge_data: dict[Fact, dict[str, Any]] = {}
        self._searches: dict[str, tuple[tuple[str, str, Any, str], ...]] = {}
        self.ruleset_name = f"mailexpert{next(self._names)}"
        definition: dict[str, Any] = {"engine-prime": {"all": [{"p": {"kind": _PRIME_KIND}}], "run": _noop}}
        for rule in self.rules:
            for index, branch in enumerate(rule.when.branches()):
                definition[f"{rule.id}#{index}"] = self._compile(rule, branch)
        self._definition = {name: {k: v for k, v in body.items() if k != "run"} for name, body in definition.items()}
        # Static knowledge (the mail-port table, ...) is part of every session whose rules read it;
        # it is never evidence: a diagnosis rests on what was observed.
        self._knowledge_kinds = frozenset(k for k, spec in self.catalog.kinds.items() if spec.family == "knowledge")
        self._knowledge = tuple(f for f in knowledge_facts() if f.kind in self._read_kinds)
        self._knowledge_data = self._knowledge_durable()
        self._host = _QuietHost()
        try:
            self._host.set_rulesets({self.ruleset_name: definition})
        except Exception as exc:  # durable reports only "error code: N"
            raise EngineError(f"durable_rules refused the compiled rules: {exc}") from exc
        self._prime()

    def _prime(self) -> None:
        """Run one action in a throw-away session: see the module docstring (delete_state)."""
        try:
            self._host.assert_fact(self.ruleset_name, {"sid": "prime", "id": "prime", "kind": _PRIME_KIND})
            self._host.delete_state(self.ruleset_name, "prime")
        except Exception as exc:
            raise EngineError(f"durable_rules failed to start the rule base: {exc}") from exc

    @classmethod
    def load(
        cls,
        folders: Iterable[str | Path] | None = None,
        *,
        extra: Iterable[str | Path] = (),
        catalog: FactCatalog | None = None,
    ) -> RuleBase:
        """Load the built-in rules (or ``folders``) plus user rule folders in ``extra``."""
        catalog = catalog or default_catalog()
        base = list(folders) if folders is not None else [data_dir("rules")]
        return cls(load_rules([*base, *extra], catalog), catalog)

    def definition(self) -> dict[str, Any]:
        """The durable_rules JSON form of the compiled rules (actions left out)."""
        return {self.ruleset_name: self._definition}

    # -- compilation

    def _compile(self, rule: Rule, branch: tuple[Pattern, ...]) -> dict[str, Any]:
        names: dict[str, str] = {}
        conditions: list[dict[str, Any]] = []
        stratum = self.strata[rule.id]
        if rule.when.none:
            conditions.append({"gate": {"$and": [{"kind": _STRATUM_KIND}, {"n": stratum}]}})
        pattern_names: list[tuple[str, Pattern]] = []
        referenced = _referenced_fields((*branch, *rule.when.none))
        for i, pattern in enumerate(branch):
            name = f"v_{pattern.alias}" if pattern.alias else f"p{i}"
            if pattern.alias:
                names[pattern.alias] = name
            guards = referenced.get(pattern.alias or "", ())
            conditions.append({name: self._condition(pattern, names, guards)})
            pattern_names.append((name, pattern))
        for i, pattern in enumerate(rule.when.none):
            conditions.append({f"n{i}$not": self._condition(pattern, names)})
        for pattern in (*branch, *rule.when.none):
            self._read_kinds.add(pattern.kind)
        body: dict[str, Any] = {"all": conditions, "run": self._action(rule, pattern_names)}
        if rule.when.none:
            body["dist"] = 0  # a `none` pattern sees every fact, those bound included (module docstring)
        return body

    def _condition(self, pattern: Pattern, names: Mapping[str, str], guards: Iterable[str] = ()) -> dict[str, Any]:
        def order(test: Any) -> int:  # see the module docstring: durable needs this order
            if isinstance(test.value, Ref):
                return 1
            if test.op in ("eq", "matches"):  # both compile to a literal equality
                return 0
            return 3 if test.op in ("in", "not_in") else 2

        terms: list[dict[str, Any]] = [{"kind": pattern.kind}]
        for test in sorted(pattern.tests, key=order):
            terms.append(self._test(pattern.kind, test.field, test.op, test.value, names))
        # A later pattern compares against these fields; durable aborts the whole assertion
        # (error 311) when a referenced field is absent, so a fact without it must not bind.
        terms.extend({"$ex": {field: 1}} for field in guards)
        return terms[0] if len(terms) == 1 else {"$and": terms}

    def _test(self, kind: str, field: str, op: str, value: Any, names: Mapping[str, str]) -> dict[str, Any]:
        def operand(v: Any) -> Any:
            return {names[v.alias]: v.field} if isinstance(v, Ref) else v

        if op == "eq":
            return {field: operand(value)}
        if op in _OPS:
            return {_OPS[op]: {field: operand(value)}}
        if op == "in":
            return {"$or": [{field: v} for v in value]}
        if op == "not_in":
            return {"$and": [{"$neq": {field: v}} for v in value]}
        if op == "exists":
            return {"$ex" if value else "$nex": {field: 1}}
        if op == "matches":
            key = (kind, field, value)
            flag = self._regex.get(key)
            if flag is None:
                flag = self._regex[key] = f"rx{len(self._regex)}"
                self._flags_by_kind.setdefault(kind, []).append((flag, field, value))
            return {flag: True}
        raise EngineError(f"unknown test operator {op!r}")

    def _action(self, rule: Rule, pattern_names: list[tuple[str, Pattern]]) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            collector = self._collectors.get(c.s.sid)
            if collector is None:  # a stale session; nothing to record into
                return
            try:
                self._fire(c, rule, pattern_names, collector)
            except Exception as exc:  # noqa: BLE001 - durable would swallow it silently
                collector.errors.append(RuleActionError(f"{type(exc).__name__}: {exc}", rule_id=rule.id))

        return action

    def _fire(self, c: Any, rule: Rule, pattern_names: list[tuple[str, Pattern]], col: _Collector) -> None:
        matched = c._m or {}
        ids = [matched[name]["id"] for name, _ in pattern_names if matched.get(name)]
        if len(set(ids)) < len(ids):  # each positive pattern binds a fact of its own (module docstring)
            return
        bindings: dict[str, Fact] = {}
        evidence: list[Fact] = []
        for name, pattern in pattern_names:
            data = matched.get(name)
            fact = col.by_id.get(data["id"]) if data else None
            if fact is None:
                continue
            if pattern.alias:
                bindings[pattern.alias] = fact
            if fact.kind not in self._knowledge_kinds:
                evidence.append(fact)
        key = (rule.id, tuple(sorted(_fact_id(col, f) for f in evidence)))
        consequence = rule.consequence
        if key in col.seen_firings:
            # Two `any` branches, or one pattern's aliases swapped ({a: x, b: y} and {a: y, b: x}),
            # matched the same facts: one finding. The facts bound in the order they were given
            # (the plan's, see mailexpert.order) speak for it, whichever the engine matched first.
            seen = col.seen_firings[key]
            if seen is not None and _given_order(col, evidence) < _given_order(col, seen[1]):
                col.firings[seen[0]] = Firing(rule, bindings, _expand(evidence, col.provenance), col.round)
                col.seen_firings[key] = (seen[0], tuple(evidence))
            return
        col.seen_firings[key] = (len(col.firings), tuple(evidence)) if isinstance(consequence, DiagnosisSpec) else None
        if isinstance(consequence, DiagnosisSpec):
            col.firings.append(Firing(rule, bindings, _expand(evidence, col.provenance), col.round))
            result = rule.cause or rule.id
        elif isinstance(consequence, DeriveSpec):
            fields = {name: template.value(v, bindings) for name, v in consequence.fields.items()}
            try:
                fact = self.catalog.fact(consequence.kind, fields)
            except FactError as exc:
                raise RuleActionError(f"derived fact is invalid: {exc}", rule_id=rule.id) from None
            result = repr(fact)
            if fact not in col.by_fact:
                fid = f"d{len(col.by_id)}"
                col.by_id[fid] = fact
                col.by_fact[fact] = fid
                col.derived.append(fact)
                col.provenance[fact] = tuple(evidence)
                self._assert(c.assert_fact, fid, fact, col.searches)
        elif isinstance(consequence, ProbeSpec):
            args = tuple(sorted((name, template.value(v, bindings)) for name, v in consequence.args.items()))
            request = ProbeRequest(consequence.name, args, rule.id, consequence.why)
            col.requests.setdefault(request.key, request)
            result = f"probe {consequence.name} {dict(args)}"
        else:
            assert isinstance(consequence, AskSpec)
            question = Question(
                consequence.question,
                template.render(consequence.text, bindings),
                consequence.choices,
                rule.id,
                consequence.why,
            )
            col.questions.setdefault(question.id, question)
            result = f"ask {question.id}"
        col.trace.append(TraceEntry(col.round, rule.id, rule.kind, tuple(evidence), result))

    def _knowledge_durable(self) -> dict[Fact, dict[str, Any]]:
        """The durable form of each knowledge fact but its ``id``, made once: the table is the
        same in every session. Read only from then on, so sessions share nothing they change."""
        searches = Searches()
        out = {}
        for fact in self._knowledge:
            data = self._to_durable("", fact, searches)
            del data["id"]
            out[fact] = data
        # A pattern that gave up on the table is left to each session, which notes it.
        return {} if searches.notes else out

    def _to_durable(self, fid: str, fact: Fact, searches: Searches) -> dict[str, Any]:
        known = self._knowledge_data.get(fact)
        if known is not None:
            return {"id": fid, **known}
        data: dict[str, Any] = {"id": fid, "kind": fact.kind}
        data.update(fact.items)
        for flag, field, pattern, what in self._searches_of(fact.kind):
            value = data.get(field)
            data[flag] = value is not None and searches.search(pattern, str(value), what)
        return data

    def _searches_of(self, kind: str) -> tuple[tuple[str, str, Any, str], ...]:
        """The ``matches`` tests on one kind of fact: flag, field, compiled pattern, the field's name."""
        found = self._searches.get(kind)
        if found is None:
            # Compiled on first use: a diagnosis meets only the kinds of fact it has. Sessions
            # that race here compute the same value.
            found = self._searches[kind] = tuple(
                (flag, field, compile_pattern(text), f"{kind}.{field}") for flag, field, text in self._flags_by_kind.get(kind, ()))
        return found

    def _assert(self, assert_fn: Callable[[dict[str, Any]], Any], fid: str, fact: Fact, searches: Searches) -> None:
        if fact.kind not in self._read_kinds:
            return  # no rule reads it: durable would only say "not handled"
        try:
            assert_fn(self._to_durable(fid, fact, searches))
        except (_durable.MessageNotHandledException, _durable.MessageObservedException):
            pass

    # -- sessions

    def run(self, facts: Iterable[Fact], *, round_: int = 0) -> SessionOutcome:
        """Reason over the facts in a fresh, isolated session and return its conclusions."""
        facts = list(facts)
        for fact in facts:
            if not isinstance(fact, Fact):
                raise FactError(f"expected a Fact, got {type(fact).__name__}")
        unique = list(dict.fromkeys([*facts, *self._knowledge]))
        by_id = {f"f{i}": fact for i, fact in enumerate(unique)}
        collector = _Collector(round_, by_id)
        with self._lock:
            sid = f"s{next(self._sessions)}"
            self._collectors[sid] = collector
            ruleset = self.ruleset_name

            def assert_one(data: dict[str, Any]) -> None:
                data["sid"] = sid
                self._host.assert_fact(ruleset, data)

            try:
                for fid, fact in list(by_id.items()):
                    self._assert(assert_one, fid, fact, collector.searches)
                for stratum in self._gates:
                    self._assert(assert_one, f"g{stratum}", sentinel(stratum), collector.searches)
            except MailexpertError:
                raise
            except Exception as exc:
                raise EngineError(f"durable_rules failed: {type(exc).__name__}: {exc}") from exc
            finally:
                del self._collectors[sid]
                try:
                    self._host.delete_state(ruleset, sid)
                except Exception:  # noqa: BLE001 - a session that never stored anything
                    pass
        if collector.errors:
            raise collector.errors[0]
        return withdraw_superseded(SessionOutcome(
            firings=tuple(collector.firings),
            derived=tuple(collector.derived),
            probe_requests=tuple(collector.requests.values()),
            questions=tuple(collector.questions.values()),
            trace=tuple(collector.trace),
            notes=tuple(collector.searches.notes),
        ), self.by_id)


def _referenced_fields(patterns: Iterable[Pattern]) -> dict[str, tuple[str, ...]]:
    """For each alias, the fields that other patterns compare against with an ordering or ``ne``.

    Only those comparisons abort on an absent field; equalities do not, and guarding them would
    change which facts today's rules match."""
    out: dict[str, dict[str, None]] = {}
    for pattern in patterns:
        for test in pattern.tests:
            if isinstance(test.value, Ref) and test.op != "eq" and test.value.alias != pattern.alias:
                out.setdefault(test.value.alias, {})[test.value.field] = None
    return {alias: tuple(fields) for alias, fields in out.items()}


def _noop(c: Any) -> None:
    return None


def sentinel(stratum: int) -> Fact:
    """The fact that releases one stratum of rules with ``none`` (see :mod:`mailexpert.strata`).
    Internal: its kind is declared in no template, so no rule file can name it."""
    return Fact(_STRATUM_KIND, {"n": stratum})


def _expand(evidence: Iterable[Fact], provenance: Mapping[Fact, tuple[Fact, ...]]) -> tuple[Fact, ...]:
    """The evidence with, after each derived fact, the facts it was derived from (recursively):
    a rule that matches a derived fact need not match the observations again to show them."""
    out: dict[Fact, None] = {}

    def add(fact: Fact) -> None:
        if fact in out:
            return
        out[fact] = None
        for source in provenance.get(fact, ()):
            add(source)

    for fact in evidence:
        add(fact)
    return tuple(out)


def _given_order(col: _Collector, facts: Iterable[Fact]) -> tuple[tuple[int, int], ...]:
    """Where the facts stand in the order they were given (derived ones after, as derived)."""
    out = []
    for fact in facts:
        fid = col.by_fact.get(fact)
        out.append((int(fid[0] == "d"), int(fid[1:])) if fid else (2, 0))
    return tuple(out)


def _fact_id(col: _Collector, fact: Fact) -> str:
    return col.by_fact.get(fact) or repr(fact)
