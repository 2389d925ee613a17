"""The package's shape: one exception tree in errors.py, and no import circle.

Both are read from the source (ast), so nothing is imported and no side effect runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import mailexpert

PACKAGE = Path(mailexpert.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["mailexpert", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The mailexpert modules ``name`` imports, at module level or inside functions,
    but not under ``if TYPE_CHECKING:`` (never executed)."""

    def owner(dotted: str) -> str | None:
        while dotted and dotted not in known:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def walk(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                walk(node.orelse)
                continue
            if isinstance(node, ast.Import):
                found.update(filter(None, (owner(a.name) for a in node.names)))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    hit = full if full in known else owner(base)
                    if hit:
                        found.add(hit)
            walk([child for child in ast.iter_child_nodes(node) if isinstance(child, ast.stmt)])

    walk(ast.parse(path.read_text(encoding="utf-8")).body)
    found.discard(name)
    return found


def test_no_import_circle():
    known = _modules()
    graph = {name: _imports(name, path, known) for name, path in known.items()}
    assert len(graph) > 50 and sum(map(len, graph.values())) > 200  # the scan sees the package
    circles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(" -> ".join([*path[path.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert circles == []


def test_every_mailexpert_error_is_in_the_drawn_tree():
    errors_path = PACKAGE / "errors.py"
    tree = ast.parse(errors_path.read_text(encoding="utf-8"))
    defined = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    drawn = ast.get_docstring(tree) or ""
    assert "MailexpertError" in defined and "SessionStop" in defined
    assert [name for name in sorted(defined) if f"── {name} " not in drawn and name != "MailexpertError"] == []
    outside = []
    for path in PACKAGE.rglob("*.py"):
        if path == errors_path:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(ast.unparse(b) in defined for b in node.bases):
                outside.append(f"{path.relative_to(PACKAGE)}: {node.name}")
    assert outside == []
