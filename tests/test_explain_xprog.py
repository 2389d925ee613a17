"""Catalogued messages read with their own program's rows removed: what the concept layer
(mailexpert/data/concepts.yaml) knows of a language's words for a password, a connection, a
certificate or a method "not supported", from the other programs' catalogues.

Each case is a message of the catalogues (mailexpert/data/client-messages.yaml,
library-messages.yaml, data/translations/), printed as tests/test_client_messages.py prints it
(placeholders filled), and explained as benchmarks/catalogue_unseen.py explains it: in a fresh
process whose tables lack every row of that program, so that only the general layer and the
other programs' rows can read it. The sources are the programs' own l10n files, as the rows
cite them:
  deltachat            deltachat/deltachat-android:src/main/res/values-*/strings.xml (login_error_cannot_login)
  horde                horde/base:locale/*/LC_MESSAGES/horde.po (REASON_BADLOGIN)
  msmtp                marlam/msmtp:po/*.po (the server does not support ...)
  horde-smtp           horde/Smtp:locale/*/LC_MESSAGES/Horde_Smtp.po
  aosp-email           aosp-mirror/platform_packages_apps_email:res/values-*/strings.xml
  phpmailer            PHPMailer/PHPMailer:language/phpmailer.lang-*.php
  geary                GNOME/geary:po/*.po (the certificate's verdicts)
  mutt                 muttmua/mutt:po/el.po (the server certificate has expired)
  thunderbird-android  the rows' own sources (thunderbird/thunderbird-android strings.xml in fi and eu)
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
NO_METHOD = {"auth-requires-tls", "smtp-auth-not-enabled", "auth-mechanism-unsupported"}
CERTIFICATE = {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}

#: (program, message as printed, the causes it must read as).
CASES = [
    # A refused login: the language's words for a password or a user name, and for "cannot" or "wrong".
    ("deltachat", 'Kan ikke logge ind som "mail.example.com". Kontroller om e-mailadresse og adgangskode er korrekt.',
     {"password-rejected"}),
    ("deltachat", 'Kan inte logga in som "mail.example.com". Kontrollera om e-postadressen och lösenordet är korrekt.',
     {"password-rejected"}),
    ("deltachat", "Nie je možné prihlásiť sa ako „mail.example.com“. Skontrolujte správnosť e-mailovej adresy a hesla.",
     {"password-rejected"}),
    ("deltachat", 'Přihlášení jako "mail.example.com" selhalo. Zkontrolujte si prosím ještě jednou e-mail a heslo.',
     {"password-rejected"}),
    ("deltachat", "Nem lehetett bejelentkezni ide: „mail.example.com”. Ellenőrizze, hogy a megadott e-mail-cím és "
     "a jelszó helyes-e.", {"password-rejected"}),
    ("deltachat", 'Δεν είναι δυνατή η είσοδος ως "mail.example.com". Ελέγξτε εάν η διεύθυνση e-mail και ο κωδικός '
     "πρόσβασης είναι σωστά.", {"password-rejected"}),
    ("deltachat", 'Ezin da "mail.example.com" bezala saioa hasi. Egiaztatu E-mail helbidea eta pasahitza zuzenak diren.',
     {"password-rejected"}),
    ("deltachat", 'Không thể đăng nhập với tên "mail.example.com". Vui lòng kiểm tra xem địa chỉ e-mail và mật khẩu '
     "có đúng không.", {"password-rejected"}),
    ("horde", "Log ind fejlede fordi dit brugernavn eller kodeord blev angivet forkert.", LOGIN),
    ("horde", "Innlogging feilet fordi brukernavnet eller passordet du skrev inn var feil.", LOGIN),
    ("horde", "Sisäänkirjautumisesi epäonnistui. Todennäköisesti kirjoitit väärin käyttäjätunnuksesi tai salasanasi.",
     LOGIN),
    ("aosp-email", "Nieprawidłowy adres e-mail lub hasło", LOGIN),
    ("aosp-email", "Nama pengguna atau sandi salah.", LOGIN),
    # A method or STARTTLS the server does not support, in its language's words for "does not support".
    ("msmtp", "сервер не поддерживает метод аутентификации mail.example.com", NO_METHOD),
    ("msmtp", "le serveur ne supporte pas la méthode d'authentification mail.example.com", NO_METHOD),
    ("msmtp", "el servidor POP3 no admite el método de autenticación mail.example.com", NO_METHOD),
    ("msmtp", "сервер не подржава „TLS“ путем „STARTTLS“ наредбе", STARTTLS_MISSING),
    ("msmtp", "服务器不支持通过 STARTTLS 命令启用 TLS", STARTTLS_MISSING),
    ("aosp-email", "TLS gerekli ancak sunucu tarafından desteklenmiyor.", STARTTLS_MISSING),
    ("horde-smtp", "Ο διακομιστής δεν υποστηρίζει TLS συνδέσεις.", STARTTLS_MISSING),
    # A certificate's verdict: a name that does not match, an unknown authority, an expiry.
    ("geary", "Sunucunun kimliği sertifikadaki kimlik ile uyuşmuyor", {"cert-hostname-mismatch"}),
    ("geary", "Certifikát serveru je podepsán neznámou autoritou", {"cert-untrusted-issuer", "cert-self-signed"}),
    ("mutt", "Το πιστοποιητικό του διακομιστή έληξε", {"cert-expired", "clock-skew"}),
    # A secure connection that could not be opened is the upgrade's failure, not a login's.
    ("horde-smtp", "Kunne ikke åbne en sikker TLS forbindelse til serveren.", {"starttls-failed"}),
]

#: The neighbours: messages of the same programs in the same languages that name another thing, which the
#: new words must not turn into a refused login.
NEIGHBOURS = [
    # A certificate's failure stays the certificate's (Thunderbird for Android in Finnish and Basque).
    ("thunderbird-android", "Varmennevirhe tilissä mail.example.com", CERTIFICATE),
    ("thunderbird-android", "mail.example.com-(r)entzako ziurtagiri errorea", CERTIFICATE),
    # Connecting failed: a failure with the candidates of a connection, no password invented.
    ("horde-smtp", "Forbindelses fejl til SMTP serveren.", None),
    ("horde-smtp", "Σφάλμα κατά τη σύνδεση με το διακομιστή SMTP.", None),
    ("horde-smtp", "SMTP sunucusuna bağlanırken hata oluştu.", None),
]

#: Messages that only say something failed (their rows name no cause): each must read as a failure, never as
#: fine or declined, and never as a specific login, certificate or STARTTLS cause the words do not support.
GENERIC = [
    ("phpmailer", "Σφάλμα SMTP: Μη αποδεκτά δεδομένα."),
    ("phpmailer", "SMTP fel: Kunde inte ansluta till SMTP-server."),
]
SPECIFIC = LOGIN | STARTTLS_MISSING | NO_METHOD | CERTIFICATE | {"starttls-failed", "oauth-token-rejected"}


@functools.cache
def _read(program: str) -> dict[str, str | None]:
    texts = [t for p, t, *_ in CASES + NEIGHBOURS + GENERIC if p == program]
    return dict(zip(texts, catalogue_unseen.read_unseen(program, texts), strict=True))


@pytest.mark.parametrize(("program", "text", "causes"), CASES, ids=[f"{p}:{t[:40]}" for p, t, _ in CASES])
def test_a_message_of_a_program_nobody_catalogued_reads_to_its_cause(program: str, text: str, causes: set[str]) -> None:
    assert _read(program)[text] in causes


@pytest.mark.parametrize(("program", "text", "causes"), NEIGHBOURS, ids=[f"{p}:{t[:40]}" for p, t, _ in NEIGHBOURS])
def test_a_neighbour_keeps_its_own_reading(program: str, text: str, causes: set[str] | None) -> None:
    got = _read(program)[text]
    assert got is not None and got != "declined" and not got.startswith("crash"), got
    if causes is None:
        assert got not in SPECIFIC, got
    else:
        assert got in causes, got


@pytest.mark.parametrize(("program", "text"), GENERIC, ids=[f"{p}:{t[:40]}" for p, t in GENERIC])
def test_a_bare_failure_stays_a_failure_without_a_made_up_cause(program: str, text: str) -> None:
    got = _read(program)[text]
    assert got is not None and got != "declined" and not got.startswith("crash"), got
    assert got not in SPECIFIC, got
