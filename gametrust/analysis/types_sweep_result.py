"""What an exact sweep of a game with types returns: intervals, breakpoints and formulas.

:class:`TypesSweep` is the result of every sweep of a Bayesian game or a
signalling game (:func:`gametrust.analysis.types_sweep.sweep_types`): the
range splits at exact breakpoints (:class:`TypesPoint`) into intervals
(:class:`TypesInterval`) on which the equilibria do not change; on each
interval every equilibrium is given as exact rational functions of the swept
value (:class:`BayesianPiece` for a Bayesian Nash equilibrium,
:class:`SignalPiece` for a perfect Bayesian equilibrium), and each breakpoint
holds the game solved exactly there (:class:`PointSolution`).  Renderers are
in :mod:`gametrust.report.types_sweep`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.display import Displayable
from ..core.errors import fail
from ..core.exact import format_number
from ..core.polynomial import RationalFunction, approx, compare
from ..core.progress import step
from .parametric import interleave, show_value, to_sympy
from .types_model import TypeAxis

__all__ = [
    "BayesianPiece",
    "PointCache",
    "PointSolution",
    "SignalPiece",
    "TypesInterval",
    "TypesPoint",
    "TypesSweep",
    "count_text",
    "exact_text",
]


@dataclass(frozen=True)
class PointSolution:
    """The game at one value of the swept quantity, solved.

    ``result`` is a :class:`~gametrust.solvers.bayesian_result.BayesianResult` or a
    :class:`~gametrust.solvers.signalling_result.SignallingResult`; ``None`` when
    the game is not defined there or could not be solved exactly, and ``note``
    says why.  ``exact`` is False at an irrational point solved in floats.
    ``signature`` is what must not change inside an interval.
    """

    value: Any
    exact: bool
    result: Any
    signature: Hashable
    note: str = ""


class PointCache:
    """What both sweep engines share: :meth:`solve` solves the game at a point once
    (``_solve``, the engine's own), keyed exactly (an algebraic point by its text)."""

    cache: dict[Any, PointSolution]

    def _solve(self, t: Any) -> PointSolution:  # pragma: no cover - each engine has its own
        raise NotImplementedError

    def solve(self, t: Any) -> PointSolution:
        key = t if isinstance(t, Fraction) else ("alg", t)
        if key not in self.cache:
            step("sweep: solving the game at candidate points", len(self.cache))
            self.cache[key] = self._solve(t)
        return self.cache[key]


def count_text(solution: PointSolution) -> str:
    """``"3 BNE (2 pure, 1 mixed), 1 continuum"`` or ``"2 PBE (1 separating, 1 pooling)"``."""
    result = solution.result
    if result is None:
        return solution.note
    if hasattr(result, "pure"):
        kinds = []
        if result.pure:
            kinds.append(f"{len(result.pure)} pure")
        if result.mixed:
            kinds.append(f"{len(result.mixed)} mixed")
        text = f"{len(result)} BNE ({', '.join(kinds)})"
        if result.continua:
            n = len(result.continua)
            text += f", {n} continu{'a' if n > 1 else 'um'}"
    else:
        counts: dict[str, int] = {}
        for e in result:
            counts[e.kind] = counts.get(e.kind, 0) + 1
        text = f"{len(result)} PBE" + (
            f" ({', '.join(f'{n} {k}' for k, n in counts.items())})" if counts else "")
        if result.continua:
            text += f", {len(result.continua)} with a continuum of play"
    if not solution.exact:
        text += " (solved in floats: an irrational point)"
    return text


def _show(f: RationalFunction, symbol: str) -> str:
    return str(to_sympy(f, symbol))


@dataclass(frozen=True)
class BayesianPiece:
    """One Bayesian equilibrium across an interval, as exact functions of the swept value.

    ``strategy_formulas[i][k][a]`` (type ``k`` of player ``i`` plays ``a``),
    ``interim_formulas[i][k]`` and ``payoff_formulas[i]`` (ex ante) are
    :class:`~gametrust.core.polynomial.RationalFunction` s; ``equilibrium`` is
    the equilibrium at the interval's sample point.
    """

    equilibrium: Any  # BayesianEquilibrium
    strategy_formulas: tuple[tuple[tuple[RationalFunction, ...], ...], ...]
    interim_formulas: tuple[tuple[RationalFunction, ...], ...]
    payoff_formulas: tuple[RationalFunction, ...]
    symbol: str = "p"

    @property
    def kind(self) -> str:
        return str(self.equilibrium.kind)

    def at(self, t: object) -> tuple[tuple[tuple[Fraction, ...], ...], ...]:
        """The exact strategies at a rational value inside the interval."""
        value = Fraction(t)  # type: ignore[arg-type]
        return tuple(tuple(tuple(f(value) for f in s) for s in per)
                     for per in self.strategy_formulas)

    def strategies(self) -> tuple[Any, ...]:
        """The probabilities as simplified sympy expressions in the swept value."""
        return tuple(tuple(tuple(to_sympy(f, self.symbol) for f in s) for s in per)
                     for per in self.strategy_formulas)

    def describe(self) -> str:
        """Like the equilibrium's ``describe()``, with probabilities as formulas."""
        e = self.equilibrium
        players = []
        for i, (player, per) in enumerate(zip(e.players, self.strategies(), strict=True)):
            parts = []
            for k, probs in enumerate(per):
                support = [(a, f) for a, f, x in zip(e.actions[i], probs, e.strategies[i][k],
                                                     strict=True) if x > 0]
                text = support[0][0] if len(support) == 1 else ", ".join(
                    f"{a} {f}" for a, f in support)
                if len(e.types[i]) == 1:
                    parts.append(text)
                else:
                    parts.append(f"{e.types[i][k]}: ({text})" if len(support) > 1
                                 else f"{e.types[i][k]}: {text}")
            players.append(f"{player}: {', '.join(parts)}")
        return "; ".join(players)

    def describe_payoffs(self) -> str:
        """``"ex ante: US 2, DPRK 4*p + ..."``."""
        e = self.equilibrium
        return "ex ante: " + ", ".join(
            f"{p} {_show(f, self.symbol)}" for p, f in zip(e.players, self.payoff_formulas,
                                                          strict=True))

    def to_dict(self) -> dict[str, Any]:
        e = self.equilibrium
        return {
            "kind": self.kind,
            "describe": self.describe(),
            "strategies": {
                p: {t: {a: _show(f, self.symbol) for a, f in zip(e.actions[i], s, strict=True)}
                    for t, s in zip(e.types[i], self.strategy_formulas[i], strict=True)}
                for i, p in enumerate(e.players)
            },
            "interim_payoffs": {
                p: {t: _show(f, self.symbol) for t, f in zip(e.types[i],
                                                             self.interim_formulas[i],
                                                             strict=True)}
                for i, p in enumerate(e.players)
            },
            "payoffs": {p: _show(f, self.symbol) for p, f in zip(e.players, self.payoff_formulas,
                                                                 strict=True)},
        }


@dataclass(frozen=True)
class SignalPiece:
    """One perfect Bayesian equilibrium across an interval, as exact functions of the swept
    value: ``sender[type][signal]``, ``receiver[signal][response]`` and ``beliefs[signal][type]``
    on the path of play, ``sender_payoffs[type]`` and ``receiver_payoff``.  ``equilibrium`` is
    the equilibrium at the interval's ``sample`` point: which off-path responses hold it up
    and its Intuitive Criterion verdict hold on the whole interval; the mixes and beliefs
    shown for them are those at the sample."""

    equilibrium: Any  # PerfectBayesianEquilibrium
    sender: Mapping[str, Mapping[str, RationalFunction]]
    receiver: Mapping[str, Mapping[str, RationalFunction]]
    beliefs: Mapping[str, Mapping[str, RationalFunction]]
    sender_payoffs: Mapping[str, RationalFunction]
    receiver_payoff: RationalFunction
    symbol: str = "t"
    sample: Fraction | None = None

    @property
    def kind(self) -> str:
        return str(self.equilibrium.kind)

    def at(self, t: object) -> dict[str, Any]:
        """The path of play at a rational value inside the interval."""
        value = Fraction(t)  # type: ignore[arg-type]

        def table(d: Mapping[str, Mapping[str, RationalFunction]]) -> dict[str, dict[str, Any]]:
            return {k: {a: f(value) for a, f in v.items()} for k, v in d.items()}

        return {
            "sender": table(self.sender),
            "receiver": table(self.receiver),
            "beliefs": table(self.beliefs),
            "sender_payoffs": {k: f(value) for k, f in self.sender_payoffs.items()},
            "receiver_payoff": self.receiver_payoff(value),
        }

    def lines(self) -> list[str]:
        """The equilibrium in words, with formulas on the path of play."""
        e = self.equilibrium
        s = self.symbol
        sample_note = ("" if self.sample is None
                       else f" (shown at {s} = {format_number(self.sample)})")
        out = [f"[{e.kind}]" + (" (a continuum; one point shown)" if e.continuum else "")]
        for t, row in self.sender.items():
            support = [(m, f) for m, f in row.items() if e.sender[t][m] > 0]
            text = support[0][0] if len(support) == 1 else ", ".join(
                f"{m} {_show(f, s)}" for m, f in support)
            out.append(f"  {t}: {text}  (payoff {_show(self.sender_payoffs[t], s)})")
        for m in e.receiver:
            if m in self.receiver:
                support = [(a, f) for a, f in self.receiver[m].items() if e.receiver[m][a] > 0]
                text = support[0][0] if len(support) == 1 else ", ".join(
                    f"{a} {_show(f, s)}" for a, f in support)
                belief = ", ".join(f"P({t}) = {_show(f, s)}" for t, f in
                                   list(self.beliefs[m].items())[:1 if len(self.beliefs[m]) == 2
                                                                 else None])
                out.append(f"  after {m}: {text}  (belief {belief})")
            else:
                options = e.off_path[m]
                if len(options) == 1:
                    out.append(f"  after {m} (off path): {options[0]}{sample_note}")
                else:
                    out.append(f"  after {m} (off path), any of{sample_note}:")
                    out.extend(f"    {o}" for o in options)
        out.append(f"  receiver payoff {_show(self.receiver_payoff, s)}; "
                   f"{e.intuitive_criterion}")
        return out

    def describe(self) -> str:
        return "\n".join(self.lines())

    def to_dict(self) -> dict[str, Any]:
        s = self.symbol

        def table(d: Mapping[str, Mapping[str, RationalFunction]]) -> dict[str, dict[str, str]]:
            return {k: {a: _show(f, s) for a, f in v.items()} for k, v in d.items()}

        e = self.equilibrium
        return {
            "kind": self.kind,
            "sender": table(self.sender),
            "receiver": table(self.receiver),
            "beliefs": table(self.beliefs),
            "payoffs": {"sender": {t: _show(f, s) for t, f in self.sender_payoffs.items()},
                        "receiver": _show(self.receiver_payoff, s)},
            "off_path": {m: [o.to_dict() for o in opts] for m, opts in e.off_path.items()},
            "intuitive_criterion": {"passes": e.intuitive_criterion.passes,
                                    "text": str(e.intuitive_criterion)},
            "continuum": e.continuum is not None,
            "text": self.describe(),
        }


def _fraction_text(value: Any) -> str:
    return format_number(value) if isinstance(value, Fraction) else show_value(value)


def exact_text(value: Any) -> str:
    """A value exactly: ``1/4``, or an algebraic number as ``sqrt(2)/2`` (no approximation)."""
    return format_number(value) if isinstance(value, Fraction) else show_value(value).split(
        " (≈")[0]


@dataclass(frozen=True)
class TypesInterval:
    """An open interval (with the ends it holds) on which the equilibria do not change."""

    lo: Any
    hi: Any
    closed_lo: bool
    closed_hi: bool
    sample: Fraction
    solution: PointSolution
    pieces: tuple[Any, ...]

    @property
    def result(self) -> Any:
        """The game solved at the sample point."""
        return self.solution.result

    def contains(self, t: Any) -> bool:
        above = compare(t, self.lo) >= 0 if self.closed_lo else compare(t, self.lo) > 0
        below = compare(self.hi, t) >= 0 if self.closed_hi else compare(self.hi, t) > 0
        return above and below

    def label(self, symbol: str = "p") -> str:
        left = "[" if self.closed_lo else "("
        right = "]" if self.closed_hi else ")"
        return f"{symbol} in {left}{_fraction_text(self.lo)}, {_fraction_text(self.hi)}{right}"


@dataclass(frozen=True)
class TypesPoint:
    """A value at which the equilibria change, or an end of the range that differs from its
    interval; ``solution`` is the game solved exactly there (in floats at an irrational
    point, or not at all when the game is undefined there: see ``solution.note``)."""

    value: Any
    solution: PointSolution

    @property
    def result(self) -> Any:
        return self.solution.result

    @property
    def exact(self) -> bool:
        return self.solution.exact

    def label(self, symbol: str = "p") -> str:
        return f"{symbol} = {_fraction_text(self.value)}"


@dataclass(frozen=True)
class TypesSweep(Displayable):
    """Intervals and breakpoints of an exact sweep of a game with types along ``axis``.

    ``game`` is ``"bayesian"`` or ``"signalling"``; ``players`` the players with
    types (a common prior moves each one's prior); ``threshold`` the trust region
    of the scenario's ``beliefs:`` along this axis
    (:class:`~gametrust.analysis.prior_trust.PriorThreshold`), when it has one.
    ``complete`` is False when some candidate point could not be solved (see
    ``warnings``).  ``str()`` is :meth:`describe`; ``to_dict()`` the JSON-ready data.
    """

    title: str
    game: str
    axis: TypeAxis
    players: tuple[str, ...]
    lo: Fraction
    hi: Fraction
    intervals: tuple[TypesInterval, ...]
    breakpoints: tuple[TypesPoint, ...]
    ends: tuple[TypesPoint | None, TypesPoint | None] = (None, None)
    fixed: Mapping[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    threshold: Any = None
    solver: Callable[[Fraction], Any] | None = field(default=None, compare=False, repr=False)

    # -- compatibility with the prior sweep of earlier versions ---------------------------------

    @property
    def symbol(self) -> str:
        return self.axis.symbol

    @property
    def player(self) -> str:
        """The player whose prior is swept (``"common"`` for a common prior)."""
        return self.axis.player or ("common" if self.axis.kind == "prior" else "")

    @property
    def type(self) -> str:
        return self.axis.type

    @property
    def complete(self) -> bool:
        """False when some candidate point could not be solved, or only pure equilibria
        were computed (games of three or more players)."""
        solutions = [seg.solution for seg in self.segments()]
        return not any(s.signature == ("unsolved",) for s in solutions) and not any(
            getattr(s.result, "concept", "") == "pure-bayesian-nash" for s in solutions)

    def points(self) -> list[TypesPoint]:
        return [*self.breakpoints, *(e for e in self.ends if e is not None)]

    def segments(self) -> list[TypesInterval | TypesPoint]:
        """Intervals and breakpoints in order along the axis."""
        return interleave(self.intervals, self.breakpoints, self.ends)

    def at(self, t: object) -> TypesInterval | TypesPoint:
        """The interval or breakpoint holding the value ``t``."""
        value = t if not isinstance(t, (str, int)) else Fraction(t)
        for point in self.points():
            if compare(point.value, value) == 0:
                return point
        for interval in self.intervals:
            if interval.contains(value):
                return interval
        raise fail(f"{_fraction_text(value)} is outside the swept range "
                   f"[{format_number(self.lo)}, {format_number(self.hi)}]", self.axis.symbol)

    def solve_at(self, t: object) -> Any:
        """Solve the game afresh at a rational value (for checks)."""
        if self.solver is None:
            raise fail("this sweep keeps no game to solve", "sweep")
        return self.solver(Fraction(t))  # type: ignore[arg-type]

    def equilibria_at(self, t: object) -> tuple[Any, ...]:
        """Exact equilibrium strategies at any rational value in the range: from the formulas
        inside an interval (Bayesian: type-contingent strategies; signalling: the path of play
        as :meth:`SignalPiece.at` gives it), from the solution at a breakpoint."""
        value = Fraction(t)  # type: ignore[arg-type]
        where = self.at(value)
        if isinstance(where, TypesPoint):
            result = where.result
        elif any(_vanishes(piece, value) for piece in where.pieces):
            result = self.solve_at(value)
        else:
            return tuple(piece.at(value) for piece in where.pieces)
        if result is None:
            return ()
        if self.game == "bayesian":
            return tuple(e.strategies for e in result)
        return tuple(_path_of_play(e) for e in result)

    def summary(self) -> str:
        """One line: ``"p < 1/2: 1 BNE (1 pure); p = 1/2: ...; p > 1/2: ..."``."""
        parts = []
        s = self.symbol
        for seg in self.segments():
            if isinstance(seg, TypesPoint):
                parts.append(f"{seg.label(s)}: {count_text(seg.solution)}")
                continue
            has_lo = not (seg.lo == self.lo and seg.closed_lo)
            has_hi = not (seg.hi == self.hi and seg.closed_hi)
            lo_text, hi_text = _fraction_text(seg.lo), _fraction_text(seg.hi)
            if has_lo and not has_hi:
                where = f"{s} {'>=' if seg.closed_lo else '>'} {lo_text}"
            else:
                lo = f"{lo_text} {'<=' if seg.closed_lo else '<'} " if has_lo else ""
                hi = f" {'<=' if seg.closed_hi else '<'} {hi_text}" if has_hi else ""
                where = f"{lo}{s}{hi}"
            parts.append(f"{where}: {count_text(seg.solution)}")
        return "; ".join(parts)

    def head(self) -> str:
        return (f"{self.axis.describe(self.players)}, from {format_number(self.lo)} to "
                f"{format_number(self.hi)}")

    def describe(self) -> str:
        """Each interval and breakpoint with its equilibria (formulas on intervals)."""
        lines = [self.head()]
        s = self.symbol
        for seg in self.segments():
            lines.append(f"{seg.label(s)}: {count_text(seg.solution)}")
            if isinstance(seg, TypesPoint):
                result = seg.result
                if result is None:
                    continue
                if self.game == "bayesian":
                    lines.extend(f"  [{e.kind}] {e.describe()}" for e in result)
                else:
                    for e in result:
                        body = e.lines()
                        lines.append(f"  [{body[0]}]")
                        lines.extend("  " + x for x in body[1:])
                continue
            for piece in seg.pieces:
                if self.game == "bayesian":
                    lines.append(f"  [{piece.kind}] {piece.describe()}")
                else:
                    lines.extend("  " + x for x in piece.lines())
        if self.threshold is not None:
            lines.append(f"trust threshold: {self.threshold.describe()}")
        lines.extend(f"note: {w}" for w in self.warnings)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (documented in ``docs/sweep.md``)."""

        def value(v: Any) -> dict[str, Any]:
            return {"value": exact_text(v), "approx": float(approx(v)),
                    "rational": isinstance(v, Fraction)}

        def segment(seg: TypesInterval | TypesPoint) -> dict[str, Any]:
            sol = seg.solution
            out: dict[str, Any] = {"count": count_text(sol), "exact": sol.exact,
                                   "note": sol.note or None}
            if isinstance(seg, TypesPoint):
                out["at"] = value(seg.value)
                out["equilibria"] = None if sol.result is None else [
                    e.to_dict() for e in sol.result]
            else:
                out.update(lo=value(seg.lo), hi=value(seg.hi), closed_lo=seg.closed_lo,
                           closed_hi=seg.closed_hi, sample=format_number(seg.sample),
                           equilibria=[piece.to_dict() for piece in seg.pieces])
            return out

        data: dict[str, Any] = {
            "game": self.game,
            "axis": {**self.axis.to_dict(), "description": self.axis.describe(self.players)},
            "range": [format_number(self.lo), format_number(self.hi)],
            "fixed": {k: format_number(v) for k, v in self.fixed.items()},
            "breakpoints": [exact_text(b.value) for b in self.breakpoints],
            "segments": [
                {"type": "point" if isinstance(seg, TypesPoint) else "interval", **segment(seg)}
                for seg in self.segments()
            ],
            "complete": self.complete,
            "warnings": list(self.warnings),
            "threshold": None if self.threshold is None else self.threshold.to_dict(),
            "summary": self.summary(),
            "text": self.describe(),
        }
        if self.axis.kind == "prior" and self.axis.player:
            data["prior"] = {"player": self.axis.player, "type": self.axis.type}
        return data

    def __str__(self) -> str:
        return self.describe()


def _vanishes(piece: Any, value: Fraction) -> bool:
    """Whether a piece's formulas divide by zero at ``value`` (e.g. a prior of 0 at an end)."""
    formulas: list[RationalFunction] = []
    if isinstance(piece, BayesianPiece):
        formulas = [f for per in piece.strategy_formulas for s in per for f in s]
    else:
        formulas = [f for row in piece.sender.values() for f in row.values()]
        formulas += [f for row in piece.receiver.values() for f in row.values()]
        formulas += [f for row in piece.beliefs.values() for f in row.values()]
    return any(f.den(value) == 0 for f in formulas)


def _path_of_play(e: Any) -> dict[str, Any]:
    on = set(e.on_path)
    return {
        "sender": {t: dict(row) for t, row in e.sender.items()},
        "receiver": {m: dict(row) for m, row in e.receiver.items() if m in on},
        "beliefs": {m: dict(row) for m, row in e.beliefs.items() if m in on},
        "sender_payoffs": dict(e.sender_payoffs),
        "receiver_payoff": e.receiver_payoff,
    }
