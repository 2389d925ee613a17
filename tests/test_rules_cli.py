"""`mailexpert rules list|docs|test` on the built-in rules and on a user folder."""

from __future__ import annotations

from pathlib import Path

from mailexpert.cli import main
from mailexpert.rulefile import cause_catalogue, load_rules


def test_rules_list(capsys) -> None:
    assert main(["rules", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(load_rules())
    assert any(line.startswith("smtp-port25-blocked ") for line in lines)


def test_rules_docs_covers_every_cause(tmp_path: Path, capsys) -> None:
    out = tmp_path / "causes.md"
    assert main(["rules", "docs", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    for cause in cause_catalogue():
        assert f"### `{cause}`" in text
    assert "_No rule produces this cause yet._" not in text
    assert "Evidence it needs:" in text and "Fires on" in text and "Stays silent on" in text


def test_rules_test_passes_and_reports_a_failing_example(tmp_path: Path, capsys) -> None:
    assert main(["rules", "test"]) == 0
    assert ", 0 failed" in capsys.readouterr().out
    (tmp_path / "port-closed.yaml").write_text(
        """id: port-closed
title: Wrong on purpose
area: port-configuration
severity: error
confidence: likely
when:
  all:
    - {fact: tcp.connect, as: t, where: {outcome: refused}}
diagnosis: {summary: "{t.host} refused", explanation: refused here, fix: [open it]}
examples:
  fires: [{facts: [{kind: tcp.connect, host: h, port: 1, outcome: timeout}]}]
  silent: [{facts: [{kind: tcp.connect, host: h, port: 1, outcome: connected}]}]
"""
    )
    assert main(["rules", "test", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "port-closed fires[0]" in out and "1 passed, 1 failed" in out
