"""Checking one rule file (a single rule, or a family of rules: :mod:`mailexpert.rulefamily`):
the JSON Schema first, then what a schema cannot say.

The cross-checks run against the fact templates and the cause catalogue: fact kinds and
fields exist, values fit the field types, references are bound earlier in the rule,
template placeholders name bound facts, causes are known, URLs are well-formed, regular
expressions compile and stay within the matching budget, and each example fact is valid.
Every problem is gathered with its ``file:line:column`` instead of stopping at the first.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

if TYPE_CHECKING:  # jsonschema is imported where it is used: most commands never check a schema
    import jsonschema

from mailexpert import patterns, rulefamily, userfile, yamlsource
from mailexpert.causes import CASES_DIR, CAUSES_FILE
from mailexpert.errors import FactError, RuleFileError, UnknownCauseError
from mailexpert.facts import FactCatalog, FieldSpec, _suggest
from mailexpert.knowledge import port_selection
from mailexpert.rulemodel import (
    COMPARISONS,
    OPERATORS,
    AskSpec,
    Cause,
    Condition,
    DeriveSpec,
    DiagnosisSpec,
    Example,
    FieldTest,
    Pattern,
    ProbeSpec,
    Ref,
    Rule,
)
from mailexpert.template import PORTS_PLACEHOLDER, placeholders
from mailexpert.textsafe import shown

#: Spellings from other languages, mapped to ours for the "did you mean" hint.
_OPERATOR_ALIASES = {"equals": "eq", "is": "eq", "==": "eq", "=": "eq", "!=": "ne", "not": "ne", "neq": "ne",
                     "gte": "ge", ">=": "ge", "lte": "le", "<=": "le", ">": "gt", "<": "lt",
                     "regex": "matches", "match": "matches", "re": "matches", "contains": "matches",
                     "like": "matches", "one_of": "in", "nin": "not_in", "not in": "not_in", "exist": "exists",
                     "present": "exists", "has": "exists", "greater": "gt", "greater_than": "gt", "more": "gt",
                     "less": "lt", "less_than": "lt", "equal": "eq", "not_equal": "ne", "differs": "ne",
                     "greater_or_equal": "ge", "less_or_equal": "le", "at_least": "ge", "at_most": "le"}


@functools.cache
def rule_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((Path(__file__).parent / "schema" / "rule.schema.json").read_text(encoding="utf-8"))
    return schema


@functools.cache
def _validator(shape: str) -> jsonschema.protocols.Validator:
    """The validator of one shape of the schema: ``rule`` (one rule) or ``family`` (its top)."""
    import jsonschema

    schema = rule_schema()
    part = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{shape}"}
    cls = jsonschema.validators.validator_for(schema)
    return cls(part)


def check_file(path: Path, catalog: FactCatalog, causes: Mapping[str, Cause]) -> tuple[list[Rule], list[RuleFileError]]:
    """The rules of one file (a single rule, or a family: :mod:`mailexpert.rulefamily`) and
    every problem found in it."""
    try:
        doc = yamlsource.load_file(path, RuleFileError, userfile.LIMITS["rules"])
    except RuleFileError as exc:
        return [], [exc]
    if isinstance(doc, dict) and "facts" in doc and not {"id", "rules", "when"} & set(doc):
        # A recorded case saved among the rules: say so, not that a rule lacks its keys.
        line, col = yamlsource.position(doc, "facts")
        return [], [RuleFileError(f"a recorded case (a fact bundle), not a rule file: keep cases in the folder's "
                                  f"{CASES_DIR}/, which no rule is read from", path=path, line=line, column=col)]
    if not rulefamily.is_family(doc):
        checker = _RuleChecker(path, catalog, causes)
        rule = checker.check(doc)
        return ([rule] if rule is not None else []), checker.errors
    top = _RuleChecker(path, catalog, causes)
    if not top.validate(doc, "family"):
        return [], top.errors
    if "cause" in doc and doc["cause"] != path.stem:
        top.error(f"a family file is named after its cause: rename it {doc['cause']}{path.suffix}, "
                  "or name the cause in each rule", doc, "cause", value=True)
    rules: list[Rule] = []
    errors = top.errors
    for member in rulefamily.members(doc):
        checker = _RuleChecker(path, catalog, causes, in_family=True)
        rule = checker.check(member)
        errors.extend(checker.errors)
        if rule is not None:
            rules.append(rule)
    return rules, errors


class _RuleChecker:
    """Checks one rule; gathers every error with its position instead of stopping."""

    def __init__(self, path: Path, catalog: FactCatalog, causes: Mapping[str, Cause], *,
                 in_family: bool = False) -> None:
        self.path = path
        self.catalog = catalog
        self.causes = causes
        self.in_family = in_family
        self.errors: list[RuleFileError] = []
        self.rule_id: str | None = None
        #: Names some `any` alternatives bind but not every one (to one kind): `none` and the
        #: consequence cannot use them, and the error says why.
        self.partial: frozenset[str] = frozenset()
        #: While an alternative of `any` is checked: the names only the other alternatives bind.
        self.elsewhere: frozenset[str] = frozenset()

    def error(self, message: str, node: Any = None, key: Any = None, *, value: bool = False,
              unknown_cause: str | None = None) -> None:
        line, col = yamlsource.position(node, key, value=value) if node is not None else (None, None)
        if unknown_cause is not None:
            self.errors.append(UnknownCauseError(message, cause=unknown_cause, path=self.path, line=line,
                                                 column=col, rule_id=self.rule_id))
        else:
            self.errors.append(RuleFileError(message, path=self.path, line=line, column=col, rule_id=self.rule_id))

    # -- structure

    def check(self, doc: Any) -> Rule | None:
        """The rule of a positioned document (a file's, or a family member's), or None."""
        if not isinstance(doc, dict) and self.in_family:
            self.error("a rule of a family is a mapping (id, when, ...)", doc)
            return None
        if not isinstance(doc, dict):
            self.errors.append(yamlsource.not_a_mapping(
                doc, self.path, RuleFileError, "a rule file must be a mapping (id, title, area, when, ...; or rules: [...])",
                rule_id=self.rule_id))
            return None
        if isinstance(doc.get("id"), str):
            self.rule_id = doc["id"]
        if not self.validate(doc, "rule"):
            return None
        return self._build(doc, yamlsource.plain(doc))

    def validate(self, doc: Any, shape: str) -> bool:
        """Check ``doc`` against one shape of the schema; False (errors kept) if it does not fit."""
        schema_errors = sorted(_validator(shape).iter_errors(yamlsource.plain(doc)),
                               key=lambda e: (list(e.absolute_path), e.message))
        for err in _most_specific(schema_errors):
            self._schema_error(doc, err, shape)
        return not schema_errors

    def _schema_error(self, doc: Any, err: jsonschema.ValidationError, shape: str) -> None:
        node, key = _locate(doc, list(err.absolute_path))
        path = list(err.absolute_path)
        if len(path) >= 2 and path[-2] == "where" and err.instance is None:
            field = str(path[-1])
            head, colon, rest = field.partition(":")
            fix = f"write a space after the ':': '{head}: {rest}'" if colon else "write a value after its ':', or remove it"
            self.error(f"{'/'.join(map(str, path[:-1]))}: {shown(field)} tests nothing ({fix})", node, key)
            return
        if len(path) >= 2 and path[-2] == "where" and isinstance(err.instance, dict):
            unknown = [op for op in err.instance if op not in (*OPERATORS, "ref")]
            if unknown and isinstance(node, dict):
                for op in unknown:
                    self.error(f"{'/'.join(map(str, path))}: unknown operator {shown(op)}{_no_space(op, OPERATORS) or _suggest_operator(op)}; "
                               f"the operators are {', '.join(OPERATORS)}, and ref: NAME.FIELD", node, op)
                return
        where = "/".join(str(p) for p in err.absolute_path) or shape
        if len(path) == 3 and path[:1] == ["when"] and isinstance(err.instance, dict) and "fact" not in err.instance:
            # Groups where the language has none: refused with what to write instead.
            if path[1] == "none" and {"all", "any", "none"} & set(err.instance):
                self.error(f"{where}: a 'none' item is one fact pattern (fact, where), not a group: each item "
                           "must be absent on its own, so alternatives are items of 'none' each; a pair that must "
                           "not be present together is a rule of its own that derives a fact 'none' can name",
                           node, key)
                return
            if path[1] == "any" and "none" in err.instance:
                self.error(f"{where}: an alternative of 'any' is a pattern or {{all: [...]}}, without 'none': put "
                           "'none' under 'when' (it holds for every alternative), or make the alternative a rule "
                           "of its own", node, key)
                return
        value = key is not None
        if err.validator == "additionalProperties" and key is None and isinstance(node, dict):
            # Point at the first unknown key itself, not at the mapping that holds it.
            extra = [k for k in node if k not in err.schema.get("properties", {})]
            key, value = (extra[0] if extra else None), False
        hint = ""
        if shape == "family" and err.validator == "additionalProperties":
            if key in rulefamily.OWN_ONLY:
                self.error(f"family: {rulefamily.OWN_ONLY[key]}; move it into the items of 'rules' it is true of",
                           node, key)
                return
            hint = "; what only one rule has (its id, when, examples) goes into its item of 'rules'"
        self.error(f"{where}: {_explain_schema_error(err)}{hint}", node, key, value=value)

    # -- cross-checks

    def _build(self, doc: Any, data: dict[str, Any]) -> Rule | None:
        before = len(self.errors)
        rule_id = data["id"]
        if rule_id != self.path.stem and not self.in_family:
            self.error(f"rule id {shown(rule_id)} must equal the file name {shown(self.path.stem)}", doc, "id", value=True)
        consequence_key = next(k for k in ("diagnosis", "derive", "probe", "ask") if k in data)
        cause = data.get("cause", rule_id if consequence_key == "diagnosis" else None)
        self._check_causes(doc, data, consequence_key, cause)
        when, common = self._when(doc, data)
        consequence = self._consequence(doc, data, consequence_key, common)
        fires = self._examples(doc, "fires")
        silent = self._examples(doc, "silent")
        if len(self.errors) > before:
            return None
        line, column = yamlsource.position(doc)
        return Rule(
            id=rule_id,
            cause=cause,
            title=data["title"],
            area=data["area"],
            severity=data.get("severity") or (self.causes[cause].severity if cause is not None and cause in self.causes
                                              else None),
            confidence=data.get("confidence"),
            when=when,
            consequence=consequence,
            supersedes=tuple(data.get("supersedes", [])),
            fires=fires,
            silent=silent,
            path=str(self.path),
            line=line or 1,
            column=column or 1,
            serves=data.get("for"),
        )

    def _check_causes(self, doc: Any, data: dict[str, Any], consequence_key: str, cause: str | None) -> None:
        """The causes a rule names (its own, ``supersedes``, ``for``) are declared, and fit it."""
        if consequence_key == "diagnosis":
            known = self._known_cause("diagnosis names", cause, doc, "cause" if "cause" in data else "id", value=True,
                                      hint=f"; name a cause with 'cause:', or declare it in this folder's {CAUSES_FILE}")
            if known and cause is not None and data["area"] != self.causes[cause].area:
                self.error(f"area {shown(data['area'])} differs from the area of cause {shown(cause)} "
                           f"({shown(self.causes[cause].area)})", doc, "area", value=True)
            default = self.causes[cause].severity if cause is not None and cause in self.causes else None
            for key in ("severity", "confidence"):
                # an unknown cause's severity is unknown too: that error says what to fix
                if key not in data and not (key == "severity" and (default or cause not in self.causes)):
                    self.error(f"a diagnosis rule needs '{key}'", doc)
        else:
            if "cause" in data:
                self.error("only a diagnosis rule names a cause", doc, "cause")
            areas = {c.area for c in self.causes.values()} | {"shared"}
            if data["area"] not in areas:
                self.error(f"area {shown(data['area'])} is not the area of any cause (known: {', '.join(sorted(areas))})",
                           doc, "area", value=True)
        for i, target in enumerate(data.get("supersedes", [])):
            if self._known_cause("supersedes", target, doc["supersedes"], i) and target == cause:
                self.error(f"supersedes the rule's own cause {shown(target)}; list the causes this one explains",
                           doc["supersedes"], i)
        served = data.get("for")
        if served is not None:
            if consequence_key not in ("diagnosis", "ask"):
                self.error("only a diagnosis or ask rule serves a cause ('for:')", doc, "for")
            elif self._known_cause("'for' names", served, doc, "for", value=True) and served == cause:
                self.error(f"'for' names the rule's own cause {shown(served)}; it serves another cause", doc, "for", value=True)

    def _known_cause(self, what: str, cause: Any, node: Any, key: Any, *, value: bool = False, hint: str = "") -> bool:
        """Whether ``cause`` is declared; if not, the error: '{what} unknown cause ...' and the nearest id."""
        if cause in self.causes:
            return True
        self.error(f"{what} unknown cause {shown(cause)}{_suggest_cause(cause, self.causes)}{hint}", node, key,
                   value=value, unknown_cause=str(cause))
        return False

    def _when(self, doc: Any, data: dict[str, Any]) -> tuple[Condition, dict[str, str]]:
        """The condition, and the names bound in every branch (what ``none`` and the consequence may use)."""
        when_node = doc["when"]
        self.partial = frozenset()
        bound_all: dict[str, str] = {}
        all_patterns = self._patterns(when_node, "all", bound_all) if "all" in data["when"] else ()
        alternatives: list[tuple[Pattern, ...]] = []
        branch_bindings: list[dict[str, str]] = []
        if "any" in data["when"]:
            names = [_bound_names(item) for item in data["when"]["any"]]
            for i, item in enumerate(when_node["any"]):
                bound = dict(bound_all)
                self.elsewhere = frozenset().union(*names[:i], *names[i + 1:]) - names[i]
                if "all" in item and "fact" not in item:
                    alternatives.append(self._patterns(item, "all", bound))
                else:
                    alternatives.append((self._pattern(when_node["any"], i, bound),))
                branch_bindings.append(bound)
            self.elsewhere = frozenset()
        else:
            branch_bindings.append(bound_all)
        # An alias usable by the consequence is one bound in every branch, to the same kind.
        common = dict(branch_bindings[0])
        for bound in branch_bindings[1:]:
            common = {a: k for a, k in common.items() if bound.get(a) == k}
        self.partial = frozenset(a for bound in branch_bindings for a in bound) - common.keys()
        none_patterns: tuple[Pattern, ...] = ()
        if "none" in data["when"]:
            none_patterns = tuple(
                self._pattern(when_node["none"], i, dict(common), negated=True)
                for i in range(len(when_node["none"]))
            )
        for i, pattern in enumerate(none_patterns):
            self._check_none_can_miss(pattern, all_patterns, alternatives, when_node["none"], i)
        return Condition(all=all_patterns, any=tuple(alternatives), none=none_patterns), common

    def _check_none_can_miss(self, absent: Pattern, all_patterns: tuple[Pattern, ...],
                             alternatives: list[tuple[Pattern, ...]], node: Any, index: int) -> None:
        """A 'none' pattern is tested against every fact of its kind, those the rule binds
        included: one that each fact a positive pattern binds meets by its own tests keeps the
        rule (or that alternative of 'any') from ever firing."""
        places = [("when/all", i, p) for i, p in enumerate(all_patterns)]
        places += [(f"when/any/{a}", i, p) for a, alt in enumerate(alternatives) for i, p in enumerate(alt)]
        for where, i, bound in places:
            if bound.kind == absent.kind and all(_implied(test, bound) for test in absent.tests):
                name = f"the {bound.kind} bound as {shown(bound.alias)}" if bound.alias else f"the {bound.kind}"
                scope = "the rule" if where == "when/all" else f"the alternative {where}"
                self.error(f"when/none/{index}: {name} ({where}/{i}) always meets this pattern itself (a 'none' "
                           f"pattern is tested against every fact of its kind, those the rule binds included), so "
                           f"{scope} can never fire; test a field that tells another {absent.kind} apart",
                           node, index)
                return

    def _patterns(self, node: Any, key: str, bound: dict[str, str]) -> tuple[Pattern, ...]:
        return tuple(self._pattern(node[key], i, bound) for i in range(len(node[key])))

    def _pattern(self, seq: Any, index: int, bound: dict[str, str], *, negated: bool = False) -> Pattern:
        node = seq[index]
        kind = node["fact"]
        spec = self.catalog.kinds.get(kind)
        if spec is None:
            self.error(f"unknown fact kind {shown(kind)}{_suggest(kind, self.catalog.kinds)}", node, "fact", value=True)
        alias = node.get("as")
        tests: list[FieldTest] = []
        where = node.get("where") or {}
        for field, test in where.items():
            fspec = spec.fields.get(field) if spec else None
            if spec is not None and fspec is None:
                hint = (_no_space(field, spec.fields) or _elsewhere(field, kind, self.catalog)
                        or _suggest(str(field), spec.fields))
                self.error(f"unknown field {shown(field)} of fact {kind}{hint} "
                           f"(known: {', '.join(spec.fields)})", where, field)
                continue
            own = self._tests(where, field, test, fspec, bound)
            why = _never_holds(own)
            if why:
                self.error(f"field {shown(field)}: {why}, so the rule can never fire", where, field)
            tests.extend(own)
        # Bound only after its own tests: a pattern cannot refer to itself.
        if alias is not None:
            if negated:
                self.error("a 'none' pattern cannot bind a name: nothing is matched", node, "as", value=True)
            elif alias in bound:
                self.error(f"name {shown(alias)} is bound twice in this rule", node, "as", value=True)
            else:
                bound[alias] = kind
        line, _ = yamlsource.position(node)
        return Pattern(kind=kind, alias=alias, tests=tuple(tests), line=line)

    def _tests(self, where: Any, field: str, test: Any, fspec: FieldSpec | None, bound: dict[str, str]) -> list[FieldTest]:
        if not isinstance(test, dict) or set(test) == {"ref"}:
            test = {"eq": test}
            node, key = where, field
        else:
            node, key = test, None
        out = []
        for op, operand in test.items():
            at_node, at_key = (node, op) if key is None else (where, field)
            if op in COMPARISONS:
                if isinstance(operand, dict) and "table" in operand:
                    one = self._table_value(operand, fspec, at_node, at_key, ordered=op in ("lt", "le", "gt", "ge"))
                    if one is not None:
                        out.append(FieldTest(field, op, one[0]))
                    continue
                if isinstance(operand, dict):
                    ref = self._ref(operand["ref"], bound, at_node, at_key, fspec)
                    out.append(FieldTest(field, op, ref))
                    continue
                self._check_value(fspec, operand, at_node, at_key, ordered=op in ("lt", "le", "gt", "ge"))
                out.append(FieldTest(field, op, operand))
            elif op in ("in", "not_in"):
                if isinstance(operand, dict):
                    values = self._table_values(operand, fspec, at_node, at_key)
                    if values is not None:
                        out.append(FieldTest(field, op, values))
                    continue
                for i, item in enumerate(operand):
                    self._check_value(fspec, item, test[op], i)
                out.append(FieldTest(field, op, tuple(operand)))
            elif op == "matches":
                if fspec is not None and fspec.type not in ("string", "enum"):
                    self.error(f"'matches' needs a text field; {field} is {fspec.type}", at_node, at_key, value=True)
                self._check_pattern(operand, at_node, at_key)
                out.append(FieldTest(field, op, operand))
            elif op == "exists":
                out.append(FieldTest(field, op, bool(operand)))
        return out

    def _table_value(self, table: Mapping[str, Any], fspec: FieldSpec | None, node: Any, key: Any, *,
                     ordered: bool) -> tuple[Any] | None:
        """The bound of ``ge: {table: K, field: F, where: {...}}``: field F of the rows of table K
        whose fields equal ``where``, which must agree on one value, so that a threshold the table
        states is compared with as if written here (None: an error was reported)."""
        values = self._table_values(table, None, node, key, what="there is no value to compare with")
        if values is None:
            return None
        if len(values) > 1:
            rows = ", ".join(map(repr, values))
            self.error(f"the rows of table {table['table']} that {'meet where' if table.get('where') else 'it has'} differ "
                       f"in {table['field']} ({rows}): a comparison needs one value; name one row with 'where'",
                       table, "where" if table.get("where") else "field", value=not table.get("where"))
            return None
        self._check_value(fspec, values[0], node, key, ordered=ordered)
        return (values[0],)

    def _table_values(self, table: Mapping[str, Any], fspec: FieldSpec | None, node: Any, key: Any, *,
                      what: str = "the list is empty") -> tuple[Any, ...] | None:
        """The values of ``in: {table: K, field: F, where: {...}}``: field F of the rows of the
        static knowledge table K (``mailexpert/data/knowledge.yaml``) whose fields equal
        ``where``, in the table's order. The table is the same in every session, so the list is
        made here, once, and the engine sees a plain list (None: an error was reported)."""
        from mailexpert.knowledge import knowledge_facts

        kind, wanted, where = table["table"], table["field"], table.get("where") or {}
        spec = self.catalog.kinds.get(kind)
        if spec is None or spec.family != "knowledge":
            tables = sorted(k for k, s in self.catalog.kinds.items() if s.family == "knowledge")
            self.error(f"{shown(kind)} is no knowledge table{_suggest(kind, tables)} (tables: {', '.join(tables)})",
                       table, "table", value=True)
            return None
        for name in (wanted, *where):
            if name not in spec.fields:
                own = name == wanted
                self.error(f"table {kind} has no field {shown(name)}{_suggest(str(name), spec.fields)} "
                           f"(known: {', '.join(spec.fields)})", table if own else where, "field" if own else name, value=own)
                return None
        values: list[Any] = []
        for row in knowledge_facts():
            if row.kind == kind and all(row.get(f) == v for f, v in where.items()) and row.get(wanted) not in values:
                values.append(row.get(wanted))
        if not values:
            rows = f"has {', '.join(f'{f} = {v!r}' for f, v in where.items())}" if where else "is given"
            self.error(f"no row of table {kind} {rows}, so {what}", table, "where" if where else "table", value=not where)
            return None
        for value in values:
            self._check_value(fspec, value, node, key)
        return tuple(values)

    def _column_in_pattern(self, pattern: str, line: int | None, col: int | None, pos: int | None) -> int | None:
        """The column of the pattern's ``pos``-th character, when the pattern stands on its line
        as written (plain, or quoted without escapes before it); else None."""
        if line is None or col is None or pos is None or "\n" in pattern:
            return None
        try:
            text = yamlsource.read_text(self.path, RuleFileError, userfile.LIMITS["rules"])
        except RuleFileError:
            return None
        raw = text.splitlines()[line - 1] if line <= text.count("\n") + 1 else ""
        start = col - 1 + (raw[col - 1: col] in ("'", '"'))
        return start + 1 + pos if raw[start:start + pos + 1] == pattern[:pos + 1] else None

    def _check_pattern(self, operand: Any, node: Any, key: Any) -> None:
        """The pattern compiles as the engine compiles it, and cannot backtrack catastrophically."""
        if not isinstance(operand, str):
            self.error("'matches' needs a regular expression (text)", node, key, value=True)
            return
        control = next((c for c in operand if ord(c) < 32 and c not in "\t\n\r"), None)
        if control is not None:
            # "\bword\b" in double quotes is YAML's backspace, a pattern that matches nothing.
            hint = " ('\\b' in double quotes is YAML's backspace, not a word boundary)" if control == "\b" else ""
            self.error(f"the regular expression holds the control character U+{ord(control):04X}{hint}; "
                       "write it in single quotes, where a backslash is the pattern's own", node, key, value=True)
            return
        import regex

        try:
            re.compile(operand)
            patterns.compile_pattern(operand)
        except (re.error, regex.error) as exc:
            line, col = yamlsource.position(node, key, value=True)
            at = self._column_in_pattern(operand, line, col, exc.pos)
            self.errors.append(RuleFileError(f"bad regular expression: {exc}", path=self.path, line=line,
                                             column=at if at is not None else col, rule_id=self.rule_id))
            return
        problem = patterns.hazard(operand)
        if problem:
            self.error(f"risky regular expression: {problem}", node, key, value=True)

    def _ref(self, text: str, bound: Mapping[str, str], node: Any, key: Any, fspec: FieldSpec | None) -> Ref:
        alias, _, field = text.partition(".")
        ref = Ref(alias, field)
        if alias not in bound:
            known = ", ".join(sorted(bound)) or "none"
            if alias in self.elsewhere:
                self.error(f"reference {shown(text)} names {shown(alias)}, which another alternative of 'any' binds "
                           f"(bound here: {known}): each alternative is matched on its own; bind {shown(alias)} in "
                           "'all' or in this alternative", node, key, value=True)
            elif alias in self.partial:
                self.error(f"reference {shown(text)} names {shown(alias)}, which not every alternative of 'any' binds to one fact "
                           f"kind (bound in all: {known}): bind {shown(alias)} in each alternative, or make each "
                           "alternative a rule of its own", node, key, value=True)
            else:
                self.error(f"reference {shown(text)} names {shown(alias)}, which is not bound earlier (bound: {known})",
                           node, key, value=True)
            return ref
        spec = self.catalog.kinds.get(bound[alias])
        if spec is not None:
            target = spec.fields.get(field)
            if target is None:
                self.error(f"reference {shown(text)}: fact {spec.kind} has no field {shown(field)}", node, key, value=True)
            elif fspec is not None and _type_family(target) != _type_family(fspec):
                self.error(
                    f"reference {shown(text)} compares {fspec.type} field {shown(fspec.name)} with {target.type} field {shown(field)}",
                    node, key, value=True,
                )
        return ref

    def _check_value(self, fspec: FieldSpec | None, value: Any, node: Any, key: Any, *, ordered: bool = False) -> None:
        if fspec is None:
            return
        if ordered and fspec.type not in ("int", "float"):
            self.error(f"field {shown(fspec.name)} is {fspec.type}; order comparisons need a number", node, key, value=True)
            return
        try:
            fspec.check("", value)
        except FactError as exc:
            message = str(exc).replace(" of fact ", "", 1) if " of fact " in str(exc) else str(exc)
            self.error(message.replace("field", "value for field", 1), node, key, value=True)

    def _template(self, text: str, bound: Mapping[str, str], node: Any, key: Any) -> None:
        try:
            parsed = list(placeholders(text))
        except ValueError as exc:
            self.error(f"bad template: {exc} (a placeholder is {{alias.field}}; a brace meant as text is "
                       "written twice: '{{' or '}}')", node, key, value=True)
            return
        for name, format_spec, conversion in parsed:
            alias, dot, field = name.partition(".")
            if name == PORTS_PLACEHOLDER and alias not in bound:
                _, wrong = port_selection(format_spec)
                if wrong or conversion:
                    self.error(f"placeholder {{{name}:{format_spec}}}: {wrong or 'takes no conversion'}", node, key, value=True)
                continue
            if not dot:
                self.error(f"placeholder {{{name}}} must be {{name.field}}", node, key, value=True)
                continue
            if alias not in bound:
                known = ", ".join(sorted(bound)) or "none"
                self.error(f"placeholder {{{name}}} names {shown(alias)}, not bound in every branch (bound: {known})", node, key, value=True)
                continue
            spec = self.catalog.kinds.get(bound[alias])
            if spec is not None and field not in spec.fields:
                self.error(f"placeholder {{{name}}}: fact {spec.kind} has no field {shown(field)}", node, key, value=True)
            elif spec is not None and (conversion or format_spec):
                self._check_format(spec.fields[field], name, conversion, format_spec, node, key)

    def _check_format(self, fspec: FieldSpec, name: str, conversion: str | None, format_spec: str,
                      node: Any, key: Any) -> None:
        """A format spec must suit the field's type: ``{r.text:d}`` can never be rendered."""
        sample = {"int": 0, "float": 0.0, "bool": False}.get(fspec.type, "")
        try:
            if conversion not in (None, "r", "s", "a"):
                raise ValueError(f"unknown conversion !{conversion}")
            format(sample, format_spec)
        except ValueError as exc:
            self.error(f"placeholder {{{name}}}: format {shown(format_spec)} does not suit {fspec.type} field: {exc}",
                       node, key, value=True)

    def _consequence(self, doc: Any, data: dict[str, Any], key: str, bound: Mapping[str, str]) -> Any:
        node = doc[key]
        body = data[key]
        if key == "diagnosis":
            self._template(body["summary"], bound, node, "summary")
            self._template(body["explanation"], bound, node, "explanation")
            for i, step in enumerate(body["fix"]):
                self._template(step, bound, node["fix"], i)
            for i, url in enumerate(body.get("references", [])):
                parsed = urlparse(url)
                if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in url:
                    self.error(f"reference {shown(url)} is not a well-formed http(s) URL", node["references"], i)
            return DiagnosisSpec(
                summary=body["summary"],
                explanation=body["explanation"],
                fix=tuple(body["fix"]),
                references=tuple(body.get("references", [])),
            )
        if key == "derive":
            spec = self.catalog.kinds.get(body["fact"])
            if spec is None:
                self.error(f"derives unknown fact kind {shown(body['fact'])}", node, "fact", value=True)
                return None
            fields: dict[str, Any] = {}  # scalar, template text or Ref, as rulemodel's fields
            for fname, value in body["fields"].items():
                fspec = spec.fields.get(fname)
                if fspec is None:
                    hint = _elsewhere(fname, spec.kind, self.catalog) or _suggest(str(fname), spec.fields)
                    self.error(f"unknown field {shown(fname)} of fact {spec.kind}{hint} "
                               f"(known: {', '.join(spec.fields)})", node["fields"], fname)
                    continue
                if isinstance(value, dict):
                    fields[fname] = self._ref(value["ref"], bound, node["fields"], fname, fspec)
                elif isinstance(value, str) and "{" in value:
                    self._template(value, bound, node["fields"], fname)
                    fields[fname] = value
                else:
                    self._check_value(fspec, value, node["fields"], fname)
                    fields[fname] = value
            missing = [n for n in spec.required if n not in body["fields"]]
            if missing:
                self.error(f"derived fact {spec.kind} lacks required field(s) {', '.join(missing)}", node, "fields")
            return DeriveSpec(kind=spec.kind, fields=fields)
        if key == "probe":
            args = {}
            for name, value in body["args"].items():
                if isinstance(value, dict):
                    args[name] = self._ref(value["ref"], bound, node["args"], name, None)
                else:
                    if isinstance(value, str):
                        self._template(value, bound, node["args"], name)
                    args[name] = value
            return ProbeSpec(name=body["name"], args=args, why=body.get("why", ""))
        self._template(body["text"], bound, node, "text")
        return AskSpec(
            question=body["question"],
            text=body["text"],
            choices=tuple(body.get("choices", ())),
            why=body.get("why", ""),
        )

    def _examples(self, doc: Any, key: str) -> tuple[Example, ...]:
        out = []
        seq = doc["examples"][key]
        for i, example in enumerate(seq):
            facts = []
            for j, raw in enumerate(example["facts"]):
                try:
                    facts.append(self.catalog.from_dict(yamlsource.plain(raw)))
                except FactError as exc:
                    node, fkey = example["facts"][j], None
                    if exc.field is not None and isinstance(node, dict) and exc.field in node:
                        fkey = exc.field
                    self.error(f"example {key}[{i}]: {exc}", node, fkey, value=fkey is not None)
            line, column = yamlsource.position(seq, i)
            out.append(
                Example(
                    facts=tuple(facts),
                    name=str(example.get("name", "")),
                    summary_contains=example.get("summary_contains"),
                    line=line,
                    column=column,
                )
            )
        return tuple(out)


def _never_holds(tests: list[FieldTest]) -> str | None:
    """Why no value of one field meets every one of its tests (their constants alone decide
    it), or None. A test on a referenced field is left out: its value is known only in a run."""
    if not tests:
        return None
    words = ", ".join(map(str, tests))
    if any(t.op == "exists" and t.value is False for t in tests) and len(tests) > 1:
        return f"it must be absent, and every other test is false on an absent field ({words})"
    # a pattern is left out too: whether it can match a value is not decided here
    fixed = [t for t in tests if not isinstance(t.value, Ref) and t.op not in ("exists", "matches")]
    allowed: set[Any] | None = None  # the values eq/in leave, when they name any
    for t in fixed:
        if t.op in ("eq", "in"):
            values = {t.value} if t.op == "eq" else set(t.value)
            allowed = values if allowed is None else allowed & values
    if allowed is not None:
        if not any(all(t.holds(v) for t in fixed) for v in allowed):
            return f"no value meets every test ({words})"
        return None
    low = [t for t in fixed if t.op in ("gt", "ge") and isinstance(t.value, int | float)]
    high = [t for t in fixed if t.op in ("lt", "le") and isinstance(t.value, int | float)]
    for lo in low:
        for hi in high:
            if lo.value > hi.value or (lo.value == hi.value and (lo.op == "gt" or hi.op == "lt")):
                return f"no number meets every test ({words})"
    return None


def _implied(test: FieldTest, pattern: Pattern) -> bool:
    """Whether every fact ``pattern`` matches (bound to its own name) meets ``test`` too."""
    if isinstance(test.value, Ref):
        return test.op in ("eq", "le", "ge") and test.value == Ref(pattern.alias or "", test.field)
    own = [t for t in pattern.tests if t.field == test.field]
    if test.op == "exists":
        return test.value is True and any(not (t.op == "exists" and t.value is False) for t in own)
    if test in own:
        return True
    if test.op == "in":
        return any((t.op == "eq" and not isinstance(t.value, Ref) and t.value in test.value)
                   or (t.op == "in" and set(t.value) <= set(test.value)) for t in own)
    return False


def _bound_names(item: Any) -> frozenset[str]:
    """The names an alternative of ``any`` (a pattern or ``{all: [...]}``) binds, as written."""
    patterns = item.get("all") if isinstance(item, dict) and "fact" not in item else [item]
    return frozenset(p["as"] for p in patterns or () if isinstance(p, dict) and isinstance(p.get("as"), str))


def _no_space(name: Any, known: Any) -> str:
    """The hint for ``{eq:permanent}``, which YAML reads as one key 'eq:permanent' with no value."""
    head, colon, rest = str(name).partition(":")
    return f" (write a space after the ':': '{head}: {rest}')" if colon and head in known else ""


def _elsewhere(name: Any, kind: str, catalog: FactCatalog) -> str:
    """The hint for a field the kind lacks but other kinds have (``outcome`` on a server.reply):
    a close spelling among the kind's own fields would mislead there, so name the kinds that have it."""
    kinds = sorted(k for k, spec in catalog.kinds.items() if k != kind and name in spec.fields)
    if not kinds:
        return ""
    more = f" and {len(kinds) - 5} more" if len(kinds) > 5 else ""
    return f" ({shown(name)} is a field of {', '.join(kinds[:5])}{more}: test it in a pattern of that kind)"


def _suggest_operator(op: Any) -> str:
    import difflib

    text = str(op).lower()
    best = _OPERATOR_ALIASES.get(text) or next(iter(difflib.get_close_matches(text, OPERATORS, n=1, cutoff=0.5)), None)
    return f" (did you mean {best!r}?)" if best else ""


def _suggest_cause(cause: Any, causes: Mapping[str, Cause]) -> str:
    import difflib

    close = difflib.get_close_matches(str(cause), list(causes), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _type_family(spec: FieldSpec) -> str:
    return {"int": "number", "float": "number", "enum": "text", "string": "text"}.get(spec.type, spec.type)


def _locate(doc: Any, path: list[Any]) -> tuple[Any, Any]:
    """The deepest (container, key) of the positioned tree along a JSON-Schema error path."""
    node, key = doc, None
    for step in path:
        try:
            child = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(child, dict | list):
            node, key = child, None
        else:
            key = step
            break
    return node, key


def _most_specific(errors: list[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    from jsonschema.exceptions import best_match as jsonschema_best_match

    """One error per location: for oneOf/anyOf failures, the best-matching sub-error."""
    out: dict[tuple[Any, ...], jsonschema.ValidationError] = {}
    for err in errors:
        best = jsonschema_best_match([err]) if err.context else err
        if err.validator == "oneOf" and not err.absolute_path:
            best = err  # "exactly one consequence": say that, not a sub-branch's complaint
        where = tuple(best.absolute_path)
        out.setdefault(where, best)
    return list(out.values())


#: The shapes of names in mailexpert/schema/rule.schema.json, in words.
_NAME_SHAPES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "lower case letters and digits, words joined by one '-': recipient-mailbox-full",
    "^[a-z0-9][a-z0-9-]*$": "lower case letters, digits and '-': server-side",
    "^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$": "a fact kind, lower case words joined by '.': server.reply",
    "^[a-z][a-z0-9_]{0,30}$": "a lower case letter, then up to 30 letters, digits or '_': r, smtp, open_port",
    "^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$": "NAME.FIELD in lower case: r.host",
}
#: What each operator of a field test takes, in words (the operand shapes of rule.schema.json's
#: $defs/values and $defs/bound), for an operand that fits none of them.
_LIST_OPERAND = ("a list of values ([550, 554]), or the values of a knowledge table's field "
                 "({table: mail.port, field: port})")
_ONE_OPERAND = ("one value (a text, a number, true or false), {ref: NAME.FIELD}, or the one value of a "
                "knowledge table's field ({table: loss.intermittent, field: from_pct})")
_OPERAND_SHAPES = {"in": _LIST_OPERAND, "not_in": _LIST_OPERAND,
                   **{op: _ONE_OPERAND for op in ("eq", "ne", "lt", "le", "gt", "ge")}}
_A_TYPE = {"string": "a text", "array": "a list", "object": "a mapping", "integer": "a whole number",
           "boolean": "true or false", "number": "a number"}


def _a_value(value: Any) -> str:
    """What a value someone wrote is, in words: 'a mapping', "a text ('25')"."""
    if isinstance(value, dict):
        return "a mapping (key: value)"
    if isinstance(value, list):
        return "a list"
    kind = {bool: "true or false", int: "a whole number", float: "a number", str: "a text"}.get(type(value), "a value")
    return f"{kind} ({shown(value)})"


def _explain_schema_error(err: jsonschema.ValidationError) -> str:
    if err.validator == "oneOf" and not err.absolute_path:
        return "a rule needs exactly one consequence: diagnosis, derive, probe or ask"
    alternatives = err.validator_value if err.validator in ("anyOf", "oneOf") else None
    if isinstance(alternatives, list) and all(isinstance(a, dict) and set(a) == {"required"} for a in alternatives):
        # "{} is not valid under any of the given schemas" says nothing: name the keys it lacks
        needed = " or ".join(repr(key) for a in alternatives for key in a["required"])
        return f"needs {needed}" + (f", not {shown(err.instance)}" if not err.instance else "")
    operator = err.absolute_path[-1] if err.absolute_path else None
    if isinstance(alternatives, list) and operator in _OPERAND_SHAPES:
        # "550 is not valid under any of the given schemas" names no shape: say what the operator takes
        return f"{shown(operator)} takes {_OPERAND_SHAPES[operator]}, not {_a_value(err.instance)}"
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        known = ", ".join(err.schema.get("properties", {}))
        hint = _suggest(str(extra[0]), err.schema.get("properties", {})) if len(extra) == 1 else ""
        return f"unknown key {', '.join(map(repr, extra))}{hint} (known: {known})"
    if err.validator == "required":
        import difflib

        # one error per place is shown: a misspelt key is the likely reason a required one lacks
        known = err.schema.get("properties", {})
        typo = next((k for k in err.instance if k not in known and isinstance(k, str)
                     and difflib.get_close_matches(k, err.validator_value, n=1, cutoff=0.6)), None) \
            if isinstance(err.instance, dict) else None
        said = err.message.replace("is a required property", "is required")
        return f"{said} ({shown(typo)} is no key here: a misspelling of it?)" if typo else said
    if err.validator == "enum":
        return f"{shown(err.instance)} is not one of {', '.join(map(str, err.validator_value))}"
    if err.validator == "pattern":
        words = _NAME_SHAPES.get(err.validator_value, f"expected {err.validator_value}")
        return f"{shown(err.instance)} is not a valid name here ({words})"
    if err.validator == "type":
        wanted = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        write = " or ".join(_A_TYPE.get(str(w), str(w)) for w in wanted)
        if err.instance is None:
            # `fix:` with its list item left as a bare '-', or a key with nothing after its ':'
            return f"is empty (nothing after its '-' or ':'); write {write}"
        hint = ""
        if "string" in wanted and isinstance(err.instance, dict) and len(err.instance) == 1:
            # `- Then: send again.` is a mapping to YAML
            hint = "; quote a text that holds ': ', or YAML reads a key in it: - \"Then: send again.\""
        return f"is {_a_value(err.instance)}; write {write}{hint}"
    if err.validator == "maxLength" and isinstance(err.instance, str):
        return f"a text of {len(err.instance):,} characters is too long (at most {err.validator_value})"
    # jsonschema quotes the value in full: a huge one would bury the message
    return str(err.message).replace(repr(err.instance), shown(err.instance), 1)
