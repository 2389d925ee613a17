"""A refused login and what it means, at the big providers and in the servers people run: wrong password, an app
password needed, password (basic) logins switched off, the protocol switched off for the account, the wrong user
name, a refused OAuth2 token, a locked account. Each case is a message as the provider's page, the server's source
or a public report quotes it (with the program's prefix where the user pastes one), the causes its own words leave
open -- the one they decide first -- and where it comes from.

Where a provider's words say what the refusal means (Gmail's 534 5.7.9, Microsoft's 5.7.139 with its reason,
Mail.ru's "Application password is REQUIRED", NetEase's "User has no permission"), that reading comes first; where
the reply is only "authentication failed", the provider table's order for a bare refusal decides (providers.yaml
refused_login), and a server's own words ("unknown user", "no such account", "account lockout", "Please use full
email address as user name") decide between a wrong password, a wrong user name and a locked account.

Sources (short names used below):
  GR   support.google.com/a/answer/3726730 (Gmail SMTP error reference)
  MSS  learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission
  DC   dovecot/core:src/login-common/client-common.c (the login process's disconnect reasons)
  ZM   Zimbra/zm-mailbox@2b7f9787c69e (store/src/java/com/zimbra/cs/account/ldap/LdapProvisioning.java,
       AccountServiceException.java, common/.../ZimbraLog.java encodeAttrs, cs/imap/ImapHandler.java)
  HM   hmailserver/hmailserver:hmailserver/source/Server (POP3/POP3Connection.cpp, IMAP/IMAPCommandLogin.cpp,
       SMTP/SMTPConnection.cpp)
"""

from __future__ import annotations

import pytest
from helpers import causes_of

APP = "app-password-required"
BASIC = "basic-auth-disabled"
LOCKED = "account-locked"
PASSWORD = "password-rejected"
PROTO = "protocol-disabled-for-account"
USER = "username-wrong"
WEB = "web-login-required"
TOKEN = "oauth-token-rejected"

GR = "support.google.com/a/answer/3726730"
MSS = "learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission"
DC = "dovecot/core:src/login-common/client-common.c"
ZM = "Zimbra/zm-mailbox@2b7f9787c69e"
HM = "hmailserver/hmailserver:hmailserver/source/Server"

# (text as pasted, the causes its words may honestly read as -- the first one named must be among them, source)
CASES = [
    # --- Gmail: its replies say which (GR); a bare refusal is an app password first (providers.yaml gmail).
    ("534-5.7.9 Application-specific password required. Learn more at\n534 5.7.9  "
     "https://support.google.com/mail/?p=InvalidSecondFactor", (APP,), GR),
    ("5.7.9 Application-specific password required. Learn more at 5.7.9 "
     "https://support.google.com/accounts/answer/185833 b4sm274481wjd.16 - gsmtp",
     (APP,), "github.com/aschroder/Magento-SMTP-Pro-Email-Extension/issues/174"),
    ("Error 1: Password Command Failed: 534-5.7.9 Application-Specific Password Required",
     (APP,), "github.com/PHPMailer/PHPMailer/issues/1708"),
    ("535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8  "
     "https://support.google.com/mail/?p=BadCredentials", (APP, PASSWORD), GR),
    ("a1 NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)",
     (APP,), "Gmail IMAP, as mailexpert/data/server-replies.yaml's Gmail rows quote it"),
    ("Can not authenticate to IMAP server: [ALERT] Please log in via your web browser: "
     "https://support.google.com/mail/acco", (WEB,), "github.com/osTicket/osTicket/issues/2801"),
    ("a1 NO [ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your "
     "account for IMAP access. (Failure)", (PROTO,), "Gmail IMAP (server-replies.yaml Gmail rows)"),
    ("-ERR [SYS/PERM] Your account is not enabled for POP access. Please visit your Gmail settings page and enable "
     "your account for POP access.", (PROTO,), "Gmail POP3 (server-replies.yaml Gmail rows)"),
    ("Error: Invalid credentials (Failure)\n    at Connection._resTagged (node_modules/imap/lib/Connection.js:1502:11)",
     (APP, PASSWORD), "github.com/mscdex/node-imap/issues/826"),

    # --- Microsoft: 5.7.139 with its reason (MSS); IMAP's bare "AUTHENTICATE failed." after basic auth's end.
    ("535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.", (PASSWORD,), MSS),
    ("535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. "
     "Contact your administrator.", (BASIC,), MSS),
    ("535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated "
     "successfully. Contact your administrator.", (BASIC,), MSS),
    # SMTP AUTH switched off for the tenant: the setting refuses every SMTP AUTH login; the earlier catalogue reads
    # a password login's refusal as basic authentication off (tests/test_server_replies.py), an OAuth2 one as the
    # protocol off (rules/authentication/protocol-disabled-for-account.yaml).
    ("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit "
     "https://aka.ms/smtp_auth_disabled for more information.", (BASIC, PROTO), MSS),
    ("SMTP 5xx error: permanent error (535): 5.7.139 Authentication unsuccessful, basic authentication is disabled. "
     "[LO2P265CA0482.GBRP265.PROD.OUTLOOK.COM 2026-02-19T15:42:20.743Z 08DE6F7B77124F67]",
     (BASIC,), "github.com/hassio-addons/app-vaultwarden/issues/402"),
    ("ssmtp: Authorization failed (535 5.7.3 Authentication unsuccessful [BN6PR03CA0021.namprd03.prod.outlook.com])",
     (PASSWORD, PROTO), "pastebin.com/FvafB7Wu (smtp.office365.com, SMTP AUTH still taking passwords)"),
    ("535 5.7.3 Authentication unsuccessful", (PASSWORD,),
     "learn.microsoft.com/en-us/openspecs/windows_protocols/ms-smtpntlm/62888982-a911-40fa-b587-50b5c69f7334"),
    ("DEBUG IMAPS: AUTHENTICATE PLAIN command result: A1 NO AUTHENTICATE failed.\nSEVERE: Exception: AUTHENTICATE failed.",
     (BASIC, PASSWORD), "pastebin.com/Jn9rTV42 (Exchange IMAP4)"),
    ("S: A00000001 NO AUTHENTICATE failed.\nC: A00000002 LOGIN *****@*****.com *****\nS: A00000002 NO LOGIN failed.",
     (BASIC, PASSWORD), "github.com/jstedfast/MailKit/issues/483"),
    ("-ERR Logon failure: unknown user name or bad password.", (PASSWORD, USER, BASIC),
     "Exchange POP3 (rules/authentication/basic-auth-disabled.yaml)"),
    ("A1 NO User is authenticated but not connected.", (PROTO, TOKEN),
     "Exchange Online IMAP (rules/authentication/protocol-disabled-for-account.yaml)"),
    # The same words after an OAuth2 login are the token's refusal, not a password's.
    ("Err 1/1: Host1 failure: Error login on [outlook.office365.com] with user [user@thecompany.com] "
     "auth [XOAUTH2 accesstoken]: 2 NO AUTHENTICATE failed.", (TOKEN,), "github.com/imapsync/imapsync/issues/250"),
    ("msmtp: authentication failed (method XOAUTH2)\nmsmtp: server message: 535 5.7.3 Authentication unsuccessful "
     "[SN4PR0201CA0045.namprd02.prod.outlook.com]", (TOKEN,), "marlam/msmtp:src/smtp.c (smtp_auth_xoauth2)"),

    # --- Yahoo / AOL, iCloud, Fastmail, Zoho: a bare refusal is an app password first (providers.yaml).
    ("a0 NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials", (PASSWORD, APP),
     "github.com/Enough-Software/enough_mail/issues/245 (imap.mail.yahoo.com)"),
    ("smtplib.SMTPAuthenticationError: (535, b'5.7.0 (#AUTH005) Too many bad auth attempts.')", (APP, LOCKED),
     "Yahoo (tests/test_provider_replies.py yahoo-auth005; rules/credentials/account-locked.yaml)"),
    ("Failed to send email to: abc@xyz.com: javax.mail.AuthenticationFailedException: 535 5.7.0 (#AUTH005) Too many "
     "bad auth attempts..", (APP, LOCKED), "github.com/nedimf/maildroid/issues/17"),
    ("2017-12-13 13:50:36 SERVER -> CLIENT: 535 5.7.0 (#MBR1212) Incorrect username or password.\n"
     "2017-12-13 13:50:36 SMTP ERROR: Password command failed: 535 5.7.0 (#MBR1212) Incorrect username or password.\n"
     "SMTP Error: Could not authenticate.", (APP, PASSWORD), "github.com/PHPMailer/PHPMailer/issues/1287"),
    ("[14:17:52.537][f25532f7] IMAP[DATA]: < TAG1 NO [AUTHENTICATIONFAILED] (#MBR1212) Incorrect username or "
     "password.\\r\\n", (APP, PASSWORD), "github.com/RainLoop/rainloop-webmail/issues/1354"),
    (" Establishing connection to imap.mail.yahoo.com:993 (Yahoo-remote)\n PLAIN authentication failed: "
     "[AUTHENTICATIONFAILED] AUTHENTICATE Invalid credentials\n LOGIN authentication failed: [AUTHENTICATIONFAILED] "
     "LOGIN Invalid credentials", (APP,), "github.com/OfflineIMAP/offlineimap/issues/688"),
    ("S (3): * OK [CAPABILITY st11p00mm-iscream022 15E205 XAPPLEPUSHSERVICE IMAP4 IMAP4rev1 SASL-IR AUTH=ATOKEN "
     "AUTH=PLAIN] iSCREAM ready to rumble (15E205-0982aaf890fd:18514) st11p00mm-iscream022 [04:19:14:31:21:53]\n"
     "C (3): 1001 LOGIN \"damien\" *\nS (3): 1001 NO [AUTHENTICATIONFAILED] Authentication failed\n"
     "imapfilter: login request to damien@imap.mail.me.com failed", (APP,), "github.com/lefcha/imapfilter/issues/125"),
    ("connect <mailcore::IMAPSession:0x7fff2cf29e10>\n* OK IMAP4 ready\nssl connect imap.fastmail.com 993 2\n"
     "1 CAPABILITY\n* CAPABILITY IMAP4 IMAP4rev1 LITERAL+ ENABLE UIDPLUS SASL-IR NAMESPACE IDLE AUTH=PLAIN\n"
     "1 OK completed\nconnect ok\nlogin\n2 LOGIN \"hugo@barrera.io\" *********\n2 NO Incorrect username or password.",
     (APP, PASSWORD), "github.com/Foundry376/Mailspring/issues/2217"),
    ("* OK svwall.zoho.com IMAP4 Server (Zoho Mail IMAP4rev1 Server version 1.0)\n1 CAPABILITY\n"
     "* CAPABILITY IMAP4rev1 UNSELECT CHILDREN XLIST NAMESPACE IDLE MOVE ID AUTH=PLAIN SASL-IR UIDPLUS\n"
     "1 OK CAPABILITY completed\n2 LOGIN \"r*k@right***.com\" \"*********\"\n"
     "2 NO [AUTHENTICATIONFAILED] Invalid credentials(Failure)", (APP, PASSWORD),
     "github.com/Foundry376/Mailspring/issues/1334"),

    # --- Yandex, Mail.ru, QQ, NetEase: their words name the app password or the switch.
    ("2 NO [AUTHENTICATIONFAILED] LOGIN invalid credentials or IMAP is disabled sc=cYXlpv732Cg1_010534_2-1e59ad28a72c",
     (PROTO, APP, PASSWORD), "github.com/Foundry376/Mailspring/issues/2111"),
    ("Error: Invalid login: 535 5.7.0 NEOBHODIM parol prilozheniya https://help.mail.ru/mail/security/protection/"
     "external / Application password is REQUIRED", (APP,), "github.com/lmanukyan/print-designer/issues/5"),
    ("error: send mail ****@163.com,*****@qq.com error,Invalid login: 535 Login Fail. Please enter your authorization "
     "code to login. More information in http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=28&&no=1001256",
     (APP,), "github.com/YMFE/yapi/issues/2219"),
    # The same reply in QQ's Chinese words, its GBK bytes shown as Latin-1; the link is the authorization code's page.
    ("Error: Invalid login: 535 Error: \u00c7\u00eb\u00ca\u00b9\u00d3\u00c3\u00ca\u00da\u00c8\u00a8\u00c2\u00eb"
     "\u00b5\u00c7\u00c2\u00bc\u00a1\u00a3\u00cf\u00ea\u00c7\u00e9\u00c7\u00eb\u00bf\u00b4: "
     "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=28&&no=1001256", (APP,),
     "github.com/DesertsP/Valine-Admin/issues/86"),
    ("SMTPAuthenticationError(550, 'User has no permission'))", (PROTO,), "github.com/testerSunshine/12306/issues/62"),
    ("550 User has no permission", (PROTO,), "github.com/open-falcon/mail-provider/issues/6 (163.com)"),

    # --- GMX / WEB.DE: a bare refusal; their protocols are off until the user turns them on (providers.yaml gmx).
    ("Username or password is wrong. (Command: *sensitive*; response: #2# [NO, authentication failed])",
     (PASSWORD,), "github.com/thunderbird/thunderbird-android/issues/5780 (web.de, no server named)"),
    (": PASS xxx\n: -ERR authentication failed\n: QUIT", (PASSWORD,),
     "github.com/jens-maus/yam/issues/638 (GMX and WEB.DE, no server named)"),

    # --- Proton Mail Bridge's log: the Bridge's own generated password refused (not the account's).
    ("ERRO[Aug 13 15:37:55.895] Could not check bridge password               error=\"backend/credentials: "
     "incorrect password\" pkg=imap", (PASSWORD, APP), "github.com/shenxn/protonmail-bridge-docker/issues/62"),
    ("DEBU[Aug 23 23:58:58.363] Incorrect bridge password                     pkg=credentials userID=OMITTED\n"
     "ERRO[Aug 23 23:58:58.363] Could not check bridge password               error=\"backend/credentials: "
     "incorrect password\" pkg=smtp", (PASSWORD, APP), "github.com/ProtonMail/proton-bridge/issues/214"),

    # --- Dovecot: the login process's reasons (DC) and the auth process's verdicts.
    ("imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<jane>, method=PLAIN, rip=192.0.2.7, "
     "lip=192.0.2.1, TLS, session=<abc>", (PASSWORD,), DC),
    ("Jun 12 20:02:23 kvm456 dovecot[996]: imap-login: Login aborted: Connection closed (auth failed, 2 attempts in "
     "14 secs) (auth_failed): user=<jose.basanta>, method=PLAIN, rip=138.255.206.154, lip=5.135.93.75, TLS, "
     "session=<8oNSumM3A8mK/86a>", (PASSWORD,), DC + " 2.4 (find_string: a public kvm456 mail log)"),
    ("auth: passwd-file(jane,192.0.2.7): unknown user", (USER,), "dovecot/core:src/auth/auth-request.c"),
    ("auth: passwd-file(jane,192.0.2.7): Password mismatch", (PASSWORD,), "dovecot/core:src/auth/passdb.c"),
    ("auth-worker(jose.basanta,138.255.206.154): request [393]: unix_user: pam_authenticate() failed: Authentication "
     "failure (Password mismatch?)", (PASSWORD,), "dovecot/core:src/auth/passdb-pam.c"),
    ("imap-login: Login aborted: Connection closed (user disabled, 1 attempts in 2 secs) (user_disabled): user=<jose>, "
     "method=PLAIN, rip=192.0.2.7, lip=192.0.2.1, TLS", (LOCKED, PROTO), DC + " (client_auth_fail_code_reasons)"),
    ("imap-login: Disconnected (authorization failed, 1 attempts in 2 secs): user=<jose>, method=PLAIN, rip=192.0.2.7",
     (USER,), DC + " (CLIENT_AUTH_FAIL_CODE_AUTHZFAILED; the client got NO [AUTHORIZATIONFAILED])"),
    ("a NO [AUTHORIZATIONFAILED] Authorization failed", (USER,), "RFC 5530 section 3"),
    ("auth: vpopmail(jose@example.com,192.0.2.7): IMAP disabled", (PROTO,),
     "dovecot/core 2.3:src/auth/passdb-vpopmail.c (vpopmail_verify_plain: NO_IMAP)"),
    ("auth: vpopmail(jose@example.com,192.0.2.7): POP3 disabled", (PROTO,),
     "dovecot/core 2.3:src/auth/passdb-vpopmail.c (vpopmail_verify_plain: NO_POP)"),
    ("a NO [AUTHENTICATIONFAILED] Authentication failed.", (PASSWORD,), "dovecot/core:src/login-common (AUTH_FAILED_MSG)"),
    ("-ERR [AUTH] Authentication failed.", (PASSWORD,), "dovecot/core:src/pop3-login (AUTH_FAILED_MSG)"),

    # --- Postfix: smtpd's SASL log and smtp(8)'s deferral, with Cyrus SASL's detail.
    ("postfix/smtpd[1234]: warning: unknown[192.0.2.7]: SASL LOGIN authentication failed: authentication failure",
     (PASSWORD,), "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c"),
    ("postfix/smtpd[1234]: warning: unknown[192.0.2.7]: SASL LOGIN authentication failed: UGFzc3dvcmQ6",
     (PASSWORD,), "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c (Dovecot SASL: the challenge as reason)"),
    ("postfix/smtpd[5838]: error: verify password: authentication failed: user=teste2@x.pt\n"
     "postfix/smtpd[5838]: warning: hq2.pacsis.pt[x]: SASL PLAIN authentication failed", (PASSWORD,),
     "pastebin.com/n5T9izeU"),
    ("postfix/smtpd[53889]: error: validate response: authentication failed for user=lcg (method=DIGEST-MD5)\n"
     "postfix/smtpd[53889]: warning: unknown[192.168.1.72]: SASL DIGEST-MD5 authentication failed", (PASSWORD,),
     "pastebin.com/n5T9izeU"),
    ("535 5.7.8 Error: authentication failed: authentication failure", (PASSWORD,),
     "vdukhovni/postfix:postfix/src/smtpd/smtpd_sasl_glue.c"),
    ("535 5.7.8 Error: authentication failed: user not found", (USER,),
     "cyrusimap/cyrus-sasl:lib/common.c (SASL_NOUSER) through Postfix"),
    # The recipient of a deferred message (to=<...>) is not the account: the relay smtp(8) logged in to is.
    ("postfix/smtp[15976]: 1BAE21244E6: to=<sage.gulati@gmail.com>, relay=smtp.efireball.com[208.118.72.78]:587, "
     "delay=90286, delays=90281/0.04/5.3/0, dsn=4.0.0, status=deferred (SASL authentication failed; server "
     "smtp.efireball.com[208.118.72.78] said: 535 authorization failed (#5.7.0))", (PASSWORD,),
     "a public Postfix users' thread (find_string '535 authorization failed (#5.7.0)'); recipient as in pastebin.com/gNANxiX4"),

    # --- Exim, Courier, Cyrus, qmail, hMailServer.
    ("535 Incorrect authentication data", (PASSWORD,), "Exim/exim:src/src/smtp_in.c"),
    ("2024-01-01 10:00:00 dovecot_login authenticator failed for (client) [192.0.2.7]: 535 Incorrect authentication "
     "data (set_id=jane@example.com)", (PASSWORD,), "Exim/exim:src/src/smtp_in.c (the authenticator's log line)"),
    ("-ERR Login failed.", (PASSWORD,), "courier/courier:courier-imap pop3d (Courier-IMAP)"),
    ("imapd: LOGIN FAILED, user=jane, ip=[::ffff:192.0.2.7]", (PASSWORD,), "courier/courier:courier-imap imapd.c"),
    ("imaps[1234]: badlogin: client.example.com [192.0.2.7] PLAIN [SASL(-13): authentication failure: Password "
     "verification failed]", (PASSWORD,), "cyrusimap/cyrus-imapd:imap/imapd.c"),
    ("imaps[1234]: badlogin: client.example.com [192.0.2.7] plaintext jane SASL(-13): user not found: checkpass failed",
     (USER,), "cyrusimap/cyrus-imapd:imap/imapd.c with cyrus-sasl's SASL_NOUSER"),
    ("535 authorization failed (#5.7.0)", (PASSWORD,), "qmail-smtpd AUTH patch (err_checkpassword_unacceptable)"),
    ("535 Authentication failed. Restarting authentication process.", (PASSWORD,), HM + "/SMTP/SMTPConnection.cpp"),
    ("-ERR Invalid user name or password.", (PASSWORD, USER), HM + "/POP3/POP3Connection.cpp"),
    ("USER culo\n+OK Send your password\nPASS culo\n"
     "-ERR Invalid user name or password. Please use full email address as user name.", (USER,),
     HM + "/POP3/POP3Connection.cpp (ProtocolPASS_: a user name without '@')"),
    ("1 login marlin poohbear\n1 NO Invalid user name or password. Please use full email address as user name.",
     (USER,), HM + "/IMAP/IMAPCommandLogin.cpp"),
    ("a1 NO Invalid user name. Please use full email address as user name.", (USER,),
     HM + "/IMAP/IMAPCommandAuthenticate.cpp (no default domain to apply)"),
    ("-ERR Invalid user name or password. Too many invalid logon attempts.", (LOCKED,),
     HM + "/POP3/POP3Connection.cpp (the auto-ban's disconnect)"),
    ("535 Authentication failed. Too many invalid logon attempts.", (LOCKED,), HM + "/SMTP/SMTPConnection.cpp"),

    # --- Zimbra: the security log (ZimbraLog.encodeAttrs) and the IMAP log of a refused login (ZM).
    ("cmd=Auth; account=jane@example.com; protocol=imap; error=authentication failed for [jane@example.com], "
     "account lockout;", (LOCKED,), ZM + " (LdapProvisioning.authAccount: 'account lockout')"),
    ("imap - authentication failed for [jane@example.com] (account lockout)", (LOCKED,), ZM + " (ImapHandler)"),
    ("cmd=Auth; account=jane@example.com; protocol=imap; error=authentication failed for [jane@example.com], "
     "invalid password;", (PASSWORD,), ZM + " (AuthMechanism: 'invalid password')"),
    ("cmd=Auth; account=jane@example.com; protocol=soap; error=authentication failed for [jane@example.com], "
     "account(or domain) status is locked;", (LOCKED,), ZM + " (checkAccountStatus: ACCOUNT_STATUS_LOCKED)"),
    ("account - authentication failed for jane@example.com (no such account)", (USER,),
     ZM + " (cs/security/sasl/PlainAuthenticator.java)"),
    # Zimbra's IMAP answers a refused login "LOGIN failed" (no full stop): not Exchange's "LOGIN failed.".
    ("A01 NO LOGIN failed", (PASSWORD,), ZM + " (ImapHandler.login: sendNO(tag, command + ' failed'))"),
    ("a1 NO account does not have IMAP access enabled", (PROTO,), ZM + " (ImapHandler.startSession)"),
]

# The same bare refusals with the server the client used: GMX and WEB.DE keep IMAP, POP3 and SMTP off until the
# user turns them on (providers.yaml gmx, web-de), so the switch comes first there.
WITH_SERVER = [
    (": PASS xxx\n: -ERR authentication failed\n: QUIT", "pop3 pop.gmx.net:995/ssl", (PROTO,),
     "github.com/jens-maus/yam/issues/638"),
    ("Username or password is wrong. (Command: *sensitive*; response: #2# [NO, authentication failed])",
     "imap imap.web.de:993/ssl", (PROTO,), "github.com/thunderbird/thunderbird-android/issues/5780"),
]


def _id(case: tuple) -> str:
    return case[0][:60]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_a_refused_login_reads_as_what_its_words_say(case: tuple) -> None:
    text, causes, _source = case
    found = causes_of(text)
    assert found, "declined"
    assert found[0] in causes, found


@pytest.mark.parametrize("case", WITH_SERVER, ids=_id)
def test_a_bare_refusal_at_a_named_provider_reads_as_its_policy(case: tuple) -> None:
    text, server, causes, _source = case
    found = causes_of(text, server)
    assert found and found[0] in causes, found


def test_a_recipient_address_names_no_provider() -> None:
    # The same deferral with a recipient at Gmail and at an unknown domain: the relay the client logged in to
    # decides, so both read alike (not "Gmail wants an app password").
    text = ("postfix/smtp[1]: 1B: to=<{}>, relay=smtp.example.net[192.0.2.9]:587, dsn=4.0.0, status=deferred "
            "(SASL authentication failed; server smtp.example.net[192.0.2.9] said: 535 5.7.8 Error: authentication "
            "failed: authentication failure)")
    assert causes_of(text.format("jo@gmail.com")) == causes_of(text.format("jo@example.org"))
    # So too the original recipient before an alias's rewriting (smtp(8) logs "orig_to=<...>" after "to=<...>").
    aliased = text.replace("to=<{}>", "to=<jo@example.org>, orig_to=<{}>")
    assert causes_of(aliased.format("jo@gmail.com")) == causes_of(aliased.format("jo@example.org"))
    # ... while the account's own address still names its provider.
    assert causes_of("Error login on [imap.gmail.com] with user [jo@gmail.com]: NO [AUTHENTICATIONFAILED] "
                     "Invalid credentials (Failure)")[0] == APP
