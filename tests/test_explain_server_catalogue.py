"""What mail server software itself sends a client that logs in, submits or fetches mail, read from the
servers' own source: each reply (a) with its codes as the server sends it, (b) as words alone, as a mail
program shows them ("The server responded: ..."), and (c) as the server logs it, where users paste logs,
leads to the cause the words name (mailexpert/data/server-replies.yaml, error-texts.yaml, rules/)."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

_SAID = "The mail server responded: {}"


def _top(text: str) -> str:
    report = explain(text)
    return report.diagnoses[0].cause if report.diagnoses else "none"


@pytest.mark.parametrize(("text", "cause"), [
    # --- OpenSMTPD: OpenSMTPD/OpenSMTPD:usr.sbin/smtpd/smtp_session.c
    # smtp_check_mail_from, a listener with 'auth': MAIL FROM before a login
    ("530 5.5.1 Invalid command: Must issue an AUTH command first", "smtp-auth-not-enabled"),
    (_SAID.format("Must issue an AUTH command first"), "smtp-auth-not-enabled"),
    ('smtpd[4242]: 1a2b3c4d5e6f7a8b smtp failed-command command="MAIL FROM:<bob@example.org>" '
     'result="530 5.5.1 Invalid command: Must issue an AUTH command first"', "smtp-auth-not-enabled"),
    # smtp_check_mail_from, a listener with 'tls-require'
    ("530 5.5.1 Invalid command: Must issue a STARTTLS command first", "auth-requires-tls"),
    # smtp_auth_failure_resume, and the log line of smtp_session_imsg (IMSG_SMTP_AUTHENTICATE, LKA_PERMFAIL)
    ("535 Authentication failed", "password-rejected"),
    ("smtpd[4242]: 1a2b3c4d5e6f7a8b smtp authentication user=bob result=permfail", "password-rejected"),
    # smtp_rfc4954_auth_*: a mechanism the listener does not offer
    ('504 5.5.4 Invalid command arguments: AUTH method "CRAM-MD5" not supported', "auth-mechanism-unsupported"),

    # --- hMailServer: hmailserver/hmailserver:hmailserver/source/Server/SMTP/SMTPConnection.cpp
    # ProtocolRCPT_: the IP range requires SMTP authentication for this delivery
    ("530 SMTP authentication is required.", "smtp-auth-not-enabled"),
    (_SAID.format("SMTP authentication is required."), "smtp-auth-not-enabled"),
    # ProtocolRCPT_: the IP range allows no delivery from an external sender (an address in none of the
    # server's domains) to an external recipient (hmailserver.com documentation, reference_error_messages)
    ("550 Delivery is not allowed to this address.", "sender-address-not-allowed"),
    (_SAID.format("Delivery is not allowed to this address."), "sender-address-not-allowed"),
    # ProtocolAUTH_: the port wants TLS before AUTH; AUTH on a port without it
    ("530 A SSL/TLS-connection is required for authentication.", "auth-requires-tls"),
    (_SAID.format("A SSL/TLS-connection is required for authentication."), "auth-requires-tls"),
    ("504 Authentication not enabled.", "smtp-auth-not-enabled"),
    ("504 Authentication mechanism not supported.", "auth-mechanism-unsupported"),
    # Authenticate_: the auto-ban after failed logons, and a refused password
    ("535 Authentication failed. Too many invalid logon attempts.", "account-locked"),
    ("535 Authentication failed. Restarting authentication process.", "password-rejected"),

    # --- iRedMail's iRedAPD (iredmail/iRedAPD:libs/__init__.py SMTP_ACTIONS), as Postfix sends a policy REJECT
    ("554 5.7.1 <bob@example.org>: Sender address rejected: SMTP AUTH is required for users under this sender domain",
     "smtp-auth-not-enabled"),
    (_SAID.format("SMTP AUTH is required for users under this sender domain"), "smtp-auth-not-enabled"),
    ("554 5.7.1 <alice@example.net>: Recipient address rejected: Sender is not same as SMTP authenticate username",
     "sender-address-not-allowed"),
    (_SAID.format("Sender is not same as SMTP authenticate username"), "sender-address-not-allowed"),
    ("554 5.7.1 <alice@example.net>: Recipient address rejected: Throttling quota exceeded", "sending-limit-exceeded"),
    ("Jan  1 10:00:00 mx postfix/submission/smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.1]: 554 5.7.1 "
     "<alice@example.net>: Recipient address rejected: Throttling quota exceeded; from=<bob@example.org> "
     "to=<alice@example.net> proto=ESMTP helo=<pc>", "sending-limit-exceeded"),

    # --- maddy: foxcpp/maddy:internal/check/authorize_sender/authorize_sender.go, internal/endpoint/smtp/smtp.go
    ("553 5.7.0 Unauthorized use of sender address", "sender-address-not-allowed"),
    (_SAID.format("Unauthorized use of sender address"), "sender-address-not-allowed"),
    ("454 4.7.0 Temporary authentication failure", "server-unavailable"),
    ("535 5.7.8 Invalid credentials", "password-rejected"),
    # A temporary reply whose words name the password as wrong (Brevo's relay): the words, not the class.
    ("javax.mail.AuthenticationFailedException: 454 4.7.0 Invalid password", "password-rejected"),
    ("454 4.7.0 Password is incorrect", "password-rejected"),
    ("454 4.7.0 Temporary authentication failure, try again later", "server-unavailable"),

    # --- Haraka: haraka/Haraka:connection.js (cmd_mail without a login where auth is required),
    # plugins/auth/auth_base.js (constrain_sender)
    ("550 Authentication required", "smtp-auth-not-enabled"),
    ("550 Envelope domain 'example.org' doesn't match AUTH domain 'example.net'", "sender-address-not-allowed"),

    # --- Exim: Exim/exim:src/src/smtp_in.c, configure.default; cPanel's Exim ACLs
    ("550 SMTP AUTH is required", "smtp-auth-not-enabled"),
    ("2024-01-01 10:00:00 H=(pc) [192.0.2.1] F=<bob@example.org> rejected RCPT <alice@example.net>: relay not permitted",
     "smtp-auth-not-enabled"),
    ("2024-01-01 10:00:00 login authenticator failed for (pc) [192.0.2.1]:5000 I=[198.51.100.1]:587: "
     "535 Incorrect authentication data (set_id=bob@example.org)", "password-rejected"),
    ("Domain example.org has exceeded the max emails per hour (100/100 (100%)) allowed.  Message discarded.",
     "sending-limit-exceeded"),
    ("550 Domain example.org has exceeded the max defers and failures per hour (5/5 (100%)) allowed. "
     "Message discarded.", "sending-limit-exceeded"),

    # --- Postfix: vdukhovni/postfix:postfix/src/smtpd/smtpd.c, the anvil(8) limits' log lines
    ("Jan  1 10:00:00 mx postfix/smtpd[1]: warning: Connection rate limit exceeded: 31 from unknown[192.0.2.1] "
     "for service smtp", "too-many-connections"),
    ("Jan  1 10:00:00 mx postfix/submission/smtpd[1]: warning: Connection concurrency limit exceeded: 51 from "
     "unknown[192.0.2.1] for service submission", "too-many-connections"),
    ("Jan  1 10:00:00 mx postfix/submission/smtpd[1]: warning: Message delivery request rate limit exceeded: 61 "
     "from unknown[192.0.2.1] for service submission", "sending-limit-exceeded"),
    ("Jan  1 10:00:00 mx postfix/submission/smtpd[1]: warning: Recipient address rate limit exceeded: 61 "
     "from unknown[192.0.2.1] for service submission", "sending-limit-exceeded"),
    # smtpd_sasl_glue.c: Cyrus SASL's SASL_NOMECH words after "authentication failed:"
    ("535 5.7.8 Error: authentication failed: no mechanism available", "auth-mechanism-unsupported"),

    # --- Dovecot: dovecot/core:src/login-common/client-common.c (the disconnect reasons it logs),
    # src/pop3-login/client.c (POP3_CMD_REPLY_LIMIT is sent as [IN-USE])
    ("-ERR [IN-USE] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)",
     "too-many-connections"),
    ("-ERR [IN-USE] Mailbox is locked by another POP3 session.", "mailbox-in-use"),
    ("Jan  1 10:00:00 mail dovecot: imap-login: Disconnected (password expired, 1 attempts in 1 secs): "
     "user=<bob@example.org>, method=PLAIN, rip=192.0.2.1, lip=198.51.100.1, TLS, session=<abc>", "password-expired"),
    ("Jan  1 10:00:00 mail dovecot: imap-login: Login aborted: Connection closed (connection limit reached, "
     "1 attempts in 0 secs) (connection_limit): user=<bob@example.org>, method=PLAIN, rip=192.0.2.1, "
     "lip=198.51.100.1, TLS, session=<abc>", "too-many-connections"),
    ("Jan  1 10:00:00 mail dovecot: imap-login: Disconnected (disconnected before auth was ready, waited 0 secs): "
     "user=<>, rip=192.0.2.1, lip=198.51.100.1, session=<abc>", "server-unavailable"),
    # The same reason beside the TLS failure that made the client leave: the TLS words decide.
    ("Jan  1 10:00:00 mail dovecot: imap-login: Disconnected (disconnected before auth was ready, waited 0 secs): "
     "user=<>, rip=192.0.2.1, lip=198.51.100.1, TLS handshaking: SSL_accept() failed: error:1408F10B:SSL "
     "routines:ssl3_get_record:wrong version number, session=<abc>", "plaintext-on-tls-port"),
    ("Jan  1 10:00:00 mail dovecot: imap-login: Login aborted: Logged out (auth failed, 1 attempts in 2 secs) "
     "(auth_failed): user=<bob@example.org>, method=PLAIN, rip=192.0.2.1, lip=198.51.100.1, TLS, session=<abc>",
     "password-rejected"),
    # src/auth/auth-request.c (auth_request_log_unknown_user): the auth process's own line says why the login
    # process's "auth failed" beside it failed -- the passdb holds no such user, whatever the password
    ("Jan  1 10:00:00 mail dovecot: auth: passwd-file(bob,192.0.2.1,<abc>): unknown user\n"
     "Jan  1 10:00:02 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<bob>, "
     "method=PLAIN, rip=192.0.2.1, lip=198.51.100.1, TLS, session=<abc>", "username-wrong"),
    ("Jan  1 10:00:00 mail dovecot: auth-worker(4201): sql(bob,192.0.2.1,<abc>): unknown user\n"
     "Jan  1 10:00:02 mail dovecot: pop3-login: Aborted login (auth failed, 1 attempts in 2 secs): user=<bob>, "
     "method=PLAIN, rip=192.0.2.1, lip=198.51.100.1, session=<abc>", "username-wrong"),
    # ... also under the refusal the client got, pasted with it (says_why: the log line is the reason)
    ("a1 NO [AUTHENTICATIONFAILED] Authentication failed.\n"
     "Jan  1 10:00:00 mail dovecot: auth: passwd-file(bob,192.0.2.1,<abc>): unknown user", "username-wrong"),
    ("535 5.7.8 Error: authentication failed: authentication failure\n"
     "Jan  1 10:00:00 mail dovecot: auth: sql(bob,192.0.2.1,<abc>): unknown user", "username-wrong"),
    # ... and a wrong password stays one
    ("Jan  1 10:00:00 mail dovecot: auth: passwd-file(bob@example.org,192.0.2.1,<abc>): Password mismatch\n"
     "Jan  1 10:00:02 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): "
     "user=<bob@example.org>, method=PLAIN, rip=192.0.2.1, lip=198.51.100.1, TLS, session=<abc>",
     "password-rejected"),
    ("a1 NO [AUTHENTICATIONFAILED] Authentication failed.\n"
     "Jan  1 10:00:00 mail dovecot: auth: passwd-file(bob@example.org,192.0.2.1,<abc>): Password mismatch",
     "password-rejected"),

    # --- Haraka: haraka/haraka-plugin-helo.checks:index.js (valid_hostname, bare_ip with reject on)
    ("550 [DB2F7B85-9FA@haraka] Host names have more than one DNS label", "helo-name-rejected"),
    ("550 HELO host name invalid", "helo-name-rejected"),
    ("550 Invalid address format in HELO", "helo-name-rejected"),
    # A HELO/EHLO name refused as no valid address (relay.plus.net's answer in Apple Mail's connection log;
    # M66B/FairEmail:FAQ.md 22 quotes the words alone): with its code, with the command named, quoted as the
    # server's. The words alone are anybody's (a smart contract's "requires valid address"): see below.
    ("501 EHLO requires valid address", "helo-name-rejected"),
    ("EHLO requires valid address", "helo-name-rejected"),
    (_SAID.format("requires valid address"), "helo-name-rejected"),

    # --- Stalwart: stalwartlabs/mail-server:crates/smtp/src/inbound (mail.rs, session.rs, auth.rs)
    ("503 5.5.1 You must authenticate first.", "smtp-auth-not-enabled"),
    (_SAID.format("You must authenticate first."), "smtp-auth-not-enabled"),
    ("503 5.5.1 AUTH not allowed.", "smtp-auth-not-enabled"),
    (_SAID.format("AUTH not allowed."), "smtp-auth-not-enabled"),
    ("550 5.1.2 Relay not allowed.", "smtp-auth-not-enabled"),
    ("501 5.5.4 You are not allowed to send from this address.", "sender-address-not-allowed"),
    (_SAID.format("You are not allowed to send from this address."), "sender-address-not-allowed"),
    ("452 4.4.5 Rate limit exceeded, try again later.", "sending-limit-exceeded"),
    (_SAID.format("Rate limit exceeded, try again later."), "sending-limit-exceeded"),
    ("550 5.7.1 Your account is not authorized to use this service.", "protocol-disabled-for-account"),
    ("535 5.7.8 OAuth token expired.", "oauth-token-rejected"),

    # --- Zimbra: Zimbra/zm-mailbox:store/src/java/com/zimbra/cs/imap/ImapHandler.java, cs/pop3/Pop3Handler.java
    ("a1 NO cleartext logins disabled", "auth-requires-tls"),
    (_SAID.format("cleartext logins disabled"), "auth-requires-tls"),
    ("-ERR only valid after entering TLS mode", "auth-requires-tls"),
    ("a1 NO account does not have IMAP access enabled", "protocol-disabled-for-account"),
    (_SAID.format("account does not have IMAP access enabled"), "protocol-disabled-for-account"),
    ("-ERR pop access not enabled for account", "protocol-disabled-for-account"),
    ("a1 NO [ALERT] password must be changed before IMAP login permitted", "password-expired"),
    ("a1 NO [ALERT] account undergoing maintenance; please try again later", "server-unavailable"),
    ("-ERR your account is having maintenance peformed. please try again later", "server-unavailable"),

    # --- Cyrus IMAP: cyrusimap/cyrus-imapd:imap/imapd.c (cmd_login), imap/pop3d.c (cmd_user)
    ("a1 NO Login only available under a layer", "auth-requires-tls"),
    (_SAID.format("Login only available under a layer"), "auth-requires-tls"),
    ("-ERR [AUTH] USER command only available under a layer", "auth-requires-tls"),
    ("a1 NO Too many open connections (3 of 3 for bob)", "too-many-connections"),

    # --- Exchange Server: its Front End Transport proxy (PRX1-5) and back pressure (learn.microsoft.com
    # exchange/mail-flow/back-pressure)
    ("451 4.7.0 Temporary server error. Please try again later. PRX3", "server-unavailable"),
    (_SAID.format("Temporary server error. Please try again later. PRX3"), "server-unavailable"),
    ("452 4.3.1 Insufficient system resources", "server-unavailable"),
    ("530 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM", "smtp-auth-not-enabled"),
    # Exchange Online's 451 5.7.3 "STARTTLS is required to send mail", as 21Vianet's Office 365 words it in Chinese
    ("com.sun.mail.smtp.SMTPSendFailedException: 451 5.7.3 发送邮件需要 STARTTLS [BJXPR01CA0050.CHNPR01.prod.partner.outlook.cn]",
     "auth-requires-tls"),
    # its SmtpResponse.SubmissionDisabledBySendQuota: the account barred from sending
    ("550 5.7.1 Submission has been disabled for this account", "sending-limit-exceeded"),
    (_SAID.format("Submission has been disabled for this account"), "sending-limit-exceeded"),

    # --- Gmail (support.google.com/a/answer/3726730): a session that sends commands and never logs in
    ("554 5.7.0 Too many unauthenticated commands.", "smtp-auth-not-enabled"),
    ("421 4.7.0 Too many unauthenticated commands. Please try again later. - gsmtp", "smtp-auth-not-enabled"),

    # --- Orange and La Poste: code 305, a refused login (sisimai/p5-sisimai:lib/Sisimai/Rhost/FrancePTT.pm)
    ("550 5.7.0 Code d'authentification invalide OFR_305 [305]", "password-rejected"),
    ("535 5.7.0 authentication refused. OFR004_305 [305]", "password-rejected"),

    # --- Apache James: apache/james-project:protocols/smtp/src/main/java/org/apache/james/protocols/smtp/core/
    # AbstractSenderAuthIdentifyVerificationHook.java (a sender that is not the login's; no password problem),
    # AcceptRecipientIfRelayingIsAllowed and its relay-denied processor
    ("503 5.7.1 Incorrect Authentication for Specified Email Address", "sender-address-not-allowed"),
    (_SAID.format("Incorrect Authentication for Specified Email Address"), "sender-address-not-allowed"),
    ("550 5.7.1 Requested action not taken: relaying denied", "smtp-auth-not-enabled"),

    # --- SmarterMail, as the hosts running it document its replies
    ("550 Authentication is required for relay", "smtp-auth-not-enabled"),
    (_SAID.format("Authentication is required for relay"), "smtp-auth-not-enabled"),

    # --- Sendmail: its ConnectionRateThrottle refusal (cf/m4/proto.m4, ratecontrol)
    ("421 4.3.2 Connection rate limit exceeded.", "too-many-connections"),
])
def test_a_servers_own_reply_names_its_cause(text: str, cause: str) -> None:
    assert _top(text) == cause


@pytest.mark.parametrize("text", [
    # A recipient address rejected for its own reasons is no sender the account may not use.
    "550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
    # Postfix's refusal of a mechanism-less "504" sender address is not hMailServer's AUTH refusal.
    "504 5.5.2 <root>: Sender address rejected: need fully-qualified address",
])
def test_other_refusals_are_not_read_as_these(text: str) -> None:
    assert _top(text) not in ("sender-address-not-allowed", "smtp-auth-not-enabled", "auth-mechanism-unsupported")


@pytest.mark.parametrize("text", ["requires valid address", "Error: revert: transfer requires valid address"])
def test_words_other_programs_use_too_are_read_only_beside_mail(text: str) -> None:
    with pytest.raises(InputError):
        explain(text)


def test_incorrect_authentication_data_stays_a_refused_password() -> None:
    # Exim's refusal of the login itself (src/smtp_in.c) is no sender refusal, beside James's sender check above.
    assert _top("535 Incorrect authentication data") == "password-rejected"


# Postfix logs each service of its master.cf under its syslog_name: a line of "postfix/submission/smtpd" is
# the submission port's, where the shipped template admits logged-in clients only (permit_sasl_authenticated,
# reject); the same refusal logged by the port-25 "postfix/smtpd" is an access table's REJECT.
_REJECT = ("Dec 22 19:25:22 mail {service}/smtpd[1706]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 "
           "<unknown[192.0.2.7]>: Client host rejected: Access denied; from=<a@example.org> to=<b@example.org> "
           "proto=ESMTP helo=<pc>")


@pytest.mark.parametrize(("service", "cause"), [
    ("postfix/submission", "smtp-auth-not-enabled"),
    ("postfix/smtps", "smtp-auth-not-enabled"),
    ("postfix", "server-reply-permanent"),
])
def test_postfix_logs_the_port_by_its_service(service: str, cause: str) -> None:
    assert explain(_REJECT.format(service=service)).top.cause == cause
