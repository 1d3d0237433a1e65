"""Scenarios as plain data in the file format, both ways: the whole document.

:func:`scenario_from_data` validates plain data (what ``yaml.safe_load``
gives, or :func:`~gametrust.formats.yamlsource.load_yaml` with positions)
and builds a :class:`~gametrust.scenario.scenario.Scenario`; it reads the
top level here and each section with the section readers
(:mod:`~gametrust.formats.game_section`, :mod:`~gametrust.formats.tree_section`,
:mod:`~gametrust.formats.types_section`, :mod:`~gametrust.formats.claims_format`).
:func:`scenario_to_data` writes a scenario back as plain data that
``yaml.safe_dump`` can write without losing exactness.

>>> s = scenario_from_data({
...     "gametrust": 1, "title": "Coordination",
...     "players": {"A": {"actions": ["L", "R"]}, "B": {"actions": ["L", "R"]}},
...     "payoffs": {"A": [[1, 0], [0, 1]], "B": [[1, 0], [0, 1]]},
... })
>>> s.base_game().payoff(("R", "R"))
(Fraction(1, 1), Fraction(1, 1))
>>> scenario_to_data(s)["payoffs"]
{'L, L': [1, 1], 'L, R': [0, 0], 'R, L': [0, 0], 'R, R': [1, 1]}
>>> scenario_from_data(scenario_to_data(s)) == s
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from ..core.errors import ArgumentError
from ..core.exact import Number
from ..model.empathy import PAIR_WEIGHTS
from ..model.tree import Chance, GameTree, Terminal
from ..scenario.expression import Expression
from ..scenario.leadership import Leadership
from ..scenario.moves import Commitment
from ..scenario.scenario import Scenario
from ..scenario.source_map import SourceMap
from ..scenario.typespec import BeliefSpec, PlayerType, Signalling
from .game_section import (
    read_empathy,
    read_empathy_model,
    read_parameters,
    read_payoffs,
    read_players,
    read_sources,
)
from .reader import Reader, is_container, kind_of
from .tree_section import read_commitments, read_order, read_tree, read_verification
from .types_section import read_beliefs, read_signalling, read_types

__all__ = [
    "FORMAT_VERSION",
    "read_scenario",
    "read_version",
    "scenario_from_data",
    "scenario_to_data",
]

#: The scenario file format version this gametrust reads and writes.
FORMAT_VERSION = 1

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
    "repeated",
    "leadership",
)
_TOP_REQUIRED = ("gametrust", "title", "players")


def scenario_from_data(
    data: Mapping[str, Any],
    where: SourceMap | None = None,
    *,
    file: str | None = None,
    path: str | None = None,
) -> Scenario:
    """Validate plain data in the file format and build a :class:`Scenario`.

    ``where`` gives line and column numbers (from :func:`~gametrust.formats.yamlsource.load_yaml`);
    without it errors are located by ``file`` and key path only.  ``path`` is
    the file the scenario is remembered to come from (:attr:`Scenario.path`).
    Raises :class:`~gametrust.core.errors.ScenarioError` located by key path.

    >>> scenario_from_data({"gametrust": 1, "title": "t", "players": {}, "payoffs": {}},
    ...                    file="t.yaml")
    Traceback (most recent call last):
    ...
    gametrust.core.errors.ScenarioError: t.yaml: players: players must name at least one player
    """
    reader = Reader(where if where is not None else SourceMap.empty(file))
    return read_scenario(reader, data, path)


def read_version(reader: Reader, data: Mapping[str, Any]) -> None:
    """The ``gametrust:`` key: the format version, which must be :data:`FORMAT_VERSION`."""
    if "gametrust" not in data:
        raise reader.error(
            f"missing required key 'gametrust' (the format version; write gametrust: "
            f"{FORMAT_VERSION})",
            ("gametrust",),
        )
    version = data["gametrust"]
    path = ("gametrust",)
    if isinstance(version, bool) or not isinstance(version, int):
        raise reader.error(
            f"gametrust must be the format version number {FORMAT_VERSION}, "
            f"not {kind_of(version)}",
            path,
        )
    if version != FORMAT_VERSION:
        raise reader.error(
            f"this file is scenario format version {version}; this gametrust reads version "
            f"{FORMAT_VERSION}",
            path,
        )


def read_scenario(reader: Reader, data: object, path: str | None = None) -> Scenario:
    """The whole document: every section read and checked, then the :class:`Scenario`."""
    data = reader.mapping(data, (), "the top level")
    read_version(reader, data)
    reader.keys(data, (), _TOP_KEYS, _TOP_REQUIRED, "the top level")
    title = reader.text(data["title"], ("title",), "title")
    if not title.strip():
        raise reader.error("title must not be empty", ("title",))
    description = ""
    if data.get("description") is not None:
        description = reader.text(data["description"], ("description",), "description")
    is_tree = "tree" in data
    if is_tree and "payoffs" in data:
        raise reader.error(
            "a scenario has either payoffs (a normal-form game) or a tree, not both",
            ("tree",),
            at_key=True,
        )
    if not is_tree and "payoffs" not in data:
        raise reader.error(
            "missing required key 'payoffs' (or 'tree', for a game with moves in time) "
            "in the top level",
            ("payoffs",),
        )
    players = read_players(reader, data["players"], tree=is_tree)
    ids = [p[0] if is_tree else p.id for p in players]
    parameters = read_parameters(reader, data.get("parameters"))
    values = {name: p.value for name, p in parameters.items()}
    payoffs = {} if is_tree else read_payoffs(reader, data["payoffs"], players, values)
    stage_tree = read_tree(reader, data["tree"], ids, values) if is_tree else None
    order: tuple[str, ...] = ()
    if data.get("order") is not None:
        order = read_order(reader, data["order"])
    verification = None
    if data.get("verification") is not None:
        verification = read_verification(reader, data["verification"], values)
    commitments: tuple[Commitment, ...] = ()
    if data.get("commitments") is not None:
        commitments = read_commitments(reader, data["commitments"], values)
    for section in ("types", "signalling", "beliefs"):
        if is_tree and data.get(section) is not None:
            raise reader.error(f"a {section}: section is for normal-form stage games "
                               "(payoffs:), not trees", (section,), at_key=True)
    types: dict[str, tuple[PlayerType, ...]] = {}
    if data.get("types") is not None:
        types = read_types(reader, data["types"], players, values)
    signalling: Signalling | None = None
    if data.get("signalling") is not None:
        signalling = read_signalling(reader, data["signalling"], players, types, values)
    beliefs: BeliefSpec | None = None
    if data.get("beliefs") is not None:
        beliefs = read_beliefs(reader, data["beliefs"], players, types)
    repeated = None
    if data.get("repeated") is not None:
        from .repeated_section import read_repeated

        if is_tree:
            raise reader.error("a repeated: section is for normal-form stage games (payoffs:), "
                               "not trees", ("repeated",), at_key=True)
        repeated = read_repeated(reader, data["repeated"], players, values)
    leadership = None
    if data.get("leadership") is not None:
        leadership = read_leadership(reader, data["leadership"])
    model = "altruism"
    if "empathy_model" in data:
        model = read_empathy_model(reader, data["empathy_model"])
    empathy = read_empathy(reader, data.get("empathy"), ids, values, model)
    try:
        scenario = Scenario(
            title=title,
            description=description,
            sources=read_sources(reader, data.get("sources")),
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
            source_map=reader.where,
            types=types,
            signalling=signalling,
            beliefs=beliefs,
            repeated=repeated,
            leadership=leadership,
        )
    except ArgumentError as exc:  # the checks of moves in time that need the whole game
        raise reader.error(
            exc.message, exc.location.path, at_key=is_container(data, exc.location.path)
        ) from None
    idle = [p.id for p in scenario.players if not p.actions] if is_tree else []
    if idle:  # in a scenario file a listed player who never moves is most likely a slip
        raise reader.error(f"player {idle[0]!r} never moves in the tree", ("players", idle[0]),
                           at_key=True)
    # -- claims hook (gametrust check): parsing lives in formats/claims_format.py -----------
    if data.get("assumptions") is not None or data.get("claims") is not None:
        from .claims_format import parse_claims

        assumptions, claims = parse_claims(data, reader.where, scenario)
        scenario = dataclasses.replace(scenario, assumptions=assumptions, claims=claims)
    return scenario


def read_leadership(reader: Reader, value: object) -> Leadership:
    """The ``leadership:`` section: ``{leader: PLAYER}`` (the other player follows)."""
    path = ("leadership",)
    spec = reader.mapping(value, path, "leadership")
    reader.keys(spec, path, ("leader",), ("leader",), "leadership")
    return Leadership(reader.text(spec["leader"], (*path, "leader"), "a player"))


def scenario_to_data(scenario: Scenario) -> dict[str, Any]:
    """Plain data in the file format (format version 1); :func:`scenario_from_data` reads it back.

    Exact numbers are written as ints or ``"p/q"`` strings, so the data
    can be dumped with ``yaml.safe_dump(data, sort_keys=False)`` without
    losing exactness (keep ``sort_keys=False``: player order matters).
    """

    def plain(value: Number) -> int | float | str:
        if isinstance(value, float):
            return value
        return value.numerator if value.denominator == 1 else str(value)

    def written(expression: Expression | Number) -> int | float | str:
        if not isinstance(expression, Expression):
            return plain(expression)
        if expression.is_constant():
            return plain(expression.evaluate({}))
        return expression.source

    data: dict[str, Any] = {"gametrust": FORMAT_VERSION, "title": scenario.title}
    if scenario.description:
        data["description"] = scenario.description
    if scenario.sources:
        data["sources"] = list(scenario.sources)
    if scenario.stage_tree is not None:
        data["players"] = {p.id: {"name": p.name} for p in scenario.players}
    else:
        data["players"] = {
            p.id: {"name": p.name, "actions": list(p.actions)} for p in scenario.players
        }
    if scenario.parameters:
        parameters: dict[str, Any] = {}
        for name, parameter in scenario.parameters.items():
            entry: dict[str, Any] = {"value": plain(parameter.value)}
            if parameter.range is not None:
                entry["range"] = [plain(v) for v in parameter.range]
            if parameter.description:
                entry["description"] = parameter.description
            parameters[name] = entry
        data["parameters"] = parameters
    if scenario.stage_tree is not None:
        data["tree"] = _node_data(scenario.stage_tree, scenario.stage_tree.root, written)
    else:
        data["payoffs"] = {
            ", ".join(profile): [written(e) for e in vector]
            for profile, vector in scenario.payoffs.items()
        }
    if scenario.order:
        data["order"] = list(scenario.order)
    if scenario.leadership is not None:
        data["leadership"] = {"leader": scenario.leadership.leader}
    if scenario.verification is not None:
        v = scenario.verification
        verification: dict[str, Any] = {
            "verifier": v.verifier,
            "target": v.target,
            "violations": list(v.violations),
            "detection": written(v.detection),
            "false_alarm": written(v.false_alarm),
        }
        if not (v.cost.is_constant() and v.cost.evaluate({}) == 0):
            verification["cost"] = written(v.cost)
        data["verification"] = verification
    if scenario.commitments:
        commitments = []
        for c in scenario.commitments:
            entry = {"player": c.player, "name": c.name, "actions": list(c.actions),
                     "kind": c.kind}
            if c.bond is not None:
                entry["bond"] = written(c.bond)
            if not (c.cost.is_constant() and c.cost.evaluate({}) == 0):
                entry["cost"] = written(c.cost)
            commitments.append(entry)
        data["commitments"] = commitments
    if scenario.types:
        data["types"] = {
            pid: {
                t.name: {"prior": written(t.prior)} | ({"payoffs": {
                    ", ".join(k): [written(e) for e in v] for k, v in t.payoffs.items()
                }} if t.payoffs else {})
                for t in entries
            }
            for pid, entries in scenario.types.items()
        }
    if scenario.signalling is not None:
        sig = scenario.signalling
        data["signalling"] = {"sender": sig.sender, "receiver": sig.receiver,
                              "signals": list(sig.signals)}
        if sig.stage != "sequential":
            data["signalling"]["stage"] = sig.stage
        if sig.cost:
            data["signalling"]["cost"] = {
                t: {m: written(c) for m, c in row.items()} for t, row in sig.cost.items()
            }
    empathy: dict[str, Any] = {}
    for name, w in scenario.empathy.items():
        pid, _, key = name.rpartition(".")
        if scenario.empathy_model in PAIR_WEIGHTS:  # {PLAYER: {KEY: weight}}
            empathy.setdefault(pid, {})[key] = written(w)
        else:
            empathy[name] = written(w)
    data["empathy"] = empathy
    data["empathy_model"] = scenario.empathy_model
    if scenario.repeated is not None:
        from .repeated_section import repeated_to_data

        data["repeated"] = repeated_to_data(scenario.repeated, written)
    return data


def _node_data(tree: GameTree, node: Any, written: Any) -> dict[str, Any]:
    """A tree node in the file format."""
    if isinstance(node, Terminal):
        return {"payoffs": [written(e) for e in node.payoffs]}
    if isinstance(node, Chance):
        return {
            "chance": {
                label: {"probability": written(p), "then": _node_data(tree, child, written)}
                for label, p, child in node.moves
            }
        }
    data: dict[str, Any] = {"player": tree.players[node.player]}
    if node.infoset is not None:
        data["infoset"] = node.infoset
    data["moves"] = {label: _node_data(tree, child, written) for label, child in node.moves}
    return data
