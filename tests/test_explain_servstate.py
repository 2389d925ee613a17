"""The server (or its back end) is not in a state to serve right now -- and which state.

A catalogue of real replies, each checked at its source (the server's code, the provider's published reference, or,
where a program fills in a host, an address or a time, a public log of it), as the server sends them and inside the
programs and libraries that pass them on, with the causes each may honestly read as; the first cause `explain` names
must be one of them. The differential: the server's own temporary failure -- going down, out of storage or
resources, its password database or mailbox store away, its configuration broken -- is server-unavailable, never a
refused password (Dovecot's "[UNAVAILABLE] Temporary authentication failure" is its back end; only
"[AUTHENTICATIONFAILED]" speaks of the password); a refusal that sounds like an outage but turns the client away
(Postfix postscreen's "521 5.3.2 Service currently unavailable" for a listed or misbehaving client) is not.

Where the words leave the state open, the generic temporary reading is accepted beside it: Exim's "Temporary local
problem - please try later" is an ACL's defer without its own message (a lookup that failed, or a defer verb), and
Postfix's "Temporary lookup failure" a table it could not read; either is the server's for now."""

from __future__ import annotations

import pytest
from helpers import Case

from mailexpert.explain import explain

UNAVAILABLE = ("server-unavailable",)
TRANSIENT = ("server-reply-transient",)

# The server's own temporary state is never one of these.
NOT_THE_SERVERS_STATE = {"password-rejected", "username-wrong", "app-password-required", "oauth-token-rejected",
                         "account-locked", "smtp-port25-blocked", "port-blocked-outbound"}

_DOVECOT = "dovecot/core@f28b5a92ec52"
_POSTFIX = "vdukhovni/postfix@17830e5c13c1"
_EXIM = "Exim/exim@13835a3c1e05"
_CYRUS = "cyrusimap/cyrus-imapd@1f3a12931114"
_STAMP = "[mail.example.org:2026-01-01 10:00:00]"

CASES = [
    # --- Dovecot ----------------------------------------------------------------------------------------------------
    # The password database failed (CLIENT_AUTH_FAIL_CODE_TEMPFAIL): AUTH_TEMP_FAILED_MSG with the host and time.
    Case("dovecot-imap-tempfail", f"a1 NO [UNAVAILABLE] Temporary authentication failure. {_STAMP}", UNAVAILABLE,
         f"{_DOVECOT}:src/login-common/client-common-auth.c (AUTH_TEMP_FAILED_MSG\" [%s:%s]\"), "
         "src/imap-login/client-authenticate.c (CLIENT_AUTH_RESULT_TEMPFAIL: [UNAVAILABLE])"),
    Case("dovecot-pop3-tempfail", f"-ERR [SYS/TEMP] Temporary authentication failure. {_STAMP}", UNAVAILABLE,
         f"{_DOVECOT}:src/pop3-login/client.c (POP3_CMD_REPLY_TEMPFAIL: '-ERR [SYS/TEMP]')"),
    Case("dovecot-submission-tempfail", f"454 4.7.0 Temporary authentication failure. {_STAMP}", UNAVAILABLE,
         f"{_DOVECOT}:src/submission-login/client-authenticate.c (CLIENT_AUTH_RESULT_TEMPFAIL: 454 4.7.0)"),
    # Jakarta Mail's IMAPStore.protocolConnect throws AuthenticationFailedException(cex.getResponse().getRest()) for
    # any NO to LOGIN: the class name speaks of the login, the server's words of its back end.
    Case("dovecot-tempfail-javamail",
         f"javax.mail.AuthenticationFailedException: [UNAVAILABLE] Temporary authentication failure. {_STAMP}",
         UNAVAILABLE, "com.sun.mail.imap.IMAPStore.protocolConnect (catch CommandFailedException)"),
    Case("dovecot-tempfail-imaplib",
         f"imaplib.IMAP4.error: b'[UNAVAILABLE] Temporary authentication failure. {_STAMP}'",
         UNAVAILABLE, "CPython Lib/imaplib.py (login: raise self.error(dat[-1]))"),
    Case("dovecot-tempfail-mailkit",
         "The IMAP server replied to the 'LOGIN' command with a 'NO' response: Temporary authentication failure. "
         f"{_STAMP}", UNAVAILABLE,
         "jstedfast/MailKit:MailKit/Net/Imap/ImapCommandException.cs (Create: \"The IMAP server replied to the '{0}' "
         "command with a '{1}' response: {2}\")"),
    # The service stops (MASTER_SERVICE_SHUTTING_DOWN_MSG): IMAP BYE, POP3 -ERR [SYS/TEMP].
    Case("dovecot-imap-shutdown", "* BYE Server shutting down.", UNAVAILABLE,
         f"{_DOVECOT}:src/lib-master/master-service.h (MASTER_SERVICE_SHUTTING_DOWN_MSG), src/imap/main.c "
         "(client_send_line \"* BYE \"MASTER_SERVICE_SHUTTING_DOWN_MSG\".\")"),
    Case("dovecot-pop3-shutdown", "-ERR [SYS/TEMP] Server shutting down.", UNAVAILABLE,
         f"{_DOVECOT}:src/pop3/pop3-client.c (\"-ERR [SYS/TEMP] \"MASTER_SERVICE_SHUTTING_DOWN_MSG\".\")"),
    # Thunderbird passes an IMAP server's words on (imapMsgs.properties imapFolderCommandFailed).
    Case("dovecot-shutdown-thunderbird",
         "The current operation on 'INBOX' did not succeed. The mail server for account alice@example.org responded: "
         "Server shutting down.", UNAVAILABLE,
         f"{_DOVECOT}:src/imap/imap-client.c (BYE MASTER_SERVICE_SHUTTING_DOWN_MSG); Thunderbird imapMsgs.properties "
         "imapFolderCommandFailed"),
    Case("dovecot-shutdown-javamail",
         "javax.mail.MessagingException: * BYE Server shutting down.;\n  nested exception is:\n"
         "\tcom.sun.mail.iap.ConnectionException: * BYE Server shutting down.", UNAVAILABLE,
         "com.sun.mail.imap.IMAPStore.protocolConnect (catch ProtocolException: new "
         "MessagingException(pex.getMessage(), pex)); com.sun.mail.iap.ConnectionException carries the BYE response"),
    # The mail process failed (MAIL_ERRSTR_CRITICAL_MSG): as BYE at start-up, as [SERVERBUG] to a command.
    Case("dovecot-imap-bye-internal", "* BYE Internal error occurred. Refer to server log for more information.",
         UNAVAILABLE, f"{_DOVECOT}:src/imap/main.c (MSG_BYE_INTERNAL_ERROR \"* BYE \"MAIL_ERRSTR_CRITICAL_MSG)"),
    Case("dovecot-imap-login-bye-internal",
         "* BYE [UNAVAILABLE] Internal error occurred. Refer to server log for more information.", UNAVAILABLE,
         f"{_DOVECOT}:src/imap-login/imap-login-client.c (imap_client_notify_disconnect: "
         "CLIENT_DISCONNECT_INTERNAL_ERROR with [UNAVAILABLE]), src/lib-login/login-interface.h "
         "(LOGIN_REQUEST_ERRMSG_INTERNAL_FAILURE)"),
    Case("dovecot-pop3-internal", "-ERR [SYS/TEMP] Internal error occurred. Refer to server log for more information.",
         UNAVAILABLE, f"{_DOVECOT}:src/pop3/main.c (\"-ERR [SYS/TEMP] \"MAIL_ERRSTR_CRITICAL_MSG)"),
    Case("dovecot-imap-serverbug",
         "a1 NO [SERVERBUG] Internal error occurred. Refer to server log for more information. [2026-01-01 10:00:00]",
         UNAVAILABLE, f"{_DOVECOT}:src/lib-storage/mail-error.h (MAIL_ERRSTR_CRITICAL_MSG_STAMP), "
         "src/imap/imap-commands-util.c (MAIL_ERROR_TEMP: [SERVERBUG])"),
    # The login process never reached the auth process (login-common/main.c auth_connect_notify):
    # clients_destroy_all_reason("Auth process broken"), sent as BYE / -ERR (CLIENT_DISCONNECT_SYSTEM_SHUTDOWN).
    Case("dovecot-imap-auth-broken", "* BYE Auth process broken", UNAVAILABLE,
         f"{_DOVECOT}:src/login-common/main.c (auth_connect_notify), src/login-common/client-common.c "
         "(clients_destroy_all_reason), src/imap-login/imap-login-client.c (imap_client_notify_disconnect)"),
    Case("dovecot-pop3-auth-broken", "-ERR Auth process broken", UNAVAILABLE,
         f"{_DOVECOT}:src/login-common/main.c (auth_connect_notify), src/pop3-login/client.c "
         "(pop3_client_notify_disconnect: POP3_CMD_REPLY_ERROR)"),
    Case("dovecot-imap-auth-waiting", "* OK Waiting for authentication process to respond..", UNAVAILABLE,
         f"{_DOVECOT}:src/login-common/client-common.h (AUTH_SERVER_WAITING_MSG), src/imap-login/imap-login-client.c "
         "(imap_client_notify_status: OK)"),
    # The server's log of its own back end: the auth process never answered the login process's handshake (the
    # auth protocol's, not TLS's), and the passdb's LDAP server out of reach (not this machine's blocked port).
    Case("dovecot-log-auth-handshake",
         "Dec  4 12:46:45 mx dovecot: imap-login: Error: Timeout waiting for handshake from auth server. my pid=4420, "
         "input bytes=0", UNAVAILABLE,
         f"{_DOVECOT}:src/lib-auth-client/auth-client-connection.c (auth_client_handshake_timeout)"),
    Case("dovecot-log-ldap-down",
         "Dec  4 12:46:45 mx dovecot: auth: Error: ldap(ldap://ldap.example.org): Can't connect to server: "
         "ldap://ldap.example.org", UNAVAILABLE,
         f"{_DOVECOT}:src/auth/db-ldap.c (db_ldap_connect_finish: LDAP_SERVER_DOWN; db_ldap_init: log prefix "
         "'ldap(%s): ')"),
    Case("dovecot-log-mysql-down",
         "Dec  4 12:46:45 mx dovecot: auth-worker(4420): Error: mysql(localhost): Connect failed to database (mail): "
         "Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2) - waiting for 1 seconds "
         "before retry", UNAVAILABLE,
         f"{_DOVECOT}:src/lib-sql/driver-mysql.c (driver_mysql_connect: 'Connect failed to database (%s): %s - waiting "
         "for %u seconds before retry', log prefix 'mysql(%s): ')"),
    # POP3's own failures of the mailbox (pop3-client.c, main.c).
    Case("dovecot-pop3-lock", "-ERR [SYS/TEMP] Failed to create POP3 session lock.", UNAVAILABLE,
         f"{_DOVECOT}:src/pop3/main.c"),
    Case("dovecot-pop3-sync", "-ERR [SYS/TEMP] Couldn't sync mailbox.", UNAVAILABLE,
         f"{_DOVECOT}:src/pop3/pop3-client.c"),

    # --- Courier-IMAP (imap/imaplogin.c, do_imap_command: the authentication library's temporary error, rc > 0) ---
    Case("courier-imap-auth-tempfail", "* BYE Temporary problem, please try again later", UNAVAILABLE,
         "svarshavchik/courier-libs:imap/imaplogin.c (LOGIN and AUTHENTICATE: auth_login() > 0, perror 'ERR: "
         "authentication error', '* BYE Temporary problem, please try again later')"),
    Case("courier-imap-auth-tempfail-session",
         "a1 LOGIN alice secret\n* BYE Temporary problem, please try again later", UNAVAILABLE,
         "svarshavchik/courier-libs:imap/imaplogin.c (as above, in a session the user typed)"),

    # --- Cyrus IMAP ---------------------------------------------------------------------------------------------------
    # imap_err.et IMAP_IOERROR 'System I/O error': as a command's NO, and as fatal()'s BYE (imapd.c: "Fatal error: ").
    Case("cyrus-imap-ioerror", "a1 NO System I/O error", UNAVAILABLE,
         f"{_CYRUS}:imap/imap_err.et (IMAP_IOERROR)"),
    Case("cyrus-imap-fatal-ioerror", "* BYE Fatal error: System I/O error", UNAVAILABLE,
         f"{_CYRUS}:imap/imapd.c (fatal: '* BYE %s%s', 'Fatal error: '), imap/imap_err.et (IMAP_IOERROR)"),
    # A Murder frontend without a backend to pass the command to (IMAP_SERVER_UNAVAILABLE).
    Case("cyrus-murder-unavailable", "a1 NO Server(s) unavailable to complete operation", UNAVAILABLE,
         f"{_CYRUS}:imap/imapd.c ('%s NO %s', error_message(IMAP_SERVER_UNAVAILABLE)), imap/imap_err.et"),
    Case("cyrus-pop3-open-maildrop", "-ERR [SYS/TEMP] Unable to open maildrop: System I/O error", UNAVAILABLE,
         f"{_CYRUS}:imap/pop3d.c (openinbox: '-ERR [SYS/TEMP] Unable to open maildrop: %s')"),

    # --- Postfix ------------------------------------------------------------------------------------------------------
    # smtpd_check.c smtpd_check_queue: the queue's free space is under queue_minfree or 1.5 times message_size_limit --
    # a full disk, or a limit set too high on an idle one (mailcow/mailcow-dockerized#1450), which retrying does not
    # cure: the server's either way, and the generic temporary reading is as honest as the outage.
    Case("postfix-insufficient-storage", "452 4.3.1 Insufficient system storage", UNAVAILABLE + TRANSIENT,
         f"{_POSTFIX}:postfix/src/smtpd/smtpd_check.c (smtpd_check_queue: 452 4.3.1 'Insufficient system storage')"),
    Case("postfix-insufficient-storage-log",
         "Jan  1 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: MAIL from unknown[192.0.2.1]: 452 4.3.1 Insufficient "
         "system storage; proto=ESMTP helo=<pc>", UNAVAILABLE + TRANSIENT,
         f"{_POSTFIX}:postfix/src/smtpd/smtpd_check.c (smtpd_check_reject logs the reply)"),
    Case("postfix-insufficient-storage-smtplib",
         "smtplib.SMTPSenderRefused: (452, b'4.3.1 Insufficient system storage', 'alice@example.org')",
         UNAVAILABLE + TRANSIENT,
         f"{_POSTFIX}:postfix/src/smtpd/smtpd_check.c; CPython Lib/smtplib.py (sendmail: SMTPSenderRefused)"),
    # cleanup_strerror.c CLEANUP_STAT_WRITE: the queue file could not be written (a full disk, an I/O error).
    Case("postfix-queue-file-write", "451 4.3.0 Error: queue file write error", UNAVAILABLE,
         f"{_POSTFIX}:postfix/src/global/cleanup_strerror.c (CLEANUP_STAT_WRITE 451 4.3.0 'queue file write error'), "
         "src/smtpd/smtpd.c (data_cmd: 'Error: %s')"),
    Case("postfix-queue-file-write-smtplib", "smtplib.SMTPDataError: (451, b'4.3.0 Error: queue file write error')",
         UNAVAILABLE, f"{_POSTFIX}:postfix/src/global/cleanup_strerror.c; CPython Lib/smtplib.py (SMTPDataError)"),
    Case("postfix-insufficient-storage-nodemailer", "Error: Mail command failed: 452 4.3.1 Insufficient system storage",
         UNAVAILABLE + TRANSIENT,
         f"{_POSTFIX}:postfix/src/smtpd/smtpd_check.c; nodemailer/nodemailer:lib/smtp-connection/index.js "
         "(EENVELOPE 'Mail command failed: ')"),
    Case("postfix-queue-file-write-nodemailer", "Error: Data command failed: 451 4.3.0 Error: queue file write error",
         UNAVAILABLE, f"{_POSTFIX}:postfix/src/global/cleanup_strerror.c; nodemailer/nodemailer:lib/smtp-connection/"
         "index.js (EENVELOPE 'Data command failed: ')"),
    Case("postfix-config-error-log",
         "Jan  1 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.1]: 451 4.3.5 Server "
         "configuration error; from=<alice@example.org> to=<bob@example.net> proto=ESMTP helo=<pc>", UNAVAILABLE,
         f"{_POSTFIX}:postfix/src/smtpd/smtpd_check.c (reject_server_error, logged by smtpd_check_reject)"),
    Case("postfix-config-error", "451 4.3.5 Server configuration error", UNAVAILABLE,
         f"{_POSTFIX}:postfix/src/smtpd/smtpd_check.c (reject_server_error)"),
    Case("postfix-local-data-error", "421 4.3.0 mail.example.org Server local data error", UNAVAILABLE,
         f"{_POSTFIX}:postfix/src/smtpd/smtpd.c (SMTP_ERR_DATA)"),
    Case("postfix-milter-421", "421 mail.example.org Service unavailable - try again later", UNAVAILABLE,
         f"{_POSTFIX}:postfix/src/smtpd/smtpd.c (a milter's 421 at connect)"),
    Case("postfix-lookup-error", "451 4.3.0 Temporary lookup error", UNAVAILABLE + TRANSIENT,
         f"{_POSTFIX}:postfix/src/smtpd/smtpd_check.c (local_header_rewrite_clients: a table lookup that failed, "
         "'451 4.3.0 Temporary lookup error')"),
    Case("postfix-lookup-failure", "451 4.3.0 <bob@example.org>: Temporary lookup failure", UNAVAILABLE + TRANSIENT,
         f"{_POSTFIX}:postfix/src/smtpd/smtpd_check.c (reject_dict_retry)"),
    Case("postfix-sasl-temp", "454 4.7.0 Temporary authentication failure: generic failure", UNAVAILABLE,
         f"{_POSTFIX}:postfix/src/smtpd/smtpd_sasl_glue.c (XSASL_AUTH_TEMP: '454 4.7.0 Temporary authentication "
         "failure: %s')"),
    Case("postfix-milter-tempfail", "454 4.3.0 Try again later", UNAVAILABLE,
         f"{_POSTFIX}:postfix/src/smtpd/smtpd.c, smtpd_sasl_proto.c (a milter's 4xx mapped to 454 4.3.0)"),
    # postscreen: no resources, or every smtpd busy.
    Case("postscreen-no-resources", "421 4.3.2 No system resources", UNAVAILABLE,
         f"{_POSTFIX}:postfix/src/postscreen/postscreen.c (psc_service)"),
    Case("postscreen-ports-busy", "421 4.3.2 All server ports are busy", UNAVAILABLE,
         f"{_POSTFIX}:postfix/src/postscreen/postscreen.c (psc_post_queue_limit)"),
    # postscreen's drop of a denylisted, DNSBL-listed or pregreeting client: worded as an outage, it turns this
    # client away (permanently, 521), and is no state of the server.
    Case("postscreen-drop", "521 5.3.2 Service currently unavailable",
         ("client-ip-blocklisted", "server-reply-permanent"),
         f"{_POSTFIX}:postfix/src/postscreen/postscreen.c (PSC_ACT_DROP: '521 5.3.2 Service currently unavailable')"),

    # --- Exim ---------------------------------------------------------------------------------------------------------
    Case("exim-sigterm", "421 mail.example.org: Service not available - closing connection", UNAVAILABLE,
         f"{_EXIM}:src/src/smtp_in.c (smtp_command_sigterm_exit)"),
    Case("exim-load", "421 Too much load; please try again later.", UNAVAILABLE,
         f"{_EXIM}:src/src/daemon.c (smtp_load_reserve)"),
    Case("exim-config", "421 Local configuration error; please try again later.", UNAVAILABLE,
         f"{_EXIM}:src/src/daemon.c (smtp_active_hostname expansion failed)"),
    Case("exim-acl-defer", "451 Temporary local problem - please try later", UNAVAILABLE + TRANSIENT,
         f"{_EXIM}:src/src/smtp_in.c (smtp_handle_acl_fail: a defer without a message)"),
    # PHPMailer logs the greeting (SMTP.php connect: 'SERVER -> CLIENT: '), then gives up on a code other than 220.
    Case("exim-sigterm-phpmailer",
         "2024-01-01 10:00:00 SERVER -> CLIENT: 421 mail.example.org: Service not available - closing connection\n"
         "2024-01-01 10:00:00 Connection: closing due to error\nSMTP Error: Could not connect to SMTP host.",
         UNAVAILABLE, "PHPMailer/PHPMailer@4a489474e7ef:src/SMTP.php (connect: 'Connection: closing due to error' "
         "for a greeting other than 220)"),

    # --- Gmail (support.google.com/a/answer/3726730, Gmail SMTP errors and codes) -----------------------------------
    Case("gmail-421-system", "421 4.7.0 Temporary System Problem. Try again later. a1si123 - gsmtp", UNAVAILABLE,
         "support.google.com/a/answer/3726730 (421 4.7.0 Temporary System Problem. Try again later)"),
    Case("gmail-421-busy", "421 4.4.5 Server busy, try again later.", UNAVAILABLE,
         "support.google.com/a/answer/3726730 (421 4.4.5 Server busy, try again later)"),
    Case("gmail-454-auth",
         "smtplib.SMTPAuthenticationError: (454, b'4.7.0 Cannot authenticate due to a temporary system problem. Try "
         "again later. a1si123 - gsmtp')", UNAVAILABLE,
         "support.google.com/a/answer/3726730 (454 4.7.0 Cannot authenticate due to a temporary system problem)"),

    # --- RFC 5321's 421, as programs pass it on -----------------------------------------------------------------------
    # smtplib.SMTP.__init__ raises SMTPConnectError(code, msg) for a greeting other than 220.
    Case("rfc5321-421-smtplib", "smtplib.SMTPConnectError: (421, b'4.3.2 Service not available')", UNAVAILABLE,
         "CPython Lib/smtplib.py (SMTP.__init__: SMTPConnectError); RFC 3463 4.3.2 system not accepting network "
         "messages"),
    Case("postfix-421-smtplib",
         "smtplib.SMTPConnectError: (421, b'mail.example.org Service unavailable - try again later')",
         UNAVAILABLE, f"{_POSTFIX}:postfix/src/smtpd/smtpd.c; CPython Lib/smtplib.py (SMTPConnectError)"),
    Case("rfc5321-421-dotnet",
         "System.Net.Mail.SmtpException: Service not available, closing transmission channel. The server response was: "
         "4.3.2 Service not available", UNAVAILABLE,
         "dotnet/runtime:src/libraries/System.Net.Mail/src/Resources/Strings.resx (SmtpServiceNotAvailable)"),

    # --- Microsoft Exchange -------------------------------------------------------------------------------------------
    # The transport queue's status when the mailbox server cannot be reached (quoted by frankysweb.de, Exchange 2016).
    Case("exchange-storedrv-offline",
         "432 4.3.2 STOREDRV; mailbox server is offline; STOREDRV.Deliver.Exception:ConnectionFailedTransientException."
         "MapiExceptionNetworkError; Failed to process message due to a transient exception with message Underlying "
         "MAPI stream threw exception", UNAVAILABLE,
         "https://www.frankysweb.de/exchange-2016-storedrv-mailbox-server-is-offline-id-4009/"),
]


# Courier-IMAP says "server shutting down" at every LOGOUT, before the tagged OK: a session's normal end, never the
# server's outage (svarshavchik/courier-libs:imap/imaplogin.c and imapd.c, LOGOUT).
COURIER_LOGOUT = [
    "* BYE Courier-IMAP server shutting down\na3 OK LOGOUT completed",
    "a1 LOGIN alice secret\na1 OK LOGIN Ok.\na2 LOGOUT\n* BYE Courier-IMAP server shutting down\n"
    "a2 OK LOGOUT completed",
]


def _causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_servers_state_reads_as_its_cause(case: Case) -> None:
    found = _causes(case.text)
    assert found and found[0] in case.causes, (found, case.source)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_servers_state_is_never_the_users_credentials(case: Case) -> None:
    found = _causes(case.text)
    assert found[:1] and found[0] not in NOT_THE_SERVERS_STATE, (found, case.source)


@pytest.mark.parametrize("text", COURIER_LOGOUT)
def test_courier_imaps_logout_is_no_outage(text: str) -> None:
    assert "server-unavailable" not in _causes(text)
