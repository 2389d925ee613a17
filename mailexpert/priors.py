"""Which cause ranks first when a pasted text names only the kind of failure, not its cause.

"Could not connect to SMTP host", "Connection timed out", "Greeting never received": such a
text gives one observation (a connection that failed without a reason, timed out, was
refused; a server that never greeted; a TLS handshake cut short) and several rules read a
cause into it, each with the same certainty and the same evidence. Which of them comes
first is then no rule's to say but a question of how often each cause is found behind that
observation: ``data/priors.yaml`` states it per *family* of such observations, with the
counts and the public pages it rests on. The report (:mod:`mailexpert.report`) uses that
order where everything else ties -- after severity, confidence and evidence -- so a rule
that reads a clue (port 25, a provider's host, an answer to a question) still outranks the
bare reading, and the order never depends on how cause ids sort.

Only texts are ranked this way: a probe's observation is followed by the probes that tell
the causes apart.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from mailexpert import rulecache
from mailexpert.facts import Fact

DATA_FILE = Path(__file__).resolve().parent / "data" / "priors.yaml"


@attrs.frozen
class Family:
    """Texts that show one kind of failure and no cause, and the order of their causes."""

    id: str
    kind: str
    where: tuple[tuple[str, tuple[Any, ...]], ...]  # field -> the values it may take
    ports: tuple[int, ...]  # the ports it is about; () = any port (or none named)
    order: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]
    # The program's own words for the observation (its `reason`), where one program's message for it has causes
    # of its own that are found more often behind it (Apple Mail's "Cannot Verify Server Identity"); None: any words.
    said: re.Pattern[str] | None = None

    def matches(self, f: Fact) -> bool:
        # what a probe saw says "probe"; what a text gave says "pasted", or nothing (a greeting)
        if f.kind != self.kind or f.get("source", "pasted") != "pasted":
            return False
        if self.ports and f.get("port") not in self.ports:
            return False
        if self.said is not None and not self.said.search(str(f.get("reason") or "")):
            return False
        return all(f.get(name) in values for name, values in self.where)

    def rank(self, cause: str) -> int:
        """The cause's place in the order; a cause the family does not list comes after them all."""
        return self.order.index(cause) if cause in self.order else len(self.order)


def _values(value: Any) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, list) else (value,)


def read(data: Mapping[str, Any]) -> tuple[Family, ...]:
    """The families of a priors table (its parsed YAML), in the file's order."""
    out = []
    for key, value in data["families"].items():
        observation = dict(value["observation"])
        kind = str(observation.pop("kind"))
        ports = tuple(int(p) for p in _values(observation.pop("port", [])))
        said = observation.pop("reason", None)
        where = tuple((str(name), _values(v)) for name, v in observation.items())
        counts = tuple((str(c), int(n)) for c, n in (value.get("counts") or {}).items())
        out.append(Family(str(key), kind, where, ports, tuple(str(c) for c in value["order"]), counts,
                          re.compile(said["matches"]) if said else None))
    return tuple(out)


@functools.cache
def families() -> tuple[Family, ...]:
    return read(rulecache.data_file(DATA_FILE))


def family(facts: Iterable[Fact], table: Iterable[Family] | None = None) -> Family | None:
    """The first family (in the file's order: one about a port before the same kind of
    failure on any port) that a pasted observation belongs to."""
    # A family reads facts of one kind: look only at those (a diagnosis holds ~100 facts).
    by_kind: dict[str, list[Fact]] = {}
    for f in facts:
        by_kind.setdefault(f.kind, []).append(f)
    return next((fam for fam in (families() if table is None else table)
                 if any(fam.matches(f) for f in by_kind.get(fam.kind, ()))), None)


def ranker(facts: Iterable[Fact], table: Iterable[Family] | None = None) -> Callable[[str], int]:
    """A cause id -> its place in the order of the text's family (0 for every cause when the
    facts show no such family: the order is then the other keys' and the ids')."""
    fam = family(facts, table)
    return fam.rank if fam is not None else (lambda cause: 0)
