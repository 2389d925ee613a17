"""Rule files: folders of YAML → checked, immutable rules (:mod:`mailexpert.rulemodel`).

A file holds one rule (``rules/<area>/<id>.yaml``) or one cause's family of rules with the
keys they share on top (``rules/<area>/<cause>.yaml``, :mod:`mailexpert.rulefamily`); a
folder's ``causes.yaml`` declares causes (:mod:`mailexpert.causes`). Each file is checked by
:mod:`mailexpert.rulecheck` (the published JSON Schema, then what a schema cannot say); across
all rules, ids must be unique and negation must stratify. Checked rules are kept in
:mod:`mailexpert.rulecache`.

Every error is a :class:`RuleFileError` carrying ``file:line:column`` and the rule id;
:func:`lint` collects all of them instead of stopping at the first. :func:`placeholders`
finds the text ``rules new`` left for the author to write, which is no error: a scaffold
lints, tests and diagnoses before its words are written.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from mailexpert import userfile
from mailexpert.causes import CASES_DIR, CAUSES_FILE, _is_causes_file, causes_files, load_causes
from mailexpert.errors import RuleFileError, UnknownCauseError
from mailexpert.facts import FactCatalog, data_dir
from mailexpert.rulemodel import Cause, DeriveSpec, FieldTest, Ref, Rule, _codec


def rule_files(folders: Iterable[str | Path]) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` rule file below the folders, in a stable order (causes files and
    :data:`CASES_DIR` aside).

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
        below = userfile.folder_files(folder, lambda where, reason: RuleFileError(reason, path=where))
        found = [p for p in below if p.suffix in (".yaml", ".yml") and p.relative_to(folder).parts[0] != CASES_DIR]
        if not found and not any(p.suffix == ".feature" for p in below):
            # the wrong folder, or rules saved as *.txt: not "0 rule(s) OK"
            raise RuleFileError("no rule file (*.yaml), causes.yaml or feature (*.feature) in this folder", path=folder)
        files.extend(p for p in found if not _is_causes_file(p))
    unique: dict[Path, Path] = {}  # a file given and its folder too: one file, not a rule id used twice
    for path in files:
        unique.setdefault(Path(os.path.realpath(path)), path)  # a link loop is refused when read, not here
    return list(unique.values())



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
    extra = _beside_builtin(folders) if entry is not None else None
    rules, errors = _load_all(folders, catalog, causes) if extra is None else _load_extra(extra)
    if errors:
        raise errors[0]
    if entry is not None:
        rulecache.write(entry, rules, _codec())
    return rules


def _beside_builtin(folders: Iterable[str | Path] | None) -> list[Path] | None:
    """The user's folders when ``folders`` are the built-in rule folder followed by them (as every
    command with ``--rules`` loads them) and they hold none of its files; else None."""
    given = [Path(f) for f in folders] if folders is not None else []
    builtin = data_dir("rules").resolve()
    if len(given) < 2 or given[0].resolve() != builtin:
        return None
    try:
        files = rule_files(given[1:])
    except RuleFileError:
        return None  # the full check says what is wrong, with its position
    if any(Path(os.path.realpath(p)).is_relative_to(builtin) for p in files):
        return None  # a built-in file given again: rule_files keeps it once, in the built-in order
    return given[1:]


def _load_extra(extra: Sequence[Path]) -> tuple[list[Rule], list[RuleFileError]]:
    """The built-in rules and the user's folders ``extra``, as :func:`_load_all` of both gives
    them, but the user's files checked first: a broken file of theirs (a typo, a hostile
    nesting) is reported before the built-in rules are read at all, and these come from the
    rule cache rather than being checked again for every new user folder."""
    own, errors = _load_all(extra, None, None, across=False)
    if errors:
        return own, errors
    base = load_rules()
    return [*base, *own], beside(own, base)


def _check_inputs(folders: Iterable[str | Path] | None) -> list[Path]:
    """Every file whose bytes decide what checking the rule folders gives: the rule files, the
    fact templates, the cause catalogue, the schema, the knowledge table (a test may take its
    list from it), and the checker's own source."""
    folders = list(folders) if folders is not None else [data_dir("rules")]
    here = Path(__file__).resolve().parent
    templates = sorted(p for p in data_dir("facts").rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    own = [here / name for name in ("rulefile.py", "rulecheck.py", "rulefamily.py", "rulemodel.py", "causes.py", "facts.py",
                                    "yamlsource.py", "strata.py", "rulecache.py", "userfile.py", "patterns.py", "template.py",
                                    "knowledge.py")]
    return [
        *rule_files(folders),
        *templates,
        data_dir("rules") / CAUSES_FILE,
        *causes_files(folders),
        here / "schema" / "rule.schema.json",
        here / "data" / "knowledge.yaml",
        *own,
    ]


def lint(
    folders: Iterable[str | Path] | None = None,
    catalog: FactCatalog | None = None,
    *,
    causes: Mapping[str, Cause] | None = None,
) -> list[RuleFileError]:
    """Every problem in the rule folders, each positioned; an empty list means clean."""
    return checked(folders, catalog, causes=causes)[1]


def checked(
    folders: Iterable[str | Path] | None = None,
    catalog: FactCatalog | None = None,
    *,
    causes: Mapping[str, Cause] | None = None,
) -> tuple[list[Rule], list[RuleFileError]]:
    """The rules that passed the check, and every problem found: :func:`lint` and the rules
    it checked at once, never from the rule cache."""
    return _load_all(folders, catalog, causes)


def lint_as_used(folders: Iterable[str | Path]) -> tuple[list[Rule], list[RuleFileError]]:
    """What ``mailexpert rules lint DIR`` reports, for a library user: the checked rules and every
    problem in the folders; when there is none, what goes wrong when they are used as every
    command uses them, beside the built-in rules (an id a built-in rule has, a loop or a cycle
    through a built-in rule)."""
    folders = list(folders)
    rules, errors = checked(folders)  # every file checked itself: no cache, and only once
    builtin = data_dir("rules").resolve()
    if not errors and not any(Path(f).resolve() == builtin for f in folders):
        errors = beside(rules, load_rules([builtin]))
    return rules, errors


#: What ``rules new`` (mailexpert/commands/scaffold.py) writes where only the author can say
#: what belongs: the user's words, the explanation, the fix steps.
PLACEHOLDER = "TODO:"


@attrs.frozen
class Unwritten:
    """A placeholder left in a file of a rule folder: a lint warning, not an error."""

    path: Path
    line: int
    column: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: warning: not written yet: {self.text}"


def placeholders(files: Iterable[Path]) -> list[Unwritten]:
    """Every :data:`PLACEHOLDER` in the files (rule files, ``causes.yaml``, features), positioned."""
    found: list[Unwritten] = []
    for path in files:
        data = userfile.read_bytes(path, userfile.LIMITS["rules"], functools.partial(RuleFileError, path=path))
        for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
            column = line.find(PLACEHOLDER)
            if column >= 0:
                text = line[column:].rstrip().rstrip("'\"")
                found.append(Unwritten(path, number, column + 1, text[:100] + ("…" if len(text) > 100 else "")))
    return found


def _load_all(
    folders: Iterable[str | Path] | None,
    catalog: FactCatalog | None,
    causes: Mapping[str, Cause] | None,
    *,
    across: bool = True,
) -> tuple[list[Rule], list[RuleFileError]]:
    """Every file checked, then (``across``) the checks across all of their rules."""
    from mailexpert.facts import default_catalog
    from mailexpert.rulecheck import check_file  # only when checking: a cached load needs none of it

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
    faulty = {e.cause for e in errors if e.cause}  # declared, but wrongly: that error says what to fix
    seen: dict[str, Rule] = {}
    for path in paths:
        found, problems = check_file(path, catalog, causes)
        errors.extend(e for e in problems if not (isinstance(e, UnknownCauseError) and e.cause in faulty))
        unique, twice = _unique_ids(found, seen)
        rules.extend(unique)
        errors.extend(twice)
    if not errors and across:
        errors.extend(_check_rule_base(rules))
    return rules, errors


def _unique_ids(rules: Iterable[Rule], seen: dict[str, Rule]) -> tuple[list[Rule], list[RuleFileError]]:
    """The rules whose id is not in ``seen`` yet (added to it), and an error for each other one."""
    unique, errors = [], []
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id]
            errors.append(RuleFileError(f"rule id {rule.id!r} is used twice (also in {first.path}:{first.line})",
                                        path=rule.path, line=rule.line, column=rule.column, rule_id=rule.id))
            continue
        seen[rule.id] = rule
        unique.append(rule)
    return unique, errors


def beside(rules: Sequence[Rule], base: Sequence[Rule]) -> list[RuleFileError]:
    """What goes wrong when a folder's checked ``rules`` are used with the ``base`` rules, as every
    command but ``rules lint DIR`` uses them (with the built-in ones): an id the base uses
    too, a cycle through negation across both."""
    own = {os.path.realpath(rule.path) for rule in rules}
    base = [rule for rule in base if os.path.realpath(rule.path) not in own]  # a built-in file linted itself
    seen = {rule.id: rule for rule in base}
    _, errors = _unique_ids(rules, seen)
    return errors or _check_rule_base([*base, *rules])


def _check_rule_base(rules: Sequence[Rule]) -> list[RuleFileError]:
    """Checks across rules: no derivation loop, no cycle through negation (each file's own
    checks ran already)."""
    errors = _derivation_loops(rules)
    from mailexpert.strata import StratificationError, stratify

    try:
        stratify(rules)
    except StratificationError as exc:
        rule = exc.rule
        errors.append(RuleFileError(str(exc), path=rule.path, line=rule.line, column=rule.column, rule_id=rule.id))
    return errors


def _derivation_loops(rules: Sequence[Rule]) -> list[RuleFileError]:
    """A rule that derives a fact it needs itself, or that feeds rules that derive one: each
    fact derived can fire the loop again with new values combined from the last round's, so
    a session grows with every fact of that kind instead of reaching its end."""
    feeds: dict[str, list[Rule]] = {}  # kind -> the deriving rules that match it
    for rule in rules:
        if rule.produces:
            for kind in rule.when.kinds()[0]:
                feeds.setdefault(kind, []).append(rule)
    errors: list[RuleFileError] = []
    reported: set[str] = set()
    # Each loop once, at the rule read last of it: a folder's own rule, not the built-in one it joins.
    for rule in reversed(rules):
        if not rule.produces or rule.id in reported:
            continue
        path = _path_back(rule, feeds)
        if path is not None:
            reported.update(r.id for r in path)
            if len(path) == 1:
                loop = f"derives {rule.produces}, a kind it matches itself"
            else:
                chain = ", then ".join(f"{r.id} derives {r.produces}" for r in path)
                loop = f"derives {rule.produces}, which leads back to a kind it matches ({chain})"
            errors.append(RuleFileError(
                f"the rule {loop}: each fact derived can fire it again, a loop; derive another kind",
                path=rule.path, line=rule.line, column=rule.column, rule_id=rule.id))
    return errors


def _path_back(rule: Rule, feeds: Mapping[str, list[Rule]]) -> list[Rule] | None:
    """The deriving rules from ``rule`` back to a pattern of ``rule`` that what the last of
    them derives can meet, or None."""
    trail: dict[str, list[Rule]] = {rule.id: [rule]}  # rule id -> the rules that lead to it
    todo = [rule]
    while todo:
        last = todo.pop(0)
        if _can_feed(last, rule):
            return trail[last.id]
        for nxt in feeds.get(last.produces or "", ()):
            if nxt.id not in trail and _can_feed(last, nxt):
                trail[nxt.id] = [*trail[last.id], nxt]
                todo.append(nxt)
    return None


def _can_feed(producer: Rule, consumer: Rule) -> bool:
    """Whether a fact ``producer`` derives may meet one of ``consumer``'s positive patterns:
    the kind is the same and no test is false on a field the derivation sets to a constant
    (a rule that refines a fact into one of the same kind with another stage is no loop)."""
    if not isinstance(producer.consequence, DeriveSpec):
        return False  # only a derivation feeds another rule
    fields = producer.consequence.fields
    patterns = [*consumer.when.all, *(p for alt in consumer.when.any for p in alt)]
    return any(p.kind == producer.produces and all(_may_hold(t, fields) for t in p.tests) for p in patterns)


def _may_hold(test: FieldTest, fields: Mapping[str, Any]) -> bool:
    """Whether ``test`` may hold on a derived fact with ``fields``: unknown unless the field is
    set to a constant (not a reference nor a text with a placeholder) and the test's own
    operand is a constant too."""
    value = fields.get(test.field)
    if value is None or isinstance(value, Ref | dict) or isinstance(test.value, Ref):
        return True
    if isinstance(value, str) and ("{" in value or "}" in value):
        return True
    return test.holds(value)
