"""The exact server replies the lab sends, by protocol and login outcome.

Texts are the servers' own (Postfix, Dovecot 2.3, Gmail, Microsoft, Yahoo, Yandex,
GMX), as users and server logs show them. A few states have no documented
text; those replies are marked ``# lab wording`` and use the standard response code
(RFC 5530 / RFC 3206 / RFC 5248) with a plain sentence.
The Dovecot texts were checked against Dovecot 2.3.19 (``tests/lab/test_lab_dovecot.py``).
Multi-line SMTP replies are given with ``\\r\\n`` between their lines.
"""

from __future__ import annotations

GMAIL_ID = "lab1a2b3c4d - gsmtp"
MS_HOST = "LAB0P123.PROD.OUTLOOK.COM"

# -- SMTP --------------------------------------------------------------------------------
SMTP_AUTH_OK = "235 2.7.0 Authentication successful"
SMTP_WRONG = {
    "dovecot": "535 5.7.8 Error: authentication failed: (reason unavailable)",
    "gmail": (
        "535-5.7.8 Username and Password not accepted. For more information, go to\r\n"
        f"535 5.7.8  https://support.google.com/mail/?p=BadCredentials {GMAIL_ID}"
    ),
    "microsoft": f"535 5.7.3 Authentication unsuccessful [{MS_HOST}]",
    "yahoo": "535 5.7.0 (#MBR1212) Incorrect username or password.",
}
SMTP_AUTH: dict[str, str] = {
    "app-password": (
        "534-5.7.9 Application-specific password required. For more information, go to\r\n"
        f"534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor {GMAIL_ID}"
    ),
    "web-login": (
        "534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=LAB>\r\n"
        "534-5.7.14 Please log in via your web browser and then try again.\r\n"
        "534-5.7.14  Learn more at\r\n"
        f"534 5.7.14  https://support.google.com/mail/answer/78754 {GMAIL_ID}"
    ),
    "basic-disabled": "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.",
    "basic-disabled-outlook": "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.",
    # Microsoft 365 once its sign-in lockout has locked the account after failed logins, as
    # users quote it (https://github.com/gophish/gophish/issues/2910). Not Yahoo's "(#AUTH005)
    # Too many bad auth attempts": that text most often means Yahoo wants an app password.
    "locked": f"535 5.7.139 Authentication unsuccessful, account locked. [{MS_HOST}]",
    "disabled": "525 5.7.13 User account disabled",  # lab wording (RFC 5248 X.7.13)
    "expired": "535 5.7.8 Error: authentication failed: Password expired",  # lab wording
    "unavailable": "454 4.7.0 Temporary authentication failure",
    "protocol-disabled": f"535 5.7.3 Authentication unsuccessful [{MS_HOST}]",
    "oauth-only": "504 5.7.4 Unrecognized authentication type",
    # SMTP and POP3 have no login referral (RFC 2221 is IMAP's): their servers just refuse.
    "referral": "535 5.7.8 Error: authentication failed: (reason unavailable)",
}
SMTP_TOO_MANY = "421 4.7.0 {host} Error: too many connections from {peer}"
SMTP_BUSY = "421 4.3.2 Service not available, closing transmission channel"
SMTP_MUST_STARTTLS = "530 5.7.0 Must issue a STARTTLS command first"
SMTP_AUTH_REQUIRED = "530 5.7.0 Authentication required"
SMTP_AUTH_NOT_ENABLED = "503 5.5.1 Error: authentication not enabled"
SMTP_RELAY_DENIED = "554 5.7.1 <{rcpt}>: Relay access denied"
SMTP_DNSBL = "554 5.7.1 Service unavailable; Client host [{peer}] blocked using zen.spamhaus.org"
SMTP_TLS_UNAVAILABLE = "454 4.7.0 TLS not available due to local problem"
# Postfix's smtpd_check.c (reject_sender_login_mismatch) and Postgrey's greylisting reply.
SMTP_SENDER_NOT_OWNED = "553 5.7.1 <{sender}>: Sender address rejected: not owned by user {login}"
SMTP_GREYLISTED = ("450 4.2.0 <{rcpt}>: Recipient address rejected: Greylisted, see "
                   "http://postgrey.schweikert.ch/help/{domain}.html")
SMTP_CLOSING = "421 4.7.0 Try again later, closing connection."  # Gmail's, when it sheds load
# Postfix's anvil limit on recipients per client and time unit (smtpd_client_recipient_rate_limit):
# smtpd.c answers RCPT TO with these words (postconf(5)).
SMTP_RECIPIENT_RATE = "450 4.7.1 Error: too many recipients from {peer}"
SMTP_USER_UNKNOWN = "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table"
SMTP_CONTENT_REJECTED = "554 5.7.1 Message rejected: attachment type not allowed (content filter)"  # lab wording

# -- IMAP --------------------------------------------------------------------------------
IMAP_WRONG = {
    "dovecot": "NO [AUTHENTICATIONFAILED] Authentication failed.",
    "gmail": "NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
    "microsoft": "NO {command} failed.",
    "yahoo": "NO [AUTHENTICATIONFAILED] Authentication failed.",
}
IMAP_AUTH: dict[str, str] = {
    "app-password": "NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)",
    "web-login": "NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)",
    "basic-disabled": "NO {command} failed.",
    "basic-disabled-outlook": "NO Basic authentication is disabled.",
    "locked": "NO [CONTACTADMIN] Account locked after too many failed login attempts.",  # lab wording
    "disabled": "NO [CONTACTADMIN] Account disabled. Contact your administrator.",  # lab wording
    "expired": "NO [EXPIRED] That password isn't valid any more",  # RFC 5530's example
    "limit": "NO [LIMIT] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)",
    "unavailable": "NO [UNAVAILABLE] Temporary authentication failure.",
    "protocol-disabled": "NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials or IMAP is disabled",
    "oauth-only": "NO [CANNOT] Password logins are disabled; sign in with OAuth 2.0 (XOAUTH2).",  # lab wording
    # RFC 2221's example, pointing at another server of the same domain.
    "referral": "NO [REFERRAL IMAP://;AUTH=*@imap2.{realm}/] Specified user is invalid on this server. Try imap2.{realm}.",
}
# Sent (untagged) before the tagged reply of some outcomes.
IMAP_AUTH_UNTAGGED: dict[str, str] = {
    "web-login": "* NO [WEBALERT https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=LAB] Web login required.",
}
IMAP_OUTLOOK_BYE = "* BYE Microsoft Exchange Server IMAP4 server signing off."
IMAP_PLAINTEXT_ALERT = (
    "* BAD [ALERT] Plaintext authentication not allowed without SSL/TLS, but your client did it anyway. "
    "If anyone was listening, the password was exposed."
)
IMAP_PRIVACY_REQUIRED = "NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."
IMAP_SASL_PRIVACY_REQUIRED = "NO [PRIVACYREQUIRED] Plaintext authentication disabled."  # AUTHENTICATE before TLS
IMAP_UNSUPPORTED_MECHANISM = "NO [ALERT] Unsupported authentication mechanism."
IMAP_PRELOGIN_BAD = "BAD Error in IMAP command received by server."
IMAP_BUSY = "* BYE [UNAVAILABLE] Server is busy, try again later."  # lab wording
IMAP_GREETING = "Dovecot (Debian) ready."
IMAP_NO_TLS = "BAD TLS support isn't enabled."

# -- POP3 --------------------------------------------------------------------------------
POP3_WRONG = {
    "dovecot": "-ERR [AUTH] Authentication failed.",
    "gmail": "-ERR [AUTH] Authentication failed.",
    "microsoft": "-ERR Logon failure: unknown user name or bad password.",
    "yahoo": "-ERR [AUTH] Authentication failed.",
}
POP3_AUTH: dict[str, str] = {
    "app-password": "-ERR [AUTH] Application-specific password required: http://support.google.com/accounts/bin/answer.py?answer=185833",
    "web-login": "-ERR [AUTH] Web login required: https://support.google.com/mail/answer/78754",
    "basic-disabled": "-ERR Logon failure: unknown user name or bad password.",
    "basic-disabled-outlook": "-ERR Logon failure: unknown user name or bad password.",
    "locked": "-ERR [SYS/PERM] Account locked after too many failed login attempts.",  # lab wording
    "disabled": "-ERR [SYS/PERM] Account disabled. Contact your administrator.",  # lab wording
    "expired": "-ERR [AUTH] Password expired.",  # lab wording
    "limit": "-ERR [SYS/TEMP] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)",
    "unavailable": "-ERR [SYS/TEMP] Temporary authentication failure.",
    "in-use": "-ERR [IN-USE] Mailbox is locked by another POP3 session.",
    "protocol-disabled": "-ERR authentication failed",
    "oauth-only": "-ERR [AUTH] Password logins are disabled; sign in with OAuth 2.0 (XOAUTH2).",  # lab wording
    "referral": "-ERR [AUTH] Authentication failed.",  # no login referral in POP3
}
POP3_PRIVACY_REQUIRED = "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."
POP3_SASL_PRIVACY_REQUIRED = "-ERR [AUTH] Plaintext authentication disabled."  # AUTH before TLS
POP3_UNSUPPORTED_MECHANISM = "-ERR [AUTH] Unsupported authentication mechanism."
POP3_UNKNOWN = "-ERR Unknown command."
POP3_BUSY = "-ERR [SYS/TEMP] Server is busy, try again later."  # lab wording
# Dovecot's words when the mail store cannot be used after the login (seen from Dovecot 2.3
# with a mail_location it cannot create: tests/lab/test_real_dovecot_diagnosis.py).
IMAP_STORE_FAILED = "NO [SERVERBUG] Internal error occurred. Refer to server log for more information."
POP3_STORE_FAILED = "-ERR [SYS/TEMP] Internal error occurred. Refer to server log for more information."
POP3_GREETING = "+OK Dovecot (Debian) ready."

# -- Anything on a mail port -------------------------------------------------------------
_HTTP_BODY = b"<html><body><h1>400 Bad Request</h1></body></html>"
HTTP_400 = (
    b"HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n"
    b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(_HTTP_BODY)
) + _HTTP_BODY
ANSI_DECORATION = "\x1b[1;31m{text}\x1b[0m\x1b[2K"
