"""Hypothesis strategies that build valid games by construction.

Use them in your own property tests to ask "does my conclusion hold for every
game of this kind?"::

    from hypothesis import given
    from gametrust import solve
    from gametrust.testing.strategies import games

    @given(games(shape=(2, 2)))
    def test_every_2x2_game_has_an_equilibrium(game):
        assert len(solve(game)) >= 1

Every strategy draws payoffs directly in the requested range and number type
(no filtering), so hypothesis shrinks counterexamples to small, readable games.

Games of a named family are built valid by construction, as are type spaces
with exact priors, and values within a scenario's assumptions::

    from gametrust import assert_claim
    from gametrust.testing.strategies import assignments, family_games

    @given(family_games("Prisoner's Dilemma"))
    def test_defection_is_the_only_equilibrium(game):
        assert [e.profile for e in solve(game)] == [("D", "D")]

    @given(assignments(korea, empathy={"US": ["1/4", 1], "DPRK": ["1/4", 1]}))
    def test_restraint(values):
        assert_claim(korea, {"equilibrium": "Reassure, Freeze"}, values)

The strategies live in modules named after what they build
(:mod:`~gametrust.testing.games`, :mod:`~gametrust.testing.family_games`,
:mod:`~gametrust.testing.trees`, :mod:`~gametrust.testing.type_spaces`,
:mod:`~gametrust.testing.assignments`; exact values of claim variables in
:mod:`gametrust.analysis.value_strategies`, which ``gametrust check`` searches
with); this module gathers them, and :mod:`gametrust.strategies` is the name
researchers import them by.  See ``docs/check.md``.
"""

from ..analysis.simple_values import simple_values
from ..analysis.value_strategies import rationals, variable_values
from .assignments import assignments, parameter_values
from .family_games import family_games
from .games import games, payoff_values, shapes, two_player_games
from .trees import trees
from .type_spaces import TypeSpace, type_spaces

__all__ = [
    "TypeSpace",
    "assignments",
    "family_games",
    "games",
    "parameter_values",
    "payoff_values",
    "rationals",
    "shapes",
    "simple_values",
    "trees",
    "two_player_games",
    "type_spaces",
    "variable_values",
]
