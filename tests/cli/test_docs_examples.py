"""The Python examples of the command-line and library documentation run as written."""

from __future__ import annotations

import re

import pytest
from cli_helpers import ROOT

DOCS = [p for p in (ROOT / "docs" / "cli-and-library.md", ROOT / "README.md") if p.exists()]
BLOCKS = [
    (path.name, n, block)
    for path in DOCS
    for n, block in enumerate(re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S))
    if "mailexpert" in block and ("diagnose" in block or "import_config" in block)
]


def test_the_library_is_documented() -> None:
    assert any("mailexpert.diagnose(" in b for _, _, b in BLOCKS)
    assert any("diagnose_facts(" in b for _, _, b in BLOCKS)


@pytest.mark.parametrize(("name", "n", "block"), BLOCKS, ids=[f"{name}-{n}" for name, n, _ in BLOCKS])
def test_python_example_runs(name: str, n: int, block: str, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(block, f"{name} python block {n}", "exec"), {"__name__": "__docs__"})  # noqa: S102
    capsys.readouterr()
