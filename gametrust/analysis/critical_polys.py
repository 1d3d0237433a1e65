"""The polynomials whose signs decide a claim, as functions of the value a proof sweeps.

A proof (:mod:`gametrust.analysis.check_proof`) needs every place in the
range where what a claim depends on may change: the equilibria change only at
the sweep's breakpoints, and the rest — the conditions (``cost < relief``,
``empathy >= 1/4``), the payoff differences that decide a family or a
preference, the inequalities that decide a trust threshold — changes only at
the roots of the polynomials :func:`critical_polys` lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from itertools import combinations, pairwise, product
from typing import Any

import numpy as np

from ..core.polynomial import Poly, RationalFunction, real_roots
from ..model.empathy import empathize_tensor, per_player, weight_names
from ..scenario.claims import Claim, TrustThresholdClaim
from ..scenario.conditions import EMPATHY, Bound, Comparison, FamilyIs, Prefers, Variable
from ..scenario.expression import Expression
from .check_model import Assignment, CheckModel

__all__ = ["critical_polys", "real_roots_in"]


def real_roots_in(polys: Iterable[Poly], low: Fraction, high: Fraction) -> list[Any]:
    out: list[Any] = []
    seen: set[Any] = set()
    for poly in polys:
        if poly.is_zero() or poly.degree <= 0 or poly in seen:
            continue
        seen.add(poly)
        out.extend(real_roots(poly, low, high))
    return out


def _parametric(
    model: CheckModel, fixed: Assignment, v: Variable
) -> tuple[dict[str, RationalFunction], np.ndarray, np.ndarray]:
    """Parameter values, the payoffs as written and the payoffs solved, as functions of ``v``."""
    scenario = model.working
    t = RationalFunction.variable()
    const = _constant
    names = _names(fixed, v)
    shape = tuple(len(p.actions) for p in scenario.players)
    base = np.empty((len(shape), *shape), dtype=object)
    for index, vector in zip(
        product(*(range(k) for k in shape)), scenario.payoffs.values(), strict=True
    ):
        for i, expression in enumerate(vector):
            base[(i, *index)] = expression.fold(const, names.__getitem__)
    named: dict[str, Any] = {}
    for name in weight_names(scenario.empathy_model, scenario.player_ids):
        if v.kind == EMPATHY and name == v.name:
            named[name] = t
        elif name in fixed.empathy:
            named[name] = const(fixed.empathy[name])
        else:
            raw = scenario.empathy[name]
            named[name] = (
                raw.fold(const, names.__getitem__) if isinstance(raw, Expression) else const(raw)
            )
    weights = per_player(scenario.empathy_model, scenario.player_ids, named)
    solved = empathize_tensor(base, weights, scenario.empathy_model)
    return names, base, solved


def _parts(f: Any) -> list[Poly]:
    return [f.num, f.den]


def _differences(tensor: np.ndarray, player: int) -> list[Poly]:
    cells = list(tensor[player].ravel())
    out: list[Poly] = []
    for a, b in combinations(cells, 2):
        out += _parts(a - b)
    return out


def _trust_polys(tensor: np.ndarray, statement: TrustThresholdClaim, player: int) -> list[Poly]:
    """Signs deciding ``threshold <= q`` for every cooperative/alternative pair and bound ``q``."""
    u = tensor[player]
    shape = u.shape
    profiles = list(product(range(shape[0]), range(shape[1])))
    bounds = [q for q in (statement.at_most, statement.at_least) if q is not None]
    out: list[Poly] = []

    def pay(own: int, theirs: int) -> Any:
        return u[own, theirs] if player == 0 else u[theirs, own]

    for coop, other in product(profiles, profiles):
        if coop == other:
            continue
        mine, their_coop, their_alt = coop[player], coop[1 - player], other[1 - player]
        for alt in range(shape[player]):
            if alt == mine:
                continue
            d1 = pay(mine, their_coop) - pay(alt, their_coop)
            d0 = pay(mine, their_alt) - pay(alt, their_alt)
            out += _parts(d1 - d0)
            for q in bounds:
                out += _parts(d1 * q + d0 * (1 - q))
    return out


def critical_polys(
    model: CheckModel, claim: Claim, fixed: Any, v: Variable, only: str | None = None,
    *, stage: bool = True,
) -> list[Poly]:
    """Polynomials in the swept value whose roots are the only places the claim may change.

    With ``only`` (a player id) just the ones in that player's payoffs
    (for a map of empathy weights each player's payoffs move with its own).
    With ``stage=False`` (a claim about the paths of a tree, whose breakpoints
    the tree sweep gives) only those of the conditions.
    """
    conditions = [*model.assumptions.statements, *claim.when]
    on_payoffs = any(isinstance(c, (Prefers, FamilyIs)) for c in conditions)
    if stage or on_payoffs:
        names, base, solved = _parametric(model, fixed, v)
    else:
        names = _names(fixed, v)
    players = model.working.player_ids
    mine = [players.index(only)] if only is not None else list(range(len(players)))
    polys: list[Poly] = []
    for condition in conditions:
        if isinstance(condition, Bound) and condition.key == v.key:
            polys.append(Poly.from_coeffs([-condition.value, 1]))
        elif isinstance(condition, Comparison) and only is None:
            values = [term.fold(_constant, names.__getitem__) for term in condition.terms]
            for a, b in pairwise(values):
                polys += _parts(a - b)
    if only is None and on_payoffs:
        for i in range(len(players)):
            polys += _differences(base, i)
    if not stage:
        return polys
    for i in mine:
        polys += _differences(solved, i)
        if isinstance(claim.statement, TrustThresholdClaim):
            polys += _trust_polys(solved, claim.statement, i)
    return polys


def _names(fixed: Assignment, v: Variable) -> dict[str, RationalFunction]:
    """Every parameter as a function of the swept value ``v``: ``t`` for ``v``'s own."""
    names = {n: _constant(x) for n, x in fixed.parameters.items()}
    if v.kind != EMPATHY:
        names[v.name] = RationalFunction.variable()
    return names


def _constant(x: object) -> Any:
    return RationalFunction.constant(Fraction(x))  # type: ignore[arg-type]
