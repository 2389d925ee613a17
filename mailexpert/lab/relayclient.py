"""A real Debian Postfix as a relay *client*: it hands every message to one smarthost, as
many servers and desktops are set up to send through a provider (``relayhost =
[smtp.provider]:587`` with SASL and TLS).

``with PostfixRelayClient(relay=("mail.example.test", 587), address="127.0.0.10", ...) as p:``
writes a private configuration directory (nothing in /etc/postfix is read), its own queue,
data directory and log (``maillog_file``), and starts ``master -d -c <conf>``, which runs no
listening service at all. ``p.send()`` injects one message with ``sendmail -C <conf>`` and
``p.attempt(queue_id)`` waits for the smtp(8) client's first delivery attempt and returns its
log lines (the warnings that carry the cause and the ``status=`` line), in Postfix's own
format as /var/log/mail.log shows them.

The relay is named, not an address, so that the log and the certificate check use the
server's name as a real set-up does; the name is looked up in a hosts file of the instance's
own (``smtp_dns_support_level = disabled``: native lookups, no MX), bound over /etc/hosts in
a mount namespace of the master's own, with an nsswitch.conf that allows no DNS: no name
ever reaches the system resolver, and only 127.0.0.0/8 is ever contacted.

The master needs root and mount namespaces (``unshare``); :func:`relay_client_unavailable`
says why it cannot run here.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from mailexpert.errors import LabError
from mailexpert.lab.daemon import Daemon
from mailexpert.lab.postfix import (
    _UNIX_SERVICES,
    POSTCONF_BINARY,
    _daemon_directory,
    helo_checks_unavailable,
    make_spool,
    postfix_unavailable,
)

#: The client transports; smtp(8) delivers to the relayhost (``relay`` too, for a relay_domains hop).
_CLIENT_SERVICES = """\
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
  -o syslog_name=postfix/$service_name
"""
#: How the master runs: /etc/hosts and /etc/nsswitch.conf replaced by the instance's own.
_ISOLATE = 'mount --bind "$0" /etc/hosts && mount --bind "$1" /etc/nsswitch.conf && shift && exec "$@"'
#: sendmail prints nothing; postqueue names the queue ID, and the log line that took it in
#: ("pickup[..]: 3F1A2B: uid=0 from=<...>") ties it to the attempt.
_PICKED_UP = re.compile(r"postfix/pickup\[\d+\]: (?P<qid>[0-9A-F]+): uid=\d+ from=<(?P<sender>[^>]*)>")
_LINE = re.compile(r"postfix/(?P<service>[\w/-]+)\[(?P<pid>\d+)\]: (?P<rest>.*)")
_QUEUE_ID = re.compile(r"([0-9A-F]{6,}|[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,}): ")
#: The line that ends an attempt for one recipient.
_STATUS = re.compile(r"\bstatus=(?:deferred|bounced|sent|undeliverable|deliverable)\b")

#: Seconds a delivery attempt may take (each of the client's own timeouts is shorter).
ATTEMPT_TIMEOUT = 40.0


def relay_client_unavailable(postconf: str = POSTCONF_BINARY) -> str | None:
    """Why a private Postfix relay client cannot run here (a skip reason), or None."""
    reason = postfix_unavailable(postconf) or helo_checks_unavailable()
    if reason:
        return reason
    if not Path("/usr/sbin/sendmail").is_file():
        return "Postfix's sendmail is missing"
    # Without Cyrus SASL's PLAIN plug-in every login ends in "no mechanism available".
    if not any(Path("/usr/lib").glob("*/sasl2/libplain.so*")) and not any(Path("/usr/lib/sasl2").glob("libplain.so*")):
        return "Cyrus SASL's PLAIN plug-in is missing (Debian: libsasl2-modules)"
    return None


class PostfixRelayClient(Daemon):
    """A private Postfix that sends everything through ``relay`` (name, port); see the module
    docstring.

    ``address``: the loopback address the relay's name stands for. ``security``: how the relay
    is reached, as the account's setting says: ``ssl`` (``smtp_tls_wrappermode``), ``starttls``
    or ``plain``. ``tls_level``: ``smtp_tls_security_level`` for ``starttls`` (``verify`` by
    default, as the guides for a provider's relay advise; ``encrypt`` and ``may`` do not check
    the certificate). ``ca_file``: the CA the client trusts (``smtp_tls_CAfile``).
    ``login``: (user, password) for ``smtp_sasl_password_maps``; None: no SASL.
    ``mechanisms``: ``smtp_sasl_mechanism_filter``. ``settings``: more main.cf parameters.
    """

    NAME = "Postfix (relay client)"
    LOG = "maillog"
    LOG_FILES = ("master.stderr", "maillog")

    def __init__(
        self,
        *,
        relay: tuple[str, int],
        address: str,
        security: str = "starttls",
        tls_level: str = "verify",
        ca_file: str = "",
        login: tuple[str, str] | None = None,
        mechanisms: str = "",
        hostname: str = "client.example.test",
        timeout: int = 10,
        settings: dict[str, str] | None = None,
        postconf: str = POSTCONF_BINARY,
    ) -> None:
        super().__init__("127.0.0.1")
        if not ipaddress.ip_address(address).is_loopback:
            raise LabError(f"the relay must be on loopback, not {address}")
        if security not in ("ssl", "starttls", "plain"):
            raise LabError(f"unknown security {security!r}")
        self.relay = relay
        self.relay_address = address
        self.security = security
        self.tls_level = tls_level
        self.ca_file = ca_file
        self._login = login
        self.mechanisms = mechanisms
        self.hostname = hostname
        self.timeout = int(timeout)
        self.settings = dict(settings or {})
        self.postconf = postconf

    def __repr__(self) -> str:  # never the password
        return f"<{type(self).__name__} relay=[{self.relay[0]}]:{self.relay[1]} {self.security}>"

    @property
    def relayhost(self) -> str:
        return f"[{self.relay[0]}]:{self.relay[1]}"

    def start(self) -> None:
        reason = relay_client_unavailable(self.postconf)
        if reason:
            raise LabError(reason)
        if self._process is not None:
            raise LabError("Postfix is already running")
        daemons = _daemon_directory(self.postconf)
        assert daemons is not None
        unshare = shutil.which("unshare")
        assert unshare is not None
        try:
            self._prepare()
            assert self.folder is not None
            self._stderr = open(self.folder / "master.stderr", "wb")  # noqa: SIM115 - closed in stop()
            self._process = subprocess.Popen(
                [unshare, "--mount", "--propagation", "private", "sh", "-c", _ISOLATE,
                 str(self.folder / "hosts"), str(self.folder / "nsswitch.conf"),
                 str(daemons / "master"), "-d", "-c", str(self.folder / "conf")],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._stderr,
                start_new_session=True,
            )
            self._wait_started()
        except BaseException:
            self.stop()
            raise

    def _wait_started(self) -> None:
        """The master has no port to wait for: its pid file says it runs (its pickup then
        takes what sendmail drops)."""
        assert self.folder is not None
        pid_file = self.folder / "queue" / "pid" / "master.pid"
        deadline = time.monotonic() + 10.0
        while not pid_file.exists():
            if self._process is not None and self._process.poll() is not None:
                raise LabError(f"{self.NAME} exited with status {self._process.returncode}: {self._log_tail()}")
            if time.monotonic() > deadline:
                raise LabError(f"{self.NAME} did not start within 10 s: {self._log_tail()}")
            time.sleep(0.05)

    def _prepare(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="mailexpert-relayclient-"))
        folder = self.folder
        folder.chmod(0o755)  # the smtp client, running as postfix, reaches the log and the CA file
        make_spool(folder)
        (folder / "hosts").write_text(f"127.0.0.1 localhost {self.hostname}\n{self.relay_address} {self.relay[0]}\n")
        (folder / "nsswitch.conf").write_text("hosts: files\n")
        for name in ("hosts", "nsswitch.conf"):
            (folder / name).chmod(0o644)
        conf = folder / "conf"
        conf.mkdir()
        if self._login is not None:
            # Read by the smtp client before it drops root, as /etc/postfix/sasl_passwd is.
            secrets = conf / "sasl_passwd"
            secrets.touch(mode=0o600)
            secrets.write_text(f"{self.relayhost} {self._login[0]}:{self._login[1]}\n")
        (conf / "main.cf").write_text(self._main_cf())
        (conf / "master.cf").write_text(_UNIX_SERVICES + _CLIENT_SERVICES)
        # The master rereads a main.cf younger than about 2 s until it has settled.
        past = time.time() - 60
        for name in ("main.cf", "master.cf"):
            os.utime(conf / name, (past, past))

    def _main_cf(self) -> str:
        folder = self.folder
        assert folder is not None
        level = {"ssl": "encrypt" if self.tls_level == "may" else self.tls_level, "starttls": self.tls_level,
                 "plain": "none"}[self.security]
        lines = [
            "compatibility_level = 3.6",
            f"queue_directory = {folder}/queue",
            f"data_directory = {folder}/data",
            f"maillog_file = {folder}/maillog",
            f"maillog_file_prefixes = {folder}",
            f"myhostname = {self.hostname}",
            "myorigin = $myhostname",
            "inet_interfaces = loopback-only",
            "inet_protocols = ipv4",
            "mydestination =",
            "mynetworks = 127.0.0.0/8",
            "alias_maps =",
            "alias_database =",
            "notify_classes =",
            # Every message goes to the smarthost, found by name in the hosts file only.
            f"relayhost = {self.relayhost}",
            "smtp_dns_support_level = disabled",
            "smtp_host_lookup = native",
            f"smtp_tls_security_level = {level}",
            f"smtp_tls_wrappermode = {'yes' if self.security == 'ssl' else 'no'}",
            "smtp_tls_loglevel = 1",
            f"smtp_connect_timeout = {self.timeout}s",
            f"smtp_helo_timeout = {self.timeout}s",
            f"smtp_starttls_timeout = {self.timeout}s",
            f"smtp_sasl_auth_enable = {'yes' if self._login else 'no'}",
            # The guides' setting for a provider's relay (the default also refuses PLAIN and LOGIN).
            "smtp_sasl_security_options = noanonymous",
            # One attempt: the message stays deferred, no retry while the instance runs.
            "minimal_backoff_time = 3600s",
            "maximal_backoff_time = 3600s",
        ]
        if self.ca_file:
            lines.append(f"smtp_tls_CAfile = {self.ca_file}")
        if self._login is not None:
            lines.append(f"smtp_sasl_password_maps = texthash:{folder}/conf/sasl_passwd")
        if self.mechanisms:
            lines.append(f"smtp_sasl_mechanism_filter = {self.mechanisms}")
        lines += [f"{name} = {value}" for name, value in self.settings.items()]
        return "\n".join(lines) + "\n"

    def send(self, sender: str, recipient: str, message: bytes) -> str:
        """Inject ``message`` with ``sendmail -C``; the queue ID pickup gave it."""
        if self.folder is None:
            raise LabError("the relay client is not running")
        since = len(self.log_text)
        done = subprocess.run(["/usr/sbin/sendmail", "-C", str(self.folder / "conf"), "-f", sender, recipient],
                              input=message, capture_output=True, timeout=30, check=False)
        if done.returncode != 0:
            raise LabError(f"sendmail failed: {done.stderr.decode(errors='replace').strip()[:300]}")
        deadline = time.monotonic() + 15.0
        while time.monotonic() < deadline:
            for m in _PICKED_UP.finditer(self.log_text[since:]):
                if m.group("sender") == sender:
                    return m.group("qid")
            time.sleep(0.05)
        raise LabError(f"pickup did not take the message: {self._log_tail()}")

    def attempt(self, queue_id: str, timeout: float = ATTEMPT_TIMEOUT) -> list[str]:
        """The log lines of the first delivery attempt of message ``queue_id``: the lines of
        the smtp client process that tried it (its warnings and TLS lines), up to the status
        line; lines of other messages that process handled (a bounce) are left out."""
        deadline = time.monotonic() + timeout
        while True:
            lines = []
            for line in self.log_text.splitlines():
                m = _LINE.search(line)
                if m is None or m.group("service") not in ("smtp", "relay"):
                    continue
                other = _QUEUE_ID.match(m.group("rest"))
                if other and other.group(1) != queue_id:
                    continue
                lines.append((m.group("pid"), line))
                if other and _STATUS.search(line):
                    return [text for pid, text in lines if pid == m.group("pid")]
            if time.monotonic() > deadline:
                raise LabError(f"no delivery attempt of {queue_id} within {timeout} s: {self._log_tail()}")
            time.sleep(0.1)

    def _kill(self, process: subprocess.Popen[bytes]) -> None:
        # The master passes SIGTERM on to its children; SIGKILL reaches only its group.
        os.killpg(process.pid, signal.SIGKILL)
