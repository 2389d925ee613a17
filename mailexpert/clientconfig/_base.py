"""What every client-configuration reader shares: the result types, reading a file, problems.

A reader turns one file into an :class:`ImportedConfig`: the accounts it defines (e-mail,
user name, incoming and outgoing servers as :class:`~mailexpert.account.ServerSetting`
with origin ``client-config``), the client's name and version when the file tells them,
and every :class:`Problem` found on the way. A problem is evidence, not an error: a file
that is damaged (``corrupt``) or contradicts itself (``inconsistent``) is what the
``client-config-corrupt`` cause is about. Only a file that cannot be read at all (missing,
unreadable, a directory, binary) raises :class:`~mailexpert.errors.ClientConfigError`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from mailexpert import userfile
from mailexpert.account import DEFAULT_PORTS, PROTOCOLS, ServerSetting, normalise_host
from mailexpert.errors import ClientConfigError, SettingsError
from mailexpert.facts import Fact, fact

FORMATS = ("thunderbird", "msmtp", "mbsync", "autoconfig")
STATUSES = ("ok", "inconsistent", "corrupt")  # in rising order of gravity

#: More problems than this in one file are summarised in the last one.
MAX_PROBLEMS = 20


@attrs.frozen
class Problem:
    """One thing wrong in a file, at a 1-based line (and column when known)."""

    status: str = attrs.field(validator=attrs.validators.in_(("corrupt", "inconsistent")))
    message: str
    line: int | None = None
    column: int | None = None

    def where(self, path: str) -> str:
        parts = [path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def text(self, path: str) -> str:
        """``file:line[:col]: message``, the ``problem`` field of a ``client.config`` fact."""
        return f"{self.where(path)}: {self.message}"


@attrs.frozen
class ClientInfo:
    """The client that wrote the file (``client.info`` fact)."""

    name: str
    version: str | None = None
    major: int | None = None
    max_tls: str | None = None
    oauth_support: bool | None = None

    def fact(self) -> Fact:
        return fact("client.info", name=self.name, version=self.version, major=self.major,
                    max_tls=self.max_tls, oauth_support=self.oauth_support)


#: What an EHLO argument the probe repeats may hold: a name or an address literal, never a
#: space or line break that would smuggle a second command into the session.
_EHLO_SAFE = re.compile(r"[A-Za-z0-9._\-\[\]:]{1,255}")


def _ehlo_safe(value: str | None) -> str | None:
    return value if value is not None and _EHLO_SAFE.fullmatch(value) else None


@attrs.frozen
class ImportedAccount:
    """One account found in a file. ``auth`` maps a protocol to its configured method
    (password, oauth, none or unknown)."""

    name: str
    email: str | None = None
    username: str | None = None
    imap: ServerSetting | None = None
    pop3: ServerSetting | None = None
    smtp: ServerSetting | None = None
    auth: Mapping[str, str] = attrs.field(factory=dict)
    domains: tuple[str, ...] = ()  # autoconfig: the domains the file is for
    #: The name the program gives in SMTP EHLO (None: its address literal or a name that passes).
    ehlo_name: str | None = attrs.field(default=None, converter=_ehlo_safe)

    @property
    def settings(self) -> dict[str, ServerSetting]:
        return {p: s for p in PROTOCOLS if (s := getattr(self, p)) is not None}

    def for_email(self, email: str) -> ImportedAccount:
        """This account with autoconfig placeholders (%EMAILADDRESS% ...) filled in."""
        if self.username is None or "%" not in self.username:
            return self if self.email else attrs.evolve(self, email=email)
        return attrs.evolve(self, email=email, username=fill_placeholders(self.username, email))


def fill_placeholders(text: str, email: str) -> str:
    local, _, domain = email.rpartition("@")
    return (text.replace("%EMAILADDRESS%", email).replace("%EMAILLOCALPART%", local)
            .replace("%EMAILDOMAIN%", domain))


@attrs.frozen
class ImportedConfig:
    """The outcome of importing one client configuration file."""

    path: str
    format: str
    accounts: tuple[ImportedAccount, ...] = ()
    problems: tuple[Problem, ...] = ()
    client: ClientInfo | None = None

    @property
    def status(self) -> str:
        """ok, or the gravest problem's status (corrupt before inconsistent)."""
        return max((p.status for p in self.problems), key=STATUSES.index, default="ok")

    def account_for(self, email: str) -> ImportedAccount | None:
        """The account for ``email``: matched on its address, then on its user name; a file
        with a single account (or an autoconfig file for the address's domain) stands for it."""
        low = email.strip().lower()
        domain = low.rpartition("@")[2]
        for match in (
            lambda a: a.email is not None and a.email.lower() == low,
            lambda a: a.username is not None and a.username.lower() == low,
            lambda a: domain in a.domains,
        ):
            found = [a for a in self.accounts if match(a)]
            if found:
                return found[0].for_email(email)
        if len(self.accounts) == 1:
            return self.accounts[0].for_email(email)
        return None

    def settings_for(self, email: str) -> dict[str, ServerSetting]:
        """The server settings (origin ``client-config``) of the account for ``email``."""
        account = self.account_for(email)
        return account.settings if account else {}

    def context_facts(self) -> list[Fact]:
        """``client.config`` (one per problem, or one ``ok``) and ``client.info``; no settings."""
        facts = []
        if not self.problems:
            facts.append(fact("client.config", path=self.path, format=self.format, status="ok"))
        for problem in self.problems:
            facts.append(fact("client.config", path=self.path, format=self.format, status=problem.status,
                              problem=problem.text(self.path)))
        if self.client is not None:
            facts.append(self.client.fact())
        return facts

    def facts_for(self, email: str | None = None) -> list[Fact]:
        """:meth:`context_facts` plus one ``account.setting`` per server of the account for
        ``email`` (of every account when ``email`` is None)."""
        if email is None:
            accounts = list(self.accounts)
        else:
            found = self.account_for(email)
            accounts = [found] if found else []
        facts = self.context_facts()
        for account in accounts:
            facts.extend(setting_facts(account))
        return list(dict.fromkeys(facts))

    @property
    def facts(self) -> list[Fact]:
        return self.facts_for(None)

    def summary(self) -> dict[str, Any]:
        """A plain mapping for reports and notes (never a secret: files' passwords are not read)."""
        return {
            "path": self.path,
            "format": self.format,
            "status": self.status,
            "client": attrs.asdict(self.client) if self.client else None,
            "accounts": [
                {"name": a.name, "email": a.email, "username": a.username,
                 **{p: s.address for p, s in a.settings.items()}}
                for a in self.accounts
            ],
            "problems": [p.text(self.path) for p in self.problems],
        }


def setting_facts(account: ImportedAccount) -> list[Fact]:
    return [
        fact("account.setting", protocol=s.protocol, host=s.host, port=s.port, security=s.security,
             origin="client-config", auth_method=account.auth.get(s.protocol))
        for s in account.settings.values()
    ]


# --- reading ------------------------------------------------------------------------


def read_config_text(path: str | os.PathLike[str]) -> str:
    """The file's text; :class:`ClientConfigError` if it cannot be read at all.

    Bytes that are not UTF-8 are kept as U+FFFD so that the reader can point at the
    damaged line; a file that is mostly binary is refused as a whole."""
    what = f"client configuration {str(path)!r}"
    data = userfile.read_bytes(path, userfile.LIMITS["client-config"], lambda reason: ClientConfigError(f"{what}: {reason}"))
    if not data.strip():
        raise ClientConfigError(f"{what}: the file is empty")
    if _is_binary(data):
        raise ClientConfigError(f"{what}: not a text file (binary content); give the client's text configuration file")
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")


def _is_binary(data: bytes) -> bool:
    """Mostly control bytes, or a known binary signature. A text file with a damaged stretch
    (a crash can leave NUL bytes in prefs.js) is still text: the damage is evidence."""
    if data[:4] in (b"\x7fELF", b"PK\x03\x04", b"SQLi", b"\x89PNG", b"%PDF") or data[:2] == b"\x1f\x8b":
        return True
    sample = data[:65536]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return control > 0.3 * len(sample)


# --- helpers shared by the readers -------------------------------------------------------


class Problems:
    """Collects problems in file order, at most :data:`MAX_PROBLEMS` of them."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.dropped = 0

    def corrupt(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self._add(Problem("corrupt", message, line, column))

    def inconsistent(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self._add(Problem("inconsistent", message, line, column))

    def _add(self, problem: Problem) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(problem)
        else:
            self.dropped += 1

    def result(self) -> tuple[Problem, ...]:
        items = sorted(self.items, key=lambda p: (p.line or 0, p.column or 0))
        if self.dropped:
            last = items[-1]
            items[-1] = attrs.evolve(last, message=f"{last.message} (and {self.dropped} more problems)")
        return tuple(items)


def make_setting(
    problems: Problems,
    protocol: str,
    host: str | None,
    port: int | None,
    security: str,
    *,
    where: str,
    line: int | None,
    default_ports: Mapping[tuple[str, str], int] = DEFAULT_PORTS,
    auth: str | None = None,
    mechanism: str | None = None,
) -> ServerSetting | None:
    """A setting from parsed parts, or None after recording why it cannot be one.

    ``auth`` is the configured method (password, oauth, none; unknown is left out) and
    ``mechanism`` a SASL mechanism the file pins (CRAM-MD5, LOGIN, ...)."""
    if not host or not host.strip():
        problems.corrupt(f"{where} has no host name", line)
        return None
    try:
        host = normalise_host(host, where)
    except SettingsError as exc:
        problems.corrupt(str(exc), line)
        return None
    if port is None:
        port = default_ports[(protocol, security)]
    try:
        return ServerSetting(protocol=protocol, host=host, port=port, security=security, origin="client-config",
                             auth_method=auth if auth in ("password", "oauth", "none") else None,
                             mechanism=mechanism)
    except SettingsError as exc:
        problems.corrupt(str(exc), line)
        return None


def parse_port(problems: Problems, text: str, where: str, line: int | None, column: int | None = None) -> int | None:
    """A port number in 1-65535, or None after recording a problem."""
    value = text.strip()
    if not value.isdigit():
        problems.corrupt(f"{where}: port {value!r} is not a number", line, column)
        return None
    port = int(value)
    if not 1 <= port <= 65535:
        problems.corrupt(f"{where}: port {port} is out of range (1-65535)", line, column)
        return None
    return port


def check_duplicates(problems: Problems, seen: dict[Any, tuple[Any, int]], key: Any, value: Any, line: int,
                     label: str) -> None:
    """Record a key given twice with different values (the second wins in most clients)."""
    if key in seen and seen[key][0] != value:
        first, first_line = seen[key]
        problems.inconsistent(f"{label} is set twice with different values: {first!r} (line {first_line}) "
                              f"and {value!r}", line)
    seen[key] = (value, line)


def plaintext_port_note(port: int | None) -> str:
    return f" on port {port}, which starts in plaintext" if port in (25, 587, 143, 110) else ""


def first(values: Iterable[Any]) -> Any:
    return next(iter(values), None)
