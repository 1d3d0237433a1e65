"""Exact rational functions of one value and the exact sets where inequalities hold.

The repeated-game analysis (:mod:`gametrust.analysis.repeated`) computes
every average payoff as a rational function of one free value ``t`` (the
discount, or a swept parameter, empathy weight or noise) with rational
coefficients.  :class:`RF` is such a function kept in lowest terms (FLINT's
exact ``fmpq_poly`` with a monic denominator, so values stay small through
linear solves); :func:`solve_linear` solves a linear system over them.

:func:`where_nonnegative` returns the exact :class:`RealSet` of ``t`` in a
range where every given function is ``>= 0``: the range is cut at the
certified real roots of every numerator and denominator
(:func:`gametrust.core.polynomial.real_roots`; rationals, or
:class:`~gametrust.core.algebraic.RealAlgebraic` numbers), and the sign of
each function is decided exactly at every cut and at a rational point of
every piece between two cuts.

>>> t = RF.variable()
>>> s = where_nonnegative([t * 2 - 1], Fraction(0), Fraction(1))
>>> str(s), s.at_least()
('[1/2, 1)', Fraction(1, 2))
>>> str(where_nonnegative([(t * 3 - 2) * (2 - t * 3)], Fraction(0), Fraction(1)))
'[2/3, 2/3]'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import flint

from ..core.exact import format_number
from ..core.polynomial import Poly, RationalFunction, compare, real_roots, sign_on, to_sympy
from .parametric import between, show_value, sorted_unique

__all__ = ["RF", "Piece", "RealSet", "solve_linear", "where_nonnegative"]


def _q(value: Fraction | int) -> Any:
    value = Fraction(value)
    return flint.fmpq(value.numerator, value.denominator)


def _fraction(value: Any) -> Fraction:
    return Fraction(int(value.p), int(value.q))


def _rebuild_rf(num: tuple[Any, ...], den: tuple[Any, ...]) -> RF:
    """An :class:`RF` from the coefficients it was pickled as (already in lowest terms)."""
    rf = RF.__new__(RF)
    rf.num, rf.den = flint.fmpq_poly(list(num)), flint.fmpq_poly(list(den))
    return rf


class RF:
    """An exact rational function ``num / den`` of one value, in lowest terms."""

    __slots__ = ("den", "num")

    def __init__(self, num: Any, den: Any = None) -> None:
        den = flint.fmpq_poly([1]) if den is None else den
        if den == 0:
            raise ZeroDivisionError("a rational function with denominator 0")
        if num == 0:
            self.num, self.den = flint.fmpq_poly([]), flint.fmpq_poly([1])
            return
        g = num.gcd(den)
        num, den = num // g, den // g
        lead = den.coeffs()[-1]
        self.num, self.den = num / lead, den / lead

    def __reduce__(self) -> tuple[Any, ...]:
        # FLINT's polynomials do not pickle; their rational coefficients do
        return (_rebuild_rf, (tuple(self.num.coeffs()), tuple(self.den.coeffs())))

    @classmethod
    def constant(cls, value: Fraction | int) -> RF:
        return cls(flint.fmpq_poly([_q(value)]))

    @classmethod
    def variable(cls) -> RF:
        return cls(flint.fmpq_poly([0, 1]))

    @classmethod
    def of(cls, value: object) -> RF:
        """An :class:`RF` from a number or a
        :class:`~gametrust.core.polynomial.RationalFunction`."""
        if isinstance(value, RF):
            return value
        if isinstance(value, RationalFunction):
            return cls(flint.fmpq_poly([_q(c) for c in value.num.coeffs]),
                       flint.fmpq_poly([_q(c) for c in value.den.coeffs]))
        return cls.constant(Fraction(value))  # type: ignore[arg-type]

    def _lift(self, other: object) -> RF:
        return other if isinstance(other, RF) else RF.of(other)

    def __add__(self, other: object) -> RF:
        o = self._lift(other)
        return RF(self.num * o.den + o.num * self.den, self.den * o.den)

    __radd__ = __add__

    def __neg__(self) -> RF:
        return RF(-self.num, self.den)

    def __sub__(self, other: object) -> RF:
        return self + (-self._lift(other))

    def __rsub__(self, other: object) -> RF:
        return self._lift(other) - self

    def __mul__(self, other: object) -> RF:
        o = self._lift(other)
        return RF(self.num * o.num, self.den * o.den)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> RF:
        o = self._lift(other)
        return RF(self.num * o.den, self.den * o.num)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (RF, int, Fraction)):
            return NotImplemented
        o = self._lift(other)
        return bool(self.num == o.num and self.den == o.den)

    def __hash__(self) -> int:
        return hash((str(self.num), str(self.den)))

    def is_zero(self) -> bool:
        return bool(self.num == 0)

    def is_constant(self) -> bool:
        return self.num.degree() <= 0 and self.den.degree() == 0

    def at(self, t: Fraction | int) -> Fraction:
        """The exact value at a rational ``t`` (``ZeroDivisionError`` at a pole)."""
        den = _fraction(self.den(_q(t)))
        if den == 0:
            raise ZeroDivisionError(f"pole at {t}")
        return _fraction(self.num(_q(t))) / den

    def polys(self) -> tuple[Poly, Poly]:
        """Numerator and denominator as :class:`~gametrust.core.polynomial.Poly`."""
        return (Poly.from_coeffs(_fraction(c) for c in self.num.coeffs()),
                Poly.from_coeffs(_fraction(c) for c in self.den.coeffs()))

    def sign_at(self, point: Any) -> int | None:
        """The exact sign at a rational or real algebraic point; ``None`` at a pole."""
        num, den = self.polys()
        d = sign_on(den, point)
        if d == 0:
            return None
        return sign_on(num, point) * d

    def formula(self, symbol: str) -> str:
        """The function as a formula in ``symbol`` (sympy's cancelled form)."""
        if self.is_constant():
            return format_number(self.at(0))
        num, den = self.polys()
        return str(to_sympy(RationalFunction(num, den), symbol))

    def __repr__(self) -> str:
        return f"RF({self.formula('t')})"


def solve_linear(matrix: Sequence[Sequence[RF]], rhs: Sequence[Sequence[RF]]) -> list[list[RF]]:
    """The solution ``X`` of ``matrix @ X = rhs`` (square, invertible as functions), exactly.

    ``rhs`` has one row per equation and any number of columns.
    """
    n = len(matrix)
    a = [list(row) + list(b) for row, b in zip(matrix, rhs, strict=True)]
    width = len(a[0]) if a else 0
    for col in range(n):
        pivot = next((r for r in range(col, n) if not a[r][col].is_zero()), None)
        if pivot is None:
            raise ArithmeticError("singular system")
        a[col], a[pivot] = a[pivot], a[col]
        inverse = RF.constant(1) / a[col][col]
        a[col] = [v * inverse for v in a[col]]
        for r in range(n):
            if r != col and not a[r][col].is_zero():
                factor = a[r][col]
                a[r] = [a[r][k] - factor * a[col][k] for k in range(width)]
    return [row[n:] for row in a]


@dataclass(frozen=True)
class Piece:
    """One piece of a range cut at the critical points: a point or an open gap between two."""

    lo: Any
    hi: Any
    holds: bool
    failing: int | None = None  # index of a condition that fails on the piece

    @property
    def is_point(self) -> bool:
        return compare(self.lo, self.hi) == 0


@dataclass(frozen=True)
class RealSet:
    """A finite union of intervals with exact ends, given by the pieces of a range.

    ``pieces`` cover the range in order (points and open gaps); ``hi_open``
    says whether the range's upper end is excluded (the discount's ``[0, 1)``).
    """

    pieces: tuple[Piece, ...]
    hi_open: bool = True

    def intervals(self) -> list[tuple[Any, Any, bool, bool]]:
        """The maximal intervals ``(lo, hi, closed_lo, closed_hi)`` where the conditions hold."""
        out: list[list[Any]] = []
        for piece in self.pieces:
            if not piece.holds:
                continue
            closed = piece.is_point
            if out and compare(out[-1][1], piece.lo) == 0 and (out[-1][3] or closed):
                out[-1][1], out[-1][3] = piece.hi, closed
            else:
                out.append([piece.lo, piece.hi, closed, closed])
        return [tuple(i) for i in out]  # type: ignore[misc]

    def is_empty(self) -> bool:
        return not any(p.holds for p in self.pieces)

    def at_least(self) -> Any:
        """``a`` when the set is exactly ``[a, end)`` of the range (the end of the range
        included or excluded as the range is), else ``None``."""
        spans = self.intervals()
        if len(spans) != 1:
            return None
        lo, hi, closed_lo, _ = spans[0]
        last = self.pieces[-1]
        if not closed_lo or compare(hi, last.hi) != 0 or not self.pieces[-1].holds:
            return None
        return lo

    def contains(self, point: Any) -> bool:
        for piece in self.pieces:
            if piece.is_point and compare(piece.lo, point) == 0:
                return piece.holds
            if compare(piece.lo, point) < 0 < compare(piece.hi, point):
                return piece.holds
        return False

    def failing_below(self, point: Any) -> int | None:
        """The condition failing on the gap just below ``point``."""
        for piece in reversed(self.pieces):
            if not piece.is_point and compare(piece.hi, point) <= 0:
                return piece.failing
        return None

    def ends(self) -> list[Any]:
        """The ends of the maximal intervals: where membership changes."""
        points: list[Any] = []
        for lo, hi, _, _ in self.intervals():
            points += [lo, hi]
        return points

    def __str__(self) -> str:
        parts = []
        for lo, hi, closed_lo, closed_hi in self.intervals():
            right = "]" if closed_hi else ")"
            parts.append(f"{'[' if closed_lo else '('}{show_value(lo)}, {show_value(hi)}{right}")
        return " ∪ ".join(parts) if parts else "∅"


def critical_points(functions: Sequence[RF], lo: Fraction, hi: Fraction) -> list[Any]:
    """The real roots of every numerator and denominator strictly inside ``(lo, hi)``."""
    roots: list[Any] = []
    for f in functions:
        for poly in f.polys():
            if poly.degree > 0:
                roots += real_roots(poly, lo, hi)
    return sorted_unique(roots)


def where_nonnegative(
    functions: Sequence[RF], lo: Fraction, hi: Fraction, *, hi_open: bool = True,
    points: Sequence[Any] = (),
) -> RealSet:
    """The exact set of ``t`` in ``[lo, hi)`` (``[lo, hi]`` unless ``hi_open``) where every
    function is defined and ``>= 0``; ``points`` are extra cuts (to share breakpoints)."""
    cuts = sorted_unique([*critical_points(functions, lo, hi), *points])
    cuts = [c for c in cuts if compare(c, lo) > 0 and compare(c, hi) < 0]
    ends = [lo, *cuts, hi]

    def judge(point: Any) -> tuple[bool, int | None]:
        for k, f in enumerate(functions):
            sign = f.sign_at(point)
            if sign is None or sign < 0:
                return False, k
        return True, None

    pieces = []
    for k, point in enumerate(ends):
        if k > 0:
            holds, failing = judge(between(ends[k - 1], point))
            pieces.append(Piece(ends[k - 1], point, holds, failing))
        if k < len(ends) - 1 or not hi_open:
            holds, failing = judge(point)
            pieces.append(Piece(point, point, holds, failing))
    return RealSet(tuple(pieces), hi_open)
