"""``mailexpert demo [--fault ID] [--list]``: a real diagnosis against the loopback lab.

The lab (:mod:`mailexpert.lab`) runs real SMTP, IMAP, POP3, DNS and web servers on
127.0.0.0/8 with one fault switched on; the demo diagnoses its account exactly as
``diagnose`` would a real one -- with every connection restricted to loopback -- prints
the report and stops the lab. It needs neither root nor the network.

Without ``--fault`` it tours a healthy account and a few faults, and its exit status says
whether every diagnosis found the fault that was injected (0) or not (1). With ``--fault``
the exit status is the report's, as for ``diagnose``: 0 no problem, 1 problems found.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TextIO

from mailexpert.commands.diagnose import tolerant_output
from mailexpert.commands.output import add_format_option, use_color, write_report
from mailexpert.commands.replay import parse_answers
from mailexpert.errors import SettingsError

if TYPE_CHECKING:  # loaded by run(): --help and --list need no engine
    from mailexpert.report import Report

#: What ``demo`` shows without ``--fault``: a healthy account, then typical faults.
TOUR = ("healthy", "smtp-port25-blocked", "cert-expired", "password-rejected")

#: The lab cannot damage a client's files, so the demo brings one: the Thunderbird profile
#: of the lab's account after a crash (a socketType set twice, a port out of range, a line
#: cut short), imported with ``client_config`` in the ``client-config-corrupt`` scenario.
DAMAGED_PREFS = """// Mozilla User Preferences
user_pref("extensions.lastAppVersion", "115.6.1");
user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.identity.id1.smtpServer", "smtp1");
user_pref("mail.identity.id1.useremail", "alice@example.test");
user_pref("mail.server.server1.hostname", "mail.example.test");
user_pref("mail.server.server1.port", 993);
user_pref("mail.server.server1.socketType", 3);
user_pref("mail.server.server1.socketType", 2);
user_pref("mail.server.server1.type", "imap");
user_pref("mail.server.server1.userName", "alice@example.test");
user_pref("mail.smtpserver.smtp1.hostname", "mail.example.test");
user_pref("mail.smtpserver.smtp1.port", 70000);
user_pref("mail.smtpserver.smtp1.try_ssl", 2);
user_pref("mail.smtpservers", "smtp1");
user_pref("mail.spellcheck.inline", fal
"""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo",
        help="diagnose a simulated account on a loopback lab with an injected fault",
        description="Start a lab of real mail, DNS and web servers on loopback (no root, no network), "
        "inject a fault, diagnose the simulated account and print the report. Without --fault: a healthy "
        "account, then a few faults.",
    )
    p.add_argument("--fault", metavar="ID", help="the scenario to run (see --list)")
    p.add_argument("--list", action="store_true", help="list the scenarios with their descriptions")
    p.add_argument("--timeout", type=float, default=2.0, metavar="SECONDS",
                   help="timeout of each network step (default: 2)")
    p.add_argument("--answer", action="append", default=[], metavar="QUESTION=VALUE",
                   help="answer a question a rule asks (repeatable)")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rule folder (repeatable)")
    add_format_option(p)
    p.set_defaults(handler=run)


def _scenarios() -> Mapping[str, Any]:
    from mailexpert.lab import SCENARIOS

    return SCENARIOS


def list_scenarios(out: TextIO, fmt: str) -> None:
    scenarios = _scenarios()
    if fmt == "json":
        data = [{"id": s.id, "description": s.description, "expected_cause": s.expected_cause,
                 "reproducible": s.reproducible} for s in scenarios.values()]
        out.write(json.dumps(data, indent=2) + "\n")
        return
    width = max(len(i) for i in scenarios)
    if fmt == "markdown":
        out.write("| scenario | expected cause | what the user says |\n|---|---|---|\n")
        for s in scenarios.values():
            out.write(f"| `{s.id}` | `{s.expected_cause or '-'}` | {s.description} |\n")
        return
    for s in scenarios.values():
        note = "" if s.reproducible else "  (partly simulated: answers stand in for what cannot be probed)"
        out.write(f"{s.id:<{width}}  {s.description}{note}\n")


def run_scenario(scenario_id: str, *, timeout: float, answers: Mapping[str, str], progress: Any = None,
                 rule_folders: tuple[str, ...] = ()) -> Report:
    """Start the lab with one scenario, diagnose its account through ``diagnose()``, stop the lab."""
    import tempfile
    from pathlib import Path

    from mailexpert.lab import Lab
    from mailexpert.pipeline import diagnose

    with Lab(scenario=scenario_id) as lab, tempfile.TemporaryDirectory(prefix="mailexpert-demo-") as tmp:
        client_config: tuple[str, ...] = ()
        if scenario_id == "client-config-corrupt":
            prefs = Path(tmp) / "prefs.js"
            prefs.write_text(DAMAGED_PREFS, encoding="utf-8")
            client_config = (str(prefs),)
        options = lab.target.diagnose_options(timeout=timeout, client_config=client_config, progress=progress)
        options["answers"] = {**options["answers"], **answers}
        return diagnose(lab.target.email, rule_folders=rule_folders, **options)


def _verdict(expected: str | None, report: Report) -> tuple[bool, str]:
    roots = [d for d in report.root_causes if d.severity != "info"]
    found = roots[0].cause if roots else None
    return found == expected, found or "no problem"


def run(args: argparse.Namespace, out: TextIO) -> int:
    from mailexpert.commands.diagnose import rule_folders
    from mailexpert.commands.progress import Progress

    tolerant_output(out)
    if args.list:
        list_scenarios(out, args.format)
        return 0
    if not 0 < args.timeout <= 60:
        raise SettingsError(f"--timeout must be more than 0 and at most 60 seconds, not {args.timeout:g}")
    answers = parse_answers(args.answer)
    folders = tuple(rule_folders(args.rules))
    scenarios = _scenarios()
    if args.fault is not None and args.fault not in scenarios:
        raise SettingsError(f"unknown fault {args.fault!r}; 'mailexpert demo --list' shows the scenarios")
    progress = Progress(sys.stderr)
    ids = (args.fault,) if args.fault else TOUR
    results: list[tuple[Any, Report, bool, str]] = []
    for n, scenario_id in enumerate(ids):
        scenario = scenarios[scenario_id]
        try:
            report = run_scenario(scenario_id, timeout=args.timeout, answers=answers, progress=progress,
                                  rule_folders=folders)
        finally:
            progress.done()
        ok, found = _verdict(scenario.expected_cause, report)
        results.append((scenario, report, ok, found))
        if args.format == "json":
            continue
        if n:
            out.write("\n")
        header = f"Demo scenario {scenario.id}: \"{scenario.description}\""
        if args.format == "markdown":
            out.write(f"<!-- {header} -->\n")
        else:
            out.write(_rule(header, out) + "\n\n")
        write_report(report, args, out)
    if args.format == "json":
        if args.fault:
            out.write(json.dumps(_report_to_dict(results[0][1]), indent=2, ensure_ascii=True) + "\n")
        else:
            out.write(json.dumps({"demo": [
                {"scenario": s.id, "description": s.description, "expected_cause": s.expected_cause,
                 "found": found, "as_expected": ok, "report": _report_to_dict(r)}
                for s, r, ok, found in results]}, indent=2, ensure_ascii=True) + "\n")
    elif not args.fault:
        out.write("\n" + _rule("Demo summary", out) + "\n")
        for s, _, ok, found in results:
            mark = "ok" if ok else "UNEXPECTED"
            out.write(f"  {s.id:<24} expected {s.expected_cause or 'no problem':<24} found {found:<24} {mark}\n")
    if args.fault:
        return results[0][1].exit_status
    return 0 if all(ok for _, _, ok, _ in results) else 1


def _rule(text: str, out: TextIO) -> str:
    line = f"== {text} "
    line += "=" * max(3, 78 - len(line))
    return f"\x1b[1m{line}\x1b[0m" if use_color(out) else line


def _report_to_dict(report: Report) -> dict[str, Any]:
    from mailexpert.report import report_to_dict

    return report_to_dict(report)
