"""A pasted text whose words a user retyped, a paste wrapped or cut: its words made the tables' again.

Users whose mail is broken often retype the dialog they see (from a phone's photo of the screen, a
remote desktop), paste a text a terminal wrapped inside a word, or one cut short. Every reader
(the wording, TLS, socket and resolver tables, the servers' words, the concepts) matches words as
they are printed, so before they read it, :func:`repaired` undoes three things, each only where the
tables' own words leave one answer:

- a retyped word: one edit (a letter dropped, added, replaced, or two neighbours swapped) in a long
  word (``LONG`` letters or more) that no table or prose of the package holds, where exactly one word
  the package knows is one edit from it and that word is a long word of the tables' wordings. A word
  the package knows is never changed, so "connected" never turns into "connection", nor "accepted"
  into "excepted"; a word one edit from two known words ("certificat": "certificate", "certificates")
  is left as it is. Short words stay as they are: one edit makes a short word another word too often
  ("port"/"sort");
- a word a line break split ("authenti-\\ncation", "authenti\\ncation"): the two pieces joined where
  together they are a word the package knows and one of them alone is none;
- a text cut off inside its last word (a piece that is no word the package knows): that piece and the
  words before it (two words, ten characters at least) begin a part of a wording of the tables whose
  earlier parts the text holds, in order; the wording is completed where every such wording holding
  most of the text begins with the shortest completion (no further than it), else left as it is. A
  last word the package knows may be whole ("could not connect"): nothing is added after it.

A retyped word is one of a text in the language of the package's tables, English: in a text written in
another language, a word one edit from a word of the tables is a word of that language more often than a typing
error ("persiste", French, Spanish and Italian for "persists"). A text is in another language where one of its
words is written with letters the English alphabet lacks ("redémarrage", "Zertifikatsfehler" beside "Postfächer",
Cyrillic, Greek), or is a word of the package's other languages (the translations' texts, the concept tables'
words in other languages) that none of its other tables holds. Such a text's words are read as written.

A text read through a repaired word reads exactly as the same text typed right: it gains no
confidence over it. Only texts up to ``LONGEST`` characters are looked at: a retyped, wrapped or cut
text is one message, not a log.

The words the package knows are those of its data tables (mailexpert/data/**/*.yaml: the wordings,
the catalogues' messages and their translations, their prose), found once and kept in the cache
(rulecache). While :func:`words_of` holds a user's rule folders (``explain --rules DIR``), their rule
files' words are known too: a word a user's rule looks for in a text ("unroutable") is then never
made one of the package's ("unrouteable").
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mailexpert import rulecache
from mailexpert.wordfold import GAP, fold

#: Fewest letters of a word a retyped letter is undone in.
LONG = 8
#: Longest text looked at (characters).
LONGEST = 5_000
#: Fewest characters and words of the start of a wording's part a cut text must end with: fewer say
#: too little to tell one wording from another.
_CUT_CHARS, _CUT_WORDS = 10, 2
#: The words of one or two letters: a shorter piece of a split word is none of the words the tables'
#: prose holds ("c" / "onnect", "se" / "rver"), whatever single letters a table spells ("%d").
_SHORT_WORDS = frozenset({"a", "i", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my",
                          "no", "of", "on", "or", "so", "to", "up", "us", "we"})

_DATA = Path(__file__).resolve().parent / "data"
_LETTERS = re.compile(r"[a-z]+")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# A word as a sentence holds it: not part of a host name, an address, a path, an identifier with
# digits or underscores, an escape ("\nauthentication") -- those are names, not words a user retyped.
# (One letter shorter than LONG: the long word with its letter dropped.)
_WORD = re.compile(rf"(?<![\w.@/\\-])[A-Za-z]{{{LONG - 1},40}}(?![\w@/\\-])(?!\.\w)")
# A line break inside a word: the letters before it (after a hyphen or not) and after it.
_SPLIT = re.compile(r"(?<![\w.@/\\-])([A-Za-z]+)(-?)\n([A-Za-z]+)(?![\w@/\\-])")
_TAIL = re.compile(r"(?<![\w.@/\\-])[A-Za-z]+\Z")
_WORD_START = re.compile(r"(?<![\w.@/\\-])\w")


def _patterns(tables: dict[str, Any]) -> list[str]:
    """Every literal wording of the tables (folded): each row's ``match``."""
    out = []
    for rows in tables.values():
        if isinstance(rows, list):
            out += [r["match"] for r in rows if isinstance(r, dict) and isinstance(r.get("match"), str)]
    return out


def _wordings() -> list[str]:
    from mailexpert.classify import error_texts
    from mailexpert.replies import server_replies

    return [fold(p) for p in _patterns(error_texts())] + [fold(r["match"]) for r in server_replies()]


def _build_words() -> list[list[str]]:
    """[the words the package knows, the long words of the wordings a retyped word may be read as]
    (see the module's docstring), each sorted."""
    known: set[str] = set()
    for path in sorted(_DATA.rglob("*.yaml")):
        known.update(_LETTERS.findall(path.read_text(encoding="utf-8").lower()))
    targets = sorted({w for p in _wordings() for w in _LETTERS.findall(p) if len(w) >= LONG})
    return [sorted(known | set(targets)), targets]


#: A word as any alphabet writes it (accented, Greek, Cyrillic letters; not digits or underscores).
_ANY_WORD = re.compile(r"[^\W\d_]{3,}")
#: The data files whose words are those of other languages than English: the catalogues' translations
#: (keyed by locale) and the concept tables' words in other languages.
_OTHER_LANGUAGES = ("translations", "concept-words")
#: A translation's locale: a language code, with its region or script ("fr", "pt-BR", "zh_TW", "sr-Latn").
_LOCALE = re.compile(r"[a-z]{2,3}(?:[-_@][A-Za-z0-9]{2,8})*")


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _other_language_strings(node: Any) -> Iterator[str]:
    """The texts of a translations file under a locale other than English's."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and _LOCALE.fullmatch(key):
                if not key.startswith("en"):
                    yield from _strings(value)
            else:
                yield from _other_language_strings(value)


def _build_foreign() -> list[str]:
    """The words of the package's other languages that none of its English tables holds (see the module's
    docstring), sorted."""
    english: set[str] = set()
    other: set[str] = set()
    for path in sorted(_DATA.rglob("*.yaml")):
        if _OTHER_LANGUAGES[0] in path.parts:
            data = rulecache.data_file(path)
            other.update(w.lower() for s in _other_language_strings(data) for w in _ANY_WORD.findall(s))
        elif _OTHER_LANGUAGES[1] in path.parts:
            groups = rulecache.data_file(path).get("groups") or {}
            other.update(w.lower() for g in groups.values() for s in g.get("words", ()) for w in _ANY_WORD.findall(s))
        else:
            english.update(w.lower() for w in _ANY_WORD.findall(path.read_text(encoding="utf-8")))
    return sorted(other - english)


@functools.cache
def _foreign() -> frozenset[str]:
    """The words of other languages only (kept in the cache: rulecache)."""
    return frozenset(rulecache.cached("retyped-foreign-words", _inputs(), rulecache.PLAIN, _build_foreign))


def _in_other_language(text: str) -> bool:
    """Whether ``text`` is written in another language than English (see the module's docstring)."""
    foreign = _foreign()
    return any(not w.isascii() or w.lower() in foreign for w in _ANY_WORD.findall(text))


def _build_parts() -> list[list[Any]]:
    """[the wordings, every part of every wording (the words between its gaps), and for each part the
    wording's place and the part's], the parts sorted: a cut text may end inside any part of a wording
    whose earlier parts it holds."""
    patterns = sorted(set(_wordings()))
    parts = sorted((part.strip(), at, k) for at, p in enumerate(patterns) for k, part in enumerate(p.split(GAP)))
    return [patterns, [p for p, _, _ in parts], [at for _, at, _ in parts], [k for _, _, k in parts]]


def _inputs() -> list[Path]:
    here = Path(__file__).resolve().parent
    return [*sorted(_DATA.rglob("*.yaml")), here / "retyped.py", here / "wordfold.py"]


@functools.cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """The words the package knows and the long words of the wordings (kept in the cache: rulecache)."""
    known, targets = rulecache.cached("retyped-words", _inputs(), rulecache.PLAIN, _build_words)
    return frozenset(known), frozenset(targets)


@functools.cache
def _parts() -> tuple[list[str], list[str], list[int], list[int]]:
    """The wordings and their parts (:func:`_build_parts`), read only for a text cut inside a word."""
    patterns, parts, rows, ks = rulecache.cached("retyped-parts", _inputs(), rulecache.PLAIN, _build_parts)
    return patterns, parts, rows, ks


#: The words the package knows with those of the rule folders the text is read with (:func:`words_of`);
#: None outside it (the package's words alone).
_KNOWN_WITH_FOLDERS: contextvars.ContextVar[frozenset[str] | None] = contextvars.ContextVar(
    "retyped_known_with_folders", default=None)


def _folder_words(folders: Iterable[str | Path]) -> frozenset[str]:
    """The words of the rule files of ``folders`` (as the rules are loaded: rulefile.rule_files, at most
    a rule file's size each), kept in the cache under the files' hash."""
    from mailexpert import rulefile, userfile
    from mailexpert.errors import RuleFileError

    files = rulefile.rule_files(folders)

    def build() -> list[str]:
        words: set[str] = set()
        for path in files:
            raw = userfile.read_bytes(path, userfile.LIMITS["rules"],
                                      functools.partial(RuleFileError, path=path))
            words.update(_LETTERS.findall(raw.decode("utf-8", "replace").lower()))
        return sorted(words)

    return frozenset(rulecache.cached("retyped-folder-words", files, rulecache.PLAIN, build))


@contextlib.contextmanager
def words_of(folders: Iterable[str | Path]) -> Iterator[None]:
    """While inside, the words of the rule folders ``folders`` are words the package knows."""
    folders = list(folders)
    token = _KNOWN_WITH_FOLDERS.set(_vocabulary()[0] | _folder_words(folders) if folders else None)
    try:
        yield
    finally:
        _KNOWN_WITH_FOLDERS.reset(token)


def _edits(word: str) -> set[str]:
    """Every word one edit from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    return out


def _cased(like: str, word: str) -> str:
    """``word`` in the case of the word it was retyped as (letter by letter where as long: "NoSmtpHostname")."""
    if len(like) == len(word):
        return "".join(w.upper() if c.isupper() else w for c, w in zip(like, word, strict=True))
    if like.isupper():
        return word.upper()
    return word[0].upper() + word[1:] if like[0].isupper() else word


def _is_word(piece: str, known: frozenset[str]) -> bool:
    low = piece.lower()
    return low in _SHORT_WORDS if len(low) < 3 else low in known


def _retyped_word(m: re.Match[str], known: frozenset[str]) -> str:
    word = m.group()
    low = word.lower()
    if low in known:
        return word
    meant = _meant(low)
    return _cased(word, meant) if meant else word


@functools.lru_cache(maxsize=1024)
def _meant(low: str) -> str | None:
    """The word of the wordings ``low`` (a word the package does not know) is ``low`` retyped, if any.
    (A text's unknown words repeat: each is looked at once.)"""
    known, targets = _vocabulary()
    # Read as the one word the package knows one edit away, if that is a word of the wordings: a word
    # one edit from two (the retyped "certificat" of "certificate" and "certificates" is not) says
    # which of them it was no more than it says any.
    found = _edits(low) & known
    if len(found) != 1:
        return None
    meant = found.pop()
    return meant if len(meant) >= LONG and meant in targets else None


def _joined(m: re.Match[str], known: frozenset[str]) -> str:
    first, _hyphen, second = m.groups()
    whole = (first + second).lower()
    # A word's pieces keep its one casing: a piece in capitals after one that is not ("The" / "IP") is an
    # abbreviation, a word of its own, that a wrap put on the next line (not Irish "Theip", failed).
    if len(second) > 1 and second.isupper() and not first.isupper():
        return m.group()
    if whole in known and len(whole) >= 4 and not (_is_word(first, known) and _is_word(second, known)):
        return first + second
    return m.group()


def _completed(text: str, known: frozenset[str]) -> str:
    """``text`` with the wording it was cut off in completed (see the module's docstring)."""
    last = _TAIL.search(text)
    # A last word the package knows may be whole ("could not connect", "... IMAP4 Server"), even where a
    # wording goes on with a longer word (a translation's "serveris"): only a piece of a word is a cut.
    if last is None or _is_word(last.group(), known):
        return text
    patterns, parts, rows, ks = _parts()
    low = fold(text)
    for start in (m.start() for m in _WORD_START.finditer(low, max(0, len(low) - 300))):
        said = low[start:]
        if len(said) < _CUT_CHARS or len(said.split()) < _CUT_WORDS:
            break
        # Each wording one of whose parts begins with what the text ends with, and whose earlier parts
        # stand before it in order: the rest of that part and its later parts.
        found: dict[str, int] = {}
        at = bisect.bisect_left(parts, said)
        while at < len(parts) and parts[at].startswith(said):
            row, k = rows[at], ks[at]
            wording = patterns[row].split(GAP)
            held = _held_before(wording[:k], low, start)
            if held is not None:
                rest = " ".join([parts[at][len(said):], *(w.strip() for w in wording[k + 1:])])
                found[rest.rstrip()] = max(found.get(rest.rstrip(), 0), held + len(said))
            at += 1
        if found:
            # The wordings the text holds most of; their shortest completion if it begins every other one.
            most = max(found.values())
            rests = [rest for rest, held in found.items() if held == most]
            shortest = min(rests, key=len)
            return text + shortest if all(r.startswith(shortest) for r in rests) else text
    return text


def _held_before(parts: list[str], low: str, end: int) -> int | None:
    """How many characters of ``parts`` ``low`` holds in order before ``end``; None when it lacks one."""
    at, held = 0, 0
    for part in parts:
        at = low.find(part, at, end)
        if at < 0:
            return None
        at += len(part)
        held += len(part)
    return held


def repaired(text: str) -> str:
    """``text`` with its retyped, split and cut words made the tables' (see the module's docstring)."""
    if len(text) > LONGEST or not text.strip():
        return text
    known = _KNOWN_WITH_FOLDERS.get() or _vocabulary()[0]
    if "\n" in text:
        text = _SPLIT.sub(lambda m: _joined(m, known), text)
    if not _in_other_language(text):
        text = _WORD.sub(lambda m: _retyped_word(m, known), text)
    done = text.rstrip()
    completed = _completed(done, known)
    return completed if completed != done else text
