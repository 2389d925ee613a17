"""Client texts from the programs' own catalogues, in their languages: too many connections, no internet, a POP3
mailbox another session holds, Thunderbird for Android's missing capability, FairEmail's Office 365 OAuth hint.
Each case is a program's own wording, the causes its words leave open (the first cause named must be one of them)
and where it comes from; the differential cases are the neighbours that must keep their own reading.

Sources (short names used below):
  MS   Foundry376/Mailspring:app/lang/{ja,de,fr,es,it}.json ('There are too many active connections to your Gmail
       account. Please try again later.', ErrorGmailTooManySimultaneousConnections of app/src/mailsync-process.ts)
  MDB  MariaDB/server:sql/share/errmsg-utf8.txt (ER_CON_COUNT_ERROR 'Too many connections', jpn/ger/fre/spa/ita)
  DC   deltachat/deltachat-android:src/main/res/values{,-ru}/strings.xml (login_error_no_internet_connection,
       qrshow_join_contact_no_connection_toast)
  FE   M66B/FairEmail:app/src/main/res/values{,-ru-rRU,-it-rIT}/strings.xml (title_no_internet,
       title_setup_office_auth); app/src/main/java/eu/faircode/email/FragmentOAuth.java (showError)
  CL   eworm-de/claws-mail:po/{ja,de,fr,nl}.po, SY sylpheed-mail/sylpheed:po/ja.po ('Mailbox is locked.', src/inc.c
       INC_LOCKED)
  TFA  thunderbird/thunderbird-android:feature/account/server/validation/src/main/res/values{,-fr,-de}/strings.xml
       (account_server_validation_error_missing_server_capability_details); the capability names from
       mail/protocols/imap/.../RealImapConnection.kt (authenticate) and mail/protocols/smtp/.../SmtpTransport.kt
"""

from __future__ import annotations

import pytest
from helpers import causes_of

LIMIT = {"too-many-connections"}
OFFLINE = {"no-internet"}
IN_USE = {"mailbox-in-use"}
NO_PLAIN = {"auth-requires-tls", "auth-mechanism-unsupported"}
NO_STARTTLS = {"starttls-not-offered", "starttls-stripped"}
OFFICE = {"protocol-disabled-for-account", "oauth-token-rejected"}

CASES = [
    # --- too many connections, in the languages of two programs' catalogues (MS, MDB) -------------------------
    pytest.param("Gmailアカウントへのアクティブな接続が多すぎます。後でもう一度お試しください。", LIMIT, "MS ja", id="ms-ja"),
    pytest.param("接続が多すぎます。", LIMIT, "MDB jpn", id="mariadb-ja"),
    pytest.param("Es sind zu viele aktive Verbindungen zu Ihrem Google Mail-Konto vorhanden. Bitte versuche es "
                 "später erneut.", LIMIT, "MS de", id="ms-de"),
    pytest.param("Il y a trop de connexions actives à votre compte Gmail. Veuillez réessayer plus tard.", LIMIT,
                 "MS fr", id="ms-fr"),
    pytest.param("Hay demasiadas conexiones activas a tu cuenta de Gmail. Por favor, inténtelo de nuevo más tarde.",
                 LIMIT, "MS es", id="ms-es"),
    pytest.param("Ci sono troppe connessioni attive al tuo account Gmail. Per favore riprova più tardi.", LIMIT,
                 "MS it", id="ms-it"),
    pytest.param("There are too many active connections to your Gmail account. Please try again later.", LIMIT,
                 "MS en", id="ms-en"),
    # --- no internet connection: the device's own check, before any server (DC, FE) ---------------------------
    pytest.param("Отсутствует соединение с интернетом, авторизация не удалась.", OFFLINE, "DC ru", id="dc-ru-login"),
    pytest.param("Нет соединения с интернетом, невозможно выполнить настройку QR-кода.", OFFLINE, "DC ru",
                 id="dc-ru-qr"),
    pytest.param("No internet connection, login failed.", OFFLINE, "DC en", id="dc-en-login"),
    pytest.param("Нет подходящего интернет-подключения", OFFLINE, "FE ru", id="fe-ru"),
    pytest.param("No or no suitable internet connection", OFFLINE, "FE en", id="fe-en"),
    # --- a POP3 mailbox another session holds (CL, SY) -------------------------------------------------------
    pytest.param("メールボックスはロックされています。", IN_USE, "CL, SY ja", id="claws-ja-locked"),
    pytest.param("Mailbox is locked.", IN_USE, "CL, SY en", id="claws-en-locked"),
    # Claws Mail's German and other catalogues (eworm-de/claws-mail:po/{de,fr,nl}.po, the same msgid; src/pop.c pop3_ok
    # makes a -ERR that says lock or wait PS_LOCKBUSY): the POP3 lock, not an account the provider locked
    pytest.param("Mailbox ist gesperrt.", IN_USE, "CL de", id="claws-de-locked"),
    pytest.param("Mailbox ist gesperrt:\n-ERR [IN-USE] Unable to lock maildrop", IN_USE, "CL de", id="claws-de-locked-reply"),
    pytest.param("Boîte aux lettres verrouillée.", IN_USE, "CL fr", id="claws-fr-locked"),
    pytest.param("Postvak zit op slot.", IN_USE, "CL nl", id="claws-nl-locked"),
    # --- Thunderbird for Android's missing capability: the capability named decides (TFA) ---------------------
    pytest.param("Échec de vérification des paramètres du serveur entrant\nLe serveur ne dispose pas d’une fonction\n"
                 "Le serveur ne dispose pas de cette fonction :\nAUTH=PLAIN", NO_PLAIN, "TFA fr, IMAP", id="tfa-fr-plain"),
    pytest.param("The server is missing this capability:\nAUTH=PLAIN", NO_PLAIN, "TFA en, IMAP", id="tfa-en-plain"),
    pytest.param("Der Server unterstützt diese Fähigkeit nicht:\nAUTH PLAIN", NO_PLAIN, "TFA de, SMTP",
                 id="tfa-de-smtp-plain"),
    pytest.param("The server is missing this capability:\nAUTH=CRAM-MD5", {"auth-mechanism-unsupported"},
                 "TFA en, IMAP CRAM-MD5", id="tfa-en-cram"),
    pytest.param("The server is missing this capability:\nSTARTTLS", NO_STARTTLS, "TFA en", id="tfa-en-starttls"),
    pytest.param("Le serveur ne dispose pas de cette fonction :\nSTARTTLS", NO_STARTTLS, "TFA fr",
                 id="tfa-fr-starttls"),
    # --- FairEmail's hint beside an Office 365 OAuth login refused (FE: FragmentOAuth.showError) -------------
    pytest.param("AUTHENTICATE failed.\nL'errore «AUTHENTICATE failed» può esser causato dalla disabilitazione di "
                 "IMAP/SMTP da parte dell'amministratore di sistema", OFFICE, "FE it", id="fe-it-office"),
    pytest.param("AUTHENTICATE failed.\nThe error 'AUTHENTICATE failed' can be caused by IMAP/SMTP being disabled by "
                 "the system administrator", OFFICE, "FE en", id="fe-en-office"),
]

# The neighbours: what the new words must not take.
DIFFERENTIAL = [
    # Too many login attempts is a lockout, no connection limit (Thunderbird ja's words, as client-messages.yaml
    # quotes them; MariaDB fre 'Trop de connexions' is the limit, 'trop de tentatives' not).
    pytest.param("ログインの失敗の回数が多すぎるためアカウントをロックしました。", {"account-locked"}, id="ja-attempts"),
    # Advice to check the connection says nothing is offline: no no-internet read into it.
    pytest.param("Проверьте соединение с интернетом", None, id="ru-check-advice"),
    # A bare refused login, with no hint beside it, stays the refusal it was (FairEmail FAQ 22).
    pytest.param("AUTHENTICATE failed.", {"password-rejected", "basic-auth-disabled"}, id="bare-authenticate"),
]


def _first(text: str) -> str | None:
    found = causes_of(text)
    return found[0] if found else None


@pytest.mark.parametrize(("text", "causes", "_source"), CASES)
def test_a_catalogue_text_reads_as_its_cause(text: str, causes: set[str], _source: str) -> None:
    assert _first(text) in causes, causes_of(text)


@pytest.mark.parametrize(("text", "causes"), DIFFERENTIAL)
def test_the_neighbours_keep_their_reading(text: str, causes: set[str] | None) -> None:
    first = _first(text)
    if causes is None:
        assert first != "no-internet", causes_of(text)
    else:
        assert first in causes, causes_of(text)


def test_a_generic_failure_stays_a_failure_without_a_cause() -> None:
    # Delta Chat's own "Login failed" with nothing beside it: a failure, none of the causes above made up.
    found = causes_of("Не удалось войти.")
    assert not (set(found) & (LIMIT | OFFLINE | IN_USE)), found
