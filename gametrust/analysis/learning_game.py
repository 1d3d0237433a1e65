"""The game that learning dynamics, basins and quantal response work on, and its equilibria.

Learning analyses (:mod:`.dynamics`, :mod:`.basins`, :mod:`.qre`) take a
two-player scenario or :class:`~gametrust.model.game.NormalFormGame`; a
scenario is built with its parameters and empathy (so the players learn in
the game *as they value it*), a tree is turned into its reduced normal form.
Beside the game, :func:`learning_game` solves it exactly, so that where play
ends can be compared with gametrust's certified equilibria
(:func:`distances`, the largest difference of any probability: the sup norm).

>>> import gametrust
>>> game, result = learning_game(gametrust.load("scenarios/stag_hunt.yaml"))
>>> game.actions, len(result.equilibria)
((('Stag', 'Hare'), ('Stag', 'Hare')), 3)
>>> tuple(round(d, 6) for d in distances(result, ((0.9, 0.1), (1.0, 0.0))))
(0.1, 1.0, 0.333333)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..core.errors import ArgumentError, Location
from ..core.exact import format_number
from ..model.game import NormalFormGame
from ..model.tree import GameTree
from ..scenario.scenario import Scenario
from ..solvers.result import SolveResult
from ..solvers.solve import solve

__all__ = ["Profile", "distances", "format_profile", "learning_game", "nearest", "sample_indices"]

#: One mixed strategy per player: ``profile[i][k]`` is the probability of player i's action k.
Profile = tuple[tuple[Any, ...], ...]


def learning_game(
    subject: Scenario | NormalFormGame | GameTree,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> tuple[NormalFormGame, SolveResult]:
    """The exact two-player normal-form game of ``subject`` (built with ``parameters`` and
    ``empathy`` when a scenario) and every extreme equilibrium of it, certified."""
    where = Location(file=subject.path) if isinstance(subject, Scenario) else Location(
        path=("game",))
    if isinstance(subject, Scenario):
        if subject.repeated is not None or subject.types or subject.is_signalling:
            raise ArgumentError(
                "learning dynamics are for a one-shot game without types or signals "
                "(a repeated: section, types or a signal are not supported)", where)
        subject = (subject.build_tree(parameters or None, empathy or None) if subject.is_tree
                   else subject.build(parameters or None, empathy or None))
    elif parameters or empathy:
        raise ArgumentError("parameters and empathy apply to a scenario; build the game first",
                            Location(path=("parameters" if parameters else "empathy",)))
    if isinstance(subject, GameTree):
        from ..model.reduced import reduced_normal_form

        subject = reduced_normal_form(subject)[0]
    if not isinstance(subject, NormalFormGame):
        raise ArgumentError(f"cannot learn in a {type(subject).__name__}: give a two-player "
                            "NormalFormGame or scenario", where)
    if subject.n_players != 2:
        raise ArgumentError(f"learning dynamics need two players, this game has "
                            f"{subject.n_players}", where)
    if not subject.exact:
        raise ArgumentError("learning analyses compare with exact equilibria: give an exact "
                            "game (rational payoffs)", where)
    return subject, solve(subject, "enumeration")


def distances(result: SolveResult, profile: Sequence[Sequence[Any]]) -> tuple[float, ...]:
    """The sup-norm distance from ``profile`` to each equilibrium of ``result``, in order."""
    return tuple(
        max(abs(float(p) - float(q)) for mine, theirs in zip(profile, e.strategies, strict=True)
            for p, q in zip(mine, theirs, strict=True))
        for e in result.equilibria
    )


def nearest(ds: Sequence[float], tolerance: float) -> int | None:
    """The index of the nearest equilibrium, given the ``distances`` to each, when it is
    within ``tolerance``; ``None`` when none is that close."""
    if not ds:
        return None
    k = min(range(len(ds)), key=ds.__getitem__)
    return k if ds[k] <= tolerance else None


def format_profile(actions: Sequence[Sequence[str]], players: Sequence[str],
                   profile: Sequence[Sequence[Any]], digits: int = 4) -> str:
    """``Row: Stag 0.9, Hare 0.1; Column: Stag 1`` (exact numbers stay exact)."""
    def number(x: Any) -> str:
        if isinstance(x, (int, Fraction)):
            return format_number(Fraction(x))
        return f"{float(x):.{digits}g}"

    return "; ".join(
        f"{p}: " + ", ".join(f"{a} {number(x)}" for a, x in zip(acts, mix, strict=True))
        for p, acts, mix in zip(players, actions, profile, strict=True))


def sample_indices(n: int, samples: int = 200) -> list[int]:
    """At most ``samples`` indices of ``range(n)``, evenly spaced, the first and last kept."""
    if n <= samples:
        return list(range(n))
    return sorted({round(k * (n - 1) / (samples - 1)) for k in range(samples)})
