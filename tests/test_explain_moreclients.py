"""Mail clients the catalogue knew little of -- Trojitá, Balsa, aerc and Mailbird -- as their users paste
their dialogs and status lines, each read to the cause its own words decide (or, where they decide
nothing, to a failure with no cause forced).

Every wording is read at its source: TROJITA is KDE/trojita at 80ee0085 (src/Imap/Tasks/OpenConnectionTask.cpp,
src/Imap/Model/Model.cpp, src/Streams/IODeviceSocket.cpp, src/MSA/SMTP.cpp; the Qt texts it passes on are
qtbase's QSslError::errorString and QAbstractSocket's); BALSA is GNOME/balsa at 270c45480 (libbalsa/imap/
imap-handle.c, libbalsa/send.c, libbalsa/mailbox_pop3.c, libnetclient/net-client-smtp.c, libbalsa/libbalsa.c;
the GIO texts it passes on are gio/gsocketclient.c's "Could not connect to %s: " and gio/gthreadedresolver.c's
"Error resolving “%s”: %s"); AERC is rjarry/aerc at fab05311 (worker/imap/connect.go, lib/send/smtp.go; an
account's error shows as "ACCOUNT: ERROR", app/account.go PushError, around the Go standard library's errors).
"""

from __future__ import annotations

import pytest
from helpers import causes_of

TROJITA = "KDE/trojita:{}@80ee0085"
BALSA = "GNOME/balsa:{}@270c45480"
AERC = "rjarry/aerc:{}@fab05311"
MAILBIRD = "https://support.getmailbird.com/hc/en-us/articles/360022659113-Server-authentication-failed"

CERT = {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}

CASES = [
    # --- Trojitá: OpenConnectionTask's login failures, by the RFC 5530 response code, then the server's own text.
    pytest.param("Authentication failed.  This often happens due to bad password or wrong user name. Authentication failed.",
                 {"password-rejected", "username-wrong"}, TROJITA.format("src/Imap/Tasks/OpenConnectionTask.cpp"),
                 id="trojita-authenticationfailed"),
    pytest.param("Either authentication succeeded or the server no longer had the necessary data; either way, access is "
                 "no longer permitted using that passphrase.  You should get a new passphrase.",
                 {"password-expired"}, TROJITA.format("src/Imap/Tasks/OpenConnectionTask.cpp"), id="trojita-expired"),
    pytest.param("The operation is not permitted due to a lack of privacy.",
                 {"auth-requires-tls"}, TROJITA.format("src/Imap/Tasks/OpenConnectionTask.cpp"),
                 id="trojita-privacyrequired"),
    pytest.param("Login failed: Invalid credentials (Failure)", {"password-rejected", "app-password-required", "username-wrong"},
                 TROJITA.format("src/Imap/Tasks/OpenConnectionTask.cpp"), id="trojita-login-failed-gmail"),
    pytest.param("Cannot establish a secure connection.\nThe STARTTLS command failed: TLS not available",
                 {"starttls-failed", "starttls-not-offered"}, TROJITA.format("src/Imap/Tasks/OpenConnectionTask.cpp"),
                 id="trojita-starttls-command-failed"),
    pytest.param("Server error: LOGINDISABLED but no STARTTLS capability. The login is effectively disabled entirely.",
                 {"auth-requires-tls", "starttls-stripped"},
                 TROJITA.format("src/Imap/Tasks/OpenConnectionTask.cpp"), id="trojita-logindisabled-no-starttls"),
    # UNAVAILABLE is the server's login subsystem, AUTHORIZATIONFAILED the login name that may not act as the mailbox.
    pytest.param("Temporary failure because a subsystem is down. Service temporarily unavailable", {"server-unavailable"},
                 TROJITA.format("src/Imap/Tasks/OpenConnectionTask.cpp"), id="trojita-unavailable"),
    pytest.param("Authentication succeeded in using the authentication identity, but the server cannot or will not allow "
                 "the authentication identity to act as the requested authorization identity. Authorization failed",
                 {"username-wrong"}, TROJITA.format("src/Imap/Tasks/OpenConnectionTask.cpp"), id="trojita-authorizationfailed"),
    # Model::broadcastParseError: the greeting was a POP3 or an SMTP server's, so the port is another protocol's.
    pytest.param("This is not an IMAP server\nIt appears that you are connecting to a POP3 server. That won't work here.\n"
                 "Please check your settings to make sure you are connecting to the IMAP service. A typical port number "
                 "for IMAP is 143 or 993.\nThe server said:\n+OK Dovecot ready.",
                 {"wrong-protocol-on-port"}, TROJITA.format("src/Imap/Model/Model.cpp"), id="trojita-pop3-on-imap"),
    pytest.param("This is not an IMAP server\nIt appears that you are connecting to an SMTP server. That won't work here.\n"
                 "Please check your settings to make sure you are connecting to the IMAP service. A typical port number "
                 "for IMAP is 143 or 993.\nThe server said:\n220 mail.example.org ESMTP Postfix",
                 {"wrong-protocol-on-port"}, TROJITA.format("src/Imap/Model/Model.cpp"), id="trojita-smtp-on-imap"),
    # IODeviceSocket: the socket's own error (QAbstractSocket's error strings) after host and port.
    pytest.param("The underlying socket is having troubles when processing connection to imap.example.org:993: Connection refused",
                 {"port-closed", "port-blocked-outbound"}, TROJITA.format("src/Streams/IODeviceSocket.cpp"),
                 id="trojita-socket-refused"),
    pytest.param("The underlying socket is having troubles when processing connection to imap.exmaple.org:993: Host not found",
                 {"server-host-unknown", "server-host-typo"}, TROJITA.format("src/Streams/IODeviceSocket.cpp"),
                 id="trojita-socket-host-not-found"),
    pytest.param("Cannot send message due to an SSL/TLS error\nThe host name did not match any of the valid hosts for this certificate",
                 {"cert-hostname-mismatch"}, TROJITA.format("src/MSA/SMTP.cpp"), id="trojita-smtp-hostname-mismatch"),
    pytest.param("Accept SSL connection?\nThis is the first time you're connecting to this IMAP server and the server "
                 "certificate failed validation test.\nThe connection triggered the following SSL errors:\n"
                 "The certificate is self-signed, and untrusted",
                 {"cert-self-signed"}, TROJITA.format("src/UiUtils/Formatting.cpp"), id="trojita-cert-self-signed"),
    pytest.param("Accept SSL connection?\nThis is the first time you're connecting to this IMAP server and the server "
                 "certificate failed validation test.\nThe connection triggered the following SSL errors:\n"
                 "The certificate has expired",
                 {"cert-expired"}, TROJITA.format("src/UiUtils/Formatting.cpp"), id="trojita-cert-expired"),
    # --- Balsa: imap-handle.c, send.c, mailbox_pop3.c around libnetclient's and GIO's errors.
    pytest.param("Connecting imap.example.org failed: Could not connect to 192.0.2.10: Connection refused",
                 {"port-closed", "port-blocked-outbound"}, BALSA.format("libbalsa/imap/imap-handle.c"),
                 id="balsa-imap-refused"),
    pytest.param("Connecting imap.exmaple.org failed: Error resolving “imap.exmaple.org”: Name or service not known",
                 {"server-host-unknown", "server-host-typo"}, BALSA.format("libbalsa/imap/imap-handle.c"),
                 id="balsa-imap-resolve"),
    pytest.param("TLS required but not available", {"starttls-not-offered", "starttls-stripped"},
                 BALSA.format("libbalsa/imap/imap-handle.c"), id="balsa-imap-tls-not-available"),
    pytest.param("TLS negotiation failed: Unacceptable TLS certificate", CERT | {"tls-interception"},
                 BALSA.format("libbalsa/imap/imap-handle.c"), id="balsa-imap-tls-unacceptable"),
    pytest.param("Connecting SMTP server mail (smtp.example.org) failed: remote server does not support STARTTLS",
                 {"starttls-not-offered", "starttls-stripped"}, BALSA.format("libnetclient/net-client-smtp.c"),
                 id="balsa-smtp-no-starttls"),
    pytest.param("Connecting SMTP server mail (smtp.example.org) failed: authentication failure 535: 5.7.8 Error: "
                 "authentication failed: authentication failure", {"password-rejected", "username-wrong"},
                 BALSA.format("libnetclient/net-client-smtp.c"), id="balsa-smtp-535"),
    pytest.param("Connecting SMTP server mail (smtp.example.org) failed: no suitable authentication mechanism",
                 {"auth-mechanism-unsupported", "auth-requires-tls"}, BALSA.format("libnetclient/net-client-smtp.c"),
                 id="balsa-smtp-no-mechanism"),
    pytest.param("Connecting SMTP server mail (smtp.example.org) failed: Could not connect to 192.0.2.25: Connection timed out",
                 {"port-blocked-outbound", "smtp-port25-blocked", "packet-loss"}, BALSA.format("libbalsa/send.c"),
                 id="balsa-smtp-timeout"),
    pytest.param("POP3 mailbox Inbox: cannot connect pop.example.org: error: [AUTH] Authentication failed.",
                 {"password-rejected", "username-wrong"}, BALSA.format("libbalsa/mailbox_pop3.c"), id="balsa-pop3-auth"),
    # imap-auth.c: LOGIN is disabled (LOGINDISABLED) and no SASL mechanism of Balsa's is offered.
    pytest.param("No way to authenticate is known", {"auth-mechanism-unsupported", "auth-requires-tls"},
                 BALSA.format("libbalsa/imap/imap-auth.c"), id="balsa-no-way-to-authenticate"),
    # The same in Balsa's translations (po/de.po, po/pl.po, po/ru.po at the same commit).
    pytest.param("TLS ist erforderlich, aber nicht verfügbar", {"starttls-not-offered", "starttls-stripped"},
                 BALSA.format("po/de.po"), id="balsa-de-tls-not-available"),
    pytest.param("Wymagane jest TLS, ale nie jest dostępne", {"starttls-not-offered", "starttls-stripped"},
                 BALSA.format("po/pl.po"), id="balsa-pl-tls-not-available"),
    pytest.param("Способ аутентификации неизвестен", {"auth-mechanism-unsupported", "auth-requires-tls"},
                 BALSA.format("po/ru.po"), id="balsa-ru-no-way-to-authenticate"),
    # libbalsa.c's certificate dialog lists GIO's GTlsCertificateFlags in its own words.
    pytest.param("Authenticity of this certificate could not be verified\nReason: the signing certificate authority is not known",
                 {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}, BALSA.format("libbalsa/libbalsa.c"),
                 id="balsa-cert-unknown-ca"),
    pytest.param("Authenticity of this certificate could not be verified\nReason: the certificate does not match the expected "
                 "identity of the site that it was retrieved from", {"cert-hostname-mismatch"},
                 BALSA.format("libbalsa/libbalsa.c"), id="balsa-cert-identity"),
    pytest.param("Authenticity of this certificate could not be verified\nReason: the certificate has expired",
                 {"cert-expired"}, BALSA.format("libbalsa/libbalsa.c"), id="balsa-cert-expired"),
    # --- aerc: worker/imap/connect.go and lib/send/smtp.go, after the account's name.
    pytest.param("personal: tcp connection timeout", {"port-blocked-outbound", "packet-loss", "port-closed"},
                 AERC.format("worker/imap/connect.go"), id="aerc-imap-tcp-timeout"),
    pytest.param("personal: No auth method supported", {"auth-requires-tls", "auth-mechanism-unsupported"},
                 AERC.format("worker/imap/connect.go"), id="aerc-imap-no-auth-method"),
    pytest.param("personal: xoauth2 auth not supported", {"auth-mechanism-unsupported"},
                 AERC.format("worker/imap/connect.go"), id="aerc-imap-mech-not-supported"),
    pytest.param("Connection failed: smtp.Dial: dial tcp 192.0.2.25:587: connect: connection refused",
                 {"port-closed", "port-blocked-outbound"}, AERC.format("lib/send/smtp.go"), id="aerc-smtp-refused"),
    pytest.param("Connection failed: smtp.DialTLS: tls: first record does not look like a TLS handshake",
                 {"tls-on-plaintext-port"}, AERC.format("lib/send/smtp.go"), id="aerc-smtps-on-plaintext"),
    pytest.param("Connection failed: smtp.DialTLS: tls: failed to verify certificate: x509: certificate signed by unknown authority",
                 {"cert-untrusted-issuer", "cert-self-signed", "tls-interception"}, AERC.format("lib/send/smtp.go"),
                 id="aerc-smtps-unknown-authority"),
    pytest.param("conn.Auth: 535 5.7.8 Error: authentication failed: authentication failure",
                 {"password-rejected", "username-wrong"}, AERC.format("lib/send/smtp.go"), id="aerc-smtp-auth-535"),
    pytest.param("personal: dial tcp: lookup imap.exmaple.org: no such host", {"server-host-unknown", "server-host-typo"},
                 AERC.format("worker/imap/connect.go"), id="aerc-imap-no-such-host"),
    # app/account.go logs a worker's ConnError as "[ACCOUNT] connection error: ERROR"; the error is Go's (crypto/x509's
    # "certificate has expired or is not yet valid: current time %s is after %s", "certificate is valid for %s, not %s").
    pytest.param("[personal] connection error: tcp connection timeout", {"port-blocked-outbound", "packet-loss", "port-closed"},
                 AERC.format("app/account.go"), id="aerc-log-tcp-timeout"),
    pytest.param("[work] connection error: tls: failed to verify certificate: x509: certificate has expired or is not yet "
                 "valid: current time 2025-01-01T10:00:00Z is after 2024-12-01T00:00:00Z", {"cert-expired"},
                 AERC.format("app/account.go"), id="aerc-log-cert-expired"),
    pytest.param("[work] connection error: tls: failed to verify certificate: x509: certificate is valid for "
                 "mail.example.net, not imap.example.org", {"cert-hostname-mismatch"}, AERC.format("app/account.go"),
                 id="aerc-log-cert-name"),
    # Microsoft 365's own refusal (server-replies.yaml) after aerc's "conn.Auth": the tenant turned SMTP AUTH off.
    pytest.param("conn.Auth: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. "
                 "Visit https://aka.ms/smtp_auth_disabled for more information.", {"basic-auth-disabled"},
                 AERC.format("lib/send/smtp.go"), id="aerc-smtp-m365-auth-disabled"),
    # --- Mailbird: its help page names the error and says the server lost the account's authentication (re-add it).
    pytest.param("Server authentication failed", {"password-rejected", "oauth-token-rejected"}, MAILBIRD,
                 id="mailbird-server-authentication-failed"),
]


@pytest.mark.parametrize(("text", "causes", "source"), CASES)
def test_a_client_message_reads_as_its_words_decide(text: str, causes: set[str], source: str) -> None:
    assert source.strip(), text
    found = causes_of(text)
    assert found and found[0] in causes, (text, found[:3])


# Words that say only that something failed: read as a failure, never as fine, and no cause forced.
@pytest.mark.parametrize("text", [
    # Balsa's imap-server.c for IMAP_CONNECT_FAILED, without the reason its handle kept.
    pytest.param("Cannot connect to imap.example.org", id="balsa-cannot-connect"),
    # Trojitá's greeting refused with BYE: the server's reason (if any) is in its log, not in these words.
    pytest.param("This server gracefully refuses IMAP connections through a BYE response.", id="trojita-bye-greeting"),
    # Trojitá's certificate dialog answered "no", and its warning for a changed key the system does not trust: a
    # certificate refused, without saying why.
    pytest.param("The security state of the SSL connection got rejected", id="trojita-ssl-state-rejected"),
    pytest.param("SSL certificate looks fishy\nThe public key of the SSL certificate of the IMAP server has changed since "
                 "the last time and your system doesn't believe that the new certificate is genuine.", id="trojita-cert-fishy"),
    pytest.param("Server has greeted us with a BAD response", id="trojita-bad-greeting"),
    pytest.param("Socket is disconnected: The remote host closed the connection", id="trojita-remote-closed"),
    # Balsa's account probe: no server answered on any of the ports, for whatever reason.
    pytest.param("the server mail.example.org does not offer the SMTP service at port 465, 587 or 25", id="balsa-probe-no-smtp"),
    pytest.param("the server mail.example.org does not offer the IMAP service at port 993 or 143", id="balsa-probe-no-imap"),
])
def test_a_bare_failure_is_no_fine_and_forces_no_cause(text: str) -> None:
    found = causes_of(text)
    assert found, text
