"""The reduced normal form of a game tree.

A *plan* (reduced pure strategy) tells a player what to do at each of its
information sets that its own earlier choices do not rule out; choices at sets
it has itself made unreachable are left open (``*``), so strategies that differ
only there are one plan.  The reduced normal form has one row/column per plan
and the expected payoff (over chance) of each plan profile.  Its Nash
equilibria are the tree's Nash equilibria in mixed strategies (Kuhn's theorem
for games of perfect recall).

>>> from fractions import Fraction as F
>>> from gametrust.model.tree import GameTree, Decision, Terminal
>>> t = GameTree(("A", "B"), Decision(0, (
...     ("Out", Terminal((F(1), F(3)))),
...     ("In", Decision(1, (("Fight", Terminal((F(0), F(0)))),
...                         ("Share", Terminal((F(2), F(2))))))))))
>>> game, plans = reduced_normal_form(t)
>>> game.actions
(('Out', 'In'), ('Fight', 'Share'))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import Any

import numpy as np

from .game import NormalFormGame
from .tree import Chance, Decision, GameTree, Node, Path, Terminal
from .tree_size import check_reduced_size, plan_counts

__all__ = [
    "Plan",
    "behavior_to_plans",
    "plan_count",
    "plan_payoffs",
    "plans_to_behavior",
    "player_plans",
    "reduced_normal_form",
    "reduced_tensor",
]

Assignment = frozenset[tuple[str, str]]  # (infoset id, action)


@dataclass(frozen=True)
class Plan:
    """A reduced pure strategy: an action at every information set it does not rule out."""

    player: int
    choices: tuple[tuple[str, str], ...]  # (infoset id, action), in the tree's infoset order

    def action(self, infoset: str) -> str | None:
        return dict(self.choices).get(infoset)

    def label(self, order: Sequence[str]) -> str:
        """Actions in infoset order, ``*`` where the plan leaves the choice open."""
        chosen = dict(self.choices)
        relevant = [chosen.get(i, "*") for i in order]
        while relevant and relevant[-1] == "*":
            relevant.pop()
        return "/".join(relevant) if relevant else "(no move)"


def _merge(a: Assignment, b: Assignment) -> Assignment | None:
    merged = dict(a)
    for key, value in b:
        if merged.get(key, value) != value:
            return None
        merged[key] = value
    return frozenset(merged.items())


def _plans(tree: GameTree, player: int) -> list[Assignment]:
    infoset_of = tree.infoset_of

    def walk(path: Path, node: Node) -> list[Assignment]:
        if isinstance(node, Terminal):
            return [frozenset()]
        if isinstance(node, Decision) and node.player == player:
            out: list[Assignment] = []
            key = infoset_of[path]
            for label, child in node.moves:
                for rest in walk((*path, label), child):
                    merged = _merge(frozenset({(key, label)}), rest)
                    if merged is not None and merged not in out:
                        out.append(merged)
            return out
        children = (
            [((*path, lab), c) for lab, c in node.moves]
            if isinstance(node, Decision)
            else [((*path, lab), c) for lab, _, c in node.moves]
        )
        combos: list[Assignment] = [frozenset()]
        for child_path, child in children:
            options = walk(child_path, child)
            new: list[Assignment] = []
            for base in combos:
                for option in options:
                    merged = _merge(base, option)
                    if merged is not None and merged not in new:
                        new.append(merged)
            combos = new
        return combos

    return walk((), tree.root)


def plan_count(tree: GameTree, player: int) -> int:
    """How many plans :func:`player_plans` would list, without listing them (perfect recall).

    On the player's own sequences: the plans that follow sequence ``s`` are the product,
    over the information sets whose last own move is ``s``, of the sum over their actions
    of the plans following each extended sequence.

    >>> from gametrust.model.tree import Decision, Terminal
    >>> t = GameTree(("A",), Decision(0, (("l", Decision(0, (("x", Terminal((1,))),
    ...                                                       ("y", Terminal((2,)))))),
    ...                                   ("r", Terminal((0,))))))
    >>> plan_count(t, 0), len(player_plans(t, 0))
    (3, 3)
    """
    return plan_counts(tree)[player]


def player_plans(tree: GameTree, player: int) -> list[Plan]:
    """The reduced pure strategies (plans) of ``player``, choices in the tree's infoset order."""
    order = [i.id for i in tree.infosets]
    return [
        Plan(player, tuple(sorted(a, key=lambda kv: order.index(kv[0]))))
        for a in _plans(tree, player)
    ]


def plan_payoffs(tree: GameTree, profile: Sequence[Plan]) -> tuple[Any, ...]:
    """Expected payoffs (over chance) when every player follows its plan."""
    chosen = [dict(p.choices) for p in profile]
    infoset_of = tree.infoset_of
    n = len(tree.players)

    def walk(path: Path, node: Node) -> list[Any]:
        if isinstance(node, Terminal):
            return list(node.payoffs)
        if isinstance(node, Chance):
            total = [Fraction(0)] * n
            for label, prob, child in node.moves:
                if prob == 0:
                    continue
                values = walk((*path, label), child)
                total = [t + prob * v for t, v in zip(total, values, strict=True)]
            return total
        action = chosen[node.player][infoset_of[path]]
        return walk((*path, action), dict(node.moves)[action])

    return tuple(walk((), tree.root))


def reduced_normal_form(tree: GameTree) -> tuple[NormalFormGame, list[list[Plan]]]:
    """The reduced normal form and each player's plans (rows/columns, in order)."""
    tensor, plans, labels = reduced_tensor(tree)
    game = NormalFormGame.from_payoff_tensor(
        tensor, players=tree.players, actions=labels, title=tree.title
    )
    return game, plans


def reduced_tensor(tree: GameTree) -> tuple[np.ndarray, list[list[Plan]], list[list[str]]]:
    """The reduced normal form's payoff tensor (any value type), plans and plan labels."""
    check_reduced_size(tree)  # the profiles limit, counted before anything is built
    plans = [player_plans(tree, player) for player in range(len(tree.players))]
    n = len(tree.players)
    shape = tuple(len(p) for p in plans)
    tensor = np.empty((n, *shape), dtype=object)
    for index in product(*(range(k) for k in shape)):
        values = plan_payoffs(tree, [plans[i][index[i]] for i in range(n)])
        for i in range(n):
            tensor[(i, *index)] = values[i]
    player_order = [[i.id for i in tree.player_infosets(p)] for p in range(n)]
    labels = [[plan.label(player_order[p]) for plan in plans[p]] for p in range(n)]
    return tensor, plans, [_unique(ls) for ls in labels]


def _unique(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label}#{seen[label]}")
    return out


def plans_to_behavior(
    tree: GameTree, plans: list[Plan], mix: Sequence[Any], player: int
) -> dict[str, dict[str, Any] | None]:
    """Behaviour strategy of a mixed plan (Kuhn): ``None`` at sets the mix never reaches."""
    out: dict[str, dict[str, Any] | None] = {}
    for info in tree.player_infosets(player):
        reach = [(plan, p) for plan, p in zip(plans, mix, strict=True) if p > 0 and plan.action(
            info.id) is not None]
        total = sum((p for _, p in reach), Fraction(0))
        if total == 0:
            out[info.id] = None
            continue
        dist = {a: Fraction(0) if isinstance(total, Fraction) else 0.0 for a in info.actions}
        for plan, p in reach:
            dist[plan.action(info.id)] += p  # type: ignore[index]
        out[info.id] = {a: v / total for a, v in dist.items()}
    return out


def behavior_to_plans(
    tree: GameTree, plans: list[Plan], behavior: dict[str, dict[str, Any] | None]
) -> list[Any]:
    """The mixed plan realization-equivalent to a behaviour strategy (open sets ignored)."""
    out = []
    for plan in plans:
        p: Any = Fraction(1)
        for infoset, action in plan.choices:
            dist = behavior.get(infoset)
            if dist is None:
                continue
            p = p * dist[action]
        out.append(p)
    return out
