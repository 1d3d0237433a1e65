"""Learning dynamics, exact basins of 2x2 games and the logit QRE (issue 15, item 4).

Known answers: the basin of (Stag, Stag) under best-response dynamics is the
set of beliefs above the trust threshold (the mixed equilibrium's
probability); risk dominance is the larger basin; replicator dynamics from a
grid go where the basins say; the principal logit QRE branch of a symmetric
coordination game ends at its risk-dominant equilibrium, where Gambit's
``logit_solve`` ends (stored answers; live when pygambit is installed).
"""

from __future__ import annotations

import doctest
import itertools
import json
import random
import re
import shlex
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import gametrust
from gametrust import ArgumentError, NormalFormGame, basins, learn, qre
from gametrust.analysis.selection import analyse as analyse_selection
from gametrust.cli import cli

ROOT = Path(__file__).resolve().parent.parent
STAG = ROOT / "scenarios" / "stag_hunt.yaml"
FIXTURE = ROOT / "tests" / "fixtures" / "gambit" / "logit_qre.json"


def _stag() -> gametrust.Scenario:
    return gametrust.load(STAG)


# -- exact basins and the trust threshold --


def test_stag_hunt_basin_of_stag_stag_is_the_beliefs_above_the_trust_threshold() -> None:
    scenario = _stag()
    game = scenario.build()
    result = gametrust.solve(game)
    trust = analyse_selection(game, result).thresholds[0].thresholds
    assert trust == {"Row": Fraction(2, 3), "Column": Fraction(2, 3)}
    mixed = result[2].strategies  # the mixed equilibrium: Stag with probability 2/3
    assert mixed == ((Fraction(2, 3), Fraction(1, 3)), (Fraction(2, 3), Fraction(1, 3)))
    b = basins(scenario)
    assert [(s.threshold, s.above, s.below) for s in b.splits] == [
        (trust["Row"], "Stag", "Hare"), (trust["Column"], "Stag", "Hare")]
    (cell,) = b.basin(0)  # (Stag, Stag)
    assert cell.beliefs == ((Fraction(2, 3), Fraction(1)), (Fraction(2, 3), Fraction(1)))
    assert cell.first == ("Stag", "Stag")
    (hare,) = b.basin(1)
    assert hare.beliefs == ((Fraction(0), Fraction(2, 3)), (Fraction(0), Fraction(2, 3)))
    assert b.areas == (Fraction(1, 9), Fraction(4, 9), Fraction(0))
    cycles = [c for c in b.cells if c.reaches is None]
    assert len(cycles) == 2 and all(len(c.path) == 2 for c in cycles)


@pytest.mark.parametrize("weight, threshold", [("1/3", Fraction(1, 4)), ("1/2", Fraction(2, 3))])
def test_empathy_moves_the_basin_with_the_trust_threshold(weight: str,
                                                         threshold: Fraction) -> None:
    korea = gametrust.load(ROOT / "scenarios" / "korea.yaml")
    empathy = {"US": weight, "DPRK": weight}
    b = basins(korea, empathy=empathy)
    game = korea.build(empathy=empathy)
    result = gametrust.solve(game)
    # the belief in Arm at which each side is indifferent = the mixed equilibrium's Arm weight
    mixed = next(e for e in result if e.kind != "pure")
    assert [s.threshold for s in b.splits] == [mixed.strategies[1][0], mixed.strategies[0][0]]
    assert b.splits[0].threshold == threshold
    # ... and 1 minus the trust threshold for restraint (belief in Freeze)
    trust = analyse_selection(game, result).thresholds[0].thresholds
    assert trust == {"US": 1 - threshold, "DPRK": 1 - threshold}


def _random_coordination_games(count: int) -> list[NormalFormGame]:
    rng = random.Random(15)
    games = []
    while len(games) < count:
        a = [[rng.randint(-5, 9) for _ in range(2)] for _ in range(2)]
        b = [[rng.randint(-5, 9) for _ in range(2)] for _ in range(2)]
        game = NormalFormGame.from_arrays(a, b)
        strict = [e for e in gametrust.solve(game) if e.kind == "pure" and e.strict]
        if len(strict) == 2:
            games.append(game)
    return games


def test_risk_dominance_is_the_larger_basin() -> None:
    ties = 0
    for game in _random_coordination_games(40):
        b = basins(game)
        strict = [k for k, e in enumerate(b.equilibria) if e.kind == "pure" and e.strict]
        areas = [b.areas[k] for k in strict]
        if areas[0] == areas[1]:
            ties += 1
            assert b.risk_dominant is None and b.largest_basin is None
        else:
            assert b.risk_dominant == b.largest_basin == strict[areas.index(max(areas))]
        # each strict equilibrium's basin is the one rectangle of beliefs in which both
        # sides' best responses are their parts of it: it is played from the first round
        for k in strict:
            (cell,) = b.basin(k)
            assert cell.first == b.equilibria[k].profile and cell.path == (cell.first,)
    assert ties < 40


def test_dominance_and_matching_pennies() -> None:
    pd = basins(gametrust.load(ROOT / "scenarios" / "prisoners_dilemma.yaml"))
    assert all(s.threshold is None for s in pd.splits) and pd.areas == (Fraction(1),)
    pennies = basins(NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]))
    assert pennies.areas == (Fraction(0),)
    assert all(c.reaches is None and len(c.path) == 4 for c in pennies.cells)


# -- replicator dynamics go where the basins say --


GRID = [Fraction(k, 8) for k in range(1, 8)]


@pytest.mark.parametrize("payoffs", [
    ([[3, 0], [2, 2]], [[3, 2], [0, 2]]),  # the Stag Hunt
    ([[6, 0], [3, 2]], [[6, 3], [0, 2]]),  # a Stag Hunt where Stag is risk-dominant
    ([[2, 0], [0, 1]], [[1, 0], [0, 3]]),  # Battle of the Sexes, asymmetric thresholds
    ([[0, -1], [1, -3]], [[0, 1], [-1, -3]]),  # Chicken: anti-coordination
])
def test_replicator_from_a_grid_converges_to_the_predicted_equilibria(payoffs: tuple) -> None:
    game = NormalFormGame.from_arrays(*payoffs, actions=[["a", "b"], ["c", "d"]])
    b = basins(game)
    checked = 0
    for x, y in itertools.product(GRID, GRID):  # x: Row's share of a, y: Column's share of c
        beliefs = (y, x)  # Row's belief is Column's share, and the other way round
        cell = [c for c in b.cells
                if all(lo < q < hi for q, (lo, hi) in zip(beliefs, c.beliefs, strict=True))]
        if not cell or cell[0].reaches is None:
            continue
        run = learn(game, "replicator", start={"P1": [x, 1 - x], "P2": [y, 1 - y]},
                    horizon=60, tolerance=1e-3)
        assert run.approached == cell[0].reaches, (x, y)
        checked += 1
    assert checked >= 14


def test_replicator_with_negative_payoffs_stays_on_the_simplex() -> None:
    # nashpy's equations drift off the simplex when the average payoff is negative: from
    # here Column's shares went to (0, 1), not an equilibrium, before payoffs were shifted
    chicken = NormalFormGame.from_arrays([[0, -1], [1, -3]], [[0, 1], [-1, -3]])
    run = learn(chicken, "replicator", start={"P1": [1, 7], "P2": [3, 1]}, horizon=60)
    assert run.approached == 1 and run.equilibria[1].profile == ("a2", "a1")


def test_one_population_replicator_goes_to_stag_exactly_above_the_threshold() -> None:
    scenario = _stag()
    for k in range(1, 12):
        p = Fraction(k, 12)
        if p == Fraction(2, 3):
            continue
        run = learn(scenario, "replicator", populations=1, tolerance=1e-3,
                    start={"Row": [p, 1 - p], "Column": [p, 1 - p]})
        assert run.approached == (0 if p > Fraction(2, 3) else 1), p


# -- fictitious and stochastic fictitious play --


def test_fictitious_play_is_exact_seeded_and_leaves_numpy_alone() -> None:
    scenario = _stag()
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    one = learn(scenario, "fictitious", iterations=300, seed=4)
    two = learn(scenario, "fictitious", iterations=300, seed=4)
    assert (np.random.get_state()[1] == before).all()
    assert one.final == two.final and one.path == two.path
    assert all(isinstance(p, Fraction) for mix in one.final for p in mix)
    assert one.approached in (0, 1)  # a pure equilibrium, by the first random tie-break


def test_fictitious_play_from_beliefs_inside_a_basin() -> None:
    scenario = _stag()
    # 4 of 5 observed Stag (> 2/3) for both: (Stag, Stag) from the first round on
    run = learn(scenario, "fictitious", iterations=200, start={"Row": [4, 1], "Column": [4, 1]})
    assert run.final == ((Fraction(204, 205), Fraction(1, 205)),) * 2
    assert run.approached == 0


def test_fictitious_play_on_fractional_payoffs_is_exact() -> None:
    # payoffs 1/3 and 1/6 apart: floats would misjudge the tie; integers scaled by 6 do not
    game = NormalFormGame.from_arrays([["1/3", "1/6"], ["1/6", "1/3"]],
                                      [["1/3", "1/6"], ["1/6", "1/3"]])
    run = learn(game, "fictitious", iterations=50, start={"P1": [1, 1], "P2": [1, 2]})
    assert run.approached is not None


def test_fictitious_and_stochastic_play_approach_matching_pennies_mixed_equilibrium() -> None:
    pennies = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert learn(pennies, "fictitious", iterations=2000).approached == 0
    run = learn(pennies, "stochastic", iterations=2000, seed=2)
    assert run.approached == 0
    assert run.final == learn(pennies, "stochastic", iterations=2000, seed=2).final


def test_labels_follow_a_relabelling() -> None:
    game = _stag().build()
    swapped = game.permuted(action_orders=[[1, 0], [1, 0]])
    assert swapped.actions == (("Hare", "Stag"), ("Hare", "Stag"))
    a = learn(game, "replicator", start={"Row": [3, 1], "Column": [1, 1]}, horizon=30)
    b = learn(swapped, "replicator", start={"Row": [1, 3], "Column": [1, 1]}, horizon=30)
    for mine, theirs in zip(a.final, b.final, strict=True):
        assert mine == pytest.approx(theirs[::-1], abs=1e-9)


def test_empathy_changes_where_learning_ends() -> None:
    korea = gametrust.load(ROOT / "scenarios" / "korea.yaml")
    trusting = {"US": [1, 9], "DPRK": [1, 9]}  # 90% restraint
    selfish = learn(korea, "replicator", start=trusting)
    assert selfish.equilibria[selfish.approached].profile == ("Pressure", "Arm")
    caring = learn(korea, "replicator", start=trusting, empathy={"US": "1/3", "DPRK": "1/3"})
    assert caring.equilibria[caring.approached].profile == ("Reassure", "Freeze")


def test_unsupported_inputs_are_located_errors() -> None:
    with pytest.raises(ArgumentError, match="two players"):
        learn(gametrust.load(ROOT / "scenarios" / "korea_china.yaml"))
    rps = NormalFormGame.from_arrays([[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
                                     [[0, 1, -1], [-1, 0, 1], [1, -1, 0]])
    with pytest.raises(ArgumentError, match="2x2"):
        basins(rps)
    with pytest.raises(ArgumentError, match="symmetric"):
        learn(NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 3]]), "replicator",
              populations=1)
    with pytest.raises(ArgumentError, match="whole"):
        learn(_stag(), "fictitious", start={"Row": ["1/2", 1]})
    with pytest.raises(ArgumentError, match="one per action"):
        learn(_stag(), "replicator", start={"Row": [1, 2, 3]})
    result = CliRunner().invoke(cli, ["learn", "scenarios/korea_china.yaml"])
    assert result.exit_code == 2


# -- the logit QRE --


def _records() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text().splitlines()]


def test_qre_points_are_logit_equilibria() -> None:
    branch = qre(_stag())
    a = np.array([[3.0, 0.0], [2.0, 2.0]])
    for lam, (row, col) in zip(branch.lambdas, branch.profiles, strict=True):
        u_row, u_col = a @ np.array(col), a @ np.array(row)  # symmetric: B = A transposed
        for mix, u in ((row, u_row), (col, u_col)):
            logit = np.exp(lam * (u - u.max()))
            assert np.allclose(mix, logit / logit.sum(), atol=1e-9), lam
    assert branch.lambdas[0] == 0 and branch.turns == 0 and branch.complete


@pytest.mark.parametrize("record", _records(), ids=lambda r: r["name"])
def test_principal_qre_branch_ends_at_the_risk_dominant_equilibrium(record: dict) -> None:
    game = NormalFormGame.from_arrays(record["A"], record["B"])
    branch = qre(game, at=[lam for lam, _ in record["at"]])
    rd = analyse_selection(game, branch.equilibria).risk_dominant
    assert branch.approached == rd
    k = branch.approached
    assert [game.action_index(i, a) for i, a in enumerate(branch.equilibria[k].profile)] == \
        record["risk_dominant"]
    # where Gambit's logit_solve ends (stored), to its own accuracy
    for mine, gambit in zip(branch.final, record["profile"], strict=True):
        assert mine == pytest.approx(gambit, abs=1e-6)
    # and on the way: Gambit's logit_solve_lambda at λ = 1/2, 1, 2
    for lam, gambit_profile in record["at"]:
        for mine, gambit in zip(branch.at(lam), gambit_profile, strict=True):
            assert mine == pytest.approx(gambit, abs=1e-8), lam


def test_qre_matches_gambit_live() -> None:
    gbt = pytest.importorskip("pygambit")
    for record in _records()[:2]:
        arr = np.array([[Fraction(v) for v in row] for row in record["A"]], dtype=object)
        eq = gbt.nash.logit_solve(gbt.Game.from_arrays(arr, arr.T)).equilibria[0]
        live = [[float(eq[s]) for s in p.strategies] for p in eq.game.players]
        for mine, stored in zip(live, record["profile"], strict=True):
            assert mine == pytest.approx(stored, abs=1e-9)


def test_qre_converges_to_a_mixed_equilibrium_when_there_is_one_only() -> None:
    branch = qre(gametrust.load(ROOT / "scenarios" / "inspection.yaml"))
    assert branch.approached == 0 and branch.equilibria[0].kind == "mixed"


# -- the command line and the docs --


def test_cli_json_of_each_command() -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["learn", str(STAG), "--dynamics", "best_response",
                              "--format", "json"])
    data = json.loads(out.stdout)
    assert data["beliefs"][0]["threshold"] == "2/3" and data["risk_dominant"] == 2
    out = runner.invoke(cli, ["learn", str(STAG), "--dynamics", "replicator", "--start",
                              "Row=3,1", "--start", "Column=3,1", "--format", "json"])
    assert json.loads(out.stdout)["approached"] == 1
    out = runner.invoke(cli, ["qre", str(STAG), "--format", "json"])
    data = json.loads(out.stdout)
    assert data["exact"] is False and data["approached"] == 2 and data["branch"]


def test_docs_learning_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = (ROOT / "docs" / "learning.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```pycon\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert len(blocks) >= 3
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "docs/learning.md",
                                                   "docs/learning.md", 0))
    assert runner.failures == 0
    consoles = re.findall(r"^```console\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert consoles
    for body in consoles:
        command, *expected = body.rstrip("\n").splitlines()
        result = CliRunner().invoke(cli, shlex.split(command.removeprefix("$ gametrust ")))
        assert result.exit_code == 0, result.output
        assert [line.rstrip() for line in result.output.rstrip("\n").splitlines()] == expected


def test_plots_of_each_learning_result(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    runner = CliRunner()
    for args in (["learn", str(STAG), "--dynamics", "best_response"],
                 ["learn", str(STAG), "--dynamics", "replicator", "--horizon", "20"],
                 ["qre", str(STAG)]):
        out = tmp_path / f"{args[0]}{len(args)}.svg"  # svg: no rasterising, fast
        result = runner.invoke(cli, [*args, "--plot", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(b"<?xml")
    bad = runner.invoke(cli, ["qre", str(STAG), "--plot", str(tmp_path / "x.txt")])
    assert bad.exit_code == 2
