"""Markdown and HTML tables of a sweep or a 2-D map, for notebooks and papers.

Both renderings share one table model (:func:`sweep_table`, :func:`map_table`):
rows of cells, each cell a list of lines; Markdown joins the lines with
``<br>`` in a GFM table, HTML in a ``<table>`` with everything escaped.

>>> from gametrust import NormalFormGame
>>> from gametrust.analysis.sweep import sweep
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]],
...                                 players=["US", "DPRK"], title="PD",
...                                 actions=[["Reassure", "Pressure"], ["Freeze", "Arm"]])
>>> text = render_markdown(sweep(pd, "empathy"))
>>> print(text.splitlines()[0])
## PD
>>> print(next(line for line in text.splitlines() if line.startswith("| (1/4")))
... # doctest: +ELLIPSIS
| (1/4, 2/3) | Stag Hunt (RG index Sh) | (Reassure, Freeze): payoffs US 4e + 4, ...
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from ..analysis.sweep_facts import (
    continua,
    dominance,
    exact_text,
    labelled_segments,
    piece_formulas,
    piece_label,
    structure_text,
    summary,
    trust_formulas,
)
from ..core.exact import format_number
from .common import continuum_text
from .sweep_labels import (
    axis_description,
    fixed_text,
    mix_formula,
    pretty,
    trust_lines,
    value_text,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.regions import SweepMap
    from ..analysis.selection import Selection
    from ..analysis.sweep_result import Interval, SweepResult
    from ..solvers.result import SolveResult

__all__ = ["map_table", "render_html", "render_map_html", "render_map_markdown",
           "render_markdown", "sweep_table"]

Cell = list[str]


def _payoffs(players: Any, values: Any, symbol: str) -> str:
    return ", ".join(f"{p} {pretty(v, symbol)}" for p, v in zip(players, values, strict=True))


def _continuum_notes(players: Any, actions: Any, segment: Any, symbol: str) -> Cell:
    """One line per continuum (its extreme equilibria and each player's strategies along
    it), and ``degenerate game``: what ``solve`` says at every point of the segment."""
    notes: Cell = []
    for component, strategies in continua(segment):
        members = ", ".join(str(k + 1) for k in component)
        along = "; ".join(
            f"{player} "
            + continuum_text([mix_formula(actions[i], s, symbol) for s in distinct])
            for i, (player, distinct) in enumerate(zip(players, strategies, strict=True))
        )
        notes.append(f"continuum of equilibria {members}: {along}")
    if segment.result.degenerate:
        notes.append("degenerate game")
    return notes


def _family_cell(players_actions: Any, segment: Any) -> Cell:
    """The family; a game larger than 2x2 also its structure."""
    cell = [str(segment.family)]
    if tuple(len(a) for a in players_actions) != (2, 2):
        cell.append(structure_text(segment))
    return cell


def _interval_cells(result: SweepResult, interval: Interval) -> tuple[Cell, Cell]:
    sym = result.axis.symbol
    equilibria: Cell = []
    for k, piece in enumerate(interval.pieces):
        strategies, payoffs = piece_formulas(piece)
        number = f"{k + 1}. " if interval.continua else ""
        if piece.kind == "pure":
            values = _payoffs(result.players, payoffs, sym)
            weak = "" if piece.strict else " (not strict)"
            equilibria.append(f"{number}{piece_label(piece)}{weak}: payoffs {values}")
            continue
        mixes = "; ".join(
            f"{player} "
            + ", ".join(
                f"{a} {pretty(p, sym)}"
                for a, p in zip(result.actions[i], strategies[i], strict=True)
                if p != "0"
            )
            for i, player in enumerate(result.players)
        )
        equilibria.append(
            f"{number}mixed: {mixes}; payoffs {_payoffs(result.players, payoffs, sym)}"
        )
    notes: Cell = []
    if len(interval.pieces) > 1:
        dom = dominance(interval, sym)
        for k, where in dom.payoff.items():
            notes.append(
                f"payoff-dominant: {piece_label(interval.pieces[k])}"
                + (f" for {where}" if where else "")
            )
        for k, where in dom.risk.items():
            notes.append(
                f"risk-dominant: {piece_label(interval.pieces[k])}"
                + (f" for {where}" if where else "")
            )
        for trust in trust_formulas(interval, sym):
            notes += [
                "trust: " + line
                for line in trust_lines(interval.pieces, trust, result.players, sym)
            ]
    notes += _continuum_notes(result.players, result.actions, interval, sym)
    return equilibria, notes


def _solved_cells(
    segment: Any, players: Any, selection: Selection, *, payoffs: bool = True
) -> tuple[Cell, Cell]:
    result: SolveResult = segment.result
    equilibria: Cell = []
    for k, eq in enumerate(result):
        values = ", ".join(
            f"{p} {format_number(v)}" for p, v in zip(players, eq.payoffs, strict=True)
        )
        label = eq.describe() if eq.kind == "pure" else f"mixed: {eq.describe()}"
        if eq.kind == "pure" and not eq.strict:
            label += " (not strict)"
        if result.continua:
            label = f"{k + 1}. {label}"
        equilibria.append(f"{label}: payoffs {values}" if payoffs else label)
    notes: Cell = []
    if len(result.equilibria) > 1:
        if selection.payoff_dominant is not None:
            notes.append(f"payoff-dominant: {result[selection.payoff_dominant].describe()}")
        if selection.risk_dominant is not None:
            notes.append(f"risk-dominant: {result[selection.risk_dominant].describe()}")
        for threshold in selection.thresholds:
            notes += ["trust: " + line for line in threshold.describe(result)]
    notes += _continuum_notes(players, result.game.actions, segment, "")
    return equilibria, notes


def sweep_table(result: SweepResult) -> tuple[list[str], list[list[Cell]]]:
    """Header and rows (range, family, equilibria, selection) of a sweep."""
    sym = result.axis.symbol
    rows = []
    for where, _, segment in labelled_segments(result):
        if where == "interval":
            left = "[" if segment.closed_lo else "("
            right = "]" if segment.closed_hi else ")"
            label = f"{left}{exact_text(segment.lo)}, {exact_text(segment.hi)}{right}"
            equilibria, notes = _interval_cells(result, segment)
        else:
            label = f"= {value_text(segment.value)}"
            equilibria, notes = _solved_cells(segment, result.players, segment.selection)
        rows.append([[label], _family_cell(result.actions, segment), equilibria, notes])
    return [sym, "family", "equilibria", "selection and trust"], rows


def map_table(sweep_map: SweepMap) -> tuple[list[str], list[list[Cell]]]:
    """Header and rows (region, where, family, equilibria, selection) of a map."""
    rows = []
    for region in sweep_map.regions:
        equilibria, notes = _solved_cells(
            region, sweep_map.players, region.selection, payoffs=False
        )
        rows.append(
            [[f"R{region.index + 1}"], list(region.conditions),
             _family_cell(sweep_map.actions, region), equilibria, notes]
        )
    return ["region", "where", "family", "equilibria (mixed: at a sample point)", "selection"], rows


def _header_lines(result: SweepResult | None, sweep_map: SweepMap | None) -> list[str]:
    if result is not None:
        axes = [(result.axis, result.lo, result.hi)]
        players, fixed = result.players, result.fixed
    else:
        assert sweep_map is not None
        axes = [(sweep_map.axes[0], *sweep_map.x_range), (sweep_map.axes[1], *sweep_map.y_range)]
        players, fixed = sweep_map.players, sweep_map.fixed
    lines = [
        f"{axis_description(a, players)}, from {exact_text(lo)} to {exact_text(hi)}"
        for a, lo, hi in axes
    ]
    if fixed.get("empathy_model"):
        lines.append(f"empathy model: {fixed['empathy_model']}")
    text = fixed_text(fixed)
    if text:
        lines.append(f"fixed: {text}")
    return lines


def _md_cell(lines: Cell) -> str:
    return "<br>".join(line.replace("|", "\\|") for line in lines)


def _markdown(title: str, header: list[str], rows: list[list[Cell]], intro: list[str],
              outro: list[str]) -> str:
    out = [f"## {title}", ""]
    out += [f"*{line}*  " for line in intro]
    out += ["", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    if outro:
        out += ["", *outro]
    return "\n".join(out)


def render_markdown(result: SweepResult) -> str:
    """A GFM table of the intervals and breakpoints, and the summary line."""
    header, rows = sweep_table(result)
    return _markdown(
        result.title or "Sweep", header, rows, _header_lines(result, None),
        [f"**Summary:** {summary(result)}"],
    )


def render_map_markdown(sweep_map: SweepMap) -> str:
    """A GFM table of the regions of a 2-D map, after its boundary lines."""
    header, rows = map_table(sweep_map)
    lines = []
    for axis, breaks in zip(sweep_map.axes, (sweep_map.x_breaks, sweep_map.y_breaks),
                            strict=True):
        if breaks:
            lines.append(
                "**Boundaries:** " + ", ".join(f"{axis.symbol} = {value_text(b)}" for b in breaks)
            )
    return _markdown(
        sweep_map.title or "Map", header, rows, _header_lines(None, sweep_map), lines
    )


def _html(title: str, header: list[str], rows: list[list[Cell]], intro: list[str],
          outro: list[str]) -> str:
    def cell(lines: Cell, tag: str = "td") -> str:
        return f"<{tag}>" + "<br>".join(html.escape(line) for line in lines) + f"</{tag}>"

    out = ['<div class="gametrust-sweep">', f"<h3>{html.escape(title)}</h3>"]
    out += [f"<p><em>{html.escape(line)}</em></p>" for line in intro]
    out.append('<table style="text-align: left">')
    out.append("<thead><tr>" + "".join(cell([h], "th") for h in header) + "</tr></thead>")
    out.append("<tbody>")
    out += ["<tr>" + "".join(cell(c) for c in row) + "</tr>" for row in rows]
    out.append("</tbody></table>")
    out += [f"<p>{html.escape(line)}</p>" for line in outro]
    out.append("</div>")
    return "\n".join(out)


def render_html(result: SweepResult) -> str:
    """An HTML table of the intervals and breakpoints (for ``_repr_html_``)."""
    header, rows = sweep_table(result)
    return _html(
        result.title or "Sweep", header, rows, _header_lines(result, None),
        [f"Summary: {summary(result)}"],
    )


def render_map_html(sweep_map: SweepMap) -> str:
    """An HTML table of the regions of a 2-D map (for ``_repr_html_``)."""
    header, rows = map_table(sweep_map)
    lines = [
        "Boundaries: " + ", ".join(f"{axis.symbol} = {value_text(b)}" for b in breaks)
        for axis, breaks in zip(sweep_map.axes, (sweep_map.x_breaks, sweep_map.y_breaks),
                                strict=True)
        if breaks
    ]
    return _html(sweep_map.title or "Map", header, rows, _header_lines(None, sweep_map), lines)
