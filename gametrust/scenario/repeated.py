"""The ``repeated:`` section as data: the discount, the strategies, the noise, user automata.

A scenario whose two-player stage game is played again and again carries a
:class:`RepeatedSpec`: the discount factor (a number or an expression of the
parameters, in ``[0, 1)``), each player's cooperate (and defect) action for
the built-in strategies, the strategies each player may use (built-in names
or user-defined :class:`AutomatonSpec` names), and the noise (the chance
that an intended action is carried out as another one).
:func:`check_repeated` validates it against the stage game (raising
:class:`~gametrust.core.errors.ArgumentError` at a key path under
``repeated``) and :func:`strategy_automata` turns it into
:class:`~gametrust.model.automaton.Automaton` objects, one per player and
strategy, over the stage game's action indices.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any

from ..core.errors import ArgumentError, fail
from ..model.automaton import BUILTIN_NAMES, BUILTINS, Automaton, builtin
from .expression import Expression, constant
from .reputation import ReputationSpec, check_reputation

__all__ = [
    "AutomatonSpec",
    "RepeatedClaim",
    "RepeatedSpec",
    "StateSpec",
    "check_repeated",
    "check_repeated_scenario",
    "discount_name",
    "role_actions",
    "strategy_automata",
]

#: Words an automaton may use instead of an action label (each player's own).
ROLE_WORDS = ("cooperate", "defect")


@dataclass(frozen=True)
class StateSpec:
    """One state of a user automaton: the action it plays (a label, or ``cooperate`` /
    ``defect``) and its transitions, observed profile key -> next state, in the order
    written (``"*"`` alone, or as one entry of a key, matches anything)."""

    name: str
    play: str
    next: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class AutomatonSpec:
    """A user-defined strategy: its states (the first is initial unless ``initial`` says)."""

    name: str
    states: tuple[StateSpec, ...]
    initial: str | None = None


@dataclass(frozen=True)
class RepeatedSpec:
    """The ``repeated:`` section of a scenario (see ``docs/scenario-format.md``)."""

    discount: Expression
    cooperate: Mapping[str, str]
    strategies: Mapping[str, tuple[str, ...]]
    defect: Mapping[str, str] = field(default_factory=dict)
    noise: Expression = field(default_factory=lambda: constant(0))
    automata: Mapping[str, AutomatonSpec] = field(default_factory=dict)
    #: A finite number of meetings with a possibly committed player (scenario/reputation.py);
    #: then ``cooperate``, ``strategies`` and ``noise`` are unused (empty, 0).
    reputation: ReputationSpec | None = None


def discount_name(spec: RepeatedSpec) -> str:
    """The discount's name in formulas: its parameter, or ``delta`` for a number."""
    names = spec.discount.names()
    if len(names) == 1 and spec.discount.source.strip() == next(iter(names)):
        return next(iter(names))
    return "delta"


def role_actions(
    spec: RepeatedSpec, players: Sequence[str], actions: Sequence[Sequence[str]]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Each player's cooperate and defect action index (validated)."""
    cooperate, defect = [], []
    for k, pid in enumerate(players):
        labels = list(actions[k])
        if pid not in spec.cooperate:
            raise fail(f"name {pid}'s cooperate action", "repeated", "cooperate")
        c = spec.cooperate[pid]
        if c not in labels:
            raise fail(f"{c!r} is not an action of {pid} ({', '.join(labels)})",
                       "repeated", "cooperate", pid)
        if pid in spec.defect:
            d = spec.defect[pid]
            if d not in labels or d == c:
                raise fail(f"{d!r} is not an action of {pid} other than its cooperate action",
                           "repeated", "defect", pid)
        elif len(labels) == 2:
            d = labels[1 - labels.index(c)]
        else:
            raise fail(f"{pid} has {len(labels)} actions: name its defect action (defect:)",
                       "repeated", "defect")
        cooperate.append(labels.index(c))
        defect.append(labels.index(d))
    return (cooperate[0], cooperate[1]), (defect[0], defect[1])


def _user_automaton(
    spec: AutomatonSpec, player: int, actions: Sequence[Sequence[str]],
    cooperate: Sequence[int], defect: Sequence[int],
) -> Automaton:
    """A user automaton for ``player``, its labels and keys resolved (errors at their keys)."""
    path = ("repeated", "automata", spec.name)
    names = [s.name for s in spec.states]
    if not names:
        raise fail("an automaton needs at least one state", *path, "states")

    def action(word: str, k: int, where: tuple[str | int, ...]) -> int | None:
        if word == "*":
            return None
        if word in ROLE_WORDS:
            return (cooperate if word == "cooperate" else defect)[k]
        if word not in actions[k]:
            raise fail(f"{word!r} is not an action of player {k + 1} ({', '.join(actions[k])}), "
                       "'cooperate', 'defect' or '*'", *where)
        return list(actions[k]).index(word)

    profiles = list(product(*(range(len(a)) for a in actions)))
    play, table = [], []
    for state in spec.states:
        where = (*path, "states", state.name)
        chosen = action(state.play, player, (*where, "play"))
        if chosen is None:
            raise fail("a state plays one action, not '*'", *where, "play")
        play.append(chosen)
        patterns = []
        for key, target in state.next:
            if target not in names:
                raise fail(f"unknown state {target!r}; the states are {', '.join(names)}",
                           *where, "next", key)
            parts = [p.strip() for p in key.split(",")]
            if parts == ["*"]:
                parts = ["*", "*"]
            if len(parts) != 2:
                raise fail(f"a profile names one action per player (\"A, B\"), got {key!r}",
                           *where, "next", key)
            resolved = [action(p, k, (*where, "next", key)) for k, p in enumerate(parts)]
            patterns.append((sum(r is None for r in resolved), resolved, names.index(target)))
        patterns.sort(key=lambda entry: entry[0])  # exact keys first, then in written order
        row = {}
        for profile in profiles:
            for _, resolved, target in patterns:
                if all(r is None or r == profile[k] for k, r in enumerate(resolved)):
                    row[profile] = target
                    break
        table.append(row)
    initial = names.index(spec.initial) if spec.initial is not None else 0
    return Automaton(spec.name, player, tuple(names), tuple(play), tuple(table), initial)


def strategy_automata(
    spec: RepeatedSpec, players: Sequence[str], actions: Sequence[Sequence[str]]
) -> dict[str, tuple[Automaton, ...]]:
    """Each player's strategies as automata, in the order listed (validated)."""
    if spec.reputation is not None:
        raise fail("a reputation game (rounds: and reputation:) has no strategies to play: "
                   "solve it with gametrust solve", "repeated", "reputation")
    if len(players) != 2:
        raise fail(f"a repeated game needs a two-player stage game, not {len(players)} players",
                   "repeated")
    cooperate, defect = role_actions(spec, players, actions)
    indices = [tuple(range(len(a))) for a in actions]
    out: dict[str, tuple[Automaton, ...]] = {}
    for k, pid in enumerate(players):
        listed = spec.strategies.get(pid, ())
        if not listed:
            raise fail(f"list at least one strategy for {pid}", "repeated", "strategies")
        automata = []
        for j, name in enumerate(listed):
            if name in spec.automata:
                automaton = _user_automaton(spec.automata[name], k, actions, cooperate, defect)
                try:
                    automaton.check(actions)
                except ArgumentError as exc:
                    raise fail(exc.message, "repeated", "automata", name) from None
            elif name in BUILTINS:
                automaton = builtin(name, k, indices, cooperate=cooperate, defect=defect)
            else:
                known = [*BUILTINS, *spec.automata]
                raise fail(f"unknown strategy {name!r}; use one of {', '.join(known)}",
                           "repeated", "strategies", j)
            automata.append(automaton)
        out[pid] = tuple(automata)
    return out


def check_repeated(
    spec: RepeatedSpec, players: Sequence[str], actions: Sequence[Sequence[str]],
    parameters: Mapping[str, object],
) -> None:
    """Validate the section against the stage game, and the discount (in ``[0, 1)``) and the
    noise (a probability) at the parameters' values."""
    strategy_automata(spec, players, actions)
    for pid in [*spec.cooperate, *spec.defect, *spec.strategies]:
        if pid not in players:
            raise fail(f"unknown player {pid!r}; the players are {', '.join(players)}",
                       "repeated")
    for name in (spec.discount.names() | spec.noise.names()) - set(parameters):
        raise fail(f"unknown parameter {name!r}", "repeated")
    values = dict(parameters)
    delta = spec.discount.evaluate(values)  # type: ignore[arg-type]
    if not 0 <= delta < 1:
        raise fail(f"the discount must be in [0, 1), got {delta}", "repeated", "discount")
    noise = spec.noise.evaluate(values)  # type: ignore[arg-type]
    if not 0 <= noise <= 1:
        raise fail(f"the noise is a probability in [0, 1], got {noise}", "repeated", "noise")


def check_repeated_scenario(scenario: Any) -> None:
    """:func:`check_repeated` for a scenario: a two-player normal-form stage game without
    types, signals or moves in time."""
    for present, what in ((scenario.is_tree, "moves in time (tree, order, verification or "
                           "commitments)"), (bool(scenario.types), "types"),
                          (scenario.signalling is not None, "a signal stage")):
        if present:
            raise fail(f"a repeated: section is for a normal-form stage game, not one with "
                       f"{what}", "repeated")
    values = {name: p.value for name, p in scenario.parameters.items()}
    spec = scenario.repeated
    if spec.reputation is not None:
        check_reputation(spec.reputation, scenario.player_ids, scenario.actions, values,
                         scenario.payoffs, spec.discount)
        return
    check_repeated(spec, scenario.player_ids, scenario.actions, values)


@dataclass(frozen=True)
class RepeatedClaim:
    """A claim about a repeated game: the exact set of discounts where a profile of the
    listed strategies is a Nash (``kind="nash"``) or subgame-perfect equilibrium:
    ``[at_least, 1)``, or empty when ``at_least`` is ``None``."""

    strategies: tuple[str, ...]
    kind: str
    at_least: Fraction | None
    key: str = "repeated"

    def text(self) -> str:
        names = [BUILTIN_NAMES.get(n, n) for n in self.strategies]
        who = f"mutual {names[0]}" if len(set(names)) == 1 else " vs ".join(names)
        what = "subgame-perfect" if self.kind == "subgame_perfect" else "a Nash equilibrium"
        if self.at_least is None:
            return f"{who} is never {what}"
        if self.at_least == 0:
            return f"{who} is {what} for every discount"
        return f"{who} is {what} exactly when the discount is at least {self.at_least}"
