"""The lab's POP3 servers, checked with poplib."""

from __future__ import annotations

import poplib

import pytest

from mailexpert.lab import Fault


def test_pop3s_user_pass_stat(clients, lab):
    client = clients.pop3(995)
    assert client.getwelcome() == b"+OK Dovecot (Debian) ready."
    capa = client.capa()
    assert "USER" in capa and capa["SASL"] == ["PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER"]
    assert client.user(lab.target.username) == b"+OK"
    assert client.pass_(lab.target.password) == b"+OK Logged in."
    assert client.stat() == (0, 0)
    assert client.quit() == b"+OK Logging out."
    assert lab.servers["pop3s"].login_attempts == 1


def test_110_refuses_user_before_tls(clients):
    client = clients.pop3(110)
    capa = client.capa()
    assert "STLS" in capa and "USER" not in capa and capa["SASL"] == []
    with pytest.raises(poplib.error_proto) as err:
        client.user("alice@example.test")
    assert err.value.args[0] == b"-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."
    client.close()


def test_stls_then_login(clients, lab):
    client = clients.pop3(110, starttls=True)
    assert "STLS" not in client.capa()
    client.user(lab.target.username)
    assert client.pass_(lab.target.password) == b"+OK Logged in."
    client.quit()


def test_wrong_password_and_short_username(clients, lab):
    for user, password in ((lab.target.username, "wrong"), ("alice", lab.account_password)):
        client = clients.pop3(995)
        client.user(user)
        with pytest.raises(poplib.error_proto) as err:
            client.pass_(password)
        assert err.value.args[0] == b"-ERR [AUTH] Authentication failed."
        client.close()


def test_auth_plain(clients, lab):
    client = clients.pop3(995)
    import base64

    ir = base64.b64encode(f"\0{lab.target.username}\0{lab.target.password}".encode()).decode()
    assert client._shortcmd("AUTH PLAIN " + ir) == b"+OK Logged in."
    client.quit()


@pytest.mark.parametrize(
    ("outcome", "text"),
    [
        ("in-use", b"-ERR [IN-USE] Mailbox is locked by another POP3 session."),
        ("limit", b"-ERR [SYS/TEMP] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)"),
        ("unavailable", b"-ERR [SYS/TEMP] Temporary authentication failure."),
        ("app-password", b"-ERR [AUTH] Application-specific password required: http://support.google.com/accounts/bin/answer.py?answer=185833"),
        ("basic-disabled", b"-ERR Logon failure: unknown user name or bad password."),
        ("protocol-disabled", b"-ERR authentication failed"),
    ],
)
def test_provider_replies(make_lab, clients_of, outcome, text):
    lab = make_lab(Fault("auth", "mail:995", outcome))
    client = clients_of(lab).pop3(995)
    client.user(lab.target.username)
    with pytest.raises(poplib.error_proto) as err:
        client.pass_(lab.target.password)
    assert err.value.args[0] == text
    client.close()


def test_stls_missing(make_lab, clients_of):
    lab = make_lab(Fault("starttls", "mail:110", "missing"))
    client = clients_of(lab).pop3(110)
    with pytest.raises(poplib.error_proto, match="STLS not supported"):
        client.stls(context=clients_of(lab).ctx())
    client.close()


def test_endless_capa_is_bounded_by_the_client(make_lab, clients_of):
    lab = make_lab(Fault("endless", "mail:110"))
    sock = clients_of(lab).raw(110)
    clients_of.read_until(sock, b"\r\n")
    data = clients_of.exchange(sock, "CAPA", marker=b"X-LAB-CAPABILITY-2000\r\n")
    assert data.startswith(b"+OK\r\nX-LAB-CAPABILITY-0\r\n")
    assert b"\r\n.\r\n" not in data
    sock.close()
