"""explain reads a paste with the cyclic garbage collector paused (yamlsource.no_gc): a log of tens
of thousands of replies makes as many small objects, and each collection their allocation set off
walked them all and the rule base again. These check behaviour only (wall time is
benchmarks/explain_bench.py's): the collector is left as the caller had it, whether explain
answers or refuses, and the big pastes the pause is for read as they did before it.
"""

from __future__ import annotations

import gc

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain


@pytest.fixture
def collector_restored():
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(collector_restored: None, enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    explain("535 5.7.8 Username and Password not accepted")
    assert gc.isenabled() is enabled


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was_after_a_refusal(collector_restored: None, enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    with pytest.raises(InputError):
        explain("lorem ipsum dolor sit amet")
    assert gc.isenabled() is enabled


# (text, the cause it reads as): the shapes of benchmarks/explain_bench.py's slowest reply cases, smaller;
# a reply that says only that it failed reads as a permanent refusal, no made-up specific cause.
CASES = [
    ("550\n5.1.1 a\n" * 3_000, "server-reply-permanent"),
    ("550 a' b=' c\" d=\n" * 3_000, "server-reply-permanent"),
    ("535 5.7.8 bad credentials\n" * 2_000 + "530 5.7.0 Authentication required", "password-rejected"),
    ("550 5.7.1 refused", "server-reply-permanent"),
]


@pytest.mark.parametrize(("text", "cause"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_big_pastes_read_as_before(text: str, cause: str) -> None:
    report = explain(text)
    assert report.top is not None and report.top.cause == cause


def test_a_short_paste_leaves_the_collector_alone(collector_restored: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A short paste makes too few objects for a pause to pay: the process's collector is not touched."""
    calls: list[str] = []
    monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
    explain("535 5.7.8 Username and Password not accepted")
    assert calls == []


def test_overlapping_pauses_give_the_collector_back_once_all_end(collector_restored: None) -> None:
    """Threads reading big pastes at once share the process's one collector: whichever ends
    first must not switch it back on under the other, and the last must."""
    import threading

    from mailexpert import yamlsource

    gc.enable()
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with yamlsource.no_gc():
            first_in.set()
            second_done.wait(10)
            seen.append(gc.isenabled())

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with yamlsource.no_gc():
        pass
    seen.append(gc.isenabled())
    second_done.set()
    thread.join(10)
    assert seen == [False, False]
    assert gc.isenabled()
