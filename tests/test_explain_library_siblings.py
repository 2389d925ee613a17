"""Catalogued libraries' sibling messages: the other connect, TLS, greeting, login and protocol
messages the same source raises beside the ones the corpus happened to sample, as a developer
pastes them (the exception's class or the library's prefix before the words, its fields after).

Each case names the file and function of the library's public source the words come from. A
message that says only that something failed is checked to be read as a failure of its kind (any
of its causes, or at least not "fine"), never given a cause it does not tell.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

CASES = [
    # nodemailer/nodemailer:lib/smtp-connection/index.js
    ("_actionAUTH_CRAM_MD5: no challenge after AUTH CRAM-MD5",
     "Error: Invalid login sequence while waiting for server challenge string { code: 'EAUTH', command: 'AUTH CRAM-MD5' }",
     {"auth-mechanism-unsupported"}),
    ("_actionAUTH_LOGIN_USER: no password prompt after the user name",
     "Error: Invalid login sequence while waiting for \"334 UGFzc3dvcmQ6\" { code: 'EAUTH', command: 'AUTH LOGIN' }",
     {"password-rejected", "username-wrong"}),
    ("_actionAUTH_CRAM_MD5_PASS: no 235 after the answer",
     "Error: Invalid login sequence while waiting for \"235\" { code: 'EAUTH', command: 'AUTH CRAM-MD5' }",
     {"password-rejected"}),
    ("_actionAUTH_LOGIN_USER with the server's reply after it: the reply decides",
     "Error: Invalid login sequence while waiting for \"334 UGFzc3dvcmQ6\": 535 5.7.8 Error: authentication failed",
     {"password-rejected"}),
    ("Error upgrading connection with STARTTLS, the server's refusal after it",
     "Error: Error upgrading connection with STARTTLS: 454 4.7.0 TLS not available due to local problem",
     {"starttls-failed"}),
    ("_isDestroyedMessage: a pooled connection the server had closed",
     "Error: Cannot send message - smtp connection is already destroyed. { code: 'ECONNECTION', command: 'API' }",
     None),
    ("_isDestroyedMessage: a half-closed socket",
     "Error: Cannot login - smtp connection socket is already half-closed. { code: 'ECONNECTION', command: 'API' }",
     None),
    # jstedfast/MailKit
    ("MailKit/Net/Imap/ImapEngine.cs Connect: a bare * BYE greeting",
     "MailKit.Net.Imap.ImapProtocolException: The IMAP server unexpectedly refused the connection.",
     None),
    ("MailKit/Net/Imap/ImapClient.cs Authenticate(ICredentials): none for the server",
     "MailKit.Security.AuthenticationException: No credentials could be found for the IMAP server.",
     {"client-config-corrupt"}),
    ("MailKit/Net/Pop3/Pop3Client.cs Authenticate(ICredentials): none for the server",
     "MailKit.Security.AuthenticationException: No credentials could be found for the POP3 server.",
     {"client-config-corrupt"}),
    ("MailKit/Net/Pop3/Pop3Command.cs CreatePop3Exception: -ERR to STLS",
     "MailKit.Net.Pop3.Pop3CommandException: POP3 server did not respond with a +OK response to the STLS command.",
     {"starttls-failed"}),
    ("MailKit/Net/Smtp/SmtpStream.cs ReadResponse: no SMTP reply code",
     "MailKit.Net.Smtp.SmtpProtocolException: Invalid status code returned by the server.",
     {"wrong-protocol-on-port"}),
    ("MailKit/Net/Smtp/SmtpStream.cs ReadResponse: one reply, two codes",
     "MailKit.Net.Smtp.SmtpProtocolException: The status codes returned by the server did not match.",
     None),
    ("MailKit/Net/Smtp/SmtpClient.cs Authenticate: not connected",
     "MailKit.ServiceNotConnectedException: The SmtpClient must be connected before you can authenticate.",
     None),
    # eclipse-ee4j/angus-mail:providers/pop3/src/main/java/org/eclipse/angus/mail/pop3/Protocol.java readResponse
    ("POP3 Protocol.readResponse: an IMAP greeting on the POP3 port",
     "javax.mail.MessagingException: Connect failed;\n  nested exception is:\n\tjava.io.IOException: Unexpected "
     "response: * OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE] Dovecot ready.",
     {"wrong-protocol-on-port"}),
    # PHPMailer/PHPMailer:src/SMTP.php, src/PHPMailer.php
    ("SMTP.php authenticate: no capabilities kept (EHLO and HELO failed)",
     "2024-05-01 10:00:00\tAuthentication is not allowed before HELO/EHLO", None),
    ("SMTP.php sendCommand: not connected (5.x 'Called Mail()')",
     "The following From address failed: jo@example.com : Called Mail() without being connected", None),
    ("PHPMailer.php smtpConnect: invalid_hostentry",
     "Invalid hostentry: smtp.example.com:587:25", {"client-config-corrupt"}),
    ("PHPMailer.php smtpConnect: invalid_host",
     "Invalid host: https://smtp.example.com/", {"client-config-corrupt"}),
    # python/cpython
    ("Lib/imaplib.py _get_response: an SMTP greeting on the IMAP port",
     "imaplib.IMAP4.abort: unexpected response: b'220 mail.example.com ESMTP Postfix (Debian/GNU)'",
     {"wrong-protocol-on-port"}),
    ("Modules/_ssl.c _ssl_configure_hostname: SMTP_SSL made without a host",
     "  File \"/usr/lib/python3.11/ssl.py\", line 1104, in _create\n    self._sslobj = self._context._wrap_socket(\n"
     "ValueError: server_hostname cannot be an empty string or start with a leading dot.",
     {"client-config-corrupt"}),
    # dotnet/runtime:src/libraries/System.Net.Mail/src/Resources/Strings.resx
    ("MailServerDoesNotSupportStartTls (read by its error-texts.yaml row)",
     "System.Net.Mail.SmtpException: Server does not support secure connections.",
     {"starttls-not-offered", "starttls-stripped"}),
    ("UnspecifiedHost",
     "System.InvalidOperationException: The SMTP host was not specified.", {"client-config-corrupt"}),
    ("SmtpEhloResponseInvalid",
     "System.Net.Mail.SmtpException: The server returned an invalid response to the EHLO command.", None),
    ("net_webstatus_ServerProtocolViolation",
     "System.Net.Mail.SmtpException: The server committed a protocol violation.", None),
    # symfony/mailer:Transport/Smtp/SmtpTransport.php assertResponseCode (before and after commit 0fce8fa)
    ("no greeting, before 6.1",
     "Symfony\\Component\\Mailer\\Exception\\TransportException: Expected response code \"220\" but got an empty "
     "response.", {"plaintext-on-tls-port", "port-blocked-outbound", "server-unavailable", "tls-on-plaintext-port"}),
    ("no greeting, since 6.1",
     "Symfony\\Component\\Mailer\\Exception\\TransportException: Expected response code \"220\" but got empty code.",
     {"plaintext-on-tls-port", "port-blocked-outbound", "server-unavailable", "tls-on-plaintext-port"}),
    ("another protocol's line for a greeting, since 6.1",
     "Expected response code \"220\" but got empty code, with message \"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\".",
     {"wrong-protocol-on-port"}),
    ("an HTTP answer for a greeting, since 6.1",
     "Expected response code \"220\" but got empty code, with message \"HTTP/1.1 400 Bad Request\".",
     {"wrong-protocol-on-port"}),
    ("no reply to a later command, since 6.1",
     "Expected response code \"250\" but got empty code.", None),
    # swiftmailer/swiftmailer:lib/classes/Swift/Transport/AbstractSmtpTransport.php (5.4: _assertResponseCode)
    ("5.x: no greeting",
     "Swift_TransportException: Expected response code 220 but got code \"\", with message \"\"",
     {"plaintext-on-tls-port", "port-blocked-outbound", "server-unavailable", "tls-on-plaintext-port"}),
    ("5.x: another protocol's line for a greeting",
     "Swift_TransportException: Expected response code 220 but got code \"\", with message \"+OK Dovecot ready.\"",
     {"wrong-protocol-on-port"}),
    ("5.x: no reply to a later command",
     "Swift_TransportException: Expected response code 250 but got code \"\", with message \"\"", None),
    ("5.x: a reply with a code still reads by the code",
     "Swift_TransportException: Expected response code 250 but got code \"530\", with message \"530 5.7.0 Must issue a "
     "STARTTLS command first.\"", {"auth-requires-tls"}),
    # postalsys/imapflow:lib/imap-flow.js
    ("close: the server closed before the greeting or the login ended",
     "Error: Unexpected close\n    at ImapFlow.close (/app/node_modules/imapflow/lib/imap-flow.js:2398:27) "
     "{ code: 'ClosedAfterConnectTLS' }", None),
    ("upgradeToSTARTTLS: the handshake after STARTTLS did not end in time",
     "Error: Failed to upgrade connection in required time { code: 'UPGRADE_TIMEOUT' }", {"starttls-failed"}),
    # golang/go:src/net/smtp/auth.go plainAuth.Start
    ("net/smtp PlainAuth given host:port",
     "gomail: could not send email 1: wrong host name", {"client-config-corrupt"}),
]


@pytest.mark.parametrize(("where", "text", "causes"), CASES, ids=[c[0] for c in CASES])
def test_a_sibling_message_reads_as_its_source_says(where: str, text: str, causes: set[str] | None) -> None:
    top = explain(text).top
    assert top is not None, f"{where}: called fine"
    if causes:
        assert top.cause in causes, (where, top.cause)
