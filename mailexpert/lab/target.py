"""What a diagnosis needs to know about a running lab: :class:`LabTarget`.

It is the simulated user's account (address, user name, password, the three server
settings as ``host:port/mode`` strings) plus how to reach the lab: its resolvers, the
``connect_to`` map from (resolved address, logical port) to the real ephemeral port,
the CA file, the web URLs and the proxy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

ConnectTo = tuple[str, int, str, int]


def _bracket(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def connect_to_arg(entry: ConnectTo) -> str:
    """curl's ``--connect-to`` form: ``ADDR:PORT:REALADDR:REALPORT`` (IPv6 in brackets)."""
    host, port, real_host, real_port = entry
    return f"{_bracket(host)}:{port}:{_bracket(real_host)}:{real_port}"


# Named converters rather than ``converter=tuple``, whose generic type attrs' mypy plugin
# cannot tie to the field's.
def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _entries(values: Iterable[ConnectTo]) -> tuple[ConnectTo, ...]:
    return tuple(values)


def _args(target: LabTarget) -> tuple[str, ...]:
    return tuple(connect_to_arg(entry) for entry in target.connect_to)


@attrs.frozen
class LabTarget:
    """The account and the ways to reach the lab; secrets are left out of ``repr``."""

    email: str
    username: str
    password: str = attrs.field(repr=False)
    imap: str | None = None  # "host:port/mode", mode one of ssl | starttls | plain
    pop3: str | None = None
    smtp: str | None = None
    dns_servers: tuple[str, ...] = attrs.field(default=(), converter=_strings)  # "127.0.0.x:port", the system resolver
    reference_dns: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    connect_to: tuple[ConnectTo, ...] = attrs.field(default=(), converter=_entries)
    ca_file: str = ""
    web_urls: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    proxy_url: str | None = None
    answers: dict[str, str] = attrs.field(factory=dict, hash=False)
    auth: str = "password"  # password | oauth
    smtp_auth: str = "password"  # password | oauth | none (the client sends without logging in)
    auth_mechanism: str | None = None  # a mechanism the user picked (e.g. CRAM-MD5), else automatic
    oauth_token: str | None = attrs.field(default=None, repr=False)
    hosts_file: str = ""  # the lab computer's hosts file (the probes never read the real one)
    connect_to_args: tuple[str, ...] = attrs.field(default=attrs.Factory(_args, takes_self=True), converter=_strings)

    def real_endpoint(self, address: str, port: int) -> tuple[str, int] | None:
        """Where a connection to (resolved ``address``, logical ``port``) really goes."""
        for host, logical, real_host, real_port in self.connect_to:
            if host == address and logical == port:
                return real_host, real_port
        return None

    def server_settings(self) -> dict[str, Any]:
        """The configured servers as ServerSettings, with the scenario's authentication choices
        (a mechanism the user picked, SMTP without authentication, OAuth)."""
        from mailexpert.account import ServerSetting

        settings = {}
        for protocol in ("imap", "pop3", "smtp"):
            text = getattr(self, protocol)
            if text is None:
                continue
            auth = self.smtp_auth if protocol == "smtp" else self.auth
            settings[protocol] = attrs.evolve(
                ServerSetting.parse(protocol, text),
                auth_method=auth if auth != "password" else None,
                mechanism=self.auth_mechanism,
            )
        return settings

    def diagnose_options(self, **overrides: Any) -> dict[str, Any]:
        """Keyword arguments for :func:`mailexpert.diagnose` that keep every connection on
        loopback: the lab's resolvers, web URLs, connect-to map and CA, nothing else."""
        from mailexpert.collect import LOOPBACK_NETWORKS

        uses_oauth = self.auth == "oauth" or self.smtp_auth == "oauth"
        options: dict[str, Any] = dict(
            **self.server_settings(),
            username=self.username,
            password=None if self.auth == "oauth" else self.password,
            oauth_token=self.oauth_token if uses_oauth else None,
            dns_servers=self.dns_servers,
            reference_dns=self.reference_dns,
            connect_to=self.connect_to,
            ca_file=self.ca_file,
            web_urls=self.web_urls,
            proxy=self.proxy_url,
            answers=dict(self.answers),
            allowed_networks=LOOPBACK_NETWORKS,
            hosts_file=self.hosts_file or None,
        )
        options.update(overrides)
        return options

    def dns_endpoint(self, reference: bool = False) -> tuple[str, int]:
        """(address, port) of the first system (or reference) resolver."""
        text = (self.reference_dns if reference else self.dns_servers)[0]
        address, _, port = text.rpartition(":")
        return address, int(port)
