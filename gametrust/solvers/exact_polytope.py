"""Exact polytopes over an ordered field: vertices, and membership in a convex hull.

The subgame-perfect enumeration (:mod:`gametrust.solvers.spe`) works over
``Fraction`` at a point and over rational functions of a swept value in a
sweep; both are ordered fields once an *order oracle* is fixed.  A
:class:`Field` gives the oracle (``sign``), a canonical hashable form of an
element (``key``) and its zero and one; nothing here rounds.

:func:`vertices` lists the vertices of ``{x : a.x = b, a.x >= b}`` (bounded)
by trying every set of tight inequalities in the affine hull (exact, and fast
for the small systems of backward induction; a budget stops it on large
ones).  :func:`in_hull` decides whether a point is a convex combination of
others, by phase one of the simplex method with Bland's rule (which cannot
cycle).

>>> from fractions import Fraction as F
>>> square = vertices(2, [], [([1, 0], F(0)), ([0, 1], F(0)), ([-1, 0], F(-1)),
...                            ([0, -1], F(-1))], RATIONAL)
>>> sorted(square)
[(Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(1, 1))]
>>> in_hull((F(1, 2), F(1, 2)), square, RATIONAL), in_hull((F(2), F(0)), square, RATIONAL)
(True, False)
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from math import comb
from typing import Any

__all__ = ["RATIONAL", "Field", "PolytopeTooLarge", "in_hull", "solve_affine", "vertices"]

Row = tuple[Sequence[Any], Any]

#: Largest number of tight sets :func:`vertices` tries before giving up.
VERTEX_BUDGET = 200_000


class PolytopeTooLarge(Exception):
    """The brute-force vertex enumeration would try more tight sets than its budget."""


@dataclass(frozen=True)
class Field:
    """An ordered field: ``sign(x)`` in {-1, 0, 1}, ``key(x)`` a canonical hashable form."""

    sign: Callable[[Any], int]
    key: Callable[[Any], Hashable]
    zero: Any = Fraction(0)
    one: Any = Fraction(1)
    #: For a field of functions of a swept value ordered by their signs at a sample point:
    #: an element's (rational) value there.
    at: Callable[[Any], Any] | None = None

    def is_zero(self, x: Any) -> bool:
        return self.sign(x) == 0


def _fraction_sign(x: Any) -> int:
    return (x > 0) - (x < 0)


#: The rational numbers (``Fraction``), ordered as usual.
RATIONAL = Field(sign=_fraction_sign, key=lambda x: x)


def solve_affine(
    rows: Sequence[Sequence[Any]], rhs: Sequence[Any], n: int, field: Field
) -> tuple[list[Any], list[list[Any]]] | None:
    """``{x : rows x = rhs}`` as ``(x0, basis)`` by Gauss–Jordan; ``None`` when empty."""
    m = [[*row, b] for row, b in zip(rows, rhs, strict=True)]
    pivots: list[int] = []
    r = 0
    for c in range(n):
        p = next((i for i in range(r, len(m)) if not field.is_zero(m[i][c])), None)
        if p is None:
            continue
        m[r], m[p] = m[p], m[r]
        lead = m[r][c]
        m[r] = [v / lead for v in m[r]]
        for i in range(len(m)):
            if i != r and not field.is_zero(m[i][c]):
                f = m[i][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[r], strict=True)]
        pivots.append(c)
        r += 1
    if any(not field.is_zero(m[i][n]) for i in range(r, len(m))):
        return None
    x0 = [field.zero] * n
    for i, c in enumerate(pivots):
        x0[c] = m[i][n]
    basis = []
    for free in (c for c in range(n) if c not in pivots):
        v = [field.zero] * n
        v[free] = field.one
        for i, c in enumerate(pivots):
            v[c] = -m[i][free]
        basis.append(v)
    return x0, basis


def _dot(a: Sequence[Any], b: Sequence[Any], field: Field) -> Any:
    total = field.zero
    for x, y in zip(a, b, strict=True):
        total = total + x * y
    return total


def vertices(n: int, equalities: Sequence[Row], inequalities: Sequence[Row],
             field: Field) -> list[tuple[Any, ...]]:
    """The vertices of the bounded polytope ``{x : a.x = b (equalities), a.x >= b}``.

    Empty when the polytope is.  Raises :class:`PolytopeTooLarge` when more
    than :data:`VERTEX_BUDGET` tight sets would have to be tried.
    """
    solved = solve_affine([a for a, _ in equalities], [b for _, b in equalities], n, field)
    if solved is None:
        return []
    x0, basis = solved
    k = len(basis)
    rows = [([_dot(a, v, field) for v in basis], b - _dot(a, x0, field)) for a, b in inequalities]
    live = []
    for coeffs, rhs in rows:
        if all(field.is_zero(c) for c in coeffs):
            if field.sign(rhs) > 0:
                return []
            continue
        live.append((coeffs, rhs))

    def lift(z: Sequence[Any]) -> tuple[Any, ...]:
        out = list(x0)
        for zj, v in zip(z, basis, strict=True):
            out = [a + zj * b for a, b in zip(out, v, strict=True)]
        return tuple(out)

    if k == 0:
        return [tuple(x0)]
    if comb(len(live), k) > VERTEX_BUDGET:
        raise PolytopeTooLarge(f"{comb(len(live), k)} tight sets in dimension {k}")
    found: dict[Hashable, tuple[Any, ...]] = {}
    for combo in combinations(range(len(live)), k):
        tight = solve_affine([live[i][0] for i in combo], [live[i][1] for i in combo], k, field)
        if tight is None or tight[1]:
            continue
        z = tight[0]
        if all(field.sign(_dot(c, z, field) - b) >= 0 for c, b in live):
            point = lift(z)
            found.setdefault(tuple(field.key(v) for v in point), point)
    return list(found.values())


def _independent_rows(raw: list[list[Any]], m: int, field: Field) -> list[list[Any]] | None:
    """An echelon basis of the rows' span (``None``: the system ``rows`` is inconsistent)."""
    basis: list[tuple[int, list[Any]]] = []  # (pivot column, row with 1 there)
    for row in raw:
        row = list(row)
        for col, b in basis:
            f = row[col]
            if not field.is_zero(f):
                row = [x - f * y for x, y in zip(row, b, strict=True)]
        pivot = next((c for c in range(m) if not field.is_zero(row[c])), None)
        if pivot is None:
            if not field.is_zero(row[-1]):
                return None
            continue
        lead = row[pivot]
        row = [x / lead for x in row]
        basis = [(c, [x - b[pivot] * y for x, y in zip(b, row, strict=True)]) for c, b in basis]
        basis.append((pivot, row))
    return [b for _, b in basis]


def in_hull(point: Sequence[Any], others: Sequence[Sequence[Any]], field: Field) -> bool:
    """True when ``point`` is a convex combination of ``others`` (exact phase-one simplex)."""
    if not others:
        return False
    d, m = len(point), len(others)
    for i in range(d):  # a coordinate beyond every other point's: not in the hull
        column = [q[i] for q in others]
        if all(field.sign(point[i] - v) > 0 for v in column) or all(
            field.sign(point[i] - v) < 0 for v in column
        ):
            return False
    # rows: sum_k mu_k q_k = p, sum_k mu_k = 1, mu >= 0; dependent rows are dropped (an
    # equivalent system, in echelon form); artificial variables a >= 0 start basic
    raw = [[field.one] * m + [field.one]]
    raw += [[others[k][i] for k in range(m)] + [point[i]] for i in range(d)]
    rows = _independent_rows(raw, m, field)
    if rows is None:
        return False
    for row in rows:
        if field.sign(row[-1]) < 0:
            row[:] = [-v for v in row]
    n_rows = len(rows)
    # tableau columns: mu (m), artificials (n_rows), rhs
    tab = [row[:m] + [field.one if j == i else field.zero for j in range(n_rows)] + [row[-1]]
           for i, row in enumerate(rows)]
    basis = [m + i for i in range(n_rows)]
    width = m + n_rows
    # objective: minimise the sum of artificials; reduced costs c_j - sum over rows
    while True:
        cost = [field.zero] * width
        for j in range(width):
            base = field.one if j >= m else field.zero
            total = field.zero
            for i in range(n_rows):
                if basis[i] >= m:
                    total = total + tab[i][j]
            cost[j] = base - total
        entering = next((j for j in range(width) if field.sign(cost[j]) < 0), None)
        if entering is None:
            break
        best, leave = None, None
        for i in range(n_rows):
            if field.sign(tab[i][entering]) > 0:
                ratio = tab[i][-1] / tab[i][entering]
                if (best is None or field.sign(ratio - best) < 0
                        or (field.sign(ratio - best) == 0 and basis[i] < basis[leave])):
                    best, leave = ratio, i
        if leave is None:  # pragma: no cover - phase one is bounded below by 0
            break
        pivot = tab[leave][entering]
        tab[leave] = [v / pivot for v in tab[leave]]
        for i in range(n_rows):
            if i != leave and not field.is_zero(tab[i][entering]):
                f = tab[i][entering]
                tab[i] = [a - f * b for a, b in zip(tab[i], tab[leave], strict=True)]
        basis[leave] = entering
    residual = field.zero
    for i in range(n_rows):
        if basis[i] >= m:
            residual = residual + tab[i][-1]
    return field.is_zero(residual)
