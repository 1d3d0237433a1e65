"""A table of textbook games with their exact, known equilibria.

One generic test runs every case: the solver must return exactly the listed
set of (extreme) equilibria, in exact rationals, flag degeneracy correctly and
group continua as listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction as F

import pytest

from gametrust import NormalFormGame, solve


@dataclass(frozen=True)
class Case:
    name: str
    a: list
    b: list
    equilibria: set  # of ((x...), (y...)) with Fractions
    degenerate: bool
    continua: int = 0  # number of components with more than one extreme equilibrium


def _pure(i: int, m: int) -> tuple:
    return tuple(F(int(k == i)) for k in range(m))


CASES = [
    Case(
        "prisoners dilemma",
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        {(_pure(1, 2), _pure(1, 2))},
        degenerate=False,
    ),
    Case(
        "stag hunt: mixed equilibrium at exactly 2/3",
        [[3, 0], [2, 2]],
        [[3, 2], [0, 2]],
        {
            (_pure(0, 2), _pure(0, 2)),
            (_pure(1, 2), _pure(1, 2)),
            ((F(2, 3), F(1, 3)), (F(2, 3), F(1, 3))),
        },
        degenerate=False,
    ),
    Case(
        "chicken: swerve with probability 9/10",
        [[0, -1], [1, -10]],
        [[0, 1], [-1, -10]],
        {
            (_pure(0, 2), _pure(1, 2)),
            (_pure(1, 2), _pure(0, 2)),
            ((F(9, 10), F(1, 10)), (F(9, 10), F(1, 10))),
        },
        degenerate=False,
    ),
    Case(
        "matching pennies",
        [[1, -1], [-1, 1]],
        [[-1, 1], [1, -1]],
        {((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))},
        degenerate=False,
    ),
    Case(
        "rock paper scissors",
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
        [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
        {((F(1, 3),) * 3, (F(1, 3),) * 3)},
        degenerate=False,
    ),
    Case(
        "battle of the sexes",
        [[2, 0], [0, 1]],
        [[1, 0], [0, 2]],
        {
            (_pure(0, 2), _pure(0, 2)),
            (_pure(1, 2), _pure(1, 2)),
            ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
        },
        degenerate=False,
    ),
    Case(
        # Row is indifferent; Col wants to match.  Equilibria: (x, L) for x1 >= 1/2,
        # (x, R) for x1 <= 1/2, and ((1/2, 1/2), y) for every y: three segments.
        "degenerate: a continuum in three segments",
        [[1, 1], [1, 1]],
        [[1, 0], [0, 1]],
        {
            (_pure(0, 2), _pure(0, 2)),
            ((F(1, 2), F(1, 2)), _pure(0, 2)),
            ((F(1, 2), F(1, 2)), _pure(1, 2)),
            (_pure(1, 2), _pure(1, 2)),
        },
        degenerate=True,
        continua=3,
    ),
    Case(
        # von Stengel, "Equilibrium computation for two-player games in strategic
        # and extensive form", Algorithmic Game Theory (2007), ch. 3: the 3x2 example.
        "von Stengel's 3x2 example",
        [[3, 3], [2, 5], [0, 6]],
        [[3, 2], [2, 6], [3, 1]],
        {
            (_pure(0, 3), _pure(0, 2)),
            ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
            ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
        },
        degenerate=False,
    ),
    Case(
        # The same with B's first row (3, 3): Col is indifferent against Row's top
        # action, so ((1, 0, 0), y) is an equilibrium for y from (1, 0) to (2/3, 1/3).
        "von Stengel's degenerate 3x2 example: a segment of equilibria",
        [[3, 3], [2, 5], [0, 6]],
        [[3, 3], [2, 6], [3, 1]],
        {
            (_pure(0, 3), _pure(0, 2)),
            (_pure(0, 3), (F(2, 3), F(1, 3))),
            ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
        },
        degenerate=True,
        continua=1,
    ),
    Case(
        "all payoffs equal: every profile is an equilibrium",
        [[0, 0], [0, 0]],
        [[0, 0], [0, 0]],
        {(_pure(i, 2), _pure(j, 2)) for i in range(2) for j in range(2)},
        degenerate=True,
        continua=1,
    ),
    Case(
        "one action each",
        [[7]],
        [[-2]],
        {((F(1),), (F(1),))},
        degenerate=False,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_textbook_case(case: Case) -> None:
    game = NormalFormGame.from_arrays(case.a, case.b)
    result = solve(game)
    found = {e.strategies for e in result}
    assert found == case.equilibria
    assert len(found) == len(result.equilibria), "duplicates in the result"
    assert result.exact and result.complete
    assert result.degenerate is case.degenerate
    assert len(result.continua) == case.continua
    for e in result:
        assert all(isinstance(p, F) for s in e.strategies for p in s)
        assert e.regret == 0


def test_stag_hunt_annotations() -> None:
    game = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]])
    by_kind = {e.strategies: e for e in solve(game)}
    stag = by_kind[(_pure(0, 2), _pure(0, 2))]
    hare = by_kind[(_pure(1, 2), _pure(1, 2))]
    mixed = by_kind[((F(2, 3), F(1, 3)), (F(2, 3), F(1, 3)))]
    assert stag.kind == "pure" and stag.strict and not stag.pareto_dominated
    assert hare.strict and hare.pareto_dominated
    assert mixed.kind == "mixed" and not mixed.strict and mixed.pareto_dominated
    assert mixed.payoffs == (F(2), F(2))


def test_pure_equilibria_of_three_player_game() -> None:
    # A 3-player coordination game: all choose the same action.
    import numpy as np

    t = np.zeros((3, 2, 2, 2), dtype=object)
    for a in range(2):
        for b in range(2):
            for c in range(2):
                same = a == b == c
                t[:, a, b, c] = [1 if same else 0] * 3
    game = NormalFormGame.from_payoff_tensor(t)
    result = solve(game, method="pure")
    assert result.method == "pure" and result.concept == "pure-nash"
    assert {e.profile for e in result} == {("a1", "a1", "a1"), ("a2", "a2", "a2")}
    assert result.warnings
    # all equilibria (the default): also everyone mixing half-half (each action pays 1/4)
    every = solve(game)
    half = (F(1, 2), F(1, 2))
    assert every.complete and {e.strategies for e in every} == {
        ((1, 0), (1, 0), (1, 0)), ((0, 1), (0, 1), (0, 1)), (half, half, half)}


def test_ties_at_non_dyadic_payoffs_are_ties() -> None:
    # 1/3 has no exact float: an exact tie must never be compared through a float.
    game = NormalFormGame.from_arrays([["1/3", 0], ["1/3", 0]], [[1, 0], [1, 0]])
    result = solve(game)
    assert {e.profile for e in result} == {("a1", "a1"), ("a2", "a1")}
    assert not any(e.strict for e in result)
