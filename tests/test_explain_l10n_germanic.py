"""German, Dutch, Danish, Swedish and Norwegian messages read with their own program's rows removed: what
the concept layer (mailexpert/data/concepts.yaml and concept-words/de.yaml, nl.yaml, da.yaml, sv.yaml,
nb.yaml, nn.yaml) knows of these languages' words, and of their compounds: "Serverzertifikat",
"Authentifizierungsfehler", "godkendelsesfejl", "servercertifikatet", "Tjenersertifikatet", whose later
part a word found only at a word's start missed.

Each case is a message of the catalogues, printed as tests/test_client_messages.py prints it (placeholders
filled) and explained as benchmarks/catalogue_unseen.py explains it: in a fresh process whose tables lack
every row of that program. Before the compound words and these languages' files, every case below was read
wrong or declined (benchmarks/catalogue_unseen.py --locale de|da|sv|nl|nb -v at main). The sources are the
programs' own l10n files, as their rows cite them:
  evolution              GNOME/evolution-data-server:po/{de,da,nb}.po
  gnome-online-accounts  GNOME/gnome-online-accounts:po/{de,sv}.po
  neomutt                neomutt/neomutt:po/{de,da}.po
  claws-mail             eworm-de/claws-mail:po/{de,da,nl}.po
  mailspring             Foundry376/Mailspring:app/lang/{de,da,sv,nl}.json
  nextcloud-mail         nextcloud/mail:l10n/{de,sv}.json
  fetchmail              Distrotech/fetchmail:po/{de,da,sv,nl}.po
  thunderbird-android    thunderbird/thunderbird-android:legacy/ui/legacy/src/main/res/values-{de,nb}/strings.xml
  horde-imap-client      horde/Imap_Client:locale/da/LC_MESSAGES/Horde_Imap_Client.po
  horde-smtp             horde/Smtp:locale/da/LC_MESSAGES/Horde_Smtp.po
  geary                  GNOME/geary:po/nb.po
  kmail                  KDE/kimap:po/{nl,nb}/libkimap6.po
  snappymail             the-djmaze/snappymail:snappymail/v/0.0.0/app/localization/{da,nb}/user.json
  phpmailer              PHPMailer/PHPMailer:language/phpmailer.lang-{de,nl,nb}.php
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
UNTRUSTED = {"cert-untrusted-issuer", "cert-self-signed"}
CERTIFICATE = UNTRUSTED | {"cert-hostname-mismatch", "cert-expired"}
FAILURE = None  # the row names no cause: a failure, with no specific cause made up

#: (program, message as printed, the causes it must read as; None: a failure without a specific cause).
CASES = [
    # German: the compounds' later parts ("-fehler", "-zertifikat", "-aussteller") and the words of
    # GNOME's translators ("Legitimierung", "gescheitert") and of "nicht verfügbar".
    ("nextcloud-mail", "IMAP-Authentifizierungsfehler", LOGIN),
    ("nextcloud-mail", "SMTP-Authentifizierungsfehler", LOGIN),
    ("mailspring", "Authentifizierungsfehler - Überprüfen Sie Ihren Benutzernamen und Ihr Passwort.", LOGIN),
    ("fetchmail", "Authentifikationsfehlschlag bei mail.example.com@mail.example.commail.example.com\n", LOGIN),
    ("fetchmail", "Unbekannter Einlogg- oder Authentifikationsfehler bei mail.example.com@mail.example.com\n", LOGIN),
    ("claws-mail", "Einloggen am IMAP-Server mail.example.com schlug fehl.", LOGIN),
    ("neomutt", "Serverzertifikat wird nicht vertraut", UNTRUSTED),
    ("gnome-online-accounts", "Der Zertifikatsaussteller ist nicht bekannt.", UNTRUSTED),
    ("evolution", "Legitimierung am POP-Server mail.example.com gescheitert: ", LOGIN),
    ("evolution", "mail.example.com-Legitimierung gescheitert", LOGIN),
    ("evolution", "Legitimierung vorübergehend gescheitert", {"server-unavailable"}),
    ("evolution", "STARTTLS-Befehl gescheitert: ", {"starttls-failed"}),
    ("mailspring", "StartTLS ist nicht verfügbar.", STARTTLS_MISSING),
    # Danish: "-fejl", "-certifikat", "godkendelse", "afvise", "ikke tilgængelig".
    ("fetchmail", "Godkendelsesfejl på mail.example.com@mail.example.commail.example.com\n", LOGIN),
    ("fetchmail", "Fejl vedrørende verificering af servercertifikat: mail.example.com\n", CERTIFICATE),
    ("mailspring", "Godkendelsesfejl - Kontroller dit brugernavn og din adgangskode.", LOGIN),
    ("claws-mail", "der opstod fejl under godkendelse\n", LOGIN),
    ("horde-smtp", "Serveren afviste godkendelsen.", LOGIN),
    ("horde-imap-client", "Godkendelsen fejlede.", LOGIN),
    ("evolution", "Midlertidig autentificeringsfejl", {"server-unavailable"}),
    ("mailspring", "StartTLS er ikke tilgængelig.", STARTTLS_MISSING),
    # Swedish: "-certifikat" ("servercertifikatet", "Signeringscertifikatets"), "avvisa", "inte tillgänglig".
    ("fetchmail", "Fel vid verifiering av servercertifikatet: mail.example.com\n", CERTIFICATE),
    ("gnome-online-accounts", "Signeringscertifikatets utfärdare är okänd.", UNTRUSTED),
    ("nextcloud-mail", "IMAP-servern avvisar autentisering", LOGIN),
    ("mailspring", "StartTLS är inte tillgängligt.", STARTTLS_MISSING),
    # Dutch: "-fout" ("Aanmeldingsfout", "Verificatiefout"), "-certificaat", "niet beschikbaar", "verbroken".
    ("fetchmail", "Aanmeldingsfout op mail.example.com@mail.example.commail.example.com\n", LOGIN),
    ("fetchmail", "Fout bij verificatie van servercertificaat: mail.example.com\n", CERTIFICATE),
    ("mailspring", "Verificatiefout - Controleer uw gebruikersnaam en wachtwoord.", LOGIN),
    ("claws-mail", "SMTP AUTH methode niet beschikbaar\n", {"auth-mechanism-unsupported"}),
    ("kmail", "Verbinding vanaf de server verbroken bij aanmelden.", FAILURE),
    # Norwegian: "-tjener" (the server), "-sertifikat", "-feil", "klarte ikke".
    ("thunderbird-android", "Sertifikatfeil for mail.example.com", CERTIFICATE),
    ("geary", "Tjenersertifikatet er utgått", {"cert-expired", "clock-skew"}),
    ("geary", "Tjenersertifikatet er ikke signert av en kjent autoritet", UNTRUSTED),
    ("evolution", "Klarte ikke å autentisere mot POP-tjener mail.example.com: ", LOGIN),
    ("evolution", "Klarte ikke å sende STARTTLS", {"starttls-failed"}),
    ("snappymail", "Klarte ikke å koble til tjeneren", FAILURE),
]

#: The neighbours: messages of the same programs and languages that name another thing, which the new words
#: must not turn into a certificate or a login.
NEIGHBOURS = [
    # a connection's error: a compound of "fehler" / "fejl" / "fout" with no certificate or login in it
    ("mailspring", "Verbindungsfehler - Verbindung zum angegebenen Server/Port konnte nicht hergestellt werden.", None),
    ("mailspring", "Forbindelsesfejl - Kan ikke oprette forbindelse til den server / port, du har angivet.", None),
    ("mailspring", "Verbindingsfout - Kan geen verbinding maken met de server / poort die u hebt opgegeven.", None),
    # a refused login stays the login's, whatever compound says the error
    ("phpmailer", "SMTP-Fehler: Authentifizierung fehlgeschlagen.", LOGIN),
    ("phpmailer", "SMTP-fout: authenticatie mislukt.", LOGIN),
]

#: Messages that only say something failed: each must read as a failure, never fine or declined, and never as a
#: specific login, certificate or STARTTLS cause the words do not support.
GENERIC = [
    ("phpmailer", "SMTP-Fehler: Daten werden nicht akzeptiert."),
    ("phpmailer", "SMTP-Fehler: Konnte keine Verbindung zum SMTP-Host herstellen."),
    ("phpmailer", "SMTP-feil: Kunne ikke koble til SMTP-vert."),
]
SPECIFIC = LOGIN | STARTTLS_MISSING | CERTIFICATE | {"starttls-failed", "auth-mechanism-unsupported"}
ALL = CASES + NEIGHBOURS + [(p, t, FAILURE) for p, t in GENERIC]


@functools.cache
def _unseen(program: str) -> dict[str, str | None]:
    """Each of the program's texts here, explained without its rows (one process for the program)."""
    texts = [t for p, t, _ in ALL if p == program]
    return dict(zip(texts, catalogue_unseen.read_unseen(program, texts), strict=True))


@pytest.mark.parametrize(("program", "text", "causes"), ALL, ids=[f"{p}:{t[:40]}" for p, t, _ in ALL])
def test_a_germanic_message_reads_to_its_cause_without_its_programs_rows(
        program: str, text: str, causes: set[str] | None) -> None:
    got = _unseen(program)[text]
    assert got is not None and got != "declined" and not got.startswith("crash"), got
    assert got not in SPECIFIC if causes is None else got in causes, got
