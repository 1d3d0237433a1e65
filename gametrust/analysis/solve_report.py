"""Everything a solve report shows, computed once: the result, its context, family, selection.

The report layer (:mod:`gametrust.report`) only renders.  What it shows
besides the equilibria is computed here, by :func:`solve_report`:

* :class:`ReportContext` — the title, file, players' names, parameter values
  and empathy weights the game was built with (the scenario's defaults when
  not given; weights that are expressions are evaluated at the values used);
* the game's :class:`~gametrust.analysis.families.Family`;
* the :class:`~gametrust.analysis.selection.Selection` between several
  equilibria of a two-player game (payoff and risk dominance, trust);
* the exact conditions of ``solve --explain``
  (:class:`~gametrust.analysis.explain.Explanation`), when asked for;
* the leader's optimal mixed commitment of a scenario with ``leadership:``
  (:class:`~gametrust.solvers.stackelberg.LeaderCommitment`), compared with
  every equilibrium listed.

>>> from gametrust import NormalFormGame, solve
>>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]], players=["A", "B"])
>>> report = solve_report(solve(stag), empathy={"A": "1/4"})
>>> report.family.name, report.selection.payoff_dominant, report.context.empathy
('tie: boundary of Stag Hunt and Assurance', 0, {'A': Fraction(1, 4), 'B': 0})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.exact import parse_number
from ..model.empathy import weight_names
from ..solvers.result import SolveResult
from .families import Family, classify
from .selection import Selection, analyse

if TYPE_CHECKING:
    from ..scenario.scenario import Scenario
    from ..solvers.stackelberg import LeaderCommitment
    from .explain import Explanation

__all__ = ["ReportContext", "SolveReport", "parse_value", "report_context", "selection_of",
           "solve_report"]


@dataclass(frozen=True)
class ReportContext:
    """Everything a report needs besides the result, with defaults filled in.

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


def parse_value(value: Any) -> Any:
    """A weight or parameter as a number when it is a number literal string.

    >>> parse_value("1/4"), parse_value("relief"), parse_value(2)
    (Fraction(1, 4), 'relief', 2)
    """
    if isinstance(value, str):
        parsed = parse_number(value)
        return parsed if parsed is not None else value
    return value


def report_context(
    result: SolveResult,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
) -> ReportContext:
    """Collect title, names, parameter values and empathy weights for a report.

    >>> from gametrust import NormalFormGame, solve
    >>> g = NormalFormGame.from_arrays([[1]], [[1]], players=["A", "B"], title="Tiny")
    >>> ctx = report_context(solve(g, method="pure"), empathy={"A": "1/4"})
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
    params = {name: parse_value(v) for name, v in (parameters or {}).items()}
    weights = dict(scenario_empathy)
    weights.update(empathy or {})
    empathy_values = {p: parse_value(weights.get(p, 0)) for p in weight_names(model, game.players)}
    if not title:
        title = "Game (" + ", ".join(game.players) + ")"
    return ReportContext(
        title=str(title),
        file=file,
        names=names,
        parameters=params,
        defaults=defaults,
        empathy_model=str(model),
        empathy=empathy_values,
    )


def selection_of(result: SolveResult) -> Selection | None:
    """Payoff and risk dominance and trust thresholds, for a two-player game with
    several equilibria; ``None`` otherwise (nothing to select between).

    >>> from gametrust import NormalFormGame, solve
    >>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]])
    >>> sel = selection_of(solve(stag))
    >>> sel.payoff_dominant, sel.risk_dominant
    (0, 1)
    >>> selection_of(solve(NormalFormGame.from_arrays([[1]], [[1]]))) is None
    True
    """
    if result.game.n_players != 2 or len(result.equilibria) < 2:
        return None
    return analyse(result.game, result)


@dataclass(frozen=True)
class SolveReport:
    """A solved normal-form game with everything its report shows (see the module docstring)."""

    result: SolveResult
    context: ReportContext
    family: Family
    selection: Selection | None
    explanation: Explanation | None = None
    commitment: LeaderCommitment | None = None

    @property
    def risk_comparisons(self) -> list[tuple[int, int, int | None]]:
        """Pairwise risk dominance of the strict pure equilibria (empty without a selection)."""
        if self.selection is None:
            return []
        return self.selection.risk_comparisons(self.result)


def solve_report(
    result: SolveResult,
    scenario: Scenario | None = None,
    parameters: Mapping[str, Any] | None = None,
    empathy: Mapping[str, Any] | None = None,
    *,
    explanation: Explanation | None = None,
    commitment: LeaderCommitment | None = None,
) -> SolveReport:
    """The :class:`SolveReport` of ``result``: its context (from ``scenario``, the
    ``parameters`` and ``empathy`` the game was built with, defaults when ``None``),
    family and selection; ``explanation`` is carried along for ``solve --explain``,
    ``commitment`` (a leader's commitment in ``result``'s game) is compared with the
    equilibria of ``result``."""
    if commitment is not None:
        commitment = commitment.compared_with(result)
    return SolveReport(
        result=result,
        context=report_context(result, scenario, parameters, empathy),
        family=classify(result.game),
        selection=selection_of(result),
        explanation=explanation,
        commitment=commitment,
    )
