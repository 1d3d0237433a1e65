"""Hypothesis strategies for normal-form games: payoffs, shapes and games of any shape.

Every strategy draws payoffs directly in the requested range and number type
(no filtering), so hypothesis shrinks counterexamples to small, readable games.

>>> from hypothesis import find
>>> find(games(shape=(2, 2)), lambda g: True).shape
(2, 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

import numpy as np
from hypothesis import strategies as st

from ..model.game import NormalFormGame

__all__ = ["PayoffKind", "games", "payoff_values", "shapes", "two_player_games"]

PayoffKind = Literal["integer", "rational", "float"]


def payoff_values(
    kind: PayoffKind = "integer", min_value: int = -10, max_value: int = 10
) -> st.SearchStrategy:
    """Single payoffs: integers, small-denominator rationals or finite floats in a range."""
    if kind == "integer":
        return st.integers(min_value, max_value)
    if kind == "rational":
        return st.builds(
            lambda n, d: Fraction(n, d),
            st.integers(min_value * 6, max_value * 6),
            st.sampled_from([1, 2, 3, 6]),
        )
    if kind == "float":
        return st.floats(min_value, max_value, allow_nan=False, allow_infinity=False)
    raise ValueError(f"unknown payoff kind {kind!r}; use integer, rational or float")


def shapes(
    n_players: int = 2, min_actions: int = 1, max_actions: int = 4
) -> st.SearchStrategy[tuple[int, ...]]:
    """Numbers of actions per player."""
    return st.tuples(*(st.integers(min_actions, max_actions) for _ in range(n_players)))


@st.composite
def games(
    draw: st.DrawFn,
    shape: Sequence[int] | st.SearchStrategy[tuple[int, ...]] | None = None,
    payoffs: PayoffKind = "integer",
    min_value: int = -10,
    max_value: int = 10,
) -> NormalFormGame:
    """Normal-form games of a given shape (or drawn shapes, default 2 players, 1..4 actions).

    ``payoffs`` picks the number type: ``"integer"`` and ``"rational"`` give
    exact games, ``"float"`` float games.  Small ranges make ties (degenerate
    games) common, which is what solvers must survive.
    """
    if shape is None:
        shape = shapes()
    if isinstance(shape, st.SearchStrategy):
        shape = draw(shape)
    shape = tuple(int(k) for k in shape)
    n = len(shape)
    size = n * int(np.prod(shape))
    values = draw(
        st.lists(payoff_values(payoffs, min_value, max_value), min_size=size, max_size=size)
    )
    tensor = np.empty(size, dtype=object)
    tensor[:] = values
    return NormalFormGame.from_payoff_tensor(
        tensor.reshape((n, *shape)), exact=payoffs != "float"
    )


def two_player_games(
    max_actions: int = 4,
    payoffs: PayoffKind = "integer",
    min_value: int = -10,
    max_value: int = 10,
) -> st.SearchStrategy[NormalFormGame]:
    """Two-player games with 1..``max_actions`` actions each."""
    return games(shapes(2, 1, max_actions), payoffs, min_value, max_value)
