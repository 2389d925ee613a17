"""Run many ``mailexpert explain`` command lines in one process (the rule base loads once).

Reads a JSON list of argument lists on standard input and writes one JSON object per line:
``{"args": [...], "status": N, "stdout": "...", "stderr": "..."}``. Used by
test_explain_cli.py for the catalogue of real error texts, in a subprocess of its own so
that a crash in one text fails the tests instead of the test run.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys

from mailexpert.cli import main


def run(argv: list[str]) -> dict[str, object]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            status = main(argv, out=out)
        except SystemExit as exc:  # argparse
            status = exc.code if isinstance(exc.code, int) else 2
    return {"args": argv, "status": status, "stdout": out.getvalue(), "stderr": err.getvalue()}


if __name__ == "__main__":
    for argv in json.load(sys.stdin):
        print(json.dumps(run(argv)), flush=True)
