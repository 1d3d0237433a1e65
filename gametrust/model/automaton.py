"""Strategies of a repeated two-player game as finite automata (Moore machines).

An :class:`Automaton` has states, the action it plays in each state, an
initial state and a transition for every state and every *observed profile*
(a pair of action indices, in player order).  :func:`builtin` makes the
standard strategies of the literature for one player of a two-player stage
game, given which of its actions is "cooperate" and which "defect":

==========================  ==============================================================
``grim``                    cooperate until anyone defects, then defect forever
``tit_for_tat``             cooperate first, then play what the other played last round
``always_defect``           defect every round
``always_cooperate``        cooperate every round
``win_stay_lose_shift``     Pavlov: cooperate first, then cooperate iff both played the
                            same last round (stay after a win, T or R; shift after a loss)
==========================  ==============================================================

A profile counts as "cooperative" for the built-ins by each player's own
cooperate action; any action other than ``cooperate`` counts as a defection.

>>> g = builtin("grim", 0, ((0, 1), (0, 1)), cooperate=(0, 0), defect=(1, 1))
>>> g.states, g.play, g.step(0, (0, 1))
(('cooperating', 'punishing'), (0, 1), 1)
>>> tft = builtin("tit_for_tat", 1, ((0, 1), (0, 1)), cooperate=(0, 0), defect=(1, 1))
>>> tft.step(0, (1, 0)), tft.step(1, (0, 1))
(1, 0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import product

from ..core.errors import ArgumentError, Location

__all__ = ["BUILTINS", "BUILTIN_NAMES", "Automaton", "builtin", "reachable_pairs"]

#: The built-in strategies, in the order the documentation lists them.
BUILTINS: tuple[str, ...] = (
    "grim",
    "tit_for_tat",
    "always_defect",
    "always_cooperate",
    "win_stay_lose_shift",
)

#: How the literature calls the built-in strategies.
BUILTIN_NAMES = {
    "grim": "grim trigger",
    "tit_for_tat": "tit-for-tat",
    "always_defect": "always defect",
    "always_cooperate": "always cooperate",
    "win_stay_lose_shift": "win-stay lose-shift",
}

Profile = tuple[int, int]


@dataclass(frozen=True)
class Automaton:
    """One player's strategy as a finite automaton over the observed action profiles.

    ``play[s]`` is the action index played in state ``s``; ``next[s]`` maps
    every profile of action indices (player order) to the next state.  States
    are numbered ``0..n-1``; ``initial`` is the first; ``states`` names them.
    """

    name: str
    player: int
    states: tuple[str, ...]
    play: tuple[int, ...]
    next: tuple[Mapping[Profile, int], ...]
    initial: int = 0

    def step(self, state: int, profile: Profile) -> int:
        """The state after observing ``profile`` in ``state``."""
        return self.next[state][profile]

    def check(self, actions: Sequence[Sequence[str]], where: Location | None = None) -> None:
        """Every transition defined (one per observed profile) and every state reachable."""
        where = where or Location(path=("repeated",))
        profiles = list(product(*(range(len(a)) for a in actions)))
        for s, row in enumerate(self.next):
            missing = [p for p in profiles if p not in row]
            if missing:
                shown = ", ".join(actions[k][i] for k, i in enumerate(missing[0]))
                raise ArgumentError(
                    f"strategy {self.name!r}: state {self.states[s]!r} has no transition on "
                    f"the profile ({shown})", where)
        seen, frontier = {self.initial}, [self.initial]
        while frontier:
            s = frontier.pop()
            for target in self.next[s].values():
                if target not in seen:
                    seen.add(target)
                    frontier.append(target)
        unreachable = [self.states[s] for s in range(len(self.states)) if s not in seen]
        if unreachable:
            raise ArgumentError(
                f"strategy {self.name!r}: state {unreachable[0]!r} is never reached from "
                f"{self.states[self.initial]!r}", where)


def builtin(
    name: str,
    player: int,
    actions: Sequence[Sequence[int]],
    *,
    cooperate: Sequence[int],
    defect: Sequence[int],
) -> Automaton:
    """The built-in strategy ``name`` for ``player`` (index 0 or 1) of a two-player stage game.

    ``actions`` are the action indices of both players; ``cooperate`` and
    ``defect`` give each player's cooperate and defect action index.
    """
    other = 1 - player
    profiles = list(product(*(range(len(a)) for a in actions)))
    c, d = cooperate[player], defect[player]

    def all_cooperate(p: Profile) -> bool:
        return p[0] == cooperate[0] and p[1] == cooperate[1]

    if name == "always_defect":
        return Automaton(name, player, ("defecting",), (d,), ({p: 0 for p in profiles},))
    if name == "always_cooperate":
        return Automaton(name, player, ("cooperating",), (c,), ({p: 0 for p in profiles},))
    if name == "grim":
        return Automaton(name, player, ("cooperating", "punishing"), (c, d), (
            {p: 0 if all_cooperate(p) else 1 for p in profiles},
            {p: 1 for p in profiles},
        ))
    if name == "tit_for_tat":
        row = {p: 0 if p[other] == cooperate[other] else 1 for p in profiles}
        return Automaton(name, player, ("cooperating", "defecting"), (c, d), (row, dict(row)))
    if name == "win_stay_lose_shift":
        # Pavlov: cooperate after CC and after DD (both "won" or both "shifted"), else defect.
        def same(p: Profile) -> bool:
            return (p[0] == cooperate[0]) == (p[1] == cooperate[1])

        row = {p: 0 if same(p) else 1 for p in profiles}
        return Automaton(name, player, ("cooperating", "defecting"), (c, d), (row, dict(row)))
    raise ArgumentError(
        f"unknown built-in strategy {name!r}; the built-ins are {', '.join(BUILTINS)}",
        Location(path=("repeated", "strategies")),
    )


def reachable_pairs(
    a: Automaton, b: Automaton, actions: Sequence[Sequence[int]]
) -> list[tuple[int, int]]:
    """Every pair of states reachable from the initial pair after *any* history of profiles
    (on and off the path): the subgames the one-shot deviation principle must check."""
    profiles = list(product(*(range(len(x)) for x in actions)))
    start = (a.initial, b.initial)
    seen, order, frontier = {start}, [start], [start]
    while frontier:
        s, t = frontier.pop(0)
        for p in profiles:
            pair = (a.step(s, p), b.step(t, p))
            if pair not in seen:
                seen.add(pair)
                order.append(pair)
                frontier.append(pair)
    return order
