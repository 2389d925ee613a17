"""Static knowledge about mail (``mailexpert/data/knowledge.yaml``), as facts and as lookups.

The rule engine asserts these facts into every session, so rules join observations with the
table (one rule instead of one per port); the probes and settings code read the same table
through the functions here.
"""

from __future__ import annotations

import functools
from pathlib import Path

from mailexpert.facts import Fact

PATH = Path(__file__).parent / "data" / "knowledge.yaml"


@functools.cache
def knowledge_facts() -> tuple[Fact, ...]:
    from mailexpert import rulecache
    from mailexpert.errors import FactTemplateError
    from mailexpert.facts import default_catalog

    doc = rulecache.data_file(PATH, FactTemplateError)
    catalog = default_catalog()
    return tuple(catalog.from_dict(item) for item in doc["facts"])


@functools.cache
def mail_ports() -> tuple[Fact, ...]:
    """The standard mail ports, in the table's order."""
    return tuple(f for f in knowledge_facts() if f.kind == "mail.port")


def port_numbers() -> tuple[int, ...]:
    return tuple(f["port"] for f in mail_ports())


def port_protocol(port: int) -> str | None:
    """The protocol a standard mail port speaks (None for any other port)."""
    return next((f["protocol"] for f in mail_ports() if f["port"] == port), None)


def port_security(port: int) -> str | None:
    """How TLS starts on a standard mail port: ``ssl`` (implicit) or ``starttls``."""
    return next((f["security"] for f in mail_ports() if f["port"] == port), None)


def standard_port(protocol: str, security: str) -> int:
    """The port a client uses for a protocol and security mode (plain: the STARTTLS port)."""
    wanted = "ssl" if security == "ssl" else "starttls"
    return next(f["port"] for f in mail_ports()
                if f["protocol"] == protocol and f["security"] == wanted and f["purpose"] != "relay")
