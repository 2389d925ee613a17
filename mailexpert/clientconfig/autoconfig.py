"""Mozilla autoconfig ``config-v1.1.xml``: what a provider says its servers are.

::

    <clientConfig version="1.1"><emailProvider id="example.com">
      <domain>example.com</domain>
      <incomingServer type="imap"><hostname/><port/><socketType>SSL|STARTTLS|plain</socketType>
        <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
      </incomingServer>
      <outgoingServer type="smtp">...</outgoingServer>
    </emailProvider></clientConfig>

The first server of each protocol is the preferred one; later ones are alternatives. The
file comes from outside, so it is parsed with expat directly and any DTD or entity
declaration is refused before it can expand (billion laughs, external entities).
"""

from __future__ import annotations

from typing import NoReturn
from xml.parsers import expat

import attrs

from mailexpert.account import ServerSetting
from mailexpert.clientconfig._base import (
    ImportedAccount,
    ImportedConfig,
    Problems,
    make_setting,
    parse_port,
    plaintext_port_note,
)
from mailexpert.errors import ClientConfigError

_SOCKET_TYPES = {"ssl": "ssl", "starttls": "starttls", "plain": "plain"}
_AUTH = {"password-cleartext": "password", "plain": "password", "password-encrypted": "password",
         "secure": "password", "oauth2": "oauth", "none": "none", "client-ip-address": "none",
         "tls-client-cert": "unknown", "gssapi": "unknown", "ntlm": "unknown", "smtp-after-pop": "none"}
_MECHANISMS = {"password-encrypted": "CRAM-MD5", "secure": "CRAM-MD5", "gssapi": "GSSAPI", "ntlm": "NTLM"}
_INCOMING = {"imap": "imap", "pop3": "pop3"}


@attrs.define
class _Element:
    tag: str
    attrib: dict[str, str]
    line: int
    column: int
    children: list[_Element] = attrs.Factory(list)
    text: str = ""

    def find_all(self, tag: str) -> list[_Element]:
        return [c for c in self.children if c.tag == tag]


class _Refused(Exception):
    pass


def parse_xml(text: str, path: str) -> tuple[_Element | None, tuple[str, int, int] | None]:
    """The document's root, or the syntax error (message, line, column). DTDs are refused."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Element] = []
    root: list[_Element] = []

    def refuse(*_args: object) -> NoReturn:
        raise _Refused()

    def start(tag: str, attrib: dict[str, str]) -> None:
        element = _Element(tag, attrib, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        (stack[-1].children if stack else root).append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    def data(chunk: str) -> None:
        if stack:
            stack[-1].text += chunk

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(text.encode("utf-8"), True)
    except _Refused:
        raise ClientConfigError(
            f"client configuration {path!r}: refusing an XML file with a DTD or entity declarations "
            "(autoconfig files have none; such a file may be an attack)") from None
    except expat.ExpatError as exc:
        return None, (expat.ErrorString(exc.code), exc.lineno, exc.offset + 1)
    return (root[0] if root else None), None


def read(path: str, text: str) -> ImportedConfig:
    problems = Problems()
    root, error = parse_xml(text, path)
    if error is not None:
        message, line, column = error
        problems.corrupt(f"not well-formed XML: {message}", line, column)
        return ImportedConfig(path=path, format="autoconfig", problems=problems.result())
    assert root is not None
    if root.tag != "clientConfig":
        problems.corrupt(f"the root element is <{root.tag}>, not <clientConfig>", root.line, root.column)
        return ImportedConfig(path=path, format="autoconfig", problems=problems.result())
    providers = root.find_all("emailProvider")
    if not providers:
        problems.corrupt("no <emailProvider> in <clientConfig>", root.line, root.column)
        return ImportedConfig(path=path, format="autoconfig", problems=problems.result())
    provider = providers[0]
    domains = tuple(d.text.strip().lower() for d in provider.find_all("domain") if d.text.strip())
    settings: dict[str, ServerSetting | None] = {}
    auth: dict[str, str] = {}
    username = None
    for element in provider.children:
        if element.tag not in ("incomingServer", "outgoingServer"):
            continue
        kind = element.attrib.get("type", "")
        if element.tag == "outgoingServer":
            if kind != "smtp":
                problems.corrupt(f"<outgoingServer type={kind!r}>: the type must be smtp", element.line, element.column)
                continue
            protocol = "smtp"
        else:
            if not kind:
                problems.corrupt("<incomingServer> has no type", element.line, element.column)
                continue
            incoming = _INCOMING.get(kind)
            if incoming is None:
                continue  # exchange, ews, activesync: not a protocol mailexpert probes
            protocol = incoming
        if protocol in settings:
            continue  # an alternative; the first is the preferred one
        setting, method, user = _server(element, protocol, domains, problems)
        settings[protocol] = setting
        if method:
            auth[protocol] = method
        if username is None and user:
            username = user
    account = ImportedAccount(
        name=provider.attrib.get("id", domains[0] if domains else "autoconfig"),
        username=username,
        imap=settings.get("imap"),
        pop3=settings.get("pop3"),
        smtp=settings.get("smtp"),
        auth=auth,
        domains=domains,
    )
    return ImportedConfig(path=path, format="autoconfig", accounts=(account,), problems=problems.result())


def _server(element: _Element, protocol: str, domains: tuple[str, ...],
            problems: Problems) -> tuple[ServerSetting | None, str | None, str | None]:
    where = f"<{element.tag} type={element.attrib.get('type')!r}> (line {element.line})"
    values: dict[str, _Element] = {}
    for child in element.children:
        if child.tag in ("hostname", "port", "socketType", "username") and child.tag in values:
            first = values[child.tag]
            if first.text.strip() != child.text.strip():
                note = ""
                if child.tag == "socketType" and "port" in values and values["port"].text.strip().isdigit():
                    note = plaintext_port_note(int(values["port"].text.strip()))
                problems.inconsistent(f"{where}: <{child.tag}> is given twice with different values: "
                                      f"{first.text.strip()!r} (line {first.line}) and {child.text.strip()!r}{note}",
                                      child.line, child.column)
            continue
        values.setdefault(child.tag, child)
    security: str | None = "plain"
    if "socketType" in values:
        raw = values["socketType"].text.strip()
        security = _SOCKET_TYPES.get(raw.lower())
        if security is None:
            problems.corrupt(f"{where}: socketType {raw!r} is not SSL, STARTTLS or plain",
                             values["socketType"].line, values["socketType"].column)
    else:
        problems.corrupt(f"{where} has no <socketType>", element.line, element.column)
        security = None
    method: str | None = None
    mechanism: str | None = None
    for a in element.find_all("authentication"):
        method = _AUTH.get(a.text.strip().lower(), "unknown")
        mechanism = _MECHANISMS.get(a.text.strip().lower())
        break
    user = values["username"].text.strip() if "username" in values else None
    port = None
    if "port" in values:
        port = parse_port(problems, values["port"].text, where, values["port"].line, values["port"].column)
        if port is None:
            return None, method, user
    elif security is not None:
        problems.corrupt(f"{where} has no <port>", element.line, element.column)
    if security is None:
        return None, method, user
    host = values["hostname"].text.strip() if "hostname" in values else None
    if host and "%EMAILDOMAIN%" in host and domains:
        host = host.replace("%EMAILDOMAIN%", domains[0])
    line = values["hostname"].line if "hostname" in values else element.line
    return (make_setting(problems, protocol, host, port, security, where=where, line=line, auth=method,
                         mechanism=mechanism), method, user)
