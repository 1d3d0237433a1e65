"""Scenarios: the shipped files, building games, the two payoff forms, the schema."""

from __future__ import annotations

import json
import sys
import types
from fractions import Fraction
from itertools import product
from pathlib import Path

import jsonschema
import pytest
import yaml

from gametrust.core.errors import ArgumentError, ExpressionError, ScenarioError
from gametrust.formats.load import load, loads
from gametrust.formats.scenario_data import scenario_from_data, scenario_to_data
from gametrust.model.regret import is_nash
from gametrust.scenario.expression import Expression
from gametrust.scenario.scenario import Parameter, Player, Scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
SCHEMA = ROOT / "gametrust" / "schemas" / "scenario.schema.json"

F = Fraction
PURE = {0: (1, 0), 1: (0, 1)}


def pure(*indices: int) -> tuple[tuple[int, int], ...]:
    return tuple(PURE[i] for i in indices)


def pure_equilibria(game) -> set[tuple[str, ...]]:
    found = set()
    for index in product(*(range(k) for k in game.shape)):
        profile = tuple(
            tuple(1 if a == k else 0 for a in range(size))
            for k, size in zip(index, game.shape, strict=True)
        )
        if is_nash(game, profile):
            found.add(tuple(game.actions[i][k] for i, k in enumerate(index)))
    return found


# -- shipped scenarios --------------------------------------------------------------------------


def test_all_four_scenarios_ship() -> None:
    assert {p.stem for p in SCENARIOS} >= {"korea", "prisoners_dilemma", "stag_hunt", "chicken"}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenarios_load_exactly(path: Path) -> None:
    scenario = load(path)
    assert scenario.path == str(path)
    game = scenario.build()
    assert game.exact
    assert game.players == scenario.player_ids
    assert all(isinstance(v, Fraction) for v in game.payoffs.ravel())


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenarios_match_the_json_schema(path: Path) -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(path.read_text()), schema)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_to_data_round_trips_through_yaml(path: Path) -> None:
    scenario = load(path)
    again = loads(yaml.safe_dump(scenario_to_data(scenario), sort_keys=False))
    assert again == scenario
    assert hash(again) == hash(scenario)
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validate(scenario_to_data(scenario), schema)


def test_korea_is_a_prisoners_dilemma_until_empathy() -> None:
    korea = load(ROOT / "scenarios" / "korea.yaml")
    assert korea.title == "Singapore summit, 2018"
    assert korea.player_ids == ("US", "DPRK")
    assert korea.actions == (("Pressure", "Reassure"), ("Arm", "Freeze"))
    assert korea.parameters["relief"] == Parameter(
        "relief", F(4), (F(2), F(6)), korea.parameters["relief"].description
    )
    assert korea.empathy == {"US": 0, "DPRK": 0}
    assert korea.empathy_model == "altruism"
    assert korea.sources

    game = korea.build()
    assert game.payoff(("Pressure", "Arm")) == (2, 2)
    assert game.payoff(("Pressure", "Freeze")) == (5, 0)
    assert game.payoff(("Reassure", "Arm")) == (0, 5)
    assert game.payoff(("Reassure", "Freeze")) == (4, 4)
    assert pure_equilibria(game) == {("Pressure", "Arm")}


@pytest.mark.parametrize(
    ("e", "expected"),
    [
        (F(0), {("Pressure", "Arm")}),
        (F(1, 4) - F(1, 1000), {("Pressure", "Arm")}),
        (F(1, 4), {("Pressure", "Arm"), ("Reassure", "Freeze")}),  # Stag Hunt
        (F(1, 2), {("Pressure", "Arm"), ("Reassure", "Freeze")}),
        (F(2, 3), {("Pressure", "Arm"), ("Reassure", "Freeze")}),  # weak: boundary
        (F(2, 3) + F(1, 1000), {("Reassure", "Freeze")}),  # Harmony
    ],
)
def test_korea_empathy_thresholds(e: Fraction, expected: set[tuple[str, ...]]) -> None:
    korea = load(ROOT / "scenarios" / "korea.yaml")
    game = korea.build(empathy={"US": e, "DPRK": e})
    assert pure_equilibria(game) == expected


def test_korea_parameter_override() -> None:
    korea = load(ROOT / "scenarios" / "korea.yaml")
    game = korea.build({"relief": "11/2"})
    assert game.payoff(("Reassure", "Freeze")) == (F(11, 2), F(11, 2))
    # with relief above T = 5, restraint is an equilibrium without empathy
    assert ("Reassure", "Freeze") in pure_equilibria(game)
    assert korea.parameter_values({"relief": 0.5}) == {"relief": 0.5}
    assert not korea.build({"relief": 0.5}).exact


def test_stag_hunt_mixed_equilibrium_is_exactly_two_thirds() -> None:
    game = load(ROOT / "scenarios" / "stag_hunt.yaml").build()
    mixed = (F(2, 3), F(1, 3))
    assert is_nash(game, (mixed, mixed))
    assert not is_nash(game, ((F(3, 4), F(1, 4)),) * 2)
    assert pure_equilibria(game) == {("Stag", "Stag"), ("Hare", "Hare")}


def test_prisoners_dilemma_has_only_mutual_defection() -> None:
    game = load(ROOT / "scenarios" / "prisoners_dilemma.yaml").build()
    assert pure_equilibria(game) == {("Defect", "Defect")}
    assert game.payoff(("Cooperate", "Defect")) == (0, 5)


def test_chicken_mixed_equilibrium_follows_the_crash_cost() -> None:
    chicken = load(ROOT / "scenarios" / "chicken.yaml")
    assert chicken.title == "Chicken (deterrence)"
    game = chicken.build()
    assert pure_equilibria(game) == {("Swerve", "Straight"), ("Straight", "Swerve")}
    assert is_nash(game, ((F(9, 10), F(1, 10)),) * 2)
    harsher = chicken.build({"crash": 20})
    assert is_nash(harsher, ((F(19, 20), F(1, 20)),) * 2)


# -- payoff forms and numbers -------------------------------------------------------------------

PROFILE_FORM = """
gametrust: 1
title: t
players:
  US:   {actions: [Pressure, Reassure]}
  DPRK: {actions: [Arm, Freeze]}
parameters: {relief: 4}
payoffs:
  Pressure, Arm:    [2, 2]
  Pressure,Freeze:  [5, 0]
  Reassure , Arm:   [0, 5]
  Reassure, Freeze: [relief, relief]
"""

MATRIX_FORM = """
gametrust: 1
title: t
players:
  US:   {actions: [Pressure, Reassure]}
  DPRK: {actions: [Arm, Freeze]}
parameters: {relief: 4}
payoffs:
  US:   [[2, 5], [0, relief]]
  DPRK: [[2, 0], [5, relief]]
"""


def test_matrix_form_equals_profile_form() -> None:
    by_profile = loads(PROFILE_FORM)
    by_matrix = loads(MATRIX_FORM)
    assert by_profile == by_matrix
    assert by_profile.build({"relief": 3}) == by_matrix.build({"relief": 3})


def test_three_players_in_both_forms() -> None:
    profiles = "\n".join(
        f"  {a}, {b}, {c}: [{i}, {j}, {k}]"
        for (i, a), (j, b), (k, c) in product(enumerate("xy"), enumerate("uv"), enumerate("pq"))
    )
    players = "players:\n  A: {actions: [x, y]}\n  B: {actions: [u, v]}\n  C: {actions: [p, q]}\n"
    head = "gametrust: 1\ntitle: three\n" + players
    s1 = loads(head + "payoffs:\n" + profiles + "\n")
    tensor = {
        "A": [[[0, 0], [0, 0]], [[1, 1], [1, 1]]],
        "B": [[[0, 0], [1, 1]], [[0, 0], [1, 1]]],
        "C": [[[0, 1], [0, 1]], [[0, 1], [0, 1]]],
    }
    s2 = loads(head + "payoffs: " + json.dumps(tensor) + "\n")
    assert s1 == s2
    assert s1.build().payoff(("y", "u", "q")) == (1, 0, 1)


def test_one_player_game() -> None:
    s = loads(
        "gametrust: 1\ntitle: alone\nplayers: {P: {actions: [a, b]}}\n"
        "payoffs: {a: [1], b: ['2/3']}\n"
    )
    assert s.build().payoff(("b",)) == (F(2, 3),)


def test_decimal_payoffs_are_exact() -> None:
    s = loads(PROFILE_FORM.replace("[2, 2]", "[0.1, 0.2]"))
    game = s.build()
    assert game.exact
    assert game.payoff(("Pressure", "Arm")) == (F(1, 10), F(1, 5))
    assert sum(game.payoff(("Pressure", "Arm"))) == F(3, 10)


def test_fraction_and_expression_payoffs() -> None:
    s = loads(PROFILE_FORM.replace("[2, 2]", "['2/3', 'relief^2/8 - 1']"))
    assert s.build().payoff(("Pressure", "Arm")) == (F(2, 3), F(1))


def test_unused_parameter_is_fine() -> None:
    s = loads(PROFILE_FORM.replace("parameters: {relief: 4}", "parameters: {relief: 4, spare: 1}"))
    assert s.parameter_values() == {"relief": 4, "spare": 1}


def test_empathy_may_be_an_expression_of_a_parameter() -> None:
    text = PROFILE_FORM.replace("parameters: {relief: 4}", "parameters: {relief: 4, e: 0}")
    s = loads(text + "empathy: {US: e, DPRK: e}\n")
    assert isinstance(s.empathy["US"], Expression)
    assert s.empathy_weights() == {"US": 0, "DPRK": 0}
    assert s.empathy_weights({"e": "1/4"}) == {"US": F(1, 4), "DPRK": F(1, 4)}
    assert s.build({"e": "1/4"}).payoff(("Reassure", "Freeze")) == (5, 5)
    assert loads(yaml.safe_dump(scenario_to_data(s), sort_keys=False)) == s


def test_convex_empathy_model() -> None:
    s = loads(PROFILE_FORM + "empathy: {US: 1/2}\nempathy_model: convex\n")
    # US: (1 - 1/2) * 5 + 1/2 * 0 at (Pressure, Freeze)
    assert s.build().payoff(("Pressure", "Freeze")) == (F(5, 2), 0)


# -- build options and argument errors ----------------------------------------------------------


def test_exact_flag() -> None:
    s = loads(PROFILE_FORM)
    assert not s.build(exact=False).exact
    assert s.build(exact=False).payoff(("Reassure", "Freeze")) == (4.0, 4.0)
    forced = s.build({"relief": 0.5}, exact=True)
    assert forced.exact
    assert forced.payoff(("Reassure", "Freeze")) == (F(1, 2), F(1, 2))


def test_unknown_parameter_override() -> None:
    s = loads(PROFILE_FORM)
    with pytest.raises(ArgumentError) as info:
        s.parameter_values({"releif": 3})
    assert info.value.location.path == ("--set", "releif")
    with pytest.raises(ArgumentError) as info:
        s.build({"releif": 3})
    assert info.value.location.path == ("--set", "releif")


@pytest.mark.parametrize("bad", ["abc", "1/0", True, None, [1], float("nan"), "1e999999999"])
def test_bad_parameter_override_value(bad: object) -> None:
    with pytest.raises(ArgumentError) as info:
        loads(PROFILE_FORM).parameter_values({"relief": bad})
    assert info.value.location.path == ("--set", "relief")


def test_unknown_empathy_player() -> None:
    with pytest.raises(ArgumentError) as info:
        loads(PROFILE_FORM).build(empathy={"USA": "1/4"})
    assert info.value.location.path == ("--empathy", "USA")
    with pytest.raises(ArgumentError) as info:
        loads(PROFILE_FORM).build(empathy={"US": "lots"})
    assert info.value.location.path == ("--empathy", "US")


def test_division_by_zero_under_an_override_is_located_in_the_file() -> None:
    s = loads(PROFILE_FORM.replace("[relief, relief]", "[1/(relief - 3), relief]"), "f.yaml")
    with pytest.raises(ExpressionError) as info:
        s.build({"relief": 3})
    assert info.value.location.file == "f.yaml"
    assert (info.value.location.line, info.value.location.column) == (12, 23)  # the '/'
    assert info.value.location.path == ("payoffs", "Reassure, Freeze", 0)


# -- construction from Python -------------------------------------------------------------------


def _keyword_pd(**changes: object) -> Scenario:
    arguments: dict[str, object] = dict(
        title="PD",
        players=[Player("Row", "", ("C", "D")), Player("Col", "", ("C", "D"))],
        payoffs={("C", "C"): [3, 3], "C, D": [0, 5], "D, C": [5, 0], ("D", "D"): ["1", "1"]},
    )
    arguments.update(changes)
    return Scenario(**arguments)  # type: ignore[arg-type]


def test_keyword_construction_normalises() -> None:
    pd = _keyword_pd()
    assert pd.players[0].name == "Row"
    assert list(pd.payoffs) == [("C", "C"), ("C", "D"), ("D", "C"), ("D", "D")]
    assert pd.empathy == {"Row": 0, "Col": 0}
    assert pd.build().payoff(("D", "D")) == (1, 1)
    assert "PD" in repr(pd)


def test_keyword_construction_matches_loading() -> None:
    data = {
        "gametrust": 1,
        "title": "PD",
        "players": {"Row": {"actions": ["C", "D"]}, "Col": {"actions": ["C", "D"]}},
        "payoffs": {"C, C": [3, 3], "C, D": [0, 5], "D, C": [5, 0], "D, D": [1, 1]},
    }
    assert scenario_from_data(data) == _keyword_pd()


def test_scenario_from_data_accepts_python_floats_as_a_float_game() -> None:
    data = {
        "gametrust": 1,
        "title": "t",
        "players": {"A": {"actions": ["x"]}},
        "payoffs": {"x": [0.5]},
    }
    game = scenario_from_data(data).build()
    assert not game.exact


def test_scenario_from_data_errors_carry_the_key_path() -> None:
    with pytest.raises(ScenarioError) as info:
        scenario_from_data({"gametrust": 1, "title": "t", "players": {}, "payoffs": {}})
    assert info.value.location.path == ("players",)
    assert info.value.location.line is None


@pytest.mark.parametrize(
    "changes",
    [
        {"payoffs": {"C, C": [3, 3]}},  # missing profiles
        {"payoffs": {"C, C": [3, 3], "C, D": [0, 5], "D, C": [5, 0], "D, X": [1, 1]}},
        {"payoffs": {"C, C": [3], "C, D": [0, 5], "D, C": [5, 0], "D, D": [1, 1]}},
        {"payoffs": {"C, C": ["r", 3], "C, D": [0, 5], "D, C": [5, 0], "D, D": [1, 1]}},
        {"players": []},
        {"players": [Player("A", "", ("x",)), Player("A", "", ("x",))]},
        {"empathy": {"Nobody": 1}},
        {"empathy_model": "selfless"},
    ],
)
def test_keyword_construction_rejects_inconsistent_input(changes: dict[str, object]) -> None:
    with pytest.raises(ArgumentError):
        _keyword_pd(**changes)


@pytest.mark.parametrize(
    "make",
    [
        # a player without actions can only be a tree's bystander, not a normal-form player
        lambda: Scenario(title="t", players=[Player("A", "", ()), Player("B", "", ("y",))],
                         payoffs={}),
        lambda: Player("A", "", ("x", "x")),
        lambda: Parameter("p", 5, (0, 4)),
        lambda: Parameter("p", 1, (2, 0)),
        lambda: Parameter("p", "many"),
    ],
)
def test_player_and_parameter_validate(make) -> None:
    with pytest.raises(ArgumentError):
        make()


def test_scenarios_are_immutable_values() -> None:
    pd = _keyword_pd()
    with pytest.raises(TypeError):
        pd.payoffs[("C", "C")] = ()  # type: ignore[index]
    assert pd == _keyword_pd()
    assert len({pd, _keyword_pd()}) == 1


# -- loading files -----------------------------------------------------------------------------


def test_load_accepts_any_extension_as_yaml(tmp_path: Path) -> None:
    target = tmp_path / "game.txt"
    target.write_text(PROFILE_FORM)
    assert load(target) == loads(PROFILE_FORM)
    assert load(str(target)).path == str(target)


def test_nfg_files_go_to_the_gambit_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    fake = types.ModuleType("gametrust.formats.gambit_nfg")
    fake.read_nfg = lambda path: calls.append(path) or "read"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gametrust.formats.gambit_nfg", fake)
    assert load("some/Game.NFG") == "read"
    assert calls == ["some/Game.NFG"]
