"""The TLS probe's revocation check (mailexpert.probes.revocation) against real loopback servers.

An implicit-TLS server presents a certificate of a lab CA whose CRL distribution point names a
second loopback server, the "CA's" web server, which answers as each test says: the CA's own
list, a stale one, another issuer's, garbage, 10 MB, nothing at all. Only a list that OpenSSL
accepts and that names the certificate's serial number gives ``revoked``; everything that
goes wrong gives ``unknown`` within the step timeout, and nothing is ever sent to the list's
server but a plain GET.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from hostile_servers import HostileServer, Peer
from probe_helpers import DEADLINE, STEP_TIMEOUT

from mailexpert.account import Account
from mailexpert.collect import LOOPBACK_NETWORKS, ProbeOptions, make_context
from mailexpert.facts import Fact
from mailexpert.lab.certs import CertStore
from mailexpert.probes import revocation, tls

CRL_PATH = "/ca.crl"


def http_reply(body: bytes, content_type: str = "application/pkix-crl", status: str = "200 OK") -> Callable[[Peer], None]:
    def run(peer: Peer) -> None:
        for line in peer.lines():
            if not line:
                break
        peer.send(f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                  f"Connection: close\r\n\r\n".encode() + body)
        peer.close()
    return run


def endless(peer: Peer) -> None:
    """10 MB of a 'CRL', announced as such, sent as fast as the client reads it."""
    size = 10 * 1024 * 1024
    for line in peer.lines():
        if not line:
            break
    peer.send(f"HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Length: {size}\r\n\r\n".encode())
    chunk = b"\x30" * 65536
    for _ in range(size // len(chunk)):
        peer.send(chunk)


def silent(peer: Peer) -> None:
    """Accept, read the request, never answer."""
    peer.hold(10.0)


def crl_of(issuer_key: ec.EllipticCurvePrivateKey, issuer_name: x509.Name, serials: list[int], *,
           next_update: dt.timedelta = dt.timedelta(days=7)) -> bytes:
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateRevocationListBuilder().issuer_name(issuer_name)
               .last_update(now - dt.timedelta(days=10)).next_update(now + next_update))
    for serial in serials:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(now - dt.timedelta(days=1)).build())
    return builder.sign(issuer_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


class CrlServer:
    """The CA's web server: a HostileServer whose behaviour a test sets after the certificates exist."""

    def __init__(self) -> None:
        self.behaviour: Callable[[Peer], None] = silent
        self.server = HostileServer(lambda peer: self.behaviour(peer))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}{CRL_PATH}"


@pytest.fixture
def crl_server() -> Iterator[CrlServer]:
    server = CrlServer()
    yield server
    server.server.close()


def store(folder: Path, crl_url: str) -> CertStore:
    return CertStore(folder, ("127.0.0.1", "localhost"), crl_url=crl_url)


def tls_server(certs: CertStore, kind: str) -> HostileServer:
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certs.path(kind))

    def run(peer: Peer) -> None:
        peer.start_tls(context).hold(3.0)
    return HostileServer(run)


def tls_facts(server: HostileServer, certs: CertStore, **options: object) -> tuple[list[Fact], float]:
    """Only the TLS probe, for 127.0.0.1:<port>/ssl, trusting the store's CA, loopback only."""
    account = Account(email="alice@example.test", password="CANARY-crl-Pw-4711", imap=f"127.0.0.1:{server.port}/ssl")
    opts = ProbeOptions(dns_servers=(), reference_dns=(), web_urls=(), ca_file=str(certs.ca_file), timeout=STEP_TIMEOUT,
                        deadline=DEADLINE, allowed_networks=LOOPBACK_NETWORKS, environ={}, **options)

    async def run() -> list[Fact]:
        ctx = make_context(account, opts, deadline=asyncio.get_running_loop().time() + DEADLINE)
        ctx.settings = account.settings
        return await tls.collect(ctx)

    start = time.monotonic()
    facts = asyncio.run(run())
    return facts, time.monotonic() - start


def status(facts: list[Fact]) -> tuple[str, str | None]:
    (found,) = [f for f in facts if f.kind == "tls.revocation"]
    return found["status"], found.get("reason")


def test_the_cas_own_list_reads_good_and_revoked(tmp_path: Path, crl_server: CrlServer) -> None:
    certs = store(tmp_path, crl_server.url)
    crl_server.behaviour = http_reply(certs.crl_der)
    with tls_server(certs, "good") as good, tls_server(certs, "revoked") as revoked:
        assert status(tls_facts(good, certs)[0])[0] == "good"
        facts, _ = tls_facts(revoked, certs)
    assert status(facts) == ("revoked", "certificate revoked")
    # The certificate as such verified: the other facts say nothing is wrong with it.
    (cert,) = [f for f in facts if f.kind == "tls.certificate"]
    assert cert["covers_host"] and not cert["self_signed"]
    # One GET per list and run, nothing else: no other method, no credentials.
    sent = crl_server.server.cleartext()
    assert sent.startswith(f"GET {CRL_PATH} HTTP/1.1\r\n".encode())
    assert sent.count(b"GET ") == 2 and b"POST" not in sent and b"CANARY" not in sent and b"Authorization" not in sent


def test_a_pem_list_is_read_as_well(tmp_path: Path, crl_server: CrlServer) -> None:
    certs = store(tmp_path, crl_server.url)
    pem = x509.load_der_x509_crl(certs.crl_der).public_bytes(serialization.Encoding.PEM)
    crl_server.behaviour = http_reply(pem)
    with tls_server(certs, "revoked") as server:
        assert status(tls_facts(server, certs)[0])[0] == "revoked"


def _key_and_name(certs: CertStore) -> tuple[ec.EllipticCurvePrivateKey, x509.Name]:
    key = serialization.load_pem_private_key(certs.path("good").read_bytes(), None)  # a key that is no CA's
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    ca = x509.load_pem_x509_certificates(certs.ca_file.read_bytes())[0]
    return key, ca.subject


@pytest.mark.parametrize("case", ["stale", "forged", "garbage", "not-found", "ten-mb", "silent"])
def test_what_goes_wrong_reads_unknown_in_time(tmp_path: Path, crl_server: CrlServer, case: str) -> None:
    certs = store(tmp_path, crl_server.url)
    revoked_serial = x509.load_pem_x509_certificate(certs.cert_path("revoked").read_bytes()).serial_number
    key, ca_name = _key_and_name(certs)
    crl_server.behaviour = {
        # The lab CA's name, but signed by another key: OpenSSL finds the signature wrong.
        "forged": http_reply(crl_of(key, ca_name, [revoked_serial])),
        # A list whose nextUpdate has passed (X509_V_ERR_CRL_HAS_EXPIRED): no answer, not a revocation.
        "stale": http_reply(crl_of(key, ca_name, [revoked_serial], next_update=-dt.timedelta(days=1))),
        "garbage": http_reply(b"\x30\x82\x01\x00 this is no CRL" * 20),
        "not-found": http_reply(b"not found\n", "text/plain", "404 Not Found"),
        "ten-mb": endless,
        "silent": silent,
    }[case]
    with tls_server(certs, "revoked") as server:
        facts, took = tls_facts(server, certs)
    found, reason = status(facts)
    assert found == "unknown", reason
    assert took < 3 * STEP_TIMEOUT + 1.0, took
    assert crl_server.server.connections >= 1


def test_a_stale_list_of_the_right_ca_is_no_answer(tmp_path: Path, crl_server: CrlServer) -> None:
    """Signed by the CA itself, naming the serial, but past its nextUpdate: unknown."""
    certs = store(tmp_path, crl_server.url)
    ca_key = certs._issuers["lab"].key  # noqa: SLF001 - the test plays the CA
    revoked_serial = x509.load_pem_x509_certificate(certs.cert_path("revoked").read_bytes()).serial_number
    crl_server.behaviour = http_reply(crl_of(ca_key, certs._issuers["lab"].cert.subject,  # noqa: SLF001
                                             [revoked_serial], next_update=-dt.timedelta(hours=1)))
    with tls_server(certs, "revoked") as server:
        found, reason = status(tls_facts(server, certs)[0])
    assert found == "unknown"
    assert reason and "crl has expired" in reason.lower()


@pytest.mark.parametrize(("url", "kind", "why"), [
    # Only http distribution points are fetched (RFC 5280 4.2.1.13; the CA/B Forum's baseline requirements).
    ("https://127.0.0.1:{port}/ca.crl", "revoked", "no http CRL distribution point"),
    ("ldap://127.0.0.1:{port}/cn=ca", "revoked", "no http CRL distribution point"),
    ("ftp://127.0.0.1:{port}/ca.crl", "revoked", "no http CRL distribution point"),
    # An expired certificate is not checked: its verdict is already "expired".
    ("http://127.0.0.1:{port}/ca.crl", "expired", "validity period"),
])
def test_what_is_not_fetched(tmp_path: Path, crl_server: CrlServer, url: str, kind: str, why: str) -> None:
    certs = store(tmp_path, url.format(port=crl_server.server.port))
    crl_server.behaviour = http_reply(certs.crl_der)
    with tls_server(certs, kind) as server:
        found, reason = status(tls_facts(server, certs)[0])
    assert found == "unknown" and why in (reason or "")
    assert crl_server.server.connections == 0


def test_a_list_outside_the_allowed_networks_is_not_fetched(tmp_path: Path) -> None:
    certs = store(tmp_path, "http://192.0.2.1/ca.crl")  # TEST-NET-1 (RFC 5737): outside loopback
    with tls_server(certs, "revoked") as server:
        facts, took = tls_facts(server, certs)
    found, reason = status(facts)
    assert found == "unknown" and "outside the allowed networks" in (reason or "")
    assert took < 2 * STEP_TIMEOUT + 1.0


def test_no_distribution_point_and_no_check(tmp_path: Path, crl_server: CrlServer) -> None:
    plain = CertStore(tmp_path / "plain", ("127.0.0.1",))
    with tls_server(plain, "good") as server:
        assert status(tls_facts(server, plain)[0]) == ("unknown", "the certificate names no http CRL distribution point")
    certs = store(tmp_path / "crl", crl_server.url)
    crl_server.behaviour = http_reply(certs.crl_der)
    with tls_server(certs, "revoked") as server:
        facts, _ = tls_facts(server, certs, revocation_check=False)
    assert not [f for f in facts if f.kind == "tls.revocation"]
    assert crl_server.server.connections == 0


def test_distribution_points_are_read_from_the_certificate(tmp_path: Path) -> None:
    certs = store(tmp_path, "http://crl.example.test/ca.crl")
    cert = x509.load_pem_x509_certificate(certs.cert_path("good").read_bytes())
    assert revocation.crl_urls(cert) == ["http://crl.example.test/ca.crl"]
    untrusted = x509.load_pem_x509_certificate(certs.cert_path("untrusted").read_bytes())
    assert revocation.crl_urls(untrusted) == []  # only the lab CA publishes a list


def test_a_revoked_certificate_is_no_check_that_passed() -> None:
    from mailexpert.facts import fact
    from mailexpert.render import passed_checks

    seen = [fact("tls.handshake", host="mail.example.test", port=993, mode="implicit", outcome="ok", verify="ok",
                 version="TLSv1.3", source="probe"),
            fact("tls.certificate", host="mail.example.test", port=993, covers_host=True, days_left=300, days_valid=10,
                 not_after="2027-12-05T00:00:00Z", issuer="Lab CA")]
    good = passed_checks([*seen, fact("tls.revocation", host="mail.example.test", port=993, status="good")])
    assert "Revocation: the certificate of mail.example.test (port 993) is not on its authority's revocation list (CRL)" in good
    assert any(line.startswith("Certificate: mail.example.test") for line in good)
    revoked = passed_checks([*seen, fact("tls.revocation", host="mail.example.test", port=993, status="revoked")])
    assert not any(line.startswith(("Certificate:", "Revocation:")) or "certificate verified" in line for line in revoked)
    unknown = passed_checks([*seen, fact("tls.revocation", host="mail.example.test", port=993, status="unknown")])
    assert unknown == passed_checks(seen)  # an unknown says nothing, either way
