"""Every public value pickles: scenarios, games and results can be sent to another process.

Real instances are made from the shipped scenarios (each kind of game, each
kind of result), every value reachable from them is collected, and each value
of a public type (``gametrust.__all__``) and each result is round-tripped
through :mod:`pickle`.  The copy must equal the original where the type has
value equality, print the same, give the same ``to_dict()`` and, for a game,
solve to the same equilibria.  A test also checks that the collection covers
every public class, so a new public type without a pickling test fails here.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import numpy as np
import pytest
from conftest import SCENARIOS

import gametrust
from gametrust.analysis.reports import SignallingReport, SignalStageReport, TreeReport
from gametrust.model.game import NormalFormGame
from gametrust.solvers.signalling_result import SignallingResult

# Public names that are not value types: the protocol every result satisfies.
NOT_VALUES = {"Result"}


def _public_classes() -> dict[str, type]:
    return {
        name: value
        for name in gametrust.__all__
        if isinstance(value := getattr(gametrust, name), type) and name not in NOT_VALUES
    }


@cache
def _roots() -> tuple[Any, ...]:
    """Values of every kind, made from the shipped scenarios (each computed once)."""
    korea = gametrust.load(SCENARIOS / "korea.yaml")
    trust = gametrust.load(SCENARIOS / "korea_trust.yaml")
    geneva = gametrust.load(SCENARIOS / "geneva_1985.yaml")
    moratorium = gametrust.load(SCENARIOS / "korea_moratorium.yaml")
    inspection = gametrust.load(SCENARIOS / "inspection_leadership.yaml")
    repeated = gametrust.load(SCENARIOS / "korea_repeated.yaml")
    stage = gametrust.load(SCENARIOS / "kydd_signal_stage.yaml")
    stag = gametrust.load(SCENARIOS / "stag_hunt.yaml")
    leader = gametrust.load(SCENARIOS / "inspection_mixed_leadership.yaml")
    verified = dataclasses.replace(
        korea,
        verification=gametrust.Verification(
            "US", "DPRK", ("Arm",), gametrust.parse_expression("9/10"),
            gametrust.parse_expression("1/10"), gametrust.parse_expression("1/4")),
    )
    game = korea.build()
    solved = gametrust.solve(game)
    return (
        korea, trust, geneva, moratorium, inspection, repeated,
        game, solved, gametrust.analyse(korea), gametrust.classify(game),
        gametrust.explain(korea),
        gametrust.sweep(korea, "empathy"),
        gametrust.sweep(korea, ("empathy:US", "empathy:DPRK")),
        gametrust.check(korea, examples=10, seed=1),
        gametrust.analyse_selection(game, solved),
        trust.build_bayesian(), gametrust.solve(trust), gametrust.sweep(trust, "prior:common"),
        gametrust.analyse(trust),
        geneva.build_signalling(), gametrust.solve(geneva), gametrust.analyse(geneva),
        moratorium.build_tree(), gametrust.solve(moratorium), gametrust.analyse(moratorium),
        verified, verified.build_tree(), gametrust.solve(verified),
        gametrust.analyse(repeated),
        stage, gametrust.solve(stage), gametrust.analyse(stage), gametrust.analyse(leader),
        gametrust.learn(stag, "fictitious", iterations=50), gametrust.basins(stag),
        gametrust.qre(stag),
        gametrust.ArgumentError("bad value", gametrust.Location("f.yaml", 3, 4, ("x", 1))),
        gametrust.ScenarioError("bad key", gametrust.Location("f.yaml", 1, 2)),
        gametrust.ExpressionError("bad expression", gametrust.Location(path=("payoffs",))),
        gametrust.SolverError("no solution"),
        gametrust.GambitFormatError("bad file", gametrust.Location("g.nfg", 1, 1)),
        gametrust.InputError("bad input"),
        gametrust.GametrustError("an error"),
    )


def _children(value: Any) -> Iterator[Any]:
    if isinstance(value, (str, bytes, int, float)):
        return
    if isinstance(value, Mapping):
        yield from value.keys()
        yield from value.values()
    elif isinstance(value, (tuple, list, set, frozenset)):
        yield from value
    elif isinstance(value, np.ndarray):
        if value.dtype == object:
            yield from value.ravel()
    else:
        if dataclasses.is_dataclass(value):
            yield from (getattr(value, f.name) for f in dataclasses.fields(value))
        yield from getattr(value, "__dict__", {}).values()


@cache
def _reachable() -> tuple[Any, ...]:
    """Every value reachable from the roots (by identity, breadth first)."""
    seen: dict[int, Any] = {}
    frontier = list(_roots())
    while frontier:
        value = frontier.pop()
        if id(value) in seen:
            continue
        seen[id(value)] = value
        frontier.extend(_children(value))
    return tuple(seen.values())


def _has_value_equality(value: Any) -> bool:
    return type(value).__eq__ is not object.__eq__


def _structure(value: Any) -> Any:
    """``value`` as nested tuples of its parts, so that values holding a game tree or a
    signalling game (which compare by identity) can be compared part by part."""
    if isinstance(value, (str, bytes, int, float, type(None))):
        return value
    if isinstance(value, Mapping):
        return ("map", tuple((_structure(k), _structure(v)) for k, v in value.items()))
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, tuple(_structure(v) for v in value))
    if isinstance(value, np.ndarray):
        return ("array", value.shape, tuple(_structure(v) for v in value.ravel()))
    if dataclasses.is_dataclass(value):
        return (type(value).__name__, tuple(
            (f.name, _structure(getattr(value, f.name))) for f in dataclasses.fields(value)))
    if not _has_value_equality(value) and hasattr(value, "__dict__"):
        return (type(value).__name__, _structure(vars(value)))
    return value


def _round_trip(value: Any) -> None:
    copy = pickle.loads(pickle.dumps(value))
    assert type(copy) is type(value)
    if isinstance(value, BaseException):
        assert str(copy) == str(value)
        assert getattr(copy, "location", None) == getattr(value, "location", None)
        return
    assert _structure(copy) == _structure(value)
    if _has_value_equality(value) and not isinstance(
        value, (gametrust.TreeSolveResult, SignallingResult, TreeReport, SignallingReport,
                SignalStageReport)
    ):  # these hold a tree or a signalling game, which compare by identity
        assert copy == value
    assert str(copy) == str(value)
    if hasattr(value, "to_dict") and not isinstance(value, gametrust.Selection):
        assert json.dumps(copy.to_dict(), default=str) == json.dumps(value.to_dict(), default=str)
    if any(value is root for root in _roots()) and isinstance(
        value, (NormalFormGame, gametrust.BayesianGame, gametrust.SignallingGame,
                gametrust.GameTree)
    ):  # a built game (a scenario's tree of expressions is not solved)
        assert str(gametrust.solve(copy)) == str(gametrust.solve(value))


def _public_instances() -> list[Any]:
    classes = tuple(_public_classes().values())
    return [v for v in _reachable() if isinstance(v, classes)]


def test_every_public_class_has_an_instance_to_round_trip() -> None:
    found = {type(v) for v in _reachable()}
    missing = [
        name for name, cls in _public_classes().items()
        if not any(issubclass(t, cls) for t in found)
    ]
    assert missing == []


def test_every_public_value_round_trips() -> None:
    instances = _public_instances()
    assert len(instances) > 100
    for value in instances:
        _round_trip(value)


def test_every_result_round_trips() -> None:
    """The roots themselves: reports and sweeps (not all are public classes) pickle too."""
    for value in _roots():
        _round_trip(value)


def test_a_scenario_copy_still_builds_and_stays_read_only() -> None:
    scenario = gametrust.load(SCENARIOS / "korea.yaml")
    copy = pickle.loads(pickle.dumps(scenario))
    assert copy == scenario and hash(copy) == hash(scenario)
    assert copy.build(empathy={"US": "1/4"}) == scenario.build(empathy={"US": "1/4"})
    with pytest.raises(TypeError):
        copy.parameters["relief"] = 1  # type: ignore[index]
