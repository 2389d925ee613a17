"""Interactive mode: asking the user the questions rules raise, on a terminal.

Some facts cannot be probed ("Does webmail login work?", "Which mail client do you use?").
A rule asks them; in interactive mode :class:`TerminalAnswerer` -- the ``answerer`` given to
``diagnose()`` -- puts each question to the user, with its choices, and the diagnosis goes
on with the answer. Enter skips a question (it stays open in the report); end of input
(Ctrl-D) skips this and every later question. Callers without a terminal answer with
``--answer QUESTION=VALUE`` instead.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

from mailexpert.commands.progress import Progress
from mailexpert.reasoning import Question
from mailexpert.textsafe import escape

MAX_TRIES = 3


class TerminalAnswerer:
    """Ask questions on ``output`` (standard error) and read answers from ``input``."""

    def __init__(self, input: TextIO | None = None, output: TextIO | None = None, *,  # noqa: A002
                 progress: Progress | None = None, color: bool = False) -> None:
        self.input = input if input is not None else sys.stdin
        self.output = output if output is not None else sys.stderr
        self.progress = progress
        self.color = color
        self.asked: dict[str, str | None] = {}
        self._closed = False

    def __call__(self, question: Question) -> str | None:
        if self._closed:
            return None
        with self._paused():
            answer = self._ask(question)
        self.asked[question.id] = answer
        return answer

    @contextlib.contextmanager
    def _paused(self) -> Iterator[None]:
        if self.progress is not None:
            with self.progress.paused():
                yield
        else:
            yield

    def _write(self, text: str) -> None:
        self.output.write(text)
        self.output.flush()

    def _bold(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if self.color else text

    def _ask(self, question: Question) -> str | None:
        self._write("\n" + self._bold(f"Question: {escape(question.text)}") + "\n")
        if question.why:
            self._write(f"  (asked because: {escape(question.why)})\n")
        choices = list(question.choices)
        for n, choice in enumerate(choices, 1):
            self._write(f"  {n}) {escape(choice)}\n")
        hint = "number or answer" if choices else "answer"
        for _ in range(MAX_TRIES):
            self._write(f"Your {hint} (Enter to skip): ")
            line = self.input.readline()
            if not line:  # end of input: stop asking
                self._write("\n")
                self._closed = True
                return None
            text = line.strip()
            if not text:
                return None
            if not choices:
                return text
            picked = _pick(text, choices)
            if picked is not None:
                return picked
            self._write(f"  Please answer with 1-{len(choices)} or one of: {', '.join(escape(c) for c in choices)}\n")
        return None


def _pick(text: str, choices: list[str]) -> str | None:
    if text.isdigit() and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1]
    low = text.lower()
    exact = [c for c in choices if c.lower() == low]
    if exact:
        return exact[0]
    prefixed = [c for c in choices if c.lower().startswith(low)]
    return prefixed[0] if len(prefixed) == 1 else None
