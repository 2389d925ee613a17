"""Live progress on a terminal: one status line saying what is being checked right now.

:class:`Progress` is the ``progress`` callable that ``diagnose()`` calls with lines such as
``"TLS handshake with mail.example.org:993"``. On a terminal it redraws one line on
standard error (with the elapsed time), so the report on standard output stays clean; when
standard error is not a terminal it prints nothing at all. Lines can carry server-provided
names, so they are escaped before they reach the terminal. Probes run concurrently, so the
callable is thread-safe.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from typing import TextIO

from mailexpert.textsafe import escape

_CLEAR = "\r\x1b[K"


def is_terminal(stream: TextIO) -> bool:
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


class Progress:
    """A thread-safe status line on ``stream`` (standard error), shown only on a terminal."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None, color: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = is_terminal(self.stream) if enabled is None else enabled
        self.color = (self.enabled and not os.environ.get("NO_COLOR")) if color is None else color
        self.started = time.monotonic()
        self.count = 0
        self.last = ""
        self._lock = threading.RLock()
        self._shown = False

    def __call__(self, message: str) -> None:
        message = escape(str(message)).strip()
        with self._lock:
            self.count += 1
            self.last = message
            if not self.enabled or not message:
                return
            elapsed = time.monotonic() - self.started
            width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
            line = f"[{elapsed:5.1f}s] {message}"
            if len(line) > width:
                line = line[: width - 1] + "…"
            if self.color:
                line = f"\x1b[2m{line}\x1b[0m"
            self.stream.write(_CLEAR + line)
            self.stream.flush()
            self._shown = True

    def clear(self) -> None:
        """Remove the status line (before a question or the report is printed)."""
        with self._lock:
            if self._shown:
                self.stream.write(_CLEAR)
                self.stream.flush()
                self._shown = False

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Hold the status line while the user is asked something."""
        with self._lock:
            self.clear()
            enabled, self.enabled = self.enabled, False
        try:
            yield
        finally:
            with self._lock:
                self.enabled = enabled

    def done(self) -> None:
        self.clear()
