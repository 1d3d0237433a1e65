"""The numpy-first entry: ``gametrust.Game(A, B)`` as in nashpy, and nashpy's games read.

``Game(A, B)`` (or ``Game(A, B, C, ...)``: one payoff array per player) is
:meth:`NormalFormGame.from_arrays <gametrust.model.game.NormalFormGame.from_arrays>`
with nashpy's calling convention: integer, ``Fraction`` or ``"p/q"`` entries
make an exact game; floats a float one.  :func:`from_nashpy` turns a
``nashpy.Game`` into a :class:`~gametrust.model.game.NormalFormGame` (integer
arrays stay exact); :func:`gametrust.solve` accepts one directly.

>>> import numpy as np
>>> A = np.array([[3, 0], [5, 1]])
>>> game = Game(A, A.T)
>>> game.players, game.actions
(('Row', 'Column'), (('0', '1'), ('0', '1')))
>>> Game([[1, 2]], [[0, 1]], [[2, 0]])         # doctest: +ELLIPSIS
Traceback (most recent call last):
...
gametrust.core.errors.ArgumentError: arrays: 3 players need 3-dimensional payoff arrays, ...
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..core.errors import ArgumentError, Location
from .game import NormalFormGame

__all__ = ["Game", "from_nashpy", "is_nashpy_game"]

#: Default player names: nashpy's two players are the row and the column player.
_TWO = ("Row", "Column")


def Game(  # named as nashpy's class, which it stands in for
    *arrays: Any,
    players: Sequence[str] | None = None,
    actions: Sequence[Sequence[str]] | None = None,
    title: str = "",
    exact: bool | None = None,
) -> NormalFormGame:
    """A normal-form game from one payoff array per player (nashpy's ``Game(A, B)``).

    Players are ``Row`` and ``Column`` for two (``P1``, ``P2``, ... for more)
    and actions their indices as text, unless ``players``/``actions`` are given.
    """
    if not arrays:
        raise ArgumentError("give one payoff array per player", Location(path=("arrays",)))
    shape = np.shape(arrays[0])
    if len(shape) != len(arrays):
        raise ArgumentError(
            f"{len(arrays)} players need {len(arrays)}-dimensional payoff arrays, got shape "
            f"{shape}", Location(path=("arrays",)),
        )
    if players is None:
        players = _TWO if len(arrays) == 2 else tuple(f"P{i + 1}" for i in range(len(arrays)))
    if actions is None:
        actions = [[str(k) for k in range(n)] for n in shape]
    return NormalFormGame.from_arrays(*arrays, players=players, actions=actions, exact=exact,
                                      title=title)


def is_nashpy_game(value: object) -> bool:
    """Whether ``value`` is a ``nashpy.Game`` (nashpy is not imported to find out)."""
    return type(value).__module__.split(".")[0] == "nashpy" and hasattr(
        value, "payoff_matrices")


def from_nashpy(game: Any) -> NormalFormGame:
    """The :class:`NormalFormGame` of a ``nashpy.Game`` (its payoff matrices as they are)."""
    return Game(*game.payoff_matrices)
