"""The fixed layout of the lab: logical hosts, their loopback addresses, ports and DNS data.

Every logical host has its own 127.0.0.x address, so that a probe that resolves a name
through the lab DNS gets an address that identifies the host, and the lab's
``connect_to`` map turns (address, logical port) into the real, ephemeral port.
Nothing here ever names an address outside 127.0.0.0/8 or ::1: sinkhole ("bogon")
answers are 127.0.0.99 or 0.0.0.0.
"""

from __future__ import annotations

import attrs

ZONE = "example.test"
PROVIDER_ZONE = "bigmail.test"
#: The lab DNS answers authoritatively for the whole ``test.`` TLD, so an unknown name
#: under ``.test`` is NXDOMAIN (as a recursive resolver would say) and anything else REFUSED.
DNS_ROOT = "test"

EMAIL = "alice@" + ZONE
PROVIDER_EMAIL = "bob@" + PROVIDER_ZONE

SYSTEM_DNS_ADDRESS = "127.0.0.2"
REFERENCE_DNS_ADDRESS = "127.0.0.3"
SINKHOLE_ADDRESS = "127.0.0.99"
#: Where the mail host was before it moved: nothing listens there any more. A resolver whose
#: cache outlived the move still answers it (fault ``dns-stale``).
FORMER_ADDRESS = "127.0.0.12"
IPV6_ADDRESS = "::1"

#: Logical ports mapped for every host (plus 3128 on the proxy host).
LOGICAL_PORTS: tuple[int, ...] = (25, 80, 110, 143, 443, 465, 587, 993, 995)
MAIL_PORTS: tuple[int, ...] = (25, 110, 143, 465, 587, 993, 995)
PROXY_PORT = 3128

#: protocol and TLS mode of each well-known port.
PORT_ROLES: dict[int, tuple[str, str]] = {
    25: ("smtp", "starttls"),
    587: ("smtp", "starttls"),
    465: ("smtp", "implicit"),
    143: ("imap", "starttls"),
    993: ("imap", "implicit"),
    110: ("pop3", "starttls"),
    995: ("pop3", "implicit"),
    443: ("http", "implicit"),
    80: ("http", "none"),
}

#: Service names, used in ``lab.servers`` keys.
SERVICE_NAMES: dict[int, str] = {
    25: "smtp",
    587: "submission",
    465: "submissions",
    143: "imap",
    993: "imaps",
    110: "pop3",
    995: "pop3s",
    443: "https",
    80: "http",
}


@attrs.frozen
class HostPlan:
    """One logical host: a label (used in fault selectors), its name and address."""

    label: str
    name: str | None
    address: str
    ports: tuple[int, ...]
    aliases: tuple[str, ...] = ()
    realm: str = ZONE  # which account database its mail servers use


HOSTS: tuple[HostPlan, ...] = (
    HostPlan(
        "mail", "mail." + ZONE, "127.0.0.10", (25, 110, 143, 443, 465, 587, 993, 995),
        aliases=("imap." + ZONE, "smtp." + ZONE, "pop." + ZONE),
    ),
    HostPlan("mx", "mx." + ZONE, "127.0.0.14", (25,)),
    HostPlan("web", "web." + ZONE, "127.0.0.20", (80, 443), aliases=("www." + ZONE, "autoconfig." + ZONE)),
    HostPlan(
        "bigmail", "mail." + PROVIDER_ZONE, "127.0.0.30", MAIL_PORTS,
        aliases=("imap." + PROVIDER_ZONE, "smtp." + PROVIDER_ZONE, "pop." + PROVIDER_ZONE),
        realm=PROVIDER_ZONE,
    ),
    # A sinkhole: what a poisoned or filtering resolver points names to. It serves a block
    # page on 80/443 with a certificate for other names, and refuses every mail port.
    HostPlan("sinkhole", None, SINKHOLE_ADDRESS, (80, 443)),
)

PROXY_HOST = HostPlan("proxy", "proxy." + ZONE, "127.0.0.21", ())

HOST_LABELS: tuple[str, ...] = tuple(h.label for h in HOSTS)


def host(label: str) -> HostPlan:
    for plan in HOSTS:
        if plan.label == label:
            return plan
    raise KeyError(label)


def certificate_names() -> tuple[str, ...]:
    """DNS names and addresses the lab's good certificates cover."""
    names: list[str] = []
    for plan in HOSTS:
        if plan.label == "sinkhole":
            continue
        if plan.name:
            names.append(plan.name)
        names.extend(plan.aliases)
        names.append(plan.address)
    names += [ZONE, PROVIDER_ZONE, PROXY_HOST.name or "", PROXY_HOST.address, "localhost", IPV6_ADDRESS]
    return tuple(n for n in names if n)


@attrs.frozen
class Record:
    """One DNS record in presentation form: owner name, type, rdata text."""

    name: str
    rrtype: str
    value: str
    ttl: int = 300


#: The mail services of the domain's own server, as SRV service labels (RFC 6186, RFC 8314).
SRV_SERVICES: dict[int, str] = {587: "_submission", 465: "_submissions", 143: "_imap", 993: "_imaps",
                                110: "_pop3", 995: "_pop3s"}


def zone_records(ipv6_label: str | None = None, unpublished: frozenset[int] = frozenset(), *,
                 ipv6_only: bool = False) -> tuple[Record, ...]:
    """The lab's DNS data; ``ipv6_label`` gives that host an AAAA record for ::1 (and, with
    ``ipv6_only``, no A record); no SRV record is published for the mail host's ports in
    ``unpublished``."""
    z, p = ZONE, PROVIDER_ZONE
    records: list[Record] = [
        Record(DNS_ROOT, "SOA", f"ns1.{z}. hostmaster.{z}. 1 3600 600 86400 60"),
        Record(z, "SOA", f"ns1.{z}. hostmaster.{z}. 1 3600 600 86400 60"),
        Record(z, "NS", f"ns1.{z}."),
        Record(z, "NS", f"ns2.{z}."),
        Record(f"ns1.{z}", "A", SYSTEM_DNS_ADDRESS),
        Record(f"ns2.{z}", "A", REFERENCE_DNS_ADDRESS),
        Record(z, "MX", f"10 mx.{z}."),
        Record(z, "TXT", '"v=spf1 mx -all"'),
        Record(f"_dmarc.{z}", "TXT", '"v=DMARC1; p=none"'),
        *(Record(f"{service}._tcp.{z}", "SRV", f"0 1 {port} mail.{z}.")
          for port, service in SRV_SERVICES.items() if port not in unpublished),
        Record(p, "SOA", f"ns1.{z}. hostmaster.{p}. 1 3600 600 86400 60"),
        Record(p, "NS", f"ns1.{z}."),
        Record(p, "MX", f"10 mail.{p}."),
        Record(p, "TXT", '"v=spf1 mx -all"'),
        Record(f"_imaps._tcp.{p}", "SRV", f"0 1 993 mail.{p}."),
        Record(f"_submission._tcp.{p}", "SRV", f"0 1 587 mail.{p}."),
        Record(PROXY_HOST.name or "", "A", PROXY_HOST.address),
    ]
    for plan in HOSTS:
        if not plan.name:
            continue
        if not (ipv6_only and plan.label == ipv6_label):
            records.append(Record(plan.name, "A", plan.address))
        if plan.label == ipv6_label:
            records.append(Record(plan.name, "AAAA", IPV6_ADDRESS))
        records.extend(Record(alias, "CNAME", plan.name + ".") for alias in plan.aliases)
    return tuple(records)
