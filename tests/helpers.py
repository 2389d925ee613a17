"""What the tests of ``explain`` share: the causes a pasted text is explained by, in the report's order,
and the form of a catalogue test's wording.

Imported as ``from helpers import causes_of``: pytest puts tests/ on the import path of the tests in it
(its default "prepend" import mode, tests/ having no __init__.py)."""

from __future__ import annotations

import re
from typing import NamedTuple

from mailexpert.account import ServerSetting
from mailexpert.errors import InputError
from mailexpert.explain import explain


class Case(NamedTuple):
    """One wording of a catalogue test (tests/test_explain_*diff.py): its name, the text as a user
    pastes it, the causes it may honestly read as, and where the wording comes from."""

    name: str
    text: str
    causes: tuple[str, ...]
    source: str


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


def top_cause(text: str) -> str | None:
    """The first cause ``explain`` names for ``text``; None when it names none."""
    report = explain(text)
    return report.top.cause if report.top else None


def reply_words(reply: str) -> str:
    """A reply's words without its codes, as Thunderbird 91+ shows a server's refusal."""
    return re.sub(r"^\d{3}(?:[ -]\d\.\d{1,3}\.\d{1,3})?\s+", "", reply).rstrip(".")


def in_outlooks_error(reply: str) -> str:
    """``reply`` inside Outlook's "Send test e-mail message" error, with its codes."""
    return ("Send test e-mail message: Your outgoing (SMTP) e-mail server has reported an internal error. If you"
            " continue to receive this message, contact your server administrator or Internet service provider"
            f" (ISP). The server responded: {reply}")


def in_thunderbirds_error(reply: str) -> str:
    """``reply``'s words alone (:func:`reply_words`) inside Thunderbird's sending error."""
    return (f"An error occurred while sending mail. The mail server responded: {reply_words(reply)}."
            " Please check the message and try again.")


def assert_named_once(cases: list[Case]) -> None:
    """Each wording of a catalogue stands in it once, under a name of its own."""
    for field in ("name", "text"):
        values = [getattr(c, field) for c in cases]
        assert len(set(values)) == len(values), [v for v in values if values.count(v) > 1]
