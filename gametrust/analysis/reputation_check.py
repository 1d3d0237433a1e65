"""``gametrust check`` for claims about reputation games: the prior threshold, exactly.

A :class:`~gametrust.scenario.reputation.ReputationClaim` says that the first
mover plays the reward in the first meeting exactly when the prior is above
``x``.  The threshold ``q^n`` does not depend on the prior, so with every other
value fixed (at its default, or where the claim's ``when:`` or the assumptions
fix it) one exact solution (certified on the game tree) proves or refutes the
claim for every prior.  When the assumptions let other parameters or empathy
weights vary, the threshold is compared at the ends and quarters of their
ranges: ``refuted`` at the first that differs, else ``survived`` (evidence,
not a proof).
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from ..core.errors import ArgumentError
from ..scenario.claims import Claim
from ..scenario.conditions import EMPATHY, PARAMETER, Variable
from ..scenario.reputation import ReputationClaim
from ..solvers.reputation_certificate import certify_reputation
from .check_model import CheckModel
from .check_report import ClaimCheck
from .reputation import reputation_at

__all__ = ["check_reputation_claim"]


def _points(v: Variable) -> list[Fraction]:
    """The closed ends and the quarters of a variable's range."""
    out = {x for x, open_ in ((v.low, v.low_open), (v.high, v.high_open)) if not open_}
    out |= {v.low + (v.high - v.low) * Fraction(k, 4) for k in (1, 2, 3)}
    return sorted(x for x in out if v.contains(x))


def check_reputation_claim(model: CheckModel, claim: Claim) -> ClaimCheck:
    """Decide a claim about a reputation game's prior threshold."""
    statement = claim.statement
    assert isinstance(statement, ReputationClaim)
    scenario = model.scenario
    spec = scenario.repeated
    assert spec is not None and spec.reputation is not None
    variables = model.variables(claim)
    if variables is None:
        return ClaimCheck(claim, "vacuous", "point",
                          detail="the conditions and the assumed ranges leave no values")
    prior_names = spec.reputation.prior.names()
    elsewhere = {n for e in (*[x for v in scenario.payoffs.values() for x in v],
                             spec.discount) for n in e.names()}
    fixed: dict[str, Fraction] = {}
    varying: list[Variable] = []
    for v in variables:
        if v.kind not in (PARAMETER, EMPATHY):
            raise ArgumentError(
                "a reputation claim may let parameters and empathy vary, not payoff entries",
                claim.location or scenario.locate(("claims",)))
        if v.kind == PARAMETER and v.name in prior_names and v.name not in elsewhere:
            continue  # the threshold q^n does not depend on the prior
        if v.varies:
            varying.append(v)
        else:
            fixed[v.key] = v.low
    grids = [[(v.key, x) for x in _points(v)] for v in varying]
    for choice in product(*grids):
        point = {**fixed, **dict(choice)}
        parameters = {k.partition(":")[2]: x for k, x in point.items()
                      if k.startswith(f"{PARAMETER}:")}
        empathy = {k.partition(":")[2]: str(x) for k, x in point.items()
                   if k.startswith(f"{EMPATHY}:")}
        eq = reputation_at(scenario, parameters or None, empathy or None)
        certify_reputation(eq)
        found = eq.thresholds[-1]
        shown = ", ".join(f"{'e_' if k.startswith(EMPATHY) else ''}{k.partition(':')[2]}={x}"
                          for k, x in point.items())
        detail = (f"exact: the prior threshold is {found} = ({eq.q})^{eq.rounds}"
                  + (f" (at {shown})" if shown else ""))
        if found != statement.prior_threshold:
            return ClaimCheck(claim, "refuted", "point", checked=1, detail=detail)
        if not varying:
            return ClaimCheck(claim, "proved", "point", checked=1,
                              detail=detail + "; it does not depend on the prior")
    count = 1
    for grid in grids:
        count *= len(grid)
    return ClaimCheck(claim, "survived", "search", examples=count, tried=count,
                      detail=f"the exact threshold agrees at {count} values of "
                             f"{', '.join(v.label for v in varying)}: ends and quarters")
