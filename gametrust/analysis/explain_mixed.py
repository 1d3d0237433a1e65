"""The completely mixed equilibrium of a 2×2 game as formulas in the scenario's names.

Each player's mix makes the other indifferent; its probabilities are
rational functions of the symbols, and the equilibrium exists exactly where
every probability is strictly between 0 and 1.  Part of :func:`gametrust.explain`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..core.exact import Number
from .explanation import MixedFormula, SymbolicCondition
from .formulas import ratio
from .inequalities import symbolic_condition, value_at

__all__ = ["explain_mixed"]


def explain_mixed(
    tensor: Any,
    players: Sequence[str],
    actions: Sequence[Sequence[str]],
    values: Mapping[Any, Any],
) -> MixedFormula:
    """The mixed equilibrium of the 2×2 payoff ``tensor`` (sympy), evaluated at ``values``."""
    import sympy

    a, b = tensor[0], tensor[1]
    # the row player's mix makes the column player indifferent, and vice versa
    gains = {
        players[0]: (b[0, 0] - b[0, 1], b[1, 1] - b[1, 0]),
        players[1]: (a[0, 0] - a[1, 0], a[1, 1] - a[0, 1]),
    }
    probabilities: dict[str, tuple[Any, Any] | None] = {}
    current: dict[str, tuple[Number, Number] | None] = {}
    conditions: dict[str, SymbolicCondition] = {}
    for player in players:
        x, y = (sympy.expand(g) for g in gains[player])
        first = ratio(y, x + y)
        if first is None:
            probabilities[player] = None
            current[player] = None
        else:
            second = ratio(x, x + y)
            probabilities[player] = (first, second)
            now = (value_at(first, values), value_at(second, values))
            current[player] = None if None in now else now  # type: ignore[assignment]
        # 0 < p < 1 exactly when the two gains have the same sign, neither zero
        conditions[player] = symbolic_condition([sympy.expand(x * y)], True, values)
    condition = symbolic_condition(
        [sympy.expand(gains[p][0] * gains[p][1]) for p in players], True, values
    )
    return MixedFormula(
        tuple(players), tuple(tuple(a) for a in actions), probabilities, current, conditions,
        condition,
    )
