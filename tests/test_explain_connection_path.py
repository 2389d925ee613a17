"""Where a pasted connection failure happened, from what the text names beside it.

A refusal or "Network is unreachable" names only the failure; the text may still say where it
came from. A big provider's published server on a port it serves listens there in the world, so
the failure was on the way (port-blocked-outbound), while the same host on a port it does not
serve may simply have nothing listening (port-closed). The texts are real reports; each cites
its thread."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def causes(text: str) -> list[str]:
    return [d.cause for d in explain(text).diagnoses if d.is_root]


@pytest.mark.parametrize("text", [
    # github.com/Webklex/php-imap/issues/434: works from the developer's machine, not from the
    # web host (NameCheap blocks outgoing 993 by default); PHP's warning as it prints it
    "stream_socket_client(): unable to connect to ssl://outlook.office365.com:993 (Network is unreachable)",
    # github.com/PHPMailer/PHPMailer/issues/295: Office 365's submission port refused from a web host
    "Connection: opening to smtp.office365.com:587, timeout=300, options=array ()\n"
    "SMTP ERROR: Failed to connect to server: Connection refused (111)",
    # github.com/rofl0r/proxychains-ng/issues/459: the proxy on the way denied Gmail's IMAP port
    "Cannot connect to imap.gmail.com:993\n"
    "[proxychains] Dynamic chain  ...  142.111.189.254:20000  ...  74.125.133.108:993 <--denied\n"
    "[00:12:29.215061]: Error reading mail.\nConnection refused",
])
def test_a_refusal_at_a_providers_served_port_is_on_the_way(text: str) -> None:
    found = causes(text)
    assert found[0] == "port-blocked-outbound", found


@pytest.mark.parametrize("text", [
    # github.com/owncloud-archive/mail/issues/934: Yahoo's MX host on the IMAP port, where nothing listens
    '"PHP","message":"fsockopen(): unable to connect to mx-eu.mail.am0.yahoodns.net:143 (Connection refused)',
    # github.com/jstedfast/MailKit/issues/343's setting (imap.gmail.com without SSL: port 143), which Gmail does not serve
    "fsockopen(): unable to connect to imap.gmail.com:143 (Connection refused)",
])
def test_a_refusal_where_the_provider_serves_nothing_stays_the_port(text: str) -> None:
    found = causes(text)
    assert found[0] == "port-closed", found
