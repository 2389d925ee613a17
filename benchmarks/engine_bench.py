"""Engine benchmark: diagnoses per second replaying bundles with the full rule base, next to
bare durable_rules on the same compiled ruleset with the same facts, and RSS before/after
10,000 diagnoses. Prints figures; asserts nothing (goals: >= 70 % of bare; RSS within 5 MB).

    python benchmarks/engine_bench.py [--n 10000]
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from pathlib import Path

import durable.engine as durable_engine

from mailexpert.api import diagnose_facts
from mailexpert.bundle import load_bundle
from mailexpert.engine import RuleBase, sentinel
from mailexpert.patterns import Searches


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


BUNDLES = Path(__file__).resolve().parent / "bundles"


def corpus(rb: RuleBase) -> list[tuple]:
    """Recorded lab diagnoses (benchmarks/bundles, made by record_lab_bundles.py), else the
    rules' own examples."""
    bundles = sorted(BUNDLES.glob("*.json"))
    if bundles:
        return [load_bundle(p).facts for p in bundles]
    cases = [ex.facts for rule in rb.rules for ex in (*rule.fires, *rule.silent)]
    return [tuple(c) for c in cases if c]


def bare_rate(rb: RuleBase, cases: list[tuple], n: int) -> float:
    """durable_rules alone: the same compiled conditions and facts, actions that do nothing."""
    definition = {name: {**body, "run": (lambda c: None)} for name, body in rb.definition()[rb.ruleset_name].items()}
    host = durable_engine.Host()
    name = "bare" + rb.ruleset_name
    host.set_rulesets({name: definition})
    prepared = []
    for facts in cases:
        # The same working memory our engine ends with: the base facts plus the facts its
        # rules derive, so that durable does the same matching in both runs.
        every = list(dict.fromkeys([*facts, *rb.run(facts).derived]))
        dicts = [rb._to_durable(f"f{i}", f, Searches()) for i, f in enumerate(every)]
        dicts += [rb._to_durable(f"g{s}", sentinel(s), Searches()) for s in rb._gates]
        prepared.append(dicts)
    start = time.perf_counter()
    for i in range(n):
        sid = f"b{i}"
        for d in prepared[i % len(prepared)]:
            try:
                host.assert_fact(name, {**d, "sid": sid})
            except (durable_engine.MessageNotHandledException, durable_engine.MessageObservedException):
                pass
        host.delete_state(name, sid)
    return n / (time.perf_counter() - start)


def ours_rate(rb: RuleBase, cases: list[tuple], n: int) -> float:
    start = time.perf_counter()
    for i in range(n):
        diagnose_facts(cases[i % len(cases)], rulebase=rb)
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    rb = RuleBase.load()
    cases = corpus(rb)
    facts_per_case = sum(len(c) for c in cases) / len(cases)
    print(f"rule base: {len(rb.rules)} rules; corpus: {len(cases)} bundles, "
          f"{facts_per_case:.1f} facts each")
    ours_rate(rb, cases, 200)  # warm-up
    bare = bare_rate(rb, cases, min(args.n, 3000))
    ours = ours_rate(rb, cases, min(args.n, 3000))
    print(f"bare durable_rules: {bare:8.0f} sessions/s")
    print(f"mailexpert:         {ours:8.0f} diagnoses/s  ({100 * ours / bare:.0f} % of bare; goal >= 70 %)")
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    for i in range(args.n):
        diagnose_facts(cases[i % len(cases)], rulebase=rb)
    gc.collect()
    after = rss_mb()
    print(f"RSS before {before:.1f} MB, after {args.n} diagnoses {after:.1f} MB: "
          f"{after - before:+.1f} MB (goal within 5 MB); {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
