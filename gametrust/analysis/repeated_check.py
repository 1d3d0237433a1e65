"""``gametrust check`` for claims about repeated games: exact sets of discounts, proved.

A :class:`~gametrust.scenario.repeated.RepeatedClaim` says where a profile
of the listed strategies is a Nash or subgame-perfect equilibrium, as a set
of discounts (``[x, 1)`` or empty).  The analysis computes that set exactly
(:mod:`gametrust.analysis.repeated`) with every other value at its default
or at the value the claim's ``when:`` (or the assumptions) fix; the claim is
``proved`` when the two sets are equal and ``refuted`` otherwise, with the
exact set and a discount where they differ.  Other values left free to vary
(a parameter or empathy range) are a located error: such a claim needs a
sweep in two values, not available yet.
"""

from __future__ import annotations

from fractions import Fraction

from ..core.errors import ArgumentError
from ..scenario.claims import Claim
from ..scenario.conditions import EMPATHY, PARAMETER
from ..scenario.repeated import RepeatedClaim, discount_name
from .check_model import CheckModel
from .check_report import ClaimCheck
from .parametric import between, show_value
from .repeated import analyse_repeated

__all__ = ["check_repeated_claim"]


def check_repeated_claim(model: CheckModel, claim: Claim) -> ClaimCheck:
    """Decide a repeated-game claim exactly."""
    statement = claim.statement
    assert isinstance(statement, RepeatedClaim)
    scenario = model.scenario
    spec = scenario.repeated
    assert spec is not None
    variables = model.variables(claim)
    if variables is None:
        return ClaimCheck(claim, "vacuous", "point",
                          detail="the conditions and the assumed ranges leave no values")
    name = discount_name(spec)
    parameters: dict[str, Fraction] = {}
    empathy: dict[str, Fraction] = {}
    for v in variables:
        if v.kind == PARAMETER and v.name == name:
            continue
        if v.varies or v.kind not in (PARAMETER, EMPATHY):
            raise ArgumentError(
                f"a repeated claim is proved in the discount with every other value fixed; "
                f"{v.label} varies (fix it in the claim's when:)",
                claim.location or model.scenario.locate(("claims",)),
            )
        (parameters if v.kind == PARAMETER else empathy)[v.name] = v.low
    report = analyse_repeated(scenario, parameters or None,
                              {k: str(x) for k, x in empathy.items()} or None)
    players = scenario.player_ids
    wanted = dict(zip(players, statement.strategies, strict=True))
    profile = next(p for p in report.profiles if p.strategies == wanted)
    found = profile.subgame_perfect if statement.kind == "subgame_perfect" else profile.nash
    sym = "δ" if report.symbol == "delta" else report.symbol
    detail = f"exact: {statement.kind.replace('_', '-')} for {sym} in {found}"
    fixed = ", ".join(f"{k}={show_value(x)}" for k, x in {**parameters, **empathy}.items())
    if fixed:
        detail += f" (at {fixed})"
    lo = found.at_least()
    holds = (statement.at_least is None and found.is_empty()) or (
        statement.at_least is not None and lo is not None and lo == statement.at_least)
    if holds:
        return ClaimCheck(claim, "proved", "sweep", checked=len(found.pieces), detail=detail)
    witness = _witness(statement.at_least, found)
    return ClaimCheck(claim, "refuted", "sweep", checked=len(found.pieces),
                      detail=f"{detail}; the claim and the exact set differ at {sym} = "
                             f"{show_value(witness)}")


def _witness(at_least: Fraction | None, found: object) -> Fraction:
    """A discount where the claimed set ``[at_least, 1)`` (or nothing) and the exact set differ."""
    from .repeated_sets import RealSet

    assert isinstance(found, RealSet)
    candidates: list[Fraction] = [Fraction(0)]
    ends = found.ends()
    points = sorted({Fraction(0), *(e for e in ends if isinstance(e, Fraction))})
    if at_least is not None:
        points = sorted({*points, at_least})
    for k, p in enumerate(points):
        candidates.append(p)
        nxt = points[k + 1] if k + 1 < len(points) else Fraction(1)
        candidates.append(between(p, nxt))
    for x in candidates:
        claimed = at_least is not None and x >= at_least
        if claimed != found.contains(x):
            return x
    return candidates[-1]
