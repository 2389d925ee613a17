"""Accuracy of the differential diagnosis on the lab matrix: every fault (and pairs of faults
where one is the root) × {only the faulty service given, all three given, address only} ×
two DNS worlds ("exact": SRV records only for the services that run; "stale": also for
services that do not). See mailexpert/lab/matrix.py for what each cell expects.

    python3 benchmarks/accuracy.py [--world exact|stale] [--only SCENARIO]... [--jobs N] [-v]

Prints top-1 per cell and world, overall, and the number of cells where a healthy given
setting got an error-severity diagnosis (target: 100 % and 0).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from mailexpert.lab.matrix import CELLS, WORLD_NAMES, Result, matrix_scenarios, run_case


async def run_all(worlds: list[str], only: list[str], jobs: int, timeout: float) -> list[Result]:
    scenarios = [s for s in matrix_scenarios() if not only or s.id in only]
    gate = asyncio.Semaphore(jobs)
    results: list[Result] = []

    async def one(scenario, world):  # type: ignore[no-untyped-def]
        async with gate:
            for r in await run_case(scenario, world, timeout=timeout):
                results.append(r)
                mark = "ok " if r.ok else "BAD"
                print(f"{mark} {r.world:5} {r.cell:7} {r.scenario:40} expected={r.expected} top={r.top} "
                      f"exit={r.exit_status}{' false-errors=' + ','.join(r.false_errors) if r.false_errors else ''}"
                      f" ({r.seconds:.1f} s)", flush=True)

    await asyncio.gather(*(one(s, w) for w in worlds for s in scenarios))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--world", action="append", choices=WORLD_NAMES)
    parser.add_argument("--only", action="append", default=[], metavar="SCENARIO")
    parser.add_argument("--jobs", type=int, default=4, help="labs at a time (default 4)")
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("-v", action="store_true", help="print every cell, not only the misses")
    args = parser.parse_args()
    started = time.monotonic()
    results = asyncio.run(run_all(args.world or list(WORLD_NAMES), args.only, args.jobs, args.timeout))
    print()
    print(f"{'world':6} {'cell':8} {'top-1':>12}")
    for world in args.world or WORLD_NAMES:
        for cell in CELLS:
            cell_results = [r for r in results if r.world == world and r.cell == cell]
            good = sum(r.ok for r in cell_results)
            print(f"{world:6} {cell:8} {good:4}/{len(cell_results):<4} {100 * good / max(1, len(cell_results)):5.1f} %")
    good = sum(r.ok for r in results)
    print(f"overall         {good:4}/{len(results):<4} {100 * good / max(1, len(results)):5.1f} %")
    healthy_errors = [r for r in results if (r.expected is None and r.exit_status != 0) or r.false_errors]
    print(f"cells where a healthy given setting got an error diagnosis: {len(healthy_errors)}")
    print(f"wall time: {time.monotonic() - started:.0f} s")
    return 0 if good == len(results) and not healthy_errors else 1


if __name__ == "__main__":
    sys.exit(main())
