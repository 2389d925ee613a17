"""The programs benchmarks/catalogue_unseen.py read worst, read with their own program's rows removed: the
concepts they share with other programs, in several languages, that the concept layer
(mailexpert/data/concepts.yaml, data/concept-words/<language>.yaml) now knows.

Each case is a message of the catalogues (mailexpert/data/client-messages.yaml, data/translations/), printed
as tests/test_client_messages.py prints it, and explained as catalogue_unseen explains it: in a fresh process
whose tables lack every row of that program. The sources are the programs' own strings, as their rows cite
them (program and key after each case):
  geary       GNOME/geary:src/client/accounts/accounts-editor-add-pane.vala and po/*.po
  mailspring  Foundry376/Mailspring's localized strings (ErrorAuthentication)
  aosp-email  aosp-mirror/platform_packages_apps_email:res/values-*/strings.xml
  balsa       GNOME/balsa:libbalsa/imap/imap-handle.c@270c45480 and po/*.po
  apple-mail  Apple Mail's MailCore strings (CONNECTION_FAILED_MESSAGE_FORMAT), as the row cites them
  evolution   GNOME/evolution-data-server:po/*.po (sasl-encryption-required)
  claws-mail  claws-mail's imap.c and po/*.po (imap-starttls-required)
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import catalogue_unseen  # noqa: E402

LOGIN = {"password-rejected", "username-wrong"}
STARTTLS_MISSING = {"starttls-not-offered", "starttls-stripped"}

#: (program, message as printed, the causes it must read as).
CASES = [
    # "Check your login and password": the advice after a login the server refused, read as that refusal.
    ("geary", "Check your sending login and password", LOGIN),  # check-sending-login
    ("geary", "Check your receiving login and password", LOGIN),  # check-receiving-login
    ("geary", "Check your email address and password", LOGIN),  # check-address-password
    ("geary", "Prüfen Sie Ihren Benutzernamen und Passwort zum Senden", LOGIN),  # check-sending-login [de]
    ("geary", "Vérifiez votre adresse courriel et votre mot de passe", LOGIN),  # check-address-password [fr]
    ("geary", "Compruebe la dirección de correo y la contraseña", LOGIN),  # check-address-password [es]
    ("geary", "Controllare indirizzo email e password", LOGIN),  # check-address-password [it]
    ("geary", "Controleer uw login en wachtwoord voor verzenden", LOGIN),  # check-sending-login [nl]
    ("geary", "Proszę sprawdzić poprawność adresu e-mail i\xa0hasła", LOGIN),  # check-address-password [pl]
    ("geary", "Проверьте свой логин и пароль для получения", LOGIN),  # check-receiving-login [ru]
    ("geary", "送信のログイン名とパスワードを確認してください", LOGIN),  # check-sending-login [ja]
    ("geary", "Zkontrolujte svoji e-mailovou adresu a heslo", LOGIN),  # check-address-password [cs]
    ("geary", "Kontrollera din e-postadress och lösenord", LOGIN),  # check-address-password [sv]
    ("geary", "Tjek din e-mailadresse og adgangskode", LOGIN),  # check-address-password [da]
    ("geary", "Verifique o seu email e palavra-passe", LOGIN),  # check-address-password [pt]
    ("geary", "Comproveu la recepció de l'usuari i la contrasenya", LOGIN),  # check-receiving-login [ca]
    ("geary", "ورود و گذرواژهٔ دریافتتان را بررسی کنید", LOGIN),  # check-receiving-login [fa]
    ("mailspring", "Authentication Error - Check your username and password.", LOGIN),  # ErrorAuthentication
    ("mailspring", "Authentifizierungsfehler - Überprüfen Sie Ihren Benutzernamen und Ihr Passwort.", LOGIN),  # [de]
    ("mailspring", "Verificatiefout - Controleer uw gebruikersnaam en wachtwoord.", LOGIN),  # ErrorAuthentication [nl]
    ("aosp-email", "The server responded with an error. Check your username and password, then try again.", LOGIN),
    (
        "aosp-email",
        "Serveren reagerede med en fejl. Kontroller dit brugernavn og din adgangskode, og prøv igen.",
        LOGIN,
    ),  # account_setup_failed_check_credentials_message [da]
    (
        "aosp-email",
        "Servern svarade med ett fel. Kontrollera ditt användarnamn och lösenord och försök igen.",
        LOGIN,
    ),  # account_setup_failed_check_credentials_message [sv]
    # TLS required, and the server does not offer it: "required" and "not available" in the language's own words.
    ("balsa", "TLS required but not available", STARTTLS_MISSING),  # tls-required-not-available
    ("balsa", "TLS krævet, men ikke tilgængelig", STARTTLS_MISSING),  # [da]
    ("balsa", "Je požadováno TLS, ale není k dispozici", STARTTLS_MISSING),  # [cs]
    ("balsa", "Wymagane jest TLS, ale nie jest dostępne", STARTTLS_MISSING),  # [pl]
    ("balsa", "TLS ist erforderlich, aber nicht verfügbar", STARTTLS_MISSING),  # [de]
    ("balsa", "TLS krävs men är inte tillgängligt", STARTTLS_MISSING),  # [sv]
    ("balsa", "TLS requerido pero no disponible", STARTTLS_MISSING),  # [es]
    ("aosp-email", "TLS required but not supported by server.", STARTTLS_MISSING),  # account_setup_failed_tls_required
    ("aosp-email", "TLS er påkrævet, men understøttes ikke af serveren.", STARTTLS_MISSING),  # [da]
    ("aosp-email", "TLS richiesto ma non supportato dal server.", STARTTLS_MISSING),  # [it]
    ("aosp-email", "TLS is vereist maar wordt niet ondersteund door de server.", STARTTLS_MISSING),  # [nl]
]

#: The neighbours: messages that hold "check your" or "required" and name another thing, which the new readings
#: must not turn into a refused login or a STARTTLS the server does not offer.
NEIGHBOURS = [
    # A connection's advice stays a connection's failure (apple-mail CONNECTION_FAILED_MESSAGE_FORMAT).
    (
        "apple-mail",
        "The mail.example.com server “mail.example.com” is not responding. Check your network connection and "
        "that you entered the correct information in the “Incoming Mail Server” field.",
        None,
    ),
    # Encryption a login mechanism requires is the login's (evolution sasl-encryption-required).
    ("evolution", "Encryption required for requested authentication mechanism", {"auth-requires-tls"}),
    # STARTTLS a server requires before the login is the login's (claws-mail imap-starttls-required).
    ("claws-mail", "Server requires STARTTLS to log in.\n", {"auth-requires-tls"}),
]

#: Messages that only say what to check, not what failed (their rows name no cause): each must read as a failure,
#: never as fine or declined, and never as a specific cause (geary server-details-sending, server-details-receiving).
GENERIC = [
    ("geary", "Check your sending server details"),
    ("geary", "Check your receiving server details"),
    ("geary", "Vérifiez les détails du serveur de réception"),
    ("geary", "Controleer uw servergegevens voor ontvangen"),
    ("geary", "Proszę sprawdzić poprawność informacji o\xa0serwerze odbierania"),
]
SPECIFIC = (
    LOGIN
    | STARTTLS_MISSING
    | {
        "starttls-failed",
        "auth-requires-tls",
        "auth-mechanism-unsupported",
        "cert-untrusted-issuer",
        "cert-self-signed",
        "cert-hostname-mismatch",
        "cert-expired",
        "oauth-token-rejected",
    }
)


#: Every message with what it must read as: one of its causes, or (None) a failure that is no specific cause.
ALL = CASES + NEIGHBOURS + [(program, text, None) for program, text in GENERIC]


@functools.cache
def _readings() -> dict[tuple[str, str], str | None]:
    """Every message of ALL as catalogue_unseen reads it, each program's without that program's rows."""
    readings: dict[tuple[str, str], str | None] = {}
    for program in dict.fromkeys(p for p, _, _ in ALL):
        texts = [text for p, text, _ in ALL if p == program]
        got = catalogue_unseen.read_unseen(program, texts)
        readings.update({(program, text): reading for text, reading in zip(texts, got, strict=True)})
    return readings


@pytest.mark.parametrize(("program", "text", "causes"), ALL, ids=[f"{p}:{t[:40]}" for p, t, _ in ALL])
def test_read_without_its_own_program(program: str, text: str, causes: set[str] | None) -> None:
    got = _readings()[program, text]
    if causes is not None:
        assert got in causes, got
        return
    # a failure: neither fine nor declined nor a crash, and no cause its words do not name
    assert got not in (None, "declined") and not got.startswith("crash") and got not in SPECIFIC, got
