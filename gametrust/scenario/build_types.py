"""Building a scenario with types into a Bayesian or a signalling game.

Pure functions of a :class:`~gametrust.scenario.scenario.Scenario` with a
``types:`` section (the scenario calls them from its methods of the same
names): :func:`priors` evaluates and checks the priors, :func:`type_games`
builds one normal-form game per type profile, :func:`build_bayesian` puts
them together with the priors, and :func:`build_signalling` builds the
costly-signal game of a scenario with ``signalling:``.

>>> from gametrust.scenario.expression import parse_expression
>>> from gametrust.scenario.scenario import Player, Scenario
>>> from gametrust.scenario.typespec import PlayerType
>>> s = Scenario(title="t",
...     players=[Player("A", "A", ("x", "y")), Player("B", "B", ("x", "y"))],
...     parameters={"p": "1/3"},
...     payoffs={"x, x": [2, 2], "x, y": [0, 1], "y, x": [1, 0], "y, y": [1, 1]},
...     types={"B": [PlayerType("friend", parse_expression("p")),
...                  PlayerType("foe", parse_expression("1 - p"))]})
>>> priors(s, {"p": "1/4"})
{'B': {'friend': Fraction(1, 4), 'foe': Fraction(3, 4)}}
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import product
from typing import TYPE_CHECKING

import numpy as np

from ..core.errors import ScenarioError, fail
from ..core.exact import Number
from ..model.empathy import apply_empathy, per_player
from ..model.game import NormalFormGame
from .build import empathy_with, located_errors
from .typespec import check_priors

if TYPE_CHECKING:  # pragma: no cover
    from ..model.bayesian import BayesianGame
    from ..model.signal_stage import SignalStageGame
    from ..model.signalling import SignallingGame
    from .scenario import Scenario

__all__ = [
    "build_bayesian", "build_signalling", "priors", "sender_replies", "type_expressions",
    "type_games",
]


def priors(
    scenario: Scenario, parameters: Mapping[str, object] | None = None
) -> dict[str, dict[str, Number]]:
    """The priors of the players with types, at the parameter values (validated, located)."""
    values = scenario.parameter_values(parameters)
    return check_priors(scenario.types, values, located_errors(scenario, values, parameters))


def type_expressions(scenario: Scenario) -> dict[tuple[str, ...], np.ndarray]:
    """Each type profile's payoff expressions, shape ``(n_players, *n_actions)``.

    A type's vector replaces the base vector of each profile it lists; when
    types of two players both list a profile, each player's own payoff comes
    from its own type.  (The one statement of the rule: :func:`type_games`
    evaluates these, the sweeps fold them into functions of a swept value.)
    """
    labels = scenario.type_labels()
    ids = scenario.player_ids
    by_name = {pid: {t.name: t for t in scenario.types.get(pid, ())} for pid in ids}
    shape = tuple(len(p.actions) for p in scenario.players)
    n = len(ids)
    out: dict[tuple[str, ...], np.ndarray] = {}
    for profile in product(*(labels[pid] for pid in ids)):
        chosen = [by_name[pid].get(t) for pid, t in zip(ids, profile, strict=True)]
        tensor = np.empty((n, *shape), dtype=object)
        for index, (actions, base) in zip(
            product(*(range(k) for k in shape)), scenario.payoffs.items(), strict=True
        ):
            vector = list(base)
            for j in range(n):
                own = chosen[j].payoffs.get(actions) if chosen[j] is not None else None
                others = [c.payoffs[actions] for c in chosen
                          if c is not None and actions in c.payoffs]
                if own is not None:
                    vector[j] = own[j]
                elif others:
                    vector[j] = others[-1][j]
            for i, expression in enumerate(vector):
                tensor[(i, *index)] = expression
        out[profile] = tensor
    return out


def type_games(
    scenario: Scenario,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> dict[tuple[str, ...], NormalFormGame]:
    """One game per type profile: the base payoffs with each type's vectors, then empathy.

    A type's vector replaces the base vector of each profile it lists; when
    types of two players both list a profile, each player's own payoff comes
    from its own type.
    """
    values = scenario.parameter_values(parameters)
    weights = empathy_with(scenario, parameters, empathy)
    ids = scenario.player_ids
    games: dict[tuple[str, ...], NormalFormGame] = {}
    for profile, expressions in type_expressions(scenario).items():
        tensor = np.vectorize(lambda e: e.evaluate(values), otypes=[object])(expressions)
        game = NormalFormGame.from_payoff_tensor(
            tensor, players=ids, actions=scenario.actions, title=scenario.title
        )
        games[profile] = apply_empathy(
            game, per_player(scenario.empathy_model, ids, weights), scenario.empathy_model
        )
    return games


def build_bayesian(
    scenario: Scenario,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> BayesianGame:
    """The Bayesian game: one game per type profile (:func:`type_games`) and the priors."""
    from ..model.bayesian import BayesianGame  # imported on use: keeps `import gametrust` fast

    if not scenario.types:
        raise fail("the scenario has no types (add a types: section)", "types")
    prior = priors(scenario, parameters)
    labels = scenario.type_labels()
    return BayesianGame.from_games(
        type_games(scenario, parameters, empathy),
        types=[list(labels[pid]) for pid in scenario.player_ids],
        priors={pid: prior[pid] for pid in prior},
        title=scenario.title,
    )


def build_signalling(
    scenario: Scenario,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> SignallingGame | SignalStageGame:
    """The signalling game: the sender's type's payoff and the receiver's after each response.

    With ``stage: sequential`` (the default), after the receiver's response the
    sender plays its type's (unique) best reply in the stage game: a
    :class:`~gametrust.model.signalling.SignallingGame`.  With ``stage:
    simultaneous`` the two play the stage game simultaneously after the signal:
    a :class:`~gametrust.model.signal_stage.SignalStageGame` with each type's
    stage payoffs.  The costs are subtracted from the sender's payoff.
    """
    from ..model.signalling import SignallingGame  # imported on use, like BayesianGame

    s = scenario.signalling
    if s is None:
        raise fail("the scenario has no signalling: section", "signalling")
    if s.stage == "simultaneous":
        return _build_signal_stage(scenario, parameters, empathy)
    values = scenario.parameter_values(parameters)
    prior = priors(scenario, parameters)
    games = type_games(scenario, parameters, empathy)
    players = scenario.players
    si = scenario.player_ids.index(s.sender)
    ri = 1 - si
    receiver_type = scenario.type_labels()[s.receiver][0]
    payoffs: dict[str, dict[str, tuple[Number, Number]]] = {}
    for t in (x.name for x in scenario.types[s.sender]):
        key = (t, receiver_type) if si == 0 else (receiver_type, t)
        game = games[key]
        payoffs[t] = {}
        for response in players[ri].actions:
            def cell(
                action: str, response: str = response, game: NormalFormGame = game
            ) -> tuple[Number, ...]:
                return game.payoff((action, response) if si == 0 else (response, action))

            best = max(cell(a)[si] for a in players[si].actions)
            replies = [a for a in players[si].actions if cell(a)[si] == best]
            if len(replies) > 1:
                raise ScenarioError(
                    f"{s.sender}'s type {t!r} is indifferent between "
                    f"{' and '.join(replies)} after {response}: the signal stage needs "
                    "its best reply to be unique",
                    scenario.locate(("types", s.sender, t)),
                )
            u = cell(replies[0])
            payoffs[t][response] = (u[si], u[ri])
    cost = {t: {m: c.evaluate(values) for m, c in row.items()} for t, row in s.cost.items()}
    return SignallingGame(
        sender=s.sender, receiver=s.receiver,
        types=[x.name for x in scenario.types[s.sender]],
        prior=prior[s.sender], signals=list(s.signals),
        responses=list(players[ri].actions), payoffs=payoffs, cost=cost,
    )


def _build_signal_stage(
    scenario: Scenario,
    parameters: Mapping[str, object] | None,
    empathy: Mapping[str, object] | None,
) -> SignalStageGame:
    """A signal, then the stage game played simultaneously: each type's stage payoffs."""
    from ..model.signal_stage import SignalStageGame  # imported on use, like BayesianGame

    s = scenario.signalling
    assert s is not None
    values = scenario.parameter_values(parameters)
    prior = priors(scenario, parameters)
    games = type_games(scenario, parameters, empathy)
    players = scenario.players
    si = scenario.player_ids.index(s.sender)
    ri = 1 - si
    receiver_type = scenario.type_labels()[s.receiver][0]
    payoffs: dict[str, dict[str, dict[str, tuple[Number, Number]]]] = {}
    for t in (x.name for x in scenario.types[s.sender]):
        game = games[(t, receiver_type) if si == 0 else (receiver_type, t)]
        payoffs[t] = {}
        for a in players[si].actions:
            payoffs[t][a] = {}
            for b in players[ri].actions:
                u = game.payoff((a, b) if si == 0 else (b, a))
                payoffs[t][a][b] = (u[si], u[ri])
    cost = {t: {m: c.evaluate(values) for m, c in row.items()} for t, row in s.cost.items()}
    return SignalStageGame(
        sender=s.sender, receiver=s.receiver,
        types=[x.name for x in scenario.types[s.sender]],
        prior=prior[s.sender], signals=list(s.signals), actions=list(players[si].actions),
        responses=list(players[ri].actions), payoffs=payoffs, cost=cost, title=scenario.title,
    )


def sender_replies(
    scenario: Scenario,
    parameters: Mapping[str, object] | None = None,
    empathy: Mapping[str, object] | None = None,
) -> dict[str, dict[str, str]]:
    """In a signalling scenario, each sender type's stage-game reply to each response."""
    s = scenario.signalling
    if s is None:
        raise fail("the scenario has no signalling: section", "signalling")
    games = type_games(scenario, parameters, empathy)
    players = scenario.players
    si = scenario.player_ids.index(s.sender)
    receiver_type = scenario.type_labels()[s.receiver][0]
    out: dict[str, dict[str, str]] = {}
    for t in (x.name for x in scenario.types[s.sender]):
        game = games[(t, receiver_type) if si == 0 else (receiver_type, t)]
        out[t] = {}
        for r in players[1 - si].actions:
            out[t][r] = max(
                players[si].actions,
                key=lambda a, r=r: game.payoff((a, r) if si == 0 else (r, a))[si],
            )
    return out
