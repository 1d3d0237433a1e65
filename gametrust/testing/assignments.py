"""Hypothesis strategies for values of a scenario within its assumptions.

:func:`assignments` draws an :class:`~gametrust.analysis.check_model.Assignment`
of everything a scenario's assumptions let vary (for
:func:`gametrust.analysis.claims.assert_claim`), :func:`parameter_values` the
parameters alone.  See ``docs/check.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from hypothesis import reject
from hypothesis import strategies as st

from ..analysis.check_model import Assignment, CheckModel, merge_assumptions
from ..analysis.value_strategies import variable_values
from ..core.errors import ArgumentError, Location
from ..formats.claims_format import read_assumptions
from ..scenario.conditions import Variable

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario

__all__ = ["assignments", "parameter_values"]


def assignments(
    scenario: Scenario,
    *,
    parameters: Any = None,
    empathy: Any = None,
    payoffs: Any = None,
    statements: Sequence[str] | None = None,
) -> st.SearchStrategy[Assignment]:
    """Values for everything a scenario's assumptions let vary, as an :class:`Assignment`.

    The scenario's own ``assumptions:`` apply; the keywords add to or
    replace them, in the file format (``parameters={"relief": [2, 6]}``,
    ``empathy={"US": ["1/4", 1]}``, ``payoffs={"Pressure, Arm": {"US": "± 1"}}``,
    ``statements=["cost < relief"]``).  Values are drawn in their ranges
    (simple rationals first, see :func:`gametrust.strategies.rationals`); statements are then
    checked with a filter.  Use the result with
    :func:`gametrust.analysis.claims.assert_claim`, or build the game with
    ``assignment.model.working.build(assignment.parameters, assignment.empathy)``.
    """
    extra: dict[str, Any] = {}
    for key, value in (
        ("parameters", parameters), ("empathy", empathy), ("payoffs", payoffs),
        ("statements", statements),
    ):
        if value is not None:
            extra[key] = _plain(value)
    own = getattr(scenario, "assumptions", None)
    added = read_assumptions(scenario, extra) if extra else None
    model = CheckModel.of(scenario, merge_assumptions(scenario, own, added))
    variables = model.variables()
    if variables is None:
        raise ArgumentError(
            "the assumptions leave no values to draw", Location(path=("assumptions",))
        )
    varying = [v for v in variables if v.varies]
    return _assignments(model, variables, varying)


@st.composite
def _assignments(
    draw: st.DrawFn,
    model: CheckModel,
    variables: Sequence[Variable],
    varying: Sequence[Variable],
) -> Assignment:
    values = draw(variable_values(varying, model.assumptions.statements))
    assignment = model.assignment(values, variables)
    if model.admits(assignment) is not None:
        reject()
    return assignment


def parameter_values(scenario: Scenario, **ranges: Any) -> st.SearchStrategy[dict[str, Fraction]]:
    """Values of the scenario's parameters within its assumptions (see :func:`assignments`).

    Parameters the assumptions do not vary keep their values, so the result
    can be passed straight to ``scenario.build(parameters=...)``.
    """
    names = list(scenario.parameters)
    return assignments(scenario, **ranges).map(
        lambda a: {n: a.parameters[n] for n in names}  # type: ignore[misc]
    )


def _plain(value: Any) -> Any:
    """Keyword ranges in the file format: numbers given as Python numbers or text."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return Fraction(value)
    return value
