"""Messages of mail programs' own catalogues, read in the languages their translators wrote them in, and a
protocol_version alert read by which side could have sent it.

Each text is a message's translation as the program's po/ or properties file holds it (the file named beside
it), with the host the program fills in: a message the tables hold in one language must read the same in the
others, and a word for a failure (a lock, a revoked certificate, "not supported") must not read as another."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

LOCK = "mailbox-in-use"
MECHANISM = "auth-mechanism-unsupported"
REVOKED = "cert-revoked"
NOT_OFFERED = ("starttls-not-offered", "starttls-stripped")
CLIENT = "tls-version-client-outdated"
SERVER = "tls-version-server-outdated"

CASES = [
    # fetchmail driver.c: 'Lock-busy error on %s@%s' (PS_LOCKBUSY); Distrotech/fetchmail:po/pl.po, de.po, sv.po
    pytest.param("fetchmail: Błąd blokady pliku dla user@pop.example.com", (LOCK,), id="fetchmail-pl-lock"),
    pytest.param("fetchmail: Lock-beschäftigt-Fehler bei user@pop.example.com", (LOCK,), id="fetchmail-de-lock"),
    pytest.param("fetchmail: Upptaget lås-fel på user@pop.example.com", (LOCK,), id="fetchmail-sv-lock"),
    # fetchmail pop3.c (P_APOP): 'Required APOP timestamp not found in greeting'; po/de.po, po/ru.po
    pytest.param("fetchmail: Required APOP timestamp not found in greeting", (MECHANISM,), id="fetchmail-apop"),
    pytest.param("fetchmail: Erforderlicher APOP-Zeitstempel nicht in Begrüßung gefunden", (MECHANISM,),
                 id="fetchmail-de-apop"),
    pytest.param("fetchmail: В приветствии не найдена требуемая временная метка APOP", (MECHANISM,),
                 id="fetchmail-ru-apop"),
    # Sylpheed inc.c (INC_LOCKED): 'Mailbox is locked.'; sylpheed-mail/sylpheed:po/ja.po, po/it.po
    pytest.param("Mailbox is locked.", (LOCK,), id="sylpheed-lock"),
    pytest.param("メールボックスはロックされています。", (LOCK,), id="sylpheed-ja-lock"),
    pytest.param("La casella postale è bloccata.", (LOCK,), id="sylpheed-it-lock"),
    # Thunderbird smtpHintAuthEncryptToPlainSsl; thunderbird/thunderbird-l10n:de/.../composeMsgs.properties
    pytest.param("Der SMTP-Server smtp.example.com scheint die Übertragung verschlüsselter Passwörter nicht zu "
                 "unterstützen. Wenn Sie das Konto gerade neu einrichten, ändern Sie die \"Authentifizierungsmethode\" "
                 "bitte versuchsweise zu \"Passwort, normal\" unter \"Konten-Einstellungen | Postausgangs-Server "
                 "(SMTP)\".", (MECHANISM,), id="thunderbird-de-encrypted-password"),
    # Geary certificate-warning-dialog.vala (TlsCertificateFlags.REVOKED), and the verdict in German words
    pytest.param("The server’s certificate has been revoked and is now invalid", (REVOKED,), id="geary-revoked"),
    pytest.param("Le certificat du serveur a été révoqué et est maintenant non valide", (REVOKED,),
                 id="geary-fr-revoked"),
    pytest.param("IMAP: Das Zertifikat des Servers wurde widerrufen", (REVOKED,), id="de-revoked"),
    # evolution-data-server e-trust-prompt.c (G_TLS_CERTIFICATE_REVOKED) in po/zh_CN.po, zh_TW.po, ja.po, ko.po
    pytest.param("“mail.example.net” 的 TLS/SSL 证书不受信任。您是否想要接受它？\n原因：\n根据该连接的证书吊销列表，该证书已被吊销。",
                 (REVOKED,), id="evolution-zh-cn-revoked"),
    pytest.param("根據連線的憑證註銷列表，這個憑證已被註銷。", (REVOKED,), id="evolution-zh-tw-revoked"),
    pytest.param("この接続の証明書失効リストによれば、この証明書は失効されています。", (REVOKED,), id="evolution-ja-revoked"),
    pytest.param("연결의 인증서 철회 목록에 따라 인증서가 철회되었습니다.", (REVOKED,), id="evolution-ko-revoked"),
    # evolution-data-server camel-imapx-server.c: 'STARTTLS not supported' inside 'Failed to connect ... in
    # secure mode: %s'; GNOME/evolution-data-server:po/pl.po, it.po, cs.po, zh_CN.po. The inner reason decides.
    pytest.param("Failed to connect to IMAP server imap.example.com in secure mode: STARTTLS not supported",
                 NOT_OFFERED, id="evolution-starttls"),
    pytest.param("Połączenie z serwerem IMAP imap.example.com w trybie bezpiecznym się nie powiodło: STARTTLS nie "
                 "jest obsługiwane", NOT_OFFERED, id="evolution-pl-starttls"),
    pytest.param("Connessione al server IMAP imap.example.com in modalità sicura non riuscita: STARTTLS non supportato",
                 NOT_OFFERED, id="evolution-it-starttls"),
    pytest.param("Nelze se připojit k serveru IMAP imap.example.com v zabezpečeném režimu: STARTTLS není podporováno",
                 NOT_OFFERED, id="evolution-cs-starttls"),
    pytest.param("以安全模式连接到 IMAP 服务器 imap.example.com 失败：不支持 STARTTLS",
                 NOT_OFFERED, id="evolution-zh-cn-starttls"),
    # A protocol_version alert received by OpenSSL 1.0 (no TLS 1.3: the server refused the client's highest
    # version, RFC 5246 appendix E.1) reads the client; by OpenSSL 1.1 or later, either side.
    pytest.param("error:1409442E:SSL routines:SSL3_READ_BYTES:tlsv1 alert protocol version", (CLIENT,),
                 id="openssl10-alert-70"),
    pytest.param("error:1409442E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version", (SERVER, CLIENT),
                 id="openssl11-alert-70"),
]


@pytest.mark.parametrize(("text", "causes"), CASES)
def test_a_catalogue_message_in_its_language_reads_its_cause(text: str, causes: tuple[str, ...]) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause in causes, [d.cause for d in report.diagnoses]


@pytest.mark.parametrize("text", [
    "Token has been expired or revoked.",  # Google's token endpoint: an OAuth grant, no certificate
    "Le jeton d'accès a été révoqué",
])
def test_a_revoked_token_is_no_revoked_certificate(text: str) -> None:
    try:
        report = explain(text)
    except InputError:  # declined: no certificate named either
        return
    assert all(d.cause != REVOKED for d in report.diagnoses)


# The revocation list named as the check (証明書失効リスト, 证书吊销列表), not a certificate found on it: no revoked reading.
@pytest.mark.parametrize("text", [
    "証明書失効リストを確認できませんでした。サーバー imap.example.org の証明書を検証できません。",
    "无法检查证书吊销列表：imap.example.org 的证书无法验证。",
])
def test_a_revocation_list_that_could_not_be_checked_is_no_revoked_certificate(text: str) -> None:
    try:
        report = explain(text)
    except InputError:  # declined: no certificate named either
        return
    assert all(d.cause != REVOKED for d in report.diagnoses)
