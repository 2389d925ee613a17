"""What a PHP webmail's error log says about its connection to the mail server (texts in the shape
Roundcube's rcube_imap.php and PHP's streams print them): a source line number is not a server
reply; the system's error text in the user's language (glibc's translations) is the same errno as
the English one; a TLS connection to localhost fails on a certificate that names the public host."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, recognise
from mailexpert.replies import find_reply


def top(text: str) -> str:
    diagnoses = [d for d in explain(text).diagnoses if d.is_root]
    return diagnoses[0].cause if diagnoses else "none"


ROUNDCUBE_LOG = (
    "[26-Nov-2021 22:20:44 +0800]: <jb9iloau> IMAP Error: Login failed for a@example.org against example.org "
    "from 192.0.2.7. Could not connect to ssl://example.org:993: Unknown reason in "
    "/var/www/roundcube/program/lib/Roundcube/rcube_imap.php on line {line} (POST /?_task=login&_action=login)"
)


@pytest.mark.parametrize("line", [200, 211, 250, 421, 554])
def test_a_php_source_line_number_is_not_a_reply_code(line: int) -> None:
    reply, _ = find_reply(ROUNDCUBE_LOG.format(line=line))
    assert reply == {}


def test_a_reply_after_on_line_words_of_its_own_is_still_read() -> None:
    # Only PHP's "on line N" is left out: a reply that a log quotes elsewhere on the line is read.
    reply, _ = find_reply("SMTP Error: Failed to set sender 'a@example.org'. 530 5.7.0 Must issue a STARTTLS "
                          "command first in /var/www/rcube.php on line 1595")
    assert reply.get("code") == 530


def test_the_unknown_reason_of_a_roundcube_log_line_stays_a_certificate_reading() -> None:
    # Before: "211 (POST /...)" read as an SMTP reply, a greeting of another protocol on an IMAP port.
    assert top(ROUNDCUBE_LOG.format(line=211)) == "cert-untrusted-issuer"


def test_the_php_warning_before_it_names_the_certificate_mismatch() -> None:
    text = ("PHP Warning:  stream_socket_client(): Peer certificate CN=`imap.example.net' did not match expected "
            "CN=`example.org' in /var/www/roundcube/program/lib/Roundcube/rcube_imap_generic.php on line 1060\n"
            + ROUNDCUBE_LOG.format(line=211))
    assert top(text) == "cert-hostname-mismatch"


# glibc's po/<lang>.po translations of strerror(ECONNREFUSED), as PHP passes the system's text on.
REFUSED = ["Verbindungsaufbau abgelehnt", "Connexion refusée", "Conexión rehusada", "Connessione rifiutata",
           "Verbinding is geweigerd", "Conexão recusada", "Połączenie odrzucone"]


@pytest.mark.parametrize("words", REFUSED)
def test_a_translated_connection_refused_is_a_refused_connection(words: str) -> None:
    text = f"IMAP Error: Login failed for a@example.org from 192.0.2.7. Could not connect to mail.example.org:143: {words}"
    connects = [f for f in recognise(text).facts if f.kind == "tcp.connect"]
    assert connects and connects[0].get("outcome") == "refused"
    assert top(text) == "port-closed"


@pytest.mark.parametrize(("words", "outcome"), [
    ("Die Wartezeit für die Verbindung ist abgelaufen", "timeout"),
    ("Keine Route zum Zielrechner", "unreachable"),
    ("Connexion ré-initialisée par le correspondant", "reset"),
])
def test_other_translated_errnos(words: str, outcome: str) -> None:
    text = f"Could not connect to mail.example.org:143: {words}"
    connects = [f for f in recognise(text).facts if f.kind == "tcp.connect"]
    assert connects and connects[0].get("outcome") == outcome


@pytest.mark.parametrize("target", ["ssl://localhost:993", "ssl://127.0.0.1:465", "ssl://[::1]:993"])
def test_a_tls_connection_to_localhost_fails_on_the_name(target: str) -> None:
    assert top(f"Could not connect to {target}: Unknown reason") == "cert-hostname-mismatch"


def test_a_tls_connection_to_a_named_server_keeps_the_unspecified_reading() -> None:
    assert top("Could not connect to ssl://mail.example.org:993: Unknown reason") == "cert-untrusted-issuer"
