"""Scenarios with moves in time through the command line: solve and sweep."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gametrust.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_agreed_framework_commitment_is_subgame_perfect() -> None:
    result = run("solve", "scenarios/agreed_framework_1994.yaml")
    assert result.exit_code == 0, result.output
    assert "1 extreme subgame-perfect equilibrium" in result.output
    assert "DPRK commit: bond (cost 1/2, bond 2) -> US Relief -> DPRK Comply" in result.output


def test_agreed_framework_thresholds_by_sweep() -> None:
    # committing is subgame-perfect exactly when bond >= 1 (the temptation gain) ...
    bond = json.loads(run("sweep", "scenarios/agreed_framework_1994.yaml", "--param", "bond",
                          "--format", "json").output)
    assert bond["breakpoints"] == ["1"]
    # ... and the up-front cost is below 2 (the cooperation gain)
    cost = json.loads(run("sweep", "scenarios/agreed_framework_1994.yaml", "--param", "cost",
                          "--format", "json").output)
    assert cost["breakpoints"] == ["2"]
    segments = cost["segments"]
    k = next(i for i, s in enumerate(segments) if s.get("value") == "2")
    below, at, above = segments[k - 1], segments[k], segments[k + 1]
    assert all("commit: bond" in p["text"] for e in below["subgame_perfect"]
               for p in e["paths"])
    assert len(at["subgame_perfect"]) == 2  # indifferent: both choices are subgame-perfect
    assert all("no commitment" in p["text"] for e in above["subgame_perfect"]
               for p in e["paths"])


def test_inspector_leadership_makes_the_state_comply() -> None:
    result = json.loads(run("solve", "scenarios/inspection_leadership.yaml", "--format",
                            "json").output)
    assert result["kind"] == "tree"
    [spe] = result["subgame_perfect"]
    assert spe["paths"][0]["moves"][-1] == "Comply"


def test_tree_options_that_do_not_apply_are_errors() -> None:
    result = run("solve", "scenarios/agreed_framework_1994.yaml", "--method", "pure")
    assert result.exit_code == 2
    assert "--method" in result.output
    result = run("sweep", "scenarios/agreed_framework_1994.yaml", "--param", "bond",
                 "--format", "csv")
    assert result.exit_code == 2


def test_empathy_applies_to_trees_and_paths_name_the_commitment_cost() -> None:
    result = run("solve", "scenarios/korea_moratorium.yaml", "--empathy", "US=1/2",
                 "--empathy", "DPRK=1/2")
    assert result.exit_code == 0, result.output
    assert "Empathy (altruism): US = 1/2, DPRK = 1/2" in result.output
    result = run("solve", "scenarios/agreed_framework_1994.yaml")
    assert "DPRK commit: bond (cost 1/2, bond 2) -> US Relief -> DPRK Comply" in result.output
