"""Concepts of the connection, its TLS and its protocol (data/concepts.yaml), families several programs put in their
own words and that benchmarks/catalogue_unseen.py found unread with the program's own rows taken away:

- the upgrade to TLS named as the step that broke ("while upgrading transport", "upgrade connection", "convert socket
  to TLS"): a STARTTLS that failed (RFC 3207 section 4), whatever cut it -- a timeout or a reset in it is no blocked
  port and no interception;
- a connection the server closed (an end of file, "connection closed"), not reset: connected and
  then nothing, most often a plaintext client on an implicit-TLS port (RFC 8314 section 3) or a server that is down;
  an empty or cut-short answer where the greeting or a reply was awaited, the same;
- an answer that is no answer of the protocol: an SSH server's identification string (RFC 4253 section 4.2), a reply
  the client calls invalid;
- a wait for the server's answer that timed out (a connection made, the read waited), not a connect that timed out;
- a host name the resolver does not know ("Unknown SMTP host") or did not answer for ("Resolving timed out");
- a certificate's name that does not match, and one not yet valid, in the words more programs use.

Before these readings the concept layer read 0 of the CATALOGUE (most declined, the closes and timeouts read as a
reset or a timeout of the connection itself); explain reads each through the program's own row where one is known.

Sources of the wordings (one per case, in the comment beside it), as data/library-messages.yaml and
client-messages.yaml cite them: cole/aiosmtplib:src/aiosmtplib/protocol.py; postalsys/imapflow:lib/imap-flow.js;
jakartaee/mail-api's com/sun/mail/smtp/SMTPTransport.java; python/cpython:Lib/smtplib.py, Lib/imaplib.py;
horde/Imap_Client:lib/Horde/Imap/Client/Socket/Connection/Socket.php; deanproxy/eMail; jstedfast/MailKit;
the Go IMAP client (closed-before-greeting); symfony/symfony's Mailer SmtpTransport; roundcube/roundcubemail's
rcube_imap_generic.php; marlam/msmtp:src/smtp.c; ruby/net-smtp:lib/net/smtp.rb; golang/go:src/net/textproto/reader.go;
twisted/twisted's smtp.py; dotnet/runtime's System.Net.Mail (SmtpInvalidResponse); apache/commons-net's POP3;
mono's SmtpClient; imaplib2; nicm/fdm:connect.c; IO::Socket::SSL; FairEmail; GNOME Geary; Thunderbird;
openjdk/jdk:src/java.base/share/classes/sun/security/util/HostnameChecker.java ('No name matching %s found');
curl/curl:lib/multi.c ('Resolving timed out after %ld milliseconds').
"""

from __future__ import annotations

import pytest

from mailexpert import concepts
from mailexpert.errors import InputError
from mailexpert.explain import explain

STARTTLS_FAILED = {"wording": "starttls-failed"}
NO_GREETING = {"wording": "no-greeting"}
NOT_THE_PROTOCOL = {"wording": "bad-greeting"}
NAME = {"tls": ["cert-invalid", "hostname-mismatch"]}
NOT_YET = {"tls": ["cert-invalid", "not-yet-valid"]}
CLOSED = {"plaintext-on-tls-port", "server-unavailable"}

CATALOGUE = [
    # the upgrade to TLS, broken off
    ("Timed out while upgrading transport", STARTTLS_FAILED, {"starttls-failed"}),  # aiosmtplib
    ("Connection reset while upgrading transport", STARTTLS_FAILED, {"starttls-failed"}),  # aiosmtplib
    ("Connection aborted while upgrading transport", STARTTLS_FAILED, {"starttls-failed"}),  # aiosmtplib
    ("Failed to upgrade connection in required time", STARTTLS_FAILED, {"starttls-failed"}),  # imapflow
    ("Could not convert socket to TLS", STARTTLS_FAILED, {"starttls-failed"}),  # JavaMail SMTPTransport
    # a connection the server closed
    ("smtplib.SMTPServerDisconnected: Connection unexpectedly closed", NO_GREETING, CLOSED),  # CPython smtplib
    ("imaplib.IMAP4.abort: socket error: EOF", NO_GREETING, CLOSED),  # CPython imaplib
    ("Mail server closed the connection unexpectedly.", NO_GREETING, CLOSED),  # Horde Imap_Client
    # (a connection lost may be lost at any step -- Postfix's "lost connection with X while performing the EHLO
    # handshake" -- so it stays the reset it reads as, not a close before the greeting; the cause is the same here)
    ("Lost connection with SMTP server", {"socket": "reset"}, CLOSED),  # deanproxy/eMail
    ("The SMTP server has unexpectedly disconnected.", NO_GREETING, CLOSED),  # MailKit
    ("connection closed before greeting", NO_GREETING, CLOSED),  # Go IMAP client
    # an empty answer where the greeting or a reply was awaited
    ('Expected response code "220" but got empty code.', NO_GREETING, CLOSED),  # Symfony Mailer
    ("Empty startup greeting (mail.example.com:143)", NO_GREETING, CLOSED),  # Roundcube
    ("the server sent an empty reply", NO_GREETING, CLOSED),  # msmtp
    # the answer of another protocol, or one the client calls invalid
    ("SSH-2.0-OpenSSH_9.2p1 Debian-2 (Net::SMTPUnknownError)", NOT_THE_PROTOCOL, {"wrong-protocol-on-port"}),  # net-smtp
    ("invalid response code: SSH-2.0-OpenSSH_9.2p1 Debian-2", NOT_THE_PROTOCOL, {"wrong-protocol-on-port"}),  # Go
    ("Invalid response from SMTP server: mail.example.com", NOT_THE_PROTOCOL, {"wrong-protocol-on-port"}),  # Twisted
    ("System.FormatException: Smtp server returned an invalid response.", NOT_THE_PROTOCOL,
     {"wrong-protocol-on-port"}),  # .NET SmtpClient
    ("Received invalid POP3 protocol response from server.", NOT_THE_PROTOCOL, {"wrong-protocol-on-port"}),  # commons-net
    ("Response format is wrong.(mail.example.com)", NOT_THE_PROTOCOL, {"wrong-protocol-on-port"}),  # Mono SmtpClient
    ("unrecognised server welcome message: mail.example.com", NOT_THE_PROTOCOL, {"wrong-protocol-on-port"}),  # imaplib2
    # a wait for the server's answer that timed out
    ("Timeout waiting for SMTP server response", NO_GREETING, CLOSED),  # Twisted SMTPTimeoutError
    ("Timeout(10) while trying to read from SMTP server", NO_GREETING, CLOSED),  # deanproxy/eMail
    # a name the resolver does not know, or did not answer for
    ("Unknown SMTP host: mail.example.com", {"dns": "nxdomain"}, {"server-host-unknown", "server-host-typo"}),  # JavaMail
    ("curl: (28) Resolving timed out after 5000 milliseconds (smtp://mail.example.com)", {"dns": "timeout"},
     {"dns-outage", "dns-server-misconfigured", "no-internet", "dns-blocked"}),  # curl lib/multi.c
    # a certificate's name, and one not yet valid
    ("certificate verification failed: no matching CN", NAME, {"cert-hostname-mismatch"}),  # fdm
    ("hostname verification failed", NAME, {"cert-hostname-mismatch"}),  # IO::Socket::SSL
    ("mail.example.com not in certificate: other.example.net", NAME, {"cert-hostname-mismatch"}),  # FairEmail
    ("java.security.cert.CertificateException: No name matching mail.example.com found", NAME,
     {"cert-hostname-mismatch"}),  # OpenJDK HostnameChecker
    ("The server’s certificate has not been activated", NOT_YET, {"cert-not-yet-valid", "clock-skew"}),  # Geary
    ("The certificate for mail.example.com will not be valid until 1/1/2030.", NOT_YET,
     {"cert-not-yet-valid", "clock-skew"}),  # Thunderbird
]


def _top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top is not None else None


@pytest.mark.parametrize(("text", "gives", "causes"), CATALOGUE)
def test_the_concepts_alone_read_the_wording(text: str, gives: dict[str, object], causes: set[str]) -> None:
    found = concepts.read(text, about_mail=True)
    assert found is not None, "no concept reading"
    assert {k: v for k, v in found.reading.gives.items() if k in gives} == gives


@pytest.mark.parametrize(("text", "gives", "causes"), CATALOGUE)
def test_explain_names_the_cause(text: str, gives: dict[str, object], causes: set[str]) -> None:
    report = explain(text)
    assert report.diagnoses, "declined or called fine"
    assert all(d.severity == "error" for d in report.diagnoses if d.is_root)
    assert _top(text) in causes


# Neighbours: the words beside these concepts keep their own readings.
NEIGHBOURS = [
    # a handshake the peer closed: TLS's, not a plain connection's close (RFC 8446 section 6.1)
    ("SSLHandshakeException: Connection closed by peer", lambda g: "tls" in g),
    # .NET SslStream's end of file is inside its TLS (dotnet/runtime System.Net.Security net_io_eof)
    ("Received an unexpected EOF or 0 bytes from the transport stream.", lambda g: "tls" in g),
    # .NET's web request closed at a send (net_webstatus_SendFailure): no mail server's close
    ("The underlying connection was closed: An unexpected error occurred on a send.",
     lambda g: g.get("wording") != "no-greeting"),
    # a TCP reset is no close (RFC 9293 section 3.5.2)
    ("SMTP: Connection reset by peer", lambda g: g.get("wording") != "no-greeting"),
    # the server does not offer STARTTLS: no upgrade that broke (RFC 3207 section 4)
    ("Cannot upgrade connection: STARTTLS not supported by server", lambda g: g.get("wording") == "starttls-not-offered"),
    # a certificate that has expired is no name that does not match
    ("Unable to connect: the certificate has expired", lambda g: g.get("tls") == ["cert-invalid", "expired"]),
    # a connect that timed out: no answer awaited on a connection made
    ("SMTP connect() failed: Connection timed out", lambda g: g.get("socket") == "timeout"),
]


@pytest.mark.parametrize(("text", "check"), NEIGHBOURS)
def test_the_neighbours_keep_their_readings(text: str, check) -> None:  # noqa: ANN001 - a predicate
    found = concepts.read(text, about_mail=True)
    assert found is not None
    assert check(found.reading.gives), found.reading.gives


# Whole texts whose cause is said elsewhere in them keep it.
KEEP = [
    # Dovecot's log of a login refused, then the client gone (data/concepts.yaml labels)
    ("Dec 04 12:46:06 imap-login: Info: Disconnected: Connection closed (auth failed, 1 attempts in 1 secs): "
     "user=<alice@example.test>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.72, TLS, session=<FsxtQs5hBqF>",
     {"password-rejected", "username-wrong"}),
    # a STARTTLS the server refused with a reply code (RFC 3207 section 4, 454)
    ("Error: Error upgrading connection with STARTTLS: 454 4.7.0 TLS not available due to local problem",
     {"starttls-failed"}),
]


@pytest.mark.parametrize(("text", "causes"), KEEP)
def test_a_cause_said_elsewhere_is_kept(text: str, causes: set[str]) -> None:
    assert _top(text) in causes


def test_a_generic_failure_stays_a_failure_without_these_causes() -> None:
    report = explain("Sending failed")
    assert report.diagnoses
    assert all(d.severity == "error" for d in report.diagnoses if d.is_root)
    roots = {d.cause for d in report.diagnoses if d.is_root}
    assert not roots & {"starttls-failed", "wrong-protocol-on-port", "cert-hostname-mismatch"}


def test_a_connection_closed_alone_in_no_mail_text_is_not_read_as_mail() -> None:
    # connections are everybody's words: "Connection closed" of a web client names no mail server
    try:
        report = explain('Get "https://example.com/api": connection closed')
    except InputError:
        return
    assert report.top is None or report.top.cause not in CLOSED
