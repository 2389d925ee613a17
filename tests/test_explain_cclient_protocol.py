"""UW c-client's POP3 driver (PHP's imap_open with /pop3) on a port where an IMAP server greets: it
logs the greeting less its first word ("OK [CAPABILITY IMAP4rev1 ...]"), which is the other
protocol's greeting, not a blocked port. Its IMAP driver on a POP3 port waits on "+OK" until the
connection breaks, which reads the same (wrong-protocol-on-port)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, recognise


def top(text: str) -> str:
    diagnoses = [d for d in explain(text).diagnoses if d.is_root]
    return diagnoses[0].cause if diagnoses else "none"


WRONG_PROTOCOL = [
    # PHP 8.2 imap extension (c-client 2007f) with /pop3 against Dovecot's IMAP port, as imap_last_error() gives it
    "PHP Warning:  imap_open(): Couldn't open stream {mail.example.test:993/pop3/ssl}INBOX in imap_open.php on line 12\n"
    "OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN] Dovecot (Debian) ready.",
    # the same as PHP's end-of-request notice lists c-client's errors
    "PHP Warning:  imap_open(): Couldn't open stream {pop.example.com:993/pop3/ssl}INBOX in /var/www/fetch.php on line 12\n"
    "PHP Notice:  Unknown: OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN] "
    "Dovecot ready. (errflg=2) in Unknown on line 0",
    # Gmail's IMAP greeting, "* OK Gimap ready for requests from ...", less its first word
    "Warning: imap_open(): Couldn't open stream {imap.gmail.com:993/pop3/ssl/novalidate-cert}INBOX\n"
    "Notice: Unknown: OK Gimap ready for requests from 192.0.2.10 a1mb12345678abc (errflg=2)",
    # the IMAP driver on the POP3 port: the "+OK" greeting is no IMAP reply, c-client waits until the connection breaks
    "PHP Warning:  imap_open(): Couldn't open stream {mail.example.test:995/imap/ssl}INBOX in imap_open.php on line 12\n"
    "[CLOSED] IMAP connection broken (server response)",
]


@pytest.mark.parametrize("text", WRONG_PROTOCOL)
def test_c_client_on_the_other_protocols_port(text: str) -> None:
    assert top(text) == "wrong-protocol-on-port"


def test_the_greeting_read_is_the_pop3_clients() -> None:
    greeting = [f for f in recognise(WRONG_PROTOCOL[0]).facts if f.kind == "service.greeting"]
    assert [(g.get("protocol"), g.get("port")) for g in greeting] == [("pop3", 993)]


def test_an_imap_session_with_its_own_greeting_is_no_wrong_protocol() -> None:
    # The same greeting in an IMAP client's log, with no /pop3 mailbox: a healthy greeting before a refusal.
    text = ("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN] Dovecot ready.\n"
            "a1 NO [AUTHENTICATIONFAILED] Authentication failed.")
    assert top(text) == "password-rejected"
