"""The tables' text matcher: the whole-word pre-check never hides a match a scan would find."""

from __future__ import annotations

import random

import pytest

from mailexpert.wordfold import GAP, fold, locate


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
