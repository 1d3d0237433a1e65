"""The sections every scenario file has: ``players``, ``parameters``, ``payoffs``, ``empathy``.

Each ``read_*`` function takes the located :class:`~gametrust.formats.reader.Reader`
and the section's plain data, and returns scenario values
(:class:`~gametrust.scenario.parts.Player`, :class:`~gametrust.scenario.parts.Parameter`,
payoff :class:`~gametrust.scenario.expression.Expression` objects), raising one
:class:`~gametrust.core.errors.ScenarioError` at the file, line and column of
the first problem.  ``payoffs`` may be written one entry per action profile or
one matrix per player:

>>> from gametrust.formats.yamlsource import load_yaml
>>> data, where = load_yaml("payoffs: {A: [[1, 0], [0, 1]], B: [[1, 0], [0, 'x']]}", "c.yaml")
>>> players = (Player("A", "A", ("L", "R")), Player("B", "B", ("L", "R")))
>>> read_payoffs(Reader(where), data["payoffs"], players, {"x": 2})[("R", "R")]
(Expression('1'), Expression('x'))
"""

from __future__ import annotations

import keyword
import math
import re
from collections.abc import Mapping, Sequence
from itertools import product
from typing import Any

from ..core.errors import did_you_mean
from ..core.exact import Number
from ..core.limits import ScenarioLimitError, check, shape_name
from ..model.empathy import EMPATHY_MODELS, PAIR_WEIGHTS, weight_keys
from ..scenario.expression import Expression
from ..scenario.parts import Parameter, Player
from .reader import KeyPath, Reader

__all__ = [
    "read_empathy",
    "read_empathy_model",
    "read_parameters",
    "read_payoffs",
    "read_players",
    "read_profile",
    "read_sources",
]

_PLAYER_KEYS = ("name", "actions")
_PARAMETER_KEYS = ("value", "range", "description")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_MAX_MISSING_SHOWN = 10


def read_players(reader: Reader, value: object, tree: bool = False) -> tuple[Any, ...]:
    """The ``players:`` section; in a tree scenario ``(id, name)`` pairs (moves are in the tree)."""
    path: KeyPath = ("players",)
    players = reader.mapping(value, path, "players")
    if not players:
        raise reader.error("players must name at least one player", path)
    check("players", len(players), "the game", reader.where.key_location(path),
          error=ScenarioLimitError)
    out: list[Any] = []
    for pid, spec in players.items():
        ppath = (*path, pid)
        pid = reader.label(pid, ppath, "a player id")
        if "=" in pid:
            raise reader.error(f"player id {pid!r} must not contain '='", ppath, at_key=True)
        if spec is None and tree:
            spec = {}
        spec = reader.mapping(spec, ppath, f"player {pid}")
        reader.keys(spec, ppath, _PLAYER_KEYS, () if tree else ("actions",), f"player {pid}")
        name = (
            reader.text(spec["name"], (*ppath, "name"), "a player name")
            if "name" in spec
            else pid
        )
        if tree:
            if "actions" in spec:
                raise reader.error(
                    "in a scenario written as a tree, each player's moves come from the "
                    "tree; remove actions",
                    (*ppath, "actions"),
                    at_key=True,
                )
            out.append((pid, name))
            continue
        apath = (*ppath, "actions")
        raw_actions = reader.sequence(spec["actions"], apath, f"the actions of {pid}")
        if not raw_actions:
            raise reader.error(f"player {pid} has no actions", apath)
        check("actions", len(raw_actions), f"player {pid}", reader.where.location(apath),
              error=ScenarioLimitError)
        actions: list[str] = []
        for k, raw in enumerate(raw_actions):
            action = reader.label(raw, (*apath, k), "an action")
            if action in actions:
                raise reader.error(
                    f"player {pid} has the action {action!r} twice "
                    f"(items {actions.index(action)} and {k})",
                    (*apath, k),
                )
            actions.append(action)
        out.append(Player(pid, name, tuple(actions)))
    if not tree:
        shape = [len(p.actions) for p in out]
        check("profiles", math.prod(shape), shape_name(shape),
              reader.where.key_location(path), error=ScenarioLimitError)
    return tuple(out)


def read_parameters(reader: Reader, value: object) -> dict[str, Parameter]:
    """The ``parameters:`` section: a number, or a mapping with value, range and description."""
    path: KeyPath = ("parameters",)
    if value is None:
        return {}
    spec = reader.mapping(value, path, "parameters")
    out: dict[str, Parameter] = {}
    for name, item in spec.items():
        ppath = (*path, name)
        if not isinstance(name, str) or not _IDENTIFIER.match(name) or keyword.iskeyword(name):
            raise reader.error(
                f"parameter name {name!r} must be an identifier (letters, digits and _, "
                "not starting with a digit, not a Python keyword)",
                ppath,
                at_key=True,
            )
        description = ""
        low_high: tuple[Number, Number] | None = None
        if isinstance(item, Mapping):
            reader.keys(item, ppath, _PARAMETER_KEYS, ("value",), f"parameter {name}")
            number = reader.number(item["value"], (*ppath, "value"), f"the value of {name}")
            if "description" in item:
                description = reader.text(
                    item["description"], (*ppath, "description"), "a description"
                )
            if "range" in item:
                low_high = _range(reader, item["range"], (*ppath, "range"), name, number)
        else:
            number = reader.number(item, ppath, f"parameter {name}")
        out[name] = Parameter(name, number, low_high, description)
    return out


def _range(
    reader: Reader, value: object, path: KeyPath, name: str, number: Number
) -> tuple[Number, Number]:
    bounds = reader.sequence(value, path, f"the range of {name}")
    if len(bounds) != 2:
        raise reader.error(
            f"the range of {name} must be [low, high], got {len(bounds)} items", path
        )
    low = reader.number(bounds[0], (*path, 0), "a range bound")
    high = reader.number(bounds[1], (*path, 1), "a range bound")
    if low > high:
        raise reader.error(f"the range of {name} has low {low} > high {high}", path)
    if not low <= number <= high:
        raise reader.error(
            f"the value {number} of {name} is outside its range [{low}, {high}]",
            (*path[:-1], "value"),
        )
    return (low, high)


def read_payoffs(
    reader: Reader, value: object, players: tuple[Player, ...], names: Mapping[str, Number]
) -> dict[tuple[str, ...], tuple[Expression, ...]]:
    """The ``payoffs:`` section: one entry per profile, or one matrix per player."""
    path: KeyPath = ("payoffs",)
    spec = reader.mapping(value, path, "payoffs")
    if not spec:
        raise reader.error("payoffs is empty", path)
    ids = [p.id for p in players]
    is_profile = len(players) == 1 and any(k in players[0].actions for k in spec)
    if all(k in ids for k in spec) and not is_profile:
        return _matrices(reader, spec, players, names)
    return _profiles(reader, spec, players, names)


def read_profile(
    reader: Reader, key: object, path: KeyPath, players: Sequence[Player], hint: str = ""
) -> tuple[str, ...]:
    """A profile key (``"Pressure, Arm"``): one action per player, in player order.

    ``hint`` is added to the message when the key names too few or too many actions.
    """
    labels = tuple(part.strip() for part in str(key).split(","))
    if len(labels) != len(players):
        order = ", ".join(p.id for p in players)
        raise reader.error(
            f"the profile {key!r} names {len(labels)} action(s); a profile names one "
            f"action per player ({order}), separated by commas{hint}",
            path,
            at_key=True,
        )
    for player, label in zip(players, labels, strict=True):
        if label not in player.actions:
            raise reader.error(
                f"{label!r} is not an action of {player.id}"
                f"{did_you_mean(label, player.actions)}; its actions are "
                f"{', '.join(player.actions)}",
                path,
                at_key=True,
            )
    return labels


def _profiles(
    reader: Reader,
    spec: Mapping[str, Any],
    players: tuple[Player, ...],
    names: Mapping[str, Number],
) -> dict[tuple[str, ...], tuple[Expression, ...]]:
    n = len(players)
    order = ", ".join(p.id for p in players)
    seen: dict[tuple[str, ...], str] = {}
    out: dict[tuple[str, ...], tuple[Expression, ...]] = {}
    for key, vector in spec.items():
        kpath: KeyPath = ("payoffs", key)
        if not isinstance(key, str):
            raise reader.error(f"a profile must be text like 'A, B', not {key!r}", kpath)
        hint = ""
        if key in (p.id for p in players):
            hint = " (payoffs are either one entry per profile or one matrix per player)"
        labels = read_profile(reader, key, kpath, players, hint)
        if labels in seen:
            first = seen[labels]
            line = reader.where.key_location(("payoffs", first)).line
            also = f" at line {line}" if line is not None else ""
            raise reader.error(
                f"the profile ({', '.join(labels)}) is given twice: also as {first!r}{also}",
                kpath,
                at_key=True,
            )
        seen[labels] = key
        items = reader.sequence(vector, kpath, f"the payoffs of ({', '.join(labels)})")
        if len(items) != n:
            raise reader.error(
                f"the profile ({', '.join(labels)}) has {len(items)} payoff(s); it needs "
                f"{n}, one per player ({order})",
                kpath,
            )
        out[labels] = tuple(
            reader.expression(v, (*kpath, i), "a payoff", names) for i, v in enumerate(items)
        )
    missing = [
        f"({', '.join(profile)})"
        for profile in product(*(p.actions for p in players))
        if profile not in out
    ]
    if missing:
        shown = ", ".join(missing[:_MAX_MISSING_SHOWN])
        more = len(missing) - _MAX_MISSING_SHOWN
        shown += f" and {more} more" if more > 0 else ""
        raise reader.error(
            f"payoffs are missing for {len(missing)} profile(s): {shown}",
            ("payoffs",),
            at_key=True,
        )
    return out


def _matrices(
    reader: Reader,
    spec: Mapping[str, Any],
    players: tuple[Player, ...],
    names: Mapping[str, Number],
) -> dict[tuple[str, ...], tuple[Expression, ...]]:
    per_player: list[dict[tuple[str, ...], Expression]] = []
    for player in players:
        ppath: KeyPath = ("payoffs", player.id)
        if player.id not in spec:
            raise reader.error(
                f"payoffs has matrices for {', '.join(spec)} but not for {player.id}", ppath
            )
        cells: dict[tuple[str, ...], Expression] = {}
        _array(reader, spec[player.id], ppath, players, (), cells, names)
        per_player.append(cells)
    return {
        profile: tuple(cells[profile] for cells in per_player)
        for profile in product(*(p.actions for p in players))
    }


def _array(
    reader: Reader,
    value: object,
    path: KeyPath,
    players: tuple[Player, ...],
    prefix: tuple[str, ...],
    cells: dict[tuple[str, ...], Expression],
    names: Mapping[str, Number],
) -> None:
    """One player's nested payoff list: axis k runs over player k's actions."""
    axis = len(prefix)
    if axis == len(players):
        cells[prefix] = reader.expression(value, path, "a payoff", names)
        return
    owner = players[axis]
    what = "rows" if axis == 0 and len(players) == 2 else "entries"
    if len(players) == 2 and axis == 1:
        what = "columns"
    items = reader.sequence(value, path, f"this payoff {'matrix' if axis == 0 else 'row'}")
    if len(items) != len(owner.actions):
        raise reader.error(
            f"expected {len(owner.actions)} {what}, one per action of {owner.id} "
            f"({', '.join(owner.actions)}), got {len(items)}",
            path,
        )
    for k, item in enumerate(items):
        _array(reader, item, (*path, k), players, (*prefix, owner.actions[k]), cells, names)


def read_empathy(
    reader: Reader,
    value: object,
    ids: list[str],
    names: Mapping[str, Number],
    model: str = "altruism",
) -> dict[str, Number | Expression]:
    """The ``empathy:`` section: each weight by name, a number or an expression.

    One-weight models: ``{PLAYER: weight}``.  Two-weight models
    (:data:`~gametrust.model.empathy.PAIR_WEIGHTS`): ``{PLAYER: {KEY: weight, ...}}``
    with both keys; the result is keyed ``PLAYER.KEY``.
    """
    path: KeyPath = ("empathy",)
    if value is None:
        return {}
    spec = reader.mapping(value, path, "empathy")
    keys = weight_keys(model)
    out: dict[str, Number | Expression] = {}
    for pid, weight in spec.items():
        wpath = (*path, pid)
        if pid not in ids:
            raise reader.error(
                f"empathy for unknown player {pid!r}{did_you_mean(str(pid), ids)}; "
                f"players are {', '.join(ids)}",
                wpath,
                at_key=True,
            )
        if not keys:
            if isinstance(weight, Mapping):
                raise reader.error(
                    f"the {model} empathy model takes one number per player; named weights "
                    f"are for empathy_model: {' or '.join(PAIR_WEIGHTS)}",
                    wpath,
                )
            expression = reader.expression(weight, wpath, "an empathy weight", names)
            out[pid] = expression if expression.names() else expression.evaluate({})
            continue
        example = ", ".join(f"{k}: ..." for k in keys)
        pair = reader.mapping(weight, wpath, f"the {model} weights of {pid} ({{{example}}})")
        for key in pair:
            if key not in keys:
                raise reader.error(
                    f"unknown {model} weight {key!r}{did_you_mean(str(key), keys)}; "
                    f"the weights are {', '.join(keys)}",
                    (*wpath, key),
                    at_key=True,
                )
        for key in keys:
            if key not in pair:
                raise reader.error(
                    f"missing {model} weight {key!r} of {pid} (give {' and '.join(keys)})",
                    wpath,
                )
            expression = reader.expression(pair[key], (*wpath, key), f"the weight {key}", names)
            out[f"{pid}.{key}"] = expression if expression.names() else expression.evaluate({})
    return out


def read_empathy_model(reader: Reader, value: object) -> str:
    """The ``empathy_model:`` key: one of the models of :mod:`gametrust.model.empathy`."""
    path: KeyPath = ("empathy_model",)
    model = reader.text(value, path, "empathy_model")
    if model not in EMPATHY_MODELS:
        raise reader.error(
            f"unknown empathy model {model!r}{did_you_mean(model, EMPATHY_MODELS)}; "
            f"choose one of {', '.join(EMPATHY_MODELS)}",
            path,
        )
    return model


def read_sources(reader: Reader, value: object) -> tuple[str, ...]:
    """The ``sources:`` key: one text, or a list of texts."""
    path: KeyPath = ("sources",)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    items = reader.sequence(value, path, "sources")
    return tuple(reader.text(v, (*path, k), "a source") for k, v in enumerate(items))
