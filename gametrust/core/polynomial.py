"""Univariate polynomials with exact rational coefficients, and their real roots.

The sweep needs the polynomials whose sign changes can change a game's
equilibria (determinants, Cramer numerators and slacks of the best-response
polytopes, payoff differences) and their real roots in an interval.  This is a
deliberately small, exact toolkit: coefficients are ``Fraction`` (lowest degree
first), roots of linear factors are exact rationals, and roots of higher
degree come from sympy (imported only then) as exact algebraic numbers.
:func:`sympy_number` and :func:`to_sympy` are the one conversion of exact
numbers and rational functions into sympy, for display and exact comparison.

>>> p = Poly.from_coeffs([-1, 0, 4])     # 4t^2 - 1
>>> p(Fraction(1, 2))
Fraction(0, 1)
>>> [str(r) for r in real_roots(p, Fraction(0), Fraction(1))]
['1/2']
>>> Poly.from_coeffs([1, 1]) * Poly.from_coeffs([-1, 1])
Poly(-1 + t^2)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from math import lcm
from typing import Any

__all__ = [
    "Poly",
    "RationalFunction",
    "approx",
    "compare",
    "det",
    "real_roots",
    "sign_on",
    "sympy_number",
    "to_sympy",
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
        value: Any = Fraction(0) if isinstance(t, (int, Fraction)) else 0.0
        for c in reversed(self.coeffs):
            value = value * t + (c if isinstance(value, Fraction) else float(c))
        return value

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
    """Determinant by fraction-free (Bareiss) elimination over the polynomials."""
    k = len(matrix)
    if k == 0:
        return Poly.constant(1)
    m = [list(row) for row in matrix]
    sign = 1
    prev = Poly.constant(1)
    for c in range(k - 1):
        pivot = next((r for r in range(c, k) if not m[r][c].is_zero()), None)
        if pivot is None:
            return Poly(())
        if pivot != c:
            m[c], m[pivot] = m[pivot], m[c]
            sign = -sign
        for r in range(c + 1, k):
            for j in range(c + 1, k):
                m[r][j] = (m[r][j] * m[c][c] - m[r][c] * m[c][j]).exact_div(prev)
        prev = m[c][c]
    result = m[k - 1][k - 1]
    return result if sign > 0 else -result


def _float_roots(poly: Poly) -> list[float]:
    """Approximate real roots (and near-real complex ones) by numpy's companion matrix."""
    import numpy as np

    coeffs = [float(c) for c in reversed(poly.coeffs)]
    scale = max(abs(c) for c in coeffs)
    roots = np.roots([c / scale for c in coeffs])
    return [float(r.real) for r in roots if abs(r.imag) <= 1e-6 * max(1.0, abs(r))]


@lru_cache(maxsize=8192)
def _roots_cached(coeffs: tuple[Fraction, ...], lo: Fraction, hi: Fraction) -> tuple[Any, ...]:
    """Exact real roots in [lo, hi]: rationals found directly, the rest through sympy.

    Rational roots are recovered from numerical ones and checked exactly, and
    divided out; sympy (exact real-root isolation) is only asked about what
    remains, and only when numerically it may have a root in the range.
    """
    poly = Poly(coeffs)
    if poly.degree <= 0:
        return ()
    if poly.degree == 1:
        return (-poly.coeffs[0] / poly.coeffs[1],)
    found: list[Any] = []
    rest = poly
    margin = 1e-6 * max(1.0, float(abs(lo)), float(abs(hi)))
    for approx in _float_roots(poly):
        if not float(lo) - margin <= approx <= float(hi) + margin:
            continue
        for bound in (10**3, 10**6, 10**9):
            guess = Fraction(approx).limit_denominator(bound)
            if rest.degree >= 1 and rest(guess) == 0:
                found.append(guess)
                rest = rest.exact_div(Poly.from_coeffs([-guess, 1]))
                break
    while rest.degree >= 1:  # repeated rational roots
        again = [g for g in found if rest(g) == 0]
        if not again:
            break
        rest = rest.exact_div(Poly.from_coeffs([-again[0], 1]))
    if rest.degree == 1:
        found.append(-rest.coeffs[0] / rest.coeffs[1])
    elif rest.degree >= 2 and any(
        float(lo) - margin <= r <= float(hi) + margin for r in _float_roots(rest)
    ):
        import sympy

        t = sympy.Symbol("t")
        expr = sympy.Poly(
            [sympy.Rational(c.numerator, c.denominator) for c in reversed(rest.coeffs)], t
        )
        for root in expr.real_roots():
            found.append(Fraction(int(root.p), int(root.q)) if root.is_Rational else root)
    return tuple(found)


@lru_cache(maxsize=16384)
def approx(value: Any) -> float:
    """A float for a Fraction or an exact algebraic number (cached: sympy evaluates slowly)."""
    return float(value)


def compare(a: Any, b: Any) -> int:
    """Exact sign of ``a - b`` for Fractions and sympy algebraic numbers.

    Decided in floats when they are far apart (relative gap above 1e-9, far
    beyond the ~1e-15 error of evaluating either), otherwise by sympy's exact
    comparison.

    >>> compare(Fraction(1, 3), Fraction(1, 3)), compare(Fraction(1), Fraction(0))
    (0, 1)
    """
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return (a > b) - (a < b)
    fa, fb = approx(a), approx(b)
    if abs(fa - fb) > 1e-9 * max(1.0, abs(fa), abs(fb)):
        return 1 if fa > fb else -1
    sa, sb = sympy_number(a), sympy_number(b)
    if bool(sa > sb):
        return 1
    return -1 if bool(sa < sb) else 0


def real_roots(poly: Poly, lo: Fraction, hi: Fraction, *, open_interval: bool = True) -> list:
    """Distinct real roots in ``(lo, hi)`` (or ``[lo, hi]``): Fractions, or sympy algebraic numbers.

    Irrational roots are sympy ``CRootOf`` objects: exact, comparable, and
    printable as the polynomial root they are.
    """
    if poly.is_zero() or poly.degree <= 0:
        return []
    out = []
    for root in _roots_cached(poly.primitive().coeffs, lo, hi):
        if isinstance(root, Fraction):
            inside = lo < root < hi if open_interval else lo <= root <= hi
        else:  # irrational: never equal to a rational end
            inside = compare(root, lo) > 0 and compare(hi, root) > 0
        if inside and root not in out:
            out.append(root)
    return out


def sign_on(poly: Poly, point: Fraction) -> int:
    """Sign of the polynomial at a rational point."""
    value = poly(point)
    return (value > 0) - (value < 0)


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
        return self.num(t) / self.den(t)

    def is_polynomial(self) -> bool:
        return self.den.degree == 0


def sympy_number(value: object) -> Any:
    """An exact sympy number for a Fraction or int, a sympy Float for a float; a sympy
    number (e.g. an algebraic root) as it is.

    >>> sympy_number(Fraction(2, 3)), sympy_number(5), sympy_number(0.5)
    (2/3, 5, 0.500000000000000)
    """
    import sympy

    if isinstance(value, sympy.Basic):
        return value
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
