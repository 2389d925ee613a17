"""``mailexpert diagnose``: every bad argument stops before the network with a clear message, exit 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import SAMPLES, cli_env, run_cli

GOOD = ["alice@example.test", "--no-login", "--dns-server", "127.0.0.1:1", "--web-url", "https://127.0.0.1:1/",
        "--reference-dns", "127.0.0.1:1", "--allow-network", "127.0.0.0/8", "--timeout", "0.1"]


def bad(tmp_path: Path) -> dict[str, Path]:
    """Files for the file-argument cases."""
    directory = tmp_path / "folder"
    directory.mkdir()
    empty = tmp_path / "empty-password"
    empty.write_text("\n")
    not_pem = tmp_path / "ca.pem"
    not_pem.write_text("this is not a certificate\n")
    broken_pem = tmp_path / "broken.pem"
    broken_pem.write_text("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    return {"dir": directory, "empty": empty, "not_pem": not_pem, "broken_pem": broken_pem, "rules": rules}


CASES = [
    # (arguments after 'diagnose', message in stderr)
    (["", "--no-login"], "e-mail address '': expected local-part@domain"),
    (["alice", "--no-login"], "expected local-part@domain"),
    (["alice@", "--no-login"], "expected local-part@domain"),
    (["al ice@example.test", "--no-login"], "invalid local part"),
    (["alice@localhost", "--no-login"], "is not a mail domain"),
    (["alice@example.test", "--imap", "mail example.test"], "is not a valid host name or IP address"),
    (["alice@example.test", "--imap", "mail.example.test:0"], "port 0 is out of range (1-65535)"),
    (["alice@example.test", "--smtp", "mail.example.test:70000"], "port 70000 is out of range (1-65535)"),
    (["alice@example.test", "--pop3", "mail.example.test:pop"], "port 'pop' is not a number"),
    (["alice@example.test", "--smtp", "mail.example.test:587/tls13"], "unknown security mode 'tls13'"),
    (["alice@example.test", "--imap", ":993"], "the host is empty"),
    (["alice@example.test", "--username", " "], "--username: the user name is empty"),
    (["alice@example.test", "--password-env", "MAILEXPERT_TEST_UNSET_VAR"],
     "--password-env: environment variable MAILEXPERT_TEST_UNSET_VAR is not set"),
    (["alice@example.test", "--password-env", "MAILEXPERT_TEST_EMPTY_VAR"],
     "--password-env: environment variable MAILEXPERT_TEST_EMPTY_VAR is empty"),
    (["alice@example.test", "--oauth-token-env", "MAILEXPERT_TEST_UNSET_VAR"],
     "--oauth-token-env: environment variable MAILEXPERT_TEST_UNSET_VAR is not set"),
    (["alice@example.test", "--password-file", "/nonexistent/password"], "--password-file '/nonexistent/password': no such file"),
    (["alice@example.test", "--password-file", "{dir}"], "is a directory, not a file"),
    (["alice@example.test", "--password-file", "{empty}"], "the first line is empty"),
    (["alice@example.test", "--password-env", "X", "--password-file", "y"], "not allowed with argument"),
    (["alice@example.test", "--dns-server", "dns.example.test"], "--dns-server: resolver 'dns.example.test': a resolver must be an IP address"),
    (["alice@example.test", "--dns-server", "127.0.0.1:99999"], "port 99999 is out of range"),
    (["alice@example.test", "--reference-dns", "300.1.2.3"], "--reference-dns: resolver '300.1.2.3'"),
    (["alice@example.test", "--connect-to", "mail.example.test:993"], "--connect-to: connect-to 'mail.example.test:993': expected HOST:PORT:ADDRESS:PORT"),
    (["alice@example.test", "--connect-to", "mail.example.test:993:127.0.0.1:0"], "port 0 is out of range"),
    (["alice@example.test", "--connect-to", "mail.example.test:x:127.0.0.1:993"], "port 'x' is not a number"),
    (["alice@example.test", "--ca-file", "/nonexistent/ca.pem"], "--ca-file '/nonexistent/ca.pem': no such file"),
    (["alice@example.test", "--hosts-file", "/nonexistent/hosts"], "--hosts-file '/nonexistent/hosts': no such file"),
    (["alice@example.test", "--ca-file", "{not_pem}"], "no PEM certificate in it"),
    (["alice@example.test", "--ca-file", "{broken_pem}"], "not a valid PEM certificate file"),
    (["alice@example.test", "--web-url", "ftp://example.test/"], "expected an http:// or https:// URL with a host"),
    (["alice@example.test", "--web-url", "https://"], "expected an http:// or https:// URL with a host"),
    (["alice@example.test", "--web-url", "https://example.test:99999/"], "--web-url 'https://example.test:99999/'"),
    (["alice@example.test", "--proxy", "example.test:3128"], "--proxy 'example.test:3128': expected a URL"),
    (["alice@example.test", "--timeout", "0"], "argument --timeout: must be more than 0 seconds, not 0"),
    (["alice@example.test", "--timeout", "-3"], "must be more than 0 seconds"),
    (["alice@example.test", "--timeout", "soon"], "'soon' is not a number of seconds"),
    (["alice@example.test", "--timeout", "nan"], "must be more than 0 seconds"),
    (["alice@example.test", "--timeout", "1000"], "must be at most 300 seconds"),
    (["alice@example.test", "--allow-network", "everywhere"], "--allow-network 'everywhere': not a network"),
    (["alice@example.test", "--rules", "/nonexistent/rules"], "--rules '/nonexistent/rules': no such folder"),
    (["alice@example.test", "--rules", "{empty}"], "is not a folder"),
    (["alice@example.test", "--rules", "{rules}"], "broken.yaml:3:1: YAML syntax error"),
    (["alice@example.test", "--answer", "webmail_works"], "--answer takes QUESTION=VALUE, got 'webmail_works'"),
    (["alice@example.test", "--answer", "=yes"], "--answer takes QUESTION=VALUE"),
    (["alice@example.test", "--client-config", "/nonexistent/prefs.js"], "--client-config: client configuration '/nonexistent/prefs.js': no such file"),
    (["alice@example.test", "--client-config", "{dir}"], "is a directory, not a file"),
    (["alice@example.test", "--client-config", str(SAMPLES / "thunderbird" / "prefs.js.gz")], "not a text file (binary content)"),
    (["alice@example.test", "--client-config", str(SAMPLES / "autoconfig" / "config-xxe.xml")], "refusing an XML file with a DTD"),
    (["alice@example.test", "--save-facts", "{dir}"], "--save-facts"),
    (["alice@example.test", "--save-facts", "/nonexistent/dir/facts.json"], "folder '/nonexistent/dir' does not exist"),
    (["alice@example.test", "--format", "html"], "argument --format: invalid choice: 'html'"),
    (["alice@example.test", "--bogus"], "unrecognized arguments: --bogus"),
    ([], "the following arguments are required: EMAIL"),
]


@pytest.mark.parametrize(("args", "message"), CASES, ids=[f"{i:02d}-{m[:40]}" for i, (_, m) in enumerate(CASES)])
def test_bad_argument_exits_2_with_a_clear_message(args: list[str], message: str, tmp_path: Path) -> None:
    files = bad(tmp_path)
    args = [a.format(**{k: str(v) for k, v in files.items()}) for a in args]
    env = cli_env(MAILEXPERT_TEST_EMPTY_VAR="")
    result = run_cli("diagnose", *args, env=env, timeout=60)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_password_never_appears_in_an_error(tmp_path: Path) -> None:
    secret = "Sup3r-s3cret-P@ss"
    pw = tmp_path / "pw"
    pw.write_text(secret + "\n")
    env = cli_env(MAILEXPERT_TEST_PASSWORD=secret)
    for args in (["not-an-address", "--password-env", "MAILEXPERT_TEST_PASSWORD"],
                 ["alice@example.test", "--password-file", str(pw), "--imap", "bad host"],
                 ["alice@example.test", "--password-env", "MAILEXPERT_TEST_PASSWORD", "--timeout", "0"]):
        result = run_cli("diagnose", *args, env=env)
        assert result.returncode == 2
        assert secret not in result.stdout + result.stderr


def test_password_with_a_line_break_is_refused_without_quoting_it(tmp_path: Path) -> None:
    env = cli_env(MAILEXPERT_TEST_PASSWORD="two\nlines")
    result = run_cli("diagnose", *GOOD[:1], "--password-env", "MAILEXPERT_TEST_PASSWORD", "--imap",
                     "127.0.0.1:1", "--smtp", "127.0.0.1:1", *GOOD[2:], env=env)
    assert result.returncode == 2, result.stderr
    assert "the password contains a line break or NUL" in result.stderr
    assert "two" not in result.stderr


def test_password_that_is_no_utf8_is_refused_without_quoting_it() -> None:
    # A variable set from a Latin-1 terminal: its byte 0xff reaches Python as a lone surrogate,
    # which no UTF-8 login can carry (it ended as "internal error: UnicodeEncodeError", exit 3).
    env = cli_env(MAILEXPERT_TEST_PASSWORD="s3cret-\udcff-pw")
    result = run_cli("diagnose", *GOOD[:1], "--password-env", "MAILEXPERT_TEST_PASSWORD", "--imap",
                     "127.0.0.1:1", "--smtp", "127.0.0.1:1", *GOOD[2:], env=env)
    assert result.returncode == 2, result.stderr
    assert "the password is not UTF-8 text" in result.stderr
    assert "s3cret" not in result.stderr + result.stdout


def test_help_lists_the_contract_options() -> None:
    result = run_cli("diagnose", "--help")
    assert result.returncode == 0
    for option in ("--imap", "--pop3", "--smtp", "--username", "--password-env", "--password-file",
                   "--oauth-token-env", "--no-login", "--dns-server", "--reference-dns", "--connect-to",
                   "--ca-file", "--web-url", "--timeout", "--rules", "--answer", "--client-config", "--format",
                   "--save-facts", "--hosts-file"):
        assert option in result.stdout, option


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_password_file(tmp_path: Path) -> None:  # pragma: no cover - CI runs as root
    pw = tmp_path / "pw"
    pw.write_text("x\n")
    pw.chmod(0)
    result = run_cli("diagnose", "alice@example.test", "--password-file", str(pw))
    assert result.returncode == 2 and "permission denied" in result.stderr
