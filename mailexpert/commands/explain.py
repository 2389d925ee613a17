"""``mailexpert explain "ERROR TEXT"``: diagnose a pasted error message or server reply offline.

The text comes as an argument, or from standard input with ``-`` (several lines are
fine: multi-line SMTP replies, an IMAP exchange, a Python traceback's last lines). The
server the client was using can be named with ``--imap/--pop3/--smtp`` so that rules can
compare the setting with the error. Nothing is sent over the network. On a terminal, the
questions rules raise are asked (unless the text came from standard input, or --no-input).
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from mailexpert.commands.output import add_format_option, write_report
from mailexpert.commands.replay import parse_answers
from mailexpert.errors import InputError, SettingsError
from mailexpert.textsafe import not_utf8


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "explain",
        help="explain a pasted client error or server reply (offline)",
        description="Explain an error text a mail client showed or a reply a server sent, e.g. "
        "'535 5.7.8 Username and Password not accepted' or '[SSL: WRONG_VERSION_NUMBER] wrong version "
        "number'. Use - to read the text from standard input (several lines), and -- before a text that "
        "starts with '-' and has no space. Nothing is sent over the network.",
    )
    p.add_argument("text", metavar="TEXT", nargs="+", help="the error text (quote it), or - for standard input")
    server = p.add_mutually_exclusive_group()
    for protocol in ("imap", "pop3", "smtp"):
        server.add_argument(f"--{protocol}", metavar="HOST[:PORT][/ssl|/starttls|/plain]",
                            help=f"the {protocol.upper()} server the client was using, if known")
    p.add_argument("--email", metavar="EMAIL", help="the account's address, if known")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rule folder (repeatable)")
    p.add_argument("--answer", action="append", default=[], metavar="QUESTION=VALUE",
                   help="answer a question a rule asks (repeatable)")
    p.add_argument("--no-input", action="store_true", help="never ask questions, even on a terminal")
    add_format_option(p)
    p.set_defaults(handler=run)


def read_text(parts: list[str], stdin: TextIO) -> str:
    if parts == ["-"]:
        if stdin.isatty():
            print("Paste the error text, then press Ctrl-D:", file=sys.stderr)
        from mailexpert.pasted import MAX_TEXT

        try:
            text = stdin.read(MAX_TEXT + 1)  # one more than allowed: a longer paste is refused, not cut
        except UnicodeDecodeError as exc:
            raise InputError(f"explain: standard input is not valid UTF-8 text (byte 0x{exc.object[exc.start]:02x} "
                             f"at byte {exc.start + 1})") from None
        problem = not_utf8(text)
        if problem:
            raise InputError(f"explain: standard input is {problem}")
    else:
        if "-" in parts:
            raise SettingsError("explain: '-' (standard input) cannot be mixed with text arguments")
        text = " ".join(parts)
    if not text.strip():
        raise InputError("explain: the text is empty; paste the error message or the server's reply")
    return text


def run(args: argparse.Namespace, out: TextIO) -> int:
    from mailexpert.account import ServerSetting, validate_email
    from mailexpert.commands.diagnose import interactive, rule_folders, tolerant_output
    from mailexpert.commands.interactive import TerminalAnswerer

    tolerant_output(out)
    text = read_text(args.text, sys.stdin)
    setting = None
    for protocol in ("imap", "pop3", "smtp"):
        value = getattr(args, protocol)
        if value is not None:
            setting = ServerSetting.parse(protocol, value)
    email = validate_email(args.email) if args.email is not None else None
    # Questions are asked on a terminal, unless the text came from standard input (it is used up).
    answerer = TerminalAnswerer(sys.stdin, sys.stderr) if interactive(args) and args.text != ["-"] else None
    folders = rule_folders(args.rules)  # a broken rule file is refused before the text tables are built
    from mailexpert.explain import explain

    report = explain(text, setting=setting, email=email, rule_folders=folders,
                     answers=parse_answers(args.answer), answerer=answerer)
    write_report(report, args, out)
    return report.exit_status
