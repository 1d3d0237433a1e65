"""The best-response polytope of an exact prior sweep, as the prior moves.

Sweep player i's prior of one type: p_i(t) = p, the other types share 1 - p in
their old proportions (:func:`prior_family`).  Only the *other* player j's
interim payoffs depend on p.  In the variables z(k, a) = p_i(k) * sigma_i(k, a)
the best-response polytope of i's behaviour strategies,

    z >= 0,   sum_a z(k, a) = p_i(k),   sum_{k,a} z(k, a) u_j(k, tj)(a, b) - v(tj) <= 0,

has a constant constraint matrix and a right-hand side linear in p
(:class:`PriorPolytope`).  So for every basis the vertex coordinates and the
slacks of the other constraints are linear in p, and the vertices of the
polytope, with their labels (zero probabilities, best responses of j's types),
cannot change between consecutive roots of those linear functions
(:meth:`PriorPolytope.roots`).  The other polytope (j's behaviour, i's best
responses) does not depend on p at all.  Bayesian equilibria are the completely
labelled vertex pairs, so the equilibria, their supports and best-response sets
and their components are constant between consecutive roots: every breakpoint
is rational, and on each interval each equilibrium is
sigma_i(k, a) = (x + y p) / p_i(k), sigma_j constant.

The sweep itself is :func:`gametrust.analysis.prior_sweep.sweep_prior`.

>>> from fractions import Fraction as F
>>> from gametrust import BayesianGame
>>> g = BayesianGame(["A", "B"], [["x", "y"], ["x", "y"]], [["a1", "a2"], ["b"]],
...                  [["1/3", "2/3"], None],
...                  {("a1", "b"): [[[1, 0], [0, 1]], [[1, 0], [0, 1]]],
...                   ("a2", "b"): [[[0, 1], [1, 0]], [[0, 1], [1, 0]]]})
>>> prior_family(g, 0, 0)           # P(a1) = p, P(a2) = 1 - p
[(Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(-1, 1))]
>>> PriorPolytope(g, 0, prior_family(g, 0, 0)).roots(F(0), F(1))
[Fraction(1, 2)]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction
from itertools import combinations, product
from math import comb, prod

from ..core.linalg import solve_square
from ..core.polynomial import Poly, RationalFunction
from ..model.bayesian import BayesianGame

__all__ = ["PriorPolytope", "linear_function", "prior_family"]


def prior_family(bg: BayesianGame, i: int, t: int) -> list[tuple[Fraction, Fraction]]:
    """``p_i(k) = a_k + b_k p``: type t gets p, the others share 1 - p in their old proportions
    (equally when type t's prior is 1)."""
    base = bg.priors[i][t]
    n = len(bg.types[i])
    out = []
    for k in range(n):
        if k == t:
            out.append((Fraction(0), Fraction(1)))
            continue
        share = bg.priors[i][k] / (1 - base) if base < 1 else Fraction(1, n - 1)
        out.append((share, -share))
    return out


class PriorPolytope:
    """Player i's behaviour best-response polytope in the z variables, as p moves."""

    def __init__(self, bg: BayesianGame, i: int, family: list[tuple[Fraction, Fraction]]) -> None:
        j = 1 - i
        self.i, self.j = i, j
        self.family = family
        self.n_types_i, self.n_types_j = len(bg.types[i]), len(bg.types[j])
        self.cols = [(k, a) for k in range(self.n_types_i) for a in range(bg.shape[i])]
        self.rows = [(tj, b) for tj in range(self.n_types_j) for b in range(bg.shape[j])]
        self.zero = [a == 0 and b == 0 for a, b in family]  # types with prior 0 whatever p is

        def u(k: int, a: int, tj: int, b: int) -> Fraction:
            types = (k, tj) if i == 0 else (tj, k)
            acts = (a, b) if i == 0 else (b, a)
            return Fraction(bg.payoffs[types][j][acts])

        self.coef = {
            r: {c: Fraction(0) if self.zero[c[0]] else u(c[0], c[1], r[0], r[1]) for c in self.cols}
            for r in self.rows
        }

    def rhs(self, k: int) -> tuple[Fraction, Fraction]:
        return (Fraction(1), Fraction(0)) if self.zero[k] else self.family[k]

    def solve(
        self, support: Sequence[tuple[int, int]], tight: Sequence[tuple[int, int]]
    ) -> tuple[list[tuple[Fraction, Fraction]], list[tuple[Fraction, Fraction]]] | None:
        """Coordinates ``z`` (on the support) and values ``v`` (per type of j) as
        ``(constant, slope)`` pairs, from one basis; ``None`` when it is singular."""
        if {tj for tj, _ in tight} != set(range(self.n_types_j)):
            return None
        nj = self.n_types_j
        matrix: list[list[Fraction]] = []
        rhs: list[list[Fraction]] = []
        for k in range(self.n_types_i):
            matrix.append(
                [Fraction(1) if c[0] == k else Fraction(0) for c in support] + [Fraction(0)] * nj
            )
            rhs.append(list(self.rhs(k)))
        for r in tight:
            matrix.append(
                [self.coef[r][c] for c in support]
                + [Fraction(-1) if tj == r[0] else Fraction(0) for tj in range(nj)]
            )
            rhs.append([Fraction(0), Fraction(0)])
        if len(matrix) != len(support) + nj:
            return None
        x = solve_square(matrix, rhs)
        if x is None:
            return None
        z = [(row[0], row[1]) for row in x[: len(support)]]
        v = [(row[0], row[1]) for row in x[len(support) :]]
        return z, v

    def bases(self) -> Iterator[tuple[list[tuple[int, int]], tuple[tuple[int, int], ...]]]:
        blocks = []
        for k in range(self.n_types_i):
            cols = [c for c in self.cols if c[0] == k]
            blocks.append(
                [list(s) for size in range(1, len(cols) + 1) for s in combinations(cols, size)]
            )
        for choice in product(*blocks):
            support = [c for block in choice for c in block]
            need = len(support) + self.n_types_j - self.n_types_i
            if self.n_types_j <= need <= len(self.rows):
                for tight in combinations(self.rows, need):
                    yield support, tight

    def count(self) -> int:
        total = 0
        for sizes in product(
            *(range(1, len([c for c in self.cols if c[0] == k]) + 1) for k in range(self.n_types_i))
        ):
            n_cols = len(self.cols) // self.n_types_i
            ways = prod(comb(n_cols, s) for s in sizes)
            need = sum(sizes) + self.n_types_j - self.n_types_i
            if self.n_types_j <= need <= len(self.rows):
                total += ways * comb(len(self.rows), need)
        return total

    def roots(self, lo: Fraction, hi: Fraction) -> list[Fraction]:
        """Where a basis becomes or stops being feasible: the ends, inside ``(lo, hi)``, of the
        interval of p on which its coordinates and the other constraints' slacks are >= 0.

        Between consecutive such points the vertices and their labels cannot change: a
        coordinate or slack that is zero somewhere inside a basis's feasible interval without
        being identically zero changes sign there, so that point ends the interval."""
        found: set[Fraction] = set()
        for support, tight in self.bases():
            solved = self.solve(support, tight)
            if solved is None:
                continue
            z, v = solved
            values = list(z)
            for r in self.rows:
                if r in tight:
                    continue
                s0, s1 = v[r[0]]
                for (c0, c1), col in zip(z, support, strict=True):
                    s0 -= self.coef[r][col] * c0
                    s1 -= self.coef[r][col] * c1
                values.append((s0, s1))
            # feasible interval {p in [lo, hi] : c0 + c1 p >= 0 for all}
            low, high = lo, hi
            for c0, c1 in values:
                if c1 > 0:
                    low = max(low, -c0 / c1)
                elif c1 < 0:
                    high = min(high, -c0 / c1)
                elif c0 < 0:
                    low, high = hi, lo  # never feasible
            if low > high:
                continue
            found.update(x for x in (low, high) if lo < x < hi)
        return sorted(found)


def linear_function(c0: Fraction, c1: Fraction) -> RationalFunction:
    return RationalFunction(Poly.from_coeffs([c0, c1]), Poly.constant(1))
