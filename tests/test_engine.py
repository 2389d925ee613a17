"""The engine on durable_rules: chaining, negation, supersession, follow-ups, questions, isolation."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mailexpert.api import diagnose_facts
from mailexpert.engine import RuleBase
from mailexpert.errors import EngineError, FactError, RuleActionError
from mailexpert.facts import Fact
from mailexpert.reasoning import ProbeRequest, reason
from mailexpert.report import build_report
from mailexpert.rulefile import load_rules


def seed(cat, name: str, n: int | None = None) -> Fact:
    return cat.fact("test.seed", name=name, n=n)


def test_chaining_across_three_rules(chain_rulebase, test_catalog) -> None:
    out = chain_rulebase.run([seed(test_catalog, "alpha")])
    order = [t.rule_id for t in out.trace]
    assert order == ["chain-step", "chain-done", "port-closed"]
    assert {f.kind for f in out.derived} == {"test.step", "test.done"}
    (firing,) = out.firings
    assert firing.rule.id == "port-closed"
    assert firing.bindings["d"] == test_catalog.fact("test.done", name="alpha")


def test_negation_waits_for_every_fact_whatever_the_order(chain_rulebase, test_catalog) -> None:
    blocker = test_catalog.fact("test.step", name="alpha", level=2)
    for facts in ([seed(test_catalog, "alpha"), blocker], [blocker, seed(test_catalog, "alpha")]):
        out = chain_rulebase.run(facts)
        assert [f.rule.id for f in out.firings] == []


def test_supersession_puts_the_root_cause_first(chain_rulebase, test_catalog) -> None:
    report = diagnose_facts([seed(test_catalog, "alpha", 9)], rulebase=chain_rulebase)
    assert [d.cause for d in report.diagnoses] == ["all-mail-ports-blocked", "port-closed"]
    root, symptom = report.diagnoses
    assert root.superseded_by is None and symptom.superseded_by == "all-mail-ports-blocked"
    assert report.root_causes == (root,)
    assert report.exit_status == 1


def test_follow_up_probe_round(chain_rulebase, test_catalog) -> None:
    calls: list[ProbeRequest] = []

    def runner(request: ProbeRequest):
        calls.append(request)
        args = request.arguments
        return [test_catalog.fact("tcp.connect", host=args["host"], port=args["port"], outcome="refused")]

    result = reason(chain_rulebase, [seed(test_catalog, "h", 587)], runner=runner)
    assert [(c.name, c.arguments) for c in calls] == [("tcp", {"host": "h", "port": 587})]
    assert result.rounds == 2
    assert "port-blocked-outbound" in [f.rule.id for f in result.outcome.firings]
    assert [t.round for t in result.trace if t.rule_id == "port-blocked-outbound"] == [1]


def test_follow_up_requests_without_new_facts_stop(chain_rulebase, test_catalog) -> None:
    calls = []
    result = reason(chain_rulebase, [seed(test_catalog, "h", 587)], runner=lambda r: calls.append(r) or [])
    assert len(calls) == 1 and result.rounds == 1


def test_open_question_is_reported_and_answers_close_it(chain_rulebase, test_catalog) -> None:
    facts = [seed(test_catalog, "q", -1)]
    report = diagnose_facts(facts, rulebase=chain_rulebase)
    assert [(q.id, q.text, q.choices) for q in report.questions] == [("seed-real", "Is seed q real?", ("yes", "no"))]
    answered = diagnose_facts(facts, rulebase=chain_rulebase, answers={"seed-real": "no"})
    assert answered.questions == ()
    asked = []
    interactive = diagnose_facts(facts, rulebase=chain_rulebase, answerer=lambda q: asked.append(q.id) or "yes")
    assert asked == ["seed-real"] and interactive.questions == ()
    assert any(f.kind == "question.answer" for f in interactive.facts)


def test_declined_question_stays_open(chain_rulebase, test_catalog) -> None:
    report = diagnose_facts([seed(test_catalog, "q", -1)], rulebase=chain_rulebase, answerer=lambda q: None)
    assert [q.id for q in report.questions] == ["seed-real"]


def test_duplicate_facts_are_harmless(chain_rulebase, test_catalog) -> None:
    s = seed(test_catalog, "alpha")
    out = chain_rulebase.run([s, s, seed(test_catalog, "alpha")])
    assert [f.rule.id for f in out.firings] == ["port-closed"]


def test_unknown_facts_are_ignored(chain_rulebase, test_catalog) -> None:
    out = chain_rulebase.run([test_catalog.fact("clock.skew", source="x", skew_s=3)])
    assert out.firings == ()


def test_non_fact_is_refused(chain_rulebase) -> None:
    with pytest.raises(FactError):
        chain_rulebase.run([{"kind": "test.seed", "name": "x"}])  # type: ignore[list-item]


def test_sessions_are_deleted(chain_rulebase, test_catalog) -> None:
    chain_rulebase.run([seed(test_catalog, "alpha")])
    host = chain_rulebase._host
    last = f"s{next(chain_rulebase._sessions) - 1}"
    with pytest.raises(Exception):  # noqa: B017 - durable_rules raises a bare Exception for a deleted session
        host.get_facts(chain_rulebase.ruleset_name, last)


def test_reloading_builds_a_second_independent_rulebase(chain_rulebase, test_catalog) -> None:
    again = RuleBase(chain_rulebase.rules, test_catalog)
    assert again.ruleset_name != chain_rulebase.ruleset_name
    assert [f.rule.id for f in again.run([seed(test_catalog, "z")]).firings] == ["port-closed"]


def test_action_error_is_surfaced(test_catalog, tmp_path) -> None:

    # A derived value that breaks the target kind's type at run time (a ref to a text field
    # placed in an int field) cannot be caught by lint when the types only meet at run time.
    (tmp_path / "bad-derive.yaml").write_text(
        """id: bad-derive
title: Derives an invalid step
area: shared
when:
  all:
    - {fact: test.seed, as: s}
derive: {fact: test.step, fields: {name: "{s.name}", level: "{s.name}"}}
examples:
  fires: [{facts: [{kind: test.seed, name: x}]}]
  silent: [{facts: []}]
"""
    )
    rb = RuleBase(load_rules([tmp_path], test_catalog), test_catalog)
    with pytest.raises(RuleActionError) as info:
        rb.run([seed(test_catalog, "x")])
    assert info.value.rule_id == "bad-derive" and "level" in str(info.value)
    # The failed session left nothing behind: the next one works.
    with pytest.raises(RuleActionError):
        rb.run([seed(test_catalog, "y")])


def test_the_most_certain_reading_speaks_for_its_cause(test_catalog, tmp_path) -> None:
    """Two readings of one cause, as severe and as specific (one fact each): the confirmed one
    speaks, though the possible one's rule id sorts first."""
    (tmp_path / "port-closed.yaml").write_text(
        """cause: port-closed
title: A family of two readings
area: port-configuration
severity: error
rules:
  - id: port-closed-a-possible
    confidence: possible
    when:
      all:
        - {fact: test.seed, as: s}
    diagnosis: {summary: "possibly {s.name}", explanation: a guess, fix: [guess]}
    examples:
      fires: [{facts: [{kind: test.seed, name: x}]}]
      silent: [{facts: []}]
  - id: port-closed-b-confirmed
    confidence: confirmed
    when:
      all:
        - {fact: test.seed, as: s}
    diagnosis: {summary: "surely {s.name}", explanation: a finding, fix: [act]}
    examples:
      fires: [{facts: [{kind: test.seed, name: x}]}]
      silent: [{facts: []}]
"""
    )
    rb = RuleBase(load_rules([tmp_path], test_catalog), test_catalog)
    (diagnosis,) = diagnose_facts([seed(test_catalog, "x")], rulebase=rb).diagnoses
    assert (diagnosis.rule, diagnosis.confidence, diagnosis.summary) == (
        "port-closed-b-confirmed", "confirmed", "surely x")
    # The possible reading rests on nothing the confirmed one did not see: it is not said again.
    assert diagnosis.instances == ()


def test_regex_uses_python_semantics(test_catalog, tmp_path) -> None:

    (tmp_path / "password-rejected.yaml").write_text(
        r"""id: password-rejected
title: regex test
area: authentication
severity: error
confidence: likely
when:
  all:
    - fact: server.reply
      as: r
      where: {text: {matches: '(?i)\[alert\].*\d+'}}
diagnosis: {summary: "{r.text}", explanation: regex, fix: [none]}
examples:
  fires: [{facts: [{kind: server.reply, stage: auth, status: "no", text: "NO [ALERT] code 42"}]}]
  silent: [{facts: [{kind: server.reply, stage: auth, status: "no", text: "NO ALERT code"}]}]
"""
    )
    rb = RuleBase(load_rules([tmp_path], test_catalog), test_catalog)
    from mailexpert.commands.ruletest import run_examples

    assert all(r.passed for r in run_examples(rb))


def test_long_strings_and_many_facts(chain_rulebase, test_catalog) -> None:
    facts = [seed(test_catalog, "x" * 5000)] + [seed(test_catalog, f"n{i}", i) for i in range(300)]
    out = chain_rulebase.run(facts)
    assert len([f for f in out.firings if f.rule.id == "port-closed"]) == 301
    assert facts[0]["name"].endswith("[truncated]")


def test_concurrent_diagnoses_do_not_cross_talk(chain_rulebase, test_catalog) -> None:
    errors: list[str] = []

    def worker(i: int) -> None:
        try:
            name = f"host{i}"
            report = build_report(reason(chain_rulebase, [seed(test_catalog, name, i % 10)]))
            summaries = {d.summary for d in report.diagnoses}
            expected = {f"chain finished for {name}"} | ({f"root for {name}"} if i % 10 >= 5 else set())
            if summaries != expected:
                errors.append(f"{i}: {summaries}")
            if any(f.get("name") not in (name, None) for f in report.derived):
                errors.append(f"{i}: foreign derived fact")
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{i}: {exc!r}")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def _timerless_host():  # durable_rules ships no type information
    """A bare durable host for the tests that show durable's own behaviour, without the two timer threads its
    constructor starts (as mailexpert.engine's host does without them): they re-arm themselves every half second
    for the life of the process, and one re-arming at interpreter shutdown prints "can't create new thread at
    interpreter shutdown" after the test run. Nothing these tests show depends on timers."""
    import durable.engine as de

    class _NoTimers(de.Host):  # type: ignore[misc]
        def _run(self) -> None:
            return None

    return _NoTimers()


def test_durable_regex_dialect_is_not_pythons() -> None:
    """Why `matches` is evaluated in Python: durable's $mt does not honour \\[ or \\d."""
    import durable.engine as de

    hits = []
    host = _timerless_host()
    host.set_rulesets({"rx_probe": {"r": {"all": [{"m": {"$mt": {"text": ".*\\[ALERT\\].*"}}}], "run": lambda c: hits.append(1)}}})
    try:
        host.assert_fact("rx_probe", {"sid": "1", "text": "NO [ALERT] x"})
    except de.MessageNotHandledException:
        pass
    assert hits == []


def test_durable_negation_is_order_dependent() -> None:
    """Why rules with `none` are gated behind strata: durable never retracts a firing."""

    fired = []
    host = _timerless_host()
    host.set_rulesets({"neg_probe": {"r": {"all": [{"a": {"k": "t"}}, {"n$not": {"k": "w"}}], "run": lambda c: fired.append(1)}}})
    host.assert_facts("neg_probe", [{"sid": "1", "k": "t"}, {"sid": "1", "k": "w"}])
    assert fired == [1]  # fired although a 'w' fact is present once the batch is in


def test_engine_error_type_for_bad_compiled_rules(test_catalog) -> None:
    rb = RuleBase([], test_catalog)
    assert rb.run([]).firings == ()
    assert issubclass(EngineError, Exception)


def test_durable_batch_aborts_on_one_unhandled_fact() -> None:
    """Why facts are asserted one by one: a batch with one unmatched fact runs no action."""
    import durable.engine as de

    fired = []
    host = _timerless_host()
    host.set_rulesets({"batch_probe": {"r": {"all": [{"m": {"port": 25}}], "run": lambda c: fired.append(1)}}})
    with pytest.raises(de.MessageNotHandledException):
        host.assert_facts("batch_probe", [{"sid": "1", "id": "a", "port": 25}, {"sid": "1", "id": "b", "port": 80}])
    assert fired == []


def test_user_rule_folder_adds_to_the_builtin_rules(tmp_path) -> None:
    from mailexpert.api import load_rulebase

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "site-port2525-closed.yaml").write_text(
        """id: site-port2525-closed
cause: port-closed
title: Our relay port 2525 is closed
area: port-configuration
severity: warning
confidence: likely
when:
  all:
    - {fact: tcp.connect, as: t, where: {port: 2525, outcome: refused}}
diagnosis:
  summary: "{t.host}:2525 refuses connections"
  explanation: The site relay listens on 2525.
  fix: [Start the relay.]
examples:
  fires: [{facts: [{kind: tcp.connect, host: relay, port: 2525, outcome: refused}]}]
  silent: [{facts: [{kind: tcp.connect, host: relay, port: 2525, outcome: connected}]}]
"""
    )
    builtin = load_rulebase()
    combined = load_rulebase([tmp_path / "mine"])
    assert len(combined.rules) == len(builtin.rules) + 1
    report = diagnose_facts(
        [combined.catalog.fact("tcp.connect", host="relay", port=2525, outcome="refused")], rulebase=combined
    )
    assert [d.rule for d in report.diagnoses] == ["site-port2525-closed"]
    assert report.diagnoses[0].cause == "port-closed"


def test_an_edited_rule_folder_is_loaded_again(tmp_path) -> None:
    """A library user who edits a rule file between two calls (a notebook, a long-running
    program) gets the edited rule, or the error a broken edit makes; unchanged, the same rule base."""
    import os

    from mailexpert.api import load_rulebase
    from mailexpert.errors import RuleFileError

    folder = tmp_path / "mine"
    folder.mkdir()
    rule = folder / "site-port2525-closed.yaml"
    text = """id: site-port2525-closed
cause: port-closed
title: Our relay port 2525 is closed
area: port-configuration
severity: warning
confidence: likely
when:
  all:
    - {fact: tcp.connect, as: t, where: {port: 2525, outcome: refused}}
diagnosis:
  summary: "{t.host}:2525 refuses connections"
  explanation: The site relay listens on 2525.
  fix: [Start the relay.]
examples:
  fires: [{facts: [{kind: tcp.connect, host: relay, port: 2525, outcome: refused}]}]
  silent: [{facts: [{kind: tcp.connect, host: relay, port: 2525, outcome: connected}]}]
"""
    rule.write_text(text)
    first = load_rulebase([folder])
    assert load_rulebase([folder]) is first
    rule.write_text(text.replace("refuses connections", "is closed"))
    os.utime(rule, ns=(rule.stat().st_mtime_ns + 10**9,) * 2)  # a file system with coarse timestamps
    edited = load_rulebase([folder])
    assert edited is not first
    assert [r.consequence.summary for r in edited.rules if r.id == "site-port2525-closed"] == ["{t.host}:2525 is closed"]
    rule.write_text(text.replace("fact: tcp.connect", "fact: tcp.conect"))
    os.utime(rule, ns=(rule.stat().st_mtime_ns + 2 * 10**9,) * 2)
    with pytest.raises(RuleFileError, match=r"unknown fact kind 'tcp\.conect'"):
        load_rulebase([folder])


def test_first_session_without_any_firing_does_not_crash(tmp_path) -> None:
    """durable's delete_state double-frees when a ruleset's first session never ran an
    action; the rule base primes itself. A crash would kill the test process, so this runs
    in a child process."""
    import subprocess
    import sys

    code = (
        "from mailexpert.engine import RuleBase\n"
        "rb = RuleBase.load()\n"
        "assert rb.run([]).firings == ()\n"
        "from mailexpert.facts import fact\n"
        "rb2 = RuleBase.load()\n"
        "rb2.run([fact('web.fetch', url='https://w/', host='w', via='direct', outcome='timeout')])\n"
        "print('survived')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "survived" in done.stdout, done.stderr[-2000:]


def test_reference_after_membership_test_is_honoured(test_catalog, tmp_path) -> None:

    (tmp_path / "server-ip-blocked.yaml").write_text(
        """id: server-ip-blocked
title: ref after in
area: firewall
severity: error
confidence: likely
when:
  all:
    - {fact: tcp.connect, as: a, where: {outcome: timeout}}
    - {fact: tcp.connect, as: b, where: {port: {in: [993, 143]}, host: {ref: a.host}, address: {ne: {ref: a.address}}, outcome: connected}}
diagnosis: {summary: "{a.address} vs {b.address}", explanation: one address fails, fix: [use the other]}
examples:
  fires:
    - facts:
        - {kind: tcp.connect, host: h, address: "::1", port: 993, outcome: timeout}
        - {kind: tcp.connect, host: h, address: 127.0.0.1, port: 993, outcome: connected}
  silent:
    - facts:
        - {kind: tcp.connect, host: h, address: "::1", port: 993, outcome: timeout}
        - {kind: tcp.connect, host: h, address: "::1", port: 143, outcome: connected}
    - facts:
        - {kind: tcp.connect, host: h, address: "::1", port: 993, outcome: timeout}
        - {kind: tcp.connect, host: other, address: 127.0.0.1, port: 143, outcome: connected}
"""
    )
    from mailexpert.commands.ruletest import run_examples

    rb = RuleBase(load_rules([tmp_path], test_catalog), test_catalog)
    assert [r.detail for r in run_examples(rb) if not r.passed] == []



def test_reference_to_a_field_the_bound_fact_lacks_is_no_match(test_catalog, tmp_path) -> None:
    # durable_rules aborts the assertion (error 311) when a referenced field is absent; a rule
    # comparing against an optional field must simply not match such a fact (an old bundle).
    (tmp_path / "server-ip-blocked.yaml").write_text(
        """id: server-ip-blocked
title: ref to an optional field
area: firewall
severity: error
confidence: likely
when:
  all:
    - {fact: tcp.connect, as: a, where: {outcome: refused}}
    - {fact: tcp.connect, as: b, where: {host: {ref: a.host}, outcome: error, source: {ne: {ref: a.source}}}}
diagnosis: {summary: "{a.host}", explanation: one source differs, fix: [look]}
examples:
  fires:
    - facts:
        - {kind: tcp.connect, host: h, port: 1, outcome: refused, source: probe}
        - {kind: tcp.connect, host: h, port: 2, outcome: error, source: pasted}
  silent:
    - facts:
        - {kind: tcp.connect, host: h, port: 1, outcome: refused}
        - {kind: tcp.connect, host: h, port: 2, outcome: error, source: pasted}
"""
    )
    from mailexpert.commands.ruletest import run_examples

    rb = RuleBase(load_rules([tmp_path], test_catalog), test_catalog)
    assert [r.detail for r in run_examples(rb) if not r.passed] == []



# A `none` pattern that a fact the rule bound could meet: `any` alternatives, a join in `all`.
_NONE_SEES_BOUND = """id: port-blocked-outbound
title: a none pattern and the facts the rule bound
area: firewall
severity: error
confidence: likely
when:
  all:
    - {fact: tcp.connect, as: a, where: {port: 25, outcome: timeout}}
%s
  none:
    - fact: tcp.connect
      where: {host: {ref: b.host}, port: {ref: b.port}, error: {exists: true}}
diagnosis: {summary: "{a.host}:25 times out while {b.port} answers", explanation: a port is blocked, fix: [use the other]}
examples:
  fires:
    - facts:
        - {kind: tcp.connect, host: h, port: 25, outcome: timeout}
        - {kind: tcp.connect, host: h, port: 587, outcome: connected}
  silent:
    - name: the very fact bound as b meets the none pattern
      facts:
        - {kind: tcp.connect, host: h, port: 25, outcome: timeout}
        - {kind: tcp.connect, host: h, port: 587, outcome: connected, error: "half open"}
    - name: another fact meets it
      facts:
        - {kind: tcp.connect, host: h, port: 25, outcome: timeout}
        - {kind: tcp.connect, host: h, port: 587, outcome: connected}
        - {kind: tcp.connect, host: h, port: 587, outcome: reset, error: "reset"}
"""


@pytest.mark.parametrize("bound", [
    "    - {fact: tcp.connect, as: b, where: {host: {ref: a.host}, port: 587, outcome: connected}}",
    """  any:
    - {fact: tcp.connect, as: b, where: {host: {ref: a.host}, port: 587, outcome: connected}}
    - {fact: tcp.connect, as: b, where: {host: {ref: a.host}, port: 465, outcome: connected}}""",
], ids=["all", "any"])
def test_a_none_pattern_sees_the_facts_the_rule_bound(test_catalog, tmp_path, bound) -> None:
    # durable gives each pattern of a rule a fact of its own, its $not patterns included: the
    # rule fired on the very fact its `none` pattern excludes, and `rules test` said so only
    # for the example that happened to show it.
    (tmp_path / "port-blocked-outbound.yaml").write_text(_NONE_SEES_BOUND % bound)
    from mailexpert.commands.ruletest import run_examples

    rb = RuleBase(load_rules([tmp_path], test_catalog), test_catalog)
    assert [r.detail for r in run_examples(rb) if not r.passed] == []


def test_each_positive_pattern_still_binds_a_fact_of_its_own(test_catalog, tmp_path) -> None:
    # A rule with `none` is compiled so that one fact may meet several of its patterns; two
    # positive patterns must still take two facts, as in a rule without `none`.
    (tmp_path / "port-blocked-outbound.yaml").write_text(
        """id: port-blocked-outbound
title: two positive patterns one fact could meet
area: firewall
severity: error
confidence: likely
when:
  all:
    - {fact: tcp.connect, as: a, where: {outcome: connected}}
    - {fact: tcp.connect, as: b, where: {host: {ref: a.host}, port: 587}}
  none:
    - {fact: tcp.connect, where: {host: {ref: a.host}, outcome: refused}}
diagnosis: {summary: "{a.port} and {b.port}", explanation: two facts, fix: [look]}
examples:
  fires:
    - facts:
        - {kind: tcp.connect, host: h, port: 993, outcome: connected}
        - {kind: tcp.connect, host: h, port: 587, outcome: timeout}
  silent:
    - name: one fact meets both patterns
      facts:
        - {kind: tcp.connect, host: h, port: 587, outcome: connected}
"""
    )
    from mailexpert.commands.ruletest import run_examples

    rb = RuleBase(load_rules([tmp_path], test_catalog), test_catalog)
    assert [r.detail for r in run_examples(rb) if not r.passed] == []
    compiled = rb.definition()[rb.ruleset_name]["port-blocked-outbound#0"]
    assert compiled["dist"] == 0


def test_durable_hides_a_bound_fact_from_a_not_pattern() -> None:
    """Why rules with `none` are compiled with `dist: 0`: by default durable's $not pattern
    never sees a fact another pattern of the rule bound."""

    def fired(rule: dict) -> list[int]:
        out: list[int] = []
        host = _timerless_host()
        host.set_rulesets({"dist_probe": {"r": {**rule, "run": lambda c: out.append(1)}}})
        for fact in ({"id": "f", "k": "t", "err": 1}, {"id": "g", "k": "gate"}):
            host.assert_fact("dist_probe", {"sid": "1", **fact})
        return out

    conditions = [{"g": {"k": "gate"}}, {"b": {"k": "t"}}, {"n$not": {"$and": [{"k": "t"}, {"err": 1}]}}]
    assert fired({"all": conditions}) == [1]  # the only fact with err is b's: unseen
    assert fired({"all": conditions, "dist": 0}) == []


_TIE_SCRIPT = """
import sys
from mailexpert.api import diagnose_facts
from mailexpert.engine import RuleBase
from mailexpert.facts import FactCatalog, data_dir
from mailexpert.rulefile import load_rules
fixtures = sys.argv[1]
cat = FactCatalog.load(data_dir("facts"), fixtures + "/facts")
base = RuleBase(load_rules([fixtures + "/chain"], cat), cat)
names = sys.argv[2:]
report = diagnose_facts([cat.fact("test.seed", name=n) for n in names], rulebase=base)
for d in report.diagnoses:
    print(d.cause, d.summary, d.instances, [repr(f) for f in d.evidence])
"""


def test_a_tie_between_firings_of_one_cause_reads_the_same_across_hash_seeds_and_arrival_orders() -> None:
    # One rule fires once per seed: four firings of one cause with equal rank keys, given in a
    # different order in each process (probes finish in their own time).
    fixtures = str(Path(__file__).parent / "fixtures")
    names = ["gamma", "alpha", "delta", "beta"]
    outputs = set()
    for n, hashseed in enumerate(("0", "1", "2", "3", "12345")):
        order = names[n % 4:] + names[:n % 4]
        env = {**os.environ, "PYTHONHASHSEED": hashseed, "PYTHONPATH": str(Path(__file__).parent.parent)}
        result = subprocess.run([sys.executable, "-c", _TIE_SCRIPT, fixtures, *order[::1 if n % 2 else -1]],
                                env=env, capture_output=True, text=True, timeout=120, check=True)
        outputs.add(result.stdout)
    (only,) = outputs
    # No setting, no step, no port tells the seeds apart: their content does.
    assert only.startswith("port-closed chain finished for alpha ")


def _tied_facts() -> list[Fact]:
    """A diagnosis where causes fire more than once: port 25 blocked with 587 and 465 open, and
    expired certificates on the mail host and on a web host."""
    from mailexpert.account import Account, account_facts
    from mailexpert.facts import fact

    mail, web = "mail.example.org", "www.example.org"
    account = Account("me@example.org", imap=f"{mail}:993/ssl", smtp=f"{mail}:25/starttls")
    facts = [*account_facts(account),
             fact("tcp.connect", host=mail, address="127.0.0.1", port=25, outcome="timeout"),
             fact("tcp.connect", host=web, address="127.0.0.2", port=443, outcome="connected")]
    for port in (587, 465, 993):
        facts.append(fact("tcp.connect", host=mail, address="127.0.0.1", port=port, outcome="connected"))
    for host, port in ((web, 443), (mail, 993), (mail, 465)):
        facts.append(fact("tls.handshake", host=host, address="127.0.0.1", port=port, outcome="cert-invalid",
                          verify="expired", mode="implicit", protocol="imap" if port == 993 else "smtp"))
    return facts


def test_the_report_reads_the_same_whatever_order_the_facts_arrive_in() -> None:
    import random

    facts = _tied_facts()
    readings = set()
    for n in range(8):
        shuffled = random.Random(n).sample(facts, len(facts))
        report = diagnose_facts(shuffled)
        readings.add(tuple((d.cause, d.summary, d.instances, d.fix, d.evidence) for d in report.diagnoses))
        replayed = diagnose_facts(list(report.facts)[::-1])  # a bundle of them, replayed in any order
        assert tuple((d.cause, d.summary, d.fix) for d in replayed.diagnoses) == \
            tuple((d.cause, d.summary, d.fix) for d in report.diagnoses)
    (only,) = readings
    lead = {cause: (summary, instances) for cause, summary, instances, _fix, _evidence in only}
    # The implicit-TLS port first (RFC 8314), as the knowledge table prefers it.
    assert lead["smtp-port25-blocked"][0].endswith("mail.example.org:465 answers")
    # The given settings' host before the web's, and the given port (IMAP, listed first) first.
    assert lead["cert-expired"] == ("The certificate of mail.example.org:993 has expired", (
        "The certificate of mail.example.org:993 has expired", "The certificate of mail.example.org:465 has expired",
        "The certificate of www.example.org:443 has expired"))


def test_the_service_the_user_names_leads_a_cause_found_on_several() -> None:
    from mailexpert.facts import fact

    facts = [*_tied_facts(), fact("user.symptom", symptom="send")]
    report = diagnose_facts(facts[::-1])
    (cert,) = (d for d in report.diagnoses if d.cause == "cert-expired")
    # Mail cannot be sent: the SMTP setting's instance first, the web's still last.
    assert cert.summary == "The certificate of mail.example.org:465 has expired"
    assert cert.instances[-1] == "The certificate of www.example.org:443 has expired"


def test_a_broken_engine_build_is_told_the_command_that_rebuilds_it() -> None:
    """The message for an engine that cannot be loaded names the pinned requirement, so that a
    wheel's user (no install.py at hand) can rebuild it in their environment."""
    import tomllib

    from mailexpert.engine import _engine_requirement

    pinned = [d for d in tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"]["dependencies"]
              if d.startswith("durable-rules")]
    assert [_engine_requirement()] == pinned


def test_a_session_searches_a_repeated_text_once_per_pattern() -> None:
    from mailexpert.patterns import Searches

    class Counting:
        pattern = "refused"

        def __init__(self) -> None:
            self.calls = 0

        def search(self, value: str, timeout: float) -> object | None:
            self.calls += 1
            return object() if "refused" in value else None

    searches, counting = Searches(), Counting()
    assert searches.search(counting, "connection refused", "x.text")
    assert searches.search(counting, "connection refused", "y.text")
    assert not searches.search(counting, "connected", "x.text")
    assert counting.calls == 2
    assert Searches().search(counting, "connection refused", "x.text") and counting.calls == 3  # a new session


def test_a_pattern_that_gives_up_on_a_repeated_text_leaves_one_note() -> None:
    from mailexpert.patterns import Searches, compile_pattern

    searches = Searches()
    pattern = compile_pattern("(a|aa)+$")
    text = "a" * 40 + "!"
    assert not searches.search(pattern, text, "server.reply.text")
    assert not searches.search(pattern, text, "auth.reply.text")
    assert len(searches.notes) == 1 and "gave up on server.reply.text" in searches.notes[0]


def test_the_knowledge_table_is_asserted_as_it_would_be_made_in_the_session() -> None:
    from mailexpert.patterns import Searches

    rulebase = RuleBase.load()
    assert rulebase._knowledge and set(rulebase._knowledge_data) == set(rulebase._knowledge)
    # The same fields in the same order: durable receives the dict as JSON text.
    made_once = {fact: list(rulebase._to_durable("f7", fact, Searches()).items()) for fact in rulebase._knowledge}
    kept, rulebase._knowledge_data = rulebase._knowledge_data, {}
    try:
        assert {fact: list(rulebase._to_durable("f7", fact, Searches()).items())
                for fact in rulebase._knowledge} == made_once
    finally:
        rulebase._knowledge_data = kept
