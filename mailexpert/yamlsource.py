"""YAML and JSON documents that remember where each value stood in the file.

Rule files, fact templates and fact bundles are all read through :func:`load`, so that
every later error can point at ``file:line:column``. Parsing uses libyaml's composer
(PyYAML's C loader, about ten times faster than a pure-Python parser: the rule base has
hundreds of files and is loaded by every command) and builds mappings and sequences that
carry the marks of their keys, values and items. Scalars are resolved by the YAML 1.2
core schema — ``no``, ``on`` and ``yes`` stay text, as a rule author expects — and
duplicate keys are an error. Parse errors are translated here, once, into
:class:`SourceError` subclasses. JSON is a subset of YAML 1.2, so bundles in JSON go
through the same path.
"""

from __future__ import annotations

import contextlib
import gc
import math
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml

from mailexpert import userfile
from mailexpert.errors import SourceError

_Error = TypeVar("_Error", bound=SourceError)

#: Nesting deeper than this is refused: no legitimate file needs it, and it bounds recursion.
MAX_DEPTH = 64
#: Values built from one document, counting every use of an anchored node again: an alias
#: bomb (nine anchors each naming the previous one nine times) is a few hundred bytes that
#: would expand to hundreds of millions of values. The largest rule file has a few hundred.
MAX_NODES = 1_000_000
#: Alias uses in one document; rule files and bundles need none, a hand-written one a few.
MAX_ALIASES = 1000
#: Digits in one integer: Python refuses to convert longer ones (``sys.int_info``).
MAX_INT_DIGITS = 4300
#: Nesting that libyaml's composer may be given unchecked. It recurses once per level on the C
#: stack, where Python's recursion limit does not reach: 40,000 '[' (80 KB, within every file
#: limit) crash the interpreter on Linux's 8 MB stack, and threads elsewhere have less.
SAFE_NESTING = 1000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")


class _Marks:
    """1-based-in-output, 0-based-inside positions of a container and its parts."""

    __slots__ = ("_keys", "_values", "col", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col
        self._keys: dict[Any, tuple[int, int]] = {}
        self._values: dict[Any, tuple[int, int]] = {}

    def key(self, key: Any) -> tuple[int, int]:
        return self._keys[key]

    def value(self, key: Any) -> tuple[int, int]:
        return self._values[key]

    def item(self, index: int) -> tuple[int, int]:
        return self._values[index]


class PosMap(dict[Any, Any]):
    """A mapping from a YAML file; ``lc`` holds the marks of its keys and values."""

    lc: _Marks


class PosSeq(list[Any]):
    """A sequence from a YAML file; ``lc`` holds the marks of its items."""

    lc: _Marks


def _scalar(node: yaml.ScalarNode, path: str | Path, error: type[SourceError]) -> Any:
    value = node.value
    if node.style in ("'", '"', "|", ">"):
        return value
    if node.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                        "tag:yaml.org,2002:float", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp"):
        return value
    if _NULL.match(value):
        return None
    if _BOOL.match(value):
        return value.lower() == "true"
    if _INT.match(value):
        if len(value) > MAX_INT_DIGITS:
            raise error(f"integer too long ({len(value)} digits; at most {MAX_INT_DIGITS})", path=path,
                        line=node.start_mark.line + 1, column=node.start_mark.column + 1)
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _FLOAT.match(value):
        # No field of a rule, fact or bundle is infinite or NaN (1e999 overflows to infinity).
        number = None if "inf" in value.lower() or "nan" in value.lower() else float(value)
        if number is None or number in (math.inf, -math.inf):
            raise error(f"{value} is not a usable number (write a finite number, or quote it as text)",
                        path=path, line=node.start_mark.line + 1, column=node.start_mark.column + 1)
        return number
    return value


class _Budget:
    """Counts the values built and the aliases followed while one document is constructed."""

    __slots__ = ("aliases", "max_nodes", "nodes", "seen")

    def __init__(self, max_nodes: int) -> None:
        self.nodes = 0
        self.aliases = 0
        self.seen: set[int] = set()
        self.max_nodes = max_nodes

    def spend(self, node: yaml.Node, path: str | Path, error: type[SourceError]) -> None:
        self.nodes += 1
        if not isinstance(node, yaml.ScalarNode):
            # Only containers can be shared to multiply a document; a scalar alias costs one.
            if id(node) in self.seen:
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise error(f"too many aliases (more than {MAX_ALIASES}); write the values out",
                                path=path, line=node.start_mark.line + 1, column=node.start_mark.column + 1)
            else:
                self.seen.add(id(node))
        if self.nodes > self.max_nodes:
            raise error(f"too many values (more than {self.max_nodes}, aliases counted each time they are used)",
                        path=path, line=node.start_mark.line + 1, column=node.start_mark.column + 1)


def _construct(node: yaml.Node, path: str | Path, error: type[SourceError], budget: _Budget, depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise error(f"nested deeper than {MAX_DEPTH} levels", path=path,
                    line=node.start_mark.line + 1, column=node.start_mark.column + 1)
    budget.spend(node, path, error)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, error)
    if isinstance(node, yaml.SequenceNode):
        seq = PosSeq()
        seq.lc = _Marks(node.start_mark.line, node.start_mark.column)
        for i, item in enumerate(node.value):
            seq.lc._values[i] = (item.start_mark.line, item.start_mark.column)
            seq.append(_construct(item, path, error, budget, depth + 1))
        return seq
    mapping = PosMap()
    mapping.lc = _Marks(node.start_mark.line, node.start_mark.column)
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise error("a mapping key must be plain text", path=path,
                        line=key_node.start_mark.line + 1, column=key_node.start_mark.column + 1)
        budget.spend(key_node, path, error)
        key = _scalar(key_node, path, error)
        if key in mapping:
            raise error(f"YAML syntax error: duplicate key {key!r}", path=path,
                        line=key_node.start_mark.line + 1, column=key_node.start_mark.column + 1)
        mapping.lc._keys[key] = (key_node.start_mark.line, key_node.start_mark.column)
        mapping.lc._values[key] = (value_node.start_mark.line, value_node.start_mark.column)
        mapping[key] = _construct(value_node, path, error, budget, depth + 1)
    return mapping


def read_text(path: Path, error: type[SourceError], limit: int) -> str:
    """Read a UTF-8 text file of at most ``limit`` bytes (a regular file only), or raise ``error``."""
    data = userfile.read_bytes(path, limit, lambda reason: error(reason, path=path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        # Windows editors offer UTF-16 ("Unicode") beside UTF-8; its byte order mark tells it.
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            saved = "; it is UTF-16: save it as UTF-8"
        elif b"\x00" in data[:8192]:  # text has no NUL bytes; programs, images and archives do
            saved = "; it is a binary file, not text"
        else:
            saved = "; save it as UTF-8 (it was saved in another encoding, such as Latin-1 or Windows-1252)"
        raise error(f"not UTF-8 text ({exc.reason} at byte {exc.start}){saved}", path=path, line=line,
                    column=column) from None


def load(text: str, path: str | Path, error: type[SourceError], *, max_nodes: int = MAX_NODES,
         nesting_checked: bool = False) -> Any:
    """Parse YAML (or JSON) text; syntax errors become ``error`` with the parser's mark."""
    node = compose(text, path, error, nesting_checked=nesting_checked)
    return None if node is None else construct(node, path, error, max_nodes=max_nodes)


# The collector is one per process: concurrent pauses (threads reading pastes or documents at
# once) share one count, and only the last to end gives the collector back, as the first found it.
_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is built: the objects made are all
    kept, and each collection walks every one made so far (a 75,000-fact bundle composed in
    10 s with it, 1.4 s without). Nothing made here is cyclic garbage. (explain reads a big paste
    under it too: see there.) Safe across threads: the collector comes back when the last pause
    ends, as it was before the first."""
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def nesting_bound(text: str) -> int:
    """An upper bound of how deep the collections of ``text`` can nest, counted at C speed: a
    flow collection opens with '[' or '{'; a block collection inside another starts to the right
    of it, or (a sequence as a mapping's value) in the same column, but not twice in a row; so
    at most two block levels per column of the longest line. YAML breaks lines at more
    characters than '\\n', which only makes its lines shorter than the ones measured here."""
    return 2 * (max(map(len, text.split("\n"))) + 1) + text.count("[") + text.count("{")


def check_nesting(text: str, path: str | Path, error: type[SourceError]) -> None:
    """Refuse a document nested deeper than :data:`MAX_DEPTH` before libyaml's composer sees
    it (see :data:`SAFE_NESTING`); the parser's events come one by one, without recursion.
    Syntax errors are left to the composer, which meets them at the same place."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
                # The root collection is level 0 to _construct, which refuses level MAX_DEPTH + 1.
                if depth > MAX_DEPTH + 1:
                    raise error(f"nested deeper than {MAX_DEPTH} levels", path=path,
                                line=event.start_mark.line + 1, column=event.start_mark.column + 1)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
    except yaml.YAMLError:
        return


def compose(text: str, path: str | Path, error: type[SourceError], *, nesting_checked: bool = False) -> yaml.Node | None:
    """The node graph of a document (aliases not yet expanded), to check its shape cheaply.
    ``nesting_checked``: the caller has refused a document nested deeper than :data:`MAX_DEPTH`."""
    if not nesting_checked and nesting_bound(text) > SAFE_NESTING:
        check_nesting(text, path, error)
    try:
        with no_gc():
            node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        if "maximum nesting depth" in problem:
            # libyaml 0.2.5 and later stop at 1,000 levels themselves (its scanner, reading ahead,
            # before check_nesting sees level 65): the same refusal, in the same words.
            raise error(f"nested deeper than {MAX_DEPTH} levels", path=path, line=mark.line + 1 if mark else None,
                        column=mark.column + 1 if mark else None) from None
        raise error(
            f"YAML syntax error: {problem}{_hint(problem, text, mark)}",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.reader.ReaderError as exc:
        # Not a marked error: it knows the character's index only (its text ends in "<unicode string>").
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or b"\0")
        raise error(f"the character U+{code:04X} (a control or special character) is not allowed in YAML; remove it,"
                    f" or write it as an escape in double quotes (\"\\u{code:04x}\")", path=path, line=line,
                    column=column) from None
    except yaml.YAMLError as exc:
        raise error(f"YAML error: {exc}", path=path) from None
    except (RecursionError, MemoryError):
        raise error("document too deeply nested or too large", path=path) from None
    return node


#: Parser complaints that, in a hand-written rule or bundle, almost always mean indentation.
_INDENTATION_PROBLEMS = ("expected '-' indicator", "expected <block end>", "mapping values are not allowed",
                         "did not find expected key", "could not find expected ':'")


def _hint(problem: str, text: str, mark: yaml.Mark | None = None) -> str:
    if "\t" in text and ("found character '\\t'" in problem or _tab_at(text, mark)):
        return " (YAML indents with spaces; replace the tabs)"
    if "unknown escape character" in problem:
        return (" (in double quotes a backslash starts an escape: write a regular expression in single quotes,"
                " '\\d+\\s', or double each backslash)")
    if "mapping values are not allowed" in problem and _colon_in_plain_text(text, mark):
        return " (quote a text that holds ': ', or YAML reads a key in it: summary: \"Refused: {r.text}\")"
    if any(p in problem for p in _INDENTATION_PROBLEMS):
        return (" (check the indentation here: the keys of one mapping start in the same column, the items"
                " of a list each start with '- ' in the same column, and a value's lines are indented"
                " more than its key; indent with spaces)")
    return ""


def _line_at(text: str, mark: yaml.Mark) -> str | None:
    start = 0
    for _ in range(mark.line):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    end = text.find("\n", start)
    return text[start:end if end >= 0 else len(text)]


def _colon_in_plain_text(text: str, mark: yaml.Mark | None) -> bool:
    """Whether the parser stopped at a second ': ' of a line whose value is unquoted text
    (``summary: Refused: {r.text}``), not at a key indented wrongly."""
    line = _line_at(text, mark) if mark is not None else None
    if line is None or mark is None:
        return False
    body = line.lstrip(" -")
    first = line.find(": ", len(line) - len(body))
    if first < 0 or first + 1 >= mark.column:
        return False
    value = line[first + 2:].lstrip()
    return bool(value) and value[0] not in "'\"{[&*!|>#"


def _tab_at(text: str, mark: yaml.Mark | None) -> bool:
    """Whether the parser stopped at a tab, or in a line indented with one (its complaint is
    then "found character that cannot start any token" or about the indentation)."""
    line = _line_at(text, mark) if mark is not None else None
    if line is None or mark is None:
        return False
    indent = line[:len(line) - len(line.lstrip(" \t"))]
    return "\t" in indent or line[mark.column:mark.column + 1] == "\t"


def construct(node: yaml.Node, path: str | Path, error: type[SourceError], *, max_nodes: int = MAX_NODES) -> Any:
    """Positioned containers and scalars from a composed document, within the budgets above."""
    with no_gc():
        return _construct(node, path, error, _Budget(max_nodes))


def load_file(path: Path, error: type[SourceError], limit: int = userfile.LIMITS["template"]) -> Any:
    return load(read_text(path, error, limit), path, error)


def not_a_mapping(doc: Any, path: str | Path, error: type[_Error], what: str, **extra: Any) -> _Error:
    """The error for a document that is not the mapping ``what`` describes: an empty file (or
    one of comments only) says so; any other document is pointed at where it starts (line 1
    for a bare scalar, which carries no position)."""
    line, col = position(doc)
    if doc is None:
        return error(f"the file is empty (no YAML in it, or only comments): {what}", path=path, line=1, column=1,
                     **extra)
    return error(f"{what}, not {_kind_of(doc)}", path=path, line=line or 1, column=col or 1, **extra)


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool | int | float):
        return f"the value {value!r}"
    return f"the text {str(value)[:40]!r}"


def position(node: Any, key: Any = None, *, value: bool = False) -> tuple[int | None, int | None]:
    """1-based (line, column) of a mapping key (or its value), a sequence item, or the node."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None, None
    try:
        if key is None:
            return lc.line + 1, lc.col + 1
        if isinstance(node, PosMap):
            line, col = lc.value(key) if value else lc.key(key)
        elif isinstance(node, PosSeq):
            line, col = lc.item(key)
        else:
            return lc.line + 1, lc.col + 1
        return line + 1, col + 1
    except (KeyError, IndexError, TypeError):
        return lc.line + 1, lc.col + 1


def overlay(over: PosMap, under: PosMap, keys: Iterable[Any]) -> PosMap:
    """``over`` completed by the entries of ``under`` among ``keys`` that it lacks; every entry
    keeps the position it has in its file, so an error in the result points at the right line.
    The result stands where ``over`` stands."""
    merged = PosMap()
    merged.lc = _Marks(over.lc.line, over.lc.col)
    for source, names in ((under, [k for k in keys if k in under and k not in over]), (over, list(over))):
        for name in names:
            merged[name] = source[name]
            merged.lc._keys[name] = source.lc.key(name)
            merged.lc._values[name] = source.lc.value(name)
    return merged


def plain(node: Any) -> Any:
    """Convert positioned containers into plain dicts, lists and scalars."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node
