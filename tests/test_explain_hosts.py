"""``explain`` finds the server a mail program's or library's words name, and reads the words
that name no server by what the public reports say they most often are (real texts, with
their sources)."""

from __future__ import annotations

import pytest

from mailexpert import clientmessages, namedhost
from mailexpert.account import ServerSetting
from mailexpert.explain import explain, explain_facts
from mailexpert.namedhost import named_host


def causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


# Microsoft Exchange's IMAP4 service answers every refused login "NO LOGIN failed." /
# "NO AUTHENTICATE failed.": since basic authentication was turned off for Exchange Online, most
# reports are that; an on-premises Exchange still means a wrong password by the same words.
@pytest.mark.parametrize("text", [
    # github.com/paperless-ngx/paperless-ngx/issues/1647 (imap_tools, Microsoft 365)
    "imap_tools.errors.MailboxLoginError: Response status \"OK\" expected, but \"NO\" received. Data: [b'LOGIN failed.']",
    # github.com/RocketChat/Rocket.Chat/issues/30939 (node-imap, Office 365)
    'msg=IMAP error err={"type":"Error","message":"LOGIN failed.","stack":"Error: LOGIN failed.\\n    at '
    'Connection._resTagged (/app/bundle/programs/server/npm/node_modules/imap/lib/Connection.js:1502:11)',
    # github.com/mjs/imapclient/issues/602 (Outlook.com)
    "2024-08-07 17:37:36,759 - DEBUG: < b'PEAA1 NO LOGIN failed.'\n2024-08-07 17:37:36,760 - DEBUG: NO response: b'LOGIN failed.'",
    # github.com/jstedfast/MailKit/issues/483 (an on-premises Exchange: both words, one session)
    "S: A00000001 NO AUTHENTICATE failed.\nC: A00000002 LOGIN *****@*****.com *****\nS: A00000002 NO LOGIN failed.",
])
def test_exchange_imap_refusal_without_a_host_is_basic_auth_off_then_the_password(text: str) -> None:
    found = causes(text)
    assert found[:2] == ["basic-auth-disabled", "password-rejected"], found


def test_another_servers_login_failed_is_the_password() -> None:
    # Courier-IMAP's words for a refused login: no Exchange.
    found = causes("a1 NO Login failed.")
    assert found[0] == "password-rejected" and "basic-auth-disabled" not in found, found


# A session cut in the middle (a reset, Thunderbird's "lost in the middle of the transaction") is
# a filter killing cleartext logins only when nothing says the session was encrypted.
@pytest.mark.parametrize("text", [
    # Thunderbird's smtpSendInterrupted, with a provider whose servers all use TLS (GMX)
    "Sending of the message failed.\nThe message could not be sent because the connection to Outgoing server (SMTP) "
    "mail.gmx.net was lost in the middle of the transaction. Try again.",
    # Thunderbird's netResetError, with Gmail's IMAP server (SSL/TLS only)
    "Connection to server imap.gmail.com was reset.",
])
def test_a_session_cut_inside_tls_is_no_cleartext_filter(text: str) -> None:
    found = causes(text)
    assert found[0] == "tls-interception" and "plaintext-auth-filtered" not in found, found


def test_a_session_cut_on_an_encrypted_setting_is_no_cleartext_filter() -> None:
    setting = ServerSetting.parse("smtp", "smtp.example.org:587/starttls")
    found = [d.cause for d in explain("Connection to server smtp.example.org was reset.", setting=setting).diagnoses
             if d.is_root]
    assert found[0] == "tls-interception" and "plaintext-auth-filtered" not in found, found


# A filter that kills cleartext logins needs a login in clear text: with nothing said of the
# session's security, a reset is first the antivirus or firewall that takes mail connections
# over (mail programs use TLS by default), and the question where it fails tells the network
# from the server.
@pytest.mark.parametrize("text", [
    "Connection reset by peer",
    # Thunderbird's netResetError without a server name
    "The connection to the server was reset",
])
def test_a_session_cut_with_nothing_said_of_tls_is_no_cleartext_filter_first(text: str) -> None:
    report = explain(text)
    found = [d.cause for d in report.diagnoses if d.is_root]
    assert found == ["tls-interception"], found
    top = report.diagnoses[0]
    assert "connection security" in " ".join(top.fix) and "another network" in " ".join(top.fix)
    assert "()" not in top.summary
    assert [q.id for q in report.questions] == ["mail-works-elsewhere"]


# Outlook's error number for a connection the server or something on the way ended (0x800CCC0F): Microsoft's own
# article on it (support.microsoft.com/kb/935400) traces it to a router on the way, so the path's reading comes
# first, the antivirus's beside it; no cleartext filter, and the question where it fails still tells them apart.
def test_outlooks_connection_dropped_is_the_path_first_then_an_antivirus() -> None:
    report = explain("0x800CCC0F")
    found = [d.cause for d in report.diagnoses if d.is_root]
    assert found == ["packet-loss", "tls-interception"], found
    assert "another network" in " ".join(report.diagnoses[0].fix)
    assert [q.id for q in report.questions] == ["mail-works-elsewhere"]


@pytest.mark.parametrize(("answer", "cause"), [("yes", "tls-interception"), ("no", "server-protocol-error")])
def test_where_a_session_cut_with_nothing_said_of_tls_happens_names_the_network_or_the_server(
        answer: str, cause: str) -> None:
    found = [d.cause for d in explain("0x800CCC0F", answers={"mail-works-elsewhere": answer}).diagnoses if d.is_root]
    assert found[0] == cause and "plaintext-auth-filtered" not in found, found


def test_a_session_cut_on_a_cleartext_setting_is_a_cleartext_filter_first() -> None:
    setting = ServerSetting.parse("imap", "mail.example.org:143/plain")
    found = [d.cause for d in explain("Connection reset by peer", setting=setting).diagnoses if d.is_root]
    assert found[0] == "plaintext-auth-filtered", found


# Texts as mail programs and libraries print them, and the server (port, protocol) their words name.
@pytest.mark.parametrize(("text", "host", "port", "protocol"), [
    # Thunderbird before 68, ubuntuforums.org "Trouble with Thunderbird 31.0" (2014)
    ("Sending of message failed.\nThe message could not be sent because the connection to SMTP server mail.wavecable.com "
     "was lost in the middle of the transaction. Try again or contact your network administrator.",
     "mail.wavecable.com", None, "smtp"),
    # Thunderbird today (composeMsgs.properties smtpSendInterrupted)
    ("The message could not be sent because the connection to Outgoing server (SMTP) smtp.example.org was lost in the "
     "middle of the transaction. Try again.", "smtp.example.org", None, "smtp"),
    # Thunderbird's messenger.properties, in English and German (thunderbird-l10n)
    ("Login to server outlook.office365.com with username jo@example.com failed.", "outlook.office365.com", None, None),
    ("Verbindung mit Server imap.example.de wurde zurückgesetzt.", "imap.example.de", None, None),
    # imapsync, github.com/imapsync/imapsync/issues/317
    ("Host2: connecting and login on host2 [outlook.office365.com] port [993] with user [****]\n"
     "Host2 failure: Error login on [outlook.office365.com] with user [****] auth [LOGIN]: 2 NO LOGIN failed.",
     "outlook.office365.com", 993, "imap"),
    # iOS 6 Mail, github.com/victorlobe/iCloudMailFix-Tweak/issues/3
    ('The IMAP server "imap.mail.me.com" is not responding. Check your network connection and that you entered the '
     'correct information in the "Incoming Mail Server" field', "imap.mail.me.com", None, None),
    # Apple Mail's typographic quotes (MessageFramework FAILED_LOGIN)
    ("Cannot Get Mail\nThe user name or password for \u201coutlook.office365.com\u201d is incorrect.",
     "outlook.office365.com", None, None),
    # mutt 2.2.12 (Debian), from the lab corpus
    ("Could not connect to mail.example.test (Interrupted system call).\n\n\nCould not send the message.",
     "mail.example.test", None, None),
    # msmtp's net.c
    ("msmtp: cannot connect to smtp.example.org, port 587: Connection refused", "smtp.example.org", 587, None),
    # Jakarta Mail's MailConnectException
    ("com.sun.mail.util.MailConnectException: Couldn't connect to host, port: smtp.gmail.com, 25; timeout 60000;\n"
     "  nested exception is:\n\tjava.net.SocketTimeoutException: connect timed out", "smtp.gmail.com", 25, None),
    # Outlook's error details, without the protocol and port named_settings needs
    ("Receiving reported error (0x800CCC0E): 'Cannot connect to the server.' Server: 'pop.example.org'",
     "pop.example.org", None, None),
    # Thunderbird in Turkish names the server first
    ("imap.example.org sunucusuyla bağlantı sıfırlandı.", "imap.example.org", None, None),
])
def test_the_server_a_message_names_is_the_failures(text: str, host: str, port: int | None, protocol: str | None) -> None:
    found = named_host(text)
    assert found is not None and (found.host, found.port, found.protocol) == (host, port, protocol), found
    facts = [f for f in explain_facts(text) if f.get("host") not in (None, "unknown")]
    assert facts and all(f.get("host") == host for f in facts), facts
    if port:
        assert all(f.get("port") == port for f in facts), facts


@pytest.mark.parametrize("text", [
    "Connection to server imap.exa\x1bmple.org was reset.",       # a control character inside the name
    "Connection to server imap.example.org\u200b was reset.",     # an invisible one after it
    "Connection to server 192.0.2.300 was reset.",                 # no IPv4 address
    "Connection to server (null) was reset.",                      # a client with no name to print
    "Connection to server was reset.",
    # Thunderbird in Turkish names the server first: the end of a longer name is no name
    "mail_srv.example.org sunucusuyla bağlantı sıfırlandı.",      # an underscore (a Windows host name)
    "posta.müller.de sunucusuyla bağlantı sıfırlandı.",           # a letter outside ASCII
])
def test_no_part_of_a_broken_name_is_taken_for_the_server(text: str) -> None:
    assert named_host(text) is None
    assert all(f.get("host") in (None, "unknown") for f in explain_facts(text))


def test_a_name_keeps_no_quote_or_punctuation() -> None:
    found = named_host("Failed to connect to server \u201cimap.example.org.\u201d")
    assert found is not None and found.host == "imap.example.org"
    literal = named_host("Connection to server [2001:db8::1] was reset.")
    assert literal is not None and literal.host == "2001:db8::1"


def test_every_message_that_names_its_server_reads_it_in_its_own_words() -> None:
    """Each catalogue message marked with the placeholder of its server (``host:``) gives a
    pattern, and reads the server (and port) back from the message as its program prints it."""
    data = clientmessages.load()
    marked = [(client, m) for client, m in clientmessages.rows(data) if "host" in m and "[" not in str(m["key"])]
    assert len(marked) > 50
    for client, message in marked:
        made = clientmessages.host_pattern(message["text"], message["text"], int(message["host"]), message.get("port"))
        assert made is not None, (client, message["key"])
        marks = list(clientmessages._PLACEHOLDER.finditer(clientmessages._unescape(message["text"])))
        fill = {int(message["host"]) - 1: "mail.example.net", **({int(message["port"]) - 1: "993"} if "port" in message else {})}
        text = clientmessages._unescape(message["text"])
        for n, m in reversed(list(enumerate(marks))):
            text = text[: m.start()] + fill.get(n, "x") + text[m.end():]
        found = named_host(text)
        assert found is not None and found.host == "mail.example.net", (client, message["key"], text)
        if "port" in message:
            assert found.port == 993, (client, message["key"], text)


def _printed(message: dict, host: str = "mail.example.net") -> str:
    """A catalogue message as its program prints it: ``host`` for its server, 993 for its port, x for the rest.
    Numbered placeholders (%1$S, which a translation may reorder: "ユーザー名 %2$S でサーバー %1$S") are
    filled by their number (the catalogues' own templates number them in order)."""
    text = clientmessages._unescape(message["text"])
    marks = list(clientmessages._PLACEHOLDER.finditer(text))
    fill = {int(message["host"]) - 1: host, **({int(message["port"]) - 1: "993"} if "port" in message else {})}
    for n, m in reversed(list(enumerate(marks))):
        number = clientmessages._number(m.group())
        text = text[: m.start()] + fill.get(n if number is None else number - 1, "x") + text[m.end():]
    return text


#: Translations that write the word after the server's name right after it, in a script without
#: case (Korean "%s에", Bengali "%s-এ", Arabic "%S؛", Chinese, Oriya, Armenian "%S-ին"), or hold
#: two spaces or a quote beside it (data/translations/).
GLUED = [("evolution", "pop3-authenticate [ko]"), ("evolution", "pop3-greeting [ko]"), ("evolution", "smtp-no-support [ko]"),
         ("thunderbird", "imapAuthMechNotSupported [ko]"), ("thunderbird", "smtpAuthMechNotSupported [ko]"),
         ("evolution", "pop3-authenticate [bn_IN]"), ("evolution", "imapx-no-support [bn_IN]"),
         ("thunderbird", "connectionRefusedError [ar]"), ("thunderbird", "imapConnectionRefusedError [ar]"),
         ("claws-mail", "imap-login-error [zh_TW]"), ("evolution", "pop3-authenticate [or]"),
         ("thunderbird", "smtpSendTimeout [hye]"), ("thunderbird", "netTimeoutError [gd]"),
         ("thunderbird", "smtpAuthFailure [th]")]


@pytest.mark.parametrize(("client", "key"), GLUED, ids=[k for _, k in GLUED])
def test_a_name_glued_to_the_next_word_of_a_caseless_script_is_read_whole(client: str, key: str) -> None:
    message = next(m for c, m in clientmessages.rows(clientmessages.load()) if c == client and m["key"] == key)
    found = named_host(_printed(message))
    assert found is not None and found.host == "mail.example.net", (_printed(message), found)


#: Translations that glue a letter of their own to the name ("(SMTP) %Ss." in Breton): nothing
#: tells where the name ends.
UNREADABLE = {"smtpSendTimeout [br]"}


def test_translations_read_their_server_back() -> None:
    """Every translated message whose words say where its server's name stands reads it (and its
    port) back as printed: after a quote the message's words hold ("« LOGIN »"), before a Latin
    suffix ("%S-rekiko", "%1(e)an"), before a port printed right after it ("%1%2"), where the
    translation numbers placeholders its template does not ("%2$s ... %1$d")."""
    data = clientmessages.load()
    marked = []
    for entry in clientmessages.programs(data).values():
        for catalogue in entry["catalogues"]:
            own = {m["key"]: m for m in catalogue["messages"]}
            for locale, texts in (catalogue.get("translations") or {}).items():
                for key, text in texts.items() if locale != "source" else ():
                    message = own[key]
                    if "host" in message and clientmessages.host_pattern(
                            text, message["text"], int(message["host"]), message.get("port")):
                        marked.append({**message, "text": text, "key": f"{key} [{locale}]"})
    assert len(marked) > 1000
    wrong = [m["key"] for m in marked if (found := named_host(_printed(m))) is None or found.host != "mail.example.net"
             or ("port" in m and found.port != 993)]
    assert set(wrong) <= UNREADABLE, wrong


@pytest.mark.parametrize(("text", "port"), [
    ("mail.example.net-rekiko konexioa itxia", None),                                 # NeoMutt (eu)
    ("Ezin du mail.example.net(e)an saio-hasi. Baliteke pasahitza oker egotea.", None),  # KMail (eu)
    ("Ne mogu se povezati s IMAP4 poslužiteljem: mail.example.net993", 993),          # Sylpheed (hr)
    ("Erreur IMAP sur mail.example.net : erreur de la commande « LOGIN »", None),     # Claws Mail (fr)
    ("verbinden met server mail.example.net duurde te lang -- gestopt na 60 seconden", None),  # fetchmail (nl)
])
def test_a_translations_own_marks_around_the_name_are_no_part_of_it(text: str, port: int | None) -> None:
    found = named_host(text)
    assert found is not None and (found.host, found.port) == ("mail.example.net", port), found


@pytest.mark.parametrize("text", [
    "Connection to server mail.exam-ple\x1borg was reset.",      # a hyphen inside a broken name
    "mail.example-fo\x1bo sunucusuyla bağlantı sıfırlandı.",
])
def test_a_hyphen_inside_a_broken_name_ends_no_name(text: str) -> None:
    found = named_host(text)
    assert found is None or found.host not in ("mail.exam", "mail.example"), found


@pytest.mark.parametrize("text", [
    "POP 서버 imap.exa한mple.org에 인증하는데 실패했습니다: ",     # a Korean word inside the name
    "IMAP 서버 mail.example.net에x.org 연결할 수 없습니다.",        # a Korean word, then more name
    "Could not connect to posta.m한üller.de",
])
def test_a_caseless_script_inside_a_name_ends_no_name(text: str) -> None:
    found = named_host(text)
    assert found is None or found.host not in ("imap.exa", "mail.example.net", "posta.m"), found


@pytest.mark.parametrize("text", [
    # Thunderbird's mailServerLoginFailed2 (messenger.properties), the server named
    "Login to server outlook.office365.com with username jo@example.com failed.",
    # Apple Mail / iOS (MessageFramework FAILED_LOGIN)
    "Cannot Get Mail\nThe user name or password for \u201coutlook.office365.com\u201d is incorrect.",
])
def test_a_refused_login_that_names_microsofts_imap_server_is_basic_auth_off(text: str) -> None:
    found = causes(text)
    assert found[0] == "basic-auth-disabled", found


def test_a_refused_login_at_microsofts_smtp_server_stays_the_password() -> None:
    # Thunderbird's smtpAuthFailure: SMTP AUTH may still take passwords at Microsoft 365.
    found = causes("Unable to authenticate to Outgoing server (SMTP) smtp.office365.com. Please check the password and "
                   "verify the 'Authentication method' in 'Account Settings | Outgoing server (SMTP)'.")
    assert "basic-auth-disabled" not in found[:1], found


@pytest.mark.parametrize(("answer", "cause", "confidence"), [
    (None, "tls-interception", "possible"),
    ("yes", "tls-interception", "likely"),
    ("no", "server-protocol-error", "likely"),
])
def test_whether_an_encrypted_session_cut_happens_elsewhere_says_where(answer: str | None, cause: str,
                                                                         confidence: str) -> None:
    # Thunderbird's netResetError, with Gmail's IMAP server (SSL/TLS only)
    report = explain("Connection to server imap.gmail.com was reset.",
                     answers={"mail-works-elsewhere": answer} if answer else None)
    roots = [(d.cause, d.confidence) for d in report.diagnoses if d.is_root]
    assert roots[0] == (cause, confidence), roots
    assert [q.id for q in report.questions] == (["mail-works-elsewhere"] if answer is None else [])


@pytest.mark.parametrize(("text", "name"), [
    # Bitwarden's .NET log category before the exception (corpus b43-bitwarden-dotnet-...-docker-dns)
    ("fail: Bit.Core.Services.SmtpMailDeliveryService[0]\n      Mail send failed.\nSystem.Net.Mail.SmtpException: "
     "Failure sending mail. ---> System.Net.Internals.SocketExceptionFactory+ExtendedSocketException: Resource "
     "temporarily unavailable\n   at System.Net.Dns.InternalGetHostByName(String hostName)", None),
    # .NET's resolver in a MailKit stack (corpus b43-mailkit-socketexception-11001-no-such-host-intermittent)
    ("System.Net.Sockets.SocketException (11001): No such host is known.\n   at System.Net.NameResolutionPal."
     "ProcessResult(SocketError errorCode, GetAddrInfoExContext* context)\n   at System.Net.Dns.GetHostAddresses"
     "Async(String hostNameOrAddress)", None),
    # PHPMailer's source file named after getaddrinfo's error (corpus e107-phpmailer-empty-smtp-host-getaddrinfo-failed)
    ("Connection failed. Error #2: stream_socket_client(): php_network_getaddresses: getaddrinfo failed: Name or "
     "service not known [/opt/lampp/htdocs/e107_handlers/phpmailer/class.smtp.php line 298]", None),
    # Postfix's configuration file (.cf is a country's top-level domain)
    ("postfix/smtp[123]: warning: main.cf: relayhost: Name or service not known", None),
    # Twisted's DNSLookupError (twisted/internet/error.py), a cluster-local name (RFC 6762 .local) with the sentence's stop
    ("DNSLookupError: DNS lookup failed: postfix.mail.svc.cluster.local.\n  File \"synapse/push/mailer.py\", "
     "line 207, in send_add_threepid_mail", "postfix.mail.svc.cluster.local"),
    # a name under a real top-level domain, after a dotted identifier (socket.gaierror)
    ("socket.gaierror: [Errno -2] Name or service not known (while connecting to smtp.example.org)", "smtp.example.org"),
    # names set aside for tests and private networks (RFC 6761) are hosts too
    ("getaddrinfo failed: Name or service not known: mail.example.test", "mail.example.test"),
])
def test_a_programs_dotted_identifiers_are_no_host_names(text: str, name: str | None) -> None:
    names = {f.get(k) for f in explain_facts(text) for k in ("host", "name")} - {None, "unknown"}
    assert names == ({name} if name else set()), names


@pytest.mark.parametrize(("name", "host"), [
    ("smtp.1und1.de.", True), ("mail.example.test", True), ("localhost", True), ("mail", True), ("192.0.2.1", True),
    ("[2001:db8::1]", True), ("mail.lan", True), ("smtp.mail.co.uk", True), ("mail.xn--p1ai", True),
    ("javax.mail.MessagingException", False), ("com.sun.mail.smtp", False), ("smtplib.SMTPException", False),
    ("config.php", False), ("main.cf", False), ("Bit.Core.Services.SmtpMailDeliveryService", False),
])
def test_a_host_name_ends_in_a_top_level_domain(name: str, host: bool) -> None:
    assert namedhost.is_host_name(name) is host
