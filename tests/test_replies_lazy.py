"""find_reply reads only the SMTP replies that can win (replies._best): its choice is the one
reading every reply first would make, in logs where the winner is not the first one looked at."""

from __future__ import annotations

import pytest

from mailexpert import replies

LOGS = [
    # The last failure has no enhanced code: an earlier one with it says more and wins.
    "550 5.1.1 <a@example.org>: Recipient address rejected\n" * 3 + "550 go away\n",
    # Equals: the later one.
    "535 5.7.8 bad credentials\n" * 50,
    # A consequence (Postfix's "no valid recipients"): the earlier refusal, however far back.
    "504 5.5.2 <h>: Helo command rejected: need fully-qualified hostname\n" + "250 2.1.5 Ok\n" * 30
    + "554 5.5.1 Error: no valid recipients\n",
    # A refusal of a client not logged in after refused logins: the AUTH answer; after a 235, its own.
    "535 5.7.8 Error: authentication failed\n" * 5 + "530 5.7.0 Authentication required\n",
    "535 5.7.8 Error: authentication failed\n235 2.7.0 Authentication successful\n530 5.7.0 Authentication required\n",
    # A bare code after the reply it restates with words.
    "SMTP ERROR: DATA END command failed: 550 5.7.1 message refused\nSMTP code: 550\n",
    # A 500-502 beside another failure says less; and replies of other protocols on the same lines.
    "530 5.7.0 Must issue a STARTTLS command first\n502 5.5.2 Error: command not recognized\n",
    "a1 NO [AUTHENTICATIONFAILED] Invalid credentials\n-ERR [AUTH] bad\n550 no\n",
    # Wrapped after its codes, and a reply whose words are the next lines'.
    "550\n5.1.1 a\n" * 40,
    "host mx.example.org said: 530\n    Authentication required (in reply to MAIL FROM command)\n" * 3,
    # Enhanced codes without a basic code (a client that dropped it), one wrapped onto the next line.
    "Error: 5.7.1 Relay access denied\n" * 3 + "Error: 4.7.0 Try again later, closing\nconnection.\n",
]


@pytest.mark.parametrize("log", LOGS)
def test_the_lazy_choice_is_the_eager_one(log: str) -> None:
    scan = replies._Scan(log)
    wrapped = replies._SMTPLIB_FORM.search(scan.text)
    assert replies._chosen(scan, wrapped, lazy=True) == replies._chosen(scan, wrapped, lazy=False)
    assert replies.find_reply(log) == replies._chosen(scan, wrapped, lazy=False)


def test_a_reply_read_late_that_reads_as_none_makes_the_choice_eager(monkeypatch: pytest.MonkeyPatch) -> None:
    """(Never met: every line of an SMTP candidate begins with its code.) Were one to read as no
    reply, its fields guessed from the code would be wrong: the text is read again, eagerly."""
    log = "535 5.7.8 bad credentials\n550 5.1.1 unknown user\n"
    expected = replies.find_reply(log)
    real = replies.parse_smtp_reply
    calls = []

    def first_none(lines: list[str]) -> dict[str, object]:
        calls.append(lines)
        return {} if len(calls) == 1 else real(lines)

    monkeypatch.setattr(replies, "parse_smtp_reply", first_none)
    assert replies.find_reply(log) == expected
    assert len(calls) == 3  # the one read late, then both again


# Replies whose words stand on the lines around their code (replies._words_around), repeated: the
# words are read once per distinct neighbourhood (the code's line, where the code stands in it, the
# lines after it that may be taken, and whether another reply took them). The same code line with
# other lines after it, with a reply of its own after it, or at the text's end reads its own words.
WORDS_ELSEWHERE = [
    "553 5.7.1\n<user@example.com>: Sender address rejected:\nnot owned by user\n" * 4,
    "553 5.7.1\n<user@example.com>: Sender address rejected:\nnot owned by user\n553 5.7.1\n"
    "550 5.1.1 <a@example.org>: Recipient address rejected\n553 5.7.1\n<user@example.com>: Relay access denied\n"
    "553 5.7.1\n<user@example.com>: Sender address rejected:\nnot logged in\n553 5.7.1",
    "host mx.example.org said: 530\n    Authentication required\n" * 2 + "host mx.example.org said: 530\n"
    "    Must issue a STARTTLS command first\nhost mx.example.org said: 530\n530 5.7.0 No\nhost mx.example.org said: 530",
    "Server responded: 530\n5.7.0 Issue a STARTTLS command first.\nServer responded: 530\n5.7.0 Issue a STARTTLS\n"
    "command first\nServer responded: 530\n5.7.0 Issue a STARTTLS command first.\n",
]


@pytest.mark.parametrize("log", WORDS_ELSEWHERE)
def test_words_read_once_per_neighbourhood_are_each_replys_own(log: str) -> None:
    memoized = replies._Scan(log)
    direct = replies._Scan(log)
    direct.escapes = True  # as in a text with escaped breaks: every reply's words read where it stands
    read = [(c.line, c.unchecked()) for c in replies._smtp_candidates(memoized)]
    assert memoized.words_memo  # the words were looked up by neighbourhood
    assert read == [(c.line, c.unchecked()) for c in replies._smtp_candidates(direct)]
    assert not direct.words_memo
