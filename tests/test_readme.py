"""README.md (and the JSON example in docs/json-output.md) must stay true.

Every ```python block is executed, every ```pycon block is run as a doctest,
every ```yaml block is loaded as a scenario, and every ``$ gametrust ...`` line
in a ```console or ```bash block is run through click's ``CliRunner`` and its
output compared with the lines shown under it (trailing whitespace ignored).
"""

from __future__ import annotations

import doctest
import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from gametrust.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
SHELL_OPERATORS = re.compile(r"[|<>;&`]|\$\(")


def blocks(text: str, *languages: str) -> list[str]:
    return [body for lang, body in FENCE.findall(text) if lang in languages]


def commands(text: str) -> list[tuple[str, list[str]]]:
    """``(command line, expected output lines)`` for each ``$ gametrust`` line."""
    out: list[tuple[str, list[str]]] = []
    for body in blocks(text, "console", "bash", "shell"):
        current: tuple[str, list[str]] | None = None
        for line in body.splitlines():
            if line.startswith("$ "):
                current = (line[2:], [])
                out.append(current)
            elif current is not None:
                current[1].append(line)
    return [(cmd, lines) for cmd, lines in out if cmd.startswith("gametrust ")]


def normalise(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GAMETRUST_DEBUG", raising=False)


def test_readme_opens_with_the_quick_start() -> None:
    first = FENCE.search(README)
    assert first is not None
    before = README[: first.start()].split()
    assert before[:1] == ["#"] and "Quick" in before
    assert first.group(2).splitlines() == [
        "pip install . && gametrust solve scenarios/korea.yaml",
        'pip install ".[test]" && python -m pytest',
    ]


@pytest.mark.parametrize("source", blocks(README, "python"))
def test_python_blocks_run(source: str) -> None:
    exec(compile(source, "<README.md>", "exec"), {"__name__": "__readme__"})


@pytest.mark.parametrize("source", blocks(README, "pycon"))
def test_pycon_blocks_are_true(source: str) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(source, {}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0, "a README example printed something else (see output above)"


@pytest.mark.parametrize("source", blocks(README, "yaml"))
def test_yaml_blocks_are_valid_scenarios(source: str) -> None:
    from gametrust.formats.load import loads
    from gametrust.solvers.solve import solve

    assert len(solve(loads(source, "README.md").build())) >= 1


CASES = commands(README)


def test_readme_has_command_examples() -> None:
    assert any(cmd.startswith("gametrust solve scenarios/korea.yaml") for cmd, _ in CASES)


@pytest.mark.parametrize("command, expected", CASES, ids=[c for c, _ in CASES])
def test_console_examples_print_what_they_show(command: str, expected: list[str]) -> None:
    if SHELL_OPERATORS.search(command):
        pytest.skip("uses shell syntax")
    result = CliRunner().invoke(cli, shlex.split(command)[1:], catch_exceptions=False)
    if not normalise(expected):
        assert result.exit_code == 0, result.output
        return
    assert normalise(result.output.splitlines()) == normalise(expected)


def test_readme_links_exist() -> None:
    targets = re.findall(r"\]\(([^)#]+)\)", README)
    local = [t for t in targets if "://" not in t]
    assert local
    missing = [t for t in local if not (ROOT / t).exists()]
    assert not missing, missing


def test_json_doc_example_is_real_output() -> None:
    doc = (ROOT / "docs" / "json-output.md").read_text(encoding="utf-8")
    example = json.loads(blocks(doc, "json")[0])
    result = CliRunner().invoke(cli, ["solve", "scenarios/stag_hunt.yaml", "--format", "json"])
    assert result.exit_code == 0
    actual = json.loads(result.stdout)
    example.pop("gametrust_version")
    actual.pop("gametrust_version")
    assert example == actual
