"""The ``{alias.field}`` template language of rule consequences, in one place.

A rule's summary, explanation, fix steps, derived fields and questions name fields of the
facts the rule matched: ``{smtp.host}:{smtp.port}``, with Python's format specs and
conversions (``{r.code:d}``, ``{h.name!r}``). :func:`placeholders` says what a template
names, for the checker; :func:`render` and :func:`value` fill it in when a rule fires. A
field that is absent renders as ``?``, never as an error: a firing must not fail on text.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mailexpert.facts import Fact

#: A value that is one placeholder and nothing else keeps the field's type (an int stays an int).
_WHOLE = re.compile(r"^\{([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\}$")


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


def render(template: str, bindings: Mapping[str, Fact]) -> str:
    """The template with every placeholder filled in from the bound facts."""
    return _Formatter(bindings).format(template)


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
        return render(item, bindings)
    return item
