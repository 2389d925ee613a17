"""A text read right in the form it was printed stays right in the forms a user pastes it in
(benchmarks/corpus_robustness.py measures this over the whole working corpus)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, normalise

NBSP = "\u00a0"

# Copied from a web page or a forum: no-break spaces and typographic quotes the program never
# printed (the texts are working-corpus texts in that form).
COPIED_FROM_A_PAGE = [
    (f"530 Must issue{NBSP}a{NBSP}STARTTLS{NBSP}command first.", "auth-requires-tls"),
    (f"NOQUEUE: reject: RCPT from server.example.de[192.0.2.7]: 553{NBSP}5.7.1 <user@example.de>: Sender{NBSP}address "
     f"rejected:{NBSP}not owned by{NBSP}user user@example.de; from=<user@example.de>{NBSP}to=<other@example.org> "
     "proto=ESMTP helo=<server.example.de>", "sender-address-not-allowed"),
    (f"*** Remote{NBSP}host closed connection unexpectedly.\n<** 421 4.7.0{NBSP}mail.example.test Error: "
     f"too{NBSP}many{NBSP}connections{NBSP}from 192.0.2.7", "too-many-connections"),
    (f"rake aborted!\n\nNet::SMTPFatalError: 550 Unauthenticated senders{NBSP}not{NBSP}allowed", "smtp-auth-not-enabled"),
    ("Expected response code 250 but got code \u201c530\u201d, with message \u201c530 5.7.1 Authentication "
     "required\u201d", "smtp-auth-not-enabled"),
]


@pytest.mark.parametrize(("text", "cause"), COPIED_FROM_A_PAGE)
def test_no_break_spaces_and_typographic_quotes_read_as_plain_ones(text: str, cause: str) -> None:
    assert explain(text).top.cause == cause


def test_normalise_keeps_one_character_for_each() -> None:
    text = f"530{NBSP}5.7.0 \u201cAuthentication required\u201d, can\u2019t send"
    assert normalise(text) == '530 5.7.0 "Authentication required", can\'t send'
