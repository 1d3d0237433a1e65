"""Sweeps of scenarios with ``leadership:``: the leader's commitment as an exact function of
the swept value, with exact breakpoints, checked against the exact linear programs at the
breakpoints, the ends and between them."""

from __future__ import annotations

import json
from fractions import Fraction

import hypothesis.strategies as st
import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from test_cli import _at_root, run  # noqa: F401 - _at_root: the autouse fixture

import gametrust
from gametrust.analysis.leadership_sweep import CommitmentSweep, sweep_commitment
from gametrust.analysis.parametric import between
from gametrust.core.errors import ArgumentError
from gametrust.formats.scenario_data import scenario_from_data
from gametrust.report.sweep_data import schema
from gametrust.solvers.stackelberg import leader_commitment

FILE = "scenarios/inspection_mixed_leadership.yaml"
F = Fraction


def test_detection_sweep_has_exact_breakpoints_from_the_cli() -> None:
    result = run("sweep", FILE, "--param", "detection", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema()).validate(data)
    commitment = data["commitment"]
    assert [b["value"] for b in commitment["breakpoints"]] == ["1/24", "23/110"]
    first, second, third = commitment["segments"]
    # poor detection: trusting a violator beats inspecting, then inspecting always does;
    # from d = 23/110 an announced rate below 1 keeps the state legal
    assert (first["response"], first["strategy"]) == ("Violate", {"Inspect": "0", "Trust": "1"})
    assert (second["response"], second["strategy"]["Inspect"]) == ("Violate", "1")
    assert third["response"] == "Comply" and third["closed"] == [True, True]
    assert third["strategy"]["Inspect"] == "20/(110*detection - 3)"
    assert third["payoffs"]["Inspector"] == "-22/(110*detection - 3)"
    assert F(20) / (110 * F(3, 5) - 3) == F(20, 63)  # at the scenario's detection, p* = 20/63
    text = run("sweep", FILE, "--param", "detection").stdout
    assert "detection in [23/110, 1]: State responds Comply" in text
    assert "Inspector: Inspect 20/(110*detection - 3)" in text


def _check_along(sweep: CommitmentSweep, scenario, axis: str) -> int:
    """At every segment's ends and an inner point, the segment's formulas give an optimal
    commitment: the leader's value equals the exact LP's there. Returns the points checked."""
    checked = 0
    kind, _, name = axis.partition(":")
    for seg in sweep.segments:
        points = []
        if seg.is_point:
            points.append(seg.lo)
        else:
            points.append(between(seg.lo, seg.hi))
            points += [p for p, closed in ((seg.lo, seg.closed_lo), (seg.hi, seg.closed_hi))
                       if closed]
        for t in points:
            if not isinstance(t, Fraction):
                continue
            if kind == "param":
                game = scenario.build({name: t})
            else:
                game = scenario.build(empathy={p: t for p in scenario.player_ids})
            exact = leader_commitment(game, sweep.leader)
            lead = sweep.players.index(sweep.leader)
            assert seg.payoffs[lead](t) == exact.value, (seg.label(sweep.symbol), t)
            # the formula's strategy is a commitment the response answers best
            x = [f(t) for f in seg.strategy]
            assert sum(x) == 1 and min(x) >= 0
            checked += 1
    return checked


@pytest.mark.parametrize("axis", ["param:detection", "param:penalty", "param:loss", "empathy",
                                  "param:crisis"])
def test_the_sweep_agrees_with_the_exact_programs_along_the_axis(axis: str) -> None:
    scenario = gametrust.load(FILE)
    sweep = sweep_commitment(scenario, axis)
    assert _check_along(sweep, scenario, axis) >= len(sweep.segments)


def _parametric(values: list[tuple[int, int]], rows: int, cols: int) -> gametrust.Scenario:
    lead = [f"a{i}" for i in range(rows)]
    follow = [f"b{j}" for j in range(cols)]
    payoffs = {}
    k = 0
    for i in lead:
        for j in follow:
            vector = []
            for _ in range(2):
                a, b = values[k]
                k += 1
                vector.append(f"{a} + {b}*t")
            payoffs[f"{i}, {j}"] = vector
    return scenario_from_data({
        "gametrust": 1, "title": "random", "parameters": {"t": {"value": 0, "range": [0, 1]}},
        "players": {"L": {"actions": lead}, "G": {"actions": follow}},
        "payoffs": payoffs, "leadership": {"leader": "L"},
    })


@settings(max_examples=15, deadline=None)
@given(st.tuples(st.integers(2, 3), st.integers(2, 3)).flatmap(lambda shape: st.tuples(
    st.just(shape),
    st.lists(st.tuples(st.integers(-3, 3), st.integers(-3, 3)),
             min_size=2 * shape[0] * shape[1], max_size=2 * shape[0] * shape[1]))))
def test_random_parametric_games_agree_with_the_programs_at_every_point(data) -> None:
    (rows, cols), values = data
    scenario = _parametric(values, rows, cols)
    sweep = sweep_commitment(scenario, "param:t")
    _check_along(sweep, scenario, "param:t")
    for k in range(8):  # and on a grid, wherever it falls
        t = F(k, 7)
        seg = next(s for s in sweep.segments if _contains(s, t))
        exact = leader_commitment(scenario.build({"t": t}), "L")
        assert seg.payoffs[0](t) == exact.value


def _contains(seg, t: Fraction) -> bool:
    from gametrust.core.polynomial import compare

    lo, hi = compare(seg.lo, t), compare(t, seg.hi)
    if seg.is_point:
        return lo == 0
    return (lo < 0 or (lo == 0 and seg.closed_lo)) and (hi < 0 or (hi == 0 and seg.closed_hi))


def test_an_irrational_breakpoint_is_exact() -> None:
    # the follower always plays r; the leader's rows pay t^2 and 1/2: the switch is at
    # t = sqrt(2)/2
    scenario = scenario_from_data(yaml.safe_load("""
gametrust: 1
title: irrational
parameters: {t: {value: 0, range: [0, 1]}}
players:
  L: {actions: [up, down]}
  G: {actions: [l, r]}
payoffs:
  up, l: ["t*t", 0]
  up, r: ["t*t", 1]
  down, l: ["1/2", 0]
  down, r: ["1/2", 1]
leadership: {leader: L}
"""))
    data = sweep_commitment(scenario, "param:t").to_dict()
    (breakpoint,) = data["breakpoints"]
    assert breakpoint["rational"] is False and breakpoint["value"] == "sqrt(2)/2"
    assert [s["strategy"]["up"] for s in data["segments"]] == ["0", "1"]


def test_what_a_leadership_sweep_does_not_do_is_a_located_error() -> None:
    result = run("sweep", FILE, "--param", "gain", "--format", "csv")
    assert result.exit_code == 2 and result.stderr.startswith("error: --format")
    result = run("sweep", FILE, "--empathy", "Inspector", "--empathy", "State")
    assert result.exit_code == 2 and "one axis" in result.stderr
    with pytest.raises(ArgumentError, match="one axis"):
        gametrust.sweep(gametrust.load(FILE), ("empathy:Inspector", "empathy:State"))
    big = _parametric([(1, 0)] * 32, 4, 4)  # 4 x C(7, 3) = 140 vertex candidates
    with pytest.raises(ArgumentError, match="too many") as info:
        gametrust.sweep(big, "param:t")
    assert info.value.location.path == ("--param",)


def test_the_docs_example_is_what_the_cli_prints() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "sweep.md").read_text("utf-8")
    section = doc.split("## Sweeps of scenarios with leadership", 1)[1]
    block = section[section.index("$ gametrust sweep"):]
    command, _, *expected = block[: block.index("```")].splitlines()
    out = run(*command.split()[2:])
    assert out.exit_code == 0
    lines = out.stdout.splitlines()
    assert lines[-len(expected):] == expected
