"""The live pipeline: account → probes → facts → engine (with follow-ups) → report.

:func:`diagnose` and :func:`diagnose_async` take the same options as the command line.
Missing server settings come from the client configuration files given, then from
discovery (SRV, autoconfig, the provider table), then from a guess; the report's notes
say what was assumed. Secrets (password, OAuth token, proxy credentials) go to the probes
only; they are never in the account summary, the saved facts or the report.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
import weakref
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from mailexpert.account import Account, ServerSetting
from mailexpert.api import load_rulebase
from mailexpert.errors import MailexpertError
from mailexpert.facts import Fact
from mailexpert.options import DiagnoseOptions, from_keywords
from mailexpert.reasoning import reason
from mailexpert.redact import scrub_facts
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


@attrs.frozen
class Imported:
    """What the client configuration files given say about the account."""

    #: Server settings by protocol, the first file's for each protocol.
    settings: Mapping[str, ServerSetting] = attrs.field(factory=dict)
    #: The user name the first file that has one logs in with.
    username: str | None = None
    #: The files' own facts (client.config and what they say of the program).
    facts: tuple[Fact, ...] = ()
    #: The name the program introduces itself with (SMTP EHLO), from the file whose outgoing
    #: server is used.
    ehlo_name: str | None = None


def _imported(client_config: Sequence[str | Path], email: str) -> Imported:
    """Settings, user name, facts and the SMTP EHLO name from the client configuration files given."""
    if not client_config:
        return Imported()
    from mailexpert.clientconfig import client_config_facts, import_configs
    from mailexpert.clientconfig.locate import expand_auto

    configs = import_configs(expand_auto(client_config))
    settings: dict[str, ServerSetting] = {}
    username = ehlo_name = None
    for cfg in configs:
        account = cfg.account_for(email)
        # The EHLO name belongs to the program whose outgoing server is used: the first one.
        if "smtp" not in settings and account is not None and account.smtp is not None:
            ehlo_name = account.ehlo_name
        for protocol, setting in cfg.settings_for(email).items():
            settings.setdefault(protocol, setting)
        if username is None and account is not None and account.username:
            username = account.username
    return Imported(settings, username, tuple(client_config_facts(configs, email)), ehlo_name)


def _account_summary(account: Account, origins: Mapping[str, str]) -> dict[str, Any]:
    summary: dict[str, Any] = {"email": account.email, "username": account.username, "auth": account.auth}
    for setting in account.settings:
        summary[setting.protocol] = str(setting)
        summary[f"{setting.protocol}_origin"] = origins.get(setting.protocol, setting.origin)
    return summary


async def diagnose_async(
    account: Account | str, options: DiagnoseOptions | None = None, /, **keywords: Any
) -> Report:
    """Diagnose one account from this machine; see the module docstring.

    ``account`` is an :class:`Account` or an e-mail address; ``options`` a
    :class:`DiagnoseOptions`. Keywords are a convenience for both: account fields
    (``username``, ``password``, ``oauth_token``, ``imap``, ``pop3``, ``smtp``) and option
    fields, which override those given. An unknown keyword or a value of the wrong type is a
    :class:`~mailexpert.errors.SettingsError` naming the option.
    """
    account, options = from_keywords(account, options, keywords)
    from mailexpert.collect import ProbeOptions, collect

    say = options.progress or (lambda _text: None)
    started = time.monotonic()
    email = account.email
    imported = _imported(options.client_config, email)
    username_origin = None
    if imported.settings or imported.username:
        account = account.with_settings({p: s for p, s in imported.settings.items() if account.setting(p) is None})
        if imported.username and account.username == email:
            account = attrs.evolve(account, username=imported.username)
            username_origin = "client-config"
    probe_kw: dict[str, Any] = {
        "connect_to": options.connect_to,
        "ca_file": None if options.ca_file is None else str(options.ca_file),
        "proxy": options.proxy,
        "timeout": options.timeout,
        "deadline": options.collection_deadline,
        "no_login": options.no_login,
        "allow_insecure_login": options.allow_insecure_login,
        "envelope_test": options.envelope_test,
        "revocation_check": options.revocation_check,
        "allowed_networks": options.allowed_networks,
    }
    if imported.ehlo_name is not None:
        # Introduce the probe as the mail program does, whichever server it is sent to: a
        # server that checks EHLO names refuses msmtp's default "localhost" though it takes
        # an address literal.
        probe_kw["ehlo_name"] = imported.ehlo_name
    if options.dns_servers:
        probe_kw["dns_servers"] = options.dns_servers
    if options.reference_dns is not None:
        probe_kw["reference_dns"] = options.reference_dns
    if options.web_urls is not None:
        probe_kw["web_urls"] = options.web_urls
    if options.hosts_file is not None:
        probe_kw["hosts_file"] = str(options.hosts_file)
    probe_options = ProbeOptions(**probe_kw)
    rulebase = load_rulebase(options.rule_folders)  # before probing: a bad rule folder fails fast

    async with _probing_turn(say):
        say(f"checking {email}: DNS, ports, TLS, the servers' replies and the web …")
        result = await collect(account, probe_options)
        return await _reason_and_report(options, started, say, result, probe_options, rulebase, imported.facts,
                                        username_origin)


#: Diagnoses of one process that probe at the same time; the others wait for their turn, and
#: their deadline starts with it. Each diagnosis runs dozens of connections, handshakes and
#: DNS queries on the one event loop: beyond a few per core, waiting for this computer (not
#: for the network or the server) eats the step timeouts, and what was lost to the queue
#: would be reported as timeouts, losses and latencies that are not there.
PROBING_AT_ONCE = max(4, 4 * (os.cpu_count() or 1))
_turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


@contextlib.asynccontextmanager
async def _probing_turn(say: Callable[[str], None]) -> AsyncIterator[None]:
    loop = asyncio.get_running_loop()
    turns = _turns.get(loop)
    if turns is None:
        turns = _turns[loop] = asyncio.Semaphore(PROBING_AT_ONCE)
    if turns.locked():
        say(f"waiting: {PROBING_AT_ONCE} other diagnoses are probing in this program …")
    async with turns:
        yield


async def _reason_and_report(options: DiagnoseOptions, started: float, say: Callable[[str], None], result: Any,
                             probe_options: Any, rulebase: Any, config_facts: Sequence[Fact],
                             username_origin: str | None) -> Report:
    """The reasoning rounds (with their follow-up probes) and the report of one diagnosis."""
    for name, seconds in sorted(result.timings.items(), key=lambda item: item[1]):
        say(f"  {_PROBE_WORDS.get(name, name)} ({seconds:.1f} s)")

    say("reasoning over what was seen …")
    runner = result.follow_ups(probe_options)

    def follow_up(request: Any) -> list[Fact]:
        say(f"  one more look: {request.name} {request.arguments}")
        try:
            return list(runner(request))
        except Exception as exc:  # noqa: BLE001 - a note in the report: scrubbed, and not the end of the diagnosis
            raise MailexpertError(runner.transcript.scrub(f"{type(exc).__name__}: {exc}")) from None

    seen, seen_notes = _what_the_user_sees(result.account, options.symptom, options.error)
    # The error text is the user's paste: it may hold the password given for this diagnosis.
    scrub = runner.transcript.scrub
    seen, seen_notes = list(scrub_facts(seen, scrub)), [scrub(note) for note in seen_notes]
    facts = [*(_with_username_origin(f, username_origin) for f in result.facts), *config_facts, *seen]
    reasoning = await asyncio.to_thread(
        reason, rulebase, facts, runner=follow_up, answers=options.answers, answerer=options.answerer
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
    report = build_report(reasoning, account=summary, timings=timings,
                          notes=[*seen_notes, *assumed, *result.errors])
    if options.save_facts is not None:
        from mailexpert.bundle import save_bundle

        save_bundle(options.save_facts, reasoning.facts, account=summary, answers=options.answers)
    return report


def _with_username_origin(f: Fact, origin: str | None) -> Fact:
    """The identity fact says where the user name came from when it was read from a client file
    (a damaged file then explains the logins it makes fail)."""
    if origin is None or f.kind != "account.identity":
        return f
    from mailexpert.facts import fact

    return fact("account.identity", **dict(f.items), username_origin=origin)


def _what_the_user_sees(account: Account, symptom: str | None, error: str | None) -> tuple[list[Fact], list[str]]:
    """The symptom and the error text as facts, and notes on how they were understood. The
    error text is read as coming from the one given server it can belong to (by its
    protocol), else from no server in particular."""
    from mailexpert import tlsclients
    from mailexpert.errors import InputError
    from mailexpert.explain import recognise
    from mailexpert.facts import fact

    facts: list[Fact] = []
    notes: list[str] = []
    if symptom is not None:
        facts.append(fact("user.symptom", symptom=symptom))
        notes.append(f"you said: {symptom}")
    if error is None:
        return facts, notes
    try:
        first = recognise(error)
    except InputError as exc:
        notes.append(f"the error text given was not recognised ({exc}); diagnosed from the probes alone")
        return facts, notes
    protocols = {str(f.get("protocol")) for f in first.facts if f.get("protocol") in ("imap", "pop3", "smtp")}
    given = [s for s in account.settings if s.origin in ("option", "client-config")] or list(account.settings)
    candidates = [s for s in given if not protocols or s.protocol in protocols]
    setting = candidates[0] if len(candidates) == 1 else None
    recognised = recognise(error, setting=setting) if setting is not None else first
    facts += recognised.facts
    facts += tlsclients.named_platforms(error)
    where = f" from the {setting.protocol.upper()} server {setting}" if setting is not None else ""
    notes.append(f"the error text given was recognised as {recognised.what}{where}")
    return facts, notes


def diagnose(account: Account | str, options: DiagnoseOptions | None = None, /, **keywords: Any) -> Report:
    """:func:`diagnose_async` for synchronous callers (also from inside a running event loop)."""
    from mailexpert.collect import _run_sync

    account, options = from_keywords(account, options, keywords)  # bad options fail here, in the caller
    report: Report = _run_sync(lambda: diagnose_async(account, options))
    return report
