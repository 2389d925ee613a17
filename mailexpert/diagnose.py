"""The live pipeline: account → probes → facts → engine (with follow-ups) → report.

:func:`diagnose` and :func:`diagnose_async` take the same options as the command line.
Missing server settings come from the client configuration files given, then from
discovery (SRV, autoconfig, the provider table), then from a guess; the report's notes
say what was assumed. Secrets (password, OAuth token, proxy credentials) go to the probes
only; they are never in the account summary, the saved facts or the report.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from mailexpert.account import Account, ServerSetting
from mailexpert.api import load_rulebase
from mailexpert.engine import Answerer, reason
from mailexpert.facts import Fact
from mailexpert.report import Report, build_report

Progress = Callable[[str], None]

_PROBE_WORDS = {
    "discovery": "looked up the provider's settings (SRV, autoconfig, provider table)",
    "dns": "resolved the server names",
    "tcp": "connected to the mail ports",
    "tls": "checked TLS and certificates",
    "session": "talked to the mail servers",
    "web": "checked that the web works",
    "environment": "looked at proxies, VPN interfaces and resolvers",
}


def _imported(client_config: Sequence[str | Path], email: str) -> tuple[dict[str, ServerSetting], str | None, list[Fact]]:
    """Settings, user name and facts from the client configuration files given."""
    if not client_config:
        return {}, None, []
    from mailexpert.clientconfig import client_config_facts, import_configs

    configs = import_configs(client_config)
    settings: dict[str, ServerSetting] = {}
    username = None
    for cfg in configs:
        for protocol, setting in cfg.settings_for(email).items():
            settings.setdefault(protocol, setting)
        account = cfg.account_for(email)
        if username is None and account is not None and account.username:
            username = account.username
    return settings, username, client_config_facts(configs, email)


def _account_summary(account: Account, origins: Mapping[str, str]) -> dict[str, Any]:
    summary: dict[str, Any] = {"email": account.email, "username": account.username, "auth": account.auth}
    for setting in account.settings:
        summary[setting.protocol] = str(setting)
        summary[f"{setting.protocol}_origin"] = origins.get(setting.protocol, setting.origin)
    return summary


async def diagnose_async(
    email: str,
    *,
    imap: str | ServerSetting | None = None,
    pop3: str | ServerSetting | None = None,
    smtp: str | ServerSetting | None = None,
    username: str | None = None,
    password: str | None = None,
    oauth_token: str | None = None,
    no_login: bool = False,
    dns_servers: Iterable[str] = (),
    reference_dns: Iterable[str] | None = None,
    connect_to: Iterable[Any] = (),
    ca_file: str | None = None,
    web_urls: Iterable[str] | None = None,
    proxy: str | None = None,
    timeout: float = 5.0,
    rule_folders: Sequence[str | Path] = (),
    answers: Mapping[str, str] | None = None,
    answerer: Answerer | None = None,
    client_config: Sequence[str | Path] = (),
    progress: Progress | None = None,
    allowed_networks: Iterable[Any] | None = None,
    save_facts: str | Path | None = None,
    allow_insecure_login: bool = False,
    deadline: float | None = None,
) -> Report:
    """Diagnose one account from this machine; see the module docstring."""
    from mailexpert.collect import ProbeOptions, collect

    say = progress or (lambda _text: None)
    started = time.monotonic()
    imported, imported_user, config_facts = _imported(client_config, email)
    account = Account(
        email=email,
        username=username or imported_user or email,
        password=password,
        oauth_token=oauth_token,
        imap=imap if imap is not None else imported.get("imap"),
        pop3=pop3 if pop3 is not None else imported.get("pop3"),
        smtp=smtp if smtp is not None else imported.get("smtp"),
    )
    options_kw: dict[str, Any] = {
        "connect_to": tuple(connect_to),
        "ca_file": ca_file,
        "proxy": proxy,
        "timeout": timeout,
        "deadline": deadline if deadline is not None else max(3 * timeout, timeout + 5.0),
        "no_login": no_login,
        "allow_insecure_login": allow_insecure_login,
        "oauth_token": oauth_token,
        "allowed_networks": allowed_networks,
    }
    if dns_servers:
        options_kw["dns_servers"] = tuple(dns_servers)
    if reference_dns is not None:
        options_kw["reference_dns"] = tuple(reference_dns)
    if web_urls is not None:
        options_kw["web_urls"] = tuple(web_urls)
    options = ProbeOptions(**options_kw)
    rulebase = load_rulebase(rule_folders)  # before probing: a bad rule folder fails fast

    say(f"checking {email}: DNS, ports, TLS, the servers' replies and the web …")
    result = await collect(account, options)
    for name in sorted(result.timings, key=result.timings.get):
        say(f"  {_PROBE_WORDS.get(name, name)} ({result.timings[name]:.1f} s)")

    say("reasoning over what was seen …")
    runner = result.follow_ups(options)

    def follow_up(request: Any) -> list[Fact]:
        say(f"  one more look: {request.name} {request.arguments}")
        return runner(request)

    facts = [*result.facts, *config_facts]
    reasoning = await asyncio.to_thread(
        reason, rulebase, facts, runner=follow_up, answers=answers, answerer=answerer
    )
    origins = {s.protocol: s.origin for s in result.account.settings}
    assumed = [
        f"assumed {s.protocol.upper()} server {s} ({s.origin})"
        for s in result.account.settings
        if s.origin in ("discovered", "default")
    ]
    timings = {f"probe_{name}_ms": int(seconds * 1000) for name, seconds in result.timings.items()}
    timings["collect_ms"] = int(result.elapsed * 1000)
    timings["total_ms"] = int((time.monotonic() - started) * 1000)
    summary = _account_summary(result.account, origins)
    report = build_report(reasoning, account=summary, timings=timings, notes=[*assumed, *result.errors])
    if save_facts is not None:
        from mailexpert.bundle import save_bundle

        save_bundle(save_facts, reasoning.facts, account=summary, answers=answers)
    return report


def diagnose(email: str, **options: Any) -> Report:
    """:func:`diagnose_async` for synchronous callers (also from inside a running event loop)."""
    from mailexpert.collect import _run_sync

    return _run_sync(lambda: diagnose_async(email, **options))
