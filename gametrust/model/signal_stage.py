"""A costly signal, then a simultaneous stage game: the model.

Kydd's reassurance game: chance draws the sender's *type* from a common prior;
the sender, knowing it, sends a *signal* at a type-dependent *cost*; then the
sender (knowing its type) and the receiver (seeing only the signal) play a
*simultaneous* stage game: the sender one of its stage ``actions``, the
receiver one of its ``responses``.  The sender gets ``u_S(type, action,
response) - cost(type, signal)``, the receiver ``u_R(type, action, response)``.

Unlike :class:`~gametrust.model.signalling.SignallingGame`, where the receiver's
response ends the game, the receiver here does not see the sender's stage
action: after each signal the two play a Bayesian game whose prior is the
receiver's posterior (:meth:`SignalStageGame.stage_game`).  Its perfect
Bayesian equilibria are found by
:func:`gametrust.solvers.signal_stage.solve_signal_stage`.

>>> g = SignalStageGame(
...     "S", "R", ["trustworthy", "untrustworthy"], {"trustworthy": "1/3", "untrustworthy": "2/3"},
...     ["reassure", "silent"], ["C", "D"], ["C", "D"],
...     {"trustworthy": {"C": {"C": (3, 3), "D": (0, 2)}, "D": {"C": (2, 0), "D": (1, 1)}},
...      "untrustworthy": {"C": {"C": (2, 3), "D": (-1, 2)}, "D": {"C": (3, 0), "D": (0, 1)}}},
...     {"trustworthy": {"reassure": "1/4"}, "untrustworthy": {"reassure": 2}})
>>> g.sender_payoff("untrustworthy", "reassure", "D", "C")
Fraction(1, 1)
>>> g.stage_game({"trustworthy": 1, "untrustworthy": 0}).prior("S")
{'trustworthy': Fraction(1, 1), 'untrustworthy': Fraction(0, 1)}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from ..core.errors import fail
from .signalling import check_roles, exact_value, keyed, name_list, read_cost, read_prior
from .tree import Chance, Decision, GameTree, Terminal

if TYPE_CHECKING:  # pragma: no cover
    from .bayesian import BayesianGame

__all__ = ["SignalStageGame"]

ZERO = Fraction(0)

#: ``payoffs[type][action][response]``: the sender's and the receiver's payoff.
StagePayoffs = Mapping[str, Mapping[str, Mapping[str, Sequence[object]]]]


class SignalStageGame:
    """A costly signal, then a simultaneous stage game with the sender's types.

    ``sender``, ``receiver``
        the two players' names (distinct).
    ``types``, ``prior``
        the sender's types and their common prior (``{type: probability}`` or
        a list aligned with ``types``; positive, exactly summing to 1).
    ``signals``
        what the sender can send first (one or more).
    ``actions``
        the sender's stage actions; ``responses`` the receiver's.
    ``payoffs``
        ``{type: {action: {response: (u_S, u_R)}}}``: the sender's gross and the
        receiver's payoff of the stage game when the sender is of that type.
    ``cost``
        ``{type: {signal: cost}}``, subtracted from the sender's payoff; entries
        left out are 0 (``None``: every signal is free).

    Numbers are exact (floats refused); bad input raises a located
    :class:`~gametrust.core.errors.ArgumentError`, e.g. at
    ``("payoffs", "trustworthy", "C", "D", 0)``.
    """

    def __init__(
        self,
        sender: str,
        receiver: str,
        types: Sequence[str],
        prior: Mapping[str, object] | Sequence[object],
        signals: Sequence[str],
        actions: Sequence[str],
        responses: Sequence[str],
        payoffs: StagePayoffs,
        cost: Mapping[str, Mapping[str, object]] | None = None,
        *,
        title: str = "",
    ) -> None:
        check_roles(sender, receiver)
        self.sender = sender
        self.receiver = receiver
        self.types = name_list(types, "types")
        self.signals = name_list(signals, "signals")
        self.actions = name_list(actions, "actions")
        self.responses = name_list(responses, "responses")
        self.title = title
        self.prior = read_prior(prior, self.types)
        self.payoffs = self._read_payoffs(payoffs)
        self.cost = read_cost(cost, self.types, self.signals)

    def _read_payoffs(
        self, payoffs: object
    ) -> dict[str, dict[str, dict[str, tuple[Fraction, Fraction]]]]:
        table = keyed(payoffs, self.types, "types", "payoffs")
        out: dict[str, dict[str, dict[str, tuple[Fraction, Fraction]]]] = {}
        for t in self.types:
            by_action = keyed(table[t], self.actions, "actions", "payoffs", t)
            out[t] = {}
            for a in self.actions:
                row = keyed(by_action[a], self.responses, "responses", "payoffs", t, a)
                out[t][a] = {}
                for b in self.responses:
                    pair = row[b]
                    if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(
                        pair
                    ) != 2:
                        raise fail(
                            f"expected a pair (sender payoff, receiver payoff), got {pair!r}",
                            "payoffs", t, a, b,
                        )
                    out[t][a][b] = (exact_value(pair[0], "payoffs", t, a, b, 0),
                                    exact_value(pair[1], "payoffs", t, a, b, 1))
        return out

    # -- payoffs -----------------------------------------------------------------------------------

    def sender_payoff(self, type: str, signal: str, action: str, response: str) -> Fraction:
        """``u_S(type, action, response) - cost(type, signal)``."""
        return self.payoffs[type][action][response][0] - self.cost[type][signal]

    def receiver_payoff(self, type: str, action: str, response: str) -> Fraction:
        """``u_R(type, action, response)``."""
        return self.payoffs[type][action][response][1]

    def stage_game(self, belief: Mapping[str, object], signal: str | None = None) -> BayesianGame:
        """The stage game after a signal as a Bayesian game whose prior is ``belief``.

        Players ``(sender, receiver)``; the sender's types carry ``belief``
        (zeros allowed: such types must still best-respond); the receiver has one
        type.  With ``signal`` its cost is subtracted from the sender's payoffs
        (it changes no best response).
        """
        from .bayesian import BayesianGame  # imported on use: keeps `import gametrust` fast

        raw = keyed(belief, self.types, "types", "belief", complete=False)
        values = {t: exact_value(raw.get(t, 0), "belief", t) for t in self.types}
        if any(v < 0 for v in values.values()) or sum(values.values(), ZERO) != 1:
            raise fail("a belief is a probability distribution over the types", "belief")
        games = {}
        for t in self.types:
            cost = ZERO if signal is None else self.cost[t][signal]
            games[(t, self.receiver)] = [
                [[self.payoffs[t][a][b][0] - cost for b in self.responses] for a in self.actions],
                [[self.payoffs[t][a][b][1] for b in self.responses] for a in self.actions],
            ]
        return BayesianGame(
            [self.sender, self.receiver], [list(self.actions), list(self.responses)],
            [list(self.types), [self.receiver]], [values, None], games,
            title=f"{self.title} after {signal}" if signal and self.title else self.title,
        )

    # -- the game tree -----------------------------------------------------------------------------

    def sender_infoset(self, type: str) -> str:
        """The information set id of the sender's signal as ``type`` (in :meth:`to_tree`)."""
        return f"{self.sender}:{type}"

    def stage_infoset(self, type: str, signal: str) -> str:
        """The information set id of the sender's stage action as ``type`` after ``signal``."""
        return f"{self.sender}:{type}:{signal}"

    def receiver_infoset(self, signal: str) -> str:
        """The information set id of the receiver's response after ``signal``."""
        return f"{self.receiver}:{signal}"

    def to_tree(self) -> GameTree:
        """The game as a tree: chance picks the type, the sender signals and then chooses its
        stage action, the receiver responds at one information set per signal (it sees
        neither the type nor the stage action: the stage is simultaneous)."""
        moves = []
        for t in self.types:
            signals = []
            for m in self.signals:
                acts = tuple(
                    (a, Decision(1, tuple(
                        (b, Terminal((self.sender_payoff(t, m, a, b),
                                      self.receiver_payoff(t, a, b))))
                        for b in self.responses
                    ), self.receiver_infoset(m)))
                    for a in self.actions
                )
                signals.append((m, Decision(0, acts, self.stage_infoset(t, m))))
            moves.append((t, self.prior[t], Decision(0, tuple(signals), self.sender_infoset(t))))
        return GameTree((self.sender, self.receiver), Chance(tuple(moves)), self.title)

    def with_cost(self, cost: Mapping[str, Mapping[str, object]] | None) -> SignalStageGame:
        """The same game with other signal costs."""
        return SignalStageGame(
            self.sender, self.receiver, self.types, self.prior, self.signals, self.actions,
            self.responses, self.payoffs, cost, title=self.title,
        )

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        return (
            f"<SignalStageGame{title} sender={self.sender!r} types={list(self.types)} "
            f"signals={list(self.signals)} actions={list(self.actions)} "
            f"receiver={self.receiver!r} responses={list(self.responses)}>"
        )
