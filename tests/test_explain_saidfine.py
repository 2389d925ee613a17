"""Pasted failures that ``explain`` called fine: a server's temporary refusal (SMTP 4yz) a user pastes.

RFC 5321 section 4.2.1: a 4yz reply means "the command was not accepted, and the requested action did not
occur" -- the message was not sent, or the session was closed (421). A pasted one is the user's failed
attempt, so the report must read as a failure (an error-severity diagnosis, exit status 1), as a pasted
permanent refusal does; the cause may stay the generic server-reply-transient when no rule knows the
reply's words. (A 4yz that mailexpert's own probe meets, such as greylisting of its RCPT TO, stays a
warning: that transaction is not the user's mail. An IMAP BYE also stays a warning: RFC 3501 section
7.1.5 has the server send one at every LOGOUT.)

Each text is a wording as public sources quote it (the programs' own prefixes kept), with where it was read:
- Gmail's "4.3.0 / 4.7.0 Temporary System Problem.  Try again later (NN). ... - gsmtp": quoted through
  Python's smtplib (SMTPDataError) in a public script's comment, through nodemailer ('Data command failed',
  EENVELOPE, responseCode 421) in a public project's comment, and through Samba's send-mail hook in a public
  log excerpt (all read with find_string, the wording identical in each).
- Postfix smtpd's "421 4.4.2 <host> Error: timeout exceeded" (its idle timeout) and "421 4.7.0 <host>
  Error: too many errors" (smtpd_hard_error_limit): a Postfix smtp client's log of AOL's servers
  ("host ... said: 421 4.4.2 ... Error: timeout exceeded (in reply to end of DATA command)"), Symfony
  Mailer's EsmtpTransport wording ('Expected response code "334" but got code "421", with message "421
  4.4.2 smtp.hostinger.com Error: timeout exceeded".') in a public log, and Go SMTP servers that copy
  Postfix's replies (ErrorLimitExceed: fmt.Sprintf("421 4.7.0 %s Error: too many errors", hostName)).
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

GMAIL = "Gmail 421 4.x.0 Temporary System Problem, as quoted publicly"
POSTFIX = "Postfix smtpd 421 replies, as quoted publicly"
TRANSIENT = {"server-reply-transient", "server-unavailable"}

CASES = [
    (f"{GMAIL}: smtplib SMTPDataError",
     "smtplib.SMTPDataError: (421, b'4.7.0 Temporary System Problem.  Try again later (10). "
     "d10sm816945pfh.8 - gsmtp')", TRANSIENT),
    (f"{GMAIL}: nodemailer Data command failed",
     "{ [Error: Data command failed] code: 'EENVELOPE', response: '421 4.7.0 Temporary System Problem.  "
     "Try again later (WS). i4sm571837pdl.11 - gsmtp', responseCode: 421 }", TRANSIENT),
    (f"{GMAIL}: send-mail hook",
     "send-mail: 421 4.7.0 Temporary System Problem.  Try again later (). ck16sm114297vdb.32", TRANSIENT),
    (f"{POSTFIX}: Postfix smtp client's log, timeout exceeded at end of DATA",
     "postfix/smtp[15101]: AB109360C87: host mailin-03.mx.aol.com[205.188.156.193] said: 421 4.4.2 "
     "mtain-dl02.r1000.mx.aol.com Error: timeout exceeded (in reply to end of DATA command)",
     TRANSIENT | {"high-latency", "packet-loss"}),
    (f"{POSTFIX}: Symfony Mailer, timeout exceeded at AUTH",
     'Failed to authenticate on SMTP server with username "user@example.com" using the following '
     'authenticators: "LOGIN", "PLAIN". Authenticator "LOGIN" returned "Expected response code "334" but got '
     'code "421", with message "421 4.4.2 smtp.hostinger.com Error: timeout exceeded".". Authenticator '
     '"PLAIN" returned "Expected response code "235" but got empty code.".',
     TRANSIENT | {"high-latency", "packet-loss"}),
    (f"{POSTFIX}: too many errors",
     "421 4.7.0 mx.example.net Error: too many errors", TRANSIENT | {"wrong-protocol-on-port"}),
]


@pytest.mark.parametrize(("source", "text", "causes"), CASES, ids=[c[0] for c in CASES])
def test_pasted_temporary_refusal_reads_as_a_failure(source: str, text: str, causes: set[str]) -> None:
    report = explain(text)
    assert report.top is not None, source
    assert report.top.cause in causes, (source, report.top.cause)
    assert report.has_errors, f"{source}: a pasted 4yz refusal was called fine"


def test_imap_bye_at_logout_is_not_a_failure() -> None:
    # RFC 3501 section 6.1.3: the server sends BYE before its tagged OK to LOGOUT; Dovecot's wording
    # "Logging out" (dovecot/core:src/imap/cmd-logout.c, client_send_line(client, "* BYE Logging out")).
    report = explain("a1 LOGOUT\n* BYE Logging out\na1 OK Logout completed.")
    assert not report.has_errors
