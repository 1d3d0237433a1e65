"""Exact sweeps of games with types: Bayesian games and costly-signal games.

:func:`sweep_types` follows the equilibria of a scenario with ``types:`` or
``signalling:`` (or of a :class:`~gametrust.model.bayesian.BayesianGame` or
:class:`~gametrust.model.signalling.SignallingGame`) as one value moves: a
parameter (wherever it appears: payoffs, priors, signal costs), an empathy
weight, one player's prior of one type, or a common prior.  It never sweeps a
smaller model: the whole game with its types and signals is solved at every
point.

How.  The engine of the kind (:class:`~gametrust.analysis.bayesian_sweep.BayesianEngine`,
:class:`~gametrust.analysis.signal_sweep.SignalEngine`) gives polynomials in
the swept value whose real roots include every point where the equilibria can
change (each engine's module argues why the set is complete).  Their roots in
the range are found exactly (:func:`gametrust.analysis.parametric.roots_of`);
the game is solved exactly at each root and at a rational point between each
two; where the engine's answer at a sample point relied on further
polynomials (signalling games: the values of a continuum's representative
point), their roots are added and the gaps refined until none has a root
inside.  Neighbours with the same equilibria (supports, best responses,
components, kinds) are merged (:func:`~gametrust.analysis.pieces.split_range`).
Each interval gets its equilibria as exact rational functions of the swept
value; each breakpoint the game solved exactly there.

>>> import gametrust
>>> s = gametrust.load("scenarios/korea_trust.yaml")
>>> print(sweep_types(s, "param:trust").summary())
trust < 1/2: 1 BNE (1 pure); trust = 1/2: 3 BNE (2 pure, 1 mixed), 1 continuum;
trust > 1/2: 3 BNE (2 pure, 1 mixed)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ..core.errors import ArgumentError, Location
from ..core.polynomial import Poly
from ..model.bayesian import BayesianGame
from ..model.signalling import SignallingGame
from .bayesian_sweep import BayesianEngine
from .parametric import between, roots_of, sorted_unique
from .pieces import split_range
from .signal_sweep import SignalEngine
from .types_model import TypeAxis, bayesian_model, signalling_model, type_range
from .types_sweep_result import TypesInterval, TypesPoint, TypesSweep

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario

__all__ = ["EngineSolver", "sweep_types"]

#: Rounds of refinement before a sweep gives up (each round splits at new roots).
MAX_ROUNDS = 20


def _refine(engine: Any, points: list[Any], seen: set[Poly], lo: Fraction, hi: Fraction) -> list:
    """Add the roots of what the answer at each gap's sample relied on, until a round finds no
    new polynomial: then no gap holds a root of any polynomial its own answer relied on."""
    for _ in range(MAX_ROUNDS):
        new: set[Poly] = set()
        for a, b in pairwise(points):
            sample = between(a, b)
            new |= engine.relied(sample, engine.solve(sample)) - seen
        if not new:
            return points
        seen |= new
        points = sorted_unique([*points, *roots_of(new, lo, hi)])
    raise ArgumentError(  # pragma: no cover - a safeguard, never met in tests
        f"the sweep did not settle after {MAX_ROUNDS} rounds of refinement",
        Location(path=(engine.axis.option,)),
    )


def _run(engine: Any, lo: Fraction, hi: Fraction) -> tuple[list[Any], Any]:
    candidates, polys = engine.candidates(lo, hi)
    points = _refine(engine, [lo, *candidates, hi], set(polys), lo, hi)
    split = split_range(points, lambda t: engine.solve(t).signature)
    return points, split


def _sweep(engine: Any, axis: TypeAxis, lo: Fraction, hi: Fraction, *, title: str,
           players: tuple[str, ...], fixed: Mapping[str, Any], solver: Any) -> TypesSweep:
    points, split = _run(engine, lo, hi)
    solved = [engine.solve(t) for t in (*split.gaps, *points)]
    if all(s.result is None and s.signature[0] == "undefined" for s in solved):
        raise ArgumentError(f"the game is defined nowhere in the swept range: "
                            f"{solved[0].note}", Location(path=(axis.option,)))
    intervals = []
    for a, b, closed_lo, closed_hi in split.spans:
        sample = split.gaps[a]
        solution = engine.solve(sample)
        intervals.append(TypesInterval(points[a], points[b], closed_lo, closed_hi, sample,
                                       solution, engine.pieces(solution, sample)))

    def point(k: int) -> TypesPoint:
        return TypesPoint(points[k], engine.solve(points[k]))

    ends = (None if intervals[0].closed_lo else point(0),
            None if intervals[-1].closed_hi else point(len(points) - 1))
    sweep = TypesSweep(title, engine.kind, axis, players, lo, hi, tuple(intervals),
                       tuple(point(k) for k in split.kept), ends, dict(fixed), solver=solver)
    warnings = []
    unsolved = [p for p in sweep.points() if p.solution.signature == ("unsolved",)]
    if unsolved:
        warnings.append(
            f"{len(unsolved)} irrational candidate point(s) could not be solved exactly "
            "(the signalling solver works over the rationals); they are listed as points")
    if any(getattr(s.result, "concept", "") == "pure-bayesian-nash" for s in solved):
        warnings.append("only pure-strategy Bayesian equilibria are computed for games of "
                        f"{len(engine.model.players)} players: the lists are not complete")
    return replace(sweep, warnings=tuple(warnings)) if warnings else sweep


def _resolved(axis: TypeAxis, engine: Any) -> TypeAxis:
    """A common prior named by the type it moves: one player with types is that player's
    prior; several whose first types share a name are that type's common prior."""
    if not axis.common:
        return axis
    if engine.kind == "signalling":
        model = engine.model
        return TypeAxis("prior", player=model.sender, type=axis.type or model.types[0])
    model = engine.model
    typed = [i for i, ts in enumerate(model.types) if len(ts) > 1]
    if len(typed) == 1:
        i = typed[0]
        return TypeAxis("prior", player=model.players[i], type=axis.type or model.types[i][0])
    names = {model.types[i][0] for i in typed}
    if not axis.type and len(names) == 1:
        return TypeAxis("prior", type=names.pop())
    return axis


def _used_elsewhere(scenario: Scenario, axis: TypeAxis) -> set[str]:
    """The parameters a prior sweep still uses: all but those written only in the priors it
    replaces (those are shown nowhere: the sweep sets the priors)."""
    swept = {axis.player} if axis.player else {
        pid for pid, types in scenario.types.items() if len(types) > 1}
    used: set[str] = set()
    for _, expression in scenario.written_expressions():
        used |= expression.names()
    for pid, types in scenario.types.items():
        for t in types:
            if pid not in swept:
                used |= t.prior.names()
            for vector in t.payoffs.values():
                for expression in vector:
                    used |= expression.names()
    if scenario.signalling is not None:
        for row in scenario.signalling.cost.values():
            for expression in row.values():
                used |= expression.names()
    for weight in scenario.empathy.values():
        if hasattr(weight, "names"):
            used |= weight.names()
    return used


def _typed_players(types: tuple[tuple[str, ...], ...], players: tuple[str, ...]) -> tuple[
    str, ...
]:
    return tuple(p for p, t in zip(players, types, strict=True) if len(t) > 1)


def sweep_types(
    subject: Scenario | BayesianGame | SignallingGame,
    variable: str | TypeAxis,
    lo: object = None,
    hi: object = None,
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> TypesSweep:
    """The equilibria of a game with types as one value moves, exactly.

    ``variable`` is ``"param:NAME"``, ``"empathy"``, ``"empathy:PLAYER"``,
    ``"prior:PLAYER.TYPE"``, ``"prior:common"`` (every player with types: its
    first type's prior) or ``"prior:common.TYPE"``.  The range is ``[lo, hi]``
    (the parameter's declared range, else ``[0, 1]``); ``parameters`` and
    ``empathy`` hold other values fixed.  Returns a :class:`TypesSweep`.
    """
    axis = variable if isinstance(variable, TypeAxis) else TypeAxis.parse(variable)
    scenario = None if isinstance(subject, (BayesianGame, SignallingGame)) else subject
    low, high = type_range(scenario, axis, lo, hi)
    if axis.kind == "param" and scenario is not None and axis.name not in scenario.parameters:
        raise ArgumentError(f"unknown parameter {axis.name!r}", Location(path=("--param",)))
    fixed: dict[str, Any] = {}
    if scenario is not None:
        values = scenario.parameter_values(parameters)
        used = _used_elsewhere(scenario, axis) if axis.kind == "prior" else set(values)
        fixed = {k: v for k, v in values.items()
                 if k in used and not (axis.kind == "param" and k == axis.name)}
    signalling = isinstance(subject, SignallingGame) or (
        scenario is not None and scenario.is_signalling)
    if signalling:
        smodel = signalling_model(subject, axis, parameters, empathy)  # type: ignore[arg-type]
        engine: Any = SignalEngine(smodel, axis, low, high)
        players: tuple[str, ...] = (smodel.sender,)
    else:
        bmodel = bayesian_model(subject, axis, parameters, empathy)  # type: ignore[arg-type]
        engine = BayesianEngine(bmodel, axis, low, high)
        players = _typed_players(bmodel.types, bmodel.players)

    axis = _resolved(axis, engine)

    return _sweep(engine, axis, low, high, title=getattr(subject, "title", ""),
                  players=players, fixed=fixed, solver=EngineSolver(engine))


@dataclass(frozen=True)
class EngineSolver:
    """The result at one value of the swept variable; a value, so a sweep pickles."""

    engine: Any

    def __call__(self, t: Fraction) -> Any:
        return self.engine.solve(t).result
