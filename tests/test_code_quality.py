"""Habits the tree keeps: ruff's checks over all the code, and mypy --strict over the whole package.

Both tools come with the ``test`` extra; their configuration is in pyproject.toml, where every
ignored check says why. The public API (``mailexpert/__init__.py`` and the modules its names come
from) is checked on its own as well, so that a failure there says it is the API that broke.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PUBLIC_API = [
    "mailexpert/__init__.py", "mailexpert/account.py", "mailexpert/api.py", "mailexpert/bundle.py",
    "mailexpert/engine.py", "mailexpert/errors.py", "mailexpert/facts.py", "mailexpert/options.py",
    "mailexpert/pipeline.py", "mailexpert/reasoning.py", "mailexpert/render.py", "mailexpert/report.py",
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    pytest.importorskip("ruff", reason="ruff comes with the test extra: pip install -e '.[test]'")
    result = run("ruff", "check", "--no-cache", "--output-format", "concise",
                 "mailexpert", "tests", "benchmarks", "install.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_public_api_is_strictly_typed() -> None:
    pytest.importorskip("mypy", reason="mypy comes with the test extra: pip install -e '.[test]'")
    result = run("mypy", "--no-incremental", *PUBLIC_API)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_whole_package_is_strictly_typed() -> None:
    pytest.importorskip("mypy", reason="mypy comes with the test extra: pip install -e '.[test]'")
    result = run("mypy", "--no-incremental", "mailexpert")
    assert result.returncode == 0, result.stdout + result.stderr
