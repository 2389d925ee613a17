"""Hostile and unlucky files and arguments: each one is refused with exit status 2 and a clear
message (``file:line:column`` where a position exists), quickly, never with exit 3 or a hang.

Small cases are fixtures in ``tests/hostile/files``; large ones, FIFOs, symlinks to devices
are made in a temporary folder. Every case runs the real command in a subprocess with a
time limit, so a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import PASSWORD_VAR, cli_env, lab_args, run_cli

FILES = Path(__file__).parent / "hostile"
#: A refusal must come quickly; loading the rule base is most of it.
LIMIT_SECONDS = 30

RULE = """id: {id}
title: A test rule
area: credentials
severity: error
confidence: possible
cause: account-locked
when:
  all:
    - {{fact: account.identity, as: me}}
diagnosis:
  summary: "{{me.email}} is locked"
  explanation: Test.
  fix: [Nothing.]
"""


def _bomb(levels: int, width: int, indent: str = "") -> str:
    lines = [f"{indent}a0: &a0 [{', '.join(['x'] * width)}]"]
    lines += [f"{indent}a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


PATTERN_RULE = """id: {id}
title: A rule with a pattern
area: credentials
severity: error
confidence: possible
cause: account-locked
when:
  all:
    - {{fact: server.reply, as: r, where: {{text: {{matches: '{pattern}'}}}}}}
diagnosis:
  summary: "{{r.text}}"
  explanation: Test.
  fix: [Nothing.]
examples:
  fires:
    - facts: [{{kind: server.reply, stage: unknown, status: permanent, protocol: smtp, code: 535, text: "aaaa"}}]
  silent:
    - facts: [{{kind: server.reply, stage: unknown, status: permanent, protocol: smtp, code: 535, text: "aaaa!"}}]
"""


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe"
    os.mkfifo(path)
    return path


def _zero(tmp: Path) -> Path:
    path = tmp / "zero.json"
    path.symlink_to("/dev/zero")
    return path


def _big(tmp: Path, name: str = "big.json", size: int = 9 << 20) -> Path:
    path = tmp / name
    with path.open("wb") as f:
        f.truncate(size)  # sparse: the size is what is checked, before reading
    return path


def _rule_folder(tmp: Path, name: str, text: str) -> Path:
    folder = tmp / "rules"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _huge_int_bundle(tmp: Path) -> Path:
    path = tmp / "bigint.json"
    path.write_text('{"schema": "mailexpert.facts/1", "facts": [{"kind": "tcp.connect", "host": "h", '
                    f'"port": 1{"0" * 5000}, "outcome": "connected"}}]}}\n')
    return path


def _written(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _deep_bundle(tmp: Path) -> Path:
    path = tmp / "deep.json"
    path.write_text('{"schema": "mailexpert.facts/1", "facts": ' + "[" * 40_000 + "]" * 40_000 + "}")
    return path


def _many_facts(tmp: Path) -> Path:
    path = tmp / "many.json"
    facts = ",".join(f'{{"kind":"tcp.connect","host":"h{i}.example.test","port":443,"outcome":"connected"}}'
                     for i in range(75_000))
    path.write_text(f'{{"schema":"mailexpert.facts/1","facts":[{facts}]}}')
    return path


def _long_field(tmp: Path) -> Path:
    path = tmp / "long.json"
    path.write_text('{"schema": "mailexpert.facts/1", "facts": [{"kind": "service.greeting", "text": "'
                    + "a" * 3000 + '"}]}')
    return path


def _bad_utf8(tmp: Path) -> Path:
    path = tmp / "latin1.yaml"
    path.write_bytes(b"schema: mailexpert.facts/1\nfacts: []\naccount: {name: caf\xe9}\n")
    return path


# (id, argument builder -> command line, expected text in the message)
CASES: list[tuple[str, Callable[[Path], list[str]], str]] = [
    # 2. unbounded reads: only regular files, sizes checked before reading
    ("replay-fifo", lambda t: ["replay", str(_fifo(t))], "is a pipe (FIFO), not a regular file"),
    ("replay-dev-zero-symlink", lambda t: ["replay", str(_zero(t))], "is a device, not a regular file"),
    ("replay-dev-zero", lambda t: ["replay", "/dev/zero"], "is a device, not a regular file"),
    ("replay-too-large", lambda t: ["replay", str(_big(t))], "too large"),
    ("replay-path-with-escapes", lambda t: ["replay", str(t / "a\x1b[2J\u202eb.json")],
     "a\\x1b[2J\\u202eb.json: no such file"),
    ("replay-directory", lambda t: ["replay", str(t)], "is a directory"),
    ("replay-not-utf8", lambda t: ["replay", str(_bad_utf8(t))], "latin1.yaml:3:"),
    ("password-file-fifo", lambda t: ["diagnose", "a@example.test", "--password-file", str(_fifo(t))],
     "--password-file"),
    ("password-file-dev-zero", lambda t: ["diagnose", "a@example.test", "--password-file", str(_zero(t))],
     "is a device"),
    ("password-file-too-large", lambda t: ["diagnose", "a@example.test", "--password-file", str(_big(t))],
     "too large"),
    ("ca-file-fifo", lambda t: ["diagnose", "a@example.test", "--ca-file", str(_fifo(t))], "--ca-file"),
    ("ca-file-dev-zero", lambda t: ["diagnose", "a@example.test", "--ca-file", str(_zero(t))], "is a device"),
    ("ca-file-too-large", lambda t: ["diagnose", "a@example.test", "--ca-file", str(_big(t))], "too large"),
    ("client-config-fifo", lambda t: ["diagnose", "a@example.test", "--client-config", str(_fifo(t))],
     "is a pipe"),
    ("client-config-dev-zero", lambda t: ["diagnose", "a@example.test", "--client-config", str(_zero(t))],
     "is a device"),
    ("client-config-too-large",
     lambda t: ["diagnose", "a@example.test", "--client-config", str(_big(t, "msmtprc", 11 << 20))], "too large"),
    ("rule-file-fifo", lambda t: ["rules", "lint", str(_fifo_rule(t))], "is a pipe"),
    ("rule-file-dev-zero", lambda t: ["rules", "lint", str(_zero_rule(t))], "is a device"),
    ("rule-file-too-large", lambda t: ["rules", "lint", str(_big_rule(t))], "too large"),
    ("rule-file-fifo-replay", lambda t: ["replay", str(FILES / "ok.bundle.yaml"), "--rules", str(_fifo_rule(t))],
     "is a pipe"),
    ("causes-file-fifo", lambda t: ["rules", "lint", str(_fifo_in(t, "causes.yaml"))], "is a pipe"),
    ("feature-file-fifo-docs", lambda t: ["rules", "docs", str(_fifo_in(t, "x.feature"))], "is a pipe"),
    ("causes-file-fifo-new", lambda t: ["rules", "new", "my-cause", "--into", str(_fifo_in(t, "causes.yaml")),
                                        "--from-reply", "553 5.7.1 Sender address rejected: not owned by user"],
     "is a pipe"),
    # 3. YAML alias bombs, in bundles and rule files
    ("bundle-alias-bomb-9x9", lambda t: ["replay", str(FILES / "alias-bomb-9x9.bundle.yaml")],
     "alias-bomb-9x9.bundle.yaml:"),
    ("bundle-alias-million", lambda t: ["replay", str(FILES / "alias-million.bundle.yaml")],
     "alias-million.bundle.yaml:"),
    ("rule-alias-bomb-lint", lambda t: ["rules", "lint", str(_rule_folder(t, "bomb", _bomb(9, 9)))],
     "bomb.yaml:"),
    ("rule-alias-bomb-replay",
     lambda t: ["replay", str(FILES / "ok.bundle.yaml"), "--rules", str(_rule_folder(t, "bomb", _bomb(9, 9)))],
     "bomb.yaml:"),
    ("rule-alias-million-lint", lambda t: ["rules", "lint", str(_rule_folder(t, "million", _bomb(5, 10)))],
     "million.yaml:"),
    # 3b. nesting too deep for libyaml's composer, which recurses on the C stack (a crash, not
    # an error, before it was checked), in flow and block style, and a little too deep
    ("rule-nested-40k-flow", lambda t: ["rules", "lint", str(_rule_folder(t, "deep", "x: " + "[" * 40_000 + "]" * 40_000))],
     "nested deeper than 64 levels"),  # at 1:68, or at 1:1003 where libyaml stops at 1,000 levels itself
    ("rule-nested-40k-block", lambda t: ["rules", "test", str(_rule_folder(t, "deep", "- " * 40_000 + "x\n"))],
     "deep.yaml:1:131: nested deeper than 64 levels"),
    ("rule-nested-65", lambda t: ["explain", "--rules", str(_rule_folder(t, "deep", "x: " + "[" * 65 + "]" * 65)),
                                  "535 5.7.8 Username and Password not accepted"], "deep.yaml:1:68: nested deeper"),
    ("rule-control-character", lambda t: ["rules", "lint", str(_rule_folder(t, "bell", "id: x\x07y\n"))],
     "bell.yaml:1:6: the character U+0007 (a control or special character) is not allowed in YAML"),
    ("bundle-nul-bytes", lambda t: ["replay", str(_written(t, "nul.json", b"\0" * 200))],
     "nul.json:1:1: the character U+0000"),
    ("rule-utf16", lambda t: ["rules", "lint", str(_written(t, "rules/utf16.yaml", RULE.format(id="utf16").encode("utf-16")).parent)],
     "utf16.yaml:1:1: not UTF-8 text (invalid start byte at byte 0); it is UTF-16: save it as UTF-8"),
    ("rule-binary", lambda t: ["rules", "lint", str(_written(t, "rules/program.yaml", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256))).parent)],
     "program.yaml:2:118: not UTF-8 text (invalid start byte at byte 136); it is a binary file, not text"),
    ("rule-latin-1", lambda t: ["rules", "test", str(_written(t, "rules/latin.yaml", RULE.format(id="latin").replace(
        "Test.", "Caf\xe9.").encode("latin-1")).parent)],
     "latin.yaml:12:19: not UTF-8 text (invalid continuation byte at byte 221); save it as UTF-8 (it was saved in "
     "another encoding, such as Latin-1 or Windows-1252)"),
    # a value too long for the schema is named by its length, not quoted back in full
    ("rule-900k-title", lambda t: ["rules", "lint", str(_rule_folder(t, "long", RULE.format(id="long").replace(
        "A test rule", "x" * 900_000)))],
     "long.yaml:2:8: [long] title: a text of 900,000 characters is too long (at most 160)"),
    ("bundle-nested-40k", lambda t: ["replay", str(_deep_bundle(t))], "nested deeper than 64 levels"),
    # 4. a rule author's pattern that backtracks catastrophically is refused by lint and --rules
    ("rule-nested-quantifier-lint", lambda t: ["rules", "lint", str(_rule_folder(
        t, "nested", PATTERN_RULE.format(id="nested", pattern="(a+)+$")))], "nested.yaml:9:59: [nested] risky regular"),
    ("rule-nested-quantifier-replay", lambda t: ["replay", str(FILES / "ok.bundle.yaml"), "--rules", str(_rule_folder(
        t, "nested", PATTERN_RULE.format(id="nested", pattern="(\\w*\\s?)*$")))], "risky regular expression"),
    # 6. numbers that are no numbers, and integers too long to convert
    ("bundle-nan", lambda t: ["replay", str(FILES / "nan.bundle.yaml")], "nan.bundle.yaml:3:"),
    ("bundle-inf", lambda t: ["replay", str(FILES / "inf.bundle.json")], "inf.bundle.json:3:"),
    ("rule-inf", lambda t: ["rules", "lint", str(_rule_folder(
        t, "inf-rule", RULE.format(id="inf-rule").replace("as: me}", "as: me, where: {username_is_address: .inf}}")))],
     "inf-rule.yaml:9:"),
    ("bundle-float-overflow", lambda t: ["replay", str(FILES / "overflow.bundle.json")],
     "overflow.bundle.json:1:131: 1e999 is not a usable number"),
    ("bundle-int-5000-digits", lambda t: ["replay", str(_huge_int_bundle(t))], "bigint.json:1:"),
    # 10. large bundles: fact count and field size limits
    ("bundle-75k-facts", lambda t: ["replay", str(_many_facts(t))], "too many facts"),
    ("bundle-long-field", lambda t: ["replay", str(_long_field(t))], "long.json:1:"),
    # 6. text that is not UTF-8, from arguments or standard input
    ("explain-not-utf8", lambda t: ["explain", os.fsdecode(b"caf\xe9")], "not valid UTF-8"),
    ("answer-not-utf8", lambda t: ["replay", str(FILES / "ok.bundle.yaml"), "--answer", os.fsdecode(b"q=caf\xe9")],
     "--answer: not valid UTF-8"),
    ("username-not-utf8", lambda t: ["diagnose", "a@example.test", "--username", os.fsdecode(b"caf\xe9")],
     "--username: not valid UTF-8"),
]


def _fifo_rule(tmp: Path) -> Path:
    folder = tmp / "rules"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    return folder


def _fifo_in(tmp: Path, name: str) -> Path:
    folder = tmp / "rules"
    folder.mkdir()
    os.mkfifo(folder / name)
    return folder


def _zero_rule(tmp: Path) -> Path:
    folder = tmp / "rules"
    folder.mkdir()
    (folder / "zero.yaml").symlink_to("/dev/zero")
    return folder


def _big_rule(tmp: Path) -> Path:
    folder = tmp / "rules"
    folder.mkdir()
    _big(folder, "big.yaml", 2 << 20)
    return folder


@pytest.mark.parametrize(("build", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_file_exits_2_quickly(tmp_path: Path, build: Callable[[Path], list[str]], message: str) -> None:
    args = build(tmp_path)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "mailexpert", *args], stdin=subprocess.DEVNULL,
                            capture_output=True, env=cli_env(), timeout=LIMIT_SECONDS * 2)
    elapsed = time.monotonic() - started
    err = result.stderr.decode("utf-8", "backslashreplace")
    assert result.returncode == 2, (result.returncode, err[-2000:])
    assert message in err, err[-2000:]
    assert "Traceback" not in err and "internal error" not in err
    assert len(err) < 20_000  # what the user wrote is not quoted back in full
    assert elapsed < LIMIT_SECONDS


def test_explain_refuses_a_broken_rule_folder_before_it_reads_its_text_tables(tmp_path: Path) -> None:
    """``explain --rules`` checks the folder first: building the tables that read a pasted text
    (mailexpert.explain) takes seconds on a cold cache, and a hostile rule file must not wait
    for them (rule-nested-65 once took 32.7 s on a loaded machine)."""
    folder = _rule_folder(tmp_path, "deep", "x: " + "[" * 65 + "]" * 65)
    code = ("import sys; from mailexpert.cli import main; "
            "status = main(['explain', '--rules', sys.argv[1], '535 5.7.8 refused']); "
            "print(status, 'mailexpert.explain' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(folder)], stdin=subprocess.DEVNULL, capture_output=True,
                            text=True, env=cli_env(), timeout=LIMIT_SECONDS * 2)
    assert "deep.yaml:1:68: nested deeper than 64 levels" in result.stderr, result.stderr[-2000:]
    assert result.stdout.split() == ["2", "False"], result.stdout


def test_a_backtracking_pattern_gives_up_with_a_note(tmp_path: Path) -> None:
    """\\w*a\\w*a\\w*a\\w*!$ has none of the shapes lint refuses (the a's that must match part its
    repetitions), so lint lets it pass; on the 2,000 characters a fact's text may hold it takes
    billions of steps. The search gives up within its budget and the report says so."""
    folder = _rule_folder(tmp_path, "rows", PATTERN_RULE.format(id="rows", pattern="\\w*a\\w*a\\w*a\\w*!$"))
    bundle = tmp_path / "reply.yaml"
    bundle.write_text("schema: mailexpert.facts/1\nfacts:\n  - {kind: server.reply, stage: unknown, "
                      f"status: permanent, protocol: smtp, code: 535, text: \"{'a' * 1990}!x\"}}\n")
    started = time.monotonic()
    result = run_cli("replay", str(bundle), "--rules", str(folder), "--format", "json", timeout=LIMIT_SECONDS * 2)
    assert result.returncode in (0, 1), result.stderr
    assert time.monotonic() - started < LIMIT_SECONDS
    import json

    notes = json.loads(result.stdout)["notes"]
    assert any("gave up on server.reply.text" in n and "a\\\\w*!$" in n for n in notes), notes


@pytest.mark.parametrize(("pattern", "risky"), [
    ("(a+)+$", True), ("(\\w*\\s?)*", True), ("(?:x{1,3})+", True), ("(?:\\.[^x]+)*", True),
    ("(a++)+", False), ("(?>a+)+", False), ("(?:\\.\\d+)*", False), ("(?:,\\s*\\w+)*", False),
    ("(?is)^(?!.*(?:locked|disabled)).*failed", False), ("(ab){2,5}", False),
    # alternatives that can begin alike, under an unbounded repetition
    ("(a|aa)+$", True), ("(a|a)*", True), ("(?:x|y|xy)+", True), ("(?:\\d|\\d\\d)+", True),
    ("(?:x?(?:a|aa))+$", True), ("(?:foo|bar|baz)+", False), ("(?:ab|a)+", False), ("(?:ab(?:|c))+", False),
    ("(?:a|aa){2}", False), ("(?>a|aa)+", False),
    # three repetitions in a row that share characters
    ("\\d*\\d*\\d*x", True), ("(\\w*)(\\w*)(\\w*)!", True), ("\\w*\\s?\\w*\\s?\\w*!", True), (".*\\s*.*x", True),
    (".*.*x", False), ("\\s*\\w*\\s*\\w*\\s*", False), ("\\w*a\\w*a\\w*a\\w*!$", False),
])
def test_backtracking_shape_check(pattern: str, risky: bool) -> None:
    from mailexpert.patterns import hazard

    assert (hazard(pattern) is not None) == risky


def test_the_built_in_patterns_pass_the_check() -> None:
    from mailexpert.patterns import hazard
    from mailexpert.rulefile import load_rules

    for rule in load_rules([Path(__file__).parents[2] / "rules"]):
        for branch in rule.when.branches():
            for pattern in (*branch, *rule.when.none):
                for test in pattern.tests:
                    if test.op == "matches":
                        assert hazard(test.value) is None, (rule.id, test.value)


def test_explain_stdin_not_utf8() -> None:
    result = subprocess.run([sys.executable, "-m", "mailexpert", "explain", "-"], input=b"535 5.7.8 caf\xe9 refused\n",
                            capture_output=True, env=cli_env(), timeout=60)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "standard input is not valid UTF-8 text (byte 0xe9" in err


def test_a_bundle_at_the_fact_limit_replays() -> None:
    from mailexpert.bundle import max_facts, parse_bundle

    facts = ",".join(f'{{"kind":"tcp.connect","host":"h{i}.example.test","port":443,"outcome":"connected"}}'
                     for i in range(max_facts()))
    bundle = parse_bundle(f'{{"schema":"mailexpert.facts/1","facts":[{facts}]}}')
    assert len(bundle.facts) == max_facts()


def test_the_field_limit_is_the_fact_string_limit() -> None:
    import json

    from mailexpert.facts import MAX_STRING

    schema = json.loads((Path(__file__).parents[2] / "mailexpert" / "schema" / "bundle.schema.json").read_text())
    assert schema["properties"]["facts"]["items"]["additionalProperties"]["maxLength"] == MAX_STRING


def test_anchors_within_budget_still_load() -> None:
    from mailexpert import yamlsource
    from mailexpert.errors import BundleError

    doc = yamlsource.load("base: &b {port: 587}\nfirst: *b\nsecond: *b\n", "x.yaml", BundleError)
    assert doc["first"] == doc["second"] == {"port": 587}


def test_save_facts_on_a_full_disk_keeps_the_report(lab_factory) -> None:

    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    lab = lab_factory("password-rejected")
    t = lab.target
    result = run_cli("diagnose", t.email, *lab_args(t), "--save-facts", "/dev/full",
                     env=cli_env(**{PASSWORD_VAR: t.password}), timeout=180)
    assert result.returncode == 2, result.stderr
    assert "Most likely cause" in result.stdout
    assert "/dev/full: cannot save the facts: No space left on device" in result.stderr


def _run_with(redirect: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m mailexpert ARGS`` with a shell redirection of its standard streams
    (``<&-`` closes standard input, ``>/dev/full`` is a full disk)."""
    command = " ".join([sys.executable, "-m", "mailexpert", *(f"'{a}'" for a in args), redirect])
    return subprocess.run(["sh", "-c", command], capture_output=True, text=True, env=cli_env(), timeout=120,
                          cwd=Path(__file__).resolve().parents[2])


@pytest.mark.parametrize(("redirect", "args", "status", "message"), [
    ("<&-", ["explain", "-"], 2, "explain: the text is empty"),
    ("<&-", ["explain", "535 5.7.8 Authentication failed"], 1, ""),
    (">&-", ["explain", "535 5.7.8 Authentication failed"], 2, "standard output is closed"),
    (">/dev/full", ["explain", "535 5.7.8 Authentication failed"], 2,
     "cannot write to standard output: No space left on device"),
    (">/dev/full", ["rules", "list"], 2, "cannot write to standard output: No space left on device"),
])
def test_closed_or_full_standard_streams_are_no_internal_error(redirect: str, args: list[str], status: int,
                                                               message: str) -> None:
    """Run from a service or a script, a standard stream may be closed or lead to a full disk:
    what that means is said, with the usual exit statuses, never an internal error."""
    if redirect.startswith(">/dev/full") and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    result = _run_with(redirect, *args)
    assert result.returncode == status, result.stderr
    assert message in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
