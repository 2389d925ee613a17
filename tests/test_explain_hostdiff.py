"""The server name a client used is wrong -- and in which way: a misspelt provider host
(server-host-typo), a name that does not exist and is near no known host (server-host-unknown), a
name without an address (server-host-no-address), a port typed into the host box.

Each text is what a real program prints, its wording checked at the program's source (cited per
case: the catalogue rows in mailexpert/data/ carry the same sources), with a provider's current host
as the provider's own settings page gives it (mailexpert/data/providers.yaml ``docs``) or a one-edit
typo of it (a swapped, missing, doubled or changed letter, or a wrong top-level domain).

The differential:
- a one-edit variant of a known provider host is a typo, whether the name failed to resolve or the
  connection to it failed (typo domains are often registered and resolve, and then time out or
  refuse);
- a provider's correct host is never a typo, whatever failed;
- a real host of another provider that is two edits from a known one (smtp.126.com and smtp.163.com,
  both NetEase's; smtp.zoho.in and smtp.zoho.eu, both Zoho's), or one edit but published
  (smtp.mail.com, mail.com's; smtp.q.com, CenturyLink's), is no typo: Thunderbird's ISPDB
  (thunderbird/autoconfig:ispdb/126.com.xml, zoho.in.xml, zoho.jp.xml, mail.com.xml, q.com.xml
  @c6ad79659b5fc321d1593ec4c277815b83e5dec5) publishes them;
- a host near no provider host (mail.example.org) is never read as a typo of one.
"""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

TYPO = {"server-host-typo"}
MX = {"mx-host-used-for-submission"}
WRONG_PROVIDER = {"wrong-provider-host"}
#: A correct provider host that does not resolve: the resolver or the network on the way, not the name.
RESOLVER = {"dns-server-misconfigured", "dns-outage", "dns-blocked", "dns-poisoned", "no-internet"}

# Sources of the wordings (each checked at its source):
NODE = "nodejs/node:lib/internal/errors.js (DNSException: `${syscall} ${code} ${hostname}`)"
CURL6 = "curl/curl:lib/hostip.c ('Could not resolve host: NAME', CURLE_COULDNT_RESOLVE_HOST, exit code 6)"
CURL7 = "curl/curl:lib/connect.c (failf 'Failed to connect to %s port %u after %ld ms: %s')"
JAVA = "openjdk/jdk:src/java.base/unix/native/libnet/net_util_md.c (NET_ThrowUnknownHostExceptionWithGaiError: '%s: %s', the host and gai_strerror)"
JAVAMAIL = "eclipse-ee4j/angus-mail, javaee/javamail: MailConnectException ('Couldn't connect to host, port: HOST, PORT; timeout T')"
PHP = "php/php-src:main/network.c (php_network_getaddresses: 'getaddrinfo for %s failed: %s', PHP 8.1+)"
POSTFIX = "vdukhovni/postfix:postfix/src/smtp/smtp_addr.c ('Host or domain name not found. Name service error for name=%s type=%s: %s'), src/dns/dns_strerror.c"
TB = "mozilla/releases-comm-central:mail/locales/en-US/chrome/messenger/messenger.properties"
TB_IMAP = "mozilla/releases-comm-central:mail/locales/en-US/chrome/messenger/imapMsgs.properties"
TB_LOGIN = "mozilla/releases-comm-central:mail/locales/en-US/chrome/messenger/messenger.properties (mailServerLoginFailed2)"
TB_SMTP = "mozilla/releases-comm-central:mail/locales/en-US/chrome/messenger/messengercompose/composeMsgs.properties"
OUTLOOK = "Outlook/Outlook Express IXP_E_CANT_FIND_HOST 0x800CCC0D (Windows SDK um/imnxport.h; the client catalogue's row)"
APPLE = "Apple Mail HOST_UNREACHABLE 'The server \u201c%@\u201d cannot be contacted on port %d.' (mailexpert/data/client-messages.yaml)"


# (text, acceptable first causes, source of the wording, source of the host)
READS = [
    # --- a misspelt provider host whose look-up failed ---------------------------------------------
    ("curl: (6) Could not resolve host: smtp.gmial.com", TYPO, CURL6, "gmail"),
    ("Error: getaddrinfo ENOTFOUND imap.gmail.co", TYPO, NODE, "gmail"),
    ("Error: getaddrinfo ENOTFOUND smtp.gmail.con", TYPO, NODE, "gmail"),
    ("java.net.UnknownHostException: pop.gmal.com: Name or service not known", TYPO, JAVA, "gmail"),
    ("Error: getaddrinfo ENOTFOUND outlook.office365.con", TYPO, NODE, "outlook-com"),
    ("curl: (6) Could not resolve host: outlook.ofice365.com", TYPO, CURL6, "microsoft-365"),
    ("Error: getaddrinfo ENOTFOUND smtp.office356.com", TYPO, NODE, "microsoft-365"),
    ("Failed to connect to server smtp-mail.outlok.com.", TYPO, TB, "outlook-com"),
    ("Error: getaddrinfo ENOTFOUND smtp.mail.yahooo.com", TYPO, NODE, "yahoo"),
    ("Failed to connect to server imap.mail.yaho.com.", TYPO, TB_IMAP, "yahoo"),
    ("Error: getaddrinfo ENOTFOUND imap.mail.me.co", TYPO, NODE, "icloud"),
    ("An error occurred while sending mail: Outgoing server (SMTP) smtp.mail.me.con is unknown. The server may be "
     "incorrectly configured. Please verify that your Outgoing server (SMTP) settings are correct and try again.",
     TYPO, TB_SMTP, "icloud"),
    ("php_network_getaddresses: getaddrinfo for smtp.aol.con failed: Name or service not known", TYPO, PHP, "aol"),
    ("Error: getaddrinfo ENOTFOUND imap.zoho.con", TYPO, NODE, "zoho"),
    ("curl: (6) Could not resolve host: imap.fastmial.com", TYPO, CURL6, "fastmail"),
    ("Error: getaddrinfo ENOTFOUND mail.gmx.ne", TYPO, NODE, "gmx"),
    ("java.net.UnknownHostException: smtp.wbe.de", TYPO, JAVA, "web-de"),
    ("Error: getaddrinfo ENOTFOUND smtp.mial.ru", TYPO, NODE, "mail-ru"),
    ("Error: getaddrinfo ENOTFOUND smtp.yandx.com", TYPO, NODE, "yandex"),
    ("Error: getaddrinfo ENOTFOUND smtp.qq.con", TYPO, NODE, "qq"),
    ("curl: (6) Could not resolve host: smtp.163.con", TYPO, CURL6, "netease"),
    ("Error: getaddrinfo ENOTFOUND smtp.comcast.ne", TYPO, NODE, "comcast"),
    ("The server could not be found. (Account: 'Gmail', POP server: 'pop.gmial.com', Error Number: 0x800ccc0d)",
     TYPO, OUTLOOK, "gmail"),
    ("Host or domain name not found. Name service error for name=smtp.gmial.com type=A: Host not found",
     TYPO, POSTFIX, "gmail"),
    ("Couldn't connect to host, port: smtp.gmial.com, 587; timeout -1;\n"
     "  nested exception is:\n\tjava.net.UnknownHostException: smtp.gmial.com", TYPO, JAVAMAIL, "gmail"),
    # --- a misspelt provider host whose connection failed (the typo name resolves) -------------------
    ("Connection to server imap.gmial.com timed out.", TYPO, TB, "gmail"),
    ("Could not connect to mail server imap.mail.yahoo.co; the connection was refused.", TYPO, TB_IMAP, "yahoo"),
    ("The message could not be sent because connecting to Outgoing server (SMTP) smtp.gmial.com failed. The server may "
     "be unavailable or is refusing SMTP connections. Please verify that your Outgoing server (SMTP) settings are "
     "correct and try again.", TYPO, TB_SMTP, "gmail"),
    ("The message could not be sent because the connection to Outgoing server (SMTP) smtp-mail.outlok.com timed out. "
     "Try again.", TYPO, TB_SMTP, "outlook-com"),
    ("The server \u201csmtp.mail.yahooo.com\u201d cannot be contacted on port 587.", TYPO, APPLE, "yahoo"),
    ("curl: (7) Failed to connect to smtp.gmial.com port 587 after 21045 ms: Timed out", TYPO, CURL7, "gmail"),
    ("curl: (28) Failed to connect to smtp.office356.com port 587 after 130000 ms: Connection timed out",
     TYPO, CURL7, "microsoft-365"),
    ("Could not connect to server smtp.zoho.con; the connection was refused.", TYPO, TB, "zoho"),
    # --- the port typed into the host box: the resolver was asked for "host:port" --------------------
    ("Error: getaddrinfo ENOTFOUND smtp.gmail.com:587", TYPO, NODE, "gmail"),
    ("java.net.UnknownHostException: smtp.office365.com:587", TYPO, JAVA, "microsoft-365"),
    # --- a provider's inbound MX set as the outgoing server (data/providers.yaml inbound_mx) ------------
    ("The message could not be sent because the connection to Outgoing server (SMTP) gmail-smtp-in.l.google.com "
     "timed out. Try again.", MX, TB_SMTP, "gmail.com's MX"),
    ("curl: (7) Failed to connect to aspmx.l.google.com port 587 after 21045 ms: Couldn't connect to server",
     MX, CURL7, "support.google.com/a/answer/174125"),
    ("curl: (28) Failed to connect to smtp.google.com port 465 after 130000 ms: Connection timed out",
     MX, CURL7, "support.google.com/a/answer/174125"),
    ("The message could not be sent because the connection to Outgoing server (SMTP) contoso-com.mail.protection."
     "outlook.com timed out. Try again.", MX, TB_SMTP, "learn.microsoft.com: <domain-key>.mail.protection.outlook.com"),
    ("Connection to server contoso-com.o-v1.mx.microsoft timed out.", MX, TB,
     "learn.microsoft.com: <domain-key>.<zone>.mx.microsoft"),
    # --- a user name at one big provider's own domain logging in to another's server ------------------
    ("Login to server imap.mail.yahoo.com with username alice@gmail.com failed.", WRONG_PROVIDER, TB_LOGIN,
     "yahoo, gmail"),
    ("Login to server smtp.office365.com with username alice@gmail.com failed.", WRONG_PROVIDER, TB_LOGIN,
     "microsoft-365, gmail"),
    ("Login to server imap.gmail.com with username bob@yahoo.com failed.", WRONG_PROVIDER, TB_LOGIN, "gmail, yahoo"),
    # --- a URL's scheme left in the host box, or the top-level domain left off -------------------------
    ("Error: getaddrinfo ENOTFOUND smtps://smtp.gmail.com", TYPO, NODE, "gmail"),
    ("java.net.UnknownHostException: smtps://smtp.gmail.com: Name or service not known", TYPO, JAVA, "gmail"),
    ("Error: getaddrinfo ENOTFOUND smtp.gmail", TYPO, NODE, "gmail"),
    ("java.net.UnknownHostException: imap.mail.yahoo: Name or service not known", TYPO, JAVA, "yahoo"),
    # --- a name that has no address record ------------------------------------------------------------
    ("Host or domain name not found. Name service error for name=example.org type=A: Host found but no data record "
     "of requested type", {"server-host-no-address"}, POSTFIX, "-"),
    # --- a name that does not exist and is near no provider host --------------------------------------
    ("curl: (6) Could not resolve host: mail.example.org", {"server-host-unknown"}, CURL6, "-"),
    ("Error: getaddrinfo ENOTFOUND smtp.nowhere-mail.example", {"server-host-unknown"}, NODE, "-"),
    ("Error: getaddrinfo ENOTFOUND mail.example", {"server-host-unknown"}, NODE, "-"),
    # --- a provider's correct host that does not resolve: the resolver, not the name ------------------
    ("curl: (6) Could not resolve host: smtp.gmail.com", RESOLVER, CURL6, "gmail"),
    ("Error: getaddrinfo ENOTFOUND smtp.office365.com", RESOLVER, NODE, "microsoft-365"),
    ("Failed to connect to server imap.mail.yahoo.com.", RESOLVER, TB_IMAP, "yahoo"),
    ("Error: getaddrinfo ENOTFOUND imap.mail.me.com", RESOLVER, NODE, "icloud"),
]


@pytest.mark.parametrize(("text", "causes", "wording", "host"), READS, ids=[r[0][:60] for r in READS])
def test_the_host_reads_as(text: str, causes: set[str], wording: str, host: str) -> None:
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert roots and roots[0] in causes, roots


# A real host that no provider table here holds, or a provider's own host, or an unrelated host, in a
# failure: never read as a misspelling (whatever else it reads as).
NOT_TYPO = [
    # two edits from a known host, but published (ISPDB, see the module's docstring)
    ("Error: getaddrinfo ENOTFOUND smtp.126.com", NODE),
    ("Connection to server imap.126.com timed out.", TB),
    ("Error: getaddrinfo ENOTFOUND smtp.zoho.in", NODE),
    ("Connection to server imap.zoho.jp timed out.", TB),
    # one edit from a known host, but published (mail.com: smtp/imap/pop.mail.com; CenturyLink: smtp.q.com)
    ("Connection to server imap.mail.com timed out.", TB),
    ("curl: (7) Failed to connect to smtp.mail.com port 587 after 21045 ms: Timed out", CURL7),
    ("Could not connect to server smtp.q.com; the connection was refused.", TB),
    # a provider's correct host
    ("Connection to server imap.gmail.com timed out.", TB),
    ("curl: (7) Failed to connect to smtp.office365.com port 587 after 21045 ms: Timed out", CURL7),
    ("The message could not be sent because the connection to Outgoing server (SMTP) smtp-mail.outlook.com timed out. "
     "Try again.", TB_SMTP),
    ("Could not connect to mail server imap.mail.me.com; the connection was refused.", TB_IMAP),
    # Proton Mail Bridge listens on this machine (proton.me/support/imap-smtp-and-pop3-setup: 127.0.0.1)
    ("Could not connect to server 127.0.0.1; the connection was refused.", TB),
    # unrelated hosts
    ("Connection to server mail.example.org timed out.", TB),
    ("curl: (7) Failed to connect to mail.example.org port 587 after 21045 ms: Timed out", CURL7),
    ("Error: getaddrinfo ENOTFOUND mail.example.org", NODE),
    # a mail server delivering to the MX on port 25 uses it rightly: the blocked port, not the host
    ("Dec  5 10:00:00 mx postfix/smtp[1234]: connect to gmail-smtp-in.l.google.com[142.250.102.27]:25: "
     "Connection timed out", "vdukhovni/postfix:postfix/src/smtp/smtp_connect.c ('connect to %s[%s]:%d: %m')"),
    # Node before 12 printed the host and then host:port ("getaddrinfo ENOTFOUND H H:587"): no port typed in
    ("Error: getaddrinfo ENOTFOUND smtp.gmail.com smtp.gmail.com:587", NODE),
]


@pytest.mark.parametrize(("text", "wording"), NOT_TYPO, ids=[r[0][:60] for r in NOT_TYPO])
def test_a_real_or_unrelated_host_is_no_typo(text: str, wording: str) -> None:
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert not roots or roots[0] != "server-host-typo", roots


# A login whose user name and server belong together, or whose domain is the customer's own (any provider may
# serve it): never the wrong provider.
SAME_PROVIDER = [
    "Login to server imap.gmail.com with username alice@gmail.com failed.",
    # Outlook.com's users on Exchange Online's servers: the two share outlook.office365.com
    "Login to server outlook.office365.com with username bob@hotmail.com failed.",
    "Login to server smtp.office365.com with username bob@hotmail.com failed.",
    # a Google Workspace customer's own domain on Gmail's servers
    "Login to server imap.gmail.com with username bob@example.org failed.",
    # Verizon's mail is on AOL's servers (data/providers.yaml verizon)
    "Login to server smtp.aol.com with username bob@verizon.net failed.",
]


@pytest.mark.parametrize("text", SAME_PROVIDER)
def test_a_user_name_the_server_serves_is_no_wrong_provider(text: str) -> None:
    """Thunderbird's mailServerLoginFailed2 (TB_LOGIN)."""
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    assert roots and roots[0] != "wrong-provider-host", roots
