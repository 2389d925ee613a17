"""PHP's silent TLS handshake: with ssl:// or tls:// (implicit TLS; PHPMailer's SMTPSecure 'ssl',
SwiftMailer's and Symfony's 'ssl') PHP makes the handshake inside stream_socket_client() or
fsockopen(). When it fails, OpenSSL's reason goes only to PHP's warnings ("SSL operation failed ...",
"Failed to enable crypto": php/php-src:ext/openssl/xp_ssl.c, php_openssl_sockop_set_option, the
connect case), and the call returns no error text and error number 0: PHP's own warning is
"unable to connect to ssl://HOST:PORT (Unknown error)" (php/php-src:ext/standard/streamsfuncs.c
stream_socket_client, ext/standard/fsock.c; the test ext/openssl/tests/bug54992.phpt expects it
after a certificate name mismatch). The libraries print that empty error as they format any other:
SwiftMailer 5 "Connection could not be established with host HOST [ #0]"
(swiftmailer/swiftmailer:lib/classes/Swift/Transport/StreamBuffer.php, 5.4
_establishSocketConnection: '[' . $errstr . ' #' . $errno . ']'), PHPMailer "SMTP ERROR: Failed to
connect to server:  (0)" (PHPMailer/PHPMailer:src/SMTP.php connect: "Failed to connect to server:
$errstr ($errno)"; 5.x class.smtp.php "SMTP -> ERROR: ..."). Since PHP 5.6 the stream verifies the
peer by default (php.net/manual/en/migration56.openssl.php), so the usual reason is the certificate
refused; these read as a failed handshake whose certificate was not accepted, never as a cipher
mismatch. A TLS stack's own words in the same text, or a real error number, decide instead."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

CERT = {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch"}

SILENT_HANDSHAKE = [
    # PHPMailer 6 SMTPDebug output (src/SMTP.php connect), the error text empty and errno 0
    "SMTP ERROR: Failed to connect to server:  (0)",
    # the same as a web page shows it (HTML folds the two spaces)
    "2021-03-04 10:11:12 SMTP ERROR: Failed to connect to server: (0)\n"
    "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting",
    # PHPMailer 5.1 (class.smtp.php Connect: "SMTP -> ERROR: Failed to connect to server: $errstr ($errno)")
    "SMTP -> ERROR: Failed to connect to server:  (0)",
    # SwiftMailer 5 (StreamBuffer.php _establishSocketConnection)
    "Connection could not be established with host smtp.example.com [ #0]",
    "Swift_TransportException: Connection could not be established with host mail.example.org [ #0] in "
    "/var/www/vendor/swiftmailer/swiftmailer/lib/classes/Swift/Transport/StreamBuffer.php:269",
    # xp_ssl.c's warning alone (the connect case, no OpenSSL reason pasted)
    "PHP Warning:  stream_socket_client(): Failed to enable crypto in /var/www/html/mail.php on line 12",
]


@pytest.mark.parametrize("text", SILENT_HANDSHAKE)
def test_the_empty_error_of_an_implicit_tls_connect_reads_as_a_refused_certificate(text: str) -> None:
    report = explain(text)
    assert report.top is not None, text
    assert report.top.cause in CERT, (text, [d.cause for d in report.diagnoses])
    assert "tls-no-shared-cipher" not in {d.cause for d in report.diagnoses}


# PHP's own warning in the same text decides (its OpenSSL reason, its name check).
STACK_DECIDES = [
    ("stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages:\n"
     "error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed\n"
     "stream_socket_client(): Failed to enable crypto\n"
     "stream_socket_client(): unable to connect to ssl://smtp.example.com:465 (Unknown error)",
     {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}),
    ("stream_socket_client(): Peer certificate CN=`mail.example.net' did not match expected CN=`smtp.example.com'\n"
     "stream_socket_client(): Failed to enable crypto\n"
     "SMTP ERROR: Failed to connect to server:  (0)",
     {"cert-hostname-mismatch"}),
    ("stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages:\n"
     "error:1408F10B:SSL routines:ssl3_get_record:wrong version number\n"
     "stream_socket_client(): Failed to enable crypto\n"
     "Connection could not be established with host smtp.example.com [ #0]",
     {"tls-on-plaintext-port"}),
]


# PHP's own connect warning alone (ext/standard/streamsfuncs.c; PHP 8 capitalises "Unable"): explain strips the
# ssl:// scheme before it looks for TLS words (a scheme names the transport, not a failure), so this reads as a
# STARTTLS failure with no diagnosis today. Left for a reading of its own.
PHP_CONNECT_WARNING = [
    "Warning: stream_socket_client(): unable to connect to ssl://smtp.example.com:465 (Unknown error)",
    "PHP Warning:  stream_socket_client(): Unable to connect to ssl://mail.example.org:993 (Unknown error) in "
    "/var/www/html/mail.php on line 12",
    "fsockopen(): unable to connect to tls://smtp.example.com:465 (Unknown error)",
]


@pytest.mark.xfail(strict=True, reason="the ssl:// scheme is stripped before TLS words are looked for")
@pytest.mark.parametrize("text", PHP_CONNECT_WARNING)
def test_php_own_connect_warning_without_a_reason(text: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause in CERT


@pytest.mark.parametrize(("text", "causes"), STACK_DECIDES)
def test_php_own_warning_in_the_text_decides(text: str, causes: set[str]) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause in causes, (text, [d.cause for d in report.diagnoses])


# Neighbours: a real error number or text is the socket's or the resolver's, not the handshake's.
NEIGHBOURS = [
    ("Connection could not be established with host smtp.example.com [Connection refused #111]",
     {"port-closed", "port-blocked-outbound"}),
    ("Connection could not be established with host smtp.example.com [Connection timed out #110]",
     {"port-blocked-outbound", "smtp-port25-blocked"}),
    ("SMTP ERROR: Failed to connect to server: Connection refused (111)", {"port-closed", "port-blocked-outbound"}),
    ("SMTP ERROR: Failed to connect to server: Connection timed out (110)", {"port-blocked-outbound"}),
    ("SMTP ERROR: Failed to connect to server: php_network_getaddresses: getaddrinfo failed: "
     "Name or service not known (0)", {"server-host-unknown", "server-host-typo"}),
    ("Connection could not be established with host smtp.example.com [php_network_getaddresses: getaddrinfo "
     "failed: Name or service not known #0]", {"server-host-unknown", "server-host-typo"}),
]


@pytest.mark.parametrize(("text", "causes"), NEIGHBOURS)
def test_a_real_error_number_is_not_a_handshake(text: str, causes: set[str]) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause in causes, (text, [d.cause for d in report.diagnoses])
    assert not CERT & {d.cause for d in report.diagnoses}


@pytest.mark.parametrize("text", [
    "SMTP Error: Could not connect to SMTP host.",
    "SMTP connect() failed. https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting",
    "Connection could not be established with host smtp.example.com",
])
def test_a_connection_failure_without_a_reason_stays_generic(text: str) -> None:
    report = explain(text)
    assert report.top is not None, text
    assert report.top.rule == "connect-failed-pasted", (text, report.top.rule)
    assert not CERT & {d.cause for d in report.diagnoses}
