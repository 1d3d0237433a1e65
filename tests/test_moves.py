"""Commitments, verification and order: how they expand, and what they change.

The shipped scenarios are checked against answers worked out by hand (in the
comments of each file); the properties at the end hold for every stage game.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametrust.core.errors import ArgumentError, ScenarioError
from gametrust.formats.load import load, loads
from gametrust.model.tree import Chance, Decision, GameTree, Terminal
from gametrust.scenario.expression import parse_expression
from gametrust.scenario.moves import (
    ALARM,
    NO_ALARM,
    NO_COMMITMENT,
    Commitment,
    Verification,
    add_commitments,
    normal_form_tree,
)
from gametrust.scenario.scenario import Player, Scenario
from gametrust.solvers.extensive import TreeEquilibrium, solve_tree
from gametrust.solvers.solve import solve

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
F = Fraction


def terminals(tree: GameTree) -> int:
    return sum(1 for _, node in tree.nodes() if isinstance(node, Terminal))


def spe(scenario: Scenario, parameters=None, empathy=None) -> tuple[TreeEquilibrium, ...]:
    return solve_tree(scenario.build_tree(parameters, empathy)).subgame_perfect


def paths(equilibria, tree: GameTree | None = None) -> set[tuple[str, ...]]:
    """The paths of the equilibria that are pure on their path (mixed ones, at ties, are
    left out)."""
    out = set()
    for e in equilibria:
        if len(e.outcomes) == 1:
            ((path, probability),) = e.outcomes
            assert probability == 1
            out.add(path)
    return out


def korea_with(**moves) -> Scenario:
    return dataclasses.replace(load(SCENARIOS / "korea.yaml"), **moves)


# -- expansion structure ---------------------------------------------------------------------


def test_simultaneous_stage_tree_is_the_normal_form() -> None:
    korea = load(SCENARIOS / "korea.yaml")
    assert not korea.is_tree
    tree = korea.tree
    assert terminals(tree) == 4
    assert [len(i.paths) for i in tree.infosets] == [1, 2]  # US, then DPRK not seeing it
    result = solve_tree(korea.build_tree())
    assert [e.payoffs for e in result.nash] == [(F(2), F(2))]
    assert result.reduced.payoffs.tolist() == korea.build().payoffs.tolist()


def test_moratorium_expands_to_a_choice_then_the_restricted_stage_game() -> None:
    s = load(SCENARIOS / "korea_moratorium.yaml")
    assert s.is_tree
    tree = s.tree
    root = tree.root
    assert isinstance(root, Decision) and tree.players[root.player] == "DPRK"
    assert root.actions == (NO_COMMITMENT, "commit: moratorium")
    assert terminals(tree) == 4 + 2  # the hard commitment removes Arm
    sets = {i.id: (tree.players[i.player], i.actions, len(i.paths)) for i in tree.infosets}
    assert sets["after DPRK commit: moratorium, not seeing US's move"] == ("DPRK", ("Freeze",), 2)
    assert sets["after DPRK no commitment, not seeing US's move"] == ("DPRK", ("Arm", "Freeze"), 2)
    # the stage game itself is unchanged: build() still gives korea.yaml's game
    assert s.build().payoffs.tolist() == load(SCENARIOS / "korea.yaml").build().payoffs.tolist()
    # the cost is paid on every path after committing, never without
    built = s.build_tree({"cost": "1/2"})
    assert built.node(("commit: moratorium", "Reassure", "Freeze")).payoffs == (F(4), F(7, 2))
    assert built.node((NO_COMMITMENT, "Reassure", "Freeze")).payoffs == (F(4), F(4))


def test_bond_is_forfeited_once_on_every_path_that_breaks_it() -> None:
    x = parse_expression
    leaf = lambda a, b: Terminal((x(str(a)), x(str(b))))  # noqa: E731
    # the committer (A) moves twice; cheating twice forfeits the bond once
    stage = GameTree(("A", "B"), Decision(0, (
        ("Keep", Decision(1, (("Go", Decision(0, (("Keep", leaf(1, 1)), ("Cheat", leaf(2, 0))))),
                              ("Stop", leaf(0, 0))))),
        ("Cheat", Decision(1, (("Go", Decision(0, (("Keep", leaf(3, 1)), ("Cheat", leaf(4, 0))))),
                               ("Stop", leaf(0, 0))))),
    )))
    pledge = Commitment("A", "pledge", ("Keep",), "bond", x("b"), x("c"))
    tree = add_commitments(stage, [pledge])
    values = {"b": F(10), "c": F(1)}
    paid = {
        path[1:]: tuple(v.evaluate(values) for v in node.payoffs)
        for path, node in tree.nodes()
        if isinstance(node, Terminal) and path[0] == pledge.label
    }
    assert paid[("Keep", "Go", "Keep")] == (1 - 1, 1)
    assert paid[("Keep", "Go", "Cheat")] == (2 - 1 - 10, 0)
    assert paid[("Cheat", "Go", "Cheat")] == (4 - 1 - 10, 0)  # once, not twice
    assert paid[("Keep", "Stop")] == (0 - 1, 0)


def test_hard_commitment_binds_only_where_the_committed_moves_are_offered() -> None:
    s = load(SCENARIOS / "agreed_framework_1994.yaml")
    hard = dataclasses.replace(
        s.commitments[0], kind="hard", bond=None
    )
    tree = dataclasses.replace(s, commitments=(hard,)).tree
    # the US's node is untouched, DPRK's node after relief keeps only Comply
    assert tree.node(("commit: bond",)).actions == ("Relief", "No relief")
    assert tree.node(("commit: bond", "Relief")).actions == ("Comply",)


def test_several_players_commit_in_declared_order_seeing_earlier_choices() -> None:
    s = korea_with(
        commitments=(
            Commitment("DPRK", "moratorium", ("Freeze",)),
            Commitment("US", "no first strike", ("Reassure",)),
            Commitment("DPRK", "dismantle", ("Freeze",), cost=3),
        )
    )
    tree = s.tree
    assert tree.players[tree.root.player] == "DPRK"
    assert tree.root.actions == (NO_COMMITMENT, "commit: moratorium", "commit: dismantle")
    for label in tree.root.actions:  # the US decides after seeing DPRK's choice
        node = tree.node((label,))
        assert tree.players[node.player] == "US"
        assert node.actions == (NO_COMMITMENT, "commit: no first strike")
    # DPRK none: US none 2x2, US committed 1x2; DPRK committed (twice): 2x1 and 1x1
    assert terminals(tree) == (4 + 2) + 2 * (2 + 1)
    assert all(len(i.paths) == 1 for i in tree.infosets if tree.players[i.player] == "US")


def test_order_makes_the_follower_see_the_leader() -> None:
    s = load(SCENARIOS / "inspection_leadership.yaml")
    assert s.order == ("Inspector", "State")
    assert s.tree.perfect_information
    assert terminals(s.tree) == 4


def test_verification_adds_a_chance_node_and_one_information_set_per_signal() -> None:
    s = korea_with(
        verification=Verification("US", "DPRK", ("Arm",), parse_expression("d"),
                                  parse_expression("f"), parse_expression("1/4")),
        parameters={"relief": 4, "d": F(9, 10), "f": F(1, 10)},
    )
    tree = s.tree
    assert tree.players[tree.root.player] == "DPRK"
    sets = {i.id: i for i in tree.infosets}
    assert {k: len(v.paths) for k, v in sets.items() if k.startswith("on ")} == {
        f"on {ALARM}": 2, f"on {NO_ALARM}": 2,
    }
    built = s.build_tree()
    after_arm, after_freeze = built.node(("Arm",)), built.node(("Freeze",))
    assert isinstance(after_arm, Chance) and isinstance(after_freeze, Chance)
    assert [m[1] for m in after_arm.moves] == [F(9, 10), F(1, 10)]
    assert [m[1] for m in after_freeze.moves] == [F(1, 10), F(9, 10)]
    # the verification cost is paid by the verifier (US, first payoff) on every path
    assert built.node(("Freeze", NO_ALARM, "Reassure")).payoffs == (F(4) - F(1, 4), F(4))
    assert built.node(("Arm", ALARM, "Pressure")).payoffs == (F(2) - F(1, 4), F(2))


# -- the Agreed Framework: committing iff bond >= 1 and cost < 2 ---------------------------------

COMMIT = ("commit: bond", "Relief", "Comply")
STATUS_QUO = (NO_COMMITMENT, "No relief")


@pytest.mark.parametrize(
    ("bond", "cost", "some", "every"),
    [
        # bond against the temptation gain 3 - 2 = 1 (cost 1/2 < 2)
        ("0", "1/2", False, False),
        ("1/2", "1/2", False, False),
        ("999/1000", "1/2", False, False),
        ("1", "1/2", True, False),  # DPRK indifferent between complying and cheating
        ("1001/1000", "1/2", True, True),
        ("2", "1/2", True, True),
        ("3", "1/2", True, True),
        # cost against the cooperation gain 2 - 0 = 2 (bond 2 >= 1)
        ("2", "0", True, True),
        ("2", "1999/1000", True, True),
        ("2", "2", True, False),  # DPRK indifferent between committing and not
        ("2", "2001/1000", False, False),
        ("2", "3", False, False),
        # both thresholds at once
        ("1", "2", True, False),
        ("1/2", "3", False, False),
    ],
)
def test_agreed_framework_commitment_thresholds(bond: str, cost: str, some: bool,
                                                every: bool) -> None:
    s = load(SCENARIOS / "agreed_framework_1994.yaml")
    found = paths(spe(s, {"bond": bond, "cost": cost}))
    assert (COMMIT in found) == some
    assert (found == {COMMIT}) == every
    # committing is on an SPE path iff bond >= 1 and cost <= 2; on every one iff > and <
    assert some == (F(bond) >= 1 and F(cost) <= 2)
    assert every == (F(bond) > 1 and F(cost) < 2)
    if not every:
        assert STATUS_QUO in found


def test_agreed_framework_defaults_and_payoffs() -> None:
    s = load(SCENARIOS / "agreed_framework_1994.yaml")
    (e,) = spe(s)
    assert paths([e]) == {COMMIT}
    assert e.payoffs == (F(2), F(3, 2))  # [US 2, DPRK 2 - cost]
    # without the commitment: no relief, the status quo
    (plain,) = spe(dataclasses.replace(s, commitments=()))
    assert paths([plain]) == {("No relief",)}


def test_a_bond_below_the_temptation_gain_is_useless_but_free_bonds_tie() -> None:
    s = load(SCENARIOS / "agreed_framework_1994.yaml")
    # at cost 0 a bond that does not deter cheating leaves DPRK indifferent
    found = paths(spe(s, {"bond": "1/2", "cost": "0"}))
    assert found == {STATUS_QUO, ("commit: bond", "No relief")}


# -- the inspection game --------------------------------------------------------------------


def inspection_closed_form(v: dict[str, Fraction]) -> tuple[Fraction, Fraction]:
    """P(Inspect) and P(Violate) from the comments of scenarios/inspection.yaml."""
    d, f, g, P = v["detection"], v["false_alarm"], v["gain"], v["penalty"]
    L, e, C = v["loss"], v["inspection_cost"], v["crisis"]
    return g / (d * (g + P) - f * C), (e + f * C) / (d * L + f * C)


INSPECTION_POINTS = [
    {},
    {"detection": "1/2"},
    {"detection": "1", "false_alarm": "0"},
    {"detection": "9/10", "false_alarm": "1/4", "crisis": "5"},
    {"gain": "5", "penalty": "12", "loss": "7", "inspection_cost": "3/2"},
]


@pytest.mark.parametrize("overrides", INSPECTION_POINTS)
def test_inspection_mixed_equilibrium_is_the_closed_form(overrides: dict[str, str]) -> None:
    s = load(SCENARIOS / "inspection.yaml")
    values = s.parameter_values(overrides)
    inspect, violate = inspection_closed_form(values)
    assert 0 < inspect < 1 and 0 < violate < 1
    (normal,) = solve(s.build(overrides))
    assert normal.strategies == ((inspect, 1 - inspect), (1 - violate, violate))
    result = solve_tree(s.build_tree(overrides))
    (e,) = result.subgame_perfect
    assert e.behavior["Inspector:1"] == {"Inspect": inspect, "Trust": 1 - inspect}
    assert e.behavior["not seeing Inspector's move"] == {"Comply": 1 - violate,
                                                         "Violate": violate}
    assert e.payoffs == (-values["loss"] * violate,
                         -inspect * values["false_alarm"] * values["crisis"])


def test_inspection_defaults_give_the_numbers_in_the_comments() -> None:
    s = load(SCENARIOS / "inspection.yaml")
    (e,) = solve(s.build())
    assert e.strategies == ((F(10, 39), F(29, 39)), (F(35, 41), F(6, 41)))
    assert e.payoffs == (F(-60, 41), F(-2, 39))


@pytest.mark.parametrize("overrides", INSPECTION_POINTS)
def test_under_inspector_leadership_the_inspectee_complies(overrides: dict[str, str]) -> None:
    s = load(SCENARIOS / "inspection_leadership.yaml")
    v = s.parameter_values(overrides)
    (e,) = spe(s, overrides)
    assert paths([e]) == {("Inspect", "Comply")}
    fc = v["false_alarm"] * v["crisis"]
    assert e.payoffs == (-v["inspection_cost"] - fc, -fc)
    # the leadership file is the simultaneous file plus order
    simultaneous = load(SCENARIOS / "inspection.yaml")
    assert s.payoffs == simultaneous.payoffs and s.parameters == simultaneous.parameters
    assert dataclasses.replace(simultaneous, order=("Inspector", "State"), title=s.title,
                               description=s.description, sources=s.sources) == s


def test_leadership_pays_the_inspector_iff_false_alarms_cost_less_than_missed_violations() -> None:
    simultaneous = load(SCENARIOS / "inspection.yaml")
    leader = load(SCENARIOS / "inspection_leadership.yaml")
    for overrides in INSPECTION_POINTS:
        v = simultaneous.parameter_values(overrides)
        (mixed,) = solve(simultaneous.build(overrides))
        (led,) = spe(leader, overrides)
        better = led.payoffs[0] >= mixed.payoffs[0]
        assert better == (v["false_alarm"] * v["crisis"] <= (1 - v["detection"]) * v["loss"])


# -- verification with detection 1 and false alarm 0 is sequential play ------------------------


def entry_game(**moves) -> Scenario:
    """Entry deterrence: the incumbent's threat to fight is not credible."""
    return Scenario(
        title="Entry",
        players=[Player("Incumbent", "", ("Fight", "Share")), Player("Entrant", "", ("In", "Out"))],
        payoffs={"Fight, In": [-1, -1], "Share, In": [1, 1], "Fight, Out": [2, 0],
                 "Share, Out": [2, 0]},
        parameters={"d": 1, "f": 0},
        **moves,
    )


PERFECT = Verification("Incumbent", "Entrant", ("In",), parse_expression("d"),
                       parse_expression("f"))


def test_perfect_verification_is_sequential_play() -> None:
    verified = entry_game(verification=PERFECT)
    ordered = entry_game(order=("Entrant", "Incumbent"))
    v = {e.payoffs for e in spe(verified)}
    o = {e.payoffs for e in spe(ordered)}
    assert v == o == {(F(1), F(1))}  # the entrant enters, the incumbent shares
    assert {tuple(x for x in p if x not in (ALARM, NO_ALARM)) for p in paths(spe(verified))} \
        == paths(spe(ordered)) == {("In", "Share")}


def test_without_pruning_impossible_signals_keep_non_credible_threats() -> None:
    verified = entry_game(verification=PERFECT)
    # keeping the probability-0 branches, the 'alarm' set also holds the node after Out,
    # so the whole game is one subgame and the threat (Out, Fight on alarm) survives
    kept = solve_tree(verified.build_tree(prune=False)).subgame_perfect
    assert {e.payoffs for e in kept} == {(F(1), F(1)), (F(2), F(0))}


def test_korea_with_perfect_verification_matches_the_order() -> None:
    verification = Verification("US", "DPRK", ("Arm",), parse_expression("1"),
                                parse_expression("0"))
    verified = korea_with(verification=verification)
    ordered = korea_with(order=("DPRK", "US"))
    for empathy in ({}, {"US": "1/2", "DPRK": "1/2"}, {"US": "3/4", "DPRK": "0"}):
        assert {e.payoffs for e in spe(verified, None, empathy)} == {
            e.payoffs for e in spe(ordered, None, empathy)
        }


def test_uninformative_verification_builds_the_signal_independently_of_the_action() -> None:
    s = korea_with(verification=Verification("US", "DPRK", ("Arm",), parse_expression("1/2"),
                                              parse_expression("1/2")))
    built = s.build_tree()
    assert [m[1] for m in built.node(("Arm",)).moves] == [m[1] for m in
                                                         built.node(("Freeze",)).moves]
    # PD: the US pressures whatever it hears, DPRK arms
    assert paths_without_signals(spe(s)) == {("Arm", "Pressure")}


def paths_without_signals(equilibria) -> set[tuple[str, ...]]:
    out = set()
    for e in equilibria:
        for path, probability in e.outcomes:
            if probability > 0:
                out.add(tuple(x for x in path if x not in (ALARM, NO_ALARM)))
    return out


# -- errors when building ------------------------------------------------------------------------


def test_detection_outside_0_1_at_build_time_is_located() -> None:
    text = (SCENARIOS / "korea.yaml").read_text().replace(
        "empathy: {US: 0, DPRK: 0}",
        "verification:\n  verifier: US\n  target: DPRK\n  violations: [Arm]\n"
        "  detection: relief/5\n  false_alarm: 0\nempathy: {US: 0, DPRK: 0}",
    )
    s = loads(text, "verified.yaml")
    s.build_tree({"relief": 5})
    with pytest.raises(ScenarioError) as info:
        s.build_tree({"relief": 6})
    where = info.value.location
    assert (where.file, where.path) == ("verified.yaml", ("verification", "detection"))
    line = text.splitlines().index("  detection: relief/5") + 1
    assert (where.line, where.column) == (line, 14)


@pytest.mark.parametrize(
    ("moves", "path"),
    [
        ({"order": ("US",)}, ("order",)),
        ({"order": ("US", "DPRK", "US")}, ("order", 2)),
        ({"order": ("US", "NK")}, ("order", 1)),
        ({"verification": Verification("US", "US", ("Arm",), 1, 0)},
         ("verification", "target")),
        ({"verification": Verification("US", "DPRK", ("Pressure",), 1, 0)},
         ("verification", "violations", 0)),
        ({"verification": Verification("US", "DPRK", ("Arm",), 1, 0), "order": ("US", "DPRK")},
         ("order",)),
        ({"verification": Verification("US", "DPRK", ("Arm",), "relief", 0)},
         ("verification", "detection")),
        ({"commitments": (Commitment("NK", "x", ("Freeze",)),)}, ("commitments", 0, "player")),
        ({"commitments": (Commitment("DPRK", "x", ("Freeze", "Arm")),)},
         ("commitments", 0, "actions")),
        ({"commitments": (Commitment("DPRK", "x", ("Freeze", "Arm"), "bond", 1),)},
         ("commitments", 0, "actions")),
        ({"commitments": (Commitment("DPRK", "x", ("Freeze", "Freeze")),)},
         ("commitments", 0, "actions", 1)),
        ({"commitments": (Commitment("DPRK", "x", ("Freeze",)),
                          Commitment("DPRK", "x", ("Arm",)))}, ("commitments", 1, "name")),
        ({"commitments": (Commitment("DPRK", "x", ("Freeze",), cost="c"),)},
         ("commitments", 0, "cost")),
    ],
)
def test_inconsistent_moves_raise_with_the_key_path(moves: dict, path: tuple) -> None:
    with pytest.raises(ArgumentError) as info:
        korea_with(**moves)
    assert info.value.location.path == path


def test_verification_needs_two_players() -> None:
    with pytest.raises(ArgumentError) as info:
        Scenario(
            title="three",
            players=[Player(p, "", ("a", "b")) for p in ("A", "B", "C")],
            payoffs={", ".join(k): [0, 0, 0] for k in product("ab", repeat=3)},
            verification=Verification("A", "B", ("a",), 1, 0),
        )
    assert info.value.location.path == ("verification",)


# -- properties ---------------------------------------------------------------------------------

small = st.integers(0, 4)


@st.composite
def stage_games(draw, rows: int = 2, columns: int = 2) -> Scenario:
    a = [f"a{i}" for i in range(rows)]
    b = [f"b{j}" for j in range(columns)]
    payoffs = {f"{x}, {y}": [draw(small), draw(small)] for x in a for y in b}
    return Scenario(title="stage", players=[Player("A", "", a), Player("B", "", b)],
                    payoffs=payoffs)


@st.composite
def committed(draw):
    """A stage game (simultaneous or ordered) and one commitment option of player A or B."""
    ordered = draw(st.booleans())
    # (sequential 2x3 games have reduced normal forms too big for a quick Nash enumeration)
    game = draw(stage_games(2, 2 if ordered else draw(st.integers(2, 3))))
    if ordered:
        game = dataclasses.replace(game, order=tuple(draw(st.permutations(["A", "B"]))))
    who = draw(st.sampled_from([0, 1]))
    actions = game.players[who].actions
    subset = draw(st.lists(st.sampled_from(actions), min_size=1, max_size=len(actions) - 1,
                           unique=True))
    kind = draw(st.sampled_from(["hard", "bond"]))
    bond = draw(small) if kind == "bond" else None
    cost = draw(st.sampled_from([F(0), F(1, 2), F(1), F(3)]))
    c = Commitment(game.player_ids[who], "c", tuple(subset), kind, bond, cost)
    return game, who, c


def committer_payoffs(scenario: Scenario, who: int) -> list[Fraction]:
    return [e.payoffs[who] for e in spe(scenario)]


@settings(max_examples=60, deadline=None)
@given(committed())
def test_a_commitment_option_never_lowers_the_committers_equilibrium_payoffs(case) -> None:
    """The committer can always decline, so its worst and best SPE payoffs cannot fall."""
    game, who, commitment = case
    without = committer_payoffs(game, who)
    with_option = committer_payoffs(dataclasses.replace(game, commitments=(commitment,)), who)
    assert min(with_option) >= min(without)
    assert max(with_option) >= max(without)


@settings(max_examples=60, deadline=None)
@given(committed())
def test_a_bond_above_every_payoff_difference_acts_like_a_hard_commitment(case) -> None:
    game, _, commitment = case
    huge = Commitment(commitment.player, "c", commitment.actions, "bond", 100, commitment.cost)
    hard = Commitment(commitment.player, "c", commitment.actions, "hard", None, commitment.cost)
    bonded = {e.payoffs for e in spe(dataclasses.replace(game, commitments=(huge,)))}
    bound = {e.payoffs for e in spe(dataclasses.replace(game, commitments=(hard,)))}
    assert bonded == bound


@settings(max_examples=60, deadline=None)
@given(stage_games(2, 2), stage_games(2, 3), st.booleans(), st.sampled_from([0, 1]))
def test_costless_hard_commitment_to_one_action_secures_the_stackelberg_payoff(
    g22, g23, wide, action
) -> None:
    """Committing to a alone, A can get its best payoff among B's best replies to a."""
    game = g23 if wide else g22
    a = game.players[0].actions[action]
    replies = [game.payoffs[(a, b)] for b in game.players[1].actions]
    values = [(r[0].evaluate({}), r[1].evaluate({})) for r in replies]
    best_b = max(v[1] for v in values)
    stackelberg = max(v[0] for v in values if v[1] == best_b)
    s = dataclasses.replace(game, commitments=(Commitment("A", "c", (a,)),))
    assert max(committer_payoffs(s, 0)) >= stackelberg


@st.composite
def verified_games(draw):
    """A stage game whose target has two actions, one of them the violation."""
    k = draw(st.integers(2, 3))
    if draw(st.booleans()):
        return draw(stage_games(2, k)), "A", "B"
    return draw(stage_games(k, 2)), "B", "A"


@settings(max_examples=60, deadline=None)
@given(verified_games(), st.sampled_from([0, 1]))
def test_perfect_verification_has_the_spe_payoffs_of_sequential_play(case, violation) -> None:
    game, target, verifier = case
    actions = game.players[game.player_ids.index(target)].actions
    v = Verification(verifier, target, (actions[violation],), 1, 0)
    verified = {e.payoffs for e in spe(dataclasses.replace(game, verification=v))}
    ordered = {e.payoffs for e in spe(dataclasses.replace(game, order=(target, verifier)))}
    assert verified == ordered


def test_normal_form_tree_order_and_verification_agree_on_players() -> None:
    x = parse_expression
    payoffs = {(a, b): (x("1"), x("0")) for a in "xy" for b in "uv"}
    plain = normal_form_tree(("P", "Q"), (("x", "y"), ("u", "v")), payoffs)
    ordered = normal_form_tree(("P", "Q"), (("x", "y"), ("u", "v")), payoffs, order=("Q", "P"))
    assert plain.players == ordered.players == ("P", "Q")
    assert ordered.players[ordered.root.player] == "Q"
    assert terminals(plain) == terminals(ordered) == 4
