"""What the user sees, as facts: ``--symptom`` (a word) and ``--error`` (the text the client showed).

Both enter the same reasoning session as the probes' facts: the symptom as a
``user.symptom`` fact, the error text as the facts :mod:`mailexpert.explain` recognises in
it (marked ``source: pasted``). The ranking (:mod:`mailexpert.report`) puts the causes that
fit the symptom first; which causes fit which symptom is data, in ``data/symptoms.yaml``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from mailexpert import rulecache
from mailexpert.errors import SettingsError

DATA_FILE = Path(__file__).resolve().parent / "data" / "symptoms.yaml"


@attrs.frozen
class Symptom:
    id: str
    meaning: str
    protocols: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()


@functools.cache
def symptoms() -> dict[str, Symptom]:
    data = rulecache.data_file(DATA_FILE)
    return {
        key: Symptom(key, str(value["meaning"]), tuple(value.get("protocols", ())), tuple(value.get("areas", ())),
                     tuple(value.get("outcomes", ())))
        for key, value in data["symptoms"].items()
    }


def check_symptom(value: str) -> str:
    """The symptom id, or :class:`SettingsError` naming the accepted values."""
    known = symptoms()
    word = value.strip().lower() if isinstance(value, str) else value
    if word not in known:
        raise SettingsError(f"--symptom {value!r}: unknown; accepted values: {', '.join(known)}")
    return word


def check_error_text(value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SettingsError("--error: the text is empty; give what the mail program showed, e.g. "
                            "--error '535 5.7.8 Username and Password not accepted'")
    return value


def fits(symptom: Symptom, *, protocols: Iterable[str], area: str, outcomes: Iterable[str]) -> bool:
    """Whether a cause (the protocols of the settings it concerns, its area, the outcomes of
    the observations it explains) fits what the user sees."""
    protocols = set(protocols)
    if symptom.protocols and protocols and not protocols & set(symptom.protocols):
        return False
    if not symptom.areas and not symptom.outcomes:
        return True
    return area in symptom.areas or bool(set(outcomes) & set(symptom.outcomes))


def observation_outcomes(facts: Sequence[Any]) -> set[str]:
    """The outcome words of observations: outcome, verify verdict, what was spoken."""
    words = set()
    for f in facts:
        for name in ("outcome", "verify", "spoken"):
            value = f.get(name)
            if isinstance(value, str):
                words.add(value)
    return words
