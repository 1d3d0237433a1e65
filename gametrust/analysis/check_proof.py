"""Proving a claim exactly where one or two values vary: ``gametrust check``'s proofs.

When at most two values vary (after the claim's conditions narrow the
assumed ranges) and they enter the payoffs rationally — one parameter, one
payoff entry or one empathy weight; or the two players' empathy weights —
the exact sweep (:func:`gametrust.sweep`, :func:`gametrust.sweep_map`)
splits the range at the breakpoints where the equilibria can change, and
:func:`gametrust.analysis.critical_polys.critical_polys` adds the roots of
everything else the claim depends on.  Between consecutive critical values
nothing the claim depends on changes, so checking the claim at every
critical value (exactly) and at one rational point inside every gap decides
it on the whole range: ``proved``, or ``refuted`` with an exact
counterexample (the simplest rational in a failing gap, or the breakpoint
itself).  Irrational breakpoints are checked with floating-point games and
counted in :attr:`~gametrust.analysis.check_report.ClaimCheck.floating`.

>>> import gametrust
>>> from gametrust.analysis.check_model import CheckModel
>>> korea = gametrust.load("scenarios/korea.yaml")
>>> model = CheckModel.of(korea)
>>> claim = korea.claims[0]
>>> variables = model.variables(claim)
>>> prove_claim(model, claim, variables, [v for v in variables if v.varies]).status
'proved'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import Any

from ..core.errors import GametrustError
from ..core.polynomial import approx, compare
from ..model.empathy import weight_owner
from ..scenario.claims import (
    SEARCHED_STATEMENTS,
    Claim,
    IsEquilibrium,
    NotEquilibrium,
    PathIncludes,
)
from ..scenario.conditions import EMPATHY, FamilyIs, Prefers, Variable
from .check_model import CheckModel, Evaluation
from .check_report import ClaimCheck
from .critical_polys import critical_polys, real_roots_in
from .parametric import between, greater, sorted_unique
from .simple_values import simplicity, simplicity_anchor
from .verdicts import show

__all__ = ["provable", "prove_at_point", "prove_claim"]


def prove_at_point(model: CheckModel, claim: Claim, variables: Sequence[Variable]) -> ClaimCheck:
    """The claim decided at the one point the assumptions leave (nothing varies)."""
    evaluation = model.evaluate_at(claim, {}, variables)
    where = model.assignment({}, variables).describe()
    if evaluation.status == "excluded":
        return ClaimCheck(claim, "vacuous", "point", checked=1, detail=evaluation.reason)
    if evaluation.status == "holds":
        return ClaimCheck(claim, "proved", "point", checked=1,
                          detail=f"exact, at the one assumed point ({where})")
    return ClaimCheck(claim, "refuted", "point", checked=1, counterexample=evaluation,
                      detail=f"exact, at the one assumed point ({where})")


def provable(model: CheckModel, claim: Claim) -> str | None:
    """How a claim can be proved: ``"game"`` (a normal-form sweep of the stage game),
    ``"tree"`` (a path claim, by the tree sweep) or ``None`` (searched: e.g. claims about
    Bayesian or signalling equilibria, until sweeps run through types)."""
    scenario = model.working
    statement = claim.statement
    if isinstance(statement, PathIncludes):
        conditions = [*model.assumptions.statements, *claim.when]
        on_stage = any(isinstance(c, (Prefers, FamilyIs)) for c in conditions)
        return None if on_stage and scenario.stage_tree is not None else "tree"
    if isinstance(statement, SEARCHED_STATEMENTS):
        return None
    if scenario.stage_tree is None and (
        len(scenario.players) == 2  # N players: the pure breakpoints decide a pure profile
        or isinstance(statement, (IsEquilibrium, NotEquilibrium))
    ):
        return "game"
    return None


def prove_claim(
    model: CheckModel, claim: Claim, variables: Sequence[Variable], varying: Sequence[Variable]
) -> ClaimCheck | None:
    """The claim proved or refuted exactly, or ``None`` when no proof applies here."""
    how = provable(model, claim)
    if how is None:
        return None
    try:
        if len(varying) == 1:
            return _prove_line(model, claim, variables, varying[0], tree=how == "tree")
        if (
            how == "game"
            and len(varying) == 2
            and all(v.kind == EMPATHY for v in varying)
            and weight_owner(model.working.empathy_model, varying[0].name)
            != weight_owner(model.working.empathy_model, varying[1].name)
        ):
            return _prove_plane(model, claim, variables, varying[0], varying[1])
    except _NoProof:
        return None
    return None


class _NoProof(Exception):
    """The exact machinery does not apply (e.g. a payoff undefined inside the range)."""


@dataclass(frozen=True)
class _Segment:
    """A critical value (``point``) or the open gap between two of them."""

    value: Any  # the point, or a rational sample inside the gap
    point: bool
    lo: Any = None  # gap bounds
    hi: Any = None


def _segments(variable: Variable, critical: Iterable[Any]) -> list[_Segment]:
    low, high = variable.low, variable.high
    inside = [c for c in critical if greater(c, low) and greater(high, c)]
    points = [low, *sorted_unique(list(inside)), high]
    out: list[_Segment] = []
    for k, p in enumerate(points):
        skip = (k == 0 and variable.low_open) or (k == len(points) - 1 and variable.high_open)
        if not skip:
            out.append(_Segment(p, True))
        if k + 1 < len(points):
            out.append(_Segment(between(p, points[k + 1]), False, p, points[k + 1]))
    return out


#: Denominators :func:`_simplest` tries before it takes the gap's own sample point.
_MAX_DENOMINATOR = 1000


def _simplest(segment: _Segment, variable: Variable) -> Any:
    """The simplest rational of a gap (the point itself for a point), decided exactly.

    Simplest as :func:`~gametrust.analysis.simple_values.simplicity` orders
    values: the range's anchor, else the integer nearest it, else the rational
    with the least denominator (unique when the gap holds no integer), up to
    :data:`_MAX_DENOMINATOR`; else the gap's sample point.
    """
    if segment.point:
        return segment.value
    a, b = segment.lo, segment.hi
    anchor = simplicity_anchor(variable.low, variable.high)

    def inside(q: Fraction) -> bool:
        return compare(q, a) > 0 and compare(b, q) > 0

    if inside(anchor):
        return anchor
    below = compare(anchor, a) <= 0  # the anchor lies below the gap, else above it
    for d in range(1, _MAX_DENOMINATOR + 1):
        # the multiple of 1/d nearest the anchor inside the gap: just above a, or just below b
        k = _floor_times(a, d) + 1 if below else _ceil_times(b, d) - 1
        if inside(Fraction(k, d)):
            return Fraction(k, d)
    return segment.value


def _floor_times(x: Any, d: int) -> int:
    """``floor(x * d)`` exactly, for a rational or real algebraic ``x``."""
    if isinstance(x, Fraction):
        return math.floor(x * d)
    lo, hi = x.interval
    while math.floor(lo * d) != math.floor(hi * d):
        x.bisect()
        lo, hi = x.interval
    return math.floor(lo * d)


def _ceil_times(x: Any, d: int) -> int:
    """``ceil(x * d)`` exactly (an irrational ``x * d`` is never an integer)."""
    if isinstance(x, Fraction):
        return math.ceil(x * d)
    return _floor_times(x, d) + 1


def _key(value: Any, variable: Variable) -> tuple[Any, ...]:
    if isinstance(value, Fraction):
        return (0, *simplicity(value, variable.low, variable.high))
    return (1, approx(value))


def _prove_line(
    model: CheckModel, claim: Claim, variables: Sequence[Variable], v: Variable, *, tree: bool
) -> ClaimCheck:
    from .sweep import sweep
    from .tree_sweep import sweep_scenario_tree

    engine: Any = sweep_scenario_tree if tree else sweep
    if not tree and len(model.working.players) > 2:  # a pure profile: the pure breakpoints
        from functools import partial

        from .nplayer_sweep import sweep_nplayer

        engine = partial(sweep_nplayer, mixed=False)
    fixed = model.assignment({}, variables)
    parameters = dict(fixed.parameters)
    empathy = dict(fixed.empathy)
    if v.kind == EMPATHY:
        empathy.pop(v.name, None)
        axis = f"empathy:{v.name}"
    else:
        parameters.pop(v.name, None)
        axis = f"param:{v.name}"
    try:
        swept = engine(model.working, axis, v.low, v.high, parameters=parameters,
                       empathy=empathy or None)
        polys = critical_polys(model, claim, fixed, v, stage=not tree)
    except (GametrustError, ZeroDivisionError):
        raise _NoProof from None
    critical = [bp.value for bp in swept.breakpoints] + real_roots_in(polys, v.low, v.high)
    segments = _segments(v, critical)
    failures: list[tuple[Any, Evaluation]] = []
    checked = floating = included = 0
    for segment in segments:
        x = segment.value
        checked += 1
        floating += not isinstance(x, Fraction)
        evaluation = model.evaluate_at(claim, {v.key: x}, variables)
        if evaluation.status == "excluded":
            continue
        included += 1
        if evaluation.status == "fails":
            simplest = _simplest(segment, v)
            if simplest is not x:
                evaluation = model.evaluate_at(claim, {v.key: simplest}, variables)
            failures.append((simplest, evaluation))
    n_points = sum(s.point for s in segments)
    detail = (
        f"exact {'tree ' if tree else ''}sweep of {v.label} over {v.range_text()}: "
        f"{n_points} critical value(s) and {len(segments) - n_points} interval(s) checked"
    )
    if swept.breakpoints:
        what = "subgame-perfect equilibria" if tree else (
            "equilibria" if len(model.working.players) == 2 else "pure equilibria")
        detail += f"; {what} change at " + ", ".join(
            f"{show(bp.value)}" for bp in swept.breakpoints
        )
    if not included:
        return ClaimCheck(claim, "vacuous", "sweep", checked=checked,
                          detail="no value in the range satisfies the assumptions and conditions")
    if failures:
        _, evaluation = min(failures, key=lambda f: _key(f[0], v))
        return ClaimCheck(
            claim, "refuted", "sweep", checked=checked, counterexample=evaluation,
            detail=detail, floating=floating,
        )
    return ClaimCheck(claim, "proved", "sweep", checked=checked, detail=detail, floating=floating)


def _prove_plane(
    model: CheckModel,
    claim: Claim,
    variables: Sequence[Variable],
    vx: Variable,
    vy: Variable,
) -> ClaimCheck:
    from .regions import sweep_map

    fixed = model.assignment({}, variables)
    parameters = dict(fixed.parameters)
    try:
        plane = sweep_map(
            model.working,
            (f"empathy:{vx.name}", f"empathy:{vy.name}"),
            (vx.low, vx.high),
            (vy.low, vy.high),
            parameters=parameters,
        )
        owner = model.working.empathy_model
        x_polys = critical_polys(model, claim, fixed, vx, only=weight_owner(owner, vx.name))
        y_polys = critical_polys(model, claim, fixed, vy, only=weight_owner(owner, vy.name))
    except (GametrustError, ZeroDivisionError):
        raise _NoProof from None
    xs = _segments(vx, [*plane.x_breaks, *real_roots_in(x_polys, vx.low, vx.high)])
    ys = _segments(vy, [*plane.y_breaks, *real_roots_in(y_polys, vy.low, vy.high)])
    failures: list[tuple[tuple[Any, ...], Evaluation]] = []
    checked = floating = included = 0
    for sx, sy in product(xs, ys):
        checked += 1
        floating += not (isinstance(sx.value, Fraction) and isinstance(sy.value, Fraction))
        evaluation = model.evaluate_at(claim, {vx.key: sx.value, vy.key: sy.value}, variables)
        if evaluation.status == "excluded":
            continue
        included += 1
        if evaluation.status == "fails":
            x, y = _simplest(sx, vx), _simplest(sy, vy)
            if x is not sx.value or y is not sy.value:
                evaluation = model.evaluate_at(claim, {vx.key: x, vy.key: y}, variables)
            failures.append(((_key(x, vx), _key(y, vy)), evaluation))
    detail = (
        f"exact map of {vx.label} over {vx.range_text()} and {vy.label} over "
        f"{vy.range_text()}: {checked} cells, lines and corners checked"
    )
    if not included:
        return ClaimCheck(claim, "vacuous", "map", checked=checked,
                          detail="no value in the ranges satisfies the assumptions and conditions")
    if failures:
        _, evaluation = min(failures, key=lambda f: f[0])
        return ClaimCheck(
            claim, "refuted", "map", checked=checked, counterexample=evaluation,
            detail=detail, floating=floating,
        )
    return ClaimCheck(claim, "proved", "map", checked=checked, detail=detail, floating=floating)

