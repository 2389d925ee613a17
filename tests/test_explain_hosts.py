"""``explain`` finds the server a mail program's or library's words name, and reads the words
that name no server by what the public reports say they most often are (real texts, with
their sources)."""

from __future__ import annotations

import pytest

from mailexpert.account import ServerSetting
from mailexpert.explain import explain


def causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


# Microsoft Exchange's IMAP4 service answers every refused login "NO LOGIN failed." /
# "NO AUTHENTICATE failed.": since basic authentication was turned off for Exchange Online, most
# reports are that; an on-premises Exchange still means a wrong password by the same words.
@pytest.mark.parametrize("text", [
    # github.com/paperless-ngx/paperless-ngx/issues/1647 (imap_tools, Microsoft 365)
    "imap_tools.errors.MailboxLoginError: Response status \"OK\" expected, but \"NO\" received. Data: [b'LOGIN failed.']",
    # github.com/RocketChat/Rocket.Chat/issues/30939 (node-imap, Office 365)
    'msg=IMAP error err={"type":"Error","message":"LOGIN failed.","stack":"Error: LOGIN failed.\\n    at '
    'Connection._resTagged (/app/bundle/programs/server/npm/node_modules/imap/lib/Connection.js:1502:11)',
    # github.com/mjs/imapclient/issues/602 (Outlook.com)
    "2024-08-07 17:37:36,759 - DEBUG: < b'PEAA1 NO LOGIN failed.'\n2024-08-07 17:37:36,760 - DEBUG: NO response: b'LOGIN failed.'",
    # github.com/jstedfast/MailKit/issues/483 (an on-premises Exchange: both words, one session)
    "S: A00000001 NO AUTHENTICATE failed.\nC: A00000002 LOGIN *****@*****.com *****\nS: A00000002 NO LOGIN failed.",
])
def test_exchange_imap_refusal_without_a_host_is_basic_auth_off_then_the_password(text: str) -> None:
    found = causes(text)
    assert found[:2] == ["basic-auth-disabled", "password-rejected"], found


def test_another_servers_login_failed_is_the_password() -> None:
    # Courier-IMAP's words for a refused login: no Exchange.
    found = causes("a1 NO Login failed.")
    assert found[0] == "password-rejected" and "basic-auth-disabled" not in found, found


# A session cut in the middle (a reset, Thunderbird's "lost in the middle of the transaction") is
# a filter killing cleartext logins only when nothing says the session was encrypted.
@pytest.mark.parametrize("text", [
    # Thunderbird's smtpSendInterrupted, with a provider whose servers all use TLS (GMX)
    "Sending of the message failed.\nThe message could not be sent because the connection to Outgoing server (SMTP) "
    "mail.gmx.net was lost in the middle of the transaction. Try again.",
    # Thunderbird's netResetError, with Gmail's IMAP server (SSL/TLS only)
    "Connection to server imap.gmail.com was reset.",
])
def test_a_session_cut_inside_tls_is_no_cleartext_filter(text: str) -> None:
    found = causes(text)
    assert found[0] == "tls-interception" and "plaintext-auth-filtered" not in found, found


def test_a_session_cut_on_an_encrypted_setting_is_no_cleartext_filter() -> None:
    setting = ServerSetting.parse("smtp", "smtp.example.org:587/starttls")
    found = [d.cause for d in explain("Connection to server smtp.example.org was reset.", setting=setting).diagnoses
             if d.is_root]
    assert found[0] == "tls-interception" and "plaintext-auth-filtered" not in found, found


def test_a_session_cut_with_nothing_said_of_tls_may_still_be_a_cleartext_filter() -> None:
    found = causes("Connection reset by peer")
    assert found[0] == "plaintext-auth-filtered", found
