"""``diagnose --symptom`` and ``--error``: what the user sees enters the reasoning; bad values exit 2."""

from __future__ import annotations

import pytest
from cli_helpers import assert_no_secret, check_report_json, diagnose_lab, run_cli, top_cause

ACCEPTED = "accepted values: receive, send, both, password-prompt, certificate-warning, timeout"


@pytest.mark.parametrize("args,message", [
    (["--symptom", "slow"], ACCEPTED),
    (["--symptom", ""], ACCEPTED),
    (["--error", ""], "--error: the text is empty"),
    (["--error", "  \n "], "--error: the text is empty"),
])
def test_bad_symptom_or_error_text_exits_2(args: list[str], message: str) -> None:
    result = run_cli("diagnose", "alice@example.test", "--no-login", "--no-input", "--allow-network", "127.0.0.0/8",
                     *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


def test_symptom_and_error_text_are_facts_of_the_diagnosis(lab_factory) -> None:
    lab = lab_factory("password-rejected")
    result = diagnose_lab(lab.target, "--format", "json", "--symptom", "send",
                          "--error", "535 5.7.8 Username and Password not accepted")
    report = check_report_json(result.stdout)
    assert result.returncode == 1
    assert {"kind": "user.symptom", "symptom": "send"} in report["facts"]
    pasted = [f for f in report["facts"] if f.get("source") == "pasted"]
    assert pasted and pasted[0]["kind"] == "server.reply" and pasted[0]["port"] == 587
    top = report["diagnoses"][0]
    assert top_cause(report) == "password-rejected" and top["fits_symptom"] and top["rank"] == 1
    assert any(c.startswith("smtp ") for c in top["concerns"])
    assert any("recognised as an SMTP reply" in n for n in report["notes"])
    assert_no_secret(lab.target.password, result.stdout, result.stderr)


def test_the_password_in_the_error_text_is_never_shown(lab_factory) -> None:
    """The user pastes what the client showed, and it holds the password given for the login."""
    lab = lab_factory("password-rejected")
    password = lab.target.password
    for fmt in ("text", "json", "markdown"):
        result = diagnose_lab(lab.target, "--format", fmt, "-v",
                              "--error", f"535 5.7.8 Authentication failed for alice/{password}")
        assert result.returncode == 1, result.stderr
        assert "Authentication failed for alice/" in result.stdout
        assert_no_secret(password, result.stdout, result.stderr)
