"""``mailexpert rules lint|list|docs|test [DIR]...``: work on rule files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO



def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="check, list, document or test rule files")
    p.add_argument("action", choices=("lint", "list", "docs", "test"))
    p.add_argument("dirs", nargs="*", metavar="DIR", help="rule folders or files (default: the built-in rules)")
    p.add_argument("--with-builtin", action="store_true",
                   help="check the given folders together with the built-in rules (ids must not clash)")
    p.add_argument("-o", "--output", metavar="FILE", help="docs: write to FILE instead of standard output")
    p.set_defaults(handler=run)


def _folders(args: argparse.Namespace) -> list[Path]:
    if not args.dirs:
        return [data_dir("rules")]
    return ([data_dir("rules")] if args.with_builtin else []) + [Path(d) for d in args.dirs]


def data_dir(name: str) -> Path:
    from mailexpert.facts import data_dir as builtin

    return builtin(name)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from mailexpert.rulefile import lint, load_rules

    folders = _folders(args)
    if args.action == "lint":
        errors = lint(folders)
        for err in errors:
            print(str(err), file=sys.stderr)
        if errors:
            print(f"{len(errors)} error(s)", file=sys.stderr)
            return 2
        rules = load_rules(folders)
        print(f"{len(rules)} rule(s) OK", file=out)
        return 0
    rules = load_rules(folders)
    if args.action == "list":
        for rule in rules:
            label = rule.cause if rule.cause else rule.kind
            print(f"{rule.id:<40} {label:<32} {rule.area:<20} {rule.severity or '-':<8} {rule.title}", file=out)
        return 0
    if args.action == "docs":
        from mailexpert.ruledocs import render_docs

        text = render_docs(rules)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
            print(f"wrote {args.output}", file=out)
        else:
            out.write(text)
        return 0
    from mailexpert.engine import RuleBase
    from mailexpert.ruletest import run_examples

    rulebase = RuleBase(rules)
    failed = passed = 0
    for result in run_examples(rulebase):
        if result.passed:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {result.location}: {result.label}: {result.detail}", file=out)
    print(f"rules: {passed} passed, {failed} failed", file=out)
    return 1 if failed else 0
