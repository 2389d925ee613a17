"""The ``{alias.field}`` template language of rule consequences, in one place.

A rule's summary, explanation, fix steps, derived fields and questions name fields of the
facts the rule matched: ``{smtp.host}:{smtp.port}``, with Python's format specs and
conversions (``{r.code:d}``, ``{h.name!r}``). :func:`placeholders` says what a template
names, for the checker; :func:`render` and :func:`value` fill it in when a rule fires.

:func:`render` writes for a person (data/prose.yaml): a protocol by its name (SMTP), and a
field the fact does not know -- absent, or the placeholder a pasted text's fact carries
(host ``unknown``, port 0) -- by the words for "not said" ("the server"), or not at all:
``{s.host}:{s.port}`` reads as just the host when the port is not known. :func:`value` keeps
raw values (an absent field is ``?``), since derived facts and probes are matched on them.
Neither fails on a field: a firing must not fail on text.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mailexpert.facts import Fact

#: A value that is one placeholder and nothing else keeps the field's type (an int stays an int).
_WHOLE = re.compile(r"^\{([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\}$")
#: ``{a.host}:{a.port}``: one place, written as a whole (a port that is not known drops the colon).
_HOST_PORT = re.compile(r"\{([a-z][a-z0-9_]*)\.host\}:\{\1\.port\}")
#: The field name :func:`render` gives a ``{a.host}:{a.port}`` pair (no fact field has a "+").
_PLACE = "host+port"
PROSE_FILE = Path(__file__).resolve().parent / "data" / "prose.yaml"
#: ``{mail.port:FIELD=VALUE,...}`` names ports of the mail-port table (mailexpert/knowledge.py).
PORTS_PLACEHOLDER = "mail.port"


def placeholders(template: str) -> Iterator[tuple[str, str, str | None]]:
    """``(name, format_spec, conversion)`` of each placeholder; ``ValueError`` for a bad template."""
    for _, name, format_spec, conversion in list(string.Formatter().parse(template)):
        if name is not None:
            yield name, format_spec or "", conversion


class _Formatter(string.Formatter):
    def __init__(self, bindings: Mapping[str, Fact]) -> None:
        self.bindings = bindings

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, str]:
        alias, _, field = field_name.partition(".")
        fact = self.bindings.get(alias)
        value = fact.get(field) if fact is not None else None
        return ("?" if value is None else value), field_name


@functools.cache
def _prose() -> tuple[dict[str, dict[str, str]], dict[str, tuple[str, str]]]:
    from mailexpert import rulecache

    doc = rulecache.data_file(PROSE_FILE)
    values = {field: {str(k): str(v) for k, v in names.items()} for field, names in doc["values"].items()}
    unsaid = {field: (str(row["value"]), str(row["reads"])) for field, row in doc["unsaid"].items()}
    return values, unsaid


def reads(field: str, raw: Any) -> tuple[str, bool]:
    """How a field's value reads in a sentence, and whether that is the words for "not said"
    (None: the fact has no such field)."""
    values, unsaid = _prose()
    if field in unsaid and (raw is None or str(raw) == unsaid[field][0]):
        return unsaid[field][1], True
    if raw is None:
        return "", True
    return values.get(field, {}).get(str(raw), str(raw)), False


def place(host: Any, port: Any) -> tuple[str, bool]:
    """A host and port as one place: ``host:port``, the host alone when the port is not
    known, "the server on port 993" when only the port is."""
    name, no_host = reads("host", host)
    number, no_port = reads("port", port)
    if no_port:
        return name, no_host
    if no_host:
        return f"{name} on port {number}", True
    return (f"[{name}]:{number}" if ":" in name else f"{name}:{number}"), False


def ports(spec: str) -> str:
    """``{mail.port:security=ssl}``: the ports of the mail-port table (data/knowledge.yaml) that
    the spec selects, so that prose names them as the table states them: with their protocols
    ("SMTP 465, IMAP 993, POP3 995"; a protocol's several ports together, "SMTP 465 or 587,
    IMAP 993 or 143") when they are several protocols', else the numbers alone ("465 or 587"),
    in the table's order."""
    from mailexpert.knowledge import port_selection

    rows, _ = port_selection(spec)
    by_protocol: dict[str, list[str]] = {}
    for f in rows:
        by_protocol.setdefault(f["protocol"], []).append(str(f["port"]))
    if len(by_protocol) > 1:
        return ", ".join(f"{reads('protocol', p)[0]} {' or '.join(n)}" for p, n in by_protocol.items())
    return " or ".join(n for numbers in by_protocol.values() for n in numbers)


def render(template: str, bindings: Mapping[str, Fact]) -> str:
    """The template filled in from the bound facts, for a person to read (see the module)."""
    formatter = _Formatter(bindings)
    parts = list(formatter.parse(_HOST_PORT.sub(r"{\1." + _PLACE + "}", template)))
    out = ""
    skip_space = skip_paren = False
    for n, (literal, name, spec, conversion) in enumerate(parts):
        if skip_paren:
            literal = literal[1:]
        out += literal[1:] if skip_space and literal.startswith(" ") else literal
        skip_space = skip_paren = False
        if name is None:
            continue
        alias, _, field = name.partition(".")
        fact = bindings.get(alias)
        if name == PORTS_PLACEHOLDER and alias not in bindings:
            text, unsaid = ports(spec or ""), False
        elif field == _PLACE:
            text, unsaid = place(fact.get("host") if fact else None, fact.get("port") if fact else None)
        elif spec or conversion:
            raw = fact.get(field) if fact is not None else None
            text, unsaid = ("", True) if raw is None else (
                formatter.format_field(formatter.convert_field(raw, conversion), spec or ""), False)
        else:
            text, unsaid = reads(field, fact.get(field) if fact is not None else None)
        if not text:  # leave the field out, and one space beside it
            # A field alone in brackets goes with them: "cut (): most often" reads "cut: most often".
            if out.endswith("(") and n + 1 < len(parts) and parts[n + 1][0].startswith(")"):
                out = out[:-1].rstrip(" ")
                skip_paren = True
            elif out.endswith(" "):
                out = out[:-1]
            else:
                skip_space = True
            continue
        if unsaid and (not out.strip() or out.rstrip().endswith((".", "!", "?"))):
            text = text[0].upper() + text[1:]  # the words begin a sentence
        out += text
    return out


def value(item: Any, bindings: Mapping[str, Fact]) -> Any:
    """A consequence value: a reference or a lone placeholder keeps the field's type; text is rendered."""
    from mailexpert.rulemodel import Ref

    if isinstance(item, Ref):
        fact = bindings.get(item.alias)
        return fact.get(item.field) if fact else None
    if isinstance(item, str) and "{" in item:
        whole = _WHOLE.match(item)
        if whole:
            fact = bindings.get(whole.group(1))
            return fact.get(whole.group(2)) if fact else None
        return _Formatter(bindings).format(item)
    return item
