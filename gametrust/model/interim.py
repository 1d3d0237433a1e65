"""The interim certificate of a Bayesian Nash equilibrium.

A type-contingent strategy profile ``strategies[i][t][a]`` (the probability
that player ``i`` of type ``t`` plays action ``a``) is a Bayesian Nash
equilibrium when every type of every player, prior 0 included, best-responds
given its *interim* belief about the others' types.  Types are independent,
so that belief is the others' prior.  :func:`interim_payoffs` gives a type's
expected payoff of each action, :func:`interim_regrets` each type's regret,
:func:`is_bayesian_nash` the verdict (exactly in exact games; float games use
:func:`tolerance`).

>>> from gametrust import BayesianGame
>>> g = BayesianGame(["A", "B"], [["x", "y"], ["x", "y"]], [["t"], ["s1", "s2"]],
...                  [None, ["1/3", "2/3"]],
...                  {("t", "s1"): [[[1, 0], [0, 1]], [[1, 0], [0, 1]]],
...                   ("t", "s2"): [[[1, 0], [0, 1]], [[0, 1], [1, 0]]]})
>>> play = [[[0, 1]], [[0, 1], [1, 0]]]      # A: y; B: s1 plays y, s2 plays x
>>> interim_payoffs(g, play, "A", "t")      # A would rather play x
(Fraction(2, 3), Fraction(1, 3))
>>> interim_regrets(g, play)
((Fraction(1, 3),), (Fraction(0, 1), Fraction(0, 1)))
>>> is_bayesian_nash(g, play)
False
>>> is_bayesian_nash(g, [[["1/2", "1/2"]], [[1, 0], ["1/4", "3/4"]]])
True
"""

from __future__ import annotations

from fractions import Fraction
from math import prod
from typing import Any

import numpy as np

from ..core.errors import fail
from ..core.exact import FLOAT_TOLERANCE, Number, as_number
from .bayesian import BayesianGame

__all__ = [
    "interim_deviation_payoffs",
    "interim_payoffs",
    "interim_regrets",
    "is_bayesian_nash",
    "strategy_vectors",
    "tolerance",
]


def tolerance(bg: BayesianGame) -> Any:
    """``0`` in exact games; in float games ``FLOAT_TOLERANCE`` scaled by the largest payoff."""
    if bg.exact:
        return 0
    scale = float(np.max(np.abs(bg.payoffs))) if bg.payoffs.size else 1.0
    return FLOAT_TOLERANCE * max(1.0, scale)


def strategy_vectors(bg: BayesianGame, strategies: Any) -> list[list[np.ndarray]]:
    """``strategies[i][t]`` checked against the game's shape, as exact (or float) vectors."""
    if len(strategies) != bg.n_players:
        raise fail(f"one strategy per player ({bg.n_players}) is needed", "strategies")
    out = []
    for i, per_type in enumerate(strategies):
        if len(per_type) != len(bg.types[i]):
            raise fail(
                f"player {bg.players[i]!r} has {len(bg.types[i])} types, "
                f"got {len(per_type)} strategies",
                "strategies",
                bg.players[i],
            )
        vectors = []
        for t, s in enumerate(per_type):
            if len(s) != bg.shape[i]:
                raise fail(
                    f"player {bg.players[i]!r} has {bg.shape[i]} actions",
                    "strategies",
                    bg.players[i],
                    bg.types[i][t],
                )
            exact = bg.exact and not any(isinstance(q, float) for q in s)
            try:
                values = [as_number(p, exact=exact) for p in s]
            except (TypeError, ValueError) as exc:
                raise fail(str(exc), "strategies", bg.players[i], bg.types[i][t]) from None
            vectors.append(np.array(values, dtype=object))
        out.append(vectors)
    return out


def interim_deviation_payoffs(
    bg: BayesianGame, vectors: list[list[np.ndarray]], i: int, ti: int
) -> list[Any]:
    """Interim expected payoff of each of player i's actions for its type ti."""
    n = bg.n_players
    total: list[Any] = [Fraction(0)] * bg.shape[i]
    for profile in bg.type_profiles():
        if profile[i] != ti:
            continue
        weight = prod((bg.priors[j][profile[j]] for j in range(n) if j != i), start=Fraction(1))
        if weight == 0:
            continue
        tensor = np.asarray(bg.payoffs[profile][i], dtype=object)
        for axis in range(n - 1, -1, -1):  # contract the others' actions, last axis first
            if axis != i:
                tensor = np.tensordot(tensor, vectors[axis][profile[axis]], axes=([axis], [0]))
        for a in range(bg.shape[i]):
            total[a] = total[a] + weight * tensor[a]
    return total


def interim_payoffs(
    bg: BayesianGame, strategies: Any, player: str | int, type_: str | int
) -> tuple[Number, ...]:
    """The interim expected payoff of each of a type's actions against type-contingent strategies.

    ``strategies[i][t][a]`` is the probability that player ``i`` of type ``t``
    plays action ``a``.  The type's belief about the others is their prior
    (types are independent).
    """
    i = bg.player_index(player)
    t = bg.type_index(i, type_)
    return tuple(interim_deviation_payoffs(bg, strategy_vectors(bg, strategies), i, t))


def interim_regrets(bg: BayesianGame, strategies: Any) -> tuple[tuple[Number, ...], ...]:
    """Each type's regret: best interim payoff minus the interim payoff of its strategy."""
    vectors = strategy_vectors(bg, strategies)
    out = []
    for i in range(bg.n_players):
        row = []
        for t in range(len(bg.types[i])):
            dev = interim_deviation_payoffs(bg, vectors, i, t)
            value = sum((p * d for p, d in zip(vectors[i][t], dev, strict=True)), Fraction(0))
            row.append(max(dev) - value)
        out.append(tuple(row))
    return tuple(out)


def is_bayesian_nash(bg: BayesianGame, strategies: Any) -> bool:
    """True when every type of every player (prior 0 included) best-responds, exactly.

    Strategies must be probability vectors; float games use a tolerance.
    """
    tol = tolerance(bg)
    vectors = strategy_vectors(bg, strategies)
    for per_type in vectors:
        for v in per_type:
            if any(p < -tol for p in v) or abs(sum(v) - 1) > tol:
                return False
    return all(r <= tol for row in interim_regrets(bg, strategies) for r in row)
