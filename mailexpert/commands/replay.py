"""``mailexpert replay FILE``: diagnose a recorded fact bundle offline."""

from __future__ import annotations

import argparse
from typing import TextIO

from mailexpert.commands.output import add_format_option, write_report


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "replay", help="diagnose a recorded fact bundle (JSON or YAML) offline",
        description="Diagnose the facts of a bundle again, offline: one saved by 'diagnose --save-facts' "
                    "(with other rules, or other answers) or written by hand. The bundle's own answers "
                    "count unless --answer gives another. Nothing is sent over the network.",
    )
    p.add_argument("file", metavar="FILE", help="a bundle saved by 'diagnose --save-facts', or written by hand")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rule folder (repeatable)")
    p.add_argument("--answer", action="append", default=[], metavar="QUESTION=VALUE",
                   help="answer a question a rule asks (repeatable)")
    add_format_option(p)
    p.set_defaults(handler=run)


def parse_answers(items: list[str]) -> dict[str, str]:
    from mailexpert.errors import SettingsError

    answers = {}
    for item in items:
        question, sep, value = item.partition("=")
        if not sep or not question.strip() or not value.strip():
            raise SettingsError(f"--answer takes QUESTION=VALUE, got {item!r}")
        answers[question.strip()] = value.strip()
    return answers


def run(args: argparse.Namespace, out: TextIO) -> int:
    from mailexpert.api import diagnose_facts
    from mailexpert.bundle import load_bundle

    bundle = load_bundle(args.file)
    answers = {**bundle.answers, **parse_answers(args.answer)}
    report = diagnose_facts(bundle.facts, rule_folders=args.rules, answers=answers, account=bundle.account)
    write_report(report, args, out)
    return report.exit_status
