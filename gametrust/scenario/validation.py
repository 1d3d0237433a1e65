"""The checks a :class:`~gametrust.scenario.scenario.Scenario` runs when it is constructed.

Keyword construction normalises its input (payoff keys as tuples or ``"A, B"``
text, numbers or expression text, plain numbers as parameters) and checks
that the parts fit together: every profile has one payoff per player, every
name is a parameter, a tree's players all move, types name players and
profiles, and the game is within the size limits of :mod:`gametrust.core.limits`.
Each function here takes the parts it checks and returns them
normalised; a problem raises :class:`~gametrust.core.errors.ArgumentError`
naming the key path (a file loader turns it into a located error).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import product
from typing import TYPE_CHECKING, Any

from ..core.errors import Location, did_you_mean, fail
from ..core.exact import Number
from ..core.frozen import FrozenMap
from ..core.limits import ArgumentLimitError, check, shape_name
from ..model.empathy import EMPATHY_MODELS, PAIR_WEIGHTS, weight_keys, weight_names
from ..model.tree import Chance, Decision, GameTree, Terminal
from .expression import Expression, parse_number_safely
from .moves import check_moves, normal_form_tree
from .parts import Parameter, Player, expression_at
from .treespec import check_chance, check_perfect_recall, key_path
from .typespec import PlayerType

if TYPE_CHECKING:  # pragma: no cover
    from .scenario import Scenario

__all__ = [
    "check_empathy_model",
    "check_scenario_moves",
    "check_size",
    "check_stage_tree",
    "check_types",
    "frozen",
    "moving_players",
    "normalise_empathy",
    "normalise_parameters",
    "normalise_payoffs",
    "tree_player",
]


def frozen(mapping: dict[Any, Any]) -> Mapping[Any, Any]:
    """A read-only copy of ``mapping`` that pickles (a scenario's mappings cannot be changed)."""
    return FrozenMap(mapping)


def tree_player(entry: object) -> Player:
    """A tree scenario's player: a :class:`Player`, an id, or an ``(id, name)`` pair.

    The actions are placeholders until the scenario fills in the tree's moves.
    """
    if isinstance(entry, Player):
        return entry
    if isinstance(entry, str):
        return Player(entry, entry, ("?",))
    if isinstance(entry, tuple) and len(entry) == 2 and all(isinstance(x, str) for x in entry):
        return Player(entry[0], entry[1], ("?",))
    raise fail(f"a player is a Player, an id or an (id, name) pair, not {entry!r}", "players")


def normalise_parameters(parameters: Mapping[str, Any]) -> dict[str, Parameter]:
    """Parameters by name; a plain number becomes a :class:`Parameter` of that value."""
    out: dict[str, Parameter] = {}
    for name, item in parameters.items():
        parameter = item if isinstance(item, Parameter) else Parameter(name, item)
        if parameter.name != name:
            raise fail(f"parameter {parameter.name!r} is filed as {name!r}", "parameters")
        out[name] = parameter
    return out


def check_size(players: Sequence[Player]) -> None:
    """The players, each one's actions and the action profiles are within their limits
    (:mod:`gametrust.core.limits`)."""
    where = Location(path=("players",))
    error = ArgumentLimitError
    check("players", len(players), "the game", where, error=error)
    for player in players:
        check("actions", len(player.actions), f"player {player.id}",
              Location(path=("players", player.id, "actions")), error=error)
    shape = [len(p.actions) for p in players]
    check("profiles", math.prod(shape), shape_name(shape), where, error=error)


def normalise_payoffs(
    players: Sequence[Player], payoffs: Mapping[Any, Any], parameters: Mapping[str, Parameter]
) -> dict[tuple[str, ...], tuple[Expression, ...]]:
    """Every profile's payoff vector, as expressions, in the order of the action profiles."""
    check_size(players)
    n = len(players)
    for player in players:
        if not player.actions:  # only a player of a tree may never move
            raise fail(f"player {player.id!r} has no actions", "players", player.id, "actions")
    given: dict[tuple[str, ...], tuple[Expression, ...]] = {}
    for key, vector in payoffs.items():
        profile = (
            tuple(part.strip() for part in key.split(","))
            if isinstance(key, str)
            else tuple(key)
        )
        label = ", ".join(map(str, profile))
        if len(profile) != n:
            raise fail(f"profile ({label}) names {len(profile)} actions, not {n}", "payoffs")
        for player, action in zip(players, profile, strict=True):
            if action not in player.actions:
                raise fail(
                    f"profile ({label}): {action!r} is not an action of {player.id}"
                    f"{did_you_mean(str(action), player.actions)}",
                    "payoffs",
                    label,
                )
        if profile in given:
            raise fail(f"profile ({label}) is given twice", "payoffs", label)
        if isinstance(vector, (str, bytes)) or not isinstance(vector, Sequence):
            raise fail(f"profile ({label}): expected {n} payoffs", "payoffs", label)
        if len(vector) != n:
            raise fail(
                f"profile ({label}) has {len(vector)} payoffs, expected {n}", "payoffs", label
            )
        given[profile] = tuple(
            expression_at(v, "payoffs", label, i) for i, v in enumerate(vector)
        )
    ordered: dict[tuple[str, ...], tuple[Expression, ...]] = {}
    missing = []
    for profile in product(*(p.actions for p in players)):
        if profile in given:
            ordered[profile] = given[profile]
        else:
            missing.append(f"({', '.join(profile)})")
    if missing:
        raise fail(f"no payoffs for profile(s) {', '.join(missing[:10])}", "payoffs")
    known = set(parameters)
    for profile, vector in ordered.items():
        for i, expression in enumerate(vector):
            unknown = sorted(expression.names() - known)
            if unknown:
                raise fail(
                    f"unknown parameter {unknown[0]!r}{did_you_mean(unknown[0], known)}",
                    "payoffs",
                    ", ".join(profile),
                    i,
                )
    return ordered


def check_stage_tree(
    tree: GameTree, player_ids: tuple[str, ...], parameters: Mapping[str, Parameter]
) -> None:
    """A written tree: the scenario's players, perfect recall, known names, probabilities."""
    if tuple(tree.players) != player_ids:
        raise fail(
            f"the tree's players {list(tree.players)} are not the scenario's "
            f"{list(player_ids)}",
            "players",
        )
    check_perfect_recall(tree)
    known = set(parameters)
    for path, node in tree.nodes():
        if isinstance(node, Terminal):
            located = [((*key_path(tree, path), "payoffs", i), e)
                       for i, e in enumerate(node.payoffs)]
        elif isinstance(node, Chance):
            located = [((*key_path(tree, path), "chance", label, "probability"), e)
                       for label, e, _ in node.moves]
        else:
            continue
        for where, expression in located:
            if not isinstance(expression, Expression):
                raise fail(f"{expression!r} is not an Expression", *where)
            unknown = sorted(expression.names() - known)
            if unknown:
                raise fail(
                    f"unknown parameter {unknown[0]!r}{did_you_mean(unknown[0], known)}",
                    *where,
                )
    check_chance(tree, {n: p.value for n, p in parameters.items()})


def check_scenario_moves(scenario: Scenario) -> None:
    """The moves in time (commitments, verification, order) fit the stage game."""
    if not scenario.is_tree:
        return
    stage = scenario.stage_tree
    if stage is None:
        stage = normal_form_tree(scenario.player_ids, scenario.actions, scenario.payoffs)
    check_moves(
        scenario.player_ids,
        stage,
        normal_form=scenario.stage_tree is None,
        commitments=scenario.commitments,
        verification=scenario.verification,
        order=scenario.order,
        parameters={n: p.value for n, p in scenario.parameters.items()},
    )


def moving_players(tree: GameTree, players: Sequence[Player]) -> tuple[Player, ...]:
    """Tree players with the labels of their moves, in the order the tree meets them; a
    player who never moves (a bystander with payoffs, or a tree of chance alone) has none."""
    moves: dict[int, dict[str, None]] = {}
    for _, node in tree.nodes():
        if isinstance(node, Decision):
            moves.setdefault(node.player, {}).update(dict.fromkeys(node.actions))
    out = []
    for index, player in enumerate(players):
        out.append(Player(player.id, player.name, tuple(moves.get(index, ()))))
    return tuple(out)


def normalise_empathy(
    players: Sequence[Player],
    empathy: Mapping[str, Any],
    parameters: Mapping[str, Parameter],
    model: str = "altruism",
) -> dict[str, Number | Expression]:
    """Every weight by name (:func:`~gametrust.model.empathy.weight_names`): a number, or
    an expression when it uses parameters.

    One-weight models take ``{player: weight}``.  Two-weight models
    (``fehr_schmidt``, ``charness_rabin``) take ``{player: {KEY: weight, ...}}``
    with both keys, or the flat names ``{"Row.alpha": ...}``; a player left out
    has both weights 0.
    """
    ids = [p.id for p in players]
    keys = weight_keys(model)
    flat: dict[str, Any] = {}
    for pid, raw in empathy.items():
        player, dot, key = str(pid), "", ""
        if keys and player not in ids:  # a flat name, PLAYER.KEY
            player, dot, key = player.rpartition(".")
        if player not in ids:
            raise fail(
                f"empathy weight for unknown player {player!r}{did_you_mean(player, ids)}",
                "empathy",
                str(pid),
            )
        if not keys:
            if dot or isinstance(raw, Mapping):
                raise fail(
                    f"the {model} empathy model takes one number per player (two named "
                    f"weights are for {', '.join(PAIR_WEIGHTS)})",
                    "empathy",
                    str(pid),
                )
            flat[player] = raw
            continue
        if dot:
            if key not in keys:
                raise fail(f"unknown {model} weight {key!r}{did_you_mean(key, keys)}; "
                           f"the weights are {', '.join(keys)}", "empathy", str(pid))
            flat[str(pid)] = raw
            continue
        if not isinstance(raw, Mapping):
            raise fail(
                f"the {model} empathy model takes the weights {{{', '.join(keys)}}} of "
                f"each player, e.g. {{{keys[0]}: 1, {keys[1]}: 1/2}}; got {raw!r}",
                "empathy",
                player,
            )
        for key in raw:
            if key not in keys:
                raise fail(f"unknown {model} weight {key!r}{did_you_mean(str(key), keys)}; "
                           f"the weights are {', '.join(keys)}", "empathy", player, str(key))
        for key in keys:
            if key not in raw:
                raise fail(f"{player}: missing {model} weight {key!r} (give both "
                           f"{' and '.join(keys)})", "empathy", player)
            flat[f"{player}.{key}"] = raw[key]
    out: dict[str, Number | Expression] = {}
    for name in weight_names(model, ids):
        raw = flat.get(name, 0)
        path = name.rsplit(".", 1) if keys else [name]
        if isinstance(raw, str):
            raw = parse_number_safely(raw) or raw
        weight = expression_at(raw, "empathy", *path)
        unknown = sorted(weight.names() - set(parameters))
        if unknown:
            raise fail(
                f"unknown parameter {unknown[0]!r}{did_you_mean(unknown[0], parameters)}",
                "empathy",
                *path,
            )
        out[name] = weight if weight.names() else weight.evaluate({})
    return out


def check_types(scenario: Scenario) -> Mapping[str, tuple[PlayerType, ...]]:
    """Types name players and profiles; the signal stage fits them.  The types, frozen."""
    if scenario.is_tree:
        for section in ("types", "signalling", "beliefs"):
            if getattr(scenario, section):
                raise fail(f"a {section}: section is for normal-form stage games, not "
                           "moves in time", section)
    if not scenario.types:
        if scenario.signalling is not None:
            raise fail("a signalling game needs the sender's types", "signalling", "sender")
        return scenario.types
    types = frozen({pid: tuple(ts) for pid, ts in scenario.types.items()})
    n = len(scenario.players)
    for pid, entries in types.items():
        if pid not in scenario.player_ids:
            raise fail(f"types for unknown player {pid!r}"
                        f"{did_you_mean(str(pid), scenario.player_ids)}", "types", pid)
        for t in entries:
            for profile, vector in t.payoffs.items():
                if profile not in scenario.payoffs or len(vector) != n:
                    raise fail(f"type {t.name!r}: no profile ({', '.join(profile)}) with "
                                f"{n} payoffs", "types", pid, t.name, "payoffs")
    s = scenario.signalling
    if s is not None:
        if s.sender not in types or len(types[s.sender]) < 2:
            raise fail("the sender needs two or more types", "signalling", "sender")
        if n != 2 or s.receiver == s.sender or len(types.get(s.receiver, ((),))) != 1:
            raise fail("the receiver is the other player, with one type",
                        "signalling", "receiver")
    return types


def check_empathy_model(model: str) -> None:
    """The empathy model is one of :data:`~gametrust.model.empathy.EMPATHY_MODELS`."""
    if model not in EMPATHY_MODELS:
        raise fail(
            f"unknown empathy model {model!r}"
            f"{did_you_mean(str(model), EMPATHY_MODELS)}; "
            f"choose one of {', '.join(EMPATHY_MODELS)}",
            "empathy_model",
        )
