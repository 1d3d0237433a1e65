"""Reading and writing Gambit extensive-form (.efg) files.

Fixtures in ``tests/fixtures/gambit``: ``poker.efg`` (Gambit's ``doc/poker.efg``),
``e04.efg`` (``contrib/games/e04.efg``), ``entry_accommodation.efg`` and
``entry_accommodation_nonterm.efg`` (``tests/test_games/`` in Gambit 16.7.0: the
same game, the second with payoffs split over outcomes at non-terminal nodes),
and ``decimal_d.efg``, written for these tests (the ``D`` header, decimals,
outcomes and information sets restated by number only).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametrust.core.errors import ArgumentError, GambitFormatError
from gametrust.formats.gambit_efg import (
    parse_efg,
    read_efg,
    read_efg_scenario,
    tree_difference,
    trees_equivalent,
    write_efg,
)
from gametrust.model.reduced import behavior_to_plans, reduced_normal_form
from gametrust.model.regret import is_nash
from gametrust.model.tree import Chance, Decision, GameTree, Node, Terminal
from gametrust.report.tree import render_tree
from gametrust.solvers.extensive import solve_tree

FIXTURES = Path(__file__).parent / "fixtures" / "gambit"
EFG_FILES = sorted(FIXTURES.glob("*.efg"))

F = Fraction


# -- a strategy: trees with general information sets and perfect recall ---------------------------

labels = st.text(alphabet=st.sampled_from('ab C"\\\'{},1é\n'), min_size=1, max_size=4)
# Gambit 16.7 accepts only printable ASCII labels without leading, trailing or double spaces,
# and reads ``\\`` back as two backslashes, so trees meant for Gambit avoid backslashes.
gambit_labels = st.text(alphabet=st.sampled_from("ab C\"'{},1"), min_size=1, max_size=4).filter(
    lambda text: text == text.strip() and "  " not in text
)


@st.composite
def efg_trees(
    draw: st.DrawFn,
    n_players: int | None = None,
    max_depth: int = 4,
    max_moves: int = 3,
    label: st.SearchStrategy[str] = labels,
    chance: bool = True,
) -> GameTree:
    """Exact game trees of perfect recall, valid by construction.

    Any decision node may join an earlier information set of its player that
    has the same number of moves and the same history of the player's own
    information sets and actions (that is what perfect recall asks), so sets
    span chance moves and other players' moves (signalling, simultaneous
    moves, imperfect monitoring).  Chance probabilities are integer weights
    over their total (some may be zero); payoffs are small integers or
    halves and thirds; node, move, player and information set labels are
    drawn from ``label`` (non-empty; decision and chance node labels are
    unique or empty, as Gambit requires).
    """
    n = n_players if n_players is not None else draw(st.integers(1, 3))
    players = tuple(draw(st.lists(label, min_size=n, max_size=n, unique=True)))
    values = st.builds(Fraction, st.integers(-6, 6), st.sampled_from([1, 1, 2, 3]))

    # 1. the shape: ("t",) | ("c", k) | ("p", player, k), with children
    def shape(depth: int) -> dict[str, Any]:
        kinds = ["p", "p", "p", "c"] if chance else ["p"]
        if depth > 0 and (depth >= max_depth or draw(st.integers(0, 3)) == 0):
            return {"kind": "t"}
        kind = draw(st.sampled_from(kinds))
        k = draw(st.integers(1 if kind == "p" else 2, max_moves))
        node: dict[str, Any] = {"kind": kind, "k": k}
        if kind == "p":
            node["player"] = draw(st.integers(0, n - 1))
        node["children"] = [shape(depth + 1) for _ in range(k)]
        return node

    root = shape(0)

    # 2. information sets, in pre-order: join a set with the same own history, or open one
    sets: list[dict[str, Any]] = []  # number, player, k, history, members

    def assign(node: dict[str, Any], history: tuple[tuple[tuple[int, int], ...], ...]) -> None:
        if node["kind"] == "t":
            return
        if node["kind"] == "p":
            i = node["player"]
            options = [
                s for s in sets if s["player"] == i and s["k"] == node["k"]
                and s["history"] == history[i]
            ]
            choice = draw(st.sampled_from([None, *options])) if options else None
            if choice is None:
                choice = {
                    "number": len(sets), "player": i, "k": node["k"], "history": history[i],
                    "members": 0,
                }
                sets.append(choice)
            choice["members"] += 1
            node["set"] = choice
            number = choice["number"]
            for a, child in enumerate(node["children"]):
                own = (*history[i], (number, a))
                assign(child, tuple(own if j == i else h for j, h in enumerate(history)))
        else:
            for child in node["children"]:
                assign(child, history)

    assign(root, tuple(() for _ in range(n)))

    # 3. labels and values
    set_names = draw(st.lists(label, min_size=len(sets), max_size=len(sets), unique=True))
    for s, name in zip(sets, set_names, strict=True):
        s["actions"] = draw(st.lists(label, min_size=s["k"], max_size=s["k"], unique=True))
        s["name"] = name if s["members"] > 1 or draw(st.booleans()) else None
    used_node_labels: set[str] = set()

    def node_label() -> str:
        text = draw(st.one_of(st.just(""), label))
        if text in used_node_labels:
            return ""
        if text:
            used_node_labels.add(text)
        return text

    def build(node: dict[str, Any]) -> Node:
        if node["kind"] == "t":
            payoffs = tuple(draw(values) for _ in range(n))
            return Terminal(payoffs, draw(st.one_of(st.just(""), label)))
        if node["kind"] == "c":
            moves = draw(st.lists(label, min_size=node["k"], max_size=node["k"], unique=True))
            weights = draw(st.lists(st.integers(0, 3), min_size=node["k"], max_size=node["k"]))
            if sum(weights) == 0:
                weights[0] = 1
            total = sum(weights)
            text = node_label()
            return Chance(
                tuple(
                    (m, Fraction(w, total), build(c))
                    for m, w, c in zip(moves, weights, node["children"], strict=True)
                ),
                text,
            )
        s = node["set"]
        text = node_label()
        return Decision(
            node["player"],
            tuple((a, build(c)) for a, c in zip(s["actions"], node["children"], strict=True)),
            s["name"],
            text,
        )

    return GameTree(players, build(root), draw(st.one_of(st.just(""), label)))


def perfect_recall(tree: GameTree) -> bool:
    """Every node of an information set has the same own history (sets and actions)."""
    seen: dict[str, tuple[Any, ...]] = {}
    for path, node in tree.nodes():
        if not isinstance(node, Decision):
            continue
        own = []
        for k in range(len(path)):
            above = tree.node(path[:k])
            if isinstance(above, Decision) and above.player == node.player:
                own.append((tree.infoset_of[path[:k]], path[k]))
        key = tree.infoset_of[path]
        if seen.setdefault(key, tuple(own)) != tuple(own):
            return False
    return True


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(efg_trees())
def test_the_strategy_draws_trees_of_perfect_recall(tree: GameTree) -> None:
    assert perfect_recall(tree)
    tree.check_probabilities()


def test_the_strategy_draws_information_sets_across_chance_and_other_players() -> None:
    found = set()

    @settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
    @given(efg_trees(n_players=2))
    def look(tree: GameTree) -> None:
        for info in tree.infosets:
            if len(info.paths) > 1:
                found.add("shared")

    look()
    assert "shared" in found


# -- reading Gambit's own files --------------------------------------------------------------------


def _payoffs(tree: GameTree) -> dict[tuple[str, ...], tuple[Any, ...]]:
    return {path: node.payoffs for path, node in tree.nodes() if isinstance(node, Terminal)}


def test_one_card_poker_from_gambits_documentation() -> None:
    tree = read_efg(FIXTURES / "poker.efg")
    assert tree.title == "One card poker game, after Myerson (1991)"
    assert tree.players == ("Alice", "Bob")
    root = tree.root
    assert isinstance(root, Chance)
    assert [(label, p) for label, p, _ in root.moves] == [("King", F(1, 2)), ("Queen", F(1, 2))]
    # Alice sees her card (two sets); Bob sees only that she raised (one set, two nodes)
    sets = {info.id: info.paths for info in tree.infosets}
    assert sets == {
        "Alice:1": (("King",),),
        "Alice:2": (("Queen",),),
        "Bob:1": (("King", "Raise"), ("Queen", "Raise")),
    }
    payoffs = _payoffs(tree)
    assert payoffs[("King", "Raise", "Meet")] == (2, -2)
    assert payoffs[("Queen", "Raise", "Meet")] == (-2, 2)
    assert payoffs[("Queen", "Raise", "Pass")] == (1, -1)  # outcome 2, named again
    assert payoffs[("Queen", "Fold")] == (-1, 1)  # outcome 4, named again
    assert tree.node(("King", "Raise", "Pass")).label == "Alice wins"  # from the outcome


def test_poker_solves_to_myersons_equilibrium() -> None:
    """Alice always raises a King and bluffs a Queen 1/3 of the time; Bob meets 2/3."""
    result = solve_tree(read_efg(FIXTURES / "poker.efg"))
    assert len(result.nash) == 1
    eq = result.nash[0]
    assert eq.behavior == {
        "Alice:1": {"Raise": 1, "Fold": 0},
        "Alice:2": {"Raise": F(1, 3), "Fold": F(2, 3)},
        "Bob:1": {"Meet": F(2, 3), "Pass": F(1, 3)},
    }
    assert eq.payoffs == (F(1, 3), F(-1, 3))


def test_kreps_wilson_information_set_named_by_its_gambit_label() -> None:
    tree = read_efg(FIXTURES / "e04.efg")
    assert [(i.id, i.paths) for i in tree.infosets] == [
        ("(1,1)", ((),)),
        ("(2,1)", (("R",), ("L",))),
    ]
    assert _payoffs(tree)[("L", "L")] == (3, -1)


def test_outcomes_at_non_terminal_nodes_add_up_along_the_play() -> None:
    flat = read_efg(FIXTURES / "entry_accommodation.efg")
    staged = read_efg(FIXTURES / "entry_accommodation_nonterm.efg")
    assert _payoffs(staged) == _payoffs(flat)
    # S then E carries outcome {3, 2}; the terminal after A has the null outcome
    assert _payoffs(staged)[("S", "E", "A")] == (3, 2)
    assert _payoffs(staged)[("S", "E", "F")] == (0, 1)  # {3, 2} + {-3, -1}
    assert _payoffs(staged)[("S", "O")] == (1, 3)  # {3, 2} + {-2, 1}
    assert tree_difference(_without_terminal_labels(staged), _without_terminal_labels(flat)) is None


def test_decimal_variant_restated_sets_and_shared_outcomes() -> None:
    tree = read_efg(FIXTURES / "decimal_d.efg")
    assert tree.players == ("State", "Inspector")
    comply = tree.node(("Comply",))
    cheat = tree.node(("Cheat",))
    assert isinstance(comply, Chance) and isinstance(cheat, Chance)
    assert [m[1] for m in comply.moves] == [F(1, 10), F(9, 10)]
    assert [m[1] for m in cheat.moves] == [F(3, 4), F(1, 4)]
    assert comply.label == "detector after Comply"
    assert {i.id: len(i.paths) for i in tree.infosets} == {
        "state decides": 1,
        "alarm": 2,
        "quiet": 2,
    }
    payoffs = _payoffs(tree)
    assert payoffs[("Comply", "quiet", "Accuse")] == (F(-3, 2), -2)  # outcome 1 by number
    assert payoffs[("Cheat", "quiet", "Trust")] == (F(5, 2), -3)
    assert all(isinstance(v, Fraction) for p in payoffs.values() for v in p)
    assert tree.node(("Cheat", "alarm", "Accuse")).label == "caught"
    assert tree.node(("Comply", "quiet", "Trust")).label == "calm"  # the outcome's name


def test_empty_and_repeated_labels_become_unique_as_gambit_makes_them() -> None:
    tree = parse_efg(
        'EFG 2 R "" { "" "P" "P" } '
        'p "" 1 1 "" { "" "a" "a" } 0 t "" 0 t "" 0 '
        'c "" 1 "" { "x" 1/2 "x" 1/2 } 0 t "" 0 t "" 0'
    )
    assert tree.players == ("_1", "P_1", "P_2")
    root = tree.root
    assert isinstance(root, Decision) and root.actions == ("_1", "a_1", "a_2")
    assert [m[0] for m in tree.node(("a_2",)).moves] == ["x_1", "x_2"]  # type: ignore[union-attr]


def test_information_set_names_fall_back_to_player_and_number() -> None:
    tree = parse_efg(
        'EFG 2 R "" { "A" "B" } '
        'p "" 1 7 "same" { "x" "y" } 0 '
        'p "" 2 3 "same" { "l" } 0 t "" 0 '
        'p "" 2 4 "A:7" { "r" } 0 t "" 0'
    )
    # "same" names two sets, so neither is called by it; "A:7" is taken, so A's set 7 is A:7#2
    assert [i.id for i in tree.infosets] == ["A:7#2", "B:3", "A:7"]


def test_labels_with_quotes_backslashes_and_newlines() -> None:
    tree = parse_efg('EFG 2 R "say \\"hi\\"" { "a \\\\ b" }\np "" 1 1 "" { "line\none" } 0 t "" 0')
    assert tree.title == 'say "hi"'
    assert tree.players == ("a \\ b",)
    assert tree.root.actions == ("line\none",)  # type: ignore[union-attr]


def test_windows_line_endings_and_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "poker.efg"
    original = (FIXTURES / "poker.efg").read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    assert trees_equivalent(read_efg(path), read_efg(FIXTURES / "poker.efg"))


def test_latin1_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "latin.efg"
    path.write_bytes('EFG 2 R "caf\u00e9" { "A" } t "" 1 "x" { 1 }'.encode("latin-1"))
    assert read_efg(path).title == "caf\u00e9"


def test_a_deep_tree_is_read_and_written_without_recursion() -> None:
    depth = 3000
    lines = ['EFG 2 R "chain" { "A" }']
    for k in range(depth):
        lines.append(f'p "" 1 {k + 1} "" {{ "stop" "go" }} 0')
        lines.append('t "" 0')
    lines.append('t "" 1 "end" { 1 }')
    text = "\n".join(lines)
    tree = parse_efg(text)
    assert len(tree.infosets) == depth
    assert trees_equivalent(parse_efg(write_efg(tree)), tree)


# -- errors ----------------------------------------------------------------------------------------

HEAD = 'EFG 2 R "g" { "A" "B" }\n'
GOOD = HEAD + 'p "" 1 1 "s" { "x" "y" } 0\nt "" 1 "o" { 1, 2 }\nt "" 2 "q" { 3, 4 }\n'
CHANCE = HEAD + 'c "" 1 "n" { "h" 1/2 "t" 1/2 } 0\nt "" 0\nt "" 0\n'


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param("", 1, 1, id="empty"),
        pytest.param('NFG 1 R "g" { "A" } { 1 } 0', 1, 1, id="not-efg"),
        pytest.param(GOOD.replace("EFG 2", "EFG 1"), 1, 5, id="version"),
        pytest.param(GOOD.replace(" R ", " Q "), 1, 7, id="data-type"),
        pytest.param(GOOD.replace('"g"', "{"), 1, 9, id="no-title"),
        pytest.param('EFG 2 R "g" { }\nt "" 0', 1, 15, id="no-players"),
        pytest.param(HEAD + 'q "" 0', 2, 1, id="bad-node-kind"),
        pytest.param(HEAD + "5", 2, 1, id="number-for-node"),
        pytest.param(GOOD.replace('p "" 1 1', 'p "" 3 1'), 2, 6, id="no-such-player"),
        pytest.param(GOOD.replace('p "" 1 1', 'p "" 0 1'), 2, 6, id="player-zero"),
        pytest.param(GOOD.replace('p "" 1 1', 'p "" 1.5 1'), 2, 6, id="fractional-player"),
        pytest.param(GOOD.replace('p "" 1 1', 'p "" 1 0'), 2, 8, id="infoset-zero"),
        pytest.param(GOOD.replace('p "" 1 1', 'p "x" 1'), 2, 9, id="missing-infoset"),
        pytest.param(GOOD.replace('p ""', "p"), 2, 3, id="missing-node-label"),
        pytest.param(HEAD + 'p "" 1 1 0\nt "" 0', 2, 10, id="infoset-never-defined"),
        pytest.param(GOOD.replace('"s" { "x" "y" }', '"s" { }'), 2, 14, id="no-actions"),
        pytest.param(GOOD.replace('"s" { "x" "y" }', '"s" "x" "y"'), 2, 14, id="no-action-brace"),
        pytest.param(GOOD.replace('{ "x" "y" }', '{ "x" 5 }'), 2, 20, id="number-among-actions"),
        pytest.param(GOOD.replace('"o" { 1, 2 }', '"o" { 1 }'), 3, 12, id="payoff-count"),
        pytest.param(GOOD.replace('"o" { 1, 2 }', '"o" { 1, 2, 3 }'), 3, 12, id="payoff-extra"),
        pytest.param(GOOD.replace('"o" { 1, 2 }', '"o" { 1, x }'), 3, 17, id="payoff-word"),
        pytest.param(GOOD.replace('"o" { 1, 2 }', '"o" 1, 2'), 3, 12, id="payoff-no-brace"),
        pytest.param(GOOD.replace('t "" 2 "q"', 't "" 0 "q"'), 4, 6, id="named-null-outcome"),
        pytest.param(GOOD.replace('t "" 2 "q" { 3, 4 }', 't "" 2'), 4, 6, id="outcome-undefined"),
        pytest.param(GOOD.replace('t "" 2 "q"', 't "" 1 "q"'), 4, 6, id="outcome-redefined"),
        pytest.param(GOOD.replace('t "" 2 "q" { 3, 4 }', 't "" 1 "o" { 1, 3 }'), 4, 6,
                     id="outcome-payoffs-redefined"),
        pytest.param(GOOD.replace('t "" 1 "o"', 't "" -1 "o"'), 3, 6, id="negative-outcome"),
        pytest.param(GOOD.replace('t "" 1 "o"', 't "" x "o"'), 3, 6, id="word-for-outcome"),
        pytest.param(
            HEAD + 'p "" 1 1 "s" { "x" "y" } 0\np "" 2 1 "r" { "a" } 0\nt "" 0\n'
            'p "" 2 1 "r2" { "a" } 0\nt "" 0\n', 5, 10, id="infoset-renamed",
        ),
        pytest.param(
            HEAD + 'p "" 1 1 "s" { "x" "y" } 0\np "" 2 1 "r" { "a" } 0\nt "" 0\n'
            'p "" 2 1 "r" { "b" } 0\nt "" 0\n', 5, 14, id="infoset-other-actions",
        ),
        pytest.param(
            HEAD + 'p "" 1 1 "s" { "x" "y" } 0\np "" 2 1 "r" { "a" } 0\nt "" 0\n'
            'p "" 2 1 "r" { "a" "b" } 0\nt "" 0\nt "" 0\n', 5, 14, id="infoset-more-actions",
        ),
        pytest.param(CHANCE.replace("1/2 }", "1/3 }"), 2, 12, id="probabilities-sum"),
        pytest.param(CHANCE.replace('"h" 1/2 "t" 1/2', '"h" 3/2 "t" -1/2'), 2, 26,
                     id="negative-probability"),
        pytest.param(CHANCE.replace('"t" 1/2', '"t"'), 2, 26, id="missing-probability"),
        pytest.param(CHANCE.replace("1/2 }", "1/0 }"), 2, 26, id="zero-denominator"),
        pytest.param(CHANCE.replace('c "" 1 "n"', 'c "" 1 2 "n"'), 2, 8, id="player-at-chance"),
        pytest.param(
            HEAD + 'p "" 1 1 "s" { "x" "y" } 0\nc "" 1 "n" { "a" 1/2 "b" 1/2 } 0\nt "" 0\n'
            't "" 0\nc "" 1 "n" { "a" 1/3 "b" 2/3 } 0\nt "" 0\nt "" 0\n', 6, 12,
            id="chance-set-other-probabilities",
        ),
        pytest.param(GOOD.replace('t "" 2 "q" { 3, 4 }\n', ""), 4, 1, id="tree-incomplete"),
        pytest.param(GOOD + 't "" 0\n', 5, 1, id="trailing-node"),
        pytest.param(GOOD + "}", 5, 1, id="trailing-brace"),
        pytest.param(GOOD.replace('"q" {', '"q {'), 4, 8, id="unterminated-string"),
        pytest.param(GOOD.replace("1, 2", "1, 2x"), 3, 17, id="bad-number"),
        pytest.param(GOOD.replace("1, 2", "1, 1.2.3"), 3, 17, id="two-points"),
    ],
)
def test_malformed_files_raise_located_errors(text: str, line: int, column: int) -> None:
    with pytest.raises(GambitFormatError) as info:
        parse_efg(text, file="bad.efg")
    location = info.value.location
    assert (location.file, location.line, location.column) == ("bad.efg", line, column)
    assert "\n" not in str(info.value)


def test_missing_file_is_a_gambit_format_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.efg"
    with pytest.raises(GambitFormatError) as info:
        read_efg(path)
    assert info.value.location.file == str(path)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.sampled_from([GOOD, CHANCE, *(p.read_text() for p in EFG_FILES)]),
    edits=st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.integers(0, 3),
            st.sampled_from(['{', '}', '"', ",", "\\", " ", "0", "1", "-", ".", "/", "e", "\n",
                             "p", "c", "t", '"x"', " 1/2"]),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_mangled_files_parse_or_raise_gambit_format_error(
    source: str, edits: list[tuple[int, int, str]]
) -> None:
    text = source
    for position, delete, insert in edits:
        k = position % (len(text) + 1)
        text = text[:k] + insert + text[k + delete :]
    try:
        tree = parse_efg(text)
    except GambitFormatError as err:
        assert err.location.line is not None and err.location.column is not None
    else:
        assert isinstance(tree, GameTree) and tree.exact
        tree.check_probabilities()


# -- writing and the round trip --------------------------------------------------------------------


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


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(efg_trees())
def test_round_trip_gives_the_same_game(tree: GameTree) -> None:
    text = write_efg(tree)
    again = parse_efg(text)
    assert tree_difference(again, tree) is None
    # information set ids are written as Gambit names, so they survive too
    assert again.infoset_of == tree.infoset_of
    assert write_efg(again) == text


def test_round_trip_of_the_core_tree_strategy() -> None:
    strategies = pytest.importorskip("gametrust.testing.strategies")
    if not hasattr(strategies, "trees"):
        pytest.skip("gametrust.testing.strategies.trees is not there yet")

    @settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
    @given(strategies.trees())
    def check(tree: GameTree) -> None:
        assert tree_difference(parse_efg(write_efg(tree)), tree) is None

    check()


@pytest.mark.parametrize("path", EFG_FILES, ids=[p.name for p in EFG_FILES])
def test_gambit_files_survive_writing_and_reading(path: Path) -> None:
    tree = read_efg(path)
    assert tree_difference(parse_efg(write_efg(tree)), tree) is None


def test_written_file_for_a_signalling_tree() -> None:
    inner = (("Duel", Terminal((F(0), F(1)))), ("Walk", Terminal((F(2), F(0)), "peace")))
    tree = GameTree(
        ("Sender", "Receiver"),
        Chance(
            (
                ("strong", F(2, 3), Decision(0, (
                    ("Beer", Decision(1, inner, "after Beer")),
                    ("Quiche", Decision(1, inner, "after Quiche")),
                ))),
                ("weak", F(1, 3), Decision(0, (
                    ("Beer", Decision(1, inner, "after Beer")),
                    ("Quiche", Decision(1, inner, "after Quiche")),
                ), label="weak type")),
            ),
            label="nature",
        ),
        title="Beer-Quiche, abridged",
    )
    assert write_efg(tree, comment="a comment") == (
        'EFG 2 R "Beer-Quiche, abridged" { "Sender" "Receiver" }\n'
        '"a comment"\n'
        "\n"
        'c "nature" 1 "" { "strong" 2/3 "weak" 1/3 } 0\n'
        'p "" 1 1 "Sender:1" { "Beer" "Quiche" } 0\n'
        'p "" 2 1 "after Beer" { "Duel" "Walk" } 0\n'
        't "" 1 "" { 0, 1 }\n'
        't "" 2 "peace" { 2, 0 }\n'
        'p "" 2 2 "after Quiche" { "Duel" "Walk" } 0\n'
        't "" 3 "" { 0, 1 }\n'
        't "" 4 "peace" { 2, 0 }\n'
        'p "weak type" 1 2 "Sender:2" { "Beer" "Quiche" } 0\n'
        'p "" 2 1 "after Beer" { "Duel" "Walk" } 0\n'
        't "" 5 "" { 0, 1 }\n'
        't "" 6 "peace" { 2, 0 }\n'
        'p "" 2 2 "after Quiche" { "Duel" "Walk" } 0\n'
        't "" 7 "" { 0, 1 }\n'
        't "" 8 "peace" { 2, 0 }\n'
    )
    assert write_efg(tree, title="other").startswith('EFG 2 R "other" ')


def test_repeated_node_labels_are_written_with_gambits_suffixes() -> None:
    leaf = Terminal((F(1),), "end")
    tree = GameTree(
        ("A",),
        Decision(0, (("x", Decision(0, (("u", leaf),), label="twice")),
                     ("y", Decision(0, (("u", leaf),), label="twice"))), label="root"),
    )
    again = parse_efg(write_efg(tree))
    assert [n.label for _, n in again.nodes()] == ["root", "twice_1", "end", "twice_2", "end"]


def test_float_trees_are_written_as_decimals_that_still_sum_to_one() -> None:
    third = 1 / 3
    tree = GameTree(
        ("A", "B"),
        Chance(tuple((f"m{k}", third, Terminal((0.1 * k, -2.5e-7))) for k in range(3))),
    )
    text = write_efg(tree)
    assert text.startswith("EFG 2 D ")
    again = parse_efg(text)
    probabilities = [m[1] for m in again.root.moves]  # type: ignore[union-attr]
    assert sum(probabilities) == 1
    assert all(abs(p - F(1, 3)) < F(1, 10**15) for p in probabilities)
    assert _payoffs(again)[("m1",)] == (F("0.1"), F("-2.5e-7"))


def test_writing_needs_numbers() -> None:
    tree = GameTree(("A",), Decision(0, (("x", Terminal(("relief",))),)))
    with pytest.raises(ArgumentError) as info:
        write_efg(tree)
    assert info.value.location.path == ("tree", "x")


def test_writing_checks_probabilities() -> None:
    tree = GameTree(("A",), Chance((("h", F(1, 2), Terminal((F(0),))),
                                    ("t", F(1, 3), Terminal((F(0),))))))
    with pytest.raises(ArgumentError):
        write_efg(tree)


# -- comparing trees -------------------------------------------------------------------------------


def _simultaneous(shared: bool, payoff: int = 1) -> GameTree:
    def second(name: str | None) -> Decision:
        return Decision(1, (("l", Terminal((F(payoff), F(0)))), ("r", Terminal((F(0), F(0))))),
                        name)

    return GameTree(
        ("A", "B"),
        Decision(0, (("u", second("B1" if shared else None)),
                     ("d", second("B1" if shared else None)))),
    )


def test_tree_difference_ignores_only_the_names_of_information_sets() -> None:
    a = _simultaneous(True)
    renamed = GameTree(a.players, a.root, a.title)
    assert tree_difference(a, renamed) is None
    b = parse_efg(write_efg(a).replace('"B1"', '"other name"'))
    assert trees_equivalent(a, b)
    assert not trees_equivalent(a, _simultaneous(False))  # the partition differs
    assert not trees_equivalent(_simultaneous(False), a)
    assert not trees_equivalent(a, _simultaneous(True, 2))  # a payoff differs


@pytest.mark.parametrize(
    "change",
    [
        lambda t: GameTree(t.players, t.root, "other title"),
        lambda t: GameTree(("A", "C"), t.root, t.title),
        lambda t: GameTree(t.players, Decision(0, t.root.moves, label="named"), t.title),
        lambda t: GameTree(t.players, Decision(0, t.root.moves[::-1]), t.title),
        lambda t: GameTree(t.players, Decision(1, t.root.moves), t.title),
        lambda t: GameTree(t.players, Chance(((a, F(1, 2), c) for a, c in t.root.moves)), t.title),
        lambda t: GameTree(t.players, Terminal((F(0), F(0))), t.title),
    ],
    ids=["title", "players", "node-label", "move-order", "player", "chance", "terminal"],
)
def test_tree_difference_sees_every_other_change(change: Any) -> None:
    tree = _simultaneous(True)
    changed = change(tree)
    assert tree_difference(tree, changed) is not None
    assert tree_difference(changed, tree) is not None


def test_tree_difference_sees_probabilities() -> None:
    def coin(p: Fraction) -> GameTree:
        return GameTree(("A",), Chance((("h", p, Terminal((F(1),))),
                                        ("t", 1 - p, Terminal((F(0),))))))

    assert tree_difference(coin(F(1, 2)), coin(F(1, 2))) is None
    assert tree_difference(coin(F(1, 2)), coin(F(1, 3))) is not None


# -- as a scenario -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EFG_FILES, ids=[p.name for p in EFG_FILES])
def test_read_efg_scenario_builds_the_tree_read(path: Path) -> None:
    scenario = read_efg_scenario(path)
    assert scenario.is_tree
    assert scenario.parameters == {}
    assert set(scenario.empathy_weights().values()) == {0}
    assert tree_difference(scenario.build_tree(), read_efg(path)) is None


def test_efg_scenario_keeps_title_comment_and_players() -> None:
    scenario = read_efg_scenario(FIXTURES / "decimal_d.efg")
    assert scenario.title.startswith("Inspection with an imperfect detector")
    assert scenario.description.startswith("Outcomes are restated by number only")
    assert scenario.player_ids == ("State", "Inspector")
    assert scenario.actions == (("Comply", "Cheat"), ("Accuse", "Trust"))


@pytest.mark.parametrize(
    "text",
    [
        # A forgets her own first move (imperfect recall)
        'EFG 2 R "" { "A" "B" } p "" 1 1 "" { "x" "y" } 0 '
        'p "" 1 2 "" { "u" "v" } 0 t "" 0 t "" 0 p "" 1 2 "" { "u" "v" } 0 t "" 0 '
        'p "" 2 1 "" { "l" } 0 t "" 0',
    ],
    ids=["imperfect-recall"],
)
def test_efg_scenario_refuses_what_a_scenario_cannot_be(tmp_path: Path, text: str) -> None:
    path = tmp_path / "odd.efg"
    path.write_text(text)
    read_efg(path)  # a readable file
    with pytest.raises(GambitFormatError) as info:
        read_efg_scenario(path)
    assert info.value.location.file == str(path)


@pytest.mark.parametrize(
    ("text", "payoffs"),
    [
        # the second player never moves: a bystander with payoffs
        ('EFG 2 R "" { "A" "B" } p "" 1 1 "" { "x" "y" } 0 t "" 1 "" { 1, 5 } '
         't "" 2 "" { 2, 0 }', (2, 0)),
        # the only player never moves: chance alone (Gambit's
        # chance_root_5_moves_no_nonterm_player_nodes.efg, abridged)
        ('EFG 2 R "" { "Player" } c "" 1 "" { "A" 1/3 "B" 0 "C" 2/3 } 0 '
         't "" 1 "A" { 0 } t "" 2 "B" { 1 } t "" 3 "C" { 3 }', (2,)),
    ],
    ids=["bystander", "only-player-never-moves"],
)
def test_efg_players_who_never_move_are_read_and_solved(tmp_path: Path, text: str,
                                                        payoffs: tuple) -> None:
    path = tmp_path / "idle.efg"
    path.write_text(text)
    scenario = read_efg_scenario(path)
    result = solve_tree(scenario.build_tree())
    assert [e.payoffs for e in result.subgame_perfect] == [payoffs]
    assert result.complete and result.max_regret == 0


# -- Gambit's and OpenSpiel's example trees (issue 10) -------------------------------------------


def test_gambit_2_player_chance_lists_each_equilibrium_once() -> None:
    """Gambit's ``2_player_chance.efg``: the reduced normal form has 24 extreme equilibria that
    are 2 behaviour profiles (they differ only where a plan never reaches); both are
    subgame-perfect (the whole tree is the only subgame) and form one continuum."""
    tree = read_efg_scenario(FIXTURES / "2_player_chance.efg").build_tree()
    result = solve_tree(tree)
    assert result.normal_form is not None and len(result.normal_form) == 24
    assert len(result.nash) == 2 and len(result.subgame_perfect) == 2
    assert {e.payoffs for e in result.nash} == {(F(1, 3), F(-1, 3))}
    assert result.components == ((0, 1),) and result.complete
    text = render_tree(result)
    assert "2 distinct extreme equilibria (24 extreme equilibria of the reduced normal form" in text


def test_kuhn_poker_gets_a_certified_equilibrium_not_a_refusal() -> None:
    """OpenSpiel's ``kuhn_poker.efg`` (one subgame: the whole tree; a 27x64 reduced normal form,
    too large to enumerate): one equilibrium by exact Lemke-Howson, with zero regret, worth the
    game's value -1/18 to the first player; the result says the list is not complete."""
    tree = read_efg_scenario(FIXTURES / "kuhn_poker_openspiel.efg").build_tree()
    result = solve_tree(tree)
    [e] = result.subgame_perfect
    assert e.payoffs == (F(-1, 18), F(1, 18))
    assert result.max_regret == 0
    game, plans = reduced_normal_form(tree)
    assert is_nash(game, [behavior_to_plans(tree, plans[p], e.behavior) for p in range(2)])
    assert not result.complete and not result.subgame_perfect_complete
    assert any("the whole tree is too large to enumerate" in w and "Lemke-Howson" in w
               for w in result.warnings)
    assert "not a complete list" in render_tree(result)


def test_a_one_player_tree_gets_its_optimal_plans() -> None:
    """One player who does not see chance's move: a decision problem with an information set.
    Its optimal plans are the subgame-perfect (and Nash) equilibria; nothing is incomplete."""
    def t(v: int) -> Terminal:
        return Terminal((F(v),))

    tree = GameTree(("A",), Chance((
        ("h", F(1, 2), Decision(0, (("x", t(4)), ("y", t(0))), infoset="dark")),
        ("t", F(1, 2), Decision(0, (("x", t(0)), ("y", t(4))), infoset="dark")),
    )))
    result = solve_tree(tree)
    assert sorted(e.behavior["dark"]["x"] for e in result.subgame_perfect) == [0, 1]
    assert result.components == ((0, 1),)  # every mixture is optimal: a continuum
    assert result.complete and result.warnings == ()
    assert len(result.nash) == 2


def test_shoham_leyton_brown_bayesian_game_lists_extreme_points_only() -> None:
    """Fig. 6.8 of Shoham and Leyton-Brown (2008), a Bayesian game with chance choosing the
    types: one subgame, two movers with two information sets each.  A vertex of the mixed-plan
    polytope need not be a vertex in realization plans: the list holds exactly the 4 extreme
    points of the one continuum (Gambit's reduced normal form has 6 extreme equilibria)."""
    from test_trees import local_realization

    from gametrust.solvers.exact_polytope import RATIONAL, in_hull

    tree = read_efg_scenario(FIXTURES / "shoham_leyton_brown_fig6_8.efg").build_tree()
    result = solve_tree(tree)
    assert len(result.subgame_perfect) == 4 and result.components == ((0, 1, 2, 3),)
    coords = [local_realization(tree, e.behavior) for e in result.subgame_perfect]
    keys = sorted({k for c in coords for k in c})
    vectors = [tuple(c.get(k, F(0)) for k in keys) for c in coords]
    for m, v in enumerate(vectors):
        assert not in_hull(v, [w for k, w in enumerate(vectors) if k != m], RATIONAL)
