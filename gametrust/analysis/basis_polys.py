"""The polynomials of every basis of a parametric best-response polytope, on integers.

A two-player sweep splits its range at the real roots of the polynomials
whose signs decide the vertices of the best-response polytopes
``{z >= 0 : c(t) z <= 1}`` (``c`` a matrix of polynomials in the swept value,
positive on the range): for every basis (a set of tight rows and a support of
the same size) its determinant ``D``, its Cramer numerators ``N_i``
(``z_i = N_i / D``) and the slack ``D - sum_i c[j, i] N_i`` of every other row.
This module computes them all as integer polynomials (python-flint
``fmpz_poly``): each minor once, by expansion along its first row from the
minors one size smaller, so a ``6 x 6`` matrix costs about 3,000 products of
small integer polynomials instead of a fraction-free elimination over
``Fraction`` polynomials for every basis.

:class:`BasisPolys` keeps, besides the set of distinct primitive polynomials
(the candidate breakpoints' polynomials), which bases each polynomial belongs
to, so a sweep can tell *by signs alone* that a candidate root cannot change
the vertices (:meth:`BasisPolys.inert_at`): every basis of a polynomial
vanishing there stays infeasible on both sides, because a condition that does
not vanish there is violated.

>>> bp = BasisPolys.of([[(2, 1), (1,)], [(1,), (3,)]])   # c(t) = [[2 + t, 1], [1, 3]]
>>> sorted(bp.keys, key=lambda p: (len(p), p))
[(1,), (1, 1), (2, 1), (5, 3)]
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations

from ..core.progress import step
from ..core.real_roots import normal as normal_key

try:  # python-flint is a dependency; the pure-Python fallback keeps the module importable
    from flint import fmpz_poly as _fmpz_poly
except ImportError:  # pragma: no cover
    _fmpz_poly = None

__all__ = ["BasisPolys", "IntPoly", "normal_key", "sign_at"]

#: An integer polynomial, lowest degree first, without trailing zeros (``()`` is zero).
IntPoly = tuple[int, ...]
_Keyed = tuple[IntPoly, IntPoly]  # (raw polynomial, its normal_key)


def sign_at(coeffs: Sequence[int], t: Fraction) -> int:
    """The exact sign of an integer polynomial at a rational (integer arithmetic only).

    >>> sign_at((-1, 0, 4), Fraction(1, 2)), sign_at((-1, 0, 4), Fraction(1, 3))
    (0, -1)
    """
    p, q = t.numerator, t.denominator
    value = 0
    power = 1
    for c in reversed(coeffs):  # Horner on p/q, homogenised: q^d * poly(p/q)
        value = value * p + c * power
        power *= q
    return (value > 0) - (value < 0)


def _coeffs(poly: object) -> IntPoly:
    if _fmpz_poly is not None:
        return tuple(int(c) for c in poly.coeffs())  # type: ignore[attr-defined]
    return tuple(poly)  # type: ignore[arg-type]


class BasisPolys:
    """Every basis polynomial of ``{z >= 0 : c z <= 1}`` for an integer polynomial matrix.

    ``keys`` holds the distinct primitive polynomials (:func:`normal_key`) that
    are not constant zero; ``owners[key]`` the bases that have it as their
    determinant, a Cramer numerator or a slack; ``bases[b]`` is
    ``(determinant, k, conditions)``, each polynomial as ``(raw, key)``: the
    first ``k`` conditions are the Cramer numerators, the others the slacks
    (a condition holds where its sign agrees with the determinant's, or it is 0).
    """

    def __init__(self) -> None:
        self.keys: set[IntPoly] = set()
        self.owners: dict[IntPoly, list[int]] = {}
        self.bases: list[tuple[_Keyed, int, tuple[_Keyed, ...]]] = []

    @classmethod
    def of(cls, matrix: Sequence[Sequence[Sequence[int]]], label: str = "") -> BasisPolys:
        """All bases of the ``r x d`` matrix of integer polynomials (lowest degree first)."""
        out = cls()
        out.add(matrix, label)
        return out

    def add(self, matrix: Sequence[Sequence[Sequence[int]]], label: str = "") -> None:
        """Add the bases of another polytope (e.g. the other player's)."""
        if _fmpz_poly is None:  # pragma: no cover - python-flint is a dependency
            raise ImportError("python-flint is needed for the basis polynomials")
        r, d = len(matrix), len(matrix[0])
        c = [[_fmpz_poly(list(matrix[j][i])) for i in range(d)] for j in range(r)]
        one, zero = _fmpz_poly([1]), _fmpz_poly([])
        # minors[(rows, cols)] for sizes 0..k, built from the size below
        minors: dict[tuple[tuple[int, ...], tuple[int, ...]], object] = {((), ()): one}
        top = min(r, d)
        for k in range(1, top + 1):
            step("sweep: polynomials of the best-response polytopes" + label, k - 1, top)
            for rows in combinations(range(r), k):
                first, rest = rows[0], rows[1:]
                for cols in combinations(range(d), k):
                    total = zero
                    for idx, col in enumerate(cols):
                        sub = minors[(rest, cols[:idx] + cols[idx + 1:])]
                        if sub.is_zero() or c[first][col].is_zero():
                            continue
                        term = c[first][col] * sub
                        total = total - term if idx % 2 else total + term
                    minors[(rows, cols)] = total
            for rows in combinations(range(r), k):
                for cols in combinations(range(d), k):
                    self._basis(c, minors, rows, cols)

    def _basis(self, c: list, minors: dict, rows: tuple[int, ...], cols: tuple[int, ...]) -> None:
        dm = minors[(rows, cols)]
        if dm.is_zero():
            return
        k = len(rows)
        nums = []
        for ci in range(k):  # column ci replaced by ones: expand along that column
            total = _fmpz_poly([])
            other = cols[:ci] + cols[ci + 1:]
            for a in range(k):
                sub = minors[(rows[:a] + rows[a + 1:], other)]
                total = total - sub if (a + ci) % 2 else total + sub
            nums.append(total)
        conditions = list(nums)
        for j in range(len(c)):
            if j in rows:
                continue
            s = dm
            for col, n_i in zip(cols, nums, strict=True):
                s = s - c[j][col] * n_i
            conditions.append(s)
        b = len(self.bases)
        polys = [(p, normal_key(p)) for p in (_coeffs(q) for q in (dm, *conditions))]
        self.bases.append((polys[0], k, tuple(polys[1:])))
        for _, key in polys:
            if not key:
                continue
            self.keys.add(key)
            owned = self.owners.setdefault(key, [])
            if not owned or owned[-1] != b:
                owned.append(b)

    def inert_at(self, vanishing: set[IntPoly], t: Fraction) -> bool:
        """Whether no basis of a polynomial in ``vanishing`` can be a vertex near a root ``r``
        of exactly those polynomials, judged at a rational ``t`` where every basis
        polynomial not vanishing at ``r`` has its sign at ``r`` (no root of any of them lies
        between ``t`` and ``r``).

        A basis is out near ``r`` (on both sides and at ``r``) when a condition that does
        not vanish at ``r`` disagrees strictly with its determinant, which does not vanish
        at ``r`` either; or when its determinant vanishes at ``r`` but a Cramer numerator
        does not (the basic solution is unbounded near ``r``, and the polytope is bounded
        since ``c > 0``).  When every basis of every vanishing polynomial is out, the
        feasible bases, hence the vertices and their tight sets, are the same on both sides
        of ``r`` and at ``r``.
        """
        for key in vanishing:
            for b in self.owners.get(key, ()):
                (dm, dm_key), k, conditions = self.bases[b]
                if dm_key in vanishing:
                    # a numerator that is not 0 at r (the zero polynomial is 0 everywhere)
                    if not any(q_key and q_key not in vanishing for _, q_key in conditions[:k]):
                        return False
                    continue
                sd = sign_at(dm, t)
                if not any(
                    q_key not in vanishing and sign_at(q, t) * sd < 0
                    for q, q_key in conditions
                ):
                    return False
        return True
