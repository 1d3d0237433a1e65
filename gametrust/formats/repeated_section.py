"""The reader of the ``repeated:`` section (a stage game played again and again).

Shapes are checked here, each error located at its key; what needs the whole
stage game (actions, reachable states, every transition defined, the
discount in ``[0, 1)``) is checked by
:func:`gametrust.scenario.repeated.check_repeated` when the scenario is
built, and located at the key path it names.

>>> from gametrust.formats.load import loads
>>> s = loads('''
... gametrust: 1
... title: PD
... players: {A: {actions: [C, D]}, B: {actions: [C, D]}}
... parameters: {delta: {value: 9/10, range: [0, 1]}}
... payoffs: {"C, C": [3, 3], "C, D": [0, 5], "D, C": [5, 0], "D, D": [1, 1]}
... repeated:
...   discount: delta
...   cooperate: {A: C, B: C}
...   strategies: [grim, tit_for_tat]
... ''')
>>> s.repeated.strategies
{'A': ('grim', 'tit_for_tat'), 'B': ('grim', 'tit_for_tat')}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..core.exact import Number
from ..scenario.expression import constant
from ..scenario.parts import Player
from ..scenario.repeated import AutomatonSpec, RepeatedClaim, RepeatedSpec, StateSpec
from ..scenario.reputation import ReputationClaim, ReputationSpec
from .reader import KeyPath, Reader

__all__ = ["read_repeated", "read_repeated_claim", "repeated_to_data"]

_KEYS = ("discount", "cooperate", "defect", "strategies", "noise", "automata", "rounds",
         "meetings", "reputation")
_REPUTATION_KEYS = ("rounds", "meetings", "discount", "reputation")
_AUTOMATON_KEYS = ("initial", "states")
_STATE_KEYS = ("play", "next")


def _actions_by_player(
    reader: Reader, value: object, path: KeyPath, what: str, players: Sequence[Player]
) -> dict[str, str]:
    spec = reader.mapping(value, path, what)
    ids = [p.id for p in players]
    reader.keys(spec, path, tuple(ids), tuple(ids), what)
    return {pid: reader.label(spec[pid], (*path, pid), f"the {what} action of {pid}")
            for pid in ids}


def _automaton(reader: Reader, name: str, value: object, path: KeyPath) -> AutomatonSpec:
    spec = reader.mapping(value, path, f"automaton {name}")
    reader.keys(spec, path, _AUTOMATON_KEYS, ("states",), f"automaton {name}")
    states_data = reader.mapping(spec["states"], (*path, "states"), "states")
    if not states_data:
        raise reader.error("an automaton needs at least one state", (*path, "states"))
    states = []
    for state, entry in states_data.items():
        where = (*path, "states", state)
        label = reader.label(state, where, "a state name")
        entry = reader.mapping(entry, where, f"state {label}")
        reader.keys(entry, where, _STATE_KEYS, ("play",), f"state {label}")
        play = reader.label(entry["play"], (*where, "play"), "the action played")
        moves: list[tuple[str, str]] = []
        if entry.get("next") is not None:
            nxt = reader.mapping(entry["next"], (*where, "next"), "next")
            for key, target in nxt.items():
                moves.append((reader.text(key, (*where, "next", key), "a profile"),
                              reader.label(target, (*where, "next", key), "a state")))
        states.append(StateSpec(label, play, tuple(moves)))
    initial = None
    if spec.get("initial") is not None:
        initial = reader.label(spec["initial"], (*path, "initial"), "the initial state")
        if initial not in [s.name for s in states]:
            raise reader.error(f"unknown state {initial!r}", (*path, "initial"))
    return AutomatonSpec(name, tuple(states), initial)


def read_repeated(
    reader: Reader, value: object, players: Sequence[Player], names: Mapping[str, Number]
) -> RepeatedSpec:
    """The ``repeated:`` section, its shapes checked and located."""
    path: KeyPath = ("repeated",)
    spec = reader.mapping(value, path, "repeated")
    if "rounds" in spec or "reputation" in spec:
        return _read_reputation(reader, spec, path, players, names)
    reader.keys(spec, path, _KEYS, ("discount", "cooperate", "strategies"), "repeated")
    discount = reader.expression(spec["discount"], (*path, "discount"), "the discount", names)
    cooperate = _actions_by_player(reader, spec["cooperate"], (*path, "cooperate"), "cooperate",
                                   players)
    defect: dict[str, str] = {}
    if spec.get("defect") is not None:
        defect = _actions_by_player(reader, spec["defect"], (*path, "defect"), "defect",
                                    players)
    raw: Any = spec["strategies"]
    ids = [p.id for p in players]
    strategies: dict[str, tuple[str, ...]] = {}
    if isinstance(raw, Mapping):
        reader.keys(raw, (*path, "strategies"), tuple(ids), tuple(ids), "strategies")
        for pid in ids:
            listed = reader.sequence(raw[pid], (*path, "strategies", pid), "strategies")
            strategies[pid] = tuple(reader.label(s, (*path, "strategies", pid, k), "a strategy")
                                    for k, s in enumerate(listed))
    else:
        listed = reader.sequence(raw, (*path, "strategies"), "strategies")
        names_ = tuple(reader.label(s, (*path, "strategies", k), "a strategy")
                       for k, s in enumerate(listed))
        strategies = {pid: names_ for pid in ids}
    for pid, listed_names in strategies.items():
        if not listed_names:
            raise reader.error(f"list at least one strategy for {pid}", (*path, "strategies"))
    noise = None
    if spec.get("noise") is not None:
        noise = reader.expression(spec["noise"], (*path, "noise"), "the noise", names)
    automata = {}
    if spec.get("automata") is not None:
        table = reader.mapping(spec["automata"], (*path, "automata"), "automata")
        for name, entry in table.items():
            label = reader.label(name, (*path, "automata", name), "a strategy name")
            automata[label] = _automaton(reader, label, entry, (*path, "automata", name))
    extra = {} if noise is None else {"noise": noise}
    return RepeatedSpec(discount=discount, cooperate=cooperate, strategies=strategies,
                        defect=defect, automata=automata, **extra)


def _read_reputation(
    reader: Reader, spec: Mapping[str, Any], path: KeyPath, players: Sequence[Player],
    names: Mapping[str, Number],
) -> RepeatedSpec:
    """``rounds:`` and ``reputation: {player, committed: {prior, plays}}`` (a finite number
    of meetings, Kreps–Wilson); the keys of the infinitely repeated game are refused."""
    for key in spec:
        if key in _KEYS and key not in _REPUTATION_KEYS:
            raise reader.error(
                f"{key!r} belongs to the infinitely repeated game; a reputation game over a "
                f"finite number of meetings (rounds:, reputation:) may have: "
                f"{', '.join(_REPUTATION_KEYS)}", (*path, key), at_key=True)
    reader.keys(spec, path, _REPUTATION_KEYS, ("rounds", "reputation"), "repeated")
    rounds = spec["rounds"]
    if isinstance(rounds, bool) or not isinstance(rounds, int):
        raise reader.error("rounds must be a whole number of meetings", (*path, "rounds"))
    meetings: tuple[str, ...] = ()
    if spec.get("meetings") is not None:
        listed = reader.sequence(spec["meetings"], (*path, "meetings"), "meetings")
        meetings = tuple(reader.text(m, (*path, "meetings", k), "a meeting's name")
                         for k, m in enumerate(listed))
    discount = constant(1)
    if spec.get("discount") is not None:
        discount = reader.expression(spec["discount"], (*path, "discount"), "the discount",
                                     names)
    where = (*path, "reputation")
    entry = reader.mapping(spec["reputation"], where, "reputation")
    reader.keys(entry, where, ("player", "committed"), ("player", "committed"), "reputation")
    player = reader.label(entry["player"], (*where, "player"), "the informed player")
    if player not in [p.id for p in players]:
        raise reader.error(f"unknown player {player!r}; the players are "
                           f"{', '.join(p.id for p in players)}", (*where, "player"))
    committed = reader.mapping(entry["committed"], (*where, "committed"), "committed")
    reader.keys(committed, (*where, "committed"), ("prior", "plays"), ("prior", "plays"),
                "committed")
    prior = reader.expression(committed["prior"], (*where, "committed", "prior"), "the prior",
                              names)
    plays = reader.label(committed["plays"], (*where, "committed", "plays"),
                         "the committed type's action")
    reputation = ReputationSpec(player, prior, plays, rounds, meetings)
    return RepeatedSpec(discount=discount, cooperate={}, strategies={},
                        reputation=reputation)


def read_repeated_claim(reader: Any, value: object, path: KeyPath,
                        scenario: Any) -> RepeatedClaim | ReputationClaim:
    """A ``repeated:`` claim: ``{strategies: grim | [grim, tit_for_tat], nash: ... |
    subgame_perfect: ...}`` where the set is ``{discount_at_least: x}`` or ``never``; for a
    reputation game ``{prior_threshold: x}``."""
    if scenario.repeated is None:
        raise reader.error("a repeated claim needs a repeated: section", path, at_key=True)
    if scenario.repeated.reputation is not None:
        spec = reader.mapping(value, path, "a reputation claim")
        reader.keys(spec, path, ("prior_threshold",), ("prior_threshold",),
                    "a repeated claim about a reputation game")
        threshold = reader.number(spec["prior_threshold"], (*path, "prior_threshold"),
                                  "the prior threshold")
        if not 0 < threshold < 1:
            raise reader.error("the prior threshold lies strictly between 0 and 1",
                               (*path, "prior_threshold"))
        return ReputationClaim(Fraction(threshold))
    spec = reader.mapping(value, path, "a repeated claim")
    reader.keys(spec, path, ("strategies", "nash", "subgame_perfect"), ("strategies",),
                "a repeated claim")
    kinds = [k for k in ("nash", "subgame_perfect") if k in spec]
    if len(kinds) != 1:
        raise reader.error("a repeated claim states one of nash or subgame_perfect", path)
    raw = spec["strategies"]
    ids = scenario.player_ids
    if isinstance(raw, str):
        names = (raw,) * len(ids)
    else:
        listed = reader.sequence(raw, (*path, "strategies"), "strategies")
        if len(listed) != len(ids):
            raise reader.error(f"name one strategy per player ({', '.join(ids)})",
                               (*path, "strategies"))
        names = tuple(reader.text(s, (*path, "strategies", k), "a strategy")
                      for k, s in enumerate(listed))
    for k, (pid, name) in enumerate(zip(ids, names, strict=True)):
        if name not in scenario.repeated.strategies[pid]:
            where = (*path, "strategies") if isinstance(raw, str) else (*path, "strategies", k)
            raise reader.error(f"{name!r} is not among {pid}'s strategies "
                               f"({', '.join(scenario.repeated.strategies[pid])})", where)
    kind = kinds[0]
    where = (*path, kind)
    claimed = spec[kind]
    if claimed == "never":
        return RepeatedClaim(names, kind, None)
    claimed = reader.mapping(claimed, where, f"{kind} (never, or {{discount_at_least: x}})")
    reader.keys(claimed, where, ("discount_at_least",), ("discount_at_least",), kind)
    at_least = reader.number(claimed["discount_at_least"], (*where, "discount_at_least"),
                             "the discount")
    if not 0 <= at_least < 1:
        raise reader.error("the discount lies in [0, 1)", (*where, "discount_at_least"))
    return RepeatedClaim(names, kind, Fraction(at_least))


def repeated_to_data(spec: RepeatedSpec, written: Any) -> dict[str, Any]:
    """The section as plain data in the file format (``written`` writes an expression)."""
    if spec.reputation is not None:
        rep = spec.reputation
        out: dict[str, Any] = {"rounds": rep.rounds}
        if rep.meetings:
            out["meetings"] = list(rep.meetings)
        out["discount"] = written(spec.discount)
        out["reputation"] = {"player": rep.player, "committed": {
            "prior": written(rep.prior), "plays": rep.plays}}
        return out
    data: dict[str, Any] = {"discount": written(spec.discount),
                            "cooperate": dict(spec.cooperate)}
    if spec.defect:
        data["defect"] = dict(spec.defect)
    lists = {pid: list(names) for pid, names in spec.strategies.items()}
    first = next(iter(lists.values()))
    data["strategies"] = first if all(v == first for v in lists.values()) else lists
    data["noise"] = written(spec.noise)
    if spec.automata:
        data["automata"] = {
            name: ({"initial": a.initial} if a.initial is not None else {}) | {"states": {
                s.name: {"play": s.play, "next": dict(s.next)} for s in a.states}}
            for name, a in spec.automata.items()}
    return data
