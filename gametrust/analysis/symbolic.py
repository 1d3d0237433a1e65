"""Payoffs as exact symbolic expressions of empathy weights and parameters.

The sweep and ``solve --explain`` need the payoff tensor as a function of some
names — an empathy weight ``e_US``, a common weight ``e``, a parameter
``relief`` — with everything else fixed at its value.  This module builds that
tensor with sympy (imported here, never at start-up) from a scenario's own
expressions, so conditions come out in the scenario's own names.

:class:`ScenarioSource` and :class:`GameSource` give :func:`gametrust.explain`
the tensor with every name it keeps symbolic (a parameter, or a player's
empathy weight ``e_<player>``) and the :class:`~gametrust.analysis.explanation.Symbol`
of each name; :func:`to_sympy_number` is the one converter of exact numbers
to sympy.

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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import Any

import numpy as np

from ..core.errors import ArgumentError, Location, did_you_mean
from ..core.exact import Number, as_number
from ..model.empathy import empathize_tensor, per_player, weight_keys, weight_names
from ..model.game import NormalFormGame
from ..scenario.scenario import Scenario
from .explanation import Symbol

__all__ = ["GameSource", "ScenarioSource", "SymbolicGame", "source_of", "to_sympy_number"]


def to_sympy_number(value: object) -> Any:
    """An exact sympy number for a Fraction/int, a sympy Float for a float."""
    import sympy

    if isinstance(value, float):
        return sympy.Float(value)
    fraction = Fraction(value)  # type: ignore[arg-type]
    return sympy.Rational(fraction.numerator, fraction.denominator)


def _apply_empathy(base: np.ndarray, weights: Sequence[Any], model: str) -> np.ndarray:
    out = empathize_tensor(base, list(weights), model)
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
        model = scenario.empathy_model
        named: dict[str, Any] = {}
        for name in weight_names(model, ids):
            if name in symbols:
                named[name] = symbols[name]
            elif empathy and name in empathy:
                named[name] = to_sympy_number(_exact(empathy[name], ("--empathy", name)))
            else:
                raw = scenario.empathy.get(name, 0)
                named[name] = (raw.to_sympy(table) if hasattr(raw, "to_sympy") else
                               to_sympy_number(raw))
        weights = per_player(model, ids, named)
        return cls(ids, scenario.actions, _apply_empathy(base, weights, model), tuple(weights))

    def substitute(self, values: Mapping[Any, Any]) -> np.ndarray:
        """The payoff tensor with symbols replaced (sympy objects)."""
        return np.vectorize(lambda x: x.subs(values), otypes=[object])(self.payoffs)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, Fraction))


def _exact(raw: object, path: tuple[str, ...]) -> Number:
    try:
        return as_number(raw, exact=not isinstance(raw, float))
    except (TypeError, ValueError) as exc:
        raise ArgumentError(str(exc), Location(path=path)) from None


# -- the sources of an explanation: a scenario or a game, with the names kept symbolic -----------


def _empathy_names(players: Sequence[str], taken: set[str], model: str = "altruism"
                   ) -> dict[str, str]:
    """``e_<player>`` for each player (``<key>_<player>`` for each weight of a two-weight
    model, e.g. ``beta_Row``), made distinct from parameter names."""
    names: dict[str, str] = {}
    for pid in weight_names(model, players):
        player, dot, key = pid.rpartition(".")
        name = f"{key}_{player}" if dot and weight_keys(model) else f"e_{pid}"
        while name in taken:
            name += "_"
        names[pid] = name
        taken.add(name)
    return names


def _fixed_empathy(
    players: Sequence[str], empathy: Mapping[str, object] | None, model: str = "altruism"
) -> dict[str, Number]:
    out: dict[str, Number] = {}
    names = weight_names(model, players)
    what = "empathy weight" if weight_keys(model) else "player"
    for pid, raw in (empathy or {}).items():
        if pid not in names:
            hint = did_you_mean(str(pid), names) or f"; the {what}s are {', '.join(names)}"
            raise ArgumentError(f"no {what} {pid!r}{hint}", Location(path=("--empathy", pid)))
        out[pid] = _exact(raw, ("--empathy", pid))
    return out


class ScenarioSource:
    """A scenario's payoff table with its parameters and empathy weights as symbols."""

    def __init__(self, scenario: Scenario) -> None:
        shape = tuple(len(a) for a in scenario.actions)
        profiles = 1
        for size in shape:
            profiles *= size
        if getattr(scenario, "is_tree", False) or len(scenario.payoffs) != profiles:
            raise ArgumentError(
                "conditions are derived from a payoff table, and this scenario is a game "
                "tree (or has commitment or verification moves)",
                Location(file=scenario.path, path=("--explain",)),
            )
        self.scenario = scenario
        self.players = scenario.player_ids
        self.actions = scenario.actions
        self.shape = tuple(len(a) for a in self.actions)
        self.title = scenario.title
        self.model = scenario.empathy_model

    def symbolic(
        self, parameters: Mapping[str, object] | None, empathy: Mapping[str, object] | None
    ) -> tuple[tuple[Symbol, ...], tuple[Symbol, ...], Any]:
        import sympy

        scenario = self.scenario
        values = scenario.parameter_values(parameters)  # validates --set names and values
        fixed_weights = _fixed_empathy(self.players, empathy, self.model)
        weights = scenario.empathy_weights(values)
        weights.update(fixed_weights)
        overridden = set(parameters or {})
        e_names = _empathy_names(self.players, set(scenario.parameters), self.model)
        symbols: list[Symbol] = []
        fixed: list[Symbol] = []
        for name, value in values.items():
            entry = Symbol(name, "parameter", name, value, fixed=name in overridden)
            (fixed if entry.fixed else symbols).append(entry)
        for pid in weight_names(self.model, self.players):
            entry = Symbol(e_names[pid], "empathy", pid, weights[pid], fixed=pid in fixed_weights)
            (fixed if entry.fixed else symbols).append(entry)
        table = {s.of: sympy.Symbol(s.name, real=True) for s in symbols if s.kind == "parameter"}
        weight_symbols = {
            s.of: sympy.Symbol(s.name, real=True) for s in symbols if s.kind == "empathy"
        }
        if set(table) & set(weight_symbols):
            # a parameter named like a player: build the base payoffs, then apply empathy
            base = SymbolicGame.from_scenario(
                scenario,
                symbols=table,
                parameters=parameters,
                empathy=dict.fromkeys(weight_names(self.model, self.players), 0),
            )
            vector = per_player(self.model, self.players, {
                pid: weight_symbols.get(pid, to_sympy_number(w)) for pid, w in weights.items()})
            tensor = _apply_empathy(base.payoffs, vector, self.model)
        else:
            game = SymbolicGame.from_scenario(
                scenario,
                symbols=table | weight_symbols,
                parameters=parameters,
                empathy=fixed_weights,
            )
            tensor = game.payoffs
        return tuple(symbols), tuple(fixed), tensor


class GameSource:
    """A game's constant payoffs with the players' empathy weights as symbols."""

    def __init__(self, game: NormalFormGame) -> None:
        self.game = game
        self.players = game.players
        self.actions = game.actions
        self.shape = game.shape
        self.title = game.title
        self.model = "altruism"

    def symbolic(
        self, parameters: Mapping[str, object] | None, empathy: Mapping[str, object] | None
    ) -> tuple[tuple[Symbol, ...], tuple[Symbol, ...], Any]:
        import sympy

        for name in parameters or {}:
            raise ArgumentError(
                f"unknown parameter {name!r}; a game built in Python has none",
                Location(path=("--set", name)),
            )
        fixed_weights = _fixed_empathy(self.players, empathy)
        e_names = _empathy_names(self.players, set())
        symbols: list[Symbol] = []
        fixed: list[Symbol] = []
        weights: dict[str, Any] = {}
        for pid in self.players:
            if pid in fixed_weights:
                fixed.append(Symbol(e_names[pid], "empathy", pid, fixed_weights[pid], True))
                weights[pid] = fixed_weights[pid]
            else:
                symbols.append(Symbol(e_names[pid], "empathy", pid, Fraction(0)))
                weights[pid] = sympy.Symbol(e_names[pid], real=True)
        tensor = SymbolicGame.from_game(self.game, empathy=weights).payoffs
        return tuple(symbols), tuple(fixed), tensor



def source_of(source: Scenario | NormalFormGame) -> ScenarioSource | GameSource:
    """The symbolic source of a scenario or a game (a scenario must have a payoff table)."""
    if isinstance(source, NormalFormGame):
        return GameSource(source)
    if isinstance(source, Scenario):
        return ScenarioSource(source)
    raise ArgumentError(
        f"explain needs a Scenario or a NormalFormGame, got {type(source).__name__}",
        Location(path=("source",)),
    )
