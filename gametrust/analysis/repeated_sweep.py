"""Sweeps of repeated games: where the set of equilibrium profiles changes, exactly.

:func:`sweep_repeated` frees one value — the discount (``--param delta``),
another parameter, an empathy weight — holds the others at their values,
computes every listed profile's Nash and subgame-perfect sets in it
(:func:`gametrust.analysis.repeated.profile_report`) and cuts the range at
the ends of those sets: between two breakpoints the set of equilibrium
profiles does not change.

>>> import gametrust
>>> result = sweep_repeated(gametrust.load("scenarios/korea_repeated.yaml"), "param:delta")
>>> [show(b) for b in result.breakpoints]
['1/2', '2/3']
>>> result.segments[-1].subgame_perfect
('mutual grim trigger', 'mutual always defect')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import Any

from ..core.errors import ArgumentError, Location
from ..core.exact import format_number
from ..core.progress import step
from ..scenario.repeated import discount_name, strategy_automata
from ..scenario.scenario import Scenario
from .parametric import Axis, between, show_value, sorted_unique, sweep_range
from .repeated import (
    RepeatedProfile,
    check_discount_and_noise,
    profile_report,
    repeated_stage,
    set_dict,
)

__all__ = ["RepeatedSegment", "RepeatedSweep", "show", "sweep_repeated"]


def show(value: Any) -> str:
    """A breakpoint for people (:func:`gametrust.analysis.parametric.show_value`)."""
    return show_value(value)


@dataclass(frozen=True)
class RepeatedSegment:
    """An open interval or a breakpoint of the sweep and the profiles that are equilibria on
    it (each profile by its name)."""

    lo: Any
    hi: Any
    nash: tuple[str, ...]
    subgame_perfect: tuple[str, ...]
    is_point: bool = False

    def label(self, symbol: str) -> str:
        if self.is_point:
            return f"{symbol} = {show(self.lo)}"
        return f"{symbol} in ({show(self.lo)}, {show(self.hi)})"

    def to_dict(self) -> dict[str, Any]:
        where = {"at": show(self.lo)} if self.is_point else {"from": show(self.lo),
                                                              "to": show(self.hi)}
        return {"kind": "breakpoint" if self.is_point else "interval", **where,
                "nash": list(self.nash), "subgame_perfect": list(self.subgame_perfect)}


@dataclass(frozen=True)
class RepeatedSweep:
    """The sweep of a repeated game along one value: profiles with their exact sets,
    breakpoints, and the segments between them (ends of the range included)."""

    title: str
    file: str | None
    symbol: str
    what: str
    lo: Fraction
    hi: Fraction
    hi_open: bool
    profiles: tuple[RepeatedProfile, ...]
    breakpoints: tuple[Any, ...]
    segments: tuple[RepeatedSegment, ...]
    fixed: dict[str, str]

    def summary(self) -> str:
        parts = []
        for s in self.segments:
            if not s.is_point:
                spe = ", ".join(s.subgame_perfect) or "none"
                parts.append(f"{s.label(self.symbol)}: {spe}")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        key = "discount_at_least" if self.what == "discount" else "at_least"
        return {
            "title": self.title,
            "file": self.file,
            "sweep": {"variable": self.symbol, "what": self.what, "from": format_number(self.lo),
                      "to": format_number(self.hi), "to_included": not self.hi_open},
            "fixed": dict(self.fixed),
            "breakpoints": [show(b) for b in self.breakpoints],
            "segments": [s.to_dict() for s in self.segments],
            "repeated": {"profiles": [
                {**p.to_dict(), "nash": set_dict(p.nash, key),
                 "subgame_perfect": set_dict(p.subgame_perfect, key)}
                for p in self.profiles]},
        }


def sweep_repeated(
    scenario: Scenario,
    variable: str,
    lo: object = None,
    hi: object = None,
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> RepeatedSweep:
    """Sweep a repeated scenario along ``variable`` (``"param:NAME"``, ``"empathy"`` or
    ``"empathy:PLAYER"``); the discount is swept as its parameter."""
    spec = scenario.repeated
    assert spec is not None
    axis = Axis.parse(variable)
    name = discount_name(spec)
    is_discount = axis.kind == "param" and axis.name == name
    low, high = sweep_range(scenario, axis, lo, hi)
    hi_open = False
    if is_discount:
        if low < 0 or high > 1:
            raise ArgumentError(f"the discount {name} lies in [0, 1); the range "
                                f"[{low}, {high}] leaves it", Location(path=("--from",)))
        hi_open = high == 1
    check_discount_and_noise(scenario, parameters, axis.name if axis.kind == "param" else None)
    stage, _ = repeated_stage(scenario, None if is_discount else axis, parameters, empathy)
    symbol = axis.symbol
    automata = strategy_automata(spec, scenario.player_ids, scenario.actions)
    players = scenario.player_ids
    pairs = list(product(automata[players[0]], automata[players[1]]))
    reports = []
    for k, (a, b) in enumerate(pairs):
        step("sweep: equilibrium sets of each pair of strategies", k, len(pairs))
        reports.append(profile_report(stage, (a, b), players, symbol, low, high, hi_open,
                                      is_discount=is_discount))
    profiles = tuple(reports)
    ends = [x for p in profiles for s in (p.nash, p.subgame_perfect) for x in s.ends()]
    cuts = [x for x in sorted_unique(ends) if _inside(x, low, high)]
    points = [low, *cuts, high]
    segments = []
    for k, point in enumerate(points):
        if k > 0:
            segments.append(_segment(profiles, points[k - 1], point, between(points[k - 1],
                                                                              point)))
        if k < len(points) - 1 or not hi_open:
            segments.append(_segment(profiles, point, point, point, is_point=True))
    values = scenario.parameter_values(parameters)
    fixed = {k: format_number(v) for k, v in values.items() if not (
        axis.kind == "param" and k == axis.name)}
    return RepeatedSweep(scenario.title, scenario.path, symbol,
                         "discount" if is_discount else str(axis), low, high, hi_open,
                         profiles, tuple(cuts), tuple(segments), fixed)


def _inside(x: Any, low: Fraction, high: Fraction) -> bool:
    from ..core.polynomial import compare

    return compare(x, low) > 0 and compare(x, high) < 0


def _segment(profiles: tuple[RepeatedProfile, ...], lo: Any, hi: Any, sample: Any, *,
             is_point: bool = False) -> RepeatedSegment:
    return RepeatedSegment(
        lo, hi,
        tuple(p.name for p in profiles if p.nash.contains(sample)),
        tuple(p.name for p in profiles if p.subgame_perfect.contains(sample)), is_point)
