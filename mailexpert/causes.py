"""The cause catalogue: the built-in ``rules/causes.yaml`` and the ``causes.yaml`` of user rule folders.

A cause is what the user reads as the name of a problem; rules diagnose causes. A folder's
causes extend the catalogue; an id that clashes with a built-in one is refused unless the
folder says it ``overrides`` it. Every problem is a positioned :class:`RuleFileError`.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mailexpert import userfile
from mailexpert.errors import RuleFileError
from mailexpert.facts import _suggest, data_dir
from mailexpert.rulemodel import SEVERITIES, Cause
from mailexpert.textsafe import shown

#: The file of a rule folder that declares causes instead of holding a rule.
CAUSES_FILE = "causes.yaml"
#: The subfolder of a rule folder that holds recorded cases (fact bundles, JSON or YAML) for its
#: features (``rules new --from-bundle`` puts them there): no rule file is read from it.
CASES_DIR = "cases"
_CAUSE_KEYS = {"id", "area", "title", "fix", "severity", "overrides", "fallback"}
_CAUSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: What each required key of a cause holds, said when it is missing or empty.
_NEEDED = {
    "id": "lower case letters, digits and '-', the name rules and reports use",
    "area": "a built-in area (firewall, tls, server-side, ...) or one of your own",
    "title": "the problem in one line, as the user reads it",
    "fix": "what the user should do about it, in one sentence",
}


def _is_causes_file(path: Path) -> bool:
    return path.name in (CAUSES_FILE, "causes.yml")


def _read_causes(path: Path, *, builtin: bool) -> tuple[list[tuple[Cause, bool]], list[RuleFileError]]:
    """The causes one ``causes.yaml`` declares, each with its ``overrides`` flag, and its errors."""
    from mailexpert import yamlsource  # not needed when the catalogue comes from the cache

    errors: list[RuleFileError] = []

    def error(message: str, node: Any = None, key: Any = None, *, value: bool = False) -> None:
        line, col = yamlsource.position(node, key, value=value) if node is not None else (None, None)
        errors.append(RuleFileError(message, path=path, line=line, column=col))
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            errors[-1].cause = node["id"]  # the declaration is faulty, not missing (RuleFileError.cause)

    try:
        doc = yamlsource.load_file(path, RuleFileError, userfile.LIMITS["rules"])
    except RuleFileError as exc:
        return [], [exc]
    what = "a causes file holds 'causes:', a list of {id, area, title, fix, severity}"
    if not isinstance(doc, dict):
        return [], [yamlsource.not_a_mapping(doc, path, RuleFileError, what)]
    if not isinstance(doc.get("causes"), list):
        error(what, doc, "causes" if "causes" in doc else None, value="causes" in doc)
        return [], errors
    out: list[tuple[Cause, bool]] = []
    for i, item in enumerate(doc["causes"]):
        if not isinstance(item, dict):
            error("each cause is a mapping: id, area, title, fix (and optionally severity, overrides)",
                  doc["causes"], i, value=True)
            continue
        before = len(errors)
        for key in item:
            if key not in _CAUSE_KEYS:
                error(f"unknown key {shown(key)}{_suggest(str(key), _CAUSE_KEYS)} (known: {', '.join(sorted(_CAUSE_KEYS))})",
                      item, key)
        for key, what in _NEEDED.items():
            if not isinstance(item.get(key), str) or not item.get(key, "").strip():
                error(f"a cause needs '{key}' (text): {what}", item, key if key in item else None, value=key in item)
        if isinstance(item.get("id"), str) and not _CAUSE_ID.match(item["id"]):
            error(f"cause id {shown(item['id'])} must be lower case letters, digits and '-'", item, "id", value=True)
        if "severity" in item and item["severity"] not in SEVERITIES:
            error(f"severity {shown(item['severity'])} is not one of {', '.join(SEVERITIES)}", item, "severity", value=True)
        if "overrides" in item and not isinstance(item["overrides"], bool):
            error("overrides is true or false", item, "overrides", value=True)
        elif not builtin and item.get("overrides") is True and isinstance(item.get("id"), str):
            # The built-in rules that diagnose it are checked against the declaration that wins:
            # another area would make each of them an error, at a file the author cannot edit.
            base = cause_catalogue().get(item["id"])
            if base is not None and isinstance(item.get("area"), str) and item["area"] != base.area:
                error(f"cause {shown(item['id'])} overrides a built-in cause, whose rules are in the area "
                      f"{shown(base.area)}: keep 'area: {base.area}'", item, "area", value=True)
        if len(errors) > before:
            continue
        line, column = yamlsource.position(item, "id", value=True)
        out.append((Cause(item["id"], item["area"], item["title"], " ".join(item["fix"].split()),
                          item.get("severity"), str(path), line, builtin, bool(item.get("fallback")), column),
                    bool(item.get("overrides"))))
    return out, errors


@functools.cache
def cause_catalogue() -> dict[str, Cause]:
    """The built-in causes (``causes.yaml`` of the built-in rule folder), kept in the cache of
    :mod:`mailexpert.rulecache` while the file and its readers are unchanged."""
    from mailexpert import rulecache

    path = data_dir("rules") / CAUSES_FILE

    def read() -> dict[str, Cause]:
        causes, errors = _read_causes(path, builtin=True)
        if errors:
            raise errors[0]
        return {c.id: c for c, _ in causes}

    here = Path(__file__).resolve().parent
    inputs = [path, *(here / name for name in ("causes.py", "rulemodel.py", "yamlsource.py"))]
    return rulecache.cached("causes", inputs, rulecache.Codec([Cause]), read)


def causes_files(folders: Iterable[str | Path]) -> list[Path]:
    """Every ``causes.yaml`` in the folders (a folder's own and its subfolders'), built-in excluded.
    A rule file given alone comes with the ``causes.yaml`` beside it, which declares its cause
    (``rules lint my-rules/my-cause.yaml``)."""
    builtin = data_dir("rules").resolve()
    out: list[Path] = []
    for folder in folders:
        folder = Path(folder)
        if folder.is_file():
            beside = [folder] if _is_causes_file(folder) else [folder.parent / CAUSES_FILE, folder.parent / "causes.yml"]
            out.extend(p for p in beside if p.is_file() and p.resolve().parent != builtin)
        elif folder.is_dir() and folder.resolve() != builtin:
            out.extend(p for p in userfile.folder_files(folder, lambda where, reason: RuleFileError(reason, path=where))
                       if _is_causes_file(p))
    unique: dict[Path, Path] = {}  # a file and its folder both given: read it once
    for path in out:
        unique.setdefault(Path(os.path.realpath(path)), path)
    return list(unique.values())


def load_causes(folders: Iterable[str | Path] = ()) -> tuple[dict[str, Cause], list[RuleFileError]]:
    """The built-in causes plus those the folders declare. A folder's cause may not reuse a
    built-in id unless it says ``overrides: true``, nor an id another folder declares."""
    causes = dict(cause_catalogue())
    errors: list[RuleFileError] = []
    declared: dict[str, Cause] = {}
    for path in causes_files(folders):
        found, errs = _read_causes(path, builtin=False)
        errors.extend(errs)
        for cause, overrides in found:
            if cause.id in declared:
                errors.append(RuleFileError(f"cause {shown(cause.id)} is declared twice (also in {declared[cause.id].path}:"
                                            f"{declared[cause.id].line})", path=path, line=cause.line,
                                            column=cause.column))
                continue
            builtin = cause_catalogue().get(cause.id)
            if builtin is not None and not overrides:
                errors.append(RuleFileError(
                    f"cause {shown(cause.id)} is a built-in cause ({shown(builtin.title)}); choose another id, "
                    "or add 'overrides: true' to replace the built-in one", path=path, line=cause.line,
                    column=cause.column))
                continue
            if builtin is None and overrides:
                errors.append(RuleFileError(f"cause {shown(cause.id)} overrides no built-in cause; remove 'overrides'",
                                            path=path, line=cause.line, column=cause.column))
                continue
            declared[cause.id] = cause
            causes[cause.id] = cause
    return causes, errors


def folder_causes(folders: Iterable[str | Path]) -> dict[str, Cause]:
    """Only the causes the (user) folders declare themselves."""
    causes, _ = load_causes(folders)
    return {i: c for i, c in causes.items() if not c.builtin}
