"""What every rendering of a sweep shows, derived once from a :class:`SweepResult`.

The renderers (text, JSON, CSV, Markdown, HTML, plots) format these facts and
never derive them:

- exact strings of values and formulas (:func:`exact_text`, :func:`formula`,
  :func:`piece_formulas`, :func:`piece_label`);
- the display name of a game family (:func:`family_name`) and the one-line
  summary of a sweep (:func:`summary`); the segments in order
  (:func:`labelled_segments`);
- where, inside an interval, each equilibrium is payoff- or risk-dominant
  (:func:`dominance`), and the trust each player needs, as a formula of the
  swept value where one can be derived (:func:`trust_formulas`).

>>> from gametrust import NormalFormGame
>>> from gametrust.analysis.sweep import sweep
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]],
...                                 players=["US", "DPRK"],
...                                 actions=[["Reassure", "Pressure"], ["Freeze", "Arm"]])
>>> result = sweep(pd, "empathy")
>>> summary(result)
"Prisoner's Dilemma for e < 1/4, Stag Hunt for 1/4 < e < 2/3, Harmony for 2/3 < e < 1"
>>> stag_hunt = result.intervals[1]
>>> dominance(stag_hunt, "e").risk
{0: 'e > 3/7', 1: 'e < 3/7'}
>>> [t.thresholds for t in trust_formulas(stag_hunt, "e")]
[{'US': '(2 - 3*e)/(e + 1)', 'DPRK': '(2 - 3*e)/(e + 1)'}]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.exact import format_number
from .formulas import factor
from .parametric import between

if TYPE_CHECKING:  # pragma: no cover
    from .families import Family
    from .pieces import EquilibriumPiece
    from .selection import Selection, TrustThreshold
    from .sweep_result import Breakpoint, Interval, SweepResult

__all__ = [
    "UNKNOWN",
    "Dominance",
    "IntervalTrust",
    "condition_text",
    "continua",
    "dominance",
    "exact_text",
    "family_name",
    "formula",
    "is_2x2",
    "is_rational",
    "labelled_segments",
    "piece_formulas",
    "piece_label",
    "structure_text",
    "summary",
    "trust_formulas",
    "where_text",
]


# -- exact strings -------------------------------------------------------------------------------


def is_rational(value: Any) -> bool:
    """True for a ``Fraction``/int or a rational sympy number."""
    if isinstance(value, (Fraction, int)):
        return True
    return bool(getattr(value, "is_Rational", False))


def exact_text(value: Any) -> str:
    """The exact string of a breakpoint or bound: ``"1/4"``, ``"sqrt(5)"``.

    >>> exact_text(Fraction(1, 4)), exact_text(3)
    ('1/4', '3')
    """
    if isinstance(value, (Fraction, int, float)):
        return format_number(value)
    return str(value)


def formula(expr: Any) -> str:
    """A sympy expression as an exact string, the shorter of cancelled and factored.

    >>> import sympy
    >>> e = sympy.Symbol("e")
    >>> formula((2 - 3*e) / (1 + e)), formula(2*e + 2), formula(sympy.Rational(3, 7))
    ('(2 - 3*e)/(e + 1)', '2*e + 2', '3/7')
    """
    import sympy

    if isinstance(expr, (Fraction, int, float)):
        return format_number(expr)
    if expr.is_Rational:
        return format_number(Fraction(int(expr.p), int(expr.q)))
    if expr.is_Number:
        return format_number(float(expr))
    candidates = [str(sympy.cancel(expr))]
    factored = str(factor(expr))
    if len(factored) < len(candidates[0]):
        candidates.append(factored)
    return min(candidates, key=len)


def piece_label(piece: EquilibriumPiece) -> str:
    """``"(Pressure, Arm)"`` for a pure equilibrium, ``"mixed"`` otherwise."""
    if piece.kind == "pure":
        return "(" + ", ".join(s[0] for s in piece.supports) + ")"
    return "mixed"


def piece_formulas(piece: EquilibriumPiece) -> tuple[list[list[str]], list[str]]:
    """Exact strings: probabilities ``[player][action]`` and payoffs ``[player]``."""
    strategies = [[formula(p) for p in player] for player in piece.strategies()]
    payoffs = [formula(p) for p in piece.payoffs()]
    return strategies, payoffs


def continua(segment: Interval | Breakpoint | Any) -> list[tuple[tuple[int, ...], list[list]]]:
    """The continua of an interval, breakpoint or region: for each, its extreme equilibria
    (indices) and, per player, the distinct strategies the player has at them (each a list
    of exact strings per action: formulas in an interval, numbers at a point).  A player
    with one strategy keeps it along the continuum; with several it may mix them in any
    proportions (so may every player at once: a continuum is a product of such sets).

    >>> from gametrust import NormalFormGame
    >>> from gametrust.analysis.sweep import sweep
    >>> game = NormalFormGame.from_arrays([[1, 1], [0, 2]], [[1, 1], [0, 2]])
    >>> [(c, players) for c, players in continua(sweep(game, "empathy").intervals[0])]
    [((0, 2), [[['1', '0']], [['1', '0'], ['1/2', '1/2']]])]
    """
    pieces = getattr(segment, "pieces", None)
    if pieces is not None:
        strategies = [piece_formulas(p)[0] for p in pieces]
    else:
        strategies = [[[format_number(p) for p in s] for s in e.strategies] for e in segment.result]
    out = []
    for component in segment.result.continua:
        players = []
        for i in range(len(segment.result.game.players)):
            distinct: list[list[str]] = []
            for k in component:
                if strategies[k][i] not in distinct:
                    distinct.append(strategies[k][i])
            players.append(distinct)
        out.append((component, players))
    return out


# -- families, segments, the summary -----------------------------------------------------------


def family_name(family: Family) -> str:
    """The display name of a game family: the broad family when there is one (``Harmony``
    for Concord), else the name; games that are not 2x2 with their structure
    (``3x3 game (symmetric; 2 pure equilibria)``)."""
    if family.group:
        return family.group
    if family.index is None and not family.borders and family.player_types == {}:
        return str(family)
    return family.name


def labelled_segments(result: SweepResult) -> list[tuple[str, int, Any]]:
    """The segments in order as ``(where, index, segment)``.

    ``where`` is ``"interval"`` (index into ``result.intervals``),
    ``"breakpoint"`` (into ``result.breakpoints``) or ``"end"`` (0: the game
    exactly at the start of the range, 1: at its end, when it differs from the
    interval next to it).
    """
    numbers: dict[int, tuple[str, int]] = {}
    numbers.update({id(x): ("interval", k) for k, x in enumerate(result.intervals)})
    numbers.update({id(x): ("breakpoint", k) for k, x in enumerate(result.breakpoints)})
    numbers.update({id(x): ("end", k) for k, x in enumerate(result.ends) if x is not None})
    return [(*numbers[id(s)], s) for s in result.segments()]


def is_2x2(result: SweepResult) -> bool:
    """A sweep of a 2x2 game (its intervals are named by family; larger games by structure)."""
    return tuple(len(a) for a in result.actions) == (2, 2)


def where_text(result: SweepResult, interval: Interval) -> str:
    """Where an interval lies, for a summary: ``e < 1/4``, ``1/4 < e < 2/3``, ``e >= 2/3``,
    ``every e in [0, 1]``."""
    sym = result.axis.symbol
    low = interval.lo == result.lo and interval.closed_lo
    high = interval.hi == result.hi and interval.closed_hi
    lo, hi = exact_text(interval.lo), exact_text(interval.hi)
    if low and high:
        return f"every {sym} in [{lo}, {hi}]"
    if low:
        return f"{sym} {'<=' if interval.closed_hi else '<'} {hi}"
    if high:
        return f"{sym} {'>=' if interval.closed_lo else '>'} {lo}"
    return (
        f"{lo} {'<=' if interval.closed_lo else '<'} {sym} "
        f"{'<=' if interval.closed_hi else '<'} {hi}"
    )


def structure_text(segment: Interval | Breakpoint) -> str:
    """What a game larger than 2x2 is, in a few words (:class:`GameStructure
    <gametrust.analysis.structure.GameStructure>`): ``"dominance-solvable, (Arm, Arm)"``, ``"3
    equilibria (2 pure strict, 1 mixed), cooperative (Freeze, Freeze) among them"``."""
    if segment.structure is not None:
        return segment.structure.summary()
    from .structure import game_structure  # a segment made without one

    return game_structure(segment.result).summary()


def summary(result: SweepResult) -> str:
    """One line: ``Prisoner's Dilemma for e < 1/4, Stag Hunt for 1/4 < e < 2/3, ...``.

    Games larger than 2x2 have no family name worth giving; each interval says
    its structure instead: ``e < 1/5: dominance-solvable, (Arm, Arm); 1/5 < e
    < 1/3: 3 equilibria (2 pure strict, 1 mixed), cooperative (Freeze, Freeze)
    among them``.  The breakpoints themselves (ties, usually degenerate games)
    are left to the full report.
    """
    if not is_2x2(result):
        return "; ".join(
            f"{where_text(result, interval)}: {structure_text(interval)}"
            for interval in result.intervals
        )
    return ", ".join(
        f"{family_name(interval.family)} for {where_text(result, interval)}"
        for interval in result.intervals
    )


# -- selection inside an interval ----------------------------------------------------------------


def _spots(interval: Interval) -> list[tuple[str, Any, Any, Selection]]:
    """The interval's selection pieces and the switch points between them, in order.

    Selection indices refer to the interval's equilibria (``interval.pieces``).
    """
    pieces = interval.selections or ((interval.lo, interval.hi, interval.selection),)
    points = {exact_text(v): s for v, s in interval.selection_points}
    out: list[tuple[str, Any, Any, Selection]] = []
    for k, (lo, hi, selection) in enumerate(pieces):
        if k and is_rational(lo):  # irrational points were solved in floats: not shown
            at = points.get(exact_text(lo))
            if at is not None:
                out.append(("point", lo, lo, at))
        out.append(("piece", lo, hi, selection))
    return out


def condition_text(
    symbol: str,
    interval: Interval,
    runs: Sequence[tuple[Any, bool, Any, bool]],
) -> str:
    """Runs ``(lo, lo_closed, hi, hi_closed)`` inside ``interval`` as a condition.

    ``""`` when one run covers the whole interval; a bound equal to the
    interval's own is left out (``e < 3/7`` inside ``(1/4, 2/3)``).
    """
    parts = []
    for lo, lo_closed, hi, hi_closed in runs:
        if lo == hi:
            parts.append(f"{symbol} = {exact_text(lo)}")
            continue
        left = "" if lo == interval.lo else f"{exact_text(lo)} {'<=' if lo_closed else '<'} "
        right = "" if hi == interval.hi else f" {'<=' if hi_closed else '<'} {exact_text(hi)}"
        if not left and not right:
            return ""
        if left and not right:  # e > 3/7 reads better than 3/7 < e
            parts.append(f"{symbol} {'>=' if lo_closed else '>'} {exact_text(lo)}")
        else:
            parts.append(f"{left}{symbol}{right}")
    return " or ".join(parts)


#: The risk-dominant equilibrium at an irrational switch point is not known (:class:`Dominance`).
UNKNOWN = -1


@dataclass(frozen=True)
class Dominance:
    """Where, inside one interval, each equilibrium is payoff- or risk-dominant.

    ``payoff[k]`` / ``risk[k]``: the condition (``""`` = the whole interval)
    under which equilibrium ``k`` is payoff- / risk-dominant; equilibria that
    never are do not appear.  ``ties``: points inside the interval where risk
    dominance switches, with the risk-dominant equilibrium there
    (``None``: neither risk-dominates; :data:`UNKNOWN` (-1): not known, an
    irrational point solved in floats).
    """

    payoff: dict[int, str]
    risk: dict[int, str]
    ties: tuple[tuple[Any, int | None], ...]


def dominance(interval: Interval, symbol: str) -> Dominance:
    """Payoff and risk dominance across ``interval`` (see :class:`Dominance`)."""
    spots = _spots(interval)

    def runs(pick: Callable[[Selection], int | None], k: int) -> list[tuple[Any, bool, Any, bool]]:
        out: list[tuple[Any, bool, Any, bool]] = []
        current: list[Any] | None = None
        for kind, lo, hi, selection in spots:
            if pick(selection) == k:
                if current is None:
                    current = [lo, kind == "point", hi, kind == "point"]
                else:
                    current[2], current[3] = hi, kind == "point"
            elif current is not None:
                out.append(tuple(current))  # type: ignore[arg-type]
                current = None
        if current is not None:
            out.append(tuple(current))  # type: ignore[arg-type]
        return out

    payoff: dict[int, str] = {}
    risk: dict[int, str] = {}
    for k in range(len(interval.pieces)):
        found = runs(lambda s: s.payoff_dominant, k)
        if found:
            payoff[k] = condition_text(symbol, interval, found)
        found = runs(lambda s: s.risk_dominant, k)
        if found:
            risk[k] = condition_text(symbol, interval, found)
    exact = {exact_text(lo): sel.risk_dominant for kind, lo, _, sel in spots if kind == "point"}
    ties = tuple(
        (lo, exact.get(exact_text(lo), UNKNOWN))
        for (_, _, before), (lo, _, after) in zip(
            interval.selections, interval.selections[1:], strict=False
        )
        if before.risk_dominant != after.risk_dominant
    )
    return Dominance(payoff, risk, ties)


# -- trust thresholds as formulas ------------------------------------------------------------


@dataclass(frozen=True)
class IntervalTrust:
    """A trust threshold across (part of) an interval.

    ``thresholds[player]`` is the least probability the player must assign to
    the other playing its part of equilibrium ``cooperative`` (the rest on its
    part of ``alternative``): an exact formula in the swept value when it could
    be derived, else the exact value at ``sample``; ``None`` when no belief
    suffices.  ``where`` is the condition inside the interval (``""``: all of it).
    """

    cooperative: int
    alternative: int
    thresholds: dict[str, str | None]
    symbolic: bool
    where: str
    sample: Fraction | None
    #: the symbolic thresholds as functions (exact on Fractions, or floats), for plots
    functions: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    #: the parts ``(lo, hi)`` of the interval where this holds
    spans: tuple[tuple[Any, Any], ...] = field(default=(), compare=False, repr=False)

    def curve(self, player: str, ts: Sequence[float]) -> np.ndarray | None:
        """The player's threshold at the float values ``ts`` (for plots); ``None`` when it
        is not a function of the swept value."""
        f = self.functions.get(player)
        return None if f is None else np.array([float(f(t)) for t in ts])


def _threshold_formula(
    interval: Interval, threshold: TrustThreshold, player: int, sample: Fraction
) -> tuple[str, Any] | None:
    """In a 2x2 game the threshold of ``player`` is the other player's probability of its
    cooperative action in the mixed equilibrium (it makes ``player`` indifferent); checked
    against the exact value at ``sample``.  Returns the formula and the function."""
    coop = interval.pieces[threshold.cooperative]
    value = threshold.thresholds[interval.result.game.players[player]]
    if value is None or interval.result.game.shape != (2, 2) or coop.kind != "pure":
        return None
    other = 1 - player
    action = interval.result.game.action_index(other, coop.supports[other][0])
    for piece in interval.pieces:
        if piece.kind != "mixed" or piece.formulas is None:
            continue
        if any(len(s) != 2 for s in piece.supports):
            continue
        f = piece.formulas[other][action]
        if f(sample) == value:
            return formula(piece.strategies()[other][action]), f
    return None


def trust_formulas(interval: Interval, symbol: str) -> list[IntervalTrust]:
    """The trust thresholds of ``interval``, as formulas of the swept value where possible."""
    players = interval.result.game.players
    found: list[tuple[IntervalTrust, tuple[Any, bool, Any, bool]]] = []
    pieces = interval.selections or ((interval.lo, interval.hi, interval.selection),)
    for lo, hi, selection in pieces:
        sample = interval.sample if len(pieces) == 1 else between(lo, hi)
        for threshold in selection.thresholds:
            values: dict[str, str | None] = {}
            functions: dict[str, Any] = {}
            symbolic = True
            for i, player in enumerate(players):
                derived = _threshold_formula(interval, threshold, i, sample)
                if derived is None:
                    symbolic = False
                    continue
                values[player], functions[player] = derived
            if not symbolic:
                functions = {}
                values = {
                    p: None if q is None else format_number(q)
                    for p, q in threshold.thresholds.items()
                }
            item = IntervalTrust(
                threshold.cooperative, threshold.other, values, symbolic, "",
                None if symbolic else sample, functions,
            )
            found.append((item, (lo, False, hi, False)))
    # merge equal formulas over neighbouring pieces
    merged: list[tuple[IntervalTrust, list[tuple[Any, bool, Any, bool]]]] = []
    for item, run in found:
        for other, runs in merged:
            if (
                item.symbolic
                and other.symbolic
                and (item.cooperative, item.alternative, item.thresholds)
                == (other.cooperative, other.alternative, other.thresholds)
            ):
                last = runs[-1]
                runs[-1] = (last[0], last[1], run[2], run[3])
                break
        else:
            merged.append((item, [run]))
    return [
        IntervalTrust(
            item.cooperative,
            item.alternative,
            item.thresholds,
            item.symbolic,
            condition_text(symbol, interval, runs),
            item.sample,
            item.functions,
            tuple((run[0], run[2]) for run in runs),
        )
        for item, runs in merged
    ]
