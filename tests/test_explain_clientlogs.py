"""Mail clients' own debug logs, as users attach them to bug reports when the dialog says nothing: the
reading comes from the server's reply and the step inside the log (the refusal the server sent, the step at
which the session broke), not from the log's framing.

The framings, each verified at its source:

- Thunderbird's C++ IMAP module under MOZ_LOG=IMAP:5 ("<thread>[<id>]: <conn>:<host>:<state>:SendData: ..."
  for a line sent, "...:CreateNewLineFromSocket: ..." for a line read, "ReadNextLine [stream=... nb=...
  needmore=0]" between them): real excerpts in public threads (TBLEGACY below).
- Thunderbird's JS clients (comm-central mailnews/imap/src/ImapClient.sys.mjs, mailnews/compose/src/
  SmtpClient.sys.mjs, mailnews/local/src/Pop3Client.sys.mjs): a console instance with the prefix
  "mailnews.imap" / "mailnews.smtp" / "mailnews.pop3" logs `C: ${str}` for what it sends and `S: ${payload}`
  for each chunk it reads, the chunk's lines as the server sent them; the console adds the file:line (TBJS).
- NeoMutt's -d debug file ("[date]<5> mutt_socket_readln_d() 7< a0000 OK ...", "<2> mutt_socket_write_d()
  7> a0000 CAPABILITY": neomutt/neomutt#1964, #3830) and Mutt's older "[date] 4> a0001 STARTTLS" /
  "4< a0001 OK ..." (neomutt/neomutt#675) (MUTT).
- Apple Mail's Connection Doctor log: a "READ <date> [kCFStreamSocketSecurityLevel...] -- host:H -- port:P
  -- socket:S -- thread:T" header, then the lines read (https://innerexception.com/2014/12/keep-calm-and-email-
  on-using-os-x-mail.html) (APPLE).
- Claws Mail's / Sylpheed's protocol log: "IMAP4< %s" for each line read (sylpheed imap.c log_print), the
  log window's "[hh:mm:ss] " before it (CLAWS).
- K-9 Mail / Thunderbird for Android: the exception's "Command: *sensitive*; response: #3# [NO, LOGIN
  failed.]" (thunderbird/thunderbird-android#2583, #2654), "Command continuation aborted: #1# [NO,
  AUTHENTICATE mechanism not supported, mate]" (#9406), ImapStore's "STARTTLS connection security not
  available" (k9mail ImapConnection.java) (K9).

The servers' words inside the logs are each a row of mailexpert/data (server-replies.yaml and its sources):
Dovecot's, Postfix's, Gmail's, Exchange's.
"""

from __future__ import annotations

import pytest
from helpers import causes_of

TBLEGACY = "Thunderbird MOZ_LOG IMAP:5 (real excerpts: kb.mozillazine.org Session_logging_for_mail/news; public forum logs)"
TBJS = "mozilla comm-central mailnews/*/src/{Imap,Smtp,Pop3}Client.sys.mjs (_logger prefix 'mailnews.*', 'C: ' / 'S: ')"
MUTT = "neomutt/neomutt#1964, #3830 (NeoMutt -d5), #675 (Mutt debug)"
APPLE = "https://innerexception.com/2014/12/keep-calm-and-email-on-using-os-x-mail.html (Connection Doctor log)"
CLAWS = "sylpheed/claws imap.c log_print('IMAP4< %s'); log window '[hh:mm:ss] '"
K9 = "thunderbird/thunderbird-android#2583, #2654, #9406; k9mail ImapConnection.java"


def _tb(line: str, verb: str = "CreateNewLineFromSocket", host: str = "imap.example.org") -> str:
    return f"1344[3f74b68]: 42a5818:{host}:NA:{verb}: {line}"


def _mutt_read(line: str, fd: int = 7) -> str:
    return f"[2019-11-14 14:24:32]<5> mutt_socket_readln_d() {fd}< {line}"


def _mutt_write(line: str, fd: int = 7) -> str:
    return f"[2019-11-14 14:24:32]<2> mutt_socket_write_d() {fd}> {line}"


def _apple(host: str, port: int, level: str = "kCFStreamSocketSecurityLevelTLSv1_2") -> str:
    return (f"READ Dec 31 11:39:40.201 [{level}] -- host:{host} -- port:{port} -- socket:0x6100004a5460 "
            "-- thread:0x618000a69b40")


_DOVECOT_PLAIN = "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] Dovecot ready."
LOGINDISABLED_TB = "\n".join([_tb(_DOVECOT_PLAIN), _tb("1 logout", "SendData"), _tb("* BYE Logging out"),
                               _tb("close socket connection", "TellThreadToDie")])

CASES = [
    # --- Thunderbird, C++ IMAP (MOZ_LOG=IMAP:5) ---
    ("\n".join([_tb('2 login "alice@example.org" *', "SendData"),
                "1344[3f74b68]: ReadNextLine [stream=266f8f8 nb=62 needmore=0]",
                _tb("2 NO [AUTHENTICATIONFAILED] Authentication failed.")]),
     {"password-rejected"}, TBLEGACY + "; Dovecot AUTH_FAILED_MSG"),
    ("\n".join([_tb('2 login "alice@example.org" *', "SendData"),
                _tb("2 NO [UNAVAILABLE] Maximum number of connections from user+IP exceeded "
                    "(mail_max_userip_connections=10)")]),
     {"too-many-connections"}, TBLEGACY + "; dovecot/core:src/login-common/client-common-auth.c"),
    # The server lists LOGINDISABLED and STARTTLS, no password mechanism, before TLS (Dovecot with
    # disable_plaintext_auth; RFC 9051 section 6.2.3); Thunderbird set to no encryption logs out at once: the
    # "* BYE" answers its own LOGOUT, the capability list says why.
    (LOGINDISABLED_TB, {"auth-requires-tls"}, TBLEGACY + "; RFC 9051 section 6.2.3; dovecot/core imap-login capability"),
    # --- Thunderbird, JS clients (mailnews.*.loglevel = All) ---
    ("mailnews.imap: C: 2 authenticate PLAIN ImapClient.sys.mjs:1017:18\n"
     "mailnews.imap: S: 2 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\n ImapClient.sys.mjs:1038:18",
     {"password-rejected", "app-password-required"}, TBJS + "; Gmail's IMAP refusal"),
    ("mailnews.smtp: C: AUTH PLAIN SmtpClient.sys.mjs:1172:20\n"
     "mailnews.smtp: S: 535-5.7.8 Username and Password not accepted. For more information, go to\n"
     "535 5.7.8  https://support.google.com/mail/?p=BadCredentials\n SmtpClient.sys.mjs:219:18",
     {"password-rejected", "app-password-required"}, TBJS + "; Gmail 535 5.7.8 BadCredentials"),
    ("mailnews.smtp: S: 220 mail.example.org ESMTP Postfix SmtpClient.sys.mjs:219:18\n"
     "mailnews.smtp: C: EHLO [127.0.0.1] SmtpClient.sys.mjs:1172:20\n"
     "mailnews.smtp: S: 250-mail.example.org\n250-PIPELINING\n250-SIZE 10240000\n250-STARTTLS\n250 8BITMIME\n"
     " SmtpClient.sys.mjs:219:18\n"
     "mailnews.smtp: C: MAIL FROM:<alice@example.org> BODY=8BITMIME SIZE=1234 SmtpClient.sys.mjs:1172:20\n"
     "mailnews.smtp: S: 530 5.7.0 Must issue a STARTTLS command first\n SmtpClient.sys.mjs:219:18",
     {"auth-requires-tls", "starttls-not-offered"}, TBJS + "; vdukhovni/postfix smtpd.c (smtpd_enforce_tls)"),
    ("mailnews.smtp: C: DATA SmtpClient.sys.mjs:1172:20\n"
     "mailnews.smtp: S: 354 Start mail input; end with <CRLF>.<CRLF>\n SmtpClient.sys.mjs:219:18\n"
     "mailnews.smtp: S: 554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; "
     "Failed to process message due to a permanent exception with message Cannot submit message.\n"
     " SmtpClient.sys.mjs:219:18",
     {"sender-address-not-allowed"}, TBJS + "; Exchange Online SendAsDenied"),
    ("mailnews.smtp: C: RCPT TO:<bob@example.net> SmtpClient.sys.mjs:1172:20\n"
     "mailnews.smtp: S: 554 5.7.1 <bob@example.net>: Relay access denied\n SmtpClient.sys.mjs:219:18",
     {"smtp-auth-not-enabled"}, TBJS + "; vdukhovni/postfix smtpd_check.c (reject_unauth_destination)"),
    ("mailnews.pop3: C: PASS Pop3Client.sys.mjs:1010:18\n"
     "mailnews.pop3: S: -ERR [AUTH] Authentication failed.\n Pop3Client.sys.mjs:303:18",
     {"password-rejected"}, TBJS + "; Dovecot AUTH_FAILED_MSG, RFC 3206 [AUTH]"),
    ("mailnews.pop3: C: PASS Pop3Client.sys.mjs:1010:18\n"
     "mailnews.pop3: S: -ERR [IN-USE] Unable to lock maildrop: Mailbox is locked by POP server\n"
     " Pop3Client.sys.mjs:303:18",
     {"mailbox-in-use"}, TBJS + "; RFC 1939 section 7, RFC 2449 [IN-USE]"),
    ("mailnews.pop3: S: +OK Dovecot ready.\n Pop3Client.sys.mjs:303:18\n"
     "mailnews.pop3: C: USER alice Pop3Client.sys.mjs:1010:18\n"
     "mailnews.pop3: S: -ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.\n"
     " Pop3Client.sys.mjs:303:18",
     {"auth-requires-tls"}, TBJS + "; dovecot/core login-common.h AUTH_PLAINTEXT_DISABLED_MSG"),
    # --- NeoMutt / Mutt debug files ---
    ("\n".join([_mutt_write('a0001 LOGIN "alice" "password_redacted"', 6),
                _mutt_read("a0001 NO [AUTHENTICATIONFAILED] Authentication failed.", 6),
                "[2023-04-18 21:21:25]<M> imap_cmd_step() IMAP command failed: a0001 NO [AUTHENTICATIONFAILED] "
                "Authentication failed."]),
     {"password-rejected"}, MUTT + "; Dovecot AUTH_FAILED_MSG"),
    ("\n".join([_mutt_write('a0001 LOGIN "alice" "password_redacted"', 6),
                _mutt_read("a0001 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure "
                           "(SSL/TLS) connections.", 6)]),
     {"auth-requires-tls"}, MUTT + "; dovecot/core login-common.h"),
    ("\n".join([_mutt_read("* OK Gimap ready for requests from 192.0.2.1 u17mb31144517edq"),
                _mutt_write("a0000 CAPABILITY"),
                _mutt_read("* CAPABILITY IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 XYZZY "
                           "SASL-IR AUTH=XOAUTH2 AUTH=PLAIN AUTH=PLAIN-CLIENTTOKEN AUTH=OAUTHBEARER AUTH=XOAUTH"),
                _mutt_read("a0000 OK Thats all she wrote! u17mb31144517edq"),
                _mutt_write("a0001 AUTHENTICATE PLAIN"),
                _mutt_read("a0001 NO [ALERT] Please log in via your web browser: "
                           "https://support.google.com/mail/accounts/answer/78754 (Failure)")]),
     {"web-login-required"}, MUTT + "; Gmail's WebLoginRequired refusal"),
    ("[2017-07-17 13:56:43] 4> a0001 STARTTLS\n[2017-07-17 13:56:43] 4< a0001 OK Begin TLS negotiation now.\n"
     '[2017-07-17 13:56:43] 4> a0003 LOGIN "me@example.com" "secret"\n[2017-07-17 13:56:43] 4< a0003 NO LOGIN failed.',
     {"basic-auth-disabled", "password-rejected"}, MUTT + "; Exchange/Office 365 'LOGIN failed.'"),
    ("\n".join([_mutt_write('a0001 LOGIN "alice@yahoo.com" "password_redacted"'),
                _mutt_read("a0001 NO [AUTHENTICATIONFAILED] LOGIN Invalid credentials")]),
     {"password-rejected", "app-password-required"}, MUTT + "; Yahoo's refusal as Enough-Software/enough_mail#245 logs it"),
    ("\n".join([_mutt_write("a0001 AUTHENTICATE PLAIN"), _mutt_read("a0001 NO AUTHENTICATE failed.")]),
     {"basic-auth-disabled", "password-rejected"}, MUTT + "; Exchange Online's refusal (data/error-texts.yaml login_mechanism)"),
    ("[2017-07-17 13:56:43] Connected to imap.gmail.com:993 on fd=4\n"
     "[2017-07-17 13:56:43] 4< * BYE [UNAVAILABLE] Too many simultaneous connections. (Failure)",
     {"too-many-connections"}, MUTT + "; Gmail's connection limit"),
    # --- Apple Mail, Connection Doctor ---
    ("\n".join([_mutt_read(_DOVECOT_PLAIN.replace("] Dovecot", " AUTH=GSSAPI] Dovecot"), 5), _mutt_write("a0000 LOGOUT", 5),
                _mutt_read("* BYE Logging out", 5)]),
     {"auth-requires-tls"}, MUTT + "; RFC 9051 section 6.2.3"),
    (_apple("smtp.example.org", 587) + "\n535 5.7.8 Error: authentication failed: authentication failure",
     {"password-rejected"}, APPLE + "; vdukhovni/postfix xsasl_cyrus_server.c"),
    (_apple("imap.example.org", 993) + "\n2.2 NO [AUTHENTICATIONFAILED] Authentication failed.",
     {"password-rejected"}, APPLE + "; Dovecot AUTH_FAILED_MSG"),
    (_apple("imap.gmail.com", 993) + "\n2.2 NO [ALERT] Your account is not enabled for IMAP use. Please visit your "
     "Gmail settings page and enable your account for IMAP access. (Failure)",
     {"protocol-disabled-for-account"}, APPLE + "; https://support.google.com/mail/answer/7126229"),
    (_apple("smtp.gmail.com", 587) + "\n534-5.7.9 Application-specific password required. Learn more at\n"
     "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor",
     {"app-password-required"}, APPLE + "; https://support.google.com/a/answer/3726730"),
    # --- Claws Mail / Sylpheed protocol log ---
    ("[10:15:02] IMAP4< * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] Dovecot ready.\n"
     "[10:15:02] IMAP4< 2 NO [AUTHENTICATIONFAILED] Authentication failed.",
     {"password-rejected"}, CLAWS + "; Dovecot AUTH_FAILED_MSG"),
    # --- K-9 Mail / Thunderbird for Android ---
    ("com.fsck.k9.mail.AuthenticationFailedException: Command: *sensitive*; response: #3# [NO, LOGIN failed.]",
     {"basic-auth-disabled", "password-rejected"}, K9),
    ("Command continuation aborted: #1# [NO, AUTHENTICATE mechanism not supported, mate]",
     {"auth-mechanism-unsupported"}, K9),
    ("com.fsck.k9.mail.CertificateValidationException: STARTTLS connection security not available",
     {"starttls-not-offered"}, K9),
]


@pytest.mark.parametrize(("text", "causes", "source"), CASES)
def test_a_client_log_reads_as_the_servers_words_at_the_failed_step(text: str, causes: set[str], source: str) -> None:
    assert source.strip(), text
    found = causes_of(text)
    assert found and found[0] in causes, (text, found)


def test_logindisabled_beside_a_password_mechanism_is_not_read_as_tls_required() -> None:
    # AUTH=PLAIN offered beside LOGINDISABLED: AUTHENTICATE PLAIN still logs in before TLS (RFC 9051 6.2.3
    # disables only LOGIN), so the list says nothing of why the session ended.
    text = LOGINDISABLED_TB.replace("LOGINDISABLED]", "LOGINDISABLED AUTH=PLAIN]")
    assert "auth-requires-tls" not in causes_of(text)[:1]


def test_logindisabled_before_a_starttls_the_client_sent_is_not_read_as_tls_required() -> None:
    # The client did upgrade: the list before TLS says nothing of a later failure.
    text = "\n".join([_tb(_DOVECOT_PLAIN), _tb("1 STARTTLS", "SendData"), _tb("1 OK Begin TLS negotiation now."),
                      _tb("2 login \"alice\" *", "SendData"), _tb("2 NO [AUTHENTICATIONFAILED] Authentication failed.")])
    assert causes_of(text)[:1] == ["password-rejected"]
    text = "\n".join([_tb(_DOVECOT_PLAIN), _tb("1 STARTTLS", "SendData"), _tb("1 OK Begin TLS negotiation now."),
                      _tb("2 logout", "SendData"), _tb("* BYE Logging out")])
    assert "auth-requires-tls" not in causes_of(text)[:1]


def test_an_imap_greeting_another_protocols_client_quotes_is_not_an_imap_clients_log() -> None:
    # An SMTP client that met an IMAP port quotes the greeting it read (Twisted's "Invalid response from SMTP
    # server: b'* OK ...'"): no IMAP command of its own, so the LOGINDISABLED in it says nothing of a login.
    text = f"twisted.mail._except.SMTPProtocolError: Invalid response from SMTP server: b'{_DOVECOT_PLAIN}'"
    assert "auth-requires-tls" not in causes_of(text)[:1]


@pytest.mark.parametrize("starttls", ["TAG1 STARTTLS\\r\\n", "'TAG1 STARTTLS\\r\\n'", "TAG1 STARTTLS"])
def test_a_starttls_a_log_writes_with_its_escaped_crlf_is_still_the_clients_upgrade(starttls: str) -> None:
    # RainLoop's IMAP log (RainLoop/rainloop-webmail#757) writes each line with its CRLF escaped.
    from mailexpert.sessionlog import imap_login_disabled

    text = "\n".join([f"IMAP[DATA]: < {_DOVECOT_PLAIN}\\r\\n", f"IMAP[DATA]: > {starttls}",
                      "IMAP[DATA]: < TAG1 OK Begin TLS negotiation now.\\r\\n", "IMAP[DATA]: > TAG2 LOGOUT\\r\\n"])
    assert imap_login_disabled(text, (None, None)) is None
    assert imap_login_disabled(text.replace(starttls, "TAG1 NOOP"), (None, None)) is not None
