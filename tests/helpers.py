"""What the tests of ``explain`` share: the causes a pasted text is explained by, in the report's order.

Imported as ``from helpers import causes_of``: pytest puts tests/ on the import path of the tests in it
(its default "prepend" import mode, tests/ having no __init__.py)."""

from __future__ import annotations

from mailexpert.account import ServerSetting
from mailexpert.errors import InputError
from mailexpert.explain import explain


def causes_of(text: str, server: str | None = None, *, errors_only: bool = False) -> list[str]:
    """The causes ``explain`` names for ``text``, first first; none for a text it does not recognise.

    ``server`` is the setting the client used ("smtp smtp.example.org:587/starttls"), when the test
    gives one; ``errors_only`` keeps the causes of severity error (what failed, not what was seen beside it)."""
    setting = ServerSetting.parse(*server.split()) if server else None
    try:
        report = explain(text, setting=setting)
    except InputError:
        return []
    return [d.cause for d in report.diagnoses if not errors_only or d.severity == "error"]
