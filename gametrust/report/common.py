"""What the solve-report renderers (text, JSON, Markdown, HTML) share: words for numbers,
strategies, methods, continua and the selection facts.

Nothing here computes an analysis: the renderers format a
:class:`~gametrust.analysis.solve_report.SolveReport`, and :func:`as_report` is
the one place where the report layer asks the analysis layer for one (when it
is handed a bare :class:`~gametrust.solvers.result.SolveResult`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..analysis.solve_report import SolveReport, parse_value, solve_report
from ..core.algebraic import RealAlgebraic
from ..core.exact import Number, format_number

if TYPE_CHECKING:
    from ..analysis.explain import Explanation
    from ..analysis.selection import Selection
    from ..scenario.scenario import Scenario
    from ..solvers.result import SolveResult

__all__ = [
    "CONTINUUM_EXPLANATION",
    "as_report",
    "continuum_strategies",
    "continuum_text",
    "method_text",
    "mix_text",
    "number_text",
    "risk_comparison_text",
    "selection_lines",
    "value_text",
]


def as_report(
    result: SolveResult | SolveReport,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    explanation: Explanation | None = None,
) -> SolveReport:
    """``result`` as a :class:`SolveReport`: a report is used as it is (``explanation``,
    when given, replaces its own); a bare result gets one from
    :func:`gametrust.analysis.solve_report.solve_report` with the context given."""
    if isinstance(result, SolveReport):
        return result if explanation is None else replace(result, explanation=explanation)
    return solve_report(result, scenario, parameters, empathy, explanation=explanation)


def value_text(value: Any) -> str:
    """Exact string of a number (``"2/3"``), else ``str(value)``.

    >>> value_text(Fraction(1, 4)), value_text("1/4"), value_text(0.5), value_text(2)
    ('1/4', '1/4', '0.5', '2')
    """
    value = parse_value(value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, Fraction)):
        return format_number(value)
    return str(value)


def number_text(value: Any) -> str:
    """A number for reading: exact (``format_number``), except a real algebraic number whose
    exact text is long (a root of a high-degree polynomial), shown as ``~0.316228 (algebraic,
    degree 10)``; the JSON output keeps the exact text.

    >>> from gametrust.core.algebraic import RealAlgebraic
    >>> number_text(RealAlgebraic.from_interval((-2, 0, 1), Fraction(1), Fraction(2)))
    'sqrt(2)'
    >>> twelfth = (-1234567891011, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000003)
    >>> number_text(RealAlgebraic.from_interval(twelfth, Fraction(3), Fraction(4)))
    '~3.2183 (algebraic, degree 12)'
    """
    if isinstance(value, RealAlgebraic) and value.short() is None:
        try:
            return f"~{float(value):.6g} (algebraic, degree {value.degree})"
        except OverflowError:  # beyond the float range
            return value.describe()
    return format_number(value)


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
    return ", ".join(f"{a} {number_text(p)}" for a, p in support)


def method_text(result: SolveResult) -> str:
    """One line saying how the result was computed and how complete it is.

    >>> from gametrust import NormalFormGame, solve
    >>> method_text(solve(NormalFormGame.from_arrays([[1]], [[1]]), method="pure"))
    'pure, exact; complete for pure-strategy equilibria'
    >>> ones = [[[1, 1], [1, 1]], [[1, 1], [1, 1]]]
    >>> three = NormalFormGame.from_arrays(ones, ones, ones)
    >>> method_text(solve(three, method="pure"))  # doctest: +NORMALIZE_WHITESPACE
    'pure, exact; not complete: only pure-strategy equilibria are listed; mixed equilibria
     of games with 3 players are not computed'
    """
    arithmetic = "exact" if result.exact else (
        f"floats (tolerance {format_number(result.tolerance or 0.0)})"
    )
    if not result.complete and result.concept == "pure-nash":
        scope = (
            "not complete: only pure-strategy equilibria are listed; mixed equilibria of "
            f"games with {result.game.n_players} players are not computed"
        )
    elif not result.complete:
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

    >>> from gametrust import NormalFormGame, solve
    >>> from gametrust.analysis.solve_report import selection_of
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
    comparisons = selection.risk_comparisons(result)
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
