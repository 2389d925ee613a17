"""Client message families completed from the clients' own sources (mailexpert/data/client-messages.yaml,
data/translations/): each message as the client prints it, with its string id and the file it comes from.

Every row of the catalogue is explained by tests/test_client_messages.py as well; these cases pin the
families added together, in the words a user pastes (a date, a host, the line around it), so that a
change to the wording tables that breaks one shows which message and why.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

CERT = {"cert-untrusted-issuer", "cert-self-signed"}
OLD_SERVER_TLS = {"tls-version-server-outdated", "tls-no-shared-cipher"}


@pytest.mark.parametrize(("text", "causes"), [
    # mozilla/releases-comm-central:mail/locales/en-US/chrome/messenger/imapMsgs.properties (imapTlsError):
    # nsImapProtocol.cpp shows it when PSM's ErrorIsOverridable() says no certificate exception can help --
    # the handshake found no TLS version or cipher both sides accept, not an untrusted certificate.
    ("Non-overridable TLS error occurred. Handshake error or probably the TLS version or certificate used by "
     "server mail.example.org is incompatible.", OLD_SERVER_TLS),
    ("Alert for account jo@example.org\nNon-overridable TLS error occurred. Handshake error or probably the TLS "
     "version or certificate used by server imap.example.org is incompatible.", OLD_SERVER_TLS),
    # thunderbird/thunderbird-l10n:de/mail/chrome/messenger/imapMsgs.properties (imapTlsError)
    ("Es trat ein nicht überschreibbarer TLS-Fehler auf. Entweder handelt es sich um einen Handshake-Fehler oder "
     "wahrscheinlich ist die TLS-Version oder das Zertifikat des Servers imap.example.de inkompatibel.", OLD_SERVER_TLS),
    # thunderbird/thunderbird-l10n:fr/mail/chrome/messenger/imapMsgs.properties (imapTlsError)
    ("Une erreur TLS non récupérable s’est produite. Erreur d’établissement de la liaison ou bien, probablement, la "
     "version TLS ou le certificat utilisé par le serveur imap.example.fr est incompatible.", OLD_SERVER_TLS),
    # imapMsgs.properties (imapServerDroppedConnection2, Thunderbird 91 and later): dropped before the greeting.
    ("Unable to connect to imap.example.org. Please try again later. If the problem persists, you may have exceeded "
     "the maximum number of connections to this server. You can reduce the number of cached connections in the IMAP "
     "server settings.", {"too-many-connections"}),
    # imapMsgs.properties (imapOAuth2Error)
    ("Authentication failure while connecting to server outlook.office365.com.", {"oauth-token-rejected"}),
    # localMsgs.properties (pop3AuthChangeEncryptToPlainNoSSL), composeMsgs.properties (smtpHintAuthEncryptToPlainSsl)
    ("This POP3 server does not seem to support encrypted passwords. If you just set up the account, please try "
     "changing to 'Password, transmitted insecurely' as the 'Authentication method' in the 'Account Settings | Server "
     "settings'.", {"auth-mechanism-unsupported"}),
    ("The Outgoing server (SMTP) smtp.example.org does not seem to support encrypted passwords. If you just set up the "
     "account, try changing the 'Authentication method' in 'Account settings | Outgoing server (SMTP)' to 'Normal "
     "password'.", {"auth-mechanism-unsupported"}),
])
def test_thunderbird_imap_pop_smtp_messages(text: str, causes: set[str]) -> None:
    top = explain(text).top
    assert top is not None and top.cause in causes, (text, top and top.cause)


@pytest.mark.parametrize(("text", "causes"), [
    # mozilla/releases-comm-central:mail/locales/en-US/messenger/certError.ftl, as alertHook.sys.mjs picks them
    # by the error's overridableErrorCategory (ERROR_TRUST, ERROR_DOMAIN, ERROR_TIME).
    ("The certificate for mail.example.org:993 does not come from a trusted source.", CERT),
    ("The certificate for mail.example.org:993 is not valid for that server. Someone could be trying to impersonate "
     "the server and you should not continue.", {"cert-hostname-mismatch"}),
    ("The certificate for mail.example.org:465 expired on 3/15/2024.", {"cert-expired", "clock-skew"}),
    ("The certificate for mail.example.org:993 will not be valid until 3/15/2027.", {"cert-not-yet-valid", "clock-skew"}),
    # The inline .title of the folder pane's warning (cert-error-inline-untrusted-default).
    ("Connection error. The certificate for mail.example.org:993 does not come from a trusted source. Click to open "
     "server security settings.", CERT),
    # thunderbird/thunderbird-l10n:de/mail/messenger/certError.ftl, ja/mail/messenger/certError.ftl
    ("Das Zertifikat für mail.example.de:993 stammt nicht von einer vertrauenswürdigen Quelle.", CERT),
    ("Das Zertifikat für mail.example.de:993 ist erst 15.03.2027 gültig.", {"cert-not-yet-valid", "clock-skew"}),
    ("mail.example.jp:993 の証明書は信頼されたソースからのものではありません。", CERT),
])
def test_thunderbird_certificate_alerts(text: str, causes: set[str]) -> None:
    top = explain(text).top
    assert top is not None and top.cause in causes, (text, top and top.cause)


@pytest.mark.parametrize(("text", "causes"), [
    # mozilla/gecko-dev:security/manager/locales/en-US/chrome/pipnss/nsserrors.properties: a server too old
    # for NSS (SSL_ERROR_EXPORT_ONLY_SERVER, SSL_ERROR_SSL2_DISABLED).
    ("Unable to communicate securely. Peer does not support high-grade encryption.", OLD_SERVER_TLS),
    ("An error occurred during a connection to mail.example.org:995. Peer only supports SSL version 2, which is "
     "locally disabled. Error code: SSL_ERROR_SSL2_DISABLED", OLD_SERVER_TLS),
])
def test_nss_words_for_a_server_too_old(text: str, causes: set[str]) -> None:
    top = explain(text).top
    assert top is not None and top.cause in causes, (text, top and top.cause)


@pytest.mark.parametrize("text", [
    # GNOME/evolution-data-server:src/camel/providers/smtp/camel-smtp-transport.c (smtp_send_to_sync): checked
    # before anything is sent -- the account's From is not an address, or no recipient is.
    "Cannot send message: sender address not valid.",
    "Error sending message: Cannot send message: no recipients defined.",
    "Cannot send message: one or more invalid recipients",
    # po/de.po of the same repository
    "Nachricht kann nicht gesendet werden: Absenderadresse ist nicht gültig.",
    # src/camel/providers/imapx/camel-imapx-server.c: no password stored nor given; the server was never asked.
    "Authentication password not available",
    # Foundry376/Mailspring:app/src/mailsync-process.ts (ErrorNoSender), set by MailCore's SMTPSession for a
    # message without From (MailCore/mailcore2:src/core/smtp/MCSMTPSession.cpp), with the service after it.
    "The message has been blocked because no sender is configured. (SMTP)",
])
def test_checks_before_sending_are_the_client_s_settings(text: str) -> None:
    top = explain(text).top
    assert top is not None and top.cause == "client-config-corrupt", (text, top and top.cause)
    assert top.cause not in {"port-blocked-outbound", "auth-requires-tls", "password-rejected"}


@pytest.mark.parametrize(("text", "causes"), [
    # Windows SDK:um/mapicode.h -- the logon flavours of E_ACCESSDENIED and a damaged store, as Outlook prints
    # their numbers in its send/receive errors.
    ("0x80040111", {"password-rejected"}),  # MAPI_E_LOGON_FAILED
    ("Task 'jo@example.com - Sending' reported error (0x80040121)", {"password-expired"}),  # MAPI_E_PASSWORD_EXPIRED
    ("0x80040120", {"password-expired"}),  # MAPI_E_PASSWORD_CHANGE_REQUIRED
    ("0x80040124", {"account-locked"}),  # MAPI_E_ACCOUNT_DISABLED
    ("Task 'jo@example.com - Receiving' reported error (0x80040600) : 'An unknown error has occurred.'",
     {"client-profile-corrupt"}),  # MAPI_E_CORRUPT_STORE
    ("Sending and receiving reported error 0x8004011b", {"client-profile-corrupt"}),  # MAPI_E_CORRUPT_DATA
])
def test_outlook_mapi_error_numbers(text: str, causes: set[str]) -> None:
    top = explain(text).top
    assert top is not None and top.cause in causes, (text, top and top.cause)


@pytest.mark.parametrize(("text", "causes"), [
    # KDE/kimap:src/loginjob.cpp, as KMail's IMAP resource shows it: the server's LOGINDISABLED, an authentication
    # mode its CAPABILITY lacks, certificate errors not accepted after the handshake.
    ("Login failed, plain login is disabled by the server.", {"auth-requires-tls"}),
    ("Login failed, authentication mode CRAM-MD5 is not supported by the server.", {"auth-mechanism-unsupported"}),
    ("Login failed, TLS negotiation failed.",
     {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}),
    # KDE/kimap:po/de/libkimap6.po
    ("Anmeldung fehlgeschlagen, PLAIN-Anmeldung wird von diesem Server abgelehnt.", {"auth-requires-tls"}),
    # KDE/ksmtp:src/sendjob.cpp (SendJob::doStart): nothing was sent.
    ("Could not send the message because either the sender or recipient field is missing or invalid",
     {"client-config-corrupt"}),
])
def test_kde_kimap_and_ksmtp_messages(text: str, causes: set[str]) -> None:
    top = explain(text).top
    assert top is not None and top.cause in causes, (text, top and top.cause)


@pytest.mark.parametrize("text", [
    # Winsock's WSAEHOSTUNREACH (10065) and WSAENETUNREACH (10051), as Outlook's error details number them, as
    # Windows words them and as an HRESULT (winerror.h: 0x80070000 | the code) -- each was called fine before.
    "Socket Error: 10065, Error Number: 0x800CCC0E",
    "[WinError 10065] A socket operation was attempted to an unreachable host",
    "0x80072751",
    "Socket Error: 10051, Error Number: 0x800CCC0E",
    "[WinError 10051] A socket operation was attempted to an unreachable network",
])
def test_windows_unreachable_numbers_are_a_failure_with_a_cause(text: str) -> None:
    top = explain(text).top
    assert top is not None, text
    no_route = explain("No route to host").top.cause if "10065" in text or "2751" in text or "host" in text \
        else explain("Network is unreachable").top.cause
    assert top.cause == no_route, (text, top.cause)
