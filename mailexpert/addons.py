"""What a pasted text shows of a mail client's add-on in its failure.

A mail client's add-ons run inside it, on its sending and receiving path, and a text can show one
in the failure: a stack through the add-on's own code beside the client's mail code, the client's
own message that it disabled an add-in, or the user's statement that mail works without add-ons
(safe mode, Troubleshoot Mode) or fails only with one on. ``data/add-ons.yaml`` holds those
wordings, each with its public source; :func:`seen` makes a ``client.addon`` fact of each row a
text shows, and rules/email-client/client-plugin-conflict.yaml reads it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import attrs

from mailexpert import rulecache
from mailexpert.errors import DataTableError, SourceError
from mailexpert.facts import Fact, default_catalog, fact
from mailexpert.redact import names_scan

DATA_FILE = Path(__file__).resolve().parent / "data" / "add-ons.yaml"
#: Longest part of a pasted text searched, from its start (as data/on-the-way.yaml's).
MAX_SCAN = 20_000
#: Longest quotation of the words that show a row, and of an add-on's name.
MAX_SAID = 120
MAX_NAME = 80


@attrs.frozen
class Seen:
    """A row of ``seen``: how a text shows an add-on in the failure."""

    id: str
    how: str
    pattern: re.Pattern[str] = attrs.field(hash=False)
    with_: re.Pattern[str] | None = attrs.field(hash=False)
    sources: tuple[str, ...]
    unless: re.Pattern[str] | None = attrs.field(default=None, hash=False)


@functools.cache
def table() -> tuple[Seen, ...]:
    """The ``seen`` table; a broken row is refused with its place in the file."""
    try:
        raw = rulecache.data_file(DATA_FILE)
        rows = []
        for n, r in enumerate(raw["seen"]):
            rows.append(Seen(
                id=str(r["id"]), how=str(r["how"]),
                pattern=rulecache.data_pattern(DATA_FILE, raw, "seen", n),
                with_=rulecache.data_pattern(DATA_FILE, raw, "seen", n, "with") if "with" in r else None,
                sources=tuple(str(s) for s in r["sources"]),
                unless=rulecache.data_pattern(DATA_FILE, raw, "seen", n, "unless") if "unless" in r else None))
    except (OSError, SourceError, KeyError, TypeError, ValueError) as exc:
        raise DataTableError(f"{DATA_FILE}: seen: {exc}") from exc
    hows = default_catalog().kinds["client.addon"].fields["how"].values
    for row in rows:
        if row.how not in hows or not row.sources or not all(s.startswith("https://") for s in row.sources):
            raise DataTableError(f"{DATA_FILE}: {row.id}: unknown 'how', or no https source")
        if (row.how == "trace") != (row.with_ is not None):
            raise DataTableError(f"{DATA_FILE}: {row.id}: a trace row, and only one, needs 'with' (the client's own mail code)")
    return tuple(rows)


@functools.cache
def _frame() -> re.Pattern[str]:
    """A line of a stack trace (data/add-ons.yaml ``stack_frame``)."""
    try:
        return rulecache.data_pattern(DATA_FILE, rulecache.data_file(DATA_FILE), "stack_frame")
    except (OSError, SourceError) as exc:
        raise DataTableError(f"{DATA_FILE}: stack_frame: {exc}") from exc


def _stack_around(text: str, at: int) -> str:
    """The stack trace that holds the line at ``at``: the run of frame lines around it, with the
    message line right above the run (where a console names the failing call's own place). A
    console or log shows one stack per error; a frame in another error's stack is another call."""
    lines = text.split("\n")
    here = text.count("\n", 0, at)
    frame = _frame()
    first = last = here
    while first > 0 and frame.search(lines[first - 1]):
        first -= 1
    while last + 1 < len(lines) and frame.search(lines[last + 1]):
        last += 1
    if first > 0 and lines[first - 1].strip():
        first -= 1
    return "\n".join(lines[first : last + 1])


def _name(m: re.Match[str]) -> str:
    """The add-on's name or id as the text gives it ("" when it gives none)."""
    for group, value in m.groupdict().items():
        if group.startswith("addon") and value:
            return value.strip()[:MAX_NAME]
    return ""


def seen(text: str) -> list[Fact]:
    """A ``client.addon`` fact for each row the text shows, at its first match; a trace row only
    where the text also shows the client's own mail code (the add-on on the mail operation's
    path, not only loaded)."""
    scanned = names_scan(text, MAX_SCAN)
    found = []
    for row in table():
        # A trace is read in the text's own lines (a stack is lines); the rest in the scanned words.
        where = text[:MAX_SCAN] if row.with_ is not None else scanned
        m = next((m for m in row.pattern.finditer(where) if _holds(row, m, where)), None)
        if m is None:
            continue
        found.append(fact("client.addon", addon=_name(m), how=row.how, seen_as=row.id,
                          said=" ".join(m.group(0).split())[:MAX_SAID], reference=row.sources[0]))
    return found


def _holds(row: Seen, m: re.Match[str], scanned: str) -> bool:
    """Whether a row's match shows the add-on in the failure: a trace row's frame in the same stack
    as the client's own mail code; a row with ``unless`` not where its sentence says that of
    something else (the phone's safe mode, not the client's)."""
    if row.with_ is not None and row.with_.search(_stack_around(scanned, m.start())) is None:
        return False
    if row.unless is not None:
        start = max(scanned.rfind(c, 0, m.start()) for c in ".!?\n") + 1
        ends = [e for e in (scanned.find(c, m.end()) for c in ".!?\n") if e >= 0]
        if row.unless.search(scanned[start : min(ends) if ends else len(scanned)]):
            return False
    return True
