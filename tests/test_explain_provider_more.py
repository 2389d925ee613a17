"""The documented replies of more providers, ESPs and web hosts (cPanel's Exim, ...), each with its codes as
the provider sends it and as the words alone a client shows ("The mail server responded: ..."): each is read as
the cause the provider's own documentation gives it, not as a bare refusal or a declined text."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


CASES = [
    # cPanel's Exim: the domain's hourly sending limit and its limit of failed or deferred messages per hour
    # (https://docs.cpanel.net/whm/server-configuration/tweak-settings/, Mail: 'Max hourly emails per domain',
    # 'Maximum percentage of failed or deferred messages a domain may send per hour').
    ("Error: Mail command failed: 550 Domain example.com has exceeded the max emails per hour (100/100 (100%)) allowed."
     " Message discarded.", "sending-limit-exceeded"),
    ("Domain example.com has exceeded the max emails per hour (3/2 (150%)) allowed. Message discarded.",
     "sending-limit-exceeded"),
    ("The mail server responded: Domain example.com has exceeded the max emails per hour (2/2 (100%)) allowed. Message"
     " will be reattempted later", "sending-limit-exceeded"),
    ("550 Domain example.com has exceeded the max defers and failures per hour (5/5 (100%)) allowed. Message discarded.",
     "sending-limit-exceeded"),
    ("enforce_mail_permissions: Domain example.com has exceeded the max defers and failures per hour (5/5 (100%))"
     " allowed. Message discarded.", "sending-limit-exceeded"),
]


@pytest.mark.parametrize(("text", "cause"), CASES, ids=[f"case#{i}" for i in range(len(CASES))])
def test_provider_reply_names_its_documented_cause(text: str, cause: str) -> None:
    assert top(text) == cause, text
