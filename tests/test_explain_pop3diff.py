"""A POP3 server's -ERR and what it means, server by server, and the same reply inside the words of the
client or library that shows it.

POP3 answers "-ERR" with free text, optionally led by an RFC 2449 / RFC 3206 response code. Where the code
names the cause ([IN-USE], [LOGIN-DELAY], [SYS/TEMP]) it decides; under the generic [AUTH] or with no code
the server's words decide; a client's wrapper ("Sending of password ... did not succeed", Outlook's "rejected
your login", fetchmail's "Authorization failure") says only which step failed, so the server's words it
quotes come first: a mailbox another session holds is no wrong password.

Each case is a reply as its server's source sends it (or, for a provider, as public programs and users quote
it), bare or in the form a user pastes: Thunderbird's POP3 alert (Pop3Client.sys.mjs _actionError: the
pop3PasswordFailed or pop3UsernameFailure sentence, then " Mail server HOST responded: " and the words after
"-ERR"), Python's poplib (error_proto with the whole -ERR line), JavaMail (AuthenticationFailedException with
the words after "-ERR"), Ruby's Net::POP (POPAuthenticationError with the whole line), fetchmail (the reply
line it reports, then its own verdict). With each, the causes its words may honestly read as: the first one
named must be among them.

Sources (short names used below):
  DC  dovecot/core@f28b5a92ec52 (src/pop3-login/client.c client_send_reply: -ERR [SYS/TEMP], [IN-USE], [AUTH];
      client-authenticate.c pop3_client_auth_result, cmd_apop; src/login-common/login-common.h
      AUTH_CLEARTEXT_DISABLED_MSG, client-common-auth.c client_auth_begin_common, sasl-proxy.c;
      src/pop3/main.c, pop3-client.c client_send_storage_error; src/lib-storage/mail-error.h)
  CY  cyrusimap/cyrus-imapd@1f3a129311 (imap/pop3d.c cmd_user, cmd_pass, cmd_apop, cmd_auth, openinbox;
      imap/global.c cyrus_sasl_errmsg; imap/userdeny_db.c default_message; imap/imap_err.et)
  CO  svarshavchik/courier-libs@2a13a23 (imap/pop3login.C, imap/pop3dserver.C)
  UW  UW IMAP ipop3d.c 3.3(34), Mark Crispin, University of Washington (login(): PASS refused, INBOX read-only)
  FM  Distrotech/fetchmail@81c32399 (pop3.c pop3_ok: an -ERR with "lock", "wait", [IN-USE] or [LOGIN-DELAY] is
      PS_LOCKBUSY, "Service ... unavailable" PS_SERVBUSY, anything else PS_AUTHFAIL; driver.c: "Lock-busy error on
      %s@%s", "Server busy error on %s@%s", "Authorization failure on %s@%s%s", "%s error while fetching from
      %s@%s" with "lock busy on server")
  QP  QUALCOMM qpopper 4 popper/pop_pass.c (ERRMSG_PW, ERRMSG_ACEXP, ERRMSG_PWEXP, ERRMSG_AUTH, GP_ERRSTRING; its
      "[IN-USE] ... lock busy!" is tests/test_explain_pop_lock.py's)
  GE  mozilla-b2g/gaia-email-libs-and-more, its account-probe tests (cannedLoginTest cases: the canned
      Gmail POP3 replies "-ERR [AUTH] Application-specific password required", "-ERR [SYS/PERM] Your account is
      not enabled for POP", "-ERR [SYS/PERM] POP access is disabled for your domain.", "-ERR [IN-USE] Your
      account is in use, try later.")
  CC  UW IMAP c-client src/c-client/pop3.c (pop3_auth: "Can not authenticate to POP3 server: %.80s", the words
      after "-ERR" cut at 80 characters; PHP's imap_open with /pop3 reports it)
  K9  K-9 Mail's Pop3Connection (login: AuthenticationFailedException "POP3 login authentication failed: " and
      Pop3ErrorResponse's message, the whole line the server sent)
  TB  Thunderbird's POP3 alert: mailnews/local/src/Pop3Client.sys.mjs (_actionError), localMsgs.properties
      (pop3PasswordFailed "Sending of password for user %1$S did not succeed.", pop3ServerSaid)
"""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

APP = "app-password-required"
INUSE = "mailbox-in-use"
LOCKED = "account-locked"
MECH = "auth-mechanism-unsupported"
PASSWORD = "password-rejected"
EXPIRED = "password-expired"
PROTO = "protocol-disabled-for-account"
TLS = "auth-requires-tls"
TOOMANY = "too-many-connections"
UNAVAILABLE = "server-unavailable"
USER = "username-wrong"
WEB = "web-login-required"
PERMANENT = "server-reply-permanent"

DC = "dovecot/core@f28b5a92ec52"
CY = "cyrusimap/cyrus-imapd@1f3a129311:imap/pop3d.c"
CO = "svarshavchik/courier-libs@2a13a23"
UW = "UW IMAP ipop3d.c 3.3(34) login()"
FM = "Distrotech/fetchmail@81c32399"
TB = "Thunderbird Pop3Client.sys.mjs _actionError, localMsgs.properties"
QP = "QUALCOMM qpopper 4 popper/pop_pass.c"
CC = "UW IMAP c-client pop3.c pop3_auth"
K9 = "K-9 Mail Pop3Connection login"
K9_AUTH = "com.fsck.k9.mail.AuthenticationFailedException: POP3 login authentication failed: "
GE = "mozilla-b2g/gaia-email-libs-and-more account-probe tests (canned Gmail POP3 replies)"

TB_PASS = "Sending of password for user jo did not succeed. Mail server pop.example.org responded: "
TB_USER = "Sending of username did not succeed. Mail server pop.example.org responded: "
OUTLOOK = ("Task 'pop.example.org - Receiving' reported error (0x800CCC92): 'Your e-mail server rejected your "
           "login.  Verify your user name and password in your account properties.  The server responded: {}'")
GMAIL_WEB = "-ERR [AUTH] Web login required: https://support.google.com/mail/answer/78754"
INUSE_DC = "-ERR [IN-USE] Mailbox is locked by another POP3 session."

CASES = [
    # --- Dovecot's pop3-login: each login result under its code (client-authenticate.c pop3_client_auth_result).
    Case("dovecot-cleartext-disallowed", "-ERR [AUTH] Cleartext authentication disallowed on non-secure (SSL/TLS) "
         "connections.", (TLS,), f"{DC} AUTH_CLEARTEXT_DISABLED_MSG as POP3_CMD_REPLY_AUTH_ERROR"),
    Case("dovecot-ssl-required", "-ERR [AUTH] Authentication disallowed on non-secure (SSL/TLS) connections.",
         (TLS,), f"{DC} client-common-auth.c client_auth_begin_common (ssl = required)"),
    Case("dovecot-cleartext-thunderbird", f"{TB_PASS}[AUTH] Cleartext authentication disallowed on non-secure "
         "(SSL/TLS) connections.", (TLS,), f"{DC}; {TB}"),
    Case("dovecot-mech-invalid", "-ERR [AUTH] Unsupported authentication mechanism.", (MECH,),
         f"{DC} sasl-proxy.c (AUTH_CLIENT_FAIL_CODE_MECH_INVALID)"),
    Case("dovecot-apop-off", "-ERR APOP not enabled.", (MECH,), f"{DC} pop3-login/client-authenticate.c cmd_apop"),
    Case("dovecot-apop-off-poplib", "poplib.error_proto: b'-ERR APOP not enabled.'", (MECH,), DC),
    Case("dovecot-inconsistent", "-ERR [SYS/TEMP] Mailbox is in inconsistent state, please relogin.",
         (UNAVAILABLE,), f"{DC} pop3-client.c client_send_storage_error"),
    Case("dovecot-lookup-error", "-ERR [SYS/TEMP] Internal error occurred. Refer to server log for more "
         "information.", (UNAVAILABLE,), f"{DC} src/pop3/main.c client_create_from_input, MAIL_ERRSTR_CRITICAL_MSG"),
    Case("dovecot-lock-timeout", "-ERR [SYS/TEMP] Timeout while waiting for lock", (UNAVAILABLE, INUSE),
         f"{DC} client_send_storage_error (MAIL_ERROR_TEMP) with MAIL_ERRSTR_LOCK_TIMEOUT"),
    # The differential: the client's wrapper names the password step, the server's words a lock.
    Case("dovecot-inuse-thunderbird", f"{TB_PASS}[IN-USE] Mailbox is locked by another POP3 session.", (INUSE,),
         f"{DC} src/pop3/main.c lock_session; {TB}"),
    Case("dovecot-inuse-outlook", OUTLOOK.format(INUSE_DC), (INUSE,), f"{DC}; Outlook 0x800CCC92"),
    Case("dovecot-inuse-javamail", "javax.mail.AuthenticationFailedException: [IN-USE] Mailbox is locked by "
         "another POP3 session.", (INUSE,), DC),
    Case("dovecot-tempfail-thunderbird", f"{TB_PASS}[SYS/TEMP] Temporary authentication failure.", (UNAVAILABLE,),
         f"{DC} AUTH_TEMP_FAILED_MSG; {TB}"),
    Case("dovecot-authfailed-thunderbird", f"{TB_PASS}[AUTH] Authentication failed.", (PASSWORD,),
         f"{DC} AUTH_FAILED_MSG; {TB}"),

    # --- Cyrus pop3d.
    Case("cyrus-badauth", "-ERR [AUTH] authentication failure", (PASSWORD,),
         f"{CY} cmd_pass (cyrus_sasl_errmsg: SASL_NOUSER shown as SASL_BADAUTH, sasl_errstring)"),
    Case("cyrus-invalid-login", "-ERR [AUTH] Invalid login", (PASSWORD,), f"{CY} cmd_pass"),
    Case("cyrus-invalid-user", "-ERR [AUTH] Invalid user", (USER,), f"{CY} cmd_user (a name it cannot canonify)"),
    Case("cyrus-userdeny", "-ERR [AUTH] Access to this service has been blocked", (PROTO, LOCKED),
         "cyrusimap/cyrus-imapd@1f3a129311:imap/userdeny_db.c (default_message, via mysasl_proxy_policy's "
         "sasl_seterror and cyrus_sasl_errmsg's SASL_DISABLED detail)"),
    Case("cyrus-apop-layer", "-ERR [AUTH] APOP command only available under a layer", (TLS,), f"{CY} cmd_apop"),
    Case("cyrus-auth-layer", "-ERR [AUTH] AUTH command only available under a layer", (TLS,), f"{CY} cmd_auth"),
    Case("cyrus-login-delay", "-ERR [LOGIN-DELAY] Logins must be at least 5 minutes apart", (INUSE, TOOMANY),
         f"{CY} openinbox (popminpoll)"),
    Case("cyrus-login-delay-thunderbird", f"{TB_PASS}[LOGIN-DELAY] Logins must be at least 5 minutes apart",
         (INUSE, TOOMANY), f"{CY}; {TB}"),
    Case("cyrus-too-many", "-ERR Too many open connections (3 of 3 for jo)", (TOOMANY,),
         f"{CY} openinbox (proc_checklimits: maxlogins_per_user)"),
    Case("cyrus-inuse-locked", "-ERR [IN-USE] Unable to lock maildrop: Mailbox is locked", (INUSE,),
         f"{CY} openinbox; imap/imap_err.et IMAP_MAILBOX_LOCKED"),
    Case("cyrus-backend", "-ERR Authentication to backend server failed", (UNAVAILABLE,),
         f"{CY} openinbox (a Murder frontend that cannot reach the mailbox's backend)"),

    # --- Courier pop3d.
    Case("courier-disabled", "-ERR POP3 access disabled for this account.", (PROTO,),
         f"{CO}:imap/pop3dserver.C (auth option disablepop3)"),
    Case("courier-disabled-poplib", "poplib.error_proto: b'-ERR POP3 access disabled for this account.'", (PROTO,),
         CO),
    Case("courier-insecure", "-ERR POP3 access disabled via insecure connection.", (TLS,),
         f"{CO}:imap/pop3dserver.C (auth option disableinsecurepop3 without POP3_TLS)"),
    Case("courier-sticky", "-ERR Your account is temporarily unavailable (+t bit set on home directory).",
         (UNAVAILABLE, LOCKED), f"{CO}:imap/pop3dserver.C (the home directory's sticky bit: the account held)"),
    Case("courier-login-failed", "-ERR Login failed.", (PASSWORD,), f"{CO}:imap/pop3login.C (USER/PASS refused)"),
    Case("courier-temporary", "-ERR Temporary problem, please try again later", (UNAVAILABLE,),
         f"{CO}:imap/pop3login.C (the authentication daemon failed)"),
    Case("courier-maildir", "-ERR Maildir invalid (no 'cur' directory)", (UNAVAILABLE,),
         f"{CO}:imap/pop3dserver.C"),

    Case("cyrus-invalid-user-thunderbird", f"{TB_USER}[AUTH] Invalid user", (USER,), f"{CY} cmd_user; {TB}"),

    # --- qpopper (QP): its [AUTH] refusals, each saying why.
    Case("qpopper-password", '-ERR [AUTH] Password supplied for "jo" is incorrect.', (PASSWORD,), f"{QP} ERRMSG_PW"),
    Case("qpopper-account-expired", '-ERR [AUTH] "jo": account expired.', (LOCKED,), f"{QP} ERRMSG_ACEXP"),
    Case("qpopper-password-expired", '-ERR [AUTH] "jo": password expired.', (EXPIRED,), f"{QP} ERRMSG_PWEXP"),
    Case("qpopper-pam", '-ERR [AUTH] PAM authentication failed for user "jo": Authentication failure (7)',
         (PASSWORD,), f"{QP} GP_ERRSTRING with pam_strerror(PAM_AUTH_ERR)"),

    # --- UW ipop3d.
    Case("uw-bad-login", "-ERR Bad login", (PASSWORD,), UW),
    Case("uw-too-many-failures", "-ERR Too many login failures", (PASSWORD, LOCKED), UW),
    Case("uw-cant-get-lock", "-ERR Can't get lock.  Try again or use IMAP instead", (INUSE,),
         f"{UW} (the INBOX opened read-only: another session holds it)"),

    Case("uw-mailbox-in-use-thunderbird", f"{TB_PASS}Can't get lock.  Mailbox in use", (INUSE,),
         f"UW IMAP ipopd/ipop3d.c (later releases, mbxopen); {TB}"),

    # --- fetchmail: the reply line it reports, then its verdict (FM).
    Case("fetchmail-lock-busy", f"fetchmail: {INUSE_DC}\nfetchmail: lock busy!  Is another session active?",
         (INUSE,), f"{FM} pop3.c pop3_ok, pop3_getauth; {DC}"),
    Case("fetchmail-lock-busy-error", "fetchmail: Lock-busy error on jo@pop.example.org", (INUSE,),
         f"{FM} driver.c"),
    Case("fetchmail-lock-busy-on-server", "fetchmail: lock busy on server error while fetching from "
         "jo@pop.example.org", (INUSE,), f"{FM} driver.c"),
    Case("fetchmail-server-busy", "fetchmail: Server busy error on jo@pop.example.org", (UNAVAILABLE,),
         f"{FM} driver.c, pop3.c (an -ERR with 'Service ... unavailable')"),
    Case("fetchmail-authfail", "fetchmail: Authorization failure on jo@pop.example.org", (PASSWORD,),
         f"{FM} driver.c"),

    # --- Gmail (its replies as public programs and users quote them).
    Case("gmail-not-accepted", "-ERR [AUTH] Username and password not accepted.", (PASSWORD, APP),
         "Gmail POP3, as public test suites and client code quote pop.gmail.com's reply"),
    Case("gmail-not-accepted-javamail", "javax.mail.AuthenticationFailedException: [AUTH] Username and password "
         "not accepted.", (PASSWORD, APP), "Gmail POP3; JavaMail's POP3Store (the words after -ERR)"),
    Case("gmail-web-login", GMAIL_WEB, (WEB,), "Gmail POP3, as users of Python's poplib and Ruby's Net::POP quote it"),
    Case("gmail-web-login-poplib", f"poplib.error_proto: {GMAIL_WEB}", (WEB,), "Gmail POP3 with poplib (Python 2)"),
    Case("gmail-web-login-ruby", f"net/pop.rb:1005:in `check_response_auth': {GMAIL_WEB} "
         "(Net::POPAuthenticationError)", (WEB,), "Gmail POP3 with Ruby's Net::POP"),
    Case("gmail-app-password", "-ERR [AUTH] Application-specific password required", (APP,),
         "mozilla-b2g/gaia-email-libs-and-more test (Gmail's POP3 reply for an account with 2-step verification)"),

    Case("gmail-app-password-thunderbird", f"{TB_PASS}[AUTH] Application-specific password required", (APP,),
         f"{GE}; {TB}"),
    Case("gmail-web-login-thunderbird", f"{TB_PASS}[AUTH] Web login required: "
         "https://support.google.com/mail/answer/78754", (WEB,), f"Gmail POP3; {TB}"),
    Case("gmail-pop-off-thunderbird", f"{TB_PASS}[SYS/PERM] Your account is not enabled for POP access. Please "
         "visit your Gmail settings page and enable your account for POP access.", (PROTO,),
         f"https://support.google.com/mail/answer/7104828; {TB}"),
    Case("gmail-pop-off-domain", "-ERR [SYS/PERM] POP access is disabled for your domain.", (PROTO,),
         f"{GE} (a Workspace administrator turned POP off)"),
    Case("gmail-in-use", "-ERR [IN-USE] Your account is in use, try later.", (INUSE, TOOMANY), GE),

    # --- K-9 Mail (Thunderbird for Android): the whole -ERR line after its own words (K9).
    Case("k9-dovecot-inuse", f"{K9_AUTH}{INUSE_DC}", (INUSE,), f"{K9}; {DC}"),
    Case("k9-cyrus-login-delay", f"{K9_AUTH}-ERR [LOGIN-DELAY] Logins must be at least 5 minutes apart",
         (INUSE, TOOMANY), f"{K9}; {CY}"),
    Case("k9-uw-cant-get-lock", f"{K9_AUTH}-ERR Can't get lock.  Try again or use IMAP instead", (INUSE,),
         f"{K9}; {UW}"),
    Case("k9-gmail-web-login", f"{K9_AUTH}{GMAIL_WEB}", (WEB,), f"{K9}; Gmail POP3"),

    # --- c-client (PHP's imap_open with /pop3), the server's words cut at 80 characters (CC).
    Case("cclient-dovecot-inuse", "Can not authenticate to POP3 server: [IN-USE] Mailbox is locked by another POP3 "
         "session.", (INUSE,), f"{CC}; {DC}"),
    Case("cclient-gmail-pop-off", "imap_open(): Couldn't open stream {pop.gmail.com:995/pop3/ssl}INBOX\n"
         "Can not authenticate to POP3 server: [SYS/PERM] Your account is not enabled for POP access. Please visit "
         "your Gmail s", (PROTO,), f"{CC}; Gmail POP3"),
    Case("cclient-uw-bad-login", "Can not authenticate to POP3 server: Bad login", (PASSWORD,), f"{CC}; {UW}"),

    # --- Microsoft Exchange.
    Case("exchange-logon-failure-javamail", "javax.mail.AuthenticationFailedException: Logon failure: unknown "
         "user name or bad password.", (PASSWORD,), "Exchange Server POP3 (server-replies.yaml); JavaMail"),
    Case("exchange-online-thunderbird", f"{TB_PASS}Authentication failure: unknown user name or bad password.",
         (PASSWORD,), "Exchange Online POP3 (server-replies.yaml); Thunderbird"),

    # --- Yandex.
    Case("yandex-pop3-disabled", "-ERR [AUTH] login failure or POP3 disabled", (PROTO, PASSWORD, APP),
         "Yandex POP3 (pop.yandex.com), as a public Java mail client's constant quotes it; like its IMAP "
         "'Invalid credentials or IMAP is disabled'"),
]

# Words that do not decide between causes: read as the generic refusal of the login (or one of the causes they
# may stand for), never as fine and never declined.
GENERIC = [
    # qpopper's refusal for a user its authfile leaves out or its nonauthfile names: POP refused to this user,
    # in words any refusal could use.
    Case("qpopper-access-denied", '-ERR [AUTH] "jo": access denied.', (PASSWORD, PROTO, LOCKED), f"{QP} ERRMSG_AUTH"),
    # Cyrus's maildrop the server could not open: a user without a mailbox there, or the server's own fault.
    # UW ipop3d's INBOX that would not open at all (a missing or unreadable mail file): the server's side or the
    # account's, its words do not say; the generic refusal stays.
    Case("uw-no-inbox", "-ERR Unable to open user's INBOX", (PERMANENT, UNAVAILABLE),
         "UW IMAP ipop3d.c (3.3(34) login, later releases mbxopen)"),
    Case("cyrus-no-maildrop", "-ERR [SYS/TEMP] Unable to open maildrop: Mailbox does not exist", (UNAVAILABLE, USER),
         f"{CY} openinbox; imap/imap_err.et IMAP_MAILBOX_NONEXISTENT"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_pop3_refusal_reads_as_its_code_and_words_say(case: Case) -> None:
    found = causes_of(case.text)
    assert found, "declined"
    assert found[0] in case.causes, found


@pytest.mark.parametrize("case", GENERIC, ids=lambda c: c.name)
def test_a_pop3_refusal_whose_words_decide_nothing_stays_generic(case: Case) -> None:
    found = causes_of(case.text)
    assert found and found[0] in case.causes, found
