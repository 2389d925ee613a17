"""The regular expressions of ``matches`` tests: how they are compiled, run and linted.

A rule author's pattern runs on text a server sent, so a pattern that backtracks
catastrophically (``(a+)+$`` on forty ``a`` and a ``!`` takes longer than the universe has
existed with :mod:`re`) must not hang a diagnosis. Two defences:

* at run time, patterns are compiled with the ``regex`` module in its ``re``-compatible
  version 0 and every search has a time budget, :data:`MATCH_TIMEOUT`; a search that runs
  out of it counts as not matching and leaves a note (``re`` cannot be interrupted);
* at lint time, :func:`hazard` refuses the classic shapes of such patterns, so that authors
  hear about them before a server finds them: a repetition inside a repetition (``(a+)+``,
  ``(\\w*\\s?)*``), a repetition of alternatives that can begin alike (``(a|aa)+``,
  ``(x|y|xy)*``), and three repetitions in a row that can match the same characters
  (``\\d*\\d*\\d*x``). It is a check of shapes, not a proof: the time budget stays.

The text searched is bounded too: a fact's text field holds at most 2,000 characters.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

try:  # the parser of the re module: what a pattern means, for the lint check
    import re._parser as _sre_parse  # Python >= 3.11
    from re._constants import MAX_REPEAT, MAXREPEAT, MIN_REPEAT, POSSESSIVE_REPEAT, SUBPATTERN
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _constants
    import sre_parse as _sre_parse

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
    items = list(parsed)
    return _walk(items, inside_repeat=None) or _walk_sequences(items)


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
            lead = _single_char(body[0]) if body else None
            delimited = lead is not None and not any(_can_match(inner, lead) for inner in _inner_repeats(body))
            if unbounded and not delimited and _split_two_ways(body, _first(body)[0]):
                return ("an unbounded repetition of alternatives that can begin alike ((a|aa)+, (x|y|xy)*) can "
                        "split a long text in exponentially many ways; make the alternatives begin differently, "
                        "or the group atomic ((?>...)) or possessive (*+, ++)")
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


_CATEGORIES: dict[str, Callable[[str], bool]] = {
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
                test = _CATEGORIES.get(str(sub_arg))
                hit = hit or test is None or test(char)
            else:
                return True
        return hit != negate
    return True


# The characters a pattern's first-character sets are computed on: a sample, enough to tell
# whether two classes can share a character (a letter, a digit, a space, punctuation, non-ASCII).
_SAMPLE = frozenset([chr(c) for c in range(32, 127)] + ["\t", "\n", "\u00e9", "\u00df", "\u044f", "\u4e2d"])
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")


def _first(items: list[Any]) -> tuple[frozenset[str], bool]:
    """The sample characters a match of ``items`` may begin with, and whether it may be empty."""
    chars: set[str] = set()
    for item in items:
        first, empty = _first_item(item)
        chars |= first
        if not empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _first_item(item: Any) -> tuple[frozenset[str], bool]:
    op, arg = item
    name = str(op)
    if op in _REPEATS or (POSSESSIVE_REPEAT is not None and op == POSSESSIVE_REPEAT):
        first, empty = _first(list(arg[2]))
        return first, empty or arg[0] == 0
    if op == SUBPATTERN:
        return _first(list(arg[-1]))
    if name == "BRANCH":
        alternatives = [_first(list(branch)) for branch in arg[1]]
        return frozenset().union(*(f for f, _e in alternatives)), any(e for _f, e in alternatives)
    if name in _ZERO_WIDTH:
        return frozenset(), True
    if name in _ONE_CHARACTER:
        return _one_character(item), False
    return _SAMPLE, True  # a back reference, a conditional: anything, perhaps nothing


_ONE_CHARACTER = ("LITERAL", "NOT_LITERAL", "IN", "ANY")
_CHARACTER_SETS: dict[str, frozenset[str]] = {}


def _one_character(item: Any) -> frozenset[str]:
    """The sample characters one single-character item matches (kept: the same classes, \\w,
    \\s, [^>], recur in every pattern)."""
    key = repr(item)
    found = _CHARACTER_SETS.get(key)
    if found is None:
        found = _CHARACTER_SETS[key] = frozenset(c for c in _SAMPLE if _can_match(item, c))
    return found


def _may_be_empty(item: Any) -> bool:
    """Whether one item may match no character (without computing what it matches)."""
    op, arg = item
    name = str(op)
    if op in _REPEATS or (POSSESSIVE_REPEAT is not None and op == POSSESSIVE_REPEAT):
        return arg[0] == 0 or all(_may_be_empty(sub) for sub in arg[2])
    if op == SUBPATTERN:
        return all(_may_be_empty(sub) for sub in arg[-1])
    if name == "BRANCH":
        return any(all(_may_be_empty(sub) for sub in branch) for branch in arg[1])
    return name not in _ONE_CHARACTER


def _split_two_ways(body: list[Any], again: frozenset[str]) -> bool:
    """Whether one iteration of a repetition can end in two places: an alternation in it
    (outside an inner repetition, which the nesting check covers) whose alternatives may
    begin with the same character, counting what follows an alternative that may be empty
    (the rest of the iteration, then ``again``: the next iteration). The ``re`` parser has
    already merged one-character alternatives into a class and factored common prefixes
    ((a|aa) is a(?:|a)), so what is left is a real choice."""
    for index, (op, arg) in enumerate(body):
        if op != SUBPATTERN and str(op) != "BRANCH":
            continue
        follow, empty = _first(body[index + 1:])
        if empty:
            follow |= again
        if op == SUBPATTERN:
            if _split_two_ways(list(arg[-1]), follow):
                return True
        elif str(op) == "BRANCH":
            starts = []
            for branch in arg[1]:
                first, may_be_empty = _first(list(branch))
                starts.append([first | follow] if may_be_empty else [first, *_prefix(list(branch))[1:]])
            if any(_may_agree(a, b) for i, a in enumerate(starts) for b in starts[i + 1:]):
                return True
    return False


def _prefix(items: list[Any]) -> list[frozenset[str]]:
    """The characters each place of a match may hold, while the pattern is a row of single
    characters ("bar", "ba[rz]"); it stops at the first repetition, group or alternation."""
    out = []
    for item in items:
        if str(item[0]) not in _ONE_CHARACTER:
            break
        out.append(_one_character(item))
    return out


def _may_agree(one: list[frozenset[str]], other: list[frozenset[str]]) -> bool:
    """Whether two alternatives may begin the same text: at every place both rows of single
    characters reach, some character fits both ("bar" and "baz" part at their third)."""
    return all(a & b for a, b in zip(one, other, strict=False))  # the shorter row ends the comparison


def _walk_sequences(items: list[Any]) -> str | None:
    """Three or more unbounded repetitions of one character class in a row that share a
    character, perhaps with optional characters between (\\w*\\w*\\w*, \\d+\\s?\\d*\\s?\\d*):
    a text of n such characters can be shared among them in about n**k ways before the
    match fails, billions for k = 3 on the 2,000 characters of a fact's text. Rows with
    characters that must match between them (\\w*a\\w*a\\w*) are left to the time budget.
    (A repetition inside a repetition is the nesting check's.)"""
    run: list[frozenset[str]] = []
    common: frozenset[str] = frozenset()
    for op, arg in items:
        inner = list(arg[-1]) if op == SUBPATTERN else None
        if inner is not None and len(inner) == 1:  # (\\w*) is \\w* with a group number
            op, arg = inner[0]
        chars = None
        if op in _REPEATS and (arg[1] == MAXREPEAT or arg[1] > 100) and len(arg[2]) == 1 \
                and str(arg[2][0][0]) in _ONE_CHARACTER:
            chars = _one_character(arg[2][0])
        if chars is not None and run and common & chars:
            run.append(chars)
            common &= chars
        elif chars is not None:
            run, common = [chars], chars
        elif op == SUBPATTERN or str(op) == "BRANCH" or not _may_be_empty((op, arg)):
            # Something that must match (or a group, left to the nested walk) ends the row; an
            # optional character (\\s?) or an anchor between the repetitions does not.
            run, common = [], frozenset()
        if len(run) >= 3:
            return ("three unbounded repetitions in a row that can match the same characters (\\w*\\w*\\w*) can "
                    "take billions of steps on a long text; merge them into one")
        nested = []
        if op in _REPEATS or op == SUBPATTERN:
            nested = [list(arg[-1])]
        elif str(op) == "BRANCH":
            nested = [list(branch) for branch in arg[1]]
        elif str(op) in ("ASSERT", "ASSERT_NOT"):
            nested = [list(arg[1])]
        for sub in nested:
            found = _walk_sequences(sub)
            if found:
                return found
    return None
