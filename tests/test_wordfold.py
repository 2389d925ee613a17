"""The tables' text matcher: the whole-word pre-check never hides a match a scan would find."""

from __future__ import annotations

import random
import re

import pytest

from mailexpert.replies import _SMTP_FORMS, _Scan
from mailexpert.wordfold import GAP, _find_number_whole, caseless, fold, locate, may_match, needed


def _scan(pattern: str, low: str) -> int:
    """locate() without its pre-check: the parts found in order by plain scans (a number they end or
    begin with taken whole, as locate takes it)."""
    at = start = -1
    for part in pattern.split(GAP):
        at = _find_number_whole(low, part, max(at, 0))
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
    ("connectfailreason: 3", "ConnectFailReason: 3", True),
    ("connectfailreason: 3", "ConnectFailReason: 30", False),  # a number is a whole number
    ("error 10060", "socket error 100600", False),
    ("10060", "winsock error 110060", False),
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


def test_needles_reach_into_alternatives_of_alternatives():
    """A names row's alternatives each hold a group of alternatives: the strings come from the
    whole tree, so a text that holds none of them is passed over."""
    from mailexpert.wordfold import may_hold, needles

    pattern = re.compile(r"(?<![\w.])(?:EC2|Lightsail)(?![\w])|(?i:(?<![\w.])ec2-[\d-]{7,39}\.(?:compute|amazonaws))")
    assert "lightsail" in needles(pattern)
    assert may_hold(pattern, caseless("the app runs on AWS Lightsail"))
    assert may_hold(pattern, caseless("host ec2-198-51-100-7.compute-1.amazonaws.com"))
    assert not may_hold(pattern, caseless("535 5.7.8 Username and Password not accepted"))
    # A repeat of at least once needs its content; an optional one, nothing.
    assert needles(re.compile(r"(?:abcd|abce)+x")) == ("abc",) and needles(re.compile(r"(?:abcd)?x")) == ("x",)
    assert needles(re.compile(r"(?:abcd)?\d+")) == ()
    assert may_hold(pattern, None)


def _table_patterns() -> list[re.Pattern[str]]:
    from mailexpert import concepts, ontheway, selfsigned, tlsclients

    return ([r.names for r in ontheway.table()] + [r.names for r in tlsclients.old_platforms()]
            + [r.names for r in selfsigned.table()] + [r.loopback for r in selfsigned.table() if r.loopback]
            + list(concepts.table().groups.values()) + [p for p, _, _ in _SMTP_FORMS])


def test_may_hold_never_passes_over_a_text_a_pattern_matches():
    """The pre-check of the names tables and the concept groups, over five hundred working corpus
    texts as pasted, in upper case, and folded with the characters a case-blind match takes for
    others ("ſ", "ı", "İ", the Kelvin sign, "ς", "ᲀ"): wherever the pattern matches, may_hold says it may."""
    import sys
    from pathlib import Path

    from mailexpert.wordfold import may_hold

    sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
    import scoring

    # and the non-ASCII letters re takes for others than their own case (Greek final sigma, the
    # micro sign, Cyrillic's old "ᲀ" for "в"): needles keeps none of those.
    odd = str.maketrans({"s": "\u017f", "i": "\u0131", "k": "\u212a", "I": "\u0130", "σ": "ς", "μ": "\u00b5",
                         "в": "\u1c80", "о": "\u1c82"})
    texts = random.Random(3).sample([e["text"][:3000] for e in scoring.working()], 500)
    variants = [v for t in texts for v in (t, t.upper(), fold(t).translate(odd))]
    patterns = _table_patterns()
    assert len(patterns) > 100
    missed = [(p.pattern[:60], v[:80]) for p in patterns for v in variants
              if not may_hold(p, caseless(v)) and p.search(v)]
    assert not missed, missed[:5]


def test_may_hold_keeps_no_letter_a_case_blind_match_takes_for_another():
    """Every pair of letters re's case-blind match takes for each other beyond their simple case
    (re._casefix), and Greek's final sigma (str.lower() writes "ς" at a word's end where re
    matched "σ"): a pattern holding one matches a text holding the other, and may_hold says so."""
    from re._casefix import _EXTRA_CASES

    from mailexpert.wordfold import may_hold

    pairs = [(chr(code), chr(other)) for code, others in _EXTRA_CASES.items() for other in others]
    pairs += [("σ", "Σ"), ("σ", "ς"), ("ς", "σ")]
    assert len(pairs) > 50
    for letter, other in pairs:
        pattern = re.compile(f"mail{re.escape(letter)}", re.IGNORECASE)
        text = f"MAIL{other}"
        assert pattern.search(text), (letter, other)
        assert may_hold(pattern, caseless(text)), (letter, other)
    assert may_hold(re.compile("οδοσ", re.IGNORECASE), caseless("ΟΔΟΣ"))
    assert not may_hold(re.compile("ошибка"), caseless("error"))  # a Cyrillic word is kept where it may be


def test_forgotten_indexes_are_built_again_and_free_their_tables() -> None:
    """row_index keeps one index per live table; forget_indexes (for a program that rebuilds its tables, as
    benchmarks/corpus_unseen.py does per text) drops them, so that a table thrown away is no longer held, and a
    table still in use gets a new, equal index on its next look-up."""
    import gc
    import weakref

    from mailexpert.wordfold import forget_indexes, row_index

    class Table(list):  # a list that a weak reference can watch
        pass

    kept = Table(["connection refused", "host … not found"])
    thrown = Table(["password … not accepted"])
    first = row_index(kept, str)
    assert row_index(kept, str) is first  # kept: built once
    row_index(thrown, str)
    watch = weakref.ref(thrown)
    del thrown
    gc.collect()
    assert watch() is not None  # the index holds its table
    forget_indexes()
    gc.collect()
    assert watch() is None
    again = row_index(kept, str)
    assert again is not first and again.candidates(fold("connection refused")) == first.candidates(fold("connection refused"))
