"""UW c-client (PHP's imap extension, Alpine) as PHP 8.2's imap_open() printed it against the lab
(tests/corpus/collected-lab8.yaml): the warning PHP logs, imap_last_error() and imap_errors().
c-client's "connection broken" texts say where the connection ended: waiting for a reply it could
read (imap_reply, pop3_reply: at imap_open, the greeting) or in the middle of the login."""

from __future__ import annotations

import pytest

from mailexpert.account import ServerSetting
from mailexpert.explain import explain


def php(mailbox: str, *errors: str) -> str:
    """imap_open()'s failure as a PHP script prints it: the warning, imap_last_error(), imap_errors()."""
    return "\n".join([f"PHP Warning:  imap_open(): Couldn't open stream {mailbox} in imap_open.php on line 12",
                      f"Cannot connect: {errors[-1]}", *errors])


def top(text: str, protocol: str, setting: str) -> str:
    report = explain(text, setting=ServerSetting.parse(protocol, setting))
    assert report.top is not None
    return report.top.cause


IMAP_BROKEN = "[CLOSED] IMAP connection broken (server response)"
POP3_BROKEN = "POP3 connection broken in response"


@pytest.mark.parametrize(("text", "protocol", "setting", "cause"), [
    # STARTTLS set on the implicit-TLS port: the server waits for a TLS handshake, c-client for a greeting.
    (php("{mail.example.test:993/imap/tls}INBOX", IMAP_BROKEN), "imap", "mail.example.test:993/starttls",
     "plaintext-on-tls-port"),
    (php("{mail.example.test:995/pop3/tls}INBOX", POP3_BROKEN), "pop3", "mail.example.test:995/starttls",
     "plaintext-on-tls-port"),
    # IMAP on the POP3S port: "+OK" is no IMAP reply, so c-client waits on until its read timeout.
    (php("{mail.example.test:995/imap/ssl}INBOX", IMAP_BROKEN), "imap", "mail.example.test:995/ssl",
     "wrong-protocol-on-port"),
])
def test_a_connection_that_ended_before_a_reply_is_no_greeting(text: str, protocol: str, setting: str,
                                                               cause: str) -> None:
    assert top(text, protocol, setting) == cause


def test_where_the_connection_ended_says_which() -> None:
    plain = "mail.example.test:143/plain"
    # In clear text, a cut in the middle of the login is most often a filter reading it.
    assert top("Can not authenticate to IMAP server: [CLOSED] IMAP connection broken (authenticate)", "imap",
               plain) == "plaintext-auth-filtered"
    # Before any reply, no login was sent: a server that accepts connections and never greets.
    assert top(IMAP_BROKEN, "imap", plain) == "server-unavailable"
