"""A support engineer adds a cause of their own, as a new user would: one rule folder, no package edit.

The folder holds the cause's declaration (causes.yaml), one rule with its examples and a
feature that documents it; every command is run as the user would run it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import ROOT, cli_env, run_cli

CAUSES = """\
causes:
  - id: company-password-rotated
    area: authentication
    severity: error
    title: Your company password was rotated; the mail program still has the old one
    fix: Set a new password on the company sign-in portal, then enter it in the mail program.
"""

RULE = """\
id: company-password-rotated
title: A refused password at our company means the 90-day rotation happened
area: authentication
confidence: likely
when:
  all:
    - fact: auth.credentials-refused
      as: c
diagnosis:
  summary: "The {c.protocol} server refused the password: {c.text}"
  explanation: Company passwords expire every 90 days; the mail program keeps offering the old one.
  fix:
    - "Open the company sign-in portal and set a new password."
    - "Enter the new password in the mail program's account settings."
supersedes: [password-rejected]
examples:
  fires:
    - name: Dovecot refuses the IMAP login
      facts:
        - {kind: login.result, host: mail.example.test, port: 993, protocol: imap, outcome: rejected,
           response_code: AUTHENTICATIONFAILED, text: "Authentication failed."}
  silent:
    - name: the login works
      facts:
        - {kind: login.result, host: mail.example.test, port: 993, protocol: imap, outcome: success}
"""

FEATURE = '''\
Feature: Company passwords — a refused password means the rotation happened
  Our passwords expire every 90 days; mail programs keep the old one.

  Scenario: Outlook keeps asking for my password on Monday morning
    Given the user says "Outlook keeps asking for my password"
    When I paste what the server said:
      """
      535 5.7.8 Error: authentication failed: (reason unavailable)
      """
    Then the most likely cause is "company-password-rotated"

  Scenario: The lab's server refuses the password
    Given it keeps asking for my password, as in the lab case "password-rejected"
    When I diagnose my account
    Then the most likely cause is "company-password-rotated"
    And the report also finds "password-rejected"
'''


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    rules = tmp_path / "our-rules"
    rules.mkdir()
    (rules / "causes.yaml").write_text(CAUSES)
    (rules / "company-password-rotated.yaml").write_text(RULE)
    (rules / "company-passwords.feature").write_text(FEATURE)
    return rules


def test_a_new_cause_in_a_folder_of_its_own(folder: Path) -> None:
    lint = run_cli("rules", "lint", str(folder))
    assert lint.returncode == 0, lint.stderr
    assert "1 rule(s) OK" in lint.stdout

    tested = run_cli("rules", "test", str(folder))
    assert tested.returncode == 0, tested.stdout
    assert "rules: 2 passed, 0 failed" in tested.stdout

    docs = run_cli("rules", "docs", str(folder))
    assert docs.returncode == 0, docs.stderr
    assert "### `company-password-rotated` — Your company password was rotated" in docs.stdout
    assert "password-rejected` —" not in docs.stdout  # only this folder's causes
    assert "## Company passwords" in docs.stdout  # its feature, as a page of the manual

    explained = run_cli("explain", "--rules", str(folder), "--format", "json",
                        "535 5.7.8 Error: authentication failed: (reason unavailable)")
    assert explained.returncode == 1, explained.stderr
    top = json.loads(explained.stdout)["diagnoses"][0]
    assert top["cause"] == "company-password-rotated"

    demo = run_cli("demo", "--rules", str(folder), "--fault", "password-rejected", "--timeout", "1")
    assert demo.returncode == 1, demo.stderr
    assert "Most likely cause: A refused password at our company" in demo.stdout

    features = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "tests/features", "-k", "company_passwords", "-p", "no:randomly"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env=cli_env(MAILEXPERT_RULES=str(folder)))  # a rule folder's own features run with it
    assert features.returncode == 0, features.stdout[-3000:]
    assert "2 passed" in features.stdout


def test_its_cause_may_not_take_a_built_in_id_unless_it_says_so(folder: Path) -> None:
    (folder / "causes.yaml").write_text(CAUSES.replace("company-password-rotated", "password-rejected"))
    lint = run_cli("rules", "lint", str(folder))
    assert lint.returncode == 2
    assert "causes.yaml:2:9: cause 'password-rejected' is a built-in cause" in lint.stderr
    assert "overrides: true" in lint.stderr


def test_rules_new_scaffolds_a_cause_that_explain_then_names(tmp_path: Path) -> None:
    reply = "553 5.7.1 <bob@example.org>: Sender address rejected: not owned by user alice@example.org"
    into = tmp_path / "mine"
    made = run_cli("rules", "new", "smtp-sender-not-owned", "--from-reply", reply, "--into", str(into))
    assert made.returncode == 0, made.stderr
    assert sorted(p.name for p in into.iterdir()) == [
        "causes.yaml", "smtp-sender-not-owned.feature", "smtp-sender-not-owned.yaml"]
    assert run_cli("rules", "lint", str(into)).returncode == 0
    tested = run_cli("rules", "test", str(into))
    assert "rules: 2 passed, 0 failed" in tested.stdout, tested.stdout
    explained = run_cli("explain", "--rules", str(into), "--format", "json", reply)
    assert json.loads(explained.stdout)["diagnoses"][0]["cause"] == "smtp-sender-not-owned"
    plain = run_cli("explain", "--format", "json", reply)
    assert "smtp-sender-not-owned" not in plain.stdout
    # The next user's refusal names other addresses: the same cause, not this case's addresses.
    other = "553 5.7.1 <carol@example.net>: Sender address rejected: not owned by user dave@example.net"
    top = json.loads(run_cli("explain", "--rules", str(into), "--format", "json", other).stdout)["diagnoses"][0]
    assert top["cause"] == "smtp-sender-not-owned"
    assert top["title"] == "The server says: <…>: Sender address rejected: not owned by user …"
    # As the scaffolded feature says to run it: the pytest option, no environment variable.
    assert "pytest tests/features --rules <this folder> -k smtp_sender_not_owned" in (
        into / "smtp-sender-not-owned.feature").read_text()
    feature = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "tests/features", "--rules", str(into), "-k", "smtp_sender_not_owned"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env=cli_env())
    assert feature.returncode == 0 and "1 passed" in feature.stdout, feature.stdout[-3000:]


def test_rules_new_from_a_pasted_error_that_names_no_server(tmp_path: Path) -> None:
    pasted = "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate"
    into = tmp_path / "mine"
    assert run_cli("rules", "new", "company-ca-missing", "--from-reply", pasted, "--into", str(into)).returncode == 0
    # What the text did not say (no server, no port) is no condition of the rule: it also
    # explains the same failure seen on a server's port.
    rule = (into / "company-ca-missing.yaml").read_text()
    assert "port:" not in rule.split("diagnosis:")[0] and "host:" not in rule.split("diagnosis:")[0], rule
    explained = run_cli("explain", "--rules", str(into), "--format", "json", "--imap", "mail.example.org:993", pasted)
    assert json.loads(explained.stdout)["diagnoses"][0]["cause"] == "company-ca-missing", explained.stdout


@pytest.mark.parametrize(("reply", "ordinary"), [
    # A firewall's SMTP inspection masks the greeting's words with '*' and digits.
    ("220 ******************0*0*0****0**", "220 mail.example.org ESMTP Postfix"),
    # A client that prints the code without the server's words.
    ("RCPT failed: 554", "RCPT failed: 554 5.7.1 Relay access denied"),
])
def test_rules_new_from_a_reply_without_words(tmp_path: Path, reply: str, ordinary: str) -> None:
    """The rule is about what the reply said, words or none: its own near miss stays silent,
    and a reply of the same code with other words is not named."""
    into = tmp_path / "mine"
    made = run_cli("rules", "new", "reply-odd", "--from-reply", reply, "--into", str(into))
    assert made.returncode == 0, made.stderr
    tested = run_cli("rules", "test", str(into))
    assert "rules: 2 passed, 0 failed" in tested.stdout, tested.stdout
    named = run_cli("explain", "--rules", str(into), "--format", "json", reply)
    assert json.loads(named.stdout)["diagnoses"][0]["cause"] == "reply-odd", named.stdout
    plain = run_cli("explain", "--rules", str(into), "--format", "json", ordinary)
    assert "reply-odd" not in plain.stdout


def test_rules_new_from_a_recorded_case(tmp_path: Path) -> None:
    bundle = ROOT / "benchmarks" / "bundles" / "smtp-port25-blocked.json"
    into = tmp_path / "mine"
    made = run_cli("rules", "new", "hotel-blocks-port-25", "--from-bundle", str(bundle), "--into", str(into))
    assert made.returncode == 0, made.stderr
    assert run_cli("rules", "test", str(into)).returncode == 0
    replayed = run_cli("replay", "--rules", str(into), "--format", "json", str(bundle))
    assert json.loads(replayed.stdout)["diagnoses"][0]["cause"] == "hotel-blocks-port-25"
    # The rule is what the case showed -- port 25 of the configured host times out -- not any
    # timeout beside any SMTP setting.
    for other in ("port-blocked-outbound", "proxy-only-web", "vpn-interference"):
        replayed = run_cli("replay", "--rules", str(into), "--format", "json",
                           str(ROOT / "benchmarks" / "bundles" / f"{other}.json"))
        assert "hotel-blocks-port-25" not in replayed.stdout, other


def test_rules_new_from_a_case_recorded_as_yaml(tmp_path: Path) -> None:
    """A bundle may be YAML: kept in the folder's cases/, it is no rule file; saved beside the
    rules, lint says what it is instead of asking it for a rule's keys."""
    import yaml

    bundle = tmp_path / "case.yaml"
    bundle.write_text(yaml.safe_dump(json.loads((ROOT / "benchmarks" / "bundles" / "smtp-port25-blocked.json").read_text())))
    into = tmp_path / "mine"
    made = run_cli("rules", "new", "hotel-blocks-port-25", "--from-bundle", str(bundle), "--into", str(into))
    assert made.returncode == 0, made.stderr
    assert (into / "cases" / "hotel-blocks-port-25.yaml").is_file()
    linted = run_cli("rules", "lint", str(into))
    assert linted.returncode == 0, linted.stderr
    assert "rules: 2 passed, 0 failed" in run_cli("rules", "test", str(into)).stdout
    (into / "case.yaml").write_bytes(bundle.read_bytes())
    linted = run_cli("rules", "lint", str(into))
    assert linted.returncode == 2
    assert f"{into / 'case.yaml'}:" in linted.stderr and "a recorded case (a fact bundle), not a rule file: keep cases " \
        "in the folder's cases/" in linted.stderr, linted.stderr


def test_rules_new_refuses_a_built_in_id(tmp_path: Path) -> None:
    made = run_cli("rules", "new", "password-rejected", "--from-reply", "535 5.7.8 no", "--into", str(tmp_path))
    assert made.returncode == 2
    assert "is a built-in cause" in made.stderr


def test_rules_new_from_a_text_it_does_not_recognise_writes_nothing(tmp_path: Path) -> None:
    """The folder is made only once there is something to write: no empty folder is left behind."""
    into = tmp_path / "mine"
    made = run_cli("rules", "new", "my-cause", "--from-reply", "hello world", "--into", str(into))
    assert made.returncode == 2 and "not one mailexpert recognises" in made.stderr
    assert not into.exists()


@pytest.mark.parametrize("argv", [["rules", "list"], ["rules", "docs"], ["demo", "--list"]])
def test_a_closed_pipe_ends_quietly(argv: list[str]) -> None:
    cmd = " ".join([sys.executable, "-m", "mailexpert", *argv]) + " | head -1"
    done = subprocess.run(["/bin/sh", "-c", cmd], capture_output=True, text=True, timeout=60, env=cli_env())
    assert done.stdout.strip() and done.stderr == ""


def test_options_go_anywhere_after_the_subcommand(folder: Path) -> None:
    before = run_cli("rules", "lint", "--with-builtin", str(folder))
    after = run_cli("rules", "lint", str(folder), "--with-builtin")
    assert before.returncode == after.returncode == 0, before.stderr
    assert before.stdout == after.stdout
    assert int(before.stdout.split()[0]) > 100
