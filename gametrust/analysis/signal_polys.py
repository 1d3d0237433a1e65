"""Linear algebra over rational functions for the signalling sweep: minors and fitted points.

Every decision :func:`~gametrust.solvers.signalling.solve_signalling` makes is
linear algebra on systems whose rows come from a few fixed *pools* of rows
built from the game's data (:class:`Pool`): solving a system, its rank, the
vertices of a polytope, which constraints are tight at each and whether it is
empty.  Gaussian elimination on a matrix only ever tests (for zero, or for
sign) ratios of minors of that matrix and of the matrix with its right-hand
side, and a vertex's coordinates and the slacks of the other constraints are
such ratios too (Cramer's rule).  So where no minor of a pool's augmented
matrix changes sign, every system drawn from the pool keeps its combinatorial
type: :meth:`Pool.minors` gives them all (a row of the identity, ``x_i >= 0``,
only deletes a column, so those rows need not be in a pool).

:func:`fit_point` turns a vertex found at a sample point into the exact
rational functions it follows: it solves the tight constraints there
symbolically (Cramer's rule on polynomials).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations

from ..core.errors import ArgumentError, Location, SolverError
from ..core.polynomial import Poly, RationalFunction
from .poly_linalg import clear, cramer, det, reduce

__all__ = ["MINOR_BUDGET", "Pool", "Row", "check_minors", "differences", "fit_point", "rank_at"]

#: Largest number of minors the pools of one signalling sweep may ask for.
MINOR_BUDGET = 60_000

RF = RationalFunction
#: A linear constraint: coefficients, right-hand side, ``"="`` or ``">="``.
Row = tuple[list[RationalFunction], RationalFunction, str]


class Pool:
    """A matrix of rows ``[coefficients | right-hand side]`` of rational functions, each row
    cleared of denominators (a nonzero factor per row: minors keep their roots)."""

    def __init__(self, rows: Sequence[Sequence[RationalFunction]]) -> None:
        self.rows = [clear(list(row)) for row in rows]

    def count(self) -> int:
        """How many submatrices :meth:`minors` looks at (those with a non-constant entry)."""
        return sum(1 for _ in self._subsets())

    def _subsets(self):  # type: ignore[no-untyped-def]
        rows = self.rows
        if not rows:
            return
        n_cols = len(rows[0])
        varying = [[p.degree > 0 for p in row] for row in rows]
        for size in range(1, min(len(rows), n_cols) + 1):
            for rs in combinations(range(len(rows)), size):
                for cs in combinations(range(n_cols), size):
                    if any(varying[r][c] for r in rs for c in cs):
                        yield rs, cs

    def minors(self, out: set[Poly]) -> None:
        """Add every non-constant minor (any size, any rows, any columns) to ``out``."""
        for rs, cs in self._subsets():
            sub = [[self.rows[r][c] for c in cs] for r in rs]
            if any(all(p.is_zero() for p in row) for row in sub) or any(
                all(sub[r][c].is_zero() for r in range(len(rs))) for c in range(len(cs))
            ):
                continue
            d = det(sub)
            if d.degree > 0:
                out.add(d.primitive())


def check_minors(pools: Sequence[Pool], option: str) -> None:
    total = sum(p.count() for p in pools)
    if total > MINOR_BUDGET:
        raise ArgumentError(
            f"an exact sweep of this signalling game would examine {total} minors (more than "
            f"{MINOR_BUDGET}): too large (fewer types, signals or responses sweep)",
            Location(path=(option,)),
        )


def rank_at(rows: Sequence[Sequence[Fraction]]) -> int:
    """The rank of a matrix of Fractions."""
    m = [list(r) for r in rows]
    rank = 0
    n_cols = len(m[0]) if m else 0
    for c in range(n_cols):
        pivot = next((r for r in range(rank, len(m)) if m[r][c] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for r in range(len(m)):
            if r != rank and m[r][c] != 0:
                f = m[r][c] / m[rank][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[rank], strict=True)]
        rank += 1
    return rank


def fit_point(rows: Sequence[Row], point: Sequence[Fraction], sample: Fraction) -> list[
    RationalFunction
]:
    """The vertex ``point`` (found at ``sample``) of ``{x : rows}`` as rational functions.

    Its tight constraints at the sample (the equalities, the inequalities that
    hold with equality, ``x_i = 0`` where it is 0) include ``n`` independent
    ones; solved symbolically they give the vertex on the whole interval.
    """
    n = len(point)
    active: list[tuple[list[RationalFunction], RationalFunction]] = []
    for coeffs, rhs, kind in rows:
        value = sum((c(sample) * x for c, x in zip(coeffs, point, strict=True)), Fraction(0))
        if kind == "=" or value == rhs(sample):
            active.append((coeffs, rhs))
    for i, x in enumerate(point):
        if x == 0:
            active.append(([RF.constant(int(k == i)) for k in range(n)], RF.constant(0)))
    chosen: list[tuple[list[RationalFunction], RationalFunction]] = []
    echelon: list[tuple[int, list[Fraction]]] = []  # (pivot column, row) of the chosen rows
    for coeffs, rhs in active:
        row = [c(sample) for c in coeffs]
        for pivot, basis in echelon:
            if row[pivot] != 0:
                f = row[pivot] / basis[pivot]
                row = [x - f * y for x, y in zip(row, basis, strict=True)]
        lead = next((i for i, x in enumerate(row) if x != 0), None)
        if lead is None:
            continue
        echelon.append((lead, row))
        chosen.append((coeffs, rhs))
        if len(chosen) == n:
            break
    if len(chosen) < n:
        raise SolverError(f"the point {list(point)} is not a vertex at {sample}")
    cleared = [clear([*coeffs, rhs]) for coeffs, rhs in chosen]
    solved = cramer([row[:n] for row in cleared], [row[n] for row in cleared])
    if solved is None:  # pragma: no cover - independent at the sample
        raise SolverError(f"singular basis at {sample}")
    d, nums = solved
    out = [reduce(RF(p, d)) for p in nums]
    if [f(sample) for f in out] != list(point):
        raise SolverError(f"the fitted vertex does not reproduce {list(point)} at {sample}")
    return out


def differences(formulas: Sequence[Sequence[RationalFunction]], out: set[Poly]) -> None:
    """Add where two of the given points (coordinate lists) meet in some coordinate."""
    for a, b in combinations(formulas, 2):
        for x, y in zip(a, b, strict=True):
            num = (x - y).num
            if num.degree > 0:
                out.add(num.primitive())
