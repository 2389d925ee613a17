"""Diagnoses against a real Dovecot and Postfix set up wrongly, or strictly, in the ways
administrators leave them: a certificate expired, for another name or self-signed; TLS
required before any login (Dovecot's ``ssl = required``, Postfix's ``smtpd_tls_auth_only``
without ``encrypt``); TLS 1.3 only against a mail program capped at TLS 1.2; a client
restriction and a recipient restriction that refuse the account's own mail; a submission port
set up for the other TLS mode, or without AUTH; Postfix without its Dovecot auth socket; EHLO
names checked before the login.

Each diagnosis is its own engine session against its own lab, whose mail host is sent to
these servers by :func:`mailexpert.lab.realmap.real_connect_to`. In every case the client
fails, so the report must not be healthy, and the cause must come first.
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailexpert.lab import Lab, Scenario
from mailexpert.lab.dovecot import DovecotServer, dovecot_available
from mailexpert.lab.plan import Record, certificate_names
from mailexpert.lab.postfix import PostfixServer, helo_checks_unavailable, postfix_unavailable
from mailexpert.lab.realmap import real_connect_to
from mailexpert.pipeline import diagnose
from mailexpert.render import passed_checks
from mailexpert.report import Report
from tests.lab.thunderbird_profile import thunderbird_prefs
from tests.lab.verdicts import top_error

_WHY_NOT = postfix_unavailable() or (None if dovecot_available() else "/usr/sbin/dovecot is not installed")

pytestmark = [
    pytest.mark.postfix,
    pytest.mark.dovecot,
    pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or ""),
]

#: Submission services beside the lab's, each as an administrator may leave it.
STRICT_SERVICES: dict[str, tuple[int, tuple[str, ...]]] = {
    # STARTTLS offered but not required, AUTH only after it: a session without TLS gets no AUTH.
    "submission-auth-only": (587, (
        "smtpd_tls_security_level=may", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
    )),
    # A client restriction "reject" with Postfix's default smtpd_delay_reject = yes: the session
    # and the login work, and the refusal comes at RCPT TO ("Client host rejected: Access denied").
    "submission-client-rejected": (587, (
        "smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_client_restrictions=reject",
    )),
    # Recipient restrictions that refuse the account's own domain, listed before any permit.
    "submission-own-domain-refused": (587, (
        "smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_recipient_restrictions=$test_own_domain_refused",
    )),
    # Port 465 without smtpd_tls_wrappermode: a plaintext greeting where TLS is expected.
    "submissions-unwrapped": (465, ("smtpd_tls_security_level=may", "smtpd_sasl_auth_enable=yes")),
    # Port 587 with smtpd_tls_wrappermode (copied from the 465 entry): TLS at once, no greeting.
    "submission-wrapped": (587, ("smtpd_tls_wrappermode=yes", "smtpd_sasl_auth_enable=yes")),
    # Submission without smtpd_sasl_auth_enable: no AUTH even after STARTTLS.
    "submission-no-sasl": (587, ("smtpd_tls_security_level=encrypt",)),
    # EHLO names checked before anything else (smtpd_delay_reject = no), as hardened set-ups do.
    "submission-helo-checks": (587, (
        "smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_helo_required=yes", "smtpd_delay_reject=no",
        "smtpd_helo_restrictions=reject_invalid_helo_hostname,reject_non_fqdn_helo_hostname",
    )),
    # Relay restrictions without permit_sasl_authenticated (this client outside mynetworks):
    # the login works, and mail to another domain is still "Relay access denied".
    "submission-relay-no-login": (587, (
        "smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_relay_restrictions=permit_mynetworks,reject_unauth_destination", "mynetworks=192.0.2.0/24",
    )),
    # A sender restriction that refuses every sender (an administrator's "reject" left in
    # smtpd_sender_restrictions): the login works, MAIL FROM is refused at RCPT TO.
    "submission-sender-refused": (587, (
        "smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_sender_restrictions=reject",
    )),
    # A client access map answering 421 at connect (smtpd_delay_reject = no): the service
    # closes each session at once, "421 4.3.2 ... Service shutting down".
    "submission-shutting-down": (587, (
        "smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_client_restrictions=$test_shutting_down", "smtpd_delay_reject=no",
    )),
    # The certificate file gone (a renewal that moved it, a typo in smtpd_tls_chain_files):
    # Postfix still offers STARTTLS and says "Ready to start TLS", then refuses the handshake;
    # in wrapper mode it refuses the handshake at once.
    "submission-no-certificate": (587, (
        "smtpd_tls_security_level=may", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_tls_chain_files=/nonexistent/mail.pem",
    )),
    "submissions-no-certificate": (465, (
        "smtpd_tls_wrappermode=yes", "smtpd_sasl_auth_enable=yes", "smtpd_tls_chain_files=/nonexistent/mail.pem",
    )),
    # Implicit TLS, TLS 1.3 only.
    "submissions-tls13": (465, (
        "smtpd_tls_wrappermode=yes", "smtpd_sasl_auth_enable=yes",
        "smtpd_tls_protocols=>=TLSv1.3", "smtpd_tls_mandatory_protocols=>=TLSv1.3",
    )),
}


@pytest.fixture(scope="module")
def dovecot() -> Iterator[DovecotServer]:
    """No login before TLS on any port, and TLS 1.3 only."""
    with DovecotServer(address="127.0.0.72", sasl_socket=True,
                       settings={"ssl": "required", "ssl_min_protocol": "TLSv1.3"}) as server:
        yield server


@pytest.fixture(scope="module")
def lenient_dovecot() -> Iterator[DovecotServer]:
    """Dovecot as the lab sets it up (TLS 1.2 too), for the IMAP side of a test about Postfix."""
    with DovecotServer(address="127.0.0.74") as server:
        yield server


@pytest.fixture(scope="module")
def postfix(dovecot: DovecotServer) -> Iterator[PostfixServer]:
    with PostfixServer(address="127.0.0.73", sasl_path=dovecot.sasl_path, names=certificate_names(),
                       extra_services=STRICT_SERVICES,
                       settings={"test_own_domain_refused": "check_recipient_access inline:{ example.test=REJECT }, "
                                                            "permit_sasl_authenticated, reject",
                                 "test_shutting_down": "check_client_access static:{421 4.3.2 Service shutting down}"}
                       ) as server:
        yield server


def _diagnose(tmp_path: Path, postfix: PostfixServer, dovecot: DovecotServer, *, submission: str = "submission",
              submissions: str = "submissions", client_config: Path | None = None, error: str | None = None,
              login: bool = True, **settings: str) -> Report:
    account = Scenario("real-misconfig", "A real server set up strictly or wrongly.", None,
                       imap=settings.get("imap"), pop3=settings.get("pop3"), smtp=settings.get("smtp"))
    with Lab(scenario=account) as lab:
        trust = tmp_path / "ca.pem"
        trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, dovecot.ca_file)))
        extra: dict[str, object] = {"client_config": [str(client_config)]} if client_config else {}
        if error is not None:
            extra["error"] = error
        options = lab.target.diagnose_options(timeout=3.0, ca_file=str(trust),
                                              password=dovecot.password if login else None,
                                              connect_to=real_connect_to(lab.target, postfix, dovecot,
                                                                         submission=submission,
                                                                         submissions=submissions), **extra)
        return diagnose(lab.target.email, **options)


# -- the certificate -----------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "cause", "words"), [
    ("expired", "cert-expired", r"The certificate of mail\.example\.test:993 expired on "),
    ("wrong-host", "cert-hostname-mismatch", r"is valid for other\.example\.net, not mail\.example\.test"),
    ("self-signed", "cert-self-signed", r"mail\.example\.test:993 presents a self-signed certificate"),
    # A private CA on the IMAP service only, beside Postfix's certificate from the trusted CA.
    ("untrusted", "cert-untrusted-issuer", r"mail\.example\.test:993 .*'Untrusted Lab CA"),
])
def test_a_bad_certificate_on_imaps(postfix, tmp_path, kind, cause, words):
    """Dovecot's ssl_cert left expired, issued for another name, self-signed (no CA: the
    packaged snakeoil certificate) or from a private CA, beside a Postfix whose certificate
    verifies."""
    with DovecotServer(address="127.0.0.76", certificate=kind) as dovecot:
        report = _diagnose(tmp_path, postfix, dovecot, imap="mail.example.test:993/ssl",
                           smtp="mail.example.test:587/starttls")
    assert re.search(words, top_error(report, cause))
    # Postfix on the same host name verifies: a server's own certificate on one port, not an interceptor.
    assert "tls-interception" not in {d.cause for d in report.diagnoses if not d.superseded_by}
    assert not [f for f in report.facts if f.kind == "login.result" and f.get("protocol") == "imap"
                and f.get("outcome") == "success"], "a password went over a certificate that failed"
    # Only Postfix's certificate is a check that passed on the mail host.
    passed = [line for line in passed_checks(report.facts) if line.startswith("Certificate: mail.example.test")]
    assert passed and all(line.startswith("Certificate: mail.example.test (port 587) ") for line in passed), passed


@pytest.mark.parametrize(("smtp", "submission", "submissions"), [
    ("mail.example.test:587/starttls", "submission-no-certificate", "submissions"),
    ("mail.example.test:465/ssl", "submission", "submissions-no-certificate"),
])
def test_postfix_whose_certificate_file_is_missing(postfix, lenient_dovecot, tmp_path, smtp, submission, submissions):
    """smtpd_tls_chain_files names a file that is not there: every TLS handshake is refused
    ("sslv3 alert handshake failure"), after STARTTLS as on connect, whatever a client offers."""
    report = _diagnose(tmp_path, postfix, lenient_dovecot, submission=submission, submissions=submissions,
                       imap="mail.example.test:993/ssl", smtp=smtp)
    port = smtp.split(":")[1].split("/")[0]
    summary = top_error(report, "tls-no-shared-cipher", "tls-nothing-accepted")
    assert f"mail.example.test:{port} refuses every TLS handshake" in summary
    assert "cannot load" in next(d for d in report.diagnoses if d.rule == "tls-nothing-accepted").explanation


def test_an_expired_certificate_on_postfix(dovecot, tmp_path):
    with PostfixServer(address="127.0.0.75", sasl_path=dovecot.sasl_path, names=certificate_names(),
                       certificate="expired") as postfix:
        report = _diagnose(tmp_path, postfix, dovecot, imap="mail.example.test:993/ssl",
                           smtp="mail.example.test:465/ssl")
    assert "The certificate of mail.example.test:465 expired on " in top_error(report, "cert-expired")


# -- TLS before the login ------------------------------------------------------------------

def test_dovecot_ssl_required_and_the_client_without_encryption(postfix, dovecot, tmp_path):
    report = _diagnose(tmp_path, postfix, dovecot, imap="mail.example.test:143/plain",
                       smtp="mail.example.test:587/starttls")
    assert "advertises LOGINDISABLED" in top_error(report, "auth-requires-tls", "auth-requires-tls-logindisabled")


def test_postfix_requiring_starttls_and_a_client_without_encryption_or_login(postfix, lenient_dovecot, tmp_path):
    """smtpd_tls_security_level = encrypt, and a mail program that sends in cleartext without
    logging in: nothing is refused until the message, "530 5.7.0 Must issue a STARTTLS
    command first"."""
    report = _diagnose(tmp_path, postfix, lenient_dovecot, login=False,
                       imap="mail.example.test:993/ssl", smtp="mail.example.test:587/plain")
    summary = top_error(report, "auth-requires-tls", "auth-requires-tls-mail")
    assert "'530 5.7.0 Must issue a STARTTLS command first': it wants STARTTLS first" in summary


def test_dovecot_ssl_required_and_a_pop3_client_without_encryption(postfix, dovecot, tmp_path):
    """POP3 on 110 without STLS: Dovecot lists no USER and no SASL before TLS."""
    report = _diagnose(tmp_path, postfix, dovecot, pop3="mail.example.test:110/plain",
                       smtp="mail.example.test:587/starttls")
    assert "mail.example.test:110 offers STARTTLS but no authentication before it" in top_error(report, "auth-requires-tls")


def test_postfix_auth_only_after_starttls_and_the_client_without_encryption(postfix, dovecot, tmp_path):
    """STARTTLS is optional here (security level "may"), so the session goes on without it,
    but AUTH is offered only after it: the client finds no login to use."""
    report = _diagnose(tmp_path, postfix, dovecot, submission="submission-auth-only",
                       imap="mail.example.test:993/ssl", smtp="mail.example.test:587/plain")
    summary = top_error(report, "auth-requires-tls", "auth-requires-tls-no-auth-before-tls")
    assert "offers STARTTLS but no authentication before it" in summary


# -- TLS 1.3 only against a client capped at TLS 1.2 ---------------------------------------

@pytest.mark.parametrize(("version", "tls_max"), [("115.6.1", 3), ("52.9.1", None)])
def test_tls13_only_postfix_and_a_thunderbird_capped_at_tls12(postfix, lenient_dovecot, tmp_path, version, tls_max):
    """A current Thunderbird whose Config Editor caps TLS at 1.2, and a Thunderbird from before
    TLS 1.3 (63), send through 465, which takes TLS 1.3 only: the handshake fails on their side."""
    prefs = thunderbird_prefs(tmp_path, version=version, tls_max=tls_max, smtp_port=465)
    report = _diagnose(tmp_path, postfix, lenient_dovecot, submissions="submissions-tls13", client_config=prefs)
    summary = top_error(report, "tls-version-client-outdated")
    assert "can use at most TLSv1.2, which mail.example.test:465 refuses (it accepts TLSv1.3)" in summary


def test_tls13_only_dovecot_and_an_old_thunderbird(postfix, dovecot, tmp_path):
    report = _diagnose(tmp_path, postfix, dovecot, client_config=thunderbird_prefs(tmp_path, version="52.9.1"))
    summary = top_error(report, "tls-version-client-outdated")
    assert "can use at most TLSv1.2, which mail.example.test:993 refuses (it accepts TLSv1.3)" in summary


def test_tls13_only_and_a_current_thunderbird_is_healthy(postfix, lenient_dovecot, tmp_path):
    """The same servers and a Thunderbird that does TLS 1.3: nothing is wrong."""
    prefs = thunderbird_prefs(tmp_path, smtp_port=465)
    report = _diagnose(tmp_path, postfix, lenient_dovecot, submissions="submissions-tls13", client_config=prefs)
    errors = [f"{d.cause}: {d.summary}" for d in report.diagnoses if d.severity == "error"]
    assert report.exit_status == 0 and not errors, errors


# -- restrictions that refuse the account's own mail ---------------------------------------

@pytest.mark.parametrize(("service", "words"), [
    ("submission-client-rejected", "Client host rejected: Access denied"),
    ("submission-relay-no-login", "<alice@example.test>: Relay access denied"),
    ("submission-own-domain-refused", "<alice@example.test>: Recipient address rejected: Access denied"),
    ("submission-sender-refused", "<alice@example.test>: Sender address rejected: Access denied"),
])
def test_a_restriction_refuses_the_logged_in_client(postfix, dovecot, tmp_path, service, words):
    """The login works; the refusal comes at RCPT TO, permanent (5.7.1), in the server's words."""
    report = _diagnose(tmp_path, postfix, dovecot, submission=service,
                       imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")
    assert words in top_error(report, "server-reply-permanent")
    smtp_logins = [f.get("outcome") for f in report.facts if f.kind == "login.result" and f.get("protocol") == "smtp"]
    assert smtp_logins == ["success"], smtp_logins
    # The login was made and taken: no missing login, no MX, explains the refusal.
    assert not {"password-rejected", "smtp-auth-not-enabled", "mx-host-used-for-submission"} & {
        d.cause for d in report.diagnoses}


@pytest.mark.parametrize("soft_bounce", ["no", "yes"])
def test_a_sender_the_login_does_not_own(dovecot, tmp_path, soft_bounce):
    """reject_sender_login_mismatch: the account logs in as alice and sends as bob. With
    soft_bounce = yes (a setting for testing) Postfix answers 453 4.7.1 instead of 553 5.7.1:
    temporary on the wire, but no retry gets through, so it is the same error."""
    with PostfixServer(address="127.0.0.86", sasl_path=dovecot.sasl_path, names=certificate_names(),
                       sender_logins={dovecot.username: dovecot.username},
                       settings={"soft_bounce": soft_bounce}) as postfix:
        account = Scenario("real-sender", "A sender the login does not own.", None,
                           imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")
        with Lab(scenario=account) as lab:
            trust = tmp_path / "ca.pem"
            trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, dovecot.ca_file)))
            options = lab.target.diagnose_options(
                timeout=3.0, ca_file=str(trust), password=dovecot.password,
                connect_to=real_connect_to(lab.target, postfix, dovecot, submission="submission-owners"))
            report = diagnose("bob@example.test", **options)
    code = "453 4.7.1" if soft_bounce == "yes" else "553 5.7.1"
    summary = top_error(report, "sender-address-not-allowed")
    assert f"{code} <bob@example.test>: Sender address rejected: not owned by user alice@example.test" in summary
    assert ("retry in vain" in summary) == (soft_bounce == "yes"), summary
    assert not {"password-rejected", "server-reply-transient", "server-unavailable"} & {
        d.cause for d in report.diagnoses if d.is_root}


# -- the ports' modes, and AUTH ------------------------------------------------------------

@pytest.mark.parametrize(("smtp", "submission", "submissions", "cause", "words"), [
    ("mail.example.test:465/ssl", "submission", "submissions-unwrapped", "tls-on-plaintext-port",
     "mail.example.test:465 greets in plaintext SMTP, but the client starts TLS at once"),
    ("mail.example.test:587/starttls", "submission-wrapped", "submissions", "plaintext-on-tls-port",
     "mail.example.test:587 expects TLS at once (SSL/TLS), but the client is set to starttls"),
    ("mail.example.test:587/starttls", "submission-no-sasl", "submissions", "smtp-auth-not-enabled", "Relay access denied"),
])
def test_a_submission_port_set_up_for_another_mode(postfix, lenient_dovecot, tmp_path, smtp, submission, submissions,
                                                   cause, words):
    report = _diagnose(tmp_path, postfix, lenient_dovecot, submission=submission, submissions=submissions,
                       imap="mail.example.test:993/ssl", smtp=smtp)
    assert words in top_error(report, cause)


def test_a_service_that_closes_every_session_at_the_greeting(postfix, lenient_dovecot, tmp_path):
    """421 in place of the greeting: the server will not serve now (RFC 5321 section 3.8)."""
    report = _diagnose(tmp_path, postfix, lenient_dovecot, submission="submission-shutting-down",
                       imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")
    summary = top_error(report, "server-unavailable", "server-unavailable-greeting")
    assert "421 4.3.2 <unknown[127.0.0.1]>: Client host rejected: Service shutting down" in summary


def test_postfix_without_its_sasl_socket(lenient_dovecot, tmp_path):
    """smtpd_sasl_path names something that is no Dovecot auth socket (Dovecot's auth service
    not listening there, or the socket unreachable for Postfix): each smtpd dies at EHLO with
    "fatal: no SASL authentication mechanisms", and every session is cut."""
    not_a_socket = tmp_path / "auth"
    not_a_socket.write_text("")
    with PostfixServer(address="127.0.0.75", sasl_path=str(not_a_socket), names=certificate_names()) as postfix:
        report = _diagnose(tmp_path, postfix, lenient_dovecot, imap="mail.example.test:993/ssl",
                           smtp="mail.example.test:587/starttls")
        assert "fatal: no SASL authentication mechanisms" in postfix.log_text
    assert "The SMTP session with mail.example.test:587 fails at the capability step" in top_error(report, "server-protocol-error")
    assert "password-rejected" not in {d.cause for d in report.diagnoses}


def test_a_helo_name_refused_as_the_mail_program_shows_it(postfix, lenient_dovecot, tmp_path):
    """The server refuses EHLO names that are not fully qualified; a mail program that names
    itself by the computer's bare name is refused, and its message is given to the diagnosis
    (whose own EHLO, an address literal, passes)."""
    client = smtplib.SMTP(*postfix.endpoint("submission-helo-checks"), local_hostname="DESKTOP-4F2K9QL", timeout=30)
    try:
        code, text = client.ehlo()
    finally:
        client.close()
    shown = f"{code} {text.decode()}"
    assert shown.startswith("504 5.5.2 <DESKTOP-4F2K9QL>: Helo command rejected"), shown
    report = _diagnose(tmp_path, postfix, lenient_dovecot, submission="submission-helo-checks", error=shown,
                       imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")
    assert "need fully-qualified hostname" in top_error(report, "helo-name-rejected")
    smtp_logins = [f.get("outcome") for f in report.facts if f.kind == "login.result" and f.get("protocol") == "smtp"]
    assert smtp_logins == ["success"], smtp_logins


@pytest.mark.parametrize(("domain", "refused"), [(None, True), ("domain mail.example.test", False)])
def test_msmtp_named_as_its_config_says_against_helo_checks(postfix, lenient_dovecot, tmp_path, domain, refused):
    """diagnose introduces itself as the mail program does: msmtp without ``domain`` says
    EHLO localhost (msmtp(1)), which a server checking EHLO names refuses, while the probe's
    own address literal would pass and the report would be healthy. With a fully qualified
    ``domain`` the same server takes the session."""
    rc = tmp_path / "msmtprc"
    rc.write_text("account alice\nhost mail.example.test\nport 587\ntls on\nauth on\n"
                  "user alice@example.test\nfrom alice@example.test\n" + (f"{domain}\n" if domain else "")
                  + "account default : alice\n")
    report = _diagnose(tmp_path, postfix, lenient_dovecot, submission="submission-helo-checks", client_config=rc,
                       imap="mail.example.test:993/ssl")
    causes = {d.cause for d in report.diagnoses}
    if refused:
        assert "<localhost>: Helo command rejected" in top_error(report, "helo-name-rejected")
    else:
        assert "helo-name-rejected" not in causes, causes
        assert report.exit_status == 0, [f"{d.cause}: {d.summary}" for d in report.diagnoses]

# -- the password check itself fails -------------------------------------------------------

def test_dovecot_whose_password_database_fails(tmp_path):
    """Dovecot's passdb fails for now (its SQL or LDAP server down): IMAP says so
    ("[UNAVAILABLE] Temporary authentication failure."), while Postfix, which asks the same
    Dovecot, refuses the login as it refuses a wrong password (535 5.7.8 "(reason unavailable)").
    The password is not the cause, and changing it would not help."""
    with DovecotServer(address="127.0.0.77", sasl_socket=True, passdb_failing=True) as dovecot, \
            PostfixServer(address="127.0.0.78", sasl_path=dovecot.sasl_path, names=certificate_names()) as postfix:
        report = _diagnose(tmp_path, postfix, dovecot, imap="mail.example.test:993/ssl",
                           smtp="mail.example.test:587/starttls")
    outcomes = {f.get("protocol"): f.get("outcome") for f in report.facts if f.kind == "login.result"}
    assert outcomes == {"imap": "temporary", "smtp": "rejected"}, outcomes
    summary = top_error(report, "server-unavailable", "server-unavailable-password-check")
    assert "Temporary authentication failure" in summary and "(reason unavailable)" in summary
    assert {d.superseded_by for d in report.diagnoses if d.cause == "password-rejected"} <= {"server-unavailable"}


# -- the server cannot find the account's own domain ---------------------------------------

@pytest.mark.skipif(helo_checks_unavailable() is not None, reason=helo_checks_unavailable() or "")
def test_postfix_that_cannot_find_the_senders_domain(tmp_path):
    """reject_unknown_sender_domain, and a resolver that does not find the account's domain
    (the instance's own, where every name is NXDOMAIN): "450 4.1.8 ... Domain not found" for
    mailexpert's own transaction, after a login that works. 450 is Postfix's default even for
    a domain that does not exist, so every message is refused for now, again and again."""
    services = {"submission-sender-domain": (587, (
        "smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_sender_restrictions=reject_unknown_sender_domain"))}
    with DovecotServer(address="127.0.0.79", sasl_socket=True) as dovecot, \
            PostfixServer(address="127.0.0.80", sasl_path=dovecot.sasl_path, names=certificate_names(),
                          helo_checks=True, extra_services=services) as postfix:
        report = _diagnose(tmp_path, postfix, dovecot, submission="submission-sender-domain",
                           imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")
    summary = top_error(report, "server-unavailable", "server-unavailable-sender-domain")
    assert "Sender address rejected: Domain not found" in summary
    smtp_logins = [f.get("outcome") for f in report.facts if f.kind == "login.result" and f.get("protocol") == "smtp"]
    assert smtp_logins == ["success"], smtp_logins


# -- a DNS blocklist applied to logged-in clients --------------------------------------------

@pytest.mark.skipif(helo_checks_unavailable() is not None, reason=helo_checks_unavailable() or "")
def test_a_blocklist_that_refuses_the_logged_in_client(tmp_path):
    """reject_rbl_client in smtpd_client_restrictions on the submission port, without
    permit_sasl_authenticated before it: a client whose address the list names (a home
    connection in a list of dynamic addresses) logs in and is still refused at RCPT TO,
    "554 5.7.1 Service unavailable; Client host [ADDRESS] blocked using LIST". The list is
    a zone of the instance's own resolver that names 127.0.0.1."""
    services = {"submission-blocklist": (587, (
        "smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_client_restrictions=reject_rbl_client,dnsbl.example.test"))}
    listed = (Record("1.0.0.127.dnsbl.example.test", "A", "127.0.0.2"),)
    with DovecotServer(address="127.0.0.81", sasl_socket=True) as dovecot, \
            PostfixServer(address="127.0.0.82", sasl_path=dovecot.sasl_path, names=certificate_names(),
                          extra_services=services, resolver_records=listed) as postfix:
        report = _diagnose(tmp_path, postfix, dovecot, submission="submission-blocklist",
                           imap="mail.example.test:993/ssl", smtp="mail.example.test:587/starttls")
    summary = top_error(report, "client-ip-blocklisted")
    assert "Client host [127.0.0.1] blocked using dnsbl.example.test" in summary
    smtp_logins = [f.get("outcome") for f in report.facts if f.kind == "login.result" and f.get("protocol") == "smtp"]
    assert smtp_logins == ["success"], smtp_logins
