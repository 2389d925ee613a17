"""Delphi, C++Builder and Lazarus mail code, and the Windows command-line senders scripts run: what Indy,
ICS, Synapse and Blat print when a connection, its TLS or the login fails, pasted as a user pastes it.

Each case names where its words come from:
- Indy 10 (IndySockets/Indy @7753155): Lib/System/IdResourceStrings.pas (RSStackError 'Socket Error # %d' +
  #13#10 + '%s' with the RSStack* texts, RSConnectionClosedGracefully), Lib/Core/IdResourceStringsCore.pas
  (RSReadTimeout, RSConnectTimeout), Lib/Protocols/IdResourceStringsOpenSSL.pas (RSOSSLCouldNotLoadSSLLibrary),
  Lib/Protocols/IdResourceStringsProtocols.pas (RSSSLConnectError, RSTLSSL*, RSSASLNotSupported),
  Lib/Protocols/IdSSLOpenSSLHeaders.pas (EIdOpenSSLAPISSLError.RaiseExceptionCode: the message, sLineBreak, then
  OpenSSL's ERR_error_string_n or RSSSLEOFViolation), Lib/Protocols/IdReplySMTP.pas (EIdSMTPReplyError: the reply's
  lines without their reply code and, where valid, their enhanced code -- SetFormattedReply's Fetch). Programs show
  E.Message, often after E.ClassName and ': '.
- ICS (fpiette/OverbyteICS @7d22e9c): Source/OverbyteIcsSmtpProt.pas (TlsHandshakeDone: 'SSL handshake failed - ' and
  the socket's SslHandshakeRespMsg), Source/OverbyteIcsWSocket.pas (SslHandshakeDone: ICS's words for
  SSL_R_WRONG_VERSION_NUMBER and SSL_R_UNKNOWN_PROTOCOL).
- Synapse (geby/synapse @f2e705b): blcksock.pas (c_noTLS, and GetErrorDesc's Winsock texts).
- Blat (tbeu/Blat @13803dba): full/source/server.cpp (gensock_error), full/source/sendsmtp.cpp.
A message whose words say only that something failed is checked to be read as a failure (not "fine", not
declined), never given a cause it does not tell.
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

INDY = "Indy"
ICS = "ICS"
SYNAPSE = "Synapse"
BLAT = "Blat"
TIMEOUT = {"port-blocked-outbound", "smtp-port25-blocked"}
HOST = {"server-host-unknown", "server-host-typo"}
PLAIN_FIRST = {"tls-on-plaintext-port"}
CERT = {"cert-untrusted-issuer", "cert-self-signed"}
# A TLS handshake the server cut or refused with no reason of its own: Indy's OpenSSL handler offers TLS 1.0 alone
# by default (IdSSLOpenSSL.pas DEF_SSLVERSIONS = [sslvTLSv1]), the likelier side; the others stay candidates.
HANDSHAKE = {"tls-version-client-outdated", "tls-version-server-outdated", "tls-no-shared-cipher", "tls-interception"}

CASES = [
    # --- Indy: EIdSocketError (RSStackError and the Winsock texts) ------------------------------------------
    (f"{INDY}: RSStackError WSAETIMEDOUT", "Socket Error # 10060\r\nConnection timed out.", TIMEOUT),
    (f"{INDY}: RSStackError WSAETIMEDOUT after its class name",
     "EIdSocketError: Socket Error # 10060\r\nConnection timed out.", TIMEOUT),
    (f"{INDY}: RSStackError WSAECONNREFUSED", "Socket Error # 10061\r\nConnection refused.", {"port-closed"}),
    (f"{INDY}: RSStackError WSAHOST_NOT_FOUND", "Socket Error # 11001\r\nHost not found.", HOST),
    (f"{INDY}: RSStackError WSAECONNRESET", "Socket Error # 10054\r\nConnection reset by peer.", None),
    (f"{INDY}: RSStackError WSAEHOSTUNREACH", "Socket Error # 10065\r\nNo route to host.", None),
    (f"{INDY}: RSConnectTimeout (EIdConnectTimeout)", "EIdConnectTimeout: Connect timed out.", TIMEOUT),
    # RSReadTimeout: a connection made, no answer read -- at the greeting, most often a TLS port spoken plainly
    # (utUseExplicitTLS or utNoTLSSupport on 465).
    (f"{INDY}: RSReadTimeout (EIdReadTimeout)", "EIdReadTimeout: Read timed out.",
     {"plaintext-on-tls-port", "server-unavailable"}),
    # The peer closed the connection while Indy read: at which step, the words do not say.
    (f"{INDY}: RSConnectionClosedGracefully", "Connection Closed Gracefully.", None),
    (f"{INDY}: RSConnectionClosedGracefully after its class name",
     "EIdConnClosedGracefully: Connection Closed Gracefully.", None),
    # --- Indy: its OpenSSL handler ---------------------------------------------------------------------------
    (f"{INDY}: RSOSSLCouldNotLoadSSLLibrary", "Could not load SSL library.", {"client-outdated"}),
    (f"{INDY}: RSOSSLCouldNotLoadSSLLibrary after its class name",
     "EIdOSSLCouldNotLoadSSLLibrary: Could not load SSL library.", {"client-outdated"}),
    # The server's protocol_version alert to Indy's default TLS 1.0-only ClientHello (OpenSSL 1.0.2's packed code).
    (f"{INDY}: RSSSLConnectError with OpenSSL's protocol_version alert",
     "Error connecting with SSL.\r\nerror:1409442E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version",
     {"tls-version-client-outdated"}),
    (f"{INDY}: EIdOSSLUnderlyingCryptoError with the handshake_failure alert",
     "EIdOSSLUnderlyingCryptoError: Error connecting with SSL.\r\n"
     "error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure", HANDSHAKE),
    # utUseImplicitTLS on a port that greets in plain text (587, 25): OpenSSL read "220 ..." as a record.
    (f"{INDY}: RSSSLConnectError, implicit TLS on a plain port (OpenSSL 1.0.2 SSL23_GET_SERVER_HELLO)",
     "Error connecting with SSL.\r\nerror:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol", PLAIN_FIRST),
    (f"{INDY}: RSSSLConnectError, implicit TLS on a plain port (wrong version number)",
     "EIdOSSLConnectError: Error connecting with SSL.\r\n"
     "error:1408F10B:SSL routines:SSL3_GET_RECORD:wrong version number", PLAIN_FIRST),
    (f"{INDY}: RSSSLConnectError with a certificate OpenSSL could not verify",
     "Error connecting with SSL.\r\n"
     "error:14090086:SSL routines:ssl3_get_server_certificate:certificate verify failed", CERT),
    # SSL_ERROR_SYSCALL with an empty queue and 0 returned: the peer closed the connection in the handshake.
    (f"{INDY}: RSSSLConnectError with RSSSLEOFViolation",
     "Error connecting with SSL.\r\nEOF was observed that violates the protocol", HANDSHAKE),
    # IdExplicitTLSClientServerBase.pas: the STARTTLS handshake failed (EIdTLSClientTLSHandShakeFailed).
    (f"{INDY}: RSTLSSLSSLHandshakeFailed", "EIdTLSClientTLSHandShakeFailed: SSL negotiation failed.", HANDSHAKE),
    # TLSNegCmdFailed: STARTTLS was advertised and the server refused the command.
    (f"{INDY}: RSTLSSLSSLCmdFailed", "Start SSL negotiation command failed.", {"starttls-failed"}),
    (f"{INDY}: RSTLSSLSSLCmdFailed after its class name",
     "EIdTLSClientTLSNegCmdFailed: Start SSL negotiation command failed.", {"starttls-failed"}),
    # TLSNotAvailable: utUseRequireTLS and no STARTTLS in the server's EHLO answer.
    (f"{INDY}: RSTLSSLSSLNotAvailable", "EIdTLSClientTLSNotAvailable: SSL is not available on this server.",
     {"starttls-not-offered", "starttls-stripped"}),
    # RSSASLNotSupported: no AUTH listed, or none of the program's SASL handlers.
    (f"{INDY}: RSSASLNotSupported", "Doesn't support AUTH or the specified SASL handlers!!",
     {"auth-mechanism-unsupported", "auth-requires-tls"}),
    # --- Indy: EIdSMTPReplyError, the server's reply without its codes ----------------------------------------
    # Gmail's 535-5.7.8 (support.google.com/a/answer/3726730), both lines with their codes cut off.
    (f"{INDY}: EIdSMTPReplyError with Gmail's refused login",
     "EIdSMTPReplyError: Username and Password not accepted. For more information, go to\r\n"
     " https://support.google.com/mail/?p=BadCredentials", {"password-rejected", "app-password-required"}),
    # Microsoft 365's 535 5.7.139 (learn.microsoft.com authenticated-client-smtp-submission).
    (f"{INDY}: EIdSMTPReplyError with Microsoft 365's SMTP AUTH turned off",
     "EIdSMTPReplyError: Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. "
     "Visit https://aka.ms/smtp_auth_disabled for more information.", {"basic-auth-disabled"}),
    # Postfix's 530 5.7.0 (smtpd_tls_auth_only): AUTH before STARTTLS, utNoTLSSupport on 587.
    (f"{INDY}: EIdSMTPReplyError with Postfix's STARTTLS first",
     "EIdSMTPReplyError: Must issue a STARTTLS command first", {"auth-requires-tls"}),
    # Postfix's 554 5.7.1 (reject_unauth_destination): no login on the session.
    (f"{INDY}: EIdSMTPReplyError with Postfix's relay refusal",
     "EIdSMTPReplyError: <bob@example.net>: Relay access denied", {"smtp-auth-not-enabled"}),
    # --- ICS -----------------------------------------------------------------------------------------------
    (f"{ICS}: SSL_R_WRONG_VERSION_NUMBER in ICS's words", "SSL handshake failed - Error, wrong SSL version",
     PLAIN_FIRST),
    (f"{ICS}: SSL_R_UNKNOWN_PROTOCOL in ICS's words", "SSL handshake failed - Error, unknown SSL protocol",
     PLAIN_FIRST),
    (f"{ICS}: OpenSSL's own reason after ICS's words",
     "SSL handshake failed - error:0A000086:SSL routines::certificate verify failed", CERT),
    # --- Synapse ---------------------------------------------------------------------------------------------
    (f"{SYNAPSE}: c_noTLS, no ssl_openssl unit linked in", "SSL/TLS support is not compiled!", {"client-outdated"}),
    (f"{SYNAPSE}: c_WSAECONNREFUSED in its OnStatus HR_Error line (LastError, LastErrorDesc)", "10061,Connection refused",
     {"port-closed"}),
    # --- Blat ----------------------------------------------------------------------------------------------
    (f"{BLAT}: ERR_CONNECTION_REFUSED", "Error: Server refused connection.", {"port-closed"}),
    # ERR_CANT_CONNECT: every connect failure but a refusal; its hint on 10060 is fixed text.
    (f"{BLAT}: ERR_CANT_CONNECT", "Error: Can't connect to server (timed out if winsock.dll error 10060)", None),
    (f"{BLAT}: ERR_CANT_RESOLVE_HOSTNAME", "Error: Can't resolve hostname (smtp.example.com).", HOST),
    (f"{BLAT}: ERR_NOT_CONNECTED", "Error: Connection to server was dropped.", None),
    # AUTH LOGIN answered with no 334: no AUTH on this session (Blat speaks no TLS, so a server that offers AUTH
    # only after STARTTLS is the common case).
    (f"{BLAT}: AUTH LOGIN refused", "The SMTP server does not require AUTH LOGIN.\nAre you sure server supports AUTH?",
     {"auth-requires-tls", "auth-mechanism-unsupported", "smtp-auth-not-enabled"}),
    (f"{BLAT}: the login name refused", "The SMTP server did not accept LOGIN name.",
     {"password-rejected", "username-wrong"}),
    (f"{BLAT}: the password refused",
     "The SMTP server did not accept Auth LOGIN PASSWD value.\nIs your password correct?",
     {"password-rejected", "app-password-required"}),
    # RCPT TO refused, the reply after it.
    (f"{BLAT}: a recipient refused, with the server's reply",
     "The SMTP server does not like the name bob@example.net.\n"
     "Have you set the 'To:' field correctly, or do you need authorization (-u/-pw) ?\n"
     "The SMTP server response was -> 550 5.7.1 Unable to relay for bob@example.net", {"smtp-auth-not-enabled"}),
    (f"{BLAT}: the sender refused", "The SMTP server does not like the sender name.\n"
     "Have you set your mail address correctly?", None),
]


@pytest.mark.parametrize(("where", "text", "causes"), CASES, ids=[c[0] for c in CASES])
def test_a_delphi_or_command_line_sender_message_reads_as_its_source_says(
        where: str, text: str, causes: set[str] | None) -> None:
    try:
        report = explain(text)
    except InputError as e:
        pytest.fail(f"{where}: declined: {e}")
    top = report.top
    assert top is not None, f"{where}: called fine"
    if causes:
        assert top.cause in causes, (where, top.cause)


@pytest.mark.parametrize(("text", "cause"), [
    # fpiette/OverbyteICS OverbyteIcsSmtpProt.pas: FLastResponse := '500 ' + WSocketErrorDesc(Error) +
    # ' (Winsock error #' + IntToStr(Error) + ')' when the connection fails; OverbyteIcsPop3Prot.pas the
    # same after '-ERR ' when the look-up fails. The words are Windows' (WSocketErrorDesc).
    ("500 Host not found (Winsock error #11001)", "server-host-unknown"),
    ("500 Connection timed out (Winsock error #10060)", "port-blocked-outbound"),
    ("500 Connection refused (Winsock error #10061)", "port-closed"),
    ("-ERR Host not found (Winsock error #11001)", "server-host-unknown"),
])
def test_ics_writes_its_socket_error_as_a_reply_of_its_own(text: str, cause: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause == cause, report.top
    assert "server-reply-permanent" not in {d.cause for d in report.diagnoses}
