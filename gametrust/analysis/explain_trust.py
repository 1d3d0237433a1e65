"""Trust thresholds of the cooperative equilibrium as formulas in the scenario's names.

For a two-player game with a cooperative pure equilibrium and an alternative
one: the least probability each player must assign to the other doing its
part of the cooperative equilibrium before its own part is a best response,
as a formula, and its exact value now.  Part of :func:`gametrust.explain`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import product
from typing import Any

import numpy as np

from .explanation import ProfileCondition, ThresholdBound, TrustFormula, TrustFormulas
from .formulas import ratio
from .inequalities import symbolic_condition, value_at
from .selection import trust_threshold

__all__ = ["explain_trust"]


def _current_game(tensor: Any, values: Mapping[Any, Any]) -> Any | None:
    """The payoff tensor at the current values, as Fractions (``None`` if not all rational)."""
    out = np.empty(tensor.shape, dtype=object)
    for idx in np.ndindex(tensor.shape):
        value = value_at(tensor[idx], values)
        if value is None:
            return None
        out[idx] = value
    return out


def _cooperative_pairs(
    current: Any, profiles: Sequence[ProfileCondition], shape: tuple[int, ...]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The (cooperative, alternative) pairs whose trust thresholds are explained.

    At the current values: the payoff-dominant pure equilibrium against every
    other pure equilibrium when there is one; otherwise, in a 2×2 game, the
    profile better for both players than the diagonally opposite profile.
    """

    def pays(idx: tuple[int, int]) -> tuple[Any, Any]:
        return current[(0, *idx)], current[(1, *idx)]

    def better(p: tuple[int, int], q: tuple[int, int]) -> bool:
        return all(x > y for x, y in zip(pays(p), pays(q), strict=True))

    cells = list(product(range(shape[0]), range(shape[1])))
    now = [c for c, p in zip(cells, profiles, strict=True) if p.condition.holds]
    if len(now) >= 2:
        best = [p for p in now if all(better(p, q) for q in now if q != p)]
        if best:
            return [(best[0], q) for q in now if q != best[0]]
    if shape == (2, 2):
        for p in cells:
            q = (1 - p[0], 1 - p[1])
            if better(p, q):
                return [(p, q)]
    return []


def explain_trust(
    tensor: Any,
    players: Sequence[str],
    actions: Sequence[Sequence[str]],
    values: Mapping[Any, Any],
    profiles: Sequence[ProfileCondition],
) -> tuple[TrustFormulas, ...]:
    """The trust formulas of every cooperative/alternative pair of pure equilibria."""
    import sympy

    current = _current_game(tensor, values)
    if current is None:
        return ()
    shape = tuple(tensor.shape[1:])
    holds = {
        cell: p.condition.holds
        for cell, p in zip(product(range(shape[0]), range(shape[1])), profiles, strict=True)
    }
    by_cell = dict(zip(product(range(shape[0]), range(shape[1])), profiles, strict=True))
    out = []
    for coop, other in _cooperative_pairs(current, profiles, shape):
        differences = [d.difference for cell in (coop, other) for d in by_cell[cell].deviations]
        if symbolic_condition(differences, False, values).status == "never":
            continue  # never both equilibria: no trust question to ask
        both_now = bool(holds[coop] and holds[other])
        formulas = []
        for i, player in enumerate(players):
            j = 1 - i

            def u(own: int, theirs: int, i: int = i) -> Any:
                return tensor[0, own, theirs] if i == 0 else tensor[1, theirs, own]

            mine, theirs_coop, theirs_alt = coop[i], coop[j], other[j]
            bounds = []
            for alt in range(shape[i]):
                if alt == mine:
                    continue
                gain_coop = sympy.expand(u(mine, theirs_coop) - u(alt, theirs_coop))
                loss_alt = sympy.expand(u(alt, theirs_alt) - u(mine, theirs_alt))
                formula = ratio(loss_alt, gain_coop + loss_alt)
                value = None if formula is None else value_at(formula, values)
                bounds.append(ThresholdBound(actions[i][alt], formula, value))
            threshold = trust_threshold(current, coop, other, i) if both_now else None
            formulas.append(
                TrustFormula(
                    player=player,
                    action=actions[i][mine],
                    partner=players[j],
                    partner_action=actions[j][theirs_coop],
                    rest_on=actions[j][theirs_alt],
                    bounds=tuple(bounds),
                    threshold=threshold,
                )
            )
        out.append(
            TrustFormulas(
                cooperative=(actions[0][coop[0]], actions[1][coop[1]]),
                alternative=(actions[0][other[0]], actions[1][other[1]]),
                formulas=tuple(formulas),
                both_equilibria_now=both_now,
            )
        )
    return tuple(out)
