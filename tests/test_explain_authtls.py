"""The login refused for a reason that is not the password, a third pass: servers and programs the earlier
catalogues (test_explain_authdiff, test_explain_authmech2, test_explain_unrecognized_auth,
test_explain_cleartext_refusals, test_explain_starttlsdiff) do not have -- Node's smtp-server, Go's go-smtp
(Maddy, Proton Mail Bridge and many small servers run on it), hMailServer, Zimbra, Courier, Exchange's
POP3 and IMAP, and the webmails and libraries that stop before they send a password (ImapFlow, Roundcube,
SnappyMail, Cypht, mutt, PHPMailer, Perl's Authen::SASL), each read at its source.

Each case: the text as a user pastes it, the causes it may honestly read as (the first of them the one its
words decide; several where the words cannot decide between them), and its source. Who printed it decides:
a server that wants TLS before a login is no mechanism missing, a program that has no mechanism of the
server's is no refused password, and a server that takes no AUTH at all is neither."""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

BEFORE_TLS = ("auth-requires-tls",)
MECHANISM = ("auth-mechanism-unsupported", "oauth-required")
NOT_ENABLED = ("smtp-auth-not-enabled", "mx-host-used-for-submission")

CASES = [
    # --- servers ---------------------------------------------------------------------------------------------
    # Node's smtp-server (the SMTP server under Haraka-less Node services, Forward Email, Ethereal): handler_AUTH
    # refuses any AUTH before STARTTLS where STARTTLS is offered (allowInsecureAuth unset), and only then looks
    # at the mechanism; the enhanced codes come from its own table (538 -> 5.7.0, 504 -> 5.5.4).
    Case("smtp-server-538",
         "538 5.7.0 Error: Must issue a STARTTLS command first",
         BEFORE_TLS,
         "nodemailer/smtp-server:lib/smtp-connection.js@58af498 (handler_AUTH; ENHANCED_STATUS_CODES 538 '5.7.0')"),
    Case("smtp-server-538-nodemailer",
         "Error: Invalid login: 538 5.7.0 Error: Must issue a STARTTLS command first",
         BEFORE_TLS,
         "nodemailer/nodemailer:lib/smtp-connection/index.js ('Invalid login', EAUTH) around smtp-server's reply"),
    Case("smtp-server-504",
         "504 5.5.4 Error: Unrecognized authentication type",
         MECHANISM,
         "nodemailer/smtp-server:lib/smtp-connection.js@58af498 (handler_AUTH: the method not in authMethods, "
         "after the STARTTLS check passed)"),
    # emersion/go-smtp: handleAuth refuses AUTH on a connection without TLS unless AllowInsecureAuth, and a
    # mechanism the session does not implement with ErrAuthUnknownMechanism; ErrAuthUnsupported is a server
    # that implements no login at all, ErrAuthRequired a MAIL FROM before any login.
    Case("go-smtp-523",
         "523 5.7.10 TLS is required",
         BEFORE_TLS,
         "emersion/go-smtp:conn.go@6944e33 (handleAuth: !c.authAllowed())"),
    Case("go-smtp-523-smtplib",
         "smtplib.SMTPAuthenticationError: (523, b'5.7.10 TLS is required')",
         BEFORE_TLS,
         "python/cpython:Lib/smtplib.py (SMTP.login raises the last AUTH reply) around go-smtp's reply"),
    Case("go-smtp-504",
         "504 5.7.4 Unsupported authentication mechanism",
         MECHANISM,
         "emersion/go-smtp:backend.go (ErrAuthUnknownMechanism 504 5.7.4), conn.go (handleAuth)"),
    Case("go-smtp-502",
         "502 5.7.0 Authentication not supported",
         NOT_ENABLED,
         "emersion/go-smtp:backend.go (ErrAuthUnsupported 502 5.7.0: the backend takes no login)"),
    Case("go-smtp-530",
         "530 5.7.0 Please authenticate first",
         ("smtp-auth-not-enabled",),
         "emersion/go-smtp:backend.go (ErrAuthRequired 530 5.7.0: MAIL FROM before a login)"),
    # hMailServer: ProtocolAUTH_ in this order -- the port requires STARTTLS, AUTH off, TLS required for AUTH,
    # then LOGIN, PLAIN (only with AuthAllowPlainText) or "mechanism not supported"; no enhanced codes.
    Case("hmailserver-starttls-first",
         "530 Must issue STARTTLS first.",
         BEFORE_TLS,
         "hmailserver/hmailserver:hmailserver/source/Server/SMTP/SMTPConnection.cpp@876a996 (CheckStartTlsRequired_)"),
    Case("hmailserver-auth-not-enabled",
         "504 Authentication not enabled.",
         NOT_ENABLED,
         "hmailserver/hmailserver:hmailserver/source/Server/SMTP/SMTPConnection.cpp@876a996 (ProtocolAUTH_: "
         "GetAuthIsEnabled_ false)"),
    Case("hmailserver-auth-not-enabled-phpmailer",
         "2026-03-04 08:00:02 SMTP ERROR: AUTH command failed: 504 Authentication not enabled.\n"
         "SMTP Error: Could not authenticate.",
         NOT_ENABLED,
         "PHPMailer/PHPMailer:src/SMTP.php (authenticate, debug output) around hMailServer's reply"),
    Case("hmailserver-tls-for-auth-smtplib",
         "smtplib.SMTPAuthenticationError: (530, b'A SSL/TLS-connection is required for authentication.')",
         BEFORE_TLS,
         "hmailserver/hmailserver:hmailserver/source/Server/SMTP/SMTPConnection.cpp@876a996 (ProtocolAUTH_: "
         "GetRequireTLSForAuth)"),
    Case("hmailserver-tls-for-auth-dotnet",
         "System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not "
         "authenticated. The server response was: A SSL/TLS-connection is required for authentication.",
         BEFORE_TLS,
         "dotnet/runtime System.Net.Mail (SmtpException) around hMailServer's reply"),
    Case("hmailserver-mechanism",
         "Error: Invalid login: 504 Authentication mechanism not supported.",
         MECHANISM,
         "hmailserver/hmailserver:hmailserver/source/Server/SMTP/SMTPConnection.cpp@876a996 (ProtocolAUTH_: "
         "neither LOGIN nor an allowed PLAIN)"),
    Case("hmailserver-imap-tls-for-auth",
         "A01 BAD A SSL/TLS-connection is required for authentication.",
         BEFORE_TLS,
         "hmailserver/hmailserver:hmailserver/source/Server/IMAP/IMAPCommandLogin.cpp (GetRequireTLSForAuth)"),
    # Postfix with Cyrus SASL puts the library's reason in its 535 reply as in its log line (the log line's reading
    # is test_explain_authmech2's): SASL_ENCRYPT wants TLS first, SASL_TOOWEAK and SASL_NOVERIFY (a
    # challenge-response mechanism against a hashed password) refuse the mechanism, not the password.
    Case("postfix-cyrus-535-encrypt",
         "535 5.7.8 Error: authentication failed: encryption needed to use mechanism",
         BEFORE_TLS,
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c@17830e5 (smtpd_sasl_authenticate: '535 5.7.8 Error: "
         "authentication failed: %s', the reason xsasl_cyrus_strerror); cyrusimap/cyrus-sasl:lib/common.c "
         "(sasl_errstring SASL_ENCRYPT)"),
    Case("postfix-cyrus-535-encrypt-nodemailer",
         "Error: Invalid login: 535 5.7.8 Error: authentication failed: encryption needed to use mechanism",
         BEFORE_TLS,
         "nodemailer/nodemailer:lib/smtp-connection/index.js around Postfix's reply (above)"),
    Case("postfix-cyrus-535-too-weak",
         "535 5.7.8 Error: authentication failed: mechanism too weak for this user",
         MECHANISM,
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c@17830e5; cyrusimap/cyrus-sasl:lib/common.c "
         "(sasl_errstring SASL_TOOWEAK)"),
    Case("postfix-cyrus-535-too-weak-smtplib",
         "smtplib.SMTPAuthenticationError: (535, b'5.7.8 Error: authentication failed: mechanism too weak for this "
         "user')",
         MECHANISM,
         "python/cpython:Lib/smtplib.py (SMTP.login raises the last AUTH reply) around Postfix's reply"),
    Case("postfix-cyrus-535-no-verifier",
         "535 5.7.8 Error: authentication failed: user exists, but no verifier for user",
         MECHANISM,
         "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c@17830e5; cyrusimap/cyrus-sasl:lib/common.c "
         "(sasl_errstring SASL_NOVERIFY; plugins/cram.c, digestmd5.c: no secret the mechanism can check)"),
    # OpenSMTPD: a mechanism other than PLAIN and LOGIN, its enhanced code and words from esc.c (X.7.4, RFC 3463)
    Case("opensmtpd-504-method",
         '504 5.7.4 Security features not supported: AUTH method "CRAM-MD5" not supported',
         MECHANISM,
         "OpenSMTPD/OpenSMTPD:usr.sbin/smtpd/smtp_session.c (smtp_proceed_auth), esc.c "
         "(ESC_SECURITY_FEATURES_NOT_SUPPORTED = 74, 'Security features not supported')"),
    # Zimbra's IMAP and POP3 servers
    Case("zimbra-imap-mechanism",
         "A1 NO mechanism not supported: CRAM-MD5",
         (*MECHANISM, "auth-requires-tls"),
         "Zimbra/zm-mailbox:store/src/java/com/zimbra/cs/imap/ImapHandler.java@2b7f978 (doAUTHENTICATE: no "
         "authenticator, 'including needing TLS layer', or the mechanism disabled)"),
    Case("zimbra-imap-cleartext",
         "imaplib.IMAP4.error: b'cleartext logins disabled'",
         BEFORE_TLS,
         "Zimbra/zm-mailbox:store/src/java/com/zimbra/cs/imap/ImapHandler.java@2b7f978 (doLOGIN)"),
    Case("zimbra-pop3-mechanism",
         "-ERR mechanism not supported",
         MECHANISM,
         "Zimbra/zm-mailbox:store/src/java/com/zimbra/cs/pop3/Pop3Handler.java@2b7f978 (doAUTH)"),
    Case("zimbra-pop3-tls",
         "poplib.error_proto: b'-ERR only valid after entering TLS mode'",
         BEFORE_TLS,
         "Zimbra/zm-mailbox:store/src/java/com/zimbra/cs/pop3/Pop3Handler.java@2b7f978 (checkIfLoginPermitted)"),
    # Courier's ESMTP server with ESMTP_TLS_REQUIRED: every command but RSET until STARTTLS
    Case("courier-starttls-required",
         "400 STARTTLS is required first.",
         BEFORE_TLS,
         "svarshavchik/courier:courier/courier/module.esmtp/courieresmtpd.C@fe506cc (tls_required)"),
    # Exchange 5.x's POP3 (and IMAP4) answer to AUTH NTLM when Windows NT Challenge/Response is off for the
    # protocol: Secure Password Authentication, the client's setting, is what the server does not offer.
    Case("exchange-pop3-ntlm-disabled",
         "-ERR The NTLM Authentication package has been disabled for this protocol.",
         MECHANISM,
         "Microsoft KB Q191558 'XADM: POP3 Secure Password Authentication' "
         "(https://helparchive.huntertur.net/viewer/document/63220)"),

    # --- the programs' own words -------------------------------------------------------------------------------
    # Outlook Express with Secure Password Authentication ticked (the same KB article): the message sends the
    # user to check that the server supports SPA. The server may support it and refuse the account (the KB's
    # case: a mailbox alias that is not the Windows account), so the refused login stays beside it.
    Case("outlook-express-spa",
         "You could not be logged on to the mail server using Secure Password Authentication. Please check your "
         "account information and verify that your mail server supports Secure Password Authentication.",
         ("auth-mechanism-unsupported", "password-rejected", "username-wrong"),
         "Microsoft KB Q191558 (https://helparchive.huntertur.net/viewer/document/63220)"),
    # ImapFlow: LOGINDISABLED among the capabilities, and no AUTH=PLAIN or AUTH=LOGIN to use instead. As
    # console.log prints it (the class name and the error's own field), and as its stack reads.
    Case("imapflow-login-disabled-logged",
         "AuthenticationFailure [Error]: Login is disabled\n"
         "    at ImapFlow.authenticate (/srv/app/node_modules/imapflow/lib/imap-flow.js:1789:27)\n"
         "    at async ImapFlow.connect (/srv/app/node_modules/imapflow/lib/imap-flow.js:1904:13) {\n"
         "  authenticationFailed: true\n}",
         BEFORE_TLS,
         "postalsys/imapflow:lib/imap-flow.js@99a9db3 (authenticate: throw new AuthenticationFailure('Login is "
         "disabled')), lib/tools.js (class AuthenticationFailure extends Error)"),
    Case("imapflow-login-disabled-stack",
         "Error: Login is disabled\n"
         "    at ImapFlow.authenticate (/srv/app/node_modules/imapflow/lib/imap-flow.js:1789:27)",
         BEFORE_TLS,
         "postalsys/imapflow:lib/imap-flow.js@99a9db3 (authenticate), its stack (Error.prototype.name)"),
    Case("imapflow-unsupported-mechanism",
         "Error: Unsupported authentication mechanism\n"
         "    at module.exports [as AUTHENTICATE] (/srv/app/node_modules/imapflow/lib/commands/authenticate.js:232:11)",
         MECHANISM,
         "postalsys/imapflow:lib/commands/authenticate.js@99a9db3 (neither AUTH=PLAIN nor AUTH=LOGIN to use)"),
    # Roundcube: rcube_imap_generic::login refuses itself when the capabilities hold LOGINDISABLED; rcube_imap
    # logs it in its 'Login failed for %s against %s from %s. %s' line.
    Case("roundcube-login-disabled",
         "[04-Mar-2026 08:00:02 +0000]: <k1p4b6s9> IMAP Error: Login failed for alice@example.com against "
         "imap.example.com from 203.0.113.5. Login disabled by IMAP server in "
         "/var/www/roundcube/program/lib/Roundcube/rcube_imap.php on line 200 (POST /?_task=login&_action=login)",
         BEFORE_TLS,
         "roundcube/roundcubemail:program/lib/Roundcube/rcube_imap_generic.php@28b4441 (login: LOGINDISABLED), "
         "program/lib/Roundcube/rcube_imap.php (connect: 'Login failed for %s against %s from %s. %s')"),
    # SnappyMail (MailSo): none of its SASL mechanisms among the server's. Over SMTP it first upgrades with
    # STARTTLS where offered, so the words are a mechanism missing or no AUTH at all, not a login before TLS.
    Case("snappymail-imap-no-sasl",
         "No supported SASL mechanism found, remote server wants: AUTH=CRAM-MD5",
         MECHANISM,
         "the-djmaze/snappymail:snappymail/v/0.0.0/app/libraries/MailSo/Imap/ImapClient.php@ba49691 (Login)"),
    Case("snappymail-smtp-no-auth-options",
         "SMTP smtp.example.com no supported AUTH options. Disable login",
         ("auth-mechanism-unsupported", "smtp-auth-not-enabled"),
         "the-djmaze/snappymail:snappymail/v/0.0.0/app/libraries/MailSo/Smtp/SmtpClient.php@ba49691 (Login: "
         "no type after the STARTTLS upgrade, trigger_error)"),
    Case("cypht-cram-md5",
         "FATAL: SMTP server does not support AUTH CRAM-MD5",
         MECHANISM,
         "cypht-org/cypht:modules/smtp/hm-smtp.php@da5c965 (auth: AUTH CRAM-MD5 not answered 334)"),
    # mutt built without SASL: every method in smtp_authenticators but oauthbearer/xoauth2 needs it.
    Case("mutt-method-requires-sasl",
         "SMTP authentication method CRAM-MD5 requires SASL",
         MECHANISM,
         "muttmua/mutt:smtp.c@15c4579 (smtp_authenticate, neither USE_SASL_CYRUS nor USE_SASL_GNU)"),
    Case("mutt-method-requires-sasl-prefixed",
         "Error sending message: SMTP authentication method LOGIN requires SASL",
         MECHANISM,
         "muttmua/mutt:smtp.c@15c4579 (smtp_authenticate)"),
    # mutt's POP3: USER answered -ERR where CAPA did not list it -- a server that takes only APOP or SASL (or no
    # USER before STLS, which mutt starts by default where offered).
    Case("mutt-pop3-user-not-supported",
         "Command USER is not supported by server.",
         (*MECHANISM, "auth-requires-tls"),
         "muttmua/mutt:pop_auth.c@15c4579 (pop_auth_user: cmd_user == 2, USER answered -ERR)"),
    # PHPMailer: AuthType set to a mechanism it does not implement (the switch's default)
    Case("phpmailer-authtype-unsupported",
         'Authentication method "NTLM" is not supported',
         MECHANISM,
         "PHPMailer/PHPMailer:src/SMTP.php@4a48947 (authenticate: default case)"),
    # Perl's Authen::SASL under Net::SMTP (git send-email): no plug-in for any mechanism the server lists
    Case("authen-sasl-git-send-email",
         "No SASL mechanism found\n at /usr/share/perl5/vendor_perl/Authen/SASL.pm line 77.\n"
         " at /usr/share/perl5/core_perl/Net/SMTP.pm line 207.",
         MECHANISM,
         "gbarr/perl-authen-sasl:lib/Authen/SASL/Perl.pm (client_new: croak 'No SASL mechanism found'); the "
         "trace as git@vger.kernel.org quoted it (gmane.comp.version-control.git 275144)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_cause_the_words_decide_comes_first(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes, "declined"
    assert causes[0] in case.causes, causes


@pytest.mark.parametrize("case", [c for c in CASES if "password-rejected" not in c.causes], ids=lambda c: c.name)
def test_none_is_read_as_a_refused_password(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes[:1] != ["password-rejected"], causes
