"""Is the reputation equilibrium the only one?  An exact check on the value correspondence.

Independently of Kreps and Wilson's construction
(:mod:`gametrust.solvers.reputation`), this module computes, for every number
``k`` of meetings left and belief ``mu``, the set ``W_k(mu)`` of the normal
type's continuation payoffs over **all** sequential equilibria of the rest of
the game (short-run first movers): a finite union of closed intervals, by
backward induction.  A sequential equilibrium at ``(k, mu)`` is a choice of

* the normal type's probability ``sigma`` of the committed answer after
  ``move`` — ``1`` (needs a continuation value ``w >= T`` in ``W_{k-1}(mu)``),
  ``0`` (``w <= T`` in ``W_{k-1}(1)``: after the committed answer the belief
  is 1) or a mix, which needs ``T`` in ``W_{k-1}(nu)`` at the posterior ``nu``
  (``T`` makes the two answers pay the same: ``v_c + delta T = v_d + delta R``,
  ``R`` the value once revealed, the unique continuation at belief 0);
* the first mover's probability ``beta`` of ``move``, a best reply to the
  chance ``P`` of the committed answer (any ``beta`` when indifferent);
* continuation equilibria after each outcome.

``W_{k-1}`` is constant between the breakpoints ``0, q^(k-1), ..., q, 1``
(the first mover's choice flips at ``P = q``, and ``P = mu / nu`` with ``nu`` a
breakpoint of the level below), so the mixes are found exactly; a value set
that contains ``T`` on a whole interval of posteriors (a continuum of mixes)
stops the check.  :func:`uniqueness` then walks the path from the prior: at
each belief reached it lists every behaviour ``(sigma, beta)`` that some
equilibrium compatible with what the meeting before requires (the continuation
value that made the normal type indifferent, or at least as large as ``T``)
can have there.  When there is exactly one at every belief on the path, every
sequential equilibrium plays the same on its path: the report says the
equilibrium is unique.  The projections it uses only widen the sets, so
"unique" is sound; "not shown" may be cautious.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import pairwise

from ..core.errors import SolverError
from .reputation import ReputationEquilibrium

__all__ = ["Uniqueness", "uniqueness"]

F = Fraction
Intervals = tuple[tuple[Fraction, Fraction], ...]  # sorted, disjoint closed intervals


def _union(*sets: Intervals) -> Intervals:
    parts = sorted(p for s in sets for p in s)
    out: list[tuple[Fraction, Fraction]] = []
    for lo, hi in parts:
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return tuple(out)


def _clip(s: Intervals, lo: Fraction | None, hi: Fraction | None) -> Intervals:
    out = []
    for a, b in s:
        a2 = a if lo is None else max(a, lo)
        b2 = b if hi is None else min(b, hi)
        if a2 <= b2:
            out.append((a2, b2))
    return tuple(out)


def _affine(s: Intervals, shift: Fraction, scale: Fraction) -> Intervals:
    return tuple((shift + scale * a, shift + scale * b) for a, b in s)


def _contains(s: Intervals, x: Fraction) -> bool:
    return any(a <= x <= b for a, b in s)


def _hull_mix(a: Intervals, b: Intervals) -> Intervals:
    """Every ``beta x + (1 - beta) y`` with ``x`` in ``a``, ``y`` in ``b``, ``beta`` in [0, 1]."""
    return _union(*[((min(x1, y1), max(x2, y2)),) for x1, x2 in a for y1, y2 in b])


@dataclass(frozen=True)
class Uniqueness:
    """The outcome of the check: ``unique`` and, when not, why (``reason``); ``beliefs`` is
    the number of beliefs on the path where the behaviour was shown to be forced."""

    unique: bool
    reason: str
    beliefs: int


class _Game:
    """The value correspondence of one stage, discount and horizon."""

    def __init__(self, eq: ReputationEquilibrium) -> None:
        self.eq = eq
        self.u = eq.stage.first
        self.v = eq.stage.second
        self.delta = eq.delta
        u_c, u_d, u_s = self.u
        self.q = (u_s - u_d) / (u_c - u_d)
        self.revealed = self._revealed_values(eq.rounds)
        self.value = lru_cache(maxsize=None)(self._value)

    def _revealed_values(self, n: int) -> list[Fraction]:
        """The normal type's value once revealed, ``k`` meetings left (index ``k``)."""
        _, u_d, u_s = self.u
        _, v_d, v_s = self.v
        stage = v_d if u_d > u_s else v_s  # the first mover's best reply to a sure ``other``
        out = [F(0)]
        for _ in range(n):
            out.append(stage + self.delta * out[-1])
        return out

    def breakpoints(self, k: int) -> list[Fraction]:
        """Where ``W_k`` may change: ``B_0 = {0, 1}`` and ``B_k = B_{k-1} ∪ q B_{k-1}`` (the
        level below's breakpoints, and where ``P = mu / nu`` crosses ``q`` for each of them)."""
        points = {F(0), F(1)}
        for _ in range(k):
            points |= {self.q * b for b in points}
        return sorted(points)

    def threshold(self, k: int) -> Fraction:
        v_c, v_d, _ = self.v
        return self.revealed[k - 1] + (v_d - v_c) / self.delta

    def gain(self, p: Fraction) -> Fraction:
        """The first mover's gain from ``move`` when the committed answer has chance ``p``."""
        u_c, u_d, u_s = self.u
        return p * u_c + (1 - p) * u_d - u_s

    def mixes(self, k: int, mu: Fraction) -> list[Fraction] | None:
        """The posteriors ``nu`` in ``(mu, 1)`` at which a normal type may mix with ``k``
        meetings left (``T`` in ``W_{k-1}(nu)``); ``None`` for a continuum."""
        if k == 1:
            return []
        t = self.threshold(k)
        points = self.breakpoints(k - 1)
        out = []
        for lo, hi in pairwise(points):
            if hi > mu and _contains(self.value(k - 1, (max(lo, mu) + hi) / 2), t):
                return None
            if mu < hi < 1 and _contains(self.value(k - 1, hi), t):
                out.append(hi)
        return out

    def options(self, k: int, mu: Fraction) -> list[tuple[Fraction, Fraction, Intervals,
                                                        Intervals]] | None:
        """Every answer of a normal type that some equilibrium has at ``(k, mu)``: ``(sigma,
        P, the continuation values allowed after the committed answer, the value of move)``;
        ``None`` for a continuum of mixes."""
        v_c, v_d, _ = self.v
        below = self.revealed[k - 1]
        d_value = v_d + self.delta * below
        if mu == 0:
            return [(F(0), F(0), ((below, below),), ((d_value, d_value),))]
        if k == 1:
            return [(F(0), mu, ((F(0), F(0)),), ((v_d, v_d),))]
        t = self.threshold(k)
        out = []
        honour = _clip(self.value(k - 1, mu), t, None)
        if honour:
            out.append((F(1), F(1), honour, _affine(honour, v_c, self.delta)))
        found = self.mixes(k, mu)
        if found is None:
            return None
        for nu in found:
            sigma = mu * (1 - nu) / (nu * (1 - mu))
            out.append((sigma, mu / nu, ((t, t),), ((d_value, d_value),)))
        cheat = _clip(self.value(k - 1, F(1)), None, t)
        if cheat:
            out.append((F(0), mu, cheat, ((d_value, d_value),)))
        return out

    def _value(self, k: int, mu: Fraction) -> Intervals:
        """``W_k(mu)``: the normal type's payoffs over all equilibria from ``(k, mu)``."""
        if k == 0:
            return ((F(0), F(0)),)
        options = self.options(k, mu)
        if options is None:
            raise _Continuum(k, mu)
        v_s = self.v[2]
        stay = _affine(self.value(k - 1, mu) if mu > 0 else
                       ((self.revealed[k - 1],) * 2,), v_s, self.delta)
        out: list[Intervals] = []
        for _, p, _, move in options:
            g = self.gain(p)
            out.append(move if g > 0 else stay if g < 0 else _hull_mix(move, stay))
        return _union(*out)


def _left(k: int) -> str:
    return f"{k} meeting{'' if k == 1 else 's'} left"


class _Continuum(Exception):
    def __init__(self, k: int, mu: Fraction) -> None:
        super().__init__(f"a continuum of the normal type's mixes with {_left(k)} at belief "
                         f"{mu}")


def _betas(move: Intervals, stay: Intervals, g: Fraction,
           allowed: Intervals | None) -> list[Fraction] | None:
    """The first mover's equilibrium probabilities of ``move`` (``None``: a continuum)."""
    if g > 0:
        candidates = [(F(1), move)]
    elif g < 0:
        candidates = [(F(0), stay)]
    else:
        if allowed is None or len(allowed) != 1 or allowed[0][0] != allowed[0][1]:
            return None
        target = allowed[0][0]
        if len(move) != 1 or len(stay) != 1 or move[0][0] != move[0][1] or (
                stay[0][0] != stay[0][1]):
            return None
        a, s = move[0][0], stay[0][0]
        if a == s:
            return None
        beta = (target - s) / (a - s)
        return [beta] if 0 <= beta <= 1 else []
    return [b for b, values in candidates
            if allowed is None or _clip_any(values, allowed)]


def _clip_any(a: Intervals, b: Intervals) -> bool:
    return any(max(x1, y1) <= min(x2, y2) for x1, x2 in a for y1, y2 in b)


def uniqueness(eq: ReputationEquilibrium) -> Uniqueness:
    """Whether every sequential equilibrium plays as ``eq`` on its path (see the module)."""
    game = _Game(eq)
    count = 0

    def walk(k: int, mu: Fraction, allowed: Intervals | None) -> str | None:
        nonlocal count
        if k == 0 or mu == 0:
            return None
        options = game.options(k, mu)
        if options is None:
            return f"a continuum of the normal type's mixes with {_left(k)} at belief {mu}"
        v_s = game.v[2]
        stay = _affine(game.value(k - 1, mu), v_s, game.delta)
        found = []
        for sigma, p, after, move in options:
            betas = _betas(move, stay, game.gain(p), allowed)
            if betas is None:
                return (f"the first mover's mix is not pinned down with {_left(k)} at belief "
                        f"{mu}")
            found += [(sigma, p, after, beta) for beta in betas]
        if len(found) != 1:
            return f"{len(found)} behaviours are equilibria with {_left(k)} at belief {mu}"
        sigma, p, after, beta = found[0]
        left = k
        if sigma != eq.sigma(left, mu) or beta != eq.move(left, mu):
            raise SolverError(f"the only equilibrium behaviour at belief {mu} with {_left(k)} "
                              f"is ({sigma}, {beta}), not the construction's")
        count += 1
        if beta > 0 and p > 0:
            why = walk(k - 1, eq.posterior(left, mu, True), after)
            if why:
                return why
        if beta < 1:
            return walk(k - 1, mu, None if allowed is None else game.value(k - 1, mu))
        return None

    try:
        reason = walk(eq.rounds, eq.prior, None)
    except _Continuum as exc:
        reason = str(exc)
    return Uniqueness(reason is None, reason or "", count)
