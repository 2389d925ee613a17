"""Words of the certificate concept that also stand in an unrelated sense (over-matches).

"identity" alone pulled a certificate reading: a script's property name in a SpiderMonkey
TypeError, a SASL authorization identity (RFC 4422, RFC 5530 AUTHORIZATIONFAILED) or a
provider's "Sender Identity" is no certificate. The TLS stacks' and mail clients' own
certificate messages say the server's identity ("server identity", "server's identity",
"identity of ..."), and those still read as a certificate.

"encryption" alone pulled a STARTTLS reading: a message's end-to-end encryption (OpenPGP, S/MIME)
is no connection's. Each text with its source."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

CERT_CAUSES = {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired",
               "cert-not-yet-valid", "cert-revoked", "cert-weak"}

NOT_CERTIFICATE = [
    # SpiderMonkey's TypeError as Thunderbird's error console shows it; the wording as Mozilla's own
    # tests expect it (searchfox mozilla-central js/src/jit-test/tests/ion/bug913749.js:
    # 'can\'t access property "length", y is undefined'; js/src/tests/non262/regress/regress-420919.js)
    ('TypeError: can\'t access property "identity", this.account is undefined', None),
    # RFC 5530 section 3 AUTHORIZATIONFAILED (Trojitá and Dovecot show the server's text)
    ("Authentication succeeded in using the authentication identity, but the server cannot or will not "
     "allow the authentication identity to act as the requested authorization identity.", "username-wrong"),
    # SendGrid's refusal of an unverified sender (its docs' Sender Identity; quoted in many projects,
    # e.g. 'The from address does not match a verified Sender Identity')
    ("550 The from address does not match a verified Sender Identity.", "sender-address-not-allowed"),
]


@pytest.mark.parametrize(("text", "first"), NOT_CERTIFICATE)
def test_identity_in_another_sense_is_no_certificate(text: str, first: str | None) -> None:
    try:
        roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    except InputError:  # a script's error with no mail failure in it may be declined
        roots = []
    assert not CERT_CAUSES & set(roots), roots
    if first is not None:
        assert roots and roots[0] == first, roots


CERTIFICATE = [
    # Apple iOS Mail's alert title (error-texts.yaml: 'cannot verify server identity')
    "Cannot Verify Server Identity",
    # Apple Mail (macOS): 'Mail can't verify the identity of the server'
    "Mail can't verify the identity of the server \u201cimap.example.com\u201d.",
    # GNOME/geary:src/client certificate warning
    "The identity of the IMAP mail server at imap.example.com:993 could not be verified.",
    # GNOME/geary:src/client, G_TLS_CERTIFICATE_BAD_IDENTITY
    "The server\u2019s identity does not match the identity in the certificate",
    # GLib gio/gioenums.h G_TLS_CERTIFICATE_BAD_IDENTITY (as Evolution and others print it)
    "The certificate does not match the expected identity of the site that it was retrieved from.",
    # jakartaee/mail-api: SocketFetcher.checkServerIdentity
    "javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.com, port: 465;\n"
    "  nested exception is:\n\tjava.io.IOException: Can't verify identity of server: smtp.example.com",
]


@pytest.mark.parametrize("text", CERTIFICATE)
def test_the_servers_identity_still_reads_as_a_certificate(text: str) -> None:
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert roots and roots[0] in CERT_CAUSES, roots


# thunderbird/thunderbird (comm-central) mail/locales/en-US/messenger/openpgp/openpgp.ftl,
# cannot-encrypt-because-missing (the same string in Waterfox's copy of the catalogue)
END_TO_END = ("Unable to send this message with end-to-end encryption, because there are problems with the keys "
              "of the following recipients: bob@example.com")


def test_end_to_end_encryption_is_no_starttls() -> None:
    try:
        roots = [d.cause for d in explain(END_TO_END).diagnoses if d.is_root]
    except InputError:
        roots = []
    assert not ({"starttls-failed", "starttls-stripped", "tls-on-plaintext-port"} | CERT_CAUSES) & set(roots), roots


def test_a_connections_encryption_still_reads_as_tls() -> None:
    # Outlook 0x800CCC1A (https://kb.hosting.com/docs/migrations-and-legacy-e-mail-client-applications)
    text = ("'Receiving' reported error (0x800CCC1A): 'Your server does not support the connection encryption "
            "type you have specified. Try changing the encryption method.'")
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert roots[0].startswith("tls-"), roots
