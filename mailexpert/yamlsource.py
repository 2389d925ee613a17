"""YAML and JSON documents that remember where each value stood in the file.

Rule files, fact templates and fact bundles are all read through :func:`load`, so that
every later error can point at ``file:line:column``. ruamel.yaml's round-trip loader keeps
node marks; its parse errors are translated here, once, into :class:`SourceError`
subclasses. JSON is a subset of YAML 1.2, so bundles in JSON go through the same path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from mailexpert.errors import SourceError

#: Files larger than this are refused before parsing: a rule file or bundle is small.
MAX_FILE_BYTES = 8 * 1024 * 1024


def _yaml() -> YAML:
    # A fresh loader per call: ruamel's YAML objects are not thread-safe.
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    return yaml


def read_text(path: Path, error: type[SourceError]) -> str:
    """Read a UTF-8 text file, refusing huge or unreadable ones with a positioned error."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise error(f"file is too large ({size} bytes; at most {MAX_FILE_BYTES})", path=path)
        return path.read_text(encoding="utf-8")
    except SourceError:
        raise
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=path) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", path=path) from None


def load(text: str, path: str | Path, error: type[SourceError]) -> Any:
    """Parse YAML (or JSON) text; syntax errors become ``error`` with the parser's mark."""
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        if "duplicate key" in str(exc):
            quoted = (exc.problem or "").split('"')
            problem = f"duplicate key {quoted[1]!r}" if len(quoted) > 2 else "duplicate key"
        raise error(
            f"YAML syntax error: {problem}",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except YAMLError as exc:
        raise error(f"YAML error: {exc}", path=path) from None


def load_file(path: Path, error: type[SourceError]) -> Any:
    return load(read_text(path, error), path, error)


def position(node: Any, key: Any = None, *, value: bool = False) -> tuple[int | None, int | None]:
    """1-based (line, column) of a mapping key (or its value), a sequence item, or the node."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None, None
    try:
        if key is None:
            return lc.line + 1, lc.col + 1
        if isinstance(node, CommentedMap):
            line, col = lc.value(key) if value else lc.key(key)
        elif isinstance(node, CommentedSeq):
            line, col = lc.item(key)
        else:
            return lc.line + 1, lc.col + 1
        return line + 1, col + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return lc.line + 1, lc.col + 1


def plain(node: Any) -> Any:
    """Convert ruamel's commented containers into plain dicts, lists and scalars."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node
