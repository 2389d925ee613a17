"""The offline provider table: known providers' servers and authentication policy.

Loaded from ``mailexpert/data/providers.yaml`` (plus, optionally, extra table files with
the same layout, e.g. a test provider). A provider is recognised by the user's address
domain, by the domain's MX host, or by a configured server host; the match yields
``discovery.server`` settings, a dated ``provider.policy`` and the provider's order of what a bare
refused login there means (``provider.refused-login``, read by :mod:`mailexpert.refusalorder`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs

from mailexpert import rulecache
from mailexpert.account import PROTOCOLS, ServerSetting
from mailexpert.errors import ProviderTableError, SettingsError
from mailexpert.facts import Fact
from mailexpert.greeting import registered_domain

DATA_FILE = Path(__file__).resolve().parent / "data" / "providers.yaml"
POLICY_FIELDS = ("oauth_required", "app_password_required", "basic_auth_disabled_since",
                 "smtp_basic_auth_disabled_since", "protocols_disabled_by_default", "bridge_required", "docs")


@attrs.frozen
class Provider:
    """One provider: how to recognise it, its servers (preferred first), its policy."""

    id: str
    name: str
    domains: tuple[str, ...] = ()
    mx: tuple[str, ...] = ()
    servers: tuple[ServerSetting, ...] = ()
    oauth_required: bool | None = None
    app_password_required: bool | None = None
    basic_auth_disabled_since: str | None = None
    #: From when SMTP submission refuses password logins too (where basic_auth_disabled_since is IMAP/POP's).
    smtp_basic_auth_disabled_since: str | None = None
    protocols_disabled_by_default: bool | None = None
    bridge_required: bool | None = None
    docs: str | None = None
    #: Words only this provider's servers put in their replies (lower case): they name the provider
    #: of a pasted reply that names no host and no address.
    replies: tuple[str, ...] = ()
    #: The same, as regular expressions (the table's ``reply_patterns``), for what only this provider's
    #: servers put in their replies but differs per session (an id of a form of its own).
    reply_patterns: tuple[re.Pattern[str], ...] = ()
    #: Per protocol, the causes of a bare refusal of a password login here, most likely first (the
    #: table's ``refused_login``): the report ranks by it (mailexpert/refusalorder.py).
    refused_login: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: The registered domains (two labels, lower case) its SMTP servers name in their greeting (the table's
    #: ``greets_as``): a greeting at one of its hosts that names a host under none of them came from elsewhere.
    greets_as: tuple[str, ...] = ()

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset(s.host for s in self.servers)

    @property
    def tls_only(self) -> bool:
        """Whether every server the provider documents is reached over TLS (SSL/TLS or STARTTLS):
        a login there is encrypted, so nothing on the way reads it."""
        return bool(self.servers) and all(s.security in ("ssl", "starttls") for s in self.servers)

    def policy(self) -> dict[str, object]:
        """The ``provider.policy`` fields (besides provider, domain and match)."""
        return {**{name: getattr(self, name) for name in POLICY_FIELDS}, "tls_only": self.tls_only}

    def facts(self, make: Callable[..., Fact], *, domain: str, match: str) -> list[Fact]:
        """What the table says of the provider as facts, each built by ``make(kind, **fields)``: its
        ``provider.policy``, then one ``provider.refused-login`` a cause and protocol of its order."""
        out = [make("provider.policy", provider=self.name, domain=domain, match=match, **self.policy())]
        out += [make("provider.refused-login", provider=self.name, protocol=protocol, cause=cause, place=place)
                for protocol, order in self.refused_login for place, cause in enumerate(order, 1)]
        out += [make("provider.greets-as", provider=self.name, host=host, domain=domain)
                for host in sorted(self.hosts) for domain in self.greets_as]
        return out


def _suffix_match(host: str, suffix: str) -> bool:
    host, suffix = host.lower().rstrip("."), suffix.lower().rstrip(".")
    return host == suffix or host.endswith("." + suffix)


def _refused_login(value: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``refused_login`` as (protocol, causes) pairs: one list for every protocol, or one per protocol."""
    if value is None:
        return ()
    by_protocol = value if isinstance(value, dict) else dict.fromkeys(PROTOCOLS, value)
    for protocol, order in by_protocol.items():
        if protocol not in PROTOCOLS or not isinstance(order, list) or not order:
            raise SettingsError(f"{where}: refused_login wants a list of causes, or one per protocol ({protocol!r})")
    return tuple((str(p), tuple(str(c) for c in order)) for p, order in by_protocol.items())


def _greets_as(value: object, where: str) -> tuple[str, ...]:
    """The table's ``greets_as``: registered domains of two labels (a greeting's name is compared by its last
    two labels, mailexpert/greeting.py), lower case."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise SettingsError(f"{where}: greets_as wants a list of domains")
    domains = tuple(str(d).lower().rstrip(".") for d in value)
    for d in domains:
        if registered_domain(d) != d:
            raise SettingsError(f"{where}: greets_as wants registered domains of two labels (example.com), not {d!r}")
    return domains


def _patterns(value: object, where: str) -> tuple[re.Pattern[str], ...]:
    """The table's ``reply_patterns``: regular expressions, matched against the lower-cased text."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise SettingsError(f"{where}: reply_patterns wants a list of regular expressions")
    try:
        return tuple(re.compile(str(p)) for p in value)
    except re.error as exc:
        raise SettingsError(f"{where}: reply_patterns: not a regular expression ({exc})") from None


def _provider(entry: dict[str, Any], where: str) -> Provider:
    try:
        servers = []
        for protocol, items in (entry.get("servers") or {}).items():
            if protocol not in PROTOCOLS:
                raise SettingsError(f"{where}: unknown protocol {protocol!r} in provider {entry.get('id')!r}")
            servers += [ServerSetting.parse(protocol, str(text), origin="discovered") for text in items]
        since = entry.get("basic_auth_disabled_since")
        smtp_since = entry.get("smtp_basic_auth_disabled_since")
        return Provider(
            id=str(entry["id"]), name=str(entry.get("name", entry["id"])),
            domains=tuple(str(d).lower() for d in entry.get("domains") or ()),
            mx=tuple(str(m).lower() for m in entry.get("mx") or ()),
            servers=tuple(servers),
            oauth_required=entry.get("oauth_required"),
            app_password_required=entry.get("app_password_required"),
            basic_auth_disabled_since=str(since) if since is not None else None,
            smtp_basic_auth_disabled_since=str(smtp_since) if smtp_since is not None else None,
            protocols_disabled_by_default=entry.get("protocols_disabled_by_default"),
            bridge_required=entry.get("bridge_required"),
            docs=entry.get("docs"),
            replies=tuple(str(r).lower() for r in entry.get("replies") or ()),
            reply_patterns=_patterns(entry.get("reply_patterns"), where),
            refused_login=_refused_login(entry.get("refused_login"), where),
            greets_as=_greets_as(entry.get("greets_as"), where),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise SettingsError(f"{where}: malformed provider entry ({exc})") from None


def load_table(path: str | Path) -> tuple[Provider, ...]:
    """The providers of one table file."""
    doc = rulecache.data_file(Path(path), ProviderTableError)
    if not isinstance(doc, dict) or not isinstance(doc.get("providers"), list):
        raise SettingsError(f"provider table {path}: expected a mapping with a 'providers' list")
    return tuple(_provider(e, str(path)) for e in doc["providers"])


@functools.cache
def builtin() -> tuple[Provider, ...]:
    return load_table(DATA_FILE)


@attrs.frozen
class ProviderTable:
    """Lookups over a list of providers (extra tables first, then the built-in one)."""

    providers: tuple[Provider, ...]

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> ProviderTable:
        found: list[Provider] = []
        for path in extra:
            found += load_table(path)
        return cls(tuple(found) + builtin())

    def by_domain(self, domain: str) -> Provider | None:
        domain = domain.lower().rstrip(".")
        return next((p for p in self.providers if domain in p.domains), None)

    def by_mx(self, mx_host: str) -> Provider | None:
        return next((p for p in self.providers if any(_suffix_match(mx_host, s) for s in p.mx)), None)

    def by_host(self, host: str) -> Provider | None:
        host = host.lower().rstrip(".")
        return next((p for p in self.providers if host in p.hosts), None)

    def by_reply(self, lowered: str) -> Provider | None:
        """The provider whose servers' own words are in a (lower-cased) pasted text; where two providers'
        words are, the one whose words found are the longer (the more specific: Yandex's "login invalid
        credentials or imap is disabled" holds Yahoo's "login invalid credentials")."""
        found = [(len(w), -i, p) for i, p in enumerate(self.providers) for w in p.replies if w in lowered]
        found += [(len(m.group()), -i, p) for i, p in enumerate(self.providers) for r in p.reply_patterns
                  if (m := r.search(lowered)) is not None]
        return max(found, key=lambda x: x[:2])[2] if found else None


def default_table() -> ProviderTable:
    return ProviderTable(builtin())


@functools.cache
def mail_hosts() -> tuple[Provider, ...]:
    """The built-in table's ``mail_hosts``: hosting companies' shared mail servers, which serve
    their customers' own domains (so they name no provider of the account, and carry no policy)."""
    doc = rulecache.data_file(DATA_FILE, ProviderTableError)
    return tuple(_provider(e, str(DATA_FILE)) for e in doc.get("mail_hosts") or ())


@functools.cache
def _inbound_mx() -> tuple[tuple[str, str], ...]:
    doc = rulecache.data_file(DATA_FILE, ProviderTableError)
    return tuple((str(e["suffix"]).lower(), str(e["provider"])) for e in doc.get("inbound_mx") or ())


def inbound_mx(host: str) -> str | None:
    """The provider whose inbound mail exchanger (MX) ``host`` is, by the built-in table's
    ``inbound_mx`` (names that are only ever MX hosts, never a mail program's server), else None."""
    return next((provider for suffix, provider in _inbound_mx() if _suffix_match(host, suffix)), None)


def served(host: str) -> list[tuple[str, ServerSetting]]:
    """The servers the tables document on ``host`` (a big provider's, else a mail host's), each
    with the name of whose it is: where that host listens in the world."""
    host = host.lower().rstrip(".")
    for p in (*builtin(), *mail_hosts()):
        found = [(p.name, s) for s in p.servers if s.host == host]
        if found:
            return found
    return []
