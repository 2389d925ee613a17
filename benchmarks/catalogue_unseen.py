"""How well ``mailexpert explain`` reads a program's messages that nobody catalogued: each program of
the message catalogues (data/client-messages.yaml, data/library-messages.yaml and the languages of
data/translations/) is taken away in turn, and its own messages are explained without it.

    python3 benchmarks/catalogue_unseen.py [-v] [--max-per-program N] [--seed S] [--jobs J]
                                           [--program NAME]... [--locale LOCALE]...

For one program, every row the wording tables hold from it is removed: the rows compiled from its
catalogues (all its languages: ``catalogue`` is its name, in the tables and in ``named_hosts``) and the
collected rows of data/error-texts.yaml whose source names a repository of its catalogues (the same
program's sentences written down by hand). What still reads its messages right is what the other
programs' catalogues and the general layer (data/concepts.yaml, the stacks' vocabularies) know: the
situation of a held-out text from a program nobody collected strings from.

Each message is printed as tests/test_client_messages.py prints it (clientmessages.example: each
placeholder filled), and scored as that test scores it: a message whose row names causes is right when
the top cause is one of them; a message with ``causes: []`` (it says only that something failed) is
right when it reads as a failure -- neither fine nor declined. Only messages the catalogues look for
(a pattern of their own; the ambiguous few are looked for by none) are scored.

A program is explained in a process of its own, forked before any module that reads the tables is
imported, so that every table and cache is built without it. ``--max-per-program`` (default 40) takes
at most that many of each program's messages, drawn with ``--seed`` (default 1): the figure is a sample
and says so. ``-v`` lists the misses (program, language, text, expected, got).
"""

from __future__ import annotations

import argparse
import collections
import json
import multiprocessing
import multiprocessing.connection
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mailexpert import clientmessages, rulecache  # noqa: E402

#: The wording tables of data/error-texts.yaml whose collected rows may be a program's own sentences.
COLLECTED_TABLES = ("tls", "socket", "dns", "wordings", "named_hosts")
_REPO = re.compile(r"^([A-Za-z0-9][\w.-]*/[\w.-]+):")


def catalogue_data() -> dict[str, Any]:
    """Both catalogue files with their translations, as clientmessages reads them."""
    data: dict[str, Any] = {}
    for path in (clientmessages.DATA_FILE, clientmessages.LIBRARY_FILE):
        for section, entries in clientmessages.read(path).items():
            if section in clientmessages.SECTIONS:
                data.setdefault(section, {}).update(entries)
    return data


def program_repositories(data: dict[str, Any], program: str) -> frozenset[str]:
    """The repositories (owner/name) a program's catalogues and their translations are read from."""
    entry = clientmessages.programs(data)[program]
    sources = [c["source"] for c in entry["catalogues"]]
    sources += [c.get("translations", {}).get("source", "") for c in entry["catalogues"]]
    sources += [t.get("source", "") for t in clientmessages.translations().get(program, {}).values()]
    return frozenset(m.group(1).lower() for s in sources if (m := _REPO.match(s or "")))


def messages(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each program's messages the catalogues look for, with the text as printed and the locale."""
    out: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for program, message, found in clientmessages.patterns(data):
        if found is None:
            continue
        out[program].append({"key": message["key"], "locale": clientmessages.locale(message) or "(own)",
                             "text": clientmessages.example(message), "causes": list(message.get("causes") or ())})
    return out


def _dropped(row: dict[str, Any], program: str, repos: frozenset[str]) -> bool:
    if row.get("catalogue") == program:
        return True
    source = str(row.get("source", "")).lower()
    return any(repo in source for repo in repos)


def _without(program: str, repos: frozenset[str]) -> None:
    """Make every table this process builds from now on lack the program's rows."""
    real = rulecache.cached

    def cached(name: str, inputs: Sequence[Path], codec: Any, build: Any) -> Any:
        if name.startswith("retyped"):
            return build()  # built from the tables: not the cached build of the whole tables
        value = real(name, inputs, codec, build)
        if name == "client-messages":
            return {t: [r for r in rows if not _dropped(r, program, repos)] for t, rows in value.items()}
        if name == "data" and Path(inputs[0]).name == "error-texts.yaml":
            return {t: ([r for r in rows if not (isinstance(r, dict) and _dropped(r, program, repos))]
                        if t in COLLECTED_TABLES and isinstance(rows, list) else rows)
                    for t, rows in value.items()}
        return value

    rulecache.cached = cached  # type: ignore[assignment]


def explain_without(program: str, repos: frozenset[str], texts: Iterable[str]) -> list[str | None]:
    """Each text explained with the program's rows removed: its top cause, None (called fine),
    "declined", or "crash: ...". Call only in a process that has not read the tables yet."""
    if "mailexpert.classify" in sys.modules:
        raise RuntimeError("the wording tables are already built in this process")
    _without(program, repos)
    from mailexpert.errors import InputError
    from mailexpert.explain import explain

    out: list[str | None] = []
    for text in texts:
        try:
            top = explain(text).top
        except InputError:
            out.append("declined")
            continue
        except Exception as e:  # noqa: BLE001 - a crash is a result the benchmark reports
            out.append(f"crash: {type(e).__name__}: {e}")
            continue
        out.append(top.cause if top is not None else None)
    return out


def _child(conn: multiprocessing.connection.Connection, program: str, repos: frozenset[str], texts: list[str]) -> None:
    conn.send(explain_without(program, repos, texts))
    conn.close()


def run(jobs: list[tuple[str, frozenset[str], list[str]]], workers: int) -> dict[str, list[str | None]]:
    """Each (program, repositories, texts) explained in a forked process of its own, ``workers`` at a time."""
    context = multiprocessing.get_context("fork")
    results: dict[str, list[str | None]] = {}
    pending = list(jobs)
    running: dict[Any, tuple[str, Any]] = {}
    while pending or running:
        while pending and len(running) < workers:
            program, repos, texts = pending.pop(0)
            parent, child = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(child, program, repos, texts))
            process.start()
            child.close()
            running[parent] = (program, process)
        for conn in multiprocessing.connection.wait(list(running)):
            program, process = running.pop(conn)
            try:
                results[program] = conn.recv()
            except EOFError:
                results[program] = ["crash: the process died"] * len(next(t for p, _, t in jobs if p == program))
            process.join()
    return results


def read_unseen(program: str, texts: Sequence[str]) -> list[str | None]:
    """What :func:`explain_without` gives for ``texts`` with ``program``'s rows removed, from a fresh
    interpreter (for a caller whose process has built the tables already: a test)."""
    result = subprocess.run([sys.executable, __file__, "--child", program], input=json.dumps(list(texts)),
                            capture_output=True, text=True, check=True, timeout=600)
    return list(json.loads(result.stdout))


def _child_main(program: str) -> None:
    texts = json.loads(sys.stdin.read())
    print(json.dumps(explain_without(program, program_repositories(catalogue_data(), program), texts)))


def right(expected: list[str], got: str | None) -> bool:
    """As tests/test_client_messages.py scores a message: one of its causes, or (none named) a failure."""
    if got is None or got == "declined" or got.startswith("crash"):
        return False
    return got in expected if expected else True


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--max-per-program", type=int, default=40, help="sample size per program (0: all)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--program", action="append", default=[])
    parser.add_argument("--locale", action="append", default=[])
    parser.add_argument("--json", help="write every scored message and its result to this file")
    args = parser.parse_args(argv)

    started = time.monotonic()
    data = catalogue_data()
    by_program = messages(data)
    rng = random.Random(args.seed)
    jobs = []
    total = 0
    for program in sorted(by_program):
        if args.program and program not in args.program:
            continue
        chosen = [m for m in by_program[program] if not args.locale or m["locale"] in args.locale]
        total += len(chosen)
        if args.max_per_program and len(chosen) > args.max_per_program:
            chosen = rng.sample(chosen, args.max_per_program)
        if chosen:
            by_program[program] = chosen
            jobs.append((program, program_repositories(data, program), [m["text"] for m in chosen]))
    # Warm what no table decides (the rules, the engine) once, before the processes fork.
    from mailexpert import api

    api.load_rulebase()
    results = run(jobs, max(1, args.jobs))

    scored = [(program, m, got) for program, _, _ in jobs
              for m, got in zip(by_program[program], results[program], strict=True)]
    good = sum(right(m["causes"], got) for _, m, got in scored)
    print(f"catalogue messages read with their own program's rows removed: top-1 {good / max(len(scored), 1):6.1%}"
          f"  ({good}/{len(scored)})")
    sample = (f"at most {args.max_per_program} a program, seed {args.seed}" if args.max_per_program else "all")
    print(f"   {len(jobs)} programs, {len(scored)} of {total} messages scored ({sample}); "
          f"{time.monotonic() - started:.0f} s")
    named = [(m, got) for _, m, got in scored if m["causes"]]
    bare = [(m, got) for _, m, got in scored if not m["causes"]]
    print(f"   with causes: {sum(right(m['causes'], g) for m, g in named)}/{len(named)};  causes [] (a failure): "
          f"{sum(right(m['causes'], g) for m, g in bare)}/{len(bare)};  called fine "
          f"{sum(g is None for _, _, g in scored)}, declined {sum(g == 'declined' for _, _, g in scored)}, "
          f"crashed {sum(bool(g and g.startswith('crash')) for _, _, g in scored)}")

    def table(title: str, key: Any, limit: int | None = None) -> None:
        count: collections.Counter[str] = collections.Counter()
        ok: collections.Counter[str] = collections.Counter()
        for program, m, got in scored:
            k = key(program, m)
            count[k] += 1
            ok[k] += right(m["causes"], got)
        rows = count.most_common(limit)
        print(f"{title}:")
        for k, n in rows:
            print(f"   {k:28s} {ok[k] / n:6.1%}  ({ok[k]}/{n})")

    table("by program", lambda p, m: p)
    table("by language (top 15)", lambda p, m: m["locale"], 15)
    if args.json:
        Path(args.json).write_text(json.dumps([{"program": p, **m, "got": g} for p, m, g in scored],
                                              ensure_ascii=False, indent=1), encoding="utf-8")
    if args.verbose:
        print("misses:")
        for program, m, got in scored:
            if not right(m["causes"], got):
                print(f"   MISS {program} [{m['locale']}] {m['key']}: {m['text'][:160]!r}\n"
                      f"        expected {'|'.join(m['causes']) or 'a failure'}, got {got}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child_main(sys.argv[2])
    else:
        main()
