"""Login and authentication concepts (data/concepts.yaml) several programs put in their own words, read as a text no
table row knows is read (the situation of benchmarks/catalogue_unseen.py: a program nobody collected strings from):

- an OAuth2 sign-in token expired, revoked or not renewed (RFC 6749 sections 5.2 and 6, RFC 6750 section 3.1): the
  program signs in with a token (SASL XOAUTH2), so no password was sent and none will help (oauth-token-rejected);
- a login mechanism the client does not know, will not use, or the server does not offer, said as a mechanism, a
  method, a scheme, a mode or a type (RFC 4422 section 3.1, RFC 4954 section 4: auth-mechanism-unsupported);
- a server that takes no LOGIN on this connection, "LOGIN is disabled" (RFC 9051 section 6.2.3: auth-requires-tls).

Before these readings, 3 of the 23 CATALOGUE wordings read by the concept layer alone as their cause (the rest
declined, a password refused, an account locked or a TLS demand) and explain named the cause of 22 (most by their own
program's catalogued row); after, all of them both ways (tests: 32/53 before, 53/53 after).

Sources of the wordings (one per case, in the comment beside it; the catalogued ones as
mailexpert/data/client-messages.yaml and library-messages.yaml cite them):
  WPManageNinja/fluent-smtp:app/Services/Mailer/Providers/Gmail/Handler.php (and its Outlook provider);
  KDE/ksmtp:src/loginjob.cpp; KDE/kimap:src/loginjob.cpp; golang/oauth2:internal/token.go (retrieveToken:
  'oauth2: cannot fetch token: %v'); thunderbird/thunderbird-android:feature/account/oauth/src/main/res/values/
  strings.xml (account_oauth_loading_error); osTicket/osTicket:include/class.mail.php; Google's token endpoint (developers.google.com/identity/protocols/oauth2#expiration, invalid_grant
  'Token has been expired or revoked.');
  GNOME/gnome-online-accounts:src/goabackend/goasmtpauth.c; nodemailer/nodemailer:lib/smtp-connection/index.js;
  pear/Net_SMTP:Net/SMTP.php; gnu-mirror-unofficial/mailutils (MU_ERR_BAD_AUTH_SCHEME);
  GNOME/evolution-data-server:src/camel; cyrusimap/cyrus-sasl:lib/common.c (SASL_TOOWEAK); wneessen/go-mail:auth.go;
  ecederstrand/exchangelib:exchangelib/transport.py; marlam/msmtp:src/smtp.c;
  kaisellgren/mailer:lib/src/smtp/smtp_client.dart;
  jstedfast/MailKit:MailKit/Net/Imap/ImapClient.cs; mscdex/node-imap:lib/Connection.js.
The neighbours keep their readings: a password refused, an account disabled, a server that offers no AUTH at all, a
parser's "unexpected token"; and a text that says only that sending failed names none of these causes.
"""

from __future__ import annotations

import pytest

from mailexpert import concepts
from mailexpert.explain import explain

TOKEN = {"wording": "refused", "mechanism": "XOAUTH2"}
MECHANISM = {"wording": "mechanism"}
PRIVACY = {"wording": "server-words", "status": "no", "code": "PRIVACYREQUIRED"}

CATALOGUE = [
    # an OAuth2 token expired, revoked, not renewed
    ("Could not renew the Microsoft access token: invalid_grant. Please reconnect this Outlook connection in "
     "FluentSMTP settings.", TOKEN, "oauth-token-rejected"),  # FluentSMTP (Outlook provider)
    ("Failed to renew token with Gmail Api", TOKEN, "oauth-token-rejected"),  # FluentSMTP Gmail/Handler.php
    ("Failed to renew the token with the Gmail API", TOKEN, "oauth-token-rejected"),  # FluentSMTP scheduler
    ("Token expired", TOKEN, "oauth-token-rejected"),  # KDE/ksmtp loginjob.cpp
    ("Token has been expired or revoked.", TOKEN, "oauth-token-rejected"),  # Google's token endpoint
    ("oauth2: cannot fetch token: 400 Bad Request", TOKEN, "oauth-token-rejected"),  # golang/oauth2
    ("OAuth sign in failed", TOKEN, "oauth-token-rejected"),  # Thunderbird for Android
    ("OAuth2 Authentication Error", TOKEN, "oauth-token-rejected"),  # osTicket
    # a mechanism the client does not know or will not use, or the server does not offer
    ("Unknown authentication mechanism", MECHANISM, "auth-mechanism-unsupported"),  # GNOME Online Accounts
    ('Unknown authentication method "CRAM-MD5"', MECHANISM, "auth-mechanism-unsupported"),  # nodemailer
    ("CRAM-MD5 is not a supported authentication method", MECHANISM, "auth-mechanism-unsupported"),  # PEAR Net_SMTP
    ("Unsupported authentication scheme", MECHANISM, "auth-mechanism-unsupported"),  # GNU Mailutils
    ("Login failed, authentication mode CRAM-MD5 is not supported by the server.", MECHANISM,
     "auth-mechanism-unsupported"),  # KDE/kimap
    ("Authentication mechanism is too weak", MECHANISM, "auth-mechanism-unsupported"),  # Evolution (camel)
    ("mechanism too weak for this user", MECHANISM, "auth-mechanism-unsupported"),  # Cyrus SASL SASL_TOOWEAK
    ("server does not support SMTP AUTH type: PLAIN", MECHANISM, "auth-mechanism-unsupported"),  # go-mail
    ("exchangelib.errors.UnauthorizedError: No compatible auth type was reported by server", MECHANISM,
     "auth-mechanism-unsupported"),  # exchangelib
    ("cannot find a usable authentication method", MECHANISM, "auth-mechanism-unsupported"),  # msmtp
    ("The server does not support LOGIN authentication method.", MECHANISM,
     "auth-mechanism-unsupported"),  # kaisellgren/mailer (Dart)
    ("SMTP server mail.example.com does not support CRAM-MD5 authentication", MECHANISM,
     "auth-mechanism-unsupported"),  # Evolution (camel-smtp-transport)
    # LOGIN disabled by the server
    ("The LOGIN command is disabled.", PRIVACY, "auth-requires-tls"),  # MailKit
    ("Logging in is disabled on this server", PRIVACY, "auth-requires-tls"),  # node-imap
    ("Login failed, plain login is disabled by the server.", PRIVACY, "auth-requires-tls"),  # KDE/kimap
]


def _roots(text: str) -> set[str]:
    return {d.cause for d in explain(text).diagnoses if d.is_root}


@pytest.mark.parametrize(("text", "gives", "cause"), CATALOGUE)
def test_the_concepts_alone_read_the_wording(text: str, gives: dict[str, str], cause: str) -> None:
    found = concepts.read(text)
    assert found is not None, "no concept reading"
    assert {k: v for k, v in found.reading.gives.items() if k in gives} == gives


@pytest.mark.parametrize(("text", "gives", "cause"), CATALOGUE)
def test_explain_names_the_cause(text: str, gives: dict[str, str], cause: str) -> None:
    report = explain(text)
    assert report.diagnoses, "declined or called fine"
    assert all(d.severity == "error" for d in report.diagnoses if d.is_root)
    assert cause in _roots(text)


# Neighbours: another cause keeps its text.
NEIGHBOURS = [
    # a password refused (Postfix's smtpd with Dovecot SASL, RFC 4954 section 6: 535)
    ("535 5.7.8 Error: authentication failed: authentication failure", {"password-rejected"}),
    # an account's own state, said with "disabled" (the account-locked reading)
    ("Login disabled for this account", {"account-locked"}),
    # a server that offers no AUTH at all (MailKit's 'The SMTP server does not support authentication.')
    ("The SMTP server does not support authentication.", {"smtp-auth-not-enabled"}),
]


@pytest.mark.parametrize(("text", "causes"), NEIGHBOURS)
def test_the_neighbours_keep_their_readings(text: str, causes: set[str]) -> None:
    assert _roots(text) & causes
    assert not _roots(text) & {"oauth-token-rejected", "auth-mechanism-unsupported"}


# Words that must not be read as the new concepts.
NOT_THESE = [
    # a JavaScript parser's error (V8's SyntaxError): a token of JSON, no sign-in
    "SyntaxError: Unexpected token < in JSON at position 0",
    # a greeting's CAPABILITY list that names the mechanisms (RFC 9051 section 7.1): what is offered, no failure
    "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2] Server ready",
    # a server's reply that names a password beside the token: which of them was sent is not said
    "Incorrect username, password or access token",
]


@pytest.mark.parametrize("text", NOT_THESE)
def test_other_words_are_not_read_as_the_new_concepts(text: str) -> None:
    found = concepts.read(text)
    assert found is None or found.reading.gives.get("mechanism") != "XOAUTH2", found.reading.all


def test_a_generic_failure_stays_a_failure_without_these_causes() -> None:
    report = explain("Sending failed")
    assert report.diagnoses
    assert all(d.severity == "error" for d in report.diagnoses if d.is_root)
    assert not _roots("Sending failed") & {"oauth-token-rejected", "auth-mechanism-unsupported", "auth-requires-tls"}
