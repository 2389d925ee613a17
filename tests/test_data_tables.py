"""Wording knowledge read from the data tables, not written in Python: a broken table is refused
at load, at the file, line and column of what is wrong in it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mailexpert import classify, concepts, rulecache, wording
from mailexpert.errors import DataTableError


def _table(tmp_path: Path, text: str) -> tuple[Path, dict]:
    path = tmp_path / "table.yaml"
    path.write_text(text, encoding="utf-8")
    return path, yaml.safe_load(text)


def test_a_pattern_that_is_no_regular_expression_is_refused_at_its_line(tmp_path: Path) -> None:
    path, data = _table(tmp_path, "window: 240\nquote_label:\n  source: somewhere\n  pattern: '(?: was'\n")
    with pytest.raises(DataTableError) as info:
        rulecache.data_pattern(path, data, "quote_label")
    assert f"{path}:4:12: quote_label: the pattern is no regular expression" in str(info.value)


def test_a_missing_pattern_is_refused_at_its_entry(tmp_path: Path) -> None:
    path, data = _table(tmp_path, "tls_alerts: []\ntls_alert_said:\n  source: somewhere\n")
    with pytest.raises(DataTableError, match=rf"^{path}:3:3: tls_alert_said: expected a mapping with a 'pattern'"):
        rulecache.data_pattern(path, data, "tls_alert_said")


def test_a_narrower_reading_no_wording_gives_is_refused_at_its_line(tmp_path: Path) -> None:
    path, data = _table(tmp_path, (
        "wordings:\n"
        "  - {match: 'command starttls failed', evidence: starttls-failed}\n"
        "  - {match: 'server does not support starttls', evidence: starttls-not-offered}\n"
        "narrower:\n"
        "  starttls-failed: [starttls-not-offered]\n"
        "  refused: [mechanism]\n"))
    with pytest.raises(DataTableError) as info:
        wording.narrower(data, path)
    assert f"{path}:6:12: narrower: refused: no wording gives mechanism, refused" in str(info.value)
    data["narrower"] = {"starttls-failed": "starttls-not-offered"}
    with pytest.raises(DataTableError, match="expected a list of evidence"):
        wording.narrower(data, path)


def test_the_shipped_tables_give_what_the_code_used_to_hold() -> None:
    assert wording.narrower(classify.error_texts(), classify.ERROR_TEXTS_FILE) == {
        "starttls-failed": frozenset({"starttls-not-offered"}),
        "refused": frozenset({"mechanism", "auth-not-offered"}),
        "connect-failed": frozenset({"no-greeting", "bad-greeting", "refused", "starttls-not-offered", "mechanism",
                                     "auth-not-offered"}),
    }
    said = classify._ALERT_SAID
    assert said.flags & 2  # re.IGNORECASE: stacks write "Received fatal alert" and "TLSV1_ALERT" alike
    for text, after in [("Received fatal alert: protocol_version", "protocol_version"),
                        ("tlsv1 alert protocol version", "protocol version"),
                        ("SSL alert number 70", "70"),
                        ("remote error: tls: handshake failure", "handshake failure")]:
        m = said.search(text)
        assert m is not None and text[m.end():] == after, text
    assert concepts._QUOTE_FOLLOWS.match(" was: 530 must issue starttls") is not None
    assert concepts._QUOTE_FOLLOWS.match(" refused capa command") is None


def test_error_texts_holds_no_wording_a_catalogue_reads_the_same_way() -> None:
    """A client's or library's message is stated once: where its catalogue (client-messages.yaml,
    library-messages.yaml) has it, with its source, error-texts.yaml does not repeat it. A row
    with the same pattern and the same reading (evidence, protocol, strength, status, code,
    stage, enhanced code) is such a repeat; the same words read otherwise are a decision of
    their own and stay. (The TLS, socket and resolver tables are the stacks' own lists, which a
    client's catalogue may quote; only the wordings, the clients' words, are compared.)"""
    def reading(row: dict) -> tuple:
        return (row["match"], row["evidence"], row.get("protocol"), bool(row.get("strong")), row.get("status"),
                row.get("code"), row.get("stage", "auth"), row.get("enhanced"), bool(row.get("reply_form")))

    catalogued = {reading(r): r for r in classify.client_message_rows()["wordings"]}
    own = rulecache.data_file(classify.ERROR_TEXTS_FILE)["wordings"]
    repeats = [f"{r['match']!r} (also {catalogued[reading(r)]['catalogue']}: {catalogued[reading(r)]['source']})"
               for r in own if reading(r) in catalogued]
    assert not repeats, "error-texts.yaml repeats catalogue rows; remove them there:\n" + "\n".join(repeats)
