"""Parser for Mozilla autoconfig files (``config-v1.1.xml``), pure and safe.

Used by the discovery probe for fetched files and by the CLI for imported ones. The
file is untrusted: documents with a DOCTYPE (and so any entity declaration, the
"billion laughs" and external-entity attacks) are refused before parsing, the size is
bounded, and only the elements needed are read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import attrs

from mailexpert.account import DEFAULT_PORTS, ServerSetting
from mailexpert.errors import SettingsError

MAX_SIZE = 256 * 1024
_SOCKET_TYPES = {"ssl": "ssl", "tls": "ssl", "starttls": "starttls", "plain": "plain"}
_TYPES = {"imap": "imap", "pop3": "pop3", "smtp": "smtp"}
_DOCTYPE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


@attrs.frozen
class AutoconfigServer:
    """One ``incomingServer``/``outgoingServer`` of an autoconfig file."""

    protocol: str
    host: str
    port: int
    security: str
    authentication: tuple[str, ...] = ()
    username: str | None = None

    def setting(self, origin: str = "discovered") -> ServerSetting:
        return ServerSetting(protocol=self.protocol, host=self.host, port=self.port, security=self.security,
                             origin=origin)


def _text(elem: ET.Element, tag: str) -> str | None:
    found = elem.find(tag)
    if found is None or found.text is None:
        return None
    return found.text.strip()


def parse_autoconfig(text: str | bytes, email: str | None = None) -> list[AutoconfigServer]:
    """The mail servers of an autoconfig document, in file order (preference order).

    ``%EMAILDOMAIN%``, ``%EMAILADDRESS%`` and ``%EMAILLOCALPART%`` are filled in from
    ``email`` when given. Servers of other types (exchange, ews) and entries that are not
    usable (bad port, unknown socket type, placeholder host) are skipped. Raises
    SettingsError when the document is not a usable autoconfig file at all.
    """
    if isinstance(text, bytes):
        if len(text) > MAX_SIZE:
            raise SettingsError("autoconfig: the file is larger than 256 KiB")
        text = text.decode("utf-8", errors="replace")
    if len(text) > MAX_SIZE:
        raise SettingsError("autoconfig: the file is larger than 256 KiB")
    if _DOCTYPE.search(text):
        raise SettingsError("autoconfig: documents with a DOCTYPE or entity declarations are refused")
    # ElementTree refuses an encoding declaration on a str; drop the XML declaration.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, col = getattr(exc, "position", (None, None))
        raise SettingsError(f"autoconfig: not well-formed XML at line {line}, column {col}") from None
    if root.tag != "clientConfig":
        raise SettingsError(f"autoconfig: the root element is <{root.tag}>, not <clientConfig>")
    local, _, domain = (email or "").rpartition("@")
    subst = {"%EMAILDOMAIN%": domain, "%EMAILADDRESS%": email or "", "%EMAILLOCALPART%": local}
    servers: list[AutoconfigServer] = []
    for provider in root.iter("emailProvider"):
        for elem in list(provider.iter("incomingServer")) + list(provider.iter("outgoingServer")):
            kind = _TYPES.get((elem.get("type") or "").lower())
            if kind is None:
                continue
            host = _text(elem, "hostname") or ""
            for key, value in subst.items():
                if value:
                    host = host.replace(key, value)
            security = _SOCKET_TYPES.get((_text(elem, "socketType") or "").lower())
            port_text = _text(elem, "port") or ""
            if security is None or "%" in host or not host:
                continue
            port = int(port_text) if port_text.isdigit() else DEFAULT_PORTS[(kind, security)]
            try:
                setting = ServerSetting(protocol=kind, host=host, port=port, security=security)
            except (SettingsError, ValueError, TypeError):
                continue
            auth = tuple(a.text.strip() for a in elem.findall("authentication") if a.text and a.text.strip())
            username = _text(elem, "username")
            servers.append(AutoconfigServer(kind, setting.host, setting.port, setting.security, auth, username))
    if not servers:
        raise SettingsError("autoconfig: no usable IMAP, POP3 or SMTP server in the file")
    # Keep the file's order but drop repeats.
    return list(dict.fromkeys(servers))
