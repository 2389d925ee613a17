"""A login refused, or a session ended, because the PROTOCOL (or the account's access to it) is switched off, not
because the password is wrong: the server's own words say access is disabled, not enabled, not allowed, "not
connected" or without "access rights to this service" (protocol-disabled-for-account); words that say only
"authentication failed" or "invalid credentials" stay a refused password; words that end password logins in general
are basic authentication off (basic-auth-disabled). Each case is a message as its source quotes it, with the
wrapper a program puts round it where the user pastes one, the causes its words may honestly read as (the first
named must be among them) and where it comes from.

Sources (short names used below):
  MSS   learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission
  MSO   learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth
  GAIA  mozilla-b2g/gaia:apps/email/js/ext/pop3/pop3.js ("taken verbatim from failed Gmail POP connection logs")
        and its tests (apps/email/test/unit/test_account_logic.js 'IMAP access is disabled for your domain.')
  YX    yandex.com/support/mail/mail-clients/others.html (Yandex: mail programs must be allowed in the settings)
"""

from __future__ import annotations

import pytest
from helpers import causes_of

BASIC = "basic-auth-disabled"
PASSWORD = "password-rejected"
PROTO = "protocol-disabled-for-account"
TOKEN = "oauth-token-rejected"

MSS = "learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission"
MSO = ("learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/"
       "how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth")
GAIA = "mozilla-b2g/gaia:apps/email/js/ext/pop3/pop3.js"
YX = "yandex.com/support/mail/mail-clients/others.html"

# (text as pasted, the causes its words may honestly read as -- the first one named must be among them, source)
CASES = [
    # --- Microsoft 365: SMTP AUTH off for the one mailbox (MSS; Set-CASMailbox -SmtpClientAuthenticationDisabled).
    ("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit "
     "https://aka.ms/smtp_auth_disabled for more information.", (PROTO, BASIC), MSS),
    ("Error: Invalid login: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
     "Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. [PH0PR07CA0010.namprd07.prod.outlook.com "
     "2024-01-10T10:00:00.000Z 08DC11D2A1B2C3D4]", (PROTO, BASIC), MSS + " (nodemailer's EAUTH wrapper)"),
    ("MailKit.Security.AuthenticationException: 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is "
     "disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.", (PROTO, BASIC),
     MSS + " (MailKit's AuthenticationException carries the server's words)"),
    ("smtplib.SMTPAuthenticationError: (535, b'5.7.139 Authentication unsuccessful, SmtpClientAuthentication is "
     "disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.')", (BASIC, PROTO), MSS),
    # The credentials themselves were wrong: not this family.
    ("smtplib.SMTPAuthenticationError: (535, b'5.7.139 Authentication unsuccessful, the user credentials were "
     "incorrect. [SN7P220CA0011.NAMP220.PROD.OUTLOOK.COM]')", (PASSWORD,), MSS),
    # IMAP/POP turned off for the mailbox (CASMailbox ImapEnabled/PopEnabled), or the token names another mailbox (MSO).
    ("imaplib.IMAP4.error: b'User is authenticated but not connected.'", (PROTO, TOKEN),
     MSO + " (Python imaplib's error carries the tagged reply's words)"),
    ("MailKit.Security.AuthenticationException: User is authenticated but not connected.", (PROTO, TOKEN),
     MSO + " (jstedfast/MailKit#1496)"),
    ("Error: User is authenticated but not connected.\n    at Connection._resTagged "
     "(node_modules/imap/lib/Connection.js:1502:11)", (PROTO, TOKEN), MSO + " (node-imap)"),
    ("The current operation failed because the server responded: User is authenticated but not connected.",
     (PROTO, TOKEN), MSO + " (Thunderbird's 'The current operation on X failed' family)"),
    ("-ERR This account has POP disabled.", (PROTO,),
     "Exchange Online POP3 with POP off for the mailbox, as a Microsoft 365 OAuth write-up and a Java client's "
     "AuthenticationFailedException check quote the words (find_string 'This account has POP disabled'); '-ERR' "
     "is POP3's own prefix"),

    # --- Gmail and Google Workspace (GAIA: the replies as Gmail's servers send them).
    ("-ERR [SYS/PERM] POP access is disabled for your domain.", (PROTO,), GAIA + " (GMAIL_DOMAIN_DISABLED_RE)"),
    ("javax.mail.AuthenticationFailedException: [SYS/PERM] POP access is disabled for your domain.", (PROTO,),
     GAIA + " (the same reply through Jakarta Mail's POP3 provider)"),
    ("a1 NO [ALERT] IMAP access is disabled for your domain.", (PROTO,), GAIA + " test_account_logic.js"),
    ("Login to server imap.gmail.com with username jo@example.com failed.\n[ALERT] IMAP access is disabled for your "
     "domain.", (PROTO,), GAIA + " test_account_logic.js (Thunderbird's login failure alert)"),
    ("javax.mail.AuthenticationFailedException: [SYS/PERM] Your account is not enabled for POP access. Please visit "
     "your Gmail settings page and enable your account for POP access.", (PROTO,), GAIA + " (GMAIL_POP_DISABLED_RE)"),
    ("imaplib.IMAP4.error: b'[ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings "
     "page and enable your account for IMAP access. (Failure)'", (PROTO,),
     "support.google.com/mail/answer/7126229 (Gmail IMAP must be turned on)"),

    # --- Yandex (YX): the same switch, in its IMAP and SMTP words.
    ("A01 NO [AUTHENTICATIONFAILED] AUTHENTICATE Invalid credentials or IMAP is disabled sc=ANQhQk2BrGkH_101523_7m",
     (PROTO, PASSWORD), YX + " (Yandex's IMAP reply, as Yandex's OAuth guide quotes it)"),
    ("MailKit.Security.AuthenticationException: LOGIN invalid credentials or IMAP is disabled", (PROTO, PASSWORD),
     YX + " (MailKit's AuthenticationException)"),
    ("smtplib.SMTPAuthenticationError: (535, b'5.7.8 Error: authentication failed: This user does not have access "
     "rights to this service')", (PROTO,), YX),
    ("Error: Invalid login: 535 5.7.8 Error: authentication failed: This user does not have access rights to this "
     "service", (PROTO,), YX + " (nodemailer)"),

    # --- Zoho Mail (zoho.com/mail/help/imap-access.html: IMAP is enabled per mailbox).
    ("imaplib.IMAP4.error: b'[ALERT] You are yet to enable IMAP for your account. Please contact your administrator "
     "(Failure)'", (PROTO,), "zoho.com/mail/help/imap-access.html; closeio/sync-engine tests/auth/test_utils.py"),

    # --- Servers people run that switch a protocol off per user, account or domain and say so.
    ("a1 NO LOGIN the IMAP service is not enabled for this user", (PROTO,),
     "bongo-project/bongo:src/agents/imap/imapd.h (ImapErrorStrings STATUS_FEATURE_DISABLED)"),
    ("Login to server mail.example.org with username jo failed.\nThe server responded: the IMAP service is not "
     "enabled for this user", (PROTO,), "bongo-project/bongo:src/agents/imap/imapd.h, in Thunderbird's alert"),
    ("a NO You are not allowed to use IMAP4rev1 protocol !", (PROTO,),
     "MagicalTux's pmaild 2.0 IMAP4rev1 server (pcmd_login; find_string 'pmaild v2.0 by MagicalTux')"),
    ("javax.mail.AuthenticationFailedException: You are not allowed to use POP3 protocol !", (PROTO,),
     "MagicalTux's pmaild 2.0 POP3 server, through Jakarta Mail's POP3 provider"),
    ("-ERR pop access not enabled for account", (PROTO,),
     "Zimbra/zm-mailbox:store/src/java/com/zimbra/cs/pop3/Pop3Handler.java (zimbraPop3Enabled off)"),
    ("a1 NO account does not have IMAP access enabled", (PROTO,),
     "Zimbra/zm-mailbox:store/src/java/com/zimbra/cs/imap/ImapHandler.java (zimbraImapEnabled off)"),
    ("auth: vpopmail(jose@example.com,192.0.2.7): IMAP disabled", (PROTO,),
     "dovecot/core 2.3:src/auth/passdb-vpopmail.c (vpopmail_verify_plain: NO_IMAP)"),

    # --- Generic refusals: the words cannot tell a switched-off protocol from a wrong password.
    ("imaplib.IMAP4.error: b'[AUTHENTICATIONFAILED] Invalid credentials (Failure)'", (PASSWORD, "app-password-required"),
     "RFC 5530 AUTHENTICATIONFAILED; Gmail's wording"),
    ("-ERR [AUTH] Authentication failed.", (PASSWORD,), "dovecot/core:src/pop3-login (AUTH_FAILED_MSG)"),
    # Exchange's bare SMTP refusal: Exchange Online says it for a wrong password and with SMTP AUTH off (MSS), so
    # the wrong password stays first and the switch beside it.
    ("535 5.7.3 Authentication unsuccessful", (PASSWORD,),
     "learn.microsoft.com/en-us/openspecs/windows_protocols/ms-smtpntlm/62888982-a911-40fa-b587-50b5c69f7334"),
]


def _id(case: tuple) -> str:
    return case[0][:60]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_the_words_decide_what_was_switched_off(case: tuple) -> None:
    text, causes, _source = case
    found = causes_of(text)
    assert found and found[0] in causes, found
