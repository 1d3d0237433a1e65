"""Trees with three or more players: every equilibrium, exactly (issue 12).

A tree's local game with three or more movers, and the reduced normal form
of a tree with three or more players, go to the exact N-player enumeration
(:mod:`gametrust.solvers.nplayer`) instead of listing pure equilibria only.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import gametrust
from gametrust.report.tree import others_heading, render_tree

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gambit"


def _mix(behavior: dict, infoset: str, action: str) -> F:
    return behavior[infoset][action]


def test_seltens_horse_has_two_segments_of_equilibria() -> None:
    """Selten (1975), Figure 1: no proper subgame, so every Nash equilibrium is
    subgame-perfect.  The equilibria are two segments: (R, R) with Player 3 playing L
    with probability at least 3/4, and (L, ·, R) with Player 2 playing R with probability
    at most 1/3 (only the end (L, R, R) is a perfect equilibrium).  Their four ends are
    the extreme equilibria, each segment one component."""
    result = gametrust.solve(gametrust.load(FIXTURES / "selten_horse.efg"))
    assert result.complete and result.subgame_perfect_complete
    ends = {
        (_mix(e.behavior, "Player 1:1", "R"), _mix(e.behavior, "Player 2:1", "R"),
         _mix(e.behavior, "Player 3:1", "L"))
        for e in result.subgame_perfect
    }
    assert ends == {(1, 1, 1), (1, 1, F(3, 4)), (0, 1, 0), (0, F(1, 3), 0)}
    assert len(result.nash) == 4
    assert all("subgame-perfect" in e.concepts for e in result.nash)
    segments = [{ends_of for ends_of in c} for c in result.components]
    assert sorted(len(s) for s in segments) == [2, 2]


def test_a_simultaneous_three_player_tree_has_the_nine_equilibria_of_its_game() -> None:
    """Gambit's 2x2x2.nfg (McKelvey and McLennan) written as a tree in which no player sees
    another's move has the same 9 equilibria as the normal form, 2 of them totally mixed."""
    tree = gametrust.solve(gametrust.load(FIXTURES / "2x2x2_tree.efg"))
    game = gametrust.solve(gametrust.load(FIXTURES / "2x2x2.nfg"))
    assert tree.complete and len(tree.subgame_perfect) == len(tree.nash) == 9
    from_tree = {
        tuple(_mix(e.behavior, f"Player {p}:1", "1") for p in (1, 2, 3))
        for e in tree.subgame_perfect
    }
    from_game = {tuple(s[0] for s in e.strategies) for e in game.equilibria}
    assert from_tree == from_game
    assert (F(1, 2), F(2, 5), F(1, 4)) in from_tree


def test_an_incomplete_list_does_not_call_the_other_nash_equilibria_not_subgame_perfect(
) -> None:
    """Selten (1975), Figure 3 has continua the enumeration does not resolve: the list says
    it is not complete, and the Nash equilibria it does not match with a listed
    subgame-perfect one are not called "not subgame-perfect"."""
    result = gametrust.solve(gametrust.load(FIXTURES / "selten1975_fig3.efg"))
    assert not result.subgame_perfect_complete
    assert "not complete" in others_heading(result)
    text = render_tree(result)
    assert "Nash but not subgame-perfect" not in text
