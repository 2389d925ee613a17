"""Readings the lead found wrong: a PEM file a program could not read, greylisting, a login the server offers none of,
a socket closed under Thunderbird's login beside an add-on.

- OpenSSL's PEM reader only ever reads the program's own files (a CA bundle, a client certificate or key): any of
  its reasons ("no start line", "bad end line"), under OpenSSL 1.1's function names too, and Python's "[SSL] PEM
  lib", read as that local file (client-config-corrupt). A server's log of its own PEM file stays the server's.
- Greylisting (RFC 6647) is a receiving server deferring a first delivery: without a port 25 that shows a mail program
  talking to an MX, it is a transient deferral (server-reply-transient), not an MX used for submission.
- A program's "Login failed:" or "Authentication failed:" followed by words saying the server offers no login ("the
  server does not offer login", "AUTH not supported") reads as logins not offered, not as a refused password.
- Thunderbird's "Authentication failed: Socket closed." is its own line for a connection closed during the login, no
  server's refusal: an add-on its trace shows on the failing path ranks first.
- Windows' "The requested address is not valid in its context" (WSAEADDRNOTAVAIL, 10049) on connect is an address or
  port of 0, a server setting left empty (client-config-corrupt); Linux's EADDRNOTAVAIL is not.

The texts are of our own making, in the shapes those programs print.
"""

from __future__ import annotations

import pytest
from helpers import top_cause as top


@pytest.mark.parametrize(
    "text",
    [
        "error:0909006C:PEM routines:get_name:no start line",
        "SSL error: error:0906D066:PEM routines:PEM_read_bio:bad end line",
        "ssl.SSLError: [SSL] PEM lib (_ssl.c:3874)",
        "curl: (58) could not load PEM client certificate, OpenSSL error error:0480006C:PEM routines::no start line",
    ],
)
def test_a_pem_file_the_program_could_not_read_is_its_own_file(text: str) -> None:
    assert top(text) == "client-config-corrupt"


def test_a_servers_log_of_its_own_pem_file_is_the_servers() -> None:
    text = ("postfix/smtpd[2211]: warning: TLS library problem: error:0909006C:PEM routines:get_name:no start line:"
            "crypto/pem/pem_lib.c:745:")
    assert top(text) != "client-config-corrupt"


@pytest.mark.parametrize(
    "text",
    [
        "450 4.2.0 <bob@example.net>: Recipient address rejected: Greylisted, see http://postgrey.example/help.html",
        "451 4.7.1 Greylisted for 120 seconds, come back later",
        "451 4.7.1 You have been graylisted, please try again in a few minutes",
    ],
)
def test_greylisting_alone_is_a_transient_deferral(text: str) -> None:
    assert top(text) == "server-reply-transient"


def test_greylisting_said_to_a_program_on_port_25_is_the_mx() -> None:
    text = ("Sending failed via mx.example.net:25: 450 4.2.0 <bob@example.net>: Recipient address rejected: "
            "Greylisted, see http://postgrey.example/help.html")
    assert top(text) == "mx-host-used-for-submission"


@pytest.mark.parametrize(
    "text",
    [
        "Login failed: the server does not offer login",
        "Login failed: server does not support AUTH",
        "Authentication failed: AUTH not supported",
    ],
)
def test_a_login_the_server_offers_none_of_is_no_refused_password(text: str) -> None:
    assert top(text) in {"smtp-auth-not-enabled", "auth-requires-tls"}


@pytest.mark.parametrize(
    "text",
    [
        "Login failed: invalid password",
        "Authentication failed: invalid login, AUTH LOGIN not supported",
    ],
)
def test_a_verdict_on_the_login_stays_a_refused_password(text: str) -> None:
    assert top(text) == "password-rejected"


# Thunderbird's SMTP client logs a socket that closed during its login as "Authentication failed: Socket closed."
# (SmtpClient.sys.mjs _onClose): no server refused the password, so an add-on the same trace shows on the failing
# path keeps its reading before a guessed middlebox.
_SOCKET_CLOSED_IN_ADDON = """\
mailnews.smtp: Authentication failed: Socket closed. SmtpClient.sys.mjs:790:12
    _onAuthFailed resource:///modules/SmtpClient.sys.mjs:790
    _onClose resource:///modules/SmtpClient.sys.mjs:581
    askPassword jar:file:///home/ann/.thunderbird/x1y2z3.default/extensions/vault-helper@example.org.xpi!/api/main.js:88"""


def test_a_socket_closed_during_thunderbirds_login_keeps_the_addon_in_its_trace() -> None:
    assert top(_SOCKET_CLOSED_IN_ADDON) == "client-plugin-conflict"


def test_a_socket_closed_during_thunderbirds_login_is_no_refused_password() -> None:
    assert top("mailnews.smtp: Authentication failed: Socket closed. SmtpClient.sys.mjs:790:12") != "password-rejected"


# Windows Sockets' WSAEADDRNOTAVAIL (10049) on connect: the remote address or port is one no computer can have (0.0.0.0,
# port 0), what a program connects to when its server setting is empty (Microsoft's Windows Sockets error codes).
@pytest.mark.parametrize(
    "text",
    [
        "System.Net.Sockets.SocketException (10049): The requested address is not valid in its context. 0.0.0.0:587",
        "Mailer error: Connection could not be established with host [The requested address is not valid in its"
        " context. #10049]",
        "SMTP-Fehler: Die angeforderte Adresse ist in diesem Kontext ungültig (10049)",
    ],
)
def test_windows_address_not_valid_in_its_context_is_a_server_setting_left_empty(text: str) -> None:
    assert top(text) == "client-config-corrupt"


def test_linux_cannot_assign_requested_address_stays_a_path_without_that_family() -> None:
    assert top("connect: Cannot assign requested address [2001:db8::25]:465") != "client-config-corrupt"
