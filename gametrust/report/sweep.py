"""Renderings of a sweep: text for people, plus the facts every format shares.

A :class:`~gametrust.sweep.SweepResult` (one swept value) or a
:class:`~gametrust.analysis.regions.SweepMap` (the plane of two players' empathy
weights) is rendered by :func:`render` in one of :data:`SWEEP_FORMATS`:

``text``
    what a person reads at a terminal (this module): the axis and range, the
    fixed values, then one block per interval and per breakpoint in order,
    each with the game family, the equilibria (probabilities and payoffs as
    exact functions of the swept value), payoff and risk dominance and the
    trust thresholds, and a one-line summary.
``json`` / ``csv``
    data (:mod:`gametrust.report.sweep_data`; schema
    ``gametrust/schemas/sweep.schema.json``, documented in ``docs/sweep.md``).
``markdown`` (and HTML for notebooks)
    a table (:mod:`gametrust.report.sweep_markdown`).

The helpers below compute what the renderers show — formulas as strings,
where an equilibrium is payoff- or risk-dominant inside an interval, trust
thresholds as functions of the swept value — and never format for one output
in particular.

>>> from gametrust import NormalFormGame
>>> from gametrust.analysis.sweep import sweep
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]],
...                                 players=["US", "DPRK"],
...                                 actions=[["Reassure", "Pressure"], ["Freeze", "Arm"]])
>>> result = sweep(pd, "empathy")
>>> summary(result)
"Prisoner's Dilemma for e < 1/4, Stag Hunt for 1/4 < e < 2/3, Harmony for 2/3 < e < 1"
>>> text = render(result)
>>> print(text.splitlines()[4])
e in [0, 1/4)     Prisoner's Dilemma (RG index Pd)
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.exact import format_number

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.parametric import Axis, EquilibriumPiece
    from ..analysis.regions import Region, SweepMap
    from ..analysis.selection import Selection, TrustThreshold
    from ..analysis.sweep import Breakpoint, Interval, SweepResult
    from ..solvers.result import SolveResult

__all__ = [
    "SWEEP_FORMATS",
    "Dominance",
    "TrustFormula",
    "approx",
    "axis_description",
    "condition_text",
    "dominance",
    "exact_text",
    "fixed_text",
    "formula",
    "is_rational",
    "pretty",
    "render",
    "render_html",
    "render_map_html",
    "render_map_markdown",
    "render_map_text",
    "render_markdown",
    "render_text",
    "summary",
    "trust_formulas",
]

#: The output formats of ``gametrust sweep``, in the order the CLI offers them.
SWEEP_FORMATS: tuple[str, ...] = ("text", "json", "csv", "markdown")

WIDTH = 80
#: The label column (``e in (1/4, 2/3)``) is at most this wide; longer labels
#: put the family on the next line.
LABEL_WIDTH = 28


def render(
    obj: SweepResult | SweepMap,
    format: str = "text",
    *,
    file: str | None = None,
    grid: int | None = None,
) -> str:
    """Render a sweep or a map in one of :data:`SWEEP_FORMATS`.

    ``file`` is the scenario's path (shown and recorded); ``grid=n`` adds the
    region ids on an n x n grid to a map's JSON and CSV (a sweep carries its
    own grid, ``sweep(..., grid=n)``).
    """
    from ..analysis.regions import SweepMap

    if isinstance(obj, SweepMap):
        if format == "text":
            return render_map_text(obj, file=file)
        if format == "markdown":
            return render_map_markdown(obj)
        if format == "json":
            from .sweep_data import render_map_json

            return render_map_json(obj, file=file, grid=grid)
        if format == "csv":
            from .sweep_data import render_map_csv

            return render_map_csv(obj, grid=grid)
    elif format == "text":
        return render_text(obj, file=file)
    elif format == "markdown":
        return render_markdown(obj)
    elif format == "json":
        from .sweep_data import render_json

        return render_json(obj, file=file)
    elif format == "csv":
        from .sweep_data import render_csv

        return render_csv(obj)
    from ..core.errors import ArgumentError, Location

    raise ArgumentError(
        f"unknown format {format!r}; choose one of {', '.join(SWEEP_FORMATS)}",
        Location(path=("format",)),
    )


def render_markdown(result: SweepResult) -> str:
    """Markdown table of a sweep (``SweepResult._repr_markdown_``)."""
    from .sweep_markdown import render_markdown as _render

    return _render(result)


def render_map_markdown(sweep_map: SweepMap) -> str:
    """Markdown table of a 2-D map (``SweepMap._repr_markdown_``)."""
    from .sweep_markdown import render_map_markdown as _render

    return _render(sweep_map)


def render_html(result: SweepResult) -> str:
    """HTML table of a sweep, for ``_repr_html_`` in notebooks."""
    from .sweep_markdown import render_html as _render

    return _render(result)


def render_map_html(sweep_map: SweepMap) -> str:
    """HTML table of a 2-D map, for ``_repr_html_`` in notebooks."""
    from .sweep_markdown import render_map_html as _render

    return _render(sweep_map)


# -- numbers and formulas ------------------------------------------------------------------------


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


def approx(value: Any) -> float:
    """A float for any exact number (rational or algebraic)."""
    return float(value)


def value_text(value: Any) -> str:
    """Exact, with the approximation after an irrational value: ``"sqrt(5) ≈ 2.23607"``."""
    text = exact_text(value)
    if is_rational(value) or isinstance(value, float):
        return text
    return f"{text} ≈ {approx(value):.6g}"


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
    factored = str(sympy.factor(expr))
    if len(factored) < len(candidates[0]):
        candidates.append(factored)
    return min(candidates, key=len)


def pretty(text: str, symbol: str) -> str:
    """A formula for people: ``^`` for powers, ``2e`` for ``2*e`` when the symbol is short.

    >>> pretty("(2 - 3*e)/(e + 1)", "e"), pretty("8*e**2 - 9*e + 8", "e")
    ('(2 - 3e)/(e + 1)', '8e^2 - 9e + 8')
    >>> pretty("2*relief + 1", "relief"), pretty("2*e_US", "e_US")
    ('2*relief + 1', '2e_US')
    """
    out = text.replace("**", "^")
    if len(symbol) == 1 or re.fullmatch(r"e_\w+", symbol):
        out = re.sub(rf"(\d)\*({re.escape(symbol)})(?!\w)", r"\1\2", out)
    return out


# -- the axis and the fixed values ---------------------------------------------------------------


def axis_description(axis: Axis, players: Sequence[str]) -> str:
    """``"e = empathy weight of every player (US, DPRK)"`` and the like."""
    if axis.kind == "param":
        return f"parameter {axis.name}"
    if axis.name:
        return f"{axis.symbol} = empathy weight of {axis.name}"
    return f"{axis.symbol} = empathy weight of every player ({', '.join(players)})"


def fixed_text(fixed: dict[str, Any]) -> str | None:
    """``"relief = 4; empathy DPRK = 0"`` (``None`` when nothing is fixed)."""
    parts = [f"{k} = {exact_text(v)}" for k, v in (fixed.get("parameters") or {}).items()]
    parts += [f"empathy {k} = {exact_text(v)}" for k, v in (fixed.get("empathy") or {}).items()]
    return "; ".join(parts) if parts else None


def model_text(fixed: dict[str, Any]) -> str:
    """``"altruism model"`` or ``""``."""
    model = fixed.get("empathy_model")
    return f"{model} model" if model else ""


# -- equilibria ----------------------------------------------------------------------------------


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


def segment_label(segment: Interval | Breakpoint, symbol: str) -> str:
    """``"e in [0, 1/4)"`` for an interval, ``"e = 1/4"`` for a breakpoint."""
    from ..analysis.sweep import Interval

    if isinstance(segment, Interval):
        left = "[" if segment.closed_lo else "("
        right = "]" if segment.closed_hi else ")"
        return f"{symbol} in {left}{exact_text(segment.lo)}, {exact_text(segment.hi)}{right}"
    return f"{symbol} = {value_text(segment.value)}"


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


def family_name(family: Any) -> str:
    """The broad family when there is one (``Harmony`` for Concord), else the name; games
    that are not 2x2 with their structure (``3x3 game (symmetric; 2 pure equilibria)``)."""
    if family.group:
        return family.group
    if family.index is None and not family.borders and family.player_types == {}:
        return str(family)
    return family.name


def summary(result: SweepResult) -> str:
    """One line: ``Prisoner's Dilemma for e < 1/4, Stag Hunt for 1/4 < e < 2/3, ...``.

    The breakpoints themselves (ties, usually degenerate games) are left to
    the full report.
    """
    sym = result.axis.symbol
    parts = []
    for interval in result.intervals:
        low = interval.lo == result.lo and interval.closed_lo
        high = interval.hi == result.hi and interval.closed_hi
        lo, hi = exact_text(interval.lo), exact_text(interval.hi)
        if low and high:
            where = f"every {sym} in [{lo}, {hi}]"
        elif low:
            where = f"{sym} {'<=' if interval.closed_hi else '<'} {hi}"
        elif high:
            where = f"{sym} {'>=' if interval.closed_lo else '>'} {lo}"
        else:
            where = (
                f"{lo} {'<=' if interval.closed_lo else '<'} {sym} "
                f"{'<=' if interval.closed_hi else '<'} {hi}"
            )
        parts.append(f"{family_name(interval.family)} for {where}")
    return ", ".join(parts)


# -- selection inside an interval ----------------------------------------------------------------


def _key(selection: Selection) -> tuple[int | None, int | None]:
    return selection.payoff_dominant, selection.risk_dominant


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


_UNKNOWN = -1  # the risk-dominant equilibrium at an irrational switch point is not known


@dataclass(frozen=True)
class Dominance:
    """Where, inside one interval, each equilibrium is payoff- or risk-dominant.

    ``payoff[k]`` / ``risk[k]``: the condition (``""`` = the whole interval)
    under which equilibrium ``k`` is payoff- / risk-dominant; equilibria that
    never are do not appear.  ``ties``: points inside the interval where risk
    dominance switches, with the risk-dominant equilibrium there
    (``None``: neither risk-dominates; ``-1``: not known, an irrational point
    solved in floats).
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
        (lo, exact.get(exact_text(lo), _UNKNOWN))
        for (_, _, before), (lo, _, after) in zip(
            interval.selections, interval.selections[1:], strict=False
        )
        if before.risk_dominant != after.risk_dominant
    )
    return Dominance(payoff, risk, ties)


@dataclass(frozen=True)
class TrustFormula:
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


def trust_formulas(interval: Interval, symbol: str) -> list[TrustFormula]:
    """The trust thresholds of ``interval``, as formulas of the swept value where possible."""
    from ..analysis.parametric import between

    players = interval.result.game.players
    found: list[tuple[TrustFormula, tuple[Any, bool, Any, bool]]] = []
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
            item = TrustFormula(
                threshold.cooperative, threshold.other, values, symbolic, "",
                None if symbolic else sample, functions,
            )
            found.append((item, (lo, False, hi, False)))
    # merge equal formulas over neighbouring pieces
    merged: list[tuple[TrustFormula, list[tuple[Any, bool, Any, bool]]]] = []
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
        TrustFormula(
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


def trust_lines(
    pieces: Sequence[EquilibriumPiece], trust: TrustFormula, players: Sequence[str], symbol: str
) -> list[str]:
    """``US plays Reassure only if P(DPRK plays Freeze) >= (2 - 3e)/(e + 1) (rest on Arm)``."""
    coop, alt = pieces[trust.cooperative], pieces[trust.alternative]
    lines = []
    for i, player in enumerate(players):
        other = players[1 - i]
        mine, part, rest = coop.supports[i][0], coop.supports[1 - i][0], alt.supports[1 - i][0]
        q = trust.thresholds.get(player)
        if q is None:
            lines.append(f"{player} never prefers {mine}, whatever it believes")
            continue
        at = "" if trust.symbolic or trust.sample is None else (
            f" (at {symbol} = {format_number(trust.sample)})"
        )
        lines.append(
            f"{player} plays {mine} only if P({other} plays {part}) >= {pretty(q, symbol)}"
            f" (rest on {rest}){at}"
        )
    return lines


# -- text ----------------------------------------------------------------------------------------


def _wrap(text: str, indent: str, hang: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=hang if hang is not None else indent + "  ",
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent]


def _mix_line(
    player: str, actions: Sequence[str], probabilities: Sequence[str], symbol: str
) -> str:
    parts = [
        f"{a} {pretty(p, symbol)}" for a, p in zip(actions, probabilities, strict=True) if p != "0"
    ]
    return f"{player}: " + ", ".join(parts)


def _payoff_line(players: Sequence[str], payoffs: Sequence[str], symbol: str) -> str:
    return "payoffs " + ", ".join(
        f"{p} {pretty(v, symbol)}" for p, v in zip(players, payoffs, strict=True)
    )


def _interval_block(result: SweepResult, interval: Interval, label_width: int) -> list[str]:
    sym = result.axis.symbol
    lines = _heading(segment_label(interval, sym), str(interval.family), label_width)
    dom = dominance(interval, sym)
    several = len(interval.pieces) > 1
    for k, piece in enumerate(interval.pieces):
        strategies, payoffs = piece_formulas(piece)
        notes = []
        if several and k in dom.payoff:
            notes.append("payoff-dominant" + (f" for {dom.payoff[k]}" if dom.payoff[k] else ""))
        if several and k in dom.risk:
            notes.append("risk-dominant" + (f" for {dom.risk[k]}" if dom.risk[k] else ""))
        head = f"  {k + 1}. {piece_label(piece)}"
        if piece.kind == "pure":
            lines += _wrap(f"{head}  {_payoff_line(result.players, payoffs, sym)}", "", "       ")
        else:
            lines.append(head)
            for i, player in enumerate(result.players):
                lines += _wrap(_mix_line(player, result.actions[i], strategies[i], sym), "       ")
            lines += _wrap(_payoff_line(result.players, payoffs, sym), "       ")
        if notes:
            lines += _wrap("; ".join(notes), "       ")
        if piece.formulas is None:
            lines.append(f"       (values at {sym} = {format_number(interval.sample)})")
    for at, winner in dom.ties:
        if winner == _UNKNOWN:
            text = f"risk dominance switches at {sym} = {value_text(at)}"
        elif winner is None:
            text = (
                f"at {sym} = {exact_text(at)} no equilibrium risk-dominates (equal Nash "
                "products of deviation losses)"
            )
        else:
            text = f"at {sym} = {exact_text(at)} equilibrium {winner + 1} is risk-dominant"
        lines += _wrap(text, "  ")
    for trust in trust_formulas(interval, sym):
        where = f" for {trust.where}" if trust.where else ""
        lines += _wrap(
            f"trust{where} (to play {piece_label(interval.pieces[trust.cooperative])} "
            f"rather than {piece_label(interval.pieces[trust.alternative])}):",
            "  ",
        )
        for line in trust_lines(interval.pieces, trust, result.players, sym):
            lines += _wrap(line, "    ", "      ")
    return lines


def _heading(label: str, family: str, label_width: int) -> list[str]:
    if len(label) <= label_width:
        return _wrap(f"{label:<{label_width}}{family}", "", " " * (label_width + 2))
    return [label, *_wrap(family, " " * label_width)]


def _equilibrium_lines(
    result: SolveResult, players: Sequence[str], selection: Selection, *, payoffs: bool = True
) -> list[str]:
    """Equilibria of a solved game (a breakpoint or a region), with exact numbers.

    ``payoffs=False`` leaves the payoffs out (a region's vary across it)."""
    lines = []
    several = len(result.equilibria) > 1
    for k, eq in enumerate(result):
        notes = []
        if several and selection.payoff_dominant == k:
            notes.append("payoff-dominant")
        if several and selection.risk_dominant == k:
            notes.append("risk-dominant")
        if eq.kind == "pure" and not eq.strict:
            notes.append("not strict")
        values = [format_number(v) for v in eq.payoffs]
        head = f"  {k + 1}. " + (
            "(" + ", ".join(eq.profile or ()) + ")" if eq.kind == "pure" else "mixed"
        )
        if eq.kind == "pure":
            tail = f"  {_payoff_line(players, values, '')}" if payoffs else ""
            lines += _wrap(head + tail, "", "       ")
        else:
            lines.append(head)
            for i, player in enumerate(players):
                probabilities = [format_number(p) for p in eq.strategies[i]]
                lines += _wrap(_mix_line(player, eq.actions[i], probabilities, ""), "       ")
            if payoffs:
                lines += _wrap(_payoff_line(players, values, ""), "       ")
        if notes:
            lines += _wrap("; ".join(notes), "       ")
    components = [c for c in result.components if len(c) > 1]
    for component in components:
        members = ", ".join(str(k + 1) for k in component)
        lines += _wrap(
            f"equilibria {members} are the extreme points of a continuum: every mixture "
            "of them is an equilibrium too",
            "  ",
        )
    return lines


def _breakpoint_block(
    result: SweepResult, bp: Breakpoint, label_width: int, *, end: bool = False
) -> list[str]:
    sym = result.axis.symbol
    lines = _heading(segment_label(bp, sym), str(bp.family), label_width)
    if end:
        lines.append("  (an end of the range: the game exactly here differs from its neighbour)")
    if not bp.exact:
        lines += _wrap(
            "an irrational point: the game here was solved in floats (the breakpoint "
            "itself is exact)",
            "  ",
        )
    lines += _equilibrium_lines(bp.result, result.players, bp.selection)
    if bp.result.degenerate:
        lines.append("  degenerate game")
    for threshold in bp.selection.thresholds:
        lines += _wrap(
            f"trust (to play {bp.result[threshold.cooperative].describe()} rather than "
            f"{bp.result[threshold.other].describe()}):",
            "  ",
        )
        for line in threshold.describe(bp.result):
            lines += _wrap(line, "    ", "      ")
    return lines


def _grid_lines(result: SweepResult) -> list[str]:
    grid = result.grid
    if grid is None:
        return []
    sym = result.axis.symbol
    lines = [f"Grid: {grid.n} evenly spaced values of {sym} (exact, from the formulas)"]
    for k in range(grid.n):
        where, index = grid.where(k)
        equilibria = grid.equilibria(k)
        described = []
        for strategies in equilibria:
            if all(sum(1 for p in s if p > 0) == 1 for s in strategies):
                described.append(
                    "("
                    + ", ".join(
                        result.actions[i][next(j for j, p in enumerate(s) if p > 0)]
                        for i, s in enumerate(strategies)
                    )
                    + ")"
                )
            else:
                described.append(
                    "; ".join(
                        _mix_line(
                            player,
                            result.actions[i],
                            [format_number(p) for p in strategies[i]],
                            "",
                        )
                        for i, player in enumerate(result.players)
                    )
                )
        tag = {
            "interval": f"in interval {index + 1}",
            "breakpoint": f"= breakpoint {index + 1}",
            "end": "= start" if index == 0 else "= end",
        }[where]
        lines += _wrap(
            f"{format_number(grid.point(k)):>10}  {tag:<14}  " + " | ".join(described),
            "  ",
            " " * 30,
        )
    return lines


def _header(
    title: str, axes: Sequence[tuple[Axis, Any, Any]], players: Sequence[str],
    fixed: dict[str, Any], file: str | None,
) -> list[str]:
    lines = [title, ""]
    for axis, lo, hi in axes:
        lines += _wrap(
            f"{'Axis' if len(axes) > 1 else 'Sweep'}: {axis_description(axis, players)}, "
            f"from {exact_text(lo)} to {exact_text(hi)}",
            "",
        )
    if fixed.get("empathy_model"):
        lines.append(f"Empathy model: {fixed['empathy_model']}")
    text = fixed_text(fixed)
    if text:
        lines += _wrap(f"Fixed: {text}", "")
    if file:
        lines.append(f"File: {file}")
    return lines


def render_text(result: SweepResult, *, file: str | None = None) -> str:
    """The text report of a sweep (see the module docstring)."""
    sym = result.axis.symbol
    lines = _header(
        result.title or "Sweep", [(result.axis, result.lo, result.hi)], result.players,
        result.fixed, file,
    )
    lines.append("")
    segments = labelled_segments(result)
    width = min(LABEL_WIDTH, max(len(segment_label(s, sym)) for _, _, s in segments) + 2)
    for where, _, segment in segments:
        if where == "interval":
            lines += _interval_block(result, segment, width)
        else:
            lines += _breakpoint_block(result, segment, width, end=where == "end")
    lines.append("")
    n_bp = len(result.breakpoints)
    lines += _wrap(
        f"{len(result.intervals)} interval{'s' if len(result.intervals) != 1 else ''}, "
        f"{n_bp} breakpoint{'s' if n_bp != 1 else ''}"
        + (": " + ", ".join(value_text(b.value) for b in result.breakpoints) if n_bp else ""),
        "",
    )
    lines += _wrap(f"Summary: {summary(result)}", "", "  ")
    grid = _grid_lines(result)
    if grid:
        lines += ["", *grid]
    return "\n".join(lines)


# -- the 2-D map ---------------------------------------------------------------------------------


def region_equilibria(region: Region) -> str:
    """``"(Pressure, Arm), (Reassure, Freeze), mixed"``."""
    return ", ".join(e.describe() if e.kind == "pure" else "mixed" for e in region.result)


def map_fixed(sweep_map: SweepMap) -> dict[str, Any]:
    """The fixed values of a map (empty when the engine does not record them)."""
    return dict(getattr(sweep_map, "fixed", None) or {})


def render_map_text(sweep_map: SweepMap, *, file: str | None = None) -> str:
    """The text report of a 2-D map: boundary lines, then each region."""
    x, y = sweep_map.axes
    lines = _header(
        sweep_map.title or "Map",
        [(x, *sweep_map.x_range), (y, *sweep_map.y_range)],
        sweep_map.players,
        map_fixed(sweep_map),
        file,
    )
    lines += ["", "Boundary lines (exact):"]
    for axis, breaks in ((x, sweep_map.x_breaks), (y, sweep_map.y_breaks)):
        if breaks:
            player = axis.name
            lines += _wrap(
                ", ".join(f"{axis.symbol} = {value_text(b)}" for b in breaks)
                + f"  ({player}'s best responses or preferences change)",
                "  ",
            )
        else:
            lines.append(f"  none in {axis.symbol}")
    count = len(sweep_map.regions)
    lines += ["", f"{count} region{'s' if count != 1 else ''}:"]
    for region in sweep_map.regions:
        sample = next(c.sample for c in sweep_map.cells if (c.column, c.row) == region.cells[0])
        lines += _wrap(f"R{region.index + 1}  {region.describe()}", "  ", "      ")
        lines += _wrap(str(region.family), "      ")
        eq_lines = _equilibrium_lines(
            region.result, sweep_map.players, region.selection, payoffs=False
        )
        lines += ["    " + line for line in eq_lines]
        if any(e.kind != "pure" for e in region.result):
            lines += _wrap(
                f"(mixed probabilities at the sample point {x.symbol} = "
                f"{format_number(sample[0])}, {y.symbol} = {format_number(sample[1])}; "
                "they vary across the region)",
                "      ",
            )
    return "\n".join(lines)
