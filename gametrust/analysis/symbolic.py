"""Payoffs as exact symbolic expressions of empathy weights and parameters.

The sweep and ``solve --explain`` need the payoff tensor as a function of some
names — an empathy weight ``e_US``, a common weight ``e``, a parameter
``relief`` — with everything else fixed at its value.  This module builds that
tensor with sympy (imported here, never at start-up) from a scenario's own
expressions, so conditions come out in the scenario's own names.

>>> import sympy
>>> from gametrust.analysis.symbolic import SymbolicGame
>>> from gametrust import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[4, 0], [5, 2]], [[4, 5], [0, 2]])
>>> e = sympy.Symbol("e")
>>> g = SymbolicGame.from_game(pd, empathy={"P1": e, "P2": e})
>>> g.payoffs[0, 0, 0], g.payoffs[0, 1, 0]
(4*e + 4, 5)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import ArgumentError, Location
from ..model.game import NormalFormGame

if TYPE_CHECKING:  # pragma: no cover
    import sympy

    from ..scenario.scenario import Scenario

__all__ = ["SymbolicGame", "to_sympy_number"]


def to_sympy_number(value: object) -> Any:
    """An exact sympy number for a Fraction/int, a sympy Float for a float."""
    import sympy

    if isinstance(value, float):
        return sympy.Float(value)
    fraction = Fraction(value)  # type: ignore[arg-type]
    return sympy.Rational(fraction.numerator, fraction.denominator)


def _apply_empathy(base: np.ndarray, weights: list[Any], model: str) -> np.ndarray:
    from ..model.empathy import empathize_tensor

    out = empathize_tensor(base, weights, model)
    return np.vectorize(lambda x: x.expand(), otypes=[object])(out)


@dataclass(frozen=True)
class SymbolicGame:
    """A payoff tensor of sympy expressions (empathy already applied)."""

    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    payoffs: np.ndarray  # object array (n_players, *shape) of sympy expressions
    weights: tuple[Any, ...]  # each player's empathy weight (sympy)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.payoffs.shape[1:])

    @property
    def free_symbols(self) -> frozenset:
        out: set = set()
        for value in self.payoffs.ravel():
            out |= value.free_symbols
        return frozenset(out)

    @classmethod
    def from_game(
        cls,
        game: NormalFormGame,
        empathy: Mapping[str, Any] | None = None,
        model: str = "altruism",
    ) -> SymbolicGame:
        """Constant payoffs from a game, with (symbolic) empathy weights per player id."""
        base = np.vectorize(to_sympy_number, otypes=[object])(game.payoffs)
        weights = [to_sympy_number(0)] * game.n_players
        for pid, w in (empathy or {}).items():
            weights[game.player_index(pid)] = w if not _is_number(w) else to_sympy_number(w)
        return cls(game.players, game.actions, _apply_empathy(base, weights, model), tuple(weights))

    @classmethod
    def from_scenario(
        cls,
        scenario: Scenario,
        *,
        symbols: Mapping[str, Any] | None = None,
        parameters: Mapping[str, object] | None = None,
        empathy: Mapping[str, object] | None = None,
    ) -> SymbolicGame:
        """The scenario's payoffs with the names in ``symbols`` kept symbolic.

        ``symbols`` maps parameter names and/or player ids (for their empathy
        weight) to sympy expressions.  Other parameters take their values (with
        ``parameters`` overrides), other empathy weights the file's values
        (with ``empathy`` overrides, numbers per player id).
        """
        symbols = dict(symbols or {})
        ids = scenario.player_ids
        values = scenario.parameter_values(parameters)
        table = {name: to_sympy_number(v) for name, v in values.items()}
        for name, sym in symbols.items():
            if name in table:
                table[name] = sym
        shape = tuple(len(p.actions) for p in scenario.players)
        base = np.empty((len(ids), *shape), dtype=object)
        for index, vector in zip(
            product(*(range(k) for k in shape)), scenario.payoffs.values(), strict=True
        ):
            for i, expression in enumerate(vector):
                base[(i, *index)] = expression.to_sympy(table)
        weights = []
        for pid in ids:
            if pid in symbols:
                weights.append(symbols[pid])
            elif empathy and pid in empathy:
                weights.append(to_sympy_number(_exact(empathy[pid], pid)))
            else:
                raw = scenario.empathy.get(pid, 0)
                weights.append(raw.to_sympy(table) if hasattr(raw, "to_sympy") else
                               to_sympy_number(raw))
        model = scenario.empathy_model
        return cls(ids, scenario.actions, _apply_empathy(base, weights, model), tuple(weights))

    def substitute(self, values: Mapping[Any, Any]) -> np.ndarray:
        """The payoff tensor with symbols replaced (sympy objects)."""
        return np.vectorize(lambda x: x.subs(values), otypes=[object])(self.payoffs)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, Fraction))


def _exact(raw: object, pid: str) -> Fraction | float:
    from ..core.exact import as_number

    try:
        return as_number(raw, exact=not isinstance(raw, float))
    except (TypeError, ValueError) as exc:
        raise ArgumentError(str(exc), Location(path=("--empathy", pid))) from None


def sympy_symbol(name: str) -> sympy.Symbol:
    """A real symbol (sympy's assumptions help simplification)."""
    import sympy

    return sympy.Symbol(name, real=True)
