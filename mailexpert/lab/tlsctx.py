"""Server-side TLS contexts for the lab, one per (certificate, TLS policy) and cached per lab.

Every policy names its versions, cipher suites and security level explicitly, never the
build's defaults (a Debian Python's server context accepts other suites than a python.org
one), so that every build reproduces the same server. Policies reproduce the TLS faults
measured in lab-recipes §2(e)/(f):

- ``modern``: TLS 1.2+ with ECDHE and AEAD suites, security level 2;
- ``legacy``: TLS 1.0/1.1 only, ECDHE or RSA key exchange with AES-CBC and SHA-1 MACs;
  needs ``@SECLEVEL=0`` (OpenSSL 3 refuses the old signature algorithms otherwise) and an
  RSA certificate;
- ``no-shared-cipher``: TLS 1.2 with only ``AES128-SHA`` (RSA key exchange, SHA-1 MAC),
  which Python's default client cipher string (``!SHA1``) excludes;
- ``dh-small``: TLS 1.2 with only DHE and the 1024-bit RFC 2409 group: a default client
  fails with ``dh key too small``.
"""

from __future__ import annotations

import base64
import ssl
import warnings
from pathlib import Path

from mailexpert.errors import LabError
from mailexpert.lab.certs import CertStore
from mailexpert.lab.faults import FaultSet

# RFC 2409 §6.2, the 1024-bit MODP group ("Oakley group 2"): well known, and too small.
_OAKLEY_GROUP_2 = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879"
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B"
    "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF",
    16,
)


#: The modern server's TLS 1.2 suites (TLS 1.3 uses OpenSSL's three standard suites).
_MODERN = ("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
           "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:@SECLEVEL=2")


def policy_of(faults: FaultSet) -> str:
    if faults.has("tls-legacy"):
        return "legacy"
    if faults.has("no-shared-cipher"):
        return "no-shared-cipher"
    if faults.has("dh-small"):
        return "dh-small"
    return "modern"


class TLSContexts:
    """Builds and caches the server contexts of one lab."""

    def __init__(self, certs: CertStore) -> None:
        self.certs = certs
        self._cache: dict[tuple[str, str], ssl.SSLContext] = {}

    def for_faults(self, faults: FaultSet) -> ssl.SSLContext:
        kind = str(faults.get("cert") or "good")
        policy = policy_of(faults)
        if policy != "modern" and kind == "good":
            kind = "rsa"  # the legacy suites need an RSA key
        return self.get(kind, policy)

    def get(self, kind: str, policy: str = "modern") -> ssl.SSLContext:
        key = (kind, policy)
        if key not in self._cache:
            self._cache[key] = self._build(kind, policy)
        return self._cache[key]

    def _build(self, kind: str, policy: str) -> ssl.SSLContext:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        try:
            ctx.load_cert_chain(self.certs.path(kind))
            # Old versions are deprecated in Python; the lab wants them on purpose.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                if policy == "modern":
                    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
                    ctx.set_ciphers(_MODERN)
                elif policy == "legacy":
                    ctx.minimum_version = ssl.TLSVersion.TLSv1
                    ctx.maximum_version = ssl.TLSVersion.TLSv1_1
                    ctx.set_ciphers("ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA:AES128-SHA:AES256-SHA:@SECLEVEL=0")
                elif policy == "no-shared-cipher":
                    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
                    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
                    ctx.set_ciphers("AES128-SHA:@SECLEVEL=0")
                elif policy == "dh-small":
                    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
                    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
                    ctx.set_ciphers("DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:@SECLEVEL=0")
                    ctx.load_dh_params(str(self._dh_file()))
                else:
                    raise LabError(f"unknown TLS policy {policy!r}")
        except (ssl.SSLError, OSError) as exc:
            raise LabError(f"cannot build the TLS context {kind}/{policy}: {exc}") from exc
        return ctx

    def _dh_file(self) -> Path:
        path = self.certs.folder / "dh1024.pem"
        if not path.exists():
            path.write_text(dh_parameters_pem(_OAKLEY_GROUP_2, 2), encoding="ascii")
        return path


def _der_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    octets = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(octets)]) + octets


def _der_integer(n: int) -> bytes:
    body = n.to_bytes(n.bit_length() // 8 + 1, "big")  # minimal, with a 0 octet when the top bit is set
    return b"\x02" + _der_length(len(body)) + body


def dh_parameters_pem(prime: int, generator: int) -> str:
    """PKCS #3 DH parameters (``SEQUENCE { prime INTEGER, base INTEGER }``) in PEM, the file
    ``SSLContext.load_dh_params`` reads. Written here rather than by cryptography's ``dh``
    module: cryptography deprecates finite-field Diffie-Hellman as a whole (50.0) and moves
    it out of its primitives; two DER integers need no library."""
    integers = _der_integer(prime) + _der_integer(generator)
    der = b"\x30" + _der_length(len(integers)) + integers
    text = base64.b64encode(der).decode("ascii")
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    return "\n".join(["-----BEGIN DH PARAMETERS-----", *lines, "-----END DH PARAMETERS-----", ""])
