"""``mailexpert explain``: real error texts, each to its catalogued cause."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cli_helpers import ROOT, SAMPLES, check_report_json, cli_env, run_cli, run_on_terminal, top_cause

CASES = yaml.safe_load((SAMPLES / "explain" / "errors.yaml").read_text(encoding="utf-8"))


def explain_args(case: dict) -> list[str]:
    args = ["explain", case["text"], "--format", "json"]
    if case.get("server"):
        protocol, setting = case["server"].split()
        args += [f"--{protocol}", setting]
    return args


def test_catalogue_is_big_enough_and_well_formed() -> None:
    assert len(CASES) >= 30
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    causes = (SAMPLES.parents[1] / "rules" / "causes.yaml").read_text(encoding="utf-8")
    for case in CASES:
        assert case["text"].strip() and case["cause"] in causes, case["id"]


@pytest.fixture(scope="module")
def catalogue_results() -> dict[str, dict]:
    """Every catalogue text through the command line's main(), in one subprocess."""
    argvs = [explain_args(case) for case in CASES]
    batch = subprocess.run([sys.executable, str(Path(__file__).with_name("explain_batch.py"))],
                           input=json.dumps(argvs), capture_output=True, text=True, env=cli_env(),
                           timeout=600, cwd=ROOT)
    results = [json.loads(line) for line in batch.stdout.splitlines()]
    assert batch.returncode == 0 and len(results) == len(CASES), (
        f"the batch stopped after {len(results)} of {len(CASES)} texts (exit {batch.returncode}): "
        f"{batch.stderr[-2000:]}")
    return {case["id"]: result for case, result in zip(CASES, results, strict=True)}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_real_error_text_gives_its_cause(case: dict, catalogue_results: dict) -> None:
    result = catalogue_results[case["id"]]
    assert result["status"] in (0, 1), f"exit status {result['status']}: {result['stderr'][-2000:]}"
    report = check_report_json(result["stdout"])
    found = top_cause(report)
    assert found == case["cause"], (
        f"{case['id']}: expected {case['cause']}, got {found}; facts: {report['facts']}")
    assert result["status"] == (1 if report["status"] == "problems" else 0)


def test_explain_subprocess_text_and_exit_status() -> None:
    result = run_cli("explain", "a1 NO [AUTHENTICATIONFAILED] Authentication failed.")
    assert result.returncode == 1, result.stderr
    assert "password-rejected" in result.stdout
    assert "Explained from a pasted text, recognised as an IMAP reply (no [AUTHENTICATIONFAILED])" in result.stdout
    assert result.stderr == ""


def test_explain_reads_several_lines_from_stdin() -> None:
    text = next(c["text"] for c in CASES if c["id"] == "gmail-bad-credentials")
    result = run_cli("explain", "-", "--format", "json", input=text + "\n")
    assert result.returncode == 1, result.stderr
    report = check_report_json(result.stdout)
    assert top_cause(report) == "app-password-required"
    assert [d["cause"] for d in report["diagnoses"]][1] == "password-rejected"
    reply = next(f for f in report["facts"] if f["kind"] == "server.reply")
    assert reply == {"kind": "server.reply", "code": 535, "enhanced": "5.7.8", "protocol": "smtp",
                     "source": "pasted", "stage": "unknown", "status": "permanent",
                     "text": reply["text"], "meaning": reply["meaning"]}
    assert reply["meaning"].startswith("5.7.8: authentication credentials invalid")
    assert "BadCredentials" in reply["text"]


@pytest.mark.parametrize("text", ["+OK Dovecot ready.", "250 2.0.0 Ok: queued as 12345", "a1 OK LOGIN completed"])
def test_explaining_a_positive_reply_finds_nothing_wrong(text: str) -> None:
    result = run_cli("explain", text)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("No problem found in these facts.")


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_explain_formats(fmt: str) -> None:
    result = run_cli("explain", "ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)",
                     "--smtp", "mail.example.org:587/ssl", "--format", fmt)
    assert result.returncode == 1, result.stderr
    if fmt == "json":
        report = check_report_json(result.stdout)
        assert report["account"] == {"smtp": "mail.example.org:587/ssl"}
        assert top_cause(report) == "tls-on-plaintext-port"
    elif fmt == "markdown":
        assert result.stdout.startswith("# mailexpert report")
        assert "`tls-on-plaintext-port`" in result.stdout
    else:
        assert "Most likely cause" in result.stdout and "[tls-on-plaintext-port" in result.stdout
        assert "\x1b[" not in result.stdout  # no colours when not on a terminal


def test_explain_escapes_control_characters() -> None:
    result = run_cli("explain", "535 5.7.8 \x1b[31mbad\x1b[0m credentials", "--format", "text")
    assert "\x1b" not in result.stdout
    assert "\\x1b[31mbad" in result.stdout
    data = run_cli("explain", "535 5.7.8 \x1b[31mbad", "--format", "json").stdout
    assert "\x1b" not in data and "\\\\x1b[31mbad" in data


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["explain", "   "], None, "the text is empty"),
        (["explain", "-"], "", "the text is empty"),
        (["explain", "the weather is fine today"], None, "not one mailexpert recognises"),
        # Windows file sharing's logon failure is no mail server's refusal (tests/test_explain_not_mail.py).
        (["explain", "net use \\\\fileserver\\projects\nSystem error 1326 has occurred.\n"
                     "Logon failure: unknown user name or bad password."], None, "not mail"),
        # Postfix's end of a session whose every command succeeded: no failure, and no lost connection.
        (["explain", "postfix/smtpd[4412]: disconnect from mx.example.net[198.51.100.7] ehlo=1 mail=1 rcpt=1 "
                     "data=1 quit=1 commands=5"], None, "not one mailexpert recognises"),
        # Dovecot's log of a client's LOGOUT, and of a session it closed when idle: no failure either.
        (["explain", "dovecot: imap(alice@example.org)<4412><x>: Disconnected: Logged out in=123 out=4567 "
                     "deleted=0 expunged=0 trashed=0"], None, "not one mailexpert recognises"),
        (["explain", "dovecot: imap(alice@example.org): Disconnected for inactivity in=123 out=456"], None,
         "not one mailexpert recognises"),
        # Dovecot's login process closing a connection on which the client never tried to log in.
        (["explain", "dovecot: imap-login: Disconnected: Inactivity (no auth attempts in 180 secs): user=<>, "
                     "rip=198.51.100.7, lip=192.0.2.1, TLS, session=<dv8UIiHyBgBdzUX2>"], None,
         "not one mailexpert recognises"),
        (["explain", "-", "extra"], None, "cannot be mixed"),
        (["explain", "535 5.7.8 x", "--smtp", "mail.example.org:70000"], None, "port 70000 is out of range"),
        (["explain", "535 5.7.8 x", "--smtp", "mail.example.org/tls1.3"], None, "unknown security mode 'tls1.3'"),
        (["explain", "535 5.7.8 x", "--email", "not-an-address"], None, "expected local-part@domain"),
        (["explain", "535 5.7.8 x", "--rules", "/nonexistent/rules"], None, "no such folder"),
        (["explain", "535 5.7.8 x", "--answer", "novalue"], None, "--answer takes QUESTION=VALUE"),
        (["explain", "535 5.7.8 x", "--imap", "a", "--smtp", "b"], None, "not allowed with argument"),
        (["explain"], None, "the following arguments are required: TEXT"),
    ],
)
def test_explain_bad_input_exits_2(args: list[str], stdin: str | None, message: str) -> None:
    result = run_cli(*args, input=stdin)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert result.stdout == ""


def test_explain_library_facts() -> None:
    from mailexpert.explain import explain_facts

    facts = explain_facts("-ERR [IN-USE] Mailbox is locked by another POP3 session.",
                          setting="pop.example.org:995/ssl", protocol="pop3")
    assert [f.as_dict() for f in facts] == [{
        "kind": "server.reply", "host": "pop.example.org", "port": 995, "protocol": "pop3",
        "response_code": "IN-USE", "source": "pasted", "stage": "unknown", "status": "err",
        "text": "-ERR [IN-USE] Mailbox is locked by another POP3 session.",
        "meaning": "the server refused the command (POP3 -ERR)",
    }]


def test_explain_asks_on_a_terminal() -> None:
    asked: list[str] = []

    def answer(screen: str) -> str | None:
        if screen.rstrip().splitlines()[-1].startswith("Your number or answer"):
            asked.append(screen[screen.rindex("Question:"):].splitlines()[0])
            return "1"
        return None

    status, screen = run_on_terminal(["explain", "a1 NO [AUTHENTICATIONFAILED] Authentication failed."], answer,
                                     cli_env(TERM="xterm"))
    assert asked, screen
    assert "Most likely cause" in screen and status in (0, 1)
    assert "Open questions" not in screen  # every question was answered
    _quiet, screen = run_on_terminal(["explain", "a1 NO [AUTHENTICATIONFAILED] Authentication failed.", "--no-input"],
                                    lambda _s: "", cli_env(TERM="xterm"))
    assert "Question:" not in screen and "Open questions" in screen


def test_a_paste_longer_than_the_limit_is_refused_not_cut() -> None:
    from mailexpert.explain import MAX_TEXT

    text = "535 5.7.8 Authentication failed\n" + "x" * MAX_TEXT
    result = run_cli("explain", "-", input=text)
    assert result.returncode == 2, result.stderr
    assert "too long" in result.stderr


def test_the_library_refuses_text_that_is_not_utf8() -> None:
    from mailexpert.errors import InputError
    from mailexpert.explain import explain

    with pytest.raises(InputError, match="not valid UTF-8"):
        explain("535 5.7.8 caf\udce9")
