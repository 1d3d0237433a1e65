"""Exact arithmetic at one real algebraic point: the field ``Q(alpha)``.

A point of an N-player equilibrium system is written over one number field:
``alpha`` is a real root of an irreducible integer polynomial ``h`` and every
coordinate is a polynomial in ``alpha`` with rational coefficients, reduced
modulo ``h`` (:class:`RealField`).  In that form

- an *equality* is decided by exact algebra: an element is zero exactly when
  its reduced polynomial is zero (``h`` is irreducible, so ``Q[t]/(h)`` is a
  field and a nonzero remainder never vanishes at ``alpha``);
- a *strict inequality* is decided by interval arithmetic: the element is
  first evaluated by FLINT's ball arithmetic (arb, rigorous: the ball holds
  every value on the isolating interval of ``alpha``) at 64, 256 and 1024
  bits; when no ball excludes zero the isolating interval is bisected until
  the element, evaluated on it with rational interval arithmetic, excludes
  zero (this ends, because a nonzero element is not zero at ``alpha``);
- an element is turned into a number for display (:meth:`RealField.number`):
  a :class:`~fractions.Fraction` when it is rational, otherwise a
  :class:`~gametrust.core.algebraic.RealAlgebraic` with its own minimal
  polynomial (an irreducible factor of the characteristic polynomial of
  multiplication by the element) and the root of it that the interval picks.

Polynomials are python-flint ``fmpq_poly`` values (lowest degree first).

>>> from fractions import Fraction
>>> f = RealField.of((-2, 0, 1), 0)          # alpha = -sqrt(2)
>>> x = f.element((1, 1))                     # 1 + alpha
>>> f.sign(x), str(f.number(x)), f.sign(x * x - f.element((3, 2)))
(-1, '1 - sqrt(2)', 0)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import flint

from .algebraic import RealAlgebraic
from .real_roots import real_roots

__all__ = ["RealField", "interval_eval"]


def interval_eval(
    coeffs: Sequence[Fraction], lo: Fraction, hi: Fraction
) -> tuple[Fraction, Fraction]:
    """Bounds of a rational polynomial (lowest degree first) on ``[lo, hi]`` by interval Horner.

    >>> interval_eval([Fraction(0), Fraction(0), Fraction(1)], Fraction(-1), Fraction(2))
    (Fraction(-2, 1), Fraction(4, 1))
    """
    a = b = Fraction(0)
    for c in reversed(coeffs):
        products = (a * lo, a * hi, b * lo, b * hi)
        a, b = min(products) + c, max(products) + c
    return a, b


#: Working precisions (bits) of the ball-arithmetic sign test, tried in turn.
_BALL_PRECISIONS = (64, 256, 1024)


def _ball_sign(value: Any, lo: Fraction, hi: Fraction, prec: int) -> int:
    """The sign of the rational polynomial ``value`` on ``[lo, hi]`` by ball arithmetic at
    ``prec`` bits, or 0 when the ball of its values contains zero (undecided)."""
    saved = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        ball = flint.arb(flint.fmpq(lo.numerator, lo.denominator)).union(
            flint.arb(flint.fmpq(hi.numerator, hi.denominator))
        )
        result = flint.arb_poly(value)(ball)
        return 1 if result > 0 else -1 if result < 0 else 0
    finally:
        flint.ctx.prec = saved


def _fractions(poly: Any) -> list[Fraction]:
    return [Fraction(int(c.p), int(c.q)) for c in poly.coeffs()]


class RealField:
    """``Q(alpha)`` for one real root ``alpha`` of the irreducible integer polynomial ``h``.

    ``root`` is ``alpha`` itself: a :class:`~fractions.Fraction` when ``h`` is
    linear, otherwise a :class:`~gametrust.core.algebraic.RealAlgebraic`
    whose isolating interval is refined as signs need it.
    """

    __slots__ = ("modulus", "root")

    def __init__(self, modulus: Any, root: Fraction | RealAlgebraic) -> None:
        self.modulus = modulus
        self.root = root

    @classmethod
    def of(cls, poly: Sequence[int], index: int) -> RealField:
        """The field of the ``index``-th real root (0 the smallest) of an irreducible ``poly``."""
        return cls(flint.fmpq_poly(list(poly)), real_roots(tuple(int(c) for c in poly))[index])

    @property
    def degree(self) -> int:
        return int(self.modulus.degree())

    def element(self, coeffs: Sequence[Fraction | int] | Any) -> Any:
        """The element ``sum coeffs[k] alpha^k`` (a ``fmpq_poly`` reduced modulo ``h``)."""
        poly = (
            coeffs
            if isinstance(coeffs, flint.fmpq_poly)
            else flint.fmpq_poly(
                [flint.fmpq(Fraction(c).numerator, Fraction(c).denominator) for c in coeffs]
            )
        )
        return poly % self.modulus

    def reduce(self, value: Any) -> Any:
        return value % self.modulus

    def sign(self, value: Any) -> int:
        """The exact sign of the element at ``alpha``."""
        value = value % self.modulus
        if value.is_zero():
            return 0
        if isinstance(self.root, Fraction):
            v = value(flint.fmpq(self.root.numerator, self.root.denominator))
            return (v > 0) - (v < 0)
        for prec in _BALL_PRECISIONS:
            found = _ball_sign(value, *self.root.interval, prec)
            if found:
                return found
        coeffs = _fractions(value)
        while True:
            lo, hi = interval_eval(coeffs, *self.root.interval)
            if lo > 0:
                return 1
            if hi < 0:
                return -1
            self.root.bisect()

    def number(self, value: Any) -> Fraction | RealAlgebraic:
        """The element as an exact number: a Fraction, or a RealAlgebraic of its own."""
        value = value % self.modulus
        coeffs = _fractions(value)
        if value.degree() <= 0:
            return coeffs[0] if coeffs else Fraction(0)
        if isinstance(self.root, Fraction):
            return interval_eval(coeffs, self.root, self.root)[0]
        minimal = self._minimal_polynomial(value)
        if minimal.degree() == 1:  # a rational number written with alpha
            c = _fractions(minimal)
            return -c[0] / c[1]
        ints = tuple(int(c) for c in (minimal * minimal.denom()).numer().coeffs())
        candidates = [r for r in real_roots(ints) if isinstance(r, RealAlgebraic)]
        if self.degree == 2 and len(candidates) == 2:
            # a + b alpha is increasing in alpha when b > 0: its conjugates are in the order
            # of alpha's (both real), so it is the root with alpha's index, else the other
            b = coeffs[1]
            return candidates[self.root.index if b > 0 else 1 - self.root.index]
        while True:
            lo, hi = interval_eval(coeffs, *self.root.interval)
            hits = [r for r in candidates if r.interval[0] < hi and r.interval[1] > lo]
            if len(hits) == 1:  # the value lies in its enclosure and in one root's interval
                return hits[0]
            self.root.bisect()
            for r in hits:
                r.bisect()

    def _minimal_polynomial(self, value: Any) -> Any:
        """The minimal polynomial over Q of the element: that of the matrix of multiplication
        by it (``Q(alpha)`` is a field, so it is irreducible; the characteristic polynomial
        is a power of it)."""
        d = self.degree
        rows = []
        for k in range(d):
            column = (value * flint.fmpq_poly([0] * k + [1])) % self.modulus
            coeffs = list(column.coeffs()) + [flint.fmpq(0)] * (d - column.length())
            rows.append(coeffs[:d])
        matrix = flint.fmpq_mat(d, d, [rows[k][j] for j in range(d) for k in range(d)])
        return matrix.minpoly()
