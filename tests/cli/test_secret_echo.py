"""A server that echoes the password (in a login failure reply or in its greeting), raw and as
SASL PLAIN and LOGIN base64: the password appears in no report format, no saved bundle and
no error message. The lab's ``echo`` fault plays such a server on SMTP, IMAP and POP3."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cli_helpers import PASSWORD_VAR, cli_env, lab_args, run_cli

from mailexpert.lab import Fault, Lab


def _forms(username: str, password: str) -> list[str]:
    b64 = lambda text: base64.b64encode(text.encode()).decode()  # noqa: E731
    return [password, b64(password), b64(f"\0{username}\0{password}")]


@pytest.mark.parametrize(("scenario", "where"), [("password-rejected", "reply"), ("healthy", "greeting")])
def test_an_echoed_password_is_scrubbed_everywhere(tmp_path: Path, scenario: str, where: str) -> None:
    with Lab(scenario=scenario, faults=[Fault("echo", "mail:*", where)]) as lab:
        t = lab.target
        args = [*lab_args(t), "--pop3", "mail.example.test:995/ssl"]
        env = cli_env(**{PASSWORD_VAR: t.password})
        saved = tmp_path / "facts.json"
        outputs = []
        for fmt in ("text", "markdown", "json"):
            extra = ["--save-facts", str(saved)] if fmt == "json" else []
            result = run_cli("diagnose", t.email, *args, "--format", fmt, "-v", *extra, env=env, timeout=180)
            assert result.returncode in (0, 1), result.stderr
            outputs += [result.stdout, result.stderr]
        bundle = saved.read_text()
    report = json.loads(outputs[4])
    texts = " ".join(str(f.get("text", "")) for f in report["facts"])
    assert "<redacted>" in texts  # the server did echo it, and it was caught
    for secret in _forms(t.username, t.password):
        for text in [*outputs, bundle]:
            assert secret not in text
