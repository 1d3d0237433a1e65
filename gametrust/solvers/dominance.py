"""Iterated elimination of strictly dominated pure strategies.

A strictly dominated action is played in no Nash equilibrium, and removing it
cannot create or destroy equilibria of the rest (iterated strict dominance
preserves the equilibrium set; the surviving set does not depend on the order
of elimination).  The solvers use it to shrink large games before
enumerating; :mod:`gametrust.analysis.families` reports it as a structural fact.

>>> from gametrust import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> surviving_actions(pd)
[[1], [1]]
"""

from __future__ import annotations

import numpy as np

from ..model.game import NormalFormGame
from ..model.regret import float_tolerance

__all__ = ["comparison_payoffs", "dominates", "player_view", "restrict", "surviving_actions"]


def comparison_payoffs(game: NormalFormGame) -> np.ndarray:
    """Payoffs for exact comparisons: integer-scaled per player (order-preserving)
    as int64 when they fit, Python ints otherwise; float games as they are."""
    if not game.exact:
        return game.payoffs
    return game.integer_form[0]  # held as integers, no Fraction per payoff


def dominates(u: np.ndarray, better: int, worse: int, tol: float) -> bool:
    """Action ``better`` strictly dominates ``worse`` for the player on axis 0 of ``u``."""
    return bool(np.all(u[better] > u[worse] + tol))


def player_view(payoffs: np.ndarray, i: int, alive: list[list[int]]) -> np.ndarray:
    """Player i's payoffs on the surviving actions, with its own actions on axis 0."""
    sub = payoffs[i][np.ix_(*alive)]
    return np.moveaxis(sub, i, 0)


def surviving_actions(game: NormalFormGame) -> list[list[int]]:
    """Each player's action indices that survive iterated strict dominance by pure strategies."""
    payoffs = comparison_payoffs(game)
    tol = float_tolerance(game)
    alive = [list(range(k)) for k in game.shape]
    changed = True
    while changed:
        changed = False
        for i in range(len(alive)):
            if len(alive[i]) == 1:
                continue
            u = player_view(payoffs, i, alive)
            keep = [
                a
                for a in range(len(alive[i]))
                if not any(dominates(u, b, a, tol) for b in range(len(alive[i])) if b != a)
            ]
            if len(keep) < len(alive[i]):
                alive[i] = [alive[i][a] for a in keep]
                changed = True
    return alive


def restrict(game: NormalFormGame, alive: list[list[int]]) -> NormalFormGame:
    """The game on the given action subsets (labels kept)."""
    sub = game.payoffs[(slice(None), *np.ix_(*alive))]
    actions = [[game.actions[i][k] for k in keep] for i, keep in enumerate(alive)]
    return NormalFormGame(game.players, actions, sub, title=game.title)
