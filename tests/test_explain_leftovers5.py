"""Known misreadings left from earlier sessions, each read by what its source says:

1. A client that could not read a reply line as a numbered reply quotes another protocol's greeting: Go's
   net/textproto ("short response: " + line when the fourth character is no blank or hyphen, "invalid response
   code: " + line when the first three are no number; golang/go:src/net/textproto/reader.go parseCodeLine, which
   net/smtp reads every reply through). Only SMTP's replies are numbered (RFC 5321 section 4.2), so the client
   spoke SMTP and the "* OK" (RFC 9051 section 7.1.1) or "+OK" (RFC 1939 section 4) it quotes is an IMAP or POP3
   server on the port: never a success. Other programs that wrap a quoted greeting in an error: Python's smtplib
   (SMTPConnectError(code, msg) when the greeting is not 220, python/cpython:Lib/smtplib.py SMTP.__init__/connect,
   code -1 for a line with no number) and Jakarta Mail ("Could not connect to SMTP host: ..., response: ...",
   jakartaee/mail-api:api/src/main/java/com/sun/mail/smtp/SMTPTransport.java openServer).
2. A 500 or 502 that answers AUTH (RFC 5321 section 4.2.4: command unrecognized or not implemented; RFC 4954
   section 4: AUTH is a command only where the server offers it): the server has no SMTP authentication there.
   Postfix built without SASL answers AUTH as any unknown command ("502 5.5.2 Error: command not recognized",
   vdukhovni/postfix:postfix/src/smtpd/smtpd.c cmd_table, AUTH under USE_SASL_AUTH); Exim's "500 unrecognized
   command" (Exim/exim:src/src/smtp_in.c); Sendmail's "500 5.5.1 Command unrecognized: ..." (sendmail/srvrsmtp.c);
   Perl Net::SMTP's own "Command unknown: 'AUTH'" when the EHLO answer lists no AUTH (libnet Net/SMTP.pm auth).
   A session log's last command before the reply says which command it answered.
3. Postfix reject_unknown_sender_domain: "Sender address rejected: Domain not found" (450 4.1.8 or 550 5.1.8 by
   unknown_address_reject_code; vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c reject_unknown_address) is the
   server refusing the sender's domain, not the client's own DNS; its recipient twin and the client's own
   resolver failure keep their causes.
4. One certificate check naming several faults: GnuTLS's status print ("The certificate is NOT trusted. The
   certificate issuer is unknown. The certificate chain uses expired certificate.", gnutls/gnutls:lib/x509/
   output.c gnutls_certificate_verification_status_print) and Geary's dialog (one line per GTlsCertificateFlags
   flag, GNOME/geary:src/client/dialogs/certificate-warning-dialog.vala; GNOME/glib:gio/gioenums.h). The trust
   fault goes first (data/evidence-order.yaml certificate_faults_first, RFC 5280 section 6.1); GnuTLS's "NOT
   trusted" status line alone says only that the check failed, so an expiry beside it reads as expiry.
5. mutt/neomutt's "SASL authentication failed" after the connection was reset or closed in the same session:
   imap/auth_sasl.c ends the exchange ("goto bail") on any failed read, so the SASL failure follows whatever broke
   the connection, which the socket layer printed first ("Connection to %s closed", conn/socket.c
   mutt_socket_readchar; "Error talking to %s (%s)", conn/raw.c; "tls_socket_read (%s)" with GnuTLS's words,
   conn/gnutls.c). The two together allow a broken connection's candidates, never a refused password alone:
   no server refusal was read. GnuTLS's "Error in the pull function." (GNUTLS_E_PULL_ERROR, gnutls/gnutls:
   lib/errors.c) is the transport's read failing under TLS, a reset.
"""

from __future__ import annotations

import pytest
from helpers import Case, assert_named_once, causes_of

DOVECOT_IMAP = "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN] Dovecot ready."
GREETINGS = [
    Case("go-short-response-imap", f"short response: {DOVECOT_IMAP}", ("wrong-protocol-on-port",),
         "golang/go:src/net/textproto/reader.go (parseCodeLine: fourth character no blank or hyphen)"),
    Case("go-short-response-imap-bare", "short response: * OK IMAP4rev1 Service Ready", ("wrong-protocol-on-port",),
         "golang/go:src/net/textproto/reader.go (parseCodeLine)"),
    Case("go-invalid-code-pop3", "invalid response code: +OK POP3 server ready", ("wrong-protocol-on-port",),
         "golang/go:src/net/textproto/reader.go (parseCodeLine: the first three characters no number)"),
    Case("go-invalid-code-pop3-dovecot", "invalid response code: +OK Dovecot ready.", ("wrong-protocol-on-port",),
         "golang/go:src/net/textproto/reader.go (parseCodeLine)"),
    Case("go-short-response-pop3-alone", "short response: +OK", ("wrong-protocol-on-port",),
         "golang/go:src/net/textproto/reader.go (parseCodeLine: a line shorter than four characters); RFC 1939 section 4"),
    Case("go-short-response-pop3-dovecot", "short response: +OK Dovecot ready.", ("wrong-protocol-on-port",),
         "golang/go:src/net/textproto/reader.go (parseCodeLine)"),
    Case("go-smtp-dial-short-response", "dial smtp: short response: * OK IMAP4rev1 Service Ready",
         ("wrong-protocol-on-port",), "golang/go:src/net/smtp/smtp.go (NewClient reads the greeting through textproto)"),
    Case("go-logged-error", f'level=error msg="failed to send mail" err="short response: {DOVECOT_IMAP}"',
         ("wrong-protocol-on-port",), "golang/go:src/net/textproto/reader.go (parseCodeLine), as a program logs it"),
    Case("go-invalid-code-ssh", "invalid response code: SSH-2.0-OpenSSH_9.2p1 Debian-2", ("wrong-protocol-on-port",),
         "golang/go:src/net/textproto/reader.go (parseCodeLine); RFC 4253 section 4.2"),
    Case("python-smtpconnecterror-pop3", "smtplib.SMTPConnectError: (-1, b'+OK Dovecot ready.')",
         ("wrong-protocol-on-port",), "python/cpython:Lib/smtplib.py (SMTP.__init__: SMTPConnectError when the greeting is not 220)"),
    Case("python-smtpconnecterror-imap", "smtplib.SMTPConnectError: (-1, b'* OK IMAP4rev1 Service Ready')",
         ("wrong-protocol-on-port",), "python/cpython:Lib/smtplib.py (SMTP.__init__)"),
    Case("jakarta-could-not-connect-pop3",
         "jakarta.mail.MessagingException: Could not connect to SMTP host: mail.example.org, port: 110, response: +OK Dovecot ready.",
         ("wrong-protocol-on-port",), "jakartaee/mail-api:api/src/main/java/com/sun/mail/smtp/SMTPTransport.java (openServer)"),
    # Differential: a numbered reply the client read is the server's own refusal, not another protocol.
    Case("smtp-refusal-stays", "554 5.7.1 Access denied", ("server-reply-permanent",), "RFC 5321 section 4.2.3"),
]

AUTH_UNKNOWN = [
    Case("postfix-502-after-auth-c-s", "C: AUTH PLAIN AGFsaWNlAHNlY3JldA==\nS: 502 5.5.2 Error: command not recognized",
         ("smtp-auth-not-enabled",), "vdukhovni/postfix:postfix/src/smtpd/smtpd.c (cmd_table: AUTH only with USE_SASL_AUTH)"),
    Case("postfix-502-after-auth-arrows", ">>> AUTH LOGIN\n<<< 502 5.5.2 Error: command not recognized",
         ("smtp-auth-not-enabled",), "vdukhovni/postfix:postfix/src/smtpd/smtpd.c; libnet Net/SMTP.pm debug ('>>>', '<<<')"),
    Case("exim-500-after-auth", "CLIENT -> SERVER: AUTH LOGIN\nSERVER -> CLIENT: 500 unrecognized command",
         ("smtp-auth-not-enabled",), "Exim/exim:src/src/smtp_in.c ('500 unrecognized command'); PHPMailer/PHPMailer:src/SMTP.php (debug prefixes)"),
    Case("phpmailer-auth-command-failed",
         "CLIENT -> SERVER: AUTH LOGIN\nSERVER -> CLIENT: 502 5.5.2 Error: command not recognized\n"
         "SMTP ERROR: AUTH command failed: 502 5.5.2 Error: command not recognized",
         ("smtp-auth-not-enabled",), "PHPMailer/PHPMailer:src/SMTP.php (authenticate: 'AUTH command failed')"),
    Case("sendmail-500-names-auth", '500 5.5.1 Command unrecognized: "AUTH LOGIN"', ("smtp-auth-not-enabled",),
         "sendmail srvrsmtp.c ('500 5.5.1 Command unrecognized: \"%s\"')"),
    Case("python-auth-502", "smtplib.SMTPAuthenticationError: (502, b'5.5.2 Error: command not recognized')",
         ("smtp-auth-not-enabled",), "python/cpython:Lib/smtplib.py (SMTP.auth raises SMTPAuthenticationError with the reply)"),
    # Net::SMTP's words when the EHLO answer lists no AUTH: the server offers none on that connection, which may be
    # a server without SMTP AUTH or one that offers it only after STARTTLS; both are honest.
    Case("perl-net-smtp-command-unknown-auth", "500 Command unknown: 'AUTH'", ("smtp-auth-not-enabled", "auth-requires-tls"),
         "Perl libnet Net/SMTP.pm (auth: supports('AUTH', 500, [\"Command unknown: 'AUTH'\"]))"),
    # Differential: the same reply to another command is no word on AUTH; a refused password stays one.
    Case("postfix-502-after-mail", "C: MAIL FROM:<a@example.org>\nS: 502 5.5.2 Error: command not recognized",
         ("server-reply-permanent",), "RFC 5321 section 4.2.4"),
    Case("postfix-535-after-auth", "C: AUTH PLAIN AGFsaWNlAHNlY3JldA==\nS: 535 5.7.8 Error: authentication failed: authentication failure",
         ("password-rejected",), "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c"),
    Case("postfix-502-after-starttls", "C: STARTTLS\nS: 502 5.5.2 Error: command not recognized",
         ("starttls-not-offered",), "RFC 3207 section 4"),
]

SENDER_DOMAIN = [
    Case("postfix-450-418-bounce",
         "host mx.example.net[192.0.2.1] said: 450 4.1.8 <bob@nohost.example>: Sender address rejected: Domain not found "
         "(in reply to RCPT TO command)", ("sender-address-not-allowed",),
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (reject_unknown_address, unknown_address_reject_code 450)"),
    Case("postfix-550-518-log",
         "NOQUEUE: reject: RCPT from unknown[192.0.2.5]: 550 5.1.8 <bob@nohost.example>: Sender address rejected: "
         "Domain not found; from=<bob@nohost.example> to=<a@example.org> proto=ESMTP helo=<x>",
         ("sender-address-not-allowed",), "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (reject_unknown_address)"),
    Case("postfix-uncoded-in-thunderbird",
         "The mail server responded: Sender address rejected: Domain not found. Please check the message and try again.",
         ("sender-address-not-allowed",), "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c; Thunderbird's sending error"),
    Case("postfix-uncoded-bare", "Sender address rejected: Domain not found", ("sender-address-not-allowed",),
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (reject_unknown_address)"),
    # Differential: the recipient's twin and the client's own resolver.
    Case("postfix-recipient-domain-not-found", "450 4.1.2 <x@nohost.example>: Recipient address rejected: Domain not found",
         ("server-reply-transient", "recipient-domain-unknown"),
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c (reject_unknown_recipient_domain)"),
    Case("postfix-own-resolver",
         "Host or domain name not found. Name service error for name=mx.example.org type=A: Host not found",
         ("server-host-unknown",), "vdukhovni/postfix:postfix/src/smtp/smtp_addr.c"),
]

CERT_FAULTS = [
    Case("gnutls-unknown-issuer-and-expired",
         "Certificate verification failed: The certificate is NOT trusted. The certificate issuer is unknown. "
         "The certificate chain uses expired certificate.  Could not handshake: Error in the certificate verification.",
         ("cert-untrusted-issuer", "cert-self-signed"), "gnutls/gnutls:lib/x509/output.c (gnutls_certificate_verification_status_print)"),
    Case("gnutls-unknown-issuer-and-has-expired",
         "The certificate is NOT trusted. The certificate issuer is unknown. The certificate has expired.",
         ("cert-untrusted-issuer", "cert-self-signed"), "gnutls/gnutls:lib/x509/output.c; marlam/msmtp:src/tls.c ('the certificate has expired')"),
    Case("geary-unknown-ca-and-expired",
         "The identity of the mail server at imap.example.org:993 could not be verified:\n"
         "• The server’s certificate is not signed by a known authority\n• The server’s certificate has expired",
         ("cert-untrusted-issuer", "cert-self-signed"), "GNOME/geary:src/client/dialogs/certificate-warning-dialog.vala"),
    Case("gnutls-not-activated-and-unknown-issuer",
         "The certificate is NOT trusted. The certificate issuer is unknown. The certificate chain uses not yet valid certificate.",
         ("cert-untrusted-issuer", "cert-self-signed"), "gnutls/gnutls:lib/x509/output.c"),
    # Differential: one fault alone keeps its reading; "NOT trusted" is only GnuTLS's status line.
    Case("gnutls-expired-alone", "The certificate is NOT trusted. The certificate chain uses expired certificate.",
         ("cert-expired",), "gnutls/gnutls:lib/x509/output.c"),
    Case("gnutls-issuer-alone", "The certificate is NOT trusted. The certificate issuer is unknown.",
         ("cert-untrusted-issuer", "cert-self-signed"), "gnutls/gnutls:lib/x509/output.c"),
    Case("geary-expired-alone",
         "The identity of the mail server at imap.example.org:993 could not be verified:\n• The server’s certificate has expired",
         ("cert-expired",), "GNOME/geary:src/client/dialogs/certificate-warning-dialog.vala"),
    Case("msmtp-not-trusted-alone", "msmtp: TLS certificate verification failed: the certificate is not trusted",
         ("cert-untrusted-issuer", "cert-self-signed"), "marlam/msmtp:src/tls.c"),
    Case("openssl-expired", "SSL routines:tls_process_server_certificate:certificate verify failed: certificate has expired",
         ("cert-expired",), "openssl:crypto/x509/x509_txt.c"),
]

# The candidates of a connection broken under an established session (data/error-texts.yaml socket rows, reset and
# closed): a session cut by something on the way, or the server; never password-rejected.
CUT = ("tls-interception", "port-blocked-outbound", "server-unavailable", "server-protocol-error")
SASL_AFTER_CUT = [
    Case("neomutt-closed-then-sasl", "Connection to imap.example.org closed\nSASL authentication failed.", CUT,
         "neomutt/neomutt:conn/socket.c (mutt_socket_readchar), imap/auth_sasl.c"),
    Case("neomutt-reset-then-sasl", "Error talking to imap.example.org (Connection reset by peer)\nSASL authentication failed.",
         CUT, "neomutt/neomutt:conn/raw.c (raw_socket_read), imap/auth_sasl.c"),
    Case("neomutt-gnutls-pull-then-sasl", "tls_socket_read (Error in the pull function.)\nSASL authentication failed.", CUT,
         "neomutt/neomutt:conn/gnutls.c (tls_socket_read); gnutls/gnutls:lib/errors.c (GNUTLS_E_PULL_ERROR)"),
    Case("neomutt-gnutls-pull-alone", "tls_socket_read (Error in the pull function.)", CUT,
         "neomutt/neomutt:conn/gnutls.c (tls_socket_read)"),
    # Differential: the SASL failure alone is the login's (the server answered NO to AUTHENTICATE).
    Case("neomutt-sasl-alone", "SASL authentication failed.", ("password-rejected",), "neomutt/neomutt:imap/auth_sasl.c"),
]

GROUPS = {"greetings": GREETINGS, "auth-unknown": AUTH_UNKNOWN, "sender-domain": SENDER_DOMAIN, "cert-faults": CERT_FAULTS,
          "sasl-after-cut": SASL_AFTER_CUT}


def _first(case: Case) -> str | None:
    return next(iter(causes_of(case.text)), None)


def test_each_wording_once() -> None:
    assert_named_once([case for cases in GROUPS.values() for case in cases])


@pytest.mark.parametrize("case", [pytest.param(case, id=f"{group}:{case.name}")
                                  for group, cases in GROUPS.items() for case in cases])
def test_each_item_reads_as_its_source_says(case: Case) -> None:
    """One group per item of the module docstring: the first cause is one the source allows."""
    assert _first(case) in case.causes, case.source


def test_generic_failure_stays_generic() -> None:
    """A bare "command not recognized" names no command: it stays a permanent refusal, not a missing AUTH."""
    causes = causes_of("502 5.5.2 Error: command not recognized")
    assert causes and "smtp-auth-not-enabled" not in causes and "password-rejected" not in causes


def test_quoted_greeting_never_fine() -> None:
    """A client's error that quotes a success greeting is never read as fine."""
    from mailexpert.explain import explain
    for text in ("short response: +OK", "invalid response code: +OK POP3 ready", "short response: * OK ready"):
        assert explain(text).diagnoses, text

