"""``mailexpert rules lint|list|docs|test|new``: work on rule files.

Folders are given as arguments or with ``--rules DIR`` (as on every other command), options
go anywhere after ``rules``, before or after the action. Without folders the built-in rules are used; with
folders, only theirs (``--with-builtin`` adds the built-in rules to lint, list and test).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from mailexpert.rulefile import Unwritten
    from mailexpert.rulemodel import Cause, Rule

ACTIONS = {
    "lint": "check rule files: every error as file:line:column, and the scaffold's placeholders still unwritten",
    "list": "one line per rule: id, cause, area, severity, title",
    "docs": "a Markdown manual of the causes, the fact kinds and the features",
    "test": "run every rule's examples (fires / silent)",
    "new": "scaffold a new cause: its declaration, a rule with examples and a feature scenario",
}


#: The options of the actions that take a value (filled in by :func:`add_parser`).
_TAKES_VALUE: set[str] = set()


def action_first(args: Sequence[str]) -> list[str]:
    """``rules``'s arguments with the action word first: ``rules --with-builtin lint DIR`` is
    ``rules lint --with-builtin DIR``, so that an option may stand before the action too."""
    args = list(args)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--" or arg in ("-h", "--help"):
            break
        if arg in ACTIONS:
            return [arg, *args[:i], *args[i + 1:]] if i else args
        if not arg.startswith("-"):
            break  # not an option before an action: argparse says what is wrong
        i += 2 if arg in _TAKES_VALUE else 1
    return args


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("rules", help="check, list, document, test or scaffold rule files",
                       description="Work on rule files. " + "; ".join(f"{k}: {v}" for k, v in ACTIONS.items()) + ".")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True
    for name, text in ACTIONS.items():
        a = actions.add_parser(name, help=text, description=text)
        if name == "new":
            a.add_argument("id", metavar="ID", help="the new cause's id (lower case, digits and '-')")
            source = a.add_mutually_exclusive_group(required=True)
            source.add_argument("--from-reply", metavar="TEXT", help="a server reply or client error the cause explains")
            source.add_argument("--from-bundle", metavar="FILE", help="a fact bundle (diagnose --save-facts) of the case")
            a.add_argument("--into", metavar="DIR", required=True, help="the rule folder to write into (created if missing)")
            a.add_argument("--title", help="the cause's title (default: made from the text)")
            a.add_argument("--area", default="local", help="the cause's area (default: local)")
            a.set_defaults(handler=run_new)
            continue
        a.add_argument("dirs", nargs="*", metavar="DIR", help="rule folders or files (default: the built-in rules)")
        a.add_argument("--rules", action="append", default=[], metavar="DIR", help="a rule folder (same as DIR)")
        a.add_argument("--with-builtin", action="store_true",
                       help="use the given folders together with the built-in rules (ids must not clash)")
        if name == "lint":
            a.add_argument("--strict", action="store_true",
                           help="a placeholder still unwritten is an error too (exit status 2)")
        if name == "docs":
            a.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
        a.set_defaults(handler=run)
    for a in actions.choices.values():
        _TAKES_VALUE.update(o for act in a._actions if act.nargs != 0 for o in act.option_strings)


def _folders(args: argparse.Namespace) -> tuple[list[Path], list[Path]]:
    """(every folder to load, the folders whose own rules are the subject)."""
    given = [Path(d) for d in [*args.dirs, *args.rules]]
    if not given:
        return [data_dir("rules")], [data_dir("rules")]
    builtin = [data_dir("rules")] if args.with_builtin or args.action == "test" else []
    if any(f.resolve() == data_dir("rules").resolve() for f in given):
        builtin = []  # `rules test rules` in a checkout: the built-in folder itself, not twice
    return builtin + given, (builtin if args.with_builtin else []) + given


def _under(path: str, folders: list[Path]) -> bool:
    p = Path(path).resolve()
    return any(p == f.resolve() or f.resolve() in p.parents for f in folders)


def data_dir(name: str) -> Path:
    from mailexpert.facts import data_dir as builtin

    return builtin(name)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from mailexpert.rulefile import lint_as_used, load_rules

    folders, subject = _folders(args)
    if args.action == "lint":
        rules, errors = lint_as_used(folders)
        for err in errors:
            print(str(err), file=sys.stderr)
        if errors:
            print(f"{len(errors)} error(s)", file=sys.stderr)
            return 2
        unwritten = _unwritten(subject)
        for place in unwritten:
            print(str(place), file=sys.stderr)
        undiagnosed = _undiagnosed(subject, rules)
        for cause in undiagnosed:
            print(f"{cause.path}:{cause.line}:{cause.column}: warning: cause {cause.id!r} is declared, but no rule "
                  "diagnoses it (a rule names it as its id or with 'cause:')", file=sys.stderr)
        warned = (f", {len(unwritten)} placeholder(s) to write" if unwritten else "") + (
            f", {len(undiagnosed)} cause(s) no rule diagnoses" if undiagnosed else "")
        print(f"{len(rules)} rule(s) OK{warned}", file=out)
        return 2 if (unwritten or undiagnosed) and args.strict else 0
    rules = load_rules(folders)
    if args.action == "list":
        for rule in rules:
            label = rule.cause if rule.cause else rule.kind
            print(f"{rule.id:<40} {label:<32} {rule.area:<20} {rule.severity or '-':<8} {rule.title}", file=out)
        return 0
    if args.action == "docs":
        from mailexpert.causes import cause_catalogue, folder_causes
        from mailexpert.commands.ruledocs import render_docs

        builtin = subject == [data_dir("rules")]
        causes = cause_catalogue() if builtin else folder_causes(subject)
        text = render_docs(rules, causes, features=_feature_files(subject))
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
            print(f"wrote {args.output}", file=out)
        else:
            out.write(text)
        return 0
    from mailexpert.commands.ruletest import run_examples
    from mailexpert.engine import RuleBase

    rulebase = RuleBase(rules)
    failed = passed = 0
    for result in run_examples(rulebase):
        if not _under(result.rule.path, subject):
            continue
        if result.passed:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {result.location}: {result.label}: {result.detail}", file=out)
    print(f"rules: {passed} passed, {failed} failed", file=out)
    return 1 if failed else 0


def _unwritten(subject: list[Path]) -> list[Unwritten]:
    """The placeholders ``rules new`` left in the given folders' rules, causes and features."""
    from mailexpert.causes import causes_files
    from mailexpert.rulefile import placeholders, rule_files

    own = [f for f in subject if f.resolve() != data_dir("rules").resolve()]
    return placeholders([*rule_files(own), *causes_files(own), *_feature_files(own)])


def _undiagnosed(subject: list[Path], rules: list[Rule]) -> list[Cause]:
    """The causes the given folders declare that none of their rules diagnoses (a cause that
    replaces a built-in one is diagnosed by the built-in rules)."""
    from mailexpert.causes import cause_catalogue, folder_causes

    # a rule file given alone is checked without the other rules its causes.yaml serves
    own = [f for f in subject if f.is_dir() and f.resolve() != data_dir("rules").resolve()]
    diagnosed = {rule.cause for rule in rules if rule.kind == "diagnosis"}
    return [c for c in folder_causes(own).values() if c.id not in diagnosed and c.id not in cause_catalogue()]


def _feature_files(folders: list[Path]) -> list[Path]:
    """The Gherkin features that document these rules: the built-in ``features/``, or a folder's own."""
    if folders == [data_dir("rules")]:
        features = data_dir("features")
        return sorted(features.glob("*.feature")) if features.is_dir() else []
    out: list[Path] = []
    for folder in folders:
        out.extend(sorted(folder.rglob("*.feature")) if folder.is_dir() else [])
    return out


def run_new(args: argparse.Namespace, out: TextIO) -> int:
    from mailexpert.commands.scaffold import scaffold

    written = scaffold(args.id, into=Path(args.into), reply=args.from_reply, bundle=args.from_bundle,
                       title=args.title, area=args.area)
    for path in written:
        print(f"wrote {path}", file=out)
    print(f"next: mailexpert rules test {args.into} && mailexpert explain --rules {args.into} TEXT", file=out)
    return 0
