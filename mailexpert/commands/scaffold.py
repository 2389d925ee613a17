"""``mailexpert rules new``: scaffold a cause from a pasted reply or a recorded case.

Writes three things into a rule folder: the cause's declaration (appended to the folder's
``causes.yaml``), one rule file that diagnoses it with an example it fires on and a near
miss it stays silent on, and a feature scenario that reads as its page of the manual. The
rule matches the facts mailexpert recognises in the text (or the evidence of the recorded
diagnosis), and supersedes whatever the built-in rules concluded from the same facts, so
that ``explain --rules DIR TEXT`` (or ``replay --rules DIR FILE``) names the new cause first.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mailexpert import userfile
from mailexpert.causes import CASES_DIR, CAUSES_FILE, cause_catalogue
from mailexpert.errors import InputError, SettingsError
from mailexpert.facts import Fact, default_catalog
from mailexpert.rulefile import PLACEHOLDER

#: The first fix step the scaffold writes; its feature checks the report says it.
_FIRST_STEP = f"{PLACEHOLDER} the first thing to do."

#: Fields that name where a fact was seen rather than what it says: a rule about a cause
#: must not depend on them (the same reply comes from any host and port, pasted or probed).
_WHERE_FIELDS = frozenset({"host", "port", "elapsed_ms", "source", "stage", "origin", "address", "family"})
#: Values the text recogniser fills in when the text does not say (see mailexpert/explain.py).
_UNSAID = ("unknown", "unchecked")
#: Free-text fields whose words a rule matches (case-insensitively) instead of comparing them.
_TEXT_FIELDS = ("text", "reason", "detail", "message")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: Fields that join the facts of one case: a later fact on the same host or port as an earlier
#: one refers to it (``{ref: seen.host}``), so the rule holds for any host, and on one host.
_JOIN_FIELDS = ("host", "port")
#: What differs between two occurrences of the same reply: addresses, host names, IP
#: addresses, numbers. The rule matches any value there, not the one case's.
_VARIABLE = re.compile(
    r"(?P<address>[^\s<>()\[\]\"',;:@]+@[^\s<>()\[\]\"',;:]+)"
    r"|(?P<ip>\b\d{1,3}(?:\.\d{1,3}){3}\b|\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\b)"
    r"|(?P<host>\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,63}\b)"
    r"|(?P<number>\b\d+\b)",
    re.IGNORECASE,
)
_ANY = {"address": r"[^\s<>@]+@[^\s<>]+", "ip": r"[0-9a-f.:]+", "host": r"[\w.-]+", "number": r"\d+"}


def scaffold(cause_id: str, *, into: Path, reply: str | None = None, bundle: str | None = None,
             title: str | None = None, area: str = "local") -> list[Path]:
    """Write the cause, its rule and its feature into ``into``; return the files written."""
    from mailexpert.causes import load_causes

    if not _ID.match(cause_id):
        raise SettingsError(f"rules new: the id {cause_id!r} must be lower case letters, digits and '-'")
    if not _ID.match(area):
        raise SettingsError(f"rules new: the area {area!r} must be lower case letters, digits and '-'")
    if cause_id in cause_catalogue():
        raise SettingsError(f"rules new: {cause_id!r} is a built-in cause; choose a new id")
    if into.exists() and not into.is_dir():
        raise SettingsError(f"rules new: --into {str(into)!r} is not a folder")
    if cause_id in load_causes([into])[0]:
        raise SettingsError(f"rules new: {into / CAUSES_FILE} already declares {cause_id!r}")
    rule_path, feature_path = into / f"{cause_id}.yaml", into / f"{cause_id}.feature"
    for path in (rule_path, feature_path):
        if path.exists():
            raise SettingsError(f"rules new: {path} exists already; remove it or choose another id")

    if reply is not None:
        from mailexpert.explain import explain, explain_facts

        if not reply.strip():
            raise SettingsError("rules new: --from-reply needs the text of the reply")
        try:
            facts = explain_facts(reply)
        except InputError as exc:  # explain's own words, said as this command's
            raise SettingsError(f"rules new: --from-reply: {str(exc).removeprefix('explain: ')}") from None
        report = explain(reply)
        key_facts = facts[-1:]
        case_file = None
    else:
        from mailexpert.api import diagnose_facts
        from mailexpert.bundle import load_bundle

        loaded = load_bundle(bundle)  # type: ignore[arg-type]
        report = diagnose_facts(loaded.facts, answers=loaded.answers, account=loaded.account)
        key_facts = _distinctive(report)
        facts = list(loaded.facts)
        case_file = Path(bundle)  # type: ignore[arg-type]
    if not key_facts:
        raise SettingsError("rules new: nothing in it stands out as evidence; try --from-reply with the server's words")

    text = next((_words(str(f[k])) for f in key_facts for k in _TEXT_FIELDS if k in f), None)
    if title is None:
        # The server's words say what the cause is; a recorded case only says it through its id.
        title = (f"The server says: {_shorten(_VARIABLE.sub('…', text), 70)}" if text and reply is not None
                 else cause_id.replace("-", " ").capitalize())
    supersedes = sorted({d.cause for d in report.diagnoses if d.severity != "info"})
    into.mkdir(parents=True, exist_ok=True)  # only now: a text not recognised leaves no empty folder behind
    written = [_write_cause(into, cause_id, title, area)]
    rule_path.write_text(_rule_text(cause_id, title, area, key_facts, facts, supersedes), encoding="utf-8")
    written.append(rule_path)
    if case_file is not None:
        cases = into / CASES_DIR
        cases.mkdir(exist_ok=True)
        target = cases / f"{cause_id}{case_file.suffix or '.json'}"
        shutil.copyfile(case_file, target)
        written.append(target)
        when = f'When I replay the recorded case "{target.relative_to(into)}"'
    else:
        when = "When I paste what the server said:\n      \"\"\"\n" + "".join(
            f"      {line}\n" for line in reply.strip().splitlines()) + '      """'  # type: ignore[union-attr]
    feature_path.write_text(_feature_text(cause_id, title, when), encoding="utf-8")
    written.append(feature_path)
    return written


def _distinctive(report: Any) -> list[Fact]:
    """The observed (not derived) facts the most likely cause rests on, one per kind."""
    catalog = default_catalog()
    roots = [d for d in report.root_causes if d.severity != "info"] or list(report.diagnoses)
    if not roots:
        return []
    out: dict[str, Fact] = {}
    for f in roots[0].evidence:
        spec = catalog.kinds.get(f.kind)
        if spec is not None and spec.family != "derived" and f.kind not in out:
            out[f.kind] = f
    return list(out.values())


def _patterns(key_facts: Sequence[Fact], aliases: Sequence[str]) -> list[dict[str, Any]]:
    """One pattern per key fact: what it says, joined to the earlier ones by host and port."""
    joins: dict[tuple[str, Any], str] = {}
    out = []
    for f, alias in zip(key_facts, aliases, strict=True):
        where: dict[str, Any] = {}
        for name in _JOIN_FIELDS:
            value = f.get(name)
            if value is None or value in _UNSAID or (name == "port" and value == 0):  # 0: a text named no port
                continue
            if (name, value) in joins:
                where[name] = {"ref": joins[(name, value)]}
            elif name == "port":
                where[name] = value  # which port is part of what was seen (port 25 blocked); a host is not
            joins.setdefault((name, value), f"{alias}.{name}")
        for name, value in f.items:
            if name in _WHERE_FIELDS or value in _UNSAID or value is None:
                continue
            if name in _TEXT_FIELDS and isinstance(value, str):
                words = _shorten(_words(value).strip(), 160, mark="")
                if words:
                    where[name] = {"matches": _text_pattern(words)}
                elif not value:
                    # The reply said nothing after its code (a firewall that masks a greeting's words
                    # with '*'): that is what was seen, or the rule would fire on every such code.
                    where[name] = ""
                continue
            if isinstance(value, str) and len(value) > 80:
                continue
            where[name] = value
        out.append({"fact": f.kind, "as": alias, "where": dict(sorted(where.items()))})
    return out


def _text_pattern(words: str) -> str:
    """A case-insensitive pattern for the words, any spacing, with :data:`_VARIABLE` parts open."""
    parts, at = [], 0
    for m in _VARIABLE.finditer(words):
        parts += [_literal(words[at:m.start()]), _ANY[m.lastgroup or "number"]]
        at = m.end()
    parts.append(_literal(words[at:]))
    return "(?i)" + "".join(parts)


def _literal(text: str) -> str:
    return r"\s+".join(re.escape(piece) for piece in re.split(r"\s+", text))


def _shorten(text: str, limit: int, mark: str = "…") -> str:
    """At most ``limit`` characters, cut between words."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + mark


def _words(text: str) -> str:
    """The words of a reply without its SMTP reply code and enhanced status code."""
    return re.sub(r"^\s*(?:[0-9]{3}[ -])?(?:[245]\.[0-9]{1,3}\.[0-9]{1,3}\s+)?", "", text)


def _telling(key_facts: Sequence[Fact]) -> Fact:
    """The fact that says what went wrong (a reply's words, a connection's outcome), for the near
    miss to change; the last one, as the failure comes after the settings it happened on."""
    return next((f for f in reversed(key_facts) if any(k in f for k in (*_TEXT_FIELDS, "outcome"))), key_facts[0])


def _near_miss(f: Fact) -> dict[str, Any]:
    """The same fact, saying something else: the rule must stay silent on it."""
    data = f.as_dict()
    for name in _TEXT_FIELDS:
        if name in data:
            data[name] = "Requested action completed"
            return data
    spec = default_catalog().kinds[f.kind]
    if "outcome" in data and spec.fields["outcome"].type == "enum":
        data["outcome"] = next(v for v in spec.fields["outcome"].values if v != data["outcome"])
        for name in ("error", "reason"):  # what only the failure had
            if name in data and not spec.fields[name].required:
                del data[name]
        return data
    for name, value in f.items:
        field = spec.fields[name]
        if name not in _WHERE_FIELDS and field.type == "enum":
            data[name] = next(v for v in field.values if v != value)
            return data
    return data


def _write_cause(into: Path, cause_id: str, title: str, area: str) -> Path:
    path = into / CAUSES_FILE
    entry = (f"  - id: {cause_id}\n    area: {area}\n    severity: error\n    title: {json.dumps(title)}\n"
             f"    fix: \"{PLACEHOLDER} the one thing the user should do, in a support person's words.\"\n")
    if path.exists():
        data = userfile.read_bytes(path, userfile.LIMITS["rules"], lambda reason: SettingsError(f"{path}: {reason}"))
        text = data.decode("utf-8", errors="replace")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + entry, encoding="utf-8")
    else:
        path.write_text("# Causes this folder's rules diagnose (mailexpert rules docs DIR documents them).\n"
                        "causes:\n" + entry, encoding="utf-8")
    return path


def _rule_text(cause_id: str, title: str, area: str, key_facts: Sequence[Fact], facts: Sequence[Fact],
               supersedes: Sequence[str]) -> str:
    import yaml

    aliases = [f"f{i}" if i else "seen" for i in range(len(key_facts))]
    patterns = _patterns(key_facts, aliases)
    first, telling = key_facts[0], _telling(key_facts)
    shown = next((f"The server said: {{seen.{k}}}" for k in _TEXT_FIELDS if k in first), title)
    chosen = list(key_facts if len(facts) > 20 else facts)
    example = [f.as_dict() for f in chosen]
    near = [_near_miss(f) if f == telling else f.as_dict() for f in chosen]
    rule: dict[str, Any] = {
        "id": cause_id,
        "title": title,
        "area": area,
        "confidence": "likely",
        "when": {"all": patterns},
        "diagnosis": {
            "summary": shown,
            "explanation": f"{PLACEHOLDER} why this happens, in words a support person uses.",
            "fix": [_FIRST_STEP, f"{PLACEHOLDER} what to do if that does not help."],
        },
    }
    if supersedes:
        rule["supersedes"] = list(supersedes)
    rule["examples"] = {
        "fires": [{"name": "the case it was made from", "facts": example}],
        "silent": [{"name": "the same kind of fact, saying something else", "facts": near}],
    }
    header = ("# Made by `mailexpert rules new`: write what each placeholder asks for (`mailexpert rules lint`\n"
              "# lists them), then `mailexpert rules test` this folder.\n")
    body: str = yaml.safe_dump(rule, sort_keys=False, allow_unicode=True, width=110)
    return header + body


def _feature_text(cause_id: str, title: str, when: str) -> str:
    return f"""Feature: {title}
  What a support person reads about the cause `{cause_id}`: the situation, what the server
  said, and what mailexpert answers. Run it, in a checkout of mailexpert, with
  pytest tests/features --rules <this folder> -k {cause_id.replace("-", "_")}

  Scenario: {title}
    Given the user says "{PLACEHOLDER} what the user saw, in their words"
    {when}
    Then the most likely cause is "{cause_id}"
    And the first thing to do is "{_FIRST_STEP}"
"""
