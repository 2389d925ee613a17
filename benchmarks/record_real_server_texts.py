"""Record what real mail clients print against real servers set up as many are in the world.

Runs Debian's msmtp and curl and Python's smtplib against a private Postfix (SASL through a
private Dovecot) on loopback, in the set-ups of :mod:`mailexpert.lab.postfix`: postscreen
with its after-220 tests, HELO checks, a per-client connection limit, and Dovecot's own
delays for failed logins (``auth_failure_delay``, the auth penalty). Prints corpus entries
(YAML) for tests/corpus/collected-lab.yaml; only failures are recorded. Needs root (the
Postfix master), `apt-get install postfix dovecot-imapd dovecot-pop3d msmtp curl`, and
util-linux's unshare for the HELO checks. Talks only to 127.0.0.0/8.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from record_client_texts import curl, msmtp, python, versions  # noqa: E402

from mailexpert.account import ServerSetting  # noqa: E402
from mailexpert.lab.dovecot import DovecotServer  # noqa: E402
from mailexpert.lab.postfix import PostfixServer  # noqa: E402

HOST = "mail.example.test"
#: Texts that carry neither the server's words nor a client's reading of them: a timeout
#: (postscreen's 6 s wait, Dovecot's delays outlast these clients' 5-8 s) or a bare code.
SAYS_NOTHING = re.compile(r"timed out|(?:RCPT failed|Remote access denied): \d+$")


@attrs.frozen
class _Target:
    """What the client runners read of a lab target."""

    email: str
    username: str
    password: str = attrs.field(repr=False)
    ca_file: str
    smtp_auth: str = "password"
    auth_mechanism: str | None = None


@attrs.frozen
class _Lab:
    target: _Target


@attrs.frozen
class Case:
    id: str
    recipe: str  # what the server is, for the entry's source
    service: str
    setting: str  # how the client is set up
    cause: tuple[str, ...]
    password_right: bool = True
    failures_before: int = 0  # failed logins from this address just before
    hold: bool = False  # hold every connection the server allows this client
    slow: bool = False  # Dovecot's default failure delay and its auth penalty


CASES = (
    Case("postscreen-deep", "Postfix 3.7 MX with postscreen's after-220 tests (first contact)", "smtp-postscreen-deep",
         f"{HOST}:25/starttls", ("mx-host-used-for-submission",)),
    Case("helo-checks", "Postfix 3.7 MX with reject_non_fqdn/unknown_helo_hostname", "smtp-helo-checks",
         f"{HOST}:25/starttls", ("mx-host-used-for-submission", "helo-name-rejected")),
    # A bare 421 cannot tell a connection limit from an outage.
    Case("connection-limit", "Postfix 3.7 with smtpd_client_connection_count_limit reached", "submission-limited",
         f"{HOST}:587/starttls", ("too-many-connections", "server-unavailable"), hold=True),
    Case("auth-penalty", "Postfix 3.7 with Dovecot 2.3 SASL after 2 failed logins (auth_failure_delay, penalty)",
         "submission", f"{HOST}:587/starttls", ("password-rejected",), password_right=False, failures_before=2,
         slow=True),
    Case("auth-penalty-lost", "Postfix 3.7 with Dovecot 2.3 SASL after 4 failed logins (penalty past 10 s)",
         "submission", f"{HOST}:587/starttls", ("password-rejected", "server-unavailable"), password_right=False,
         failures_before=4, slow=True),
)


@contextlib.contextmanager
def servers(slow: bool) -> Iterator[tuple[DovecotServer, PostfixServer]]:
    settings = {"auth_failure_delay": "2 secs"} if slow else {}
    with DovecotServer(address="127.0.0.62", sasl_socket=True, auth_penalty=slow, settings=settings) as dovecot, \
            PostfixServer(address="127.0.0.63", sasl_path=dovecot.sasl_path, helo_checks=not slow) as postfix:
        yield dovecot, postfix


def main() -> None:
    v = versions()
    entries = []
    for slow in (False, True):
        for name, runner in (("python", python), ("msmtp", msmtp), ("curl", curl)):
            for case in (c for c in CASES if c.slow == slow):
                # A fresh pair per run: postscreen and the penalty remember this address.
                with servers(slow) as (dovecot, postfix), contextlib.ExitStack() as held:
                    password = dovecot.password if case.password_right else "wrong-" + secrets.token_urlsafe(6)
                    target = _Target(dovecot.username, dovecot.username, password, postfix.ca_file)
                    postfix.fail_logins(case.service, dovecot.username, case.failures_before)
                    if case.hold:
                        for _ in range(postfix.connection_limit):
                            sock = held.enter_context(socket.create_connection(postfix.endpoint(case.service)))
                            sock.recv(200)
                    setting = ServerSetting.parse("smtp", case.setting)
                    out = runner(_Lab(target), setting, postfix.endpoint(case.service))
                out = "\n".join(out.replace(password, "********").strip().splitlines()[:12])
                if not out or SAYS_NOTHING.search(out):
                    continue
                program = {"python": f"Python {v['python']} smtplib", "msmtp": f"msmtp {v['msmtp']} (Debian)",
                           "curl": f"curl {v['curl']} (Debian)"}[name]
                entries.append({
                    "id": f"lab-real-{case.id}-{name}-smtp",
                    "text": out,
                    "source": f"{program} against {case.recipe} (mailexpert lab, real servers)",
                    "kind": "lab",
                    "program": program,
                    "cause": list(case.cause),
                    "server": f"smtp {case.setting}",
                })
                print(case.id, name, out.splitlines()[-1][:120], file=sys.stderr)
    print("# Recorded by benchmarks/record_real_server_texts.py: real clients against real servers.")
    print(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=1000))


if __name__ == "__main__":
    main()
