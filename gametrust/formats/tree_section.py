"""Moves in time in a scenario file: the ``tree``, ``commitments``, ``verification`` and ``order`` sections.

A tree is written as nested mappings, one per node (the format is documented
in ``docs/scenario-format.md``)::

    tree:                                  # a decision node
      player: US
      moves:
        Relief:
          player: DPRK
          moves:
            Comply: {payoffs: [2, 2]}      # a terminal node: one payoff per player
            Cheat:  {payoffs: [-1, 3]}
        No relief: {payoffs: [0, 0]}

    chance:                                # a chance node
      alarm:    {probability: d,     then: {payoffs: [1, 0]}}
      no alarm: {probability: 1 - d, then: {payoffs: [0, 1]}}

A decision node may name its information set (``infoset: name``): nodes
sharing a name belong to one player, offer the same moves, and the player
cannot tell them apart.  The readers here take the located
:class:`~gametrust.formats.reader.Reader` and return a
:class:`~gametrust.model.tree.GameTree` of payoff
:class:`~gametrust.scenario.expression.Expression` objects and the move records of
:mod:`gametrust.scenario.moves`.  The checks that need the whole scenario (perfect
recall, probabilities at the parameter values) are in
:mod:`gametrust.scenario.treespec`; they raise
:class:`~gametrust.core.errors.ArgumentError` naming the key path, which the
loader turns into a located error.

>>> from gametrust.formats.yamlsource import load_yaml
>>> data, where = load_yaml('''
... tree:
...   player: Entrant
...   moves:
...     Out: {payoffs: [0, 2]}
...     In: {payoffs: [1, 1]}
... ''', "entry.yaml")
>>> tree = read_tree(Reader(where), data["tree"], ["Entrant", "Incumbent"], {})
>>> tree.node(("Out",)).payoffs
(Expression('0'), Expression('2'))
"""  # noqa: E501

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..core.errors import ArgumentError, did_you_mean
from ..core.exact import Number
from ..core.limits import ScenarioLimitError, check
from ..model.tree import Chance, Decision, GameTree, Node, Terminal
from ..scenario.expression import Expression
from ..scenario.moves import BOND, COMMITMENT_KINDS, HARD, Commitment, Verification
from .reader import KeyPath, Reader

__all__ = [
    "MAX_TREE_DEPTH",
    "read_commitments",
    "read_order",
    "read_tree",
    "read_verification",
]

#: Deepest tree a file may write (moves from the root to a terminal).
MAX_TREE_DEPTH = 100

_NODE_KEYS = ("player", "moves", "infoset", "chance", "payoffs")
_KIND_KEYS = {"decision": ("player", "moves", "infoset"), "chance": ("chance",),
              "terminal": ("payoffs",)}
_CHANCE_MOVE_KEYS = ("probability", "then")
_COMMITMENT_KEYS = ("player", "name", "actions", "kind", "bond", "cost")
_VERIFICATION_KEYS = ("verifier", "target", "violations", "detection", "false_alarm", "cost")


class _TreeReader:
    def __init__(self, reader: Reader, players: Sequence[str], names: Mapping[str, Number]):
        self.reader = reader
        self.players = list(players)
        self.names = names
        # information set name -> (player, moves, key path of its first node)
        self.infosets: dict[str, tuple[int, tuple[str, ...], KeyPath]] = {}

    def error(self, message: str, path: KeyPath, *, at_key: bool = False) -> Exception:
        return self.reader.error(message, path, at_key=at_key)

    def node(self, value: object, path: KeyPath, depth: int) -> Node:
        r = self.reader
        if depth > MAX_TREE_DEPTH:
            raise self.error(f"the tree is deeper than {MAX_TREE_DEPTH} moves", path)
        spec = r.mapping(value, path, "a tree node")
        r.keys(spec, path, _NODE_KEYS, (), "a tree node")
        kinds = [k for k in ("moves", "chance", "payoffs") if k in spec]
        if not kinds:
            raise self.error(
                "a tree node needs moves (a decision node, with its player), chance (a chance "
                "node) or payoffs (a terminal node)",
                path,
            )
        if len(kinds) > 1:
            raise self.error(
                f"a tree node has either moves, chance or payoffs; this one has "
                f"{' and '.join(kinds)}",
                (*path, kinds[1]),
                at_key=True,
            )
        kind = {"moves": "decision", "chance": "chance", "payoffs": "terminal"}[kinds[0]]
        for key in spec:
            if key not in _KIND_KEYS[kind]:
                raise self.error(
                    f"{key!r} does not belong in a {kind} node "
                    f"(it may have: {', '.join(_KIND_KEYS[kind])})",
                    (*path, key),
                    at_key=True,
                )
        if kind == "terminal":
            return self.terminal(spec["payoffs"], (*path, "payoffs"))
        if kind == "chance":
            return self.chance(spec["chance"], (*path, "chance"), depth)
        return self.decision(spec, path, depth)

    def terminal(self, value: object, path: KeyPath) -> Terminal:
        n = len(self.players)
        items = self.reader.sequence(value, path, "payoffs")
        if len(items) != n:
            raise self.error(
                f"a terminal node has {len(items)} payoff(s); it needs {n}, one per player "
                f"({', '.join(self.players)})",
                path,
                at_key=True,
            )
        return Terminal(
            tuple(
                self.reader.expression(v, (*path, i), "a payoff", self.names)
                for i, v in enumerate(items)
            )
        )

    def moves_mapping(self, value: object, path: KeyPath, what: str) -> Mapping[str, Any]:
        moves = self.reader.mapping(value, path, what)
        if not moves:
            raise self.error(f"{what} is empty: a node needs at least one move", path,
                             at_key=True)
        for label in moves:
            self.reader.label(label, (*path, label), "a move label")
        return moves

    def chance(self, value: object, path: KeyPath, depth: int) -> Chance:
        r = self.reader
        moves = self.moves_mapping(value, path, "chance")
        out = []
        for label, spec in moves.items():
            mpath = (*path, label)
            spec = r.mapping(spec, mpath, f"the chance move {label!r}")
            r.keys(spec, mpath, _CHANCE_MOVE_KEYS, _CHANCE_MOVE_KEYS, f"the chance move {label!r}")
            probability = r.expression(
                spec["probability"], (*mpath, "probability"), "a probability", self.names
            )
            child = self.node(spec["then"], (*mpath, "then"), depth + 1)
            out.append((label, probability, child))
        return Chance(tuple(out))

    def decision(self, spec: Mapping[str, Any], path: KeyPath, depth: int) -> Decision:
        r = self.reader
        if "player" not in spec:
            raise self.error("missing required key 'player' in a decision node (who moves?)",
                             (*path, "player"))
        ppath = (*path, "player")
        pid = r.text(spec["player"], ppath, "a player")
        if pid not in self.players:
            raise self.error(
                f"no player {pid!r}{did_you_mean(pid, self.players)}; the players are "
                f"{', '.join(self.players)}",
                ppath,
            )
        player = self.players.index(pid)
        mpath = (*path, "moves")
        moves = self.moves_mapping(spec["moves"], mpath, "moves")
        labels = tuple(moves)
        infoset = None
        if "infoset" in spec:
            ipath = (*path, "infoset")
            infoset = r.label(spec["infoset"], ipath, "an information set name")
            reserved = re.fullmatch(r"(.+):[0-9]+", infoset)
            if reserved and reserved.group(1) in self.players:
                raise self.error(
                    f"information set names like {infoset!r} (player:number) are reserved for "
                    "the nodes that name none",
                    ipath,
                )
            if infoset in self.infosets:
                first_player, first_labels, first_path = self.infosets[infoset]
                line = self.reader.where.location(first_path).line
                at = f" (line {line})" if line is not None else ""
                if first_player != player:
                    raise self.error(
                        f"information set {infoset!r} belongs to "
                        f"{self.players[first_player]}{at}, but this node is {pid}'s",
                        ppath,
                    )
                if set(first_labels) != set(labels):
                    raise self.error(
                        f"the nodes of information set {infoset!r} must offer the same moves: "
                        f"{', '.join(first_labels)}{at}, but here {', '.join(labels)}",
                        mpath,
                        at_key=True,
                    )
                labels = first_labels  # same moves, the first node's order
            else:
                self.infosets[infoset] = (player, labels, path)
        children = {
            label: self.node(moves[label], (*mpath, label), depth + 1) for label in moves
        }
        return Decision(player, tuple((label, children[label]) for label in labels), infoset)


def read_tree(
    reader: Reader, value: object, players: Sequence[str], names: Mapping[str, Number]
) -> GameTree:
    """The ``tree:`` section as a :class:`GameTree` of expressions (located errors)."""
    root = _TreeReader(reader, players, names).node(value, ("tree",), 0)
    try:
        return GameTree(tuple(players), root)
    except ArgumentError as exc:  # pragma: no cover - the reader checks all of it first
        raise reader.error(exc.message, ("tree",)) from None


def read_commitments(
    reader: Reader, value: object, names: Mapping[str, Number]
) -> tuple[Commitment, ...]:
    """The ``commitments:`` section: a list of commitments."""
    path: KeyPath = ("commitments",)
    items = reader.sequence(value, path, "commitments")
    check("commitments", len(items), "the scenario", reader.where.key_location(path),
          error=ScenarioLimitError)
    out = []
    for k, item in enumerate(items):
        cpath = (*path, k)
        spec = reader.mapping(item, cpath, "a commitment")
        reader.keys(spec, cpath, _COMMITMENT_KEYS, ("player", "name", "actions"), "a commitment")
        player = reader.text(spec["player"], (*cpath, "player"), "a player")
        name = reader.label(spec["name"], (*cpath, "name"), "a commitment name")
        apath = (*cpath, "actions")
        actions = tuple(
            reader.label(a, (*apath, j), "a move")
            for j, a in enumerate(reader.sequence(spec["actions"], apath, "actions"))
        )
        kind = HARD
        if "kind" in spec:
            kind = reader.text(spec["kind"], (*cpath, "kind"), "kind")
            if kind not in COMMITMENT_KINDS:
                raise reader.error(
                    f"unknown kind of commitment {kind!r}"
                    f"{did_you_mean(kind, COMMITMENT_KINDS)}; choose "
                    f"{HARD} (the other moves become unavailable) or {BOND} (a bond is "
                    "forfeited on breaking it)",
                    (*cpath, "kind"),
                )
        bond = None
        if kind == BOND:
            if "bond" not in spec:
                raise reader.error("a bond commitment needs a bond (bond: amount)",
                                   (*cpath, "bond"))
            bond = reader.expression(spec["bond"], (*cpath, "bond"), "a bond", names)
        elif "bond" in spec:
            raise reader.error("a bond needs kind: bond (this commitment is hard)",
                               (*cpath, "bond"), at_key=True)
        cost: Expression | int = 0
        if "cost" in spec:
            cost = reader.expression(spec["cost"], (*cpath, "cost"), "a cost", names)
        out.append(Commitment(player, name, actions, kind, bond, cost))  # type: ignore[arg-type]
    return tuple(out)


def read_verification(
    reader: Reader, value: object, names: Mapping[str, Number]
) -> Verification:
    """The ``verification:`` section."""
    path: KeyPath = ("verification",)
    spec = reader.mapping(value, path, "verification")
    required = ("verifier", "target", "violations", "detection", "false_alarm")
    reader.keys(spec, path, _VERIFICATION_KEYS, required, "verification")
    vpath = (*path, "violations")
    violations = tuple(
        reader.label(a, (*vpath, j), "an action")
        for j, a in enumerate(reader.sequence(spec["violations"], vpath, "violations"))
    )
    expressions = {
        key: reader.expression(spec[key], (*path, key), what, names)
        for key, what in (("detection", "a probability"), ("false_alarm", "a probability"),
                          ("cost", "a cost"))
        if key in spec
    }
    return Verification(
        reader.text(spec["verifier"], (*path, "verifier"), "a player"),
        reader.text(spec["target"], (*path, "target"), "a player"),
        violations,
        expressions["detection"],
        expressions["false_alarm"],
        expressions.get("cost", 0),  # type: ignore[arg-type]
    )


def read_order(reader: Reader, value: object) -> tuple[str, ...]:
    """The ``order:`` section: player ids, first mover first."""
    path: KeyPath = ("order",)
    items = reader.sequence(value, path, "order")
    return tuple(reader.text(v, (*path, k), "a player") for k, v in enumerate(items))
