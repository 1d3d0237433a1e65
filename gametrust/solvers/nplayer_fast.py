"""Fast exact paths of the N-player support enumeration, chosen by the support's structure.

The general path (:func:`~gametrust.solvers.nplayer_system.solve_support`: a
Gröbner basis, multiplication matrices, a separating minimal polynomial)
solves any support profile.  Most support profiles of a game are simpler, and
this module solves them with cheaper exact algebra, giving the same set of
solution points; where a fast path meets a degenerate case it says so
(``None``) and the general path runs instead:

- :class:`DominanceTable`: the conditional-dominance test of
  :mod:`gametrust.solvers.nplayer_support` (an action of a support strictly
  dominated by a pure action against the other players' supports), with the
  comparisons of every pair of actions precomputed once per game as bit masks
  over the opponents' pure profiles and the result memoised per player and
  opponents' supports;
- no player mixes: the pure profile is the only point;
- one player mixes: the polytope of equilibria
  (:func:`~gametrust.solvers.nplayer_polytope.one_mixer_vertices`), without
  any Gröbner basis (the indifference equations are constants);
- two players mix, the others play pure actions: each mixer's indifference
  equations are *linear* in the other mixer's probabilities (a bimatrix
  game's), solved by FLINT's exact ``fmpq_mat.rref``; a unique solution is
  the one point, an inconsistent system none, an underdetermined one goes to
  the general path (a continuum);
- three players mix two actions each (probabilities ``p, q, r`` of their
  second actions), the others play pure actions: player 1's equation is
  ``A1(r) q + B1(r) = 0``, player 2's ``A2(r) p + B2(r) = 0`` (``A, B``
  linear in ``r``), player 3's ``c0 + c1 p + c2 q + c3 p q = 0``.  Multiplying
  player 3's by ``A1 A2`` and substituting gives
  ``R(r) = c0 A1 A2 - c1 A1 B2 - c2 A2 B1 + c3 B1 B2 = 0`` at every solution.
  When ``R`` is not zero and shares no root with ``A1`` or ``A2`` (gcds in
  ``Q[r]``), the solutions are exactly the roots of ``R`` with
  ``q = -B1/A1`` and ``p = -B2/A2`` (inverses modulo each irreducible factor
  of ``R``); otherwise the general path runs.

Every point found here is then checked by the caller exactly as a general-path
point is (positive probabilities on the supports, no better action outside),
and every equilibrium is certified by the exact regret check.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import product
from typing import Any

import flint
import numpy as np

from ..core.number_field import RealField
from ..core.real_roots import real_roots
from .nplayer_polytope import one_mixer_vertices

__all__ = ["DominanceTable", "Structured", "rational_field", "solve_structured"]

Point = tuple[RealField, list[list[Any]]]


def rational_field() -> RealField:
    """``Q`` written as a :class:`RealField` (``alpha = 0``, root of ``t``)."""
    return RealField(flint.fmpq_poly([0, 1]), Fraction(0))


class DominanceTable:
    """Conditional dominance by pure actions, precomputed for one game.

    ``pruned(supports)`` is true when some action of some player's support is
    strictly dominated by another surviving action of that player against
    every pure profile of the other players' supports (the same test as
    :func:`~gametrust.solvers.nplayer_support.conditionally_dominated`).
    """

    def __init__(self, payoffs: np.ndarray, alive: Sequence[Sequence[int]]) -> None:
        self.n = payoffs.shape[0]
        self.alive = [tuple(a) for a in alive]
        self.shape = payoffs.shape[1:]
        self.better: list[dict[tuple[int, int], int]] = []
        for i in range(self.n):
            view = np.moveaxis(np.asarray(payoffs[i]), i, 0)
            masks = {}
            for a in self.alive[i]:
                for b in self.alive[i]:
                    if a != b:
                        masks[(a, b)] = _bits(np.asarray(view[b] > view[a], dtype=bool))
            self.better.append(masks)
        self.others = [[j for j in range(self.n) if j != i] for i in range(self.n)]
        self.memo: dict[tuple[int, tuple[tuple[int, ...], ...]], frozenset[int]] = {}

    def dominated(self, i: int, others: tuple[tuple[int, ...], ...]) -> frozenset[int]:
        """The actions of player ``i`` dominated against the others' supports ``others``."""
        key = (i, others)
        found = self.memo.get(key)
        if found is None:
            cells = 0
            for cell in product(*others):  # the opponents' profiles, C order over their axes
                flat = 0
                for j, a in zip(self.others[i], cell, strict=True):
                    flat = flat * self.shape[j] + a
                cells |= 1 << flat
            masks = self.better[i]
            found = frozenset(
                a
                for a in self.alive[i]
                if any(b != a and masks[(a, b)] & cells == cells for b in self.alive[i])
            )
            self.memo[key] = found
        return found

    def pruned(self, supports: Sequence[tuple[int, ...]]) -> bool:
        for i in range(self.n):
            others = tuple(supports[j] for j in range(self.n) if j != i)
            dominated = self.dominated(i, others)
            if dominated and any(a in dominated for a in supports[i]):
                return True
        return False


def _bits(flags: np.ndarray) -> int:
    """A boolean array (C order) as the bits of an integer."""
    return int.from_bytes(np.packbits(flags.ravel(), bitorder="little").tobytes(), "little")


class Structured:
    """What a fast path found: ``points`` (each a field and strategies) or, for one mixer,
    ``vertices`` of the polytope of equilibria (``None``: not that case)."""

    __slots__ = ("points", "vertices")

    def __init__(
        self,
        points: list[Point] | None = None,
        vertices: list[tuple[tuple[Fraction, ...], ...]] | None = None,
    ) -> None:
        self.points = points or []
        self.vertices = vertices


def solve_structured(payoffs: np.ndarray, supports: Sequence[Sequence[int]]) -> Structured | None:
    """The support's solutions by a fast path, or ``None`` when the general path must run."""
    mixers = [i for i, s in enumerate(supports) if len(s) > 1]
    if not mixers:
        return Structured([_pure_point(payoffs, supports)])
    if len(mixers) == 1:
        (i,) = mixers
        pure = [s[0] for s in supports]
        values = [_payoff(payoffs, i, pure, {i: a}) for a in range(payoffs.shape[1 + i])]
        best = values[supports[i][0]]
        if any(values[a] != best for a in supports[i]) or max(values) > best:
            return Structured(vertices=[])  # not indifferent, or a better action outside
        return Structured(vertices=one_mixer_vertices(payoffs, supports))
    if len(mixers) == 2:
        return _two_mixers(payoffs, supports, mixers[0], mixers[1])
    if len(mixers) == 3:
        return _three_mixers(payoffs, supports, mixers)
    return None


def _pure_point(payoffs: np.ndarray, supports: Sequence[Sequence[int]]) -> Point:
    one = flint.fmpq_poly([1])
    strategies = []
    for i, s in enumerate(supports):
        row = [flint.fmpq_poly([]) for _ in range(payoffs.shape[1 + i])]
        row[s[0]] = one
        strategies.append(row)
    return rational_field(), strategies


def _payoff(payoffs: np.ndarray, player: int, pure: list[int], changes: dict[int, int]) -> int:
    index = list(pure)
    for k, v in changes.items():
        index[k] = v
    return int(payoffs[(player, *index)])


def _linear(
    payoffs: np.ndarray, supports: Sequence[Sequence[int]], pure: list[int], i: int, j: int
) -> list[Fraction] | bool:
    """Player ``i``'s indifference equations, linear in ``j``'s probabilities of
    ``supports[j][1:]``: the unique solution, ``False`` when inconsistent, ``True`` when
    underdetermined."""
    si, sj = supports[i], supports[j]
    rows = []
    for a in si[1:]:
        d = [
            _payoff(payoffs, i, pure, {i: a, j: b}) - _payoff(payoffs, i, pure, {i: si[0], j: b})
            for b in sj
        ]
        rows.append([c - d[0] for c in d[1:]] + [-d[0]])
    m, k = len(rows), len(sj) - 1
    reduced, rank = flint.fmpq_mat(m, k + 1, [c for row in rows for c in row]).rref()
    for r in range(rank):  # a pivot in the right-hand column: no solution
        if all(reduced[r, c] == 0 for c in range(k)):
            return False
    if rank < k:
        return True
    return [Fraction(int(reduced[r, k].p), int(reduced[r, k].q)) for r in range(k)]


def _two_mixers(
    payoffs: np.ndarray, supports: Sequence[Sequence[int]], i: int, j: int
) -> Structured | None:
    pure = [s[0] for s in supports]
    y_j = _linear(payoffs, supports, pure, i, j)
    if y_j is False:
        return Structured()
    y_i = _linear(payoffs, supports, pure, j, i)
    if y_i is False:
        return Structured()
    if y_j is True or y_i is True:
        return None  # a positive-dimensional set: the general path describes it
    values = {i: y_i, j: y_j}
    strategies = []
    for player, s in enumerate(supports):
        row = [flint.fmpq_poly([]) for _ in range(payoffs.shape[1 + player])]
        if player in values:
            rest = Fraction(1) - sum(values[player], Fraction(0))
            row[s[0]] = _constant(rest)
            for a, v in zip(s[1:], values[player], strict=True):
                row[a] = _constant(v)
        else:
            row[s[0]] = flint.fmpq_poly([1])
        strategies.append(row)
    return Structured([(rational_field(), strategies)])


def _constant(q: Fraction) -> Any:
    return flint.fmpq_poly([flint.fmpq(q.numerator, q.denominator)]) if q else flint.fmpq_poly([])


def _differences(
    payoffs: np.ndarray, supports: Sequence[Sequence[int]], pure: list[int], i: int, j: int, k: int
) -> list[list[list[int]]]:
    """``D[a][b][c] = u_i(S_i[a+1], S_j[b], S_k[c]) - u_i(S_i[0], S_j[b], S_k[c])`` (the other
    players at their pure actions): the coefficients of player ``i``'s indifference
    equations, trilinear in ``x_j``, ``x_k``."""
    si, sj, sk = supports[i], supports[j], supports[k]
    return [
        [
            [
                _payoff(payoffs, i, pure, {i: a, j: b, k: c})
                - _payoff(payoffs, i, pure, {i: si[0], j: b, k: c})
                for c in sk
            ]
            for b in sj
        ]
        for a in si[1:]
    ]


_R = flint.fmpq_poly([0, 1])
_ONE = flint.fmpq_poly([1])


def _mix(values: Sequence[Any]) -> list[Any]:
    """A binary mixer's weights ``(1 - r, r)`` as polynomials in ``r`` when ``values`` is
    ``[r]``; in general the weights of ``(1 - sum y, y...)``."""
    rest = _ONE
    for v in values:
        rest = rest - v
    return [rest, *values]


def _linear_in(rows: list[list[int]], weights_k: list[Any]) -> tuple[list[list[Any]], list[Any]]:
    """Player ``i``'s equations ``sum_b sum_c D[a][b][c] x_j[b] w_k[c] = 0`` as the linear
    system ``A y = v`` in ``j``'s probabilities ``y = x_j[1:]`` (entries polynomials)."""
    matrix, rhs = [], []
    for table in rows:
        p = [
            sum((c * w for c, w in zip(row, weights_k, strict=True)), flint.fmpq_poly([]))
            for row in table
        ]
        matrix.append([pb - p[0] for pb in p[1:]])
        rhs.append(-p[0])
    return matrix, rhs


def _det(matrix: list[list[Any]]) -> Any:
    """The determinant of a small square matrix of polynomials (Laplace expansion)."""
    if len(matrix) == 1:
        return matrix[0][0]
    total = flint.fmpq_poly([])
    for col, entry in enumerate(matrix[0]):
        if not entry.is_zero():
            minor = [row[:col] + row[col + 1 :] for row in matrix[1:]]
            total = total + (-1) ** col * entry * _det(minor)
    return total


def _cramer(matrix: list[list[Any]], rhs: list[Any]) -> tuple[Any, list[Any]]:
    """``det A`` and the weights ``det A * x`` of the mixer ``x = (1 - sum y, y)`` with
    ``A y = rhs`` (Cramer's rule; valid where ``det A`` is not zero)."""
    det = _det(matrix)
    numerators = []
    for col in range(len(matrix)):
        replaced = [[*row[:col], v, *row[col + 1 :]] for row, v in zip(matrix, rhs, strict=True)]
        numerators.append(_det(replaced))
    rest = det
    for v in numerators:
        rest = rest - v
    return det, [rest, *numerators]


def _coprime(a: Any, b: Any) -> bool:
    return not b.is_zero() and a.gcd(b).degree() == 0


def _three_mixers(
    payoffs: np.ndarray, supports: Sequence[Sequence[int]], mixers: list[int]
) -> Structured | None:
    sizes = [len(supports[i]) for i in mixers]
    binary = [i for i in mixers if len(supports[i]) == 2]
    if not binary:
        return None
    pure = [s[0] for s in supports]
    for k in binary:  # P1: k binary, the other two mixers of equal size
        i, j = (m for m in mixers if m != k)
        if len(supports[i]) == len(supports[j]):
            return _square_elimination(payoffs, supports, pure, i, j, k)
    if sorted(sizes) == [2, 2, 3]:  # P2
        (i,) = (m for m in mixers if len(supports[m]) == 3)
        j, k = binary
        return _pair_elimination(payoffs, supports, pure, i, j, k)
    return None


def _square_elimination(
    payoffs: np.ndarray, supports: Sequence[Sequence[int]], pure: list[int], i: int, j: int, k: int
) -> Structured | None:
    """Binary ``k`` (probability ``r``), ``|S_i| = |S_j|``: ``x_j`` from ``i``'s equations and
    ``x_i`` from ``j``'s by Cramer's rule, ``k``'s equation times both determinants is
    ``R(r)``."""
    weights_k = _mix([_R])
    det_i, xj = _cramer(*_linear_in(_differences(payoffs, supports, pure, i, j, k), weights_k))
    det_j, xi = _cramer(*_linear_in(_differences(payoffs, supports, pure, j, i, k), weights_k))
    (table,) = _differences(payoffs, supports, pure, k, i, j)  # D[a][b] for k's one equation
    resultant = flint.fmpq_poly([])
    for a, row in enumerate(table):
        for b, c in enumerate(row):
            if c:
                resultant = resultant + c * xi[a] * xj[b]
    if resultant.is_zero():
        return None
    if resultant.degree() == 0:
        return Structured()  # no solution at all
    if not (_coprime(resultant, det_i) and _coprime(resultant, det_j)):
        return None  # a determinant vanishes at a root: the general path decides
    return Structured(
        _roots_points(
            payoffs, supports, resultant, {i: (xi, det_j), j: (xj, det_i), k: (weights_k, _ONE)}
        )
    )


def _pair_elimination(
    payoffs: np.ndarray, supports: Sequence[Sequence[int]], pure: list[int], i: int, j: int, k: int
) -> Structured | None:
    """``|S_i| = 3``, ``j`` and ``k`` binary (``q``, ``r``): ``i``'s two equations
    ``A_a(r) q = B_a(r)`` give ``R = A_1 B_2 - A_2 B_1`` and ``q = B_a / A_a``;
    then ``x_i`` from ``j``'s and ``k``'s equations (linear in it), ``k``'s multiplied by
    ``A_a``, by Cramer's rule."""
    weights_k = _mix([_R])
    (a1, a2), (b1, b2) = _linear_in(_differences(payoffs, supports, pure, i, j, k), weights_k)
    a1, a2 = a1[0], a2[0]
    resultant = a1 * b2 - a2 * b1
    if resultant.is_zero():
        return None
    if resultant.degree() == 0:
        return Structured()
    pivot = next(((a, b) for a, b in ((a1, b1), (a2, b2)) if _coprime(resultant, a)), None)
    if pivot is None:
        return None
    lead, tail = pivot  # lead q = tail: x_j = (lead - tail, tail) / lead
    xj = [lead - tail, tail]
    (row_j,), (rhs_j,) = _linear_in(_differences(payoffs, supports, pure, j, i, k), weights_k)
    (row_k,), (rhs_k,) = _linear_in(_differences(payoffs, supports, pure, k, i, j), xj)
    det_m, xi = _cramer([row_j, row_k], [rhs_j, rhs_k])
    if not _coprime(resultant, det_m):
        return None
    return Structured(
        _roots_points(
            payoffs, supports, resultant, {i: (xi, det_m), j: (xj, lead), k: (weights_k, _ONE)}
        )
    )


def _roots_points(
    payoffs: np.ndarray,
    supports: Sequence[Sequence[int]],
    resultant: Any,
    mixes: dict[int, tuple[list[Any], Any]],
) -> list[Point]:
    """The real points: for each irreducible factor of ``resultant`` and each real root
    ``rho``, every mixer's weights ``numerators(rho) / denominator(rho)`` in ``Q(rho)``."""
    points = []
    _, factors = resultant.numer().factor()
    for factor, _ in factors:
        ints = tuple(int(c) for c in factor.coeffs())
        modulus = flint.fmpq_poly(list(ints))
        values = {}
        for player, (numerators, denominator) in mixes.items():
            inverse = _inverse(denominator, modulus)
            values[player] = [(v * inverse) % modulus for v in numerators]
        for root in real_roots(ints):
            fld = RealField(modulus, root)
            strategies = []
            for player, s in enumerate(supports):
                row = [flint.fmpq_poly([]) for _ in range(payoffs.shape[1 + player])]
                if player in values:
                    for a, v in zip(s, values[player], strict=True):
                        row[a] = v
                else:
                    row[s[0]] = _ONE
                strategies.append(row)
            points.append((fld, strategies))
    return points


def _inverse(a: Any, modulus: Any) -> Any:
    """``1/a`` modulo an irreducible ``modulus`` that does not divide ``a``."""
    g, s, _ = (a % modulus).xgcd(modulus)
    return (s / g) % modulus
