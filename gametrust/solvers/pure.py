"""Pure-strategy Nash equilibria of N-player games, vectorized.

A pure profile is an equilibrium when every player's payoff there equals the
maximum of its payoffs along its own action axis (others fixed).  For each
player we take that maximum over its axis once for the whole tensor, so the
work is a handful of array reductions whatever the number of profiles.

Exact games are compared on their integers (``NormalFormGame.integer_form``:
one denominator per player, int64 when it fits), so ``==`` is exact and no
``Fraction`` is created; float games use the documented tolerance.

>>> from gametrust import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> list(pure_equilibria_gen(pd))
[(1, 1)]
"""

from __future__ import annotations

from collections.abc import Iterator
from math import prod

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


def _true_cells(first: np.ndarray) -> tuple[np.ndarray, ...]:
    """``np.nonzero(first)`` (lexicographic) for a mask with a True in every column along
    axis 0; without ties (one True per column, the common case) by a faster argmax."""
    columns = first.shape[1:]
    if not columns or np.count_nonzero(first) != prod(columns):
        return np.nonzero(first)
    rows = first.view(np.uint8).argmax(axis=0).ravel()
    others = np.unravel_index(np.arange(rows.size), columns)
    order = np.lexsort((*reversed(others), rows))
    return (rows[order], *(o[order] for o in others))


def _candidates(game: NormalFormGame) -> tuple[np.ndarray, ...]:
    """Index arrays of the pure equilibria, in lexicographic order.

    Player 0's best responses are found on the whole tensor (one reduction, one
    comparison); every other player is then checked only at those candidates
    against its maximum along its own axis (one reduction each), so the work is
    about the numpy floor's: a reduction per player, not a mask per player.
    """
    payoffs = comparison_payoffs(game)
    if game.exact and game.n_players == 2 and payoffs.dtype == np.int64:
        return _bimatrix_candidates(payoffs[0], payoffs[1])
    tol = float_tolerance(game)
    best = payoffs[0].max(axis=0, keepdims=True)
    first = payoffs[0] == best if game.exact else payoffs[0] >= best - tol
    found = _true_cells(first)
    for i in range(1, game.n_players):
        if found[0].size == 0:
            break
        best_i = payoffs[i].max(axis=i)
        values = payoffs[i][found]
        bests = best_i[tuple(c for k, c in enumerate(found) if k != i)]
        keep = values == bests if game.exact else values >= bests - tol
        found = tuple(c[keep] for c in found)
    return found


def _bimatrix_candidates(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_candidates` of an integer bimatrix game, with numpy's fast reductions only.

    The column player's best responses, row by row (contiguous: ``max`` and ``==`` along
    rows, a count of the best responses per row, their position by ``argmax`` on the
    boolean rows, which stops at the first; rows with ties listed by ``nonzero``), are kept
    where the row player's payoff is its column's maximum (one ``max`` over the rows).
    Exact: integers compared with ``==``.
    """
    best = b == b.max(axis=1, keepdims=True)  # (m, n): the column player's best responses
    counts = np.count_nonzero(best, axis=1)
    single = np.flatnonzero(counts == 1)
    rows, cols = single, best.argmax(axis=1)[single]
    tied = np.flatnonzero(counts > 1)
    if tied.size:
        tie_rows, tie_cols = np.nonzero(best[tied])
        rows = np.concatenate([rows, tied[tie_rows]])
        cols = np.concatenate([cols, tie_cols])
    keep = a[rows, cols] == a.max(axis=0)[cols]
    rows, cols = rows[keep], cols[keep]
    order = np.lexsort((cols, rows))
    return rows[order], cols[order]


def pure_equilibria_gen(game: NormalFormGame) -> Iterator[tuple[int, ...]]:
    """Yield the pure equilibria as action-index tuples, in lexicographic order."""
    for idx in zip(*_candidates(game), strict=True):
        yield tuple(int(k) for k in idx)


def pure_equilibria(game: NormalFormGame) -> list[tuple[int, ...]]:
    """All pure equilibria as action-index tuples."""
    return list(pure_equilibria_gen(game))
