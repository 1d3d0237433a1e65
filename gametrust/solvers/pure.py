"""Pure-strategy Nash equilibria of N-player games, vectorized.

A pure profile is an equilibrium when every player's payoff there equals the
maximum of its payoffs along its own action axis (others fixed).  For each
player we take that maximum over its axis once for the whole tensor, so the
work is a handful of array reductions whatever the number of profiles.

Exact games are compared on integer-scaled payoffs (see
``NormalFormGame.integer_payoffs``), so ``==`` is exact; float games use the
documented tolerance.

>>> from gametrust import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> list(pure_equilibria_gen(pd))
[(1, 1)]
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..model.game import NormalFormGame
from ..model.regret import float_tolerance
from .dominance import comparison_payoffs

__all__ = ["pure_equilibria", "pure_equilibria_gen", "pure_equilibrium_mask"]


def pure_equilibrium_mask(game: NormalFormGame) -> np.ndarray:
    """Boolean array of shape ``game.shape``: True at pure Nash equilibria."""
    payoffs = comparison_payoffs(game)
    tol = float_tolerance(game)
    mask = np.ones(game.shape, dtype=bool)
    for i in range(game.n_players):
        best = payoffs[i].max(axis=i, keepdims=True)
        if game.exact:
            mask &= payoffs[i] == best
        else:
            mask &= payoffs[i] >= best - tol
    return mask


def pure_equilibria_gen(game: NormalFormGame) -> Iterator[tuple[int, ...]]:
    """Yield the pure equilibria as action-index tuples, in lexicographic order."""
    for idx in zip(*np.nonzero(pure_equilibrium_mask(game)), strict=True):
        yield tuple(int(k) for k in idx)


def pure_equilibria(game: NormalFormGame) -> list[tuple[int, ...]]:
    """All pure equilibria as action-index tuples."""
    return list(pure_equilibria_gen(game))
