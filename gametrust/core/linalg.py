"""Exact linear algebra over the rationals: one Gauss–Jordan elimination for every solver.

Every function takes and returns plain sequences of :class:`~fractions.Fraction`
(or ``int``); nothing is rounded.  :func:`solve_unique` also accepts floats
with a tolerance, for the float mode of the solvers.

>>> from fractions import Fraction as F
>>> affine_solutions([[1, 1, 0]], [1], 3)      # x + y = 1, z free
([Fraction(1, 1), Fraction(0, 1), Fraction(0, 1)], [[Fraction(-1, 1), Fraction(1, 1), Fraction(0, 1)], [Fraction(0, 1), Fraction(0, 1), Fraction(1, 1)]])
>>> solve_square([[2, 1], [1, 3]], [[3], [5]])  # one right-hand side column
[[Fraction(4, 5)], [Fraction(7, 5)]]
>>> p = bounded_polytope(2, [([1, 1], F(1))], [([1, 0], F(0)), ([0, 1], F(0))])
>>> p.vertices, p.centre
(((Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1))), (Fraction(1, 2), Fraction(1, 2)))
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from math import gcd, lcm
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: FLINT costs ~25 ms of a command's start-up
    import flint

__all__ = [
    "Polytope",
    "affine_solutions",
    "bounded_polytope",
    "dot",
    "is_inconsistent",
    "solve_square",
    "solve_unique",
    "unit_vector",
]

ZERO = Fraction(0)
ONE = Fraction(1)

Rows = Sequence[tuple[Sequence[Fraction], Fraction]]


def dot(a: Sequence[Any], b: Sequence[Any]) -> Any:
    """The exact dot product (``Fraction(0)`` for empty vectors)."""
    return sum((x * y for x, y in zip(a, b, strict=True)), ZERO)


def unit_vector(n: int, i: int) -> list[Fraction]:
    """The ``i``-th unit vector of length ``n`` (a row ``x_i >= 0`` or ``x_i = ...``)."""
    row = [ZERO] * n
    row[i] = ONE
    return row


def _reduce(m: list[list[Fraction]], n: int) -> list[int]:
    """Gauss–Jordan in place on the first ``n`` columns of ``m``: reduced row echelon form.

    Returns the pivot columns; row ``i`` has a 1 in column ``pivots[i]`` and 0
    in every other pivot column.
    """
    pivots: list[int] = []
    r = 0
    for c in range(n):
        if r == len(m):
            break
        p = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if p is None:
            continue
        m[r], m[p] = m[p], m[r]
        inv = 1 / Fraction(m[r][c])
        m[r] = [v * inv for v in m[r]]
        for i in range(len(m)):
            if i != r and m[i][c] != 0:
                f = m[i][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[r], strict=True)]
        pivots.append(c)
        r += 1
    return pivots


def affine_solutions(
    rows: Sequence[Sequence[Any]], rhs: Sequence[Any], n: int
) -> tuple[list[Fraction], list[list[Fraction]]] | None:
    """``{x : rows x = rhs}`` as ``(x0, basis)``: ``x0 + span(basis)``; ``None`` when empty."""
    m = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(rows, rhs, strict=True)]
    pivots = _reduce(m, n)
    r = len(pivots)
    if any(m[i][n] != 0 for i in range(r, len(m))):
        return None
    x0 = [ZERO] * n
    for i, c in enumerate(pivots):
        x0[c] = m[i][n]
    basis = []
    for free in (c for c in range(n) if c not in pivots):
        v = [ZERO] * n
        v[free] = ONE
        for i, c in enumerate(pivots):
            v[c] = -m[i][free]
        basis.append(v)
    return x0, basis


def solve_square(
    matrix: Sequence[Sequence[Any]], rhs: Sequence[Sequence[Any]]
) -> list[list[Fraction]] | None:
    """Solve ``matrix x = r`` for every right-hand side column ``r`` of ``rhs``.

    ``rhs[i]`` holds row ``i`` of the right-hand sides.  ``None`` when the
    square matrix is singular.  FLINT solves it (fraction-free): with 300-bit
    entries a 9x9 system takes 0.4 ms there against 17 ms by Gauss–Jordan in
    Python fractions, which made trees with extreme payoffs take minutes.
    """
    import flint

    n = len(matrix)
    width = len(rhs[0]) if n else 0
    a = flint.fmpq_mat(n, n, [_fmpq(v) for row in matrix for v in row])
    b = flint.fmpq_mat(n, width, [_fmpq(v) for row in rhs for v in row])
    try:
        x = a.solve(b)
    except ZeroDivisionError:
        return None
    return [[Fraction(int(x[i, j].p), int(x[i, j].q)) for j in range(width)] for i in range(n)]


def _fmpq(value: Any) -> flint.fmpq:
    import flint

    exact = Fraction(value)
    return flint.fmpq(exact.numerator, exact.denominator)


def solve_unique(
    columns: Sequence[Sequence[Any]], target: Sequence[Any], tol: Any = 0
) -> list[Any] | None:
    """The unique ``lam`` with ``sum_k lam_k columns[k] = target``, or ``None``.

    ``None`` when the columns are dependent (a smaller set would do) or the
    system is inconsistent.  ``tol`` is 0 for exact numbers; with floats,
    entries within ``tol`` of zero count as zero (partial pivoting).
    """
    rows = len(target)
    k = len(columns)
    m = [[columns[c][r] for c in range(k)] + [target[r]] for r in range(rows)]
    pivots = []
    r = 0
    for c in range(k):
        pivot = max(range(r, rows), key=lambda j: abs(m[j][c]), default=None)
        if pivot is None or abs(m[pivot][c]) <= tol:
            return None
        m[r], m[pivot] = m[pivot], m[r]
        for j in range(rows):
            if j != r and m[j][c] != 0:
                factor = m[j][c] / m[r][c]
                m[j] = [x - factor * y for x, y in zip(m[j], m[r], strict=True)]
        pivots.append(r)
        r += 1
    if any(abs(m[j][k]) > tol for j in range(r, rows)):
        return None
    return [m[j][k] / m[j][c] for c, j in enumerate(pivots)]


def is_inconsistent(equalities: Rows, n: int) -> bool:
    """True when ``a.x = b`` for every ``(a, b)`` has no solution.

    Fraction-free elimination over the integers (each row scaled by its
    denominators): much faster than :class:`Fraction` arithmetic.
    """
    rows = []
    for a, b in equalities:
        row = [Fraction(v) for v in (*a, b)]
        scale = lcm(*(v.denominator for v in row))
        rows.append([int(v * scale) for v in row])
    r = 0
    for c in range(n):
        p = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        pivot = rows[r]
        for i in range(r + 1, len(rows)):
            f = rows[i][c]
            if f:
                row = [pivot[c] * x - f * y for x, y in zip(rows[i], pivot, strict=True)]
                g = gcd(*row)
                rows[i] = [x // g for x in row] if g > 1 else row
        r += 1
        if r == len(rows):
            break
    return any(rows[i][n] != 0 for i in range(r, len(rows)))


@dataclass(frozen=True)
class Polytope:
    """Vertices of a bounded polytope and its centre (the mean of its vertices)."""

    vertices: tuple[tuple[Fraction, ...], ...]
    centre: tuple[Fraction, ...]


def bounded_polytope(
    n: int, equalities: Rows, inequalities: Rows, positive: Sequence[int] = ()
) -> Polytope | None:
    """The bounded polytope ``{x : a.x = b (equalities), a.x >= b (inequalities)}``.

    ``None`` when it is empty, or when no point of it has ``x_i > 0`` for every
    ``i`` in ``positive`` (then its relative interior misses that open face).
    The centre lies in the relative interior, so it has ``x_i > 0`` whenever
    any point does.  Vertices are found by brute force over tight constraint
    sets: exact, and fast for the small systems it serves (signalling games).
    """
    solved = affine_solutions([a for a, _ in equalities], [b for _, b in equalities], n)
    if solved is None:
        return None
    x0, basis = solved
    k = len(basis)
    # in the coordinates z of x = x0 + sum z_j basis_j: rows z >= rhs
    rows = [([dot(a, v) for v in basis], b - dot(a, x0)) for a, b in inequalities]
    if any(all(c == 0 for c in coeffs) and rhs > 0 for coeffs, rhs in rows):
        return None
    rows = [(coeffs, rhs) for coeffs, rhs in rows if any(c != 0 for c in coeffs)]
    points: list[tuple[Fraction, ...]] = []
    if k == 0:
        points = [tuple(x0)]
    else:
        found: set[tuple[Fraction, ...]] = set()
        for combo in combinations(range(len(rows)), k):
            tight = affine_solutions([rows[i][0] for i in combo], [rows[i][1] for i in combo], k)
            if tight is None or tight[1]:
                continue
            z = tight[0]
            if all(dot(coeffs, z) >= rhs for coeffs, rhs in rows):
                found.add(tuple(z))
        for z in sorted(found):
            points.append(
                tuple(
                    x0[i] + sum((zj * v[i] for zj, v in zip(z, basis, strict=True)), ZERO)
                    for i in range(n)
                )
            )
    if not points:
        return None
    centre = tuple(sum((p[i] for p in points), ZERO) / len(points) for i in range(n))
    if any(centre[i] <= 0 for i in positive):
        return None
    return Polytope(tuple(points), centre)
