"""Candidate breakpoints of a two-player sweep, and which of them a sign test rules out.

The equilibria, family and structure of a two-player game along a sweep are
decided by the signs of finitely many polynomials in the swept value (see
:mod:`gametrust.analysis.sweep`): the differences of each player's payoffs
and the polynomials of every basis of the two best-response polytopes
(:mod:`gametrust.analysis.basis_polys`).  :func:`sweep_candidates` finds all
their real roots in the open range — exactly, as rationals or real algebraic
numbers, with the polynomials that vanish at each — the same candidates as
:func:`~gametrust.analysis.parametric.player_polys` and
:func:`~gametrust.analysis.parametric.roots_of`, held as integer coefficient
tuples throughout.

Most candidates of a larger game are roots of polynomials of bases that are
nowhere near feasible there.  :meth:`Candidates.inert` tells so from signs at
a rational point of the neighbouring gap (no solve): a candidate is *inert*
when no payoff difference the signature reads vanishes at it
(:func:`relevant_differences`) and every basis of every vanishing polynomial
stays infeasible across it (:meth:`BasisPolys.inert_at`).  Then nothing the
sweep compares changes there — the vertices with their tight sets (so
equilibria, supports, best responses, degeneracy, continua), the family's
name, dominance and the cooperative profile — and the sweep need not solve the
game at it or in the gap after it.  The risk-dominance
polynomials are kept with the pairs of pure profiles they compare, so an
interval only looks at those whose profiles are both strict equilibria in it
(:meth:`Candidates.risk_roots`).

>>> import numpy as np
>>> from gametrust import NormalFormGame
>>> from gametrust.analysis.parametric import Axis, cleared_polys, parametric_tensor
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]])
>>> _, _, tensor = parametric_tensor(pd, Axis.parse("empathy"), None, None)
>>> polys = cleared_polys(tensor, "e", Fraction(0), Fraction(1))
>>> found = sweep_candidates(polys, Fraction(0), Fraction(1))
>>> [str(r) for r in found.roots]
['1/4', '2/3']
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cmp_to_key
from itertools import combinations, pairwise
from math import comb
from typing import Any

import numpy as np

from ..core.errors import Location
from ..core.limits import ArgumentLimitError, check, shape_name
from ..core.polynomial import RealAlgebraic, compare, numerator_difference
from ..core.real_roots import factor, isolate
from .basis_polys import BasisPolys, IntPoly, normal_key
from .parametric import integer_matrix, risk_comparisons, shift_positive

try:  # python-flint is a dependency
    from flint import fmpz_poly as _fmpz_poly
except ImportError:  # pragma: no cover
    _fmpz_poly = None

_ONE_PLUS_X = None if _fmpz_poly is None else _fmpz_poly([1, 1])

__all__ = [
    "Candidates",
    "payoff_roots",
    "relevant_differences",
    "sign_variations",
    "sweep_candidates",
]


def _identity(root: Any) -> Hashable:
    """Equal roots, equal identity: a rational by value, an irrational root by its
    irreducible polynomial and index (two distinct irreducible polynomials share no root)."""
    if isinstance(root, RealAlgebraic):
        return ("alg", root.poly, root.index)
    return Fraction(root)


def _outer(value: Any, side: int) -> Fraction:
    """A rational at or beyond ``value``: below it (``side`` -1) or above it (+1)."""
    if isinstance(value, RealAlgebraic):
        return value.interval[0 if side < 0 else 1]
    return Fraction(value)


def sign_variations(coeffs: Sequence[int], lo: Fraction, hi: Fraction) -> int:
    """Descartes' bound on the roots in ``(lo, hi)`` of an integer polynomial (lowest
    degree first): the sign variations of ``(1 + x)^d p((lo + hi x) / (1 + x))``, whose
    positive roots are the images of those roots.  0 proves there is none; the count
    exceeds the number of roots by an even number.

    >>> sign_variations((-1, 2), Fraction(0), Fraction(1))      # 2t - 1: the root 1/2
    1
    >>> sign_variations((2, -3, 1), Fraction(3, 2), Fraction(3))  # (t - 1)(t - 2)
    1
    >>> sign_variations((2, -3, 1), Fraction(5, 2), Fraction(3))
    0
    """
    a, b, c, e = lo.numerator, lo.denominator, hi.numerator, hi.denominator
    d = len(coeffs) - 1
    scale, power, scaled = b * e, 1, [0] * (d + 1)
    for i in range(d, -1, -1):  # (b e)^d p(y / (b e)), reversed: y = a e + (c b - a e) s
        scaled[d - i] = coeffs[i] * power
        power *= scale
    # reversed(p)(1 + x) is (1 + x)^d p(t) at s = 1 / (1 + x), up to a positive factor
    q = _fmpz_poly(scaled[::-1])(_fmpz_poly([a * e, c * b - a * e]))
    q = _fmpz_poly(q.coeffs()[::-1] + [0] * (d + 1 - len(q.coeffs())))(_ONE_PLUS_X)
    signs = [x > 0 for x in q.coeffs() if x]
    return sum(x != y for x, y in pairwise(signs))


def _roots_of_factors(key: IntPoly, lo: Fraction, hi: Fraction) -> list[Any]:
    """The real roots of ``key`` (as :func:`real_roots` gives them) of its irreducible factors
    that may have a root in ``(lo, hi)`` (Descartes' bound, :func:`sign_variations`): a
    factor with none there is never isolated."""
    out: list[Any] = []
    for f in factor(key):
        if sign_variations(f, lo, hi) == 0:
            continue
        if len(f) == 2:
            out.append(Fraction(-f[0], f[1]))
        else:
            out.extend(RealAlgebraic(f, k, a, b) for k, (a, b) in enumerate(isolate(f)))
    return out


def _roots_in(keys: Iterable[IntPoly], lo: Any, hi: Any) -> dict[Hashable, list]:
    """Every root in ``(lo, hi)`` of the polynomials: identity -> [root, vanishing keys]."""
    found: dict[Hashable, list] = {}
    lo_q, hi_q = _outer(lo, -1), _outer(hi, 1)
    for key in keys:
        if len(key) < 2:
            continue
        for root in _roots_of_factors(key, lo_q, hi_q):
            if compare(root, lo) > 0 and compare(hi, root) > 0:
                entry = found.setdefault(_identity(root), [root, set()])
                entry[1].add(key)
    return found


@dataclass
class Candidates:
    """The candidate breakpoints of a sweep in increasing order, and the tests on them."""

    roots: list[Any]
    vanishing: list[frozenset[IntPoly]]
    differences: set[IntPoly]
    bases: BasisPolys
    risk: dict[Hashable, list] = field(default_factory=dict)

    relevant: set[IntPoly] | None = None

    def inert(self, k: int, t: Fraction) -> bool:
        """Whether candidate ``k`` changes nothing a sweep compares, judged at a rational
        ``t`` strictly between it and a neighbouring candidate (or an end of the range).

        A payoff difference vanishing there makes it not inert when it is ``relevant``
        (:func:`relevant_differences`; all of them when ``relevant`` is ``None``)."""
        vanishing = self.vanishing[k]
        relevant = self.differences if self.relevant is None else self.relevant
        for key in vanishing:
            if key in relevant:
                return False
            if key not in self.bases.owners and key not in self.differences:
                return False
        return self.bases.inert_at(set(vanishing), t)

    def risk_roots(self, strict_pure: set[tuple[int, int]], lo: Any, hi: Any) -> list[Any]:
        """The roots strictly between ``lo`` and ``hi`` of the risk-dominance polynomials
        comparing two of ``strict_pure`` (profiles as (row, column) indices), sorted."""
        out = []
        for root, pairs in self.risk.values():
            compared = any(a in strict_pure and b in strict_pure for a, b in pairs)
            if compared and compare(root, lo) > 0 and compare(hi, root) > 0:
                out.append(root)
        return sorted(out, key=cmp_to_key(compare))


def _difference_keys(polys: np.ndarray, player: int) -> set[IntPoly]:
    """The primitive differences of every two of the player's payoffs (its preferences)."""
    flat = integer_matrix(polys[player].reshape(1, -1))[0]
    out: set[IntPoly] = set()
    for x, y in combinations(flat, 2):
        n = max(len(x), len(y))
        key = normal_key(
            [(x[i] if i < len(x) else 0) - (y[i] if i < len(y) else 0) for i in range(n)]
        )
        if key:
            out.add(key)
    return out


def relevant_differences(polys: np.ndarray) -> set[IntPoly]:
    """The payoff differences whose sign a two-player sweep's signature can depend on
    beyond the best-response polytopes' bases (whose polynomials are tested apart).

    The signature (:func:`~gametrust.analysis.pieces.signature_of`) reads the payoffs'
    order only through the family's name, iterated strict dominance and the cooperative
    profile.  A 2x2 game's family name depends on each player's whole order: every
    difference.  Any other shape's name is its shape (``"3x4 game"``); dominance
    compares a player's payoffs against the same action of the other player (one
    column for the row player, one row for the column player); the cooperative profile
    compares a player's payoffs on the diagonal (square games).  So only those."""
    shape = polys.shape[1:]
    ints = [integer_matrix(polys[player]) for player in range(2)]

    def key(x: IntPoly, y: IntPoly) -> IntPoly:
        n = max(len(x), len(y))
        return normal_key([(x[i] if i < len(x) else 0) - (y[i] if i < len(y) else 0)
                           for i in range(n)])

    if shape == (2, 2):
        cells = [[c for row in u for c in row] for u in ints]
        pairs = [(x, y) for u in cells for x, y in combinations(u, 2)]
    else:
        rows, cols = shape
        u, v = ints
        pairs = [(u[a][b], u[c][b]) for b in range(cols) for a, c in combinations(range(rows), 2)]
        pairs += [(v[a][b], v[a][d]) for a in range(rows) for b, d in combinations(range(cols), 2)]
        if rows == cols:
            pairs += [(w[k][k], w[j][j]) for w in ints for k, j in combinations(range(rows), 2)]
    return {k for k in (key(x, y) for x, y in pairs) if k}


def sweep_candidates(polys: np.ndarray, lo: Fraction, hi: Fraction) -> Candidates:
    """The candidate breakpoints of a two-player sweep of the cleared payoff polynomials
    ``polys`` (:func:`~gametrust.analysis.parametric.cleared_polys`) in ``(lo, hi)``."""
    shape = polys.shape[1:]
    cells = int(np.prod(shape))
    work = cells * (cells - 1) // 2 + comb(sum(shape), shape[0])
    check("sweep_work", work, f"an exact sweep of {shape_name(shape)}",
          Location(path=("axis",)), verb="needs", error=ArgumentLimitError)
    differences = _difference_keys(polys, 0) | _difference_keys(polys, 1)
    bases = BasisPolys()
    for player in range(2):
        shifted = shift_positive(polys[player], lo, hi)
        bases.add(integer_matrix(shifted if player == 0 else shifted.T))
    found = _roots_in(differences | bases.keys, lo, hi)
    ordered = sorted(found.values(), key=cmp_to_key(lambda x, y: compare(x[0], y[0])))
    risk = _risk_roots(polys, lo, hi)
    return Candidates(
        [root for root, _ in ordered],
        [frozenset(keys) for _, keys in ordered],
        differences,
        bases,
        risk,
        relevant_differences(polys),
    )


def _risk_roots(polys: np.ndarray, lo: Fraction, hi: Fraction) -> dict[Hashable, list]:
    """Roots of the risk-dominance polynomials (as :func:`parametric.risk_polys`), each with
    the pairs of pure profiles whose comparison vanishes there."""
    owners: dict[IntPoly, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    for pair, diff in risk_comparisons(polys):
        owners.setdefault(tuple(int(c) for c in diff.coeffs), []).append(pair)
    found = _roots_in(owners, lo, hi)
    out: dict[Hashable, list] = {}
    for ident, (root, keys) in found.items():
        out[ident] = [root, [pair for key in keys for pair in owners[key]]]
    return out


def payoff_roots(
    pieces: Sequence[Any], lo: Any, hi: Any, memo: dict[Hashable, Any] | None = None,
    span: tuple[Fraction, Fraction] | None = None,
) -> list[Any]:
    """Where, strictly between ``lo`` and ``hi``, two equilibria of an interval (its
    :class:`~gametrust.analysis.pieces.EquilibriumPiece` list) pay some player the same:
    the roots of the differences of their payoff formulas (payoff dominance can change
    only there; pure equilibria's differences are payoff differences, already breakpoints
    of the interval, so they add nothing inside it).

    With a ``memo`` and the sweep's whole range ``span``, each difference and its roots in
    ``span`` are found once for all the intervals of a sweep (neighbouring intervals share
    most of their equilibria) and each interval keeps those strictly inside it."""
    memo = {} if memo is None else memo
    keys: set[IntPoly] = set()
    for p, q in combinations(pieces, 2):
        if p.payoff_formulas is None and q.payoff_formulas is None:
            continue
        for i in range(len(p.supports)):
            f, g = _payoff_function(p, i), _payoff_function(q, i)
            if (f, g) not in memo:
                memo[(f, g)] = normal_key(numerator_difference(f, g))
            key = memo[(f, g)]
            if len(key) >= 2:
                keys.add(key)
    if span is None:
        found = _roots_in_between(keys, lo, hi)
    else:
        found = []
        for key in keys:
            if ("roots", key) not in memo:
                memo[("roots", key)] = _roots_in_between((key,), *span)
            found.extend(memo[("roots", key)])
        inside = {}
        for root in found:
            if compare(root, lo) > 0 and compare(hi, root) > 0:
                inside.setdefault(_identity(root), root)
        found = list(inside.values())
    return sorted(found, key=cmp_to_key(compare))


def _payoff_function(piece: Any, i: int) -> Any:
    if piece.payoff_formulas is not None:
        return piece.payoff_formulas[i]
    from ..core.polynomial import RationalFunction

    return RationalFunction.constant(piece.at_sample.payoffs[i])


def _roots_in_between(keys: Iterable[IntPoly], lo: Any, hi: Any) -> list[Any]:
    """Distinct roots strictly between two (possibly algebraic) numbers."""
    return [root for root, _ in _roots_in(keys, lo, hi).values()]
