"""Library and TLS-stack texts whose readings were missing or wrong: each a program's own wording, read for
what its source says it means, with neighbours that must keep their own reading.

Sources:
- Another protocol's greeting in a client's debug transcript: a client that names its own protocol (its class:
  SmtpClient-for-Qt's SmtpClient, bluetiger9/SmtpClient-for-Qt:src/smtpclient.cpp, which logs what it read and
  waits for 220; MailKit's ImapClient, jstedfast/MailKit:MailKit/Net/Imap/ImapClient.cs) and logs as received the
  first words of another protocol's server (RFC 9051 "* OK", RFC 1939 "+OK", RFC 5321 "220").
- Qt's QSslSocket without a TLS backend it can load: qt/qtbase:src/network/ssl/qsslsocket.cpp (connectToHostEncrypted,
  startClientEncryption: "TLS initialization failed" when !supportsSsl()), src/network/ssl/qsslsocket_openssl_symbols.cpp
  ("QSslSocket: cannot call unresolved function %s"; its "cannot resolve %s" warnings name optional functions).
- JavaMail's AuthenticationFailedException: eclipse-ee4j/angus-mail:providers/smtp/src/main/java/org/eclipse/angus/
  mail/smtp/SMTPTransport.java (Authenticator.authenticate wraps an exception caught during AUTH in it).
- rustls' alerts in Debug form: rustls/rustls:rustls/src/error.rs (Error::AlertReceived(AlertDescription)), and
  MesaLink's error names over them: mesalock-linux/mesalink:src/libssl/err.rs (TLSErrorAlertReceived<Alert>).
"""

from __future__ import annotations

import pytest
from helpers import causes_of

WRONG_PORT = "wrong-protocol-on-port"
OUTDATED = "client-outdated"
LOGIN = ("password-rejected", "username-wrong")
CIPHER = ("tls-no-shared-cipher", "tls-version-server-outdated", "tls-version-client-outdated")
VERSION = ("tls-version-server-outdated", "tls-version-client-outdated")

CASES = [
    # --- another protocol's greeting in a client's transcript -----------------------------------------------------
    pytest.param('[SmtpClient] State: ConnectedState\n'
                 '[Socket] IN:  "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE AUTH=PLAIN] '
                 'Dovecot ready.\\r\\n"\n"Failed to connect to host mail.example.com:993!"', (WRONG_PORT,),
                 id="qt-smtpclient-imap-greeting"),
    pytest.param('[SmtpClient] State: ConnectedState\n[Socket] IN:  "+OK Dovecot ready.\\r\\n"\n'
                 '"Failed to connect to host mail.example.com:995!"', (WRONG_PORT,), id="qt-smtpclient-pop3-greeting"),
    pytest.param('MailKit.Net.Imap.ImapClient connected to mail.example.com:587\n'
                 'S: "220 mail.example.com ESMTP Postfix"\nThe IMAP server did not greet', (WRONG_PORT,),
                 id="imapclient-smtp-greeting"),
    # --- Qt's QSslSocket without a TLS backend ------------------------------------------------------------------
    pytest.param("qt.network.ssl: QSslSocket::connectToHostEncrypted: TLS initialization failed", (OUTDATED,),
                 id="qt-connect-encrypted"),
    pytest.param("QSslSocket::startClientEncryption: TLS initialization failed", (OUTDATED,),
                 id="qt-start-client-encryption"),
    pytest.param("qt.network.ssl: QSslSocket: cannot call unresolved function SSLv23_client_method\n"
                 "qt.network.ssl: QSslSocket: cannot call unresolved function SSL_CTX_new", (OUTDATED,),
                 id="qt-unresolved-function"),
    # --- JavaMail's AuthenticationFailedException over a socket error -----------------------------------------------
    pytest.param("javax.mail.AuthenticationFailedException;\n  nested exception is:\n"
                 "\tjavax.mail.MessagingException: Exception reading response;\n  nested exception is:\n"
                 "\tjava.net.SocketTimeoutException: Read timed out", LOGIN, id="javamail-auth-read-timeout"),
    pytest.param("jakarta.mail.AuthenticationFailedException: Exception reading response\n"
                 "Caused by: java.net.SocketTimeoutException: Read timed out", LOGIN, id="jakarta-auth-read-timeout"),
    # --- rustls' alerts in Debug form, MesaLink's names --------------------------------------------------------------
    pytest.param("error:[0x3000907]:[mesalink]:[src/libssl/ssl.rs:344]:[TLSErrorAlertReceivedHandshakeFailure]",
                 CIPHER, id="mesalink-handshake-failure"),
    pytest.param("error:[0x3000914]:[mesalink]:[src/libssl/ssl.rs:344]:[TLSErrorAlertReceivedProtocolVersion]",
                 VERSION, id="mesalink-protocol-version"),
    pytest.param("Custom { kind: InvalidData, error: AlertReceived(ProtocolVersion) }", VERSION,
                 id="rustls-io-error-protocol-version"),
    pytest.param("TLS error: AlertReceived(HandshakeFailure)", CIPHER, id="rustls-handshake-failure"),
]


@pytest.mark.parametrize(("text", "accepted"), CASES)
def test_a_library_text_reads_as_its_source_says(text: str, accepted: tuple[str, ...]) -> None:
    causes = causes_of(text)
    assert causes and causes[0] in accepted, causes


NEIGHBOURS = [
    # The client's own protocol greets: its reading failed, not the port.
    pytest.param('[SmtpClient] State: ConnectedState\n[Socket] IN:  "220 mail.example.com ESMTP Postfix\\r\\n"\n'
                 '"Failed to connect to host mail.example.com:587!"', (WRONG_PORT,), id="qt-smtpclient-smtp-greeting"),
    # A log that names two protocols does not say which one the client speaks.
    pytest.param('[SmtpClient] connecting to imap.example.com\n[Socket] IN:  "* OK IMAP ready\\r\\n"', (WRONG_PORT,),
                 id="two-protocols-named"),
    # Dovecot's own "TLS initialization failed" is the server's TLS set-up, not the client's installation.
    pytest.param("dovecot: imap-login: Disconnected: TLS initialization failed. (no auth attempts in 0 secs): "
                 "user=<>, rip=192.0.2.5", (OUTDATED,), id="dovecot-tls-initialization"),
    # A connect that timed out is no login.
    pytest.param("javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.com, port: 587;\n"
                 "  nested exception is:\n\tjava.net.SocketTimeoutException: connect timed out", LOGIN,
                 id="javamail-connect-timeout"),
    pytest.param("javax.mail.MessagingException: Exception reading response;\n  nested exception is:\n"
                 "\tjava.net.SocketTimeoutException: Read timed out", LOGIN, id="javamail-read-timeout-no-auth"),
    # JavaMail's AuthenticationFailedException over a STARTTLS failure: the certificate, not the login.
    pytest.param("KC-SERVICES0029: Failed to send email: jakarta.mail.AuthenticationFailedException: 220 2.0.0 Ready "
                 "to start TLS\n;\n  nested exception is:\n\tjakarta.mail.MessagingException: Could not convert socket "
                 "to TLS;\n  nested exception is:\n\tjavax.net.ssl.SSLHandshakeException: PKIX path building failed: "
                 "unable to find valid certification path to requested target", LOGIN, id="javamail-auth-over-starttls"),
    # A client's "could not authenticate" after a connect that timed out is no login that was tried.
    pytest.param("SMTP ERROR: Failed to connect to server: Connection timed out (110)\n"
                 "SMTP Error: Could not authenticate.", LOGIN, id="phpmailer-authenticate-after-connect-timeout"),
    # A reset while the login was answered is a connection broken at the login, not a refusal (offlineimap's
    # imaplib2 "authentication failed: ... socket error: ... Connection reset by peer").
    pytest.param("PLAIN authentication failed: command: b'AUTHENTICATE' => socket error: <class 'ConnectionResetError'> - "
                 "[Errno 104] Connection reset by peer", LOGIN, id="imaplib2-auth-reset"),
]


@pytest.mark.parametrize(("text", "refused"), NEIGHBOURS)
def test_neighbours_keep_their_own_reading(text: str, refused: tuple[str, ...]) -> None:
    causes = causes_of(text)
    assert not causes or causes[0] not in refused, causes


GENERIC = [
    pytest.param("javax.mail.MessagingException: Exception reading response", id="bare-read-response"),
    pytest.param("qt.network.ssl: QSslSocket: cannot resolve SSLv2_client_method\n"
                 "Connection refused", id="qt-optional-symbol-warning"),
]


@pytest.mark.parametrize("text", GENERIC)
def test_a_text_that_says_only_that_it_failed_stays_a_failure_without_a_made_up_cause(text: str) -> None:
    causes = causes_of(text, errors_only=True)
    assert causes, "a failure must not read as fine or be declined"
    assert not {WRONG_PORT, OUTDATED, *LOGIN} & set(causes[:1]), causes
