"""Texts whose words blame nothing on the mail path must not be read as a cause that is.

- A deferral whose only words are "(please) try again later", with no enhanced code or a policy one (4.7.x),
  restates what every 4yz reply means (RFC 5321 section 4.2.1: the condition is temporary, the command may be sent
  again); it is also the whole of a greylisting server's answer (RFC 6647 section 2.1; hMailServer's reference of
  SMTP error messages gives "451 Please try again later." for its grey listing). It reads as its class, the server's
  transient refusal (server-reply-transient), not as an outage of the server (server-unavailable); a 421, a
  mail-system code (4.3.x) or words that name the server's state keep the outage reading.
- Thunderbird's compose errors about a temporary file on this computer (composeMsgs.properties unableToOpenTmpFile
  "Unable to open the temporary file %S. Check your 'Temporary Directory' setting.", errorWritingFile "Error writing
  temporary file.", shown under its "Sending of message failed." title): the send failed before any connection, so
  the title's differential of a failed connection (a blocked port first) does not apply; nothing on the mail path
  is read, and the text is declined. The title alone, or with a server's reply, keeps its reading.
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

BARE_DEFERRALS = [
    "450 please try again later",
    "451 4.7.1 Try again later.",
    "Error: 451 Please try again later (in reply to RCPT TO command)",
]


@pytest.mark.parametrize("text", BARE_DEFERRALS)
def test_a_bare_try_again_later_reads_as_a_transient_refusal_not_an_outage(text: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause == "server-reply-transient", [d.cause for d in report.diagnoses]
    assert "server-unavailable" not in {d.cause for d in report.diagnoses}


@pytest.mark.parametrize("text", [
    "421 Try again later",
    "452 4.3.0 Try again later",
    "451 Server busy, please try again later",
    "451 4.3.0 Temporary server error. Please try again later",
])
def test_a_deferral_that_says_more_keeps_the_outage_reading(text: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause == "server-unavailable", [d.cause for d in report.diagnoses]


@pytest.mark.parametrize("text", [
    "Send Message Error\nSending of message failed.\nUnable to open the temporary file "
    "C:\\Users\\anna\\AppData\\Local\\Temp\\nsmail-3.tmp. Check your 'Temporary Directory' setting.",
    "Sending of message failed.\nError writing temporary file.",
])
def test_a_send_that_failed_on_a_local_temporary_file_blames_nothing_on_the_way(text: str) -> None:
    with pytest.raises(InputError):
        explain(text)


def test_the_send_failure_title_alone_keeps_its_connection_differential() -> None:
    report = explain("Send Message Error\nSending of message failed.")
    assert report.has_errors
    assert report.top is not None and report.top.cause == "port-blocked-outbound"


def test_a_server_reply_beside_the_temporary_file_words_is_still_read() -> None:
    report = explain("Sending of message failed. Error writing temporary file. "
                     "An error occurred while sending mail. The mail server responded: 550 5.7.1 Relaying denied.")
    assert report.top is not None and report.top.cause == "smtp-auth-not-enabled"


# A session that went through, as swaks prints it: its last line ("=== Connection closed with remote host.",
# jetmore/swaks teardown_link) is the hang-up it chose after QUIT, not a connection that failed.
SWAKS_OK = """=== Trying mail.example.net:587...
=== Connected to mail.example.net.
<-  220 mail.example.net ESMTP
 -> EHLO desk
<-  250-mail.example.net
<-  250-STARTTLS
<-  250 AUTH PLAIN
 -> STARTTLS
<-  220 2.0.0 Ready to start TLS
=== TLS started with cipher TLSv1.2:ECDHE-RSA-AES128-GCM-SHA256:128
 ~> EHLO desk
<~  250 AUTH PLAIN
 ~> AUTH PLAIN AGNhcmwAKioq
<~  235 2.7.0 Authentication successful
 ~> MAIL FROM:<carl@example.net>
<~  250 2.1.0 Ok
 ~> RCPT TO:<dora@example.com>
<~  250 2.1.5 Ok
 ~> QUIT
<~  221 2.0.0 Bye
=== Connection closed with remote host."""


def test_a_swaks_session_that_went_through_is_no_failure() -> None:
    report = explain(SWAKS_OK)
    assert not report.has_errors, [d.cause for d in report.diagnoses]


def test_a_swaks_session_with_a_refusal_keeps_it_after_the_orderly_hang_up() -> None:
    # (without STARTTLS: a refusal swaks marks "<~*" inside TLS is read at the STARTTLS step today, another matter)
    refused = SWAKS_OK.split(" -> STARTTLS")[0] + (
        " -> AUTH PLAIN AGNhcmwAKioq\n<** 535 5.7.8 Error: authentication failed: authentication failure\n"
        "*** No authentication type succeeded\n -> QUIT\n<-  221 2.0.0 Bye\n=== Connection closed with remote host.")
    report = explain(refused)
    assert report.top is not None and report.top.cause == "password-rejected"


@pytest.mark.parametrize("text", [
    # openssl s_client's summary of a handshake that worked (apps/s_client.c print_stuff)
    "---\nSSL handshake has read 3906 bytes and written 431 bytes\nVerification: OK\n---\n"
    "220 mail.example.net ESMTP ready",
    # a POP3 client's count of what it fetched (RFC 1939 sizes in octets)
    "reading message carl@pop.example.net:1 of 1 (550 octets) flushed",
])
def test_a_size_in_bytes_or_octets_is_no_reply_code(text: str) -> None:
    from mailexpert.replies import parse_reply

    assert parse_reply(text).get("code") not in (431, 550)


# What TLS tools print of a check that passed (curl -v's "* SSL certificate verify ok.", openssl s_client's summary:
# "Server certificate", "No client certificate CA names sent", "Secure Renegotiation IS NOT supported" of every TLS 1.3
# session, "Verification: OK", "Verify return code: 0 (ok)") names no certificate or TLS failure.
CURL_OK = """* Connected to smtp.example.net (192.0.2.25) port 587 (#0)
< 220 smtp.example.net ESMTP
> EHLO desk
< 250-smtp.example.net
< 250 STARTTLS
> STARTTLS
< 220 2.0.0 Ready to start TLS
* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256
*  subject: CN=smtp.example.net
*  SSL certificate verify ok.
> AUTH PLAIN
< 235 2.7.0 Authentication successful
> QUIT
< 221 2.0.0 Bye"""

S_CLIENT_OK = """CONNECTED(00000005)
depth=0 CN = imap.example.net
verify return:1
---
Server certificate
subject=CN = imap.example.net
---
No client certificate CA names sent
---
SSL handshake has read 3355 bytes and written 382 bytes
Verification: OK
---
New, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256
Secure Renegotiation IS NOT supported
Verify return code: 0 (ok)
---
* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE AUTH=PLAIN] ready"""


@pytest.mark.parametrize("text", [CURL_OK, S_CLIENT_OK])
def test_a_tls_tool_that_reports_its_check_passed_reports_no_failure(text: str) -> None:
    report = explain(text)
    assert not report.has_errors, [d.cause for d in report.diagnoses]


def test_a_tls_tool_that_reports_its_check_failed_keeps_the_failure() -> None:
    failed = S_CLIENT_OK.replace("verify return:1", "verify error:num=20:unable to get local issuer certificate\n"
                                 "verify return:1").replace("Verification: OK", "Verification error: unable to get "
                                 "local issuer certificate").replace("Verify return code: 0 (ok)",
                                                                     "Verify return code: 20 (unable to get local "
                                                                     "issuer certificate)")
    report = explain(failed)
    assert report.top is not None and report.top.cause == "cert-untrusted-issuer"


# Warnings a runtime prints on every run: Node's once certificate checks are off (nodejs/node lib/_tls_wrap.js), and
# Python's DeprecationWarning lines (CPython Modules/_ssl.c, Lib/ssl.py). Alone they say nothing failed; beside a
# failure, the failure decides.
NODE_WARNING = ("(node:5150) Warning: Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to '0' makes TLS "
                "connections and HTTPS requests insecure by disabling certificate verification.\n"
                "(Use `node --trace-warnings ...` to show where the warning was created)")
PYTHON_WARNING = ("/srv/app/venv/lib/python3.11/site-packages/mailer/tls.py:31: DeprecationWarning: ssl.PROTOCOL_TLS is "
                  "deprecated\n  ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)")


@pytest.mark.parametrize("text", [NODE_WARNING, PYTHON_WARNING])
def test_a_runtime_warning_alone_blames_nothing(text: str) -> None:
    with pytest.raises(InputError):
        explain(text)


@pytest.mark.parametrize("text", [NODE_WARNING, PYTHON_WARNING])
def test_a_failure_beside_a_runtime_warning_decides(text: str) -> None:
    report = explain(text + "\nError: Invalid login: 535 5.7.8 Error: authentication failed: authentication failure")
    assert report.top is not None and report.top.cause == "password-rejected", [d.cause for d in report.diagnoses]


# A Postfix log whose deferral of a message is followed by the same queue id and recipient sent (the retry got past
# the greylisting): its last word on that message is success (vdukhovni/postfix log_adhoc.c, qmgr(8) retries).
DEFERRED = ("May  2 08:00:01 relay postfix/smtp[811]: 5C3D2A0F1B: to=<ida@example.com>, relay=mx.example.com"
            "[198.51.100.9]:25, delay=0.9, delays=0.1/0/0.4/0.4, dsn=4.7.1, status=deferred (host mx.example.com"
            "[198.51.100.9] said: 451 4.7.1 Greylisting in action, please come back later (in reply to RCPT TO command))")
SENT = ("May  2 08:07:12 relay postfix/smtp[902]: 5C3D2A0F1B: to=<ida@example.com>, relay=mx.example.com"
        "[198.51.100.9]:25, delay=431, delays=430/0/0.4/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 81F3)")


def test_a_deferral_the_same_log_shows_delivered_later_is_no_failure() -> None:
    from mailexpert.replies import without_delivered_deferrals

    assert without_delivered_deferrals(DEFERRED + "\n" + SENT) == SENT
    try:
        report = explain(DEFERRED + "\n" + SENT)
    except InputError:
        return
    assert not report.has_errors, [d.cause for d in report.diagnoses]


@pytest.mark.parametrize("log", [
    SENT + "\n" + DEFERRED,  # sent first, deferred after: another try of another copy still waits
    DEFERRED + "\n" + SENT.replace("5C3D2A0F1B", "6D4E3B1A2C"),  # another message was sent
    DEFERRED + "\n" + SENT.replace("ida@", "jan@"),  # another recipient was sent
])
def test_a_deferral_nothing_later_delivered_still_stands(log: str) -> None:
    report = explain(log)
    assert report.has_errors
