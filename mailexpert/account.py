"""The account being diagnosed: e-mail address, credentials and server settings.

Parses what a user types on the command line -- ``HOST[:PORT][/ssl|/starttls|/plain]``
for a server, ``HOST:PORT:ADDR:PORT`` for a curl-like connect-to override, ``IP[:PORT]``
for a resolver -- into frozen values, and refuses anything unusable with a
:class:`~mailexpert.errors.SettingsError` that says what is wrong. Secrets (password,
OAuth token) never appear in a ``repr``. :func:`account_facts` turns an account into the
``account.identity`` and ``account.setting`` facts the rules start from.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from mailexpert.errors import SettingsError
from mailexpert.facts import Fact, fact

PROTOCOLS = ("imap", "pop3", "smtp")
SECURITIES = ("ssl", "starttls", "plain")
ORIGINS = ("option", "client-config", "discovered", "default")
AUTH_METHODS = ("password", "oauth", "none")

#: The setting assumed when only a host is given: the RFC 8314 implicit-TLS ports for
#: retrieval and submission on 587 with STARTTLS, which every provider still offers.
DEFAULT_SECURITY = {"imap": "ssl", "pop3": "ssl", "smtp": "starttls"}

class _StandardPorts(Mapping[tuple[str, str], int]):
    """(protocol, security) -> the standard client port, read from the mail-port table
    (mailexpert/data/knowledge.yaml) when first asked: importing this module stays cheap."""

    def __getitem__(self, key: tuple[str, str]) -> int:
        from mailexpert.knowledge import standard_port

        protocol, security = key
        if protocol not in PROTOCOLS or security not in SECURITIES:
            raise KeyError(key)
        return standard_port(protocol, security)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter([(p, s) for p in PROTOCOLS for s in SECURITIES])

    def __len__(self) -> int:
        return len(PROTOCOLS) * len(SECURITIES)


#: The standard port of each protocol for each security mode (plain: the STARTTLS port).
DEFAULT_PORTS: Mapping[tuple[str, str], int] = _StandardPorts()

# A DNS name: labels of letters, digits, hyphens and underscores (SRV-style names appear
# in connect-to maps); no empty labels. Anything else (spaces, slashes, '@') is a typo.
_LABEL = r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)"
_HOSTNAME = re.compile(rf"{_LABEL}(\.{_LABEL})*\.?")
# Local part of an address: the dot-atom of RFC 5322 (quoted local parts are not supported).
_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")


def _check_port(port: int, what: str) -> int:
    if not 1 <= port <= 65535:
        raise SettingsError(f"{what}: port {port} is out of range (1-65535)")
    return port


def _parse_port(text: str, what: str) -> int:
    if not text.isdigit():
        raise SettingsError(f"{what}: port {text!r} is not a number")
    return _check_port(int(text), what)


def normalise_host(host: str, what: str = "host") -> str:
    """Return ``host`` as a lower-case DNS name or a canonical IP address; refuse anything else."""
    host = host.strip()
    if not host:
        raise SettingsError(f"{what}: the host is empty")
    normal = _normal_host(host)
    if normal is None:
        raise SettingsError(f"{what}: {host.removeprefix('[').removesuffix(']')!r} is not a valid host name or IP address")
    return normal


@functools.lru_cache(maxsize=256)  # a setting is checked when made and again when converted
def _normal_host(host: str) -> str | None:
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if ":" in host or host.replace(".", "").isdigit():  # only these can be IP literals (a cheap test first)
        try:
            return str(ipaddress.ip_address(host))
        except ValueError:
            pass
    if len(host) > 253 or not _HOSTNAME.fullmatch(host):
        return None
    return host.rstrip(".").lower()


def _split_host_port(text: str, what: str) -> tuple[str, str | None]:
    """Split ``host``, ``host:port``, ``[v6]`` or ``[v6]:port``; a bare IPv6 literal has no port."""
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise SettingsError(f"{what}: unclosed '[' in {text!r}")
        host, rest = text[1:end], text[end + 1 :]
        if rest and not rest.startswith(":"):
            raise SettingsError(f"{what}: unexpected {rest!r} after the address in {text!r}")
        return host, (rest[1:] if rest else None)
    if text.count(":") > 1:
        # An IPv6 literal without brackets cannot carry a port.
        return text, None
    host, sep, port = text.partition(":")
    return host, (port if sep else None)


def is_ip(host: str) -> bool:
    """Whether ``host`` is an IP address literal."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def format_host_port(host: str, port: int) -> str:
    """``host:port``, with IPv6 literals in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _mechanism(value: object) -> str | None:
    return value.strip().upper() if isinstance(value, str) and value.strip() else None


def _host(value: str) -> str:
    return normalise_host(value)


@attrs.frozen
class ServerSetting:
    """One server of the account: protocol, host, port and security mode."""

    protocol: str = attrs.field(validator=attrs.validators.in_(PROTOCOLS))
    host: str = attrs.field(converter=_host)
    port: int = attrs.field()
    security: str = attrs.field(validator=attrs.validators.in_(SECURITIES))
    origin: str = attrs.field(default="option", validator=attrs.validators.in_(ORIGINS))
    #: How the client authenticates on this server (None: as the account says).
    auth_method: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(AUTH_METHODS)))
    #: A SASL mechanism the user picked (e.g. CRAM-MD5); None: chosen from the offered ones.
    mechanism: str | None = attrs.field(default=None, converter=_mechanism)

    @port.validator
    def _port_ok(self, _attribute: attrs.Attribute[Any], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingsError(f"{self.protocol} server: port must be a number, not {value!r}")
        _check_port(value, f"{self.protocol} server")

    @classmethod
    def parse(cls, protocol: str, text: str, *, origin: str = "option") -> ServerSetting:
        """Parse ``HOST[:PORT][/ssl|/starttls|/plain]``; missing parts take the protocol's defaults."""
        if protocol not in PROTOCOLS:
            raise SettingsError(f"unknown protocol {protocol!r} (known: {', '.join(PROTOCOLS)})")
        what = f"{protocol} server {text!r}"
        text = text.strip()
        body, slash, mode = text.partition("/")
        if slash:
            mode = mode.strip().lower()
            if mode == "tls":  # a common spelling of implicit TLS
                mode = "ssl"
            if mode not in SECURITIES:
                raise SettingsError(f"{what}: unknown security mode {mode!r} (known: {', '.join(SECURITIES)})")
            security = mode
        else:
            security = None
        host, port_text = _split_host_port(body, what)
        port = _parse_port(port_text, what) if port_text is not None else None
        if security is None:
            # With only a port, infer the mode from it (993 is implicit TLS, 143 is not).
            security = _security_for_port(protocol, port) if port is not None else DEFAULT_SECURITY[protocol]
        if port is None:
            port = DEFAULT_PORTS[(protocol, security)]
        return cls(protocol=protocol, host=normalise_host(host, what), port=port, security=security, origin=origin)

    @property
    def address(self) -> str:
        """``host:port/security``, the form :meth:`parse` reads."""
        return f"{format_host_port(self.host, self.port)}/{self.security}"

    def __str__(self) -> str:
        return f"{self.protocol} {self.address}"


def _security_for_port(protocol: str, port: int) -> str:
    """The mode a bare port implies: implicit TLS on 465/993/995, STARTTLS on the classic
    plaintext ports (the mail-port table), else the protocol's default."""
    from mailexpert.knowledge import port_security

    return port_security(port) or DEFAULT_SECURITY[protocol]


@attrs.frozen
class ConnectTo:
    """A curl-like ``--connect-to HOST:PORT:ADDR:PORT``: connect there instead, keep the logical names.

    ``host`` is the logical host name or a resolved address; ``address`` is where to connect.
    """

    host: str = attrs.field(converter=_host)
    port: int
    address: str = attrs.field(converter=_host)
    real_port: int

    @classmethod
    def parse(cls, text: str) -> ConnectTo:
        what = f"connect-to {text!r}"
        parts = _split_colon_fields(text.strip(), what)
        if len(parts) != 4:
            raise SettingsError(f"{what}: expected HOST:PORT:ADDRESS:PORT")
        host, port, address, real_port = parts
        return cls(
            host=normalise_host(host, what),
            port=_parse_port(port, what),
            address=normalise_host(address, what),
            real_port=_parse_port(real_port, what),
        )

    @classmethod
    def from_tuple(cls, value: tuple[str, int, str, int]) -> ConnectTo:
        host, port, address, real_port = value
        return cls(host=host, port=_check_port(int(port), "connect-to"), address=address,
                   real_port=_check_port(int(real_port), "connect-to"))


def _split_colon_fields(text: str, what: str) -> list[str]:
    """Split on ':' outside brackets (IPv6 literals are written ``[::1]``)."""
    fields: list[str] = []
    current = ""
    depth = 0
    for ch in text:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth < 0:
                raise SettingsError(f"{what}: unbalanced ']'")
        if ch == ":" and depth == 0:
            fields.append(current)
            current = ""
        else:
            current += ch
    if depth:
        raise SettingsError(f"{what}: unclosed '['")
    fields.append(current)
    return fields


@attrs.frozen
class ResolverAddress:
    """A DNS server to ask: an IP address and a port (53 unless given)."""

    ip: str
    port: int = 53

    @classmethod
    def parse(cls, text: str) -> ResolverAddress:
        what = f"resolver {text!r}"
        host, port_text = _split_host_port(text.strip(), what)
        try:
            ip = str(ipaddress.ip_address(host))
        except ValueError:
            raise SettingsError(f"{what}: a resolver must be an IP address, not {host!r}") from None
        port = _parse_port(port_text, what) if port_text is not None else 53
        return cls(ip=ip, port=port)

    def __str__(self) -> str:
        return format_host_port(self.ip, self.port)


def _utf8(text: str) -> bool:
    """Whether ``text`` can be sent as UTF-8: a byte that is not (an environment variable or
    argument from a terminal in another encoding) reaches Python as a lone surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def validate_email(email: str) -> str:
    """Return the address with its domain lower-cased; raise SettingsError if it is not one."""
    email = email.strip()
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain:
        raise SettingsError(f"e-mail address {email!r}: expected local-part@domain")
    if len(local) > 64 or not _LOCAL_PART.fullmatch(local):
        raise SettingsError(f"e-mail address {email!r}: invalid local part {local!r}")
    if is_ip(domain.strip("[]")) or "." not in domain.strip("."):
        raise SettingsError(f"e-mail address {email!r}: the domain {domain!r} is not a mail domain")
    domain = normalise_host(domain, f"e-mail address {email!r}")
    return f"{local}@{domain}"


def _optional_setting(protocol: str, value: ServerSetting | str | None) -> ServerSetting | None:
    if value is None or isinstance(value, ServerSetting):
        if value is not None and value.protocol != protocol:
            raise SettingsError(f"a {value.protocol} setting was given as the {protocol} server")
        return value
    return ServerSetting.parse(protocol, value)


# One named converter per field: attrs (and type checkers) take named functions.
def _imap(value: ServerSetting | str | None) -> ServerSetting | None:
    return _optional_setting("imap", value)


def _pop3(value: ServerSetting | str | None) -> ServerSetting | None:
    return _optional_setting("pop3", value)


def _smtp(value: ServerSetting | str | None) -> ServerSetting | None:
    return _optional_setting("smtp", value)


@attrs.frozen
class Account:
    """The account to diagnose. ``password`` and ``oauth_token`` never appear in a repr."""

    email: str = attrs.field(converter=validate_email)
    username: str = attrs.field(default=attrs.Factory(lambda self: self.email, takes_self=True))
    password: str | None = attrs.field(default=None, repr=False)
    oauth_token: str | None = attrs.field(default=None, repr=False)
    imap: ServerSetting | None = attrs.field(default=None, converter=_imap)
    pop3: ServerSetting | None = attrs.field(default=None, converter=_pop3)
    smtp: ServerSetting | None = attrs.field(default=None, converter=_smtp)

    @username.validator
    def _username_ok(self, _attribute: attrs.Attribute[Any], value: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise SettingsError("the user name is empty")
        if any(ch in value for ch in "\r\n\x00"):
            raise SettingsError("the user name contains a line break or NUL")
        if not _utf8(value):
            raise SettingsError("the user name is not UTF-8 text")

    @password.validator
    def _password_ok(self, _attribute: attrs.Attribute[Any], value: str | None) -> None:
        # Never quote the value: the message could end up in a log.
        if value is not None and any(ch in value for ch in "\r\n\x00"):
            raise SettingsError("the password contains a line break or NUL, which no mail protocol can carry")
        if value is not None and not _utf8(value):
            raise SettingsError("the password is not UTF-8 text (a byte from another encoding, as a variable "
                                "set in a terminal that is not UTF-8 gives)")

    @oauth_token.validator
    def _token_ok(self, _attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and (any(ch in value for ch in "\r\n\x00 ") or not _utf8(value)):
            raise SettingsError("the OAuth token contains white space, a line break or a byte that is not UTF-8")

    @property
    def domain(self) -> str:
        return self.email.rpartition("@")[2]

    @property
    def settings(self) -> tuple[ServerSetting, ...]:
        """The configured servers, in the order imap, pop3, smtp."""
        return tuple(s for s in (self.imap, self.pop3, self.smtp) if s is not None)

    def setting(self, protocol: str) -> ServerSetting | None:
        return {"imap": self.imap, "pop3": self.pop3, "smtp": self.smtp}[protocol]

    @property
    def auth(self) -> str:
        if self.oauth_token:
            return "oauth"
        return "password" if self.password else "none"

    def with_settings(self, settings: Mapping[str, ServerSetting]) -> Account:
        """A copy with some server settings replaced (e.g. filled in by discovery)."""
        changes: dict[str, Any] = {p: s for p, s in settings.items() if p in PROTOCOLS}
        return attrs.evolve(self, **changes)


def identity_fields(account: Account) -> dict[str, object]:
    """How the user name relates to the address (used by the identity fact and login results)."""
    username, email = account.username, account.email
    local = email.rpartition("@")[0]
    return {
        "username_is_address": "@" in username,
        "username_matches_address": username.lower() in (email.lower(), local.lower()),
        "username_case_differs": username != email and username.lower() == email.lower(),
    }


def account_facts(account: Account) -> list[Fact]:
    """The ``account.identity`` fact and one ``account.setting`` per configured server."""
    facts = [fact("account.identity", email=account.email, domain=account.domain, auth=account.auth,
                  **identity_fields(account))]
    for s in account.settings:
        facts.append(
            fact("account.setting", protocol=s.protocol, host=s.host, port=s.port, security=s.security,
                 origin=s.origin, auth_method=s.auth_method or account.auth)
        )
    return facts
