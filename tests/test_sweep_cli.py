"""``gametrust sweep``: the thresholds the issue asks for, through the command line."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from gametrust.cli import cli
from gametrust.report.sweep_data import CSV_GRID_COLUMNS, schema

ROOT = Path(__file__).resolve().parent.parent
KOREA = "scenarios/korea.yaml"
STAG = "tests/fixtures/sweep/pd_stag_hunt.yaml"
CHICKEN = "tests/fixtures/sweep/pd_chicken.yaml"
NO_RANGE = "tests/fixtures/sweep/no_range.yaml"
VALIDATOR = jsonschema.Draft202012Validator(schema())


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
    return _runner().invoke(cli, ["sweep", *args], catch_exceptions=False)


def sweep_json(*args: str) -> dict:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    VALIDATOR.validate(data)
    return data


def pure_set(equilibria: list[dict]) -> set[tuple[str, ...]]:
    return {tuple(e["profile"]) for e in equilibria if e["kind"] == "pure"}


def assert_one_error_line(result, option: str) -> None:
    assert result.exit_code == 2, result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert option in lines[0]
    assert "Traceback" not in result.stderr


# -- the Prisoner's Dilemmas ------------------------------------------------------------


def test_pd_stag_hunt_thresholds() -> None:
    data = sweep_json(STAG, "--empathy")
    assert data["axis"]["symbol"] == "e"
    assert [b["value"] for b in data["breakpoints"]] == ["1/4", "2/3"]
    assert [i["family"]["group"] for i in data["intervals"]] == [
        "Prisoner's Dilemma", "Stag Hunt", "Harmony"
    ]
    mixed = next(e for e in data["intervals"][1]["equilibria"] if e["kind"] == "mixed")
    assert mixed["strategies"]["Row"]["C"] == "(2 - 3*e)/(e + 1)"
    quarter, two_thirds = data["breakpoints"]
    assert pure_set(quarter["equilibria"]) == {("C", "C"), ("D", "D")}
    assert pure_set(two_thirds["equilibria"]) == {("C", "C"), ("D", "D")}


def test_pd_chicken_thresholds() -> None:
    data = sweep_json(CHICKEN, "--empathy")
    assert [b["value"] for b in data["breakpoints"]] == ["1/4", "2/3"]
    assert [i["family"]["group"] for i in data["intervals"]] == [
        "Prisoner's Dilemma", "Chicken", "Harmony"
    ]
    assert pure_set(data["intervals"][1]["equilibria"]) == {("C", "D"), ("D", "C")}


def test_text_report_lists_intervals_and_breakpoints_in_order() -> None:
    result = run(STAG, "--empathy")
    assert result.exit_code == 0, result.stderr
    heads = [line.split()[:3] for line in result.stdout.splitlines() if line.startswith("e ")]
    assert heads[:5] == [
        ["e", "in", "[0,"], ["e", "=", "1/4"], ["e", "in", "(1/4,"], ["e", "=", "2/3"],
        ["e", "in", "(2/3,"],
    ]
    assert "Summary: Prisoner's Dilemma for e < 1/4, Stag Hunt for 1/4 < e < 2/3" in " ".join(
        result.stdout.split()
    )


# -- Korea -----------------------------------------------------------------------------------------


def test_korea_common_empathy() -> None:
    data = sweep_json(KOREA, "--empathy")
    assert data["scenario"]["file"] == KOREA
    assert data["fixed"]["parameters"] == {"relief": "4"}
    assert [b["value"] for b in data["breakpoints"]] == ["1/4", "2/3"]
    middle = data["intervals"][1]
    assert pure_set(middle["equilibria"]) == {("Pressure", "Arm"), ("Reassure", "Freeze")}
    mixed = next(e for e in middle["equilibria"] if e["kind"] == "mixed")
    assert mixed["strategies"]["DPRK"]["Freeze"] == "(2 - 3*e)/(e + 1)"


def test_korea_text_is_the_default_format() -> None:
    result = run(KOREA, "--empathy")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Singapore summit, 2018\n")
    assert "US plays Reassure only if P(DPRK plays Freeze) >= (2 - 3e)/(e + 1)" in " ".join(
        result.stdout.split()
    )


def test_korea_parameter_over_its_declared_range() -> None:
    data = sweep_json(KOREA, "--param", "relief")
    assert data["axis"] == {
        "kind": "param", "name": "relief", "symbol": "relief", "description": "parameter relief"
    }
    assert data["range"] == {"from": "2", "to": "6"}
    # mutual restraint becomes an equilibrium exactly where relief reaches T = 5
    assert [b["value"] for b in data["breakpoints"]] == ["5"]
    assert [i["family"]["group"] for i in data["intervals"]] == ["Prisoner's Dilemma", "Stag Hunt"]


def test_parameter_range_and_fixed_values_from_options() -> None:
    data = sweep_json(KOREA, "--param", "relief", "--from", "9/2", "--to", "11/2",
                      "--fix-empathy", "US=1/10")
    assert data["range"] == {"from": "9/2", "to": "11/2"}
    assert data["fixed"]["empathy"] == {"US": "1/10", "DPRK": "0"}
    # with e_US = 1/10 the US compares relief*(1 + 1/10) with 5: switch at relief = 50/11
    assert "50/11" in [b["value"] for b in data["breakpoints"]]


def test_one_player_and_set() -> None:
    data = sweep_json(KOREA, "--empathy", "US", "--set", "relief=3", "--fix-empathy", "DPRK=1/2")
    assert data["axis"]["name"] == "US" and data["axis"]["symbol"] == "e_US"
    assert data["fixed"] == {
        "parameters": {"relief": "3"}, "empathy": {"DPRK": "1/2"}, "empathy_model": "altruism"
    }


def test_korea_two_dimensional_map() -> None:
    data = sweep_json(KOREA, "--empathy", "US", "--empathy", "DPRK", "--grid", "5")
    assert data["kind"] == "map"
    assert [a["symbol"] for a in data["axes"]] == ["e_US", "e_DPRK"]
    assert [b["value"] for b in data["boundaries"]["x"]] == ["1/4", "2/3"]
    assert len(data["regions"]) == 9
    assert len(data["grid"]["region"]) == 5
    text = run(KOREA, "--empathy", "US", "--empathy", "DPRK")
    assert text.exit_code == 0 and "9 regions:" in text.stdout


def test_grid_csv() -> None:
    result = run(KOREA, "--empathy", "--grid", "5", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_GRID_COLUMNS
    assert sorted({r["value"] for r in rows}, key=Fraction) == ["0", "1/4", "1/2", "3/4", "1"]
    assert not result.stdout.endswith("\n\n")


def test_markdown_format() -> None:
    result = run(KOREA, "--empathy", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("## Singapore summit, 2018")


def test_help_lists_sweep() -> None:
    result = _runner().invoke(cli, ["--help"])
    assert "sweep" in result.stdout


# -- errors: exit 2, one line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "option"),
    [
        ((KOREA, "--empathy", "USA"), "--empathy"),
        ((KOREA, "--param", "releif"), "--param"),
        ((KOREA, "--param", "relief", "--from", "4", "--to", "4"), "--from"),
        ((KOREA, "--param", "relief", "--from", "5", "--to", "3"), "--from"),
        ((KOREA, "--empathy", "--from", "one"), "--from"),
        ((KOREA, "--empathy", "--to", "1e999999999"), "--to"),
        ((KOREA, "--empathy", "--grid", "1"), "--grid"),
        ((KOREA, "--empathy", "US", "--param", "relief"), "--param"),
        ((KOREA, "--empathy", "US", "--empathy", "DPRK", "--param", "relief"), "--param"),
        ((KOREA, "--param", "relief", "--param", "relief"), "--param"),
        ((KOREA, "--empathy", "US", "--empathy", "US"), "--empathy"),
        ((KOREA, "--empathy", "--empathy", "US"), "--empathy"),
        ((KOREA, "--empathy", "US=1/4"), "--fix-empathy"),
        ((KOREA, "--empathy", "--fix-empathy", "US=1/4"), "--fix-empathy"),
        ((KOREA, "--empathy", "US", "--fix-empathy", "US=1/4"), "--fix-empathy"),
        ((KOREA, "--empathy", "US", "--fix-empathy", "DPKR=1/4"), "--fix-empathy"),
        ((KOREA, "--empathy", "US", "--fix-empathy", "DPRK=lots"), "--fix-empathy"),
        ((KOREA, "--param", "relief", "--set", "relief=3"), "--set"),
        ((KOREA, "--empathy", "--set", "releif=3"), "--set"),
        ((KOREA,), "--empathy"),
        ((NO_RANGE, "--param", "reward"), "--from"),
        ((KOREA, "--empathy", "--format", "xml"), "--format"),
        (("scenarios/no_such.yaml", "--empathy"), "no_such.yaml"),
        (("--empathy", KOREA), KOREA),
    ],
)
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...], option: str) -> None:
    assert_one_error_line(run(*args), option)


def test_two_dimensional_map_of_one_unknown_player() -> None:
    assert_one_error_line(run(KOREA, "--empathy", "US", "--empathy", "NK"), "--empathy")
