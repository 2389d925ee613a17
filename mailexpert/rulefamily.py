"""A rule file that holds one cause's family of rules: the shared keys on top, the rules below.

::

    cause: tls-on-plaintext-port          # the file is named after it: tls-on-plaintext-port.yaml
    title: SSL/TLS is configured on a port that speaks plaintext
    area: port-configuration
    severity: error
    diagnosis:
      fix: ["Set the security to STARTTLS and keep the port."]
    rules:
      - id: tls-on-plaintext-port
        confidence: confirmed
        when: {...}
        diagnosis: {summary: ..., explanation: ...}
        examples: {...}
      - id: tls-on-plaintext-port-probe
        title: After 'wrong version number', try the same port with STARTTLS
        when: {...}
        probe: {...}
        examples: {...}

Each item of ``rules`` is the rule it would be in a file of its own, less what it inherits.
Every rule inherits ``title`` and ``area``. A rule that diagnoses (one without its own
``derive``, ``probe`` or ``ask``) also inherits ``cause``, ``severity``, ``confidence``,
``supersedes`` and the parts of ``diagnosis``; the other rules serve the cause without
naming it. What a rule states itself wins, within ``diagnosis`` part by part.

``for:`` (the cause a rule serves) is never inherited: in one family the rules that diagnose
the cause stand beside rules that serve another one (a question, a finer reading of a
refusal), so each rule that serves a cause says so itself.

:func:`members` gives each rule as one positioned document, checked as a single-rule file
is, so every error still points at ``file:line:column`` (an inherited value at the top).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mailexpert.yamlsource import PosMap, overlay

#: The key that makes a rule file a family.
RULES = "rules"
# What may stand on top is these keys, diagnosis and rules: the family part of
# schema/rule.schema.json lists the same (a test holds them together).
#: Inherited by every rule of the family.
SHARED = ("title", "area")
#: Inherited only by the rules that diagnose.
DIAGNOSIS_ONLY = ("cause", "severity", "confidence", "supersedes")
#: A rule with its own one of these does not diagnose, so inherits nothing of the diagnosis.
OTHER_CONSEQUENCES = ("derive", "probe", "ask")
#: Keys only a rule itself states, and why (what lint says when one stands on top).
OWN_ONLY = {
    "for": "'for' is not inherited: each rule that serves another cause says so itself (beside them, "
           "the rules that diagnose the family's own cause serve none)",
}


def is_family(doc: Any) -> bool:
    return isinstance(doc, dict) and RULES in doc


def member(family: PosMap, item: PosMap) -> PosMap:
    """One rule of the family with what it inherits filled in."""
    if any(key in item for key in OTHER_CONSEQUENCES):
        return overlay(item, family, SHARED)
    rule = overlay(item, family, (*SHARED, *DIAGNOSIS_ONLY, "diagnosis"))
    own, shared = item.get("diagnosis"), family.get("diagnosis")
    if isinstance(own, PosMap) and isinstance(shared, PosMap):
        rule["diagnosis"] = overlay(own, shared, list(shared))
    return rule


def members(family: PosMap) -> Iterator[PosMap]:
    """Every rule of a family (its shape checked already: ``rules`` is a list of mappings)."""
    for item in family[RULES]:
        yield member(family, item)
