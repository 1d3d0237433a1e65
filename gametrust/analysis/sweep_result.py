"""The result of an exact sweep: intervals, breakpoints and an optional grid.

:func:`gametrust.analysis.sweep.sweep` returns a :class:`SweepResult`: the
:class:`Interval` s on which the equilibria do not change (each with its
game family, its equilibria as exact formulas, and where payoff and risk
dominance switch inside it), the :class:`Breakpoint` s between them (the game
solved exactly there), and with ``grid=N`` a :class:`Grid` of evenly spaced
points evaluated from the formulas.  It is a value: ``str()`` gives a short
summary, :meth:`SweepResult.to_dict` the JSON data, and the report layer
renders it (``gametrust.report.sweep.render``; tables in notebooks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.display import Displayable
from ..core.errors import ArgumentError, Location
from ..core.exact import format_number
from ..solvers.result import SolveResult
from .parametric import Axis, greater, interleave, interval_label, show_value
from .pieces import EquilibriumPiece
from .selection import Selection

if TYPE_CHECKING:  # pragma: no cover
    from .families import Family
    from .structure import GameStructure

__all__ = ["Breakpoint", "Grid", "Interval", "Solved", "SweepResult"]


class Solved:
    """What an interval and a breakpoint both say from the game solved there (``result``)."""

    result: SolveResult

    @property
    def degenerate(self) -> bool | None:
        """The game is degenerate (at every point of an interval, or at none)."""
        return self.result.degenerate

    @property
    def components(self) -> tuple[tuple[int, ...], ...]:
        """Maximal convex sets of equilibria, as indices into the equilibria (``pieces``)."""
        return self.result.components

    @property
    def continua(self) -> tuple[tuple[int, ...], ...]:
        """The components with several extreme points: continua of equilibria."""
        return self.result.continua


@dataclass(frozen=True)
class Interval(Solved):
    """An interval of the swept value on which the equilibria do not change.

    It says what ``solve`` says at every point inside it (and at a closed
    end): its equilibria (``pieces``, as exact functions of the swept value,
    each pure or mixed, strict or not), which of them are the extreme points
    of one continuum (``components``, indices into ``pieces``; a continuum's
    extreme points may move with the swept value), whether the game is
    degenerate, its family and ``structure``.
    """

    lo: Any  # Fraction or sympy algebraic number
    hi: Any
    closed_lo: bool
    closed_hi: bool
    sample: Fraction
    family: Family
    result: SolveResult
    selection: Selection
    pieces: tuple[EquilibriumPiece, ...]
    #: how payoff and risk dominance change inside the interval:
    #: (lo, hi, selection on (lo, hi)) pieces, and (point, selection) where it switches
    selections: tuple[tuple[Any, Any, Selection], ...] = ()
    selection_points: tuple[tuple[Any, Selection], ...] = ()
    structure: GameStructure | None = None

    def contains(self, t: Fraction) -> bool:
        above = t >= self.lo if self.closed_lo else greater(t, self.lo)
        below = t <= self.hi if self.closed_hi else greater(self.hi, t)
        return bool(above and below)

    def label(self, symbol: str) -> str:
        return interval_label(symbol, self.lo, self.hi, self.closed_lo, self.closed_hi)


@dataclass(frozen=True)
class Breakpoint(Solved):
    """A value at which the equilibria, the family or the selection change."""

    value: Any  # Fraction or sympy algebraic number
    approx: float
    exact: bool  # solved exactly (rational point) or in floats (irrational point)
    family: Family
    result: SolveResult
    selection: Selection
    structure: GameStructure | None = None


@dataclass(frozen=True)
class Grid:
    """The equilibria at ``n`` evenly spaced points, evaluated exactly from the formulas.

    Point ``k`` is ``(start + k * stride) / scale``.  Values are kept as integer
    numerator and denominator arrays (one vectorized pass per interval) and
    become ``Fraction`` objects only when asked for, so a 10,001-point grid
    costs milliseconds.
    """

    n: int
    start: int
    stride: int
    scale: int
    #: per interval: (first point, last point + 1); points not in one lie on a breakpoint
    spans: tuple[tuple[int, int], ...]
    on_breakpoint: dict[int, int] = field(default_factory=dict, repr=False)  # point -> bp
    values: dict[int, list[Any]] = field(default_factory=dict, repr=False)
    breakpoint_values: dict[int, Any] = field(default_factory=dict, repr=False)
    #: grid points at an end of the range whose game differs from the interval next to it
    on_end: dict[int, int] = field(default_factory=dict, repr=False)  # point -> 0 | 1
    end_values: dict[int, Any] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return self.n

    def point(self, k: int) -> Fraction:
        return Fraction(self.start + k * self.stride, self.scale)

    @property
    def points(self) -> tuple[Fraction, ...]:
        return tuple(self.point(k) for k in range(self.n))

    def where(self, k: int) -> tuple[str, int]:
        """``("breakpoint", b)``, ``("end", 0 | 1)`` or ``("interval", i)`` for point ``k``."""
        if k in self.on_end:
            return "end", self.on_end[k]
        if k in self.on_breakpoint:
            return "breakpoint", self.on_breakpoint[k]
        for i, (first, stop) in enumerate(self.spans):
            if first <= k < stop:
                return "interval", i
        raise IndexError(k)

    def equilibria(self, k: int) -> tuple[tuple[tuple[Fraction, ...], ...], ...]:
        """Exact equilibrium strategies at grid point ``k``."""
        kind, index = self.where(k)
        if kind == "breakpoint":
            return self.breakpoint_values[index]
        if kind == "end":
            return self.end_values[index]
        row = k - self.spans[index][0]
        out = []
        for piece in self.values[index]:
            if not isinstance(piece, list):  # constant on the interval
                out.append(piece)
                continue
            out.append(
                tuple(
                    tuple(Fraction(int(num[row]), int(den[row])) for num, den in player)
                    for player in piece
                )
            )
        return tuple(out)


@dataclass(frozen=True)
class SweepResult(Displayable):
    """Intervals and breakpoints of an exact sweep over ``axis`` from ``lo`` to ``hi``."""

    title: str
    axis: Axis
    lo: Fraction
    hi: Fraction
    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    intervals: tuple[Interval, ...]
    breakpoints: tuple[Breakpoint, ...]
    fixed: dict[str, Any] = field(default_factory=dict)
    grid: Grid | None = None
    #: the games exactly at ``lo`` and ``hi`` when they differ from the interval next to them
    ends: tuple[Breakpoint | None, Breakpoint | None] = (None, None)

    def to_frame(self) -> Any:
        """One row per interval and breakpoint, as a pandas DataFrame
        (:mod:`gametrust.analysis.frames`)."""
        from .frames import sweep_frame

        return sweep_frame(self)

    def segments(self) -> list[Interval | Breakpoint]:
        """Intervals and breakpoints in order along the axis.

        A breakpoint sits between two intervals, or at an end of the range
        when the game exactly there differs from the interval next to it.
        """
        return interleave(self.intervals, self.breakpoints, self.ends)

    def at(self, t: object) -> Interval | Breakpoint:
        """The interval or breakpoint that holds the value ``t``."""
        value = Fraction(t)  # type: ignore[arg-type]
        for bp in (*self.breakpoints, *(end for end in self.ends if end is not None)):
            if isinstance(bp.value, Fraction) and bp.value == value:
                return bp
        for interval in self.intervals:
            if interval.contains(value):
                return interval
        raise ArgumentError(
            f"{format_number(value)} is outside the swept range "
            f"[{format_number(self.lo)}, {format_number(self.hi)}]",
            Location(path=("t",)),
        )

    def equilibria_at(self, t: object) -> tuple[tuple[tuple[Fraction, ...], ...], ...]:
        """Exact equilibrium strategies at any value in the range, from the formulas."""
        if not isinstance(t, (int, str, Fraction)):  # an irrational breakpoint's own value
            for bp in self.breakpoints:
                if bp.value is t:
                    return tuple(e.strategies for e in bp.result)
        value = Fraction(t)  # type: ignore[arg-type]
        where = self.at(value)
        if isinstance(where, Breakpoint):
            return tuple(e.strategies for e in where.result)
        return tuple(piece.at(value) for piece in where.pieces)

    def grid_segment(self, k: int) -> Interval | Breakpoint:
        """The interval, breakpoint or end of the range that holds grid point ``k``."""
        if self.grid is None:
            raise ArgumentError(
                "the sweep has no grid: sweep(..., grid=N)", Location(path=("grid",))
            )
        where, index = self.grid.where(k)
        if where == "interval":
            return self.intervals[index]
        point = self.breakpoints[index] if where == "breakpoint" else self.ends[index]
        assert point is not None
        return point

    def grid_payoffs(self, k: int) -> tuple[tuple[Any, ...], ...]:
        """Each equilibrium's exact payoffs at grid point ``k`` (in the order of
        ``grid.equilibria(k)``), from the formulas inside an interval."""
        segment = self.grid_segment(k)
        if isinstance(segment, Breakpoint):
            return tuple(e.payoffs for e in segment.result)
        assert self.grid is not None
        value = self.grid.point(k)
        return tuple(piece.payoffs_at(value) for piece in segment.pieces)

    def summary(self) -> str:
        """One line: ``PD for e < 1/4, SH for 1/4 < e < 2/3, Harmony for e > 2/3``; a game
        larger than 2x2 by its structure (``e < 1/5: dominance-solvable, (Arm, Arm); ...``,
        as :func:`gametrust.analysis.sweep_facts.summary`)."""
        from .sweep_facts import is_2x2, summary, where_text  # the facts module imports this one

        if not is_2x2(self):
            return summary(self)
        return ", ".join(
            f"{interval.family.short} for {where_text(self, interval)}"
            for interval in self.intervals
        )

    def __str__(self) -> str:
        """Title, what was swept, the breakpoints and the summary (the full report is
        ``gametrust.report.sweep.render``)."""
        points = ", ".join(show_value(b.value) for b in self.breakpoints) or "none"
        return "\n".join(
            [
                f"{self.title or 'Sweep'}: {self.axis} from {format_number(self.lo)} "
                f"to {format_number(self.hi)}",
                f"breakpoints: {points}",
                self.summary(),
            ]
        )

    def to_dict(self, *, file: str | None = None) -> dict[str, Any]:
        """The sweep as JSON-ready data (``gametrust sweep --format json``; see
        ``docs/sweep.md``); ``file`` is recorded as the scenario's path."""
        from .sweep_dict import sweep_result_dict  # when asked for: not at start-up

        return sweep_result_dict(self, file=file)
