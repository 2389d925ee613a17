"""Probe benchmark: how much the concurrent collection gains, and what a filtered port costs.

Prints, for a three-service lab account (IMAPS 993, POP3S 995, submission 587):

* the wall time of a full collection (median of several runs);
* the sum of the individual probe times, each collector run alone in a fresh context;
* the slowest of those (the slowest probe chain); goal: wall <= 1.3 x slowest chain;
* the wall time when one configured port is filtered (SYNs dropped); goal: <= timeout + 0.3 s;
* the wall time TLS version and cipher-class probing adds to a whole diagnosis (``diagnose``:
  probes, rules, follow-ups), on a healthy lab and on labs with TLS faults; goal: < 20 %.

Everything runs against the loopback lab; nothing leaves 127.0.0.0/8. The lab runs in a
child process: its servers are Python too, and in this process they would compete with
the probes for the one interpreter lock, which no real mail server does.
Run: python benchmarks/probe_bench.py [runs]   (only the TLS figure: probe_bench.py tls [runs])
"""

from __future__ import annotations

import asyncio
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mailexpert.account import Account  # noqa: E402
from mailexpert.collect import LOOPBACK_NETWORKS, PROBES, ProbeOptions, collect, make_context  # noqa: E402
from mailexpert.lab import Fault, Lab  # noqa: E402

TIMEOUT = 1.0


def account(t) -> Account:
    return Account(email=t.email, password=t.password, imap="mail.example.test:993/ssl",
                   pop3="mail.example.test:995/ssl", smtp="mail.example.test:587/starttls")


def options(t) -> ProbeOptions:
    return ProbeOptions(dns_servers=t.dns_servers, reference_dns=t.reference_dns, connect_to=t.connect_to,
                        ca_file=t.ca_file, web_urls=t.web_urls, timeout=TIMEOUT, deadline=10.0,
                        allowed_networks=LOOPBACK_NETWORKS, environ={})


async def alone(acct: Account, opts: ProbeOptions, name: str) -> float:
    loop = asyncio.get_running_loop()
    ctx = make_context(acct, opts, deadline=loop.time() + opts.deadline)
    start = time.monotonic()
    try:
        await PROBES[name](ctx)
    finally:
        ctx.dns.cancel_all()
    return time.monotonic() - start


async def wall(acct: Account, opts: ProbeOptions) -> float:
    start = time.monotonic()
    await collect(acct, opts)
    return time.monotonic() - start


def _serve_lab(faults: list, conn) -> None:  # child process
    with Lab(faults=faults) as lab:
        conn.send(lab.target)
        conn.recv()  # until the parent says stop


class RemoteLab:
    """A Lab in a child process; ``target`` as the lab's own."""

    def __init__(self, faults: list | None = None) -> None:
        self.faults = faults or []

    def __enter__(self):
        parent, child = multiprocessing.Pipe()
        self.conn = parent
        self.proc = multiprocessing.get_context("fork").Process(target=_serve_lab, args=(self.faults, child))
        self.proc.start()
        self.target = parent.recv()
        return self

    def __exit__(self, *exc) -> None:
        self.conn.send("stop")
        self.proc.join(30)


def measure(faults: list, runs: int) -> tuple[float, float, dict[str, float]]:
    """(median wall, median client CPU, median time of each probe alone) against one lab."""
    with RemoteLab(faults) as lab:
        t = lab.target
        acct, opts = account(t), options(t)
        asyncio.run(wall(acct, opts))  # warm-up (imports, contexts)
        walls, cpus = [], []
        for _ in range(runs):
            cpu = time.process_time()
            walls.append(asyncio.run(wall(acct, opts)))
            cpus.append(time.process_time() - cpu)
        single = {name: statistics.median(asyncio.run(alone(acct, opts, name)) for _ in range(runs))
                  for name in PROBES}
    return statistics.median(walls), statistics.median(cpus), single


def report(title: str, wall_s: float, cpu_s: float, single: dict[str, float]) -> None:
    slowest_name = max(single, key=single.get)
    slowest = single[slowest_name]
    print(title)
    for name, seconds in sorted(single.items(), key=lambda kv: -kv[1]):
        print(f"  {name:12s} alone: {seconds * 1000:7.1f} ms")
    print(f"  sum of probe times      : {sum(single.values()) * 1000:7.1f} ms")
    print(f"  slowest chain ({slowest_name:9s}): {slowest * 1000:7.1f} ms")
    print(f"  full collection (wall)  : {wall_s * 1000:7.1f} ms  = {wall_s / slowest:.2f} x slowest chain"
          f"  (goal <= 1.30) {'OK' if wall_s <= 1.3 * slowest else 'MISSED'}")
    print(f"  client CPU per collection: {cpu_s * 1000:6.1f} ms")


def main(runs: int = 5) -> None:
    report(f"three-service account on loopback, {runs} runs, step timeout {TIMEOUT:g} s",
           *measure([], runs))
    # Loopback has no round-trip time, so every chain is CPU. With 40 ms before every
    # server reply (a plausible internet RTT) the chains are waits, as in real use.
    report("same, servers answer after 40 ms (simulated round trip)",
           *measure([Fault("latency", "*:*", 0.04)], runs))
    with RemoteLab([Fault("filtered", "mail:993")]) as lab:
        t = lab.target
        acct, opts = account(t), options(t)
        filtered = statistics.median(asyncio.run(wall(acct, opts)) for _ in range(3))
    print(f"one configured port filtered (wall): {filtered * 1000:7.1f} ms  (goal <= timeout + 300 ms = "
          f"{(TIMEOUT + 0.3) * 1000:.0f} ms) {'OK' if filtered <= TIMEOUT + 0.3 else 'MISSED'}")


async def diagnosis(t, *, version_probing: bool) -> float:
    """Wall time of one whole diagnosis; without version probing, ``tls.version_facts`` (the
    collector's and the follow-up's) learns nothing, so only the session's own handshake is left."""
    from mailexpert import diagnose_async
    from mailexpert.probes import tls

    real = tls.version_facts

    async def nothing(*_args, **_kwargs):
        return []

    tls.version_facts = real if version_probing else nothing
    try:
        start = time.monotonic()
        await diagnose_async(t.email, imap="mail.example.test:993/ssl", pop3="mail.example.test:995/ssl",
                             smtp="mail.example.test:587/starttls", password=t.password,
                             dns_servers=[str(d) for d in t.dns_servers],
                             reference_dns=[str(d) for d in t.reference_dns], connect_to=t.connect_to,
                             ca_file=t.ca_file, web_urls=t.web_urls, timeout=TIMEOUT, deadline=10.0,
                             allowed_networks=LOOPBACK_NETWORKS)
        return time.monotonic() - start
    finally:
        tls.version_facts = real


def version_probing_overhead(runs: int) -> None:
    print(f"TLS version probing: wall time added to a whole diagnosis (median of {runs}; goal < 20 %)")
    for title, faults in (("healthy", []), ("40 ms round trip", [Fault("latency", "*:*", 0.04)]),
                          ("TLS 1.0/1.1 only", [Fault("tls-legacy", "mail:*")]),
                          ("no shared cipher", [Fault("no-shared-cipher", "mail:*")])):
        with RemoteLab(faults) as lab:
            t = lab.target
            asyncio.run(diagnosis(t, version_probing=True))  # warm-up (imports, rule base, contexts)
            on, off, cpu_on, cpu_off = [], [], [], []
            for _ in range(runs):  # interleaved, so that load changes hit both alike
                for probing, walls, cpus in ((True, on, cpu_on), (False, off, cpu_off)):
                    cpu = time.process_time()
                    walls.append(asyncio.run(diagnosis(t, version_probing=probing)))
                    cpus.append(time.process_time() - cpu)
        with_, without = statistics.median(on), statistics.median(off)
        added = with_ - without
        cpu_added = statistics.median(cpu_on) - statistics.median(cpu_off)
        print(f"  {title:18s}: {with_ * 1000:7.1f} ms with, {without * 1000:7.1f} ms without: "
              f"+{added * 1000:6.1f} ms = {added / with_ * 100:5.1f} % of the diagnosis "
              f"{'OK' if added < 0.2 * with_ else 'MISSED'}   (client CPU +{cpu_added * 1000:5.1f} ms of "
              f"{statistics.median(cpu_on) * 1000:6.1f} ms)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "tls":
        version_probing_overhead(int(sys.argv[2]) if len(sys.argv) > 2 else 11)
        sys.exit(0)
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    version_probing_overhead(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
