"""An IMAP or POP3 server's refusal and what it means, by its response code and words, server by server.

Each case is a refusal as the server sends it (checked at the server's source, or as public sessions and issue
reports quote the provider's reply), in the forms users paste: the bare tagged or untagged reply, or inside a
client's or library's words (Thunderbird's "The current command did not succeed. The mail server for account X
responded: ...", K-9's "(Command: LOGIN; response: #1# [NO, [CODE], text])", Python's imaplib and poplib,
JavaMail, isync, getmail). With each, the causes its own words may honestly read as: the first one named must
be among them.

Where the response code names the cause (RFC 5530 EXPIRED, CONTACTADMIN, LIMIT, UNAVAILABLE, PRIVACYREQUIRED,
INUSE; RFC 2449 IN-USE, LOGIN-DELAY; RFC 3206 SYS/TEMP), it decides; where a server sends its words under a
generic code (Dovecot's POP3 "-ERR [AUTH]" for a disabled login, Yahoo's "[AUTHORIZATIONFAILED] LOGIN Invalid
credentials"), the words decide; a bare "NO" stays generic.

Sources (short names used below):
  DC   dovecot/core@f28b5a92ec52 (src/imap-login/client-authenticate.c client_auth_result: the response code of each
       login result; src/pop3-login/client.c client_send_reply: -ERR [SYS/TEMP], [IN-USE], [AUTH];
       src/login-common/login-common.h, client-common.h, client-common-auth.c, sasl-proxy.c, login-proxy.h;
       src/pop3/main.c, pop3-client.c; src/lib-storage/mail-error.h; src/lib-master/master-service.h)
  SR   mailexpert/data/server-replies.yaml, the row for the words (its source: Zimbra/zm-mailbox ImapHandler.java
       and Pop3Handler.java, cyrusimap/cyrus-imapd imapd.c and pop3d.c, svarshavchik/courier-libs pop3login.C,
       support.google.com pages)
"""

from __future__ import annotations

import pytest
from helpers import causes_of

APP = "app-password-required"
BASIC = "basic-auth-disabled"
EXPIRED = "password-expired"
INUSE = "mailbox-in-use"
LOCKED = "account-locked"
MECH = "auth-mechanism-unsupported"
PASSWORD = "password-rejected"
PROTO = "protocol-disabled-for-account"
TLS = "auth-requires-tls"
TOOMANY = "too-many-connections"
UNAVAILABLE = "server-unavailable"
USER = "username-wrong"
WEB = "web-login-required"
PERMANENT = "server-reply-permanent"
TRANSIENT = "server-reply-transient"

DC = "dovecot/core@f28b5a92ec52"
SR = "mailexpert/data/server-replies.yaml"
TB = "The current command did not succeed. The mail server for account jo@example.org responded: "
K9 = "Username or password is wrong. (Command: LOGIN; response: #1# [NO, [{}], {}])"
STAMP = "[mail.example.org:2026-12-05 10:00:00]"
USERIP = "Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)"

# (text as pasted, the causes its words may honestly read as -- the first one named must be among them, source)
CASES = [
    # --- Dovecot's login process: one response code per login result (DC client_auth_result), and POP3's.
    (f"a1 NO [UNAVAILABLE] Temporary authentication failure. {STAMP}", (UNAVAILABLE,),
     f"{DC} AUTH_TEMP_FAILED_MSG, CLIENT_AUTH_RESULT_TEMPFAIL"),
    (f"-ERR [SYS/TEMP] Temporary authentication failure. {STAMP}", (UNAVAILABLE,), f"{DC} POP3_CMD_REPLY_TEMPFAIL"),
    (f"javax.mail.AuthenticationFailedException: [UNAVAILABLE] Temporary authentication failure. {STAMP}",
     (UNAVAILABLE,), DC),
    (f"{TB}[UNAVAILABLE] Temporary authentication failure. {STAMP}", (UNAVAILABLE,), DC),
    (K9.format("UNAVAILABLE", f"Temporary authentication failure. {STAMP}"), (UNAVAILABLE,), DC),
    (f"a1 NO [LIMIT] {USERIP}", (TOOMANY,), f"{DC} sasl-proxy.c ERR_TOO_MANY_USERIP_CONNECTIONS, LIMIT_REACHED"),
    (f"-ERR [IN-USE] {USERIP}", (TOOMANY,), f"{DC} POP3_CMD_REPLY_LIMIT"),
    (f"poplib.error_proto: b'-ERR [IN-USE] {USERIP}'", (TOOMANY,), DC),
    (f"{TB}{USERIP}", (TOOMANY,), DC),
    (K9.format("LIMIT", USERIP), (TOOMANY,), DC),
    (f"IMAP command 'LOGIN <user> <pass>' returned response (NO): [LIMIT] {USERIP}", (TOOMANY,), DC),
    ("a1 NO [EXPIRED] Password expired", (EXPIRED,), f"{DC} src/auth/auth-request.c, CLIENT_AUTH_RESULT_PASS_EXPIRED"),
    ("-ERR [AUTH] Password expired", (EXPIRED,), f"{DC} POP3_CMD_REPLY_AUTH_ERROR for PASS_EXPIRED"),
    ("javax.mail.AuthenticationFailedException: [EXPIRED] Password expired", (EXPIRED,), DC),
    (f"{TB}[EXPIRED] Password expired", (EXPIRED,), DC),
    (K9.format("EXPIRED", "Password expired"), (EXPIRED,), DC),
    ("a1 NO [CONTACTADMIN] Login disabled for this user", (LOCKED,),
     f"{DC} client-common-auth.c CLIENT_AUTH_FAIL_CODE_LOGIN_DISABLED"),
    (f"{TB}[CONTACTADMIN] Login disabled for this user", (LOCKED,), DC),
    (K9.format("CONTACTADMIN", "Login disabled for this user"), (LOCKED,), DC),
    # POP3 has no code for it: the generic [AUTH], and the words say it (pop3-login/client-authenticate.c).
    ("-ERR [AUTH] Login disabled for this user", (LOCKED,), f"{DC} LOGIN_DISABLED as POP3_CMD_REPLY_AUTH_ERROR"),
    ("javax.mail.AuthenticationFailedException: -ERR [AUTH] Login disabled for this user", (LOCKED,), DC),
    ("a1 NO [AUTHORIZATIONFAILED] Authorization failed", (USER,), f"{DC} CLIENT_AUTH_FAIL_CODE_AUTHZFAILED"),
    ("a1 NO [AUTHENTICATIONFAILED] Authentication failed.", (PASSWORD,), f"{DC} AUTH_FAILED_MSG"),
    ("-ERR [AUTH] Authentication failed.", (PASSWORD,), DC),
    ("poplib.error_proto: b'-ERR [AUTH] Authentication failed.'", (PASSWORD,), DC),
    ("a1 NO [PRIVACYREQUIRED] Cleartext authentication disallowed on non-secure (SSL/TLS) connections.", (TLS,),
     f"{DC} AUTH_CLEARTEXT_DISABLED_MSG"),
    ("a1 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.", (TLS,),
     "dovecot/core 2.3 AUTH_PLAINTEXT_DISABLED_MSG"),
    ("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.", (TLS,), DC),
    ("javax.mail.AuthenticationFailedException: [PRIVACYREQUIRED] Plaintext authentication disallowed on "
     "non-secure (SSL/TLS) connections.", (TLS,), DC),
    # The login proxy could not reach the account's backend (login-proxy.h LOGIN_PROXY_FAILURE_MSG): the server's
    # trouble, with its codes or without them; not a lock, though the words name the account.
    ("a1 NO [UNAVAILABLE] Account is temporarily unavailable.", (UNAVAILABLE,), f"{DC} imap-proxy.c"),
    ("a1 NO [SERVERBUG] Account is temporarily unavailable.", (UNAVAILABLE,), f"{DC} imap-proxy.c"),
    ("-ERR [SYS/TEMP] Account is temporarily unavailable.", (UNAVAILABLE,), f"{DC} pop3-proxy.c"),
    ("Error: Account is temporarily unavailable.", (UNAVAILABLE,), DC),
    (f"{TB}Account is temporarily unavailable.", (UNAVAILABLE,), DC),
    ("* OK Waiting for authentication process to respond..", (UNAVAILABLE,), f"{DC} AUTH_SERVER_WAITING_MSG"),
    ("-ERR [IN-USE] Mailbox is locked by another POP3 session.", (INUSE,), f"{DC} src/pop3/main.c"),
    ("poplib.error_proto: b'-ERR [IN-USE] Mailbox is locked by another POP3 session.'", (INUSE,), DC),
    ("-ERR [SYS/TEMP] Failed to create POP3 session lock.", (UNAVAILABLE,), f"{DC} src/pop3/main.c"),
    ("-ERR [SYS/TEMP] Couldn't update POP3 session lock.", (UNAVAILABLE,), f"{DC} src/pop3/pop3-client.c"),
    ("-ERR [SYS/TEMP] Couldn't sync mailbox.", (UNAVAILABLE,), f"{DC} src/pop3/pop3-client.c"),
    ("-ERR [SYS/TEMP] Server shutting down.", (UNAVAILABLE,), f"{DC} pop3-client.c, MASTER_SERVICE_SHUTTING_DOWN_MSG"),
    ("a1 NO [SERVERBUG] Internal error occurred. Refer to server log for more information. [2026-12-05 10:00:00]",
     (UNAVAILABLE,), f"{DC} src/lib-storage/mail-error.h MAIL_ERRSTR_CRITICAL_MSG"),

    # --- RFC 2449 / RFC 5530 codes a server sends with its own words.
    ("-ERR [LOGIN-DELAY] Wait at least 15 minutes between logins", (INUSE,), "RFC 2449 section 8.1.1 ([LOGIN-DELAY])"),
    ("poplib.error_proto: b'-ERR [LOGIN-DELAY] Wait at least 15 minutes between logins'", (INUSE,), "RFC 2449"),
    ("a1 NO [INUSE] Mailbox is in use", (INUSE,), "RFC 5530 section 3 (INUSE)"),
    # RFC 1939 section 7's own answer to PASS for a maildrop another session holds; Cyrus adds RFC 2449's code.
    ("-ERR unable to lock maildrop", (INUSE,), "RFC 1939 section 7 (PASS)"),
    ("javax.mail.AuthenticationFailedException: -ERR unable to lock maildrop", (INUSE,), "RFC 1939"),
    ("The mail server for account jo@example.org responded: unable to lock maildrop", (INUSE,), "RFC 1939"),
    ("-ERR [IN-USE] Unable to lock maildrop", (INUSE,), "cyrusimap/cyrus-imapd:imap/pop3d.c (older releases)"),
    ("-ERR Can't get lock.  Mailbox in use", (INUSE,), "UW IMAP ipop3d (ipopd/ipop3d.c: the INBOX opened read-only)"),
    (f"{TB}Mailbox is in use", (INUSE,), "RFC 5530 INUSE, Thunderbird's prefix (imapMsgs.properties)"),

    # --- Gmail (its replies as public sessions quote them; SR's Gmail rows).
    ("a1 NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 "
     "(Failure)", (APP,), SR),
    ("imaplib.IMAP4.error: b'[ALERT] Application-specific password required: "
     "https://support.google.com/accounts/answer/185833 (Failure)'", (APP,), SR),
    ("a1 NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 "
     "(Failure)", (WEB,), "github.com/osTicket/osTicket/issues/2801"),
    ("javax.mail.AuthenticationFailedException: [ALERT] Please log in via your web browser: "
     "https://support.google.com/mail/accounts/answer/78754 (Failure)", (WEB,), "osTicket#2801"),
    ("a1 NO [WEBALERT https://accounts.google.com/signin/continue?sarp=1] Web login required.", (WEB,),
     "Gmail WEBALERT (concepts.yaml, client-messages.yaml ErrorNeedsConnectToWebmail)"),
    ("a1 NO [ALERT] Too many simultaneous connections. (Failure)", (TOOMANY,),
     "Gmail IMAP, as clients match it (FairEmail, imapflow users)"),
    ("imaplib.IMAP4.error: b'[ALERT] Too many simultaneous connections. (Failure)'", (TOOMANY,), "Gmail IMAP"),
    (K9.format("ALERT", "Too many simultaneous connections. (Failure)"), (TOOMANY,), "Gmail IMAP"),
    ("imaplib.IMAP4.error: b'[AUTHENTICATIONFAILED] Invalid credentials (Failure)'", (APP, PASSWORD),
     "getmail6/getmail6#236, mscdex/node-imap#826"),
    ("* BYE [UNAVAILABLE] Temporary System Problem. Try again later. (Failure)", (UNAVAILABLE,),
     "Gmail IMAP, as clients match it"),
    # The per-account bandwidth quota (support.google.com/a/answer/1071518): the server refuses for hours; the
    # earlier catalogue reads it as the server's temporary refusal (rules/server-side/server-unavailable.yaml).
    ("IMAP error: unexpected BYE response: [OVERQUOTA] Account exceeded command or bandwidth limits.",
     (UNAVAILABLE,), "isync (mbsync) with Gmail, as its users' notes quote it"),
    (f"{TB}[OVERQUOTA] Account exceeded command or bandwidth limits.", (UNAVAILABLE,), "Gmail IMAP"),
    (K9.format("ALERT", "Your account is not enabled for IMAP use. Please visit your Gmail settings page and "
               "enable your account for IMAP access. (Failure)"), (PROTO,), SR),
    ("poplib.error_proto: b'-ERR [SYS/PERM] Your account is not enabled for POP access. Please visit your Gmail "
     "settings page and enable your account for POP access.'", (PROTO,), SR),

    # --- Microsoft Exchange / Outlook.com.
    ("a2 BAD User is authenticated but not connected.", (PROTO,), "jstedfast/MailKit#1494, mscdex/node-imap#523"),
    ("getmailrc: operation error (IMAP error (EXAMINE command error: BAD [b'User is authenticated but not "
     "connected.']))", (PROTO,), "getmail6/getmail6#214"),
    ("Unable to connect: User is authenticated but not connected.", (PROTO,), "postalsys/imapflow#314"),
    ("imaplib.IMAP4.error: b'AUTHENTICATE failed.'", (BASIC, PASSWORD),
     "Exchange Online IMAP after basic authentication's end (test_explain_creddiff's reading)"),
    ("-ERR Logon failure: unknown user name or bad password.", (PASSWORD,), SR),
    ("a1 BAD Command Error. 10", ("oauth-token-rejected", PROTO), "M66B/FairEmail:FAQ.md (22), SR"),

    # --- Yahoo and Yandex.
    ("a0 NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials", (APP, PASSWORD),
     "Enough-Software/enough_mail#245 (imap.mail.yahoo.com)"),
    ("Error logging into IMAP Server: b'[AUTHENTICATIONFAILED] LOGIN Invalid credentials'", (APP, PASSWORD),
     "moralmunky/Home-Assistant-Mail-And-Packages#242"),
    # Yahoo refuses a password under [AUTHORIZATIONFAILED] too, with the same words (two public programs match the
    # exact reply from imap.mail.yahoo.com): the credentials were refused, not the identity asked for.
    ("AE_1_2_0002 NO [AUTHORIZATIONFAILED] LOGIN Invalid credentials", (APP, PASSWORD),
     "public Java mail-backup tool matching Yahoo Mail's reply (find_string 'AUTHORIZATIONFAILED] LOGIN Invalid')"),
    ("imaplib.IMAP4.error: b'[AUTHORIZATIONFAILED] LOGIN Invalid credentials'", (APP, PASSWORD),
     "public Python IMAP checker matching imap.mail.yahoo.com's reply"),
    ("imaplib.IMAP4.error: b'[SERVERBUG] LOGIN Server error - Please try again later'", (UNAVAILABLE,),
     "the same Python checker (Yahoo's transient refusal)"),
    ("2 NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials or IMAP is disabled sc=ebI8JB0ug4Y1_290737_53p",
     (PROTO, PASSWORD, APP), "Foundry376/Mailspring#904 (Yandex IMAP)"),

    # --- QQ and NetEase.
    ("poplib.error_proto: b'-ERR Login fail. A secure connection is requiered(such as ssl). More information at "
     "http://service.mail.qq.com/cgi-bin/help?id=28'", (TLS,), "QQ Mail POP3, as Python users quote it"),
    ("poplib.error_proto: -ERR Please using authorized code to login.", (APP,),
     "QQ Mail (service.mail.qq.com help id=28), as Python users quote it"),

    # --- Zimbra, Cyrus, Courier (SR's rows and their sources).
    ("a1 NO cleartext logins disabled", (TLS,), SR),
    ("-ERR only valid after entering TLS mode", (TLS,), SR),
    ("a1 NO account does not have IMAP access enabled", (PROTO,), SR),
    ("-ERR pop access not enabled for account", (PROTO,), SR),
    ("a1 NO [ALERT] password must be changed before IMAP login permitted", (EXPIRED,), SR),
    ("a1 NO [ALERT] account undergoing maintenance; please try again later", (UNAVAILABLE,), SR),
    ("a1 NO Login only available under a layer", (TLS,), SR),
    ("-ERR [AUTH] USER command only available under a layer", (TLS,), SR),
    ("-ERR TLS required to log in.", (TLS,), SR),
    ("-ERR You must use stronger authentication such as AUTH or APOP to connect to this server", (MECH,), SR),
]

# A bare refusal names no cause of its own: read as the generic refusal, never as fine and never declined.
GENERIC = [
    ("a1 NO", (PERMANENT, PASSWORD), "RFC 9051 section 7.1.2 (NO with no code and no text)"),
    ("a1 NO [NOPERM] Permission denied", (PERMANENT,), f"{DC} MAIL_ERRSTR_NO_PERMISSION, RFC 5530 NOPERM"),
    ("a1 NO [CANNOT] Operation not supported", (PERMANENT,), "RFC 5530 CANNOT"),
    ("* BYE Disconnected for inactivity.", (TRANSIENT, UNAVAILABLE), f"{DC} src/pop3/pop3-client.c, imap's"),
]


def _id(case: tuple) -> str:
    return case[0][:60]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_a_refusal_reads_as_its_code_and_words_say(case: tuple) -> None:
    text, causes, _source = case
    found = causes_of(text)
    assert found, "declined"
    assert found[0] in causes, found


@pytest.mark.parametrize("case", GENERIC, ids=_id)
def test_a_refusal_without_a_telling_code_stays_generic(case: tuple) -> None:
    text, causes, _source = case
    found = causes_of(text)
    assert found and found[0] in causes, found

