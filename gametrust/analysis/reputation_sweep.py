"""Sweeps of reputation games over the prior: the thresholds ``q^k`` as exact breakpoints.

:func:`sweep_reputation` frees the parameter that is the committed type's
prior (``--param prior``), holds everything else at its value, and cuts the
range at the thresholds ``q, q^2, ..., q^n`` inside it: the equilibrium's
structure changes only there (the first mover's action in the first meeting
flips at ``q^n``; the meeting in which a normal type first mixes moves at
each other threshold).  Each interval and each breakpoint is solved and
certified at a point of it, and reports the first meeting's play, the normal
type's answer there as an exact formula in the prior, and the first meeting
in which the normal type mixes.

>>> import gametrust
>>> result = sweep_reputation(gametrust.load("scenarios/summits.yaml"), "param:prior")
>>> [str(b) for b in result.breakpoints]
['1/8', '1/4', '1/2']
>>> result.segments[1].first_move, result.segments[3].first_move, result.segments[3].first_answer
('0', '1', '3*prior/(1 - prior)')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.errors import ArgumentError, Location
from ..scenario.scenario import Scenario
from ..solvers.reputation import ReputationEquilibrium
from ..solvers.reputation_certificate import certify_reputation
from ..solvers.reputation_unique import uniqueness
from .parametric import Axis, sweep_range
from .reputation import reputation_at

__all__ = ["ReputationSegment", "ReputationSweep", "sweep_reputation"]


@dataclass(frozen=True)
class ReputationSegment:
    """An open interval of the prior (or a breakpoint) and the play there: the first mover's
    probability of ``move`` in the first meeting, the normal type's probability of the
    committed answer there (a formula in the prior), and the first meeting (1-based) in
    which a normal type mixes on the path of committed answers (``None``: it gives the
    committed answer for sure until the last meeting); ``unique`` says whether every
    sequential equilibrium plays so on its path
    (:func:`gametrust.solvers.reputation_unique.uniqueness`), ``why`` why not."""

    lo: Fraction
    hi: Fraction
    first_move: str
    first_answer: str
    mixes_from: int | None
    is_point: bool = False
    unique: bool = True
    why: str = ""

    def label(self, symbol: str) -> str:
        return (f"{symbol} = {self.lo}" if self.is_point else
                f"{symbol} in ({self.lo}, {self.hi})")

    def to_dict(self) -> dict[str, Any]:
        where = ({"at": str(self.lo)} if self.is_point else
                 {"from": str(self.lo), "to": str(self.hi)})
        return {"kind": "breakpoint" if self.is_point else "interval", **where,
                "first_meeting_move": self.first_move,
                "first_meeting_normal_committed": self.first_answer,
                "normal_mixes_from_meeting": self.mixes_from, "unique_on_path": self.unique,
                "uniqueness": self.why or None}


@dataclass(frozen=True)
class ReputationSweep:
    """The sweep of a reputation game over its prior."""

    title: str
    file: str | None
    symbol: str
    lo: Fraction
    hi: Fraction
    actions: tuple[tuple[str, str], tuple[str, str]]
    players: tuple[str, str]
    thresholds: tuple[Fraction, ...]
    breakpoints: tuple[Fraction, ...]
    segments: tuple[ReputationSegment, ...]
    fixed: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "file": self.file,
            "sweep": {"variable": self.symbol, "what": "prior", "from": str(self.lo),
                      "to": str(self.hi)},
            "fixed": dict(self.fixed),
            "thresholds": [{"meetings_left": k + 1, "belief": str(p)}
                           for k, p in enumerate(self.thresholds)],
            "breakpoints": [str(b) for b in self.breakpoints],
            "segments": [s.to_dict() for s in self.segments],
        }


def _answer(eq: ReputationEquilibrium, symbol: str, inside: bool) -> str:
    """The normal type's first-meeting answer as a formula in the prior."""
    n = eq.rounds
    if n == 1:
        return "0"
    sigma = eq.sigma(n, eq.prior)
    if sigma in (0, 1) or not inside:
        return str(sigma)
    p = eq.thresholds[n - 2]
    return f"{(1 - p) / p}*{symbol}/(1 - {symbol})"


def _mixes_from(eq: ReputationEquilibrium) -> int | None:
    for t in range(eq.rounds - 1):
        if eq.prior < eq.thresholds[eq.rounds - t - 2]:
            return t + 1
    return None


def sweep_reputation(
    scenario: Scenario,
    variable: str,
    lo: object = None,
    hi: object = None,
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> ReputationSweep:
    """Sweep a reputation scenario over the parameter that is its prior."""
    spec = scenario.repeated
    assert spec is not None and spec.reputation is not None
    axis = Axis.parse(variable)
    prior = spec.reputation.prior
    name = next(iter(prior.names())) if len(prior.names()) == 1 else None
    if axis.kind != "param" or name is None or axis.name != name or prior.source.strip() != name:
        option = "--param" if axis.kind == "param" else "--empathy"
        raise ArgumentError(
            "a reputation game is swept over the parameter that is its committed type's prior "
            f"(repeated.reputation.committed.prior{'' if name is None else ': ' + name}); "
            "solve it at other values with --set", Location(path=(option,)))
    low, high = sweep_range(scenario, axis, lo, hi)
    if low <= 0 or high >= 1:
        raise ArgumentError(f"the prior lies strictly between 0 and 1; the range [{low}, "
                            f"{high}] leaves it", Location(path=("--from",)))
    fixed = {k: str(v) for k, v in scenario.parameter_values(parameters).items() if k != name}

    def at(value: Fraction) -> ReputationEquilibrium:
        eq = reputation_at(scenario, {**dict(parameters or {}), name: value}, empathy)
        certify_reputation(eq)
        return eq

    first = at((low + high) / 2)
    cuts = tuple(p for p in sorted(first.thresholds) if low < p < high)
    points = [low, *cuts, high]
    segments = []
    for k, point in enumerate(points):
        if k > 0:
            mid = (points[k - 1] + point) / 2
            eq = at(mid)
            found = uniqueness(eq)
            segments.append(ReputationSegment(points[k - 1], point, str(eq.move(eq.rounds, mid)),
                                              _answer(eq, name, True), _mixes_from(eq),
                                              unique=found.unique, why=found.reason))
        eq = at(point)
        found = uniqueness(eq)
        segments.append(ReputationSegment(point, point, str(eq.move(eq.rounds, point)),
                                          _answer(eq, name, False), _mixes_from(eq),
                                          is_point=True, unique=found.unique, why=found.reason))
    stage = first.stage
    return ReputationSweep(scenario.title, scenario.path, name, low, high, stage.actions,
                           stage.players, first.thresholds, cuts, tuple(segments), fixed)
