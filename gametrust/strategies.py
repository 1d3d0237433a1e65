"""Hypothesis strategies that build valid games by construction.

Use them in your own property tests to ask "does my conclusion hold for every
game of this kind?"::

    from hypothesis import given
    from gametrust import solve
    from gametrust.strategies import games

    @given(games(shape=(2, 2)))
    def test_every_2x2_game_has_an_equilibrium(game):
        assert len(solve(game)) >= 1

Every strategy draws payoffs directly in the requested range and number type
(no filtering), so hypothesis shrinks counterexamples to small, readable games.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Literal

import numpy as np
from hypothesis import strategies as st

from .game import NormalFormGame
from .tree import GameTree

__all__ = ["games", "payoff_values", "shapes", "trees", "two_player_games"]

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


@st.composite
def trees(
    draw: st.DrawFn,
    n_players: int = 2,
    max_depth: int = 3,
    max_moves: int = 3,
    chance: bool = True,
    information_sets: bool = True,
    min_value: int = -5,
    max_value: int = 5,
) -> GameTree:
    """Game trees valid by construction (perfect recall).

    Decision nodes alternate among players; with ``information_sets`` some
    decision layers become simultaneous moves (the next player's nodes after
    one move share one information set, which keeps perfect recall); chance
    nodes draw probabilities as integer weights over their total, so they sum
    to exactly 1.
    """
    from .tree import Chance, Decision, Terminal

    counter = [0]

    def payoff() -> Terminal:
        return Terminal(
            tuple(Fraction(draw(st.integers(min_value, max_value))) for _ in range(n_players))
        )

    def labels(k: int, prefix: str) -> list[str]:
        return [f"{prefix}{j + 1}" for j in range(k)]

    def node(depth: int, player: int) -> Any:
        if depth >= max_depth or draw(st.integers(0, 3)) == 0:
            return payoff()
        kind = draw(st.sampled_from(["decision", "decision", "chance"] if chance else ["decision"]))
        if kind == "chance":
            k = draw(st.integers(2, max_moves))
            weights = [draw(st.integers(1, 4)) for _ in range(k)]
            total = sum(weights)
            return Chance(
                tuple(
                    (lab, Fraction(w, total), node(depth + 1, player))
                    for lab, w in zip(labels(k, "n"), weights, strict=True)
                )
            )
        k = draw(st.integers(2, max_moves))
        acts = labels(k, "abcdefgh"[player % 8])
        nxt = (player + 1) % n_players
        simultaneous = (
            information_sets and depth + 1 < max_depth and draw(st.booleans())
        )
        if simultaneous:
            # the next player moves without seeing this move: one information set
            counter[0] += 1
            infoset = f"I{counter[0]}"
            k2 = draw(st.integers(2, max_moves))
            acts2 = labels(k2, "abcdefgh"[nxt % 8])
            return Decision(
                player,
                tuple(
                    (
                        a,
                        Decision(
                            nxt,
                            tuple((b, node(depth + 2, (nxt + 1) % n_players)) for b in acts2),
                            infoset,
                        ),
                    )
                    for a in acts
                ),
            )
        return Decision(player, tuple((a, node(depth + 1, nxt)) for a in acts))

    root = node(0, 0)
    if isinstance(root, Terminal):
        root = Decision(0, (("a1", payoff()), ("a2", payoff())))
    return GameTree(tuple(f"P{i + 1}" for i in range(n_players)), root)
