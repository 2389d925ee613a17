"""Shared fixtures for the core tests: a test fact catalog and small rule bases."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailexpert.engine import RuleBase
from mailexpert.facts import FactCatalog, data_dir
from mailexpert.rulefile import load_rules

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def test_catalog() -> FactCatalog:
    """The built-in fact kinds plus the test-only kinds of tests/fixtures/facts."""
    return FactCatalog.load(data_dir("facts"), FIXTURES / "facts")


@pytest.fixture(scope="session")
def chain_rulebase(test_catalog: FactCatalog) -> RuleBase:
    return RuleBase(load_rules([FIXTURES / "chain"], test_catalog), test_catalog)
