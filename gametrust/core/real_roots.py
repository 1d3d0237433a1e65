"""Certified real roots of integer polynomials: factorisation and exact isolation.

Every breakpoint of a sweep and every critical value of a proof is a real
root of a polynomial with integer coefficients.  :func:`real_roots` finds
all of them, exactly and certified:

1. the polynomial is factored into irreducible factors over the integers
   (which also makes it square-free: repeated roots such as those of
   ``(t^2 - 2)^4`` are found once, never lost);
2. a linear factor ``a t + b`` gives the rational root ``-b/a``;
3. the real roots of a factor of degree >= 2 (irrational: an irreducible
   polynomial of degree >= 2 has no rational root) are isolated by ball
   arithmetic — FLINT's certified complex root isolation
   (``arb_fmpz_poly_complex_roots``, through python-flint) returns one
   disjoint enclosure per root and marks the real ones with an exactly zero
   imaginary part; each real enclosure becomes an interval with rational
   ends, and the sign change of the polynomial between its ends is checked
   exactly here — and returned as :class:`~gametrust.core.algebraic.RealAlgebraic`
   numbers.

No float decides anything.  Without python-flint, sympy does both steps
(``factor_list`` and its exact real-root isolation ``Poly.intervals``,
Vincent–Collins–Akritas), more slowly: on the 175 distinct polynomials of the
empathy sweeps of the shipped scenarios FLINT took 42 µs a polynomial and
sympy 2 ms; on 677 from two 4×4 sweeps 92 µs and 237 µs; on products with
repeated roots and clusters 10^-30 apart 0.3 ms and 0.5 ms.

>>> [str(r) for r in real_roots((16, 0, -32, 0, 24, 0, -8, 0, 1))]   # (t^2 - 2)^4
['-sqrt(2)', 'sqrt(2)']
>>> real_roots((-6, 11, -6, 1))                                      # (t-1)(t-2)(t-3)
(Fraction(1, 1), Fraction(2, 1), Fraction(3, 1))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from functools import cmp_to_key, lru_cache
from typing import Any

from .algebraic import RealAlgebraic, poly_sign

__all__ = ["BACKEND", "factor", "isolate", "normal", "real_roots"]

try:  # python-flint: certified and fast; sympy is the fallback
    import flint as _flint
except ImportError:  # pragma: no cover - python-flint is a dependency
    _flint = None

#: Which library factors and isolates: ``"flint"`` or ``"sympy"``.
BACKEND = "flint" if _flint is not None else "sympy"


def normal(coeffs: Sequence[int]) -> tuple[int, ...]:
    """Primitive, positive leading coefficient, no trailing zeros (lowest degree first).

    >>> normal([4, -6, 0]), normal([0, -3])
    ((-2, 3), (0, 1))
    """
    out = [int(c) for c in coeffs]
    while out and out[-1] == 0:
        out.pop()
    if not out:
        return ()
    from math import gcd

    g = 0
    for c in out:
        g = gcd(g, c)
    sign = 1 if out[-1] > 0 else -1
    return tuple(sign * c // g for c in out)


@lru_cache(maxsize=16384)
def factor(coeffs: tuple[int, ...], backend: str | None = None) -> tuple[tuple[int, ...], ...]:
    """The distinct irreducible factors (primitive, positive leading coefficient) of an
    integer polynomial given lowest degree first; constants are dropped.

    >>> factor((0, 0, -2, 0, 1))     # t^4 - 2 t^2 = t^2 (t^2 - 2)
    ((0, 1), (-2, 0, 1))
    """
    poly = normal(coeffs)
    if len(poly) <= 1:
        return ()
    if (backend or BACKEND) == "flint":
        _, factors = _flint.fmpz_poly(list(poly)).factor()
        found = [normal([int(c) for c in f.coeffs()]) for f, _ in factors]
    else:
        import sympy

        x = sympy.Symbol("x")
        _, factors = sympy.Poly(list(reversed(poly)), x, domain="ZZ").factor_list()
        found = [normal([int(c) for c in reversed(f.all_coeffs())]) for f, _ in factors]
    return tuple(sorted((f for f in found if len(f) > 1), key=lambda f: (len(f), f)))


#: Largest coefficient, in bits, given to FLINT's complex root finder: beyond it the roots
#: can lie hundreds of orders of magnitude apart and the finder's working precision grows
#: until it takes minutes (a cubic with 6,640-bit coefficients: over 60 s), where sympy's
#: real-root isolation (continued fractions) takes 1.6 s.
FLINT_BITS = 1000


@lru_cache(maxsize=16384)
def isolate(
    coeffs: tuple[int, ...], backend: str | None = None
) -> tuple[tuple[Fraction, Fraction], ...]:
    """Disjoint open intervals with rational ends, in increasing order, one around each real
    root of an irreducible integer polynomial of degree >= 2 (the polynomial changes sign
    between the ends of each, checked exactly).

    >>> (lo, hi), = [i for i in isolate((-2, 0, 1)) if i[0] > 0]
    >>> lo < Fraction(1414214, 10**6) and Fraction(1414213, 10**6) < hi <= Fraction(3, 2)
    True
    """
    if len(coeffs) == 3:
        return _isolate_quadratic(*coeffs)
    if (backend or BACKEND) == "flint" and max(abs(c) for c in coeffs).bit_length() <= FLINT_BITS:
        found = _isolate_flint(coeffs)
        if found is not None:
            return found
    return _isolate_sympy(coeffs)


def _isolate_quadratic(c: int, b: int, a: int) -> tuple[tuple[Fraction, Fraction], ...]:
    """The roots ``(-b +/- sqrt(D)) / 2a`` of an irreducible ``a x^2 + b x + c`` from integer
    square roots: ``sqrt(D)`` lies strictly between ``s / 2^k`` and ``(s + 1) / 2^k`` for
    ``s = isqrt(D 4^k)`` (``D`` is not a square), so the intervals are exact whatever the
    size of the coefficients (complex root-finding on 3,000-bit coefficients takes minutes).
    """
    disc = b * b - 4 * a * c
    if disc < 0:
        return ()
    # the two intervals, 2 sqrt(D) / 2|a| apart and 2^-k / 2|a| wide, are disjoint for any
    # k >= 1; k = 64 makes them about as narrow as FLINT's, so later choices of a rational
    # between two breakpoints do not depend on which isolation ran
    k = 64
    s = math.isqrt(disc * 4**k)
    low, high = Fraction(s, 2**k), Fraction(s + 1, 2**k)
    ends = sorted(
        tuple(sorted(((-b + sign * low) / (2 * a), (-b + sign * high) / (2 * a))))
        for sign in (1, -1)
    )
    return tuple((lo, hi) for lo, hi in ends)


def _arb_interval(ball: Any) -> tuple[Fraction, Fraction] | None:
    """The exact ends of an arb ball ``mid +/- rad`` (``None`` if they cannot be read)."""
    try:
        m, e = ball.mid().man_exp()
        rm, re_ = ball.rad().man_exp()
    except (ValueError, ArithmeticError):  # pragma: no cover - exact by construction
        return None
    mid = Fraction(int(m)) * Fraction(2) ** int(e)
    rad = Fraction(int(rm)) * Fraction(2) ** int(re_)
    return mid - rad, mid + rad


def _isolate_flint(coeffs: tuple[int, ...]) -> tuple[tuple[Fraction, Fraction], ...] | None:
    roots = _flint.fmpz_poly(list(coeffs)).complex_roots()
    out: list[tuple[Fraction, Fraction]] = []
    for root, _ in roots:
        if not root.imag.is_zero():
            continue  # certified non-real (FLINT sets real roots' imaginary parts to exactly 0)
        interval = _arb_interval(root.real)
        if interval is None:
            return None
        out.append(interval)
    out.sort()
    if not _verified(coeffs, out):  # pragma: no cover - a check of FLINT's certificate
        return None
    return tuple(out)


def _isolate_sympy(coeffs: tuple[int, ...]) -> tuple[tuple[Fraction, Fraction], ...]:
    import sympy

    x = sympy.Symbol("x")
    poly = sympy.Poly(list(reversed(coeffs)), x, domain="ZZ")
    out = []
    for (a, b), _ in poly.intervals():
        lo = Fraction(int(a.p), int(a.q))
        hi = Fraction(int(b.p), int(b.q))
        out.append((lo, hi))
    out.sort()
    if not _verified(coeffs, out):  # pragma: no cover - sympy isolates exactly
        raise ArithmeticError(f"root isolation failed for {coeffs}")
    return tuple(out)


def _verified(coeffs: tuple[int, ...], intervals: list[tuple[Fraction, Fraction]]) -> bool:
    """Each interval has a sign change at its ends, and they do not overlap."""
    for k, (lo, hi) in enumerate(intervals):
        if not lo < hi or poly_sign(coeffs, lo) * poly_sign(coeffs, hi) >= 0:
            return False
        if k and intervals[k - 1][1] > lo:
            return False
    return True


def _compare(a: Any, b: Any) -> int:
    if isinstance(a, RealAlgebraic):
        return a.compare(b)
    if isinstance(b, RealAlgebraic):
        return -b.compare(a)
    return (a > b) - (a < b)


@lru_cache(maxsize=16384)
def real_roots(coeffs: tuple[int, ...], backend: str | None = None) -> tuple[Any, ...]:
    """Every distinct real root of an integer polynomial (lowest degree first), in increasing
    order: ``Fraction`` for rational roots, :class:`RealAlgebraic` for the others."""
    out: list[Any] = []
    for f in factor(coeffs, backend):
        if len(f) == 2:
            out.append(Fraction(-f[0], f[1]))
            continue
        for k, (lo, hi) in enumerate(isolate(f, backend)):
            out.append(RealAlgebraic(f, k, lo, hi))
    out.sort(key=cmp_to_key(_compare))
    return tuple(out)
