"""A real Dovecot under the lab, and the lab's own IMAP/POP3 texts checked against it."""

from __future__ import annotations

import imaplib
import poplib
import socket
import ssl

import pytest

from mailexpert.lab import replies
from mailexpert.lab.dovecot import DovecotServer, dovecot_available

pytestmark = [
    pytest.mark.dovecot,
    pytest.mark.skipif(not dovecot_available(), reason="/usr/sbin/dovecot is not installed"),
]


@pytest.fixture(scope="module")
def dovecot():
    with DovecotServer() as server:
        yield server


def _ctx(server: DovecotServer) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=server.ca_file)


def test_imaps_login_and_wrong_password(dovecot):
    client = imaplib.IMAP4_SSL(dovecot.address, dovecot.ports["imaps"], ssl_context=_ctx(dovecot), timeout=3)
    with pytest.raises(imaplib.IMAP4.error) as err:
        client.login(dovecot.username, "wrong")
    assert err.value.args[0] == replies.IMAP_WRONG["dovecot"][3:].encode()
    assert client.login(dovecot.username, dovecot.password)[0] == "OK"
    client.logout()


def test_imap_plaintext_refusal_matches_the_lab(dovecot):
    client = imaplib.IMAP4(dovecot.address, dovecot.ports["imap"], timeout=3)
    assert client.welcome == (
        b"* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] "
        + replies.IMAP_GREETING.encode()
    )
    with pytest.raises(imaplib.IMAP4.error) as err:
        client.login(dovecot.username, dovecot.password)
    assert err.value.args[0] == replies.IMAP_PRIVACY_REQUIRED[3:].encode()
    assert client.untagged_responses["BAD"] == [replies.IMAP_PLAINTEXT_ALERT[6:].encode()]
    client.shutdown()


def test_imap_greeting_matches_the_lab(dovecot, clients):
    lab_client = clients.imap(143)
    real = imaplib.IMAP4(dovecot.address, dovecot.ports["imap"], timeout=3)
    assert lab_client.welcome == real.welcome
    lab_client.shutdown()
    real.shutdown()


def test_pop3_replies_match_the_lab(dovecot):
    client = poplib.POP3(dovecot.address, dovecot.ports["pop3"], timeout=3)
    assert client.getwelcome() == replies.POP3_GREETING.encode()
    with pytest.raises(poplib.error_proto) as err:
        client.user(dovecot.username)
    assert err.value.args[0] == replies.POP3_PRIVACY_REQUIRED.encode()
    client.close()
    client = poplib.POP3_SSL(dovecot.address, dovecot.ports["pop3s"], context=_ctx(dovecot), timeout=3)
    client.user(dovecot.username)
    with pytest.raises(poplib.error_proto) as err:
        client.pass_("wrong")
    assert err.value.args[0] == replies.POP3_WRONG["dovecot"].encode()
    client.close()


def test_raw_sasl_replies_match_the_lab(dovecot):
    sock = socket.create_connection((dovecot.address, dovecot.ports["imap"]), timeout=3)
    sock.recv(1000)
    sock.sendall(b"a1 AUTHENTICATE PLAIN\r\n")
    assert sock.recv(1000) == f"a1 {replies.IMAP_SASL_PRIVACY_REQUIRED}\r\n".encode()
    sock.sendall(b"a2 AUTHENTICATE FOO\r\n")
    assert sock.recv(1000) == f"a2 {replies.IMAP_UNSUPPORTED_MECHANISM}\r\n".encode()
    sock.close()


def _dovecot_login() -> bool:
    with DovecotServer(address="127.0.0.41") as server:
        client = imaplib.IMAP4_SSL(server.address, server.ports["imaps"], ssl_context=_ctx(server), timeout=5)
        ok = client.login(server.username, server.password)[0] == "OK"
        client.logout()
        return ok


def test_dovecot_runs_as_an_ordinary_user(as_nobody):
    """As nobody (a new process that dropped root), run a private Dovecot and log in over IMAPS."""
    assert as_nobody(_dovecot_login) == 0
