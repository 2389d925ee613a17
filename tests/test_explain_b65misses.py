"""Four kinds of text the blind batch 65 showed explain misreading, with the same message in the forms other
programs give it, and the neighbours that must keep their own reading:

- a refusal that names a defect of a part of the message (its Subject, a header, a body line) refuses the
  message as it was built: VDX's FAQ (www.vdx.nl/faq/email/email-overige/waarom-krijg-ik-de-melding-550-
  subject-contains-invalid-characters), Cyrus's LMTP replies (cyrusimap/cyrus-imapd:imap/lmtpengine.c, the
  IMAP_MESSAGE_* codes of imap/imap_err.et with 554 5.6.0), Momentum's 550 5.6.0 replies
  (SparkPost/developers.sparkpost.com:web-ref/responses-by-message.md);
- cPanel's Exim defers a host over its connection rate where the greeting belongs (acl_smtp_connect, "The
  server has reached its limit for processing requests from your host", https://pastebin.com/Jp8ai9Eu);
- an IMAP session log whose capability list before TLS says LOGINDISABLED beside STARTTLS, and a LOGIN
  refused on that connection (RFC 3501 and RFC 9051 section 6.2.3; emersion/go-imap:server/cmd_noauth.go
  answers "Authentication disabled" while the connection cannot authenticate);
- the servers' words for a command sent before EHLO/HELO (RFC 5321 section 4.1.4): Gmail's "503 5.5.1
  EHLO/HELO first." (support.google.com/a/answer/3726730), sendmail's "503 5.0.0 Polite people say HELO
  first" (deepin-community/sendmail:sendmail/srvrsmtp.c), Exchange's "Send hello first", Postfix's "Error:
  send HELO/EHLO first" (vdukhovni/postfix:postfix/src/smtpd/smtpd.c);
- OpenSMTPD's log of a refused command quotes the command before the reply (OpenSMTPD/OpenSMTPD:smtpd/
  smtp_session.c smtp_reply: 'smtp-in: Failed command on session ID: "CMD" => REPLY'): a 451 to RCPT TO is
  about that recipient, not the server's availability.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

CASES = [
    # --- a part of the message named as the reason: content-filtered
    ("550 Subject contains invalid characters", {"content-filtered"}),
    ("554 5.6.0 Message contains non-ASCII characters in headers", {"content-filtered"}),
    ("554 5.6.0 Message contains invalid header", {"content-filtered"}),
    ("554 5.6.0 Message contains bare newlines", {"content-filtered"}),
    ("554 5.6.0 Message has no header/body separator", {"content-filtered"}),
    ("550 5.6.0 Header line too long (see RFC2822 section 3.5)", {"content-filtered"}),
    ("550 5.6.0 Body line too long (see RFC2822 section 3.5)", {"content-filtered"}),
    ("550 5.6.0 Lone CR or LF in headers (see RFC2822 section 2.2)", {"content-filtered"}),
    ("550 5.6.0 Invalid header found (see RFC2822 section 3.6)", {"content-filtered"}),
    # --- cPanel Exim's connection rate limit of the host
    ("451 The server has reached its limit for processing requests from your host. Please try again later.",
     {"too-many-connections", "sending-limit-exceeded"}),
    # Symfony Mailer's form of the same refusal at the greeting (symfony/mailer: SmtpTransport::assertResponseCode)
    ('Expected response code "220" but got code "451", with message "451-The server has reached its limit for '
     'processing requests from your host. 451 Please try again later.".',
     {"too-many-connections", "sending-limit-exceeded"}),
    # --- LOGINDISABLED before TLS, and a LOGIN refused on the plain connection
    ("* OK [CAPABILITY IMAP4rev1 SASL-IR STARTTLS LOGINDISABLED] IMAP4rev1 Service Ready\n"
     "1 LOGIN alice secret\n"
     "1 NO Authentication disabled", {"auth-requires-tls"}),
    # a letter tag after a greeting without a final stop: the paste's unwrapping joins the command to the
    # greeting's line, and it is still the client's
    ("* OK [CAPABILITY IMAP4rev1 SASL-IR STARTTLS LOGINDISABLED] IMAP4rev1 Service Ready\n"
     "a1 LOGIN alice secret\n"
     "a1 NO Authentication disabled", {"auth-requires-tls"}),
    ("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] Ready.\n"
     "a1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\n"
     "a1 NO Authentication disabled", {"auth-requires-tls"}),
    ("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] Dovecot ready.\n"
     "a LOGIN alice secret\n"
     "a NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
     {"auth-requires-tls"}),
    # --- a command before EHLO/HELO: the program's command order
    ("503 5.5.1 EHLO/HELO first.", {"client-outdated"}),
    ("503 5.0.0 Polite people say HELO first", {"client-outdated"}),
    ("503 5.5.2 Send hello first", {"client-outdated"}),
    ("503 5.5.1 Error: send HELO/EHLO first", {"client-outdated"}),
    # --- OpenSMTPD's refused RCPT TO: the recipient's, no outage (a generic temporary reading)
    ('smtp-in: Failed command on session 5e3a9d2c71b04f18: "RCPT TO:<nobody@example.org>" => 451 Temporary failure',
     {"server-reply-transient"}),
    ('smtp-in: Failed command on session 5e3a9d2c71b04f18: "RCPT TO:<nobody@example.org>" => 451 Temporary failure\n'
     "relay: TempFail for 1b2c3d4e5f607182: session=5e3a9d2c71b04f19, from=<alice@example.org>, to=<nobody@example.org>, "
     "rcpt=<->, source=127.0.0.1, relay=127.0.0.1 (localhost), delay=2m, stat=451 Temporary failure",
     {"server-reply-transient"}),
    # --- neighbours that keep their own reading (the differential)
    ("553 5.7.1 <alice@example.org>: Sender address rejected: not owned by user bob@example.org",
     {"sender-address-not-allowed"}),
    ("503 5.5.1 Error: authentication not enabled", {"smtp-auth-not-enabled"}),
    ("421 4.7.0 mail.example.org Error: too many connections from 192.0.2.1", {"too-many-connections"}),
    ("451 4.3.0 Error: queue file write error", {"server-unavailable"}),
    ("454 4.7.0 Temporary authentication failure: connection refused", {"server-unavailable"}),
    ('smtp-in: Failed command on session 5e3a9d2c71b04f18: "AUTH PLAIN (...)" => 454 4.7.0 Temporary authentication failure',
     {"server-unavailable"}),
    ("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\n"
     "a0 STARTTLS\n"
     "a0 OK Begin TLS negotiation now\n"
     "a1 LOGIN alice secret\n"
     "a1 NO [AUTHENTICATIONFAILED] Authentication failed.", {"password-rejected"}),
    ("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] Dovecot ready.\n"
     "a0 STARTTLS\n"
     "a0 OK Begin TLS negotiation now.\n"
     "a1 LOGIN alice secret\n"
     "a1 NO [AUTHENTICATIONFAILED] Authentication failed.", {"password-rejected"}),
    ("Message rejected: Email address is not verified. The following identities failed the check in region "
     "US-EAST-2: alice@example.org", {"sender-address-not-allowed"}),
    # --- a refusal whose words give no reason: a failure, no specific cause
    ("554 Transaction failed", {"server-reply-permanent"}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_explain_names_the_cause(text: str, expected: set[str]) -> None:
    report = explain(text)
    roots = [d.cause for d in report.diagnoses if d.is_root]
    assert roots, "a failure text must never read as fine"
    assert roots[0] in expected, roots
