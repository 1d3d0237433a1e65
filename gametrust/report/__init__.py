"""Renderings of a :class:`~gametrust.solvers.result.SolveResult`: text, JSON and Markdown.

Every renderer is a pure function with the same signature, result in, string
out (no printing)::

    render(result, scenario=None, parameters=None, empathy=None) -> str

``scenario`` (a ``Scenario``, optional) supplies the title, the file, the
players' names and the empathy model; ``parameters`` (name -> value) and
``empathy`` (player id -> weight) are the values the game was built with.
When they are ``None`` the scenario's defaults are shown.

>>> from gametrust import NormalFormGame
>>> from gametrust.solvers.solve import solve
>>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                 players=["Row", "Col"],
...                                 actions=[["C", "D"], ["C", "D"]])
>>> print(render(solve(pd, method="pure"), format="markdown").splitlines()[0])
## Game (Row, Col)

This module also holds the helpers the three renderers share; they compute
facts about a result (who Pareto-dominates whom, what a continuum looks like)
and never format for one output in particular.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.exact import Number, format_number, parse_number

if TYPE_CHECKING:
    from ..analysis.explanation import Explanation
    from ..analysis.families import Family
    from ..analysis.selection import Selection
    from ..scenario.scenario import Scenario
    from ..solvers.result import SolveResult

__all__ = [
    "CONTINUUM_EXPLANATION",
    "FORMATS",
    "Context",
    "context",
    "continuum_strategies",
    "continuum_text",
    "dominated_by",
    "family_of",
    "format_value",
    "method_text",
    "mix_text",
    "render",
    "render_html",
    "render_markdown",
    "risk_comparison_text",
    "risk_comparisons",
    "selection_lines",
    "selection_of",
]

#: The output formats, in the order the CLI offers them.
FORMATS: tuple[str, ...] = ("text", "json", "markdown")


def render(
    result: SolveResult,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    *,
    format: str = "text",
    explanation: Explanation | None = None,
) -> str:
    """Render ``result`` in one of :data:`FORMATS`.

    ``explanation`` (from :func:`gametrust.explain.explain`) adds the exact
    conditions of ``solve --explain``: a section of the text and Markdown
    reports, an ``explain`` block of the JSON.
    """
    if format == "text":
        from .text import render as _render
    elif format == "json":
        from .json import render as _render
    elif format == "markdown":
        from .markdown import render as _render
    else:
        from ..core.errors import ArgumentError, Location

        raise ArgumentError(
            f"unknown format {format!r}; choose one of {', '.join(FORMATS)}",
            Location(path=("format",)),
        )
    return _render(result, scenario, parameters, empathy, explanation=explanation)


def render_markdown(result: SolveResult) -> str:
    """The Markdown report of a result on its own (for ``SolveResult._repr_markdown_``).

    >>> from gametrust import NormalFormGame
    >>> from gametrust.solvers.solve import solve
    >>> g = NormalFormGame.from_arrays([[1]], [[1]], players=["A", "B"], title="Tiny")
    >>> render_markdown(solve(g)).splitlines()[0]
    '## Tiny'
    """
    from .markdown import render as _render

    return _render(result)


def render_html(result: SolveResult) -> str:
    """A self-contained HTML fragment of a result (for ``SolveResult._repr_html_``).

    >>> from gametrust import NormalFormGame
    >>> from gametrust.solvers.solve import solve
    >>> g = NormalFormGame.from_arrays([[1]], [[1]], players=["A", "B"], title="Tiny")
    >>> render_html(solve(g)).startswith('<div class="gametrust-result">')
    True
    """
    from .html import render as _render

    return _render(result)


def family_of(result: SolveResult) -> Family:
    """The family of the solved game (:func:`gametrust.analysis.families.classify`)."""
    from ..analysis.families import classify

    return classify(result.game)


def selection_of(result: SolveResult) -> Selection | None:
    """Payoff and risk dominance and trust thresholds, for a two-player game with
    several equilibria; ``None`` otherwise (nothing to select between).

    >>> from gametrust import NormalFormGame
    >>> from gametrust.solvers.solve import solve
    >>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]])
    >>> sel = selection_of(solve(stag))
    >>> sel.payoff_dominant, sel.risk_dominant
    (0, 1)
    >>> selection_of(solve(NormalFormGame.from_arrays([[1]], [[1]]))) is None
    True
    """
    from ..analysis.selection import analyse

    if result.game.n_players != 2 or len(result.equilibria) < 2:
        return None
    return analyse(result.game, result)


def risk_comparisons(
    result: SolveResult, selection: Selection
) -> list[tuple[int, int, int | None]]:
    """Every pair ``(k, j, winner)`` of strict pure equilibria compared by risk
    dominance (Nash products of deviation losses); ``winner`` is ``None`` on a tie.

    >>> from gametrust import NormalFormGame
    >>> from gametrust.solvers.solve import solve
    >>> chicken = NormalFormGame.from_arrays([[0, -1], [1, -10]], [[0, 1], [-1, -10]])
    >>> result = solve(chicken)
    >>> risk_comparisons(result, selection_of(result))
    [(0, 1, None)]
    """
    strict = [k for k, e in enumerate(result.equilibria) if e.kind == "pure" and e.strict]
    return [
        (k, j, selection.risk_pairs.get((k, j)))
        for x, k in enumerate(strict)
        for j in strict[x + 1 :]
    ]


def risk_comparison_text(comparisons: Sequence[tuple[int, int, int | None]]) -> str:
    """Pairwise risk dominance in words, equilibria numbered from 1.

    >>> risk_comparison_text([(0, 1, 1), (0, 2, None)])
    '2 over 1, 1 and 3 tie'
    """
    return ", ".join(
        f"{k + 1} and {j + 1} tie" if w is None else f"{w + 1} over {(j if w == k else k) + 1}"
        for k, j, w in comparisons
    )


def selection_lines(result: SolveResult, selection: Selection) -> list[tuple[str, list[str]]]:
    """The selection facts in words: ``(line, sub-lines)`` pairs, equilibria numbered from 1.

    >>> from gametrust import NormalFormGame
    >>> from gametrust.solvers.solve import solve
    >>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]],
    ...                                   actions=[["Stag", "Hare"], ["Stag", "Hare"]])
    >>> result = solve(stag)
    >>> for line, more in selection_lines(result, selection_of(result)):
    ...     print(line, more)
    payoff-dominant: 1 (Stag, Stag) []
    risk-dominant: 2 (Hare, Hare) []
    trust, to play 1 rather than 2: ['P1 plays Stag only if P(P2 plays Stag) >= 2/3 (rest on Hare)', 'P2 plays Stag only if P(P1 plays Stag) >= 2/3 (rest on Hare)']
    """  # noqa: E501

    def label(k: int) -> str:
        return f"{k + 1} {result.equilibria[k].describe()}"

    out: list[tuple[str, list[str]]] = []
    if selection.payoff_dominant is not None:
        out.append((f"payoff-dominant: {label(selection.payoff_dominant)}", []))
    else:
        out.append(("payoff-dominant: none (no equilibrium is best for every player)", []))
    comparisons = risk_comparisons(result, selection)
    if selection.risk_dominant is not None:
        out.append((f"risk-dominant: {label(selection.risk_dominant)}", []))
    elif not comparisons:
        out.append(("risk-dominant: none (risk dominance compares strict pure equilibria)", []))
    else:
        out.append(("risk-dominant: none; pairwise: " + risk_comparison_text(comparisons), []))
    for threshold in selection.thresholds:
        out.append(
            (
                f"trust, to play {threshold.cooperative + 1} rather than {threshold.other + 1}:",
                threshold.describe(result),
            )
        )
    return out


@dataclass(frozen=True)
class Context:
    """Everything a renderer needs besides the result, with defaults filled in.

    ``names`` maps player id -> display name; ``parameters`` holds the values
    used (in the scenario's order); ``defaults`` the scenario's default value
    of each parameter; ``empathy`` one weight per player (``0`` when none).
    """

    title: str
    file: str | None
    names: dict[str, str]
    parameters: dict[str, Any]
    defaults: dict[str, Any]
    empathy_model: str
    empathy: dict[str, Any]

    @property
    def has_empathy(self) -> bool:
        """True when some player puts a non-zero weight on the others' payoffs."""
        return any(w != 0 for w in self.empathy.values())

    def name(self, player: str) -> str:
        return self.names.get(player, player)


def _as_value(value: Any) -> Any:
    """A weight or parameter as a number when it is a number literal string."""
    if isinstance(value, str):
        parsed = parse_number(value)
        return parsed if parsed is not None else value
    return value


def format_value(value: Any) -> str:
    """Exact string of a number (``"2/3"``), else ``str(value)``.

    >>> format_value(Fraction(1, 4)), format_value("1/4"), format_value(0.5), format_value(2)
    ('1/4', '1/4', '0.5', '2')
    """
    value = _as_value(value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, Fraction)):
        return format_number(value)
    return str(value)


def context(
    result: SolveResult,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
) -> Context:
    """Collect title, names, parameter values and empathy weights for a report.

    >>> from gametrust import NormalFormGame
    >>> from gametrust.solvers.solve import solve
    >>> g = NormalFormGame.from_arrays([[1]], [[1]], players=["A", "B"], title="Tiny")
    >>> ctx = context(solve(g, method="pure"), empathy={"A": "1/4"})
    >>> ctx.title, ctx.empathy, ctx.has_empathy
    ('Tiny', {'A': Fraction(1, 4), 'B': 0}, True)
    """
    game = result.game
    names = {p: p for p in game.players}
    defaults: dict[str, Any] = {}
    scenario_empathy: Mapping[str, Any] = {}
    model = "altruism"
    title = game.title
    file = None
    if scenario is not None:
        title = scenario.title or title
        path = getattr(scenario, "path", None)
        file = str(path) if path is not None else None
        for player in scenario.players:
            if player.id in names and player.name:
                names[player.id] = str(player.name)
        defaults = {name: p.value for name, p in scenario.parameters.items()}
        model = scenario.empathy_model or model
        if parameters is None:
            parameters = scenario.parameter_values({})
        # weights may be expressions of the parameters: evaluate at the values used
        scenario_empathy = scenario.empathy_weights(parameters)
    params = {name: _as_value(v) for name, v in (parameters or {}).items()}
    weights = dict(scenario_empathy)
    weights.update(empathy or {})
    empathy_values = {p: _as_value(weights.get(p, 0)) for p in game.players}
    if not title:
        title = "Game (" + ", ".join(game.players) + ")"
    return Context(
        title=str(title),
        file=file,
        names=names,
        parameters=params,
        defaults=defaults,
        empathy_model=str(model),
        empathy=empathy_values,
    )


def dominated_by(result: SolveResult) -> tuple[tuple[int, ...], ...]:
    """For each equilibrium, the (0-based) indices of the equilibria whose
    payoffs Pareto-dominate it: every player at least as well off, one better.

    >>> from gametrust import NormalFormGame
    >>> from gametrust.solvers.solve import solve
    >>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]])
    >>> dominated_by(solve(stag, method="pure"))
    ((), (0,))
    """
    tol = result.tolerance or 0
    payoffs = [e.payoffs for e in result.equilibria]

    def dominates(a: Sequence[Number], b: Sequence[Number]) -> bool:
        pairs = list(zip(a, b, strict=True))
        return all(x >= y - tol for x, y in pairs) and any(x > y + tol for x, y in pairs)

    return tuple(
        tuple(j for j, other in enumerate(payoffs) if j != i and dominates(other, mine))
        for i, mine in enumerate(payoffs)
    )


def continuum_strategies(result: SolveResult, component: Sequence[int]) -> list[tuple[str, list]]:
    """For a continuum (a component with several extreme equilibria): each
    player and the distinct strategies it uses at the component's extreme
    points (one strategy: the player's strategy is fixed along the continuum).
    """
    out = []
    for i, player in enumerate(result.game.players):
        distinct: list[tuple[Number, ...]] = []
        for k in component:
            strategy = result.equilibria[k].strategies[i]
            if strategy not in distinct:
                distinct.append(strategy)
        out.append((player, distinct))
    return out


def mix_text(actions: Sequence[str], strategy: Sequence[Number]) -> str:
    """``"Stag 2/3, Hare 1/3"`` (the support only), or the action of a pure strategy.

    >>> mix_text(["Stag", "Hare"], [Fraction(2, 3), Fraction(1, 3)])
    'Stag 2/3, Hare 1/3'
    >>> mix_text(["Stag", "Hare"], [Fraction(0), Fraction(1)])
    'Hare'
    """
    support = [(a, p) for a, p in zip(actions, strategy, strict=True) if p > 0]
    if len(support) == 1:
        return support[0][0]
    return ", ".join(f"{a} {format_number(p)}" for a, p in support)


def method_text(result: SolveResult) -> str:
    """One line saying how the result was computed and how complete it is.

    >>> from gametrust import NormalFormGame
    >>> from gametrust.solvers.solve import solve
    >>> method_text(solve(NormalFormGame.from_arrays([[1]], [[1]]), method="pure"))
    'pure, exact; complete for pure-strategy equilibria'
    """
    arithmetic = "exact" if result.exact else (
        f"floats (tolerance {format_number(result.tolerance or 0.0)})"
    )
    if not result.complete:
        scope = "not complete (other equilibria may exist)"
    elif result.concept == "pure-nash":
        scope = "complete for pure-strategy equilibria"
    else:
        scope = "complete (every extreme equilibrium is listed)"
    return f"{result.method}, {arithmetic}; {scope}"


#: The sentence that explains what a continuum of equilibria is.
CONTINUUM_EXPLANATION = (
    "every profile in which each player mixes, in any proportions, the strategies "
    "listed for it is an equilibrium too"
)


def continuum_text(mixes: Sequence[str]) -> str:
    """How one player's strategy varies along a continuum, in words.

    >>> continuum_text(["T"])
    'T (fixed)'
    >>> continuum_text(["L", "L 1/2, R 1/2"])
    'anywhere between [L] and [L 1/2, R 1/2]'
    >>> continuum_text(["A", "B", "C"])
    'any mixture of [A], [B], [C]'
    """
    if len(mixes) == 1:
        return f"{mixes[0]} (fixed)"
    if len(mixes) == 2:
        return f"anywhere between [{mixes[0]}] and [{mixes[1]}]"
    return "any mixture of " + ", ".join(f"[{m}]" for m in mixes)
