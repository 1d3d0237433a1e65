"""Exact sweeps of a prior: the Bayesian equilibria as one player's prior of a type moves.

:func:`sweep_prior` gives the swept type probability ``p`` (the player's other
types share ``1 - p`` in their proportions) and follows the equilibria exactly
with the one engine for games with types,
:func:`gametrust.analysis.types_sweep.sweep_types` (exact breakpoints, the
equilibria on each interval as exact functions of ``p``, the game solved
exactly at each breakpoint).  A prior sweep is a
:class:`~gametrust.analysis.types_sweep_result.TypesSweep`; the names
:class:`PriorSweep`, :class:`PriorInterval`, :class:`PriorPoint` and
:class:`PriorPiece` are kept for it.

>>> import gametrust
>>> bg = gametrust.load("scenarios/korea_trust.yaml").build_bayesian()  # US vs a two-type DPRK
>>> print(sweep_prior(bg, "DPRK", "security_seeker").summary())
p < 1/2: 1 BNE (1 pure); p = 1/2: 3 BNE (2 pure, 1 mixed), 1 continuum;
p > 1/2: 3 BNE (2 pure, 1 mixed)
"""

from __future__ import annotations

from fractions import Fraction

from ..core.errors import fail
from ..core.exact import as_number, format_number
from ..model.bayesian import BayesianGame
from .types_model import TypeAxis
from .types_sweep import sweep_types
from .types_sweep_result import BayesianPiece, TypesInterval, TypesPoint, TypesSweep

__all__ = ["PriorInterval", "PriorPiece", "PriorPoint", "PriorSweep", "exact_prior",
           "sweep_prior"]

#: A sweep of a prior is a sweep of a game with types.
PriorSweep = TypesSweep
PriorInterval = TypesInterval
PriorPoint = TypesPoint
PriorPiece = BayesianPiece


def exact_prior(value: object, name: str) -> Fraction:
    """A probability given exactly (a float is refused), located at ``name``."""
    if isinstance(value, float):
        raise fail(
            f"give {name} exactly (a fraction string or Fraction), not the float {value!r}", name
        )
    try:
        number = as_number(value, exact=True)
    except (TypeError, ValueError) as exc:
        raise fail(f"{name} must be a number: {exc}", name) from None
    assert isinstance(number, Fraction)
    if not 0 <= number <= 1:
        raise fail(f"{name} must be a probability in [0, 1], got {format_number(number)}", name)
    return number


def sweep_prior(
    game: BayesianGame,
    player: str | int,
    type: str | int,
    lo: object = 0,
    hi: object = 1,
) -> TypesSweep:
    """The Bayesian equilibria as ``player``'s prior of ``type`` moves from ``lo`` to ``hi``.

    The swept type gets probability ``p``; the player's other types share
    ``1 - p`` in their proportions in ``game`` (equally if the swept type has
    prior 1 there).  Exact: see :func:`gametrust.analysis.types_sweep.sweep_types`
    and ``docs/bayesian.md``.  Each interval lists its equilibria as exact
    functions of ``p``; each breakpoint the equilibria exactly there.
    """
    if not isinstance(game, BayesianGame):
        raise fail(f"sweep_prior() takes a BayesianGame, got {game.__class__.__name__}", "game")
    i = game.player_index(player)
    t = game.type_index(i, type)
    if len(game.types[i]) < 2:
        raise fail(f"player {game.players[i]!r} has one type: its prior is 1", "type")
    low, high = exact_prior(lo, "lo"), exact_prior(hi, "hi")
    if not low < high:
        raise fail(
            f"the range must have lo < hi, got [{format_number(low)}, {format_number(high)}]", "lo"
        )
    if not game.exact:
        raise fail("prior sweeps need exact payoffs", "game")
    axis = TypeAxis("prior", player=game.players[i], type=game.types[i][t])
    return sweep_types(game, axis, low, high)
