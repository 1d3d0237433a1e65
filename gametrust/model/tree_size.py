"""How large a tree's reduced normal form is, counted before it is built.

Each player's plans (reduced pure strategies, :mod:`gametrust.model.reduced`)
are counted on the player's *sequence* forest (von Stengel, "Efficient
computation of behavior strategies", *Games and Economic Behavior* 14, 1996):
an information set ``h`` of the player has ``N(h) = Σ_a Π_h' N(h')`` plans
below it, the product running over the player's information sets ``h'`` met
next after choosing ``a`` at ``h``; the player has ``Π N(h)`` plans over the
information sets it meets first.  With perfect recall this is exactly the
number of plans; the count takes one pass over the tree and big integers,
so :func:`check_reduced_size` refuses a reduced normal form over the
``profiles`` limit (:mod:`gametrust.core.limits`) before building any of it.

>>> from fractions import Fraction as F
>>> from gametrust.model.tree import GameTree, Decision, Terminal
>>> leaf = Terminal((F(0), F(0)))
>>> t = GameTree(("A", "B"), Decision(0, (
...     ("Out", leaf),
...     ("In", Decision(1, (("Fight", Decision(0, (("x", leaf), ("y", leaf)))),
...                         ("Share", leaf)))))))
>>> plan_counts(t)   # A: Out, In/x, In/y; B: Fight, Share
[3, 2]
"""

from __future__ import annotations

import math

from ..core.limits import check, shape_name
from .tree import Chance, Decision, GameTree, Node, Path

__all__ = ["check_reduced_size", "plan_counts"]

Sequence_ = tuple[str, str] | None  # (information set, move), None: the empty sequence


def plan_counts(tree: GameTree) -> list[int]:
    """The number of plans of every player (rows, columns, ... of the reduced normal form)."""
    n = len(tree.players)
    infoset_of = tree.infoset_of
    # for each player: the information sets met right after each of its sequences
    below: list[dict[Sequence_, set[str]]] = [{} for _ in range(n)]
    stack: list[tuple[Path, Node, tuple[Sequence_, ...]]] = [((), tree.root, (None,) * n)]
    while stack:
        path, node, last = stack.pop()
        if isinstance(node, Decision):
            key = infoset_of[path]
            below[node.player].setdefault(last[node.player], set()).add(key)
            for label, child in node.moves:
                seq = (*last[: node.player], (key, label), *last[node.player + 1 :])
                stack.append(((*path, label), child, seq))
        elif isinstance(node, Chance):
            stack.extend(((*path, label), child, last) for label, _, child in node.moves)
    counts = []
    for player in range(n):
        plans: dict[str, int] = {}
        for info in reversed(tree.player_infosets(player)):  # deeper sets come later
            plans[info.id] = sum(
                math.prod(plans.get(h, 1) for h in below[player].get((info.id, a), ()))
                for a in info.actions
            )
        counts.append(math.prod(plans.get(h, 1) for h in below[player].get(None, ())))
    return counts


def check_reduced_size(tree: GameTree) -> None:
    """Raise :class:`~gametrust.core.limits.LimitError` when the tree's reduced normal form
    would have more plan profiles than the ``profiles`` limit allows."""
    counts = plan_counts(tree)
    check("profiles", math.prod(counts), f"the reduced normal form of {tree.title or 'the tree'} "
          f"({shape_name(counts).removeprefix('the ').removesuffix(' game')} plans)",
          verb="would have")
