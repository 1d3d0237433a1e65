"""The exact game with types at one value ``t`` of a swept variable: the ``build`` of a model.

:class:`~gametrust.analysis.types_model.BayesianModel` and
:class:`~gametrust.analysis.types_model.SignallingModel` build the game they
describe at a rational ``t`` with one of these callables.  They are values
(frozen dataclasses, not closures), so a model and the sweep holding it pickle
and can be sent to another process.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.polynomial import RationalFunction
from ..model.bayesian import BayesianGame
from ..model.signalling import SignallingGame

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.scenario import Scenario

__all__ = ["BayesianGameAt", "ScenarioAt", "SignallingGameAt", "with_prior"]


def with_prior(game: SignallingGame, prior: Sequence[Fraction]) -> SignallingGame:
    """``game`` with the sender's prior replaced."""
    return SignallingGame(game.sender, game.receiver, game.types, list(prior), game.signals,
                          game.responses, game.payoffs, game.cost, title=game.title)


def _at(t: Fraction) -> Any:
    return np.vectorize(lambda f: f(t), otypes=[object])


@dataclass(frozen=True, eq=False)
class BayesianGameAt:
    """A Bayesian game swept along its empathy (``base`` holds the payoff functions) or
    along the priors of the players in ``swept`` (index -> one function per type)."""

    game: BayesianGame
    kind: str
    base: np.ndarray
    swept: Mapping[int, Sequence[RationalFunction]]

    def __call__(self, t: Fraction) -> BayesianGame:
        game = self.game
        if self.kind == "empathy":
            return BayesianGame(game.players, game.actions, game.types, game.priors,
                                _at(t)(self.base), title=game.title)
        for i, family in self.swept.items():
            game = game.with_prior(i, [f(t) for f in family])
        return game


@dataclass(frozen=True, eq=False)
class ScenarioAt:
    """A scenario with types (or with ``signalling:``) built at ``t`` of the axis
    ``kind``/``name``, as ``solve`` builds it; ``swept`` holds the swept priors (player index
    -> one function per type; the sender is 0 in a signalling game)."""

    scenario: Scenario
    kind: str
    name: str
    fixed: Mapping[str, Any]
    empathy: Mapping[str, Any] | None
    swept: Mapping[int, Sequence[RationalFunction]]
    signalling: bool = False

    def __call__(self, t: Fraction) -> Any:
        fixed, empathy = dict(self.fixed), self.empathy
        build = (self.scenario.build_signalling if self.signalling
                 else self.scenario.build_bayesian)
        if self.kind == "param":
            return build({**fixed, self.name: t}, empathy or None)
        if self.kind == "empathy":
            names = [self.name] if self.name else list(self.scenario.player_ids)
            return build(fixed or None, {**(empathy or {}), **dict.fromkeys(names, t)})
        game = build(fixed or None, empathy or None)
        for i, family in self.swept.items():
            prior = [f(t) for f in family]
            game = with_prior(game, prior) if self.signalling else game.with_prior(i, prior)
        return game


@dataclass(frozen=True, eq=False)
class SignallingGameAt:
    """A signalling game with the sender's prior swept (one function per type)."""

    game: SignallingGame
    swept: Sequence[RationalFunction]

    def __call__(self, t: Fraction) -> SignallingGame:
        return with_prior(self.game, [f(t) for f in self.swept])
