"""Ports reserved for the lab's external servers (mailexpert.lab.ports)."""

from __future__ import annotations

import socket

from mailexpert.lab.ports import free_port, free_ports

ADDRESS = "127.0.0.93"


def test_the_ports_of_one_instance_never_repeat():
    """Linux picks a bind's port at random from about 14,000, and a released port may come
    again at once: 400 ports asked for one at a time repeat one almost always (the birthday
    bound, 1 - e^(-400*399/2/14000)). Taken together, none repeats."""
    ports = free_ports(ADDRESS, 400)
    assert len(set(ports)) == len(ports)


def test_the_reserved_ports_are_free_for_the_program():
    ports = [*free_ports(ADDRESS, 5), free_port(ADDRESS)]
    listeners = []
    try:
        for port in ports:
            listener = socket.create_server((ADDRESS, port))
            listeners.append(listener)
            assert listener.getsockname()[1] == port
    finally:
        for listener in listeners:
            listener.close()
