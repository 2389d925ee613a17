"""``explain`` reads a host setting that no host name can be -- a user name and "@", a URL's
trailing slash, a template's placeholder never filled in -- where a text's words frame the server
(namedhost.misformed_host): a host name is labels of letters, digits and hyphens (RFC 1035 section
2.3.1, RFC 1123 section 2.1), so the look-up of such a setting fails, and the setting is the cause.
An address, a URL or a path elsewhere in a text is none of that."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain
from mailexpert.namedhost import misformed, misformed_host


def top(text: str) -> str | None:
    diagnoses = [d for d in explain(text).diagnoses if d.is_root]
    return diagnoses[0].cause if diagnoses else None


@pytest.mark.parametrize("text", [
    # github.com/rjbs/Email-Sender/issues/79: the host option held the user name and a slash from a URL
    "unable to establish SMTP connection to (ls142@smtp.aol.com/) port 465",
    # msmtp's words (net_open_socket) with a user name typed into the host
    "msmtp: cannot connect to user@mail.example.org, port 587: Connection refused",
    # Node's resolver error names the host it was asked for
    "Error: getaddrinfo ENOTFOUND alice@smtp.example.org",
])
def test_a_user_name_or_a_slash_in_the_host_setting_is_a_typo(text: str) -> None:
    assert top(text) == "server-host-typo"


@pytest.mark.parametrize("text", [
    # github.com/grokability/snipe-it/issues/16940: PHP 8's resolver error names the unexpanded variable
    "Connection could not be established with host redacted.domain.com :stream_socket_client(): "
    "php_network_getaddresses: getaddrinfo for ${mail_env_encryption} failed: Name or service not known.",
    "php_network_getaddresses: getaddrinfo for %SMTP_HOST% failed: No such host is known.",
    "Error: getaddrinfo ENOTFOUND {{ smtp_host }}",
])
def test_a_template_placeholder_as_the_host_is_a_setting_never_filled_in(text: str) -> None:
    assert top(text) == "client-config-corrupt"


@pytest.mark.parametrize("text", [
    # An address where a sender stands, not a host slot: the server's refusal decides.
    "SMTP Error: The following From address failed: user@example.com : MAIL FROM command failed,550,5.7.1 Sender rejected",
    # PHP's streams and PHPMailer take a URL with its scheme as the host.
    'Connection could not be established with host "ssl://smtp.gmail.com:465": stream_socket_client(): '
    "unable to connect to ssl://smtp.gmail.com:465 (Connection timed out)",
    # A path where Postfix connects to its SASL socket.
    "warning: SASL: Connect to private/auth failed: No such file or directory",
    # A well-formed name, in the same words.
    "unable to establish SMTP connection to (smtp.example.org) port 465",
    "Error: getaddrinfo ENOTFOUND smtp.example.org",
])
def test_an_address_a_url_a_path_or_a_host_name_is_no_misformed_setting(text: str) -> None:
    assert misformed_host(text) is None
    assert top(text) not in ("server-host-typo", "client-config-corrupt")


@pytest.mark.parametrize(("name", "placeholder"), [
    ("user@smtp.example.org", False), ("smtp.example.org/", False), ("user@smtp.example.org/", False),
    ("${smtp_host}", True), ("{{ smtp_host }}", True), ("%smtp_host%", True), ("$smtp_host", True),
])
def test_the_forms_no_host_name_has(name: str, placeholder: bool) -> None:
    found = misformed(name)
    assert found is not None and found.placeholder is placeholder


@pytest.mark.parametrize("name", [
    "smtp.example.org", "smtp.example.org:587", "192.0.2.1", "[2001:db8::1]", "ssl://smtp.example.org:465",
    "/var/run/dovecot/auth-client", "private/auth", "mail_server", "user@", "%s",
])
def test_host_names_addresses_urls_and_paths_are_no_misformed_setting(name: str) -> None:
    assert misformed(name) is None


@pytest.mark.parametrize("text", [
    # github.com/archlinuxcn/repo/issues/39: a space typed after the POP3 server's name
    'Server returned error: "Account misconfig: hostname contains unsafe characters."',
    # CPython's IDNA codec, raised by getaddrinfo for a doubled or leading dot
    "UnicodeError: encoding with 'idna' codec failed (UnicodeError: label empty or too long)",
])
def test_a_program_that_says_the_host_is_no_host_name(text: str) -> None:
    assert top(text) == "server-host-typo"


def test_a_placeholder_a_resolver_names_in_its_own_words() -> None:
    # Go's resolver error, no named_hosts slot: the name it was asked for is the placeholder.
    assert top("dial tcp: lookup ${SMTP_HOST}: no such host") == "client-config-corrupt"
    assert top("dial tcp: lookup user@smtp.example.org: no such host") == "server-host-typo"


def test_a_number_read_as_an_address_of_this_network() -> None:
    # github.com/jstedfast/MailKit/issues/434: the host given to Connect was "123", read as 0.0.0.123
    text = ("{System.Net.Internals.SocketExceptionFactory+ExtendedSocketException: Ein Socketvorgang bezog sich auf "
            "ein nicht verfügbares Netzwerk 0.0.0.123:123\n   at System.Net.Sockets.Socket.DoConnect(EndPoint "
            "endPointSnapshot, SocketAddress socketAddress)")
    assert top(text) == "server-host-typo"
    # A refused connection to a real address in .NET's words is no typo: the endpoint is read as the server.
    refused = ("System.Net.Sockets.SocketException (10061): No connection could be made because the target machine "
               "actively refused it. 192.0.2.10:587")
    assert top(refused) != "server-host-typo"
