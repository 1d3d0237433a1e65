"""Renderings of a sweep: text for people, and :func:`render` for every format.

A :class:`~gametrust.analysis.sweep_result.SweepResult` (one swept value) or a
:class:`~gametrust.analysis.regions.SweepMap` (the plane of two players' empathy
weights) is rendered by :func:`render` in one of :data:`SWEEP_FORMATS`:

``text``
    what a person reads at a terminal (this module): the axis and range, the
    fixed values, then one block per interval and per breakpoint in order,
    each with the game family, the equilibria (probabilities and payoffs as
    exact functions of the swept value), payoff and risk dominance and the
    trust thresholds, and a one-line summary.
``json`` / ``csv``
    data (:mod:`gametrust.report.sweep_data`; schema
    ``gametrust/schemas/sweep.schema.json``, documented in ``docs/sweep.md``).
``markdown`` (and HTML for notebooks)
    a table (:mod:`gametrust.report.sweep_markdown`).

What the renderings show is derived in :mod:`gametrust.analysis.sweep_facts`
(formulas, dominance, trust thresholds) and phrased in
:mod:`gametrust.report.sweep_labels`; this module only lays it out.

>>> from gametrust import NormalFormGame
>>> from gametrust.analysis.sweep import sweep
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]],
...                                 players=["US", "DPRK"],
...                                 actions=[["Reassure", "Pressure"], ["Freeze", "Arm"]])
>>> text = render(sweep(pd, "empathy"))
>>> print(text.splitlines()[4])
e in [0, 1/4)     Prisoner's Dilemma (RG index Pd)
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..analysis.sweep_facts import (
    UNKNOWN,
    continua,
    dominance,
    exact_text,
    is_2x2,
    labelled_segments,
    piece_formulas,
    piece_label,
    structure_text,
    summary,
    trust_formulas,
)
from ..core.errors import ArgumentError, Location
from ..core.exact import format_number
from .common import continuum_text
from .formats import SWEEP_FORMATS
from .plot_labels import boundary_segments
from .sweep_labels import (
    axis_description,
    fixed_text,
    mix_formula,
    pretty,
    segment_label,
    trust_lines,
    value_text,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.parametric import Axis
    from ..analysis.regions import SweepMap
    from ..analysis.selection import Selection
    from ..analysis.sweep_result import Breakpoint, Interval, SweepResult
    from ..solvers.result import SolveResult

__all__ = ["SWEEP_FORMATS", "render", "render_map_text", "render_text"]

#: The output formats of ``gametrust sweep``, in the order the CLI offers them.

WIDTH = 80
#: What a continuum is, in a sweep's blocks (``CONTINUUM_EXPLANATION`` of a solve report).
CONTINUUM_SHORT = "each player may mix its strategies below in any proportions"
#: The label column (``e in (1/4, 2/3)``) is at most this wide; longer labels
#: put the family on the next line.
LABEL_WIDTH = 28


def render(
    obj: SweepResult | SweepMap,
    format: str = "text",
    *,
    file: str | None = None,
    grid: int | None = None,
) -> str:
    """Render a sweep or a map in one of :data:`SWEEP_FORMATS`.

    ``file`` is the scenario's path (shown and recorded); ``grid=n`` adds the
    region ids on an n x n grid to a map's JSON and CSV (a sweep carries its
    own grid, ``sweep(..., grid=n)``).
    """
    # the data and table renderers are imported when asked for: the CLI imports this module
    # (for SWEEP_FORMATS) at start-up
    from ..analysis.regions import SweepMap
    from .sweep_data import render_csv, render_json, render_map_csv, render_map_json
    from .sweep_markdown import render_map_markdown, render_markdown

    if isinstance(obj, SweepMap):
        if format == "text":
            return render_map_text(obj, file=file)
        if format == "markdown":
            return render_map_markdown(obj)
        if format == "json":
            return render_map_json(obj, file=file, grid=grid)
        if format == "csv":
            return render_map_csv(obj, grid=grid)
    elif format == "text":
        return render_text(obj, file=file)
    elif format == "markdown":
        return render_markdown(obj)
    elif format == "json":
        return render_json(obj, file=file)
    elif format == "csv":
        return render_csv(obj)
    raise ArgumentError(
        f"unknown format {format!r}; choose one of {', '.join(SWEEP_FORMATS)}",
        Location(path=("format",)),
    )


# -- text ----------------------------------------------------------------------------------------


def _wrap(text: str, indent: str, hang: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=hang if hang is not None else indent + "  ",
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent]


def _mix_line(
    player: str, actions: Sequence[str], probabilities: Sequence[str], symbol: str
) -> str:
    parts = [
        f"{a} {pretty(p, symbol)}" for a, p in zip(actions, probabilities, strict=True) if p != "0"
    ]
    return f"{player}: " + ", ".join(parts)


def _payoff_line(players: Sequence[str], payoffs: Sequence[str], symbol: str) -> str:
    return "payoffs " + ", ".join(
        f"{p} {pretty(v, symbol)}" for p, v in zip(players, payoffs, strict=True)
    )


def _structure_lines(result: SweepResult, segment: Interval | Breakpoint) -> list[str]:
    """A game larger than 2x2 says its structure under its heading."""
    if is_2x2(result):
        return []
    return _wrap(structure_text(segment), "  ")


def _continuum_lines(
    players: Sequence[str],
    actions: Sequence[Sequence[str]],
    segment: Any,
    symbol: str = "",
    *,
    indent: str = "  ",
) -> list[str]:
    """Each continuum of an interval, breakpoint or region (its extreme equilibria, each
    player's strategies along it) and whether the game is degenerate: what ``solve`` says
    at every point of the segment."""
    lines = []
    for component, strategies in continua(segment):
        members = ", ".join(str(k + 1) for k in component)
        lines += _wrap(
            f"equilibria {members} span a continuum ({CONTINUUM_SHORT}):", indent, indent + "  "
        )
        width = max(len(p) for p in players)
        for i, (player, distinct) in enumerate(zip(players, strategies, strict=True)):
            mixes = [mix_formula(actions[i], s, symbol) for s in distinct]
            lines += _wrap(
                f"{player:<{width}}  {continuum_text(mixes)}", indent + "  ",
                indent + " " * (width + 4),
            )
    if segment.result.degenerate:
        lines.append(f"{indent}degenerate game")
    return lines


def _interval_block(result: SweepResult, interval: Interval, label_width: int) -> list[str]:
    sym = result.axis.symbol
    lines = _heading(segment_label(interval, sym), str(interval.family), label_width)
    lines += _structure_lines(result, interval)
    dom = dominance(interval, sym)
    several = len(interval.pieces) > 1
    for k, piece in enumerate(interval.pieces):
        strategies, payoffs = piece_formulas(piece)
        notes = []
        if several and k in dom.payoff:
            notes.append("payoff-dominant" + (f" for {dom.payoff[k]}" if dom.payoff[k] else ""))
        if several and k in dom.risk:
            notes.append("risk-dominant" + (f" for {dom.risk[k]}" if dom.risk[k] else ""))
        if piece.kind == "pure" and not piece.strict:
            notes.append("not strict")
        head = f"  {k + 1}. {piece_label(piece)}"
        if piece.kind == "pure":
            lines += _wrap(f"{head}  {_payoff_line(result.players, payoffs, sym)}", "", "       ")
        else:
            lines.append(head)
            for i, player in enumerate(result.players):
                lines += _wrap(_mix_line(player, result.actions[i], strategies[i], sym), "       ")
            lines += _wrap(_payoff_line(result.players, payoffs, sym), "       ")
        if notes:
            lines += _wrap("; ".join(notes), "       ")
        if piece.formulas is None:
            lines.append(f"       (values at {sym} = {format_number(interval.sample)})")
    lines += _continuum_lines(result.players, result.actions, interval, sym)
    for at, winner in dom.ties:
        if winner == UNKNOWN:
            text = f"risk dominance switches at {sym} = {value_text(at)}"
        elif winner is None:
            text = (
                f"at {sym} = {exact_text(at)} no equilibrium risk-dominates (equal Nash "
                "products of deviation losses)"
            )
        else:
            text = f"at {sym} = {exact_text(at)} equilibrium {winner + 1} is risk-dominant"
        lines += _wrap(text, "  ")
    for trust in trust_formulas(interval, sym):
        where = f" for {trust.where}" if trust.where else ""
        lines += _wrap(
            f"trust{where} (to play {piece_label(interval.pieces[trust.cooperative])} "
            f"rather than {piece_label(interval.pieces[trust.alternative])}):",
            "  ",
        )
        for line in trust_lines(interval.pieces, trust, result.players, sym):
            lines += _wrap(line, "    ", "      ")
    return lines


def _heading(label: str, family: str, label_width: int) -> list[str]:
    if len(label) <= label_width:
        return _wrap(f"{label:<{label_width}}{family}", "", " " * (label_width + 2))
    return [label, *_wrap(family, " " * label_width)]


def _equilibrium_lines(
    result: SolveResult, players: Sequence[str], selection: Selection, *, payoffs: bool = True
) -> list[str]:
    """Equilibria of a solved game (a breakpoint or a region), with exact numbers.

    ``payoffs=False`` leaves the payoffs out (a region's vary across it)."""
    lines = []
    several = len(result.equilibria) > 1
    for k, eq in enumerate(result):
        notes = []
        if several and selection.payoff_dominant == k:
            notes.append("payoff-dominant")
        if several and selection.risk_dominant == k:
            notes.append("risk-dominant")
        if eq.kind == "pure" and not eq.strict:
            notes.append("not strict")
        values = [format_number(v) for v in eq.payoffs]
        head = f"  {k + 1}. " + (
            "(" + ", ".join(eq.profile or ()) + ")" if eq.kind == "pure" else "mixed"
        )
        if eq.kind == "pure":
            tail = f"  {_payoff_line(players, values, '')}" if payoffs else ""
            lines += _wrap(head + tail, "", "       ")
        else:
            lines.append(head)
            for i, player in enumerate(players):
                probabilities = [format_number(p) for p in eq.strategies[i]]
                lines += _wrap(_mix_line(player, eq.actions[i], probabilities, ""), "       ")
            if payoffs:
                lines += _wrap(_payoff_line(players, values, ""), "       ")
        if notes:
            lines += _wrap("; ".join(notes), "       ")
    return lines


def _breakpoint_block(
    result: SweepResult, bp: Breakpoint, label_width: int, *, end: bool = False
) -> list[str]:
    sym = result.axis.symbol
    lines = _heading(segment_label(bp, sym), str(bp.family), label_width)
    if end:
        lines.append("  (an end of the range: the game exactly here differs from its neighbour)")
    if not bp.exact:
        lines += _wrap(
            "an irrational point: the game here was solved in floats (the breakpoint "
            "itself is exact)",
            "  ",
        )
    lines += _structure_lines(result, bp)
    lines += _equilibrium_lines(bp.result, result.players, bp.selection)
    lines += _continuum_lines(result.players, result.actions, bp)
    for threshold in bp.selection.thresholds:
        lines += _wrap(
            f"trust (to play {bp.result[threshold.cooperative].describe()} rather than "
            f"{bp.result[threshold.other].describe()}):",
            "  ",
        )
        for line in threshold.describe(bp.result):
            lines += _wrap(line, "    ", "      ")
    return lines


def _grid_lines(result: SweepResult) -> list[str]:
    grid = result.grid
    if grid is None:
        return []
    sym = result.axis.symbol
    lines = [f"Grid: {grid.n} evenly spaced values of {sym} (exact, from the formulas)"]
    for k in range(grid.n):
        where, index = grid.where(k)
        equilibria = grid.equilibria(k)
        described = []
        for strategies in equilibria:
            if all(sum(1 for p in s if p > 0) == 1 for s in strategies):
                described.append(
                    "("
                    + ", ".join(
                        result.actions[i][next(j for j, p in enumerate(s) if p > 0)]
                        for i, s in enumerate(strategies)
                    )
                    + ")"
                )
            else:
                described.append(
                    "; ".join(
                        _mix_line(
                            player,
                            result.actions[i],
                            [format_number(p) for p in strategies[i]],
                            "",
                        )
                        for i, player in enumerate(result.players)
                    )
                )
        tag = {
            "interval": f"in interval {index + 1}",
            "breakpoint": f"= breakpoint {index + 1}",
            "end": "= start" if index == 0 else "= end",
        }[where]
        lines += _wrap(
            f"{format_number(grid.point(k)):>10}  {tag:<14}  " + " | ".join(described),
            "  ",
            " " * 30,
        )
    return lines


def _header(
    title: str, axes: Sequence[tuple[Axis, Any, Any]], players: Sequence[str],
    fixed: dict[str, Any], file: str | None,
) -> list[str]:
    lines = [title, ""]
    for axis, lo, hi in axes:
        lines += _wrap(
            f"{'Axis' if len(axes) > 1 else 'Sweep'}: {axis_description(axis, players)}, "
            f"from {exact_text(lo)} to {exact_text(hi)}",
            "",
        )
    if fixed.get("empathy_model"):
        lines.append(f"Empathy model: {fixed['empathy_model']}")
    text = fixed_text(fixed)
    if text:
        lines += _wrap(f"Fixed: {text}", "")
    if file:
        lines.append(f"File: {file}")
    return lines


def render_text(result: SweepResult, *, file: str | None = None) -> str:
    """The text report of a sweep (see the module docstring)."""
    sym = result.axis.symbol
    lines = _header(
        result.title or "Sweep", [(result.axis, result.lo, result.hi)], result.players,
        result.fixed, file,
    )
    lines.append("")
    segments = labelled_segments(result)
    width = min(LABEL_WIDTH, max(len(segment_label(s, sym)) for _, _, s in segments) + 2)
    for where, _, segment in segments:
        if where == "interval":
            lines += _interval_block(result, segment, width)
        else:
            lines += _breakpoint_block(result, segment, width, end=where == "end")
    lines.append("")
    n_bp = len(result.breakpoints)
    lines += _wrap(
        f"{len(result.intervals)} interval{'s' if len(result.intervals) != 1 else ''}, "
        f"{n_bp} breakpoint{'s' if n_bp != 1 else ''}"
        + (": " + ", ".join(value_text(b.value) for b in result.breakpoints) if n_bp else ""),
        "",
    )
    lines += _wrap(f"Summary: {summary(result)}", "", "  ")
    grid = _grid_lines(result)
    if grid:
        lines += ["", *grid]
    return "\n".join(lines)


# -- the 2-D map ---------------------------------------------------------------------------------

def render_map_text(sweep_map: SweepMap, *, file: str | None = None) -> str:
    """The text report of a 2-D map: boundary lines, then each region."""
    x, y = sweep_map.axes
    lines = _header(
        sweep_map.title or "Map",
        [(x, *sweep_map.x_range), (y, *sweep_map.y_range)],
        sweep_map.players,
        sweep_map.fixed,
        file,
    )
    lines += ["", "Boundary lines (exact):"]
    # only the lines that separate two regions somewhere (the others bound nothing)
    separating = boundary_segments(
        {(c.column, c.row): c.region for c in sweep_map.cells},
        len(sweep_map.x_breaks) + 1, len(sweep_map.y_breaks) + 1,
    )
    for axis, candidates, used in zip(
        (x, y), (sweep_map.x_breaks, sweep_map.y_breaks), separating, strict=True
    ):
        breaks = [candidates[k] for k in sorted(used)]
        if breaks:
            player = axis.name
            lines += _wrap(
                ", ".join(f"{axis.symbol} = {value_text(b)}" for b in breaks)
                + f"  ({player}'s best responses or preferences change)",
                "  ",
            )
        else:
            lines.append(f"  none in {axis.symbol}")
    count = len(sweep_map.regions)
    lines += ["", f"{count} region{'s' if count != 1 else ''}:"]
    for region in sweep_map.regions:
        sample = next(c.sample for c in sweep_map.cells if (c.column, c.row) == region.cells[0])
        lines += _wrap(f"R{region.index + 1}  {region.describe()}", "  ", "      ")
        lines += _wrap(str(region.family), "      ")
        if tuple(len(a) for a in sweep_map.actions) != (2, 2):
            lines += _wrap(structure_text(region), "      ")
        eq_lines = _equilibrium_lines(
            region.result, sweep_map.players, region.selection, payoffs=False
        )
        lines += ["    " + line for line in eq_lines]
        lines += _continuum_lines(sweep_map.players, sweep_map.actions, region, indent="      ")
        if any(e.kind != "pure" for e in region.result):
            lines += _wrap(
                f"(mixed probabilities at the sample point {x.symbol} = "
                f"{format_number(sample[0])}, {y.symbol} = {format_number(sample[1])}; "
                "they vary across the region)",
                "      ",
            )
    return "\n".join(lines)
