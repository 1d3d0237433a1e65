"""The command line: exit codes, one-line errors, and answers game theory predicts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import gametrust
from gametrust.cli import cli
from gametrust.core.errors import SolverError
from gametrust.formats.gambit_nfg import write_nfg
from gametrust.report.json import result_schema as schema

ROOT = Path(__file__).resolve().parent.parent
KOREA = "scenarios/korea.yaml"
STAG = "scenarios/stag_hunt.yaml"
BAD = sorted((ROOT / "tests" / "fixtures" / "bad").glob("*"))
# Errors about the file as a whole (empty, not text) are located by file only so far.
def _runner() -> CliRunner:
    try:  # click < 8.2 mixes stderr into stdout unless told not to
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GAMETRUST_DEBUG", raising=False)


def run(*args: str):
    return _runner().invoke(cli, list(args), catch_exceptions=False)


def solve_json(*args: str) -> dict:
    result = run("solve", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def pure_profiles(data: dict) -> set[tuple[str, ...]]:
    return {tuple(e["profile"]) for e in data["equilibria"] if e["kind"] == "pure"}


def error_lines(result) -> list[str]:
    return result.stderr.splitlines()


# -- exit 0: answers ------------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.split() == ["gametrust", gametrust.__version__]


@pytest.mark.parametrize("command", [[], ["solve"], ["validate"], ["export"]])
def test_help_on_every_command_has_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    expected = f"gametrust {command[0]}" if command else "gametrust solve"
    assert expected in result.stdout


def test_no_command_prints_help() -> None:
    result = run()
    assert result.exit_code == 0
    assert "Commands:" in result.stdout


def test_stag_hunt_mixed_equilibrium_is_exactly_two_thirds() -> None:
    result = run("solve", STAG)
    assert result.exit_code == 0
    assert "Stag 2/3, Hare 1/3" in result.stdout
    assert "0.6" not in result.stdout
    data = solve_json(STAG)
    (mixed,) = [e for e in data["equilibria"] if e["kind"] == "mixed"]
    assert all(s == {"Stag": "2/3", "Hare": "1/3"} for s in mixed["strategies"].values())
    assert pure_profiles(data) == {("Stag", "Stag"), ("Hare", "Hare")}


def test_korea_is_a_prisoners_dilemma() -> None:
    data = solve_json(KOREA)
    assert [tuple(e["profile"] or ()) for e in data["equilibria"]] == [("Pressure", "Arm")]
    assert data["equilibria"][0]["strict"]
    assert data["complete"] and data["exact"]


def test_relief_equal_to_temptation_makes_restraint_an_equilibrium() -> None:
    # R = relief = 5 = T: against Freeze, Reassure is as good as Pressure.
    data = solve_json(KOREA, "--set", "relief=5")
    assert data["parameters"] == {"relief": "5"}
    assert pure_profiles(data) == {("Pressure", "Arm"), ("Reassure", "Freeze")}
    restraint = next(e for e in data["equilibria"] if e["profile"] == ["Reassure", "Freeze"])
    assert restraint["payoffs"] == {"US": "5", "DPRK": "5"}
    assert not restraint["strict"]
    # below T it is a Prisoner's Dilemma again
    assert pure_profiles(solve_json(KOREA, "--set", "relief=49/10")) == {("Pressure", "Arm")}


def test_empathy_of_one_quarter_turns_the_dilemma_into_an_assurance_game() -> None:
    # altruism: R(1 + e) = 4 * 5/4 = 5 = T + e*S, so restraint is a (weak) equilibrium
    data = solve_json(KOREA, "--empathy", "US=1/4", "--empathy", "DPRK=1/4")
    assert data["empathy"] == {"model": "altruism", "weights": {"US": "1/4", "DPRK": "1/4"}}
    assert pure_profiles(data) == {("Pressure", "Arm"), ("Reassure", "Freeze")}
    restraint = next(e for e in data["equilibria"] if e["profile"] == ["Reassure", "Freeze"])
    assert restraint["payoffs"] == {"US": "5", "DPRK": "5"}
    # just below the threshold mutual hostility is the only equilibrium
    below = solve_json(KOREA, "--empathy", "US=6/25", "--empathy", "DPRK=6/25")
    assert pure_profiles(below) == {("Pressure", "Arm")}
    text = run("solve", KOREA, "--empathy", "US=1/4", "--empathy", "DPRK=1/4").stdout
    assert "(Reassure, Freeze)" in text
    assert "Empathy (altruism model): US 1/4, DPRK 1/4" in text


def test_empathy_between_one_quarter_and_two_thirds_gives_a_stag_hunt() -> None:
    # e = 1/3: R(1+e) = 16/3 > T = 5 and P(1+e) = 8/3 > S + eT = 5/3: two strict
    # pure equilibria and a mixed one, where each side restrains with probability
    # (8/3 - 5/3) / ((8/3 - 5/3) + (16/3 - 5)) = 3/4.
    data = solve_json(KOREA, "--empathy", "US=1/3", "--empathy", "DPRK=1/3")
    assert pure_profiles(data) == {("Pressure", "Arm"), ("Reassure", "Freeze")}
    assert all(e["strict"] for e in data["equilibria"] if e["kind"] == "pure")
    (mixed,) = [e for e in data["equilibria"] if e["kind"] == "mixed"]
    assert mixed["strategies"]["US"] == {"Pressure": "1/4", "Reassure": "3/4"}
    assert mixed["strategies"]["DPRK"] == {"Arm": "1/4", "Freeze": "3/4"}


def test_empathy_above_two_thirds_makes_restraint_dominant() -> None:
    # e = 3/4: against Arm, Reassure gives 5e = 15/4 > Pressure's 2 + 2e = 7/2 (Harmony)
    data = solve_json(KOREA, "--empathy", "US=3/4", "--empathy", "DPRK=3/4")
    assert [e["profile"] for e in data["equilibria"]] == [["Reassure", "Freeze"]]
    assert data["equilibria"][0]["strict"]


@pytest.mark.parametrize("scenario", [STAG, KOREA])
@pytest.mark.parametrize(
    "extra", [[], ["--set", "relief=5"], ["--empathy", "US=1/4", "--empathy", "DPRK=1/4"]]
)
def test_json_output_validates_against_the_schema(scenario: str, extra: list[str]) -> None:
    if scenario == STAG and extra:
        pytest.skip("stag hunt has no relief parameter nor player US")
    data = solve_json(scenario, *extra)
    jsonschema.Draft202012Validator(schema()).validate(data)
    assert data["scenario"]["file"] == scenario


def test_markdown_output() -> None:
    result = run("solve", STAG, "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("## Stag Hunt")
    assert "| **Stag** | 3, 3 | 0, 2 |" in result.stdout


@pytest.mark.parametrize("method", ["pure", "lemke-howson", "support-enumeration", "enumeration"])
def test_every_method_finds_the_dilemma_equilibrium(method: str) -> None:
    data = solve_json(KOREA, "--method", method)
    assert data["method"] == method
    assert ("Pressure", "Arm") in pure_profiles(data)


def _equilibria(data: dict) -> list:
    return sorted(
        json.dumps([e["strategies"], e["payoffs"]], sort_keys=True) for e in data["equilibria"]
    )


@pytest.mark.parametrize(
    "extra", [[], ["--set", "relief=5"], ["--empathy", "US=1/4", "--empathy", "DPRK=1/3"]]
)
def test_export_to_nfg_and_solve_gives_the_same_equilibria(tmp_path: Path, extra: list) -> None:
    out = tmp_path / "korea.nfg"
    result = run("export", KOREA, "--to", "nfg", "-o", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    assert _equilibria(solve_json(str(out))) == _equilibria(solve_json(KOREA, *extra))


@pytest.mark.parametrize("target", ["nfg", "efg"])
@pytest.mark.parametrize(
    ("name", "key", "line"),
    [("inspection_mixed_leadership", "leadership", 83), ("korea_repeated", "repeated", 62),
     ("kydd_signal_stage", "signalling", 92), ("korea_trust", "types", 49)],
)
def test_export_refuses_to_drop_what_a_gambit_file_cannot_hold(
    name: str, key: str, line: int, target: str
) -> None:
    """The export wrote a leadership or repeated scenario's stage game without a word; it
    now names the section it would lose, where it is written."""
    file = f"scenarios/{name}.yaml"
    result = run("export", file, "--to", target)
    assert result.exit_code == 2, result.stdout
    (error,) = result.stderr.splitlines()
    assert error.startswith(f"error: {file}:{line}:1: {key}: export --to {target} would")
    assert f"lose {key}: (" in error and "--stage-game" in error


def test_export_of_the_stage_game_alone_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "inspection.nfg"
    file = "scenarios/inspection_mixed_leadership.yaml"
    result = run("export", file, "--stage-game", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    # the scenario's report lists the simultaneous game's equilibria beside the commitment
    assert _equilibria(solve_json(str(out))) == _equilibria(solve_json(file))


def test_solving_a_scenario_tree_of_expressions_is_a_located_argument_error() -> None:
    """gametrust.solve(scenario.tree) raised a TypeError from deep in the solver."""
    file = "scenarios/agreed_framework_1994.yaml"
    scenario = gametrust.load(file)
    with pytest.raises(gametrust.ArgumentError) as info:
        gametrust.solve(scenario.tree)
    assert info.value.location.file == file and info.value.location.line is not None
    assert "build_tree" in str(info.value)
    assert gametrust.solve(scenario.build_tree()).equilibria  # built, it solves


def test_export_to_stdout_is_the_nfg_text() -> None:
    result = run("export", STAG)
    assert result.exit_code == 0
    assert result.stdout.startswith("NFG 1 R")
    assert result.stderr == ""


def test_validate_every_scenario() -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "scenarios").glob("*.yaml"))
    result = run("validate", *files)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(files)
    assert f"ok: {KOREA} (Singapore summit, 2018; 2 players; 2x2)" in lines


# -- exit 2: bad input ---------------------------------------------------------------------------


def assert_one_error_line(result, *needles: str) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = error_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


@pytest.mark.parametrize(
    "args, needle",
    [
        (["solve", KOREA, "--set", "relief"], "--set"),
        (["solve", KOREA, "--set", "=4"], "--set"),
        (["solve", KOREA, "--empathy", "US"], "--empathy"),
        (["solve", KOREA, "--method", "simplex"], "--method"),
        (["solve", KOREA, "--format", "yaml"], "--format"),
        (["solve", KOREA, "--bogus"], "--bogus"),
        (["solve"], "FILE"),
        (["frobnicate"], "frobnicate"),
        (["export", KOREA, "--to", "pdf"], "--to"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], needle: str) -> None:
    assert_one_error_line(run(*args), needle)


@pytest.mark.parametrize(
    "args, path",
    [
        (["solve", KOREA, "--set", "releif=5"], ("--set", "releif")),
        (["solve", KOREA, "--set", "relief=lots"], ("--set", "relief")),
        (["solve", KOREA, "--empathy", "USA=1/4"], ("--empathy", "USA")),
        (["export", KOREA, "--empathy", "DPRK=x"], ("--empathy", "DPRK")),
    ],
)
def test_bad_overrides_exit_2_naming_the_option(args: list[str], path: tuple) -> None:
    assert_one_error_line(run(*args), *path)


def test_missing_file_exits_2_naming_it() -> None:
    assert_one_error_line(run("solve", "scenarios/no_such.yaml"), "scenarios/no_such.yaml")


def test_unwritable_export_target_exits_2_naming_it(tmp_path: Path) -> None:
    target = tmp_path / "no_such_dir" / "korea.nfg"
    assert_one_error_line(run("export", KOREA, "-o", str(target)), str(target))


def test_method_that_cannot_solve_the_game_exits_2(tmp_path: Path) -> None:
    three = gametrust.NormalFormGame.from_payoff_tensor([[[[1, 0], [0, 1]]] * 2] * 3)
    path = tmp_path / "three.nfg"
    path.write_text(write_nfg(three))
    assert pure_profiles(solve_json(str(path)))  # auto: pure equilibria of a 3-player game
    assert_one_error_line(run("solve", str(path), "--method", "lemke-howson"), "--method")


def test_scenario_error_names_file_and_line(tmp_path: Path) -> None:
    text = (ROOT / KOREA).read_text().replace("[relief, relief]", "[relief, releif]")
    path = tmp_path / "typo.yaml"
    path.write_text(text)
    line = assert_one_error_line(run("solve", str(path)), str(path))
    number = text.splitlines().index(
        next(ln for ln in text.splitlines() if "releif" in ln and not ln.lstrip().startswith("#"))
    )
    assert f"{path}:{number + 1}:" in line


@pytest.mark.skipif(not BAD, reason="no fixtures in tests/fixtures/bad")
@pytest.mark.parametrize("fixture", BAD, ids=[p.name for p in BAD])
@pytest.mark.parametrize("command", ["solve", "validate", "export"])
def test_every_bad_fixture_exits_2_with_one_located_line(fixture: Path, command: str) -> None:
    result = run(command, str(fixture))
    line = assert_one_error_line(result, fixture.name)
    assert re.search(re.escape(fixture.name) + r":\d+", line), line


def test_validate_reports_every_bad_file_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("gametrust: 1\ntitle: [unclosed\n")
    result = run("validate", KOREA, str(bad), STAG)
    assert result.exit_code == 2
    assert [ln.split(" ")[1] for ln in result.stdout.splitlines()] == [KOREA, STAG]
    (line,) = error_lines(result)
    assert line.startswith(f"error: {bad}:")


# -- exit 1: internal errors ---------------------------------------------------------------------


def test_solver_error_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(game, method="auto", **_options):
        raise SolverError("enumeration returned a profile that is not an equilibrium")

    monkeypatch.setattr(sys.modules["gametrust.analysis.run"], "solve_normal_form", broken)
    result = run("solve", KOREA)
    assert result.exit_code == 1
    assert error_lines(result) == [
        "error: enumeration returned a profile that is not an equilibrium"
    ]


def test_unexpected_exception_exits_1_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(game, method="auto", **_options):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(sys.modules["gametrust.analysis.run"], "solve_normal_form", broken)
    result = run("solve", KOREA)
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert line.startswith("internal error: RuntimeError: kaboom")
    assert "GAMETRUST_DEBUG=1" in line
    assert "Traceback" not in result.stderr
    monkeypatch.setenv("GAMETRUST_DEBUG", "1")
    result = run("solve", KOREA)
    assert result.exit_code == 1
    assert "Traceback" in result.stderr


# -- solve --explain ------------------------------------------------------------------------------


def test_explain_keeps_relief_symbolic_and_fixes_what_is_set() -> None:
    out = run("solve", KOREA, "--explain")
    assert out.exit_code == 0, out.stderr
    lines = [" ".join(line.split()) for line in out.stdout.splitlines()]
    text = " ".join(lines)
    assert (
        "(Reassure, Freeze) iff relief*(e_US + 1) >= 5 and relief*(e_DPRK + 1) >= 5 "
        "(fails now)" in text
    )
    fixed = " ".join(run("solve", KOREA, "--explain", "--set", "relief=4").stdout.split())
    assert "(Reassure, Freeze) iff e_US >= 1/4 and e_DPRK >= 1/4 (fails now)" in fixed
    assert "fixed: relief = 4" in fixed
    both = " ".join(
        run("solve", KOREA, "--explain", "--set", "relief=4", "--empathy", "US=1/3",
            "--empathy", "DPRK=1/3").stdout.split()
    )
    assert "(Reassure, Freeze) is always an equilibrium" in both


def test_explain_json_block_validates() -> None:
    data = solve_json(KOREA, "--explain", "--set", "relief=4")
    jsonschema.Draft202012Validator(schema()).validate(data)
    restraint = next(p for p in data["explain"]["profiles"]
                     if p["profile"] == ["Reassure", "Freeze"])
    assert restraint["condition"] == "e_US >= 1/4 and e_DPRK >= 1/4"
    assert restraint["holds"] is False
    assert [s["name"] for s in data["explain"]["fixed"]] == ["relief"]
    stag = solve_json(STAG, "--explain")
    assert stag["explain"]["mixed"]["strategies"]["Row"]["Stag"] == "2/(3*(e_Column + 1))"
    assert stag["explain"]["mixed"]["values"]["Row"]["Stag"] == "2/3"


def test_explain_markdown_section() -> None:
    result = run("solve", STAG, "--explain", "--format", "markdown")
    assert result.exit_code == 0
    assert "### Conditions (exact, in the scenario's names)" in result.stdout
    assert "`2/(3*(e_Column + 1))`" in result.stdout


def test_explain_three_players_gives_pure_conditions_only(tmp_path: Path) -> None:
    path = tmp_path / "three.yaml"
    path.write_text(
        "gametrust: 1\ntitle: Three\nplayers:\n"
        "  X: {actions: [a, b]}\n  Y: {actions: [a, b]}\n  Z: {actions: [a, b]}\n"
        "payoffs:\n"
        + "".join(
            f"  {x}, {y}, {z}: [{v}, {v}, {v}]\n"
            for x in "ab" for y in "ab" for z in "ab"
            for v in [2 if x == y == z == "a" else 1 if x == y == z == "b" else 0]
        ),
        encoding="utf-8",
    )
    result = run("solve", str(path), "--explain")
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "only the conditions of pure profiles are derived" in out
    assert "(a, a, a) iff e_X >= -1/2 and e_Y >= -1/2 and e_Z >= -1/2 (holds now)" in out
    assert "Completely mixed equilibrium" not in out


def test_explain_refuses_big_games_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "big.nfg"
    game = gametrust.NormalFormGame.from_arrays([[0] * 9] * 9, [[0] * 9] * 9)
    path.write_text(write_nfg(game), encoding="utf-8")
    result = run("solve", str(path), "--explain")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert line.startswith("error: --explain:")


def test_explain_unknown_set_name_exits_2() -> None:
    result = run("solve", KOREA, "--explain", "--set", "releif=4")
    assert result.exit_code == 2
    assert error_lines(result)[0].startswith("error: --set releif:")


def test_cli_doc_explain_example_is_real_output() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    command = "gametrust solve scenarios/korea.yaml --explain --set relief=4"
    block = doc.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    result = run(*command.split()[1:])
    assert result.exit_code == 0
    assert [line.rstrip() for line in result.stdout.rstrip().splitlines()] == [
        line.rstrip() for line in block.rstrip().splitlines()
    ]


# -- start-up ------------------------------------------------------------------------------------


def test_solve_does_not_import_heavy_libraries() -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "from gametrust.cli import main; main()",
         "solve", KOREA],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "(Pressure, Arm)" in proc.stdout
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    heavy = {m for m in imported if m.split(".")[0] in ("sympy", "nashpy", "matplotlib", "flint")}
    assert not heavy, sorted(heavy)
    # engines and renderers this command does not use (issue 11: import only what it needs)
    unused = {"gametrust.analysis.repeated", "gametrust.analysis.folk", "gametrust.model.bayesian",
              "gametrust.model.signalling", "gametrust.report.json", "gametrust.report.markdown"}
    assert not unused & imported, sorted(unused & imported)
