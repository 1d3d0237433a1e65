"""A costly signal, then a simultaneous stage game: every perfect Bayesian equilibrium, exactly.

Known answers derived by hand (Kydd's reassurance game with a simultaneous
Cooperate/Defect stage), every PBE condition re-checked independently, the
tree cross-check (every PBE is a Nash equilibrium of the game tree, and every
Nash equilibrium of the tree that sends every signal is listed), invariance
under positive affine payoff changes and relabelling, the degenerate case
(free, uninformative signals) against the Bayesian solver, and the scenario
format and pipeline.
"""

from __future__ import annotations

import json
import random
from fractions import Fraction as F
from pathlib import Path

import pytest
from click.testing import CliRunner

import gametrust
from gametrust import ArgumentError, ScenarioError, is_nash
from gametrust.cli import cli
from gametrust.formats.load import loads
from gametrust.formats.scenario_data import scenario_from_data, scenario_to_data
from gametrust.model.reduced import behavior_to_plans
from gametrust.model.signal_stage import SignalStageGame
from gametrust.solvers.bayesian import solve_bayesian
from gametrust.solvers.extensive import solve_tree
from gametrust.solvers.signal_stage import solve_signal_stage
from gametrust.solvers.signal_stage_result import SignalStageResult, StageEquilibrium

ROOT = Path(__file__).resolve().parent.parent
KYDD = ROOT / "scenarios" / "kydd_signal_stage.yaml"
T, U = "trustworthy", "untrustworthy"
SIG, QUIET = "Reassure", "Stay silent"
C, D = "Cooperate", "Defect"

# [Moscow, Washington] stage payoffs: a trustworthy Moscow plays an assurance game, an
# untrustworthy one a Prisoner's Dilemma; Washington cooperates iff P(Moscow cooperates) >= 1/2.
STAGE = {
    T: {C: {C: (3, 3), D: (0, 2)}, D: {C: (2, 0), D: (1, 1)}},
    U: {C: {C: (2, 3), D: (-1, 2)}, D: {C: (3, 0), D: (0, 1)}},
}


def kydd(prior: object = F(1, 3), cost_t: object = F(1, 4), cost_u: object = 2,
         signals: tuple[str, ...] = (SIG, QUIET)) -> SignalStageGame:
    prior = F(prior)
    return SignalStageGame(
        "Moscow", "Washington", [T, U], {T: prior, U: 1 - prior}, list(signals), [C, D], [C, D],
        STAGE, {T: {signals[0]: cost_t}, U: {signals[0]: cost_u}},
    )


def random_game(seed: int) -> SignalStageGame:
    """A 2-type, 2-signal, 2x2-stage game with small integer payoffs and costs."""
    rng = random.Random(seed)
    types, acts, resp = ["t1", "t2"], ["a1", "a2"], ["b1", "b2"]
    payoffs = {t: {a: {b: (rng.randint(-3, 4), rng.randint(-3, 4)) for b in resp} for a in acts}
               for t in types}
    prior = F(rng.randint(1, 4), 5)
    return SignalStageGame(
        "S", "R", types, [prior, 1 - prior], ["m1", "m2"], acts, resp, payoffs,
        {t: {"m1": F(rng.randint(0, 6), 2)} for t in types},
    )


# -- the known answer -------------------------------------------------------------------------


def test_kydd_semi_separating_equilibrium_exactly() -> None:
    """The semi-separating equilibrium, by hand (prior q0 = 1/3, costs 1/4 and 2).

    The trustworthy type T reassures; the untrustworthy U reassures with
    probability s.  Silence reveals U: in the stage game at belief 0 only mutual
    defection is an equilibrium, so U gets 0 from silence.  U is indifferent, so
    Washington mixes after the signal with r = P(Cooperate) such that U's payoff
    from reassuring, 3 r - 2 (U defects: 3 against a cooperator, 0 against a
    defector), equals 0: r = 2/3.  Washington mixes only when indifferent,
    3 pi = 2 pi + (1 - pi) with pi = P(Moscow cooperates) = 1/2.  At r = 2/3 > 1/2
    T cooperates for sure (3 r = 2 > 1 + r = 5/3) and U defects, so pi is the
    posterior q = P(T | signal) = 1/2:  (1/3) / (1/3 + (2/3) s) = 1/2, s = 1/2.
    T gets 3 r - 1/4 = 7/4 (silence would give it 1: mutual defection), U gets 0;
    Washington gets, with probability 2/3 (signal) its indifference payoff
    1 + pi = 3/2, with probability 1/3 (silence) 1: 4/3 in all.
    """
    result = gametrust.solve(gametrust.load(KYDD))
    assert isinstance(result, SignalStageResult)
    assert result.complete and result.exact and result.max_regret == 0
    assert [e.kind for e in result] == ["separating", "pooling", "hybrid"]
    (hybrid,) = result.hybrid
    assert hybrid.sender[U] == {SIG: F(1, 2), QUIET: F(1, 2)}
    assert hybrid.sender[T] == {SIG: 1, QUIET: 0}
    assert hybrid.receiver[SIG] == {C: F(2, 3), D: F(1, 3)}
    assert hybrid.receiver[QUIET] == {C: 0, D: 1}
    assert hybrid.beliefs[SIG] == {T: F(1, 2), U: F(1, 2)}
    assert hybrid.beliefs[QUIET] == {T: 0, U: 1}
    assert hybrid.stage[SIG] == {T: {C: 1, D: 0}, U: {C: 0, D: 1}}
    assert hybrid.sender_payoffs == {T: F(7, 4), U: 0}
    assert hybrid.receiver_payoff == F(4, 3)
    assert hybrid.continuum is None


def test_kydd_separating_and_pooling_equilibria_exactly() -> None:
    """Separating: only T reassures; at belief 1 the stage continuation must keep U away.
    Cooperation for sure would pay U 3 - 2 = 1 > 0, so it is the mixed stage equilibrium
    at q = 1 (T cooperates with probability 1/(2q) = 1/2, Washington with 1/2, which makes
    T indifferent): T gets 3/2 - 1/4 = 5/4 > 1, U would get 3/2 - 2 < 0; Washington
    (1/3)(1 + 1/2) + (2/3)(1) = 7/6.  Pooling on silence: mutual defection at the prior
    (1/3 < 1/2), held up after the unsent signal by mutual defection at every belief
    (the only continuation that deters T: any cooperation of Washington's would pay T
    more than 1)."""
    result = solve_signal_stage(kydd())
    (sep,) = result.separating
    assert sep.sender == {T: {SIG: 1, QUIET: 0}, U: {SIG: 0, QUIET: 1}}
    assert sep.receiver[SIG] == {C: F(1, 2), D: F(1, 2)}
    assert sep.stage[SIG][T] == {C: F(1, 2), D: F(1, 2)}
    assert sep.stage[SIG][U] == {C: 0, D: 1}  # not reached: a best reply
    assert sep.sender_payoffs == {T: F(5, 4), U: 0} and sep.receiver_payoff == F(7, 6)
    (pool,) = result.pooling
    assert pool.on_path == (QUIET,) and pool.sender_payoffs == {T: 1, U: 0}
    (option,) = pool.off_path[SIG]
    assert option.support == (D,) and option.actions == {T: (D,), U: (D,)}
    assert option.beliefs.interval(T) == (0, 1)
    assert pool.intuitive_criterion.passes


def test_a_cheaper_signal_gives_a_separating_equilibrium_with_cooperation() -> None:
    """With cost_u >= 3 mimicking never pays U (it gains at most 3 in the stage game), so
    T reassures, both cooperate after the signal, and T gets 3 - 1/4."""
    result = solve_signal_stage(kydd(cost_u=4))
    coop = [e for e in result.separating if e.receiver[SIG][C] == 1]
    assert len(coop) == 1
    assert coop[0].stage[SIG][T] == {C: 1, D: 0}
    assert coop[0].sender_payoffs == {T: F(11, 4), U: 0}
    assert not result.hybrid  # U never mixes: the signal costs it more than it can gain


# -- every PBE condition, checked independently ----------------------------------------------


def _check_pbe(game: SignalStageGame, e: StageEquilibrium) -> None:
    """Bayes' rule on the path, a Bayesian equilibrium of the stage game after every signal
    (every type best-responds, the receiver best-responds to its belief and the stage
    play), optimal signals, deterring off-path continuations: all exact, from payoffs."""
    for m in game.signals:
        mass = sum(game.prior[t] * e.sender[t][m] for t in game.types)
        if mass:
            assert e.beliefs[m] == {t: game.prior[t] * e.sender[t][m] / mass for t in game.types}
        beta, stage = e.receiver[m], e.stage[m]
        for t in game.types:
            value = {a: sum(q * game.payoffs[t][a][b][0] for b, q in beta.items())
                     for a in game.actions}
            assert all(value[a] == max(value.values()) for a, p in stage[t].items() if p > 0)
        reply = {b: sum(e.beliefs[m][t] * p * game.payoffs[t][a][b][1]
                        for t in game.types for a, p in stage[t].items()) for b in game.responses}
        assert all(reply[b] == max(reply.values()) for b, q in beta.items() if q > 0)
    for t in game.types:
        value = {m: sum(p * q * game.sender_payoff(t, m, a, b)
                        for a, p in e.stage[m][t].items() for b, q in e.receiver[m].items())
                 for m in game.signals}
        assert e.sender_payoffs[t] == max(value.values())
        assert all(value[m] == max(value.values()) for m, p in e.sender[t].items() if p > 0)
    for m, options in e.off_path.items():
        for option in options:
            for mix in option.mixes:
                for t in game.types:
                    best = max(sum(q * game.sender_payoff(t, m, a, b) for b, q in mix.items())
                               for a in game.actions)
                    assert best <= e.sender_payoffs[t]
    assert e.regret == 0


def _nash_in_tree(game: SignalStageGame, e: StageEquilibrium, solved) -> bool:
    tree = game.to_tree()
    behavior = e.behavior(game)
    profile = [behavior_to_plans(tree, solved.plans[p], behavior) for p in range(2)]
    return is_nash(solved.reduced, profile)


GAMES = [kydd(), kydd(F(2, 3)), kydd(F(1, 3), F(1, 4), F(3, 2)), kydd(F(3, 5), 1, 4),
         random_game(2), random_game(5), random_game(7)]


@pytest.mark.parametrize("game", GAMES, ids=range(len(GAMES)))
def test_every_equilibrium_satisfies_every_pbe_condition_and_is_nash_in_the_tree(game) -> None:
    result = solve_signal_stage(game)
    assert result
    solved = solve_tree(game.to_tree())
    for e in result:
        _check_pbe(game, e)
        assert _nash_in_tree(game, e, solved)
    # a Nash equilibrium of the tree that sends every signal is a PBE: its path is listed
    if result.continua:
        return
    listed = [(e.sender, e.receiver, {m: {t: e.stage[m][t] for t in game.types
                                          if e.sender[t][m] > 0} for m in game.signals})
              for e in result]
    for ne in solved.nash:
        b = ne.behavior
        sender = {t: b[game.sender_infoset(t)] for t in game.types}
        if not all(any(sender[t][m] > 0 for t in game.types) for m in game.signals):
            continue
        path = (sender, {m: b[game.receiver_infoset(m)] for m in game.signals},
                {m: {t: b[game.stage_infoset(t, m)] for t in game.types if sender[t][m] > 0}
                 for m in game.signals})
        assert path in listed


# -- invariances ------------------------------------------------------------------------------


def _strategies(result) -> list[tuple]:
    return [(e.kind, e.sender, e.receiver, e.beliefs, e.stage, e.on_path) for e in result]


def test_positive_affine_changes_of_payoffs_leave_the_equilibria_unchanged() -> None:
    """Each type's payoffs and costs scaled by 3 and shifted by its own constant, the
    receiver's scaled by 2 and shifted: the same strategies and beliefs, payoffs mapped."""
    shift = {T: 5, U: -7}
    stage = {t: {a: {b: (3 * s + shift[t], 2 * r - 1) for b, (s, r) in row.items()}
                 for a, row in acts.items()} for t, acts in STAGE.items()}
    game = kydd()
    moved = SignalStageGame(game.sender, game.receiver, game.types, game.prior, game.signals,
                            game.actions, game.responses, stage,
                            {t: {m: 3 * c for m, c in row.items()} for t, row in game.cost.items()})
    before, after = solve_signal_stage(game), solve_signal_stage(moved)
    assert _strategies(before) == _strategies(after)
    for e, f in zip(before, after, strict=True):
        assert f.sender_payoffs == {t: 3 * v + shift[t] for t, v in e.sender_payoffs.items()}
        assert f.receiver_payoff == 2 * e.receiver_payoff - 1


def test_relabelling_types_signals_and_actions_relabels_the_equilibria() -> None:
    """Types, signals, actions and responses renamed and listed in the reverse order: the
    same equilibria under the new names."""
    game = kydd()
    names = {T: "good", U: "bad", SIG: "gesture", QUIET: "nothing", C: "c", D: "d"}
    stage = {names[t]: {names[a]: {names[b]: STAGE[t][a][b] for b in (D, C)} for a in (D, C)}
             for t in (U, T)}
    relabelled = SignalStageGame(
        "Moscow", "Washington", [names[U], names[T]], [game.prior[U], game.prior[T]],
        [names[QUIET], names[SIG]], [names[D], names[C]], [names[D], names[C]], stage,
        {names[T]: {names[SIG]: F(1, 4)}, names[U]: {names[SIG]: 2}},
    )

    def canonical(d: dict, rename: bool) -> dict:
        return {names[k] if rename else k: canonical(v, rename) if isinstance(v, dict) else v
                for k, v in sorted(d.items(), key=lambda kv: names[kv[0]] if rename else kv[0])}

    def view(result, rename: bool) -> list[str]:
        return sorted(repr((e.kind, canonical(e.sender, rename), canonical(e.receiver, rename),
                            canonical(e.beliefs, rename), canonical(e.stage, rename),
                            canonical(e.sender_payoffs, rename), e.receiver_payoff))
                      for e in result)

    assert view(solve_signal_stage(relabelled), False) == view(solve_signal_stage(game), True)


# -- the degenerate case: free, uninformative signals ------------------------------------------


def _bne(game: SignalStageGame) -> list[tuple]:
    """The Bayesian solver's equilibria of the stage game at the prior, as (stage, response)."""
    out = []
    for e in solve_bayesian(game.stage_game(game.prior)):
        stage = {t: dict(zip(game.actions, e.strategies[0][k], strict=True))
                 for k, t in enumerate(game.types)}
        out.append((stage, dict(zip(game.responses, e.strategies[1][0], strict=True))))
    return sorted(out, key=repr)


def test_one_signal_reduces_to_the_bayesian_stage_games_equilibria() -> None:
    """With one (free) signal the PBE are exactly the Bayesian Nash equilibria of the
    stage game at the prior: here (q0 = 2/3 >= 1/2) mutual defection, cooperation by T and
    Washington, and the mixed one (T cooperates with probability 1/(2 q0) = 3/4)."""
    game = kydd(F(2, 3), 0, 0, signals=("talk",))
    result = solve_signal_stage(game)
    got = sorted(((e.stage["talk"], e.receiver["talk"]) for e in result), key=repr)
    assert got == _bne(game)
    assert len(got) == 3 and {C: F(3, 4), D: F(1, 4)} in [s[T] for s, _ in got]


def test_free_signals_pool_on_every_bayesian_equilibrium_of_the_stage_game() -> None:
    """Two free signals: every pooling PBE plays a Bayesian equilibrium of the stage game at
    the prior, and every such equilibrium is played in a pooling PBE on each signal (the
    same continuation after the unsent signal deters: it pays the same)."""
    game = kydd(F(2, 3), 0, 0)
    bne = _bne(game)
    result = solve_signal_stage(game)
    for m in game.signals:
        pooled = sorted(((e.stage[m], e.receiver[m]) for e in result.pooling
                         if e.on_path == (m,)), key=repr)
        assert pooled == bne


# -- the scenario format and the pipeline ------------------------------------------------------


def test_the_scenario_builds_the_simultaneous_stage_game() -> None:
    scenario = gametrust.load(KYDD)
    assert scenario.signalling.stage == "simultaneous"
    game = scenario.build_signalling()
    assert isinstance(game, SignalStageGame)
    assert game.actions == (C, D) and game.payoffs[U][D][C] == (3, 0)
    assert game.cost == {T: {SIG: F(1, 4), QUIET: 0}, U: {SIG: 2, QUIET: 0}}
    # the parameters reach the game: a prior above 1/2 pools on reassurance too
    assert solve_signal_stage(scenario.build_signalling({"trustworthy": "3/5"})).pooling


def test_a_misspelt_stage_is_a_located_error() -> None:
    text = KYDD.read_text(encoding="utf-8").replace("stage: simultaneous", "stage: simultanous")
    with pytest.raises(ScenarioError) as info:
        loads(text, "kydd.yaml")
    assert info.value.location.path == ("signalling", "stage")
    assert info.value.location.line is not None
    assert "simultaneous" in str(info.value)


def test_the_model_refuses_bad_input_with_located_errors() -> None:
    bad = {t: {a: dict(row) for a, row in acts.items()} for t, acts in STAGE.items()}
    bad[T][C][D] = (0.5, 2)
    with pytest.raises(ArgumentError) as info:
        SignalStageGame("S", "R", [T, U], [F(1, 2), F(1, 2)], ["m"], [C, D], [C, D], bad)
    assert info.value.location.path == ("payoffs", T, C, D, 0)
    with pytest.raises(ArgumentError) as info:
        SignalStageGame("S", "R", [T, U], [F(1, 2), F(1, 2)], ["m"], [C, D], [C, D],
                        {T: {C: STAGE[T][C]}, U: STAGE[U]})
    assert info.value.location.path == ("payoffs", T, D)


def test_solve_json_and_text_through_the_one_pipeline() -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["solve", str(KYDD), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["kind"] == "signalling" and data["stage"] == "simultaneous"
    hybrid = next(e for e in data["equilibria"]["equilibria"] if e["kind"] == "hybrid")
    assert hybrid["sender"][U] == {SIG: "1/2", QUIET: "1/2"}
    assert hybrid["receiver"][SIG] == {C: "2/3", D: "1/3"}
    assert hybrid["stage"][SIG][T] == {C: "1", D: "0"}
    text = runner.invoke(cli, ["solve", str(KYDD)]).output
    assert "untrustworthy: Reassure 1/2, Stay silent 1/2" in text
    assert "after Reassure: Cooperate 2/3, Defect 1/3" in text


def test_sweeps_are_refused_with_a_located_error() -> None:
    out = CliRunner().invoke(cli, ["sweep", str(KYDD), "--param", "cost_untrustworthy"])
    assert out.exit_code == 2
    assert "--param" in out.output and "simultaneous" in out.output
    with pytest.raises(ArgumentError):
        gametrust.sweep(kydd(), "prior:Moscow.trustworthy")


def test_pbe_claims_are_checked_on_the_simultaneous_stage_game() -> None:
    text = KYDD.read_text(encoding="utf-8") + (
        "  - name: the untrustworthy type mimics in part\n"
        "    pbe: hybrid\n"
    )
    report = gametrust.check(loads(text, "kydd.yaml"), examples=1, seed=1)
    assert report.ok, str(report)


def test_the_stage_key_survives_a_round_trip_through_data() -> None:
    scenario = gametrust.load(KYDD)
    again = scenario_from_data(scenario_to_data(scenario))
    assert again.signalling.stage == "simultaneous"
    assert again == scenario


def test_a_sender_listed_second_gets_its_own_payoffs() -> None:
    """Geneva 1985 (the USSR, the sender, is the second player) played simultaneously after
    the signal: each type's stage payoffs are read with the players' order swapped."""
    text = (ROOT / "scenarios" / "geneva_1985.yaml").read_text(encoding="utf-8").replace(
        "  signals: [Unilateral moves, Business as usual]\n",
        "  signals: [Unilateral moves, Business as usual]\n  stage: simultaneous\n",
    )
    game = loads(text, "geneva.yaml").build_signalling()
    assert isinstance(game, SignalStageGame)
    assert (game.sender, game.actions, game.responses) == (
        "USSR", ("Restrain", "Exploit"), ("Engage", "Contain"))
    assert game.payoffs["reformer"]["Restrain"]["Engage"] == (3, 1)   # [US, USSR] = [1, 3]
    assert game.payoffs["expansionist"]["Restrain"]["Engage"] == (1, 1)
    assert game.payoffs["reformer"]["Restrain"]["Contain"] == (-1, F(1, 2))
    result = solve_signal_stage(game)
    assert result and result.max_regret == 0


def test_games_beyond_the_support_budget_are_refused_at_once() -> None:
    types = [f"t{k}" for k in range(4)]
    acts = ["a", "b", "c"]
    payoffs = {t: {a: {b: (k + acts.index(a) * acts.index(b) % 2, acts.index(a) - k)
                       for b in acts} for a in acts} for k, t in enumerate(types)}
    game = SignalStageGame("S", "R", types, [F(1, 4)] * 4, ["m1", "m2", "m3"], acts, acts,
                           payoffs)
    with pytest.raises(ArgumentError) as info:
        solve_signal_stage(game)
    assert info.value.location.path == ("game",) and "max_supports" in str(info.value)
