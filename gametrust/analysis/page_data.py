"""The data of a page to share: one exact sweep per slider, as exact JSON-ready numbers.

``gametrust report FILE -o page.html`` writes a self-contained HTML page with
sliders for empathy (common and per player) and for each parameter with a
declared range (:mod:`gametrust.report.page` renders it).  Everything the
page shows at a slider position comes from the exact sweep of that slider,
computed here and embedded in the page:

* the payoff table as rational functions of the swept value ``t``
  (:func:`~gametrust.analysis.parametric.parametric_tensor`),
* the segments of the sweep in order: each interval with its family and its
  equilibria as rational functions of ``t``, each breakpoint with the game
  solved exactly there.

A rational function is ``{"n": [c0, c1, ...], "d": [...]}`` (coefficients as
exact strings, lowest degree first).  A bound is ``{"q": "1/4"}`` when
rational, or ``{"poly": [...], "lo": ..., "hi": ...}`` for a real algebraic
number: the integer polynomial it is a root of and an open interval holding
no other root (the page compares a rational slider value with it by the sign
of the polynomial, exactly).  Payoff and risk dominance and the trust
thresholds are computed in the page from the exact table and equilibria, as
:func:`gametrust.analysis.selection.analyse` does, so they are right at every
point, switch points included.

Only one slider moves at a time: the others stay at the scenario's values
(sweeps are one-dimensional; the page says so).

>>> from gametrust.formats.load import load
>>> data = page_data(load("scenarios/korea.yaml"))
>>> [s["id"] for s in data["sliders"]]
['empathy', 'empathy:US', 'empathy:DPRK', 'param:relief']
>>> [seg.get("at", {}).get("q") for seg in data["sliders"][0]["segments"]]
[None, '1/4', None, '2/3', None, '1']
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import PurePath
from typing import Any

from ..core.algebraic import RealAlgebraic
from ..core.errors import ArgumentError, Location
from ..core.exact import format_number
from ..core.polynomial import Poly, RationalFunction
from ..core.version import __version__
from ..scenario.scenario import Scenario
from .parametric import Axis, check_player, exact_weight, parametric_tensor, show_value
from .run import sweep
from .sweep_result import Breakpoint, Interval, SweepResult

__all__ = ["STEPS", "page_data"]

#: Each slider has this many steps over its range (exact: lo + k * (hi - lo) / STEPS).
STEPS = 100


def _q(value: Any) -> str:
    return format_number(Fraction(value))


def _rf(f: RationalFunction | Any) -> dict[str, list[str]]:
    """A rational function (or an exact constant) as coefficient strings."""
    if not isinstance(f, RationalFunction):
        f = RationalFunction.constant(Fraction(f))
    return {"n": _coeffs(f.num), "d": _coeffs(f.den)}


def _coeffs(p: Poly) -> list[str]:
    return [_q(c) for c in p.coeffs] or ["0"]


def _bound(value: Any) -> dict[str, Any]:
    """A bound or breakpoint: exact rational, or a real algebraic number the page can compare."""
    if isinstance(value, RealAlgebraic):
        lo, hi = value.interval
        return {
            "poly": [str(c) for c in value.poly],
            "lo": _q(lo),
            "hi": _q(hi),
            "text": show_value(value),
            "approx": float(value),
        }
    if getattr(value, "is_Rational", False):
        value = Fraction(int(value.p), int(value.q))
    if isinstance(value, (int, Fraction)):
        return {"q": _q(value), "text": _q(value)}
    raise ArgumentError(
        f"cannot embed the breakpoint {value} exactly in a page", Location(path=("axis",))
    )


def _family(family: Any) -> dict[str, Any]:
    return {"name": family.name, "description": str(family), "facts": list(family.facts)}


def _pure_indices(game: Any, supports: Any) -> list[int] | None:
    if any(len(s) != 1 for s in supports):
        return None
    return [game.action_index(i, s[0]) for i, s in enumerate(supports)]


def _interval(interval: Interval) -> dict[str, Any]:
    game = interval.result.game
    component_of = {k: c for c, members in enumerate(interval.components) for k in members}
    equilibria = []
    for k, piece in enumerate(interval.pieces):
        strategies = piece.formulas or piece.at_sample.strategies
        payoffs = piece.payoff_formulas or piece.at_sample.payoffs
        equilibria.append(
            {
                "kind": piece.kind,
                "strict": piece.strict,
                "pure": _pure_indices(game, piece.supports) if piece.kind == "pure" else None,
                "component": component_of.get(k),
                "strategies": [[_rf(p) for p in player] for player in strategies],
                "payoffs": [_rf(p) for p in payoffs],
            }
        )
    return {
        "type": "interval",
        "lo": _bound(interval.lo),
        "hi": _bound(interval.hi),
        "closed_lo": interval.closed_lo,
        "closed_hi": interval.closed_hi,
        "family": _family(interval.family),
        "degenerate": bool(interval.degenerate),
        "complete": bool(interval.result.complete),
        "continua": [list(c) for c in interval.continua],
        "equilibria": equilibria,
    }


def _point(point: Breakpoint) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "point",
        "at": _bound(point.value),
        "exact": point.exact,
        "family": _family(point.family),
        "degenerate": bool(point.degenerate),
        "complete": bool(point.result.complete),
        "continua": [list(c) for c in point.continua],
    }
    if not point.exact:  # an irrational point, solved in floats: a slider never lands on it
        return data
    component_of = {k: c for c, members in enumerate(point.components) for k in members}
    game = point.result.game
    data["equilibria"] = [
        {
            "kind": e.kind,
            "strict": e.strict,
            "pure": (
                [game.action_index(i, a) for i, a in enumerate(e.profile)]
                if e.kind == "pure" and e.profile is not None else None
            ),
            "component": component_of.get(k),
            "strategies": [[_rf(p) for p in s] for s in e.strategies],
            "payoffs": [_rf(p) for p in e.payoffs],
        }
        for k, e in enumerate(point.result)
    ]
    return data


def _sliders(
    scenario: Scenario, parameters: Mapping[str, object], empathy: Mapping[str, object]
) -> list[tuple[str, str, Fraction, Fraction, Fraction]]:
    """``(axis, label, lo, hi, value)`` for every slider, at the scenario's values."""
    values = scenario.parameter_values(parameters)
    weights = {p: Fraction(w) for p, w in scenario.empathy_weights(parameters).items()}  # type: ignore[arg-type]
    for pid, raw in empathy.items():
        check_player(pid, scenario.player_ids, "--empathy")
        weights[pid] = exact_weight(raw, pid)
    own = [weights.get(p, Fraction(0)) for p in scenario.player_ids]
    common = own[0] if len(set(own)) == 1 else Fraction(0)
    out = [("empathy", "Empathy of every player (common weight e)",
            min(Fraction(0), common), max(Fraction(1), common), common)]
    for pid, w in zip(scenario.player_ids, own, strict=True):
        name = next(p.name for p in scenario.players if p.id == pid)
        label = f"Empathy of {pid}" + (f" ({name})" if name and name != pid else "")
        out.append((f"empathy:{pid}", label, min(Fraction(0), w), max(Fraction(1), w), w))
    for name, parameter in scenario.parameters.items():
        if parameter.range is None:
            continue
        value = Fraction(values[name])  # type: ignore[arg-type]
        lo, hi = (Fraction(v) for v in parameter.range)  # type: ignore[arg-type]
        lo, hi = min(lo, value), max(hi, value)  # --set may start outside the declared range
        if lo < hi:
            out.append((f"param:{name}", f"Parameter {name}", lo, hi, value))
    return out


def _sweep_data(
    scenario: Scenario, axis: str, lo: Fraction, hi: Fraction,
    parameters: Mapping[str, object], empathy: Mapping[str, object],
) -> tuple[SweepResult, Any]:
    ax = Axis.parse(axis)
    fixed_parameters = {k: v for k, v in parameters.items() if not (ax.kind == "param"
                                                                   and k == ax.name)}
    fixed_empathy = {} if ax.kind == "empathy" and not ax.name else {
        k: v for k, v in empathy.items() if k != ax.name}
    result = None if scenario.repeated is not None else sweep(
        scenario, axis, lo, hi, parameters=fixed_parameters or None,
        empathy=fixed_empathy or None)
    if not isinstance(result, SweepResult) or len(result.players) != 2:
        raise ArgumentError(
            "a page is written for a two-player game in strategic form (with empathy and "
            "parameters); for this scenario use gametrust solve and gametrust sweep",
            Location(file=scenario.path),
        )
    _, _, tensor = parametric_tensor(scenario, ax, fixed_parameters or None,
                                     fixed_empathy or None)
    return result, tensor


def page_data(
    scenario: Scenario,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> dict[str, Any]:
    """What the page embeds: the scenario, and for every slider its range and exact sweep.

    ``parameters`` and ``empathy`` change the scenario's values (the sliders
    start there, and the other sliders stay there while one moves).
    """
    parameters = dict(parameters or {})
    empathy = dict(empathy or {})
    sliders = []
    for axis, label, lo, hi, value in _sliders(scenario, parameters, empathy):
        result, tensor = _sweep_data(scenario, axis, lo, hi, parameters, empathy)
        players = len(result.players)
        shape = tensor.shape[1:]
        sliders.append(
            {
                "id": axis,
                "label": label,
                "symbol": result.axis.symbol,
                "lo": _q(lo),
                "hi": _q(hi),
                "steps": STEPS,
                "value": _q(value),
                "summary": result.summary(),
                "fixed": {k: _q(v) for k, v in (result.fixed.get("parameters") or {}).items()},
                "table": [
                    [[_rf(tensor[(i, r, c)]) for i in range(players)] for c in range(shape[1])]
                    for r in range(shape[0])
                ],
                "segments": [
                    _interval(s) if isinstance(s, Interval) else _point(s)
                    for s in result.segments()
                ],
            }
        )
    names = {p.id: p.name for p in scenario.players}
    return {
        "gametrust_version": __version__,
        "title": scenario.title,
        "description": scenario.description,
        "file": PurePath(scenario.path).name if scenario.path else None,  # no local path
        "players": [{"id": p, "name": names.get(p) or p} for p in scenario.player_ids],
        "actions": [list(a) for a in scenario.actions],
        "empathy_model": scenario.empathy_model,
        "sliders": sliders,
    }
