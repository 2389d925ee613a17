"""Closed-source clients' messages as users paste them: the whole dialog, with the client's own
prefix and the labelled details after it (Outlook's "Task '...' reported error (0x...)",
Outlook Express's "Account: ..., Error Number: 0x800CCCxx"), read to the causes their catalogue
rows (mailexpert/data/client-messages.yaml) name."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

LOGIN = {"password-rejected", "username-wrong"}
CONNECT = {"port-blocked-outbound", "port-closed", "plaintext-on-tls-port", "tls-on-plaintext-port"}


@pytest.mark.parametrize(("text", "causes"), [
    # Outlook 2007 and later.
    ("Task 'jo@example.com - Receiving' reported error (0x800CCCDD) : 'Your IMAP server closed the connection. "
     "This can occur if you leave the connection idle for too long.'", None),
    ("Task 'jo@example.com - Sending' reported error (0x800CCC78) : 'Cannot send the message. Verify the e-mail "
     "address in your account properties.  The server responded: 530 5.7.0 Must issue a STARTTLS command first'",
     {"auth-requires-tls"}),
    ("Task 'jo@example.com - Sending and Receiving' reported error (0x80040115) : 'We can't complete this because "
     "we can't contact the server right now. Please try again later.'", CONNECT),
    # Outlook Express and Windows Live Mail: the sentence, then the account's details.
    ("The host 'smtp.exmaple.com' could not be found. Please verify that you have entered the server name correctly. "
     "Account: 'Mail', Server: 'smtp.exmaple.com', Protocol: SMTP, Port: 25, Secure(SSL): No, Socket Error: 11004, "
     "Error Number: 0x800CCC0D", {"server-host-unknown", "server-host-typo"}),
    ("The connection to the server has failed. Account: 'Mail', Server: 'mail.example.com', Protocol: POP3, "
     "Port: 110, Secure(SSL): No, Socket Error: 10061, Error Number: 0x800CCC0E", {"port-closed"}),
    # A POP3 port for TLS spoken without it: the server waits for a handshake and says nothing.
    ("A time-out occurred while communicating with the server. Account: 'Mail', Server: 'pop.example.com', "
     "Protocol: POP3, Port: 995, Secure(SSL): No, Error Number: 0x800CCC19", {"plaintext-on-tls-port"}),
    # The narrower of two codes: PASS refused (0x800CCC92) beside "some -ERR came" (0x800CCC90).
    ("Your e-mail server rejected your login. Verify your user name and password for this account in Account "
     "Settings. Account: 'Mail', Server: 'pop.example.com', Protocol: POP3, Port: 110, Secure(SSL): No, "
     "Server Error: 0x800CCC90, Error Number: 0x800CCC92", LOGIN),
    ("Error Number: 0x800CCC16", LOGIN),
    # Outlook's IMAP codes (Windows SDK um/imnxport.h): LOGIN refused, every mechanism tried and refused, no
    # mechanism in common, and a greeting that is not IMAP's.
    ("Task 'imap.example.com - Receiving' reported error (0x800CCCD1) : 'Outlook cannot synchronize subscribed folders.'",
     LOGIN),
    ("Task 'imap.example.com - Receiving' reported error (0x800CCCE0)", {"password-rejected"}),
    ("Task 'imap.example.com - Receiving' reported error (0x800CCCDF)", {"auth-mechanism-unsupported"}),
    ("Task 'imap.example.com - Receiving' reported error (0x800CCCD5)", {"wrong-protocol-on-port"}),
    # The error number alone, as a user quotes it in a question.
    ("Outlook keeps showing 0x800CCC62 when I send", {"server-reply-permanent"}),
    # Windows Mail and Calendar: the Winsock error inside its HRESULT (the socket error table reads it).
    ("Something went wrong. We couldn't sync your account. Error code: 0x8007274c", {"port-blocked-outbound"}),
    ("Something went wrong. Error code: 0x8007274d", {"port-closed"}),
    ("Something went wrong. We couldn't sync your account. Error code: 0x8019019a",
     {"password-rejected", "app-password-required"}),
    # iOS Mail with a password the server no longer takes.
    ("Account not authenticated", LOGIN),
    ("Please enter the password for the Outlook account", LOGIN),
    # Apple Mail's alert for a sender refused at MAIL FROM (a server relaying only for a logged-in sender).
    ("Cannot Send Mail\nEmail Address Rejected by Server", {"smtp-auth-not-enabled", "password-rejected"}),
    # Apple Mail: the alert's title over a certificate it cannot verify, and a service name whose port it cannot find.
    ("Unable to verify SSL server imap.example.com\nThe root certificate for this server could not be verified.",
     {"cert-untrusted-issuer", "cert-self-signed"}),
    ("Can’t determine port to use for the TCP/IP service “imaps”.", {"client-config-corrupt"}),
    # QNAP's Notification Center when the provider wants its OAuth2 consent renewed (QNAP's FAQ on the warning).
    ("Authorization has expired. Reauthorize the account.", {"oauth-token-rejected"}),
    # Airmail's operations log.
    ("Error 80000: Err Authentication Needed", LOGIN),
])
def test_a_closed_source_clients_dialog_as_pasted_is_explained(text: str, causes: set[str] | None) -> None:
    top = explain(text).top
    assert top is not None, text
    if causes is not None:
        assert top.cause in causes, (text, top.cause)


@pytest.mark.parametrize("text", [
    # The recipient's server refusal decides, not the dialog's words around it.
    "Impossible d'envoyer le message car l'un des destinataires a été refusé par le serveur. L'adresse de messagerie "
    "refusée était '<personne@exemple.com>'.",
    "Zprávu nelze odeslat. Ověřte, zda je ve vlastnostech účtu zadána správná e-mailová adresa.",
])
def test_outlooks_translated_refusals_are_a_server_refusal(text: str) -> None:
    top = explain(text).top
    assert top is not None and top.cause not in {"port-blocked-outbound", "port-closed"}, (text, top and top.cause)


@pytest.mark.parametrize(("text", "causes"), [
    # A mail app's "could not get mail" alert in Spanish and Polish: the failure words of those languages
    # (Thunderbird's es-ES "ha fallado", pl "nie można", "się nie powiodło") with the connection's.
    ("No se puede obtener el correo\nLa conexión con el servidor ha fallado.", CONNECT),
    ("Nie można pobrać poczty\nPołączenie z serwerem nie powiodło się.", CONNECT),
])
def test_a_connection_failure_in_spanish_or_polish_is_read(text: str, causes: set[str]) -> None:
    top = explain(text).top
    assert top is not None and top.cause in causes, (text, top and top.cause)


def test_outlooks_french_details_give_the_setting() -> None:
    # "Protocole : POP3, Port : 995, Sécurisé (SSL) : Non" (KB 290842 in French): the account's setting is
    # read, so a POP3 port for TLS spoken without it reads as such.
    text = ("Délai d'attente dépassé. Compte : 'Mail', Serveur : 'pop.exemple.fr', Protocole : POP3, Port : 995, "
            "Sécurisé (SSL) : Non, Numéro d'erreur : 0x800CCC19")
    assert explain(text).top.cause == "plaintext-on-tls-port"


def test_outlook_express_timeout_is_a_wait_for_an_answer_not_a_connect() -> None:
    # IXP_E_TIMEOUT: the server did not answer on a connection made; on an implicit-TLS port with SSL
    # off the server waits for a handshake. A connect() that timed out is 0x800CCC0E with 10060.
    assert explain("Error Number: 0x800CCC19").top.cause in {"plaintext-on-tls-port", "port-blocked-outbound"}
    text = ("The connection to the server has failed. Account: 'Mail', Server: 'pop.example.com', Protocol: POP3, "
            "Port: 995, Secure(SSL): No, Socket Error: 10060, Error Number: 0x800CCC0E")
    assert explain(text).top.cause == "port-blocked-outbound"
