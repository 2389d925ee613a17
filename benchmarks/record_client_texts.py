"""Record what real mail clients print against the loopback lab's faults (corpus entries).

Runs the Debian packages msmtp and curl, and Python's smtplib/imaplib/poplib, against each
lab scenario on 127.0.0.0/8 and writes their error output as corpus entries (YAML on
standard output), each labelled with the scenario's cause. Only failures are recorded.
Needs `apt-get install msmtp curl`; run once by hand, the output goes to
tests/corpus/collected-lab.yaml. Talks only to the lab (loopback).

    python3 benchmarks/record_client_texts.py --more [all|NAME,NAME...] [SCENARIO,SCENARIO...]

records more real clients and libraries the same way (tests/corpus/collected-lab2.yaml; then
benchmarks/corpus_split.py on it): mutt, NeoMutt, s-nail, fetchmail, mbsync, swaks, PHPMailer,
Perl's Net::SMTP / Mail::IMAPClient / Net::POP3, Ruby's net/smtp / net/imap / net/pop, Go's
net/smtp, Jakarta Mail, nodemailer, ImapFlow, getmail6, OfflineIMAP3, aiosmtplib, Exim, GNU Mailutils,
sendemail, mpop, imapclient, imap-tools, emailjs, Mono's SmtpClient, Twisted, nullmailer, PHP's imap
extension, poplib, dma, Symfony Mailer, Email::Sender, fdm, imaplib2, aioimaplib, node-imap and
Net::IMAP::Simple, the libraries driven
by the small programs in benchmarks/lab_clients/ (the Go, Java and C# ones are compiled into a
temporary directory at record time). A client that is not
installed is skipped. Needs root (each client runs in a mount namespace of its own, whose
/etc/hosts alone names the lab's server: no lab name reaches the system resolver) and

    apt-get install mutt s-nail fetchmail isync swaks php-cli libphp-phpmailer \
        libmail-imapclient-perl libio-socket-ssl-perl libauthen-sasl-perl ruby golang-go \
        libjakarta-mail-java openjdk-17-jdk-headless nodejs npm
    npm install --prefix /tmp/nodemailer nodemailer     # outside the repository (LAB_NODE_PATH)

and for NeoMutt, getmail6, OfflineIMAP3 and aiosmtplib (tests/corpus/collected-lab4.yaml) and
ImapFlow (tests/corpus/collected-lab5.yaml):

    apt-get install neomutt getmail6 offlineimap3
    pip install --target /tmp/aiosmtplib aiosmtplib     # outside the repository (LAB_PYTHONPATH)
    mkdir /tmp/imapflow && cd /tmp/imapflow && npm install imapflow   # (LAB_IMAPFLOW_PATH)

and for Exim, GNU Mailutils (mail, movemail), sendemail, mpop, imapclient and imap-tools
(tests/corpus/collected-lab6.yaml; run as three recordings: exim,mailutils,sendemail, then
mpop,movemail, then imapclient,imap-tools):

    apt-get install mpop mailutils sendemail
    pip install --target /tmp/imaplibs imapclient imap-tools      # (LAB_IMAPLIBS_PATH)
    cd /tmp/lab6-exim && apt-get download exim4-daemon-light && dpkg -x exim4-daemon-light_*.deb root   # (LAB_EXIM)

and emailjs (tests/corpus/collected-lab6b.yaml, --more emailjs):

    mkdir /tmp/emailjs && cd /tmp/emailjs && npm install emailjs       # (LAB_EMAILJS_PATH)

and Mono's System.Net.Mail.SmtpClient and Twisted's ESMTP client (tests/corpus/collected-lab7.yaml,
--more mono,twisted; the C# program is compiled with mcs into a temporary directory at record time):

    apt-get install mono-mcs python3-twisted

and Debian's nullmailer as a smarthost client (tests/corpus/collected-lab7b.yaml, --more nullmailer;
it conflicts with Postfix too, so it is only unpacked):

    cd /tmp/lab7-nullmailer && apt-get download nullmailer && dpkg -x nullmailer_*.deb root   # (LAB_NULLMAILER)

and PHP's imap extension (UW c-client: imap_open() on IMAP and POP3, benchmarks/lab_clients/imap_open.php) and
Python's poplib (benchmarks/lab_clients/pop.py: POP3_SSL, or POP3 and stls()), with each scenario's IMAP
faults set on POP3 as well (tests/corpus/collected-lab8.yaml, --more php-imap,poplib):

    apt-get install php-cli php8.2-imap

and Debian's dma (DragonFly Mail Agent) as a smarthost client (tests/corpus/collected-lab8b.yaml, --more dma;
it conflicts with Postfix, so it is only unpacked; the small library that writes its syslog lines to standard
error, benchmarks/lab_clients/syslog_stderr.c, is compiled with gcc at record time):

    cd /tmp/lab8-dma && apt-get download dma && dpkg -x dma_*.deb root      # (LAB_DMA)

and Symfony Mailer (an SMTP DSN send, benchmarks/lab_clients/symfony_send.php), Perl's Email::Sender
(Transport::SMTP, email_sender.pl), fdm (IMAP and POP3 fetch), imaplib2 and aioimaplib (imaplib2_aio.py),
Perl's Net::IMAP::Simple (imap_simple.pl) and node-imap (node_imap.js) (tests/corpus/collected-lab9.yaml, as
--more symfony,email-sender, then --more imaplib2,aioimaplib,node-imap,imap-simple, then --more fdm):

    apt-get install php-cli php-symfony-mailer libemail-sender-perl fdm python3-imaplib2 libnet-imap-simple-perl
    pip install --target /tmp/labnew-py aioimaplib          # outside the repository (LAB_AIOIMAPLIB_PATH)
    npm install --prefix /tmp/labnew-node imap              # outside the repository (LAB_NODE_IMAP_PATH)

A client that fails against the healthy lab too fails for its own reason: its text there is left
out under every fault where it is the same, and recorded once with the client's cause where
CLIENT_OWN knows it (Mono's STARTTLS, TLS 1.0 at most).

Exim conflicts with the installed Postfix, so it is only unpacked: it runs with a private
configuration (-C), spool and log, as its Debian user named in a private passwd file of its
mount namespace. A recording whose clients all speak SMTP only sets the port faults on SMTP
(SMTP_VARIANTS); one whose clients all speak POP3 sets each scenario's IMAP setting, and the
faults on IMAP's ports, on POP3 as well (pop3_variant).

    python3 benchmarks/record_client_texts.py --more postfix

records Debian's Postfix as a relay client (tests/corpus/collected-lab3.yaml): a private
instance (mailexpert.lab.relayclient) sends one message through the lab's server as its
smarthost, relayhost = [name]:port with SASL (smtp_sasl_password_maps) and TLS at
smtp_tls_security_level = verify (wrappermode for an implicit-TLS port, none for a plain
setting), and the smtp(8) log lines of its first delivery attempt are the text. Alone, it also
records the port faults that the scenarios set on IMAP with the same fault on SMTP
(SMTP_VARIANTS). Needs root and `apt-get install postfix libsasl2-modules` (the system's own
Postfix is never touched or started).

Texts another corpus entry already holds are left out; identical texts of one program for
several faults are one entry with all their causes. Passwords are never in a text.
"""

from __future__ import annotations

import base64
import contextlib
import io
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import attrs
import yaml

from mailexpert.account import ServerSetting
from mailexpert.errors import LabError
from mailexpert.lab import SCENARIOS, Lab
from mailexpert.lab.relayclient import PostfixRelayClient
from mailexpert.redact import Scrubber

#: Scenarios whose faults a client sees on the wire (DNS ones would need the system resolver).
SKIP = {"healthy", "server-host-typo", "server-host-unknown", "server-host-no-address", "wrong-provider-host",
        "dns-server-misconfigured", "dns-outage", "dns-blocked", "dns-poisoned", "no-internet", "proxy-only-web",
        "server-ip-blocked", "packet-loss", "high-latency", "all-mail-ports-blocked"}
#: Causes a client's text cannot tell apart from the scenario's: acceptable answers too.
ALSO = {
    "starttls-stripped": ["starttls-not-offered"],
    "starttls-not-offered": ["starttls-stripped"],
    "tls-interception": ["cert-untrusted-issuer", "cert-self-signed"],
    "cert-untrusted-issuer": ["tls-interception"],
    "cert-self-signed": ["tls-interception"],
    "basic-auth-disabled": ["password-rejected"],
    "app-password-required": ["password-rejected"],
    "username-wrong": ["password-rejected"],
    "protocol-disabled-for-account": ["password-rejected"],
    "web-login-required": ["password-rejected"],
    "clock-skew": ["cert-not-yet-valid", "cert-expired"],
    "smtp-port25-blocked": ["port-blocked-outbound"],
    "port-blocked-outbound": ["smtp-port25-blocked"],
    "plaintext-auth-filtered": ["server-unavailable"],
}
#: What a text alone cannot tell apart, by its shape: curl's "Login denied" hides the server's
#: words; a timeout with no bytes says only that nothing usable came back.
SHAPES = (
    (("Login denied", "Access denied"), ["password-rejected"]),
    # Connected, and no greeting came: a server that hangs or delays its greeting, or a middlebox that
    # holds the connection, reads the same (nodemailer/smtp-connection#23, PHPMailer/PHPMailer#104).
    # Postfix's smtp(8) reads lines until one is an SMTP reply: a TLS port's silence and another
    # protocol's greeting ("* OK", "+OK") both end in its greeting timeout (src/smtp/smtp_chat.c).
    (("timed out while receiving the initial server greeting",),
     ["plaintext-on-tls-port", "wrong-protocol-on-port", "server-unavailable"]),
    # ImapFlow waits for a line it reads as IMAP's greeting: another protocol's ("+OK") times out as silence does.
    (("Failed to receive greeting from server in required time",),
     ["plaintext-on-tls-port", "wrong-protocol-on-port", "server-unavailable"]),
    (("0 bytes received",), ["plaintext-on-tls-port", "tls-on-plaintext-port", "server-unavailable"]),
    (("Connection timed out after",), ["port-blocked-outbound", "smtp-port25-blocked"]),
    (("TimeoutError: timed out",), ["port-blocked-outbound", "plaintext-on-tls-port"]),
    (("The certificate issuer is unknown",), ["cert-untrusted-issuer"]),  # GnuTLS's words for a self-signed one too
    (("cannot use a secure authentication method",), ["auth-requires-tls", "auth-mechanism-unsupported"]),
    # No password mechanism the library can use: a server that offers only OAuth2, or only NTLM/Kerberos
    # (the same 504 from an Exchange offering AUTH NTLM alone: nodemailer/nodemailer#189, #1060).
    (("No SASL mechanism found", "Unrecognized authentication type"), ["oauth-required", "auth-mechanism-unsupported"]),
    # Cyrus SASL (Postfix's smtp client, mutt) has no plug-in for any mechanism the server offers: an OAuth2-only
    # server, or a client without the PLAIN/LOGIN plug-ins (Debian's libsasl2-modules) -- the same words; and
    # aiosmtplib, whose own mechanisms are CRAM-MD5, PLAIN and LOGIN.
    (("No worthy mechs found", "no mechanism available", "No authenticators available",
      "No suitable authentication method found", "no suitable authentication mechanism found",
      "No mutually supported authentication methods available",
      "Server does not advertise any supported authentication methods"), ["oauth-required", "auth-mechanism-unsupported"]),
    # GNU Mailutils' "Authentication failed" (MU_ERR_AUTH_FAILURE) hides the server's words: on a pop:// URL it
    # logs in without TLS where the server offers no STLS, and meets the refusal of a plaintext login.
    (("cannot open: Authentication failed",), ["password-rejected"]),
    # OfflineIMAP raises this in place of the last connect() error, whichever it was (imaplibutil.py).
    (("(-1, 'could not open socket')",), ["port-closed", "port-blocked-outbound"]),
    # OfflineIMAP set to STARTTLS goes on without it where the server does not offer it (imapserver.py
    # __start_tls), and then meets LOGINDISABLED: the same words as a client set to no encryption.
    (("IMAP LOGIN is disabled by server",), ["auth-requires-tls", "starttls-not-offered", "starttls-stripped"]),
    # A bare 421 greeting is RFC 5321's "service not available": a connection limit or an outage.
    (("smtp-server response: 421",), ["server-unavailable"]),
)
#: Failures of a protocol the scenario's fault does not touch (curl's SMTP timing out there).
UNRELATED = {"lab-password-expired-curl-smtp", "lab-mailbox-in-use-curl-smtp"}
LIBRARY = {"smtp": "smtplib", "imap": "imaplib", "pop3": "poplib"}
MESSAGE = b"From: alice@example.test\r\nTo: bob@example.org\r\nSubject: test\r\n\r\nhello\r\n"


def versions() -> dict[str, str]:
    def first(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return ""
    msmtp = re.search(r"version (\S+)", first(["msmtp", "--version"]))
    curl = re.search(r"curl (\S+)", first(["curl", "--version"]))
    return {"msmtp": msmtp.group(1) if msmtp else "?", "curl": curl.group(1) if curl else "?",
            "python": sys.version.split()[0]}


def run(cmd: list[str], stdin: bytes = b"") -> str:
    try:
        done = subprocess.run(cmd, input=stdin, capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return ""
    if done.returncode == 0:
        return ""
    return (done.stderr or done.stdout).decode("utf-8", "replace")


def msmtp(lab: Lab, s: ServerSetting, address: tuple[str, int]) -> str:
    t = lab.target
    tls = "off" if s.security == "plain" else "on"
    starttls = "on" if s.security == "starttls" else "off"
    cmd = ["msmtp", f"--host={address[0]}", f"--port={address[1]}", f"--tls={tls}", f"--tls-starttls={starttls}",
           f"--tls-trust-file={t.ca_file}", f"--tls-host-override={s.host}", "--timeout=5",
           f"--from={t.email}", "bob@example.org"]
    if t.smtp_auth != "none":
        cmd[1:1] = ["--auth=on", f"--user={t.username}", f"--passwordeval=echo {t.password}"]
        if t.auth_mechanism:
            cmd[1:2] = [f"--auth={t.auth_mechanism.lower()}"]
    return run(cmd, MESSAGE)


def curl(lab: Lab, s: ServerSetting, address: tuple[str, int]) -> str:
    t = lab.target
    scheme = {("smtp", "ssl"): "smtps", ("imap", "ssl"): "imaps", ("pop3", "ssl"): "pop3s"}.get(
        (s.protocol, s.security), s.protocol)
    cmd = ["curl", "-sS", "--max-time", "8", "--connect-to", f"{s.host}:{s.port}:{address[0]}:{address[1]}",
           "--cacert", t.ca_file, "--user", f"{t.username}:{t.password}"]
    if s.security == "starttls":
        cmd.append("--ssl-reqd")
    if s.protocol == "smtp":
        cmd += ["--mail-from", t.email, "--mail-rcpt", "bob@example.org", "-T", "-", f"{scheme}://{s.host}:{s.port}"]
        return run(cmd, MESSAGE)
    cmd.append(f"{scheme}://{s.host}:{s.port}/" + ("INBOX" if s.protocol == "imap" else ""))
    return run(cmd)


def python(lab: Lab, s: ServerSetting, address: tuple[str, int]) -> str:
    """What a Python script using the standard library prints last (the exception line)."""
    import imaplib
    import poplib
    import smtplib

    t = lab.target
    real_create = socket.create_connection

    def create(addr, *args, **kwargs):  # the lab's names are never resolved by the system
        return real_create(address, *args, **kwargs)

    context = ssl.create_default_context(cafile=t.ca_file)
    socket.create_connection = create
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            if s.protocol == "smtp":
                cls = smtplib.SMTP_SSL if s.security == "ssl" else smtplib.SMTP
                kw = {"context": context} if s.security == "ssl" else {}
                with cls(s.host, s.port, timeout=5, **kw) as c:
                    if s.security == "starttls":
                        c.starttls(context=context)
                    if t.smtp_auth != "none":
                        c.login(t.username, t.password)
                    c.sendmail(t.email, ["bob@example.org"], MESSAGE)
            elif s.protocol == "imap":
                if s.security == "ssl":
                    c = imaplib.IMAP4_SSL(s.host, s.port, ssl_context=context, timeout=5)
                else:
                    c = imaplib.IMAP4(s.host, s.port, timeout=5)
                    if s.security == "starttls":
                        c.starttls(ssl_context=context)
                c.login(t.username, t.password)
                c.logout()
            else:
                c = poplib.POP3_SSL(s.host, s.port, context=context, timeout=5) if s.security == "ssl" else \
                    poplib.POP3(s.host, s.port, timeout=5)
                if s.security == "starttls":
                    c.stls(context=context)
                c.user(t.username)
                c.pass_(t.password)
                c.quit()
    except Exception as exc:  # noqa: BLE001 - recording what a script would print
        name = type(exc).__module__ + "." + type(exc).__qualname__
        name = name.removeprefix("builtins.")
        return f"{name}: {exc}"
    finally:
        socket.create_connection = real_create
    return ""



# -- more clients (``--more``): each run in a private mount namespace -----------------------
#: Where the small programs for the libraries live (Go, Node, PHP, Perl, Ruby, Java).
CLIENTS = Path(__file__).resolve().parent / "lab_clients"
NODE_PATH = os.environ.get("LAB_NODE_PATH", "/tmp/nodemailer/node_modules")
#: Where imapflow is installed (npm install in that folder), outside the repository.
IMAPFLOW_PATH = os.environ.get("LAB_IMAPFLOW_PATH", "/tmp/imapflow/node_modules")
#: Where aiosmtplib is installed (pip install --target), outside the repository.
PYTHON_PATH = os.environ.get("LAB_PYTHONPATH", "/tmp/aiosmtplib")
#: Where imapclient and imap-tools are installed (pip install --target), outside the repository.
IMAPLIBS_PATH = os.environ.get("LAB_IMAPLIBS_PATH", "/tmp/imaplibs")
#: Where emailjs is installed (npm install in that folder), outside the repository.
EMAILJS_PATH = os.environ.get("LAB_EMAILJS_PATH", "/tmp/emailjs/node_modules")
JAKARTA = "/usr/share/java/jakarta-mail.jar:/usr/share/java/jakarta-activation.jar"
#: The clients resolve names with the C library (or their own resolver reading the same files):
#: each runs in a mount namespace of its own whose /etc/hosts names the lab's address for the
#: server's name and whose nsswitch.conf allows no DNS at all, so that no lab name ever reaches
#: the system resolver and every TLS client checks the certificate against the real server name.
ISOLATE = ('mount --bind "$1" /etc/hosts && mount --bind "$2" /etc/nsswitch.conf && '
           'mount --bind "$3" /etc/resolv.conf && shift 3 && exec "$@"')


class Run:
    """One client run against one lab server: a private temp dir, the hosts file, the settings."""

    def __init__(self, lab: Lab, s: ServerSetting, address: tuple[str, int], tmp: Path) -> None:
        self.lab, self.s, self.t, self.tmp = lab, s, lab.target, tmp
        self.address, self.port = address
        # The machine's own name too (fetchmail qualifies it), on loopback.
        (tmp / "hosts").write_text(f"127.0.0.1 localhost {socket.gethostname()}\n{address[0]} {s.host}\n")
        (tmp / "nsswitch.conf").write_text("hosts: files\n")
        (tmp / "resolv.conf").write_text("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n")

    @property
    def auth(self) -> bool:
        return self.t.smtp_auth != "none" or self.s.protocol != "smtp"

    def env(self) -> dict[str, str]:
        t, s = self.t, self.s
        return {**os.environ, "PROTO": s.protocol, "HOST": s.host, "PORT": str(self.port), "SECURITY": s.security,
                "CA": t.ca_file, "USER_NAME": t.username, "PASSWORD": t.password, "FROM": t.email,
                "AUTH": "password" if self.auth else "none", "MECHANISM": t.auth_mechanism or "",
                "HOME": str(self.tmp), "NODE_PATH": f"{NODE_PATH}:{IMAPFLOW_PATH}", "PYTHONPATH": f"{PYTHON_PATH}:{IMAPLIBS_PATH}", "GOCACHE": str(GOCACHE), "GOFLAGS": "-mod=mod",
                "GOPROXY": "off", "LAB_EMAILJS_PATH": EMAILJS_PATH}

    def file(self, name: str, text: str) -> str:
        path = self.tmp / name
        path.write_text(text)
        path.chmod(0o600)
        return str(path)

    def run(self, cmd: list[str], stdin: bytes = b"", timeout: float = 25, ok: tuple[int, ...] = (0,),
            env: dict[str, str] | None = None) -> str:
        wrapped = ["unshare", "-m", "sh", "-c", ISOLATE, "sh",
                   *(str(self.tmp / n) for n in ("hosts", "nsswitch.conf", "resolv.conf")), *cmd]
        try:
            done = subprocess.run(wrapped, input=stdin, capture_output=True, timeout=timeout, env={**self.env(), **(env or {})},
                                  cwd=self.tmp)
        except subprocess.TimeoutExpired:
            return ""
        if done.returncode in ok:
            return ""
        out = (done.stderr.decode("utf-8", "replace") + "\n" + done.stdout.decode("utf-8", "replace")).strip()
        return out.replace(str(self.tmp) + "/", "").replace(str(self.tmp), "")


GOCACHE = Path(tempfile.gettempdir()) / "mailexpert-lab-gocache"


def build(tmp: Path) -> dict[str, str]:
    """Compile the Go, Java and C# programs once per recording (never committed)."""
    built = {}
    if shutil.which("go"):
        out = tmp / "smtp-go"
        subprocess.run(["go", "build", "-o", str(out), str(CLIENTS / "smtp.go")], check=True, timeout=300,
                       env={**os.environ, "GOCACHE": str(GOCACHE), "GOPROXY": "off", "GO111MODULE": "off"})
        built["go"] = str(out)
    if shutil.which("javac") and Path(JAKARTA.split(":")[0]).exists():
        subprocess.run(["javac", "-d", str(tmp), "-cp", JAKARTA, str(CLIENTS / "MailClient.java")], check=True,
                       timeout=300)
        built["java"] = str(tmp)
    if shutil.which("gcc") and Path(DMA).exists():
        subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(tmp / "syslog_stderr.so"), str(CLIENTS / "syslog_stderr.c")],
                       check=True, timeout=120)
        # Debian's dma is set-group-ID mail, which makes the loader ignore LD_PRELOAD: a plain copy.
        shutil.copy(DMA, tmp / "dma")
        built["dma"] = str(tmp)
    if shutil.which("mcs") and shutil.which("mono"):
        subprocess.run(["mcs", "-r:System.dll", f"-out:{tmp / 'SmtpSend.exe'}", str(CLIENTS / "SmtpSend.cs")],
                       check=True, timeout=300, capture_output=True)
        built["mono"] = str(tmp / "SmtpSend.exe")
    return built


def mutt(r: Run, program: str = "mutt") -> str:
    s, t = r.s, r.t
    user = urllib.parse.quote(t.username, safe="")
    scheme = "smtps" if s.security == "ssl" else "smtp"
    rc = [f'set smtp_url="{scheme}://{user}@{s.host}:{r.port}/"' if r.auth else
          f'set smtp_url="{scheme}://{s.host}:{r.port}/"',
          f'set from="{t.email}"', "set use_from=yes", f'set ssl_ca_certificates_file="{t.ca_file}"',
          f'set certificate_file="{r.tmp}/certs"', "set connect_timeout=5", "set copy=no"]
    if r.auth:
        rc.append(f'set smtp_pass="{t.password}"')
        if t.auth_mechanism:
            rc.append(f'set smtp_authenticators="{t.auth_mechanism.lower()}"')
    if s.security == "starttls":
        rc += ["set ssl_starttls=yes", "set ssl_force_tls=yes"]
    elif s.security == "plain":
        rc += ["set ssl_starttls=no", "set ssl_force_tls=no"]
    return r.run([program, "-n", "-F", r.file("muttrc", "\n".join(rc) + "\n"), "-s", "test", "bob@example.org"],
                 b"hello\n")


def neomutt(r: Run) -> str:
    """NeoMutt reads mutt's settings (its own error messages differ)."""
    return mutt(r, "neomutt")


def getmail(r: Run) -> str:
    """getmail6 (IMAP or POP3, implicit TLS or none: it has no STARTTLS)."""
    s, t = r.s, r.t
    if s.security == "starttls":
        return ""
    kind = {"imap": "IMAP", "pop3": "POP3"}[s.protocol] + ("SSL" if s.security == "ssl" else "")
    (r.tmp / "mail" / "cur").mkdir(parents=True, exist_ok=True)
    for sub in ("new", "tmp"):
        (r.tmp / "mail" / sub).mkdir(exist_ok=True)
    rc = (f"[retriever]\ntype = Simple{kind}Retriever\nserver = {s.host}\nport = {r.port}\nusername = {t.username}\n"
          f"password = {t.password}\ntimeout = 8\n" + (f"ca_certs = {t.ca_file}\n" if s.security == "ssl" else "")
          + f"\n[destination]\ntype = Maildir\npath = {r.tmp}/mail/\n\n[options]\nread_all = false\ndelete = false\n"
          "verbose = 0\n")
    return r.run(["getmail", f"--rcfile={r.file('getmailrc', rc)}", f"--getmaildir={r.tmp}"])


def offlineimap(r: Run) -> str:
    s, t = r.s, r.t
    (r.tmp / "mail").mkdir(exist_ok=True)
    rc = ("[general]\naccounts = lab\nmetadata = " + f"{r.tmp}/meta\n\n[Account lab]\nlocalrepository = local\n"
          "remoterepository = remote\n\n[Repository local]\ntype = Maildir\n"
          f"localfolders = {r.tmp}/mail\n\n[Repository remote]\ntype = IMAP\nremotehost = {s.host}\n"
          f"remoteport = {r.port}\nremoteuser = {t.username}\nremotepass = {t.password}\n"
          f"ssl = {'yes' if s.security == 'ssl' else 'no'}\nstarttls = {'yes' if s.security == 'starttls' else 'no'}\n"
          f"sslcacertfile = {t.ca_file}\nfolderfilter = lambda folder: folder == 'INBOX'\n")
    out = r.run(["offlineimap", "-c", r.file("offlineimaprc", rc), "-o", "-u", "basic"], timeout=40)
    # A Python traceback's frames (its "File ..." lines, their code and carets) would fill the 12
    # lines an entry keeps before the exception they end in: only the frames are left out.
    return re.sub(r"\n  File \"[^\n]*(?:\n    [^\n]*)*", "", out)


def snail(r: Run) -> str:
    s, t = r.s, r.t
    scheme = "smtps" if s.security == "ssl" else "smtp"
    user = urllib.parse.quote(t.username, safe="")
    # v15-compat credentials: the user in the URL, the password in $password.
    cmd = ["s-nail", "-#", "-:/", "-Sv15-compat", "-Snosave", f"-Sfrom={t.email}",
           f"-Stls-ca-file={t.ca_file}", "-Stls-ca-no-defaults", "-Stls-verify=strict", "-Ssendwait",
           "-Ssocket-connect-timeout=5"]
    if s.security == "starttls":
        cmd.append("-Ssmtp-use-starttls")
    if r.auth:
        cmd += [f"-Smta={scheme}://{user}@{s.host}:{r.port}", f"-Ssmtp-auth={(t.auth_mechanism or 'plain').lower()}",
                f"-Spassword={t.password}"]
    else:
        cmd += [f"-Smta={scheme}://{s.host}:{r.port}", "-Ssmtp-auth=none"]
    return r.run([*cmd, "-s", "test", "bob@example.org"], b"hello\n")


def fetchmail(r: Run) -> str:
    s, t = r.s, r.t
    tls = {"ssl": "ssl sslcertck", "starttls": "sslproto tls1.2+ sslcertck", "plain": "sslcertck"}[s.security]
    rc = (f'set no syslog\npoll {s.host} proto {s.protocol.upper()} port {r.port} timeout 8\n'
          f'  user "{t.username}" password "{t.password}" {tls} sslcertfile "{t.ca_file}"\n')
    # Exit status 1 is fetchmail's "no mail": the login worked.
    out = r.run(["fetchmail", "--check", "--nosyslog", "-f", r.file("fetchmailrc", rc)], ok=(0, 1))
    return "\n".join(line for line in out.splitlines() if "Running as root is discouraged" not in line)


def mbsync(r: Run) -> str:
    s, t = r.s, r.t
    (r.tmp / "mail").mkdir(exist_ok=True)
    cfg = (f"IMAPAccount lab\nHost {s.host}\nPort {r.port}\nUser {t.username}\nPass {t.password}\n"
           f"SSLType {({'ssl': 'IMAPS', 'starttls': 'STARTTLS'}).get(s.security, 'None')}\n"
           f"CertificateFile {t.ca_file}\nTimeout 8\n\nIMAPStore remote\nAccount lab\n\n"
           f"MaildirStore local\nPath {r.tmp}/mail/\nInbox {r.tmp}/mail/INBOX\n\n"
           "Channel lab\nFar :remote:\nNear :local:\nPatterns INBOX\nCreate Near\n")
    out = r.run(["mbsync", "-c", r.file("mbsyncrc", cfg), "-a"])
    # The lab's IMAP server has no NAMESPACE, which mbsync asks for once logged in: the login worked.
    return "" if "'NAMESPACE' returned an error" in out else out


def swaks(r: Run) -> str:
    s, t = r.s, r.t
    cmd = ["swaks", "--server", s.host, "--port", str(r.port), "--from", t.email, "--to", "bob@example.org",
           "--timeout", "8", "--tls-verify", "--tls-ca-path", t.ca_file, "--auth-hide-password"]
    if s.security == "ssl":
        cmd.append("--tls-on-connect")
    elif s.security == "starttls":
        cmd.append("--tls")
    if r.auth:
        cmd += ["--auth", t.auth_mechanism or "PLAIN", "--auth-user", t.username, "--auth-password", t.password]
    out = r.run(cmd)
    # Only swaks's own error lines and the server's error replies: never the AUTH exchange.
    return "\n".join(line for line in out.splitlines() if line.startswith(("***", "<**", "<~*")))


def postfix(r: Run) -> str:
    """Postfix's smtp(8) client relaying through the lab's server as its smarthost (relayhost =
    [name]:port, SASL from smtp_sasl_password_maps, TLS at level verify with the lab's CA): the
    log lines of its first delivery attempt, as /var/log/mail.log shows them. Nothing when the
    message was sent."""
    s, t = r.s, r.t
    relay = PostfixRelayClient(relay=(s.host, r.port), address=r.address, security=s.security, ca_file=t.ca_file,
                               login=(t.username, t.password) if r.auth else None,
                               mechanisms=(t.auth_mechanism or "").lower())
    try:
        with relay:
            lines = relay.attempt(relay.send(t.email, "bob@example.org", MESSAGE.replace(b"\r\n", b"\n")))
    except LabError as exc:
        print(f"postfix: {exc}", file=sys.stderr)
        return ""
    return "" if any("status=sent" in line for line in lines) else "\n".join(lines)


def mpop(r: Run) -> str:
    """mpop (msmtp's POP3 sibling, GnuTLS) with its settings on the command line, no mpoprc."""
    s, t = r.s, r.t
    cmd = ["mpop", f"--host={s.host}", f"--port={r.port}", f"--tls={'off' if s.security == 'plain' else 'on'}",
           f"--tls-starttls={'on' if s.security == 'starttls' else 'off'}", f"--tls-trust-file={t.ca_file}",
           "--timeout=5", f"--user={t.username}", f"--passwordeval=echo {t.password}", "--keep=on",
           "--only-new=off", f"--delivery=mbox,{r.tmp}/mbox"]
    if t.auth_mechanism:
        cmd.insert(1, f"--auth={t.auth_mechanism.lower()}")
    return r.run(cmd)


def mailutils_url(r: Run, scheme: str) -> str:
    """A GNU Mailutils URL: the secure scheme for implicit TLS; on the plain one Mailutils itself
    asks for STARTTLS where the server offers it."""
    s, t = r.s, r.t
    user = urllib.parse.quote(t.username, safe="")
    login = f"{user}:{urllib.parse.quote(t.password, safe='')}@" if r.auth else ""
    return f"{scheme}{'s' if s.security == 'ssl' else ''}://{login}{s.host}:{r.port}"


def movemail(r: Run) -> str:
    """GNU Mailutils' movemail as Emacs' Rmail runs it (``--emacs``), keeping the messages."""
    scheme = {"imap": "imap", "pop3": "pop"}[r.s.protocol]
    return r.run(["movemail", "--no-config", "--emacs", "-p", mailutils_url(r, scheme), str(r.tmp / "out.mbox")])


def mailutils(r: Run) -> str:
    """GNU Mailutils' mail sending through an SMTP server (its ``sendmail`` variable a URL)."""
    return r.run(["mail.mailutils", "--no-config", "-E", f"set sendmail={mailutils_url(r, 'smtp')}",
                  "-a", f"From: {r.t.email}", "-s", "test", "bob@example.org"], b"hello\n")


def sendemail(r: Run) -> str:
    """sendemail (Perl): STARTTLS or none; it has no implicit TLS, so TLS-port settings are skipped."""
    s, t = r.s, r.t
    if s.security == "ssl":
        return ""
    cmd = ["sendemail", "-f", t.email, "-t", "bob@example.org", "-u", "test", "-m", "hello", "-s",
           f"{s.host}:{r.port}", "-o", f"tls={'yes' if s.security == 'starttls' else 'no'}", "-o", "timeout=8"]
    if r.auth:
        cmd += ["-xu", t.username, "-xp", t.password]
    # It has no option for the CA; IO::Socket::SSL's default one is $SSL_CERT_FILE.
    return r.run(cmd, env={"SSL_CERT_FILE": t.ca_file})


#: Where Debian's nullmailer is unpacked (``apt-get download`` + ``dpkg -x``: it conflicts with the
#: installed Postfix, so it is never installed), outside the repository.
NULLMAILER = os.environ.get("LAB_NULLMAILER", "/tmp/lab7-nullmailer/root")


def nullmailer(r: Run) -> str:
    """Debian's nullmailer as a smarthost client: nullmailer-send delivering one queued message
    through the lab's server (its remotes line: the smtp module with --starttls or --ssl, --user and
    --pass, the lab's CA), the lines it logs for that attempt, from "Starting delivery: host:" to
    "Sending failed:", as its journal shows them. Its paths are under NULLMAILER_TEST_PREFIX (conf,
    queue, protocols), its own test suite's variable; nothing when the message was sent."""
    s, t = r.s, r.t
    top = r.tmp / "nm"
    for d in ("conf", "queue/queue", "queue/tmp", "queue/failed", "protocols"):
        (top / d).mkdir(parents=True, exist_ok=True)
    os.mkfifo(top / "queue" / "trigger")
    (top / "protocols" / "smtp").symlink_to(Path(NULLMAILER) / "usr/lib/nullmailer/smtp")
    options = [f"--port={r.port}", f"--x509cafile={t.ca_file}"]
    options += {"ssl": ["--ssl"], "starttls": ["--starttls"], "plain": []}[s.security]
    if r.auth:
        options += [f"--user={t.username}", f"--pass={t.password}"]
    (top / "conf" / "remotes").write_text(f"{s.host} smtp {' '.join(options)}\n")
    (top / "conf" / "sendtimeout").write_text("10\n")
    (top / "queue" / "queue" / "1700000000.1").write_bytes(
        f"{t.email}\nbob@example.org\n\n".encode() + MESSAGE.replace(b"\r\n", b"\n"))
    # nullmailer-send keeps running (it waits for the next message): one attempt, then the timeout ends it.
    # The protocol module's lines (stderr) and nullmailer-send's (stdout) in the order the journal has them.
    out = r.run(["sh", "-c", 'exec timeout 20 "$0" 2>&1', f"{NULLMAILER}/usr/sbin/nullmailer-send"], timeout=40,
                env={"NULLMAILER_TEST_PREFIX": str(top)})
    lines = out.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Starting delivery: host:")), None)
    end = next((i for i, line in enumerate(lines) if line.startswith("Sending failed:")), None)
    if start is None or end is None:
        return ""
    return "\n".join(lines[start:end + 1])


#: Where Debian's dma is unpacked (``apt-get download`` + ``dpkg -x``: it conflicts with the installed
#: Postfix, so it is never installed), outside the repository.
DMA = os.environ.get("LAB_DMA", "/tmp/lab8-dma/root/usr/sbin/dma")
#: Runs a command with a private copy of /etc (the namespace's hosts files included) holding dma's
#: configuration in /etc/dma, the path dma reads it from (it has no option to name another). The copy of
#: dma runs without its set-group-ID bit, so as the user it drops to and not as group mail: the files are
#: readable by all, on a tmpfs only this mount namespace sees.
_WITH_DMA_CONF = ('top=$(mktemp -d) && mount -t tmpfs tmpfs "$top" && cp -a /etc/. "$top"/ && mkdir -p "$top/dma" && '
                  'cp "$1" "$2" "$top/dma/" && chmod 0644 "$top/dma/dma.conf" "$top/dma/auth.conf" && '
                  'mount --bind "$top" /etc && shift 2 && exec "$@"')


def dma(r: Run) -> str:
    """Debian's dma (DragonFly Mail Agent) as a smarthost client (NULLCLIENT, SMARTHOST and PORT, its
    auth.conf, SECURETRANSFER with STARTTLS or at once, INSECURE for a login without TLS), delivering one
    message in the foreground (-D). dma logs only through syslog: its lines, as a syslog daemon writes
    them, come from benchmarks/lab_clients/syslog_stderr.c; from "trying delivery" on, those of its
    first attempt (up to its bounce, or its sleep before the next), the last 12 of them. dma 0.13 checks no certificate (only a FINGERPRINT
    when set), so the certificate faults are not its. Nothing when the message was sent."""
    # dma writes its queue as the user it drops to: a spool of its own outside the run's private folder.
    spool = Path(tempfile.mkdtemp(prefix="lab-dma-"))
    spool.chmod(0o1777)
    try:
        return _dma_attempt(r, spool)
    finally:
        shutil.rmtree(spool, ignore_errors=True)


def _dma_attempt(r: Run, spool: Path) -> str:
    s, t = r.s, r.t
    conf = [f"SMARTHOST {s.host}", f"PORT {r.port}", "MAILNAME example.test", f"SPOOLDIR {spool}", "NULLCLIENT",
            "AUTHPATH /etc/dma/auth.conf"]
    conf += {"ssl": ["SECURETRANSFER"], "starttls": ["SECURETRANSFER", "STARTTLS"], "plain": ["INSECURE"]}[s.security]
    auth = f"{t.username}|{s.host}:{t.password}\n" if r.auth else ""
    cmd = ["sh", "-c", _WITH_DMA_CONF, "sh", r.file("dma.conf", "\n".join(conf) + "\n"), r.file("auth.conf", auth),
           "sh", "-c", 'exec timeout 15 "$0" -D -f "$1" bob@example.org 2>&1', f"{BUILT['dma']}/dma", t.email]
    out = r.run(cmd, MESSAGE.replace(b"\r\n", b"\n"), timeout=40, ok=(0,),
                env={"LD_PRELOAD": f"{BUILT['dma']}/syslog_stderr.so"})
    lines = out.splitlines()
    if any(line.endswith("delivery successful") for line in lines):
        return ""
    start = next((i for i, line in enumerate(lines) if line.endswith("trying delivery")), None)
    if start is None:
        return ""
    # The first attempt ends where dma bounces the message (its bounce's own delivery follows) or sleeps.
    end = next((i for i, line in enumerate(lines) if "delivery failed, bouncing as" in line), len(lines) - 1)
    attempt = lines[start:end + 1]
    # A server that never answers outlasts the run (dma waits minutes): its lines tell no failure yet.
    if not any(word in line for line in attempt for word in _DMA_FAILED):
        return ""
    # The failure is told last: the last 12 lines (those an entry keeps) of a long STARTTLS session.
    return "\n".join(attempt[-12:])


#: dma's words for an attempt that failed (dma.c, net.c: "remote delivery deferred: ...", "remote delivery
#: failed: ...", "remote delivery to %s [%s] failed after %s: %s", "connect to %s [%s] failed: %m").
_DMA_FAILED = ("deferred", "failed", "not available")


#: Where Debian's exim4-daemon-light is unpacked (``apt-get download`` + ``dpkg -x``: it conflicts
#: with the installed Postfix, so it is never installed), outside the repository.
EXIM = os.environ.get("LAB_EXIM", "/tmp/lab6-exim/root/usr/sbin/exim4")
#: The user Debian's Exim is built to run as, in the private passwd file of its namespace only.
EXIM_UID = 60999
#: Exim as a smarthost client in Debian's shape (update-exim4.conf's "mail sent by smarthost"):
#: remote_smtp_smarthost with hosts_try_auth, and the client authenticators of Debian's template
#: (PLAIN and LOGIN only over TLS), the TLS settings made strict as the Postfix client's are
#: (verify the certificate and the name). A private spool, log and retry database.
EXIM_CONF = """\
exim_path = {exim}
keep_environment =
spool_directory = {spool}
log_file_path = {spool}/log/%slog
domainlist local_domains =
qualify_domain = {domain}
begin routers
smarthost:
  driver = manualroute
  domains = ! +local_domains
  transport = remote_smtp_smarthost
  route_list = * {host}::{port} byname
  host_find_failed = ignore
  same_domain_copy_routing = yes
  no_more
begin transports
remote_smtp_smarthost:
  driver = smtp
  multi_domain
  hosts_try_auth = *
  tls_tempfail_tryclear = false
{tls}
begin retry
* * F,2h,15m
begin authenticators
{auth}
"""
EXIM_AUTH = {
    "CRAM-MD5": "cram_md5:\n  driver = cram_md5\n  public_name = CRAM-MD5\n  client_name = {user}\n  client_secret = {password}\n",
    "PLAIN": "plain:\n  driver = plaintext\n  public_name = PLAIN\n  client_send = <; ^{user}^{password}\n"
             "  client_condition = ${{if !eq{{$tls_out_cipher}}{{}}}}\n",
    "LOGIN": "login:\n  driver = plaintext\n  public_name = LOGIN\n  client_send = <; ; {user} ; {password}\n"
             "  client_condition = ${{if !eq{{$tls_out_cipher}}{{}}}}\n",
}
_EXIM_ID = re.compile(r"^\S+ \S+ (\S+-\S+-\S+) <= (?!<>)")


def _exim_passwd(folder: Path) -> tuple[str, str]:
    """A passwd and a group file with Debian's Exim user, for the mount namespace Exim runs in."""
    passwd, group = folder / "passwd", folder / "group"
    passwd.write_text(Path("/etc/passwd").read_text()
                      + f"Debian-exim:x:{EXIM_UID}:{EXIM_UID}::/nonexistent:/usr/sbin/nologin\n")
    group.write_text(Path("/etc/group").read_text() + f"Debian-exim:x:{EXIM_UID}:\n")
    for f in (passwd, group):
        f.chmod(0o644)
    return str(passwd), str(group)


#: Runs a command with the passwd and group files given first bound over the system's.
_AS_EXIM = 'mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/group && shift 2 && exec "$@"'


def _exim_version() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        return _first(["unshare", "-m", "sh", "-c", _AS_EXIM, "sh", *_exim_passwd(Path(tmp)), EXIM, "-bV"],
                      r"Exim version (\S+)")


def exim(r: Run) -> str:
    """Debian's Exim (GnuTLS) sending one message through the lab's server as its smarthost: the
    main log lines of its first delivery attempt (``-odi``), the reception line left out."""
    s, t = r.s, r.t
    spool = Path(tempfile.mkdtemp(prefix="lab-exim-"))
    try:
        spool.chmod(0o755)
        (spool / "log").mkdir()
        shutil.copy(t.ca_file, spool / "ca.pem")
        (spool / "ca.pem").chmod(0o644)
        for d in (spool, spool / "log"):
            os.chown(d, EXIM_UID, EXIM_UID)

        def quoted(value: str) -> str:  # an Exim string: $ and \\ are expansion syntax
            return value.replace("\\", "\\\\").replace("$", "\\$").replace("^", "^^")

        user, password = quoted(t.username), quoted(t.password)
        mechanisms = [t.auth_mechanism.upper()] if t.auth_mechanism else ["CRAM-MD5", "PLAIN", "LOGIN"]
        auth = "\n".join(EXIM_AUTH[m].format(user=user, password=password) for m in mechanisms if m in EXIM_AUTH)
        tls = {"plain": "  hosts_avoid_tls = *",
               "starttls": f"  hosts_require_tls = *\n  tls_verify_hosts = *\n  tls_verify_certificates = {spool}/ca.pem",
               "ssl": f"  protocol = smtps\n  hosts_require_tls = *\n  tls_verify_hosts = *\n"
                      f"  tls_verify_certificates = {spool}/ca.pem"}[s.security]
        conf = spool / "exim.conf"
        conf.write_text(EXIM_CONF.format(exim=EXIM, spool=spool, domain=t.email.partition("@")[2], host=s.host,
                                         port=r.port, tls=tls, auth=auth if r.auth else ""))
        cmd = ["sh", "-c", _AS_EXIM, "sh", *_exim_passwd(r.tmp),
               EXIM, "-C", str(conf), "-odi", "-oi", "-f", t.email, "bob@example.org"]
        r.run(cmd, MESSAGE.replace(b"\r\n", b"\n"), timeout=60, ok=tuple(range(256)))
        log = (spool / "log" / "mainlog").read_text(errors="replace") if (spool / "log" / "mainlog").exists() else ""
    finally:
        shutil.rmtree(spool, ignore_errors=True)
    lines = log.splitlines()
    ids = {m.group(1) for line in lines if (m := _EXIM_ID.match(line))}
    ours = [line for line in lines if any(f" {i} " in line for i in ids) and " <= " not in line
            and not line.endswith(" Completed")]
    if any(" => bob@example.org" in line for line in ours):
        return ""
    return "\n".join(line.replace(str(spool), "/var/spool/exim4") for line in ours)


def php_imap(r: Run) -> str:
    """PHP's imap extension (UW c-client): imap_open() on IMAP or POP3, the certificate validated
    against the lab's CA, which c-client takes from OpenSSL's default paths ($SSL_CERT_FILE). The
    script is copied into the run's folder, so that PHP's warning names it without a path."""
    shutil.copy(CLIENTS / "imap_open.php", r.tmp / "imap_open.php")
    # c-client asks again after a refused login (three tries in all), each after the server's delay.
    # A dropped connection waits out the kernel's SYN retries (about two minutes): c-client's open
    # timeout does not bound connect().
    return r.run(["php", "imap_open.php"], timeout=180, env={"SSL_CERT_FILE": r.t.ca_file})


def make_library(kind: str) -> Callable[[Run], str]:
    def runner(r: Run) -> str:
        cmd = {"go": lambda: [BUILT["go"]],
               "aiosmtplib": lambda: ["python3", str(CLIENTS / "aiosmtp.py")],
               "imapclient": lambda: ["python3", str(CLIENTS / "imaplibs.py"), "imapclient"],
               "imap-tools": lambda: ["python3", str(CLIENTS / "imaplibs.py"), "imap-tools"],
               "imapflow": lambda: ["node", str(CLIENTS / "imap.js")],
               "poplib": lambda: ["python3", str(CLIENTS / "pop.py")],
               "emailjs": lambda: ["node", str(CLIENTS / "emailjs.js")],
               # Debian's php-symfony-mailer, python3-imaplib2, libemail-sender-perl and
               # libnet-imap-simple-perl; aioimaplib and node-imap installed outside the repository.
               "symfony": lambda: ["php", str(CLIENTS / "symfony_send.php")],
               "email-sender": lambda: ["perl", str(CLIENTS / "email_sender.pl")],
               "imaplib2": lambda: ["/usr/bin/python3", str(CLIENTS / "imaplib2_aio.py"), "imaplib2"],
               "aioimaplib": lambda: ["/usr/bin/python3", str(CLIENTS / "imaplib2_aio.py"), "aioimaplib"],
               "node-imap": lambda: ["node", str(CLIENTS / "node_imap.js")],
               # Copied into the run's folder, so that Perl's warnings name the script without a path.
               "imap-simple": lambda: ["sh", "-c", 'cp "$0" . && exec perl imap_simple.pl', str(CLIENTS / "imap_simple.pl")],
               # Mono trusts the certificates of its own store: the lab's CA is put in the user's
               # (HOME is the run's private folder) as cert-sync does for the system's bundle.
               "mono": lambda: ["sh", "-c", 'cert-sync --quiet --user "$CA" >/dev/null 2>&1; exec mono "$0"',
                                BUILT["mono"]],
               # Debian's python3-twisted, for the system's Python (not the virtual environment's).
               "twisted": lambda: ["/usr/bin/python3", str(CLIENTS / "twisted_send.py")],
               "nodemailer": lambda: ["node", str(CLIENTS / "send.js")],
               "phpmailer": lambda: ["php", str(CLIENTS / "send.php")],
               "perl": lambda: ["perl", str(CLIENTS / "client.pl")],
               "ruby": lambda: ["ruby", str(CLIENTS / "client.rb")],
               "java": lambda: ["java", f"-Djavax.net.ssl.trustStore={truststore(r)}",
                                "-Djavax.net.ssl.trustStorePassword=changeit", "-cp", f"{BUILT['java']}:{JAKARTA}",
                                "MailClient"]}[kind]()
        # Net::IMAP::Simple's starttls() takes no TLS options: IO::Socket::SSL's default CA is $SSL_CERT_FILE.
        out = r.run(cmd, env={"SSL_CERT_FILE": r.t.ca_file, "NODE_PATH": NODE_IMAP_PATH,
                              "PYTHONPATH": LABNEW_PYTHONPATH} if kind in NEW_LIBRARIES else None)
        # node-imap asks for NAMESPACE once logged in, which the lab's server lacks: the login worked.
        return "" if "Error in IMAP command NAMESPACE" in out else out
    return runner


#: Where aioimaplib is installed (pip install --target), outside the repository.
LABNEW_PYTHONPATH = os.environ.get("LAB_AIOIMAPLIB_PATH", "/tmp/labnew-py")
#: Where node-imap is installed (npm install --prefix), outside the repository.
NODE_IMAP_PATH = os.environ.get("LAB_NODE_IMAP_PATH", "/tmp/labnew-node/node_modules")
NEW_LIBRARIES = {"symfony", "email-sender", "imaplib2", "aioimaplib", "node-imap", "imap-simple"}


def fdm(r: Run) -> str:
    """fdm fetching from IMAP or POP3 (imaps/pop3s, or imap/pop3 with starttls for STARTTLS), keeping the
    mail (-k), no lock file (-m: runs may overlap), with verify-certificates set (the lab's CA from OpenSSL's $SSL_CERT_FILE); its lines
    on standard error. As root fdm drops to its Debian user, debianfdm: the CA is copied where it can read it."""
    s, t = r.s, r.t
    kind = s.protocol + ("s" if s.security == "ssl" else "")
    shared = Path(tempfile.mkdtemp(prefix="lab-fdm-"))
    try:
        shared.chmod(0o755)
        ca = shared / "ca.pem"
        shutil.copy(t.ca_file, ca)
        ca.chmod(0o644)

        def quoted(value: str) -> str:
            return value.replace("\\", "\\\\").replace('"', '\\"')

        conf = ('set verify-certificates\nset timeout 8\naction "keep" keep\n'
                f'account "lab" {kind} server "{s.host}" port {r.port} user "{quoted(t.username)}" '
                f'pass "{quoted(t.password)}"' + (" starttls" if s.security == "starttls" else "") + "\n"
                'match all action "keep"\n')
        # fdm exits 0 after a failed fetch too: its "fetching error" line tells it. The closing count
        # ("0 messages processed in 0.017 seconds") says nothing of the failure and differs each run.
        out = r.run(["fdm", "-k", "-m", "-f", r.file("fdm.conf", conf), "fetch"], timeout=40, ok=(),
                    env={"SSL_CERT_FILE": str(ca)})
        if "fetching error" not in out:
            return ""
        return "\n".join(line for line in out.splitlines() if line.strip() and " messages processed in " not in line)
    finally:
        shutil.rmtree(shared, ignore_errors=True)


BUILT: dict[str, str] = {}


def mono(r: Run) -> str:
    """Mono's System.Net.Mail.SmtpClient: STARTTLS or none (EnableSsl is STARTTLS; it has no implicit
    TLS, so a TLS-port setting fails whatever the fault and is skipped)."""
    return "" if r.s.security == "ssl" else make_library("mono")(r)


def truststore(r: Run) -> str:
    """Java trusts a key store, not a PEM file: the lab's CA, and only it, in a PKCS#12 store."""
    path = r.tmp / "trust.p12"
    subprocess.run(["keytool", "-importcert", "-noprompt", "-alias", "lab", "-file", r.t.ca_file, "-keystore",
                    str(path), "-storetype", "PKCS12", "-storepass", "changeit"], check=True, capture_output=True,
                   timeout=60)
    return str(path)


def _first(cmd: list[str], pattern: str) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return "?"
    found = re.search(pattern, done.stdout + done.stderr)
    return found.group(1) if found else "?"


def _deb(package: str) -> str:
    return _first(["dpkg-query", "-W", "-f=${Version}", package], r"^(\S+)")


#: name: (protocols, runner, program label). Labels name the versions the recording ran.
MORE: dict[str, tuple[tuple[str, ...], Callable[[Run], str], Callable[[], str]]] = {
    "mutt": (("smtp",), mutt, lambda: "mutt {} (Debian)".format(_first(["mutt", "-v"], r"Mutt (\S+)"))),
    "s-nail": (("smtp",), snail, lambda: "s-nail {} (Debian)".format(_first(["s-nail", "-V"], r"v(\S+),"))),
    "fetchmail": (("imap", "pop3"), fetchmail,
                  lambda: "fetchmail {} (Debian)".format(_first(["fetchmail", "-V"], r"release (\d[\d.]*)"))),
    "mbsync": (("imap",), mbsync, lambda: "mbsync (isync {}, Debian)".format(_first(["mbsync", "-v"], r"isync (\S+)"))),
    "swaks": (("smtp",), swaks, lambda: "swaks {} (Debian)".format(_first(["swaks", "--version"], r"version (\S+)"))),
    "phpmailer": (("smtp",), make_library("phpmailer"),
                  lambda: "PHPMailer {} (PHP {}, Debian)".format(_deb("libphp-phpmailer").split("-")[0],
                                                              _first(["php", "-v"], r"PHP (\d[\d.]*)"))),
    "perl": (("smtp", "imap", "pop3"), make_library("perl"),
             lambda: "Perl {} LIB (Debian)".format(_first(["perl", "-e", "print $^V"], r"v(\S+)"))),
    "ruby": (("smtp", "imap", "pop3"), make_library("ruby"),
             lambda: "Ruby {} LIB (Debian)".format(_first(["ruby", "-v"], r"ruby (\d[\d.]*)"))),
    "go": (("smtp",), make_library("go"), lambda: "Go {} net/smtp (Debian)".format(_first(["go", "version"], r"go(\d[\d.]*) "))),
    "java": (("smtp", "imap", "pop3"), make_library("java"),
             lambda: "Jakarta Mail {} (OpenJDK {}, Debian)".format(_deb("libjakarta-mail-java").split("-")[0],
                                                               _first(["java", "-version"], r'version "(\d+)'))),
    "nodemailer": (("smtp",), make_library("nodemailer"),
                   lambda: "nodemailer {} (Node {})".format(json_version(Path(NODE_PATH) / "nodemailer" / "package.json"),
                                                         _first(["node", "--version"], r"v(\S+)"))),
    "neomutt": (("smtp",), neomutt, lambda: "NeoMutt {} (Debian)".format(_first(["neomutt", "-v"], r"NeoMutt (\S+)"))),
    "getmail": (("imap", "pop3"), getmail, lambda: "getmail6 {} (Debian)".format(_deb("getmail6").split("-")[0])),
    "offlineimap": (("imap",), offlineimap,
                    lambda: "OfflineIMAP3 {} (Debian)".format(_deb("offlineimap3").split("-")[0])),
    "imapflow": (("imap",), make_library("imapflow"),
                 lambda: "ImapFlow {} (Node {})".format(json_version(Path(IMAPFLOW_PATH) / "imapflow" / "package.json"),
                                                      _first(["node", "--version"], r"v(\S+)"))),
    "aiosmtplib": (("smtp",), make_library("aiosmtplib"),
                   lambda: "aiosmtplib {} (Python {})".format(
                       _first(["python3", "-c", "import sys; sys.path.insert(0, sys.argv[1]); import aiosmtplib; "
                               "print(aiosmtplib.__version__)", PYTHON_PATH], r"(\S+)"), sys.version.split()[0])),
    "postfix": (("smtp",), postfix,
                lambda: "Postfix {} smtp client, relayhost with SASL (Debian)".format(
                    _first(["postconf", "-dh", "mail_version"], r"(\S+)"))),
    "exim": (("smtp",), exim, lambda: f"Exim {_exim_version()} smarthost client (Debian exim4-daemon-light)"),
    "mpop": (("pop3",), mpop, lambda: "mpop {} (Debian)".format(_first(["mpop", "--version"], r"version (\S+)"))),
    "movemail": (("imap", "pop3"), movemail,
                 lambda: "GNU Mailutils movemail {} (Debian)".format(_first(["movemail", "--version"], r"\) (\S+)"))),
    "mailutils": (("smtp",), mailutils,
                  lambda: "GNU Mailutils mail {} (Debian)".format(_first(["mail.mailutils", "--version"], r"\) (\S+)"))),
    "sendemail": (("smtp",), sendemail, lambda: "sendemail {} (Debian)".format(_deb("sendemail").split("-")[0])),
    "emailjs": (("smtp",), make_library("emailjs"),
                lambda: "emailjs {} (Node {})".format(json_version(Path(EMAILJS_PATH) / "emailjs" / "package.json"),
                                                    _first(["node", "--version"], r"v(\S+)"))),
    "imapclient": (("imap",), make_library("imapclient"),
                   lambda: "imapclient {} (Python {})".format(_pip_version("imapclient"), sys.version.split()[0])),
    "imap-tools": (("imap",), make_library("imap-tools"),
                   lambda: "imap-tools {} (Python {})".format(_pip_version("imap_tools"), sys.version.split()[0])),
    "php-imap": (("imap", "pop3"), php_imap,
                 lambda: "PHP {} imap extension (c-client {}, Debian php{}-imap)".format(
                     _first(["php", "-v"], r"PHP (\d[\d.]*)"), _first(["dpkg-query", "-W", "-f=${Version}", "libc-client2007e"], r"(?:\d+:)?([^~]+)"),
                     _first(["php", "-v"], r"PHP (\d+\.\d+)"))),
    "poplib": (("pop3",), make_library("poplib"), lambda: "Python {} poplib".format(
        _first(["python3", "--version"], r"Python (\S+)"))),
    "dma": (("smtp",), dma, lambda: "dma {} smarthost client (Debian, DragonFly Mail Agent)".format(
        _first(["dpkg-deb", "-f", *sorted(str(p) for p in Path(DMA).parents[3].glob("dma_*.deb"))[-1:], "Version"],
               r"(?:\d+:)?([\d.]+)"))),
    "nullmailer": (("smtp",), nullmailer,
                   lambda: "nullmailer {} smarthost client (Debian, nullmailer-send)".format(
                       _first(["dpkg-deb", "-f", *sorted(str(p) for p in Path(NULLMAILER).parent.glob("nullmailer_*.deb"))[-1:],
                               "Version"], r"(?:\d+:)?([\d.]+)"))),
    "symfony": (("smtp",), make_library("symfony"),
                lambda: "Symfony Mailer {} (PHP {}, Debian)".format(_deb("php-symfony-mailer").split("+")[0],
                                                                _first(["php", "-v"], r"PHP (\d[\d.]*)"))),
    "email-sender": (("smtp",), make_library("email-sender"),
                     lambda: "Perl Email::Sender {} Transport::SMTP (Debian)".format(_deb("libemail-sender-perl").split("-")[0])),
    "fdm": (("imap", "pop3"), fdm, lambda: "fdm {} (Debian)".format(_deb("fdm").split("-")[0])),
    "imaplib2": (("imap",), make_library("imaplib2"),
                 lambda: "imaplib2 {} (Python {}, Debian)".format(_deb("python3-imaplib2").split("-")[0],
                                                                _first(["/usr/bin/python3", "--version"], r"Python (\S+)"))),
    "aioimaplib": (("imap",), make_library("aioimaplib"),
                   lambda: "aioimaplib {} (Python {})".format(_dist_version(LABNEW_PYTHONPATH, "aioimaplib"),
                                                               _first(["/usr/bin/python3", "--version"], r"Python (\S+)"))),
    "node-imap": (("imap",), make_library("node-imap"),
                  lambda: "node-imap {} (Node {})".format(json_version(Path(NODE_IMAP_PATH) / "imap" / "package.json"),
                                                          _first(["node", "--version"], r"v(\S+)"))),
    "imap-simple": (("imap",), make_library("imap-simple"),
                    lambda: "Perl Net::IMAP::Simple {} (Debian)".format(_deb("libnet-imap-simple-perl").split("-")[0])),
    "mono": (("smtp",), mono,
             lambda: "Mono {} System.Net.Mail.SmtpClient (Debian)".format(_first(["mono", "--version"], r"version (\S+)"))),
    "twisted": (("smtp",), make_library("twisted"),
                lambda: "Twisted {} ESMTPSenderFactory (Python {}, Debian)".format(
                    _deb("python3-twisted").split("-")[0],
                    _first(["/usr/bin/python3", "--version"], r"Python (\S+)"))),
}
#: A client that fails against the healthy lab too, and why (its own cause, not the lab's).
CLIENT_OWN = {"mono": "tls-version-client-outdated"}
CLIENT_OWN_WHY = {
    # mono/mono mcs/class/System/System.Net.Mail/SmtpClient.cs, InitiateSecureConnection: STARTTLS
    # is negotiated with SslProtocols.Default (SSL 3.0 and TLS 1.0), whatever
    # ServicePointManager.SecurityProtocol says; a server that requires TLS 1.2 refuses it.
    "mono": "its STARTTLS offers TLS 1.0 at most (SslProtocols.Default), which the server refuses",
}
#: Clients whose texts name the port: the lab's own (a free one) is written as the setting's, the
#: port a user's text would show (the others were recorded with the lab's).
SETTING_PORT = {"exim", "mpop", "movemail", "mailutils", "sendemail", "nullmailer", "php-imap", "dma", "symfony",
                "email-sender", "fdm", "imaplib2", "aioimaplib", "node-imap", "imap-simple"}
#: The library programs' labels say which library of the three (smtp, imap, pop3) spoke.
PER_PROTOCOL = {"perl": {"smtp": "Net::SMTP", "imap": "Mail::IMAPClient", "pop3": "Net::POP3"},
                "ruby": {"smtp": "net/smtp", "imap": "net/imap", "pop3": "net/pop"}}


def _pip_version(dist: str) -> str:
    return _dist_version(IMAPLIBS_PATH, dist)


def _dist_version(folder: str, dist: str) -> str:
    found = sorted(Path(folder).glob(f"{dist}-*.dist-info"))
    return found[-1].name.removeprefix(f"{dist}-").removesuffix(".dist-info") if found else "?"


def json_version(path: Path) -> str:
    import json
    try:
        return json.loads(path.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def entry(sid: str, cause: str, name: str, proto: str, text: str, program: str, server: str) -> dict | None:
    out = "\n".join(text.strip().splitlines()[:12])
    entry_id = f"lab-{sid}-{name}-{proto}"
    if not out or entry_id in UNRELATED:
        return None
    shape = next((also for marks, also in SHAPES if any(m in out for m in marks)), [])
    return {"id": entry_id, "text": out,
            "source": f"{program} against a server with fault {sid} (mailexpert lab)",
            "kind": "lab", "program": program, "cause": list(dict.fromkeys([cause, *ALSO.get(cause, []), *shape])),
            "server": server}


def scenarios() -> list[tuple[str, str]]:
    return [(sid, sc.expected_cause) for sid, sc in SCENARIOS.items()
            if not (sid in SKIP or not sc.reproducible or sc.expected_cause is None or sid.startswith("combo"))]


#: The port faults the scenarios set on IMAP, set on SMTP instead (the same mistake with the
#: submission ports), for a client that speaks SMTP only: scenario -> its SMTP setting.
SMTP_VARIANTS = {
    "tls-on-plaintext-port": "mail.example.test:587/ssl",
    "plaintext-on-tls-port": "mail.example.test:465/starttls",
    "wrong-protocol-on-port": "mail.example.test:143/starttls",
}


#: The IMAP ports and their POP3 counterparts (995's counterpart, for the wrong-protocol fault, is IMAP's 993).
POP3_PORTS = {"143": "110", "993": "995", "995": "993"}


def pop3_variant(scenario):  # noqa: ANN001, ANN201
    """The scenario with its IMAP setting, and the faults set on IMAP's ports, on POP3's: for a
    client that speaks POP3 only (most scenarios set no POP3 account)."""
    if scenario.pop3 is not None or scenario.imap is None:
        return scenario
    host_port, security = scenario.imap.rsplit("/", 1)
    host, port = host_port.rsplit(":", 1)
    faults = []
    for fault in scenario.faults:
        where = fault.where or ""
        server, _, ports = where.partition(":")
        if ports and "*" not in ports:
            listed = ports.split(",")
            listed += [POP3_PORTS[p] for p in listed if p in POP3_PORTS and POP3_PORTS[p] not in listed]
            fault = attrs.evolve(fault, where=f"{server}:{','.join(listed)}")
        faults.append(fault)
    return attrs.evolve(scenario, pop3=f"{host}:{POP3_PORTS.get(port, port)}/{security}", faults=faults)


def lab_settings(only: set[str] | frozenset[str] = frozenset(), smtp_variants: bool = False,
                 pop3_variants: bool = False):  # noqa: ANN201
    """Each mail setting of each recorded lab scenario (``only`` these, when given), on its
    running lab: (scenario, cause, lab, protocol, setting text, setting, address). A setting
    without an address (a DNS fault) is skipped. ``smtp_variants``: the scenarios of
    :data:`SMTP_VARIANTS` with their fault on SMTP; ``pop3_variants``: their IMAP setting on
    POP3 as well (:func:`pop3_variant`)."""
    for sid, cause in scenarios():
        if only and sid not in only:
            continue
        scenario = SCENARIOS[sid]
        if smtp_variants and sid in SMTP_VARIANTS:
            scenario = attrs.evolve(scenario, smtp=SMTP_VARIANTS[sid])
        if pop3_variants:
            scenario = pop3_variant(scenario)
        with Lab(scenario=scenario) as lab:
            for proto in ("smtp", "imap", "pop3"):
                text = getattr(lab.target, proto)
                if text is None:
                    continue
                s = ServerSetting.parse(proto, text)
                try:
                    address = lab.endpoint(s.host, s.port)
                except Exception:  # noqa: BLE001 - no address: a DNS fault, skipped
                    continue
                yield sid, cause, lab, proto, text, s, address


def hide_secrets(out: str, password: str, token: str | None) -> str:
    """A client's output with the lab account's secrets masked: the password as it is and in
    base64 (emailjs quotes the AUTH LOGIN line it sent) as "********", and then every other form
    the diagnosis itself keeps out (PLAIN's and XOAUTH2's base64 with the password or token in
    it, an IMAP-quoted password, the token as it is) as the report's "<redacted>"."""
    out = out.replace(password, "********").replace(base64.b64encode(password.encode()).decode(), "********")
    return Scrubber([password, *([token] if token else [])])(out)


def record_more(names: list[str], only: set[str]) -> list[dict]:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        sys.exit("the other clients run in a private mount namespace (unshare -m): run as root")
    chosen = {n: MORE[n] for n in names if shutil.which({"perl": "perl", "ruby": "ruby", "go": "go", "java": "java",
                                                          "nodemailer": "node", "imapflow": "node", "phpmailer": "php", "aiosmtplib": "python3",
                                                          "imapclient": "python3", "imap-tools": "python3", "emailjs": "node",
                                                          "mailutils": "mail.mailutils", "exim": EXIM,
                                                          "getmail": "getmail", "twisted": "/usr/bin/python3",
                                                          "php-imap": "php", "poplib": "python3", "dma": DMA,
                                                          "symfony": "php", "email-sender": "perl", "imap-simple": "perl",
                                                          "imaplib2": "/usr/bin/python3", "aioimaplib": "/usr/bin/python3",
                                                          "node-imap": "node",
                                                          "nullmailer": f"{NULLMAILER}/usr/sbin/nullmailer-send"}.get(n, n))}
    for n in set(names) - set(chosen):
        print(f"skipped {n}: not installed", file=sys.stderr)
    labels = {n: label() for n, (_, _, label) in chosen.items()}
    entries = []
    with tempfile.TemporaryDirectory(prefix="lab-clients-") as top:
        BUILT.update(build(Path(top)))

        def shown(name: str, lab: Lab, s: ServerSetting, address: tuple[str, int]) -> str:
            t = lab.target
            with tempfile.TemporaryDirectory(dir=top) as tmp:
                out = hide_secrets(MORE[name][1](Run(lab, s, address, Path(tmp))), t.password, t.oauth_token)
            if name in SETTING_PORT:
                out = re.sub(rf"(?<![\d.]){address[1]}(?!\d)", str(s.port), out)
            return out

        # What a client prints against the healthy lab is its own failure, not a fault's: the same
        # text under a fault is left out, and it is recorded once with the client's cause where
        # CLIENT_OWN knows it.
        own: dict[tuple[str, str], str] = {}
        for proto, text, lab, s, address in healthy_settings():
            for name, (protocols, _, _) in chosen.items():
                if proto not in protocols:
                    continue
                out = shown(name, lab, s, address)
                if not out.strip():
                    continue
                own[name, proto] = _LOG_STAMP.sub("", out.strip())
                program = labels[name].replace("LIB", PER_PROTOCOL.get(name, {}).get(proto, ""))
                print("healthy", name, proto, out.strip().splitlines()[-1][:100], file=sys.stderr)
                if name in CLIENT_OWN:
                    found = entry(CLIENT_OWN[name], CLIENT_OWN[name], name, proto, out, program, f"{proto} {text}")
                    if found:
                        found["source"] = f"{program} against a healthy server (mailexpert lab): {CLIENT_OWN_WHY[name]}"
                        entries.append(found)
        for sid, cause, lab, proto, text, s, address in lab_settings(only, smtp_variants=all(MORE[n][0] == ("smtp",) for n in chosen),
                                                                        pop3_variants=all("pop3" in MORE[n][0] for n in chosen)):
            for name, (protocols, _, _) in chosen.items():
                if proto not in protocols:
                    continue
                out = shown(name, lab, s, address)
                if own.get((name, proto)) == _LOG_STAMP.sub("", out.strip()):
                    print(sid, name, proto, "(as against the healthy lab: left out)", file=sys.stderr)
                    continue
                program = labels[name].replace("LIB", PER_PROTOCOL.get(name, {}).get(proto, ""))
                found = entry(sid, cause, name, proto, out, program, f"{proto} {text}")
                if found:
                    entries.append(found)
                    print(sid, name, proto, found["text"].splitlines()[-1][:100], file=sys.stderr)
    return entries


def healthy_settings():  # noqa: ANN201
    """Each mail setting of the healthy lab, on its running lab: (protocol, setting text, lab, setting, address)."""
    with Lab(scenario=SCENARIOS["healthy"]) as lab:
        for proto in ("smtp", "imap", "pop3"):
            text = getattr(lab.target, proto)
            if text is None:
                continue
            s = ServerSetting.parse(proto, text)
            yield proto, text, lab, s, lab.endpoint(s.host, s.port)


def fresh(entries: list[dict]) -> list[dict]:
    """Entries whose text no corpus entry has yet; identical texts within the batch are one entry
    with every cause (the text alone cannot tell those faults apart)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))
    import scoring

    known = {e["text"].strip() for e in scoring.working() + scoring.heldout()}
    kept: dict[str, dict] = {}
    for e in entries:
        if e["text"].strip() in known:
            continue
        key = _LOG_STAMP.sub("", e["text"])
        if key in kept:
            first = kept[key]
            first["cause"] = list(dict.fromkeys(first["cause"] + e["cause"]))
            continue
        kept[key] = e
    return list(kept.values())


#: What differs between two runs of one log-writing program alone: Exim's time stamp and message
#: ID, a syslog-style time stamp and process ID (sendemail, dma), dma's queue ID of the bounce it
#: makes. Texts equal but for these are one text.
_LOG_STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \w{6}-\w{6}-\w{2} |"
                        r"^\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ \w+\[\d+\]: |"
                        r"(?<=delivery failed, bouncing as )[0-9a-f.]+$", re.MULTILINE)


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] == "--more":
        names = (args[1].split(",") if len(args) > 1 and args[1] != "all" else list(MORE))
        only = set(args[2].split(",")) if len(args) > 2 else set()
        entries = fresh(record_more(names, only))
        print("# Recorded by benchmarks/record_client_texts.py --more: more real clients and libraries against\n"
              "# the lab's faults. `cause` is the fault, plus the causes the text alone cannot tell it from.")
        print(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=1000))
        return
    original_main()


def original_main() -> None:
    v = versions()
    entries = []
    for sid, cause, lab, proto, text, s, address in lab_settings():
        t = lab.target
        runners = [("python", python)] + ([("msmtp", msmtp)] if proto == "smtp" else []) + [("curl", curl)]
        for name, runner in runners:
            out = runner(lab, s, address).replace(t.password, "********").strip()
            if not out:
                continue
            out = "\n".join(out.splitlines()[:12])
            program = {"python": f"Python {v['python']} {LIBRARY[proto]}", "msmtp": f"msmtp {v['msmtp']} (Debian)",
                       "curl": f"curl {v['curl']} (Debian)"}[name]
            entry_id = f"lab-{sid}-{name}-{proto}"
            if entry_id in UNRELATED:
                continue
            shape = next((also for marks, also in SHAPES if any(m in out for m in marks)), [])
            entries.append({
                "id": entry_id,
                "text": out,
                "source": f"{program} against a server with fault {sid} (mailexpert lab)",
                "kind": "lab",
                "program": program,
                "cause": list(dict.fromkeys([cause, *ALSO.get(cause, []), *shape])),
                "server": f"{proto} {text}",
            })
            print(sid, name, proto, out.splitlines()[-1][:100], file=sys.stderr)
    print("# Recorded by benchmarks/record_client_texts.py: real clients against the lab's faults.")
    print(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=1000))



if __name__ == "__main__":
    main()
