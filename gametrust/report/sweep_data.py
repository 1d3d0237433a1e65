"""A sweep as data: JSON (``schema_version`` 1) and CSV.

The JSON Schema is ``gametrust/schemas/sweep.schema.json`` (draft 2020-12)
and every field is described in ``docs/sweep.md``.  Every number and formula
is an exact *string*: ``"1/4"``, ``"sqrt(5)"``, ``"(2 - 3*e)/(e + 1)"``
(sympy syntax, ``**`` for powers, in the axis symbol); a bound or breakpoint
also has an ``approx`` float for plotting and sorting.

>>> from gametrust import NormalFormGame
>>> from gametrust.analysis.sweep import sweep
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]],
...                                 players=["US", "DPRK"],
...                                 actions=[["Reassure", "Pressure"], ["Freeze", "Arm"]])
>>> data = to_dict(sweep(pd, "empathy"))
>>> [b["value"] for b in data["breakpoints"]]
['1/4', '2/3']
>>> [i["family"]["short"] for i in data["intervals"]]
['PD', 'SH', 'Harmony']
>>> mixed = data["intervals"][1]["equilibria"][2]
>>> mixed["kind"], mixed["strategies"]["US"]["Reassure"]
('mixed', '(2 - 3*e)/(e + 1)')
"""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.exact import format_number
from ..core.version import __version__
from .sweep import (
    approx,
    dominance,
    exact_text,
    is_rational,
    labelled_segments,
    map_fixed,
    piece_formulas,
    piece_label,
    summary,
    trust_formulas,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.parametric import Axis
    from ..analysis.regions import SweepMap
    from ..analysis.sweep import Breakpoint, Interval, SweepResult
    from ..solvers.result import SolveResult

__all__ = [
    "CSV_COLUMNS",
    "CSV_GRID_COLUMNS",
    "CSV_MAP_COLUMNS",
    "CSV_MAP_GRID_COLUMNS",
    "SCHEMA_VERSION",
    "map_to_dict",
    "render_csv",
    "render_json",
    "render_map_csv",
    "render_map_json",
    "schema",
    "to_dict",
]

#: Bumped only when a field is removed or changes meaning.
SCHEMA_VERSION = 1

#: CSV columns without a grid: one row per segment x equilibrium x player x action.
CSV_COLUMNS = (
    "segment", "where", "index", "lo", "hi", "lo_approx", "hi_approx", "family",
    "family_short", "equilibrium", "kind", "label", "player", "action", "probability",
    "payoff",
)
#: CSV columns with ``--grid``: one row per grid point x equilibrium x player x action.
CSV_GRID_COLUMNS = (
    "point", "value", "value_approx", "where", "index", "family_short", "equilibrium",
    "player", "action", "probability", "probability_approx", "payoff", "payoff_approx",
)
#: CSV columns of a map without a grid: one row per region x equilibrium x player x action.
CSV_MAP_COLUMNS = (
    "region", "conditions", "family", "family_short", "equilibrium", "kind", "label",
    "player", "action", "probability", "payoff", "sample_x", "sample_y",
)
#: CSV columns of a map with ``--grid``: one row per grid point.
CSV_MAP_GRID_COLUMNS = ("x", "y", "region")


# -- pieces shared by the sweep and the map ------------------------------------------------------


def _bound(value: Any) -> dict[str, Any]:
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


def _family(family: Any) -> dict[str, Any]:
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


def _selection(selection: Any, result: SolveResult) -> dict[str, Any]:
    data = selection.to_dict(result)
    return {
        "payoff_dominant": data["payoff_dominant"],
        "risk_dominant": data["risk_dominant"],
        "trust_thresholds": data["trust_thresholds"],
    }


# -- the sweep -----------------------------------------------------------------------------------


def _interval(interval: Interval, index: int, symbol: str) -> dict[str, Any]:
    equilibria = []
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
                "from": _bound(lo),
                "to": _bound(hi),
                "payoff_dominant": s.payoff_dominant,
                "risk_dominant": s.risk_dominant,
            }
            for lo, hi, s in pieces
        ],
        "switches": [
            {
                "at": _bound(at),
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
        "lo": _bound(interval.lo),
        "hi": _bound(interval.hi),
        "closed_lo": interval.closed_lo,
        "closed_hi": interval.closed_hi,
        "sample": format_number(interval.sample),
        "family": _family(interval.family),
        "degenerate": interval.result.degenerate,
        "equilibria": equilibria,
        "selection": selection,
    }


def _breakpoint(bp: Breakpoint, index: int) -> dict[str, Any]:
    return {
        "index": index,
        **_bound(bp.value),
        "exact": bp.exact,
        "family": _family(bp.family),
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
        for m, strategies in enumerate(grid.equilibria(k)):
            payoffs = _grid_payoffs(result, where, index, m, value)
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
                "approx": float(value),
                "interval": index if where == "interval" else None,
                "breakpoint": index if where == "breakpoint" else None,
                "end": index if where == "end" else None,
                "equilibria": equilibria,
            }
        )
    return {"n": grid.n, "points": points}


def _point(result: SweepResult, where: str, index: int) -> Breakpoint:
    """The breakpoint (``where == "breakpoint"``) or end of the range (``"end"``) ``index``."""
    point = result.breakpoints[index] if where == "breakpoint" else result.ends[index]
    assert point is not None
    return point


def _grid_payoffs(
    result: SweepResult, where: str, index: int, m: int, value: Fraction
) -> tuple[Any, ...]:
    if where != "interval":
        return _point(result, where, index).result[m].payoffs
    piece = result.intervals[index].pieces[m]
    if piece.payoff_formulas is None:
        return piece.at_sample.payoffs
    return tuple(f(value) for f in piece.payoff_formulas)


def to_dict(result: SweepResult, *, file: str | None = None) -> dict[str, Any]:
    """A sweep as plain JSON-ready data (see ``docs/sweep.md``)."""
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


def render_json(result: SweepResult, *, file: str | None = None) -> str:
    """:func:`to_dict` as indented JSON text."""
    return json.dumps(to_dict(result, file=file), indent=2, ensure_ascii=False)


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def render_csv(result: SweepResult) -> str:
    """CSV: with a grid, one row per point x equilibrium x player x action; else one row per
    interval or breakpoint x equilibrium x player x action (columns: :data:`CSV_COLUMNS`,
    :data:`CSV_GRID_COLUMNS`; documented in ``docs/sweep.md``)."""
    if result.grid is not None:
        return _csv(CSV_GRID_COLUMNS, _grid_rows(result))
    rows = []
    for position, (where, index, segment) in enumerate(labelled_segments(result)):
        if where == "interval":
            for m, piece in enumerate(segment.pieces):
                strategies, payoffs = piece_formulas(piece)
                for i, player in enumerate(result.players):
                    for a, action in enumerate(result.actions[i]):
                        rows.append(
                            _row(position, where, index, segment.lo, segment.hi,
                                 segment.family, m, piece.kind, piece_label(piece), player,
                                 action, strategies[i][a], payoffs[i])
                        )
            continue
        for m, eq in enumerate(segment.result):
            label = eq.describe() if eq.kind == "pure" else "mixed"
            for i, player in enumerate(result.players):
                for a, action in enumerate(result.actions[i]):
                    rows.append(
                        _row(position, where, index, segment.value, segment.value,
                             segment.family, m, eq.kind, label, player, action,
                             format_number(eq.strategies[i][a]), format_number(eq.payoffs[i]))
                    )
    return _csv(CSV_COLUMNS, rows)


def _row(
    position: int, where: str, index: int, lo: Any, hi: Any, family: Any, m: int, kind: str,
    label: str, player: str, action: str, probability: str, payoff: str,
) -> dict[str, Any]:
    return {
        "segment": position,
        "where": where,
        "index": index,
        "lo": exact_text(lo),
        "hi": exact_text(hi),
        "lo_approx": repr(approx(lo)),
        "hi_approx": repr(approx(hi)),
        "family": family.name,
        "family_short": family.short,
        "equilibrium": m,
        "kind": kind,
        "label": label,
        "player": player,
        "action": action,
        "probability": probability,
        "payoff": payoff,
    }


def _grid_rows(result: SweepResult) -> list[dict[str, Any]]:
    grid = result.grid
    assert grid is not None
    rows = []
    for k in range(grid.n):
        where, index = grid.where(k)
        value = grid.point(k)
        family = (
            result.intervals[index] if where == "interval" else _point(result, where, index)
        ).family
        for m, strategies in enumerate(grid.equilibria(k)):
            payoffs = _grid_payoffs(result, where, index, m, value)
            for i, player in enumerate(result.players):
                for a, action in enumerate(result.actions[i]):
                    p = strategies[i][a]
                    rows.append(
                        {
                            "point": k,
                            "value": format_number(value),
                            "value_approx": repr(float(value)),
                            "where": where,
                            "index": index,
                            "family_short": family.short,
                            "equilibrium": m,
                            "player": player,
                            "action": action,
                            "probability": format_number(p),
                            "probability_approx": repr(float(p)),
                            "payoff": format_number(payoffs[i]),
                            "payoff_approx": repr(float(payoffs[i])),
                        }
                    )
    return rows


# -- the map -------------------------------------------------------------------------------------


def map_to_dict(
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
                "degenerate": region.result.degenerate,
                "equilibria": _solved_equilibria(region.result),
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
        "fixed": _fixed(map_fixed(sweep_map)),
        "boundaries": {
            "x": [_bound(b) for b in sweep_map.x_breaks],
            "y": [_bound(b) for b in sweep_map.y_breaks],
        },
        "regions": regions,
        "cells": [
            {
                "column": c.column,
                "row": c.row,
                "x": [_bound(c.x[0]), _bound(c.x[1])],
                "y": [_bound(c.y[0]), _bound(c.y[1])],
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


def render_map_json(
    sweep_map: SweepMap, *, file: str | None = None, grid: int | None = None
) -> str:
    """:func:`map_to_dict` as indented JSON text."""
    return json.dumps(map_to_dict(sweep_map, file=file, grid=grid), indent=2, ensure_ascii=False)


def render_map_csv(sweep_map: SweepMap, *, grid: int | None = None) -> str:
    """CSV of a map: one row per region x equilibrium x player x action (values at the
    region's sample point), or with ``grid=n`` one row per grid point (x, y, region)."""
    if grid is not None:
        xs, ys, ids = sweep_map.grid(grid)
        rows = [
            {"x": repr(float(x)), "y": repr(float(y)), "region": int(ids[r][c])}
            for r, y in enumerate(ys)
            for c, x in enumerate(xs)
        ]
        return _csv(CSV_MAP_GRID_COLUMNS, rows)
    samples = {(c.column, c.row): c.sample for c in sweep_map.cells}
    rows = []
    for region in sweep_map.regions:
        sample = samples[region.cells[0]]
        for m, eq in enumerate(region.result):
            label = eq.describe() if eq.kind == "pure" else "mixed"
            for i, player in enumerate(sweep_map.players):
                for a, action in enumerate(sweep_map.actions[i]):
                    rows.append(
                        {
                            "region": region.index,
                            "conditions": region.describe(),
                            "family": region.family.name,
                            "family_short": region.family.short,
                            "equilibrium": m,
                            "kind": eq.kind,
                            "label": label,
                            "player": player,
                            "action": action,
                            "probability": format_number(eq.strategies[i][a]),
                            "payoff": format_number(eq.payoffs[i]),
                            "sample_x": format_number(sample[0]),
                            "sample_y": format_number(sample[1]),
                        }
                    )
    return _csv(CSV_MAP_COLUMNS, rows)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_dict` and :func:`map_to_dict` output.

    >>> schema()["$defs"]["sweep"]["properties"]["schema_version"]["const"]
    1
    """
    from importlib.resources import files

    text = files("gametrust").joinpath("schemas", "sweep.schema.json").read_text("utf-8")
    return json.loads(text)
