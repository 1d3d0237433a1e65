"""The public hypothesis strategies draw what they promise, valid by construction."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import gametrust
from gametrust.analysis.check_model import CheckModel
from gametrust.core.errors import ArgumentError
from gametrust.model.ordinal_games import SYMMETRIC_GAMES
from gametrust.testing.strategies import (
    assignments,
    family_games,
    games,
    parameter_values,
    rationals,
    simple_values,
    trees,
    type_spaces,
    variable_values,
)

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
KOREA = gametrust.load(SCENARIOS / "korea.yaml")
PD_FIXTURE = gametrust.load(Path(__file__).parent / "fixtures" / "check" / "every_pd.yaml")
NAMES = [g.name for g in SYMMETRIC_GAMES]


# -- games of a named family ------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_drawn_game_is_of_its_family(name: str, data: st.DataObject) -> None:
    symmetric = data.draw(st.sampled_from([True, False, None]))
    game = data.draw(family_games(name, symmetric=symmetric))
    family = gametrust.classify(game)
    assert family.strict and family.name == name
    a, b = game.payoffs
    if symmetric:
        assert (a == b.T).all()


@settings(max_examples=30, deadline=None)
@given(family_games("PD", payoffs="rational", min_value=-2, max_value=2))
def test_drawn_prisoners_dilemmas_have_the_textbook_order(game: gametrust.NormalFormGame) -> None:
    (r, s), (t, p) = game.payoffs[0]
    assert s < p < r < t
    assert all(isinstance(x, Fraction) for x in game.payoffs.ravel())
    assert [e.profile for e in gametrust.solve(game)] == [("D", "D")]


@settings(max_examples=20, deadline=None)
@given(family_games("Chicken", payoffs="float", symmetric=False, players=("US", "USSR"),
                    actions=(("Swerve", "Straight"), ("Swerve", "Straight"))))
def test_float_and_labelled_family_games(game: gametrust.NormalFormGame) -> None:
    assert not game.exact and game.players == ("US", "USSR")
    assert gametrust.classify(game).name == "Chicken"


@settings(max_examples=20, deadline=None)
@given(family_games("Stag Hunt"))
def test_stag_hunts_have_two_strict_pure_equilibria_and_a_trust_threshold(
    game: gametrust.NormalFormGame,
) -> None:
    result = gametrust.solve(game)
    assert [e.profile for e in result.pure] == [("C", "C"), ("D", "D")]
    selection = gametrust.analyse_selection(game, result)
    assert selection.payoff_dominant == 0
    (r, s), (t, p) = game.payoffs[0]
    assert selection.thresholds[0].thresholds[game.players[0]] == (p - s) / ((r - t) + (p - s))


def test_family_games_refuse_what_they_cannot_build() -> None:
    with pytest.raises(ArgumentError) as caught:
        family_games("Prisoners Dilema")
    assert caught.value.location.path == ("family",)
    with pytest.raises(ArgumentError):
        family_games("PD", min_value=0, max_value=2)


# -- type spaces --------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(type_spaces(("US", "DPRK"), max_types=3))
def test_priors_sum_to_exactly_one(space) -> None:  # type: ignore[no-untyped-def]
    assert sum(space.prior.values()) == 1
    assert all(isinstance(p, Fraction) and p > 0 for p in space.prior.values())
    assert len(space.prior) == np.prod([len(t) for t in space.types])
    for i, player in enumerate(space.players):
        assert sum(space.marginal(player).values()) == 1
        assert set(space.marginal(i)) == set(space.types[i])


@settings(max_examples=40, deadline=None)
@given(type_spaces(("A", "B", "C"), independent=True, full_support=False,
                   type_names=[["good", "bad"], ["x"], ["y", "z"]]))
def test_independent_priors_are_products_of_their_marginals(space) -> None:  # type: ignore[no-untyped-def]
    assert space.independent
    assert space.types == (("good", "bad"), ("x",), ("y", "z"))
    assert sum(space.prior.values()) == 1


def test_joint_priors_need_not_be_independent() -> None:
    found = find(
        type_spaces(("A", "B"), min_types=2, max_types=2, independent=False),
        lambda s: not s.independent,
        settings=settings(database=None),
    )
    assert sum(found.prior.values()) == 1 and not found.independent


# -- values within assumptions -------------------------------------------------------------------


def test_simple_values_come_simplest_first_and_respect_open_ends() -> None:
    assert simple_values(2, 6)[:6] == [2, 3, 4, 5, 6, Fraction(5, 2)]
    assert simple_values(-1, 1)[:5] == [0, 1, -1, Fraction(1, 2), Fraction(-1, 2)]
    assert Fraction(1, 4) not in simple_values("1/4", 1, low_open=True)
    assert simple_values(3, 3) == [3]
    assert all(Fraction(1, 4) <= v <= 1 for v in simple_values("1/4", 1))


@settings(max_examples=100, deadline=None)
@given(rationals("1/4", "2/3", high_open=True), rationals("1/4", "2/3", dense=False))
def test_rationals_stay_in_their_range(x: Fraction, simple: Fraction) -> None:
    assert Fraction(1, 4) <= x < Fraction(2, 3)
    # simple values, multiples of the width 5/12 over 10^4, or an end -/+ the width over 2^k
    assert (12 * 10**4) % x.denominator == 0 or (12 * 2**30) % x.denominator == 0
    assert Fraction(1, 4) <= simple <= Fraction(2, 3) and simple.denominator <= 12


@settings(max_examples=60, deadline=None)
@given(assignments(KOREA))
def test_assignments_stay_within_the_scenario_assumptions(a) -> None:  # type: ignore[no-untyped-def]
    assert 2 <= a.value("parameter:relief") <= 6
    assert 0 <= a.value("empathy:US") <= 1 and 0 <= a.value("empathy:DPRK") <= 1
    game = a.model.working.build(a.parameters, a.empathy)
    assert game.exact


@settings(max_examples=60, deadline=None)
@given(assignments(KOREA, parameters={"relief": [4, 5]}, empathy={"US": "1/2"},
                   statements=["relief > 4"]))
def test_keyword_ranges_add_to_and_replace_the_assumptions(a) -> None:  # type: ignore[no-untyped-def]
    assert 4 < a.value("parameter:relief") <= 5
    assert a.value("empathy:US") == Fraction(1, 2)
    assert 0 <= a.value("empathy:DPRK") <= 1


@settings(max_examples=60, deadline=None)
@given(assignments(KOREA, payoffs={"Pressure, Arm": {"US": "± 1"}}))
def test_payoff_ranges_move_one_entry(a) -> None:  # type: ignore[no-untyped-def]
    game = a.model.working.base_game(a.parameters)
    us, dprk = game.payoff(("Pressure", "Arm"))
    assert 1 <= us <= 3 and dprk == 2


@settings(max_examples=60, deadline=None)
@given(parameter_values(KOREA))
def test_parameter_values_build_the_scenario(values: dict) -> None:
    assert set(values) == {"relief"} and 2 <= values["relief"] <= 6
    KOREA.build(values)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_orderings_are_drawn_by_construction(data: st.DataObject) -> None:
    model = CheckModel.of(PD_FIXTURE)
    varying = [v for v in model.assumptions.variables if v.varies]
    values = data.draw(variable_values(varying, model.assumptions.statements))
    s, p, r, t = (values[f"parameter:{n}"] for n in "SPRT")
    assert 0 <= s < p < r < t <= 5


# -- the strategies that were there before keep working -------------------------------------------


@settings(max_examples=30, deadline=None)
@given(games(shape=(2, 3), payoffs="rational"), trees(max_depth=2))
def test_games_and_trees_still_draw_valid_objects(game, tree) -> None:  # type: ignore[no-untyped-def]
    assert game.shape == (2, 3) and game.exact
    tree.check_probabilities()
