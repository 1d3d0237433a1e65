"""The shape of the package is a test: layers, no cycles, no private names across modules.

The import-linter contracts live in ``pyproject.toml`` (``[tool.importlinter]``):
the layers (core < model < scenario < formats | solvers < analysis < report |
testing < cli), "only the command line imports click", and "the pure core
imports no yaml, matplotlib, hypothesis or click".  The rest is checked here
with grimp (``tests/architecture.py``): no import cycle, counting imports
inside functions; no private name imported from another module; no module over
600 lines.  ``docs/architecture.md`` explains the layers.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import architecture

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("core", "model", "scenario", "formats", "solvers", "analysis", "report", "testing")
MAX_LINES = 600


def test_the_import_linter_contracts_hold() -> None:
    lint = shutil.which("lint-imports")
    if lint is None:  # the test extra installs it; say so rather than pass silently
        pytest.fail("lint-imports is not installed: pip install '.[test]'")
    done = subprocess.run(
        [lint, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]


def test_no_import_cycle_even_inside_functions() -> None:
    loops = architecture.cycles()
    assert loops == [], "import cycles:\n" + "\n".join(" -> ".join(c) for c in loops)


def test_no_private_name_is_imported_from_another_module() -> None:
    found = architecture.private_imports()
    assert found == [], "\n".join(map(str, found))


def test_no_module_is_over_600_lines() -> None:
    counts = architecture.line_counts()
    large = {m: n for m, n in counts.items() if n > MAX_LINES}
    assert large == {}, large


def test_the_eight_layers_are_subpackages_with_a_docstring() -> None:
    import importlib

    for layer in LAYERS:
        module = importlib.import_module(f"gametrust.{layer}")
        assert module.__file__ is not None and module.__file__.endswith("__init__.py"), layer
        assert module.__doc__ and "import" in module.__doc__, f"{layer}: say what it may import"


def test_the_checks_catch_what_they_forbid(tmp_path: Path) -> None:
    """Each rule fails on a planted violation (a copy of the package, so the tree is untouched)."""
    copy = tmp_path / "gametrust"
    shutil.copytree(ROOT / "gametrust", copy)
    (copy / "core" / "planted.py").write_text(
        "def f():\n    from ..analysis import sweep  # upward, inside a function\n"
        "    from ..model.game import _nothing  # private, across modules\n"
    )
    with (copy / "core" / "exact.py").open("a") as exact:  # closes a loop through analysis
        exact.write("\nfrom . import planted  # noqa: E402\n")
    (copy / "model" / "planted.py").write_text("import click  # only the CLI may\n")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2]);"
        "import architecture;"
        "print(len(architecture.cycles()), len(architecture.private_imports()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path), str(ROOT / "tests")],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    cycles, private = map(int, done.stdout.split())
    assert cycles >= 1 and private >= 1, done.stdout
    lint = shutil.which("lint-imports")
    if lint is None:
        pytest.fail("lint-imports is not installed: pip install '.[test]'")
    broken = subprocess.run(
        [lint, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert broken.returncode != 0, broken.stdout[-3000:]
    assert "gametrust.core is not allowed to import gametrust.analysis" in broken.stdout
    assert "click" in broken.stdout
