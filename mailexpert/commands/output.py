"""Choosing and writing a report format; shared by every command that prints a report."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # the report module loads the engine: only a command that reports pays for it
    from mailexpert.report import Report

FORMATS = ("text", "json", "markdown")


def add_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--verbose", "-v", action="store_true", help="text format: also print the trace")


def use_color(out: TextIO) -> bool:
    """Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return hasattr(out, "isatty") and out.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def write_report(report: Report, args: argparse.Namespace, out: TextIO) -> None:
    from mailexpert.render import render_markdown, render_text
    from mailexpert.report import render_json

    if args.format == "json":
        out.write(render_json(report))
    elif args.format == "markdown":
        out.write(render_markdown(report))
    else:
        out.write(render_text(report, color=use_color(out), verbose=getattr(args, "verbose", False)))
