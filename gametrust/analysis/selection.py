"""Equilibrium selection and trust: payoff dominance, risk dominance, trust thresholds.

When a game has several equilibria (a Stag Hunt: mutual restraint *and* mutual
arming), game theory cannot say which one states reach; it can say what each
side must believe.  For two-player games with pure equilibria this module
reports:

Payoff dominance (Harsanyi & Selten 1988)
    An equilibrium every player strictly prefers to every other equilibrium.
Risk dominance (Harsanyi & Selten 1988, §3.9)
    Between two strict pure equilibria ``E = (a, b)`` and ``E' = (a', b')``,
    ``E`` risk-dominates ``E'`` when the product of the players' deviation
    losses at ``E`` is larger:
    ``(u1(a,b) - u1(a',b)) (u2(a,b) - u2(a,b')) > (u1(a',b') - u1(a,b')) (u2(a',b') - u2(a',b))``.
    For 2x2 games this is Harsanyi–Selten's criterion; for larger two-player
    games it is the usual generalisation pairing each equilibrium with the
    other's strategies (the "Nash product of deviation losses").
Trust threshold
    The least probability ``q`` a player must assign to the other playing its
    part of the cooperative (payoff-dominant) equilibrium ``(a, b)`` — the rest
    on its part of the alternative equilibrium ``(a', b')`` — for its own
    cooperative action to be a best response against *every* alternative
    action.  In a Stag Hunt with payoffs R > T >= P > S this is
    ``(P - S) / ((R - T) + (P - S))``.

All arithmetic is generic (``+ - * /`` and comparisons), so it is exact on
``Fraction`` payoffs.

>>> from gametrust import NormalFormGame, solve
>>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]],
...                                   players=["US", "DPRK"])
>>> sel = analyse(stag, solve(stag))
>>> sel.payoff_dominant, sel.risk_dominant
(0, 1)
>>> sel.thresholds[0].thresholds
{'US': Fraction(2, 3), 'DPRK': Fraction(2, 3)}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.exact import format_number
from ..model.game import NormalFormGame
from ..model.regret import float_tolerance
from ..solvers.result import SolveResult

__all__ = ["Selection", "TrustThreshold", "analyse", "trust_threshold"]


@dataclass(frozen=True)
class TrustThreshold:
    """Beliefs needed to play the cooperative equilibrium ``cooperative`` rather than ``other``.

    ``thresholds[player]`` is the least probability the player must assign to
    the *other* player choosing its part of the cooperative equilibrium (the
    remainder on its part of ``other``); ``None`` when no belief suffices.
    """

    cooperative: int  # equilibrium index
    other: int  # equilibrium index
    thresholds: dict[str, Any]

    def describe(self, result: SolveResult) -> list[str]:
        coop, alt = result[self.cooperative], result[self.other]
        lines = []
        players = coop.players
        for i, player in enumerate(players):
            other = players[1 - i]
            q = self.thresholds[player]
            part = coop.profile[1 - i] if coop.profile else "?"
            mine = coop.profile[i] if coop.profile else "?"
            alt_part = alt.profile[1 - i] if alt.profile else "?"
            if q is None:
                lines.append(f"{player} never prefers {mine}, whatever it believes")
            else:
                lines.append(
                    f"{player} plays {mine} only if P({other} plays {part}) >= "
                    f"{format_number(q)} (rest on {alt_part})"
                )
        return lines


@dataclass(frozen=True)
class Selection:
    """Which equilibrium is payoff- and risk-dominant, and the trust each side needs."""

    payoff_dominant: int | None
    risk_dominant: int | None
    risk_pairs: dict[tuple[int, int], int] = field(default_factory=dict)  # pair -> winner
    thresholds: tuple[TrustThreshold, ...] = ()

    def risk_comparisons(self, result: SolveResult) -> list[tuple[int, int, int | None]]:
        """Every pair ``(k, j, winner)`` of strict pure equilibria of ``result`` compared by
        risk dominance (Nash products of deviation losses); ``winner`` is ``None`` on a tie.

        >>> from gametrust import NormalFormGame, solve
        >>> chicken = NormalFormGame.from_arrays([[0, -1], [1, -10]], [[0, 1], [-1, -10]])
        >>> result = solve(chicken)
        >>> analyse(chicken, result).risk_comparisons(result)
        [(0, 1, None)]
        """
        strict = [k for k, e in enumerate(result.equilibria) if e.kind == "pure" and e.strict]
        return [
            (k, j, self.risk_pairs.get((k, j)))
            for x, k in enumerate(strict)
            for j in strict[x + 1 :]
        ]

    def to_dict(self, result: SolveResult) -> dict[str, Any]:
        return {
            "payoff_dominant": self.payoff_dominant,
            "risk_dominant": self.risk_dominant,
            "trust_thresholds": [
                {
                    "cooperative": t.cooperative,
                    "alternative": t.other,
                    "thresholds": {
                        p: (None if q is None else format_number(q))
                        for p, q in t.thresholds.items()
                    },
                }
                for t in self.thresholds
            ],
        }


def _pure_index(result: SolveResult, k: int, game: NormalFormGame) -> tuple[int, int] | None:
    profile = result[k].profile
    if profile is None:
        return None
    return game.action_index(0, profile[0]), game.action_index(1, profile[1])


def _strictly_better(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return all(x > y for x, y in zip(a, b, strict=True))


def trust_threshold(
    payoffs: Any, coop: tuple[int, int], other: tuple[int, int], player: int
) -> Any:
    """Least belief in the other's cooperative part making ``coop``'s action a best response.

    ``payoffs`` is a (2, m, n) array (Fractions or sympy expressions with
    numeric values); returns a number in [0, 1] or ``None``.
    """
    u = payoffs[player]
    mine = coop[player]
    their_coop, their_alt = coop[1 - player], other[1 - player]

    def pay(own: int, theirs: int) -> Any:
        return u[own, theirs] if player == 0 else u[theirs, own]

    n_own = u.shape[player]
    low, high = Fraction(0), Fraction(1)
    for alt in range(n_own):
        if alt == mine:
            continue
        # need q * d1 + (1 - q) * d0 >= 0
        d1 = pay(mine, their_coop) - pay(alt, their_coop)
        d0 = pay(mine, their_alt) - pay(alt, their_alt)
        slope = d1 - d0
        if slope > 0:
            low = max(low, -d0 / slope)
        elif slope < 0:
            high = min(high, -d0 / slope)
        elif d0 < 0:
            return None
    if low > high:
        return None
    return low


def analyse(game: NormalFormGame, result: SolveResult) -> Selection:
    """Payoff dominance, risk dominance and trust thresholds for a two-player game."""
    if game.n_players != 2 or not result.equilibria:
        return Selection(None, None)
    payoffs = [e.payoffs for e in result]
    payoff_dominant = next(
        (
            k
            for k in range(len(payoffs))
            if all(_strictly_better(payoffs[k], payoffs[j]) for j in range(len(payoffs)) if j != k)
        ),
        None,
    )
    strict_pure = [k for k, e in enumerate(result) if e.kind == "pure" and e.strict]
    tol = float_tolerance(game)  # 0 for exact games
    u = game.payoffs
    risk_pairs: dict[tuple[int, int], int] = {}
    wins = {k: 0 for k in strict_pure}
    for x in range(len(strict_pure)):
        for y in range(x + 1, len(strict_pure)):
            k1, k2 = strict_pure[x], strict_pure[y]
            a, b = _pure_index(result, k1, game)  # type: ignore[misc]
            a2, b2 = _pure_index(result, k2, game)  # type: ignore[misc]
            loss1 = (u[0, a, b] - u[0, a2, b]) * (u[1, a, b] - u[1, a, b2])
            loss2 = (u[0, a2, b2] - u[0, a, b2]) * (u[1, a2, b2] - u[1, a2, b])
            if abs(loss1 - loss2) > tol * max(1, abs(loss1), abs(loss2)):
                winner = k1 if loss1 > loss2 else k2
                risk_pairs[(k1, k2)] = winner
                wins[winner] += 1
    risk_dominant = next(
        (k for k, w in wins.items() if w == len(strict_pure) - 1 and len(strict_pure) > 1), None
    )
    thresholds = []
    pure = [k for k, e in enumerate(result) if e.kind == "pure"]
    if payoff_dominant is not None and payoff_dominant in pure:
        coop = _pure_index(result, payoff_dominant, game)
        for k in pure:
            if k == payoff_dominant:
                continue
            other = _pure_index(result, k, game)
            values = {
                game.players[i]: trust_threshold(u, coop, other, i)  # type: ignore[arg-type]
                for i in range(2)
            }
            thresholds.append(TrustThreshold(payoff_dominant, k, values))
    return Selection(payoff_dominant, risk_dominant, risk_pairs, tuple(thresholds))
