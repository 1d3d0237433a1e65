"""Univariate polynomials with exact rational coefficients, and their real roots.

The sweep needs the polynomials whose sign changes can change a game's
equilibria (determinants, Cramer numerators and slacks of the best-response
polytopes, payoff differences) and their real roots in an interval.  This is a
deliberately small, exact toolkit: coefficients are ``Fraction`` (lowest degree
first); real roots are certified (:mod:`gametrust.core.real_roots`: factored
into irreducible factors, then isolated exactly) and come back as exact
rationals or :class:`~gametrust.core.algebraic.RealAlgebraic` numbers, which
:func:`compare` orders exactly.  :func:`sympy_number` and :func:`to_sympy`
are the one conversion of exact numbers and rational functions into sympy,
for display and formulas.

>>> p = Poly.from_coeffs([-1, 0, 4])     # 4t^2 - 1
>>> p(Fraction(1, 2))
Fraction(0, 1)
>>> [str(r) for r in real_roots(p, Fraction(0), Fraction(1))]
['1/2']
>>> Poly.from_coeffs([1, 1]) * Poly.from_coeffs([-1, 1])
Poly(-1 + t^2)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import Any

from .algebraic import RealAlgebraic
from .real_roots import real_roots as all_real_roots

try:  # python-flint: exact polynomial arithmetic in C (a dependency; Poly is the fallback)
    from flint import fmpq as _fmpq
    from flint import fmpq_poly as _fmpq_poly
except ImportError:  # pragma: no cover
    _fmpq = _fmpq_poly = None

__all__ = [
    "Poly",
    "RationalFunction",
    "RealAlgebraic",
    "approx",
    "bilinear",
    "compare",
    "det",
    "numerator_difference",
    "real_roots",
    "sign_on",
    "sympy_number",
    "to_sympy",
    "vanishes_at",
]


@dataclass(frozen=True)
class Poly:
    """A polynomial in one variable; ``coeffs[k]`` is the coefficient of ``t**k``."""

    coeffs: tuple[Fraction, ...]

    @classmethod
    def from_coeffs(cls, coeffs: Iterable[object]) -> Poly:
        values = [Fraction(c) for c in coeffs]  # type: ignore[arg-type]
        while values and values[-1] == 0:
            values.pop()
        return cls(tuple(values))

    @classmethod
    def constant(cls, value: object) -> Poly:
        return cls.from_coeffs([value])

    @classmethod
    def variable(cls) -> Poly:
        return cls((Fraction(0), Fraction(1)))

    @property
    def degree(self) -> int:
        """Degree; -1 for the zero polynomial."""
        return len(self.coeffs) - 1

    def is_zero(self) -> bool:
        return not self.coeffs

    def __call__(self, t: Fraction | float) -> Any:
        """The value at ``t``: exact at a rational; at a float, evaluated exactly at the
        float's value and rounded once (no overflow of intermediate terms)."""
        if isinstance(t, (int, Fraction)):
            return self.exact_at(t)
        if isinstance(t, float) and math.isfinite(t):
            return float(self.exact_at(Fraction(t)))
        value: Any = 0.0  # e.g. a numpy array of floats
        for c in reversed(self.coeffs):
            value = value * t + float(c)
        return value

    def exact_at(self, t: Fraction | int) -> Fraction:
        value = Fraction(0)
        for c in reversed(self.coeffs):
            value = value * t + c
        return value

    def __pow__(self, k: int) -> Poly:
        out = Poly.constant(1)
        for _ in range(k):
            out = out * self
        return out

    def __add__(self, other: Poly) -> Poly:
        a, b = self.coeffs, other.coeffs
        n = max(len(a), len(b))
        return Poly.from_coeffs(
            (a[k] if k < len(a) else 0) + (b[k] if k < len(b) else 0) for k in range(n)
        )

    def __neg__(self) -> Poly:
        return Poly(tuple(-c for c in self.coeffs))

    def __sub__(self, other: Poly) -> Poly:
        return self + (-other)

    def __mul__(self, other: Poly | Fraction | int) -> Poly:
        if not isinstance(other, Poly):
            return Poly.from_coeffs(c * other for c in self.coeffs)
        if self.is_zero() or other.is_zero():
            return Poly(())
        if _fmpq_poly is not None and len(self.coeffs) * len(other.coeffs) > 12:
            return _from_flint(_to_flint(self) * _to_flint(other))  # the same product, in C
        out = [Fraction(0)] * (len(self.coeffs) + len(other.coeffs) - 1)
        for i, a in enumerate(self.coeffs):
            if a:
                for j, b in enumerate(other.coeffs):
                    out[i + j] += a * b
        return Poly.from_coeffs(out)

    __rmul__ = __mul__

    def divmod(self, other: Poly) -> tuple[Poly, Poly]:
        """Polynomial long division."""
        if other.is_zero():
            raise ZeroDivisionError("division by the zero polynomial")
        rem = list(self.coeffs)
        quot = [Fraction(0)] * max(0, len(rem) - len(other.coeffs) + 1)
        lead = other.coeffs[-1]
        for k in range(len(quot) - 1, -1, -1):
            factor = rem[k + len(other.coeffs) - 1] / lead
            quot[k] = factor
            if factor:
                for j, c in enumerate(other.coeffs):
                    rem[k + j] -= factor * c
        return Poly.from_coeffs(quot), Poly.from_coeffs(rem)

    def exact_div(self, other: Poly) -> Poly:
        quot, rem = self.divmod(other)
        if not rem.is_zero():
            raise ArithmeticError(f"{other} does not divide {self}")
        return quot

    def primitive(self) -> Poly:
        """The same roots, scaled to integer coefficients with a positive leading one."""
        if self.is_zero():
            return self
        scale = lcm(*(c.denominator for c in self.coeffs))
        ints = [int(c * scale) for c in self.coeffs]
        from math import gcd

        g = 0
        for v in ints:
            g = gcd(g, v)
        sign = 1 if ints[-1] > 0 else -1
        return Poly(tuple(Fraction(sign * v // g) for v in ints))

    def __str__(self) -> str:
        return self.format("t")

    def __repr__(self) -> str:
        return f"Poly({self.format('t')})"

    def format(self, var: str) -> str:
        if self.is_zero():
            return "0"
        parts = []
        for k, c in enumerate(self.coeffs):
            if c == 0:
                continue
            mono = "" if k == 0 else (var if k == 1 else f"{var}^{k}")
            if mono and abs(c) == 1:
                text = mono
            elif mono:
                text = f"{abs(c)}*{mono}"
            else:
                text = str(abs(c))
            parts.append(("-" if c < 0 else "+", text))
        first_sign, first = parts[0]
        out = ("-" if first_sign == "-" else "") + first
        for sign, text in parts[1:]:
            out += f" {sign} {text}"
        return out


def det(matrix: Sequence[Sequence[Poly]]) -> Poly:
    """Determinant by fraction-free (Bareiss) elimination over the polynomials: in
    python-flint's ``fmpq_poly`` (exact rational coefficients, C arithmetic) when it is
    installed, else over :class:`Poly`.  The same polynomial either way.

    >>> t = Poly.variable()
    >>> det([[t, Poly.constant(1)], [Poly.constant(Fraction(1, 2)), t]])
    Poly(-1/2 + t^2)
    """
    k = len(matrix)
    if k == 0:
        return Poly.constant(1)
    if _fmpq_poly is not None:
        m = [[_to_flint(p) for p in row] for row in matrix]
        return _from_flint(_bareiss(m, _fmpq_poly([1]), _fmpq_poly([])))
    return _bareiss([list(row) for row in matrix], Poly.constant(1), Poly(()))


def _bareiss(m: list[list[Any]], one: Any, zero: Any) -> Any:
    """Bareiss elimination in place on polynomials with ``*``, ``-``, ``.is_zero()`` and
    exact division (``exact_div`` for :class:`Poly`, ``//`` otherwise)."""
    k = len(m)
    sign = 1
    prev = one
    for c in range(k - 1):
        pivot = next((r for r in range(c, k) if not m[r][c].is_zero()), None)
        if pivot is None:
            return zero
        if pivot != c:
            m[c], m[pivot] = m[pivot], m[c]
            sign = -sign
        for r in range(c + 1, k):
            for j in range(c + 1, k):
                value = m[r][j] * m[c][c] - m[r][c] * m[c][j]
                m[r][j] = value.exact_div(prev) if isinstance(value, Poly) else value // prev
        prev = m[c][c]
    result = m[k - 1][k - 1]
    return result if sign > 0 else -result


def _to_flint(p: Poly) -> Any:
    return _fmpq_poly([_fmpq(c.numerator, c.denominator) for c in p.coeffs])


def _from_flint(p: Any) -> Poly:
    return Poly(tuple(Fraction(int(c.p), int(c.q)) for c in p.coeffs()))


def _integer_coeffs(poly: Poly) -> tuple[int, ...]:
    """The primitive integer polynomial with the same roots (lowest degree first)."""
    return tuple(int(c) for c in poly.primitive().coeffs)


def approx(value: Any) -> float:
    """A float for a Fraction, an int or a :class:`RealAlgebraic` number (for display, plots
    and JSON ``approx`` fields; ``±inf`` beyond the float range, never an overflow).

    >>> approx(Fraction(1, 3)), approx(Fraction(-10**400))
    (0.3333333333333333, -inf)
    """
    try:
        return float(value)
    except OverflowError:
        return math.inf if compare(value, 0) > 0 else -math.inf


def compare(a: Any, b: Any) -> int:
    """Exact sign of ``a - b`` for ints, Fractions, floats and real algebraic numbers.

    Rationals compare as rationals; an algebraic number (:class:`RealAlgebraic`)
    by the sign of its polynomial or by refining isolating intervals — never by
    floats.  A sympy number (e.g. from a formula) is compared by sympy, exactly.

    >>> compare(Fraction(1, 3), Fraction(1, 3)), compare(Fraction(1), Fraction(0))
    (0, 1)
    >>> root2 = real_roots(Poly.from_coeffs([-2, 0, 1]), Fraction(0), Fraction(2))[0]
    >>> compare(root2, Fraction(1414213, 10**6)), compare(Fraction(1414214, 10**6), root2)
    (1, 1)
    """
    a, b = _plain(a), _plain(b)
    exact = (int, Fraction, float, RealAlgebraic)
    if isinstance(a, RealAlgebraic) and isinstance(b, exact):
        return a.compare(b)
    if isinstance(b, RealAlgebraic) and isinstance(a, exact):
        return -b.compare(a)
    if isinstance(a, (int, Fraction, float)) and isinstance(b, (int, Fraction, float)):
        return (a > b) - (a < b)
    sa, sb = sympy_number(a), sympy_number(b)
    difference = sa - sb
    if difference.is_zero:
        return 0
    if difference.is_positive:
        return 1
    if difference.is_negative:
        return -1
    raise ArithmeticError(f"cannot compare {a} and {b} exactly")  # pragma: no cover


def _plain(value: Any) -> Any:
    """A sympy rational as a Fraction; anything else as it is."""
    if getattr(value, "is_Rational", False) and not isinstance(value, (int, Fraction)):
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, bool):
        return int(value)
    return value


def real_roots(poly: Poly, lo: Fraction, hi: Fraction, *, open_interval: bool = True) -> list:
    """Distinct real roots in ``(lo, hi)`` (or ``[lo, hi]``), in increasing order: Fractions,
    or exact :class:`RealAlgebraic` numbers.

    Certified (:mod:`gametrust.core.real_roots`): the polynomial is factored
    into irreducible factors and the roots of each are isolated exactly, so
    repeated and clustered roots are all found, once each.

    >>> [str(r) for r in real_roots(Poly.from_coeffs([-2, 0, 1]) ** 4, Fraction(0), Fraction(2))]
    ['sqrt(2)']
    """
    if poly.is_zero() or poly.degree <= 0:
        return []
    out = []
    for root in all_real_roots(_integer_coeffs(poly)):
        low, high = compare(root, lo), compare(hi, root)
        inside = (low > 0 and high > 0) if open_interval else (low >= 0 and high >= 0)
        if inside:
            out.append(root)
    return out


def sign_on(poly: Poly, point: Any) -> int:
    """Sign of the polynomial at a point, exactly: a rational, or a :class:`RealAlgebraic`
    number (0 when its minimal polynomial divides ``poly``; otherwise the sign at a rational
    point that no root of ``poly`` separates from it).

    >>> root2 = real_roots(Poly.from_coeffs([-2, 0, 1]), Fraction(0), Fraction(2))[0]
    >>> [sign_on(Poly.from_coeffs(c), root2) for c in ([-2, 0, 1], [-141, 100], [-3, 2])]
    [0, 1, -1]
    """
    if isinstance(point, RealAlgebraic):
        if poly.is_zero() or point.is_root_of(poly.coeffs):
            return 0
        roots = all_real_roots(_integer_coeffs(poly)) if poly.degree > 0 else ()
        below = [r for r in roots if compare(r, point) < 0]
        above = [r for r in roots if compare(r, point) > 0]
        lo, hi = point.interval
        while (below and compare(below[-1], lo) >= 0) or (above and compare(above[0], hi) <= 0):
            point.bisect()
            lo, hi = point.interval
        return sign_on(poly, lo)
    value = poly(Fraction(point))
    return (value > 0) - (value < 0)


def vanishes_at(poly: Poly, point: Any) -> bool:
    """Whether the polynomial is 0 at a rational or real algebraic point, exactly."""
    if isinstance(point, RealAlgebraic):
        return poly.is_zero() or point.is_root_of(poly.coeffs)
    return poly(Fraction(point)) == 0


@dataclass(frozen=True)
class RationalFunction:
    """``num / den`` with polynomial numerator and denominator (not reduced)."""

    num: Poly
    den: Poly

    @classmethod
    def constant(cls, value: object) -> RationalFunction:
        return cls(Poly.constant(value), Poly.constant(1))

    @classmethod
    def variable(cls) -> RationalFunction:
        return cls(Poly.variable(), Poly.constant(1))

    @staticmethod
    def _lift(other: object) -> RationalFunction | None:
        if isinstance(other, RationalFunction):
            return other
        if isinstance(other, (int, Fraction)) and not isinstance(other, bool):
            return RationalFunction.constant(other)
        return None  # let the other operand (e.g. a numpy array) handle it

    def __add__(self, other: object) -> Any:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        if self.den == o.den:
            return RationalFunction(self.num + o.num, self.den)
        return RationalFunction(self.num * o.den + o.num * self.den, self.den * o.den)

    __radd__ = __add__

    def __neg__(self) -> RationalFunction:
        return RationalFunction(-self.num, self.den)

    def __sub__(self, other: object) -> Any:
        o = self._lift(other)
        return NotImplemented if o is None else self + (-o)

    def __rsub__(self, other: object) -> Any:
        o = self._lift(other)
        return NotImplemented if o is None else o + (-self)

    def __mul__(self, other: object) -> Any:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        return RationalFunction(self.num * o.num, self.den * o.den)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Any:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        if o.num.is_zero():
            raise ZeroDivisionError("division by the zero function")
        return RationalFunction(self.num * o.den, self.den * o.num)

    def __rtruediv__(self, other: object) -> Any:
        o = self._lift(other)
        return NotImplemented if o is None else o / self

    def __call__(self, t: Fraction | float) -> Any:
        """The value at ``t``: exact at a rational; at a float, computed exactly at the
        float's value and rounded once."""
        if isinstance(t, float) and math.isfinite(t):
            return float(self.num.exact_at(Fraction(t)) / self.den.exact_at(Fraction(t)))
        return self.num(t) / self.den(t)

    def is_polynomial(self) -> bool:
        return self.den.degree == 0


def bilinear(
    x: Sequence[RationalFunction],
    y: Sequence[RationalFunction],
    u: Any,
    rows: Sequence[int],
    cols: Sequence[int],
) -> RationalFunction:
    """``sum over a in rows, b in cols of x[a] y[b] u[a, b]``: the same
    :class:`RationalFunction` as adding the terms one by one, computed in python-flint's
    ``fmpq_poly`` when the terms share one denominator (an expected payoff of a mixed
    profile, ``u`` a matrix of rational functions).

    >>> t = RationalFunction.variable()
    >>> half = RationalFunction.constant(Fraction(1, 2))
    >>> bilinear([half, half], [t, 1 - t], [[t, 0], [1, t]], [0, 1], [0, 1])
    RationalFunction(num=Poly(t), den=Poly(1))
    """
    lift = RationalFunction._lift
    terms = [(lift(x[a]), lift(y[b]), lift(u[a][b])) for a in rows for b in cols]
    dens = {(p.den, q.den, r.den) for p, q, r in terms}
    if _fmpq_poly is None or len(dens) != 1:
        total = RationalFunction.constant(0)
        for p, q, r in terms:
            total = total + p * q * r
        return total
    (dx, dy, du), = dens
    num = _fmpq_poly([])
    for p, q, r in terms:
        num += _to_flint(p.num) * _to_flint(q.num) * _to_flint(r.num)
    return RationalFunction(_from_flint(num), dx * dy * du)


def numerator_difference(f: RationalFunction, g: RationalFunction) -> tuple[int, ...]:
    """``f.num g.den - g.num f.den`` times a positive integer, as integer coefficients
    (lowest degree first): where ``f - g`` vanishes, away from the poles.

    >>> t = RationalFunction.variable()
    >>> numerator_difference(t / 2, RationalFunction.constant(Fraction(1, 3)))
    (-2, 3)
    """
    if _fmpq_poly is None:  # pragma: no cover - python-flint is a dependency
        p = (f.num * g.den - g.num * f.den).primitive()
        return tuple(int(c) for c in p.coeffs)
    p = _to_flint(f.num) * _to_flint(g.den) - _to_flint(g.num) * _to_flint(f.den)
    return tuple(int(c) for c in p.numer().coeffs())


def sympy_number(value: object) -> Any:
    """An exact sympy number for a Fraction, an int or a :class:`RealAlgebraic` (a radical or
    a ``CRootOf``), a sympy Float for a float; a sympy number as it is.

    >>> sympy_number(Fraction(2, 3)), sympy_number(5), sympy_number(0.5)
    (2/3, 5, 0.500000000000000)
    """
    import sympy

    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, RealAlgebraic):
        return value.to_sympy()
    if isinstance(value, float):
        return sympy.Float(value)
    fraction = Fraction(value)  # type: ignore[arg-type]
    return sympy.Rational(fraction.numerator, fraction.denominator)


def to_sympy(f: RationalFunction, symbol: str) -> Any:
    """A rational function as a cancelled sympy expression in the real symbol ``symbol``.

    >>> t = RationalFunction.variable()
    >>> to_sympy((2 - 3 * t) / (t + 1), "e")
    (2 - 3*e)/(e + 1)
    """
    import sympy

    t = sympy.Symbol(symbol, real=True)

    def expr(p: Poly) -> Any:
        return sum((sympy_number(c) * t**k for k, c in enumerate(p.coeffs)), sympy.Integer(0))

    return sympy.cancel(expr(f.num) / expr(f.den))
