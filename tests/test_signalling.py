"""Costly signalling: perfect Bayesian equilibria (separating, pooling, hybrid) worked by hand,
the cost conditions under which a signal reassures, the Intuitive Criterion, located input
errors, and properties — every PBE passes an independent sequential-rationality check, follows
Bayes' rule on the path and is a Nash equilibrium of the game tree.

The canonical reassurance game (``reassurance_game``), used throughout:

    types trustworthy (T, prior p) / untrustworthy (U); signals "signal" / "no signal" (free)
    receiver responses cooperate / refuse
    sender:   u_S(T, cooperate) = 3 (cooperation gain), u_S(U, cooperate) = 2 (exploitation
              gain), refuse gives both 0; sending the signal costs c_T resp. c_U
    receiver: u_R(T, cooperate) = 1, u_R(U, cooperate) = -2, refuse gives 0
    => cooperating pays iff q*1 + (1-q)*(-2) >= 0, i.e. q = P(T) >= q* = 2/3.
"""

from __future__ import annotations

import doctest
import re
from fractions import Fraction as F
from itertools import product
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gametrust import ArgumentError, is_nash
from gametrust.analysis.separation import separating_conditions
from gametrust.model.reduced import behavior_to_plans, reduced_normal_form
from gametrust.model.signalling import SignallingGame, reassurance_game
from gametrust.solvers.extensive import solve_tree
from gametrust.solvers.signalling import solve_signalling
from gametrust.solvers.signalling_result import PerfectBayesianEquilibrium

ROOT = Path(__file__).resolve().parent.parent
T, U = "trustworthy", "untrustworthy"
SIG, NO = "signal", "no signal"
COOP, REF = "cooperate", "refuse"


def _only(items):
    assert len(items) == 1, items
    return items[0]


# -- separation: exactly at the cost thresholds -----------------------------------------------

EPS = F(1, 100)


@pytest.mark.parametrize("prior", [F(1, 2), F(4, 5)])  # below and above q* = 2/3
@pytest.mark.parametrize("c_t", [3 - EPS, F(3), 3 + EPS])  # cooperation gain of T is 3
@pytest.mark.parametrize("c_u", [2 - EPS, F(2), 2 + EPS])  # exploitation gain of U is 2
def test_separating_equilibrium_exists_exactly_when_the_cost_conditions_hold(prior, c_t, c_u):
    game = reassurance_game(prior, c_t, c_u)
    result = solve_signalling(game)
    expected = c_t <= 3 and c_u >= 2
    # T signals and is recognised: 3 - c_T >= 0 (no signal => refused); U does not mimic:
    # 0 >= 2 - c_U.  (The reverse assignment would need c_U <= -2: never with costs >= 0.)
    assert bool(result.separating) == expected
    condition = _only(separating_conditions(game).cases_for(T, SIG))
    assert condition.holds == expected
    assert str(condition) == "c_trustworthy <= 3 and c_untrustworthy >= 2"
    if expected:
        e = _only(result.separating)
        assert e.sender[T] == {SIG: 1, NO: 0} and e.sender[U] == {SIG: 0, NO: 1}
        assert e.beliefs == {SIG: {T: 1, U: 0}, NO: {T: 0, U: 1}}
        assert e.receiver == {SIG: {COOP: 1, REF: 0}, NO: {COOP: 0, REF: 1}}
        assert e.sender_payoffs == {T: 3 - c_t, U: 0}
        assert e.receiver_payoff == prior * 1  # cooperates with T only
        assert e.intuitive_criterion.passes


def test_separating_conditions_name_the_gains() -> None:
    game = reassurance_game(F(1, 2), 1, 3, cooperation_gain=5, exploitation_gain=F(1, 2))
    conditions = separating_conditions(game)
    assert str(conditions) == "c_trustworthy <= 5 and c_untrustworthy >= 1/2"
    reverse = _only(conditions.cases_for(U, SIG))
    # U signals and is refused, T stays silent and is trusted:
    # U: c_U(signal) - c_U(none) <= 0 - 1/2; T: c_T(signal) - c_T(none) >= 0 - 5
    assert [(c.type, c.relation, c.bound) for c in reverse.conditions] == [
        (U, "<=", F(-1, 2)), (T, ">=", -5)]
    assert conditions.holds and not reverse.holds and not conditions.ties


def test_separating_conditions_are_on_cost_differences() -> None:
    # staying silent costs the trustworthy type 1 too: only the difference matters
    game = _game(cost={T: {SIG: 4, NO: 1}, U: {SIG: 2}})
    [case] = separating_conditions(game).cases_for(T, SIG)
    assert [(c.value, c.holds) for c in case.conditions] == [(3, True), (2, True)]
    assert case.conditions[0].describe() == (
        "cost(trustworthy, signal) - cost(trustworthy, no signal) <= 3")
    assert solve_signalling(game).separating


def test_separating_conditions_need_as_many_signals_as_types() -> None:
    game = _game(signals=[SIG, NO, "speech"])
    with pytest.raises(ArgumentError) as err:
        separating_conditions(game)
    assert err.value.location.path == ("game",)


# -- the semi-separating equilibrium, by hand -----------------------------------------------


def test_semi_separating_equilibrium_when_the_signal_is_too_cheap_to_separate() -> None:
    # p = 2/5 < q* = 2/3, c_T = 1, c_U = 3/2 < 2 (U's exploitation gain): no separation.
    game = reassurance_game(F(2, 5), 1, F(3, 2))
    result = solve_signalling(game)
    assert not result.separating
    e = _only(result.hybrid)
    # T always signals; U signals with probability b chosen so the posterior after the signal
    # is exactly q*:  (2/5) / (2/5 + (3/5) b) = 2/3
    #   =>  3 * (2/5) = 2 * (2/5 + (3/5) b)  =>  6/5 = 4/5 + (6/5) b  =>  b = 1/3.
    assert e.sender[T] == {SIG: 1, NO: 0}
    assert e.sender[U] == {SIG: F(1, 3), NO: F(2, 3)}
    assert e.beliefs[SIG] == {T: F(2, 3), U: F(1, 3)}
    assert e.beliefs[NO] == {T: 0, U: 1}  # only U stays silent
    # The receiver cooperates after the signal with probability r making U indifferent:
    # 2 r - 3/2 = 0 (silence is refused)  =>  r = 3/4.
    assert e.receiver[SIG] == {COOP: F(3, 4), REF: F(1, 4)}
    assert e.receiver[NO] == {COOP: 0, REF: 1}
    # T: 3 * 3/4 - 1 = 5/4 > 0, so T strictly prefers to signal; U gets 0 either way; the
    # receiver is indifferent after the signal (2/3 * 1 + 1/3 * (-2) = 0) and gets 0.
    assert e.sender_payoffs == {T: F(5, 4), U: 0}
    assert e.receiver_payoff == 0
    assert e.on_path == (SIG, NO) and not e.off_path
    assert e.intuitive_criterion.passes and e.continuum is None
    # everything else: the pooling equilibrium on silence (below)
    assert [x.kind for x in result] == ["pooling", "hybrid"]


@pytest.mark.parametrize(("prior", "c_u", "b", "r"), [
    # b = p (1 - q*) / ((1 - p) q*) = p / (2 (1 - p)) puts the posterior at q* = 2/3;
    # r = c_U / 2 makes U indifferent (2 r - c_U = 0)
    (F(1, 2), F(1), F(1, 2), F(1, 2)),       # b = (1/2)/(2 * 1/2) = 1/2
    (F(1, 3), F(1, 2), F(1, 4), F(1, 4)),    # b = (1/3)/(2 * 2/3) = 1/4
    (F(3, 5), F(9, 5), F(3, 4), F(9, 10)),   # b = (3/5)/(2 * 2/5) = 3/4
])
def test_semi_separating_mixing_probabilities_follow_the_formula(prior, c_u, b, r) -> None:
    e = _only(solve_signalling(reassurance_game(prior, F(1, 2), c_u)).hybrid)
    assert e.sender[U][SIG] == b and e.receiver[SIG][COOP] == r
    assert e.beliefs[SIG][T] == F(2, 3)


def test_trustworthy_type_mixes_when_trust_is_high() -> None:
    # p = 4/5 >= q*, c_T = 1, c_U = 3: besides separation and pooling on silence, T mixes.
    # U stays silent, T signals with probability a so the posterior after silence is q*:
    # (4/5)(1 - a) / ((4/5)(1 - a) + 1/5) = 2/3  =>  4(1 - a) = 2  =>  a = 1/2.
    # T indifferent: 3 - 1 = 3 r (r = cooperation after silence)  =>  r = 2/3; U gets 2 r = 4/3.
    result = solve_signalling(reassurance_game(F(4, 5), 1, 3))
    assert [e.kind for e in result] == ["separating", "pooling", "hybrid"]
    e = _only(result.hybrid)
    assert e.sender[T] == {SIG: F(1, 2), NO: F(1, 2)} and e.sender[U] == {SIG: 0, NO: 1}
    assert e.receiver[SIG] == {COOP: 1, REF: 0}
    assert e.receiver[NO] == {COOP: F(2, 3), REF: F(1, 3)}
    assert e.sender_payoffs == {T: 2, U: F(4, 3)}


# -- pooling: supporting off-path beliefs and the Intuitive Criterion ----------------------------


def test_pooling_on_silence_fails_the_intuitive_criterion_when_mimicry_is_too_costly() -> None:
    # p = 1/2 < 2/3, c_T = 1, c_U = 3 > 2.  Pooling on silence: the belief stays 1/2, so the
    # receiver refuses and both types get 0.  The signal must be answered by refusal (cooperation
    # would give T 3 - 1 > 0): beliefs P(T) <= 2/3.  A mix cooperating with probability r at
    # exactly P(T) = 2/3 also deters if 3 r - 1 <= 0 and 2 r - 3 <= 0, i.e. r <= 1/3.
    result = solve_signalling(reassurance_game(F(1, 2), 1, 3))
    assert [e.kind for e in result] == ["separating", "pooling"]
    e = _only(result.pooling)
    assert e.sender[T] == e.sender[U] == {SIG: 0, NO: 1}
    assert e.beliefs[NO] == {T: F(1, 2), U: F(1, 2)}
    assert e.receiver[NO] == {COOP: 0, REF: 1}
    assert e.on_path == (NO,)
    pure, mixed = e.off_path[SIG]
    assert pure.support == (REF,) and pure.beliefs.interval(T) == (0, F(2, 3))
    assert str(pure.beliefs) == "P(trustworthy) in [0, 2/3]"
    assert mixed.support == (COOP, REF) and mixed.beliefs.interval(T) == (F(2, 3), F(2, 3))
    assert sorted(m[COOP] for m in mixed.mixes) == [0, F(1, 3)]
    # The signal is equilibrium-dominated for U: at most 2 - 3 < 0 = its equilibrium payoff.
    # Believed to come from T, it is answered by cooperation, which gives T 3 - 1 = 2 > 0.
    ic = e.intuitive_criterion
    assert not ic.passes
    failure = _only(ic.failures)
    assert (failure.signal, failure.dominated, failure.remaining, failure.deviators) == (
        SIG, (U,), (T,), (T,))
    # the separating equilibrium has no off-path signal and passes
    assert _only(result.separating).intuitive_criterion.passes


def test_pooling_on_silence_survives_when_the_signal_is_cheap_for_both() -> None:
    # c_U = 3/2 < 2: the signal could pay U (2 - 3/2 > 0), nobody is equilibrium-dominated,
    # so the criterion restricts nothing.
    e = _only(solve_signalling(reassurance_game(F(2, 5), 1, F(3, 2))).pooling)
    assert e.intuitive_criterion.passes
    test = _only(e.intuitive_criterion.tests)
    assert test.dominated == () and test.deviators == ()
    assert e.off_path[SIG][0].beliefs.interval(T) == (0, F(2, 3))


def test_optimistic_pooling_keeps_every_off_path_response() -> None:
    # p = 4/5 >= 2/3: pooling on silence with cooperation; any response to the costly signal
    # deters (T gets at most 3 - 1 < 3, U at most 2 - 3 < 2).
    e = _only(solve_signalling(reassurance_game(F(4, 5), 1, 3)).pooling)
    assert e.receiver[NO] == {COOP: 1, REF: 0} and e.sender_payoffs == {T: 3, U: 2}
    options = {o.support: o for o in e.off_path[SIG]}
    assert options[(COOP,)].beliefs.interval(T) == (F(2, 3), 1)
    assert options[(REF,)].beliefs.interval(T) == (0, F(2, 3))
    assert sorted(m[COOP] for m in options[(COOP, REF)].mixes) == [0, 1]
    assert e.intuitive_criterion.passes  # the signal is equilibrium-dominated for both


def test_pooling_on_the_signal_needs_pessimistic_beliefs_about_silence() -> None:
    # p = 4/5, c_T = c_U = 1: both signal and are trusted (3 - 1, 2 - 1 > 0) when silence would
    # be refused (belief P(T) <= 2/3); silence answered by cooperation would pay both.
    result = solve_signalling(reassurance_game(F(4, 5), 1, 1))
    on_signal = [e for e in result.pooling if e.on_path == (SIG,)]
    e = _only(on_signal)
    assert e.receiver[SIG] == {COOP: 1, REF: 0}
    [option] = [o for o in e.off_path[NO] if o.pure]
    assert option.support == (REF,) and option.beliefs.interval(T) == (0, F(2, 3))
    # a mix at P(T) = 2/3 cooperating with probability r deters if 3 r <= 2 and 2 r <= 1
    [mixed] = [o for o in e.off_path[NO] if not o.pure]
    assert max(m[COOP] for m in mixed.mixes) == F(1, 2)


def test_a_prior_at_the_threshold_gives_a_continuum() -> None:
    # p = q* = 2/3: pooling on the free message leaves the receiver indifferent, and it may mix
    # with any probability r of cooperation; silence off the path must be refused with
    # 3 r - 1 >= 0 and 2 r - 1 >= 0, i.e. r >= 1/2.
    result = solve_signalling(reassurance_game(F(2, 3), 1, 1))
    assert result.complete
    [e] = [x for x in result.continua if x.on_path == (SIG,)]
    piece = _only(e.continuum.supported)
    assert sorted(r[SIG][COOP] for r in piece) == [F(1, 2), 1]
    assert sorted(r[SIG][COOP] for r in e.continuum.receiver) == [0, 1]
    assert F(1, 2) <= e.receiver[SIG][COOP] < 1


# -- the game tree ------------------------------------------------------------------------------


def _nash_in_tree(game: SignallingGame, e: PerfectBayesianEquilibrium, reduced=None) -> bool:
    tree = game.to_tree()
    nf, plans = reduced if reduced is not None else reduced_normal_form(tree)
    behavior = e.behavior(game)
    profile = [behavior_to_plans(tree, plans[p], behavior) for p in range(2)]
    return is_nash(nf, profile)


def _reaches_every_signal(game: SignallingGame, behavior) -> bool:
    return all(
        any(behavior[game.sender_infoset(t)][m] > 0 for t in game.types) for m in game.signals
    )


def test_every_equilibrium_is_nash_in_the_tree_and_on_path_ones_are_all_found() -> None:
    for args in [(F(2, 5), 1, F(3, 2)), (F(1, 2), 1, 3), (F(4, 5), 1, 3), (F(4, 5), 1, 1)]:
        game = reassurance_game(*args)
        result = solve_signalling(game)
        tree_result = solve_tree(game.to_tree())
        for e in result:
            assert _nash_in_tree(game, e, (tree_result.reduced, tree_result.plans))
        # a Nash equilibrium of the tree that reaches every information set is a PBE
        listed = [e.behavior(game) for e in result]
        for ne in tree_result.nash:
            if _reaches_every_signal(game, ne.behavior):
                assert ne.behavior in listed


def test_to_tree_payoffs_subtract_the_cost() -> None:
    game = reassurance_game(F(1, 2), 1, 3)
    tree = game.to_tree()
    node = tree.node((U, SIG, COOP))
    assert node.payoffs == (2 - 3, -2)
    assert tree.node((T, NO, REF)).payoffs == (0, 0)
    assert {i.id: len(i.paths) for i in tree.infosets} == {
        "Sender:trustworthy": 1, "Sender:untrustworthy": 1,
        "Receiver:signal": 2, "Receiver:no signal": 2}


# -- more types, signals and responses ----------------------------------------------------------


def test_three_types_partially_pool() -> None:
    # Types low/mid/high; the receiver matches its response to its belief about the type
    # (u_R = 1 for the matching response); every type gets 0, 1, 2 from L, M, H.  A signal
    # costing high 0 and the others 3: high separates (H: 2 > 0), low and mid pool on silence,
    # where the belief (low 3/4, mid 1/4) makes the receiver answer L (signalling would give them
    # at most 2 - 3 < 0).
    types = ["low", "mid", "high"]
    game = SignallingGame(
        "S", "R", types, [F(1, 2), F(1, 6), F(1, 3)], [SIG, NO], ["L", "M", "H"],
        {t: {a: (i, int(a == t[0].upper())) for i, a in enumerate(["L", "M", "H"])}
         for t in types},
        {"low": {SIG: 3}, "mid": {SIG: 3}, "high": {SIG: 0}},
    )
    result = solve_signalling(game)
    assert result.complete
    kinds = {e.kind for e in result}
    assert "partially pooling" in kinds
    [e] = [e for e in result.partially_pooling
           if e.sender["high"][SIG] == 1 and e.sender["low"][NO] == 1 == e.sender["mid"][NO]]
    assert e.beliefs[NO] == {"low": F(3, 4), "mid": F(1, 4), "high": 0}
    assert e.receiver[SIG]["H"] == 1 and e.receiver[NO]["L"] == 1
    for x in result:
        assert _nash_in_tree(game, x)
        _check_pbe(game, x)


# -- located input errors -----------------------------------------------------------------------


def _game(**changes):
    args = dict(
        sender="S", receiver="R", types=[T, U], prior={T: F(1, 2), U: F(1, 2)},
        signals=[SIG, NO], responses=[COOP, REF],
        payoffs={T: {COOP: (3, 1), REF: (0, 0)}, U: {COOP: (2, -2), REF: (0, 0)}},
        cost={T: {SIG: 1}, U: {SIG: 3}},
    )
    args.update(changes)
    return SignallingGame(**args)


@pytest.mark.parametrize(("changes", "path"), [
    ({"payoffs": {T: {COOP: (3.0, 1), REF: (0, 0)}, U: {COOP: (2, -2), REF: (0, 0)}}},
     ("payoffs", T, COOP, 0)),
    ({"payoffs": {T: {COOP: (3, 1), REF: (0, 0)}, U: {COOP: (2, "x"), REF: (0, 0)}}},
     ("payoffs", U, COOP, 1)),
    ({"payoffs": {T: {COOP: (3, 1)}, U: {COOP: (2, -2), REF: (0, 0)}}}, ("payoffs", T, REF)),
    ({"payoffs": {T: {COOP: (3, 1), REF: (0,)}, U: {COOP: (2, -2), REF: (0, 0)}}},
     ("payoffs", T, REF)),
    ({"payoffs": {T: {COOP: (3, 1), REF: (0, 0)}}}, ("payoffs", U)),
    ({"prior": {"trustwrthy": F(1, 2), U: F(1, 2)}}, ("prior", "trustwrthy")),
    ({"prior": {T: F(1, 2), U: F(1, 3)}}, ("prior",)),
    ({"prior": {T: 1, U: 0}}, ("prior", U)),
    ({"prior": [F(1, 2)]}, ("prior",)),
    ({"cost": {T: {"sgnal": 1}}}, ("cost", T, "sgnal")),
    ({"cost": {T: {SIG: True}}}, ("cost", T, SIG)),
    ({"signals": [SIG, SIG]}, ("signals", 1)),
    ({"types": []}, ("types",)),
    ({"responses": "cooperate"}, ("responses",)),
    ({"receiver": "S"}, ("receiver",)),
])
def test_bad_input_raises_one_located_error(changes, path) -> None:
    with pytest.raises(ArgumentError) as err:
        _game(**changes)
    assert err.value.location.path == path


def test_solver_arguments_are_checked() -> None:
    with pytest.raises(ArgumentError) as err:
        solve_signalling("not a game")  # type: ignore[arg-type]
    assert err.value.location.path == ("game",)
    with pytest.raises(ArgumentError) as err:
        solve_signalling(_game(), max_supports=3)
    assert err.value.location.path == ("game",)
    with pytest.raises(ArgumentError) as err:
        reassurance_game(1, 1, 1)
    assert err.value.location.path == ("prior_trustworthy",)


def test_the_result_satisfies_the_solver_result_protocol() -> None:
    from gametrust.core.display import Displayable
    from gametrust.solvers.result import Result

    result = solve_signalling(reassurance_game(F(1, 2), 1, 3))
    assert isinstance(result, Result) and isinstance(result, Displayable)
    assert (result.method, result.exact, result.complete, result.warnings) == (
        "support-enumeration", True, True, ())
    assert result.max_regret == 0 and isinstance(result.max_regret, F)
    assert all(e.regret == 0 for e in result)
    assert str(result) == result.describe()
    assert set(result.to_dict()) == {"equilibria", "complete", "warnings"}


def test_the_certificate_refuses_a_profitable_deviation() -> None:
    from dataclasses import replace

    from gametrust.core.errors import SolverError
    from gametrust.solvers.signalling_certificate import certify_pbe

    game = reassurance_game(F(1, 2), 1, 3)
    e = solve_signalling(game).separating[0]
    assert certify_pbe(game, e) == e
    # the untrustworthy type would gain 2 - 3 < 0 by signalling; make the signal free for it
    cheap = game.with_cost({T: {SIG: 1}, U: {SIG: 0}})
    with pytest.raises(SolverError, match="profitable deviation"):
        certify_pbe(cheap, e)
    refuse_after_signal = {**e.receiver, SIG: {COOP: F(0), REF: F(1)}}
    with pytest.raises(SolverError, match="not a best response"):
        certify_pbe(game, replace(e, receiver=refuse_after_signal))


def test_belief_sets_are_a_property_of_the_model() -> None:
    from gametrust.model.signalling_beliefs import BeliefSet, SignallingTables

    game = reassurance_game(F(1, 2), 1, 3)
    both = game.belief_set([COOP, REF])
    assert both == SignallingTables(game).belief_set((0, 1))
    assert both == BeliefSet((T, U), ((F(2, 3), F(1, 3)),), (COOP, REF))
    assert game.belief_set(REF).interval(U) == (F(1, 3), F(1))


def test_prior_as_a_list_and_string_numbers() -> None:
    game = _game(prior=["1/3", "2/3"], cost={U: {SIG: "5/2"}})
    assert game.prior == {T: F(1, 3), U: F(2, 3)}
    assert game.cost == {T: {SIG: 0, NO: 0}, U: {SIG: F(5, 2), NO: 0}}


# -- properties -----------------------------------------------------------------------------------


@st.composite
def signalling_games(draw, shapes=((2, 2, 2), (3, 2, 2), (2, 3, 2), (2, 2, 3), (1, 2, 2),
                                   (2, 1, 2), (2, 2, 1))):
    """Valid signalling games by construction: small integer payoffs and costs, positive
    prior weights (so ties — non-generic games — are common)."""
    nt, nm, na = draw(st.sampled_from(shapes))
    types = [f"t{i + 1}" for i in range(nt)]
    signals = [f"m{i + 1}" for i in range(nm)]
    responses = [f"a{i + 1}" for i in range(na)]
    weights = [draw(st.integers(1, 4)) for _ in types]
    value = st.integers(-3, 3)
    payoffs = {t: {a: (draw(value), draw(value)) for a in responses} for t in types}
    cost = {t: {m: draw(st.integers(0, 3)) for m in signals} for t in types}
    return SignallingGame("S", "R", types, [F(w, sum(weights)) for w in weights], signals,
                          responses, payoffs, cost)


def _best(game: SignallingGame, belief) -> set[str]:
    value = {a: sum(belief[t] * game.payoffs[t][a][1] for t in game.types)
             for a in game.responses}
    top = max(value.values())
    return {a for a in game.responses if value[a] == top}


def _check_pbe(game: SignallingGame, e: PerfectBayesianEquilibrium) -> None:
    """Sequential rationality and Bayes' rule, recomputed from the payoff table alone."""
    for t in game.types:
        assert sum(e.sender[t].values()) == 1 and min(e.sender[t].values()) >= 0
    for m in game.signals:
        belief, mix = e.beliefs[m], e.receiver[m]
        assert sum(belief.values()) == 1 and min(belief.values()) >= 0
        assert sum(mix.values()) == 1 and min(mix.values()) >= 0
        mass = sum(game.prior[t] * e.sender[t][m] for t in game.types)
        assert (m in e.on_path) == (mass > 0) == (m not in e.off_path)
        if mass > 0:  # Bayes' rule
            assert belief == {t: game.prior[t] * e.sender[t][m] / mass for t in game.types}
        # the receiver's response is optimal given its belief, on and off the path
        assert {a for a, p in mix.items() if p > 0} <= _best(game, belief)
    for t in game.types:
        payoff = {m: sum(p * (game.payoffs[t][a][0] - game.cost[t][m])
                         for a, p in e.receiver[m].items()) for m in game.signals}
        assert e.sender_payoffs[t] == max(payoff.values())
        assert all(payoff[m] == max(payoff.values()) for m, p in e.sender[t].items() if p > 0)
    for m, options in e.off_path.items():
        assert options
        for o in options:
            for belief in o.beliefs.beliefs():
                assert set(o.support) <= _best(game, belief)
            for mix in o.mixes:
                for t in game.types:
                    gain = sum(p * (game.payoffs[t][a][0] - game.cost[t][m])
                               for a, p in mix.items())
                    assert gain <= e.sender_payoffs[t]
    pure = all(max(e.sender[t].values()) == 1 for t in game.types)
    chosen = {t: max(e.sender[t], key=e.sender[t].get) for t in game.types}
    if not pure:
        assert e.kind == "hybrid"
    elif len(set(chosen.values())) == 1:
        assert e.kind == "pooling"
    elif len(set(chosen.values())) == len(game.types):
        assert e.kind == "separating"
    else:
        assert e.kind == "partially pooling"


@settings(max_examples=60)
@given(signalling_games())
def test_every_pbe_is_sequentially_rational_bayesian_and_nash_in_the_tree(game) -> None:
    result = solve_signalling(game)
    assert result.complete
    reduced = reduced_normal_form(game.to_tree())
    for e in result:
        _check_pbe(game, e)
        assert _nash_in_tree(game, e, reduced)


def _rationalizable(game: SignallingGame, types) -> set[str]:
    """Responses that are best responses to some belief on ``types`` (one or two types): the
    best-response sets change only where two responses tie, so checking the ends and every
    tie point is exhaustive."""
    if len(types) == 1:
        return _best(game, {t: int(t == types[0]) for t in game.types})
    a_type, b_type = types
    points = {F(0), F(1)}
    for x, y in product(game.responses, repeat=2):
        dx = game.payoffs[a_type][x][1] - game.payoffs[a_type][y][1]
        dy = game.payoffs[b_type][x][1] - game.payoffs[b_type][y][1]
        # q dx + (1 - q) dy = 0
        if dx != dy:
            q = F(-dy, dx - dy)
            if 0 <= q <= 1:
                points.add(q)
    out: set[str] = set()
    for q in points:
        belief = {t: 0 for t in game.types}
        belief[a_type], belief[b_type] = q, 1 - q
        out |= _best(game, belief)
    return out


@settings(max_examples=60)
@given(signalling_games(shapes=((2, 2, 2), (2, 3, 2), (2, 2, 3))))
def test_every_pure_pbe_is_found_with_its_off_path_responses(game) -> None:
    """Brute force over pure strategies (two types): every pure PBE is listed, with each
    rationalizable pure off-path response that deters, and the Intuitive Criterion agrees.
    (A path of play that no pure off-path response supports may still be one that a mixed
    response does: types can rank the responses differently.)"""
    result = solve_signalling(game)
    anything = _rationalizable(game, game.types)
    for choice in product(game.signals, repeat=len(game.types)):
        sender = dict(zip(game.types, choice, strict=True))
        on_path = [m for m in game.signals if m in choice]
        receivers = {}
        for m in on_path:
            mass = sum(game.prior[t] for t in game.types if sender[t] == m)
            belief = {t: game.prior[t] / mass if sender[t] == m else 0 for t in game.types}
            receivers[m] = sorted(_best(game, belief))
        for picked in product(*(receivers[m] for m in on_path)):
            response = dict(zip(on_path, picked, strict=True))
            value = {t: game.payoffs[t][response[sender[t]]][0] - game.cost[t][sender[t]]
                     for t in game.types}
            if any(game.payoffs[t][response[m]][0] - game.cost[t][m] > value[t]
                   for t in game.types for m in on_path):
                continue
            deterring = {
                m: {a for a in anything
                    if all(game.payoffs[t][a][0] - game.cost[t][m] <= value[t]
                           for t in game.types)}
                for m in game.signals if m not in on_path
            }
            matches = [
                e for e in result
                if all(e.sender[t][sender[t]] == 1 for t in game.types)
                and all(e.receiver[m][response[m]] == 1 for m in on_path)
            ]
            if not matches:
                # only a mixed off-path response could support it, and none does
                assert any(not d for d in deterring.values())
                continue
            e = _only(matches)
            for m, d in deterring.items():
                assert {o.support[0] for o in e.off_path[m] if o.pure} == d
                # the Intuitive Criterion, recomputed
                dominated = {t for t in game.types
                             if value[t] > max(game.payoffs[t][a][0] - game.cost[t][m]
                                               for a in anything)}
                remaining = [t for t in game.types if t not in dominated]
                deviators = set()
                if remaining:
                    credible = _rationalizable(game, remaining)
                    deviators = {t for t in game.types
                                 if min(game.payoffs[t][a][0] - game.cost[t][m]
                                        for a in credible) > value[t]}
                [test] = [x for x in e.intuitive_criterion.tests if x.signal == m]
                assert set(test.dominated) == dominated and set(test.deviators) == deviators


@settings(max_examples=60)
@given(signalling_games(shapes=((2, 2, 2), (2, 2, 3))))
def test_fully_revealing_nash_equilibria_of_the_tree_are_found(game) -> None:
    """A Nash equilibrium of the tree reaching every information set is a PBE (Bayes' rule
    everywhere); in games without continua each one is listed exactly."""
    result = solve_signalling(game)
    assume(not result.continua)
    listed = [e.behavior(game) for e in result]
    for ne in solve_tree(game.to_tree()).nash:
        if _reaches_every_signal(game, ne.behavior):
            assert ne.behavior in listed


@settings(max_examples=80)
@given(signalling_games(shapes=((2, 2, 2), (2, 2, 3))))
def test_cost_conditions_decide_separation(game) -> None:
    conditions = separating_conditions(game)
    assume(not conditions.ties)  # a unique best response to each known type
    assert conditions.holds == bool(solve_signalling(game).separating)


# -- the documentation --------------------------------------------------------------------------


def test_docs_examples_run() -> None:
    text = (ROOT / "docs" / "signalling.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```pycon\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert blocks
    # one doctest for the whole page: later blocks use names defined in earlier ones
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "signalling.md",
                                               "docs/signalling.md", 0)
    assert len(test.examples) >= 10
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0
