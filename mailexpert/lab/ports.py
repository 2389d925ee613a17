"""Free TCP ports for the lab's external servers (Dovecot, Postfix).

The lab's own servers bind port 0 and keep their sockets; a separate program must be told
its port numbers, so they are reserved by binding port 0 and released just before the
program binds them. Linux picks the port of each such bind at random from the ephemeral
range (about 14,000 ports for binds), and a port reserved and released is free again at
once: ports asked for one at a time may repeat, about once in 14,000 pairs. An instance of
a program takes all of its ports together (:func:`free_ports`), each reserved until the last
is chosen, so no two of its services are ever told one port. Postfix's master takes two
services on one address and port without a word and the later one serves it (a relay that
accepts where an MX refuses), so such a repeat would change what the lab's server is.
"""

from __future__ import annotations

import contextlib
import socket


def free_ports(address: str, count: int) -> list[int]:
    """``count`` different TCP ports on ``address`` that nothing listens on at the moment."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with contextlib.ExitStack() as held:
        ports = []
        for _ in range(count):
            sock = held.enter_context(socket.socket(family, socket.SOCK_STREAM))
            sock.bind((address, 0))
            ports.append(int(sock.getsockname()[1]))
        return ports


def free_port(address: str) -> int:
    """A TCP port on ``address`` that nothing listens on at the moment."""
    return free_ports(address, 1)[0]
