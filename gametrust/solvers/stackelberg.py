"""Leadership in mixed strategies: the leader's optimal commitment, computed exactly.

A leader announces a mixed strategy ``x`` and is believed; the follower, who
sees ``x`` (not the action drawn from it), plays a best response.  The
leader's optimal commitment solves one linear program per follower action
``j`` (Conitzer and Sandholm, "Computing the optimal strategy to commit to",
EC 2006; von Stengel and Zamir, "Leadership games with convex strategy
sets", *Games and Economic Behavior* 69, 2010)::

    maximise   sum_i x_i L[i, j]                       (the leader's payoff against j)
    subject to sum_i x_i (F[i, j] - F[i, k]) >= 0       for every follower action k
               sum_i x_i = 1,  x >= 0                   (j is a best response to x)

and the commitment is the best of these optima.  The follower breaks ties in
the leader's favour (**strong Stackelberg** equilibrium): when ``x`` leaves
the follower indifferent between several best responses, it plays the one
the leader likes best.  (Under the opposite rule the leader's optimum is in
general a supremum that no commitment attains; the strong rule is the
standard one, and the limit of announcing slightly more than ``x``.)  Each
program is solved in exact rationals by :func:`gametrust.solvers.exact_lp.maximise`;
the answer is certified: the response is checked to be a best response to
``x`` that no other best response beats for the leader, exactly.

The leader's commitment value is never below its payoff in any Nash
equilibrium of the simultaneous game (von Stengel and Zamir 2010): committing
to its equilibrium strategy is one of its options, and ties then go its way.

>>> from gametrust import NormalFormGame
>>> inspection = NormalFormGame.from_arrays(
...     [[-1, -2], [0, -4]], [[0, -1], [0, 1]], players=["Inspector", "State"],
...     actions=[["Inspect", "Trust"], ["Comply", "Violate"]])
>>> c = leader_commitment(inspection, "Inspector")
>>> c.mix(), c.response_label, c.payoffs
({'Inspect': Fraction(1, 2), 'Trust': Fraction(1, 2)}, 'Comply', (Fraction(-1, 2), Fraction(0, 1)))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.errors import ArgumentError, Location, SolverError
from ..core.exact import Number, format_number
from ..model.game import NormalFormGame
from .exact_lp import maximise

__all__ = ["TIE_RULE", "LeaderCommitment", "leader_commitment"]

#: How the follower breaks ties, as the reports state it.
TIE_RULE = (
    "strong Stackelberg: the follower sees the announced mixed strategy and, when "
    "indifferent between best responses, plays the one the leader prefers"
)


@dataclass(frozen=True)
class LeaderCommitment:
    """The leader's optimal commitment to a mixed strategy and the follower's response.

    ``strategy[k]`` is the probability of the leader's ``k``-th action,
    ``response`` the index of the follower's action, ``payoffs`` both players'
    expected payoffs (in the game's player order).  ``responses`` lists every
    follower action against which some commitment reaches the leader's optimum
    (the first is the one reported).  ``simultaneous`` holds, once
    :meth:`compared_with` has been given the simultaneous game's equilibria,
    ``(index, leader's payoff)`` for each listed equilibrium (0-based), and
    ``complete`` whether that list was complete.
    """

    game: NormalFormGame
    leader: int
    strategy: tuple[Fraction, ...]
    response: int
    payoffs: tuple[Number, ...]
    responses: tuple[int, ...]
    simultaneous: tuple[tuple[int, Number], ...] = ()
    complete: bool = True

    @property
    def follower(self) -> int:
        return 1 - self.leader

    @property
    def leader_id(self) -> str:
        return self.game.players[self.leader]

    @property
    def follower_id(self) -> str:
        return self.game.players[self.follower]

    @property
    def response_label(self) -> str:
        return self.game.actions[self.follower][self.response]

    @property
    def value(self) -> Number:
        """The leader's payoff under its optimal commitment."""
        return self.payoffs[self.leader]

    def mix(self) -> dict[str, Fraction]:
        """The commitment keyed by the leader's action labels."""
        return dict(zip(self.game.actions[self.leader], self.strategy, strict=True))

    def gains(self) -> tuple[tuple[int, Number, Number], ...]:
        """``(index, leader's simultaneous payoff, value of leadership)`` for each
        equilibrium given to :meth:`compared_with`."""
        return tuple((k, v, self.value - v) for k, v in self.simultaneous)

    def compared_with(self, result: Any) -> LeaderCommitment:
        """This commitment with the leader's payoff in each equilibrium of ``result``
        (a :class:`~gametrust.solvers.result.SolveResult` of the same game)."""
        pairs = tuple((k, e.payoffs[self.leader]) for k, e in enumerate(result.equilibria))
        return LeaderCommitment(self.game, self.leader, self.strategy, self.response,
                                self.payoffs, self.responses, pairs, bool(result.complete))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: probabilities and payoffs as exact strings."""
        players = self.game.players
        follower_actions = self.game.actions[self.follower]
        return {
            "leader": self.leader_id,
            "follower": self.follower_id,
            "rule": "strong",
            "strategy": {a: format_number(p) for a, p in self.mix().items()},
            "response": self.response_label,
            "optimal_responses": [follower_actions[j] for j in self.responses],
            "payoffs": {p: format_number(v) for p, v in zip(players, self.payoffs, strict=True)},
            "value_of_leadership": [
                {"equilibrium": k, "simultaneous": format_number(v), "gain": format_number(g)}
                for k, v, g in self.gains()
            ],
            "compared_with_every_equilibrium": self.complete,
        }

    def __str__(self) -> str:
        mix = ", ".join(f"{a} {format_number(p)}" for a, p in self.mix().items() if p)
        pays = ", ".join(f"{p} {format_number(v)}"
                         for p, v in zip(self.game.players, self.payoffs, strict=True))
        return (f"{self.leader_id} commits to {mix}; {self.follower_id} responds "
                f"{self.response_label}  [{pays}]")


def _matrices(game: NormalFormGame, leader: int) -> tuple[list[list[Fraction]], ...]:
    """The leader's and the follower's payoffs as ``[leader action][follower action]``."""
    rows, cols = game.shape[leader], game.shape[1 - leader]

    def at(player: int, i: int, j: int) -> Fraction:
        index = (i, j) if leader == 0 else (j, i)
        return Fraction(game.payoffs[(player, *index)])

    lead = [[at(leader, i, j) for j in range(cols)] for i in range(rows)]
    follow = [[at(1 - leader, i, j) for j in range(cols)] for i in range(rows)]
    return lead, follow


def leader_commitment(game: NormalFormGame, leader: str | int) -> LeaderCommitment:
    """The leader's optimal mixed commitment in a two-player game (strong Stackelberg).

    One exact linear program per follower action (see the module docstring);
    raises :class:`~gametrust.core.errors.ArgumentError` for a game that is not
    a two-player game with exact payoffs.
    """
    if game.n_players != 2:
        raise ArgumentError(
            f"leadership is defined for two-player games; this one has {game.n_players}",
            Location(path=("leadership",)),
        )
    if not game.exact:
        raise ArgumentError(
            "leadership is computed in exact rationals; this game has float payoffs",
            Location(path=("leadership",)),
        )
    l = game.player_index(leader)  # noqa: E741 - the leader, as in the literature
    lead, follow = _matrices(game, l)
    m, n = len(lead), len(lead[0])
    best: list[tuple[Fraction, int, tuple[Fraction, ...]]] = []
    for j in range(n):
        a_ub = [[follow[i][k] - follow[i][j] for i in range(m)] for k in range(n) if k != j]
        lp = maximise([lead[i][j] for i in range(m)], a_ub=a_ub, b_ub=[0] * len(a_ub),
                      a_eq=[[1] * m], b_eq=[1])
        if lp.status == "optimal":
            assert lp.value is not None
            best.append((lp.value, j, lp.x))
    top = max(v for v, _, _ in best)  # some follower action is a best response to any x
    optimal = [(j, x) for v, j, x in best if v == top]
    j, x = optimal[0]
    leader_pay = [sum(x[i] * lead[i][k] for i in range(m)) for k in range(n)]
    follower_pay = [sum(x[i] * follow[i][k] for i in range(m)) for k in range(n)]
    # the certificate: j is a best response to x, and the best one for the leader
    if follower_pay[j] != max(follower_pay) or leader_pay[j] != max(
        leader_pay[k] for k in range(n) if follower_pay[k] == follower_pay[j]
    ) or leader_pay[j] != top or sum(x) != 1 or min(x) < 0:
        raise SolverError("the leader's commitment failed its exact check")
    payoffs = (leader_pay[j], follower_pay[j]) if l == 0 else (follower_pay[j], leader_pay[j])
    return LeaderCommitment(game, l, tuple(x), j, payoffs, tuple(k for k, _ in optimal))
