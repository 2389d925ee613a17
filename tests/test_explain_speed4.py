"""Big and hostile pastes, speed4: the filters that spare explain a scan keep every reading the same.
(Time is benchmarks/explain_bench.py's to measure; these check behaviour only.)

- wordfold.locate passes over a row of a long text that lacks one of the row's characters or a run of
  ASCII letters as long as the row's longest (wordfold._may_spell): binary junk, a text in another
  script. It finds what a plain search finds.
- wordfold.search_lines tries a pattern only on the lines that hold one of its needles: it finds the
  groups pattern.search finds (classify._ERRNO_IN_TEXT, the socket error numbers of a pasted text).
- Binary junk and a megabyte of another script are still read as nothing, or as the reply they end with.
"""

from __future__ import annotations

import random

import pytest

from mailexpert import classify, wordfold
from mailexpert.errors import InputError
from mailexpert.explain import explain
from tests.test_explain_speed import _plain_locate  # the parts in order, by str.find alone

_RNG = random.Random(7)
# Long texts (over wordfold._AFFIX_TEXT), for which the filter is made: binary junk (every character
# up to U+02FF, few runs of ASCII letters), a log of words, and a CJK text with ASCII among it.
JUNK = "".join(chr(_RNG.randrange(0, 0x2FF)) for _ in range(60_000))
LOG = "Dec  2 10:00:01 mx postfix/smtpd[12]: connect from unknown[192.0.2.7]: authentication failed\n" * 400
CJK = "无法连接到服务器 smtp.example.org 端口 587 连接超时\n" * 1_000


@pytest.mark.parametrize("text", [JUNK, LOG, CJK], ids=["junk", "log", "cjk"])
@pytest.mark.parametrize("pattern", [
    "authentication failed",         # in the log; a run of 14 ASCII letters junk lacks
    "connect from unknown",          # in the log
    "authentication … unknown",      # across a gap, the order wrong: absent
    "failed",                        # one word alone
    "connexion",                     # a word none of the texts holds
    "无法连接到服务器",                 # in the CJK text only: characters the others lack
    "连接超时",                        # the same
    "端口 587",                       # CJK and digits
    "smtp.example.org",              # ASCII inside the CJK text
    "ab",                            # a short run junk may hold
    "\u00e9t",                       # a Latin-1 letter junk holds
])
def test_locate_finds_what_a_plain_search_finds(pattern: str, text: str) -> None:
    low = wordfold.fold(text)
    assert len(low) >= wordfold._AFFIX_TEXT
    assert wordfold.locate(pattern, low) == _plain_locate(pattern, low)


def test_may_spell_counts_runs_of_ascii_letters() -> None:
    low = wordfold.fold(JUNK)
    chars, longest = wordfold._letters(low)
    assert longest == max(len(run) for run in wordfold._ASCII_LETTERS.findall(low))
    assert chars == frozenset(low)
    assert wordfold._spelled("abc … de-fghi") == (frozenset("abcdefghi-"), 4)


# Pieces of socket errors and the words around them, joined at random: the needles on lines of
# their own, across line breaks, in odd cases (the long "ſ", a dotted "İ").
_PIECES = ["[errno 111]", "[Errno\n 13]", "socket error # 10060", "Socket Error: 5", "SocketException (10061)",
           "0x80070005", "failed to connect to server: x (111)", "tcp_error=3", "WSA error 10060", "errno=111",
           "ErrNo 2", "(os error 111)", "error", "err", "\n", "x", " ", "(", "1", "10054", " ERROR ", "Winerror",
           "[WinError  10061]", "\u017focket error 1", "\u0130", "tcp\nerror 5", "errno\n5"]


@pytest.mark.parametrize("seed", range(30))
def test_search_lines_finds_what_search_finds(seed: int) -> None:
    rng = random.Random(seed)
    pattern = classify._ERRNO_IN_TEXT
    for _ in range(200):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(1, 40)))
        found, expected = wordfold.search_lines(pattern, text), pattern.search(text)
        assert (found and found.groups()) == (expected and expected.groups()), text


def test_search_lines_past_its_line_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # Needles on more lines than it tries one by one: the rest is searched in one scan.
    monkeypatch.setattr(wordfold, "_SEARCHED_LINES", 3)
    text = "an error here\n" * 10 + "connect failed [Errno 111] Connection refused\n"
    found = wordfold.search_lines(classify._ERRNO_IN_TEXT, text)
    assert found is not None and found.group(1) == "111"
    assert classify.socket_errno(text) == 111


def test_binary_junk_is_declined() -> None:
    with pytest.raises(InputError):
        explain(JUNK)


@pytest.mark.parametrize(("tail", "cause"), [
    ("535 5.7.8 Username and Password not accepted", {"password-rejected", "app-password-required"}),
    ("[Errno 111] Connection refused", {"port-closed"}),
])
def test_a_reply_after_junk_is_read(tail: str, cause: set[str]) -> None:
    report = explain(JUNK.replace("\n", " ") + "\n" + tail)
    assert report.top is not None and report.top.cause in cause
