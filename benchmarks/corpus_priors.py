"""Which cause a text that names only the kind of failure gets: the order of data/priors.yaml, checked.

    python3 benchmarks/corpus_priors.py [-v]     # per family: texts, top-1 with the order, out of sample
    python3 benchmarks/corpus_priors.py --counts # the counts of data/priors.yaml, recounted
    python3 benchmarks/corpus_priors.py --write  # ... and written into it (the orders follow them)

A text that shows one generic observation (a connection that failed without a reason, timed
out, was refused; a server that never greeted; a TLS handshake cut short) belongs to a
family of data/priors.yaml, whose order ranks the causes the rules read into it. For each
family this prints, on the working set only (the held-out set is not read):

- counted: the texts whose counts make the order (reports of real cases; see the data file)
  and the three causes most often acceptable among them;
- none: top-1 on all the family's texts with no order (ties fall to the cause ids' order);
- file: top-1 with the order of data/priors.yaml (in sample: the counts include the text);
- loo: top-1 leaving one out: each counted text is ranked by an order made from the other
  texts' counts (the other texts of the family, which do not count, by the file's order).

The lines "all" sum the families.
"""

from __future__ import annotations

import collections
import re
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))

import scoring  # noqa: E402

from mailexpert import priors  # noqa: E402
from mailexpert.account import ServerSetting  # noqa: E402
from mailexpert.errors import InputError  # noqa: E402
from mailexpert.explain import named_setting, recognise  # noqa: E402

#: The kinds of corpus text that report a real case (the lab reproduces causes it chose, and a
#: stack's reference string lists every cause it can have): only they are counted.
COUNTED_KINDS = ("client", "library", "server", "provider")


def family_of(entry: dict, table: Iterable[priors.Family]) -> priors.Family | None:
    setting = None
    if entry.get("server"):
        protocol, text = entry["server"].split()
        setting = ServerSetting.parse(protocol, text)
    try:
        facts = recognise(entry["text"], setting=setting or named_setting(entry["text"])).facts
    except InputError:
        return None
    return priors.family(facts, table)


def counts(entries: Iterable[dict]) -> collections.Counter[str]:
    return collections.Counter(c for e in entries if e["kind"] in COUNTED_KINDS for c in e["cause"] if c != "none")


def ordered(found: collections.Counter[str], fam: priors.Family) -> tuple[str, ...]:
    """The causes by count, most first; equal counts in the family's present order."""
    return tuple(sorted(found, key=lambda c: (-found[c], fam.rank(c), c)))


def _wrapped(key: str, opening: str, items: list[str], closing: str) -> str:
    head = f"    {key}: {opening}"
    joined = ", ".join(item.replace(" ", "\0") for item in items)  # a line breaks between items only
    return textwrap.fill(joined, width=118, initial_indent=head, subsequent_indent=" " * len(head),
                         break_on_hyphens=False).replace("\0", " ") + closing + "\n"


def write(found: dict[str, collections.Counter[str]], table: Iterable[priors.Family],
          path: Path = priors.DATA_FILE) -> None:
    """Each family's order and counts in data/priors.yaml, recounted (equal counts keep their order)."""
    text = path.read_text(encoding="utf-8")
    for fam in table:
        order = ordered(found[fam.id], fam)
        block = (_wrapped("order", "[", list(order), "]")
                 + _wrapped("counts", "{", [f"{c}: {found[fam.id][c]}" for c in order], "}"))
        pattern = re.compile(rf"(\n  {re.escape(fam.id)}:\n(?:    [^\n]*\n|      [^\n]*\n)*?)"
                             r"    order: \[[^\]]*\]\n    counts: \{[^}]*\}\n")
        text, n = pattern.subn(lambda m, block=block: m.group(1) + block, text, count=1)
        if n != 1:
            raise SystemExit(f"{path}: no 'order:' and 'counts:' lines for {fam.id}")
    path.write_text(text, encoding="utf-8")


def top1(entry: dict, table: tuple[priors.Family, ...]) -> bool:
    priors.families = lambda: table  # the ranking reads the table through this function
    try:
        return scoring.explain_entry(entry).correct
    finally:
        del priors.families


def main() -> None:
    verbose = "-v" in sys.argv
    table = priors.families()
    groups: dict[str, list[dict]] = collections.defaultdict(list)
    for entry in scoring.working():
        fam = family_of(entry, table)
        if fam is not None:
            groups[fam.id].append(entry)
    if "--write" in sys.argv:
        write({fam.id: counts(groups[fam.id]) for fam in table}, table)
        return
    if "--counts" in sys.argv:
        for fam in table:
            found = counts(groups[fam.id])
            print(f"{fam.id}:  # {sum(e['kind'] in COUNTED_KINDS for e in groups[fam.id])} texts")
            print("    order: [" + ", ".join(ordered(found, fam)) + "]")
            print("    counts: {" + ", ".join(f"{c}: {found[c]}" for c in ordered(found, fam)) + "}")
        return
    bare = tuple(attrs.evolve(f, order=()) for f in table)
    totals = collections.Counter()
    print(f"{'family':28} {'texts':>5} {'counted':>7}  {'none':>7} {'file':>7} {'loo':>7}   most often acceptable")
    for fam in table:
        entries = groups[fam.id]
        if not entries:
            continue
        none = sum(top1(e, bare) for e in entries)
        file = sum(top1(e, table) for e in entries)
        loo = 0
        counted = [e for e in entries if e["kind"] in COUNTED_KINDS]
        lines = []
        for e in entries:
            if e["kind"] in COUNTED_KINDS:
                rest = counts(x for x in counted if x is not e)
                out = tuple(attrs.evolve(f, order=ordered(rest, f)) if f is fam else f for f in table)
            else:
                out = table
            right = top1(e, out)
            loo += right
            lines.append(f"      {'ok' if right else 'XX'} {e['id']} ({e['kind']}): {'|'.join(e['cause'])}")
        n = len(entries)
        totals.update(texts=n, counted=len(counted), none=none, file=file, loo=loo)
        top = ", ".join(f"{c} {k}" for c, k in counts(entries).most_common(3))
        print(f"{fam.id:28} {n:5} {len(counted):7}  {none:3}/{n:<3} {file:3}/{n:<3} {loo:3}/{n:<3}   {top}")
        if verbose:
            print("\n".join(lines))
    n = totals["texts"]
    print(f"{'all':28} {n:5} {totals['counted']:7}  {totals['none']:3}/{n:<3} {totals['file']:3}/{n:<3} "
          f"{totals['loo']:3}/{n:<3}")


if __name__ == "__main__":
    main()
