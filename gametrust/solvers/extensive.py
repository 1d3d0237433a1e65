"""Equilibria of game trees: subgame-perfect (subgame by subgame) and Nash.

:func:`solve_tree` returns both kinds, each certified:

Subgame-perfect equilibria
    Every extreme subgame-perfect equilibrium, mixed behaviour at ties
    included, found bottom-up over the proper subgames (Selten 1965/1975) by
    :class:`gametrust.solvers.spe.SubgamePerfect`, which carries for each
    subgame the *pieces* (polytopes) of its subgame-perfect equilibria, not one
    value: the module's docstring proves that every extreme point is found
    and says when a warning marks the list incomplete.  A continuum is
    reported with its extreme points (``components``, as for normal-form
    results).  The local games of two movers are solved by the exact
    two-player enumeration; one that is too large gets one equilibrium by
    exact Lemke–Howson instead (a warning names the subgame, the list is then
    incomplete), so a large part never erases the rest.  With three or more
    movers in one local game only its pure equilibria are found (said).
Nash equilibria
    Every extreme equilibrium of the reduced normal form (two players; one
    player: its optimal plans), translated into behaviour strategies where
    the equilibrium reaches an information set (``None`` where it does not:
    any behaviour there keeps it an equilibrium) and listed once per distinct
    behaviour profile.  Skipped, with a warning, when the reduced normal form
    is too large.

Certificates: every subgame-perfect equilibrium has zero regret in every
subgame, computed on the tree (:func:`gametrust.solvers.tree_certificate.subgame_regret`);
each Nash equilibrium zero regret in the reduced normal form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from math import prod
from typing import Any

import numpy as np

from ..core.errors import ArgumentError, InputError, SolverError
from ..model.game import NormalFormGame
from ..model.reduced import Plan, plans_to_behavior, reduced_normal_form
from ..model.tree import Chance, GameTree, Node, Path, Terminal
from ..model.tree_size import plan_counts
from .solve import solve
from .spe import SubgamePerfect
from .spe_local import Local, behavior_of_point
from .tree_certificate import expected_value, subgame_regret
from .tree_result import Behavior, TreeEquilibrium, TreeSolveResult, describe_equilibrium

__all__ = [
    "NASH_PROFILE_LIMIT",
    "Behavior",
    "TreeEquilibrium",
    "TreeSolveResult",
    "behavior_of",
    "describe_equilibrium",
    "local_nash",
    "mover_game",
    "solve_tree",
    "subgame",
]

#: Largest reduced normal form (number of plan profiles) whose Nash equilibria are listed.
NASH_PROFILE_LIMIT = 250_000


def subgame(tree: GameTree, root: Path, values: dict[Path, tuple[Any, ...]]) -> GameTree:
    """The subgame at ``root`` with the subgames at ``values``' paths replaced by terminals."""
    return tree.subgame(root, values)


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


def behavior_of(tree: GameTree, plans: list[list[Plan]], mixes: Any) -> Behavior:
    """The behaviour strategy profile of a mixed plan profile (Kuhn's theorem)."""
    behavior: Behavior = {}
    for player, mix in enumerate(mixes):
        behavior.update(plans_to_behavior(tree, plans[player], mix, player))
    return behavior


def mover_game(local: Local, leaves: Sequence[tuple[Any, ...]]) -> NormalFormGame:
    """The local game among its movers, children worth ``leaves``, others at their one plan."""
    movers = local.movers
    shape = tuple(len(local.plans[p]) for p in movers)
    tensor = np.empty((len(movers), *shape), dtype=object)
    for index in np.ndindex(*shape):
        profile = local.profile(dict(zip(movers, index, strict=True)))
        values = list(local.const[profile])
        for c, r in enumerate(local.reach[profile]):
            if r != 0:
                values = [a + r * b for a, b in zip(values, leaves[c], strict=True)]
        for k, p in enumerate(movers):
            tensor[(k, *index)] = values[p]
    labels = [[f"plan {k + 1}" for k in range(size)] for size in shape]
    return NormalFormGame.from_payoff_tensor(
        tensor, players=tuple(f"P{p}" for p in movers), actions=labels
    )


def local_nash(
    local: Local, leaves: Sequence[tuple[Any, ...]], where: str
) -> tuple[list[list[dict[int, tuple[Any, ...]]]], bool, list[str]]:
    """Equilibria of a local game with two or more movers at fixed leaf values (exact)."""
    game = mover_game(local, leaves)
    notes: list[str] = []
    complete = True
    if game.n_players == 2:
        try:
            result = solve(game)
        except ArgumentError:
            result = solve(game, method="lemke-howson")
            complete = False
            notes.append(
                f"{where} is too large to enumerate (a {game.shape[0]}x{game.shape[1]} "
                "reduced normal form): one equilibrium was computed there by exact "
                "Lemke-Howson, so the subgame-perfect equilibria listed are not all"
            )
    else:
        result = solve(game)  # exact N-player enumeration, or the pure equilibria and why
        if not result.complete:
            complete = False
            notes.append(
                f"{where} has {game.n_players} players moving and its equilibria are not all "
                "listed: " + "; ".join(result.warnings)
            )
    kept = rational_equilibria(result, where, notes)
    complete = complete and len(kept) == len(result.equilibria)
    movers = local.movers
    comps = [
        [
            {p: tuple(result.equilibria[k].strategies[m]) for m, p in enumerate(movers)}
            for k in comp if k in kept
        ]
        for comp in result.components
    ]
    return [comp for comp in comps if comp], complete, notes


def rational_equilibria(result: Any, where: str, notes: list[str]) -> set[int]:
    """The equilibria of ``result`` with rational probabilities; a note for the others.

    With three or more players an equilibrium can need irrational probabilities
    (real algebraic numbers); trees carry payoffs as rationals, so such an
    equilibrium is reported as missing rather than rounded.
    """
    kept = {k for k, e in enumerate(result.equilibria)
            if all(isinstance(x, Fraction | float | int) for s in e.strategies for x in s)}
    missing = len(result.equilibria) - len(kept)
    if missing:
        notes.append(
            f"{where}: {missing} equilibri{'um' if missing == 1 else 'a'} with irrational "
            "probabilities (real algebraic numbers) not carried into the tree's equilibria "
            "(not supported yet), so the list is not complete"
        )
    return kept


def _behavior_key(behavior: Behavior) -> tuple:
    return tuple(sorted(
        (k, None if d is None else tuple(sorted(d.items()))) for k, d in behavior.items()
    ))


def _subgame_perfect(tree: GameTree) -> tuple[list[TreeEquilibrium], list[tuple[int, ...]],
                                               bool, list[str]]:
    engine = SubgamePerfect(tree, local_nash)
    points, components = engine.run()
    order = sorted(range(len(points)), key=lambda k: (not _pure(points[k].rho), k))
    position = {k: i for i, k in enumerate(order)}
    tol = 0 if tree.exact else 1e-9 * (1 + _scale(tree))
    found = []
    for k in order:
        behavior = behavior_of_point(tree, points[k])
        regret = subgame_regret(tree, behavior)
        if regret > tol:
            raise SolverError(
                f"a subgame-perfect equilibrium failed its certificate (regret {regret}): "
                f"{behavior}"
            )
        found.append(
            TreeEquilibrium(
                behavior, expected_value(tree, behavior), ("subgame-perfect", "nash"),
                _outcomes(tree, behavior),
            )
        )
    comps = sorted(tuple(sorted(position[k] for k in comp)) for comp in components)
    return found, comps, engine.complete, engine.warnings


def _pure(rho: Sequence[tuple[Any, Any]]) -> bool:
    return all(v == 1 for _, v in rho)


def _scale(tree: GameTree) -> float:
    return max(
        (abs(float(v)) for _, node in tree.nodes() if isinstance(node, Terminal)
         for v in node.payoffs),
        default=1.0,
    )


def _nash(tree: GameTree, spe: Sequence[TreeEquilibrium], warnings: list[str]
          ) -> tuple[NormalFormGame | None, list[list[Plan]] | None, Any, list[TreeEquilibrium],
                     bool]:
    """The reduced normal form's Nash equilibria, once per behaviour profile."""
    n = len(tree.players)
    sizes = plan_counts(tree)
    if prod(sizes) > NASH_PROFILE_LIMIT:
        warnings.append(
            f"the reduced normal form ({'x'.join(map(str, sizes))} plans) is too large to list "
            "its Nash equilibria; the subgame-perfect equilibria are computed subgame by "
            "subgame"
        )
        return None, None, None, [], False
    game, plans = reduced_normal_form(tree)
    complete = True
    if n == 1:
        result = solve(game, method="pure")  # one player: the optimal plans are the extremes
    elif n == 2:
        try:
            result = solve(game)
        except ArgumentError:
            warnings.append(
                f"the reduced normal form ({game.shape[0]}x{game.shape[1]}) is too large to "
                "enumerate its Nash equilibria"
            )
            return game, plans, None, [], False
    else:
        result = solve(game)  # every equilibrium of the N-player game, exact (or says why not)
        if not result.complete:
            complete = False
            warnings.extend(f"the reduced normal form: {w}" for w in result.warnings)
    kept = rational_equilibria(result, "the reduced normal form", warnings)
    complete = complete and len(kept) == len(result.equilibria)
    found: dict[tuple, TreeEquilibrium] = {}
    for e in (result.equilibria[k] for k in sorted(kept)):
        behavior = behavior_of(tree, plans, e.strategies)
        key = _behavior_key(behavior)
        if key in found:
            continue
        is_spe = any(_agrees(behavior, s.behavior) for s in spe)
        found[key] = TreeEquilibrium(
            behavior, tuple(e.payoffs),
            ("nash", "subgame-perfect") if is_spe else ("nash",),
            _outcomes(tree, behavior),
        )
    return game, plans, result, list(found.values()), complete


def solve_tree(tree: GameTree, *, nash: bool = True, source: str | None = None
               ) -> TreeSolveResult:
    """Every extreme subgame-perfect equilibrium, and the Nash equilibria of the reduced
    normal form.

    ``nash=False`` skips the (possibly large) reduced normal form's Nash
    equilibria; the subgame-perfect ones are computed either way.  ``source``
    (the scenario's file) is named in every error.
    """
    try:
        return _solve_tree(tree, nash)
    except InputError as exc:
        if source is None or exc.location.file is not None:
            raise
        raise type(exc)(exc.message, replace(exc.location, file=source)) from None


def _solve_tree(tree: GameTree, nash: bool) -> TreeSolveResult:
    from ..scenario.treespec import check_perfect_recall

    tree.check_probabilities()
    check_perfect_recall(tree)  # Kuhn's theorem, and so the reduced normal form, needs it
    spe, components, spe_complete, warnings = _subgame_perfect(tree)
    warnings = list(warnings)
    if nash:
        game, plans, normal_form, found_nash, nash_complete = _nash(tree, spe, warnings)
    else:
        game, plans, normal_form, found_nash, nash_complete = None, None, None, [], False
        warnings.append("Nash equilibria of the reduced normal form were not computed")
    return TreeSolveResult(
        tree=tree,
        subgame_perfect=tuple(spe),
        nash=tuple(found_nash),
        reduced=game,
        plans=plans,
        normal_form=normal_form,
        complete=spe_complete and nash_complete,
        warnings=tuple(dict.fromkeys(warnings)),
        components=tuple(components),
        subgame_perfect_complete=spe_complete,
    )


def _agrees(partial: Behavior, full: Behavior) -> bool:
    """A Nash behaviour (open where unreached) agrees with a complete one where defined."""
    return all(v is None or full.get(k) == v for k, v in partial.items())

