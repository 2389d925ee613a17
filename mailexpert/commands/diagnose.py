"""``mailexpert diagnose EMAIL``: probe the account's servers from here and say what is wrong.

Every argument is checked before anything touches the network; a bad one stops the
command with a message that names it and exit status 2. The password comes from an
environment variable, a file, or a prompt without echo on a terminal, and is never
printed. On a terminal, progress is shown on standard error while the probes run and the
questions rules raise are asked; elsewhere, questions are answered with ``--answer``.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import math
import os
import sys
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from mailexpert import userfile
from mailexpert.commands.output import add_format_option, write_report
from mailexpert.commands.replay import parse_answers
from mailexpert.errors import ClientConfigError, SettingsError

MAX_TIMEOUT = 300.0
LOOPBACK_NETWORKS = ("127.0.0.0/8", "::1/128")


if TYPE_CHECKING:  # account (and the fact templates behind it) load when a command runs, not for --help
    from mailexpert.account import ConnectTo


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "diagnose",
        help="probe an account's mail servers from this machine and diagnose what is wrong",
        description="Probe the mail servers of EMAIL from this machine (DNS, TCP, TLS, the mail protocols, "
        "a login, the web for comparison) and explain why mail does not work, with fix steps. Missing "
        "server settings are discovered. Exit status: 0 no problem, 1 problems found, 2 bad input, "
        "3 internal error.",
    )
    p.add_argument("email", metavar="EMAIL", help="the e-mail address of the account")
    servers = p.add_argument_group("server settings (discovered when not given)")
    for protocol in ("imap", "pop3", "smtp"):
        servers.add_argument(f"--{protocol}", metavar="HOST[:PORT][/ssl|/starttls|/plain]",
                             help=f"the {protocol.upper()} server as the client is set up")
    servers.add_argument("--client-config", action="append", default=[], metavar="FILE|auto",
                         help="import the settings from a client's file: Thunderbird prefs.js, msmtprc, "
                              ".mbsyncrc or autoconfig config-v1.1.xml (repeatable); auto: this user's "
                              "Thunderbird profiles, msmtp and mbsync files, wherever the OS keeps them")
    login = p.add_argument_group("login (the password is never shown)")
    login.add_argument("--username", metavar="NAME", help="login name (default: EMAIL)")
    secret = login.add_mutually_exclusive_group()
    secret.add_argument("--password-env", metavar="VAR", help="read the password from environment variable VAR")
    secret.add_argument("--password-file", metavar="PATH", help="read the password from the first line of PATH")
    secret.add_argument("--oauth-token-env", metavar="VAR", help="log in with the OAuth2 access token in VAR")
    login.add_argument("--no-login", action="store_true", help="do not log in (no credentials are sent)")
    login.add_argument("--no-envelope-test", action="store_true",
                       help="after the SMTP login, do not ask the server whether it takes mail from EMAIL "
                            "(MAIL FROM and RCPT TO EMAIL, then RSET; no message is ever sent)")
    net = p.add_argument_group("network")
    net.add_argument("--dns-server", action="append", default=[], metavar="IP[:PORT]",
                     help="resolver to use instead of the system's (repeatable)")
    net.add_argument("--reference-dns", action="append", default=[], metavar="IP[:PORT]",
                     help="second-opinion resolver to compare answers with (repeatable)")
    net.add_argument("--connect-to", action="append", default=[], metavar="HOST:PORT:ADDR:PORT",
                     help="connect to ADDR:PORT whenever HOST:PORT is meant, like curl (repeatable)")
    net.add_argument("--ca-file", metavar="PEM", help="trust the CA certificates in PEM (instead of the system's)")
    net.add_argument("--no-revocation-check", action="store_true",
                     help="do not fetch the server certificate's revocation list (CRL) from its CA's "
                          "http distribution point (a plain GET; by default it is fetched, as Windows' "
                          "Schannel checks revocation; an unreachable list is no failure)")
    net.add_argument("--hosts-file", metavar="PATH",
                     help="hosts file the mail program resolves with before DNS (default: the system's)")
    net.add_argument("--web-url", action="append", default=[], metavar="URL",
                     help="reference web page that should work from here (repeatable)")
    net.add_argument("--proxy", metavar="URL", help="web proxy to compare with (http://HOST:PORT)")
    net.add_argument("--timeout", type=_timeout, default=5.0, metavar="SECONDS",
                     help="timeout of each network step (default: 5)")
    net.add_argument("--allow-network", action="append", default=[], metavar="CIDR",
                     help="refuse to connect anywhere but these networks (repeatable; e.g. 127.0.0.0/8)")
    seen = p.add_argument_group("what you see (optional; the causes that fit come first)")
    seen.add_argument("--symptom", metavar="WHAT",
                      help="receive | send | both | password-prompt | certificate-warning | timeout")
    seen.add_argument("--error", metavar="TEXT", help="the error text the mail program showed (as for 'explain')")
    how = p.add_argument_group("reasoning and output")
    how.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rule folder (repeatable)")
    how.add_argument("--answer", action="append", default=[], metavar="QUESTION=VALUE",
                     help="answer a question a rule asks (repeatable)")
    how.add_argument("--no-input", action="store_true",
                     help="never prompt, even on a terminal (no password prompt, no questions)")
    how.add_argument("--save-facts", metavar="FILE", help="save the observed facts for 'mailexpert replay'")
    add_format_option(p)
    p.set_defaults(handler=run)


# --- validation ----------------------------------------------------------------------------


def _timeout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {text}")
    if value > MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_TIMEOUT:g} seconds, not {text}")
    return value


def readable_dir(path: str, what: str) -> Path:
    p = Path(path)
    if not p.exists():
        raise SettingsError(f"{what} {path!r}: no such folder")
    if not p.is_dir():
        raise SettingsError(f"{what} {path!r}: is not a folder (give the folder that holds the rule files "
                            "and their causes.yaml)")
    if not os.access(p, os.R_OK | os.X_OK):
        raise SettingsError(f"{what} {path!r}: cannot read: permission denied")
    return p


def env_secret(var: str, option: str) -> str:
    if not var or not var.strip():
        raise SettingsError(f"{option}: the variable name is empty")
    value = os.environ.get(var)
    if value is None:
        raise SettingsError(f"{option}: environment variable {var} is not set")
    if not value:
        raise SettingsError(f"{option}: environment variable {var} is empty")
    return value


def password_from_file(path: str) -> str:
    data = userfile.read_bytes(path, userfile.LIMITS["password"],
                               lambda reason: SettingsError(f"--password-file {path!r}: {reason}"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SettingsError(f"--password-file {path!r}: not UTF-8 text") from None
    password = text.split("\n", 1)[0].rstrip("\r")
    if not password:
        raise SettingsError(f"--password-file {path!r}: the first line is empty")
    return password


def hosts_file(path: str) -> str:
    """A hosts file the user names must be there: the system's may be missing, a given one not."""
    if not os.path.isfile(path):
        raise SettingsError(f"--hosts-file {path!r}: no such file")
    return path


def ca_file(path: str) -> str:
    import ssl

    data = userfile.read_bytes(path, userfile.LIMITS["ca-file"],
                               lambda reason: SettingsError(f"--ca-file {path!r}: {reason}"))
    if b"-----BEGIN CERTIFICATE-----" not in data:
        raise SettingsError(f"--ca-file {path!r}: no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)")
    try:
        ssl.create_default_context(cadata=data.decode("ascii", errors="replace"))
    except ssl.SSLError as exc:
        raise SettingsError(f"--ca-file {path!r}: not a valid PEM certificate file ({exc.reason or exc})") from None
    return path


def web_url(text: str) -> str:
    parsed = urllib.parse.urlsplit(text.strip())
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise SettingsError(f"--web-url {text!r}: expected an http:// or https:// URL with a host")
    try:
        parsed.port  # noqa: B018 - raises on a bad port
    except ValueError as exc:
        raise SettingsError(f"--web-url {text!r}: {exc}") from None
    return text.strip()


def proxy_url(text: str) -> str:
    parsed = urllib.parse.urlsplit(text.strip())
    if parsed.scheme not in ("http", "https", "socks4", "socks5") or not parsed.hostname:
        raise SettingsError(f"--proxy {text!r}: expected a URL such as http://HOST:PORT")
    try:
        parsed.port  # noqa: B018
    except ValueError as exc:
        raise SettingsError(f"--proxy {text!r}: {exc}") from None
    return text.strip()


def network(text: str) -> str:
    try:
        return str(ipaddress.ip_network(text.strip(), strict=False))
    except ValueError:
        raise SettingsError(f"--allow-network {text!r}: not a network (e.g. 127.0.0.0/8 or ::1/128)") from None


def resolver(text: str, option: str) -> str:
    try:
        from mailexpert.account import ResolverAddress

        return str(ResolverAddress.parse(text))
    except SettingsError as exc:
        raise SettingsError(f"{option}: {exc}") from None


def save_path(path: str) -> str:
    p = Path(path)
    if p.is_dir():
        raise SettingsError(f"--save-facts {path!r}: is a directory")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise SettingsError(f"--save-facts {path!r}: folder {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise SettingsError(f"--save-facts {path!r}: cannot write there: permission denied")
    return str(p)


def rule_folders(paths: list[str]) -> list[str]:
    """Check the folders and load them once: a broken rule file stops here with its position."""
    from mailexpert.api import load_rulebase

    folders = [str(readable_dir(p, "--rules")) for p in paths]
    if folders:
        load_rulebase(folders)
    return folders


def client_configs(paths: list[str]) -> list[str]:
    """Every file is read once here, so that an unreadable one stops the command (exit 2);
    ``auto`` stands for the files found where the user's mail clients keep them."""
    from mailexpert.clientconfig import import_config
    from mailexpert.clientconfig.locate import AUTO, client_config_candidates, expand_auto, find_client_configs

    if AUTO in paths and not find_client_configs():
        looked = ", ".join(str(p) for p in client_config_candidates())
        print(f"mailexpert: --client-config auto: no mail client configuration found (looked at {looked})",
              file=sys.stderr)
    paths = expand_auto(paths)
    for path in paths:
        try:
            import_config(path)
        except ClientConfigError as exc:
            raise ClientConfigError(f"--client-config: {exc}") from None
    return paths


def tolerant_output(out: TextIO) -> None:
    """A terminal in a legacy encoding must not turn a report into an internal error: what it
    cannot show ("✓", "…", non-ASCII server text) is written as escapes instead."""
    if out is sys.stdout and hasattr(out, "reconfigure") and (out.encoding or "").lower().replace("-", "") != "utf8":
        out.reconfigure(errors="backslashreplace")


def interactive(args: argparse.Namespace) -> bool:
    return not getattr(args, "no_input", False) and sys.stdin.isatty() and sys.stderr.isatty()


def library_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of ``diagnose()`` from the command line, every one checked."""
    from mailexpert.account import ServerSetting, validate_email

    email = validate_email(args.email)
    kwargs: dict[str, Any] = {"email": email}
    for protocol in ("imap", "pop3", "smtp"):
        text = getattr(args, protocol)
        if text is not None:
            kwargs[protocol] = ServerSetting.parse(protocol, text)
    if args.username is not None:
        if not args.username.strip():
            raise SettingsError("--username: the user name is empty")
        if any(c in args.username for c in "\r\n\x00"):
            raise SettingsError("--username: the user name contains a line break or NUL")
    kwargs["username"] = args.username
    if args.password_env:
        kwargs["password"] = env_secret(args.password_env, "--password-env")
    elif args.password_file:
        kwargs["password"] = password_from_file(args.password_file)
    elif args.oauth_token_env:
        kwargs["oauth_token"] = env_secret(args.oauth_token_env, "--oauth-token-env")
    for name in ("password", "oauth_token"):
        # Never quote the value: the message could end up in a log.
        if kwargs.get(name) and any(c in kwargs[name] for c in "\r\n\x00"):
            what = "password" if name == "password" else "OAuth token"
            raise SettingsError(f"the {what} contains a line break or NUL, which no mail protocol can carry")
    kwargs["no_login"] = args.no_login
    kwargs["envelope_test"] = not args.no_envelope_test
    kwargs["revocation_check"] = not args.no_revocation_check
    kwargs["dns_servers"] = tuple(resolver(t, "--dns-server") for t in args.dns_server)
    kwargs["reference_dns"] = tuple(resolver(t, "--reference-dns") for t in args.reference_dns) or None
    kwargs["connect_to"] = tuple(_connect_to(t) for t in args.connect_to)
    kwargs["ca_file"] = ca_file(args.ca_file) if args.ca_file else None
    kwargs["web_urls"] = tuple(web_url(u) for u in args.web_url) or None
    kwargs["hosts_file"] = hosts_file(args.hosts_file) if args.hosts_file else None
    kwargs["proxy"] = proxy_url(args.proxy) if args.proxy else None
    kwargs["timeout"] = args.timeout
    kwargs["allowed_networks"] = tuple(network(n) for n in args.allow_network) or None
    kwargs["rule_folders"] = tuple(rule_folders(args.rules))
    kwargs["answers"] = parse_answers(args.answer)
    kwargs["client_config"] = tuple(client_configs(args.client_config))
    kwargs["save_facts"] = save_path(args.save_facts) if args.save_facts else None
    from mailexpert.symptoms import check_error_text, check_symptom

    kwargs["symptom"] = check_symptom(args.symptom) if args.symptom is not None else None
    kwargs["error"] = check_error_text(args.error) if args.error is not None else None
    return kwargs


def _connect_to(text: str) -> ConnectTo:
    try:
        from mailexpert.account import ConnectTo

        return ConnectTo.parse(text)
    except SettingsError as exc:
        raise SettingsError(f"--connect-to: {exc}") from None


def prompt_password(username: str) -> str | None:
    """Ask for the password without echo; Enter skips the login."""
    try:
        value = getpass.getpass(f"Password for {username} (Enter to skip the login): ", stream=sys.stderr)
    except EOFError:
        return None
    return value or None


def run(args: argparse.Namespace, out: TextIO) -> int:
    from mailexpert.commands.interactive import TerminalAnswerer
    from mailexpert.commands.progress import Progress

    tolerant_output(out)
    kwargs = library_arguments(args)
    from mailexpert.pipeline import diagnose  # after the checks: it loads the probes
    asking = interactive(args)
    has_secret = kwargs.get("password") or kwargs.get("oauth_token")
    if asking and not has_secret and not kwargs["no_login"]:
        kwargs["password"] = prompt_password(kwargs["username"] or kwargs["email"])
    progress = Progress(sys.stderr)
    if asking:
        kwargs["answerer"] = TerminalAnswerer(sys.stdin, sys.stderr, progress=progress, color=progress.color)
    kwargs["progress"] = progress
    email = kwargs.pop("email")
    save_facts = kwargs.pop("save_facts")
    try:
        report = diagnose(email, **kwargs)
    finally:
        progress.done()
    write_report(report, args, out)
    if save_facts is not None:
        # After the report: a full disk must not cost the user the diagnosis (exit 2 all the same).
        from mailexpert.bundle import save_bundle

        out.flush()
        save_bundle(save_facts, report.facts, account=report.account, answers=kwargs["answers"])
    return report.exit_status

