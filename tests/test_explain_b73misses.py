"""Texts on the network path that the blind batch 73 read badly, in forms of our own making.

Each row is a text as the program prints it (its public source beside it) and the causes it may honestly read
as; the first cause named must be one of them.

- Node's resolver (c-ares) reports a DNS server it could not contact as ECONNREFUSED with the query's syscall
  (queryA, queryAaaa, queryMx; nodemailer adds code EDNS): the name server refused the query, nothing is said of
  the host name and no connection to the mail server was tried.
- A sending program that writes a reply code of its own before its socket's error (ZoneMTA's MX connector: "450
  Network error when connecting to MX server HOST[IP] for DOMAIN: Connection timed out") reports its own failed
  connection: no server answered, the socket error decides, not the code.
- A version number in a stack frame's path ("jruby-9.0.4.0/lib") is no IPv4 address: it must not rule out the IPv6
  path of a bare "Network is unreachable" (ENETUNREACH).
"""

from __future__ import annotations

import pytest
from helpers import causes_of

RESOLVER = ("dns-server-misconfigured", "dns-outage", "dns-blocked")
NAME = ("server-host-unknown", "server-host-typo")
PORT = ("port-blocked-outbound", "smtp-port25-blocked", "port-closed", "server-reply-transient")

MX_CONNECT = "zone-eu/mx-connect:lib/get-connection.js (err.response = (mx.isMX ? 450 : 550) + ' Network error when connecting to MX server ...')"
NODE_DNS = "nodejs/node:doc/api/dns.md (dns.CONNREFUSED 'Could not contact DNS servers'; the error's code and syscall)"

# (text, acceptable first causes, source)
CATALOGUE: list[tuple[str, tuple[str, ...], str]] = [
    ("Error: queryA ECONNREFUSED smtp.example.org\n    at QueryReqWrap.onresolve [as oncomplete] (node:dns:213:19)",
     RESOLVER, NODE_DNS),
    ("{ Error: queryA ECONNREFUSED mail.example.net\n  errno: 'ECONNREFUSED',\n  code: 'EDNS',\n"
     "  syscall: 'queryA',\n  hostname: 'mail.example.net',\n  command: 'CONN' }",
     RESOLVER, f"{NODE_DNS}; nodemailer/nodemailer:lib/smtp-connection (code 'EDNS' for a failed look-up)"),
    ("Error: queryMx ECONNREFUSED example.com\n    at QueryReqWrap.onresolve [as oncomplete] (node:dns:213:19)",
     RESOLVER, NODE_DNS),
    ("Error: queryAaaa ECONNREFUSED smtp.example.org", RESOLVER, NODE_DNS),
    ("DEFERRED[recipient] from=a@example.com to=b@example.net mx=example.net (450 Network error when connecting to MX "
     "server mx1.example.net[192.0.2.7] for example.net: Connection timed out)", ("port-blocked-outbound", "smtp-port25-blocked"),
     MX_CONNECT),
    ("550 Network error when connecting to MX server smtp.example.org[198.51.100.3] for example.org: Connection refused",
     ("port-closed", "port-blocked-outbound", "smtp-port25-blocked", "server-down"), MX_CONNECT),
]


@pytest.mark.parametrize(("text", "causes", "source"), CATALOGUE, ids=[c[0][:70] for c in CATALOGUE])
def test_the_first_cause_is_the_one_the_words_decide(text: str, causes: tuple[str, ...], source: str) -> None:
    assert source
    named = causes_of(text)
    assert named[:1] and named[0] in causes, (text, source, named)


# The resolver refusing the query is not the mail server refusing the connection, nor a name that does not exist.
@pytest.mark.parametrize("text", [c[0] for c in CATALOGUE if c[1] is RESOLVER])
def test_a_resolver_it_could_not_contact_is_no_name_and_no_port(text: str) -> None:
    assert not (set(NAME) | {"port-closed", "server-down"}) & set(causes_of(text)[:1]), causes_of(text)


# A program's own reply before its socket error is no server's refusal: the code's generic reading never comes first.
@pytest.mark.parametrize("text", [c[0] for c in CATALOGUE if c[2] is MX_CONNECT])
def test_a_programs_own_reply_for_its_connection_is_not_a_servers(text: str) -> None:
    assert not {"server-reply-transient", "server-reply-permanent"} & set(causes_of(text)[:1]), causes_of(text)


# Four numbers after a hyphen (a package's version in a path) are no address the connection was made to.
@pytest.mark.parametrize("text", [
    "IOError: Network is unreachable: no further information\n    initialize at org/jruby/ext/socket/RubyTCPSocket.java:138\n"
    "    tcp_socket at /opt/jruby-9.1.2.0/lib/ruby/stdlib/net/smtp.rb:541",
    "OSError: [Errno 101] Network is unreachable\n  File \"/usr/lib/python3-3.11.2.1/smtplib.py\", line 312, in _get_socket",
])
def test_a_version_in_a_path_is_no_ipv4_address(text: str) -> None:
    from mailexpert.explain import recognise

    connect = [f for f in recognise(text).facts if f.kind == "tcp.connect"]
    assert connect and "family" not in connect[0] and "address" not in connect[0], connect
    assert causes_of(text)[:1] == ["server-ip-blocked"], causes_of(text)
