"""Repeated games: known answers of the literature, exactly, from Python and the command line.

The Prisoner's Dilemma (T, R, P, S) = (5, 3, 1, 0) of Axelrod's tournaments:
mutual grim trigger is Nash and subgame-perfect iff δ ≥ (T − R)/(T − P) = 1/2;
mutual tit-for-tat is Nash iff δ ≥ (T − R)/(R − S) = 2/3 but never
subgame-perfect (after mutual defection, forgiving first pays only when
δ ≤ (P − S)/(T − P) = 1/4: the two one-shot conditions never meet); mutual
always-defect is an equilibrium for every δ; with altruism empathy 1/5 on
both sides the stage payoffs become (T, R, P, S) = (5, 18/5, 6/5, 1) and grim
trigger needs δ ≥ (5 − 18/5)/(5 − 6/5) = 7/19.
"""

from __future__ import annotations

import doctest
import itertools
import json
import re
import shlex
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from gametrust.analysis.check import check
from gametrust.analysis.folk import minmax
from gametrust.analysis.repeated import analyse_repeated
from gametrust.analysis.repeated_play import play
from gametrust.analysis.repeated_sweep import sweep_repeated
from gametrust.cli import cli
from gametrust.core.errors import ScenarioError
from gametrust.formats.load import load, loads
from gametrust.scenario.claims import Claim
from gametrust.scenario.repeated import RepeatedClaim

PD = """\
gametrust: 1
title: PD
players:
  A: {actions: [C, D]}
  B: {actions: [C, D]}
parameters:
  delta: {value: 9/10, range: [0, 1]}
payoffs:
  C, C: [3, 3]
  C, D: [0, 5]
  D, C: [5, 0]
  D, D: [1, 1]
repeated:
  discount: delta
  cooperate: {A: C, B: C}
  strategies: [grim, tit_for_tat, always_defect, win_stay_lose_shift]
"""


def _profile(report: object, a: str, b: str | None = None) -> object:
    b = b or a
    return next(p for p in report.profiles  # type: ignore[attr-defined]
                if p.strategies == {"A": a, "B": b})


@pytest.fixture(scope="module")
def pd() -> object:
    return analyse_repeated(loads(PD))


def test_grim_trigger_needs_delta_one_half(pd: object) -> None:
    grim = _profile(pd, "grim")
    assert grim.nash.at_least() == Fraction(1, 2)
    assert grim.subgame_perfect.at_least() == Fraction(1, 2)
    assert grim.payoffs["A"].formula("delta") == "3"
    assert "defecting once gains 5 − 3 = 2 now and loses 3 − 1 = 2 each later round" in (
        grim.summary())


def test_tit_for_tat_is_nash_from_two_thirds_and_never_subgame_perfect(pd: object) -> None:
    tft = _profile(pd, "tit_for_tat")
    assert tft.nash.at_least() == Fraction(2, 3)
    assert tft.subgame_perfect.is_empty()
    # not even at δ = 2/3, where the on-path conditions meet: after mutual defection,
    # forgiving first pays unless δ <= 1/4
    assert not tft.subgame_perfect.contains(Fraction(2, 3))
    assert "(defecting, defecting)" in tft.summary() and "[0, 1/4]" in tft.summary()


def test_always_defect_is_always_an_equilibrium(pd: object) -> None:
    d = _profile(pd, "always_defect")
    assert d.nash.at_least() == 0 and d.subgame_perfect.at_least() == 0


def test_mixed_profiles_have_exact_payoffs(pd: object) -> None:
    p = _profile(pd, "grim", "always_defect")
    assert p.payoffs["A"].formula("delta") == "delta"      # 0 once, then 1 forever
    assert p.payoffs["B"].formula("delta") == "5 - 4*delta"  # 5 once, then 1 forever
    assert p.nash.is_empty()


def test_altruism_one_fifth_lowers_the_grim_threshold_to_7_19() -> None:
    report = analyse_repeated(loads(PD), empathy={"A": "1/5", "B": "1/5"})
    grim = _profile(report, "grim")
    assert grim.nash.at_least() == Fraction(7, 19)
    assert grim.subgame_perfect.at_least() == Fraction(7, 19)
    # win-stay lose-shift needs 2R > T + P: with empathy 2 * 18/5 > 5 + 6/5
    assert _profile(report, "win_stay_lose_shift").subgame_perfect.at_least() == Fraction(7, 12)


def test_a_user_automaton_equals_the_built_in_grim() -> None:
    text = PD.replace("strategies: [grim, tit_for_tat, always_defect, win_stay_lose_shift]", """\
strategies: [my_grim]
  automata:
    my_grim:
      states:
        good: {play: cooperate, next: {"C, C": good, "*": bad}}
        bad: {play: D, next: {"*": bad}}""")
    report = analyse_repeated(loads(text))
    mine = _profile(report, "my_grim")
    assert mine.subgame_perfect.at_least() == Fraction(1, 2)
    assert mine.nash.at_least() == Fraction(1, 2)


def test_noise_makes_payoffs_depend_on_it() -> None:
    report = analyse_repeated(loads(PD.replace("strategies:", "noise: 1/10\n  strategies:")))
    d = _profile(report, "always_defect")
    # each side defects as meant with 9/10: 1*(81/100) + 5*(9/100) + 0 + 3/100*... exact
    assert d.payoffs["A"].formula("delta") == str(
        Fraction(81, 100) * 1 + Fraction(9, 100) * 5 + Fraction(9, 100) * 0
        + Fraction(1, 100) * 3)
    # grim with implementation noise 1/10 (by hand): cooperating is worth
    # V = ((1 - δ) 289/100 + δ 19/100 129/100) / (1 - 81δ/100); punishment 129/100; defecting
    # once gains 441/100 - 289/100 = 152/100 now and moves the chance of staying in
    # cooperation from 81/100 to 9/100: 72δ/100 (V - 129/100) >= 152/100 (1 - δ)
    # iff δ >= 152 / (152 + 72 * 160/100 + 81 * 152/100) = 1900/2979.
    grim = _profile(report, "grim")
    assert grim.subgame_perfect.at_least() == Fraction(1900, 2979)
    assert grim.nash.at_least() == Fraction(1900, 2979)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_cli_json_gives_the_known_answers(tmp_path: object) -> None:
    path = tmp_path / "pd.yaml"  # type: ignore[operator]
    path.write_text(PD)
    code, out = _run("solve", str(path), "--format", "json")
    assert code == 0
    profiles = {(p["strategies"]["A"], p["strategies"]["B"]): p
                for p in json.loads(out)["repeated"]["profiles"]}
    assert profiles[("grim", "grim")]["nash"] == {"discount_at_least": "1/2"}
    assert profiles[("grim", "grim")]["subgame_perfect"] == {"discount_at_least": "1/2"}
    assert profiles[("tit_for_tat", "tit_for_tat")]["nash"] == {"discount_at_least": "2/3"}
    assert profiles[("tit_for_tat", "tit_for_tat")]["subgame_perfect"] is None
    assert profiles[("always_defect", "always_defect")]["subgame_perfect"] == {
        "discount_at_least": "0"}
    assert profiles[("grim", "always_defect")]["payoffs"] == {"A": "delta",
                                                               "B": "5 - 4*delta"}
    code, out = _run("solve", str(path), "--format", "json", "--empathy", "A=1/5",
                     "--empathy", "B=1/5")
    grim = next(p for p in json.loads(out)["repeated"]["profiles"]
                if p["strategies"] == {"A": "grim", "B": "grim"})
    assert grim["subgame_perfect"] == {"discount_at_least": "7/19"}


def test_sweep_over_the_discount_has_exact_breakpoints(tmp_path: object) -> None:
    path = tmp_path / "pd.yaml"  # type: ignore[operator]
    path.write_text(PD)
    code, out = _run("sweep", str(path), "--param", "delta", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["breakpoints"] == ["1/2", "2/3"]
    last = data["segments"][-1]
    assert last["subgame_perfect"] == ["mutual grim trigger", "mutual always defect"]
    assert "mutual tit-for-tat" in last["nash"]


@pytest.mark.parametrize(("change", "line", "where"), [
    (("strategies: [grim,", "strategies: [grimm,"), 16, "repeated.strategies[0]"),
    (("cooperate: {A: C, B: C}", "cooperate: {A: C, B: X}"), 15, "repeated.cooperate.B"),
    (("value: 9/10", "value: 1"), 14, "repeated.discount"),
    (("discount: delta", "discount: 3/2"), 14, "repeated.discount"),
    (("discount: delta", "discount: delt"), 14, "repeated.discount"),
    (("cooperate: {A: C, B: C}", "cooperate: {A: C}"), 15, "repeated.cooperate.B"),
    (("  discount: delta", "  discout: delta"), 14, "repeated.discout"),
])
def test_bad_sections_are_located_errors(change: tuple[str, str], line: int, where: str) -> None:
    text = PD.replace(*change)
    assert text != PD
    with pytest.raises(ScenarioError) as info:
        loads(text, "pd.yaml")
    message = str(info.value)
    assert message.startswith(f"pd.yaml:{line}:"), message
    assert where in message, message


@pytest.mark.parametrize(("automaton", "what"), [
    ("""good: {play: C, next: {"C, C": good}}""", "no transition on the profile (C, D)"),
    ("""good: {play: C, next: {"*": good}}
        lost: {play: D, next: {"*": lost}}""", "'lost' is never reached"),
    ("""good: {play: C, next: {"*": nowhere}}""", "unknown state 'nowhere'"),
    ("""good: {play: Z, next: {"*": good}}""", "'Z' is not an action"),
])
def test_bad_automata_are_located_errors(automaton: str, what: str) -> None:
    text = PD.replace("strategies: [grim, tit_for_tat, always_defect, win_stay_lose_shift]",
                      f"""strategies: [mine]
  automata:
    mine:
      states:
        {automaton}""")
    with pytest.raises(ScenarioError) as info:
        loads(text, "pd.yaml")
    message = str(info.value)
    assert "repeated.automata.mine" in message and what in message, message
    line = int(message.split(":")[1])
    assert line >= 17, message  # at the automaton, below automata:


def test_cli_bad_section_exits_2(tmp_path: object) -> None:
    path = tmp_path / "pd.yaml"  # type: ignore[operator]
    path.write_text(PD.replace("strategies: [grim,", "strategies: [grimm,"))
    code, out = _run("solve", str(path))
    assert code == 2 and "unknown strategy 'grimm'" in out


def test_options_that_do_not_apply_are_located_errors(tmp_path: object) -> None:
    path = tmp_path / "pd.yaml"  # type: ignore[operator]
    path.write_text(PD)
    for args in (("--explain",), ("--method", "pure"), ("--set", "delta=1")):
        code, out = _run("solve", str(path), *args)
        assert code == 2 and args[0] in out, out


# -- the shipped scenario, its claims and the docs ------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def test_korea_repeated_claims_are_proved() -> None:
    scenario = load(ROOT / "scenarios" / "korea_repeated.yaml")
    report = check(scenario, examples=5, seed=1)
    assert [c.status for c in report.results] == ["proved"] * 5
    assert "[7/19, 1)" in report.results[-1].detail


def test_a_repeated_claim_over_a_free_empathy_range_is_searched_or_refuted() -> None:
    scenario = load(ROOT / "scenarios" / "korea_repeated.yaml")
    never = Claim("tft never SPE", RepeatedClaim(("tit_for_tat", "tit_for_tat"),
                                                 "subgame_perfect", None))
    grim = Claim("grim from 1/2", RepeatedClaim(("grim", "grim"), "subgame_perfect",
                                                Fraction(1, 2)))
    results = check(scenario, claims=[never, grim], examples=5, seed=1).results
    assert results[0].status == "survived" and results[0].examples == 25
    assert results[1].status == "refuted" and "e_US=" in results[1].detail


def test_a_wrong_repeated_claim_is_refuted_with_a_witness() -> None:
    scenario = load(ROOT / "scenarios" / "korea_repeated.yaml")
    claim = Claim("grim from 2/3", RepeatedClaim(("grim", "grim"), "subgame_perfect",
                                                 Fraction(2, 3)))
    result = check(scenario, claims=[claim], examples=5, seed=1).results[0]
    assert result.status == "refuted"
    assert "[1/2, 1)" in result.detail and "δ = 1/2" in result.detail


def test_docs_repeated_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = (ROOT / "docs" / "repeated.md").read_text(encoding="utf-8")
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(
        optionflags=doctest.NORMALIZE_WHITESPACE)
    blocks = re.findall(r"^```pycon\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert blocks
    for body in blocks:
        runner.run(parser.get_doctest(body, {}, "docs/repeated.md", "docs/repeated.md", 0))
    assert runner.failures == 0
    for body in re.findall(r"^```yaml\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        assert "repeated:" in body or "claims:" in body
    consoles = re.findall(r"^```console\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert consoles
    for body in consoles:
        command, *expected = body.rstrip("\n").splitlines()
        code, out = _run(*shlex.split(command.removeprefix("$ gametrust ")))
        assert code == 0 and out.rstrip("\n").splitlines() == expected


# -- play: a cross-check of the exact payoffs -----------------------------------------------------


def test_play_without_noise_equals_the_exact_payoffs_up_to_the_tail() -> None:
    scenario = load(ROOT / "scenarios" / "korea_repeated.yaml")
    spec = scenario.repeated
    rounds = 40
    delta = Fraction(9, 10)
    for a, b in itertools.product(spec.strategies["US"], spec.strategies["DPRK"]):
        result = play(scenario, {"US": a, "DPRK": b}, rounds=rounds)
        assert len(result.runs) == 1
        for k in (0, 1):
            # exact = played + δ^T V(state after T rounds), and 0 <= V <= 5 in this game
            tail = result.exact[k] - result.runs[0][k]
            assert 0 <= tail <= delta**rounds * 5, (a, b, k)
        # and the exact payoffs are those solve reports
        report = analyse_repeated(scenario)
        profile = next(p for p in report.profiles if p.strategies == {"US": a, "DPRK": b})
        assert [f.at(delta) for f in profile.payoffs.values()] == list(result.exact)


def test_play_with_noise_brackets_the_exact_value() -> None:
    scenario = load(ROOT / "scenarios" / "korea_repeated.yaml")
    result = play(scenario, {"US": "grim", "DPRK": "grim"}, rounds=60, runs=400,
                  noise=Fraction(1, 20), seed=3)
    assert result.exact[0] == Fraction(632709, 300400)  # noise 1/20 at δ = 9/10
    # the mean over runs is within 4 standard errors (the 95% interval is 1.96)
    for k in (0, 1):
        low, high = result.interval(k)
        half = (high - low) / 2 * 4 / 1.96
        assert abs(result.mean(k) - float(result.exact[k])) <= half


def test_cli_play_json() -> None:
    code, out = _run("play", str(ROOT / "scenarios" / "korea_repeated.yaml"), "--strategy",
                     "US=grim", "--strategy", "DPRK=always_defect", "--rounds", "3",
                     "--format", "json")
    assert code == 0
    players = json.loads(out)["play"]["players"]
    assert players["US"]["played"] == "171/1000" and players["US"]["exact"] == "9/10"
    code, out = _run("play", str(ROOT / "scenarios" / "korea_repeated.yaml"), "--strategy",
                     "US=foo")
    assert code == 2 and "--strategy US" in out


# -- the folk-theorem picture ---------------------------------------------------------------------


def test_minmax_is_exact_in_mixed_strategies() -> None:
    # Rock-paper-scissors with a twist: the row player's minmax is the game's value 1/3, reached
    # only by a mixed strategy of the column player (every pure one lets the row player get 1).
    payoffs = {}
    table = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    for i in range(3):
        for j in range(3):
            bonus = Fraction(1) if i == 0 else Fraction(0)
            payoffs[(i, j)] = (Fraction(table[i][j]) + bonus, -Fraction(table[i][j]))
    value, sigma = minmax(payoffs, (3, 3), 0)
    assert value == Fraction(1, 3)
    assert sum(sigma) == 1 and min(sigma) >= 0
    assert max(sum(sigma[j] * payoffs[(i, j)][0] for j in range(3)) for i in range(3)) == value
    assert all(max(payoffs[(i, j)][0] for i in range(3)) >= 1 for j in range(3))
    assert minmax(payoffs, (3, 3), 1)[0] == 0


def test_solve_reports_the_folk_theorem_picture(tmp_path: Path) -> None:
    code, out = _run("solve", str(ROOT / "scenarios" / "korea_repeated.yaml"), "--format",
                     "json")
    folk = json.loads(out)["repeated"]["folk_theorem"]
    assert folk["minmax"] == {"US": "1", "DPRK": "1"}
    assert sorted(map(tuple, folk["feasible_hull"])) == [("0", "5"), ("1", "1"), ("3", "3"),
                                                         ("5", "0")]
    pytest.importorskip("matplotlib")
    figure = tmp_path / "folk.png"
    code, out = _run("solve", str(ROOT / "scenarios" / "korea_repeated.yaml"), "--plot",
                     str(figure))
    assert code == 0 and figure.stat().st_size > 1000


def test_noise_sweep_has_an_exact_algebraic_threshold_that_agrees_with_the_discount_sets() -> None:
    # grim trigger with implementation noise eps at δ = 9/10: subgame-perfect iff eps <= r,
    # r an irrational root of a cubic; on each side of r the discount set computed at a fixed
    # rational eps contains 9/10 or not, accordingly
    text = PD.replace("parameters:\n", "parameters:\n  eps: {value: 0, range: [0, 1/2]}\n")
    text = text.replace("strategies: [grim, tit_for_tat, always_defect, win_stay_lose_shift]",
                        "strategies: [grim]\n  noise: eps")
    scenario = loads(text)
    swept = sweep_repeated(scenario, "param:eps")
    (r,) = swept.breakpoints
    assert not isinstance(r, Fraction) and r.degree == 3
    grim = swept.profiles[0]
    assert grim.subgame_perfect.contains(Fraction(0)) and grim.subgame_perfect.contains(r)
    low, high = r.refine(Fraction(1, 10**6))
    for eps, inside in ((low, True), (high, False)):
        assert grim.subgame_perfect.contains(eps) is inside
        at_eps = _profile(analyse_repeated(scenario, {"eps": eps}), "grim")
        assert at_eps.subgame_perfect.contains(Fraction(9, 10)) is inside


def test_the_section_round_trips_through_plain_data() -> None:
    from gametrust.formats.scenario_data import scenario_from_data, scenario_to_data

    text = PD.replace("strategies: [grim, tit_for_tat, always_defect, win_stay_lose_shift]",
                      """strategies: {A: [grim, mine], B: [tit_for_tat]}
  noise: 1/20
  automata:
    mine:
      initial: bad
      states:
        good: {play: cooperate, next: {"C, C": good, "*": bad}}
        bad: {play: D, next: {"*": good}}""")
    scenario = loads(text)
    again = scenario_from_data(scenario_to_data(scenario))
    assert again == scenario and again.repeated == scenario.repeated
    assert scenario != loads(PD)  # the section counts in equality
