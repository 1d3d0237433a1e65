"""Game-theoretic properties of the two-player solver, over hypothesis-built games.

Games come from :mod:`gametrust.testing.strategies` with small payoff ranges, so ties
(degenerate games) are common: exactly where solvers go wrong.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gametrust import NormalFormGame, is_nash, solve
from gametrust.solvers import _basis_search, modular, vertex_enumeration
from gametrust.solvers.pure import pure_equilibria
from gametrust.testing.strategies import games, shapes, two_player_games


def eq_set(result) -> set:
    return {e.strategies for e in result}


@given(two_player_games(max_actions=4, min_value=0, max_value=3))
@example(NormalFormGame.from_arrays([[0, 0], [0, 0]], [[0, 0], [0, 0]]))
def test_every_equilibrium_has_zero_regret(game: NormalFormGame) -> None:
    result = solve(game)
    assert len(result) >= 1, "every finite game has an equilibrium (Nash 1951)"
    for e in result:
        assert is_nash(game, e.strategies)
        assert e.regret == 0
        assert all(sum(s) == 1 for s in e.strategies)


@given(
    two_player_games(max_actions=4, min_value=0, max_value=3),
    st.fractions(min_value=Fraction(1, 7), max_value=10, max_denominator=7),
    st.fractions(min_value=-5, max_value=5, max_denominator=7),
    st.fractions(min_value=Fraction(1, 7), max_value=10, max_denominator=7),
    st.fractions(min_value=-5, max_value=5, max_denominator=7),
)
def test_positive_affine_transformations_change_nothing(game, a, b, c, d) -> None:
    scaled = game.with_payoffs(
        np.stack([game.payoffs[0] * a + b, game.payoffs[1] * c + d])
    )
    original, transformed = solve(game), solve(scaled)
    assert eq_set(original) == eq_set(transformed)
    assert original.degenerate == transformed.degenerate
    assert len(original.continua) == len(transformed.continua)


@given(st.data())
def test_relabelling_actions_and_players_permutes_the_equilibria(data) -> None:
    game = data.draw(two_player_games(max_actions=4, min_value=0, max_value=3))
    m, n = game.shape
    rows = data.draw(st.permutations(range(m)))
    cols = data.draw(st.permutations(range(n)))
    swap = data.draw(st.booleans())
    order = [1, 0] if swap else [0, 1]
    relabelled = game.permuted(order, [rows, cols])
    expected = set()
    for x, y in eq_set(solve(game)):
        x2 = tuple(x[k] for k in rows)
        y2 = tuple(y[k] for k in cols)
        expected.add((y2, x2) if swap else (x2, y2))
    assert eq_set(solve(relabelled)) == expected


@given(two_player_games(max_actions=4, min_value=0, max_value=4))
def test_exact_and_float_paths_agree(game: NormalFormGame) -> None:
    exact = solve(game)
    floated = solve(game.to_float())
    assert not floated.exact
    assert floated.degenerate == exact.degenerate
    assert len(floated) == len(exact)
    for e in exact:
        target = np.concatenate([np.array(s, dtype=float) for s in e.strategies])
        assert any(
            np.allclose(np.concatenate([np.array(s) for s in f.strategies]), target, atol=1e-7)
            for f in floated
        )


@given(two_player_games(max_actions=4, min_value=0, max_value=3))
def test_pure_equilibria_found_by_enumeration_are_exactly_the_pure_ones(game) -> None:
    pure = {
        tuple(tuple(Fraction(int(k == i)) for k in range(size)) for i, size in
              zip(idx, game.shape, strict=True))
        for idx in pure_equilibria(game)
    }
    assert {e.strategies for e in solve(game) if e.kind == "pure"} == pure


@given(games(shape=shapes(3, 1, 3), min_value=0, max_value=2))
def test_pure_solver_matches_brute_force_for_three_players(game) -> None:
    found = set(pure_equilibria(game))
    brute = set()
    for idx in game.profiles():
        ok = True
        for i in range(3):
            for alt in range(game.shape[i]):
                dev = list(idx)
                dev[i] = alt
                if game.payoffs[(i, *dev)] > game.payoffs[(i, *idx)]:
                    ok = False
        if ok:
            brute.add(idx)
    assert found == brute


@given(two_player_games(max_actions=4, min_value=0, max_value=3))
@settings(max_examples=60)
def test_modular_screened_path_equals_plain_rational_reference(game) -> None:
    fast = vertex_enumeration.enumerate_equilibria(game)
    original_screen = _basis_search._float_screen
    original_primes = modular.primes_for
    try:
        _basis_search._float_screen = lambda c, s, r: np.ones(len(s), dtype=bool)
        modular.primes_for = lambda bound, primes=modular.PRIMES: None  # Fraction path
        slow = vertex_enumeration.enumerate_equilibria(game)
    finally:
        _basis_search._float_screen = original_screen
        modular.primes_for = original_primes
    assert fast.profiles == slow.profiles
    assert fast.degenerate == slow.degenerate
    assert fast.components == slow.components


SMALL_PRIMES = (101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179,
                181, 191, 193, 197)


@given(two_player_games(max_actions=4, min_value=0, max_value=9))
@settings(max_examples=40)
def test_unlucky_primes_fall_back_to_exact_rationals(game) -> None:
    # With tiny primes many determinants vanish modulo some prime but not all;
    # those bases must be decided exactly instead of being lost.
    assert vertex_enumeration.enumerate_equilibria(game, primes=SMALL_PRIMES).profiles == (
        vertex_enumeration.enumerate_equilibria(game).profiles
    )


def _nashpy_set(game: NormalFormGame) -> list:
    a, b = (np.array(m, dtype=float) for m in game.payoffs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(nashpy.Game(a, b).support_enumeration())


@given(two_player_games(max_actions=4, min_value=-1000, max_value=1000))
def test_contains_everything_nashpy_finds(game: NormalFormGame) -> None:
    # nashpy's support enumeration is not a complete reference: its
    # non-negativity check has no tolerance, so it can drop an equilibrium
    # whose zero probabilities come out as -1e-17 (see the pinned game below).
    # What it does find must be among ours.
    result = solve(game)
    for x, y in _nashpy_set(game):
        assert any(
            np.allclose(x, np.array(e.strategies[0], dtype=float), atol=1e-8)
            and np.allclose(y, np.array(e.strategies[1], dtype=float), atol=1e-8)
            for e in result
        )


def test_nashpy_misses_equilibria_that_we_find() -> None:
    # The continuum game: nashpy's support enumeration (equal-size supports)
    # cannot see the extreme equilibria with unequal supports.
    game = NormalFormGame.from_arrays([[1, 1], [1, 1]], [[1, 0], [0, 1]])
    assert len(solve(game)) == 4
    assert len(_nashpy_set(game)) < 4
    # A nondegenerate game whose unique equilibrium nashpy loses to rounding
    # (found by hypothesis): ((1/85, 0, 0, 84/85), (1/2, 1/2)).
    game = NormalFormGame.from_arrays(
        [[0, 1], [0, 0], [0, 0], [1, 0]], [[0, -84], [0, 1], [0, 1], [0, 1]]
    )
    result = solve(game)
    assert not result.degenerate
    assert [e.strategies for e in result] == [
        ((Fraction(1, 85), 0, 0, Fraction(84, 85)), (Fraction(1, 2), Fraction(1, 2)))
    ]
    assert _nashpy_set(game) == []


@pytest.mark.parametrize("n", [6, 8])
def test_larger_random_games_certify(n: int) -> None:
    rng = np.random.default_rng(n)
    for _ in range(3):
        game = NormalFormGame.from_arrays(
            rng.integers(0, 10, (n, n)).tolist(), rng.integers(0, 10, (n, n)).tolist()
        )
        result = solve(game)
        assert len(result) >= 1
        assert all(is_nash(game, e.strategies) for e in result)
