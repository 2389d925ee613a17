"""Why the server would not take the login, a second pass: wordings of the four causes users confuse
(auth-requires-tls, auth-mechanism-unsupported, smtp-auth-not-enabled, password-rejected) that the earlier
catalogues (test_explain_authdiff, test_explain_unrecognized_auth, test_explain_cleartext_refusals,
test_explain_oauth) do not have -- mostly the libraries' and programs' own texts, raised before or without
a server's refusal of the password, and servers' replies read at their source.

Each case: the text as a user pastes it, the causes it may honestly read as (the first of them the one
its words decide; several where the words cannot decide between them), and its source. Who printed it
decides: a client that found no mechanism of its own among the server's is no refused password, and a
server that wants TLS before a login is no mechanism missing."""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

BEFORE_TLS = ("auth-requires-tls",)
MECHANISM = ("auth-mechanism-unsupported", "oauth-required")
# The program found no way to log in among what the server lists: none of its mechanisms, or (IMAP) only
# LOGINDISABLED before TLS. The words do not say which.
NO_WAY_IN = ("auth-mechanism-unsupported", "auth-requires-tls", "oauth-required")
# A program that stops when the server lists no AUTH, or none it can use: the words cannot tell them apart.
NO_AUTH_OR_MECHANISM = ("auth-mechanism-unsupported", "smtp-auth-not-enabled", "auth-requires-tls")
# The program itself will not send the password on an unencrypted connection.
CLIENT_REFUSES_CLEARTEXT = ("cleartext-auth-exposed", "auth-requires-tls")

CASES = [
    # --- the libraries' and programs' own texts ----------------------------------------------------------
    Case("javamail-imap-no-login-methods",
         "javax.mail.MessagingException: No login methods supported!;\n  nested exception is:\n"
         "\tcom.sun.mail.iap.ProtocolException: No login methods supported!",
         NO_WAY_IN,
         "javaee/javamail:mail/src/main/java/com/sun/mail/imap/IMAPStore.java (login: no AUTH= mechanism it may "
         "use and LOGINDISABLED among the capabilities)"),
    Case("javamail-smtp-old-spelling",
         "javax.mail.AuthenticationFailedException: No authentication mechansims supported by both server and client",
         (*MECHANISM, "smtp-auth-not-enabled"),
         "javaee/javamail:mail/src/main/java/com/sun/mail/smtp/SMTPTransport.java (authenticate, JavaMail 1.5/1.6 "
         "spelling; Jakarta Mail corrected it)"),
    Case("mailkit-imap-login-disabled",
         "MailKit.Security.AuthenticationException: The LOGIN command is disabled.",
         ("auth-requires-tls", "auth-mechanism-unsupported", "oauth-required"),
         "jstedfast/MailKit:MailKit/Net/Imap/ImapClient.cs (CheckCanLogin: LOGINDISABLED, no SASL mechanism in "
         "common)"),
    Case("curl-sasl-none-recognised",
         "* SASL: no auth mechanism was offered or recognized\n* closing connection #0\ncurl: (67) Login denied",
         NO_WAY_IN,
         "curl/curl:lib/curl_sasl.c (Curl_sasl_is_blocked: the server listed no mechanism curl knows; IMAP also "
         "LOGINDISABLED, imap.c imap_perform_authentication), lib/strerror.c (CURLE_LOGIN_DENIED)"),
    Case("curl-sasl-no-overlap",
         "* SASL: no overlap between offered and configured auth mechanisms\n* closing connection #0\n"
         "curl: (67) Login denied",
         MECHANISM,
         "curl/curl:lib/curl_sasl.c (Curl_sasl_is_blocked: --login-options AUTH=... or a bearer token asks for "
         "mechanisms the server does not list)"),
    Case("curl-sasl-none-selectable",
         "* SASL: no auth mechanism offered could be selected\n* closing connection #0\ncurl: (67) Login denied",
         MECHANISM,
         "curl/curl:lib/curl_sasl.c (Curl_sasl_is_blocked: offered and allowed, but none usable with what curl "
         "was given or built with)"),
    Case("emailjs-no-form",
         "Error: no form of authorization supported",
         NO_AUTH_OR_MECHANISM,
         "eleith/emailjs:smtp/connection.ts (login: no method of its preferred list in the EHLO reply's AUTH, "
         "or no AUTH at all)"),
    Case("nodemailer-unknown-method",
         'Error: Unknown authentication method "NTLM"',
         MECHANISM,
         "nodemailer/nodemailer:lib/smtp-connection/index.js (login: authMethod not one nodemailer implements)"),
    Case("nodemailer-missing-credentials",
         'Error: Missing credentials for "PLAIN"',
         ("client-config-corrupt",),
         "nodemailer/nodemailer:lib/smtp-connection/index.js (login: auth set without user and pass; "
         "nothing was sent)"),
    Case("k9-smtp-cram-md5",
         "com.fsck.k9.mail.MessagingException: Authentication method CRAM-MD5 is unavailable.",
         MECHANISM,
         "thunderbird/thunderbird-android:mail/protocols/smtp SmtpTransport (AuthType.CRAM_MD5, not in the "
         "EHLO reply)"),
    Case("k9-imap-cram-md5",
         "com.fsck.k9.mail.MessagingException: Server doesn't support encrypted passwords using CRAM-MD5.",
         MECHANISM,
         "thunderbird/thunderbird-android:mail/protocols/imap RealImapConnection (authenticate: CRAM_MD5 not "
         "among the capabilities)"),
    Case("swiftmailer-zero-authenticators",
         'Swift_TransportException: Failed to authenticate on SMTP server with username "alice@example.com" '
         "using 0 possible authenticators.",
         MECHANISM,
         "swiftmailer/swiftmailer:lib/classes/Swift/Transport/Esmtp/AuthHandler.php (afterEhlo: AUTH listed, "
         "none of its authenticators among its mechanisms)"),
    Case("swiftmailer-starttls-first",
         'Swift_TransportException: Failed to authenticate on SMTP server with username "alice@example.com" '
         'using 2 possible authenticators. Authenticator LOGIN returned Expected response code 250 but got code '
         '"530", with message "530 5.7.0 Must issue a STARTTLS command first.". Authenticator PLAIN returned '
         'Expected response code 250 but got code "530", with message "530 5.7.0 Must issue a STARTTLS command '
         'first.".',
         BEFORE_TLS,
         "swiftmailer/swiftmailer:lib/classes/Swift/Transport/Esmtp/AuthHandler.php (afterEhlo), around "
         "Postfix's smtpd.c reply (smtpd_tls_auth_only)"),
    Case("mbsync-no-mechanism",
         "IMAP error: server supports no acceptable authentication mechanism",
         NO_WAY_IN,
         "isync:src/drv_imap.c (imap_open_store_authenticate2)"),
    Case("mbsync-login-skipped-in-clear",
         "IMAP error: server supports no acceptable authentication mechanism\n"
         "Note: not using LOGIN because connection is not encrypted;\n"
         "      use 'AuthMechs LOGIN' explicitly to force it.",
         CLIENT_REFUSES_CLEARTEXT,
         "isync:src/drv_imap.c (imap_open_store_authenticate2: skipped_login, LOGIN left out on a connection "
         "without TLS)"),
    Case("python-imaplib-authenticate",
         "imaplib.IMAP4.error: [ALERT] Unsupported authentication mechanism.",
         MECHANISM,
         "python/cpython:Lib/imaplib.py (authenticate: raise self.error(dat[-1].decode())) around Dovecot's "
         "reply (below)"),
    Case("python-smtplib-dovecot-submission",
         "smtplib.SMTPAuthenticationError: (504, b'5.5.4 Unsupported authentication mechanism.')",
         MECHANISM,
         "python/cpython:Lib/smtplib.py (SMTP.auth) around Dovecot submission-login's reply (below)"),
    Case("python-smtplib-dovecot-523",
         "smtplib.SMTPAuthenticationError: (523, b'5.7.10 Cleartext authentication disallowed on non-secure "
         "(SSL/TLS) connections.')",
         BEFORE_TLS,
         "python/cpython:Lib/smtplib.py (SMTP.auth) around Dovecot submission-login's reply (below)"),
    Case("evolution-smtp-mechanism",
         "SMTP server smtp.example.com does not support CRAM-MD5 authentication",
         MECHANISM,
         "GNOME/evolution-data-server:src/camel/providers/smtp/camel-smtp-transport.c "
         "(smtp_transport_connect_sync: AUTH listed, the account's mechanism not among it)"),
    Case("evolution-imapx-mechanism",
         "IMAP server imap.example.com does not support NTLM authentication",
         MECHANISM,
         "GNOME/evolution-data-server:src/camel/providers/imapx/camel-imapx-server.c (authenticate)"),
    Case("sylpheed-smtp-auth-not-available",
         "SMTP AUTH not available",
         NO_AUTH_OR_MECHANISM,
         "sylpheed-mail/sylpheed:libsylph/smtp.c (smtp_auth: none of its mechanisms in the EHLO reply's AUTH, or "
         "no AUTH; it then sends MAIL FROM without a login)"),
    Case("nodemailer-dovecot-submission",
         "Error: Invalid login: 504 5.5.4 Unsupported authentication mechanism.",
         MECHANISM,
         "nodemailer/nodemailer:lib/smtp-connection/index.js (_actionAUTHComplete: 'Invalid login', EAUTH) around "
         "Dovecot submission-login's reply (below)"),
    Case("nodemailer-dovecot-523",
         "Error: Invalid login: 523 5.7.10 Cleartext authentication disallowed on non-secure (SSL/TLS) connections.",
         BEFORE_TLS,
         "nodemailer/nodemailer:lib/smtp-connection/index.js around Dovecot submission-login's reply (below)"),
    Case("outlook-rejected-login-504",
         "Send test e-mail message: Your e-mail server rejected your login. Verify your user name and password for "
         "this account in Account Settings. The server responded: 504 5.7.4 Unrecognized authentication type",
         ("auth-mechanism-unsupported", "auth-requires-tls", "oauth-required"),
         "Outlook's 0x800CCC90-family wording around Exchange's 504 5.7.4 (test_explain_unrecognized_auth: the "
         "mechanism alone, a login before STARTTLS beside it)"),
    Case("postfix-client-bounce-504",
         "Mar  4 08:00:02 relay postfix/smtp[2345]: 0A1B2C3D4E: to=<bob@example.org>, "
         "relay=smtp.example.com[198.51.100.7]:587, delay=0.5, delays=0.1/0/0.3/0, dsn=5.7.0, status=bounced (SASL "
         "authentication failed; server smtp.example.com[198.51.100.7] said: 504 5.5.4 Unsupported authentication "
         "mechanism.)",
         MECHANISM,
         "vdukhovni/postfix:postfix/src/smtp/smtp_sasl_glue.c (smtp_sasl_authenticate: 'SASL authentication "
         "failed; server %s said: %s')"),
    Case("postfix-client-deferred-538",
         "Mar  4 08:00:02 relay postfix/smtp[2345]: 0A1B2C3D4E: to=<bob@example.org>, "
         "relay=smtp.example.com[198.51.100.7]:587, delay=0.5, delays=0.1/0/0.3/0, dsn=4.7.0, status=deferred (SASL "
         "authentication failed; server smtp.example.com[198.51.100.7] said: 538 5.7.11 Encryption required for "
         "requested authentication mechanism)",
         BEFORE_TLS,
         "vdukhovni/postfix:postfix/src/smtp/smtp_sasl_glue.c, RFC 4954 section 6 (538 5.7.11)"),
    Case("phpmailer-debug-unsupported-mechanism",
         "2026-03-04 08:00:02 SMTP ERROR: AUTH command failed: 504 5.5.4 Unsupported authentication mechanism.\n"
         "SMTP Error: Could not authenticate.",
         MECHANISM,
         "PHPMailer/PHPMailer:src/SMTP.php (authenticate, debug output), src/PHPMailer.php (lang 'authenticate')"),
    Case("ruby-net-smtp-sendmail",
         "Net::SMTPSyntaxError: 504 5.3.3 AUTH mechanism CRAM-MD5 not available",
         MECHANISM,
         "ruby/net-smtp:lib/net/smtp.rb (Response#exception_class: a 50x reply raises SMTPSyntaxError) around "
         "sendmail's reply (below)"),

    # --- servers' replies and logs ------------------------------------------------------------------------
    # dovecot/core:src/login-common/sasl-proxy.c ("Unsupported authentication mechanism.",
    # AUTH_CLEARTEXT_DISABLED_MSG) as each login process words the result
    Case("dovecot-imap-mech-invalid",
         "A1 NO [ALERT] Unsupported authentication mechanism.",
         MECHANISM,
         "dovecot/core:src/imap-login/client-authenticate.c (CLIENT_AUTH_RESULT_MECH_INVALID: NO [ALERT])"),
    Case("dovecot-pop3-mech-invalid",
         "-ERR [AUTH] Unsupported authentication mechanism.",
         MECHANISM,
         "dovecot/core:src/pop3-login/client-authenticate.c (MECH_INVALID: POP3_CMD_REPLY_AUTH_ERROR)"),
    Case("dovecot-submission-mech-invalid",
         "504 5.5.4 Unsupported authentication mechanism.",
         MECHANISM,
         "dovecot/core:src/submission-login/client-authenticate.c (MECH_INVALID: 504 5.5.4, RFC 4954 section 4)"),
    Case("dovecot-submission-mech-ssl-required",
         "523 5.7.10 Cleartext authentication disallowed on non-secure (SSL/TLS) connections.",
         BEFORE_TLS,
         "dovecot/core:src/submission-login/client-authenticate.c (MECH_SSL_REQUIRED: 523 5.7.10, RFC 5248)"),
    Case("dovecot-submission-ssl-required",
         "530 5.7.0 Cleartext authentication disallowed on non-secure (SSL/TLS) connections.",
         BEFORE_TLS,
         "dovecot/core:src/submission-login/client-authenticate.c (SSL_REQUIRED: 530 5.7.0, RFC 3207 section 4)"),
    # dovecot/core:src/login-common/client-common-auth.c (client_auth_begin_common: ssl = required and no TLS,
    # "Authentication disallowed on non-secure (SSL/TLS) connections.")
    Case("dovecot-imap-ssl-required",
         "A1 NO [PRIVACYREQUIRED] Authentication disallowed on non-secure (SSL/TLS) connections.",
         BEFORE_TLS,
         "dovecot/core:src/imap-login/client-authenticate.c (SSL_REQUIRED: NO [PRIVACYREQUIRED])"),
    Case("dovecot-submission-auth-ssl-required",
         "530 5.7.0 Authentication disallowed on non-secure (SSL/TLS) connections.",
         BEFORE_TLS,
         "dovecot/core:src/submission-login/client-authenticate.c (SSL_REQUIRED: 530 5.7.0)"),
    Case("dovecot-pop3-ssl-required",
         "-ERR [AUTH] Authentication disallowed on non-secure (SSL/TLS) connections.",
         BEFORE_TLS,
         "dovecot/core:src/pop3-login/client-authenticate.c (SSL_REQUIRED: POP3_CMD_REPLY_AUTH_ERROR)"),
    # vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_proto.c (smtpd_sasl_auth_cmd: smtpd_tls_auth_only and no TLS,
    # "RFC 4954, Section 4")
    Case("postfix-504-encryption-required",
         "504 5.5.4 Encryption required for requested authentication mechanism",
         BEFORE_TLS,
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_proto.c (smtpd_sasl_auth_cmd, var_smtpd_tls_auth_only)"),
    Case("ruby-net-smtp-postfix-504",
         "Net::SMTPSyntaxError: 504 5.5.4 Encryption required for requested authentication mechanism",
         BEFORE_TLS,
         "ruby/net-smtp:lib/net/smtp.rb (a 50x reply raises SMTPSyntaxError) around Postfix's reply"),
    Case("cyrus-imap-authenticate-layer",
         "A1 NO Authenticate only available under a layer",
         BEFORE_TLS,
         "cyrusimap/cyrus-imapd:imap/imapd.c (cmd_authenticate: imapd_tls_required)"),
    Case("cyrus-pop3-user-layer",
         "-ERR [AUTH] USER command only available under a layer",
         BEFORE_TLS,
         "cyrusimap/cyrus-imapd:imap/pop3d.c (cmd_user)"),
    Case("cyrus-pop3-auth-layer",
         "-ERR [AUTH] AUTH command only available under a layer",
         BEFORE_TLS,
         "cyrusimap/cyrus-imapd:imap/pop3d.c (cmd_auth: popd_tls_required)"),
    Case("cyrus-pop3-apop-layer",
         "-ERR [AUTH] APOP command only available under a layer",
         BEFORE_TLS,
         "cyrusimap/cyrus-imapd:imap/pop3d.c (cmd_apop)"),
    Case("sendmail-504-mechanism",
         "504 5.3.3 AUTH mechanism CRAM-MD5 not available",
         MECHANISM,
         "sendmail:sendmail/srvrsmtp.c (CMDAUTH: the mechanism is not in mechlist)"),
    Case("zmailer-503-mechanism",
         "503 5.3.3 AUTH mechanism DIGEST-MD5 not available",
         MECHANISM,
         "ZMailer smtpserver/smtpauth.c (smtp_auth with Cyrus SASL: the mechanism is not in SS->sasl.mechlist)"),
    Case("exim-504-mechanism",
         "504 CRAM-MD5 authentication mechanism not supported",
         MECHANISM,
         "Exim/exim:src/src/smtp_in.c (AUTH_CMD: no authenticator of that public name)"),
    Case("exim-log-mechanism",
         '2026-03-04 08:00:02 SMTP protocol error in "AUTH CRAM-MD5" H=(laptop) [203.0.113.5]:51234 '
         "I=[192.0.2.10]:587 CRAM-MD5 authentication mechanism not supported",
         MECHANISM,
         "Exim/exim:src/src/smtp_in.c (synprot_error, L_smtp_protocol_error)"),
    # vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c (smtpd_sasl_authenticate: "SASL %s authentication
    # failed: %s", the reason Cyrus SASL's sasl_errstring)
    Case("postfix-log-encryption-needed",
         "Mar  4 08:00:02 mail postfix/smtpd[1234]: warning: unknown[203.0.113.5]: SASL PLAIN authentication "
         "failed: encryption needed to use mechanism, sasl_username=(unavailable)",
         BEFORE_TLS,
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c; cyrusimap/cyrus-sasl:lib/common.c (SASL_ENCRYPT)"),
    Case("postfix-log-too-weak",
         "Mar  4 08:00:02 mail postfix/smtpd[1234]: warning: unknown[203.0.113.5]: SASL CRAM-MD5 authentication "
         "failed: mechanism too weak for this user, sasl_username=alice",
         MECHANISM,
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c; cyrusimap/cyrus-sasl:lib/common.c (SASL_TOOWEAK)"),
    # The reason Postfix quotes is the last challenge its SASL server sent, base64 "Password:" (the LOGIN
    # mechanism's second prompt): the refusal came after the password was sent, so it is the password or the
    # user name, not the mechanism.
    Case("postfix-log-login-password-challenge",
         "Mar  4 08:00:02 mail postfix/submission/smtpd[1234]: warning: unknown[203.0.113.5]: SASL LOGIN "
         "authentication failed: UGFzc3dvcmQ6",
         ("password-rejected", "username-wrong"),
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c ('535 5.7.8 Error: authentication failed: %s' "
         "and its log line, the reason the reply buffer held); RFC 4954 section 4 (334 challenges are base64)"),
    Case("postfix-reply-login-password-challenge",
         "535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6",
         ("password-rejected", "username-wrong"),
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c (the same reason in the reply)"),
    # RFC 4954 section 6: "534 5.7.9 Authentication mechanism is too weak" (weaker than server policy permits
    # for that user). Gmail's 534 5.7.9 says "Application-specific password required" in its own words.
    Case("rfc4954-534-too-weak",
         "534 5.7.9 Authentication mechanism is too weak",
         MECHANISM,
         "RFC 4954 section 6 (534 5.7.9)"),
    Case("python-smtplib-534-too-weak",
         "smtplib.SMTPAuthenticationError: (534, b'5.7.9 Authentication mechanism is too weak')",
         MECHANISM,
         "python/cpython:Lib/smtplib.py (SMTP.login raises the last AUTH reply) around RFC 4954 section 6's reply"),
    Case("gmail-534-app-password",
         "534-5.7.9 Application-specific password required. For more information, go to\n"
         "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor d2sm1234567wrb.12 - gsmtp",
         ("app-password-required",),
         "https://support.google.com/a/answer/3726730 (534 5.7.9 Application-specific password required)"),
    Case("cyrus-sasl-too-weak",
         "SASL(-15): mechanism too weak for this user",
         MECHANISM,
         "cyrusimap/cyrus-sasl:lib/common.c (sasl_errstring SASL_TOOWEAK; sasl_errdetail's 'SASL(%d): ' form)"),
    Case("cyrus-sasl-encrypt",
         "SASL(-16): encryption needed to use mechanism",
         BEFORE_TLS,
         "cyrusimap/cyrus-sasl:lib/common.c (sasl_errstring SASL_ENCRYPT; sasl_errdetail's 'SASL(%d): ' form)"),
]

# Sessions: the server's EHLO reply decides between no AUTH at all and AUTH only after STARTTLS (RFC 4954
# section 4: a server may list AUTH only once TLS is on; sendmail's AuthOptions=p leaves out the mechanisms
# that send a password in clear before TLS, and with none left it lists no AUTH).
SESSIONS = [
    Case("sendmail-auth-not-available-starttls-offered",
         "S: 220 mail.example.org ESMTP Sendmail 8.18.1/8.18.1; Tue, 4 Mar 2026 08:00:01 GMT\nC: EHLO laptop\n"
         "S: 250-mail.example.org Hello laptop [203.0.113.5], pleased to meet you\nS: 250-ENHANCEDSTATUSCODES\n"
         "S: 250-PIPELINING\nS: 250-8BITMIME\nS: 250-SIZE\nS: 250-STARTTLS\nS: 250 HELP\nC: AUTH LOGIN\n"
         "S: 503 5.3.3 AUTH not available",
         BEFORE_TLS,
         "sendmail:sendmail/srvrsmtp.c (CMDAUTH with no mechanism: '503 5.3.3 AUTH not available'); "
         "cf/README (AuthOptions p)"),
    Case("sendmail-auth-not-available-no-starttls",
         "S: 220 mail.example.org ESMTP Sendmail 8.18.1/8.18.1; Tue, 4 Mar 2026 08:00:01 GMT\nC: EHLO laptop\n"
         "S: 250-mail.example.org Hello laptop [203.0.113.5], pleased to meet you\nS: 250-ENHANCEDSTATUSCODES\n"
         "S: 250-PIPELINING\nS: 250-8BITMIME\nS: 250-SIZE\nS: 250 HELP\nC: AUTH LOGIN\n"
         "S: 503 5.3.3 AUTH not available",
         ("smtp-auth-not-enabled", "mx-host-used-for-submission"),
         "sendmail:sendmail/srvrsmtp.c (CMDAUTH with no mechanism)"),
]


@pytest.mark.parametrize("case", CASES + SESSIONS, ids=lambda c: c.name)
def test_the_cause_the_words_decide_comes_first(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes, "declined"
    assert causes[0] in case.causes, causes


@pytest.mark.parametrize("case", [c for c in CASES + SESSIONS if "password-rejected" not in c.causes],
                         ids=lambda c: c.name)
def test_none_is_read_as_a_refused_password(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes[:1] != ["password-rejected"], causes
