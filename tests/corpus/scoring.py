"""The real-text corpus: loading, and scoring ``explain`` on it (tests and benchmarks share this).

Each entry is a text somebody's client, library, server or TLS stack really printed, with its
public source and the cause ids that explain it (several are acceptable when the text alone
cannot tell them apart; ``none`` when no catalogued cause applies). ``working`` entries may be
looked at while improving the parser; ``heldout.yaml`` was set aside at random before that and
is only scored.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import yaml

HERE = Path(__file__).resolve().parent
HELDOUT = HERE / "heldout.yaml"
#: The causes that only say which class of reply a server sent (the fallback when no rule knows it).
GENERIC = frozenset({"server-reply-permanent", "server-reply-transient"})


def load(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def working_files() -> list[Path]:
    return sorted(HERE.glob("collected-*.yaml"))


def working() -> list[dict[str, Any]]:
    return [e for path in working_files() for e in load(path)]


def heldout() -> list[dict[str, Any]]:
    return load(HELDOUT) if HELDOUT.exists() else []


def twin_key(text: str) -> str:
    """What two copies of one message share: the words, whatever the numbers (a date, an IP address,
    a port, a queue id) and the spacing. Programs print the same message in many threads, and a
    collector who may not open the held-out set can collect again a text it already holds."""
    return " ".join(re.sub(r"\d+", "0", text.lower()).split())


def unseen(held: list[dict[str, Any]], work: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The held-out entries whose text has no twin among the working texts: only they measure text
    nobody tuned on (a fix made for a working text also fixes its held-out twin)."""
    seen = {twin_key(e["text"]) for e in work}
    return [e for e in held if twin_key(e["text"]) not in seen]


@attrs.frozen
class Outcome:
    """What ``explain`` made of one entry."""

    id: str
    expected: tuple[str, ...]
    found: str | None  # top cause; None when nothing was diagnosed
    declined: bool  # explain refused the text (exit 2)
    problem: bool  # at least one error-severity diagnosis (exit 1)
    error: str = ""  # an unexpected exception: a crash
    permanent: bool = False  # the text holds a server's permanent refusal (5xx, NO, BAD, -ERR)
    ranked: tuple[str, ...] = ()  # every diagnosis's cause, in the report's order

    @property
    def miss(self) -> str | None:
        """What kind of miss this is, None when it is right: a total of each kind says whether the misses want
        knowledge (the expected cause nowhere in the report) or ranking (it is there, lower)."""
        if self.correct:
            return None
        if self.error:
            return "crash"
        if self.declined:
            return "declined"
        if self.expected == ("none",):
            return "a cause for a text labelled none"
        if not self.problem:
            return "called fine"
        if self.found in GENERIC:
            return "a bare reply class"
        rank = next((i for i, cause in enumerate(self.ranked) if cause in self.expected), None)
        return "expected cause absent" if rank is None else "expected cause 2nd-3rd" if rank <= 2 else "expected cause lower"

    @property
    def correct(self) -> bool:
        if self.error:
            return False
        if self.expected == ("none",):
            return self.declined or not self.problem or self.found in GENERIC
        # "none" among other causes: one of them, or no catalogued cause (a generic reply class).
        return self.found in self.expected or ("none" in self.expected and self.found in GENERIC)

    @property
    def permanent_said_fine(self) -> bool:
        """A server's permanent refusal that explain called fine (exit 0) or declined."""
        return self.permanent and not self.problem

    @property
    def failure_said_fine(self) -> bool:
        """A text about a failure that explain called fine (exit 0) or declined."""
        return self.expected != ("none",) and not self.problem


def explain_entry(entry: dict[str, Any]) -> Outcome:
    from mailexpert.account import ServerSetting
    from mailexpert.errors import InputError
    from mailexpert.explain import explain
    from mailexpert.replies import parse_reply

    expected = tuple(entry["cause"])
    permanent = parse_reply(entry["text"]).get("status") in ("permanent", "no", "bad", "err")
    setting = None
    if entry.get("server"):
        protocol, text = entry["server"].split()
        setting = ServerSetting.parse(protocol, text)
    try:
        report = explain(entry["text"], setting=setting)
    except InputError:
        return Outcome(entry["id"], expected, None, declined=True, problem=False, permanent=permanent)
    except Exception as exc:  # noqa: BLE001 - a crash is scored, and reported by the tests
        return Outcome(entry["id"], expected, None, declined=False, problem=False, error=repr(exc),
                       permanent=permanent)
    top = report.top
    return Outcome(entry["id"], expected, top.cause if top else None, declined=False, problem=report.has_errors,
                   permanent=permanent, ranked=tuple(d.cause for d in report.diagnoses))


@attrs.frozen
class Score:
    outcomes: tuple[Outcome, ...]

    @property
    def top1(self) -> float:
        return sum(o.correct for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    @property
    def failures_said_fine(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.failure_said_fine]

    @property
    def permanent_said_fine(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.permanent_said_fine]

    @property
    def crashes(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]


def score(entries: Iterable[dict[str, Any]]) -> Score:
    return Score(tuple(explain_entry(e) for e in entries))


def spread(entries: Iterable[dict[str, Any]]) -> dict[str, int]:
    """How many entries come from clients, libraries, servers, providers, stacks and the lab."""
    return dict(collections.Counter(e["kind"] for e in entries).most_common())
