"""The mail libraries' and their TLS stacks' own messages, as their sources word them
(mailexpert/data/library-messages.yaml, error-texts.yaml): each alone and as a program prints it
(an exception's class, a stack trace, a log line), explained to the cause it most often has.

Each case was read wrong or declined before its row was added: a Go resolver that no DNS server
answers read as a closed mail port, a certificate without IP addresses as an unknown issuer,
rustls's plain-text answer as a blocked port, Schannel's SEC_E_ILLEGAL_MESSAGE text as a refused
password, net-imap's LOGINDISABLED refusal as a locked account.
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain, explain_facts


def top(text: str) -> str | None:
    try:
        report = explain(text)
    except InputError:
        return "declined"
    return report.top.cause if report.top else None


CASES = [
    # --- Go: crypto/x509, crypto/tls, net (golang/go:src/crypto/x509/verify.go, src/net/dnsclient_unix.go)
    ("x509: cannot validate certificate for 192.0.2.1 because it doesn't contain any IP SANs",
     {"cert-hostname-mismatch"}),
    ("tls: failed to verify certificate: x509: cannot validate certificate for 203.0.113.7 because it doesn't "
     "contain any IP SANs", {"cert-hostname-mismatch"}),
    ("gomail: could not send email 1: x509: certificate is not authorized to sign other certificates",
     {"cert-untrusted-issuer", "cert-self-signed"}),
    ("x509: certificate specifies an incompatible key usage", {"cert-untrusted-issuer", "cert-self-signed"}),
    ("tls: failed to verify certificate: x509: “mail.example.com” certificate is not standards compliant",
     {"cert-untrusted-issuer", "cert-self-signed"}),
    ("dial tcp: lookup smtp.example.com on [::1]:53: read udp [::1]:50325->[::1]:53: read: connection refused",
     {"dns-server-misconfigured"}),
    ("failed to dial to SMTP server: dial tcp: lookup smtp.example.com on 127.0.0.53:53: read udp "
     "127.0.0.1:41234->127.0.0.53:53: read: connection refused", {"dns-server-misconfigured"}),
    ("dial tcp: lookup smtp.example.com on 8.8.8.8:53: server misbehaving", {"dns-outage", "dns-server-misconfigured"}),
    # --- rustls (lettre, async-imap, reqwest): Display and Debug forms (rustls/rustls:rustls/src/error.rs)
    ("Connection error: received corrupt message of type InvalidContentType", {"tls-on-plaintext-port"}),
    ("Error: Transport(Error { kind: Connection, source: Some(Custom { kind: InvalidData, error: "
     "InvalidMessage(InvalidContentType) }) })", {"tls-on-plaintext-port"}),
    ("Error { kind: Connection, source: Some(Custom { kind: InvalidData, error: InvalidCertificate(UnknownIssuer) }) }",
     {"cert-untrusted-issuer", "cert-self-signed"}),
    ("Error { kind: Connection, source: Some(Custom { kind: InvalidData, error: InvalidCertificate(NotValidForName) }) }",
     {"cert-hostname-mismatch"}),
    ("Error: Io(Custom { kind: InvalidData, error: InvalidCertificate(Expired) })", {"cert-expired"}),
    ("network error: peer is incompatible: ServerDoesNotSupportTls12Or13", {"tls-version-server-outdated"}),
    ("Error { kind: Connection, source: Some(Custom { kind: InvalidData, error: PeerIncompatible(Tls12NotOffered) }) }",
     {"tls-version-server-outdated"}),
    ("Error { kind: Connection, source: Some(Custom { kind: InvalidData, error: AlertReceived(ProtocolVersion) }) }",
     {"tls-version-server-outdated"}),
    # --- Java: JSSE (openjdk:src/java.base/share/classes/sun/security/ssl/)
    ("javax.mail.MessagingException: Could not convert socket to TLS;\n  nested exception is:\n"
     "\tjavax.net.ssl.SSLHandshakeException: java.security.cert.CertificateException: Certificates do not conform "
     "to algorithm constraints", {"tls-no-shared-cipher"}),
    ("javax.net.ssl.SSLHandshakeException: SSL peer shut down incorrectly",
     {"tls-interception", "tls-on-plaintext-port", "tls-version-server-outdated"}),
    # --- .NET: Schannel's SEC_E_ILLEGAL_MESSAGE under SslStream (Windows SDK:shared/winerror.h)
    ("System.Security.Authentication.AuthenticationException: A call to SSPI failed, see inner exception. ---> "
     "System.ComponentModel.Win32Exception: The message received was unexpected or badly formatted",
     {"tls-no-shared-cipher", "tls-version-server-outdated", "tls-version-client-outdated"}),
    ("System.Security.Authentication.AuthenticationException: Authentication failed, see inner exception.\n"
     " ---> System.ComponentModel.Win32Exception (0x80090326): The message received was unexpected or badly formatted.",
     {"tls-no-shared-cipher", "tls-version-server-outdated", "tls-version-client-outdated"}),
    # --- Ruby: the OpenSSL binding and net-imap
    ("OpenSSL::SSL::SSLError: SSL_connect SYSCALL returned=5 errno=0 state=SSLv3/TLS write client hello",
     {"tls-interception", "tls-on-plaintext-port", "tls-version-server-outdated"}),
    ("OpenSSL::SSL::SSLError (SSL_connect SYSCALL returned=5 errno=0 peeraddr=192.0.2.1:465 state=SSLv3/TLS write "
     "client hello):", {"tls-interception", "tls-on-plaintext-port", "tls-version-server-outdated"}),
    ("Net::IMAP::LoginDisabledError: Remote server has disabled the LOGIN command", {"auth-requires-tls"}),
    # --- Perl: IO::Socket::INET under Net::SMTP and Mail::IMAPClient
    ("Unable to connect to smtp.example.com: IO::Socket::INET: Bad hostname 'smtp.example.com'",
     {"server-host-unknown", "server-host-typo"}),
    ("IO::Socket::INET: connect: timeout", {"port-blocked-outbound", "smtp-port25-blocked"}),
    # --- MailKit, Jakarta Mail, nodemailer
    ("MailKit.Net.Smtp.SmtpProtocolException: Unable to parse status code returned by the server.",
     {"wrong-protocol-on-port"}),
    ("javax.mail.SendFailedException: Invalid Addresses;\n  nested exception is:\n"
     "\tcom.sun.mail.smtp.SMTPAddressFailedException: 550 5.1.1 <nobody@example.com>: Recipient address rejected: "
     "User unknown", {"server-reply-permanent"}),
    ("Error: Authentication info was not provided", {"client-config-corrupt"}),
    ("System.ArgumentException: The host name cannot be empty. (Parameter 'host')\n"
     "   at MailKit.MailService.Connect(String host, Int32 port, SecureSocketOptions options)", {"client-config-corrupt"}),
    ("System.Net.Mail.SmtpException: Failure sending mail. ---> System.FormatException: Smtp server returned an "
     "invalid response.", {"wrong-protocol-on-port"}),
    ("jakarta.mail.MessagingException: Could not convert socket to TLS;\n  nested exception is:\n"
     "\tjava.io.IOException: Unable to check server identity for: smtp.example.com", {"cert-hostname-mismatch"}),
    ("javax.net.ssl.SSLHandshakeException: Server identity does not match authentication scheme: "
     "org.eclipse.angus.mail.util.MailHostnameVerifier DENY", {"cert-hostname-mismatch"}),
    # --- lettre: its Kind words before the cause (lettre/lettre:src/transport/smtp/error.rs)
    ("network error: Resource temporarily unavailable (os error 11)", {"plaintext-on-tls-port", "server-unavailable"}),
    ("Error: lettre::transport::smtp::Error { kind: Network, source: Os { code: 11, kind: WouldBlock, message: "
     "\"Resource temporarily unavailable\" } }", {"plaintext-on-tls-port", "server-unavailable"}),
    ("response error: incomplete response", {"plaintext-on-tls-port", "server-unavailable"}),
    ("Connection error: smtp host undefined", {"client-config-corrupt"}),
    # native-tls on Windows: Schannel's SEC_E_INVALID_TOKEN, a plain-text answer to the ClientHello
    ("Connection error: The token supplied to the function is invalid (os error -2146893048)",
     {"tls-on-plaintext-port"}),
    # --- Python: another protocol's greeting, as imaplib and poplib quote it (python/cpython:Lib/imaplib.py, poplib.py)
    ("imaplib.IMAP4.abort: unexpected response: b'220 smtp.example.com ESMTP Postfix'", {"wrong-protocol-on-port"}),
    ("imaplib.IMAP4.error: b'+OK Dovecot ready.'", {"wrong-protocol-on-port"}),
    ("poplib.error_proto: b'* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS "
     "AUTH=PLAIN] Dovecot ready.'", {"wrong-protocol-on-port"}),
    ("poplib.error_proto: b'220 mail.example.com ESMTP Postfix'", {"wrong-protocol-on-port"}),
    # --- go-mail, Perl: the program's own settings, before any server was involved
    ("failed to create new mail client: hostname for client cannot be empty", {"client-config-corrupt"}),
    # --- go-mail's RSET after a message the server had accepted: the server closed the session or refused
    # RSET then (read before as an antivirus cutting the session, or as a bare permanent refusal)
    ("failed to send mail: send failed: sending SMTP RESET command: not connected to SMTP server, affected "
     "message ID: <abc@example.org>", {"server-protocol-error"}),
    ("notifier: smtp: failed to send message: sending SMTP RESET command: failed to send RSET to SMTP client: "
     "500 Expected MAIL FROM:<addr> or QUIT", {"server-protocol-error"}),
    # --- mpop: a CAPA answer the server broke off (declined before)
    ("mpop: invalid reply to command CAPA\nmpop: error during mail retrieval", {"server-protocol-error"}),
    # --- curl's bare reply code to MAIL FROM: RFC 4954's 530 asks for a login (read before as an unexplained refusal)
    ("Error in curl::curl_fetch_memory(url, handle = h) : MAIL failed: 530", {"smtp-auth-not-enabled"}),
    # Net::SMTP->new returned undef (no connection); the script's next call dies on it
    ("Can't call method \"auth\" on an undefined value at /usr/local/bin/notify.pl line 41.",
     {"port-blocked-outbound", "port-closed"}),
]


@pytest.mark.parametrize(("text", "causes"), CASES, ids=[t[:60] for t, _ in CASES])
def test_a_library_message_is_explained_to_its_cause(text: str, causes: set[str]) -> None:
    assert top(text) in causes


@pytest.mark.parametrize("text", [
    # A mail server's own refused connection stays a closed port: the resolver's address is what refuses above.
    "dial tcp 192.0.2.1:25: connect: connection refused",
    "Error: connect ECONNREFUSED 192.0.2.1:587",
])
def test_a_refused_connection_to_the_mail_server_stays_a_closed_port(text: str) -> None:
    assert top(text) == "port-closed"


@pytest.mark.parametrize(("text", "cause"), [
    # The greeting rows name another protocol's greeting only: a refused login is still the server's refusal.
    ("poplib.error_proto: b'-ERR [AUTH] Authentication failed.'", "password-rejected"),
    ("imaplib.IMAP4.error: b'[AUTHENTICATIONFAILED] Authentication failed.'", "password-rejected"),
])
def test_a_refused_login_through_imaplib_and_poplib_stays_a_refused_login(text: str, cause: str) -> None:
    assert top(text) == cause


@pytest.mark.parametrize("text", [
    # A peer's internal_error alert (RFC 8446 section 6.2, alert 80) in each stack's words: a failed handshake.
    "ssl.SSLError: [SSL: TLSV1_ALERT_INTERNAL_ERROR] tlsv1 alert internal error (_ssl.c:1006)",
    "remote error: tls: internal error",
    "javax.net.ssl.SSLHandshakeException: Received fatal alert: internal_error",
    "Error: 40E7:error:0A000438:SSL routines:ssl3_read_bytes:tlsv1 alert internal error:"
    "../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert number 80",
])
def test_a_peers_internal_error_alert_is_a_failed_handshake(text: str) -> None:
    assert top(text) in {"tls-no-shared-cipher", "tls-version-server-outdated"}


@pytest.mark.parametrize("text", [
    # unrecognized_name (RFC 6066 section 3, alert 112): the server knows no certificate for the name the client
    # asked for -- the configured host is not one it serves, in each stack's words.
    "ssl.SSLError: [SSL: TLSV1_UNRECOGNIZED_NAME] tlsv1 unrecognized name (_ssl.c:1006)",
    "javax.net.ssl.SSLException: Received fatal alert: unrecognized_name",
    "javax.net.ssl.SSLProtocolException: handshake alert:  unrecognized_name",
    "error:14094458:SSL routines:ssl3_read_bytes:tlsv1 unrecognized name:ssl/record/rec_layer_s3.c:1562:SSL alert number 112",
    "remote error: tls: unrecognized name",
])
def test_an_unrecognized_name_alert_is_a_host_the_certificate_does_not_cover(text: str) -> None:
    assert top(text) == "cert-hostname-mismatch"


@pytest.mark.parametrize("text", [
    # MailKit's CheckConnected (jstedfast/MailKit: SmtpClient.cs, ImapClient.cs, Pop3Client.cs): a command on a
    # client with no connection open says only that the connection failed or was closed, never fine.
    "MailKit.ServiceNotConnectedException: The SmtpClient is not connected.\n   at MailKit.Net.Smtp.SmtpClient.CheckConnected()",
    "MailKit.ServiceNotConnectedException: The ImapClient is not connected.",
    "The Pop3Client is not connected.",
])
def test_mailkits_not_connected_is_a_failed_connection(text: str) -> None:
    facts = [f for f in explain_facts(text) if f.kind == "tcp.connect"]
    assert top(text) not in (None, "declined") and facts and all(f.get("outcome") == "error" for f in facts), facts


@pytest.mark.parametrize("text", [
    # Java 7's JSSE (sun.security.ssl.DHCrypt) and a server's Diffie-Hellman group over 1024 bits (JDK-7044060).
    "javax.net.ssl.SSLException: java.lang.RuntimeException: Could not generate DH keypair",
    "javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.com, port: 465;\n  nested exception is:\n"
    "\tjavax.net.ssl.SSLException: java.lang.RuntimeException: Could not generate DH keypair",
])
def test_an_old_javas_dh_keypair_failure_is_an_outdated_client(text: str) -> None:
    assert top(text) == "client-outdated"


def test_smtplib_writing_on_a_closed_connection_is_a_failure() -> None:
    # SMTP.send's OSError: a connection closed or reset under the program, never "fine".
    assert top("smtplib.SMTPServerDisconnected: Server not connected") not in (None, "declined")


def test_a_tls_stack_verdict_after_a_library_summary_still_decides() -> None:
    # rustls's plain-text answer inside lettre's wrapper: not the "Connection error" of a blocked port.
    assert top("Connection error: received corrupt message of type InvalidContentType") != "port-blocked-outbound"
    # A SASL refusal after the Schannel words would be a password; the SSPI words alone are TLS.
    assert top("A call to SSPI failed, see inner exception. The message received was unexpected or badly "
               "formatted") != "password-rejected"
