"""Exact linear algebra over polynomials in one variable: determinants, Cramer's rule, clearing.

The sweeps of games with types ask for many determinants of small matrices of
polynomials (:mod:`gametrust.analysis.type_polytopes`,
:mod:`gametrust.analysis.signal_polys`).  :func:`det` finds one by evaluation
and interpolation: the determinant of a ``k x k`` matrix whose row ``r`` has
degree at most ``d_r`` is a polynomial of degree at most ``sum d_r``, so its
values at that many plus one rational points (each an exact Fraction
determinant) fix it (Newton's divided differences).  :func:`cramer` does the
same for every numerator of Cramer's rule at once.  Everything is exact.

>>> t = Poly.variable()
>>> det([[t, Poly.constant(1)], [Poly.constant(1), t]])
Poly(-1 + t^2)
>>> reduce(RationalFunction(t * t - Poly.constant(1), t - Poly.constant(1)))
RationalFunction(num=Poly(1 + t), den=Poly(1))
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ..core.polynomial import Poly, RationalFunction

__all__ = ["clear", "clearing_factor", "cramer", "det", "fraction_det", "reduce"]

ONE = Poly.constant(1)


def fraction_det(matrix: Sequence[Sequence[Fraction]]) -> Fraction:
    """The determinant of a square matrix of Fractions (Gaussian elimination)."""
    m = [list(row) for row in matrix]
    k = len(m)
    out = Fraction(1)
    for c in range(k):
        pivot = next((r for r in range(c, k) if m[r][c] != 0), None)
        if pivot is None:
            return Fraction(0)
        if pivot != c:
            m[c], m[pivot] = m[pivot], m[c]
            out = -out
        out *= m[c][c]
        for r in range(c + 1, k):
            if m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c], strict=True)]
    return out


def _interpolate(points: Sequence[Fraction], values: Sequence[Fraction]) -> Poly:
    """The polynomial through ``(points[i], values[i])`` (Newton's divided differences)."""
    n = len(points)
    coef = list(values)
    for j in range(1, n):
        for i in range(n - 1, j - 1, -1):
            coef[i] = (coef[i] - coef[i - 1]) / (points[i] - points[i - j])
    out = Poly.constant(coef[-1])
    for i in range(n - 2, -1, -1):
        out = out * Poly.from_coeffs([-points[i], 1]) + Poly.constant(coef[i])
    return out


def _bound(matrix: Sequence[Sequence[Poly]], extra: Sequence[Poly] = ()) -> int:
    total = 0
    for r, row in enumerate(matrix):
        degrees = [p.degree for p in row]
        if extra:
            degrees.append(extra[r].degree)
        total += max(0, *degrees)
    return total


def det(matrix: Sequence[Sequence[Poly]]) -> Poly:
    """The determinant of a square matrix of polynomials."""
    if not matrix:
        return ONE
    points = [Fraction(s) for s in range(_bound(matrix) + 1)]
    values = [fraction_det([[p(s) for p in row] for row in matrix]) for s in points]
    return _interpolate(points, values)


def _solve(m: list[list[Fraction]], b: list[Fraction]) -> tuple[Fraction, list[Fraction]] | None:
    """Determinant and solution of a nonsingular system (``None`` when singular)."""
    k = len(m)
    a = [[*row, x] for row, x in zip(m, b, strict=True)]
    d = Fraction(1)
    for c in range(k):
        pivot = next((r for r in range(c, k) if a[r][c] != 0), None)
        if pivot is None:
            return None
        if pivot != c:
            a[c], a[pivot] = a[pivot], a[c]
            d = -d
        d *= a[c][c]
        for r in range(k):
            if r != c and a[r][c] != 0:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c], strict=True)]
    return d, [a[r][k] / a[r][r] for r in range(k)]


def cramer(matrix: Sequence[Sequence[Poly]], rhs: Sequence[Poly]) -> tuple[Poly, list[Poly]] | None:
    """Determinant and Cramer numerators of a square system (``None`` when it is singular
    identically): ``x_c = nums[c] / d``."""
    k = len(matrix)
    points = [Fraction(s) for s in range(_bound(matrix, rhs) + 1)]
    dets: list[Fraction] = []
    nums: list[list[Fraction]] = [[] for _ in range(k)]
    for s in points:
        m = [[p(s) for p in row] for row in matrix]
        b = [p(s) for p in rhs]
        solved = _solve(m, b)
        if solved is not None:
            d, x = solved
            dets.append(d)
            for c in range(k):
                nums[c].append(d * x[c])
            continue
        dets.append(Fraction(0))
        for c in range(k):
            nums[c].append(fraction_det([[*row[:c], y, *row[c + 1:]]
                                         for row, y in zip(m, b, strict=True)]))
    d_poly = _interpolate(points, dets)
    if d_poly.is_zero():
        return None
    return d_poly, [_interpolate(points, values) for values in nums]


def _gcd(a: Poly, b: Poly) -> Poly:
    while not b.is_zero():
        a, b = b, a.divmod(b)[1]
    return a.primitive() if a.degree > 0 else ONE


def reduce(f: RationalFunction) -> RationalFunction:
    """``f`` in lowest terms, its denominator's leading coefficient 1."""
    if f.num.is_zero():
        return RationalFunction.constant(0)
    g = _gcd(f.num, f.den)
    num, den = (f.num.exact_div(g), f.den.exact_div(g)) if g.degree > 0 else (f.num, f.den)
    lead = den.coeffs[-1]
    return RationalFunction(num * (1 / lead), den * (1 / lead))


def clearing_factor(row: Sequence[RationalFunction]) -> Poly:
    """One polynomial that every denominator of the row divides (the product of them)."""
    common = ONE
    seen: list[Poly] = []
    for f in row:
        if f.den.degree > 0 and f.den not in seen:
            seen.append(f.den)
            common = common * f.den
        elif f.den.degree == 0 and f.den.coeffs[0] != 1:
            common = common * f.den
    return common


def clear(row: Sequence[RationalFunction]) -> list[Poly]:
    """The row times :func:`clearing_factor`: polynomials with the same roots and ratios."""
    common = clearing_factor(row)
    return [(f.num * common).exact_div(f.den) for f in row]
