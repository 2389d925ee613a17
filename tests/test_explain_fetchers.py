"""The command-line mail fetchers and synchronisers and their own failure messages: fetchmail, getmail6, mbsync
(isync), OfflineIMAP, fdm, mpop, imapsync and mutt's fetch, each wording around the server's reply or the
socket/TLS error as the program prints it, read as the cause the program's own code ties it to.

A program's status word says only the class of the failure (fetchmail's "Query status=3 (AUTHFAIL)", getmail6's
"credential/login error", imapsync's "Error login on"): the server's reply or the socket error quoted with it,
where the paste keeps it, decides, and the status word alone reads as the class's generic cause. Where the words
cannot decide at all (fetchmail's "SSL connection failed.", printed after a failed handshake on an implicit-TLS
connection and, in releases before 6.3, after a failed STARTTLS), the reading is one of the causes they may stand
for, never fine and never declined.

Sources (short names used below), each wording read there:
  FM  Distrotech/fetchmail@81c32399 (fetchmail 6.3.x): driver.c (do_session: "%s connection to %s failed: %s",
      "SSL connection failed.", "Authorization failure on %s@%s%s", "Unknown login or authentication error on
      %s@%s", "Lock-busy error on %s@%s", "timeout after %d seconds waiting to connect to server %s.", "timeout
      after %d seconds waiting for server %s.", "couldn't find canonical DNS name of %s (%s): %s", "Lead server has
      no name."; do_protocol: "%s error while fetching from %s@%s" with "socket"), fetchmail.c (main: "Query
      status=%d (NAME)" after each failed poll), fetchmail.man (EXIT CODES: 2 socket, 3 authentication, 9 lock
      busy, 11 fatal DNS error), socket.c (SSL_verify_callback: "Server certificate verification error: %s";
      report_SSL_errors: "OpenSSL reported: %s")
  GM  getmail6/getmail6@30bcb994: getmail (main: "%s: credential/login error (%s)", "%s: login refused error (%s)",
      "%s: operation error (%s)", "%s: socket error (%s)", "%s: timeout (%s)", "%s: protocol error (%s)"),
      getmailcore/_retrieverbases.py ("error resolving name %s during connect (%s)", "no address for %s (%s)",
      "SSLError during connect (%s)", "POP error (%s)", _parse_imapcmdresponse: "IMAP login failed with: %s.
      Tried IMAP authenticate, which also failed with: %s"; IMAP login: an [UNAVAILABLE] refusal is
      getmailLoginRefusedError, any other getmailCredentialError)
  OI  OfflineIMAP/offlineimap3@bcf2238d: offlineimap/imapserver.py (acquireconnection: "Could not connect via SSL
      to host '%s' and non-standard ssl port %d configured. Make sure you connect to the correct port. Got: %s",
      "Unknown SSL protocol connecting to host '%s' for repository '%s'. OpenSSL responded:\\n%s", "Could not
      resolve name '%s' for repository '%s'. ...", "Connection to host '%s:%d' for repository '%s' was refused.
      ...", "Could not connect to remote server '%s' for repository '%s'. Remote does not answer."; __authn_helper:
      "All authentication types failed:\\n\\t%s", "Repository %s: no supported authentication mechanisms found;
      configured %s, server advertises %s"; __authn_login: "IMAP LOGIN is disabled by server.  Need to use SSL?";
      __start_tls: "Failed to start TLS connection: %s"), offlineimap/imaplibutil.py (select: "Server '%s' closed
      connection, error on SELECT '%s'. Server said: %s"; WrappedIMAP4_SSL.open: "No CA certificates and no server
      fingerprints configured.  You must configure at least something, otherwise having SSL helps nothing.")
  MB  isync (mbsync): gburd/isync@45b11c63 src/drv_imap.c ("IMAP error: CRAM-MD5 authentication is not supported
      by server", "Skipping account %s, server forbids LOGIN"), src/socket.c ("IMAP error: Cannot resolve server
      '%s'", "Cannot connect to %s", "Server certificate has expired", "Server certificate is not yet valid",
      "Error, cannot verify certificate: %s (%d)"); current isync src/socket.c (ssl_return: "Socket error: secure
      %s %s: %s") and src/drv_imap.c ("IMAP command '%s' returned an error: %s %s" with "LOGIN <user> <pass>")
  FD  nicm/fdm@0918b78a: connect.c (connectio: gai_strerror alone, "%s: %s" with "connect" and strerror;
      sslerror2: "%s: %d: %s" with "SSL_connect" and OpenSSL's error string; sslverify: "certificate verification
      failed: %s"), imap-common.c (imap_bad: "%s: unexpected data: %s"), child-fetch.c ("%s: fetching error.
      aborted")
  MP  marlam/mpop@bf1fb266: src/pop3.c ("authentication failed (method %s)"), src/mpop.c ("the POP3 server does
      not support TLS via the STLS command", print_error: "POP3 server message: %s", "error during mail retrieval
      (account %s from %s)", each after "mpop: "), src/net.c ("cannot locate host %s: %s", "cannot connect to %s,
      port %d: %s", "the operation timed out")
  IS  imapsync/imapsync@02353507: imapsync (login_imap: "%s failure: can not open imap connection on %s [%s] with
      user [%s]: " with Mail::IMAPClient's LastError; "%s failure: Error login on [%s] with user [%s] auth [%s]: %s")
  MU  mutt: mutt_socket.c (raw_socket_open: "Could not connect to %s (%s).")
The servers' replies quoted in them are Gmail's, Dovecot's and Exchange Online's, as their own sources and
server-replies.yaml give them.
"""

from __future__ import annotations

import pytest
from helpers import Case, causes_of

APP = "app-password-required"
BROKE = "server-protocol-error"
CONFIG = "client-config-corrupt"
EXPIRED = "cert-expired"
INUSE = "mailbox-in-use"
ISSUER = "cert-untrusted-issuer"
MECH = "auth-mechanism-unsupported"
NOTYET = "cert-not-yet-valid"
NXHOST = "server-host-unknown"
TYPO = "server-host-typo"
PASSWORD = "password-rejected"
BLOCKED = "port-blocked-outbound"
CLOSED = "port-closed"
PLAIN_ON_TLS = "plaintext-on-tls-port"
TLS_ON_PLAIN = "tls-on-plaintext-port"
REQUIRES_TLS = "auth-requires-tls"
SELFSIGNED = "cert-self-signed"
STARTTLS_OFF = "starttls-not-offered"
STARTTLS_FAILED = "starttls-failed"
TOOMANY = "too-many-connections"
UNAVAILABLE = "server-unavailable"
OLD_SERVER_TLS = "tls-version-server-outdated"
WEB = "web-login-required"

FM = "Distrotech/fetchmail@81c32399"
GM = "getmail6/getmail6@30bcb994"
OI = "OfflineIMAP/offlineimap3@bcf2238d"
MB = "isync (mbsync)"
FD = "nicm/fdm@0918b78a"
MP = "marlam/mpop@bf1fb266"
IS = "imapsync/imapsync@02353507"
MU = "mutt mutt_socket.c raw_socket_open"

GMAIL_BAD = "[AUTHENTICATIONFAILED] Invalid credentials (Failure)"
MPOPRC = "mpop: error during mail retrieval (account default from /home/jo/.mpoprc)"

CASES = [
    # --- fetchmail (FM): its own line around the socket error or the server's reply, then the poll's status.
    Case("fetchmail-connect-refused", "fetchmail: POP3 connection to pop.example.org failed: Connection refused\n"
         "fetchmail: socket error while fetching from jo@pop.example.org\nfetchmail: Query status=2 (SOCKET)",
         (CLOSED,), f"{FM} driver.c do_session, do_protocol; fetchmail.c"),
    Case("fetchmail-connect-timed-out", "fetchmail: IMAP connection to imap.example.org failed: Connection timed "
         "out\nfetchmail: socket error while fetching from jo@imap.example.org\nfetchmail: Query status=2 (SOCKET)",
         (BLOCKED, UNAVAILABLE), f"{FM} driver.c do_session; fetchmail.c"),
    Case("fetchmail-timeout-connecting", "fetchmail: timeout after 300 seconds waiting to connect to server "
         "pop.example.org.", (BLOCKED, UNAVAILABLE), f"{FM} driver.c timeout_handler"),
    # Connected, and nothing came in time: the greeting of a plain connection to an implicit-TLS port never comes.
    Case("fetchmail-timeout-waiting", "fetchmail: timeout after 300 seconds waiting for server pop.example.org.",
         (PLAIN_ON_TLS, UNAVAILABLE), f"{FM} driver.c timeout_handler"),
    Case("fetchmail-dns", "fetchmail: couldn't find canonical DNS name of pop.example.org (pop.example.org): Name or "
         "service not known", (NXHOST, TYPO), f"{FM} driver.c do_session"),
    Case("fetchmail-dns-then-status", "fetchmail: couldn't find canonical DNS name of pop.example.org "
         "(pop.example.org): Name or service not known\nfetchmail: Query status=11 (DNS)", (NXHOST, TYPO),
         f"{FM} driver.c do_session; fetchmail.c"),
    Case("fetchmail-authfail-then-status", "fetchmail: Authorization failure on jo@pop.example.org\n"
         "fetchmail: Query status=3 (AUTHFAIL)", (PASSWORD,), f"{FM} driver.c do_session; fetchmail.c"),
    Case("fetchmail-gmail-authfail", f"fetchmail: IMAP< A0002 NO {GMAIL_BAD}\nfetchmail: Authorization failure on "
         "jo@imap.gmail.com\nfetchmail: Query status=3 (AUTHFAIL)", (PASSWORD, APP),
         f"{FM} driver.c, fetchmail.c; Gmail IMAP"),
    # The server's words before the class decide: Gmail's web-login demand, Dovecot's POP3 lock.
    Case("fetchmail-gmail-web-login", "fetchmail: IMAP< A0002 NO [WEBALERT https://accounts.google.com/signin/"
         "continue?sarp=1] Web login required.\nfetchmail: Authorization failure on jo@imap.gmail.com\n"
         "fetchmail: Query status=3 (AUTHFAIL)", (WEB,), f"{FM} driver.c, fetchmail.c; Gmail IMAP"),
    Case("fetchmail-inuse-authfail", "fetchmail: -ERR [IN-USE] Mailbox is locked by another POP3 session.\n"
         "fetchmail: Authorization failure on jo@pop.example.org\nfetchmail: Query status=3 (AUTHFAIL)", (INUSE,),
         f"{FM} pop3.c pop3_ok; dovecot/core src/pop3/pop3-client.c"),
    Case("fetchmail-lockbusy-then-status", "fetchmail: Lock-busy error on jo@pop.example.org\n"
         "fetchmail: Query status=9 (LOCKBUSY)", (INUSE,), f"{FM} driver.c do_session; fetchmail.c"),
    Case("fetchmail-wrong-version", "fetchmail: OpenSSL reported: error:0A00010B:SSL routines::wrong version number\n"
         "fetchmail: SSL connection failed.\nfetchmail: socket error while fetching from jo@pop.example.org\n"
         "fetchmail: Query status=2 (SOCKET)", (TLS_ON_PLAIN,), f"{FM} socket.c report_SSL_errors, driver.c"),
    Case("fetchmail-self-signed", "fetchmail: Server certificate verification error: self-signed certificate\n"
         "fetchmail: OpenSSL reported: error:0A000086:SSL routines::certificate verify failed\n"
         "fetchmail: SSL connection failed.\nfetchmail: socket error while fetching from jo@pop.example.org\n"
         "fetchmail: Query status=2 (SOCKET)", (SELFSIGNED,), f"{FM} socket.c SSL_verify_callback, driver.c"),
    Case("fetchmail-expired", "fetchmail: Server certificate verification error: certificate has expired\n"
         "fetchmail: SSL connection failed.", (EXPIRED,), f"{FM} socket.c SSL_verify_callback, driver.c"),
    # The poll's status line alone: the class its exit code documents (fetchmail.man EXIT CODES).
    Case("fetchmail-status-authfail", "fetchmail: Query status=3 (AUTHFAIL)", (PASSWORD,), f"{FM} fetchmail.c"),
    Case("fetchmail-status-lockbusy", "fetchmail: Query status=9 (LOCKBUSY)", (INUSE,), f"{FM} fetchmail.c"),
    Case("fetchmail-status-dns", "fetchmail: Query status=11 (DNS)", (NXHOST, TYPO), f"{FM} fetchmail.c"),

    # --- getmail6 (GM): "CONFIGFILE: KIND error (...)" around the library's exception.
    Case("getmail-credential-gmail", f"getmailrc: credential/login error (b'{GMAIL_BAD}')", (PASSWORD, APP),
         f"{GM} getmail; Gmail IMAP"),
    Case("getmail-credential-app-password", "getmailrc: credential/login error (b'[ALERT] Application-specific "
         "password required: https://support.google.com/accounts/answer/185833 (Failure)')", (APP,),
         f"{GM} getmail; Gmail IMAP"),
    Case("getmail-login-and-authenticate", f"getmailrc: operation error (IMAP login failed with: b'{GMAIL_BAD}'.\n"
         f"                        Tried IMAP authenticate, which also failed with: b'{GMAIL_BAD}')",
         (PASSWORD, APP), f"{GM} _retrieverbases.py _parse_imapcmdresponse; Gmail IMAP"),
    Case("getmail-refused-unavailable", "getmailrc: login refused error (b'[UNAVAILABLE] Temporary authentication "
         "failure')", (UNAVAILABLE,), f"{GM} _retrieverbases.py (IMAP login: [UNAVAILABLE]); RFC 5530"),
    Case("getmail-pop-error", "getmailrc: operation error (POP error (-ERR [AUTH] Username and password not "
         "accepted.))", (PASSWORD, APP), f"{GM} _retrieverbases.py POP3initMixIn; Gmail POP3"),
    Case("getmail-pop-in-use", "getmailrc: protocol error (b'-ERR [IN-USE] Unable to lock maildrop: Mailbox is "
         "locked by POP server')", (INUSE,), f"{GM} getmail (poplib.error_proto); RFC 2449 [IN-USE]"),
    Case("getmail-resolve", "getmailrc: operation error (error resolving name pop.example.org during connect "
         "([Errno -2] Name or service not known))", (NXHOST, TYPO), f"{GM} _retrieverbases.py POP3initMixIn"),
    Case("getmail-no-address", "getmailrc: operation error (no address for imap.example.org ([Errno -2] Name or "
         "service not known))", (NXHOST, TYPO), f"{GM} _retrieverbases.py IMAPSSLinitMixIn"),
    Case("getmail-refused", "getmailrc: socket error ([Errno 111] Connection refused)", (CLOSED,), f"{GM} getmail"),
    Case("getmail-ssl-wrong-version", "getmailrc: operation error (SSLError during connect ([SSL: "
         "WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)))", (TLS_ON_PLAIN,),
         f"{GM} _retrieverbases.py IMAPSSLinitMixIn"),
    Case("getmail-ssl-self-signed", "getmailrc: operation error (SSLError during connect ([SSL: "
         "CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)))",
         (SELFSIGNED,), f"{GM} _retrieverbases.py IMAPSSLinitMixIn"),

    # --- OfflineIMAP (OI): its OfflineImapError as the UI prints it ("ERROR: ...").
    Case("offlineimap-ssl-on-plain-port", "ERROR: Could not connect via SSL to host 'imap.example.org' and "
         "non-standard ssl port 143 configured. Make sure you connect to the correct port. Got: [SSL: "
         "WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)", (TLS_ON_PLAIN,), f"{OI} imapserver.py"),
    Case("offlineimap-unknown-ssl-protocol", "ERROR: Unknown SSL protocol connecting to host 'imap.example.org' for "
         "repository 'Remote'. OpenSSL responded:\n[SSL: UNSUPPORTED_PROTOCOL] unsupported protocol (_ssl.c:1006)",
         (OLD_SERVER_TLS,), f"{OI} imapserver.py"),
    Case("offlineimap-resolve", "ERROR: Could not resolve name 'imap.example.org' for repository 'Remote'. Make sure "
         "you have configured the server name correctly and that you are online.", (NXHOST, TYPO),
         f"{OI} imapserver.py"),
    Case("offlineimap-refused", "ERROR: Connection to host 'imap.example.org:993' for repository 'Remote' was "
         "refused. Make sure you have the right host and port configured and that you are actually able to access "
         "the network.", (CLOSED,), f"{OI} imapserver.py"),
    Case("offlineimap-no-answer", "ERROR: Could not connect to remote server 'imap.example.org' for repository "
         "'Remote'. Remote does not answer.", (BLOCKED, UNAVAILABLE), f"{OI} imapserver.py"),
    Case("offlineimap-all-auth-failed", f"ERROR: All authentication types failed:\n\tLOGIN: b'{GMAIL_BAD}'",
         (PASSWORD, APP), f"{OI} imapserver.py __authn_helper; Gmail IMAP"),
    Case("offlineimap-no-mechanism", "ERROR: Repository Remote: no supported authentication mechanisms found; "
         "configured GSSAPI, XOAUTH2, CRAM-MD5, PLAIN, LOGIN, server advertises PLAIN", (MECH,),
         f"{OI} imapserver.py __authn_helper"),
    Case("offlineimap-login-disabled", "ERROR: IMAP LOGIN is disabled by server.  Need to use SSL?", (REQUIRES_TLS,),
         f"{OI} imapserver.py __authn_login"),
    Case("offlineimap-starttls-verify", "ERROR: Failed to start TLS connection: [SSL: CERTIFICATE_VERIFY_FAILED] "
         "certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)", (ISSUER,),
         f"{OI} imapserver.py __start_tls"),
    # The close came after the login worked (SELECT): not a plain connection to an implicit-TLS port.
    Case("offlineimap-closed-on-select", "ERROR: Server 'imap.example.org' closed connection, error on SELECT "
         "'INBOX'. Server said: socket error: EOF", (BROKE, UNAVAILABLE), f"{OI} imaplibutil.py select"),
    # Its own settings: neither sslcacertfile nor cert_fingerprint in the repository.
    Case("offlineimap-no-ca", "ERROR: No CA certificates and no server fingerprints configured.  You must configure "
         "at least something, otherwise having SSL helps nothing.", (CONFIG,), f"{OI} imaplibutil.py"),

    # --- mbsync (MB).
    Case("mbsync-login-gmail", f"IMAP command 'LOGIN <user> <pass>' returned an error: NO {GMAIL_BAD}",
         (PASSWORD, APP), f"{MB} drv_imap.c; Gmail IMAP"),
    Case("mbsync-secure-connect-wrong-version", "Socket error: secure connect to imap.example.org (192.0.2.10:993): "
         "error:0A00010B:SSL routines::wrong version number", (TLS_ON_PLAIN,), f"{MB} socket.c ssl_return"),
    Case("mbsync-cram-md5", "IMAP error: CRAM-MD5 authentication is not supported by server", (MECH,),
         f"{MB} drv_imap.c"),
    Case("mbsync-forbids-login", "Skipping account gmail, server forbids LOGIN", (REQUIRES_TLS, MECH),
         f"{MB} drv_imap.c"),
    Case("mbsync-resolve", "IMAP error: Cannot resolve server 'imap.example.org'", (NXHOST, TYPO), f"{MB} socket.c"),
    Case("mbsync-connect-refused", "Cannot connect to imap.example.org (192.0.2.10:993): Connection refused",
         (CLOSED,), f"{MB} socket.c"),
    Case("mbsync-connect-timed-out", "Cannot connect to imap.example.org (192.0.2.10:993): Connection timed out",
         (BLOCKED, UNAVAILABLE), f"{MB} socket.c"),
    Case("mbsync-cert-expired", "Server certificate has expired", (EXPIRED,), f"{MB} socket.c"),
    Case("mbsync-cert-not-yet-valid", "Server certificate is not yet valid", (NOTYET,), f"{MB} socket.c"),
    Case("mbsync-cannot-verify-self-signed", "Error, cannot verify certificate: self signed certificate (18)",
         (SELFSIGNED,), f"{MB} socket.c"),
    Case("mbsync-cannot-verify-issuer", "Error, cannot verify certificate: unable to get local issuer certificate "
         "(20)", (ISSUER,), f"{MB} socket.c"),

    # --- fdm (FD): "ACCOUNT: cause", then "ACCOUNT: fetching error. aborted".
    Case("fdm-login-gmail", f"gmail: unexpected data: 2 NO {GMAIL_BAD}\ngmail: fetching error. aborted",
         (PASSWORD, APP), f"{FD} imap-common.c imap_bad; Gmail IMAP"),
    Case("fdm-connect-refused", "work: connect: Connection refused\nwork: fetching error. aborted", (CLOSED,),
         f"{FD} connect.c connectio"),
    Case("fdm-resolve", "work: Name or service not known\nwork: fetching error. aborted", (NXHOST, TYPO),
         f"{FD} connect.c connectio (gai_strerror)"),
    Case("fdm-wrong-version", "work: SSL_connect: 1: error:0A00010B:SSL routines::wrong version number\n"
         "work: fetching error. aborted", (TLS_ON_PLAIN,), f"{FD} connect.c sslerror2"),
    Case("fdm-cert-expired", "work: certificate verification failed: certificate has expired\n"
         "work: fetching error. aborted", (EXPIRED,), f"{FD} connect.c sslverify"),

    # --- mpop (MP).
    Case("mpop-auth", "mpop: authentication failed (method PLAIN)\nmpop: POP3 server message: -ERR [AUTH] Username "
         f"and password not accepted.\n{MPOPRC}", (PASSWORD, APP), f"{MP} pop3.c, mpop.c; Gmail POP3"),
    Case("mpop-no-stls", f"mpop: the POP3 server does not support TLS via the STLS command\n{MPOPRC}",
         (STARTTLS_OFF,), f"{MP} mpop.c"),
    Case("mpop-host", f"mpop: cannot locate host pop.example.org: Name or service not known\n{MPOPRC}",
         (NXHOST, TYPO), f"{MP} net.c"),
    Case("mpop-connect-refused", f"mpop: cannot connect to pop.example.org, port 995: Connection refused\n{MPOPRC}",
         (CLOSED,), f"{MP} net.c"),
    Case("mpop-connect-timeout", "mpop: cannot connect to pop.example.org, port 995: the operation timed out",
         (BLOCKED, UNAVAILABLE), f"{MP} net.c"),

    # --- imapsync (IS): "HostN failure: ..." with Mail::IMAPClient's LastError.
    Case("imapsync-login-dovecot", "Host1 failure: Error login on [imap.example.org] with user [jo@example.org] auth "
         "[LOGIN]: 2 NO [AUTHENTICATIONFAILED] Authentication failed.", (PASSWORD,),
         f"{IS}; dovecot/core src/login-common (AUTH_FAILED_MSG)"),
    Case("imapsync-login-gmail-app-password", "Host1 failure: Error login on [imap.gmail.com] with user "
         "[jo@gmail.com] auth [LOGIN]: 2 NO [ALERT] Application-specific password required: "
         "https://support.google.com/accounts/answer/185833 (Failure)", (APP,), f"{IS}; Gmail IMAP"),
    Case("imapsync-login-userip", "Host2 failure: Error login on [imap.example.org] with user [jo] auth [LOGIN]: 2 NO "
         "[UNAVAILABLE] Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)",
         (TOOMANY,), f"{IS}; dovecot/core src/login-common/sasl-server.c (ERR_TOO_MANY_USERIP_CONNECTIONS)"),
    Case("imapsync-connect-refused", "Host1 failure: can not open imap connection on host1 [imap.example.org] with "
         "user [jo]: Unable to connect to imap.example.org: Connection refused ", (CLOSED,), IS),
    Case("imapsync-connect-dns", "Host2 failure: can not open imap connection on host2 [imap.example.orgx] with user "
         "[jo]: Unable to connect to imap.example.orgx: Name or service not known ", (NXHOST, TYPO), IS),
    Case("imapsync-connect-timed-out", "Host1 failure: can not open imap connection on host1 [imap.example.org] with "
         "user [jo]: Unable to connect to imap.example.org: Connection timed out ", (BLOCKED, UNAVAILABLE), IS),

    # --- mutt's fetch (MU).
    Case("mutt-connect-refused", "Could not connect to imap.example.org (Connection refused).", (CLOSED,), MU),
    Case("mutt-connect-timed-out", "Could not connect to imap.example.org (Connection timed out).",
         (BLOCKED, UNAVAILABLE), MU),
]

# Words that do not decide between causes: read as one of the causes they may stand for, never fine or declined.
GENERIC = [
    # driver.c after a failed handshake on an implicit-TLS connection; pop3.c and imap.c before 6.3 after a failed
    # STLS/STARTTLS upgrade: OpenSSL's reason, where printed before it, says which.
    Case("fetchmail-ssl-failed", "fetchmail: SSL connection failed.\nfetchmail: socket error while fetching from "
         "jo@pop.example.org\nfetchmail: Query status=2 (SOCKET)",
         (STARTTLS_FAILED, TLS_ON_PLAIN, PLAIN_ON_TLS, SELFSIGNED, ISSUER, EXPIRED, OLD_SERVER_TLS),
         f"{FM} driver.c do_session; pop3.c, imap.c (6.2)"),
    # The login failed in words of no server's: the generic refusal of the login.
    Case("fetchmail-unknown-login", "fetchmail: Unknown login or authentication error on jo@pop.example.org",
         (PASSWORD,), f"{FM} driver.c do_session"),
    # The greeting read or the session broke with nothing said: a plain connection to an implicit-TLS port, or
    # the server (or something between) closing.
    Case("mbsync-read-eof", "Socket error: read from imap.example.org (192.0.2.10:993): unexpected EOF",
         (PLAIN_ON_TLS, UNAVAILABLE, "tls-interception"), f"{MB} socket.c"),
    Case("getmail-protocol-eof", "getmailrc: protocol error (socket error: EOF)", (PLAIN_ON_TLS, UNAVAILABLE),
         f"{GM} getmail (imaplib.IMAP4.abort)"),
]

# fetchmail's status lines of polls that did not fail: nothing to explain.
NOT_FAILURES = [
    Case("fetchmail-status-nomail", "fetchmail: Query status=1 (NOMAIL)", (), f"{FM} fetchmail.c"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_fetcher_s_message_reads_as_the_cause_its_words_decide(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes and causes[0] in case.causes, (case.name, causes[:3], case.source)


@pytest.mark.parametrize("case", GENERIC, ids=[c.name for c in GENERIC])
def test_a_fetcher_s_undecided_words_read_as_one_of_their_causes(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes and causes[0] in case.causes, (case.name, causes[:3], case.source)


@pytest.mark.parametrize("case", NOT_FAILURES, ids=[c.name for c in NOT_FAILURES])
def test_a_fetcher_s_status_of_a_poll_that_did_not_fail_names_no_cause(case: Case) -> None:
    assert causes_of(case.text) == [], case.name
