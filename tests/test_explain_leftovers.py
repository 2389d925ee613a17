"""Misreadings and over-matches earlier passes listed and left: each text in the form its source prints it,
with the source and the causes its words may honestly read as (None: the words say only that something
failed; the text must then read as a failure, never as fine or declined).

Sources (read for this file):
- CPython's imaplib (python/cpython:Lib/imaplib.py, 3.11): _get_line raises abort('socket error: EOF') when
  the connection closed; IMAP4.__init__ reads the greeting before any command, and _command_complete wraps an
  abort raised while a command's tagged answer was awaited as abort('command: %s => %s' % (name, val)).
- exchangelib (ecederstrand/exchangelib@527d240c): autodiscover/discovery.py _step_6 ("All steps in the
  autodiscover protocol failed for email ..."), _ensure_valid_hostname (TransportError "... has no DNS entry"),
  protocol.py _handle_response_error ("The referenced account is currently locked out"), properties.py
  (InvalidUser -> ErrorNonExistentMailbox); EWS's MessageText for ErrorNonExistentMailbox as Microsoft Graph's
  docs quote it ("The SMTP address has no mailbox associated with it.").
- lettre (lettre/lettre@fa402db5): src/transport/smtp/error.rs Display (the kind's words, then ": " and the
  source), client/net.rs try_connect ("could not resolve to any address": the look-up gave no address to dial);
  v0.9.6 lettre/src/smtp/error.rs ("could not resolve hostname": SmtpClient::new, an empty look-up).
- urllib3 (urllib3/urllib3:src/urllib3/exceptions.py, connection.py, util/retry.py): MaxRetryError "Max retries exceeded with
  url: %s (Caused by %r)", NewConnectionError "Failed to establish a new connection: %s", NameResolutionError
  "Failed to resolve '%s' (%s)", ResponseError "too many error responses", ConnectTimeoutError "Connection to %s timed out. (connect timeout=%s)";
  ProtocolError('Connection aborted.', err) as requests' ConnectionError quotes it.
- Outlook for iOS and Android: MicrosoftDocs/OfficeDocs-Support Exchange/ExchangeServer/client-connectivity/
  connection-to-mail-server-timed-out.md (the message is the app refusing an Exchange server with only TLS 1.0/1.1,
  or one with an expired certificate) -- the reading follows Microsoft's page, not the word "timed out".
- CDOSYS (cdosyserr.h, as test_explain_libs2.py cites it) and Outlook Express / Windows Live Mail (Windows SDK
  um/imnxport.h IXP_E_* and the dialog's fields: "Server Response: '...'", "Error Number: 0x800CCC..").
- A login refused and a later one accepted in the same session: RFC 4954 section 6 (235 2.7.0 to AUTH; 535 5.7.8),
  RFC 1939 sections 7 and 8 (+OK / -ERR to PASS), RFC 5034 (+OK / -ERR to AUTH), RFC 9051 (tagged OK to LOGIN).
- PHPMailer (PHPMailer/PHPMailer:src/PHPMailer.php smtpSend: recipients_failed and each bad recipient's
  error['detail'], src/SMTP.php sendCommand: the detail is the server's reply with its codes cut off, the reply
  logged whole before it as "SMTP ERROR: RCPT TO command failed: " and the reply), whatever its code, 4yz too.
- AWS's common errors (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html, ExpiredToken: "The
  security token included in the request is expired", HTTP 403; InvalidClientTokenId beside it).
"""

from __future__ import annotations

import pytest
from helpers import top_cause

from mailexpert.account import ServerSetting
from mailexpert.errors import InputError
from mailexpert.explain import explain

IMAPLIB = "cpython Lib/imaplib.py"
EXCHANGELIB = "exchangelib@527d240c"
LETTRE = "lettre error.rs, client/net.rs"
URLLIB3 = "urllib3 exceptions.py"
DROPPED = {"server-protocol-error", "server-unavailable"}
UNKNOWN_NAME = {"server-host-unknown", "server-host-typo"}
RESOLVER = {"dns-server-misconfigured", "dns-outage", "no-internet"}
TIMEOUT = {"port-blocked-outbound", "server-unavailable", "server-ip-blocked", "all-mail-ports-blocked"}
POOL = "HTTPSConnectionPool(host='mail.example.com', port=443): Max retries exceeded with url: /EWS/Exchange.asmx"
CONN = "<urllib3.connection.HTTPSConnection object at 0x7f3c2a1b5e50>"

CASES = [
    # --- imaplib ------------------------------------------------------------------------------------------------
    # At the greeting (no command named): the server hung up before greeting -- most often IMAP4() without TLS on
    # 993, whose server waits for a handshake and gives up; or a server that closes at once.
    (f"{IMAPLIB}: _get_line at the greeting", "imaplib.IMAP4.abort: socket error: EOF",
     {"plaintext-on-tls-port", "server-unavailable"}),
    # Named after a command: the greeting came, so the port speaks IMAP in the mode set; the server (or something
    # between) closed the connection at that command.
    (f"{IMAPLIB}: _command_complete, LOGIN", "imaplib.IMAP4.abort: command: LOGIN => socket error: EOF", DROPPED),
    (f"{IMAPLIB}: _command_complete, AUTHENTICATE",
     "imaplib.IMAP4.abort: command: AUTHENTICATE => socket error: EOF", DROPPED),
    (f"{IMAPLIB}: _command_complete, SELECT", "imaplib.IMAP4.abort: command: SELECT => socket error: EOF", DROPPED),
    (f"{IMAPLIB}: _command_complete, LOGIN, in a traceback",
     "Traceback (most recent call last):\n  File \"fetch.py\", line 12, in <module>\n    mail.login(user, password)\n"
     "  File \"/usr/lib/python3.11/imaplib.py\", line 612, in login\n"
     "    typ, dat = self._simple_command('LOGIN', user, self._quote(password))\n"
     "  File \"/usr/lib/python3.11/imaplib.py\", line 1049, in _command_complete\n"
     "    raise self.abort('command: %s => %s' % (name, val))\n"
     "imaplib.IMAP4.abort: command: LOGIN => socket error: EOF", DROPPED),
    # _get_response: another protocol's greeting.
    (f"{IMAPLIB}: _get_response, an SMTP greeting",
     "imaplib.IMAP4.abort: unexpected response: b'220 smtp.example.com ESMTP Postfix'", {"wrong-protocol-on-port"}),
    # --- exchangelib --------------------------------------------------------------------------------------------
    # Every step of autodiscover failed: no records, no reachable host, or credentials each endpoint refused --
    # the words do not say which.
    (f"{EXCHANGELIB}: AutoDiscoverFailed (_step_6)",
     "exchangelib.errors.AutoDiscoverFailed: All steps in the autodiscover protocol failed for email "
     "jo@example.com. If you think this is an error, consider doing an official test at "
     "https://testconnectivity.microsoft.com", None),
    (f"{EXCHANGELIB}: AutoDiscoverFailed, older releases' words",
     "exchangelib.errors.AutoDiscoverFailed: All steps in the autodiscover protocol failed", None),
    (f"{EXCHANGELIB}: ErrorNonExistentMailbox",
     "exchangelib.errors.ErrorNonExistentMailbox: The SMTP address has no mailbox associated with it.",
     {"username-wrong"}),
    (f"{EXCHANGELIB}: UnauthorizedError, a locked-out account",
     "exchangelib.errors.UnauthorizedError: The referenced account is currently locked out", {"account-locked"}),
    (f"{EXCHANGELIB}: TransportError, the autodiscover host's A look-up",
     "exchangelib.errors.TransportError: 'autodiscover.example.com' has no DNS entry",
     UNKNOWN_NAME | {"server-host-no-address"}),
    (f"{EXCHANGELIB}: TransportError wrapping urllib3's refused connect",
     f"exchangelib.errors.TransportError: {POOL} (Caused by NewConnectionError('{CONN}: Failed to establish a new "
     "connection: [Errno 111] Connection refused'))", {"port-closed"}),
    # --- lettre -------------------------------------------------------------------------------------------------
    (f"{LETTRE}: Kind::Connection, a look-up that left no address",
     "Connection error: could not resolve to any address", {"server-host-no-address"}),
    (f"{LETTRE}: async transport's Kind::Connection, no address left",
     "Error: lettre::transport::smtp::Error { kind: Connection, source: \"could not resolve to any supported "
     "address\" }", {"server-host-no-address"}),
    (f"{LETTRE} v0.9.6: Error::Resolution", "could not resolve hostname",
     UNKNOWN_NAME | {"server-host-no-address"}),
    (f"{LETTRE}: Kind::Connection, the resolver failed",
     "Connection error: failed to lookup address information: Temporary failure in name resolution", RESOLVER),
    (f"{LETTRE}: Kind::Permanent, Microsoft 365's refusal",
     "permanent error (535): 5.7.3 Authentication unsuccessful",
     {"password-rejected", "smtp-auth-not-enabled", "basic-auth-disabled", "app-password-required",
      "protocol-disabled-for-account"}),
    (f"{LETTRE}: Kind::Connection, a connect timeout", "Connection error: Connection timed out (os error 110)",
     TIMEOUT),
    (f"{LETTRE}: Kind::Network, a reset", "network error: Connection reset by peer (os error 104)", None),
    # --- urllib3 / requests ("exceeded" is the retries', not a login limit's) ---------------------------------
    (f"{URLLIB3}: NewConnectionError, refused",
     f"requests.exceptions.ConnectionError: {POOL} (Caused by NewConnectionError('{CONN}: Failed to establish a "
     "new connection: [Errno 111] Connection refused'))", {"port-closed"}),
    (f"{URLLIB3}: NewConnectionError, refused (Windows)",
     f"{POOL} (Caused by NewConnectionError('{CONN}: Failed to establish a new connection: [WinError 10061] No "
     "connection could be made because the target machine actively refused it'))", {"port-closed"}),
    (f"{URLLIB3}: NameResolutionError, no such name",
     f"requests.exceptions.ConnectionError: {POOL} (Caused by NameResolutionError(\"{CONN}: Failed to resolve "
     "'mail.example.com' ([Errno -2] Name or service not known)\"))", UNKNOWN_NAME),
    (f"{URLLIB3}: NameResolutionError, the resolver failed",
     f"requests.exceptions.ConnectionError: {POOL} (Caused by NameResolutionError(\"{CONN}: Failed to resolve "
     "'mail.example.com' ([Errno -3] Temporary failure in name resolution)\"))", RESOLVER),
    (f"{URLLIB3}: ConnectTimeoutError",
     f"requests.exceptions.ConnectTimeout: {POOL} (Caused by ConnectTimeoutError({CONN}, 'Connection to "
     "mail.example.com timed out. (connect timeout=10)'))", TIMEOUT),
    (f"{URLLIB3}: SSLError, a self-signed certificate",
     f"requests.exceptions.SSLError: {POOL} (Caused by SSLError(SSLCertVerificationError(1, '[SSL: "
     "CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)')))",
     {"cert-self-signed", "tls-interception"}),
    (f"{URLLIB3}: SSLError, a name the certificate does not hold",
     f"{POOL} (Caused by SSLError(SSLCertVerificationError(1, \"[SSL: CERTIFICATE_VERIFY_FAILED] certificate "
     "verify failed: Hostname mismatch, certificate is not valid for 'mail.example.com'. (_ssl.c:1006)\")))",
     {"cert-hostname-mismatch"}),
    # Retry gave up on answers with a status it retries (util/retry.py increment: GENERIC_ERROR when the response
    # had no status to name): the HTTP server's refusals, no login attempts counted against an account.
    (f"{URLLIB3}: MaxRetryError with ResponseError's generic words",
     "urllib3.exceptions.MaxRetryError: HTTPSConnectionPool(host='graph.microsoft.com', port=443): Max retries "
     "exceeded with url: /v1.0/me/sendMail (Caused by ResponseError('too many error responses'))",
     {"server-reply-transient", "server-unavailable"}),
    # --- Outlook for iOS and Android (Microsoft's page for this message) ----------------------------------------
    ("connection-to-mail-server-timed-out.md", "The connection to your mail server timed out.",
     {"tls-version-server-outdated", "cert-expired"}),
    # --- CDOSYS -------------------------------------------------------------------------------------------------
    # CDO_E_SENDER_REJECTED 0x8004020E: the reply decides -- Exchange Online's "not authenticated" is the
    # client that sent without logging in (smtpauthenticate unset), not a wrong password.
    ("cdosyserr.h: CDO_E_SENDER_REJECTED with Exchange Online's 530 5.7.57",
     "The server rejected the sender address. The server response was: 530 5.7.57 SMTP; Client was not "
     "authenticated to send anonymous mail during MAIL FROM", {"smtp-auth-not-enabled"}),
    ("cdosyserr.h: CDO_E_SENDER_REJECTED with a sender the login may not use",
     "The server rejected the sender address. The server response was: 553 5.7.1 <jo@example.com>: Sender "
     "address rejected: not owned by user jo@example.org", {"sender-address-not-allowed"}),
    # CDO_E_SMTP_SEND_FAILED 0x80040211 in a VBScript host's box with CDO_E_LOGON_FAILURE 0x80040217 as its code.
    ("cdosyserr.h: CDO_E_SMTP_SEND_FAILED (CDO_E_LOGON_FAILURE) in a VBScript host's error box",
     "CDO.Message.1 error '80040211'\nThe message could not be sent to the SMTP server. The transport error code "
     "was 0x80040217. The server response was not available", {"password-rejected", "app-password-required"}),
    # --- Outlook Express / Windows Live Mail (imnxport.h): after DATA the server's reply decides ----------------
    ("imnxport.h: IXP_E_SMTP_554_TRANSACT_FAILED with a content refusal",
     "An unknown error has occurred. Subject 'hi', Account: 'jo@example.com', Server: 'smtp.example.com', "
     "Protocol: SMTP, Server Response: '554 5.7.1 Message rejected as spam', Port: 587, Secure(SSL): No, "
     "Server Error: 554, Error Number: 0x800CCC6F", {"content-filtered"}),
    ("imnxport.h: IXP_E_SMTP_554_TRANSACT_FAILED with a size refusal",
     "An unknown error has occurred. Subject 'hi', Account: 'jo@example.com', Server: 'smtp.example.com', "
     "Protocol: SMTP, Server Response: '552 5.3.4 Message size exceeds fixed limit', Port: 587, Secure(SSL): No, "
     "Server Error: 552, Error Number: 0x800CCC6F", {"server-reply-permanent"}),
    ("imnxport.h: a 451 after DATA",
     "An unknown error has occurred. Subject 'hi', Account: 'jo@example.com', Server: 'smtp.example.com', "
     "Protocol: SMTP, Server Response: '451 4.3.0 Error: queue file write error', Port: 587, Secure(SSL): No, "
     "Server Error: 451, Error Number: 0x800CCC6F", {"server-unavailable", "server-reply-transient"}),
    ("imnxport.h: IXP_E_SMTP_REJECTED_RECIPIENTS with a relay refusal",
     "The message could not be sent because one of the recipients was rejected by the server. The rejected "
     "e-mail address was 'bob@example.org'. Subject 'hi', Account: 'jo@example.com', Server: 'smtp.example.com', "
     "Protocol: SMTP, Server Response: '550 5.7.1 Unable to relay', Port: 25, Secure(SSL): No, Server Error: "
     "550, Error Number: 0x800CCC79", {"smtp-auth-not-enabled"}),
    # IXP_E_CONNECTION_DROPPED 0x800CCC0F: the connection was cut; the words do not say by whom.
    ("imnxport.h: IXP_E_CONNECTION_DROPPED",
     "Your server has unexpectedly terminated the connection. Possible causes for this include server problems, "
     "network problems, or a long period of inactivity. Account: 'jo@example.com', Server: 'smtp.example.com', "
     "Protocol: SMTP, Port: 25, Secure(SSL): No, Error Number: 0x800CCC0F", None),
    # --- Windows Mail and Calendar ------------------------------------------------------------------------------
    ("winerror.h HTTP_E_STATUS_GONE, Microsoft's Mail and Calendar sync page",
     "Something went wrong. Error code: 0x8019019a", {"password-rejected", "app-password-required"}),
]


@pytest.mark.parametrize(("where", "text", "causes"), CASES, ids=[c[0] for c in CASES])
def test_a_leftover_message_reads_as_its_source_says(where: str, text: str, causes: set[str] | None) -> None:
    try:
        cause = top_cause(text)
    except InputError as e:
        pytest.fail(f"{where}: declined: {e}")
    assert cause is not None and (not causes or cause in causes), (where, cause)


# An OSError's repr holds an errno where smtplib's exception holds a reply code ("(535, b'...')"): urllib3's
# ProtocolError as requests quotes it is the same reset as the bare errno, never a server's reply 104.
@pytest.mark.parametrize(("wrapped", "bare"), [
    ("requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by "
     "peer'))", "ConnectionResetError: [Errno 104] Connection reset by peer"),
    ("urllib3.exceptions.ProtocolError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by "
     "peer'))", "[Errno 104] Connection reset by peer"),
])
def test_an_errno_in_a_python_repr_is_no_reply_code(wrapped: str, bare: str) -> None:
    got, expected = explain(wrapped).top, explain(bare).top
    assert got is not None and expected is not None
    assert got.cause == expected.cause, (got.cause, expected.cause)


# STARTTLS (or no TLS) configured on 465: the client waits for a greeting the implicit-TLS port never sends, so
# a timeout there reads as the wrong TLS mode and the advice names SSL/TLS; a timeout with no setting named
# says nothing of the mode.
def test_a_timeout_with_starttls_on_465_reads_as_the_wrong_tls_mode() -> None:
    report = explain("Connection timed out", setting=ServerSetting.parse("smtp", "smtp.example.com:465/starttls"))
    top = report.top
    assert top is not None and top.cause == "plaintext-on-tls-port"
    assert any("SSL/TLS" in step for step in top.fix), top.fix


def test_a_timeout_alone_does_not_read_as_the_wrong_tls_mode() -> None:
    top = explain("Connection timed out").top
    assert top is not None and top.cause != "plaintext-on-tls-port"


# --- Over-matches narrowed and misreadings corrected (the second list of leftovers) ---------------------------------
# Sources:
# - Chilkat's ConnectFailReason (chilkatsoft/Chilkat-RTC-for-Windows-Store-and-Phone-VS2013:
#   Chilkat/Chilkat/Chilkat.Shared/include/CkMailMan.h): 3 = DNS timeout; no 30 or 1060. A number is a whole number.
# - Symfony's Process (ProcessFailedException: 'The command "%s" failed.' then "\n\nExit Code: %s(%s)"): the status
#   under the line naming the program; sysexits.h EX_CONFIG 78.
# - Thunderbird's error console frames ("fn moz-extension://<uuid>/background.js:79", darktrojan/openwith#339), one
#   stack per error; comm-central's MessageSend.sys.mjs as the client's own mail code.
# - Android's Safe Boot Mode (android.googlesource.com/platform/compatibility/cdd 9_13_safe-mode.md): the phone's.
# - Apple Mail's 'The identity of "HOST" cannot be verified'; Jakarta Mail's "Can't verify identity of server".
# - AWS (https://docs.aws.amazon.com/ses/latest/APIReference/CommonErrors.html): InvalidClientTokenId, the access key
#   is not in AWS's records -- a credential refused.
# - Postfix (vdukhovni/postfix:postfix/src/smtpd/smtpd_check.c reject_dict_retry: '%d <%s>: Temporary lookup failure'
#   with 451 when a table lookup fails for now); PHPMailer's serverError ('SMTP server error: %s Detail: %s SMTP code:
#   %s Additional SMTP info: %s') and recipients_failed.
# - RFC 9051 section 6.1.3 (BYE before the tagged OK to LOGOUT), section 6.2.2/6.2.3 (a login refused with NO).
# - Exim (https://docs.huihoo.com/exim/4/spec/ch32.html, https://github.com/Exim/exim/wiki/Q0608, Q0615).
# - Blat (tbeu/Blat:full/source/server.cpp gensock_error: ERR_CANT_CONNECT "Error: Can't connect to server (timed out
#   if winsock.dll error 10060)", ERR_CONNECTION_REFUSED printed apart).
# - Thunderbird S/MIME (mailnews/extensions/smime/nsMsgComposeSecure.cpp MissingRecipientEncryptionCert) and OpenPGP
#   (openpgp-key-assistant.ftl: a public key for each recipient).
RESOLVER_TIMEOUT = {"dns-outage", "dns-server-misconfigured", "no-internet", "dns-blocked"}
TRANSIENT = {"server-reply-transient", "server-unavailable"}
NOT_REACHED = {"port-blocked-outbound", "port-closed", "server-unavailable", "smtp-port25-blocked",
               "all-mail-ports-blocked"}
CERT = {"cert-untrusted-issuer", "cert-self-signed", "cert-hostname-mismatch", "cert-expired"}
PLUGIN = "client-plugin-conflict"
_SEND_STACK = "    sendMessageFile resource:///modules/MessageSend.sys.mjs:180\n"
_ADDON_FRAME = "    error_listener moz-extension://9af64f01-5225-4d2e-bc9c-3d9598668de1/background.js:79\n"
_PHPMAILER_451 = ("SMTP server error: RCPT TO command failed Detail: <bob@example.org>: Temporary lookup failure "
                  "SMTP code: 451 Additional SMTP info: 4.3.0")
_IMAP_RETRIED = ("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] Dovecot ready.\na1 LOGIN jo wrongpass\n"
                 "a1 NO [AUTHENTICATIONFAILED] Authentication failed.\na2 LOGIN jo rightpass\n"
                 "a2 OK [CAPABILITY IMAP4rev1] Logged in\n")

MORE = [
    ("CkMailMan.h: ConnectFailReason 3", "ConnectFailReason: 3", RESOLVER_TIMEOUT),
    ("symfony Process: the exit code under the command's line",
     "The command \"/usr/sbin/sendmail -bs\" failed.\n\nExit Code: 78(Configuration error)", {"client-config-corrupt"}),
    ("an add-on frame in the send's own stack",
     "Error: sending failed\n" + _SEND_STACK + _ADDON_FRAME, {PLUGIN}),
    ("Outlook's safe mode", "Outlook works in safe mode. Error: 0x800CCC0E", {PLUGIN}),
    # Outlook's safe mode said beside the computer it runs on is still Outlook's.
    ("Outlook's safe mode on a named computer",
     "Outlook cannot send: Sending reported error (0x80042109). It works in safe mode on my Windows 11 laptop.", {PLUGIN}),
    ("Apple Mail's server identity", 'The identity of "imap.example.com" cannot be verified by Mail.', CERT),
    ("Jakarta Mail's identity of server", "Can't verify identity of server: imap.example.com", CERT),
    ("AWS InvalidClientTokenId",
     "An error occurred (InvalidClientTokenId) when calling the SendEmail operation: The security token included in "
     "the request is invalid.", {"password-rejected"}),
    ("PHPMailer serverError: Postfix's table lookup", _PHPMAILER_451, TRANSIENT),
    ("PHPMailer recipients_failed: Postfix's table lookup",
     "SMTP Error: The following recipients failed: bob@example.org: <bob@example.org>: Temporary lookup failure",
     TRANSIENT),
    ("Postfix's reply itself", "451 4.3.0 <bob@example.org>: Temporary lookup failure", TRANSIENT),
    ("a resolver's temporary failure stays the resolver's",
     "dial tcp: lookup smtp.example.com: Temporary failure in name resolution", RESOLVER_TIMEOUT),
    ("IMAP: a refusal overcome, then the server hung up",
     _IMAP_RETRIED + "* BYE Server shutting down.", {"server-unavailable"}),
    ("IMAP: a login accepted, then a later one refused",
     "a1 LOGIN jo x\na1 OK Logged in\na2 LOGIN jo y\na2 NO [AUTHENTICATIONFAILED] Authentication failed.",
     {"password-rejected"}),
    ("IMAP: a refused login, then LOGOUT",
     "a1 LOGIN jo wrongpass\na1 NO [AUTHENTICATIONFAILED] Authentication failed.\na2 LOGOUT\n* BYE Logging out\n"
     "a2 OK Logout completed.", {"password-rejected"}),
    ("Exim: retry time not reached, alone", "retry time not reached for any host", {"server-reply-transient"}),
    ("Exim: the bounce after the retry period", "bob@example.org\n    retry timeout exceeded",
     {"server-reply-transient"}),
    ("Exim: the earlier failure in the same log",
     "2024-01-02 10:00:00 1rKx == bob@example.org R=dnslookup T=remote_smtp defer (111): Connection refused\n"
     "2024-01-02 10:20:00 1rKx == bob@example.org R=dnslookup T=remote_smtp defer (-53): retry time not reached for "
     "any host", {"port-closed"}),
    ("Blat: ERR_CANT_CONNECT", "Error: Can't connect to server (timed out if winsock.dll error 10060)",
     NOT_REACHED - {"port-closed"}),
    ("Blat: ERR_CONNECTION_REFUSED", "Error: Server refused connection.", {"port-closed"}),
    ("a TLS stack's certificate failure stays the server's", "SSL handshake failed: certificate verify failed", CERT),
    # Says only that sending failed: a failure, no specific cause made up.
    ("a bare send failure", "The message could not be sent.", None),
]


_SMTP_RETRIED = ("S: 220 mail.example.org ESMTP Postfix\nC: EHLO client.example.org\nS: 250-mail.example.org\n"
                 "S: 250 AUTH PLAIN LOGIN\nC: AUTH PLAIN AGpvAHdyb25ncGFzcw==\n"
                 "S: 535 5.7.8 Error: authentication failed: authentication failure\n"
                 "C: AUTH PLAIN AGpvAHJpZ2h0cGFzcw==\nS: 235 2.7.0 Authentication successful\n")
_POP3_RETRIED = ("S: +OK Dovecot ready.\nC: USER jo\nS: +OK\nC: PASS wrongpass\nS: -ERR [AUTH] Authentication failed.\n"
                 "C: USER jo\nS: +OK\nC: PASS rightpass\nS: +OK Logged in.\n")
_GREYLISTED = "<bob@example.org>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/help/example.org.html"
_PHPMAILER_RCPT = "SMTP Error: The following recipients failed: bob@example.org: "
# Greylisting, a refusal for now, is read as a server's for servers (rules/server-address/mx-host-used-for-submission.yaml).
GREYLISTED = TRANSIENT | {"mx-host-used-for-submission"}

MORE2 = [
    # SMTP and POP3 as IMAP: a refusal overcome, and what the session shows after it decides.
    ("SMTP: a refusal overcome, then a recipient refused",
     _SMTP_RETRIED + "C: MAIL FROM:<jo@example.org>\nS: 250 2.1.0 Ok\nC: RCPT TO:<bob@example.org>\n"
     "S: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table\n",
     {"server-reply-permanent"}),
    ("SMTP: a refused login, then QUIT",
     "C: AUTH PLAIN AGpvAHdyb25ncGFzcw==\nS: 535 5.7.8 Error: authentication failed: authentication failure\n"
     "C: QUIT\nS: 221 2.0.0 Bye\n", {"password-rejected"}),
    ("SMTP: a login accepted, then a later one refused",
     "C: AUTH PLAIN AGpvAHJpZ2h0cGFzcw==\nS: 235 2.7.0 Authentication successful\nC: RSET\nS: 250 2.0.0 Ok\n"
     "C: AUTH PLAIN AGpvAHdyb25ncGFzcw==\nS: 535 5.7.8 Error: authentication failed: authentication failure\n",
     {"password-rejected"}),
    ("POP3: a refused login, then QUIT",
     "C: USER jo\nS: +OK\nC: PASS wrongpass\nS: -ERR [AUTH] Authentication failed.\nC: QUIT\nS: +OK Logging out.",
     {"password-rejected"}),
    # PHPMailer passes on the server's refusal of a recipient, whatever its code: the code decides.
    ("PHPMailer recipients_failed after a 450 greylisting reply",
     "SMTP ERROR: RCPT TO command failed: 450 4.2.0 " + _GREYLISTED + "\n" + _PHPMAILER_RCPT + _GREYLISTED,
     GREYLISTED),
    # Without its debug line: the words alone say greylisting, a refusal for now (RFC 6647; postgrey's text).
    ("PHPMailer recipients_failed, greylisted, without the code", _PHPMAILER_RCPT + _GREYLISTED, GREYLISTED),
    ("PHPMailer recipients_failed after a 451 reply",
     "SMTP ERROR: RCPT TO command failed: 451 4.7.1 <bob@example.org>: Recipient address rejected: Try again later\n"
     + _PHPMAILER_RCPT + "<bob@example.org>: Recipient address rejected: Try again later", TRANSIENT),
    ("PHPMailer recipients_failed after a 550 reply stays permanent",
     "SMTP ERROR: RCPT TO command failed: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in "
     "virtual mailbox table\n" + _PHPMAILER_RCPT + "<bob@example.org>: Recipient address rejected: User unknown in "
     "virtual mailbox table", {"server-reply-permanent"}),
    # AWS's expired temporary credentials: the same family as an access key it does not know.
    ("AWS ExpiredToken (SES)",
     "An error occurred (ExpiredToken) when calling the SendEmail operation: The security token included in the "
     "request is expired", {"password-rejected"}),
    ("AWS ExpiredToken (SESv2, boto3)",
     "botocore.exceptions.ClientError: An error occurred (ExpiredTokenException) when calling the SendEmail "
     "operation: The security token included in the request is expired", {"password-rejected"}),
    ("a bare send failure, again", "SMTP Error: Could not send the message.", None),
]

NOT_SO2 = [
    # The refusal was overcome and the session ended normally: no login failure.
    (_SMTP_RETRIED + "C: MAIL FROM:<jo@example.org>\nS: 250 2.1.0 Ok\nC: RCPT TO:<bob@example.org>\nS: 250 2.1.5 Ok\n"
     "C: DATA\nS: 354 End data with <CR><LF>.<CR><LF>\nS: 250 2.0.0 Ok: queued as 4B1C2\nC: QUIT\nS: 221 2.0.0 Bye",
     {"password-rejected", "username-wrong"}),
    (_SMTP_RETRIED + "C: QUIT\nS: 221 2.0.0 Bye", {"password-rejected", "username-wrong"}),
    (_POP3_RETRIED + "C: STAT\nS: +OK 2 320\nC: QUIT\nS: +OK Logging out.", {"password-rejected", "username-wrong"}),
    # A refusal after an accepted login is the recipient's, not the login's.
    (_SMTP_RETRIED + "C: MAIL FROM:<jo@example.org>\nS: 250 2.1.0 Ok\nC: RCPT TO:<bob@example.org>\n"
     "S: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table\n",
     {"password-rejected"}),
    # A field whose name ends in another's: Chilkat's ConnectFailReason is not in "DisconnectFailReason".
    ("Kicked from server. DisconnectFailReason: 3", RESOLVER_TIMEOUT),
    ("lastDisconnectFailReason: 2", UNKNOWN_NAME),
    # A greylisting reply quoted by PHPMailer is no permanent refusal.
    ("SMTP ERROR: RCPT TO command failed: 450 4.2.0 " + _GREYLISTED + "\n" + _PHPMAILER_RCPT + _GREYLISTED,
     {"server-reply-permanent"}),
]


@pytest.mark.parametrize(("where", "text", "causes"), MORE2, ids=[c[0] for c in MORE2])
def test_a_third_leftover_reads_as_its_source_says(where: str, text: str, causes: set[str] | None) -> None:
    got = _causes_or_declined(text)
    assert got, f"{where}: declined, or read as fine"
    assert not causes or got[0] in causes, (where, got)


@pytest.mark.parametrize(("text", "wrong"), NOT_SO2, ids=[t[:60] for t, _ in NOT_SO2])
def test_more_words_that_do_not_carry_a_reading_do_not_get_it(text: str, wrong: set[str]) -> None:
    got = _causes_or_declined(text)
    assert not wrong & set(got), got


def _causes_or_declined(text: str) -> list[str]:
    """The causes explain names for ``text``, first first; none where it declines or finds nothing wrong."""
    try:
        return [d.cause for d in explain(text).diagnoses]
    except InputError:
        return []


@pytest.mark.parametrize(("where", "text", "causes"), MORE, ids=[c[0] for c in MORE])
def test_a_second_leftover_reads_as_its_source_says(where: str, text: str, causes: set[str] | None) -> None:
    got = _causes_or_declined(text)
    assert got, f"{where}: declined, or read as fine"
    assert not causes or got[0] in causes, (where, got)


# Words that held a reading they do not carry: each of these may be declined or read otherwise, never so.
NOT_SO = [
    # A number is a whole number: Chilkat has no reason 30, and "10060" is no "106".
    ("ConnectFailReason: 30", RESOLVER_TIMEOUT),
    ("ConnectFailReason: 1060", CERT),
    # The program named in a configuration line above is not the one whose status the later line gives.
    ("sendmail_path = /usr/sbin/sendmail -t -i\nPHP Warning: build step failed: exit code 78",
     {"client-config-corrupt"}),
    # An add-on's frame in another error's stack: it ran, but not on the send's path.
    ("NS_ERROR_FAILURE: Component returned failure code: 0x80004005 [nsIMsgSend.sendMessageFile]\n" + _SEND_STACK
     + "    GenericSendMessage chrome://messenger/content/messengercompose/MsgComposeCommands.js:4520\n\n"
     "TypeError: menu is null\n" + _ADDON_FRAME, {PLUGIN}),
    # The phone's safe mode.
    ("Email works in safe mode on my Samsung phone. Error: 0x800CCC0E", {PLUGIN}),
    ("K-9 works in Android safe mode, but otherwise: Connection timed out", {PLUGIN}),
    # A sender's or an account's identity is no certificate's.
    ("could not verify the identity of the sender", CERT),
    ("We need to verify the identity of your account. Please sign in again.", CERT),
    # Postfix's table lookup is no name resolution.
    (_PHPMAILER_451, RESOLVER_TIMEOUT),
    # The refusal was overcome: the session ended normally.
    (_IMAP_RETRIED + "a3 SELECT INBOX\na3 OK [READ-WRITE] Select completed.\na4 LOGOUT\n* BYE Logging out\n"
     "a4 OK Logout completed.", {"password-rejected", "username-wrong"}),
    ("C: a1 LOGIN jo wrongpass\nS: a1 NO [AUTHENTICATIONFAILED] Authentication failed.\nC: a2 LOGIN jo rightpass\n"
     "S: a2 OK Logged in\nC: a3 LOGOUT\nS: * BYE Logging out\nS: a3 OK Logout completed.", {"password-rejected"}),
    # The message's own encryption: no server certificate, no login.
    ("You cannot send this message encrypted because the recipient certificate is missing", CERT),
    ("Sending of the message failed. You specified encryption for this message, but the application failed to find an "
     "encryption certificate for bob@example.org.", CERT),
]


@pytest.mark.parametrize(("text", "wrong"), NOT_SO, ids=[t[:60] for t, _ in NOT_SO])
def test_words_that_do_not_carry_a_reading_do_not_get_it(text: str, wrong: set[str]) -> None:
    got = _causes_or_declined(text)
    assert not wrong & set(got), got


# OpenPGP's and S/MIME's own refusals are declined with words that say where to look, not read as a failure of the
# mail path.
@pytest.mark.parametrize("text", [
    "End-to-end encryption requires resolving the following issues",
    "You cannot send this message encrypted because the recipient certificate is missing",
    "gpg: bob@example.org: skipped: No public key",
])
def test_the_message_s_own_encryption_is_declined_with_a_clear_message(text: str) -> None:
    with pytest.raises(InputError, match="end-to-end encryption"):
        explain(text)
