"""The fast exact paths of the N-player enumeration give the general path's answers.

:mod:`gametrust.solvers.nplayer_fast` solves supports with a simple structure
(no, one, two mixers; three mixers by elimination) and tests conditional
dominance from a precomputed table.  On random games with and without ties
these must give exactly what the general path (a Gröbner basis for every
support, the dominance test recomputed per support) gives: per support the
same real solution points, per game the same equilibria, continua and
completeness.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from gametrust.model.game import NormalFormGame
from gametrust.solvers.dominance import surviving_actions
from gametrust.solvers.nplayer_fast import DominanceTable, solve_structured
from gametrust.solvers.nplayer_support import (
    conditionally_dominated,
    nplayer_equilibria,
    support_profiles,
)
from gametrust.solvers.nplayer_system import solve_support

#: (shape, largest payoff, games): payoffs 0..99 have almost no ties, 0..2 many
CASES = [
    ((2, 2, 2), 99, 6),
    ((2, 2, 2), 2, 10),
    ((2, 2, 3), 99, 4),
    ((2, 2, 3), 2, 6),
    ((3, 3, 2), 99, 3),
    ((3, 3, 2), 2, 4),
    ((2, 2, 2, 2), 99, 2),
    ((2, 2, 2, 2), 1, 3),
]


def _games(shape: tuple[int, ...], top: int, count: int) -> list[NormalFormGame]:
    rng = np.random.default_rng(12 + top + sum(shape))
    return [
        NormalFormGame.from_payoff_tensor(
            rng.integers(0, top + 1, size=(len(shape), *shape)).astype(object)
        )
        for _ in range(count)
    ]


def _key(point: Any) -> tuple[str, ...]:
    fld, strategies = point
    return tuple(str(fld.number(x)) for row in strategies for x in row)


@pytest.mark.parametrize(("shape", "top", "count"), CASES)
def test_each_fast_support_has_the_general_paths_points(
    shape: tuple[int, ...], top: int, count: int
) -> None:
    for game in _games(shape, top, count):
        payoffs = game.integer_payoffs
        alive = [list(range(n)) for n in shape]
        table = DominanceTable(payoffs, alive)
        for supports in support_profiles(alive):
            assert table.pruned(supports) == conditionally_dominated(payoffs, supports, alive)
            fast = solve_structured(payoffs, supports)
            if fast is None or fast.vertices is not None:
                continue
            general = solve_support(payoffs, supports)
            assert general.dimension <= 0, supports  # a fast path never hides a continuum
            assert sorted(map(_key, fast.points)) == sorted(map(_key, general.points)), supports


def _summary(found: Any) -> tuple[Any, ...]:
    profiles = sorted(_key((p.field, p.strategies)) for p in found.profiles)
    continua = sorted((c.supports, c.resolved, len(c.samples)) for c in found.continua)
    return profiles, continua, found.complete, found.visited, found.skipped


@pytest.mark.parametrize(("shape", "top", "count"), CASES)
def test_the_fast_enumeration_equals_the_general_one(
    shape: tuple[int, ...], top: int, count: int
) -> None:
    for game in _games(shape, top, count):
        assert _summary(nplayer_equilibria(game)) == _summary(nplayer_equilibria(game, fast=False))


def test_the_dominance_table_agrees_on_surviving_actions() -> None:
    (game,) = _games((3, 3, 3), 3, 1)
    payoffs = game.integer_payoffs
    alive = surviving_actions(game)
    table = DominanceTable(payoffs, alive)
    for supports in support_profiles(alive):
        assert table.pruned(supports) == conditionally_dominated(payoffs, supports, alive)


@pytest.mark.parametrize("index", [0, 1])
def test_an_element_of_a_quadratic_field_is_the_right_conjugate(index: int) -> None:
    """``a + b alpha`` is the root of its minimal polynomial in alpha's order when ``b > 0``
    and in the reverse order when ``b < 0`` (the shortcut of ``RealField.number``)."""
    from fractions import Fraction

    from gametrust.core.number_field import RealField

    field = RealField.of((-13, 1, 3), index)  # alpha = (-1 -/+ sqrt(157)) / 6
    alpha = (-1 + (-1) ** (index + 1) * 157**0.5) / 6
    for a, b in ((1, 1), (1, -1), (Fraction(1, 3), Fraction(-5, 7)), (0, 2)):
        value = field.number(field.element((a, b)))
        assert abs(float(value) - (float(a) + float(b) * alpha)) < 1e-12
