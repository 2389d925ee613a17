"""More English concepts (data/concepts.yaml), families several programs put in their own words:
a server that takes no login before TLS (IMAP's LOGINDISABLED, RFC 3501 and RFC 9051 section 6.2.3), no login method
both sides support (RFC 4422 section 3.1, RFC 4954 section 4), and a reply that is no reply of the protocol the client
speaks (another protocol's server on the port), and TLS the client requires that the server does not offer (RFC 3207
section 4, RFC 8314 section 4.1). Each wording is read here by the concept layer alone, as a text no
table row knows is read (before these groups: 0 of them read as their cause, most declined, the LOGINDISABLED ones
read as an account disabled), and through explain.

Sources of the wordings (one per case, in the comment beside it):
  Claws Mail, Apple Mail, Roundcube, Sylpheed, go-imap, Balsa, AOSP Email (their catalogued strings, as
    mailexpert/data/client-messages.yaml and library-messages.yaml cite them);
  ruby/net-imap:lib/net/imap/errors.rb (LoginDisabledError); muttmua/mutt:imap/auth_login.c;
  Rebex.Smtp's resource strings ('None of the supported authentication methods is accepted by the server.');
  curl/curl:lib/imap.c and lib/smtp.c (CURLE_WEIRD_SERVER_REPLY);
  apache/commons-net:src/main/java/org/apache/commons/net/imap/IMAPReply.java;
  jakartaee/mail-api:api/src/main/java/com/sun/mail/imap/protocol/IMAPProtocol.java; curl/curl:lib/strerror.c.
The neighbours keep their readings: an account that is disabled, a CAPABILITY list that names LOGINDISABLED, an SSH
client's methods, a login refused; and a text that says only that sending failed names none of these causes.
"""

from __future__ import annotations

import pytest

from mailexpert import concepts
from mailexpert.errors import InputError
from mailexpert.explain import explain

PRIVACY = {"wording": "server-words", "status": "no", "code": "PRIVACYREQUIRED"}
MECHANISM = {"wording": "mechanism"}
NOT_THE_PROTOCOL = {"wording": "bad-greeting"}
NOT_OFFERED = {"wording": "starttls-not-offered"}
STRIPPED = "starttls-not-offered"

CATALOGUE = [
    # LOGINDISABLED in the clients' and libraries' words
    ("Logins are disabled for “mail.example.com”.", PRIVACY, "auth-requires-tls"),  # Apple Mail
    ("Server logins are disabled.", PRIVACY, "auth-requires-tls"),  # Claws Mail
    ("Server requires STARTTLS to log in.", PRIVACY, "auth-requires-tls"),  # Claws Mail
    ("Login disabled by IMAP server", PRIVACY, "auth-requires-tls"),  # Roundcube
    ("IMAP4 server disables LOGIN.", PRIVACY, "auth-requires-tls"),  # Sylpheed
    ("Login is disabled in current state", PRIVACY, "auth-requires-tls"),  # go-imap ErrLoginDisabled
    ("Remote server has disabled the LOGIN command", PRIVACY, "auth-requires-tls"),  # ruby/net-imap
    ("LOGIN disabled on this server.", PRIVACY, "auth-requires-tls"),  # mutt imap/auth_login.c
    # no login method both sides support
    ("No way to authenticate is known", MECHANISM, "auth-mechanism-unsupported"),  # Balsa
    ("No SMTP AUTH method available", MECHANISM, "auth-mechanism-unsupported"),  # Claws Mail
    ("Authentication methods aren't supported by server.", MECHANISM, "auth-mechanism-unsupported"),  # AOSP Email
    ("None of the supported authentication methods is accepted by the server.", MECHANISM,
     "auth-mechanism-unsupported"),  # Rebex
    # a reply that is not the protocol's
    ("Weird server reply", NOT_THE_PROTOCOL, "wrong-protocol-on-port"),  # curl CURLE_WEIRD_SERVER_REPLY
    ("Got unexpected smtp-server response: mail.example.com", NOT_THE_PROTOCOL, "wrong-protocol-on-port"),  # curl
    ("Got unexpected imap-server response", NOT_THE_PROTOCOL, "wrong-protocol-on-port"),  # curl lib/imap.c
    ("Received unexpected IMAP protocol response from server: 'mail.example.com'.", NOT_THE_PROTOCOL,
     "wrong-protocol-on-port"),  # commons-net
    # TLS the client requires and the server does not give
    ("TLS required but not available", NOT_OFFERED, STRIPPED),  # Balsa
    ("TLS required but not supported by server.", NOT_OFFERED, STRIPPED),  # AOSP Email
    ("STARTTLS required but not supported by server", NOT_OFFERED, STRIPPED),  # JavaMail IMAPProtocol
    ("Requested SSL level failed", NOT_OFFERED, STRIPPED),  # curl CURLE_USE_SSL_FAILED
]


def _roots(text: str) -> set[str]:
    return {d.cause for d in explain(text).diagnoses if d.is_root}


@pytest.mark.parametrize(("text", "gives", "cause"), CATALOGUE)
def test_the_concepts_alone_read_the_wording(text: str, gives: dict[str, str], cause: str | set[str]) -> None:
    found = concepts.read(text)
    assert found is not None, "no concept reading"
    assert {k: v for k, v in found.reading.gives.items() if k in gives} == gives


@pytest.mark.parametrize(("text", "gives", "cause"), CATALOGUE)
def test_explain_names_the_cause(text: str, gives: dict[str, str], cause: str | set[str]) -> None:
    report = explain(text)
    assert report.diagnoses, "declined or called fine"
    assert all(d.severity == "error" for d in report.diagnoses if d.is_root)
    assert ({cause} if isinstance(cause, str) else cause) <= _roots(text)


# Neighbours: another cause keeps its text.
NEIGHBOURS = [
    # an account's own state, said with the same "disabled"
    ("Login disabled for this account", {"account-locked"}),
    ("Your account has been disabled", {"account-locked"}),
    # a login refused, in a message that calls it unexpected (RFC 4954 section 6, 535)
    ("Unexpected response to AUTH: 535 5.7.8 Error: authentication failed", {"password-rejected"}),
]


@pytest.mark.parametrize(("text", "causes"), NEIGHBOURS)
def test_the_neighbours_keep_their_readings(text: str, causes: set[str]) -> None:
    assert _roots(text) == causes


# Words that must not be read as the new concepts.
NOT_THESE = [
    # a greeting's CAPABILITY list names LOGINDISABLED (RFC 9051 section 7.1): what is offered, no failure
    "* OK [CAPABILITY IMAP4rev2 STARTTLS LOGINDISABLED] Server ready",
    # an SSH client's methods (PuTTY): another protocol's login
    "Disconnected: No supported authentication methods available (server sent: publickey,gssapi-keyex,gssapi-with-mic)",
    # TLS required and tried: a handshake that failed is no offer missing (RFC 8446 section 6)
    "TLS required: handshake failed with alert",
]


@pytest.mark.parametrize("text", NOT_THESE)
def test_other_words_are_not_read_as_the_new_concepts(text: str) -> None:
    found = concepts.read(text)
    new = {"logins-disabled", "no-usable-mechanism", "unexpected-reply", "tls-required", "ssl-level"}
    assert found is None or not set(found.reading.all) & new, found.reading.all


def test_a_generic_failure_stays_a_failure_without_these_causes() -> None:
    report = explain("Sending failed")
    assert report.diagnoses
    assert all(d.severity == "error" for d in report.diagnoses if d.is_root)
    assert not _roots("Sending failed") & {"auth-requires-tls", "auth-mechanism-unsupported", "wrong-protocol-on-port"}


def test_a_capability_list_alone_is_no_failure_of_a_login() -> None:
    try:
        roots = _roots("* OK [CAPABILITY IMAP4rev2 STARTTLS LOGINDISABLED] Server ready")
    except InputError:
        return
    assert "auth-requires-tls" not in roots
