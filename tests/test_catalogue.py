"""The cause catalogue against the rules and the features: every cause is diagnosable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mailexpert.causes import cause_catalogue
from mailexpert.rulefile import load_rules
from mailexpert.rulemodel import DiagnosisSpec

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "causes.md"


def test_every_cause_is_produced_by_a_rule() -> None:
    produced = {r.cause for r in load_rules() if isinstance(r.consequence, DiagnosisSpec)}
    assert sorted(set(cause_catalogue()) - produced) == []


#: Causes beyond the 57 of the first catalogue (checked against its list when that is beside the clone).
PROJECT_CAUSES = {"server-protocol-error", "cleartext-auth-exposed", "helo-name-rejected", "hosts-file-override",
                  "sender-address-not-allowed", "client-ip-blocklisted",
                  "oauth-token-rejected", "sending-limit-exceeded", "cert-revoked"}


def test_catalogue_is_consistent_with_the_rule_folders() -> None:
    """Each built-in cause is declared once, in an area that is a folder of rules/, and each area
    folder (but the helpers' shared/) holds the rules of at least one cause."""
    text = (ROOT / "rules" / "causes.yaml").read_text(encoding="utf-8")
    ids = re.findall(r"^\s+- id: ([a-z0-9-]+)\s*$", text, re.M)
    assert len(ids) == len(set(ids)) == len(cause_catalogue())
    folders = {p.name for p in (ROOT / "rules").iterdir() if p.is_dir()}
    areas = {c.area for c in cause_catalogue().values()}
    assert areas <= folders
    assert folders - areas == {"shared"}
    for rule in load_rules():
        if isinstance(rule.consequence, DiagnosisSpec):
            assert Path(rule.path).parent.name == cause_catalogue()[rule.cause].area, rule.path


def _specific() -> list[str]:
    """The catalogue's causes, without the fallbacks that only name a kind of failure."""
    return [c.id for c in cause_catalogue().values() if not c.fallback]


def test_catalogue_has_the_57_causes() -> None:
    assert len(set(_specific()) - PROJECT_CAUSES) == 57
    assert set(_specific()) >= PROJECT_CAUSES
    assert sorted(set(cause_catalogue()) - set(_specific())) == ["server-reply-permanent", "server-reply-transient"]


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference catalogue is not beside this clone")
def test_catalogue_matches_the_reference() -> None:
    ids = re.findall(r"^- `([a-z0-9-]+)` — ", REFERENCE.read_text(encoding="utf-8"), re.M)
    assert sorted(ids) == sorted(set(_specific()) - PROJECT_CAUSES)


def test_every_cause_has_a_feature_scenario_where_it_comes_first() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "features").glob("*.feature"))
    firsts = set(re.findall(r'the most likely cause is "([a-z0-9-]+)"', text))
    # Scenario outlines name the cause in their Examples table, column `case`.
    for outline in re.findall(r'the most likely cause is "<case>".*?Examples:\n(.*?)(?:\n\s*\n|\Z)', text, re.S):
        for row in outline.splitlines()[1:]:
            cells = [c.strip() for c in row.strip().strip("|").split("|")]
            if len(cells) > 1:
                firsts.add(cells[1])
    assert sorted(set(cause_catalogue()) - firsts) == []
