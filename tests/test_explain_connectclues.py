"""A clue beside "could not connect" decides: texts whose first words say only that the connection (or the
sending) failed, while other words in them say why; and the same messages with nothing more stay generic.

Sources of the wordings and of what they show:
- PHP's mail libraries print the socket's error in their connect failures: SwiftMailer 5 "Connection could not be
  established with host %s [%s #%d]" (swiftmailer/swiftmailer:lib/classes/Swift/Transport/StreamBuffer.php,
  _establishSocketConnection), PHPMailer "SMTP ERROR: Failed to connect to server: $errstr ($errno)"
  (PHPMailer/PHPMailer:src/SMTP.php, getSMTPConnection). A refusal, a timeout or a failed name look-up there is read
  as such; PHP's own warning beside the message ("SSL operation failed ... certificate verify failed", "wrong version
  number") says more and decides.
- Forward Email's outgoing SMTP refuses a message whose From header is not the alias that logged in:
  "From header must be equal to %s" and, for a catch-all password, "From header must end with %s"
  (forwardemail/forwardemail.net:config/phrases.js INVALID_FROM_HEADER, INVALID_CATCHALL_FROM_HEADER; its SMTP
  tests expect response code 550). K-9 Mail puts the server's words under its notification "Failed to send
  some messages" (thunderbird/thunderbird-android#7582).
- Thunderbird for Android's account check: "Checking incoming server settings failed" over "Network error"
  (thunderbird/thunderbird-android:feature/account/server/validation strings.xml), then "Details:" and the
  exception's message; a stream that ended where a reply was awaited ("end of stream reached") is a connection that
  was made and that the server closed (RFC 5321 section 3.8, RFC 9051 section 7.1), no connection that failed.
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

_HANDSHAKE = {"tls-no-shared-cipher", "tls-version-server-outdated", "tls-version-client-outdated",
              "tls-on-plaintext-port", "tls-interception"}
_CERT = {"cert-self-signed", "cert-untrusted-issuer", "cert-expired", "cert-hostname-mismatch",
         "cert-missing-intermediate", "cert-revoked", "cert-revocation-unchecked"}
_TLS = _HANDSHAKE | _CERT | {"starttls-failed", "client-outdated"}
_CONNECT = {"port-blocked-outbound", "port-closed", "smtp-port25-blocked", "all-mail-ports-blocked", "server-unavailable"}
_LOGIN = {"password-rejected", "app-password-required", "auth-mechanism-mismatch"}


def _roots(text: str) -> list:
    """The root diagnoses, leading first; a text declined fails the test (a failure is never declined)."""
    try:
        return [d for d in explain(text).diagnoses if d.is_root]
    except InputError as exc:
        pytest.fail(f"declined: {exc}")


_SWIFT = "Swift_TransportException: Connection could not be established with host mail.example.nl [ #0]"
_PHPMAILER = "SMTP ERROR: Failed to connect to server:  (0)"
_CERT_WARNING = ("stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages:\n"
                 "error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed")
_VERSION_WARNING = ("stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages:\n"
                    "error:1408F10B:SSL routines:ssl3_get_record:wrong version number")

# PHP's warning beside it says why: it decides.
SPECIFIC = [
    (_SWIFT + "\n" + _CERT_WARNING, _CERT),
    (_PHPMAILER + "\n" + _CERT_WARNING, _CERT),
    (_SWIFT + "\n" + _VERSION_WARNING, {"tls-on-plaintext-port"}),
]


@pytest.mark.parametrize(("text", "causes"), SPECIFIC)
def test_the_warning_beside_it_decides(text: str, causes: set) -> None:
    roots = _roots(text)
    assert roots and roots[0].cause in causes, [d.cause for d in roots]


# Neighbours: the same messages with the socket's own error stay what that error says.
NEIGHBOURS = [
    ("Connection could not be established with host smtp.example.com [Connection refused #111]", _CONNECT),
    ("Connection could not be established with host smtp.example.com [Connection timed out #110]",
     _CONNECT | {"server-ip-blocked"}),
    ("Connection could not be established with host smtp.example.com "
     "[php_network_getaddresses: getaddrinfo failed: Name or service not known #0]",
     {"server-host-unknown", "server-host-typo", "dns-server-misconfigured"}),
    ("SMTP ERROR: Failed to connect to server: Connection refused (111)", _CONNECT),
    ("SMTP ERROR: Failed to connect to server: Connection timed out (110)", _CONNECT | {"server-ip-blocked"}),
    ("SMTP ERROR: Failed to connect to server: php_network_getaddresses: getaddrinfo failed: "
     "Name or service not known (0)", {"server-host-unknown", "server-host-typo", "dns-server-misconfigured"}),
]


@pytest.mark.parametrize(("text", "causes"), NEIGHBOURS)
def test_a_filled_in_socket_error_keeps_its_reading(text: str, causes: set) -> None:
    roots = _roots(text)
    assert roots and roots[0].cause in causes, [d.cause for d in roots]
    assert not _TLS & {roots[0].cause}, [d.cause for d in roots]


# Forward Email's refusal of a From header the login may not send as.
FROM_HEADER = [
    "Failed to send some messages\nFrom header must be equal to alice@example.org",
    "550 From header must be equal to alice@example.org (or) you can use a domain-wide catch-all password at "
    "https://forwardemail.net/my-account/domains/example.org/advanced-settings",
    "Message could not be sent. Mailer Error: SMTP Error: data not accepted. From header must be equal to "
    "alice@example.org",
    "Failed to send some messages\nFrom header must end with @example.org",
]


@pytest.mark.parametrize("text", FROM_HEADER)
def test_a_from_header_the_login_may_not_use(text: str) -> None:
    roots = _roots(text)
    assert roots and roots[0].cause == "sender-address-not-allowed", [d.cause for d in roots]


# Texts that say only that something failed stay failures with the candidates they allow, no cause made up.
GENERIC = [
    "Failed to send some messages",
    "SMTP Error: Could not connect to SMTP host.",
    "Cannot connect to server",
    "Connection could not be established with host smtp.example.com",
]


@pytest.mark.parametrize("text", GENERIC)
def test_a_bare_failure_stays_generic(text: str) -> None:
    report = explain(text)
    assert report.exit_status != 0
    roots = [d for d in report.diagnoses if d.is_root]
    assert roots and roots[0].cause in _CONNECT, [d.cause for d in roots]
    assert not ({"sender-address-not-allowed"} | _CERT) & {d.cause for d in roots}


# A program's words for a failure without its reason, then the reason the program chained after them.
CHAINED = [
    pytest.param("Checking incoming server settings failed\nNetwork error\nDetails:\nend of stream reached",
                 {"plaintext-on-tls-port", "server-unavailable", "tls-on-plaintext-port"}, id="tfa-end-of-stream"),
    pytest.param("Checking outgoing server settings failed\nNetwork error\nDetails:\n"
                 "the server closed the connection before its greeting",
                 {"plaintext-on-tls-port", "server-unavailable", "tls-on-plaintext-port"}, id="tfa-closed-before-greeting"),
]


@pytest.mark.parametrize(("text", "causes"), CHAINED)
def test_the_reason_chained_after_a_failure_without_reason_decides(text: str, causes: set) -> None:
    roots = _roots(text)
    assert roots and roots[0].cause in causes, [d.cause for d in roots]


def test_the_failure_without_its_reason_stays_generic() -> None:
    roots = _roots("Checking incoming server settings failed\nNetwork error")
    assert roots and roots[0].cause in _CONNECT, [d.cause for d in roots]


# A delivery agent's log names no port: it delivers to the next hop's SMTP port, 25 (data/knowledge.yaml
# log.service-port); a timeout there is the port-25 block cloud and home networks apply. Words of my own making in
# each program's log format (sendmail's "stat=", ZoneMTA's "ERRCONNECT").
@pytest.mark.parametrize("text", [
    pytest.param("Mar  3 04:05:06 box sm-mta[811]: 4A1B2C3D004455: to=<ann@example.net>, delay=00:00:31, "
                 "mailer=esmtp, relay=mx.example.net. [192.0.2.25], dsn=4.0.0, stat=Deferred: Operation timed out with "
                 "mx.example.net.", id="sendmail-bsd"),
    pytest.param("Mar  3 04:05:06 mx zone-mta[901]: ERR! Sender/default/901[1] ERRCONNECT domain=example.net "
                 "error=Connection timed out", id="zonemta"),
])
def test_a_delivery_agents_timeout_is_on_port_25(text: str) -> None:
    roots = _roots(text)
    assert roots and roots[0].cause == "smtp-port25-blocked", [d.cause for d in roots]


def test_a_delivery_agents_line_that_names_its_relay_port_keeps_it() -> None:
    text = ("Mar  3 04:05:06 box sm-mta[811]: 4A1B2C3D004455: to=<ann@example.net>, relay=smtp.example.net:587, "
            "dsn=4.0.0, stat=Deferred: Connection timed out with smtp.example.net:587")
    roots = _roots(text)
    assert roots and roots[0].cause != "smtp-port25-blocked", [d.cause for d in roots]


def test_a_stacks_words_after_a_failure_without_reason_say_why() -> None:
    """go-imap's "error connecting to server: " before what Go's resolver said (a look-up that failed for now,
    RFC 3493 section 6.1 EAI_AGAIN), in words no table row holds: the resolver failed, not the way to the port."""
    roots = _roots("error connecting to server: lookup imap.example.test: temporary failure")
    assert roots and roots[0].cause in {"dns-server-misconfigured", "dns-outage"}, [d.cause for d in roots]
