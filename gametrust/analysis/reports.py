"""What ``gametrust solve`` shows for a scenario with moves in time or a costly signal.

Each is a value: the solver's result plus what its report shows besides the
equilibria, computed here so that the report layer only formats.  Normal-form
games have :class:`~gametrust.analysis.solve_report.SolveReport`, scenarios with
types :class:`~gametrust.analysis.bayesian.BayesianAnalysis` (wrapped with the
values it was built with in :class:`BayesianReport`).  :func:`gametrust.analysis.run.analyse`
returns one of these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.exact import Number, format_number

if TYPE_CHECKING:  # pragma: no cover
    from ..model.signal_stage import SignalStageGame
    from ..model.signalling import SignallingGame
    from ..scenario.scenario import Scenario
    from ..solvers.signal_stage_result import SignalStageResult
    from ..solvers.signalling_result import SignallingResult
    from ..solvers.tree_result import TreeSolveResult
    from .bayesian import BayesianAnalysis
    from .separation import SeparatingConditions

__all__ = [
    "BayesianReport", "SignalStageReport", "SignallingReport", "TreeReport", "commitment_costs",
]


def commitment_costs(
    scenario: Scenario | None, parameters: Mapping[str, Any] | None
) -> dict[str, str]:
    """Move label -> words with its cost and bond: ``"commit: bond (cost 1/2, bond 2)"``."""
    commitments = getattr(scenario, "commitments", ()) or ()
    if scenario is None or not commitments:
        return {}
    values = scenario.parameter_values(parameters)  # the tree was built with these
    out: dict[str, str] = {}
    for c in commitments:
        cost = c.cost.evaluate(values)
        extra = [f"cost {format_number(cost)}"] if cost != 0 else []
        if c.kind == "bond" and c.bond is not None:
            extra.append(f"bond {format_number(c.bond.evaluate(values))}")
        if extra:
            out[c.label] = f"{c.label} ({', '.join(extra)})"
    return out


@dataclass(frozen=True)
class TreeReport:
    """A solved game tree with the values it was built with.

    ``costs`` names each commitment move with its cost and bond at those values.
    """

    result: TreeSolveResult
    scenario: Scenario | None
    parameters: dict[str, Number]
    empathy: dict[str, Number]
    costs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SignallingReport:
    """A solved costly-signal scenario: the game, every PBE, the separating cost conditions
    (``None`` unless there is one signal per type) and the sender's stage-game replies."""

    scenario: Scenario
    game: SignallingGame
    result: SignallingResult
    conditions: SeparatingConditions | None
    replies: Mapping[str, Mapping[str, str]]
    parameters: dict[str, Number]
    empathy: dict[str, Number]


@dataclass(frozen=True)
class SignalStageReport:
    """A solved scenario with a costly signal and then a simultaneous stage game
    (``stage: simultaneous``): the game and every perfect Bayesian equilibrium."""

    scenario: Scenario
    game: SignalStageGame
    result: SignalStageResult
    parameters: dict[str, Number]
    empathy: dict[str, Number]


@dataclass(frozen=True)
class BayesianReport:
    """A solved scenario with types: the belief analysis and the values it was built with."""

    analysis: BayesianAnalysis
    parameters: dict[str, Number]
    empathy: dict[str, Number]

    @property
    def result(self) -> Any:
        """The solver's :class:`~gametrust.solvers.bayesian_result.BayesianResult`."""
        return self.analysis.result
