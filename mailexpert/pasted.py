"""What reading a pasted text shares: what a text was taken for (:class:`Recognised`), the words
that say what it is about (:func:`hints`), and the bounds of the reading.
"""

from __future__ import annotations

import functools

import attrs

from mailexpert.classify import error_texts, locate
from mailexpert.facts import Fact
from mailexpert.wordfold import row_index

#: The host of a pasted fact when neither the text nor the caller says it.
UNKNOWN_HOST = "unknown"
#: Pasted texts longer than this are refused; a whole session log fits easily.
MAX_TEXT = 2_000_000


@attrs.frozen
class Hints:
    """The words that say what a text is about (data/error-texts.yaml ``hints`` and tables),
    lower case and found as substrings: a plain substring search stays fast on a pasted megabyte."""

    tls: tuple[str, ...]
    dns: tuple[str, ...]
    lookup: tuple[str, ...]  # the client's own look-up before it connects
    starttls: tuple[str, ...]  # the STARTTLS step named, or the server's answer to it
    starttls_advice: tuple[str, ...]  # a library's advice after its error that names STARTTLS


@functools.cache
def hints() -> Hints:
    data = error_texts()
    words = {name: tuple(data["hints"][name]["words"]) for name in ("tls", "dns", "resolver")}
    tls = words["tls"] + tuple(r["match"] for r in data["tls"] if r.get("hint", True))
    names = [r for r in data["dns"] if r.get("hint", True)]
    lookup = words["dns"] + tuple(r["match"] for r in names if r.get("via") != "resolver")
    return Hints(tls=tls, dns=lookup + words["resolver"] + tuple(r["match"] for r in names if r.get("via") == "resolver"),
                 lookup=lookup, starttls=tuple(data["hints"]["starttls"]["words"]),
                 starttls_advice=tuple(data["hints"]["starttls_advice"]["words"]))


def mentions(low: str, words: tuple[str, ...]) -> bool:
    # A row with gaps (a client's message with its placeholders) is found part by part.
    return any(locate(words[at], low)[0] >= 0 for at in row_index(words, str).candidates(low))


@attrs.frozen
class Recognised:
    """What the pasted text was taken for, and the facts it gave."""

    what: str
    facts: tuple[Fact, ...]
    #: Read from the concepts of its words alone (no exact wording known): every diagnosis it
    #: leads to is at most "possible".
    guess: bool = False
