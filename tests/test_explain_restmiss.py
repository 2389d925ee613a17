"""Network, TLS-version and sender texts read by what their stacks and servers document, each in wordings other than
the corpus's own:

- A refusal that names the connecting IP address as listed ("<address> is in an RBL ... see Blocked - Too many failed
  logins", cPanel hosts' Exim brute-force block: www.hostgator.com/help/article/eximftp-brute-force-blacklist) blocks
  the address, not the account: the failed logins are why the address was listed; so does one that says the
  client's IP address was blocked or banned after them, even in answer to the login (535). A lock that names no
  address stays the account's.
- "Forged sender" is the servers' word for a sender address this session may not use (Vivaldi.net's submission,
  Univention's no_forged_from milter, Cleanmail's "Forged sender domain from this server"), read when the reply
  begins with it; a sentence that only talks about a forged sender is nobody's refusal.
- OpenSSL's "no protocols available" (SSL_R_NO_PROTOCOLS_AVAILABLE from ssl_get_min_max_version, before the first
  byte of the ClientHello) is the client's own empty range of TLS versions: a program pinned to a version its OpenSSL
  no longer allows. A server's alert on the version stays the old server's reading.
"""

from __future__ import annotations

import pytest
from helpers import Case, assert_named_once, causes_of

_HOSTGATOR = "https://www.hostgator.com/help/article/eximftp-brute-force-blacklist"
_OPENSSL = "openssl/openssl:ssl/statem/statem_lib.c (ssl_get_min_max_version: SSL_R_NO_PROTOCOLS_AVAILABLE)"

CASES = [
    # --- an address blocked after failed logins, not an account locked ------------------------------------------
    Case("exim-rbl-failed-logins", "550-203.0.113.45 is in an RBL on bl.websitewelcome.com,\n"
         "550 see Blocked - Too many failed logins", ("client-ip-blocklisted",), _HOSTGATOR),
    Case("exim-blacklisted-failed-logins", "Recv: 550-Message rejected because [198.51.100.9]:51820 is blacklisted "
         "see Blocked -\nRecv: 550 Too many failed logins", ("client-ip-blocklisted",), _HOSTGATOR),
    Case("ip-banned-after-failed-logins", "535 5.7.0 Too many failed logins from 203.0.113.7, your IP address has "
         "been blocked for 1 hour", ("client-ip-blocklisted",), "fail2ban-style bans of the connecting address"),
    Case("imap-ip-blocked-after-failed-logins", "NO [ALERT] Too many failed login attempts, this IP has been "
         "temporarily blocked", ("client-ip-blocklisted",), "fail2ban-style bans of the connecting address"),
    Case("account-failed-logins", "535 5.7.0 Too many failed login attempts, your account is locked for 30 minutes",
         ("account-locked",), "RFC 3463 X.7.13; the account-locked rule's own words"),
    # --- a forged sender ---------------------------------------------------------------------------------------
    Case("forged-sender-bare", "Forged sender address for this login", ("sender-address-not-allowed",),
         "Univention no_forged_from milter; deltachat/deltachat-android#2226"),
    Case("forged-sender-quoted", "The server responded: Forged sender domain, use your provider's outgoing server",
         ("sender-address-not-allowed",), "https://www.cleanmail.ch/stricter-rules-for-bluewin/?lang=en"),
    # --- the client's own OpenSSL has no version to offer --------------------------------------------------------
    Case("ruby-no-protocols", "OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.25:465 "
         "state=error: no protocols available", ("tls-version-client-outdated",), _OPENSSL),
    Case("python-no-protocols", "smtplib starttls failed: ssl.SSLError: [SSL: NO_PROTOCOLS_AVAILABLE] no protocols "
         "available (_ssl.c:1002)", ("tls-version-client-outdated",), _OPENSSL),
    Case("openssl-no-protocols-code", "imap: error:0A0000BF:SSL routines::no protocols available",
         ("tls-version-client-outdated",), _OPENSSL),
]

#: Texts the new readings must leave alone.
NOT_CAUSES = [
    Case("phishing-forged-sender", "the forged sender header in this phishing email fooled our users",
         ("sender-address-not-allowed",), "a mail about a forged sender, no server's refusal"),
    Case("server-version-alert", "ssl.SSLError: [SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version "
         "(_ssl.c:1129)", ("tls-version-client-outdated",), "RFC 8446 6.2 (protocol_version: the server's alert)"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_restmiss_readings(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes and causes[0] in case.causes, causes


@pytest.mark.parametrize("case", NOT_CAUSES, ids=[c.name for c in NOT_CAUSES])
def test_restmiss_not_read(case: Case) -> None:
    causes = causes_of(case.text)
    assert not causes or causes[0] not in case.causes, causes


def test_named_once() -> None:
    assert_named_once(CASES + NOT_CAUSES)
