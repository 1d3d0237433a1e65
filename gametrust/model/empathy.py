"""Empathy: each player weighing the others' payoffs ("security dilemma sensibility").

Empathy is a transformation of the payoff tensor applied when a game is built,
so every solver works on empathy-adjusted games unchanged.  With weights
``e_i`` (one per player) the models are:

``altruism`` (default)
    ``u'_i = u_i + e_i * sum_{j != i} u_j``
``convex``
    ``u'_i = (1 - e_i) * u_i + e_i * mean_{j != i} u_j``

>>> from gametrust import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]])
>>> g = apply_empathy(pd, ["1/4", "1/4"])
>>> g.payoff((0, 0)), g.payoff((1, 0))
((Fraction(5, 1), Fraction(5, 1)), (Fraction(5, 1), Fraction(5, 4)))

With empathy 1/4 mutual cooperation (4 + 4/4 = 5) is exactly as good as
defecting against a cooperator (5 + 0/4 = 5): the Prisoner's Dilemma has
become a (weak) Stag Hunt.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..core.errors import ArgumentError, Location
from ..core.exact import as_number
from .game import NormalFormGame

__all__ = ["EMPATHY_MODELS", "apply_empathy", "empathize_tensor"]

#: The documented empathy models, the first is the default.
EMPATHY_MODELS: tuple[str, ...] = ("altruism", "convex")


def apply_empathy(
    game: NormalFormGame, weights: Sequence[object], model: str = "altruism"
) -> NormalFormGame:
    """The game whose payoffs are empathy-adjusted with one weight per player.

    Weights are exact when they and the game are; a float weight makes the
    result a float game.  All-zero weights return the game unchanged.
    """
    if model not in EMPATHY_MODELS:
        raise ArgumentError(
            f"unknown empathy model {model!r}; choose one of {', '.join(EMPATHY_MODELS)}",
            Location(path=("empathy_model",)),
        )
    if len(weights) != game.n_players:
        raise ArgumentError(
            f"one empathy weight per player ({game.n_players}), got {len(weights)}",
            Location(path=("empathy",)),
        )
    try:
        exact_weights = all(not isinstance(w, float) for w in weights)
        values = [as_number(w, exact=game.exact and exact_weights) for w in weights]
    except (TypeError, ValueError) as exc:
        raise ArgumentError(str(exc), Location(path=("empathy",))) from None
    if all(v == 0 for v in values) or game.n_players == 1:
        return game
    try:
        base = game.payoffs if (game.exact and exact_weights) else game.payoffs.astype(np.float64)
        return game.with_payoffs(empathize_tensor(base, values, model))
    except OverflowError:  # only floats overflow: a float game or weight
        raise ArgumentError(
            "a payoff or empathy weight is beyond the range of a float (give exact numbers: "
            "a game with a float payoff or weight is solved in floats)",
            Location(path=("empathy",)),
        ) from None


def empathize_tensor(base: np.ndarray, weights: Sequence[Any], model: str) -> np.ndarray:
    """Apply an empathy model to a payoff tensor of any number type.

    Works on anything with ``+ - * /`` (Fractions, floats, sympy expressions,
    polynomials in a swept value), so the sweep and the symbolic analysis use
    the very same formulas as the solver.
    """
    n = base.shape[0]
    if n == 1:
        return base
    total = base.sum(axis=0)
    adjusted = np.empty_like(base)
    for i, e in enumerate(weights):
        others = total - base[i]
        if model == "altruism":
            adjusted[i] = base[i] + e * others
        elif model == "convex":
            adjusted[i] = (1 - e) * base[i] + e * (others / (n - 1))
        else:
            raise ArgumentError(
                f"unknown empathy model {model!r}; choose one of {', '.join(EMPATHY_MODELS)}",
                Location(path=("empathy_model",)),
            )
    return adjusted
