"""The tables' text matcher: the whole-word pre-check never hides a match a scan would find."""

from __future__ import annotations

import random
import re

import pytest

from mailexpert.replies import _SMTP_FORMS, _Scan
from mailexpert.wordfold import GAP, caseless, fold, locate, may_match, needed


def _scan(pattern: str, low: str) -> int:
    """locate() without its pre-check: the parts found in order by plain scans."""
    at = start = -1
    for part in pattern.split(GAP):
        at = low.find(part, max(at, 0))
        if at < 0:
            return -1
        start = at if start < 0 else start
        at += len(part)
    return start


@pytest.mark.parametrize("pattern,text,found", [
    ("could not connect to smtp host", "SMTP Error: Could not connect to SMTP host.", True),
    ("could not connect to smtp host", "could not connection to smtp host", False),
    ("not connect", "could not connected", True),           # the ends may be parts of longer words
    ("connection to … timed out", "Connection to mail.example.org:993 timed out", True),
    ("can't connect", "I can’t connect", True),             # typographic quote folded first
    ("timed out", "the operation timedout", False),
])
def test_locate_finds_what_it_should(pattern, text, found):
    assert (locate(pattern, fold(text))[0] >= 0) is found


def test_the_pre_check_agrees_with_a_plain_scan_on_random_texts():
    rng = random.Random(7)
    words = ["smtp", "error", "could", "not", "connect", "connection", "to", "host", "535", "5.7.8",
             "auth", "failed", "tls", "…", "'", ":", "-", "_", "é", "ß"]
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 12)))
        text = "".join(c if rng.random() > 0.05 else rng.choice(":'-_ ") for c in text)
        low = fold(text)
        start = rng.randrange(len(low))
        pattern = low[start : start + rng.randrange(1, 30)]
        if rng.random() < 0.3 and len(pattern) > 4:
            cut = rng.randrange(1, len(pattern) - 1)
            pattern = pattern[:cut] + GAP + pattern[cut:]
        if rng.random() < 0.3:
            pattern = pattern.replace(rng.choice(words), rng.choice(words), 1)
        assert (locate(pattern, low)[0] >= 0) == (_scan(pattern, low) >= 0), (pattern, low)


@pytest.mark.parametrize("char", ["K", "k", "\u212a", "S", "\u017f", "I", "\u0131", "\u0130", "\u00e9", "-", "("])
def test_caseless_holds_what_a_case_blind_letter_matches(char):
    # re.IGNORECASE takes the Kelvin sign for "k", the long "ſ" for "s", the dotless "ı" and the dotted "İ" for "i".
    for letter in "abcdefghijklmnopqrstuvwxyz-(":
        assert bool(re.fullmatch(re.escape(letter), char, re.IGNORECASE)) == (caseless(char) == letter)


def test_caseless_keeps_every_text_s_length():
    """"İ" is the one character whose lower case is two ("i" and a combining dot): the copy has
    "i" there, so that the text keeps its length and a case-blind filter still applies to it
    (a paste with one "İ" in a megabyte is not scanned whole by every pattern)."""
    assert caseless("AUTH PLAIN") == "auth plain"
    assert caseless("\u0130stanbul") == "istanbul"
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    low = caseless(every)
    assert low is not None and len(low) == len(every)


def test_needed_gives_each_alternatives_strings():
    pattern = re.compile(r"(?<![\w-])auth(?:enticate)?[ \t]+\[?plain\b|authentication failed \(method plain\)", re.I)
    assert needed(pattern) == (("auth", "plain"), ("authentication failed (method plain)",))
    assert may_match(needed(pattern), caseless("C: AUTH PLAIN dXNlcg=="))
    assert may_match(needed(pattern), caseless("Authentication failed (method PLAIN)"))
    assert not may_match(needed(pattern), caseless("C: AUTH LOGIN"))
    assert may_match(needed(pattern), None)


def test_the_case_blind_reply_forms_read_only_lines_with_their_words_as_a_whole_scan():
    rng = random.Random(5)
    parts = ["said: 530", "Server responded: 535", "SMTP error 553: relay denied", "msg:530 no", "permanent error (535)",
             "Invalid response code received from server (535)", "CODE: 454", "ſaid: 550", "got code \"550\"", "x", "  ", "said:\n530"]
    for _ in range(300):
        text = "\n".join(" ".join(rng.choice(parts) for _ in range(rng.randrange(1, 3))) for _ in range(rng.randrange(1, 6)))
        scan = _Scan(text)
        for pattern, _, words in _SMTP_FORMS:
            whole = {line: m.span() for line, m in scan.first_per_line(pattern).items()}
            assert {line: m.span() for line, m in scan.first_per_line(pattern, anycase=words).items()} == whole


def test_a_row_index_passes_over_only_rows_the_text_does_not_hold() -> None:
    from mailexpert.namedhost import _named_hosts
    from mailexpert.wordfold import RowIndex, fold, locate
    from mailexpert.wording import wordings

    patterns = [w.match for w in wordings()] + [m for m, _, _ in _named_hosts()] + ["connecting to", "サーバー … に接続できません"]
    index = RowIndex(patterns)
    for text in ("Connection to server imap.example.com was reset.", "535 5.7.8 Username and Password not accepted",
                 "サーバー imap.example.com に接続できません", "Verbindung mit Server imap.example.de wurde zurückgesetzt.",
                 "connecting to x"):
        low = fold(text)
        found = [at for at, p in enumerate(patterns) if locate(p, low)[0] >= 0]
        candidates = index.candidates(low)
        assert found and set(found) <= set(candidates), text
        assert candidates == sorted(candidates) and len(candidates) < len(patterns) // 4, text
