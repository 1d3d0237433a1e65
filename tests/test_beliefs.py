"""Belief updating: Bayes' rule, the bad-faith model, and the spiral of mistrust.

The game is the two-type security dilemma of ``test_bayesian.py`` at prior
p = 3/4 on the security seeker.  In its mixed equilibrium the security seeker
freezes with probability 2/3 and the greedy type always arms, so:

* seeing Freeze: only a security seeker freezes, the posterior is 1;
* seeing Arm: P(seeker | Arm) = (3/4 * 1/3) / (3/4 * 1/3 + 1/4 * 1) = (1/4) / (1/2) = 1/2;
  a second Arm: (1/2 * 1/3) / (1/2 * 1/3 + 1/2) = 1/4; a third: (1/12) / (1/12 + 3/4) = 1/10.

Under the bad-faith model Freeze changes nothing, so a security seeker that
sometimes arms is read as ever more likely greedy: trust falls below the
threshold 1/2 (the least prior at which cooperation is an equilibrium) after
the second Arm and never recovers.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametrust import ArgumentError, NormalFormGame
from gametrust.analysis.beliefs import belief_effects, posterior, spiral
from gametrust.analysis.prior_trust import prior_threshold
from gametrust.model.bayesian import BayesianGame
from gametrust.solvers.bayesian import solve_bayesian

PRIOR = {"security_seeker": F(3, 4), "greedy": F(1, 4)}
PLAY = {
    "security_seeker": {"Freeze": F(2, 3), "Arm": F(1, 3)},
    "greedy": {"Freeze": F(0), "Arm": F(1)},
}


COOPERATION = {"US": "Reassure", "DPRK.security_seeker": "Freeze"}


def dilemma(p: str) -> BayesianGame:
    acts = [["Reassure", "Pressure"], ["Freeze", "Arm"]]
    us = [[4, 0], [3, 1]]
    games = {
        ("US", "security_seeker"): NormalFormGame.from_arrays(
            us, [[4, 3], [0, 2]], players=["US", "DPRK"], actions=acts),
        ("US", "greedy"): NormalFormGame.from_arrays(
            us, [[3, 4], [0, 2]], players=["US", "DPRK"], actions=acts),
    }
    return BayesianGame.from_games(games, types={"DPRK": ["security_seeker", "greedy"],
                                                 "US": ["US"]},
                                   priors={"DPRK": [p, 1 - F(p)]})


def mixed_equilibrium():
    game = dilemma("3/4")
    (mixed,) = solve_bayesian(game).mixed
    return game, mixed


# -- one observation --------------------------------------------------------------------------


def test_bayes_rule_on_the_dilemma() -> None:
    assert posterior(PRIOR, PLAY, "Arm") == {"security_seeker": F(1, 2), "greedy": F(1, 2)}
    assert posterior(PRIOR, PLAY, "Freeze") == {"security_seeker": F(1), "greedy": F(0)}


def test_an_action_no_type_plays_is_off_path() -> None:
    assert posterior({"security_seeker": 0, "greedy": 1}, PLAY, "Freeze") is None


def test_bad_faith_ignores_cooperation_and_reads_hostility_by_bayes() -> None:
    kw = {"rule": "bad_faith", "cooperative": ["Freeze"]}
    assert posterior(PRIOR, PLAY, "Freeze", **kw) == PRIOR
    assert posterior(PRIOR, PLAY, "Arm", **kw) == posterior(PRIOR, PLAY, "Arm")
    # even an off-path cooperative act leaves the belief where it was
    assert posterior({"security_seeker": 0, "greedy": 1}, PLAY, "Freeze", **kw) == {
        "security_seeker": 0, "greedy": 1
    }


def test_missing_actions_have_probability_zero() -> None:
    play = {"security_seeker": {"Freeze": 1}, "greedy": {"Arm": 1}}
    assert posterior(PRIOR, play, "Arm") == {"security_seeker": F(0), "greedy": F(1)}


@pytest.mark.parametrize(
    ("args", "kwargs", "path"),
    [
        (({"a": "-1/2", "b": "3/2"}, {"a": {"x": 1}, "b": {"x": 1}}, "x"), {}, ("prior", "a")),
        (({"a": "1/2", "b": "1/3"}, {"a": {"x": 1}, "b": {"x": 1}}, "x"), {}, ("prior",)),
        (({}, {}, "x"), {}, ("prior",)),
        (({"a": 1}, {"b": {"x": 1}}, "x"), {}, ("strategy_by_type", "a")),
        (({"a": 1}, {"a": {"x": "1/2"}}, "x"), {}, ("strategy_by_type", "a")),
        (({"a": 1}, {"a": {"x": "many"}}, "x"), {}, ("strategy_by_type", "a", "x")),
        (({"a": 1}, {"a": {"x": 1}}, "y"), {}, ("observed_action",)),
        (({"a": 1}, {"a": {"x": 1}}, "x"), {"rule": "paranoid"}, ("rule",)),
        (({"a": 1}, {"a": {"x": 1}}, "x"), {"rule": "bad_faith"}, ("cooperative",)),
        (({"a": 1}, {"a": {"x": 1}}, "x"), {"cooperative": ["z"]}, ("cooperative", "z")),
    ],
)
def test_bad_input_raises_located_errors(args, kwargs, path) -> None:
    with pytest.raises(ArgumentError) as info:
        posterior(*args, **kwargs)
    assert info.value.location.path == path


@st.composite
def beliefs_and_strategies(draw):
    types = [f"t{k}" for k in range(draw(st.integers(1, 4)))]
    actions = [f"a{k}" for k in range(draw(st.integers(1, 4)))]

    def distribution(keys):
        weights = [draw(st.integers(0, 5)) for _ in keys]
        if sum(weights) == 0:
            weights[draw(st.integers(0, len(keys) - 1))] = 1
        return {k: F(w, sum(weights)) for k, w in zip(keys, weights, strict=True)}

    prior = distribution(types)
    play = {t: distribution(actions) for t in types}
    return prior, play, draw(st.sampled_from(actions))


@given(beliefs_and_strategies())
def test_posteriors_are_probabilities_and_follow_bayes_rule(case) -> None:
    prior, play, action = case
    marginal = sum(prior[t] * play[t][action] for t in prior)
    post = posterior(prior, play, action)
    if marginal == 0:
        assert post is None
        return
    assert sum(post.values()) == 1
    assert all(0 <= q <= 1 for q in post.values())
    for t in prior:  # posterior x marginal = prior x likelihood
        assert post[t] * marginal == prior[t] * play[t][action]


@given(beliefs_and_strategies(), st.data())
def test_bad_faith_never_moves_on_cooperation_and_is_bayes_otherwise(case, data) -> None:
    prior, play, action = case
    actions = sorted({a for s in play.values() for a in s})
    cooperative = data.draw(st.lists(st.sampled_from(actions), min_size=1, unique=True))
    post = posterior(prior, play, action, rule="bad_faith", cooperative=cooperative)
    if action in cooperative:
        assert post == prior
    else:
        assert post == posterior(prior, play, action)


# -- the spiral --------------------------------------------------------------------------------


def test_the_bayesian_observer_learns_the_truth_from_one_freeze() -> None:
    game, mixed = mixed_equilibrium()
    result = spiral(game, mixed, "US", true_type="security_seeker",
                    path=["Arm", "Freeze", "Arm"], threshold=F(1, 2))
    trust = [r.trust for r in result.rows]
    assert trust == [F(3, 4), F(1, 2), F(1), F(1)]
    assert [r.probability for r in result.rows] == [None, F(1, 3), F(2, 3), F(1, 3)]
    assert result.first_below() is None  # 1/2 is still enough (the threshold is attained)


def test_the_bad_faith_spiral_falls_below_the_threshold() -> None:
    game, mixed = mixed_equilibrium()
    threshold = prior_threshold(game, "DPRK", "security_seeker", COOPERATION)
    result = spiral(game, mixed, "US", rule="bad_faith", cooperative=["Freeze"],
                    true_type="security_seeker", threshold=threshold,
                    path=["Arm", "Freeze", "Arm", "Arm"])
    assert [r.trust for r in result.rows] == [F(3, 4), F(1, 2), F(1, 2), F(1, 4), F(1, 10)]
    assert [r.below for r in result.rows] == [False, False, False, True, True]
    assert result.first_below().round == 3
    assert result.table().splitlines() == [
        "US updating on DPRK (bad-faith, true type security_seeker)",
        "round  observed  P(observed)  P(security_seeker)  P(greedy)  P(security_seeker) < 1/2?",
        "0      -         -            3/4                 1/4        no",
        "1      Arm       1/3          1/2                 1/2        no",
        "2      Freeze    2/3          1/2                 1/2        no",
        "3      Arm       1/3          1/4                 3/4        yes",
        "4      Arm       1/3          1/10                9/10       yes",
    ]


def test_bad_faith_trust_never_rises_on_any_branch() -> None:
    game, mixed = mixed_equilibrium()
    result = spiral(game, mixed, "US", rounds=4, rule="bad_faith", cooperative=["Freeze"],
                    true_type="security_seeker", path="branches")
    by_history = {r.history: r for r in result.rows}
    assert len(result.rows) == 1 + 2 + 4 + 8 + 16
    for history, r in by_history.items():
        if history:
            assert r.trust <= by_history[history[:-1]].trust
    # the history probabilities of each round sum to 1
    for k in range(1, 5):
        assert sum(r.path_probability for r in result.rows if r.round == k) == 1


def test_the_most_likely_path_of_a_greedy_type() -> None:
    game, mixed = mixed_equilibrium()
    result = spiral(game, mixed, "US", rounds=3, true_type="greedy", threshold="1/2")
    assert [r.observed for r in result.rows] == [None, "Arm", "Arm", "Arm"]
    assert [r.trust for r in result.rows] == [F(3, 4), F(1, 2), F(1, 4), F(1, 10)]
    assert result.first_below().round == 2


def test_a_type_given_prior_zero_makes_its_cooperation_off_path() -> None:
    game, mixed = mixed_equilibrium()
    result = spiral(game, mixed, "US", true_type="security_seeker", path=["Freeze", "Arm"],
                    start_prior={"security_seeker": 0, "greedy": 1})
    assert result.rows[-1].off_path and result.rows[-1].observed == "Freeze"
    assert len(result.rows) == 2  # the spiral stops where Bayes' rule is silent
    assert "off path" in result.table()


def test_belief_effects_of_each_action() -> None:
    game, mixed = mixed_equilibrium()
    effects = {e.action: e for e in belief_effects(game, mixed, "US", threshold="1/2")}
    # P(Freeze) = 3/4 * 2/3 = 1/2
    assert effects["Freeze"].probability == F(1, 2) and effects["Freeze"].trust == 1
    assert effects["Arm"].trust == F(1, 2) and effects["Arm"].below is False
    hostile = solve_bayesian(game).pure[1]  # everyone arms: Freeze is off path
    effects = {e.action: e for e in belief_effects(game, hostile, "US")}
    assert effects["Freeze"].off_path and effects["Arm"].posterior == PRIOR


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"rounds": -1}, ("rounds",)),
        ({"path": "sideways"}, ("path",)),
        ({"path": ["Hug"]}, ("path", "Hug")),
        ({"true_type": "saint"}, ("type",)),
        ({"start_prior": {"security_seeker": 2, "greedy": -1}}, ("start_prior", "greedy")),
        ({"rule": "bad_faith"}, ("cooperative",)),
        ({"about": "US"}, ("about",)),
    ],
)
def test_bad_spiral_arguments_raise_located_errors(kwargs, path) -> None:
    game, mixed = mixed_equilibrium()
    with pytest.raises(ArgumentError) as info:
        spiral(game, mixed, "US", **kwargs)
    assert info.value.location.path == path
