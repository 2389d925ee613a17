"""UW c-client (PHP's imap extension, Alpine) as PHP 8.2's imap_open() printed it against the lab
(tests/corpus/collected-lab8.yaml): the warning PHP logs, imap_last_error() and imap_errors().
c-client's "connection broken" texts say where the connection ended: waiting for a reply it could
read (imap_reply, pop3_reply: at imap_open, the greeting) or in the middle of the login."""

from __future__ import annotations

import pytest

from mailexpert.account import ServerSetting
from mailexpert.explain import explain, named_setting


def php(mailbox: str, *errors: str) -> str:
    """imap_open()'s failure as a PHP script prints it: the warning, imap_last_error(), imap_errors()."""
    return "\n".join([f"PHP Warning:  imap_open(): Couldn't open stream {mailbox} in imap_open.php on line 12",
                      f"Cannot connect: {errors[-1]}", *errors])


def top(text: str, protocol: str, setting: str) -> str:
    report = explain(text, setting=ServerSetting.parse(protocol, setting))
    assert report.top is not None
    return report.top.cause


IMAP_BROKEN = "[CLOSED] IMAP connection broken (server response)"
POP3_BROKEN = "POP3 connection broken in response"


@pytest.mark.parametrize(("text", "protocol", "setting", "cause"), [
    # STARTTLS set on the implicit-TLS port: the server waits for a TLS handshake, c-client for a greeting.
    (php("{mail.example.test:993/imap/tls}INBOX", IMAP_BROKEN), "imap", "mail.example.test:993/starttls",
     "plaintext-on-tls-port"),
    (php("{mail.example.test:995/pop3/tls}INBOX", POP3_BROKEN), "pop3", "mail.example.test:995/starttls",
     "plaintext-on-tls-port"),
    # IMAP on the POP3S port: "+OK" is no IMAP reply, so c-client waits on until its read timeout.
    (php("{mail.example.test:995/imap/ssl}INBOX", IMAP_BROKEN), "imap", "mail.example.test:995/ssl",
     "wrong-protocol-on-port"),
])
def test_a_connection_that_ended_before_a_reply_is_no_greeting(text: str, protocol: str, setting: str,
                                                               cause: str) -> None:
    assert top(text, protocol, setting) == cause


def test_where_the_connection_ended_says_which() -> None:
    plain = "mail.example.test:143/plain"
    # In clear text, a cut in the middle of the login is most often a filter reading it.
    assert top("Can not authenticate to IMAP server: [CLOSED] IMAP connection broken (authenticate)", "imap",
               plain) == "plaintext-auth-filtered"
    # Before any reply, no login was sent: a server that accepts connections and never greets.
    assert top(IMAP_BROKEN, "imap", plain) == "server-unavailable"


@pytest.mark.parametrize(("text", "setting"), [
    ("PHP Warning:  imap_open(): Couldn't open stream {imap.gmail.com:993/imap/ssl}INBOX in /var/www/x.php on line 3",
     ("imap", "imap.gmail.com", 993, "ssl")),
    # /tls requires STARTTLS, /notls refuses it; the port is the protocol's when none is named.
    ("{mail.example.com/pop3/tls}", ("pop3", "mail.example.com", 110, "starttls")),
    ("{mail.example.com:110/pop3/notls}INBOX", ("pop3", "mail.example.com", 110, "plain")),
    # The flag says the security, whatever the port: /ssl on the STARTTLS port is the user's setting.
    ("{mail.example.com:143/imap/ssl/novalidate-cert}INBOX", ("imap", "mail.example.com", 143, "ssl")),
    ("{mail.example.com:993/service=imap/ssl}", ("imap", "mail.example.com", 993, "ssl")),
])
def test_a_c_client_mailbox_name_is_the_setting(text: str, setting: tuple[str, str, int, str]) -> None:
    s = named_setting(text)
    assert s is not None
    assert (s.protocol, s.host, s.port, s.security) == setting


@pytest.mark.parametrize("text", [
    # Without /ssl, /tls or /notls c-client takes STARTTLS only where offered: the security is not said.
    "Warning: imap_open(): Couldn't open stream {127.0.0.1:1995/pop3} in /tmp/test.php on line 2",
    "{news.example.com:119/nntp/ssl}",  # not a mail protocol
    "{a:b}",
])
def test_no_setting_where_the_name_does_not_say_it(text: str) -> None:
    assert named_setting(text) is None


def test_the_named_mailbox_tells_the_wrong_port_from_a_silent_tls_port() -> None:
    # IMAP over TLS to the POP3S port: no setting given, the warning's mailbox name says it.
    text = php("{mail.example.test:995/imap/ssl}INBOX", IMAP_BROKEN)
    assert explain(text).top.cause == "wrong-protocol-on-port"


@pytest.mark.parametrize("text", [
    # GLPI's log of PHP's notice (glpi-project/glpi issue 6503): the mail came in all the same.
    "*** PHP Notice(8): Unknown: SECURITY PROBLEM: insecure server advertised AUTH=PLAIN (errflg=1)",
    # An application that turns notices into exceptions (simonrob/email-oauth2-proxy issue 272).
    "PHP Fatal error:  Uncaught ErrorException: Notice: Unknown: SECURITY PROBLEM: insecure server advertised "
    "AUTH=PLAIN (errflg=1) in Unknown:0",
])
def test_c_clients_plain_in_the_clear_warning_is_the_password_sent_in_clear(text: str) -> None:
    # auth_pla.c logs it when it sends PLAIN without SSL/TLS: the server took the login in clear text,
    # which is no server refusing logins before encryption.
    causes = [d.cause for d in explain(text).diagnoses]
    assert causes[0] == "cleartext-auth-exposed"
    assert "auth-requires-tls" not in causes


def test_the_warning_beside_a_login_cut_in_the_clear_leaves_the_cut_its_reading() -> None:
    text = php("{mail.example.test:143/imap/notls}INBOX",
               "Can not authenticate to IMAP server: [CLOSED] IMAP connection broken (authenticate)",
               "SECURITY PROBLEM: insecure server advertised AUTH=PLAIN",
               "Can not authenticate to IMAP server: [CLOSED] IMAP connection broken (authenticate)")
    assert top(text, "imap", "mail.example.test:143/plain") == "plaintext-auth-filtered"


def test_ssl_negotiation_failed_is_the_tls_handshake_not_a_blocked_port() -> None:
    # ssl_start's "SSL negotiation failed": SSL_connect failed before any certificate was read.
    text = php("{mail.example.test:995/pop3/ssl}INBOX", "TLS/SSL failure for mail.example.test: SSL negotiation failed")
    report = explain(text)
    handshakes = [f for f in report.facts if f.kind == "tls.handshake"]
    assert [(f.get("outcome"), f.get("mode")) for f in handshakes] == [("handshake-failure", "implicit")], handshakes
    causes = [d.cause for d in report.diagnoses]
    assert causes and causes[0].startswith("tls-") and "port-blocked-outbound" not in causes, causes


@pytest.mark.parametrize("text", [
    # PHP's end-of-request notice of c-client's error, after the server's refusal it logged as a warning.
    "PHP Notice:  Unknown: [AUTHENTICATIONFAILED] Authentication failed. (errflg=1) in Unknown on line 0\n"
    "PHP Notice:  Unknown: Too many login failures (errflg=2) in Unknown on line 0",
    # imap_last_error() alone, and Alpine's status line.
    "Cannot connect: Too many login failures",
    "[Too many login failures]\nToo many login failures",
])
def test_c_clients_own_count_of_refused_logins_is_no_lock(text: str) -> None:
    # imap4r1.c/pop3.c give up with these words after imap_maxlogintrials (3) refused tries of the same login:
    # the server refused the password each time and locked nothing.
    assert top(text, "imap", "mail.example.test:993/ssl") == "password-rejected"


@pytest.mark.parametrize("text", [
    "NO Too many login failures. Please try again later.",
    "-ERR [AUTH] Too many login failures, account locked for 30 minutes",
])
def test_a_server_that_counts_failed_logins_still_says_a_lock(text: str) -> None:
    assert top(text, "imap", "mail.example.test:993/ssl") == "account-locked"
