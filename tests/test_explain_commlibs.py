"""Commercial mail components (Chilkat, Rebex, /n software IPWorks) as their users paste their errors.

Each case is a message as the component prints it (the wording, and what a number means, verified at the source named
beside it; hosts filled in as a user's paste has them) and the causes it may honestly be read as; None where the words
say only that something failed (then it must be read as a failure, never as fine, and not declined).

A component's number decides only next to its own words: Chilkat's ConnectFailReason numbers are read where the
property's name stands before them, never a bare "2" or "7".
"""

from __future__ import annotations

import pytest
from helpers import causes_of

CERT = {"cert-untrusted-issuer", "cert-self-signed", "cert-expired", "cert-hostname-mismatch"}
UNKNOWN_HOST = {"server-host-unknown", "server-host-typo"}
TIMED_OUT = {"port-blocked-outbound", "smtp-port25-blocked"}
REFUSED = {"port-closed", "port-blocked-outbound"}
VERSION = {"tls-version-server-outdated", "tls-version-client-outdated"}
PASSWORD = {"password-rejected", "app-password-required", "basic-auth-disabled"}

CHILKAT_LOG = """ChilkatLog:
  SendEmail:
    DllDate: Dec 13 2021
    ChilkatVersion: 9.5.0.89
    SmtpConnect:
      smtpConnect:
        smtpHostname: smtp.example.com
        smtpPort: 587
"""

CASES = [
    # --- Chilkat MailMan / Imap ---
    # The ConnectFailReason property (chilkatsoft/Chilkat-RTC-for-Windows-Store-and-Phone-VS2013:
    # Chilkat/Chilkat/Chilkat.Shared/include/CkMailMan.h@ce2246f, v9.5.0.56; the same list in CkFtp2.h, CkHttp.h,
    # CkSocket.h): 1 empty hostname, 2 DNS lookup failed, 3 DNS timeout, 4 aborted by the application, 5 internal
    # failure, 6 connect timed out, 7 connect rejected (or failed for some other reason); TLS: 100 TLS internal error,
    # 101 failed to send client hello, 102 unexpected handshake message, 103 failed to read server hello, 104 no server
    # certificate, 105 unexpected TLS protocol version, 106 server certificate verify failed (expired or its signature
    # does not verify), 107 unacceptable TLS protocol version, 109-116 later handshake steps. Chilkat's own examples
    # print it as "ConnectFailReason: " and the number before LastErrorText (the CkRest example quoted in public code).
    # Its LastErrorText for a failed SMTP connection ends "Failed to connect to SMTP server." (chilkatsoft.com/p/p_31.asp).
    ("Chilkat: Failed to connect to SMTP server. ConnectFailReason: 2", UNKNOWN_HOST),
    ("ConnectFailReason: 2\nFailed to connect (1) Failed to connect to SMTP server.", UNKNOWN_HOST),
    (CHILKAT_LOG + "ConnectFailReason: 2", UNKNOWN_HOST),
    ("ConnectFailReason: 6\nFailed to connect (1) Failed to connect to SMTP server.", TIMED_OUT),
    ("Chilkat: Failed to connect to SMTP server. ConnectFailReason: 7", REFUSED),
    # 1 (empty hostname) is not read: its "1" begins every TLS number (101-116); the failed connection still reads
    # as one.
    ("ConnectFailReason: 1\nFailed to connect (1) Failed to connect to SMTP server.", None),
    ("ConnectFailReason: 3", {"dns-outage", "no-internet", "dns-server-misconfigured", "dns-blocked"}),
    ("ConnectFailReason: 106", CERT),
    ("ConnectFailReason: 107", VERSION),
    ("ConnectFailReason: 105", VERSION),
    ("ConnectFailReason: 103", None),
    ("ConnectFailReason: 101", None),
    # A bare number decides nothing, and is no Chilkat word: the component's name and its connect failure alone read
    # as a failed connection.
    ("Chilkat: Failed to connect to SMTP server.", None),
    # The SmtpFailReason property (the same header): keywords for the last SMTP method's failure.
    ("SmtpFailReason: AuthFailure", PASSWORD),
    ("SmtpFailReason: StartTlsFailed", {"starttls-failed"}),
    ("SmtpFailReason: NoSmtpHostname", {"client-config-corrupt"}),
    ("SmtpFailReason: ConnectFailed", None),
    ("SmtpFailReason: FromFailure", None),
    ("SmtpFailReason: NoValidRecipients", None),
    ("SmtpFailReason: GreetingError", None),
    # The vendor's page on a blocked SMTP port (chilkatsoft.com/p/p_31.asp), the LastErrorText as it quotes it.
    ("SendEmail:\nSMTP_Connect:\nConnecting to SMTP server :\nsocket is not ready for writing\nConnection attempt timed out, trying again.\n"
     "socket is not ready for writing\nSocketError: WSAEWOULDBLOCK The socket would block.\nConnect function failed.\n"
     "SocketError: Unknown socket error\nFailed to connect (1) Failed to connect to SMTP server.", TIMED_OUT),
    # --- Rebex Secure Mail (Rebex.Smtp, Rebex.Networking) ---
    # CertificateVerifier's messages for a refused server certificate (tb-killa/rwe-innogy-livisi-smarthome@1f23309:
    # Rebex.Networking/Rebex.Net/CertificateVerifier.cs, the decompiled Rebex.Networking assembly): "{0} certificate
    # was rejected by the verifier because ..." with {0} "Server".
    ("Rebex.Net.TlsException: Server certificate was rejected by the verifier because it has expired.", {"cert-expired"}),
    ("Rebex.Net.SmtpException: Server certificate was rejected by the verifier because of an unknown certificate authority.",
     {"cert-untrusted-issuer", "cert-self-signed"}),
    ("Server certificate was rejected by the verifier because the certificate's common name 'mail.hostingco.net' does not match the hostname 'smtp.example.com'.",
     {"cert-hostname-mismatch"}),
    ("Server certificate was rejected by the verifier because it is revoked.", {"cert-revoked"}),
    ("Server certificate was rejected by the verifier because it is bad (certificate is corrupt, contains signatures that do not verify correctly, etc.).",
     None),
    # An alert the server sent, as Rebex.Networking's TlsException names it (the same repository:
    # Rebex.Networking/Rebex.Net/TlsException.cs "Fatal error '{0}' has been reported by the remote connection end.",
    # the alert's name from onrkn/zppmb.cs).
    ("Rebex.Net.TlsException: Fatal error 'ProtocolVersion' has been reported by the remote connection end.", VERSION),
    ("Rebex.Net.SmtpException: Fatal error 'HandshakeFailure' has been reported by the remote connection end.",
     {"tls-no-shared-cipher", "tls-version-server-outdated", "tls-version-client-outdated"}),
    ("Rebex.Net.TlsException: Fatal error 'InsufficientSecurity' has been reported by the remote connection end.",
     {"tls-no-shared-cipher", "tls-version-client-outdated", "client-outdated"}),
    # Rebex.Smtp's own messages (the same repository: Rebex.Smtp/onrkn/aeclc.cs).
    ("Rebex.Net.SmtpException: None of the supported authentication methods is accepted by the server.", {"auth-mechanism-unsupported"}),
    ("Rebex.Net.SmtpException: Authentication method 'CramMD5' is not supported by the server. Consider using 'Auto' or use another method from the list returned by GetSupportedAuthenticationMethods.",
     {"auth-mechanism-unsupported"}),
    ("Rebex.Net.SmtpException: Explicit TLS/SSL is not supported by the SMTP server.", {"starttls-not-offered", "starttls-stripped"}),
    ("Rebex.Net.SmtpException: The server has closed the connection.", None),
    # --- /n software IPWorks ---
    # Its socket errors carry the WinSock number in brackets ("[10060] Connection timed out.", "[11001] Host not
    # found."), as the error table of its components has them (copied whole in a Delphi unit that wraps IPWorks);
    # its exception class is IPWorksException (ipworks.IPWorksException in the Java edition's demos).
    ("ipworks.IPWorksException: [10060] Connection timed out.", TIMED_OUT),
    ("IPWorksException: [10061] Connection refused.", {"port-closed"}),
    ("IPWorksException: [11001] Host not found.", UNKNOWN_HOST),
]


@pytest.mark.parametrize(("text", "causes"), CASES, ids=[t[:60] for t, _ in CASES])
def test_commercial_mail_component_errors_as_pasted(text: str, causes: set[str] | None) -> None:
    found = causes_of(text)
    assert found, "declined or called fine"
    if causes is not None:
        assert found[0] in causes, found[:3]
