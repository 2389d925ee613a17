"""Known misreadings left from earlier sessions, each read by general knowledge with its public source.

1. Two of a program's own settings that exclude each other (implicit TLS and STARTTLS both on, msmtp's trust file
   beside a fingerprint) read as those settings conflicting (client-config-corrupt, rule
   client-config-corrupt-settings-conflict), not as a program with no mail server set. Sources:
   ruby/net-smtp:lib/net/smtp.rb ('SMTPS and STARTTLS is exclusive'); cole/aiosmtplib:src/aiosmtplib/smtp.py ('The
   start_tls and use_tls options are not compatible.'); django/django:
   django/core/mail/backends/smtp.py ('EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive, ...');
   postalsys/imapflow:lib/imap-flow.js ('Misconfiguration: Cannot set both secure=true ...'); python/cpython:
   Lib/imaplib.py ('TLS session already established'); mikel/mail:lib/mail/network/delivery_methods/smtp.rb
   (':enable_starttls and :tls are mutually exclusive. ...'); marlam/msmtp:src/conf.c check_account ('cannot use
   tls_trust_file with tls_certcheck turned off', 'cannot use tls_fingerprint with tls_certcheck turned off',
   'cannot use both tls_trust_file and tls_fingerprint'). Not aiosmtplib's 'Connection already using TLS': since its
   2.0 connect() upgrades with STARTTLS by itself (cole/aiosmtplib CHANGELOG.rst 2.0.0), so a program that still calls
   starttls() after it raises this on every STARTTLS server -- the program's defect (litestar-org/litestar-email#19),
   read as a programming error (client-outdated, rule client-outdated-program-error).
2. Go's net/textproto (golang/go:src/net/textproto/reader.go readCodeLine): a POP3 or IMAP greeting where SMTP's was
   awaited ('invalid response code: +OK ...', 'short response: * OK ...', and POP3's bare '+OK' greeting, RFC 1939
   section 4, which is 'short') reads wrong-protocol-on-port, never fine.
3. Outlook's 0x800CCC1A 'Your server does not support the connection encryption type you have specified.' reads as a
   TLS failure with the encryption setting among the candidates; Geary's certificate dialog
   (GNOME/geary:src/client/dialogs/certificate-warning-dialog.vala generate_warning_list), one bullet per
   GTlsCertificateFlags flag: a name mismatch listed beside an unknown authority reads as the mismatch.
4. mox's 'login disabled for account' (mjl-/mox:store/account.go ErrLoginDisabled; config/config.go LoginDisabled:
   every protocol), over IMAP without a response code, reads account-locked; Dovecot's 'Login disabled for this user'
   (dovecot/core:src/login-common/client-common-auth.c) too; Microsoft 365's '504 5.7.4 Unrecognized authentication
   type' in a session log where the login went before STARTTLS reads auth-requires-tls.
5. A program's 'authentication failed' over words that name OAuth, in any language of the catalogues
   (thunderbird/thunderbird-android:feature/account/oauth/src/main/res/values-*/strings.xml
   account_oauth_loading_error: 'OAuth ログインに失敗しました', 'Sisselogimine OAuth-i abil ei õnnestunud'), reads
   oauth-token-rejected: the program signed in with a token (XOAUTH2, RFC 7628), no password.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

CONFLICT_RULE = "client-config-corrupt-settings-conflict"

# (text, the cause that must come first (or one of a set), the rule that must give it or None)
CASES = [
    # 1. settings that conflict
    ("SMTPS and STARTTLS is exclusive", "client-config-corrupt", CONFLICT_RULE),
    ("The start_tls and use_tls options are not compatible.", "client-config-corrupt", CONFLICT_RULE),
    ("ValueError: EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive, so only set one of those settings to True.",
     "client-config-corrupt", CONFLICT_RULE),
    ("Misconfiguration: Cannot set both secure=true for TLS and doSTARTTLS=true for STARTTLS.",
     "client-config-corrupt", CONFLICT_RULE),
    # 1, neighbour: STARTTLS asked for again on a connection aiosmtplib (2.0+) already upgraded: the program's sequence
    ("aiosmtplib.errors.SMTPException: Connection already using TLS", "client-outdated", "client-outdated-program-error"),
    ("imaplib.IMAP4.abort: TLS session already established", "client-config-corrupt", CONFLICT_RULE),
    (":enable_starttls and :tls are mutually exclusive. Set :tls if you're on an SMTPS connection. Set "
     ":enable_starttls if you're on an SMTP connection and using STARTTLS for secure TLS upgrade.",
     "client-config-corrupt", CONFLICT_RULE),
    ("msmtp: account default from /home/alice/.msmtprc: cannot use tls_trust_file with tls_certcheck turned off",
     "client-config-corrupt", CONFLICT_RULE),
    ("cannot use both tls_trust_file and tls_fingerprint", "client-config-corrupt", CONFLICT_RULE),
    ("cannot use tls_fingerprint with tls_certcheck turned off", "client-config-corrupt", CONFLICT_RULE),
    # 1, neighbours: a server left unset keeps its rule, a STARTTLS the server refused is no conflict
    ("No outgoing mail server specified.", "client-config-corrupt", "client-config-corrupt-no-server"),
    ("The SMTP host was not specified.", "client-config-corrupt", "client-config-corrupt-no-server"),
    ("454 4.7.0 TLS not available due to local problem", "starttls-failed", None),
    # 2. Go's textproto over another protocol's greeting
    ("invalid response code: +OK Dovecot ready.", "wrong-protocol-on-port", None),
    ("dial tcp: invalid response code: +OK POP3 server ready", "wrong-protocol-on-port", None),
    ("short response: * OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS "
     "AUTH=PLAIN] Dovecot ready.", "wrong-protocol-on-port", None),
    ("short response: +OK", "wrong-protocol-on-port", None),
    ("invalid response code: SSH-2.0-OpenSSH_9.2p1 Debian-2", "wrong-protocol-on-port", None),
    # 2, neighbour: a refused connection stays a closed port
    ("dial tcp 127.0.0.1:587: connect: connection refused", "port-closed", None),
    # 3. Geary's certificate dialog: the name mismatch over the unknown authority
    ("The identity of the IMAP mail server at mail.example.org:993 could not be verified.\n"
     "• The server’s certificate is not signed by a known authority\n"
     "• The server’s identity does not match the identity in the certificate", "cert-hostname-mismatch", None),
    ("The identity of the IMAP mail server at mail.example.org:993 could not be verified.\n"
     "• The server’s certificate is not signed by a known authority", "cert-untrusted-issuer", None),
    # 4. an account whose login its administrator switched off
    ("a1 NO login disabled for account: moving to the new server", "account-locked", "account-locked-contactadmin"),
    ("525 5.7.13 login disabled for account: moving to the new server", "account-locked", None),
    ("a1 NO Login disabled for this user", "account-locked", "account-locked-contactadmin"),
    ("S: 220 mail.example.com ESMTP\nC: EHLO client.example.org\nS: 250-mail.example.com Hello\n"
     "S: 250-SIZE 35882577\nS: 250-STARTTLS\nS: 250 8BITMIME\nC: AUTH LOGIN\n"
     "S: 504 5.7.4 Unrecognized authentication type", "auth-requires-tls", None),
    # 4, neighbour: the server's own TLS demand keeps its cause
    ("538 5.7.11 authentication requires tls", "auth-requires-tls", None),
    # 5. an OAuth sign-in that failed, in the catalogues' languages
    ("OAuth ログインに失敗しました", "oauth-token-rejected", None),
    ("OAuth2 認証に失敗しました", "oauth-token-rejected", None),
    ("OAuth 登录失败", "oauth-token-rejected", None),
    ("OAuth2 身份验证失败", "oauth-token-rejected", None),
    ("Sisselogimine OAuth-i abil ei õnnestunud", "oauth-token-rejected", None),
    ("OAuth2 authentication failed", "oauth-token-rejected", None),
    ("Anmeldung mit OAuth2 fehlgeschlagen", "oauth-token-rejected", None),
    # 5, neighbours: a login failure that names no OAuth, or names the password, stays the password's
    ("ログインに失敗しました", "password-rejected", None),
    ("Authentication failed: password incorrect", "password-rejected", None),
    ("535 5.7.8 Username and Password not accepted", {"password-rejected", "app-password-required"}, None),
]


@pytest.mark.parametrize(("text", "cause", "rule"), CASES)
def test_the_text_reads_as_its_cause(text: str, cause: str | set[str], rule: str | None) -> None:
    top = explain(text).top
    assert top is not None, "declined or called fine"
    assert top.severity == "error"
    assert top.cause in ({cause} if isinstance(cause, str) else cause), top
    if rule is not None:
        assert top.rule == rule, top


def test_a_conflict_summary_says_the_settings_conflict() -> None:
    top = explain("SMTPS and STARTTLS is exclusive").top
    assert top is not None and "settings conflict" in top.summary
    assert "no mail server set" not in top.summary


# Outlook's 0x800CCC1A: a TLS failure, the encryption setting among its candidates.
def test_outlook_encryption_type_is_a_tls_failure_with_the_setting_among_its_candidates() -> None:
    report = explain("Send test e-mail message: Your server does not support the connection encryption type you "
                     "have specified. Try changing the encryption method.")
    causes = [d.cause for d in report.diagnoses if d.is_root]
    assert causes and all(d.severity == "error" for d in report.diagnoses if d.is_root)
    assert {"tls-on-plaintext-port", "plaintext-on-tls-port"} & set(causes)


# Texts that say only that something failed: a failure, without a specific cause made up.
GENERIC = [
    ("501 5.5.0 authentication aborted", {"client-config-corrupt", "oauth-token-rejected", "wrong-protocol-on-port"}),
    ("Sending of the message failed.", {"client-config-corrupt", "oauth-token-rejected", "wrong-protocol-on-port"}),
]


@pytest.mark.parametrize(("text", "not_these"), GENERIC)
def test_a_generic_failure_stays_a_failure_without_these_causes(text: str, not_these: set[str]) -> None:
    report = explain(text)
    roots = [d for d in report.diagnoses if d.is_root]
    assert roots and any(d.severity == "error" for d in roots)
    assert not {d.cause for d in roots} & not_these
