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
numbers for roots of irreducible polynomials of degree >= 2,
:mod:`gametrust.analysis.sweep_candidates`), solves the game exactly at each
candidate root and at a rational point inside the gap after it — except where
a sign test proves the candidate inert (no payoff difference the signature reads
vanishes there and every basis whose polynomial does stays infeasible across
it) — and merges
neighbours that do not differ.  What remains are the breakpoints: for
each interval the family, the equilibria with probabilities and payoffs as
exact functions of ``t``, and which is payoff- and risk-dominant; for each
breakpoint the (usually degenerate) game exactly there.  Inside an interval the
selection is looked at only where a risk-dominance comparison or a difference of
two equilibria's payoff formulas vanishes; at rational points there it is
analysed on the interval's formulas, not solved (the equilibria are the same
everywhere inside), and the formulas of an equilibrium seen in several intervals
are derived once.

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
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import ArgumentError, Location
from ..core.polynomial import Poly, approx
from ..model.empathy import apply_empathy, swept_names
from ..model.game import NormalFormGame
from .parametric import (
    Axis,
    between,
    check_sweep_work,
    cleared_polys,
    greater,
    parametric_tensor,
    sorted_unique,
    sweep_range,
)
from .pieces import (
    PointEvaluator,
    equilibrium_piece,
    selection_key,
    split_range,
    supports_of,
)
from .selection import Selection, analyse
from .sweep_candidates import payoff_roots, sweep_candidates
from .sweep_result import Breakpoint, Grid, Interval, SweepResult

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario

__all__ = ["sweep"]


# -- the grid ----------------------------------------------------------------------------------


def _int_eval(poly: Poly, start: int, step: int, scale: int, ks: np.ndarray) -> tuple:
    """``poly((start + k*step)/scale)`` for every k, as (integer array, Fraction factor).

    Horner's rule on the integers ``u = start + k*step``, in numpy ``int64`` when
    ``sum |q_i| M^d < 2^62`` (``M`` bounds ``|u|`` and ``scale``, so no partial sum can
    overflow), else on Python integers."""
    if poly.is_zero():
        return np.zeros(len(ks), dtype=object), Fraction(1)
    d = poly.degree
    lcd = math.lcm(*(c.denominator for c in poly.coeffs))
    q = [int(c * lcd) for c in poly.coeffs]
    u = start + ks * step
    top = max(abs(start), abs(start + (int(ks[-1]) if len(ks) else 0) * step), scale, 1)
    small = sum(abs(c) for c in q) * top**d < 2**62
    if small:
        u = u.astype(np.int64)
    acc = np.full(len(ks), q[d], dtype=np.int64 if small else object)
    for i in range(d - 1, -1, -1):
        acc = acc * u + q[i] * scale ** (d - i)
    return (acc.astype(object) if small else acc), Fraction(1, lcd * scale**d)


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
        while k > 0 and not greater(value, Fraction(start + (k - 1) * stride, scale), approx):
            k -= 1
        while k < n and not greater(Fraction(start + k * stride, scale), value, approx):
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
        done: dict[Poly, tuple] = {}  # equal polynomials (a player's denominators) once

        def evaluated(poly: Poly, ks: np.ndarray = ks, done: dict = done) -> tuple:
            if poly not in done:
                done[poly] = _int_eval(poly, start, stride, scale, ks)
            return done[poly]

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
                    num, fn = evaluated(f.num)
                    den, fd = evaluated(f.den)
                    factor = fn / fd
                    actions.append((num if factor.numerator == 1 else num * factor.numerator,
                                    den if factor.denominator == 1 else den * factor.denominator))
                players.append(actions)
            pieces.append(players)
        grid.values[index] = pieces
    return grid


# -- the sweep ---------------------------------------------------------------------------------


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
    low, high = sweep_range(source, ax, lo, hi)
    players, actions, tensor = parametric_tensor(source, ax, parameters, empathy)
    if len(players) != 2:
        raise ArgumentError(
            f"sweeps are for two-player games; this one has {len(players)} players",
            Location(path=("axis",)),
        )
    check_sweep_work(tensor.shape[1:])  # before any polynomial is built
    polys = cleared_polys(tensor, ax.symbol, low, high)
    candidates = sweep_candidates(polys, low, high)

    if isinstance(source, NormalFormGame):
        base_weights = {p: Fraction(0) for p in source.players}
        base_weights.update({k: Fraction(v) for k, v in (empathy or {}).items()})  # type: ignore[arg-type]

        def build(value: Any) -> NormalFormGame:
            weights = dict(base_weights)
            for p in ([ax.name] if ax.name else source.players):
                weights[p] = value
            game = source if isinstance(value, Fraction) else source.to_float()
            return apply_empathy(game, [weights[p] for p in source.players])
    else:
        swept = (swept_names(source.empathy_model, source.player_ids, ax.name)
                 if ax.kind == "empathy" else ())

        def build(value: Any) -> NormalFormGame:
            params = dict(parameters or {})
            emp = dict(empathy or {})
            if ax.kind == "param":
                params[ax.name] = value
            else:
                emp.update(dict.fromkeys(swept, value))
            return source.build(params, emp)

    evaluator = PointEvaluator(build, classify)
    split = split_range(
        [low, *candidates.roots, high],
        lambda t: evaluator.at(t).signature,
        lambda k, t: candidates.inert(k - 1, t),  # solve only where a sign test says it may change
    )
    points = split.points
    intervals: list[Interval] = []
    memo: dict[Any, Any] = {}  # formulas by support and tight set, shared by the intervals
    crossings: dict[Any, Any] = {}  # differences of payoff formulas and their roots
    for a, b, closed_lo, closed_hi in split.spans:
        sample = split.gaps[a]
        here = evaluator.at(sample)
        pieces = tuple(
            equilibrium_piece(e, here.game, polys, tensor, ax.symbol, memo) for e in here.result
        )
        strict_pure = {_pure_profile(e) for e in here.result if e.kind == "pure" and e.strict}
        inside = candidates.risk_roots(strict_pure, points[a], points[b])
        crossing = payoff_roots(pieces, points[a], points[b], crossings, (low, high))
        inside = sorted_unique([*inside, *crossing])
        selections, selection_points = _selection_pieces(
            evaluator, points[a], points[b], inside, sample, pieces
        )
        intervals.append(
            Interval(points[a], points[b], closed_lo, closed_hi, sample, here.family,
                     here.result, here.selection, pieces, selections, selection_points,
                     here.structure)
        )

    def breakpoint(k: int) -> Breakpoint:
        point = evaluator.at(points[k])
        return Breakpoint(
            points[k], approx(points[k]), point.exact, point.family, point.result,
            point.selection, point.structure,
        )

    breakpoints = [breakpoint(k) for k in split.kept]
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
        moving = {k for k, w in source.empathy.items()  # expressions of the swept parameter
                  if ax.kind == "param" and ax.name in getattr(w, "names", set)()}
        fixed["empathy"] = {k: v for k, v in weights.items() if k not in {*swept, *moving}}
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


def _pure_profile(e: Any) -> tuple[int, ...]:
    """The action indices of a pure equilibrium."""
    return tuple(next(k for k, p in enumerate(s) if p > 0) for s in e.strategies)


class _Equilibria(list):
    """Equilibria in a list, as :func:`~gametrust.analysis.selection.analyse` reads a result."""

    @property
    def equilibria(self) -> list:
        return self


def _selection_pieces(
    evaluator: PointEvaluator, lo: Any, hi: Any, inside: list[Any], sample: Fraction,
    pieces: tuple[Any, ...] = (),
) -> tuple[tuple[tuple[Any, Any, Selection], ...], tuple[tuple[Any, Selection], ...]]:
    """Where, inside one interval, payoff or risk dominance switches: ``inside`` are the
    roots, strictly inside the interval, of the risk-dominance polynomials comparing two of
    its strict pure equilibria and of the differences of its equilibria's payoffs (the only
    comparisons that can change inside it).  Each piece's selection (with its trust
    thresholds) is taken where the reports evaluate its formulas: at the interval's
    ``sample`` when there is one piece, else at ``between(lo, hi)`` of the piece.

    At a rational point strictly inside the interval the game is not solved: its
    equilibria are the interval's ``pieces`` (the same supports and best responses
    everywhere inside it) with their payoffs at that point, exactly (selection reads
    only the payoffs, the supports and strictness), and the selection is analysed on
    them; an irrational point is solved (in floats) as before."""

    def key(t: Any) -> tuple:
        if pieces and isinstance(t, Fraction) and t is not lo and t is not hi:
            here = _Equilibria(
                dataclasses.replace(p.at_sample, payoffs=p.payoffs_at(t)) for p in pieces
            )
            chosen = analyse(evaluator.build(t), here)
            return selection_key(here, chosen)  # type: ignore[arg-type]
        point = evaluator.at(t)
        return selection_key(point.result, point.selection)

    split = split_range([lo, *inside, hi], key)
    points, gaps = split.points, split.gaps
    # the interval's own equilibria, in their order (the pieces', else solved inside)
    order = ({p.supports: k for k, p in enumerate(pieces)} if pieces else
             {supports_of(e): k for k, e in enumerate(evaluator.at(gaps[0]).result)})

    def aligned(t: Any) -> Selection:
        """The selection at t, with indices into the interval's equilibria (by support)."""
        point = evaluator.at(t)
        result, selection = point.result, point.selection

        def move(k: int | None) -> int | None:
            return None if k is None else order.get(supports_of(result[k]))

        thresholds = tuple(
            dataclasses.replace(x, cooperative=move(x.cooperative), other=move(x.other))
            for x in selection.thresholds
        )
        pairs = {
            (move(a), move(b)): move(w) for (a, b), w in selection.risk_pairs.items()
        }
        return Selection(move(selection.payoff_dominant), move(selection.risk_dominant),
                         pairs, thresholds)  # type: ignore[arg-type]

    spans = split.spans
    pieces = tuple(
        (points[a], points[b], aligned(
            sample if len(spans) == 1 else between(points[a], points[b])
        ))
        for a, b, _, _ in spans
    )
    switches = tuple((points[k], aligned(points[k])) for k in split.kept)
    return pieces, switches
