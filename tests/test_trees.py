"""Game trees: subgame-perfect equilibria are Nash, backward induction agrees with the
normal form, ties give every subgame-perfect equilibrium, empathy commutes with the
reduced normal form."""

from __future__ import annotations

from fractions import Fraction as F
from itertools import product

import numpy as np
import pytest
from conftest import SCENARIOS
from hypothesis import assume, given, settings

from gametrust import ArgumentError, is_nash, load, solve
from gametrust.model.empathy import apply_empathy, empathize_tensor
from gametrust.model.reduced import behavior_to_plans, plans_to_behavior, reduced_normal_form
from gametrust.model.tree import Chance, Decision, GameTree, Terminal
from gametrust.solvers.exact_polytope import RATIONAL, in_hull
from gametrust.solvers.extensive import solve_tree
from gametrust.testing.strategies import trees


def T(*values):
    return Terminal(tuple(F(v) for v in values))


ENTRY = GameTree(
    ("Entrant", "Incumbent"),
    Decision(0, (("Out", T(0, 2)), ("In", Decision(1, (("Fight", T(-1, -1)),
                                                      ("Share", T(1, 1))))))),
)


def test_entry_deterrence_threat_is_not_credible() -> None:
    result = solve_tree(ENTRY)
    [spe] = result.subgame_perfect
    assert spe.behavior == {"Entrant:1": {"Out": 0, "In": 1}, "Incumbent:1": {"Fight": 0,
                                                                               "Share": 1}}
    assert spe.payoffs == (1, 1)
    assert spe.path_text(ENTRY) == ["Entrant In -> Incumbent Share"]
    # Nash but not subgame-perfect: stay out against the threat to fight (a segment of
    # equilibria: Fight with probability at least 1/2)
    outs = [e for e in result.nash if "subgame-perfect" not in e.concepts]
    assert {e.behavior["Incumbent:1"]["Fight"] for e in outs} == {F(1), F(1, 2)}
    assert all(e.behavior["Entrant:1"] == {"Out": 1, "In": 0} for e in outs)


def test_ties_give_every_subgame_perfect_equilibrium() -> None:
    tree = GameTree(("A", "B"), Decision(0, (
        ("L", Decision(1, (("x", T(1, 0)), ("y", T(3, 0))))),  # B indifferent
        ("R", T(2, 2)),
    )))
    result = solve_tree(tree)
    found = sorted(
        (e.behavior["B:1"]["x"], e.behavior["A:1"]["L"], e.payoffs) for e in result.subgame_perfect
    )
    # B plays x -> A prefers R (2 > 1); B plays y -> A prefers L (3 > 2); B mixing x with
    # probability 1/2 leaves A indifferent (L is worth 3 - 2q): A plays L or R, or any mix
    assert found == [
        (0, 1, (3, 0)), (F(1, 2), 0, (2, 2)), (F(1, 2), 1, (2, 0)), (1, 0, (2, 2)),
    ]
    # two segments of subgame-perfect equilibria: q in [0, 1/2] with L, q = 1/2 with any mix
    # of L and R, and q in [1/2, 1] with R
    assert len(result.components) == 3
    assert result.complete and result.subgame_perfect_complete


def test_chance_nodes_are_expected_values() -> None:
    tree = GameTree(("A", "B"), Chance((
        ("good", F(1, 3), Decision(0, (("l", T(3, 0)), ("r", T(0, 3))))),
        ("bad", F(2, 3), T(0, 0)),
    )))
    [spe] = solve_tree(tree).subgame_perfect
    assert spe.payoffs == (1, 0)
    assert dict(spe.outcomes) == {("good", "l"): F(1, 3), ("bad",): F(2, 3)}


def test_simultaneous_move_tree_equals_the_matrix_game() -> None:
    # the Stag Hunt as a tree: B does not see A's move
    def b_moves(row):
        return Decision(1, (("S", T(*row[0])), ("H", T(*row[1]))), infoset="B")

    tree = GameTree(("A", "B"), Decision(0, (
        ("S", b_moves([(3, 3), (0, 2)])), ("H", b_moves([(2, 0), (2, 2)])))))
    result = solve_tree(tree)
    assert len(result.subgame_perfect) == 3  # no proper subgames: the three Nash equilibria
    mixed = [e for e in result.subgame_perfect if not e.pure]
    assert mixed[0].behavior["A:1"] == {"S": F(2, 3), "H": F(1, 3)}


def _plan_profile(tree, plans, behavior):
    return [behavior_to_plans(tree, plans[p], behavior) for p in range(len(tree.players))]


@given(trees(max_depth=3, max_moves=2))
@settings(max_examples=60)
def test_every_subgame_perfect_equilibrium_is_nash(tree) -> None:
    result = solve_tree(tree)
    assert result.subgame_perfect, "every finite tree has a subgame-perfect equilibrium"
    game, plans = reduced_normal_form(tree)
    for e in result.subgame_perfect:
        assert is_nash(game, _plan_profile(tree, plans, e.behavior))
    for e in result.nash:
        assert e.payoffs in {tuple(x.payoffs) for x in solve(game)}


@given(trees(max_depth=4, max_moves=2, information_sets=False, chance=False,
             min_value=-1000, max_value=1000))
@settings(max_examples=60)
def test_backward_induction_agrees_with_the_normal_form_without_ties(tree) -> None:
    by_player = [[n.payoffs[i] for _, n in tree.nodes() if isinstance(n, Terminal)]
                 for i in range(2)]
    if any(len(set(v)) < len(v) for v in by_player):
        return  # ties: several subgame-perfect equilibria are possible
    result = solve_tree(tree)
    assert len(result.subgame_perfect) == 1
    [spe] = result.subgame_perfect
    game, plans = reduced_normal_form(tree)
    assume(game.shape[0] * game.shape[1] <= 64)  # complete enumeration stays quick
    normal = solve(game)
    profile = _plan_profile(tree, plans, spe.behavior)
    assert tuple(tuple(s) for s in profile) in {e.strategies for e in normal}


@given(trees(max_depth=3, max_moves=2))
@settings(max_examples=40)
def test_empathy_commutes_with_the_reduced_normal_form(tree) -> None:
    weights = [F(1, 3), F(1, 2)]
    adjusted = tree.map_values(
        lambda v: tuple(empathize_tensor(np.array([[x] for x in v], dtype=object), weights,
                                         "altruism")[:, 0])
    )
    left, _ = reduced_normal_form(adjusted)
    right = apply_empathy(reduced_normal_form(tree)[0], weights)
    assert np.all(left.payoffs == right.payoffs)


def test_invalid_trees_are_refused() -> None:
    with pytest.raises(ArgumentError):  # information set with different moves
        GameTree(("A", "B"), Decision(0, (
            ("l", Decision(1, (("x", T(0, 0)), ("y", T(0, 0))), infoset="I")),
            ("r", Decision(1, (("x", T(0, 0)), ("z", T(0, 0))), infoset="I")),
        )))
    with pytest.raises(ArgumentError):  # wrong number of payoffs
        GameTree(("A", "B"), Decision(0, (("l", T(0)), ("r", T(0, 0)))))
    with pytest.raises(ArgumentError):  # probabilities must sum to 1
        solve_tree(GameTree(("A",), Chance((("h", F(1, 2), T(1)), ("t", F(1, 3), T(0))))))


# -- the result as a value -----------------------------------------------------------------------


def test_tree_result_satisfies_the_result_protocol() -> None:
    from gametrust.core.display import Displayable
    from gametrust.solvers.result import Result

    result = solve_tree(ENTRY)
    assert isinstance(result, Result) and isinstance(result, Displayable)
    assert result.method == "backward-induction" and result.exact and result.complete
    assert result.max_regret == 0 and isinstance(result.max_regret, F)
    # the subgame-perfect equilibrium first, then the two threats never carried out
    assert len(result.equilibria) == 3 and result.equilibria[0] == result.subgame_perfect[0]
    data = result.to_dict()
    assert data["max_regret"] == "0" and data["players"] == ["Entrant", "Incumbent"]
    assert [e["concepts"] for e in data["subgame_perfect"]] == [["subgame-perfect", "nash"]]
    assert data["tree"]["moves"][0] == {"move": "Out", "node": {"payoffs": {
        "Entrant": "0", "Incumbent": "2"}}}
    assert str(result).splitlines() == [
        "1 subgame-perfect equilibrium, 3 Nash equilibria (backward-induction, exact, complete):",
        "  1. Entrant In -> Incumbent Share  [Entrant 1, Incumbent 1]",
    ]


@given(trees(max_depth=3, max_moves=2))
@settings(max_examples=30)
def test_tree_certificates_are_exactly_zero(tree) -> None:
    result = solve_tree(tree)
    assert result.max_regret == 0
    assert len(result.to_dict()["subgame_perfect"]) == len(result.subgame_perfect)


# -- every extreme subgame-perfect equilibrium, mixed at ties (issue 10, item 3) ---------------


def local_realization(tree: GameTree, behavior) -> dict:
    """The coordinates of the pieces: for every subgame root, each player's conditional
    realization plan of the sequences in its local game (computed here from behaviour,
    independently of the solver)."""
    roots = tree.subgame_roots
    out = {}
    for path, node in tree.nodes():
        if not isinstance(node, Decision):
            continue
        owner = max((r for r in roots if path[: len(r)] == r), key=len)
        # own probability from the owner subgame's root down to this node
        prob = F(1)
        current = tree.root
        for depth, label in enumerate(path):
            here = path[:depth]
            if isinstance(current, Decision):
                if len(here) >= len(owner) and current.player == node.player:
                    dist = behavior[tree.infoset_of[here]]
                    prob = prob * (0 if dist is None else dist[label])
                current = dict(current.moves)[label]
            else:
                current = {m[0]: m[2] for m in current.moves}[label]
        dist = behavior.get(tree.infoset_of[path])
        for action in node.actions:
            value = 0 if dist is None or prob == 0 else prob * dist[action]
            out[(tree.infoset_of[path], action)] = value
    return out


def nash_in_every_subgame(tree: GameTree, behavior, forms: dict) -> bool:
    """Nash in the reduced normal form of every subgame (the definition, checked there)."""
    for root in tree.subgame_roots:
        if root not in forms:
            sub = tree.subgame(root)
            forms[root] = (sub, *reduced_normal_form(sub))
        sub, game, plans = forms[root]
        own = {i.id for i in sub.infosets}
        restricted = {k: v for k, v in behavior.items() if k in own}
        if not is_nash(game, [behavior_to_plans(sub, plans[p], restricted)
                              for p in range(len(tree.players))]):
            return False
    return True


def _pure_profiles(tree: GameTree):
    sets = tree.infosets
    for choice in product(*(i.actions for i in sets)):
        yield {i.id: {a: F(int(a == c)) for a in i.actions}
               for i, c in zip(sets, choice, strict=True)}


@given(trees(max_depth=3, max_moves=2, min_value=-2, max_value=2))
@settings(max_examples=50)
def test_subgame_perfect_equilibria_are_the_nash_equilibria_nash_in_every_subgame(tree) -> None:
    """The SPE set equals the Nash equilibria of the reduced normal form that are Nash in every
    subgame: every listed point, and the centre of every listed piece, is one; every pure one
    is listed; every extreme Nash equilibrium that reaches every information set and is Nash
    in every subgame lies in a listed piece.  Payoffs in [-2, 2] make ties common."""
    result = solve_tree(tree)
    forms: dict = {}
    listed = result.subgame_perfect
    coords = [local_realization(tree, e.behavior) for e in listed]
    for e in listed:
        assert nash_in_every_subgame(tree, e.behavior, forms)
    keys = sorted({k for c in coords for k in c})
    vectors = [tuple(c.get(k, F(0)) for k in keys) for c in coords]
    for comp in result.components:
        for m in comp:  # every listed point is an extreme point of its pieces
            assert not in_hull(vectors[m], [vectors[o] for o in comp if o != m], RATIONAL)
        centre = [sum((vectors[m][j] for m in comp), F(0)) / len(comp) for j in range(len(keys))]
        behavior = {}
        for info in tree.infosets:
            weights = [centre[keys.index((info.id, a))] for a in info.actions]
            total = sum(weights, F(0))
            behavior[info.id] = (None if total == 0 else
                                 {a: w / total for a, w in zip(info.actions, weights, strict=True)})
        assert nash_in_every_subgame(tree, behavior, forms), "a piece holds a non-SPE point"
    for behavior in _pure_profiles(tree):
        if nash_in_every_subgame(tree, behavior, forms):
            # a pure SPE is listed (open only where its own player never reaches)
            assert any(all(e.behavior[i] is None or e.behavior[i] == behavior[i]
                           for i in behavior) for e in listed if e.pure)
    if not result.subgame_perfect_complete or result.normal_form is None:
        return
    plans = result.plans
    for e in result.normal_form:
        behavior = {}
        for p in range(len(tree.players)):
            behavior.update(plans_to_behavior(tree, plans[p], e.strategies[p], p))
        if any(v is None for v in behavior.values()):
            continue
        if not nash_in_every_subgame(tree, behavior, forms):
            continue
        point = local_realization(tree, behavior)
        target = tuple(point.get(k, F(0)) for k in keys)
        assert any(in_hull(target, [vectors[m] for m in comp], RATIONAL)
                   for comp in result.components), "an SPE outside every listed piece"


BOND = SCENARIOS / "agreed_framework_1994.yaml"


def test_the_bond_threshold_has_mixed_subgame_perfect_equilibria() -> None:
    """At bond k = 1 North Korea is indifferent after committing and getting relief; the US is
    indifferent when it complies with probability 1/3; North Korea is indifferent between
    committing and not when the US grants relief with probability 1/4.  Six extreme SPEs."""
    tree = load(BOND).build_tree({"bond": "1"})
    result = solve_tree(tree)
    assert result.complete and result.subgame_perfect_complete
    def mix(e, path):
        dist = e.behavior[tree.infoset_of[path]]
        return ", ".join(f"{a} {p}" if p != 1 else a for a, p in dist.items() if p > 0)

    found = {
        (mix(e, ("commit: bond", "Relief")), mix(e, ("commit: bond",)), mix(e, ()), e.payoffs)
        for e in result.subgame_perfect
    }
    assert found == {
        ("Comply", "Relief", "commit: bond", (2, F(3, 2))),
        ("Cheat", "No relief", "no commitment", (0, 0)),
        # the case: Bind -> Relief -> (Comply 1/3, Cheat 2/3), US 0, NK 3/2
        ("Comply 1/3, Cheat 2/3", "Relief", "commit: bond", (0, F(3, 2))),
        ("Comply 1/3, Cheat 2/3", "No relief", "no commitment", (0, 0)),
        ("Comply 1/3, Cheat 2/3", "Relief 1/4, No relief 3/4", "no commitment", (0, 0)),
        ("Comply 1/3, Cheat 2/3", "Relief 1/4, No relief 3/4", "commit: bond", (0, 0)),
    }
    # one connected set of segments: q in [0, 1/3] -> q = 1/3 with r in [0, 1/4] -> r = 1/4
    # with any commitment mix -> r in [1/4, 1] -> q in [1/3, 1]
    assert len(result.components) == 5
    assert result.max_regret == 0


def test_inspector_leadership_at_the_compliance_threshold() -> None:
    """Detection at the State's tie after Inspect (d(g + P) - fC = g: d = 11/50 with the
    defaults), inspections costing 3: the State mixes Comply q, and the Inspector is
    indifferent between inspecting (-3.2 q - 10.8 (1 - q)) and trusting a violator (-10)
    at q = 2/19."""
    s = load(SCENARIOS / "inspection_leadership.yaml")
    tree = s.build_tree({"detection": "11/50", "inspection_cost": "3"})
    result = solve_tree(tree)
    assert result.complete
    inspect = tree.infoset_of[("Inspect",)]
    found = {(e.behavior[tree.infoset_of[()]]["Inspect"], e.behavior[inspect]["Comply"])
             for e in result.subgame_perfect}
    # q in [2/19, 1]: inspect; q in [0, 2/19]: trust; at q = 2/19 any mix of the two
    assert found == {(1, 1), (1, F(2, 19)), (0, F(2, 19)), (0, 0)}
    for e in result.subgame_perfect:
        assert nash_in_every_subgame(tree, e.behavior, {})


# -- tree sweeps: payoffs as exact functions, every SPE at the breakpoints ----------------------


def test_tree_sweep_payoffs_are_exact_functions_of_the_swept_value() -> None:
    from gametrust import sweep
    from gametrust.core.polynomial import RationalFunction
    from gametrust.report.tree import render_tree_sweep, tree_sweep_dict

    af = load(BOND)
    result = sweep(af, "param:cost")
    first = result.intervals[0]
    assert (first.lo, first.hi) == (0, 2)
    [commit] = first.payoff_formulas
    # committing: the US gets 2, North Korea 2 - cost, on the whole interval
    for t in (F(0), F(1, 3), F(19, 10)):
        assert first.payoffs_at(0, t) == (2, 2 - t)
    assert commit[1] == RationalFunction.constant(2) - RationalFunction.variable()
    assert "[US 2, DPRK 2 - cost]" in render_tree_sweep(result)
    data = tree_sweep_dict(result)
    interval = data["segments"][0]
    assert interval["subgame_perfect"][0]["payoff_formulas"] == {"US": "2", "DPRK": "2 - cost"}


def test_tree_sweep_lists_every_subgame_perfect_equilibrium_at_a_breakpoint() -> None:
    from gametrust import sweep

    result = sweep(load(BOND), "param:bond")
    [bp] = result.breakpoints
    assert bp.value == 1
    # the six extreme SPEs of the threshold, mixed ones included
    assert len(bp.result.subgame_perfect) == 6
    assert sum(not e.pure for e in bp.result.subgame_perfect) == 4
    # on each side one pure SPE, with constant payoffs
    assert [len(i.result.subgame_perfect) for i in result.intervals] == [1, 1]
    assert result.intervals[1].payoffs_at(0, 2) == (2, F(3, 2))


def test_tree_sweep_follows_mixed_stage_equilibria_exactly() -> None:
    """The moratorium scenario: after no commitment the stage game is a Stag Hunt for
    1/4 < e < 2/3, whose mixed equilibrium's payoff is (8e^2 - 9e + 8)/(e + 1)."""
    from gametrust import sweep

    result = sweep(load(SCENARIOS / "korea_moratorium.yaml"), "empathy")
    interval = result.at(F(1, 4) + F(1, 100))
    mixed = [k for k, e in enumerate(interval.result.subgame_perfect) if not e.pure]
    assert mixed
    for t in (F(26, 100), F(28, 100)):
        value = (8 * t * t - 9 * t + 8) / (t + 1)
        assert interval.payoffs_at(mixed[0], t) == (value, value)


def test_an_announced_inspection_rate_at_the_states_tie_has_its_mixed_spe() -> None:
    """At p = 10/39 the state is indifferent after the announcement; complying with
    probability 35/41 makes the inspector indifferent between announcing (-4/13 if the state
    complies, -320/39 if it violates) and staying silent (-60/41): both choices at the root
    are then subgame-perfect, with the state mixing."""
    import gametrust

    scenario = gametrust.load("tests/fixtures/trees/inspection_rate_tie.yaml")
    result = gametrust.solve(scenario)
    assert result.complete
    mixes = [
        (e.behavior["Inspector:1"], e.behavior["State:1"], e.payoffs)
        for e in result.subgame_perfect
    ]
    q = {"Comply": F(35, 41), "Violate": F(6, 41)}
    assert ({"announce rate": 1, "stay silent": 0}, q, (F(-60, 41), F(-2, 39))) in [
        ({k: v for k, v in a.items()}, dict(s), tuple(p)) for a, s, p in mixes
    ]
    assert len(mixes) == 4
