"""The folk-theorem picture of a two-player stage game: feasible and individually rational payoffs.

The feasible payoffs of the repeated game are the convex hull of the stage
game's payoff vectors (:func:`hull`, exact, by Andrew's monotone chain).  A
player's *minmax* value is the least payoff the other can hold it to when it
best-responds: ``min over the other's mixed strategies σ of max over its own
actions a of u(a, σ)`` — a linear program, solved exactly here by listing the
vertices of ``{(σ, v) : σ a distribution, v >= u(a, σ) for every a, v <= M}``
(:func:`gametrust.solvers.exact_polytope.vertices`) and taking the least
``v``.  By the folk theorem (Fudenberg and Maskin 1986) every feasible payoff
vector strictly above both minmax values is the payoff of a subgame-perfect
equilibrium once the discount is close enough to 1.

>>> from fractions import Fraction as F
>>> pd = {(0, 0): (F(3), F(3)), (0, 1): (F(0), F(5)), (1, 0): (F(5), F(0)), (1, 1): (F(1), F(1))}
>>> picture = folk_picture(pd, (2, 2))
>>> [str(v) for v in picture.minmax], picture.hull
(['1', '1'], ((Fraction(0, 1), Fraction(5, 1)), (Fraction(1, 1), Fraction(1, 1)), (Fraction(5, 1), Fraction(0, 1)), (Fraction(3, 1), Fraction(3, 1))))
>>> mp = {(0, 0): (F(1), F(-1)), (0, 1): (F(-1), F(1)), (1, 0): (F(-1), F(1)), (1, 1): (F(1), F(-1))}
>>> [str(v) for v in folk_picture(mp, (2, 2)).minmax]     # matching pennies: 0 in mixed, 1 pure
['0', '0']
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.exact import format_number
from ..solvers.exact_polytope import RATIONAL, vertices

__all__ = ["FolkPicture", "folk_picture", "hull", "minmax"]

Profile = tuple[int, int]


def hull(points: Sequence[tuple[Fraction, Fraction]]) -> tuple[tuple[Fraction, Fraction], ...]:
    """The extreme points of the convex hull, counter-clockwise from the lowest-leftmost."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return tuple(pts)

    def cross(o: Any, a: Any, b: Any) -> Fraction:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Any] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Any] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return tuple(lower[:-1] + upper[:-1])


def minmax(payoffs: Mapping[Profile, tuple[Fraction, Fraction]], sizes: Sequence[int],
           player: int) -> tuple[Fraction, tuple[Fraction, ...]]:
    """``player``'s minmax value in mixed strategies and a minmaxing mixed strategy of the
    other player (exact linear programming by vertex enumeration)."""
    other = 1 - player
    m = sizes[other]

    def u(mine: int, theirs: int) -> Fraction:
        profile = (mine, theirs) if player == 0 else (theirs, mine)
        return payoffs[profile][player]

    top = max(abs(v[player]) for v in payoffs.values()) + 1
    n = m + 1  # σ_0..σ_{m-1}, v
    equalities = [([Fraction(1)] * m + [Fraction(0)], Fraction(1))]
    inequalities = []
    for j in range(m):
        row = [Fraction(0)] * n
        row[j] = Fraction(1)
        inequalities.append((row, Fraction(0)))
    for a in range(sizes[player]):
        inequalities.append(([-u(a, j) for j in range(m)] + [Fraction(1)], Fraction(0)))
    inequalities.append(([Fraction(0)] * m + [Fraction(-1)], -top))
    best = min(vertices(n, equalities, inequalities, RATIONAL), key=lambda x: x[-1])
    return best[-1], tuple(best[:-1])


@dataclass(frozen=True)
class FolkPicture:
    """The feasible set (hull of the stage payoffs) and each player's minmax value."""

    hull: tuple[tuple[Fraction, Fraction], ...]
    minmax: tuple[Fraction, Fraction]
    minmaxers: tuple[tuple[Fraction, ...], tuple[Fraction, ...]]

    def individually_rational(self, point: Sequence[Fraction]) -> bool:
        """Whether a payoff vector gives each player at least its minmax value."""
        return all(x >= v for x, v in zip(point, self.minmax, strict=True))

    def to_dict(self, players: Sequence[str]) -> dict[str, Any]:
        return {
            "feasible_hull": [[format_number(x) for x in p] for p in self.hull],
            "minmax": {p: format_number(v) for p, v in zip(players, self.minmax, strict=True)},
            "minmax_strategies": {
                players[1 - k]: [format_number(x) for x in s]
                for k, s in enumerate(self.minmaxers)},
        }

    def text(self, players: Sequence[str]) -> str:
        values = ", ".join(f"{p} {format_number(v)}" for p, v in zip(players, self.minmax,
                                                                       strict=True))
        corners = ", ".join("(" + ", ".join(format_number(x) for x in p) + ")"
                            for p in self.hull)
        return (f"Folk theorem: feasible payoffs are the hull of {corners}; minmax values "
                f"{values}; every feasible payoff strictly above both is the average payoff of a "
                "subgame-perfect equilibrium once the discount is close enough to 1 "
                "(Fudenberg-Maskin, with public randomisation)")


def folk_picture(payoffs: Mapping[Profile, tuple[Fraction, Fraction]],
                 sizes: Sequence[int]) -> FolkPicture:
    """The folk-theorem picture of a two-player stage game with exact payoffs."""
    first, second = minmax(payoffs, sizes, 0), minmax(payoffs, sizes, 1)
    return FolkPicture(hull(list(payoffs.values())), (first[0], second[0]),
                       (first[1], second[1]))
