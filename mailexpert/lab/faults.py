"""Fault switches: what can be made to go wrong in the lab, and where.

A :class:`Fault` names a kind from :data:`KINDS`, a place (``where``) and an optional
value. ``where`` selects servers as ``HOST[/FAMILY]:PORTS``:

- ``HOST`` is a host label from :mod:`mailexpert.lab.plan` (``mail``, ``mx``, ``web``,
  ``bigmail``, ``sinkhole``) or ``*``;
- ``/v4`` or ``/v6`` restricts a *path* fault (closed, filtered) to one address family;
- ``PORTS`` is ``*`` or a comma-separated list of logical ports (``25,587``).

DNS faults take ``where`` = ``dns`` (the "system" resolver, the default),
``dns-reference`` or ``*`` (both), and an optional ``name`` to affect one name only.
The proxy fault takes ``where`` = ``proxy``; the hosts-file fault ``hosts`` (or nothing) and a
``name`` (default: the mail host). Examples::

    Fault("filtered", "mail:25")
    Fault("cert", "*:*", "not-yet-valid")
    Fault("auth", "mail:143,993", "protocol-disabled")
    Fault("dns-wrong", "dns", "127.0.0.99", name="mail.example.test")
    Fault("dns-stale", "dns", name="mail.example.test")
    Fault("former-serves", "mail:*")
    Fault("hosts-entry", "hosts", "127.0.0.99", name="mail.example.test")
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

import attrs

from mailexpert.errors import LabError
from mailexpert.lab.certs import CERT_KINDS
from mailexpert.lab.plan import FORMER_ADDRESS, HOST_LABELS

Value = str | int | float | None


@attrs.frozen
class Kind:
    """How a fault kind behaves: the layer that applies it, its default value, its meaning."""

    layer: str  # path | conn | tls | proto | auth | zone | dns | proxy | web
    default: Value
    meaning: str
    values: tuple[str, ...] = ()  # allowed string values, when restricted


AUTH_OUTCOMES: tuple[str, ...] = (
    "wrong", "app-password", "web-login", "basic-disabled", "basic-disabled-outlook", "locked",
    "disabled", "expired", "limit", "unavailable", "in-use", "protocol-disabled", "referral",
)

KINDS: dict[str, Kind] = {
    # What a connect sees.
    "closed": Kind("path", None, "nothing listens: the connect is refused (RST)"),
    "filtered": Kind("path", None, "SYNs are dropped: the connect times out (full accept queue)"),
    "former-serves": Kind("path", None, "the host's former address (127.0.0.12, see dns-stale) still serves these "
                          "ports: the old server runs on after the move and still takes the login"),
    # What an accepted connection sees before any protocol.
    "silent": Kind("conn", None, "accepts, then never sends anything"),
    "slow": Kind("conn", 0.5, "waits VALUE seconds before the greeting or the TLS handshake"),
    "latency": Kind("conn", 0.2, "waits VALUE seconds before every reply"),
    "drip": Kind("conn", 0.2, "sends the greeting one byte every VALUE seconds"),
    "lossy": Kind("conn", 0.3, "a fraction VALUE of the connections hang or are reset (seeded, reproducible)"),
    "garbage": Kind("conn", 512, "sends VALUE random bytes, then closes"),
    "long-line": Kind("conn", 1 << 20, "sends a greeting line of VALUE bytes"),
    "flood": Kind("conn", 10 << 20, "sends the start of a greeting, then VALUE bytes without a line end"),
    "nul": Kind("conn", 1 << 20, "sends VALUE NUL bytes and nothing else"),
    "http": Kind("conn", None, "answers with an HTTP 400 reply, like a web server"),
    "speak": Kind("conn", "pop3", "speaks protocol VALUE instead of the port's own", ("smtp", "imap", "pop3")),
    # TLS.
    "speak-tls": Kind("tls", None, "implicit TLS on a plaintext port"),
    "speak-plain": Kind("tls", None, "plaintext on an implicit-TLS port"),
    "reset-handshake": Kind("tls", None, "RST in the middle of the TLS handshake (implicit or after STARTTLS)"),
    "tls-stall": Kind("tls", None, "sends the ServerHello record, then nothing (implicit or after STARTTLS)"),
    "cert": Kind("tls", "expired", "presents certificate VALUE", tuple(CERT_KINDS)),
    "tls-legacy": Kind("tls", None, "offers only TLS 1.0/1.1 (RSA, @SECLEVEL=0)"),
    "no-shared-cipher": Kind("tls", None, "TLS 1.2 with only a SHA-1 RSA cipher that default clients refuse"),
    "dh-small": Kind("tls", None, "TLS 1.2 with only DHE and a 1024-bit group ('dh key too small')"),
    # The mail protocol.
    "ansi": Kind("proto", None, "ANSI escape sequences in the greeting"),
    "endless": Kind(
        "proto", "greeting", "endless continuation lines at step VALUE: greeting (SMTP 220-, IMAP '* ' untagged,"
        " POP3 CAPA) or capability (SMTP 250-, IMAP '* CAPABILITY', POP3 CAPA)", ("greeting", "capability"),
    ),
    "literal": Kind("proto", 999_999_999, "IMAP CAPABILITY announces a literal {VALUE} and streams it"),
    "agree": Kind("proto", None, "answers every command with a bare success (+OK, 250, tagged OK)"),
    "auth-drop": Kind("proto", "close", "VALUE (close or reset) the connection when the login arrives",
                      ("close", "reset")),
    "auth-loop": Kind("proto", None, "answers AUTH with challenges forever (SMTP 334, IMAP/POP3 '+')"),
    "busy": Kind("proto", None, "refuses at the greeting (SMTP 421, IMAP BYE, POP3 -ERR [SYS/TEMP])"),
    "starttls": Kind(
        "proto", "missing", "STARTTLS/STLS VALUE: missing, masked (XXXXXXXA), refuse (454), close, plaintext, hang",
        ("missing", "masked", "refuse", "close", "plaintext", "hang"),
    ),
    "plaintext-auth": Kind("proto", None, "offers and accepts logins without TLS"),
    "reset-after-auth": Kind("proto", None, "RST right after a cleartext login command (a filtering middlebox)"),
    "content-filter": Kind("proto", None, "rejects every message after DATA with 554 5.7.1 (content)"),
    "echo": Kind("proto", "reply", "repeats the password like a debugging server: in the login failure reply "
                 "(VALUE reply) or in the greeting (VALUE greeting), raw and base64", ("reply", "greeting")),
    "dnsbl": Kind("proto", "rcpt", "SMTP refuses the client's address as listed by a DNSBL: at RCPT TO of a client that"
                  " did not log in (VALUE rcpt, port 25 style), or in place of the greeting (VALUE greeting: a"
                  " client restriction checked at connect, as Postfix does with smtpd_delay_reject = no)",
                  ("rcpt", "greeting")),
    "sender": Kind("proto", "not-owned", "SMTP takes the login, then refuses the mail program's transaction at RCPT "
                   "TO: VALUE not-owned (a sender address other than the login's, Postfix's reject_sender_login_"
                   "mismatch: 553 5.7.1 'not owned by user'), greylist (450 4.2.0, Postgrey), user-unknown (550 "
                   "5.1.1), closing (421 4.7.0, then the connection is closed), silent (no answer to MAIL FROM), "
                   "drop (the connection is closed at MAIL FROM), rate-limit (450 4.7.1, Postfix's "
                   "smtpd_client_recipient_rate_limit reached: the account's client has sent to too many recipients)",
                   ("not-owned", "greylist", "user-unknown", "closing", "silent", "drop", "rate-limit")),
    "store-fails": Kind("proto", None, "takes the login, then cannot open the mailbox (IMAP SELECT/EXAMINE, POP3 "
                        "STAT): Dovecot's 'Internal error occurred' when its mail storage fails"),
    # Authentication.
    "auth": Kind("auth", "wrong", "provider-style login reply VALUE", AUTH_OUTCOMES),
    "oauth-only": Kind("auth", None, "offers only XOAUTH2/OAUTHBEARER; password logins are refused"),
    "no-auth": Kind("auth", None, "SMTP offers no AUTH at all"),
    "style": Kind("auth", "gmail", "wrong-credentials replies in VALUE's words", ("dovecot", "gmail", "microsoft", "yahoo")),
    # DNS data and resolvers.
    "ipv6": Kind("zone", "also", "the host gets AAAA ::1 and listeners on ::1: beside its A record and IPv4 "
                 "listeners (VALUE also), or instead of them (VALUE only: an IPv6-only host)", ("also", "only")),
    "dns-servfail": Kind("dns", None, "the resolver answers SERVFAIL"),
    "dns-refused": Kind("dns", None, "the resolver answers REFUSED"),
    "dns-timeout": Kind("dns", None, "the resolver never answers"),
    "dns-slow": Kind("dns", 2.0, "the resolver answers after VALUE seconds"),
    "dns-down": Kind("dns", None, "nothing listens on the resolver's port"),
    "dns-nxdomain": Kind("dns", None, "the resolver answers NXDOMAIN"),
    "dns-wrong": Kind("dns", "127.0.0.99", "A answers are VALUE (a sinkhole: 127.0.0.99 or 0.0.0.0)"),
    "dns-stale": Kind("dns", FORMER_ADDRESS, "A answers are VALUE, the host's address before it moved (a cache "
                      "that outlived the move; a loopback address; by default one where nothing listens)"),
    # This computer's hosts file (the lab writes one; the target names it).
    "hosts-entry": Kind("hosts", "127.0.0.99", "the hosts file maps the fault's name (default the mail host) to VALUE "
                        "(a loopback address)"),
    # Web.
    "proxy": Kind("proxy", "auth", "proxy mode VALUE: ok, auth (407), deny (403), hang", ("ok", "auth", "deny", "hang")),
    "clock-offset": Kind("web", 400 * 86400, "web servers' Date header is VALUE seconds ahead of the local clock"),
}

SINKHOLE_VALUES = ("127.0.0.99", "0.0.0.0", "127.0.0.1")


def _loopback(text: str) -> bool:
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


@attrs.frozen
class Fault:
    """One fault switch. ``where`` defaults to every server (or the system resolver)."""

    kind: str
    where: str | None = None
    value: Value = None
    name: str | None = None  # DNS faults only: restrict to this name

    def __attrs_post_init__(self) -> None:
        spec = KINDS.get(self.kind)
        if spec is None:
            raise LabError(f"unknown fault kind {self.kind!r} (known: {', '.join(sorted(KINDS))})")
        if spec.values and self.value is not None and self.value not in spec.values:
            raise LabError(f"fault {self.kind}: value {self.value!r} is not one of {', '.join(spec.values)}")
        if self.kind == "dns-wrong" and self.value is not None and str(self.value) not in SINKHOLE_VALUES:
            # Network safety: a poisoned answer must never point off loopback.
            raise LabError(f"fault dns-wrong: {self.value!r} is not a loopback sinkhole ({', '.join(SINKHOLE_VALUES)})")
        if self.kind == "dns-stale" and self.value is not None and not _loopback(str(self.value)):
            # Network safety: the probes connect to the address the resolver gives.
            raise LabError(f"fault dns-stale: {self.value!r} is not a loopback address")
        if self.kind == "hosts-entry" and self.value is not None and not _loopback(str(self.value)):
            # Network safety: the probes connect to the address the hosts file gives.
            raise LabError(f"fault hosts-entry: {self.value!r} is not a loopback address")
        if self.name is not None and spec.layer not in ("dns", "hosts"):
            raise LabError(f"fault {self.kind}: only DNS and hosts-file faults take a name")
        _parse_where(self)  # validate early

    @property
    def layer(self) -> str:
        return KINDS[self.kind].layer

    @property
    def effective_value(self) -> Value:
        return KINDS[self.kind].default if self.value is None else self.value


@attrs.frozen
class Selector:
    hosts: frozenset[str] | None  # None: every host
    family: str | None  # v4 | v6 | None
    ports: frozenset[int] | None  # None: every port

    def matches(self, label: str, port: int, family: str = "v4") -> bool:
        return (
            (self.hosts is None or label in self.hosts)
            and (self.ports is None or port in self.ports)
            and (self.family is None or self.family == family)
        )


DNS_WHERE = ("dns", "dns-reference", "*")


def _parse_where(fault: Fault) -> Selector | frozenset[str]:
    layer = fault.layer
    where = fault.where
    if layer == "dns":
        where = where or "dns"
        if where not in DNS_WHERE:
            raise LabError(f"fault {fault.kind}: where must be one of {', '.join(DNS_WHERE)}, not {where!r}")
        return frozenset({"dns", "dns-reference"}) if where == "*" else frozenset({where})
    if layer == "hosts":
        if where not in (None, "hosts"):
            raise LabError(f"fault {fault.kind}: where must be 'hosts'")
        return frozenset({"hosts"})
    if layer == "proxy":
        if where not in (None, "proxy"):
            raise LabError(f"fault {fault.kind}: where must be 'proxy'")
        return frozenset({"proxy"})
    where = where or "*:*"
    host_part, _, port_part = where.partition(":")
    port_part = port_part or "*"
    host_part, _, family = host_part.partition("/")
    if family and family not in ("v4", "v6"):
        raise LabError(f"fault {fault.kind}: unknown address family {family!r} in {where!r}")
    hosts: frozenset[str] | None = None
    if host_part not in ("", "*"):
        hosts = frozenset(host_part.split(","))
        unknown = hosts - set(HOST_LABELS)
        if unknown:
            raise LabError(f"fault {fault.kind}: unknown host {', '.join(sorted(unknown))} (known: {', '.join(HOST_LABELS)})")
    ports: frozenset[int] | None = None
    if port_part != "*":
        try:
            ports = frozenset(int(p) for p in port_part.split(","))
        except ValueError:
            raise LabError(f"fault {fault.kind}: bad port list in {where!r}") from None
    return Selector(hosts, family or None, ports)


def selector(fault: Fault) -> Selector:
    sel = _parse_where(fault)
    if not isinstance(sel, Selector):
        raise LabError(f"fault {fault.kind} does not select servers")
    return sel


@attrs.frozen
class FaultSet:
    """The faults of one server (or resolver), by kind; later faults override earlier ones."""

    values: tuple[tuple[str, Value], ...] = ()

    def has(self, kind: str) -> bool:
        return any(k == kind for k, _ in self.values)

    def get(self, kind: str, default: Value = None) -> Value:
        found = default
        for k, v in self.values:
            if k == kind:
                found = v
        return found

    def __bool__(self) -> bool:
        return bool(self.values)


def for_server(faults: Iterable[Fault], label: str, port: int, family: str = "v4") -> FaultSet:
    """The server-side faults (every layer but path/zone/dns/proxy) of one server."""
    chosen = [
        (f.kind, f.effective_value)
        for f in faults
        if f.layer in ("conn", "tls", "proto", "auth", "web") and selector(f).matches(label, port, family)
    ]
    return FaultSet(tuple(chosen))


def path_fault(faults: Iterable[Fault], label: str, port: int, family: str) -> str | None:
    """``closed``, ``filtered``, ``former-serves`` or None for one (host, port, family) path."""
    found = None
    for f in faults:
        if f.layer == "path" and selector(f).matches(label, port, family):
            found = f.kind
    return found


def for_resolver(faults: Iterable[Fault], which: str) -> tuple[Fault, ...]:
    """The DNS faults that apply to resolver ``which`` (``dns`` or ``dns-reference``)."""
    out = []
    for f in faults:
        if f.layer == "dns":
            targets = _parse_where(f)
            assert isinstance(targets, frozenset)
            if which in targets:
                out.append(f)
    return tuple(out)


def proxy_mode(faults: Iterable[Fault]) -> str:
    mode = "ok"
    for f in faults:
        if f.layer == "proxy":
            mode = str(f.effective_value)
    return mode


def ipv6_host(faults: Iterable[Fault]) -> str | None:
    """The host label that gets ::1 (at most one: there is only one IPv6 loopback address)."""
    labels: set[str] = set()
    for f in faults:
        if f.kind == "ipv6":
            sel = selector(f)
            if sel.hosts is None or len(sel.hosts) != 1:
                raise LabError("fault ipv6 must name exactly one host (there is only one ::1)")
            labels |= sel.hosts
    if len(labels) > 1:
        raise LabError(f"fault ipv6 given for several hosts ({', '.join(sorted(labels))}); ::1 is only one address")
    return next(iter(labels), None)


def ipv6_only(faults: Iterable[Fault]) -> bool:
    """Whether the host of :func:`ipv6_host` has ::1 alone (no A record, no IPv4 listener)."""
    return any(f.kind == "ipv6" and f.effective_value == "only" for f in faults)


def hosts_lines(faults: Iterable[Fault], default_name: str) -> list[str]:
    """The hosts-file lines the ``hosts-entry`` faults ask for."""
    return [f"{f.effective_value}\t{f.name or default_name}" for f in faults if f.kind == "hosts-entry"]
