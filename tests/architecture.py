"""The shape of the package as figures: modules, import cycles, private names
imported across subpackages, module sizes.

Used by ``tests/test_architecture.py``; run it as a script to print the figures::

    python tests/architecture.py

Imports inside functions count; imports under ``if TYPE_CHECKING:`` do not.
"""

from __future__ import annotations

import ast
import importlib.util
from dataclasses import dataclass
from pathlib import Path

import grimp

PACKAGE = "gametrust"


def package_root() -> Path:
    """The folder of the ``gametrust`` package that ``import gametrust`` would load."""
    spec = importlib.util.find_spec(PACKAGE)
    assert spec is not None and spec.origin is not None, "gametrust is not importable"
    return Path(spec.origin).parent


def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, exclude_type_checking_imports=True)


def module_files() -> dict[str, Path]:
    files = {}
    root = package_root()
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        files[".".join(parts)] = path
    return files


def line_counts() -> dict[str, int]:
    return {name: len(path.read_text().splitlines()) for name, path in module_files().items()}


def cycles(g: grimp.ImportGraph | None = None) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    g = g or graph()
    modules = sorted(m for m in g.modules if m == PACKAGE or m.startswith(PACKAGE + "."))
    edges = {
        m: sorted(x for x in g.find_modules_directly_imported_by(m) if x in modules)
        for m in modules
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0

    def visit(root: str) -> None:
        nonlocal counter
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(edges[nxt])))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in edges[node]:
                    components.append(sorted(component))

    for module in modules:
        if module not in index:
            visit(module)
    return sorted(components)


def _subpackage(module: str) -> str:
    """The unit within which private names may be shared: a subpackage, or a
    top-level module on its own."""
    parts = module.split(".")
    return ".".join(parts[:2])


@dataclass(frozen=True)
class PrivateImport:
    importer: str
    source: str
    name: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer}:{self.line} imports {self.name} from {self.source}"


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def private_imports() -> list[PrivateImport]:
    """``from X import _name`` from another module, or a private module
    (``_basis_screen``) imported from another subpackage."""
    found = []
    for module, path in module_files().items():
        tree = ast.parse(path.read_text())
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = _resolve(module, node, is_package)
                if not source.startswith(PACKAGE):
                    continue
                private_module = any(
                    p.startswith("_") and not p.startswith("__") for p in source.split(".")
                )
                modules = module_files()
                for alias in node.names:
                    private_name = alias.name.startswith("_") and not alias.name.startswith("__")
                    across = _subpackage(source) != _subpackage(module)
                    if f"{source}.{alias.name}" in modules:  # a submodule: private ones stay home
                        private_name, private_module = False, private_name or private_module
                    if (private_name and source != module) or (private_module and across):
                        found.append(PrivateImport(module, source, alias.name, node.lineno))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    name = alias.name
                    if name.startswith(PACKAGE) and any(
                        p.startswith("_") and not p.startswith("__") for p in name.split(".")
                    ) and _subpackage(name) != _subpackage(module):
                        found.append(PrivateImport(module, name, name, node.lineno))
    return found


def figures() -> dict[str, object]:
    counts = line_counts()
    g = graph()
    loops = cycles(g)
    largest = max(counts, key=lambda m: counts[m])
    return {
        "modules": len(counts),
        "lines": sum(counts.values()),
        "cycles": len(loops),
        "modules in cycles": sum(len(c) for c in loops),
        "private names imported across modules": len(private_imports()),
        "largest module": f"{largest} ({counts[largest]} lines)",
        "modules over 400 lines": sum(1 for n in counts.values() if n > 400),
        "modules over 600 lines": sum(1 for n in counts.values() if n > 600),
    }


if __name__ == "__main__":
    for key, value in figures().items():
        print(f"{key}: {value}")
    for loop in cycles():
        print("cycle:", " ".join(m.removeprefix(PACKAGE + ".") for m in loop))
    for item in private_imports():
        print("private:", item)
