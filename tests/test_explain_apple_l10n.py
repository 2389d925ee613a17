"""Apple Mail's (macOS, iOS and iPadOS Mail) alerts in other languages read as the English ones do.

Apple publishes no string tables; each wording is the alert as a public page quotes it (the rows of
mailexpert/data/error-texts.yaml and mailexpert/data/translations/apple-mail.yaml name the page):

- "Unable to verify account name or password" (macOS Mail's account setup): German, macpaw.com/de/how-to/
  unable-to-verify-account-name-password; Japanese, macpaw.com/ja/how-to/unable-to-verify-account-name-password;
  French, fr.ittrip.xyz/ms-office/outlook/apple-mail-outlook-oauth; Spanish, blog.silverpc.hu (2025/09/12,
  tu-macbook-te-impide-iniciar-sesion-en-la-app-de-mail-te-mostramos-la-solucion).
- iOS Mail's refused IMAP password in Japanese ("IMAPアカウント“X”のパスワードが正しくありません。"):
  ninizyounoiroiro.com/?p=1982, bfreehub.com/2463.html, gadgetken.com/?p=18529.
- "Cannot Get Mail" / "The connection to the server failed." and "The IMAP server ... is not responding" in
  Japanese: lifestyle.assist-all.co.jp (icloud-account-error-fix-guide, iphone-email-account-error-fix-guide, ?p=75745).
- "Cannot Verify Server Identity" in Korean: choesin.com/?p=109423, kr.wsxdn.com/ki021c/gd029y/1002119096.html;
  in German: glockengiesserstrasse.info (iphone-meldung-serveridentitat-kann-nicht-uberpruft-werden),
  techblog.com.de/serveridentitaet-kann-nicht-ueberprueft-werden; in Greek: wukihow.com/el/808423/.html.
- "The connection to the outgoing server ... failed. Additional Outgoing Mail Servers ..." in German:
  itwelt.at/knowhow/so-beheben-sie-mailserver-fehler-in-apple-mail-fuer-macos.
"""
from __future__ import annotations

import pytest

from mailexpert.explain import explain

CONNECT = {"port-blocked-outbound", "port-closed"}
PASSWORD = {"password-rejected", "username-wrong"}
CERT = {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}

CASES = [
    # Unable to verify account name or password: a refused login, as the English reads.
    ("Accountname/Passwort konnte nicht überprüft werden", PASSWORD, "likely"),
    ("Mail\nAccountname/Passwort konnte nicht überprüft werden.", PASSWORD, "likely"),
    ("アカウント名またはパスワードを確認できません", PASSWORD, "likely"),
    ("Impossible de vérifier le nom du compte ou le mot de passe", PASSWORD, "likely"),
    ("No se ha podido verificar el nombre de usuario o la contraseña.", PASSWORD, "likely"),
    # iOS Mail's refused IMAP password, Japanese.
    ("IMAPアカウント“example”のパスワードが正しくありません。", PASSWORD, "likely"),
    ("IMAPアカウントのパスワードが正しくありません", PASSWORD, "likely"),
    # Cannot Get Mail / the connection failed, the server not responding: a connection that failed, no more.
    ("メールを取得できません\nサーバーへの接続に失敗しました。", CONNECT, "possible"),
    ("IMAPサーバが応答しません", CONNECT, "possible"),
    ("IMAPサーバー“imap.example.jp”が応答しません。", CONNECT, "possible"),
    ("SMTPサーバ“smtp.example.jp”が応答しません", CONNECT, "possible"),
    # Cannot Verify Server Identity: the certificate, which of its faults the words do not say.
    ("서버 ID를 확인할 수 없음", CERT, "possible"),
    ("Serveridentität kann nicht überprüft werden", CERT, "possible"),
    ("Serveridentität kann nicht überprüft werden\nDie Identität von „imap.example.de“ kann von Mail nicht überprüft werden.",
     CERT, "possible"),
    ("Δεν είναι δυνατή η επαλήθευση της ταυτότητας διακομιστή", CERT, "possible"),
    ("서버 ID를 확인할 수 없음\n“imap.example.kr”의 ID를 Mail에서 확인할 수 없습니다.", CERT, "possible"),
    # The outgoing server's connection failed (German).
    ("Die Verbindung zum Postausgangsserver „smtp.example.de“ ist fehlgeschlagen. Zusätzliche Postausgangsserver "
     "können für E-Mail-Konten unter Einstellungen > E-Mail > Konten konfiguriert werden.", CONNECT, "possible"),
]

#: Neighbours that must keep their own reading: the English alerts, and other programs' words near these.
NEIGHBOURS = [
    ("Unable to verify account name or password", PASSWORD),
    ("Cannot Get Mail\nThe connection to the server failed.", CONNECT),
    ("Cannot Verify Server Identity", CERT),
    ("サーバの識別情報を検証できません", CERT),
    # Thunderbird's Japanese imapUnknownHostError names the server between its words: still a name not found.
    ("サーバー imap.example.jp への接続に失敗しました。", {"server-host-unknown"}),
    # A refused login is no connection failure, and a certificate no password.
    ("The user name or password for “imap.example.com” is incorrect.", PASSWORD),
]

@pytest.mark.parametrize(("text", "causes", "confidence"), CASES, ids=[c[0][:40] for c in CASES])
def test_apple_mail_in_another_language_reads_as_the_english(text: str, causes: set[str], confidence: str) -> None:
    report = explain(text)
    top = report.top
    assert top is not None, text
    assert top.cause in causes, (text, top.cause)
    # As sure as the English alert reads: a refused login likely; a text that says only that the connection or
    # the certificate failed stays a guess among candidates.
    assert str(top.confidence) == confidence, (text, top.confidence)


@pytest.mark.parametrize(("text", "causes"), NEIGHBOURS, ids=[c[0][:40] for c in NEIGHBOURS])
def test_neighbours_keep_their_reading(text: str, causes: set[str]) -> None:
    top = explain(text).top
    assert top is not None and top.cause in causes, (text, top and top.cause)
