"""IMAP and POP3 servers' refusals as their software and the big providers send them
(tests/data/imap_pop_server_words.yaml): each reply as sent, and the server's own words alone as a
mail program's dialog shows them, lead to a cause the row names -- or, for a row that names none,
at least read as a failure (never "fine", never declined)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mailexpert.causes import cause_catalogue
from mailexpert.errors import InputError
from mailexpert.explain import explain

TABLE = Path(__file__).parent / "data" / "imap_pop_server_words.yaml"
ROWS: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["rows"]

#: How Thunderbird shows a server's words: an IMAP command's refusal (imapMsgs.properties
#: imapServerCommandFailed) and a POP3 server's answer (localMsgs.properties pop3ServerSaid).
_SHOWN = {
    "imap": "The current command did not succeed. The mail server for account bob@example.org responded: {}",
    "pop3": "Mail server pop.example.org responded: {}",
}


def _protocol(row: dict[str, Any]) -> str:
    return "pop3" if row["reply"].startswith(("-ERR", "+OK")) else "imap"


def _name(row: dict[str, Any]) -> str:
    return f"{row['server']}: {row['reply'][:60]}"


def _checks(form: str) -> list[Any]:
    """The rows with a text of ``form`` (reply, words); one a known miss (the row's ``miss``) is a strict xfail."""
    return [pytest.param(r, id=_name(r), marks=pytest.mark.xfail(strict=True, reason=r["miss"][form]))
            if form in r.get("miss", {}) else pytest.param(r, id=_name(r))
            for r in ROWS if r.get(form)]


def _verdict(text: str, row: dict[str, Any]) -> None:
    try:
        report = explain(text)
    except InputError as error:
        pytest.fail(f"declined: {error}")
    found = report.top.cause if report.top else None
    if row["causes"]:
        named = [d.cause for d in report.diagnoses]
        assert found in row["causes"], (found, named, row["causes"])
    else:
        assert report.has_errors, (found, "a refusal read as fine")


def test_the_table_is_sourced_and_names_catalogue_causes() -> None:
    catalogue = set(cause_catalogue())
    assert 80 <= len(ROWS) <= 150
    assert len({r["server"] for r in ROWS}) >= 8
    for row in ROWS:
        assert row["source"].strip() and row["reply"].strip(), row
        assert set(row["causes"]) <= catalogue, row
        assert set(row.get("miss", {})) <= {"reply", "words"} and ("words" not in row.get("miss", {}) or row.get("words")), row
    assert len({r["reply"] for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", _checks("reply"))
def test_the_reply_as_sent_leads_to_its_cause(row: dict[str, Any]) -> None:
    _verdict(row["reply"], row)


@pytest.mark.parametrize("row", _checks("words"))
def test_the_servers_words_in_a_mail_programs_dialog_lead_to_its_cause(row: dict[str, Any]) -> None:
    _verdict(_SHOWN[_protocol(row)].format(row["words"]), row)
