"""HTML fragment of a solve result, for Jupyter (``SolveResult._repr_html_``).

The same content as the Markdown report — payoff table, family, settings,
equilibria, selection, warnings — as one ``<div class="gametrust-result">``
with no scripts and no external styles; every label is HTML-escaped.

>>> from gametrust import NormalFormGame
>>> from gametrust.solvers.solve import solve
>>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]],
...                                   players=["Row", "Col"],
...                                   actions=[["Stag", "Hare"], ["Stag", "<Hare>"]])
>>> out = render_html(solve(stag))
>>> "<th>&lt;Hare&gt;</th>" in out, "Stag 2/3, Hare 1/3" in out
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..core.exact import format_number
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
    from ..analysis.solve_report import SolveReport
    from ..model.game import NormalFormGame
    from ..scenario.scenario import Scenario
    from ..solvers.result import SolveResult

__all__ = ["render_html"]

#: Games with more rows or columns than this get a profile list, capped likewise.
MAX_TABLE = 20
MAX_PROFILES = 64


def render_html(
    result: SolveResult | SolveReport,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    *,
    explanation: Explanation | None = None,
) -> str:
    """The HTML fragment of a :class:`~gametrust.analysis.solve_report.SolveReport`, or of a
    result with its context (see the module docstring for an example); on its own, what a
    notebook shows for a :class:`~gametrust.solvers.result.SolveResult`."""
    report = as_report(result, scenario, parameters, empathy, explanation)
    result, ctx = report.result, report.context
    game = result.game
    parts = [f"<h4>{escape(ctx.title)}</h4>"]
    if ctx.file:
        parts.append(f"<p><em>Scenario file:</em> <code>{escape(ctx.file)}</code></p>")
    parts.append(_payoffs(game, ctx.has_empathy))
    family = report.family
    parts.append(f"<p><strong>Family:</strong> {escape(str(family))}</p>")
    if not family.index and family.name.split(" ", 1)[0] != "tie:":
        parts.append(_list("ul", [escape(f) for f in family.facts]))
    settings = []
    if ctx.parameters:
        settings.append(
            "<strong>Parameters:</strong> "
            + escape(", ".join(f"{k} = {value_text(v)}" for k, v in ctx.parameters.items()))
        )
    if ctx.has_empathy:
        settings.append(
            f"<strong>Empathy</strong> ({escape(ctx.empathy_model)} model): "
            + escape(", ".join(f"{p} {value_text(w)}" for p, w in ctx.empathy.items()))
        )
    settings.append("<strong>Method:</strong> " + escape(method_text(result)))
    if result.degenerate:
        settings.append("<strong>Degenerate game</strong>")
    parts.append("<p>" + "<br>".join(settings) + "</p>")
    parts += _equilibria(result)
    selection = report.selection
    if selection is not None:
        items = [
            escape(line) + (_list("ul", [escape(s) for s in more]) if more else "")
            for line, more in selection_lines(result, selection)
        ]
        parts.append("<p><strong>Equilibrium selection</strong></p>" + _list("ul", items))
    parts += [f"<p><strong>Warning:</strong> {escape(w)}</p>" for w in result.warnings]
    if report.commitment is not None:
        from .commitment import commitment_lines

        head, *rest = commitment_lines(report.commitment)
        parts.append(f"<h4>{escape(head)}</h4><pre>{escape(chr(10).join(rest))}</pre>")
    if report.explanation is not None:
        parts.append(f"<pre>{escape(report.explanation.text())}</pre>")
    return '<div class="gametrust-result">\n' + "\n".join(parts) + "\n</div>"


def _list(tag: str, items: list[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _cell(game: NormalFormGame, index: tuple[int, ...]) -> str:
    return ", ".join(format_number(game.payoffs[(i, *index)]) for i in range(game.n_players))


def _payoffs(game: NormalFormGame, has_empathy: bool) -> str:
    players = escape(", ".join(game.players))
    note = " (empathy applied)" if has_empathy else ""
    if game.n_players == 2 and max(game.shape) <= MAX_TABLE:
        row, col = (escape(p) for p in game.players)
        head = "".join(f"<th>{escape(a)}</th>" for a in game.actions[1])
        body = "".join(
            f"<tr><th>{escape(action)}</th>"
            + "".join(f"<td>{_cell(game, (a, b))}</td>" for b in range(game.shape[1]))
            + "</tr>"
            for a, action in enumerate(game.actions[0])
        )
        table = (
            f"<table><thead><tr><th>{row} \\ {col}</th>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )
        return f"{table}\n<p><em>Each cell lists the payoffs of {players}{note}.</em></p>"
    total = 1
    for size in game.shape:
        total *= size
    rows = "".join(
        "<tr><td>("
        + escape(", ".join(game.actions[i][k] for i, k in enumerate(index)))
        + f")</td><td>{_cell(game, index)}</td></tr>"
        for index in islice(game.profiles(), MAX_PROFILES)
    )
    table = (
        f"<table><thead><tr><th>profile</th><th>payoffs ({players})</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    if total > MAX_PROFILES:
        table += f"\n<p><em>First {MAX_PROFILES} of {total} profiles{note}.</em></p>"
    elif note:
        table += f"\n<p><em>Payoffs{note}.</em></p>"
    return table


def _equilibria(result: SolveResult) -> list[str]:
    n = len(result.equilibria)
    if n == 0:
        kind = "pure-strategy " if result.concept == "pure-nash" else ""
        return [f"<p><strong>No {kind}equilibrium found.</strong></p>"]
    game = result.game
    dominated = result.dominated_by
    items = []
    for k, eq in enumerate(result.equilibria):
        notes = [eq.kind]
        if eq.strict:
            notes.append("strict")
        if dominated[k]:
            notes.append("Pareto-dominated by " + ", ".join(str(j + 1) for j in dominated[k]))
        payoffs = ", ".join(
            f"{p} {number_text(v)}" for p, v in zip(game.players, eq.payoffs, strict=True)
        )
        if eq.kind == "pure":
            head = f"<strong>{escape(eq.describe())}</strong>"
        else:
            head = escape(
                "; ".join(
                    f"{p}: {mix_text(game.actions[i], eq.strategies[i])}"
                    for i, p in enumerate(game.players)
                )
            )
        items.append(f"{head} — {escape(', '.join(notes))}; payoffs: {escape(payoffs)}")
    blocks = [f"<p><strong>{n} equilibri{'um' if n == 1 else 'a'}</strong></p>", _list("ol", items)]
    for component in result.continua:
        members = ", ".join(str(k + 1) for k in component)
        lines = [
            f"{escape(player)}: "
            + escape(continuum_text([mix_text(game.actions[i], s) for s in distinct]))
            for i, (player, distinct) in enumerate(continuum_strategies(result, component))
        ]
        blocks.append(
            f"<p><strong>Continuum</strong> with extreme points {members} "
            f"({escape(CONTINUUM_EXPLANATION)}):</p>" + _list("ul", lines)
        )
    return blocks
