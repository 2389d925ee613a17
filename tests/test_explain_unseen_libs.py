"""The general layer under the libraries' exceptions, for texts whose own sentence nobody collected: what a
stack's error numbers, a library's message format and the concepts of its words say, each from two programs
or more (sources beside each case).

- glibc's negative EAI codes as Python's socket.gaierror prints them ("[Errno -2]", "[Errno -3]", "[Errno -5]":
  python/cpython:Modules/socketmodule.c set_gaierror; glibc resolv/netdb.h), in any language the C library
  speaks (glibc's de messages 'Name oder Dienst nicht bekannt', 'Temporärer Fehler bei der Namensauflösung');
- the resolver's call named with its verdict after it (php/php-src:main/network.c 'php_network_getaddresses:
  getaddrinfo failed: %s' and PHP 8's 'getaddrinfo for %s failed: %s'; Symfony Mailer's and PHPMailer's
  "Connection could not be established" / "Failed to connect" around it): EAI_AGAIN's words beat the call's
  own row, and the concepts of a look-up read the verdict no row holds;
- Go's DNSError inside a dial's OpError ('dial tcp: lookup HOST[ on SERVER:53]: ... i/o timeout',
  golang/go:src/net/net.go, dnsclient_unix.go): the resolver's timeout, not the connection's;
- "did not offer" / "does not offer" among the words of a missing extension (Exim/exim:src/src/transports/smtp.c
  'a TLS session is required, but the server did not offer TLS support'; Ruby and Node clients' 'SMTP server does
  not offer STARTTLS');
- a record no TLS stack could parse (Mbed-TLS/mbedtls MBEDTLS_ERR_SSL_INVALID_RECORD 'An invalid SSL record
  was received'; haskell-tls/hs-tls:core/Network/TLS/Packet.hs 'invalid header type: 50', the '2' of '220');
- a sending rate (Amazon SES '454 Throttling failure: Maximum sending rate exceeded.',
  docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas.html; Exchange's 'Message submission rate for this
  client has exceeded the configured limit', learn.microsoft.com/en-us/exchange/mail-flow/message-rate-limits);
- PHPMailer's ErrorInfo with its "Detail: <the server's words>" on the line before "SMTP code: NNN"
  (PHPMailer/PHPMailer:src/PHPMailer.php setError, language strings smtp_detail and smtp_code);
- Go's HostnameError for an IP address the certificate holds no IP SAN for (golang/go:src/crypto/x509/verify.go).
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

HOST_UNKNOWN = {"server-host-unknown", "server-host-typo"}
DNS_DOWN = {"dns-server-misconfigured", "dns-outage"}

CASES = [
    # Python on glibc (cpython socketmodule.c set_gaierror), English and German glibc messages
    ("socket.gaierror: [Errno -2] Name or service not known", HOST_UNKNOWN),
    ("socket.gaierror: [Errno -2] Name oder Dienst nicht bekannt", HOST_UNKNOWN),
    ("smtplib.SMTPServerDisconnected: [Errno -3] Temporärer Fehler bei der Namensauflösung", DNS_DOWN),
    ("socket.gaierror: [Errno -3] Temporary failure in name resolution", DNS_DOWN),
    ("socket.gaierror: [Errno -5] No address associated with hostname", {"server-host-no-address"}),
    # PHP's stream layer (php/php-src:main/network.c), PHP 7 and PHP 8 forms, through PHPMailer and Symfony Mailer
    ("Warning: stream_socket_client(): php_network_getaddresses: getaddrinfo failed: Temporary failure in name "
     "resolution", DNS_DOWN),
    ('Connection could not be established with host "smtp.example.com:587": stream_socket_client(): '
     "php_network_getaddresses: getaddrinfo for smtp.example.com failed: Temporary failure in name resolution",
     DNS_DOWN),
    ('Connection could not be established with host "smtp.example.invalid:25": stream_socket_client(): '
     "php_network_getaddresses: getaddrinfo for smtp.example.invalid failed: Name oder Dienst nicht bekannt",
     HOST_UNKNOWN),
    # Go (golang/go:src/net/net.go DNSError inside the dial's OpError)
    ("dial tcp: lookup smtp.example.com on 10.0.0.2:53: read udp 10.0.0.5:41234->10.0.0.2:53: i/o timeout",
     DNS_DOWN),
    ("gomail: could not send email 1: dial tcp: lookup smtp.example.com: i/o timeout", DNS_DOWN),
    # Exim's older form (with the host), a Ruby client's
    ("a TLS session is required for mail.example.com [192.0.2.1], but the server did not offer TLS support",
     {"starttls-not-offered", "starttls-stripped"}),
    ("SMTP server does not offer STARTTLS", {"starttls-not-offered", "starttls-stripped"}),
    # haskell-tls reading "220 ..." as a record; Mbed TLS on an ESP32
    ('HandshakeFailed (Error_Packet_Parsing "Failed reading: invalid header type: 50\\nFrom:\\theader\\n\\n")',
     {"tls-on-plaintext-port"}),
    ("[E][ssl_client.cpp:33] handle_error(): SSL - An invalid SSL record was received\n"
     "Error sending Email, could not connect to server", {"tls-on-plaintext-port"}),
    # rates: Amazon SES, Exchange
    ("454 Throttling failure: Maximum sending rate exceeded.", {"sending-limit-exceeded"}),
    ("Error: Message submission rate for this client has exceeded the configured limit", {"sending-limit-exceeded"}),
    # PHPMailer's ErrorInfo, its Detail on the line before the code (Exchange's Send As refusal; Postfix's
    # reject_sender_login_mismatch, vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c)
    ("SMTP Error: data not accepted.SMTP server error: DATA END command failed Detail: 5.7.60 SMTP; Client does "
     "not have permissions to send as this sender\nSMTP code: 550", {"sender-address-not-allowed"}),
    ("SMTP Error: data not accepted. SMTP server error: DATA END command failed Detail: Sender address rejected: "
     "not owned by user bob@example.com\nSMTP code: 553", {"sender-address-not-allowed"}),
    # Go's certificate check for an address
    ("tls: failed to verify certificate: x509: cannot validate certificate for 192.0.2.10 because it doesn't "
     "contain any IP SANs", {"cert-hostname-mismatch"}),
]

# Neighbours that must keep their own cause.
NEIGHBOURS = [
    # a connection's own timeout, no look-up named (golang/go:src/internal/poll/fd.go)
    ("dial tcp 203.0.113.5:587: i/o timeout", {"port-blocked-outbound", "server-down", "firewall-blocks"}),
    # a Windows look-up failure by its number (CPython's "[Errno 11001] getaddrinfo failed"): the name
    ("socket.gaierror: [Errno 11001] getaddrinfo failed", HOST_UNKNOWN),
    # PHPMailer's Detail that names the content, not the sender
    ("SMTP Error: data not accepted.SMTP server error: DATA END command failed Detail: Message rejected as spam\n"
     "SMTP code: 554", {"content-filtered"}),
    # a login refused is still the password's (RFC 4954 535)
    ("535 5.7.8 Error: authentication failed: authentication failure", {"password-rejected"}),
]


def _cause(text: str) -> str | None:
    try:
        top = explain(text).top
    except InputError:
        return "declined"
    return top.cause if top else None


@pytest.mark.parametrize(("text", "expected"), CASES + NEIGHBOURS)
def test_the_general_layer_reads_the_cause(text: str, expected: set[str]) -> None:
    assert _cause(text) in expected


@pytest.mark.parametrize("text", [
    # PHPMailer's summary with no server's words: a failure, and no cause its words do not give
    "Message could not be sent. Mailer Error: SMTP Error: data not accepted.",
    "SMTP Error: Could not connect to SMTP host.",
])
def test_a_bare_failure_stays_a_failure_without_a_made_up_cause(text: str) -> None:
    report = explain(text)
    assert report.has_errors
    assert report.top is None or report.top.cause not in {
        "sender-address-not-allowed", "password-rejected", "dns-server-misconfigured", "dns-outage",
        "server-host-unknown", "sending-limit-exceeded", "cert-hostname-mismatch", "tls-on-plaintext-port"}
