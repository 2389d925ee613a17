"""The regular expressions of ``matches`` tests: how they are compiled, run and linted.

A rule author's pattern runs on text a server sent, so a pattern that backtracks
catastrophically (``(a+)+$`` on forty ``a`` and a ``!`` takes longer than the universe has
existed with :mod:`re`) must not hang a diagnosis. Two defences:

* at run time, patterns are compiled with the ``regex`` module in its ``re``-compatible
  version 0 and every search has a time budget, :data:`MATCH_TIMEOUT`; a search that runs
  out of it counts as not matching and leaves a note (``re`` cannot be interrupted);
* at lint time, :func:`hazard` refuses the classic shape of such patterns, a repetition
  inside a repetition (``(a+)+``, ``(\\w*\\s?)*``), so that authors hear about it before a
  server finds it.

The text searched is bounded too: a fact's text field holds at most 2,000 characters.
"""

from __future__ import annotations

import functools
from typing import Any

try:  # the parser of the re module: what a pattern means, for the lint check
    import re._parser as _sre_parse  # Python >= 3.11
    from re._constants import MAX_REPEAT, MAXREPEAT, MIN_REPEAT, POSSESSIVE_REPEAT, SUBPATTERN
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _constants
    import sre_parse as _sre_parse  # type: ignore[no-redef]

    MAX_REPEAT, MAXREPEAT, MIN_REPEAT = _constants.MAX_REPEAT, _constants.MAXREPEAT, _constants.MIN_REPEAT
    POSSESSIVE_REPEAT, SUBPATTERN = getattr(_constants, "POSSESSIVE_REPEAT", None), _constants.SUBPATTERN

#: Seconds one ``matches`` test may take on one value. The rule base's patterns take
#: microseconds on the longest value a fact can hold; the margin is wide because the budget
#: is wall time, and a busy machine may pause the process in the middle of a search.
MATCH_TIMEOUT = 0.25

_REPEATS = (MAX_REPEAT, MIN_REPEAT)


@functools.lru_cache(maxsize=4096)
def compile_pattern(text: str) -> Any:
    """A ``matches`` pattern compiled as the ``re`` module reads it (``regex`` version 0);
    compiled once per process, when a fact first needs it."""
    import regex  # imported when rules are compiled: commands that compile none start faster

    return regex.compile(text, flags=regex.VERSION0)


class Searches:
    """The searches of one engine session: a pattern that ran out of time once is not run
    again in the session (it counts as not matching), so that a bad pattern costs at most
    one :data:`MATCH_TIMEOUT` per diagnosis, whatever the number of facts."""

    def __init__(self) -> None:
        self.notes: list[str] = []
        self._gave_up: set[str] = set()
        #: (pattern, value) -> found: the facts of one diagnosis repeat their texts (a reply
        #: seen on two ports, a certificate's names on every handshake), each searched once.
        self._found: dict[tuple[str, str], bool] = {}

    def search(self, pattern: Any, value: str, what: str) -> bool:
        """Whether ``pattern`` is found in ``value`` within the budget; ``what`` names the field."""
        if pattern.pattern in self._gave_up:
            return False
        key = (pattern.pattern, value)
        found = self._found.get(key)
        if found is not None:
            return found
        try:
            found = self._found[key] = pattern.search(value, timeout=MATCH_TIMEOUT) is not None
            return found
        except TimeoutError:
            self._gave_up.add(pattern.pattern)
            self.notes.append(f"the pattern {pattern.pattern!r} gave up on {what} after {MATCH_TIMEOUT:g} s "
                              "(catastrophic backtracking); it counts as not matching in this diagnosis")
            return False


def hazard(text: str) -> str | None:
    """Why the pattern risks catastrophic backtracking, or None: an unbounded repetition of
    something that itself contains a repetition. (Possessive and atomic groups cannot
    backtrack and are left alone.)"""
    try:
        parsed = _sre_parse.parse(text)
    except Exception:  # noqa: BLE001 - a pattern re cannot parse is reported by compile
        return None
    return _walk(list(parsed), inside_repeat=None)


def _walk(items: list[Any], inside_repeat: str | None) -> str | None:
    for op, arg in items:
        if op in _REPEATS:
            _low, high, body = arg
            body = list(body)
            if inside_repeat is not None and high > 1:
                return (f"a repetition inside a repetition ({inside_repeat}) can backtrack catastrophically on a "
                        "long text; make the inner part possessive (++, *+) or atomic ((?>...)), or bound it")
            unbounded = high == MAXREPEAT or high > 100
            # Iterations that must start with a character the inner repetitions cannot match
            # ((?:\.\d+)*) cannot be split in more than one way: no backtracking blow-up.
            delimited = bool(body) and _single_char(body[0]) is not None and not any(
                _can_match(inner, _single_char(body[0])) for inner in _inner_repeats(body))
            found = _walk(body, "an unbounded repetition" if unbounded and not delimited else inside_repeat)
            if found:
                return found
        elif op == SUBPATTERN:
            found = _walk(list(arg[-1]), inside_repeat)
            if found:
                return found
        elif str(op) == "BRANCH":
            for branch in arg[1]:
                found = _walk(list(branch), inside_repeat)
                if found:
                    return found
        elif str(op) in ("ASSERT", "ASSERT_NOT"):
            found = _walk(list(arg[1]), inside_repeat)
            if found:
                return found
    return None


def _single_char(item: Any) -> str | None:
    op, arg = item
    return chr(arg) if str(op) == "LITERAL" else None


def _inner_repeats(body: list[Any]) -> list[Any]:
    out = []
    for op, arg in body:
        if op in _REPEATS:
            out.extend(list(arg[2]))
        elif op == SUBPATTERN:
            out.extend(_inner_repeats(list(arg[-1])))
    return out


_CATEGORIES = {
    "CATEGORY_DIGIT": str.isdigit, "CATEGORY_NOT_DIGIT": lambda c: not c.isdigit(),
    "CATEGORY_SPACE": str.isspace, "CATEGORY_NOT_SPACE": lambda c: not c.isspace(),
    "CATEGORY_WORD": lambda c: c.isalnum() or c == "_", "CATEGORY_NOT_WORD": lambda c: not (c.isalnum() or c == "_"),
}


def _can_match(item: Any, char: str) -> bool:
    """Whether one item of a pattern may match ``char`` (True when unsure)."""
    op, arg = item
    name = str(op)
    if name == "LITERAL":
        return chr(arg) == char
    if name == "NOT_LITERAL":
        return chr(arg) != char
    if name == "IN":
        negate = False
        hit = False
        for sub_op, sub_arg in arg:
            sub = str(sub_op)
            if sub == "NEGATE":
                negate = True
            elif sub == "LITERAL":
                hit = hit or chr(sub_arg) == char
            elif sub == "RANGE":
                hit = hit or sub_arg[0] <= ord(char) <= sub_arg[1]
            elif sub == "CATEGORY":
                hit = hit or _CATEGORIES.get(str(sub_arg), lambda _c: True)(char)
            else:
                return True
        return hit != negate
    return True
