"""Continua where one player mixes: a polytope of equilibria, given by its vertices.

When every player but one (``i``) plays a pure action, the indifference
system of ``i`` has constant coefficients: either ``i`` is indifferent among
its support whatever it mixes (then the system has no equation and its
solution set is the whole simplex, positive-dimensional) or there is no
solution.  In the first case the equilibria with that support are the mixes
``x`` of ``i`` with

- ``x >= 0``, ``sum(x) = 1`` on the support, and
- every other player ``j``'s pure action a best response to it:
  ``u_j(b, x, s) <= u_j(s_j, x, s)`` for every action ``b`` of ``j`` —
  linear in ``x``.

That is a polytope; being an equilibrium is a closed condition, so its
closure (whose boundary has smaller supports) is a set of equilibria, and
every mix of its vertices is one.  :func:`one_mixer_vertices` lists the
vertices exactly (each a choice of tight inequalities solved in rationals by
FLINT's ``fmpq_mat.solve``), so such a continuum is described completely, as
the two-player enumeration describes its continua by their extreme points.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations

import flint
import numpy as np

__all__ = ["one_mixer_vertices"]


def _payoff(payoffs: np.ndarray, player: int, index: list[int]) -> Fraction:
    return Fraction(payoffs[(player, *index)])


def one_mixer_vertices(
    payoffs: np.ndarray, supports: Sequence[Sequence[int]]
) -> list[tuple[tuple[Fraction, ...], ...]] | None:
    """The vertices of the equilibrium polytope of a support profile where exactly one
    player mixes (``[]`` when it is empty); ``None`` when more than one player mixes."""
    mixers = [i for i, s in enumerate(supports) if len(s) > 1]
    if len(mixers) != 1:
        return None
    (i,) = mixers
    support = list(supports[i])
    shape = payoffs.shape[1:]
    pure = [s[0] for s in supports]

    def at(player: int, changes: dict[int, int]) -> Fraction:
        index = list(pure)
        for k, v in changes.items():
            index[k] = v
        return _payoff(payoffs, player, index)

    # the mixer: indifferent on its support, nothing outside pays more (constants)
    base = at(i, {i: support[0]})
    if any(at(i, {i: a}) != base for a in support):
        return []
    if any(at(i, {i: a}) > base for a in range(shape[i])):
        return []
    # inequalities rows . x <= 0 over the support's coordinates
    rows: list[list[Fraction]] = []
    for k in range(len(support)):  # -x_k <= 0
        rows.append([Fraction(-1 if m == k else 0) for m in range(len(support))])
    for j in range(len(supports)):
        if j == i:
            continue
        for b in range(shape[j]):
            if b == pure[j]:
                continue
            row = [at(j, {j: b, i: a}) - at(j, {j: pure[j], i: a}) for a in support]
            if any(row):
                rows.append(row)
    d = len(support)
    vertices: list[tuple[Fraction, ...]] = []
    for tight in combinations(range(len(rows)), d - 1):
        entries = [Fraction(1)] * d + [c for t in tight for c in rows[t]]
        matrix = flint.fmpq_mat(d, d, [flint.fmpq(c.numerator, c.denominator) for c in entries])
        rhs = flint.fmpq_mat(d, 1, [1] + [0] * (d - 1))
        try:
            solution = matrix.solve(rhs)
        except ZeroDivisionError:  # dependent constraints: no vertex here
            continue
        x = tuple(Fraction(int(solution[k, 0].p), int(solution[k, 0].q)) for k in range(d))
        feasible = all(sum(r * v for r, v in zip(row, x, strict=True)) <= 0 for row in rows)
        if feasible and x not in vertices:
            vertices.append(x)
    out = []
    for x in vertices:
        profile = []
        for j in range(len(supports)):
            row = [Fraction(0)] * shape[j]
            if j == i:
                for a, v in zip(support, x, strict=True):
                    row[a] = v
            else:
                row[pure[j]] = Fraction(1)
            profile.append(tuple(row))
        out.append(tuple(profile))
    return out
