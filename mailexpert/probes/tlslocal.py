"""This computer's own TLS library: which old TLS versions it still speaks with its defaults.

A server that offers only TLS 1.0/1.1 is out of date, but whether a mail program here can
still reach it depends on this computer too: OpenSSL 3 refuses TLS 1.0 and 1.1 at its
default security level (SHA-1 and MD5 based signatures are no longer allowed at level 1,
and those versions need them), and Debian and Ubuntu raise the level to 2 in the system's
openssl.cnf. Programs that use OpenSSL with its defaults (Python, PHP, curl, mutt,
fetchmail, ...) then fail however the program's own minimum version is set.

Learnt by behaviour, never from version numbers: two handshakes in memory (``MemoryBIO``;
no socket, nothing leaves the process) with a server that offers only that version at
security level 0. First the ``permissive`` profile's client, pinned to the version: when
it fails, this build cannot speak the version at all and nothing is asserted. Then a
client with the library's defaults (its configured security level and cipher list) and
only its minimum version lowered, as a program that allows old versions does: the
``tls.local`` fact says whether that completes.
"""

from __future__ import annotations

import datetime as _dt
import functools
import ssl
import tempfile
import warnings
from pathlib import Path

import attrs
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from mailexpert import tlsprofiles
from mailexpert.classify import classify_ssl_error

#: The in-memory exchanges a handshake may take (TLS 1.0-1.2 need two round trips).
_ROUNDS = 10


@attrs.frozen
class LocalVersion:
    """What this computer's TLS library does with one version."""

    version: str
    accepted: bool  # a client with the library's defaults completed the handshake
    outcome: str  # ok, or how it ended (as tls.handshake's outcome)
    library: str
    security_level: int | None


def _server_pem(folder: Path) -> str:
    """A throw-away self-signed RSA certificate and key (RSA: every old suite can use it)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = _dt.datetime.now(_dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - _dt.timedelta(days=1))
            .not_valid_after(now + _dt.timedelta(days=1)).sign(key, hashes.SHA256()))
    path = folder / "server.pem"
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()) + cert.public_bytes(serialization.Encoding.PEM))
    return str(path)


def _server_context(pem: str, version: str) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pem)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = context.maximum_version = tlsprofiles.VERSIONS[version]
    context.set_ciphers("ALL:@SECLEVEL=0")
    return context


def _default_client(version: str) -> ssl.SSLContext:
    """The library's defaults, with only the minimum version lowered (and nothing verified)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = tlsprofiles.VERSIONS[version]
    return context


def _handshake(client: ssl.SSLContext, server: ssl.SSLContext) -> str:
    """``ok`` or how an in-memory handshake between the two ended (either side's error)."""
    to_server, to_client = ssl.MemoryBIO(), ssl.MemoryBIO()
    c_out, s_out = ssl.MemoryBIO(), ssl.MemoryBIO()
    sides = (
        (client.wrap_bio(to_client, c_out, server_side=False), c_out, to_server),
        (server.wrap_bio(to_server, s_out, server_side=True), s_out, to_client),
    )
    for _ in range(_ROUNDS):
        finished = True
        for obj, out, peer in sides:
            try:
                obj.do_handshake()
            except ssl.SSLWantReadError:
                finished = False
            except ssl.SSLError as exc:
                return classify_ssl_error(exc).outcome
            finally:
                data = out.read()
                if data:
                    peer.write(data)
        if finished:
            return "ok"
    return "error"


@functools.lru_cache(maxsize=8)
def local_version(version: str) -> LocalVersion | None:
    """What this computer's TLS library does with ``version``; None when this build cannot
    speak it even at security level 0 (then there is nothing to say about its defaults)."""
    with tempfile.TemporaryDirectory(prefix="mailexpert-tls-") as folder:
        server = _server_context(_server_pem(Path(folder)), version)
    if _handshake(tlsprofiles.new_context("permissive", version=version), server) != "ok":
        return None
    client = _default_client(version)
    outcome = _handshake(client, server)
    return LocalVersion(version, outcome == "ok", outcome, ssl.OPENSSL_VERSION,
                        getattr(client, "security_level", None))
