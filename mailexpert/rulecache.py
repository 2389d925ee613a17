"""A cache of checked rules and built-in data, so that a command does not read unchanged files again.

Checking the rule files (YAML, the JSON Schema, the cross-checks against the fact templates
and the cause catalogue) is most of the time a short command takes, and building the fact
catalogue and the wording tables from their YAML is most of the rest. Each result depends
only on bytes: those of the files read and of everything they are checked against, including
the reader's own source. So the results are stored under the hash of those bytes, in the
user's cache directory (``platformdirs``; ``MAILEXPERT_CACHE_DIR`` overrides it,
``MAILEXPERT_NO_CACHE=1`` turns the cache off): rules by :mod:`mailexpert.rulefile`, anything
else through :func:`cached`.

The cache is JSON, never code: it is decoded into a closed set of classes given by the caller,
and an entry that cannot be read, whose digest does not match its content, or that was written
for other inputs or by another format is ignored and written again. Writing is atomic and
best-effort: a cache directory that cannot be written only costs the time of a full check.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

from mailexpert import userfile
from mailexpert.errors import DataTableError, RuleFileError, SourceError

FORMAT = 1
_MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: Entries kept of one kind: every edit of a rule folder or a table writes a new entry under a
#: new key and nothing else ever reads the old one, so a user who edits rules (or upgrades)
#: would otherwise fill the cache folder without end. Enough for the built-in tables and a
#: handful of rule folders in use at once; an entry pruned too soon only costs its rebuild.
KEEP_PER_KIND = 32
#: A temporary file older than this was left by a writer that died before its rename.
_STALE_TEMP_SECONDS = 3600

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where cache entries live, or None when caching is off."""
    if os.environ.get("MAILEXPERT_NO_CACHE", "").strip() not in ("", "0"):
        return None
    override = os.environ.get("MAILEXPERT_CACHE_DIR", "").strip()
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("mailexpert", appauthor=False))


def key(inputs: Iterable[Path], name: str = "rules") -> str:
    """The hash of the inputs' names and bytes; any change to any of them gives another key."""
    digest = hashlib.sha256(f"mailexpert-{name}/{FORMAT}".encode())
    for path in inputs:
        # Through the bounded reader: a FIFO named like a rule file must not hang the hashing.
        data = userfile.read_bytes(path, userfile.LIMITS["rules"], functools.partial(RuleFileError, path=path))
        # A relative path names another file from another working directory.
        name = str(path) if path.is_absolute() else f"{Path.cwd()}//{path}"
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


class Codec:
    """Turns values made of the given attrs classes, tuples, text-keyed mappings and scalars into
    JSON and back. An instance is ``{"$": class name, field: value, ...}``; a tuple is a list,
    read back as a tuple (or, with ``lists``, as a list: plain data as YAML gives it)."""

    def __init__(self, classes: Iterable[type], *, lists: bool = False) -> None:
        self._by_name = {cls.__name__: cls for cls in classes}
        self._lists = lists

    def encode(self, value: Any) -> Any:
        cls = type(value)
        if attrs.has(cls):
            name = cls.__name__
            if self._by_name.get(name) is not cls:
                raise TypeError(f"not a cacheable class: {name}")
            fields = (f for f in attrs.fields(cls) if f.init)
            return {"$": name, **{f.name: self.encode(getattr(value, f.name)) for f in fields}}
        if isinstance(value, tuple if not self._lists else (tuple, list)):
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
        if self._lists:
            return json.loads(text, object_hook=self._hook)
        return _tuples(json.loads(text, object_hook=self._hook))

    def _hook(self, data: dict[str, Any]) -> Any:
        name = data.pop("$", None)
        values = data if self._lists else {k: (_tuples(v) if type(v) is list else v) for k, v in data.items()}
        if name is None:
            return values
        return self._by_name[name](**values)  # a KeyError means a foreign entry: it is rebuilt


#: Plain data: text-keyed mappings, lists and scalars, read back exactly as they were.
PLAIN = Codec((), lists=True)


def _tuples(value: Any) -> Any:
    if type(value) is not list:
        return value
    return tuple([_tuples(v) if type(v) is list else v for v in value])


def cached(name: str, inputs: Sequence[Path], codec: Codec, build: Callable[[], T]) -> T:
    """What ``build()`` gives, kept under the hash of the inputs (every file whose bytes decide
    it, the code that builds it included). ``build`` runs when there is no sound entry; what it
    raises is raised, and nothing is stored."""
    try:
        entry = key(inputs, name)
    except (OSError, RuleFileError):
        return build()  # an input that cannot be read: building says which, and how
    found = read(entry, codec, name)
    if found is not None and len(found) == 1:
        return found[0]  # type: ignore[no-any-return]
    value = build()
    write(entry, [value], codec, name)
    return value


def data_file(path: Path, error: type[SourceError] = SourceError, limit: int = userfile.LIMITS["template"]) -> Any:
    """A YAML data file (a table shipped in the package, or a user's own of the same shape) as
    plain data, read by :mod:`mailexpert.yamlsource` (a broken file raises ``error``), and
    kept in the cache."""

    def parse() -> Any:
        from mailexpert import yamlsource  # only when the entry is built: PyYAML takes a while to import

        return yamlsource.plain(yamlsource.load_file(path, error, limit))

    here = Path(__file__).resolve().parent
    return cached("data", [path, here / "rulecache.py", here / "yamlsource.py"], PLAIN, parse)


def data_error(path: Path, message: str, *keys: Any) -> DataTableError:
    """A shipped data table's value that its reader refuses, placed at ``file:line:column`` of
    the value ``keys`` lead to. The cached table keeps no positions, so the file is read again
    with them, only on this path: a bad table must say where it is bad."""
    from mailexpert import yamlsource

    line = column = None
    try:
        node = parent = yamlsource.load_file(path, SourceError)
        for key in keys:
            parent, node = node, node[key]
        line, column = yamlsource.position(parent, keys[-1], value=True) if keys else yamlsource.position(node)
    except (SourceError, LookupError, TypeError):
        pass
    where = f"{path}:{line}:{column}" if line is not None else str(path)
    return DataTableError(f"{where}: {message}")


def data_pattern(path: Path, table: Any, *keys: Any, flags: int = 0) -> re.Pattern[str]:
    """The regular expression a data table holds at ``keys`` (a mapping with a ``pattern``),
    compiled; a missing or broken one raises :func:`data_error` at its place."""
    node = table
    try:
        for key in keys:
            node = node[key]
        return re.compile(node["pattern"], flags)
    except (LookupError, TypeError) as exc:
        raise data_error(path, f"{'.'.join(map(str, keys))}: expected a mapping with a 'pattern' ({exc!r})", *keys) from None
    except re.error as exc:
        raise data_error(path, f"{'.'.join(map(str, keys))}: the pattern is no regular expression ({exc})",
                         *keys, "pattern") from None


def read(entry_key: str, codec: Codec, name: str = "rules") -> list[Any] | None:
    """The values stored under the key, or None when there is no sound entry for it."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{name}-{entry_key}.json"
    try:
        if not path.is_file() or path.stat().st_size > _MAX_ENTRY_BYTES:
            return None
        header, _, payload = path.read_bytes().partition(b"\n")
        doc = json.loads(header)
        if doc != {"format": FORMAT, "key": entry_key, "digest": hashlib.sha256(payload).hexdigest()}:
            return None
        values = list(codec.loads(payload))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # its time is when it was last used: pruning keeps the entries in use
    return values


def write(entry_key: str, values: Iterable[Any], codec: Codec, name: str = "rules") -> None:
    """Store the values under the key, atomically; failures are ignored (see the module doc)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        payload = json.dumps([codec.encode(v) for v in values], separators=(",", ":")).encode()
    except (TypeError, ValueError):
        return
    header = json.dumps({"format": FORMAT, "key": entry_key, "digest": hashlib.sha256(payload).hexdigest()})
    import tempfile  # only on a cache miss

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header.encode() + b"\n" + payload)
            os.replace(tmp, folder / f"{name}-{entry_key}.json")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
    prune(folder, name)


def prune(folder: Path, name: str, keep: int = KEEP_PER_KIND) -> None:
    """Remove all but the ``keep`` entries of this kind used last, and temporary files that a
    dead writer left. Best-effort like writing: another process may remove or read the same
    files at the same time, and an entry removed under a reader only makes it build again."""
    now = time.time()

    def used(path: Path) -> float | None:
        try:
            return path.stat().st_mtime
        except OSError:
            return None

    timed = [(t, p) for p in folder.glob(f"{name}-*.json") if (t := used(p)) is not None]
    timed.sort(reverse=True)
    stale = [p for t, p in timed[keep:]]
    stale += [p for p in folder.glob(f".{name}-*.tmp") if (t := used(p)) is not None and now - t > _STALE_TEMP_SECONDS]
    for path in stale:
        with contextlib.suppress(OSError):
            path.unlink()

