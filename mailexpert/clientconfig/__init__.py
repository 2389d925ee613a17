"""Importing mail clients' configuration files into account settings and facts.

Four formats: Thunderbird ``prefs.js``, msmtp's ``msmtprc``, isync's ``.mbsyncrc`` and
Mozilla autoconfig ``config-v1.1.xml``. :func:`import_config` reads one file (the format is
told by the name, else by the content) into an :class:`ImportedConfig`::

    cfg = import_config("~/.thunderbird/abcd.default/prefs.js")
    cfg.status                       # ok | inconsistent | corrupt
    cfg.settings_for("a@example.org")  # {"imap": ServerSetting(origin="client-config"), "smtp": ...}
    cfg.account_for("a@example.org").username
    cfg.context_facts()              # client.config (+ client.info): evidence for the rules
    cfg.facts_for("a@example.org")   # the same plus account.setting (origin client-config)

``diagnose()`` puts the imported settings in its Account (so their ``account.setting`` facts
come from there) and adds :func:`client_config_facts`.

Damage and contradictions inside the file are *findings* (``client.config`` facts with
``status`` corrupt or inconsistent and ``problem`` = ``file:line[:col]: what``), because a
damaged configuration is itself a cause (``client-config-corrupt``). A file that cannot be
read at all raises :class:`~mailexpert.errors.ClientConfigError` (exit status 2).
Passwords stored in the files are never read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from mailexpert.clientconfig._base import (
    FORMATS,
    ClientInfo,
    ImportedAccount,
    ImportedConfig,
    Problem,
    read_config_text,
)
from mailexpert.errors import ClientConfigError
from mailexpert.facts import Fact

__all__ = [
    "FORMATS",
    "ClientInfo",
    "ImportedAccount",
    "ImportedConfig",
    "Problem",
    "client_config_facts",
    "detect_format",
    "import_config",
    "import_configs",
    "parse_config",
]


def detect_format(path: str | os.PathLike[str], text: str | None = None) -> str:
    """The format of a file, from its name, else from its first statements."""
    name = Path(path).name.lower()
    if (name.startswith("prefs") and name.endswith(".js")) or name == "user.js":
        return "thunderbird"
    if "msmtprc" in name or (name == "config" and Path(path).parent.name == "msmtp"):
        return "msmtp"
    if "mbsyncrc" in name or "isyncrc" in name or (name == "config" and Path(path).parent.name == "isync"):
        return "mbsync"
    if name.endswith(".xml"):
        return "autoconfig"
    if text is not None:
        head = text[:20000]
        if re.search(r"^\s*(user_pref|pref|sticky_pref)\s*\(", head, re.MULTILINE):
            return "thunderbird"
        if re.search(r"^\s*<(\?xml|clientConfig)\b", head, re.MULTILINE):
            return "autoconfig"
        if re.search(r"^\s*(IMAPAccount|IMAPStore|MaildirStore|Channel)\s", head, re.MULTILINE | re.IGNORECASE):
            return "mbsync"
        if re.search(r"^\s*(account|defaults)\b", head, re.MULTILINE) and re.search(r"^\s*host\s", head, re.MULTILINE):
            return "msmtp"
    raise ClientConfigError(
        f"client configuration {str(path)!r}: cannot tell which client wrote it; known formats: Thunderbird "
        "prefs.js, msmtprc, .mbsyncrc, autoconfig config-v1.1.xml (name the file accordingly)")


def parse_config(text: str, path: str = "<config>", format: str | None = None) -> ImportedConfig:  # noqa: A002
    """Import configuration text already read (``format`` is detected when not given)."""
    fmt = format or detect_format(path, text)
    if fmt not in FORMATS:
        raise ClientConfigError(f"unknown client configuration format {fmt!r} (known: {', '.join(FORMATS)})")
    from mailexpert.clientconfig import autoconfig, mbsync, msmtp, thunderbird

    readers = {"thunderbird": thunderbird.read, "msmtp": msmtp.read, "mbsync": mbsync.read, "autoconfig": autoconfig.read}
    return readers[fmt](path, text)


def import_config(path: str | os.PathLike[str], format: str | None = None) -> ImportedConfig:  # noqa: A002
    """Read and import one client configuration file."""
    text = read_config_text(path)
    return parse_config(text, str(path), format)


def import_configs(paths: Iterable[str | os.PathLike[str]]) -> list[ImportedConfig]:
    return [import_config(p) for p in paths]


def client_config_facts(configs: Iterable[ImportedConfig], email: str | None = None) -> list[Fact]:
    """The evidence of several imported files: ``client.config`` and ``client.info`` facts.

    No ``account.setting`` facts: a caller that uses the imported settings puts them in its
    :class:`~mailexpert.account.Account` (origin ``client-config``), whose facts say them
    once; :meth:`ImportedConfig.facts_for` gives the settings as facts for other uses."""
    facts: list[Fact] = []
    for cfg in configs:
        facts.extend(cfg.context_facts())
    return list(dict.fromkeys(facts))
