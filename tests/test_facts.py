"""Fact templates and facts: kinds, fields, types, values, and template-file errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailexpert.errors import FactError, FactTemplateError
from mailexpert.facts import MAX_STRING, FactCatalog, default_catalog, fact


def test_builtin_templates_load_and_cover_the_probe_kinds() -> None:
    kinds = set(default_catalog())
    for kind in ("tcp.connect", "tls.handshake", "dns.answer", "server.reply", "login.result", "question.answer"):
        assert kind in kinds


def test_fact_is_frozen_and_hashable() -> None:
    f = fact("tcp.connect", host="h", port=25, outcome="timeout")
    assert f == fact("tcp.connect", outcome="timeout", port=25, host="h")
    assert len({f, fact("tcp.connect", host="h", port=25, outcome="timeout")}) == 1
    with pytest.raises(AttributeError):
        f.kind = "x"  # type: ignore[misc]
    assert f.as_dict() == {"kind": "tcp.connect", "host": "h", "outcome": "timeout", "port": 25}
    assert f.get("address") is None and "address" not in f


@pytest.mark.parametrize(
    "kind,fields,message",
    [
        ("tcp.conect", {"host": "h"}, "unknown fact kind 'tcp.conect' (did you mean 'tcp.connect'?)"),
        ("tcp.connect", {"host": "h", "port": 25, "outcome": "timeout", "prot": 1}, "unknown field 'prot' of fact tcp.connect"),
        ("tcp.connect", {"host": "h", "port": "25", "outcome": "timeout"}, "field 'port' of fact tcp.connect must be an integer"),
        ("tcp.connect", {"host": "h", "port": True, "outcome": "timeout"}, "must be an integer"),
        ("tcp.connect", {"host": "h", "port": 70000, "outcome": "timeout"}, "must be at most 65535"),
        ("tcp.connect", {"host": "h", "port": 25, "outcome": "tmeout"}, "must be one of connected, refused"),
        ("tcp.connect", {"host": "h", "port": 25}, "lacks required field outcome"),
        ("tls.version", {"host": "h", "port": 1, "version": "TLSv1.2", "accepted": "yes"}, "must be true or false"),
        ("tcp.connect", {"host": 7, "port": 25, "outcome": "timeout"}, "field 'host' of fact tcp.connect must be text"),
    ],
)
def test_fact_violations(kind: str, fields: dict, message: str) -> None:
    with pytest.raises(FactError) as info:
        fact(kind, fields)
    assert message in str(info.value)


def test_long_strings_are_bounded() -> None:
    f = fact("server.reply", stage="auth", status="no", text="x" * 100_000)
    assert len(f["text"]) == MAX_STRING


def test_from_dict_needs_a_kind() -> None:
    with pytest.raises(FactError, match="needs a 'kind'"):
        default_catalog().from_dict({"host": "h"})


@pytest.mark.parametrize(
    "text,expected",
    [
        ("family: x\nkinds:\n  a.b:\n    meaning: m\n    fields:\n      f: {type: str}\n", ":6:11: field f of a.b: type must be one of"),
        ("family: x\nkinds:\n  Bad:\n    meaning: m\n    fields: {f: {type: int}}\n", ":3:3: bad kind name 'Bad'"),
        ("family: x\nkinds:\n  a.b:\n    meaning: m\n    fields: {kind: {type: int}}\n", ":5:14: field name 'kind' is reserved"),
        ("family: x\nkinds:\n  a.b:\n    meaning: m\n    fields: {e: {type: enum}}\n", "enum field e of a.b needs a list of text 'values'"),
        ("family: x\nkinds:\n  a.b:\n    fields: {e: {type: int}}\n", ":3:3: kind a.b needs a 'meaning'"),
        ("family: x\nkind: {}\n", ":2:1: unknown key 'kind'"),
        ("family: [x\n", "YAML syntax error"),
    ],
)
def test_template_file_errors(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "t.yaml").write_text(text)
    with pytest.raises(FactTemplateError) as info:
        FactCatalog.load(tmp_path)
    assert str(info.value).startswith(str(tmp_path / "t.yaml")) and expected in str(info.value)


def test_kind_declared_twice(tmp_path: Path) -> None:
    body = "family: x\nkinds:\n  a.b:\n    meaning: m\n    fields: {f: {type: int}}\n"
    (tmp_path / "one.yaml").write_text(body)
    (tmp_path / "two.yaml").write_text(body)
    with pytest.raises(FactTemplateError, match="declared twice"):
        FactCatalog.load(tmp_path)
