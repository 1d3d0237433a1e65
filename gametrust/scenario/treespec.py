"""Checks and helpers on a scenario's tree of expressions.

A scenario written as a tree (the ``tree:`` section, read by
:mod:`gametrust.formats.tree_section`) must have perfect recall and chance
probabilities that are non-negative and sum to 1; :func:`key_path` names a
node by the key path where the file writes it, so that these checks raise
:class:`~gametrust.core.errors.ArgumentError` naming that path (the loader
turns it into a located error).

>>> from gametrust.formats.load import loads
>>> s = loads('''
... gametrust: 1
... title: Entry
... players: {Entrant: {}, Incumbent: {}}
... tree:
...   player: Entrant
...   moves:
...     Out: {payoffs: [0, 2]}
...     In:
...       player: Incumbent
...       moves:
...         Fight: {payoffs: [-1, -1]}
...         Share: {payoffs: [1, 1]}
... ''')
>>> key_path(s.tree, ("In", "Share"))
('tree', 'moves', 'In', 'moves', 'Share')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..core.errors import fail
from ..model.tree import Chance, Decision, GameTree, Node, Terminal
from .expression import Expression

__all__ = [
    "check_chance",
    "check_perfect_recall",
    "key_path",
    "tree_expressions",
    "without_impossible_moves",
]


# -- key paths ---------------------------------------------------------------------------------


def key_path(tree: GameTree, path: Sequence[str]) -> tuple[str, ...]:
    """The file's key path of the node reached by the move labels ``path``."""
    out: list[str] = ["tree"]
    node: Node = tree.root
    for label in path:
        if isinstance(node, Decision):
            out += ["moves", label]
            node = dict(node.moves)[label]
        elif isinstance(node, Chance):
            out += ["chance", label, "then"]
            node = {m[0]: m[2] for m in node.moves}[label]
        else:  # pragma: no cover - paths end at terminals
            raise KeyError(label)
    return tuple(out)


# -- checks on a whole tree ---------------------------------------------------------------------


def check_perfect_recall(tree: GameTree) -> None:
    """Every player remembers its own earlier moves (and where it made them).

    Nodes of one information set must share the player's own history of
    (information set, move); else the reduced normal form would not describe
    the tree (Kuhn's theorem needs perfect recall).
    """
    nodes = dict(tree.nodes())
    infoset_of = tree.infoset_of
    first: dict[str, tuple[tuple[str, str], ...]] = {}
    for path, node in nodes.items():
        if not isinstance(node, Decision):
            continue
        own = tuple(
            (infoset_of[path[:k]], path[k])
            for k in range(len(path))
            if isinstance(nodes[path[:k]], Decision) and nodes[path[:k]].player == node.player
        )
        key = infoset_of[path]
        if key not in first:
            first[key] = own
            continue
        earlier = first[key]
        if earlier != own:
            who = tree.players[node.player]
            raise fail(
                f"information set {key!r} holds nodes where {who} has made different earlier "
                f"moves ({_history(tree, earlier)} and {_history(tree, own)}); players remember "
                "their own moves (perfect recall)",
                *key_path(tree, path),
                "infoset",
            )


def _history(tree: GameTree, own: tuple[tuple[str, str], ...]) -> str:
    return "none" if not own else " then ".join(label for _, label in own)


def check_chance(
    tree: GameTree,
    values: Mapping[str, Any],
    error: Callable[[str, tuple[str | int, ...]], Exception] | None = None,
) -> None:
    """Every chance node's probabilities at ``values`` are non-negative and sum to 1.

    ``error(message, key_path)`` makes the exception (default: an
    :class:`ArgumentError` naming the key path).
    """
    make = error or (lambda message, path: fail(message, *path))
    for path, node in tree.nodes():
        if not isinstance(node, Chance):
            continue
        where = (*key_path(tree, path), "chance")
        probabilities = []
        for label, expression, _ in node.moves:
            p = expression.evaluate(values)
            if p < 0:
                raise make(f"the probability of {label!r} is negative: {p}",
                           (*where, label, "probability"))
            probabilities.append(p)
        total = sum(probabilities, Fraction(0))
        exact = all(isinstance(p, Fraction) for p in probabilities)
        if abs(total - 1) > (0 if exact else 1e-9):
            raise make(f"the probabilities of this chance node sum to {total}, not 1", where)


def tree_expressions(tree: GameTree) -> list[Expression]:
    """Every payoff and probability expression of a tree, in pre-order."""
    out: list[Expression] = []
    for _, node in tree.nodes():
        if isinstance(node, Terminal):
            out.extend(node.payoffs)
        elif isinstance(node, Chance):
            out.extend(m[1] for m in node.moves)
    return out


def without_impossible_moves(tree: GameTree) -> GameTree:
    """The tree without chance moves of probability 0 (and what lies below them).

    Nobody ever reaches those nodes, and keeping them would let an information
    set hold nodes its player knows cannot occur (with detection 1 and false
    alarm 0, the verifier's 'alarm' set would still hold the compliant node),
    which makes subgame perfection weaker than it should be.
    """

    def walk(node: Node) -> Node:
        if isinstance(node, Terminal):
            return node
        if isinstance(node, Chance):
            return Chance(
                tuple((lab, p, walk(c)) for lab, p, c in node.moves if p != 0), node.label
            )
        return Decision(
            node.player, tuple((lab, walk(c)) for lab, c in node.moves), node.infoset, node.label
        )

    return GameTree(tree.players, walk(tree.root), tree.title)
