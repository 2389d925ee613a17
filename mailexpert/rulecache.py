"""A cache of checked rules, so that a command does not check unchanged rule files again.

Checking the rule files (YAML, the JSON Schema, the cross-checks against the fact templates
and the cause catalogue) is most of the time a short command takes, and its result depends
only on bytes: those of the rule files and of everything they are checked against, including
the checker's own source. So the checked rules are stored under the hash of those bytes, in
the user's cache directory (``platformdirs``; ``MAILEXPERT_CACHE_DIR`` overrides it,
``MAILEXPERT_NO_CACHE=1`` turns the cache off).

The cache is JSON, never code: it is decoded into a closed set of classes given by the caller,
and an entry that cannot be read, whose digest does not match its content, or that was written
for other inputs or by another format is ignored and written again. Writing is atomic and
best-effort: a cache directory that cannot be written only costs the time of a full check.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from mailexpert import userfile
from mailexpert.errors import RuleFileError

FORMAT = 1
_MAX_ENTRY_BYTES = 64 * 1024 * 1024


def cache_dir() -> Path | None:
    """Where cached rule bases live, or None when caching is off."""
    if os.environ.get("MAILEXPERT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    override = os.environ.get("MAILEXPERT_CACHE_DIR", "").strip()
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("mailexpert", appauthor=False))


def key(inputs: Iterable[Path]) -> str:
    """The hash of the inputs' names and bytes; any change to any of them gives another key."""
    digest = hashlib.sha256(f"mailexpert-rules/{FORMAT}".encode())
    for path in inputs:
        # Through the bounded reader: a FIFO named like a rule file must not hang the hashing.
        data = userfile.read_bytes(path, userfile.LIMITS["rules"], lambda reason, path=path: RuleFileError(reason, path=path))
        # A relative path names another file from another working directory.
        name = str(path) if path.is_absolute() else f"{Path.cwd()}//{path}"
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


class Codec:
    """Turns values made of the given attrs classes, tuples, text-keyed mappings and scalars into
    JSON and back. An instance is ``{"$": class name, field: value, ...}``; a tuple is a list."""

    def __init__(self, classes: Iterable[type]) -> None:
        self._by_name = {cls.__name__: cls for cls in classes}

    def encode(self, value: Any) -> Any:
        if attrs.has(type(value)):
            name = type(value).__name__
            if self._by_name.get(name) is not type(value):
                raise TypeError(f"not a cacheable class: {name}")
            fields = (f for f in attrs.fields(type(value)) if f.init)
            return {"$": name, **{f.name: self.encode(getattr(value, f.name)) for f in fields}}
        if isinstance(value, tuple):
            return [self.encode(v) for v in value]
        if isinstance(value, Mapping):
            if "$" in value or not all(isinstance(k, str) for k in value):
                raise TypeError("only text keys other than '$' are cacheable")
            return {k: self.encode(v) for k, v in value.items()}
        if value is None or isinstance(value, (str, bool, int, float)):
            return value
        raise TypeError(f"not cacheable: {type(value).__name__}")

    def loads(self, text: bytes) -> Any:
        """Decode JSON written from :meth:`encode` (json calls the hook innermost first)."""
        return _tuples(json.loads(text, object_hook=self._hook))

    def _hook(self, data: dict[str, Any]) -> Any:
        name = data.pop("$", None)
        values = {k: (_tuples(v) if type(v) is list else v) for k, v in data.items()}
        if name is None:
            return values
        return self._by_name[name](**values)  # a KeyError means a foreign entry: it is rebuilt


def _tuples(value: Any) -> Any:
    if type(value) is not list:
        return value
    return tuple([_tuples(v) if type(v) is list else v for v in value])


def read(entry_key: str, codec: Codec) -> list[Any] | None:
    """The values stored under the key, or None when there is no sound entry for it."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"rules-{entry_key}.json"
    try:
        if not path.is_file() or path.stat().st_size > _MAX_ENTRY_BYTES:
            return None
        header, _, payload = path.read_bytes().partition(b"\n")
        doc = json.loads(header)
        if doc != {"format": FORMAT, "key": entry_key, "digest": hashlib.sha256(payload).hexdigest()}:
            return None
        return list(codec.loads(payload))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(entry_key: str, values: Iterable[Any], codec: Codec) -> None:
    """Store the values under the key, atomically; failures are ignored (see the module doc)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        payload = json.dumps([codec.encode(v) for v in values], separators=(",", ":")).encode()
    except (TypeError, ValueError):
        return
    header = json.dumps({"format": FORMAT, "key": entry_key, "digest": hashlib.sha256(payload).hexdigest()})
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".rules-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header.encode() + b"\n" + payload)
            os.replace(tmp, folder / f"rules-{entry_key}.json")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return

