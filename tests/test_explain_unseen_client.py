"""The general layer under client texts that read right only through their own collected phrase
(benchmarks/corpus_unseen.py, slice 'client'): what reads such a text when its sentence was never written down.

- getaddrinfo's own codes as Python prints a socket.gaierror, "[Errno -2] Name or service not known" (python/cpython:
  Modules/socketmodule.c, set_gaierror: the code and gai_strerror's text; glibc's numbers, bminor/glibc:resolv/netdb.h:
  EAI_NONAME -2, EAI_AGAIN -3, EAI_FAIL -4, EAI_NODATA -5): the number says the resolver's answer, whatever the words
  (smtplib, imaplib, poplib and every Python program above them print it the same way). A negative "errno -2"
  outside Python's brackets is a negated errno (libuv's ENOENT, nodejs/node: "errno: -2, code: 'ENOENT'") and no
  look-up.
- glibc's Russian ECONNREFUSED, "В соединении отказано" (bminor/glibc:po/ru.po), as PHP prints it in Roundcube's
  and Net_SMTP's "Failed to connect socket: ..." and Thunderbird's Russian connectionRefusedError ends with it
  ("...; в соединении отказано.", thunderbird/thunderbird-l10n ru): the verb after the noun, the other order from
  the group's "отказано в соединении".
- OpenSSL's function names as a log's labels ("X509_get_subject_name: ...": cfengine/core:libcfnet/tls_generic.c,
  squid-cache/squid:src/security/Certificate.cc; "X509_verify_cert_error_string:" in a sync engine's verification
  dump): the call whose result follows, not a name mismatch or a verify verdict.
- Java's javax.net.ssl.SSLHandshakeException by its class name (openjdk/jdk:src/java.base/share/classes/javax/net/ssl/
  SSLHandshakeException.java; google/conscrypt:common/src/main/java/org/conscrypt/ConscryptFileDescriptorSocket.java,
  "Handshake failed" around the native error, as K-9 Mail and FairEmail log it): with no certificate, alert, close,
  reset or timeout word beside it, a handshake that found no version or cipher in common -- not the login the
  client's own log line says failed after it.
- a resolver's "no address associated" before a login the log goes on to report as failed (php/php-src:main/
  network.c, "php_network_getaddresses: getaddrinfo for %s failed: %s"; Roundcube's "IMAP Error: Login failed for"
  after it): the look-up failed, no server refused a password.
"""

from __future__ import annotations

import pytest

from mailexpert import classify, concepts
from mailexpert.explain import explain

HOST_UNKNOWN = {"server-host-unknown", "server-host-typo", "dns-server-misconfigured"}


# --- Python's socket.gaierror numbers
@pytest.mark.parametrize(("text", "number", "answer"), [
    ("socket.gaierror: [Errno -2] Name or service not known", -2, "nxdomain"),
    ("smtplib.SMTPServerDisconnected: ... [Errno -3] Temporary failure in name resolution", -3, "timeout"),
    ("socket.gaierror: [Errno -5] No address associated with hostname", -5, "nodata"),
    ("OSError: [Errno -4] Non-recoverable failure in name resolution", -4, "servfail"),
])
def test_a_gaierror_number_says_the_resolvers_answer(text: str, number: int, answer: str) -> None:
    assert classify.socket_errno(text) == number
    assert classify.dns_text_outcome(text) == answer


@pytest.mark.parametrize("text", [
    # libuv's negated errno (ENOENT), as Node prints an fs error beside a mail library's
    "Error: ENOENT: no such file or directory, open '/etc/ssl/cert.pem' { errno: -2, code: 'ENOENT', syscall: 'open' }",
    "connect failed, errno -2",
])
def test_a_negative_errno_outside_pythons_brackets_is_no_lookup(text: str) -> None:
    assert classify.socket_errno(text) is None


CASES = [
    # genmon's and any Python program's smtplib failure on an unknown name, with its TLS setting beside it
    ("Error Initializing SMTP library: [Errno -2] Name or service not known\n"
     "2026-08-27 13:50:29,627 : Error SMTP Init : SSL:<True>: [Errno -2] Name or service not known : mymail.py:799",
     HOST_UNKNOWN),
    ("Traceback (most recent call last):\n  File \"/usr/lib/python3.11/smtplib.py\", line 312, in _get_socket\n"
     "socket.gaierror: [Errno -2] Name or service not known", HOST_UNKNOWN),
    ("imaplib: socket.gaierror: [Errno -3] Temporary failure in name resolution",
     {"dns-outage", "dns-server-misconfigured", "no-internet", "dns-blocked", "vpn-interference"}),
    # the resolver's no-address answer before the login Roundcube reports as failed
    ("[24-Apr-2023 05:51:04 UTC] PHP Warning:  stream_socket_client(): php_network_getaddresses: getaddrinfo for "
     "mail.example.org failed: no address associated with name in /roundcubemail/program/lib/Roundcube/"
     "rcube_imap_generic.php on line 1059\n[24-Apr-2023 05:51:04 +0000]: <46jcjo3v> IMAP Error: Login failed for",
     {"server-host-no-address", "server-host-unknown", "dns-server-misconfigured"}),
    # --- neighbours that keep their own reading (the differential)
    ("[Errno 111] Connection refused", {"port-closed", "port-blocked-outbound", "server-down"}),
    ("535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6", {"password-rejected"}),
    ("[24-Apr-2023 05:51:04 +0000]: <46jcjo3v> IMAP Error: Login failed for alice against mail.example.org "
     "from 192.0.2.7. AUTHENTICATE PLAIN: Authentication failed.", {"password-rejected"}),
]


def root_causes(text: str) -> list[str]:
    """The root causes explain names for a text, first the likeliest; never none for a failure."""
    found = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert found, "a failure text must never read as fine"
    return found


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_first_root_cause(text: str, expected: set[str]) -> None:
    assert root_causes(text)[0] in expected


# --- the concept layer alone (no collected phrase): what a text nobody wrote down reads as
@pytest.mark.parametrize(("text", "gives"), [
    # PHP's socket error under a Russian locale (Roundcube, Net_SMTP)
    ("PHP Error: Failed to connect socket: В соединении отказано (POST /mail/?_task=mail&_action=send)",
     {"socket": "refused"}),
    # Thunderbird's Russian connectionRefusedError
    ("Не удалось соединиться с сервером «mail.example.org»; в соединении отказано.", {"socket": "refused"}),
    # an OpenSSL verification dump with the function names as labels: the issuer, not the name
    ("Verification failed:\nX509_verify_cert_error_string:\nunable to get local issuer certificateX509_get_subject_name:\n"
     "countryName               = PL\norganizationName          = Unizeto Technologies S.A.",
     {"tls": ["cert-invalid", "untrusted-issuer"]}),
    # K-9's log of a handshake that failed under a login it could not make (conscrypt on Android)
    ("E/k9: Failed to login, closing connection for conn112983937\nE/k9: IOException for alice@example.org:INBOX\n"
     "javax.net.ssl.SSLHandshakeException: Handshake failed\n"
     "  at com.android.org.conscrypt.OpenSSLSocketImpl.startHandshake(OpenSSLSocketImpl.java:429)",
     {"tls": ["handshake-failure", "unchecked"]}),
    # JSSE's (desktop Java, JavaMail) with an SSLProtocolException beneath it
    ("javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.org, port: 465;\n"
     "  nested exception is:\n\tjavax.net.ssl.SSLHandshakeException: Handshake failed",
     {"tls": ["handshake-failure", "unchecked"]}),
    # the no-address answer is read before the login's failure
    ("php_network_getaddresses: getaddrinfo for mail.example.org failed: no address associated with name\n"
     "IMAP Error: Login failed for alice", {"dns": "nodata"}),
])
def test_the_concept_reading(text: str, gives: dict[str, object]) -> None:
    found = concepts.read(text, about_mail=True)
    assert found is not None
    assert found.reading.gives == gives


@pytest.mark.parametrize(("text", "not_gives"), [
    # EACCES in Russian beside a connection: no refused connection
    ("Не удалось установить соединение с сервером: Отказано в доступе", {"socket": "refused"}),
    # an SSLHandshakeException that names its reason keeps that reason's reading
    ("javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake", {"tls": ["handshake-failure", "unchecked"]}),
    ("javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath."
     "SunCertPathBuilderException: unable to find valid certification path to requested target",
     {"tls": ["handshake-failure", "unchecked"]}),
    ("javax.net.ssl.SSLHandshakeException: SSL handshake aborted: ssl=0x7f: I/O error during system call, "
     "Connection reset by peer", {"tls": ["handshake-failure", "unchecked"]}),
    # a name mismatch said in words still reads as one beside an OpenSSL label
    ("X509_get_subject_name: CN=mail.example.org\ncertificate verify failed: hostname mismatch", {"tls": ["cert-invalid", "untrusted-issuer"]}),
])
def test_the_neighbours_concept_reading(text: str, not_gives: dict[str, object]) -> None:
    found = concepts.read(text, about_mail=True)
    assert found is None or found.reading.gives != not_gives


def test_the_label_blanks_only_the_function_name() -> None:
    low = "x509_get_subject_name: error:0b080074:x509 certificate routines:x509_check_private_key:key values mismatch"
    out = concepts.unlabelled(low)
    assert "subject_name" not in out
    assert "x509 certificate routines" in out
    # a verdict's name is no label
    assert "x509_v_err_cert_has_expired" in concepts.unlabelled("x509_v_err_cert_has_expired: certificate has expired")


def test_a_generic_failure_stays_a_failure_without_a_specific_cause() -> None:
    text = "Sending of the message failed."
    assert root_causes(text)
    assert explain(text).diagnoses[0].confidence != "certain"
