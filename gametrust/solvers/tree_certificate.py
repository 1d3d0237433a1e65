"""Certificates for equilibria of trees, computed on the tree itself (no normal form).

:func:`best_response_value` is a player's best payoff in the subgame at a node
against the others' behaviour: with perfect recall, a player's information
sets can be decided deepest first, each by the action that maximises the sum,
over its nodes, of the others' and chance's probability of reaching the node
times the value below.  :func:`subgame_regret` is the largest gain any player
has from deviating in any subgame — exactly ``0`` for a subgame-perfect
equilibrium of an exact tree (``root=()`` only: a Nash equilibrium).  It is
linear in the size of the tree per subgame, so it certifies equilibria of
trees whose reduced normal form is far too large to write down.

>>> from fractions import Fraction as F
>>> from gametrust.model.tree import Decision, GameTree, Terminal
>>> t = GameTree(("E", "I"), Decision(0, (
...     ("Out", Terminal((F(0), F(2)))),
...     ("In", Decision(1, (("Fight", Terminal((F(-1), F(-1)))),
...                         ("Yield", Terminal((F(1), F(1)))))))),
... ))
>>> threat = {"E:1": {"Out": F(1), "In": F(0)}, "I:1": {"Fight": F(1), "Yield": F(0)}}
>>> subgame_regret(t, threat, roots=[()]), subgame_regret(t, threat)
(Fraction(0, 1), Fraction(2, 1))
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from ..core.errors import SolverError
from ..model.tree import Chance, GameTree, Node, Path, Terminal

__all__ = ["best_response_value", "expected_value", "subgame_regret"]

Behavior = dict[str, dict[str, Any] | None]


def _dist(tree: GameTree, behavior: Behavior, path: Path) -> dict[str, Any]:
    dist = behavior.get(tree.infoset_of[path])
    if dist is None:
        raise SolverError(f"no behaviour at a reached information set ({'/'.join(path)})")
    return dist


def expected_value(tree: GameTree, behavior: Behavior, root: Path = ()) -> tuple[Any, ...]:
    """Expected payoffs of every player from the node at ``root`` under ``behavior``."""
    n = len(tree.players)

    def walk(path: Path, node: Node) -> list[Any]:
        if isinstance(node, Terminal):
            return list(node.payoffs)
        if isinstance(node, Chance):
            weighted = [(p, lab, c) for lab, p, c in node.moves]
        else:
            dist = _dist(tree, behavior, path)
            weighted = [(dist[lab], lab, c) for lab, c in node.moves]
        total: list[Any] = [Fraction(0)] * n
        for p, label, child in weighted:
            if p == 0:
                continue
            below = walk((*path, label), child)
            total = [t + p * v for t, v in zip(total, below, strict=True)]
        return total

    return tuple(walk(root, tree.node(root)))


def best_response_value(tree: GameTree, behavior: Behavior, player: int, root: Path = ()) -> Any:
    """``player``'s best expected payoff in the subgame at ``root`` against ``behavior``."""
    reach: dict[Path, Any] = {}  # chance's and the others' probability of reaching each node

    def spread(path: Path, node: Node, prob: Any) -> None:
        reach[path] = prob
        if isinstance(node, Terminal):
            return
        if isinstance(node, Chance):
            for label, p, child in node.moves:
                spread((*path, label), child, prob * p)
            return
        if node.player == player or prob == 0:
            for label, child in node.moves:
                spread((*path, label), child, prob)
            return
        dist = _dist(tree, behavior, path)
        for label, child in node.moves:
            spread((*path, label), child, prob * dist[label])

    spread(root, tree.node(root), Fraction(1))
    chosen: dict[str, str] = {}
    memo: dict[Path, Any] = {}

    def value(path: Path, node: Node) -> Any:
        if path in memo:
            return memo[path]
        if isinstance(node, Terminal):
            out = node.payoffs[player]
        elif isinstance(node, Chance):
            out = sum((p * value((*path, lab), c) for lab, p, c in node.moves if p != 0),
                      Fraction(0))
        elif node.player == player:
            action = chosen[tree.infoset_of[path]]
            out = value((*path, action), dict(node.moves)[action])
        else:
            dist = _dist(tree, behavior, path)
            out = sum((dist[lab] * value((*path, lab), c) for lab, c in node.moves
                       if dist[lab] != 0), Fraction(0))
        memo[path] = out
        return out

    mine = [
        info for info in tree.player_infosets(player)
        if all(p[: len(root)] == root for p in info.paths)
    ]
    mine.sort(key=lambda info: min(len(p) for p in info.paths), reverse=True)
    for info in mine:
        nodes = [(p, tree.node(p)) for p in info.paths if reach.get(p, 0) != 0]
        best, best_action = None, info.actions[0]
        if nodes:
            for action in info.actions:
                total = sum(
                    (reach[p] * value((*p, action), dict(node.moves)[action])  # type: ignore[union-attr]
                     for p, node in nodes),
                    Fraction(0),
                )
                if best is None or total > best:
                    best, best_action = total, action
        chosen[info.id] = best_action
    return value(root, tree.node(root))


def subgame_regret(tree: GameTree, behavior: Behavior,
                   roots: Iterable[Path] | None = None) -> Any:
    """The largest gain of any player from deviating in any subgame (at ``roots``; every
    proper subgame by default): ``0`` exactly for a subgame-perfect equilibrium."""
    worst: Any = Fraction(0)
    for root in tree.subgame_roots if roots is None else roots:
        current = expected_value(tree, behavior, root)
        for player in range(len(tree.players)):
            gain = best_response_value(tree, behavior, player, root) - current[player]
            if gain > worst:
                worst = gain
    return worst
