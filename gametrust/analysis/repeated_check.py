"""``gametrust check`` for claims about repeated games: exact sets of discounts, proved.

A :class:`~gametrust.scenario.repeated.RepeatedClaim` says where a profile
of the listed strategies is a Nash or subgame-perfect equilibrium, as a set
of discounts (``[x, 1)`` or empty).  The analysis computes that set exactly
(:mod:`gametrust.analysis.repeated`) with every other value at its default
or at the value the claim's ``when:`` (or the assumptions) fix; the claim is
``proved`` when the two sets are equal and ``refuted`` otherwise, with the
exact set and a discount where they differ.  When the assumptions let up to
two other values vary (a parameter or an empathy weight), the exact set is
compared at the ends and quarters of their ranges:
``refuted`` at the first that differs, else ``survived`` (not a proof:
a proof over them needs a sweep in two values, not available yet).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.errors import ArgumentError
from ..scenario.claims import Claim
from ..scenario.conditions import EMPATHY, PARAMETER
from ..scenario.repeated import RepeatedClaim, discount_name, strategy_automata
from .check_model import CheckModel
from .check_report import ClaimCheck
from .parametric import between, show_value
from .repeated import profile_report, repeated_stage

__all__ = ["check_repeated_claim"]


def check_repeated_claim(model: CheckModel, claim: Claim) -> ClaimCheck:
    """Decide a repeated-game claim exactly."""
    statement = claim.statement
    if not isinstance(statement, RepeatedClaim):  # a reputation game's prior threshold
        from .reputation_check import check_reputation_claim

        return check_reputation_claim(model, claim)
    assert isinstance(statement, RepeatedClaim)
    scenario = model.scenario
    spec = scenario.repeated
    assert spec is not None
    variables = model.variables(claim)
    if variables is None:
        return ClaimCheck(claim, "vacuous", "point",
                          detail="the conditions and the assumed ranges leave no values")
    name = discount_name(spec)
    fixed: dict[str, Fraction] = {}
    varying = []
    for v in variables:
        if v.kind == PARAMETER and v.name == name:
            continue
        if v.kind not in (PARAMETER, EMPATHY):
            raise ArgumentError(
                "a repeated claim may let parameters and empathy vary, not payoff entries",
                claim.location or model.scenario.locate(("claims",)))
        if v.varies:
            varying.append(v)
        else:
            fixed[v.key] = v.low
    points = [dict(fixed)]
    for v in varying[:2]:
        points = [{**p, v.key: x} for p in points for x in _sample(v)]
    if len(varying) > 2:
        raise ArgumentError(
            "a repeated claim lets at most two values besides the discount vary; fix the "
            "others in the claim's when:", claim.location or model.scenario.locate(("claims",)))
    for point in points:
        outcome = _decide(model, claim, statement, name, point)
        if outcome.status == "refuted" or not varying:
            return outcome
    labels = ", ".join(v.label for v in varying)
    return ClaimCheck(
        claim, "survived", "search", examples=len(points), tried=len(points),
        detail=f"the exact discount set agrees at {len(points)} values of {labels}: ends, "
               "quarters of each range")


def _sample(v: Any) -> list[Fraction]:
    """The ends (where closed), the middle and simple rationals of a variable's range."""
    out = {v.low if not v.low_open else None, v.high if not v.high_open else None}
    for k in range(1, 4):
        x = (v.low + (v.high - v.low) * Fraction(k, 4)).limit_denominator(20)
        if v.contains(x):
            out.add(x)
    return sorted(x for x in out if x is not None)


def _decide(model: CheckModel, claim: Claim, statement: RepeatedClaim, name: str,
            point: dict[str, Fraction]) -> ClaimCheck:
    """The claim decided exactly at one value of everything but the discount."""
    scenario = model.scenario
    parameters = {k.partition(":")[2]: x for k, x in point.items()
                  if k.startswith(f"{PARAMETER}:")}
    empathy = {k.partition(":")[2]: str(x) for k, x in point.items()
               if k.startswith(f"{EMPATHY}:")}
    stage, symbol = repeated_stage(scenario, None, parameters or None, empathy or None)
    players = scenario.player_ids
    automata = strategy_automata(scenario.repeated, players, scenario.actions)  # type: ignore
    chosen = tuple(next(a for a in automata[pid] if a.name == name)
                   for pid, name in zip(players, statement.strategies, strict=True))
    profile = profile_report(stage, chosen, players, symbol)  # type: ignore[arg-type]
    found = profile.subgame_perfect if statement.kind == "subgame_perfect" else profile.nash
    sym = "δ" if symbol == "delta" else symbol
    detail = f"exact: {statement.kind.replace('_', '-')} for {sym} in {found}"
    shown = ", ".join(
        f"{'e_' if k.startswith(EMPATHY) else ''}{k.partition(':')[2]}={show_value(x)}"
        for k, x in point.items())
    if shown:
        detail += f" (at {shown})"
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
