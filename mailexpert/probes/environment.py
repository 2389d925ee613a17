"""Environment probe: this machine's interfaces, routes, resolver and proxy configuration.

Read-only local inspection, no traffic: /sys/class/net for interfaces (tun*, wg*, tap*,
ppp*, utun*, ipsec* count as VPN), ``ip route get ADDR`` (or /proc/net/route) for the
interface towards each mail server address, /etc/resolv.conf for the resolvers, and the
proxy variables of the environment (credentials never leave this module).
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import shutil
import struct
from collections.abc import Mapping
from pathlib import Path

from mailexpert.errors import SettingsError
from mailexpert.facts import Fact
from mailexpert.probes.context import ProbeContext
from mailexpert.probes.http import ProxyConfig
from mailexpert.probes.resolve import read_resolv_conf

VPN_PREFIXES = ("tun", "wg", "tap", "ppp", "utun", "ipsec", "tailscale", "zt", "nordlynx", "proton")
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY", "http_proxy")
_ARPHRD = {1: "ethernet", 772: "loopback", 65534: "vpn", 512: "vpn", 776: "vpn", 778: "vpn", 823: "vpn"}


def interface_type(name: str, sys_net: Path) -> str:
    if name == "lo" or name.startswith("lo"):
        return "loopback"
    if name.startswith(VPN_PREFIXES):
        return "vpn"
    if (sys_net / name / "wireless").exists() or (sys_net / name / "phy80211").exists():
        return "wireless"
    try:
        arphrd = int((sys_net / name / "type").read_text().strip())
    except (OSError, ValueError):
        return "other"
    return _ARPHRD.get(arphrd, "other")


def interfaces(sys_net: str = "/sys/class/net") -> list[tuple[str, str, bool]]:
    """(name, type, up) of each interface."""
    base = Path(sys_net)
    out = []
    try:
        names = sorted(p.name for p in base.iterdir())
    except OSError:
        return []
    for name in names:
        try:
            flags = int((base / name / "flags").read_text().strip(), 16)
            up = bool(flags & 0x1)  # IFF_UP
        except (OSError, ValueError):
            up = False
        out.append((name, interface_type(name, base), up))
    return out


def _route_from_proc(address: str, path: str = "/proc/net/route") -> str | None:
    """The IPv4 route's interface by longest prefix match in /proc/net/route."""
    try:
        ip = int(ipaddress.IPv4Address(address))
    except ValueError:
        return None
    best: tuple[int, str] | None = None
    try:
        with open(path) as f:
            next(f, None)
            for line in f:
                cols = line.split()
                if len(cols) < 8:
                    continue
                # Columns are little-endian hex: 0100007F is 127.0.0.1.
                dest = int(ipaddress.IPv4Address(struct.pack("<I", int(cols[1], 16))))
                mask = int(ipaddress.IPv4Address(struct.pack("<I", int(cols[7], 16))))
                prefix = bin(mask).count("1")
                if ip & mask == dest & mask and (best is None or prefix > best[0]):
                    best = (prefix, cols[0])
    except (OSError, ValueError, StopIteration):
        return None
    return best[1] if best else None


async def route_interface(address: str, timeout: float) -> str | None:
    """The interface the kernel would use for ``address`` (asks the kernel, sends nothing)."""
    ip_tool = shutil.which("ip")
    if ip_tool:
        try:
            proc = await asyncio.create_subprocess_exec(
                ip_tool, "route", "get", address, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
            try:
                async with asyncio.timeout(timeout):
                    out, _ = await proc.communicate()
            except TimeoutError:
                proc.kill()
                await proc.wait()
                out = b""
            found = re.search(rb"\bdev\s+(\S+)", out)
            if found:
                return found.group(1).decode("ascii", "replace")
        except OSError:
            pass
    return _route_from_proc(address)


def proxy_from_environment(environ: Mapping[str, str]) -> tuple[str, ProxyConfig] | None:
    """(variable, proxy) of the first proxy variable set, in curl's order of preference."""
    for var in PROXY_VARIABLES:
        value = environ.get(var)
        if value:
            try:
                return var, ProxyConfig.parse(value)
            except SettingsError:
                continue
    return None


def no_proxy_matches(host: str, environ: Mapping[str, str]) -> bool:
    """Whether NO_PROXY/no_proxy exempts ``host`` (suffix match, ``*`` for all)."""
    value = environ.get("NO_PROXY") or environ.get("no_proxy") or ""
    for entry in (e.strip().lower() for e in value.split(",")):
        if not entry:
            continue
        if entry == "*":
            return True
        entry = entry.lstrip(".").split(":")[0]
        if host == entry or host.endswith("." + entry):
            return True
    return False


def effective_proxy(ctx: ProbeContext) -> ProxyConfig | None:
    """The proxy the web probe goes through: the option first, then the environment."""
    if ctx.options.proxy:
        return ProxyConfig.parse(ctx.options.proxy)
    found = proxy_from_environment(ctx.environ())
    return found[1] if found else None


def proxy_facts(ctx: ProbeContext) -> list[Fact]:
    facts = []
    if ctx.options.proxy:
        p = ProxyConfig.parse(ctx.options.proxy)
        facts.append(ctx.fact("proxy.setting", source="option", scheme=p.scheme, host=p.host, port=p.port))
    found = proxy_from_environment(ctx.environ())
    if found:
        var, p = found
        facts.append(ctx.fact("proxy.setting", source="environment", variable=var, scheme=p.scheme,
                              host=p.host, port=p.port))
    return facts


def resolver_facts(ctx: ProbeContext) -> list[Fact]:
    facts = []
    if ctx.options.dns_servers is not None:
        for i, r in enumerate(ctx.options.dns_servers):
            facts.append(ctx.fact("resolver.config", source="option", address=str(r), position=i,
                                  loopback=ipaddress.ip_address(r.ip).is_loopback))
    for i, r in enumerate(read_resolv_conf(ctx.options.resolv_conf)):
        facts.append(ctx.fact("resolver.config", source="resolv.conf", address=r.ip, position=i,
                              loopback=ipaddress.ip_address(r.ip).is_loopback))
    return facts


async def collect(ctx: ProbeContext, sys_net: str = "/sys/class/net") -> list[Fact]:
    facts: list[Fact] = []
    kinds = {}
    for name, kind, up in interfaces(sys_net):
        kinds[name] = kind
        facts.append(ctx.fact("net.interface", name=name, type=kind, up=up))
    facts += resolver_facts(ctx)
    facts += proxy_facts(ctx)
    hosts = list(dict.fromkeys(s.host for s in ctx.settings))
    resolved = await asyncio.gather(*(ctx.dns.addresses(h) for h in hosts))
    pairs = [(r.host, a) for r in resolved for a in r.addresses]
    routes = await asyncio.gather(*(route_interface(a, ctx.step_timeout(1.0)) for _, a in pairs))
    for (host, address), dev in zip(pairs, routes, strict=True):
        facts.append(ctx.fact("net.route", host=host, address=address, interface=dev,
                              via_vpn=bool(dev) and (kinds.get(dev) == "vpn" or dev.startswith(VPN_PREFIXES))))
    return facts

