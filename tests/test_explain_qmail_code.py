"""qmail ends a reply's words with its enhanced status code in parentheses ("sorry, too many
emails (#5.7.1)"); a program that shows the reply without its basic code keeps that form, and
the words are read as the server's refusal with that code."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain, recognise
from mailexpert.replies import find_reply


def _top(text: str) -> str:
    report = explain(text)
    return report.diagnoses[0].cause if report.diagnoses else "none"


def test_qmail_words_without_their_code_are_a_reply_with_its_enhanced_code() -> None:
    reply, line = find_reply("Exception message was: sorry, too many emails (#5.7.1) ")
    assert reply["protocol"] == "smtp" and reply["status"] == "permanent" and reply["enhanced"] == "5.7.1"
    assert "sorry, too many emails" in reply["text"] and "too many emails" in line


def test_a_qmail_temporary_code_is_a_temporary_refusal() -> None:
    reply, _ = find_reply("qq trouble creating files in queue (#4.3.0)")
    assert reply["status"] == "transient" and reply["enhanced"] == "4.3.0"


def test_a_per_sender_limit_in_qmail_form_is_the_sending_limit() -> None:
    assert _top("Exception message was: sorry, too many emails (#5.7.1) ") == "sending-limit-exceeded"


@pytest.mark.parametrize("text", [
    "Fixed in the last release (#1234).",  # an issue number, no status code
    "see the changelog (#2.0.0)",  # a success code is no refusal
    "(#5.7.1)",  # no words before it
])
def test_no_reply_without_words_or_without_a_failing_code(text: str) -> None:
    facts = [f for f in recognise(text).facts if f.kind == "server.reply"] if _recognised(text) else []
    assert not facts


def test_a_reply_with_its_code_is_read_as_that_reply() -> None:
    reply, _ = find_reply("553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)")
    assert reply["code"] == 553 and reply["text"].startswith("sorry, that domain")


def _recognised(text: str) -> bool:
    try:
        recognise(text)
    except InputError:
        return False
    return True
