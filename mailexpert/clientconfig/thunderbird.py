"""Thunderbird's ``prefs.js``: ``user_pref("name", value);`` lines of the profile.

The mail settings live under four prefixes::

    mail.account.accountN.{server,identities}      an account joins one server and identities
    mail.server.serverN.{type,hostname,port,socketType,userName,authMethod}
    mail.identity.idN.{useremail,smtpServer}
    mail.smtpserver.smtpN.{hostname,port,socketType|try_ssl,username,authMethod}

``socketType`` (``try_ssl`` for SMTP before Thunderbird 128): 0 plaintext, 1 STARTTLS when
available (an old value, read as STARTTLS), 2 STARTTLS, 3 SSL/TLS. ``authMethod``
(nsMsgAuthMethod): 1 none, 2-4 and 8-9 a password, 5 GSSAPI, 6 NTLM, 7 TLS certificate,
10 OAuth2. ``extensions.lastAppVersion`` is the version that last wrote the profile.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mailexpert.clientconfig._base import (
    ClientInfo,
    ImportedAccount,
    ImportedConfig,
    Problems,
    check_duplicates,
    make_setting,
)
from mailexpert.textsafe import escape

_FUNCTIONS = ("user_pref", "pref", "sticky_pref", "lockPref")
_SOCKET_TYPES = {0: "plain", 1: "starttls", 2: "starttls", 3: "ssl"}
_AUTH_METHODS = {1: "none", 2: "password", 3: "password", 4: "password", 5: "unknown", 6: "unknown",
                 7: "unknown", 8: "password", 9: "password", 10: "oauth"}
#: authMethod values that pin one SASL mechanism.
_MECHANISMS = {4: "CRAM-MD5", 5: "GSSAPI", 6: "NTLM", 7: "EXTERNAL"}
_TLS_VERSIONS = {1: "TLSv1", 2: "TLSv1.1", 3: "TLSv1.2", 4: "TLSv1.3"}
#: Thunderbird's own defaults when a server has no port pref.
_DEFAULT_PORTS = {("imap", "plain"): 143, ("imap", "starttls"): 143, ("imap", "ssl"): 993,
                  ("pop3", "plain"): 110, ("pop3", "starttls"): 110, ("pop3", "ssl"): 995,
                  ("smtp", "plain"): 25, ("smtp", "starttls"): 25, ("smtp", "ssl"): 465}
_MAIL_TYPES = ("imap", "pop3")
#: A quoted string without escapes, control characters or damaged bytes.
_PLAIN_STRING = {q: re.compile(rf"{q}([^{q}\\\\\x00-\x08\x0a-\x1f\ufffd]*){q}") for q in "\"'"}
_KEY = re.compile(r"^mail\.(server|smtpserver|account|identity)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_.-]+)$")


class _SyntaxError(Exception):
    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


class _Line:
    """A tiny scanner for one ``user_pref("name", value);`` statement."""

    def __init__(self, text: str, start: int = 0) -> None:
        self.text = text
        self.pos = start

    def ws(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r":
            self.pos += 1

    def fail(self, expected: str) -> _SyntaxError:
        if self.pos >= len(self.text):
            return _SyntaxError(f"expected {expected}, found the end of the line", self.pos + 1)
        found = escape(self.text[self.pos : self.pos + 12])
        return _SyntaxError(f"expected {expected}, found {found!r}", self.pos + 1)

    def expect(self, token: str) -> None:
        self.ws()
        if not self.text.startswith(token, self.pos):
            raise self.fail(repr(token))
        self.pos += len(token)

    def word(self) -> str:
        self.ws()
        m = re.compile(r"[A-Za-z_][A-Za-z0-9_]*").match(self.text, self.pos)
        if not m:
            raise self.fail("user_pref(")
        self.pos = m.end()
        return m.group()

    def string(self) -> str:
        self.ws()
        if self.pos >= len(self.text) or self.text[self.pos] not in "\"'":
            raise self.fail("a quoted string")
        quote = self.text[self.pos]
        plain = _PLAIN_STRING[quote].match(self.text, self.pos)
        if plain:  # the common case, without escapes or damage, in one step
            self.pos = plain.end()
            return plain.group(1)
        start = self.pos
        self.pos += 1
        out: list[str] = []
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch == quote:
                self.pos += 1
                return "".join(out)
            if ch == "\\":
                self.pos += 1
                out.append(self._escape())
                continue
            if (ord(ch) < 32 and ch != "\t") or ch == "\ufffd":
                raise _SyntaxError(f"damaged text (byte '{escape(ch)}') inside a string", self.pos + 1)
            out.append(ch)
            self.pos += 1
        raise _SyntaxError("unterminated string", start + 1)

    def _escape(self) -> str:
        if self.pos >= len(self.text):
            raise self.fail("an escaped character")
        ch = self.text[self.pos]
        simple = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "/": "/"}
        if ch in simple:
            self.pos += 1
            return simple[ch]
        for prefix, length in (("u", 4), ("x", 2)):
            if ch == prefix:
                digits = self.text[self.pos + 1 : self.pos + 1 + length]
                if len(digits) == length and all(c in "0123456789abcdefABCDEF" for c in digits):
                    self.pos += 1 + length
                    return chr(int(digits, 16))
                raise _SyntaxError(f"bad \\{prefix} escape", self.pos)
        self.pos += 1
        return ch

    def value(self) -> Any:
        self.ws()
        if self.pos < len(self.text) and self.text[self.pos] in "\"'":
            return self.string()
        m = re.compile(r"-?\d+|true|false").match(self.text, self.pos)
        if not m or (m.end() < len(self.text) and (self.text[m.end()].isalnum() or self.text[m.end()] == "_")):
            raise self.fail("a value (a quoted string, a number, true or false)")
        self.pos = m.end()
        token = m.group()
        if token in ("true", "false"):
            return token == "true"
        return int(token)

    def rest_is_comment(self) -> bool:
        self.ws()
        tail = self.text[self.pos :]
        return not tail or tail.startswith("//") or tail.startswith("#")


def parse_prefs(text: str, problems: Problems) -> dict[str, tuple[Any, int]]:
    """Every pref with its value and line; syntax errors go to ``problems``."""
    prefs: dict[str, tuple[Any, int]] = {}
    in_comment = False
    for number, line in enumerate(text.split("\n"), 1):
        pos = 0
        if in_comment:
            end = line.find("*/")
            if end < 0:
                continue
            in_comment = False
            pos = end + 2
        scanner = _Line(line, pos)
        scanner.ws()
        rest = line[scanner.pos :]
        if not rest or rest.startswith("//") or rest.startswith("#"):
            continue
        if rest.startswith("/*"):
            end = line.find("*/", scanner.pos + 2)
            if end < 0:
                in_comment = True
                continue
            scanner.pos = end + 2
            if scanner.rest_is_comment():
                continue
        try:
            function = scanner.word()
            if function not in _FUNCTIONS:
                raise _SyntaxError(f"unknown statement {function!r} (expected user_pref)", scanner.pos - len(function) + 1)
            scanner.expect("(")
            name = scanner.string()
            scanner.expect(",")
            value = scanner.value()
            scanner.expect(")")
            scanner.expect(";")
            if not scanner.rest_is_comment():
                raise scanner.fail("the end of the line after ';'")
        except _SyntaxError as exc:
            problems.corrupt(f"unreadable pref line: {exc.message}", number, exc.column)
            continue
        check_duplicates(problems, prefs, name, value, number, f"pref {name!r}")
        prefs[name] = (value, number)
    if in_comment:
        problems.corrupt("a /* comment is never closed", None)
    return prefs


def read(path: str, text: str) -> ImportedConfig:
    problems = Problems()
    prefs = parse_prefs(text, problems)
    groups: dict[tuple[str, str], dict[str, tuple[Any, int]]] = {}
    for name, (value, line) in prefs.items():
        m = _KEY.match(name)
        if m:
            groups.setdefault((m.group(1), m.group(2)), {})[m.group(3)] = (value, line)

    def get(section: str, key: str, field: str) -> tuple[Any, int | None]:
        return groups.get((section, key), {}).get(field, (None, None))

    def line_of(section: str, key: str) -> int | None:
        entries = groups.get((section, key))
        return min(line for _, line in entries.values()) if entries else None

    def number(section: str, key: str, field: str) -> int | None:
        value, line = get(section, key, field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            problems.corrupt(f"mail.{section}.{key}.{field} must be a number, not {value!r}", line)
            return None
        return value

    def security(section: str, key: str, protocol: str) -> str | None:
        # Thunderbird reads try_ssl for SMTP servers (socketType is the name for incoming ones).
        fields = ("try_ssl", "socketType") if section == "smtpserver" else ("socketType",)
        found = [(f, v) for f in fields
                 if get(section, key, f)[0] is not None and (v := number(section, key, f)) is not None]
        if not found:
            return "plain"  # Thunderbird's default socketType is 0
        if len({_SOCKET_TYPES.get(v, v) for _, v in found}) > 1:
            problems.inconsistent(
                f"mail.{section}.{key} has contradictory security: "
                + " and ".join(f"{f}={v}" for f, v in found), get(section, key, found[-1][0])[1])
        field, value = found[0]
        if value not in _SOCKET_TYPES:
            problems.corrupt(f"mail.{section}.{key}.{field} {value} is not a known security mode "
                             "(0 none, 2 STARTTLS, 3 SSL/TLS)", get(section, key, field)[1])
            return None
        return _SOCKET_TYPES[value]

    def auth_method(section: str, key: str) -> tuple[str | None, str | None]:
        value = number(section, key, "authMethod")
        if value is None:
            return None, None
        if value not in _AUTH_METHODS:
            problems.corrupt(f"mail.{section}.{key}.authMethod {value} is not a known authentication method",
                             get(section, key, "authMethod")[1])
            return "unknown", None
        return _AUTH_METHODS[value], _MECHANISMS.get(value)

    def server_setting(section: str, key: str, protocol: str) -> tuple[Any, str | None]:
        """Every field is checked (so that every problem is reported) before the setting is made."""
        where = f"mail.{section}.{key}"
        method, mechanism = auth_method(section, key)
        host, host_line = get(section, key, "hostname")
        if host is None or (isinstance(host, str) and not host.strip()):
            problems.corrupt(f"{where} has no hostname", host_line or line_of(section, key))
            host = None
        elif not isinstance(host, str):
            problems.corrupt(f"{where}.hostname must be text, not {host!r}", host_line)
            host = None
        sec = security(section, key, protocol)
        port = number(section, key, "port")
        if port is not None and not 1 <= port <= 65535:
            problems.corrupt(f"{where}.port {port} is out of range (1-65535)", get(section, key, "port")[1])
            port = -1
        if host is None or sec is None or port == -1:
            return None, method
        return make_setting(problems, protocol, host, port, sec, where=where, line=host_line,
                            default_ports=_DEFAULT_PORTS, auth=method, mechanism=mechanism), method

    # Servers that accounts may point at.
    # Sorted lists for the order, sets for membership: a profile may have thousands of entries.
    servers = sorted(k for s, k in groups if s == "server")
    smtps = frozenset(k for s, k in groups if s == "smtpserver")
    server_set = frozenset(servers)
    default_smtp, smtp_line = prefs.get("mail.smtp.defaultserver", (None, None))
    if isinstance(default_smtp, str) and default_smtp and default_smtp not in smtps:
        problems.inconsistent(f"mail.smtp.defaultserver names {default_smtp!r}, which is not defined", smtp_line)
        default_smtp = None
    listed, _listed_line = prefs.get("mail.smtpservers", (None, None))
    if not isinstance(default_smtp, str) or not default_smtp:
        names = [n.strip() for n in listed.split(",")] if isinstance(listed, str) else []
        default_smtp = next((n for n in names if n in smtps), min(smtps) if smtps else None)

    account_keys = [k for s, k in groups if s == "account"]
    order, order_line = prefs.get("mail.accountmanager.accounts", (None, None))
    if isinstance(order, str) and order.strip():
        named = [n.strip() for n in order.split(",") if n.strip()]
        defined, listed_set = frozenset(account_keys), frozenset(named)
        for n in named:
            if n not in defined:
                problems.inconsistent(f"mail.accountmanager.accounts lists {n!r}, which is not defined", order_line)
        account_keys = [n for n in named if n in defined] + sorted(k for k in account_keys if k not in listed_set)
    else:
        account_keys.sort()

    accounts: list[ImportedAccount] = []
    used_servers: set[str] = set()
    for key in account_keys:
        server, server_line = get("account", key, "server")
        if not isinstance(server, str) or not server:
            continue  # an account without a server is an empty shell Thunderbird ignores
        if server not in server_set:
            problems.inconsistent(f"mail.account.{key}.server names {server!r}, which is not defined", server_line)
            continue
        used_servers.add(server)
        account = _account(key, server, get, server_setting, problems, default_smtp, smtps)
        if account is not None:
            accounts.append(account)
    for server in servers:  # servers no account refers to still say what the user set up
        if server not in used_servers:
            account = _account(server, server, get, server_setting, problems, default_smtp, smtps, orphan=True)
            if account is not None:
                accounts.append(account)

    version, _ = prefs.get("extensions.lastAppVersion", (None, None))
    client = _client_info(version if isinstance(version, str) else None, prefs.get("security.tls.version.max", (None,))[0])
    return ImportedConfig(path=path, format="thunderbird", accounts=tuple(accounts), problems=problems.result(),
                          client=client)


def _account(key: str, server: str, get: Callable[[str, str, str], tuple[Any, int | None]],  # noqa: PLR0913
             server_setting: Callable[[str, str, str], tuple[Any, str | None]], problems: Problems,
             default_smtp: str | None, smtps: frozenset[str], *, orphan: bool = False) -> ImportedAccount | None:
    kind, _type_line = get("server", server, "type")
    if kind is None:
        if not orphan:
            problems.corrupt(f"mail.server.{server} has no type", None)
        return None
    if kind not in _MAIL_TYPES:
        return None  # Local Folders ("none"), feeds, news, add-on types
    incoming, incoming_auth = server_setting("server", server, kind)
    username, _ = get("server", server, "userName")
    email = None
    smtp_key = None
    identities, _id_line = get("account", key, "identities") if not orphan else (None, None)
    if isinstance(identities, str):
        for ident in [i.strip() for i in identities.split(",") if i.strip()]:
            address, _ = get("identity", ident, "useremail")
            if email is None and isinstance(address, str) and address:
                email = address
                smtp_key, smtp_line = get("identity", ident, "smtpServer")
                if isinstance(smtp_key, str) and smtp_key and smtp_key not in smtps:
                    problems.inconsistent(f"mail.identity.{ident}.smtpServer names {smtp_key!r}, "
                                          "which is not defined", smtp_line)
                    smtp_key = None
    smtp_key = smtp_key or default_smtp
    smtp, smtp_auth = server_setting("smtpserver", smtp_key, "smtp") if smtp_key else (None, None)
    auth = {p: a for p, a in ((kind, incoming_auth), ("smtp", smtp_auth)) if a}
    # The EHLO argument the user set (the server's own pref, else the default one); unset,
    # Thunderbird sends the computer's fully qualified name or its address literal, which
    # pass the usual EHLO checks, as the probe's own name does.
    hello = next((v for v in (get("smtpserver", k, "hello_argument")[0] for k in (smtp_key, "default") if k)
                  if isinstance(v, str) and v.strip()), None)
    return ImportedAccount(
        name=key,
        email=email,
        username=username if isinstance(username, str) and username else None,
        **{kind: incoming},
        smtp=smtp,
        auth=auth,
        ehlo_name=hello.strip() if hello else None,
    )


def _client_info(version: str | None, tls_max: Any) -> ClientInfo:
    major = None
    if version:
        m = re.match(r"(\d+)", version)
        major = int(m.group(1)) if m else None
    max_tls = _TLS_VERSIONS.get(tls_max) if isinstance(tls_max, int) and not isinstance(tls_max, bool) else None
    if max_tls is None and major is not None:
        # Gecko enabled TLS 1.2 by default in version 27 and TLS 1.3 in 63.
        max_tls = "TLSv1.3" if major >= 63 else "TLSv1.2" if major >= 27 else "TLSv1"
    return ClientInfo(name="thunderbird", version=version, major=major, max_tls=max_tls,
                      oauth_support=(major >= 38) if major is not None else None)
