"""msmtp's ``~/.msmtprc`` (or ``$XDG_CONFIG_HOME/msmtp/config``): SMTP accounts only.

One command per line, ``command argument``, ``#`` comments, arguments optionally in double
quotes. ``defaults`` starts the settings every later account begins with; ``account NAME
[: OTHER[,...]]`` starts an account that inherits from the named ones; ``account default :
NAME`` picks the default account. Security: ``tls off`` (msmtp's default) is plaintext,
``tls on`` is STARTTLS unless ``tls_starttls off``, which is implicit TLS. The default port
is 25, or 465 with implicit TLS.
"""

from __future__ import annotations

import re
import socket

from mailexpert.clientconfig._base import (
    ClientInfo,
    ImportedAccount,
    ImportedConfig,
    Problems,
    make_setting,
    parse_port,
)
from mailexpert.textsafe import escape

#: Every command msmtp 1.8 knows; anything else makes msmtp refuse the file.
COMMANDS = frozenset(["host", "port", "source_ip", "proxy_host", "proxy_port", "socket", "timeout", "protocol", "domain", "auth", "user", "password", "passwordeval", "ntlmdomain", "tls", "tls_trust_file", "tls_crl_file", "tls_fingerprint", "tls_key_file", "tls_cert_file", "tls_certcheck", "tls_starttls", "tls_priorities", "tls_host_override", "tls_min_dh_prime_bits", "from", "from_full_name", "allow_from_override", "dsn_notify", "dsn_return", "set_from_header", "set_date_header", "remove_bcc_headers", "undisclosed_recipients", "logfile", "logfile_time_format", "syslog", "aliases", "auto_from", "maildomain", "add_missing_from_header", "add_missing_date_header", "keepbcc", "tls_nocertcheck", "tls_force_sslv3", "eval"])
_BOOLEAN = frozenset({"tls", "tls_starttls", "tls_certcheck", "auto_from", "allow_from_override",
                      "set_from_header", "set_date_header", "remove_bcc_headers", "undisclosed_recipients",
                      "add_missing_from_header", "add_missing_date_header"})
_AUTH = {"on": "password", "off": "none", "plain": "password", "login": "password", "cram-md5": "password",
         "digest-md5": "password", "scram-sha-1": "password", "scram-sha-256": "password", "ntlm": "unknown",
         "gssapi": "unknown", "external": "unknown", "oauthbearer": "oauth", "xoauth2": "oauth"}
#: msmtp's default ports: 25, or 465 for implicit TLS.
_DEFAULT_PORTS = {("smtp", "plain"): 25, ("smtp", "starttls"): 25, ("smtp", "ssl"): 465}
_LINE = re.compile(r"^\s*(\S+)(?:\s+(.*?))?\s*$")
#: A byte that was not UTF-8 (kept as U+FFFD) or a control character other than tab and CR.
_DAMAGED = re.compile(r"[\x00-\x08\x0a-\x0c\x0e-\x1f\ufffd]")


def _argument(raw: str | None, problems: Problems, line: int, column: int) -> str:
    """The argument, unquoted (msmtp allows double quotes with backslash escapes)."""
    if raw is None:
        return ""
    if raw.startswith('"'):
        m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"', raw)
        if not m:
            problems.corrupt("unterminated or misplaced quote in the argument", line, column)
            return raw.strip('"')
        return re.sub(r"\\(.)", r"\1", m.group(1))
    return raw


def read(path: str, text: str) -> ImportedConfig:
    problems = Problems()
    defaults: dict[str, tuple[str, int]] = {}
    accounts: dict[str, dict[str, tuple[str, int]]] = {}  # by name, for inheritance: the latest
    account_lines: dict[str, int] = {}
    defined: list[tuple[str, dict[str, tuple[str, int]], int]] = []  # every account, redefined ones too
    default_alias: tuple[str, int] | None = None
    current: dict[str, tuple[str, int]] | None = defaults
    current_name = "defaults"
    current_start = 0  # the line the current section starts on: settings before it are inherited

    for number, raw_line in enumerate(text.split("\n"), 1):
        stripped = raw_line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        damage = _DAMAGED.search(raw_line)
        if damage:
            problems.corrupt(f"damaged line (byte '{escape(damage.group())}')", number, damage.start() + 1)
            continue
        m = _LINE.match(raw_line)
        assert m is not None
        command, raw_arg = m.group(1), m.group(2)
        arg_col = m.start(2) + 1 if m.group(2) is not None else len(raw_line) + 1
        if command == "defaults":
            current, current_name, current_start = defaults, "defaults", 0
            continue
        if command == "account":
            name, sep, parents = (raw_arg or "").partition(":")
            name = name.strip()
            if not name:
                problems.corrupt("'account' needs a name", number, arg_col)
                current = None
                continue
            parent_names = [p.strip() for p in parents.split(",") if p.strip()] if sep else []
            if name == "default" and sep:
                if len(parent_names) != 1:
                    problems.corrupt("'account default :' must name exactly one account", number, arg_col)
                else:
                    default_alias = (parent_names[0], number)
                current = None
                continue
            if name in accounts:
                problems.inconsistent(f"account {name!r} is defined twice (first on line {account_lines[name]})",
                                      number, arg_col)
            # An account starts from the defaults given so far, then the accounts it names.
            settings = dict(defaults)
            for parent in parent_names:
                if parent not in accounts:
                    problems.corrupt(f"account {name!r} inherits from {parent!r}, which is not defined before it",
                                     number, arg_col)
                    continue
                settings.update(accounts[parent])
            accounts[name] = settings
            account_lines[name] = number
            defined.append((name, settings, number))
            current, current_name, current_start = settings, name, number
            continue
        if command not in COMMANDS:
            problems.corrupt(f"unknown command {escape(command)!r}", number, m.start(1) + 1)
            continue
        if current is None:
            problems.corrupt(f"{command!r} outside an account (after 'account default :')", number, m.start(1) + 1)
            continue
        value = _argument(raw_arg, problems, number, arg_col)
        if command in _BOOLEAN:
            value = value or "on"  # msmtp: an empty argument means on
            if value not in ("on", "off"):
                problems.corrupt(f"{command} must be on or off, not {value!r}", number, arg_col)
                continue
        if command == "auth":
            value = value or "on"
            if value not in _AUTH:
                problems.corrupt(f"unknown authentication method {value!r}", number, arg_col)
                continue
        own = current.get(command)
        if own is not None and own[1] > current_start and own[0] != value:
            problems.inconsistent(f"{command} is set twice in {current_name} with different values: "
                                  f"{own[0]!r} (line {own[1]}) and {value!r}", number, arg_col)
        current[command] = (value, number)

    result: list[ImportedAccount] = []
    for name, settings, line in defined:
        result.append(_account(name, settings, line, problems))
    if default_alias is not None:
        alias, line = default_alias
        if alias not in accounts:
            problems.corrupt(f"'account default' names {alias!r}, which is not defined", line)
        else:
            # The default account comes first: it is the one msmtp uses without -a.
            result.sort(key=lambda a: a.name != alias)
    return ImportedConfig(path=path, format="msmtp", accounts=tuple(result), problems=problems.result(),
                          client=ClientInfo(name="msmtp"))


def _account(name: str, settings: dict[str, tuple[str, int]], line: int, problems: Problems) -> ImportedAccount:
    def get(command: str, default: str | None = None) -> str | None:
        return settings[command][0] if command in settings else default

    def line_of(command: str) -> int:
        return settings[command][1] if command in settings else line

    tls = get("tls", "off") == "on"
    starttls = get("tls_starttls", "on") == "on"
    if not tls and "tls_starttls" in settings and get("tls_starttls") == "on" and settings["tls_starttls"][1] >= line:
        problems.inconsistent(f"account {name!r}: tls_starttls on has no effect with tls off; "
                              "mail would be sent without encryption", line_of("tls_starttls"))
    security = "plain" if not tls else "starttls" if starttls else "ssl"
    port = None
    if "port" in settings:
        port = parse_port(problems, get("port") or "", f"account {name!r}", line_of("port"))
    auth_value = get("auth", "off") or "off"
    auth = _AUTH.get(auth_value, "unknown")
    mechanism = auth_value.upper() if auth_value not in ("on", "off") else None
    smtp = None
    if not get("host"):
        problems.corrupt(f"account {name!r} has no host", line)
    elif "port" not in settings or port is not None:
        smtp = make_setting(problems, "smtp", get("host"), port, security, where=f"account {name!r}",
                            line=line_of("host"), default_ports=_DEFAULT_PORTS, auth=auth, mechanism=mechanism)
    return ImportedAccount(name=name, email=_email(get("from")), username=get("user") or None, smtp=smtp,
                           auth={"smtp": auth}, ehlo_name=_ehlo_name(get("domain", "localhost")))


def _ehlo_name(value: str | None) -> str | None:
    """The EHLO argument msmtp sends: its ``domain``, "localhost" when unset (msmtp(1):
    "which is stupid but usually works"; servers that check EHLO names refuse it). %H is the
    computer's host name; %C and %M (its canonical name, /etc/mailname) are left to the
    default probe name rather than looked up here."""
    if not value:
        return None
    if "%" in value:
        if value.replace("%H", "").count("%"):
            return None
        value = value.replace("%H", socket.gethostname())
    return value


def _email(value: str | None) -> str | None:
    """The envelope-from address; msmtp also allows patterns (``*@example.org``), not an address."""
    if not value or "@" not in value or any(c in value for c in "*?["):
        return None
    return value
