"""Fact bundles and `mailexpert replay`: round trip, formats, and positioned errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailexpert.bundle import load_bundle, parse_bundle, save_bundle
from mailexpert.cli import main
from mailexpert.errors import BundleError
from mailexpert.facts import fact

FACTS = [
    fact("account.setting", protocol="smtp", host="mail.example.test", port=25, security="plain", origin="option"),
    fact("tcp.connect", host="mail.example.test", port=25, outcome="timeout", elapsed_ms=1000),
    fact("tcp.connect", host="mail.example.test", port=587, outcome="connected", elapsed_ms=1),
]


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    save_bundle(path, FACTS, account={"email": "alice@example.test"}, answers={"webmail-works": "yes"})
    bundle = load_bundle(path)
    assert bundle.facts == tuple(FACTS)
    assert bundle.account == {"email": "alice@example.test"} and bundle.answers == {"webmail-works": "yes"}


def test_yaml_bundle() -> None:
    text = """schema: mailexpert.facts/1
facts:
  - {kind: tcp.connect, host: h, port: 25, outcome: refused}
"""
    assert parse_bundle(text).facts == (fact("tcp.connect", host="h", port=25, outcome="refused"),)


@pytest.mark.parametrize(
    "text,expected",
    [
        ('{"schema": "mailexpert.facts/1", "facts": [{"kind": "tcp.connect", "host": "h", "port": "25", "outcome": "timeout"}]}',
         ":1:89: facts[0]: field 'port' of fact tcp.connect must be an integer"),
        ('{"schema": "mailexpert.facts/2", "facts": []}', ":1:12: schema: 'mailexpert.facts/1' was expected"),
        ('{"facts": []}', ":1:1: bundle: 'schema' is a required property"),
        ('{"schema": "mailexpert.facts/1", "facts": [{"kind": "tcp.conect"}]}', "facts[0]: unknown fact kind 'tcp.conect'"),
        ('{"schema": "mailexpert.facts/1", "facts": [', "YAML syntax error"),
        ('[1, 2]', ":1:1: a fact bundle must be a mapping"),
        ('{"schema": "mailexpert.facts/1", "facts": [{"kind": "tcp.connect", "host": {"x": 1}}]}', "facts/0/host"),
    ],
)
def test_bad_bundles(text: str, expected: str) -> None:
    with pytest.raises(BundleError) as info:
        parse_bundle(text, "case.json")
    assert str(info.value).startswith("case.json") and expected in str(info.value)


def test_replay_cli_formats(tmp_path: Path, capsys) -> None:
    path = tmp_path / "case.json"
    save_bundle(path, FACTS, account={"email": "alice@example.test"})
    assert main(["replay", str(path)]) == 1
    text = capsys.readouterr().out
    assert "Most likely cause: Outbound port 25 is blocked" in text and "\x1b[" not in text
    assert main(["replay", str(path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "mailexpert.report/1"
    assert data["diagnoses"][0]["cause"] == "smtp-port25-blocked"
    assert main(["replay", str(path), "--format", "markdown"]) == 1
    assert capsys.readouterr().out.startswith("# mailexpert report")


def test_replay_healthy_exits_zero(tmp_path: Path, capsys) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("schema: mailexpert.facts/1\nfacts:\n  - {kind: tcp.connect, host: h, port: 993, outcome: connected}\n")
    assert main(["replay", str(path)]) == 0
    assert "No problem found" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args,message",
    [
        (["replay", "/nonexistent/case.json"], "no such file"),
        (["replay", "{dir}"], "is a directory"),
        (["replay", "{bad}"], "facts[0]"),
        (["replay", "{ok}", "--answer", "novalue"], "--answer takes QUESTION=VALUE"),
        (["replay", "{ok}", "--format", "xml"], "invalid choice: 'xml'"),
    ],
)
def test_replay_bad_input_exits_2(tmp_path: Path, capsys, args: list[str], message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "mailexpert.facts/1", "facts": [{"kind": "tcp.connect"}]}')
    ok = tmp_path / "ok.json"
    save_bundle(ok, FACTS)
    args = [a.format(dir=tmp_path, bad=bad, ok=ok) for a in args]
    with pytest.raises(SystemExit) if "--format" in args else _nullcontext() as info:
        status = main(args)
    if "--format" in args:
        status = info.value.code
    assert status == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


class _nullcontext:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def test_public_api_is_pinned() -> None:
    import mailexpert

    assert mailexpert.__all__ == sorted(mailexpert.__all__)
    assert set(mailexpert.__all__) == {
        "Account", "Bundle", "DiagnoseOptions", "Diagnosis", "EngineError", "Fact", "FactCatalog", "FactError", "InputError",
        "MailexpertError", "ProbeRequest", "Question", "Report", "RuleBase", "RuleFileError",
        "ServerSetting", "SettingsError", "default_catalog", "diagnose", "diagnose_async", "diagnose_facts", "fact", "load_bundle", "load_rulebase",
        "render_json", "render_markdown", "render_text", "save_bundle",
    }
    for name in mailexpert.__all__:
        assert getattr(mailexpert, name) is not None


def test_no_public_name_is_hidden_by_a_submodule() -> None:
    """Importing a submodule sets the package attribute of its name: a public function of the
    same name would become a module for every later caller."""
    import importlib
    import pkgutil

    import mailexpert

    submodules = {m.name for m in pkgutil.iter_modules(mailexpert.__path__)}
    assert submodules.isdisjoint(mailexpert.__all__)
    for name in sorted(submodules - {"__main__"}):  # __main__ would run the command line
        importlib.import_module(f"mailexpert.{name}")
    assert callable(mailexpert.diagnose) and not isinstance(mailexpert.diagnose, type(mailexpert))
