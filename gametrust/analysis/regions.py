"""Two-dimensional maps: the plane of two players' empathy weights, in exact regions.

With either empathy model a player's adjusted payoffs depend on its own weight
only (``u'_i = u_i + e_i * u_j``).  The row player's best-response structure
therefore changes only on vertical lines ``e_1 = c`` and the column player's
only on horizontal lines ``e_2 = c``, where ``c`` are the exact breakpoints of
one-dimensional sweeps of each player's payoffs.  The plane splits into a grid
of rectangles with the same equilibria, family and structure; neighbouring
rectangles that agree are merged into regions, each described by exact
inequalities.  (Risk dominance compares products of both players' losses, so
it can change along curves inside a region; each region reports it at its
sample point.)

>>> from gametrust import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]],
...                                 players=["US", "DPRK"], actions=[["C", "D"], ["C", "D"]])
>>> m = sweep_map(pd, ("empathy:US", "empathy:DPRK"))
>>> [str(x) for x in m.x_breaks], [str(y) for y in m.y_breaks]
(['1/4', '2/3'], ['1/4', '2/3'])
>>> m.regions[4].describe(), m.regions[4].family.short
('1/4 < e_US < 2/3 and 1/4 < e_DPRK < 2/3', 'SH')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.display import Displayable
from ..core.errors import ArgumentError, Location
from ..core.exact import format_number
from ..core.progress import step
from ..model.empathy import apply_empathy, swept_names, weight_owner
from ..solvers.result import SolveResult
from .parametric import (
    Axis,
    between,
    cleared_polys,
    greater,
    parametric_tensor,
    player_polys,
    roots_of,
    show_value,
    sweep_range,
)
from .pieces import PointEvaluator
from .selection import Selection

if TYPE_CHECKING:  # pragma: no cover
    from ..model.game import NormalFormGame
    from ..scenario.scenario import Scenario
    from .families import Family
    from .structure import GameStructure

__all__ = ["Cell", "MapBuild", "Region", "SweepMap", "sweep_map"]


@dataclass(frozen=True)
class Cell:
    """An open rectangle ``x in (x_lo, x_hi), y in (y_lo, y_hi)`` of constant equilibria."""

    column: int  # index of the x interval
    row: int  # index of the y interval
    x: tuple[Any, Any]
    y: tuple[Any, Any]
    sample: tuple[Fraction, Fraction]
    region: int


@dataclass(frozen=True)
class Region:
    """Cells (connected, with equal equilibria and family) merged into one region."""

    index: int
    cells: tuple[tuple[int, int], ...]  # (column, row)
    family: Family
    result: SolveResult  # at the sample point of its first cell
    selection: Selection
    conditions: tuple[str, ...]  # one line of inequalities per rectangle of the union
    structure: GameStructure | None = None  # what a summary says (constant on the region)

    def describe(self) -> str:
        return " or ".join(f"({c})" if len(self.conditions) > 1 else c for c in self.conditions)


@dataclass(frozen=True)
class SweepMap(Displayable):
    """The plane of two empathy weights split into regions with exact boundaries."""

    title: str
    axes: tuple[Axis, Axis]
    x_range: tuple[Fraction, Fraction]
    y_range: tuple[Fraction, Fraction]
    x_breaks: tuple[Any, ...]  # exact vertical boundary lines
    y_breaks: tuple[Any, ...]  # exact horizontal boundary lines
    cells: tuple[Cell, ...]
    regions: tuple[Region, ...]
    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    fixed: dict[str, Any] = field(default_factory=dict)  # parameters, empathy model

    def to_frame(self) -> Any:
        """One row per region, as a pandas DataFrame (:mod:`gametrust.analysis.frames`)."""
        from .frames import map_frame

        return map_frame(self)

    def region_at(self, x: object, y: object) -> int | None:
        """The region holding the point, ``None`` on a boundary line."""
        px, py = Fraction(x), Fraction(y)  # type: ignore[arg-type]
        col = _slot(px, self.x_range, self.x_breaks)
        row = _slot(py, self.y_range, self.y_breaks)
        if col is None or row is None:
            return None
        for cell in self.cells:
            if cell.column == col and cell.row == row:
                return cell.region
        return None  # pragma: no cover

    def grid(self, n: int = 101) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(xs, ys, ids)``: region ids on an n x n grid (-1 on boundary lines), for plots."""
        xs = np.linspace(float(self.x_range[0]), float(self.x_range[1]), n)
        ys = np.linspace(float(self.y_range[0]), float(self.y_range[1]), n)
        xcols = [_slot_float(v, self.x_breaks) for v in xs]
        yrows = [_slot_float(v, self.y_breaks) for v in ys]
        lookup = {(c.column, c.row): c.region for c in self.cells}
        ids = np.array([[lookup.get((c, r), -1) for c in xcols] for r in yrows])
        return xs, ys, ids

    def __str__(self) -> str:
        """Title, axes, boundary lines and each region with its family (the full report is
        ``gametrust.report.sweep.render``)."""
        lines = [f"{self.title or 'Map'}: {self.axes[0]} and {self.axes[1]}"]
        for axis, bounds, breaks in (
            (self.axes[0], self.x_range, self.x_breaks),
            (self.axes[1], self.y_range, self.y_breaks),
        ):
            lines.append(
                f"{axis.symbol} from {format_number(bounds[0])} to {format_number(bounds[1])}, "
                f"boundaries: {', '.join(show_value(b) for b in breaks) or 'none'}"
            )
        lines += [
            f"R{r.index + 1}: {r.describe()}: {r.family.short}" for r in self.regions
        ]
        return "\n".join(lines)

    def to_dict(self, *, file: str | None = None, grid: int | None = None) -> dict[str, Any]:
        """The map as JSON-ready data (``gametrust sweep --empathy A --empathy B --format
        json``; see ``docs/sweep.md``); ``grid=n`` adds the region ids on an n x n grid."""
        from .sweep_dict import sweep_map_dict  # when asked for: not at start-up

        return sweep_map_dict(self, file=file, grid=grid)


def _slot(
    value: Fraction, bounds: tuple[Fraction, Fraction], breaks: tuple[Any, ...]
) -> int | None:
    if not bounds[0] <= value <= bounds[1]:
        raise ArgumentError(f"{value} is outside the mapped range", Location(path=("point",)))
    index = 0
    for b in breaks:
        if isinstance(b, Fraction) and b == value:
            return None
        if greater(value, b):
            index += 1
    return index


def _slot_float(value: float, breaks: tuple[Any, ...]) -> int:
    return sum(1 for b in breaks if value > float(b))


def sweep_map(
    source: Scenario | NormalFormGame,
    axes: tuple[str, str] | None = None,
    x_range: tuple[object, object] | None = None,
    y_range: tuple[object, object] | None = None,
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
    executor: Executor | None = None,
) -> SweepMap:
    """Map the plane of the two players' empathy weights (default ranges [0, 1]).

    With ``executor`` the cells are solved on it, in chunks (the same map)."""
    from .families import classify

    players = _player_ids(source)
    if axes is None:
        axes = (f"empathy:{players[0]}", f"empathy:{players[1]}") if len(players) == 2 else ("", "")
    ax = tuple(a if isinstance(a, Axis) else Axis.parse(a) for a in axes)
    model = getattr(source, "empathy_model", "altruism")
    owners = [_owner(model, players, a) for a in ax]
    if len(players) != 2 or None in owners or owners[0] == owners[1]:
        raise ArgumentError(
            "two-dimensional maps are over the two players' empathy weights "
            "(e.g. --empathy US --empathy DPRK; --empathy Row.beta --empathy Col.beta with "
            "a two-weight model) of a two-player game",
            Location(path=("--empathy",)),
        )
    xr = sweep_range(source, ax[0], *(x_range or (None, None)))
    yr = sweep_range(source, ax[1], *(y_range or (None, None)))
    # each axis moves one player's payoffs only: its own breakpoints are its lines
    breaks = []
    for axis, (lo, hi) in zip(ax, (xr, yr), strict=True):
        ids, _, tensor = parametric_tensor(source, axis, parameters, empathy)
        player = ids.index(_owner(model, ids, axis))
        polys = cleared_polys(tensor, axis.symbol, lo, hi)
        breaks.append(tuple(roots_of(player_polys(polys, player, lo, hi), lo, hi)))
    x_breaks, y_breaks = breaks

    build = MapBuild(source, None if parameters is None else dict(parameters),
                     dict(empathy or {}), ax[0].name, ax[1].name)
    evaluator = PointEvaluator(build, classify)
    xs = [xr[0], *x_breaks, xr[1]]
    ys = [yr[0], *y_breaks, yr[1]]
    x_samples = [between(xs[k], xs[k + 1]) for k in range(len(xs) - 1)]
    y_samples = [between(ys[k], ys[k + 1]) for k in range(len(ys) - 1)]
    evaluator.solve_all([(sx, sy) for sx in x_samples for sy in y_samples], executor)
    signature = {}
    for c, sx in enumerate(x_samples):
        for r, sy in enumerate(y_samples):
            step("map: solving each cell", len(signature), len(x_samples) * len(y_samples))
            signature[(c, r)] = evaluator.at((sx, sy)).signature
    # connected components of equal signature (4-neighbourhood)
    region_of: dict[tuple[int, int], int] = {}
    components: list[list[tuple[int, int]]] = []
    for start in sorted(signature):
        if start in region_of:
            continue
        index = len(components)
        stack, members = [start], []
        region_of[start] = index
        while stack:
            c, r = stack.pop()
            members.append((c, r))
            for nb in ((c + 1, r), (c - 1, r), (c, r + 1), (c, r - 1)):
                if nb in signature and nb not in region_of and signature[nb] == signature[start]:
                    region_of[nb] = index
                    stack.append(nb)
        components.append(sorted(members))
    cells = tuple(
        Cell(c, r, (xs[c], xs[c + 1]), (ys[r], ys[r + 1]), (x_samples[c], y_samples[r]),
             region_of[(c, r)])
        for (c, r) in sorted(signature)
    )
    regions = []
    for index, members in enumerate(components):
        c0, r0 = members[0]
        point = evaluator.at((x_samples[c0], y_samples[r0]))
        conditions = _describe(members, xs, ys, ax[0].symbol, ax[1].symbol, xr, yr)
        regions.append(
            Region(index, tuple(members), point.family, point.result, point.selection, conditions,
                   point.structure)
        )
    return SweepMap(
        title=source.title,
        axes=(ax[0], ax[1]),
        x_range=xr,
        y_range=yr,
        x_breaks=x_breaks,
        y_breaks=y_breaks,
        cells=cells,
        regions=tuple(regions),
        players=tuple(players),
        actions=tuple(tuple(a) for a in source.actions),
        fixed=_fixed(source, parameters),
    )


@dataclass(frozen=True)
class MapBuild:
    """The game at a point ``(x, y)`` of the two players' weights (a value: it pickles)."""

    source: Any
    parameters: Mapping[str, object] | None
    empathy: Mapping[str, object]
    x: str
    y: str

    def __call__(self, point: tuple[Any, Any]) -> NormalFormGame:
        weights = {**self.empathy, self.x: point[0], self.y: point[1]}
        if hasattr(self.source, "build"):
            return self.source.build(self.parameters, weights)  # type: ignore[no-any-return]
        return apply_empathy(self.source, [weights.get(p, 0) for p in self.source.players])


def _fixed(source: Any, parameters: Mapping[str, object] | None) -> dict[str, Any]:
    if not hasattr(source, "parameter_values"):
        return {"empathy_model": "altruism"}
    return {
        "parameters": source.parameter_values(parameters),
        "empathy_model": source.empathy_model,
    }


def _owner(model: str, players: Sequence[str], axis: Axis) -> str | None:
    """The player whose one weight ``axis`` sweeps (``None``: not one player's weight)."""
    if axis.kind != "empathy" or not axis.name:
        return None
    names = swept_names(model, players, axis.name)
    if len(names) != 1:
        return None
    return weight_owner(model, names[0])


def _player_ids(source: Any) -> tuple[str, ...]:
    return tuple(source.players) if hasattr(source, "payoffs") and not hasattr(
        source, "build"
    ) else tuple(source.player_ids)


def _describe(
    members: list[tuple[int, int]],
    xs: list[Any],
    ys: list[Any],
    xname: str,
    yname: str,
    xr: tuple[Fraction, Fraction],
    yr: tuple[Fraction, Fraction],
) -> tuple[str, ...]:
    """Inequalities for a union of cells: merge runs of rows, then runs of columns."""
    by_column: dict[int, list[int]] = {}
    for c, r in members:
        by_column.setdefault(c, []).append(r)
    # rows runs per column
    strips: list[tuple[int, int, int, int]] = []  # c0, c1, r0, r1 (inclusive)
    for c in sorted(by_column):
        rows = sorted(by_column[c])
        start = prev = rows[0]
        for r in [*rows[1:], None]:  # type: ignore[list-item]
            if r is not None and r == prev + 1:
                prev = r
                continue
            strips.append((c, c, start, prev))
            if r is not None:
                start = prev = r
    # merge horizontally adjacent strips with the same row run
    merged: list[tuple[int, int, int, int]] = []
    for strip in sorted(strips, key=lambda s: (s[2], s[3], s[0])):
        if merged and merged[-1][2:] == strip[2:] and merged[-1][1] + 1 == strip[0]:
            merged[-1] = (merged[-1][0], strip[1], strip[2], strip[3])
        else:
            merged.append(strip)

    def bound(name: str, lo: Any, hi: Any, full: tuple[Fraction, Fraction]) -> str | None:
        low, high = lo != full[0], hi != full[1]
        if low and high:
            return f"{show_value(lo)} < {name} < {show_value(hi)}"
        if low:
            return f"{name} > {show_value(lo)}"
        if high:
            return f"{name} < {show_value(hi)}"
        return None

    out = []
    for c0, c1, r0, r1 in merged:
        conds = [
            b
            for b in (
                bound(xname, xs[c0], xs[c1 + 1], xr),
                bound(yname, ys[r0], ys[r1 + 1], yr),
            )
            if b
        ]
        out.append(" and ".join(conds) if conds else "everywhere")
    return tuple(out)
