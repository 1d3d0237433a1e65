"""Structural facts of any normal-form game, in words: dominance, pure equilibria, symmetry.

These are the ``facts`` of a :class:`~gametrust.analysis.families.Family`
(and all there is to say about games other than 2×2): strictly dominant
strategies, the result of iterated elimination of strictly dominated
strategies, the pure equilibria and the outcomes that Pareto-dominate them.
Payoffs are compared exactly in exact games and with
:func:`gametrust.model.regret.float_tolerance` in float games.

>>> from gametrust import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                 actions=[["C", "D"], ["C", "D"]])
>>> for fact in structure_facts(pd):
...     print(fact)
P1 has a strictly dominant strategy: D
P2 has a strictly dominant strategy: D
dominance solvable to (D, D)
1 pure equilibrium: (D, D)
the equilibrium (D, D) is Pareto-dominated by (C, C)
>>> is_exactly_symmetric(pd)
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..model.game import NormalFormGame
from ..model.regret import float_tolerance
from ..solvers.dominance import comparison_payoffs, dominates, player_view, surviving_actions
from ..solvers.pure import pure_equilibria

__all__ = ["is_exactly_symmetric", "profile_label", "structure_facts"]

_LISTED = 6  # pure equilibria listed by name


def is_exactly_symmetric(game: NormalFormGame) -> bool:
    """Payoffs unchanged by every permutation of the players (actions matched by position).

    Two players: ``B == A.T``.  Checked on the adjacent transpositions, which
    generate all permutations.
    """
    n = game.n_players
    if len(set(game.shape)) != 1:
        return False
    t = game.payoffs
    tol = float_tolerance(game)
    for p in range(n - 1):
        q = p + 1
        axes = list(range(n + 1))
        axes[p + 1], axes[q + 1] = axes[q + 1], axes[p + 1]
        swapped = np.transpose(t, axes)
        order = list(range(n))
        order[p], order[q] = q, p
        swapped = swapped[order]
        if game.exact:
            if not bool(np.all(swapped == t)):
                return False
        elif not bool(np.all(np.abs(swapped - t) <= tol)):
            return False
    return True


def profile_label(game: NormalFormGame, profile: Sequence[int]) -> str:
    """A pure profile (action indices) in words: ``"(Stag, Hare)"``."""
    return "(" + ", ".join(game.actions[i][k] for i, k in enumerate(profile)) + ")"


def structure_facts(game: NormalFormGame) -> list[str]:
    """Dominant strategies, iterated dominance, pure equilibria and their Pareto dominance."""
    payoffs = comparison_payoffs(game)
    tol = float_tolerance(game)
    facts: list[str] = []
    full = [list(range(k)) for k in game.shape]
    for i, player in enumerate(game.players):
        if game.shape[i] < 2:
            continue
        u = player_view(payoffs, i, full)
        for a in range(game.shape[i]):
            if all(dominates(u, a, b, tol) for b in range(game.shape[i]) if b != a):
                facts.append(f"{player} has a strictly dominant strategy: {game.actions[i][a]}")
    alive = surviving_actions(game)
    if all(len(s) == 1 for s in alive):
        facts.append(f"dominance solvable to {profile_label(game, [s[0] for s in alive])}")
    elif any(len(s) < k for s, k in zip(alive, game.shape, strict=True)):
        left = "; ".join(
            f"{p} {{{', '.join(game.actions[i][k] for k in alive[i])}}}"
            for i, p in enumerate(game.players)
        )
        facts.append(f"iterated strict dominance leaves {left}")
    else:
        facts.append("no strictly dominated strategy")
    equilibria = pure_equilibria(game)
    facts.extend(_equilibrium_facts(game, payoffs, tol, equilibria))
    return facts


def _equilibrium_facts(
    game: NormalFormGame, payoffs: np.ndarray, tol: float, equilibria: list[tuple[int, ...]]
) -> list[str]:
    n = len(equilibria)
    if n == 0:
        return ["no pure equilibrium"]
    labels = [profile_label(game, e) for e in equilibria]
    shown = ", ".join(labels[:_LISTED]) + (", ..." if n > _LISTED else "")
    facts = [f"{n} pure equilibri{'um' if n == 1 else 'a'}: {shown}"]
    ne = set(equilibria)
    for e in equilibria[:_LISTED]:
        better = np.ones(game.shape, dtype=bool)
        for i in range(game.n_players):
            better &= payoffs[i] > payoffs[(i, *e)] + tol
        dominating = [
            tuple(int(k) for k in idx) for idx in zip(*np.nonzero(better), strict=True)
        ]
        outside = [d for d in dominating if d not in ne] or dominating
        if outside:
            by = ", ".join(profile_label(game, d) for d in outside[:3])
            facts.append(f"the equilibrium {profile_label(game, e)} is Pareto-dominated by {by}")
    return facts
