"""The SERVER's own log lines about a client's login, as an administrator pastes them from /var/log/mail.log or
journalctl: Dovecot's auth and login processes, Postfix's smtpd with Cyrus SASL or Dovecot SASL, Cyrus SASL's own
texts, Cyrus IMAP, Exim, Courier and Exchange. The server's log is often more precise than what the client saw
(Dovecot logs "unknown user" or "Requested CRAM-MD5 scheme, but we have only SSHA" where the client only got
"authentication failed"), so the log's words decide: unknown user, wrong password, mechanism, disallowed
plaintext, an account or service switched off, the auth backend down.

The refused logins test_explain_creddiff.py, test_explain_authdiff.py and test_explain_server_logs.py already hold
are not repeated here; this is the rest of the family. Each case is the line as the server writes it (its syslog
prefix, with documentation addresses), the causes its own words may honestly read as -- the one they decide
first -- and where the wording comes from. No password is kept: Dovecot's auth_verbose_passwords shows its SHA1.

Sources (short names used below):
  DC   dovecot/core:src/login-common/client-common.c (client_get_extra_disconnect_reason; 2.4's
       client_auth_fail_code_reasons and the "Login aborted: %s (%s)" of login_aborted_event)
  DA   dovecot/core:src/auth/auth-request.c (auth_request_log_unknown_user, auth_request_log_password_mismatch:
       AUTH_LOG_MSG_PASSWORD_MISMATCH), passdb-ldap.c ("Password mismatch (for LDAP bind)")
  DP   dovecot/core:src/auth/passdb-pam.c (try_pam_auth, with Linux-PAM's pam_strerror words)
  PG   vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c (msg_warn "%s: SASL %s authentication failed: %s")
  PD   vdukhovni/postfix:postfix/src/xsasl/xsasl_dovecot_server.c
  PC   vdukhovni/postfix:postfix/src/xsasl/xsasl_cyrus_server.c; smtpd_sasl_glue.c's smtpd_sasl_log ("SASL
       authentication failure: %s", "SASL authentication problem: %s": Cyrus SASL's log callback)
  CS   cyrusimap/cyrus-sasl:lib/common.c (sasl_errstring), plugins/digestmd5.c, cram.c
  CI   cyrusimap/cyrus-imapd:imap/imapd.c ("badlogin: %s %s [%s]"), imap/global.c (mysasl_proxy_policy)
  EX   Exim/exim:src/src/smtp_in.c
"""

from __future__ import annotations

import pytest
from helpers import causes_of

LOCKED = "account-locked"
EXPIRED = "password-expired"
LIMIT = "too-many-connections"
MECH = "auth-mechanism-unsupported"
NOAUTH = "smtp-auth-not-enabled"
PASSWORD = "password-rejected"
PROTO = "protocol-disabled-for-account"
TLS = "auth-requires-tls"
UNAVAILABLE = "server-unavailable"
USER = "username-wrong"

DC = "dovecot/core:src/login-common/client-common.c"
DA = "dovecot/core:src/auth/auth-request.c"
DP = "dovecot/core:src/auth/passdb-pam.c"
PG = "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c"
PD = "vdukhovni/postfix:postfix/src/xsasl/xsasl_dovecot_server.c"
PC = "vdukhovni/postfix:postfix/src/xsasl/xsasl_cyrus_server.c"
CS = "cyrusimap/cyrus-sasl:lib/common.c (sasl_errstring)"
CI = "cyrusimap/cyrus-imapd"
EX = "Exim/exim:src/src/smtp_in.c"

_PF = "Mar  3 09:14:21 mx postfix/submission/smtpd[4420]: "
_HOST = "dsl-198-51-100-7.example.net[198.51.100.7]"
_DV = "Mar  3 09:14:21 mx dovecot: "
_END = ": user=<jane@example.org>, method=PLAIN, rip=198.51.100.7, lip=192.0.2.1, TLS, session=<a1b2>"
_ANON = ": user=<>, rip=198.51.100.7, lip=192.0.2.1, session=<a1b2>"


def _sasl(mech: str, reason: str) -> str:
    """smtpd's log of a refused AUTH, with the SASL backend's reason (PG)."""
    return _PF + f"warning: {_HOST}: SASL {mech} authentication failed: {reason}"


# (text as pasted, the causes its words may honestly read as -- the first one named must be among them, source)
CASES = [
    # --- Postfix smtpd with Cyrus SASL: the library's log line, then smtpd's with sasl_errstring's words.
    (_PF + "warning: SASL authentication problem: unable to open Berkeley db /etc/sasldb2: No such file or directory",
     (UNAVAILABLE,), "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c (smtpd_sasl_log: SASL_LOG_ERR 'SASL "
     "authentication problem: %s'); cyrusimap/cyrus-sasl:sasldb/db_berkeley.c ('unable to open Berkeley db %s: %s')"),
    # Cyrus SASL's CRAM-MD5/DIGEST-MD5/SCRAM found no secret for the user in its auxprop store (SASL_NOUSER, "We didn't
    # find this username"); the same words come for a user who exists but whose password the store (sasldb, while
    # saslauthd checks PLAIN) does not hold, which only PLAIN/LOGIN can use. The words cannot decide between a wrong
    # user name and a mechanism the server cannot run for this user: the generic refusal is read.
    (_PF + "warning: SASL authentication failure: no secret in database\n" + _sasl("CRAM-MD5", "authentication failure"),
     (PASSWORD, USER, MECH), "cyrusimap/cyrus-sasl:plugins/cram.c, digestmd5.c ('no secret in database', SASL_NOUSER); " + PC),
    (_PF + "warning: SASL authentication failure: cannot connect to saslauthd server: No such file or directory",
     (UNAVAILABLE,), "cyrusimap/cyrus-sasl:lib/checkpw.c ('cannot connect to saslauthd server: %m'); " + PC),
    (_sasl("CRAM-MD5", "authentication failure"), (PASSWORD,), PG + "; " + CS + " (SASL_BADAUTH)"),
    (_sasl("PLAIN", "account disabled"), (LOCKED,), PG + "; " + CS + " (SASL_DISABLED)"),
    (_sasl("PLAIN", "passphrase expired, has to be reset"), (EXPIRED,), PG + "; " + CS + " (SASL_EXPIRED)"),
    (_sasl("PLAIN", "encryption needed to use mechanism"), (TLS,), PG + "; " + CS + " (SASL_ENCRYPT)"),
    (_sasl("PLAIN", "mechanism too weak for this user"), (MECH,), PG + "; " + CS + " (SASL_TOOWEAK)"),
    (_sasl("PLAIN", "remote authentication server unavailable"), (UNAVAILABLE,), PG + "; " + CS + " (SASL_UNAVAIL)"),
    (_PF + "warning: xsasl_cyrus_server_get_mechanism_list: no applicable SASL mechanisms\n"
     + _PF + "fatal: no SASL authentication mechanisms",
     (UNAVAILABLE,), PC + " (xsasl_cyrus_server_get_mechanism_list); " + PG + " (smtpd exits)"),
    # --- Postfix smtpd with Dovecot SASL.
    (_PF + "warning: SASL: Connect to private/auth failed: No such file or directory", (UNAVAILABLE,),
     PD + " ('SASL: Connect to %s failed: %m')"),
    (_sasl("PLAIN", ""), (PASSWORD,), PG + "; " + PD + " (a FAIL with no reason)"),
    (_sasl("PLAIN", "Connection lost to authentication server"), (UNAVAILABLE,),
     PD + " (xsasl_dovecot_handle_reply: the auth socket closed mid-login)"),

    # --- Dovecot's auth process (auth_verbose): the passdb's verdict.
    (_DV + "auth: sql(jane@example.org,198.51.100.7,<a1b2>): Password mismatch", (PASSWORD,), DA),
    (_DV + "auth: ldap(jane@example.org,198.51.100.7,<a1b2>): Password mismatch (for LDAP bind)", (PASSWORD,),
     "dovecot/core:src/auth/passdb-ldap.c (LDAP_INVALID_CREDENTIALS: AUTH_LOG_MSG_PASSWORD_MISMATCH' (for LDAP bind)')"),
    (_DV + "auth: sql(jane@example.org,198.51.100.7,<a1b2>): unknown user", (USER,), DA),
    (_DV + "auth: Info: passwd-file(jane@example.org,198.51.100.7,<a1b2>): unknown user "
     "(SHA1 of given password: 8cb2237d06)", (USER,), DA + " (auth_verbose_passwords=sha1)"),
    (_DV + "auth-worker(4420): Info: pam(jane,198.51.100.7,<a1b2>): unknown user", (USER,),
     DP + " (PAM_USER_UNKNOWN -> auth_request_log_unknown_user)"),
    (_DV + "auth-worker(4420): Info: pam(jane,198.51.100.7,<a1b2>): pam_authenticate() failed: Authentication failure "
     "(password mismatch?)", (PASSWORD,), DP),
    (_DV + "auth-worker(4420): Error: pam(jane,198.51.100.7,<a1b2>): pam_acct_mgmt() failed: Authentication token is no "
     "longer valid; new one required", (EXPIRED,), DP + " (PAM_NEW_AUTHTOK_REQD)"),
    # PAM_ACCT_EXPIRED: Dovecot maps it to PASSDB_RESULT_PASS_EXPIRED and the client gets NO [EXPIRED]
    (_DV + "auth-worker(4420): Info: pam(jane,198.51.100.7,<a1b2>): pam_acct_mgmt() failed: User account has expired",
     (EXPIRED, LOCKED), DP + " (PAM_ACCT_EXPIRED)"),
    # A challenge-response mechanism the passdb's one-way hash cannot serve: the mechanism, not the password
    (_DV + "auth: Info: ldap(jane,198.51.100.7,<a1b2>): Requested CRAM-MD5 scheme, but we have only SSHA", (MECH,),
     "dovecot/core:src/auth/passdb.c (passdb_get_credentials: 'Requested %s scheme, but we have only %s')"),
    # the auth line beside the login process's bare "auth failed" says why: the mechanism, not the password
    (_DV + "auth: Info: sql(jane@example.org,198.51.100.7,<a1b2>): Requested CRAM-MD5 scheme, but we have only "
     "SHA512-CRYPT\n" + _DV + "imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<jane@example.org>, "
     "method=CRAM-MD5, rip=198.51.100.7, lip=192.0.2.1, TLS, session=<a1b2>", (MECH,),
     "dovecot/core:src/auth/passdb.c; " + DC),
    (_DV + "auth-worker(4420): Error: mysql(localhost): Connect failed to database (mail): Can't connect to local MySQL "
     "server through socket '/var/run/mysqld/mysqld.sock' (2) - waiting for 1 seconds before retry", (UNAVAILABLE,),
     "dovecot/core:src/lib-sql/driver-mysql.c"),

    # --- Dovecot's login process: its disconnect reasons (DC), 2.3's "Disconnected"/"Aborted login" and 2.4's
    # "Login aborted: ... (<event reason>)".
    (_DV + "imap-login: Disconnected (auth failed, 3 attempts in 12 secs)" + _END, (PASSWORD, USER), DC),
    (_DV + "imap-login: Aborted login (auth failed, 1 attempts in 2 secs)" + _END, (PASSWORD, USER), DC + " 2.3"),
    (_DV + "imap-login: Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)" + _END,
     (LIMIT,), "dovecot/core:src/login-common/client-common-auth.c"),
    (_DV + "pop3-login: Disconnected (tried to use disallowed plaintext auth)" + _ANON, (TLS,), DC + " 2.3"),
    (_DV + "imap-login: Login aborted: Connection closed (tried to use disallowed cleartext auth, 1 attempts in 0 secs) "
     "(cleartext_auth_disabled)" + _ANON, (TLS,), DC + " 2.4 (CLIENT_AUTH_FAIL_CODE_CLEARTEXT_AUTH_DISABLED)"),
    (_DV + "imap-login: Login aborted: Connection closed (tried to use unsupported auth mechanism, 1 attempts in 0 secs) "
     "(invalid_mech): user=<>, method=CRAM-MD5, rip=198.51.100.7, lip=192.0.2.1, TLS, session=<a1b2>", (MECH,),
     DC + " 2.4"),
    (_DV + "imap-login: Login aborted: Connection closed (auth service reported temporary failure, 1 attempts in 2 secs) "
     "(temp_fail)" + _END, (UNAVAILABLE,), DC + " 2.4 (CLIENT_AUTH_FAIL_CODE_TEMPFAIL)"),
    (_DV + "imap-login: Login aborted: Connection closed (login disabled, 1 attempts in 2 secs) (login_disabled)" + _END,
     (LOCKED, PROTO), DC + " 2.4 (CLIENT_AUTH_FAIL_CODE_LOGIN_DISABLED)"),
    (_DV + "imap-login: Login aborted: Connection closed (password expired, 1 attempts in 2 secs) (password_expired)"
     + _END, (EXPIRED,), DC + " 2.4"),
    (_DV + "imap-login: Login aborted: Connection closed (connection limit reached, 1 attempts in 0 secs) "
     "(connection_limit)" + _END, (LIMIT,), DC + " 2.4 (auth_login_limit_reached)"),
    (_DV + "imap-login: Disconnected (auth process communication failure)" + _ANON, (UNAVAILABLE,), DC),

    # --- Exim.
    ("2024-01-01 10:00:01 login authenticator failed for (pc) [198.51.100.7]: 435 Unable to authenticate at present "
     "(set_id=jane@example.org): cannot connect to saslauthd daemon at /var/run/saslauthd/mux: No such file or "
     "directory", (UNAVAILABLE,), EX + " (an authenticator that defers: 435)"),
    ("2024-01-01 10:00:01 plain authenticator failed for (pc) [198.51.100.7]:51234 I=[192.0.2.1]:587: 535 Incorrect "
     "authentication data (set_id=jane@example.org)", (PASSWORD, USER), EX),
    # AUTH on a connection where it was not offered: Exim's default configure offers PLAIN/LOGIN only under TLS
    # (server_advertise_condition = ${if def:tls_in_cipher}), and a server with no authenticator offers none --
    # the words cannot decide which.
    ("2024-01-01 10:00:01 SMTP protocol error in \"AUTH LOGIN\" H=(pc) [198.51.100.7] AUTH command used when not "
     "advertised", (NOAUTH, TLS), EX + " (smtp_in AUTH: '503 AUTH command used when not advertised')"),

    # --- Courier, Cyrus IMAP, saslauthd.
    ("Mar  3 09:14:21 mx imapd-ssl: LOGIN FAILED, user=jane@example.org, ip=[::ffff:198.51.100.7]",
     (PASSWORD, USER), "svarshavchik/courier-libs:imap/imaplogin.c ('LOGIN FAILED, user=%s, ip=[%s]')"),
    ("Mar  3 09:14:21 mx cyrus/imap[4420]: badlogin: pc.example.net [198.51.100.7] DIGEST-MD5 [SASL(-13): "
     "authentication failure: client response doesn't match what we generated]", (PASSWORD,),
     CI + ":imap/imapd.c ('badlogin: '), the detail as a public Cyrus users' log quotes it (find_string)"),
    # Cyrus's user_deny.db (cyr_deny): the administrator denied the user this service
    ("Mar  3 09:14:21 mx cyrus/imap[4420]: badlogin: pc.example.net [198.51.100.7] plaintext jane SASL(-14): "
     "authorization failure: user 'jane' is denied access to service 'imap'", (PROTO, LOCKED),
     CI + ":imap/global.c (mysasl_proxy_policy, SASL_NOAUTHZ); docsrc cyr_deny(8)"),
    ("Mar  3 09:14:21 mx cyrus/imap[4420]: user 'jane' denied access to service 'imap'", (PROTO, LOCKED),
     CI + ":imap/global.c (mysasl_proxy_policy: syslog LOG_ERR)"),
    ("Mar  3 09:14:21 mx cyrus/imap[4420]: user 'jane' denied access to service 'imap'\n"
     "Mar  3 09:14:21 mx cyrus/imap[4420]: badlogin: pc.example.net [198.51.100.7] plaintext jane SASL(-14): "
     "authorization failure: user 'jane' is denied access to service 'imap'", (PROTO, LOCKED),
     CI + ":imap/global.c; docsrc cyr_deny(8) (the two lines together)"),
    ("Mar  3 09:14:21 mx saslauthd[4420]: do_auth         : auth failure: [user=jane] [service=smtp] "
     "[realm=example.org] [mech=pam] [reason=PAM auth error]", (PASSWORD,),
     "cyrusimap/cyrus-sasl:saslauthd/saslauthd-main.c (do_auth, logger L_INFO: 'auth failure: [user=%s] [service=%s] [realm=%s] "
     "[mech=%s] [reason=%s]')"),

    # --- Exchange Server's event 1035 (MSExchangeFrontEndTransport, SmtpReceive): a refused AUTH LOGIN.
    ("Inbound authentication failed with error LogonDenied for Receive connector Client Frontend EX01. The "
     "authentication mechanism is Login. The source IP address of the client who tried to authenticate to Microsoft "
     "Exchange is [198.51.100.7].", (PASSWORD,),
     "Microsoft Learn (Exchange 2013 event 1035, MSExchangeFrontEndTransport: 'Inbound authentication failed with "
     "error ... for Receive connector ...'); LogonDenied with mechanism Login as an Exchange admin's event log quotes it"),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_a_servers_login_log_reads_as_what_its_words_say(case: tuple) -> None:
    text, causes, _source = case
    named = causes_of(text)
    assert named[:1] and named[0] in causes, (named, causes)
