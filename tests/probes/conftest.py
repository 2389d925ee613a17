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
