"""Plain-text report of a solve result: payoffs, settings and equilibria.

Aligned columns, no colour codes, readable in an 80-column terminal.

>>> from gametrust import NormalFormGame
>>> from gametrust.solvers.solve import solve
>>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                 players=["Row", "Col"],
...                                 actions=[["C", "D"], ["C", "D"]],
...                                 title="Prisoner's Dilemma")
>>> print(render_text(solve(pd, method="pure")))
Prisoner's Dilemma
<BLANKLINE>
Payoffs (each cell lists Row, Col)
  Row \\ Col   C      D
  C           3, 3   0, 5
  D           5, 0   1, 1
<BLANKLINE>
Family: Prisoner's Dilemma (RG index Pd)
<BLANKLINE>
Method: pure, exact; complete for pure-strategy equilibria
<BLANKLINE>
1 equilibrium:
  1. (D, D)  pure, strict
       payoffs: Row 1, Col 1
<BLANKLINE>
Warnings:
  - only pure-strategy equilibria were searched
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..core.exact import format_number
from ..core.text import WIDTH, wrap
from .common import (
    CONTINUUM_EXPLANATION,
    as_report,
    continuum_strategies,
    continuum_text,
    method_text,
    mix_text,
    number_text,
    selection_lines,
    value_text,
)

if TYPE_CHECKING:
    from ..analysis.explanation import Explanation
    from ..analysis.families import Family
    from ..analysis.selection import Selection
    from ..analysis.solve_report import ReportContext, SolveReport
    from ..model.game import NormalFormGame
    from ..scenario.scenario import Scenario
    from ..solvers.result import SolveResult

__all__ = ["render_text"]

#: At most this many pure profiles are listed for games too big for a table.
MAX_PROFILES = 32
_GAP = "   "


def render_text(
    result: SolveResult | SolveReport,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    *,
    explanation: Explanation | None = None,
) -> str:
    """The text report of a :class:`~gametrust.analysis.solve_report.SolveReport`, or of a
    result with its context (see the module docstring for an example)."""
    report = as_report(result, scenario, parameters, empathy, explanation)
    result, ctx = report.result, report.context
    sections = [_header(ctx), _payoffs(result.game, ctx), _family(report.family)]
    sections += [_settings(result, ctx), _equilibria(result)]
    continua = _continua(result)
    if continua:
        sections.append(continua)
    sections.append(_selection(result, report.selection))
    if result.warnings:
        lines = ["Warnings:"]
        for warning in result.warnings:
            lines += textwrap.wrap(
                warning, WIDTH, initial_indent="  - ", subsequent_indent="    "
            )
        sections.append("\n".join(lines))
    if report.commitment is not None:
        from .commitment import commitment_lines

        sections.append("\n".join(commitment_lines(report.commitment)))
    if report.explanation is not None:
        sections.append(report.explanation.text())
    return "\n\n".join(s for s in sections if s)


def _header(ctx: ReportContext) -> str:
    lines = [ctx.title]
    if ctx.file:
        lines.append(f"File: {ctx.file}")
    if any(name != p for p, name in ctx.names.items()):  # every player, named where it has one
        lines.append("Players: " + ", ".join(
            p if name == p else f"{p} ({name})" for p, name in ctx.names.items()))
    return "\n".join(lines)


def _align(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    return [
        (indent + _GAP.join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))).rstrip()
        for row in rows
    ]


def _cell(game: NormalFormGame, index: tuple[int, ...]) -> str:
    return ", ".join(format_number(game.payoffs[(i, *index)]) for i in range(game.n_players))


def _payoffs(game: NormalFormGame, ctx: ReportContext) -> str:
    note = " with empathy applied" if ctx.has_empathy else ""
    if game.n_players == 2:
        row, col = game.players
        rows = [[f"{row} \\ {col}", *game.actions[1]]]
        for a, action in enumerate(game.actions[0]):
            rows.append([action, *(_cell(game, (a, b)) for b in range(game.shape[1]))])
        table = _align(rows)
        if max(len(line) for line in table) <= WIDTH and len(rows) <= MAX_PROFILES:
            head = f"Payoffs{note} (each cell lists {row}, {col})"
            return "\n".join(textwrap.wrap(head, WIDTH) + table)
    total = 1
    for size in game.shape:
        total *= size
    head = f"Payoffs{note} ({', '.join(game.players)}) of each profile"
    if total > MAX_PROFILES:
        head += f" (first {MAX_PROFILES} of {total})"
    rows = [
        ["(" + ", ".join(game.actions[i][k] for i, k in enumerate(index)) + ")", _cell(game, index)]
        for index in islice(game.profiles(), MAX_PROFILES)
    ]
    lines = textwrap.wrap(head, WIDTH) + _align(rows)
    if total > MAX_PROFILES:
        lines.append(f"  ... {total - MAX_PROFILES} more (the JSON report lists every profile)")
    return "\n".join(lines)


def _settings(result: SolveResult, ctx: ReportContext) -> str:
    lines: list[str] = []
    if ctx.parameters:
        parts = []
        for name, value in ctx.parameters.items():
            text = f"{name} = {value_text(value)}"
            default = ctx.defaults.get(name)
            if default is not None and default != value:
                text += f" (default {value_text(default)})"
            parts.append(text)
        lines += textwrap.wrap(
            "Parameters: " + ", ".join(parts), WIDTH, subsequent_indent="  "
        )
    if ctx.has_empathy:
        weights = ", ".join(f"{p} {value_text(w)}" for p, w in ctx.empathy.items())
        lines += textwrap.wrap(
            f"Empathy ({ctx.empathy_model} model): {weights}", WIDTH, subsequent_indent="  "
        )
    lines += textwrap.wrap("Method: " + method_text(result), WIDTH, subsequent_indent="  ")
    if result.degenerate:
        lines.append("Degenerate game: yes")
    return "\n".join(lines)


def _equilibria(result: SolveResult) -> str:
    n = len(result.equilibria)
    if n == 0:
        kind = "pure-strategy " if result.concept == "pure-nash" else ""
        return f"No {kind}equilibrium found."
    lines = [f"{n} equilibri{'um' if n == 1 else 'a'}:"]
    dominated = result.dominated_by
    game = result.game
    label_width = max(len("payoffs"), *(len(p) for p in game.players)) + 1
    for k, eq in enumerate(result.equilibria):
        notes = ["pure"] if eq.kind == "pure" else []
        if eq.strict:
            notes.append("strict")
        if dominated[k]:
            by = ", ".join(str(j + 1) for j in dominated[k])
            notes.append(f"Pareto-dominated by {by}")
        if not result.exact and eq.regret:
            notes.append(f"regret {format_number(eq.regret)}")
        if eq.kind == "pure":
            lines.append(f"  {k + 1}. {eq.describe()}  {', '.join(notes)}")
        else:
            lines.append(f"  {k + 1}. " + ", ".join(["mixed", *notes]))
        rows: list[tuple[str, str]] = []
        if eq.kind == "mixed":
            rows += [
                (player, mix_text(game.actions[i], eq.strategies[i]))
                for i, player in enumerate(game.players)
            ]
        payoffs = ", ".join(
            f"{p} {number_text(v)}" for p, v in zip(game.players, eq.payoffs, strict=True)
        )
        rows.append(("payoffs", payoffs))
        for label, text in rows:
            lines += textwrap.wrap(
                text,
                WIDTH,
                initial_indent="       " + (label + ":").ljust(label_width + 1),
                subsequent_indent=" " * (8 + label_width),
            )
    return "\n".join(lines)


def _continua(result: SolveResult) -> str:
    if not result.continua:
        return ""
    lines = textwrap.wrap(f"Continua ({CONTINUUM_EXPLANATION}):", WIDTH)
    for component in result.continua:
        lines.append("  Equilibria " + ", ".join(str(k + 1) for k in component) + ":")
        strategies = continuum_strategies(result, component)
        width = max(len(p) for p, _ in strategies)
        for i, (player, distinct) in enumerate(strategies):
            text = continuum_text([mix_text(result.game.actions[i], s) for s in distinct])
            lines += textwrap.wrap(
                text,
                WIDTH,
                initial_indent="    " + player.ljust(width) + "  ",
                subsequent_indent=" " * (width + 6),
            )
    return "\n".join(lines)


def _family(family: Family) -> str:
    """The game's family; structural facts too for games other than 2x2."""
    lines = textwrap.wrap(f"Family: {family}", WIDTH, subsequent_indent="  ")
    if not family.index and family.name.split(" ", 1)[0] != "tie:":
        for fact in family.facts:
            lines += wrap(fact, "  - ", "    ")
    return "\n".join(lines)


def _selection(result: SolveResult, selection: Selection | None) -> str:
    """Payoff and risk dominance and trust thresholds (two players, several equilibria)."""
    if selection is None:
        return ""

    lines = ["Equilibrium selection:"]
    for line, more in selection_lines(result, selection):
        lines += wrap(line)
        for sentence in more:
            lines += wrap(sentence, "    ", "      ")
    return "\n".join(lines)
