"""Certificates for the loopback lab: a temporary CA and one server certificate per fault.

Each :class:`CertStore` makes its own lab CA (so two labs never trust each other's
certificates) and writes, into the lab's temporary folder:

- ``ca.pem``: the trust bundle a client uses (``lab.ca_file``): the lab CA and the
  "Lab Antivirus Inspection CA" (a trusted local inspection root, as an antivirus or a
  corporate proxy installs it). The second, *untrusted* CA is deliberately not in it.
- ``<kind>.pem``: certificate and key of each kind in :data:`CERT_KINDS`.
- ``lab-ca.crl``: the lab CA's certificate revocation list (DER, RFC 5280 section 5), which
  lists the ``revoked`` certificate's serial number. With ``crl_url`` set, every certificate
  the lab CA issues names that URL in a CRL Distribution Points extension (RFC 5280 section
  4.2.1.13); the lab's own loopback web server serves the list there.

Keys are ECDSA P-256 (about a millisecond each) except ``rsa`` (for TLS 1.0/1.1-only
servers, whose legacy cipher suites are the RSA ones: 30-200 ms to generate). So the CAs are
made with the store, and each server certificate when a server first asks for it: a lab
whose faults need no RSA certificate never waits for its key. ``cryptography`` is imported
then too, not with the module: the fault tables and ``demo --list`` do not need it.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from mailexpert.errors import LabError

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    _KeyType = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

#: Every certificate kind a lab server can present, with what it simulates.
CERT_KINDS: dict[str, str] = {
    "good": "issued by the lab CA for every lab host name and address",
    "expired": "as good, but notAfter lies in the past",
    "not-yet-valid": "as good, but notBefore lies in the future",
    "self-signed": "a self-signed leaf for every lab host",
    "wrong-host": "issued by the lab CA for other.example.net only",
    "untrusted": "issued by a second CA that is not in the trust file",
    "missing-aki": "issued by the lab CA without the Authority Key Identifier extension",
    "interception": "issued by the trusted 'Lab Antivirus Inspection CA'",
    "rsa": "as good, with an RSA key (for TLS 1.0/1.1-only servers)",
    "chained": "issued by an intermediate CA of a trusted root; the server sends both",
    "chain-missing": "as chained, but the server sends the leaf alone (no intermediate)",
    "revoked": "as good, but its serial number is on the lab CA's revocation list (CRL)",
}

#: Where the lab CA's CRL is published: the lab's web host (127.0.0.20, port 80), as public
#: CAs publish theirs over plain http (RFC 5280 section 4.2.1.13).
CRL_PATH = "/lab-ca.crl"
#: How long the lab's CRL is current (its nextUpdate), as a CA's weekly schedule.
CRL_LIFETIME = _dt.timedelta(days=7)

WRONG_HOST_NAME = "other.example.net"
INSPECTION_CA_NAME = "Lab Antivirus Inspection CA"


@attrs.frozen
class _Issuer:
    cert: x509.Certificate
    key: _KeyType


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0)


def _ec_key() -> ec.EllipticCurvePrivateKey:
    from cryptography.hazmat.primitives.asymmetric import ec

    return ec.generate_private_key(ec.SECP256R1())


def _name(common_name: str, organization: str) -> x509.Name:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _make_ca(common_name: str, organization: str, *, parent: _Issuer | None = None,
             path_length: int | None = 0) -> _Issuer:
    """A root CA, or with ``parent`` an intermediate CA it issues."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    key = _ec_key()
    now = _now()
    name = _name(common_name, organization)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    issuer_ski = ski if parent is None else parent.cert.extensions.get_extension_for_class(
        x509.SubjectKeyIdentifier).value
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name if parent is None else parent.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(days=1))
        .not_valid_after(now + _dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(issuer_ski), critical=False)
        .sign(key if parent is None else parent.key, hashes.SHA256())
    )
    return _Issuer(cert, key)


def _san(names: tuple[str, ...]) -> x509.SubjectAlternativeName:
    from cryptography import x509

    entries: list[x509.GeneralName] = []
    for value in names:
        try:
            entries.append(x509.IPAddress(ipaddress.ip_address(value)))
        except ValueError:
            entries.append(x509.DNSName(value))
    return x509.SubjectAlternativeName(entries)


def _make_leaf(
    names: tuple[str, ...],
    issuer: _Issuer | None,
    *,
    key: _KeyType | None = None,
    not_before: _dt.datetime | None = None,
    not_after: _dt.datetime | None = None,
    with_aki: bool = True,
    serial: int | None = None,
    crl_url: str | None = None,
) -> tuple[x509.Certificate, _KeyType]:
    """A server certificate for ``names``; ``issuer=None`` makes it self-signed."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import ExtendedKeyUsageOID

    key = key or _ec_key()
    now = _now()
    subject = _name(names[0], "mailexpert lab")
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(serial or x509.random_serial_number())
        .not_valid_before(not_before or now - _dt.timedelta(days=1))
        .not_valid_after(not_after or now + _dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(_san(names), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is not None and with_aki:
        issuer_ski = issuer.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(issuer_ski), critical=False
        )
    if issuer is not None and crl_url:
        point = x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)
        builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    signer = issuer.key if issuer else key
    return builder.sign(signer, hashes.SHA256()), key


def _pem(cert: x509.Certificate) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: _KeyType) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@attrs.define
class CertStore:
    """The certificates of one lab, written to ``folder``.

    ``names`` are the DNS names and IP addresses the good certificates cover; ``crl_url``
    (None: none) the CRL Distribution Point the lab CA's certificates name. The CA files
    and the CRL exist from the start; each kind's certificate is made the first time :meth:`path` or
    :meth:`cert_path` asks for it (from any thread).
    """

    folder: Path
    names: tuple[str, ...]
    crl_url: str | None = None
    ca_file: Path = attrs.field(init=False)
    crl_der: bytes = attrs.field(init=False, default=b"", repr=False)
    _revoked_serial: int = attrs.field(init=False, default=0)
    _paths: dict[str, Path] = attrs.field(init=False, factory=dict)
    _issuers: dict[str, _Issuer] = attrs.field(init=False, factory=dict)
    _lock: threading.Lock = attrs.field(init=False, factory=threading.Lock)

    def __attrs_post_init__(self) -> None:
        if not self.names:
            raise LabError("a certificate store needs at least one host name")
        try:
            self._issuers = {
                "lab": _make_ca("mailexpert Lab CA", "mailexpert lab"),
                "inspection": _make_ca(INSPECTION_CA_NAME, "Lab Antivirus"),
                "other": _make_ca("Untrusted Lab CA", "Somebody else"),
                "root": _make_ca("mailexpert Lab Root CA", "mailexpert lab", path_length=1),
            }
            # As public CAs do: the root stays offline, an intermediate issues the certificates.
            self._issuers["intermediate"] = _make_ca("mailexpert Lab Issuing CA 1", "mailexpert lab",
                                                     parent=self._issuers["root"])
            self.folder.mkdir(parents=True, exist_ok=True)
            self.ca_file = self.folder / "ca.pem"
            self.ca_file.write_bytes(b"".join(_pem(self._issuers[n].cert) for n in ("lab", "inspection", "root")))
            (self.folder / "untrusted-ca.pem").write_bytes(_pem(self._issuers["other"].cert))
            self._revoked_serial = self._make_crl()
            (self.folder / "lab-ca.crl").write_bytes(self.crl_der)
        except (OSError, ValueError) as exc:
            raise LabError(f"cannot create the lab certificates in {self.folder}: {exc}") from exc

    def _make_crl(self) -> int:
        """The lab CA's CRL (DER, in ``crl_der``), current for :data:`CRL_LIFETIME`, listing one
        serial number: the one the ``revoked`` certificate gets. Returns that serial number."""
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization

        lab_ca, now = self._issuers["lab"], _now()
        serial = x509.random_serial_number()
        entry = (x509.RevokedCertificateBuilder().serial_number(serial)
                 .revocation_date(now - _dt.timedelta(hours=1))
                 .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False).build())
        crl = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(lab_ca.cert.subject)
            .last_update(now - _dt.timedelta(hours=1))
            .next_update(now + CRL_LIFETIME)
            .add_revoked_certificate(entry)
            .add_extension(x509.CRLNumber(1), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
                lab_ca.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value), critical=False)
            .sign(lab_ca.key, hashes.SHA256())
        )
        self.crl_der = crl.public_bytes(serialization.Encoding.DER)
        return serial

    def _leaf(self, kind: str) -> tuple[x509.Certificate, _KeyType]:
        now = _now()
        names, lab_ca, crl = self.names, self._issuers["lab"], self.crl_url
        if kind == "good":
            return _make_leaf(names, lab_ca, crl_url=crl)
        if kind == "revoked":
            return _make_leaf(names, lab_ca, crl_url=crl, serial=self._revoked_serial)
        if kind == "expired":
            return _make_leaf(names, lab_ca, not_before=now - _dt.timedelta(days=400),
                              not_after=now - _dt.timedelta(days=30), crl_url=crl)
        if kind == "not-yet-valid":
            # 400 days ahead: a clock that is a year behind sees every certificate as not yet valid.
            return _make_leaf(names, lab_ca, not_before=now + _dt.timedelta(days=400),
                              not_after=now + _dt.timedelta(days=800), crl_url=crl)
        if kind == "self-signed":
            return _make_leaf(names, None)
        if kind == "wrong-host":
            return _make_leaf((WRONG_HOST_NAME,), lab_ca, crl_url=crl)
        if kind == "untrusted":
            return _make_leaf(names, self._issuers["other"])
        if kind == "missing-aki":
            return _make_leaf(names, lab_ca, with_aki=False, crl_url=crl)
        if kind == "interception":
            return _make_leaf(names, self._issuers["inspection"])
        if kind in ("chained", "chain-missing"):
            return _make_leaf(names, self._issuers["intermediate"])
        if kind == "rsa":
            from cryptography.hazmat.primitives.asymmetric import rsa

            return _make_leaf(names, lab_ca, key=rsa.generate_private_key(65537, 2048), crl_url=crl)
        raise LabError(f"unknown certificate kind {kind!r} (known: {', '.join(CERT_KINDS)})")

    def path(self, kind: str) -> Path:
        """The PEM file (key and certificate) of certificate ``kind``."""
        with self._lock:
            if kind not in self._paths:
                cert, key = self._leaf(kind)
                chain = _pem(cert) + (_pem(self._issuers["intermediate"].cert) if kind == "chained" else b"")
                path = self.folder / f"{kind}.pem"
                try:
                    # Key first, then the certificates: one file serves load_cert_chain and Dovecot.
                    path.write_bytes(_key_pem(key) + chain)
                    path.chmod(0o600)
                    (self.folder / f"{kind}.crt").write_bytes(chain)
                except (OSError, ValueError) as exc:
                    raise LabError(f"cannot create the lab certificate {kind} in {self.folder}: {exc}") from exc
                self._paths[kind] = path
            return self._paths[kind]

    def cert_path(self, kind: str) -> Path:
        """The PEM file with only the certificate of ``kind`` (no key)."""
        self.path(kind)
        return self.folder / f"{kind}.crt"
