"""Environment probe: this machine's interfaces, routes, resolvers and proxies, on every OS.

Read-only local inspection, no traffic, with libraries that know each OS and the Linux
files only as a fallback:

* interfaces and whether they are up: psutil (Linux, macOS, Windows); their kind from the
  flags psutil reports, the interface's name, and on Linux /sys/class/net.
* the interface towards each mail server address: the kernel chooses the source address of
  a connected UDP socket (connecting one sends nothing) and psutil names the interface that
  holds it; ``ip route get`` and /proc/net/route when that finds nothing.
* resolvers: dnspython's system configuration (resolv.conf on Linux and macOS, the
  registry on Windows), read by :mod:`mailexpert.probes.resolve`.
* proxies: the proxy variables of the environment, else the OS's own proxy settings
  through ``urllib.request.getproxies()`` (the Windows registry, macOS System
  Configuration). Proxy credentials never leave this module.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import shutil
import socket
import struct
import urllib.request
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import psutil

from mailexpert.errors import SettingsError
from mailexpert.facts import Fact
from mailexpert.probes.context import ProbeContext
from mailexpert.probes.http import ProxyConfig
from mailexpert.probes.resolve import system_resolvers

# Tunnel interface names (Linux, macOS, BSD) and words in Windows adapters' names.
VPN_PREFIXES = ("tun", "wg", "tap", "ppp", "utun", "ipsec", "tailscale", "zt", "nordlynx", "proton")
VPN_WORDS = ("vpn", "wireguard", "wintun", "tap-windows", "anyconnect", "globalprotect", "fortinet", "tailscale",
             "zerotier")
WIRELESS_PREFIXES = ("wl", "ath")
WIRELESS_WORDS = ("wi-fi", "wifi", "wireless", "wlan")
ETHERNET_PREFIXES = ("eth",)
ETHERNET_WORDS = ("ethernet",)
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY", "http_proxy")
# urllib's names for the OS's proxy settings, in the same order of preference.
SYSTEM_PROXY_SCHEMES = ("https", "all", "http")
_ARPHRD = {1: "ethernet", 772: "loopback", 65534: "vpn", 512: "vpn", 776: "vpn", 778: "vpn", 823: "vpn"}
# The discard port: a UDP socket needs one to connect, and connecting sends nothing.
_ROUTE_PROBE_PORT = 9


def interface_type(name: str, flags: frozenset[str] = frozenset(), sys_net: Path = Path("/sys/class/net")) -> str:
    """loopback, vpn, wireless, ethernet or other, from what the OS tells about ``name``."""
    lowered = name.lower()
    words = re.split(r"[^a-z0-9-]+", lowered)  # "Ethernet 2" is ethernet, "VirtualEthernetAdapter" is not
    if "loopback" in flags or lowered in ("lo", "lo0") or lowered.startswith("loopback"):
        return "loopback"
    if lowered.startswith(VPN_PREFIXES) or "pointopoint" in flags or any(w in lowered for w in VPN_WORDS):
        return "vpn"
    if (sys_net / name / "wireless").exists() or (sys_net / name / "phy80211").exists():
        return "wireless"
    if lowered.startswith(WIRELESS_PREFIXES) or any(w in lowered for w in WIRELESS_WORDS):
        return "wireless"
    try:
        arphrd = int((sys_net / name / "type").read_text().strip())
    except (OSError, ValueError):
        arphrd = None
    if arphrd is not None:
        return _ARPHRD.get(arphrd, "other")
    if lowered.startswith(ETHERNET_PREFIXES) or any(w in words for w in ETHERNET_WORDS):
        return "ethernet"
    return "other"


def interfaces(sys_net: str = "/sys/class/net") -> list[tuple[str, str, bool]]:
    """(name, type, up) of each interface: psutil, else /sys/class/net."""
    try:
        stats = psutil.net_if_stats()
    except (OSError, RuntimeError, psutil.Error):
        return sysfs_interfaces(sys_net)
    base = Path(sys_net)
    out = []
    for name in sorted(stats):
        flags = frozenset(f for f in getattr(stats[name], "flags", "").split(",") if f)
        out.append((name, interface_type(name, flags, base), bool(stats[name].isup)))
    return out


def sysfs_interfaces(sys_net: str = "/sys/class/net") -> list[tuple[str, str, bool]]:
    """(name, type, up) of each interface from /sys/class/net (Linux), for when psutil fails."""
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
        out.append((name, interface_type(name, frozenset(), base), up))
    return out


def source_address(address: str) -> str | None:
    """The local address the kernel would send from towards ``address`` (no packet is sent)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.connect((str(ip), _ROUTE_PROBE_PORT))
            return str(sock.getsockname()[0]).split("%")[0]
    except OSError:
        return None


def _contains(own: ipaddress.IPv4Address | ipaddress.IPv6Address, netmask: str | None,
              ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether ``ip`` is in the network of an interface address (psutil gives the mask in
    address form, for IPv6 too)."""
    if own.version != ip.version or not netmask:
        return False
    try:
        prefix = bin(int(ipaddress.ip_address(netmask))).count("1")
        return ip in ipaddress.ip_network(f"{own}/{prefix}", strict=False)
    except ValueError:
        return False


def interface_holding(local: str, addresses: Mapping[str, list[Any]] | None = None) -> str | None:
    """The interface that has the address ``local`` (else whose network contains it)."""
    try:
        ip = ipaddress.ip_address(local)
        addresses = psutil.net_if_addrs() if addresses is None else addresses
    except (ValueError, OSError, RuntimeError, psutil.Error):
        return None
    containing = None
    for name, entries in addresses.items():
        for entry in entries:
            if entry.family not in (socket.AF_INET, socket.AF_INET6) or not entry.address:
                continue
            try:
                own = ipaddress.ip_address(entry.address.split("%")[0])
            except ValueError:
                continue
            if own == ip:
                return name
            if containing is None and _contains(own, entry.netmask, ip):
                containing = name
    return containing


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
    local = source_address(address)
    name = interface_holding(local) if local else None
    if name:
        return name
    ip_tool = shutil.which("ip")  # Linux, when psutil cannot name the interface
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


def _first_proxy(values: Mapping[str, str], keys: Iterable[str]) -> tuple[str, ProxyConfig] | None:
    """(key, proxy) of the first key, in order, whose value parses as a proxy URL."""
    for key in keys:
        value = values.get(key)
        if value:
            try:
                return key, ProxyConfig.parse(value)
            except SettingsError:
                continue
    return None


def proxy_from_environment(environ: Mapping[str, str]) -> tuple[str, ProxyConfig] | None:
    """(variable, proxy) of the first proxy variable set, in curl's order of preference."""
    return _first_proxy(environ, PROXY_VARIABLES)


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


def system_proxy(ctx: ProbeContext) -> tuple[str, ProxyConfig] | None:
    """(scheme, proxy) from the OS's proxy settings; None when the options give the
    environment to use (it then stands for the whole machine)."""
    if ctx.options.environ is not None:
        return None
    return _first_proxy(urllib.request.getproxies(), SYSTEM_PROXY_SCHEMES)


def effective_proxy(ctx: ProbeContext) -> ProxyConfig | None:
    """The proxy the web probe goes through: the option, the environment, the OS's settings."""
    if ctx.options.proxy:
        return ProxyConfig.parse(ctx.options.proxy)
    found = proxy_from_environment(ctx.environ()) or system_proxy(ctx)
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
    elif (system := system_proxy(ctx)) is not None:
        _, p = system
        facts.append(ctx.fact("proxy.setting", source="system", scheme=p.scheme, host=p.host, port=p.port))
    return facts


def resolver_facts(ctx: ProbeContext) -> list[Fact]:
    """The resolvers given as options, and those the OS is configured with."""
    facts = []
    if ctx.options.dns_servers is not None:
        for i, r in enumerate(ctx.options.dns_servers):
            facts.append(ctx.fact("resolver.config", source="option", address=str(r), position=i,
                                  loopback=ipaddress.ip_address(r.ip).is_loopback))
    configured, source = system_resolvers(ctx.options.resolv_conf)
    for i, r in enumerate(configured):
        facts.append(ctx.fact("resolver.config", source=source, address=r.ip, position=i,
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
                              via_vpn=dev is not None and (kinds.get(dev) == "vpn" or dev.startswith(VPN_PREFIXES))))
    return facts

