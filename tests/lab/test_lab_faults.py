"""Connection-level and TLS faults, observed as a client sees them (lab-recipes §2)."""

from __future__ import annotations

import base64
import imaplib
import smtplib
import socket
import ssl
import time

import pytest

from mailexpert import tlsprofiles
from mailexpert.errors import LabError
from mailexpert.lab import Fault, Lab
from mailexpert.lab.tlsctx import _OAKLEY_GROUP_2, dh_parameters_pem

SHORT = 0.4


def _outcome(lab: Lab, port: int, wait: float = SHORT) -> str:
    try:
        sock = lab.connect("mail.example.test", port, timeout=wait)
    except ConnectionRefusedError:
        return "refused"
    except ConnectionResetError:  # the lab's RST can beat the end of connect()
        return "reset"
    except TimeoutError:
        return "timeout"
    try:
        data = sock.recv(100)
        return "greeting" if data else "closed"
    except TimeoutError:
        return "silent"
    except ConnectionResetError:
        return "reset"
    finally:
        sock.close()


def test_closed_and_filtered_paths(make_lab):
    lab = make_lab(Fault("closed", "mail:143"), Fault("filtered", "mail:110,25"))
    began = time.monotonic()
    assert _outcome(lab, 143) == "refused"
    assert time.monotonic() - began < SHORT  # an RST, not a wait
    assert _outcome(lab, 110) == "timeout"
    assert _outcome(lab, 25) == "timeout"  # the filler keeps the queue full for every try
    assert _outcome(lab, 587, wait=2.0) == "greeting"  # a greeting may be slow on a busy machine


def test_unserved_logical_port_is_refused(lab):
    sock_result = None
    try:
        lab.connect("mx.example.test", 993, timeout=SHORT)
    except ConnectionRefusedError:
        sock_result = "refused"
    assert sock_result == "refused"


def test_silent_and_slow(make_lab):
    lab = make_lab(Fault("silent", "mail:143"), Fault("slow", "mail:110", 0.3))
    assert _outcome(lab, 143) == "silent"
    began = time.monotonic()  # before the connect: the lab's wait starts at its accept
    sock = lab.connect("mail.example.test", 110, timeout=2)
    assert sock.recv(100).startswith(b"+OK")
    assert time.monotonic() - began >= 0.2
    sock.close()


def test_plaintext_client_on_implicit_tls_port_gets_no_banner(lab):
    address, port = lab.endpoint("mail.example.test", 993)
    with pytest.raises((TimeoutError, socket.timeout)):
        imaplib.IMAP4(address, port, timeout=SHORT)


def test_tls_client_on_plaintext_port_wrong_version(clients):
    with pytest.raises(ssl.SSLError, match="WRONG_VERSION_NUMBER"):
        clients.raw(143, tls=True)


def test_drip_sends_one_byte_at_a_time(make_lab):
    # Half a second between bytes: a first read that comes late (a busy machine, other
    # threads holding the GIL) still finds one byte; at 0.01 s it found 2-4 in 13 of 60 tries.
    lab = make_lab(Fault("drip", "mail:110", 0.5))
    sock = lab.connect("mail.example.test", 110, timeout=2)
    assert len(sock.recv(100)) == 1
    sock.close()


def test_latency_delays_every_reply(make_lab, clients_of):
    lab = make_lab(Fault("latency", "mail:110", 0.15))
    client = clients_of(lab).pop3(110)
    began = time.monotonic()
    client.noop()
    assert time.monotonic() - began >= 0.1
    client.close()


def _lossy_pattern(seed: int) -> list[str]:
    with Lab(faults=[Fault("lossy", "mail:110", 0.5)], seed=seed) as lab:
        # A generous wait: a slow healthy greeting must not pass for a hang.
        return [_outcome(lab, 110, wait=1.0) for _ in range(8)]


def test_lossy_is_deterministic_per_seed():
    first = _lossy_pattern(7)
    assert first == _lossy_pattern(7)
    assert "greeting" in first
    assert {"silent", "reset"} & set(first)


def test_reset_after_cleartext_login_only(make_lab, clients_of):
    lab = make_lab(Fault("plaintext-auth", "mail:*"), Fault("reset-after-auth", "mail:*"))
    c = clients_of(lab)
    imap = c.imap(143)
    assert "AUTH=PLAIN" in imap.capabilities and "LOGINDISABLED" not in imap.capabilities
    with pytest.raises((ConnectionResetError, imaplib.IMAP4.abort)):
        imap.login(lab.target.username, lab.target.password)
    imap.shutdown()
    smtp = c.smtp(587)
    with pytest.raises(smtplib.SMTPServerDisconnected, match="reset"):
        smtp.login(lab.target.username, lab.target.password)
    smtp.close()
    assert lab.servers["imap"].cleartext_logins == 1
    tls = c.imap(993)
    assert tls.login(lab.target.username, lab.target.password)[0] == "OK"
    tls.logout()


def test_plaintext_auth_allowed_works_without_tls(make_lab, clients_of):
    lab = make_lab(Fault("plaintext-auth", "mail:143"))
    imap = clients_of(lab).imap(143)
    assert imap.login(lab.target.username, lab.target.password)[0] == "OK"
    imap.logout()
    assert lab.servers["imap"].cleartext_logins == 1


def test_reset_mid_handshake(make_lab, clients_of):
    lab = make_lab(Fault("reset-handshake", "mail:993,143"))
    with pytest.raises((ConnectionResetError, ssl.SSLError)):
        clients_of(lab).raw(993, tls=True)
    client = clients_of(lab).imap(143)
    with pytest.raises((ConnectionResetError, ssl.SSLError, imaplib.IMAP4.abort)):
        client.starttls(ssl_context=clients_of(lab).ctx())


def test_garbage(make_lab):
    lab = make_lab(Fault("garbage", "mail:587"))
    sock = lab.connect("mail.example.test", 587, timeout=2)
    data = b""
    while len(data) < 512:
        chunk = sock.recv(1024)
        if not chunk:
            break
        data += chunk
    assert len(data) == 512 and data[0] == 0xFF
    sock.close()


def test_long_line(make_lab):
    lab = make_lab(Fault("long-line", "mail:587,143"))
    address, port = lab.endpoint("mail.example.test", 587)
    with pytest.raises(smtplib.SMTPResponseException) as err:
        smtplib.SMTP(address, port, local_hostname="client.test", timeout=3)
    assert (err.value.smtp_code, err.value.smtp_error) == (500, "Line too long.")
    address, port = lab.endpoint("mail.example.test", 143)
    with pytest.raises(imaplib.IMAP4.error, match="got more than"):
        imaplib.IMAP4(address, port, timeout=3)


def test_ansi_in_greeting(make_lab, clients_of):
    lab = make_lab(Fault("ansi", "mail:587"))
    client = clients_of(lab).smtp(587)  # the session goes on after the greeting
    assert client.noop()[0] == 250
    client.close()
    sock = lab.connect("mail.example.test", 587, timeout=2)
    greeting = clients_of.read_until(sock, b"\r\n")
    assert greeting.startswith(b"220 \x1b[1;31mmail.example.test")
    sock.close()


def test_endless_smtp_continuation(make_lab, clients_of):
    lab = make_lab(Fault("endless", "mail:587"))
    sock = lab.connect("mail.example.test", 587, timeout=2)
    data = clients_of.read_until(sock, b"greeting line 500\r\n", limit=1 << 17)
    lines = data.split(b"\r\n")[:-1]
    assert len(lines) > 500 and all(line.startswith(b"220-") for line in lines)
    sock.close()


def test_endless_imap_untagged(make_lab, clients_of):
    lab = make_lab(Fault("endless", "mail:143"))
    sock = lab.connect("mail.example.test", 143, timeout=2)
    clients_of.read_until(sock, b"\r\n")
    data = clients_of.exchange(sock, "a1 CAPABILITY", marker=b"line 300\r\n")
    assert b"a1 " not in data and data.count(b"* OK lab untagged line") > 300
    sock.close()


def test_http_reply_on_mail_port(make_lab):
    lab = make_lab(Fault("http", "mail:587"))
    address, port = lab.endpoint("mail.example.test", 587)
    with pytest.raises(smtplib.SMTPConnectError) as err:
        smtplib.SMTP(address, port, local_hostname="client.test", timeout=3)
    assert err.value.smtp_code == -1 and b"400 Bad Request" in err.value.smtp_error


def test_pop3_on_the_imap_port(make_lab):
    lab = make_lab(Fault("speak", "mail:143", "pop3"))
    address, port = lab.endpoint("mail.example.test", 143)
    with pytest.raises(imaplib.IMAP4.error):  # imaplib reads '+OK' as a continuation
        imaplib.IMAP4(address, port, timeout=3)
    sock = lab.connect("mail.example.test", 143)
    assert sock.recv(100) == b"+OK Dovecot (Debian) ready.\r\n"
    sock.close()


def test_tls_on_plaintext_port_and_plaintext_on_tls_port(make_lab, clients_of):
    lab = make_lab(Fault("speak-tls", "mail:143"), Fault("speak-plain", "mail:993"))
    sock = clients_of(lab).raw(143, tls=True)
    assert sock.recv(200).startswith(b"* OK [CAPABILITY")
    sock.close()
    with pytest.raises(ssl.SSLError, match="WRONG_VERSION_NUMBER"):
        clients_of(lab).raw(993, tls=True)


CERT_ERRORS = {
    "expired": "certificate has expired",
    "not-yet-valid": "certificate is not yet valid",
    "self-signed": "self-signed certificate",
    "wrong-host": "Hostname mismatch, certificate is not valid for 'mail.example.test'.",
    "untrusted": "unable to get local issuer certificate",
}


@pytest.mark.parametrize("kind", sorted(CERT_ERRORS))
def test_certificate_faults(make_lab, clients_of, kind):
    lab = make_lab(Fault("cert", "mail:993,587", kind))
    with pytest.raises(ssl.SSLCertVerificationError) as err:
        clients_of(lab).raw(993, tls=True)
    assert CERT_ERRORS[kind] in str(err.value)
    client = clients_of(lab).smtp(587)  # smtplib checks the name it connected to: the address
    with pytest.raises(ssl.SSLCertVerificationError, match="certificate verify failed"):
        client.starttls(context=clients_of(lab).ctx())
    client.close()


@pytest.mark.parametrize("kind", ["good", "interception", "missing-aki", "rsa"])
def test_certificates_that_verify(make_lab, clients_of, kind):
    lab = make_lab(Fault("cert", "mail:993", kind))
    sock = clients_of(lab).raw(993, tls=True)
    issuer = dict(x[0] for x in sock.getpeercert()["issuer"])
    if kind == "interception":
        assert issuer["commonName"] == "Lab Antivirus Inspection CA"
    else:
        assert issuer["commonName"] == "mailexpert Lab CA"
    sock.close()


def test_missing_aki_fails_strict_verification(make_lab):
    lab = make_lab(Fault("cert", "mail:993", "missing-aki"))
    ctx = lab.client_context()
    ctx.verify_flags |= ssl.VERIFY_X509_STRICT
    sock = lab.connect("mail.example.test", 993)
    with pytest.raises(ssl.SSLCertVerificationError, match="Missing Authority Key Identifier"):
        ctx.wrap_socket(sock, server_hostname="mail.example.test")
    sock.close()


def test_sinkhole_serves_a_certificate_for_other_names(lab):
    sock = lab.connect("127.0.0.99", 443)
    with pytest.raises(ssl.SSLCertVerificationError, match="Hostname mismatch"):
        lab.client_context().wrap_socket(sock, server_hostname="mail.example.test")
    sock.close()


def _permissive(lab: Lab, **kwargs: object):
    """A handshake with the permissive profile (what the probes learn a server's offer with)."""
    ctx = tlsprofiles.new_context("permissive", **kwargs)
    return ctx.wrap_socket(lab.connect("mail.example.test", 993), server_hostname="mail.example.test")


# The TLS faults are judged by behaviour -- the mail-client profile's handshake fails, the
# permissive one's succeeds with the expected parameters -- never by OpenSSL's error text,
# which differs between builds.

def test_tls_legacy_only(make_lab, clients_of):
    lab = make_lab(Fault("tls-legacy", "mail:993"))
    with pytest.raises(ssl.SSLError):
        clients_of(lab).raw(993, tls=True)
    for version in ("TLSv1.2", "TLSv1.3"):
        with pytest.raises(ssl.SSLError):
            _permissive(lab, version=version)
    sock = _permissive(lab)
    assert sock.version() == "TLSv1.1"
    assert sock.recv(100).startswith(b"* OK")
    sock.close()


def test_no_shared_cipher(make_lab, clients_of):
    lab = make_lab(Fault("no-shared-cipher", "mail:993"))
    with pytest.raises(ssl.SSLError):
        clients_of(lab).raw(993, tls=True)
    sock = _permissive(lab)
    assert (sock.version(), sock.cipher()[0]) == ("TLSv1.2", "AES128-SHA")
    sock.close()


def test_dh_key_too_small(make_lab, clients_of):
    lab = make_lab(Fault("dh-small", "mail:993"))
    with pytest.raises(ssl.SSLError):
        clients_of(lab).raw(993, tls=True)
    sock = _permissive(lab, classes=("dhe",))  # DHE is offered ...
    assert sock.cipher()[0].startswith("DHE-")
    sock.close()
    with pytest.raises(ssl.SSLError):  # ... but not with a group of 2048 bits or more
        ctx = tlsprofiles.new_context("dhe-2048")
        ctx.wrap_socket(lab.connect("mail.example.test", 993), server_hostname="mail.example.test")


def test_dh_parameters_are_pkcs3_der_in_pem(tmp_path):
    """The small-DH fault's parameters, written without cryptography's deprecated FFDH module:
    SEQUENCE { INTEGER p, INTEGER g } in DER, each integer minimal and positive."""
    prime = _OAKLEY_GROUP_2
    pem = dh_parameters_pem(prime, 2)
    lines = pem.splitlines()
    assert (lines[0], lines[-1]) == ("-----BEGIN DH PARAMETERS-----", "-----END DH PARAMETERS-----")
    assert all(len(line) <= 64 for line in lines[1:-1])
    der = base64.b64decode("".join(lines[1:-1]))
    p = b"\x02\x81\x81\x00" + prime.to_bytes(128, "big")  # a 0 octet keeps the top bit from the sign
    assert der == b"\x30\x81\x87" + p + b"\x02\x01\x02"
    path = tmp_path / "dh.pem"
    path.write_text(pem)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.set_ciphers("DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0")  # a 1024-bit group needs level 0
    ctx.load_dh_params(str(path))  # OpenSSL reads it


def test_unknown_fault_kind_and_values_are_refused():
    with pytest.raises(LabError, match="unknown fault kind"):
        Fault("gremlins")
    with pytest.raises(LabError, match="not one of"):
        Fault("cert", "mail:993", "forged")
    with pytest.raises(LabError, match="not a loopback sinkhole"):
        Fault("dns-wrong", "dns", "10.0.0.1")
    with pytest.raises(LabError, match="not a loopback address"):
        Fault("dns-stale", "dns", "192.0.2.10")
    with pytest.raises(LabError, match="unknown host"):
        Fault("filtered", "mars:25")
    with pytest.raises(LabError):
        Lab(faults=[Fault("ipv6", "mail"), Fault("ipv6", "web")])


def test_a_closing_session_sees_a_close_not_a_reset(make_lab, clients_of):
    """A server that ends the session reads what the client still sends until the client
    closes: closing over unread bytes would send an RST, so a client whose QUIT arrives just
    before the close would see a reset or a close by chance (it was a reset most times)."""
    lab = make_lab(Fault("busy", "mail:110"))
    for _ in range(20):
        sock = lab.connect("mail.example.test", 110, timeout=3)
        greeting = clients_of.read_until(sock, b"\r\n")
        assert greeting.startswith(b"-ERR")
        sock.sendall(b"QUIT\r\n")
        assert sock.recv(100) == b""  # EOF, never ConnectionResetError
        sock.close()

