"""Fixtures of the command-line tests: labs started per test and always stopped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def lab_factory() -> Iterator[Any]:
    """Start labs by scenario id; every one is stopped at the end of the test."""
    from mailexpert.lab import Lab

    started: list[Any] = []

    def start(scenario: str = "healthy") -> Any:
        lab = Lab(scenario=scenario)
        lab.start()
        started.append(lab)
        return lab

    yield start
    for lab in started:
        lab.stop()


@pytest.fixture
def healthy_lab(lab_factory: Any) -> Any:
    return lab_factory("healthy")
