"""Mail clients' own words that were read as another failure than the one they name (branch clientfam3).

Each text here is written for the test, in the program's words as its source code or its vendor gives them; none
is a corpus text.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

TLS_FAILED = {"tls-no-shared-cipher", "tls-version-client-outdated", "tls-version-server-outdated",
              "tls-on-plaintext-port", "tls-interception", "client-outdated"}
CERTIFICATE = {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}


def test_outlook_s_certificate_that_could_not_be_checked_for_a_failed_negotiation_is_the_handshake() -> None:
    # Outlook says why it could not check the certificate: the TLS negotiation itself failed, so no certificate came.
    report = explain("Autodiscover for jo@example.org: The certificate couldn't be validated because SSL negotiation "
                     "wasn't successful.")
    assert report.top is not None and report.top.cause in TLS_FAILED
    assert not {d.cause for d in report.diagnoses} & CERTIFICATE


def test_a_certificate_that_could_not_be_validated_for_its_own_sake_is_still_the_certificate() -> None:
    report = explain("The certificate couldn't be validated: it was issued by an authority this computer does not trust.")
    assert report.top is not None and report.top.cause in CERTIFICATE


@pytest.mark.parametrize(("text", "causes"), [
    # deltachat-core-rust's anyhow contexts, the caught error after them.
    ("SMTP failed to connect: Unexpected EOF while reading SMTP greeting", {"plaintext-on-tls-port", "server-unavailable"}),
    ("IMAP failed to connect: failed to read greeting: timed out", {"plaintext-on-tls-port", "server-unavailable",
                                                                    "high-latency"}),
    ("Failed to read from stream while waiting for SMTP greeting", {"plaintext-on-tls-port", "server-unavailable"}),
    ("DNS lookup failure", {"dns-server-misconfigured", "server-host-unknown", "no-internet"}),
    # The resolver's own words after it say more.
    ("SMTP failed to connect: DNS lookup failure: failed to lookup address information: Name or service not known",
     {"server-host-unknown", "server-host-typo"}),
    # The TLS error the core caught says more than its "failed to connect".
    ("IMAP failed to connect: connection failure: Connection refused (os error 111)", {"port-closed"}),
])
def test_delta_chat_s_core_errors_are_read_as_what_they_say(text: str, causes: set[str]) -> None:
    top = explain(text).top
    assert top is not None and top.cause in causes, (text, top and top.cause)


def test_an_eof_in_a_tls_session_is_not_delta_chat_s_greeting_eof() -> None:
    # Only the words "while reading SMTP greeting" say the server hung up before its first line.
    top = explain("SSL routines::unexpected eof while reading").top
    assert top is not None and top.cause not in {"plaintext-on-tls-port", "server-unavailable"}


@pytest.mark.parametrize("text", [
    "Setup could not finish\nCannot connect to server.\n(Unable to connect)",
    "Cannot connect to server. (Unable to connect) Edit details / Continue",
])
def test_k9_s_unable_to_connect_after_the_tcp_connection_is_a_failed_tls_handshake(text: str) -> None:
    # K-9 5.x: a TCP failure is "Cannot connect to host", a refused certificate its own dialog; "Unable to connect"
    # is the SSLException of the handshake itself.
    top = explain(text).top
    assert top is not None and top.cause in TLS_FAILED


def test_k9_s_cannot_connect_to_host_stays_a_connection_failure() -> None:
    top = explain("Cannot connect to server.\n(Cannot connect to host)").top
    assert top is not None and top.cause not in TLS_FAILED


def test_the_czech_windows_mail_message_that_no_secure_connection_was_made_is_a_tls_failure() -> None:
    # Email.cz's help page: a mail program or system without TLS 1.2/1.3; the words name the failed TLS connection.
    top = explain("Chyba: Nepodařilo se navázat zabezpečené spojení (SSL nebo TLS). Zkontrolujte nastavení.").top
    assert top is not None and top.cause in TLS_FAILED
