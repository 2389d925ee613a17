"""A catalogue message whose specific reading rests on the server it names reads as that cause only
with a name in its gap.

Thunderbird shows unknownHostError ("Failed to connect to server %S.") when the resolver finds no
such host, and always fills the name in: mozilla/releases-comm-central:mailnews/base/src/nsMsgProtocol.cpp
(ShowAlertMessage: NS_ERROR_UNKNOWN_HOST -> unknownHostError, formatted by
FormatStringWithHostNameByName). Its translations use words other programs print for any failed
connection (Roundcube's zh_CN smtpconnerror "连接服务器失败", roundcube/roundcubemail:program/localization/zh_CN/messages.inc).
With the gap empty the words are not that message (or not all of it): they say only that the
connection failed, with the candidates that allows, never a made-up unknown host.

Texts: the message in its catalogues (mailexpert/data/client-messages.yaml,
mailexpert/data/translations/thunderbird.yaml, thunderbird/thunderbird-l10n:{locale}/mail/chrome/messenger/messenger.properties
and .../imapMsgs.properties 5052), with and without the name.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

UNKNOWN = {"server-host-unknown", "server-host-typo"}


def read(text: str) -> tuple[str, set[str]]:
    report = explain(text)
    return ("problems" if report.has_errors else "ok"), {d.cause for d in report.diagnoses if d.is_root}


# The messages with their gap empty: a failure, no unknown host.
EMPTY = [
    "Failed to connect to server.",                       # en-US unknownHostError
    "サーバーとの接続に失敗しました。",                    # ja unknownHostError
    "サーバとの接続に失敗しました。",                      # ja imapMsgs 5052
    "连接服务器失败。",                                    # zh-CN unknownHostError
    "连接服务器失败",                                      # zh-CN, as Roundcube's smtpconnerror says it too
    "Impossible de se connecter au serveur.",             # fr unknownHostError
    "Konnte nicht mit dem Server verbinden.",             # de imapMsgs 5052
    "Verbindung mit Server fehlgeschlagen.",              # de unknownHostError
    "No se pudo conectar con el servidor.",               # es-ES unknownHostError
    "Connessione al server non riuscita.",                # it unknownHostError
]


@pytest.mark.parametrize("text", EMPTY)
def test_the_words_without_a_name_are_a_failure_without_an_unknown_host(text: str) -> None:
    status, causes = read(text)
    assert status == "problems", (status, causes)
    assert not causes & UNKNOWN, causes


# The same messages as Thunderbird prints them, the name filled in: its unknown host.
NAMED = [
    "Failed to connect to server mail.example.com.",
    "Failed to connect to server mail.",                  # a single label: a hosts file's name
    'Failed to connect to server "imap.example.com ".',   # a quoted setting with its stray space
    "Failed to connect to server 192.0.2.7.",
    "サーバー mail.example.jp との接続に失敗しました。",
    "サーバ imap.example.jp との接続に失敗しました。",
    "连接服务器 smtp.example.cn 失败。",
    "Impossible de se connecter au serveur mail.example.fr.",
    "Impossible de se connecter au serveur mail.",
    "Konnte nicht mit dem Server imap.example.de verbinden.",
    "Verbindung mit Server mail.example.de fehlgeschlagen.",
    "No se pudo conectar con el servidor mail.example.es.",
    "Connessione al server mail.example.it non riuscita.",
]


@pytest.mark.parametrize("text", NAMED)
def test_the_message_with_its_name_is_an_unknown_host(text: str) -> None:
    status, causes = read(text)
    assert status == "problems", (status, causes)
    assert "server-host-unknown" in causes, causes


# Neighbours whose own words say why: the gap empty changes nothing of that.
@pytest.mark.parametrize(("text", "cause"), [
    ("Could not connect to server; the connection was refused.", "port-closed"),
    ("Connection to server timed out.", "port-blocked-outbound"),
    ("Could not connect to server mail.example.com; the connection was refused.", "port-closed"),
    ("getaddrinfo ENOTFOUND smtp.example.com", "server-host-unknown"),
    ("Name or service not known", "server-host-unknown"),
])
def test_words_that_say_why_keep_their_reading(text: str, cause: str) -> None:
    status, causes = read(text)
    assert status == "problems" and cause in causes, (status, causes)


def test_a_bare_failure_stays_a_failure() -> None:
    status, causes = read("Could not connect to the mail server.")
    assert status == "problems", (status, causes)
    assert not causes & UNKNOWN, causes
