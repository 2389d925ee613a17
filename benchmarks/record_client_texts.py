"""Record what real mail clients print against the loopback lab's faults (corpus entries).

Runs the Debian packages msmtp and curl, and Python's smtplib/imaplib/poplib, against each
lab scenario on 127.0.0.0/8 and writes their error output as corpus entries (YAML on
standard output), each labelled with the scenario's cause. Only failures are recorded.
Needs `apt-get install msmtp curl`; run once by hand, the output goes to
tests/corpus/collected-lab.yaml. Talks only to the lab (loopback).
"""

from __future__ import annotations

import contextlib
import io
import re
import socket
import ssl
import subprocess
import sys

import yaml

from mailexpert.account import ServerSetting
from mailexpert.lab import SCENARIOS, Lab

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
    (("0 bytes received",), ["plaintext-on-tls-port", "tls-on-plaintext-port"]),
    (("Connection timed out after",), ["port-blocked-outbound", "smtp-port25-blocked"]),
    (("TimeoutError: timed out",), ["port-blocked-outbound", "plaintext-on-tls-port"]),
    (("The certificate issuer is unknown",), ["cert-untrusted-issuer"]),  # GnuTLS's words for a self-signed one too
    (("cannot use a secure authentication method",), ["auth-requires-tls", "auth-mechanism-unsupported"]),
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


def main() -> None:
    v = versions()
    entries = []
    for sid, scenario in SCENARIOS.items():
        if sid in SKIP or not scenario.reproducible or scenario.expected_cause is None or sid.startswith("combo"):
            continue
        cause = scenario.expected_cause
        with Lab(scenario=sid) as lab:
            t = lab.target
            for proto in ("smtp", "imap", "pop3"):
                text = getattr(t, proto)
                if text is None:
                    continue
                s = ServerSetting.parse(proto, text)
                try:
                    address = lab.endpoint(s.host, s.port)
                except Exception:  # noqa: BLE001 - no address: a DNS fault, skipped
                    continue
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
