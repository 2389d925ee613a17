"""The lab's resolvers, queried with dnspython ``Resolver(configure=False)`` only."""

from __future__ import annotations

import socket

import dns.exception
import dns.message
import dns.query
import dns.rdatatype
import dns.resolver
import pytest

from mailexpert.lab import Fault


def _values(resolver, name, rrtype):
    return sorted(r.to_text() for r in resolver.resolve(name, rrtype))


def test_records(lab):
    res = lab.resolver()
    assert _values(res, "mail.example.test", "A") == ["127.0.0.10"]
    assert _values(res, "mx.example.test", "A") == ["127.0.0.14"]
    assert _values(res, "web.example.test", "A") == ["127.0.0.20"]
    assert _values(res, "example.test", "MX") == ["10 mx.example.test."]
    assert _values(res, "example.test", "TXT") == ['"v=spf1 mx -all"']
    assert _values(res, "imap.example.test", "CNAME") == ["mail.example.test."]
    answer = res.resolve("smtp.example.test", "A")  # the CNAME is chased in the answer
    assert [r.address for r in answer] == ["127.0.0.10"]
    assert answer.canonical_name.to_text() == "mail.example.test."


@pytest.mark.parametrize(
    ("service", "port"),
    [("submission", 587), ("submissions", 465), ("imap", 143), ("imaps", 993), ("pop3", 110), ("pop3s", 995)],
)
def test_srv_records(lab, service, port):
    assert _values(lab.resolver(), f"_{service}._tcp.example.test", "SRV") == [f"0 1 {port} mail.example.test."]


def test_nxdomain_nodata_refused(lab):
    res = lab.resolver()
    with pytest.raises(dns.resolver.NXDOMAIN):
        res.resolve("mial.example.test", "A")
    with pytest.raises(dns.resolver.NXDOMAIN):
        res.resolve("post.nowhere-mail.test", "A")
    with pytest.raises(dns.resolver.NoAnswer):
        res.resolve("mail.example.test", "AAAA")
    with pytest.raises(dns.resolver.NoAnswer):
        res.resolve("example.test", "A")  # the bare domain has no address
    with pytest.raises(dns.resolver.NoAnswer):
        res.resolve("_tcp.example.test", "A")  # an empty non-terminal exists
    with pytest.raises(dns.resolver.NoNameservers, match="REFUSED"):
        res.resolve("www.example.com", "A")  # outside the lab: never recursed


def test_first_label_conventions(lab):
    res = lab.resolver(timeout=0.3, lifetime=0.6)
    with pytest.raises(dns.resolver.NoNameservers, match="SERVFAIL"):
        res.resolve("servfail.example.test", "A")
    with pytest.raises(dns.resolver.NoNameservers, match="REFUSED"):
        res.resolve("refused.example.test", "A")
    with pytest.raises(dns.resolver.LifetimeTimeout):
        res.resolve("timeout.example.test", "A")


def test_tcp_queries(lab):
    address, port = lab.target.dns_endpoint()
    reply = dns.query.tcp(dns.message.make_query("mail.example.test", "A"), address, port=port, timeout=2)
    assert reply.answer[0][0].address == "127.0.0.10"


@pytest.mark.parametrize(
    ("kind", "error", "match"),
    [
        ("dns-servfail", dns.resolver.NoNameservers, "SERVFAIL"),
        ("dns-refused", dns.resolver.NoNameservers, "REFUSED"),
        ("dns-timeout", dns.exception.Timeout, None),
        ("dns-down", dns.exception.Timeout, None),
        ("dns-nxdomain", dns.resolver.NXDOMAIN, None),
    ],
)
def test_server_faults_leave_the_reference_resolver_alone(make_lab, kind, error, match):
    lab = make_lab(Fault(kind, "dns"))
    with pytest.raises(error, match=match):
        lab.resolver(timeout=0.3, lifetime=0.6).resolve("mail.example.test", "A")
    assert _values(lab.resolver(reference=True), "mail.example.test", "A") == ["127.0.0.10"]


def test_dns_down_tcp_is_refused(make_lab):
    lab = make_lab(Fault("dns-down", "dns"))
    address, port = lab.target.dns_endpoint()
    with pytest.raises(ConnectionRefusedError):
        dns.query.tcp(dns.message.make_query("mail.example.test", "A"), address, port=port, timeout=1)


def test_poisoned_system_resolver(make_lab):
    lab = make_lab(Fault("dns-wrong", "dns", "127.0.0.99", name="mail.example.test"))
    assert _values(lab.resolver(), "mail.example.test", "A") == ["127.0.0.99"]
    assert _values(lab.resolver(), "web.example.test", "A") == ["127.0.0.20"]
    assert _values(lab.resolver(reference=True), "mail.example.test", "A") == ["127.0.0.10"]
    # The sinkhole is reachable through connect_to: a block page, mail ports refused.
    assert lab.target.real_endpoint("127.0.0.99", 443) is not None


def test_stale_system_resolver(make_lab):
    """A cache that outlived a move: the old address, where every mail port is refused."""
    lab = make_lab(Fault("dns-stale", "dns", name="mail.example.test"))
    assert _values(lab.resolver(), "mail.example.test", "A") == ["127.0.0.12"]
    assert _values(lab.resolver(reference=True), "mail.example.test", "A") == ["127.0.0.10"]
    address, port = lab.target.real_endpoint("127.0.0.12", 993)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((address, port), timeout=1).close()


def test_server_wide_sinkhole_keeps_nxdomain(make_lab):
    lab = make_lab(Fault("dns-wrong", "*", "0.0.0.0"))
    assert _values(lab.resolver(), "web.example.test", "A") == ["0.0.0.0"]
    assert _values(lab.resolver(reference=True), "imap.example.test", "A") == ["0.0.0.0"]
    with pytest.raises(dns.resolver.NXDOMAIN):
        lab.resolver().resolve("mial.example.test", "A")


def test_per_name_fault(make_lab):
    lab = make_lab(Fault("dns-servfail", "dns", name="imap.example.test"))
    with pytest.raises(dns.resolver.NoNameservers):
        lab.resolver().resolve("imap.example.test", "A")
    assert _values(lab.resolver(), "mail.example.test", "A") == ["127.0.0.10"]


def test_ipv6_record(make_lab):
    lab = make_lab(Fault("ipv6", "mail"))
    assert _values(lab.resolver(), "mail.example.test", "AAAA") == ["::1"]
    assert lab.target.real_endpoint("::1", 993) is not None


def test_ipv6_only_host(make_lab):
    """An IPv6-only host: AAAA ::1, no A record (NODATA), and its servers on ::1 alone."""
    lab = make_lab(Fault("ipv6", "mail", "only"))
    assert _values(lab.resolver(), "mail.example.test", "AAAA") == ["::1"]
    with pytest.raises(dns.resolver.NoAnswer):
        lab.resolver().resolve("mail.example.test", "A")
    assert lab.target.real_endpoint("::1", 993) is not None
    assert _values(lab.resolver(), "web.example.test", "A")  # the other hosts keep IPv4


def test_lab_dns_never_answers_off_loopback(make_lab):
    import ipaddress

    lab = make_lab(Fault("ipv6", "mail"))
    for name, rrtype in [(r.name, r.rrtype) for r in _all_records()]:
        if rrtype in ("A", "AAAA"):
            for value in _values(lab.resolver(), name, rrtype):
                assert ipaddress.ip_address(value).is_loopback or value == "0.0.0.0"


def _all_records():
    from mailexpert.lab.plan import zone_records

    return zone_records("mail")
