"""A live diagnosis reads the same every time, and so does the replay of its saved facts.

The probes run concurrently, so their facts arrive in a different order in each run; the
report follows the plan's order (mailexpert.order), never the arrival order.
"""

from __future__ import annotations

from mailexpert.api import diagnose_facts
from mailexpert.bundle import load_bundle
from mailexpert.pipeline import diagnose


def _reading(report):  # type: ignore[no-untyped-def]
    """What a person reads, and which observations each finding rests on (not their timings)."""
    return tuple((d.cause, d.summary, d.instances, d.fix,
                  tuple((f.kind, f.get("host"), f.get("port"), f.get("outcome")) for f in d.evidence))
                 for d in report.diagnoses)


def test_a_cause_found_several_times_leads_with_the_same_instance_in_every_run(make_lab, tmp_path) -> None:
    # Port 25 blocked, 465 and 587 open: smtp-port25-blocked fires once for each open port.
    lab = make_lab(scenario="smtp-port25-blocked")
    readings = set()
    for n in range(4):
        saved = tmp_path / f"facts-{n}.json"
        report = diagnose(lab.target.email, **lab.target.diagnose_options(timeout=1.0), save_facts=saved)
        readings.add(_reading(report))
        bundle = load_bundle(saved)
        replayed = diagnose_facts(bundle.facts[::-1], answers=bundle.answers, account=bundle.account)
        assert [(d.cause, d.summary, d.fix) for d in replayed.diagnoses] == \
            [(d.cause, d.summary, d.fix) for d in report.diagnoses]
    (only,) = readings
    top = only[0]
    assert top[0] == "smtp-port25-blocked"
    # The implicit-TLS port first, as the knowledge table prefers it (RFC 8314).
    assert top[1].endswith(":465 answers") and top[2][1].endswith(":587 answers")
