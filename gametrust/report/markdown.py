"""Markdown report of a solve result: GFM payoff table, equilibria as a list.

Used for notebooks (``SolveResult._repr_markdown_``) and for pasting into papers
and issues.

>>> from gametrust import NormalFormGame
>>> from gametrust.solvers.solve import solve
>>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]],
...                                   players=["Row", "Col"],
...                                   actions=[["Stag", "Hare"], ["Stag", "Hare"]],
...                                   title="Stag Hunt")
>>> print(render_markdown(solve(stag, method="pure")))
## Stag Hunt
<BLANKLINE>
| Row \\ Col | Stag | Hare |
| --- | --- | --- |
| **Stag** | 3, 3 | 0, 2 |
| **Hare** | 2, 0 | 2, 2 |
<BLANKLINE>
*Each cell lists the payoffs of Row, Col.*
<BLANKLINE>
**Family:** tie: boundary of Stag Hunt and Assurance (T = P for both players)
<BLANKLINE>
**Method:** pure, exact; complete for pure-strategy equilibria
<BLANKLINE>
**2 equilibria**
<BLANKLINE>
1. **(Stag, Stag)** — pure, strict; payoffs: Row 3, Col 3
2. **(Hare, Hare)** — pure, strict, Pareto-dominated by 1; payoffs: Row 2, Col 2
<BLANKLINE>
**Equilibrium selection**
<BLANKLINE>
- payoff-dominant: 1 (Stag, Stag)
- risk-dominant: 2 (Hare, Hare)
- trust, to play 1 rather than 2: Row plays Stag only if P(Col plays Stag) >= 2/3 (rest on Hare); Col plays Stag only if P(Row plays Stag) >= 2/3 (rest on Hare)
<BLANKLINE>
> **Warning:** only pure-strategy equilibria were searched
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
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
    from ..analysis.explanation import Explanation, SymbolicCondition
    from ..analysis.families import Family
    from ..analysis.selection import Selection
    from ..analysis.solve_report import ReportContext, SolveReport
    from ..model.game import NormalFormGame
    from ..scenario.scenario import Scenario
    from ..solvers.result import SolveResult

__all__ = ["explanation_markdown", "render_markdown"]

#: Games with more rows or columns than this get a profile list, capped likewise.
MAX_TABLE = 20
MAX_PROFILES = 64


def _escape(text: str) -> str:
    """Escape characters that break a GFM table cell or emphasis."""
    for char in ("\\", "|", "*", "_", "`"):
        text = text.replace(char, "\\" + char)
    return text


def render_markdown(
    result: SolveResult | SolveReport,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    *,
    explanation: Explanation | None = None,
) -> str:
    """The Markdown report of a :class:`~gametrust.analysis.solve_report.SolveReport`, or of
    a result with its context (see the module docstring for an example); on its own, what a
    notebook shows for a :class:`~gametrust.solvers.result.SolveResult`."""
    report = as_report(result, scenario, parameters, empathy, explanation)
    result, ctx = report.result, report.context
    blocks = [f"## {_escape(ctx.title)}"]
    if ctx.file:
        blocks.append(f"*Scenario file:* `{ctx.file}`")
    if any(n != p for p, n in ctx.names.items()):  # every player, named where it has one
        blocks.append("Players: " + ", ".join(
            f"**{_escape(p)}**" + ("" if n == p else f" ({_escape(n)})")
            for p, n in ctx.names.items()))
    blocks += _payoffs(result.game, ctx)
    blocks += _family(report.family)
    settings = []
    if ctx.parameters:
        settings.append(
            "**Parameters:** "
            + ", ".join(f"{_escape(k)} = {value_text(v)}" for k, v in ctx.parameters.items())
        )
    if ctx.has_empathy:
        settings.append(
            f"**Empathy** ({ctx.empathy_model} model): "
            + ", ".join(f"{_escape(p)} {value_text(w)}" for p, w in ctx.empathy.items())
        )
    settings.append("**Method:** " + method_text(result))
    if result.degenerate:
        settings.append("**Degenerate game**")
    blocks.append("  \n".join(settings))
    blocks += _equilibria(result)
    blocks += _selection(result, report.selection)
    blocks += [f"> **Warning:** {_escape(w)}" for w in result.warnings]
    if report.commitment is not None:
        from .commitment import commitment_lines

        head, *rest = commitment_lines(report.commitment)
        blocks += [f"### {_escape(head)}", "```\n" + "\n".join(rest) + "\n```"]
    if report.explanation is not None:
        blocks.append(explanation_markdown(report.explanation))
    return "\n\n".join(blocks)


def _cell(game: NormalFormGame, index: tuple[int, ...]) -> str:
    return ", ".join(format_number(game.payoffs[(i, *index)]) for i in range(game.n_players))


def _payoffs(game: NormalFormGame, ctx: ReportContext) -> list[str]:
    players = ", ".join(_escape(p) for p in game.players)
    note = " (empathy applied)" if ctx.has_empathy else ""
    if game.n_players == 2 and max(game.shape) <= MAX_TABLE:
        row, col = (_escape(p) for p in game.players)
        lines = [
            "| " + " | ".join([f"{row} \\ {col}", *map(_escape, game.actions[1])]) + " |",
            "| " + " | ".join(["---"] * (game.shape[1] + 1)) + " |",
        ]
        for a, action in enumerate(game.actions[0]):
            cells = [f"**{_escape(action)}**"]
            cells += [_cell(game, (a, b)) for b in range(game.shape[1])]
            lines.append("| " + " | ".join(cells) + " |")
        return ["\n".join(lines), f"*Each cell lists the payoffs of {players}{note}.*"]
    lines = [f"| profile | payoffs ({players}) |", "| --- | --- |"]
    total = 0
    for index in islice(game.profiles(), MAX_PROFILES):
        profile = ", ".join(_escape(game.actions[i][k]) for i, k in enumerate(index))
        lines.append(f"| ({profile}) | {_cell(game, index)} |")
    for size in game.shape:
        total = size if total == 0 else total * size
    out = ["\n".join(lines)]
    if total > MAX_PROFILES or note:
        more = f"First {MAX_PROFILES} of {total} profiles" if total > MAX_PROFILES else "Payoffs"
        out.append(f"*{more}{note}.*")
    return out


def _equilibria(result: SolveResult) -> list[str]:
    n = len(result.equilibria)
    if n == 0:
        kind = "pure-strategy " if result.concept == "pure-nash" else ""
        return [f"**No {kind}equilibrium found.**"]
    game = result.game
    dominated = result.dominated_by
    items = []
    for k, eq in enumerate(result.equilibria):
        notes = [eq.kind]
        if eq.strict:
            notes.append("strict")
        if dominated[k]:
            notes.append("Pareto-dominated by " + ", ".join(str(j + 1) for j in dominated[k]))
        pairs = zip(game.players, eq.payoffs, strict=True)
        payoffs = ", ".join(f"{_escape(p)} {number_text(v)}" for p, v in pairs)
        if eq.kind == "pure":
            head = f"**{_escape(eq.describe())}**"
        else:
            head = "; ".join(
                f"{_escape(p)}: {_escape(mix_text(game.actions[i], eq.strategies[i]))}"
                for i, p in enumerate(game.players)
            )
        items.append(f"{k + 1}. {head} — {', '.join(notes)}; payoffs: {payoffs}")
    blocks = [f"**{n} equilibri{'um' if n == 1 else 'a'}**", "\n".join(items)]
    for component in result.continua:
        members = ", ".join(str(k + 1) for k in component)
        lines = [f"**Continuum** with extreme points {members} ({CONTINUUM_EXPLANATION}):", ""]
        for i, (player, distinct) in enumerate(continuum_strategies(result, component)):
            text = continuum_text([mix_text(game.actions[i], s) for s in distinct])
            lines.append(f"- {_escape(player)}: {_escape(text)}")
        blocks.append("\n".join(lines))
    return blocks


def _family(family: Family) -> list[str]:
    blocks = [f"**Family:** {_escape(str(family))}"]
    if not family.index and family.name.split(" ", 1)[0] != "tie:":
        blocks.append("\n".join(f"- {_escape(fact)}" for fact in family.facts))
    return blocks


def _selection(result: SolveResult, selection: Selection | None) -> list[str]:
    if selection is None:
        return []

    items = []
    for line, more in selection_lines(result, selection):
        items.append(_escape(" ".join([line, "; ".join(more)]) if more else line))
    return ["**Equilibrium selection**", "\n".join(f"- {item}" for item in items)]


# -- solve --explain -----------------------------------------------------------------------------


def _code(text: str) -> str:
    return f"`{text}`"


def _now(condition: SymbolicCondition) -> str:
    if condition.holds is None:
        return "undefined now"
    return "holds now" if condition.holds else "fails now"


def explanation_markdown(explanation: Explanation) -> str:
    """The ``solve --explain`` section in Markdown (formulas as code spans)."""
    blocks = ["### Conditions (exact, in the scenario's names)"]
    facts = []
    if explanation.symbols:
        facts.append(
            "Symbols, now: "
            + ", ".join(_code(f"{s.name} = {value_text(s.value)}") for s in explanation.symbols)
        )
    if explanation.fixed:
        facts.append(
            "Fixed: "
            + ", ".join(_code(f"{s.name} = {value_text(s.value)}") for s in explanation.fixed)
        )
    facts += [f"*Note:* {_escape(note)}" for note in explanation.notes]
    if facts:
        blocks.append("  \n".join(facts))
    items = []
    for profile in explanation.profiles:
        head = f"**{_escape(profile.describe())}**"
        condition = profile.condition
        if condition.status != "symbolic":
            items.append(f"- {head} is {condition.status} an equilibrium")
            continue
        items.append(f"- {head} iff {_code(condition.text)} ({_now(condition)})")
        for d in profile.deviations:
            if d.condition.status == "always":
                text = "never gains"
            elif d.condition.status == "never":
                text = "always gains"
            else:
                text = f"gains nothing iff {_code(d.condition.text)}"
            items.append(f"  - {_escape(d.player)} switching to {_escape(d.to)}: {text}")
    blocks.append(
        "A pure profile is an equilibrium iff no player gains by switching:\n\n"
        + "\n".join(items)
    )
    mixed = explanation.mixed
    if mixed is not None:
        lines = []
        for i, player in enumerate(mixed.players):
            if mixed.probabilities[player] is None:
                lines.append(f"- {_escape(player)}: undefined")
                continue
            parts = ", ".join(
                f"{_escape(a)} {_code(mixed.formula(player, a) or '')}" for a in mixed.actions[i]
            )
            values = mixed.values[player]
            if values is not None:
                parts += " (now " + ", ".join(value_text(v) for v in values) + ")"
            lines.append(f"- {_escape(player)}: {parts}")
        condition = mixed.condition
        if condition.status == "symbolic":
            lines.append(f"- exists iff {_code(condition.text)} ({_now(condition)})")
        else:
            lines.append(f"- {condition.status} exists")
        blocks.append("**Completely mixed equilibrium**\n\n" + "\n".join(lines))
    for trust in explanation.trust:
        coop = _escape("(" + ", ".join(trust.cooperative) + ")")
        alt = _escape("(" + ", ".join(trust.alternative) + ")")
        lines = []
        for formula in trust.formulas:
            bounds = [b for b in formula.bounds if b.text is not None]
            needed = ", ".join(_code(b.text or "") for b in bounds) or "undefined"
            if len(bounds) > 1:
                needed = "the largest of " + needed
            now = ""
            if trust.both_equilibria_now:
                now = "; " + (
                    "no belief suffices now"
                    if formula.threshold is None
                    else f"now {value_text(formula.threshold)}"
                )
            lines.append(
                f"- {_escape(formula.player)} plays {_escape(formula.action)} only if "
                f"P({_escape(formula.partner)} plays {_escape(formula.partner_action)}) >= "
                f"{needed} (rest on {_escape(formula.rest_on)}{now})"
            )
        state = "they are" if trust.both_equilibria_now else "not both are"
        blocks.append(
            f"**Trust**, to play {coop} rather than {alt} (meaningful where both are "
            f"equilibria; {state} now)\n\n" + "\n".join(lines)
        )
    return "\n\n".join(blocks)
