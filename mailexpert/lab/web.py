"""The lab's web side: an HTTP(S) server session and an HTTP proxy session.

- :class:`HTTPSession` answers one request per connection: ``GET /`` → 200, the Mozilla
  autoconfig file for example.test, the lab CA's revocation list (CRL) at
  :data:`~mailexpert.lab.certs.CRL_PATH`, anything else 404. Its ``Date`` header can be set
  ahead of the local clock (fault ``clock-offset``).
- :class:`ProxySession` is a CONNECT/GET proxy with modes ``ok``, ``auth`` (407 unless
  ``Proxy-Authorization`` carries the lab's proxy credentials), ``deny`` (403) and
  ``hang``. It reaches only lab servers: its upstream map resolves names from the lab's
  own DNS data to 127.0.0.x, never through the system resolver.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import email.utils
import ssl
import time

from mailexpert.lab.certs import CRL_PATH
from mailexpert.lab.conn import SessionEnd
from mailexpert.lab.plan import ZONE
from mailexpert.lab.session import Session

HEADER_LINES_LIMIT = 100
RELAY_IDLE = 60.0
PROXY_USER = "labproxy"
PROXY_PASSWORD = "lab-proxy-secret"

AUTOCONFIG_PATHS = ("/mail/config-v1.1.xml", "/.well-known/autoconfig/mail/config-v1.1.xml")


def autoconfig_xml(domain: str = ZONE, host: str = "mail." + ZONE) -> str:
    def server(kind: str, tag: str, port: int, socket_type: str) -> str:
        return (
            f'    <{tag} type="{kind}">\n      <hostname>{host}</hostname>\n      <port>{port}</port>\n'
            f"      <socketType>{socket_type}</socketType>\n      <authentication>password-cleartext</authentication>\n"
            f"      <username>%EMAILADDRESS%</username>\n    </{tag}>\n"
        )

    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<clientConfig version="1.1">\n'
        f'  <emailProvider id="{domain}">\n    <domain>{domain}</domain>\n'
        "    <displayName>Example Test Mail (mailexpert lab)</displayName>\n"
        + server("imap", "incomingServer", 993, "SSL")
        + server("pop3", "incomingServer", 995, "SSL")
        + server("smtp", "outgoingServer", 465, "SSL")
        + server("smtp", "outgoingServer", 587, "STARTTLS")
        + "  </emailProvider>\n</clientConfig>\n"
    )


async def read_head(session: Session) -> tuple[str, dict[str, str]]:
    """The request line and the headers (lower-case names), bounded."""
    request = (await session.conn.readline()).decode("latin-1")
    headers: dict[str, str] = {}
    for _ in range(HEADER_LINES_LIMIT):
        line = (await session.conn.readline()).decode("latin-1")
        if not line:
            return request, headers
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    raise SessionEnd("too many header lines")


def response(status: str, body: bytes, content_type: str = "text/plain", extra: str = "", offset: float = 0.0) -> bytes:
    date = email.utils.formatdate(time.time() + offset, usegmt=True)
    head = (
        f"HTTP/1.1 {status}\r\nDate: {date}\r\nServer: mailexpert-lab\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n"
    )
    return head.encode("latin-1") + body


class HTTPSession(Session):
    async def run(self) -> None:
        request, _headers = await read_head(self)
        method, _, rest = request.partition(" ")
        path = rest.partition(" ")[0].split("?", 1)[0]
        offset = float(self.faults.get("clock-offset") or 0)
        if method not in ("GET", "HEAD"):
            reply = response("405 Method Not Allowed", b"method not allowed\n", offset=offset)
        elif self.server.plan.label == "sinkhole":
            reply = response("200 OK", b"This site is blocked by your DNS filter.\n", "text/html", offset=offset)
        elif path == "/":
            reply = response("200 OK", b"mailexpert lab web server: it works\n", offset=offset)
        elif path in AUTOCONFIG_PATHS:
            reply = response("200 OK", autoconfig_xml().encode(), "text/xml", offset=offset)
        elif path == CRL_PATH:
            # The media type RFC 5280 section 4.2.1.13 / RFC 2585 give a DER CRL.
            reply = response("200 OK", self.server.env.tls.certs.crl_der, "application/pkix-crl", offset=offset)
        else:
            reply = response("404 Not Found", b"not found\n", offset=offset)
        if method == "HEAD":
            reply = reply.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
        await self.conn.send(reply)


def _split_host_port(authority: str, default_port: int) -> tuple[str, int] | None:
    host, port = authority, default_port
    if authority.startswith("["):
        host, _, rest = authority[1:].partition("]")
        if rest.startswith(":"):
            port = int(rest[1:]) if rest[1:].isdigit() else -1
    elif authority.count(":") == 1:
        host, _, port_text = authority.partition(":")
        port = int(port_text) if port_text.isdigit() else -1
    if not host or not 0 < port < 65536:
        return None
    return host.lower().rstrip("."), port


class ProxySession(Session):
    async def run(self) -> None:
        mode = str(self.faults.get("proxy") or "ok")
        request, headers = await read_head(self)
        if mode == "hang":
            await self.conn.hang()
            return
        if mode == "deny":
            await self.conn.send(response("403 Forbidden", b"denied by the lab proxy\n"))
            return
        if mode == "auth" and not self._authorized(headers.get("proxy-authorization", "")):
            await self.conn.send(
                response("407 Proxy Authentication Required", b"proxy authentication required\n",
                         extra='Proxy-Authenticate: Basic realm="mailexpert lab proxy"\r\n')
            )
            return
        method, _, rest = request.partition(" ")
        target = rest.partition(" ")[0]
        if method == "CONNECT":
            await self._connect(target)
        elif method in ("GET", "HEAD") and target.startswith("http://"):
            await self._forward(method, target, headers)
        else:
            await self.conn.send(response("400 Bad Request", b"bad request\n"))

    @staticmethod
    def _authorized(value: str) -> bool:
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            decoded = base64.b64decode(token.strip(), validate=True).decode("utf-8", "replace")
        except ValueError:
            return False
        return decoded == f"{PROXY_USER}:{PROXY_PASSWORD}"

    async def _open_upstream(self, host: str, port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
        lookup = self.server.env.upstream
        endpoint = lookup(host, port) if lookup else None
        if endpoint is None:
            await self.conn.send(response("502 Bad Gateway", f"unknown lab host {host}:{port}\n".encode()))
            return None
        try:
            return await asyncio.wait_for(asyncio.open_connection(*endpoint), 5.0)
        except (OSError, TimeoutError):
            await self.conn.send(response("502 Bad Gateway", b"upstream unreachable\n"))
            return None

    async def _connect(self, authority: str) -> None:
        parsed = _split_host_port(authority, 443)
        if parsed is None:
            await self.conn.send(response("400 Bad Request", b"bad CONNECT target\n"))
            return
        streams = await self._open_upstream(*parsed)
        if streams is None:
            return
        await self.conn.send(b"HTTP/1.1 200 Connection established\r\n\r\n")
        await self._relay(*streams)

    async def _forward(self, method: str, url: str, headers: dict[str, str]) -> None:
        authority, _, path = url[len("http://") :].partition("/")
        parsed = _split_host_port(authority, 80)
        if parsed is None:
            await self.conn.send(response("400 Bad Request", b"bad URL\n"))
            return
        streams = await self._open_upstream(*parsed)
        if streams is None:
            return
        reader, writer = streams
        keep = {k: v for k, v in headers.items() if not k.startswith("proxy-") and k != "connection"}
        head = f"{method} /{path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in keep.items())
        writer.write((head + "Connection: close\r\n\r\n").encode("latin-1"))
        await self._relay(reader, writer)

    async def _relay(self, up_reader: asyncio.StreamReader, up_writer: asyncio.StreamWriter) -> None:
        async def pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while chunk := await asyncio.wait_for(src.read(65536), RELAY_IDLE):
                    dst.write(chunk)
                    await asyncio.wait_for(dst.drain(), RELAY_IDLE)
            except (OSError, TimeoutError, ssl.SSLError):
                pass
            finally:
                if dst.can_write_eof():
                    with contextlib.suppress(OSError):
                        dst.write_eof()

        tasks = [
            asyncio.ensure_future(pump(self.conn.reader, up_writer)),
            asyncio.ensure_future(pump(up_reader, self.conn.writer)),
        ]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            up_writer.close()
