"""Games held as integers (one denominator per player) and the integer certificate.

An exact game built from integer arrays keeps them as they are; its payoffs
read as the same Fractions, every solver gives the same certified answers as
on the game built from Fractions, and the integer certificate (regrets, payoffs,
strictness) equals the textbook Fraction computation.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametrust import ArgumentError, NormalFormGame, solve
from gametrust.model.exact_regret import exact_certificate
from gametrust.model.regret import is_nash, regrets
from gametrust.solvers.pure import pure_equilibria

F = Fraction


def _fraction_game(ints: np.ndarray, dens: list[int]) -> NormalFormGame:
    tensor = np.empty(ints.shape, dtype=object)
    for i, d in enumerate(dens):
        tensor[i].ravel()[:] = [F(int(v), d) for v in ints[i].ravel()]
    return NormalFormGame.from_payoff_tensor(tensor)


def _reference(game: NormalFormGame, profile) -> tuple[tuple, tuple]:
    """Expected payoffs and regrets summed profile by profile in Fractions (the definition)."""
    payoffs, regret = [], []
    for i in range(game.n_players):
        dev = []
        for action in range(game.shape[i]):
            total = F(0)
            for cell in product(*(range(k) for k in game.shape)):
                if cell[i] != action:
                    continue
                weight = F(1)
                for j, k in enumerate(cell):
                    if j != i:
                        weight *= F(profile[j][k])
                total += weight * game.payoffs[(i, *cell)]
            dev.append(total)
        expected = sum((F(p) * d for p, d in zip(profile[i], dev, strict=True)), F(0))
        payoffs.append(expected)
        regret.append(max(dev) - expected)
    return tuple(payoffs), tuple(regret)


@st.composite
def integer_games(draw: st.DrawFn) -> tuple[np.ndarray, list[int]]:
    n = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    high = draw(st.sampled_from([2, 50, 2**40]))  # 2**40: products pass int64
    values = draw(st.lists(st.integers(-high, high), min_size=n * int(np.prod(shape)),
                           max_size=n * int(np.prod(shape))))
    dens = draw(st.lists(st.integers(1, 12), min_size=n, max_size=n))
    return np.array(values, dtype=np.int64).reshape((n, *shape)), dens


@st.composite
def profiles(draw: st.DrawFn, shape: tuple[int, ...]) -> tuple:
    out = []
    for size in shape:
        weights = draw(st.lists(st.integers(0, 2**33), min_size=size, max_size=size))
        if not any(weights):
            weights[0] = 1
        out.append(tuple(F(w, sum(weights)) for w in weights))
    return tuple(out)


@settings(max_examples=60, deadline=None)
@given(integer_games(), st.data())
def test_integer_certificate_equals_the_fraction_definition(game_data, data) -> None:
    ints, dens = game_data
    held = NormalFormGame.from_integers(ints, dens)
    profile = data.draw(profiles(held.shape))
    check = exact_certificate(held, profile)
    assert (check.payoffs, check.regrets) == _reference(_fraction_game(ints, dens), profile)
    assert check.probabilities


@settings(max_examples=60, deadline=None)
@given(integer_games(), st.data())
def test_pure_profiles_certified_by_one_line_each(game_data, data) -> None:
    ints, dens = game_data
    held = NormalFormGame.from_integers(ints, dens)
    cell = tuple(data.draw(st.integers(0, k - 1)) for k in held.shape)
    profile = tuple(tuple(int(k == c) for k in range(size))
                    for c, size in zip(cell, held.shape, strict=True))
    check = exact_certificate(held, profile)
    payoffs, regret = _reference(_fraction_game(ints, dens), profile)
    assert (check.payoffs, check.regrets) == (payoffs, regret)
    assert check.is_nash == (cell in set(pure_equilibria(held)))
    strict = all(
        all(held.payoffs[(i, *cell)] > held.payoffs[(i, *cell[:i], k, *cell[i + 1:])]
            for k in range(held.shape[i]) if k != cell[i])
        for i in range(held.n_players)
    )
    assert check.strict == strict


@settings(max_examples=40, deadline=None)
@given(integer_games(), st.integers(1, 9), st.integers(-100, 100))
def test_equilibria_invariant_under_positive_affine_scaling(game_data, scale, shift) -> None:
    ints, dens = game_data
    game = NormalFormGame.from_integers(ints, dens)
    moved = NormalFormGame.from_integers(ints * scale + shift, dens)
    assert pure_equilibria(moved) == pure_equilibria(game)
    if game.n_players == 2:
        assert [e.strategies for e in solve(moved)] == [e.strategies for e in solve(game)]


def test_integer_arrays_make_the_same_game_as_fractions() -> None:
    rng = np.random.default_rng(5)
    a, b = rng.integers(-9, 9, (3, 4)), rng.integers(-9, 9, (3, 4))
    held = NormalFormGame.from_arrays(a, b)
    built = NormalFormGame.from_arrays(a.astype(object).tolist(), b.astype(object).tolist())
    assert held.exact and held == built and hash(held) == hash(built)
    assert held.payoffs.dtype == object and held.payoffs[1, 2, 3] == F(int(b[2, 3]))
    assert isinstance(held.payoff((0, 0))[0], Fraction)
    assert held.to_float() == built.to_float()
    assert held.permuted([1, 0], [[2, 0, 1], [3, 2, 1, 0]]) == built.permuted(
        [1, 0], [[2, 0, 1], [3, 2, 1, 0]]
    )
    assert solve(held).to_dict() == solve(built).to_dict()
    a[0, 0] = 100  # the game holds its own copy
    assert held.payoffs[0, 0, 0] != 100


def test_rational_game_from_integers_and_denominators() -> None:
    ints = np.array([[[1, 0], [3, 7]], [[6, 3], [0, 9]]])
    held = NormalFormGame.from_integers(ints, [2, 3])
    assert held.payoff((1, 1)) == (F(7, 2), F(3))
    assert held == _fraction_game(ints, [2, 3])
    assert held.integer_form[1] == (2, 3)
    huge = NormalFormGame.from_integers([[[2**70, 0]], [[1, 2**80]]])
    assert huge.payoffs[1, 0, 1] == 2**80 and pure_equilibria(huge) == [(0, 1)]


def test_three_player_pure_search_on_integers_matches_fractions() -> None:
    rng = np.random.default_rng(11)
    ints = rng.integers(0, 6, (3, 12, 11, 10))
    held = NormalFormGame.from_payoff_tensor(ints)
    built = _fraction_game(ints, [1, 1, 1])
    assert pure_equilibria(held) == pure_equilibria(built) != []
    assert solve(held, method="pure").to_dict() == solve(built, method="pure").to_dict()


@pytest.mark.parametrize(
    ("tensor", "dens", "path"),
    [([[[1, 0]], [[1, 0]]], [1, 0], "denominators"), ([[[1, 0]], [[1, 0]]], [1], "denominators"),
     ([[["1/2", 0]], [[1, 0]]], None, "payoffs"), ([1, 2], None, "tensor")],
)
def test_from_integers_errors(tensor, dens, path) -> None:
    with pytest.raises(ArgumentError) as err:
        NormalFormGame.from_integers(tensor, dens)
    assert err.value.location.path == (path,)


def test_regrets_of_non_probability_vectors_as_before() -> None:
    stag = NormalFormGame.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    assert not is_nash(stag, ((2, -1), (1, 0)))
    assert regrets(stag, ((F(1, 2), F(1, 2)), (1, 0))) == (F(1, 2), F(1))
    # linear in the vectors, as the Fraction computation was: row (2, -1) against Stag
    assert regrets(stag, ((2, -1), (1, 0))) == (F(4 - 5), F(8 - 8))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 7), st.integers(1, 7), st.sampled_from([1, 2, 3, 1000]),
       st.integers(0, 2**32 - 1))
def test_bimatrix_pure_search_is_the_mask_of_best_responses(m, n, top, seed) -> None:
    """The two-player integer search (row by row best responses, ties listed in full) finds
    exactly the cells where both players best-respond, in lexicographic order; small payoff
    ranges make ties everywhere."""
    from gametrust.solvers.pure import pure_equilibrium_mask

    rng = np.random.default_rng(seed)
    game = NormalFormGame.from_arrays(rng.integers(-top, top + 1, (m, n)),
                                      rng.integers(-top, top + 1, (m, n)))
    expected = [tuple(int(k) for k in cell) for cell in np.argwhere(pure_equilibrium_mask(game))]
    assert pure_equilibria(game) == expected
