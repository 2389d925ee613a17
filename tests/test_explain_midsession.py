"""Texts of a session that worked and then broke, Dovecot's login process's reasons for letting a client go,
and a client's dialog that quotes the server's refusal as the greeting it could not read: each read as the
cause its source documents for the user (mailexpert/data/error-texts.yaml, concepts.yaml; rules/network/
packet-loss.yaml, rules/email-client/client-outdated.yaml, rules/shared/client-ip-refused.yaml)."""

from __future__ import annotations

import pytest
from helpers import causes_of

from mailexpert.explain import explain

# --- (a) a session that worked, then broke ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "cause"), [
    # isync reads the established session ("secure read"); OpenSSL 3 calls the server's close without close_notify
    # an error, which isync before its fix passes on (openssl/openssl#17004, NixOS/nixpkgs#202595)
    ("Socket error: secure read from imap.gmail.com (142.251.163.109:993): error:0A000126:SSL routines::unexpected "
     "eof while reading", "client-outdated"),
    # a record that failed its integrity check on the established session: the path damaged it (RFC 8446 6.2)
    ("SSL routines:ssl3_get_record:decryption failed or bad record mac", "packet-loss"),
    ("Dec  4 12:46:45 mx dovecot: imap(alice@example.org): Error: SSL_read() failed: error:1408F119:SSL "
     "routines:SSL3_GET_RECORD:decryption failed or bad record mac", "packet-loss"),
    ("ssl.SSLError: [SSL: DECRYPTION_FAILED_OR_BAD_RECORD_MAC] decryption failed or bad record mac (_ssl.c:2633)",
     "packet-loss"),
    # Android's Conscrypt, as FairEmail shows it (its FAQ 22: the server stopped answering or the connection is bad)
    ("javax.net.ssl.SSLException: Read error: ssl=0x7b5e1c08: Failure in SSL library, usually a protocol error\n"
     "error:1e000065:Cipher functions:OPENSSL_internal:BAD_DECRYPT (external/boringssl/src/crypto/fipsmodule/cipher/"
     "e_aes.c:1135 0x7b4a0e2a5f:0x00000000)", "packet-loss"),
    ("javax.net.ssl.SSLException: Write error: ssl=0x7a2b3c40: I/O error during system call, Broken pipe",
     "packet-loss"),
])
def test_a_session_that_broke_after_it_worked(text: str, cause: str) -> None:
    assert causes_of(text, errors_only=True)[:1] == [cause]


_PF = "Mar  3 09:14:21 mx postfix/submission/smtpd[4420]: "


@pytest.mark.parametrize("text", [
    # a server's own log of a client gone while the message went over: the client's side or the path ended it
    # (smtpd logs the bytes "to help diagnose MTU troubles"), so no server that closed it
    _PF + "lost connection after DATA (0 bytes) from dsl.example.net[198.51.100.7]",
    _PF + "lost connection after END-OF-MESSAGE from dsl.example.net[198.51.100.7]",
    "2024-01-10 10:00:01 SMTP connection from (laptop) [198.51.100.7]:51234 I=[192.0.2.1]:587 lost while reading "
    "message data",
    "2024-01-10 10:00:01 SMTP data timeout (message abandoned) on connection from (laptop) [198.51.100.7] "
    "F=<a@example.org>",
])
def test_a_servers_log_of_a_client_gone_during_the_message(text: str) -> None:
    causes = causes_of(text, errors_only=True)
    assert causes[:1] == ["packet-loss"] and "server-unavailable" not in causes[:1]


def test_a_servers_log_of_a_damaged_record_is_no_plaintext_client() -> None:
    text = (_PF + "warning: TLS library problem: error:0A000119:SSL routines::decryption failed or bad record mac:"
            "../ssl/record/methods/tls_common.c:1000:")
    assert causes_of(text, errors_only=True)[:1] == ["packet-loss"]


def test_a_handshake_that_found_no_cipher_is_not_read_as_a_damaged_record() -> None:
    # Mono's word for any failed handshake holds "decryption has failed"; the server's log beside it says why
    text = ('With "Use SSL" the test mail fails: "The authentication or decryption has failed."\n'
            "postfix/smtpd[2077]: warning: TLS library problem: error:1408A0C1:SSL routines:SSL3_GET_CLIENT_HELLO:"
            "no shared cipher\npostfix/smtpd[2077]: lost connection after STARTTLS from unknown[172.22.0.1]")
    assert "packet-loss" not in causes_of(text, errors_only=True)[:1]


def test_an_unexpected_eof_in_the_handshake_is_not_the_isync_close() -> None:
    text = "SSL_connect: error:0A000126:SSL routines::unexpected eof while reading"
    assert "client-outdated" not in causes_of(text, errors_only=True)


# --- (b) Dovecot's login process: why it let the client go ---------------------------------------------------

_DV = "Dec  4 12:46:45 mx dovecot: imap-login: "
_USER = ": user=<alice@example.org>, method=PLAIN, rip=198.51.100.7, lip=192.0.2.1, session=<fkfPRM5hitp/AAAB>"
_NOBODY = ": user=<>, rip=198.51.100.7, lip=192.0.2.1, session=<fkfPRM5hitp/AAAB>"


@pytest.mark.parametrize(("reason", "tail", "cause"), [
    # a plain connection left at once, before a login: LOGINDISABLED met (cypht-org/cypht#19)
    ("Disconnected (no auth attempts in 0 secs)", _NOBODY, "auth-requires-tls"),
    ("Disconnected (auth process communication failure)", _USER, "server-unavailable"),
    ("Disconnected (internal failure, 1 successful auths)", _USER, "server-unavailable"),
    ("Disconnected (disconnected while authenticating, waited 30 secs)", _USER, "server-unavailable"),
    ("Disconnected (disconnected while finishing login, waited 12 secs)", _USER, "server-unavailable"),
    ("Disconnected (client didn't finish SASL auth, waited 0 secs)", _USER, "auth-mechanism-unsupported"),
    ("Disconnected (password expired)", _USER, "password-expired"),
    ("Disconnected (cert required, client didn't start TLS)", _USER, "auth-requires-tls"),
    ("Disconnected: Connection queue full (no auth attempts in 0 secs)", _NOBODY, "server-unavailable"),
    ("Disconnected: Shutting down (no auth attempts in 3 secs)", _NOBODY, "server-unavailable"),
    ("Disconnected: TLS initialization failed. (no auth attempts in 0 secs)", _NOBODY, "starttls-failed"),
    # the reasons read before this table, unchanged
    ("Disconnected (tried to use disallowed plaintext auth)", _USER, "auth-requires-tls"),
    ("Disconnected (tried to use unsupported auth mechanism)", _USER, "auth-mechanism-unsupported"),
    ("Disconnected (auth failed, 3 attempts in 15 secs)", _USER, "password-rejected"),
])
def test_dovecot_login_disconnect_reasons(reason: str, tail: str, cause: str) -> None:
    assert causes_of(_DV + reason + tail, errors_only=True)[:1] == [cause]


@pytest.mark.parametrize("text", [
    # over a TLS connection it made, a client gone before its login, or one idle until the login timeout
    _DV + "Disconnected (no auth attempts in 0 secs): user=<>, rip=198.51.100.7, lip=192.0.2.1, TLS, session=<a>",
    _DV + "Disconnected: Inactivity (no auth attempts in 180 secs): user=<>, rip=198.51.100.7, lip=192.0.2.1, TLS, "
    "session=<a>",
])
def test_dovecot_clients_gone_without_a_failure_name_no_cause(text: str) -> None:
    assert causes_of(text, errors_only=True) == []


# --- (c) a client's dialog that quotes the server's refusal -------------------------------------------------

@pytest.mark.parametrize(("text", "cause"), [
    # Thunderbird's incorrectSmtpGreeting quotes the server's first line: a block list's refusal in place of 220
    ("An error occurred sending mail: The mail server sent an incorrect greeting: nschwcmgw08p BigPond Outbound "
     "[OB105. Connection refused. 203.0.113.7 is listed on the Exploits Block List (XBL). Please visit for more "
     "information.", "client-ip-blocklisted"),
    ("An error occurred while sending mail: The mail server sent an incorrect greeting: mx.example.com Service "
     "unavailable; Client host [203.0.113.7] blocked using zen.spamhaus.org.", "client-ip-blocklisted"),
    ("An error occurred while sending mail: The mail server sent an incorrect greeting: mx.example.com Too many "
     "connections from your IP, try later.", "too-many-connections"),
    # the same refusal behind Outlook's label: the block list's words, not a TCP reset
    ("Sending reported error (0x800CCC0F): The server responded: BigPond Outbound [OB105. Connection refused. "
     "203.0.113.7 is listed on the Exploits Block List (XBL).", "client-ip-blocklisted"),
])
def test_a_quoted_refusal_is_read_as_the_servers_reply(text: str, cause: str) -> None:
    assert causes_of(text, errors_only=True)[:1] == [cause]


def test_a_greeting_of_another_protocol_is_still_the_wrong_port() -> None:
    text = ("An error occurred while sending mail: The mail server sent an incorrect greeting: "
            "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE AUTH=PLAIN] Dovecot ready.")
    assert causes_of(text, errors_only=True)[:1] == ["wrong-protocol-on-port"]


@pytest.mark.parametrize("text", ["+OK", " +OK \n"])
def test_a_bare_ok_that_is_the_whole_error_is_the_wrong_port(text: str) -> None:
    # No POP3 client reports its own server's yes as its failure (FairEmail's FAQ 22: a POP3 port set for IMAP).
    assert causes_of(text, errors_only=True)[:1] == ["wrong-protocol-on-port"]


@pytest.mark.parametrize("text", ["+OK Logged in.", "+OK 2 320", "+OK Dovecot ready.",
                                  "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>"])
def test_a_whole_pop3_reply_pasted_alone_is_no_wrong_port(text: str) -> None:
    # A server's whole greeting or answer pasted alone is the server answering as it should (the CLI finds nothing
    # wrong in "+OK Dovecot ready."), not a program's error.
    assert causes_of(text, errors_only=True)[:1] != ["wrong-protocol-on-port"]


def test_the_refusal_is_placed_at_the_greeting() -> None:
    report = explain("An error occurred sending mail: The mail server sent an incorrect greeting: BigPond Outbound "
                     "[OB105. Connection refused. 203.0.113.7 is listed on the Exploits Block List (XBL).")
    stages = {f.get("stage") for f in report.facts if f.kind == "server.reply"}
    assert stages == {"greeting"}
