"""This computer's own TLS library and a server that speaks only TLS 1.0/1.1.

The ``tls.local`` fact comes from handshakes in memory; here it is checked against a real
handshake over loopback with the lab's legacy server (``tls-legacy``: TLS 1.0/1.1 only, at
security level 0), by a client with the library's defaults and only its minimum version
lowered, as a mail program that allows old versions is. What the report says then follows
what this computer's library really does: OpenSSL 3 refuses TLS 1.0/1.1 at its default
security level (Debian and Ubuntu raise it to 2), an older build may still speak them.
"""

from __future__ import annotations

import socket
import ssl
import warnings

import pytest
from probe_helpers import find, run_lab

from mailexpert.api import diagnose_facts
from mailexpert.lab import Lab
from mailexpert.probes.tlslocal import local_version

LEGACY = local_version("TLSv1")
pytestmark = pytest.mark.skipif(
    LEGACY is None, reason="this build of the TLS library cannot speak TLS 1.0 even at security level 0, "
    "so the lab cannot serve a TLS 1.0-only server here")


def _default_client_speaks(address: str, port: int, version: ssl.TLSVersion) -> bool:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = version
    with socket.create_connection((address, port), timeout=5) as raw:
        try:
            with context.wrap_socket(raw, server_hostname="mail.example.test") as tls:
                return tls.version() is not None
        except (ssl.SSLError, OSError):
            return False


def test_the_library_speaks_current_versions_with_its_defaults() -> None:
    for version in ("TLSv1.2", "TLSv1.3"):
        local = local_version(version)
        assert local is not None and local.accepted and local.outcome == "ok", local
        assert local.library == ssl.OPENSSL_VERSION


def test_an_outdated_server_and_this_computers_library() -> None:
    run = run_lab("tls-version-server-outdated")
    facts = run.facts
    locals_ = {f["version"]: f for f in find(facts, "tls.local")}
    assert set(locals_) == {"TLSv1", "TLSv1.1"}  # what the server accepts, nothing newer
    assert LEGACY is not None
    assert locals_["TLSv1"]["accepted"] is LEGACY.accepted
    assert locals_["TLSv1"]["library"] == ssl.OPENSSL_VERSION
    # The in-memory verdict is what a real connection to the legacy server shows.
    with Lab(scenario="tls-version-server-outdated") as lab:
        real = lab.target.real_endpoint("127.0.0.10", 993)
        assert real is not None
        assert _default_client_speaks(*real, ssl.TLSVersion.TLSv1) is LEGACY.accepted
    top = diagnose_facts(facts).diagnoses[0]
    assert (top.cause, top.severity) == ("tls-version-server-outdated", "error")
    assert "speaks only outdated TLS (TLSv1" in top.summary
    assert "to enable TLS 1.2 and TLS 1.3" in top.fix[0]  # the server side, first
    if LEGACY.accepted:  # an older library: only the server is out of date
        assert "this computer's" not in top.summary
    else:
        assert f"this computer's {ssl.OPENSSL_VERSION} refuses TLSv1" in top.summary
        assert any("SECLEVEL=0" in step for step in top.fix[1:])  # and this computer's side


def test_a_current_server_asks_nothing_of_the_local_library() -> None:
    assert not find(run_lab().facts, "tls.local")
