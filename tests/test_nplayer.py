"""Every equilibrium of games with three or more players, exact and certified.

Known answers (Gambit's ``2x2x2.nfg``: McKelvey and McLennan's game with 9
equilibria), the Gambit N-player fixtures against the stored answers of
pygambit 16.7.0's ``enumpoly_solve`` (``tests/fixtures/gambit/nplayer_enumpoly.json``,
made by ``tests/fixtures/make_gambit_nplayer_fixtures.py``), each difference
decided by an independent regret check in sympy's exact arithmetic, and
hypothesis properties on random small games with ties.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametrust.core.algebraic import RealAlgebraic
from gametrust.formats.gambit_nfg import read_nfg_game
from gametrust.model.game import NormalFormGame
from gametrust.model.regret import max_regret
from gametrust.solvers.nplayer import solve_nplayer
from gametrust.solvers.solve import solve
from gametrust.testing.games import games

FIXTURES = Path(__file__).parent / "fixtures" / "gambit"
F = Fraction


def _profiles(result: Any) -> set[tuple[tuple[Any, ...], ...]]:
    return {e.strategies for e in result}


def _sympy_regret(game: NormalFormGame, strategies: Any) -> sympy.Expr:
    """The largest gain of a pure deviation, computed in sympy's exact arithmetic
    (radicals and CRootOf), independently of FLINT and of the solver's number field."""
    exact = [
        [
            x.to_sympy()
            if isinstance(x, RealAlgebraic)
            else sympy.Rational(x.numerator, x.denominator)
            for x in row
        ]
        for row in strategies
    ]
    gains = []
    for i in range(game.n_players):
        values = []
        for a in range(game.shape[i]):
            total = sympy.Integer(0)
            for index in np.ndindex(*game.shape):
                if index[i] != a:
                    continue
                weight = sympy.Integer(1)
                for j, k in enumerate(index):
                    if j != i:
                        weight *= exact[j][k]
                p = game.payoffs[(i, *index)]
                total += sympy.Rational(p.numerator, p.denominator) * weight
            values.append(total)
        mixed = sum(p * v for p, v in zip(exact[i], values, strict=True))
        gains += [v - mixed for v in values]
    return gains


def _certified_by_sympy(game: NormalFormGame, strategies: Any) -> bool:
    for gain in _sympy_regret(game, strategies):
        value = sympy.N(gain, 60)
        if value > sympy.Float(10) ** -40:
            return False
        zero = sympy.Symbol("z")
        if value > -(sympy.Float(10) ** -40) and (  # numerically zero: prove it exactly
            sympy.minimal_polynomial(sympy.expand(gain), zero) != zero
        ):
            return False
    return True


# -- Gambit's 2x2x2.nfg -----------------------------------------------------------------------


TWO_BY_TWO_BY_TWO = {
    ((F(1), F(0)), (F(1), F(0)), (F(1), F(0))),
    ((F(1), F(0)), (F(0), F(1)), (F(0), F(1))),
    ((F(0), F(1)), (F(1), F(0)), (F(0), F(1))),
    ((F(0), F(1)), (F(0), F(1)), (F(1), F(0))),
    ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)), (F(1), F(0))),
    ((F(1, 3), F(2, 3)), (F(1), F(0)), (F(1, 4), F(3, 4))),
    ((F(0), F(1)), (F(1, 4), F(3, 4)), (F(1, 3), F(2, 3))),
    ((F(1, 2), F(1, 2)), (F(2, 5), F(3, 5)), (F(1, 4), F(3, 4))),
    ((F(2, 5), F(3, 5)), (F(1, 2), F(1, 2)), (F(1, 3), F(2, 3))),
}


def test_gambit_2x2x2_has_all_nine_equilibria_exactly() -> None:
    game = read_nfg_game(FIXTURES / "2x2x2.nfg")
    result = solve(game)
    assert result.method == "enumeration" and result.complete and result.exact
    assert _profiles(result) == TWO_BY_TWO_BY_TWO
    assert all(max_regret(game, e.strategies) == 0 for e in result)
    assert sorted(len(e.support(0)) + len(e.support(1)) + len(e.support(2)) for e in result) == [
        3,
        3,
        3,
        3,
        5,
        5,
        5,
        6,
        6,
    ]


def test_an_irrational_equilibrium_is_a_certified_algebraic_number() -> None:
    # Nau, Gomez Canovas and Hansen (2004), section 4: one equilibrium, irrational
    game = read_nfg_game(FIXTURES / "nau2004_sec4.nfg")
    result = solve(game)
    assert result.complete and len(result) == 1
    (eq,) = result
    assert str(eq.strategies[0][0]) == "(53 - sqrt(601))/46"
    assert isinstance(eq.payoffs[0], RealAlgebraic) and eq.regret == 0
    assert _certified_by_sympy(game, eq.strategies)
    data = result.to_dict()["equilibria"][0]
    assert data["strategies"]["Player 1"]["Top"] == "(53 - sqrt(601))/46"


# -- every N-player Gambit fixture against enumpoly's stored answers -------------------------

STORED = json.loads((FIXTURES / "nplayer_enumpoly.json").read_text())


def _close(ours: Any, theirs: list[list[float]]) -> bool:
    return all(
        abs(float(x) - y) < 1e-6
        for row, other in zip(ours, theirs, strict=True)
        for x, y in zip(row, other, strict=True)
    )


@pytest.mark.parametrize("name", sorted(STORED["games"]))
def test_same_equilibria_as_gambit_enumpoly_or_the_difference_is_explained(name: str) -> None:
    """Each of Gambit's equilibria is one of ours; each of ours Gambit lacks is certified
    by the independent sympy check, and lies on a continuum (which enumpoly skips)."""
    game = read_nfg_game(FIXTURES / name)
    result = solve(game)
    assert all(_certified_by_sympy(game, e.strategies) for e in result)
    theirs = STORED["games"][name]
    if theirs == "timeout":  # enumpoly did not finish: ours did, and is certified
        assert len(result) > 0
        return
    for profile in theirs:
        assert any(_close(e.strategies, profile) for e in result), profile
    extra = [k for k, e in enumerate(result) if not any(_close(e.strategies, p) for p in theirs)]
    # what enumpoly lacks lies on continua (positive-dimensional supports, which it skips)
    on_continua = {k for c in result.details["continua"] for k in c["equilibria"]}
    assert set(extra) <= on_continua, "enumpoly missed an isolated equilibrium"


def test_the_fixture_differences_are_as_documented() -> None:
    counts = {}
    for name in sorted(STORED["games"]):
        result = solve(read_nfg_game(FIXTURES / name))
        counts[name] = (len(result), result.complete, len(result.details["continua"]))
    assert counts["2x2x2.nfg"] == (9, True, 0)
    assert counts["nau2004_sec4.nfg"] == (1, True, 0)
    # sec5: enumpoly lists 3 pure equilibria; the game has continua where player 3 is
    # indifferent (e.g. (Top, Right) with any mix of 1 and 2), which enumpoly skips
    assert counts["nau2004_sec5.nfg"][1] is False and counts["nau2004_sec5.nfg"][0] > 3


# -- properties on random small games with ties ----------------------------------------------


def _canonical(result: Any) -> set[Any]:
    return {e.strategies for e in result}


small_three_player = games(
    st.sampled_from([(2, 2, 2), (2, 2, 3), (3, 2, 2), (2, 3, 2)]), min_value=0, max_value=3
)


@settings(max_examples=8)
@given(
    game=small_three_player,
    scale=st.integers(1, 4),
    shift=st.integers(-3, 3),
    player=st.integers(0, 2),
    data=st.data(),
)
def test_random_three_player_games(
    game: NormalFormGame, scale: int, shift: int, player: int, data: st.DataObject
) -> None:
    result = solve(game)
    assert result.max_regret == 0
    for e in result:  # zero regret exactly, by the independent checks
        if all(isinstance(x, Fraction) for row in e.strategies for x in row):
            assert max_regret(game, e.strategies) == 0
        else:
            assert _certified_by_sympy(game, e.strategies)
    # positive affine change of one player's payoffs: the same equilibria
    payoffs = game.payoffs.copy()
    payoffs[player] = payoffs[player] * scale + shift
    assert _canonical(solve(game.with_payoffs(payoffs))) == _canonical(result)
    # relabelling one player's actions permutes the equilibria
    order = data.draw(st.permutations(range(game.shape[player])))
    permuted = np.take(game.payoffs, order, axis=1 + player)
    relabelled = solve(game.with_payoffs(permuted))
    moved = {
        tuple(
            tuple(row[k] for k in order) if i == player else row
            for i, row in enumerate(e.strategies)
        )
        for e in result
    }
    assert relabelled.complete == result.complete
    if result.complete:  # samples of a continuum (not complete) need not move with the labels
        assert _canonical(relabelled) == moved


@settings(max_examples=12)
@given(game=games(st.sampled_from([(2, 2), (2, 3), (3, 3)]), min_value=0, max_value=3))
def test_with_two_players_the_support_enumeration_equals_vertex_enumeration(
    game: NormalFormGame,
) -> None:
    ours = solve_nplayer(game)
    theirs = solve(game, method="enumeration")
    assert ours.max_regret == 0
    if ours.complete and not theirs.continua:
        assert _canonical(ours) == _canonical(theirs)
    else:  # a continuum: our samples are equilibria, the extreme points are among ours
        assert all(max_regret(game, e.strategies) == 0 for e in ours)
        isolated = [theirs[c[0]] for c in theirs.components if len(c) == 1]
        assert {e.strategies for e in isolated} <= _canonical(ours)


def test_a_continuum_where_one_player_mixes_is_listed_by_its_vertices() -> None:
    # Nau et al. (2004), section 5: with (Top, Right) player 3 is indifferent between 1
    # and 2, and the others stay best responses while it plays 1 with probability >= 1/4
    game = read_nfg_game(FIXTURES / "nau2004_sec5.nfg")
    result = solve(game)
    segments = [c for c in result.components if len(c) > 1]
    top_right = [
        c
        for c in segments
        if result[c[0]].profile is not None and result[c[0]].profile[:2] == ("Top", "Right")
    ]
    assert len(top_right) == 1
    ends = sorted(result[k].strategies[2] for k in top_right[0])
    assert ends == [(F(1, 4), F(3, 4)), (F(1), F(0))]
    for c in segments:  # every mixture of the vertices is an equilibrium; beyond them not
        a, b = (result[k].strategies for k in c)
        mid = tuple(
            tuple((x + y) / 2 for x, y in zip(s, t, strict=True)) for s, t in zip(a, b, strict=True)
        )
        assert max_regret(game, mid) == 0
        out = tuple(
            tuple(2 * y - x for x, y in zip(s, t, strict=True)) for s, t in zip(a, b, strict=True)
        )
        if all(p >= 0 for s in out for p in s):
            assert max_regret(game, out) > 0


def test_games_too_large_or_in_floats_get_pure_equilibria_honestly() -> None:
    from gametrust.core.errors import ArgumentError

    big = NormalFormGame.from_payoff_tensor(np.zeros((3, 5, 5, 5), dtype=object) + 1)
    result = solve(big)  # 29,791 support profiles: more than SUPPORT_BUDGET
    assert result.method == "pure" and not result.complete and len(result) == 125
    with pytest.raises(ArgumentError, match="support profiles"):
        solve(big, method="enumeration")
    floats = read_nfg_game(FIXTURES / "2x2x2.nfg").to_float()
    assert solve(floats).method == "pure"
    with pytest.raises(ArgumentError, match="float payoffs"):
        solve(floats, method="enumeration")
