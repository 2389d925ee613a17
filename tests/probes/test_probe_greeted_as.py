"""A live diagnosis whose SMTP port is answered by a server that names a domain other than the provider's.

The lab's SMTP server greets as "220 mail.example.test ESMTP Postfix" (RFC 5321 section 4.1.1.1: its own name
first): the probe records the name (``service.greeted-as``). A provider table given to the probes
(``provider_tables``, tried before the built-in one) makes mail.example.test a provider's host; where the
provider's servers greet under another domain (``greets_as``), the rule reads that the connection reached some
other server, as a shared host's cPanel "SMTP Restrictions" redirect a program's connection to smtp.gmail.com to
the host's own Exim (PHPMailer/PHPMailer#420; docs.cpanel.net/whm/security-center/smtp-restrictions/). Every
connection stays on loopback: the lab's resolvers and connect-to map, nothing resolved in the world.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from probe_helpers import account_for, find, one, options_for

from mailexpert.api import diagnose_facts
from mailexpert.collect import collect_sync
from mailexpert.lab import Lab

RULE = "port-blocked-outbound-greeted-as-other"


def _collect(tmp_path: Path, greets_as: str | None) -> list:
    with Lab() as lab:
        t = lab.target
        smtp = t.server_settings()["smtp"]
        table = tmp_path / "providers.yaml"
        table.write_text(
            "providers:\n  - id: lab-provider\n    name: Lab Provider\n"
            f"    domains: [{t.email.rpartition('@')[2]}]\n"
            f"    servers:\n      smtp: [{smtp.host}:{smtp.port}/{smtp.security}]\n"
            + (f"    greets_as: [{greets_as}]\n" if greets_as else ""))
        return list(collect_sync(account_for(t), options_for(t, provider_tables=[str(table)])).facts)


def test_a_greeting_under_another_domain_than_the_providers_is_a_redirected_port(tmp_path: Path) -> None:
    facts = _collect(tmp_path, "provider.test")
    one(facts, "service.greeted-as", host="mail.example.test", port=587, name="mail.example.test",
        domain="example.test")
    one(facts, "provider.greets-as", provider="Lab Provider", host="mail.example.test", domain="provider.test")
    report = diagnose_facts(facts)
    found = [d for d in report.diagnoses if d.rule == RULE]
    assert found, [d.rule for d in report.diagnoses]
    assert found[0].cause == "port-blocked-outbound"
    assert "answered by mail.example.test, not by Lab Provider" in found[0].summary


@pytest.mark.parametrize("greets_as", ["example.test", None])
def test_the_providers_own_greeting_or_a_provider_without_greets_as_is_silent(tmp_path: Path,
                                                                             greets_as: str | None) -> None:
    facts = _collect(tmp_path, greets_as)
    assert find(facts, "service.greeted-as")
    assert bool(find(facts, "provider.greets-as")) == (greets_as is not None)
    assert RULE not in {d.rule for d in diagnose_facts(facts).diagnoses}
