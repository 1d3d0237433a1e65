"""Comparing game trees as games: :func:`tree_difference` and :func:`trees_equivalent`.

Used to check that a tree survives a round trip through a file (Gambit
``.efg``, a scenario) unchanged: the same players, nodes, moves, values and
information-set partition, whatever the information sets are called.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..model.tree import Chance, Decision, GameTree, Node, Terminal
from .gambit_text import gambit_number

__all__ = ["tree_difference", "trees_equivalent"]


def tree_difference(a: GameTree, b: GameTree) -> str | None:
    """The first way two trees differ as games, in words; ``None`` when they are the same.

    Compared: the title, the players, and node by node in pre-order the kind
    of node, its label, the deciding player, the move labels in order, chance
    probabilities, terminal payoffs, and the partition into information sets
    (which nodes share a set) — not the names of the sets.  Values compare
    with ``==``, so ``Fraction(1, 2)`` equals ``0.5``.

    >>> from fractions import Fraction as F
    >>> one = GameTree(("A",), Decision(0, (("x", Terminal((F(1),))),), infoset="mine"))
    >>> two = GameTree(("A",), Decision(0, (("x", Terminal((F(1),))),)))
    >>> tree_difference(one, two) is None
    True
    >>> tree_difference(one, GameTree(("A",), Decision(0, (("x", Terminal((F(2),))),))))
    'at x: payoffs (1,) and (2,)'
    """
    if a.title != b.title:
        return f"titles {a.title!r} and {b.title!r}"
    if a.players != b.players:
        return f"players {list(a.players)} and {list(b.players)}"
    forward: dict[str, str] = {}
    backward: dict[str, str] = {}
    stack: list[tuple[tuple[str, ...], Node, Node]] = [((), a.root, b.root)]
    while stack:
        path, x, y = stack.pop()
        where = "at the root" if not path else "at " + "/".join(path)
        if type(x) is not type(y):
            return f"{where}: a {type(x).__name__} node and a {type(y).__name__} node"
        if x.label != y.label:
            return f"{where}: node labels {x.label!r} and {y.label!r}"
        if isinstance(x, Terminal):
            assert isinstance(y, Terminal)
            if len(x.payoffs) != len(y.payoffs) or any(
                p != q for p, q in zip(x.payoffs, y.payoffs, strict=False)
            ):
                return f"{where}: payoffs {_show(x.payoffs)} and {_show(y.payoffs)}"
            continue
        if isinstance(x, Chance):
            assert isinstance(y, Chance)
            labels_x = [m[0] for m in x.moves]
            labels_y = [m[0] for m in y.moves]
            if labels_x != labels_y:
                return f"{where}: chance moves {labels_x} and {labels_y}"
            probs_x = tuple(m[1] for m in x.moves)
            probs_y = tuple(m[1] for m in y.moves)
            if any(p != q for p, q in zip(probs_x, probs_y, strict=True)):
                return f"{where}: probabilities {_show(probs_x)} and {_show(probs_y)}"
            pairs = [(m[0], m[2], n[2]) for m, n in zip(x.moves, y.moves, strict=True)]
        else:
            assert isinstance(x, Decision) and isinstance(y, Decision)
            if x.player != y.player:
                return f"{where}: {a.players[x.player]} moves in one, {b.players[y.player]} in " \
                    "the other"
            if x.actions != y.actions:
                return f"{where}: actions {list(x.actions)} and {list(y.actions)}"
            ix, iy = a.infoset_of[path], b.infoset_of[path]
            if forward.setdefault(ix, iy) != iy or backward.setdefault(iy, ix) != ix:
                return f"{where}: the information sets differ"
            pairs = [(m[0], m[1], n[1]) for m, n in zip(x.moves, y.moves, strict=True)]
        stack.extend(((*path, label), cx, cy) for label, cx, cy in reversed(pairs))
    return None


def trees_equivalent(a: GameTree, b: GameTree) -> bool:
    """True when :func:`tree_difference` finds no difference (same game up to infoset names)."""
    return tree_difference(a, b) is None


def _show(values: Sequence[Any]) -> str:
    return "(" + ", ".join(gambit_number(v) if isinstance(v, (Fraction, float)) else str(v)
                           for v in values) + ("," if len(values) == 1 else "") + ")"
