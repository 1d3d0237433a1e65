"""The text, JSON and Markdown reports: exact values, annotations, schema."""

from __future__ import annotations

import json
from fractions import Fraction

import jsonschema
import pytest

from gametrust import NormalFormGame, is_nash
from gametrust.core.exact import parse_number
from gametrust.report import FORMATS, markdown, render, text
from gametrust.report import json as json_report
from gametrust.solvers.solve import METHODS, solve

STAG = NormalFormGame.from_arrays(
    [[3, 0], [2, 2]],
    [[3, 2], [0, 2]],
    players=["Row", "Col"],
    actions=[["Stag", "Hare"], ["Stag", "Hare"]],
    title="Stag Hunt",
)
# Degenerate: B is indifferent everywhere, so equilibria form continua.
DEGENERATE = NormalFormGame.from_arrays(
    [[1, 1], [0, 2]],
    [[1, 1], [1, 1]],
    players=["A", "B"],
    actions=[["T", "B"], ["L", "R"]],
)
THREE = NormalFormGame.from_arrays(
    [[[2, 0], [0, 0]], [[0, 0], [0, 1]]],
    [[[2, 0], [0, 0]], [[0, 0], [0, 1]]],
    [[[2, 0], [0, 0]], [[0, 0], [0, 1]]],
    players=["X", "Y", "Z"],
    actions=[["a", "b"], ["a", "b"], ["a", "b"]],
)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json_report.result_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_text_mixed_equilibrium_is_exact() -> None:
    out = text.render_text(solve(STAG))
    assert "Stag 2/3, Hare 1/3" in out
    assert "0.66" not in out
    assert "(Stag, Stag)" in out and "(Hare, Hare)" in out


def test_text_is_plain_and_fits_80_columns() -> None:
    wide = NormalFormGame.from_arrays(
        [[Fraction(k, 7) for k in range(5)] for _ in range(4)],
        [[Fraction(-k, 3) for k in range(5)] for _ in range(4)],
        players=["United_States", "North_Korea"],
        actions=[[f"Row action {k}" for k in range(4)], [f"Column {k}" for k in range(5)]],
    )
    for game in (STAG, DEGENERATE, THREE, wide):
        out = text.render_text(solve(game), empathy={game.players[0]: "1/4"})
        assert "\x1b" not in out
        assert all(len(line) <= 80 for line in out.splitlines()), out


def test_pareto_domination_is_computed_from_payoffs() -> None:
    result = solve(STAG)
    best = next(k for k, e in enumerate(result) if e.profile == ("Stag", "Stag"))
    for k, eq in enumerate(result):
        # (Stag, Stag) pays 3 each; both others pay 2 each.
        assert result.dominated_by[k] == (() if k == best else (best,))
        assert eq.pareto_dominated == (k != best)


def test_text_explains_continua() -> None:
    result = solve(DEGENERATE)
    assert result.continua
    out = text.render_text(result)
    assert "Degenerate game" in out
    assert "Continua" in out
    for component in result.continua:
        assert "Equilibria " + ", ".join(str(k + 1) for k in component) in out


def test_text_lists_profiles_for_three_players_and_caps_long_listings() -> None:
    out = text.render_text(solve(THREE))
    assert "(a, a, a)   2, 2, 2" in out
    big = NormalFormGame.from_payoff_tensor([[[[0] * 4] * 4] * 4] * 3)
    out = text.render_text(solve(big))
    listed = [line for line in out.splitlines() if line.startswith("  (")]
    assert len(listed) == text.MAX_PROFILES
    assert f"{64 - text.MAX_PROFILES} more" in out


def test_empathy_shown_only_when_non_zero() -> None:
    result = solve(STAG)
    assert "Empathy" not in text.render_text(result, empathy={"Row": "0", "Col": 0})
    out = text.render_text(result, empathy={"Row": "1/4"})
    assert "Empathy (altruism model): Row 1/4, Col 0" in out


@pytest.mark.parametrize("game", [STAG, DEGENERATE, THREE, STAG.to_float()])
def test_json_validates_and_round_trips_exactly(game, validator) -> None:
    result = solve(game)
    data = json.loads(json_report.render_json(result, parameters={"relief": Fraction(5, 2)}))
    validator.validate(data)
    assert data["exact"] == game.exact
    assert data["parameters"] == {"relief": "5/2"}
    assert [p["id"] for p in data["players"]] == list(game.players)
    assert len(data["game"]["payoffs"]) == len(list(game.profiles()))
    for entry, eq in zip(data["equilibria"], result, strict=True):
        profile = [
            [parse_number(entry["strategies"][p][a]) for a in game.actions[i]]
            for i, p in enumerate(game.players)
        ]
        if any(x is None for row in profile for x in row):  # a real algebraic number
            assert [[entry["strategies"][p][a] for a in game.actions[i]]
                    for i, p in enumerate(game.players)] == [
                [str(x) for x in row] for row in eq.strategies]
        elif game.exact:
            assert tuple(map(tuple, profile)) == eq.strategies
            assert is_nash(game, profile)
        assert entry["kind"] == eq.kind
        assert data["components"][entry["component"]].count(entry["index"]) == 1


def test_json_stag_hunt_mixed_probabilities(validator) -> None:
    data = json_report.report_dict(solve(STAG))
    mixed = [e for e in data["equilibria"] if e["kind"] == "mixed"]
    assert len(mixed) == 1
    assert mixed[0]["strategies"]["Row"] == {"Stag": "2/3", "Hare": "1/3"}
    assert mixed[0]["payoffs"] == {"Row": "2", "Col": "2"}
    assert mixed[0]["profile"] is None
    assert mixed[0]["regret"] == "0"


def test_schema_lists_every_solver_method() -> None:
    allowed = set(json_report.result_schema()["properties"]["method"]["enum"])
    assert set(METHODS) - {"auto"} <= allowed


def test_markdown_table_and_list() -> None:
    out = markdown.render_markdown(solve(STAG))
    assert "| **Stag** | 3, 3 | 0, 2 |" in out
    assert "Row: Stag 2/3, Hare 1/3" in out
    numbered = [line for line in out.splitlines() if line[:3] in ("1. ", "2. ", "3. ")]
    assert len(numbered) == 3


def test_markdown_escapes_table_breaking_labels() -> None:
    game = NormalFormGame.from_arrays([[1]], [[1]], actions=[["a|b"], ["c*d"]])
    out = markdown.render_markdown(solve(game))
    assert "a\\|b" in out and "c\\*d" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_dispatches_and_reports_no_equilibrium(fmt) -> None:
    # matching pennies has no pure equilibrium
    pennies = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    out = render(solve(pennies, method="pure"), format=fmt)
    if fmt == "json":
        assert json.loads(out)["equilibria"] == []
    else:
        assert "No pure-strategy equilibrium" in out


# -- family, selection and the explain block ------------------------------------------------------


@pytest.mark.parametrize("game", [STAG, DEGENERATE, THREE, STAG.to_float()])
def test_every_report_names_the_family(game) -> None:
    from gametrust import classify

    result = solve(game)
    family = classify(game)
    assert f"Family: {family}" in " ".join(text.render_text(result).split())
    assert json_report.report_dict(result)["family"]["description"] == str(family)
    assert "**Family:**" in markdown.render_markdown(result)


@pytest.mark.parametrize("game", [STAG, DEGENERATE, THREE])
def test_json_explain_block_validates(game, validator) -> None:
    from gametrust.analysis.explain import explain

    data = json_report.report_dict(solve(game), explanation=explain(game))
    validator.validate(data)
    assert len(data["explain"]["profiles"]) == len(list(game.profiles()))
    assert (data["explain"]["mixed"] is None) == (game.shape != (2, 2))


def test_schema_rejects_an_unknown_explain_field(validator) -> None:
    from gametrust.analysis.explain import explain

    data = json_report.report_dict(solve(STAG), explanation=explain(STAG))
    data["explain"]["profiles"][0]["surprise"] = 1
    assert not validator.is_valid(data)


def test_explanation_sections_are_plain_and_fit_80_columns() -> None:
    from gametrust.analysis.explain import explain

    for game in (STAG, DEGENERATE, THREE):
        out = text.render_text(solve(game), explanation=explain(game))
        assert "Conditions (exact, in the scenario's names):" in out
        assert all(len(line) <= 80 for line in out.splitlines()), out
        md = markdown.render_markdown(solve(game), explanation=explain(game))
        assert "### Conditions" in md
