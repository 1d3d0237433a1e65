"""Family and equilibrium selection in every ``solve`` report (text, JSON, Markdown, HTML)."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from gametrust import NormalFormGame, solve
from gametrust.cli import cli
from gametrust.formats.load import load
from gametrust.report import html, markdown, text
from gametrust.report import json as json_report
from gametrust.report.html import render_html
from gametrust.report.markdown import render_markdown

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


def _result(name: str, **build):
    scenario = load(SCENARIOS / f"{name}.yaml")
    return solve(scenario.build(build.get("parameters"), build.get("empathy"))), scenario


def _json(name: str, **build) -> dict:
    result, scenario = _result(name, **build)
    data = json_report.report_dict(result, scenario, build.get("parameters"), build.get("empathy"))
    jsonschema.Draft202012Validator(json_report.result_schema()).validate(data)
    return data


def _index(data: dict, profile: list[str]) -> int:
    return next(e["index"] for e in data["equilibria"] if e["profile"] == profile)


# -- family --------------------------------------------------------------------------------------


def test_korea_is_a_prisoners_dilemma_in_every_format() -> None:
    data = _json("korea")
    assert data["family"]["name"] == "Prisoner's Dilemma"
    assert data["family"]["index"] == "Pd"
    assert data["family"]["group"] == "Prisoner's Dilemma"
    assert data["family"]["strict"] and data["family"]["symmetric"]
    assert data["selection"] is None  # a single equilibrium: nothing to select
    result, scenario = _result("korea")
    assert "Family: Prisoner's Dilemma (RG index Pd)" in text.render_text(result, scenario)
    md = markdown.render_markdown(result, scenario)
    assert "**Family:** Prisoner's Dilemma (RG index Pd)" in md
    assert "Prisoner&#x27;s Dilemma (RG index Pd)" in html.render_html(result, scenario)


def test_empathy_turns_korea_into_a_stag_hunt_then_harmony() -> None:
    assert _json("korea", empathy={"US": "1/3", "DPRK": "1/3"})["family"]["name"] == "Stag Hunt"
    assert _json("korea", empathy={"US": "3/4", "DPRK": "3/4"})["family"]["group"] == "Harmony"
    # exactly at 1/4 the game is on the boundary, with ties
    tie = _json("korea", empathy={"US": "1/4", "DPRK": "1/4"})["family"]
    assert not tie["strict"] and tie["index"] is None
    assert tie["borders"] == ["Prisoner's Dilemma", "Stag Hunt"]


def test_chicken_family() -> None:
    data = _json("chicken")
    assert data["family"]["name"] == "Chicken"
    assert data["family"]["index"] == "Ch"


def test_asymmetric_2x2_shows_each_players_type() -> None:
    # Row has Stag Hunt preferences (R > T > P > S), Column Prisoner's Dilemma ones
    game = NormalFormGame.from_arrays(
        [[4, 1], [3, 2]], [[3, 4], [1, 2]], players=["Row", "Col"],
        actions=[["C", "D"], ["C", "D"]],
    )
    result = solve(game)
    data = json_report.report_dict(result)
    assert data["family"]["player_types"] == {"Row": "Stag Hunt", "Col": "Prisoner's Dilemma"}
    assert not data["family"]["symmetric"]
    out = text.render_text(result)
    assert "Row: Stag Hunt preferences, Col: Prisoner's Dilemma preferences" in " ".join(
        out.split()
    )


def test_larger_games_list_structural_facts() -> None:
    rps = NormalFormGame.from_arrays(
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
        players=["A", "B"], actions=[["R", "P", "S"], ["R", "P", "S"]],
    )
    result = solve(rps)
    out = text.render_text(result)
    assert "Family: 3x3 game (symmetric; no pure equilibrium)" in out
    assert "  - no pure equilibrium" in out
    data = json_report.report_dict(result)
    assert "no pure equilibrium" in data["family"]["facts"]
    assert data["family"]["index"] is None and data["family"]["player_types"] == {}


# -- selection -----------------------------------------------------------------------------------


def test_stag_hunt_selection_and_trust_threshold_two_thirds() -> None:
    data = _json("stag_hunt")
    stag, hare = _index(data, ["Stag", "Stag"]), _index(data, ["Hare", "Hare"])
    selection = data["selection"]
    assert selection["payoff_dominant"] == stag
    assert selection["risk_dominant"] == hare
    (trust,) = selection["trust_thresholds"]
    assert (trust["cooperative"], trust["alternative"]) == (stag, hare)
    assert {p: Fraction(q) for p, q in trust["thresholds"].items()} == {
        "Row": Fraction(2, 3), "Column": Fraction(2, 3)
    }
    assert selection["risk_comparisons"] == [{"equilibria": [stag, hare], "winner": hare}]
    result, scenario = _result("stag_hunt")
    out = text.render_text(result, scenario)
    assert f"payoff-dominant: {stag + 1} (Stag, Stag)" in out
    assert f"risk-dominant: {hare + 1} (Hare, Hare)" in out
    assert "Row plays Stag only if P(Column plays Stag) >= 2/3 (rest on Hare)" in out
    assert "Column plays Stag only if P(Row plays Stag) >= 2/3 (rest on Hare)" in out
    md = markdown.render_markdown(result, scenario)
    assert "**Equilibrium selection**" in md and ">= 2/3 (rest on Hare)" in md


def test_korea_at_the_boundary_needs_certainty() -> None:
    # e = 1/4: restraint pays 5 against Freeze, exactly as much as Pressure does, so the
    # US plays Reassure only if it is sure that North Korea freezes
    data = _json("korea", empathy={"US": "1/4", "DPRK": "1/4"})
    restraint = _index(data, ["Reassure", "Freeze"])
    assert data["selection"]["payoff_dominant"] == restraint
    assert data["selection"]["risk_dominant"] is None  # only one strict pure equilibrium
    (trust,) = data["selection"]["trust_thresholds"]
    assert trust["thresholds"] == {"US": "1", "DPRK": "1"}


def test_chicken_has_no_dominant_equilibrium_and_a_risk_tie() -> None:
    data = _json("chicken")
    selection = data["selection"]
    assert selection["payoff_dominant"] is None and selection["risk_dominant"] is None
    assert selection["trust_thresholds"] == []
    ((pair, winner),) = [(c["equilibria"], c["winner"]) for c in selection["risk_comparisons"]]
    assert winner is None
    assert {tuple(data["equilibria"][k]["profile"]) for k in pair} == {
        ("Swerve", "Straight"), ("Straight", "Swerve")
    }
    result, scenario = _result("chicken")
    assert "risk-dominant: none; pairwise: 1 and 2 tie" in text.render_text(result, scenario)


def test_pairwise_risk_dominance_without_an_overall_winner() -> None:
    # three strict coordination equilibria; (a, a) and (b, b) tie, (c, c) loses to both
    game = NormalFormGame.from_arrays(
        [[2, 0, 0], [0, 2, 0], [0, 0, 1]], [[2, 0, 0], [0, 2, 0], [0, 0, 1]],
        actions=[["a", "b", "c"], ["a", "b", "c"]],
    )
    result = solve(game)
    data = json_report.report_dict(result)
    selection = data["selection"]
    assert selection["risk_dominant"] is None and selection["payoff_dominant"] is None
    index = {tuple(e["profile"]): e["index"] for e in data["equilibria"] if e["profile"]}
    a, b, c = index[("a", "a")], index[("b", "b")], index[("c", "c")]
    winners = {frozenset(x["equilibria"]): x["winner"] for x in selection["risk_comparisons"]}
    assert winners == {frozenset((a, b)): None, frozenset((a, c)): a, frozenset((b, c)): b}
    assert "risk-dominant: none; pairwise:" in text.render_text(result)


def test_games_with_more_players_have_no_selection() -> None:
    three = NormalFormGame.from_arrays(
        [[[1, 0], [0, 0]], [[0, 0], [0, 1]]],
        [[[1, 0], [0, 0]], [[0, 0], [0, 1]]],
        [[[1, 0], [0, 0]], [[0, 0], [0, 1]]],
    )
    result = solve(three)
    assert len(result) >= 2
    data = json_report.report_dict(result)
    jsonschema.Draft202012Validator(json_report.result_schema()).validate(data)
    assert data["selection"] is None
    assert "Equilibrium selection" not in text.render_text(result)
    assert data["family"]["name"] == "2x2x2 game (3 players)"


# -- notebooks -----------------------------------------------------------------------------------


def test_notebook_renderings() -> None:
    result, _ = _result("stag_hunt")
    md = render_markdown(result)
    assert md.startswith("## Stag Hunt") and "Stag 2/3, Hare 1/3" in md
    out = render_html(result)
    assert out.startswith('<div class="gametrust-result">') and out.endswith("</div>")
    assert "<table>" in out and "Stag 2/3, Hare 1/3" in out and "&gt;= 2/3" in out
    assert "<script" not in out


def test_html_escapes_labels() -> None:
    game = NormalFormGame.from_arrays(
        [[1, 0], [0, 1]], [[1, 0], [0, 1]], players=["<b>", "B&C"],
        actions=[["<i>x", "y"], ["x", "y"]], title="<script>alert(1)</script>",
    )
    out = render_html(solve(game))
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and "B&amp;C" in out and "&lt;i&gt;x" in out


# -- the command line ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["korea", "stag_hunt", "chicken", "prisoners_dilemma"])
def test_cli_json_has_family_and_selection(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["solve", f"scenarios/{name}.yaml", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(json_report.result_schema()).validate(data)
    assert data["family"]["name"]
    assert "explain" not in data


# -- the result as a value -----------------------------------------------------------------------


def test_solve_result_satisfies_the_result_protocol_and_carries_its_json() -> None:
    from gametrust.solvers.result import Result

    result, scenario = _result("stag_hunt")
    assert isinstance(result, Result)
    assert result.max_regret == 0 and isinstance(result.max_regret, Fraction)
    own = result.to_dict()
    report = json_report.report_dict(result, scenario)
    for key in ("game", "method", "exact", "complete", "degenerate", "equilibria", "components",
                "warnings"):
        assert own[key] == report[key], key
    assert own["max_regret"] == "0"
    assert [p["id"] for p in own["players"]] == [p["id"] for p in report["players"]]
    lines = str(result).splitlines()
    assert lines[0] == "3 equilibria (enumeration, exact, complete):"
    assert lines[1].startswith("  1. (Stag, Stag)")


def test_float_max_regret_is_the_largest_certificate() -> None:
    game = NormalFormGame.from_arrays([[0.3, 0.0], [0.2, 0.2]], [[0.3, 0.2], [0.0, 0.2]])
    result = solve(game)
    assert result.max_regret == max(e.regret for e in result)
    assert not result.exact and "floats" in str(result)


def test_a_solve_report_renders_like_its_result() -> None:
    from gametrust.analysis.solve_report import solve_report

    result, scenario = _result("korea")
    report = solve_report(result, scenario)
    assert report.family.name == "Prisoner's Dilemma" and report.selection is None
    assert text.render_text(report) == text.render_text(result, scenario)
    assert json_report.report_dict(report) == json_report.report_dict(result, scenario)
    assert markdown.render_markdown(report) == markdown.render_markdown(result, scenario)


# -- three or more players: the pure method lists pure equilibria only, never "complete" ---------

GAMBIT = ROOT / "tests" / "fixtures" / "gambit"


def test_three_players_pure_list_is_not_complete_in_every_rendering() -> None:
    # McKelvey and McLennan's 2x2x2 game (Gambit's 2x2x2.nfg) has 9 Nash equilibria, 4 of them
    # pure; method="pure" computes only the pure ones, so it must not claim to be complete
    # (the default method lists all 9: tests/test_nplayer.py)
    game = load(GAMBIT / "2x2x2.nfg").build()
    assert len(solve(game)) == 9 and solve(game).complete
    result = solve(game, method="pure")
    assert len(result) == 4 and all(e.kind == "pure" for e in result)
    assert result.complete is False
    assert any("only pure-strategy equilibria" in w for w in result.warnings)
    data = json_report.report_dict(result)
    jsonschema.Draft202012Validator(json_report.result_schema()).validate(data)
    assert data["complete"] is False
    assert any("only pure-strategy equilibria" in w for w in data["warnings"])
    said = "not complete: only pure-strategy equilibria are listed"
    assert said in " ".join(text.render_text(result).split())
    assert said in render_markdown(result)
    assert said in render_html(result)
    assert "not complete" in str(result).splitlines()[0]
    # and the CLI says so too
    out = CliRunner().invoke(
        cli, ["solve", str(GAMBIT / "2x2x2.nfg"), "--method", "pure", "--format", "json"]
    )
    assert out.exit_code == 0 and json.loads(out.stdout)["complete"] is False
    # and the list does leave equilibria out: e.g. 1 and 2 mix 1/2-1/2 while 3 plays 1
    # (one of the 5 mixed equilibria Gambit's enumpoly finds), checked exactly here
    from gametrust.model.regret import is_nash

    half = Fraction(1, 2)
    missing = ((half, half), (half, half), (Fraction(1), Fraction(0)))
    assert is_nash(game, missing, 0)
    assert all(e.strategies != missing for e in result)


def test_two_players_keep_complete_pure_lists_and_enumeration() -> None:
    stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]])
    assert solve(stag, method="pure").complete is True  # every pure one, as asked
    assert solve(stag).complete is True


def test_three_player_bayesian_pure_search_is_not_complete() -> None:
    from itertools import product

    import numpy as np

    from gametrust.model.bayesian import BayesianGame
    from gametrust.solvers.bayesian import solve_bayesian

    tensor = np.empty((1, 1, 2, 3, 2, 2, 2), dtype=object)
    for t in range(2):
        for acts in product(range(2), repeat=3):
            same = len(set(acts)) == 1
            for i in range(3):
                tensor[(0, 0, t, i, *acts)] = 2 if same else 0
    bg = BayesianGame(
        ["A", "B", "C"], [["a", "b"]] * 3, [["-"], ["-"], ["x", "y"]],
        [None, None, ["1/2", "1/2"]], tensor,
    )
    result = solve_bayesian(bg)
    assert result.concept == "pure-bayesian-nash" and len(result) == 2
    assert result.complete is False
    assert result.to_dict()["complete"] is False
    assert "not complete" in result.describe()
