"""Fixtures and stdlib client helpers for the lab tests.

Clients connect to literal 127.0.0.x addresses (``lab.endpoint`` turns a logical
host:port into the real one through the lab's own data), never through getaddrinfo,
and every client has a short timeout.
"""

from __future__ import annotations

import imaplib
import os
import poplib
import smtplib
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import pytest

from mailexpert.lab import Fault, Lab

TIMEOUT = 3.0
MAIL = "mail.example.test"


@pytest.fixture
def lab() -> Iterator[Lab]:
    with Lab() as running:
        yield running


@pytest.fixture
def make_lab() -> Iterator[object]:
    """``make_lab(*faults, scenario=None)`` starts a lab that is stopped after the test."""
    labs: list[Lab] = []

    def make(*faults: Fault, scenario: str | None = None, seed: int = 0) -> Lab:
        new = Lab(scenario=scenario, faults=faults, seed=seed)
        new.start()
        labs.append(new)
        return new

    yield make
    for running in labs:
        running.stop()


class Clients:
    """Stdlib clients aimed at a lab; ``host`` is a logical name, ``port`` a logical port."""

    def __init__(self, lab: Lab) -> None:
        self.lab = lab

    def ctx(self, **kwargs: object) -> ssl.SSLContext:
        return self.lab.client_context()

    def smtp(self, port: int = 587, host: str = MAIL, *, starttls: bool = False) -> smtplib.SMTP:
        address, real = self.lab.endpoint(host, port)
        if port == 465:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                address, real, local_hostname="client.test", timeout=TIMEOUT, context=self.ctx()
            )
        else:
            client = smtplib.SMTP(address, real, local_hostname="client.test", timeout=TIMEOUT)
            if starttls:
                client.starttls(context=self.ctx())
        client.ehlo()
        return client

    def imap(self, port: int = 993, host: str = MAIL, *, starttls: bool = False) -> imaplib.IMAP4:
        address, real = self.lab.endpoint(host, port)
        if port == 993:
            return imaplib.IMAP4_SSL(address, real, ssl_context=self.ctx(), timeout=TIMEOUT)
        client = imaplib.IMAP4(address, real, timeout=TIMEOUT)
        if starttls:
            client.starttls(ssl_context=self.ctx())
        return client

    def pop3(self, port: int = 995, host: str = MAIL, *, starttls: bool = False) -> poplib.POP3:
        address, real = self.lab.endpoint(host, port)
        if port == 995:
            return poplib.POP3_SSL(address, real, context=self.ctx(), timeout=TIMEOUT)
        client = poplib.POP3(address, real, timeout=TIMEOUT)
        if starttls:
            client.stls(context=self.ctx())
        return client

    def raw(self, port: int, host: str = MAIL, *, tls: bool = False, timeout: float = TIMEOUT) -> socket.socket:
        sock = self.lab.connect(host, port, timeout=timeout)
        if tls:
            return self.ctx().wrap_socket(sock, server_hostname=host)
        return sock


    @staticmethod
    def read_until(sock: socket.socket, marker: bytes, limit: int = 1 << 16, timeout: float = TIMEOUT) -> bytes:
        return read_until(sock, marker, limit, timeout)

    @staticmethod
    def exchange(sock: socket.socket, line: str, marker: bytes = b"\r\n") -> bytes:
        return exchange(sock, line, marker)


#: What the child of ``as_nobody`` runs: it imports the check's module (and every module of
#: the package: files under /root are unreadable once it is nobody), drops root, runs the check.
#: The libraries whose loaded modules the child loads again before it drops root.
_PRELOAD = frozenset({"cryptography", "dns", "attrs", "attr", "yaml", "ssl", "email", "encodings", "asyncio",
                      "concurrent", "json", "socket", "selectors", "http", "urllib", "idna", "platformdirs",
                      "psutil", "jsonschema", "referencing", "h11", "durable", "regex", "OpenSSL"})
_AS_NOBODY = """
import importlib.util, os, pkgutil, sys, traceback
import mailexpert
path, name, qualname = sys.argv[1:4]
spec = importlib.util.spec_from_file_location(name, path)
module = importlib.util.module_from_spec(spec)
sys.modules[name] = module
spec.loader.exec_module(module)
check = module
for part in qualname.split("."):
    check = getattr(check, part)
for info in pkgutil.walk_packages(mailexpert.__path__, "mailexpert."):
    if not info.name.endswith(".__main__"):  # that one runs the command line
        importlib.import_module(info.name)
import encodings.idna  # host names are encoded with it on first use
# The libraries import some modules lazily (dnspython a record type's class on its first
# record, cryptography its backend on the first signature), and the test process had loaded
# others: load them all now, for once this process is nobody it may not read a Python (or a
# site-packages) installed under /root.
import cryptography, dns
names = sys.stdin.read().split()
for package in (dns, cryptography):
    names += [info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
for name in names:
    try:
        importlib.import_module(name)
    except Exception:
        pass
code = 1
try:
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
    code = 0 if check() else 2
except BaseException:
    traceback.print_exc()
    code = 3
finally:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
"""


@pytest.fixture
def as_nobody() -> Callable[[Callable[[], bool]], int]:
    """``as_nobody(check)`` runs ``check`` (a module-level function) in a new Python process
    that dropped root for nobody and gives its exit status: 0 when ``check`` returned True, 2
    when False, 3 when it raised. A new process rather than os.fork(): the test process has
    threads by now (labs, servers of earlier tests), and a forked copy of a threaded process
    can deadlock on a lock another thread held (Python 3.12+ warns of it)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to drop to an ordinary user")

    def run(check: Callable[[], bool]) -> int:
        module = sys.modules[check.__module__]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        loaded = "\n".join(name for name in sorted(sys.modules)
                           if name.split(".")[0] in _PRELOAD and not name.endswith("__main__"))
        child = subprocess.run(
            [sys.executable, "-c", _AS_NOBODY, str(module.__file__), check.__module__, check.__qualname__],
            input=loaded, capture_output=True, text=True, env=env, timeout=120, check=False,
        )
        sys.stdout.write(child.stdout)
        sys.stderr.write(child.stderr)  # shown when the test fails
        return child.returncode
    return run


@pytest.fixture
def clients(lab: Lab) -> Clients:
    return Clients(lab)


@pytest.fixture
def clients_of() -> type[Clients]:
    """The client helper class, for labs made with ``make_lab``."""
    return Clients


def read_until(sock: socket.socket, marker: bytes, limit: int = 1 << 16, timeout: float = TIMEOUT) -> bytes:
    """Bytes from ``sock`` until ``marker`` (or EOF, the limit, the timeout)."""
    sock.settimeout(timeout)
    data = b""
    deadline = time.monotonic() + timeout
    while marker not in data and len(data) < limit and time.monotonic() < deadline:
        try:
            chunk = sock.recv(4096)
        except TimeoutError:
            break
        if not chunk:
            break
        data += chunk
    return data


def exchange(sock: socket.socket, line: str, marker: bytes = b"\r\n") -> bytes:
    sock.sendall(line.encode() + b"\r\n")
    return read_until(sock, marker)
