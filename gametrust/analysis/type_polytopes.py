"""Where the Bayesian equilibria of a parametric game can change: the behaviour polytopes.

Take a two-player Bayesian game whose payoffs and priors are rational
functions of one value ``t`` (:class:`~gametrust.analysis.types_model.BayesianModel`).
Player i's behaviour strategies ``sigma_i(k, a)`` (type ``k`` plays action
``a``) and the values ``v(tj)`` of the other player's types form the polytope

    sigma >= 0,   sum_a sigma(k, a) = 1,
    sum_{k,a} p_i(k) u_j(k, tj)(a, b) sigma(k, a) - v(tj) <= 0     for every (tj, b),

whose constraint matrix has entries rational in ``t`` (a prior times a
payoff) and constant right-hand side (:class:`BehaviourPolytope`).  A Bayesian
equilibrium is a completely labelled pair of points, one in each player's
polytope: every action a type plays with positive probability is a best
response (a tight row of the other polytope), because types are drawn
independently and a type's interim belief is the other player's prior.  The
extreme equilibria are pairs of *vertices*, and the maximal convex sets of
equilibria are products of faces.

**Why every breakpoint is found.**  A vertex is the solution of a basis (a
support per type and as many tight rows as needed); by Cramer's rule its
coordinates are ratios of polynomials in ``t`` (the basis determinant and its
numerators) and the slack of every other row is one more polynomial over the
determinant.  :meth:`BehaviourPolytope.polys` collects, for every basis, the
determinant, the numerators of the coordinates and the slack numerators.
Between two consecutive real roots of all of them none changes sign, so the
same bases are feasible with the same zero coordinates and tight rows, two
vertices that are distinct somewhere are distinct everywhere (a coincidence at
one ``t`` would make a label hold there only, i.e. a root), and the completely
labelled pairs with their supports, best responses and components are the
same: the equilibria are the same rational functions of ``t``.  The priors
(where a type's prior reaches 0 the solver's conventions change) are added.
So the roots are a complete set of candidate breakpoints; of a basis's roots
only those at which the basis is feasible, or next to which it is feasible,
can matter (elsewhere it gives no vertex nearby), and only those are kept
(:meth:`BehaviourPolytope.points`).  The sweep solves the game exactly at each
one and between (``docs/bayesian.md``).  With three or
more players the solver finds pure equilibria, which change only where some
type's interim payoff difference against some pure plan profile of the others
changes sign (:func:`pure_polys`).

:func:`fit_strategy` turns an equilibrium found at a sample point into the
exact rational functions of ``t`` it follows on its interval.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction
from itertools import combinations, pairwise, product
from math import comb, prod
from typing import Any

from ..core.errors import ArgumentError, Location, SolverError
from ..core.polynomial import Poly, RationalFunction
from .parametric import between, roots_of, sorted_unique
from .poly_linalg import clear, clearing_factor, cramer, fraction_det, reduce
from .types_model import BayesianModel

__all__ = [
    "BASIS_BUDGET",
    "BehaviourPolytope",
    "check_budget",
    "fit_strategy",
    "pure_polys",
]

#: Largest number of bases of a behaviour polytope an exact sweep examines.
BASIS_BUDGET = 40_000

RF = RationalFunction
ONE = Poly.constant(1)
ZERO = Poly(())


def _add(out: set[Poly], p: Poly) -> None:
    if p.degree > 0:
        out.add(p.primitive())


class BehaviourPolytope:
    """Player i's behaviour strategies against the best responses of the other's types, as
    polynomials in ``t`` (every row cleared of denominators; ``v`` scaled alike)."""

    def __init__(self, model: BayesianModel, i: int) -> None:
        j = 1 - i
        self.i, self.j = i, j
        self.n_types_i, self.n_types_j = len(model.types[i]), len(model.types[j])
        ai, aj = len(model.actions[i]), len(model.actions[j])
        self.cols = [(k, a) for k in range(self.n_types_i) for a in range(ai)]
        self.rows = [(tj, b) for tj in range(self.n_types_j) for b in range(aj)]

        def u(k: int, a: int, tj: int, b: int) -> RationalFunction:
            types = (k, tj) if i == 0 else (tj, k)
            acts = (a, b) if i == 0 else (b, a)
            return model.priors[i][k] * model.payoffs[types][j][acts]

        flat = [u(k, a, tj, b) for (tj, b) in self.rows for (k, a) in self.cols]
        self.factor = clearing_factor(flat)
        cleared = clear(flat)
        n = len(self.cols)
        self.coef = {r: dict(zip(self.cols, cleared[m * n:(m + 1) * n], strict=True))
                     for m, r in enumerate(self.rows)}
        self.constant = all(p.degree <= 0 for p in cleared)

    def bases(self) -> Iterator[tuple[list[tuple[int, int]], tuple[tuple[int, int], ...]]]:
        """Every (support, tight rows) pair that can define a vertex."""
        blocks = []
        for k in range(self.n_types_i):
            cols = [c for c in self.cols if c[0] == k]
            blocks.append([list(s) for size in range(1, len(cols) + 1)
                           for s in combinations(cols, size)])
        for choice in product(*blocks):
            support = [c for block in choice for c in block]
            need = len(support) + self.n_types_j - self.n_types_i
            if self.n_types_j <= need <= len(self.rows):
                for tight in combinations(self.rows, need):
                    if {tj for tj, _ in tight} == set(range(self.n_types_j)):
                        yield support, tight

    def count(self) -> int:
        """An upper bound of the number of bases :meth:`bases` yields."""
        per = len(self.cols) // self.n_types_i
        total = 0
        for sizes in product(range(1, per + 1), repeat=self.n_types_i):
            need = sum(sizes) + self.n_types_j - self.n_types_i
            if self.n_types_j <= need <= len(self.rows):
                total += prod(comb(per, s) for s in sizes) * comb(len(self.rows), need)
        return total

    def system(
        self, support: Sequence[tuple[int, int]], tight: Sequence[tuple[int, int]]
    ) -> tuple[list[list[Poly]], list[Poly]]:
        """The square system of a basis: unknowns ``sigma`` on the support, then ``v``."""
        nj = self.n_types_j
        matrix, rhs = [], []
        for k in range(self.n_types_i):
            matrix.append([ONE if c[0] == k else ZERO for c in support] + [ZERO] * nj)
            rhs.append(ONE)
        for r in tight:
            matrix.append([self.coef[r][c] for c in support]
                          + [-ONE if tj == r[0] else ZERO for tj in range(nj)])
            rhs.append(ZERO)
        return matrix, rhs

    def basis_signs(self) -> Iterator[tuple[Poly, list[tuple[Poly, Poly]]]]:
        """For every nonsingular basis: its determinant ``d`` and the pairs ``(p, q)`` such
        that the basis is feasible at ``t`` iff ``d(t) != 0`` and ``p(t) q(t) >= 0`` for every
        pair (each coordinate ``N_c / d`` and each other row's slack)."""
        for support, tight in self.bases():
            matrix, rhs = self.system(support, tight)
            if len(matrix) != len(support) + self.n_types_j:
                continue
            solved = cramer(matrix, rhs)
            if solved is None:
                continue
            d, nums = solved
            pairs = [(p, d) for p in nums[: len(support)]]
            values = nums[len(support):]
            scaled = d * self.factor  # the rows were multiplied by ``factor`` (so was v)
            for r in self.rows:
                if r in tight:
                    continue
                slack = values[r[0]]
                for c, p in zip(support, nums, strict=False):
                    slack = slack - self.coef[r][c] * p
                pairs.append((slack, scaled))
            yield d, pairs

    def points(self, lo: Fraction, hi: Fraction) -> list[Any]:
        """The candidate breakpoints in ``(lo, hi)`` this polytope contributes.

        Every root of a basis's determinant, coordinate numerators or slack numerators at
        which the basis is feasible, or next to which (on either side) it is feasible:
        elsewhere the basis gives no vertex near that point, so nothing it labels can change
        there.  (An irrational root next to no feasible interval is kept: the basis might be
        feasible exactly there.)
        """
        if self.constant:
            return []
        out: list[Any] = []
        for d, pairs in self.basis_signs():
            polys = {p.primitive() for p in (d, *(p for p, _ in pairs)) if p.degree > 0}
            roots = roots_of(polys, lo, hi)
            if not roots:
                continue

            def feasible(t: Fraction) -> bool:
                return d(t) != 0 and all(p(t) * q(t) >= 0 for p, q in pairs)  # noqa: B023

            ends = [lo, *roots, hi]
            gaps = [feasible(between(a, b)) for a, b in pairwise(ends)]
            for k, r in enumerate(roots):
                if gaps[k] or gaps[k + 1] or not isinstance(r, Fraction) or feasible(r):
                    out.append(r)
        return sorted_unique(out)


def check_budget(polytopes: Sequence[BehaviourPolytope], option: str) -> None:
    total = sum(p.count() for p in polytopes if not p.constant)
    if total > BASIS_BUDGET:
        raise ArgumentError(
            f"an exact sweep of this Bayesian game would examine {total} bases of its behaviour "
            f"polytopes (more than {BASIS_BUDGET}): too large",
            Location(path=(option,)),
        )


def fit_strategy(
    polytope: BehaviourPolytope,
    strategy: Sequence[Sequence[Fraction]],
    responses: Sequence[Sequence[int]],
    sample: Fraction,
) -> tuple[tuple[RationalFunction, ...], ...]:
    """Player i's strategy in an equilibrium found at ``sample``, as rational functions of
    ``t``: solve a basis made of its support and tight rows among the other player's best
    responses ``responses[tj]`` (action indices), one that is nonsingular at the sample."""
    support = [c for c in polytope.cols if strategy[c[0]][c[1]] > 0]
    tight = [(tj, b) for tj in range(polytope.n_types_j) for b in responses[tj]]
    need = len(support) + polytope.n_types_j - polytope.n_types_i
    n_actions = len(polytope.cols) // polytope.n_types_i
    for rows in combinations(tight, max(need, 0)):
        if {tj for tj, _ in rows} != set(range(polytope.n_types_j)):
            continue
        matrix, rhs = polytope.system(support, rows)
        if _det_at(matrix, sample) == 0:
            continue
        solved = cramer(matrix, rhs)
        if solved is None:
            continue
        d, nums = solved
        out = [[RF.constant(0)] * n_actions for _ in range(polytope.n_types_i)]
        for (k, a), p in zip(support, nums, strict=False):
            out[k][a] = reduce(RF(p, d))
        if all(out[k][a](sample) == strategy[k][a] for k, a in polytope.cols):
            return tuple(tuple(row) for row in out)
    raise SolverError(
        f"no basis reproduces player {polytope.i + 1}'s equilibrium strategy at t = {sample}"
    )


def _det_at(matrix: list[list[Poly]], t: Fraction) -> Fraction:
    return fraction_det([[p(t) for p in row] for row in matrix])


def pure_polys(model: BayesianModel, out: set[Poly], option: str) -> None:
    """Every type's interim payoff difference between two of its actions against every pure
    plan profile of the others (what decides the pure Bayesian equilibria of N players)."""
    n = model.n_players
    plans = [list(product(range(len(model.actions[j])), repeat=len(model.types[j])))
             for j in range(n)]
    total = sum(
        len(model.types[i]) * comb(len(model.actions[i]), 2)
        * prod(len(plans[j]) for j in range(n) if j != i)
        for i in range(n)
    )
    if total > BASIS_BUDGET:
        raise ArgumentError(
            f"an exact sweep of this Bayesian game would compare {total} interim payoffs "
            f"(more than {BASIS_BUDGET}): too large",
            Location(path=(option,)),
        )
    type_ranges = [range(len(ts)) for ts in model.types]
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for k in range(len(model.types[i])):
            for profile in product(*(plans[j] for j in others)):
                values = []
                for a in range(len(model.actions[i])):
                    total_rf = RF.constant(0)
                    for rest in product(*(type_ranges[j] for j in others)):
                        types = [0] * n
                        acts = [0] * n
                        types[i], acts[i] = k, a
                        weight = RF.constant(1)
                        for j, tj, plan in zip(others, rest, profile, strict=True):
                            types[j], acts[j] = tj, plan[tj]
                            weight = weight * model.priors[j][tj]
                        total_rf = total_rf + weight * model.payoffs[tuple(types)][i][tuple(acts)]
                    values.append(total_rf)
                for x, y in combinations(values, 2):
                    _add(out, (x - y).num)
