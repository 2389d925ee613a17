"""Which cause a text that says only *what kind* of failure it is should get, checked out of fold.

    python3 benchmarks/corpus_priors.py [-v]

Many texts show one generic observation -- a connection that timed out, was refused, reset or
failed without a reason, a server that never greeted, a TLS alert -- and the rules must pick
the cause such a text most often has. For each such observation (its fact kind and outcome),
this script runs a 5-fold cross-validation on the working set: the cause most often acceptable
among the texts of four folds is the prediction for the fifth. It prints that out-of-fold
accuracy beside the rule base's own choice on the same texts, so a rule's pick that the data
contradicts shows (the held-out set is not read).
"""

from __future__ import annotations

import collections
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))

import scoring  # noqa: E402

from mailexpert.account import ServerSetting  # noqa: E402
from mailexpert.errors import InputError  # noqa: E402
from mailexpert.explain import explain, recognise  # noqa: E402

FOLDS = 5


def signature(entry: dict) -> tuple[str, str] | None:
    setting = None
    if entry.get("server"):
        protocol, text = entry["server"].split()
        setting = ServerSetting.parse(protocol, text)
    try:
        facts = recognise(entry["text"], setting=setting).facts
    except InputError:
        return None
    for f in facts:
        if f.kind == "service.greeting" and f.get("spoken") == "silence":
            return ("no greeting", "silence")
        if f.kind == "tcp.connect" and f.get("outcome") not in ("connected", None):
            return ("tcp.connect", str(f.get("outcome")))
        if f.kind == "tls.handshake" and f.get("outcome") in ("alert", "error", "unexpected-eof", "reset"):
            return ("tls.handshake", str(f.get("outcome")))
    return None


def main() -> None:
    verbose = "-v" in sys.argv
    groups: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for entry in scoring.working():
        sig = signature(entry)
        if sig is not None:
            groups[sig].append(entry)
    print(f"{'observation':34} {'texts':>5}  {'rules':>7}  {'out-of-fold':>11}  most often acceptable (all texts)")
    for sig, entries in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        rng = random.Random(9)
        order = entries[:]
        rng.shuffle(order)
        folds = [order[i::FOLDS] for i in range(FOLDS)]
        right = 0
        for i, test in enumerate(folds):
            train = [e for j, f in enumerate(folds) if j != i for e in f]
            counts = collections.Counter(c for e in train for c in e["cause"])
            guess = counts.most_common(1)[0][0] if counts else None
            right += sum(guess in e["cause"] for e in test)
        rules = sum(scoring.explain_entry(e).correct for e in entries)
        overall = collections.Counter(c for e in entries for c in e["cause"]).most_common(3)
        print(f"{' '.join(sig):34} {len(entries):5}  {rules:3}/{len(entries):<3}  {right:5}/{len(entries):<5}  "
              + ", ".join(f"{c} {n}" for c, n in overall))
        if verbose:
            for e in entries:
                top = explain(e["text"]).top
                print(f"      {e['id']}: {'|'.join(e['cause'])} -> {top.cause if top else None}")


if __name__ == "__main__":
    main()
