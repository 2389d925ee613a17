"""Failure texts about mail that said nothing mailexpert knew: each must read as a failure (exit status 1) with the
candidates its words allow, never declined and never fine; texts about another service stay declined; and the
neighbours that said something specific keep their reading.

The last resort (data/concepts.yaml ``unsaid``, asked only when no step of ``explain`` read anything else): a text
about mail (a mail word, or a server, account, message or sending word where no other service is named) that says
something failed reads as a program's crash, a bounce, a refusal, the server's failure, or -- where it names the
protocol whose session failed -- a failure without a reason, in that order. A failure that names none of
these (a folder, a store, a profile: tests/test_explain_outlookdiff.py) stays unread.

Sources of the wordings:
- Wino Mail: bkaankose/Wino-Mail#224 ("account creation failed - IMAP client pool failed").
- KMail: KaOSx/apps#32 ("Unable to transport message.  Failed to create SMTP Job").
- Dovecot: dovecot/core:src/imap/imap-client.c (client_send_command_error: "BAD Error in IMAP command %s: %s"), as
  Thunderbird shows it without the tag (dlech/gmailbuttons#25).
- Chinese, Japanese and Russian "send": thunderbird/thunderbird-l10n zh-CN, ja, ru (composeMsgs.properties,
  localMsgs.properties, as mailexpert/data/client-messages.yaml quotes them); "失败" (failed), "送信できませんでした"
  (could not be sent).
- Mailspring: Foundry376/Mailspring#1811 (V8's TypeError in its account store).
- Bounces: Postfix (vdukhovni/postfix:postfix/src/bounce/bounce_notify_util.c, "Undelivered Mail Returned to Sender",
  "Delayed Mail (still being retried)"), Exim ("Mail delivery failed: returning message to sender").
- Netfabric's authenticated SMTP: "SENDER REJECTED" (netfabric.freshdesk.com/support/solutions/articles/6000236440).
- Windows Live Mail (Japanese): "サーバー エラー: 3207" with its error ID (mysteriousramu.com/2011/10/).
- Java: openjdk/jdk:src/java.base/share/classes/javax/net/ssl/SSLProtocolException.java, as K-9 Mail shows it
  (thunderbird/thunderbird-android#1994, the message cut off).
- MailKit: jstedfast/MailKit:MailKit/Security/SslHandshakeException.cs (Create: the long message that lists the
  possibilities, "Another possibility is that you are trying to connect to a port which does not support SSL/TLS").
- Non-mail texts: git/git:builtin/push.c ("failed to push some refs to '%s'"); RFC 9110 section 15.6.1 and Apache
  httpd's error page ("500 Internal Server Error"); IIS 7's detailed error page ("HTTP Error 500.0 - Internal Server
  Error"); MySQL's client (mysql/mysql-server:libmysql/errmsg.cc CR_CONNECTION_ERROR 2002, share/messages_to_clients.txt
  ER_ACCESS_DENIED_ERROR 1045); PostgreSQL (postgres/postgres:src/backend/libpq/auth.c); CUPS
  (OpenPrinting/cups:scheduler/job.c, "Filter failed").
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

# A failure whose words give no step and no reason: the candidates the connect-failed reading lists.
UNSAID = {"port-blocked-outbound", "port-closed", "client-outdated", "server-unavailable"}
SERVER = {"server-reply-permanent"}
HANDSHAKE = {"tls-no-shared-cipher", "tls-version-server-outdated", "tls-version-client-outdated", "tls-on-plaintext-port"}

FAILURES = [
    ("account creation failed - IMAP client pool failed", UNSAID),
    ("Unable to transport message.  Failed to create SMTP Job", UNSAID),
    ("Error in IMAP command UID FETCH: Unknown parameter: X-GM-THRID.", UNSAID),
    ("发送失败", UNSAID),
    ("邮件发送失败", UNSAID),
    ("送信できませんでした", UNSAID),
    # a crash of the mail program's own code
    ("TypeError: Cannot read property 'emailAddress' of undefined\n    at _AccountStore.addAccount (account-store.ts:223)",
     {"client-outdated"}),
    # a bounce: the server gave the message up
    ("Subject: Undelivered Mail Returned to Sender\n\nThe message could not be delivered.", SERVER),
    ("Mail delivery failed: returning message to sender", SERVER),
    # a refusal, its reason and code unsaid
    ("SENDER REJECTED", SERVER),
    # the server's own failure
    ("サーバー エラー: 3207\nWindows Live メール エラー ID: 0x8DE0006", SERVER),
    # a TLS failure by Java's class name alone
    ("SSLProtocolException: SSL h", HANDSHAKE),
]


def _report(text: str):
    try:
        return explain(text)
    except InputError as exc:
        pytest.fail(f"declined: {exc}")


@pytest.mark.parametrize(("text", "causes"), FAILURES)
def test_a_mail_failure_is_never_declined(text: str, causes: set) -> None:
    report = _report(text)
    assert report.exit_status == 1, [(d.cause, d.severity) for d in report.diagnoses]
    roots = [d for d in report.diagnoses if d.is_root]
    assert roots and roots[0].cause in causes, [d.cause for d in roots]
    # words alone: a guess, never stated as certain
    assert roots[0].confidence == "possible", roots[0].confidence


def test_a_delayed_delivery_is_a_transient_failure() -> None:
    # Postfix's delay notice (RFC 3464 Action: delayed): still being retried, not given up.
    report = _report("Subject: Delayed Mail (still being retried)\n\nThis is the mail system at host mail.example.org.")
    assert report.top is not None and report.top.cause == "server-reply-transient", report.top


# A generic text stays a failure without a specific cause: the summary says the words give no reason.
def test_a_bare_failure_names_no_reason() -> None:
    roots = [d for d in _report("Sending of the message failed.").diagnoses if d.is_root]
    assert roots[0].cause in UNSAID and "does not say why" in roots[0].summary, roots[0].summary


# MailKit's long SslHandshakeException on SSL-on-connect lists a port without SSL/TLS beside no version in common:
# a handshake failure with those candidates, not the plaintext port alone.
_MAILKIT = (
    "MailKit.Security.SslHandshakeException: An error occurred while attempting to establish an SSL or TLS connection."
    "\n\nThis usually means that the SSL certificate presented by the server is not trusted by the system for one or "
    "more of\nthe following reasons:\n\n1. The server is using a self-signed certificate which cannot be verified.\n"
    "2. The local system is missing a Root or Intermediate certificate needed to verify the server's certificate.\n"
    "3. A Certificate Authority CRL server for one or more of the certificates in the chain is temporarily "
    "unavailable.\n4. The certificate presented by the server is expired or invalid.\n\n"
    "Another possibility is that you are trying to connect to a port which does not support SSL/TLS.\n\n"
    "It is also possible that the set of SSL/TLS protocols supported by the client and server do not match.\n\n"
    "See https://github.com/jstedfast/MailKit/blob/master/FAQ.md#SslHandshakeException for possible solutions.")


def test_mailkits_possibilities_stay_possibilities() -> None:
    roots = [d for d in _report(_MAILKIT).diagnoses if d.is_root]
    assert roots[0].cause in HANDSHAKE and roots[0].confidence == "possible", (roots[0].cause, roots[0].confidence)
    assert "without a reason" in roots[0].summary, roots[0].summary
    assert "tls-on-plaintext-port" in {d.cause for d in roots}, [d.cause for d in roots]


@pytest.mark.parametrize("text", ["TLS handshake failed", "javax.net.ssl.SSLHandshakeException: Handshake failed"])
def test_a_bare_handshake_failure_is_only_possible(text: str) -> None:
    roots = [d for d in _report(text).diagnoses if d.is_root]
    assert roots[0].cause in HANDSHAKE and roots[0].confidence == "possible", (roots[0].cause, roots[0].confidence)


# Neighbours: texts that say what failed keep their reading.
NEIGHBOURS = [
    ("IMAP login failed", "password-rejected"),
    ("535 5.7.8 Authentication failed", "password-rejected"),                         # RFC 4954
    ("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)", "tls-on-plaintext-port"),  # OpenSSL
    (_MAILKIT + " ---> System.IO.IOException: The handshake failed due to an unexpected packet format.",
     "tls-on-plaintext-port"),                                                      # dotnet/runtime net_ssl_io_frame
    ("javax.net.ssl.SSLProtocolException: Read error: ssl=0x7b8a5c5e08: Failure in SSL library, usually a protocol "
     "error\nerror:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER", "tls-on-plaintext-port"),  # BoringSSL
    ("Could not send mail: connect to smtp.example.org port 587: Connection refused", "port-closed"),
    ("550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
     "server-reply-permanent"),                                                     # Postfix smtpd_check.c
]


@pytest.mark.parametrize(("text", "cause"), NEIGHBOURS)
def test_neighbours_keep_their_reading(text: str, cause: str) -> None:
    roots = [d for d in _report(text).diagnoses if d.is_root]
    assert roots[0].cause == cause, [d.cause for d in roots]


# Not about mail: these stay declined, whatever failure they state.
NOT_MAIL = [
    "error: failed to push some refs to 'https://github.com/example/repo.git'",
    "500 Internal Server Error\nThe server encountered an internal error or misconfiguration and was unable to "
    "complete your request.",
    "HTTP Error 500.0 - Internal Server Error",
    "502 Bad Gateway\nnginx",
    "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)",
    "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)",
    "psql: error: connection to server at \"db.example.com\" (192.0.2.1), port 5432 failed: FATAL:  password "
    "authentication failed for user \"app\"",
    "Printer error: Filter failed",
]


@pytest.mark.parametrize("text", NOT_MAIL)
def test_another_service_stays_declined(text: str) -> None:
    with pytest.raises(InputError):
        explain(text)
