"""Expected payoffs, deviation payoffs and regret: the one shared certificate.

A profile of mixed strategies is a Nash equilibrium exactly when no player's
*regret* — its best pure-deviation payoff minus its expected payoff — is
positive.  For exact games every quantity here is a ``Fraction``, computed on
the game's integers (:mod:`gametrust.model.exact_regret`), and the check
is ``regret == 0``; for float games it is ``regret <= tol`` with
:data:`gametrust.core.exact.FLOAT_TOLERANCE` scaled by the game's payoff range.

>>> from fractions import Fraction as F
>>> from gametrust import NormalFormGame
>>> stag = NormalFormGame.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]])
>>> half = (F(3, 4), F(1, 4))
>>> max_regret(stag, (half, half))
Fraction(0, 1)
>>> is_nash(stag, ((1, 0), (0, 1)))
False
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..core.errors import ArgumentError, Location
from ..core.exact import FLOAT_TOLERANCE, Number, as_number
from .exact_regret import exact_certificate, exact_deviation_payoffs
from .game import NormalFormGame

__all__ = [
    "deviation_payoffs",
    "expected_payoffs",
    "float_tolerance",
    "is_nash",
    "max_regret",
    "regrets",
]

Profile = Sequence[Sequence[Number]]


def _vectors(game: NormalFormGame, profile: Profile) -> list[np.ndarray]:
    if len(profile) != game.n_players:
        raise ArgumentError(
            f"a profile has one strategy per player ({game.n_players}), got {len(profile)}",
            Location(path=("profile",)),
        )
    out = []
    for i, (strategy, size) in enumerate(zip(profile, game.shape, strict=True)):
        if len(strategy) != size:
            raise ArgumentError(
                f"player {game.players[i]!r} has {size} actions, strategy has {len(strategy)}",
                Location(path=("profile", i)),
            )
        values = [as_number(p, exact=game.exact) for p in strategy]
        out.append(np.array(values, dtype=object if game.exact else np.float64))
    return out


def _contract_except(tensor: np.ndarray, vectors: list[np.ndarray], keep: int) -> np.ndarray:
    """Contract every action axis of ``tensor`` but ``keep`` with the strategy vectors."""
    result = tensor
    # contract from the last axis so earlier axis numbers stay valid
    for axis in range(len(vectors) - 1, -1, -1):
        if axis == keep:
            continue
        result = np.tensordot(result, vectors[axis], axes=([axis], [0]))
    return result


def deviation_payoffs(game: NormalFormGame, profile: Profile, player: int) -> np.ndarray:
    """Player's payoff from each of its pure actions against the others' mix."""
    vectors = _vectors(game, profile)
    if game.exact:  # on integers (gametrust.model.exact_regret)
        return exact_deviation_payoffs(game, vectors, player)
    return _contract_except(game.payoffs[player], vectors, player)


def expected_payoffs(game: NormalFormGame, profile: Profile) -> tuple[Number, ...]:
    """Every player's expected payoff under a mixed profile."""
    vectors = _vectors(game, profile)
    if game.exact:
        return exact_certificate(game, vectors).payoffs
    out = []
    for i in range(game.n_players):
        dev = _contract_except(game.payoffs[i], vectors, i)
        out.append(_dot(dev, vectors[i]))
    return tuple(out)


def _dot(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b))


def regrets(game: NormalFormGame, profile: Profile) -> tuple[Number, ...]:
    """Each player's regret: best pure-deviation payoff minus expected payoff (>= 0)."""
    vectors = _vectors(game, profile)
    if game.exact:
        return exact_certificate(game, vectors).regrets
    out = []
    for i in range(game.n_players):
        dev = _contract_except(game.payoffs[i], vectors, i)
        out.append(max(dev) - _dot(dev, vectors[i]))
    return tuple(out)


def max_regret(game: NormalFormGame, profile: Profile) -> Number:
    """The largest regret of any player; 0 exactly at an exact equilibrium."""
    return max(regrets(game, profile))


def float_tolerance(game: NormalFormGame) -> float:
    """Tolerance for a float game: :data:`FLOAT_TOLERANCE` times its payoff scale.

    For an exact game it is the integer ``0``, so that ``best - tol`` stays an
    exact ``Fraction`` (``Fraction(1, 3) - 0.0`` would round to a float).
    """
    if game.exact:
        return 0
    scale = float(np.max(np.abs(game.payoffs))) if game.payoffs.size else 1.0
    return FLOAT_TOLERANCE * max(1.0, scale)


def is_nash(game: NormalFormGame, profile: Profile, tol: float | None = None) -> bool:
    """True when no player gains by deviating (exactly, for exact games).

    For float games ``tol`` defaults to :func:`float_tolerance`.  Strategies
    must be probability vectors; anything else is not an equilibrium.
    """
    vectors = _vectors(game, profile)
    if game.exact:
        check = exact_certificate(game, vectors)
        return check.probabilities and max(check.regrets) <= (tol or 0)
    if tol is None:
        tol = float_tolerance(game)
    for v in vectors:
        if game.exact:
            if any(p < 0 for p in v) or sum(v) != 1:
                return False
        elif np.any(v < -tol) or abs(float(np.sum(v)) - 1.0) > tol:
            return False
    return max_regret(game, profile) <= tol
