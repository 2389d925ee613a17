"""Free TCP ports for the lab's external servers (Dovecot, Postfix).

The lab's own servers bind port 0 and keep their sockets; a separate program must be told
a port number, so one is reserved by binding port 0 and released just before the program
binds it. The window between the two is short, and the kernel hands out ephemeral ports
in turn, so two instances started at the same time get different ports.
"""

from __future__ import annotations

import socket


def free_port(address: str) -> int:
    """A TCP port on ``address`` that nothing listens on at the moment."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((address, 0))
        return int(sock.getsockname()[1])
