"""The accuracy matrix on the lab (mailexpert/lab/matrix.py): a fault × which settings are given
× the DNS world. ``benchmarks/accuracy.py`` runs every scenario in both worlds; here one
scenario per area of causes (alternating the world) and every pair of faults (in both
worlds) keep the suite short, with the three cells of a case diagnosed on one running lab."""

from __future__ import annotations

import asyncio

import pytest

from mailexpert.lab.matrix import CELLS, PAIRS, Result, cell_settings, expected, faulty_protocols, run_case
from mailexpert.lab.scenarios import SCENARIOS

#: One scenario per area of causes, and the healthy account.
SINGLES = ("healthy", "server-host-typo", "mx-host-used-for-submission", "tls-on-plaintext-port", "port-closed",
           "password-rejected", "cert-expired", "starttls-not-offered", "smtp-port25-blocked",
           "port-blocked-outbound", "server-ip-blocked", "dns-outage", "username-wrong", "mailbox-in-use")
CASES = [(SCENARIOS[s], ("exact", "stale")[i % 2]) for i, s in enumerate(SINGLES)]
CASES += [(p, w) for p in PAIRS for w in ("exact", "stale")]
#: Labs at a time: the machine has two cores.
PARALLEL = 2


@pytest.fixture(scope="module")
def results() -> dict[tuple[str, str, str], Result]:
    async def run_all() -> list[Result]:
        gate = asyncio.Semaphore(PARALLEL)

        async def one(scenario, world):  # type: ignore[no-untyped-def]
            async with gate:
                return await run_case(scenario, world)

        groups = await asyncio.gather(*(one(s, w) for s, w in CASES))
        return [r for g in groups for r in g]

    return {(r.scenario, r.world, r.cell): r for r in asyncio.run(run_all())}


@pytest.mark.slow
@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("scenario,world", CASES, ids=[f"{s.id}-{w}" for s, w in CASES])
def test_the_cause_the_user_meets_comes_first(results, scenario, world: str, cell: str) -> None:
    r = results[(scenario.id, world, cell)]
    assert r.expected == expected(scenario, cell, world)
    if r.expected is None:
        assert r.exit_status == 0, f"{r}: a healthy set-up got an error"
    else:
        assert r.top == r.expected, str(r)
    # A given setting the fault does not touch never gets an error of its own (timing
    # findings under load are another matter, measured by benchmarks).
    assert not [c for c in r.false_errors if c not in ("high-latency", "packet-loss")], str(r)


def test_cells_give_the_settings_they_promise() -> None:
    port_closed = SCENARIOS["port-closed"]
    assert faulty_protocols(port_closed) == ("imap",)
    assert cell_settings(port_closed, "faulty") == {"imap": "mail.example.test:993/ssl"}
    assert set(cell_settings(port_closed, "all")) == {"imap", "pop3", "smtp"}
    assert cell_settings(port_closed, "address") == {}
    # A service that does not run is routed around by discovery: nothing is left to find.
    assert expected(port_closed, "address", "stale") is None
    # A typo lives in the settings; the second fault of the pair is what remains.
    pair = next(p for p in PAIRS if p.id == "pair-typo+cert-expired")
    assert expected(pair, "faulty") == "server-host-typo" and expected(pair, "address") == "cert-expired"


def test_every_matrix_scenario_has_cells() -> None:
    """benchmarks/accuracy.py runs every scenario: each must say which settings its cells give
    (a new kind of fault layer once stopped the whole benchmark)."""
    from mailexpert.lab.matrix import matrix_scenarios

    for scenario in matrix_scenarios():
        for cell in CELLS:
            cell_settings(scenario, cell)
        for world in ("exact", "stale"):
            expected(scenario, "faulty", world)
