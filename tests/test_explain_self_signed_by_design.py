"""A certificate failure beside the name of a server whose certificate is self-signed by design is read as a
self-signed certificate (data/self-signed.yaml, rules/tls/cert-self-signed.yaml). Most stacks say the same of an
unknown issuer and of a self-signed certificate, so without such a name the unknown issuer keeps its place first;
with it (Proton Mail Bridge by its name or its default address on this computer, Debian's snakeoil certificate,
mailcow's placeholder, Dovecot's example, a certificate made out to localhost) the self-signed certificate comes
first. Names that only look like one, other ports on this computer, and other certificate failures name nothing."""

from __future__ import annotations

import pytest

from mailexpert import selfsigned
from mailexpert.explain import explain


def causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses]


@pytest.mark.parametrize("text", [
    # github.com/freescout-help-desk/freescout/issues/1274 (the Bridge's maintainer: it uses a self-signed certificate)
    "I am trying to get freescout integrated with the protonmail bridge.  I am getting the following errors.\n"
    ":::error appearing on the freescout webUI:::\n"
    "stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL\n"
    "Error messages: error:1416F086:SSL\nroutines:tls_process_server_certificate:certificate verify failed",
    # github.com/ProtonMail/proton-bridge/issues/188 (a maintainer: allow Mattermost to accept self-signed certificates)
    "After building with a no-gui argument, I sat the protonbridge. In the Mattermost smtp config that i'm trying to "
    "configure I get this error :\nConnection unsuccessful: Connection unsuccessful: authentication failed: x509: "
    "certificate signed by unknown authority",
    # the Bridge's default address on this computer (IMAP 1143, SMTP 1025: internal/vault/types_settings.go)
    "Unable to connect to 127.0.0.1:1143: Unacceptable TLS certificate",
    "dial tcp 127.0.0.1:1025: tls: failed to verify certificate: x509: certificate signed by unknown authority",
    "Thunderbird: Connection to localhost port 1143 failed: SEC_ERROR_UNKNOWN_ISSUER",
    # the Bridge's certificate subject (internal/certs/tls.go), as openssl prints it, beside NSS's verdict
    "SEC_ERROR_UNKNOWN_ISSUER\nsubject=C = CH, O = Proton AG, OU = Proton Mail, CN = 127.0.0.1",
])
def test_proton_mail_bridge_beside_a_certificate_failure_is_its_self_signed_certificate(text: str) -> None:
    found = causes(text)
    assert found[0] == "cert-self-signed", found


@pytest.mark.parametrize("text", [
    # Debian's placeholder (make-ssl-cert generate-default-snakeoil) in the server's own settings, with a client's
    # unknown_ca alert in its log
    "postfix/smtpd[4242]: warning: TLS library problem: error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert "
    "unknown ca:../ssl/record/rec_layer_s3.c:1399:SSL alert number 48:\n"
    "main.cf: smtpd_tls_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem",
    # mailcow's placeholder (generate_config.sh), before its ACME container obtained a certificate
    "javax.net.ssl.SSLHandshakeException: PKIX path building failed: unable to find valid certification path to "
    "requested target\nissuer=C = DE, ST = NRW, L = Willich, O = mailcow, OU = mailcow, CN = mail.example.org",
    # Dovecot's mkcert.sh example subject (doc/dovecot-openssl.cnf)
    "SEC_ERROR_UNKNOWN_ISSUER\nsubject=OU = IMAP server, CN = imap.example.com, emailAddress = postmaster@example.com",
    # Go names the candidate issuer it tried: a certificate made out to localhost
    'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while '
    'trying to verify candidate authority certificate "localhost.localdomain")',
])
def test_a_placeholder_certificate_beside_a_certificate_failure_is_self_signed(text: str) -> None:
    found = causes(text)
    assert found[0] == "cert-self-signed", found


def test_a_tls_failure_without_a_reason_beside_the_bridge_is_its_certificate_first() -> None:
    # github.com/shenxn/protonmail-bridge-docker/issues/17 gave Swift Mailer's words alone; here with the name
    text = ("ownCloud through protonmail-bridge on 1025 with STARTTLS:\n"
            "A problem occurred while sending the email. Please revise your settings. "
            "(Error: Unable to connect with TLS encryption)")
    found = causes(text)
    # Swift Mailer says it after the server's 220 to STARTTLS, when PHP's handshake (which verifies the peer) failed:
    # the certificate the Bridge made itself first, then the unknown issuer the same words give without the name.
    assert found[:2] == ["cert-self-signed", "cert-untrusted-issuer"], found


def test_swift_mailers_tls_failure_alone_is_a_certificate_php_did_not_verify() -> None:
    # swiftmailer/swiftmailer:lib/classes/Swift/Transport/EsmtpTransport.php: thrown when startTLS() (PHP's
    # stream_socket_enable_crypto, which verifies the peer since PHP 5.6) fails after the 220 to STARTTLS
    text = ("Swift_TransportException: Unable to connect with TLS encryption in "
            "/srv/app/vendor/swiftmailer/swiftmailer/lib/classes/Swift/Transport/EsmtpTransport.php:303")
    found = causes(text)
    assert found[0] == "cert-untrusted-issuer" and "cert-self-signed" in found, found
    assert "starttls-failed" not in found[:2], found


def test_swift_mailers_tls_failure_with_openssls_reason_reads_the_reason() -> None:
    # the stack's own reason beside Swift Mailer's words says which certificate fault it is
    text = ("Swift_TransportException: Unable to connect with TLS encryption\n"
            "stream_socket_enable_crypto(): Peer certificate CN=`server.example.net' did not match expected "
            "CN=`mail.example.org'")
    found = causes(text)
    assert found[0] == "cert-hostname-mismatch", found


@pytest.mark.parametrize("text", [
    # an unknown issuer alone: a private CA or a missing intermediate first (data/priors.yaml's reading stays)
    "x509: certificate signed by unknown authority",
    "SEC_ERROR_UNKNOWN_ISSUER",
    # another port on this computer (a tunnel or a relay of its own, not the Bridge)
    "Connection to localhost:993 failed: SEC_ERROR_UNKNOWN_ISSUER",
    "Unable to connect to 127.0.0.1:11430: x509: certificate signed by unknown authority",
    # Proton's own servers are not its Bridge
    "imap.protonmail.ch: Proton Mail: x509: certificate signed by unknown authority",
])
def test_without_such_a_name_an_unknown_issuer_stays_first(text: str) -> None:
    found = causes(text)
    assert found[0] == "cert-untrusted-issuer", found


@pytest.mark.parametrize(("text", "cause"), [
    # the Bridge's certificate is for 127.0.0.1 (internal/certs/tls.go): another name is a mismatch
    ("protonmail-bridge in docker: error enabling StartTLS: x509: certificate is valid for 127.0.0.1, not bridge",
     "cert-hostname-mismatch"),
    ("Proton Mail Bridge: SEC_ERROR_EXPIRED_CERTIFICATE", "cert-expired"),
    # nothing listens: the Bridge is not running
    ("Proton Mail Bridge: connect to 127.0.0.1:1143 failed: Connection refused", "port-closed"),
])
def test_other_failures_beside_the_bridge_keep_their_own_cause(text: str, cause: str) -> None:
    found = causes(text)
    assert found[0] == cause, found


@pytest.mark.parametrize("text", [
    "the Proton Mail web app",
    "a bridge between the VLANs",
    "localhost:1430",
    "password=snakeoil",
    "CN = localhost.example.org",
    "O = mailcows",
])
def test_words_that_only_look_like_a_name_name_nothing(text: str) -> None:
    assert selfsigned.named(text) == [], text


def test_each_row_names_a_self_signed_certificate_with_a_source() -> None:
    rows = selfsigned.table()
    assert {r.id for r in rows} >= {"proton-mail-bridge", "snakeoil", "mailcow-snakeoil", "localhost-subject"}
    for row in rows:
        assert row.sources, row.id
    bridge = next(r for r in rows if r.id == "proton-mail-bridge")
    assert bridge.loopback is not None and bridge.loopback.search("[::1]:1025")


def test_the_bridges_address_is_named_as_its_address_not_as_the_bridge() -> None:
    # local test SMTP servers (MailHog, Mailpit, MailDev) listen on 1025 too: the text named an address
    found = selfsigned.named("dial tcp 127.0.0.1:1025: x509: certificate signed by unknown authority")
    assert [(f["thing"], f["name"], f["said"]) for f in found] == [
        ("proton-mail-bridge", "Proton Mail Bridge's default address", "127.0.0.1:1025")]
    found = selfsigned.named("Proton Mail Bridge on 127.0.0.1:1143")
    assert [(f["name"], f["said"]) for f in found] == [("Proton Mail Bridge", "Proton Mail Bridge")]
