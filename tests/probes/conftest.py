"""Fixtures of the probe tests (helpers live in probe_helpers.py beside this file).

The ``scenarios`` fixture runs every lab scenario once per session, four at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from probe_helpers import ScenarioCache

from mailexpert.lab import SCENARIOS


@pytest.fixture(scope="session")
def scenarios() -> Iterator[ScenarioCache]:
    cache = ScenarioCache()
    cache.prefetch(SCENARIOS)
    yield cache
    cache.close()


@pytest.fixture(scope="session")
def rulebase_loaded() -> None:
    """The built-in rule base loaded once, before a test times a diagnosis. A process's first
    load checks every rule file and writes the cache entries (about 6 s on an idle machine
    with two cores; the first diagnosis of tls-stall-after-server-hello took 70 s at a load
    average of 13, the next ones 3 to 5 s), which is no part of what the time limits bound:
    the diagnosis's own deadline and the rule engine's time."""
    from mailexpert.api import load_rulebase

    load_rulebase()
