"""Reputation over a finite number of meetings: Kreps–Wilson's closed forms, exactly, certified.

The chain store (Kreps and Wilson 1982): an entrant gets ``b - 1`` when it enters and is
fought, ``b`` when the incumbent acquiesces, ``0`` out (``0 < b < 1``); the incumbent gets
``a > 0`` when the entrant stays out, ``0`` acquiescing, ``-1`` fighting.  With ``k``
entrants left, entry is deterred iff the belief that the incumbent is tough is above
``b^k``; at ``b^k`` the entrant stays out with probability ``1/a``.  The trust game is its
mirror image: the US engages iff the belief is above ``q^k``, ``q`` the US's indifference
point.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from gametrust.analysis.reputation import analyse_reputation
from gametrust.analysis.reputation_sweep import sweep_reputation
from gametrust.core.errors import ArgumentError, ScenarioError, SolverError
from gametrust.formats.load import load, loads
from gametrust.scenario.reputation import StagePayoffs
from gametrust.solvers.reputation import solve_reputation
from gametrust.solvers.reputation_certificate import certify_reputation
from gametrust.solvers.reputation_unique import uniqueness

ROOT = Path(__file__).resolve().parent.parent
SUMMITS = ROOT / "scenarios" / "summits.yaml"


def chain_store(a: F, b: F) -> StagePayoffs:
    return StagePayoffs(("Entrant", "Incumbent"), (("In", "Out"), ("Fight", "Acquiesce")),
                        (b - 1, b, F(0)), (F(-1), F(0), a))


def trust(u: tuple[F, F, F], v: tuple[F, F, F]) -> StagePayoffs:
    return StagePayoffs(("US", "DPRK"), (("Engage", "Pressure"), ("Honour", "Cheat")), u, v)


SUMMIT_STAGE = trust((F(2), F(-2), F(0)), (F(2), F(3), F(0)))


@pytest.mark.parametrize("rounds", [1, 2, 3, 4])
@pytest.mark.parametrize(("a", "b"), [(F(2), F(1, 2)), (F(3), F(1, 3)), (F(3, 2), F(2, 5))])
def test_chain_store_thresholds_are_b_to_the_k(rounds: int, a: F, b: F) -> None:
    prior = b ** rounds / 2 + b ** (rounds + 1) / 2  # below every threshold, off them
    eq = solve_reputation(chain_store(a, b), prior, F(1), rounds)
    assert eq.kind == "deterrence" and eq.q == b
    assert eq.thresholds == tuple(b ** k for k in range(1, rounds + 1))
    assert eq.beta == 1 / a  # the entrant stays out with probability 1/a at a threshold
    assert certify_reputation(eq).max_regret == 0


def test_chain_store_deters_the_first_entrant_iff_the_prior_is_above_b_to_the_n() -> None:
    stage = chain_store(F(2), F(1, 2))
    assert solve_reputation(stage, F(1, 8) + F(1, 100), F(1), 3).move(3, F(1, 8) + F(1, 100)) \
        == 0
    below = solve_reputation(stage, F(1, 8) - F(1, 100), F(1), 3)
    assert below.move(3, below.prior) == 1
    # below the threshold a normal incumbent fights with the probability that brings the
    # posterior to b^(n-1) = 1/4: mu (1 - p) / (p (1 - mu)) with mu = 23/200, p = 1/4
    mu = F(23, 200)
    assert below.sigma(3, mu) == mu * F(3, 4) / (F(1, 4) * (1 - mu))
    assert below.posterior(3, mu, True) == F(1, 4)


@pytest.mark.parametrize("delta", [F(1), F(3, 4)])
def test_trust_game_thresholds_and_the_mix_at_a_threshold(delta: F) -> None:
    eq = solve_reputation(SUMMIT_STAGE, F(1, 5), delta, 3)
    assert eq.kind == "trust" and eq.q == F(1, 2)
    assert eq.thresholds == (F(1, 2), F(1, 4), F(1, 8))
    # the normal type is indifferent in the meeting before: (v_d - v_c) / (delta (v_d - v_S))
    assert eq.beta == F(1, 3) / delta
    assert certify_reputation(eq).max_regret == 0


def test_the_summits_belief_path_is_exact() -> None:
    report = analyse_reputation(load(SUMMITS))
    eq = report.equilibrium
    assert report.prior_threshold == F(1, 8)
    first, second, third = eq.meetings
    assert [(s.belief, s.reach, s.move, s.sigma, s.after) for s in first] == [
        (F(1, 5), F(1), F(1), F(3, 4), F(1, 4))]
    assert [(s.belief, s.reach, s.move, s.sigma, s.after) for s in second] == [
        (F(1, 4), F(4, 5), F(1, 3), F(1, 3), F(1, 2))]
    assert [(s.belief, s.reach, s.move, s.sigma) for s in third] == [
        (F(1, 4), F(8, 15), F(0), F(0)), (F(1, 2), F(2, 15), F(1, 3), F(0))]
    assert eq.revealed == (F(0), F(1, 5), F(1, 3))
    assert eq.unique_mix and report.uniqueness is not None and report.uniqueness.unique
    assert report.uniqueness.beliefs == 4  # 1/5; 1/4; 1/4 and 1/2
    assert report.certificate.first_payoffs == (F(6, 5), F(0), F(0))
    assert report.certificate.normal_payoff == F(3)
    assert report.certificate.long_run


def test_cooperation_starts_above_the_prior_threshold_and_is_a_breakpoint() -> None:
    scenario = load(SUMMITS)
    for prior, engage in ((F(1, 9), 0), (F(1, 7), 1)):
        eq = analyse_reputation(scenario, {"prior": prior}).equilibrium
        assert eq.move(3, prior) == engage
    at = analyse_reputation(scenario, {"prior": F(1, 8)}).equilibrium
    assert at.move(3, F(1, 8)) == F(1, 3) and not at.unique_mix  # indifferent: not pinned
    result = sweep_reputation(scenario, "param:prior")
    assert result.breakpoints == (F(1, 8), F(1, 4), F(1, 2))
    interval = [s for s in result.segments if not s.is_point]
    assert [s.first_move for s in interval] == ["0", "1", "1", "1"]
    assert [s.mixes_from for s in interval] == [1, 1, 2, None]


@pytest.mark.parametrize("stage", [SUMMIT_STAGE, chain_store(F(2), F(1, 2))],
                         ids=["trust", "chain store"])
def test_the_equilibrium_is_unique_on_its_path_exactly_off_the_thresholds(
        stage: StagePayoffs) -> None:
    """The value-correspondence check (all sequential equilibria, no use of the
    construction) finds one behaviour at every belief on the path unless the path meets a
    threshold without a mix before it (q = 1/2 here: the priors 1/2, 1/4, 1/8)."""
    for rounds in (1, 2, 3, 4):
        for prior in (F(1, 100), F(1, 10), F(1, 8), F(1, 5), F(1, 4), F(1, 3), F(1, 2),
                      F(3, 5)):
            eq = solve_reputation(stage, prior, F(1), rounds)
            found = uniqueness(eq)
            assert found.unique == eq.unique_mix, (rounds, prior, found)
            edge = prior in {F(1, 2) ** k for k in range(1, rounds + 1)}
            assert found.unique != edge, (rounds, prior)


def test_when_reputation_just_pays_a_continuum_of_equilibria_is_found() -> None:
    """With delta (v_d - v_S) = v_d - v_c the first mover's mix at a threshold is 1 and the
    normal type is indifferent on a whole interval of posteriors: not unique."""
    eq = solve_reputation(SUMMIT_STAGE, F(9, 10), F(1, 3), 2)
    assert eq.beta == 1 and eq.unique_mix
    found = uniqueness(eq)
    assert not found.unique and "continuum" in found.reason
    assert certify_reputation(eq).max_regret == 0  # still an equilibrium, one of many


def test_the_certificate_catches_a_wrong_assessment() -> None:
    eq = solve_reputation(SUMMIT_STAGE, F(1, 5), F(1), 3)
    for wrong in (dataclasses.replace(eq, beta=F(1, 2)),  # the normal type is not indifferent
                  dataclasses.replace(eq, thresholds=(F(1, 2), F(1, 3), F(1, 8))),  # not Bayes
                  dataclasses.replace(eq, q=F(1, 3), thresholds=(F(1, 3), F(1, 9), F(1, 27)))):
        with pytest.raises(SolverError):
            certify_reputation(wrong)


@st.composite
def trust_games(draw: st.DrawFn) -> tuple[StagePayoffs, F, int]:
    """Valid trust stages by construction: u_c > u_S > u_d, v_d > v_c, v_d > v_S, and
    v_d - v_c <= v_d - v_S (reputation can pay without discounting)."""
    small = st.integers(1, 5)
    u_s = F(draw(st.integers(-3, 3)))
    u_c, u_d = u_s + draw(small), u_s - draw(small)
    v_s = F(draw(st.integers(-3, 3)))
    v_d = v_s + draw(small)
    v_c = v_d - draw(st.integers(1, int(v_d - v_s)))
    prior = F(draw(st.integers(1, 19)), 20)
    return trust((u_c, u_d, u_s), (v_c, v_d, v_s)), prior, draw(st.integers(1, 3))


@settings(max_examples=40)
@given(trust_games())
def test_every_trust_game_equilibrium_is_certified(case: tuple[StagePayoffs, F, int]) -> None:
    stage, prior, rounds = case
    eq = solve_reputation(stage, prior, F(1), rounds)
    u_c, u_d, u_s = stage.first
    assert eq.thresholds[-1] == ((u_s - u_d) / (u_c - u_d)) ** rounds
    assert certify_reputation(eq).max_regret == 0
    if eq.beta < 1:
        assert uniqueness(eq).unique == eq.unique_mix


@st.composite
def chain_stores(draw: st.DrawFn) -> tuple[StagePayoffs, F, int]:
    """Valid deterrence stages by construction: u_d > u_S > u_c, v_S > v_d > v_c and
    v_d - v_c <= v_S - v_d."""
    small = st.integers(1, 5)
    u_s = F(draw(st.integers(-3, 3)))
    u_c, u_d = u_s - draw(small), u_s + draw(small)
    v_d = F(draw(st.integers(-3, 3)))
    v_s = v_d + draw(small)
    v_c = v_d - draw(st.integers(1, int(v_s - v_d)))
    prior = F(draw(st.integers(1, 19)), 20)
    stage = StagePayoffs(("E", "I"), (("In", "Out"), ("Fight", "Acquiesce")), (u_c, u_d, u_s),
                         (v_c, v_d, v_s))
    return stage, prior, draw(st.integers(1, 3))


@settings(max_examples=30)
@given(chain_stores())
def test_every_chain_store_equilibrium_is_certified(case: tuple[StagePayoffs, F, int]) -> None:
    stage, prior, rounds = case
    eq = solve_reputation(stage, prior, F(1), rounds)
    assert eq.kind == "deterrence"
    assert eq.beta == (stage.second[1] - stage.second[0]) / (stage.second[2] - stage.second[1])
    assert certify_reputation(eq).max_regret == 0
    if eq.beta < 1:
        assert uniqueness(eq).unique == eq.unique_mix


def test_cli_json_has_the_threshold_and_the_path_as_exact_strings() -> None:
    result = run_cli("solve", str(SUMMITS), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["reputation"]
    assert data["prior_threshold"] == "1/8"
    assert [t["belief"] for t in data["thresholds"]] == ["1/2", "1/4", "1/8"]
    assert [[s["belief"] for s in m["states"]] for m in data["path"]] == [
        ["1/5"], ["1/4"], ["1/4", "1/2"]]
    assert data["path"][0]["states"][0]["belief_after"] == "1/4"
    assert data["certificate"]["max_regret"] == "0"
    sweep = json.loads(run_cli("sweep", str(SUMMITS), "--param", "prior", "--format",
                               "json").stdout)
    assert sweep["breakpoints"] == ["1/8", "1/4", "1/2"]


def _summits(change: tuple[str, str]) -> str:
    text = SUMMITS.read_text()
    assert change[0] in text
    return text.replace(*change)


@pytest.mark.parametrize(("change", "where", "what"), [
    (("{prior: prior,", "{prior: 1,"), "repeated.reputation.committed.prior", "strictly between"),
    (("plays: Honour", "plays: Obey"), "repeated.reputation.committed.plays", "'Obey'"),
    (("player: DPRK", "player: USA"), "repeated.reputation.player", "unknown player"),
    (("Pressure, Cheat:  [0, 0]", "Pressure, Cheat:  [0, 1]"), "payoffs", "trust game"),
    (("rounds: 3", "rounds: 7"), "repeated.rounds", "between 1 and 6"),
    (("rounds: 3", "rounds: 2"), "repeated.meetings", "one meeting per round"),
    (("discount: 1 ", "discount: 0 "), "repeated.discount", "(0, 1]"),
    (("discount: 1 ", "discount: 1/10 "), "repeated.reputation", "cannot pay"),
    (("Engage, Cheat:    [-2, 3]", "Engage, Cheat:    [-2, 1]"), "repeated.reputation",
     "no reputation to build"),
    (("Engage, Cheat:    [-2, 3]", "Engage, Cheat:    [1, 3]"), "repeated.reputation",
     "strictly between"),
    (("  rounds: 3", "  rounds: 3\n  strategies: [grim]"), "repeated.strategies",
     "infinitely repeated"),
    (("  rounds: 3", "  rounds: three"), "repeated.rounds", "whole number"),
])
def test_bad_input_is_a_located_error(change: tuple[str, str], where: str, what: str) -> None:
    with pytest.raises(ScenarioError) as info:
        loads(_summits(change), "summits.yaml")
    message = str(info.value)
    assert message.startswith("summits.yaml:") and where in message and what in message, \
        message


def test_commands_that_do_not_apply_exit_2() -> None:
    for args in (("sweep", str(SUMMITS), "--empathy"), ("play", str(SUMMITS)),
                 ("solve", str(SUMMITS), "--explain"),
                 ("sweep", str(SUMMITS), "--param", "prior", "--from", "0")):
        result = run_cli(*args)
        assert result.exit_code == 2, (args, result.output)
    with pytest.raises(ArgumentError, match="prior"):
        sweep_reputation(load(SUMMITS), "empathy")


def test_the_prior_threshold_claim_is_proved_and_a_wrong_one_refuted() -> None:
    from gametrust.analysis.check import check

    report = check(load(SUMMITS), seed=1, examples=5)
    assert [r.status for r in report.results] == ["proved"]
    assert "1/8 = (1/2)^3" in report.results[0].detail
    wrong = loads(SUMMITS.read_text().replace("prior_threshold: 1/8", "prior_threshold: 1/4"))
    refuted = check(wrong, seed=1, examples=5).results[0]
    assert refuted.status == "refuted" and "is 1/8" in refuted.detail
    with pytest.raises(ScenarioError, match="prior_threshold"):
        loads(SUMMITS.read_text().replace("prior_threshold: 1/8", "prior_threshold: 2"))


# -- Gambit, as a cross-check -------------------------------------------------------------------

GAMBIT = ROOT / "tests" / "fixtures" / "gambit" / "reputation_lcp.json"


def test_gambit_finds_the_same_play_on_the_path_except_at_a_threshold() -> None:
    """pygambit's lcp_solve on the two-player tree (one long-run US) finds one Nash
    equilibrium; off the thresholds its play on its path is ours, and at the threshold
    prior 1/8 it finds another one (the US presses): our mix there is not pinned down.
    Gambit's max_regret of our assessment is 0 on both trees (the fixture)."""
    from gametrust.solvers.reputation_certificate import assessment, reputation_tree

    stored = json.loads(GAMBIT.read_text())
    for case in stored["cases"]:
        prior = F(case["prior"])
        assert case["max_regret_long_run"] == case["max_regret_short_run"] == "0"
        eq = solve_reputation(SUMMIT_STAGE, prior, F(1), 3)
        ours, _ = assessment(eq, reputation_tree(eq, long_run=True))
        same = all(F(p) == ours[info][a] for info, row in case["lcp_on_path"].items()
                   for a, p in row.items())
        assert same == eq.unique_mix, case["prior"]


@pytest.mark.skipif(importlib.util.find_spec("pygambit") is None,
                    reason="pygambit is not installed")
def test_gambit_live_agrees_with_the_fixture() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    from make_gambit_reputation_fixture import gambit_record

    stored = json.loads(GAMBIT.read_text())
    case = next(c for c in stored["cases"] if c["prior"] == "1/5")  # one prior: ~5 s
    assert gambit_record(F(case["prior"])) == case
