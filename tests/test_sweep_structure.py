"""A sweep says what ``solve`` says, at every point: continua, weak equilibria, degeneracy.

The central property of this file: at random rational points inside each
interval, at its closed ends and exactly at each breakpoint, the sweep's
description of the game (every extreme equilibrium with its kind and
strictness, which of them span one continuum, degeneracy, the structure a
summary states) equals what ``solve`` reports for the game built at that
point.  A continuum's extreme points are rational functions of the swept
value, so they are evaluated from the interval's formulas, not copied from
its sample point.
"""

from __future__ import annotations

import csv
import io
import random
from fractions import Fraction as F
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from gametrust import NormalFormGame, solve
from gametrust.analysis.regions import sweep_map
from gametrust.analysis.structure import game_structure
from gametrust.analysis.sweep import sweep
from gametrust.analysis.sweep_result import Breakpoint, Interval, SweepResult
from gametrust.cli import cli
from gametrust.formats.load import load
from gametrust.model.empathy import apply_empathy
from gametrust.report.sweep import render
from gametrust.report.sweep_data import schema
from gametrust.report.sweep_markdown import render_html
from gametrust.solvers.result import SolveResult
from gametrust.testing.strategies import games

ROOT = Path(__file__).resolve().parent.parent
ARMS_RACE = ROOT / "scenarios" / "arms_race.yaml"
VALIDATOR = jsonschema.Draft202012Validator(schema())


def solved(result: SolveResult) -> tuple:
    """What solve reports: equilibria (strategies -> kind, strict), continua, degeneracy."""
    equilibria = {e.strategies: (e.kind, e.strict) for e in result}
    components = {frozenset(result[k].strategies for k in c) for c in result.components}
    return equilibria, components, bool(result.degenerate), game_structure(result)


def described(segment: Interval | Breakpoint, t: F) -> tuple:
    """What the sweep says at ``t`` (inside ``segment``), in the same terms."""
    if isinstance(segment, Breakpoint):
        return solved(segment.result)
    strategies = [piece.at(t) for piece in segment.pieces]
    equilibria = {
        s: (piece.kind, piece.strict) for s, piece in zip(strategies, segment.pieces, strict=True)
    }
    components = {frozenset(strategies[k] for k in c) for c in segment.components}
    return equilibria, components, bool(segment.degenerate), segment.structure


def rational_points(interval: Interval, rng: random.Random, n: int) -> list[F]:
    """``n`` random rationals strictly inside, and the closed ends (when rational)."""
    lo, hi = float(interval.lo), float(interval.hi)
    out: list[F] = []
    while len(out) < n:
        t = F(lo + (hi - lo) * rng.random()).limit_denominator(rng.choice((7, 60, 997)))
        if interval.contains(t) and t not in (interval.lo, interval.hi):
            out.append(t)
    for end, closed in ((interval.lo, interval.closed_lo), (interval.hi, interval.closed_hi)):
        if closed and isinstance(end, F):
            out.append(end)
    return out


def check_everywhere(result: SweepResult, build, rng: random.Random, n: int = 4) -> int:
    """Compare the sweep with solve at random points of every interval and at every rational
    breakpoint and end; returns the number of points compared."""
    count = 0
    for interval in result.intervals:
        for t in rational_points(interval, rng, n):
            assert described(interval, t) == solved(solve(build(t))), (interval.label("t"), t)
            count += 1
    for bp in (*result.breakpoints, *(e for e in result.ends if e is not None)):
        if isinstance(bp.value, F):
            assert described(bp, bp.value) == solved(solve(build(bp.value))), bp.value
            assert bp.structure == game_structure(bp.result)
            count += 1
    return count


# -- the arms race: continua across a whole interval ----------------------------------------------


def test_arms_race_interval_carries_the_continua_solve_reports() -> None:
    scenario = load(ARMS_RACE)
    result = sweep(scenario, "param:gain")
    at_six = solve(scenario.build({"gain": 6}))
    assert len(at_six) == 3 and len(at_six.continua) == 2 and at_six.degenerate
    interval = result.at(6)
    assert isinstance(interval, Interval)
    bounds = (interval.lo, interval.hi, interval.closed_lo, interval.closed_hi)
    assert bounds == (4, 10, False, True)
    # the interval has the two continua (sharing the symmetric mixed equilibrium), not
    # "three plain equilibria"
    assert interval.degenerate
    assert len(interval.continua) == 2
    shared = set(interval.continua[0]) & set(interval.continua[1])
    assert len(shared) == 1
    assert interval.pieces[shared.pop()].at(F(6)) == ((0, F(1, 2), F(1, 2)),) * 2
    # the other extreme points move with gain: Freeze 1/(gain - 3), Arm (gain - 4)/(gain - 3)
    moving = [p for p in interval.pieces if p.formulas is not None and any(
        f.num.degree > 0 or f.den.degree > 0 for s in p.formulas for f in s)]
    assert len(moving) == 2
    for gain in (F(9, 2), F(6), F(10)):
        x = 1 / (gain - 3)
        assert {p.at(gain) for p in moving} == {
            ((x, 0, 1 - x), (0, F(1, 2), F(1, 2))),
            ((0, F(1, 2), F(1, 2)), (x, 0, 1 - x)),
        }
    assert described(interval, F(6)) == solved(at_six)
    # below 4: (Freeze, Freeze) is a weak equilibrium where two continua meet
    low = result.at(2)
    assert isinstance(low, Interval)
    strictness = {p.describe(): p.strict for p in low.pieces if p.kind == "pure"}
    assert strictness == {"(Freeze, Freeze)": False, "(Freeze, Verify)": False,
                          "(Verify, Freeze)": False}
    assert len(low.continua) == 2
    check_everywhere(result, lambda t: scenario.build({"gain": t}), random.Random(10))


def test_arms_race_empathy_sweep_agrees_with_solve_everywhere() -> None:
    scenario = load(ARMS_RACE)
    result = sweep(scenario, "empathy")
    assert check_everywhere(
        result, lambda t: scenario.build(None, {"US": t, "USSR": t}), random.Random(11)
    ) >= 8


def test_summary_of_a_larger_game_names_its_structure() -> None:
    result = sweep(load(ARMS_RACE), "param:gain")
    assert result.summary() == (
        "gain < 4: 4 extreme equilibria (3 pure weak, 1 mixed) in 2 continua, 1 isolated, "
        "cooperative (Freeze, Freeze) among them; "
        "gain > 4: 3 extreme equilibria (3 mixed) in 2 continua, "
        "cooperative (Freeze, Freeze) not an equilibrium"
    )


# -- any game ----------------------------------------------------------------------------------


@given(games(shape=(3, 3), min_value=0, max_value=3), st.integers(0, 2**16))
@settings(max_examples=12)
def test_3x3_sweeps_agree_with_solve_at_random_points(game: NormalFormGame, seed: int) -> None:
    # small integer payoffs: ties, degenerate games and continua are common
    result = sweep(game, "empathy")
    check_everywhere(result, lambda t: apply_empathy(game, [t, t]), random.Random(seed), n=2)


@given(games(shape=(2, 3), min_value=0, max_value=2), st.integers(0, 2**16))
@settings(max_examples=10)
def test_2x3_one_players_empathy_agrees_with_solve(game: NormalFormGame, seed: int) -> None:
    result = sweep(game, "empathy:P2")
    check_everywhere(result, lambda t: apply_empathy(game, [0, t]), random.Random(seed), n=2)


@pytest.mark.parametrize(
    ("name", "axis"),
    [("stag_hunt", "empathy"), ("korea", "param:relief"), ("chicken", "empathy")],
)
def test_shipped_2x2_sweeps_agree_with_solve(name: str, axis: str) -> None:
    scenario = load(ROOT / "scenarios" / f"{name}.yaml")
    result = sweep(scenario, axis)

    def build(t: F):
        if axis == "empathy":
            return scenario.build(None, dict.fromkeys(scenario.player_ids, t))
        return scenario.build({axis.split(":")[1]: t})

    check_everywhere(result, build, random.Random(12), n=3)


# -- every rendering says it -------------------------------------------------------------------


def _block(text: str, heading: str) -> str:
    """The lines of one segment of a text report, from its heading to the next one."""
    lines = text.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith(heading))
    end = next(
        (k for k in range(start + 1, len(lines)) if lines[k] and not lines[k].startswith(" ")),
        len(lines),
    )
    return "\n".join(lines[start:end])


def test_text_report_of_an_interval_names_continua_weak_equilibria_degeneracy() -> None:
    text = render(sweep(load(ARMS_RACE), "param:gain"))
    high = " ".join(_block(text, "gain in (4, 10]").split())
    assert "3 extreme equilibria (3 mixed) in 2 continua" in high
    assert "equilibria 1, 3 span a continuum" in high and "equilibria 2, 3 span a continuum" in high
    assert (
        "US anywhere between [Freeze 1/(gain - 3), Arm (gain - 4)/(gain - 3)] and "
        "[Verify 1/2, Arm 1/2] USSR Verify 1/2, Arm 1/2 (fixed)"
    ) in high
    assert "degenerate game" in high
    low = _block(text, "gain in [0, 4)")
    assert low.count("not strict") == 3 and "degenerate game" in low


def test_a_2x2_tie_that_lasts_the_whole_range_is_a_continuum_in_the_interval() -> None:
    # P1's first action ties against P2's first: (a1, any mix) is a continuum for every e
    game = NormalFormGame.from_arrays([[1, 1], [0, 2]], [[1, 1], [0, 2]])
    result = sweep(game, "empathy")
    (interval,) = result.intervals
    assert interval.degenerate and len(interval.continua) == 1
    block = " ".join(render(result).split())
    assert "equilibria 1, 3 span a continuum" in block
    assert "P1 a1 (fixed) P2 anywhere between [a1] and [a1 1/2, a2 1/2]" in block
    assert "degenerate game" in block and "not strict" in block


def test_json_csv_and_markdown_carry_the_interval_structure() -> None:
    result = sweep(load(ARMS_RACE), "param:gain")
    data = result.to_dict()
    VALIDATOR.validate(data)
    low, high = data["intervals"]
    assert high["degenerate"] is True and high["components"] == [[0, 2], [1, 2]]
    assert high["structure"]["continua"] == 2 and high["structure"]["cooperative"] == [
        "Freeze", "Freeze"]
    assert high["structure"]["cooperative_equilibrium"] is False
    assert [e["strict"] for e in low["equilibria"]] == [False, False, False, False]
    assert low["structure"]["summary"].startswith("4 extreme equilibria (3 pure weak, 1 mixed)")
    assert data["breakpoints"][0]["structure"]["continua"] == 3
    rows = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    assert {r["strict"] for r in rows if r["where"] == "interval" and r["index"] == "0"
            and r["kind"] == "pure"} == {"false"}
    markdown = render(result, "markdown")
    assert "continuum of equilibria 1, 3: US anywhere between" in markdown
    assert "(Freeze, Freeze) (not strict)" in markdown
    assert "3 extreme equilibria (3 mixed) in 2 continua" in render_html(result)


def test_map_regions_carry_their_structure() -> None:
    m = sweep_map(load(ARMS_RACE), ("empathy:US", "empathy:USSR"))
    data = m.to_dict()
    VALIDATOR.validate(data)
    for region, entry in zip(m.regions, data["regions"], strict=True):
        assert entry["structure"] == game_structure(region.result).to_dict()
        assert entry["components"] == [list(c) for c in region.result.components]
    text = render(m)
    assert "2 continua" in text and "span a continuum" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    # the boundary lines listed are those that separate regions, not every candidate
    assert "1/5" in " ".join(str(b) for b in m.x_breaks)
    assert "  e_US = 1/2, e_US = 2/3  (US's best responses or preferences change)" in text


def test_the_docs_arms_race_example_is_what_the_cli_prints(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    doc = (ROOT / "docs" / "sweep.md").read_text("utf-8")
    block = doc[doc.index("$ gametrust sweep scenarios/arms_race.yaml --param gain"):]
    block = block[: block.index("```")]
    command, *expected = block.splitlines()
    out = CliRunner().invoke(cli, command[2:].split()[1:])
    assert out.exit_code == 0
    lines = out.stdout.splitlines()
    at = 0
    for line in expected:  # in order; "..." stands for lines left out
        if line.strip() == "...":
            continue
        at = lines.index(line, at) + 1


def test_summary_of_a_dominance_solvable_3x3_arms_race() -> None:
    # a Prisoner's Dilemma with a third, dominated option: Arm dominates until empathy 1/4,
    # then restraint and arming are both strict equilibria, and from 2/3 Freeze dominates
    row = [[4, 1, 0], [3, 1, 0], [5, 2, 2]]
    game = NormalFormGame.from_arrays(
        row, [list(c) for c in zip(*row, strict=True)], players=["US", "USSR"],
        actions=[["Freeze", "Hedge", "Arm"]] * 2,
    )
    result = sweep(game, "empathy")
    assert [str(b.value) for b in result.breakpoints] == ["1/4", "1/3", "2/3"]
    parts = result.summary().split("; ")
    assert parts[0] == "e < 1/4: dominance-solvable, (Arm, Arm), cooperative (Freeze, Freeze) " \
        "not an equilibrium"
    assert parts[1] == "1/4 < e < 1/3: 3 equilibria (2 pure strict, 1 mixed), cooperative " \
        "(Freeze, Freeze) among them"
    assert parts[-1] == "e > 2/3: dominance-solvable, (Freeze, Freeze), the cooperative profile"
    check_everywhere(result, lambda t: apply_empathy(game, [t, t]), random.Random(13), n=2)
