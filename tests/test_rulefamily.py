"""A rule file holding one cause's family of rules: what the rules inherit, what they override,
where errors inside the `rules:` list point, duplicate ids, and the commands on such a file."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from mailexpert import rulefamily
from mailexpert.api import diagnose_facts
from mailexpert.cli import main
from mailexpert.facts import fact
from mailexpert.rulecheck import rule_schema
from mailexpert.rulefile import lint, load_rules
from mailexpert.rulemodel import DiagnosisSpec, ProbeSpec, Rule

# Line numbers matter: the error tests below name positions in this text.
FAMILY = """\
cause: port-closed
title: Nothing listens on the configured port
area: port-configuration
severity: error
confidence: likely
diagnosis:
  explanation: The host answers, but refuses connections on this port.
  fix:
    - "Check the port of {t.host} in the mail program."
  references: [https://www.rfc-editor.org/rfc/rfc8314]
rules:
  - id: my-refused
    when:
      all:
        - {fact: tcp.connect, as: t, where: {port: 4000, outcome: refused}}
    diagnosis:
      summary: "{t.host}:{t.port} refuses connections"
    examples:
      fires: [{facts: [{kind: tcp.connect, host: h, port: 4000, outcome: refused}]}]
      silent: [{facts: [{kind: tcp.connect, host: h, port: 4000, outcome: connected}]}]
  - id: my-refused-reset
    severity: warning
    confidence: possible
    when:
      all:
        - {fact: tcp.connect, as: t, where: {port: 4001, outcome: reset}}
    diagnosis:
      summary: "{t.host}:{t.port} resets connections"
      fix: ["Ask whether a firewall resets {t.host}:{t.port}."]
    examples:
      fires: [{facts: [{kind: tcp.connect, host: h, port: 4001, outcome: reset}]}]
      silent: [{facts: [{kind: tcp.connect, host: h, port: 4001, outcome: refused}]}]
  - id: my-refused-probe
    title: After a refusal, try port 4002
    when:
      all:
        - {fact: tcp.connect, as: t, where: {port: 4000, outcome: refused}}
      none:
        - {fact: tcp.connect, where: {host: {ref: t.host}, port: 4002}}
    probe:
      name: tcp
      args: {host: {ref: t.host}, port: 4002}
    examples:
      fires: [{facts: [{kind: tcp.connect, host: h, port: 4000, outcome: refused}]}]
      silent: [{facts: [{kind: tcp.connect, host: h, port: 4000, outcome: connected}]}]
"""


def write(folder: Path, text: str, name: str = "port-closed.yaml") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def messages(folder: Path) -> list[str]:
    return [str(e) for e in lint([folder])]


def test_rules_inherit_the_shared_keys(tmp_path: Path) -> None:
    rules = {r.id: r for r in load_rules([write(tmp_path / "r", FAMILY)])}
    assert list(rules) == ["my-refused", "my-refused-reset", "my-refused-probe"]
    first = rules["my-refused"]
    assert (first.cause, first.title, first.area, first.severity, first.confidence) == (
        "port-closed", "Nothing listens on the configured port", "port-configuration", "error", "likely")
    assert first.consequence == DiagnosisSpec(
        summary="{t.host}:{t.port} refuses connections",
        explanation="The host answers, but refuses connections on this port.",
        fix=("Check the port of {t.host} in the mail program.",),
        references=("https://www.rfc-editor.org/rfc/rfc8314",),
    )
    assert first.line == 12 and first.path.endswith("port-closed.yaml")


def test_a_rule_overrides_what_it_states_itself(tmp_path: Path) -> None:
    reset = {r.id: r for r in load_rules([write(tmp_path / "r", FAMILY)])}["my-refused-reset"]
    assert (reset.severity, reset.confidence, reset.cause) == ("warning", "possible", "port-closed")
    assert isinstance(reset.consequence, DiagnosisSpec)
    # Within diagnosis, part by part: its own fix, the family's explanation and references.
    assert reset.consequence.fix == ("Ask whether a firewall resets {t.host}:{t.port}.",)
    assert reset.consequence.explanation.startswith("The host answers")
    assert reset.consequence.references == ("https://www.rfc-editor.org/rfc/rfc8314",)


def test_a_rule_that_does_not_diagnose_inherits_only_title_and_area(tmp_path: Path) -> None:
    probe = {r.id: r for r in load_rules([write(tmp_path / "r", FAMILY)])}["my-refused-probe"]
    assert isinstance(probe.consequence, ProbeSpec)
    assert (probe.cause, probe.severity, probe.confidence, probe.supersedes) == (None, None, None, ())
    assert (probe.title, probe.area) == ("After a refusal, try port 4002", "port-configuration")
    no_title = FAMILY.replace("    title: After a refusal, try port 4002\n", "")
    probe = {r.id: r for r in load_rules([write(tmp_path / "r", no_title)])}["my-refused-probe"]
    assert probe.title == "Nothing listens on the configured port"


def test_a_single_rule_file_and_a_family_load_alike(tmp_path: Path) -> None:
    single = """\
id: my-refused
cause: port-closed
title: Nothing listens on the configured port
area: port-configuration
severity: error
confidence: likely
when:
  all:
    - {fact: tcp.connect, as: t, where: {port: 4000, outcome: refused}}
diagnosis:
  summary: "{t.host}:{t.port} refuses connections"
  explanation: The host answers, but refuses connections on this port.
  fix:
    - "Check the port of {t.host} in the mail program."
  references: [https://www.rfc-editor.org/rfc/rfc8314]
examples:
  fires: [{facts: [{kind: tcp.connect, host: h, port: 4000, outcome: refused}]}]
  silent: [{facts: [{kind: tcp.connect, host: h, port: 4000, outcome: connected}]}]
"""
    (alone,) = load_rules([write(tmp_path / "a", single, "my-refused.yaml")])
    family = next(r for r in load_rules([write(tmp_path / "f", FAMILY)]) if r.id == "my-refused")

    def unplaced(rule: Rule) -> Rule:
        """The rule without where it stands in its file."""
        when = attrs.evolve(rule.when, all=tuple(attrs.evolve(p, line=None) for p in rule.when.all))
        examples = {k: tuple(attrs.evolve(e, line=None, column=None) for e in getattr(rule, k)) for k in ("fires", "silent")}
        return attrs.evolve(rule, path="", line=0, column=0, when=when, **examples)

    assert unplaced(alone) == unplaced(family)


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        ("unknown operator in the second rule", "where: {port: 4001, outcome: reset}",
         "where: {port: 4001, outcome: {equals: reset}}",
         "port-closed.yaml:26:68: [my-refused-reset] when/all/0/where/outcome: unknown operator 'equals' "
         "(did you mean 'eq'?)"),
        ("bad regular expression in the first rule", "where: {port: 4000, outcome: refused}}\n    diagnosis",
         "where: {port: 4000, error: {matches: '([x'}}}\n    diagnosis",
         "port-closed.yaml:15:77: [my-refused] bad regular expression"),
        ("an item's key indented one space too far", "    severity: warning\n", "     severity: warning\n",
         "port-closed.yaml:22:14: YAML syntax error: mapping values are not allowed in this context (check the indentation here"),
        ("unknown key in a rule", "    severity: warning\n", "    sevrity: warning\n",
         "port-closed.yaml:22:5: [my-refused-reset] rule: unknown key 'sevrity'"),
        ("a rule without when", "    when:\n      all:\n        - {fact: tcp.connect, as: t, where: {port: 4001, "
         "outcome: reset}}\n", "",
         "port-closed.yaml:21:5: [my-refused-reset] rule: 'when' is required"),
        ("unknown fact kind in the probe rule", "        - {fact: tcp.connect, where: {host: {ref: t.host}, port: 4002}}",
         "        - {fact: tcp.conect, where: {host: {ref: t.host}, port: 4002}}",
         "port-closed.yaml:39:18: [my-refused-probe] unknown fact kind 'tcp.conect'"),
        ("an example fact of the first rule", "fires: [{facts: [{kind: tcp.connect, host: h, port: 4000, "
         "outcome: refused}]}]\n      silent: [{facts: [{kind: tcp.connect, host: h, port: 4000, outcome: connected}]}]"
         "\n  - id: my-refused-reset",
         "fires: [{facts: [{kind: tcp.connect, host: h, port: 4000, outcome: refusd}]}]\n      silent: [{facts: "
         "[{kind: tcp.connect, host: h, port: 4000, outcome: connected}]}]\n  - id: my-refused-reset",
         "port-closed.yaml:19:74: [my-refused] example fires[0]: "),
        # An inherited value is wrong only for the rule that inherits it: the error names the
        # rule and points at the value at the top of the file.
        ("an inherited placeholder the rule does not bind", "{t.host} in the mail program", "{s.host} in the mail program",
         "port-closed.yaml:9:7: [my-refused] placeholder {s.host} names 's', not bound in every branch"),
        ("an unknown key on top", "severity: error\n", "severity: error\nwhen: {all: []}\n",
         "port-closed.yaml:5:1: family: unknown key 'when' (known: cause, title, area, severity, confidence, "
         "supersedes, diagnosis, rules); what only one rule has (its id, when, examples) goes into its item"),
        ("'for' on top", "severity: error\n", "severity: error\nfor: password-rejected\n",
         "port-closed.yaml:5:1: family: 'for' is not inherited: each rule that serves another cause says so "
         "itself (beside them, the rules that diagnose the family's own cause serve none); move it into the items"),
        ("a bad severity on top", "severity: error\n", "severity: fatal\n",
         "port-closed.yaml:4:11: severity: 'fatal' is not one of info, warning, error"),
        ("a rule that is not a mapping", "rules:\n", "rules:\n  - just text\n",
         "port-closed.yaml:12:5: rules/0: is a text ('just text'); write a mapping"),
        ("an empty family", FAMILY[FAMILY.index("rules:"):], "rules: []\n",
         "port-closed.yaml:11:8: rules: [] should be non-empty"),
        ("a family named after another cause", "cause: port-closed\n", "cause: wrong-protocol-on-port\n",
         "port-closed.yaml:1:8: a family file is named after its cause: rename it wrong-protocol-on-port.yaml"),
    ],
)
def test_errors_point_into_the_rules_list(tmp_path: Path, name: str, old: str, new: str, expected: str) -> None:
    assert old in FAMILY, name
    errors = messages(write(tmp_path / "r", FAMILY.replace(old, new, 1)))
    assert any(expected in e for e in errors), errors


def test_an_error_in_one_rule_keeps_the_others_checked(tmp_path: Path) -> None:
    broken = FAMILY.replace("where: {port: 4001, outcome: reset}", "where: {port: 4001, outcome: {equals: reset}}")
    broken = broken.replace("tcp.connect, where: {host: {ref: t.host}", "tcp.conect, where: {host: {ref: t.host}")
    errors = messages(write(tmp_path / "r", broken))
    assert [e.split(": ")[0].split(":", 1)[1] for e in errors] == ["26:68", "39:18"], errors


def test_a_rule_id_used_twice_in_a_family(tmp_path: Path) -> None:
    folder = write(tmp_path / "r", FAMILY.replace("- id: my-refused-reset", "- id: my-refused"))
    errors = messages(folder)
    assert errors == [f"{folder / 'port-closed.yaml'}:21:5: [my-refused] rule id 'my-refused' is used twice "
                      f"(also in {folder / 'port-closed.yaml'}:12)"]


def test_a_rule_id_used_in_a_family_and_in_another_file(tmp_path: Path) -> None:
    folder = write(tmp_path / "r", FAMILY)
    other = FAMILY.replace("cause: port-closed", "cause: plaintext-on-tls-port").replace("- id: my-refused-reset", "- id: x1")
    other = other.replace("- id: my-refused-probe", "- id: x2")
    write(folder, other, "plaintext-on-tls-port.yaml")
    errors = messages(folder)
    # plaintext-on-tls-port.yaml is read first (files in name order): port-closed.yaml's rule is the second use.
    assert errors == [f"{folder / 'port-closed.yaml'}:12:5: [my-refused] rule id 'my-refused' is used twice "
                      f"(also in {folder / 'plaintext-on-tls-port.yaml'}:12)"]


def test_a_family_rule_id_clashes_with_a_builtin_rule(tmp_path: Path) -> None:
    folder = write(tmp_path / "r", FAMILY.replace("- id: my-refused-reset", "- id: smtp-port25-blocked"))
    assert main(["rules", "lint", "--with-builtin", str(folder)]) == 2


def test_rules_test_runs_each_rules_examples_and_points_at_a_failing_one(tmp_path: Path, capsys) -> None:
    folder = write(tmp_path / "r", FAMILY)
    assert main(["rules", "test", str(folder)]) == 0
    assert "rules: 6 passed, 0 failed" in capsys.readouterr().out
    write(folder, FAMILY.replace("port: 4001, outcome: reset}]}]", "port: 4001, outcome: timeout}]}]", 1))
    assert main(["rules", "test", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"FAIL {folder / 'port-closed.yaml'}:31:15: [my-refused-reset] fires[0]: did not fire: " in out, out
    assert "5 passed, 1 failed" in out


def test_rules_test_says_which_condition_of_a_family_rule_no_fact_met(tmp_path: Path, capsys) -> None:
    # The item inherits its diagnosis from the top; its own condition is what the example misses.
    folder = write(tmp_path / "r", FAMILY.replace("{port: 4001, outcome: reset}}", "{port: {gt: 4001}, outcome: reset}}"))
    assert main(["rules", "test", str(folder)]) == 1
    out = capsys.readouterr().out
    assert (f"FAIL {folder / 'port-closed.yaml'}:31:15: [my-refused-reset] fires[0]: did not fire: condition 1 "
            "(tcp.connect as t where port > 4001, outcome = 'reset') matched no fact; "
            "closest: Fact(tcp.connect: host='h', outcome='reset', port=4001): port > 4001, but it is 4001") in out, out


def test_an_unknown_operator_in_a_family_rule_lists_the_operators(tmp_path: Path, capsys) -> None:
    folder = write(tmp_path / "r", FAMILY.replace("{port: 4001, outcome: reset}}", "{port: {greater: 4000}, outcome: reset}}"))
    assert main(["rules", "lint", str(folder)]) == 2
    err = capsys.readouterr().err
    assert ("port-closed.yaml:26:53: [my-refused-reset] when/all/0/where/port: unknown operator 'greater' "
            "(did you mean 'gt'?); the operators are eq, ne, lt, le, gt, ge, in, not_in, matches, exists") in err, err


def test_rules_list_and_docs_show_each_rule(tmp_path: Path, capsys) -> None:
    folder = write(tmp_path / "r", FAMILY)
    assert main(["rules", "list", str(folder)]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == ["my-refused", "my-refused-reset", "my-refused-probe"]
    assert main(["rules", "docs", "--with-builtin", str(folder)]) == 0
    docs = capsys.readouterr().out
    assert "**Rule `my-refused-reset`** (warning, possible)" in docs
    assert "1. Ask whether a firewall resets {t.host}:{t.port}." in docs
    assert "### `my-refused-probe` — After a refusal, try port 4002" in docs


def test_the_engine_diagnoses_with_a_family(tmp_path: Path) -> None:
    folder = write(tmp_path / "r", FAMILY)
    report = diagnose_facts([fact("tcp.connect", host="mail.example.test", port=4001, outcome="reset")],
                            rule_folders=[folder], answers={})
    mine = [d for d in report.diagnoses if d.rule == "my-refused-reset"]
    assert mine and mine[0].cause == "port-closed" and mine[0].severity == "warning"
    assert mine[0].fix == ("Ask whether a firewall resets mail.example.test:4001.",)


def test_a_family_comes_back_the_same_from_the_rule_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILEXPERT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MAILEXPERT_NO_CACHE", raising=False)
    folder = write(tmp_path / "r", FAMILY)
    checked = load_rules([folder])
    assert list((tmp_path / "cache").glob("rules-*.json"))
    assert load_rules([folder]) == checked


def test_the_schema_allows_on_top_exactly_what_rules_inherit() -> None:
    family = rule_schema()["$defs"]["family"]["properties"]
    assert set(family) == {*rulefamily.SHARED, *rulefamily.DIAGNOSIS_ONLY, "diagnosis", rulefamily.RULES}
    assert set(family["diagnosis"]["properties"]) == set(rule_schema()["$defs"]["rule"]["properties"]["diagnosis"]["properties"])


def test_what_several_rules_of_a_file_share_is_written_once_and_read_alike() -> None:
    """A condition or a fix step that several rules of one file share is written once, with a
    YAML anchor, and each rule that names it reads the same patterns and words."""
    from mailexpert.facts import data_dir
    from mailexpert.rulefile import load_rules

    rules = {r.id: r for r in load_rules()}
    sure, maybe = rules["tls-version-client-outdated-named-platform"], rules["tls-version-client-outdated-named-platform-maybe"]
    assert sure.when.any and sure.when.any == maybe.when.any and sure.when.none == maybe.when.none
    assert sure.when.all != maybe.when.all  # what tells them apart stays each rule's own
    forwarding = {rules[i].consequence.fix[0] for i in ("port-forwarding-missing", "port-forwarding-missing-dropped",
                                                          "port-forwarding-missing-inside")}
    assert len(forwarding) == 1 and "{mail.port:purpose=submission}" in forwarding.pop()
    through = [[p for p in rules[i].when.none if p.kind == "tcp.quality"]
               for i in ("server-unavailable-no-greeting", "server-unavailable-closed-at-greeting")]
    assert through[0] and through[0][0] in through[1]
    text = (data_dir("rules") / "tls" / "tls-version-client-outdated.yaml").read_text()
    assert text.count("outcome: {in: [protocol-version, handshake-failure, unexpected-eof, reset, alert, error]}") == 1
