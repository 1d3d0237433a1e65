"""Trees written in scenario files: reading, checking, building, writing back.

The bad-file fixtures (``tests/fixtures/bad/tree_*.yaml``) are checked in
``test_load_errors.py``; here are the behaviours around them.
"""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
import yaml

from gametrust.core.errors import ArgumentError, ExpressionError, ScenarioError
from gametrust.formats.load import load, loads
from gametrust.formats.scenario_data import scenario_to_data
from gametrust.formats.tree_section import MAX_TREE_DEPTH
from gametrust.model.tree import Chance, Decision, GameTree, Terminal
from gametrust.scenario.expression import constant, parse_expression
from gametrust.scenario.scenario import Player, Scenario
from gametrust.solvers.extensive import solve_tree
from gametrust.solvers.solve import solve

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "gametrust" / "schemas" / "scenario.schema.json").read_text())
F = Fraction

ENTRY = """\
gametrust: 1
title: Entry with a hidden type
players:
  Entrant: {}
  Incumbent: {name: The incumbent}
parameters:
  p: 1/2
tree:
  player: Entrant
  moves:
    Out: {payoffs: [0, 2]}
    In:
      chance:
        weak:
          probability: p
          then:
            player: Incumbent
            infoset: dark
            moves: {Fight: {payoffs: [-1, -1]}, Share: {payoffs: [1, 1]}}
        strong:
          probability: 1 - p
          then:
            player: Incumbent
            infoset: dark
            moves: {Share: {payoffs: [1, 0]}, Fight: {payoffs: [-2, 1]}}
"""


def entry(text: str = ENTRY, file: str = "entry.yaml") -> Scenario:
    return loads(text, file)


def line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


# -- reading ----------------------------------------------------------------------------------


def test_a_tree_scenario_reads_its_players_moves_and_information_sets() -> None:
    s = entry()
    assert s.is_tree and s.stage_tree is not None
    assert s.player_ids == ("Entrant", "Incumbent")
    assert s.players[1].name == "The incumbent"
    assert s.actions == (("Out", "In"), ("Fight", "Share"))
    assert s.payoffs == {}
    tree = s.tree
    assert sum(isinstance(n, Terminal) for _, n in tree.nodes()) == 5
    dark = {i.id: i for i in tree.infosets}["dark"]
    assert (dark.player, len(dark.paths)) == (1, 2)
    # the second node's moves are put in the first node's order
    assert tree.node(("In", "strong")).actions == ("Fight", "Share")
    assert tree.node(("In", "strong", "Fight")).payoffs == (constant(-2), constant(1))
    assert isinstance(tree.node(("In",)), Chance)


def test_a_tree_is_solved_with_expected_payoffs_over_chance() -> None:
    s = entry()
    # Incumbent in the dark: Share gives 1/2*1 + 1/2*0, Fight 1/2*(-1) + 1/2*1 = 0
    ((e,),) = [solve_tree(s.build_tree()).subgame_perfect]
    assert e.behavior["dark"] == {"Fight": 0, "Share": 1}
    assert e.payoffs == (F(1), F(1, 2))
    # at p = 1/4 the strong type is likely: fighting pays (3/4 > 1/4) and the entrant stays out
    (e,) = solve_tree(s.build_tree({"p": "1/4"})).subgame_perfect
    assert e.behavior["dark"] == {"Fight": 1, "Share": 0}
    assert e.outcomes == ((("Out",), 1),)


def test_shared_subtrees_can_be_written_once_with_yaml_anchors() -> None:
    text = """\
gametrust: 1
title: Anchored
players: {A: {}, B: {}}
tree:
  player: A
  moves:
    L: &reply {player: B, infoset: blind, moves: {x: {payoffs: [1, 0]}, y: {payoffs: [0, 1]}}}
    R: *reply
"""
    s = loads(text)
    assert [len(i.paths) for i in s.tree.infosets] == [1, 2]


def test_players_of_a_tree_scenario_may_be_empty_entries() -> None:
    s = loads("gametrust: 1\ntitle: t\nplayers: {A: , B: }\n"
              "tree: {player: A, moves: {x: {player: B, moves: {y: {payoffs: [1, 2]}}}}}\n")
    assert s.actions == (("x",), ("y",))


def test_a_player_who_never_moves_is_an_error() -> None:
    text = "gametrust: 1\ntitle: t\nplayers: {A: {}, B: {}}\ntree: {player: A, moves: {x: {payoffs: [1, 2]}}}\n"  # noqa: E501
    with pytest.raises(ScenarioError) as info:
        loads(text, "lonely.yaml")
    assert info.value.location.path == ("players", "B")
    assert info.value.location.line == 3


def test_a_tree_deeper_than_the_limit_is_one_error_not_a_crash() -> None:
    depth = MAX_TREE_DEPTH + 5
    node = "{payoffs: [0]}"
    for _ in range(depth):
        node = "{player: A, moves: {go: " + node + "}}"
    text = f"gametrust: 1\ntitle: deep\nplayers: {{A: {{}}}}\ntree: {node}\n"
    with pytest.raises(ScenarioError) as info:
        loads(text, "deep.yaml")
    assert info.value.location.path[0] == "tree"


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("    Out: {payoffs: [0, 2]}", "    Out: {payoffs: [0, 2], player: Entrant}",
         ("tree", "moves", "Out", "player")),
        ("    Out: {payoffs: [0, 2]}", "    Out: {payoffs: [0, 2], moves: {}}",
         ("tree", "moves", "Out", "payoffs")),
        ("    Out: {payoffs: [0, 2]}", "    Out: {payof: [0, 2]}",
         ("tree", "moves", "Out", "payof")),
        ("    Out: {payoffs: [0, 2]}", "    Out: {moves: {x: {payoffs: [0, 2]}}}",
         ("tree", "moves", "Out", "player")),
        ("    Out: {payoffs: [0, 2]}", "    Out: [0, 2]", ("tree", "moves", "Out")),
        ("          probability: p\n", "          probability: p\n          chance: 1\n",
         ("tree", "moves", "In", "chance", "weak", "chance")),
        ("            infoset: dark\n            moves: {Fight: {payoffs: [-1, -1]}",
         "            infoset: 'Incumbent:1'\n            moves: {Fight: {payoffs: [-1, -1]}",
         ("tree", "moves", "In", "chance", "weak", "then", "infoset")),
        ("    Out: {payoffs: [0, 2]}", "    Out: {payoffs: [0, true]}",
         ("tree", "moves", "Out", "payoffs", 1)),
        ("  p: 1/2", "  p: 0", None),  # a probability 0 branch is fine
    ],
)
def test_malformed_nodes_are_located(old: str, new: str, path: tuple | None) -> None:
    text = ENTRY.replace(old, new)
    assert text != ENTRY
    if path is None:
        entry(text)
        return
    with pytest.raises(ScenarioError) as info:
        entry(text)
    assert info.value.location.path == path
    assert info.value.location.file == "entry.yaml"
    assert info.value.location.line is not None


# -- building ---------------------------------------------------------------------------------


def test_probabilities_are_checked_with_the_values_the_tree_is_built_with() -> None:
    s = entry()
    s.build_tree({"p": "0"})
    with pytest.raises(ScenarioError) as info:
        s.build_tree({"p": "3/2"})
    where = info.value.location
    assert where.path == ("tree", "moves", "In", "chance", "strong", "probability")
    assert (where.file, where.line) == ("entry.yaml", line_of(ENTRY, "probability: 1 - p"))
    assert where.column == 24  # at the expression's first character


def test_a_sum_other_than_one_at_build_time_points_at_the_chance_node() -> None:
    text = ENTRY.replace("probability: 1 - p", "probability: 1/2")
    s = entry(text)  # 1/2 + 1/2 at the default
    with pytest.raises(ScenarioError) as info:
        s.build_tree({"p": "1/3"})
    where = info.value.location
    assert where.path == ("tree", "moves", "In", "chance")
    assert (where.line, where.column) == (line_of(text, "chance:"), 7)


def test_division_by_zero_at_build_time_is_located_in_the_file() -> None:
    text = ENTRY.replace("Share: {payoffs: [1, 1]}", "Share: {payoffs: [1, 1/p]}")
    s = entry(text)
    with pytest.raises(ExpressionError) as info:
        s.build_tree({"p": "0"})
    assert info.value.location.line == line_of(text, "1/p")
    assert info.value.location.file == "entry.yaml"


def test_empathy_applies_to_every_terminal_payoff_vector() -> None:
    s = entry()
    plain = s.build_tree()
    kind = s.build_tree(empathy={"Entrant": "1/2", "Incumbent": "1/4"})
    for (path, a), (_, b) in zip(plain.nodes(), kind.nodes(), strict=True):
        if isinstance(a, Terminal):
            u, v = a.payoffs
            assert b.payoffs == (u + v / 2, v + u / 4), path
    convex = dataclasses.replace(s, empathy_model="convex").build_tree(empathy={"Entrant": "1/2"})
    assert convex.node(("Out",)).payoffs == (F(1), F(2))
    with pytest.raises(ArgumentError) as info:
        s.build_tree(empathy={"Entrantt": 1})
    assert info.value.location.path == ("--empathy", "Entrantt")


def test_built_trees_are_exact_or_float_on_request() -> None:
    s = entry()
    assert s.build_tree().exact
    floats = s.build_tree(exact=False)
    assert not floats.exact
    assert floats.node(("Out",)).payoffs == (0.0, 2.0)


def test_chance_moves_of_probability_zero_are_pruned_unless_asked() -> None:
    s = entry()
    pruned = s.build_tree({"p": "1"})
    assert [m[0] for m in pruned.node(("In",)).moves] == ["weak"]
    kept = s.build_tree({"p": "1"}, prune=False)
    assert [m[0] for m in kept.node(("In",)).moves] == ["weak", "strong"]


def test_build_of_a_tree_scenario_is_its_reduced_normal_form() -> None:
    s = entry()
    game = s.build()
    assert game.players == s.player_ids and game.exact
    assert game.actions == (("Out", "In"), ("Fight", "Share"))
    nash = solve_tree(s.build_tree()).nash
    assert {tuple(e.payoffs) for e in solve(game)} == {e.payoffs for e in nash}
    # base_game is before empathy, build after it
    s2 = dataclasses.replace(s, empathy={"Entrant": F(1)})
    assert s2.base_game().payoffs.tolist() == game.payoffs.tolist()
    assert s2.build().payoffs.tolist() != game.payoffs.tolist()


def test_plain_normal_form_scenarios_build_their_simultaneous_tree() -> None:
    stag = load(ROOT / "scenarios" / "stag_hunt.yaml")
    assert not stag.is_tree
    result = solve_tree(stag.build_tree())
    assert {e.payoffs for e in result.nash} == {tuple(e.payoffs) for e in solve(stag.build())}


# -- writing back ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["agreed_framework_1994", "inspection_leadership", "korea_moratorium"]
)
def test_moves_in_time_round_trip_through_scenario_to_data(name: str) -> None:
    s = load(ROOT / "scenarios" / f"{name}.yaml")
    data = scenario_to_data(s)
    jsonschema.validate(data, SCHEMA)
    again = loads(yaml.safe_dump(data, sort_keys=False))
    assert again == s and hash(again) == hash(s)
    assert again.tree.render() == s.tree.render()


def test_a_written_tree_round_trips_with_chance_and_information_sets() -> None:
    s = entry()
    data = scenario_to_data(s)
    assert "payoffs" not in data and "actions" not in data["players"]["Entrant"]
    jsonschema.validate(data, SCHEMA)
    again = loads(yaml.safe_dump(data, sort_keys=False))
    assert again == s
    assert again.tree.render() == s.tree.render()
    assert dataclasses.replace(s, parameters={"p": F(1, 3)}) != s


def test_schema_rejects_what_the_loader_rejects() -> None:
    def valid(data: dict) -> bool:
        try:
            jsonschema.validate(data, SCHEMA)
        except jsonschema.ValidationError:
            return False
        return True

    data = yaml.safe_load(ENTRY)
    assert valid(data)
    assert not valid({**data, "payoffs": {"Out": [0, 2]}})  # both payoffs and tree
    assert not valid({**data, "order": ["Entrant", "Incumbent"]})  # order is for stage games
    assert not valid({**data, "players": {"Entrant": {"actions": ["Out"]}, "Incumbent": {}}})
    no_moves = yaml.safe_load(ENTRY.replace("    Out: {payoffs: [0, 2]}", "    Out: {moves: {}}"))
    assert not valid(no_moves)
    korea = yaml.safe_load((ROOT / "scenarios" / "korea.yaml").read_text())
    assert not valid({**korea, "commitments": [{"player": "DPRK", "name": "m",
                                                "actions": ["Freeze"], "kind": "bond"}]})
    assert valid({**korea, "commitments": [{"player": "DPRK", "name": "m", "actions": ["Freeze"],
                                            "kind": "bond", "bond": 2}]})
    assert not valid({**korea, "commitments": [{"player": "DPRK", "name": "m",
                                                "actions": ["Freeze"], "bond": 2}]})


# -- keyword construction ----------------------------------------------------------------------


def leaf(*values: int) -> Terminal:
    return Terminal(tuple(constant(v) for v in values))


def test_keyword_construction_accepts_ids_names_and_players() -> None:
    tree = small_tree()
    for players in (["A", "B"], [("A", "Alice"), "B"], [Player("A", "Alice", ("?",)), "B"]):
        s = Scenario(title="t", players=players, stage_tree=tree)
        assert s.actions == (("x",), ("y",))
    assert Scenario(title="t", players=[("A", "Alice"), "B"], stage_tree=tree).players[0].name \
        == "Alice"


def small_tree() -> GameTree:
    return GameTree(("A", "B"), Decision(0, (("x", Decision(1, (("y", leaf(1, 2)),))),)))


def players_in_another_order() -> Scenario:
    return Scenario(title="t", players=["B", "A"], stage_tree=small_tree())


def payoffs_and_a_tree() -> Scenario:
    return Scenario(title="t", players=["A", "B"], stage_tree=small_tree(),
                    payoffs={"x, y": [1, 2]})


def unknown_parameter() -> Scenario:
    unknown = Terminal((parse_expression("q"), constant(0)))
    tree = GameTree(("A", "B"), Decision(0, (("x", Decision(1, (("y", unknown),))),)))
    return Scenario(title="t", players=["A", "B"], stage_tree=tree)


def probabilities_not_summing_to_one() -> Scenario:
    root = small_tree().root
    coin = Chance((("h", constant(F(1, 2)), root), ("t", constant(F(1, 3)), root)))
    return Scenario(title="t", players=["A", "B"], stage_tree=GameTree(("A", "B"), coin))


def forgetting_player() -> Scenario:
    def later() -> Decision:
        return Decision(0, (("u", leaf(1, 1)), ("v", leaf(0, 0))), "s")

    tree = GameTree(("A", "B"), Decision(0, (("x", later()), ("y", later()))))
    return Scenario(title="t", players=["A", "B"], stage_tree=tree)


def order_on_a_tree() -> Scenario:
    return Scenario(title="t", players=["A", "B"], stage_tree=small_tree(), order=("A", "B"))


def player_that_is_a_number() -> Scenario:
    return Scenario(title="t", players=[1, "B"], stage_tree=small_tree())


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (players_in_another_order, ("players",)),
        (payoffs_and_a_tree, ("tree",)),
        (unknown_parameter, ("tree", "moves", "x", "moves", "y", "payoffs", 0)),
        (probabilities_not_summing_to_one, ("tree", "chance")),
        (forgetting_player, ("tree", "moves", "y", "infoset")),
        (order_on_a_tree, ("order",)),
        (player_that_is_a_number, ("players",)),
    ],
)
def test_keyword_construction_checks_trees_with_key_paths(make, path: tuple) -> None:
    with pytest.raises(ArgumentError) as info:
        make()
    assert info.value.location.path == path
