"""A text read right in the form it was printed stays right in the forms a user pastes it in
(benchmarks/corpus_robustness.py measures this over the whole working corpus)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, normalise
from mailexpert.replies import find_reply

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


# Wrapped at 72-80 columns (a mail client's dialog, a forum, a terminal): the reply's words that
# went onto the next lines are read with it (texts of the working corpus in that form).
WRAPPED = [
    # Thunderbird's send-failure dialog (collected-batch35b.yaml, ubuntuforums.org).
    ("An error occurred while sending mail. The server responded: 5.7.1 <user@example.com>:\n"
     "Relay access denied. Please check the message recipients and try again.",
     "5.7.1 <user@example.com>: Relay access denied. Please check the message recipients and try again."),
    # Roundcube's SMTP error, wrapped after the colon.
    ("SMTP Error (553) - 5.7.1 <user@otherdomain.de>: Sender address rejected:\nnot owned by user sender@domain.de",
     "5.7.1 <user@otherdomain.de>: Sender address rejected: not owned by user sender@domain.de"),
    # JavaMail's exception, wrapped right after the reply's codes.
    ("Caused by: javax.mail.SendFailedException: Invalid Addresses;\n  nested exception is:\n"
     "        com.sun.mail.smtp.SMTPAddressFailedException: 454 4.7.1\n<user@example.com>: Relay access denied\n;\n"
     "        at com.sun.mail.smtp.SMTPTransport.rcptTo(SMTPTransport.java:1294)",
     "4.7.1 <user@example.com>: Relay access denied"),
    ("553 5.7.1\n<user@example.com>: Sender address rejected: not owned by user",
     "5.7.1 <user@example.com>: Sender address rejected: not owned by user"),
    # Laravel's (SwiftMailer's) quoted reply, wrapped right after its codes.
    ('Expected response code 250 but got code "530", with message "530 5.7.1\nAuthentication required"\n',
     "5.7.1 Authentication required"),
]


@pytest.mark.parametrize(("text", "words"), WRAPPED)
def test_a_wrapped_reply_is_read_whole(text: str, words: str) -> None:
    reply, _ = find_reply(normalise(text))
    assert reply["text"] == words


@pytest.mark.parametrize("text", [
    # A reply whose words end with a sentence stays as it is: the client's next line is its own.
    "553 5.7.1 <user@example.com>: Sender address rejected: not owned by user.\nMessage could not be sent.",
    # A log's next record, after a colon, is not the reply's words.
    "454 4.7.1 <user@example.com>: Relay access denied:\nDec 02 11:54:41 client postfix/smtp[28643]: connect",
    "530 5.7.1\n\nAuthentication required",
])
def test_lines_of_their_own_do_not_go_on_a_wrapped_reply(text: str) -> None:
    reply, _ = find_reply(normalise(text))
    assert "Message could not" not in reply["text"] and "postfix" not in reply["text"]
    assert "Authentication required" not in reply["text"]
