"""Library, server and provider texts whose own words decide the cause -- and their neighbours.

- A submission server's "forged sender" (Univention's no_forged_from milter, Vivaldi.net's submission) and a login
  and a sender "that don't match" (Postfix's smtpd_sender_login_maps check as hosts reword it): the sender address
  is not the login's.
- BlackJumboDog's "Relay operation rejected": a relay refused to a client that did not log in.
- T-Online's "554 IP=ADDR - A problem occurred ... (BL)" with the address masked ("IP=*", "IP=x.x.x.x").
- A client that cancelled the SASL exchange it began (RFC 4954 section 4's "*": mox's "501 5.5.0 authentication
  aborted", Gmail's "Client aborted AUTHENTICATE command."): the mechanism it chose, not the password.
- Postfix's SMTP client's "Cannot start TLS: handshake failure" (smtp_proto.c, 4.7.5) says that the STARTTLS
  upgrade broke, not why: no verdict on ciphers from its words, while the TLS library's warning beside it in the
  log still says what broke (a version, a plain-text port).
"""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

SENDER = ("sender-address-not-allowed",)
STARTTLS = ("starttls-failed",)
RELAY = ("smtp-auth-not-enabled", "mx-host-used-for-submission")
BJD = ("furuya02/bjd5:SmtpServer/Server.cs ('553 {0}... Relay operation rejected' where the relay list does not allow "
       "the client)")

POSTFIX_TLS = ("vdukhovni/postfix:postfix/src/smtp/smtp_proto.c (smtp_start_tls: 4.7.5 'Cannot start TLS: handshake "
               "failure')")

CASES = [
    # --- the sender address is not the login's ---------------------------------------------------------------------------
    Case("forged-sender-address-deltachat",
         "Error: Send error: permanent: 5.7.1 forged sender address",
         SENDER, "deltachat/deltachat-android#2226 (Vivaldi.net's submission)"),
    Case("forged-sender-smtplib",
         "smtplib.SMTPSenderRefused: (553, b'5.7.1 Sender address forged', 'alice@example.net')",
         SENDER, "Univention's no_forged_from milter (a sender that is none of the login's addresses)"),
    Case("login-and-sender-dont-match-mybb",
         "The mail server does not understand the RCPT TO command. Reason: 554 5.7.1 Recipient address rejected: "
         "Username bob@example.org and sender doesn't match",
         SENDER, "mybb/mybb#2578 (a Danish host's submission server)"),
    # --- a relay refused to a client that did not log in -------------------------------------------------------------------
    Case("bjd-relay-operation-rejected-reply",
         "553 bob@example.net... Relay operation rejected", RELAY, BJD),
    Case("bjd-relay-operation-rejected-words",
         "Sending failed: the server said Relay operation rejected", RELAY, BJD + ", as a mail program shows it without its code"),
    # --- T-Online's MX refuses the sending address, masked as people paste it ---------------------------------------------
    Case("tonline-bl-masked-address",
         "postfix/smtp[819]: 7DCA065C0A75: host mx01.t-online.de[194.25.134.72] refused to talk to me: 554 IP=x.x.x.x - "
         "A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)",
         ("client-ip-blocklisted",), "https://www.spamresource.com/2020/06/whoops-t-onlinede-not-accepting-mail.html"),
    # --- a client that cancelled the SASL exchange it began ------------------------------------------------------------------
    Case("mox-501-authentication-aborted",
         "smtplib.SMTPAuthenticationError: (501, b'5.5.0 authentication aborted')",
         ("auth-mechanism-unsupported",), "mjl-/mox:smtpserver/server.go (cmdAuth: '*' from the client, 501 5.5.0)"),
    Case("gmail-imap-client-aborted-authenticate",
         "imaplib.IMAP4.error: AUTHENTICATE command error: BAD [b'Client aborted AUTHENTICATE command. x12mb3']",
         ("auth-mechanism-unsupported",), "Gmail's IMAP 'BAD Client aborted AUTHENTICATE command.' (RFC 9051 6.2.2)"),
    # --- Postfix's STARTTLS upgrade, as its delivery report says it -----------------------------------------------------
    Case("postfix-dsn-cannot-start-tls",
         "Diagnostic-Code: X-Postfix; Cannot start TLS: handshake failure",
         STARTTLS, POSTFIX_TLS),
    Case("postfix-log-cannot-start-tls",
         "Apr 2 10:11:12 mx postfix/smtp[812]: 5F1A2C0A1B: to=<bob@example.net>, relay=mx.example.net[192.0.2.25]:25, "
         "delay=1.2, delays=0.1/0/1.1/0, dsn=4.7.5, status=deferred (Cannot start TLS: handshake failure)",
         STARTTLS, POSTFIX_TLS),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_wording_reads_as_its_cause(case: Case):
    causes = causes_of(case.text)
    assert case.source and causes, f"{case.name}: no cause named"
    assert causes[0] in case.causes, f"{case.name}: {causes[:4]}"


# The neighbours: the TLS library's own line beside Postfix's words still says what broke the handshake, and a bare
# "handshake failure" alert from OpenSSL stays the handshake's (no shared cipher or version), not the upgrade's.
@pytest.mark.parametrize(("text", "cause"), [
    ("postfix/smtp[2]: warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:"
     "../ssl/record/ssl3_record.c:350:\npostfix/smtp[2]: 1A2B3C: to=<bob@example.org>, relay=mail.example.org"
     "[192.0.2.10]:587, dsn=4.7.5, status=deferred (Cannot start TLS: handshake failure)", "tls-on-plaintext-port"),
    ("SSL routines:ssl3_read_bytes:sslv3 alert handshake failure", "tls-no-shared-cipher"),
])
def test_the_reason_beside_it_still_says_why(text: str, cause: str):
    assert causes_of(text, "smtp mail.example.org:587/ssl" if "wrong version" in text else None)[0] == cause


# A refusal of the client's address or of a recipient is no forged sender.
@pytest.mark.parametrize("text", [
    "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
    "554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org",
])
def test_other_sender_refusals_stay_theirs(text: str):
    assert causes_of(text)[0] not in SENDER
