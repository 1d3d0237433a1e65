"""Exact sweeps of a prior: the Bayesian equilibria as one player's prior of a type moves.

:func:`sweep_prior` gives the swept type probability ``p`` (the player's other
types share ``1 - p``), finds every ``p`` at which the equilibria can change
(the roots of :class:`~gametrust.analysis.prior_polytope.PriorPolytope`), solves
the game exactly there and between them, and returns a :class:`PriorSweep`:
intervals (:class:`PriorInterval`, each equilibrium as exact functions of ``p``:
:class:`PriorPiece`) and breakpoints (:class:`PriorPoint`).

>>> import gametrust
>>> bg = gametrust.load("scenarios/korea_trust.yaml").build_bayesian()  # US vs a two-type DPRK
>>> print(sweep_prior(bg, "DPRK", "security_seeker").summary())
p < 1/2: 1 BNE (1 pure); p = 1/2: 3 BNE (2 pure, 1 mixed), 1 continuum;
p > 1/2: 3 BNE (2 pure, 1 mixed)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from typing import Any

from ..core.display import Displayable
from ..core.errors import SolverError, fail
from ..core.exact import as_number, format_number
from ..core.polynomial import Poly, RationalFunction
from ..model.bayesian import BayesianGame
from ..solvers.bayesian import solve_bayesian
from ..solvers.bayesian_result import BayesianEquilibrium, BayesianResult, Strategies
from .parametric import interleave, to_sympy
from .prior_polytope import PriorPolytope, linear_function, prior_family

__all__ = [
    "SWEEP_BUDGET",
    "PriorInterval",
    "PriorPiece",
    "PriorPoint",
    "PriorSweep",
    "sweep_prior",
]

#: Largest number of bases of the best-response polytope a prior sweep examines.
SWEEP_BUDGET = 200_000


@dataclass(frozen=True)
class PriorPiece:
    """One Bayesian equilibrium across an interval of the prior, as exact functions of ``p``.

    ``strategy_formulas[i][t][a]``, ``interim_formulas[i][t]`` and
    ``payoff_formulas[i]`` are :class:`RationalFunction` s of the swept prior;
    ``equilibrium`` is the equilibrium at the interval's sample point.
    """

    equilibrium: BayesianEquilibrium
    strategy_formulas: tuple[tuple[tuple[RationalFunction, ...], ...], ...]
    interim_formulas: tuple[tuple[RationalFunction, ...], ...]
    payoff_formulas: tuple[RationalFunction, ...]
    symbol: str = "p"

    @property
    def kind(self) -> str:
        return self.equilibrium.kind

    def at(self, p: object) -> Strategies:
        """The exact strategies at a prior inside the interval (not at p = 0 or 1, where a
        type's prior in the denominator vanishes: use :meth:`PriorSweep.equilibria_at`)."""
        value = Fraction(p)  # type: ignore[arg-type]
        return tuple(
            tuple(tuple(f(value) for f in s) for s in per) for per in self.strategy_formulas
        )

    def strategies(self) -> tuple[Any, ...]:
        """The probabilities as simplified sympy expressions in the prior."""
        return tuple(
            tuple(tuple(to_sympy(f, self.symbol) for f in s) for s in per)
            for per in self.strategy_formulas
        )

    def describe(self) -> str:
        """Like :meth:`BayesianEquilibrium.describe`, with probabilities as formulas in p."""
        e = self.equilibrium
        players = []
        for i, (player, per) in enumerate(zip(e.players, self.strategies(), strict=True)):
            parts = []
            for t, probs in enumerate(per):
                support = [
                    (a, f)
                    for a, f, x in zip(e.actions[i], probs, e.strategies[i][t], strict=True)
                    if x > 0
                ]
                text = (
                    support[0][0]
                    if len(support) == 1
                    else ", ".join(f"{a} {f}" for a, f in support)
                )
                if len(e.types[i]) == 1:
                    parts.append(text)
                else:
                    parts.append(
                        f"{e.types[i][t]}: ({text})"
                        if len(support) > 1
                        else f"{e.types[i][t]}: {text}"
                    )
            players.append(f"{player}: {', '.join(parts)}")
        return "; ".join(players)


@dataclass(frozen=True)
class PriorInterval:
    """An interval of the prior on which the Bayesian equilibria do not change (in kind)."""

    lo: Fraction
    hi: Fraction
    closed_lo: bool
    closed_hi: bool
    sample: Fraction
    result: BayesianResult
    pieces: tuple[PriorPiece, ...]

    def contains(self, p: Fraction) -> bool:
        above = p >= self.lo if self.closed_lo else p > self.lo
        below = p <= self.hi if self.closed_hi else p < self.hi
        return above and below

    def label(self, symbol: str = "p") -> str:
        left = "[" if self.closed_lo else "("
        right = "]" if self.closed_hi else ")"
        return f"{symbol} in {left}{format_number(self.lo)}, {format_number(self.hi)}{right}"


@dataclass(frozen=True)
class PriorPoint:
    """A prior at which the equilibria change (or an end of the range that differs)."""

    value: Fraction
    result: BayesianResult

    def label(self, symbol: str = "p") -> str:
        return f"{symbol} = {format_number(self.value)}"


def _count(result: BayesianResult) -> str:
    n = len(result)
    kinds = []
    if result.pure:
        kinds.append(f"{len(result.pure)} pure")
    if result.mixed:
        kinds.append(f"{len(result.mixed)} mixed")
    text = f"{n} BNE ({', '.join(kinds)})"
    if result.continua:
        text += f", {len(result.continua)} continu{'a' if len(result.continua) > 1 else 'um'}"
    return text


@dataclass(frozen=True)
class PriorSweep(Displayable):
    """Intervals and breakpoints of an exact sweep of ``player``'s prior of ``type``.

    ``str(sweep)`` is :meth:`describe`; ``to_dict()`` the JSON-ready data that
    ``gametrust sweep --prior --format json`` prints below its scenario header.
    """

    game: BayesianGame = field(compare=False, repr=False)
    player: str
    type: str
    lo: Fraction
    hi: Fraction
    intervals: tuple[PriorInterval, ...]
    breakpoints: tuple[PriorPoint, ...]
    ends: tuple[PriorPoint | None, PriorPoint | None] = (None, None)
    symbol: str = "p"

    def segments(self) -> list[PriorInterval | PriorPoint]:
        """Intervals and breakpoints in order along the prior."""
        return interleave(self.intervals, self.breakpoints, self.ends)

    def at(self, p: object) -> PriorInterval | PriorPoint:
        """The interval or breakpoint holding the prior ``p``."""
        value = Fraction(p)  # type: ignore[arg-type]
        for point in (*self.breakpoints, *(e for e in self.ends if e is not None)):
            if point.value == value:
                return point
        for interval in self.intervals:
            if interval.contains(value):
                return interval
        raise fail(
            f"{format_number(value)} is outside the swept range "
            f"[{format_number(self.lo)}, {format_number(self.hi)}]",
            "p",
        )

    def solve_at(self, p: object) -> BayesianResult:
        """Solve the game afresh at the prior ``p`` (for checks and for p = 0 or 1)."""
        value = _exact_prior(p, "p")
        i = self.game.player_index(self.player)
        family = prior_family(self.game, i, self.game.type_index(i, self.type))
        return solve_bayesian(self.game.with_prior(i, [a + b * value for a, b in family]))

    def equilibria_at(self, p: object) -> tuple[Strategies, ...]:
        """Exact equilibrium strategies (extreme points) at any prior in the range.

        Inside an interval they come from its formulas; at p = 0 or p = 1,
        where some type's prior vanishes and the formulas (which divide by it)
        do not apply, from solving the game there.
        """
        value = Fraction(p)  # type: ignore[arg-type]
        where = self.at(value)
        if isinstance(where, PriorPoint):
            return tuple(e.strategies for e in where.result)
        if value in (0, 1):
            return tuple(e.strategies for e in self.solve_at(value))
        return tuple(piece.at(value) for piece in where.pieces)

    def summary(self) -> str:
        """One line: ``"p < 1/2: 1 BNE (1 pure); p = 1/2: ...; p > 1/2: ..."``.

        ``p`` alone (no bounds) means the whole swept range."""
        parts = []
        for seg in self.segments():
            if isinstance(seg, PriorPoint):
                parts.append(f"{seg.label(self.symbol)}: {_count(seg.result)}")
                continue
            has_lo = not (seg.lo == self.lo and seg.closed_lo)
            has_hi = not (seg.hi == self.hi and seg.closed_hi)
            if has_lo and not has_hi:  # "p > 1/2" reads better than "1/2 < p"
                where = f"{self.symbol} {'>=' if seg.closed_lo else '>'} {format_number(seg.lo)}"
            else:
                lo = f"{format_number(seg.lo)} {'<=' if seg.closed_lo else '<'} " if has_lo else ""
                hi = f" {'<=' if seg.closed_hi else '<'} {format_number(seg.hi)}" if has_hi else ""
                where = f"{lo}{self.symbol}{hi}"
            parts.append(f"{where}: {_count(seg.result)}")
        return "; ".join(parts)

    def describe(self) -> str:
        """Each interval and breakpoint with its equilibria (formulas in p on intervals)."""
        head = (
            f"{self.symbol} = P({self.player} is {self.type}), from {format_number(self.lo)} "
            f"to {format_number(self.hi)}"
        )
        lines = [head]
        for seg in self.segments():
            lines.append(f"{seg.label(self.symbol)}: {_count(seg.result)}")
            if isinstance(seg, PriorPoint):
                lines.extend(f"  [{e.kind}] {e.describe()}" for e in seg.result)
            else:
                lines.extend(f"  [{piece.kind}] {piece.describe()}" for piece in seg.pieces)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: the swept prior, the range, the breakpoints, the text."""
        return {
            "prior": {"player": self.player, "type": self.type},
            "range": [str(self.lo), str(self.hi)],
            "breakpoints": [str(b.value) for b in self.breakpoints],
            "summary": self.summary(),
            "text": self.describe(),
        }

    def __str__(self) -> str:
        return self.describe()


def _signature(result: BayesianResult) -> tuple:
    def key(e: BayesianEquilibrium) -> tuple:
        supports = tuple(
            tuple(tuple(k for k, x in enumerate(s) if x > 0) for s in per) for per in e.strategies
        )
        return supports, e.best_responses

    keys = [key(e) for e in result]
    return (
        tuple(sorted(keys)),
        tuple(sorted(tuple(sorted(keys[k] for k in c)) for c in result.components)),
    )


def _piece(
    e: BayesianEquilibrium, polytope: PriorPolytope, bg: BayesianGame, sample: Fraction
) -> PriorPiece:
    i, j = polytope.i, polytope.j
    support = [c for c in polytope.cols if e.strategies[i][c[0]][c[1]] > 0]
    tight = [
        (tj, b)
        for tj in range(polytope.n_types_j)
        for b in range(bg.shape[j])
        if bg.actions[j][b] in e.best_responses[j][tj]
    ]
    need = len(support) + polytope.n_types_j - polytope.n_types_i
    solved = None
    for rows in combinations(tight, max(need, 0)):
        solved = polytope.solve(support, rows)
        if solved is not None:
            break
    if solved is None:
        raise SolverError(f"no basis reproduces the equilibrium {e.describe()} at p = {sample}")
    z, v = solved
    zero = RationalFunction.constant(0)
    formulas_i: list[list[RationalFunction]] = [
        [zero] * bg.shape[i] for _ in range(polytope.n_types_i)
    ]
    for (k, a), (c0, c1) in zip(support, z, strict=True):
        if polytope.zero[k]:
            formulas_i[k][a] = linear_function(c0, c1)
        else:
            a0, b0 = polytope.family[k]
            formulas_i[k][a] = RationalFunction(
                Poly.from_coeffs([c0, c1]), Poly.from_coeffs([a0, b0])
            )
    formulas: list[Any] = [None, None]
    formulas[i] = tuple(tuple(row) for row in formulas_i)
    formulas[j] = tuple(tuple(RationalFunction.constant(x) for x in s) for s in e.strategies[j])
    interim: list[Any] = [None, None]
    interim[i] = tuple(RationalFunction.constant(x) for x in e.interim_payoffs[i])
    interim[j] = tuple(linear_function(c0, c1) for c0, c1 in v)
    prior_i = [linear_function(a0, b0) for a0, b0 in polytope.family]
    payoffs: list[Any] = [None, None]
    payoffs[i] = sum((q * x for q, x in zip(prior_i, interim[i], strict=True)), zero)
    payoffs[j] = sum((x * q for x, q in zip(interim[j], bg.priors[j], strict=True)), zero)
    piece = PriorPiece(e, tuple(formulas), tuple(interim), tuple(payoffs))
    if piece.at(sample) != e.strategies or any(
        f(sample) != x
        for fs, xs in zip(interim, e.interim_payoffs, strict=True)
        for f, x in zip(fs, xs, strict=True)
    ):
        raise SolverError(f"the formulas of {e.describe()} do not reproduce it at p = {sample}")
    return piece


def _exact_prior(value: object, name: str) -> Fraction:
    if isinstance(value, float):
        raise fail(
            f"give {name} exactly (a fraction string or Fraction), not the float {value!r}", name
        )
    try:
        number = as_number(value, exact=True)
    except (TypeError, ValueError) as exc:
        raise fail(f"{name} must be a number: {exc}", name) from None
    assert isinstance(number, Fraction)
    if not 0 <= number <= 1:
        raise fail(f"{name} must be a probability in [0, 1], got {format_number(number)}", name)
    return number


def sweep_prior(
    game: BayesianGame,
    player: str | int,
    type: str | int,
    lo: object = 0,
    hi: object = 1,
) -> PriorSweep:
    """The Bayesian equilibria as ``player``'s prior of ``type`` moves from ``lo`` to ``hi``.

    The swept type gets probability ``p``; the player's other types share
    ``1 - p`` in their proportions in ``game`` (equally if the swept type has
    prior 1 there).  Exact: the breakpoints are the roots of the linear
    functions that can change the equilibria (see
    :mod:`gametrust.analysis.prior_polytope` and ``docs/bayesian.md``), the
    game is solved exactly at each root and between roots, and neighbours that
    do not differ are merged.  Each interval lists its equilibria as exact functions
    of ``p``; each breakpoint the equilibria exactly there.  Two players only.
    """
    if not isinstance(game, BayesianGame):
        raise fail(f"sweep_prior() takes a BayesianGame, got {game.__class__.__name__}", "game")
    if game.n_players != 2:
        raise fail(
            f"prior sweeps are for two-player games; this one has {game.n_players} players", "game"
        )
    i = game.player_index(player)
    t = game.type_index(i, type)
    if len(game.types[i]) < 2:
        raise fail(f"player {game.players[i]!r} has one type: its prior is 1", "type")
    low, high = _exact_prior(lo, "lo"), _exact_prior(hi, "hi")
    if not low < high:
        raise fail(
            f"the range must have lo < hi, got [{format_number(low)}, {format_number(high)}]", "lo"
        )
    if not game.exact:
        raise fail("prior sweeps need exact payoffs", "game")
    family = prior_family(game, i, t)
    polytope = PriorPolytope(game, i, family)
    if polytope.count() > SWEEP_BUDGET:
        raise fail(
            f"the best-response polytope has {polytope.count()} bases to "
            f"examine (more than {SWEEP_BUDGET}): too large for an exact prior sweep",
            "game",
        )
    cache: dict[Fraction, tuple[BayesianResult, tuple]] = {}

    def at(p: Fraction) -> tuple[BayesianResult, tuple]:
        if p not in cache:
            result = solve_bayesian(game.with_prior(i, [a + b * p for a, b in family]))
            cache[p] = (result, _signature(result))
        return cache[p]

    points = [low, *polytope.roots(low, high), high]
    gaps = [(points[k] + points[k + 1]) / 2 for k in range(len(points) - 1)]
    kept = [
        k
        for k in range(1, len(points) - 1)
        if at(gaps[k - 1])[1] != at(gaps[k])[1] or at(points[k])[1] != at(gaps[k - 1])[1]
    ]
    edges = [0, *kept, len(points) - 1]
    intervals = []
    for n in range(len(edges) - 1):
        a, b = edges[n], edges[n + 1]
        sample = gaps[a]
        result, signature = at(sample)
        pieces = tuple(_piece(e, polytope, game, sample) for e in result)
        intervals.append(
            PriorInterval(
                points[a],
                points[b],
                at(points[a])[1] == signature,
                at(points[b])[1] == signature,
                sample,
                result,
                pieces,
            )
        )
    breakpoints = tuple(PriorPoint(points[k], at(points[k])[0]) for k in kept)
    ends = (
        None if intervals[0].closed_lo else PriorPoint(low, at(low)[0]),
        None if intervals[-1].closed_hi else PriorPoint(high, at(high)[0]),
    )
    return PriorSweep(
        game, game.players[i], game.types[i][t], low, high, tuple(intervals), breakpoints, ends
    )
