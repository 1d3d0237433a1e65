"""Exact sweeps: how the equilibria change with empathy or a parameter.

Payoffs are polynomials (after clearing positive denominators) in the swept
value ``t`` — linear for empathy.  The equilibrium set of a two-player game is
determined by the signs of finitely many polynomials in ``t``: for every basis
of the best-response polytopes its determinant, its Cramer numerators (are the
probabilities positive?) and its slacks (are the other actions worse?); the
game's family by the signs of payoff differences; risk dominance by the sign
of a difference of Nash products.  So the range splits at the real roots of
those polynomials into finitely many intervals on which nothing changes.

:func:`sweep` computes those roots exactly (rationals, or sympy algebraic
numbers for roots of irreducible polynomials of degree >= 2), solves the game
exactly at each candidate root and at a rational point inside each gap, and
merges neighbours that do not differ.  What remains are the breakpoints: for
each interval the family, the equilibria with probabilities and payoffs as
exact functions of ``t``, and which is payoff- and risk-dominant; for each
breakpoint the (usually degenerate) game exactly there.

>>> from gametrust import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]],
...                                 players=["US", "DPRK"])
>>> result = sweep(pd, "empathy")
>>> [str(b.value) for b in result.breakpoints]
['1/4', '2/3']
>>> [i.family.short for i in result.intervals]
['PD', 'SH', 'Harmony']
>>> result.summary()
'PD for e < 1/4, SH for 1/4 < e < 2/3, Harmony for 2/3 < e < 1'
>>> str(result.ends[1].family)    # exactly at e = 1, S' = T': a tie
'tie: boundary of Harmony and Concord (T = S for both players)'
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, product
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import ArgumentError, Location, did_you_mean
from ..core.exact import format_number
from ..core.polynomial import Poly, RationalFunction, approx, compare, det, real_roots
from ..model.game import NormalFormGame
from ..solvers.result import Equilibrium, SolveResult
from ..solvers.solve import solve
from .selection import Selection, analyse

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario
    from .families import Family

__all__ = [
    "Axis",
    "Breakpoint",
    "EquilibriumPiece",
    "Grid",
    "Interval",
    "SweepResult",
    "sweep",
]


# -- the swept quantity ----------------------------------------------------------------------


@dataclass(frozen=True)
class Axis:
    """What is swept: every player's empathy, one player's empathy, or a parameter."""

    kind: str  # "empathy" or "param"
    name: str = ""  # player id (empathy of one player), parameter name, or "" (all players)

    @property
    def symbol(self) -> str:
        """The name the swept value has in formulas: ``e``, ``e_US`` or the parameter."""
        if self.kind == "param":
            return self.name
        return f"e_{self.name}" if self.name else "e"

    def __str__(self) -> str:
        if self.kind == "param":
            return f"parameter {self.name}"
        return f"empathy of {self.name}" if self.name else "empathy (all players)"

    @classmethod
    def parse(cls, text: str) -> Axis:
        """``"empathy"``, ``"empathy:US"`` or ``"param:relief"`` (also just ``"relief"``)."""
        if text == "empathy":
            return cls("empathy")
        kind, sep, name = text.partition(":")
        if sep and kind == "empathy":
            return cls("empathy", name)
        if sep and kind == "param":
            return cls("param", name)
        if not sep:
            return cls("param", text)
        raise ArgumentError(
            f"cannot read sweep axis {text!r}: use 'empathy', 'empathy:PLAYER' or 'param:NAME'",
            Location(path=("axis",)),
        )


# -- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EquilibriumPiece:
    """One equilibrium across an interval, as exact functions of the swept value.

    ``formulas[i][k]`` is player ``i``'s probability of its ``k``-th action as
    a :class:`RationalFunction` of the swept value (``None`` when the
    equilibrium is constant on the interval); ``payoff_formulas[i]`` its
    expected payoff.  :meth:`strategies` and :meth:`payoffs` give them as
    simplified sympy expressions in the axis symbol, for display.
    """

    supports: tuple[tuple[str, ...], ...]
    kind: str
    at_sample: Equilibrium
    formulas: tuple[tuple[RationalFunction, ...], ...] | None
    payoff_formulas: tuple[RationalFunction, ...] | None
    symbol: str = "t"

    def strategies(self) -> tuple[tuple[Any, ...], ...]:
        """Probabilities as sympy expressions (simplified)."""
        if self.formulas is None:
            return tuple(tuple(_sympy_number(p) for p in s) for s in self.at_sample.strategies)
        return tuple(tuple(_to_sympy(f, self.symbol) for f in s) for s in self.formulas)

    def payoffs(self) -> tuple[Any, ...]:
        """Expected payoffs as sympy expressions (simplified)."""
        if self.payoff_formulas is None:
            return tuple(_sympy_number(p) for p in self.at_sample.payoffs)
        return tuple(_to_sympy(f, self.symbol) for f in self.payoff_formulas)

    def at(self, t: Fraction) -> tuple[tuple[Fraction, ...], ...]:
        """The exact strategies at a value inside the interval."""
        if self.formulas is None:
            return self.at_sample.strategies
        return tuple(tuple(f(t) for f in s) for s in self.formulas)

    def describe(self) -> str:
        if self.kind == "pure":
            return "(" + ", ".join(s[0] for s in self.supports) + ")"
        parts = []
        for player, acts, probs in zip(
            self.at_sample.players, self.at_sample.actions, self.strategies(), strict=True
        ):
            mix = ", ".join(
                f"{a} {p}" for a, p in zip(acts, probs, strict=True) if str(p) != "0"
            )
            parts.append(f"{player}: {mix}")
        return "; ".join(parts)


def _sympy_number(value: Any) -> Any:
    import sympy

    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.Float(value)


def _to_sympy(f: RationalFunction, symbol: str) -> Any:
    import sympy

    t = sympy.Symbol(symbol, real=True)

    def expr(p: Poly) -> Any:
        return sum(
            (sympy.Rational(c.numerator, c.denominator) * t**k for k, c in enumerate(p.coeffs)),
            sympy.Integer(0),
        )

    return sympy.cancel(expr(f.num) / expr(f.den))


@dataclass(frozen=True)
class Interval:
    """An open interval of the swept value on which the equilibria do not change."""

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

    def contains(self, t: Fraction) -> bool:
        lo, hi = _approx(self.lo), _approx(self.hi)
        above = t >= self.lo if self.closed_lo else _greater(t, self.lo, lo)
        below = t <= self.hi if self.closed_hi else _greater(self.hi, t, hi)
        return bool(above and below)

    def label(self, symbol: str) -> str:
        left = "[" if self.closed_lo else "("
        right = "]" if self.closed_hi else ")"
        return f"{symbol} in {left}{_show(self.lo)}, {_show(self.hi)}{right}"


@dataclass(frozen=True)
class Breakpoint:
    """A value at which the equilibria, the family or the selection change."""

    value: Any  # Fraction or sympy algebraic number
    approx: float
    exact: bool  # solved exactly (rational point) or in floats (irrational point)
    family: Family
    result: SolveResult
    selection: Selection


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


def _int_eval(poly: Poly, start: int, step: int, scale: int, ks: np.ndarray) -> tuple:
    """``poly((start + k*step)/scale)`` for every k, as (integer array, Fraction factor)."""
    if poly.is_zero():
        return np.zeros(len(ks), dtype=object), Fraction(1)
    d = poly.degree
    lcd = math.lcm(*(c.denominator for c in poly.coeffs))
    q = [int(c * lcd) for c in poly.coeffs]
    u = start + ks * step
    acc = np.full(len(ks), q[d], dtype=object)
    for i in range(d - 1, -1, -1):
        acc = acc * u + q[i] * scale ** (d - i)
    return acc, Fraction(1, lcd * scale**d)


def _grid(result: SweepResult, n: int) -> Grid:
    if n < 2:
        raise ArgumentError("--grid needs at least 2 points", Location(path=("--grid",)))
    step = (result.hi - result.lo) / (n - 1)
    scale = math.lcm(result.lo.denominator, step.denominator)
    start, stride = int(result.lo * scale), int(step * scale)

    def first_above(value: Any, approx: float) -> int:
        """The first grid index whose point is greater than ``value`` (exactly)."""
        if isinstance(value, Fraction):
            return min(n, max(0, math.floor((value * scale - start) / stride) + 1))
        k = min(n, max(0, math.floor((approx * scale - start) / stride)))
        while k > 0 and not _greater(value, Fraction(start + (k - 1) * stride, scale), approx):
            k -= 1
        while k < n and not _greater(Fraction(start + k * stride, scale), value, approx):
            k += 1
        return k

    spans = []
    on_breakpoint: dict[int, int] = {}
    first = 0
    for b, bp in enumerate(result.breakpoints):
        above = first_above(bp.value, bp.approx)
        at = above - 1
        hit = at >= first and Fraction(start + at * stride, scale) == bp.value
        spans.append((first, at if hit else above))
        if hit:
            on_breakpoint[at] = b
        first = above
    spans.append((first, n))
    grid = Grid(n, start, stride, scale, tuple(spans), on_breakpoint)
    for b, bp in enumerate(result.breakpoints):
        grid.breakpoint_values[b] = tuple(e.strategies for e in bp.result)
    for side, (end, k) in enumerate(zip(result.ends, (0, n - 1), strict=True)):
        if end is not None:
            grid.on_end[k] = side
            grid.end_values[side] = tuple(e.strategies for e in end.result)
    for index, interval in enumerate(result.intervals):
        lo, stop = spans[index]
        ks = np.arange(lo, stop).astype(object)
        pieces: list[Any] = []
        for piece in interval.pieces:
            constant = piece.formulas is None or all(
                f.num.degree <= 0 and f.den.degree <= 0 for player in piece.formulas for f in player
            )
            if constant:  # e.g. a pure equilibrium: one exact tuple serves every point
                pieces.append(piece.at_sample.strategies)
                continue
            players = []
            for player in piece.formulas:
                actions = []
                for f in player:
                    num, fn = _int_eval(f.num, start, stride, scale, ks)
                    den, fd = _int_eval(f.den, start, stride, scale, ks)
                    factor = fn / fd
                    actions.append((num * factor.numerator, den * factor.denominator))
                players.append(actions)
            pieces.append(players)
        grid.values[index] = pieces
    return grid


@dataclass(frozen=True)
class SweepResult:
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

    def summary(self) -> str:
        """One line: ``PD for e < 1/4, SH for 1/4 < e < 2/3, Harmony for e > 2/3``."""
        sym = self.axis.symbol
        parts = []
        for interval in self.intervals:
            bounds = []
            if interval.lo != self.lo or not interval.closed_lo:
                bounds.append(f"{_show(interval.lo)} {'<=' if interval.closed_lo else '<'} ")
            bounds.append(sym)
            if interval.hi != self.hi or not interval.closed_hi:
                bounds.append(f" {'<=' if interval.closed_hi else '<'} {_show(interval.hi)}")
            parts.append(f"{interval.family.short} for {''.join(bounds)}")
        return ", ".join(parts)

    # notebooks
    def _repr_markdown_(self) -> str:
        from ..report.sweep import render_markdown

        return render_markdown(self)

    def _repr_html_(self) -> str:
        from ..report.sweep import render_html

        return render_html(self)


# -- building the parametric game --------------------------------------------------------------


def _parametric_tensor(
    source: Scenario | NormalFormGame,
    axis: Axis,
    parameters: Mapping[str, object] | None,
    empathy: Mapping[str, object] | None,
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], np.ndarray]:
    """The empathy-adjusted payoff tensor as rational functions of the swept value."""
    from ..model.empathy import empathize_tensor

    t = RationalFunction.variable()

    def const(value: object) -> RationalFunction:
        return RationalFunction.constant(Fraction(value))  # type: ignore[arg-type]

    if isinstance(source, NormalFormGame):
        if axis.kind == "param":
            raise ArgumentError(
                "a game given as arrays has no parameters to sweep; sweep 'empathy' or "
                "'empathy:PLAYER', or load a scenario",
                Location(path=("axis",)),
            )
        players, actions = source.players, source.actions
        base = np.vectorize(const, otypes=[object])(source.payoffs)
        weights: dict[str, Any] = {p: const(0) for p in players}
        model = "altruism"
    else:
        players, actions = source.player_ids, source.actions
        values: dict[str, Any] = {
            k: const(v) for k, v in source.parameter_values(parameters).items()
        }
        if axis.kind == "param":
            if axis.name not in values:
                raise ArgumentError(
                    f"no parameter {axis.name!r}{did_you_mean(axis.name, values)}",
                    Location(path=("--param",)),
                )
            values[axis.name] = t
        shape = tuple(len(a) for a in actions)
        base = np.empty((len(players), *shape), dtype=object)
        for index, vector in zip(
            product(*(range(k) for k in shape)), source.payoffs.values(), strict=True
        ):
            for i, expression in enumerate(vector):
                base[(i, *index)] = expression.fold(const, values.__getitem__)
        weights = {}
        for pid in players:
            raw = source.empathy.get(pid, 0)
            weights[pid] = (
                raw.fold(const, values.__getitem__) if hasattr(raw, "fold") else const(raw)
            )
        model = source.empathy_model
    for pid, raw in (empathy or {}).items():
        _check_player(pid, players, "--empathy")
        weights[pid] = const(_exact_weight(raw, pid))
    if axis.kind == "empathy":
        if axis.name:
            _check_player(axis.name, players, "axis")
            weights[axis.name] = t
        else:
            weights = {p: t for p in players}
    tensor = empathize_tensor(base, [weights[p] for p in players], model)
    return tuple(players), tuple(tuple(a) for a in actions), tensor


def _exact_weight(raw: object, pid: str) -> Fraction:
    from ..core.exact import as_number

    try:
        return Fraction(as_number(raw, exact=True))
    except (TypeError, ValueError) as exc:
        raise ArgumentError(str(exc), Location(path=("--empathy", pid))) from None


def _check_player(name: str, players: Sequence[str], option: str) -> None:
    if name not in players:
        raise ArgumentError(
            f"no player {name!r}{did_you_mean(name, players)}; players are {', '.join(players)}",
            Location(path=(option,)),
        )


def _cleared_polys(payoffs: np.ndarray, symbol: str, lo: Fraction, hi: Fraction) -> np.ndarray:
    """Each player's payoffs times one common positive polynomial: polynomials in t."""
    out = np.empty(payoffs.shape, dtype=object)
    for i in range(payoffs.shape[0]):
        pairs = [(rf.num, rf.den) for rf in payoffs[i].ravel()]
        common = Poly.constant(1)
        seen: list[Poly] = []
        for _, den in pairs:
            prim = den.primitive()
            if prim.degree > 0 and prim not in seen:
                seen.append(prim)
                common = common * prim
        for root in real_roots(common, lo, hi, open_interval=False):
            raise ArgumentError(
                f"the payoffs are undefined at {symbol} = {_show(root)} inside the swept range",
                Location(path=("axis",)),
            )
        if common((lo + hi) / 2) < 0:
            common = -common
        out[i].ravel()[:] = [(num * common).exact_div(den) for num, den in pairs]
    return out


# -- candidate breakpoints ---------------------------------------------------------------------


def _shift_positive(matrix: np.ndarray, lo: Fraction, hi: Fraction) -> np.ndarray:
    radius = max(abs(lo), abs(hi), Fraction(1))
    bound = Fraction(0)
    for p in matrix.ravel():
        bound = max(bound, sum((abs(c) * radius**k for k, c in enumerate(p.coeffs)), Fraction(0)))
    shift = Poly.constant(bound + 1)
    return np.vectorize(lambda p: p + shift, otypes=[object])(matrix)


def _polytope_polys(c: np.ndarray, out: set[Poly]) -> None:
    """Determinants, Cramer numerators and slacks of every basis of {z>=0 : c z <= 1}."""
    r, d = c.shape
    one = Poly.constant(1)
    for k in range(1, min(r, d) + 1):
        for support in combinations(range(d), k):
            for rows in combinations(range(r), k):
                m = [[c[j, i] for i in support] for j in rows]
                dm = det(m)
                if dm.is_zero():
                    continue
                out.add(dm.primitive())
                nums = []
                for col in range(k):
                    replaced = [[*row[:col], one, *row[col + 1:]] for row in m]
                    n_i = det(replaced)
                    nums.append(n_i)
                    if not n_i.is_zero():
                        out.add(n_i.primitive())
                for j in range(r):
                    if j in rows:
                        continue
                    s = dm
                    for i, n_i in zip(support, nums, strict=True):
                        s = s - c[j, i] * n_i
                    if not s.is_zero():
                        out.add(s.primitive())


def _player_polys(polys: np.ndarray, player: int, lo: Fraction, hi: Fraction) -> set[Poly]:
    """Polynomials in one player's payoffs whose roots may change the equilibria or family.

    Every difference of the player's payoffs (its preference order: the family,
    pure best responses, payoff dominance) and, for two players, the
    determinants, Cramer numerators and slacks of the best-response polytope
    its payoffs define (``Q`` from the row player's, ``P`` from the column
    player's).
    """
    out: set[Poly] = set()
    flat = polys[player].ravel()
    for a, b in combinations(range(len(flat)), 2):
        diff = flat[a] - flat[b]
        if not diff.is_zero():
            out.add(diff.primitive())
    if polys.shape[0] == 2:
        shifted = _shift_positive(polys[player], lo, hi)
        _polytope_polys(shifted if player == 0 else shifted.T, out)
    return out


def _risk_polys(polys: np.ndarray) -> set[Poly]:
    """Differences of Nash products of deviation losses (risk dominance switches)."""
    out: set[Poly] = set()
    m, k = polys.shape[1:]
    u = polys
    for (a1, b1), (a2, b2) in combinations(list(product(range(m), range(k))), 2):
        if a1 == a2 or b1 == b2:
            continue
        loss1 = (u[0, a1, b1] - u[0, a2, b1]) * (u[1, a1, b1] - u[1, a1, b2])
        loss2 = (u[0, a2, b2] - u[0, a1, b2]) * (u[1, a2, b2] - u[1, a2, b1])
        diff = loss1 - loss2
        if not diff.is_zero():
            out.add(diff.primitive())
    return out


def _roots_of(polys: set[Poly], lo: Fraction, hi: Fraction) -> list[Any]:
    roots: list[Any] = []
    for poly in polys:
        roots.extend(real_roots(poly, lo, hi))
    return _sorted_unique(roots)


# -- evaluating points -------------------------------------------------------------------------


def _approx(value: Any) -> float:
    return float(value)


def _greater(a: Any, b: Any, b_approx: float) -> bool:
    """a > b exactly, for Fractions and sympy algebraic numbers."""
    return compare(a, b) > 0


def _show(value: Any) -> str:
    if isinstance(value, Fraction):
        return format_number(value)
    if hasattr(value, "is_Rational") and value.is_Rational:
        return str(value)
    try:
        import sympy

        if isinstance(value, sympy.Basic) and value.free_symbols:
            return str(value)
        if isinstance(value, sympy.Basic):
            exact = sympy.nsimplify(value) if value.is_algebraic else value
            return f"{exact} (≈ {float(value):.6g})"
    except (TypeError, ValueError):  # pragma: no cover
        pass
    return str(value)


def interleave(intervals: Sequence[Any], breakpoints: Sequence[Any], ends: Sequence[Any]) -> list:
    """Segments in order along an axis: ``[end0], interval, breakpoint, ..., interval, [end1]``.

    Shared by every sweep (normal form, trees, priors): a breakpoint sits
    between two intervals; an end of the range is listed when the game exactly
    there differs from the interval next to it (``None`` otherwise).
    """
    items: list[Any] = [] if ends[0] is None else [ends[0]]
    for k, interval in enumerate(intervals):
        items.append(interval)
        if k < len(breakpoints):
            items.append(breakpoints[k])
    if ends[1] is not None:
        items.append(ends[1])
    return items


class _Evaluator:
    """Solves the game at points of the axis, exactly at rational points."""

    def __init__(self, build, classify) -> None:  # type: ignore[no-untyped-def]
        self.build = build
        self.classify = classify
        self.cache: dict[Any, tuple] = {}

    def at(self, t: Any) -> tuple[NormalFormGame, SolveResult, Any, Selection, tuple, bool]:
        parts = t if isinstance(t, tuple) else (t,)
        exact = all(isinstance(p, Fraction) for p in parts)
        key = t if exact else ("alg", str(t))
        if key in self.cache:
            return self.cache[key]
        if exact:
            game = self.build(t)
        else:  # an irrational point: solved in floats, with the documented tolerance
            floats = tuple(float(p) for p in parts)
            game = self.build(floats if isinstance(t, tuple) else floats[0])
        result = solve(game)
        family = self.classify(game)
        selection = analyse(game, result)
        signature = _signature(game, result, family)
        value = (game, result, family, selection, signature, exact)
        self.cache[key] = value
        return value


def _supports(e: Equilibrium) -> tuple[tuple[str, ...], ...]:
    return tuple(e.support(i) for i in range(len(e.players)))


def _best_responses(game: NormalFormGame, e: Equilibrium) -> tuple[tuple[int, ...], ...]:
    from ..model.regret import deviation_payoffs, float_tolerance

    tol = float_tolerance(game)
    out = []
    for i in range(game.n_players):
        dev = deviation_payoffs(game, e.strategies, i)
        best = max(dev)
        if game.exact:
            out.append(tuple(k for k, v in enumerate(dev) if v == best))
        else:
            out.append(tuple(k for k, v in enumerate(dev) if v >= best - tol))
    return tuple(out)


def _signature(game: NormalFormGame, result: SolveResult, family: Any) -> tuple:
    """What defines an interval: each equilibrium's supports and best-response sets (its
    vertex labels, which fix its formula), degeneracy, continua, and the family."""
    keys = tuple(sorted((_supports(e), _best_responses(game, e)) for e in result))

    return (
        keys,
        result.degenerate,
        tuple(sorted(tuple(sorted(_supports(result[k]) for k in c)) for c in result.components)),
        family.name,
    )


def _selection_key(result: SolveResult, selection: Selection) -> tuple:
    def key(k: int | None) -> Any:
        return None if k is None else _supports(result[k])

    return key(selection.payoff_dominant), key(selection.risk_dominant)


def _between(a: Any, b: Any) -> Fraction:
    """A simple rational strictly between two (possibly algebraic) numbers."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return (a + b) / 2
    fa, fb = float(a), float(b)
    mid = Fraction((fa + fb) / 2)
    for denominator in (2, 4, 10, 100, 1000, 10**6, 10**9, 10**12):
        candidate = mid.limit_denominator(denominator)
        if _greater(candidate, a, fa) and _greater(b, candidate, fb):
            return candidate
    return mid


# -- formulas ----------------------------------------------------------------------------------


def _indifference(
    payoff: np.ndarray, own: Sequence[int], other: Sequence[int], player: int
) -> tuple[tuple[Poly, Poly], ...] | None:
    """Probabilities of ``own`` actions (player ``player``) making the other player
    indifferent among ``other`` actions: ``x_i = P_i / Q`` as polynomials.

    ``payoff`` is the *other* player's (2-D) polynomial payoff matrix, indexed
    [row action, column action].
    """
    k = len(own)
    if len(other) != k:
        return None
    # unknowns x_own (k) and lambda; equations: for j in other: sum_i x_i u(i, j) - lambda = 0;
    # sum_i x_i = 1
    one, zero = Poly.constant(1), Poly(())
    rows = []
    for j in other:
        row = []
        for i in own:
            row.append(payoff[i, j] if player == 0 else payoff[j, i])
        row.append(-one)
        rows.append(row)
    rows.append([one] * k + [zero])
    rhs = [zero] * k + [one]
    q = det(rows)
    if q.is_zero():
        return None
    out = []
    for col in range(k):
        replaced = [[*r[:col], rhs[n], *r[col + 1:]] for n, r in enumerate(rows)]
        out.append((det(replaced), q))
    return tuple(out)


def _piece(
    e: Equilibrium,
    game: NormalFormGame,
    polys: np.ndarray,
    tensor: np.ndarray,
    symbol: str,
) -> EquilibriumPiece:
    from ..model.regret import deviation_payoffs

    supports_idx = [[k for k, p in enumerate(s) if p > 0] for s in e.strategies]
    formulas: list[tuple[RationalFunction, ...]] = []
    one, zero = RationalFunction.constant(1), RationalFunction.constant(0)
    for player in range(2):
        own = supports_idx[player]
        size = game.shape[player]
        if len(own) == 1:
            formulas.append(tuple(one if k == own[0] else zero for k in range(size)))
            continue
        # the other player's best responses at the sample: the candidate tight sets
        dev = deviation_payoffs(game, e.strategies, 1 - player)
        best = max(dev)
        tight = [k for k, v in enumerate(dev) if v == best]
        found = None
        for chosen in combinations(tight, len(own)):
            found = _indifference(polys[1 - player], own, chosen, player)
            if found is not None:
                break
        if found is None:  # no formula: the equilibrium is constant here
            return EquilibriumPiece(_supports(e), e.kind, e, None, None, symbol)
        full = [zero] * size
        for k, (num, den) in zip(own, found, strict=True):
            full[k] = RationalFunction(num, den)
        formulas.append(tuple(full))
    payoffs = []
    for i in range(2):
        total = zero
        for a in supports_idx[0]:
            for b in supports_idx[1]:
                total = total + formulas[0][a] * formulas[1][b] * tensor[i, a, b]
        payoffs.append(total)
    return EquilibriumPiece(
        _supports(e), e.kind, e, tuple(formulas), tuple(payoffs), symbol
    )


# -- the sweep ---------------------------------------------------------------------------------


def _range(
    source: Scenario | NormalFormGame, axis: Axis, lo: object, hi: object
) -> tuple[Fraction, Fraction]:
    default: tuple[Any, Any] = (0, 1)
    if axis.kind == "param" and not isinstance(source, NormalFormGame):
        if axis.name not in source.parameters:
            raise ArgumentError(
                f"no parameter {axis.name!r}{did_you_mean(axis.name, source.parameters)}",
                Location(path=("--param",)),
            )
        declared = source.parameters[axis.name].range
        if declared is None and (lo is None or hi is None):
            raise ArgumentError(
                f"parameter {axis.name!r} declares no range: give --from and --to",
                Location(path=("--from",)),
            )
        default = declared if declared is not None else (0, 1)
    try:
        low = Fraction(default[0] if lo is None else lo)  # type: ignore[arg-type]
        high = Fraction(default[1] if hi is None else hi)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ArgumentError(f"bad sweep range: {exc}", Location(path=("--from",))) from None
    if not low < high:
        raise ArgumentError(
            f"the sweep range must have from < to, got [{low}, {high}]",
            Location(path=("--from",)),
        )
    return low, high


def sweep(
    source: Scenario | NormalFormGame,
    axis: str | Axis = "empathy",
    lo: object = None,
    hi: object = None,
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
    grid: int | None = None,
) -> SweepResult:
    """Sweep empathy or a parameter exactly; see the module docstring.

    ``axis`` is ``"empathy"`` (one common weight for every player),
    ``"empathy:PLAYER"`` (one player's weight, the others as in the file or
    ``empathy``) or ``"param:NAME"``.  The range defaults to the parameter's
    declared range, or [0, 1] for empathy.  ``grid=N`` also evaluates N evenly
    spaced points from the exact formulas.
    """
    from .families import classify

    ax = axis if isinstance(axis, Axis) else Axis.parse(axis)
    low, high = _range(source, ax, lo, hi)
    players, actions, tensor = _parametric_tensor(source, ax, parameters, empathy)
    if len(players) != 2:
        raise ArgumentError(
            f"sweeps are for two-player games; this one has {len(players)} players",
            Location(path=("axis",)),
        )
    polys = _cleared_polys(tensor, ax.symbol, low, high)
    roots = _roots_of(_player_polys(polys, 0, low, high) | _player_polys(polys, 1, low, high),
                      low, high)
    selection_roots = _roots_of(_risk_polys(polys), low, high)

    if isinstance(source, NormalFormGame):
        base_weights = {p: Fraction(0) for p in source.players}
        base_weights.update({k: Fraction(v) for k, v in (empathy or {}).items()})  # type: ignore[arg-type]

        def build(value: Any) -> NormalFormGame:
            from ..model.empathy import apply_empathy

            weights = dict(base_weights)
            for p in ([ax.name] if ax.name else source.players):
                weights[p] = value
            game = source if isinstance(value, Fraction) else source.to_float()
            return apply_empathy(game, [weights[p] for p in source.players])
    else:

        def build(value: Any) -> NormalFormGame:
            params = dict(parameters or {})
            emp = dict(empathy or {})
            if ax.kind == "param":
                params[ax.name] = value
            elif ax.name:
                emp[ax.name] = value
            else:
                emp.update({p: value for p in source.player_ids})
            return source.build(params, emp)

    evaluator = _Evaluator(build, classify)
    points = [low, *roots, high]
    gaps = [_between(points[k], points[k + 1]) for k in range(len(points) - 1)]
    # walk: point, gap, point, gap, ..., point; keep the points that change something
    kept_points: list[int] = []
    for k in range(1, len(points) - 1):
        left, right = evaluator.at(gaps[k - 1])[4], evaluator.at(gaps[k])[4]
        here = evaluator.at(points[k])[4]
        if left != right or here != left:
            kept_points.append(k)
    # a breakpoint whose neighbours are equal is kept only if the point itself differs
    edges = [0, *kept_points, len(points) - 1]
    intervals: list[Interval] = []
    for n in range(len(edges) - 1):
        a, b = edges[n], edges[n + 1]
        sample_gap = gaps[a]  # first gap of the merged interval
        sample = sample_gap
        game, result, family, selection, signature, _ = evaluator.at(sample)
        closed_lo = evaluator.at(points[a])[4] == signature
        closed_hi = evaluator.at(points[b])[4] == signature
        pieces = tuple(_piece(e, game, polys, tensor, ax.symbol) for e in result)
        selections, selection_points = _selection_pieces(
            evaluator, points[a], points[b], selection_roots
        )
        intervals.append(
            Interval(points[a], points[b], closed_lo, closed_hi, sample, family, result,
                     selection, pieces, selections, selection_points)
        )
    def breakpoint(k: int) -> Breakpoint:
        _, result, family, selection, _, exact = evaluator.at(points[k])
        return Breakpoint(points[k], float(points[k]), exact, family, result, selection)

    breakpoints = [breakpoint(k) for k in kept_points]
    # the ends of the range are reported too when the game exactly there differs
    ends = (
        None if intervals[0].closed_lo else breakpoint(0),
        None if intervals[-1].closed_hi else breakpoint(len(points) - 1),
    )
    fixed: dict[str, Any] = {}
    if not isinstance(source, NormalFormGame):
        fixed["parameters"] = {
            k: v for k, v in source.parameter_values(parameters).items() if k != ax.name
        }
        weights = source.empathy_weights(parameters)
        weights.update({k: Fraction(v) for k, v in (empathy or {}).items()})  # type: ignore[arg-type]
        fixed["empathy"] = {
            k: v for k, v in weights.items() if ax.kind == "param" or (ax.name and k != ax.name)
        }
        fixed["empathy_model"] = source.empathy_model
    title = source.title
    result_obj = SweepResult(
        title=title,
        axis=ax,
        lo=low,
        hi=high,
        players=players,
        actions=actions,
        intervals=tuple(intervals),
        breakpoints=tuple(breakpoints),
        fixed=fixed,
        ends=ends,
    )
    if grid:
        object.__setattr__(result_obj, "grid", _grid(result_obj, grid))
    return result_obj


def _selection_pieces(
    evaluator: _Evaluator, lo: Any, hi: Any, roots: list[Any]
) -> tuple[tuple[tuple[Any, Any, Selection], ...], tuple[tuple[Any, Selection], ...]]:
    """Where, inside one interval, payoff or risk dominance switches."""
    inside = [r for r in roots if _greater(r, lo, float(lo)) and _greater(hi, r, float(hi))]
    points = [lo, *inside, hi]
    gaps = [_between(points[k], points[k + 1]) for k in range(len(points) - 1)]

    def key(t: Any) -> tuple:
        _, result, _, selection, _, _ = evaluator.at(t)
        return _selection_key(result, selection)

    kept = [
        k
        for k in range(1, len(points) - 1)
        if key(gaps[k - 1]) != key(gaps[k]) or key(points[k]) != key(gaps[k - 1])
    ]
    edges = [0, *kept, len(points) - 1]
    reference = evaluator.at(gaps[0])[1]  # the interval's own equilibria, in their order

    def aligned(t: Any) -> Selection:
        """The selection at t, with indices into the interval's equilibria (by support)."""
        _, result, _, selection, _, _ = evaluator.at(t)
        order = {_supports(e): k for k, e in enumerate(reference)}

        def move(k: int | None) -> int | None:
            return None if k is None else order.get(_supports(result[k]))

        thresholds = tuple(
            dataclasses.replace(x, cooperative=move(x.cooperative), other=move(x.other))
            for x in selection.thresholds
        )
        pairs = {
            (move(a), move(b)): move(w) for (a, b), w in selection.risk_pairs.items()
        }
        return Selection(move(selection.payoff_dominant), move(selection.risk_dominant),
                         pairs, thresholds)  # type: ignore[arg-type]

    pieces = tuple(
        (points[edges[n]], points[edges[n + 1]], aligned(gaps[edges[n]]))
        for n in range(len(edges) - 1)
    )
    switches = tuple((points[k], aligned(points[k])) for k in kept)
    return pieces, switches


def _sorted_unique(roots: list[Any]) -> list[Any]:
    """Sorted, without repeats (exactly: close neighbours are compared exactly)."""
    roots.sort(key=approx)
    out: list[Any] = []
    for r in roots:
        if out and compare(out[-1], r) == 0:
            continue
        out.append(r)
    return out


