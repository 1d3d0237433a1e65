"""A sweep as data: JSON (``schema_version`` 1) and CSV.

The JSON is the result's own data (:meth:`SweepResult.to_dict
<gametrust.analysis.sweep_result.SweepResult.to_dict>`,
:meth:`SweepMap.to_dict <gametrust.analysis.regions.SweepMap.to_dict>`),
serialised here; its JSON Schema is ``gametrust/schemas/sweep.schema.json``
(draft 2020-12, :func:`schema`) and every field is described in
``docs/sweep.md``.  The CSV tables (:data:`CSV_COLUMNS` and the others) hold
the same exact strings, one row per segment (or grid point), equilibrium,
player and action.

>>> from gametrust import NormalFormGame
>>> from gametrust.analysis.sweep import sweep
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]],
...                                 players=["US", "DPRK"],
...                                 actions=[["Reassure", "Pressure"], ["Freeze", "Arm"]])
>>> rows = render_csv(sweep(pd, "empathy")).splitlines()
>>> rows[1].split(",")[:5]
['0', 'interval', '0', '0', '1/4']
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from ..analysis.sweep_facts import exact_text, labelled_segments, piece_formulas, piece_label
from ..core.exact import format_number
from ..core.polynomial import approx

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.regions import SweepMap
    from ..analysis.sweep_result import SweepResult

__all__ = [
    "CSV_COLUMNS",
    "CSV_GRID_COLUMNS",
    "CSV_MAP_COLUMNS",
    "CSV_MAP_GRID_COLUMNS",
    "render_csv",
    "render_json",
    "render_map_csv",
    "render_map_json",
    "schema",
]

#: CSV columns without a grid: one row per segment x equilibrium x player x action.
CSV_COLUMNS = (
    "segment", "where", "index", "lo", "hi", "lo_approx", "hi_approx", "family",
    "family_short", "equilibrium", "kind", "label", "player", "action", "probability",
    "payoff", "strict", "component",
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


# -- the sweep -----------------------------------------------------------------------------------


def render_json(result: SweepResult, *, file: str | None = None) -> str:
    """The sweep's data (:meth:`SweepResult.to_dict`) as indented JSON text."""
    return json.dumps(result.to_dict(file=file), indent=2, ensure_ascii=False)


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
        component_of = {k: c for c, members in enumerate(segment.components) for k in members}
        if where == "interval":
            for m, piece in enumerate(segment.pieces):
                strategies, payoffs = piece_formulas(piece)
                for i, player in enumerate(result.players):
                    for a, action in enumerate(result.actions[i]):
                        rows.append(
                            _row(position, where, index, segment.lo, segment.hi,
                                 segment.family, m, piece.kind, piece_label(piece), player,
                                 action, strategies[i][a], payoffs[i],
                                 piece.strict, component_of.get(m))
                        )
            continue
        for m, eq in enumerate(segment.result):
            label = eq.describe() if eq.kind == "pure" else "mixed"
            for i, player in enumerate(result.players):
                for a, action in enumerate(result.actions[i]):
                    rows.append(
                        _row(position, where, index, segment.value, segment.value,
                             segment.family, m, eq.kind, label, player, action,
                             format_number(eq.strategies[i][a]), format_number(eq.payoffs[i]),
                             eq.strict, component_of.get(m))
                    )
    return _csv(CSV_COLUMNS, rows)


def _row(
    position: int, where: str, index: int, lo: Any, hi: Any, family: Any, m: int, kind: str,
    label: str, player: str, action: str, probability: str, payoff: str, strict: bool,
    component: int | None,
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
        "strict": "true" if strict else "false",
        "component": "" if component is None else component,
    }


def _grid_rows(result: SweepResult) -> list[dict[str, Any]]:
    grid = result.grid
    assert grid is not None
    rows = []
    for k in range(grid.n):
        where, index = grid.where(k)
        value = grid.point(k)
        family = result.grid_segment(k).family
        for m, (strategies, payoffs) in enumerate(
            zip(grid.equilibria(k), result.grid_payoffs(k), strict=True)
        ):
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


def render_map_json(
    sweep_map: SweepMap, *, file: str | None = None, grid: int | None = None
) -> str:
    """The map's data (:meth:`SweepMap.to_dict`) as indented JSON text."""
    return json.dumps(sweep_map.to_dict(file=file, grid=grid), indent=2, ensure_ascii=False)


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
    """The JSON Schema (draft 2020-12) of :meth:`SweepResult.to_dict` and :meth:`SweepMap.to_dict`.

    >>> schema()["$defs"]["sweep"]["properties"]["schema_version"]["const"]
    1
    """
    from importlib.resources import files

    text = files("gametrust").joinpath("schemas", "sweep.schema.json").read_text("utf-8")
    return json.loads(text)
