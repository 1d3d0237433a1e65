"""The exact kernel of repeated games: values, best responses and one-shot deviations.

Everything is a rational function (:class:`~gametrust.analysis.repeated_sets.RF`)
of one free value ``t``: the discount ``δ``, or a swept parameter, empathy
weight or noise.  A :class:`Stage` holds the empathy-adjusted stage payoffs,
``δ`` and the noise as such functions.  With noise ``ε`` each player's
intended action is carried out as each of its other actions with probability
``ε / (m - 1)`` (``m`` actions), independently; both see what was carried out.

Average (normalised) payoffs solve ``V = (1 - δ) r + δ P V`` over the pairs
of automaton states, exactly (:func:`profile_values`).

*Nash* (:func:`nash_conditions`): a best response to the other's automaton
is a finite Markov decision problem over the other's states, whose optimum
is attained by a stationary deterministic policy for every ``δ`` in
``[0, 1)`` (Puterman, *Markov Decision Processes*, Thm 6.2.10); so the
profile is a Nash equilibrium at ``δ`` iff no such policy's value exceeds the
profile's — one exact inequality per policy (policy comparison).

*Subgame perfection* (:func:`spe_conditions`): by the one-shot deviation
principle (Mailath and Samuelson, *Repeated Games and Reputations*, Prop.
2.4.1) a profile of automata is subgame-perfect iff at every pair of states
reachable after any history no player gains by deviating for one round and
then following its automaton.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import product

from ..core.errors import ArgumentError, Location
from ..model.automaton import Automaton, reachable_pairs
from .repeated_sets import RF, solve_linear

__all__ = [
    "Condition",
    "Stage",
    "nash_conditions",
    "one_shot",
    "profile_values",
    "spe_conditions",
]

Profile = tuple[int, int]

#: At most this many deterministic policies are compared for one best response.
MAX_POLICIES = 4096


@dataclass(frozen=True)
class Stage:
    """The stage game and the discount and noise, as functions of the free value."""

    actions: tuple[tuple[str, ...], tuple[str, ...]]
    payoffs: dict[Profile, tuple[RF, RF]]
    delta: RF
    noise: RF
    defect: tuple[int, int] | None = None  # each player's defect action (for explanations)

    @cached_property
    def profiles(self) -> list[Profile]:
        return list(product(range(len(self.actions[0])), range(len(self.actions[1]))))

    def outcomes(self, intended: Profile) -> list[tuple[Profile, RF]]:
        """The profiles carried out, with their probabilities, when ``intended`` is meant."""
        if self.noise.is_zero():
            return [(intended, RF.constant(1))]
        out = []
        for real in self.profiles:
            p = RF.constant(1)
            for k in (0, 1):
                m = len(self.actions[k])
                p = p * ((1 - self.noise) if real[k] == intended[k] else self.noise / (m - 1))
            out.append((real, p))
        return out

    def expected(self, intended: Profile, player: int) -> RF:
        """The expected stage payoff of ``player`` when ``intended`` is meant."""
        total = RF.constant(0)
        for real, p in self.outcomes(intended):
            total = total + p * self.payoffs[real][player]
        return total


@dataclass(frozen=True)
class Condition:
    """One inequality ``value >= 0`` a profile needs, and the deviation it guards against."""

    value: RF
    player: int
    deviation: str
    pair: tuple[int, int] | None = None  # the state pair (one-shot deviations)
    action: int | None = None  # the deviating action (one-shot deviations)


def _intended(a: Automaton, b: Automaton, pair: tuple[int, int]) -> Profile:
    return (a.play[pair[0]], b.play[pair[1]])


def profile_values(
    stage: Stage, a: Automaton, b: Automaton
) -> dict[tuple[int, int], tuple[RF, RF]]:
    """Both players' average payoffs from every reachable pair of states, exactly."""
    pairs = reachable_pairs(a, b, [range(len(x)) for x in stage.actions])
    index = {pair: k for k, pair in enumerate(pairs)}
    n = len(pairs)
    matrix = [[RF.constant(int(r == c)) for c in range(n)] for r in range(n)]
    rhs = []
    one_minus = 1 - stage.delta
    for r, pair in enumerate(pairs):
        intended = _intended(a, b, pair)
        for real, p in stage.outcomes(intended):
            c = index[(a.step(pair[0], real), b.step(pair[1], real))]
            matrix[r][c] = matrix[r][c] - stage.delta * p
        rhs.append([one_minus * stage.expected(intended, 0),
                    one_minus * stage.expected(intended, 1)])
    solution = solve_linear(matrix, rhs)
    return {pair: (row[0], row[1]) for pair, row in zip(pairs, solution, strict=True)}


def one_shot(
    stage: Stage, automata: Sequence[Automaton], values: dict[tuple[int, int], tuple[RF, RF]],
    pair: tuple[int, int], player: int, action: int,
) -> RF:
    """The value to ``player`` of playing ``action`` once at ``pair``, then its automaton."""
    a, b = automata
    intended = list(_intended(a, b, pair))
    intended[player] = action
    total = (1 - stage.delta) * stage.expected((intended[0], intended[1]), player)
    for real, p in stage.outcomes((intended[0], intended[1])):
        nxt = (a.step(pair[0], real), b.step(pair[1], real))
        total = total + stage.delta * p * values[nxt][player]
    return total


def spe_conditions(
    stage: Stage, automata: Sequence[Automaton], values: dict[tuple[int, int], tuple[RF, RF]]
) -> list[Condition]:
    """No profitable one-shot deviation at any reachable pair: one inequality per deviation."""
    out = []
    for pair in values:
        for player in (0, 1):
            own = automata[player].play[pair[player]]
            for action in range(len(stage.actions[player])):
                if action == own:
                    continue
                gain = values[pair][player] - one_shot(stage, automata, values, pair, player,
                                                       action)
                if not gain.is_zero():
                    out.append(Condition(gain, player, f"play {stage.actions[player][action]} "
                                         "once, then the strategy", pair, action))
    return out


def _opponent_states(stage: Stage, other: Automaton) -> list[int]:
    seen, order = {other.initial}, [other.initial]
    k = 0
    while k < len(order):
        for real in stage.profiles:
            s = other.step(order[k], real)
            if s not in seen:
                seen.add(s)
                order.append(s)
        k += 1
    return order


def policy_value(
    stage: Stage, player: int, other: Automaton, states: Sequence[int], policy: Sequence[int]
) -> RF:
    """The average payoff to ``player`` of the stationary policy (``policy[k]`` played while
    the other is in ``states[k]``) against the other's automaton, from its initial state."""
    index = {s: k for k, s in enumerate(states)}
    n = len(states)
    matrix = [[RF.constant(int(r == c)) for c in range(n)] for r in range(n)]
    rhs = []
    for r, s in enumerate(states):
        intended = [0, 0]
        intended[player], intended[1 - player] = policy[r], other.play[s]
        profile = (intended[0], intended[1])
        for real, p in stage.outcomes(profile):
            c = index[other.step(s, real)]
            matrix[r][c] = matrix[r][c] - stage.delta * p
        rhs.append([(1 - stage.delta) * stage.expected(profile, player)])
    return solve_linear(matrix, rhs)[index[other.initial]][0]


def describe_policy(stage: Stage, player: int, other: Automaton, states: Sequence[int],
                    policy: Sequence[int]) -> str:
    """A policy in words: ``always Arm``, or the action in each of the other's states."""
    labels = stage.actions[player]
    if len(set(policy)) == 1:
        return f"always {labels[policy[0]]}"
    return ", ".join(f"{labels[a]} while the other's {other.name} is {other.states[s]}"
                     for s, a in zip(states, policy, strict=True))


def nash_conditions(
    stage: Stage, automata: Sequence[Automaton], values: dict[tuple[int, int], tuple[RF, RF]]
) -> list[Condition]:
    """No deviation at all pays: the profile's value against every stationary deterministic
    policy of the best-response problem, for each player."""
    start = (automata[0].initial, automata[1].initial)
    out = []
    for player in (0, 1):
        other = automata[1 - player]
        states = _opponent_states(stage, other)
        m = len(stage.actions[player])
        count = m ** len(states)
        if count > MAX_POLICIES:
            raise ArgumentError(
                f"the best response to {other.name!r} has {count} policies to compare; "
                f"the limit is {MAX_POLICIES} (use fewer states)",
                Location(path=("repeated", "strategies")),
            )
        own = values[start][player]
        for policy in product(range(m), repeat=len(states)):
            gap = own - policy_value(stage, player, other, states, policy)
            if not gap.is_zero():
                out.append(Condition(gap, player, describe_policy(stage, player, other, states,
                                                                  policy)))
    return out
