"""When does a costly signal separate the types (reassure)?  Exact cost conditions.

:func:`separating_conditions` analyses a :class:`~gametrust.model.signalling.SignallingGame`
with as many signals as types: for each way of assigning the signals to the
types (:class:`SeparatingCase`), the cost inequalities (:class:`CostCondition`)
under which that assignment is a separating equilibrium, all collected in
:class:`SeparatingConditions`.  A separating perfect Bayesian equilibrium
exists iff some case holds; :func:`gametrust.solvers.signalling.solve_signalling`
finds the equilibria themselves.

>>> from gametrust.model.signalling import reassurance_game
>>> game = reassurance_game(prior_trustworthy="2/5", cost_trustworthy=1,
...                         cost_untrustworthy="3/2")
>>> print(separating_conditions(game))
c_trustworthy <= 3 and c_untrustworthy >= 2
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import permutations, product
from typing import Literal

from ..core.errors import fail
from ..core.exact import format_number
from ..model.signalling import SignallingGame

__all__ = ["CostCondition", "SeparatingCase", "SeparatingConditions", "separating_conditions"]


@dataclass(frozen=True)
class CostCondition:
    """``cost(type, signal) - cost(type, versus) <relation> bound``, and whether the game meets it.

    ``value`` is the game's own cost difference.  Written ``c_type <= bound``
    when the case fixes which two signals are compared.
    """

    type: str
    signal: str
    versus: str
    relation: Literal["<=", ">="]
    bound: Fraction
    value: Fraction

    @property
    def holds(self) -> bool:
        return self.value <= self.bound if self.relation == "<=" else self.value >= self.bound

    def __str__(self) -> str:
        return f"c_{self.type} {self.relation} {format_number(self.bound)}"

    def describe(self) -> str:
        return (f"cost({self.type}, {self.signal}) - cost({self.type}, {self.versus}) "
                f"{self.relation} {format_number(self.bound)}")


@dataclass(frozen=True)
class SeparatingCase:
    """One way to separate: ``senders[signal]`` is the type that sends it, ``responses[signal]``
    the receiver's (pure) best response to that type, and ``conditions`` the cost inequalities
    that make it an equilibrium (all must hold)."""

    senders: dict[str, str]
    responses: dict[str, str]
    conditions: tuple[CostCondition, ...]

    @property
    def holds(self) -> bool:
        return all(c.holds for c in self.conditions)

    def __str__(self) -> str:
        if len(self.senders) == 2:
            return " and ".join(str(c) for c in self.conditions)
        return " and ".join(c.describe() for c in self.conditions)


@dataclass(frozen=True)
class SeparatingConditions:
    """The cost conditions under which a signal separates the types (it "reassures").

    A separating equilibrium exists iff some case holds (for two types and two
    signals, ``c_t`` is type ``t``'s cost of the first signal minus its cost of
    the second).  ``ties`` is True when the receiver is indifferent between
    responses to some known type: then mixed responses can separate under
    further cost conditions not listed, and
    :func:`~gametrust.solvers.signalling.solve_signalling` decides.
    """

    cases: tuple[SeparatingCase, ...]
    ties: bool

    @property
    def holds(self) -> bool:
        return any(c.holds for c in self.cases)

    def cases_for(self, type: str, signal: str) -> tuple[SeparatingCase, ...]:
        """The cases in which ``type`` sends ``signal``."""
        return tuple(c for c in self.cases if c.senders.get(signal) == type)

    def __str__(self) -> str:
        """The first case (for the reassurance game: the trustworthy type sends the signal)."""
        return str(self.cases[0])

    def describe(self) -> str:
        return "\n".join(
            f"{', '.join(f'{t} sends {m}' for m, t in c.senders.items())}: {c}"
            f"  ({'holds' if c.holds else 'fails'})"
            for c in self.cases
        )


def separating_conditions(game: SignallingGame) -> SeparatingConditions:
    """Exact cost conditions for a separating equilibrium, as many signals as types.

    With every type sending its own signal, the receiver knows the type and
    answers with a best response to it, and each type must not prefer another
    type's signal: ``cost(t, m_t) - cost(t, m_t') <= u_S(t, r_t) - u_S(t, r_t')``.
    For two types and signals ``(s1, s2)`` this reads, for the case where type
    ``A`` sends ``s1``: ``c_A <= u_S(A, r_A) - u_S(A, r_B)`` (the signal costs A at
    most what being recognised gains it) and ``c_B >= u_S(B, r_A) - u_S(B, r_B)``
    (it costs B at least what mimicking A would gain it), where
    ``c_t = cost(t, s1) - cost(t, s2)``.

    >>> from gametrust.model.signalling import reassurance_game
    >>> game = reassurance_game(prior_trustworthy="1/2", cost_trustworthy=1,
    ...                         cost_untrustworthy=3)
    >>> conditions = separating_conditions(game)
    >>> print(conditions)
    c_trustworthy <= 3 and c_untrustworthy >= 2
    >>> conditions.holds
    True
    """
    if not isinstance(game, SignallingGame):
        raise fail(f"expected a SignallingGame, got {type(game).__name__}", "game")
    if len(game.types) < 2 or len(game.signals) != len(game.types):
        raise fail(
            "separating conditions are computed for games with as many signals as types (at "
            f"least two); this game has {len(game.types)} types and {len(game.signals)} signals "
            "— use solve_signalling(game).separating",
            "game",
        )
    best = {}
    ties = False
    for t in game.types:
        values = {a: game.receiver_payoff(t, a) for a in game.responses}
        top = max(values.values())
        best[t] = [a for a in game.responses if values[a] == top]
        ties = ties or len(best[t]) > 1
    two = len(game.types) == 2
    s1, s2 = game.signals[0], game.signals[-1]
    cases = []
    for order in permutations(game.types):
        senders = dict(zip(game.signals, order, strict=True))
        signal_of = {t: m for m, t in senders.items()}
        for chosen in product(*(best[t] for t in order)):
            response_of = dict(zip(order, chosen, strict=True))
            conditions = []
            if two:
                a, b = order  # a sends s1, b sends s2
                gain_a = game.payoffs[a][response_of[a]][0] - game.payoffs[a][response_of[b]][0]
                gain_b = game.payoffs[b][response_of[a]][0] - game.payoffs[b][response_of[b]][0]
                conditions = [
                    CostCondition(a, s1, s2, "<=", gain_a, game.cost[a][s1] - game.cost[a][s2]),
                    CostCondition(b, s1, s2, ">=", gain_b, game.cost[b][s1] - game.cost[b][s2]),
                ]
            else:
                for t in order:
                    for other in order:
                        if other == t:
                            continue
                        m, m2 = signal_of[t], signal_of[other]
                        bound = (game.payoffs[t][response_of[t]][0]
                                 - game.payoffs[t][response_of[other]][0])
                        conditions.append(CostCondition(
                            t, m, m2, "<=", bound, game.cost[t][m] - game.cost[t][m2]
                        ))
            cases.append(SeparatingCase(
                senders=senders,
                responses={signal_of[t]: response_of[t] for t in order},
                conditions=tuple(conditions),
            ))
    return SeparatingConditions(tuple(cases), ties)
