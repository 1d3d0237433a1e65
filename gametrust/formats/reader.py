"""The located reader of scenario data: every value checked where it was written.

:class:`Reader` walks plain data loaded from YAML (with a
:class:`~gametrust.formats.yamlsource.SourceMap` of positions) and turns each
section into scenario values, raising one :class:`~gametrust.core.errors.ScenarioError`
that names the file, line, column and key path of the first problem.  The
section readers (trees, moves, types, claims) build on it.
"""

from __future__ import annotations

import dataclasses
import keyword
import math
import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import product
from typing import Any

from ..core.errors import ArgumentError, ScenarioError, did_you_mean
from ..core.exact import Number
from ..scenario.expression import Expression, constant, parse_expression, parse_number_safely
from ..scenario.moves import Commitment
from ..scenario.scenario import FORMAT_VERSION, Parameter, Player, Scenario
from ..scenario.treespec import read_commitments, read_order, read_tree, read_verification
from ..scenario.typespec import (
    BeliefSpec,
    PlayerType,
    Signalling,
    read_beliefs,
    read_signalling,
    read_types,
)
from .yamlsource import KeyPath, SourceMap

_TOP_KEYS = (
    "gametrust",
    "title",
    "description",
    "sources",
    "players",
    "parameters",
    "payoffs",
    "empathy",
    "empathy_model",
    "tree",
    "order",
    "verification",
    "commitments",
    "assumptions",
    "claims",
    "types",
    "signalling",
    "beliefs",
)
_TOP_REQUIRED = ("gametrust", "title", "players")
_PLAYER_KEYS = ("name", "actions")
_PARAMETER_KEYS = ("value", "range", "description")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_MAX_MISSING_SHOWN = 10


def kind_of(value: object) -> str:
    """How a person would call the type of a YAML value."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, Fraction, float, Decimal)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def short_text(text: str, limit: int = 60) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


def is_container(data: Any, path: KeyPath) -> bool:
    """True when the value at ``path`` is a mapping or list (errors then point at its key)."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, Mapping | list)


class Reader:
    """Validates plain scenario data; ``where`` supplies locations."""

    def __init__(self, where: SourceMap) -> None:
        self.where = where

    # -- errors --------------------------------------------------------------------------------

    def error(self, message: str, path: KeyPath, *, at_key: bool = False) -> ScenarioError:
        location = self.where.key_location(path) if at_key else self.where.location(path)
        return ScenarioError(message, location)

    # -- generic shapes ------------------------------------------------------------------------

    def mapping(self, value: object, path: KeyPath, what: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.error(f"{what} must be a mapping (key: value), not {kind_of(value)}", path)
        return value

    def sequence(self, value: object, path: KeyPath, what: str) -> list[Any]:
        if not isinstance(value, list | tuple):
            raise self.error(f"{what} must be a list, not {kind_of(value)}", path)
        return list(value)

    def keys(
        self,
        mapping: Mapping[str, Any],
        path: KeyPath,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
        where: str,
    ) -> None:
        for key in mapping:
            if key not in allowed:
                raise self.error(
                    f"unknown key {key!r}{did_you_mean(str(key), allowed)}; "
                    f"{where} may have: {', '.join(allowed)}",
                    (*path, key),
                    at_key=True,
                )
        for key in required:
            if key not in mapping:
                raise self.error(f"missing required key {key!r} in {where}", (*path, key))

    def text(self, value: object, path: KeyPath, what: str) -> str:
        """Text; a scalar YAML read as a number or boolean counts as the text written."""
        if isinstance(value, str):
            return value
        written = self.where.text(path)
        if written is not None and not isinstance(value, (Mapping, list, tuple, type(None))):
            return written
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        raise self.error(f"{what} must be text, not {kind_of(value)}", path)

    def label(self, value: object, path: KeyPath, what: str) -> str:
        """An id or action label: non-empty text without commas or surrounding spaces."""
        label = self.text(value, path, what)
        if not label.strip():
            raise self.error(f"{what} must not be empty", path)
        if label != label.strip():
            raise self.error(f"{what} {label!r} has leading or trailing spaces", path)
        if "," in label:
            raise self.error(
                f"{what} {label!r} contains a comma (commas separate actions in payoff keys)",
                path,
            )
        return label

    def number(self, value: object, path: KeyPath, what: str) -> Number:
        """An exact number: int, decimal (already exact from YAML), or ``"p/q"`` text."""
        if isinstance(value, bool) or not isinstance(value, int | Fraction | float | Decimal | str):
            raise self.error(f"{what} must be a number, not {kind_of(value)}", path)
        if isinstance(value, str):
            parsed = parse_number_safely(value)
            if parsed is None:
                raise self.error(
                    f"{what} must be a number (like 2, 0.5 or 2/3), not {short_text(value)}", path
                )
            return parsed
        if isinstance(value, float):
            if not math.isfinite(value):
                raise self.error(f"{what} must be a finite number, not {value}", path)
            return value
        return Fraction(value)

    def expression(
        self, value: object, path: KeyPath, what: str, names: Mapping[str, Number]
    ) -> Expression:
        """A payoff or weight: a number, or an expression over the parameters."""
        if isinstance(value, bool) or not isinstance(value, int | Fraction | float | Decimal | str):
            raise self.error(
                f"{what} must be a number or an expression of parameters, not {kind_of(value)}",
                path,
            )
        location = self.where.location(path)
        if isinstance(value, str):
            expression = parse_expression(value, self.where.text_location(path))
            expression.evaluate(names)  # unknown names, division by zero: located errors
            return expression
        return constant(self.number(value, path, what), location)

    # -- sections ------------------------------------------------------------------------------

    def version(self, data: Mapping[str, Any]) -> None:
        if "gametrust" not in data:
            raise self.error(
                f"missing required key 'gametrust' (the format version; write gametrust: "
                f"{FORMAT_VERSION})",
                ("gametrust",),
            )
        version = data["gametrust"]
        path = ("gametrust",)
        if isinstance(version, bool) or not isinstance(version, int):
            raise self.error(
                f"gametrust must be the format version number {FORMAT_VERSION}, "
                f"not {kind_of(version)}",
                path,
            )
        if version != FORMAT_VERSION:
            raise self.error(
                f"this file is scenario format version {version}; this gametrust reads version "
                f"{FORMAT_VERSION}",
                path,
            )

    def players(self, value: object, tree: bool = False) -> tuple[Any, ...]:
        """Players; in a tree scenario ``(id, name)`` pairs (the tree gives their moves)."""
        path: KeyPath = ("players",)
        players = self.mapping(value, path, "players")
        if not players:
            raise self.error("players must name at least one player", path)
        out: list[Any] = []
        for pid, spec in players.items():
            ppath = (*path, pid)
            pid = self.label(pid, ppath, "a player id")
            if "=" in pid:
                raise self.error(f"player id {pid!r} must not contain '='", ppath, at_key=True)
            if spec is None and tree:
                spec = {}
            spec = self.mapping(spec, ppath, f"player {pid}")
            self.keys(spec, ppath, _PLAYER_KEYS, () if tree else ("actions",), f"player {pid}")
            name = (
                self.text(spec["name"], (*ppath, "name"), "a player name")
                if "name" in spec
                else pid
            )
            if tree:
                if "actions" in spec:
                    raise self.error(
                        "in a scenario written as a tree, each player's moves come from the "
                        "tree; remove actions",
                        (*ppath, "actions"),
                        at_key=True,
                    )
                out.append((pid, name))
                continue
            apath = (*ppath, "actions")
            raw_actions = self.sequence(spec["actions"], apath, f"the actions of {pid}")
            if not raw_actions:
                raise self.error(f"player {pid} has no actions", apath)
            actions: list[str] = []
            for k, raw in enumerate(raw_actions):
                action = self.label(raw, (*apath, k), "an action")
                if action in actions:
                    raise self.error(
                        f"player {pid} has the action {action!r} twice "
                        f"(items {actions.index(action)} and {k})",
                        (*apath, k),
                    )
                actions.append(action)
            out.append(Player(pid, name, tuple(actions)))
        return tuple(out)

    def parameters(self, value: object) -> dict[str, Parameter]:
        path: KeyPath = ("parameters",)
        if value is None:
            return {}
        spec = self.mapping(value, path, "parameters")
        out: dict[str, Parameter] = {}
        for name, item in spec.items():
            ppath = (*path, name)
            if not isinstance(name, str) or not _IDENTIFIER.match(name) or keyword.iskeyword(name):
                raise self.error(
                    f"parameter name {name!r} must be an identifier (letters, digits and _, "
                    "not starting with a digit, not a Python keyword)",
                    ppath,
                    at_key=True,
                )
            description = ""
            low_high: tuple[Number, Number] | None = None
            if isinstance(item, Mapping):
                self.keys(item, ppath, _PARAMETER_KEYS, ("value",), f"parameter {name}")
                number = self.number(item["value"], (*ppath, "value"), f"the value of {name}")
                if "description" in item:
                    description = self.text(
                        item["description"], (*ppath, "description"), "a description"
                    )
                if "range" in item:
                    low_high = self.range(item["range"], (*ppath, "range"), name, number)
            else:
                number = self.number(item, ppath, f"parameter {name}")
            out[name] = Parameter(name, number, low_high, description)
        return out

    def range(
        self, value: object, path: KeyPath, name: str, number: Number
    ) -> tuple[Number, Number]:
        bounds = self.sequence(value, path, f"the range of {name}")
        if len(bounds) != 2:
            raise self.error(
                f"the range of {name} must be [low, high], got {len(bounds)} items", path
            )
        low = self.number(bounds[0], (*path, 0), "a range bound")
        high = self.number(bounds[1], (*path, 1), "a range bound")
        if low > high:
            raise self.error(f"the range of {name} has low {low} > high {high}", path)
        if not low <= number <= high:
            raise self.error(
                f"the value {number} of {name} is outside its range [{low}, {high}]",
                (*path[:-1], "value"),
            )
        return (low, high)

    def payoffs(
        self, value: object, players: tuple[Player, ...], names: Mapping[str, Number]
    ) -> dict[tuple[str, ...], tuple[Expression, ...]]:
        path: KeyPath = ("payoffs",)
        spec = self.mapping(value, path, "payoffs")
        if not spec:
            raise self.error("payoffs is empty", path)
        ids = [p.id for p in players]
        is_profile = len(players) == 1 and any(k in players[0].actions for k in spec)
        if all(k in ids for k in spec) and not is_profile:
            return self.matrices(spec, players, names)
        return self.profiles(spec, players, names)

    def profiles(
        self, spec: Mapping[str, Any], players: tuple[Player, ...], names: Mapping[str, Number]
    ) -> dict[tuple[str, ...], tuple[Expression, ...]]:
        n = len(players)
        order = ", ".join(p.id for p in players)
        seen: dict[tuple[str, ...], str] = {}
        out: dict[tuple[str, ...], tuple[Expression, ...]] = {}
        for key, vector in spec.items():
            kpath: KeyPath = ("payoffs", key)
            if not isinstance(key, str):
                raise self.error(f"a profile must be text like 'A, B', not {key!r}", kpath)
            labels = tuple(part.strip() for part in key.split(","))
            if len(labels) != n:
                hint = ""
                if key in (p.id for p in players):
                    hint = " (payoffs are either one entry per profile or one matrix per player)"
                raise self.error(
                    f"the profile {key!r} names {len(labels)} action(s); a profile names one "
                    f"action per player ({order}), separated by commas{hint}",
                    kpath,
                    at_key=True,
                )
            for player, label in zip(players, labels, strict=True):
                if label not in player.actions:
                    raise self.error(
                        f"{label!r} is not an action of {player.id}"
                        f"{did_you_mean(label, player.actions)}; its actions are "
                        f"{', '.join(player.actions)}",
                        kpath,
                        at_key=True,
                    )
            if labels in seen:
                first = seen[labels]
                line = self.where.key_location(("payoffs", first)).line
                also = f" at line {line}" if line is not None else ""
                raise self.error(
                    f"the profile ({', '.join(labels)}) is given twice: also as {first!r}{also}",
                    kpath,
                    at_key=True,
                )
            seen[labels] = key
            items = self.sequence(vector, kpath, f"the payoffs of ({', '.join(labels)})")
            if len(items) != n:
                raise self.error(
                    f"the profile ({', '.join(labels)}) has {len(items)} payoff(s); it needs "
                    f"{n}, one per player ({order})",
                    kpath,
                )
            out[labels] = tuple(
                self.expression(v, (*kpath, i), "a payoff", names) for i, v in enumerate(items)
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
            raise self.error(
                f"payoffs are missing for {len(missing)} profile(s): {shown}",
                ("payoffs",),
                at_key=True,
            )
        return out

    def matrices(
        self, spec: Mapping[str, Any], players: tuple[Player, ...], names: Mapping[str, Number]
    ) -> dict[tuple[str, ...], tuple[Expression, ...]]:
        per_player: list[dict[tuple[str, ...], Expression]] = []
        for player in players:
            ppath: KeyPath = ("payoffs", player.id)
            if player.id not in spec:
                raise self.error(
                    f"payoffs has matrices for {', '.join(spec)} but not for {player.id}", ppath
                )
            cells: dict[tuple[str, ...], Expression] = {}
            self.array(spec[player.id], ppath, players, (), cells, names)
            per_player.append(cells)
        return {
            profile: tuple(cells[profile] for cells in per_player)
            for profile in product(*(p.actions for p in players))
        }

    def array(
        self,
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
            cells[prefix] = self.expression(value, path, "a payoff", names)
            return
        owner = players[axis]
        what = "rows" if axis == 0 and len(players) == 2 else "entries"
        if len(players) == 2 and axis == 1:
            what = "columns"
        items = self.sequence(value, path, f"this payoff {'matrix' if axis == 0 else 'row'}")
        if len(items) != len(owner.actions):
            raise self.error(
                f"expected {len(owner.actions)} {what}, one per action of {owner.id} "
                f"({', '.join(owner.actions)}), got {len(items)}",
                path,
            )
        for k, item in enumerate(items):
            self.array(item, (*path, k), players, (*prefix, owner.actions[k]), cells, names)

    def empathy(
        self, value: object, ids: list[str], names: Mapping[str, Number]
    ) -> dict[str, Number | Expression]:
        path: KeyPath = ("empathy",)
        if value is None:
            return {}
        spec = self.mapping(value, path, "empathy")
        out: dict[str, Number | Expression] = {}
        for pid, weight in spec.items():
            wpath = (*path, pid)
            if pid not in ids:
                raise self.error(
                    f"empathy for unknown player {pid!r}{did_you_mean(str(pid), ids)}; "
                    f"players are {', '.join(ids)}",
                    wpath,
                    at_key=True,
                )
            expression = self.expression(weight, wpath, "an empathy weight", names)
            out[pid] = expression if expression.names() else expression.evaluate({})
        return out

    def empathy_model(self, value: object) -> str:
        from ..model.empathy import EMPATHY_MODELS

        path: KeyPath = ("empathy_model",)
        model = self.text(value, path, "empathy_model")
        if model not in EMPATHY_MODELS:
            raise self.error(
                f"unknown empathy model {model!r}{did_you_mean(model, EMPATHY_MODELS)}; "
                f"choose one of {', '.join(EMPATHY_MODELS)}",
                path,
            )
        return model

    def sources(self, value: object) -> tuple[str, ...]:
        path: KeyPath = ("sources",)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        items = self.sequence(value, path, "sources")
        return tuple(self.text(v, (*path, k), "a source") for k, v in enumerate(items))

    # -- the whole document --------------------------------------------------------------------

    def scenario(self, data: object, path: str | None) -> Scenario:
        data = self.mapping(data, (), "the top level")
        self.version(data)
        self.keys(data, (), _TOP_KEYS, _TOP_REQUIRED, "the top level")
        title = self.text(data["title"], ("title",), "title")
        if not title.strip():
            raise self.error("title must not be empty", ("title",))
        description = ""
        if data.get("description") is not None:
            description = self.text(data["description"], ("description",), "description")
        is_tree = "tree" in data
        if is_tree and "payoffs" in data:
            raise self.error(
                "a scenario has either payoffs (a normal-form game) or a tree, not both",
                ("tree",),
                at_key=True,
            )
        if not is_tree and "payoffs" not in data:
            raise self.error(
                "missing required key 'payoffs' (or 'tree', for a game with moves in time) "
                "in the top level",
                ("payoffs",),
            )
        players = self.players(data["players"], tree=is_tree)
        ids = [p[0] if is_tree else p.id for p in players]
        parameters = self.parameters(data.get("parameters"))
        values = {name: p.value for name, p in parameters.items()}
        payoffs = {} if is_tree else self.payoffs(data["payoffs"], players, values)
        stage_tree = read_tree(self, data["tree"], ids, values) if is_tree else None
        order: tuple[str, ...] = ()
        if data.get("order") is not None:
            order = read_order(self, data["order"])
        verification = None
        if data.get("verification") is not None:
            verification = read_verification(self, data["verification"], values)
        commitments: tuple[Commitment, ...] = ()
        if data.get("commitments") is not None:
            commitments = read_commitments(self, data["commitments"], values)
        types: dict[str, tuple[PlayerType, ...]] = {}
        if data.get("types") is not None:
            if is_tree:
                raise self.error("types are for normal-form stage games (payoffs:), not trees",
                                 ("types",), at_key=True)
            types = read_types(self, data["types"], players, values)
        signalling: Signalling | None = None
        if data.get("signalling") is not None:
            signalling = read_signalling(self, data["signalling"], players, types, values)
        beliefs: BeliefSpec | None = None
        if data.get("beliefs") is not None:
            beliefs = read_beliefs(self, data["beliefs"], players, types)
        empathy = self.empathy(data.get("empathy"), ids, values)
        model = "altruism"
        if "empathy_model" in data:
            model = self.empathy_model(data["empathy_model"])
        try:
            scenario = Scenario(
                title=title,
                description=description,
                sources=self.sources(data.get("sources")),
                players=players,
                parameters=parameters,
                payoffs=payoffs,
                empathy=empathy,
                empathy_model=model,
                path=path,
                stage_tree=stage_tree,
                commitments=commitments,
                verification=verification,
                order=order,
                source_map=self.where,
                types=types,
                signalling=signalling,
                beliefs=beliefs,
            )
        except ArgumentError as exc:  # the checks of moves in time that need the whole game
            raise self.error(
                exc.message, exc.location.path, at_key=is_container(data, exc.location.path)
            ) from None
        # -- claims hook (gametrust check): parsing lives in gametrust/claims_format.py ---------
        if data.get("assumptions") is not None or data.get("claims") is not None:
            from .claims_format import parse_claims

            assumptions, claims = parse_claims(data, self.where, scenario)
            scenario = dataclasses.replace(scenario, assumptions=assumptions, claims=claims)
        return scenario


