"""Exact values of claim variables in a range, simplest first, and orderings between them.

A check's search draws each varying value from a list of simple rationals in
its range (:func:`simple_values`: the range's anchor, then integers, halves,
thirds, ...; see :func:`simplicity`), so hypothesis shrinks a counterexample
to the values a person would try first.  An ordering between parameters in
the conditions (``S < P < R < T``) narrows each value's range by the values
drawn before it (:func:`order_links`, :func:`narrowed_by_order`), and a
choice of values is a list of indices into those lists
(:func:`encode_values`, :func:`decode_values`), which the check simplifies
further.  Nothing here imports hypothesis: the strategies that draw these
values are in :mod:`gametrust.analysis.value_strategies`.

>>> [str(v) for v in simple_values(-1, 1)[:5]]
['0', '1', '-1', '1/2', '-1/2']
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..core.errors import ArgumentError, Location
from ..scenario.conditions import FLIPPED, PARAMETER, Comparison, Condition, Variable, bare_name

__all__ = [
    "DENOMINATORS",
    "decode_values",
    "encode_values",
    "narrowed_by_order",
    "order_links",
    "simple_values",
    "simplicity",
    "simplicity_anchor",
]

#: Denominators of the rationals :func:`rationals` draws, in the order they are tried.
DENOMINATORS = (1, 2, 3, 4, 5, 6, 8, 10, 12)


def simplicity_anchor(low: Fraction, high: Fraction) -> Fraction:
    """The simplest point of a range: 0 if inside, else the end nearer to 0."""
    if low <= 0 <= high:
        return Fraction(0)
    return low if low > 0 else high


def simplicity(value: Fraction, low: Fraction, high: Fraction) -> tuple[Any, ...]:
    """Sort key: the range's anchor (0, or the end nearest 0), then integers, then by denominator,
    each nearest the anchor first.

    >>> sorted([Fraction(1, 2), Fraction(1), Fraction(3, 4)],
    ...        key=lambda v: simplicity(v, Fraction(1, 2), Fraction(1)))
    [Fraction(1, 2), Fraction(1, 1), Fraction(3, 4)]
    """
    anchor = simplicity_anchor(low, high)
    rank = 0 if value == anchor else (1 if value.denominator == 1 else 2)
    return (rank, value.denominator, abs(value - anchor), value < anchor)


def simple_values(
    low: object,
    high: object,
    *,
    low_open: bool = False,
    high_open: bool = False,
    limit: int = 400,
) -> list[Fraction]:
    """Exact values in a range, simplest first (see :func:`simplicity`), at most ``limit``.

    Rationals with denominators :data:`DENOMINATORS`; a range of one point gives that point.

    >>> [str(v) for v in simple_values(0, 1)[:7]]
    ['0', '1', '1/2', '1/3', '2/3', '1/4', '3/4']
    >>> [str(v) for v in simple_values("1/2", 1, low_open=True)[:3]]
    ['1', '2/3', '3/4']
    """
    return list(
        _simple_values(Fraction(low), Fraction(high), low_open, high_open, limit)  # type: ignore[arg-type]
    )


@lru_cache(maxsize=4096)
def _simple_values(
    low: Fraction, high: Fraction, low_open: bool, high_open: bool, limit: int
) -> tuple[Fraction, ...]:
    """The cached list behind :func:`simple_values`."""
    lo, hi = low, high
    if lo > hi:
        raise ArgumentError(f"empty range [{lo}, {hi}]", Location(path=("low",)))
    found: set[Fraction] = set()

    def inside(v: Fraction) -> bool:
        return (v > lo if low_open else v >= lo) and (v < hi if high_open else v <= hi)

    anchor = simplicity_anchor(lo, hi)
    for d in DENOMINATORS:
        # numerators of the values nearest the anchor first, at most ``limit`` of them
        center = int(anchor * d)
        first, last = math.ceil(lo * d), math.floor(hi * d)
        ks = sorted(
            range(max(first, center - limit), min(last, center + limit) + 1),
            key=lambda k: abs(Fraction(k, d) - anchor),
        )
        for k in ks[:limit]:
            v = Fraction(k, d)
            if inside(v):
                found.add(v)
    if lo == hi and inside(lo):
        found.add(lo)
    return tuple(sorted(found, key=lambda v: simplicity(v, lo, hi))[:limit])


def order_links(conditions: Sequence[Condition]) -> list[tuple[str, str, str]]:
    """``(name, op, other name)`` for each comparison between two bare parameter names."""
    out = []
    for condition in conditions:
        if not isinstance(condition, Comparison):
            continue
        for op, a, b in zip(condition.ops, condition.terms, condition.terms[1:], strict=False):
            if op != "!=" and bare_name(a) and bare_name(b):
                x, y = a.source.strip(), b.source.strip()
                out.append((x, op, y))
                out.append((y, FLIPPED[op], x))
    return out


def narrowed_by_order(
    variable: Variable, links: Sequence[tuple[str, str, str]], drawn: Mapping[str, Fraction]
) -> Variable | None:
    """The variable's range narrowed by orderings with parameters already drawn (or ``None``)."""
    current = variable
    if variable.kind == PARAMETER:
        for name, op, other in links:
            if name == variable.name and other in drawn:
                current = current.narrowed(op, drawn[other])
                if current is None:
                    return None
    return current


def decode_values(
    variables: Sequence[Variable], links: Sequence[tuple[str, str, str]], indices: Sequence[int]
) -> dict[str, Fraction] | None:
    """The values ``indices`` pick, each in its list of simple values narrowed by the earlier
    values (as :func:`gametrust.analysis.value_strategies.variable_values` draws them);
    ``None`` when an index is out of range."""
    drawn: dict[str, Fraction] = {}
    out: dict[str, Fraction] = {}
    for v, k in zip(variables, indices, strict=True):
        current = narrowed_by_order(v, links, drawn)
        if current is None:
            return None
        values = simple_values(current.low, current.high, low_open=current.low_open,
                               high_open=current.high_open)
        if not 0 <= k < len(values):
            return None
        out[v.key] = values[k]
        if v.kind == PARAMETER:
            drawn[v.name] = values[k]
    return out


def encode_values(
    variables: Sequence[Variable], links: Sequence[tuple[str, str, str]], values: Mapping[str, Any]
) -> list[int] | None:
    """The indices :func:`decode_values` turns into ``values`` (``None`` if it cannot)."""
    drawn: dict[str, Fraction] = {}
    out: list[int] = []
    for v in variables:
        current = narrowed_by_order(v, links, drawn)
        if current is None:
            return None
        listed = simple_values(current.low, current.high, low_open=current.low_open,
                               high_open=current.high_open)
        if values[v.key] not in listed:
            return None
        out.append(listed.index(values[v.key]))
        if v.kind == PARAMETER:
            drawn[v.name] = values[v.key]
    return out

