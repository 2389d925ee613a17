"""Replaying large fact bundles: time and peak memory of ``mailexpert replay``, one process each.

A bundle at the fact limit (10,000 facts) must replay in seconds, and one far over it
(75,000 facts, about 6 MB) must be refused quickly, before its facts are built (it took
113 s and 1.1 GB before the limit on a loaded two-core machine).

    python3 benchmarks/bundle_bench.py [N ...]     (default: 1000 10000 75000)
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bundle(n: int) -> str:
    facts = [{"kind": "tcp.connect", "host": f"h{i}.example.test", "port": 443, "outcome": "connected"}
             for i in range(n)]
    return json.dumps({"schema": "mailexpert.facts/1", "facts": facts}, separators=(",", ":"))


def main() -> None:
    # Ascending: the children's peak RSS is a maximum over every child so far.
    sizes = sorted(int(a) for a in sys.argv[1:]) or [1000, 10_000, 75_000]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"bundle-{n}.json"
            path.write_text(bundle(n), encoding="utf-8")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "mailexpert", "replay", str(path)], env=env,
                                    capture_output=True, text=True, check=False)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            outcome = result.stderr.strip().splitlines()[-1][:80] if result.returncode == 2 else "replayed"
            print(f"{n:>7} facts {path.stat().st_size / 1e6:5.1f} MB  exit {result.returncode}  wall {wall:6.2f} s  "
                  f"cpu {cpu:6.2f} s  peak RSS {after.ru_maxrss / 1024:6.0f} MB  {outcome}")


if __name__ == "__main__":
    main()
