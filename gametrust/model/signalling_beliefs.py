"""The receiver's beliefs in a signalling game: where each response is a best response.

A belief is a probability distribution over the sender's types.  The beliefs
at which a set of responses are all best responses form a convex polytope, a
property of the game alone: :class:`BeliefSet` holds one by its extreme
points, and :class:`SignallingTables` (the game by index, with exact payoff
and cost tables) computes and caches them.  The solver
(:mod:`gametrust.solvers.signalling`) builds on both.

>>> from gametrust.model.signalling import reassurance_game
>>> tables = SignallingTables(reassurance_game(prior_trustworthy="1/2", cost_trustworthy=1,
...                                            cost_untrustworthy=3))
>>> print(tables.belief_set((0, 1)))                 # cooperate and refuse both optimal
P(trustworthy) = 2/3
>>> tables.belief_set((1,)).interval()                # refuse optimal
(Fraction(0, 1), Fraction(2, 3))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.exact import format_number
from ..core.linalg import Polytope, bounded_polytope, dot, unit_vector

if TYPE_CHECKING:
    from .signalling import SignallingGame

__all__ = ["BeliefSet", "SignallingTables", "show_belief"]

ZERO = Fraction(0)
ONE = Fraction(1)


def show_belief(types: Sequence[str], belief: Sequence[Fraction]) -> str:
    """One belief in words: ``P(first type) = p`` for two types, else every probability."""
    if len(types) == 2:
        return f"P({types[0]}) = {format_number(belief[0])}"
    return "(" + ", ".join(
        f"{t} {format_number(p)}" for t, p in zip(types, belief, strict=True)
    ) + ")"


@dataclass(frozen=True)
class BeliefSet:
    """A convex set of beliefs over the sender's types, by its extreme points.

    ``vertices[k][i]`` is the probability of ``types[i]`` at the ``k``-th extreme
    point.  For two types the set is exactly the interval :meth:`interval` of
    the first type's probability.  ``responses`` are the receiver responses
    that are all best responses at every belief of the set.
    """

    types: tuple[str, ...]
    vertices: tuple[tuple[Fraction, ...], ...]
    responses: tuple[str, ...]

    def interval(self, type: str | None = None) -> tuple[Fraction, Fraction]:
        """The least and greatest probability of ``type`` (default: the first type) in the set."""
        i = self.types.index(type) if type is not None else 0
        values = [v[i] for v in self.vertices]
        return min(values), max(values)

    def beliefs(self) -> tuple[dict[str, Fraction], ...]:
        """The extreme points as ``{type: probability}``."""
        return tuple(dict(zip(self.types, v, strict=True)) for v in self.vertices)

    def __str__(self) -> str:
        if len(self.types) == 2:
            lo, hi = self.interval()
            if lo == hi:
                return f"P({self.types[0]}) = {format_number(lo)}"
            return f"P({self.types[0]}) in [{format_number(lo)}, {format_number(hi)}]"
        if len(self.vertices) == 1:
            return "belief " + show_belief(self.types, self.vertices[0])
        return "beliefs in the convex hull of " + ", ".join(
            show_belief(self.types, v) for v in self.vertices
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "vertices": [{t: format_number(p) for t, p in b.items()} for b in self.beliefs()],
            "text": str(self),
        }
        if len(self.types) == 2:
            out["interval"] = {"type": self.types[0],
                               "low": format_number(self.interval()[0]),
                               "high": format_number(self.interval()[1])}
        return out


class SignallingTables:
    """The game by index: prior, payoffs and costs as lists of Fractions; cached belief sets.

    Types, signals and responses are numbered in the game's order: ``prior[t]``,
    ``us[t][a]`` and ``ur[t][a]`` (the sender's gross and the receiver's payoff
    when type ``t`` meets response ``a``), ``cost[t][m]``.
    """

    def __init__(self, game: SignallingGame) -> None:
        self.game = game
        self.nt, self.nm, self.na = len(game.types), len(game.signals), len(game.responses)
        self.prior = [game.prior[t] for t in game.types]
        self.us = [[game.payoffs[t][a][0] for a in game.responses] for t in game.types]
        self.ur = [[game.payoffs[t][a][1] for a in game.responses] for t in game.types]
        self.cost = [[game.cost[t][m] for m in game.signals] for t in game.types]
        self._beliefs: dict[tuple[tuple[int, ...], tuple[int, ...]], Polytope | None] = {}

    def belief_polytope(
        self, support: tuple[int, ...], types: tuple[int, ...] | None = None
    ) -> Polytope | None:
        """Beliefs (concentrated on ``types``) at which every response in ``support`` is optimal."""
        types = tuple(range(self.nt)) if types is None else types
        key = (support, types)
        if key not in self._beliefs:
            n = self.nt
            eqs: list[tuple[list[Fraction], Fraction]] = [([ONE] * n, ONE)]
            eqs += [(unit_vector(n, t), ZERO) for t in range(n) if t not in types]
            a0 = support[0]
            eqs += [
                ([self.ur[t][a] - self.ur[t][a0] for t in range(n)], ZERO) for a in support[1:]
            ]
            ineqs = [(unit_vector(n, t), ZERO) for t in range(n)]
            ineqs += [
                ([self.ur[t][a0] - self.ur[t][b] for t in range(n)], ZERO)
                for b in range(self.na) if b not in support
            ]
            self._beliefs[key] = bounded_polytope(n, eqs, ineqs)
        return self._beliefs[key]

    def belief_set(self, support: tuple[int, ...]) -> BeliefSet | None:
        """The beliefs at which every response in ``support`` is optimal (``None``: none)."""
        poly = self.belief_polytope(support)
        if poly is None:
            return None
        return BeliefSet(self.game.types, poly.vertices,
                         tuple(self.game.responses[a] for a in support))

    def value(self, t: int, m: int, mix: Sequence[Fraction]) -> Fraction:
        """Type ``t``'s payoff from signal ``m`` against the receiver's mix there."""
        return dot(mix, self.us[t]) - self.cost[t][m]
