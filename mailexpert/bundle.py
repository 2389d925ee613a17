"""Fact bundles: the facts of one diagnosis, saved to a file and replayed offline.

A bundle is JSON or YAML (``schema: mailexpert.facts/1``; see
``mailexpert/schema/bundle.schema.json``). ``mailexpert diagnose --save-facts`` writes one,
``mailexpert replay`` reads one, so any case can be reproduced without the network.
Every problem is reported with ``file:line:column``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:  # jsonschema is imported where it is used: most commands never check a schema
    import jsonschema

import yaml

from mailexpert import userfile, yamlsource
from mailexpert.errors import BundleError, FactError
from mailexpert.facts import Fact, FactCatalog, default_catalog

BUNDLE_SCHEMA = "mailexpert.facts/1"


@attrs.frozen
class Bundle:
    facts: tuple[Fact, ...]
    account: Mapping[str, Any] | None = None
    answers: Mapping[str, str] = attrs.field(factory=dict)
    created: str | None = None


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema

    schema = json.loads((Path(__file__).parent / "schema" / "bundle.schema.json").read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def load_bundle(path: str | Path, catalog: FactCatalog | None = None) -> Bundle:
    path = Path(path)
    return parse_bundle(yamlsource.read_text(path, BundleError, userfile.LIMITS["bundle"]), path, catalog)


def max_facts() -> int:
    """Facts in one bundle at most (the schema's ``maxItems``); a diagnosis records a few hundred."""
    return int(_validator().schema["properties"]["facts"]["maxItems"])


def _check_size(text: str, path: str | Path) -> None:
    """Refuse too many facts before building any: a streaming count of the top-level ``facts``
    items, which stops at the first one over the limit (building 75,000 facts first took
    seconds and 300 MB only to refuse them), and a document nested too deep for libyaml's
    composer (yamlsource.SAFE_NESTING). Syntax errors are left to the real parse."""
    limit = max_facts()
    depth, expecting_key, facts_next, in_facts, count = 0, True, False, False, 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            starts = isinstance(event, yaml.ScalarEvent | yaml.AliasEvent | yaml.CollectionStartEvent)
            if in_facts and depth == 2 and starts:
                count += 1
                if count > limit:
                    raise BundleError(f"too many facts (more than {limit})", path=path,
                                      line=event.start_mark.line + 1, column=event.start_mark.column + 1)
            if depth == 1 and starts:  # the top-level mapping: keys and values alternate
                if expecting_key:
                    facts_next = isinstance(event, yaml.ScalarEvent) and event.value == "facts"
                else:
                    in_facts = facts_next and isinstance(event, yaml.SequenceStartEvent)
                expecting_key = not expecting_key
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > yamlsource.MAX_DEPTH + 1:  # as yamlsource.check_nesting, in this one pass
                    raise BundleError(f"nested deeper than {yamlsource.MAX_DEPTH} levels", path=path,
                                      line=event.start_mark.line + 1, column=event.start_mark.column + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                in_facts = in_facts and depth > 1
    except yaml.YAMLError:
        return


def parse_bundle(text: str, path: str | Path = "<bundle>", catalog: FactCatalog | None = None) -> Bundle:
    catalog = catalog or default_catalog()
    _check_size(text, path)
    doc = yamlsource.load(text, path, BundleError, nesting_checked=True)

    def fail(message: str, node: Any, key: Any = None, *, value: bool = False) -> BundleError:
        line, col = yamlsource.position(node, key, value=value)
        return BundleError(message, path=path, line=line, column=col)

    if not isinstance(doc, dict):
        raise fail("a fact bundle must be a mapping with 'schema' and 'facts'", doc)
    errors = sorted(_validator().iter_errors(yamlsource.plain(doc)), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        node: Any = doc
        key: Any = None
        for step in err.absolute_path:
            child = node[step] if isinstance(node, dict | list) else None
            if isinstance(child, dict | list):
                node, key = child, None
            else:
                key = step
                break
        where = "/".join(str(p) for p in err.absolute_path) or "bundle"
        raise fail(f"{where}: {err.message}", node, key, value=key is not None)
    facts = []
    for i, raw in enumerate(doc["facts"]):
        try:
            facts.append(catalog.from_dict(yamlsource.plain(raw)))
        except FactError as exc:
            key = exc.field if exc.field in raw else None
            raise fail(f"facts[{i}]: {exc}", raw, key, value=key is not None) from None
    return Bundle(
        facts=tuple(facts),
        account=yamlsource.plain(doc.get("account")),
        answers=yamlsource.plain(doc.get("answers") or {}),
        created=doc.get("created"),
    )


def bundle_dict(facts: Iterable[Fact], *, account: Mapping[str, Any] | None = None,
                answers: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The JSON form of a bundle. Answers given as facts are kept as facts."""
    return {
        "schema": BUNDLE_SCHEMA,
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "account": dict(account) if account else None,
        "answers": dict(answers or {}),
        "facts": [f.as_dict() for f in facts],
    }


def save_bundle(path: str | Path, facts: Iterable[Fact], *, account: Mapping[str, Any] | None = None,
                answers: Mapping[str, str] | None = None) -> None:
    """Write a bundle; a file that cannot be written (no space left, permission) is a BundleError."""
    data = bundle_dict(facts, account=account, answers=answers)
    try:
        Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=True) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BundleError(f"cannot save the facts: {exc.strerror or exc}", path=path) from None
