"""The leader's optimal mixed commitment as one value moves: exact pieces and breakpoints.

A sweep of a scenario with ``leadership:`` follows the simultaneous game as
any normal-form sweep does (:func:`gametrust.analysis.sweep.sweep`) and,
beside it, the leader's optimal commitment (strong Stackelberg, see
:mod:`gametrust.solvers.stackelberg`) as an exact function of the swept value
``t``.

The commitment is the best vertex of the polytopes ``P_j(t)`` = {mixed
strategies ``x`` of the leader to which follower action ``j`` is a best
response}.  Every vertex is a *candidate*: a follower action ``j`` and ``m - 1``
of the polytope's inequalities made tight, whose solution ``x(t) = N(t)/D(t)``
(Cramer's rule over the polynomials) is a rational function of ``t``.  Where
none of these polynomials changes sign — each ``D``, each inequality at each
candidate (times ``D``), and each difference of two candidates' values for
the leader — the feasible candidates and their order are fixed, so the optimal
commitment is one candidate's formula on the whole interval.  Their real roots
are the candidate breakpoints (certified, exact rationals or real algebraic
numbers).  In each interval the commitment is computed by the exact linear
programs at a rational point and matched to its candidate; at each breakpoint
(and end of the range) it is decided exactly from the candidates' signs there,
and a breakpoint where the neighbouring formula stays optimal is merged into
its intervals, so only the points where the commitment really changes remain.

>>> import gametrust
>>> s = gametrust.load("scenarios/inspection_mixed_leadership.yaml")
>>> sweep = sweep_commitment(s, "param:gain")
>>> [segment.label(sweep.symbol) for segment in sweep.segments]
['gain in [0, 10]']
>>> sweep.segments[0].strategy_text(s.build().actions[0], sweep.symbol)
'Inspect 5*gain/(3*gain + 51), Trust (51 - 2*gain)/(3*gain + 51)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, pairwise
from typing import Any

import numpy as np

from ..core.errors import ArgumentError, Location, SolverError
from ..core.polynomial import (
    Poly,
    RationalFunction,
    approx,
    compare,
    det,
    sign_on,
    to_sympy,
)
from ..model.game import NormalFormGame
from ..scenario.scenario import Scenario
from ..solvers.stackelberg import leader_commitment
from .parametric import (
    Axis,
    between,
    cleared_polys,
    interval_label,
    parametric_tensor,
    roots_of,
    show_value,
    sweep_range,
)
from .sweep_dict import bound_dict

__all__ = [
    "MAX_CANDIDATES",
    "CommitmentSegment",
    "CommitmentSweep",
    "LeadershipSweep",
    "sweep_commitment",
    "sweep_leadership",
]

#: At most this many candidate vertices (follower actions x bases) are followed.
MAX_CANDIDATES = 120


@dataclass(frozen=True)
class _Candidate:
    """A vertex of one follower action's polytope: ``x_i(t) = nums[i] / den``."""

    response: int
    nums: tuple[Poly, ...]
    den: Poly
    checks: tuple[Poly, ...]  # den * (each inequality at x): feasible iff all >= 0
    objective: Poly  # den * (the leader's cleared payoff at x)

    def feasible_at(self, t: Any) -> bool:
        return sign_on(self.den, t) != 0 and all(sign_on(c, t) >= 0 for c in self.checks)

    def same_as(self, other: _Candidate) -> bool:
        """The same response and the same strategy formulas."""
        return self.response == other.response and all(
            (a * other.den - b * self.den).is_zero()
            for a, b in zip(self.nums, other.nums, strict=True)
        )

    def strategy(self) -> tuple[RationalFunction, ...]:
        return tuple(RationalFunction(n, self.den) for n in self.nums)


@dataclass(frozen=True)
class CommitmentSegment:
    """An interval (or a single point, ``lo == hi``) of the swept value on which the
    optimal commitment is one formula: the follower's ``response`` and the leader's
    ``strategy`` and both players' ``payoffs`` as rational functions of the swept value."""

    lo: Any
    hi: Any
    closed_lo: bool
    closed_hi: bool
    response: int
    strategy: tuple[RationalFunction, ...]
    payoffs: tuple[RationalFunction, ...]
    is_point: bool = False

    def label(self, symbol: str) -> str:
        if self.is_point:
            return f"{symbol} = {show_value(self.lo)}"
        return interval_label(symbol, self.lo, self.hi, self.closed_lo, self.closed_hi)

    def texts(self, values: Sequence[RationalFunction], symbol: str) -> list[str]:
        """Formulas on an interval; exact numbers at a rational point; at an irrational
        point the formula (to be read at that point) with its approximate value."""
        if not self.is_point:
            return [str(to_sympy(v, symbol)) for v in values]
        if isinstance(self.lo, Fraction):
            return [str(v(self.lo)) for v in values]
        at = approx(self.lo)
        return [f"{to_sympy(v, symbol)} (≈ {v(at):.6g})" for v in values]

    def strategy_text(self, actions: Sequence[str], symbol: str) -> str:
        return ", ".join(f"{a} {text}" for a, text in
                         zip(actions, self.texts(self.strategy, symbol), strict=True))


@dataclass(frozen=True)
class CommitmentSweep:
    """The leader's optimal commitment along the swept axis, in exact segments."""

    leader: str
    follower: str
    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    axis: Axis
    lo: Fraction
    hi: Fraction
    segments: tuple[CommitmentSegment, ...]

    @property
    def symbol(self) -> str:
        return self.axis.symbol

    @property
    def breakpoints(self) -> list[Any]:
        """Where the commitment's formula changes (the ends of the inner segments)."""
        out: list[Any] = []
        for s in self.segments[:-1]:
            if not out or compare(out[-1], s.hi) != 0:
                out.append(s.hi)
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: each segment's bounds, the response, the strategy and payoffs
        (formulas in the swept value on intervals, exact numbers at rational points)."""
        lead = self.players.index(self.leader)
        follow = 1 - lead
        segments = []
        for s in self.segments:
            entry: dict[str, Any] = {"kind": "point" if s.is_point else "interval"}
            if s.is_point:
                entry["at"] = bound_dict(s.lo)
            else:
                entry.update({"from": bound_dict(s.lo), "to": bound_dict(s.hi),
                              "closed": [s.closed_lo, s.closed_hi]})
            entry["response"] = self.actions[follow][s.response]
            entry["strategy"] = dict(zip(self.actions[lead], s.texts(s.strategy, self.symbol),
                                         strict=True))
            entry["payoffs"] = dict(zip(self.players, s.texts(s.payoffs, self.symbol),
                                        strict=True))
            segments.append(entry)
        return {"leader": self.leader, "follower": self.follower, "rule": "strong",
                "symbol": self.symbol,
                "breakpoints": [bound_dict(b) for b in self.breakpoints],
                "segments": segments}

    def lines(self) -> list[str]:
        """Plain lines for the text report."""
        lead = self.players.index(self.leader)
        out = [f"Leadership: {self.leader}'s optimal commitment (strong Stackelberg: "
               f"{self.follower} breaks ties in {self.leader}'s favour) as {self.symbol} moves"]
        for s in self.segments:
            out.append(f"  {s.label(self.symbol)}: {self.follower} responds "
                       f"{self.actions[1 - lead][s.response]}")
            out.append(f"    {self.leader}: {s.strategy_text(self.actions[lead], self.symbol)}")
            pays = ", ".join(f"{p} {v}" for p, v in
                             zip(self.players, s.texts(s.payoffs, self.symbol), strict=True))
            out.append(f"    payoffs: {pays}")
        return out


def _candidates(lead: list[list[Poly]], follow: list[list[Poly]]) -> list[_Candidate]:
    """Every vertex candidate of every follower action's best-response polytope."""
    m, n = len(lead), len(lead[0])
    one, zero = Poly.constant(1), Poly.constant(0)
    out = []
    for j in range(n):
        rows = [[one if i == k else zero for i in range(m)] for k in range(m)]
        rows += [[follow[i][j] - follow[i][k] for i in range(m)] for k in range(n) if k != j]
        for tight in combinations(range(len(rows)), m - 1):
            matrix = [rows[k] for k in tight] + [[one] * m]
            den = det(matrix)
            if den.is_zero():
                continue
            nums = []
            for col in range(m):
                replaced = [[(one if r == m - 1 else zero) if c == col else v
                             for c, v in enumerate(row)] for r, row in enumerate(matrix)]
                nums.append(det(replaced))
            checks = []
            for row in rows:
                value = Poly.constant(0)
                for a, x in zip(row, nums, strict=True):
                    value = value + a * x
                checks.append(value * den)
            objective = Poly.constant(0)
            for i in range(m):
                objective = objective + lead[i][j] * nums[i]
            out.append(_Candidate(j, tuple(nums), den, tuple(checks), objective))
    return out


def _difference(a: _Candidate, b: _Candidate) -> Poly:
    """A polynomial with the sign of (a's value - b's value) for the leader."""
    return (a.objective * b.den - b.objective * a.den) * a.den * b.den


def _better(a: _Candidate, b: _Candidate, t: Any) -> int:
    """The sign of (a's value - b's value) for the leader at ``t``, exactly."""
    if isinstance(t, Fraction):
        diff = a.objective(t) / a.den(t) - b.objective(t) / b.den(t)
        return (diff > 0) - (diff < 0)
    return sign_on(_difference(a, b), t)


def _hull(c: _Candidate, low: Fraction, high: Fraction) -> tuple[Any, Any] | None:
    """The least and greatest points of ``[low, high]`` where ``c`` is feasible (None when
    it never is), from the roots of its own polynomials."""
    polys = {p.primitive() for p in (c.den, *c.checks) if p.degree > 0}
    points = [low, *roots_of(polys, low, high), high]
    atoms = [points[0]]
    for a, b in pairwise(points):
        atoms += [between(a, b), b]
    feasible = [t for t in atoms if c.feasible_at(t)]
    return (feasible[0], feasible[-1]) if feasible else None


def _best_at(candidates: Sequence[_Candidate], t: Any) -> list[_Candidate]:
    """The feasible candidates with the leader's best value at ``t``, exactly."""
    feasible = [c for c in candidates if c.feasible_at(t)]
    best: list[_Candidate] = []
    for c in feasible:
        if not best or _better(c, best[0], t) > 0:
            best = [c]
        elif _better(c, best[0], t) == 0:
            best.append(c)
    return best


def _game_at(tensor: np.ndarray, t: Fraction, players: Sequence[str],
             actions: Sequence[Sequence[str]]) -> NormalFormGame:
    values = np.empty(tensor.shape, dtype=object)
    values.ravel()[:] = [f(t) for f in tensor.ravel()]
    return NormalFormGame.from_payoff_tensor(values, players=players, actions=actions, exact=True)


def _matching(candidates: Sequence[_Candidate], response: int,
              strategy: Sequence[Fraction], t: Fraction) -> _Candidate:
    for c in candidates:
        d = c.den(t)
        if c.response == response and d != 0 and all(
                n(t) / d == x for n, x in zip(c.nums, strategy, strict=True)):
            return c
    raise SolverError("the commitment found is no vertex candidate")  # pragma: no cover


def sweep_commitment(
    scenario: Scenario,
    variable: str,
    lo: object = None,
    hi: object = None,
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> CommitmentSweep:
    """The leader's optimal commitment of a ``leadership:`` scenario along one axis
    (``"param:NAME"``, ``"empathy"`` or ``"empathy:PLAYER"``), exactly."""
    assert scenario.leadership is not None
    axis = Axis.parse(variable)
    low, high = sweep_range(scenario, axis, lo, hi)
    players, actions, tensor = parametric_tensor(scenario, axis, parameters, empathy)
    leader = players.index(scenario.leadership.leader)
    polys = cleared_polys(tensor, axis.symbol, low, high)

    def matrix(player: int) -> list[list[Poly]]:
        rows, cols = len(actions[leader]), len(actions[1 - leader])
        return [[polys[(player, i, j) if leader == 0 else (player, j, i)] for j in range(cols)]
                for i in range(rows)]

    m, n = len(actions[leader]), len(actions[1 - leader])
    from math import comb

    if n * comb(m + n - 1, m - 1) > MAX_CANDIDATES:
        raise ArgumentError(
            f"a leadership sweep follows every vertex of the follower's best-response regions: "
            f"{m}x{n} actions are too many (at most {MAX_CANDIDATES} vertex candidates); solve "
            "it with --set at the values you need",
            Location(path=("axis",)),
        )
    # candidates never feasible in the range never matter; two candidates are compared
    # only where both can be feasible; a vertex reached by several bases is kept once
    candidates: list[_Candidate] = []
    hulls: list[tuple[Any, Any]] = []
    for c in _candidates(matrix(leader), matrix(1 - leader)):
        hull = _hull(c, low, high)
        if hull is not None and not any(c.same_as(d) for d in candidates):
            candidates.append(c)
            hulls.append(hull)
    critical: set[Poly] = set()
    for c in candidates:
        critical.add(c.den)
        critical.update(p for p in c.checks if not p.is_zero())
    for (a, ha), (b, hb) in combinations(zip(candidates, hulls, strict=True), 2):
        if compare(ha[0], hb[1]) > 0 or compare(hb[0], ha[1]) > 0:
            continue
        diff = _difference(a, b)
        if not diff.is_zero():
            critical.add(diff)
    critical = {p.primitive() for p in critical if p.degree > 0}
    points = [low, *roots_of(critical, low, high), high]
    pieces: list[tuple[Any, Any, _Candidate]] = []
    for a, b in pairwise(points):
        t0 = between(a, b)
        found = leader_commitment(_game_at(tensor, t0, players, actions), leader)
        pieces.append((a, b, _matching(candidates, found.response, found.strategy, t0)))
    # atoms in order: p0, I1, p1, ..., IK, pK; a point takes its neighbour's formula when
    # that formula is feasible and optimal there; equal neighbours merge into one segment
    atoms: list[tuple[Any, Any, bool, _Candidate]] = []
    for k, point in enumerate(points):
        best = _best_at(candidates, point)
        before = pieces[k - 1][2] if k > 0 else None
        after = pieces[k][2] if k < len(pieces) else None
        chosen = before if before in best else after if after in best else best[0]
        atoms.append((point, point, True, chosen))
        if after is not None:
            atoms.append((point, pieces[k][1], False, after))
    segments: list[list[Any]] = []  # [lo, hi, closed_lo, closed_hi, candidate, point]
    for a_lo, a_hi, is_point, cand in atoms:
        if segments and segments[-1][4].same_as(cand):
            segments[-1][1], segments[-1][3], segments[-1][5] = a_hi, is_point, False
        else:
            segments.append([a_lo, a_hi, is_point, is_point, cand, is_point])
    out = []
    for seg_lo, seg_hi, closed_lo, closed_hi, cand, point in segments:
        strategy = cand.strategy()
        pays = []
        for p in range(2):
            total = RationalFunction.constant(0)
            for i, x in enumerate(strategy):
                index = (i, cand.response) if leader == 0 else (cand.response, i)
                total = total + x * tensor[(p, *index)]
            pays.append(total)
        out.append(CommitmentSegment(seg_lo, seg_hi, closed_lo, closed_hi, cand.response,
                                     strategy, tuple(pays), point))
    return CommitmentSweep(players[leader], players[1 - leader], tuple(players),
                           tuple(tuple(a) for a in actions), axis, low, high, tuple(out))


@dataclass(frozen=True)
class LeadershipSweep:
    """A sweep of a ``leadership:`` scenario: the simultaneous game's sweep
    (a :class:`~gametrust.analysis.sweep_result.SweepResult`) and the leader's commitment
    along the same axis."""

    simultaneous: Any
    commitment: CommitmentSweep


def sweep_leadership(
    scenario: Scenario,
    variable: str,
    lo: object = None,
    hi: object = None,
    *,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
    grid: int | None = None,
) -> LeadershipSweep:
    """The simultaneous game's exact sweep and the leader's commitment beside it."""
    from .sweep import sweep as sweep_normal_form

    simultaneous = sweep_normal_form(scenario, variable, lo, hi, parameters=parameters,
                                     empathy=empathy, grid=grid)
    commitment = sweep_commitment(scenario, variable, lo, hi, parameters=parameters,
                                  empathy=empathy)
    return LeadershipSweep(simultaneous, commitment)
