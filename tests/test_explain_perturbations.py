"""A text reads the same after the meaning-preserving perturbations a real paste undergoes, for the classes
benchmarks/corpus_perturb.py found unstable and the reader now undoes (tests/corpus/perturbations.py
makes each perturbation; these texts are of this module's own making, each worded as its program
prints it):

- a logger's head with the level in capitals ("2024-05-01 10:22:13 ERROR "), as Python's logging
  ("%(asctime)s %(levelname)s %(message)s") and log4j ("%d %p %m") write it before each line of a
  message they caught: written once, so that a reply's words on its next line go on reading as one;
- a mail reply's quote marks ("> ", RFC 3676 section 4.5) on a text whose own lines begin with ">"
  (a debug log's arrows): one level comes off, the log's arrows stay;
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mailexpert.explain import explain

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))

import perturbations  # noqa: E402

#: Texts as their programs print them, each a failure explain reads a cause in.
TEXTS = {
    # A mail program's alert, the server's reply split at its code (Outlook's "Server responded: 530" then the
    # enhanced code and its words on the next line).
    "reply-split": "Send failed. Server responded: 530\n5.7.0. Issue a STARTTLS command first.",
    # A debug log of an SMTP session, commands after "> ", replies in brackets (smtp-cli's form).
    "arrows": "> HELO localhost\n[250] 'Ok'\n> MAIL FROM:<alice@example.com>\n[503] 'bad sequence of commands'\n"
              "> QUIT\n[221] 'Bye'",
}


def _top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


@pytest.mark.parametrize(("name", "perturbation"), [
    ("reply-split", "log-prefix"),
    ("arrows", "log-prefix"),
    ("arrows", "quote-marks"),
])
def test_a_perturbed_text_reads_as_its_plain_form(name: str, perturbation: str) -> None:
    text = TEXTS[name]
    plain = _top(text)
    assert plain is not None and plain not in ("server-reply-permanent", "server-reply-transient")
    changed = perturbations.PERTURBATIONS[perturbation](text)
    assert changed is not None and changed != text
    assert _top(changed) == plain, changed
