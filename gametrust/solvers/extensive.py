"""Equilibria of game trees: subgame-perfect (backward induction) and Nash.

:func:`solve_tree` returns both kinds, each certified:

Subgame-perfect equilibria
    Found bottom-up over the proper subgames (Selten 1965/1975).  A subgame
    whose root decides with perfect information is solved by comparing its
    children's values, keeping **every** maximiser, so ties give every
    subgame-perfect equilibrium.  A subgame with no proper subgames inside and
    imperfect information is solved through its reduced normal form with the
    exact two-player enumeration (every extreme equilibrium), or for more
    players in pure strategies only (the result says so).  Chance nodes are
    expected values.  Each result is a behaviour strategy — a probability
    distribution over the moves at every information set.
Nash equilibria
    Every extreme equilibrium of the reduced normal form (two players),
    translated into behaviour strategies where the equilibrium reaches an
    information set (``None`` where it does not: any behaviour there keeps it
    an equilibrium).

Certificates: each equilibrium's realization-equivalent mixed plan profile has
zero regret in the reduced normal form, and for subgame-perfect ones that
holds in every subgame.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product
from typing import Any

from ..core.errors import ArgumentError, SolverError
from ..model.reduced import Plan, behavior_to_plans, plans_to_behavior, reduced_normal_form
from ..model.regret import is_nash
from ..model.tree import Chance, Decision, GameTree, Node, Path, Terminal
from .solve import solve
from .tree_result import Behavior, TreeEquilibrium, TreeSolveResult, describe_equilibrium

__all__ = ["Behavior", "TreeEquilibrium", "TreeSolveResult", "describe_equilibrium", "solve_tree"]


def _outcomes(tree: GameTree, behavior: Behavior) -> tuple[tuple[Path, Any], ...]:
    out: list[tuple[Path, Any]] = []

    def walk(path: Path, node: Node, prob: Any) -> None:
        if prob == 0:
            return
        if isinstance(node, Terminal):
            out.append((path, prob))
            return
        if isinstance(node, Chance):
            for label, p, child in node.moves:
                walk((*path, label), child, prob * p)
            return
        dist = behavior.get(tree.infoset_of[path])
        if dist is None:  # pragma: no cover - reached sets always have behaviour
            raise SolverError(f"no behaviour at a reached information set {path}")
        for label, child in node.moves:
            walk((*path, label), child, prob * dist[label])

    walk((), tree.root, Fraction(1))
    return tuple(out)


def _expected(tree: GameTree, behavior: Behavior, root: Path = ()) -> tuple[Any, ...]:
    n = len(tree.players)

    def walk(path: Path, node: Node) -> list[Any]:
        if isinstance(node, Terminal):
            return list(node.payoffs)
        total = [Fraction(0)] * n
        if isinstance(node, Chance):
            weighted = [(p, lab, c) for lab, p, c in node.moves]
        else:
            dist = behavior[tree.infoset_of[path]]
            assert dist is not None
            weighted = [(dist[lab], lab, c) for lab, c in node.moves]
        for p, label, child in weighted:
            if p == 0:
                continue
            values = walk((*path, label), child)
            total = [t + p * v for t, v in zip(total, values, strict=True)]
        return total

    return tuple(walk(root, tree.node(root)))


def subgame(tree: GameTree, root: Path, values: dict[Path, tuple[Any, ...]]) -> GameTree:
    """The subgame at ``root`` with the subgames at ``values``' paths replaced by terminals."""

    def walk(path: Path, node: Node) -> Node:
        if path in values and path != root:
            return Terminal(values[path])
        if isinstance(node, Terminal):
            return node
        if isinstance(node, Chance):
            return Chance(
                tuple((lab, p, walk((*path, lab), c)) for lab, p, c in node.moves), node.label
            )
        return Decision(
            node.player,
            tuple((lab, walk((*path, lab), c)) for lab, c in node.moves),
            tree.infoset_of[path],
            node.label,
        )

    return GameTree(tree.players, walk(root, tree.node(root)), tree.title)


def _solve_minimal(sub: GameTree, warnings: list[str]) -> list[Behavior]:
    """Equilibria of a subgame with no proper subgames below its root."""
    root = sub.root
    if isinstance(root, Terminal):
        return [{}]
    deciders = {i.player for i in sub.infosets}
    if isinstance(root, Decision) and all(
        isinstance(child, Terminal) for _, child in root.moves
    ):
        # one decision over terminals: every maximiser
        values = [child.payoffs[root.player] for _, child in root.moves]  # type: ignore[union-attr]
        best = max(values)
        info = sub.infoset_of[()]
        return [
            {info: {lab: Fraction(int(lab == chosen)) for lab in root.actions}}
            for chosen, v in zip(root.actions, values, strict=True)
            if v == best
        ]
    game, plans = reduced_normal_form(sub)
    if len(deciders) <= 2 and game.n_players == 2:
        result = solve(game)
    else:
        result = solve(game, method="pure")
        if result.warnings:
            warnings.append(
                "a subgame with more than two players moving was solved in pure strategies only"
            )
    return [behavior_of(sub, plans, e.strategies) for e in result]


def behavior_of(tree: GameTree, plans: list[list[Plan]], mixes: Any) -> Behavior:
    """The behaviour strategy profile of a mixed plan profile (Kuhn's theorem)."""
    behavior: Behavior = {}
    for player, mix in enumerate(mixes):
        behavior.update(plans_to_behavior(tree, plans[player], mix, player))
    return behavior


def _subgame_perfect(tree: GameTree, warnings: list[str]) -> list[Behavior]:
    roots = tree.subgame_roots
    solutions: dict[Path, list[tuple[Behavior, tuple[Any, ...]]]] = {}
    for root in sorted(roots, key=len, reverse=True):
        # the proper subgames directly below this root
        inner = [
            r for r in roots
            if len(r) > len(root) and r[: len(root)] == root
            and not any(len(q) > len(root) and len(q) < len(r) and r[: len(q)] == q
                        for q in roots)
        ]
        found: list[tuple[Behavior, tuple[Any, ...]]] = []
        for combo in product(*(solutions[r] for r in inner)):
            values = {r: sol[1] for r, sol in zip(inner, combo, strict=True)}
            below: Behavior = {}
            for _, (behavior, _) in zip(inner, combo, strict=True):
                below.update(behavior)
            sub = subgame(tree, root, values)
            for top in _solve_minimal(sub, warnings):
                merged = {**below, **top}  # the subtree keeps the tree's infoset ids
                found.append((merged, _expected(tree, merged, root)))
        solutions[root] = found
    return [b for b, _ in solutions[()]]


def _certify(tree: GameTree, behavior: Behavior, game: Any, plans: list[list[Plan]]) -> None:
    profile = [behavior_to_plans(tree, plans[p], behavior) for p in range(len(tree.players))]
    if not is_nash(game, profile):
        raise SolverError(f"a tree equilibrium failed its Nash certificate: {behavior}")


def solve_tree(tree: GameTree, *, nash: bool = True) -> TreeSolveResult:
    """Every subgame-perfect equilibrium, and the Nash equilibria of the reduced normal form.

    ``nash=False`` skips the (possibly large) reduced normal form's Nash
    equilibria; the subgame-perfect ones are computed either way.
    """
    from ..scenario.treespec import check_perfect_recall

    tree.check_probabilities()
    check_perfect_recall(tree)  # Kuhn's theorem, and so the reduced normal form, needs it
    warnings: list[str] = []
    game, plans = reduced_normal_form(tree)
    spe_behaviors = _subgame_perfect(tree, warnings)
    spe = []
    seen = []
    for behavior in spe_behaviors:
        if behavior in seen:
            continue
        seen.append(behavior)
        _certify(tree, behavior, game, plans)
        for root in tree.subgame_roots:
            sub = subgame(tree, root, {})
            sub_game, sub_plans = reduced_normal_form(sub)
            restricted = {k: v for k, v in behavior.items() if k in sub.infoset_of.values()}
            _certify(sub, restricted, sub_game, sub_plans)
        spe.append(
            TreeEquilibrium(
                behavior, _expected(tree, behavior), ("subgame-perfect", "nash"),
                _outcomes(tree, behavior),
            )
        )
    found_nash: list[TreeEquilibrium] = []
    normal_form = None
    complete = True
    if not nash:
        complete = False
        warnings.append("Nash equilibria of the reduced normal form were not computed")
    elif game.n_players == 2:
        try:
            normal_form = solve(game)
        except ArgumentError:  # too large to enumerate: subgame-perfect ones are still complete
            warnings.append(
                f"the reduced normal form ({game.shape[0]}x{game.shape[1]}) is too large to "
                "enumerate its Nash equilibria; the subgame-perfect equilibria are complete"
            )
            normal_form = None
        for e in normal_form or ():
            behavior = behavior_of(tree, plans, e.strategies)
            is_spe = any(_agrees(behavior, s.behavior) for s in spe)
            found_nash.append(
                TreeEquilibrium(
                    behavior, tuple(e.payoffs),
                    ("nash", "subgame-perfect") if is_spe else ("nash",),
                    _outcomes(tree, behavior),
                )
            )
    else:
        complete = False
        warnings.append("Nash equilibria of the normal form are computed for two players only")
    if normal_form is None or any("pure strategies only" in w for w in warnings):
        complete = False
    return TreeSolveResult(
        tree=tree,
        subgame_perfect=tuple(spe),
        nash=tuple(found_nash),
        reduced=game,
        plans=plans,
        normal_form=normal_form,
        complete=complete,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _agrees(partial: Behavior, full: Behavior) -> bool:
    """A Nash behaviour (open where unreached) agrees with a complete one where defined."""
    return all(v is None or full.get(k) == v for k, v in partial.items())

