"""mailexpert: finds out why a mail client cannot send or receive while the web works.

A rule-based expert system: probes observe the mail path and produce :class:`Fact` values;
rule files in ``rules/`` are compiled to durable_rules; a diagnosis is a :class:`Report`
of ranked :class:`Diagnosis` values with evidence and fix steps.

The public surface is exactly ``__all__``; everything else is private and may change.
"""

from mailexpert.api import diagnose_facts, load_rulebase
from mailexpert.bundle import Bundle, load_bundle, save_bundle
from mailexpert.diagnose import diagnose, diagnose_async
from mailexpert.engine import ProbeRequest, Question, RuleBase
from mailexpert.errors import (
    EngineError,
    FactError,
    InputError,
    MailexpertError,
    RuleFileError,
    SettingsError,
)
from mailexpert.facts import Fact, FactCatalog, default_catalog, fact
from mailexpert.report import Diagnosis, Report, render_json, render_markdown, render_text

__all__ = [
    "Bundle",
    "Diagnosis",
    "EngineError",
    "Fact",
    "FactCatalog",
    "FactError",
    "InputError",
    "MailexpertError",
    "ProbeRequest",
    "Question",
    "Report",
    "RuleBase",
    "RuleFileError",
    "SettingsError",
    "default_catalog",
    "diagnose",
    "diagnose_async",
    "diagnose_facts",
    "fact",
    "load_bundle",
    "load_rulebase",
    "render_json",
    "render_markdown",
    "render_text",
    "save_bundle",
]
