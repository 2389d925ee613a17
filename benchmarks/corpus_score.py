"""Top-1 of ``mailexpert explain`` on the real-text corpus (tests/corpus), working and held-out.

    python3 benchmarks/corpus_score.py [-v] [--only FILE]

Prints the share of texts whose top diagnosis is one of the entry's causes, for the working
set and for the held-out set (its texts with no twin among the working ones: the same words,
numbers and spacing aside, collected again later would have been tuned on), how many failure texts were called fine or declined, and where
the texts come from, and the misses of each set counted by their kind (totals only: the expected cause nowhere in
the report, lower in it, a bare reply class, declined...). ``-v`` lists every miss (of the working set only).

``--only FILE`` scores one collected batch: the working entries of FILE, and the held-out
entries split off from it (corpus_split.py tags them with the batch; for older batches, those
of its programs, of its kind), so that a new batch's own figures can be read before anything is tuned on it.
"""

from __future__ import annotations

import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))

import scoring  # noqa: E402


def report(name: str, entries: list[dict], verbose: bool) -> None:
    started = time.perf_counter()
    result = scoring.score(entries)
    took = time.perf_counter() - started
    right = sum(o.correct for o in result.outcomes)
    permanent = sum(o.permanent for o in result.outcomes)
    print(f"{name:9} top-1 {result.top1:6.1%}  ({right}/{len(entries)})   permanent refusals called fine: "
          f"{len(result.permanent_said_fine)}/{permanent}   any failure called fine or declined: "
          f"{len(result.failures_said_fine)}   crashes: {len(result.crashes)}   ({took:.1f} s)")
    kinds = collections.Counter(e["kind"] for e in entries)
    good = collections.Counter(e["kind"] for e, o in zip(entries, result.outcomes, strict=True) if o.correct)
    print("          by kind: " + ", ".join(f"{k} {good[k]}/{n}" for k, n in kinds.most_common()))
    misses = collections.Counter(o.miss for o in result.outcomes if o.miss)
    print("          misses: " + ", ".join(f"{kind} {n}" for kind, n in misses.most_common()))
    if verbose:
        for _entry, o in zip(entries, result.outcomes, strict=True):
            if not o.correct:
                got = "declined" if o.declined else (o.error or o.found)
                print(f"   MISS {o.id}: expected {'|'.join(o.expected)}, got {got}")


def batch(path: Path, heldout: list[dict]) -> tuple[list[dict], list[dict]]:
    """FILE's working entries, and the held-out entries split off from it: those corpus_split.py
    tagged with its batch, or for batches split before it tagged them, those of its programs
    and kinds."""
    mine = scoring.load(path)
    programs = {(e["program"], e["kind"]) for e in mine}
    known = {e["id"] for e in scoring.working()}
    return mine, [e for e in heldout if e.get("batch") == path.stem
                  or ("batch" not in e and (e["program"], e["kind"]) in programs and e["id"] not in known)]


# Descriptions of programs nobody named ("a mail program on a NAS", "an ESP32 sketch") start with
# an article in lower case ("The Bat!" is a name); counted under "a" they read as one big program.
# The first word after the articles names what it is.
ARTICLES = frozenset({"a", "an", "the"})


def program_name(program: str) -> str:
    words = [w for w in program.split() if w not in ARTICLES]
    return words[0] if words else program


def main() -> None:
    verbose = "-v" in sys.argv
    working, heldout = scoring.working(), scoring.heldout()
    if "--only" in sys.argv:
        working, heldout = batch(Path(sys.argv[sys.argv.index("--only") + 1]), heldout)
    every = working + heldout
    print(f"corpus: {len(every)} texts ({len(working)} working, {len(heldout)} held out); "
          f"sources: {len({e['source'] for e in every})} distinct")
    print("spread: " + ", ".join(f"{k} {n}" for k, n in scoring.spread(every).items()))
    programs = collections.Counter(program_name(e["program"]) for e in every)
    print(f"programs: {len(programs)} (" + ", ".join(f"{p} {n}" for p, n in programs.most_common(25)) + ", ...)")
    report("working", working, verbose)
    fresh = scoring.unseen(heldout, scoring.working())
    report("held-out", fresh, "--heldout-misses" in sys.argv)
    twins = [e for e in heldout if e not in fresh]
    if twins:
        right = sum(o.correct for o in scoring.score(twins).outcomes)
        print(f"          not counted: {len(twins)} held-out texts whose twin is in the working set ({right} right)")


if __name__ == "__main__":
    main()
