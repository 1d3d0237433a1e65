"""Where a figure's labels go, decided without drawing: pure functions the plots call.

A sweep over a wide range can have breakpoints close together (``1/5`` and
``1/4`` on ``[0, 10]``); written side by side their labels would overprint.
:func:`stagger` puts each label in the lowest row where it does not collide
with its neighbours and leaves out (for the caller to list elsewhere) those
that fit in no row.  :func:`text_width` estimates a label's width from its
length, so the placement is decided before anything is drawn and can be
tested.  For a 2-D map, :func:`boundary_segments` keeps only the boundary
lines that separate regions, and :func:`legend_entries` builds the legend so
that no two entries read the same.

>>> stagger([0.20, 0.22, 0.60], [0.1, 0.1, 0.1])
[0, 1, 0]
>>> stagger([0.5, 0.5, 0.5, 0.5], [0.2] * 4, rows=3)
[0, 1, 2, None]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..analysis.sweep_facts import exact_text, is_rational

__all__ = [
    "CHAR_WIDTH",
    "boundary_segments",
    "breakpoint_label",
    "legend_entries",
    "stagger",
    "supports_key",
    "supports_label",
    "text_width",
    "value_label",
]

#: The average width of a character as a fraction of the font size (sans-serif).
CHAR_WIDTH = 0.65


def value_label(value: Any) -> str:
    """``1/4``; an irrational value as its exact form when short, else ``≈ 2.236``.

    >>> import sympy
    >>> from fractions import Fraction
    >>> value_label(Fraction(1, 4)), value_label(sympy.sqrt(5))
    ('1/4', 'sqrt(5) ≈ 2.236')
    """
    text = exact_text(value)
    if is_rational(value):
        return text
    if len(text) <= 10:
        return f"{text} ≈ {float(value):.4g}"
    return f"≈ {float(value):.4g}"


def breakpoint_label(symbol: str, value: Any) -> str:
    """``e = 1/4``, ``r = sqrt(5) ≈ 2.236``, or ``t ≈ 0.5331`` for a long algebraic number.

    >>> from fractions import Fraction
    >>> breakpoint_label("e", Fraction(1, 4))
    'e = 1/4'
    """
    label = value_label(value)
    return f"{symbol} {label}" if label.startswith("≈") else f"{symbol} = {label}"


def supports_key(supports: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """An equilibrium's supports as a hashable key (its colour in a figure)."""
    return tuple(tuple(s) for s in supports)


def supports_label(key: tuple[tuple[str, ...], ...], players: Sequence[str]) -> str:
    """``(Pressure, Arm)``, or ``mixed: US Freeze/Arm; USSR Verify/Arm``.

    >>> supports_label((("Freeze", "Arm"), ("Verify",)), ["US", "USSR"])
    'mixed: US Freeze/Arm; USSR Verify'
    """
    if all(len(s) == 1 for s in key):
        return "(" + ", ".join(s[0] for s in key) + ")"
    return "mixed: " + "; ".join(f"{p} {'/'.join(s)}" for p, s in zip(players, key, strict=True))


def text_width(text: str, fontsize: float, span_inches: float) -> float:
    """The width of ``text`` at ``fontsize`` points as a fraction of a span of
    ``span_inches`` (an axis's length): an estimate from the number of characters.

    >>> round(text_width("e = 1/4", 10, 7.0), 4)
    0.0903
    """
    return len(text) * fontsize * CHAR_WIDTH / 72 / span_inches


def stagger(
    positions: Sequence[float],
    widths: Sequence[float],
    *,
    rows: int = 3,
    gap: float = 0.01,
) -> list[int | None]:
    """The row (0 nearest the axis) of each label so that none overprints another.

    Label ``k`` is centred at ``positions[k]`` and ``widths[k]`` wide (both as
    fractions of the axis).  Labels are placed from left to right, each in the
    lowest of ``rows`` rows where it starts at least ``gap`` after the last
    label already in that row ends.  A label that fits in no row gets
    ``None``: the caller leaves it out of the axis and names it elsewhere, so
    nothing is lost and nothing overprints.

    >>> stagger([0.1, 0.3], [0.1, 0.1])          # far apart: one row
    [0, 0]
    >>> stagger([0.1, 0.12, 0.14], [0.1] * 3, rows=2)
    [0, 1, None]
    """
    if len(positions) != len(widths):
        raise ValueError("one width per position")
    ends: list[float] = []  # the right end of the last label in each row
    out: list[int | None] = [None] * len(positions)
    for k in sorted(range(len(positions)), key=lambda k: positions[k]):
        start = positions[k] - widths[k] / 2
        for row, end in enumerate(ends):
            if start >= end + gap:
                ends[row] = positions[k] + widths[k] / 2
                out[k] = row
                break
        else:
            if len(ends) < rows:
                ends.append(positions[k] + widths[k] / 2)
                out[k] = len(ends) - 1
    return out


def boundary_segments(
    region_of: dict[tuple[int, int], int], columns: int, rows: int
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Where a map's candidate boundary lines really separate regions.

    ``region_of[(column, row)]`` is the region of each cell of a ``columns`` x
    ``rows`` grid; vertical line ``k`` lies between columns ``k`` and ``k + 1``,
    horizontal line ``k`` between rows ``k`` and ``k + 1``.  Returns, for each
    line that separates two regions somewhere, the rows (for a vertical line)
    or columns (horizontal) where it does; lines separating nothing (the
    regions on both sides are the same everywhere) are left out, so a figure
    neither draws nor labels them.

    >>> cells = {(0, 0): 0, (1, 0): 0, (0, 1): 1, (1, 1): 2}
    >>> boundary_segments(cells, 2, 2)
    ({0: [1]}, {0: [0, 1]})
    """
    vertical: dict[int, list[int]] = {}
    horizontal: dict[int, list[int]] = {}
    for k in range(columns - 1):
        found = [r for r in range(rows) if region_of[(k, r)] != region_of[(k + 1, r)]]
        if found:
            vertical[k] = found
    for k in range(rows - 1):
        found = [c for c in range(columns) if region_of[(c, k)] != region_of[(c, k + 1)]]
        if found:
            horizontal[k] = found
    return vertical, horizontal


def legend_entries(
    groups: Sequence[tuple[Any, Sequence[int]]],
    equilibria_text: Callable[[Any], str],
    regions_text: Callable[[Sequence[int]], str],
) -> list[tuple[str, list[int]]]:
    """A map's legend without repeated text: ``groups`` are ``(key, region indices)`` for
    each colour; entries whose equilibria read the same are merged into one (one colour,
    their regions together), and each entry names its regions.

    >>> legend_entries([("a", [0]), ("b", [1]), ("a2", [2])],
    ...                lambda key: key[0], lambda regions: ", ".join(map(str, regions)))
    [('a\\n   0, 2', [0, 2]), ('b\\n   1', [1])]
    """
    merged: dict[str, list[int]] = {}
    for key, regions in groups:
        merged.setdefault(equilibria_text(key), []).extend(regions)
    return [
        (f"{text}\n   {regions_text(sorted(regions))}", sorted(regions))
        for text, regions in merged.items()
    ]
