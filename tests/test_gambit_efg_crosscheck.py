"""Gambit's equilibria of exported trees are among gametrust's Nash equilibria.

For every tree in ``tests/fixtures/gambit/efg_crosscheck.json`` — trees of the
issue's kinds (entry deterrence, a simultaneous Prisoner's Dilemma, Beer-Quiche
signalling, a commitment before a simultaneous game), Gambit's own example
files, and random two-player trees of perfect recall — the fixture holds the
``.efg`` text and what pygambit 16.7.0 found on it:
``lcp_solve(game, rational=True)`` (Lemke on the sequence form: one
equilibrium, a behaviour profile), Gambit's reduced strategies, and
``enummixed_solve(game, rational=True)`` (every extreme equilibrium of
Gambit's reduced strategic form, mixed profiles over those strategies).
``tests/fixtures/make_gambit_efg_fixtures.py`` regenerates it.

What is checked, exactly:

* lcp — the behaviour profile is turned into each player's *realization plan*
  (the probability that the player's own choices follow each sequence), which
  all realization-equivalent strategies share (Kuhn).  Its mixed plan profile
  has zero regret in gametrust's reduced normal form and Gambit's payoffs, and
  its realization plans are those of one of gametrust's Nash equilibria
  (``solve_tree(tree).nash``) with the same payoffs.
* enummixed — Gambit's reduced strategies are exactly gametrust's plans (the
  same reduced normal form), and Gambit's extreme equilibria are exactly
  gametrust's, profile for profile, with the same payoffs.

The live tests at the bottom redo this on fresh random trees when pygambit is
installed, and check that pygambit reads our files as the trees we wrote and
that we read what Gambit writes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from test_gambit_efg import efg_trees, gambit_labels

from gametrust.formats.gambit_efg import parse_efg, tree_difference, write_efg
from gametrust.model.reduced import Plan, behavior_to_plans
from gametrust.model.regret import expected_payoffs, is_nash
from gametrust.model.tree import Chance, Decision, GameTree, Node, Terminal
from gametrust.solvers.extensive import TreeSolveResult, behavior_of, solve_tree

try:
    import pygambit as gbt
except ImportError:  # pragma: no cover - pygambit is an optional extra
    gbt = None

needs_gambit = pytest.mark.skipif(gbt is None, reason="pygambit is not installed")

FIXTURES = Path(__file__).parent / "fixtures" / "gambit"
STORED = FIXTURES / "efg_crosscheck.json"

F = Fraction
Behavior = dict[str, dict[str, Fraction]]
Realization = tuple[tuple[tuple[str, str, Fraction], ...], ...]  # per player: (set, action, r)


# -- trees of the kinds --------------------------------------------------------------------


def _t(*values: int | str) -> Terminal:
    return Terminal(tuple(F(v) for v in values))


def entry_deterrence() -> GameTree:
    """Out, or In and the incumbent fights or shares: (In, Share) is subgame-perfect;
    (Out, fight with probability >= 1/2) is a continuum of Nash equilibria."""
    return GameTree(
        ("Entrant", "Incumbent"),
        Decision(0, (
            ("Out", _t(0, 2)),
            ("In", Decision(1, (("Fight", _t(-1, -1)), ("Share", _t(1, 1))))),
        )),
        title="Entry deterrence",
    )


def prisoners_dilemma_tree() -> GameTree:
    """The security dilemma as a tree: the second mover does not see the first move."""

    def column(row: tuple[int, int, int, int]) -> Decision:
        return Decision(1, (("Restrain", _t(row[0], row[1])), ("Arm", _t(row[2], row[3]))),
                        "Col blind")

    return GameTree(
        ("Row", "Col"),
        Decision(0, (("Restrain", column((3, 3, 0, 5))), ("Arm", column((5, 0, 1, 1))))),
        title="Prisoner's Dilemma as a tree",
    )


def beer_quiche() -> GameTree:
    """Cho and Kreps's signalling game: the receiver sees the breakfast, not the type."""

    def sender(strong: bool) -> Decision:
        def receiver(breakfast: str) -> Decision:
            liked = 1 if (breakfast == "Beer") == strong else 0
            duel_pays = 0 if strong else 1
            return Decision(1, (
                ("Duel", _t(liked, duel_pays)),
                ("Walk", _t(liked + 2, 1 - duel_pays)),
            ), f"after {breakfast}")

        return Decision(0, (("Beer", receiver("Beer")), ("Quiche", receiver("Quiche"))),
                        "strong" if strong else "weak")

    return GameTree(
        ("Sender", "Receiver"),
        Chance((("strong", F(9, 10), sender(True)), ("weak", F(1, 10), sender(False)))),
        title="Beer-Quiche",
    )


def commitment_then_dilemma() -> GameTree:
    """Row may post a bond of 3 forfeited if it arms, then both move simultaneously."""

    def stage(bond: int, name: str) -> Decision:
        def column(row: tuple[int, int, int, int]) -> Decision:
            return Decision(1, (("Restrain", _t(row[0], row[1])), ("Arm", _t(row[2], row[3]))),
                            f"Col {name}")

        return Decision(0, (
            ("Restrain", column((3, 3, 0, 5))),
            ("Arm", column((5 - bond, 0, 1 - bond, 1))),
        ), f"Row {name}")

    return GameTree(
        ("Row", "Col"),
        Decision(0, (("Bond", stage(3, "bonded")), ("Free", stage(0, "free")))),
        title="A bond before the dilemma",
    )


NAMED_TREES = {
    "entry deterrence": entry_deterrence,
    "prisoners dilemma tree": prisoners_dilemma_tree,
    "beer-quiche": beer_quiche,
    "commitment then dilemma": commitment_then_dilemma,
}
GAMBIT_FILES = ("poker.efg", "e04.efg", "entry_accommodation_nonterm.efg", "decimal_d.efg")


# -- realization plans -----------------------------------------------------------------------------


def _own_prefix(tree: GameTree, path: tuple[str, ...], player: int) -> list[tuple[str, str]]:
    out = []
    node: Node = tree.root
    for k, label in enumerate(path):
        if isinstance(node, Decision):
            if node.player == player:
                out.append((tree.infoset_of[path[:k]], label))
            node = dict(node.moves)[label]
        elif isinstance(node, Chance):
            node = {m[0]: m[2] for m in node.moves}[label]
    return out


def realization_of_behavior(tree: GameTree, behavior: Behavior) -> Realization:
    """Each player's realization plan, multiplied out along its own sequences."""
    players = []
    for player in range(len(tree.players)):
        plan = []
        for info in tree.player_infosets(player):
            reach = F(1)
            for infoset, action in _own_prefix(tree, info.paths[0], player):
                reach *= behavior[infoset][action]
            for action in info.actions:
                plan.append((info.id, action, reach * behavior[info.id][action]))
        players.append(tuple(plan))
    return tuple(players)


def realization_of_plans(
    tree: GameTree, plans: Sequence[Sequence[Plan]], mixes: Sequence[Sequence[Any]]
) -> Realization:
    """Each player's realization plan of a mixed plan profile: the weight of plans taking it."""
    players = []
    for player, (options, mix) in enumerate(zip(plans, mixes, strict=True)):
        plan = []
        for info in tree.player_infosets(player):
            for action in info.actions:
                weight = sum(
                    (F(p) for option, p in zip(options, mix, strict=True)
                     if option.action(info.id) == action),
                    F(0),
                )
                plan.append((info.id, action, weight))
        players.append(tuple(plan))
    return tuple(players)


def behavior_of_record(tree: GameTree, record: list[Any]) -> Behavior:
    """A stored Gambit profile — ``[[path of a member node, {action: "p/q"}], ...]`` —
    keyed by this tree's information set ids."""
    return {
        tree.infoset_of[tuple(path)]: {a: F(p) for a, p in dist.items()} for path, dist in record
    }


def _plan_key(choices: Any) -> frozenset[tuple[str, str]]:
    return frozenset(choices)


def plan_indices(
    tree: GameTree, plans: Sequence[Sequence[Plan]], strategies: list[Any]
) -> list[list[int]]:
    """Where each of Gambit's reduced strategies is among gametrust's plans.

    Gambit's strategies are stored per player as their choices ``[[path of a
    member node, action], ...]`` (none where Gambit's strategy has ``*``).  They
    must be exactly gametrust's plans: the same reduced normal form.
    """
    out = []
    for options, theirs in zip(plans, strategies, strict=True):
        ours = {_plan_key(plan.choices): k for k, plan in enumerate(options)}
        keys = [
            _plan_key((tree.infoset_of[tuple(path)], action) for path, action in choices)
            for choices in theirs
        ]
        assert sorted(ours[key] for key in keys) == list(range(len(options))), (
            "Gambit's reduced strategies are not our plans"
        )
        out.append([ours[key] for key in keys])
    return out


def mixes_of_record(
    indices: list[list[int]], record: dict[str, Any]
) -> tuple[tuple[Fraction, ...], ...]:
    """A stored Gambit mixed profile (probabilities of its strategies) over our plans."""
    out = []
    for where, probabilities in zip(indices, record["mix"], strict=True):
        mix = [F(0)] * len(where)
        for k, p in zip(where, probabilities, strict=True):
            mix[k] = F(p)
        out.append(tuple(mix))
    return tuple(out)


def check_gambit_answers(
    tree: GameTree, result: TreeSolveResult, answers: dict[str, Any]
) -> None:
    """The checks in the module docstring, for one tree and Gambit's answers on it."""
    assert result.normal_form is not None
    ours = {
        tuple(tuple(F(p) for p in s) for s in e.strategies): e for e in result.normal_form
    }
    assert len(ours) == len(result.normal_form)
    # the tree's list holds each behaviour profile once (mixed plan profiles that differ
    # only where they never reach translate to one behaviour profile)
    behaviours = {
        tuple(sorted((k, None if d is None else tuple(sorted(d.items())))
                     for k, d in behavior_of(tree, result.plans, m).items()))
        for m in ours
    }
    assert len(result.nash) == len(behaviours)
    realizations = {
        realization_of_plans(tree, result.plans, mixes): e for mixes, e in ours.items()
    }
    # lcp: a behaviour profile, compared through realization plans
    for profile in answers["lcp"]:
        behavior = behavior_of_record(tree, profile["behavior"])
        mixes = [behavior_to_plans(tree, result.plans[i], behavior) for i in range(2)]
        assert [sum(m, F(0)) for m in mixes] == [1, 1]
        assert is_nash(result.reduced, mixes)
        gambit_payoffs = tuple(F(p) for p in profile["payoffs"])
        assert tuple(expected_payoffs(result.reduced, mixes)) == gambit_payoffs
        realization = realization_of_behavior(tree, behavior)
        assert realization == realization_of_plans(tree, result.plans, mixes)
        assert realization in realizations, "Gambit found an equilibrium gametrust does not list"
        assert tuple(realizations[realization].payoffs) == gambit_payoffs
    # enummixed: mixed profiles over the same reduced normal form, so the very same set
    found = {}
    indices = plan_indices(tree, result.plans, answers["strategies"])
    for profile in answers["enummixed"]:
        mixes = mixes_of_record(indices, profile)
        assert is_nash(result.reduced, mixes)
        gambit_payoffs = tuple(F(p) for p in profile["payoffs"])
        assert tuple(expected_payoffs(result.reduced, mixes)) == gambit_payoffs
        found[mixes] = gambit_payoffs
    assert set(found) == set(ours)
    assert all(tuple(ours[m].payoffs) == pay for m, pay in found.items())


# -- the stored answers ----------------------------------------------------------------------------


def _records() -> list[dict[str, Any]]:
    if not STORED.exists():  # while regenerating it; test_stored_answers_are_there fails
        return []
    return json.loads(STORED.read_text())["records"]


def test_stored_answers_are_there() -> None:
    records = _records()
    sources = {r["source"] for r in records}
    assert {"gametrust tree", "Gambit file", "random tree"} <= sources
    assert {r["name"] for r in records} >= set(NAMED_TREES) | set(GAMBIT_FILES)
    assert sum(r["source"] == "random tree" for r in records) >= 30
    assert sum(len(r["lcp"]) for r in records) >= len(records)


@pytest.mark.parametrize("record", _records(), ids=lambda r: r["name"])
def test_gambits_equilibria_are_among_ours(record: dict[str, Any]) -> None:
    tree = parse_efg(record["efg"], file=record["name"])
    check_gambit_answers(tree, solve_tree(tree), record)


@pytest.mark.parametrize("name", sorted(NAMED_TREES))
def test_stored_files_are_what_we_write_today(name: str) -> None:
    stored = {r["name"]: r["efg"] for r in _records()}
    assert write_efg(NAMED_TREES[name]()) == stored[name]


def _readable(tree: GameTree, name: str) -> set[tuple[tuple[tuple[str, Fraction], ...], ...]]:
    """Gambit's enummixed equilibria as each player's plans (labelled) with positive weight."""
    (record,) = [r for r in _records() if r["name"] == name]
    result = solve_tree(tree)
    indices = plan_indices(tree, result.plans, record["strategies"])
    out = set()
    for profile in record["enummixed"]:
        mixes = mixes_of_record(indices, profile)
        out.add(tuple(
            tuple(sorted((label, p) for label, p in zip(result.reduced.actions[k], mix,
                                                        strict=True) if p))
            for k, mix in enumerate(mixes)
        ))
    return out


def test_hand_checked_answers() -> None:
    """Sanity of the stored answers on games whose equilibria are known by hand."""
    # both arm
    assert _readable(prisoners_dilemma_tree(), "prisoners dilemma tree") == {
        ((("Arm", 1),), (("Arm", 1),))
    }
    # the subgame-perfect (In, Share), and the ends of the segment (Out, Fight >= 1/2)
    half = F(1, 2)
    assert _readable(entry_deterrence(), "entry deterrence") == {
        ((("In", 1),), (("Share", 1),)),
        ((("Out", 1),), (("Fight", 1),)),
        ((("Out", 1),), (("Fight", half), ("Share", half))),
    }
    # one card poker: Alice raises a King, bluffs a Queen 1/3; Bob meets 2/3
    (record,) = [r for r in _records() if r["name"] == "poker.efg"]
    poker = parse_efg(record["efg"])
    (lcp,) = record["lcp"]
    assert behavior_of_record(poker, lcp["behavior"]) == {
        "Alice:1": {"Raise": 1, "Fold": 0},
        "Alice:2": {"Raise": F(1, 3), "Fold": F(2, 3)},
        "Bob:1": {"Meet": F(2, 3), "Pass": F(1, 3)},
    }


# -- live comparison (skipped unless pygambit is installed) ----------------------------------------


def _exact(value: Any) -> Fraction:
    return F(value)  # pygambit gives Rational (a Fraction) or Decimal


def _path(node: Any) -> tuple[str, ...]:
    labels = []
    while node.parent is not None:
        labels.append(node.prior_action.label)
        node = node.parent
    return tuple(reversed(labels))


def _behavior_record(game: Any, profile: Any) -> dict[str, Any]:
    behavior = []
    for player in game.players:
        for infoset in player.infosets:
            member = next(iter(infoset.members))
            behavior.append(
                [list(_path(member)),
                 {a.label: str(_exact(profile[a])) for a in infoset.actions}]
            )
    return {
        "behavior": behavior,
        "payoffs": [str(_exact(profile.payoff(p))) for p in game.players],
    }


def _strategies(game: Any) -> list[Any]:
    out = []
    for player in game.players:
        options = []
        for strategy in player.strategies:
            choices = []
            for infoset in player.infosets:
                action = strategy.action(infoset)
                if action is not None:
                    choices.append([list(_path(next(iter(infoset.members)))), action.label])
            options.append(choices)
        out.append(options)
    return out


def _mixed_record(game: Any, profile: Any) -> dict[str, Any]:
    return {
        "mix": [[str(_exact(profile[s])) for s in player.strategies] for player in game.players],
        "payoffs": [str(_exact(profile.payoff(p))) for p in game.players],
    }


def gambit_answers(game: Any) -> dict[str, Any]:
    """pygambit's lcp (sequence form) and enummixed (reduced strategic form) equilibria,
    and its reduced strategies (the enummixed profiles' coordinates)."""
    assert gbt is not None
    lcp = gbt.nash.lcp_solve(game, rational=True).equilibria
    mixed = gbt.nash.enummixed_solve(game, rational=True).equilibria
    return {
        "lcp": [_behavior_record(game, p) for p in lcp],
        "strategies": _strategies(game),
        "enummixed": [_mixed_record(game, p) for p in mixed],
    }


def tree_of_gambit_game(game: Any) -> GameTree:
    """A pygambit tree as a GameTree (payoffs of outcomes on the way added up)."""
    players = list(game.players)
    index = {p.label: k for k, p in enumerate(players)}

    def payoffs(node: Any, above: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
        try:
            return tuple(a + _exact(node.outcome[p]) for a, p in zip(above, players, strict=True))
        except KeyError:  # no outcome at this node
            return above

    def build(node: Any, above: tuple[Fraction, ...]) -> Node:
        total = payoffs(node, above)
        if node.is_terminal:
            return Terminal(total)
        infoset = node.infoset
        actions = list(infoset.actions)
        children = [build(c, total) for c in node.children]
        if infoset.player.is_chance:
            return Chance(
                tuple((a.label, _exact(a.prob), c) for a, c in zip(actions, children, strict=True)),
                node.label,
            )
        return Decision(
            index[infoset.player.label],
            tuple((a.label, c) for a, c in zip(actions, children, strict=True)),
            f"{infoset.player.label}/{infoset.number}",
            node.label,
        )

    zero = tuple(F(0) for _ in players)
    return GameTree(tuple(p.label for p in players), build(game.root, zero), game.title)


def _without_terminal_labels(tree: GameTree) -> GameTree:
    def walk(node: Node) -> Node:
        if isinstance(node, Terminal):
            return Terminal(node.payoffs)
        if isinstance(node, Chance):
            return Chance(tuple((a, p, walk(c)) for a, p, c in node.moves), node.label)
        return Decision(
            node.player, tuple((a, walk(c)) for a, c in node.moves), node.infoset, node.label
        )

    return GameTree(tree.players, walk(tree.root), tree.title)


def _same_for_gambit(ours: GameTree, theirs: GameTree) -> str | None:
    """Gambit keeps terminal labels as outcome names (made unique), so compare without them."""
    return tree_difference(_without_terminal_labels(ours), _without_terminal_labels(theirs))


@needs_gambit
@pytest.mark.parametrize("name", sorted(NAMED_TREES))
def test_live_gambit_reads_our_named_trees_and_agrees(name: str) -> None:
    tree = NAMED_TREES[name]()
    game = gbt.read_efg(io.StringIO(write_efg(tree)))
    assert _same_for_gambit(tree, tree_of_gambit_game(game)) is None
    check_gambit_answers(tree, solve_tree(tree), gambit_answers(game))


@needs_gambit
@pytest.mark.parametrize("name", GAMBIT_FILES)
def test_live_we_read_gambits_files_as_gambit_does(name: str) -> None:
    path = FIXTURES / name
    ours = parse_efg(path.read_text(), file=name)
    game = gbt.read_efg(str(path))
    assert _same_for_gambit(ours, tree_of_gambit_game(game)) is None
    # and what Gambit writes of it, we read as the same game
    assert _same_for_gambit(parse_efg(game.to_efg()), ours) is None


@needs_gambit
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(efg_trees(n_players=2, max_depth=3, max_moves=3, label=gambit_labels))
def test_live_random_trees(tree: GameTree) -> None:
    game = gbt.read_efg(io.StringIO(write_efg(tree)))
    assert _same_for_gambit(tree, tree_of_gambit_game(game)) is None
    check_gambit_answers(tree, solve_tree(tree), gambit_answers(game))
