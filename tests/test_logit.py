"""``solve(game, method="logit")``: one equilibrium of a game too large to enumerate (issue 12).

The logit path is followed in floats; what is reported is decided exactly: an
equilibrium solved on its support and certified, or an approximate profile
whose regret is computed exactly.
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from click.testing import CliRunner

from gametrust import NormalFormGame, solve
from gametrust.cli import cli
from gametrust.formats.gambit_nfg import read_nfg_game
from gametrust.model.exact_regret import exact_certificate
from gametrust.solvers.logit_path import follow_logit_path
from gametrust.solvers.logit_refine import bezout_bound


def _game(seed: int, shape: tuple[int, ...], top: int) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    return NormalFormGame.from_arrays(*rng.integers(0, top, size=(len(shape), *shape)))


def test_stag_hunt_ends_at_the_risk_dominant_equilibrium() -> None:
    stag = NormalFormGame.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]],
                                      actions=[["Stag", "Hare"], ["Stag", "Hare"]])
    result = solve(stag, method="logit")
    assert [e.profile for e in result] == [("Hare", "Hare")]
    assert result.complete is False and result.max_regret == 0


def test_gambit_2x2x2_gives_one_of_its_nine_equilibria_exactly() -> None:
    game = read_nfg_game("tests/fixtures/gambit/2x2x2.nfg")
    result = solve(game, method="logit")
    assert len(result) == 1
    assert result[0].strategies in {e.strategies for e in solve(game)}
    # the branch passes a bifurcation point (the game is symmetric in players 1 and 2) and
    # ends where Gambit's logit_solve heads: players 1 and 2 at 1/2, player 3 on action 1
    half = Fraction(1, 2)
    assert result[0].strategies == ((half, half), (half, half), (1, 0))
    assert result.details["logit_path"]["reached_end"]


@pytest.mark.parametrize("shape", [(2, 2, 2), (3, 3, 3), (2, 2, 2, 2), (4, 4)])
def test_on_generic_games_the_equilibrium_is_one_the_enumeration_lists(shape) -> None:
    refined = 0
    for seed in range(6):
        game = _game(seed, shape, 100)
        result = solve(game, method="logit")
        if not len(result):
            continue
        refined += 1
        assert result.max_regret == 0
        assert result[0].strategies in {e.strategies for e in solve(game, method="enumeration")}
    assert refined >= 4  # the refinement works on most small generic games


def test_with_ties_every_reported_profile_has_exact_zero_regret() -> None:
    for seed in range(8):
        game = _game(seed, (3, 3, 3), 4)
        result = solve(game, method="logit")
        for e in result:
            assert max(exact_certificate(game, e.strategies).regrets) == 0


def test_the_path_is_invariant_under_affine_changes_and_relabelling() -> None:
    game = _game(3, (3, 3, 3), 100)
    first = solve(game, method="logit")[0].strategies
    payoffs = np.array(game.integer_form[0], dtype=np.int64)
    # a positive affine change per player, and player 0's actions reversed
    changed = np.stack([3 * payoffs[0] + 7, 2 * payoffs[1] - 5, payoffs[2] + 1])[:, ::-1]
    second = solve(NormalFormGame.from_arrays(*changed), method="logit")[0].strategies
    assert second == (tuple(reversed(first[0])), first[1], first[2])


def test_a_game_too_large_to_enumerate_gets_a_certified_answer() -> None:
    game = _game(0, (3,) * 6, 100)  # 7**6 = 117,649 support profiles: past the limit
    assert solve(game).method == "pure"
    result = solve(game, method="logit")
    assert result.complete is False and result.method == "logit"
    if len(result):
        assert result.max_regret == 0
    else:  # approximate: the reported bound is the exact regret of the reported profile
        approx = result.to_dict()["approximate"]
        profile = tuple(
            tuple(Fraction(approx["strategies"][p][a]) for a in game.actions[i])
            for i, p in enumerate(game.players)
        )
        assert str(max(exact_certificate(game, profile).regrets)) == approx["max_regret"]
        assert Fraction(approx["max_regret"]) < Fraction(1, 10**9)


def test_systems_with_many_solutions_are_not_solved_but_reported_approximately() -> None:
    assert bezout_bound([(0, 1)] * 5) == 44  # above MAX_SOLUTIONS: not attempted
    result = solve(_game(13, (2,) * 5, 100), method="logit")  # ends with everybody mixing
    assert len(result) == 0 and result.max_regret == 0  # nothing listed, nothing claimed
    data = result.to_dict()
    assert Fraction(data["approximate"]["max_regret"]) < Fraction(1, 10**9)  # polished
    assert "approximate equilibrium with maximum regret" in result.warnings[0]


def test_follows_folds_of_the_branch_to_the_end() -> None:
    for seed in range(60):
        shape = [(2, 2, 2), (3, 3, 3), (2, 2, 2, 2), (2,) * 5][seed % 4]
        rng = np.random.default_rng(seed)
        payoffs = rng.integers(0, 10 if seed % 2 else 100, size=(len(shape), *shape))
        path = follow_logit_path(payoffs.astype(float))
        assert path.finished, seed


def test_cli_method_logit_json(tmp_path) -> None:
    rng = np.random.default_rng(0)
    payoffs = rng.integers(0, 100, size=(3, 3, 3, 3))
    flat = " ".join(str(int(payoffs[i][a, b, c])) for c in range(3) for b in range(3)
                    for a in range(3) for i in range(3))
    path = tmp_path / "three.nfg"
    path.write_text('NFG 1 R "three" { "A" "B" "C" } { 3 3 3 }\n\n' + flat + "\n")
    out = CliRunner().invoke(cli, ["solve", str(path), "--method", "logit", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["method"] == "logit" and data["complete"] is False
    assert data["equilibria"] or "approximate" in data


def test_json_of_both_outcomes_validates_against_the_result_schema() -> None:
    import jsonschema

    from gametrust.report import json as json_report

    validator = jsonschema.Draft202012Validator(json_report.result_schema())
    exact = solve(_game(0, (4, 4, 4, 4), 100), method="logit")  # refined: one equilibrium
    approximate = solve(_game(13, (2,) * 5, 100), method="logit")  # nothing listed
    assert len(exact) == 1 and len(approximate) == 0
    for result in (exact, approximate):
        validator.validate(json_report.report_dict(result))
