"""What a sweep knows between its breakpoints: the game solved at a point, and the formulas.

A sweep engine picks points along its axis (candidate breakpoints and a
rational point inside each gap, see :mod:`gametrust.analysis.parametric`).
:class:`PointEvaluator` solves the game at each point (exactly at rational
points, in floats at irrational ones) and gives it a *signature*: what must
not change inside an interval (each equilibrium's supports and best-response
sets, degeneracy, continua, the family); neighbours with equal signatures are
merged (:func:`split_range`, shared by every sweep engine).  On each
interval, :func:`equilibrium_piece` derives each
equilibrium's probabilities and payoffs as exact rational functions of the
swept value from its indifference conditions (:class:`EquilibriumPiece`).

>>> from gametrust import NormalFormGame
>>> from gametrust.analysis.families import classify
>>> from gametrust.analysis.parametric import Axis, cleared_polys, parametric_tensor
>>> from gametrust.model.empathy import apply_empathy
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]])
>>> point = PointEvaluator(lambda e: apply_empathy(pd, [e, e]), classify).at(Fraction(1, 2))
>>> point.family.short, len(point.result)
('SH', 3)
>>> _, _, tensor = parametric_tensor(pd, Axis("empathy"), None, None)
>>> polys = cleared_polys(tensor, "e", Fraction(0), Fraction(1))
>>> mixed = equilibrium_piece(point.result[2], point.game, polys, tensor, "e")
>>> mixed.strategies()[0]
((2 - 3*e)/(e + 1), (4*e - 1)/(e + 1))
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from fractions import Fraction
from functools import partial
from itertools import combinations, pairwise
from typing import Any, NamedTuple

import numpy as np

from ..core.polynomial import Poly, RationalFunction, bilinear, det, sympy_number, to_sympy
from ..core.progress import step
from ..model.exact_regret import rational_weights
from ..model.game import NormalFormGame
from ..model.regret import deviation_payoffs, float_tolerance
from ..solvers.result import Equilibrium, SolveResult
from ..solvers.solve import solve
from .parallel import map_ordered
from .parametric import between, beyond_floats
from .selection import Selection, analyse
from .structure import GameStructure, game_structure

__all__ = [
    "EquilibriumPiece",
    "PointEvaluator",
    "RangeSplit",
    "SolvedPoint",
    "best_response_sets",
    "equilibrium_piece",
    "indifference_formulas",
    "selection_key",
    "signature_of",
    "solve_point",
    "split_range",
    "supports_of",
]


# -- solving at points -------------------------------------------------------------------------


class SolvedPoint(NamedTuple):
    """The game at one point of the axis, solved, classified and analysed."""

    game: NormalFormGame
    result: SolveResult
    family: Any  # a families.Family
    selection: Selection
    signature: tuple
    exact: bool  # solved exactly (a rational point) or in floats (an irrational one)
    structure: GameStructure | None = None


class PointEvaluator:
    """Solves the game at points of the axis, exactly at rational points (cached).

    ``build(t)`` makes the game at ``t`` (a Fraction, a float, or a tuple of
    them for a point of a plane); ``classify(game)`` gives its family.
    """

    def __init__(
        self, build: Callable[[Any], NormalFormGame], classify: Callable[[NormalFormGame], Any]
    ) -> None:
        self.build = build
        self.classify = classify
        self.cache: dict[Any, SolvedPoint] = {}

    def at(self, t: Any) -> SolvedPoint:
        key = _key(t)
        if key in self.cache:
            return self.cache[key]
        step("sweep: solving the game at candidate points", len(self.cache))
        value = solve_point(self.build, self.classify, t)
        self.cache[key] = value
        return value

    def solve_all(self, points: Sequence[Any], executor: Executor | None) -> None:
        """Solve the game at every point, on ``executor`` (in chunks) when one is given; the
        answers are cached, so later :meth:`at` calls find them (the serial answers)."""
        todo = [t for t in dict.fromkeys(points) if _key(t) not in self.cache]
        if executor is None or len(todo) <= 1:
            return
        solved = map_ordered(partial(solve_point, self.build, self.classify), todo, executor,
                             task="sweep: solving the game at candidate points")
        for t, value in zip(todo, solved, strict=True):
            self.cache[_key(t)] = value


def _key(t: Any) -> Any:
    parts = t if isinstance(t, tuple) else (t,)
    return t if all(isinstance(p, Fraction) for p in parts) else ("alg", t)


def solve_point(
    build: Callable[[Any], NormalFormGame], classify: Callable[[NormalFormGame], Any], t: Any
) -> SolvedPoint:
    """The game at ``t`` solved, classified and analysed: exactly at a rational point, in
    floats (with the documented tolerance) at an irrational one."""
    parts = t if isinstance(t, tuple) else (t,)
    exact = all(isinstance(p, Fraction) for p in parts)
    if exact:
        game = build(t)
    else:
        try:
            floats = tuple(float(p) for p in parts)
            game = build(floats if isinstance(t, tuple) else floats[0])
        except OverflowError:
            raise beyond_floats(t) from None
    result = solve(game)
    family = classify(game)
    selection = analyse(game, result)
    structure = game_structure(result)
    signature = signature_of(game, result, family, structure)
    return SolvedPoint(game, result, family, selection, signature, exact, structure)


def supports_of(e: Equilibrium) -> tuple[tuple[str, ...], ...]:
    """Each player's support (action labels) in ``e``."""
    return tuple(e.support(i) for i in range(len(e.players)))


def best_response_sets(game: NormalFormGame, e: Equilibrium) -> tuple[tuple[int, ...], ...]:
    """Each player's best responses (action indices) to the others' strategies in ``e``.

    In an exact two-player game on integers: the game's integer tensor
    (:attr:`~gametrust.model.game.NormalFormGame.integer_form`) times the other's
    integer weights (:func:`~gametrust.model.exact_regret.rational_weights`) are the
    deviation payoffs times one positive number, so they have the same maxima."""
    if game.exact and game.n_players == 2:
        ints, _ = game.integer_form
        w0 = rational_weights(e.strategies[0])[0]
        w1 = rational_weights(e.strategies[1])[0]
        devs = (
            [sum(w * v for w, v in zip(w1, row, strict=True) if w) for row in ints[0].tolist()],
            [sum(w * v for w, v in zip(w0, col, strict=True) if w) for col in ints[1].T.tolist()],
        )
        out2 = []
        for dev in devs:
            best = max(dev)
            out2.append(tuple(k for k, v in enumerate(dev) if v == best))
        return tuple(out2)
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


def signature_of(
    game: NormalFormGame,
    result: SolveResult,
    family: Any,
    structure: GameStructure | None = None,
) -> tuple:
    """What defines an interval: each equilibrium's supports and best-response sets (its
    vertex labels, which fix its formula and whether it is strict), degeneracy, continua
    (which equilibria are the extreme points of each), the family, and the structure a
    summary states (dominance solvability, the cooperative profile)."""
    labels = [(supports_of(e), best_response_sets(game, e)) for e in result]
    return (
        tuple(sorted(labels)),
        result.degenerate,
        tuple(sorted(tuple(sorted(labels[k] for k in c)) for c in result.components)),
        family.name,
        None if structure is None else structure.key(),
    )


def selection_key(result: SolveResult, selection: Selection) -> tuple:
    """The payoff- and risk-dominant equilibria, by support (``None`` where there is none)."""

    def key(k: int | None) -> Any:
        return None if k is None else supports_of(result[k])

    return key(selection.payoff_dominant), key(selection.risk_dominant)


@dataclass(frozen=True)
class RangeSplit:
    """How a range splits at its candidate ``points``.

    ``gaps[k]`` is a rational point between ``points[k]`` and ``points[k + 1]``;
    ``kept`` the indices of the points where something changes (the
    breakpoints); ``spans`` the merged intervals as ``(a, b, closed_lo,
    closed_hi)``: from ``points[a]`` to ``points[b]``, sampled at ``gaps[a]``,
    closed at an end whose point is like the interval.
    """

    points: tuple[Any, ...]
    gaps: tuple[Fraction, ...]
    kept: tuple[int, ...]
    spans: tuple[tuple[int, int, bool, bool], ...]


def split_range(
    points: Sequence[Any],
    key: Callable[[Any], Hashable],
    inert: Callable[[int, Fraction], bool] | None = None,
) -> RangeSplit:
    """Merge neighbours that do not differ: ``points`` are the ends of the range and the
    candidate breakpoints in order; ``key(t)`` what must not change inside an interval.

    A candidate is kept when the gaps on either side differ, or when the game
    exactly there differs from them.  ``inert(k, t)``, when given, may say
    (from signs at ``t``, a rational point between ``points[k - 1]`` and
    ``points[k]``) that candidate ``k`` changes nothing: then ``key`` is not
    asked there, and the gap after it has the key of the gap before it.

    >>> half = Fraction(1, 2)
    >>> split = split_range([Fraction(0), half, Fraction(1)], lambda t: t > half)
    >>> split.kept, split.spans
    ((1,), ((0, 1, True, True), (1, 2, False, True)))
    """
    gaps = tuple(between(points[k], points[k + 1]) for k in range(len(points) - 1))
    last = len(points) - 1
    same = list(range(last))  # same[j]: an earlier gap with the key of gap j

    def gap_key(j: int) -> Hashable:
        return key(gaps[same[j]])

    kept = []
    for k in range(1, last):
        if inert is not None and inert(k, gaps[k - 1]):
            same[k] = same[k - 1]
        elif gap_key(k - 1) != gap_key(k) or key(points[k]) != gap_key(k - 1):
            kept.append(k)
    edges = [0, *kept, last]
    spans = []
    for a, b in pairwise(edges):
        inside = key(gaps[a])
        spans.append((a, b, key(points[a]) == inside, key(points[b]) == inside))
    return RangeSplit(tuple(points), gaps, tuple(kept), tuple(spans))


# -- formulas ----------------------------------------------------------------------------------


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

    @property
    def strict(self) -> bool:
        """A strict equilibrium (pure, every deviation loses) across the interval: its best
        responses are part of what does not change inside an interval."""
        return self.at_sample.strict

    def strategies(self) -> tuple[tuple[Any, ...], ...]:
        """Probabilities as sympy expressions (simplified)."""
        if self.formulas is None:
            return tuple(tuple(sympy_number(p) for p in s) for s in self.at_sample.strategies)
        return tuple(tuple(to_sympy(f, self.symbol) for f in s) for s in self.formulas)

    def payoffs(self) -> tuple[Any, ...]:
        """Expected payoffs as sympy expressions (simplified)."""
        if self.payoff_formulas is None:
            return tuple(sympy_number(p) for p in self.at_sample.payoffs)
        return tuple(to_sympy(f, self.symbol) for f in self.payoff_formulas)

    def at(self, t: Fraction) -> tuple[tuple[Fraction, ...], ...]:
        """The exact strategies at a value inside the interval."""
        if self.formulas is None:
            return self.at_sample.strategies
        return tuple(tuple(f(t) for f in s) for s in self.formulas)

    def payoffs_at(self, t: Fraction | float) -> tuple[Any, ...]:
        """The expected payoffs at a value inside the interval (exact at a Fraction)."""
        if self.payoff_formulas is None:
            return tuple(self.at_sample.payoffs)
        return tuple(f(t) for f in self.payoff_formulas)

    def payoff_curves(self, ts: Sequence[float]) -> list[np.ndarray]:
        """Each player's expected payoff at the float values ``ts`` (for plots)."""
        if self.payoff_formulas is None:
            return [np.full(len(ts), float(v)) for v in self.at_sample.payoffs]
        # at an open end of the interval a formula may be 0/0: a gap in the curve, no warning
        with np.errstate(divide="ignore", invalid="ignore"):
            return [np.array([float(f(t)) for t in ts]) for f in self.payoff_formulas]

    def describe(self) -> str:
        """``(Pressure, Arm)``, or each player's mix with probabilities as formulas."""
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


def indifference_formulas(
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


def equilibrium_piece(
    e: Equilibrium,
    game: NormalFormGame,
    polys: np.ndarray,
    tensor: np.ndarray,
    symbol: str,
    memo: dict[Hashable, Any] | None = None,
) -> EquilibriumPiece:
    """The equilibrium ``e`` of a two-player ``game`` (solved at a sample point) as formulas.

    ``tensor`` is the payoff tensor as rational functions of the swept value,
    ``polys`` the same with denominators cleared
    (:func:`~gametrust.analysis.parametric.cleared_polys`).  ``memo``, when given, keeps
    the formulas of each support and tight set (and the payoffs of each pair) for the
    next call on the same ``polys`` and ``tensor``: neighbouring intervals of a sweep
    share most of their equilibria.
    """
    memo = {} if memo is None else memo
    supports_idx = [[k for k, p in enumerate(s) if p > 0] for s in e.strategies]
    formulas: list[tuple[RationalFunction, ...]] = []
    keys: list[Hashable] = []
    one, zero = RationalFunction.constant(1), RationalFunction.constant(0)
    for player in range(2):
        own = supports_idx[player]
        size = game.shape[player]
        if len(own) == 1:
            formulas.append(tuple(one if k == own[0] else zero for k in range(size)))
            keys.append((player, tuple(own)))
            continue
        # the other player's best responses at the sample: the candidate tight sets
        dev = deviation_payoffs(game, e.strategies, 1 - player)
        best = max(dev)
        tight = tuple(k for k, v in enumerate(dev) if v == best)
        key = (player, tuple(own), tight)
        if key not in memo:
            found = None
            for chosen in combinations(tight, len(own)):
                found = indifference_formulas(polys[1 - player], own, chosen, player)
                if found is not None:
                    break
            memo[key] = found
        found = memo[key]
        if found is None:  # no formula: the equilibrium is constant here
            return EquilibriumPiece(supports_of(e), e.kind, e, None, None, symbol)
        full = [zero] * size
        for k, (num, den) in zip(own, found, strict=True):
            full[k] = RationalFunction(num, den)
        formulas.append(tuple(full))
        keys.append(key)
    pair = ("payoffs", *keys)
    if pair not in memo:
        memo[pair] = [
            bilinear(formulas[0], formulas[1], tensor[i], supports_idx[0], supports_idx[1])
            for i in range(2)
        ]
    payoffs = memo[pair]
    return EquilibriumPiece(
        supports_of(e), e.kind, e, tuple(formulas), tuple(payoffs), symbol
    )
