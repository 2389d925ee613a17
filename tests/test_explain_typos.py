"""A catalogue text retyped with one slip in a long word, wrapped inside a word, or cut off inside its
last word reads as the text itself (mailexpert/retyped.py, through pastetext.decoded).

Every text is a catalogue row's own (mailexpert/data/client-messages.yaml, library-messages.yaml),
from the public source named beside it, with the slip a user retyping it from a screenshot makes
(a letter dropped, doubled, swapped with the next or replaced by its neighbour on the keyboard), the
break a terminal's hard wrap puts into it, or the end a paste cut it at. Beside them: the neighbours
(words one edit apart, words the package knows) that must keep their own readings, texts that are not
about mail that must stay declined, and a text that says only that something failed, which stays a
failure with its candidates.
"""

from __future__ import annotations

import pytest
from helpers import causes_of

from mailexpert.explain import explain
from mailexpert.retyped import repaired

#: (text as pasted, the causes its catalogue row names, source)
RETYPED = [
    ("TLS not suppirted by server", {"starttls-not-offered", "starttls-stripped"}, "python/cpython:Lib/imaplib.py"),
    ("Lost connectiin with SMTP server", {"plaintext-on-tls-port", "server-unavailable"},
     "deanproxy/eMail:src/smtpcommands.c"),
    ("Remote server has disabeld the LOGIN command", {"auth-requires-tls"}, "ruby/net-imap:lib/net/imap/errors.rb"),
    ("Server cerrtificate is not yet valid", {"cert-not-yet-valid", "clock-skew"}, "neomutt/neomutt:conn/openssl.c"),
    ("Certficate host check failed: mail.example.com", {"cert-hostname-mismatch"}, "neomutt/neomutt:conn/openssl.c"),
    ("The SMTP server does not support autthentication.", {"smtp-auth-not-enabled"},
     "jstedfast/MailKit:MailKit/Net/Smtp/SmtpClient.cs"),
    ("The certtificate for mail.example.com does not come from a trusted source.",
     {"cert-untrusted-issuer", "cert-self-signed"},
     "mozilla/releases-comm-central:mail/locales/en-US/messenger/certError.ftl (cert-error-untrusted-default)"),
    ("SASL authentictaion failed", {"password-rejected"}, "neomutt/neomutt:imap/auth.c"),
    # Read as FINE before: "code 220" taken for the server's greeting once "Expected" no longer said it was
    # the code the library waited for.
    ('Expecetd response code 220 but got code "", with message "SSH-2.0-OpenSSH_9.2p1 Debian-2"',
     {"wrong-protocol-on-port"}, "swiftmailer/swiftmailer:lib/classes/Swift/Transport/AbstractSmtpTransport.php"),
    ("Could not authenticate to the SMTP server because no mstching authentication method has been found",
     {"auth-mechanism-unsupported"}, "KDE/ksmtp:src/session.cpp"),
    ("Only plain text chaaracters (7-bit ASCII) are allowed in passwords. UTF or composed characters are not allowed.",
     {"client-config-corrupt"}, "truenas/middleware:src/middlewared/middlewared/plugins/mail.py"),
    ("Unrecognized Certifcate", {"cert-untrusted-issuer", "cert-self-signed"},
     "thunderbird/thunderbird-android:app/ui/legacy/src/main/res/values/strings.xml "
     "(account_setup_failed_dlg_invalid_certificate_title)"),
    ("server does not require authenticarion", {"smtp-auth-not-enabled", "auth-requires-tls"},
     "pfsense/pfsense:src/etc/inc/smtp.inc"),
    ("Server disables LOGIN, no recognized SASL authenticcator", {"auth-requires-tls"},
     "uw-imap/imap:src/c-client/imap4r1.c"),
    ("Misconfiguration: Cannot set both secure=true for TLS and doSTTARTTLS=true for STARTTLS.",
     {"client-config-corrupt"}, "postalsys/imapflow:lib/imap-flow.js"),
]

WRAPPED = [
    ("Failed to connect to mail.example.com:587 after 30012 ms: Could not c\nonnect to server", {"port-closed"},
     "curl/curl:lib/strerror.c (CURLE_COULDNT_CONNECT, since 8.21)"),
    ("exchangelib.errors.UnauthorizedError: No compatible auth type was reported by se\nrver",
     {"auth-mechanism-unsupported", "basic-auth-disabled"}, "ecederstrand/exchangelib:exchangelib/transport.py"),
    ("Misconfiguration: Cannot set both secure=true for TLS and doSTARTTLS=true for ST\nARTTLS.",
     {"client-config-corrupt"}, "postalsys/imapflow:lib/imap-flow.js"),
    ("SASL authenti-\ncation failed", {"password-rejected"}, "neomutt/neomutt:imap/auth.c"),
    ("SASL authenti\ncation failed", {"password-rejected"}, "neomutt/neomutt:imap/auth.c"),
]

CUT = [
    ("You do not have the permission to send the message on behalf of the specif", {"sender-address-not-allowed"},
     "https://learn.microsoft.com/en-us/troubleshoot/exchange/mailflow/cannot-send-email-with-full-access"),
    ("mailbox `imap://mail.example.com': cannot open: Permission d", {"server-unavailable", "client-config-corrupt"},
     "gnu-mirror-unofficial/mailutils:libproto/imap/select.c"),
    ("The certificate for mail.example.com does not come from a tr", {"cert-untrusted-issuer", "cert-self-signed"},
     "mozilla/releases-comm-central:mail/locales/en-US/messenger/certError.ftl (cert-error-untrusted-default)"),
    ("STARTTLS was required but the server did not issue a STARTTLS c", {"starttls-not-offered", "starttls-stripped"},
     "Kitura/Swift-SMTP:Sources/SwiftSMTP/SMTPError.swift"),
    ("The server said you must sign in via your webma", {"web-login-required"},
     "Foundry376/Mailspring:app/src/mailsync-process.ts (ErrorNeedsConnectToWebmail)"),
    ("Failed to connect to mail.example.com:587 after 30012 ms: Could not c", {"port-closed"},
     "curl/curl:lib/strerror.c (CURLE_COULDNT_CONNECT, since 8.21)"),
]


def _top(text: str) -> str | None:
    causes = causes_of(text)
    return causes[0] if causes else None


@pytest.mark.parametrize(("text", "causes", "source"), RETYPED + WRAPPED + CUT, ids=lambda v: str(v)[:50])
def test_reads_as_the_catalogue_text(text: str, causes: set[str], source: str) -> None:
    assert _top(text) in causes


@pytest.mark.parametrize(("text", "causes", "source"), RETYPED, ids=lambda v: str(v)[:50])
def test_a_retyped_word_gains_no_confidence(text: str, causes: set[str], source: str) -> None:
    """The slip's reading is the exact text's: the same cause, the same confidence, no more."""
    exact = explain(repaired(text)).top
    read = explain(text).top
    assert exact is not None and read is not None
    assert (read.cause, read.confidence, read.severity) == (exact.cause, exact.confidence, exact.severity)


#: Words the package knows stay as they are, however near another: each is a word of its own.
@pytest.mark.parametrize("word", ["connected", "connection", "authenticated", "authentication", "accepted",
                                  "certificates", "certificate", "verified", "supported", "unsupported"])
def test_a_known_word_is_never_changed(word: str) -> None:
    assert repaired(f"The {word} thing") == f"The {word} thing"


@pytest.mark.parametrize(("typed", "kept"), [
    ("excepted", "excepted"),  # no word of the tables one edit away: not "accepted"
    ("certified", "certified"),  # not "verified" (two edits)
    ("certificat", "certificat"),  # "certificate" and "certificates": one edit from both, so neither
    ("messsage", "messsage"),  # "message" has 7 letters: short words are never fuzzy
    ("conected", "connected"),
    ("authenticatoin", "authentication"),
])
def test_one_word(typed: str, kept: str) -> None:
    assert repaired(f"Error: {typed} here") == f"Error: {kept} here"


#: A text in another language is read as written: its word one edit from an English word of the tables is a word
#: of its own language ("persiste": French, Spanish, Italian for "persists"), not a slip (retyped.py's docstring).
@pytest.mark.parametrize("text", [
    "Impossible de joindre le serveur : le problème persiste",  # a word with a letter English does not write
    "La connexion au serveur a échoué, l'erreur persiste",
    "El error persiste después de reiniciar",
    "Сервер недоступен: ошибка persiste",
])
def test_a_text_in_another_language_is_read_as_written(text: str) -> None:
    assert repaired(text) == text


def test_the_same_slip_in_an_english_text_is_repaired() -> None:
    """The check that keeps the texts above as written leaves an English text's slip to be repaired. (Not
    "persiste" itself: a word of the translations, it is as likely another language's as a slip.)"""
    assert repaired("Error: the server authenticatoin failed after restart") == \
        "Error: the server authentication failed after restart"
    assert repaired("Error: conected here") == "Error: connected here"


@pytest.mark.parametrize("text", [
    "imap.certficate.example.org",  # a host name: a name, not a word a user retyped
    "user@authenticaton.example",
    "C:\\certficate\\store",
    "SOME_CERTFICATE_NAME",
    "\\nauthentication",  # an escape before the word (decoded before this step, here as typed)
])
def test_names_are_not_words(text: str) -> None:
    assert repaired(text) == text


def test_a_break_between_two_words_stays() -> None:
    """Two words the package knows on either side of a break are two words ("mail" / "box")."""
    assert repaired("Could not open the mail\nbox of the user") == "Could not open the mail\nbox of the user"


@pytest.mark.parametrize("text", [
    "Could not connect",  # whole: the words end where a wording of the tables goes on
    "Mail server imap.example.com is not an IMAP4 Server",  # whole, though a translation goes on: "serveris ..."
    "exchangelib.errors.UnauthorizedError: No compatible auth type was report",  # a whole word: no cut
    "SMTP Error: Could not authenticate",
    "Gmail IMAP is not enabled. Visit Gmail settings to turn it",  # a cut after a whole word: nothing added
    "The quick brown fox jumps over the lazy dog while the kettle boils in the kitc",
])
def test_no_completion_from_nothing(text: str) -> None:
    assert repaired(text) == text


@pytest.mark.parametrize("text", [
    "Segmentation fault (core dumped) after loading the plugin configuratoin file",
    "bash: syntax error near unexpected tokne `fi' in the install script",
    "TypeError: Cannot read properties of undefined (reading 'lenght')",
    "The quick brown fox jumps over the lazy dog while the kettle boils in the kithcen.",
    "Segmentation fault (core dumped) after loading the plugin confi",
])
def test_non_mail_texts_stay_declined(text: str) -> None:
    assert causes_of(text) == []


def test_a_generic_failure_stays_generic() -> None:
    """iOS Mail's "The connection to the server failed." (its 'Cannot Get Mail' alert, data/error-texts.yaml)
    says only that connecting failed: a failure with its candidates, none of them more than possible;
    retyped, it reads the same, no surer."""
    exact = explain("The connection to the server failed.")
    typed = explain("The connectoin to the server failed.")
    assert exact.top is not None and exact.top.severity == "error" and exact.top.confidence == "possible"
    assert [(d.cause, d.confidence, d.severity) for d in typed.diagnoses] == \
        [(d.cause, d.confidence, d.severity) for d in exact.diagnoses]
