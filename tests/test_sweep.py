"""The exact sweep: breakpoints, families, formulas, and agreement with the solver.

The central property: at every value of the swept quantity — inside an
interval (from the exact formulas) or exactly at a breakpoint — the sweep's
equilibria are the solver's equilibria of the game built at that value.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametrust import ArgumentError, NormalFormGame, solve
from gametrust.analysis.regions import sweep_map
from gametrust.analysis.sweep import sweep
from gametrust.analysis.sweep_result import Breakpoint, Interval
from gametrust.formats.load import load, loads
from gametrust.model.empathy import apply_empathy
from gametrust.testing.strategies import games

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def symmetric_pd(t: int, r: int, p: int, s: int) -> NormalFormGame:
    return NormalFormGame.from_arrays(
        [[r, s], [t, p]], [[r, t], [s, p]], players=["US", "DPRK"],
        actions=[["C", "D"], ["C", "D"]],
    )


def eqs(result) -> set:
    return {e.strategies for e in result}


def test_prisoners_dilemma_becomes_stag_hunt_then_harmony() -> None:
    result = sweep(symmetric_pd(5, 4, 2, 0), "empathy")
    assert [b.value for b in result.breakpoints] == [F(1, 4), F(2, 3)]
    assert len(result.intervals) == 3
    assert [i.family.name for i in result.intervals][:2] == ["Prisoner's Dilemma", "Stag Hunt"]
    assert [i.family.short for i in result.intervals] == ["PD", "SH", "Harmony"]
    middle = result.intervals[1]
    mixed = next(p for p in middle.pieces if p.kind == "mixed")
    # indifference: q(4 + 4e) + (1 - q) 5e = 5q + (1 - q)(2 + 2e)  =>  q = (2 - 3e)/(1 + e)
    assert str(mixed.strategies()[0][0]) == "(2 - 3*e)/(e + 1)"
    assert mixed.at(F(1, 2)) == ((F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))
    # exactly at the breakpoints the games are degenerate ties
    at_quarter, at_two_thirds = result.breakpoints
    assert at_quarter.exact and "tie" in at_quarter.family.name
    cc = ((F(1), F(0)), (F(1), F(0)))
    dd = ((F(0), F(1)), (F(0), F(1)))
    assert eqs(at_quarter.result) == {cc, dd}
    assert eqs(at_two_thirds.result) == {cc, dd}
    assert result.summary() == "PD for e < 1/4, SH for 1/4 < e < 2/3, Harmony for 2/3 < e < 1"


def test_weaker_cooperation_passes_through_chicken() -> None:
    result = sweep(symmetric_pd(5, 3, 1, 0), "empathy")
    assert [b.value for b in result.breakpoints] == [F(1, 4), F(2, 3)]
    assert [i.family.name for i in result.intervals][1] == "Chicken"


def test_risk_dominance_switches_inside_the_stag_hunt_interval() -> None:
    middle = sweep(symmetric_pd(5, 4, 2, 0), "empathy").intervals[1]
    # Nash products: (R' - T')^2 vs (P' - S')^2, i.e. 4e - 1 = 2 - 3e at e = 3/7
    assert [point for point, _ in middle.selection_points] == [F(3, 7)]
    lows, highs = middle.selections
    assert middle.result[lows[2].risk_dominant].profile == ("D", "D")
    assert middle.result[highs[2].risk_dominant].profile == ("C", "C")


def test_korea_thresholds_in_the_scenarios_names() -> None:
    korea = load(SCENARIOS / "korea.yaml")
    result = sweep(korea, "empathy")
    assert [b.value for b in result.breakpoints] == [F(1, 4), F(2, 3)]
    relief = sweep(korea, "param:relief")
    assert [b.value for b in relief.breakpoints] == [F(5)]
    assert relief.axis.symbol == "relief"
    assert relief.intervals[-1].family.short == "SH"


def test_one_players_empathy_and_parameter_overrides() -> None:
    korea = load(SCENARIOS / "korea.yaml")
    result = sweep(korea, "empathy:US", parameters={"relief": 5})
    assert result.axis.symbol == "e_US"
    for interval in result.intervals:
        point = interval.sample
        game = korea.build({"relief": 5}, {"US": point})
        assert eqs(solve(game)) == set(result.equilibria_at(point))


def test_grid_matches_the_formulas() -> None:
    result = sweep(symmetric_pd(5, 4, 2, 0), "empathy", grid=101)
    grid = result.grid
    assert len(grid) == 101 and grid.point(25) == F(1, 4)
    assert grid.where(25) == ("breakpoint", 0)
    for k in range(0, 101, 5):
        assert set(grid.equilibria(k)) == set(result.equilibria_at(grid.point(k)))


@st.composite
def points(draw, lo=0, hi=1):
    num = draw(st.integers(0, 60))
    return F(lo) + (F(hi) - F(lo)) * F(num, 60)


@given(games(shape=(2, 2), min_value=-3, max_value=3), st.lists(points(), min_size=3,
                                                                  max_size=3))
@settings(max_examples=40)
def test_sweep_agrees_with_the_solver_everywhere_2x2(game, ts) -> None:
    result = sweep(game, "empathy")
    rational_breakpoints = [b.value for b in result.breakpoints if isinstance(b.value, F)]
    for t in [*ts, *rational_breakpoints]:
        expected = eqs(solve(apply_empathy(game, [t, t])))
        assert set(result.equilibria_at(t)) == expected, t


@given(games(shape=(3, 3), min_value=0, max_value=4), points(), st.sampled_from(["P1", "P2"]))
@settings(max_examples=10)
def test_sweep_agrees_with_the_solver_3x3_one_player(game, t, player) -> None:
    result = sweep(game, f"empathy:{player}")
    weights = [t, 0] if player == "P1" else [0, t]
    assert set(result.equilibria_at(t)) == eqs(solve(apply_empathy(game, weights)))


def test_segments_alternate_and_cover_the_range() -> None:
    result = sweep(symmetric_pd(5, 4, 2, 0), "empathy")
    kinds = [type(s) for s in result.segments()]
    assert kinds == [Interval, Breakpoint, Interval, Breakpoint, Interval, Breakpoint]
    assert result.ends[1].value == 1  # at e = 1, S' = T': a tie at the end of the range


def test_grid_payoffs_come_from_the_formulas() -> None:
    result = sweep(symmetric_pd(5, 4, 2, 0), "empathy", grid=13)
    grid = result.grid
    for k in range(13):
        t = grid.point(k)
        segment = result.grid_segment(k)
        assert segment is result.at(t)
        expected = eqs(solve(apply_empathy(symmetric_pd(5, 4, 2, 0), [t, t])))
        payoffs = {
            strategies: tuple(p) for strategies, p in
            zip(grid.equilibria(k), result.grid_payoffs(k), strict=True)
        }
        assert set(payoffs) == expected
        for e in solve(apply_empathy(symmetric_pd(5, 4, 2, 0), [t, t])):
            assert payoffs[e.strategies] == tuple(e.payoffs)


def test_results_are_values_with_str_and_to_dict() -> None:
    result = sweep(symmetric_pd(5, 4, 2, 0), "empathy")
    text = str(result)
    assert "breakpoints: 1/4, 2/3" in text and result.summary() in text
    data = result.to_dict(file="pd.yaml")
    assert data["kind"] == "sweep" and data["scenario"]["file"] == "pd.yaml"
    assert [b["value"] for b in data["breakpoints"]] == ["1/4", "2/3"]
    m = sweep_map(symmetric_pd(5, 4, 2, 0), ("empathy:US", "empathy:DPRK"))
    assert "R5: 1/4 < e_US < 2/3 and 1/4 < e_DPRK < 2/3: SH" in str(m)
    data = m.to_dict(grid=3)
    assert data["kind"] == "map" and data["grid"]["n"] == 3
    assert len(data["regions"]) == len(m.regions)


def test_two_dimensional_map_matches_the_solver() -> None:
    game = symmetric_pd(5, 4, 2, 0)
    m = sweep_map(game, ("empathy:US", "empathy:DPRK"))
    assert list(m.x_breaks) == [F(1, 4), F(2, 3)] and list(m.y_breaks) == [F(1, 4), F(2, 3)]
    for cell in m.cells:
        x, y = cell.sample
        region = m.regions[m.region_at(x, y)]
        here = eqs(solve(apply_empathy(game, [x, y])))
        assert {e.strategies for e in region.result} == here
    assert m.region_at(F(1, 4), F(1, 2)) is None  # on a boundary line


def test_parameter_inside_expressions() -> None:
    scenario = loads(
        """
gametrust: 1
title: cost of verification
players:
  A: {actions: [Trust, Verify]}
  B: {actions: [Comply, Cheat]}
parameters:
  cost: {value: 1, range: [0, 4]}
payoffs:
  Trust, Comply: [3, 3]
  Trust, Cheat: [0, 4]
  Verify, Comply: [3 - cost, 3]
  Verify, Cheat: ["2 - cost/2", 1]
""",
        "verify.yaml",
    )
    result = sweep(scenario, "param:cost")
    for interval in result.intervals:
        game = scenario.build({"cost": interval.sample})
        assert eqs(solve(game)) == set(result.equilibria_at(interval.sample))
    for b in result.breakpoints:
        assert eqs(solve(scenario.build({"cost": b.value}))) == eqs(b.result)


@pytest.mark.parametrize(
    ("axis", "lo", "hi", "path"),
    [
        ("empathy:Nobody", None, None, "axis"),
        ("param:reliefs", None, None, "--param"),
        ("empathy", 1, 0, "--from"),
        ("bogus:x", None, None, "axis"),
    ],
)
def test_bad_sweeps_are_located_errors(axis, lo, hi, path) -> None:
    korea = load(SCENARIOS / "korea.yaml")
    with pytest.raises(ArgumentError) as info:
        sweep(korea, axis, lo, hi)
    assert info.value.location.path[0] == path


def test_three_players_are_refused() -> None:
    import numpy as np

    game = NormalFormGame.from_payoff_tensor(np.zeros((3, 2, 2, 2), dtype=int).tolist())
    with pytest.raises(ArgumentError):
        sweep(game, "empathy")
