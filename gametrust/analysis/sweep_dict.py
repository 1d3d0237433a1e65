"""A sweep and a 2-D map as plain JSON-ready data (``schema_version`` 1).

:meth:`SweepResult.to_dict <gametrust.analysis.sweep_result.SweepResult.to_dict>`
and :meth:`SweepMap.to_dict <gametrust.analysis.regions.SweepMap.to_dict>` are
built here; ``gametrust sweep --format json`` prints them.  The JSON Schema is
``gametrust/schemas/sweep.schema.json`` (draft 2020-12) and every field is
described in ``docs/sweep.md``.  Every number and formula is an exact
*string*: ``"1/4"``, ``"sqrt(5)"``, ``"(2 - 3*e)/(e + 1)"`` (sympy syntax,
``**`` for powers, in the axis symbol); a bound or breakpoint also has an
``approx`` float for plotting and sorting.

>>> from gametrust import NormalFormGame
>>> from gametrust.analysis.sweep import sweep
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]],
...                                 players=["US", "DPRK"],
...                                 actions=[["Reassure", "Pressure"], ["Freeze", "Arm"]])
>>> data = sweep_result_dict(sweep(pd, "empathy"))
>>> [b["value"] for b in data["breakpoints"]]
['1/4', '2/3']
>>> [i["family"]["short"] for i in data["intervals"]]
['PD', 'SH', 'Harmony']
>>> mixed = data["intervals"][1]["equilibria"][2]
>>> mixed["kind"], mixed["strategies"]["US"]["Reassure"]
('mixed', '(2 - 3*e)/(e + 1)')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.exact import format_number
from ..core.polynomial import approx
from ..core.version import __version__
from .sweep_facts import (
    dominance,
    exact_text,
    is_rational,
    piece_formulas,
    piece_label,
    summary,
    trust_formulas,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..solvers.result import SolveResult
    from .families import Family
    from .parametric import Axis
    from .regions import Region, SweepMap
    from .selection import Selection
    from .sweep_result import Breakpoint, Interval, SweepResult

__all__ = ["SCHEMA_VERSION", "bound_dict", "sweep_map_dict", "sweep_result_dict"]

#: Bumped only when a field is removed or changes meaning.
SCHEMA_VERSION = 1


# -- pieces shared by the sweep and the map ------------------------------------------------------


def bound_dict(value: Any) -> dict[str, Any]:
    """A bound or breakpoint: ``{value, approx, rational}``."""
    return {"value": exact_text(value), "approx": approx(value), "rational": is_rational(value)}


def _range(bounds: tuple[Any, Any]) -> dict[str, str]:
    return {"from": exact_text(bounds[0]), "to": exact_text(bounds[1])}


def _axis(axis: Axis) -> dict[str, Any]:
    return {
        "kind": axis.kind,
        "name": axis.name or None,
        "symbol": axis.symbol,
        "description": str(axis),
    }


def _family(family: Family) -> dict[str, Any]:
    return {
        "name": family.name,
        "short": family.short,
        "index": family.index,
        "group": family.group,
        "strict": family.strict,
        "symmetric": family.symmetric,
        "description": str(family),
        "player_types": dict(family.player_types),
        "borders": list(family.borders),
        "facts": list(family.facts),
    }


def _fixed(fixed: dict[str, Any]) -> dict[str, Any]:
    return {
        "parameters": {k: exact_text(v) for k, v in (fixed.get("parameters") or {}).items()},
        "empathy": {k: exact_text(v) for k, v in (fixed.get("empathy") or {}).items()},
        "empathy_model": fixed.get("empathy_model"),
    }


def _players(players: tuple[str, ...], actions: tuple[tuple[str, ...], ...]) -> list[dict]:
    return [{"id": p, "actions": list(a)} for p, a in zip(players, actions, strict=True)]


def _solved_equilibria(result: SolveResult) -> list[dict[str, Any]]:
    """Equilibria of a game solved at one point (exact numbers, or floats at irrational points)."""
    component_of = {k: c for c, members in enumerate(result.components) for k in members}
    out = []
    for k, eq in enumerate(result):
        base = eq.to_dict()
        out.append(
            {
                "index": k,
                "kind": eq.kind,
                "profile": list(eq.profile) if eq.profile is not None else None,
                "support": base["support"],
                "strategies": base["strategies"],
                "payoffs": base["payoffs"],
                "strict": eq.strict,
                "component": component_of.get(k),
            }
        )
    return out


def _selection(selection: Selection, result: SolveResult) -> dict[str, Any]:
    data = selection.to_dict(result)
    return {
        "payoff_dominant": data["payoff_dominant"],
        "risk_dominant": data["risk_dominant"],
        "trust_thresholds": data["trust_thresholds"],
    }


# -- the sweep -----------------------------------------------------------------------------------


def _structure(segment: Interval | Breakpoint | Region) -> dict[str, Any]:
    if segment.structure is not None:
        return segment.structure.to_dict()
    from .structure import game_structure  # a segment made without one

    return game_structure(segment.result).to_dict()


def _interval(interval: Interval, index: int, symbol: str) -> dict[str, Any]:
    equilibria = []
    component_of = {k: c for c, members in enumerate(interval.components) for k in members}
    for k, piece in enumerate(interval.pieces):
        strategies, payoffs = piece_formulas(piece)
        players, actions = interval.result.game.players, interval.result.game.actions
        equilibria.append(
            {
                "index": k,
                "kind": piece.kind,
                "label": piece_label(piece),
                "profile": [s[0] for s in piece.supports] if piece.kind == "pure" else None,
                "support": {p: list(s) for p, s in zip(players, piece.supports, strict=True)},
                "strategies": {
                    p: dict(zip(actions[i], strategies[i], strict=True))
                    for i, p in enumerate(players)
                },
                "payoffs": dict(zip(players, payoffs, strict=True)),
                "strict": piece.strict,
                "component": component_of.get(k),
                "symbolic": piece.formulas is not None,
            }
        )
    dom = dominance(interval, symbol)
    pieces = interval.selections or ((interval.lo, interval.hi, interval.selection),)
    selection = {
        "payoff_dominant": [{"equilibrium": k, "where": w} for k, w in dom.payoff.items()],
        "risk_dominant": [{"equilibrium": k, "where": w} for k, w in dom.risk.items()],
        "pieces": [
            {
                "from": bound_dict(lo),
                "to": bound_dict(hi),
                "payoff_dominant": s.payoff_dominant,
                "risk_dominant": s.risk_dominant,
            }
            for lo, hi, s in pieces
        ],
        "switches": [
            {
                "at": bound_dict(at),
                "payoff_dominant": s.payoff_dominant if is_rational(at) else None,
                "risk_dominant": s.risk_dominant if is_rational(at) else None,
                "exact": is_rational(at),
            }
            for at, s in interval.selection_points
        ],
        "trust_thresholds": [
            {
                "cooperative": t.cooperative,
                "alternative": t.alternative,
                "thresholds": t.thresholds,
                "symbolic": t.symbolic,
                "where": t.where,
                "at": None if t.sample is None else format_number(t.sample),
            }
            for t in trust_formulas(interval, symbol)
        ],
    }
    return {
        "index": index,
        "lo": bound_dict(interval.lo),
        "hi": bound_dict(interval.hi),
        "closed_lo": interval.closed_lo,
        "closed_hi": interval.closed_hi,
        "sample": format_number(interval.sample),
        "family": _family(interval.family),
        "structure": _structure(interval),
        "degenerate": interval.result.degenerate,
        "equilibria": equilibria,
        "components": [list(c) for c in interval.components],
        "selection": selection,
    }


def _breakpoint(bp: Breakpoint, index: int) -> dict[str, Any]:
    return {
        "index": index,
        **bound_dict(bp.value),
        "exact": bp.exact,
        "family": _family(bp.family),
        "structure": _structure(bp),
        "degenerate": bp.result.degenerate,
        "equilibria": _solved_equilibria(bp.result),
        "components": [list(c) for c in bp.result.components],
        "selection": _selection(bp.selection, bp.result),
    }


def _grid(result: SweepResult) -> dict[str, Any] | None:
    grid = result.grid
    if grid is None:
        return None
    points = []
    for k in range(grid.n):
        where, index = grid.where(k)
        value = grid.point(k)
        equilibria = []
        for strategies, payoffs in zip(
            grid.equilibria(k), result.grid_payoffs(k), strict=True
        ):
            equilibria.append(
                {
                    "strategies": {
                        p: {
                            a: format_number(q)
                            for a, q in zip(result.actions[i], strategies[i], strict=True)
                        }
                        for i, p in enumerate(result.players)
                    },
                    "payoffs": dict(
                        zip(result.players, (format_number(v) for v in payoffs), strict=True)
                    ),
                }
            )
        points.append(
            {
                "index": k,
                "value": format_number(value),
                "approx": approx(value),
                "interval": index if where == "interval" else None,
                "breakpoint": index if where == "breakpoint" else None,
                "end": index if where == "end" else None,
                "equilibria": equilibria,
            }
        )
    return {"n": grid.n, "points": points}


def sweep_result_dict(result: SweepResult, *, file: str | None = None) -> dict[str, Any]:
    """A sweep as plain JSON-ready data (see ``docs/sweep.md``); ``file`` is the scenario's."""
    sym = result.axis.symbol
    return {
        "schema_version": SCHEMA_VERSION,
        "gametrust_version": __version__,
        "kind": "sweep",
        "scenario": {"title": result.title, "file": file},
        "players": _players(result.players, result.actions),
        "axis": _axis(result.axis),
        "range": _range((result.lo, result.hi)),
        "fixed": _fixed(result.fixed),
        "summary": summary(result),
        "intervals": [_interval(iv, k, sym) for k, iv in enumerate(result.intervals)],
        "breakpoints": [_breakpoint(bp, k) for k, bp in enumerate(result.breakpoints)],
        "ends": {
            side: None if bp is None else _breakpoint(bp, k)
            for k, (side, bp) in enumerate(zip(("from", "to"), result.ends, strict=True))
        },
        "grid": _grid(result),
    }


# -- the map -------------------------------------------------------------------------------------


def sweep_map_dict(
    sweep_map: SweepMap, *, file: str | None = None, grid: int | None = None
) -> dict[str, Any]:
    """A 2-D map as plain JSON-ready data; ``grid=n`` adds the region ids on an n x n grid."""
    samples = {(c.column, c.row): c.sample for c in sweep_map.cells}
    regions = []
    for region in sweep_map.regions:
        sample = samples[region.cells[0]]
        regions.append(
            {
                "index": region.index,
                "conditions": list(region.conditions),
                "description": region.describe(),
                "cells": [list(c) for c in region.cells],
                "sample": [format_number(sample[0]), format_number(sample[1])],
                "family": _family(region.family),
                "structure": _structure(region),
                "degenerate": region.result.degenerate,
                "equilibria": _solved_equilibria(region.result),
                "components": [list(c) for c in region.result.components],
                "selection": _selection(region.selection, region.result),
            }
        )
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "gametrust_version": __version__,
        "kind": "map",
        "scenario": {"title": sweep_map.title, "file": file},
        "players": _players(sweep_map.players, sweep_map.actions),
        "axes": [_axis(a) for a in sweep_map.axes],
        "x_range": _range(sweep_map.x_range),
        "y_range": _range(sweep_map.y_range),
        "fixed": _fixed(sweep_map.fixed),
        "boundaries": {
            "x": [bound_dict(b) for b in sweep_map.x_breaks],
            "y": [bound_dict(b) for b in sweep_map.y_breaks],
        },
        "regions": regions,
        "cells": [
            {
                "column": c.column,
                "row": c.row,
                "x": [bound_dict(c.x[0]), bound_dict(c.x[1])],
                "y": [bound_dict(c.y[0]), bound_dict(c.y[1])],
                "region": c.region,
            }
            for c in sweep_map.cells
        ],
        "grid": None,
    }
    if grid is not None:
        xs, ys, ids = sweep_map.grid(grid)
        data["grid"] = {
            "n": grid,
            "x": [float(v) for v in xs],
            "y": [float(v) for v in ys],
            "region": [[int(v) for v in row] for row in ids],
        }
    return data
