"""Rule-file validation: each malformed file gets one precise file:line:column message."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from mailexpert.cli import main
from mailexpert.rulefile import lint

GOOD = """\
id: {id}
title: Outbound port 25 is blocked
area: firewall
severity: error
confidence: likely
when:
  all:
    - fact: tcp.connect
      as: blocked
      where: {{port: 25, outcome: timeout}}
diagnosis:
  summary: "{{blocked.host}} times out"
  explanation: Dropped.
  fix: [Use 587.]
examples:
  fires:
    - facts: [{{kind: tcp.connect, host: h, port: 25, outcome: timeout}}]
  silent:
    - facts: [{{kind: tcp.connect, host: h, port: 25, outcome: refused}}]
"""


def good(rule_id: str = "smtp-port25-blocked") -> str:
    return GOOD.format(id=rule_id)


# (case name, file name, text, expected "line:col: [rule-id] message" fragment)
CASES = [
    ("yaml-syntax", "smtp-port25-blocked", good().replace("    - fact: tcp.connect\n", "    - fact: [tcp.connect\n"),
     "YAML syntax error"),
    ("not-a-mapping", "smtp-port25-blocked", "- just\n- a list\n", ":1:1: a rule file must be a mapping"),
    ("duplicate-key", "smtp-port25-blocked", good().replace("area: firewall\n", "area: firewall\narea: tls\n"),
     ":4:1: YAML syntax error: duplicate key 'area'"),
    ("unknown-top-key", "smtp-port25-blocked", good() + "sevrity: error\n",
     ":20:1: [smtp-port25-blocked] rule: unknown key 'sevrity' (did you mean 'severity'?)"),
    ("missing-when", "smtp-port25-blocked",
     good().split("when:")[0] + "diagnosis:" + good().split("diagnosis:")[1],
     ":1:1: [smtp-port25-blocked] rule: 'when' is required"),
    ("bad-severity", "smtp-port25-blocked", good().replace("severity: error", "severity: fatal"),
     ":4:11: [smtp-port25-blocked] severity: 'fatal' is not one of info, warning, error"),
    ("two-consequences", "smtp-port25-blocked",
     good() + "derive: {fact: web.works, fields: {via: direct}}\n",
     ":1:1: [smtp-port25-blocked] rule: a rule needs exactly one consequence"),
    ("id-not-file-name", "smtp-port25-blocked", good("port-closed"),
     ":1:5: [port-closed] rule id 'port-closed' must equal the file name 'smtp-port25-blocked'"),
    ("unknown-cause", "smtp-port-25-blockd", good("smtp-port-25-blockd"),
     ":1:5: [smtp-port-25-blockd] diagnosis names unknown cause 'smtp-port-25-blockd'"),
    ("unknown-fact-kind", "smtp-port25-blocked", good().replace("- fact: tcp.connect", "- fact: tcp.conect"),
     ":8:13: [smtp-port25-blocked] unknown fact kind 'tcp.conect' (did you mean 'tcp.connect'?)"),
    ("unknown-field", "smtp-port25-blocked", good().replace("{port: 25, outcome", "{prot: 25, outcome"),
     ":10:15: [smtp-port25-blocked] unknown field 'prot' of fact tcp.connect (did you mean 'port'?) (known: host, address, family, port,"),
    # A field of another kind (a reply's 'code' on a connection): its kinds, not a look-alike of this kind's fields.
    ("field-of-another-kind", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: 25, code: 550}"),
     ":10:25: [smtp-port25-blocked] unknown field 'code' of fact tcp.connect ('code' is a field of "),
    ("enum-value", "smtp-port25-blocked", good().replace("outcome: timeout}\ndiagnosis", "outcome: tmeout}\ndiagnosis"),
     ":10:34: [smtp-port25-blocked] value for field 'outcome' must be one of connected"),
    ("wrong-type", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}\ndiagnosis", "{port: twenty-five, outcome: timeout}\ndiagnosis"),
     ":10:21: [smtp-port25-blocked] value for field 'port' must be an integer"),
    ("unbound-ref", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: 25, host: {ref: open.host}}"),
     ":10:31: [smtp-port25-blocked] reference 'open.host' names 'open', which is not bound earlier (bound: none)"),
    ("none-ref-some-alternatives", "smtp-port25-blocked",
     good().replace("      where: {port: 25, outcome: timeout}\n",
                    "      where: {port: 25, outcome: timeout}\n"
                    "  any:\n"
                    "    - {fact: tcp.connect, as: open, where: {host: {ref: blocked.host}, port: 587}}\n"
                    "    - {fact: tcp.connect, as: other, where: {host: {ref: blocked.host}, port: 465}}\n"
                    "  none:\n"
                    "    - {fact: tcp.connect, where: {host: {ref: open.host}, outcome: connected}}\n"),
     ":15:41: [smtp-port25-blocked] reference 'open.host' names 'open', which not every alternative of 'any' binds to one "
     "fact kind (bound in all: blocked): bind 'open' in each alternative, or make each alternative a rule of its own"),
    ("ref-across-alternatives", "smtp-port25-blocked",
     good().replace("      where: {port: 25, outcome: timeout}\n",
                    "      where: {port: 25, outcome: timeout}\n"
                    "  any:\n"
                    "    - {fact: tcp.connect, as: open, where: {host: {ref: blocked.host}, port: 587}}\n"
                    "    - {fact: tcp.connect, as: other, where: {host: {ref: open.host}, port: 465}}\n"),
     ":13:52: [smtp-port25-blocked] reference 'open.host' names 'open', which another alternative of 'any' binds "
     "(bound here: blocked): each alternative is matched on its own; bind 'open' in 'all' or in this alternative"),
    ("group-in-none", "smtp-port25-blocked",
     good().replace("      where: {port: 25, outcome: timeout}\n",
                    "      where: {port: 25, outcome: timeout}\n"
                    "  none:\n"
                    "    - any: [{fact: tcp.connect, where: {host: {ref: blocked.host}, outcome: connected}}]\n"),
     ":12:7: [smtp-port25-blocked] when/none/0: a 'none' item is one fact pattern (fact, where), not a group: each "
     "item must be absent on its own, so alternatives are items of 'none' each"),
    ("none-in-alternative", "smtp-port25-blocked",
     good().replace("      where: {port: 25, outcome: timeout}\n",
                    "      where: {port: 25, outcome: timeout}\n"
                    "  any:\n"
                    "    - all: [{fact: tcp.connect, as: open, where: {host: {ref: blocked.host}, port: 587}}]\n"
                    "      none: [{fact: tcp.connect, where: {host: {ref: blocked.host}, port: 465}}]\n"),
     ":12:7: [smtp-port25-blocked] when/any/0: an alternative of 'any' is a pattern or {all: [...]}, without 'none': "
     "put 'none' under 'when' (it holds for every alternative), or make the alternative a rule of its own"),
    ("ref-bad-field", "smtp-port25-blocked",
     good().replace("    - fact: tcp.connect\n      as: blocked\n      where: {port: 25, outcome: timeout}\n",
                    "    - fact: tcp.connect\n      as: blocked\n      where: {port: 25, outcome: timeout}\n"
                    "    - fact: tcp.connect\n      where: {host: {ref: blocked.hostname}}\n"),
     ":12:21: [smtp-port25-blocked] reference 'blocked.hostname': fact tcp.connect has no field 'hostname'"),
    ("placeholder-unbound", "smtp-port25-blocked", good().replace("{blocked.host} times out", "{open.host} times out"),
     ":12:12: [smtp-port25-blocked] placeholder {open.host} names 'open', not bound in every branch"),
    ("placeholder-field", "smtp-port25-blocked", good().replace("{blocked.host} times out", "{blocked.hots} times out"),
     ":12:12: [smtp-port25-blocked] placeholder {blocked.hots}: fact tcp.connect has no field 'hots'"),
    ("bad-regex", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: 25, error: {matches: '([unclosed'}}"),
     ":10:44: [smtp-port25-blocked] bad regular expression"),
    ("order-on-text", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: 25, host: {gt: 3}}"),
     ":10:36: [smtp-port25-blocked] field 'host' is string; order comparisons need a number"),
    ("bad-url", "smtp-port25-blocked", good().replace("  fix: [Use 587.]\n", "  fix: [Use 587.]\n  references: [rfc6409]\n"),
     ":15:16: [smtp-port25-blocked] reference 'rfc6409' is not a well-formed http(s) URL"),
    ("example-invalid", "smtp-port25-blocked", good().replace("port: 25, outcome: refused}", "port: 25, outcome: refusd}"),
     ":19:63: [smtp-port25-blocked] example silent[0]: field 'outcome' of fact tcp.connect must be one of"),
    ("no-silent-example", "smtp-port25-blocked", good().split("  silent:")[0],
     ":16:3: [smtp-port25-blocked] examples: 'silent' is required"),
    ("unknown-supersedes", "smtp-port25-blocked", good() + "supersedes: [port-blokced]\n",
     ":20:14: [smtp-port25-blocked] supersedes unknown cause 'port-blokced' (did you mean 'port-closed'?)"),
    ("unknown-for", "smtp-port25-blocked", good() + "for: port-blokced\n",
     ":20:6: [smtp-port25-blocked] 'for' names unknown cause 'port-blokced' (did you mean"),
    ("supersedes-own-cause", "smtp-port25-blocked", good() + "supersedes: [port-closed, smtp-port25-blocked]\n",
     ":20:27: [smtp-port25-blocked] supersedes the rule's own cause 'smtp-port25-blocked'"),
    ("for-own-cause", "smtp-port25-blocked", good() + "for: smtp-port25-blocked\n",
     ":20:6: [smtp-port25-blocked] 'for' names the rule's own cause 'smtp-port25-blocked'"),
    ("for-on-derive", "smtp-port25-blocked",
     good().split("diagnosis:")[0].replace("severity: error\nconfidence: likely\n", "")
     + "derive: {fact: web.works, fields: {via: direct}}\n" + "examples:" + good().split("examples:")[1]
     + "for: port-blocked-outbound\n",
     "[smtp-port25-blocked] only a diagnosis or ask rule serves a cause ('for:')"),
    ("bad-id-shape", "Smtp_Blocked", good("Smtp_Blocked"),
     ":1:5: [Smtp_Blocked] id: 'Smtp_Blocked' is not a valid name here (lower case letters and digits, words joined "
     "by one '-': recipient-mailbox-full)"),
    ("diagnosis-without-confidence", "smtp-port25-blocked", good().replace("confidence: likely\n", ""),
     ":1:1: [smtp-port25-blocked] a diagnosis rule needs 'confidence'"),
    ("format-spec", "smtp-port25-blocked", good().replace("{blocked.host} times out", "{blocked.host:d} times out"),
     ":12:12: [smtp-port25-blocked] placeholder {blocked.host}: format 'd' does not suit string field"),
    ("unclosed-brace", "smtp-port25-blocked", good().replace("{blocked.host} times out", "{blocked.host times out"),
     ":12:12: [smtp-port25-blocked] bad template: expected '}' before end of string (a placeholder is {alias.field}; "
     "a brace meant as text is written twice: '{{' or '}}')"),
    ("double-quoted-escape", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", '{port: 25, error: {matches: "\\d+"}}'),
     "YAML syntax error: found unknown escape character (in double quotes a backslash starts an escape: write a "
     "regular expression in single quotes"),
    ("double-quoted-backspace", "smtp-port25-blocked",
     good().replace("{port: 25, outcome: timeout}", '{port: 25, error: {matches: "\\btimed out\\b"}}'),
     ":10:42: [smtp-port25-blocked] the regular expression holds the control character U+0008 ('\\b' in double "
     "quotes is YAML's backspace, not a word boundary)"),
    ("alias-twice", "smtp-port25-blocked",
     good().replace("      where: {port: 25, outcome: timeout}\n",
                    "      where: {port: 25, outcome: timeout}\n    - fact: tcp.connect\n      as: blocked\n"),
     ":12:11: [smtp-port25-blocked] name 'blocked' is bound twice in this rule"),
    ("empty-when", "smtp-port25-blocked",
     good().replace("when:\n  all:\n    - fact: tcp.connect\n      as: blocked\n      where: {port: 25, outcome: timeout}\n",
                    "when: {}\n"),
     ":6:7: [smtp-port25-blocked] when: needs 'all' or 'any', not {}"),
    ("misspelt-required-key", "smtp-port25-blocked", good().replace("    - fact: tcp.connect", "    - fakt: tcp.connect"),
     ":8:7: [smtp-port25-blocked] when/all/0: 'fact' is required ('fakt' is no key here: a misspelling of it?)"),
    ("regex-error-at-its-column", "smtp-port25-blocked",
     good().replace("where: {port: 25, outcome: timeout}", "where: {port: 25, outcome: timeout, error: {matches: 'ab(?:x'}}"),
     ":10:63: [smtp-port25-blocked] bad regular expression: missing ), unterminated subpattern at position 2"),
    ("empty-file", "smtp-port25-blocked", "", ":1:1: the file is empty"),
    ("comments-only", "smtp-port25-blocked", "# to do: write the rule\n", ":1:1: the file is empty"),
    ("bare-text", "smtp-port25-blocked", "smtp-port25-blocked\n", ":1:1: a rule file must be a mapping"),
    ("tab-indented-item", "smtp-port25-blocked", good().replace("    - fact: tcp.connect", "\t- fact: tcp.connect"),
     ":8:1: YAML syntax error: found character that cannot start any token (YAML indents with spaces; replace the tabs)"),
    # rules that can never fire: the tests of one field contradict each other, or a 'none'
    # pattern is met by the very fact the rule binds
    ("never-range", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: {gt: 587, lt: 465}, outcome: timeout}"),
     ":10:15: [smtp-port25-blocked] field 'port': no number meets every test (port > 587, port < 465), so the rule can "
     "never fire"),
    ("never-strict-bound", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: {ge: 25, lt: 25}}"),
     ":10:15: [smtp-port25-blocked] field 'port': no number meets every test (port >= 25, port < 25)"),
    ("never-eq-and-not-in", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: {eq: 25, not_in: [25, 587]}}"),
     ":10:15: [smtp-port25-blocked] field 'port': no value meets every test (port = 25, port not in (25, 587))"),
    ("never-in-disjoint", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: {in: [25, 587], gt: 600}}"),
     ":10:15: [smtp-port25-blocked] field 'port': no value meets every test (port in (25, 587), port > 600)"),
    ("never-absent-and-compared", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: {exists: false, ne: 25}}"),
     ":10:15: [smtp-port25-blocked] field 'port': it must be absent, and every other test is false on an absent field "
     "(port absent, port != 25), so the rule can never fire"),
    ("none-met-by-own-fact", "smtp-port25-blocked",
     good().replace("      where: {port: 25, outcome: timeout}\n",
                    "      where: {port: 25, outcome: timeout}\n"
                    "  none:\n"
                    "    - {fact: tcp.connect, where: {host: {ref: blocked.host}, port: 25}}\n"),
     ":12:7: [smtp-port25-blocked] when/none/0: the tcp.connect bound as 'blocked' (when/all/0) always meets this pattern "
     "itself (a 'none' pattern is tested against every fact of its kind, those the rule binds included), so the rule "
     "can never fire; test a field that tells another tcp.connect apart"),
    ("none-without-tests", "smtp-port25-blocked",
     good().replace("      where: {port: 25, outcome: timeout}\n",
                    "      where: {port: 25, outcome: timeout}\n  none: [{fact: tcp.connect}]\n"),
     ":11:10: [smtp-port25-blocked] when/none/0: the tcp.connect bound as 'blocked' (when/all/0) always meets"),
    ("fix-step-left-empty", "smtp-port25-blocked", good().replace("  fix: [Use 587.]\n", "  fix:\n    - Use 587.\n    -\n"),
     ":16:6: [smtp-port25-blocked] diagnosis/fix/1: is empty (nothing after its '-' or ':'); write a text"),
    ("derives-what-it-matches", "smtp-port25-blocked",
     "id: smtp-port25-blocked\ntitle: Echo\narea: shared\n"
     "when: {all: [{fact: auth.reply, as: a}]}\n"
     "derive: {fact: auth.reply, fields: {origin: {ref: a.origin}, failure: {ref: a.failure}, text: {ref: a.text}}}\n"
     "examples:\n  fires: [{facts: [{kind: auth.reply, origin: reply, failure: permanent, text: x}]}]\n"
     "  silent: [{facts: [{kind: tcp.connect, host: h, port: 25, outcome: refused}]}]\n",
     ":1:1: [smtp-port25-blocked] the rule derives auth.reply, a kind it matches itself: each fact derived can fire it "
     "again, a loop; derive another kind"),
    ("bad-regex-beside-a-value", "smtp-port25-blocked",
     good().replace("{port: 25, outcome: timeout}", "{port: 25, outcome: {eq: timeout, matches: '(t'}}"),
     ":10:58: [smtp-port25-blocked] bad regular expression: missing ), unterminated subpattern at position 0"),
    # what YAML reads in a line that looks right: a ':' without a space, a text with ': ' unquoted
    ("operator-without-space", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: {eq:25}}"),
     ":10:22: [smtp-port25-blocked] when/all/0/where/port: unknown operator 'eq:25' (write a space after the ':': "
     "'eq: 25'); the operators are"),
    ("field-without-space", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port:25, outcome: timeout}"),
     ":10:15: [smtp-port25-blocked] when/all/0/where: 'port:25' tests nothing (write a space after the ':': 'port: 25')"),
    ("field-without-test", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: , outcome: timeout}"),
     ":10:15: [smtp-port25-blocked] when/all/0/where: 'port' tests nothing (write a value after its ':', or remove it)"),
    ("text-with-colon-unquoted", "smtp-port25-blocked", good().replace('  summary: "{blocked.host} times out"', "  summary: Blocked: {blocked.host}"),
     ":12:19: YAML syntax error: mapping values are not allowed in this context (quote a text that holds ': ', or YAML "
     "reads a key in it: summary: \"Refused: {r.text}\")"),
    ("fix-step-with-colon", "smtp-port25-blocked", good().replace("  fix: [Use 587.]", "  fix:\n    - Then: use 587."),
     ":15:7: [smtp-port25-blocked] diagnosis/fix/0: is a mapping (key: value); write a text; quote a text that holds "
     "': ', or YAML reads a key in it"),
    ("when-a-list", "smtp-port25-blocked", good().replace("when:\n  all:", "when:\n  - all:"),
     ":7:3: [smtp-port25-blocked] when: is a list; write a mapping"),
    ("exists-not-a-bool", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: 25, error: {exists: maybe}}"),
     ":10:41: [smtp-port25-blocked] when/all/0/where/error/exists: is a text ('maybe'); write true or false"),
    ("huge-value-named-by-its-length", "smtp-port25-blocked",
     good().replace("{port: 25, outcome: timeout}", "{port: " + "x" * 300_000 + ", outcome: timeout}"),
     ":10:21: [smtp-port25-blocked] value for field 'port' must be an integer, not '" + "x" * 59
     + "… (300,000 characters)"),
    ("ports-placeholder-unknown-value", "smtp-port25-blocked",
     good().replace("  fix: [Use 587.]", "  fix: [\"Use {mail.port:security=tls}.\"]"),
     "[smtp-port25-blocked] placeholder {mail.port:security=tls}: no mail.port row meets 'security=tls'"),
    ("ports-placeholder-unknown-field", "smtp-port25-blocked",
     good().replace("  fix: [Use 587.]", "  fix: [\"Use {mail.port:tls=ssl}.\"]"),
     "[smtp-port25-blocked] placeholder {mail.port:tls=ssl}: 'tls=ssl' is not FIELD=VALUE or FIELD!=VALUE of a mail.port field"),
    # an operand of the wrong shape: said as what the operator takes, not jsonschema's "not valid under any"
    ("in-not-a-list", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: {in: 25}}"),
     ":10:26: [smtp-port25-blocked] when/all/0/where/port/in: 'in' takes a list of values ([550, 554]), or the "
     "values of a knowledge table's field ({table: mail.port, field: port}), not a whole number (25)"),
    ("eq-a-list", "smtp-port25-blocked", good().replace("{port: 25, outcome: timeout}", "{port: {eq: [25, 587]}}"),
     ":10:26: [smtp-port25-blocked] when/all/0/where/port/eq: 'eq' takes one value (a text, a number, true or "
     "false), {ref: NAME.FIELD}, or the one value of a knowledge table's field"),
    ("unknown-cause-alone", "smtp-port25-blocked",
     good().replace("severity: error\n", "").replace("area: firewall\n", "area: firewall\ncause: smtp-port-25-blocked\n"),
     "[smtp-port25-blocked] diagnosis names unknown cause 'smtp-port-25-blocked'"),
]


@pytest.mark.parametrize("name,stem,text,expected", CASES, ids=[c[0] for c in CASES])
def test_malformed_rule_file(tmp_path: Path, name: str, stem: str, text: str, expected: str) -> None:
    path = tmp_path / f"{stem}.yaml"
    path.write_text(text)
    errors = [str(e) for e in lint([tmp_path])]
    assert errors, f"{name}: no error reported"
    assert all(len(e) < 2_000 for e in errors), [e[:300] for e in errors]  # nothing long quoted back in full
    assert any(e.startswith(str(path)) and expected in e for e in errors), "\n".join(errors)


def test_at_least_fifteen_distinct_cases() -> None:
    assert len({c[3] for c in CASES}) >= 15


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "smtp-port25-blocked.yaml").write_text(good())
    (tmp_path / "b" / "smtp-port25-blocked.yaml").write_text(good())
    errors = [str(e) for e in lint([tmp_path])]
    assert any("rule id 'smtp-port25-blocked' is used twice" in e for e in errors), errors


def test_cycle_through_negation_is_refused(tmp_path: Path, test_catalog) -> None:
    text = textwrap.dedent(
        """\
        id: {id}
        title: derives what it negates
        area: shared
        when:
          all: [{{fact: tcp.connect}}]
          none: [{{fact: web.works}}]
        derive: {{fact: web.works, fields: {{via: direct}}}}
        examples:
          fires: [{{facts: [{{kind: tcp.connect, host: h, port: 1, outcome: refused}}]}}]
          silent: [{{facts: []}}]
        """
    )
    (tmp_path / "loop-rule.yaml").write_text(text.format(id="loop-rule"))
    errors = [str(e) for e in lint([tmp_path], test_catalog)]
    assert any("cycle through 'none'" in e and "[loop-rule]" in e for e in errors), errors


def test_cli_lint_exit_status_and_message(tmp_path: Path, capsys) -> None:
    (tmp_path / "smtp-port25-blocked.yaml").write_text(good().replace("severity: error", "severity: fatal"))
    assert main(["rules", "lint", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path}/smtp-port25-blocked.yaml:4:11: [smtp-port25-blocked] severity:" in err
    (tmp_path / "smtp-port25-blocked.yaml").unlink()
    # A folder is used with the built-in rules: its own rule of this cause has an id of its own.
    (tmp_path / "my-port25-blocked.yaml").write_text(good("my-port25-blocked").replace(
        "area: firewall\n", "area: firewall\ncause: smtp-port25-blocked\n"))
    assert main(["rules", "lint", str(tmp_path)]) == 0


def test_cli_lint_missing_folder(tmp_path: Path, capsys) -> None:
    assert main(["rules", "lint", str(tmp_path / "nope")]) == 2
    assert "rule folder does not exist" in capsys.readouterr().err


def test_cli_lint_empty_folder(tmp_path: Path, capsys) -> None:
    """A folder with no rule file is a mistake (the wrong folder, rules named *.txt), not '0 rule(s) OK'."""
    (tmp_path / "notes.txt").write_text("id: x\n")
    for action in ("lint", "test"):
        assert main(["rules", action, str(tmp_path)]) == 2
        assert f"{tmp_path}: no rule file (*.yaml), causes.yaml or feature (*.feature) in this folder" in capsys.readouterr().err
    assert main(["explain", "--rules", str(tmp_path), "535 5.7.8 Authentication failed"]) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
@pytest.mark.parametrize("where", ["folder", "subfolder"])
def test_cli_lint_unreadable_folder(tmp_path: Path, capsys, where: str) -> None:
    """A folder that cannot be listed is an error: its rules would be missing without a word."""
    rules = tmp_path / "rules"
    (rules / "sub").mkdir(parents=True)
    (rules / "sub" / "smtp-port25-blocked.yaml").write_text(good())
    (rules / "other.yaml").write_text(good("other"))
    locked = rules if where == "folder" else rules / "sub"
    locked.chmod(0)
    try:
        for action in ("lint", "test"):
            assert main(["rules", action, str(rules)]) == 2
            assert f"{locked}: cannot read this folder: permission denied" in capsys.readouterr().err
    finally:
        locked.chmod(0o755)


def test_unknown_cause_is_the_one_error(tmp_path: Path) -> None:
    """A rule whose cause is unknown has no severity to inherit: that is the same mistake, not a second one."""
    (tmp_path / "smtp-port25-blocked.yaml").write_text(
        good().replace("severity: error\n", "").replace("area: firewall\n", "area: firewall\ncause: smtp-port-25-blocked\n"))
    errors = [str(e) for e in lint([tmp_path])]
    assert len(errors) == 1 and "unknown cause 'smtp-port-25-blocked'" in errors[0], errors


CAUSE = "  - id: {id}\n    area: local\n    severity: error\n    title: A title\n    fix: A fix.\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("causes:\n" + CAUSE.format(id="my-cause") + CAUSE.format(id="my-cause"),
     "causes.yaml:7:9: cause 'my-cause' is declared twice (also in {folder}/causes.yaml:2)"),
    ("causes:\n" + CAUSE.format(id="password-rejected"), "causes.yaml:2:9: cause 'password-rejected' is a built-in cause"),
    ("causes:\n" + CAUSE.format(id="my-cause").replace("    fix", "    overrides: true\n    fix"),
     "causes.yaml:2:9: cause 'my-cause' overrides no built-in cause"),
    ("", "causes.yaml:1:1: the file is empty"),
    ("- my-cause\n", "causes.yaml:1:1: a causes file holds 'causes:', a list of {{id, area, title, fix, severity}}, not a list"),
])
def test_causes_file_errors_are_positioned(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "causes.yaml").write_text(text)
    errors = [str(e) for e in lint([tmp_path])]
    assert any(e.startswith(f"{tmp_path}/" + expected.format(folder=tmp_path)) for e in errors), errors


@pytest.mark.parametrize("area", ["local", "authentication"])
def test_an_override_keeps_the_area_the_built_in_rules_are_in(tmp_path: Path, capsys, area: str) -> None:
    """Overriding a built-in cause in another area made every built-in rule that diagnoses it an
    error, found only when the folder was used (at a built-in file), while lint passed."""
    (tmp_path / "causes.yaml").write_text("causes:\n" + CAUSE.format(id="password-rejected").replace(
        "area: local", f"area: {area}").replace("    fix", "    overrides: true\n    fix"))
    status = main(["explain", "--rules", str(tmp_path), "535 5.7.8 Error: authentication failed"])
    said = capsys.readouterr()
    if area == "authentication":
        assert lint([tmp_path]) == [] and status == 1, said.err  # 1: a cause was found
        return
    expected = (f"{tmp_path}/causes.yaml:3:11: cause 'password-rejected' overrides a built-in cause, whose rules "
                "are in the area 'authentication': keep 'area: authentication'")
    assert [str(e) for e in lint([tmp_path])] == [expected]
    assert status == 2 and said.err == f"mailexpert: error: {expected}\n"


def test_a_rule_file_given_alone_comes_with_its_folders_causes(tmp_path: Path, capsys) -> None:
    """`rules lint my-rules/my-cause.yaml`: the cause is declared in the causes.yaml beside it."""
    (tmp_path / "causes.yaml").write_text("causes:\n" + CAUSE.format(id="my-cause"))
    rule = tmp_path / "my-cause.yaml"
    rule.write_text(good("my-cause").replace("area: firewall", "area: local").replace("severity: error\n", ""))
    assert lint([rule]) == []
    assert lint([rule, tmp_path]) == []  # the file and its folder: one file, one causes.yaml
    assert main(["rules", "test", str(rule), str(tmp_path)]) == 0
    assert "rules: 2 passed, 0 failed" in capsys.readouterr().out


def test_links_that_lead_nowhere_are_errors_of_their_own(tmp_path: Path) -> None:
    """A link to itself or to nothing, named like a rule file, is refused when read; a link to
    the folder above is not followed."""
    (tmp_path / "smtp-port25-blocked.yaml").write_text(good())
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "dangling.yaml").symlink_to("nowhere.yaml")
    (tmp_path / "up").symlink_to("..")
    errors = sorted(str(e) for e in lint([tmp_path]))
    assert errors == [f"{tmp_path}/dangling.yaml: no such file",
                      f"{tmp_path}/loop.yaml: cannot read: Too many levels of symbolic links"], errors


@pytest.mark.parametrize("where", [
    "{port: {gt: 400, lt: 600}}", "{port: {ge: 25, le: 25}}", "{port: {in: [25, 587], ne: 25}}",
    "{port: {exists: false}}", "{port: {ne: 25, not_in: [587]}}", "{error: {matches: timed, exists: true}}",
])
def test_tests_that_can_hold_together_are_no_error(tmp_path: Path, where: str) -> None:
    (tmp_path / "smtp-port25-blocked.yaml").write_text(good().replace("{port: 25, outcome: timeout}", where))
    assert [str(e) for e in lint([tmp_path])] == []


@pytest.mark.parametrize("none", [
    "{fact: tcp.connect, where: {host: {ref: blocked.host}, port: 587}}",   # another port: another fact
    "{fact: tcp.connect, where: {port: 25, outcome: connected}}",          # the bound one timed out
    "{fact: tcp.connect, where: {host: {ref: blocked.host}, family: ipv6}}",  # a field the rule leaves open
])
def test_a_none_pattern_another_fact_may_meet_is_no_error(tmp_path: Path, none: str) -> None:
    (tmp_path / "smtp-port25-blocked.yaml").write_text(good().replace(
        "      where: {port: 25, outcome: timeout}\n", f"      where: {{port: 25, outcome: timeout}}\n  none: [{none}]\n"))
    assert [str(e) for e in lint([tmp_path])] == []


def test_a_loop_through_a_built_in_rule_is_the_folders_error(tmp_path: Path, capsys) -> None:
    """A folder's rule that derives what a built-in rule reads to derive what the folder's rule
    reads: one error, at the folder's rule, naming each step of the loop."""
    (tmp_path / "refused-again.yaml").write_text(
        "id: refused-again\ntitle: Refusals read again\narea: shared\n"
        "when: {all: [{fact: auth.credentials-refused, as: c}]}\n"
        "derive: {fact: auth.reply, fields: {origin: {ref: c.origin}, failure: permanent, text: {ref: c.text}}}\n"
        "examples:\n  fires: [{facts: [{kind: auth.credentials-refused, origin: reply, text: x}]}]\n"
        "  silent: [{facts: [{kind: tcp.connect, host: h, port: 25, outcome: refused}]}]\n")
    assert main(["rules", "lint", str(tmp_path)]) == 2
    out = capsys.readouterr()
    err = out.err.splitlines()
    assert err[0] == (f"{tmp_path}/refused-again.yaml:1:1: [refused-again] the rule derives auth.reply, which leads back "
                      "to a kind it matches (refused-again derives auth.reply, then auth-credentials-refused derives "
                      "auth.credentials-refused): each fact derived can fire it again, a loop; derive another kind"), err
    assert err[1:] == ["1 error(s)"], out
    assert main(["explain", "--rules", str(tmp_path), "535 5.7.8 Username and Password not accepted"]) == 2
    assert "[refused-again] the rule derives auth.reply, which leads back" in capsys.readouterr().err


def test_the_library_lints_a_folder_as_rules_lint_does(tmp_path: Path) -> None:
    """lint_as_used: a folder clean on its own but wrong beside the built-in rules (here a loop
    through one of them) gets the error `rules lint DIR` and every command give."""
    from mailexpert.api import load_rulebase
    from mailexpert.errors import RuleFileError
    from mailexpert.rulefile import lint_as_used

    (tmp_path / "refused-again.yaml").write_text(
        "id: refused-again\ntitle: Refusals read again\narea: shared\n"
        "when: {all: [{fact: auth.credentials-refused, as: c}]}\n"
        "derive: {fact: auth.reply, fields: {origin: {ref: c.origin}, failure: permanent, text: {ref: c.text}}}\n"
        "examples:\n  fires: [{facts: [{kind: auth.credentials-refused, origin: reply, text: x}]}]\n"
        "  silent: [{facts: [{kind: tcp.connect, host: h, port: 25, outcome: refused}]}]\n")
    assert lint([tmp_path]) == []  # on its own, the folder is fine
    rules, errors = lint_as_used([tmp_path])
    assert [r.id for r in rules] == ["refused-again"]
    assert [(e.line, e.column, e.rule_id) for e in errors] == [(1, 1, "refused-again")], errors
    assert "leads back to a kind it matches" in errors[0].message
    with pytest.raises(RuleFileError, match="leads back to a kind it matches"):
        load_rulebase([tmp_path])
    (tmp_path / "refused-again.yaml").unlink()
    (tmp_path / "smtp-port25-blocked.yaml").write_text(good())
    errors = lint_as_used([tmp_path])[1]
    assert errors and errors[0].message.startswith("rule id 'smtp-port25-blocked' is used twice"), errors


def test_a_faulty_cause_declaration_is_the_one_error(tmp_path: Path) -> None:
    """A cause declared without its advice: the rule that names it is no second error."""
    (tmp_path / "causes.yaml").write_text("causes:\n" + CAUSE.format(id="my-cause").replace("    fix: A fix.\n", ""))
    (tmp_path / "my-cause.yaml").write_text(good("my-cause").replace("area: firewall", "area: local")
                                            .replace("severity: error\n", "") + "supersedes: [my-cause-2]\n")
    errors = [str(e) for e in lint([tmp_path])]
    assert errors == [f"{tmp_path}/causes.yaml:2:5: a cause needs 'fix' (text): what the user should do about it, in "
                      "one sentence",
                      f"{tmp_path}/my-cause.yaml:19:14: [my-cause] supersedes unknown cause 'my-cause-2'"], errors


def test_a_cause_no_rule_diagnoses_is_a_warning(tmp_path: Path, capsys) -> None:
    """A cause declared but diagnosed by no rule (the rule forgotten, or naming another cause by
    mistake): a warning at its declaration; with --strict, exit status 2."""
    (tmp_path / "causes.yaml").write_text("causes:\n" + CAUSE.format(id="my-cause") + CAUSE.format(id="my-other"))
    (tmp_path / "my-cause.yaml").write_text(good("my-cause").replace("area: firewall", "area: local")
                                            .replace("severity: error\n", ""))
    assert main(["rules", "lint", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert out.err == (f"{tmp_path}/causes.yaml:7:9: warning: cause 'my-other' is declared, but no rule diagnoses it "
                       "(a rule names it as its id or with 'cause:')\n"), out
    assert out.out == "1 rule(s) OK, 1 cause(s) no rule diagnoses\n"
    assert main(["rules", "lint", "--strict", str(tmp_path)]) == 2
    capsys.readouterr()
    assert main(["rules", "lint", str(tmp_path / "my-cause.yaml")]) == 0  # a file alone: its folder's other rules unseen
    assert "warning" not in capsys.readouterr().err


def test_every_name_shape_of_the_schema_is_said_in_words() -> None:
    """A misspelt id, alias or kind is told what shape it needs, not the schema's pattern."""
    import json

    from mailexpert.rulecheck import _NAME_SHAPES

    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.add(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((Path(__file__).resolve().parents[1] / "mailexpert" / "schema" / "rule.schema.json").read_text()))
    assert found and found <= set(_NAME_SHAPES), found - set(_NAME_SHAPES)


def test_a_rule_that_refines_a_fact_into_another_of_its_kind_is_no_loop(tmp_path: Path, capsys) -> None:
    """A rule that matches a kind it derives is a loop only when what it derives can meet its
    own pattern: one that reads temporary refusals and derives a permanent one never fires on
    its own fact, and is valid. Set to the value it reads, it is the loop lint names."""
    rule = ("id: refine-refusal\ntitle: A refusal read as permanent\narea: shared\n"
            "when: {{all: [{{fact: auth.reply, as: a, where: {{failure: temporary}}}}]}}\n"
            "derive: {{fact: auth.reply, fields: {{origin: {{ref: a.origin}}, failure: {derived}, text: {{ref: a.text}}}}}}\n"
            "examples:\n  fires: [{{facts: [{{kind: auth.reply, origin: reply, failure: temporary, text: x}}]}}]\n"
            "  silent: [{{facts: [{{kind: tcp.connect, host: h, port: 25, outcome: refused}}]}}]\n")
    (tmp_path / "refine-refusal.yaml").write_text(rule.format(derived="permanent"))
    assert lint([tmp_path]) == []
    assert main(["rules", "lint", str(tmp_path)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    (tmp_path / "refine-refusal.yaml").write_text(rule.format(derived="temporary"))
    assert main(["rules", "lint", str(tmp_path)]) == 2
    assert "the rule derives auth.reply, a kind it matches itself" in capsys.readouterr().err


# A list a test takes from the knowledge table (README, "Writing a rule"): the rule below reads
# tcp.connect facts on the implicit-TLS ports the mail.port table names.
TABLE_RULE = good("implicit-tls-port-timeout").replace("area: firewall\n", "area: firewall\ncause: smtp-port25-blocked\n").replace("{port: 25, outcome: timeout}", "{port: {in: {table: mail.port, field: port, where: {security: ssl}}}, outcome: timeout}") \
    .replace("port: 25, outcome: timeout}]", "port: 993, outcome: timeout}]").replace("port: 25, outcome: refused}]", "port: 587, outcome: timeout}]")


def test_a_list_taken_from_the_knowledge_table_is_its_rows_values(tmp_path: Path, capsys) -> None:
    from mailexpert.knowledge import mail_ports
    from mailexpert.rulefile import load_rules

    (tmp_path / "implicit-tls-port-timeout.yaml").write_text(TABLE_RULE)
    assert [str(e) for e in lint([tmp_path])] == []
    (rule,) = load_rules([tmp_path])
    (test,) = [t for t in rule.when.all[0].tests if t.field == "port"]
    assert test.op == "in" and test.value == tuple(f["port"] for f in mail_ports() if f["security"] == "ssl")
    assert {465, 993, 995} <= set(test.value) and 587 not in test.value
    # Its examples run through the engine: 993 (implicit TLS) fires, 587 (STARTTLS) stays silent.
    assert main(["rules", "test", str(tmp_path)]) == 0
    (tmp_path / "implicit-tls-port-timeout.yaml").write_text(TABLE_RULE.replace("port: 587, outcome: timeout}]", "port: 995, outcome: timeout}]"))
    capsys.readouterr()
    assert main(["rules", "test", str(tmp_path)]) == 1
    assert "silent[0]" in capsys.readouterr().out


@pytest.mark.parametrize("table,expected", [
    ("{table: tcp.connect, field: port}", ":10:38: [smtp-port25-blocked] 'tcp.connect' is no knowledge table (tables: failure.reading, log.service-port, loss.intermittent, mail.port, smtp.auth-reply"),
    ("{table: mail.prot, field: port}", "'mail.prot' is no knowledge table (did you mean 'mail.port'?)"),
    ("{table: mail.port, field: prot}", ":10:56: [smtp-port25-blocked] table mail.port has no field 'prot' (did you mean 'port'?)"),
    ("{table: mail.port, field: port, where: {securty: ssl}}", "table mail.port has no field 'securty' (did you mean 'security'?)"),
    ("{table: mail.port, field: port, where: {security: tls}}", "no row of table mail.port has security = 'tls', so the list is empty"),
    ("{table: mail.port, field: protocol}", "value for field 'port' must be an integer"),
    ("{table: mail.port}", "'field' is required"),
])
def test_a_table_list_that_cannot_be_made_is_a_positioned_error(tmp_path: Path, table: str, expected: str) -> None:
    path = tmp_path / "smtp-port25-blocked.yaml"
    path.write_text(good().replace("{port: 25, outcome: timeout}", f"{{port: {{not_in: {table}}}, outcome: timeout}}"))
    errors = [str(e) for e in lint([tmp_path])]
    assert any(e.startswith(str(path)) and expected in e for e in errors), "\n".join(errors)


# A comparison bound the knowledge table states (README, "Writing a rule"): the rule below reads
# tcp.quality facts whose loss the loss.intermittent row calls intermittent.
BOUND_RULE = """\
id: lossy-path
cause: packet-loss
title: Some connection attempts fail
area: network
severity: error
confidence: likely
when:
  all:
    - fact: tcp.quality
      as: q
      where: {loss_pct: {ge: {table: loss.intermittent, field: from_pct}, le: {table: loss.intermittent, field: to_pct}}}
diagnosis:
  summary: "{q.loss_pct}% loss"
  explanation: Lost.
  fix: [Use a cable.]
examples:
  fires:
    - facts: [{kind: tcp.quality, host: h, port: 993, attempts: 5, failures: 2, loss_pct: 40}]
  silent:
    - facts: [{kind: tcp.quality, host: h, port: 993, attempts: 5, failures: 5, loss_pct: 100}]
"""


def test_a_comparison_bound_taken_from_the_knowledge_table_is_its_rows_value(tmp_path: Path, capsys) -> None:
    from mailexpert.knowledge import knowledge_facts
    from mailexpert.rulefile import load_rules

    (row,) = [f for f in knowledge_facts() if f.kind == "loss.intermittent"]
    (tmp_path / "lossy-path.yaml").write_text(BOUND_RULE)
    assert [str(e) for e in lint([tmp_path])] == []
    (rule,) = load_rules([tmp_path])
    bounds = {t.op: t.value for t in rule.when.all[0].tests if t.field == "loss_pct"}
    assert bounds == {"ge": row["from_pct"], "le": row["to_pct"]}
    assert 0 < bounds["ge"] < bounds["le"] < 100
    # Its examples run through the engine: 40 % fires, 100 % (every attempt failed) stays silent.
    assert main(["rules", "test", str(tmp_path)]) == 0
    # Just outside the table's band, the near miss would fire: the bound is the row's, not a guess.
    above = BOUND_RULE.replace("failures: 5, loss_pct: 100", f"failures: 5, loss_pct: {row['to_pct']}")
    (tmp_path / "lossy-path.yaml").write_text(above)
    capsys.readouterr()
    assert main(["rules", "test", str(tmp_path)]) == 1
    assert "silent[0]" in capsys.readouterr().out


@pytest.mark.parametrize("bound,expected", [
    ("{ge: {table: loss.intermittent, field: from_pct, where: {to_pct: 50}}}",
     ":11:74: [lossy-path] no row of table loss.intermittent has to_pct = 50, so there is no value to compare with"),
    ("{ge: {table: loss.intermitent, field: from_pct}}", "'loss.intermitent' is no knowledge table (did you mean 'loss.intermittent'?)"),
    ("{ge: {table: loss.intermittent, field: from}}", "table loss.intermittent has no field 'from' (did you mean 'from_pct'?)"),
    ("{ge: {table: mail.port, field: port, where: {security: ssl}}}",
     "the rows of table mail.port that meet where differ in port (465, 993, 995): a comparison needs one value"),
    ("{ge: {table: mail.port, field: protocol, where: {port: 25}}}", "value for field 'loss_pct' must be an integer"),
    ("{ge: {table: loss.intermittent}}", "'field' is required"),
])
def test_a_table_bound_that_is_not_one_value_is_a_positioned_error(tmp_path: Path, bound: str, expected: str) -> None:
    path = tmp_path / "lossy-path.yaml"
    where = "{loss_pct: {ge: {table: loss.intermittent, field: from_pct}, le: {table: loss.intermittent, field: to_pct}}}"
    path.write_text(BOUND_RULE.replace(where, f"{{loss_pct: {bound}}}"))
    errors = [str(e) for e in lint([tmp_path])]
    assert any(e.startswith(str(path)) and expected in e for e in errors), "\n".join(errors)


def test_no_built_in_rule_states_the_loss_threshold_by_hand() -> None:
    """How much loss reads as intermittent is stated once, in the loss.intermittent row; a rule
    compares with it through `{table: loss.intermittent, ...}`."""
    import re

    from mailexpert.facts import data_dir
    from mailexpert.knowledge import knowledge_facts

    (row,) = [f for f in knowledge_facts() if f.kind == "loss.intermittent"]
    by_hand = []
    for path in sorted(data_dir("rules").rglob("*.yaml")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for found in re.finditer(r"loss_pct: \{[^}]*?\b(?:ge|gt|le|lt|eq): (\d+)", line):
                if int(found.group(1)) in (row["from_pct"], row["to_pct"]):
                    by_hand.append(f"{path.name}:{number}: {found.group(0)}")
    assert not by_hand, by_hand


def test_no_built_in_rule_lists_the_tables_ports_by_hand() -> None:
    """Which ports are implicit TLS, submission or IMAP is stated once, in the mail.port table;
    a rule that needs such a list takes it from there (`{table: mail.port, ...}`)."""
    import re

    from mailexpert.facts import data_dir
    from mailexpert.knowledge import port_numbers

    ports = set(port_numbers())
    by_hand = []
    for path in sorted(data_dir("rules").rglob("*.yaml")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for found in re.finditer(r"\b(?:in|not_in): \[([\d, ]+)\]", line):
                listed = {int(n) for n in found.group(1).split(",")}
                if len(listed) > 1 and listed <= ports:
                    by_hand.append(f"{path.name}:{number}: {found.group(0)}")
    assert not by_hand, by_hand


def test_no_built_in_diagnosis_lists_the_tables_ports_by_hand_in_prose() -> None:
    """A summary, explanation or fix step that lists mail ports names them with the
    `{mail.port:SPEC}` placeholder, so the table is the one place that states them: two
    different ports of the table written within a few words of each other are a list by hand."""
    import re

    from mailexpert.knowledge import port_numbers
    from mailexpert.rulefile import load_rules
    from mailexpert.rulemodel import DiagnosisSpec

    ports = "|".join(map(str, port_numbers()))
    listed = re.compile(rf"(?<![\w.:/])({ports})\b[^.;:\d]{{0,40}}?(?<![\w.:/])(?!\1\b)({ports})\b(?!\w)")
    assert listed.search("port 587 with STARTTLS or 465 with SSL/TLS")  # the shape it finds
    assert not listed.search("port 587, or relayhost = [smtp.example]:587")
    by_hand = []
    for rule in load_rules():
        if isinstance(rule.consequence, DiagnosisSpec):
            spec = rule.consequence
            for text in (spec.summary, spec.explanation, *spec.fix):
                found = listed.search(re.sub(r"\{[^}]*\}", "", text))
                if found:
                    by_hand.append(f"{rule.id}: {found.group(0)!r}")
    assert not by_hand, by_hand
