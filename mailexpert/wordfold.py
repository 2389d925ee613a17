"""How the wording tables read a text: lower case, typographic quotes made plain, gaps.

Shared by :mod:`mailexpert.classify` (the tables) and :mod:`mailexpert.clientmessages` (the
client catalogues compiled into them), so that a pattern and a text are folded alike.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

try:  # re's own parser (private, present in 3.11-3.13): only a speed-up depends on it
    from re import _parser
except ImportError:  # pragma: no cover - a Python whose re keeps its parser elsewhere
    _parser = None

#: In a table's ``match``, stands for the variable part of a wording (a time, a name): the
#: parts around it must appear in this order.
GAP = " … "


#: Typographic quotes in a client's dialog (Apple Mail: "can’t", “host”) read as plain ones and
#: no-break spaces (French typography) and the ideographic space (a CJK translation's: Claws Mail's
#: zh_TW "無法連線到　IMAP4 伺服器") as spaces, one character for one, so that a position in the folded
#: text is one in the original.
_FOLD = {"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ", "\u202f": " ", "\u3000": " "}


def plain(text: str) -> str:
    """``text`` with typographic quotes and no-break spaces made plain, its case kept. A web page,
    a forum or a word processor puts them into a program's output when it is copied from there;
    the readers that look at the text before it is folded (a server reply's code and status
    fields, "530 5.7.0 Authentication required") need the plain space the program printed.
    (str.replace, one character at a time, is many times faster than str.translate on a pasted
    megabyte.)"""
    for typographic, plain_char in _FOLD.items():
        if typographic in text:
            text = text.replace(typographic, plain_char)
    return text


@functools.lru_cache(maxsize=8)
def fold(text: str) -> str:
    """``text`` as the tables match it: lower case, typographic quotes made plain. (Several
    readers fold the same pasted text: it is folded once.)"""
    return plain(text.lower())


def caseless(text: str) -> str | None:
    """``text`` in lower case, one character for one, holding a lower-case string wherever a
    case-blind pattern (re.IGNORECASE) may match it: re also takes the dotless "ı" for "i" and
    the long "ſ" for "s", and the dotted "İ" for "i" (the one character whose lower case is two:
    "i" and a combining dot, so it is made "i" first, as re's simple case folding has it). None
    only if lower-casing still changed the text's length (no Unicode version so far does)."""
    low = (text.replace("İ", "i") if "İ" in text else text).lower()
    if len(low) != len(text):
        return None
    return low.replace("ı", "i").replace("ſ", "s")


def needed(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """For each alternative of ``pattern``, the strings its literal characters spell in a row
    (printable ASCII, in lower case): a text the alternative matches holds each of them, in some
    case, so its :func:`caseless` copy holds them as they are. The alternatives are the pattern's
    own and, in each, those of its first group of alternatives ("(?:said:|code:?) ..."); deeper
    down, a group, a repeat or an assertion ends a string."""
    if _parser is None:
        return ((),)  # nothing known to be needed: every text may match
    try:
        tree = list(_parser.parse(pattern.pattern, pattern.flags))
        return tuple(tuple(_literal_runs(seq)) for seq in _group_alternatives(tree))
    except (AttributeError, IndexError, TypeError, ValueError):
        # A parser whose tree has another shape (another Python): no filter rather than a wrong one.
        return ((),)


def needles(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Strings one of which (in lower case) every text ``pattern`` matches holds, in its
    :func:`caseless` copy; none, so no filter, when the pattern's tree shows none. Found through
    the whole tree (:func:`_held`): a names table's row is often alternatives of alternatives
    ("(?<![\\w.])(?:EC2|Lightsail)(?!\\w)|(?i:ec2-...)"), each of which spells some word."""
    if _parser is None:
        return ()
    try:
        held = _held(list(_parser.parse(pattern.pattern, pattern.flags)), 0)
    except (AttributeError, IndexError, TypeError, ValueError):
        return ()  # a parser whose tree has another shape (another Python): no filter rather than a wrong one
    return tuple(sorted(held)) if held else ()


#: How deep :func:`_held` follows groups within groups: table rows nest a few levels; a deeper
#: branch is taken to need nothing, which only makes the filter let more texts through.
_HELD_DEPTH = 12


def _held(items: list[tuple[Any, Any]], depth: int) -> frozenset[str] | None:
    """Strings one of which a match of the sequence ``items`` holds (lower case), or None when
    none is known. Each thing the sequence needs gives such a set -- a run of literal
    characters one string, a group of alternatives the union of its alternatives' sets, a group
    or a repeat of at least once its content's -- and the set whose shortest string is the
    longest is kept: the one fewest texts hold."""
    sets: list[frozenset[str]] = []
    run = ""
    for op, arg in [*items, (None, None)]:
        if op is _parser.LITERAL and isinstance(arg, int) and _kept(arg):
            run += chr(arg).lower()
            continue
        if run:
            sets.append(frozenset((run,)))
            run = ""
        if op is None or depth >= _HELD_DEPTH:
            continue
        inner: frozenset[str] | None = None
        if op is _parser.SUBPATTERN:
            inner = _held(list(arg[-1]), depth + 1)
        elif op is _parser.ATOMIC_GROUP:
            inner = _held(list(arg), depth + 1)
        elif op is _parser.BRANCH:
            branches = [_held(list(b), depth + 1) for b in arg[1]]
            known = [b for b in branches if b is not None]
            inner = frozenset[str]().union(*known) if len(known) == len(branches) else None
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, getattr(_parser, "POSSESSIVE_REPEAT", None)) \
                and arg[0] >= 1:
            inner = _held(list(arg[2]), depth + 1)
        if inner:
            sets.append(inner)
    return max(sets, key=lambda s: (min(map(len, s)), -len(s)), default=None)


try:  # the letters a case-blind match takes for others than their own case (private, 3.11-3.13)
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - then only ASCII literals are kept
    _EXTRA_CASES = None


def _kept(code: int) -> bool:
    """Whether a literal character stands in a :func:`caseless` copy of every text a pattern
    that holds it matches, as its lower case: printable ASCII (the odd letters re also takes
    for "i", "s" and "k" are made those by :func:`caseless`), and any other letter with one
    lower case that no other letter shares in re's case-blind match (re._casefix: Greek "σ" and
    "ς", Cyrillic "в" and "ᲀ"...) and that str.lower() gives alone (not final sigma)."""
    if 32 <= code < 127:
        return True
    if _EXTRA_CASES is None or code < 160:
        return False
    low = chr(code).lower()
    return len(low) == 1 and ord(low) not in _EXTRA_CASES and low not in "σςΣ"


@functools.cache
def _needles_of(pattern: re.Pattern[str]) -> tuple[str, ...]:
    return needles(pattern)


def may_hold(pattern: re.Pattern[str], low: str | None) -> bool:
    """Whether ``pattern`` may match a text whose :func:`caseless` copy is ``low`` (always,
    without the copy). A table of names is run over the first tens of kilobytes of every
    paste; most of its rows' words are not there, and a look for a string costs far less than
    a case-blind pattern's scan. (For patterns that live as long as the program: each one's
    strings are kept.)"""
    found = _needles_of(pattern)
    return low is None or not found or any(n in low for n in found)


@functools.cache
def _from_line_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` after the fewest characters of one line: matched at a line's start, its leftmost
    match that starts on that line, with the same groups."""
    return re.compile(f"[^\n]*?(?:{pattern.pattern})", pattern.flags)


def search_lines(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``'s groups (not its start), ``pattern`` tried only on the lines that hold one
    of its :func:`needles` in any case. For a pattern none of whose matches holds a line break before the
    needle it holds: such a match starts on a line that holds one. A case-blind pattern with no literal
    first character is tried by re at every place of a text; a pasted megabyte holds its needles on few
    lines, if any."""
    found, low = _needles_of(pattern), caseless(text)
    if not found or low is None:
        return pattern.search(text)
    nexts = {needle: low.find(needle) for needle in found}
    at = 0
    for _ in range(_SEARCHED_LINES):
        for needle, place in nexts.items():
            if 0 <= place < at:
                nexts[needle] = low.find(needle, at)
        places = [place for place in nexts.values() if place >= 0]
        if not places:
            return None
        first = min(places)
        match = _from_line_start(pattern).match(text, max(at, low.rfind("\n", 0, first) + 1))
        if match is not None:
            return match
        end = low.find("\n", first)
        if end < 0:
            return None
        at = end + 1
    # Needles on most lines (a log that says "error" on each): one scan from there on costs less.
    return pattern.search(text, at)


#: How many lines :func:`search_lines` tries one by one.
_SEARCHED_LINES = 256


def _group_alternatives(items: list[tuple[object, object]]) -> list[list[tuple[object, object]]]:
    """``items`` once per alternative of its first group of alternatives (re's parser writes a
    non-capturing group's in place, a capturing group's inside it), the branch in the group's
    place, so that literals on either side join the branch's own; ``items`` alone when it has none."""
    for at, (op, arg) in enumerate(items):
        if op is _parser.SUBPATTERN and len(arg[-1]) == 1:  # type: ignore[index]
            op, arg = arg[-1][0]  # type: ignore[index]
        if op is _parser.BRANCH:
            return [[*items[:at], *branch, *items[at + 1:]] for branch in arg[1]]  # type: ignore[index]
    return [items]


def _literal_runs(items: list[tuple[object, object]]) -> list[str]:
    runs, run = [], ""
    for op, arg in [*items, (None, None)]:
        if op is _parser.LITERAL and isinstance(arg, int) and 32 <= arg < 127:
            run += chr(arg).lower()
            continue
        if run:
            runs.append(run)
        run = ""
    return runs


def may_match(needs: tuple[tuple[str, ...], ...], low: str | None) -> bool:
    """Whether a text whose :func:`caseless` copy is ``low`` may hold a match of a pattern that
    :func:`needed` gave ``needs``: some alternative's strings all stand in it (always, without the copy)."""
    return low is None or any(all(run in low for run in branch) for branch in needs)


_WORD = re.compile(r"\w+")


def words(low: str) -> frozenset[str]:
    """The words of a folded text."""
    return frozenset(_WORD.findall(low))


#: A pasted text is read by many tables in turn: its words are found once.
_words = functools.lru_cache(maxsize=8)(words)


@functools.cache
def whole_words(pattern: str) -> tuple[str, ...]:
    """The words of ``pattern`` that stand between two non-word characters of the pattern
    itself: a text that holds the pattern holds each of them as a whole word. (The first and
    last word of a part may be the ends of longer words in the text: "connect" in "connection".)"""
    words = {m.group() for part in pattern.split(GAP) for m in _WORD.finditer(part)
             if m.start() > 0 and m.end() < len(part)}
    return tuple(sorted(words, key=len, reverse=True))


@functools.cache
def edge_words(pattern: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of ``pattern`` that begin or end one of its parts and stand against a non-word
    character of the part on their other side: a text that holds the part holds the first as the
    end of one of its words, the last as the start of one (:func:`whole_words` has the others).
    Words longer than _AFFIX are left out (:func:`_affixes` keeps no longer ends)."""
    ends, starts = set(), set()
    for part in pattern.split(GAP):
        for m in _WORD.finditer(part):
            if len(m.group()) > _AFFIX:
                continue
            if m.start() == 0 and m.end() < len(part):
                ends.add(m.group())
            elif m.start() > 0 and m.end() == len(part):
                starts.add(m.group())
    return tuple(sorted(ends)), tuple(sorted(starts))


#: Longest word end and start :func:`_affixes` keeps; most distinct words and least text it is made for;
#: most ends (and as many starts) it keeps: a text of many long distinct words would cost more memory
#: (a set entry for each end of each word) than its scan saves.
_AFFIX, _AFFIX_WORDS, _AFFIX_TEXT, _AFFIX_BUDGET = 40, 20_000, 20_000, 100_000


@functools.lru_cache(maxsize=4)
def _affixes(low: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The ends and the starts (up to _AFFIX characters) of the words of a long folded text of few
    distinct words (a log repeats its lines); None for another text, where they cost more than
    they save."""
    if len(low) < _AFFIX_TEXT:
        return None
    found = _words(low)
    if len(found) > _AFFIX_WORDS or sum(min(len(w), _AFFIX) for w in found) > _AFFIX_BUDGET:
        return None
    spans = [(w, range(1, min(len(w), _AFFIX) + 1)) for w in found]
    return frozenset(w[-k:] for w, ks in spans for k in ks), frozenset(w[:k] for w, ks in spans for k in ks)


def locate(pattern: str, low: str) -> tuple[int, int]:
    """Where ``low`` (a :func:`fold`-ed text) holds ``pattern``, its parts in order across gaps,
    and the length of the pattern's words; (-1, 0) when it does not."""
    # Thousands of catalogue rows are looked for in one pasted text, which may be a megabyte:
    # a row whose whole words the text lacks is passed over by set look-ups, not a scan each.
    needed = whole_words(pattern)
    if needed and not _words(low).issuperset(needed):
        return -1, 0
    # Most rows have no whole word ("authentication failed"): a long text of few words passes
    # over those whose first word ends none of its words or whose last word starts none.
    ends, starts = edge_words(pattern)
    if ends or starts:
        affixes = _affixes(low)
        if affixes is not None and not (affixes[0].issuperset(ends) and affixes[1].issuperset(starts)):
            return -1, 0
    # A long text that is not one of words (binary junk, another script's) lacks most rows' letters
    # or their runs of ASCII letters: those rows are passed over without a scan each.
    if len(low) >= _AFFIX_TEXT and not _may_spell(pattern, low):
        return -1, 0
    if GAP not in pattern:
        at = _find_number_whole(low, pattern, 0, first=True)
        return (at, len(pattern)) if at >= 0 else (-1, 0)
    start = at = -1
    for part in pattern.split(GAP):
        at = _find_number_whole(low, part, max(at, 0), first=start < 0)
        if at < 0:
            return -1, 0
        start = at if start < 0 else start
        at += len(part)
    return start, len(pattern) - pattern.count(GAP) * len(GAP)


_ASCII_LETTERS = re.compile(r"[a-z]+")


@functools.cache
def _spelled(pattern: str) -> tuple[frozenset[str], int]:
    """The characters of ``pattern``'s parts, and the length of its longest run of ASCII letters."""
    parts = pattern.split(GAP)
    return frozenset("".join(parts)), max((len(m) for p in parts for m in _ASCII_LETTERS.findall(p)), default=0)


@functools.lru_cache(maxsize=4)
def _letters(low: str) -> tuple[frozenset[str], int]:
    """The characters a long folded text holds, and the length of its longest run of ASCII letters
    (found in its distinct words, which hold every such run: a log's are few)."""
    return frozenset(low), max(map(len, _ASCII_LETTERS.findall(" ".join(_words(low)))), default=0)


def _may_spell(pattern: str, low: str) -> bool:
    """Whether ``low`` holds every character of ``pattern``'s parts and a run of ASCII letters as long as
    its longest: a text that holds the parts holds both."""
    chars, run = _spelled(pattern)
    held, longest = _letters(low)
    return run <= longest and chars <= held


def _find_number_whole(low: str, part: str, start: int, *, first: bool = False) -> int:
    """``low.find(part, start)``, except where a number the part ends or begins with goes on in the
    text: a code or a numbered reason is a whole number ("reason: 3" is not "reason: 30", "10060" not
    "110060"), where a word may be part of a longer one ("connect" in "connection"). A wording that is a
    field's name and its number (the ``first`` and only part) begins a word too: another field whose name
    ends in it is not it ("disconnectfailreason: 3" is no Chilkat's "connectfailreason: 3"). Only a Latin
    letter or digit before it goes on a word: CJK and other scripts written without spaces join a wording to
    the words before it. (Words in general may stand glued to the word before them: Ruby's aws-ses prints
    "InvalidClientTokenIdThe security token ...", a PHP class name that lost its backslashes
    "LaminasMailProtocolException".)"""
    at = low.find(part, start)
    starts_word = first and _FIELD_NUMBER.fullmatch(part) is not None
    if not part or not (part[-1].isdigit() or part[0].isdigit() or starts_word):
        return at
    while at >= 0:
        end = at + len(part)
        if not (part[-1].isdigit() and end < len(low) and low[end].isdigit()) \
                and not (part[0].isdigit() and at > 0 and low[at - 1].isdigit()) \
                and not (starts_word and at > 0 and (_latin_word(low[at - 1]) or low[at - 1].isdigit())):
            return at
        at = low.find(part, at + 1)
    return -1


#: A field's name and its number ("connectfailreason: 3", "errno=111").
_FIELD_NUMBER = re.compile(r"[a-z][a-z0-9_.-]*[ \t]?[:=][ \t]?\d+")


def _latin_word(char: str) -> bool:
    """Whether ``char`` is a letter of the Latin script (ASCII, Latin-1 and Latin Extended-A and -B)."""
    return char.isalpha() and ord(char) < 0x250


class RowIndex:
    """The rows of a table whose patterns (:func:`locate`'s) a folded text may hold, found by
    set look-ups: each row is filed under the longest of its :func:`whole_words`, which a text
    that holds the pattern holds as a word; a row without one is always a candidate. Thousands
    of rows are looked for in every pasted text, most of whose words it lacks: the candidates
    are the few filed under its words, not every row tried in turn. :func:`locate` still
    decides: a row passed over is one it would not have found."""

    def __init__(self, patterns: Sequence[str]) -> None:
        by_word: dict[str, list[int]] = {}
        self._always: list[int] = []
        for at, pattern in enumerate(patterns):
            key = whole_words(pattern)
            if key:
                by_word.setdefault(key[0], []).append(at)
            else:
                self._always.append(at)
        self._by_word = {word: tuple(rows) for word, rows in by_word.items()}
        self._words = frozenset(self._by_word)

    def candidates(self, low: str) -> list[int]:
        """The rows (their places in the table, in order) whose filed word ``low`` holds, and
        those filed under none."""
        rows = list(self._always)
        for word in self._words & _words(low):
            rows.extend(self._by_word[word])
        rows.sort()
        return rows


#: One index per table, kept with the table itself (so that its id stays its own).
_INDEXES: dict[int, tuple[object, RowIndex]] = {}


def row_index(table: Sequence[Any], pattern: Callable[[Any], str]) -> RowIndex:
    """The :class:`RowIndex` of a table that lives as long as the program (a module's constant, a
    cached function's result), the pattern of each row given by ``pattern``: built once."""
    kept = _INDEXES.get(id(table))
    if kept is None or kept[0] is not table:
        kept = _INDEXES[id(table)] = (table, RowIndex([pattern(row) for row in table]))
    return kept[1]


def forget_indexes() -> None:
    """Drop every index :func:`row_index` keeps. The library keeps them for the program's life because its tables
    are built once (module constants, cached readers of the data files), so each index is built once too and its
    table never dies under it. A program that builds its tables anew (a benchmark that rebuilds them from other
    data for each text) must drop the indexes of the tables it throws away: they hold those tables alive, a few
    megabytes each time. The next :func:`row_index` of a live table builds its index again."""
    _INDEXES.clear()
