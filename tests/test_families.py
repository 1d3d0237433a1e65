"""Naming games: the Robinson–Goforth / Bruns families of 2×2 games, ties, larger games.

The classic games are given by hand with the textbook payoff orders
(T temptation, R reward, P punishment, S sucker), so these tests do not depend
on the orientation conventions inside ``gametrust.analysis.families``.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametrust import ArgumentError, NormalFormGame
from gametrust.analysis.families import SYMMETRIC_GAMES, Family, classify
from gametrust.model.empathy import apply_empathy


def symmetric_game(R, S, T, P, actions=("C", "D"), players=("Row", "Col")) -> NormalFormGame:
    """The symmetric 2×2 game with the classic payoffs, first action C."""
    a = [[R, S], [T, P]]
    b = [[R, T], [S, P]]  # B = A^T
    return NormalFormGame.from_arrays(
        a, b, players=list(players), actions=[list(actions), list(actions)]
    )


def relabelled(game: NormalFormGame) -> NormalFormGame:
    """The same game with both players' actions listed in the other order."""
    return game.permuted(action_orders=[[1, 0], [1, 0]])


# -- the classic symmetric games, by hand -------------------------------------------------------


def test_prisoners_dilemma() -> None:
    pd = symmetric_game(R=3, S=0, T=5, P=1)  # T > R > P > S
    family = classify(pd)
    assert (family.name, family.short, family.index) == ("Prisoner's Dilemma", "PD", "Pd")
    assert family.strict and family.symmetric
    assert family.group == "Prisoner's Dilemma"
    assert family.player_types == {"Row": "Prisoner's Dilemma", "Col": "Prisoner's Dilemma"}
    assert family.borders == ()
    assert "Row has a strictly dominant strategy: D" in family.facts
    assert "Col has a strictly dominant strategy: D" in family.facts
    assert "dominance solvable to (D, D)" in family.facts
    assert "the equilibrium (D, D) is Pareto-dominated by (C, C)" in family.facts
    assert str(family) == "Prisoner's Dilemma (RG index Pd)"
    assert classify(relabelled(pd)).name == "Prisoner's Dilemma"


def test_stag_hunt() -> None:
    sh = symmetric_game(R=4, S=0, T=3, P=2)  # R > T > P > S
    family = classify(sh)
    assert (family.name, family.short, family.index) == ("Stag Hunt", "SH", "Sh")
    assert family.symmetric
    assert "2 pure equilibria: (C, C), (D, D)" in family.facts
    assert any("assurance" in alias for alias in family.aliases)
    assert classify(relabelled(sh)).name == "Stag Hunt"


def test_chicken() -> None:
    chicken = symmetric_game(R=3, S=1, T=4, P=0)  # T > R > S > P
    family = classify(chicken)
    assert (family.name, family.short, family.index) == ("Chicken", "Chicken", "Ch")
    assert "2 pure equilibria: (C, D), (D, C)" in family.facts
    assert classify(relabelled(chicken)).name == "Chicken"


def test_deadlock() -> None:
    deadlock = symmetric_game(R=1, S=0, T=3, P=2)  # T > P > R > S
    family = classify(deadlock)
    assert (family.name, family.index, family.group) == ("Deadlock", "Dl", "Deadlock")
    assert "dominance solvable to (D, D)" in family.facts
    # unlike the PD, mutual defection is not Pareto-dominated
    assert not any("Pareto-dominated" in fact for fact in family.facts)


def test_harmony_games() -> None:
    # cooperation dominant (R > T, S > P) and mutual cooperation best: the IR "Harmony".
    # Bruns (2015) splits it in three: Harmony R > S > T > P, Concord R > T > S > P,
    # Peace R > S > P > T.  All three are broadly Harmony games ("Harmony" short label).
    cases = {
        "Harmony": symmetric_game(R=4, S=3, T=2, P=1),
        "Concord": symmetric_game(R=4, S=2, T=3, P=1),
        "Peace": symmetric_game(R=4, S=3, T=1, P=2),
    }
    for name, game in cases.items():
        family = classify(game)
        assert family.name == name
        assert family.group == "Harmony" and family.short == "Harmony"
        assert "dominance solvable to (C, C)" in family.facts


def test_battle_of_the_sexes_leader_and_hero() -> None:
    leader = symmetric_game(R=2, S=3, T=4, P=1)  # T > S > R > P: Rapoport–Guyer's Leader
    hero = symmetric_game(R=2, S=4, T=3, P=1)  # S > T > R > P: Rapoport–Guyer's Hero
    assert classify(leader).name == "Battle of the Sexes"
    assert any("Leader" in alias for alias in classify(leader).aliases)
    assert classify(hero).name == "Hero"
    for game in (leader, hero):
        family = classify(game)
        assert family.group == "Battle of the Sexes" and family.short == "BoS"
        assert "2 pure equilibria: (C, D), (D, C)" in family.facts


def test_textbook_battle_of_the_sexes_is_a_tie_between_battle_and_hero() -> None:
    # Opera/Football: each gets 0 when they miscoordinate, whichever way -> a tie
    bos = NormalFormGame.from_arrays(
        [[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["Her", "Him"],
        actions=[["Opera", "Football"], ["Opera", "Football"]],
    )
    family = classify(bos)
    assert not family.strict and family.index is None
    assert family.symmetric
    assert family.borders == ("Battle of the Sexes", "Hero")
    assert family.name == "tie: boundary of Battle of the Sexes and Hero"


# the twelve symmetric games as the payoff orders Bruns (2015) gives them
BRUNS_ORDERS = {
    "Chicken": "TRSP",
    "Battle of the Sexes": "TSRP",
    "Hero": "TSPR",
    "Compromise": "TPSR",
    "Deadlock": "TPRS",
    "Prisoner's Dilemma": "TRPS",
    "Stag Hunt": "RTPS",
    "Assurance": "RPTS",
    "Coordination": "RPST",
    "Peace": "RSPT",
    "Harmony": "RSTP",
    "Concord": "RTSP",
}


@pytest.mark.parametrize("name", sorted(BRUNS_ORDERS))
def test_the_twelve_symmetric_games(name: str) -> None:
    order = BRUNS_ORDERS[name]  # best first
    value = {letter: 10 * (4 - k) for k, letter in enumerate(order)}
    game = symmetric_game(value["R"], value["S"], value["T"], value["P"])
    family = classify(game)
    assert family.name == name and family.symmetric and family.strict
    # the same game with C and D exchanged: R <-> P, S <-> T
    mirrored = symmetric_game(value["P"], value["T"], value["S"], value["R"])
    assert classify(mirrored).name == name
    assert classify(mirrored).index == family.index


def test_symmetric_table_is_a_cycle_of_adjacent_swaps() -> None:
    # consecutive games (and the last and the first) differ by one swap of adjacent ranks
    for g, h in itertools.pairwise((*SYMMETRIC_GAMES, SYMMETRIC_GAMES[0])):
        diff = [(x, y) for x, y in zip(np.ravel(g.half), np.ravel(h.half), strict=True) if x != y]
        assert len(diff) == 2 and abs(diff[0][0] - diff[0][1]) == 1


# -- asymmetric games ---------------------------------------------------------------------------

PD_US_DPRK = NormalFormGame.from_arrays(
    [[4, 0], [5, 2]], [[4, 5], [0, 2]], players=["US", "DPRK"],
    actions=[["Restrain", "Arm"], ["Restrain", "Arm"]],
)


def test_asymmetric_empathy_reads_as_each_players_preferences() -> None:
    # US empathy 1/2, DPRK none.  US: R = 4 + 4/2 = 6, T = 5 + 0/2 = 5, P = 2 + 2/2 = 3,
    # S = 0 + 5/2 = 5/2: R > T > P > S, Stag Hunt preferences; DPRK keeps its PD payoffs.
    game = apply_empathy(PD_US_DPRK, ["1/2", 0])
    family = classify(game)
    assert family.player_types == {"US": "Stag Hunt", "DPRK": "Prisoner's Dilemma"}
    assert not family.symmetric and family.strict
    assert family.index == "ShPd"
    # Robinson & Goforth's Alibi games: the asymmetric Prisoner's Dilemmas
    assert family.name == "Alibi game: Prisoner's Dilemma–Stag Hunt hybrid"
    assert family.group == "Alibi game"
    assert "US: Stag Hunt preferences, DPRK: Prisoner's Dilemma preferences" in str(family)
    assert "the equilibrium (Arm, Arm) is Pareto-dominated by (Restrain, Restrain)" in (
        family.facts
    )
    assert "DPRK has a strictly dominant strategy: Arm" in family.facts


def test_cycle_game() -> None:
    # Row wants to match Column, Column wants to mismatch: no pure equilibrium
    game = NormalFormGame.from_arrays([[4, 1], [2, 3]], [[1, 4], [3, 2]])
    family = classify(game)
    assert family.group == "Cycle" and family.short == "Cycle"
    assert "no pure equilibrium" in family.facts
    assert not family.symmetric


# -- invariance --------------------------------------------------------------------------------


@st.composite
def distinct_values(draw: st.DrawFn) -> list[Fraction]:
    """Four distinct payoffs by construction: a base, positive gaps, a random order."""
    base = Fraction(draw(st.integers(-20, 20)), draw(st.sampled_from([1, 2, 3])))
    gaps = draw(st.lists(st.integers(1, 6), min_size=3, max_size=3))
    levels = [base]
    for gap in gaps:
        levels.append(levels[-1] + Fraction(gap, draw(st.sampled_from([1, 2, 5]))))
    order = draw(st.permutations(range(4)))
    return [levels[k] for k in order]


@st.composite
def strict_games(draw: st.DrawFn) -> NormalFormGame:
    a, b = draw(distinct_values()), draw(distinct_values())
    return NormalFormGame.from_arrays(
        [a[:2], a[2:]], [b[:2], b[2:]], players=["US", "DPRK"],
        actions=[["U1", "U2"], ["D1", "D2"]],
    )


positive = st.builds(Fraction, st.integers(1, 9), st.integers(1, 4))
shift = st.builds(Fraction, st.integers(-9, 9), st.integers(1, 4))


def swap_index(index: str) -> str:
    return index if len(index) == 2 else index[2:] + index[:2]


def same_family(f: Family, g: Family) -> bool:
    return (f.name, f.short, f.group, f.symmetric, f.strict, f.borders) == (
        g.name, g.short, g.group, g.symmetric, g.strict, g.borders
    )


@given(strict_games(), positive, shift, positive, shift)
def test_family_invariant_under_positive_affine_maps(game, a1, b1, a2, b2) -> None:
    payoffs = game.payoffs.copy()
    payoffs[0] = payoffs[0] * a1 + b1
    payoffs[1] = payoffs[1] * a2 + b2
    f, g = classify(game), classify(game.with_payoffs(payoffs))
    assert same_family(f, g) and f.index == g.index and f.player_types == g.player_types


@given(strict_games(), st.booleans(), st.booleans())
def test_family_invariant_under_relabelling_actions(game, rows, cols) -> None:
    orders = [[1, 0] if rows else [0, 1], [1, 0] if cols else [0, 1]]
    f, g = classify(game), classify(game.permuted(action_orders=orders))
    assert same_family(f, g) and f.index == g.index and f.player_types == g.player_types


@given(strict_games())
def test_family_invariant_under_swapping_the_players(game) -> None:
    f, g = classify(game), classify(game.permuted(player_order=[1, 0]))
    assert same_family(f, g)
    assert g.index == swap_index(f.index)  # the transposed cell of the 12x12 table
    assert f.player_types == g.player_types  # each player keeps its type


@given(strict_games())
def test_float_games_are_classified_like_exact_ones(game) -> None:
    f, g = classify(game), classify(game.to_float())
    assert same_family(f, g) and f.index == g.index


@given(
    st.lists(st.integers(-2, 2), min_size=8, max_size=8),
    st.booleans(), st.booleans(), st.booleans(),
)
def test_games_with_ties_are_named_invariantly(values, rows, cols, players) -> None:
    game = NormalFormGame.from_arrays([values[0:2], values[2:4]], [values[4:6], values[6:8]])
    other = game.permuted(
        player_order=[1, 0] if players else [0, 1],
        action_orders=[[1, 0] if rows else [0, 1], [1, 0] if cols else [0, 1]],
    )
    assert same_family(classify(game), classify(other))


def test_every_binary_game_is_named_invariantly() -> None:
    # all 256 games with payoffs 0 or 1, under all 8 relabellings and player swaps
    for values in itertools.product([0, 1], repeat=8):
        game = NormalFormGame.from_arrays([values[0:2], values[2:4]], [values[4:6], values[6:8]])
        family = classify(game)
        for players, rows, cols in itertools.product(([0, 1], [1, 0]), repeat=3):
            other = classify(game.permuted(player_order=players, action_orders=[rows, cols]))
            assert same_family(family, other), (values, players, rows, cols)


def test_tie_symmetric_in_two_ways() -> None:
    # -1 when the actions match, 0 when they differ: anti-coordination as given, but
    # relabelling one player's actions makes it a coordination game, and both views are
    # symmetric.  Symmetric tie-breaking reaches both kinds of strict games.
    game = NormalFormGame.from_arrays([[-1, 0], [0, -1]], [[-1, 0], [0, -1]])
    family = classify(game)
    assert family.symmetric
    assert family.borders == ("Battle of the Sexes", "Hero", "Assurance", "Coordination")


# -- the 144 strict ordinal games ---------------------------------------------------------------


def all_rank_games() -> list[NormalFormGame]:
    games = []
    for pa in itertools.permutations([1, 2, 3, 4]):
        for pb in itertools.permutations([1, 2, 3, 4]):
            games.append(
                NormalFormGame.from_arrays([pa[:2], pa[2:]], [pb[:2], pb[2:]])
            )
    return games


@pytest.fixture(scope="module")
def table() -> list[tuple[NormalFormGame, Family]]:
    return [(g, classify(g)) for g in all_rank_games()]


def test_576_rank_games_fall_into_144_cells(table) -> None:
    assert len(table) == 576
    assert all(f.strict and f.index is not None for _, f in table)
    assert len({f.index for _, f in table}) == 144
    # a cell is exactly a class under relabelling rows and columns (4 games each)
    for game, family in table:
        for rows, cols in itertools.product(([0, 1], [1, 0]), repeat=2):
            assert classify(game.permuted(action_orders=[rows, cols])).index == family.index


def test_counts_in_the_table(table) -> None:
    cells = {f.index: f for _, f in table}
    # 12 symmetric games on the diagonal
    assert sum(f.symmetric for f in cells.values()) == 12
    # names ignore which player is which: 12 + 132/2 = 78, Rapoport & Guyer's count
    assert len({f.name for f in cells.values()}) == 78
    # Robinson & Goforth (2004): seven Alibi games, the PD the only symmetric one
    alibi = [f for f in cells.values() if f.group == "Alibi game" or f.name == "Prisoner's Dilemma"]
    assert len(alibi) == 7
    # each player without a dominant strategy in 1/2 of its 24 orders; then the two
    # players' best responses align (2 pure equilibria) or cycle (none) in half the
    # cases: 144 / 8 = 18 each
    assert sum("no pure equilibrium" in f.facts for f in cells.values()) == 18
    assert sum(any(x.startswith("2 pure") for x in f.facts) for f in cells.values()) == 18
    assert sum(f.group == "Cycle" for f in cells.values()) == 18


# -- empathy ------------------------------------------------------------------------------------

PD_5420 = NormalFormGame.from_arrays(  # T = 5, R = 4, P = 2, S = 0
    [[4, 0], [5, 2]], [[4, 5], [0, 2]], players=["A", "B"],
    actions=[["C", "D"], ["C", "D"]],
)


def with_empathy(game: NormalFormGame, e: str) -> Family:
    return classify(apply_empathy(game, [e, e]))


def test_pd_under_altruism() -> None:
    # u'_i = u_i + e u_j on T=5, R=4, P=2, S=0:
    #   R' = 4 + 4e, T' = 5 + 0e = 5, S' = 0 + 5e, P' = 2 + 2e
    # e = 0:   5 > 4 > 2 > 0                                    T > R > P > S  PD
    # e = 1/5: R' = 24/5 < T' = 5, P' = 12/5 > S' = 1           T > R > P > S  PD
    # e = 1/4: R' = 5 = T' (the tie), P' = 5/2 > S' = 5/4       boundary PD / SH
    # e = 1/2: R' = 6 > T' = 5 > P' = 3 > S' = 5/2              R > T > P > S  SH
    # e = 3/4: R' = 7 > T' = 5 > S' = 15/4 > P' = 7/2          R > T > S > P  Concord
    #          (Bruns' name; broadly Harmony: cooperation dominant, mutual C best)
    assert with_empathy(PD_5420, "0").name == "Prisoner's Dilemma"
    assert with_empathy(PD_5420, "1/5").name == "Prisoner's Dilemma"
    assert with_empathy(PD_5420, "1/2").name == "Stag Hunt"
    harmony = with_empathy(PD_5420, "3/4")
    assert harmony.name == "Concord"
    assert harmony.group == "Harmony" and harmony.short == "Harmony"
    assert [with_empathy(PD_5420, e).short for e in ("1/5", "1/2", "3/4")] == [
        "PD", "SH", "Harmony"
    ]


def test_pd_under_altruism_tie_at_one_quarter() -> None:
    tie = with_empathy(PD_5420, "1/4")
    assert not tie.strict and tie.index is None and tie.symmetric
    assert tie.borders == ("Prisoner's Dilemma", "Stag Hunt")
    assert tie.name == "tie: boundary of Prisoner's Dilemma and Stag Hunt"
    assert tie.detail == "T = R for both players"
    assert tie.short == "tie PD|SH"
    # P' = S' at 2 + 2e = 5e, e = 2/3: the Stag Hunt meets Concord
    assert with_empathy(PD_5420, "2/3").borders == ("Stag Hunt", "Concord")


def test_float_tie_uses_the_documented_tolerance() -> None:
    pd = PD_5420.to_float()
    assert classify(apply_empathy(pd, [0.25, 0.25])).borders == (
        "Prisoner's Dilemma", "Stag Hunt"
    )
    assert not classify(apply_empathy(pd, [0.25 + 1e-13, 0.25 + 1e-13])).strict
    assert classify(apply_empathy(pd, [0.25 + 1e-6, 0.25 + 1e-6])).name == "Stag Hunt"


PD_5310 = NormalFormGame.from_arrays(  # T = 5, R = 3, P = 1, S = 0
    [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["A", "B"],
    actions=[["C", "D"], ["C", "D"]],
)


def test_pd_5310_passes_through_chicken() -> None:
    # R' = 3 + 3e, T' = 5, S' = 5e, P' = 1 + e
    # S' = P' at e = 1/4, R' = T' at e = 2/3; in between T' > R' and S' > P'.
    # e = 1/2: R' = 3 + 3/2 = 9/2, T' = 5, S' = 5/2, P' = 1 + 1/2 = 3/2:
    #          5 > 9/2 > 5/2 > 3/2, T > R > S > P: Chicken
    assert with_empathy(PD_5310, "1/2").name == "Chicken"
    for e in ("1/3", "1/2", "3/5", "13/20"):
        assert with_empathy(PD_5310, e).name == "Chicken"
    assert with_empathy(PD_5310, "1/5").name == "Prisoner's Dilemma"
    assert with_empathy(PD_5310, "1/4").borders == ("Chicken", "Prisoner's Dilemma")
    assert with_empathy(PD_5310, "2/3").borders == ("Chicken", "Concord")


# -- larger games -------------------------------------------------------------------------------


def test_3x3_dominance_solvable() -> None:
    # column player's c3 is strictly dominated by c1; then row's r3 by r1; then ...
    a = [[4, 3, 0], [2, 1, 5], [3, 0, 1]]
    b = [[3, 1, 0], [4, 2, 1], [2, 3, 1]]
    game = NormalFormGame.from_arrays(
        a, b, players=["Row", "Col"], actions=[["r1", "r2", "r3"], ["c1", "c2", "c3"]]
    )
    family = classify(game)
    assert (family.name, family.short, family.index) == ("3x3 game", "3x3", None)
    assert not family.strict and not family.symmetric and family.player_types == {}
    assert "dominance solvable to (r1, c1)" in family.facts
    assert "1 pure equilibrium: (r1, c1)" in family.facts
    assert str(family) == "3x3 game (dominance solvable to (r1, c1))"


def test_partial_iterated_dominance_and_dominant_strategy() -> None:
    # Row: r2 strictly dominates r1; Col indifferent -> Col keeps both
    game = NormalFormGame.from_arrays(
        [[0, 0, 0], [1, 1, 1]], [[1, 1, 0], [1, 1, 0]], players=["Row", "Col"],
        actions=[["r1", "r2"], ["c1", "c2", "c3"]],
    )
    family = classify(game)
    assert "Row has a strictly dominant strategy: r2" in family.facts
    assert "iterated strict dominance leaves Row {r2}; Col {c1, c2}" in family.facts
    assert "2 pure equilibria: (r2, c1), (r2, c2)" in family.facts


def test_symmetry_of_larger_games() -> None:
    a = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    rps = NormalFormGame.from_arrays(a, a.T)
    assert classify(rps).symmetric
    assert classify(NormalFormGame.from_arrays(a, -a)).symmetric  # zero-sum RPS: -A = A^T
    assert not classify(NormalFormGame.from_arrays(a, a)).symmetric
    # three-player coordination: payoff 1 each when all choose the same action
    same = np.zeros((2, 2, 2), dtype=int)
    same[0, 0, 0] = same[1, 1, 1] = 1
    three = NormalFormGame.from_payoff_tensor([same, same, same])
    family = classify(three)
    assert family.symmetric and family.name == "2x2x2 game (3 players)"
    assert "2 pure equilibria: (a1, a1, a1), (a2, a2, a2)" in family.facts
    lopsided = same.copy()
    lopsided[0, 1, 1] = 5  # player 1 alone gains when it deviates from (a2, a2, a2)
    assert not classify(NormalFormGame.from_payoff_tensor([lopsided, same, same])).symmetric


def test_classify_rejects_non_games() -> None:
    with pytest.raises(ArgumentError) as info:
        classify([[1, 2], [3, 4]])  # type: ignore[arg-type]
    assert info.value.location.path == ("game",)
