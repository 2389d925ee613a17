"""Library texts whose numbers or whose transcript name the cause -- and their neighbours.

A catalogue of real wordings, each checked at its source (the program that prints it, the vendor's own page, or a
public log of it), with the causes each may honestly read as; the first cause ``explain`` names must be one of them.

- A Windows Sockets code behind other words than Python's "[Errno N]" or Indy's "Socket Error # N": "socket error
  10060" (Ararat Synapse), "TCP error code 10060" (.NET WCF), "[Error 11001]" under a translated prefix, "Error code
  10013" said of sending, the word for error in another language ("错误代码：10060"). The codes are Microsoft's
  (learn.microsoft.com/windows/win32/winsock/windows-sockets-error-codes-2): 10013 WSAEACCES, 10052 WSAENETRESET,
  10053 WSAECONNABORTED, 10054 WSAECONNRESET, 10060 WSAETIMEDOUT, 10061 WSAECONNREFUSED, 10065 WSAEHOSTUNREACH,
  11001 WSAHOST_NOT_FOUND, 11003 WSANO_RECOVERY. A POSIX errno reads only where the text names it an errno
  ("errno 111", Rust's "(os error 111)").
- aiosmtplib's "Connection already using TLS" (aio-libs/aiosmtplib:src/aiosmtplib/smtp.py starttls: STARTTLS asked
  on a connection that already has an SSL context -- implicit TLS on 465, or connect()'s own STARTTLS, and then
  starttls() again): the program's TLS settings contradict themselves.
- A 535 answered straight to an AUTH that carried no credentials ("AUTH PLAIN" with no initial response, then 535
  with no 334 between, curl/curl#4080 and curl/curl#5321): RFC 4954 section 4 has the server send a 334 when the
  client gave no initial response, so no password was ever sent and the password cannot be what was refused: the
  mechanism exchange failed (a client that does it the way that server does not take).

The differential: a number that is a reply code, a port, a count or a line is no socket code; "Error 10060" with
nothing about a connection around it is not read; a 535 after the credentials were sent stays the password; a
failure without a reason stays a failure without a specific cause."""

from __future__ import annotations

import pytest
from helpers import Case, assert_named_once, causes_of

from mailexpert.classify import socket_errno
from mailexpert.errors import InputError
from mailexpert.explain import explain

TIMEOUT = ("port-blocked-outbound", "server-ip-blocked", "no-internet", "server-unavailable", "port-closed")
REFUSED = ("port-closed", "port-blocked-outbound")
FORBIDDEN = ("port-blocked-outbound",)
RESET = ("tls-interception", "port-blocked-outbound", "server-unavailable", "vpn-interference")
NO_HOST = ("server-host-unknown", "server-host-typo")
UNREACHABLE = ("server-ip-blocked", "no-internet", "port-blocked-outbound")
DNS = ("server-host-unknown", "dns-server-misconfigured", "dns-outage", "no-internet")
TLS_SETTINGS = ("client-config-corrupt", "client-outdated", "tls-on-plaintext-port", "plaintext-on-tls-port")
MECHANISM = ("auth-mechanism-unsupported", "client-outdated")
LOGIN = ("password-rejected", "app-password-required", "username-wrong")

WSA = "learn.microsoft.com/windows/win32/winsock/windows-sockets-error-codes-2"
SYNAPSE = "Ararat Synapse blcksock.pas (GetErrorDescEx: 'Socket error %d' with the Winsock code)"
WCF = "dotnet/wcf: System.ServiceModel SocketConnection ('TCP error code 10060: A connection attempt failed ...')"
AIOSMTPLIB = "aio-libs/aiosmtplib:src/aiosmtplib/smtp.py (starttls: raise SMTPException('Connection already using TLS'))"
CURL_4080 = "curl/curl#4080 (AUTH PLAIN with no initial response, Exim answers 535 at once, no 334)"
CURL_5321 = "curl/curl#5321 (curl 7.68 against smtp.qq.com: '> AUTH PLAIN' then '< 535 Login Fail.'; 7.47 got 235)"

CASES = [
    # --- Windows Sockets codes behind other words -------------------------------------------------------------------
    Case("socket-error-space", "socket error 10060", TIMEOUT, WSA),
    Case("synapse-socket-error", "Synapse TCP/IP Socket error 10060: Connection timed out", TIMEOUT, SYNAPSE),
    Case("synapse-refused", "SMTP send failed: Synapse TCP/IP Socket error 10061: Connection refused", REFUSED, SYNAPSE),
    Case("wcf-tcp-error-code",
         "Could not connect to net.tcp://mail.example.com:9954/. The connection attempt lasted for a time span of "
         "00:00:21.0322440. TCP error code 10060: A connection attempt failed because the connected party did not "
         "properly respond after a period of time.", TIMEOUT, WCF),
    Case("error-code-when-sending", "Error code 10013 when sending", FORBIDDEN, WSA + " (WSAEACCES)"),
    Case("german-prefix-error-bracket", "Netzwerkfehler [Error 11001] getaddrinfo faild", NO_HOST,
         "cpython:Modules/socketmodule.c (set_gaierror on Windows: '[Errno 11001] getaddrinfo failed'), as a program "
         "re-words it under its own German prefix"),
    Case("chinese-error-code", "错误代码：10060 连接服务器失败", TIMEOUT, WSA),
    Case("german-fehler-connect", "Fehler 10061 beim Verbinden mit dem SMTP-Server", REFUSED, WSA),
    Case("wsa-error-reset", "send() failed on the SMTP connection: WSA error 10054", RESET, WSA),
    Case("socket-error-equals", "IMAP connect failed, socket error=10065", UNREACHABLE, WSA + " (WSAEHOSTUNREACH)"),
    Case("winsock-no-recovery", "Mail server lookup failed: socket error 11003", DNS, WSA + " (WSANO_RECOVERY)"),
    Case("netreset", "Connection to the POP3 server failed: Socket Error # 10052", RESET, WSA + " (WSAENETRESET)"),
    # --- POSIX numbers with an errno marker -------------------------------------------------------------------------
    Case("rust-os-error", "lettre: Connection refused (os error 111)", REFUSED,
         "rust-lang/rust:library/std/src/io/error.rs (Display: '{detail} (os error {code})')"),
    Case("errno-equals", "smtp connect to mail.example.com:587 failed, errno=110", TIMEOUT,
         "include/uapi/asm-generic/errno.h (ETIMEDOUT 110)"),
    # --- aiosmtplib's STARTTLS on a TLS connection -------------------------------------------------------------------
    Case("aiosmtplib-already-tls", "aiosmtplib.errors.SMTPException: Connection already using TLS", TLS_SETTINGS, AIOSMTPLIB),
    Case("aiosmtplib-already-tls-bare", "SMTPException: Connection already using TLS", TLS_SETTINGS, AIOSMTPLIB),
    # --- a 535 to an AUTH that carried no credentials ----------------------------------------------------------------
    Case("curl-auth-plain-exim",
         "* Connected to smtp.example.com (192.0.2.10) port 25 (#0)\n"
         "< 220 mx01.example.com ESMTP Exim 4.92 Wed, 26 Jun 2019 13:42:29 +0200\n"
         "> EHLO DESKTOP\n< 250-mx01.example.com Hello DESKTOP [198.51.100.7]\n< 250-SIZE 157286400\n"
         "< 250-AUTH PLAIN LOGIN\n< 250-STARTTLS\n< 250 HELP\n> AUTH PLAIN\n< 535 Incorrect authentication data\n"
         "* Closing connection 0\ncurl: (67) Login denied", MECHANISM, CURL_4080),
    Case("curl-auth-plain-qq",
         "* Connected to smtp.example.com (192.0.2.42) port 587 (#0)\n"
         "< 220 newxmesmtplogicsvrszb5.example.com XMail Esmtp QQ Mail Server.\n> EHLO mail.txt\n"
         "< 250-newxmesmtplogicsvrszb5.example.com\n< 250-PIPELINING\n< 250-STARTTLS\n< 250-AUTH LOGIN PLAIN\n"
         "< 250 8BITMIME\n> AUTH PLAIN\n< 535 Login Fail. Please enter your authorization code to login.\n"
         "curl: (67) Login denied", MECHANISM, CURL_5321),
    Case("phpmailer-auth-login-bare",
         "SERVER -> CLIENT: 220 mail.example.com ESMTP\nCLIENT -> SERVER: EHLO web01\n"
         "SERVER -> CLIENT: 250-mail.example.com\nSERVER -> CLIENT: 250 AUTH LOGIN PLAIN\n"
         "CLIENT -> SERVER: AUTH LOGIN\nSERVER -> CLIENT: 535 5.7.8 Error: authentication failed\n"
         "SMTP ERROR: AUTH command failed: 535 5.7.8 Error: authentication failed",
         MECHANISM, "PHPMailer/PHPMailer:src/SMTP.php (authenticate: 'AUTH LOGIN' expects 334; "
         "'SMTP ERROR: %s command failed'); RFC 4954 section 4"),
    # --- neighbours: the credentials were sent ----------------------------------------------------------------------
    Case("curl-auth-plain-initial-response",
         "< 220 mail.example.com ESMTP\n> EHLO client\n< 250-mail.example.com\n< 250 AUTH PLAIN LOGIN\n"
         "> AUTH PLAIN AGFsaWNlAHNlY3JldA==\n< 535 5.7.8 Error: authentication failed\ncurl: (67) Login denied",
         LOGIN, "curl/curl:lib/smtp.c (AUTH with the SASL initial response, RFC 4954 section 4)"),
    Case("phpmailer-auth-login-full",
         "SERVER -> CLIENT: 220 mail.example.com ESMTP\nCLIENT -> SERVER: EHLO web01\n"
         "SERVER -> CLIENT: 250 AUTH LOGIN PLAIN\nCLIENT -> SERVER: AUTH LOGIN\nSERVER -> CLIENT: 334 VXNlcm5hbWU6\n"
         "CLIENT -> SERVER: YWxpY2VAZXhhbXBsZS5jb20=\nSERVER -> CLIENT: 334 UGFzc3dvcmQ6\nCLIENT -> SERVER: c2VjcmV0\n"
         "SERVER -> CLIENT: 535 5.7.8 Error: authentication failed\n"
         "SMTP ERROR: Password command failed: 535 5.7.8 Error: authentication failed",
         LOGIN, "PHPMailer/PHPMailer:src/SMTP.php (authenticate: LOGIN, 'Password command failed')"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_wording_reads_as_its_cause(case: Case):
    found = causes_of(case.text)
    assert found and found[0] in case.causes, (case.name, found)


# A number that is a reply code, a port, a count or a line number: not a socket's.
@pytest.mark.parametrize("text", [
    "554 5.7.1 Message rejected: you have sent 10060 messages today",
    "connect to mail.example.com port 10025: Connection refused",
    "Error 550",
    "PHP Fatal error: Uncaught Exception in /var/www/mail.php on line 11001",
    "Error 10060",
])
def test_a_number_that_is_no_socket_code_is_not_read_as_one(text: str):
    try:
        evidence = [e for d in explain(text).diagnoses for e in d.evidence]
    except InputError:
        evidence = []
    said = [(getattr(e, "kind", None), getattr(e, "outcome", None)) for e in evidence]
    assert ("tcp.connect", "timeout") not in said and ("tcp.connect", "unreachable") not in said, (text, said)
    assert not any(kind == "dns.answer" for kind, _ in said), (text, said)


@pytest.mark.parametrize(("text", "number"), [
    ("SMTP connection failed, see issue #10061", None),
    ("Connection timed out, see curl/curl#10060", None),
    ("Mailer error: 111 connecting", None),
    ("Error 10060", None),
    ("Error code 10013 when sending", 10013),
    ("Connection refused (os error 111)", 111),
])
def test_the_number_a_text_names_is_the_sockets_only_where_it_says_so(text: str, number: int | None):
    assert socket_errno(text) == number


def test_the_port_stays_the_refusal_it_is():
    assert causes_of("connect to mail.example.com port 10025: Connection refused")[0] in REFUSED


def test_a_bare_errno_sized_number_after_error_is_not_read():
    # "error: 111" with nothing that names it an errno: not read as ECONNREFUSED.
    assert "port-closed" not in causes_of("Mailer error: 111")


def test_a_failure_without_a_reason_stays_generic():
    # Words that say only that sending failed: a failure, and neither of this catalogue's specific readings.
    report = explain("Sending of the message failed.")
    top = report.top
    assert top is not None and top.severity == "error", report.diagnoses
    assert top.cause not in ("auth-mechanism-unsupported", "server-host-unknown"), top.cause


def test_the_catalogue_names_each_wording_once():
    assert_named_once(CASES)
