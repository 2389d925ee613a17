"""Record what a real Postfix and a real Dovecot write to their own logs when a client's session fails.

Runs real clients (Python's smtplib/imaplib/poplib, Debian's curl and openssl s_client) against a private
Postfix (SASL through a private Dovecot) and a private Dovecot on loopback (mailexpert.lab.postfix,
mailexpert.lab.dovecot), each case with one fault set up for real, and prints corpus entries (YAML, ``kind:
server``) whose text is the server's log lines of that session: what was written to Postfix's
``maillog_file`` or Dovecot's ``log_path`` during the client's run, from the session's connect to its
disconnect, as the server wrote them (times, pids, session ids kept). Two things are changed to look as a
server set up in the ordinary way logs: the lab's private folder paths are cut out, and the lab's names of
its variant services ("postfix/submission-limited/smtpd") are the master.cf names Debian's packaged
master.cf gives those roles (postfix/smtpd, postfix/submission/smtpd, postfix/submissions/smtpd).

    python3 benchmarks/record_server_logs.py > tests/corpus/collected-srvlog.yaml

Needs root (the Postfix master), `apt-get install postfix dovecot-imapd dovecot-pop3d curl openssl` and
util-linux's unshare (the HELO checks). Talks only to 127.0.0.0/8. `cause` is the fault plus the causes
the log alone cannot tell it from.
"""

from __future__ import annotations

import contextlib
import imaplib
import poplib
import re
import secrets
import smtplib
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import yaml

from mailexpert.lab.dovecot import DovecotServer
from mailexpert.lab.postfix import PostfixServer

HOST = "mail.example.test"
OTHER_HOST = "smtp.example.net"  # a name the server's certificate does not carry
MESSAGE = b"From: alice@example.test\r\nTo: bob@example.org\r\nSubject: test\r\n\r\nhello\r\n"
HELO = "laptop.example.net"
DOVECOT_PORTS = {"imap": 143, "imaps": 993, "pop3": 110, "pop3s": 995}

#: The lab's variant services -> the master.cf name Debian's packaged master.cf gives that role.
SYSLOG_NAMES = (
    (re.compile(r"postfix/smtp(?:-[a-z-]+)?/"), "postfix/"),
    (re.compile(r"postfix/submissions(?:-[a-z-]+)?/"), "postfix/submissions/"),
    (re.compile(r"postfix/submission(?:-[a-z-]+)?/"), "postfix/submission/"),
    (re.compile(r"\bservice (?:smtp|submissions?)-[a-z-]+\b"), lambda m: "service " + m.group(0).split()[1].split("-")[0]),
)
#: Lines of no session: the master's, anvil's statistics, postlogd's.
NOT_SESSION = re.compile(r"postfix/(?:master|anvil|postlogd|qmgr|pickup)\[|master: |: (?:Info|Warning): .*(?:starting up|Killed with signal)")


@attrs.frozen
class Ctx:
    """What a client needs of the servers."""

    address: str
    port: int
    username: str
    password: str
    ca_file: str


@attrs.frozen
class Case:
    id: str
    server: str  # "postfix" or "dovecot": whose log is the text
    service: str  # Postfix service or Dovecot listener ("imap", "imaps", "pop3", "pop3s")
    client: str  # the client's name, for the entry's source
    run: Callable[[Ctx], None]
    recipe: str
    cause: tuple[str, ...]
    wrong_password: bool = False
    unknown_user: bool = False
    dovecot: tuple[tuple[str, str], ...] = ()  # Dovecot settings
    postfix: tuple[tuple[str, str], ...] = ()  # main.cf settings
    helo_checks: bool = False
    sender_logins: bool = False
    hold: int = 0  # connections (or logged-in sessions, Dovecot) held open first


# -- the clients ---------------------------------------------------------------------------------------


def _connect_to(ctx: Ctx) -> Callable[..., socket.socket]:
    real = socket.create_connection

    def create(addr, *args, **kwargs):  # the lab's names are never resolved by the system
        return real((ctx.address, ctx.port), *args, **kwargs)

    return create


@contextlib.contextmanager
def _routed(ctx: Ctx) -> Iterator[None]:
    real = socket.create_connection
    socket.create_connection = _connect_to(ctx)
    try:
        yield
    finally:
        socket.create_connection = real


def _context(ctx: Ctx, *, ca: str | None = None, max_version: ssl.TLSVersion | None = None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=ca or ctx.ca_file)
    if max_version is not None:
        context.maximum_version = max_version
    return context


def smtp_send(*, security: str, host: str = HOST, auth: bool = True, ca: str | None = None,
              max_version: ssl.TLSVersion | None = None, sender: str | None = None,
              rcpt: str = "bob@example.org") -> Callable[[Ctx], None]:
    def run(ctx: Ctx) -> None:
        context = _context(ctx, ca=ca, max_version=max_version)
        with _routed(ctx), contextlib.suppress(Exception):
            if security == "ssl":
                c = smtplib.SMTP_SSL(host, 465, local_hostname=HELO, timeout=8, context=context)
            else:
                c = smtplib.SMTP(host, 587, local_hostname=HELO, timeout=8)
            with c:
                if security == "starttls":
                    c.starttls(context=context)
                if auth:
                    c.login(ctx.username, ctx.password)
                c.sendmail(sender or ctx.username, [rcpt], MESSAGE)
    return run


def imap_login(*, security: str, host: str = HOST, ca: str | None = None,
               max_version: ssl.TLSVersion | None = None) -> Callable[[Ctx], None]:
    def run(ctx: Ctx) -> None:
        context = _context(ctx, ca=ca, max_version=max_version)
        with _routed(ctx), contextlib.suppress(Exception):
            if security == "ssl":
                c = imaplib.IMAP4_SSL(host, 993, ssl_context=context, timeout=8)
            else:
                c = imaplib.IMAP4(host, 143, timeout=8)
                if security == "starttls":
                    c.starttls(ssl_context=context)
            try:
                c.login(ctx.username, ctx.password)
                c.select("INBOX")
                c.logout()
            finally:
                with contextlib.suppress(Exception):
                    c.shutdown()
    return run


def pop3_login(*, security: str, host: str = HOST, ca: str | None = None) -> Callable[[Ctx], None]:
    def run(ctx: Ctx) -> None:
        context = _context(ctx, ca=ca)
        with _routed(ctx), contextlib.suppress(Exception):
            c = poplib.POP3_SSL(host, 995, context=context, timeout=8) if security == "ssl" else \
                poplib.POP3(host, 110, timeout=8)
            try:
                if security == "starttls":
                    c.stls(context=context)
                c.user(ctx.username)
                c.pass_(ctx.password)
                c.quit()
            finally:
                with contextlib.suppress(Exception):
                    c.close()
    return run


def curl(url: str, *, ssl_reqd: bool = False, smtp: bool = False, ca: str | None = None,
         user: bool = True) -> Callable[[Ctx], None]:
    def run(ctx: Ctx) -> None:
        rest = url.split("://", 1)[1]
        hostport = rest.split("/", 1)[0]
        cmd = ["curl", "-sS", "--max-time", "10", "--connect-to", f"{hostport}:{ctx.address}:{ctx.port}",
               "--cacert", ca or ctx.ca_file]
        if user:
            cmd += ["--user", f"{ctx.username}:{ctx.password}"]
        if ssl_reqd:
            cmd.append("--ssl-reqd")
        if smtp:
            cmd += ["--mail-from", ctx.username, "--mail-rcpt", "bob@example.org", "-T", "-"]
        cmd.append(url)
        subprocess.run(cmd, input=MESSAGE if smtp else b"", capture_output=True, timeout=30, check=False)
    return run


def s_client(*args: str) -> Callable[[Ctx], None]:
    def run(ctx: Ctx) -> None:
        cmd = ["openssl", "s_client", "-connect", f"{ctx.address}:{ctx.port}", "-servername", HOST,
               "-CAfile", ctx.ca_file, "-verify_return_error", *args]
        subprocess.run(cmd, input=b"", capture_output=True, timeout=30, check=False)
    return run


SYSTEM_CAS = "/etc/ssl/certs/ca-certificates.crt"  # trusts public CAs only, not the server's own
TLS12 = ssl.TLSVersion.TLSv1_2
PASSWORD = ("password-rejected", "username-wrong")
#: A client's bad_certificate alert: OpenSSL sends it for a name the certificate does not carry (ssl_x509err2alert),
#: NSS and Go for a certificate they do not trust as well.
HOSTNAME_ALERT = ("cert-hostname-mismatch", "cert-untrusted-issuer", "cert-self-signed")
PF = "Postfix 3.7 submission (STARTTLS required, AUTH after it, Dovecot 2.3 SASL)"
PF465 = "Postfix 3.7 submissions (implicit TLS, Dovecot 2.3 SASL)"
PF25 = "Postfix 3.7 MX on port 25 (no AUTH, relay only for logged-in clients)"
DV = "Dovecot 2.3 IMAP/POP3 (disable_plaintext_auth = yes, passwd-file)"

CASES = (
    # wrong password / unknown user, SMTP AUTH
    Case("smtp-auth-wrong-password-python", "postfix", "submission", "Python smtplib (STARTTLS, AUTH PLAIN)",
         smtp_send(security="starttls"), PF, PASSWORD, wrong_password=True),
    Case("smtp-auth-wrong-password-curl", "postfix", "submission", "curl (smtp:// --ssl-reqd)",
         curl(f"smtp://{HOST}:587", ssl_reqd=True, smtp=True), PF, PASSWORD, wrong_password=True),
    Case("smtps-auth-wrong-password-curl", "postfix", "submissions", "curl (smtps://)",
         curl(f"smtps://{HOST}:465", smtp=True), PF465, PASSWORD, wrong_password=True),
    Case("smtp-auth-unknown-user-python", "postfix", "submissions", "Python smtplib (SMTP_SSL)",
         smtp_send(security="ssl"), PF465, ("username-wrong", "password-rejected"), unknown_user=True),
    # IMAP / POP3 logins
    Case("imap-wrong-password-python", "dovecot", "imaps", "Python imaplib (IMAP4_SSL)",
         imap_login(security="ssl"), DV, PASSWORD, wrong_password=True),
    Case("imap-wrong-password-curl", "dovecot", "imap", "curl (imap:// --ssl-reqd)",
         curl(f"imap://{HOST}:143/INBOX", ssl_reqd=True), DV, PASSWORD, wrong_password=True),
    Case("pop3-wrong-password-python", "dovecot", "pop3s", "Python poplib (POP3_SSL)",
         pop3_login(security="ssl"), DV, PASSWORD, wrong_password=True),
    Case("imap-unknown-user-python", "dovecot", "imap", "Python imaplib (STARTTLS)",
         imap_login(security="starttls"), DV, ("username-wrong", "password-rejected"), unknown_user=True),
    Case("imap-wrong-password-verbose", "dovecot", "imaps", "Python imaplib (IMAP4_SSL)",
         imap_login(security="ssl"), DV + " with auth_verbose = yes", ("password-rejected",),
         wrong_password=True, dovecot=(("auth_verbose", "yes"),)),
    Case("imap-unknown-user-verbose", "dovecot", "imaps", "curl (imaps://)",
         curl(f"imaps://{HOST}:993/INBOX"), DV + " with auth_verbose = yes", ("username-wrong",),
         unknown_user=True, dovecot=(("auth_verbose", "yes"),)),
    Case("pop3-unknown-user-verbose", "dovecot", "pop3", "Python poplib (STLS)",
         pop3_login(security="starttls"), DV + " with auth_verbose = yes", ("username-wrong",),
         unknown_user=True, dovecot=(("auth_verbose", "yes"),)),
    # plaintext login refused on a connection without TLS
    Case("imap-plaintext-auth-disallowed", "dovecot", "imap", "Python imaplib (IMAP4, no STARTTLS)",
         imap_login(security="plain"), DV, ("auth-requires-tls", "starttls-stripped", *PASSWORD)),
    Case("pop3-plaintext-auth-disallowed", "dovecot", "pop3", "Python poplib (POP3, no STLS)",
         pop3_login(security="plain"), DV, ("auth-requires-tls", "starttls-stripped", *PASSWORD)),
    # TLS client on a plaintext port
    Case("smtp-tls-on-587", "postfix", "submission", "Python smtplib (SMTP_SSL on 587)",
         smtp_send(security="ssl"), PF, ("tls-on-plaintext-port", "wrong-protocol-on-port")),
    Case("smtp-tls-on-587-curl", "postfix", "submission", "curl (smtps:// on 587)",
         curl(f"smtps://{HOST}:587", smtp=True), PF, ("tls-on-plaintext-port", "wrong-protocol-on-port")),
    Case("imap-tls-on-143", "dovecot", "imap", "Python imaplib (IMAP4_SSL on 143)",
         imap_login(security="ssl"), DV, ("tls-on-plaintext-port", "wrong-protocol-on-port")),
    Case("pop3-tls-on-110", "dovecot", "pop3", "curl (pop3s:// on 110)",
         curl(f"pop3s://{HOST}:110/"), DV, ("tls-on-plaintext-port", "wrong-protocol-on-port")),
    # plaintext client on an implicit-TLS port
    Case("smtp-plain-on-465", "postfix", "submissions", "Python smtplib (SMTP + STARTTLS on 465)",
         smtp_send(security="starttls"), PF465, ("plaintext-on-tls-port", "wrong-protocol-on-port")),
    Case("smtp-plain-on-465-curl", "postfix", "submissions", "curl (smtp:// on 465)",
         curl(f"smtp://{HOST}:465", smtp=True), PF465, ("plaintext-on-tls-port", "wrong-protocol-on-port")),
    Case("imap-plain-on-993", "dovecot", "imaps", "curl (imap:// on 993)",
         curl(f"imap://{HOST}:993/INBOX"), DV, ("plaintext-on-tls-port",)),
    Case("pop3-plain-on-995", "dovecot", "pop3s", "Python poplib (POP3 on 995)",
         pop3_login(security="plain"), DV, ("plaintext-on-tls-port",)),
    # the client refuses the server's certificate
    Case("smtp-cert-untrusted", "postfix", "submission", "Python smtplib (STARTTLS, public CAs only)",
         smtp_send(security="starttls", ca=SYSTEM_CAS), PF, ("cert-untrusted-issuer", "cert-self-signed", "tls-interception")),
    Case("smtps-cert-untrusted-curl", "postfix", "submissions", "curl (smtps://, public CAs only)",
         curl(f"smtps://{HOST}:465", smtp=True, ca=SYSTEM_CAS), PF465,
         ("cert-untrusted-issuer", "cert-self-signed", "tls-interception")),
    Case("imap-cert-untrusted", "dovecot", "imaps", "Python imaplib (IMAP4_SSL, public CAs only)",
         imap_login(security="ssl", ca=SYSTEM_CAS), DV, ("cert-untrusted-issuer", "cert-self-signed", "tls-interception")),
    Case("smtp-cert-hostname", "postfix", "submission", "Python smtplib (STARTTLS to a name not in the certificate)",
         smtp_send(security="starttls", host=OTHER_HOST), PF, HOSTNAME_ALERT),
    Case("imap-cert-hostname", "dovecot", "imaps", "Python imaplib (IMAP4_SSL to a name not in the certificate)",
         imap_login(security="ssl", host=OTHER_HOST), DV, HOSTNAME_ALERT),
    # no shared TLS protocol version
    Case("imap-tls-version", "dovecot", "imaps", "Python imaplib (IMAP4_SSL, at most TLS 1.2)",
         imap_login(security="ssl", max_version=TLS12), DV + " with ssl_min_protocol = TLSv1.3",
         ("tls-version-client-outdated", "tls-version-server-outdated", "tls-no-shared-cipher"),
         dovecot=(("ssl_min_protocol", "TLSv1.3"),)),
    Case("smtp-tls-version", "postfix", "submission", "openssl s_client (-starttls smtp -tls1_2)",
         s_client("-starttls", "smtp", "-tls1_2"), PF + " with smtpd_tls_protocols = >=TLSv1.3",
         ("tls-version-client-outdated", "tls-version-server-outdated", "tls-no-shared-cipher"),
         postfix=(("smtpd_tls_protocols", ">=TLSv1.3"), ("smtpd_tls_mandatory_protocols", ">=TLSv1.3"))),
    # SMTP policy refusals
    Case("smtp-relay-denied", "postfix", "smtp", "Python smtplib (port 25, STARTTLS, no AUTH)",
         smtp_send(security="starttls", auth=False), PF25, ("mx-host-used-for-submission", "smtp-auth-not-enabled")),
    Case("smtp-relay-denied-curl", "postfix", "smtp", "curl (smtp:// port 25, no AUTH)",
         curl(f"smtp://{HOST}:25", smtp=True, user=False), PF25,
         ("mx-host-used-for-submission", "smtp-auth-not-enabled")),
    Case("smtp-mail-before-starttls", "postfix", "submission", "Python smtplib (port 587, no STARTTLS, no AUTH)",
         smtp_send(security="plain", auth=False), PF, ("auth-requires-tls", "starttls-stripped", "server-reply-permanent")),
    Case("smtp-sender-login-mismatch", "postfix", "submission-owners", "Python smtplib (STARTTLS, AUTH, another MAIL FROM)",
         smtp_send(security="starttls", sender="boss@example.test"),
         "Postfix 3.7 submission with smtpd_sender_login_maps and reject_sender_login_mismatch",
         ("sender-address-not-allowed",), sender_logins=True),
    Case("smtp-too-many-connections", "postfix", "submission-limited", "Python smtplib (STARTTLS, AUTH)",
         smtp_send(security="starttls"), PF + " with smtpd_client_connection_count_limit = 2 reached",
         ("too-many-connections", "server-unavailable"), hold=2),
    Case("imap-too-many-connections", "dovecot", "imaps", "Python imaplib (IMAP4_SSL)",
         imap_login(security="ssl"), DV + " with mail_max_userip_connections = 1 (one session already open)",
         ("too-many-connections", "mailbox-in-use"), dovecot=(("mail_max_userip_connections", "1"),), hold=1),
    Case("smtp-helo-rejected", "postfix", "smtp-helo-checks", "Python smtplib (port 25, EHLO laptop.example.net)",
         smtp_send(security="starttls", auth=False, rcpt="postmaster@example.test"),
         "Postfix 3.7 MX with reject_invalid/non_fqdn/unknown_helo_hostname", ("helo-name-rejected",), helo_checks=True),
    Case("smtp-postscreen", "postfix", "smtp-postscreen-deep", "Python smtplib (port 25, first contact)",
         smtp_send(security="starttls", auth=False, rcpt="postmaster@example.test"),
         "Postfix 3.7 MX with postscreen's after-220 tests (first contact)",
         ("mx-host-used-for-submission", "server-reply-transient")),
)


# -- the servers and their logs --------------------------------------------------------------------------


@contextlib.contextmanager
def servers(case: Case) -> Iterator[tuple[DovecotServer, PostfixServer]]:
    with DovecotServer(address="127.0.0.72", sasl_socket=True, settings=dict(case.dovecot)) as dovecot, \
            PostfixServer(address="127.0.0.73", sasl_path=dovecot.sasl_path, helo_checks=case.helo_checks,
                          sender_logins={dovecot.username: dovecot.username} if case.sender_logins else None,
                          settings=dict(case.postfix)) as postfix:
        yield dovecot, postfix


def _offset(server: DovecotServer | PostfixServer) -> int:
    return len(server.log_text)


_ENDED = {
    "postfix": re.compile(r"\]: (?:disconnect from|DISCONNECT )"),
    "dovecot": re.compile(r"(?:-login: Info: (?:Disconnected|Aborted login|Maximum number)|: Disconnected|Logged out)"),
}


def _session(server: DovecotServer | PostfixServer, since: int, kind: str, settle: float = 8.0) -> str:
    deadline = time.monotonic() + settle
    while time.monotonic() < deadline:
        if _ENDED[kind].search(server.log_text[since:]):
            break
        time.sleep(0.1)
    time.sleep(0.5)
    return server.log_text[since:]


#: A process's own prefix ("postfix/submission/smtpd[123]") and a line that opens a session.
_PROC = re.compile(r"^\S+ +\d+ [\d:]+ \S+ (\S+\[\d+\]): ")
_OPENS = re.compile(r": (?:connect|CONNECT) from ")


def session_lines(text: str) -> str:
    """Postfix's lines of the processes whose session opened in ``text``: lines of sessions opened
    before (the start's own probes of each port) are left out."""
    lines = text.splitlines()
    procs = {m.group(1) for line in lines if _OPENS.search(line) and (m := _PROC.match(line))}
    return "\n".join(line for line in lines if (m := _PROC.match(line)) and m.group(1) in procs)


def clean(text: str, folders: list[Path], ports: dict[int, int]) -> str:
    """The lab's folders cut out, its ports shown as the well-known ports they play, its service names
    as Debian's master.cf names those roles."""
    for port, role in ports.items():
        text = re.sub(rf"(?<=[:\]]){port}\b", str(role), text)
    for folder in folders:
        text = text.replace(str(folder) + "/", "").replace(str(folder), "")
    for pattern, name in SYSLOG_NAMES:
        text = pattern.sub(name, text)
    return "\n".join(line for line in text.splitlines() if line.strip() and not NOT_SESSION.search(line))


def record(case: Case) -> str:
    with servers(case) as (dovecot, postfix), contextlib.ExitStack() as held:
        password = ("wrong-" + secrets.token_urlsafe(6)) if case.wrong_password else dovecot.password
        username = "nobody-here@example.test" if case.unknown_user else dovecot.username
        server = postfix if case.server == "postfix" else dovecot
        ca_file = postfix.ca_file if case.server == "postfix" else dovecot.ca_file
        ctx = Ctx(server.address, server.ports[case.service], username, password, ca_file)
        for _ in range(case.hold):
            if case.server == "postfix":
                sock = held.enter_context(socket.create_connection((ctx.address, ctx.port)))
                sock.recv(200)
            else:
                c = imaplib.IMAP4_SSL(ctx.address, ctx.port, ssl_context=_context(ctx), timeout=8)
                c.login(dovecot.username, dovecot.password)
                c.select("INBOX")
                held.callback(c.shutdown)
        time.sleep(1.5)  # the start's probes of each port end
        since = _offset(server)
        case.run(ctx)
        text = _session(server, since, case.server)
        if case.server == "postfix":
            text = session_lines(text)
        ports = {port: postfix.roles[name] for name, port in postfix.ports.items()}
        ports.update({port: DOVECOT_PORTS[name] for name, port in dovecot.ports.items()})
        out = clean(text, [p for p in (dovecot.folder, postfix.folder) if p is not None], ports)
        return out.replace(password, "********")


def versions() -> dict[str, str]:
    pf = subprocess.run(["postconf", "-dh", "mail_version"], capture_output=True, text=True, check=False).stdout.strip()
    dv = subprocess.run(["dovecot", "--version"], capture_output=True, text=True, check=False).stdout.split()[0]
    return {"postfix": pf, "dovecot": dv}


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A log of several lines as a literal block, as pasted.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def main() -> None:
    only = set(sys.argv[1].split(",")) if len(sys.argv) > 1 else set()
    v = versions()
    program = {"postfix": f"Postfix {v['postfix']} smtpd (Debian)", "dovecot": f"Dovecot {v['dovecot']} (Debian)"}
    entries = []
    for case in CASES:
        if only and case.id not in only:
            continue
        text = record(case)
        print(f"== {case.id}\n{text}\n", file=sys.stderr)
        if not text:
            continue
        entries.append({
            "id": f"srvlog-{case.id}",
            "text": text,
            "source": f"{program[case.server]}'s log of a session of {case.client} against {case.recipe} "
                      "(mailexpert lab, real servers; benchmarks/record_server_logs.py)",
            "kind": "server",
            "program": program[case.server],
            "cause": list(case.cause),
        })
    yaml.SafeDumper.add_representer(str, _text)
    print(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=1000))


if __name__ == "__main__":
    main()
