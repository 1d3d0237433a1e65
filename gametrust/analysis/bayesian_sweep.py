"""The Bayesian engine of the exact sweep: candidates, solving at points, formulas.

:class:`BayesianEngine` serves :func:`gametrust.analysis.types_sweep.sweep_types`
for a scenario with ``types:`` (or a :class:`~gametrust.model.bayesian.BayesianGame`):
its candidate breakpoints are the roots of the polynomials of
:mod:`gametrust.analysis.type_polytopes` (complete: see there), it solves the
game with :func:`~gametrust.solvers.bayesian.solve_bayesian` exactly at every
rational point (in floats at an irrational one, priors folded into the
payoffs), and it turns each equilibrium found at an interval's sample point
into exact rational functions of the swept value (:class:`BayesianPiece`),
checked against the equilibrium found there.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from itertools import product
from typing import Any

from ..core.errors import ArgumentError, ScenarioError, SolverError
from ..core.polynomial import Poly, RationalFunction
from ..solvers.bayesian import solve_bayesian
from ..solvers.bayesian_result import BayesianEquilibrium, BayesianResult
from .parametric import roots_of, sorted_unique
from .poly_linalg import reduce
from .type_polytopes import BehaviourPolytope, check_budget, fit_strategy, pure_polys
from .types_model import BayesianModel, TypeAxis, check_defined
from .types_sweep_result import BayesianPiece, PointCache, PointSolution

__all__ = ["BayesianEngine", "bayesian_signature"]

RF = RationalFunction


def bayesian_signature(result: BayesianResult) -> tuple:
    """What must not change inside an interval: each equilibrium's supports and best-response
    sets, and the components."""

    def key(e: BayesianEquilibrium) -> tuple:
        supports = tuple(tuple(tuple(k for k, x in enumerate(s) if x > 0) for s in per)
                         for per in e.strategies)
        return supports, e.best_responses

    keys = [key(e) for e in result]
    return (
        tuple(sorted(keys)),
        tuple(sorted(tuple(sorted(keys[k] for k in c)) for c in result.components)),
        result.concept,
    )


class BayesianEngine(PointCache):
    """Candidates, points and formulas of the sweep of one :class:`BayesianModel`."""

    kind = "bayesian"

    def __init__(self, model: BayesianModel, axis: TypeAxis, lo: Fraction, hi: Fraction) -> None:
        self.model, self.axis = model, axis
        check_defined(model.functions(), lo, hi, axis)
        self.polytopes: list[BehaviourPolytope] = []
        if model.n_players == 2:
            self.polytopes = [BehaviourPolytope(model, 0), BehaviourPolytope(model, 1)]
            check_budget(self.polytopes, axis.option)
        self.cache: dict[Any, PointSolution] = {}

    def candidates(self, lo: Fraction, hi: Fraction) -> tuple[list[Any], set[Poly]]:
        """Points in ``(lo, hi)`` that include every breakpoint (and the polynomials seen)."""
        polys: set[Poly] = set()
        for per in self.model.priors:
            for p in per:
                if p.num.degree > 0:
                    polys.add(p.num.primitive())
        if not self.polytopes:
            pure_polys(self.model, polys, self.axis.option)
        points = roots_of(polys, lo, hi)
        for polytope in self.polytopes:
            points += polytope.points(lo, hi)
        return sorted_unique(points), polys

    def relied(self, sample: Fraction, solution: PointSolution) -> set[Poly]:
        """Nothing beyond :meth:`candidates` (they are complete for Bayesian games)."""
        return set()

    def _solve(self, t: Any) -> PointSolution:
        if isinstance(t, Fraction):
            try:
                game = self.model.game_at(t)
            except (ScenarioError, ArgumentError) as exc:
                note = f"the game is not defined here: {exc.message}"
                return PointSolution(t, True, None, ("undefined", exc.message), note)
            result = solve_bayesian(game)
            return PointSolution(t, True, result, bayesian_signature(result))
        game, priors = self.model.float_game_at(float(t))
        if any(q < 0 for per in priors for q in per):
            note = "the game is not defined here: a prior is negative"
            return PointSolution(t, False, None, ("undefined", note), note)
        result = solve_bayesian(game)
        fixed = tuple(
            replace(e, payoffs=tuple(
                sum(q * v for q, v in zip(priors[i], e.interim_payoffs[i], strict=True))
                for i in range(len(priors))))
            for e in result
        )
        result = replace(result, equilibria=fixed)
        return PointSolution(t, False, result, bayesian_signature(result))

    # -- formulas -------------------------------------------------------------------------------

    def pieces(self, solution: PointSolution, sample: Fraction) -> tuple[BayesianPiece, ...]:
        if solution.result is None:
            return ()
        return tuple(self._piece(e, sample) for e in solution.result)

    def _piece(self, e: BayesianEquilibrium, sample: Fraction) -> BayesianPiece:
        model = self.model
        if self.polytopes:
            strategies = []
            for i in range(2):
                j = 1 - i
                responses = [[model.actions[j].index(a) for a in best]
                             for best in e.best_responses[j]]
                strategies.append(
                    fit_strategy(self.polytopes[i], e.strategies[i], responses, sample))
        else:
            strategies = [tuple(tuple(RF.constant(x) for x in s) for s in per)
                          for per in e.strategies]
        interim = tuple(
            tuple(reduce(self._interim(strategies, i, k)) for k in range(len(model.types[i])))
            for i in range(model.n_players)
        )
        payoffs = tuple(
            reduce(sum((q * v for q, v in zip(model.priors[i], interim[i], strict=True)),
                       RF.constant(0)))
            for i in range(model.n_players)
        )
        if any(f(sample) != x for fs, xs in zip(interim, e.interim_payoffs, strict=True)
               for f, x in zip(fs, xs, strict=True)):
            raise SolverError(
                f"the formulas of {e.describe()} do not reproduce its payoffs at {sample}")
        return BayesianPiece(e, tuple(strategies), interim, payoffs, self.axis.symbol)

    def _interim(self, strategies: list[Any], i: int, k: int) -> RationalFunction:
        """Type ``k`` of player ``i``: its expected payoff under the formulas."""
        model = self.model
        n = model.n_players
        others = [j for j in range(n) if j != i]
        total = RF.constant(0)
        for rest in product(*(range(len(model.types[j])) for j in others)):
            types = [0] * n
            types[i] = k
            weight = RF.constant(1)
            for j, tj in zip(others, rest, strict=True):
                types[j] = tj
                weight = weight * model.priors[j][tj]
            if weight.num.is_zero():
                continue
            tensor = model.payoffs[tuple(types)][i]
            for acts in product(*(range(len(a)) for a in model.actions)):
                term = strategies[i][k][acts[i]]
                for j, tj in zip(others, rest, strict=True):
                    if term.num.is_zero():
                        break
                    term = term * strategies[j][tj][acts[j]]
                if term.num.is_zero():
                    continue
                total = total + weight * term * tensor[acts]
        return total
