"""How much ``mailexpert explain``'s reading of a text depends on the paste's surface rather than its words.

    python3 benchmarks/corpus_perturb.py [-v] [--only FILE] [--limit N] [--jobs J] [--perturb NAME[,NAME...]]

Takes every WORKING corpus text (tests/corpus/collected-*.yaml; never the held-out set) that explain reads
right today and applies, ONE AT A TIME, each meaning-preserving perturbation a real paste undergoes
(tests/corpus/perturbations.py: other host names and addresses, lines wrapped at 72 and 80 columns or
joined, quote marks, a code fence, quotes, a sentence of the user's around it, typographic quotes and
dashes, no-break and zero-width spaces, CRLF, tabs, trailing spaces, a logger's or syslog's head added or
taken off, the text lower-cased; the text inside a Python traceback, a Java "Caused by:", a JSON log record,
a Python str or bytes repr, HTML escapes, between unrelated log lines or a server's healthy sessions). Prints per perturbation how many texts it applied to, how many changed their top
cause, how many of those are now wrong, and how many became declined or called fine. ``-v`` lists every
text whose top cause changed. A figure of robustness, not a test: a text nobody has seen arrives in
any of these forms.

``--only FILE`` takes the texts of one collected batch; ``--limit N`` a fixed sample of N of the right
texts (quicker, to iterate); ``--jobs J`` explains in J processes (2 by default).
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))

import perturbations  # noqa: E402
import scoring  # noqa: E402

SEED = 20261207


def _explain(task: tuple[dict[str, Any], str]) -> tuple[str, str, scoring.Outcome]:
    entry, name = task
    return entry["id"], name, scoring.explain_entry(entry)


def _run(tasks: list[tuple[dict[str, Any], str]], jobs: int) -> list[tuple[str, str, scoring.Outcome]]:
    if jobs <= 1:
        return [_explain(t) for t in tasks]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return pool.map(_explain, tasks, chunksize=16)


def _got(o: scoring.Outcome) -> str:
    return "declined" if o.declined else o.error or o.found or "nothing"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-v", action="store_true")
    parser.add_argument("--only", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--perturb", help="comma-separated perturbation names")
    args = parser.parse_args()
    names = args.perturb.split(",") if args.perturb else list(perturbations.PERTURBATIONS)
    started = time.perf_counter()
    entries = scoring.load(args.only) if args.only else scoring.working()
    base = {i: o for i, _, o in _run([(e, "") for e in entries], args.jobs)}
    right = [e for e in entries if base[e["id"]].correct]
    if args.limit:
        right = random.Random(SEED).sample(right, min(args.limit, len(right)))
    print(f"working texts read right: {len(right)} of {len(entries)} taken"
          f"{f' (a sample of {args.limit})' if args.limit else ''}")
    tasks = []
    for name in names:
        perturb = perturbations.PERTURBATIONS[name]
        for entry in right:
            text = perturb(entry["text"])
            if text is not None and text != entry["text"]:
                tasks.append(({**entry, "text": text}, name))
    results = _run(tasks, args.jobs)
    counts: dict[str, collections.Counter[str]] = {n: collections.Counter() for n in names}
    changes = []
    for entry_id, name, o in results:
        c = counts[name]
        c["applied"] += 1
        before = base[entry_id]
        if o.found != before.found or o.declined != before.declined or o.error:
            c["changed"] += 1
            c["wrong"] += not o.correct
            changes.append((name, entry_id, before.found, _got(o), o.correct))
        # Newly: a text declined or called fine before the perturbation (a correct "none") is not counted.
        c["declined"] += o.declined and not before.declined
        c["fine"] += o.failure_said_fine and not o.declined and not before.failure_said_fine
        c["crash"] += bool(o.error)
    total: collections.Counter[str] = collections.Counter()
    print(f"{'perturbation':18} {'applied':>7} {'top-1 changed':>16} {'now wrong':>10} {'declined':>8} "
          f"{'called fine':>11}")
    for name in names:
        c = counts[name]
        total.update(c)
        share = c["changed"] / c["applied"] if c["applied"] else 0.0
        print(f"{name:18} {c['applied']:7} {c['changed']:7} ({share:6.1%}) {c['wrong']:10} {c['declined']:8} "
              f"{c['fine']:11}" + (f"   crashes {c['crash']}" if c["crash"] else ""))
    share = total["changed"] / total["applied"] if total["applied"] else 0.0
    print(f"{'all':18} {total['applied']:7} {total['changed']:7} ({share:6.1%}) {total['wrong']:10} "
          f"{total['declined']:8} {total['fine']:11}   ({time.perf_counter() - started:.0f} s)")
    if args.v:
        for name, entry_id, was, got, still in changes:
            print(f"   CHANGED {name} {entry_id}: {was} -> {got}{'' if still else '  (wrong)'}")


if __name__ == "__main__":
    main()
