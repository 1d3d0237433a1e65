"""The exact regret certificate of an N-player profile written over a number field.

A profile found by :mod:`gametrust.solvers.nplayer_system` has coordinates in
``Q(alpha)`` (:class:`~gametrust.core.number_field.RealField`).  It is an
equilibrium exactly when, for every player ``i``,

- its probabilities are nonnegative and sum to one, and
- no pure action pays more than its mixed strategy:
  ``u_i(a, x_-i) <= u_i(x)`` for every action ``a``.

:func:`certify_field_profile` checks this from the game's own (rational)
payoffs, not from the equations that produced the point: every sum and
product is computed exactly in the field, every equality is an exact zero
test, every strict inequality a sign proved by interval arithmetic.  So the
largest regret is exactly 0.  A profile that fails raises
:class:`~gametrust.core.errors.SolverError` (a solver bug never becomes an
answer).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import product
from typing import Any

import flint
import numpy as np

from ..core.errors import SolverError
from ..core.exact import Number
from ..core.number_field import RealField
from ..model.game import NormalFormGame
from .result import Equilibrium, certify

__all__ = ["action_values", "certify_field_profile", "field_equilibrium"]


def _constant(q: Fraction) -> Any:
    return flint.fmpq_poly([flint.fmpq(q.numerator, q.denominator)])


def action_values(
    payoffs: np.ndarray, fld: RealField, strategies: Sequence[Sequence[Any]], player: int
) -> list[Any]:
    """``u_player(a, x_-player)`` for every action ``a``, as field elements (``payoffs``:
    the game's payoff array of rationals or integers, players on axis 0)."""
    n = payoffs.shape[0]
    others = [j for j in range(n) if j != player]
    supports = [[k for k, p in enumerate(strategies[j]) if not p.is_zero()] for j in others]
    out = []
    for a in range(payoffs.shape[1 + player]):
        total = flint.fmpq_poly([])
        for prof in product(*supports):
            index = list(prof)
            index.insert(player, a)
            payoff = Fraction(payoffs[(player, *index)])
            if not payoff:
                continue
            term = _constant(payoff)
            for j, k in zip(others, prof, strict=True):
                term = fld.reduce(term * strategies[j][k])
            total = total + term
        out.append(fld.reduce(total))
    return out


def certify_field_profile(
    game: NormalFormGame, fld: RealField, strategies: Sequence[Sequence[Any]], method: str
) -> tuple[Any, ...]:
    """Check the profile exactly; each player's equilibrium payoff as a field element."""
    payoffs = []
    for i in range(game.n_players):
        row = [fld.reduce(p) for p in strategies[i]]
        total = flint.fmpq_poly([])
        for p in row:
            if fld.sign(p) < 0:
                raise SolverError(f"{method} returned a negative probability for player {i}")
            total = total + p
        if not fld.reduce(total - flint.fmpq_poly([1])).is_zero():
            raise SolverError(f"{method} returned probabilities of player {i} not summing to 1")
        values = action_values(game.payoffs, fld, strategies, i)
        mixed = flint.fmpq_poly([])
        for p, v in zip(row, values, strict=True):
            mixed = mixed + fld.reduce(p * v)
        mixed = fld.reduce(mixed)
        for a, v in enumerate(values):
            if fld.sign(v - mixed) > 0:
                raise SolverError(
                    f"{method} returned a profile that is not an equilibrium: player {i} "
                    f"gains by action {a}"
                )
        payoffs.append(mixed)
    return tuple(payoffs)


def field_equilibrium(
    game: NormalFormGame, fld: RealField, strategies: Sequence[Sequence[Any]], method: str
) -> Equilibrium:
    """The certified :class:`Equilibrium` of a profile whose probabilities are elements of
    ``fld``: rational ones by :func:`~gametrust.solvers.result.certify`, others in the
    field (:func:`certify_field_profile`), reported as real algebraic numbers."""
    numbers = [[fld.number(p) for p in row] for row in strategies]
    if all(isinstance(x, Fraction) for row in numbers for x in row):
        return certify(game, [numbers], method=method)[0]
    payoffs = certify_field_profile(game, fld, strategies, method)
    exact: tuple[tuple[Number, ...], ...] = tuple(tuple(row) for row in numbers)  # type: ignore[misc]
    return Equilibrium(
        players=game.players,
        actions=game.actions,
        strategies=exact,
        payoffs=tuple(fld.number(v) for v in payoffs),  # type: ignore[misc]
        regret=Fraction(0),
        strict=False,  # a mixed equilibrium is never strict
    )
