"""Catalogue readings of the network-path family, each from a program's own message catalogue.

Thunderbird's imapServerDroppedConnection2 (imapServerDroppedConnection in Thunderbird 90 and earlier;
nsImapProtocol.cpp: the server closed the connection as it opened, which servers do at their per-user connection
limit) names that limit in every language; its English words were read as too-many-connections by the rule's own
words, its translations (thunderbird/thunderbird-l10n) as a server's temporary failure: the catalogue rows now
carry IMAP's [LIMIT] (RFC 5530 section 3: "the operation ran into a limit of some kind"), the code Dovecot sends
for the same refusal.

mail-send (Rust, stalwartlabs/mail-send: src/lib.rs) names the server's missing STARTTLS by its error variant
MissingStartTls, printed bare by unwrap() and {:?}, and "STARTTLS extension unavailable" by its Display.
The texts are made up for these tests (hosts of their own), not corpus texts.
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain


def _top(text: str) -> str | None:
    """The first cause, None when nothing is diagnosed or the text is declined."""
    try:
        top = explain(text).top
    except InputError:
        return None
    return top.cause if top else None


LIMIT = [
    # fr, it, pl, pt-BR, ja: the message with the host as the dialog fills %S
    "Impossible de se connecter à imap.exemple.fr. Veuillez réessayer plus tard. Si le problème persiste, vous avez "
    "peut-être dépassé le nombre maximal de connexions à ce serveur. Vous pouvez réduire le nombre de connexions mises "
    "en cache dans les paramètres du serveur IMAP.",
    "Impossibile connettersi a mail.esempio.it. Riprova più tardi. Se il problema persiste, potresti aver superato il "
    "numero massimo di connessioni a questo server. È possibile ridurre il numero di connessioni memorizzate nella "
    "cache nelle impostazioni del server IMAP.",
    "Nie można połączyć się z poczta.przyklad.pl. Spróbuj ponownie później. Jeśli problem będzie się powtarzał, być "
    "może przekroczono maksymalną liczbę połączeń z tym serwerem. Można zmniejszyć liczbę połączeń przechowywanych w "
    "pamięci podręcznej w ustawieniach serwera IMAP.",
    "Não foi possível conectar-se a imap.exemplo.com.br. Tente novamente mais tarde. Se o problema persistir, você "
    "pode ter excedido o número máximo de conexões com este servidor. Você pode reduzir o número de conexões em cache "
    "nas configurações do servidor IMAP.",
    "imap.example.jp に接続できませんでした。後で再度試してください。後で再び接続できない場合は、このサーバーへの同時接続数の限度を"
    "超えている可能性があります。[アカウント設定] の [サーバー設定] の [詳細] でサーバーへの最大同時接続数を減らしてください。",
    # the message before Thunderbird 91, without the host: fr, ru
    "Impossible de se connecter au serveur IMAP. Vous avez peut-être dépassé le nombre maximal de connexions au "
    "serveur. Si c’est le cas, utilisez les paramètres avancés de serveur IMAP pour diminuer le nombre de connexions "
    "conservées en mémoire cache.",
    "Не удалось подключиться к IMAP-серверу. Возможно, вы превысили ограничение на максимальное число соединений к "
    "этому серверу. Если это так, откройте диалоговое окно «Дополнительные параметры IMAP-сервера» и уменьшите число "
    "кешируемых соединений.",
    # Mailspring's Gmail connection limit (ErrorGmailTooManySimultaneousConnections) in its French (app/lang/fr.json)
    "Il y a trop de connexions actives à votre compte Gmail. Veuillez réessayer plus tard.",
    # the English message, before Thunderbird 91 and since
    "Unable to connect to your IMAP server. You may have exceeded the maximum number of connections to this server. "
    "If so, use the Advanced IMAP Server Settings dialog to reduce the number of cached connections.",
    "Unable to connect to imap.example.org. Please try again later. If the problem persists, you may have exceeded "
    "the maximum number of connections to this server. You can reduce the number of cached connections in the IMAP "
    "server settings.",
]


@pytest.mark.parametrize("text", LIMIT)
def test_thunderbird_dropped_connection_reads_the_connection_limit(text: str) -> None:
    assert _top(text) == "too-many-connections"


# Thunderbird's other connection messages in the same languages keep their own readings: a connection that timed
# out, a refused connection -- no connection limit.
@pytest.mark.parametrize("text", [
    "Temps limite de connexion au serveur imap.exemple.fr dépassé.",
    "Impossible de se connecter au serveur de courrier imap.exemple.fr : la connexion a été refusée.",
    "Konnte keine Verbindung mit dem Mail-Server imap.beispiel.de aufbauen, da sie verweigert wurde.",
])
def test_other_connection_messages_are_no_connection_limit(text: str) -> None:
    assert _top(text) != "too-many-connections"


@pytest.mark.parametrize("text", [
    "thread 'tokio-runtime-worker' panicked at src/notify.rs:41:10:\n"
    "called `Result::unwrap()` on an `Err` value: MissingStartTls",
    "failed to send the report: STARTTLS extension unavailable",
])
def test_mail_send_missing_starttls_is_starttls_not_offered(text: str) -> None:
    assert _top(text) == "starttls-not-offered"


def test_mail_send_missing_credentials_is_no_starttls_reading() -> None:
    text = "called `Result::unwrap()` on an `Err` value: MissingCredentials"
    assert _top(text) not in ("starttls-not-offered", "starttls-stripped")


# Thunderbird 60 and earlier's smtpAuthenticationNotSupported (the server offers no AUTH, the account is set to log
# in) in its translations (thunderbird-l10n, each locale's last revision with the key): the server's AUTH not enabled.
def test_thunderbird_smtp_auth_not_supported_in_spanish() -> None:
    text = ("No es posible identificarse ante el servidor de salida (SMTP) smtp.ejemplo.es. No admite identificación "
            "(SMTP-AUTH) pero se ha elegido utilizar identificación. Cambie el 'Método de identificación' a 'Ninguno' "
            "en la 'Configuración de cuentas | Servidor de salida (SMTP)' o contacte con su proveedor del servicio para "
            "obtener indicaciones.")
    assert _top(text) == "smtp-auth-not-enabled"
