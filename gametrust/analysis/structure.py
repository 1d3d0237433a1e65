"""Structural facts of any normal-form game, in words: dominance, pure equilibria, symmetry.

These are the ``facts`` of a :class:`~gametrust.analysis.families.Family`
(and all there is to say about games other than 2×2): strictly dominant
strategies, the result of iterated elimination of strictly dominated
strategies, the pure equilibria and the outcomes that Pareto-dominate them.
Of a *solved* game, :func:`game_structure` gives what a one-line summary says
beyond a family name (:class:`GameStructure`: dominance-solvable or not, the
equilibria by kind and strictness, continua, the cooperative profile); sweeps
of games larger than 2×2 summarise their intervals with it.
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

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model.game import NormalFormGame
from ..model.regret import float_tolerance
from ..solvers.dominance import comparison_payoffs, dominates, player_view, surviving_actions
from ..solvers.pure import pure_equilibria
from ..solvers.result import SolveResult

__all__ = [
    "GameStructure",
    "cooperative_profile",
    "game_structure",
    "is_exactly_symmetric",
    "profile_label",
    "structure_facts",
]

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


# -- the structure of a solved game, for summaries ------------------------------------------------


def cooperative_profile(game: NormalFormGame) -> tuple[int, ...] | None:
    """The cooperative profile: the Pareto-best symmetric profile, or ``None``.

    The symmetric profiles are those in which every player plays its ``k``-th
    action (every player must have the same number of actions; scenarios list
    corresponding actions in the same order: ``[Freeze, Verify, Arm]`` for
    each, or US ``[Pressure, Reassure]`` against DPRK ``[Arm, Freeze]``).  The
    cooperative one gives every player at least as much as every other
    symmetric profile and someone strictly more; when no symmetric profile
    does (two are best for different players, or tie), there is none.

    >>> from gametrust import NormalFormGame
    >>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> cooperative_profile(pd)
    (0, 0)
    >>> battle = NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> cooperative_profile(battle) is None
    True
    """
    sizes = set(game.shape)
    if len(sizes) != 1:
        return None
    payoffs = comparison_payoffs(game)
    tol = float_tolerance(game)
    diagonal = [tuple([k] * game.n_players) for k in range(game.shape[0])]
    vectors = [[payoffs[(i, *d)] for i in range(game.n_players)] for d in diagonal]

    def better(a: Sequence[object], b: Sequence[object]) -> bool:
        return all(x >= y - tol for x, y in zip(a, b, strict=True)) and any(  # type: ignore[operator]
            x > y + tol for x, y in zip(a, b, strict=True)  # type: ignore[operator]
        )

    for k, mine in enumerate(vectors):
        if all(better(mine, other) for j, other in enumerate(vectors) if j != k):
            return diagonal[k]
    return None


@dataclass(frozen=True)
class GameStructure:
    """What one line can say about a solved game: its structure beyond a family name.

    ``solution`` is the profile iterated strict dominance leaves when it
    leaves one (the game is dominance-solvable), else ``None``.  The
    equilibria are counted as the solver lists them (extreme equilibria):
    ``pure_strict``, ``pure_weak`` (pure, not strict) and ``mixed``;
    ``continua`` counts the components with several extreme points and
    ``isolated`` the equilibria in none.  ``cooperative`` is the cooperative
    profile (:func:`cooperative_profile`) by action labels, and
    ``cooperative_equilibrium`` whether it is an equilibrium.  ``complete``
    is the solver's: when false only pure equilibria were computed.

    >>> from gametrust import NormalFormGame, solve
    >>> stag = NormalFormGame.from_arrays([[3, 0], [2, 2]], [[3, 2], [0, 2]],
    ...                                   actions=[["Stag", "Hare"], ["Stag", "Hare"]])
    >>> game_structure(solve(stag)).summary()
    '3 equilibria (2 pure strict, 1 mixed), cooperative (Stag, Stag) among them'
    >>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                 actions=[["C", "D"], ["C", "D"]])
    >>> game_structure(solve(pd)).summary()
    'dominance-solvable, (D, D), cooperative (C, C) not an equilibrium'
    """

    solution: tuple[str, ...] | None
    equilibria: int
    pure_strict: int
    pure_weak: int
    mixed: int
    continua: int
    isolated: int
    cooperative: tuple[str, ...] | None
    cooperative_equilibrium: bool
    complete: bool = True
    #: the profile of the only equilibrium when it is pure
    unique: tuple[str, ...] | None = None

    def key(self) -> tuple:
        """Everything the summary says, as a comparable value (sweeps split where it changes)."""
        return dataclasses.astuple(self)

    def counts(self) -> str:
        """``"2 pure strict, 1 mixed"``."""
        parts = [
            f"{n} {what}"
            for n, what in (
                (self.pure_strict, "pure strict"),
                (self.pure_weak, "pure weak"),
                (self.mixed, "mixed"),
            )
            if n
        ]
        return ", ".join(parts)

    def equilibria_text(self) -> str:
        """The equilibria in words: ``"3 equilibria (2 pure strict, 1 mixed)"``, or with
        continua ``"3 extreme equilibria (3 mixed) in 2 continua"``."""
        n = self.equilibria
        if not self.complete:
            return (
                f"{n} pure equilibri{'um' if n == 1 else 'a'} ({self.counts() or 'none'}; "
                "mixed ones not computed)"
            )
        if n == 0:  # pragma: no cover - every finite game has one
            return "no equilibrium"
        if n == 1 and not self.continua:
            if self.unique is None:
                return "unique equilibrium (mixed)"
            return f"unique equilibrium {_label(self.unique)}" + (
                "" if self.pure_strict else ", not strict"
            )
        if self.continua:
            text = (
                f"{n} extreme equilibri{'um' if n == 1 else 'a'} ({self.counts()}) in "
                f"{self.continua} continu{'um' if self.continua == 1 else 'a'}"
            )
            return text + (f", {self.isolated} isolated" if self.isolated else "")
        return f"{n} equilibri{'um' if n == 1 else 'a'} ({self.counts()})"

    def summary(self) -> str:
        """One line: ``"dominance-solvable, (Arm, Arm)"`` or ``"3 equilibria (2 pure strict,
        1 mixed), cooperative (Freeze, Freeze) among them"``."""
        coop = None if self.cooperative is None else _label(self.cooperative)
        if self.solution is not None:
            text = f"dominance-solvable, {_label(self.solution)}"
            if self.cooperative is None:
                return text
            if self.cooperative == self.solution:
                return text + ", the cooperative profile"
            return text + f", cooperative {coop} not an equilibrium"
        text = self.equilibria_text()
        if coop is None:
            return text
        if self.unique is not None and self.unique == self.cooperative:
            return text + ", the cooperative profile"
        where = "among them" if self.cooperative_equilibrium else "not an equilibrium"
        return f"{text}, cooperative {coop} {where}"

    def label(self) -> str:
        """A short label for figures: ``"(Arm, Arm) by dominance"``, ``"3 equilibria"``,
        ``"3 equilibria, 2 continua"``."""
        if self.solution is not None:
            return f"{_label(self.solution)} by dominance"
        n = self.equilibria
        text = f"{n} equilibri{'um' if n == 1 else 'a'}"
        if self.continua:
            text += f", {self.continua} continu{'um' if self.continua == 1 else 'a'}"
        return text

    def to_dict(self) -> dict[str, object]:
        """JSON-ready data (``structure`` in ``docs/sweep.md``)."""
        return {
            "summary": self.summary(),
            "dominance_solvable": self.solution is not None,
            "solution": None if self.solution is None else list(self.solution),
            "equilibria": self.equilibria,
            "pure_strict": self.pure_strict,
            "pure_weak": self.pure_weak,
            "mixed": self.mixed,
            "continua": self.continua,
            "isolated": self.isolated,
            "cooperative": None if self.cooperative is None else list(self.cooperative),
            "cooperative_equilibrium": self.cooperative_equilibrium,
            "complete": self.complete,
            "unique": None if self.unique is None else list(self.unique),
        }


def _label(profile: Sequence[str]) -> str:
    return "(" + ", ".join(profile) + ")"


def game_structure(result: SolveResult) -> GameStructure:
    """The :class:`GameStructure` of a solved normal-form game."""
    game = result.game
    alive = surviving_actions(game)
    solution = (
        tuple(game.actions[i][s[0]] for i, s in enumerate(alive))
        if all(len(s) == 1 for s in alive)
        else None
    )
    pure = [e for e in result if e.kind == "pure"]
    in_continuum = {k for c in result.components if len(c) > 1 for k in c}
    coop_index = cooperative_profile(game)
    coop = None if coop_index is None else tuple(
        game.actions[i][k] for i, k in enumerate(coop_index)
    )
    return GameStructure(
        solution=solution,
        equilibria=len(result),
        pure_strict=sum(1 for e in pure if e.strict),
        pure_weak=sum(1 for e in pure if not e.strict),
        mixed=len(result) - len(pure),
        continua=sum(1 for c in result.components if len(c) > 1),
        isolated=len(result) - len(in_continuum),
        cooperative=coop,
        cooperative_equilibrium=coop is not None and any(e.profile == coop for e in pure),
        complete=result.complete,
        unique=pure[0].profile if len(result) == 1 and pure and result.complete else None,
    )
