"""A real Debian Dovecot (IMAP and POP3) for the lab, as in lab-recipes §1.

``with DovecotServer() as d:`` writes a private configuration (nothing in /etc/dovecot
is read), starts ``dovecot -F -c <conf>`` and waits until its four listeners (IMAP,
IMAPS, POP3, POP3S on free high ports of one 127.0.0.x address) accept connections.

Why the settings are as they are:

- ``auth_failure_delay = 0`` and the anvil penalty socket renamed: otherwise each failed
  login costs 2 s and every later login from the same address 4 s more;
- a fresh, empty ``base_dir`` per instance: a stale anvil socket causes 5 s retries;
- run as root, Dovecot drops to its ``dovecot``/``dovenull`` users and mail processes
  run as ``nobody``; as an ordinary user, every service runs as that user, unchrooted.

The real replies (``NO [AUTHENTICATIONFAILED] Authentication failed.`` ...) are the
reference the lab's own servers imitate. Stopping takes about 2.5 s (Dovecot's own
shutdown), so tests use it sparingly (``@pytest.mark.dovecot``).
"""

from __future__ import annotations

import grp
import os
import pwd
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from mailexpert.errors import LabError
from mailexpert.lab.certs import CertStore
from mailexpert.lab.daemon import START_TIMEOUT, Daemon
from mailexpert.lab.plan import EMAIL
from mailexpert.lab.ports import free_ports

DOVECOT_BINARY = "/usr/sbin/dovecot"
#: The authentication socket Postfix's smtpd connects to, relative to base_dir.
SASL_SOCKET = "auth-postfix"


def dovecot_available(binary: str = DOVECOT_BINARY) -> bool:
    return Path(binary).is_file() and os.access(binary, os.X_OK)


def _override(lines: list[str], settings: Mapping[str, str]) -> list[str]:
    """The configuration with top-level ``key = value`` lines replaced by ``settings``; the
    settings it did not have are added at the end (Dovecot warns of a key set twice)."""
    out, done = [], set()
    for line in lines:
        key = line.split("=", 1)[0].strip() if "=" in line and not line.startswith(" ") else None
        if key is not None and key in settings:
            out.append(f"{key} = {settings[key]}")
            done.add(key)
        else:
            out.append(line)
    return out + [f"{k} = {v}" for k, v in settings.items() if k not in done]


class DovecotServer(Daemon):
    """A private Dovecot instance with one account (full address as user name).

    ``settings``: top-level settings that replace the lab's or are added to them, to run
    Dovecot as real servers are set up (``auth_failure_delay = 2 secs``, its default;
    ``ssl_min_protocol = TLSv1.3``; ``protocols = imap``; a ``login_greeting``).
    ``auth_penalty``: keep Dovecot's penalty for addresses with failed logins (each later
    login from there waits 2, 4, 8 up to 15 s before it is even checked), as every real
    Dovecot does; the lab turns it off so that its tests do not slow each other down.
    ``certificate``: the kind of certificate it presents (:data:`mailexpert.lab.certs.CERT_KINDS`).
    ``passdb_failing``: its password database fails on every lookup, as an SQL or LDAP server
    that is down does: a checkpassword program that exits 111, the checkpassword interface's
    "temporary problem" (Dovecot answers "[UNAVAILABLE] Temporary authentication failure.").
    """

    NAME = "Dovecot"
    LOG = "dovecot.log"
    LOG_FILES = ("dovecot.stderr", "dovecot.log")

    def __init__(
        self,
        *,
        address: str = "127.0.0.40",
        username: str = EMAIL,
        password: str = "lab-dovecot-password",
        binary: str = DOVECOT_BINARY,
        plaintext_auth: bool = False,
        sasl_socket: bool = False,
        settings: Mapping[str, str] | None = None,
        auth_penalty: bool = False,
        certificate: str = "good",
        passdb_failing: bool = False,
    ) -> None:
        super().__init__(address)
        self.username = username
        self.password = password
        self.binary = binary
        self.plaintext_auth = plaintext_auth
        self.sasl_socket = sasl_socket
        self.settings = dict(settings or {})
        self.auth_penalty = auth_penalty
        self.certificate = certificate
        self.passdb_failing = passdb_failing

    @property
    def sasl_path(self) -> str:
        """The authentication socket for Postfix (``smtpd_sasl_type = dovecot``)."""
        if self.folder is None or not self.sasl_socket:
            raise LabError("this Dovecot has no SASL socket (sasl_socket=True) or is not running")
        return str(self.folder / "run" / SASL_SOCKET)

    def start(self) -> None:
        if not dovecot_available(self.binary):
            raise LabError(f"Dovecot is not installed ({self.binary})")
        if self._process is not None:
            raise LabError("Dovecot is already running")
        try:
            self._prepare()
            assert self.folder is not None
            self._stderr = open(self.folder / "dovecot.stderr", "wb")  # noqa: SIM115 - closed in stop()
            self._process = subprocess.Popen(
                [self.binary, "-F", "-c", str(self.folder / "dovecot.conf")],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._stderr,
            )
            self._wait_listening()
        except BaseException:
            self.stop()
            raise

    def _prepare(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="mailexpert-dovecot-"))
        folder = self.folder
        folder.chmod(0o755)  # Dovecot's unprivileged users must reach base_dir and the files
        certs = CertStore(folder / "certs", (self.address, "mail.example.test", "localhost"))
        self.ca_file = str(certs.ca_file)
        (folder / "certs").chmod(0o755)
        protocols = self.settings.get("protocols", "imap pop3").split()
        # A protocol not served has no listener to wait for.
        served = [name for name in ("imap", "imaps", "pop3", "pop3s") if name.rstrip("s") in protocols]
        self.ports.update(zip(served, free_ports(self.address, len(served)), strict=True))
        users = folder / "users"
        # A test lab knows its password; only the auth service may read the file.
        users.write_text(f"{self.username}:{{PLAIN}}{self.password}\n")
        users.chmod(0o600)
        if self.passdb_failing:
            down = folder / "passdb-down"
            down.write_text("#!/bin/sh\nexit 111\n")
            down.chmod(0o755)
        root = os.geteuid() == 0
        if root:
            # The auth service reads it as Dovecot's internal user.
            internal = pwd.getpwnam("dovecot")
            os.chown(users, internal.pw_uid, internal.pw_gid)
        if root:
            uid, gid = pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid
        else:
            uid, gid = os.getuid(), os.getgid()
        mail = folder / "mail"
        mail.mkdir()
        if root:
            os.chown(mail, uid, gid)
        (folder / "dovecot.conf").write_text(self._config(uid, gid, root, certs.cert_path(self.certificate), certs.path(self.certificate)))

    def _config(self, uid: int, gid: int, root: bool, cert: Path, key: Path) -> str:
        folder = self.folder
        assert folder is not None
        lines = [
            f"base_dir = {folder}/run",
            f"state_dir = {folder}/state",
            f"log_path = {folder}/dovecot.log",
            "protocols = imap pop3",
            f"listen = {self.address}",
            f"disable_plaintext_auth = {'no' if self.plaintext_auth else 'yes'}",
            "auth_failure_delay = 0",
            "auth_mechanisms = plain login",
            "ssl = yes",
            f"ssl_cert = <{cert}",
            f"ssl_key = <{key}",
            f"mail_location = maildir:{folder}/mail/%u",
            "passdb {",
            *(["  driver = checkpassword", f"  args = {folder}/passdb-down"] if self.passdb_failing else [
                "  driver = passwd-file", f"  args = scheme=PLAIN username_format=%u {folder}/users"]),
            "}",
            "userdb {",
            "  driver = static",
            f"  args = uid={uid} gid={gid} home={folder}/mail/%u",
            "}",
            *self._login_service("imap", root),
            *self._login_service("pop3", root),
            "service anvil {",
            *([] if self.auth_penalty else [
                "  unix_listener anvil-auth-penalty {",
                "    path = anvil-auth-penalty-disabled",
                "  }",
            ]),
            *([] if root else ["  chroot ="]),
            "}",
        ]
        auth = []
        if self.sasl_socket:
            # Postfix's smtpd connects after dropping to its own user.
            auth += [f"  unix_listener {SASL_SOCKET} {{", "    mode = 0666", "  }"]
        if not root:
            user = pwd.getpwuid(uid).pw_name
            group = grp.getgrgid(gid).gr_name
            auth.append(f"  user = {user}")
            lines += [
                f"default_internal_user = {user}",
                f"default_internal_group = {group}",
                f"default_login_user = {user}",
                "service auth-worker {",
                f"  user = {user}",
                "}",
            ]
        else:
            lines.append(f"first_valid_uid = {uid}")
        if auth:
            lines += ["service auth {", *auth, "}"]
        return "\n".join(_override(lines, self.settings)) + "\n"

    def _login_service(self, protocol: str, root: bool) -> list[str]:
        if protocol not in self.ports:
            return []
        return [
            f"service {protocol}-login {{",
            f"  inet_listener {protocol} {{",
            f"    port = {self.ports[protocol]}",
            "  }",
            f"  inet_listener {protocol}s {{",
            f"    port = {self.ports[protocol + 's']}",
            "    ssl = yes",
            "  }",
            *([] if root else ["  chroot ="]),
            "}",
        ]

    def _wait_listening(self) -> float:
        deadline = super()._wait_listening()
        # The SASL socket comes up after the network listeners, later still on a busy machine:
        # Postfix started before it exists would refuse every login.
        while self.sasl_socket and not Path(self.sasl_path).exists():
            if time.monotonic() > deadline:
                raise LabError(f"Dovecot made no SASL socket within {START_TIMEOUT} s: {self._log_tail()}")
            time.sleep(0.02)
        return deadline
