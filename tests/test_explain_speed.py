"""Big and hostile pastes: what bounds explain's work keeps every reading the same, and what it
refuses. (Wall time is benchmarks/explain_bench.py's to measure; these check behaviour only.)

- wordfold.locate passes over a row of a long, repetitive text whose first word ends none of the
  text's words or whose last word starts none (wordfold.edge_words, wordfold._affixes): it finds
  what a plain search finds.
- sessionlog.logged_step reads a log back over ever larger regions: its step is the one the last
  command before the reply says.
- replies._smtp_candidates reads what a match says of its line once per distinct line: lines that
  repeat but are followed by other lines still read their own words.
- replies._windows_paths looks for Windows paths (whose backslashes are no escapes) only within 255
  characters before a backslash, where one may start: it finds what a scan from every place finds.
- A text over explain's limit is refused at once; binary junk and control characters are read,
  within the limit, as nothing or as the reply they hold.
"""

from __future__ import annotations

import random

import pytest

from mailexpert import replies, sessionlog, wordfold
from mailexpert.errors import InputError
from mailexpert.explain import MAX_TEXT, explain
from mailexpert.wordfold import caseless

# A long text of few distinct words (a log that repeats its lines), for which _affixes is made.
LOG = "Dec  2 10:00:01 mx postfix/smtpd[12]: connect from unknown[192.0.2.7]\n" * 400


def _plain_locate(pattern: str, low: str) -> tuple[int, int]:
    """locate without its filters: the parts in order, by str.find alone."""
    start = at = -1
    for part in pattern.split(wordfold.GAP):
        at = low.find(part, max(at, 0))
        if at < 0:
            return -1, 0
        start = at if start < 0 else start
        at += len(part)
    return start, len(pattern) - pattern.count(wordfold.GAP) * len(wordfold.GAP)


@pytest.mark.parametrize("pattern", [
    "connect from unknown",          # present: its first word ends "connect", its last starts "unknown"
    "nect from unkn",                # present: the ends of words, not whole words
    "postfix/smtpd",                 # present, one word before the slash, one after
    "disconnect from",               # absent: "disconnect" ends no word of the text
    "from unknownhost",              # absent: "unknownhost" starts no word
    "connect … unknown[192",         # present across a gap
    "smtpd … connection refused",    # absent across a gap
    "onnec",                         # one word alone: no filter, found by the search
    "x" * 60 + " from",              # a word longer than _AFFIX: not filtered on, and absent
])
def test_locate_finds_what_a_plain_search_finds(pattern: str) -> None:
    low = wordfold.fold(LOG)
    assert len(low) >= wordfold._AFFIX_TEXT and wordfold._affixes(low) is not None
    assert wordfold.locate(pattern, low) == _plain_locate(pattern, low)


def test_edge_words_are_the_parts_ends() -> None:
    assert wordfold.edge_words("authentication failed") == (("authentication",), ("failed",))
    assert wordfold.edge_words("(authentication) failed") == ((), ("failed",))
    assert wordfold.edge_words("timeout") == ((), ())  # may stand inside a longer word
    # "server" is a part alone, which may stand inside a longer word; "refused" begins the next part.
    assert wordfold.edge_words("server … refused the connection") == (("refused",), ("connection",))


def _last_command_anywhere(text: str, line: str) -> str:
    before = text[: text.rfind(line)]
    return sessionlog._last_command(before, 0, len(before)) or "unknown"


@pytest.mark.parametrize("log", [
    # STARTTLS named on thousands of lines, never sent since the EHLO; then sent, far back.
    "C: EHLO h\n" + "S: 250-STARTTLS\n" * 3_000 + "S: 454 4.7.0 TLS not available\n",
    "C: STARTTLS\n" + "S: 250-STARTTLS\n" * 3_000 + "S: 454 4.7.0 TLS not available\n",
    "C: STARTTLS\n" + "S: 250-STARTTLS\n" * 5 + "C: EHLO h\n" + "S: 250-STARTTLS\n" * 2_000
    + "S: 454 4.7.0 TLS not available\n",
    # A command between lines that name STARTTLS, at each place a doubling region may end.
    *("S: 250-STARTTLS\n" * n + "C: STARTTLS\n" + "S: 250-STARTTLS\n" * m + "S: 454 4.7.0 TLS not available\n"
      for n, m in ((0, 1), (1, 2), (3, 4), (2, 7), (10, 8), (5, 15), (0, 16), (1, 31))),
    # AUTH and STARTTLS named on lines of their own, read back in one scan of both words: the last sent is the step.
    "C: EHLO h\n" + "S: 250-AUTH PLAIN\nS: 250-STARTTLS\n" * 1_500 + "C: AUTH PLAIN\n" + "S: 250-STARTTLS\n" * 40
    + "S: 454 4.7.0 TLS not available\n",
    "C: AUTH LOGIN\n" + "S: 250-AUTH PLAIN\n" * 7 + "C: STARTTLS\n" + "S: 250-AUTH PLAIN\n" * 9
    + "S: 454 4.7.0 TLS not available\n",
    "C: STARTTLS\n" + "S: 250-AUTH PLAIN\n" * 9 + "C: MAIL FROM:<a@example.org>\n" + "S: 250-STARTTLS\n" * 3
    + "S: 454 4.7.0 TLS not available\n",
    *("S: 250-AUTH PLAIN\n" * n + "C: AUTH LOGIN\n" + "S: 250-STARTTLS\n" * m + "S: 454 4.7.0 TLS not available\n"
      for n, m in ((0, 1), (2, 7), (5, 15), (1, 31))),
    # No line names STARTTLS: nothing is read.
    "C: EHLO h\nS: 454 4.7.0 TLS not available\n",
])
def test_logged_step_is_the_last_command_before_the_reply(log: str) -> None:
    line = "S: 454 4.7.0 TLS not available"
    assert caseless(log) is not None
    assert sessionlog.logged_step(log, line) == _last_command_anywhere(log, line)


def test_a_repeated_line_reads_its_own_next_line() -> None:
    # The same reply wrapped after its codes (Symfony's quoted message), its words on the next line:
    # each occurrence of the repeated line goes on with the words after it, the last one's kept.
    log = "".join(f'Expected response code "250" but got code "550", with message "550 5.7.1\n'
                  f'{words}".\n' for words in ("Relaying denied", "Sender address rejected") * 50)
    reply, _ = replies.find_reply(log)
    assert reply["code"] == 550 and "Sender address rejected" in reply["text"]
    # A code alone at a line's end whose words wrap onto the next, indented line: the last one's words.
    log = "".join(f"host mx.example.org said: 530\n    {words} (in reply to MAIL FROM command)\n"
                  for words in ("Authentication required", "Relay access denied") * 30)
    reply, _ = replies.find_reply(log)
    assert reply["code"] == 530 and "Relay access denied" in reply["text"]


# Paths against the limits of _WINDOWS_PATH: a first segment of 254, 255 and 256 characters, a drive,
# JSON's doubled backslashes, backslashes more and less than 255 characters apart, and random mixes.
_PATH_TEXTS = [
    "at C:\\Users\\nick\\app.js:1 and C:\\new\\file",
    *(f"{'x ' * 300}{'a' * n}\\lib\\index.js:774 {'y' * 300}\\n" for n in (254, 255, 256)),
    "s\\n" + "w " * 200 + "b\\c\\d.py" + " z" * 130 + "\\n q\\r.txt",
    *("".join(random.Random(seed).choice(["a" * 250, "ab", "\\", "\\\\", ".js", " ", "C:", "\\n", "-"])
              for _ in range(60)) for seed in range(40)),
]


@pytest.mark.parametrize("text", _PATH_TEXTS)
def test_windows_paths_are_those_a_full_scan_finds(text: str) -> None:
    assert [m.span() for m in replies._windows_paths(text)] == [m.span() for m in replies._WINDOWS_PATH.finditer(text)]


def test_a_text_over_the_limit_is_refused_unread() -> None:
    with pytest.raises(InputError, match="too long"):
        explain("y" * (MAX_TEXT + 1))
    with pytest.raises(InputError, match="too long"):
        explain("535 5.7.8 Username and Password not accepted\n" + "x" * 20_000_000)


def test_binary_junk_is_declined_not_diagnosed() -> None:
    rng = random.Random(1)
    with pytest.raises(InputError, match="not one mailexpert recognises"):
        explain("".join(chr(rng.randrange(0, 0x2FF)) for _ in range(200_000)))


def test_control_characters_around_a_reply_leave_it_read() -> None:
    report = explain("\x1b[31m\x00\x07" * 5_000 + "\n-ERR [IN-USE] locked")
    assert report.top is not None and report.top.cause == "mailbox-in-use"


# What a POP3 reply or an IMAP completion answers is looked up in commands read once (replies._Pop3Commands,
# _ImapCommands), not by scanning back from each of a long log's replies: the answers are those of a scan.
POP3_LOG = "USER ann\n-ERR [AUTH] no such user\nUSER ann@example.com\n+OK\nPASS x\n+OK logged in\nSTAT\n+OK 1 20\n"
IMAP_LOG = "a1 LOGIN ann x\na1 NO [AUTHENTICATIONFAILED] failed\na2 LOGIN ann y\na2 OK done\na3 LOGOUT\n* BYE see you\n"


def _scanned_answer(lines: list[str], line: int) -> str | None:
    for n in range(line - 1, -1, -1):
        m = replies._POP3_COMMAND.match(lines[n])
        if m:
            return m.group(1)
    return None


def test_pop3_replies_answer_the_last_command_before_them() -> None:
    lines = ("+OK ready\n" * 3 + POP3_LOG).split("\n")
    commands = replies._Pop3Commands(lines)
    assert [commands.answered(n) for n in range(len(lines))] == [_scanned_answer(lines, n) for n in range(len(lines))]


def test_imap_completions_answer_their_own_tag() -> None:
    lines = IMAP_LOG.split("\n")
    commands = replies._ImapCommands(lines)
    assert [commands.answered(lines, n) for n in (1, 3)] == ["LOGIN", "LOGIN"]
    assert commands.last_before(5) == "LOGOUT" and commands.last_before(0) is None


@pytest.mark.parametrize("log", [POP3_LOG, IMAP_LOG], ids=["pop3", "imap"])
def test_a_refused_login_overcome_in_a_long_log_is_no_failure(log: str) -> None:
    """A refused login, then an accepted one, after tens of thousands of greeting lines: the session's end decides
    (nothing fails), as in a short log."""
    padding = ("+OK ready\n" if log is POP3_LOG else "* OK ready\n") * 20_000
    for text in (log, padding + log):
        assert [d.cause for d in explain(text).diagnoses if d.severity == "error"] == [], text[-200:]
