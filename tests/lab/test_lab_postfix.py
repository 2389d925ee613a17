"""A real Postfix under the lab (SASL through a real Dovecot), and the lab's SMTP texts checked
against it."""

from __future__ import annotations

import smtplib
import socket
import time

import pytest

from mailexpert.explain import explain
from mailexpert.lab import replies
from mailexpert.lab.dovecot import DovecotServer, dovecot_available
from mailexpert.lab.postfix import HELO_CHECKS, ROLES, PostfixServer, helo_checks_unavailable, postfix_unavailable

_WHY_NOT = postfix_unavailable() or (None if dovecot_available() else "/usr/sbin/dovecot is not installed")

pytestmark = [
    pytest.mark.postfix,
    pytest.mark.dovecot,
    pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or ""),
]

#: smtplib would otherwise ask the system resolver for this machine's name.
CLIENT_NAME = "client.example.test"
FOREIGN = "somebody@example.invalid"


@pytest.fixture(scope="module")
def dovecot():
    with DovecotServer(address="127.0.0.46", sasl_socket=True) as server:
        yield server


@pytest.fixture(scope="module")
def postfix(dovecot):
    with PostfixServer(sasl_path=dovecot.sasl_path, helo_checks=helo_checks_unavailable() is None,
                       sender_logins={dovecot.username: dovecot.username}) as server:
        yield server


def _smtp(postfix: PostfixServer, service: str, timeout: float = 5.0) -> smtplib.SMTP:
    address, port = postfix.endpoint(service)
    if service == "submissions":
        return smtplib.SMTP_SSL(address, port, local_hostname=CLIENT_NAME, timeout=timeout,
                                context=postfix.client_context())
    return smtplib.SMTP(address, port, local_hostname=CLIENT_NAME, timeout=timeout)


def _starttls(client: smtplib.SMTP, postfix: PostfixServer) -> None:
    client.ehlo()
    client.starttls(context=postfix.client_context())
    client._host = "mail.example.test"  # noqa: SLF001 - smtplib checks the name it connected to
    client.ehlo()


def test_every_service_plays_a_mail_port():
    assert set(ROLES.values()) == {25, 465, 587}


def test_mx_denies_relay_and_offers_no_login(postfix):
    client = _smtp(postfix, "smtp")
    code, text = client.ehlo()
    assert code == 250 and client.has_extn("starttls") and not client.has_extn("auth")
    client.mail("alice@example.test")
    code, text = client.rcpt(FOREIGN)
    assert (code, text.decode()) == (554, f"5.7.1 <{FOREIGN}>: Relay access denied")
    assert f"{code} {text.decode()}" == replies.SMTP_RELAY_DENIED.format(rcpt=FOREIGN)
    client.quit()


def test_a_sender_the_login_does_not_own_is_refused_and_explained(postfix, dovecot):
    """reject_sender_login_mismatch: alice logs in and may send from her own address only; what
    smtplib raises for another sender is explained as that cause, not as a login problem."""
    client = _smtp(postfix, "submission-owners")
    _starttls(client, postfix)
    client.login(dovecot.username, dovecot.password)
    stranger = "bob@example.test"
    with pytest.raises(smtplib.SMTPRecipientsRefused) as err:
        client.sendmail(stranger, [FOREIGN], b"Subject: test\r\n\r\nnever sent\r\n")
    code, text = err.value.recipients[FOREIGN]
    assert (code, text.decode()) == (
        553, f"5.7.1 <{stranger}>: Sender address rejected: not owned by user {dovecot.username}")
    report = explain(str(err.value))
    assert report.top is not None and report.top.cause == "sender-address-not-allowed", report.diagnoses
    assert "password-rejected" not in [d.cause for d in report.diagnoses]
    # Her own address passes the check (and meets the lab's closed door after it).
    client.rset()
    client.mail(dovecot.username)
    code, text = client.rcpt(FOREIGN)
    assert code == 550 and b"outbound delivery is disabled" in text
    client.quit()


def test_greeting_is_debian_postfix_as_the_lab_says(postfix):
    with socket.create_connection(postfix.endpoint("smtp"), timeout=5) as sock:
        assert sock.recv(1000) == b"220 mail.example.test ESMTP Postfix (Debian/GNU)\r\n"


def test_submission_offers_auth_only_after_starttls(postfix):
    client = _smtp(postfix, "submission")
    client.ehlo()
    assert client.has_extn("starttls") and not client.has_extn("auth")
    code, text = client.docmd("AUTH", "PLAIN AGFsaWNlAHdyb25n")
    assert f"{code} {text.decode()}" == replies.SMTP_MUST_STARTTLS
    code, text = client.mail("alice@example.test")
    assert f"{code} {text.decode()}" == replies.SMTP_MUST_STARTTLS
    _starttls(client, postfix)
    assert client.esmtp_features["auth"].split() == ["PLAIN", "LOGIN"]
    client.quit()


def test_wrong_and_right_password_through_dovecot(postfix, dovecot):
    client = _smtp(postfix, "submission")
    _starttls(client, postfix)
    with pytest.raises(smtplib.SMTPAuthenticationError) as err:
        client.login(dovecot.username, "wrong")
    assert f"{err.value.smtp_code} {err.value.smtp_error.decode()}" == replies.SMTP_WRONG["dovecot"]
    code, text = client.login(dovecot.username, dovecot.password)
    assert f"{code} {text.decode()}" == replies.SMTP_AUTH_OK
    # Logged in, and still nothing leaves: every transport is an error.
    client.mail(dovecot.username)
    code, text = client.rcpt(FOREIGN)
    assert code == 550 and b"outbound delivery is disabled" in text
    client.quit()


def test_a_stale_password_retried_is_refused_each_time(postfix, dovecot):
    before = len(postfix.log_text)
    assert postfix.fail_logins("submission", dovecot.username, 2) == [535, 535]
    assert postfix.auth_attempts(since=before) == 2  # one AUTH a session, and the sessions are over


def test_submissions_is_implicit_tls(postfix, dovecot):
    client = _smtp(postfix, "submissions")
    client.ehlo()
    assert client.has_extn("auth") and not client.has_extn("starttls")
    assert client.login(dovecot.username, dovecot.password)[0] == 235
    client.quit()


def test_submission_without_tls_offers_auth_in_cleartext(postfix):
    client = _smtp(postfix, "submission-notls")
    client.ehlo()
    assert client.has_extn("auth") and not client.has_extn("starttls")
    code, text = client.docmd("STARTTLS")
    assert (code, text) == (502, b"5.5.1 Error: command not implemented")
    client.quit()


def test_slow_greeting_comes_after_the_delay(postfix):
    began = time.monotonic()
    client = _smtp(postfix, "submission-slow", timeout=postfix.greeting_delay + 5)
    waited = time.monotonic() - began
    assert postfix.greeting_delay - 0.2 <= waited < postfix.greeting_delay + 2
    client.quit()


def test_refused_client_gets_554_in_place_of_the_greeting(postfix):
    """RFC 5321 section 3.1: a server that will not serve this client answers the connection
    with 554 and then refuses every command but QUIT."""
    with socket.create_connection(postfix.endpoint("submission-refused"), timeout=5) as sock:
        reader = sock.makefile("rb")
        greeting = reader.readline()
        assert greeting.startswith(b"554 5.7.1 ") and b"Client host rejected" in greeting, greeting
        sock.sendall(b"EHLO client.example.test\r\n")
        assert reader.readline().startswith(b"503 "), "a refused session must refuse EHLO too"
        sock.sendall(b"QUIT\r\n")
        assert reader.readline().startswith(b"221 ")


def test_two_instances_at_once_do_not_collide():
    with PostfixServer() as first, PostfixServer() as second:
        assert not set(first.ports.values()) & set(second.ports.values())
        for server in (first, second):
            client = _smtp(server, "smtp")
            assert client.ehlo()[0] == 250
            client.quit()
    assert first.folder is None and second.folder is None


def test_only_loopback():
    from mailexpert.errors import LabError

    with pytest.raises(LabError):
        PostfixServer(address="192.0.2.1")


def _offers(client: smtplib.SMTP) -> tuple[bool, list[str]]:
    return client.has_extn("starttls"), client.esmtp_features.get("auth", "").split()


@pytest.mark.parametrize(("port", "service"), [(25, "smtp"), (587, "submission"), (465, "submissions")])
def test_the_lab_offers_what_postfix_offers(postfix, clients, port, service):
    """STARTTLS, AUTH before and after TLS, and the refusals, as the real Postfix gives them.

    The lab may offer more mechanisms (XOAUTH2, OAUTHBEARER for its OAuth cases); the extensions
    no diagnosis reads (VRFY, ETRN, DSN, CHUNKING) are not compared.
    """
    lab_client, real = clients.smtp(port), _smtp(postfix, service)
    real.ehlo()
    seen = []
    for client, context in ((lab_client, clients.ctx()), (real, postfix.client_context())):
        starttls, auth = _offers(client)
        steps: list[object] = [starttls, [m for m in auth if m in ("PLAIN", "LOGIN")]]
        if port != 465:
            steps.append(client.docmd("AUTH", "PLAIN AGFsaWNlAHg="))
            if port == 25:
                client.mail("alice@example.test")
                steps.append(client.rcpt(FOREIGN))
                client.rset()
            client.starttls(context=context)
            client.ehlo()
            starttls, auth = _offers(client)
            steps += [starttls, [m for m in auth if m in ("PLAIN", "LOGIN")]]
        client.quit()
        seen.append(steps)
    assert seen[0] == seen[1]


def _greeting(postfix: PostfixServer, service: str, timeout: float = 15.0) -> list[tuple[float, bytes]]:
    """The greeting's lines as they come, each with the seconds it took."""
    lines = []
    began = time.monotonic()
    with socket.create_connection(postfix.endpoint(service), timeout=timeout) as sock:
        reader = sock.makefile("rb")
        while True:
            line = reader.readline()
            lines.append((time.monotonic() - began, line))
            if not line.startswith(b"220-"):
                return lines


def test_postscreen_greets_in_two_parts_on_first_contact_only(postfix):
    first = _greeting(postfix, "smtp-postscreen")
    banner = b"mail.example.test ESMTP Postfix (Debian/GNU)\r\n"
    assert [line for _, line in first] == [b"220-" + banner, b"220 " + banner]
    assert first[0][0] < 1.0 and first[1][0] >= 5.0  # postscreen_greet_wait: 6 s by default
    # A client that waited is remembered: the next greeting comes from smtpd, at once.
    again = _greeting(postfix, "smtp-postscreen")
    assert [line for _, line in again] == [b"220 " + banner] and again[0][0] < 1.0


def test_postscreen_after_220_tests_refuse_a_new_client_for_now(postfix):
    client = _smtp(postfix, "smtp-postscreen-deep", timeout=15)
    client.ehlo()
    assert not client.has_extn("auth") and not client.has_extn("pipelining")
    client.mail("alice@example.test")
    assert client.rcpt(FOREIGN) == (450, b"4.3.2 Service currently unavailable")
    client.close()
    # Passed now: the next connection reaches smtpd (relay denied, as on any MX).
    client = _smtp(postfix, "smtp-postscreen-deep")
    client.ehlo()
    client.mail("alice@example.test")
    assert client.rcpt(FOREIGN)[0] == 554
    client.quit()


def test_too_many_connections_from_one_client(postfix):
    held = [socket.create_connection(postfix.endpoint("submission-limited"), timeout=5)
            for _ in range(postfix.connection_limit)]
    try:
        for sock in held:
            assert sock.recv(200).startswith(b"220 ")
        with socket.create_connection(postfix.endpoint("submission-limited"), timeout=5) as sock:
            assert sock.recv(200) == b"421 4.7.0 mail.example.test Error: too many connections from 127.0.0.1\r\n"
    finally:
        for sock in held:
            sock.close()


@pytest.mark.skipif(helo_checks_unavailable() is not None, reason=helo_checks_unavailable() or "")
@pytest.mark.parametrize(("name", "code"), [
    ("[127.0.0.1]", 250), ("[IPv6:::1]", 250),  # address literals are never looked up
    ("client.example.test", 450), ("mailexpert.invalid", 450),  # "Host not found"
    ("localhost", 504),  # "need fully-qualified hostname"
])
def test_helo_checks_accept_address_literals_only_here(postfix, name, code):
    client = _smtp(postfix, HELO_CHECKS)
    client.local_hostname = name
    assert client.ehlo()[0] == code
    client.close()


@pytest.mark.parametrize(("sender", "outcome", "code"), [("bob@example.test", "rejected", 553),
                                                         (None, "accepted", 250)])
def test_the_probe_starts_the_transaction_after_its_login_and_sends_no_message(postfix, dovecot, tmp_path,
                                                                               sender, outcome, code):
    """After its one login the session probe sends MAIL FROM and RCPT TO the account's address,
    then RSET: Postfix checks the sender's owner there (at RCPT TO), and no DATA ever follows."""
    from pathlib import Path

    from mailexpert.account import Account
    from mailexpert.collect import LOOPBACK_NETWORKS, ProbeOptions, collect_sync
    from mailexpert.lab import Lab
    from mailexpert.lab.realmap import real_connect_to

    with Lab() as lab:
        t = lab.target
        trust = tmp_path / "ca.pem"
        trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, dovecot.ca_file)))
        account = Account(email=sender or dovecot.username, username=dovecot.username, password=dovecot.password,
                          smtp="mail.example.test:587/starttls")
        options = ProbeOptions(
            dns_servers=t.dns_servers, reference_dns=(), web_urls=(), environ={}, local_zones=(), discovery=False,
            connect_to=real_connect_to(t, postfix, dovecot, submission="submission-owners"), ca_file=str(trust),
            timeout=3.0, deadline=15.0, allowed_networks=LOOPBACK_NETWORKS, hosts_file=t.hosts_file or None)
        before = len(postfix.log_text)
        result = collect_sync(account, options)
    envelope = [f for f in result.facts if f.kind == "envelope.result"]
    assert [(f["outcome"], f["stage"], f["code"]) for f in envelope] == [(outcome, "rcpt", code)], envelope
    sent = [line.split(" C: ", 1)[1] for line in result.transcript if "[smtp mail.example.test:587] C: " in line]
    address = account.email
    assert sent[sent.index("AUTH PLAIN <redacted>"):] == [
        "AUTH PLAIN <redacted>", f"MAIL FROM:<{address}>", f"RCPT TO:<{address}>", "RSET", "QUIT"], sent
    assert not any(dovecot.password in line for line in result.transcript)
    sessions = postfix.session_commands(since=before)
    logged_in = [s for s in sessions if "auth" in s]  # the other connections are the TCP and TLS probes'
    assert len(logged_in) == 1 and logged_in[0]["auth"] == "1", sessions
    rcpt = "1" if outcome == "accepted" else "0/1"
    assert (logged_in[0].get("mail"), logged_in[0].get("rcpt"), logged_in[0].get("rset")) == ("1", rcpt, "1"), sessions
    assert not any("data" in s or "bdat" in s for s in sessions), sessions
