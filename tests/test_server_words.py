"""SMTP servers' refusals as they send them to a mail client (tests/data/smtp_server_words.yaml): Exim,
Sendmail, OpenSMTPD, Haraka, maddy, chasquid, Stalwart, Apache James, Courier, qmail, rspamd and the closed
servers' documented replies, each read from the software's own source.

Every reply, as sent with its codes, is explained to one of the causes its row names; a row that names
none (the reply says only that something failed) still reads as a failure, never fine and never declined.
The rows whose words are the server's alone are read the same way without their codes, as Thunderbird's
sending error shows them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mailexpert.causes import cause_catalogue
from mailexpert.errors import InputError
from mailexpert.explain import explain
from mailexpert.replies import parse_smtp_reply, server_replies

TABLE = Path(__file__).parent / "data" / "smtp_server_words.yaml"
ROWS: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["rows"]
STAGES = {"greeting", "helo", "starttls", "auth", "mail", "rcpt", "data"}


def _name(row: dict[str, Any]) -> str:
    return f"{row['server']}: {row['reply'].splitlines()[-1][:60]}"


def in_thunderbirds_error(words: str) -> str:
    """The words inside Thunderbird's sending error (composeMsgs.properties: "The mail server responded: %s")."""
    return (f"An error occurred while sending mail. The mail server responded: {words.rstrip('.')}."
            " Please check the message and try again.")


def check(text: str, row: dict[str, Any]) -> None:
    try:
        report = explain(text)
    except InputError:
        pytest.fail(f"declined: {text!r}")
    if row["causes"]:
        found = report.top.cause if report.top else None
        assert found in row["causes"], (text, found, [d.cause for d in report.diagnoses])
    else:
        assert report.has_errors, (text, "called fine")


def _rows(form: str) -> list[Any]:
    """The rows that have ``form``, each a known miss (its ``miss``) expected to fail, strictly: a fix shows."""
    return [pytest.param(r, id=_name(r), marks=pytest.mark.xfail(strict=True, reason=r["why"]))
            if form in r.get("miss", ()) else pytest.param(r, id=_name(r))
            for r in ROWS if r.get(form)]


@pytest.mark.parametrize("row", _rows("reply"))
def test_the_reply_as_sent_reads_as_its_cause(row: dict[str, Any]) -> None:
    check(row["reply"], row)


@pytest.mark.parametrize("row", _rows("words"))
def test_the_words_alone_read_as_the_reply_does(row: dict[str, Any]) -> None:
    check(in_thunderbirds_error(row["words"]), row)


def test_the_table_is_sourced_and_names_known_causes() -> None:
    catalogue = set(cause_catalogue())
    replies = [r["reply"] for r in ROWS]
    assert len(replies) == len(set(replies)), "a reply stands once"
    assert len({r["server"] for r in ROWS}) >= 8
    for row in ROWS:
        assert row["source"].strip() and row["stage"] in STAGES, _name(row)
        assert set(row["causes"]) <= catalogue, _name(row)
        assert row["reply"].splitlines()[-1].startswith(row["codes"].split()[0]), _name(row)
        if row.get("words"):
            assert row["words"] in row["reply"], _name(row)
        assert set(row.get("miss", ())) <= {"reply", "words"} and bool(row.get("miss")) == bool(row.get("why")), _name(row)


@pytest.mark.parametrize(("reply", "reading"), [
    # The words say what the codes do not: the reading of data/server-replies.yaml's row, with the codes or without.
    ("554 5.7.1 Rejected: unauthenticated e-mail from 192.0.2.10 is restricted.", "client-ip-refused"),
    ("550 5.7.9 Mail to submission port must be authenticated", "auth-required"),
    ("553 sorry, your envelope sender is in my badmailfrom list (#5.7.1)", "sender-address"),
    # A code that says it itself keeps its own reading (RFC 7372 5.7.25), whatever the words.
    ("550 5.7.25 Mail to submission port must be authenticated", "client-ip-reverse-dns"),
    # Words of no row with a reading, and a reply that is no refusal, give none.
    ("550 Administrative prohibition", None),
    ("250 Mail to submission port must be authenticated", None),
])
def test_a_replys_reading_comes_from_its_words_where_its_code_gives_none(reply: str, reading: str | None) -> None:
    assert parse_smtp_reply([reply]).get("reading") == reading


def test_every_reading_a_servers_words_give_is_one_the_reply_fact_knows() -> None:
    facts = yaml.safe_load((Path(__file__).parents[1] / "facts" / "service.yaml").read_text(encoding="utf-8"))
    known = set(next(v for v in _fields_named(facts, "reading")))
    given = {r["reading"] for r in server_replies() if r.get("reading")}
    assert given and given <= known, given - known


def _fields_named(node: Any, name: str) -> Any:
    """The ``values`` of every field called ``name`` in a fact template file."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == name and isinstance(value, dict) and "values" in value:
                yield value["values"]
            else:
                yield from _fields_named(value, name)
    elif isinstance(node, list):
        for item in node:
            yield from _fields_named(item, name)
