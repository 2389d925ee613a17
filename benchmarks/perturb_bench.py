"""How well ``mailexpert explain`` keeps its reading of the catalogues' texts when a user pastes them
as real users do: retyped, HTML-escaped, with typographic characters, wrapped, cut off, recased.

    python3 benchmarks/perturb_bench.py [-v] [--only NAME[,NAME...]] [--sample N]

The texts are the data tables' own (NOT the corpus): every row of the client and library message
catalogues (mailexpert/data/client-messages.yaml, library-messages.yaml, their source language)
rendered as its program prints it (clientmessages.example) that explain reads today to one of the
causes its row names. Each perturbation class is applied to each text deterministically (a
generator seeded per class and text), and for each class the bench prints how many texts still
read the same top cause, how many read another cause, how many read as fine (no diagnosis) and
how many are declined. ``-v`` lists the texts that change. No timings: a figure of robustness.

A few texts that are not about mail (``NON_MAIL``) go through the same classes: each must stay
declined or without a diagnosis (a perturbation must not make a reading appear from nothing).
"""

from __future__ import annotations

import argparse
import collections
import html
import random
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mailexpert import clientmessages  # noqa: E402
from mailexpert.errors import InputError  # noqa: E402
from mailexpert.explain import explain  # noqa: E402

SEED = 20261206

#: Texts of other programs than mail ones (a shell's, a compiler's, a web server's): whatever a paste
#: does to them, explain must not find a mail failure in them.
NON_MAIL = (
    "bash: syntax error near unexpected token `fi' in the install script",
    "error: expected ';' before '}' token",
    "TypeError: Cannot read properties of undefined (reading 'length')",
    "The quick brown fox jumps over the lazy dog while the kettle boils in the kitchen.",
    "Segmentation fault (core dumped) after loading the plugin configuration file",
)

_WORD = re.compile(r"[A-Za-z]{8,}")


def _typo(text: str, rng: random.Random) -> str | None:
    """One edit in one long word (>= 8 letters), as a text retyped from a screenshot has:
    a letter dropped, doubled, swapped with the next or replaced by its neighbour on the keyboard."""
    words = list(_WORD.finditer(text))
    if not words:
        return None
    m = rng.choice(words)
    word = m.group()
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "swap", "replace"))
    if kind == "drop":
        new = word[:at] + word[at + 1:]
    elif kind == "double":
        new = word[:at] + word[at] + word[at:]
    elif kind == "swap":
        new = word[:at] + word[at + 1] + word[at] + word[at + 2:]
    else:
        near = {"a": "s", "e": "r", "i": "o", "o": "i", "n": "m", "t": "r", "r": "t", "s": "a", "c": "v", "l": "k"}
        new = word[:at] + near.get(word[at].lower(), "e") + word[at + 1:]
    return text[:m.start()] + new + text[m.end():]


def _html(text: str, rng: random.Random) -> str:
    """As a web page or PHPMailer's debug output in a browser shows it: entities for the specials,
    a numeric entity for the apostrophe, &nbsp; for some spaces, <br> for line breaks."""
    out = html.escape(text, quote=True).replace("&#x27;", "&#39;")
    out = re.sub(r" ", lambda m: "&nbsp;" if rng.random() < 0.2 else " ", out)
    return out.replace("\n", "<br>\n")


def _typographic(text: str, rng: random.Random) -> str:
    """A word processor's or a forum's smart quotes and dashes."""
    out = re.sub(r"\"([^\"\n]*)\"", "\u201c\\1\u201d", text)
    out = re.sub(r"'([^'\n]*)'", "\u2018\\1\u2019", out)
    out = out.replace("'", "\u2019").replace(" - ", " \u2013 ").replace("--", "\u2014")
    return out


def _invisible(text: str, rng: random.Random) -> str:
    """No-break spaces for some spaces and zero-width spaces (or joiners, a BOM) between some words."""
    out = []
    for ch in text:
        if ch == " ":
            r = rng.random()
            out.append("\u00a0" if r < 0.3 else " \u200b" if r < 0.5 else "\u200b " if r < 0.6 else " ")
        else:
            out.append(ch)
    return "\ufeff" + "".join(out)


_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in ":()[]0123456789,;!?"}


def _fullwidth(text: str, rng: random.Random) -> str:
    """As a CJK input method types a text's punctuation and digits: full-width forms (：（）５３５)."""
    return "".join(_FULLWIDTH.get(c, c) for c in text)


def _wrap_mid_word(text: str, rng: random.Random) -> str | None:
    """A terminal's hard wrap: a break at its width (80 columns, or a wider window's), in the middle of a word."""
    width = rng.choice((80, 80, 100, 120))
    if len(text) <= width:
        return None
    out = []
    for line in text.split("\n"):
        out += [line[i:i + width] for i in range(0, len(line), width)] or [""]
    return "\n".join(out)


def _mail_quoted(text: str, rng: random.Random) -> str | None:
    """A mail reply's quote: wrapped at a mail client's width (72-76 columns) at spaces, "> " before each line."""
    import textwrap
    width = rng.randint(70, 74)
    lines = [w for line in text.split("\n") for w in (textwrap.wrap(line, width, break_long_words=False) or [""])]
    return "\n".join("> " + line for line in lines) if len(lines) > 1 else None


def _line_numbers(text: str, rng: random.Random) -> str | None:
    """A forum's code block copied with its line numbers, wrapped at its width (72-100 columns)."""
    import textwrap
    width = rng.randint(72, 100)
    lines = [w for line in text.split("\n") for w in (textwrap.wrap(line, width, break_long_words=False) or [""])]
    return "\n".join(f"{n:>2} {line}" for n, line in enumerate(lines, 1)) if len(lines) > 1 else None


def _cut_off(text: str, rng: random.Random) -> str | None:
    """The paste cut off near its end, in a word ("SSLProtocolException: SSL h")."""
    if len(text) < 50:
        return None
    at = int(len(text) * rng.uniform(0.8, 0.95))
    return text[:at]


def _upper(text: str, rng: random.Random) -> str:
    return text.upper()


def _lower(text: str, rng: random.Random) -> str:
    return text.lower()


def _log_prefix(text: str, rng: random.Random) -> str:
    prefix = rng.choice(("[2024-03-02 10:11:12] ERROR: ", "10:11:12.345 [main] WARN  app - ", "Error: "))
    return prefix + text


CLASSES: dict[str, Callable[[str, random.Random], str | None]] = {
    "typo-long-word": _typo,
    "html-entities": _html,
    "smart-quotes-dashes": _typographic,
    "nbsp-zero-width": _invisible,
    "fullwidth": _fullwidth,
    "wrap-mid-word": _wrap_mid_word,
    "mail-quoted": _mail_quoted,
    "line-numbers": _line_numbers,
    "cut-off": _cut_off,
    "upper-case": _upper,
    "lower-case": _lower,
    "log-prefix": _log_prefix,
}


def reading(text: str) -> str:
    """The top cause, "(fine)" for no diagnosis, "(declined)" for a refused text."""
    try:
        report = explain(text)
    except InputError:
        return "(declined)"
    top = report.top
    return top.cause if top is not None else "(fine)"


def catalogue_texts() -> list[tuple[str, str, frozenset[str]]]:
    """(key, text, the row's causes) of the catalogues' source-language rows that name causes."""
    out = []
    for path in (clientmessages.DATA_FILE, clientmessages.LIBRARY_FILE):
        for program, message in clientmessages.rows(clientmessages.read(path)):
            if message.get("causes") and not clientmessages.locale(message):
                out.append((f"{program}:{message['key']}", clientmessages.example(message),
                            frozenset(message["causes"])))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", action="store_true")
    parser.add_argument("--only", default="")
    parser.add_argument("--sample", type=int, default=150, help="a seeded sample of N texts (0: all)")
    args = parser.parse_args()
    classes = {k: v for k, v in CLASSES.items() if not args.only or k in args.only.split(",")}
    texts = catalogue_texts()
    if args.sample and args.sample < len(texts):
        texts = random.Random(SEED).sample(texts, args.sample)
    texts = [(key, text, reading(text)) for key, text, causes in texts]
    texts = [(key, text, top) for key, text, top in texts if not top.startswith("(")]
    print(f"{len(texts)} catalogue texts read to a cause today")
    print(f"{'class':<22}{'texts':>7}{'same':>7}{'other':>7}{'fine':>7}{'declined':>9}   same %")
    changed = []
    for name, apply in classes.items():
        counts: collections.Counter[str] = collections.Counter()
        for key, text, top in texts:
            rng = random.Random(SEED ^ zlib.crc32(f"{name}:{key}".encode()))
            new = apply(text, rng)
            if new is None or new == text:
                continue
            got = reading(new)
            outcome = "same" if got == top else got if got.startswith("(") else "other"
            counts[outcome.strip("()")] += 1
            if got != top:
                changed.append((name, key, top, got, new))
        n = sum(counts.values())
        pct = 100 * counts["same"] / n if n else 0.0
        print(f"{name:<22}{n:>7}{counts['same']:>7}{counts['other']:>7}{counts['fine']:>7}{counts['declined']:>9}"
              f"   {pct:5.1f}")
        for text in NON_MAIL:
            rng = random.Random(SEED ^ zlib.crc32(f"{name}:{text}".encode()))
            new = apply(text, rng)
            if new is not None and reading(text) in ("(declined)", "(fine)") and reading(new) not in ("(declined)", "(fine)"):
                print(f"  NON-MAIL TEXT GOT A READING: {name}: {new!r} -> {reading(new)}")
    if args.v:
        for name, key, top, got, new in changed:
            print(f"{name}\t{key}\t{top} -> {got}\t{new[:160]!r}")


if __name__ == "__main__":
    main()
