"""An exact linear program solver: the two-phase simplex method over the rationals.

:func:`maximise` solves ``max c.x`` subject to ``A_ub x <= b_ub``,
``A_eq x = b_eq`` and ``x >= 0`` with :class:`~fractions.Fraction`
arithmetic, so its optimum is exact.  It is a dense tableau simplex (Dantzig,
*Linear Programming and Extensions*, 1963, ch. 5): phase I minimises the sum
of one artificial variable per row to find a feasible basis, phase II
maximises ``c.x`` from it; both pivot by Bland's rule (the entering variable
is the lowest-indexed column with a positive reduced profit, the leaving
one the lowest-indexed basic variable among the ratio-test ties), which never
cycles (Bland, "New finite pivoting rules for the simplex method",
*Mathematics of Operations Research* 2, 1977).  The answer is a basic
optimal solution: a vertex of the feasible polytope.

It is meant for the small programs of a game (one per follower response in
:mod:`gametrust.solvers.stackelberg`), not for large sparse ones.

>>> from fractions import Fraction
>>> lp = maximise([3, 2], a_ub=[[1, 1], [1, 3]], b_ub=[4, 6])
>>> lp.status, lp.value, lp.x
('optimal', Fraction(12, 1), (Fraction(4, 1), Fraction(0, 1)))
>>> maximise([1], a_eq=[[1]], b_eq=[-1]).status
'infeasible'
>>> maximise([1, 0], a_ub=[[-1, 1]], b_ub=[0]).status
'unbounded'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

__all__ = ["LinearProgram", "maximise"]

Status = Literal["optimal", "infeasible", "unbounded"]


@dataclass(frozen=True)
class LinearProgram:
    """The answer of :func:`maximise`: ``status``; when ``"optimal"``, a basic optimal
    solution ``x`` (exact) and the optimal ``value``; otherwise ``x`` is empty and
    ``value`` is ``None``."""

    status: Status
    x: tuple[Fraction, ...] = ()
    value: Fraction | None = None


def _pivot(rows: list[list[Fraction]], basis: list[int], r: int, col: int) -> None:
    """Make column ``col`` basic in row ``r`` (every other row, the objective rows
    included, eliminated)."""
    pivot_row = rows[r]
    p = pivot_row[col]
    if p != 1:
        rows[r] = pivot_row = [v / p for v in pivot_row]
    for k, row in enumerate(rows):
        f = row[col]
        if k != r and f != 0:
            rows[k] = [a - f * b for a, b in zip(row, pivot_row, strict=True)]
    if r < len(basis):
        basis[r] = col


def _run(rows: list[list[Fraction]], basis: list[int], objective: int, columns: int) -> bool:
    """Pivot by Bland's rule until the objective row ``objective`` (holding the negated
    reduced profits) has no negative entry among the first ``columns`` columns.
    Returns False when the program is unbounded."""
    m = len(basis)
    while True:
        obj = rows[objective]
        col = next((j for j in range(columns) if obj[j] < 0), None)
        if col is None:
            return True
        best: tuple[Fraction, int, int] | None = None
        for r in range(m):
            a = rows[r][col]
            if a > 0:
                key = (rows[r][-1] / a, basis[r], r)
                if best is None or key[:2] < best[:2]:
                    best = key
        if best is None:
            return False
        _pivot(rows, basis, best[2], col)


def maximise(
    c: Sequence[object],
    a_ub: Sequence[Sequence[object]] = (),
    b_ub: Sequence[object] = (),
    a_eq: Sequence[Sequence[object]] = (),
    b_eq: Sequence[object] = (),
) -> LinearProgram:
    """``max c.x`` s.t. ``a_ub x <= b_ub``, ``a_eq x = b_eq``, ``x >= 0``, exactly.

    Numbers may be ints, Fractions or anything :class:`~fractions.Fraction`
    accepts exactly (never floats: pass them as Fractions if meant).
    """
    n = len(c)
    q = Fraction
    rows_in = [([q(v) for v in row], q(b), True) for row, b in zip(a_ub, b_ub, strict=True)]
    rows_in += [([q(v) for v in row], q(b), False) for row, b in zip(a_eq, b_eq, strict=True)]
    for row, _, _ in rows_in:
        if len(row) != n:
            raise ValueError(f"a constraint row has {len(row)} entries for {n} variables")
    m = len(rows_in)
    slacks = [k for k, (_, _, ub) in enumerate(rows_in) if ub]
    n_slack = len(slacks)
    # columns: x (n), slacks (n_slack), artificials (m), right-hand side
    width = n + n_slack + m
    rows: list[list[Fraction]] = []
    for k, (coeffs, b, ub) in enumerate(rows_in):
        row = coeffs + [q(0)] * (n_slack + m) + [b]
        if ub:
            row[n + slacks.index(k)] = q(1)
        if b < 0:
            row = [-v for v in row]
        row[n + n_slack + k] = q(1)
        rows.append(row)
    basis = [n + n_slack + k for k in range(m)]
    # phase I objective: minimise the sum of the artificials, as a row of -(sum of rows)
    phase1 = [q(0)] * (width + 1)
    for row in rows:
        phase1 = [a - b for a, b in zip(phase1, row, strict=True)]
    for k in range(m):
        phase1[n + n_slack + k] = q(0)
    phase2 = [-q(v) for v in c] + [q(0)] * (n_slack + m + 1)
    rows += [phase2, phase1]
    _run(rows, basis, m + 1, n + n_slack)
    if rows[m + 1][-1] != 0:
        return LinearProgram("infeasible")
    # drive artificials at zero out of the basis; a row with no other entry is redundant
    for r in range(m - 1, -1, -1):
        if basis[r] >= n + n_slack:
            col = next((j for j in range(n + n_slack) if rows[r][j] != 0), None)
            if col is None:
                del rows[r], basis[r]
            else:
                _pivot(rows, basis, r, col)
    m = len(basis)
    rows = [row[: n + n_slack] + row[-1:] for row in rows[: m + 1]]
    if not _run(rows, basis, m, n + n_slack):
        return LinearProgram("unbounded")
    x = [q(0)] * n
    for r, j in enumerate(basis):
        if j < n:
            x[j] = rows[r][-1]
    return LinearProgram("optimal", tuple(x), rows[m][-1])
