"""The server is up and the login may be right, but a limit or an account state stops the client -- and which one.

A catalogue of real replies, each checked at its source (the server's code, the provider's published reference, or,
where a program fills in a host, an address or a number, a public log or paste of it), with the causes each may
honestly read as; the first cause `explain` names must be one of them. The differential: a temporary limit (a 4xx,
"try again later", [LIMIT], [IN-USE], a throttle) is never a refused password; a limit on connections at once
(too-many-connections) is not one on messages or recipients (sending-limit-exceeded); another session's lock on the
POP3 maildrop (mailbox-in-use) is not Dovecot's connection count that POP3 sends under the same [IN-USE]; an
account the provider locked or disabled (account-locked) is not a recipient's locked account; a limit of the
recipient's side (its receiving rate, its mailbox's threads) is none of the sender's setup.

Where the words alone cannot decide, every honest reading is listed and the generic one stays first:
Microsoft 365's "User is authenticated but not connected" (a missing IMAP licence or permission, or its connection
throttling); QQ Mail's one refusal for five causes ("Account is abnormal, service is not open, password is incorrect,
login frequency limited, or system is busy")."""

from __future__ import annotations

import pytest
from helpers import Case

from mailexpert.explain import explain

CONNECTIONS = ("too-many-connections",)
SENDING = ("sending-limit-exceeded",)
IN_USE = ("mailbox-in-use",)
LOCKED = ("account-locked",)
EXPIRED = ("password-expired",)
UNAVAILABLE = ("server-unavailable",)
TRANSIENT = ("server-reply-transient",)
PERMANENT = ("server-reply-permanent",)
WEB = ("web-login-required",)
BLOCKLIST = ("client-ip-blocklisted",)

# A temporary limit or throttle is never one of these.
NOT_FOR_A_LIMIT = {"password-rejected", "username-wrong", "app-password-required", "oauth-token-rejected"}

CASES = [
    # --- Gmail / Google Workspace (support.google.com/a/answer/3726730, Gmail SMTP errors and codes) --------------
    Case("gmail-imap-simultaneous",
         "a1 NO [ALERT] Too many simultaneous connections. (Failure)",
         CONNECTIONS, "Gmail IMAP, as zone-eu/wildduck#35 quotes it; Gmail Help answer 97150 'Too many simultaneous connections'"),
    Case("gmail-imap-simultaneous-imaplib",
         "imaplib.IMAP4.error: b'[ALERT] Too many simultaneous connections. (Failure)'",
         CONNECTIONS, "Gmail IMAP through Python imaplib (wenfxl/openai-cpa#66)"),
    # Gmail's IMAP bandwidth or command limit per account (no cause of the catalogue names a download limit; the
    # temporary readings are honest, a refused password is not).
    Case("gmail-imap-bandwidth",
         "IMAP error: unexpected BYE response: [OVERQUOTA] Account exceeded command or bandwidth limits.",
         UNAVAILABLE + TRANSIENT + CONNECTIONS, "Gmail IMAP's BYE as isync prints it (a public isync configuration note quoting it)"),
    Case("gmail-daily-user-limit",
         "smtplib.SMTPDataError: (550, b'5.4.5 Daily user sending limit exceeded. For more information on Gmail sending "
         "limits go to https://support.google.com/a/answer/166852 - gsmtp')",
         SENDING, "support.google.com/a/answer/3726730 (550 5.4.5 Daily user sending limit exceeded), through smtplib"),
    Case("gmail-daily-relay-limit",
         "550 5.4.5 Daily SMTP relay limit exceeded for user. For more information on SMTP relay sending limits please "
         "visit https://support.google.com/a/answer/166852 - gsmtp",
         SENDING, "support.google.com/a/answer/3726730 (550 5.4.5 Daily SMTP relay limit exceeded for user)"),
    Case("gmail-peak-relay-limit",
         "450 4.2.1 Peak SMTP relay limit exceeded for customer. This is a temporary error. For more information on SMTP "
         "relay limits, please contact your administrator. - gsmtp",
         SENDING, "support.google.com/a/answer/3726730 (450 4.2.1 Peak SMTP relay limit exceeded for customer)"),
    # Gmail's recipients per message are one of its sending limits (support.google.com/a/answer/166852), and the
    # reply names them so.
    Case("gmail-too-many-recipients",
         "452 4.5.3 Your message has too many recipients. For more information regarding Google's sending limits, visit "
         "https://support.google.com/mail/?p=TooManyRecipientsError - gsmtp",
         SENDING, "support.google.com/a/answer/3726730 (452 4.5.3 Your message has too many recipients)"),
    Case("gmail-login-attempts",
         "454 4.7.0 Too many login attempts, please try again later. - gsmtp",
         LOCKED, "support.google.com/a/answer/3726730 (454 4.7.0 Too many login attempts, please try again later)"),
    # The recipient receives too fast: the recipient's side, no limit of the sender's.
    Case("gmail-recipient-rate",
         "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from "
         "being delivered. Please resend your message at a later time. - gsmtp",
         TRANSIENT, "support.google.com/a/answer/3726730 (450 4.2.1 ... receiving mail at a rate that prevents additional messages)"),
    Case("gmail-try-again-later",
         "421 4.7.0 Try again later, closing connection. - gsmtp",
         UNAVAILABLE + TRANSIENT, "support.google.com/a/answer/3726730 (421 4.7.0 Try again later, closing connection)"),
    Case("gmail-imap-web-login",
         "[ALERT] Web login required: http://support.google.com/mail/bin/answer.py?answer=78754 (Failure)",
         WEB, "Gmail IMAP's refusal until the owner signs in on the web (answer 78754), as a public IMAP script matches it"),
    # --- Microsoft 365 / Exchange Online ----------------------------------------------------------------------------
    Case("ms365-submission-quota",
         "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a "
         "permanent exception with message Cannot submit message.",
         SENDING, "learn.microsoft.com exchange/troubleshoot/send-emails/smtp-submission-improvements (10,000 recipients a day)"),
    Case("ms365-tenant-threshold",
         "550 5.7.705 Access denied, tenant has exceeded threshold.",
         SENDING, "learn.microsoft.com fix-error-code-5-7-700-through-5-7-750 (5.7.705)"),
    Case("ms365-ip-not-accepted",
         "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.",
         BLOCKLIST, "learn.microsoft.com fix-error-code-5-7-700-through-5-7-750 (5.7.708)"),
    Case("ms365-bad-outbound-sender",
         "550 5.1.8 Access denied, bad outbound sender.",
         SENDING + LOCKED, "learn.microsoft.com defender-office-365/outbound-spam-restore-restricted-users (Restricted entities)"),
    # Three SMTP AUTH connections at once per mailbox; the fourth is refused, in the 2018 words and in today's
    # (Exchange Team blog 'Changes coming to the SMTP Authenticated Submission client protocol', 2018-04-20;
    # learn.microsoft.com smtp-submission-improvements).
    Case("ms365-concurrent-connections-swift",
         'Expected response code 250 but got code "432", with message "432 4.3.2 Concurrent connections limit exceeded. '
         'Visit https://aka.ms/concurrent_sending for more information. [Hostname=BN8PR12MB3587.namprd12.prod.outlook.com]"',
         CONNECTIONS, "learn.microsoft.com smtp-submission-improvements ('432 4.3.2 Concurrent connections limit exceeded'), through SwiftMailer"),
    Case("ms365-concurrent-connections-relay-log",
         "53C2C140E40: host smtp.office365.com[52.96.0.1] said: 432 4.3.2 Concurrent connections limit exceeded. Visit "
         "https://aka.ms/concurrent_sending for more information. [Hostname=BN8PR12MB3587.namprd12.prod.outlook.com] "
         "(in reply to end of DATA command)",
         CONNECTIONS, "the same reply as a Postfix relay logs it after DATA (a public Postfix log parser's documented sample)"),
    Case("ms365-sender-thread-limit",
         "Error: Message failed: 432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded "
         "[Hostname=DM5SPR00MB2471.namprd08.prod.outlook.com]",
         CONNECTIONS, "Exchange Team blog 2018-04-20 (three concurrent connections per mailbox: '4.3.2 STOREDRV.ClientSubmit; sender "
         "thread limit exceeded'); timeoff-management/timeoff-management-application#308 (through Nodemailer)"),
    Case("ms365-sender-thread-limit-swift",
         'Expected response code 250 but got code "432", with message "432 4.3.2 STOREDRV.ClientSubmit; sender thread limit '
         'exceeded [Hostname=SG2PR01MB3659.apcprd01.prod.exchangelabs.com]"',
         CONNECTIONS, "v2board/v2board#148 (Outlook through SwiftMailer)"),
    # The recipient's mailbox takes messages too fast: its side, not the sender's connections.
    Case("ms365-recipient-thread-limit",
         "432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded",
         TRANSIENT, "MicrosoftDocs/OfficeDocs-Exchange#2409 (non-delivery-reports-in-exchange-online: the recipient mailbox is throttled)"),
    # The sender's own mailbox is full (Sent Items): no sending limit.
    Case("ms365-own-mailbox-full",
         "554 5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded",
         PERMANENT, "learn.microsoft.com smtp-submission-improvements (the mailbox full, blocked from sending)"),
    # The organisation's outbound policy forbids automatic forwarding outside it: no limit and no locked account.
    Case("ms365-external-forwarding",
         "Remote server returned '550 5.7.520 Access denied, Your organization does not allow external forwarding. "
         "Please contact your administrator for further assistance. AS(7555)'",
         PERMANENT, "an Exchange Online NDR as intercom.help/rechargly (Email Forwarding Blocked By Microsoft Outlook) quotes it"),
    # Exchange Online's IMAP throttle: a temporary limit of the account's use, worded as BAD.
    Case("ms365-imap-throttled",
         "A001 BAD Request is throttled. Suggested Backoff Time: 92415 milliseconds",
         CONNECTIONS + TRANSIENT + UNAVAILABLE, "postalsys/imapflow (its parser test of Exchange Online's throttle); imapsync FAQ.Office365"),
    Case("ms365-imap-authenticated-not-connected",
         'com.fsck.k9.mail.store.imap.NegativeImapResponseException: Command: EXAMINE "INBOX/Drafts"; response: #3# [BAD, '
         "User is authenticated but not connected.]",
         ("protocol-disabled-for-account", *CONNECTIONS, *TRANSIENT), "thunderbird/thunderbird-android#1858; mscdex/node-imap#523 (the words cannot decide)"),
    Case("ms365-ews-account-locked",
         "Message (AccountIsLockedException): ParentException: AccountIsLockedException\nThis account is locked. Visit "
         "https://outlook.office365.com/owa/ to unlock it.",
         LOCKED + WEB, "pastebin.com/smbZ8tLj (Exchange Web Services autodiscover's exception)"),
    # --- Dovecot (dovecot/core@f28b5a92ec52) -------------------------------------------------------------------------
    Case("dovecot-userip-imap",
         "a1 NO [LIMIT] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)",
         CONNECTIONS, "dovecot/core:src/login-common/sasl-proxy.c ERR_TOO_MANY_USERIP_CONNECTIONS; imap-login/client-authenticate.c (LIMIT_REACHED: NO [LIMIT])"),
    Case("dovecot-userip-imap-23",
         "A1 NO [UNAVAILABLE] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=16)",
         CONNECTIONS, "mscdex/node-imap#606 (Dovecot 2.3 at Rackspace)"),
    # POP3 sends the connection count under [IN-USE], the code of a locked maildrop: the words decide.
    Case("dovecot-userip-pop3",
         "-ERR [IN-USE] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)",
         CONNECTIONS, "dovecot/core:src/pop3-login/client.c (POP3_CMD_REPLY_LIMIT: '-ERR [IN-USE]') with sasl-proxy.c's words"),
    Case("dovecot-pop3-session-lock",
         "-ERR [IN-USE] Mailbox is locked by another POP3 session.",
         IN_USE, "dovecot/core:src/pop3/main.c lock_session (pop3_lock_session)"),
    Case("dovecot-mailbox-lock-notify",
         "* NO Mailbox is locked, will abort in 30 seconds",
         IN_USE, "dovecot/core:src/lib-storage/index/index-storage.c index_storage_lock_notify (MAILBOX_LOCK_NOTIFY_MAILBOX_ABORT)"),
    Case("dovecot-password-expired",
         "a1 NO [EXPIRED] Authentication failed.",
         EXPIRED, "dovecot/core:src/imap-login/client-authenticate.c (CLIENT_AUTH_RESULT_PASS_EXPIRED: NO [EXPIRED]); login-common.h AUTH_FAILED_MSG"),
    Case("dovecot-login-disabled",
         "a1 NO [CONTACTADMIN] Login disabled for this user",
         (*LOCKED, "protocol-disabled-for-account"), "dovecot/core:src/login-common/client-common-auth.c (nologin: 'Login disabled for this user', NO [CONTACTADMIN])"),
    Case("dovecot-tempfail-imap",
         "a1 NO [UNAVAILABLE] Temporary authentication failure. [mail.example.org:2024-01-01 10:00:00]",
         UNAVAILABLE, "dovecot/core:src/login-common/client-common-auth.c (AUTH_TEMP_FAILED_MSG with host and time)"),
    Case("dovecot-tempfail-pop3",
         "-ERR [SYS/TEMP] Temporary authentication failure. [mail.example.org:2024-01-01 10:00:00]",
         UNAVAILABLE, "dovecot/core:src/pop3-login/client.c (POP3_CMD_REPLY_TEMPFAIL: '-ERR [SYS/TEMP]')"),
    # --- Cyrus, Courier, LumiSoft -------------------------------------------------------------------------------------
    Case("cyrus-pop3-lock",
         "-ERR [IN-USE] Unable to lock maildrop",
         IN_USE, "cyrusimap/cyrus-imapd imap/pop3d.c (openinbox: mailbox_lock_pop failed)"),
    Case("cyrus-pop3-lock-detail",
         "-ERR [IN-USE] Unable to lock maildrop: Mailbox is locked by POP server",
         IN_USE, "Cyrus pop3d with the error text, as Java POP3 monitors match it (a public POP3 monitor's source)"),
    # couriertcpd closes the connection without a word to the client; its log names the per-IP limit (MAXPERIP).
    Case("courier-maxperip-log",
         "Jun  8 14:46:47 mail pop3d: Maximum connection limit reached for ::ffff:95.31.15.64",
         CONNECTIONS, "svarshavchik/courier-libs:tcpd/tcpd.c ('ALERT: Maximum connection limit reached for %s'), as a public Courier log shows it"),
    Case("lumisoft-imap-per-ip",
         "* NO Client host rejected: too many connections from your IP(198.51.100.7), please try again later.",
         CONNECTIONS, "LumiSoft.Net IMAP server OnMaxConnectionsPerIPExceeded"),
    # --- Postfix (vdukhovni/postfix@17830e5c: postfix/src/smtpd/smtpd.c) ----------------------------------------------
    Case("postfix-connection-count",
         "421 4.7.0 mail.example.org Error: too many connections from 198.51.100.7",
         CONNECTIONS, "smtpd.c smtpd_proto (smtpd_client_connection_count_limit / _rate_limit)"),
    Case("postfix-message-rate",
         "450 4.7.1 Error: too much mail from 198.51.100.7",
         SENDING, "smtpd.c mail_cmd (smtpd_client_message_rate_limit)"),
    Case("postfix-recipient-rate",
         "450 4.7.1 Error: too many recipients from 198.51.100.7",
         SENDING, "smtpd.c rcpt_cmd (smtpd_client_recipient_rate_limit)"),
    Case("postfix-recipients-per-message",
         "452 4.5.3 Error: too many recipients",
         TRANSIENT + SENDING, "smtpd.c rcpt_cmd (smtpd_recipient_limit: the rest go in another transaction)"),
    # smtpd_client_auth_rate_limit: AUTH commands per client address and time unit, a throttle on logins.
    Case("postfix-auth-rate",
         "450 4.7.1 Error: too many AUTH commands from 198.51.100.7",
         LOCKED, "smtpd.c smtpd_sasl_auth_cmd_wrapper ('450 4.7.1 Error: too many AUTH commands from %s', smtpd_client_auth_rate_limit)"),
    Case("postfix-error-limit",
         "421 4.7.0 mail.example.org Error: too many errors",
         (*TRANSIENT, "server-protocol-error"), "smtpd.c smtpd_proto (smtpd_hard_error_limit)"),
    Case("postfix-tls-session-rate",
         "421 4.7.0 mail.example.org Error: too many new TLS sessions from 198.51.100.7",
         TRANSIENT + CONNECTIONS, "smtpd.c (smtpd_client_new_tls_session_rate_limit)"),
    # --- Exim (Exim/exim@13835a3c) -------------------------------------------------------------------------------------
    Case("exim-accept-max",
         "421 Too many concurrent SMTP connections; please try again later.",
         CONNECTIONS + UNAVAILABLE, "src/src/daemon.c (smtp_accept_max)"),
    Case("exim-accept-max-per-host",
         "421 Too many concurrent SMTP connections from this IP address; please try again later.",
         CONNECTIONS, "src/src/daemon.c (smtp_accept_max_per_host)"),
    Case("exim-accept-max-per-host-dsn",
         "Diagnostic-Code: smtp; 421 Too many concurrent SMTP connections from this IP address; please try again later.",
         CONNECTIONS, "the same as a bounce carries it (pastebin.com/9ViZSXyu)"),
    Case("exim-messages-per-connection",
         "421 too many messages in this connection",
         TRANSIENT + SENDING, "src/src/smtp_in.c (smtp_accept_max_per_connection)"),
    Case("exim-recipients-max",
         "452 too many recipients",
         TRANSIENT + SENDING, "src/src/smtp_in.c (recipients_max)"),
    Case("cpanel-max-emails-per-hour",
         "550 Domain example.com has exceeded the max emails per hour (100/100 (100%)) allowed.  Message discarded.",
         SENDING, "docs.cpanel.net whm tweak-settings (Max hourly emails per domain); sisimai's rate-limit table"),
    # --- other providers ----------------------------------------------------------------------------------------------
    Case("zoho-unusual-sending",
         "550 5.4.6 Unusual sending activity detected. Please login to https://mail.zoho.com to unblock your account and "
         "then try sending the mail again.",
         SENDING + WEB, "zoho.com/mail/help/usage-policy.html; cachethq/cachet#3052"),
    Case("zoho-outgoing-blocked",
         "554 5.1.8 Email Outgoing Blocked.",
         LOCKED + SENDING, "Zoho Mail (rules/server-side/sending-limit-exceeded.yaml's sources)"),
    Case("yahoo-imap-rate-limit",
         "3 NO [LIMIT] CAPABILITY Rate limit hit.",
         CONNECTIONS + TRANSIENT + UNAVAILABLE + LOCKED, "postalsys/imapflow#75 (Yahoo IMAP)"),
    Case("qq-connection-frequency",
         'Expected response code 250 but got code "550", with message "550 Connection frequency limited "',
         SENDING + CONNECTIONS, "meolu/walle-web#289 (QQ Mail; service.mail.qq.com/detail/122/175)"),
    # The recipient's account is locked: a refusal of that recipient, not the sender's account.
    Case("fastmail-recipient-locked",
         "554 user@messagingengine.com; Recipient address rejected: Account locked for abuse or overuse; see "
         "http://mail.messagingengine.com/docs/locked.html",
         PERMANENT, "fastmail.com/docs/locked.html (the recipient's account locked)"),
    Case("smartermail-account-disabled-log",
         "2011-09-04 08:14:09 116.25.31.108 SMTP-IN 67.228.202.164 1340 AUTH aW5mbw== "
         "504+User+Account+has+been+disabled+by+the+mail+administrator HOSTHAT6 62 10 info@example.com",
         LOCKED, "pastebin.com/BUhq9Yh1 (an IIS-style SMTP log of an AUTH refused for a disabled account)"),
]

# The words of QQ Mail's single refusal name five causes; any of the three that fit the login stays acceptable.
AMBIGUOUS = [
    Case("qq-login-fail",
         "smtplib.SMTPAuthenticationError: (535, b'Login fail. Account is abnormal, service is not open, password is "
         "incorrect, login frequency limited, or system is busy. More information at https://help.mail.qq.com/detail/108/1023')",
         ("password-rejected", "app-password-required", "protocol-disabled-for-account", "account-locked"),
         "chengazhen/cursor-auto-free#294 (QQ Mail IMAP); the same words over SMTP"),
]


def _causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


@pytest.mark.parametrize("case", CASES + AMBIGUOUS, ids=[c.name for c in CASES + AMBIGUOUS])
def test_the_limit_or_state_reads_as_its_cause(case: Case) -> None:
    found = _causes(case.text)
    assert found and found[0] in case.causes, (found, case.source)


@pytest.mark.parametrize("case", [c for c in CASES if not set(c.causes) & NOT_FOR_A_LIMIT],
                         ids=[c.name for c in CASES if not set(c.causes) & NOT_FOR_A_LIMIT])
def test_a_limit_is_never_a_refused_password(case: Case) -> None:
    found = _causes(case.text)
    assert found[:1] and found[0] not in NOT_FOR_A_LIMIT, (found, case.source)
