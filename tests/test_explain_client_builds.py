"""The client's own side, read from what the text itself shows (texts of this file's own making):

1. A build that lacks what the settings ask for: libcurl without the mail protocol the URL names (a build without
   TLS has no smtps, imaps or pop3s: CURLE_UNSUPPORTED_PROTOCOL, curl/curl:lib/url.c findprotocol) or without a
   feature (CURLE_NOT_BUILT_IN, lib/strerror.c); the C library that refuses the program's getaddrinfo flags
   (EAI_BADFLAGS); Perl's IO::Socket::SSL refusing an SSL_version written for an older release; PHP without its
   openssl extension; mutt without SASL; a Cyrus SASL plugin asking for a callback the program never registered.
   A scheme with a stray quote in it is the URL's own mistake, not the build.
2. A program's misuse of its library, refused before anything is sent: MailKit's ImapClient busy with another
   thread's command, a folder used that was never opened (jstedfast/MailKit FAQ.md).
3. The program's own store said to be damaged: Evolution's mbox summary that no longer fits its folder
   (camel-mbox-summary.c), Akonadi's duplicates and its missing resource collection (KDE/akonadi).
4. Outlook's 0x800CCC1A sentence in its Czech and Japanese words: an old Windows or Outlook without TLS 1.2.
"""

from __future__ import annotations

import pytest
from helpers import Case, assert_named_once, causes_of

CASES = [
    Case("curl-smtps-not-built", 'curl: (1) Protocol "smtps" not supported or disabled in libcurl', ("client-outdated",),
         "curl/curl:lib/url.c (findprotocol, CURLE_UNSUPPORTED_PROTOCOL)"),
    Case("libcurl-imaps-not-built", 'fetch failed: Protocol "imaps" not supported or disabled in libcurl', ("client-outdated",),
         "curl/curl:lib/url.c (findprotocol)"),
    Case("curl-not-built-in", "curl: (4) A requested feature, protocol or option was not found built-in in this libcurl "
         "due to a build-time decision.", ("client-outdated",), "curl/curl:lib/strerror.c (CURLE_NOT_BUILT_IN)"),
    Case("gai-badflags", "sendmail: cannot resolve mail.example.net: Bad value for ai_flags", ("client-outdated",),
         "glibc and musl gai_strerror (EAI_BADFLAGS)"),
    Case("gai-service", "dial tcp: lookup tcp/imaps : Servname not supported for ai_socktype", ("client-config-corrupt",),
         "glibc gai_strerror (EAI_SERVICE); Go net"),
    Case("perl-ssl-version", "invalid SSL_version specified at /usr/local/share/perl/5.36.0/IO/Socket/SSL.pm line 702.",
         ("client-outdated",), "noxxi/p5-io-socket-ssl:lib/IO/Socket/SSL.pm (SSL_Context new)"),
    Case("php-no-crypto", "PHP Warning:  stream_socket_enable_crypto(): this stream does not support SSL/crypto in "
         "/srv/www/mailer/Transport.php on line 88", ("client-outdated",), "php/php-src:main/streams/transports.c"),
    Case("mutt-no-sasl", "SMTP authentication method LOGIN requires SASL", ("client-outdated", "auth-mechanism-unsupported"),
         "muttmua/mutt:smtp.c (smtp_authenticate without SASL)"),
    Case("sasl-callback", "SASL(-1): generic failure: Unable to find a callback: 32775", ("client-outdated",),
         "cyrusimap/cyrus-sasl:lib/common.c (_sasl_getcallback)"),
    Case("mailkit-busy", "System.InvalidOperationException: The ImapClient is currently busy processing a command in another "
         "thread. Lock the SyncRoot property to properly synchronize your threads.", ("client-outdated",),
         "jstedfast/MailKit:MailKit/Net/Imap/ImapEngine.cs (QueueCommand)"),
    Case("mailkit-folder-not-open", "MailKit.FolderNotOpenException: The 'Archive' folder is not currently open in read-write mode.",
         ("client-outdated",), "jstedfast/MailKit:MailKit/FolderNotOpenException.cs"),
    Case("evolution-summary", "Error while Expunging folder. Error storing '~/.local/share/evolution/mail/local/Trash': "
         "Summary and folder mismatch, even after a sync", ("client-profile-corrupt",),
         "GNOME/evolution-data-server:src/camel/providers/local/camel-mbox-summary.c"),
    Case("akonadi-merge", "Item query failed: Multiple merge candidates, aborting", ("client-profile-corrupt",),
         "KDE/akonadi:src/server/handler/itemcreatehandler.cpp"),
    Case("akonadi-resource-collection", "Unable to create the default folders: Failed to fetch the resource collection.",
         ("client-profile-corrupt",), "KDE/akonadi:src/core/specialcollectionshelperjobs.cpp"),
    Case("outlook-0x800ccc1a-cs", "Odesílání zkušební zprávy: Server nepodporuje zadaný typ šifrování připojení.",
         ("tls-version-client-outdated",), "freemail.help.economia.cz article 64282"),
    Case("outlook-0x800ccc1a-ja", "受信: このサーバーは、指定した種類の接続暗号化をサポートしていません",
         ("tls-version-client-outdated",), "it.sorayori.com/gmailsetting"),
]


def test_each_wording_stands_once() -> None:
    assert_named_once(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_client_side_is_read_from_the_text(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes and causes[0] in case.causes, (case.text, causes)


@pytest.mark.parametrize("text", [
    # A stray quote before the scheme (a URL quoted twice in a script): the URL's mistake, not a build without TLS.
    "curl: (1) Protocol \"'smtps\" not supported or disabled in libcurl",
    # A web scheme: libcurl's HTTPS, not the mail program's protocol.
    'curl: (1) Protocol "https" not supported or disabled in libcurl',
])
def test_a_scheme_that_is_no_mail_protocol_is_no_build_without_it(text: str) -> None:
    assert "client-outdated" not in causes_of(text)[:1], (text, causes_of(text))


def test_a_folder_the_server_refuses_is_not_the_program_s_misuse() -> None:
    causes = causes_of("A3 NO [NONEXISTENT] Mailbox doesn't exist: Archive")
    assert "client-outdated" not in causes[:1], causes
