"""Concurrency benchmark: N diagnoses of healthy lab accounts at once, in one process.

For N = 1, 10, 50, 100 (or the Ns given) it runs N ``diagnose_async()`` calls together on
one event loop against a healthy loopback lab (IMAPS 993 and submission 587, with a
login each) and prints:

* false findings: reports of the healthy account with any diagnosis (goal 0), and which
  causes they name;
* the latency of one diagnosis: p50, p90, p99 and max, and the wall time of the batch.

The lab runs in a child process (as in probe_bench.py), so its servers do not compete with
the diagnoses for this interpreter; under load its answers come later, which is server
think-time, not the network. Nothing leaves 127.0.0.0/8.
Run: python benchmarks/concurrency.py [N ...]
"""

from __future__ import annotations

import asyncio
import collections
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe_bench import RemoteLab  # noqa: E402

import mailexpert  # noqa: E402

TIMEOUT = 5.0  # the default step timeout


async def one(t) -> tuple[mailexpert.Report, float]:
    start = time.monotonic()
    report = await mailexpert.diagnose_async(
        t.email, imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls", username=t.username,
        password=t.password, dns_servers=t.dns_servers, reference_dns=t.reference_dns, connect_to=t.connect_to,
        ca_file=t.ca_file, web_urls=t.web_urls, timeout=TIMEOUT, allowed_networks=["127.0.0.0/8", "::1/128"])
    return report, time.monotonic() - start


async def batch(t, n: int) -> tuple[list[tuple[mailexpert.Report, float]], float]:
    start = time.monotonic()
    results = await asyncio.gather(*(one(t) for _ in range(n)))
    return results, time.monotonic() - start


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main(ns: list[int]) -> int:
    total_false = 0
    with RemoteLab() as lab:
        t = lab.target
        asyncio.run(batch(t, 1))  # warm-up: imports, rule base, TLS contexts
        print(f"healthy lab account (IMAPS 993 + submission 587, one login each), step timeout {TIMEOUT:g} s")
        print(f"{'N':>4} {'false':>6} {'errors':>6} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} "
              f"{'wall s':>7}  causes")
        for n in ns:
            results, wall = asyncio.run(batch(t, n))
            latencies = [s * 1000 for _, s in results]
            causes: collections.Counter[str] = collections.Counter()
            examples: dict[str, str] = {}
            false = errors = 0
            for report, _ in results:
                if report.diagnoses:
                    false += 1
                    causes.update(f"{d.cause}/{d.severity}" for d in report.diagnoses)
                    for d in report.diagnoses:
                        examples.setdefault(d.cause, d.summary)
                if report.exit_status != 0:
                    errors += 1
            total_false += false
            print(f"{n:>4} {false:>6} {errors:>6} {statistics.median(latencies):>8.0f} "
                  f"{percentile(latencies, 90):>8.0f} {percentile(latencies, 99):>8.0f} {max(latencies):>8.0f} "
                  f"{wall:>7.1f}  {dict(causes.most_common(5)) or '-'}", flush=True)
            for cause, summary in examples.items():
                print(f"       e.g. {cause}: {summary}")
    return 1 if total_false else 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [1, 10, 50, 100]))
