"""Mail programs' and libraries' messages that ``explain`` used to decline (exit 2) although they say a
mail action failed: each is read from the program's own catalogue (data/client-messages.yaml,
data/library-messages.yaml), an error number its SDK header names, a mail server's log counts
(data/error-texts.yaml) or a concept word (data/concepts.yaml), in the forms users paste them."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def _top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


@pytest.mark.parametrize(("text", "causes"), [
    # SnappyMail / RainLoop: the login's domain has no server settings in the webmail, in English and translated
    ("Domain is not allowed!", {"client-config-corrupt"}),
    ("Ce domaine n'est pas autorisé", {"client-config-corrupt"}),
    ("Diese Domain ist nicht zugelassen.", {"client-config-corrupt"}),
    # Outlook's IMAP errors for UIDs that change or do not ascend (imnxport.h): the server breaks IMAP
    ("MsgSeqNum 259, New UID 6. Prev UID: 6, Next UID: 0.\n    Протокол:   IMAP\n    Сервер:   imap.example.ru\n"
     "    Порт:   993\n    Код ошибки:    0x800CCCDC", {"server-protocol-error"}),
    ("Protocol: IMAP, Port: 993, Secure(SSL): Yes, Error Number: 0x800CCCDB", {"server-protocol-error"}),
    # Webklex php-imap: connecting failed, its reason chained and not in the message
    ("Webklex\\PHPIMAP\\Exceptions\\ConnectionFailedException: connection setup failed",
     {"port-blocked-outbound", "port-closed"}),
    # Nextcloud Mail: beside its Change password button, in English and in French
    ("Connection failed. Please verify your information and try again", {"password-rejected"}),
    ("Connexion échouée. Merci de vérifier vos identifiants et réessayer", {"password-rejected"}),
    # Swift-SMTP as Foundation shows it: error 3 is badResponse (the server refused a command)
    ("The operation couldn’t be completed. (SwiftSMTP.SMTPError error 3.)", {"server-reply-permanent"}),
    # RFC 5530's code run together in a retyped K-9 error
    ("Authenticate plain; response#1#no, authenticationfailed,mbr1212",
     {"password-rejected", "app-password-required"}),
    # smtplib's exception named without the replies: a refusal at RCPT, not a declined text
    ("AttributeError: 'SMTPRecipientsRefused' object has no attribute 'errno'",
     {"smtp-auth-not-enabled", "server-reply-permanent"}),
    # OpenSSL's PEM reader: a file the program reads for itself is no PEM (neomutt's $certificate_file)
    ("SSL failed: error:0906D06C:PEM routines:PEM_read_bio:no start line", {"client-config-corrupt"}),
    ("error:0480006C:PEM routines::no start line", {"client-config-corrupt"}),
    # French and Czech words for a connection that failed, with a server named
    ("Ne peut pas se connecter au serveur.: undefined", {"port-blocked-outbound", "port-closed"}),
    ("Nepodařilo se připojit k serveru mail.example.cz", {"port-blocked-outbound", "port-closed"}),
    # Mailspring's banner while its sync cannot reach an account
    ("One or more accounts are having Connection Issues\nmailsync: null", {"port-blocked-outbound", "port-closed"}),
    # the short names of ENETUNREACH and EHOSTUNREACH (Rust's io::ErrorKind, ICMP's code names)
    ("Network unreachable", {"server-ip-blocked", "no-internet"}),
    ("connect: Host unreachable", {"server-ip-blocked", "no-internet"}),
])
def test_a_mail_programs_failure_is_read(text: str, causes: set[str]) -> None:
    assert _top(text) in causes


def test_the_webklex_starttls_message_leaves_the_tls_verdict_beside_it_first() -> None:
    # "failed to enable TLS" is common words: a TLS stack's certificate verdict after it says more.
    text = ("Webklex\\PHPIMAP\\Exceptions\\ConnectionFailedException: failed to enable TLS: "
            "stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL Error messages:\n"
            "error:0A000086:SSL routines::certificate verify failed")
    assert _top(text) != "starttls-failed"


def test_the_swift_enum_code_is_its_tag_not_its_declaration_index() -> None:
    # error 2 is noAuthMethodsOrRequiresTLS (the third payload case), not fileNotFound's neighbour.
    assert _top("The operation couldn’t be completed. (SwiftSMTP.SMTPError error 2.)") in {
        "auth-mechanism-unsupported", "oauth-required", "smtp-auth-not-enabled"}
