"""How long commands take to start: medians of whole-process runs, next to ``python -c pass``.

    python3 benchmarks/startup.py [--runs 5]

Each figure is the median wall time (and CPU time, steadier on a busy machine, and peak RSS)
of ``--runs`` fresh processes, with the rule cache and the bytecode cache warm unless the line
says cold (private directories, so the user's own cache and the source tree are never touched;
``PYTHONDONTWRITEBYTECODE`` would otherwise make every run compile mailexpert's modules again). "startup share of demo" is the time a process spends before the diagnosis
starts (imports and the rule base) divided by the wall time of ``demo --fault``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

EXPLAIN = ["-m", "mailexpert", "explain", "535-5.7.8 Username and Password not accepted."]
#: Prints how long the first load_rulebase() of a process takes, imports excluded.
LOAD_TIMED = ("import time, mailexpert.api; t = time.perf_counter(); mailexpert.api.load_rulebase(); "
              "print(time.perf_counter() - t)")
DEMO_STARTUP = "import mailexpert.commands.demo, mailexpert.lab, mailexpert.pipeline; import mailexpert; mailexpert.load_rulebase()"
#: Prints how long starting the demo's lab takes (its certificates, servers and DNS), imports excluded.
LAB_START_TIMED = ("import sys, time, mailexpert.lab; lab = mailexpert.lab.Lab(scenario=sys.argv[1]); "
                   "t = time.perf_counter(); lab.start(); print(time.perf_counter() - t); lab.stop()")


def run(args: list[str], env: dict[str, str], *, inner: bool = False) -> tuple[float, float, float]:
    """Wall seconds (or, with ``inner``, the seconds the process printed), CPU seconds and peak RSS (MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen([PY, *args], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    printed = proc.stdout.read() if proc.stdout else b""
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return (float(printed) if inner else wall), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def median(args: list[str], env: dict[str, str], runs: int, *, cold: bool = False,
           inner: bool = False) -> tuple[float, float, float]:
    walls, cpus, rss = [], [], []
    for _ in range(runs):
        if cold:
            env = {**env, "MAILEXPERT_CACHE_DIR": tempfile.mkdtemp(prefix="mailexpert-cold-")}
        wall, cpu, mem = run(args, env, inner=inner)
        walls.append(wall)
        cpus.append(cpu)
        rss.append(mem)
    return statistics.median(walls), statistics.median(cpus), statistics.median(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fault", default="cert-expired", help="the demo scenario timed")
    opts = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="mailexpert-bench-cache-")
    env = {**os.environ, "MAILEXPERT_CACHE_DIR": cache, "PYTHONPATH": str(ROOT),
           "PYTHONPYCACHEPREFIX": tempfile.mkdtemp(prefix="mailexpert-bench-pyc-")}
    env.pop("MAILEXPERT_NO_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    run(EXPLAIN, env)  # warm the caches
    run(["-m", "mailexpert", "demo", "--fault", opts.fault], env)

    base, base_cpu, base_rss = median(["-c", "pass"], env, opts.runs)
    rows = [
        ("python -c pass", base, base_cpu, base_rss, None),
        ("mailexpert --help", *median(["-m", "mailexpert", "--help"], env, opts.runs), 0.15),
        ("mailexpert explain '535-5.7.8 ...'", *median(EXPLAIN, env, opts.runs), 0.30),
        ("import mailexpert", *median(["-c", "import mailexpert"], env, opts.runs), 0.10),
        ("first load_rulebase() in a process, warm", *median(["-c", LOAD_TIMED], env, opts.runs, inner=True), 0.15),
        ("first load_rulebase() in a process, cold", *median(["-c", LOAD_TIMED], env, opts.runs, cold=True,
                                                              inner=True), 1.0),
    ]
    print(f"{'what':40} {'median s':>12} {'minus pass':>11} {'CPU s':>7} {'RSS MB':>7} {'goal':>7}")
    for what, wall, cpu, rss, goal in rows:
        goal_text = "" if goal is None else f"<= {goal:.2f}"
        extra = "" if goal is None or what.startswith("first") else f"{wall - base:11.3f}"
        print(f"{what:40} {wall:12.3f} {extra:>11} {cpu:7.3f} {rss:7.1f} {goal_text:>7}")
    demo, demo_cpu, _ = median(["-m", "mailexpert", "demo", "--fault", opts.fault], env, opts.runs)
    startup, startup_cpu, _ = median(["-c", DEMO_STARTUP], env, opts.runs)
    lab_start, _, _ = median(["-c", LAB_START_TIMED, opts.fault], env, opts.runs, inner=True)
    print(f"{'demo --fault ' + opts.fault:40} {demo:12.3f} {'':>11} {demo_cpu:7.3f}")
    print(f"{'startup share of demo (goal <= 20 %)':40} {100 * startup / demo:11.0f} %   ({startup:.3f} s of imports "
          f"and rule base; {startup_cpu:.3f} s CPU)")
    print(f"{'  ... with the lab start':40} {100 * (startup + lab_start) / demo:11.0f} %   (the lab starts in "
          f"{lab_start:.3f} s)")


if __name__ == "__main__":
    main()
