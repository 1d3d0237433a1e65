"""The exact simplex method: known optima, degenerate programs, and agreement with a brute
vertex enumeration on random small programs."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

import hypothesis.strategies as st
from hypothesis import given, settings

from gametrust.core.linalg import solve_square
from gametrust.solvers.exact_lp import maximise

F = Fraction


def brute_optimum(c, a_ub, b_ub) -> Fraction | None:
    """max c.x over {a_ub x <= b_ub, x >= 0} by trying every vertex (bounded programs)."""
    n = len(c)
    rows = [list(map(F, r)) for r in a_ub] + [[F(int(i == j)) for j in range(n)] for i in range(n)]
    rhs = list(map(F, b_ub)) + [F(0)] * n
    best = None
    for chosen in combinations(range(len(rows)), n):
        solved = solve_square([rows[k] for k in chosen], [[rhs[k]] for k in chosen])
        if solved is None:
            continue
        x = [row[0] for row in solved]
        ok = all(sum(r[j] * x[j] for j in range(n)) <= rhs[k]
                 for k, r in enumerate(rows[: len(a_ub)]))
        if ok and all(v >= 0 for v in x):
            value = sum(F(cj) * xj for cj, xj in zip(c, x, strict=True))
            best = value if best is None or value > best else best
    return best


def test_a_textbook_program() -> None:
    # max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18: optimum 36 at (2, 6)
    lp = maximise([3, 5], a_ub=[[1, 0], [0, 2], [3, 2]], b_ub=[4, 12, 18])
    assert (lp.status, lp.value, lp.x) == ("optimal", 36, (2, 6))


def test_beales_cycling_example_terminates_with_bland() -> None:
    # Beale (1955): Dantzig's rule cycles on it; Bland's rule does not.  Optimum 1/20.
    c = [F(3, 4), -150, F(1, 50), -6]
    a = [[F(1, 4), -60, F(-1, 25), 9], [F(1, 2), -90, F(-1, 50), 3], [0, 0, 1, 0]]
    lp = maximise(c, a_ub=a, b_ub=[0, 0, 1])
    assert lp.status == "optimal" and lp.value == F(1, 20)
    assert lp.x == (F(1, 25), 0, 1, 0)


def test_equalities_redundant_rows_and_negative_right_hand_sides() -> None:
    # x + y = 1 written twice, -x <= -1/3: x in [1/3, 1]; max y - x = 1/3 at x = 1/3
    lp = maximise([-1, 1], a_ub=[[-1, 0]], b_ub=[F(-1, 3)], a_eq=[[1, 1], [2, 2]], b_eq=[1, 2])
    assert lp.status == "optimal" and lp.value == F(1, 3) and lp.x == (F(1, 3), F(2, 3))
    assert maximise([1, 1], a_eq=[[1, 1], [1, 1]], b_eq=[1, 2]).status == "infeasible"


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 3).flatmap(lambda n: st.tuples(
    st.lists(st.integers(-4, 4), min_size=n, max_size=n),
    st.lists(st.lists(st.integers(-3, 4), min_size=n, max_size=n), min_size=1, max_size=4),
    st.lists(st.integers(0, 5), min_size=4, max_size=4),
)))
def test_the_simplex_agrees_with_vertex_enumeration(data) -> None:
    c, a, b = data
    n = len(c)
    a = [*a, [1] * n]  # bounded: the sum of the variables is at most 6
    b = [*b[: len(a) - 1], 6]
    lp = maximise(c, a_ub=a, b_ub=b)
    assert lp.status == "optimal"  # x = 0 is feasible (b >= 0) and the region is bounded
    assert lp.value == brute_optimum(c, a, b)
    assert all(v >= 0 for v in lp.x)
    assert all(sum(F(r[j]) * lp.x[j] for j in range(n)) <= bk for r, bk in zip(a, b, strict=True))
    assert sum(F(cj) * xj for cj, xj in zip(c, lp.x, strict=True)) == lp.value
