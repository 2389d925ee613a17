"""Shared fixtures for the core tests: a test fact catalog and small rule bases."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from mailexpert.engine import RuleBase
from mailexpert.facts import FactCatalog, data_dir
from mailexpert.rulefile import load_rules

FIXTURES = Path(__file__).parent / "fixtures"

# The suite never reads or writes the user's own rule cache: one private cache for the whole run,
# inherited by the command-line tests' subprocesses.
_CACHE = tempfile.mkdtemp(prefix="mailexpert-test-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
os.environ["MAILEXPERT_CACHE_DIR"] = _CACHE
os.environ.pop("MAILEXPERT_NO_CACHE", None)


@pytest.fixture(scope="session")
def test_catalog() -> FactCatalog:
    """The built-in fact kinds plus the test-only kinds of tests/fixtures/facts."""
    return FactCatalog.load(data_dir("facts"), FIXTURES / "facts")


@pytest.fixture(scope="session")
def chain_rulebase(test_catalog: FactCatalog) -> RuleBase:
    return RuleBase(load_rules([FIXTURES / "chain"], test_catalog), test_catalog)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--rules", action="append", default=[], metavar="DIR",
                     help="features: diagnose with this extra rule folder too (repeatable; "
                          "or MAILEXPERT_RULES, folders separated by the path separator)")


def pytest_configure(config: pytest.Config) -> None:
    # A rule folder's own features (``rules new`` writes one beside its rule) document those
    # rules: with --rules DIR they run too (tests/features/test_features.py binds them).
    folders = [p for p in os.environ.get("MAILEXPERT_FEATURES", "").split(os.pathsep) if p]
    given = [str(Path(p).resolve()) for p in config.getoption("rules")]
    if given:
        os.environ["MAILEXPERT_FEATURES"] = os.pathsep.join([*folders, *given])

