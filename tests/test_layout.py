"""The house rules of the import graph, read from the source: no loops, `document.py` on the standard
library alone, the CLI on the pipeline and config (never an analysis), no private names across packages."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "marsad"
ANALYSES = ("ner", "kb", "text")  # packages whose stages or helpers the CLI must reach through the pipeline


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> list[tuple[str, str]]:
    """(module imported, name taken from it or '') for every import of a module, lazy ones included."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append((sub, "") if sub in MODULES else (base, alias.name))
    return found


def internal_edges(name: str) -> set[str]:
    return {target for target, _ in imports(name) if target in MODULES and target != name}


def test_no_import_loop_in_the_package():
    graph = {name: internal_edges(name) for name in MODULES}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                pytest.fail("import loop: " + " -> ".join([*path[path.index(nxt):], nxt]))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for name in MODULES:
        if name not in state:
            visit(name)


def test_document_imports_only_the_standard_library():
    outside = [target for target, _ in imports("marsad.document")
               if target.split(".")[0] not in sys.stdlib_module_names and target != "__future__"]
    assert outside == []


def test_the_cli_imports_no_analysis_module():
    reached = {target for target, _ in imports("marsad.serve.cli") if target.startswith("marsad.")}
    assert not {t for t in reached if t.split(".")[1] in ANALYSES}, reached


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_is_taken_from_another_package(name):
    own = name.split(".")[1] if "." in name else ""
    for target, taken in imports(name):
        if not target.startswith("marsad") or not taken.startswith("_") or taken.startswith("__"):
            continue
        other = target.split(".")[1] if "." in target else ""
        assert other == own, f"{name} takes {taken} from {target}"
