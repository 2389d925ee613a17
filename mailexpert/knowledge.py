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


@functools.cache
def auth_reply_codes() -> frozenset[int]:
    """The SMTP reply codes that answer the AUTH command only (RFC 4954 section 6)."""
    return frozenset(f["code"] for f in knowledge_facts() if f.kind == "smtp.auth-reply")


@functools.cache
def auth_reply_enhanced() -> frozenset[str]:
    """The enhanced status codes RFC 4954 section 6 pairs with those replies (5.7.8 credentials
    invalid, 5.7.9 mechanism too weak, 5.7.11 encryption required): AUTH's alone too, so a reply
    quoted with one of them and without its reply code still answers the login."""
    return frozenset(f["enhanced"] for f in knowledge_facts() if f.kind == "smtp.auth-reply")


@functools.cache
def unauthenticated_replies() -> tuple[tuple[int, str], ...]:
    """The SMTP refusals (code, words in lower case, empty for any) of a client that is not logged in:
    after a refused AUTH in the same log, the refused login is why."""
    return tuple((f["code"], f["words"]) for f in knowledge_facts() if f.kind == "smtp.unauthenticated-reply")


@functools.cache
def log_service_ports() -> tuple[tuple[str, int], ...]:
    """The (program name prefix, port) pairs by which a server's log names the port a line is about
    (Postfix's "postfix/submission/smtpd[PID]:" is the submission port's service)."""
    return tuple((f["prefix"], f["port"]) for f in knowledge_facts() if f.kind == "log.service-port")


@functools.cache
def consequence_replies() -> tuple[tuple[int, str, bool], ...]:
    """The SMTP replies (code, words in lower case, whether the reply is those words alone) that only
    report earlier refusals of the same transaction (Postfix's "554 5.5.1 Error: no valid recipients"
    to DATA) or restate its code in the generic words RFC 5321 gives it."""
    return tuple((f["code"], f["words"], bool(f.get("whole")))
                 for f in knowledge_facts() if f.kind == "smtp.consequence-reply")


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
    return next(int(f["port"]) for f in mail_ports()
                if f["protocol"] == protocol and f["security"] == wanted and f["purpose"] != "relay")


def port_selection(spec: str) -> tuple[tuple[Fact, ...], str | None]:
    """The mail-port rows that a spec of ``FIELD=VALUE`` and ``FIELD!=VALUE`` tests, joined by
    commas, selects (``security=ssl``, ``security=starttls,purpose!=relay``), in the table's
    order; and what is wrong with the spec (None when nothing is)."""
    fields = ("port", "protocol", "security", "purpose")
    tests: list[tuple[str, bool, str]] = []
    for part in (p.strip() for p in spec.split(",")):
        negated = "!=" in part
        field, _, value = part.partition("!=" if negated else "=")
        if field not in fields or not value:
            return (), f"{part!r} is not FIELD=VALUE or FIELD!=VALUE of a mail.port field ({', '.join(fields)})"
        tests.append((field, negated, value))
    rows = tuple(f for f in mail_ports() if all((str(f[k]) == v) != negated for k, negated, v in tests))
    return rows, (None if rows else f"no mail.port row meets {spec!r}")
