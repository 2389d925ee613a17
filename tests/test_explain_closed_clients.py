"""Closed-source mail clients (The Bat!, Becky! Internet Mail, eM Client, Mailbird, Foxmail) as their users paste
what they show: the client's own words where a public page quotes them, and the server's or the platform's words
these clients pass on. Each text is read to the cause its own words decide, or, where they decide nothing, to a
failure with no cause forced.

Sources:
  THEBAT    The Bat!'s help, "Problems with transferring mail" (mirrored at
            http://informationworker.ru/the_bat.en/problemretrieve.htm): "Could not connect to the server" has six
            causes (no Internet, a wrong server address, a firewall that needs a proxy, the wrong protocol, the
            wrong port, a server that wants TLS), so the words alone decide none.
  MISTY     http://misty.ne.jp/support/faq/mailerror.html: a Japanese ISP's page for its users' mail programs
            (Becky!, Outlook Express): "サーバーとの接続に失敗しました。" -- mostly wrong settings, no one cause.
  QMAILPOP  notqmail/notqmail:qmail-popup.c (die_badauth: "-ERR authorization failed" when checkpassword refused
            the login); https://faq.support.nifty.com/?p=4076 (the POP server's "authorization failed": 認証に失敗,
            the POP account or password) -- what The Bat!, Becky! and Outlook show from a qmail POP3 server.
  DOTNET    https://www.limilabs.com/blog/the-remote-certificate-is-invalid-according-to-the-validation-procedure
            (.NET's SslStream words, which eM Client and other .NET mail programs show: a self-signed certificate
            or a host name the certificate does not name).
  MAILBIRD  https://support.getmailbird.com/hc/en-us/articles/360022659113-Server-authentication-failed
"""

from __future__ import annotations

import pytest
from helpers import causes_of

THEBAT = "http://informationworker.ru/the_bat.en/problemretrieve.htm"
MISTY = "http://misty.ne.jp/support/faq/mailerror.html"
QMAILPOP = "notqmail/notqmail:qmail-popup.c; https://faq.support.nifty.com/?p=4076"
DOTNET = "https://www.limilabs.com/blog/the-remote-certificate-is-invalid-according-to-the-validation-procedure"
MAILBIRD = "https://support.getmailbird.com/hc/en-us/articles/360022659113-Server-authentication-failed"
COURIER = "svarshavchik/courier-libs:imap/pop3login.C"
UWIMAP = "UW IMAP ipop3d.c"
QMAILSMTP = "notqmail/notqmail:qmail-smtpd.c; qmail.jms1.net/patches/combined.shtml"

LOGIN = {"password-rejected", "username-wrong"}
CERT = {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}

CASES = [
    # --- qmail's POP3 login refused, as a client passes it on.
    pytest.param("-ERR authorization failed", LOGIN, QMAILPOP, id="qmail-popup-authorization-failed"),
    pytest.param("+OK <12345.1700000000@pop.example.org>\nUSER alice\n+OK \nPASS ********\n-ERR authorization failed",
                 LOGIN, QMAILPOP, id="qmail-popup-session-log"),
    pytest.param("POP3 server pop.example.org: -ERR authorization failed", LOGIN, QMAILPOP, id="qmail-popup-named"),
    # --- .NET's certificate check, as eM Client shows it.
    pytest.param("The remote certificate is invalid according to the validation procedure.", CERT, DOTNET,
                 id="dotnet-remote-certificate-invalid"),
    # --- Mailbird's own dialog.
    pytest.param("Server authentication failed", {"password-rejected", "oauth-token-rejected"}, MAILBIRD,
                 id="mailbird-server-authentication-failed"),
    # --- Neighbours that must keep their own reading.
    pytest.param("535 authorization failed (#5.7.0)", LOGIN, QMAILSMTP, id="neighbour-qmail-smtp-auth"),
    pytest.param("-ERR TLS required to log in.", {"auth-requires-tls"}, COURIER, id="neighbour-courier-tls-required"),
    pytest.param("-ERR Bad login", LOGIN, UWIMAP, id="neighbour-uw-bad-login"),
]


@pytest.mark.parametrize(("text", "causes", "source"), CASES)
def test_a_closed_client_text_reads_as_its_words_decide(text: str, causes: set[str], source: str) -> None:
    assert source.strip(), text
    found = causes_of(text)
    assert found and found[0] in causes, (text, found[:3])


# Neighbours that must not read as a refused login: qmail-popup's answer to a command before the login (a CAPA,
# STLS or AUTH it does not know), and qmail-smtpd's relay refusal.
@pytest.mark.parametrize(("text", "source"), [
    pytest.param("-ERR authorization first", QMAILPOP, id="qmail-popup-authorization-first"),
    pytest.param("553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", QMAILSMTP,
                 id="qmail-smtpd-rcpthosts"),
])
def test_a_neighbour_is_no_refused_login(text: str, source: str) -> None:
    found = causes_of(text)
    assert found, text
    assert found[0] not in LOGIN, (text, found[:3])


# Words that say only that something failed: read as a failure, never as fine, and no cause forced.
@pytest.mark.parametrize(("text", "source"), [
    pytest.param("Could not connect to the server", THEBAT, id="thebat-could-not-connect"),
    pytest.param("サーバーとの接続に失敗しました。", MISTY, id="ja-connect-failed"),
])
def test_a_bare_failure_is_no_fine(text: str, source: str) -> None:
    assert source.strip(), text
    found = causes_of(text)
    assert found, text
