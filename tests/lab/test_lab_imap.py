"""The lab's IMAP servers, checked with imaplib and raw sockets."""

from __future__ import annotations

import base64
import imaplib
import ssl

import pytest

from mailexpert.lab import Fault, replies


def test_imaps_login_select_logout(clients, lab):
    client = clients.imap(993)
    assert client.welcome.startswith(b"* OK [CAPABILITY IMAP4rev1")
    assert b"Dovecot (Debian) ready." in client.welcome
    assert "AUTH=PLAIN" in client.capabilities and "STARTTLS" not in client.capabilities
    typ, data = client.login(lab.target.username, lab.target.password)
    assert typ == "OK" and data[0].endswith(b"Logged in")
    assert client.select("INBOX") == ("OK", [b"0"])
    assert client.list()[0] == "OK"
    assert client.logout()[0] == "BYE"
    assert lab.servers["imaps"].login_attempts == 1


def test_143_has_logindisabled_and_refuses_plaintext_login(clients, lab):
    client = clients.imap(143)
    assert "STARTTLS" in client.capabilities and "LOGINDISABLED" in client.capabilities
    assert not any(c.startswith("AUTH=") for c in client.capabilities)
    with pytest.raises(imaplib.IMAP4.error) as err:
        client.login(lab.target.username, lab.target.password)
    assert str(err.value) == "b'" + replies.IMAP_PRIVACY_REQUIRED[3:] + "'"
    assert lab.servers["imap"].cleartext_logins == 1
    client.shutdown()


def test_143_plaintext_login_raw_alert(clients):
    sock = clients.raw(143)
    clients.read_until(sock, b"\r\n")
    reply = clients.exchange(sock, "a1 LOGIN alice@example.test secret", b"a1 ")
    assert replies.IMAP_PLAINTEXT_ALERT.encode() in reply
    reply += clients.read_until(sock, b"\r\n") if not reply.endswith(b"\r\n") else b""
    assert b"a1 NO [PRIVACYREQUIRED] Plaintext authentication disallowed" in reply
    reply = clients.exchange(sock, "a2 AUTHENTICATE PLAIN")
    assert reply == b"a2 NO [PRIVACYREQUIRED] Plaintext authentication disabled.\r\n"
    sock.close()


def test_starttls_then_login(clients, lab):
    client = clients.imap(143, starttls=True)
    assert "LOGINDISABLED" not in client.capabilities
    assert client.login(lab.target.username, lab.target.password)[0] == "OK"
    client.logout()


def test_wrong_password_and_short_username(clients, lab):
    for user, password in ((lab.target.username, "wrong"), ("alice", lab.account_password)):
        client = clients.imap(993)
        with pytest.raises(imaplib.IMAP4.error, match=r"\[AUTHENTICATIONFAILED\] Authentication failed\."):
            client.login(user, password)
        client.shutdown()
    assert lab.servers["imaps"].login_attempts == 2


def test_authenticate_plain_and_xoauth2(clients, lab):
    client = clients.imap(993)
    creds = f"\0{lab.target.username}\0{lab.target.password}"
    assert client.authenticate("PLAIN", lambda _: creds.encode())[0] == "OK"
    client.logout()
    client = clients.imap(993)
    token = f"user={lab.target.email}\x01auth=Bearer {lab.oauth_token}\x01\x01"
    assert client.authenticate("XOAUTH2", lambda _: token.encode())[0] == "OK"
    client.logout()


def test_literal_login(clients, lab):
    sock = clients.raw(993, tls=True)
    clients.read_until(sock, b"\r\n")
    user = lab.target.username
    assert clients.exchange(sock, f"a1 LOGIN {{{len(user)}}}").startswith(b"+ ")
    sock.sendall(user.encode() + f' "{lab.target.password}"\r\n'.encode())
    assert b"a1 OK" in clients.read_until(sock, b"a1 ")
    sock.close()


@pytest.mark.parametrize(
    ("outcome", "text"),
    [
        ("app-password", "[ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)"),
        ("web-login", "[ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)"),
        ("basic-disabled", "LOGIN failed."),
        ("basic-disabled-outlook", "Basic authentication is disabled."),
        ("locked", "[CONTACTADMIN]"),
        ("expired", "[EXPIRED]"),
        ("limit", "[LIMIT] Maximum number of connections from user+IP exceeded"),
        ("unavailable", "[UNAVAILABLE] Temporary authentication failure."),
        ("protocol-disabled", "[AUTHENTICATIONFAILED] LOGIN Invalid credentials or IMAP is disabled"),
    ],
)
def test_provider_login_replies(make_lab, clients_of, outcome, text):
    lab = make_lab(Fault("auth", "mail:993", outcome))
    client = clients_of(lab).imap(993)
    with pytest.raises((imaplib.IMAP4.error, imaplib.IMAP4.abort)) as err:
        client.login(lab.target.username, lab.target.password)
    assert text in str(err.value)
    client.shutdown()


def test_web_login_untagged_webalert(make_lab, clients_of):
    lab = make_lab(Fault("auth", "mail:993", "web-login"))
    sock = clients_of(lab).raw(993, tls=True)
    clients_of.read_until(sock, b"\r\n")
    reply = clients_of.exchange(sock, f'a1 LOGIN {lab.target.username} "{lab.target.password}"', b"a1 ")
    reply += clients_of.read_until(sock, b"\r\n") if not reply.endswith(b"\r\n") else b""
    assert reply.startswith(b"* NO [WEBALERT https://accounts.google.com/")
    assert b"a1 NO [ALERT] Please log in via your web browser" in reply
    sock.close()


def test_outlook_basic_disabled_says_bye(make_lab, clients_of):
    lab = make_lab(Fault("auth", "mail:993", "basic-disabled-outlook"))
    sock = clients_of(lab).raw(993, tls=True)
    clients_of.read_until(sock, b"\r\n")
    reply = clients_of.exchange(sock, f'a1 LOGIN {lab.target.username} "{lab.target.password}"', b"signing off.")
    assert reply == b"a1 NO Basic authentication is disabled.\r\n* BYE Microsoft Exchange Server IMAP4 server signing off.\r\n"
    sock.close()


def test_microsoft_style_authenticate_failed(make_lab, clients_of):
    lab = make_lab(Fault("style", "mail:993", "microsoft"))
    client = clients_of(lab).imap(993)
    with pytest.raises(imaplib.IMAP4.error, match=r"AUTHENTICATE failed\."):
        client.authenticate("PLAIN", lambda _: b"\0alice@example.test\0bad")
    client.shutdown()


def test_oauth_only_capabilities(make_lab, clients_of):
    lab = make_lab(Fault("oauth-only", "mail:993"))
    client = clients_of(lab).imap(993)
    auth = sorted(c for c in client.capabilities if c.startswith("AUTH="))
    assert auth == ["AUTH=OAUTHBEARER", "AUTH=XOAUTH2"]
    with pytest.raises(imaplib.IMAP4.error, match=r"\[CANNOT\]"):
        client.login(lab.target.username, lab.target.password)
    client.shutdown()


def test_starttls_removed_from_capability(make_lab, clients_of):
    lab = make_lab(Fault("starttls", "mail:143", "masked"))
    client = clients_of(lab).imap(143)
    assert "STARTTLS" not in client.capabilities
    with pytest.raises(imaplib.IMAP4.abort, match="TLS not supported by server"):
        client.starttls(ssl_context=clients_of(lab).ctx())
    client.shutdown()


def test_busy_greeting_bye(make_lab):
    lab = make_lab(Fault("busy", "mail:993"))
    address, port = lab.endpoint("mail.example.test", 993)
    with pytest.raises(imaplib.IMAP4.error, match="BYE"):
        imaplib.IMAP4_SSL(address, port, ssl_context=lab.client_context(), timeout=3)


def test_bad_base64_and_cancel(clients):
    client = clients.imap(993)
    sock = client.sock
    sock.sendall(b"a1 AUTHENTICATE PLAIN\r\n")
    assert clients.read_until(sock, b"\r\n") == b"+ \r\n"
    assert clients.exchange(sock, "*") == b"a1 BAD Authentication aborted by client.\r\n"
    assert clients.exchange(sock, "a2 AUTHENTICATE PLAIN !!!") == b"a2 BAD Invalid base64 data in continued response\r\n"
    client.shutdown()


def test_xoauth2_bad_token(clients, lab):
    client = clients.imap(993)
    token = f"user={lab.target.email}\x01auth=Bearer nope\x01\x01"
    with pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"):
        client.authenticate("XOAUTH2", lambda _: token.encode() if _ == b"" else b"")
    client.shutdown()


def test_authenticate_sasl_ir(clients, lab):
    sock = clients.raw(993, tls=True)
    clients.read_until(sock, b"\r\n")
    ir = base64.b64encode(f"\0{lab.target.username}\0{lab.target.password}".encode()).decode()
    assert clients.exchange(sock, f"a1 AUTHENTICATE PLAIN {ir}").startswith(b"a1 OK")
    sock.close()


@pytest.mark.parametrize(
    ("mode", "errors"),
    [
        ("refuse", (imaplib.IMAP4.error,)),
        # The lab reads the ClientHello before it closes: a close (an SSL EOF), never a reset.
        ("close", (ssl.SSLError,)),
        ("plaintext", (ssl.SSLError,)),
    ],
)
def test_starttls_failures(make_lab, clients_of, mode, errors):
    lab = make_lab(Fault("starttls", "mail:143", mode))
    client = clients_of(lab).imap(143)
    with pytest.raises(errors):
        client.starttls(ssl_context=clients_of(lab).ctx())
    if mode == "refuse":  # still open in plaintext; a failed handshake closed the others
        client.shutdown()
