"""Real algebraic numbers, exactly: a defining polynomial and an isolating interval.

An irrational breakpoint of a sweep is a root of a polynomial with integer
coefficients.  :class:`RealAlgebraic` holds it as its *minimal polynomial*
(irreducible over the integers, primitive, positive leading coefficient,
degree at least 2), *which* real root of it it is (``index``: 0 for the
smallest), and an open interval with rational ends that contains that root
and no other (the polynomial has opposite signs at the two ends).  Both
identify the number exactly, so:

- equality and hashing compare the polynomial and the index;
- order is decided exactly: against a rational ``q`` by the sign of the
  polynomial at ``q`` (an irrational number never equals a rational), against
  another algebraic number by bisecting both intervals until they are
  disjoint — never by floats;
- ``float(x)`` refines the interval until the float is correct to about one
  unit in the last place.

Roots are found by :mod:`gametrust.core.real_roots`; this module only
represents and compares them.  :func:`simplest_between` gives the simplest
rational strictly between two rationals, so a sweep samples a gap between two
breakpoints at a simple point without any float.

>>> r = RealAlgebraic.from_interval((-2, 0, 1), Fraction(1), Fraction(2))   # t^2 - 2
>>> str(r), f"{float(r):.6f}"
('sqrt(2)', '1.414214')
>>> r > Fraction(7, 5), r < Fraction(3, 2), r == Fraction(7, 5)
(True, True, False)
>>> str(RealAlgebraic.from_interval((1, -5, 3), Fraction(0), Fraction(1, 2)))
'(5 - sqrt(13))/6'
>>> simplest_between(Fraction(1, 3), Fraction(1, 2))
Fraction(2, 5)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from itertools import pairwise
from typing import Any

__all__ = ["RealAlgebraic", "poly_sign", "simplest_between", "squarefree_part_of_int"]

#: Exact text longer than this is shortened by :meth:`RealAlgebraic.short`.
SHORT_TEXT = 40


def _digits(n: int) -> int:
    """The number of decimal digits of ``abs(n)``, without printing it (at most one too many)."""
    return max(1, math.ceil(abs(n).bit_length() * math.log10(2)))


def poly_sign(coeffs: Sequence[int], x: Fraction) -> int:
    """The sign of the integer polynomial (lowest degree first) at the rational ``x``.

    Evaluated in integers (the polynomial homogenised by the denominator).

    >>> poly_sign((-2, 0, 1), Fraction(3, 2)), poly_sign((-2, 0, 1), Fraction(1))
    (1, -1)
    """
    num, den = x.numerator, x.denominator
    value = coeffs[-1]
    power = 1
    for c in reversed(coeffs[:-1]):
        power *= den
        value = value * num + c * power
    return (value > 0) - (value < 0)


def simplest_between(a: Fraction, b: Fraction) -> Fraction:
    """The rational with the smallest denominator (then numerator) strictly between ``a < b``.

    Found along the continued fractions of the two ends (the Stern–Brocot tree).

    >>> simplest_between(Fraction(0), Fraction(1)), simplest_between(Fraction(-7, 3), Fraction(-2))
    (Fraction(1, 2), Fraction(-9, 4))
    >>> simplest_between(Fraction(1), Fraction(3))
    Fraction(2, 1)
    """
    if not a < b:
        raise ValueError(f"empty interval ({a}, {b})")
    if a < 0 < b:
        return Fraction(0)
    if b <= 0:
        return -simplest_between(-b, -a)
    # 0 <= a < b: the simplest rational in the open interval (a, b)
    fl = math.floor(a)
    if fl + 1 < b:
        return Fraction(fl + 1)
    # a and b share the integer part fl (or b == fl + 1): recurse on the reciprocals
    # of the fractional parts, which swap order
    fa = a - fl
    fb = b - fl
    if fa == 0:
        # (fl, b) with b <= fl + 1: the simplest is fl + 1/(k) for the least k with 1/k < fb
        k = math.floor(1 / fb) + 1
        return fl + Fraction(1, k)
    return fl + 1 / simplest_between(1 / fb, 1 / fa)


def squarefree_part_of_int(n: int) -> tuple[int, int]:
    """``(s, r)`` with ``n = s^2 * r``, removing the square factors of small primes.

    For large numbers only primes below 1000 are tried (and a perfect square is
    recognised), so ``r`` may keep a large square factor: the result is still
    exact, just not always the simplest radical.

    >>> squarefree_part_of_int(72), squarefree_part_of_int(13)
    ((6, 2), (1, 13))
    """
    if n <= 0:
        raise ValueError("a positive integer")
    root = math.isqrt(n)
    if root * root == n:
        return root, 1
    s, r = 1, n
    for p in _SMALL_PRIMES:
        if p * p > r:
            break
        while r % (p * p) == 0:
            r //= p * p
            s *= p
    root = math.isqrt(r)
    if root * root == r:
        return s * root, 1
    return s, r


def _primes(limit: int) -> tuple[int, ...]:
    sieve = bytearray([1]) * limit
    sieve[0:2] = b"\x00\x00"
    for k in range(2, math.isqrt(limit) + 1):
        if sieve[k]:
            sieve[k * k :: k] = bytearray(len(sieve[k * k :: k]))
    return tuple(k for k in range(limit) if sieve[k])


_SMALL_PRIMES = _primes(1000)


class RealAlgebraic:
    """A real root of an irreducible integer polynomial of degree >= 2, exactly.

    Build one with :meth:`from_interval` (the polynomial and an interval
    holding exactly one of its real roots) — :func:`gametrust.core.real_roots.real_roots`
    does so for every irrational root it finds.  The interval is refined in
    place as comparisons need it; it is not part of the number's identity.
    """

    __slots__ = ("_hi", "_lo", "_sign_lo", "index", "poly")

    poly: tuple[int, ...]
    index: int

    def __init__(self, poly: tuple[int, ...], index: int, lo: Fraction, hi: Fraction) -> None:
        self.poly = poly
        self.index = index
        self._lo = lo
        self._hi = hi
        self._sign_lo = poly_sign(poly, lo)

    @classmethod
    def from_interval(
        cls, poly: Sequence[int], lo: Fraction, hi: Fraction, index: int | None = None
    ) -> RealAlgebraic:
        """The root of ``poly`` (irreducible, degree >= 2, lowest degree first) in ``(lo, hi)``.

        The polynomial must change sign between ``lo`` and ``hi`` and have no
        other root there (that is checked by the sign change only: give an
        isolating interval).  ``index`` (which real root it is, 0 the
        smallest) is counted with Sturm's theorem when not given.
        """
        coeffs = tuple(int(c) for c in poly)
        if coeffs[-1] < 0:
            coeffs = tuple(-c for c in coeffs)
        if len(coeffs) < 3:
            raise ValueError("an algebraic number of degree >= 2")
        lo, hi = Fraction(lo), Fraction(hi)
        if not (lo < hi and poly_sign(coeffs, lo) * poly_sign(coeffs, hi) < 0):
            raise ValueError(f"({lo}, {hi}) does not isolate a root of {coeffs}")
        if index is None:
            index = _sturm_count(coeffs, lo)
        return cls(coeffs, index, lo, hi)

    # -- the number ---------------------------------------------------------------------------

    @property
    def degree(self) -> int:
        return len(self.poly) - 1

    @property
    def interval(self) -> tuple[Fraction, Fraction]:
        """The current isolating interval (open; the polynomial is nonzero at both ends)."""
        return self._lo, self._hi

    def bisect(self) -> None:
        """Halve the isolating interval."""
        mid = (self._lo + self._hi) / 2
        sign = poly_sign(self.poly, mid)
        if sign == self._sign_lo:
            self._lo = mid
        else:
            self._hi = mid

    def refine(self, width: Fraction) -> tuple[Fraction, Fraction]:
        """Bisect until the interval is at most ``width`` wide; the interval."""
        while self._hi - self._lo > width:
            self.bisect()
        return self._lo, self._hi

    def approximation(self, bits: int = 64) -> Fraction:
        """A rational within a relative ``2**-bits`` of the number."""
        while self._lo < 0 < self._hi:
            self.bisect()
        while self._hi - self._lo > min(abs(self._lo), abs(self._hi)) / 2**bits:
            self.bisect()
        return (self._lo + self._hi) / 2

    def __float__(self) -> float:
        return float(self.approximation(60))

    def is_root_of(self, coeffs: Sequence[Fraction | int]) -> bool:
        """Whether the polynomial (rational coefficients, lowest degree first) vanishes here:
        exactly when the minimal polynomial divides it."""
        return not _remainder(tuple(Fraction(c) for c in coeffs), self.poly)

    # -- order --------------------------------------------------------------------------------

    def compare(self, other: object) -> int:
        """The exact sign of ``self - other`` (a rational, a float or a :class:`RealAlgebraic`)."""
        if isinstance(other, RealAlgebraic):
            if other.poly == self.poly and other.index == self.index:
                return 0
            while True:
                if self._hi <= other._lo:
                    return -1
                if other._hi <= self._lo:
                    return 1
                if self._hi - self._lo >= other._hi - other._lo:
                    self.bisect()
                else:
                    other.bisect()
        if isinstance(other, float):
            if math.isnan(other):
                raise ValueError("comparison with nan")
            if math.isinf(other):
                return -1 if other > 0 else 1
        q = Fraction(other)  # type: ignore[arg-type]
        if q <= self._lo:
            return 1
        if q >= self._hi:
            return -1
        # inside the interval: the sign of the polynomial at q says which side the root is on
        return 1 if poly_sign(self.poly, q) == self._sign_lo else -1

    def _other(self, other: object) -> bool:
        return isinstance(other, (RealAlgebraic, int, Fraction, float)) and not isinstance(
            other, bool
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RealAlgebraic):
            return other.poly == self.poly and other.index == self.index
        if self._other(other):
            return False  # an irrational number equals no rational (and no float)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(("RealAlgebraic", self.poly, self.index))

    def __lt__(self, other: object) -> bool:
        return self.compare(other) < 0 if self._other(other) else NotImplemented

    def __le__(self, other: object) -> bool:
        return self.compare(other) <= 0 if self._other(other) else NotImplemented

    def __gt__(self, other: object) -> bool:
        return self.compare(other) > 0 if self._other(other) else NotImplemented

    def __ge__(self, other: object) -> bool:
        return self.compare(other) >= 0 if self._other(other) else NotImplemented

    # -- text ---------------------------------------------------------------------------------

    def radical(self) -> tuple[int, int, int, int] | None:
        """For degree 2: ``(p, s, r, q)`` with the number ``(p + s*sqrt(r)) / q`` (``q > 0``)."""
        if self.degree != 2:
            return None
        c, b, a = self.poly
        disc = b * b - 4 * a * c
        s, r = squarefree_part_of_int(disc)
        # the roots are (-b -/+ s sqrt(r)) / (2a), a > 0: index 0 is the smaller one
        sign = -1 if self.index == 0 else 1
        p, s, q = -b, sign * s, 2 * a
        g = math.gcd(math.gcd(p, s), q)
        return p // g, s // g, r, q // g

    def __str__(self) -> str:
        """The exact number: a radical for degree 2 (``(5 - sqrt(13))/6``), else
        ``CRootOf(poly, index)`` as sympy writes it; :meth:`describe` when an integer in it
        is too long for Python to print (over 4,300 digits)."""
        try:
            return self._exact_text()
        except ValueError:
            return self.describe()

    def _exact_text(self) -> str:
        parts = self.radical()
        if parts is None:
            return f"CRootOf({self.poly_text('x', '**')}, {self.index})"
        p, s, r, q = parts
        root = f"sqrt({r})"
        term = root if abs(s) == 1 else f"{abs(s)}*{root}"
        if p == 0:
            text = ("-" if s < 0 else "") + term
            return text if q == 1 else f"{text}/{q}"
        text = f"{p} {'-' if s < 0 else '+'} {term}"
        return text if q == 1 else f"({text})/{q}"

    def short(self, limit: int = SHORT_TEXT) -> str | None:
        """The exact text when it is at most ``limit`` characters (``None`` otherwise)."""
        try:
            text = self._exact_text()
        except ValueError:  # Python refuses to print integers of over 4,300 digits
            return None
        return text if len(text) <= limit else None

    def describe(self) -> str:
        """What the number is when its exact text is long: ``a root of a degree-2 polynomial
        with 41-digit coefficients``."""
        digits = max(_digits(c) for c in self.poly)
        return f"a root of a degree-{self.degree} polynomial with {digits}-digit coefficients"

    def poly_text(self, var: str = "x", power: str = "^") -> str:
        """The minimal polynomial as text: ``3*x^2 - 5*x + 1``."""
        parts: list[str] = []
        for k in range(self.degree, -1, -1):
            c = self.poly[k]
            if c == 0:
                continue
            mono = "" if k == 0 else (var if k == 1 else f"{var}{power}{k}")
            body = mono if mono and abs(c) == 1 else (f"{abs(c)}*{mono}" if mono else str(abs(c)))
            if not parts:
                parts.append(("-" if c < 0 else "") + body)
            else:
                parts.append(f"{'-' if c < 0 else '+'} {body}")
        return " ".join(parts)

    def __repr__(self) -> str:
        return f"RealAlgebraic({self})"

    def to_sympy(self) -> Any:
        """The same number as an exact sympy expression (a radical, or a ``CRootOf``)."""
        import sympy

        parts = self.radical()
        if parts is not None:
            p, s, r, q = parts
            return (sympy.Integer(p) + sympy.Integer(s) * sympy.sqrt(sympy.Integer(r))) / q
        x = sympy.Symbol("x")
        poly = sympy.Poly(list(reversed(self.poly)), x)
        return sympy.CRootOf(poly, self.index)


def _sturm_count(coeffs: tuple[int, ...], x: Fraction) -> int:
    """The number of real roots of the square-free polynomial below ``x`` (Sturm's theorem)."""
    seq = _sturm_sequence(coeffs)

    def changes(signs: list[int]) -> int:
        signs = [s for s in signs if s]
        return sum(1 for a, b in pairwise(signs) if a != b)

    at_minus_inf = [(-1) ** (len(p) - 1) * (1 if p[-1] > 0 else -1) for p in seq]
    at_x = [_frac_sign(p, x) for p in seq]
    return changes(at_minus_inf) - changes(at_x)


def _frac_sign(p: tuple[Fraction, ...], x: Fraction) -> int:
    value = Fraction(0)
    for c in reversed(p):
        value = value * x + c
    return (value > 0) - (value < 0)


def _sturm_sequence(coeffs: tuple[int, ...]) -> list[tuple[Fraction, ...]]:
    p0 = tuple(Fraction(c) for c in coeffs)
    p1 = tuple(Fraction(k * c) for k, c in enumerate(coeffs))[1:]
    seq = [p0, p1]
    while len(seq[-1]) > 1:
        rem = _positive_multiple(_remainder(seq[-2], seq[-1]))
        if not rem:
            break
        seq.append(tuple(-c for c in rem))
    return seq


def _remainder(a: Sequence[Fraction], b: Sequence[Fraction | int]) -> tuple[Fraction, ...]:
    """The remainder of ``a`` divided by ``b`` (lowest degree first; ``()`` for zero)."""
    rem = list(a)
    while rem and rem[-1] == 0:
        rem.pop()
    while len(rem) >= len(b):
        factor = rem[-1] / b[-1]
        shift = len(rem) - len(b)
        for j, c in enumerate(b):
            rem[shift + j] -= factor * c
        rem.pop()
        while rem and rem[-1] == 0:
            rem.pop()
    return tuple(rem)


def _positive_multiple(p: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    """The primitive integer multiple with the same signs (Sturm sequences keep small)."""
    if not p:
        return p
    scale = math.lcm(*(c.denominator for c in p))
    ints = [int(c * scale) for c in p]
    g = math.gcd(*ints)
    return tuple(Fraction(v // g) for v in ints)
