"""Logins that fail for a reason other than a wrong password, as servers, libraries and mail programs word
them, each read at its source: the server offers no AUTH at all (smtp-auth-not-enabled), it takes no login
before TLS (auth-requires-tls), or no mechanism is in common (auth-mechanism-unsupported). The right cause
first, and never a refused password: the server refused nothing about the password in any of these.

Each case: the text as a user pastes it, the causes it may honestly read as (the first of them the one its
words decide; several where the words cannot decide between them), and its source."""

from __future__ import annotations

import pytest
from helpers import causes_of

NOT_ENABLED = ("smtp-auth-not-enabled", "mx-host-used-for-submission")
# A program that stops because the EHLO reply lists no AUTH: the server offers none, or offers it only
# after STARTTLS and the program did not use STARTTLS. The words alone cannot tell which.
NO_AUTH_LISTED = ("smtp-auth-not-enabled", "auth-requires-tls", "mx-host-used-for-submission")
BEFORE_TLS = ("auth-requires-tls",)
MECHANISM = ("auth-mechanism-unsupported", "oauth-required")

CASES = [
    # --- the server offers no AUTH ---------------------------------------------------------------------
    # vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_proto.c (smtpd_sasl_auth_cmd)
    ("503 5.5.1 Error: authentication not enabled", NOT_ENABLED),
    ("The mail server responded: Error: authentication not enabled.", NOT_ENABLED),
    # sendmail srvrsmtp.c (CMDAUTH with no SASL mechanism)
    ("503 5.3.3 AUTH not available", NOT_ENABLED),
    # Exim src/smtp_in.c (AUTH where none was advertised), the reply and the server's own log line
    ("503 AUTH command used when not advertised", NOT_ENABLED),
    ('2026-03-04 08:00:02 SMTP protocol error in "AUTH LOGIN" H=(laptop) [203.0.113.5]:51234 '
     'I=[192.0.2.10]:25 AUTH command used when not advertised', NOT_ENABLED),
    # python/cpython:Lib/smtplib.py (SMTP.login: no AUTH in the EHLO reply)
    ("smtplib.SMTPNotSupportedError: SMTP AUTH extension not supported by server.", NO_AUTH_LISTED),
    # golang/go:src/net/smtp/smtp.go (SendMail: no AUTH extension)
    ("smtp: server doesn't support AUTH", NO_AUTH_LISTED),
    ('level=error msg="failed to send mail" err="smtp: server doesn\'t support AUTH"', NO_AUTH_LISTED),
    # jstedfast/MailKit:MailKit/Net/Smtp/SmtpClient.cs (Authenticate: no AUTH capability)
    ("System.NotSupportedException: The SMTP server does not support authentication.\n"
     "   at MailKit.Net.Smtp.SmtpClient.AuthenticateAsync(Encoding encoding, ICredentials credentials, "
     "CancellationToken cancellationToken)", NO_AUTH_LISTED),
    # marlam/msmtp:src/msmtp.c (auth on, no AUTH in the EHLO reply)
    ("msmtp: the server does not support authentication", NO_AUTH_LISTED),
    # jetmore/swaks:swaks (do_smtp_auth returns 1: no AUTH in the EHLO reply)
    ("*** Host did not advertise authentication", NO_AUTH_LISTED),
    # wneessen/go-mail:client.go (auth: no AUTH extension)
    ("failed to authenticate: server does not support SMTP AUTH", NO_AUTH_LISTED),
    # Perl's Net::SMTP (auth: supports('AUTH', 500, ["Command unknown: 'AUTH'"]) when the EHLO reply lists no
    # AUTH), as git send-email dies with it
    ("Command unknown: 'AUTH' at /usr/lib/git-core/git-send-email line 1573.", NO_AUTH_LISTED),
    # LumiSoft.Net AUTH_SASL_Client (no SASL method in the EHLO reply)
    ("System.NotSupportedException: SMTP server does not support authentication.", NO_AUTH_LISTED),
    # PHPMailer/PHPMailer:src/SMTP.php (authenticate: no AUTH in the EHLO reply; "'at this stage' means that
    # auth may be allowed after the stage changes, e.g. after STARTTLS")
    ("SMTP Error: Could not authenticate. Authentication is not allowed at this stage", NO_AUTH_LISTED),
    # Microsoft 365: 5.7.57, a client that sent MAIL FROM without logging in
    # (learn.microsoft.com/exchange/troubleshoot/email-delivery/send-receive-emails-smtp-error-5-7-57)
    ("530 5.7.57 Client not authenticated to send mail. [AM0PR02CA0001.eurprd02.prod.outlook.com]",
     ("smtp-auth-not-enabled",)),
    ("smtplib.SMTPSenderRefused: (530, b'5.7.57 SMTP; Client was not authenticated to send anonymous mail "
     "during MAIL FROM [HK2PR04CA0065.apcprd04.prod.outlook.com]', 'alice@example.com')",
     ("smtp-auth-not-enabled",)),
    # dotnet/runtime System.Net.Mail (SmtpException, MustIssueStartTlsFirst) around Microsoft 365's reply
    ("System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not "
     "authenticated. The server response was: 5.7.57 Client not authenticated to send mail.",
     ("smtp-auth-not-enabled",)),
    # Gmail, MAIL FROM without a login (support.google.com/mail/?p=WantAuthError)
    ("smtplib.SMTPSenderRefused: (530, b'5.7.0 Authentication Required. For more information, go to\\n5.7.0  "
     "https://support.google.com/mail/?p=WantAuthError d2sm1234567wrb.12 - gsmtp', 'alice@example.com')",
     ("smtp-auth-not-enabled",)),

    # --- the server takes no login before TLS ----------------------------------------------------------
    # vdukhovni/postfix:postfix/src/smtpd/smtpd.c (smtpd_tls_auth_only, smtpd_enforce_tls)
    ("530 5.7.0 Must issue a STARTTLS command first", BEFORE_TLS),
    # RFC 4954 section 6 (538 5.7.11)
    ("538 5.7.11 Encryption required for requested authentication mechanism", BEFORE_TLS),
    # dovecot/core:src/imap-login/client-authenticate.c and src/login-common (AUTH_PLAINTEXT_DISABLED_MSG)
    ("a NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
     BEFORE_TLS),
    ("* BAD [ALERT] Plaintext authentication not allowed without SSL/TLS, but your client did it anyway. "
     "If anyone was listening, the password was exposed.\n"
     "a NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
     BEFORE_TLS),
    # cyrusimap/cyrus-imapd:imap/imapd.c (cmd_login: allowplaintext off and no TLS)
    ("a1 NO Login only available under a layer", BEFORE_TLS),
    # emersion/go-imap v1 client (Login with LOGINDISABLED among the capabilities: ErrLoginDisabled)
    ("Login is disabled in current state", BEFORE_TLS),
    # git/git:imap-send.c (imap_open_store: CAP(NOLOGIN) and no AUTHENTICATE method set)
    ("Skipping account alice@imap.example.org, server forbids LOGIN", BEFORE_TLS),
    # mutt's and neomutt's imap/auth_login.c (LOGINDISABLED)
    ("LOGIN disabled on this server.", BEFORE_TLS),
    # the same refusals as Outlook, Java and .NET show them
    ("Send test e-mail message: Your outgoing (SMTP) e-mail server has reported an internal error. If you "
     "continue to receive this message, contact your server administrator or Internet service provider (ISP). "
     "The server responded: 530 5.7.0 Must issue a STARTTLS command first", BEFORE_TLS),
    ("com.sun.mail.smtp.SMTPSendFailedException: 530 5.7.0 Must issue a STARTTLS command first.", BEFORE_TLS),
    ("System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not "
     "authenticated. The server response was: 5.7.0 Must issue a STARTTLS command first", BEFORE_TLS),
    ("Net::SMTPAuthenticationError: 538 5.7.11 Encryption required for requested authentication mechanism",
     BEFORE_TLS),
    # Dovecot 2.4 says "cleartext" (AUTH_CLEARTEXT_DISABLED_MSG)
    ("S1 NO [PRIVACYREQUIRED] Cleartext authentication disallowed on non-secure (SSL/TLS) connections.",
     BEFORE_TLS),
    # dovecot/core:src/pop3-login (the same message with POP3's [AUTH] code)
    ("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.", BEFORE_TLS),
    # python/cpython:Lib/imaplib.py and poplib.py raise the server's reply
    ("imaplib.IMAP4.error: b'[PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) "
     "connections.'", BEFORE_TLS),
    ("poplib.error_proto: b'-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) "
     "connections.'", BEFORE_TLS),
    # dovecot/core:src/login-common/client-common.c (client_get_extra_disconnect_reason), its log line
    ("Mar  4 08:00:02 mail dovecot: imap-login: Aborted login (tried to use disallowed plaintext auth): "
     "user=<>, rip=203.0.113.5, lip=192.0.2.10, session=<bs0n2KIJYQBQN9XN>", BEFORE_TLS),
    ("Mar  4 08:00:02 mail dovecot: pop3-login: Disconnected (tried to use disallowed plaintext auth): "
     "user=<>, rip=203.0.113.5, lip=192.0.2.10, session=<bs0n2KIJYQBQN9XN>", BEFORE_TLS),
    # golang/go:src/net/smtp/auth.go (plainAuth.Start): the program itself will not send the password
    ("smtp: unencrypted connection", ("cleartext-auth-exposed", "auth-requires-tls")),

    # --- no mechanism in common -------------------------------------------------------------------------
    # Exchange, Microsoft 365 (alone, also a login sent before STARTTLS: test_explain_unrecognized_auth)
    ("504 5.7.4 Unrecognized authentication type [AM0PR02CA0001.eurprd02.prod.outlook.com]",
     ("auth-mechanism-unsupported", "auth-requires-tls")),
    # vdukhovni/postfix:postfix/src/xsasl/xsasl_dovecot_server.c (a mechanism Dovecot's auth does not offer),
    # the reply and smtpd's log line
    ("535 5.7.8 Error: authentication failed: Invalid authentication mechanism", MECHANISM),
    ("postfix/submission/smtpd[1234]: warning: unknown[203.0.113.5]: SASL CRAM-MD5 authentication failed: "
     "Invalid authentication mechanism", MECHANISM),
    # andris9/simplesmtp lib/server.js (_onCommandAUTH: a mechanism not in authMethods)
    ("535 5.7.8 Error: authentication failed: no mechanism available", MECHANISM),
    # dovecot/core:src/login-common/sasl-server.c (a mechanism Dovecot does not know)
    ("a NO Unsupported authentication mechanism.", MECHANISM),
    # dovecot/core:src/login-common/client-common.c, its log line
    ("Mar  4 08:00:02 mail dovecot: imap-login: Disconnected (tried to use unsupported auth mechanism): "
     "user=<>, method=CRAM-MD5, rip=203.0.113.5, lip=192.0.2.10, session=<bs0n2KIJYQBQN9XN>", MECHANISM),
    # curl/curl:lib/smtp.c, imap.c, pop3.c (no mechanism of curl's is among the server's), with curl's exit
    ("* No known authentication mechanisms supported!\ncurl: (67) Login denied", MECHANISM),
    # marlam/msmtp:src/msmtp.c (auth set to a method the server does not list)
    ("msmtp: the server does not support authentication method CRAM-MD5", MECHANISM),
    # muttmua/mutt:smtp.c and imap/auth.c
    ("No authenticators available", MECHANISM),
    # Thunderbird's messengercompose (smtpAuthMechNotSupported) and its Fluent form
    ("The Outgoing server (SMTP) smtp.example.com does not support the selected authentication method. "
     "Please change the 'Authentication method' in 'Account Settings | Outgoing Server (SMTP)'.", MECHANISM),
    # python/cpython:Lib/smtplib.py (SMTP.login: none of its methods among the server's)
    ("smtplib.SMTPException: No suitable authentication method found.", MECHANISM),
    # jstedfast/MailKit:MailKit/Net/Smtp/SmtpClient.cs (Authenticate(credentials))
    ("System.NotSupportedException: No compatible authentication mechanisms found.\n"
     "   at MailKit.Net.Smtp.SmtpClient.AuthenticateAsync(Encoding encoding, ICredentials credentials, "
     "CancellationToken cancellationToken)", MECHANISM),
    # PHPMailer/PHPMailer:src/SMTP.php (authenticate)
    ("SMTP Error: Could not authenticate. No supported authentication methods found", MECHANISM),
    ('The requested authentication method "CRAM-MD5" is not supported by the server', MECHANISM),
    # jakartaee/mail-api SMTPTransport.authenticate (none of mail.smtp.auth.mechanisms among the server's)
    ("jakarta.mail.AuthenticationFailedException: No authentication mechanisms supported by both server and "
     "client", (*MECHANISM, "smtp-auth-not-enabled")),
    # lettre/lettre:src/transport/smtp/client/async_connection.rs (auth: get_auth_mechanism found none; the
    # server may list no mechanism at all, so the words cannot tell the two apart)
    ("Error: Client(\"No compatible authentication mechanism was found\")", (*MECHANISM, "smtp-auth-not-enabled")),
    # vdukhovni/postfix:postfix/src/smtp/smtp_sasl_glue.c and smtp_sasl_proto.c, the relay client's log
    ("postfix/smtp[2345]: 0A1B2C3D4E: to=<bob@example.org>, relay=smtp.example.com[198.51.100.7]:587, "
     "delay=0.5, delays=0.1/0/0.3/0, dsn=4.7.0, status=deferred (SASL authentication failed; cannot "
     "authenticate to server smtp.example.com[198.51.100.7]: no mechanism available)", MECHANISM),
    ("postfix/smtp[2345]: 0A1B2C3D4E: to=<bob@example.org>, relay=smtp.example.com[198.51.100.7]:587, "
     "delay=0.5, delays=0.1/0/0.3/0, dsn=4.7.0, status=deferred (SASL authentication failed: server "
     "smtp.example.com[198.51.100.7] offered no compatible authentication mechanisms for this type of "
     "connection security)", (*MECHANISM, "auth-requires-tls")),
    # cyrus-sasl lib/common.c (sasl_errstring SASL_NOMECH) and lib/client.c
    ("SASL(-4): no mechanism available: No worthy mechs found", MECHANISM),
    # the same through Postfix's SMTP client, which logs Cyrus SASL's own words
    ("postfix/smtp[2345]: warning: SASL authentication failure: No worthy mechs found", MECHANISM),
    # sendmail:sendmail/usersmtp.c (attemptauth: SASL_NOMECH at LogLevel 9 and up)
    ("Aug 22 09:56:56 relay sendmail[27062]: 07M1sPB2026583: AUTH=client, available mechanisms do not "
     "fulfill requirements", MECHANISM),
    # the same curl line alone, as a program that drives libcurl logs it
    ("* No known authentication mechanisms supported!", MECHANISM),
    # jetmore/swaks:swaks (do_smtp_auth returns 2: AUTH listed, none of the types asked for)
    ("*** Auth not attempted, no advertised types available", MECHANISM),
    ("*** Auth not attempted, requested type not available", MECHANISM),
    # wneessen/go-mail:smtp_auth_type.go (ErrPlainAuthNotSupported, ErrNoSupportedAuthDiscovered)
    ("failed to authenticate: server does not support SMTP AUTH type: PLAIN", MECHANISM),
    ("failed to authenticate: SMTP Auth autodiscover was not able to detect a supported authentication "
     "mechanism", MECHANISM),
    # symfony/mailer:Transport/Smtp/EsmtpTransport.php (handleAuth: none of its authenticators is listed)
    ('Failed to find an authenticator supported by the SMTP server, which currently supports: "ntlm", "gssapi".',
     MECHANISM),
    # thunderbird/thunderbird-android (K-9) SmtpTransport (AuthType.PLAIN, and the server lists neither)
    ("com.fsck.k9.mail.MessagingException: Authentication methods SASL PLAIN and LOGIN are unavailable.",
     MECHANISM),
    # nodemailer's EAUTH wrapper and Symfony Mailer's around a refused mechanism
    ("Error: Invalid login: 504 5.7.4 Unrecognized authentication type",
     ("auth-mechanism-unsupported", "auth-requires-tls")),
    ('Failed to authenticate on SMTP server with username "alice@example.com" using the following '
     'authenticators: "CRAM-MD5". Authenticator "CRAM-MD5" returned "Expected response code "334" but got '
     'code "504", with message "504 5.7.4 Unrecognized authentication type"".',
     ("auth-mechanism-unsupported", "auth-requires-tls")),
]

# Sessions in PHPMailer's debug form (the form test_explain_unrecognized_auth uses): what the server's EHLO
# reply lists decides between no AUTH at all and AUTH only after STARTTLS.
_LOG = "2026-03-04 08:00:0{} {}\n"


def _session(ehlo: list[str], reply: str) -> str:
    lines = ["SERVER -> CLIENT: 220 mail.example.org ESMTP Postfix", "CLIENT -> SERVER: EHLO web01.example.com"]
    lines += [f"SERVER -> CLIENT: {ehlo[0]}", *ehlo[1:]]
    lines += ["CLIENT -> SERVER: AUTH LOGIN", f"SERVER -> CLIENT: {reply}", f"SMTP ERROR: AUTH command failed: {reply}"]
    return "".join(_LOG.format(1, line) if line.startswith(("SERVER", "CLIENT", "SMTP")) else line + "\n"
                   for line in lines)


TRANSCRIPTS = [
    # Postfix without SASL on the port: no AUTH, no STARTTLS in the EHLO reply (smtpd_sasl_proto.c)
    (_session(["250-mail.example.org", "250-PIPELINING", "250-SIZE 10240000", "250-8BITMIME", "250 SMTPUTF8"],
              "503 5.5.1 Error: authentication not enabled"), NOT_ENABLED),
    # Postfix with smtpd_tls_auth_only: AUTH only after STARTTLS, which the EHLO reply offers
    (_session(["250-mail.example.org", "250-PIPELINING", "250-SIZE 10240000", "250-STARTTLS", "250-8BITMIME",
               "250 SMTPUTF8"], "503 5.5.1 Error: authentication not enabled"), BEFORE_TLS),
    # A server that does not know AUTH at all answers it as an unknown command (RFC 5321 section 4.2.4;
    # Postfix's "502 5.5.2 Error: command not recognized"); with STARTTLS offered and not used, the login
    # before TLS comes first
    (_session(["250-mail.example.org", "250-PIPELINING", "250-SIZE 10240000", "250-8BITMIME", "250 SMTPUTF8"],
              "502 5.5.2 Error: command not recognized"), NOT_ENABLED),
    (_session(["250-mail.example.org", "250-PIPELINING", "250-SIZE 10240000", "250-STARTTLS", "250-8BITMIME",
               "250 SMTPUTF8"], "502 5.5.2 Error: command not recognized"), BEFORE_TLS),
    ("C: AUTH LOGIN\nS: 500 5.5.1 Command unrecognized: \"AUTH LOGIN\"", NOT_ENABLED),
    # Exim's default configuration advertises AUTH only over TLS (auth_advertise_hosts): a client that
    # did not use the STARTTLS offered gets "AUTH command used when not advertised"
    ("S: 220 mail.example.org ESMTP Exim 4.97 Tue, 04 Mar 2026 08:00:01 +0000\nC: EHLO laptop\n"
     "S: 250-mail.example.org Hello laptop [203.0.113.5]\nS: 250-SIZE 52428800\nS: 250-8BITMIME\n"
     "S: 250-PIPELINING\nS: 250-STARTTLS\nS: 250 HELP\nC: AUTH PLAIN AGFsaWNlAHNlY3JldA==\n"
     "S: 503 AUTH command used when not advertised", BEFORE_TLS),
    # python/cpython:Lib/smtplib.py debug output (set_debuglevel(1)): no AUTH, STARTTLS offered and not used
    ("send: 'ehlo laptop\\r\\n'\nreply: b'250-mail.example.org\\r\\n'\nreply: b'250-PIPELINING\\r\\n'\n"
     "reply: b'250-SIZE 10240000\\r\\n'\nreply: b'250-STARTTLS\\r\\n'\nreply: b'250 8BITMIME\\r\\n'\n"
     "reply: retcode (250); Msg: b'mail.example.org\\nPIPELINING\\nSIZE 10240000\\nSTARTTLS\\n8BITMIME'\n"
     "smtplib.SMTPNotSupportedError: SMTP AUTH extension not supported by server.", BEFORE_TLS),
    # IMAP: LOGINDISABLED on the greeting, then LOGIN anyway (Dovecot imap-login)
    ("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] "
     "Dovecot ready.\na1 LOGIN alice secret\n* BAD [ALERT] Plaintext authentication not allowed without "
     "SSL/TLS, but your client did it anyway. If anyone was listening, the password was exposed.\n"
     "a1 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
     BEFORE_TLS),
]


@pytest.mark.parametrize(("text", "acceptable"), CASES + TRANSCRIPTS)
def test_the_cause_the_words_decide_comes_first(text: str, acceptable: tuple[str, ...]) -> None:
    causes = causes_of(text)
    assert causes, "declined"
    assert causes[0] in acceptable, causes


@pytest.mark.parametrize(("text", "acceptable"), CASES + TRANSCRIPTS)
def test_none_is_read_as_a_refused_password(text: str, acceptable: tuple[str, ...]) -> None:
    causes = causes_of(text)
    assert "password-rejected" not in causes[:1], causes


@pytest.mark.parametrize(("server", "first"), [
    # On port 25 a server that does not know AUTH answers like an MX (as "authentication not enabled" there)
    ("smtp mail.example.org:25/plain", "mx-host-used-for-submission"),
    ("smtp mail.example.org:587/starttls", "smtp-auth-not-enabled"),
])
def test_an_unknown_command_answering_auth_reads_by_the_port(server: str, first: str) -> None:
    causes = causes_of("SMTP ERROR: AUTH command failed: 502 5.5.2 Error: command not recognized", server)
    assert causes[:1] == [first], causes
    assert "smtp-auth-not-enabled" in causes, causes


# --- refused logins that are not a wrong password, and the bare refusals that stay one -------------------------
# Each case: the text, the causes its words allow (the first the one they decide), and its source. A refusal that
# gives no reason stays password-rejected (RFC 5530 AUTHENTICATIONFAILED, RFC 3206 AUTH, RFC 4954 535 5.7.8: the
# protocols' generic "wrong user name or password").
NOT_THE_PASSWORD = [
    # RFC 3206 section 4 (SYS/TEMP: a problem of the server's own, not the user's); Dovecot's pop3-login sends it
    # with its AUTH_TEMP_FAILED_MSG (dovecot/core:src/login-common/client-common.h,
    # src/pop3-login/client-authenticate.c)
    ("-ERR [SYS/TEMP] Temporary authentication failure", ("server-unavailable",)),
    # the same code as a user retypes it from Evolution's POP3 error (GNOME/evolution-data-server:
    # src/camel/providers/pop3/camel-pop3-store.c, "Error sending password%s" with the server's line): the case lost
    ("Unable to connect to POP server pop.example.net.\nError sending password: -err [sys/temp] temporary "
     "authentication failure", ("server-unavailable",)),
    ("-err [sys/temp] temporary authentication failure", ("server-unavailable",)),
    # RFC 2449 section 8.1.1 and 8.1.2 (LOGIN-DELAY, IN-USE), retyped in lower case: GNU Mailutils pop3d's
    # "-ERR [LOGIN-DELAY] Attempt to log in within the minimum login delay interval" (its manual, "Login delay"),
    # RFC 1939's "unable to lock maildrop"
    ("[login-delay] attempt to log in within the minimum login delay interval", ("mailbox-in-use",)),
    ("[in-use] unable to lock maildrop", ("mailbox-in-use",)),
    # ... and in mixed case (replies._POP3_CODE_STARTS filters the lines as case-blind as the pattern matches):
    # Thunderbird's POP3 alert quoting the status text after "-ERR" (Pop3Client.sys.mjs, _actionError)
    ("Mail server pop.example.org responded: [Sys/Temp] Service temporarily unavailable", ("server-unavailable",)),
    ("Mail server pop.example.org responded: [In-Use] Unable to lock maildrop", ("mailbox-in-use",)),
    # RFC 5530 section 3 (UNAVAILABLE), Dovecot's imap-login (AUTH_TEMP_FAILED_MSG)
    ("a1 NO [UNAVAILABLE] Temporary authentication failure. [mail01:2026-03-04 08:00:02]", ("server-unavailable",)),
    # RFC 5530 section 3 (AUTHORIZATIONFAILED): the password was right for the login name, which may not act as the
    # identity asked for (dovecot/core:src/imap-login/client-authenticate.c, CLIENT_AUTH_RESULT_AUTHZFAILED)
    ("a1 NO [AUTHORIZATIONFAILED] Authorization failed", ("username-wrong",)),
    # cyrusimap/cyrus-imapd:imap/imapd.c ('%s BAD Unexpected extra arguments to %s': more arguments than LOGIN's two
    # astrings, RFC 3501 section 9): a user name or password with a space sent unquoted; the password never checked.
    # As the server sends it, as Python's imaplib raises it (python/cpython:Lib/imaplib.py, _command_complete:
    # '%s command error: %s %s') and as Perl's Mail::IMAPClient dies with it (its LastError, the server's line)
    ("a1 BAD Unexpected extra arguments to LOGIN", ("client-outdated",)),
    ("imaplib.IMAP4.error: LOGIN command error: BAD [b'Unexpected extra arguments to LOGIN']", ("client-outdated",)),
    ("Mail::IMAPClient: 2 BAD Unexpected extra arguments to Login", ("client-outdated",)),
    # M66B/FairEmail:app/src/main/java/eu/faircode/email/GmailState.java (getAccessToken: AuthenticatorException
    # 'no token', Android's account manager gave it no OAuth token) and FragmentGmail.java ('Android returned no
    # token'): the program signs in with a token it never got, no password was refused
    ("android.accounts.AuthenticatorException: no token", ("oauth-token-rejected",)),
    ("java.lang.IllegalArgumentException: Android returned no token", ("oauth-token-rejected",)),
    ("Authentication failed: no token", ("oauth-token-rejected",)),
    # the refusals whose words already decide (each program's form), kept as they read
    # Google: 534-5.7.9 (support.google.com/mail/?p=InvalidSecondFactor), 534-5.7.14 (?p=WebLoginRequired)
    ("534-5.7.9 Application-specific password required. Learn more at\n534 5.7.9  "
     "https://support.google.com/mail/?p=InvalidSecondFactor d2sm1234567wrb.12 - gsmtp", ("app-password-required",)),
    ("534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1> Please log in via your web browser and\n"
     "534-5.7.14 then try again.\n534 5.7.14  Learn more at https://support.google.com/mail/answer/78754",
     ("web-login-required",)),
    # Gmail IMAP and POP switched off for the account (support.google.com/mail/answer/7126229)
    ("a1 NO [ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable "
     "your account for IMAP access. (Failure)", ("protocol-disabled-for-account",)),
    ("-ERR [AUTH] Your account is not enabled for POP access. Please visit your Gmail settings page and enable "
     "your account for POP access.", ("protocol-disabled-for-account",)),
    # Microsoft 365 (learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-
    # submission: SMTP AUTH disabled for the tenant)
    ("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit "
     "https://aka.ms/smtp_auth_disabled for more information.",
     ("basic-auth-disabled", "protocol-disabled-for-account")),
    # a login name the server's user database does not hold (RFC 1939's servers: qpopper, UW ipop3d)
    ("-ERR no such user", ("username-wrong",)),
    # Active Directory's refusal of the login's LDAP bind, the Windows error after "data" in hex
    # (learn.microsoft.com/windows/win32/debug/system-error-codes--1300-1699- and --1700-3999-), as Java's JNDI
    # (com.sun.jndi.ldap.LdapCtx: javax.naming.AuthenticationException '[LDAP: error code 49 - ...]') and Dovecot's
    # LDAP passdb (dovecot/core:src/auth/db-ldap.c, 'ldap_bind() failed: %s') log it
    ("javax.naming.AuthenticationException: [LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042A, comment: "
     "AcceptSecurityContext error, data 525, v2580]", ("username-wrong",)),
    ("javax.naming.AuthenticationException: [LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042A, comment: "
     "AcceptSecurityContext error, data 532, v2580]", ("password-expired",)),
    ("LDAP: error code 49 - 80090308: LdapErr: DSID-0C090447, comment: AcceptSecurityContext error, data 773, v3839",
     ("password-expired",)),
    ("Mar  4 08:00:02 mail dovecot: auth: ldap(alice,203.0.113.5): ldap_bind() failed: Invalid credentials: "
     "80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 775, v4563", ("account-locked",)),
    ("LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 533, v2580",
     ("account-locked",)),
    # the same data code relayed in an IMAP NO after Exchange's "LOGIN failed." (no response code): the login name
    ("a1 NO LOGIN failed. AcceptSecurityContext error, data 525", ("username-wrong",)),
]

# Words about a password that are no login: the name of the mail an application sends (concepts.yaml labels:
# dcrstakepool's "error sending password reset email", Devise's reset_password_instructions, Django's
# PasswordResetForm); what failed is what the rest says, and Evolution's own "Error sending password" keeps its row.
ABOUT_A_PASSWORD = [
    # decred/dcrstakepool (Go crypto/tls: "either ServerName or InsecureSkipVerify must be specified in the
    # tls.Config", golang/go:src/crypto/tls/handshake_client.go): a program's TLS setting, no login
    ("[ERR] CNTL: error sending password reset email tls: either ServerName or InsecureSkipVerify must be "
     "specified in the tls.Config", ()),
    ("error sending password reset email: dial tcp 192.0.2.1:587: connect: connection refused", ("port-closed",)),
    # a real refusal beside the mail's name still reads as the refusal it is
    ("Failed to send password reset email: SMTPAuthenticationError(535, b'5.7.8 Username and Password not accepted.')",
     ("app-password-required", "password-rejected")),
]

# Bare refusals: no reason given, the honest generic reading stays first.
BARE_REFUSALS = [
    # Active Directory's ERROR_LOGON_FAILURE (data 52e): the password, for a login name that exists
    "javax.naming.AuthenticationException: [LDAP: error code 49 - 80090308: LdapErr: DSID-0C09042A, comment: "
    "AcceptSecurityContext error, data 52e, v2580]",
    "-ERR [AUTH] Authentication failed.",
    "a1 NO [AUTHENTICATIONFAILED] Authentication failed.",
    "535 5.7.8 Error: authentication failed: authentication failure",
    "Authentication failed",
    # GNOME/evolution-data-server camel-pop3-store.c with a server's bare refusal after it
    "Unable to connect to POP server pop.example.net.\nError sending password: -ERR Invalid login or password",
]

# Neighbours that must not read as the new readings: another command's extra arguments, a SYS/PERM refusal.
NEIGHBOURS = [
    ("a1 BAD Unexpected extra arguments to Select", "client-outdated"),
    ("-ERR [SYS/PERM] Your account is disabled", "server-unavailable"),
    ("Authentication failed: no token provided, wrong password", "oauth-token-rejected"),
]


@pytest.mark.parametrize(("text", "acceptable"), NOT_THE_PASSWORD)
def test_a_refusal_whose_words_say_why_reads_as_that(text: str, acceptable: tuple[str, ...]) -> None:
    causes = causes_of(text)
    assert causes, "declined"
    assert causes[0] in acceptable, causes


@pytest.mark.parametrize(("text", "acceptable"), ABOUT_A_PASSWORD)
def test_a_mail_about_a_password_is_no_refused_login(text: str, acceptable: tuple[str, ...]) -> None:
    causes = causes_of(text)
    assert "password-rejected" not in causes[:1], causes
    if acceptable:
        assert causes[:1] and causes[0] in acceptable, causes


@pytest.mark.parametrize("text", BARE_REFUSALS)
def test_a_bare_refusal_stays_a_refused_password(text: str) -> None:
    assert causes_of(text)[:1] == ["password-rejected"]


@pytest.mark.parametrize(("text", "not_first"), NEIGHBOURS)
def test_a_neighbour_keeps_its_reading(text: str, not_first: str) -> None:
    causes = causes_of(text)
    assert causes, "declined"
    assert causes[0] != not_first, causes


def test_a_directory_refusal_relayed_in_exchanges_words_is_the_password_not_basic_auth_off() -> None:
    # Exchange's IMAP4 "AUTHENTICATE failed." alone reads as basic authentication off first (Exchange Online);
    # with Active Directory's "AcceptSecurityContext error, data 52e" after it (ERROR_LOGON_FAILURE,
    # learn.microsoft.com/windows/win32/debug/system-error-codes--1300-1699-) an on-premises directory checked the
    # password and refused it: read as the response code data/error-texts.yaml gives the words (RFC 5530
    # AUTHENTICATIONFAILED).
    assert causes_of("a1 NO AUTHENTICATE failed.")[0] == "basic-auth-disabled"
    causes = causes_of("a1 NO AUTHENTICATE failed. AcceptSecurityContext error, data 52e")
    assert causes[0] == "password-rejected" and "basic-auth-disabled" not in causes, causes


@pytest.mark.parametrize(("text", "outcome"), [
    # Evolution's POP3 login (GNOME/evolution-data-server:src/camel/providers/pop3/camel-pop3-store.c,
    # pop3_try_authenticate: "Error sending password%s" with ": " and the GError's message after it): the socket's
    # error during PASS is a connection that failed, not a password the server refused
    ("Error sending password: Connection reset by peer", "reset"),
    ("Unable to connect to POP server pop.example.org.\nError sending password: Connection reset by peer", "reset"),
    ("Error sending password: Broken pipe", "reset"),
])
def test_a_socket_error_after_evolutions_password_step_is_the_connection(text: str, outcome: str) -> None:
    from mailexpert.explain import recognise

    facts = recognise(text).facts
    assert any(f.kind == "tcp.connect" and f.get("outcome") == outcome for f in facts), facts
    assert not any(f.kind == "server.reply" for f in facts), facts
    assert "password-rejected" not in causes_of(text)[:1]
    # the server's own refusal after the same words stays the refusal it is
    assert causes_of("Unable to connect to POP server pop.example.org.\nError sending password: -ERR [AUTH] Invalid "
                     "login")[0] == "password-rejected"
