"""isync's ``~/.mbsyncrc``: IMAP accounts synchronised to local maildirs.

``Keyword value`` lines (keywords ignore case, ``#`` comments, values may be quoted). A
section starts with ``IMAPAccount``, ``IMAPStore``, ``MaildirStore``, ``Channel`` or
``Group`` and ends at the next empty line, as in mbsync's own parser. Security is
``SSLType`` (``TLSType`` since isync 1.5): ``IMAPS`` implicit TLS (port 993), ``STARTTLS``
(mbsync's default, port 143) or ``None``. ``AuthMechs`` lists the SASL mechanisms allowed.
"""

from __future__ import annotations

import re

import attrs

from mailexpert.clientconfig._base import (
    ClientInfo,
    ImportedAccount,
    ImportedConfig,
    Problems,
    make_setting,
    parse_port,
    plaintext_port_note,
)
from mailexpert.textsafe import escape

_ACCOUNT_KEYS = {k.lower() for k in ["Host", "Port", "Timeout", "User", "UserCmd", "Pass", "PassCmd", "UseKeychain", "Tunnel", "AuthMech", "AuthMechs", "SSLType", "TLSType", "SSLVersion", "SSLVersions", "TLSVersions", "SystemCertificates", "CertificateFile", "ClientCertificate", "ClientKey", "CipherString", "PipelineDepth", "DisableExtension", "DisableExtensions", "RequireSSL", "UseIMAPS", "UseSSLv2", "UseSSLv3", "UseTLSv1", "UseTLSv1.1", "UseTLSv1.2", "UseTLSv1.3", "RequireCRAM"]}
_STORE_KEYS = {k.lower() for k in ["Path", "MaxSize", "MapInbox", "Flatten", "Trash", "TrashNewOnly", "TrashRemoteNew"]}
_SECTION_KEYS = {
    "imapaccount": _ACCOUNT_KEYS,
    "imapstore": _ACCOUNT_KEYS | _STORE_KEYS | {k.lower() for k in ["Account", "PathDelimiter", "UseNamespace", "SubscribedOnly"]},
    "maildirstore": _STORE_KEYS | {k.lower() for k in ["Inbox", "InfoDelimiter", "AltMap", "SubFolders"]},
    "channel": {k.lower() for k in ["Far", "Near", "Master", "Slave", "Pattern", "Patterns", "MaxSize", "MaxMessages", "ExpireUnread", "ExpireSide", "Sync", "Create", "Remove", "Expunge", "ExpungeSolo", "CopyArrivalDate", "SyncState"]},
    "group": {"channel", "channels"},
}
_GLOBAL_KEYS = {k.lower() for k in ["FSync", "FieldDelimiter", "BufferLimit", "Sync", "Create", "Remove", "Expunge", "ExpungeSolo", "CopyArrivalDate", "SyncState", "MaxMessages", "ExpireUnread", "ExpireSide"]}
_SECURITY = {"imaps": "ssl", "starttls": "starttls", "none": "plain"}
_LINE = re.compile(r"^\s*(\S+)(?:\s+(.*?))?\s*$")


def read(path: str, text: str) -> ImportedConfig:
    problems = Problems()
    sections: list[tuple[str, str, int, dict[str, tuple[str, int, int]]]] = []
    current: dict[str, tuple[str, int, int]] | None = None
    current_kind = ""
    for number, raw_line in enumerate(text.split("\n"), 1):
        stripped = raw_line.strip()
        if stripped.startswith("#"):
            continue
        if not stripped:
            current = None  # an empty line ends a section
            continue
        bad = next((i for i, c in enumerate(raw_line) if c == "\ufffd" or (ord(c) < 32 and c not in "\t\r")), None)
        if bad is not None:
            problems.corrupt(f"damaged line (byte '{escape(raw_line[bad])}')", number, bad + 1)
            continue
        m = _LINE.match(raw_line)
        assert m is not None
        keyword, value = m.group(1), _unquote(m.group(2) or "")
        key = keyword.lower()
        col = m.start(1) + 1
        value_col = m.start(2) + 1 if m.group(2) is not None else len(raw_line) + 1
        if key in _SECTION_KEYS:
            if not value:
                problems.corrupt(f"{keyword} needs a name", number, value_col)
            current, current_kind = {}, key
            sections.append((key, value, number, current))
            continue
        if current is None:
            if key not in _GLOBAL_KEYS:
                problems.corrupt(f"unknown keyword {escape(keyword)!r} outside a section", number, col)
            continue
        if key not in _SECTION_KEYS[current_kind]:
            problems.corrupt(f"unknown keyword {escape(keyword)!r} in {current_kind_name(current_kind)}", number, col)
            continue
        canonical = "ssltype" if key == "tlstype" else key
        if canonical in current and current[canonical][0].lower() != value.lower():
            first, first_line, _ = current[canonical]
            note = ""
            if canonical == "ssltype":
                port = current.get("port", ("", 0, 0))[0]
                note = plaintext_port_note(int(port)) if port.isdigit() else ""
            problems.inconsistent(f"{keyword} is set twice with different values: {first!r} (line {first_line}) "
                                  f"and {value!r}{note}", number, value_col)
        current[canonical] = (value, number, value_col)

    accounts: dict[str, ImportedAccount] = {}
    names = {name for kind, name, _, _ in sections if kind == "imapaccount"}
    for kind, name, line, keys in sections:
        if kind == "imapaccount" or (kind == "imapstore" and "account" not in keys and "host" in keys):
            accounts.setdefault(name, _account(name, line, keys, problems))
        elif kind == "imapstore" and "account" in keys:
            ref, ref_line, ref_col = keys["account"]
            if ref not in names:
                problems.inconsistent(f"IMAPStore {name!r} uses account {ref!r}, which is not defined",
                                      ref_line, ref_col)
    return ImportedConfig(path=path, format="mbsync", accounts=tuple(accounts.values()),
                          problems=problems.result(), client=ClientInfo(name="mbsync"))


def current_kind_name(kind: str) -> str:
    return {"imapaccount": "IMAPAccount", "imapstore": "IMAPStore", "maildirstore": "MaildirStore",
            "channel": "Channel", "group": "Group"}[kind]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def _account(name: str, line: int, keys: dict[str, tuple[str, int, int]], problems: Problems) -> ImportedAccount:
    where = f"IMAPAccount {name!r}"
    user = keys.get("user", ("",))[0] or None
    security: str | None = "starttls"
    if "ssltype" in keys:
        value, vline, vcol = keys["ssltype"]
        security = _SECURITY.get(value.lower())
        if security is None:
            problems.corrupt(f"{where}: SSLType {value!r} is not IMAPS, STARTTLS or None", vline, vcol)
    elif keys.get("useimaps", ("",))[0].lower() in ("yes", "true", "on", "1"):
        security = "ssl"
    auth = "password"
    mechanism = None
    if "authmechs" in keys or "authmech" in keys:
        mechs = {m.upper() for m in keys.get("authmechs", keys.get("authmech", ("",)))[0].split()}
        if len(mechs) == 1 and "*" not in mechs:
            mechanism = next(iter(mechs))
        if (mechs and mechs <= {"XOAUTH2", "OAUTHBEARER"}) or (mechs & {"XOAUTH2", "OAUTHBEARER"} and not mechs & {"LOGIN", "PLAIN", "*", "CRAM-MD5"}):
            auth = "oauth"
    account = ImportedAccount(name=name, email=user if user and "@" in user else None, username=user,
                              auth={"imap": auth})
    port = None
    if "port" in keys:
        value, vline, vcol = keys["port"]
        port = parse_port(problems, value, where, vline, vcol) or -1
    if "host" not in keys:
        if "tunnel" not in keys:  # a Tunnel account runs a command instead of connecting
            problems.corrupt(f"{where} has no Host", line)
        return account
    if security is None or port == -1:
        return account
    host, hline, _ = keys["host"]
    imap = make_setting(problems, "imap", host, port, security, where=where, line=hline, auth=auth,
                        mechanism=mechanism)
    return attrs.evolve(account, imap=imap)
