"""Facts: what a probe saw, as frozen values of a kind declared in ``facts/*.yaml``.

A fact template file declares kinds (``tcp.connect``, ``tls.handshake``, ...), each with
typed fields. :class:`FactCatalog` loads them; :meth:`FactCatalog.fact` builds a
:class:`Fact` and refuses an undeclared kind or field, a missing required field, a value
of the wrong type or outside its allowed values. Probes, rule examples, bundles and the
engine all go through the same catalog, so a fact that reaches a rule is always valid.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from mailexpert import userfile
from mailexpert.errors import FactError, FactTemplateError
from mailexpert.textsafe import shown

#: Strings longer than this are cut when a fact is made: server replies are untrusted and
#: the rule engine's C core keeps every value in fixed-size frames.
MAX_STRING = 2000
TRUNCATION_MARK = "…[truncated]"

#: The outcome of a probe step cut by the diagnosis's own global deadline (its time capped
#: below its step timeout and then run out), and the skipped_reason of a login it prevented:
#: a check that did not finish, no evidence about the network or the server. Rules that read
#: a timeout as the network's or the server's fault never see it (they match ``timeout``);
#: mailexpert.relevance.cut_short lists such checks as not finished.
CUT_BY_DEADLINE = "deadline"

FIELD_TYPES = ("string", "int", "float", "bool", "enum")
#: Field names the engine uses itself; no template may declare them.
RESERVED_FIELDS = frozenset({"kind", "id", "sid"})


@attrs.frozen
class FieldSpec:
    name: str
    type: str
    required: bool = False
    values: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    meaning: str = ""

    def check(self, kind: str, value: Any) -> Any:
        """Return the value, normalised (strings bounded); raise FactError if it does not fit."""
        where = f"field {self.name!r} of fact {kind}"
        if self.type == "bool":
            if not isinstance(value, bool):
                raise FactError(f"{where} must be true or false, not {shown(value)}", kind=kind, field=self.name)
            return value
        if self.type == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise FactError(f"{where} must be an integer, not {shown(value)}", kind=kind, field=self.name)
        elif self.type == "float":
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise FactError(f"{where} must be a number, not {shown(value)}", kind=kind, field=self.name)
            value = float(value)
        elif self.type in ("string", "enum"):
            if not isinstance(value, str):
                raise FactError(f"{where} must be text, not {shown(value)}", kind=kind, field=self.name)
            if self.type == "enum" and value not in self.values:
                raise FactError(
                    f"{where} must be one of {', '.join(self.values)}; got {shown(value)}", kind=kind, field=self.name
                )
            if len(value) > MAX_STRING:
                value = value[: MAX_STRING - len(TRUNCATION_MARK)] + TRUNCATION_MARK
            return value
        if self.min is not None and value < self.min:
            raise FactError(f"{where} must be at least {self.min:g}; got {shown(value)}", kind=kind, field=self.name)
        if self.max is not None and value > self.max:
            raise FactError(f"{where} must be at most {self.max:g}; got {shown(value)}", kind=kind, field=self.name)
        return value


@attrs.frozen
class KindSpec:
    kind: str
    family: str
    meaning: str
    producer: str
    fields: Mapping[str, FieldSpec]
    path: str = ""
    line: int | None = None

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(n for n, f in self.fields.items() if f.required)


def _freeze(fields: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(fields.items()))


def _frozen_items(fields: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    return _freeze(dict(fields))


@attrs.frozen(repr=False, cache_hash=True)
class Fact:
    """One observation: a kind and its fields. Immutable and hashable; absent fields are None.

    Make facts through :meth:`FactCatalog.fact` (or :func:`fact`), which validates them.
    """

    kind: str
    items: tuple[tuple[str, Any], ...] = attrs.field(converter=_frozen_items)

    def __getitem__(self, name: str) -> Any:
        for key, value in self.items:
            if key == name:
                return value
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        # The same scan as __getitem__, without raising: most lookups are of absent fields.
        for key, value in self.items:
            if key == name:
                return value
        return default

    def __contains__(self, name: object) -> bool:
        return any(key == name for key, _ in self.items)

    @property
    def fields(self) -> dict[str, Any]:
        return dict(self.items)

    def as_dict(self) -> dict[str, Any]:
        """The fact as a flat mapping with its ``kind`` first: the bundle and JSON form."""
        return {"kind": self.kind, **dict(self.items)}

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.items)
        return f"Fact({self.kind}: {inner})"


@attrs.frozen
class FactCatalog:
    """The declared kinds of fact, loaded from one or more template folders."""

    kinds: Mapping[str, KindSpec]

    @classmethod
    def load(cls, *folders: str | os.PathLike[str]) -> FactCatalog:
        """Load every ``*.yaml`` template in the folders (later folders may add kinds, not redefine)."""
        kinds: dict[str, KindSpec] = {}
        for folder in folders:
            folder = Path(folder)
            if not folder.is_dir():
                raise FactTemplateError("fact template folder does not exist", path=folder)
            for path in sorted(folder.glob("*.yaml")):
                for spec in _load_template_file(path):
                    if spec.kind in kinds:
                        first = kinds[spec.kind]
                        raise FactTemplateError(
                            f"fact kind {spec.kind} is declared twice (first in {first.path}:{first.line})",
                            path=path,
                            line=spec.line,
                        )
                    kinds[spec.kind] = spec
        return cls(kinds=kinds)

    def __contains__(self, kind: object) -> bool:
        return kind in self.kinds

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.kinds))

    def spec(self, kind: str) -> KindSpec:
        try:
            return self.kinds[kind]
        except KeyError:
            raise FactError(f"unknown fact kind {kind!r}{_suggest(kind, self.kinds)}", kind=kind) from None

    def fact(self, kind: str, fields: Mapping[str, Any] | None = None, /, **more: Any) -> Fact:
        """Build a validated fact. ``None`` values mean "absent" and are dropped."""
        spec = self.spec(kind)
        given = {**(fields or {}), **more}
        clean: dict[str, Any] = {}
        for name, value in given.items():
            if value is None:
                continue
            field = spec.fields.get(name)
            if field is None:
                raise FactError(
                    f"unknown field {name!r} of fact {kind}{_suggest(str(name), spec.fields)} (known: {', '.join(spec.fields)})",
                    kind=kind,
                    field=name,
                )
            clean[name] = field.check(kind, value)
        missing = [n for n in spec.required if n not in clean]
        if missing:
            raise FactError(
                f"fact {kind} lacks required field{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
                kind=kind,
                field=missing[0],
            )
        return Fact(kind, clean)

    def from_dict(self, data: Mapping[str, Any]) -> Fact:
        """Build a fact from its flat form ``{"kind": ..., field: value, ...}``."""
        if not isinstance(data, Mapping):
            raise FactError(f"a fact must be a mapping with a 'kind', not {type(data).__name__}")
        if "kind" not in data:
            raise FactError("a fact needs a 'kind'")
        kind = data["kind"]
        if not isinstance(kind, str):
            raise FactError(f"a fact's kind must be text, not {kind!r}")
        return self.fact(kind, {k: v for k, v in data.items() if k != "kind"})


def _suggest(name: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _load_template_file(path: Path) -> list[KindSpec]:
    from mailexpert import yamlsource  # not needed when the catalogue comes from the cache

    doc = yamlsource.load_file(path, FactTemplateError, userfile.LIMITS["template"])

    def fail(msg: str, node: Any = None, key: Any = None) -> FactTemplateError:
        line, col = yamlsource.position(node, key) if node is not None else (None, None)
        return FactTemplateError(msg, path=path, line=line, column=col)

    if not isinstance(doc, dict):
        raise fail("a fact template file must be a mapping with 'family' and 'kinds'", doc)
    for key in doc:
        if key not in ("family", "kinds"):
            raise fail(f"unknown key {key!r} (known: family, kinds)", doc, key)
    family = doc.get("family")
    if not isinstance(family, str) or not family:
        raise fail("'family' must be a non-empty name", doc, "family" if "family" in doc else None)
    kinds = doc.get("kinds")
    if not isinstance(kinds, dict) or not kinds:
        raise fail("'kinds' must map kind names to their declarations", doc, "kinds" if "kinds" in doc else None)
    specs = []
    for kind, body in kinds.items():
        if not isinstance(kind, str) or not _valid_kind_name(kind):
            raise fail(f"bad kind name {kind!r}: lower-case words joined by dots or hyphens", kinds, kind)
        if not isinstance(body, dict):
            raise fail(f"kind {kind} must be a mapping", kinds, kind)
        for key in body:
            if key not in ("meaning", "producer", "fields"):
                raise fail(f"unknown key {key!r} in kind {kind} (known: meaning, producer, fields)", body, key)
        if not isinstance(body.get("meaning"), str):
            raise fail(f"kind {kind} needs a 'meaning'", kinds, kind)
        fields_node = body.get("fields")
        if not isinstance(fields_node, dict) or not fields_node:
            raise fail(f"kind {kind} needs 'fields'", kinds, kind)
        fields: dict[str, FieldSpec] = {}
        for fname, fbody in fields_node.items():
            if fname in RESERVED_FIELDS:
                raise fail(f"field name {fname!r} is reserved", fields_node, fname)
            if not isinstance(fbody, dict):
                raise fail(f"field {fname} of {kind} must be a mapping with a 'type'", fields_node, fname)
            for key in fbody:
                if key not in ("type", "required", "values", "min", "max", "meaning"):
                    raise fail(f"unknown key {key!r} in field {fname} of {kind}", fbody, key)
            ftype = fbody.get("type")
            if ftype not in FIELD_TYPES:
                raise fail(f"field {fname} of {kind}: type must be one of {', '.join(FIELD_TYPES)}", fbody, "type")
            values = fbody.get("values", [])
            if ftype == "enum" and (not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values)):
                raise fail(f"enum field {fname} of {kind} needs a list of text 'values'", fbody, "type")
            fields[str(fname)] = FieldSpec(
                name=str(fname),
                type=ftype,
                required=bool(fbody.get("required", False)),
                values=tuple(str(v) for v in values),
                min=fbody.get("min"),
                max=fbody.get("max"),
                meaning=str(fbody.get("meaning", "")),
            )
        line, _ = yamlsource.position(kinds, kind)
        specs.append(
            KindSpec(
                kind=kind,
                family=family,
                meaning=str(body["meaning"]),
                producer=str(body.get("producer", "")),
                fields=fields,
                path=str(path),
                line=line,
            )
        )
    return specs


def _valid_kind_name(name: str) -> bool:
    import re

    return re.fullmatch(r"[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+", name) is not None


def data_dir(name: str) -> Path:
    """The built-in ``facts`` or ``rules`` folder: inside an installed wheel, or the source tree."""
    here = Path(__file__).resolve().parent
    packaged = here / "_data" / name
    return packaged if packaged.is_dir() else here.parent / name


@functools.cache
def default_catalog() -> FactCatalog:
    """The catalog of the built-in fact templates (loaded once per process, and kept in the
    cache of :mod:`mailexpert.rulecache` while the templates and this reader are unchanged)."""
    from mailexpert import rulecache

    folder = data_dir("facts")
    here = Path(__file__).resolve().parent
    inputs = [*sorted(folder.glob("*.yaml")), here / "facts.py", here / "yamlsource.py"]
    codec = rulecache.Codec([FactCatalog, KindSpec, FieldSpec])
    return rulecache.cached("facts", inputs, codec, lambda: FactCatalog.load(folder))


def fact(kind: str, fields: Mapping[str, Any] | None = None, /, **more: Any) -> Fact:
    """Build a validated fact against the built-in templates: ``fact("tcp.connect", host=..., ...)``."""
    return default_catalog().fact(kind, fields, **more)
