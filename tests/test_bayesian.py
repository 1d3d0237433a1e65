"""Bayesian games: types, priors, Bayesian Nash equilibria, prior sweeps and trust thresholds.

The worked example (issue 5, first "must show" item) is a two-type security
dilemma.  US actions (Reassure, Pressure), DPRK actions (Freeze, Arm); the US
has one type, DPRK is a ``security_seeker`` with prior p or ``greedy``.

    US payoffs (any DPRK type)      Freeze  Arm        Stag Hunt: R=4 > T=3 > P=1 > S=0
        Reassure                      4      0
        Pressure                      3      1
    DPRK security_seeker            Freeze  Arm        Stag Hunt: 4 > 3 > 2 > 0
        Reassure                      4      3
        Pressure                      0      2
    DPRK greedy                     Freeze  Arm        Prisoner's Dilemma: 4 > 3 > 2 > 0
        Reassure                      3      4
        Pressure                      0      2

Let r = P(US Reassure), q = P(security seeker Freezes), f = P(Freeze) = p q
(the greedy type arms: Arm strictly dominates Freeze, 4 > 3 and 2 > 0).

* Security seeker: Freeze pays 4r, Arm pays 3r + 2(1 - r) = 2 + r, so it
  freezes iff 3r >= 2, i.e. r >= 2/3.
* US: Reassure pays 4f, Pressure pays 3f + 1(1 - f) = 1 + 2f, so it reassures
  iff 2f >= 1, i.e. p q >= 1/2.

The Bayesian equilibria:

1. (Pressure; Arm, Arm) for every p: r = 0 makes Arm strictly best for the
   security seeker (2 > 0), f = 0 makes Pressure strictly best (1 > 0).
2. (Reassure; Freeze, Arm) iff p >= 1/2: r = 1 makes Freeze best (4 > 3),
   f = p needs p >= 1/2.  This is the trust threshold: p* = 1/2.
3. Mixed: the security seeker mixes only if r = 2/3; the US mixes only if
   p q = 1/2, so q = 1/(2p), a probability below 1 iff p > 1/2.
   At p = 3/4: q = 2/3.  Payoffs: US 4f = 2 (f = 1/2); security seeker
   4r = 8/3; greedy (Arm) 4r + 2(1 - r) = 10/3; DPRK ex ante
   3/4 * 8/3 + 1/4 * 10/3 = 17/6.
   At p = 1/2 exactly: q = 1 and the US is indifferent, so every r in [2/3, 1]
   with the security seeker freezing is an equilibrium: a continuum between
   equilibrium 2 and (Reassure 2/3; Freeze, Arm).
   At p < 1/2 no mixing is possible (q would exceed 1): only equilibrium 1.
"""

from __future__ import annotations

from fractions import Fraction as F
from itertools import combinations, product

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametrust import ArgumentError, NormalFormGame, solve
from gametrust.analysis.prior_sweep import PriorPoint, sweep_prior
from gametrust.analysis.prior_trust import prior_threshold
from gametrust.core.polynomial import RationalFunction
from gametrust.model.bayesian import BayesianGame
from gametrust.model.interim import interim_payoffs, is_bayesian_nash
from gametrust.solvers.bayesian import solve_bayesian
from gametrust.testing.strategies import games, type_spaces

ACTIONS = [["Reassure", "Pressure"], ["Freeze", "Arm"]]
SEEKER = [[4, 3], [0, 2]]
GREEDY = [[3, 4], [0, 2]]
COOPERATION = {"US": "Reassure", "DPRK.security_seeker": "Freeze"}


def dilemma(p: object = "3/4", reward: object = 4) -> BayesianGame:
    """The worked example; ``reward`` is the US payoff of (Reassure, Freeze)."""
    us = [[reward, 0], [3, 1]]
    seeker = NormalFormGame.from_arrays(us, SEEKER, players=["US", "DPRK"], actions=ACTIONS)
    greedy = NormalFormGame.from_arrays(us, GREEDY, players=["US", "DPRK"], actions=ACTIONS)
    return BayesianGame.from_games(
        {("US", "security_seeker"): seeker, ("US", "greedy"): greedy},
        types={"US": ["US"], "DPRK": ["security_seeker", "greedy"]},
        priors={"DPRK": [p, 1 - F(p)]},
        title="two-type security dilemma",
    )


def strategies(us_reassure: F, seeker_freeze: F) -> tuple:
    """Behaviour profile: US (one type), DPRK (security seeker, greedy arms)."""
    r, q = F(us_reassure), F(seeker_freeze)
    return (((r, 1 - r),), ((q, 1 - q), (F(0), F(1))))


# -- the worked example ----------------------------------------------------------------------


def test_every_bayesian_equilibrium_of_the_dilemma_at_three_quarters() -> None:
    result = solve_bayesian(dilemma("3/4"))
    assert result.exact and result.complete
    assert {e.strategies for e in result} == {
        strategies(0, 0),  # everyone hostile
        strategies(1, 1),  # US reassures, security seeker freezes, greedy arms
        strategies(F(2, 3), F(2, 3)),  # both mix: r = 2/3, q = 1/(2p) = 2/3
    }
    assert result.continua == ()
    by_kind = {e.describe(): e for e in result}
    coop = by_kind["US: Reassure; DPRK: security_seeker: Freeze, greedy: Arm"]
    assert coop.kind == "pure" and coop.strict
    assert coop.interim_payoffs == ((F(3),), (F(4), F(4)))  # US: 4 * 3/4
    assert coop.payoffs == (F(3), F(4))
    mixed = result.mixed[0]
    assert mixed.describe() == (
        "US: Reassure 2/3, Pressure 1/3; DPRK: security_seeker: (Freeze 2/3, Arm 1/3), "
        "greedy: Arm"
    )
    assert mixed.interim_payoffs == ((F(2),), (F(8, 3), F(10, 3)))
    assert mixed.payoffs == (F(2), F(17, 6))
    assert mixed.best_responses == (
        (("Reassure", "Pressure"),), (("Freeze", "Arm"), ("Arm",))
    )
    hostile = result.pure[1]
    assert hostile.action("US") == "Pressure"
    assert hostile.action("DPRK", "security_seeker") == "Arm"
    assert hostile.payoffs == (F(1), F(2))


def test_below_the_threshold_cooperation_is_impossible() -> None:
    result = solve_bayesian(dilemma("49/100"))
    assert [e.strategies for e in result] == [strategies(0, 0)]


def test_at_the_threshold_the_cooperative_equilibria_form_a_continuum() -> None:
    result = solve_bayesian(dilemma("1/2"))
    assert {e.strategies for e in result} == {
        strategies(0, 0), strategies(1, 1), strategies(F(2, 3), 1)
    }
    (continuum,) = result.continua
    assert {result[k].strategies for k in continuum} == {
        strategies(1, 1), strategies(F(2, 3), 1)
    }
    # every mixture of the continuum's extreme points is an equilibrium
    assert is_bayesian_nash(result.game, strategies(F(5, 6), 1))
    assert not is_bayesian_nash(result.game, strategies(F(1, 2), 1))


def test_the_exact_prior_threshold_is_one_half() -> None:
    threshold = prior_threshold(dilemma(), "DPRK", "security_seeker", COOPERATION)
    assert threshold.value == F(1, 2)
    assert threshold.attained
    assert threshold.regions == ((F(1, 2), F(1), True, True),)
    assert threshold.describe() == (
        "a BNE with US: Reassure, DPRK.security_seeker: Freeze exists iff "
        "P(DPRK is security_seeker) >= 1/2"
    )


def test_sweeping_the_prior_finds_the_breakpoint_and_the_mixing_formula() -> None:
    sweep = sweep_prior(dilemma(), "DPRK", "security_seeker")
    assert [b.value for b in sweep.breakpoints] == [F(1, 2)]
    low, high = sweep.intervals
    assert (low.lo, low.hi, low.closed_lo, low.closed_hi) == (0, F(1, 2), True, False)
    assert (high.lo, high.hi, high.closed_lo, high.closed_hi) == (F(1, 2), 1, False, True)
    assert len(low.pieces) == 1 and len(high.pieces) == 3
    (mixed,) = [piece for piece in high.pieces if piece.kind == "mixed"]
    p = RationalFunction.variable()
    q = mixed.strategy_formulas[1][0][0]  # security seeker's Freeze
    for value in (F(3, 5), F(3, 4), F(9, 10), F(1)):
        assert q(value) == 1 / (2 * value) == (1 / (2 * p))(value)
    assert mixed.strategy_formulas[0][0][0](F(7, 10)) == F(2, 3)  # US: r = 2/3 throughout
    assert mixed.payoff_formulas[0](F(7, 10)) == 2  # US: 4 * p * q = 2
    assert "1/(2*p)" in mixed.describe()
    assert sweep.summary() == (
        "p < 1/2: 1 BNE (1 pure); p = 1/2: 3 BNE (2 pure, 1 mixed), 1 continuum; "
        "p > 1/2: 3 BNE (2 pure, 1 mixed)"
    )
    assert set(sweep.equilibria_at("3/4")) == {
        e.strategies for e in solve_bayesian(dilemma("3/4"))
    }


@pytest.mark.parametrize(
    ("reward", "threshold", "attained"),
    [
        (4, F(1, 2), True),
        (5, F(1, 3), True),
        (6, F(1, 4), True),
        # R = 3: the US reassures only when DPRK surely freezes, i.e. p = 1 (then indifferent)
        (3, F(1), True),
    ],
)
def test_the_threshold_moves_with_the_reward_of_mutual_restraint(reward, threshold, attained):
    # US reassures iff R f >= 3 f + (1 - f), i.e. f >= 1/(R - 2); with f = p: p* = 1/(R - 2)
    result = prior_threshold(dilemma("3/4", reward), "DPRK", "security_seeker", COOPERATION)
    assert (result.value, result.attained) == (threshold, attained)


def test_no_prior_supports_cooperation_when_restraint_pays_too_little() -> None:
    result = prior_threshold(dilemma("3/4", "5/2"), "DPRK", "security_seeker", COOPERATION)
    assert result.value is None and result.regions == ()
    assert result.describe().startswith("no prior")


def test_threshold_of_a_profile_that_holds_on_a_lower_range() -> None:
    # all hostile is an equilibrium at every prior
    hostile = {"US": "Pressure", "DPRK": "Arm"}
    result = prior_threshold(dilemma(), "DPRK", "security_seeker", hostile)
    assert (result.value, result.attained) == (0, True)
    # sweeping only part of the range
    coop = prior_threshold(dilemma(), ("DPRK"), "security_seeker", COOPERATION, lo="3/5", hi=1)
    assert (coop.value, coop.attained) == (F(3, 5), True)


def test_results_satisfy_the_one_result_contract() -> None:
    import json

    from gametrust.core.display import Displayable
    from gametrust.solvers.result import Result

    result = solve_bayesian(dilemma("3/4"))
    assert isinstance(result, Result) and isinstance(result, Displayable)
    assert result.max_regret == 0 and isinstance(result.max_regret, F)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["method"] == "type-agent enumeration" and data["complete"] is True
    assert data["max_regret"] == "0"
    assert data["priors"] == {"US": {"US": "1"},
                              "DPRK": {"security_seeker": "3/4", "greedy": "1/4"}}
    assert data["equilibria"] == [e.to_dict() for e in result]
    assert str(result) == result.describe()
    pure = solve_bayesian(dilemma("3/4"), method="pure")
    assert pure.to_dict()["concept"] == "pure-bayesian-nash" and pure.to_dict()["warnings"]
    seeker = NormalFormGame.from_arrays([[4.0, 0], [3, 1]], SEEKER, players=["US", "DPRK"],
                                        actions=ACTIONS)
    floats = solve_bayesian(BayesianGame.from_game(seeker))
    assert not floats.exact and abs(floats.max_regret) <= 1e-9


def test_a_prior_sweep_is_a_displayable_value_with_json_data() -> None:
    import json

    from gametrust.core.display import Displayable

    sweep = sweep_prior(dilemma(), "DPRK", "security_seeker")
    assert isinstance(sweep, Displayable) and str(sweep) == sweep.describe()
    data = json.loads(json.dumps(sweep.to_dict()))
    assert data["prior"] == {"player": "DPRK", "type": "security_seeker"}
    assert data["range"] == ["0", "1"] and data["breakpoints"] == ["1/2"]
    assert data["summary"] == sweep.summary() and data["text"] == sweep.describe()
    threshold = prior_threshold(dilemma(), "DPRK", "security_seeker", COOPERATION)
    assert str(threshold).endswith(">= 1/2")


def test_ex_ante_normal_form_of_the_dilemma() -> None:
    ex_ante = dilemma("3/4").ex_ante_game()
    assert ex_ante.actions[1] == (
        "security_seeker:Freeze greedy:Freeze",
        "security_seeker:Freeze greedy:Arm",
        "security_seeker:Arm greedy:Freeze",
        "security_seeker:Arm greedy:Arm",
    )
    # US Reassure against (Freeze, Arm): 3/4 * 4 + 1/4 * 0;  DPRK: 3/4 * 4 + 1/4 * 4
    assert ex_ante.payoff(("Reassure", "security_seeker:Freeze greedy:Arm")) == (F(3), F(4))


def test_describe_reports_interim_and_ex_ante_payoffs() -> None:
    text = solve_bayesian(dilemma()).describe()
    assert "priors: DPRK: security_seeker 3/4, greedy 1/4" in text
    assert "interim: US 2; DPRK security_seeker 8/3, greedy 10/3 | ex ante: US 2, DPRK 17/6" in text


# -- model validation ------------------------------------------------------------------------


def game_kwargs(**changes):
    kwargs = dict(
        players=["US", "DPRK"],
        actions=ACTIONS,
        types=[["US"], ["security_seeker", "greedy"]],
        priors=[None, ["1/2", "1/2"]],
        payoffs={
            ("US", "security_seeker"): [[[4, 0], [3, 1]], SEEKER],
            ("US", "greedy"): [[[4, 0], [3, 1]], GREEDY],
        },
    )
    kwargs.update(changes)
    return kwargs


def test_model_accepts_the_array_form_too() -> None:
    tensor = np.array([[[[[4, 0], [3, 1]], SEEKER], [[[4, 0], [3, 1]], GREEDY]]], dtype=object)
    assert tensor.shape == (1, 2, 2, 2, 2)
    assert BayesianGame(**game_kwargs(payoffs=tensor)) == BayesianGame(**game_kwargs())


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"priors": [None, ["-1/2", "3/2"]]}, ("priors", "DPRK", "security_seeker")),
        ({"priors": [None, ["1/2", "1/3"]]}, ("priors", "DPRK")),
        ({"priors": [None, [0.5, 0.5]]}, ("priors", "DPRK", "security_seeker")),
        ({"priors": [None, ["1/2"]]}, ("priors", "DPRK")),
        ({"priors": {"DPRK": {"security_seeker": 1, "greedi": 0}}}, ("priors", "DPRK", "greedi")),
        ({"priors": {"DPRK": {"security_seeker": 1}}}, ("priors", "DPRK", "greedy")),
        ({"priors": {"ROK": [1]}}, ("priors", "ROK")),
        ({"priors": [None, None]}, ("priors", "DPRK")),
        ({"priors": [None, ["1/2", "half"]]}, ("priors", "DPRK", "greedy")),
        ({"types": [["US"], ["a", "a"]]}, ("types", "DPRK")),
        ({"types": [["US"], []]}, ("types", "DPRK")),
        (
            {"payoffs": {("US", "security_seeker"): [[[4, 0], [3, 1]], SEEKER]}},
            ("payoffs", "US, greedy"),
        ),
        (
            {"payoffs": {("US", "security_seeker"): [[[4, 0], [3, 1]], SEEKER],
                         ("US", "greed"): [[[4, 0], [3, 1]], GREEDY]}},
            ("payoffs", "US, greed"),
        ),
        (
            {"payoffs": {("US", "security_seeker"): [[[4, 0], [3, 1]], SEEKER],
                         ("US", "greedy"): [[4, 0], [3, 1]]}},
            ("payoffs", "US, greedy"),
        ),
        ({"payoffs": np.zeros((2, 2, 2, 2))}, ("payoffs",)),
    ],
)
def test_bad_models_raise_located_argument_errors(changes, path) -> None:
    with pytest.raises(ArgumentError) as info:
        BayesianGame(**game_kwargs(**changes))
    assert info.value.location.path == path


def test_a_game_for_a_type_profile_must_match_players_and_actions() -> None:
    other = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    right = NormalFormGame.from_arrays(
        [[4, 0], [3, 1]], SEEKER, players=["US", "DPRK"], actions=ACTIONS
    )
    with pytest.raises(ArgumentError) as info:
        BayesianGame(**game_kwargs(payoffs={("US", "security_seeker"): right,
                                            ("US", "greedy"): other}))
    assert info.value.location.path == ("payoffs", "US, greedy")


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda g: sweep_prior(g, "US", "US"), ("type",)),
        (lambda g: sweep_prior(g, "ROK", "x"), ("player",)),
        (lambda g: sweep_prior(g, "DPRK", "greed"), ("type",)),
        (lambda g: sweep_prior(g, "DPRK", "greedy", lo="1/2", hi="1/2"), ("lo",)),
        (lambda g: sweep_prior(g, "DPRK", "greedy", hi=2), ("hi",)),
        (lambda g: sweep_prior(g, "DPRK", "greedy", lo=0.2), ("lo",)),
        (lambda g: prior_threshold(g, "DPRK", "greedy", {"US": "Hug"}), ("cooperative", "US")),
        (
            lambda g: prior_threshold(g, "DPRK", "greedy", {"DPRK.seeker": "Freeze"}),
            ("cooperative", "DPRK.seeker"),
        ),
        (lambda g: prior_threshold(g, "DPRK", "greedy", {}), ("cooperative",)),
        (lambda g: solve_bayesian(g, method="lemke"), ("method",)),
    ],
)
def test_bad_arguments_raise_located_errors(call, path) -> None:
    with pytest.raises(ArgumentError) as info:
        call(dilemma())
    assert info.value.location.path == path


# -- independent checks ------------------------------------------------------------------------


def independent_interim_regret(bg: BayesianGame, profile) -> F:
    """Largest interim gain of any type of any player, by plain loops (two players)."""
    worst = F(0)
    for i in range(2):
        j = 1 - i
        for ti in range(len(bg.types[i])):
            values = []
            for a in range(bg.shape[i]):
                total = F(0)
                for tj in range(len(bg.types[j])):
                    types = (ti, tj) if i == 0 else (tj, ti)
                    for b in range(bg.shape[j]):
                        acts = (a, b) if i == 0 else (b, a)
                        total += bg.priors[j][tj] * profile[j][tj][b] * bg.payoffs[types][i][acts]
                values.append(total)
            played = sum((x * v for x, v in zip(profile[i][ti], values, strict=True)), F(0))
            worst = max(worst, max(values) - played)
    return worst


@st.composite
def bayesian_games(draw, max_types: int = 2, max_actions: int = 2, values: int = 3,
                   full_support: bool = False):
    """Two-player Bayesian games; independent exact priors from gametrust.testing.strategies (some
    types may have prior 0 unless ``full_support``)."""
    space = draw(type_spaces(("A", "B"), max_types=max_types, independent=True,
                             full_support=full_support))
    types = [len(t) for t in space.types]
    actions = [draw(st.integers(2, max_actions)) for _ in range(2)]
    tensor = np.empty((*types, 2, *actions), dtype=object)
    for index in np.ndindex(tensor.shape):
        tensor[index] = draw(st.integers(0, values))
    return BayesianGame(
        ["A", "B"],
        [[f"a{k}" for k in range(actions[0])], [f"b{k}" for k in range(actions[1])]],
        space.types,
        [space.marginal(i) for i in range(2)],
        tensor,
    )


@settings(max_examples=60)
@given(bayesian_games(max_actions=3))
def test_every_bayesian_equilibrium_passes_an_independent_interim_check(bg) -> None:
    result = solve_bayesian(bg)
    assert len(result) >= 1
    for e in result:
        assert independent_interim_regret(bg, e.strategies) == 0
        assert all(sum(s) == 1 and min(s) >= 0 for per in e.strategies for s in per)
    for component in result.components:  # every mixture of a component is an equilibrium
        for a, b in combinations(component, 2):
            for x, y in ((a, b), (b, a)):
                mix = (result[x].strategies[0], result[y].strategies[1])
                assert independent_interim_regret(bg, mix) == 0
                half = tuple(
                    tuple(tuple((p + q) / 2 for p, q in zip(s, t, strict=True))
                          for s, t in zip(result[x].strategies[i], result[y].strategies[i],
                                          strict=True))
                    for i in range(2)
                )
                assert independent_interim_regret(bg, half) == 0


@settings(max_examples=60)
@given(games(shape=st.tuples(st.integers(1, 3), st.integers(1, 3)), min_value=0, max_value=3))
def test_one_type_per_player_gives_the_nash_equilibria_of_the_plain_game(game) -> None:
    plain = solve(game)
    bayes = solve_bayesian(BayesianGame.from_game(game))
    assert {tuple(s[0] for s in e.strategies) for e in bayes} == {e.strategies for e in plain}

    def components(result, strategies_of):
        return {frozenset(strategies_of(result[k]) for k in c) for c in result.components}

    assert components(bayes, lambda e: tuple(s[0] for s in e.strategies)) == components(
        plain, lambda e: e.strategies
    )


def in_hull(point, points) -> bool:
    """Exact convex-hull membership, by trying every subset as barycentric coordinates."""
    target = [*point, F(1)]
    for size in range(1, len(points) + 1):
        for subset in combinations(points, size):
            columns = [[*q, F(1)] for q in subset]
            lam = least_solution(columns, target)
            if lam is not None and all(x >= 0 for x in lam):
                return True
    return False


def least_solution(columns, target):
    """The solution lam of sum lam_k columns[k] = target when unique, else None."""
    import sympy

    matrix = sympy.Matrix([[c[r] for c in columns] for r in range(len(target))])
    rhs = sympy.Matrix(target)
    if matrix.rank() < len(columns):
        return None
    try:
        solution, params = matrix.gauss_jordan_solve(rhs)
    except ValueError:  # inconsistent
        return None
    if params.shape[0]:
        return None
    return [F(str(x)) for x in solution]


def grid_equilibria(bg: BayesianGame, denominator: int) -> list:
    """Every behaviour profile on a grid (2 actions each) with zero interim regret."""
    agents = [(i, t) for i in range(2) for t in range(len(bg.types[i]))]
    steps = [F(k, denominator) for k in range(denominator + 1)]
    found = []
    for values in product(steps, repeat=len(agents)):
        profile = [[None] * len(bg.types[i]) for i in range(2)]
        for (i, t), q in zip(agents, values, strict=True):
            profile[i][t] = (q, 1 - q)
        if independent_interim_regret(bg, profile) == 0:
            found.append(profile)
    return found


def covered(result, profile) -> bool:
    """Is a behaviour profile inside one of the reported components?"""
    flat = [tuple(p for s in profile[i] for p in s) for i in range(2)]
    for component in result.components:
        sides = [
            list({tuple(p for s in result[k].strategies[i] for p in s) for k in component})
            for i in range(2)
        ]
        if all(in_hull(flat[i], sides[i]) for i in range(2)):
            return True
    return False


@pytest.mark.parametrize("p", ["3/4", "1/2", "1/4", "1", "0"])
def test_brute_force_grid_finds_nothing_the_solver_misses_in_the_dilemma(p) -> None:
    bg = dilemma(p)
    result = solve_bayesian(bg)
    for profile in grid_equilibria(bg, 12):
        assert covered(result, profile), profile


@settings(max_examples=25)
@given(bayesian_games(max_actions=2, values=2))
def test_brute_force_grid_finds_nothing_the_solver_misses(bg) -> None:
    result = solve_bayesian(bg)
    for profile in grid_equilibria(bg, 4):
        assert covered(result, profile), profile


@settings(max_examples=25)
@given(bayesian_games(max_types=2, max_actions=2), st.data())
def test_sweep_agrees_with_solving_at_every_prior(bg, data) -> None:
    players = [i for i in range(2) if len(bg.types[i]) > 1 and bg.priors[i][0] < 1]
    if not players:
        return
    i = data.draw(st.sampled_from(players))
    sweep = sweep_prior(bg, i, 0)
    samples = [b.value for b in sweep.breakpoints] + [F(0), F(1)] + [
        data.draw(st.fractions(0, 1, max_denominator=24)) for _ in range(4)
    ]
    for p in samples:
        rest = 1 - p
        prior = [p] + [rest * q / (1 - bg.priors[i][0]) for q in bg.priors[i][1:]]
        direct = solve_bayesian(bg.with_prior(i, prior))
        assert set(sweep.equilibria_at(p)) == {e.strategies for e in direct}, p


def test_sweep_reports_the_end_of_the_range_when_it_differs() -> None:
    # from 1/2: the end point (with its continuum) differs from the interval above it
    sweep = sweep_prior(dilemma(), "DPRK", "security_seeker", lo="1/2", hi=1)
    assert isinstance(sweep.segments()[0], PriorPoint)
    assert sweep.segments()[0].value == F(1, 2)
    assert len(sweep.intervals) == 1 and sweep.breakpoints == ()


def test_interim_payoffs_of_a_type() -> None:
    bg = dilemma("3/4")
    profile = strategies(F(2, 3), F(2, 3))
    assert interim_payoffs(bg, profile, "DPRK", "security_seeker") == (F(8, 3), F(8, 3))
    assert interim_payoffs(bg, profile, "DPRK", "greedy") == (F(2), F(10, 3))
    assert interim_payoffs(bg, profile, "US", "US") == (F(2), F(2))


def test_three_players_get_pure_bayesian_equilibria() -> None:
    # a coordination game among three; player C has two types, one of which prefers b
    tensor = np.empty((1, 1, 2, 3, 2, 2, 2), dtype=object)
    for t in range(2):
        for acts in product(range(2), repeat=3):
            same = len(set(acts)) == 1
            for i in range(3):
                bonus = 1 if (i == 2 and t == 1 and acts[2] == 1) else 0
                tensor[(0, 0, t, i, *acts)] = (2 if same else 0) + bonus * 3
    bg = BayesianGame(
        ["A", "B", "C"], [["a", "b"]] * 3, [["-"], ["-"], ["normal", "odd"]],
        [None, None, ["1/2", "1/2"]], tensor,
    )
    result = solve_bayesian(bg)
    assert result.concept == "pure-bayesian-nash"
    assert result.warnings
    assert not result.complete and result.to_dict()["complete"] is False  # mixed BNE may exist
    assert {e.describe() for e in result} == {
        "A: a; B: a; C: normal: a, odd: b",
        "A: b; B: b; C: normal: b, odd: b",
    }
    for e in result:
        assert is_bayesian_nash(bg, e.strategies)


# -- the documentation


def test_docs_examples_run() -> None:
    import doctest
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "bayesian.md").read_text("utf-8")
    blocks = re.findall(r"^```pycon\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert blocks
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "bayesian.md",
                                               "docs/bayesian.md", 0)
    assert len(test.examples) >= 15
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0


def test_float_payoffs_are_solved_with_the_documented_tolerance() -> None:
    us = [[4.0, 0], [3, 1]]
    bg = BayesianGame(["US", "DPRK"], ACTIONS, [["US"], ["security_seeker", "greedy"]],
                      [None, ["3/4", "1/4"]],
                      {("US", "security_seeker"): [us, SEEKER], ("US", "greedy"): [us, GREEDY]})
    result = solve_bayesian(bg)
    assert not result.exact and len(result) == 3
    (mixed,) = result.mixed
    assert mixed.strategy("DPRK", "security_seeker")["Freeze"] == pytest.approx(2 / 3)
    with pytest.raises(ArgumentError) as info:
        sweep_prior(bg, "DPRK", "security_seeker")
    assert info.value.location.path == ("game",)
