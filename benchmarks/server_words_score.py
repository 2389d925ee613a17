"""How ``explain`` reads the SMTP servers' refusals of tests/data/smtp_server_words.yaml, per server.

    python3 benchmarks/server_words_score.py [-v]

Prints, for each server, how many of its replies as sent (codes and all) and of its words alone (in
Thunderbird's sending error) read right: the top cause one of the row's causes, or for a row that names none
a failure (not fine, not declined). ``-v`` lists every miss with what was read instead.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_server_words import ROWS, in_thunderbirds_error  # noqa: E402

from mailexpert.errors import InputError  # noqa: E402
from mailexpert.explain import explain  # noqa: E402


def reading(text: str, causes: list[str]) -> tuple[bool, str]:
    try:
        report = explain(text)
    except InputError:
        return False, "declined"
    found = report.top.cause if report.top else "none"
    if causes:
        return found in causes, found
    return report.has_errors, found if report.has_errors else f"fine ({found})"


def main() -> None:
    verbose = "-v" in sys.argv
    right: collections.Counter[tuple[str, str]] = collections.Counter()
    total: collections.Counter[tuple[str, str]] = collections.Counter()
    for row in ROWS:
        forms = [("reply", row["reply"])]
        if row.get("words"):
            forms.append(("words", in_thunderbirds_error(row["words"])))
        for form, text in forms:
            ok, found = reading(text, row["causes"])
            total[row["server"], form] += 1
            right[row["server"], form] += ok
            if verbose and not ok:
                print(f"   MISS {row['server']} {form}: {text.splitlines()[-1][:90]!r}: expected "
                      f"{'|'.join(row['causes']) or 'a failure'}, got {found}")
    for form in ("reply", "words"):
        good = sum(v for (_, f), v in right.items() if f == form)
        count = sum(v for (_, f), v in total.items() if f == form)
        print(f"{form:6} {good}/{count}: " + ", ".join(
            f"{s} {right[s, f]}/{n}" for (s, f), n in sorted(total.items()) if f == form))


if __name__ == "__main__":
    main()
