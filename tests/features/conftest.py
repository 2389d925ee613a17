"""Steps shared by every feature in features/: set up the lab, diagnose, check the report.

Each scenario is a page of the manual: the situation in the user's words (a ``Given`` that
starts the lab case reproducing it, see mailexpert/lab/scenarios.py, or a user's sentence
for a pasted reply), what the server said, and what mailexpert says -- the summary and
the first fix step, checked against the report. A diagnosis is real: the lab's loopback
servers, the real probes, the rule files and the engine. Answers come only from the
scenario's "I answer" steps, so answering changes what mailexpert concludes. Nothing
leaves loopback: the lab's resolvers, web URLs and connect-to map are always passed, and
every connection is restricted to 127.0.0.0/8 and ::1.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from mailexpert.facts import Fact
from mailexpert.lab import SCENARIOS, Lab
from mailexpert.pipeline import diagnose
from mailexpert.report import Diagnosis, Report

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
#: Short timeouts keep filtered ports cheap; the lab answers in milliseconds otherwise.
STEP_TIMEOUT = 1.0


class Situation:
    """What the scenario sets up: a lab case (or none, for a pasted reply), answers, files."""

    def __init__(self, case: str | None, words: str = "") -> None:
        if case is not None and case not in SCENARIOS:
            raise AssertionError(f"no lab case {case!r}")
        self.case = case
        self.words = words
        self.answers: dict[str, str] = {}
        self.lab: Lab | None = None
        self.client_config: list[str] = []
        self.overrides: dict[str, Any] = {}
        self.password = ""
        #: The server setting a pasted text came from, when the scenario gives it.
        self.setting: Any = None
        #: A rule folder of the user's own that the scenario writes (features/writing-rules.feature),
        #: used beside the built-in rules; and what the last `mailexpert rules ...` said of it.
        self.rule_folder: Path | None = None
        self.checked: tuple[int, str] = (0, "")

    def rule_folders(self, extra_rules: tuple[str, ...]) -> tuple[str, ...]:
        return (*extra_rules, str(self.rule_folder)) if self.rule_folder is not None else extra_rules


@pytest.fixture
def extra_rules(request: pytest.FixtureRequest) -> tuple[str, ...]:
    """Rule folders to diagnose with besides the built-in ones: --rules DIR or MAILEXPERT_RULES."""
    env = [p for p in os.environ.get("MAILEXPERT_RULES", "").split(os.pathsep) if p]
    return tuple(str(Path(p).resolve()) for p in [*request.config.getoption("rules"), *env])


@pytest.fixture
def situation() -> Situation:
    """A scenario without a Given step: nothing set up but what its steps say."""
    return Situation(None)


@given(parsers.re(r'(?P<words>.+?),? as in the lab case "(?P<case>[a-z0-9-]+)"'), target_fixture="situation")
def lab_situation(words: str, case: str, request: pytest.FixtureRequest) -> Situation:
    """Starts the lab case: its servers run, with its faults, until the scenario ends."""
    situation = Situation(case, words)
    situation.lab = Lab(scenario=case)
    situation.lab.start()
    request.addfinalizer(situation.lab.stop)
    return situation


@given(parsers.parse('the user says "{words}"'), target_fixture="situation")
def user_says(words: str) -> Situation:
    return Situation(None, words)


@given(parsers.parse('I answer "{question}" with "{answer}"'))
def answer(situation: Situation, question: str, answer: str) -> None:
    situation.answers[question] = answer


@given(parsers.parse('my mail client\'s configuration file is "{sample}"'))
def client_config(situation: Situation, sample: str) -> None:
    path = SAMPLES / sample
    assert path.is_file(), path
    situation.client_config.append(str(path))


@given(parsers.parse('my mail program was set to the {protocol} server "{address}"'))
def pasted_setting(situation: Situation, protocol: str, address: str) -> None:
    from mailexpert.account import ServerSetting

    situation.setting = ServerSetting.parse(protocol.lower(), address)


@given(parsers.parse('the hosts file of this computer has the line "{line}"'))
def hosts_line(situation: Situation, line: str) -> None:
    """A line in the lab computer's own hosts file (the diagnosis reads it, never /etc/hosts)."""
    assert situation.lab is not None, "a hosts-file line needs a lab case"
    with open(situation.lab.target.hosts_file, "a", encoding="utf-8") as f:
        f.write(line + "\n")


@given("this computer's own TLS library refuses TLS 1.0 with its default settings")
def local_library_refuses_tls10() -> None:
    """A fact about this computer, not the lab: asked of the library itself (in memory)."""
    from mailexpert.probes.tlslocal import local_version

    local = local_version("TLSv1")
    if local is None:
        pytest.skip("this build of the TLS library cannot speak TLS 1.0 at all, so the lab cannot serve it")
    if local.accepted:
        pytest.skip(f"{local.library} still speaks TLS 1.0 with its default settings here")


@given("I allow mailexpert to log in without encryption")
def allow_cleartext(situation: Situation) -> None:
    situation.overrides["allow_insecure_login"] = True


@given("I do not let mailexpert log in")
def no_login(situation: Situation) -> None:
    situation.overrides["no_login"] = True


@when("I diagnose my account", target_fixture="report")
def diagnose_account(situation: Situation, extra_rules: tuple[str, ...]) -> Report:
    lab = situation.lab
    assert lab is not None, "diagnosing needs a lab case: 'Given ..., as in the lab case \"ID\"'"
    situation.password = lab.target.password
    options = lab.target.diagnose_options(timeout=STEP_TIMEOUT, client_config=situation.client_config)
    options["answers"] = dict(situation.answers)  # only what the scenario answers
    options.update(situation.overrides)
    before = {p: lab.login_attempts(p) for p in ("smtp", "imap", "pop3")}
    report = diagnose(lab.target.email, rule_folders=extra_rules, **options)
    attempts = {p: lab.login_attempts(p) - before[p] for p in before}
    assert all(n <= 1 for n in attempts.values()), f"more than one login per service: {attempts}"
    return report


@when(parsers.parse('I answer "{question}" with "{answer}" and diagnose again'), target_fixture="report")
def answer_and_rediagnose(situation: Situation, extra_rules: tuple[str, ...], question: str, answer: str) -> Report:
    situation.answers[question] = answer
    return diagnose_account(situation, extra_rules)


def _describe(report: Report) -> str:
    lines = [f"{d.cause} ({d.severity}, {d.confidence}, superseded_by={d.superseded_by}): {d.summary}" for d in report.diagnoses]
    return "diagnoses:\n  " + "\n  ".join(lines or ["(none)"]) + f"\nquestions: {[q.id for q in report.questions]}"


def _top(report: Report) -> Diagnosis:
    roots = [d for d in report.root_causes if d.severity != "info"]
    assert roots, f"no diagnosis at all\n{_describe(report)}"
    return roots[0]


@then(parsers.parse('the most likely cause is "{cause}"'))
def top_cause(report: Report, cause: str) -> None:
    assert _top(report).cause == cause, _describe(report)


@then(parsers.parse('mailexpert is only "{confidence}" sure of it'))
def top_confidence(report: Report, confidence: str) -> None:
    assert _top(report).confidence == confidence, _describe(report)


@then(parsers.parse('the causes come in this order: {causes}'))
def cause_order(report: Report, causes: str) -> None:
    """The named causes are all found, as root causes, in this order (others may stand between)."""
    wanted = re.findall(r'"([^"]+)"', causes)
    found = [d.cause for d in report.root_causes if d.severity != "info"]
    assert all(c in found for c in wanted), _describe(report)
    assert [c for c in found if c in wanted] == wanted, _describe(report)


@then(parsers.parse('the report also finds "{cause}"'))
def also_found(report: Report, cause: str) -> None:
    assert cause in {d.cause for d in report.diagnoses}, _describe(report)


def _matches(fact: Fact, spec: str) -> bool:
    kind, *tests = spec.split()
    if fact.kind != kind:
        return False
    for test in tests:
        field, _, value = test.partition("=")
        if str(fact.get(field)).lower() != value.lower():
            return False
    return True


@then(parsers.parse('the evidence shows "{spec}"'))
def evidence_shows(report: Report, spec: str) -> None:
    top = _top(report)
    assert any(_matches(f, spec) for f in top.evidence), (
        f"no evidence fact matches {spec!r}; evidence:\n  " + "\n  ".join(repr(f) for f in top.evidence)
    )


@then(parsers.parse('mailexpert says "{words}"'))
def says(report: Report, words: str) -> None:
    """The summary of the most likely cause: the first line a support person reads."""
    top = _top(report)
    assert _plain(words) in _plain(top.summary), f"{words!r} is not in the summary: {top.summary!r}"


@then(parsers.parse('the first thing to do is "{words}"'))
def first_fix(report: Report, words: str) -> None:
    top = _top(report)
    assert top.fix, f"{top.cause} has no fix steps"
    assert _plain(words) in _plain(top.fix[0]), f"{words!r} is not in the first fix step: {top.fix[0]!r}"


def _plain(text: str) -> str:
    """Text compared as a reader sees it: any case, either kind of quote (a Gherkin step is quoted),
    and ``host:port`` as ``host``: when several ports show the same fault, the first one found
    speaks for them, and which one that is may vary from run to run."""
    text = re.sub(r"\b([a-z0-9-]+(?:\.[a-z0-9-]+)+):[0-9]{1,5}\b", r"\1", text, flags=re.I)
    return " ".join(text.replace('"', "'").split()).lower()


@then("the server said:")
def server_said(report: Report, docstring: str) -> None:
    """The server's own words are among the evidence of the most likely cause: the whole docstring, in a
    fact's text, or its text with the reply code before it (a reply fact keeps the code apart). Not the
    other way round: a docstring that merely holds a fact's words and more of its own is not what was said."""
    top = _top(report)
    said = " ".join(docstring.split()).lower()
    texts = [" ".join(str(f.get(k)).split()).lower() for f in top.evidence for k in ("text", "reason", "error") if f.get(k)]
    texts += [f"{f.get('code')} {t}" for f in top.evidence if f.get("code") is not None
              for t in (" ".join(str(f.get("text")).split()).lower(),) if f.get("text")]
    assert any(said in t for t in texts), f"{docstring!r} is not in the evidence: {texts}"


@then(parsers.parse('the advice names "{words}"'))
def advice_names(report: Report, words: str) -> None:
    top = _top(report)
    text = " ".join([top.summary, *top.fix]).lower()
    assert words.lower() in text, f"{words!r} not in the advice:\n{top.summary}\n" + "\n".join(top.fix)


@then("no error is reported")
def no_error(report: Report) -> None:
    assert not report.has_errors, _describe(report)
    assert report.exit_status == 0


@then(parsers.parse('mailexpert asks "{question}"'))
def asks(report: Report, question: str) -> None:
    assert question in {q.id for q in report.questions}, _describe(report)


@then("the report never shows the password")
def no_password(report: Report, situation: Situation) -> None:
    from mailexpert.render import render_markdown, render_text
    from mailexpert.report import render_json

    for render in (render_json, render_markdown, render_text):
        assert situation.password not in render(report)


@when(parsers.parse('I paste the server\'s reply "{text}"'), target_fixture="report")
def paste_reply(text: str, situation: Situation, extra_rules: tuple[str, ...]) -> Report:
    from mailexpert.explain import explain

    return explain(text, setting=situation.setting, rule_folders=situation.rule_folders(extra_rules),
                   answers=situation.answers)


@when("I paste what the server said:", target_fixture="report")
def paste_docstring(docstring: str, situation: Situation, extra_rules: tuple[str, ...]) -> Report:
    return paste_reply(docstring, situation, extra_rules)


@when(parsers.parse('I replay the recorded case "{name}"'), target_fixture="report")
def replay_case(name: str, situation: Situation, extra_rules: tuple[str, ...]) -> Report:
    """A bundle saved with --save-facts, found beside the extra rules (or the features)."""
    from mailexpert.api import diagnose_facts
    from mailexpert.bundle import load_bundle

    places = [Path(p) / name for p in extra_rules] + [Path(__file__).resolve().parents[2] / "features" / name]
    path = next((p for p in places if p.is_file()), None)
    assert path is not None, f"no recorded case {name!r} in {[str(p.parent) for p in places]}"
    bundle = load_bundle(path)
    return diagnose_facts(bundle.facts, rule_folders=extra_rules, answers={**bundle.answers, **situation.answers},
                          account=bundle.account)


# --- a rule folder of the user's own (features/writing-rules.feature) ---------------------


@given(parsers.parse('my rule folder holds "{name}":'))
def rule_folder_file(name: str, docstring: str, situation: Situation, tmp_path: Path) -> None:
    situation.rule_folder = tmp_path / "my-rules"
    path = situation.rule_folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(docstring + "\n", encoding="utf-8")


@when(parsers.parse('I run "mailexpert rules {action}" on my rule folder'))
def check_rule_folder(action: str, situation: Situation, capsys: pytest.CaptureFixture[str]) -> None:
    from mailexpert.cli import main

    assert situation.rule_folder is not None, "no 'my rule folder holds' step before"
    capsys.readouterr()
    status = main(["rules", action, str(situation.rule_folder)])
    captured = capsys.readouterr()
    situation.checked = (status, captured.out + captured.err)


@then(parsers.parse('it points at "{where}" and says "{words}"'))
def checked_says(where: str, words: str, situation: Situation) -> None:
    said = situation.checked[1]
    at = f"{situation.rule_folder}/{where}: "  # lint lists its findings; other actions say "mailexpert: error: ..."
    assert any(line.removeprefix("mailexpert: error: ").startswith(at) and words in line
               for line in said.splitlines()), said


@then(parsers.parse("it ends with exit status {status:d}"))
def checked_status(status: int, situation: Situation) -> None:
    assert situation.checked[0] == status, situation.checked[1]


@then(parsers.parse('it says "{words}"'))
def checked_says_anywhere(words: str, situation: Situation) -> None:
    assert words in situation.checked[1], situation.checked[1]
