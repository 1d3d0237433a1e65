"""Exact Lemke–Howson: every answer is an exact equilibrium, from every label."""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametrust import ArgumentError, NormalFormGame, is_nash, solve
from gametrust.model.exact_regret import int_matvec
from gametrust.solvers import lemke_howson as lh_module
from gametrust.solvers import lemke_howson_float as lh_float
from gametrust.solvers.lemke_howson import lemke_howson, lemke_howson_gen
from gametrust.solvers.lemke_howson_float import BasisSolution, certified_profile, float_path
from gametrust.solvers.lemke_howson_kernel import compiled, interpreted
from gametrust.solvers.result import certify

F = Fraction


def _labels(game: NormalFormGame) -> range:
    return range(sum(game.shape))


def _assert_exact_equilibrium(game: NormalFormGame, profile) -> None:
    for strategy in profile:
        assert all(isinstance(p, Fraction) for p in strategy)
        assert all(p >= 0 for p in strategy)
        assert sum(strategy) == 1
    assert is_nash(game, profile)


def _random_game(size: int, seed: int, *, zero_sum: bool = False) -> NormalFormGame:
    rng = random.Random(seed)
    a = [[rng.randrange(100) for _ in range(size)] for _ in range(size)]
    if zero_sum:  # constant-sum: no pure equilibrium, one large mixed one
        b = [[99 - v for v in row] for row in a]
    else:
        b = [[rng.randrange(100) for _ in range(size)] for _ in range(size)]
    return NormalFormGame.from_arrays(a, b)


# -- textbook games ---------------------------------------------------------------------------


def test_prisoners_dilemma_every_label_reaches_mutual_defection() -> None:
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    for label in _labels(pd):
        assert lemke_howson(pd, label) == ((F(0), F(1)), (F(0), F(1)))


def test_stag_hunt_every_label_reaches_one_of_its_three_equilibria() -> None:
    stag = NormalFormGame.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    stag_stag = ((F(1), F(0)), (F(1), F(0)))
    hare_hare = ((F(0), F(1)), (F(0), F(1)))
    mixed = ((F(3, 4), F(1, 4)), (F(3, 4), F(1, 4)))
    reached = {lemke_howson(stag, label) for label in _labels(stag)}
    assert reached <= {stag_stag, hare_hare, mixed}
    # the mixed equilibrium has the "wrong" index: no path from the artificial one ends there
    assert reached == {stag_stag, hare_hare}
    assert set(lemke_howson_gen(stag)) == {stag_stag, hare_hare}


def test_matching_pennies_is_one_half_from_every_label() -> None:
    pennies = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    half = (F(1, 2), F(1, 2))
    for label in _labels(pennies):
        assert lemke_howson(pennies, label) == (half, half)


def test_rock_paper_scissors_is_one_third_from_every_label() -> None:
    rps = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    game = NormalFormGame.from_arrays(rps.tolist(), (-rps).tolist())
    third = (F(1, 3),) * 3
    for label in _labels(game):
        assert lemke_howson(game, label) == (third, third)


def test_unequal_sizes_and_fractional_payoffs() -> None:
    game = NormalFormGame.from_arrays(
        [["1/3", 0, "2.5"], [1, "-7/4", 0]], [[0, "1/2", 1], ["3/7", 0, "0.1"]]
    )
    for label in _labels(game):
        _assert_exact_equilibrium(game, lemke_howson(game, label))


def test_one_by_one_game() -> None:
    game = NormalFormGame.from_arrays([[5]], [[-2]])
    assert lemke_howson(game, 0) == lemke_howson(game, 1) == ((F(1),), (F(1),))


# -- degenerate games -------------------------------------------------------------------------


def test_degenerate_game_where_non_lexicographic_pivoting_cycles() -> None:
    # nashpy's float Lemke-Howson with lexicographic=False pivots forever on this game
    # from labels 2 and 3 (the row player is indifferent between columns: a tie in the
    # ratio test).  The lexicographic rule resolves the tie; the unique equilibrium is
    # (row 2, column 2).
    game = NormalFormGame.from_arrays([[0, 0], [1, 1]], [[1, 2], [0, 1]])
    for label in _labels(game):
        assert lemke_howson(game, label) == ((F(0), F(1)), (F(0), F(1)))


def test_constant_game_every_label() -> None:
    game = NormalFormGame.from_arrays([[0] * 3] * 3, [[0] * 3] * 3)
    for label in _labels(game):
        _assert_exact_equilibrium(game, lemke_howson(game, label))


def test_degenerate_game_with_a_continuum() -> None:
    # column player indifferent everywhere; row player's best reply depends on the column
    game = NormalFormGame.from_arrays([[1, 0, 1], [0, 1, 1]], [[2, 2, 2], [2, 2, 2]])
    for label in _labels(game):
        _assert_exact_equilibrium(game, lemke_howson(game, label))


# -- property: random small games with many ties ----------------------------------------------


@st.composite
def small_games(draw: st.DrawFn) -> NormalFormGame:
    m = draw(st.integers(1, 5))
    n = draw(st.integers(1, 5))
    high = draw(st.sampled_from([1, 2, 3, 50]))  # tiny ranges force ties and degeneracy
    entries = st.integers(-high, high)
    a = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    b = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    return NormalFormGame.from_arrays(a, b)


@settings(max_examples=300, deadline=None)
@given(small_games())
def test_every_label_gives_an_exact_equilibrium(game: NormalFormGame) -> None:
    for label in _labels(game):
        _assert_exact_equilibrium(game, lemke_howson(game, label))


@settings(max_examples=100, deadline=None)
@given(small_games())
def test_gen_yields_distinct_equilibria_one_per_reached_end(game: NormalFormGame) -> None:
    found = list(lemke_howson_gen(game))
    assert len(set(found)) == len(found) >= 1
    assert set(found) == {lemke_howson(game, label) for label in _labels(game)}
    for profile in found:
        assert is_nash(game, profile)


@settings(max_examples=100, deadline=None)
@given(small_games(), st.data())
def test_payoff_shift_and_scale_do_not_change_the_path(game: NormalFormGame, data) -> None:
    # affine invariance: the tableaux are built from shifted positive integer payoffs
    shift = data.draw(st.integers(-1000, 1000))
    scale = data.draw(st.sampled_from([F(1, 3), F(2), F(7, 5)]))
    moved = game.with_payoffs(game.payoffs * scale + shift)
    label = data.draw(st.integers(0, sum(game.shape) - 1))
    assert lemke_howson(moved, label) == lemke_howson(game, label)


# -- float games ------------------------------------------------------------------------------


def test_float_game_is_solved_exactly_on_its_rationals() -> None:
    a = [[0.1, 0.7], [0.3, 0.2]]
    b = [[0.3, 0.1], [0.2, 0.6]]
    game = NormalFormGame.from_arrays(a, b)
    assert not game.exact
    exact = NormalFormGame.from_arrays(a, b, exact=True)  # the floats' exact rational values
    for label in _labels(game):
        x, y = lemke_howson(game, label)
        assert all(isinstance(p, float) for p in x + y)
        assert is_nash(game, (x, y))
        ex, ey = lemke_howson(exact, label)
        assert (x, y) == (tuple(map(float, ex)), tuple(map(float, ey)))


# -- large games ------------------------------------------------------------------------------


def test_random_100x100_game_solves_and_certifies() -> None:
    game = _random_game(100, seed=0)
    profile = lemke_howson(game)
    _assert_exact_equilibrium(game, profile)
    (equilibrium,) = certify(game, [profile], method="lemke-howson")
    assert equilibrium.regret == 0


def test_large_mixed_equilibrium_of_a_constant_sum_game() -> None:
    # no pure equilibrium: a long path, tableau entries of hundreds of bits
    game = _random_game(60, seed=0, zero_sum=True)
    x, y = lemke_howson(game)
    _assert_exact_equilibrium(game, (x, y))
    assert sum(p > 0 for p in x) > 10
    assert max(p.denominator for p in x) > 2**64  # beyond any fixed-width integer


# -- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("label", [-1, 4, True, 1.0, "0", None])
def test_bad_initial_label(label: object) -> None:
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(ArgumentError) as err:
        lemke_howson(pd, label)  # type: ignore[arg-type]
    assert err.value.location.path == ("initial_label",)


def test_numpy_integer_label_is_accepted() -> None:
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert lemke_howson(pd, np.int64(3)) == lemke_howson(pd, 3)


def test_not_two_players() -> None:
    three = NormalFormGame.from_payoff_tensor(np.zeros((3, 2, 2, 2), dtype=int))
    with pytest.raises(ArgumentError) as err:
        lemke_howson(three)
    assert err.value.location.path == ("game",)
    with pytest.raises(ArgumentError):
        lemke_howson_gen(three)


def test_not_a_game() -> None:
    with pytest.raises(ArgumentError) as err:
        lemke_howson([[1, 0], [0, 1]])  # type: ignore[arg-type]
    assert err.value.location.path == ("game",)


def test_gen_checks_labels_when_called() -> None:
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(ArgumentError) as err:
        lemke_howson_gen(pd, [0, 9])
    assert err.value.location.path == ("initial_labels", 1)
    with pytest.raises(ArgumentError) as err:
        lemke_howson_gen(pd, 3)  # type: ignore[arg-type]
    assert err.value.location.path == ("initial_labels",)


# -- float path, exact basis (lemke_howson_float) -----------------------------------------------


def _matrices(rows: int, cols: int, high: int, seed: int) -> tuple[list, list]:
    rng = random.Random(seed)
    a = [[rng.randrange(high) for _ in range(cols)] for _ in range(rows)]
    b = [[rng.randrange(high) for _ in range(cols)] for _ in range(rows)]
    return a, b


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.sampled_from([2, 3, 10, 100]), st.integers())
def test_float_path_reaches_the_same_equilibrium_as_exact_pivoting(
    rows: int, cols: int, high: int, seed: int
) -> None:
    # the floats only choose the bases; ties (high = 2, 3: degenerate games) included
    game = NormalFormGame.from_arrays(*_matrices(rows, cols, high, seed))
    for label in _labels(game):
        exact = lemke_howson(game, label, arithmetic="exact")
        assert lemke_howson(game, label, arithmetic="float") == exact


@settings(max_examples=40, deadline=None)
@given(small_games())
def test_every_end_is_an_extreme_equilibrium_listed_by_the_enumerator(game: NormalFormGame) -> None:
    # a Lemke-Howson end is a basic solution: a vertex pair, so an extreme equilibrium
    listed = {e.strategies for e in solve(game, method="enumeration")}
    for mode in ("exact", "float"):
        for profile in lemke_howson_gen(game, arithmetic=mode):
            assert profile in listed


def test_a_float_basis_that_is_not_an_equilibrium_falls_back_to_exact_pivoting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    game = _random_game(30, seed=3)
    expected = lemke_howson(game, 5, arithmetic="exact")
    wrong = (tuple(F(1) if k == 0 else F(0) for k in range(30)),) * 2  # not an equilibrium
    assert not is_nash(game, wrong)

    def drifted(a, b, end):  # as if rounding had picked a wrong final basis: pure (0, 0)
        return BasisSolution([0], [1], int(b[0, 0]), [0], [1], int(a[0, 0]))

    monkeypatch.setattr(lh_module, "basis_solution", drifted)
    assert lemke_howson(game, 5, arithmetic="float") == expected
    monkeypatch.setattr(lh_module, "float_path", lambda a, b, label, cap: None)  # lost its way
    assert lemke_howson(game, 5, arithmetic="float") == expected


def test_capping_tries_other_labels_and_always_ends() -> None:
    game = _random_game(60, seed=1)
    for mode in ("exact", "float"):
        profile = lemke_howson(game, 0, capping=1, arithmetic=mode)
        _assert_exact_equilibrium(game, profile)
    # a cap no path meets at first: the cap doubles until one label's path fits
    assert lemke_howson(game, 7, capping=10_000) == lemke_howson(game, 7)


def test_large_game_default_float_path_is_exact_and_certified() -> None:
    game = _random_game(120, seed=2)
    profile = lemke_howson(game)  # m + n > FLOAT_PATH_FROM: float path, exact basis
    _assert_exact_equilibrium(game, profile)
    (equilibrium,) = certify(game, [profile], method="lemke-howson")
    assert equilibrium.regret == 0


@pytest.mark.parametrize(("argument", "value"), [("capping", 0), ("capping", 1.5),
                                                 ("arithmetic", "fast")])
def test_bad_capping_or_arithmetic(argument: str, value: object) -> None:
    pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(ArgumentError) as err:
        lemke_howson(pd, **{argument: value})  # type: ignore[arg-type]
    assert err.value.location.path == (argument,)


def test_solve_abandons_a_long_path_for_another_label() -> None:
    game = _random_game(45, seed=0)  # m + n = 90 > FLOAT_PATH_FROM: capped at 450 pivots
    result = solve(game, method="lemke-howson")
    assert result.max_regret == 0 and not result.complete
    profile = result.equilibria[0].strategies
    assert profile in {lemke_howson(game, label) for label in _labels(game)}
    small = _random_game(10, seed=0)  # small games: label 0 to its end, as before
    assert solve(small, method="lemke-howson").equilibria[0].strategies == lemke_howson(small)


# -- the float path's kernels: numpy, compiled (numba, optional), interpreted ------------------


def _float_ends(game: NormalFormGame, label: int, kernel: str):
    start = lh_module._start(game)
    a, b = start.a, start.b
    return float_path(a, b, label, kernel=kernel), a, b


def _same_end(first, second) -> None:
    assert (first is None) == (second is None)
    if first is not None:
        assert (first.pivots, first.complete) == (second.pivots, second.complete)
        assert (first.p_basic, first.q_basic) == (second.p_basic, second.q_basic)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 9), st.integers(1, 9), st.sampled_from([2, 3, 100]), st.integers())
def test_interpreted_kernel_takes_the_numpy_paths_pivots(
    rows: int, cols: int, high: int, seed: int
) -> None:
    # the kernel's loops (run by Python here, no numba needed) against the numpy tableau:
    # the same pivots to the same bases, ties (high = 2, 3: degenerate games) included
    game = NormalFormGame.from_arrays(*_matrices(rows, cols, high, seed))
    for label in _labels(game):
        numpy_end, _, _ = _float_ends(game, label, "numpy")
        loops_end, _, _ = _float_ends(game, label, "interpreted")
        _same_end(numpy_end, loops_end)


def test_a_tie_in_the_first_ratio_test_is_broken_alike_by_every_kernel() -> None:
    # column 0 of B has its maximum 9 twice: dropping label 0 ties rows 0 and 2 at once
    a = [[3, 1, 2], [1, 3, 2], [2, 2, 3]]
    b = [[9, 1, 4], [2, 9, 1], [9, 3, 2]]
    game = NormalFormGame.from_arrays(a, b)
    start = lh_module._start(game)
    table = float_path(start.a, start.b, 0, max_pivots=0, kernel="numpy")
    assert table is not None and not table.complete
    ends = [_float_ends(game, 0, kernel)[0] for kernel in ("numpy", "interpreted", "auto")]
    for end in ends[1:]:
        _same_end(ends[0], end)
    expected = lemke_howson(game, 0, arithmetic="exact")
    assert lemke_howson(game, 0, arithmetic="float") == expected
    _assert_exact_equilibrium(game, expected)


@pytest.mark.skipif(compiled() is None, reason="numba is not installed (gametrust[speed])")
def test_compiled_kernel_takes_the_numpy_paths_pivots_on_large_games() -> None:
    for size, seed in [(60, 0), (60, 1), (100, 3), (45, 2)]:
        game = _random_game(size, seed)
        for label in (0, 1, size):
            numpy_end, _, _ = _float_ends(game, label, "numpy")
            compiled_end, _, _ = _float_ends(game, label, "compiled")
            _same_end(numpy_end, compiled_end)
    degenerate = NormalFormGame.from_arrays(*_matrices(30, 25, 3, seed=5))
    for label in range(55):
        _same_end(_float_ends(degenerate, label, "numpy")[0],
                  _float_ends(degenerate, label, "compiled")[0])


@pytest.mark.skipif(compiled() is None, reason="numba is not installed (gametrust[speed])")
def test_a_long_path_moves_from_numpy_to_the_kernel_midway(monkeypatch: pytest.MonkeyPatch) -> None:
    game = _random_game(100, seed=0)  # 188 pivots from label 0: moves after 63
    expected = _float_ends(game, 0, "numpy")[0]
    monkeypatch.setenv("GAMETRUST_KERNEL", "numpy")
    reference = lemke_howson(game, 0)
    monkeypatch.delenv("GAMETRUST_KERNEL")
    monkeypatch.setattr(lh_float, "SWITCH_AFTER", 0.0)
    calls = []
    monkeypatch.setattr(lh_float, "compiled", lambda: calls.append(1) or compiled())
    _same_end(expected, _float_ends(game, 0, "auto")[0])
    assert calls == [1]
    assert lemke_howson(game, 0) == reference


def test_the_kernel_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_kernel() -> None:
        raise AssertionError("the compiled kernel was asked for")

    monkeypatch.setattr(lh_float, "compiled", no_kernel)
    monkeypatch.setattr(lh_float, "SWITCH_AFTER", 0.0)
    monkeypatch.setenv("GAMETRUST_KERNEL", "numpy")
    game = _random_game(100, seed=0)
    _assert_exact_equilibrium(game, lemke_howson(game, 0))
    with pytest.raises(ValueError, match="kernel"):
        float_path(np.ones((2, 2), np.int64), np.ones((2, 2), np.int64), 0, kernel="fast")


def test_a_basis_solution_that_is_not_an_equilibrium_is_not_certified() -> None:
    # A = B = [[2, 1], [1, 2]] (coordination): the mixed (1/2, 1/2) pair is an equilibrium;
    # the pure pair (row 0, column 1) is not, nor a pair with a negative weight
    a = np.array([[2, 1], [1, 2]], dtype=np.int64)
    mixed = BasisSolution([0, 1], [1, 1], 3, [0, 1], [1, 1], 3)
    assert certified_profile(a, a, mixed) == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    assert certified_profile(a, a, BasisSolution([0], [1], 1, [1], [1], 1)) is None
    assert certified_profile(a, a, BasisSolution([0, 1], [2, -1], 1, [0, 1], [1, 1], 3)) is None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(-(2**62), 2**62), min_size=3, max_size=3), min_size=1,
             max_size=4),
    st.lists(st.integers(-(2**200), 2**200), min_size=3, max_size=3),
)
def test_int_matvec_is_exact(matrix: list[list[int]], weights: list[int]) -> None:
    # int64 limbs (any bound) against Python ints
    expected = [sum(v * w for v, w in zip(line, weights, strict=True)) for line in matrix]
    assert int_matvec(np.array(matrix, dtype=np.int64), weights) == expected
    assert int_matvec(np.array(matrix, dtype=object), weights) == expected
    small = np.array(matrix, dtype=np.int64) % 100
    assert int_matvec(small, weights) == [
        sum(int(v) * w for v, w in zip(line, weights, strict=True)) for line in small
    ]


@pytest.mark.parametrize("kernel", ["interpreted", "compiled"])
def test_kernel_tables_are_the_numpy_tables_bit_for_bit(kernel: str) -> None:
    loops = interpreted() if kernel == "interpreted" else compiled()
    if loops is None:
        pytest.skip("numba is not installed (gametrust[speed])")
    rng = np.random.default_rng(7)
    a = rng.integers(1, 2**60, size=(7, 5))  # past 2**53: int64 -> float64 rounds
    b = rng.integers(1, 1000, size=(7, 5))
    p_table, q_table = np.empty((5, 8)), np.empty((7, 6))
    loops.fill_tables(a, b, p_table, q_table)
    assert np.array_equal(q_table[:, :5], a * (1 / float(a.max()))) and (q_table[:, 5] == 1).all()
    assert np.array_equal(p_table[:, :7], b.T * (1 / float(b.max())))
    assert (p_table[:, 7] == 1).all()
