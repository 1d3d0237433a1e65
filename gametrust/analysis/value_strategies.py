"""Hypothesis strategies for exact values in a range and for the variables of claims.

:func:`rationals` draws exact rationals in a range — simple ones, dense
ones and ones hugging the ends — shrinking to the simplest
(:func:`gametrust.analysis.simple_values.simple_values`);
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

__all__ = ["DENSE_STEPS", "HUG_DEPTH", "rationals", "variable_values"]


#: Resolution of the dense rationals :func:`rationals` mixes in: multiples of width / this.
DENSE_STEPS = 10**4
#: How close the boundary-hugging values come to an end: width / 2**k for k up to this.
HUG_DEPTH = 30


def rationals(
    low: object, high: object, *, low_open: bool = False, high_open: bool = False,
    dense: bool = True,
) -> st.SearchStrategy[Fraction]:
    """Exact rationals in ``[low, high]``, shrinking to the simplest.

    Three kinds are mixed: *simple* rationals (denominators 1, 2, 3, 4, 5, 6,
    8, 10, 12; :func:`~gametrust.analysis.simple_values.simple_values`),
    *dense* ones (the multiples of ``width / DENSE_STEPS``: a claim that fails
    only on a narrow interval is found) and *boundary-hugging* ones (an end
    plus or minus ``width / 2**k``: a strict inequality written as a weak one
    is found).  Shrinking goes to the simple ones: the range's anchor (0 when
    inside the range, else the end nearer 0), then integers, then halves,
    thirds, ..., so a counterexample reads like one a person would try first.
    ``dense=False`` draws the simple ones only.

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
    simple = st.integers(0, len(values) - 1).map(values.__getitem__)
    lo, hi = Fraction(low), Fraction(high)  # type: ignore[arg-type]
    if not dense or lo == hi:
        return simple

    def inside(x: Fraction) -> bool:
        return (x > lo if low_open else x >= lo) and (x < hi if high_open else x <= hi)

    width = hi - lo
    grid = st.integers(0, DENSE_STEPS).map(lambda k: lo + width * Fraction(k, DENSE_STEPS))
    hugging = st.tuples(st.booleans(), st.integers(1, HUG_DEPTH)).map(
        lambda pair: hi - width / 2 ** pair[1] if pair[0] else lo + width / 2 ** pair[1]
    )
    return st.one_of(simple, grid.filter(inside), hugging.filter(inside))


@st.composite
def variable_values(
    draw: st.DrawFn, variables: Sequence[Variable], conditions: Sequence[Condition] = (),
    dense: bool = True,
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
                      high_open=current.high_open, dense=dense)
        )
        out[v.key] = value
        if v.kind == PARAMETER:
            drawn[v.name] = value
    return out
