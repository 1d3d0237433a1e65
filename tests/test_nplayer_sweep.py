"""Sweeps of games with three or more players (issue 12, item 5) and the Six-Party scenario.

Known answers checked by hand (the scenario's comments derive them), the
breakpoints cross-checked against solving at points on either side,
invariance under a common positive affine change of payoffs and under
relabelling the players, and agreement with the two-player sweep on a
two-player game.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings

import gametrust
from gametrust import NormalFormGame
from gametrust.analysis.nplayer_sweep import sweep_nplayer
from gametrust.analysis.sweep_result import Interval
from gametrust.core.algebraic import RealAlgebraic
from gametrust.core.errors import ArgumentError
from gametrust.formats.load import loads
from gametrust.strategies import games

ROOT = Path(__file__).resolve().parent.parent
SIX = gametrust.load(ROOT / "scenarios" / "six_party.yaml")


def _pure(result) -> set[tuple[str, ...]]:
    return {e.profile for e in result if e.kind == "pure"}


def _mixed(result) -> list[tuple[tuple, ...]]:
    return [e.strategies for e in result if e.kind == "mixed"]


# -- the scenario's known answers ----------------------------------------------------------------


def test_six_party_default_has_the_exact_mixed_equilibrium_between_stalemate_and_concert():
    result = gametrust.solve(SIX)
    assert result.complete and result.max_regret == 0
    assert _pure(result) == {("Pressure", "Arm", "Shield"), ("Engage", "Freeze", "Enforce")}
    # s = 2/5: the US engages, North Korea arms with 1 - 1/(3s) = 1/6, China enforces 1/2
    assert _mixed(result) == [((0, 1), (F(1, 6), F(5, 6)), (F(1, 2), F(1, 2)))]


@pytest.mark.parametrize("s", [F(7, 20), F(2, 5), F(9, 20), F(11, 20)])
def test_sensibility_makes_north_korea_arm_more_often_in_the_mixed_equilibrium(s):
    """North Korea's mix keeps China indifferent: -1 + 3s * P(Freeze) = 0."""
    result = gametrust.solve(SIX, parameters={"sensibility": s})
    engaged = [m for m in _mixed(result) if m[0] == (0, 1)]
    assert engaged == [((0, 1), (1 - 1 / (3 * s), 1 / (3 * s)), (F(1, 2), F(1, 2)))]


def test_a_second_mixed_equilibrium_lives_between_one_half_and_seven_twelfths():
    """The US mixes too: North Korea arms with 3/7 (the US indifferent), the US presses with
    x solving 2x + (12/7)(1 - x) = 1/s (China indifferent)."""
    for s, x in ((F(11, 20), F(4, 11)), (F(14, 25), F(1, 4))):
        result = gametrust.solve(SIX, parameters={"sensibility": s})
        assert ((x, 1 - x), (F(3, 7), F(4, 7)), (F(1, 2), F(1, 2))) in _mixed(result)
    assert _mixed(gametrust.solve(SIX, parameters={"sensibility": F(3, 5)})) == []


def test_six_party_sweep_breakpoints_and_pure_sets_are_exact():
    result = gametrust.sweep(SIX, "param:sensibility")
    # 1/3 and 1/2: the pure equilibria change; 7/12: the mixed ones meet and vanish
    assert [b.value for b in result.breakpoints] == [F(1, 3), F(1, 2), F(7, 12)]
    stalemate, concert = ("Pressure", "Arm", "Shield"), ("Engage", "Freeze", "Enforce")
    assert [_pure(i.result) for i in result.intervals] == [
        {stalemate}, {stalemate, concert}, {concert}, {concert}]
    assert [len(_mixed(i.result)) for i in result.intervals] == [0, 1, 2, 0]
    assert all(i.structure.proved and not i.structure.unsolved for i in result.intervals)
    # pure payoffs are exact functions of the swept value on the whole interval
    piece = result.intervals[3].pieces[0]
    assert piece.formulas is not None and piece.payoffs_at(F(1)) == (9, 3, 9)
    # mixed equilibria: exact at the sample, labelled as such (no formula)
    middle = result.intervals[1]
    mixed = [p for p in middle.pieces if p.kind == "mixed"]
    assert len(mixed) == 1 and mixed[0].formulas is None
    s = middle.sample
    assert mixed[0].at(s)[1] == (1 - 1 / (3 * s), 1 / (3 * s))
    assert f"at sensibility = {s}" in middle.structure.summary()
    assert "supports proved constant" in str(middle.family)
    # at 1/2 a continuum: the list there is exact but not complete, and says so
    half = result.breakpoints[1]
    assert half.value == F(1, 2) and half.exact and not half.result.complete
    assert half.structure.summary().endswith("not complete")


def test_the_breakpoints_agree_with_solving_on_either_side():
    result = gametrust.sweep(SIX, "param:sensibility")
    for bp in result.breakpoints:
        for t in (bp.value - F(1, 1000), bp.value, bp.value + F(1, 1000)):
            solved = gametrust.solve(SIX, parameters={"sensibility": t})
            segment = result.at(t)
            assert _pure(solved) == _pure(segment.result), t
        before, after = result.at(bp.value - F(1, 1000)), result.at(bp.value + F(1, 1000))
        assert {repr(_supports(s.result)) for s in (before, bp, after)} != {
            repr(_supports(before.result))}


# -- hand-checkable games ----------------------------------------------------------------------


def _public_good(scale: int = 1, shift: int = 0, order=(0, 1, 2)) -> NormalFormGame:
    """Each of three players Contributes (cost 3, gives 2 to every player) or Keeps."""
    tensor = np.empty((3, 2, 2, 2), dtype=object)
    for a in np.ndindex(2, 2, 2):
        given = 2 * sum(1 for x in a if x == 0)
        for i in range(3):
            tensor[(i, *a)] = scale * (given - 3 * (a[i] == 0)) + shift
    tensor = np.transpose(tensor[list(order)], (0, *(1 + k for k in order)))
    names = ["A", "B", "C"]
    return NormalFormGame.from_arrays(
        *tensor, players=[names[k] for k in order], actions=[["Give", "Keep"]] * 3
    )


def test_public_good_turns_at_one_quarter_of_empathy():
    """Giving changes the giver's payoff by 2 - 3 = -1 and each other's by 2: with empathy e,
    -1 + 4e.  So (Keep, Keep, Keep) below 1/4, every profile at 1/4, (Give, Give, Give) above."""
    result = sweep_nplayer(_public_good(), "empathy")
    assert [b.value for b in result.breakpoints] == [F(1, 4)]
    assert [_pure(i.result) for i in result.intervals] == [
        {("Keep",) * 3}, {("Give",) * 3}]
    assert len(_pure(result.breakpoints[0].result)) == 8


def test_breakpoints_invariant_under_affine_change_and_relabelling():
    base = sweep_nplayer(_public_good(), "empathy")
    for game in (_public_good(scale=3, shift=5), _public_good(order=(2, 0, 1))):
        other = sweep_nplayer(game, "empathy")
        assert [b.value for b in other.breakpoints] == [b.value for b in base.breakpoints]
        assert [len(i.result) for i in other.intervals] == [len(i.result) for i in base.intervals]


def test_on_two_players_the_pure_breakpoints_are_the_two_player_sweep_s():
    """Korea: (Reassure, Freeze) joins at 1/4, (Pressure, Arm) leaves at 2/3: both sweeps."""
    korea = gametrust.load(ROOT / "scenarios" / "korea.yaml")
    two = gametrust.sweep(korea, "empathy")
    mine = sweep_nplayer(korea, "empathy")
    assert [b.value for b in mine.breakpoints] == [b.value for b in two.breakpoints]
    for interval in mine.intervals:
        assert _pure(interval.result) == _pure(two.at(interval.sample).result)


SQRT2 = """
gametrust: 1
title: an irrational breakpoint
players:
  A: {actions: [x, y]}
  B: {actions: [x, y]}
  C: {actions: [x, y]}
parameters:
  p: {value: 1, range: [0, 2]}
payoffs:
  x, x, x: [p*p, 1, 1]
  x, x, y: [0, 0, 0]
  x, y, x: [0, 0, 0]
  x, y, y: [0, 0, 0]
  y, x, x: [2, 0, 0]
  y, x, y: [0, 0, 0]
  y, y, x: [0, 0, 0]
  y, y, y: [1, 1, 1]
"""


def test_an_irrational_breakpoint_is_exact_and_its_pure_set_decided_by_signs():
    """A keeps to (x, x, x) once p^2 >= 2 and leaves (y, x, x) then (where B and C are
    indifferent): the breakpoint is sqrt(2), exactly."""
    scenario = loads(SQRT2)
    result = gametrust.sweep(scenario, "param:p")
    (bp,) = result.breakpoints
    assert isinstance(bp.value, RealAlgebraic) and str(bp.value) == "sqrt(2)"
    assert not bp.exact
    assert [_pure(i.result) for i in result.intervals] == [
        {("y", "x", "x"), ("y", "y", "y")}, {("x", "x", "x"), ("y", "y", "y")}]
    assert ("x", "x", "x") in _pure(bp.result)


def test_grid_and_maps_are_refused_with_a_located_error():
    with pytest.raises(ArgumentError) as info:
        gametrust.sweep(SIX, "param:sensibility", grid=5)
    assert info.value.location.path == ("--grid",)
    with pytest.raises(ArgumentError):
        gametrust.sweep(SIX, ("empathy:US", "empathy:China"))


def test_the_docs_example_is_what_the_cli_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import run_cli

    monkeypatch.chdir(ROOT)
    doc = (ROOT / "docs" / "sweep.md").read_text("utf-8")
    section = doc.split("## Sweeps of games with three or more players", 1)[1]
    block = section[section.index("$ gametrust sweep"):]
    command, *shown = block[: block.index("```")].splitlines()
    out = run_cli(*command.split()[2:])
    assert out.exit_code == 0
    printed = out.stdout.splitlines()
    chunks, chunk = [], []
    for line in shown:
        if line == "  ...":
            chunks.append(chunk)
            chunk = []
        else:
            chunk.append(line)
    chunks.append(chunk)
    assert printed[: len(chunks[0])] == chunks[0]
    assert printed[-len(chunks[-1]):] == chunks[-1]


@settings(max_examples=12, deadline=None)
@given(
    games(shape=(2, 2, 2), min_value=-3, max_value=3),
    st.sampled_from(["empathy", "empathy:P1", "empathy:P3"]),
    st.lists(st.fractions(0, 1, max_denominator=7), min_size=1, max_size=3),
)
def test_pure_sets_on_every_interval_are_those_solve_finds_anywhere_in_it(game, axis, points):
    """On random 3-player games with ties: at the sample, at arbitrary rational points and at
    the breakpoints, solving the game built there gives the sweep's pure equilibria (with
    their strictness), and each breakpoint differs from a neighbour."""
    from gametrust.model.empathy import apply_empathy

    result = sweep_nplayer(game, axis, mixed=False)
    swept = [p for p in game.players if axis == "empathy" or axis == f"empathy:{p}"]

    def pure_at(t):
        built = apply_empathy(game, [t if p in swept else 0 for p in game.players])
        return {(e.profile, e.strict) for e in gametrust.solve(built, "pure")}

    def listed(segment):
        return {(e.profile, e.strict) for e in segment.result if e.kind == "pure"}

    for t in points:
        assert pure_at(t) == listed(result.at(t))
    for interval in result.intervals:
        assert pure_at(interval.sample) == listed(interval)
    for k, bp in enumerate(result.breakpoints):
        here = listed(bp)
        if isinstance(bp.value, F):  # an irrational one: solved in floats, pure only
            assert here == pure_at(bp.value)
        sides = {frozenset(listed(result.intervals[k])), frozenset(listed(result.intervals[k + 1]))}
        assert len(sides) == 2 or sides != {frozenset(here)}


def test_check_proves_and_refutes_pure_profile_claims_of_three_players_by_the_sweep():
    """The scenario's five claims are proved by the N-player sweep (not only searched); a
    claim one step too generous is refuted at the simplest value that breaks it."""
    report = gametrust.check(SIX, seed=1, examples=5)
    assert [c.status for c in report.results] == ["proved"] * 5
    assert all(c.method == "sweep" for c in report.results)
    too_early = {"name": "the concert from 3/10", "equilibrium": "Engage, Freeze, Enforce",
                 "when": {"parameters": {"sensibility": ">= 3/10"}}}
    from gametrust.formats.claims_format import read_claim

    claim = read_claim(SIX, too_early, SIX.assumptions)
    loose = gametrust.check(SIX, claims=[claim], seed=1, examples=5)
    (found,) = loose.results
    assert found.status == "refuted" and found.method == "sweep"
    assert found.counterexample.assignment.parameters["sensibility"] < F(1, 3)
    assert "China" in found.counterexample.reason


def test_the_html_page_of_a_three_player_scenario_is_a_located_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """It was an internal error (exit 1: the page's payoff table indexed two players)."""
    from conftest import run_cli

    monkeypatch.chdir(ROOT)
    out = run_cli("report", "scenarios/six_party.yaml", "-o", str(tmp_path / "six.html"))
    assert out.exit_code == 2
    assert "two-player game" in out.stderr


def test_the_json_of_an_n_player_sweep_follows_the_sweep_schema():
    import json

    import jsonschema

    schema = json.loads((ROOT / "gametrust" / "schemas" / "sweep.schema.json").read_text())
    data = gametrust.sweep(SIX, "param:sensibility").to_dict(file="scenarios/six_party.yaml")
    jsonschema.validate(data, schema)
    middle = data["intervals"][1]
    assert middle["sample"] == "2/5"
    assert [e["symbolic"] for e in middle["equilibria"]] == [True, True, False]


def _supports(result) -> list:
    return sorted(repr([e.support(i) for i in range(len(e.players))]) for e in result)


@settings(max_examples=12, deadline=None)
@given(
    games(shape=(2, 2, 2), min_value=-3, max_value=3),
    st.sampled_from(["empathy", "empathy:P2"]),
    st.lists(st.fractions(0, 1, max_denominator=9), min_size=1, max_size=3),
)
def test_where_proved_every_point_of_an_interval_has_the_sample_s_supports(game, axis, points):
    """The certificate of nplayer_critical: on random 3-player games with ties, wherever the
    sweep says the supports are proved constant, solving at any rational point of the
    interval gives the same supports (as a multiset), and a kept rational breakpoint differs
    from an interval next to it."""
    from gametrust.model.empathy import apply_empathy

    result = sweep_nplayer(game, axis)
    swept = [p for p in game.players if axis == "empathy" or axis == f"empathy:{p}"]

    def solved(t):
        return gametrust.solve(apply_empathy(game, [t if p in swept else 0 for p in game.players]))

    for t in points:
        segment = result.at(t)
        if isinstance(segment, Interval) and segment.structure.proved:
            assert _supports(solved(t)) == _supports(segment.result), t
    for k, bp in enumerate(result.breakpoints):
        if isinstance(bp.value, F) and result.intervals[k].structure.proved:
            sides = (_supports(result.intervals[k].result),
                     _supports(result.intervals[k + 1].result))
            here = bp.result
            assert sides[0] != sides[1] or _supports(here) != sides[0] or (
                here.degenerate or not here.complete)


def test_when_a_support_is_not_certifiable_the_mixed_equilibria_are_only_sampled():
    """C's payoffs do not depend on anything: every mix of C is a best response, a continuum
    for every t, so the elimination proves nothing; the sweep falls back to the pure
    breakpoints and says the mixed equilibria were found at the sample only."""
    from gametrust.analysis.nplayer_critical import mixed_critical_polys
    from gametrust.analysis.parametric import Axis, cleared_polys, parametric_tensor

    tensor = np.zeros((3, 2, 2, 2), dtype=object)
    tensor[0] = [[[3, 3], [0, 0]], [[2, 2], [2, 2]]]  # A and B: a Stag Hunt, whatever C does
    tensor[1] = [[[3, 3], [2, 2]], [[0, 0], [2, 2]]]
    game = NormalFormGame.from_arrays(*tensor)
    _, _, parametric = parametric_tensor(game, Axis.parse("empathy:P1"), None, None)
    found = mixed_critical_polys(cleared_polys(parametric, "e", F(0), F(1)))
    assert not found.certified
    result = sweep_nplayer(game, "empathy:P1")
    assert not any(i.structure.proved for i in result.intervals)
    assert all("only" in str(i.family) for i in result.intervals)


def test_games_beyond_the_elimination_limit_get_pure_breakpoints_and_say_so():
    """A 2x2x3 game: the lexicographic elimination is not attempted (it ran for minutes);
    the sweep still finds the pure breakpoints exactly and labels its mixed equilibria."""
    tensor = np.zeros((3, 2, 2, 3), dtype=object)
    for a in np.ndindex(2, 2, 3):
        given = 2 * sum(1 for x in a if x == 0)
        for i in range(3):
            tensor[(i, *a)] = given - 3 * (a[i] == 0)
    game = NormalFormGame.from_arrays(*tensor)
    result = sweep_nplayer(game, "empathy")
    assert [b.value for b in result.breakpoints] == [F(1, 4)]
    assert not any(i.structure.proved for i in result.intervals)
    assert all("only" in str(i.family) for i in result.intervals)
