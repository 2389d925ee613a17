"""Texts on the network path that the blind batch 73 read badly, in forms of our own making.

Each row is a text as the program prints it (its public source beside it) and the causes it may honestly read
as; the first cause named must be one of them.

- Node's resolver (c-ares) reports a DNS server it could not contact as ECONNREFUSED with the query's syscall
  (queryA, queryAaaa, queryMx; nodemailer adds code EDNS): the name server refused the query, nothing is said of
  the host name and no connection to the mail server was tried.
"""

from __future__ import annotations

import pytest
from helpers import causes_of

RESOLVER = ("dns-server-misconfigured", "dns-outage", "dns-blocked")
NAME = ("server-host-unknown", "server-host-typo")
PORT = ("port-blocked-outbound", "smtp-port25-blocked", "port-closed", "server-reply-transient")

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
