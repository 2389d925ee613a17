"""What webmail front-ends print when their connection to the mail server fails, on the page the user sees and
in the front-end's own log: Roundcube, Horde/IMP, SquirrelMail, SnappyMail/RainLoop, Cypht, Nextcloud Mail, SOGo,
Zimbra.

The front-end talks IMAP and SMTP to its mail server on the user's behalf, so its connection failure is the mail
server's side (refused, down, unreachable from the web server), its certificate failure is the mail server's
certificate as PHP on the web server verifies it, and a login refusal quoted in its log reads by the server's own
words. Its words about its own session, request token or database are no mail-path failure: those read as
nothing (declined or no cause), never as a mail cause.

Each case: the text as the front-end prints it (its log line's prefix where it writes one), the causes its words
may honestly read as (the first cause named must be one of them; "none" = no cause named), and its source.

Sources (short names used below):
  RC   roundcube/roundcubemail@28b44419ee44 (program/localization/en_US/messages.inc; program/lib/Roundcube/
       rcube_imap.php connect: "Login failed for %s against %s from %s. %s"; rcube_imap_generic.php connect,
       authenticate, login; rcube_smtp.php connect/_conn_error; program/include/rcmail.php)
  NS   pear/Net_SMTP:Net/SMTP.php (connect: "Failed to connect socket: " + Net_Socket's error)
  HO   horde/base:login.php (_getLogoutReasonString), horde/imp@fd9212ca3b72 lib/Auth.php (_log)
  SQ   squirrelmail:functions/imap_general.php (sqimap_login, sqimap_read_data_list), 1.4 branch
  SM   the-djmaze/snappymail@ba496919ddea (app/localization/en/user.json NOTIFICATIONS;
       MailSo/Net/NetClient.php Connect)
  CY   cypht-org/cypht@da5c9651a6cf (modules/imap/handler_modules.php, modules/smtp/modules.php)
  ZI   Zimbra/zm-mailbox:store/src/java/com/zimbra/cs/datasource/ImapSync.java (connect: connect and login in
       one try, "Unable to connect to IMAP server: " + dataSource, "system failure: " before it)
"""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

RC = "roundcube/roundcubemail@28b44419ee44"
NS = "pear/Net_SMTP:Net/SMTP.php"
HO = "horde/base:login.php; horde/imp@fd9212ca3b72:lib/Auth.php"
SQ = "squirrelmail 1.4:functions/imap_general.php"
SM = "the-djmaze/snappymail@ba496919ddea"
CY = "cypht-org/cypht@da5c9651a6cf"
ZI = "Zimbra/zm-mailbox:store/src/java/com/zimbra/cs/datasource/ImapSync.java (connect)"

NONE = "none"
PASSWORD = "password-rejected"
USER = "username-wrong"
CERT = ("cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch")
# A front-end's connection to its mail server refused or unanswered: the server side first; a firewall on the
# web server's way out is the same words (the words cannot decide between them).
UNREACHED = ("port-closed", "server-unavailable", "port-blocked-outbound")

# Roundcube's log line: "[date]: <session> IMAP Error: Login failed for USER against HOST from IP. REASON in FILE
# on line N (POST /?_task=login&_action=login)" (RC rcube_imap.php connect; rcube.php's "%s Error: %s%s (%s %s)" log format).
RC_LOG = ("[26-Nov-2021 22:20:44 +0100]: <jb9iloau> IMAP Error: Login failed for alice@example.org against "
          "mail.example.org from 192.0.2.7. {reason} in /var/www/roundcube/program/lib/Roundcube/rcube_imap.php on "
          "line 200 (POST /?_task=login&_action=login)")
RC_SMTP = ("[15-Dec-2021 16:39:13 +0100]: <b4e2isb6> SMTP Error: {reason} in /var/www/roundcube/program/lib/Roundcube/"
           "rcube.php on line 1774 (POST /?_task=mail&_action=send)")

CASES = [
    # --- Roundcube: the page's labels (RC messages.inc)
    Case("rc-loginfailed", "Login failed.", (PASSWORD, USER), RC + " messages.inc loginfailed"),
    Case("rc-storageerror", "Connection to storage server failed.", ("server-unavailable",), RC + " storageerror"),
    # The same label over the IMAP server's own answer to the login (servererrormsg "Server Error: $msg"): the
    # server was reached and refused the login, which says more than the label around it.
    Case("rc-storageerror-login-refused", "Connection to storage server failed.\nServer Error: LOGIN: Authentication"
         " failed.", (PASSWORD, USER), RC + " storageerror, servererrormsg"),
    Case("rc-accountlocked", "Too many failed login attempts. Try again later.", ("account-locked",),
         RC + " accountlocked (rcmail.php ERROR_RATE_LIMIT)"),
    Case("rc-smtpautherror-535", "SMTP Error (535): Authentication failed.", (PASSWORD,), RC + " smtpautherror"),
    Case("rc-smtpconnerror", "SMTP Error (-1): Connection to server failed.", UNREACHED, RC + " smtpconnerror"),
    Case("rc-smtpfromerror-530", 'SMTP Error (530): Failed to set sender "alice@example.org" (5.7.0 Must issue a '
         'STARTTLS command first).', ("auth-requires-tls", "starttls-not-offered", "starttls-stripped"),
         RC + " smtpfromerror with the server's 530 (RFC 3207)"),
    # Roundcube's own words about its session, its request token, cookies and database: no mail path.
    Case("rc-sessionerror", "Your session is invalid or expired.", (NONE,), RC + " sessionerror"),
    Case("rc-invalidrequest", "Invalid request! No data was saved.", (NONE,), RC + " invalidrequest"),
    Case("rc-cookiesdisabled", "Your browser does not accept cookies.", (NONE,), RC + " cookiesdisabled"),
    Case("rc-dbconnerror", "Unable to connect to the database!", (NONE,), RC + " dbconnerror"),
    Case("rc-dberror", "Database Error!", (NONE,), RC + " dberror"),
    Case("rc-security-check", "[01-Feb-2024 10:00:00 +0100]: <abcd1234> PHP Error: Request security check failed "
         "in /var/www/roundcube/program/include/rcmail.php on line 1233 (POST /?_task=mail&_action=send)", (NONE,),
         RC + " rcmail.php (request token check, 403)"),
    Case("rc-userlogins-failed", "[01-Feb-2024 10:00:00 +0100]: Failed login for alice@example.org from 192.0.2.7 "
         "in session 1a2b3c4d5e6f7a8b (error: 0)", (PASSWORD, USER, "server-unavailable"),
         RC + " rcmail.php log_login (userlogins.log, with rcmail's login_error() number)"),

    # --- Roundcube's log: the IMAP library's reason after "Login failed for ..." (RC rcube_imap_generic.php)
    Case("rc-log-authenticate-plain", RC_LOG.format(
        reason="AUTHENTICATE PLAIN: A0001 NO [AUTHENTICATIONFAILED] Authentication failed."), (PASSWORD,),
         RC + " authenticate: \"AUTHENTICATE {type}: {line}\""),
    Case("rc-log-refused", RC_LOG.format(reason="Could not connect to mail.example.org:143: Connection refused"),
         ("port-closed",), RC + " connect: 'Could not connect to %s:%d: %s' with PHP's errstr"),
    Case("rc-log-timeout", RC_LOG.format(reason="Could not connect to ssl://mail.example.org:993: Connection timed out"),
         UNREACHED, RC + " connect"),
    Case("rc-log-getaddrinfo", RC_LOG.format(
        reason="Could not connect to mail.example.org:143: php_network_getaddresses: getaddrinfo failed: Name or "
               "service not known"), ("server-host-unknown", "server-host-typo"), RC + " connect"),
    Case("rc-log-unknown-reason", RC_LOG.format(reason="Could not connect to ssl://mail.example.org:993: Unknown "
                                                       "reason"), CERT, RC + " connect (errstr empty after TLS)"),
    Case("rc-log-negotiate", RC_LOG.format(reason="Unable to negotiate TLS"), (*CERT, "starttls-failed"),
         RC + " connect: STARTTLS then stream_socket_enable_crypto failed"),
    Case("rc-log-logindisabled", RC_LOG.format(reason="Login disabled by IMAP server"), ("auth-requires-tls",),
         RC + " login: LOGINDISABLED (RFC 9051 6.2.3)"),
    Case("rc-log-empty-greeting", RC_LOG.format(reason="Empty startup greeting (mail.example.org:993)"),
         ("plaintext-on-tls-port", "server-unavailable"), RC + " connect"),
    Case("rc-php-verify-failed", "PHP Warning:  stream_socket_enable_crypto(): SSL operation failed with code 1. "
         "OpenSSL Error messages:\nerror:1416F086:SSL routines:tls_process_server_certificate:certificate verify "
         "failed in /var/www/roundcube/program/lib/Roundcube/rcube_imap_generic.php on line 1131",
         CERT, RC + " rcube_imap_generic.php (PHP's stream_socket_enable_crypto warning)"),
    # --- Roundcube's SMTP log: "SMTP Error: <step>: <Net_SMTP's error>" (RC rcube_smtp.php _conn_error; NS)
    Case("rc-smtp-log-refused", RC_SMTP.format(reason="Connection failed: Failed to connect socket: Connection refused"),
         ("port-closed",), NS),
    Case("rc-smtp-log-getaddrinfo", RC_SMTP.format(
        reason="Connection failed: Failed to connect socket: php_network_getaddresses: getaddrinfo failed: Name or "
               "service not known"), ("server-host-unknown", "server-host-typo"),
         NS + "; roundcube/roundcubemail issue quoted at id 69236191870 (the SMTP host not resolvable)"),
    Case("rc-smtp-log-timeout", RC_SMTP.format(
        reason="Connection failed: Failed to connect socket: Connection timed out"),
         (*UNREACHED, "smtp-port25-blocked"), NS),

    # --- Horde: the login page's reasons (HO) and IMP's log line
    Case("horde-badlogin", "Login failed because your username or password was entered incorrectly.",
         (PASSWORD, USER), HO + " REASON_BADLOGIN (IMP_Imap_Exception: AUTHENTICATIONFAILED)"),
    Case("horde-session", "Your session has expired. Please login again.", (NONE,), HO + " REASON_SESSION"),
    Case("horde-sessionip", "Your Internet Address has changed since the beginning of your session. To protect your "
         "security, you must login again.", (NONE,), HO + " REASON_SESSIONIP"),
    # REASON_EXPIRED: IMP's reading of the IMAP server's EXPIRED (RFC 5530) refusal (horde/imp lib/Imap/Exception.php)
    Case("horde-expired", "Your login has expired.", ("password-expired",), HO + " REASON_EXPIRED"),
    Case("nextcloud-horde-denied", "Horde_Imap_Client_Exception: Mail server denied authentication.",
         (PASSWORD,), "horde/Imap_Client:lib/Horde/Imap/Client/Socket.php (as Nextcloud Mail logs it)"),
    Case("nextcloud-horde-connect", "Horde_Imap_Client_Exception: Error connecting to mail server.", UNREACHED,
         "horde/Imap_Client:lib/Horde/Imap/Client/Socket.php"),
    # Its IMAP server ended the session: the server side, not a scanner on the user's computer (the library runs
    # on the web server).
    Case("nextcloud-horde-closed", "Horde_Imap_Client_Exception: Mail server closed the connection unexpectedly.",
         ("server-unavailable",), "horde/Imap_Client:lib/Horde/Imap/Client/Socket/Connection/Socket.php"),
    Case("nextcloud-horde-tls", "Horde_Imap_Client_Exception: Could not open secure TLS connection to the IMAP server.",
         (*CERT, "starttls-failed"), "horde/Imap_Client:lib/Horde/Imap/Client/Socket.php"),

    # --- SquirrelMail (SQ)
    Case("sq-unknown-user", "Unknown user or password incorrect.", (PASSWORD, USER), SQ + " sqimap_login (NO)"),
    Case("sq-connect-refused", "Error connecting to IMAP server: tls://localhost.\n111 : Connection refused",
         ("port-closed",), SQ + " sqimap_login; a forum post quoting it (id 56719936263)"),
    Case("sq-connect-timeout", "Error connecting to IMAP server: mail.example.org.\n110 : Connection timed out",
         UNREACHED, SQ + " sqimap_login (errno : errstr)"),
    # A read after login came back empty: the webmail's IMAP server closed the session (forum threads behind it:
    # courier's authdaemon failing, a Dovecot mail_location that does not exist), not the user's network.
    Case("sq-connection-dropped", "ERROR: Connection dropped by IMAP server.", ("server-unavailable",),
         SQ + " sqimap_read_data_list ($read === false); forum posts quoting it (ids 57042773017, 29287078379)"),

    # --- SnappyMail / RainLoop (SM)
    Case("sm-autherror", "Authentication failed", (PASSWORD,), SM + " AuthError"),
    Case("sm-connectionerror", "Can't connect to server", UNREACHED, SM + " ConnectionError"),
    Case("sm-invalidtoken", "Invalid token", (NONE,), SM + " InvalidToken (the webmail's own session token)"),
    Case("sm-log-connect", 'SocketCanNotConnectToHostException: Can\'t connect to host "ssl://mail.example.org:993": '
         "Connection refused", ("port-closed",), SM + " NetClient.php Connect"),


    # --- PHP's own warning under any PHP webmail (php/php-src ext/standard/streamsfuncs.c stream_socket_client:
    # "Unknown error" when a TLS handshake left no error string): ssl:// on the submission port is TLS spoken to a
    # plain-text port, the port decides before the empty reason.
    Case("php-unknown-error-587", "Connection failed. Error #2: stream_socket_client(): unable to connect to "
         "ssl://smtp.example.org:587 (Unknown error) [/var/www/html/vendor/phpmailer/phpmailer/src/SMTP.php line 397]",
         ("tls-on-plaintext-port",), "php/php-src:ext/standard/streamsfuncs.c (PHP 7's lower-case wording)"),

    # --- SOGo: its own login log line after the user directory refused the password (policy 65535 = no policy
    # error, so a wrong password: Alinto/sogo:UI/MainUI/SOGoRootPage.m connectAction)
    Case("sogo-might-not-have-worked", "Mar 24 08:58:32 sogod [26818]: SOGoRootPage Login from '192.0.2.7' for user "
         "'alice' might not have worked - password policy: 65535  grace: -1  expire: -1  bound: 0", (PASSWORD, USER),
         "Alinto/sogo:UI/MainUI/SOGoRootPage.m"),
    # --- Zimbra web client's login page (the error cell beside ZLoginErrorIcon, as Zimbra sites serve it)
    Case("zimbra-login-error", "The username or password is incorrect. Verify that CAPS LOCK is not on, and then "
         "retype the current username and password.", (PASSWORD, USER), "Zimbra web client login page"),

    # --- Zimbra: an external IMAP account the server fetches. ImapSync.connect() wraps the connection and the
    # login alike (ZI); alone the words are Zimbra's reading of a changed password, a chained reason decides.
    Case("zimbra-ds-bare", "system failure: Unable to connect to IMAP server", (PASSWORD,),
         ZI + "; Zimbra/zm-api-js-client#132"),
    Case("zimbra-ds-refused", "system failure: Unable to connect to IMAP server: DataSource: { id=abc, type=imap, "
         "host=imap.example.org, port=993 }\nCaused by: java.net.ConnectException: Connection refused",
         ("port-closed",), ZI),
    Case("zimbra-ds-pkix", "system failure: Unable to connect to IMAP server: DataSource: { id=abc, type=imap, "
         "host=imap.example.org, port=993 }\nCaused by: javax.net.ssl.SSLHandshakeException: "
         "sun.security.validator.ValidatorException: PKIX path building failed: "
         "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to "
         "requested target", CERT, ZI),

    # --- Cypht (CY)
    Case("cy-imap-auth", "Failed to authenticate to the IMAP server : alice@example.org", (PASSWORD, USER),
         CY + " modules/imap/handler_modules.php"),
    Case("cy-smtp-auth", "Connected, but failed to authenticate to the SMTP server", (PASSWORD, USER),
         CY + " modules/smtp/modules.php"),
    Case("cy-imap-connect", "Unable to connect to IMAP server", UNREACHED, CY + " modules/imap/handler_modules.php"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_webmail_message_reads_as_its_cause(case: Case) -> None:
    causes = causes_of(case.text)
    first = causes[0] if causes else NONE
    assert first in case.causes, (case.source, causes[:4])
