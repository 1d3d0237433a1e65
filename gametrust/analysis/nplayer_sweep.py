"""Exact sweeps of games with three or more players: every breakpoint, certified, where possible.

A profile ``a`` is a pure equilibrium exactly when no player gains by a
unilateral deviation: every *deviation difference*
``u_i(b, a_-i) - u_i(a)`` is ``<= 0`` (all ``< 0``: strict).  Along a sweep
the payoffs are rational functions of the swept value ``t`` (linear for
empathy); with each player's denominators cleared by one polynomial positive
on the range (:func:`~gametrust.analysis.parametric.cleared_polys`) every
deviation difference is a polynomial in ``t``.  So the set of pure equilibria
(with their strictness) is constant between consecutive real roots of those
polynomials, and at each root it is decided by exact signs (at a rational root
by evaluation, at an irrational one by :func:`~gametrust.core.polynomial.sign_on`
on its isolating interval).

The mixed equilibria change only at the roots of the elimination polynomials
of :mod:`gametrust.analysis.nplayer_critical` (where some support's solution
meets a probability 0, a tie with an unused action, or a singular point).
When every support is *certifiable* there, :func:`sweep_nplayer` adds those
roots to the candidates, solves the game exactly (N-player enumeration,
:func:`gametrust.solvers.nplayer.solve_nplayer`, every equilibrium certified)
at each rational candidate and at a rational point of each gap, and merges
neighbours whose pure equilibria and whose equilibria's supports, best
responses and continua agree: each interval's equilibria then keep their
supports on all of it (*proved*), and its mixed equilibria's probabilities
are given exactly at the sample point (not as formulas).  An irrational
candidate is solved in floats (pure equilibria only); it is merged when the
gaps beside it agree (the interval lists it as not solved there) and is a
breakpoint otherwise.  When some support is not certifiable (a continuum for
every ``t``) the breakpoints are those of the pure equilibria only, and the
mixed equilibria are listed at the sample point without any claim about the
rest of the interval; so do games larger than :data:`MAX_ELIMINATION_UNKNOWNS`
allows (2x2x2 at present).  Either way the family's ``detail`` and the
interval's structure say which.

>>> import gametrust
>>> six = gametrust.load("scenarios/six_party.yaml")
>>> result = sweep_nplayer(six, "param:sensibility")
>>> [str(b.value) for b in result.breakpoints]
['1/3', '1/2', '7/12']
>>> [str(e.strategies[1][0]) for e in result.intervals[1].result if e.kind == "mixed"]
['1/6']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction
from itertools import product
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.algebraic import simplest_between
from ..core.errors import ArgumentError, Location
from ..core.exact import format_number
from ..core.polynomial import Poly, RationalFunction, approx, compare, sign_on
from ..model.empathy import swept_names
from ..model.game import NormalFormGame
from ..solvers.result import Equilibrium, SolveResult
from ..solvers.solve import solve
from .families import Family, classify
from .nplayer_critical import mixed_critical_polys
from .parametric import (
    Axis,
    between,
    check_sweep_work,
    cleared_polys,
    parametric_tensor,
    roots_of,
    show_value,
    sorted_unique,
    sweep_range,
)
from .pieces import EquilibriumPiece, best_response_sets, split_range, supports_of
from .selection import Selection, analyse
from .structure import GameStructure, game_structure
from .sweep_result import Breakpoint, Interval, SweepResult

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario

__all__ = [
    "MAX_ELIMINATION_UNKNOWNS",
    "PureKey",
    "SampledStructure",
    "deviation_polys",
    "pure_key",
    "sweep_nplayer",
]

#: The largest game whose mixed equilibria are followed by elimination: at most this many
#: unknowns in a support system (``sum(n_i - 1)``; 3 is a 2x2x2 game, whose every support
#: takes a few milliseconds).  Lexicographic Groebner bases grow fast: on a random 2x2x3
#: game the elimination ran past five minutes, so larger games get pure breakpoints and
#: sampled mixed equilibria, and say so.
MAX_ELIMINATION_UNKNOWNS = 3

#: The pure equilibria at a point: each profile (action indices) with whether it is strict.
PureKey = tuple[tuple[tuple[int, ...], bool], ...]


@dataclasses.dataclass(frozen=True)
class SampledStructure(GameStructure):
    """The structure of a segment of an N-player sweep, said honestly.

    On an interval (``sample`` given) the pure equilibria hold on the whole
    interval, while dominance and the mixed equilibria were computed at
    ``sample`` only (``symbol`` names the swept value).  At a breakpoint
    (``sample`` is ``None``) everything was computed there; a list that is not
    complete (a continuum the enumeration samples) says so.
    """

    sample: Fraction | None = None
    symbol: str = "t"
    #: the supports and best responses of every equilibrium are proved constant on the
    #: interval (:mod:`gametrust.analysis.nplayer_critical`), except at ``unsolved``
    proved: bool = False
    unsolved: tuple[Any, ...] = ()

    def equilibria_text(self) -> str:
        counts = self.counts() or "none"
        if self.sample is None:
            n = self.equilibria
            text = f"{n} equilibri{'um' if n == 1 else 'a'} listed ({counts})"
            if self.continua:
                text += f" in {self.continua} continu{'um' if self.continua == 1 else 'a'}"
            return text + ("" if self.complete else ", not complete")
        pure = self.pure_strict + self.pure_weak
        parts = [f"{n} {what}" for n, what in ((self.pure_strict, "strict"),
                                                 (self.pure_weak, "weak")) if n]
        text = f"{pure} pure equilibri{'um' if pure == 1 else 'a'}" + (
            f" ({', '.join(parts)})" if parts else "") if pure else "no pure equilibrium"
        at = f"{self.symbol} = {format_number(self.sample)}"
        tail = "" if self.complete else ", not complete"
        if self.unsolved:
            points = ", ".join(show_value(v) for v in self.unsolved)
            tail += f" (not solved at {points}, where it could differ)"
        if self.proved:
            if not self.mixed:
                return f"{text} and no mixed equilibrium throughout{tail}"
            return f"{text} and {self.mixed} mixed throughout (probabilities at {at}){tail}"
        if self.solution is not None:
            found = "dominance-solvable"
        else:
            found = f"{self.mixed} mixed" if self.mixed else "no mixed equilibrium"
        return f"{text} throughout; {found} at {at}{tail}"

    def summary(self) -> str:
        """:meth:`equilibria_text` (the cooperative profile and dominance may change inside
        an interval, so they are not claimed for it)."""
        if self.sample is None and self.complete:
            return super().summary()
        return self.equilibria_text()


def _structure(
    result: SolveResult, symbol: str, sample: Fraction | None, proved: bool = False,
    unsolved: tuple[Any, ...] = (),
) -> SampledStructure:
    return SampledStructure(**dataclasses.asdict(game_structure(result)), sample=sample,
                            symbol=symbol, proved=proved, unsolved=unsolved)


def _signature(game: NormalFormGame, result: SolveResult) -> tuple:
    """What must not change inside an interval whose mixed equilibria are proved: each
    equilibrium's supports (and best responses, where its probabilities are rational),
    the continua, degeneracy and completeness."""
    labels = []
    for e in result:
        rational = all(isinstance(p, (int, Fraction)) for s in e.strategies for p in s)
        labels.append((supports_of(e), best_response_sets(game, e) if rational else None))
    components = sorted(repr(sorted(map(repr, (labels[k] for k in c))))
                        for c in result.components)
    return (tuple(sorted(map(repr, labels))), result.degenerate, result.complete,
            tuple(components))


def deviation_polys(polys: np.ndarray) -> list[tuple[int, tuple[int, ...], Poly]]:
    """Every deviation difference ``(player, profile, polynomial)``: the player's (cleared)
    payoff from switching to another action minus its payoff at ``profile``."""
    shape = polys.shape[1:]
    out = []
    for profile in product(*(range(k) for k in shape)):
        for i, size in enumerate(shape):
            here = polys[(i, *profile)]
            for b in range(size):
                if b != profile[i]:
                    other = (*profile[:i], b, *profile[i + 1:])
                    out.append((i, profile, polys[(i, *other)] - here))
    return out


def pure_key(deviations: Sequence[tuple[int, tuple[int, ...], Poly]], t: Any) -> PureKey:
    """The pure equilibria at ``t`` (a Fraction or a real algebraic number), exactly: a
    profile is one when no deviation difference is positive, strict when all are negative."""
    signs: dict[tuple[int, ...], list[int]] = {}
    for _, profile, poly in deviations:
        signs.setdefault(profile, []).append(sign_on(poly, t))
    return tuple(
        (profile, all(s < 0 for s in found))
        for profile, found in signs.items()
        if all(s <= 0 for s in found)
    )


def _game_at(
    tensor: np.ndarray, players: Sequence[str], actions: Sequence[Sequence[str]], title: str,
    t: Any,
) -> NormalFormGame:
    """The game at ``t``: exact at a Fraction, in floats at an irrational point."""
    value = t if isinstance(t, Fraction) else approx(t)
    arrays = [np.vectorize(lambda f: f(value), otypes=[object])(tensor[i])
              for i in range(len(players))]
    if not isinstance(t, Fraction):
        arrays = [a.astype(float) for a in arrays]
    return NormalFormGame.from_arrays(*arrays, players=list(players),
                                      actions=[list(a) for a in actions], title=title)


def _pure_profile(e: Equilibrium) -> tuple[int, ...]:
    return tuple(next(k for k, p in enumerate(s) if p > 0) for s in e.strategies)


def _piece(e: Equilibrium, tensor: np.ndarray, symbol: str) -> EquilibriumPiece:
    """A pure equilibrium as constant probabilities with payoffs as exact functions of the
    swept value (it holds on the whole interval); a mixed one as its values at the sample."""
    if e.kind != "pure":
        return EquilibriumPiece(supports_of(e), e.kind, e, None, None, symbol)
    profile = _pure_profile(e)
    one, zero = RationalFunction.constant(1), RationalFunction.constant(0)
    formulas = tuple(
        tuple(one if k == a else zero for k in range(len(s)))
        for a, s in zip(profile, e.strategies, strict=True)
    )
    payoffs = tuple(tensor[(i, *profile)] for i in range(len(e.players)))
    return EquilibriumPiece(supports_of(e), e.kind, e, formulas, payoffs, symbol)


def _sample(points: Sequence[Any], a: int, b: int) -> Fraction:
    """A simple rational point of the span from ``points[a]`` to ``points[b]`` that is no
    candidate breakpoint (where ties, and so continua, are likely): the simplest rational in
    the span, or in the gap between candidates that holds it."""
    lo, hi = points[a], points[b]
    pick = simplest_between(lo, hi) if isinstance(lo, Fraction) and isinstance(
        hi, Fraction) else between(lo, hi)
    for j in range(a, b):
        if compare(points[j], pick) == 0:
            low, high = points[j], points[j + 1]
            return simplest_between(low, high) if isinstance(low, Fraction) and isinstance(
                high, Fraction) else between(low, high)
    return pick


def _sampled_family(family: Family, symbol: str, sample: Fraction, proved: bool) -> Family:
    at = f"{symbol} = {format_number(sample)}"
    note = (f"classified at {at}; every equilibrium's supports proved constant on the "
            f"interval, mixed probabilities at {at}" if proved else
            f"classified, and mixed equilibria found, at {at} only; pure equilibria exact "
            "on the whole interval")
    return dataclasses.replace(family, detail="; ".join(x for x in (family.detail, note) if x))


def _fixed(
    source: Scenario | NormalFormGame, ax: Axis, parameters: Mapping[str, object] | None,
    empathy: Mapping[str, object] | None,
) -> dict[str, Any]:
    """What a sweep holds fixed (shown in its header): other parameters and weights."""
    if isinstance(source, NormalFormGame):
        return {}
    swept = (set(swept_names(source.empathy_model, source.player_ids, ax.name))
             if ax.kind == "empathy" else set())
    weights = source.empathy_weights(parameters)
    weights.update({k: Fraction(v) for k, v in (empathy or {}).items()})  # type: ignore[arg-type]
    moving = {k for k, w in source.empathy.items()  # expressions of the swept parameter
              if ax.kind == "param" and ax.name in getattr(w, "names", set)()}
    return {
        "parameters": {k: v for k, v in source.parameter_values(parameters).items()
                       if k != ax.name},
        "empathy": {k: v for k, v in weights.items() if k not in {*swept, *moving}},
        "empathy_model": source.empathy_model,
    }


def sweep_nplayer(
    source: Scenario | NormalFormGame,
    axis: str | Axis = "empathy",
    lo: object = None,
    hi: object = None,
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
    grid: int | None = None,
    mixed: bool = True,
) -> SweepResult:
    """Sweep empathy or a parameter of a game with three or more players (see the module
    docstring); the arguments are those of :func:`gametrust.analysis.sweep.sweep`.
    ``mixed=False`` splits at the pure breakpoints only (what ``gametrust check`` needs
    for claims about pure profiles).

    ``grid`` is refused (a located :class:`ArgumentError`): a grid evaluates formulas,
    and the mixed equilibria of an N-player sweep have none.
    """
    if grid is not None:
        raise ArgumentError(
            "--grid evaluates the formulas of a two-player sweep; a sweep of a game with "
            "three or more players lists exact equilibria at sample points instead",
            Location(path=("--grid",)),
        )
    ax = axis if isinstance(axis, Axis) else Axis.parse(axis)
    low, high = sweep_range(source, ax, lo, hi)
    players, actions, tensor = parametric_tensor(source, ax, parameters, empathy)
    check_sweep_work(tensor.shape[1:])  # before any polynomial is built
    polys = cleared_polys(tensor, ax.symbol, low, high)
    deviations = deviation_polys(polys)
    roots = roots_of({p.primitive() for _, _, p in deviations if not p.is_zero()}, low, high)
    small = sum(k - 1 for k in tensor.shape[1:]) <= MAX_ELIMINATION_UNKNOWNS
    critical = mixed_critical_polys(polys) if mixed and small else None
    proved = critical is not None and critical.certified
    if proved:
        roots = sorted_unique([*roots, *roots_of(set(critical.polys), low, high)])
    points = [low, *roots, high]
    left = {id(p): k for k, p in enumerate(points)}
    title = source.title
    solved: dict[Any, tuple[NormalFormGame, SolveResult]] = {}

    def at(t: Any) -> tuple[NormalFormGame, SolveResult]:
        if t not in solved:
            game = _game_at(tensor, players, actions, title, t)
            result = solve(game)
            if isinstance(t, Fraction):
                found = tuple(sorted((_pure_profile(e), e.strict) for e in result
                                     if e.kind == "pure"))
                if found != tuple(sorted(pure_key(deviations, t))):  # pragma: no cover
                    raise AssertionError(f"pure equilibria at {t} disagree with the signs")
            solved[t] = (game, result)
        return solved[t]

    def key(t: Any) -> Hashable:
        """The pure equilibria at ``t``, and with proved mixed equilibria the signature of
        the game solved there.  An irrational candidate is merged into the gaps beside it
        when they agree and its pure equilibria do (the interval then lists it as not
        solved); otherwise it is a breakpoint like neither of them."""
        pure = pure_key(deviations, t)
        if not proved:
            return pure
        if isinstance(t, Fraction):
            return pure, _signature(*at(t))
        k = left[id(t)]  # an irrational candidate: solved in floats at best
        before = _signature(*at(between(points[k - 1], t)))
        after = _signature(*at(between(t, points[k + 1])))
        return pure, before if before == after else ("not solved", k)

    split = split_range(points, key)

    intervals = []
    for a, b, closed_lo, closed_hi in split.spans:
        sample = _sample(split.points, a, b)
        game, result = at(sample)
        unsolved = tuple(p for p in points[a + 1:b] if not isinstance(p, Fraction))
        intervals.append(Interval(
            split.points[a], split.points[b], closed_lo, closed_hi, sample,
            _sampled_family(classify(game), ax.symbol, sample, proved), result,
            analyse(game, result), tuple(_piece(e, tensor, ax.symbol) for e in result),
            structure=_structure(result, ax.symbol, sample, proved, unsolved if proved else ()),
        ))

    def breakpoint(k: int) -> Breakpoint:
        t = split.points[k]
        game, result = at(t)
        return Breakpoint(t, approx(t), isinstance(t, Fraction), classify(game), result,
                          analyse(game, result) if result.equilibria else Selection(None, None),
                          _structure(result, ax.symbol, None))

    ends = (
        None if intervals[0].closed_lo else breakpoint(0),
        None if intervals[-1].closed_hi else breakpoint(len(split.points) - 1),
    )
    return SweepResult(
        title=title, axis=ax, lo=low, hi=high, players=tuple(players),
        actions=tuple(tuple(a) for a in actions), intervals=tuple(intervals),
        breakpoints=tuple(breakpoint(k) for k in split.kept),
        fixed=_fixed(source, ax, parameters, empathy), ends=ends,
    )
