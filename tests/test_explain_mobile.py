"""Mobile and newer desktop mail apps' alerts, as their users paste them (the alert's title over its
message, the app's own placeholders filled), each read to the causes its words decide.

Sources (each case names its own):
  APPLE   -- EthanArbuckle/iPhone18-3_26.1_23B85_Restore:System/Library/PrivateFrameworks/Message.framework/Message/
             (iOS 26.1's Message.framework: MFLookupLocalizedString(key, English default) in MFConnection.mm,
             MFAccountValidator.mm, MFAccount.mm, MFSMTPConnection.mm, MFSMTPDelivery.mm, MFIMAPConnection's
             login: "Cannot Get Mail" is the title it gives the login errors)
  MSIOS   -- https://support.microsoft.com/en-us/office/ios-ipados-users-may-experience-issues-accessing-their-outlook-and-hotmail-accounts-from-the-ios-ipados-default-mail-app-3584197b-8ffb-46ce-b5c6-f4cc71ff29a7
  NOWSEC  -- nowsecure/mobile-incident-response (case study "Invalid email certificate": iOS Mail's certificate alert)
  AOSP    -- aosp-mirror/platform_packages_apps_email:res/values/strings.xml (Android's Email app; where each is shown:
             src/com/android/email/EmailNotificationController.java, activity/setup/CheckSettingsErrorDialogFragment.java)
  TBA     -- thunderbird/thunderbird-android#2609 (the notification), #5455 (the setup dialog over Gmail's refusal)
  OUTLOOK -- https://pastelpromo.com/en/private-email-outlook-2019 (Outlook's account setup, IMAP server unreachable)
  EDISON  -- https://mailsupport.edison.tech/hc/en-us/articles/27332925166093-I-receive-an-error-when-sending-messages-my-message-s-are-stuck-in-the-outbox
  MACMAIL -- https://iprog.com/posting/2007/08/mail_app_and_smtp (macOS Mail's send alert, quoted)
  FRIOS   -- https://fr.ittrip.xyz/ms-office/outlook/mail-ios-outlook-bloque-oauth (iOS Mail's French alert, quoted)

Where the words cannot decide the cause (Apple's "Cannot Get Mail" over "The connection to the server failed.", a
server that "is not responding") the case asks only for a failure -- never "fine", never declined -- and keeps
the generic reading of its evidence.
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

LOGIN = {"password-rejected", "username-wrong"}
CERT = {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}
ANY_FAILURE = None

CASES = [
    # --- Apple Mail (iOS, iPadOS): connecting.
    ("APPLE MFConnection CONNECTION_FAILED",
     "Cannot Get Mail\nThe mail server “mail.example.com” is not responding. Verify that you have entered the correct "
     "account info in Mail settings.", ANY_FAILURE),
    ("APPLE MFConnection CONNECTION_REFUSED",
     "Cannot Get Mail\nThe server “imap.example.com” refused to allow a connection on port 993.", {"port-closed"}),
    ("APPLE MFConnection CONNECTION_TIMED_OUT",
     "Cannot Get Mail\nThe connection to the server “imap.example.com” on port 993 timed out.",
     {"port-blocked-outbound"}),
    ("APPLE MFConnection HOST_UNREACHABLE",
     "The server “imap.example.com” cannot be contacted on port 993.", ANY_FAILURE),
    ("APPLE MFConnection MF_SSL_CONNECTION_FAILURE",
     "Mail was unable to connect to server “imap.example.com” using SSL on port 993. Verify that this server "
     "supports SSL and that your account settings are correct.", ANY_FAILURE),
    ("APPLE MFAccountValidator CONNECTION_FAILED_MESSAGE_FORMAT",
     "The IMAP server “imap.example.com” is not responding. Check your network connection and that you entered the "
     "correct information in the “Incoming Mail Server” field.", ANY_FAILURE),
    ("APPLE MFAccountValidator SMTP_CONNECTION_FAILED_MESSAGE_FORMAT",
     "The SMTP server “smtp.example.com” is not responding. Check your network connection and that you entered the "
     "correct information in the “Outgoing Mail Server” field.", ANY_FAILURE),
    # --- Apple Mail: logging in.
    ("APPLE MFConnection AUTH_NOT_SUPPORTED_FORMAT",
     "The IMAP server “imap.example.com” doesn’t support PLAIN authentication. Please check your account settings "
     "and try again.", {"auth-mechanism-unsupported"}),
    ("APPLE MFAccountValidator FAILED_LOGIN",
     "Cannot Get Mail\nThe user name or password for “imap.example.com” is incorrect.", LOGIN),
    ("APPLE MFAccount MF_WRONG_PASSWORD_OR_USERNAME_PROVIDED_FOR_ACCOUNT_FORMAT",
     "Wrong username and/or password provided for “Work”.\n\nPlease go to Mail Account Settings and enter the "
     "correct username and password.", LOGIN),
    ("APPLE MFAccount NO_PASSWORD_PROVIDED_FOR_ACCOUNT_FORMAT",
     "Cannot Get Mail\nNo password provided for “Work”.\n\nPlease go to Mail Account Settings and enter a password.",
     ANY_FAILURE),
    ("APPLE MFAccount NO_PASSWORD_PROVIDED_FOR_USER_FORMAT",
     "No password provided for user “jo” on server “imap.example.com”.\n\nPlease go to Mail Account Settings and "
     "enter a password.", ANY_FAILURE),
    # The server advertised LOGINDISABLED (RFC 3501 section 7.2.1): no login before TLS.
    ("APPLE MFAccount LOGIN_DISABLED_FOR_ACCOUNT_FORMAT (MFIMAPConnection, title 'Cannot Get Mail')",
     "Cannot Get Mail\nLogins are disabled for “Work”.", {"auth-requires-tls"}),
    ("APPLE MFAccount LOGIN_DISABLED_FOR_ACCOUNT_FORMAT, straight quotes",
     'Logins are disabled for "jo@example.com".', {"auth-requires-tls"}),
    # --- Apple Mail: sending.
    ("APPLE MFSMTPDelivery SMTP_NO_CONNECTION (iOS 26)",
     "Cannot Send Mail\nThe connection to the outgoing server “smtp.example.com” failed. Additional Outgoing Mail "
     "Servers can be configured for Mail accounts in Settings > Apps > Mail > Accounts.", ANY_FAILURE),
    ("APPLE MFSMTPDelivery SMTP_NO_CONNECTION (older iOS)",
     "Cannot Send Mail\nThe connection to the outgoing server “smtp.example.com” failed. Additional Outgoing Mail "
     "Servers can be configured for Mail accounts in Settings > Accounts & Passwords.", ANY_FAILURE),
    ("APPLE MFSMTPConnection SMTP_INVALID_SENDER_ADDRESS",
     "Cannot Send Mail\nThe sender address “jo@example.com” was rejected by the server.", ANY_FAILURE),
    ("APPLE MFSMTPConnection SMTP_1_BAD_RECIPIENT",
     "Cannot Send Mail\nThe recipient “bob@example.org” was rejected by the server.", ANY_FAILURE),
    # macOS Mail's alert names only the account's outgoing server (MACMAIL): the cause it hides differs from
    # case to case (a server that offered no STARTTLS there), so its words cannot decide.
    ("MACMAIL 'Cannot send message using the server'",
     "Cannot send message using the server “smtp.example.com”.", ANY_FAILURE),
    # --- Apple Mail: the server's certificate.
    ("APPLE _setupSSLDomainError SSL_CERT_EXPIRED_FORMAT",
     "Unable to verify SSL server imap.example.com\nThe certificate for this server has expired.", {"cert-expired"}),
    ("APPLE _setupSSLDomainError SSL_HOST_MISMATCH_MESSAGE",
     "Unable to verify SSL server imap.example.com\nThe certificate hostname does not match “mail.example.com”.",
     {"cert-hostname-mismatch"}),
    ("APPLE _setupSSLDomainError SSL_NO_ROOT_CERT_FORMAT",
     "Unable to verify SSL server imap.example.com\nThere is no root certificate for this server.",
     {"cert-untrusted-issuer", "cert-self-signed"}),
    ("APPLE _setupSSLDomainError SSL_GENERIC_READ_ERROR",
     "An SSL error occurred while trying to read data from the server “imap.example.com”. Verify that this server "
     "supports SSL and that your account settings are correct.", ANY_FAILURE),
    ("NOWSEC iOS Mail 'Cannot Verify Server Identity'",
     "Cannot Verify Server Identity\nThe identity of “imap.example.com” cannot be verified by Mail. Review the "
     "certificate details to continue.", CERT),
    # --- iOS Mail with an Outlook.com account whose password it must be given again (MSIOS).
    ("MSIOS 'Account not authenticated'", "Account not authenticated", LOGIN),
    ("MSIOS password prompt", "Please enter the password for the Outlook account", LOGIN),
    # The page's third alert is Apple's generic one: its words alone do not say the password.
    ("MSIOS 'Cannot Get Mail – The connection to the server failed.'",
     "Cannot Get Mail – The connection to the server failed.", ANY_FAILURE),
    ("MSIOS the same alert on two lines", "Cannot Get Mail\nThe connection to the server failed.", ANY_FAILURE),
    # iOS Mail in French: "The server … is not responding" ("Le serveur … ne répond pas", FRIOS); like the English
    # alert, its words say only that no answer came.
    ("FRIOS 'Le serveur … ne répond pas'", "Le serveur imap.example.fr ne répond pas", ANY_FAILURE),
    # --- Android's own Email app (AOSP).
    ("AOSP account_setup_failed_dlg_auth_message", "Username or password is incorrect.", LOGIN),
    ("AOSP account_setup_failed_dlg_certificate_message", "Can't safely connect to server.", CERT),
    ("AOSP account_setup_failed_ioerror", "Couldn't open connection to server.", ANY_FAILURE),
    ("AOSP account_setup_failed_tls_required", "TLS required but not supported by server.",
     {"starttls-not-offered", "starttls-stripped"}),
    ("AOSP account_setup_failed_auth_required", "Authentication methods aren't supported by server.",
     {"auth-mechanism-unsupported"}),
    # EmailNotificationController.showLoginFailedNotificationSynchronous: the server refused the login
    # (login_failed_title over login_failed_ticker, the account's name filled in).
    ("AOSP login_failed_title + login_failed_ticker", "Couldn't sign in\nWork signin unsuccessful.", LOGIN),
    ("AOSP password_warning_label", "Email address or password are incorrect", LOGIN),
    # CheckSettingsErrorDialogFragment: the "_fmt" forms carry the exception's own words in brackets, which decide.
    ("AOSP account_setup_failed_dlg_title + account_setup_failed_dlg_server_message_fmt (a timeout)",
     "Couldn't finish\nCan't connect to server.\n(Connection timed out)", {"port-blocked-outbound"}),
    ("AOSP account_setup_failed_dlg_certificate_message_fmt (Android's trust-anchor error)",
     "Can't safely connect to server.\n(java.security.cert.CertPathValidatorException: Trust anchor for "
     "certification path not found.)", {"cert-untrusted-issuer", "cert-self-signed"}),
    # --- Thunderbird for Android (K-9 Mail).
    ("TBA #2609 notification", "Authentication failed for jo@example.com. Update your server settings.",
     LOGIN | {"app-password-required", "oauth-token-rejected"}),
    ("TBA #5455 setup dialog over Gmail's refusal",
     "Setup could not finish\nUsername or password incorrect.\n(AUTH PLAIN failed (Username and Password not "
     "accepted.", LOGIN | {"app-password-required"}),
    # --- Edison Mail (iOS, Android), a MailCore 2 app: its help page's errors (EDISON). The page reads the
    # certificate one as a wrong login or wrong settings too; the words name the certificate, and that is read.
    ("EDISON (MailCore ErrorAuthentication)", "Unable to authenticate with the current session's credentials",
     LOGIN),
    ("EDISON (MailCore ErrorCertificate)", "The certificate for this server is invalid", CERT),
    ("EDISON network error", "Unable to connect to mail server", ANY_FAILURE),
    # --- Outlook's account setup (desktop, and the new Outlook's same dialog).
    ("OUTLOOK incoming server unreachable",
     "Something went wrong. We couldn't connect to the incoming (IMAP) server. Please check the incoming (IMAP) "
     "server settings and try again.", ANY_FAILURE),
]


@pytest.mark.parametrize(("source", "text", "causes"), CASES, ids=[c[0] for c in CASES])
def test_a_mobile_apps_alert_reads_as_its_words_say(source: str, text: str, causes: set[str] | None) -> None:
    top = explain(text).top
    assert top is not None, f"{source}: called fine or not read"
    if causes is not None:
        assert top.cause in causes, (source, top.cause)


@pytest.mark.parametrize("text", [
    # APPLE MFAccount PASSWORD_INACCESSIBLE_FOR_ACCOUNT_FORMAT: the device cannot read the stored password now;
    # no server refused anything, so the reading is not a wrong password.
    "The password for “Work” cannot be used at this time.",
    "Cannot Get Mail\nThe password for “jo@example.com” cannot be used at this time.",
])
def test_a_password_the_device_cannot_read_is_no_wrong_password(text: str) -> None:
    top = explain(text).top
    assert top is not None and top.cause not in LOGIN, (text, top and top.cause)


def test_french_does_not_respond_alone_is_no_mail_failure() -> None:
    # "ne répond pas" is everybody's words: a printer that does not respond is no mail server's failure.
    with pytest.raises(InputError):
        explain("Mon imprimante ne répond pas")
