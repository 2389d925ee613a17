"""The accuracy matrix: every lab fault × which settings the user gives × the DNS world.

A *case* is one lab scenario (a fault, or a pair of faults where one is the root) in one
DNS world (see :data:`mailexpert.lab.lab.WORLDS`: "exact" publishes SRV records only for
the services that run, "stale" also for services that do not), diagnosed three times on
the same running lab, once per *cell*:

- ``faulty``: only the settings of the protocols the fault touches are given (the others
  are discovered);
- ``all``: IMAP, POP3 and SMTP are all given;
- ``address``: nothing but the e-mail address.

The expected top cause is the scenario's cause in the first two cells. With the address
alone, a mistake that lives in the settings (a typo, a wrong port or mode) is gone --
discovery finds the right servers -- and so is a fault on a port that discovery routes
around (a service that does not run, a filtered port with a working alternative); then the
expected outcome is what remains: the second fault of a pair, or nothing (exit status 0).
Which is which is computed here from the scenario's faults and settings, never from a run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from mailexpert.lab import faults as faultmod
from mailexpert.lab.faults import Fault
from mailexpert.lab.plan import PORT_ROLES
from mailexpert.lab.scenarios import IMAPS, SCENARIOS, SUBMISSION, Scenario

WORLD_NAMES: tuple[str, ...] = ("exact", "stale")
CELLS: tuple[str, ...] = ("faulty", "all", "address")
PROTOCOLS = ("imap", "pop3", "smtp")
#: Discovery's candidates on the domain's mail host, most trusted first (SRV, implicit TLS first).
DISCOVERY_ORDER = {"imap": (993, 143), "smtp": (465, 587)}
#: Ports the named worlds take down (see WORLDS).
WORLD_DOWN = frozenset({465})


def _pair(id_: str, root: str, second: str, description: str, **changes: Any) -> Scenario:
    """A scenario with the faults (and settings) of ``root`` and ``second``; ``root`` comes first."""
    a, b = SCENARIOS[root], SCENARIOS[second]
    merged = {k: v for k, v in attrs.asdict(b, recurse=False).items()
              if k in ("password", "username", "answers")}
    fields: dict[str, Any] = dict(
        id=id_, description=description, expected_cause=a.expected_cause,
        faults=(*a.faults, *b.faults), also_causes=(str(b.expected_cause),),
        imap=a.imap, pop3=a.pop3, smtp=a.smtp,
        password=a.password if a.password != "right" else merged["password"],
        username=a.username or merged["username"],
    )
    fields.update(changes)
    return Scenario(**fields)


#: Pairs of faults where the first is the root: it hides or causes the second.
PAIRS: tuple[Scenario, ...] = (
    _pair("pair-dns-outage+cert-expired", "dns-outage", "cert-expired", "Nothing resolves; the certificate expired too."),
    _pair("pair-typo+cert-expired", "server-host-typo", "cert-expired", "A typo in the host; the certificate expired too."),
    _pair("pair-typo+password-rejected", "server-host-typo", "password-rejected", "A typo in the host and the password."),
    _pair("pair-typo+port-blocked", "server-host-typo", "port-blocked-outbound", "A typo; port 993 is dropped too."),
    # The wrong mode on every server given: no login is even tried until the mode is fixed.
    _pair("pair-wrong-mode+password-rejected", "tls-on-plaintext-port", "password-rejected",
          "SSL on the STARTTLS ports, and a wrong password.",
          imap="mail.example.test:143/ssl", smtp="mail.example.test:587/ssl"),
    _pair("pair-plain-on-tls+password-rejected", "plaintext-on-tls-port", "password-rejected",
          "STARTTLS on the implicit-TLS ports, and a wrong password.",
          imap="mail.example.test:993/starttls", pop3="mail.example.test:995/starttls", smtp=None),
)


def matrix_scenarios() -> tuple[Scenario, ...]:
    """Every reproducible lab scenario (one per cause, the lab's combinations), then the pairs."""
    return (*(s for s in SCENARIOS.values() if s.reproducible or s.answers), *PAIRS)


def _used(scenario: Scenario) -> tuple[str, ...]:
    return tuple(p for p in PROTOCOLS if getattr(scenario, p) is not None)


def _fault_protocols(fault: Fault) -> set[str]:
    if fault.layer in ("dns", "zone", "hosts", "web", "proxy"):  # a name every protocol uses
        return set(PROTOCOLS)
    sel = faultmod.selector(fault)
    ports = sel.ports if sel.ports is not None else PORT_ROLES
    return {PORT_ROLES[p][0] for p in ports if p in PORT_ROLES and PORT_ROLES[p][0] in PROTOCOLS}


def _settings_level(scenario: Scenario) -> set[str]:
    """Protocols whose setting is itself the mistake (not the lab's usual one)."""
    usual = {"imap": IMAPS, "smtp": SUBMISSION}
    out = {p for p in ("imap", "smtp") if getattr(scenario, p) not in (None, usual[p])}
    if scenario.auth_mechanism:
        out |= set(_used(scenario))
    if scenario.smtp_auth == "none":
        out.add("smtp")
    return out


def faulty_protocols(scenario: Scenario, given: dict[str, str] | None = None) -> tuple[str, ...]:
    """The protocols the scenario's faults or mistakes touch, among those it uses (or those
    ``given``: a setting on a mistaken host name is as faulty as the one it was made from)."""
    used = tuple(given) if given is not None else _used(scenario)
    touched = set(_settings_level(scenario))
    wrong_hosts = {_host(getattr(scenario, p)) for p in touched if getattr(scenario, p)} - {"mail.example.test"}
    touched |= {p for p, text in (given or {}).items() if _host(text) in wrong_hosts}
    for fault in scenario.faults:
        touched |= _fault_protocols(fault)
    if scenario.password != "right" or scenario.username or scenario.auth != "password" or scenario.answers:
        touched |= set(used)
    chosen = tuple(p for p in used if p in touched)
    return chosen or used


def _host(setting: str) -> str:
    return setting.split(":", 1)[0].split("/", 1)[0]


def cell_settings(scenario: Scenario, cell: str) -> dict[str, str]:
    """The server settings the user gives in ``cell`` (HOST:PORT/MODE strings)."""
    if cell == "address":
        return {}
    given = {p: getattr(scenario, p) for p in _used(scenario)}
    if cell == "faulty":
        return {p: given[p] for p in faulty_protocols(scenario)}
    host = _host(given.get("imap") or given.get("pop3") or given["smtp"])
    return {
        "imap": given.get("imap") or f"{host}:993/ssl",
        "pop3": given.get("pop3") or f"{host}:995/ssl",
        "smtp": given.get("smtp") or f"{host}:587/starttls",
    }


def _discovered_port(faults: Sequence[Fault], protocol: str) -> int:
    """The port discovery settles on for ``protocol`` on the mail host: the most trusted
    candidate that is not plainly dead (refused on every address), else the most trusted one."""
    order = DISCOVERY_ORDER[protocol]
    for port in order:
        if not all(faultmod.path_fault(faults, "mail", port, family) == "closed" for family in ("v4", "v6")):
            return port
    return order[0]


#: Faults that only a login without encryption meets; discovered settings always use TLS.
CLEARTEXT_ONLY = frozenset({"plaintext-auth", "reset-after-auth"})


def _touches(fault: Fault, endpoints: Iterable[tuple[str, int]], *, discovered: bool = False) -> bool:
    if discovered and fault.kind in CLEARTEXT_ONLY:
        return False
    if fault.layer in ("dns", "zone", "hosts", "web", "proxy"):  # a name every protocol uses
        return fault.kind != "ipv6"  # a second address alone is no fault
    sel = faultmod.selector(fault)
    return any(sel.matches("mail", port, family) for _, port in endpoints for family in ("v4", "v6"))


def expected(scenario: Scenario, cell: str, world: str | None = "exact") -> str | None:
    """The cause that must come first in ``cell``; None: nothing may be an error."""
    if cell != "address":
        return _root_or_second(scenario, cell)
    faults = (*scenario.faults, *(Fault("closed", f"mail:{p}") for p in WORLD_DOWN if world))
    endpoints = [(p, _discovered_port(faults, p)) for p in ("imap", "smtp")]
    second = SCENARIOS.get(scenario.also_causes[0]) if scenario.also_causes else None
    # What belongs to the root: its faults and mistakes, not those of the second fault.
    own_faults = [f for f in scenario.faults if second is None or f not in second.faults]
    wrong_password = scenario.password != "right" and (second is None or second.password == "right")
    own_account = bool(scenario.username or scenario.answers) and (second is None or not second.username)
    if wrong_password or own_account or any(_touches(f, endpoints, discovered=True) for f in own_faults):
        return scenario.expected_cause
    # The root was in the settings (or on a port discovery avoids): what remains is the
    # second fault of a pair, if it shows with the discovered settings.
    if second is not None:
        return expected(second, "address", world)
    if scenario.also_causes:
        return scenario.also_causes[0]
    return None


def _root_or_second(scenario: Scenario, cell: str) -> str | None:
    """The root of a pair comes first, unless the second fault stops more of the settings given
    (the root hides the second only where it strikes itself)."""
    second = SCENARIOS.get(scenario.also_causes[0]) if scenario.also_causes else None
    if second is None or _settings_level(scenario) or not second.faults:
        return scenario.expected_cause
    given = [(p, int(t.split(":", 1)[1].split("/", 1)[0])) for p, t in cell_settings(scenario, cell).items()
             if _host(t) == "mail.example.test" and ":" in t]
    root = {g for g in given for f in scenario.faults if f not in second.faults and _touches(f, [g])}
    rest = {g for g in given for f in second.faults if _touches(f, [g])} - root
    return second.expected_cause if len(rest) > len(root) else scenario.expected_cause


@attrs.frozen
class Result:
    scenario: str
    world: str
    cell: str
    expected: str | None
    top: str | None
    exit_status: int
    false_errors: tuple[str, ...]  # error-severity causes about only healthy given settings
    seconds: float

    @property
    def ok(self) -> bool:
        if self.expected is None:
            return self.exit_status == 0
        return self.top == self.expected


async def run_case(scenario: Scenario, world: str, *, timeout: float = 2.0,
                   cells: Sequence[str] = CELLS) -> list[Result]:
    """Start one lab for (scenario, world) and diagnose every cell on it, concurrently."""
    import time

    from mailexpert.account import ServerSetting
    from mailexpert.lab.lab import Lab
    from mailexpert.pipeline import diagnose_async

    lab = Lab(scenario, world=world)
    await asyncio.to_thread(lab.start)
    try:
        target = lab.target
        async def one(cell: str) -> Result:
            started = time.monotonic()
            given = cell_settings(scenario, cell)
            faulty = set(faulty_protocols(scenario, given))
            auth = {p: s for p, s in target.server_settings().items()}
            settings = {}
            for protocol, text in given.items():
                setting = ServerSetting.parse(protocol, text)
                if protocol in auth:
                    setting = attrs.evolve(setting, auth_method=auth[protocol].auth_method,
                                           mechanism=auth[protocol].mechanism)
                settings[protocol] = setting
            # A user who set a server up without encryption lets mailexpert log in that way too.
            cleartext = any(t.endswith("/plain") for t in given.values())
            options = target.diagnose_options(timeout=timeout, imap=None, pop3=None, smtp=None,
                                              allow_insecure_login=cleartext)
            options.update(settings)
            report = await diagnose_async(target.email, **options)
            roots = report.root_causes
            healthy = {p for p in given if p not in faulty}
            false_errors = tuple(
                d.cause for d in report.diagnoses
                if d.severity == "error" and d.concerns and all(c.split(" ", 1)[0] in healthy for c in d.concerns)
            )
            return Result(scenario.id, world, cell, expected(scenario, cell, world),
                          roots[0].cause if roots else None, report.exit_status, false_errors,
                          time.monotonic() - started)

        return list(await asyncio.gather(*(one(c) for c in cells)))
    finally:
        await asyncio.to_thread(lab.stop)
