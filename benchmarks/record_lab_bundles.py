"""Record one fact bundle per lab scenario into benchmarks/bundles/ (input for engine_bench.py).

    python benchmarks/record_lab_bundles.py

Each bundle is what a real diagnosis of the lab account observed (follow-up probes and
answers included), so replaying them exercises the rule base as a live diagnosis does.
"""

from __future__ import annotations

from pathlib import Path

from mailexpert.lab import SCENARIOS, Lab
from mailexpert.pipeline import diagnose

OUT = Path(__file__).resolve().parent / "bundles"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for scenario_id in SCENARIOS:
        with Lab(scenario=scenario_id) as lab:
            path = OUT / f"{scenario_id}.json"
            diagnose(lab.target.email, **lab.target.diagnose_options(timeout=1.0, save_facts=path))
        print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
