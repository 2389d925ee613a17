"""Set a quarter of newly collected corpus texts aside as the held-out set (run once per batch).

    python3 benchmarks/corpus_split.py tests/corpus/collected-NEW.yaml

Picks 25 % of the file's entries at random with a fixed seed, moves them to
tests/corpus/heldout.yaml and rewrites the file without them. Run it right after collecting,
before anything is tuned on the texts: the held-out texts are only ever scored.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

SEED = 9
SHARE = 0.25
HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "heldout.yaml"


def dump(entries: list[dict]) -> str:
    return yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=120)


def main() -> None:
    for name in sys.argv[1:]:
        path = Path(name)
        header = "".join(line for line in path.read_text(encoding="utf-8").splitlines(True) if line.startswith("#"))
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        chosen = set(random.Random(f"{SEED}:{path.name}").sample(range(len(entries)), round(len(entries) * SHARE)))
        kept = [e for i, e in enumerate(entries) if i not in chosen]
        held = [e for i, e in enumerate(entries) if i in chosen]
        old = yaml.safe_load(HELDOUT.read_text(encoding="utf-8")) if HELDOUT.exists() else []
        HELDOUT.write_text("# Held out at random (benchmarks/corpus_split.py) before any tuning: only ever scored.\n"
                           + dump((old or []) + held), encoding="utf-8")
        path.write_text(header + dump(kept), encoding="utf-8")
        print(f"{path}: {len(kept)} kept, {len(held)} held out")


if __name__ == "__main__":
    main()
