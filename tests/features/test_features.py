"""Runs every Gherkin feature end to end: features/, plus the folders in MAILEXPERT_FEATURES
and the extra rule folders' own (MAILEXPERT_RULES, ``pytest --rules DIR``).

Each scenario becomes ``test_<feature>__<scenario>``, so that ``-k firewall`` runs one feature
and a failure names the page of the manual it comes from. A feature that needs more than the
lab (a real server) has its own module and steps: features/postfix.feature, test_postfix.py.
"""

from __future__ import annotations

import os
from pathlib import Path

from pytest_bdd import scenario
from pytest_bdd.feature import get_features
from pytest_bdd.scenario import make_python_name

ROOT = Path(__file__).resolve().parents[2]
#: Features bound by their own test modules.
OWN_MODULES = {ROOT / "features" / "postfix.feature": "test_postfix.py"}
#: Where features are read: a folder named twice (as features and as rules) is read once.
FOLDERS = list(dict.fromkeys(
    p.resolve() for p in [ROOT / "features", *(Path(p) for name in ("MAILEXPERT_FEATURES", "MAILEXPERT_RULES")
                                               for p in os.environ.get(name, "").split(os.pathsep) if p)]
    if p.is_dir()))


def _bind() -> None:
    for feature in get_features([str(p) for p in FOLDERS]):
        if Path(feature.filename).resolve() in OWN_MODULES:
            continue
        stem = make_python_name(Path(feature.filename).stem.replace("-", "_"))
        for name in feature.scenarios:
            test_name = f"test_{stem}__{make_python_name(name) or 'scenario'}"
            n = 1
            while test_name in globals():
                n += 1
                test_name = f"test_{stem}__{make_python_name(name)}_{n}"
            globals()[test_name] = scenario(feature.filename, name, features_base_dir="/")(lambda: None)


_bind()
