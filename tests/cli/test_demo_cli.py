"""``mailexpert demo``: the lab started, a real diagnosis, the lab stopped; no root, loopback only."""

from __future__ import annotations

import json

import pytest
from cli_helpers import check_report_json, run_cli, top_cause


def test_list_shows_every_scenario_with_its_description() -> None:
    from mailexpert.lab import SCENARIOS

    result = run_cli("demo", "--list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(SCENARIOS)
    for line, scenario in zip(lines, SCENARIOS.values(), strict=True):
        assert line.startswith(scenario.id + " ") and scenario.description in line


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_list_formats(fmt: str) -> None:
    from mailexpert.lab import SCENARIOS

    result = run_cli("demo", "--list", "--format", fmt)
    assert result.returncode == 0
    if fmt == "json":
        data = json.loads(result.stdout)
        assert [d["id"] for d in data] == list(SCENARIOS)
        assert {"id", "description", "expected_cause", "reproducible"} <= set(data[0])
    else:
        assert result.stdout.startswith("| scenario | expected cause | what the user says |")


def test_one_fault_in_json_validates_and_finds_it() -> None:
    result = run_cli("demo", "--fault", "cert-expired", "--format", "json", timeout=180)
    assert result.returncode == 1, result.stderr
    report = check_report_json(result.stdout)
    assert top_cause(report) == "cert-expired"
    assert result.stderr == ""


def test_healthy_demo_exits_0_in_text() -> None:
    result = run_cli("demo", "--fault", "healthy", timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith('== Demo scenario healthy: "Everything should work; I just want to check my settings."')
    assert "No problem found" in result.stdout


def test_markdown_demo() -> None:
    result = run_cli("demo", "--fault", "password-rejected", "--format", "markdown", timeout=180)
    assert result.returncode == 1, result.stderr
    assert "<!-- Demo scenario password-rejected" in result.stdout and "`password-rejected`" in result.stdout


@pytest.mark.slow
def test_tour_finds_each_injected_fault() -> None:
    result = run_cli("demo", timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    summary = result.stdout[result.stdout.index("== Demo summary"):]
    for scenario in ("healthy", "smtp-port25-blocked", "cert-expired", "password-rejected"):
        assert scenario in summary
    assert "UNEXPECTED" not in summary


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fault", "no-such-fault"], "unknown fault 'no-such-fault'; 'mailexpert demo --list' shows the scenarios"),
        (["--timeout", "0"], "--timeout must be more than 0"),
        (["--timeout", "later"], "argument --timeout: invalid float value"),
        (["--answer", "x"], "--answer takes QUESTION=VALUE"),
    ],
)
def test_demo_bad_input_exits_2(args: list[str], message: str) -> None:
    result = run_cli("demo", *args)
    assert result.returncode == 2
    assert message in result.stderr and result.stdout == ""


def test_client_config_corrupt_demo_brings_a_damaged_profile() -> None:
    result = run_cli("demo", "--fault", "client-config-corrupt", "--format", "json", timeout=180)
    report = check_report_json(result.stdout)
    assert top_cause(report) == "client-config-corrupt" and result.returncode == 1
    problems = [f["problem"] for f in report["facts"] if f["kind"] == "client.config"]
    assert any(p.endswith("prefs.js:15: mail.smtpserver.smtp1.port 70000 is out of range (1-65535)") for p in problems)
