"""Game trees: moves in time, chance, and what each player can observe.

A :class:`GameTree` is an immutable value made of three kinds of node:

:class:`Decision`
    a player chooses one of its labelled moves; ``infoset`` names the
    information set (nodes the player cannot tell apart — they must offer the
    same move labels); by default every decision node is its own set.
:class:`Chance`
    nature picks a move with the given probabilities (they sum to 1).
:class:`Terminal`
    the game ends with one payoff per player.

Values (payoffs, probabilities) are generic: a scenario holds payoff
:class:`~gametrust.scenario.expression.Expression` objects, a built tree holds exact
``Fraction`` (or ``float``) numbers, the sweep holds polynomials.
:meth:`GameTree.map_values` converts between them.

>>> from fractions import Fraction as F
>>> t = GameTree(("DPRK", "US"), Decision(0, (
...         ("Freeze", Decision(1, (("Relief", Terminal((F(3), F(3)))),
...                                 ("Sanction", Terminal((F(0), F(2))))))),
...         ("Arm", Terminal((F(1), F(1)))))))
>>> [i.id for i in t.infosets]
['DPRK:1', 'US:1']
>>> t.describe_path(("Freeze", "Relief"))
'DPRK Freeze -> US Relief'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any, Union

from ..core.errors import ArgumentError, fail
from ..core.exact import format_number

__all__ = ["Chance", "Decision", "GameTree", "InfoSet", "Node", "Terminal"]

Path = tuple[str, ...]


@dataclass(frozen=True)
class Terminal:
    """The end of play: one payoff per player (in player order)."""

    payoffs: tuple[Any, ...]
    label: str = ""


@dataclass(frozen=True)
class Chance:
    """Nature moves: ``moves`` is ``((label, probability, child), ...)``."""

    moves: tuple[tuple[str, Any, Node], ...]
    label: str = ""


@dataclass(frozen=True)
class Decision:
    """Player ``player`` (an index) chooses: ``moves`` is ``((label, child), ...)``.

    ``infoset`` names the information set; ``None`` gives the node its own set.
    """

    player: int
    moves: tuple[tuple[str, Node], ...]
    infoset: str | None = None
    label: str = ""

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(label for label, _ in self.moves)


Node = Union[Terminal, Chance, Decision]  # noqa: UP007 - runtime alias used in annotations


@dataclass(frozen=True)
class InfoSet:
    """An information set: the player, its move labels and the paths of its nodes."""

    id: str
    player: int
    actions: tuple[str, ...]
    paths: tuple[Path, ...]


def _text(value: Any) -> str:
    """A number as exact text; an expression (a scenario's tree before it is built) as written."""
    try:
        return format_number(value)
    except TypeError:
        return str(value)


def _error(message: str, *path: str | int) -> ArgumentError:
    return fail(message, "tree", *path)


@dataclass(frozen=True, eq=False)
class GameTree:
    """An extensive-form game: players (ids, in payoff order) and a root node."""

    players: tuple[str, ...]
    root: Node
    title: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "players", tuple(self.players))
        self.infosets  # noqa: B018 - validates the tree

    # -- structure ----------------------------------------------------------------------------

    def nodes(self) -> Iterator[tuple[Path, Node]]:
        """Every node with its path (the move labels from the root), in pre-order."""
        stack: list[tuple[Path, Node]] = [((), self.root)]
        while stack:
            path, node = stack.pop()
            yield path, node
            if isinstance(node, Decision):
                children = [((*path, label), child) for label, child in node.moves]
            elif isinstance(node, Chance):
                children = [((*path, label), child) for label, _, child in node.moves]
            else:
                children = []
            stack.extend(reversed(children))

    def node(self, path: Sequence[str]) -> Node:
        current: Node = self.root
        for label in path:
            if isinstance(current, Decision):
                current = dict(current.moves)[label]
            elif isinstance(current, Chance):
                current = {m[0]: m[2] for m in current.moves}[label]
            else:
                raise KeyError(label)
        return current

    @cached_property
    def infosets(self) -> tuple[InfoSet, ...]:
        """Information sets in the order their first node is met (pre-order)."""
        found: dict[str, InfoSet] = {}
        counters = [0] * len(self.players)
        # names given explicitly are never reused for a node's own (automatic) set
        explicit = {n.infoset for _, n in self.nodes() if isinstance(n, Decision) and n.infoset}
        for path, node in self.nodes():
            if isinstance(node, Terminal):
                if len(node.payoffs) != len(self.players):
                    raise _error(
                        f"the terminal node at {_show_path(path)} has {len(node.payoffs)} "
                        f"payoffs for {len(self.players)} players",
                        *path,
                    )
                continue
            if isinstance(node, Chance):
                if not node.moves:
                    raise _error(f"the chance node at {_show_path(path)} has no moves", *path)
                self._check_labels([m[0] for m in node.moves], path)
                continue
            if not 0 <= node.player < len(self.players):
                raise _error(f"no player number {node.player}", *path)
            if not node.moves:
                raise _error(f"the decision node at {_show_path(path)} has no moves", *path)
            self._check_labels(node.actions, path)
            if node.infoset is None:
                counters[node.player] += 1
                key = f"{self.players[node.player]}:{counters[node.player]}"
                while key in found or key in explicit:
                    counters[node.player] += 1
                    key = f"{self.players[node.player]}:{counters[node.player]}"
            else:
                key = node.infoset
            if key in found:
                info = found[key]
                if info.player != node.player:
                    raise _error(
                        f"information set {key!r} holds nodes of {self.players[info.player]} "
                        f"and of {self.players[node.player]}",
                        *path,
                    )
                if info.actions != node.actions:
                    raise _error(
                        f"information set {key!r} offers {list(info.actions)} at "
                        f"{_show_path(info.paths[0])} but {list(node.actions)} at "
                        f"{_show_path(path)}",
                        *path,
                    )
                found[key] = InfoSet(key, info.player, info.actions, (*info.paths, path))
            else:
                found[key] = InfoSet(key, node.player, node.actions, (path,))
        return tuple(found.values())

    def _check_labels(self, labels: Sequence[str], path: Path) -> None:
        if len(set(labels)) != len(labels):
            raise _error(f"duplicate move labels {list(labels)} at {_show_path(path)}", *path)

    @cached_property
    def infoset_of(self) -> dict[Path, str]:
        """The information set id of every decision node, by path."""
        return {p: info.id for info in self.infosets for p in info.paths}

    def player_infosets(self, player: int) -> tuple[InfoSet, ...]:
        return tuple(i for i in self.infosets if i.player == player)

    @property
    def perfect_information(self) -> bool:
        return all(len(i.paths) == 1 for i in self.infosets)

    @property
    def exact(self) -> bool:
        """True when every payoff and probability is a rational number."""
        for _, node in self.nodes():
            if isinstance(node, Terminal) and any(isinstance(v, float) for v in node.payoffs):
                return False
            if isinstance(node, Chance) and any(isinstance(m[1], float) for m in node.moves):
                return False
        return True

    # -- transformations --------------------------------------------------------------------

    def map_values(
        self,
        payoffs: Callable[[tuple[Any, ...]], tuple[Any, ...]],
        probability: Callable[[Any], Any] = lambda p: p,
    ) -> GameTree:
        """The same tree with every terminal payoff vector and probability mapped."""

        def walk(node: Node) -> Node:
            if isinstance(node, Terminal):
                return Terminal(tuple(payoffs(node.payoffs)), node.label)
            if isinstance(node, Chance):
                return Chance(
                    tuple((lab, probability(p), walk(c)) for lab, p, c in node.moves), node.label
                )
            return Decision(
                node.player, tuple((lab, walk(c)) for lab, c in node.moves), node.infoset,
                node.label,
            )

        return GameTree(self.players, walk(self.root), self.title)

    def check_probabilities(self) -> None:
        """Numeric trees: every chance distribution is non-negative and sums to 1."""
        for path, node in self.nodes():
            if isinstance(node, Chance):
                probs = [m[1] for m in node.moves]
                if any(p < 0 for p in probs):
                    raise _error(
                        f"negative probability at {_show_path(path)}: {probs}", *path
                    )
                total = sum(probs, Fraction(0))
                off = abs(total - 1)
                if off > (0 if all(isinstance(p, Fraction) for p in probs) else 1e-9):
                    raise _error(
                        f"the probabilities at {_show_path(path)} sum to {total}, not 1", *path
                    )

    # -- subgames -------------------------------------------------------------------------

    @cached_property
    def subgame_roots(self) -> tuple[Path, ...]:
        """Paths of the nodes that start a proper subgame (the root included), pre-order.

        A node starts a subgame when every information set met below it lies
        entirely below it, and its own information set is a singleton.
        """
        below: dict[Path, set[str]] = {}
        roots = []
        for path, node in self.nodes():
            if isinstance(node, Terminal):
                continue
            sets = {
                self.infoset_of[p]
                for p, n in self.nodes()
                if isinstance(n, Decision) and p[: len(path)] == path
            }
            below[path] = sets
            closed = all(
                all(q[: len(path)] == path for q in self._infoset_paths[s]) for s in sets
            )
            if closed:
                roots.append(path)
        return tuple(roots)

    def inner_subgames(self, root: Path) -> tuple[Path, ...]:
        """The roots of the proper subgames directly below the subgame at ``root``."""
        roots = self.subgame_roots
        below = [r for r in roots if len(r) > len(root) and r[: len(root)] == root]
        return tuple(
            r for r in below
            if not any(len(q) < len(r) and r[: len(q)] == q for q in below)
        )

    def subgame(self, root: Path, values: dict[Path, tuple[Any, ...]] | None = None) -> GameTree:
        """The subgame at ``root``, each subgame at a path of ``values`` replaced by a terminal
        with those payoffs; information sets keep this tree's ids."""
        cut = values or {}
        infoset_of = self.infoset_of

        def walk(path: Path, node: Node) -> Node:
            if path in cut and path != root:
                return Terminal(tuple(cut[path]))
            if isinstance(node, Terminal):
                return node
            if isinstance(node, Chance):
                return Chance(
                    tuple((lab, p, walk((*path, lab), c)) for lab, p, c in node.moves), node.label
                )
            return Decision(
                node.player,
                tuple((lab, walk((*path, lab), c)) for lab, c in node.moves),
                infoset_of[path],
                node.label,
            )

        return GameTree(self.players, walk(root, self.node(root)), self.title)

    @cached_property
    def _infoset_paths(self) -> dict[str, tuple[Path, ...]]:
        return {i.id: i.paths for i in self.infosets}

    # -- words ----------------------------------------------------------------------------

    def describe_path(self, path: Sequence[str], costs: dict[Path, str] | None = None) -> str:
        """``"DPRK Freeze -> US Relief"``: who did what along a path (chance as 'chance')."""
        words = []
        current: Node = self.root
        prefix: Path = ()
        for label in path:
            if isinstance(current, Decision):
                words.append(f"{self.players[current.player]} {label}")
                current = dict(current.moves)[label]
            elif isinstance(current, Chance):
                words.append(f"chance: {label}")
                current = {m[0]: m[2] for m in current.moves}[label]
            prefix = (*prefix, label)
            if costs and prefix in costs:
                words[-1] += f" ({costs[prefix]})"
        return " -> ".join(words)

    def render(self, fmt: Callable[[Any], str] = str) -> str:
        """An indented text picture of the tree."""
        lines: list[str] = []

        def walk(node: Node, indent: str, head: str) -> None:
            if isinstance(node, Terminal):
                values = ", ".join(
                    f"{p} {fmt(v)}" for p, v in zip(self.players, node.payoffs, strict=True)
                )
                lines.append(f"{indent}{head}-> {values}")
                return
            if isinstance(node, Chance):
                lines.append(f"{indent}{head}chance")
                for label, prob, child in node.moves:
                    walk(child, indent + "  ", f"{label} [{fmt(prob)}] ")
                return
            info = ""
            if node.infoset is not None:
                info = f" (information set {node.infoset})"
            lines.append(f"{indent}{head}{self.players[node.player]} moves{info}")
            for label, child in node.moves:
                walk(child, indent + "  ", f"{label} ")

        walk(self.root, "", "")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The tree as nested JSON-ready objects, numbers as exact strings.

        >>> data = GameTree(("A",), Decision(0, (("x", Terminal((Fraction(1, 2),))),))).to_dict()
        >>> data["player"], data["infoset"], data["moves"]
        ('A', 'A:1', [{'move': 'x', 'node': {'payoffs': {'A': '1/2'}}}])
        """

        def walk(path: Path, node: Node) -> dict[str, Any]:
            if isinstance(node, Terminal):
                return {"payoffs": {p: _text(v) for p, v in
                                    zip(self.players, node.payoffs, strict=True)}}
            if isinstance(node, Chance):
                return {
                    "chance": [
                        {"move": lab, "probability": _text(p),
                         "node": walk((*path, lab), c)}
                        for lab, p, c in node.moves
                    ]
                }
            return {
                "player": self.players[node.player],
                "infoset": self.infoset_of[path],
                "moves": [{"move": lab, "node": walk((*path, lab), c)} for lab, c in node.moves],
            }

        return walk((), self.root)

    def __repr__(self) -> str:
        n = sum(1 for _, node in self.nodes() if isinstance(node, Terminal))
        title = f" {self.title!r}" if self.title else ""
        return f"<GameTree{title} players={list(self.players)} terminals={n}>"


def _show_path(path: Sequence[str]) -> str:
    return "the root" if not path else "/".join(path)
