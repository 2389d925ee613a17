"""A TLS failure gets the same verdict whichever OpenSSL release reports it.

Python's ssl module uses the OpenSSL of the system it was built for (3.0 on Debian 12 and
Ubuntu 22.04, 1.1.1 on older systems, 3.2 to 3.5 elsewhere); pyOpenSSL, through
cryptography's wheel, brings a newer one of its own, which words some reasons differently
("tls alert handshake failure" for "sslv3 alert handshake failure"). The same faulty
loopback servers are met by both: what the probes make of Python's exception
(``classify_ssl_error``) must be what ``explain`` makes of the other release's own words
(``classify_ssl_text``), and the certificate verdicts must come from the same verify codes.
pyOpenSSL is a test tool only (the test extra); mailexpert itself never imports it.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import sys
from pathlib import Path
from typing import Any

import pytest

SSL = pytest.importorskip("OpenSSL.SSL", reason="pyOpenSSL comes with the test extra: pip install -e '.[test]'")
crypto = pytest.importorskip("OpenSSL.crypto")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from probe_helpers import RawServer  # noqa: E402

from mailexpert import tlsprofiles  # noqa: E402
from mailexpert.classify import VERIFY_CODE_TABLE, classify_ssl_error, classify_ssl_text  # noqa: E402
from mailexpert.lab.certs import CertStore  # noqa: E402

NAME = "mail.example.test"


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> CertStore:
    return CertStore(tmp_path_factory.mktemp("certs"), (NAME,))


def _tls_server(certs: CertStore, kind: str = "good", **settings: Any) -> Any:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certs.path(kind))
    if "ciphers" in settings:
        context.set_ciphers(settings["ciphers"])
    for field in ("minimum_version", "maximum_version"):
        if field in settings:
            setattr(context, field, settings[field])
    if settings.get("refuse_name"):
        context.sni_callback = lambda *_: ssl.ALERT_DESCRIPTION_UNRECOGNIZED_NAME

    def behaviour(conn: socket.socket) -> None:
        with context.wrap_socket(conn, server_side=True) as tls:
            tls.recv(10)
    return behaviour


def _plaintext(conn: socket.socket) -> None:
    conn.sendall(b"220 mail.example.test ESMTP\r\n")
    conn.recv(4096)
    conn.sendall(b"500 5.5.2 Error: bad syntax\r\n")


def _closes(conn: socket.socket) -> None:
    conn.recv(4096)


def _servers(certs: CertStore) -> dict[str, Any]:
    with pytest.warns(DeprecationWarning):  # TLS 1.0/1.1 on purpose: an outdated server
        old = _tls_server(certs, ciphers="ALL:@SECLEVEL=0", minimum_version=ssl.TLSVersion.TLSv1,
                          maximum_version=ssl.TLSVersion.TLSv1_1)
    return {
        "plaintext": _plaintext,
        "closes": _closes,
        "outdated": old,
        "rsa-only": _tls_server(certs, ciphers="AES128-SHA:AES256-GCM-SHA384:@SECLEVEL=0",
                                maximum_version=ssl.TLSVersion.TLSv1_2),
        "unknown-name": _tls_server(certs, refuse_name=True),
        "expired": _tls_server(certs, "expired"),
        "not-yet-valid": _tls_server(certs, "not-yet-valid"),
        "self-signed": _tls_server(certs, "self-signed"),
        "untrusted": _tls_server(certs, "untrusted"),
    }


#: server -> the verdict every OpenSSL release must give the mail-client profile
EXPECTED = {
    "plaintext": ("wrong-version-number", "unchecked"),
    "closes": ("unexpected-eof", "unchecked"),
    "outdated": ("protocol-version", "unchecked"),
    "rsa-only": ("handshake-failure", "unchecked"),
    "unknown-name": ("alert", "unchecked"),
    "expired": ("cert-invalid", "expired"),
    "not-yet-valid": ("cert-invalid", "not-yet-valid"),
    "self-signed": ("cert-invalid", "self-signed"),
    "untrusted": ("cert-invalid", "untrusted-issuer"),
}


def _python_verdict(port: int, ca_file: Path) -> tuple[tuple[str, str], int | None]:
    """The probes' reading: asyncio's handshake with the mail-client profile, Python's OpenSSL."""
    context = tlsprofiles.new_context("mail-client", verify=True, ca_file=str(ca_file), system_store=False)

    async def shake() -> tuple[tuple[str, str], int | None]:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            await asyncio.wait_for(writer.start_tls(context, server_hostname=NAME), 5)
        except (ssl.SSLError, OSError, EOFError, asyncio.IncompleteReadError) as exc:
            verdict = classify_ssl_error(exc)
            return (verdict.outcome, verdict.verify), getattr(exc, "verify_code", None)
        finally:
            writer.close()
        return ("ok", "ok"), None
    return asyncio.run(shake())


def _other_release(port: int, ca_file: Path) -> tuple[str, int | None]:
    """pyOpenSSL's OpenSSL: the same profile's versions and suites; its words as OpenSSL
    prints them ("lib:function:reason"), and the verify code it met."""
    profile = tlsprofiles.table()
    context = SSL.Context(SSL.TLS_CLIENT_METHOD)
    context.set_min_proto_version(SSL.TLS1_2_VERSION)
    context.set_cipher_list(":".join(profile.ciphers("mail-client")).encode() + b":@SECLEVEL=2")
    context.load_verify_locations(str(ca_file))
    met: list[int] = []

    def check(_conn: Any, _cert: Any, code: int, _depth: int, ok: int) -> bool:
        if not ok:
            met.append(code)
        return bool(ok)
    context.set_verify(SSL.VERIFY_PEER, check)
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.settimeout(None)  # pyOpenSSL needs a blocking socket; every server here closes
    conn = SSL.Connection(context, sock)
    conn.set_tlsext_host_name(NAME.encode())
    conn.set_connect_state()
    try:
        conn.do_handshake()
        return "ok", None
    except SSL.SysCallError as exc:
        # (-1, 'Unexpected EOF') or (errno, name): what curl prints as SSL_ERROR_SYSCALL
        return f"SSL_ERROR_SYSCALL: {exc.args[1]}", None
    except SSL.Error as exc:
        words = "; ".join(":".join(part for part in entry) for entry in exc.args[0])
        return words, (met[0] if met else None)
    finally:
        sock.close()


def _verify_words(certs: CertStore, kind: str) -> str:
    """What the other release says of this certificate ("certificate has expired")."""
    store = crypto.X509Store()
    store.add_cert(crypto.X509.from_cryptography(_first_cert(certs.ca_file)))
    leaf = crypto.X509.from_cryptography(_first_cert(certs.cert_path(kind)))
    with pytest.raises(crypto.X509StoreContextError) as raised:
        crypto.X509StoreContext(store, leaf).verify_certificate()
    return str(raised.value)


def _first_cert(path: Path) -> Any:
    from cryptography import x509
    return x509.load_pem_x509_certificates(path.read_bytes())[0]


def test_every_openssl_release_gives_the_same_verdict(certs: CertStore) -> None:
    seen = {}
    for name, behaviour in _servers(certs).items():
        with RawServer(behaviour) as server:
            python, python_code = _python_verdict(server.port, certs.ca_file)
            words, other_code = _other_release(server.port, certs.ca_file)
        assert python == EXPECTED[name], (name, python)
        if python[0] == "cert-invalid":
            # A certificate's verdict comes from OpenSSL's verify code, the same number in
            # every release; the other release's words for it read the same.
            assert other_code == python_code and VERIFY_CODE_TABLE.get(other_code) == python[1], (name, other_code)
            text = f"{words}: {_verify_words(certs, name)}"
        else:
            text = words
        verdict = classify_ssl_text(text)
        seen[name] = text
        assert (verdict.outcome, verdict.verify) == python, (name, text, python)
    # The other release was really met (each fault has words of its own).
    assert len(set(seen.values())) == len(seen), seen
