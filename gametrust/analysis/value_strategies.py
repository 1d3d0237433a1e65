"""Hypothesis strategies for exact values in a range and for the variables of claims.

:func:`rationals` draws exact rationals in a range, shrinking to the
simplest (:func:`gametrust.analysis.simple_values.simple_values`);
:func:`variable_values` draws a value for each varying
:class:`~gametrust.scenario.conditions.Variable` of a check, respecting the
orderings between parameters by construction.  ``gametrust check`` searches
with them (:mod:`gametrust.analysis.check_search`); researchers use them
through :mod:`gametrust.strategies`.  This module imports hypothesis: import
it only where a search runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from hypothesis import reject
from hypothesis import strategies as st

from ..core.errors import ArgumentError, Location
from ..scenario.conditions import PARAMETER, Condition, Variable
from .simple_values import narrowed_by_order, order_links, simple_values

__all__ = ["rationals", "variable_values"]


def rationals(
    low: object, high: object, *, low_open: bool = False, high_open: bool = False
) -> st.SearchStrategy[Fraction]:
    """Exact rationals with small denominators in ``[low, high]``, shrinking to the simplest.

    Shrinking goes to the range's anchor (0 when inside the range, else the
    end nearer 0), then to integers, then to halves, thirds, ..., so a
    counterexample reads like one a person would try first.

    >>> from hypothesis import find
    >>> find(rationals(0, 5), lambda x: x > 2)
    Fraction(3, 1)
    """
    values = simple_values(low, high, low_open=low_open, high_open=high_open)
    if not values:
        raise ArgumentError(
            f"no value in the range {'(' if low_open else '['}{low}, {high}"
            f"{')' if high_open else ']'}",
            Location(path=("low",)),
        )
    return st.integers(0, len(values) - 1).map(values.__getitem__)


@st.composite
def variable_values(
    draw: st.DrawFn, variables: Sequence[Variable], conditions: Sequence[Condition] = ()
) -> dict[str, Fraction]:
    """Values for claim variables, by key, drawn one after another.

    An ordering between parameters in ``conditions`` (``S < P < R < T``)
    is respected by construction: each value is drawn (see :func:`rationals`)
    in its range narrowed by the values already drawn, so the ordering
    rejects nothing (other conditions are for the caller to check).
    """
    links = order_links(conditions)
    drawn: dict[str, Fraction] = {}
    out: dict[str, Fraction] = {}
    for v in variables:
        current = narrowed_by_order(v, links, drawn)
        if current is None:
            reject()
        value = draw(
            rationals(current.low, current.high, low_open=current.low_open,
                      high_open=current.high_open)
        )
        out[v.key] = value
        if v.kind == PARAMETER:
            drawn[v.name] = value
    return out
