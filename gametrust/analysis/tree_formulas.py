"""Subgame-perfect equilibria of a tree as exact functions of a swept value, on one interval.

The tree sweep (:mod:`gametrust.analysis.tree_sweep`) runs the very engine
that solves a tree at a point, :class:`gametrust.solvers.spe.SubgamePerfect`,
over the field of rational functions of the swept value ``t``, ordered by
their sign at a sample point ``t0`` of the interval (:func:`tracking_field`).
Every sign the engine relies on is recorded as a polynomial; the sweep splits
the interval at their real roots until none lies inside a piece, so the
engine's decisions — supports, ties, the vertices of every polytope of
continuation equilibria — hold on the whole piece, and each extreme
subgame-perfect equilibrium it returns carries its payoffs as exact rational
functions of ``t`` (mixed behaviour at ties included).  Local games of two
movers are solved at ``t0`` and their equilibria turned into formulas from
their indifference conditions (:func:`~gametrust.analysis.pieces.equilibrium_piece`).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.polynomial import Poly, RationalFunction
from ..model.tree import GameTree
from ..solvers.exact_polytope import Field
from ..solvers.extensive import local_nash, mover_game
from ..solvers.spe import SubgamePerfect
from ..solvers.spe_local import Local, behavior_of_point
from .parametric import check_sweep_work, cleared_polys, player_polys
from .pieces import equilibrium_piece

__all__ = ["lift", "payoff_functions", "rf_key", "tracking_field"]


def lift(x: Any) -> RationalFunction:
    return x if isinstance(x, RationalFunction) else RationalFunction.constant(x)


def _monic(p: Poly) -> Poly:
    lead = p.coeffs[-1]
    return Poly(tuple(c / lead for c in p.coeffs))


def _gcd(a: Poly, b: Poly) -> Poly:
    while not b.is_zero():
        a, b = b, a.divmod(b)[1]
    return _monic(a) if not a.is_zero() else Poly.constant(1)


def rf_key(x: Any) -> Hashable:
    """A canonical form of a rational function (reduced, monic denominator)."""
    f = lift(x)
    if f.num.is_zero():
        return ((), (Fraction(1),))
    g = _gcd(f.num, f.den)
    num, den = f.num.exact_div(g), f.den.exact_div(g)
    lead = den.coeffs[-1]
    return (tuple(c / lead for c in num.coeffs), tuple(c / lead for c in den.coeffs))


def tracking_field(t0: Fraction, out: set[Poly]) -> Field:
    """Rational functions ordered by their sign at ``t0``; every non-constant polynomial whose
    sign is asked is added to ``out``."""

    def sign(x: Any) -> int:
        f = lift(x)
        if f.num.is_zero():
            return 0
        for p in (f.num, f.den):
            if p.degree > 0:
                out.add(p.primitive())
        value = f.num(t0) / f.den(t0)
        return (value > 0) - (value < 0)

    return Field(sign=sign, key=rf_key, zero=RationalFunction.constant(0),
                 one=RationalFunction.constant(1), at=lambda x: lift(x)(t0))


def _rf_local_nash(t0: Fraction, lo: Fraction, hi: Fraction, symbol: str, out: set[Poly]):
    def solve_local(local: Local, leaves: Sequence[tuple[Any, ...]], where: str):
        check_sweep_work([len(local.plans[p]) for p in local.movers])  # before any solve
        numeric = [tuple(lift(v)(t0) for v in leaf) for leaf in leaves]
        at_t0 = _numeric_local(local, t0)
        comps, complete, notes = local_nash(at_t0, numeric, where)
        game = mover_game(at_t0, numeric)
        lifted = mover_tensor(local, leaves)
        polys = cleared_polys(lifted, symbol, lo, hi)
        for player in range(polys.shape[0]):
            out.update(player_polys(polys, player, lo, hi))
        movers = local.movers
        found = []
        for comp in comps:
            profiles = []
            for mix in comp:
                strategies = tuple(tuple(mix[p]) for p in movers)
                formulas = None
                if len(movers) == 2:
                    e = _equilibrium(game, strategies)
                    piece = equilibrium_piece(e, game, polys, lifted, symbol)
                    formulas = piece.formulas
                if formulas is None:
                    formulas = tuple(tuple(RationalFunction.constant(v) for v in s)
                                     for s in strategies)
                profiles.append({p: formulas[k] for k, p in enumerate(movers)})
            found.append(profiles)
        return found, complete, notes

    return solve_local


def _equilibrium(game: Any, strategies: tuple) -> Any:
    from ..solvers.result import certify

    return certify(game, [strategies], method="enumeration")[0]


def _numeric_local(local: Local, t0: Fraction) -> Local:
    def at(v: Any) -> Any:
        return lift(v)(t0)

    return Local(
        local.root, local.children, local.plans, local.movers,
        {k: [at(v) for v in vs] for k, vs in local.const.items()},
        {k: [at(v) for v in vs] for k, vs in local.reach.items()},
        local.n,
    )


def mover_tensor(local: Local, leaves: Sequence[tuple[Any, ...]]) -> np.ndarray:
    """The local game among its movers as rational functions (for the formulas)."""
    movers = local.movers
    shape = tuple(len(local.plans[p]) for p in movers)
    tensor = np.empty((len(movers), *shape), dtype=object)
    for index in np.ndindex(*shape):
        profile = local.profile(dict(zip(movers, index, strict=True)))
        values = [lift(v) for v in local.const[profile]]
        for c, r in enumerate(local.reach[profile]):
            values = [a + lift(r) * lift(b) for a, b in zip(values, leaves[c], strict=True)]
        for k, p in enumerate(movers):
            tensor[(k, *index)] = values[p]
    return tensor


def payoff_functions(
    rf_tree: GameTree, t0: Fraction, lo: Fraction, hi: Fraction, symbol: str, out: set[Poly]
) -> list[tuple[dict[str, Any], tuple[RationalFunction, ...]]]:
    """The extreme SPEs on the piece around ``t0``: behaviour at ``t0`` and payoff functions.

    The polynomials whose signs the solution relied on are added to ``out``.
    """
    fld = tracking_field(t0, out)
    engine = SubgamePerfect(rf_tree, _rf_local_nash(t0, lo, hi, symbol, out), fld)
    points, _ = engine.run()
    found = []
    for point in points:
        behavior = behavior_of_point(rf_tree, point, fld)
        at_t0 = {
            k: None if d is None else {a: lift(p)(t0) for a, p in d.items()}
            for k, d in behavior.items()
        }
        found.append((at_t0, tuple(lift(v) for v in point.value)))
    return found
