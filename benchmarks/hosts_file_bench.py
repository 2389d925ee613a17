"""Hosts-file look-up time against the file's size: what each diagnosis (and each follow-up
probe run) pays to read the hosts file and look up the mail servers' names.

Ad-blocking hosts files hold 100,000 lines and more; a diagnosis looks up a handful of names.
For each size a file of N ``0.0.0.0 adsI.tracker.example`` lines is generated, read, and three
names looked up (one at the end, one absent, one that is a substring of many). CPU time is
printed besides wall time, since the machine may be shared.

    python3 benchmarks/hosts_file_bench.py [N ...]     (default: 1000 100000 200000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from mailexpert.probes import hostsfile


def main(sizes: list[int]) -> None:
    print(f"{'lines':>8} {'MB':>6} {'wall ms':>8} {'cpu ms':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            path = Path(folder) / f"hosts-{n}"
            path.write_text("".join(f"0.0.0.0 ads{i}.tracker.example\n" for i in range(n)), encoding="utf-8")
            wall, cpu = time.perf_counter(), time.process_time()
            parsed = hostsfile.read(str(path))
            assert parsed.lookup(f"ads{n - 1}.tracker.example")
            assert not parsed.lookup("mail.example.org")
            parsed.lookup("tracker.example")
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(f"{n:>8} {path.stat().st_size / 1e6:>6.1f} {wall * 1000:>8.1f} {cpu * 1000:>7.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 100_000, 200_000])
