"""Making untrusted text safe to show: server replies must not drive a terminal or a page.

Anything a server sent (greetings, replies, certificate names) can carry ANSI escape
sequences or other control characters, and characters that are invisible but reorder or
hide text (U+202E RIGHT-TO-LEFT OVERRIDE makes ``gpj.exe`` read ``exe.jpg``). Every
renderer passes text through :func:`escape`, so that such characters appear as visible
``\\xNN`` / ``\\uNNNN`` sequences instead. The Markdown renderer then uses
:func:`markdown` (running text) and :func:`markdown_code` (a code span), so that a server
text cannot become a link, an image, HTML or formatting.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline, DEL, and C1 controls (0x80-0x9f include CSI 0x9b).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ALL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


#: Unicode categories that are never shown as themselves: format characters (bidi overrides
#: and isolates, marks, zero-width and tag characters, the BOM), line and paragraph
#: separators (a line break to a terminal), and lone surrogates.
_INVISIBLE = frozenset({"Cf", "Zl", "Zp", "Cs"})


def _visible(char: str) -> str:
    if unicodedata.category(char) not in _INVISIBLE:
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


class _Shown(dict[int, str]):
    """str.translate's table of what each character is shown as (_visible), filled as characters
    are met: a pasted megabyte costs one C look-up per character, not a Python call. A text holds
    few distinct characters, but a hostile one may hold a million: past _SHOWN_KEPT the table stops
    growing (it lives as long as the process) and the others are worked out each time."""

    def __missing__(self, code: int) -> str:
        shown = _visible(chr(code))
        if len(self) < _SHOWN_KEPT:
            self[code] = shown
        return shown


_SHOWN_KEPT = 4096


_SHOWN = _Shown()


def escape(text: str, *, keep_newlines: bool = False) -> str:
    """Replace control characters (ESC included) by ``\\xNN`` and invisible or reordering ones
    (U+200E-200F, U+202A-202E, U+2066-2069, every other format character) by ``\\uNNNN``;
    newlines only if asked to keep them."""
    pattern = _CONTROL if keep_newlines else _CONTROL_ALL
    text = pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    if text.isascii():
        return text
    return text.translate(_SHOWN)


# Markdown: the ASCII punctuation that starts a link, an image, HTML, an entity, code,
# emphasis, strikethrough, a table cell or maths, and ':' and '@', without which no bare URL
# or e-mail address is turned into a link by the autolink extensions (GitHub's among them).
# CommonMark lets any ASCII punctuation be escaped with a backslash.
_MD_SPECIAL = re.compile(r"[\\`*_~\[\]()!<>&|:@${}]")
_MD_WWW = re.compile(r"(?i)\b(www)\.")


def markdown(text: str) -> str:
    """Untrusted text for running Markdown (also in a table cell): shown as it is, never
    interpreted. Line breaks are escaped too, so that a text stays on its line."""
    text = _MD_SPECIAL.sub(lambda m: "\\" + m.group(), escape(text))
    return _MD_WWW.sub(r"\1\\.", text)


def markdown_code(text: str, *, in_table: bool = False) -> str:
    """Untrusted text as a Markdown code span: fenced by more backticks than any run inside it,
    so that a backtick in the text cannot close the span; nothing in a span is interpreted.
    In a table cell a ``|`` would still end the cell, so it is escaped there."""
    text = escape(text)
    if in_table:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip(" ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def not_utf8(text: str) -> str | None:
    """Why ``text`` is not valid UTF-8, or None. Python keeps the bytes of an argument or a
    standard input that are not UTF-8 as lone surrogates (``surrogateescape``); nothing
    downstream (the rule engine's C core, a server) can carry them."""
    found = _SURROGATE.search(text)
    if found is None:
        return None
    code = ord(found.group())
    byte = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
    return f"not valid UTF-8 text ({byte} at character {found.start() + 1})"


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` for a message about a value someone wrote, at most about ``limit``
    characters: a 900,000-character title quoted back in full buries the message itself."""
    text = repr(value)
    if len(text) <= limit:
        return text
    size = f"{len(value):,} items" if isinstance(value, list | dict | tuple) else \
        f"{len(value if isinstance(value, str) else text):,} characters"
    return f"{text[:limit]}… ({size})"
