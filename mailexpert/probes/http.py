"""A minimal HTTPS GET over asyncio streams, direct or through an HTTP CONNECT proxy.

Used by the web probe ("does the web work from here?") and by autoconfig discovery. It
resolves through the shared dnspython cache, honours the connect-to map and the network
guard like every probe, verifies TLS with the same trust store, and bounds everything it
reads (status line, headers, body). Proxy credentials are sent, never shown.
"""

from __future__ import annotations

import asyncio
import base64
import ssl
import time
from urllib.parse import unquote, urlsplit

import attrs

from mailexpert.classify import classify_socket_error, classify_ssl_error, clean_text
from mailexpert.errors import NetworkNotAllowed, ReadFailure, SettingsError
from mailexpert.facts import CUT_BY_DEADLINE
from mailexpert.probes.context import ProbeContext, elapsed_ms
from mailexpert.probes.net import Conn, unverified_context, verifying_context
from mailexpert.probes.resolve import ordered_addresses

MAX_HEADERS = 100
MAX_BODY = 256 * 1024


@attrs.frozen
class ProxyConfig:
    """An HTTP proxy: where it is and (hidden) how to log in to it."""

    scheme: str
    host: str
    port: int
    username: str | None = attrs.field(default=None, repr=False)
    password: str | None = attrs.field(default=None, repr=False)

    @classmethod
    def parse(cls, url: str) -> ProxyConfig:
        if "://" not in url:
            url = "http://" + url
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https", "socks4", "socks5", "socks5h", "socks4a"):
            raise SettingsError(f"proxy: unsupported scheme {scheme!r}")
        scheme = {"socks5h": "socks5", "socks4a": "socks4"}.get(scheme, scheme)
        if not parts.hostname:
            raise SettingsError("proxy: no host in the proxy URL")
        try:
            port = parts.port
        except ValueError:
            raise SettingsError("proxy: bad port in the proxy URL") from None
        default = {"http": 80, "https": 443, "socks4": 1080, "socks5": 1080}[scheme]
        return cls(scheme=scheme, host=parts.hostname.lower(), port=port or default,
                   username=unquote(parts.username) if parts.username else None,
                   password=unquote(parts.password) if parts.password else None)


#: Failures of a TLS handshake or a read that keep their own name as a ``web.fetch`` outcome.
_OWN_OUTCOMES = ("timeout", "reset", CUT_BY_DEADLINE)


@attrs.frozen
class HttpResult:
    """The outcome of one GET, in ``web.fetch`` vocabulary."""

    outcome: str
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = attrs.field(default=b"", repr=False)
    elapsed_ms: int = 0
    error: str | None = None
    peer: str | None = None  # host:port that answered (for clock.skew)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k == name), None)


async def _open(ctx: ProbeContext, label: str, host: str, port: int) -> Conn | HttpResult:
    resolved = await ctx.dns.addresses(host)
    candidates: list[str | None] = list(ordered_addresses(resolved.addresses))
    if not candidates:
        if ctx.override(host, None, port) is None:
            # A look-up the global deadline cut short is no failed look-up.
            outcome = CUT_BY_DEADLINE if resolved.outcome == CUT_BY_DEADLINE else "dns-failed"
            return HttpResult(outcome, error=f"{host}: {resolved.outcome}")
        candidates = [None]
    last: HttpResult | None = None
    for address in candidates:
        try:
            return await Conn.open(ctx, label, host, address, port)
        except NetworkNotAllowed:
            raise
        except (OSError, TimeoutError) as exc:
            outcome = classify_socket_error(exc)
            last = HttpResult(outcome if outcome in ("refused", "timeout", "reset", CUT_BY_DEADLINE) else "error",
                              error=clean_text(str(exc) or type(exc).__name__, 200))
            if outcome in ("timeout", CUT_BY_DEADLINE):
                break
    assert last is not None
    return last


async def _read_head(conn: Conn, deadline: float) -> tuple[int, list[tuple[str, str]]]:
    status_line = (await conn.read_line(deadline)).decode("latin-1")
    parts = status_line.split()
    if len(parts) < 2 or not parts[0].upper().startswith("HTTP/") or not parts[1].isdigit():
        raise ReadFailure("garbage", status_line.encode("latin-1", "replace")[:200])
    headers: list[tuple[str, str]] = []
    for _ in range(MAX_HEADERS):
        line = (await conn.read_line(deadline)).decode("latin-1")
        if not line:
            return int(parts[1]), headers
        name, _, value = line.partition(":")
        headers.append((name.strip().lower(), value.strip()))
    raise ReadFailure("too-many-lines")


async def _read_body(conn: Conn, headers: list[tuple[str, str]], deadline: float, limit: int) -> bytes:
    loop = asyncio.get_running_loop()
    data = bytearray(conn.buffer)  # grown in place: a CRL of some MB in 16 KB reads is no quadratic copy
    conn.buffer = b""
    while len(data) < limit:
        left = deadline - loop.time()
        if left <= 0:
            break
        try:
            async with asyncio.timeout(left):
                chunk = await conn.reader.read(16384)
        except (TimeoutError, OSError, ssl.SSLError):
            break
        if not chunk:
            break
        data += chunk
    body = bytes(data[:limit])
    if dict(headers).get("transfer-encoding", "").lower() == "chunked":
        body = _dechunk(body)
    return body


def _dechunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, rest = data.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
        except ValueError:
            break
        if size == 0:
            break
        out += rest[:size]
        data = rest[size + 2 :]
    return out


def _request(method: str, target: str, host_header: str, extra: dict[str, str] | None = None) -> str:
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host_header}", "User-Agent: mailexpert",
             "Accept: */*", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (extra or {}).items()]
    return "\r\n".join(lines) + "\r\n"


async def get(ctx: ProbeContext, url: str, *, proxy: ProxyConfig | None = None, body: bool = False,
              max_body: int = MAX_BODY, verify: bool = True) -> HttpResult:
    """GET ``url`` (https, or http), directly or through ``proxy``; never raises for network trouble.

    ``verify=False`` is only for reading public metadata (the Date header) from a server
    whose certificate failed; nothing secret is ever sent on such a connection.
    """
    start = time.monotonic()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host_header = host if port == (443 if secure else 80) else f"{host}:{port}"
    label = f"http {host}:{port}" + (" via proxy" if proxy else "")
    if not host:
        return HttpResult("error", error="no host in URL")

    def done(result: HttpResult) -> HttpResult:
        return attrs.evolve(result, elapsed_ms=elapsed_ms(start))

    if proxy is not None:
        if proxy.scheme != "http":
            return done(HttpResult("proxy-error", error=f"{proxy.scheme} proxies are not supported by this probe"))
        opened = await _open(ctx, label, proxy.host, proxy.port)
        if isinstance(opened, HttpResult):
            # (A connect the global deadline cut keeps its own outcome: the proxy was not judged.)
            if opened.outcome in ("refused", "timeout", "dns-failed", "error", "reset"):
                return done(attrs.evolve(opened, outcome="proxy-error",
                                         error=f"proxy {proxy.host}:{proxy.port}: {opened.outcome}"))
            return done(opened)
        conn = opened
        extra = {}
        if proxy.username is not None:
            token = base64.b64encode(f"{proxy.username}:{proxy.password or ''}".encode()).decode()
            extra["Proxy-Authorization"] = f"Basic {token}"
        authority = f"{host}:{port}"
        request = _request("CONNECT", authority, authority, extra).rstrip("\r\n")
        shown = _request("CONNECT", authority, authority,
                         {"Proxy-Authorization": "<redacted>"} if extra else None).rstrip("\r\n")
        try:
            for line, shown_line in zip(request.split("\r\n"), shown.split("\r\n"), strict=True):
                conn.send(line, shown=shown_line)
            conn.send("")
            status, _ = await _read_head(conn, ctx.step_deadline())
        except ReadFailure as exc:
            await conn.close()
            outcome = CUT_BY_DEADLINE if exc.reason == CUT_BY_DEADLINE else "proxy-error"
            return done(HttpResult(outcome, error=f"proxy: {exc.reason}"))
        if status != 200:
            await conn.close()
            return done(HttpResult("proxy-error", status=status, error=f"proxy answered {status} to CONNECT"))
    else:
        opened = await _open(ctx, label, host, port)
        if isinstance(opened, HttpResult):
            return done(opened)
        conn = opened
    try:
        if secure:
            try:
                context = verifying_context(ctx.options.ca_file) if verify else unverified_context()
                await conn.start_tls(context, server_hostname=host)
            except NetworkNotAllowed:
                raise
            except ReadFailure as exc:
                return done(HttpResult("tls-error", error=exc.reason))
            except (ssl.SSLError, OSError, TimeoutError, EOFError, asyncio.IncompleteReadError) as exc:
                verdict = classify_ssl_error(exc)
                outcome = verdict.outcome if verdict.outcome in _OWN_OUTCOMES else "tls-error"
                return done(HttpResult(outcome, error=f"{verdict.outcome}: {verdict.reason}"))
        for line in _request("GET", target, host_header).rstrip("\r\n").split("\r\n"):
            conn.send(line)
        conn.send("")
        deadline = ctx.step_deadline()
        try:
            status, headers = await _read_head(conn, deadline)
        except ReadFailure as exc:
            outcome = exc.reason if exc.reason in _OWN_OUTCOMES else "error"
            return done(HttpResult(outcome, error=f"reading the reply: {exc.reason}"))
        payload = await _read_body(conn, headers, deadline, max_body) if body else b""
        outcome = "ok" if status < 400 else "http-error"
        return done(HttpResult(outcome, status=status, headers=tuple(headers), body=payload,
                               peer=f"{host}:{port}"))
    finally:
        await conn.close()
