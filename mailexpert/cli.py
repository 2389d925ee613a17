"""The ``mailexpert`` command line: argument parsing, output choice and exit statuses only.

Each sub-command lives in ``mailexpert/commands/<name>.py`` with two functions:
``add_parser(subparsers)`` and ``run(args, out) -> int``. Exit statuses:
0 no error-severity diagnosis, 1 at least one (or a failing check), 2 bad input,
3 internal error.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
import types
from collections.abc import Sequence
from typing import NoReturn, TextIO

from mailexpert.errors import InputError, MailexpertError, SettingsError

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
COMMANDS = ("diagnose", "demo", "replay", "explain", "rules")
#: Arguments that name files or folders: any bytes make a valid name there.
PATH_ARGUMENTS = frozenset({"file", "dirs", "output", "client_config", "password_file", "ca_file", "rules",
                            "save_facts"})


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own exit status is already 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"mailexpert: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mailexpert",
        description="Finds out why a mail client cannot send or receive while the web works, and says how to fix it.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMANDS:
        module = _command(name)
        if module is not None:
            module.add_parser(sub)
    return parser


class _Version(argparse.Action):
    """Looks the version up only when asked: importlib.metadata costs every other command time."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        parser.exit(message=f"mailexpert {_version()}\n")


def _command(name: str) -> types.ModuleType | None:
    try:
        return importlib.import_module(f"mailexpert.commands.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"mailexpert.commands.{name}":
            return None
        raise


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mailexpert")
    except PackageNotFoundError:
        return "0+unknown"


def check_text_arguments(args: argparse.Namespace) -> None:
    """Every argument but a path must be UTF-8 text (see :func:`mailexpert.textsafe.not_utf8`)."""
    from mailexpert.textsafe import not_utf8

    for name, value in vars(args).items():
        if name in PATH_ARGUMENTS:
            continue
        for item in value if isinstance(value, list) else [value]:
            problem = not_utf8(item) if isinstance(item, str) else None
            if problem:
                what = "the text" if name == "text" else f"--{name.replace('_', '-')}"
                raise SettingsError(f"{what}: {problem}")


def _standard_streams() -> None:
    """A standard stream the caller closed (``<&-``, ``2>&-``; a service started without them)
    is None in Python: standard input then reads as empty, standard error is discarded."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - for the whole process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole process


def _output_fails(out: TextIO, exc: OSError) -> str | None:
    """Why the report cannot be written to ``out``, or None when ``exc`` came from elsewhere.
    Every path mailexpert reads or writes is checked where it is named (an InputError), so
    a full disk without a file name is the output's; any other failure is the output's when
    flushing it fails too."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) and exc.filename is None:
        return str(exc.strerror)
    try:
        out.flush()
    except OSError as again:
        return str(again.strerror or again)
    return None


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    _standard_streams()
    if out is None and sys.stdout is None:
        print("mailexpert: error: standard output is closed: the report cannot be shown", file=sys.stderr)
        return EXIT_INPUT
    out = out or sys.stdout
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["rules"]:
        from mailexpert.commands.rules import action_first

        argv = ["rules", *action_first(argv[1:])]
    args = parser.parse_args(argv)
    try:
        check_text_arguments(args)
        status = int(args.handler(args, out))
        out.flush()  # here, so that a full disk is told like any other error
        return status
    except InputError as exc:
        from mailexpert.textsafe import escape  # a message may quote a file's or a server's bytes

        print(f"mailexpert: error: {escape(str(exc), keep_newlines=True)}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        # The reader went away (`mailexpert rules list | head`): stop quietly, as cat does.
        # Standard output is pointed at /dev/null so that flushing it at exit cannot fail again.
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print("mailexpert: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        if (why := _output_fails(out, exc)) is None:
            return _internal(exc)
        print(f"mailexpert: error: cannot write to standard output: {why}", file=sys.stderr)
        _silence_stdout()  # what is still buffered would fail again at exit
        return EXIT_INPUT
    except (MailexpertError, Exception) as exc:  # noqa: BLE001 - the last line of defence
        return _internal(exc)


def _internal(exc: BaseException) -> int:
    if os.environ.get("MAILEXPERT_DEBUG"):
        raise exc
    print(f"mailexpert: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    print("(set MAILEXPERT_DEBUG=1 for the traceback)", file=sys.stderr)
    return EXIT_INTERNAL


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def run() -> None:
    """Console-script entry point."""
    status = main()
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # what was still buffered when the reader went away
        _silence_stdout()
    sys.exit(status)
