"""Set a quarter of newly collected corpus texts aside as the held-out set (run once per batch).

    python3 benchmarks/corpus_split.py tests/corpus/collected-NEW.yaml

Picks 25 % of the file's entries at random with a fixed seed, moves them to
tests/corpus/heldout.yaml and rewrites the file without them. Run it right after collecting,
before anything is tuned on the texts: the held-out texts are only ever scored.

A text the corpus already holds (the same words, numbers and spacing aside, in a working file
or in the held-out set) is refused, and so is one given twice in the file: the script names the
file's entries to drop and changes nothing. Without this, a collector who may not open the
held-out set collects a held-out text again, tunes on it, and the held-out score counts it.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))

import scoring  # noqa: E402

SEED = 9
SHARE = 0.25
HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "heldout.yaml"


def blocks(text: str) -> tuple[str, list[str]]:
    """The file's header and its entries' text, each verbatim from its ``- `` line to the next.

    The text is moved rather than re-dumped so that the comments inside an entry (the
    ``# label:`` saying how the thread established the cause) survive the move."""
    lines = text.splitlines(True)
    starts = [i for i, line in enumerate(lines) if line.startswith("- ")]
    header = "".join(lines[: starts[0]]) if starts else text
    ends = [*starts[1:], len(lines)]
    return header, ["".join(lines[a:b]).rstrip("\n") + "\n" for a, b in zip(starts, ends, strict=True)]


def tagged(block: str, batch: str) -> str:
    """The entry with the batch it came from, which ``corpus_score.py --only`` reads."""
    return block + f"  batch: {batch}\n"


def already_held(path: Path, entries: list[dict]) -> list[str]:
    """The ids of the file's entries whose text the rest of the corpus, or an earlier entry of
    the file, already holds."""
    others = [e for f in scoring.working_files() if f.resolve() != path.resolve() for e in scoring.load(f)]
    seen = {scoring.twin_key(e["text"]) for e in others + scoring.heldout()}
    found = []
    for entry in entries:
        key = scoring.twin_key(entry["text"])
        if key in seen:
            found.append(entry["id"])
        seen.add(key)
    return found


def main() -> None:
    for name in sys.argv[1:]:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        entries = yaml.safe_load(text)
        if twins := already_held(path, entries):
            sys.exit(f"{path}: the corpus already holds the text of {len(twins)} entries; drop them and run again: "
                     + ", ".join(twins))
        header, parts = blocks(text)
        # The blocks must be the entries, one for one, or the move would cut an entry in two.
        assert [yaml.safe_load(part)[0] for part in parts] == entries, f"{path}: entries are not one block each"
        chosen = set(random.Random(f"{SEED}:{path.name}").sample(range(len(entries)), round(len(entries) * SHARE)))
        kept = [part for i, part in enumerate(parts) if i not in chosen]
        held = [tagged(part, path.stem) for i, part in enumerate(parts) if i in chosen]
        old = HELDOUT.read_text(encoding="utf-8") if HELDOUT.exists() else (
            "# Held out at random (benchmarks/corpus_split.py) before any tuning: only ever scored.\n")
        HELDOUT.write_text(old.rstrip("\n") + "\n" + "".join(held), encoding="utf-8")
        path.write_text(header + "".join(kept), encoding="utf-8")
        assert yaml.safe_load(path.read_text(encoding="utf-8")) == [e for i, e in enumerate(entries) if i not in chosen]
        print(f"{path}: {len(kept)} kept, {len(held)} held out")


if __name__ == "__main__":
    main()
