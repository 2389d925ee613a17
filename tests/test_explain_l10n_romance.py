"""The concept groups in French, Spanish, Catalan, Galician, Italian, Portuguese, Romanian, Esperanto, Albanian,
Indonesian/Malay and Vietnamese (data/concept-words/<language>.yaml): each word carries its group's concept in the
catalogues of at least two different programs, so that a program nobody collected strings from is read by the words
the others use. Each case is a program's own translated message, as mailexpert/data/client-messages.yaml,
library-messages.yaml and data/translations/ quote it from the program's l10n files (the program, the language and
the message's key beside it); benchmarks/catalogue_unseen.py reads them with that program's own rows taken away,
which is what the concept layer alone does here. Before these words the concept layer read none of them right
(most read nothing, a text that explain then declines).

Sources of the wordings (the catalogues' own citations): thunderbird/thunderbird-l10n; thunderbird/thunderbird-android
(app-k9mail/ui strings); GNOME/evolution, GNOME/geary, GNOME/gnome-online-accounts po/; KDE kmail and kio-extras
translations; claws-mail, sylpheed, mutt, neomutt, fetchmail, msmtp po/; deltachat-core; Foundry376/Mailspring
lang/; roundcube/roundcubemail program/localization; horde/Imap_Client locale; nextcloud/mail l10n; PHPMailer
language/; aosp-mirror platform_packages_apps_email res/values-*/strings.xml.
"""

from __future__ import annotations

import pytest

from mailexpert import concepts
from mailexpert.explain import explain

REFUSED = {"wording": "refused"}
CONNECT = {"wording": "connect-failed"}
MISMATCH = {"tls": ["cert-invalid", "hostname-mismatch"]}
UNTRUSTED = {"tls": ["cert-invalid", "untrusted-issuer"]}
EXPIRED = {"tls": ["cert-invalid", "expired"]}
STARTTLS_FAILED = {"wording": "starttls-failed"}
NOT_OFFERED = {"wording": "starttls-not-offered"}
MECHANISM = {"wording": "mechanism"}
LOCKED = {"wording": "server-words", "enhanced": "5.7.13"}
RESET = {"socket": "reset"}
NXDOMAIN = {"dns": "nxdomain"}

PASSWORD = "password-rejected"

CATALOGUE = [
    # a login refused: the credentials' and the failure's words
    ('No se puede iniciar sesión como "mail.example.com". Por favor, compruebe si la dirección de correo y la '
     'contraseña son correctas.', REFUSED, PASSWORD),  # Delta Chat es CannotLogin
    ("No es pot iniciar la sessió com a \"mail.example.com\". Comproveu que l'adreça electrònica i la contrasenya "
     "són correctes.", REFUSED, PASSWORD),  # Delta Chat ca CannotLogin
    ("Accesso fallito: username o password non corretti.", REFUSED, PASSWORD),  # Horde it REASON_BADLOGIN
    ("Autenticazione mail.example.com non riuscita", REFUSED, PASSWORD),  # Evolution it
    ("Login IMAP4 fallito.", REFUSED, PASSWORD),  # Sylpheed it
    ("Non foi posíbel autenticar co servidor POP mail.example.com: ", REFUSED, PASSWORD),  # Evolution gl
    ("Non foi posible iniciar sesión en mail.example.com. Actualiza os axustes do teu servidor de entrada.", REFUSED,
     PASSWORD),  # Thunderbird for Android gl
    ("Nome de utilizador ou palavra-passe incorretos.", REFUSED, PASSWORD),  # Thunderbird for Android pt-PT
    ("Aŭtentiga Eraro - Kontrolu vian uzantnomon kaj pasvorton.", REFUSED, PASSWORD),  # Mailspring eo
    ("eraro okazis je aŭtentigo", REFUSED, PASSWORD),  # Claws Mail eo
    ("Mirëfilltësimi dështoi:\nmail.example.com", REFUSED, PASSWORD),  # Claws Mail sq
    ("Dështoi mirëfilltësimi për mail.example.com. Përditësoni rregullimet për shërbyesin tuaj dërgues.", REFUSED,
     PASSWORD),  # Thunderbird for Android sq
    ("Kesalahan Otentikasi - Periksa nama pengguna dan kata sandi Anda.", REFUSED, PASSWORD),  # Mailspring id
    ("Kesalahan autentikasi SMTP", REFUSED, PASSWORD),  # Nextcloud Mail id
    # too many failed logins: a lock-out
    ("Troppi tentativi di accesso non riusciti. Tenta di nuovo più tardi.", LOCKED, "account-locked"),  # Roundcube it
    ("Muitas tentativas de login inválidas. Tente novamente depois.", LOCKED, "account-locked"),  # Roundcube pt-BR
    # the certificate's name, its issuer
    ("A identidade do servidor não corresponde à identidade no certificado", MISMATCH,
     "cert-hostname-mismatch"),  # Geary pt-BR
    ("O certificado não coincide com a identidade esperada do sítio do qual foi obtido.", MISMATCH,
     "cert-hostname-mismatch"),  # GNOME Online Accounts pt
    ("La atestilo ne kongruas la antaŭviditan identecon de la retejo de kiu ĝi estis ricevita.", MISMATCH,
     "cert-hostname-mismatch"),  # GNOME Online Accounts eo
    ("Certificat du serveur sans confiance", UNTRUSTED, {"cert-untrusted-issuer", "cert-self-signed"}),  # Mutt fr
    # TLS that failed or is not offered
    ("mail.example.com: aggiornamento a TLS fallito.", STARTTLS_FAILED,
     {"starttls-failed", "starttls-not-offered"}),  # fetchmail it
    ("No se puede iniciar una conexión TLS segura al servidor IMAP", STARTTLS_FAILED,
     {"starttls-failed", "cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch"}),  # Horde IMAP Client es
    ("StartTLS không khả dụng.", NOT_OFFERED, {"starttls-not-offered", "starttls-stripped"}),  # Mailspring vi
    # no login method both sides have
    ("Aucune méthode d'authentification IMAP n'a pu être trouvée.", MECHANISM,
     "auth-mechanism-unsupported"),  # Horde IMAP Client fr
    # a connection that failed or was closed
    ("No es pot connectar amb el servidor.", CONNECT, None),  # SnappyMail ca
    ("Non se pode conectar con o servidor IMAP4: mail.example.com:mail.example.com", CONNECT, None),  # Sylpheed gl
    ("Não é possível se conectar ao servidor.", CONNECT, None),  # AOSP Email pt
    ("SMTP-eraro: Ne eblis konektiĝi al la SMTP-gastiganto.", CONNECT, None),  # PHPMailer eo
    ("SMTP Connect() fallita.", CONNECT, None),  # PHPMailer it
    ("La connexion a été fermée par le serveur.", RESET, None),  # Sylpheed fr
    ("Conexión con mail.example.com:mail.example.com cerrada por la máquina remota.", RESET, None),  # Claws Mail es
    ("Sambungan ke mail.example.com:mail.example.com ditutup oleh remote host.", RESET, None),  # Claws Mail id
]


def _roots(text: str) -> set[str]:
    return {d.cause for d in explain(text).diagnoses if d.is_root}


@pytest.mark.parametrize(("text", "gives", "cause"), CATALOGUE)
def test_the_concepts_alone_read_the_wording(text: str, gives: dict[str, object], cause: object) -> None:
    found = concepts.read(text, about_mail=True)
    assert found is not None, "no concept reading"
    assert {k: v for k, v in found.reading.gives.items() if k in gives} == gives, found.reading.all


@pytest.mark.parametrize(("text", "gives", "cause"), CATALOGUE)
def test_explain_reads_a_failure_with_the_cause(text: str, gives: dict[str, object], cause: object) -> None:
    report = explain(text)
    assert report.diagnoses, "declined or called fine"
    assert all(d.severity == "error" for d in report.diagnoses if d.is_root)
    if cause is not None:
        assert ({cause} if isinstance(cause, str) else cause) & _roots(text)


# Neighbours: words these languages share with other meanings keep their own readings.
NEIGHBOURS = [
    # an expired certificate is no password that expired ("caducat" is Catalan's word for both)
    ("El certificat del servidor ha caducat", EXPIRED),  # Geary ca cert-expired
    ("O certificado do servidor caducou", EXPIRED),  # Geary gl cert-expired
    # a host name nobody knows, in Catalan
    ("mail.example.com:mail.example.com: amfitrió desconegut.", NXDOMAIN),  # Claws Mail ca
]


@pytest.mark.parametrize(("text", "gives"), NEIGHBOURS)
def test_the_neighbours_keep_their_readings(text: str, gives: dict[str, object]) -> None:
    found = concepts.read(text, about_mail=True)
    assert found is not None
    assert {k: v for k, v in found.reading.gives.items() if k in gives} == gives, found.reading.all


# "Unknown" beside a host name is a look-up only where the word names the host: an unknown error of a login is not.
def test_an_unknown_error_of_a_login_is_no_unknown_host() -> None:
    found = concepts.read("Erro descoñecido de login ou autenticación en mail.example.com@mail.example.com",
                          about_mail=True)  # fetchmail gl
    assert found is None or "dns" not in found.reading.gives, found.reading.all


# Words of these languages that say nothing of a failure: no reading, or none of a login refused.
NOT_THESE = [
    "Saludos, el equipo de soporte",  # a Spanish letter's closing: no greeting of a server
    "Mensaje enviado correctamente al servidor",  # Spanish: the message was sent
    "Le message a été envoyé. Vérifiez votre boîte de réception.",  # French: sent; "check your inbox"
]


@pytest.mark.parametrize("text", NOT_THESE)
def test_other_words_are_not_read_as_a_failure(text: str) -> None:
    found = concepts.read(text, about_mail=True)
    assert found is None, (found.reading.all, found.reading.gives)


def test_a_generic_failure_stays_a_failure_without_a_specific_cause() -> None:
    # French, Spanish and Portuguese "an error occurred" (Mailspring, Roundcube): a failure, no reason given
    for text in ("Une erreur est survenue.", "Se ha producido un error.", "Ocorreu um erro."):
        report = explain(text + " (SMTP)")
        assert report.diagnoses, text
        assert all(d.severity == "error" for d in report.diagnoses if d.is_root)
        assert not _roots(text + " (SMTP)") & {PASSWORD, "cert-hostname-mismatch", "account-locked",
                                              "auth-mechanism-unsupported"}
