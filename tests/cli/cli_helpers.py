"""Helpers for the command-line tests: run ``mailexpert`` as a subprocess, point it at the lab.

Network safety: every diagnosis here names the lab's resolvers, web URLs and connect-to
map explicitly and restricts connections to loopback (``--allow-network``), so nothing
falls back to the system resolver, the default web URLs or a proxy from the environment
(the proxy variables are removed from the subprocess's environment).
"""

from __future__ import annotations

import functools
import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "samples"
SCHEMA = ROOT / "mailexpert" / "schema" / "report.schema.json"
PASSWORD_VAR = "MAILEXPERT_TEST_PASSWORD"
_PROXY_VARS = {"http_proxy", "https_proxy", "all_proxy", "no_proxy", "ftp_proxy", "socks_proxy"}


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.lower() not in _PROXY_VARS}
    env.pop("MAILEXPERT_DEBUG", None)
    env.pop("NO_COLOR", None)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra)
    return env


def run_cli(*args: str, input: str | None = None, env: dict[str, str] | None = None,  # noqa: A002
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m mailexpert ARGS`` with the lab-safe environment; stdin is closed unless given."""
    return subprocess.run(
        [sys.executable, "-m", "mailexpert", *args],
        input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env or cli_env(),
        timeout=timeout,
        cwd=ROOT,
    )


@functools.cache
def report_validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def check_report_json(text: str) -> dict[str, Any]:
    """Parse a JSON report and validate it against the published schema."""
    data = json.loads(text)
    errors = sorted(report_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "; ".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5])
    return data


def lab_args(target: Any, *, servers: bool = True, password: bool = True, timeout: float = 2.0) -> list[str]:
    """The ``diagnose`` arguments that point at a running lab (and only at it)."""
    args: list[str] = []
    if servers:
        for protocol in ("imap", "pop3", "smtp"):
            value = getattr(target, protocol)
            if value:
                args += [f"--{protocol}", value]
    args += ["--username", target.username]
    if password:
        args += ["--password-env", PASSWORD_VAR]
    for server in target.dns_servers:
        args += ["--dns-server", server]
    for server in target.reference_dns:
        args += ["--reference-dns", server]
    for entry in target.connect_to_args:
        args += ["--connect-to", entry]
    for url in target.web_urls:
        args += ["--web-url", url]
    if target.ca_file:
        args += ["--ca-file", target.ca_file]
    if target.proxy_url:
        args += ["--proxy", target.proxy_url]
    if target.hosts_file:  # the lab computer's own hosts file, never the real one
        args += ["--hosts-file", target.hosts_file]
    for question, answer in target.answers.items():
        args += ["--answer", f"{question}={answer}"]
    args += ["--allow-network", "127.0.0.0/8", "--allow-network", "::1/128", "--timeout", str(timeout)]
    return args


def diagnose_lab(target: Any, *extra: str, servers: bool = True, env: dict[str, str] | None = None,
                 timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return run_cli("diagnose", target.email, *lab_args(target, servers=servers), *extra,
                   env=env or cli_env(**{PASSWORD_VAR: target.password}), timeout=timeout)


def top_cause(report: dict[str, Any]) -> str | None:
    roots = [d for d in report["diagnoses"] if d["superseded_by"] is None]
    return roots[0]["cause"] if roots else None


def assert_no_secret(secret: str, *texts: str | Sequence[str]) -> None:
    for text in texts:
        blob = text if isinstance(text, str) else "\n".join(text)
        assert secret not in blob


#: Run in the child: make the pseudo-terminal its controlling terminal and its stdin, stdout
#: and stderr (os.login_tty), then become ``python -m mailexpert ARGS``. A subprocess, not
#: pty.fork(): forking the multi-threaded test process (the lab's loop threads) may deadlock.
_ON_TERMINAL = ("import os, sys; os.login_tty(int(sys.argv[1])); "
                "os.execv(sys.executable, [sys.executable, '-m', 'mailexpert', *sys.argv[2:]])")


def run_on_terminal(args: list[str], answer: Callable[[str], str | None], env: dict[str, str],
                     timeout: float = 120) -> tuple[int, str]:
    """Run the CLI on a pseudo-terminal. Whenever it waits for input (a prompt ends the
    screen), ``answer(screen)`` says what to type (None: type nothing yet)."""
    fd, terminal = os.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-c", _ON_TERMINAL, str(terminal), *args], cwd=ROOT, env=env,
                                   pass_fds=(terminal,), stdin=subprocess.DEVNULL)
    finally:
        os.close(terminal)  # the child holds it now: the last close ends the terminal with the child
    seen = b""
    answered_at = 0
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.3)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                continue
            screen = seen.decode("utf-8", "replace")
            if len(seen) > answered_at and screen.rstrip(" ").endswith(":"):
                reply = answer(screen)
                if reply is not None:
                    os.write(fd, reply.encode() + b"\r")
                    answered_at = len(seen)
        else:
            process.kill()
    finally:
        status = process.wait()
        os.close(fd)
    return status, seen.decode("utf-8", "replace")
