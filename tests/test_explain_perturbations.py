"""A text reads the same after the meaning-preserving perturbations a real paste undergoes, for the classes
benchmarks/corpus_perturb.py found unstable and the reader now undoes (tests/corpus/perturbations.py
makes each perturbation; these texts are of this module's own making, each worded as its program
prints it):

- a mail reply's quote marks ("> ", RFC 3676 section 4.5) on a text whose own lines begin with ">"
  (a debug log's arrows): one level comes off, the log's arrows stay;
- a tab for blanks between two words: the space it covered (a tab that indents a line stays one:
  JavaMail prints its nested exceptions so);
- typographic quotes and no-break spaces, undone before any reader looks at the text (the readers of
  the raw paste too, not only those of the decoded one);
- a line an Exim bounce indents, wrapped where the next word would not fit at 72 columns.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mailexpert.explain import explain
from mailexpert.pastetext import decoded, typed

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))

import perturbations  # noqa: E402

#: Texts as their programs print them, each a failure explain reads a cause in.
TEXTS = {
    # A debug log of an SMTP session, commands after "> ", replies in brackets (smtp-cli's form).
    "arrows": "> HELO localhost\n[250] 'Ok'\n> MAIL FROM:<alice@example.com>\n[503] 'bad sequence of commands'\n"
              "> QUIT\n[221] 'Bye'",
    # Ruby's net/imap raises a tagged NO as NoResponseError with the server's words.
    "ruby": "Net::IMAP::NoResponseError: That password isn't valid any more",
    # Symfony Mailer's TransportException, each authenticator's reply quoted in straight quotes.
    "symfony": 'Failed to authenticate on SMTP server with username "alice@example.org" using the following '
               'authenticators: "LOGIN", "XOAUTH2". Authenticator "LOGIN" returned "Expected response code "235" but '
               'got code "535", with message "535 5.7.139 Authentication unsuccessful, basic authentication is '
               'disabled.".". Authenticator "XOAUTH2" returned "Expected response code "235" but got code "334", '
               'with message "334 eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIn0=".".',
    # Exim's bounce (the "SMTP error from remote mail server after RCPT TO:<...>:" line indented).
    "exim": "A message that you sent could not be delivered to one or more of its recipients.\n\n"
            "  roberto.bianchi@example.org\n    host mail.example.org [192.0.2.1]\n"
            "    SMTP error from remote mail server after RCPT TO:<roberto.bianchi@example.org>:\n"
            "    550 5.7.1 <roberto.bianchi@example.org>: Relay access denied",
}


def _top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


@pytest.mark.parametrize(("name", "perturbation"), [
    ("arrows", "quote-marks"),
    ("ruby", "tabs"),
    ("symfony", "curly-quotes"),
    ("symfony", "nbsp"),
    ("exim", "wrap-72"),
])
def test_a_perturbed_text_reads_as_its_plain_form(name: str, perturbation: str) -> None:
    text = TEXTS[name]
    plain = _top(text)
    assert plain is not None
    changed = perturbations.PERTURBATIONS[perturbation](text)
    assert changed is not None and changed != text
    assert _top(changed) == plain, changed


@pytest.mark.parametrize(("text", "kept"), [
    ("> > EHLO client.example.org\n> [250] 'Ok'", "> EHLO client.example.org\n[250] 'Ok'"),
    ("> a\n>> b", "a\n> b"),
])
def test_quote_marks_come_off_one_level_while_every_line_has_one(text: str, kept: str) -> None:
    assert decoded(text) == kept


def test_a_tab_between_words_is_a_space_and_an_indenting_tab_stays() -> None:
    assert typed("Error:\tfailed\n\tat Foo.bar(Foo.java:1)") == "Error: failed\n\tat Foo.bar(Foo.java:1)"
