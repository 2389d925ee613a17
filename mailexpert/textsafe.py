"""Making untrusted text safe to show: server replies must not drive a terminal.

Anything a server sent (greetings, replies, certificate names) can carry ANSI escape
sequences or other control characters. Every renderer passes text through
:func:`escape` so that such bytes appear as visible ``\\xNN`` sequences instead.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (0x80-0x9f include CSI 0x9b).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ALL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def escape(text: str, *, keep_newlines: bool = False) -> str:
    """Replace control characters (ESC included) by ``\\xNN``; newlines only if asked to keep them."""
    pattern = _CONTROL if keep_newlines else _CONTROL_ALL
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


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
