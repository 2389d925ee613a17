"""A real Debian Postfix for the lab: an MX and submission services, as in lab-recipes §1.

``with PostfixServer(sasl_path=dovecot.sasl_path) as p:`` writes a private configuration
directory (nothing in /etc/postfix is read), its own queue and data directories, starts
Postfix's ``master -d -c <conf>`` in the foreground and waits until every service accepts
connections. Each service listens on a free port of one 127.0.0.x address (or of ::1):

==================  =====  ===========================================================
service             role   what it is
==================  =====  ===========================================================
``smtp``            25     an MX: STARTTLS offered, no AUTH, mail for other domains is
                           refused (``554 5.7.1 <...>: Relay access denied``)
``submission``      587    STARTTLS required, AUTH offered only after it
                           (``smtpd_tls_security_level = encrypt``, ``smtpd_tls_auth_only``)
``submissions``     465    implicit TLS (``smtpd_tls_wrappermode``) and AUTH
``submission-notls`` 587   TLS never set up: no STARTTLS, AUTH offered in cleartext
``submission-slow`` 587    as ``submission``, but the greeting comes ``greeting_delay``
                           seconds late (``sleep`` in ``smtpd_client_restrictions`` with
                           ``smtpd_delay_reject = no``: evaluated before the greeting)
``smtp-postscreen`` 25     an MX behind postscreen: "220-" at once, the rest of the
                           greeting after its 6 s pregreet wait (first contact only)
``smtp-postscreen-deep`` 25  also postscreen's after-220 tests: a new client meets its
                           own SMTP engine (no AUTH, no PIPELINING) and "450 4.3.2
                           Service currently unavailable" at RCPT TO
``submission-limited`` 587 as ``submission``, at most ``connection_limit`` connections
                           per client (more: "421 4.7.0 ... Error: too many connections")
``submissions-limited`` 465  as ``submissions`` with that limit; a connection is counted
                           once TLS is up, and the refusal comes inside TLS
``smtp-helo-checks`` 25    an MX that refuses EHLO names that are malformed, not fully
                           qualified or not in the DNS (only with ``helo_checks=True``)
``submission-refused`` 587  refuses this client's session at the greeting: a client
                           restriction ``reject`` evaluated at connect (``smtpd_delay_reject
                           = no``) answers 554 in place of 220 (RFC 5321 section 3.1)
``submission-owners`` 587  as ``submission``, and a logged-in user may send only from the
                           addresses ``sender_logins`` gives it (``smtpd_sender_login_maps``
                           with ``reject_sender_login_mismatch``): another MAIL FROM gets
                           "553 5.7.1 <...>: Sender address rejected: not owned by user ..."
                           (only with ``sender_logins``)
==================  =====  ===========================================================

``ROLES`` maps each service to the well-known port it plays. Logins go through Dovecot's
authentication socket (``smtpd_sasl_type = dovecot``, see
:class:`mailexpert.lab.dovecot.DovecotServer` with ``sasl_socket=True``).

Nothing is ever delivered: no local domains, every transport is ``error`` but that of the
accounts' own ``domains`` (``discard``: a logged-in client may send to them, as a provider's
users send to each other), and a message that gets past DATA is put on hold in the private
queue, which is removed on stop. The
master needs root (it refuses to run otherwise); it listens after about 0.3 s and stops
in about 0.1 s.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import secrets
import shutil
import signal
import smtplib
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from mailexpert.errors import LabError
from mailexpert.lab.certs import CertStore
from mailexpert.lab.daemon import Daemon
from mailexpert.lab.dns import DNSServer, ZoneData
from mailexpert.lab.loop import LoopThread
from mailexpert.lab.plan import Record
from mailexpert.lab.ports import free_ports

POSTCONF_BINARY = "/usr/sbin/postconf"
#: smtpd's summary of a session: "disconnect from unknown[127.0.0.1] ehlo=2 starttls=1 auth=0/1 ...".
#: A session's first and last log lines, by the smtpd process that served it ("smtpd[123]").
_SESSION_EDGE = re.compile(r"(?P<proc>\S+\[\d+\]): (?P<edge>connect|disconnect) from \S+(?P<counts>.*)")
_COMMAND_COUNT = re.compile(r"\b([a-z]+)=(\d+(?:/\d+)?)")

#: service name -> the well-known port whose role it plays.
ROLES: dict[str, int] = {
    "smtp": 25,
    "submission": 587,
    "submissions": 465,
    "submission-notls": 587,
    "submission-slow": 587,
    "smtp-postscreen": 25,
    "smtp-postscreen-deep": 25,
    "submission-limited": 587,
    "submissions-limited": 465,
    "smtp-helo-checks": 25,
    "submission-refused": 587,
    "submission-owners": 587,
    "smtp-relay": 25,
}

#: An MX that checks the EHLO name as hardened set-ups do (``smtpd_helo_required``,
#: ``reject_invalid/non_fqdn/unknown_helo_hostname``). The last one asks the DNS, so this
#: service runs only with ``helo_checks=True``: then the master sees a private resolv.conf
#: (a mount namespace) naming the instance's own resolver, where every name is NXDOMAIN.
HELO_CHECKS = "smtp-helo-checks"
#: A submission service that checks which addresses each login may send from, as mailcow,
#: docker-mailserver and hosting set-ups do; it runs only when the instance is told the owners.
SENDER_OWNERS = "submission-owners"
#: Random addresses tried for that resolver's port 53.
_RESOLVER_TRIES = 20

#: Services with postscreen(8) in front of their smtpd, as many MX hosts run: it sends the
#: first line of a multi-line greeting ("220-"), waits ``postscreen_greet_wait`` (6 s by
#: default) for a client that talks too early, then hands the connection to smtpd, whose
#: "220 " ends the greeting. Loopback is no exception here (``postscreen_access_list`` is
#: empty; by default it permits ``$mynetworks``). The "deep" one also runs the after-220
#: tests: postscreen's own SMTP engine answers a new client and refuses every RCPT TO with
#: "450 4.3.2 Service currently unavailable"; the client passes on a later connection.
_POSTSCREEN: dict[str, tuple[str, ...]] = {
    "smtp-postscreen": ("postscreen_greet_action=enforce",),
    "smtp-postscreen-deep": (
        "postscreen_greet_action=enforce", "postscreen_pipelining_enable=yes",
        "postscreen_non_smtp_command_enable=yes", "postscreen_bare_newline_enable=yes",
    ),
}

#: master.cf options of each service (added to main.cf's settings).
_SERVICE_OPTIONS: dict[str, tuple[str, ...]] = {
    "smtp": ("smtpd_tls_security_level=may",),
    "submission": ("smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes"),
    "submissions": ("smtpd_tls_wrappermode=yes", "smtpd_sasl_auth_enable=yes"),
    "submission-notls": ("smtpd_tls_security_level=none", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=no"),
    "submission-slow": (
        "smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_client_restrictions=$lab_slow_client_restrictions", "smtpd_delay_reject=no",
    ),
    "smtp-postscreen": ("smtpd_tls_security_level=may",),
    "smtp-postscreen-deep": ("smtpd_tls_security_level=may",),
    # anvil(8) counts each client's simultaneous connections; loopback is no exception here.
    "submission-limited": (
        "smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_client_connection_count_limit=$lab_connection_limit", "smtpd_client_event_limit_exceptions=",
    ),
    "submissions-limited": (
        "smtpd_tls_wrappermode=yes", "smtpd_sasl_auth_enable=yes",
        "smtpd_client_connection_count_limit=$lab_connection_limit", "smtpd_client_event_limit_exceptions=",
    ),
    "submission-refused": (
        "smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_client_restrictions=reject", "smtpd_delay_reject=no",
    ),
    SENDER_OWNERS: (
        "smtpd_tls_security_level=encrypt", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes",
        "smtpd_sender_login_maps=$lab_sender_logins", "smtpd_sender_restrictions=reject_sender_login_mismatch",
    ),
    # An office's or an ISP's relay: it trusts its own network ($mynetworks) and offers no AUTH.
    # Its addresses resolve through relay-rewrite, where nothing is an error transport, so RCPT
    # TO is accepted as a relay accepts it (what passes DATA is still held, and DATA is never sent).
    "smtp-relay": (
        "smtpd_tls_security_level=may", "smtpd_relay_restrictions=permit_mynetworks,reject_unauth_destination",
        "rewrite_service_name=relay-rewrite",
    ),
    HELO_CHECKS: (
        "smtpd_tls_security_level=may", "smtpd_helo_required=yes",
        "smtpd_delay_reject=no", "smtpd_helo_restrictions=reject_invalid_helo_hostname,reject_non_fqdn_helo_hostname,"
        "reject_unknown_helo_hostname",
    ),
}

#: Postfix's internal services, none chrooted (the private folder is no chroot jail).
_UNIX_SERVICES = """\
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
relay-rewrite unix -     -       n       -       -       trivial-rewrite
  -o default_transport=discard -o relay_transport=discard
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
dnsblog   unix  -       -       n       -       0       dnsblog
tlsproxy  unix  -       -       n       -       0       tlsproxy
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""

#: The queue's subfolders with owner, group and mode, as Postfix's postfix-files sets them.
_QUEUE_FOLDERS: tuple[tuple[str, str, str, int], ...] = (
    ("pid", "root", "root", 0o755),
    *((name, "postfix", "root", 0o700) for name in (
        "active", "bounce", "corrupt", "defer", "deferred", "flush", "hold", "incoming", "private", "saved", "trace",
    )),
    ("maildrop", "postfix", "postdrop", 0o730),
    ("public", "postfix", "postdrop", 0o710),
)


def make_spool(folder: Path) -> None:
    """A private Postfix instance's queue (``queue``, with its subfolders) and ``data`` folders
    in ``folder``, owned as Postfix's postfix-files sets them (needs root)."""
    queue = folder / "queue"
    queue.mkdir(mode=0o755)
    for name, user, group, mode in _QUEUE_FOLDERS:
        path = queue / name
        path.mkdir()
        os.chown(path, pwd.getpwnam(user).pw_uid, grp.getgrnam(group).gr_gid)
        path.chmod(mode)
    data = folder / "data"
    data.mkdir(mode=0o700)
    postfix = pwd.getpwnam("postfix")
    os.chown(data, postfix.pw_uid, postfix.pw_gid)


def _daemon_directory(postconf: str = POSTCONF_BINARY) -> Path | None:
    try:
        out = subprocess.run([postconf, "-dh", "daemon_directory"], capture_output=True, text=True, timeout=10,
                             check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(out) if out else None


def postfix_unavailable(postconf: str = POSTCONF_BINARY) -> str | None:
    """Why a private Postfix cannot run here (for a skip reason), or None when it can."""
    if not (Path(postconf).is_file() and os.access(postconf, os.X_OK)):
        return f"Postfix is not installed ({postconf})"
    if os.geteuid() != 0:
        return "Postfix's master runs only as root"
    try:
        pwd.getpwnam("postfix")
        grp.getgrnam("postdrop")
    except KeyError:
        return "the postfix user or the postdrop group is missing"
    daemons = _daemon_directory(postconf)
    if daemons is None or not (daemons / "master").is_file():
        return "Postfix's master daemon is missing"
    return None


def helo_checks_unavailable() -> str | None:
    """Why ``helo_checks=True`` cannot work here (a skip reason), or None when it can."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return "util-linux's unshare is missing"
    try:
        done = subprocess.run([unshare, "--mount", "--propagation", "private", "true"], capture_output=True,
                              timeout=10, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"unshare does not run: {exc}"
    return None if done.returncode == 0 else "no mount namespaces here (unshare --mount fails)"


class PostfixServer(Daemon):
    """A private Postfix instance; see the module docstring.

    ``cert_file``: a PEM file with key and certificate (the lab's ``good.pem``); without it
    the instance makes its own CA and certificate for ``names`` (``ca_file`` trusts it).
    ``sasl_path``: Dovecot's authentication socket; without it AUTH is never offered.
    ``certificate``: the kind of certificate it makes for itself (:data:`mailexpert.lab.certs.CERT_KINDS`).
    ``extra_services``: services beside the table's, as a test sets one up: name -> (the
    well-known port it plays, its master.cf options), e.g. ``{"submission-x": (587,
    ("smtpd_tls_security_level=may", ...))}``; an option's value has no spaces (name a
    main.cf parameter of ``settings`` instead, ``$name``).
    ``settings``: main.cf parameters added to the instance's (a service's own options win).
    ``resolver_records``: what the instance's own resolver answers (a DNS blocklist's entries,
    for ``reject_rbl_client``); given, Postfix runs with that resolver as with ``helo_checks``.
    """

    NAME = "Postfix"
    LOG = "maillog"
    LOG_FILES = ("master.stderr", "maillog")

    def __init__(
        self,
        *,
        address: str = "127.0.0.45",
        hostname: str = "mail.example.test",
        sasl_path: str | None = None,
        cert_file: str | Path | None = None,
        names: tuple[str, ...] = ("mail.example.test", "localhost"),
        greeting_delay: int = 4,
        connection_limit: int = 2,
        helo_checks: bool = False,
        sender_logins: dict[str, str] | None = None,
        domains: tuple[str, ...] = ("example.test",),
        postconf: str = POSTCONF_BINARY,
        certificate: str = "good",
        extra_services: Mapping[str, tuple[int, tuple[str, ...]]] | None = None,
        settings: Mapping[str, str] | None = None,
        resolver_records: Iterable[Record] = (),
    ) -> None:
        super().__init__(address)
        self.hostname = hostname
        self.sasl_path = sasl_path
        self.cert_file = str(cert_file) if cert_file is not None else None
        self.names = (*names, address)
        self.greeting_delay = greeting_delay
        self.connection_limit = connection_limit
        self.helo_checks = helo_checks
        self.sender_logins = dict(sender_logins or {})
        self.domains = tuple(domains)
        self.certificate = certificate
        self.extra_services = dict(extra_services or {})
        clash = set(self.extra_services) & set(ROLES)
        if clash:
            raise LabError(f"extra services named as the table's: {', '.join(sorted(clash))}")
        self.roles = {**ROLES, **{name: port for name, (port, _) in self.extra_services.items()}}
        self.settings = dict(settings or {})
        self.resolver_records = tuple(resolver_records)
        self.services = tuple(s for s in ROLES if (helo_checks or s != HELO_CHECKS)
                              and (self.sender_logins or s != SENDER_OWNERS)) + tuple(self.extra_services)
        self._resolver: DNSServer | None = None
        self._loop: LoopThread | None = None
        self.postconf = postconf

    @property
    def _v6(self) -> bool:
        return ":" in self.address

    def endpoint(self, service: str) -> tuple[str, int]:
        return self.address, self.ports[service]

    def session_commands(self, since: int = 0, settle: float = 2.0) -> list[dict[str, str]]:
        """The commands of each smtpd session logged after offset ``since`` of ``log_text``,
        as smtpd counts them at disconnect ("ehlo=2 starttls=1 auth=1 mail=1 rcpt=0/1 rset=1
        quit=1 commands=6/7": a command's refusals make "ok/all"): command -> count.

        Waits up to ``settle`` seconds for those sessions to end: smtpd logs its summary
        line at disconnect.
        """
        deadline = time.monotonic() + settle
        while True:
            # Only sessions that began after the offset: a disconnect logged there may close
            # a session an earlier test opened (smtpd logs it when that session ends).
            open_sessions: set[str] = set()
            done: list[dict[str, str]] = []
            for m in _SESSION_EDGE.finditer(self.log_text[since:]):
                if m.group("edge") == "connect":
                    open_sessions.add(m.group("proc"))
                elif m.group("proc") in open_sessions:
                    open_sessions.discard(m.group("proc"))
                    done.append(dict(_COMMAND_COUNT.findall(m.group("counts"))))
            if not open_sessions or time.monotonic() > deadline:
                return done
            time.sleep(0.05)

    def auth_attempts(self, since: int = 0, settle: float = 2.0) -> int:
        """AUTH commands in the sessions logged after offset ``since`` of ``log_text`` (see
        :meth:`session_commands`)."""
        return sum(int(counts["auth"].split("/")[-1]) for counts in self.session_commands(since, settle)
                   if "auth" in counts)

    def fail_logins(self, service: str, username: str, times: int) -> list[int]:
        """What a mail program with a stale password does: log in on ``service`` (STARTTLS,
        AUTH PLAIN, one attempt a session), fail, try again. The reply codes of the refusals
        (535, or 454 once Postfix loses the SASL server to its penalty)."""
        codes = []
        for _ in range(times):
            client = smtplib.SMTP(*self.endpoint(service), local_hostname="client.example.test", timeout=30)
            try:
                client.starttls(context=self.client_context())
                client.ehlo()
                client.user, client.password = username, "stale-" + secrets.token_urlsafe(6)
                client.auth("PLAIN", client.auth_plain)  # one attempt (login() tries each mechanism)
            except smtplib.SMTPAuthenticationError as exc:
                codes.append(exc.smtp_code)
            else:
                raise LabError(f"Postfix accepted a made-up password for {username}")
            finally:
                client.close()
        return codes

    def start(self) -> None:
        reason = postfix_unavailable(self.postconf)
        if reason:
            raise LabError(reason)
        if self._process is not None:
            raise LabError("Postfix is already running")
        if self.sasl_path is not None and not Path(self.sasl_path).exists():
            raise LabError(f"no SASL socket at {self.sasl_path}")
        daemons = _daemon_directory(self.postconf)
        assert daemons is not None
        try:
            self._prepare()
            assert self.folder is not None
            self._stderr = open(self.folder / "master.stderr", "wb")  # noqa: SIM115 - closed in stop()
            # Its own session: stopping the master stops its process group, and only that.
            command = [str(daemons / "master"), "-d", "-c", str(self.folder / "conf")]
            if self.helo_checks or self.resolver_records:
                command = self._with_own_resolver(command)
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._stderr,
                start_new_session=True,
            )
            self._wait_listening()
        except BaseException:
            self.stop()
            raise

    def _with_own_resolver(self, command: list[str]) -> list[str]:
        """Start this instance's resolver and run ``command`` where /etc/resolv.conf names it,
        in a mount namespace of its own: no lookup of Postfix's ever leaves loopback.

        resolv.conf has no port, so the resolver takes port 53 of an address of its own in
        127.0.0.0/8 (Linux answers on all of it), picked at random: instances started at the
        same time, by other test runs too, must not compete for one port 53."""
        assert self.folder is not None
        reason = helo_checks_unavailable()
        unshare = shutil.which("unshare")
        if reason is not None or unshare is None:
            raise LabError(f"HELO checks need a private resolv.conf: {reason}")
        self._loop = LoopThread("postfix-resolver")
        for _ in range(_RESOLVER_TRIES):
            address = f"127.53.{secrets.randbelow(256)}.{1 + secrets.randbelow(254)}"
            resolver = DNSServer("postfix-resolver", address, ZoneData(self.resolver_records, root="."), port=53)
            try:
                self._loop.run(resolver.start())
            except (OSError, LabError):
                continue
            self._resolver = resolver
            break
        else:
            raise LabError(f"no free port 53 for Postfix's resolver in {_RESOLVER_TRIES} tries")
        resolv = self.folder / "resolv.conf"
        resolv.write_text(f"nameserver {self._resolver.address}\noptions attempts:1 timeout:1\n")
        resolv.chmod(0o644)
        return [unshare, "--mount", "--propagation", "private", "sh", "-c",
                'mount --bind "$0" /etc/resolv.conf && exec "$@"', str(resolv), *command]

    def _prepare(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="mailexpert-postfix-"))
        folder = self.folder
        folder.chmod(0o755)  # smtpd, running as postfix, must reach the queue and the log
        if self.cert_file is None:
            certs = CertStore(folder / "certs", self.names)
            self.ca_file = str(certs.ca_file)
            self.cert_file = str(certs.path(self.certificate))
        make_spool(folder)
        conf = folder / "conf"
        conf.mkdir()
        self.ports.update(zip(self.services, free_ports(self.address, len(self.services)), strict=True))
        (conf / "main.cf").write_text(self._main_cf())
        (conf / "master.cf").write_text(self._master_cf())
        # The master rereads a main.cf younger than about 2 s until it has settled; these
        # files are complete when written, so they are dated a minute back.
        past = time.time() - 60
        for name in ("main.cf", "master.cf"):
            os.utime(conf / name, (past, past))

    def _main_cf(self) -> str:
        folder = self.folder
        assert folder is not None
        lines = [
            "compatibility_level = 3.6",
            f"queue_directory = {folder}/queue",
            f"data_directory = {folder}/data",
            f"maillog_file = {folder}/maillog",
            f"maillog_file_prefixes = {folder}",
            f"myhostname = {self.hostname}",
            # As Debian's packaged main.cf sets it.
            "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)",
            "myorigin = $myhostname",
            "inet_interfaces = loopback-only",
            f"inet_protocols = {'ipv6' if self._v6 else 'ipv4'}",
            # Nothing is local and nothing leaves: every transport fails at once.
            "mydestination =",
            "relay_domains =",
            "mynetworks = 127.0.0.0/8 [::1]/128",
            "local_transport = error:local delivery is disabled",
            "default_transport = error:outbound delivery is disabled",
            "relay_transport = error:outbound delivery is disabled",
            # Except mail to the accounts' own domains, taken from a logged-in client as a
            # provider's submission server takes mail for its users (a mail program's own
            # transaction to itself passes), and thrown away, were it ever sent.
            f"transport_maps = inline:{{ {', '.join(f'{d}=discard' for d in self.domains)} }}" if self.domains
            else "transport_maps =",
            "alias_maps =",
            "alias_database =",
            "notify_classes =",
            "smtp_dns_support_level = disabled",
            "smtpd_peername_lookup = no",
            # Only a logged-in client may send elsewhere; no permit_mynetworks (the client is local).
            "smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination",
            # Anything that gets past DATA stays in the private queue, which stop() removes.
            "smtpd_data_restrictions = reject_unauth_pipelining, check_client_access static:HOLD",
            f"lab_slow_client_restrictions = sleep {int(self.greeting_delay)}",
            f"lab_connection_limit = {int(self.connection_limit)}",
            f"smtpd_tls_chain_files = {self.cert_file}",
            "smtpd_tls_security_level = may",
            "smtpd_tls_loglevel = 1",
        ]
        if self.sasl_path is not None:
            lines += ["smtpd_sasl_type = dovecot", f"smtpd_sasl_path = {self.sasl_path}"]
        if self.sender_logins:
            # Address -> the login that owns it; an address the map does not name has no owner.
            owners = ", ".join(f"{address}={login}" for address, login in self.sender_logins.items())
            lines.append(f"lab_sender_logins = inline:{{ {owners} }}")
        lines += [f"{name} = {value}" for name, value in self.settings.items()]
        return "\n".join(lines) + "\n"

    def _master_cf(self) -> str:
        lines = []
        for service in self.services:
            options = self.extra_services[service][1] if service in self.extra_services else _SERVICE_OPTIONS[service]
            if self.sasl_path is None:
                options = tuple(o for o in options if not o.startswith("smtpd_sasl_auth_enable"))
            listen = f"[{self.address}]:{self.ports[service]}" if self._v6 else f"{self.address}:{self.ports[service]}"
            if service in _POSTSCREEN:
                lines.append(f"{listen} inet n - n - 1 postscreen")
                lines += [f"  -o {option}" for option in (
                    f"syslog_name=postfix/{service}", f"smtpd_service_name={service}-smtpd",
                    "postscreen_access_list=", f"postscreen_cache_map=btree:$data_directory/{service}-cache",
                    *_POSTSCREEN[service],
                )]
                listen = f"{service}-smtpd pass -"  # a pass service is private
            else:
                listen += " inet n"
            lines.append(f"{listen} - n - - smtpd")
            lines.append(f"  -o syslog_name=postfix/{service}")
            lines += [f"  -o {option}" for option in options]
        return "\n".join(lines) + "\n" + _UNIX_SERVICES

    def client_context(self) -> ssl.SSLContext:
        """A client context that trusts this instance's own CA (without ``cert_file``)."""
        if not self.ca_file:
            raise LabError("this Postfix uses a certificate from elsewhere; trust its CA instead")
        return ssl.create_default_context(cafile=self.ca_file)

    def stop(self) -> None:
        super().stop()
        loop, self._loop = self._loop, None
        resolver, self._resolver = self._resolver, None
        if loop is not None:
            if resolver is not None:
                loop.run(resolver.stop())
            loop.close()

    def _kill(self, process: subprocess.Popen[bytes]) -> None:
        # The master passes SIGTERM on to its children; SIGKILL reaches only its group.
        os.killpg(process.pid, signal.SIGKILL)
