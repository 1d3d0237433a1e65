"""Social-preference empathy models: Fehr-Schmidt inequity aversion and Charness-Rabin.

Known answers (the Prisoner's Dilemma (T, R, P, S) = (5, 3, 1, 0) with
alpha = 1 becomes a Stag Hunt at beta = 2/5, with the mixed equilibrium at
12/13 for beta = 1/2), agreement between the models where the formulas
coincide, invariance under relabelling, and located errors.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import gametrust
from gametrust import NormalFormGame
from gametrust.analysis.families import classify
from gametrust.cli import cli
from gametrust.core.errors import ArgumentError, ScenarioError
from gametrust.formats.load import loads
from gametrust.model.empathy import apply_empathy

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = "scenarios/pd_inequity_aversion.yaml"
PD = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"),
                                actions=(("C", "D"), ("C", "D")))


def fs_pd(beta: object, alpha: object = 1) -> NormalFormGame:
    return apply_empathy(PD, [(alpha, beta), (alpha, beta)], "fehr_schmidt")


def pd_yaml(empathy: str, model: str = "fehr_schmidt", extra: str = "") -> str:
    return f"""gametrust: 1
title: PD
players:
  Row: {{actions: [C, D]}}
  Col: {{actions: [C, D]}}
{extra}payoffs:
  C, C: [3, 3]
  C, D: [0, 5]
  D, C: [5, 0]
  D, D: [1, 1]
empathy_model: {model}
empathy:
{empathy}
"""


def run(*args: str):
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    return runner.invoke(cli, list(args), catch_exceptions=False)


# -- known answers ------------------------------------------------------------------------------


def test_beta_one_half_makes_the_pd_a_stag_hunt_with_trust_12_13() -> None:
    game = fs_pd(F(1, 2))
    # by hand: (D, C) gives the defector 5 - 5/2 and the cooperator 0 - 5
    assert game.payoff(("D", "C")) == (F(5, 2), F(-5))
    assert game.payoff(("C", "C")) == (3, 3) and game.payoff(("D", "D")) == (1, 1)
    assert classify(game).name == "Stag Hunt"
    result = gametrust.solve(game)
    assert result.complete
    assert {e.profile for e in result.pure} == {("C", "C"), ("D", "D")}
    (mixed,) = result.mixed
    # Row indifferent: 3p - 5(1 - p) = 5p/2 + (1 - p)  <=>  p = 12/13
    assert mixed.strategy("Row") == {"C": F(12, 13), "D": F(1, 13)}
    assert mixed.strategy("Col") == {"C": F(12, 13), "D": F(1, 13)}


def test_beta_one_third_keeps_the_prisoners_dilemma() -> None:
    game = fs_pd(F(1, 3))
    assert game.payoff(("D", "C")) == (F(10, 3), F(-5))  # 5 - 5/3 > 3: still tempted
    assert classify(game).name == "Prisoner's Dilemma"
    result = gametrust.solve(game)
    assert [e.profile for e in result.equilibria] == [("D", "D")]


@pytest.mark.parametrize("axis", ["empathy:beta", "empathy:Row.beta"])
def test_a_sweep_over_beta_has_its_exact_breakpoint_at_two_fifths(axis: str) -> None:
    # Cooperate answers Cooperate iff 5 - 5*beta <= 3, beta >= 2/5 (PD -> Stag Hunt);
    # Defect always answers Defect (1 > 0 - 5*alpha); the defector's 5 - 5*beta falls
    # below P = 1 at beta = 4/5 (Stag Hunt -> Assurance)
    scenario = loads(pd_yaml("  Row: {alpha: 1, beta: 1/2}\n  Col: {alpha: 1, beta: 1/2}"))
    result = gametrust.sweep(scenario, axis)
    assert [b.value for b in result.breakpoints] == [F(2, 5), F(4, 5)]
    if axis == "empathy:beta":
        names = [i.family.name for i in result.intervals]
        assert names[:2] == ["Prisoner's Dilemma", "Stag Hunt"]
        assert result.axis.symbol == "beta"
    else:
        assert result.axis.symbol == "beta_Row"


def test_the_shipped_scenario_and_the_cli_override() -> None:
    scenario = gametrust.load(ROOT / SCENARIO)
    by_parameter = gametrust.sweep(scenario, "param:beta")
    assert by_parameter.breakpoints[0].value == F(2, 5)
    # the weights written as the swept parameter move with it: they are not "fixed"
    assert set(by_parameter.fixed["empathy"]) == {"Row.alpha", "Column.alpha"}
    text = run("solve", SCENARIO).stdout
    assert "Family: Stag Hunt" in text and "Cooperate 12/13, Defect 1/13" in text
    one = run("solve", SCENARIO, "--empathy", "Row.beta=1/3", "--empathy", "Column.beta=1/3")
    assert one.exit_code == 0 and "Family: Prisoner's Dilemma" in one.stdout
    assert "Row.beta 1/3" in one.stdout
    sweep = run("sweep", SCENARIO, "--empathy", "Row.beta")
    assert sweep.exit_code == 0 and "beta_Row = 2/5" in sweep.stdout


def test_an_unknown_weight_on_the_command_line_is_located() -> None:
    result = run("solve", SCENARIO, "--empathy", "Row=1/4")
    assert result.exit_code == 2
    assert "--empathy Row" in result.stderr and "Row.alpha, Row.beta" in result.stderr
    result = run("sweep", SCENARIO, "--empathy")
    assert result.exit_code == 2 and "two weights per player" in result.stderr


# -- agreement between the models ---------------------------------------------------------------


def _random_game(seed: int, shape: tuple[int, ...]) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    tensor = rng.integers(-4, 6, size=(len(shape), *shape))
    return NormalFormGame.from_payoff_tensor(tensor.astype(object))


@pytest.mark.parametrize("model", ["fehr_schmidt", "charness_rabin"])
def test_zero_weights_give_the_material_game(model: str) -> None:
    game = _random_game(1, (3, 2))
    assert apply_empathy(game, [(0, 0), (0, 0)], model) == game
    assert np.array_equal(apply_empathy(game, [(0, 0), (0, 0)], model).payoffs, game.payoffs)


@pytest.mark.parametrize("shape", [(2, 2), (3, 2), (2, 2, 2)])
def test_charness_rabin_with_equal_weights_is_the_convex_model(shape: tuple[int, ...]) -> None:
    # rho = sigma = e: u_i + e/(n-1) * sum_j (u_j - u_i) = (1 - e) u_i + e * mean_j u_j
    game = _random_game(2, shape)
    weights = [F(1, 3), F(-1, 2), F(3, 4)][: len(shape)]
    convex = apply_empathy(game, weights, "convex")
    cr = apply_empathy(game, [(w, w) for w in weights], "charness_rabin")
    fs = apply_empathy(game, [(-w, w) for w in weights], "fehr_schmidt")
    assert np.array_equal(cr.payoffs, convex.payoffs)
    assert np.array_equal(fs.payoffs, convex.payoffs)


def test_charness_rabin_is_fehr_schmidt_with_alpha_minus_sigma_and_beta_rho() -> None:
    game = _random_game(3, (3, 3))
    for rho, sigma in [(F(1, 2), F(-1, 4)), (F(1, 3), F(1, 5)), (F(-1, 2), F(-1))]:
        cr = apply_empathy(game, [(rho, sigma), (sigma, rho)], "charness_rabin")
        fs = apply_empathy(game, [(-sigma, rho), (-rho, sigma)], "fehr_schmidt")
        assert np.array_equal(cr.payoffs, fs.payoffs)


def test_three_players_average_the_comparisons() -> None:
    game = NormalFormGame.from_payoff_tensor(np.array([[[[6]]], [[[3]]], [[[0]]]], dtype=object))
    fs = apply_empathy(game, [(1, F(1, 2))] * 3, "fehr_schmidt")
    # player 0 is ahead of both by 3 and 6: 6 - (1/2)(3 + 6)/2; player 1 is behind 0 by 3,
    # ahead of 2 by 3: 3 - (1*3 + (1/2)*3)/2; player 2 behind both: 0 - (6 + 3)/2
    assert fs.payoff((0, 0, 0)) == (F(15, 4), F(3, 4), F(-9, 2))


# -- invariance ---------------------------------------------------------------------------------


def _swapped(game: NormalFormGame) -> NormalFormGame:
    tensor = np.transpose(game.payoffs, (0, 2, 1))[::-1]
    return NormalFormGame.from_payoff_tensor(
        np.ascontiguousarray(tensor), players=game.players[::-1], actions=game.actions[::-1]
    )


@pytest.mark.parametrize("model", ["fehr_schmidt", "charness_rabin"])
@pytest.mark.parametrize("seed", [4, 5, 6])
def test_swapping_the_players_gives_the_swapped_answer(model: str, seed: int) -> None:
    game = _random_game(seed, (3, 2))
    a, b = (F(1), F(1, 2)), (F(1, 3), F(-1, 4))
    direct = apply_empathy(game, [a, b], model)
    swapped = apply_empathy(_swapped(game), [b, a], model)
    assert np.array_equal(_swapped(direct).payoffs, swapped.payoffs)
    one = {tuple(sorted((p, tuple(sorted(e.strategy(p).items()))) for p in game.players))
           for e in gametrust.solve(direct).equilibria}
    two = {tuple(sorted((p, tuple(sorted(e.strategy(p).items()))) for p in game.players))
           for e in gametrust.solve(swapped).equilibria}
    assert one == two


def test_relabelling_actions_relabels_the_answer() -> None:
    scenario = loads(pd_yaml("  Row: {alpha: 1, beta: 1/2}\n  Col: {alpha: 1, beta: 1/2}"))
    flipped = loads(pd_yaml("  Row: {alpha: 1, beta: 1/2}\n  Col: {alpha: 1, beta: 1/2}")
                    .replace("[C, D]", "[D, C]"))
    first, second = gametrust.solve(scenario), gametrust.solve(flipped)
    assert {e.profile for e in first.pure} == {e.profile for e in second.pure}
    assert first.mixed[0].strategy("Row") == second.mixed[0].strategy("Row")


# -- the format ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("empathy", "model", "message", "path"),
    [
        ("  Row: {alpha: 1}", "fehr_schmidt", "missing fehr_schmidt weight 'beta'",
         ("empathy", "Row")),
        ("  Row: {alpha: 1, beta: 1, gamma: 2}", "fehr_schmidt", "unknown fehr_schmidt weight",
         ("empathy", "Row", "gamma")),
        ("  Row: 1/2", "fehr_schmidt", "must be a mapping", ("empathy", "Row")),
        ("  Row: {rho: 1/2, sigma: 1/2}", "altruism", "one number per player",
         ("empathy", "Row")),
        ("  Row: {rho: 1/2, sigm: 0}", "charness_rabin", "did you mean 'sigma'",
         ("empathy", "Row", "sigm")),
    ],
)
def test_bad_weights_are_located(empathy: str, model: str, message: str, path: tuple) -> None:
    with pytest.raises(ScenarioError) as info:
        loads(pd_yaml(empathy, model), "pd.yaml")
    assert message in info.value.message
    assert info.value.location.path == path
    assert info.value.location.line is not None


def test_a_parameter_sweep_that_moves_the_comparison_is_refused() -> None:
    extra = "parameters:\n  T: {value: 5, range: [2, 6]}\n"
    text = pd_yaml("  Row: {alpha: 1, beta: 1/2}", extra=extra).replace("[5, 0]", "[T, 0]")
    scenario = loads(text)
    assert gametrust.solve(scenario).complete  # at a value the comparison is exact
    with pytest.raises(ArgumentError) as info:
        gametrust.sweep(scenario, "param:T")
    assert "compares the players' material payoffs" in info.value.message


def test_the_weights_round_trip_through_the_data_form() -> None:
    from gametrust.formats.scenario_data import scenario_from_data, scenario_to_data

    scenario = gametrust.load(ROOT / SCENARIO)
    data = scenario_to_data(scenario)
    assert data["empathy"]["Row"] == {"alpha": 1, "beta": "beta"}
    again = scenario_from_data(data)
    assert again.empathy == scenario.empathy
    for beta in [F(0), F(1, 3), F(1, 2)]:
        params = {"beta": beta}
        assert again.build(params).payoffs.tolist() == scenario.build(params).payoffs.tolist()


def test_the_format_doc_examples_run() -> None:
    doc = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    section = doc.split("### Social preferences", 1)[1].split("\n## ", 1)[0]
    yaml_block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    game = loads(yaml_block).build()
    assert game.payoff(("D", "C")) == (F(5, 2), F(-5))
    console = section.split("```console\n", 1)[1].split("```", 1)[0]
    commands = [line[len("$ gametrust "):].split() for line in console.splitlines()]
    assert len(commands) == 4
    for args in commands:
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)


def test_claims_over_the_weights_are_proved_or_refuted_exactly(tmp_path: Path) -> None:
    from gametrust.analysis.claims import assert_claim

    scenario = gametrust.load(ROOT / SCENARIO)
    weights = {"Row.beta": "1/3", "Column.beta": "1/3"}
    assert_claim(scenario, {"family": "Prisoner's Dilemma"}, empathy=weights)
    with pytest.raises(AssertionError):
        assert_claim(scenario, {"equilibrium": "Cooperate, Cooperate"}, empathy=weights)
    with pytest.raises(ArgumentError, match=r"did you mean 'Row\.beta'"):
        assert_claim(scenario, {"family": "Stag Hunt"}, empathy={"Row.betta": 1})
    # a wrong threshold (1/3 instead of 2/5) is refuted at an exact point
    text = (ROOT / SCENARIO).read_text(encoding="utf-8").split("claims:")[0] + """claims:
  - name: guilt of 1/3 is enough
    equilibrium: Cooperate, Cooperate
    when: {empathy: {Row: {beta: ">= 1/3"}, Column: {beta: ">= 1/3"}}}
"""
    path = tmp_path / "wrong.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("check", str(path), "--seed", "1", "--examples", "5")
    assert result.exit_code == 1
    assert "refuted" in result.stdout and "beta of Row" in result.stdout


def test_a_float_weight_makes_a_float_game_with_the_same_answer() -> None:
    game = apply_empathy(PD, [(1.0, 0.5), (1, F(1, 2))], "fehr_schmidt")
    assert not game.exact
    (mixed,) = gametrust.solve(game).mixed
    assert abs(mixed.strategy("Row")["C"] - 12 / 13) < 1e-9
