"""The hosts file: names this computer resolves without asking any DNS server.

Mail programs resolve with ``getaddrinfo``, which reads the hosts file before DNS on every
common system (nsswitch.conf's ``hosts: files dns`` on Linux, macOS, Windows), and a name
found there is never looked up in DNS. mailexpert's probes never call ``getaddrinfo``
(see :mod:`mailexpert.probes.resolve`), so they read the file themselves: reading a file
sends nothing.

The format (hosts(5), the same on Windows): an address, then one or more names, separated
by blanks; ``#`` starts a comment; names compare without regard to case. A line that does
not start with an IP address is ignored, as the system's resolver ignores it.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from collections.abc import Mapping

import attrs

#: Bytes read at most: ad-blocking hosts files run to a few megabytes; the rest is ignored.
MAX_BYTES = 8 << 20
#: Names on one line at most (glibc reads 35 aliases; Windows fewer): the rest are ignored.
MAX_NAMES = 64
#: The longest name a DNS name can be (RFC 1035 3.1): a longer token is no host name.
MAX_NAME = 253


def default_path(environ: Mapping[str, str] | None = None) -> str:
    """Where this OS keeps its hosts file: ``%SystemRoot%\\System32\\drivers\\etc\\hosts`` on
    Windows, ``/etc/hosts`` elsewhere (macOS's /etc is /private/etc)."""
    if sys.platform == "win32":
        env = os.environ if environ is None else environ
        root = env.get("SystemRoot") or env.get("SYSTEMROOT") or r"C:\Windows"
        return os.path.join(root, "System32", "drivers", "etc", "hosts")
    return "/etc/hosts"


@attrs.frozen
class HostsEntry:
    """One name on one line of the hosts file."""

    name: str  # lower case, without a trailing dot
    address: str  # normalised (ipaddress), zone index kept
    line: int

    @property
    def family(self) -> str:
        return "ipv6" if ":" in self.address else "ipv4"


@attrs.frozen
class HostsFile:
    """What one hosts file says; ``outcome`` is ``read``, ``missing`` or ``unreadable``.

    A diagnosis needs a handful of names, and ad-blocking files hold 100,000 lines: each name
    is found by a search of the text and only its lines are parsed (each name once)."""

    path: str
    outcome: str
    text: str = attrs.field(default="", repr=False)  # lower case
    truncated: bool = False
    _found: dict[str, tuple[HostsEntry, ...]] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    def lookup(self, name: str) -> tuple[HostsEntry, ...]:
        """Every entry of ``name``, in file order (the first is what a program tries first)."""
        key = name.rstrip(".").lower()
        if key not in self._found:
            self._found[key] = _search(self.text, key)
        return self._found[key]


def _search(text: str, name: str) -> tuple[HostsEntry, ...]:
    if not name or len(name) > MAX_NAME:
        return ()
    found: list[HostsEntry] = []
    counted, number, last = 0, 1, -1  # line numbers counted forward, never from the start again
    at = text.find(name)
    while at >= 0:  # str.find, not a regex: a few ms through megabytes
        after = at + len(name)
        # A whole token only (not a part of a longer name): blanks or the line's ends around it.
        whole = (at == 0 or text[at - 1].isspace()) and (after == len(text) or text[after] in " \t\r\n.#")
        start = text.rfind("\n", 0, at) + 1
        if whole and start != last:  # the line's own parse decides whether it maps the name
            last = start
            number += text.count("\n", counted, start)
            counted = start
            end = text.find("\n", at)
            for entry in parse(text[start:len(text) if end < 0 else end]).get(name, ()):
                if all(e.address != entry.address for e in found):
                    found.append(attrs.evolve(entry, line=number))
        at = text.find(name, after)
    return tuple(found)


def _address(text: str) -> str | None:
    ip, _, zone = text.partition("%")
    try:
        address = str(ipaddress.ip_address(ip))
    except ValueError:
        return None
    return f"{address}%{zone}" if zone and ":" in address else address


def parse(text: str) -> dict[str, tuple[HostsEntry, ...]]:
    """The entries of a hosts file's text, by name; bad lines are skipped."""
    found: dict[str, list[HostsEntry]] = {}
    addresses: dict[str, str | None] = {}  # ad-blocking files repeat one address 100,000 times
    for number, raw in enumerate(text.splitlines(), start=1):
        fields = raw.split("#", 1)[0].split()
        if len(fields) < 2:
            continue
        address = addresses.get(fields[0], "")
        if address == "":
            address = addresses[fields[0]] = _address(fields[0])
        if address is None:
            continue
        for token in fields[1:1 + MAX_NAMES]:
            name = token.rstrip(".").lower()
            if not name or len(name) > MAX_NAME or not name.isprintable():
                continue
            entries = found.get(name)
            if entries is None:
                found[name] = [HostsEntry(name, address, number)]
            elif all(e.address != address for e in entries):
                entries.append(HostsEntry(name, address, number))
    return {name: tuple(entries) for name, entries in found.items()}


def read(path: str) -> HostsFile:
    """Read and parse the hosts file at ``path`` (at most :data:`MAX_BYTES`)."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return HostsFile(path, "missing")
    except OSError:  # a folder, no permission: the system's resolver cannot read it either
        return HostsFile(path, "unreadable")
    truncated = len(data) > MAX_BYTES
    if truncated:
        data = data[:MAX_BYTES].rpartition(b"\n")[0]  # a cut line would be a wrong entry
    # Windows editors may save the file as UTF-16 with a byte-order mark; else UTF-8 (or ASCII).
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    return HostsFile(path, "read", data.decode(encoding, "replace").lower(), truncated)
