"""Rule files: YAML → validated, immutable rule specifications with source positions.

One file holds one rule (``rules/<area>/<id>.yaml``). Loading happens in two passes:
the structure is checked against the published JSON Schema
(``mailexpert/schema/rule.schema.json``), then cross-checks that a schema cannot express
run against the fact templates and the cause catalogue: fact kinds and fields exist,
values fit the field types, references are bound earlier in the rule, template
placeholders name bound facts, ids are unique and equal the file name, causes are known,
URLs are well-formed, regular expressions compile, and each example fact is valid.

Every error is a :class:`RuleFileError` carrying ``file:line:column`` and the rule id;
:func:`lint` collects all of them instead of stopping at the first.
"""

from __future__ import annotations

import functools
import json
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import attrs


if TYPE_CHECKING:  # jsonschema is imported where it is used: most commands never check a schema
    import jsonschema

from mailexpert import patterns, userfile, yamlsource
from mailexpert.errors import FactError, RuleFileError
from mailexpert.facts import Fact, FactCatalog, FieldSpec, data_dir

SEVERITIES = ("error", "warning", "info")
COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")
#: Every operator a field test may use (and ``ref``, a field of a fact bound earlier).
OPERATORS = (*COMPARISONS, "in", "not_in", "matches", "exists")
#: Spellings from other languages, mapped to ours for the "did you mean" hint.
_OPERATOR_ALIASES = {"equals": "eq", "is": "eq", "==": "eq", "=": "eq", "!=": "ne", "not": "ne", "neq": "ne",
                     "gte": "ge", ">=": "ge", "lte": "le", "<=": "le", ">": "gt", "<": "lt",
                     "regex": "matches", "match": "matches", "re": "matches", "contains": "matches",
                     "like": "matches", "one_of": "in", "nin": "not_in", "not in": "not_in", "exist": "exists",
                     "present": "exists", "has": "exists"}


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


@attrs.frozen
class Pattern:
    kind: str
    alias: str | None
    tests: tuple[FieldTest, ...]
    line: int | None = None


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


@functools.cache
def _codec() -> Any:
    """The classes a cached rule may be made of (see :mod:`mailexpert.rulecache`)."""
    from mailexpert.rulecache import Codec

    return Codec([Ref, FieldTest, Pattern, Condition, DiagnosisSpec, DeriveSpec, ProbeSpec, AskSpec, Example, Rule, Fact])


# --- loading ----------------------------------------------------------------------


@functools.cache
def rule_schema() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "schema" / "rule.schema.json").read_text(encoding="utf-8"))


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema

    schema = rule_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


#: The file of a rule folder that declares causes instead of holding a rule.
CAUSES_FILE = "causes.yaml"
_CAUSE_KEYS = {"id", "area", "title", "fix", "severity", "overrides", "fallback"}
_CAUSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _is_causes_file(path: Path) -> bool:
    return path.name in (CAUSES_FILE, "causes.yml")


def _read_causes(path: Path, *, builtin: bool) -> tuple[list[tuple[Cause, bool]], list[RuleFileError]]:
    """The causes one ``causes.yaml`` declares, each with its ``overrides`` flag, and its errors."""
    errors: list[RuleFileError] = []

    def error(message: str, node: Any = None, key: Any = None, *, value: bool = False) -> None:
        line, col = yamlsource.position(node, key, value=value) if node is not None else (None, None)
        errors.append(RuleFileError(message, path=path, line=line, column=col))

    try:
        doc = yamlsource.load_file(path, RuleFileError, userfile.LIMITS["rules"])
    except RuleFileError as exc:
        return [], [exc]
    if not isinstance(doc, dict) or not isinstance(doc.get("causes"), list):
        error("a causes file holds 'causes:', a list of {id, area, title, fix, severity}", doc)
        return [], errors
    out: list[tuple[Cause, bool]] = []
    for i, item in enumerate(doc["causes"]):
        if not isinstance(item, dict):
            error("each cause is a mapping: id, area, title, fix (and optionally severity, overrides)",
                  doc["causes"], i, value=True)
            continue
        before = len(errors)
        for key in item:
            if key not in _CAUSE_KEYS:
                error(f"unknown key {key!r} (known: {', '.join(sorted(_CAUSE_KEYS))})", item, key)
        for key in ("id", "area", "title", "fix"):
            if not isinstance(item.get(key), str) or not item.get(key, "").strip():
                error(f"a cause needs '{key}' (text)", item, key if key in item else None, value=key in item)
        if isinstance(item.get("id"), str) and not _CAUSE_ID.match(item["id"]):
            error(f"cause id {item['id']!r} must be lower case letters, digits and '-'", item, "id", value=True)
        if "severity" in item and item["severity"] not in SEVERITIES:
            error(f"severity {item['severity']!r} is not one of {', '.join(SEVERITIES)}", item, "severity", value=True)
        if "overrides" in item and not isinstance(item["overrides"], bool):
            error("overrides is true or false", item, "overrides", value=True)
        if len(errors) > before:
            continue
        line, _ = yamlsource.position(item)
        out.append((Cause(item["id"], item["area"], item["title"], " ".join(item["fix"].split()),
                          item.get("severity"), str(path), line, builtin, bool(item.get("fallback"))),
                    bool(item.get("overrides"))))
    return out, errors


@functools.cache
def cause_catalogue() -> dict[str, Cause]:
    """The built-in causes (``causes.yaml`` of the built-in rule folder)."""
    causes, errors = _read_causes(data_dir("rules") / CAUSES_FILE, builtin=True)
    if errors:
        raise errors[0]
    return {c.id: c for c, _ in causes}


def causes_files(folders: Iterable[str | Path]) -> list[Path]:
    """Every ``causes.yaml`` in the folders (a folder's own and its subfolders'), built-in excluded."""
    builtin = data_dir("rules").resolve()
    out: list[Path] = []
    for folder in folders:
        folder = Path(folder)
        if folder.is_file():
            if _is_causes_file(folder) and folder.resolve().parent != builtin:
                out.append(folder)
        elif folder.is_dir() and folder.resolve() != builtin:
            out.extend(sorted(p for p in folder.rglob("causes.y*ml") if _is_causes_file(p) and not p.is_dir()))
    return out


def load_causes(folders: Iterable[str | Path] = ()) -> tuple[dict[str, Cause], list[RuleFileError]]:
    """The built-in causes plus those the folders declare. A folder's cause may not reuse a
    built-in id unless it says ``overrides: true``, nor an id another folder declares."""
    causes = dict(cause_catalogue())
    errors: list[RuleFileError] = []
    declared: dict[str, Cause] = {}
    for path in causes_files(folders):
        found, errs = _read_causes(path, builtin=False)
        errors.extend(errs)
        for cause, overrides in found:
            if cause.id in declared:
                errors.append(RuleFileError(f"cause {cause.id!r} is declared twice (also in {declared[cause.id].path}:"
                                            f"{declared[cause.id].line})", path=path, line=cause.line))
                continue
            builtin = cause_catalogue().get(cause.id)
            if builtin is not None and not overrides:
                errors.append(RuleFileError(
                    f"cause {cause.id!r} is a built-in cause ({builtin.title!r}); choose another id, "
                    "or add 'overrides: true' to replace the built-in one", path=path, line=cause.line))
                continue
            if builtin is None and overrides:
                errors.append(RuleFileError(f"cause {cause.id!r} overrides no built-in cause; remove 'overrides'",
                                            path=path, line=cause.line))
                continue
            declared[cause.id] = cause
            causes[cause.id] = cause
    return causes, errors


def folder_causes(folders: Iterable[str | Path]) -> dict[str, Cause]:
    """Only the causes the (user) folders declare themselves."""
    causes, _ = load_causes(folders)
    return {i: c for i, c in causes.items() if not c.builtin}


def rule_files(folders: Iterable[str | Path]) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` rule file below the folders, in a stable order (causes files aside).

    A FIFO or a link to a device named like a rule file is kept, so that reading it refuses it
    with a message instead of skipping it in silence."""
    files: list[Path] = []
    for folder in folders:
        folder = Path(folder)
        if folder.exists() and not folder.is_dir():
            if not _is_causes_file(folder):
                files.append(folder)
            continue
        if not folder.is_dir():
            raise RuleFileError("rule folder does not exist", path=folder)
        files.extend(sorted(p for p in folder.rglob("*")
                            if p.suffix in (".yaml", ".yml") and not p.is_dir() and not _is_causes_file(p)))
    return files


def load_rules(
    folders: Iterable[str | Path] | None = None,
    catalog: FactCatalog | None = None,
    *,
    causes: Mapping[str, Cause] | None = None,
) -> list[Rule]:
    """Load and check every rule in the folders; raise the first error (see :func:`lint` for all).

    With the built-in fact templates and cause catalogue, rules checked once are kept in the
    rule cache (:mod:`mailexpert.rulecache`) under the hash of every input of the check.
    """
    from mailexpert import rulecache
    from mailexpert.facts import default_catalog

    entry = None
    if causes is None and (catalog is None or catalog is default_catalog()):
        try:
            entry = rulecache.key(_check_inputs(folders))
        except (OSError, RuleFileError):
            entry = None  # a missing folder or file: the full check says which, with its position
    if entry is not None:
        cached = rulecache.read(entry, _codec())
        if cached is not None:
            return cached
    rules, errors = _load_all(folders, catalog, causes)
    if errors:
        raise errors[0]
    if entry is not None:
        rulecache.write(entry, rules, _codec())
    return rules


def _check_inputs(folders: Iterable[str | Path] | None) -> list[Path]:
    """Every file whose bytes decide what checking the rule folders gives: the rule files, the
    fact templates, the cause catalogue, the schema, and the checker's own source."""
    folders = list(folders) if folders is not None else [data_dir("rules")]
    here = Path(__file__).resolve().parent
    templates = sorted(p for p in data_dir("facts").rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    own = [here / name for name in ("rulefile.py", "facts.py", "yamlsource.py", "strata.py", "rulecache.py",
                                    "userfile.py", "patterns.py")]
    return [
        *rule_files(folders),
        *templates,
        data_dir("rules") / CAUSES_FILE,
        *causes_files(folders),
        here / "schema" / "rule.schema.json",
        *own,
    ]


def lint(
    folders: Iterable[str | Path] | None = None,
    catalog: FactCatalog | None = None,
    *,
    causes: Mapping[str, Cause] | None = None,
) -> list[RuleFileError]:
    """Every problem in the rule folders, each positioned; an empty list means clean."""
    return _load_all(folders, catalog, causes)[1]


def _load_all(
    folders: Iterable[str | Path] | None,
    catalog: FactCatalog | None,
    causes: Mapping[str, Cause] | None,
) -> tuple[list[Rule], list[RuleFileError]]:
    from mailexpert.facts import default_catalog

    catalog = catalog or default_catalog()
    folders = list(folders) if folders is not None else [data_dir("rules")]
    rules: list[Rule] = []
    errors: list[RuleFileError] = []
    try:
        paths = rule_files(folders)
    except RuleFileError as exc:
        return [], [exc]
    if causes is None:
        causes, errors = load_causes(folders)
    seen: dict[str, Rule] = {}
    for path in paths:
        checker = _RuleChecker(path, catalog, causes)
        rule = checker.check()
        errors.extend(checker.errors)
        if rule is None:
            continue
        if rule.id in seen:
            errors.append(
                RuleFileError(
                    f"rule id {rule.id!r} is used twice (also in {seen[rule.id].path})",
                    path=path, line=rule.line, column=1, rule_id=rule.id,
                )
            )
            continue
        seen[rule.id] = rule
        rules.append(rule)
    if not errors:
        errors.extend(_check_rule_base(rules))
    return rules, errors


def _check_rule_base(rules: Sequence[Rule]) -> list[RuleFileError]:
    """Checks across rules: no cycle through negation (each file's own checks ran already)."""
    errors = []
    from mailexpert.strata import StratificationError, stratify

    try:
        stratify(rules)
    except StratificationError as exc:
        rule = exc.rule
        errors.append(RuleFileError(str(exc), path=rule.path, line=rule.line, column=1, rule_id=rule.id))
    return errors




class _RuleChecker:
    """Checks one rule file; gathers every error with its position instead of stopping."""

    def __init__(self, path: Path, catalog: FactCatalog, causes: Mapping[str, Cause]) -> None:
        self.path = path
        self.catalog = catalog
        self.causes = causes
        self.errors: list[RuleFileError] = []
        self.rule_id: str | None = None

    def error(self, message: str, node: Any = None, key: Any = None, *, value: bool = False) -> None:
        line, col = yamlsource.position(node, key, value=value) if node is not None else (None, None)
        self.errors.append(RuleFileError(message, path=self.path, line=line, column=col, rule_id=self.rule_id))

    # -- structure

    def check(self) -> Rule | None:
        try:
            doc = yamlsource.load_file(self.path, RuleFileError, userfile.LIMITS["rules"])
        except RuleFileError as exc:
            self.errors.append(exc)
            return None
        if not isinstance(doc, dict):
            self.error("a rule file must be a mapping (id, title, area, when, ...)", doc)
            return None
        if isinstance(doc.get("id"), str):
            self.rule_id = doc["id"]
        data = yamlsource.plain(doc)
        schema_errors = sorted(_validator().iter_errors(data), key=lambda e: (list(e.absolute_path), e.message))
        if schema_errors:
            for err in _most_specific(schema_errors):
                self._schema_error(doc, err)
            return None
        return self._build(doc, data)

    def _schema_error(self, doc: Any, err: jsonschema.ValidationError) -> None:
        node, key = _locate(doc, list(err.absolute_path))
        path = list(err.absolute_path)
        if len(path) >= 2 and path[-2] == "where" and isinstance(err.instance, dict):
            unknown = [op for op in err.instance if op not in (*OPERATORS, "ref")]
            if unknown and isinstance(node, dict):
                for op in unknown:
                    self.error(f"{'/'.join(map(str, path))}: unknown operator {op!r}{_suggest_operator(op)}; "
                               f"the operators are {', '.join(OPERATORS)}, and ref: NAME.FIELD", node, op)
                return
        where = "/".join(str(p) for p in err.absolute_path) or "rule"
        value = key is not None
        if err.validator == "additionalProperties" and key is None and isinstance(node, dict):
            # Point at the first unknown key itself, not at the mapping that holds it.
            extra = [k for k in node if k not in err.schema.get("properties", {})]
            key, value = (extra[0] if extra else None), False
        self.error(f"{where}: {_explain_schema_error(err)}", node, key, value=value)

    # -- cross-checks

    def _build(self, doc: Any, data: dict[str, Any]) -> Rule | None:
        before = len(self.errors)
        rule_id = data["id"]
        if rule_id != self.path.stem:
            self.error(f"rule id {rule_id!r} must equal the file name {self.path.stem!r}", doc, "id", value=True)
        consequence_key = next(k for k in ("diagnosis", "derive", "probe", "ask") if k in data)
        cause = data.get("cause", rule_id if consequence_key == "diagnosis" else None)
        if consequence_key == "diagnosis":
            if cause not in self.causes:
                node_key = "cause" if "cause" in data else "id"
                self.error(
                    f"diagnosis names unknown cause {cause!r}{_suggest_cause(cause, self.causes)}; name a "
                    f"cause with 'cause:', or declare it in this folder's {CAUSES_FILE}",
                    doc, node_key, value=True,
                )
            if cause in self.causes and data["area"] != self.causes[cause].area:
                self.error(f"area {data['area']!r} differs from the area of cause {cause!r} "
                           f"({self.causes[cause].area!r})", doc, "area", value=True)
            default = self.causes[cause].severity if cause in self.causes else None
            for key in ("severity", "confidence"):
                if key not in data and not (key == "severity" and default):
                    self.error(f"a diagnosis rule needs '{key}'", doc)
        else:
            if "cause" in data:
                self.error("only a diagnosis rule names a cause", doc, "cause")
            areas = {c.area for c in self.causes.values()} | {"shared"}
            if data["area"] not in areas:
                self.error(f"area {data['area']!r} is not the area of any cause (known: {', '.join(sorted(areas))})",
                           doc, "area", value=True)
        for i, target in enumerate(data.get("supersedes", [])):
            if target not in self.causes:
                self.error(f"supersedes unknown cause {target!r}", doc["supersedes"], i)

        when_node = doc["when"]
        bound_all: dict[str, str] = {}
        all_patterns = self._patterns(when_node, "all", bound_all) if "all" in data["when"] else ()
        alternatives: list[tuple[Pattern, ...]] = []
        branch_bindings: list[dict[str, str]] = []
        if "any" in data["when"]:
            for i, item in enumerate(when_node["any"]):
                bound = dict(bound_all)
                if "all" in item and "fact" not in item:
                    alternatives.append(self._patterns(item, "all", bound))
                else:
                    alternatives.append((self._pattern(when_node["any"], i, bound),))
                branch_bindings.append(bound)
        else:
            branch_bindings.append(bound_all)
        # An alias usable by the consequence is one bound in every branch, to the same kind.
        common = dict(branch_bindings[0])
        for bound in branch_bindings[1:]:
            common = {a: k for a, k in common.items() if bound.get(a) == k}
        none_patterns: tuple[Pattern, ...] = ()
        if "none" in data["when"]:
            none_patterns = tuple(
                self._pattern(when_node["none"], i, dict(common), negated=True)
                for i in range(len(when_node["none"]))
            )

        consequence = self._consequence(doc, data, consequence_key, common)
        fires = self._examples(doc, "fires")
        silent = self._examples(doc, "silent")
        if len(self.errors) > before:
            return None
        line, _ = yamlsource.position(doc)
        return Rule(
            id=rule_id,
            cause=cause,
            title=data["title"],
            area=data["area"],
            severity=data.get("severity") or (self.causes[cause].severity if cause in self.causes else None),
            confidence=data.get("confidence"),
            when=Condition(all=all_patterns, any=tuple(alternatives), none=none_patterns),
            consequence=consequence,
            supersedes=tuple(data.get("supersedes", [])),
            fires=fires,
            silent=silent,
            path=str(self.path),
            line=line or 1,
        )

    def _patterns(self, node: Any, key: str, bound: dict[str, str]) -> tuple[Pattern, ...]:
        return tuple(self._pattern(node[key], i, bound) for i in range(len(node[key])))

    def _pattern(self, seq: Any, index: int, bound: dict[str, str], *, negated: bool = False) -> Pattern:
        node = seq[index]
        kind = node["fact"]
        spec = self.catalog.kinds.get(kind)
        if spec is None:
            from mailexpert.facts import _suggest

            self.error(f"unknown fact kind {kind!r}{_suggest(kind, self.catalog.kinds)}", node, "fact", value=True)
        alias = node.get("as")
        tests: list[FieldTest] = []
        where = node.get("where") or {}
        for field, test in where.items():
            fspec = spec.fields.get(field) if spec else None
            if spec is not None and fspec is None:
                self.error(
                    f"unknown field {field!r} of fact {kind} (known: {', '.join(spec.fields)})", where, field
                )
                continue
            tests.extend(self._tests(where, field, test, fspec, bound))
        # Bound only after its own tests: a pattern cannot refer to itself.
        if alias is not None:
            if negated:
                self.error("a 'none' pattern cannot bind a name: nothing is matched", node, "as", value=True)
            elif alias in bound:
                self.error(f"name {alias!r} is bound twice in this rule", node, "as", value=True)
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
                if isinstance(operand, dict):
                    ref = self._ref(operand["ref"], bound, at_node, at_key, fspec)
                    out.append(FieldTest(field, op, ref))
                    continue
                self._check_value(fspec, operand, at_node, at_key, ordered=op in ("lt", "le", "gt", "ge"))
                out.append(FieldTest(field, op, operand))
            elif op in ("in", "not_in"):
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

    def _check_pattern(self, operand: Any, node: Any, key: Any) -> None:
        """The pattern compiles as the engine compiles it, and cannot backtrack catastrophically."""
        if not isinstance(operand, str):
            self.error("'matches' needs a regular expression (text)", node, key, value=True)
            return
        import regex

        try:
            re.compile(operand)
            patterns.compile_pattern(operand)
        except (re.error, regex.error) as exc:
            self.error(f"bad regular expression: {exc}", node, key, value=True)
            return
        problem = patterns.hazard(operand)
        if problem:
            self.error(f"risky regular expression: {problem}", node, key, value=True)

    def _ref(self, text: str, bound: Mapping[str, str], node: Any, key: Any, fspec: FieldSpec | None) -> Ref:
        alias, _, field = text.partition(".")
        ref = Ref(alias, field)
        if alias not in bound:
            known = ", ".join(sorted(bound)) or "none"
            self.error(f"reference {text!r} names {alias!r}, which is not bound earlier (bound: {known})", node, key, value=True)
            return ref
        spec = self.catalog.kinds.get(bound[alias])
        if spec is not None:
            target = spec.fields.get(field)
            if target is None:
                self.error(f"reference {text!r}: fact {spec.kind} has no field {field!r}", node, key, value=True)
            elif fspec is not None and _type_family(target) != _type_family(fspec):
                self.error(
                    f"reference {text!r} compares {fspec.type} field {fspec.name!r} with {target.type} field {field!r}",
                    node, key, value=True,
                )
        return ref

    def _check_value(self, fspec: FieldSpec | None, value: Any, node: Any, key: Any, *, ordered: bool = False) -> None:
        if fspec is None:
            return
        if ordered and fspec.type not in ("int", "float"):
            self.error(f"field {fspec.name!r} is {fspec.type}; order comparisons need a number", node, key, value=True)
            return
        try:
            fspec.check("", value)
        except FactError as exc:
            message = str(exc).replace(" of fact ", "", 1) if " of fact " in str(exc) else str(exc)
            self.error(message.replace("field", "value for field", 1), node, key, value=True)

    def _template(self, text: str, bound: Mapping[str, str], node: Any, key: Any) -> None:
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError as exc:
            self.error(f"bad template: {exc}", node, key, value=True)
            return
        for _, name, format_spec, conversion in parsed:
            if name is None:
                continue
            alias, dot, field = name.partition(".")
            if not dot:
                self.error(f"placeholder {{{name}}} must be {{name.field}}", node, key, value=True)
                continue
            if alias not in bound:
                known = ", ".join(sorted(bound)) or "none"
                self.error(f"placeholder {{{name}}} names {alias!r}, not bound in every branch (bound: {known})", node, key, value=True)
                continue
            spec = self.catalog.kinds.get(bound[alias])
            if spec is not None and field not in spec.fields:
                self.error(f"placeholder {{{name}}}: fact {spec.kind} has no field {field!r}", node, key, value=True)
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
            self.error(f"placeholder {{{name}}}: format {format_spec!r} does not suit {fspec.type} field: {exc}",
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
                    self.error(f"reference {url!r} is not a well-formed http(s) URL", node["references"], i)
            return DiagnosisSpec(
                summary=body["summary"],
                explanation=body["explanation"],
                fix=tuple(body["fix"]),
                references=tuple(body.get("references", [])),
            )
        if key == "derive":
            spec = self.catalog.kinds.get(body["fact"])
            if spec is None:
                self.error(f"derives unknown fact kind {body['fact']!r}", node, "fact", value=True)
                return None
            fields = {}
            for fname, value in body["fields"].items():
                fspec = spec.fields.get(fname)
                if fspec is None:
                    self.error(f"unknown field {fname!r} of fact {spec.kind}", node["fields"], fname)
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
            line, _ = yamlsource.position(seq, i)
            out.append(
                Example(
                    facts=tuple(facts),
                    name=str(example.get("name", "")),
                    summary_contains=example.get("summary_contains"),
                    line=line,
                )
            )
        return tuple(out)


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


def _explain_schema_error(err: jsonschema.ValidationError) -> str:
    if err.validator == "oneOf" and not err.absolute_path:
        return "a rule needs exactly one consequence: diagnosis, derive, probe or ask"
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        known = ", ".join(err.schema.get("properties", {}))
        return f"unknown key {', '.join(map(repr, extra))} (known: {known})"
    if err.validator == "required":
        return err.message.replace("is a required property", "is required")
    if err.validator == "enum":
        return f"{err.instance!r} is not one of {', '.join(map(str, err.validator_value))}"
    if err.validator == "pattern":
        return f"{err.instance!r} is not a valid name here (expected {err.validator_value})"
    return err.message
