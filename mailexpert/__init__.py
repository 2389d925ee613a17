"""mailexpert: finds out why a mail client cannot send or receive while the web works.

A rule-based expert system: probes observe the mail path and produce :class:`Fact` values;
rule files in ``rules/`` are compiled to durable_rules; a diagnosis is a :class:`Report`
of ranked :class:`Diagnosis` values with evidence and fix steps.

The public surface is exactly ``__all__``; everything else is private and may change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Where each public name lives. No public name may also be a submodule's name: importing that
# submodule would set the package attribute to the module, hiding the function behind it.
# Importing the package loads none of them: `mailexpert --help`
# and `mailexpert explain` must not pay for the engine, the probes or jsonschema (PEP 562).
_WHERE = {
    "Account": "account",
    "ServerSetting": "account",
    "DiagnoseOptions": "options",
    "diagnose_facts": "api",
    "load_rulebase": "api",
    "Bundle": "bundle",
    "load_bundle": "bundle",
    "save_bundle": "bundle",
    "diagnose": "pipeline",
    "diagnose_async": "pipeline",
    "ProbeRequest": "reasoning",
    "Question": "reasoning",
    "RuleBase": "engine",
    "EngineError": "errors",
    "FactError": "errors",
    "InputError": "errors",
    "MailexpertError": "errors",
    "RuleFileError": "errors",
    "SettingsError": "errors",
    "Fact": "facts",
    "FactCatalog": "facts",
    "default_catalog": "facts",
    "fact": "facts",
    "Diagnosis": "report",
    "Report": "report",
    "render_json": "report",
    "render_markdown": "render",
    "render_text": "render",
}

if TYPE_CHECKING:
    from mailexpert.account import Account, ServerSetting
    from mailexpert.api import diagnose_facts, load_rulebase
    from mailexpert.bundle import Bundle, load_bundle, save_bundle
    from mailexpert.engine import RuleBase
    from mailexpert.errors import (
        EngineError,
        FactError,
        InputError,
        MailexpertError,
        RuleFileError,
        SettingsError,
    )
    from mailexpert.facts import Fact, FactCatalog, default_catalog, fact
    from mailexpert.options import DiagnoseOptions
    from mailexpert.pipeline import diagnose, diagnose_async
    from mailexpert.reasoning import ProbeRequest, Question
    from mailexpert.render import render_markdown, render_text
    from mailexpert.report import Diagnosis, Report, render_json


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'mailexpert' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"mailexpert.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Account",
    "Bundle",
    "DiagnoseOptions",
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
    "ServerSetting",
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
