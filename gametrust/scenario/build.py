"""Building a scenario into a game: payoffs at parameter values, then empathy.

Pure functions of a :class:`~gametrust.scenario.scenario.Scenario` (which
calls them from its methods of the same names): :func:`base_game` evaluates
the payoffs, :func:`build_game` applies empathy, :func:`build_tree` builds
the game with its moves in time as a :class:`~gametrust.model.tree.GameTree`,
and a scenario written as a tree builds into its reduced normal form.
Games with types and signals are built in :mod:`gametrust.scenario.build_types`.

>>> from gametrust.scenario.scenario import Player, Scenario
>>> pd = Scenario(
...     title="PD",
...     players=[Player("Row", "Row", ("C", "D")), Player("Col", "Col", ("C", "D"))],
...     payoffs={"C, C": [3, 3], "C, D": [0, 5], "D, C": [5, 0], "D, D": [1, 1]},
... )
>>> build_game(pd, empathy={"Row": 1}).payoff(("C", "D"))
(Fraction(5, 1), Fraction(5, 1))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from itertools import product
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import ArgumentError, ExpressionError, ScenarioError, did_you_mean, fail
from ..core.exact import Number, format_number
from ..model.empathy import apply_empathy, empathize_tensor, per_player, weight_keys, weight_names
from ..model.game import NormalFormGame
from ..model.tree import GameTree
from .parts import number_at
from .treespec import check_chance, without_impossible_moves

if TYPE_CHECKING:  # pragma: no cover
    from .scenario import Scenario

__all__ = [
    "base_game",
    "build_game",
    "build_tree",
    "check_values",
    "empathy_with",
    "located_errors",
    "reduced_game",
]

#: Makes the exception for a problem at a key path: ``error(message, path)``.
ErrorAt = Callable[[str, tuple[str | int, ...]], ScenarioError]


def located_errors(
    scenario: Scenario, values: Mapping[str, Number], overrides: Mapping[str, object] | None
) -> ErrorAt:
    """``error(message, path)``: a :class:`ScenarioError` located where ``path`` is written.

    The message names the ``overrides`` the values came from (``(with p = 1/2)``).
    """
    shown = ", ".join(f"{name} = {format_number(values[name])}" for name in (overrides or {}))
    suffix = f" (with {shown})" if shown else ""

    def error(message: str, path: tuple[str | int, ...]) -> ScenarioError:
        return ScenarioError(message + suffix, scenario.locate(path))

    return error


def check_values(
    scenario: Scenario, values: Mapping[str, Number], overrides: Mapping[str, object] | None
) -> None:
    """Evaluate what the author wrote, so that any failure is located where it is written."""
    for path, expression in scenario.written_expressions():
        if expression.location is None:
            try:
                expression.evaluate(values)
            except ExpressionError as exc:
                raise ExpressionError(exc.message, scenario.locate(path)) from None
        else:
            expression.evaluate(values)
    error = located_errors(scenario, values, overrides)
    if scenario.stage_tree is not None:
        check_chance(scenario.stage_tree, values, error)
    if scenario.verification is not None:
        for name in ("detection", "false_alarm"):
            p = getattr(scenario.verification, name).evaluate(values)
            if not 0 <= p <= 1:
                raise error(
                    f"{name.replace('_', ' ')} is a probability, between 0 and 1; it is "
                    f"{format_number(p)}",
                    ("verification", name),
                )


def empathy_with(
    scenario: Scenario,
    parameters: Mapping[str, object] | None,
    empathy: Mapping[str, object] | None,
) -> dict[str, Number]:
    """The scenario's empathy weights at the parameter values, ``empathy`` replacing some.

    Weights are named as in :attr:`Scenario.empathy`: a player id, or
    ``PLAYER.KEY`` (``Row.beta``) for a two-weight model.  An unknown name
    raises :class:`ArgumentError` with path ``("--empathy", name)``.
    """
    weights = scenario.empathy_weights(parameters)
    for pid, raw in (empathy or {}).items():
        if pid not in weights:
            keys = weight_keys(scenario.empathy_model)
            if keys:
                hint = (did_you_mean(str(pid), weights) or
                        f"; the {scenario.empathy_model} weights are named PLAYER.KEY with "
                        f"KEY one of {', '.join(keys)}: {', '.join(weights)}")
                raise fail(f"no empathy weight {pid!r}{hint}", "--empathy", pid)
            hint = did_you_mean(str(pid), weights) or f"; the players are {', '.join(weights)}"
            raise fail(f"no player {pid!r}{hint}", "--empathy", pid)
        try:
            weights[pid] = number_at(raw)
        except ArgumentError as exc:
            raise fail(exc.message, "--empathy", pid) from None
    return weights


def _converted(weight: Any, convert: Any) -> Any:
    """A player's weight (or pair of weights) converted with ``convert`` (Fraction, float)."""
    return tuple(convert(w) for w in weight) if isinstance(weight, tuple) else convert(weight)


def reduced_game(tree: GameTree) -> NormalFormGame:
    """The reduced normal form of a built tree (its plans as actions)."""
    from ..model.reduced import reduced_normal_form  # imported on use: only trees need it

    game, _ = reduced_normal_form(tree)
    return game


def base_game(scenario: Scenario, parameters: Mapping[str, object] | None = None) -> NormalFormGame:
    """The game with payoffs evaluated at the parameter values, before empathy.

    The game is exact when every payoff evaluates to a rational, else float.
    For a scenario written as a tree, the tree's reduced normal form.
    """
    if scenario.stage_tree is not None:
        zero = dict.fromkeys(weight_names(scenario.empathy_model, scenario.player_ids), 0)
        return reduced_game(build_tree(scenario, parameters, zero))
    values = scenario.parameter_values(parameters)
    n = len(scenario.players)
    shape = tuple(len(p.actions) for p in scenario.players)
    tensor = np.empty((n, *shape), dtype=object)
    for index, vector in zip(
        product(*(range(k) for k in shape)), scenario.payoffs.values(), strict=True
    ):
        for i, expression in enumerate(vector):
            tensor[(i, *index)] = expression.evaluate(values)
    return NormalFormGame.from_payoff_tensor(
        tensor, players=scenario.player_ids, actions=scenario.actions, title=scenario.title
    )


def build_game(
    scenario: Scenario,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
    *,
    exact: bool | None = None,
) -> NormalFormGame:
    """The normal-form game to solve: payoffs at the parameter values, then empathy applied.

    ``empathy`` replaces the scenario's weights for the players it names
    (an unknown player raises :class:`ArgumentError` with path
    ``("--empathy", player)``).  ``exact=None`` keeps the game exact when
    every payoff and weight is rational; ``True`` forces exact rationals,
    ``False`` forces floats.

    A normal-form scenario with commitments, verification or order builds
    its *stage game* here (the moves in time are in :func:`build_tree`);
    a scenario written as a tree builds the tree's reduced normal form
    (whose Nash equilibria are the tree's; subgame perfection needs
    :func:`gametrust.solvers.extensive.solve_tree` on :func:`build_tree`).
    """
    if scenario.stage_tree is not None:
        return reduced_game(build_tree(scenario, parameters, empathy, exact=exact))
    weights = empathy_with(scenario, parameters, empathy)
    game = base_game(scenario, parameters)
    vector: list[Any] = per_player(scenario.empathy_model, scenario.player_ids, weights)
    if exact is True:
        if not game.exact:
            game = NormalFormGame.from_payoff_tensor(
                game.payoffs,
                players=game.players,
                actions=game.actions,
                exact=True,
                title=game.title,
            )
        vector = [_converted(w, Fraction) for w in vector]
    elif exact is False:
        game = game.to_float()
        vector = [_converted(w, float) for w in vector]
    return apply_empathy(game, vector, scenario.empathy_model)


def build_tree(
    scenario: Scenario,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
    *,
    exact: bool | None = None,
    prune: bool = True,
) -> GameTree:
    """The game as a tree with numbers: the scenario's tree at the parameter values, with empathy.

    Payoffs and probabilities are evaluated exactly (``Fraction``) unless a
    value is a float; ``exact`` forces rationals (``True``) or floats
    (``False``).  Empathy (the scenario's weights, with ``empathy``
    replacing those it names) is applied to every terminal payoff vector
    with the scenario's model.  Probabilities are checked — non-negative,
    summing to 1, detection and false alarm in [0, 1] — and a failure is a
    :class:`ScenarioError` located where the probability is written.
    ``prune`` leaves out chance moves of probability 0 (see
    :func:`gametrust.scenario.treespec.without_impossible_moves`).
    """
    values = scenario.parameter_values(parameters)
    weights = empathy_with(scenario, parameters, empathy)
    check_values(scenario, values, parameters)
    numeric = scenario.tree.map_values(
        lambda vector: tuple(e.evaluate(values) for e in vector),
        lambda p: p.evaluate(values),
    )
    vector: list[Any] = per_player(scenario.empathy_model, scenario.player_ids, weights)
    if exact is not None:
        convert: Any = Fraction if exact else float
        numeric = numeric.map_values(lambda v: tuple(convert(x) for x in v), convert)
        vector = [_converted(w, convert) for w in vector]
    if prune:
        numeric = without_impossible_moves(numeric)
    if any(w != 0 for w in weights.values()):
        model = scenario.empathy_model
        numeric = numeric.map_values(
            lambda v: tuple(empathize_tensor(np.array(v, dtype=object), vector, model))
        )
    numeric.check_probabilities()
    return numeric
