"""features/postfix.feature: diagnoses against a real Postfix (SASL through a real Dovecot).

The rest of the lab (DNS, web, discovery) is the ordinary in-process lab; its connect-to
map sends the mail host to real servers instead: 25 to Postfix's MX service (also the MX
host's 25), 465 to implicit TLS, 587 to the service the scenario names, and the IMAP and
POP3 ports to the Dovecot that checks Postfix's logins, so every server knows one password.
One Postfix and one Dovecot serve every scenario (each diagnosis is still its own engine
session against its own lab); the client trusts the lab's CA, Postfix's and Dovecot's.
"""

from __future__ import annotations

import contextlib
import secrets
import smtplib
import socket
from pathlib import Path

import attrs
import pytest
from pytest_bdd import given, parsers, scenario, scenarios, then, when

from mailexpert.lab import Lab, Scenario
from mailexpert.lab.dovecot import DovecotServer, dovecot_available
from mailexpert.lab.plan import certificate_names
from mailexpert.lab.postfix import HELO_CHECKS, ROLES, PostfixServer, helo_checks_unavailable, postfix_unavailable
from mailexpert.lab.realmap import real_connect_to
from mailexpert.pipeline import diagnose
from mailexpert.report import Report
from tests.lab.thunderbird_profile import thunderbird_prefs

_WHY_NOT = postfix_unavailable() or (None if dovecot_available() else "/usr/sbin/dovecot is not installed")

pytestmark = [
    pytest.mark.postfix,
    pytest.mark.dovecot,
    pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or ""),
]


# A server that greets late on purpose is no slow network: the probes time the TCP handshake.
@scenario("postfix.feature", "The server greets slowly, on purpose")
def test_slow_greeting() -> None:
    pass


scenarios("postfix.feature")

#: Longer than the shared features' step timeout: a failed login is answered after ~0.5 s.
STEP_TIMEOUT = 3.0


@attrs.define
class PostfixSituation:
    service_587: str
    service_25: str = "smtp"
    smtp: str = ""
    password_right: bool = True
    password_given: bool = True  # False: the mail program sends without a login
    timeout: float = STEP_TIMEOUT
    password: str = ""  # the password actually sent, for "the report never shows the password"
    hold_connections: bool = False
    slow_failures: bool = False  # Dovecot's default failure delay and auth penalty
    failed_before: int = 0
    send_as: str = ""  # the sender address the mail program sends from, before the diagnosis
    said: str = ""  # what the mail program showed for it, given to the diagnosis as --error
    cram_only: bool = False  # Dovecot's SASL, and so Postfix's AUTH, offers only CRAM-MD5
    mechanism: str | None = None  # the mechanism the mail program is set to (None: it picks)
    address: str = ""  # the address diagnosed (the mail program's sender), when not the lab's
    username: str = ""  # the login name, when an address is given
    server: PostfixServer | None = None  # the Postfix the diagnosis talked to
    log_mark: int = 0  # where its log stood before the diagnosis
    service_465: str = "submissions"
    passdb_down: bool = False  # Dovecot's password database fails, for IMAP and for Postfix's SASL
    thunderbird: tuple[str, int | None] | None = None  # the mail program's version and TLS cap, from its prefs.js
    msmtp: str | None = None  # the mail program is msmtp: its msmtprc's "domain" line ("" for none)


@pytest.fixture(scope="module")
def dovecot():
    with DovecotServer(address="127.0.0.47", sasl_socket=True) as server:
        yield server


#: Port 465 as a strict administrator sets it up: TLS 1.3 only.
TLS13_ONLY = "submissions-tls13"
#: Port 587 checking EHLO names before anything else, as hardened set-ups do.
HELO_CHECKED = "submission-helo-checks"


#: The strict services beside the lab's: port 465 with TLS 1.3 only, port 587 with EHLO checks.
STRICT_SERVICES = {
    TLS13_ONLY: (465, ("smtpd_tls_wrappermode=yes", "smtpd_sasl_auth_enable=yes",
                       "smtpd_tls_protocols=>=TLSv1.3", "smtpd_tls_mandatory_protocols=>=TLSv1.3")),
    HELO_CHECKED: (587, ("smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
                         "smtpd_helo_required=yes", "smtpd_delay_reject=no",
                         "smtpd_helo_restrictions=reject_invalid_helo_hostname,reject_non_fqdn_helo_hostname")),
}


@pytest.fixture(scope="module")
def postfix(dovecot):
    with PostfixServer(address="127.0.0.48", sasl_path=dovecot.sasl_path, names=certificate_names(),
                       helo_checks=helo_checks_unavailable() is None,
                       sender_logins={dovecot.username: dovecot.username},
                       extra_services=STRICT_SERVICES) as server:
        yield server


#: Dovecot as it is out of the box: a failed login is answered 2 s late, and every later one
#: from the same address later still (2, 4, 8 up to 15 s); Postfix logs in through it.
SLOW_FAILURES = {"auth_failure_delay": "2 secs"}


# One pair per scenario: the penalty grows with every failure from this address, and past
# 10 s Postfix gives up on Dovecot ("454 4.7.0 Temporary authentication failure: Connection
# lost to authentication server").
#: Dovecot with CRAM-MD5 as its only mechanism (its password file is plain text, which
#: CRAM-MD5 needs), and the Postfix that logs in through it.
@pytest.fixture(scope="module")
def cram_dovecot():
    with DovecotServer(address="127.0.0.82", sasl_socket=True, settings={"auth_mechanisms": "cram-md5"}) as server:
        yield server


@pytest.fixture(scope="module")
def cram_postfix(cram_dovecot):
    with PostfixServer(address="127.0.0.83", sasl_path=cram_dovecot.sasl_path, names=certificate_names()) as server:
        yield server


#: Dovecot whose password database fails on every lookup, and the Postfix that asks it.
@pytest.fixture(scope="module")
def failing_dovecot():
    with DovecotServer(address="127.0.0.84", sasl_socket=True, passdb_failing=True) as server:
        yield server


@pytest.fixture(scope="module")
def failing_postfix(failing_dovecot):
    with PostfixServer(address="127.0.0.85", sasl_path=failing_dovecot.sasl_path, names=certificate_names()) as server:
        yield server


@pytest.fixture
def slow_dovecot():
    with DovecotServer(address="127.0.0.60", sasl_socket=True, auth_penalty=True, settings=SLOW_FAILURES) as server:
        yield server


@pytest.fixture
def slow_postfix(slow_dovecot):
    with PostfixServer(address="127.0.0.61", sasl_path=slow_dovecot.sasl_path, names=certificate_names()) as server:
        yield server


@given(parsers.re(r'(?P<words>.+?), with a real Postfix whose port 587 is "(?P<service>[a-z-]+)"'
                  r'(?: and port 25 is "(?P<mx>[a-z-]+)")?(?P<cram> and whose logins are CRAM-MD5 only)?$'),
       target_fixture="situation")
def real_postfix(words: str, service: str, mx: str | None, cram: str | None) -> PostfixSituation:
    assert ROLES.get(service) == 587, f"{service!r} is not a Postfix service for port 587"
    assert ROLES.get(mx or "smtp") == 25, f"{mx!r} is not a Postfix service for port 25"
    if mx == HELO_CHECKS and helo_checks_unavailable() is not None:
        pytest.skip(f"no HELO checks here: {helo_checks_unavailable()}")
    return PostfixSituation(service, mx or "smtp", cram_only=cram is not None)


#: A mail program's authentication methods, as Thunderbird names them, and the SASL mechanism
#: each pins (None: the program picks from what the server offers).
METHODS = {"Normal password": None, "Encrypted password": "CRAM-MD5"}


@given(parsers.parse('my mail program\'s authentication method is "{method}"'))
def auth_method(situation: PostfixSituation, method: str) -> None:
    situation.mechanism = METHODS[method]


@given("Dovecot's password database is down")
def passdb_down(situation: PostfixSituation) -> None:
    situation.passdb_down = True


@given("its port 587 refuses EHLO names that are not fully qualified")
def helo_checked(situation: PostfixSituation) -> None:
    situation.service_587 = HELO_CHECKED


@given(parsers.re(r'my mail program is msmtp, set up (?:without "domain"|with "(?P<domain>domain [^"]+)")$'))
def msmtp(situation: PostfixSituation, domain: str | None) -> None:
    situation.msmtp = domain or ""


@given("its port 465 takes TLS 1.3 only")
def tls13_only(situation: PostfixSituation) -> None:
    situation.service_465 = TLS13_ONLY


@given(parsers.re(r'my mail program is Thunderbird (?P<version>[0-9.]+), set up in its profile'
                  r'(?: with "security\.tls\.version\.max" set to (?P<cap>\d))?$'))
def thunderbird(situation: PostfixSituation, version: str, cap: str | None) -> None:
    situation.thunderbird = (version, int(cap) if cap else None)


@given("my other devices hold every connection the server allows me")
def hold_connections(situation: PostfixSituation) -> None:
    situation.hold_connections = True


@given("Dovecot delays failed logins as it does by default")
def slow_failures(situation: PostfixSituation) -> None:
    situation.slow_failures = True
    # Shorter than the answer to a login here (4-6 s), far shorter than a mail client waits.
    situation.timeout = 4.0


@given(parsers.parse("my mail program already failed to log in {times:d} times"))
def failed_before(situation: PostfixSituation, times: int) -> None:
    situation.failed_before = times


@then(parsers.parse('the TLS versions the server offers are "{versions}"'))
def offered_versions(report: Report, situation: PostfixSituation, versions: str) -> None:
    port = int(situation.smtp.split(":")[1].split("/")[0])
    offers = [f for f in report.facts if f.kind == "tls.offer" and f.get("port") == port]
    assert [f.get("versions") for f in offers] == [versions], offers


@given(parsers.re(r'my outgoing server is "(?P<smtp>[^"]+)" and my password is (?P<password>right|wrong|not given)'))
def outgoing_server(situation: PostfixSituation, smtp: str, password: str) -> None:
    situation.smtp = smtp
    situation.password_right = password == "right"
    situation.password_given = password != "not given"


@given(parsers.parse('my mail program logs in and sends from "{address}", and shows what the server said'))
def sends_as(situation: PostfixSituation, address: str) -> None:
    situation.send_as = address


@given(parsers.parse('my mail program logs in as {username} and sends from "{address}"'))
def diagnosed_sender(situation: PostfixSituation, username: str, address: str) -> None:
    situation.username, situation.address = username, address


@then("Postfix saw MAIL FROM and RCPT TO in that session, then RSET, and no DATA")
def envelope_without_data(situation: PostfixSituation) -> None:
    assert situation.server is not None
    sessions = situation.server.session_commands(since=situation.log_mark)
    logged_in = [s for s in sessions if s.get("auth") == "1"]
    assert len(logged_in) == 1, sessions
    counts = logged_in[0]
    assert counts.get("mail") == "1" and counts.get("rcpt") in ("1", "0/1") and counts.get("rset") == "1", counts
    assert not any("data" in s or "bdat" in s for s in sessions), sessions


def _send_as(postfix: PostfixServer, dovecot: DovecotServer, situation: PostfixSituation) -> str:
    """What a real client (smtplib) shows when it logs in and sends from ``situation.send_as``."""
    address, port = postfix.endpoint(situation.service_587)
    with smtplib.SMTP(address, port, local_hostname="client.example.test", timeout=5) as client:
        client.starttls(context=postfix.client_context())
        client._host = "mail.example.test"  # noqa: SLF001 - smtplib checks the name it connected to
        client.ehlo()
        client.login(dovecot.username, dovecot.password)
        try:
            client.sendmail(situation.send_as, ["somebody@example.invalid"], b"Subject: test\r\n\r\nnever sent\r\n")
        except smtplib.SMTPException as exc:
            return f"{type(exc).__name__}: {exc}"
    raise AssertionError(f"Postfix took mail from {situation.send_as}")


def _profile(situation: PostfixSituation, folder: Path) -> Path:
    """The mail program's prefs.js or msmtprc, with the outgoing server the scenario gives."""
    host, _, rest = situation.smtp.partition(":")
    port, _, mode = rest.partition("/")
    if situation.msmtp is not None:
        rc = folder / "msmtprc"
        rc.write_text(f"account work\nhost {host}\nport {port}\ntls {'off' if mode == 'plain' else 'on'}\n"
                      f"tls_starttls {'off' if mode == 'ssl' else 'on'}\nauth on\n{situation.msmtp}\n"
                      "account default : work\n")
        return rc
    assert situation.thunderbird is not None
    version, cap = situation.thunderbird
    return thunderbird_prefs(folder, version=version, tls_max=cap, smtp_port=int(port))


@given(parsers.parse("my mail client waits up to {seconds:d} seconds"))
def client_timeout(situation: PostfixSituation, seconds: int) -> None:
    situation.timeout = float(seconds)


@when("I diagnose my account against the real Postfix", target_fixture="report")
def diagnose_against_postfix(situation: PostfixSituation, request: pytest.FixtureRequest, tmp_path: Path) -> Report:
    names = ("slow_postfix", "slow_dovecot") if situation.slow_failures else (
        ("cram_postfix", "cram_dovecot") if situation.cram_only else (
            ("failing_postfix", "failing_dovecot") if situation.passdb_down else ("postfix", "dovecot")))
    postfix: PostfixServer = request.getfixturevalue(names[0])
    dovecot: DovecotServer = request.getfixturevalue(names[1])
    # The method a mail program is set to holds for its incoming server too (Dovecot's IMAP,
    # CRAM-MD5 only as well); one only assumed from the domain's autoconfig would not have it.
    imap = "mail.example.test:993/ssl" if situation.cram_only or situation.passdb_down else None
    account = Scenario("real-postfix", "Sending through a real Postfix.", None, imap=imap, smtp=situation.smtp,
                       auth_mechanism=situation.mechanism)
    before = len(postfix.log_text)
    refusals = postfix.fail_logins(situation.service_587, dovecot.username, situation.failed_before)
    assert all(code in (535, 454) for code in refusals), refusals
    assert postfix.auth_attempts(since=before) == situation.failed_before  # and those sessions are over
    if situation.send_as:
        before = len(postfix.log_text)
        situation.said = _send_as(postfix, dovecot, situation)
        assert postfix.auth_attempts(since=before) == 1  # that session is over before the diagnosis
    log_mark = situation.log_mark = len(postfix.log_text)
    situation.server = postfix
    situation.password = dovecot.password if situation.password_right else "wrong-" + secrets.token_urlsafe(6)
    with contextlib.ExitStack() as held, Lab(scenario=account) as lab:
        if situation.hold_connections:
            for _ in range(postfix.connection_limit):
                sock = held.enter_context(socket.create_connection(postfix.endpoint(situation.service_587), timeout=5))
                assert sock.recv(200).startswith(b"220 ")  # held, past the limit's count
        trust = tmp_path / "ca.pem"
        trust.write_text("".join(Path(p).read_text() for p in (lab.ca_file, postfix.ca_file, dovecot.ca_file)))
        options = lab.target.diagnose_options(
            timeout=situation.timeout,
            connect_to=real_connect_to(lab.target, postfix, dovecot, submission=situation.service_587,
                                       submissions=situation.service_465, mx=situation.service_25),
            ca_file=str(trust),
            password=situation.password if situation.password_given else None,
            **({"error": situation.said} if situation.said else {}),
            **({"username": situation.username} if situation.username else {}),
            **({"client_config": [str(_profile(situation, tmp_path))]}
               if situation.thunderbird or situation.msmtp is not None else {}),
        )
        report = diagnose(situation.address or lab.target.email, **options)
    attempts = postfix.auth_attempts(since=log_mark)
    assert attempts <= 1, f"{attempts} logins to Postfix in one diagnosis"
    return report


@then(parsers.parse("mailexpert's one login to Postfix succeeds"))
def login_succeeds(report: Report) -> None:
    login_is(report, "success")


@then(parsers.parse('mailexpert\'s one login to Postfix is "{outcome}"'))
def login_is(report: Report, outcome: str) -> None:
    logins = [f for f in report.facts if f.kind == "login.result" and f.get("protocol") == "smtp"]
    assert [f.get("outcome") for f in logins] == [outcome], logins


@then(parsers.parse('the report warns of "{cause}"'))
def warns_of(report: Report, cause: str) -> None:
    """Found, as a warning only, and no error beside it."""
    assert [d.severity for d in report.diagnoses if d.cause == cause] == ["warning"], report.diagnoses
    assert not report.has_errors, [f"{d.cause}: {d.summary}" for d in report.diagnoses if d.severity == "error"]


@then(parsers.parse('the report does not find "{cause}"'))
def not_found(report: Report, cause: str) -> None:
    found = [d for d in report.diagnoses if d.cause == cause]
    assert not found, "\n".join(f"{d.cause} ({d.severity}): {d.summary}" for d in found)
