"""The general layer under programs nobody catalogued (branch catgeneral): situations benchmarks/catalogue_unseen.py
found declined once a program's own rows were taken away, read by the concept table (mailexpert/data/concepts.yaml and
data/concept-words/<language>.yaml) whatever program says them; and their neighbours, which keep their reading or stay
declined.

Sources of the wordings (each word's own source stands in its data row):
- A server out of reach: nextcloud/mail ('IMAP server is not reachable' and its l10n: ru 'Сервер IMAP недоступен',
  pl 'Serwer IMAP jest nieosiągalny'), zammad ('Host not reachable!'), Thunderbird de ('nicht erreichbar'); RFC 1122
  section 3.2.2.1. Before, "unreachable" gave a connection fact without its route, which fits no rule: read as fine.
- STARTTLS or a secure session that failed: sylpheed ('Couldn't start TLS session'), laminas-mail ('Unable to connect
  via TLS'), uw-imap c-client ('SSL negotiation failed'); RFC 3207 section 4. Not git's 'unable to access URL'
  (git/git:http.c) nor OpenLDAP's 'ldap_start_tls' (openldap/openldap:libraries/libldap/tls2.c).
- A greeting never received: nodemailer ('Greeting never received'); RFC 5321 section 4.3.1.
- A connection closed or timed out: nodemailer ('Connection closed unexpectedly', 'Connection timeout'), Indy
  ('Connection Closed Gracefully.'); RFC 8314 section 3 and RFC 9293 section 3.8.3. Not OpenSSH's 'ssh: connect to host'
  (openssh/openssh-portable:sshconnect.c), whose host and port are ssh's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mailexpert import concepts
from mailexpert.errors import InputError
from mailexpert.explain import explain

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import catalogue_unseen  # noqa: E402

#: What the connect-failed reading lists: a connection that failed, its reason unsaid.
CONNECT = {"port-blocked-outbound", "port-closed", "client-outdated", "server-unavailable"}
STARTTLS = {"starttls-failed"}
NO_GREETING = {"plaintext-on-tls-port", "server-unavailable", "port-blocked-outbound"}


def _roots(text: str) -> list[str]:
    try:
        report = explain(text)
    except InputError as exc:
        pytest.fail(f"declined: {exc}")
    assert report.exit_status == 1, [(d.cause, d.severity) for d in report.diagnoses]
    return [d.cause for d in report.diagnoses if d.is_root]


READ = [
    # a server named out of reach, in no catalogue's words (no program says "unreachable")
    ("The SMTP server is unreachable", CONNECT),
    ("Sending failed: the mail server is unreachable", CONNECT),
    ("Der SMTP-Server ist nicht erreichbar", CONNECT),
    ("Сервер SMTP недоступен", CONNECT),
    # "not available" of a feature stays what is not offered
    ("Команда STARTTLS недоступна на сервере", {"starttls-not-offered", "starttls-stripped"}),
    # the upgrade or the secure session that failed, no mail word beside it
    ("Unable to start TLS with the server", STARTTLS),
    ("TLS session could not be established", STARTTLS),
    # a greeting awaited
    ("the server greeting was never received", NO_GREETING),
    # a name the look-up did not find
    ("Mail server not found.", {"server-host-unknown", "server-host-typo"}),
    # a login "not accepted" in any tense
    ("The server did not accept the user name or password", {"password-rejected", "username-wrong"}),
    # a connection that closed or timed out, no mail word beside it: read last, as the errno texts read alone
    ("Connection closed unexpectedly", NO_GREETING),
    ("The connection was closed by the server before a response was read", NO_GREETING),
    ("Connection timeout", CONNECT),
]


@pytest.mark.parametrize(("text", "causes"), READ)
def test_the_general_layer_reads_the_situation(text: str, causes: set[str]) -> None:
    roots = _roots(text)
    assert roots and roots[0] in causes, roots


def test_a_network_unreachable_keeps_its_route() -> None:
    # ENETUNREACH names the route that is missing: the socket table's reading, not a server out of reach.
    roots = _roots("connect to smtp.example.org port 587: Network is unreachable")
    assert roots[0] not in CONNECT, roots


@pytest.mark.parametrize("text", [
    "fatal: unable to access 'https://example.com/repo.git/': SSL connect error",
    "ldap_start_tls: Connect error (-11)",
    "ssh: connect to host example.com port 22: Connection timed out",
    "Failed to connect to the database",
])
def test_another_services_tls_stays_declined(text: str) -> None:
    with pytest.raises(InputError):
        explain(text)


#: (group, a word of a language that now says it, in a program's sentence).
WORDS = [
    ("out-of-reach", "Serwer IMAP jest nieosiągalny"),
    ("out-of-reach", "SMTP serveris yra nepasiekiamas"),
    ("not-offered", "StartTLS недоступен."),
    ("not-offered", "SMTP AUTH je nedostupná"),
    ("failure", "Nepavyksta prisijungti"),
    ("failure", "Не атрымалася знайсці назву сервера"),
    ("failure", "Хабарламаны жіберу мүмкін емес"),
    ("failure", "ورود به سیستم ناموفق بود"),
    ("closed", "Prisijungimas uždarytas nuotolinio serverio."),
    ("closed", "Elkarketa hurruneko hostalariak itxita."),
    ("wrong", "SMTP-notandanafn eða lykilorð er rangt"),
    ("wrong", "Sunucu kimlik doğrulamayı reddetti."),
    ("wrong", "IMAP-i server keeldus autentimisest"),
    ("wrong", "IMAP gebruikersnaam of wachtwoord is niet juist"),
    ("wrong", "Uporabniško ime ali geslo SMTP je neveljavno"),
    ("credentials", "Přihlášení k účtu se nezdařilo."),
    ("credentials", "Accesso non riuscito."),
    ("expired", "你的登入已到期."),
]


@pytest.mark.parametrize(("group", "text"), WORDS)
def test_a_languages_word_says_its_concept(group: str, text: str) -> None:
    assert concepts.names(text, group), (group, text)


def test_a_program_nobody_catalogued_is_read() -> None:
    # Nextcloud Mail's own messages, explained as catalogue_unseen explains them: without any row of Nextcloud Mail.
    got = catalogue_unseen.read_unseen("nextcloud-mail", [
        "Сервер IMAP недоступен", "Serwer IMAP jest nieosiągalny", "IMAP gebruikersnaam of wachtwoord is niet juist"])
    assert got[0] in CONNECT and got[1] in CONNECT, got
    assert got[2] in {"password-rejected", "username-wrong"}, got
