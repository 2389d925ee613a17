"""``mailexpert diagnose`` against the loopback lab, as a subprocess: reports, formats, exit statuses."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import (
    PASSWORD_VAR,
    SAMPLES,
    assert_no_secret,
    check_report_json,
    cli_env,
    diagnose_lab,
    lab_args,
    run_cli,
    run_on_terminal,
    top_cause,
)

ASK_RULES = str(Path(__file__).parent / "rules" / "ask")


def test_healthy_account_text_report(healthy_lab) -> None:
    t = healthy_lab.target
    result = diagnose_lab(t)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert out.startswith(f"mailexpert report for {t.email}\n")
    assert "No problem found: every check passed." in out
    assert "Checks that passed:" in out
    assert "Login: IMAP login on mail.example.test:993 accepted" in out
    assert "TLS: mail.example.test: TLSv1.3 on port 993" in out
    assert "\x1b[" not in out  # no colours off a terminal
    assert result.stderr == ""  # no progress off a terminal
    assert_no_secret(t.password, result.stdout, result.stderr)
    assert healthy_lab.login_attempts() >= 1


@pytest.mark.parametrize("fmt", ["json", "markdown", "text"])
def test_fault_in_every_format(lab_factory, fmt: str) -> None:
    lab = lab_factory("cert-expired")
    result = diagnose_lab(lab.target, "--format", fmt)
    assert result.returncode == 1, result.stdout + result.stderr
    if fmt == "json":
        report = check_report_json(result.stdout)
        assert top_cause(report) == "cert-expired"
        assert report["status"] == "problems" and report["account"]["email"] == lab.target.email
    elif fmt == "markdown":
        assert result.stdout.startswith("# mailexpert report")
        assert "`cert-expired`" in result.stdout
    else:
        assert "Most likely cause:" in result.stdout and "[cert-expired," in result.stdout
        assert "How to fix it:" in result.stdout
    assert_no_secret(lab.target.password, result.stdout, result.stderr)


@pytest.mark.parametrize("scenario", ["smtp-port25-blocked", "password-rejected", "port-closed",
                                      "tls-on-plaintext-port", "hosts-file-override"])
def test_faults_give_their_cause(lab_factory, scenario: str) -> None:
    from mailexpert.lab import SCENARIOS

    lab = lab_factory(scenario)
    result = diagnose_lab(lab.target, "--format", "json")
    report = check_report_json(result.stdout)
    assert top_cause(report) == SCENARIOS[scenario].expected_cause
    assert result.returncode == 1
    assert_no_secret(lab.target.password, result.stdout, result.stderr)


def test_save_facts_then_replay(healthy_lab, tmp_path: Path, lab_factory) -> None:
    lab = lab_factory("password-rejected")
    saved = tmp_path / "facts.json"
    first = diagnose_lab(lab.target, "--format", "json", "--save-facts", str(saved))
    assert first.returncode == 1
    assert_no_secret(lab.target.password, saved.read_text())
    bundle = json.loads(saved.read_text())
    assert bundle["schema"] == "mailexpert.facts/1" and bundle["facts"]
    again = run_cli("replay", str(saved), "--format", "json")
    assert again.returncode == 1, again.stderr
    assert top_cause(check_report_json(again.stdout)) == top_cause(json.loads(first.stdout)) == "password-rejected"


def test_no_login_sends_no_credentials(healthy_lab) -> None:
    t = healthy_lab.target
    result = run_cli("diagnose", t.email, *[a for a in lab_args(t) if a not in ("--password-env", PASSWORD_VAR)],
                     "--no-login", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = check_report_json(result.stdout)
    assert healthy_lab.login_attempts() == 0
    assert all(f.get("outcome") != "success" for f in report["facts"] if f["kind"] == "login.result")


@pytest.mark.parametrize("turned_off", [False, True])
def test_the_revocation_check_and_its_option(healthy_lab, turned_off: bool) -> None:
    """By default each TLS server's certificate is checked against the lab CA's revocation
    list (good on a healthy lab); --no-revocation-check leaves the list's host uncontacted."""
    t = healthy_lab.target
    flags = ["--no-revocation-check"] if turned_off else []
    result = diagnose_lab(t, *flags, "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    checks = [f for f in check_report_json(result.stdout)["facts"] if f["kind"] == "tls.revocation"]
    if turned_off:
        assert checks == []
    else:
        assert checks and {f["status"] for f in checks} == {"good"}
        assert {f["crl_url"] for f in checks} == {"http://web.example.test/lab-ca.crl"}


@pytest.mark.parametrize("turned_off", [False, True])
def test_the_smtp_transaction_after_the_login_and_its_option(healthy_lab, turned_off: bool) -> None:
    """After the login: MAIL FROM and RCPT TO the account's address, never a message; the
    check that passed says so. --no-envelope-test leaves it out."""
    t = healthy_lab.target
    flags = ["--no-envelope-test"] if turned_off else []
    result = diagnose_lab(t, *flags, "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    envelope = [f for f in check_report_json(result.stdout)["facts"] if f["kind"] == "envelope.result"]
    if turned_off:
        assert envelope == []
    else:
        assert [(f["sender"], f["recipient"], f["outcome"]) for f in envelope] == [(t.email, t.email, "accepted")]
        text = diagnose_lab(t, "--no-input").stdout
        assert f"takes mail from {t.email} after the login (MAIL FROM and RCPT TO accepted; no message sent)" in text


def test_settings_discovered_when_not_given(healthy_lab) -> None:
    result = diagnose_lab(healthy_lab.target, "--format", "json", servers=False)
    assert result.returncode == 0, result.stdout + result.stderr
    report = check_report_json(result.stdout)
    settings = [f for f in report["facts"] if f["kind"] == "account.setting"]
    assert settings and all(f["origin"] in ("discovered", "default") for f in settings)
    assert report["notes"], "the report says what was assumed"


def test_settings_from_a_thunderbird_profile(healthy_lab) -> None:
    result = diagnose_lab(healthy_lab.target, "--client-config", str(SAMPLES / "thunderbird" / "prefs.js"),
                          "--format", "json", servers=False)
    assert result.returncode == 0, result.stdout + result.stderr
    report = check_report_json(result.stdout)
    settings = {(f["protocol"], f["host"], f["port"], f["security"], f["origin"])
                for f in report["facts"] if f["kind"] == "account.setting"}
    assert ("imap", "mail.example.test", 993, "ssl", "client-config") in settings
    assert ("smtp", "mail.example.test", 587, "starttls", "client-config") in settings
    assert {"kind": "client.info", "name": "thunderbird", "version": "115.6.1", "major": 115, "max_tls": "TLSv1.3",
            "oauth_support": True} in report["facts"]


def test_settings_from_the_thunderbird_profile_found_in_home(healthy_lab, tmp_path: Path) -> None:
    home = tmp_path / "home"
    profile = home / ".thunderbird" / "q1w2e3r4.default-release"
    profile.mkdir(parents=True)
    (profile / "prefs.js").write_text((SAMPLES / "thunderbird" / "prefs.js").read_text())
    (home / ".thunderbird" / "profiles.ini").write_text(
        "[Profile0]\nName=default-release\nIsRelative=1\nPath=q1w2e3r4.default-release\nDefault=1\n")
    env = cli_env(HOME=str(home), APPDATA=str(tmp_path / "appdata"), **{PASSWORD_VAR: healthy_lab.target.password})
    env.pop("XDG_CONFIG_HOME", None)
    result = diagnose_lab(healthy_lab.target, "--client-config", "auto", "--format", "json", servers=False, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    report = check_report_json(result.stdout)
    settings = {(f["protocol"], f["host"], f["port"], f["security"], f["origin"])
                for f in report["facts"] if f["kind"] == "account.setting"}
    assert ("imap", "mail.example.test", 993, "ssl", "client-config") in settings
    assert {"kind": "client.config", "path": str(profile / "prefs.js"), "format": "thunderbird", "status": "ok"} in [
        {k: f.get(k) for k in ("kind", "path", "format", "status")} for f in report["facts"] if f["kind"] == "client.config"]


def test_damaged_client_config_is_a_finding(healthy_lab, tmp_path: Path) -> None:
    prefs = tmp_path / "prefs.js"
    prefs.write_text((SAMPLES / "thunderbird" / "prefs-damaged.js").read_text().replace("bob@", "alice@"))
    result = diagnose_lab(healthy_lab.target, "--client-config", str(prefs), "--format", "json")
    report = check_report_json(result.stdout)
    causes = [d["cause"] for d in report["diagnoses"]]
    assert "client-config-corrupt" in causes, causes
    problems = [f["problem"] for f in report["facts"] if f["kind"] == "client.config"]
    assert f"{prefs}:27: mail.smtpserver.smtp1.port 70000 is out of range (1-65535)" in problems


def test_answers_on_the_command_line(healthy_lab) -> None:
    t = healthy_lab.target
    result = diagnose_lab(t, "--rules", ASK_RULES, "--answer", "cli-test-webmail=no", "--format", "json")
    report = check_report_json(result.stdout)
    assert top_cause(report) == "account-locked" and result.returncode == 1
    unanswered = diagnose_lab(t, "--rules", ASK_RULES)
    assert unanswered.returncode == 0
    assert "Open questions (answer with --answer ID=VALUE):" in unanswered.stdout
    assert "cli-test-webmail: Can alice@example.test sign in to webmail? [yes/no]" in unanswered.stdout


def _answers(password: str) -> Callable[[str], str | None]:
    """Type the password, answer 'no' to the test rule's question and skip any other question."""

    def answer(screen: str) -> str | None:
        last = screen.rstrip().splitlines()[-1]
        if last.startswith("Password for"):
            return password
        if last.startswith("Your number or answer"):
            question = screen[screen.rindex("Question:"):]
            return "2" if "sign in to webmail?" in question else ""
        return None

    return answer


def test_interactive_terminal_prompts_asks_and_shows_progress(healthy_lab) -> None:
    t = healthy_lab.target
    args = ["diagnose", t.email, *[a for a in lab_args(t) if a not in ("--password-env", PASSWORD_VAR)],
            "--rules", ASK_RULES]
    env = cli_env(TERM="xterm")
    status, screen = run_on_terminal(args, _answers(t.password), env)
    assert "Password for alice@example.test (Enter to skip the login): " in screen
    assert t.password not in screen  # typed without echo
    assert "Question: Can alice@example.test sign in to webmail?" in screen and "  2) no" in screen
    assert "\r\x1b[K" in screen and f"checking {t.email}" in screen  # the live progress line
    assert "Most likely cause" in screen and "account-locked" in screen
    assert "\x1b[1;31m" in screen  # colours on a terminal
    assert status == 1
    assert healthy_lab.login_attempts() >= 1  # the typed password was used


def test_no_input_never_prompts_on_a_terminal(healthy_lab) -> None:
    t = healthy_lab.target
    args = ["diagnose", t.email, *[a for a in lab_args(t) if a not in ("--password-env", PASSWORD_VAR)],
            "--rules", ASK_RULES, "--no-input"]
    status, screen = run_on_terminal(args, lambda _screen: "", cli_env(TERM="xterm"))
    assert "Password for" not in screen and "Question:" not in screen
    assert "Open questions" in screen and status == 0
