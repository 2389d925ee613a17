"""A mail port answered by someone other than the provider, read from a pasted session log.

RFC 5321 section 4.1.1.1: an SMTP greeting's first word is the answering server's own name. A provider's servers
greet under its own domains (data/providers.yaml ``greets_as``: "220 smtp.gmail.com ESMTP ... - gsmtp",
PHPMailer/PHPMailer#1076). A log that connects to the provider's host and is greeted under another domain
("220-server-9.example.net ESMTP Exim 4.95 #2 ...") reached another server: a shared host's own Exim that WHM's
"SMTP Restrictions" redirect outgoing mail connections to (docs.cpanel.net/whm/security-center/smtp-restrictions/;
PHPMailer/PHPMailer#420, osTicket/osTicket#2301), whose "535 Incorrect authentication data" says nothing of the
provider's account (rules/firewall/port-blocked-outbound.yaml, port-blocked-outbound-greeted-as-other).
"""

from __future__ import annotations

import pytest
from helpers import causes_of

from mailexpert.errors import SettingsError
from mailexpert.explain import explain
from mailexpert.greeting import greeted_name, registered_domain
from mailexpert.providers import default_table, load_table
from mailexpert.sessionlog import greeted_as

RULE = "port-blocked-outbound-greeted-as-other"


def _log(connect: str, greeting: str) -> str:
    """A PHPMailer SMTPDebug 3 session (class.smtp.php's debug lines) that ends in a refused login."""
    return (f"2024-03-01 10:00:00 Connection: opening to {connect}, timeout=300, options=array()\n"
            "2024-03-01 10:00:00 Connection: opened\n"
            f"2024-03-01 10:00:00 SERVER -> CLIENT: {greeting}\n"
            "2024-03-01 10:00:00 CLIENT -> SERVER: EHLO web.example.org\n"
            "2024-03-01 10:00:00 SERVER -> CLIENT: 250-AUTH PLAIN LOGIN250 HELP\n"
            "2024-03-01 10:00:00 CLIENT -> SERVER: AUTH LOGIN\n"
            "2024-03-01 10:00:00 SERVER -> CLIENT: 334 VXNlcm5hbWU6\n"
            "2024-03-01 10:00:00 CLIENT -> SERVER: [credentials hidden]\n"
            "2024-03-01 10:00:00 SERVER -> CLIENT: 334 UGFzc3dvcmQ6\n"
            "2024-03-01 10:00:00 CLIENT -> SERVER: [credentials hidden]\n"
            "2024-03-01 10:00:02 SERVER -> CLIENT: 535 Incorrect authentication data\n"
            "2024-03-01 10:00:02 SMTP ERROR: Password command failed: 535 Incorrect authentication data\n"
            "SMTP Error: Could not authenticate.\n")


EXIM = "220-host42.hosting.example.net ESMTP Exim 4.96 #2 Fri, 01 Mar 2024 10:00:00 +0000 220 and/or bulk e-mail."


def _rules(text: str) -> list[str]:
    return [d.rule for d in explain(text).diagnoses]


@pytest.mark.parametrize("connect", ["ssl://smtp.gmail.com:465", "tls://smtp.gmail.com:587",
                                     "ssl://smtp.mail.yahoo.com:465", "smtp.office365.com:587"])
def test_a_providers_host_greeted_by_a_hosters_exim_is_a_redirected_port(connect: str) -> None:
    text = _log(connect, EXIM)
    assert causes_of(text)[0] == "port-blocked-outbound"
    assert _rules(text)[0] == RULE
    # The refusal the log shows is that server's: it stays, below.
    assert "password-rejected" in causes_of(text)


@pytest.mark.parametrize("greeting", [
    "220 smtp.gmail.com ESMTP a1sm123456wmb.1 - gsmtp",       # Gmail's own (PHPMailer/PHPMailer#1076)
    "220 mx.google.com ESMTP a1sm123456wmb.1 - gsmtp",        # Google's own domain
    "220 smtp.gmail.com. ESMTP ready",                        # a name with its root's dot
    "220 ESMTP ready",                                        # no name at all
    "220 [192.0.2.10] ESMTP Exim 4.96",                       # an address literal names no domain
    "220 192.0.2.10 ESMTP Exim 4.96",
    "220 localhost ESMTP Exim 4.96",                          # a name without a dot
])
def test_gmails_own_greeting_or_one_without_a_name_is_silent(greeting: str) -> None:
    assert RULE not in _rules(_log("ssl://smtp.gmail.com:465", greeting))


def test_a_host_the_provider_table_does_not_know_is_silent() -> None:
    # A host of no provider's: its own greeting may name any domain (a company's relay, a hoster's smarthost).
    assert RULE not in _rules(_log("ssl://mail.example.org:465", EXIM))


def test_a_provider_without_greets_as_is_silent() -> None:
    # QQ's servers greet as newxmesmtplogicsvrszb5.qq.com and the like (curl's log in the corpus), but the table
    # lists no greets_as for QQ: nothing is compared there.
    assert not default_table().by_host("smtp.qq.com").greets_as
    assert RULE not in _rules(_log("ssl://smtp.qq.com:465", EXIM))


def test_a_log_that_names_no_connection_is_silent() -> None:
    # Without the line that names the host connected to, the greeting is compared with nothing (a host the
    # text names elsewhere need not be the one the program reached).
    text = _log("ssl://smtp.gmail.com:465", EXIM).split("\n", 2)[2] + "Host: smtp.gmail.com\n"
    assert greeted_as(text) is None
    assert RULE not in _rules(text)


@pytest.mark.parametrize(("text", "host", "port", "name"), [
    ("* Connected to smtp.office365.com (192.0.2.1) port 587 (#0)\n< 220 AM3PR05CA0094.outlook.office365.com Microsoft"
     " ESMTP MAIL Service ready", "smtp.office365.com", 587, "am3pr05ca0094.outlook.office365.com"),
    ("Connected to smtps://smtp.gmail.com:465/\nS: 220 smtp.gmail.com ESMTP x - gsmtp", "smtp.gmail.com", 465,
     "smtp.gmail.com"),
    ("connect: ('smtp.mail.yahoo.com', 587)\nreply: b'220 smtp.mail.yahoo.com ESMTP ready\\r\\n'",
     "smtp.mail.yahoo.com", 587, "smtp.mail.yahoo.com"),
    ("[smtp] Resolved smtp.gmail.com as 192.0.2.7 [cache miss]\n[smtp] Connection established to 192.0.2.7:465\n"
     "[smtp] S: 220 relay.example.net ESMTP", "smtp.gmail.com", 0, "relay.example.net"),
    ("Connecting to server mail.gmx.net on port 587\n[11:54:17] SMTP< 220 gmx.com (mrgmx001) Nemesis ESMTP",
     "mail.gmx.net", 587, "gmx.com"),
])
def test_the_connection_and_greeting_lines_of_the_common_logs(text: str, host: str, port: int, name: str) -> None:
    got = greeted_as(text)
    assert got is not None
    assert (got.get("host"), got.get("port"), got.get("name"), got.get("source")) == (host, port, name, "pasted")
    assert got.get("domain") == registered_domain(name)


def test_the_last_connection_of_a_log_decides() -> None:
    first = "Connection: opening to ssl://smtp.gmail.com:465\nSERVER -> CLIENT: 220 smtp.gmail.com ESMTP - gsmtp\n"
    second = "Connection: opening to ssl://smtp.gmail.com:465\nSERVER -> CLIENT: 220 host.example.net ESMTP Exim\n"
    assert greeted_as(first + second).get("name") == "host.example.net"
    assert greeted_as(second + first).get("name") == "smtp.gmail.com"


def test_greeted_name_and_registered_domain() -> None:
    assert greeted_name("220-server-9.example.net ESMTP Exim 4.95 #2") == "server-9.example.net"
    assert greeted_name("220 gmx.com (mrgmx001) Nemesis ESMTP Service ready") == "gmx.com"
    assert greeted_name("220 ESMTP") is None
    assert greeted_name("250 smtp.gmail.com at your service") is None
    assert registered_domain("SC1PR80CA0174.outlook.office365.com") == "office365.com"
    assert registered_domain("mail.example.co.uk") == "co.uk"  # never a provider's: it counts as foreign


def test_the_table_gives_greets_as_facts_and_checks_its_domains(tmp_path) -> None:
    gmail = default_table().by_host("smtp.gmail.com")
    assert set(gmail.greets_as) >= {"gmail.com", "google.com"}
    from mailexpert.facts import fact
    facts = [f for f in gmail.facts(fact, domain="gmail.com", match="host") if f.kind == "provider.greets-as"]
    assert {(f.get("host"), f.get("domain")) for f in facts} >= {("smtp.gmail.com", "gmail.com")}
    table = tmp_path / "providers.yaml"
    table.write_text("providers:\n  - id: example\n    greets_as: [mail.example.com]\n")
    with pytest.raises(SettingsError, match="greets_as"):
        load_table(table)
    table.write_text("providers:\n  - id: example\n    greets_as: example.com\n")
    with pytest.raises(SettingsError, match="greets_as"):
        load_table(table)
