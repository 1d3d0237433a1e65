"""Golden outputs: `solve`, `sweep` and `check` for every shipped scenario.

The files under ``tests/golden/`` pin what the command line prints (text and
JSON) for each scenario in ``scenarios/``.  A change of output is either a bug
or a deliberate improvement; in the second case re-record with::

    GAMETRUST_RECORD_GOLDEN=1 python -m pytest tests/test_golden.py

and review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import gametrust
from gametrust.cli import cli

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
RECORD = bool(os.environ.get("GAMETRUST_RECORD_GOLDEN"))


def _cases() -> list[tuple[str, tuple[str, ...]]]:
    cases: list[tuple[str, tuple[str, ...]]] = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        name = path.stem
        file = f"scenarios/{path.name}"
        scenario = gametrust.load(path)
        runs: list[tuple[str, ...]] = []
        for fmt in ("text", "json", "markdown"):
            runs.append(("solve", file, "--format", fmt))
        runs.append(("solve", file, "--explain"))
        for fmt in ("text", "json"):
            runs.append(("sweep", file, "--empathy", "--format", fmt))
        for parameter in scenario.parameters:
            runs.append(("sweep", file, "--param", parameter, "--format", "json"))
        for player, types in scenario.types.items():
            for kind in list(types)[:1]:
                runs.append(("sweep", file, "--prior", f"{player}.{kind.name}"))
        for fmt in ("text", "json"):
            runs.append(("check", file, "--seed", "1", "--examples", "20", "--format", fmt))
        for args in runs:
            cases.append((name, args))
    return cases


def _golden_name(name: str, args: tuple[str, ...]) -> Path:
    slug = "_".join(a.lstrip("-").replace("/", "-").replace(".", "-") for a in args[2:])
    return GOLDEN / name / f"{args[0]}_{slug or 'default'}.txt"


def _run(args: tuple[str, ...]) -> str:
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return f"exit: {result.exit_code}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"


CASES = _cases()


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GAMETRUST_DEBUG", raising=False)


@pytest.mark.parametrize(
    ("name", "args"), CASES, ids=[f"{n}:{' '.join(a[2:]) or a[0]}:{a[0]}" for n, a in CASES]
)
def test_output_matches_the_golden_file(name: str, args: tuple[str, ...]) -> None:
    output = _run(args)
    golden = _golden_name(name, args)
    if RECORD:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(output)
    assert golden.exists(), f"no golden file {golden}; record with GAMETRUST_RECORD_GOLDEN=1"
    assert output == golden.read_text()
